//! Bytes → [`Document`]: decoding, YAML parsing and conversion to JSON.
//!
//! Every use of `serde_yaml` lives in this file, so that a swap to a
//! maintained fork is a one-line change. serde_yaml guards against alias
//! bombs, deep nesting and duplicate keys; what it cannot place in the file,
//! [`crate::span`] locates from the event stream.

use serde_json::{Map, Number, Value};
use serde_yaml::Value as Yaml;

use crate::diagnostic::{Finding, Position, escape_pointer_segment};
use crate::span;

const YAML_SYNTAX: &str = "yaml-syntax";
const SCHEMA: &str = "schema";

/// serde_yaml stops at 128 levels; libyaml is quadratic in the depth of flow
/// collections before that check is reached (17 s for 100,000 `[`), so much
/// deeper brackets are refused by a linear scan first.
const MAX_FLOW_DEPTH_SCANNED: usize = 1_000;
const SERDE_YAML_DEPTH_LIMIT: usize = 128;

/// A parsed map file: its text (without BOM) and its value as JSON.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: String,
    pub source: String,
    pub value: Value,
}

/// The result of loading: a document (possibly with findings about values
/// that JSON cannot hold), or only findings when the file is not usable YAML.
#[derive(Debug)]
pub struct Loaded {
    /// The text as far as it could be decoded (lossily, for invalid UTF-8),
    /// without BOM: what snippets show.
    pub source: String,
    pub document: Option<Document>,
    pub findings: Vec<Finding>,
}

/// What a file is expected to hold, for the messages about its top level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expected {
    Map,
    Config,
}

/// Decodes and parses one map file. Never fails: every problem is a finding.
pub fn load(path: &str, bytes: &[u8]) -> Loaded {
    load_as(path, bytes, Expected::Map)
}

/// Decodes and parses a configuration file with the same guards as a map;
/// an empty (or comment-only) file is an empty mapping.
pub fn load_config(path: &str, bytes: &[u8]) -> Loaded {
    load_as(path, bytes, Expected::Config)
}

fn load_as(path: &str, bytes: &[u8], expected: Expected) -> Loaded {
    // What snippets show when the file does not load: the text without BOM, lossily decoded.
    let lossy = || {
        let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        String::from_utf8_lossy(text).into_owned()
    };
    let fail = |finding: Finding| Loaded {
        source: lossy(),
        document: None,
        findings: vec![finding],
    };

    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        // Decoded as UTF-8 its text is noise: show no snippet.
        return Loaded {
            source: String::new(),
            ..fail(Finding::at_position(
                YAML_SYNTAX,
                Position::START,
                "the file is UTF-16; journey maps must be UTF-8",
                "save the file as UTF-8 (most editors offer it in their encoding menu)",
            ))
        };
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let source = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            // ok: the prefix up to valid_up_to is valid UTF-8 by definition.
            let position = end_position(std::str::from_utf8(valid).unwrap_or_default());
            return fail(Finding::at_position(
                YAML_SYNTAX,
                position,
                format!(
                    "invalid UTF-8: byte 0x{:02X} is not valid here",
                    bytes[error.valid_up_to()]
                ),
                "save the file as UTF-8; this byte probably comes from another encoding such as Latin-1 or Windows-1252",
            ));
        }
    };
    if let Some(nul) = source.find('\0') {
        return fail(Finding::at_position(
            YAML_SYNTAX,
            end_position(&source[..nul]),
            "the file contains a NUL byte: it is binary, or UTF-16/UTF-32 text, not UTF-8",
            "check that this is a journey map, saved as UTF-8",
        ));
    }
    if let Some(position) = too_deep_flow(source) {
        return fail(too_deep(position));
    }

    let yaml = match serde_yaml::from_str::<Yaml>(source) {
        Ok(yaml) => yaml,
        Err(error) => return fail(syntax_finding(source, &error)),
    };

    let yaml = match yaml {
        Yaml::Null if expected == Expected::Config => Yaml::Mapping(serde_yaml::Mapping::new()),
        other => other,
    };
    if !yaml.is_mapping() && expected == Expected::Config {
        return fail(Finding::at_position(
            SCHEMA,
            Position::START,
            format!(
                "the top level is {} but a configuration is a mapping of `rules`, `stale_after_days`, `standard_stages` and `exclude`",
                yaml_kind(&yaml)
            ),
            "write the configuration as `key: value` lines, e.g. `stale_after_days: 90`",
        ));
    }
    if yaml.is_null() {
        return fail(Finding::at_position(
            SCHEMA,
            Position::START,
            "the file is empty: a journey map needs at least `title`, `persona`, `stages`, `opportunities` and `action_plan`",
            "start from `journeymap init` or the examples in the README",
        ));
    }
    if !yaml.is_mapping() {
        return fail(Finding::at_position(
            SCHEMA,
            Position::START,
            format!(
                "the top level is {} but a journey map is a mapping with `title`, `persona`, `stages`, `opportunities` and `action_plan`",
                yaml_kind(&yaml)
            ),
            "write the map as `key: value` lines at the top level, starting with `title:`",
        ));
    }

    let mut findings = Vec::new();
    let mut pointer = String::new();
    let value = match to_json(yaml, &mut pointer, &mut findings) {
        Ok(value) => value,
        Err(()) => {
            let position = span::first_key_where(source, |key| {
                key.complex || (key.plain && !is_string_scalar(key.text))
            })
            .unwrap_or(Position::START);
            return fail(Finding::at_position(
                YAML_SYNTAX,
                position,
                "mapping keys must be strings; this key is a number, boolean, null or collection",
                "quote the key (`\"1\": …`) or use a word as the key",
            ));
        }
    };
    Loaded {
        source: source.to_owned(),
        document: Some(Document {
            path: path.to_owned(),
            source: source.to_owned(),
            value,
        }),
        findings,
    }
}

/// Whether a plain scalar is read as a string by the YAML 1.2 core schema
/// (and not as a number, boolean or null).
fn is_string_scalar(text: &str) -> bool {
    matches!(serde_yaml::from_str::<Yaml>(text), Ok(Yaml::String(_)))
}

fn yaml_kind(value: &Yaml) -> &'static str {
    match value {
        Yaml::Null => "null",
        Yaml::Bool(_) => "a boolean",
        Yaml::Number(_) => "a number",
        Yaml::String(_) => "a string",
        Yaml::Sequence(_) => "a list",
        Yaml::Mapping(_) => "a mapping",
        Yaml::Tagged(_) => "a tagged value",
    }
}

/// Converts YAML to JSON. Tags and non-finite numbers are reported as
/// `schema` findings (valid YAML, not valid journey-map values) and
/// converted to their inner value and null; a non-string key is `Err`.
fn to_json(yaml: Yaml, pointer: &mut String, findings: &mut Vec<Finding>) -> Result<Value, ()> {
    Ok(match yaml {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => Value::Bool(b),
        Yaml::String(s) => Value::String(s),
        Yaml::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                match n.as_f64().and_then(Number::from_f64) {
                    Some(number) => Value::Number(number),
                    None => {
                        findings.push(Finding::at_value(
                            SCHEMA,
                            pointer.clone(),
                            format!("{} is not a finite number", n),
                            "use a finite number, or quote the value if it is text",
                        ));
                        Value::Null
                    }
                }
            }
        }
        Yaml::Sequence(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (index, item) in items.into_iter().enumerate() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&index.to_string());
                out.push(to_json(item, pointer, findings)?);
                pointer.truncate(len);
            }
            Value::Array(out)
        }
        Yaml::Mapping(mapping) => {
            let mut out = Map::with_capacity(mapping.len());
            for (key, item) in mapping {
                let Yaml::String(key) = key else {
                    return Err(());
                };
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&escape_pointer_segment(&key));
                let item = to_json(item, pointer, findings)?;
                pointer.truncate(len);
                out.insert(key, item);
            }
            Value::Object(out)
        }
        Yaml::Tagged(tagged) => {
            findings.push(Finding::at_value(
                SCHEMA,
                pointer.clone(),
                format!(
                    "YAML tag `{}` is not supported in a journey map",
                    tagged.tag
                ),
                "remove the tag; journey maps use plain YAML values",
            ));
            to_json(tagged.value, pointer, findings)?
        }
    })
}

/// The position just after `text`: where a problem following it starts.
fn end_position(text: &str) -> Position {
    let line = text.matches('\n').count() + 1;
    let last_line = text.rsplit('\n').next().unwrap_or_default();
    Position {
        line,
        column: last_line.chars().count() + 1,
    }
}

/// Finds where flow brackets nest deeper than serde_yaml allows, but only
/// when they nest absurdly deep (shallower files go to the parser, which
/// places the error exactly). Brackets in strings are counted too; that only
/// matters past a thousand unclosed ones.
fn too_deep_flow(source: &str) -> Option<Position> {
    let mut depth = 0usize;
    let mut first_too_deep = None;
    for (offset, byte) in source.bytes().enumerate() {
        match byte {
            b'[' | b'{' => {
                depth += 1;
                if depth == SERDE_YAML_DEPTH_LIMIT + 1 && first_too_deep.is_none() {
                    first_too_deep = Some(offset);
                }
                if depth > MAX_FLOW_DEPTH_SCANNED {
                    return first_too_deep.map(|at| end_position(&source[..at]));
                }
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth <= SERDE_YAML_DEPTH_LIMIT {
                    first_too_deep = None;
                }
            }
            _ => {}
        }
    }
    None
}

fn too_deep(position: Position) -> Finding {
    Finding::at_position(
        YAML_SYNTAX,
        position,
        format!(
            "nesting is too deep: more than {SERDE_YAML_DEPTH_LIMIT} levels of lists and mappings"
        ),
        "a journey map needs only a few levels; flatten this structure",
    )
}

/// Turns a serde_yaml error into a located `yaml-syntax` finding.
fn syntax_finding(source: &str, error: &serde_yaml::Error) -> Finding {
    let text = error.to_string();
    let reported = error.location().map(|l| Position {
        line: l.line(),
        column: l.column(),
    });

    if text.contains("more than one document") {
        return Finding::at_position(
            YAML_SYNTAX,
            span::second_document(source)
                .or(reported)
                .unwrap_or(Position::START),
            "the file holds more than one YAML document; a journey map is one document",
            "remove this `---` separator, or split the file into one map per file",
        );
    }
    if text.contains("repetition limit exceeded") {
        return Finding::at_position(
            YAML_SYNTAX,
            span::first_alias(source)
                .or(reported)
                .unwrap_or(Position::START),
            "aliases expand to too many values (an alias bomb)",
            "write the values out instead of nesting aliases (`*name`) of aliases",
        );
    }
    if text.contains("recursion limit exceeded") {
        return too_deep(reported.unwrap_or(Position::START));
    }
    // serde_yaml puts the path in front for nested mappings: `stages[0]: duplicate entry…`.
    if let Some((_, key)) = text.split_once("duplicate entry with key ") {
        let (position, key) = match span::duplicate_key(source) {
            Some((position, key)) => (position, format!("\"{key}\"")),
            None => (reported.unwrap_or(Position::START), key.to_owned()),
        };
        return Finding::at_position(
            YAML_SYNTAX,
            position,
            format!("duplicate key {key}: a key may appear only once in a mapping"),
            "remove one of the two entries, or merge their values",
        );
    }

    let position = reported.unwrap_or(Position::START);
    let message = strip_first_location(&text);
    let help = syntax_help(source, position, &message);
    Finding::at_position(YAML_SYNTAX, position, message, help)
}

/// serde_yaml says "… at line 4 column 5, while …": the position is shown
/// separately, so the first "at line L column C" goes.
fn strip_first_location(text: &str) -> String {
    let Some(start) = text.find(" at line ") else {
        return text.to_owned();
    };
    let rest = &text[start + " at line ".len()..];
    let digits_then = |s: &str| {
        s.trim_start_matches(|c: char| c.is_ascii_digit())
            .to_owned()
    };
    let after_line = digits_then(rest);
    let Some(after_column) = after_line.strip_prefix(" column ") else {
        return text.to_owned();
    };
    format!("{}{}", &text[..start], digits_then(after_column))
}

fn syntax_help(source: &str, position: Position, message: &str) -> &'static str {
    let at = source
        .lines()
        .nth(position.line.saturating_sub(1))
        .and_then(|line| line.chars().nth(position.column.saturating_sub(1)));
    if at == Some('\t') {
        "YAML indentation must use spaces; replace the tab with spaces"
    } else if message.contains("quoted scalar") {
        "close the quoted string with the same quote character it starts with"
    } else if message.contains("flow sequence") {
        "close the list with `]` (and separate its items with commas)"
    } else if message.contains("flow mapping") {
        "close the mapping with `}` (and separate its entries with commas)"
    } else if message.contains("mapping values are not allowed") || message.contains("block") {
        "check the indentation: keys of one mapping start in the same column, and a value containing `: ` must be quoted"
    } else {
        "fix the YAML syntax here; an editor with YAML support shows the structure"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_only_the_first_location() {
        assert_eq!(
            strip_first_location(
                "found unexpected end of stream at line 3 column 1, while scanning a quoted scalar at line 1 column 4"
            ),
            "found unexpected end of stream, while scanning a quoted scalar at line 1 column 4"
        );
        assert_eq!(strip_first_location("no location here"), "no location here");
    }

    #[test]
    fn end_position_counts_characters() {
        assert_eq!(end_position("a: é\nbé"), Position { line: 2, column: 3 });
        assert_eq!(end_position(""), Position::START);
    }

    #[test]
    fn plain_scalars_read_as_core_schema() {
        for s in ["title", "yes", "off", "2026-02-30", "<<"] {
            assert!(is_string_scalar(s), "{s}");
        }
        for s in ["1", "0x1F", "true", "null", "~", ".inf", "-1.5"] {
            assert!(!is_string_scalar(s), "{s}");
        }
    }
}
