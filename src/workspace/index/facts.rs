//! What the index knows about one file: its kind, its ids and its links,
//! read from the file's value. This is the definition; the skim
//! ([`super::skim`]) reads the same facts from the text, faster, and is
//! tested against it.

use serde_json::Value;

/// What a workspace file is, by its top-level `kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Kind {
    /// `kind` absent or `journey`: a journey map (also a file that is not
    /// YAML, or whose top level is not a mapping: a map that is broken).
    #[default]
    Journey,
    /// `kind: persona`: a shared persona.
    Persona,
    /// Any other `kind` value: neither (its check reports it).
    Other,
}

/// Where a `journey` link is written in its map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LinkPlace {
    /// `/stages/{stage}/journey`
    Stage(usize),
    /// `/stages/{stage}/touchpoints/{touchpoint}/journey`
    Touchpoint(usize, usize),
}

impl LinkPlace {
    /// The JSON pointer of the link's value.
    pub fn pointer(self) -> String {
        match self {
            LinkPlace::Stage(i) => format!("/stages/{i}/journey"),
            LinkPlace::Touchpoint(i, j) => format!("/stages/{i}/touchpoints/{j}/journey"),
        }
    }
}

/// A `journey: MAP-ID` link of a stage or touchpoint.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Link {
    pub target: String,
    pub place: LinkPlace,
}

/// The cross-file facts of one file, as its value holds them. Values of
/// the wrong type (a number for `id`, a mapping for `parent`) are not
/// facts: the file's own check reports them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facts {
    pub kind: Kind,
    /// The top-level `id`, when it is a string.
    pub id: Option<String>,
    /// `persona` when it is a string: the id of a persona file.
    pub persona: Option<String>,
    /// The top-level `parent`, when it is a string.
    pub parent: Option<String>,
    /// Every `journey` link, in file order.
    pub journeys: Vec<Link>,
}

impl Facts {
    /// The facts of a loaded document. A top level that is not a mapping
    /// has none: it is a (broken) map.
    pub fn of_value(value: &Value) -> Facts {
        let Some(top) = value.as_object() else {
            return Facts::default();
        };
        let string = |key: &str| top.get(key).and_then(Value::as_str).map(str::to_owned);
        let kind = match top.get("kind") {
            None => Kind::Journey,
            Some(Value::String(kind)) if kind == "journey" => Kind::Journey,
            Some(Value::String(kind)) if kind == "persona" => Kind::Persona,
            Some(_) => Kind::Other,
        };
        let mut journeys = Vec::new();
        let stages = top.get("stages").and_then(Value::as_array);
        for (i, stage) in stages.into_iter().flatten().enumerate() {
            if let Some(target) = stage.get("journey").and_then(Value::as_str) {
                journeys.push(Link {
                    target: target.to_owned(),
                    place: LinkPlace::Stage(i),
                });
            }
            let touchpoints = stage.get("touchpoints").and_then(Value::as_array);
            for (j, touchpoint) in touchpoints.into_iter().flatten().enumerate() {
                if let Some(target) = touchpoint.get("journey").and_then(Value::as_str) {
                    journeys.push(Link {
                        target: target.to_owned(),
                        place: LinkPlace::Touchpoint(i, j),
                    });
                }
            }
        }
        Facts {
            kind,
            id: string("id"),
            persona: string("persona"),
            parent: string("parent"),
            journeys,
        }
    }
}

/// The map id a file name gives (WORKSPACE.md): the name without its
/// extension, lower-cased, every run of characters outside `[a-z0-9_-]`
/// turned into `-`, leading and trailing `-` and `_` removed. `None` when
/// nothing is left: such a map cannot be linked.
pub fn id_from_file_name(name: &str) -> Option<String> {
    let stem = match name.rsplit_once('.') {
        Some((stem, _extension)) if !stem.is_empty() => stem,
        _ => name,
    };
    let mut id = String::with_capacity(stem.len());
    let mut in_run = false;
    for c in stem.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-' {
            id.push(c);
            in_run = false;
        } else if !in_run {
            id.push('-');
            in_run = true;
        }
    }
    let id = id.trim_matches(['-', '_']);
    (!id.is_empty()).then(|| id.to_owned())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn ids_from_file_names() {
        for (name, id) in [
            ("Grocery Shop.yaml", Some("grocery-shop")),
            ("checkout.yaml", Some("checkout")),
            ("check_out.yml", Some("check_out")),
            ("Checkout  --  v2.yaml", Some("checkout----v2")),
            ("Checkout (v2).yaml", Some("checkout-v2")),
            ("checkout.v2.yaml", Some("checkout-v2")),
            ("_draft_.yaml", Some("draft")),
            ("-a--b-.yaml", Some("a--b")),
            ("Ünïcode.yaml", Some("n-code")),
            ("ÉTÉ 2026.yaml", Some("t-2026")),
            ("2026.yaml", Some("2026")),
            ("日本.yaml", None),
            ("___.yaml", None),
            ("-.yaml", None),
            ("!!.yml", None),
            ("noextension", Some("noextension")),
        ] {
            assert_eq!(id_from_file_name(name).as_deref(), id, "{name:?}");
        }
    }

    #[test]
    fn facts_of_a_value() {
        let value = json!({
            "kind": "journey",
            "id": "checkout",
            "parent": "grocery",
            "persona": "maya",
            "stages": [
                {"id": "a", "journey": "payment", "touchpoints": [
                    {"id": "t", "journey": "delivery"},
                    {"id": "u", "journey": 3}
                ]},
                {"id": "b", "touchpoints": "none"},
                {"id": "c", "touchpoints": [{}, {"journey": "returns"}]}
            ]
        });
        let facts = Facts::of_value(&value);
        assert_eq!(facts.kind, Kind::Journey);
        assert_eq!(facts.id.as_deref(), Some("checkout"));
        assert_eq!(facts.parent.as_deref(), Some("grocery"));
        assert_eq!(facts.persona.as_deref(), Some("maya"));
        let links: Vec<(String, String)> = facts
            .journeys
            .iter()
            .map(|l| (l.target.clone(), l.place.pointer()))
            .collect();
        assert_eq!(
            links,
            [
                ("payment", "/stages/0/journey"),
                ("delivery", "/stages/0/touchpoints/0/journey"),
                ("returns", "/stages/2/touchpoints/1/journey"),
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
    }

    #[test]
    fn kinds_and_wrong_types() {
        let kind = |value: Value| Facts::of_value(&value).kind;
        assert_eq!(kind(json!({})), Kind::Journey);
        assert_eq!(kind(json!({"kind": "persona"})), Kind::Persona);
        assert_eq!(kind(json!({"kind": "Persona"})), Kind::Other);
        assert_eq!(kind(json!({"kind": null})), Kind::Other);
        assert_eq!(kind(json!([1])), Kind::Journey);
        let facts = Facts::of_value(&json!({"id": 1, "persona": {"name": "x"}, "parent": []}));
        assert_eq!((facts.id, facts.persona, facts.parent), (None, None, None));
    }
}
