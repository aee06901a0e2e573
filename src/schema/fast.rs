//! The validator that answers "is this map valid?" for every map checked.
//!
//! It is compiled from a copy of the schema in which the two patterns that
//! nearly every string is matched against, `nonEmptyString`'s `^\s*\S` and
//! the ids' `^[a-z0-9][a-z0-9_-]*$`, are keywords written in Rust. They
//! accept exactly the strings the patterns accept (the tests compare them
//! with jsonschema's matching on every character), and cost a few
//! instructions where jsonschema's matcher costs about 170 per string: the
//! patterns were over a third of the schema's time on a typical map.
//!
//! Only the yes/no answer comes from here. A map it rejects is validated
//! again with the schema as shipped, whose errors the messages are built
//! from, so that findings are the same as if this module did not exist.

use jsonschema::{Keyword, ValidationError, Validator};
use serde_json::{Map, Value};

use super::NON_EMPTY_PATTERN;

/// The ids' pattern, as `slug` and `reference` write it.
pub(super) const SLUG_PATTERN: &str = "^[a-z0-9][a-z0-9_-]*$";

const NON_BLANK_KEYWORD: &str = "x-journeymap-non-blank";
const SLUG_KEYWORD: &str = "x-journeymap-slug";

/// Compiles the schema with the patterns above replaced by their keywords.
pub(super) fn compile(schema: &Value) -> Result<Validator, String> {
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .with_keyword(NON_BLANK_KEYWORD, |_, _, _| Ok(Box::new(NonBlank)))
        .with_keyword(SLUG_KEYWORD, |_, _, _| Ok(Box::new(Slug)))
        .build(&with_keywords(schema))
        .map_err(|e| e.to_string())
}

/// The schema with every `"pattern"` keyword holding one of the two
/// patterns replaced by the keyword that does its job. (The schema has no
/// `const`, `enum` or `default` holding an object, so every `"pattern"` key
/// is a keyword.)
fn with_keywords(schema: &Value) -> Value {
    match schema {
        Value::Object(object) => {
            let mut copy = Map::with_capacity(object.len());
            for (key, value) in object {
                let keyword = match (key.as_str(), value.as_str()) {
                    ("pattern", Some(NON_EMPTY_PATTERN)) => Some(NON_BLANK_KEYWORD),
                    ("pattern", Some(SLUG_PATTERN)) => Some(SLUG_KEYWORD),
                    _ => None,
                };
                match keyword {
                    Some(keyword) => copy.insert(keyword.to_owned(), Value::Bool(true)),
                    None => copy.insert(key.clone(), with_keywords(value)),
                };
            }
            Value::Object(copy)
        }
        Value::Array(items) => Value::Array(items.iter().map(with_keywords).collect()),
        other => other.clone(),
    }
}

/// `^\s*\S`: a string with a character that is not a space. Like every
/// pattern, it says nothing about values that are not strings.
struct NonBlank;

impl<'i> Keyword<'i> for NonBlank {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        if self.is_valid(instance) {
            Ok(())
        } else {
            Err(ValidationError::custom(format!(
                "{instance} does not match \"{NON_EMPTY_PATTERN}\""
            )))
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        instance
            .as_str()
            .is_none_or(|text| text.chars().any(|c| !is_pattern_space(c)))
    }
}

/// `\s` as jsonschema matches it (ECMA-262's white space and line
/// terminators): Unicode's White_Space without U+0085, plus U+FEFF.
fn is_pattern_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}'
                | '\u{FEFF}'
    )
}

/// `^[a-z0-9][a-z0-9_-]*$`: an id.
struct Slug;

impl<'i> Keyword<'i> for Slug {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        if self.is_valid(instance) {
            Ok(())
        } else {
            Err(ValidationError::custom(format!(
                "{instance} does not match \"{SLUG_PATTERN}\""
            )))
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        let Some(text) = instance.as_str() else {
            return true;
        };
        match text.as_bytes() {
            [first, rest @ ..] => {
                matches!(first, b'a'..=b'z' | b'0'..=b'9')
                    && rest
                        .iter()
                        .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-'))
            }
            [] => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// jsonschema's own matching of `pattern`, the reference.
    fn pattern_validator(pattern: &str) -> Validator {
        jsonschema::draft202012::new(&json!({ "pattern": pattern })).expect("a valid pattern")
    }

    /// Every string of one character, then that character after and before
    /// others: the keyword agrees with the pattern on each of them.
    fn agrees_on_every_character(pattern: &str, keyword: &dyn for<'i> Keyword<'i>) {
        let reference = pattern_validator(pattern);
        let mut disagreements = Vec::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for text in [
                c.to_string(),
                format!("a{c}"),
                format!(" {c}"),
                format!("{c}a"),
            ] {
                let value = Value::String(text);
                if keyword.is_valid(&value) != reference.is_valid(&value) {
                    disagreements.push(value);
                }
            }
        }
        assert!(
            disagreements.is_empty(),
            "{pattern}: {} disagreements, first {:?}",
            disagreements.len(),
            &disagreements[..disagreements.len().min(10)]
        );
    }

    #[test]
    fn non_blank_is_the_pattern() {
        agrees_on_every_character(NON_EMPTY_PATTERN, &NonBlank);
    }

    #[test]
    fn slug_is_the_pattern() {
        agrees_on_every_character(SLUG_PATTERN, &Slug);
    }

    #[test]
    fn edge_cases_agree() {
        let cases = [
            "",
            " ",
            "\t\n",
            "\u{FEFF}",
            "\u{85}",
            " \u{3000}x",
            "a",
            "a\n",
            "\na",
            "-a",
            "a-",
            "a_b-c",
            "A",
            "ab c",
            "é",
            "0",
            "x-",
            "\u{0}",
            "a\u{0}",
        ];
        for (pattern, keyword) in [
            (NON_EMPTY_PATTERN, &NonBlank as &dyn for<'i> Keyword<'i>),
            (SLUG_PATTERN, &Slug),
        ] {
            let reference = pattern_validator(pattern);
            for case in cases {
                let value = json!(case);
                assert_eq!(
                    keyword.is_valid(&value),
                    reference.is_valid(&value),
                    "{pattern} on {case:?}"
                );
            }
            for other in [json!(1), json!(null), json!([" "]), json!({"a": ""})] {
                assert!(keyword.is_valid(&other), "{pattern} on {other}");
                assert!(reference.is_valid(&other), "{pattern} on {other}");
            }
        }
    }

    /// Every string of the shipped examples, in turn, replaced by strings
    /// on either side of the two patterns: both validators give the same
    /// answer for each resulting map.
    #[test]
    fn agrees_with_the_schema_on_every_string_of_the_examples() {
        fn string_pointers(value: &Value, pointer: String, out: &mut Vec<String>) {
            match value {
                Value::String(_) => out.push(pointer),
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        string_pointers(item, format!("{pointer}/{i}"), out);
                    }
                }
                Value::Object(object) => {
                    for (key, item) in object {
                        let key = crate::diagnostic::escape_pointer_segment(key);
                        string_pointers(item, format!("{pointer}/{key}"), out);
                    }
                }
                _ => {}
            }
        }
        let replacements = [
            "", " ", "\u{FEFF}", "\u{85}", " \t x", "Upper", "a b", "ok-id_2", "é",
        ];
        let mut maps = 0;
        for entry in
            std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples")).expect("examples")
        {
            let path = entry.expect("entry").path();
            let bytes = std::fs::read(&path).expect("example");
            let loaded = crate::load::load("example.yaml", &bytes);
            let value = loaded.document.expect("the example loads").value;
            assert!(super::super::validators_agree(&value).expect("compiles"));
            let mut pointers = Vec::new();
            string_pointers(&value, String::new(), &mut pointers);
            for pointer in &pointers {
                for replacement in replacements {
                    let mut mutant = value.clone();
                    *mutant.pointer_mut(pointer).expect("pointer") = json!(replacement);
                    assert!(
                        super::super::validators_agree(&mutant).expect("compiles"),
                        "{}: {pointer} = {replacement:?}",
                        path.display()
                    );
                    maps += 1;
                }
            }
        }
        assert!(maps > 1000, "{maps} maps compared");
    }

    #[test]
    fn only_the_two_patterns_are_replaced() {
        let schema: Value = serde_json::from_str(super::super::SCHEMA_TEXT).expect("schema");
        let copy = with_keywords(&schema);
        let text = |v: &Value| serde_json::to_string_pretty(v).expect("json");
        let (original, replaced) = (text(&schema), text(&copy));
        let count = |text: &str, needle: &str| text.matches(needle).count();
        let non_empty = format!("\"pattern\": {}", json!(NON_EMPTY_PATTERN));
        let slug = format!("\"pattern\": {}", json!(SLUG_PATTERN));
        assert!(count(&original, &non_empty) > 0 && count(&original, &slug) > 0);
        assert_eq!(count(&replaced, &non_empty) + count(&replaced, &slug), 0);
        assert_eq!(
            count(&replaced, &format!("\"{NON_BLANK_KEYWORD}\": true")),
            count(&original, &non_empty)
        );
        assert_eq!(
            count(&replaced, &format!("\"{SLUG_KEYWORD}\": true")),
            count(&original, &slug)
        );
        // The other patterns stay patterns.
        assert_eq!(
            count(&replaced, "\"pattern\""),
            count(&original, "\"pattern\"")
                - count(&original, &non_empty)
                - count(&original, &slug)
        );
    }
}
