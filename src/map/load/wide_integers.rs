//! Integers beyond 64 bits (`emotion: 99999999999999999999`): valid YAML,
//! which `serde_yaml::Value` refuses as a whole (`invalid type: integer …
//! as u128`). A file it refuses for that reason only is read again into the
//! same `Value`, each such integer kept as its digits under a tag that no
//! file can write, so that [`super::to_json`] reports it as a `schema`
//! finding at its value. Files without such integers never come here.

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};
use serde_yaml::value::{Tag, TaggedValue};
use serde_yaml::{Mapping, Value as Yaml};

/// Holds a NUL, which the loader refuses in any file: no file can write it.
const TAG: &str = "\u{0}journeymap/integer-beyond-64-bits";

/// Whether serde_yaml refused the file for an integer too wide for 64 bits
/// (and so may read it with [`read`]).
pub(super) fn refused_for_width(error: &serde_yaml::Error) -> bool {
    let text = error.to_string();
    text.contains("invalid type: integer")
        && (text.contains(" as u128") || text.contains(" as i128"))
}

/// The document as `serde_yaml::Value` would hold it, with each integer
/// beyond 64 bits as [`digits`] can find it.
pub(super) fn read(source: &str) -> Result<Yaml, serde_yaml::Error> {
    Wide.deserialize(serde_yaml::Deserializer::from_str(source))
}

/// The digits of an integer [`read`] kept, or `None` for any other value.
pub(super) fn digits(tagged: &TaggedValue) -> Option<&str> {
    match &tagged.value {
        Yaml::String(digits) if tagged.tag == Tag::new(TAG) => Some(digits),
        _ => None,
    }
}

/// What `serde_yaml::Value`'s own visitor does, plus 128-bit integers.
#[derive(Clone, Copy)]
struct Wide;

impl<'de> DeserializeSeed<'de> for Wide {
    type Value = Yaml;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Yaml, D::Error> {
        deserializer.deserialize_any(self)
    }
}

fn too_wide(digits: String) -> Yaml {
    Yaml::Tagged(Box::new(TaggedValue {
        tag: Tag::new(TAG),
        value: Yaml::String(digits),
    }))
}

impl<'de> Visitor<'de> for Wide {
    type Value = Yaml;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("any YAML value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Yaml, E> {
        Ok(Yaml::Bool(b))
    }

    fn visit_i64<E>(self, i: i64) -> Result<Yaml, E> {
        Ok(Yaml::Number(i.into()))
    }

    fn visit_u64<E>(self, u: u64) -> Result<Yaml, E> {
        Ok(Yaml::Number(u.into()))
    }

    fn visit_i128<E>(self, i: i128) -> Result<Yaml, E> {
        Ok(match i64::try_from(i) {
            Ok(i) => Yaml::Number(i.into()),
            Err(_) => too_wide(i.to_string()),
        })
    }

    fn visit_u128<E>(self, u: u128) -> Result<Yaml, E> {
        Ok(match u64::try_from(u) {
            Ok(u) => Yaml::Number(u.into()),
            Err(_) => too_wide(u.to_string()),
        })
    }

    fn visit_f64<E>(self, f: f64) -> Result<Yaml, E> {
        Ok(Yaml::Number(f.into()))
    }

    fn visit_str<E>(self, s: &str) -> Result<Yaml, E> {
        Ok(Yaml::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Yaml, E> {
        Ok(Yaml::String(s))
    }

    fn visit_unit<E>(self) -> Result<Yaml, E> {
        Ok(Yaml::Null)
    }

    fn visit_none<E>(self) -> Result<Yaml, E> {
        Ok(Yaml::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Yaml, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Yaml, A::Error> {
        let mut out = Vec::new();
        while let Some(item) = items.next_element_seed(Wide)? {
            out.push(item);
        }
        Ok(Yaml::Sequence(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Yaml, A::Error> {
        let mut out = Mapping::new();
        while let Some(key) = entries.next_key_seed(Wide)? {
            if out.contains_key(&key) {
                // The words of serde_yaml's own error, which the syntax finding reads.
                return Err(de::Error::custom(match &key {
                    Yaml::String(key) => format!("duplicate entry with key {key:?}"),
                    _ => "duplicate entry in YAML map".to_owned(),
                }));
            }
            let value = entries.next_value_seed(Wide)?;
            out.insert(key, value);
        }
        Ok(Yaml::Mapping(out))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Yaml, A::Error> {
        let (tag, contents) = data.variant::<String>()?;
        if tag.is_empty() {
            return Err(de::Error::custom("empty YAML tag is not allowed"));
        }
        let value = contents.newtype_variant_seed(Wide)?;
        Ok(Yaml::Tagged(Box::new(TaggedValue {
            tag: Tag::new(tag),
            value,
        })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_serde_yaml_reads_and_wide_integers() {
        for source in [
            "a: 1\nb: [x, {c: -2.5}]\n'd': !foo {e: ~}\nf: !!str 3\ng: &x [1]\nh: *x\n",
            "1: a\n[b]: c\n",
            "a: 18446744073709551615\nb: -9223372036854775808\n",
        ] {
            let reference: Yaml = serde_yaml::from_str(source).expect("valid");
            assert_eq!(read(source).ok(), Some(reference), "{source:?}");
        }
        let wide = read("a: 18446744073709551616\nb: [-9223372036854775809]\n").expect("valid");
        let digit = |value: &Yaml| match value {
            Yaml::Tagged(tagged) => digits(tagged).map(str::to_owned),
            _ => None,
        };
        assert_eq!(digit(&wide["a"]).as_deref(), Some("18446744073709551616"));
        assert_eq!(
            digit(&wide["b"][0]).as_deref(),
            Some("-9223372036854775809")
        );
        assert!(read("a: 1\na: 2\n").is_err());
        let error = serde_yaml::from_str::<Yaml>("a: 99999999999999999999\n").unwrap_err();
        assert!(refused_for_width(&error), "{error}");
    }
}
