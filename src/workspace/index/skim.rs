//! The cheap read of a workspace file: its top-level `kind`, `id`,
//! `parent` and `persona` from the lines at column 0, without parsing the
//! rest. Building the index reads every file of the workspace, most of
//! which are not being checked; parsing them all would cost as much as
//! checking them.
//!
//! The skim **declines** (returns `None`, and the file is loaded in full)
//! whenever the lines at column 0 may not be what they look like, or the
//! facts may lie deeper:
//!
//! - the file may hold a `journey` link: the word `journey` followed by a
//!   `:` (after a closing quote or spaces) or by the end of a line;
//! - a backslash (an escape could spell any key) or a tab anywhere; a line
//!   break other than LF and CRLF (libyaml also breaks lines at a lone CR,
//!   NEL, U+2028 and U+2029);
//! - a quoted scalar or a flow collection that does not end on the line it
//!   starts on (its next lines may start at column 0 and look like keys);
//! - an anchor, alias or tag (an alias could repeat a link), a document
//!   marker or directive, a complex key, a quoted key at column 0, a first
//!   line that is not at column 0;
//! - one of the four keys twice, or with a value that is not surely a
//!   string: unquoted, it must be a slug starting with a letter (and not
//!   `true`, `false` or `null`); quoted, on one line without escapes;
//!   followed by a line indented deeper (a multi-line scalar, or an error).
//!
//! For every file that loads, the facts are those [`Facts::of_value`]
//! reads from the loaded document (`tests` below and `tests/workspace.rs`
//! compare the two on every fixture, example and mutants of them). For a
//! file that does not load, they are what the skim read, when it did not
//! decline: a map broken further down keeps the id it declares.

use memchr::memmem;

use super::facts::{Facts, Kind};

/// The facts of a file from its text, or `None` when the file must be
/// loaded to know them.
pub fn skim(bytes: &[u8]) -> Option<Facts> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if memchr::memchr2(b'\\', b'\t', bytes).is_some()
        || may_hold_a_link(bytes)
        || has_other_line_breaks(bytes)
    {
        return None;
    }
    let mut facts = Facts::default();
    let mut seen = [false; 4];
    let mut first = true;
    // After a key of interest with its value on its line, the next content
    // line must be at column 0: one indented deeper continues the scalar.
    let mut must_be_at_column_0 = false;
    for line in bytes.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let body = trim_start(line);
        if body.is_empty() || body[0] == b'#' {
            continue;
        }
        if !self_contained(body) {
            return None;
        }
        let indented = body.len() < line.len();
        if indented {
            if first || must_be_at_column_0 {
                return None;
            }
            continue;
        }
        first = false;
        must_be_at_column_0 = false;
        if body == b"-" || body.starts_with(b"- ") {
            // A list written at its key's indentation (`stages:` then `- id: …`).
            continue;
        }
        let (key, rest) = split_key(body)?;
        let slot = match key {
            b"kind" => 0,
            b"id" => 1,
            b"parent" => 2,
            b"persona" => 3,
            _ => continue,
        };
        if std::mem::replace(&mut seen[slot], true) {
            return None; // a duplicate key: loading reports it
        }
        let value = without_comment(rest);
        let text = if value.is_empty() {
            // Null, or a block below: not a string.
            None
        } else {
            must_be_at_column_0 = true;
            Some(sure_string(value)?)
        };
        match slot {
            0 => {
                facts.kind = match text.as_deref() {
                    Some("journey") => Kind::Journey,
                    Some("persona") => Kind::Persona,
                    _ => Kind::Other,
                }
            }
            1 => facts.id = text,
            2 => facts.parent = text,
            _ => facts.persona = text,
        }
    }
    Some(facts)
}

/// For a file that does not load (and that [`skim`] declined): the
/// `kind` and `id` written on lines at column 0, so that a persona file
/// broken further down is still known as one.
pub fn lenient(bytes: &[u8]) -> Facts {
    let mut facts = Facts::default();
    for line in bytes.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let Some((key, rest)) = split_key(line) else {
            continue;
        };
        let value = sure_string(without_comment(rest));
        match (key, value.as_deref()) {
            (b"kind", Some("persona")) => facts.kind = Kind::Persona,
            (b"id", Some(_)) if facts.id.is_none() => facts.id = value,
            _ => {}
        }
    }
    facts
}

fn is_blank(byte: u8) -> bool {
    byte == b' ' || byte == b'\t'
}

fn trim_start(text: &[u8]) -> &[u8] {
    let start = text
        .iter()
        .position(|&b| !is_blank(b))
        .unwrap_or(text.len());
    &text[start..]
}

fn trim_end(text: &[u8]) -> &[u8] {
    let end = text
        .iter()
        .rposition(|&b| !is_blank(b))
        .map_or(0, |i| i + 1);
    &text[..end]
}

/// `journey` followed by `:` (after a closing quote and spaces), or an
/// explicit key `? journey` (its `:` on the next line): a key that may be
/// a link. (`kind: journey` is a value.)
fn may_hold_a_link(bytes: &[u8]) -> bool {
    const WORD: &[u8] = b"journey";
    memmem::find_iter(bytes, WORD).any(|start| {
        let mut rest = &bytes[start + WORD.len()..];
        if let [b'"' | b'\'', after @ ..] = rest {
            rest = after;
        }
        match trim_start(rest).first() {
            Some(b':') => true,
            None | Some(b'\n' | b'\r') => {
                let mut before = trim_end(&bytes[..start]);
                if let [head @ .., b'"' | b'\''] = before {
                    before = trim_end(head);
                }
                before.last() == Some(&b'?')
            }
            Some(_) => false,
        }
    })
}

/// A lone CR, NEL, U+2028 or U+2029: line breaks for libyaml.
fn has_other_line_breaks(bytes: &[u8]) -> bool {
    memchr::memchr3_iter(b'\r', 0xC2, 0xE2, bytes).any(|i| {
        let next = |k: usize| bytes.get(i + k).copied();
        match bytes[i] {
            b'\r' => next(1) != Some(b'\n'),
            0xC2 => next(1) == Some(0x85),
            _ => next(1) == Some(0x80) && matches!(next(2), Some(0xA8 | 0xA9)),
        }
    })
}

/// A top-level line's key and what follows its `:`; `None` when the line
/// is not a plain `key:` entry.
fn split_key(body: &[u8]) -> Option<(&[u8], &[u8])> {
    if matches!(
        body.first(),
        Some(
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
    ) {
        return None;
    }
    let colon = (0..body.len()).find(|&i| {
        body[i] == b':' && body.get(i + 1).is_none_or(|&next| is_blank(next))
            || body[i] == b'#' && i > 0 && is_blank(body[i - 1])
    })?;
    if body[colon] == b'#' {
        return None; // a comment before any `: `: not an entry
    }
    Some((trim_end(&body[..colon]), &body[colon + 1..]))
}

/// The value of an entry without its comment and surrounding blanks.
fn without_comment(rest: &[u8]) -> &[u8] {
    let rest = trim_start(rest);
    if rest.first() == Some(&b'#') {
        return &[];
    }
    let end = (1..rest.len())
        .find(|&i| rest[i] == b'#' && is_blank(rest[i - 1]))
        .unwrap_or(rest.len());
    trim_end(&rest[..end])
}

/// A value that is a string whatever YAML's rules: an unquoted slug
/// starting with a letter (not `true`, `false` or `null`), or a quoted
/// text without escapes. `None` for anything else.
fn sure_string(value: &[u8]) -> Option<String> {
    let text = match value {
        [quote @ (b'"' | b'\''), inner @ .., last] if last == quote => {
            if inner.contains(quote) || inner.iter().any(|&b| b < 0x20) {
                return None;
            }
            inner
        }
        [first, rest @ ..]
            if first.is_ascii_lowercase()
                && rest.iter().all(|&b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_'
                })
                && !matches!(value, b"true" | b"false" | b"null") =>
        {
            value
        }
        _ => return None,
    };
    String::from_utf8(text.to_vec()).ok()
}

/// Whether every quoted scalar and flow collection starting on this line
/// (its content, after the indentation) ends on it. Anchors, aliases and
/// tags answer no.
fn self_contained(line: &[u8]) -> bool {
    let mut i = 0;
    loop {
        // At the start of a value: after the indentation, `- `, or `key: `.
        while i < line.len() && is_blank(line[i]) {
            i += 1;
        }
        let Some(&byte) = line.get(i) else {
            return true;
        };
        let then_blank = line.get(i + 1).is_none_or(|&b| is_blank(b));
        match byte {
            b'#' => return true,
            b'-' if then_blank => {
                i += 1;
                continue;
            }
            b'|' | b'>' => return true, // a block scalar's header; its lines are indented
            b'&' | b'*' | b'!' | b'?' | b'%' | b'@' | b'`' => return false,
            b':' if then_blank => return false,
            b'"' | b'\'' => match quoted_end(line, i) {
                Some(end) => i = end,
                None => return false,
            },
            b'[' | b'{' => match flow_end(line, i) {
                Some(end) => i = end,
                None => return false,
            },
            _ => {
                // A plain scalar: up to a `: ` (a key), a ` #` or the line end.
                loop {
                    i += 1;
                    match line.get(i) {
                        None => return true,
                        Some(b':') if line.get(i + 1).is_none_or(|&b| is_blank(b)) => break,
                        Some(b'#') if is_blank(line[i - 1]) => return true,
                        Some(_) => {}
                    }
                }
            }
        }
        // After a key or a quoted or flow scalar: a `:` starts its value.
        while i < line.len() && is_blank(line[i]) {
            i += 1;
        }
        match line.get(i) {
            Some(b':') => i += 1,
            _ => return true,
        }
    }
}

/// The index after the quoted scalar opening at `start`, if it closes on
/// the line (there is no backslash in the file: `skim` declined it).
fn quoted_end(line: &[u8], start: usize) -> Option<usize> {
    let quote = line[start];
    let mut i = start + 1;
    loop {
        let offset = memchr::memchr(quote, line.get(i..)?)?;
        i += offset + 1;
        // `''` inside single quotes is a quote.
        if quote == b'\'' && line.get(i) == Some(&b'\'') {
            i += 1;
            continue;
        }
        return Some(i);
    }
}

/// The index after the flow collection opening at `start`, if it closes
/// on the line.
fn flow_end(line: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut token_start = true;
    let mut i = start;
    while i < line.len() {
        match line[i] {
            b'[' | b'{' => {
                depth += 1;
                token_start = true;
            }
            b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
                token_start = false;
            }
            b',' | b':' => token_start = true,
            b'"' | b'\'' if token_start => {
                i = quoted_end(line, i)?;
                token_start = false;
                continue;
            }
            b'#' if i > 0 && is_blank(line[i - 1]) => return None,
            b'&' | b'*' | b'!' if token_start => return None,
            b' ' | b'\t' => {}
            _ => token_start = false,
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(text: &str) -> Option<Facts> {
        skim(text.as_bytes())
    }

    #[test]
    fn reads_the_top_level_keys() {
        let found = facts(
            "# a map\nkind: journey\nid: checkout # the id\nparent: 'grocery'\npersona: \"maya\"\ntitle: x\nstages:\n  - id: a\n",
        )
        .expect("skimmed");
        assert_eq!(found.kind, Kind::Journey);
        assert_eq!(found.id.as_deref(), Some("checkout"));
        assert_eq!(found.parent.as_deref(), Some("grocery"));
        assert_eq!(found.persona.as_deref(), Some("maya"));
        let persona = facts("kind: persona\r\nid: maya\r\nname: Maya\r\n").expect("skimmed");
        assert_eq!(persona.kind, Kind::Persona);
    }

    #[test]
    fn an_inline_persona_is_no_reference() {
        let found = facts("title: x\npersona:\n  name: Maya\n  id: maya\n").expect("skimmed");
        assert_eq!(found.persona, None);
        assert_eq!(found.id, None);
        assert_eq!(found.kind, Kind::Journey);
    }

    #[test]
    fn a_broken_file_keeps_its_kind_and_id() {
        let found = lenient(b"kind: persona\nid: maya\nname: [unclosed\n");
        assert_eq!(
            (found.kind, found.id.as_deref()),
            (Kind::Persona, Some("maya"))
        );
    }

    #[test]
    fn kinds() {
        let kind = |text: &str| facts(text).map(|f| f.kind);
        assert_eq!(kind("title: x\n"), Some(Kind::Journey));
        assert_eq!(kind("kind: other\n"), Some(Kind::Other));
        assert_eq!(kind("kind:\n"), Some(Kind::Other));
        assert_eq!(kind("kind: Persona\n"), None);
    }

    #[test]
    fn declines_what_it_cannot_be_sure_of() {
        for text in [
            "stages:\n  - id: a\n    journey: checkout\n",
            "stages: [{id: a, \"journey\": checkout}]\n",
            "stages:\n  - ? journey\n    : x\n",
            "title: \"a\\n\"\n",
            "id:\tcheckout\n",
            "title: x\rid: y\n",
            "title: x\u{2028}id: y\n",
            "title: \"starts here\nid: sneaky\"\n",
            "stages:\n  - name: 'one\nid: sneaky'\n",
            "tags: [a,\nid: b]\n",
            "persona: &p maya\n",
            "persona: *p\n",
            "id: !!str x\n",
            "---\nid: x\n",
            "  id: x\n",
            "\"id\": x\n",
            "? id\n: x\n",
            "id: x\nid: y\n",
            "id: 123\n",
            "id: true\n",
            "id: Check Out\n",
            "id: check\n  out\n",
            "persona: maya\n  name: x\n",
            "id: 'it''s'\n",
        ] {
            assert_eq!(facts(text), None, "{text:?}");
        }
    }

    #[test]
    fn accepts_ordinary_maps() {
        for text in [
            "title: The journey of a parent\nstages:\n- id: a\n  touchpoints: [{ id: x, name: \"a: b\", channel: 'it''s' }]\n",
            "description: |\n  id: not a key\nid: real\n",
            "name: Maya's map # comment: with colon\n",
            "x-note: {a: [1, 2], b: \"]\"}\n",
        ] {
            assert!(facts(text).is_some(), "{text:?}");
        }
        let found = facts("description: |\n  id: not a key\nid: real\n").expect("skimmed");
        assert_eq!(found.id.as_deref(), Some("real"));
    }

    /// Every `*.yaml` under `dir`, recursively.
    fn yaml_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("a readable folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                yaml_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                out.push(path);
            }
        }
    }

    /// When the skim answers for a file that loads, it answers what the
    /// loaded value says.
    fn agrees(text: &[u8], what: &dyn Fn() -> String) -> bool {
        let Some(skimmed) = skim(text) else {
            return false;
        };
        if let Some(document) = crate::map::load::load("x.yaml", text).document {
            assert_eq!(skimmed, Facts::of_value(&document.value), "{}", what());
        }
        true
    }

    #[test]
    fn agrees_with_loading_on_fixtures_examples_and_their_mutants() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        yaml_files(&root.join("tests"), &mut files);
        yaml_files(&root.join("examples"), &mut files);
        let mut skimmed = 0;
        for path in &files {
            let bytes = std::fs::read(path).expect("a fixture");
            skimmed += usize::from(agrees(&bytes, &|| path.display().to_string()));
        }
        assert!(
            skimmed * 2 > files.len(),
            "only {skimmed} of {} skimmed",
            files.len()
        );

        let pieces = [
            "id: mutant",
            "id: \"quoted id\"",
            "id: 'single'",
            "id: Upper",
            "id: 12",
            "id:",
            "id: a # note",
            "id: a#b",
            "id : spaced",
            "persona: maya",
            "persona: 'maya'",
            "persona:\n  name: Inline",
            "persona: [maya]",
            "parent: checkout",
            "parent: null",
            "kind: persona",
            "kind: journey",
            "kind: other",
            "kind: true",
            "  id: nested",
            "    journey: x",
            "- journey: x",
            "  - { id: t, journey: x }",
            "x: \"multi\nid: sneaky\"",
            "x: 'multi\nid: sneaky'",
            "x: [a,\nid: b]",
            "x: {a: 1,\nid: b}",
            "x: |\n  id: no",
            "x: >-\n  persona: no\nid: yes",
            "x: &a\n  id: b",
            "x: it's fine",
            "x: \"a\" # c",
            "id: first\nid: second",
            "title: The journey to work",
            "x: journey",
            "? id\n: x",
            "x: [\"a\", 'b', {c: \"d\"}]",
            "---",
            "x: a\n  id: continued",
        ];
        let mut compared = 0;
        for example in files
            .iter()
            .filter(|p| p.starts_with(root.join("examples")))
        {
            let text = std::fs::read_to_string(example).expect("an example");
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            // Every fourth line: each kind of place (top level, a list, a flow, a
            // block scalar) comes up many times in a map.
            for k in (0..=lines.len()).filter(|k| k % 4 == 0 || *k == lines.len()) {
                for piece in pieces {
                    let mut mutant = lines[..k].concat();
                    mutant.push_str(piece);
                    mutant.push('\n');
                    mutant.push_str(&lines[k..].concat());
                    let what = || format!("{}: {piece:?} before line {}", example.display(), k + 1);
                    compared += usize::from(agrees(mutant.as_bytes(), &what));
                }
            }
        }
        assert!(compared > 1_000, "{compared} mutants skimmed and compared");
    }
}
