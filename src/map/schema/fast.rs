//! The validator that answers "is this map valid?" for every map checked.
//!
//! It is compiled from a copy of the schema rewritten for jsonschema's
//! speed, with the same meaning:
//!
//! - the two patterns that nearly every string is matched against,
//!   `nonEmptyString`'s `^\s*\S` and the ids' `^[a-z0-9][a-z0-9_-]*$`, are
//!   keywords written in Rust. They accept exactly the strings the patterns
//!   accept (the tests compare them with jsonschema's matching on every
//!   character), in a few instructions where jsonschema's matcher takes
//!   about 170 per string: the patterns were over a third of the schema's
//!   time on a typical map;
//! - every `$ref` to a definition is replaced by the definition's keywords,
//!   which saves a call per value;
//! - the extension keys' pattern `^x-` is written so that it does not match
//!   `x-ignore`, a declared property. Its schema is `true`, so whether it
//!   matches changes nothing, but a pattern matching a declared property
//!   makes jsonschema look up each key's patterns in a hash table.
//!
//! Only the yes/no answer comes from here. A map it rejects is validated
//! again with the schema as shipped, whose errors the messages are built
//! from, so that findings are the same as if this module did not exist.
//! The tests also compare the two validators on thousands of mutants of the
//! shipped examples, and the fuzz test on every mutant it makes.

use jsonschema::{Keyword, ValidationError, Validator};
use serde_json::{Map, Value};

use super::NON_EMPTY_PATTERN;

/// The ids' pattern, as `slug` and `reference` write it.
pub(super) const SLUG_PATTERN: &str = "^[a-z0-9][a-z0-9_-]*$";

const NON_BLANK_KEYWORD: &str = "x-journeymap-non-blank";
const SLUG_KEYWORD: &str = "x-journeymap-slug";

/// Compiles the rewritten copy of the schema.
pub(super) fn compile(schema: &Value) -> Result<Validator, String> {
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .with_keyword(NON_BLANK_KEYWORD, |_, _, _| Ok(Box::new(NON_BLANK)))
        .with_keyword(SLUG_KEYWORD, |_, _, _| Ok(Box::new(SLUG)))
        .build(&rewrite(
            schema,
            schema.get("$defs").and_then(Value::as_object),
            0,
        ))
        .map_err(|e| e.to_string())
}

/// The extension keys' pattern, and the same without `x-ignore`.
const EXTENSION_PATTERN: &str = "^x-";
const EXTENSION_BUT_IGNORE_PATTERN: &str = "^x-(?!ignore$)";

/// Definitions inside definitions are inlined this deep at most (the
/// schema has no cycle; a `$ref` left in place still works).
const MAX_INLINE_DEPTH: usize = 16;

/// The copy of `node` described in the module's documentation. (The schema
/// has no `const`, `enum` or `default` holding an object, so every object
/// met is a schema.)
fn rewrite(node: &Value, defs: Option<&Map<String, Value>>, depth: usize) -> Value {
    let object = match node {
        Value::Object(object) => object,
        Value::Array(items) => {
            return Value::Array(items.iter().map(|i| rewrite(i, defs, depth)).collect());
        }
        other => return other.clone(),
    };
    let mut copy = Map::with_capacity(object.len());
    for (key, value) in object {
        match (key.as_str(), value.as_str()) {
            ("pattern", Some(NON_EMPTY_PATTERN)) => {
                copy.insert(NON_BLANK_KEYWORD.to_owned(), Value::Bool(true));
            }
            ("pattern", Some(SLUG_PATTERN)) => {
                copy.insert(SLUG_KEYWORD.to_owned(), Value::Bool(true));
            }
            _ => {
                copy.insert(key.clone(), rewrite(value, defs, depth));
            }
        }
    }
    let declares_ignore = object
        .get("properties")
        .is_some_and(|properties| properties.get("x-ignore").is_some());
    if declares_ignore
        && let Some(Value::Object(patterns)) = copy.get_mut("patternProperties")
        && patterns.get(EXTENSION_PATTERN) == Some(&Value::Bool(true))
        && !patterns.contains_key(EXTENSION_BUT_IGNORE_PATTERN)
    {
        patterns.shift_remove(EXTENSION_PATTERN);
        patterns.insert(EXTENSION_BUT_IGNORE_PATTERN.to_owned(), Value::Bool(true));
    }
    if depth < MAX_INLINE_DEPTH
        && let Some(Value::String(reference)) = copy.get("$ref")
        && let Some(name) = reference.strip_prefix("#/$defs/")
        && let Some(definition) = defs.and_then(|defs| defs.get(name))
        && let Value::Object(definition) = rewrite(definition, defs, depth + 1)
        && definition
            .keys()
            .all(|key| is_annotation(key) || !copy.contains_key(key) && !key.starts_with('$'))
    {
        copy.shift_remove("$ref");
        for (key, value) in definition {
            // The referring schema's own annotations stay.
            copy.entry(key).or_insert(value);
        }
    }
    Value::Object(copy)
}

/// Keywords that describe and never reject.
fn is_annotation(keyword: &str) -> bool {
    matches!(
        keyword,
        "title" | "description" | "examples" | "default" | "deprecated" | "$comment"
    )
}

/// A keyword that does a pattern's job: strings are accepted as the pattern
/// accepts them, and, as with every pattern, any value that is not a string.
struct PatternKeyword {
    pattern: &'static str,
    accepts: fn(&str) -> bool,
}

const NON_BLANK: PatternKeyword = PatternKeyword {
    pattern: NON_EMPTY_PATTERN,
    accepts: is_non_blank,
};

const SLUG: PatternKeyword = PatternKeyword {
    pattern: SLUG_PATTERN,
    accepts: is_slug,
};

impl<'i> Keyword<'i> for PatternKeyword {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        if self.is_valid(instance) {
            Ok(())
        } else {
            Err(ValidationError::custom(format!(
                "{instance} does not match \"{}\"",
                self.pattern
            )))
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        instance.as_str().is_none_or(self.accepts)
    }
}

/// `^\s*\S`: a character that is not a space.
fn is_non_blank(text: &str) -> bool {
    // Most strings start with a letter: decide on the first byte when it is
    // ASCII and not a space, without decoding characters.
    match text.as_bytes().first() {
        Some(&b) if b.is_ascii() && !is_pattern_space(char::from(b)) => true,
        _ => text.chars().any(|c| !is_pattern_space(c)),
    }
}

/// `\s` as jsonschema matches it (ECMA-262's white space and line
/// terminators): Unicode's White_Space without U+0085, plus U+FEFF.
fn is_pattern_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r' | ' ' | '\u{A0}' | '\u{1680}' | '\u{3000}' | '\u{FEFF}'
    ) || matches!(
        c,
        '\u{2000}'..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}'
    )
}

/// `^[a-z0-9][a-z0-9_-]*$`: an id.
fn is_slug(text: &str) -> bool {
    match text.as_bytes() {
        [first, rest @ ..] => {
            (first.is_ascii_lowercase() || first.is_ascii_digit())
                && rest.iter().all(|&b| IN_SLUG[usize::from(b)])
        }
        [] => false,
    }
}

/// The bytes an id holds after its first: `[a-z0-9_-]`. A table, because
/// ids are most of the strings checked and range tests cost more per byte.
static IN_SLUG: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-';
        byte += 1;
    }
    table
};

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
        agrees_on_every_character(NON_EMPTY_PATTERN, &NON_BLANK);
    }

    #[test]
    fn slug_is_the_pattern() {
        agrees_on_every_character(SLUG_PATTERN, &SLUG);
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
            (NON_EMPTY_PATTERN, &NON_BLANK as &dyn for<'i> Keyword<'i>),
            (SLUG_PATTERN, &SLUG),
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

    /// Mutants of the shipped examples: every value replaced, in turn, by
    /// values on either side of the schema's constraints, and keys on either
    /// side of the extension pattern added to every object. Both validators
    /// give the same answer for each.
    #[test]
    fn agrees_with_the_schema_on_mutants_of_the_examples() {
        fn nodes(value: &Value, pointer: String, out: &mut Vec<(String, bool)>) {
            out.push((pointer.clone(), value.is_object()));
            match value {
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        nodes(item, format!("{pointer}/{i}"), out);
                    }
                }
                Value::Object(object) => {
                    for (key, item) in object {
                        let key = crate::diagnostic::escape_pointer_segment(key);
                        nodes(item, format!("{pointer}/{key}"), out);
                    }
                }
                _ => {}
            }
        }
        let values = [
            json!(null),
            json!(true),
            json!(0),
            json!(3),
            json!(6),
            json!(-1),
            json!(2.5),
            json!(""),
            json!(" \t"),
            json!("\u{FEFF}"),
            json!("Upper Case"),
            json!("ok-id_2"),
            json!("2026-02-30"),
            json!("2026-03-01"),
            json!("EUR"),
            json!("planned"),
            json!([]),
            json!([""]),
            json!(["stale-map"]),
            json!({}),
            json!({"x-note": 1}),
        ];
        let keys = [
            "x-note",
            "x-",
            "x-ignore",
            "x-ignore\n",
            "x-ignored",
            "xignore",
            "X-a",
            "nope",
            "id",
        ];
        let key_values = [
            json!("text"),
            json!(1),
            json!([]),
            json!(["stale-map"]),
            json!(["nope"]),
        ];
        let agree = |mutant: &Value, what: &dyn Fn() -> String| {
            assert!(
                super::super::validators_agree(mutant).expect("the schema compiles"),
                "{}",
                what()
            );
        };
        let mut compared = 0;
        let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
        for entry in std::fs::read_dir(examples).expect("examples") {
            let path = entry.expect("entry").path();
            let bytes = std::fs::read(&path).expect("example");
            let value = crate::map::load::load("example.yaml", &bytes)
                .document
                .expect("the example loads")
                .value;
            agree(&value, &|| path.display().to_string());
            let mut all = Vec::new();
            nodes(&value, String::new(), &mut all);
            for (pointer, is_object) in &all {
                for replacement in &values {
                    let mut mutant = value.clone();
                    *mutant.pointer_mut(pointer).expect("pointer") = replacement.clone();
                    agree(&mutant, &|| {
                        format!("{}: {pointer} = {replacement}", path.display())
                    });
                    compared += 1;
                }
                if !is_object {
                    continue;
                }
                for key in keys {
                    for key_value in &key_values {
                        let mut mutant = value.clone();
                        if let Some(Value::Object(object)) = mutant.pointer_mut(pointer) {
                            object.insert(key.to_owned(), key_value.clone());
                        }
                        agree(&mutant, &|| {
                            format!("{}: {pointer}/{key:?} = {key_value}", path.display())
                        });
                        compared += 1;
                    }
                }
            }
        }
        assert!(compared > 10_000, "{compared} mutants compared");
    }

    #[test]
    fn the_copy_is_rewritten_throughout() {
        let schema: Value = serde_json::from_str(super::super::SCHEMA_TEXT).expect("schema");
        let copy = rewrite(&schema, schema.get("$defs").and_then(Value::as_object), 0);
        // Outside `$defs`, which nothing refers to any more.
        let mut body = copy.clone();
        body.as_object_mut().expect("object").shift_remove("$defs");
        let text = serde_json::to_string_pretty(&body).expect("json");
        for gone in ["\"$ref\"", NON_EMPTY_PATTERN, SLUG_PATTERN, "\"^x-\": true"] {
            let gone = gone.replace('\\', "\\\\");
            assert!(!text.contains(&gone), "{gone} is still in the copy");
        }
        for kept in [
            NON_BLANK_KEYWORD,
            SLUG_KEYWORD,
            "^[A-Z]{3}$",
            "\"format\": \"date\"",
        ] {
            assert!(text.contains(kept), "{kept} is not in the copy");
        }
        assert!(text.contains(EXTENSION_BUT_IGNORE_PATTERN));
    }
}
