//! Bytes → [`Document`]: decoding, YAML parsing and conversion to JSON.
//!
//! Most maps are read by [`block_subset`], a reader of the plain block YAML
//! maps are written in; it declines everything else to serde_yaml, the
//! reference it is tested against ([`load_with_serde_yaml_only`]). Every use
//! of `serde_yaml` lives in this module (this file, `syntax` for its
//! errors, `wide_integers`), so that a swap to a maintained fork stays
//! small. serde_yaml guards against alias bombs, deep nesting and duplicate
//! keys; what it cannot place in the file, [`crate::map::span`] locates
//! from the event stream. What libyaml accepts but YAML forbids,
//! saphyr-parser refuses ([`span::parse_error`]), for the files the
//! block-subset reader leaves to serde_yaml.

use serde_json::{Map, Number, Value};
use serde_yaml::Value as Yaml;

use crate::diagnostic::{Anchor, Finding, Position, escape_pointer_segment};
use crate::map::span;

pub mod block_subset;
mod syntax;
mod wide_integers;

use syntax::{refused_by_saphyr, syntax_finding};

const YAML_SYNTAX: &str = "yaml-syntax";
const SCHEMA: &str = "schema";

/// serde_yaml stops at 128 levels; libyaml is quadratic in the depth of flow
/// collections before that check is reached (17 s for 100,000 `[`), so much
/// deeper brackets are refused by a linear scan first.
const MAX_FLOW_DEPTH_SCANNED: usize = 1_000;
const SERDE_YAML_DEPTH_LIMIT: usize = 128;
/// Values that aliases may add to a map beyond what its size allows without
/// any (see [`aliases_explode`]): far more than shared defaults ever need.
const MAX_ALIAS_EXPANSION: u64 = 100_000;

/// A parsed map file: its text (without BOM) and its value as JSON.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: String,
    pub source: String,
    pub value: Value,
    /// Read by the block-subset reader: positions can be found without
    /// parsing the file again ([`block_subset::positions`]).
    pub in_block_subset: bool,
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
    load_as(path, bytes, Expected::Map, FastPaths::Taken)
}

/// [`load`] with serde_yaml reading every file: the reference the fast
/// paths are tested against (`tests/fuzz.rs`).
pub fn load_with_serde_yaml_only(path: &str, bytes: &[u8]) -> Loaded {
    load_as(path, bytes, Expected::Map, FastPaths::Skipped)
}

/// Whether [`load_as`] may take the fast paths; skipping them is for tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FastPaths {
    Taken,
    Skipped,
}

/// Decodes and parses a configuration file with the same guards as a map;
/// an empty (or comment-only) file is an empty mapping.
pub fn load_config(path: &str, bytes: &[u8]) -> Loaded {
    load_as(path, bytes, Expected::Config, FastPaths::Taken)
}

fn load_as(path: &str, bytes: &[u8], expected: Expected, fast_paths: FastPaths) -> Loaded {
    // What snippets show when the file does not load: the text without BOM, lossily decoded.
    let lossy = || {
        let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        lone_cr_as_lf(&String::from_utf8_lossy(text)).into_owned()
    };
    let fail = |finding: Finding| Loaded {
        source: lossy(),
        document: None,
        findings: vec![finding],
    };

    // Decoded as UTF-8 the text of another encoding is noise: no snippet.
    let not_utf8 = |encoding: &str| Loaded {
        source: String::new(),
        ..fail(Finding::at_position(
            YAML_SYNTAX,
            Position::START,
            format!("the file is {encoding}; journey maps must be UTF-8"),
            "save the file as UTF-8 (most editors offer it in their encoding menu)",
        ))
    };
    if let Some(encoding) = encoding_by_bom(bytes) {
        return not_utf8(encoding);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let source = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) if let Some(encoding) = encoding_by_zero_bytes(bytes) => {
            return not_utf8(encoding);
        }
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            // ok: the prefix up to valid_up_to is valid UTF-8 by definition.
            let position = end_position(&lone_cr_as_lf(
                std::str::from_utf8(valid).unwrap_or_default(),
            ));
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
    let normalised = lone_cr_as_lf(source);
    let source: &str = &normalised;
    let fail = |finding: Finding| Loaded {
        source: source.to_owned(),
        document: None,
        findings: vec![finding],
    };
    if let Some(nul) = source.find('\0') {
        if let Some(encoding) = encoding_by_zero_bytes(bytes) {
            return not_utf8(encoding);
        }
        return fail(Finding::at_position(
            YAML_SYNTAX,
            end_position(&source[..nul]),
            "the file contains a NUL byte, so it is binary rather than text",
            "check that this is a journey map, saved as UTF-8",
        ));
    }
    if let Some(position) = too_deep_flow(source) {
        return fail(too_deep(position));
    }
    // serde_yaml's alias limit grows with the file: 10,000 lines of aliases
    // to a 9-deep bomb take it 40 s and 8 GiB before it gives up.
    if source.contains('&') && source.contains('*') && aliases_explode(source) {
        return fail(alias_bomb(source, None));
    }

    // The common case, fast: a mapping of plain values goes straight to
    // JSON, read by the block-subset reader when the file is written in
    // that subset (almost every map), else by serde_yaml without an
    // intermediate value. Whatever else the code below could report (tags,
    // non-string keys, non-finite numbers, errors, another top level) makes
    // both decline, and the file takes the code below.
    let fast = || match block_subset::read(source) {
        Some(value) => Some((value, true)),
        None => (!may_hold_dropped_tags(source))
            .then(|| plain_json(source))
            .flatten()
            .map(|value| (value, false)),
    };
    if fast_paths == FastPaths::Taken
        && let Some((value, in_block_subset)) = fast()
    {
        if !in_block_subset && let Some(finding) = refused_by_saphyr(source) {
            return fail(finding);
        }
        return Loaded {
            source: source.to_owned(),
            document: Some(Document {
                path: path.to_owned(),
                source: source.to_owned(),
                value,
                in_block_subset,
            }),
            findings: Vec::new(),
        };
    }

    let parsed = match serde_yaml::from_str::<Yaml>(source) {
        Err(error) if wide_integers::refused_for_width(&error) => wide_integers::read(source),
        parsed => parsed,
    };
    let yaml = match parsed {
        Ok(yaml) => yaml,
        Err(error) => return fail(syntax_finding(source, &error)),
    };
    if let Some(finding) = refused_by_saphyr(source) {
        return fail(finding);
    }

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
    // serde_yaml keeps local tags (`!foo`, reported above) and silently
    // drops the others (`!!binary`, `!<tag:…>`): find those in the events.
    if source.contains("!!") || source.contains("!<") || source.contains("%TAG") {
        for dropped in span::dropped_tags(source) {
            let mut finding = Finding::at_position(
                SCHEMA,
                dropped.position,
                format!(
                    "YAML tag `{}` is not supported in a journey map",
                    dropped.tag
                ),
                "remove the tag; journey maps use plain YAML values",
            );
            finding.anchor = Anchor::At {
                position: dropped.position,
                pointer: dropped.pointer,
            };
            findings.push(finding);
        }
    }
    Loaded {
        source: source.to_owned(),
        document: Some(Document {
            path: path.to_owned(),
            source: source.to_owned(),
            value,
            in_block_subset: false,
        }),
        findings,
    }
}

/// UTF-32 or UTF-16 named by a byte-order mark (UTF-32's first: its
/// little-endian mark starts like UTF-16's).
fn encoding_by_bom(bytes: &[u8]) -> Option<&'static str> {
    [
        (&[0x00, 0x00, 0xFE, 0xFF][..], "UTF-32 (big-endian)"),
        (&[0xFF, 0xFE, 0x00, 0x00][..], "UTF-32 (little-endian)"),
        (&[0xFE, 0xFF][..], "UTF-16 (big-endian)"),
        (&[0xFF, 0xFE][..], "UTF-16 (little-endian)"),
    ]
    .into_iter()
    .find(|(bom, _)| bytes.starts_with(bom))
    .map(|(_, encoding)| encoding)
}

/// UTF-32 or UTF-16 without a byte-order mark, told by where the zero bytes
/// of its first kilobyte fall (every character of a YAML file is a letter,
/// never U+0000). Asked only of a file that is not UTF-8 or holds a NUL.
fn encoding_by_zero_bytes(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(1024)];
    let units = |width: usize, fits: fn(&[u8]) -> bool| {
        head.len() >= width
            && head
                .chunks_exact(width)
                .all(|unit| unit.iter().any(|&b| b != 0) && fits(unit))
    };
    // A code point is at most 0x10FFFF: in UTF-32, one byte is always 0
    // and the next at most 0x10.
    if units(4, |u| u[3] == 0 && u[2] <= 0x10) {
        return Some("UTF-32 (little-endian, without a byte-order mark)");
    }
    if units(4, |u| u[0] == 0 && u[1] <= 0x10) {
        return Some("UTF-32 (big-endian, without a byte-order mark)");
    }
    // In UTF-16, text that is mostly ASCII has a zero in every other byte.
    let zeros_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let pairs = head.len() / 2;
    if units(2, |_| true) && pairs >= 2 {
        let (even, odd) = (zeros_at(0), zeros_at(1));
        if even == 0 && odd * 2 >= pairs {
            return Some("UTF-16 (little-endian, without a byte-order mark)");
        }
        if odd == 0 && even * 2 >= pairs {
            return Some("UTF-16 (big-endian, without a byte-order mark)");
        }
    }
    None
}

/// Whether the file may hold a tag that serde_yaml drops silently (so that
/// only the events show it): the condition of the dropped-tags check above.
fn may_hold_dropped_tags(source: &str) -> bool {
    source.contains("!!") || source.contains("!<") || source.contains("%TAG")
}

/// The fast path: the document as JSON, straight from serde_yaml's
/// deserializer, with no `serde_yaml::Value` in between and no pointers
/// built. `None` — decline — for anything that is not a mapping of plain
/// values: a tag, a key that is not a string, a duplicate key, a number
/// that is not finite, a parse error, another top level. For a file it
/// accepts, the result is the value the slow path (`serde_yaml::Value`,
/// then [`to_json`]) builds, with no finding: both receive the same calls
/// from the same deserializer, and each is turned into the same JSON.
fn plain_json(source: &str) -> Option<Value> {
    use serde::de::DeserializeSeed;
    match PlainJson.deserialize(serde_yaml::Deserializer::from_str(source)) {
        Ok(value @ Value::Object(_)) => Some(value),
        _ => None,
    }
}

/// Builds JSON from a deserializer as `serde_yaml::Value` + [`to_json`]
/// would, declining (an error) where those would report something.
struct PlainJson;

/// A mapping key: a string, or the fast path declines.
struct PlainKey;

const DECLINED: &str = "not a plain value; the full conversion reports it";

impl<'de> serde::de::DeserializeSeed<'de> for PlainJson {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for PlainJson {
    type Value = Value;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a plain YAML value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, i: i64) -> Result<Value, E> {
        Ok(Value::from(i))
    }

    fn visit_u64<E>(self, u: u64) -> Result<Value, E> {
        Ok(Value::from(u))
    }

    fn visit_f64<E: serde::de::Error>(self, f: f64) -> Result<Value, E> {
        Number::from_f64(f)
            .map(Value::Number)
            .ok_or_else(|| E::custom(DECLINED))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut items: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(item) = items.next_element_seed(PlainJson)? {
            out.push(item);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut entries: A) -> Result<Value, A::Error> {
        use serde::de::Error;
        use serde_json::map::Entry;
        let mut out = Map::new();
        while let Some(key) = entries.next_key_seed(PlainKey)? {
            match out.entry(key) {
                Entry::Occupied(_) => return Err(A::Error::custom(DECLINED)),
                Entry::Vacant(slot) => {
                    slot.insert(entries.next_value_seed(PlainJson)?);
                }
            }
        }
        Ok(Value::Object(out))
    }

    // Not implemented, so declined by serde's defaults: `visit_enum` (a
    // tag), bytes, 128-bit integers — exactly the calls that
    // `serde_yaml::Value` either refuses or turns into something `to_json`
    // reports.
}

impl<'de> serde::de::DeserializeSeed<'de> for PlainKey {
    type Value = String;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for PlainKey {
    type Value = String;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a string key")
    }

    fn visit_str<E>(self, s: &str) -> Result<String, E> {
        Ok(s.to_owned())
    }

    fn visit_string<E>(self, s: String) -> Result<String, E> {
        Ok(s)
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
        Yaml::Tagged(ref tagged) if let Some(digits) = wide_integers::digits(tagged) => {
            let (size, bound) = if digits.starts_with('-') {
                ("small", format!("the smallest is {}", i64::MIN))
            } else {
                ("large", format!("the largest is {}", u64::MAX))
            };
            findings.push(Finding::at_value(
                SCHEMA,
                pointer.clone(),
                format!("{digits} is too {size} for a number ({bound})"),
                "use a number in the range this key allows, or quote the value if it is text",
            ));
            Value::Null
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

/// A lone CR (classic Mac OS line ends) ends a line for both YAML parsers
/// but not for the snippets, which split at LF: it becomes the LF it means.
fn lone_cr_as_lf(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let lone = |(i, _): (usize, &str)| bytes.get(i + 1) != Some(&b'\n');
    if text.match_indices('\r').any(lone) {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    }
}

/// Finds where flow brackets nest deeper than serde_yaml allows, but only
/// when they nest absurdly deep (shallower files go to the parser, which
/// places the error exactly). Brackets in strings are counted too; that only
/// matters past a thousand unclosed ones.
fn too_deep_flow(source: &str) -> Option<Position> {
    // Depth can pass the limit only with more opening brackets than the
    // limit: a count (which the compiler vectorises) rules out almost
    // every file before the scan.
    let opening = source.bytes().filter(|&b| b == b'[' || b == b'{').count();
    if opening <= MAX_FLOW_DEPTH_SCANNED {
        return None;
    }
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

/// Whether the document, aliases expanded, holds more values than its text
/// could without aliases (one per byte at most: `{a,b}` is five) plus
/// [`MAX_ALIAS_EXPANSION`]. The values are counted as serde_yaml delivers
/// them, and never built.
fn aliases_explode(source: &str) -> bool {
    use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
    use std::cell::Cell;
    const SPENT: &str = "journeymap: alias expansion budget spent";

    #[derive(Clone, Copy)]
    struct Budget<'a>(&'a Cell<u64>);

    impl Budget<'_> {
        fn spend<E: de::Error>(self) -> Result<(), E> {
            let left = self
                .0
                .get()
                .checked_sub(1)
                .ok_or_else(|| E::custom(SPENT))?;
            self.0.set(left);
            Ok(())
        }
    }

    impl<'de> DeserializeSeed<'de> for Budget<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
            deserializer.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Budget<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("any YAML value")
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
            self.spend()
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
            self.spend()
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
            self.spend()
        }
        fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
            self.spend()
        }
        fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
            self.spend()
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
            self.spend()
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
            self.spend()
        }
        fn visit_unit<E: de::Error>(self) -> Result<(), E> {
            self.spend()
        }
        fn visit_none<E: de::Error>(self) -> Result<(), E> {
            self.spend()
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            self.deserialize(d)
        }
        fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            self.deserialize(d)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            self.spend()?;
            while seq.next_element_seed(self)?.is_some() {}
            Ok(())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            self.spend()?;
            while map.next_key_seed(self)?.is_some() {
                map.next_value_seed(self)?;
            }
            Ok(())
        }
        // A tagged value (`!foo x`): the tag, then the value.
        fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
            use serde::de::VariantAccess;
            let ((), variant) = data.variant_seed(self)?;
            variant.newtype_variant_seed(self)
        }
    }

    let budget = Cell::new(source.len() as u64 + MAX_ALIAS_EXPANSION);
    match Budget(&budget).deserialize(serde_yaml::Deserializer::from_str(source)) {
        Ok(()) => false,
        // Other errors are the main parse's to report.
        Err(error) => error.to_string().contains(SPENT),
    }
}

/// Aliases expanding to too many values, at the first alias.
fn alias_bomb(source: &str, reported: Option<Position>) -> Finding {
    Finding::at_position(
        YAML_SYNTAX,
        span::first_alias(source)
            .or(reported)
            .unwrap_or(Position::START),
        "aliases expand to too many values (an alias bomb)",
        "write the values out instead of nesting aliases (`*name`) of aliases",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Target;

    #[test]
    fn wide_encodings_are_named() {
        let text = "title: Café\nstages: []\n";
        let utf16le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let utf16be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let utf32le: Vec<u8> = text
            .chars()
            .flat_map(|c| u32::from(c).to_le_bytes())
            .collect();
        let utf32be: Vec<u8> = text
            .chars()
            .flat_map(|c| u32::from(c).to_be_bytes())
            .collect();
        let with_bom = |bom: &[u8], body: &[u8]| [bom, body].concat();
        for (bytes, named) in [
            (
                with_bom(&[0xFF, 0xFE, 0, 0], &utf32le),
                "UTF-32 (little-endian)",
            ),
            (
                with_bom(&[0, 0, 0xFE, 0xFF], &utf32be),
                "UTF-32 (big-endian)",
            ),
            (with_bom(&[0xFF, 0xFE], &utf16le), "UTF-16 (little-endian)"),
            (with_bom(&[0xFE, 0xFF], &utf16be), "UTF-16 (big-endian)"),
            (utf32le, "UTF-32 (little-endian, without a byte-order mark)"),
            (utf32be, "UTF-32 (big-endian, without a byte-order mark)"),
            (utf16le, "UTF-16 (little-endian, without a byte-order mark)"),
            (utf16be, "UTF-16 (big-endian, without a byte-order mark)"),
        ] {
            let loaded = load("map.yaml", &bytes);
            let messages: Vec<&str> = loaded.findings.iter().map(|f| f.message.as_str()).collect();
            assert_eq!(
                messages,
                [format!("the file is {named}; journey maps must be UTF-8")],
                "{named}"
            );
            assert_eq!(loaded.source, "", "no snippet of noise");
        }
        // A stray NUL in UTF-8 text, and a binary file, are neither.
        for bytes in [&b"title: x\n\0"[..], b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"] {
            assert_eq!(encoding_by_zero_bytes(bytes), None, "{bytes:?}");
        }
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
    /// The slow path's value and findings, or `None` where it stops early
    /// (a parse error, a key that is not a string).
    fn full_conversion(source: &str) -> Option<(Value, Vec<Finding>)> {
        let yaml = serde_yaml::from_str::<Yaml>(source).ok()?;
        let mut findings = Vec::new();
        let value = to_json(yaml, &mut String::new(), &mut findings).ok()?;
        Some((value, findings))
    }

    /// Where a fast reader (serde_yaml's fast path, or the block-subset
    /// reader) accepts a text, it gives what the full conversion gives, in
    /// the same key order, with no finding. Whether it accepted.
    fn reader_agrees(read: fn(&str) -> Option<Value>, source: &str) -> bool {
        let Some(fast) = read(source) else {
            return false;
        };
        let (slow, findings) = full_conversion(source).unwrap_or_else(|| {
            panic!("a fast reader accepted what the full conversion refuses: {source:?}")
        });
        assert_eq!(
            serde_json::to_string(&fast).ok(),
            serde_json::to_string(&slow).ok(),
            "{source:?}"
        );
        assert!(findings.is_empty(), "{source:?}: {findings:?}");
        true
    }

    fn agrees(source: &str) -> bool {
        reader_agrees(plain_json, source)
    }

    /// And wherever the block-subset reader accepts a text, saphyr-parser
    /// finds it valid YAML, and the reader's navigator
    /// places every node and key (and pointers to nothing, by their nearest
    /// ancestor) where saphyr's walk does, or declines.
    fn subset_agrees(source: &str) -> bool {
        let accepted = reader_agrees(block_subset::read, source);
        if accepted {
            // The loader asks saphyr-parser only about files the reader declines.
            assert_eq!(span::parse_error(source), None, "{source:?}");
            positions_agree(source);
        }
        accepted
    }

    /// How many of the requests about `source` the navigator answered
    /// (each answer checked against `span::locate`), and of how many.
    fn positions_agree(source: &str) -> (usize, usize) {
        let mut pointers = Vec::new();
        span::walk(source, |visit| {
            if let span::Visit::Node { pointer, .. } = visit {
                pointers.push(pointer.to_owned());
            }
            std::ops::ControlFlow::Continue(())
        });
        let mut asked = Vec::new();
        for pointer in &pointers {
            asked.push((pointer.clone(), Target::Value));
            asked.push((pointer.clone(), Target::Key));
            asked.push((format!("{pointer}/0"), Target::Value));
            asked.push((format!("{pointer}/missing/1"), Target::Key));
        }
        let requests: Vec<(&str, Target)> = asked.iter().map(|(p, t)| (p.as_str(), *t)).collect();
        let reference = span::locate(source, &requests);
        let mut answered = 0;
        for (request, expected) in requests.iter().zip(&reference) {
            let request = std::slice::from_ref(request);
            if let Some(found) = block_subset::positions::locate(source, request) {
                assert_eq!(found, vec![*expected], "{request:?} in {source:?}");
                answered += 1;
            }
        }
        (answered, requests.len())
    }

    #[test]
    fn block_subset_reads_as_serde_yaml_does() {
        for source in [
            "a: 1\n",
            "title: Q&A, FAQ [beta] {draft}\nb: it's \"quoted\" here\nc: Room#5 # not #5\n",
            "key : spaced\n\"quoted key\": 1\n'single key': 2\nclé: été\n日本: 🙂\n",
            "a: -3\nb: 4.50\nc: -0.25\nd: 0\ne: -0\nf: 007\ng: -007\nh: 2026-08-29\ni: 10:30\nj: 24/7\nk: 3 days\n",
            "a: yes\nb: No\nc: ~\nd: Null\ne: TRUE\nf: nan\ng: Infinity\nh: ~x\ni: _x\nj: (x)\n",
            "a:\n- x\n- y\nb:\n  - z\nc:\n    d: 1\n    e:\n      - f: 1\n        g: [h, 'i', \"j\"]\n      -   k: 1\n          l: 2\n",
            "a: 1\r\nb:\r\n  - c\r\n",
            "# top\na:   # comment\n    # odd comment\n  b: 1\n#c\n\n\nd: 2",
            "a: []\nb: {}\nc: [ ]\nd: { }\ne: [[1, 2], [], {x: [y]}]\nf: {a: {b: {c: d}}}\n",
            "a: ['it''s', \"a \\\"b\\\" \\\\ \\/ \\n \\t\"]\n",
            "a: -\n",
            "-\n",
            "  a: 1\n  b: 2\n",
            "a:\n-\n- - x\n",
            "a: b #c\n  d\n",
            "a: [b, c d , e]\nf: {g: h i, j: 'k'}\n",
        ] {
            let subset = block_subset::read(source);
            let reference = full_conversion(source).map(|(value, _)| value);
            if let Some(value) = subset {
                assert_eq!(Some(&value), reference.as_ref(), "{source:?}");
                assert!(subset_agrees(source));
            }
        }
        // The common forms are all taken by the reader, not declined.
        for source in [
            "a: 1\n",
            "title: Q&A, FAQ [beta] {draft}\nb: it's \"quoted\" here\nc: Room#5 # not #5\n",
            "a: 1\r\nb:\r\n  - c\r\n",
            "a: [b, c d , e]\nf: {g: h i, j: 'k'}\n",
        ] {
            assert!(subset_agrees(source), "{source:?}");
        }
    }

    /// Small documents put together from tricky pieces of YAML (keys,
    /// separators, scalars, flows, indicators, indentation): wherever the
    /// block-subset reader accepts one, serde_yaml reads the same.
    /// `JOURNEYMAP_SUBSET_CASES=N` runs N (default 100,000; 2,000,000 were
    /// run once: 53,266 read, none differently).
    #[test]
    fn block_subset_agrees_on_generated_documents() {
        const KEYS: &[&str] = &[
            "a",
            "b c",
            "\"q\"",
            "'s'",
            "1",
            "true",
            "~",
            "-x",
            "k:v",
            "a #c",
            "<<",
            "日本",
            "a]",
            "a,b",
            "x-ignore",
            "",
            "?",
            "'it''s'",
            "\"e\\\"\"",
        ];
        const SEPARATORS: &[&str] = &[":", ": ", ":  ", " :", " : ", ":\t"];
        const VALUES: &[&str] = &[
            "",
            "x",
            "x y",
            "x: y",
            "x #c",
            "x#c",
            "-1",
            "-0",
            "007",
            "-007",
            "1.5",
            "-2.50",
            "1e3",
            "0x1F",
            "+1",
            ".5",
            "1.",
            "12345678901234567890",
            "\"a\\\"b\"",
            "'a''b'",
            "\"open",
            "'open",
            "[a, b]",
            "[a, [b]]",
            "{a: b}",
            "{a: [b, c]}",
            "[]",
            "{}",
            "[a,]",
            "{a}",
            "[a: b]",
            "&x y",
            "*x",
            "!t y",
            "|",
            ">",
            "- x",
            "? x",
            "@x",
            "`x",
            "%x",
            "2026-01-01",
            "10:30",
            "yes",
            "Null",
            "-",
            "--",
            "x:",
            "http://a",
            "a , b",
            "[a , b ] ",
            "{ a : b }",
            "'",
            "\"\"",
            "''",
            "[\"a\", 'b']",
            "{\"a\": 1}",
            "{a: 1, a: 2}",
            "[a b, c]",
            "nan",
            "inf",
            "1_000",
            "0o7",
            "~x",
            "x ",
            "\"x\" #c",
            "\"x\"y",
            "[a] x",
            "{a: }",
            "[a, ]",
            "[ ]",
            "{ }",
            "# c",
            "\"\\u00e9\"",
            "\"\\n\"",
            "a\u{85}b",
            "é",
            "24/7",
            "3 days",
        ];
        let cases = std::env::var("JOURNEYMAP_SUBSET_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(100_000);
        let mut state: u64 = 0xB10C;
        let mut next = |n: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((state >> 33) as usize) % n.max(1)
        };
        let mut accepted = 0;
        for _ in 0..cases {
            let mut source = String::new();
            for _ in 0..1 + next(6) {
                source.push_str(&" ".repeat([0, 0, 0, 0, 0, 0, 1, 2, 2, 4][next(10)]));
                match next(10) {
                    0 => source.push_str("# comment"),
                    1 => {}
                    2 => {
                        source.push_str("- ");
                        source.push_str(VALUES[next(VALUES.len())]);
                    }
                    3 => source.push_str(["---", "...", "-", "- - a", "-\tx"][next(5)]),
                    4 => {
                        source.push_str("- ");
                        source.push_str(KEYS[next(KEYS.len())]);
                        source.push_str(SEPARATORS[next(SEPARATORS.len())]);
                        source.push_str(VALUES[next(VALUES.len())]);
                    }
                    _ => {
                        source.push_str(KEYS[next(KEYS.len())]);
                        source.push_str(SEPARATORS[next(SEPARATORS.len())]);
                        source.push_str(VALUES[next(VALUES.len())]);
                    }
                }
                source.push_str(["\n", "\n", "\n", "\r\n", " \n", ""][next(6)]);
            }
            accepted += usize::from(subset_agrees(&source));
        }
        assert!(
            accepted * 50 >= cases,
            "the reader accepted {accepted} of {cases}"
        );
    }

    #[test]
    fn fast_path_declines_what_the_full_conversion_reports() {
        for source in [
            "",
            "# only a comment\n",
            "- a\n- b\n",
            "just text\n",
            "a: !foo 1\n",
            "!foo {a: 1}\n",
            "a: {b: !x [1]}\n",
            "1: a\n",
            "a: 1\nnull: 2\n",
            "[a, b]: 1\n",
            "a: 1\na: 2\n",
            "a: {b: 1, b: 2}\n",
            "a: .inf\n",
            "a: [-.inf]\n",
            "a: .nan\n",
            "a: 1\n---\nb: 2\n",
            "a: [1, 2\n",
            "a: \"open\n",
            "a:\n\t- b\n",
            "a: 123456789012345678901234567890\n",
        ] {
            assert!(!agrees(source), "the fast path should decline {source:?}");
        }
    }

    #[test]
    fn fast_path_gives_what_the_full_conversion_gives() {
        for source in [
            "a: 1\n",
            "{}\n",
            "a: yes\nb: no\nc: on\nd: ~\ne: null\nf: true\ng: 0x1F\nh: 0o17\ni: -1.5e3\nj: 18446744073709551615\nk: -9223372036854775808\n",
            "a: &x {b: [1, 2]}\nc: *x\n'<<': *x\nd: {<<: *x}\n",
            "a: !!str 1\nb: !!int \"2\"\nc: !!float 3\n\"1\": quoted key\n",
            "a: |\n  literal\n  text\nb: >\n  folded\n  text\n",
            "a: [1, {b: c}, [d]]\n\"e f\": 'g''h'\n",
            "z: 1\ny: 2\nx: 3\n",
            "a: 2026-02-30\nb: 1_000\nc: +1\nd: .5\n",
        ] {
            assert!(agrees(source), "the fast path should accept {source:?}");
        }
    }

    #[test]
    fn fast_path_agrees_on_every_fixture_and_mutation() {
        // Every map the tests ship, then seeded byte-level mutations of them.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut pending = vec![root.join("tests/fixtures"), root.join("examples")];
        let mut sources = Vec::new();
        while let Some(dir) = pending.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    pending.push(path);
                } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml")
                    && let Ok(text) = std::fs::read_to_string(&path)
                {
                    sources.push(text);
                }
            }
        }
        // What the loader refuses before parsing (deep brackets, alias
        // bombs) reaches neither path; aliases are covered by the cases above.
        sources.retain(|s| too_deep_flow(s).is_none() && !(s.contains('&') && s.contains('*')));
        assert!(sources.len() > 20, "fixtures found: {}", sources.len());
        let accepted = sources.iter().filter(|s| agrees(s)).count();
        assert!(
            accepted > 10,
            "the fast path takes ordinary maps: {accepted}"
        );
        let subset = sources.iter().filter(|s| subset_agrees(s)).count();
        assert!(
            subset >= accepted * 9 / 10,
            "the block-subset reader takes ordinary maps: {subset} of {accepted}"
        );
        // The navigator answers nearly every question about a real map.
        let (answered, asked) = sources
            .iter()
            .filter(|s| block_subset::read(s).is_some())
            .map(|s| positions_agree(s))
            .fold((0, 0), |(a, b), (c, d)| (a + c, b + d));
        assert!(
            answered * 10 >= asked * 9,
            "the navigator answered {answered} of {asked}"
        );
        let mut subset_accepted = 0;

        let inserts: [&str; 12] = [
            "!",
            "!!binary ",
            "&a ",
            "*a",
            "[",
            "]",
            "{",
            "}",
            "\"",
            "'",
            ": ",
            "\n- ",
        ];
        let mut state: u64 = 0x5EED;
        let mut next = |n: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((state >> 33) as usize) % n.max(1)
        };
        for round in 0..1_200 {
            let base = &sources[next(sources.len())];
            let mut text = base.clone();
            let at = next(text.len());
            let at = (0..=at)
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            match round % 4 {
                0 => text.insert_str(at, inserts[next(inserts.len())]),
                1 => text.truncate(at),
                2 => {
                    let end = (at + 1 + next(8)).min(text.len());
                    let end = (end..=text.len())
                        .find(|&i| text.is_char_boundary(i))
                        .unwrap_or(at);
                    text.replace_range(at..end, "");
                }
                _ => {
                    // Duplicate a line: duplicate keys, repeated items.
                    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                    let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
                    let line = text[start..end].to_owned();
                    text.insert_str(end, &line);
                }
            }
            if too_deep_flow(&text).is_none() && !(text.contains('&') && text.contains('*')) {
                agrees(&text);
                subset_accepted += usize::from(subset_agrees(&text));
            }
        }
        // Mutants the reader accepted, so the comparison is not empty.
        assert!(
            subset_accepted > 300,
            "block-subset reader accepted {subset_accepted} mutants"
        );
    }
}
