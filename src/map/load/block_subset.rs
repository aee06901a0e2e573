//! The fastest path: a reader for the plain block YAML that journey maps are
//! written in, straight to JSON.
//!
//! YAML parsing was 70% of `check` (libyaml's scanner alone half of it),
//! and no YAML library in Rust reads much faster. Maps use a small part of
//! YAML: indented mappings and lists, one-line scalars, one-line flow lists
//! and mappings, comments. This reader handles exactly that part, builds
//! the JSON directly, and **declines** — returns `None`, so that serde_yaml
//! reads the file — at the first thing outside it or in doubt: anchors,
//! aliases, tags, block scalars (`|`, `>`), multi-line scalars or flows,
//! escapes other than `\" \\ \/ \n \t`, tabs, control characters, document
//! markers and directives, duplicate keys, keys that are not strings,
//! numbers in any form but `12`, `-3` and `4.5`, anything that is a syntax
//! error. serde_yaml stays the reference: for every file this reader
//! accepts, the result is the JSON that serde_yaml's value converts to,
//! with no finding (`tests/fuzz.rs` holds it to that on every fixture,
//! example and generated map, and on thousands of mutants of them).

use serde_json::map::Entry;
use serde_json::{Map, Number, Value};

pub mod positions;

/// Nesting the reader follows (indented blocks and flows together); deeper
/// declines, and serde_yaml reports it (its limit is 128).
const MAX_DEPTH: usize = 64;
/// libyaml refuses an implicit key that runs over 1024 characters from its
/// start to its `:`; the reader counts bytes, never more characters.
const MAX_KEY_BYTES: usize = 1024;

/// The document as JSON when the file is a mapping written in the subset,
/// `None` otherwise. `source` has no BOM and no lone CR.
pub fn read(source: &str) -> Option<Value> {
    if !only_plain_characters(source.as_bytes()) {
        return None;
    }
    let lines = content_lines(source)?;
    let first_indent = lines.first()?.indent;
    let mut reader = Reader {
        source,
        lines,
        next: 0,
    };
    let value = reader.block(first_indent, 0)?;
    let whole_file_read = reader.next == reader.lines.len();
    (whole_file_read && value.is_object()).then_some(value)
}

/// Whether every character is one the reader takes as it is: no tab, no
/// control character, no character libyaml treats as a line break (NEL,
/// U+2028, U+2029) or refuses (U+FEFF inside the text, U+FFFE, U+FFFF).
fn only_plain_characters(bytes: &[u8]) -> bool {
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        let next = |offset: usize| bytes.get(index + offset).copied().unwrap_or(0);
        let refused = match byte {
            b'\n' => false,
            // A lone CR is a line break for YAML (the loader turns it into
            // LF before; a reader on its own must not take it as text).
            b'\r' => next(1) != b'\n',
            0x00..=0x1F | 0x7F => true,
            // C1 controls, NEL among them: U+0080..U+009F.
            0xC2 => (0x80..=0x9F).contains(&next(1)),
            // U+2028, U+2029.
            0xE2 => next(1) == 0x80 && matches!(next(2), 0xA8 | 0xA9),
            // U+FEFF, U+FFFE, U+FFFF.
            0xEF => matches!(
                (next(1), next(2)),
                (0xBB, 0xBF) | (0xBF, 0xBE) | (0xBF, 0xBF)
            ),
            _ => false,
        };
        if refused {
            return false;
        }
        index += 1;
    }
    true
}

/// A line that holds something (not blank, not only a comment).
#[derive(Debug, Clone, Copy)]
struct Line {
    /// Byte offset of its first character after the indentation.
    start: usize,
    /// Byte offset of its end (before `\n` or `\r\n`).
    end: usize,
    /// Its indentation in spaces; for a list entry's compact mapping
    /// (`- key: value`), the column of the key.
    indent: usize,
}

fn content_lines(source: &str) -> Option<Vec<Line>> {
    let mut lines = Vec::new();
    let mut line_start = 0;
    for text in source.split('\n') {
        let end = line_start + text.strip_suffix('\r').unwrap_or(text).len();
        let content = source.get(line_start..end)?;
        let body = content.trim_start_matches(' ');
        let indent = content.len() - body.len();
        if !body.is_empty() && !body.starts_with('#') {
            if indent == 0 && (body.starts_with("---") || body.starts_with("...")) {
                return None; // document markers
            }
            lines.push(Line {
                start: line_start + indent,
                end,
                indent,
            });
        }
        line_start += text.len() + 1;
    }
    Some(lines)
}

struct Reader<'a> {
    source: &'a str,
    lines: Vec<Line>,
    /// The first line not read yet.
    next: usize,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<Line> {
        self.lines.get(self.next).copied()
    }

    fn text(&self, line: Line) -> &'a str {
        self.source.get(line.start..line.end).unwrap_or_default()
    }

    /// The indented block whose first line is the next one, at `indent`.
    fn block(&mut self, indent: usize, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        let line = self.peek()?;
        if is_list_entry(self.text(line)) {
            self.list(indent, depth)
        } else {
            self.mapping(indent, depth, None)
        }
    }

    fn list(&mut self, indent: usize, depth: usize) -> Option<Value> {
        let mut items = Vec::new();
        while let Some(line) = self.peek() {
            if line.indent < indent {
                break;
            }
            let text = self.text(line);
            if line.indent > indent {
                return None;
            }
            if !is_list_entry(text) {
                break; // the next key of the mapping this list is the value of
            }
            let after_dash = &text[1..];
            let rest = after_dash.trim_start_matches(' ');
            if rest.is_empty() || rest.starts_with('#') {
                self.next += 1;
                items.push(self.value_below(indent, depth)?);
            } else if let Some(first) = split_entry(rest) {
                // `- key: value`: a mapping whose lines are at the key's column.
                let offset = 1 + after_dash.len() - rest.len();
                let compact = Line {
                    start: line.start + offset,
                    indent: line.indent + offset,
                    ..line
                };
                self.lines[self.next] = compact;
                items.push(self.mapping(compact.indent, depth + 1, Some(first))?);
            } else {
                self.next += 1;
                items.push(self.inline_value(rest, indent, depth)?);
            }
        }
        Some(Value::Array(items))
    }

    /// A block mapping at `indent`; `first` is its first entry when the
    /// caller has already split it (a list entry's compact mapping).
    fn mapping(
        &mut self,
        indent: usize,
        depth: usize,
        mut first: Option<(String, &'a str)>,
    ) -> Option<Value> {
        let mut map = Map::new();
        while let Some(line) = self.peek() {
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                return None;
            }
            let (key, rest) = match first.take() {
                Some(entry) => entry,
                None => split_entry(self.text(line))?,
            };
            self.next += 1;
            let value = if rest.is_empty() || rest.starts_with('#') {
                match self.peek() {
                    // `key:` then a list at the key's own indentation.
                    Some(next) if next.indent == indent && is_list_entry(self.text(next)) => {
                        self.list(indent, depth + 1)?
                    }
                    _ => self.value_below(indent, depth)?,
                }
            } else {
                self.inline_value(rest, indent, depth)?
            };
            insert_new(&mut map, key, value)?;
        }
        Some(Value::Object(map))
    }

    /// The value of a `key:` or `-` with nothing after it: the block
    /// indented below, or null.
    fn value_below(&mut self, indent: usize, depth: usize) -> Option<Value> {
        match self.peek() {
            Some(next) if next.indent > indent => self.block(next.indent, depth + 1),
            _ => Some(Value::Null),
        }
    }

    /// A value written on its entry's line. A line indented deeper after it
    /// would continue a multi-line scalar (or be an error): declined.
    fn inline_value(&mut self, text: &str, indent: usize, depth: usize) -> Option<Value> {
        let (value, rest) = match text.as_bytes().first()? {
            b'"' | b'\'' => quoted(text).map(|(s, rest)| (Value::String(s), rest))?,
            b'[' | b'{' => flow(text, depth + 1)?,
            _ => (resolve_plain(block_plain(text)?)?, ""),
        };
        if !is_line_end(rest) || self.peek().is_some_and(|next| next.indent > indent) {
            return None;
        }
        Some(value)
    }
}

/// Adds an entry to a mapping being read; `None` (decline) for a duplicate
/// key, and for `<<`, a merge key in YAML 1.1, left to serde_yaml.
fn insert_new(map: &mut Map<String, Value>, key: String, value: Value) -> Option<()> {
    if key == "<<" {
        return None;
    }
    match map.entry(key) {
        Entry::Occupied(_) => None,
        Entry::Vacant(slot) => {
            slot.insert(value);
            Some(())
        }
    }
}

/// `-` alone or followed by a space: a list entry.
fn is_list_entry(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

/// What may follow a value on its line: spaces, then nothing or a comment.
fn is_line_end(rest: &str) -> bool {
    let trimmed = rest.trim_start_matches(' ');
    trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < rest.len())
}

/// `key: rest` → the key (a string) and what follows the `:` and its
/// spaces. `None` when the line is not such an entry or the key is anything
/// but a plain or quoted string.
fn split_entry(text: &str) -> Option<(String, &str)> {
    let (key, after_key) = match text.as_bytes().first()? {
        b'"' | b'\'' => quoted(text)?,
        _ => {
            let colon = plain_key_end(text)?;
            let key = resolve_plain(text[..colon].trim_end_matches(' '))?;
            match key {
                Value::String(key) => (key, &text[colon..]),
                _ => return None,
            }
        }
    };
    let rest = after_key.trim_start_matches(' ').strip_prefix(':')?;
    if !(rest.is_empty() || rest.starts_with(' ')) || text.len() - rest.len() > MAX_KEY_BYTES {
        return None;
    }
    Some((key, rest.trim_start_matches(' ')))
}

/// What ends a plain scalar on a block line, whichever comes first.
enum PlainEnd {
    /// A `:` followed by a space or the line end: a mapping's key ends here.
    Colon(usize),
    /// A ` #` comment, or the line end.
    Text(usize),
}

/// Scans a plain scalar on a block line; `None` if it starts with an
/// indicator.
fn scan_plain(text: &str) -> Option<PlainEnd> {
    if starts_with_indicator(text) {
        return None;
    }
    let bytes = text.as_bytes();
    for (index, &byte) in bytes.iter().enumerate() {
        match byte {
            b':' if matches!(bytes.get(index + 1), None | Some(b' ')) => {
                return Some(PlainEnd::Colon(index));
            }
            b'#' if index > 0 && bytes[index - 1] == b' ' => return Some(PlainEnd::Text(index)),
            _ => {}
        }
    }
    Some(PlainEnd::Text(bytes.len()))
}

/// Where a plain key ends: its `:` followed by a space or the line end
/// (`None` when a comment or the line end comes first).
fn plain_key_end(text: &str) -> Option<usize> {
    match scan_plain(text)? {
        PlainEnd::Colon(index) => Some(index),
        PlainEnd::Text(_) => None,
    }
}

/// A plain scalar filling the rest of a block line, without its comment
/// and trailing spaces. `None` when it holds a `: ` (a mapping where none
/// may start) or starts with an indicator.
fn block_plain(text: &str) -> Option<&str> {
    match scan_plain(text)? {
        PlainEnd::Colon(_) => None,
        PlainEnd::Text(end) => Some(text[..end].trim_end_matches(' ')),
    }
}

/// Characters that cannot start a plain scalar, or that start one only in
/// forms this reader leaves to serde_yaml (`-x`, `?x`, `:x`).
fn starts_with_indicator(text: &str) -> bool {
    matches!(
        text.as_bytes().first(),
        None | Some(
            b'-' | b'?'
                | b':'
                | b','
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b'#'
                | b'&'
                | b'*'
                | b'!'
                | b'|'
                | b'>'
                | b'\''
                | b'"'
                | b'%'
                | b'@'
                | b'`'
        )
    ) && !is_negative_number(text)
}

/// `-12`, `-4.5` (and whatever follows them: the caller's scanning ends
/// the scalar): the only plain scalars starting with `-` the reader takes.
fn is_negative_number(text: &str) -> bool {
    text.strip_prefix('-')
        .is_some_and(|rest| rest.as_bytes().first().is_some_and(u8::is_ascii_digit))
}

/// A double- or single-quoted scalar on one line: its text and what follows it.
fn quoted(text: &str) -> Option<(String, &str)> {
    match text.as_bytes().first()? {
        b'"' => double_quoted(text),
        b'\'' => single_quoted(text),
        _ => None,
    }
}

/// A double-quoted scalar on one line: its text and what follows it.
fn double_quoted(text: &str) -> Option<(String, &str)> {
    let body = text.strip_prefix('"')?;
    let mut out = String::new();
    let mut chunk_start = 0;
    let bytes = body.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'"' => {
                out.push_str(&body[chunk_start..index]);
                return Some((out, &body[index + 1..]));
            }
            b'\\' => {
                out.push_str(&body[chunk_start..index]);
                out.push(match bytes.get(index + 1)? {
                    b'"' => '"',
                    b'\\' => '\\',
                    b'/' => '/',
                    b'n' => '\n',
                    b't' => '\t',
                    _ => return None,
                });
                index += 2;
                chunk_start = index;
            }
            _ => index += 1,
        }
    }
    None // continues on the next line
}

/// A single-quoted scalar on one line (`''` is a quote): its text and what
/// follows it.
fn single_quoted(text: &str) -> Option<(String, &str)> {
    let body = text.strip_prefix('\'')?;
    let mut out = String::new();
    let mut rest = body;
    loop {
        let quote = rest.find('\'')?;
        out.push_str(&rest[..quote]);
        let after = &rest[quote + 1..];
        match after.strip_prefix('\'') {
            Some(more) => {
                out.push('\'');
                rest = more;
            }
            None => return Some((out, after)),
        }
    }
}

/// A flow list or mapping closed on the same line: its value and what
/// follows it.
fn flow(text: &str, depth: usize) -> Option<(Value, &str)> {
    if depth > MAX_DEPTH {
        return None;
    }
    match text.as_bytes().first()? {
        b'[' => flow_list(&text[1..], depth),
        b'{' => flow_mapping(&text[1..], depth),
        _ => None,
    }
}

fn flow_list(mut rest: &str, depth: usize) -> Option<(Value, &str)> {
    let mut items = Vec::new();
    rest = rest.trim_start_matches(' ');
    if let Some(after) = rest.strip_prefix(']') {
        return Some((Value::Array(items), after));
    }
    loop {
        let (item, after) = flow_node(rest, depth, b']')?;
        items.push(item);
        let after = after.trim_start_matches(' ');
        match after.as_bytes().first()? {
            b',' => rest = after[1..].trim_start_matches(' '),
            b']' => return Some((Value::Array(items), &after[1..])),
            _ => return None,
        }
    }
}

fn flow_mapping(mut rest: &str, depth: usize) -> Option<(Value, &str)> {
    let mut map = Map::new();
    rest = rest.trim_start_matches(' ');
    if let Some(after) = rest.strip_prefix('}') {
        return Some((Value::Object(map), after));
    }
    loop {
        let (key, value_text) = flow_key(rest)?;
        let (value, after) = flow_node(value_text, depth, b'}')?;
        insert_new(&mut map, key, value)?;
        let after = after.trim_start_matches(' ');
        match after.as_bytes().first()? {
            b',' => rest = after[1..].trim_start_matches(' '),
            b'}' => return Some((Value::Object(map), &after[1..])),
            _ => return None,
        }
    }
}

/// A flow mapping's `key: ` at the start of `rest`: the key (a string) and
/// the text of its value.
fn flow_key(rest: &str) -> Option<(String, &str)> {
    let (key, after_key) = match rest.as_bytes().first()? {
        b'"' | b'\'' => quoted(rest)?,
        _ => {
            let end = rest.find(':')?;
            let key = &rest[..end];
            if key.contains([',', '[', ']', '{', '}', '#']) {
                return None;
            }
            match resolve_plain(flow_plain_text(key)?)? {
                Value::String(key) => (key, &rest[end..]),
                _ => return None,
            }
        }
    };
    let after_colon = after_key.trim_start_matches(' ').strip_prefix(": ")?;
    if rest.len() - after_colon.len() > MAX_KEY_BYTES {
        return None;
    }
    Some((key, after_colon.trim_start_matches(' ')))
}

/// One entry of a flow collection closed by `close`: its value and what
/// follows it.
fn flow_node(text: &str, depth: usize, close: u8) -> Option<(Value, &str)> {
    match text.as_bytes().first()? {
        b'"' | b'\'' => quoted(text).map(|(s, rest)| (Value::String(s), rest)),
        b'[' | b'{' => flow(text, depth + 1),
        _ => {
            let end = text.find([',', ']', '}'])?;
            if text.as_bytes()[end] != b',' && text.as_bytes()[end] != close {
                return None;
            }
            let plain = &text[..end];
            if plain.contains([':', '#', '[', '{']) {
                return None;
            }
            Some((resolve_plain(flow_plain_text(plain)?)?, &text[end..]))
        }
    }
}

/// A plain scalar inside a flow, trimmed; `None` if empty or starting with
/// an indicator.
fn flow_plain_text(text: &str) -> Option<&str> {
    let trimmed = text.trim_end_matches(' ');
    (!starts_with_indicator(trimmed)).then_some(trimmed)
}

/// A plain scalar as serde_yaml reads it with the YAML 1.2 core schema
/// (null, booleans, numbers, otherwise a string), or `None` for the forms
/// left to serde_yaml: numbers written any other way than `12`, `-3`,
/// `4.5`, and everything starting with `+` or `.`.
fn resolve_plain(text: &str) -> Option<Value> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    let first = *text.as_bytes().first()?;
    if first.is_ascii_digit() || first == b'-' {
        return resolve_numeric_looking(text);
    }
    // A letter starts no number serde_yaml accepts (Rust reads `inf` and
    // `nan`, which serde_yaml then refuses as not finite: strings); nor
    // does any other character but a digit, `+`, `-` or `.`.
    (first != b'+' && first != b'.').then(|| Value::String(text.to_owned()))
}

/// A plain scalar starting with a digit or `-`.
fn resolve_numeric_looking(text: &str) -> Option<Value> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if all_digits(whole) && whole.len() <= 18 {
        match fraction {
            // `007` is a string in YAML 1.2 (and for serde_yaml).
            None if whole.len() > 1 && whole.starts_with('0') => {
                return Some(Value::String(text.to_owned()));
            }
            None => {
                return if text.starts_with('-') {
                    text.parse::<i64>().ok().map(Value::from)
                } else {
                    text.parse::<u64>().ok().map(Value::from)
                };
            }
            Some(fraction)
                if all_digits(fraction)
                    && fraction.len() <= 18
                    && (whole == "0" || !whole.starts_with('0')) =>
            {
                let float = text.parse::<f64>().ok()?;
                return Number::from_f64(float).map(Value::Number);
            }
            Some(_) => {}
        }
    }
    // Neither an integer (decimal, 0x, 0o, 0b) nor a float can hold a
    // character outside these, nor a `-` after the first character except
    // in an exponent: such a scalar is a string (`2026-08-29`, `24/7`,
    // `10:30`, `3 days`).
    let could_be_a_number = |(index, byte): (usize, u8)| match byte {
        b'-' => index == 0 || matches!(text.as_bytes()[index - 1], b'e' | b'E'),
        b'0'..=b'9'
        | b'a'..=b'f'
        | b'A'..=b'F'
        | b'.'
        | b'x'
        | b'X'
        | b'o'
        | b'O'
        | b'+'
        | b'_' => true,
        _ => false,
    };
    if text.starts_with('-') || text.bytes().enumerate().all(could_be_a_number) {
        None
    } else {
        Some(Value::String(text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_block_subset() {
        let source = "\
# comment
title: Late-night transfer  # trailing comment
count: 12
negative: -3
ratio: 4.5
date: 2026-08-29
zero-padded: 007
nothing:
flag: true
quoted: \"a \\\"b\\\" c\"
single: 'it''s'
tags: [a, \"b c\", 3]
point: { x: 1, y: two }
list:
- one
- two: 2
  three: 3
nested:
  deeper:
    - [x]
    -
    - {}
";
        assert_eq!(
            read(source),
            Some(json!({
                "title": "Late-night transfer",
                "count": 12,
                "negative": -3,
                "ratio": 4.5,
                "date": "2026-08-29",
                "zero-padded": "007",
                "nothing": null,
                "flag": true,
                "quoted": "a \"b\" c",
                "single": "it's",
                "tags": ["a", "b c", 3],
                "point": {"x": 1, "y": "two"},
                "list": ["one", {"two": 2, "three": 3}],
                "nested": {"deeper": [["x"], null, {}]},
            }))
        );
    }

    #[test]
    fn declines_what_it_leaves_to_serde_yaml() {
        for source in [
            "",
            "# only a comment\n",
            "- a list\n",
            "just a scalar\n",
            "a: &anchor 1\nb: *anchor\n",
            "a: !tag 1\n",
            "a: |\n  block\n",
            "a: >\n  folded\n",
            "a: multi\n  line\n",
            "a: [open\n  , list]\n",
            "a: \"open\n  quote\"\n",
            "a:\tb\n",
            "a: b\na: c\n",
            "1: number key\n",
            "true: bool key\n",
            "a: b: c\n",
            "a: 0x1F\n",
            "a: 1e5\n",
            "a: +1\n",
            "a: .inf\n",
            "a: \"\\u00e9\"\n",
            "---\na: 1\n",
            "%YAML 1.2\n---\na: 1\n",
            "a: 1\n b: 2\n",
            "a:\n    b: 1\n  c: 2\n",
            "a: [x, ]\n",
            "a: {x}\n",
            "<<: {a: 1}\n",
            "a: - b\n",
            "a: \"x\"y\n",
            "a: 99999999999999999999\n",
            format!("{}: long key\n", "k".repeat(1_100)).as_str(),
            format!("k{}: spaces before the colon\n", " ".repeat(1_100)).as_str(),
            format!("a: {{{}: long flow key}}\n", "k".repeat(1_100)).as_str(),
        ] {
            assert_eq!(read(source), None, "{source:?}");
        }
    }

    #[test]
    fn refuses_control_characters_and_yaml_line_breaks() {
        for text in [
            "a\u{7}b",
            "a\u{85}b",
            "a\u{2028}b",
            "a\u{feff}b",
            "a\u{fffe}",
        ] {
            assert!(!only_plain_characters(text.as_bytes()), "{text:?}");
        }
        assert!(only_plain_characters("é ü 日本 🙂\r\n".as_bytes()));
        assert!(!only_plain_characters(b"a:\r  b"));
    }

    #[test]
    fn deep_nesting_declines_instead_of_overflowing() {
        let mut source = String::new();
        for depth in 0..10_000 {
            source.push_str(&" ".repeat(depth));
            source.push_str("a:\n");
        }
        assert_eq!(read(&source), None);
        let flows = format!("a: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(read(&flows), None);
    }
}
