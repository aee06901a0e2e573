//! The lines of a file as a person reads them around a syntax error: their
//! indentation, list dashes, key and value. Only files that fail to parse
//! are read this way, and only the few lines near the error.
//!
//! Offsets are bytes; a line's text has no line end. Nothing here indexes
//! without `get`: the text is whatever the person wrote.

use crate::diagnostic::Position;

/// One line of the source.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'a> {
    /// 1-based, counted at `\n` as editors and snippets do.
    pub number: usize,
    /// Byte offset of its first character in the source.
    pub start: usize,
    /// Its text, without `\n` or `\r\n`.
    pub text: &'a str,
}

impl<'a> Line<'a> {
    /// The line holding byte `offset` (the last line for an offset past the end).
    pub fn at(source: &'a str, offset: usize) -> Line<'a> {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
        let number = source[..start].matches('\n').count() + 1;
        Line::starting(source, number, start)
    }

    /// The line above, if any.
    pub fn previous(&self, source: &'a str) -> Option<Line<'a>> {
        let end = self.start.checked_sub(1)?;
        let start = source.get(..end)?.rfind('\n').map_or(0, |i| i + 1);
        Some(Line::starting(source, self.number - 1, start))
    }

    /// The line below, if any.
    pub fn next(&self, source: &'a str) -> Option<Line<'a>> {
        let newline = self.start + source.get(self.start..)?.find('\n')?;
        Some(Line::starting(source, self.number + 1, newline + 1))
    }

    fn starting(source: &'a str, number: usize, start: usize) -> Line<'a> {
        let rest = source.get(start..).unwrap_or_default();
        let text = rest.split('\n').next().unwrap_or_default();
        Line {
            number,
            start,
            text: text.strip_suffix('\r').unwrap_or(text),
        }
    }

    /// Whether the line holds nothing but blanks and perhaps a comment.
    pub fn is_blank_or_comment(&self) -> bool {
        let body = self.text.trim_start_matches([' ', '\t']);
        body.is_empty() || body.starts_with('#')
    }

    /// The nearest line above that holds something (not blank, not only a comment).
    pub fn previous_content(&self, source: &'a str) -> Option<Line<'a>> {
        std::iter::successors(self.previous(source), |line| line.previous(source))
            .find(|line| !line.is_blank_or_comment())
    }

    /// The lines above that hold something, nearest first.
    pub fn contents_above(&self, source: &'a str) -> impl Iterator<Item = Line<'a>> {
        std::iter::successors(self.previous_content(source), move |line| {
            line.previous_content(source)
        })
    }

    /// The position of byte `at` of this line.
    pub fn position(&self, at: usize) -> Position {
        let at = floor_char_boundary(self.text, at.min(self.text.len()));
        Position {
            line: self.number,
            column: self.text[..at].chars().count() + 1,
        }
    }

    /// The byte of this line at source offset `offset` (0 before the line).
    pub fn byte_of(&self, offset: usize) -> usize {
        offset.saturating_sub(self.start).min(self.text.len())
    }

    pub fn entry(&self) -> Entry<'a> {
        Entry::parse(self.text)
    }
}

/// What a line of block YAML holds: `␣␣- - key: value # comment`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Entry<'a> {
    /// Spaces before the first character.
    pub indent: usize,
    /// Byte of the first list dash, if the line is a list item.
    pub dash: Option<usize>,
    /// Byte of the content after the indentation and the dashes.
    pub content: usize,
    pub key: Option<Key<'a>>,
    /// The value after `key:`, or the item after `- ` when there is no key,
    /// without a trailing comment: its byte and text (never empty).
    pub value: Option<(usize, &'a str)>,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Key<'a> {
    /// As written (quotes included).
    pub text: &'a str,
    /// Byte of its `:`.
    pub colon: usize,
}

impl<'a> Entry<'a> {
    fn parse(text: &'a str) -> Entry<'a> {
        let indent = text.len() - text.trim_start_matches(' ').len();
        let mut content = indent;
        let mut dash = None;
        while let Some(rest) = text.get(content..)
            && rest.starts_with('-')
            && (rest.len() == 1 || rest[1..].starts_with([' ', '\t']))
        {
            dash.get_or_insert(content);
            let after = &rest[1..];
            content += 1 + (after.len() - after.trim_start_matches([' ', '\t']).len());
        }
        let rest = text.get(content..).unwrap_or_default();
        let key = key_at(rest).map(|(len, colon)| Key {
            text: &rest[..len],
            colon: content + colon,
        });
        let value_start = match key {
            Some(key) => key.colon + 1,
            None => content,
        };
        let after = text.get(value_start..).unwrap_or_default();
        let skipped = after.len() - after.trim_start_matches([' ', '\t']).len();
        let value = without_comment(&after[skipped..]).trim_end_matches([' ', '\t']);
        Entry {
            indent,
            dash,
            content,
            key,
            value: (!value.is_empty()).then_some((value_start + skipped, value)),
        }
    }

    /// Whether the line holds only a comment.
    pub fn is_comment(&self, text: &str) -> bool {
        text.get(self.content..).is_some_and(|c| c.starts_with('#'))
    }
}

/// The key at the start of `text`: its length and the byte of its `:`.
fn key_at(text: &str) -> Option<(usize, usize)> {
    let colon_follows = |at: usize| {
        let rest = text.get(at..)?;
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        let after = &rest[spaces..];
        (after.starts_with(':') && is_separator(&after[1..])).then_some(at + spaces)
    };
    match text.chars().next()? {
        quote @ ('"' | '\'') => {
            let end = closing_quote(text, quote)? + 1;
            Some((end, colon_follows(end)?))
        }
        '[' | '{' | '#' | '&' | '*' | '!' | '|' | '>' => None,
        _ => {
            // A plain key ends at the first `: `; a ` #` first makes it a comment.
            let mut previous = ' ';
            for (at, c) in text.char_indices() {
                if c == '#' && matches!(previous, ' ' | '\t') {
                    return None;
                }
                if c == ':' && is_separator(&text[at + 1..]) {
                    return Some((text[..at].trim_end().len(), at));
                }
                previous = c;
            }
            None
        }
    }
}

/// Whether what follows a `:` makes it a key's colon: a space, a tab or the end.
fn is_separator(rest: &str) -> bool {
    rest.is_empty() || rest.starts_with([' ', '\t'])
}

/// The byte of the quote closing the quoted scalar `text` starts with, on this line.
pub(super) fn closing_quote(text: &str, quote: char) -> Option<usize> {
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                chars.next();
            }
            '\'' if quote == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                chars.next();
            }
            c if c == quote => return Some(at),
            _ => {}
        }
    }
    None
}

/// A value without its trailing comment (` # …`); a quoted value keeps
/// everything up to its closing quote.
fn without_comment(value: &str) -> &str {
    let skip = match value.chars().next() {
        Some(quote @ ('"' | '\'')) => {
            closing_quote(value, quote).map_or(value.len(), |end| end + 1)
        }
        _ => 0,
    };
    comment_start(value, skip).map_or(value, |at| &value[..at])
}

/// The byte of the first ` #` (a comment) in `text` at or after `from`.
pub(super) fn comment_start(text: &str, from: usize) -> Option<usize> {
    let mut previous = if from == 0 {
        ' '
    } else {
        text.get(..from)?.chars().next_back()?
    };
    for (at, c) in text.get(from..)?.char_indices() {
        if c == '#' && matches!(previous, ' ' | '\t') {
            return Some(from + at);
        }
        previous = c;
    }
    None
}

/// `text` quoted so that YAML reads it back as written: in double quotes,
/// or in single quotes when it holds a `"` or a backslash.
pub(super) fn quoted(text: &str) -> String {
    if text.contains(['"', '\\']) {
        format!("'{}'", text.replace('\'', "''"))
    } else {
        format!("\"{text}\"")
    }
}

/// "2 spaces", "1 space", "no spaces".
pub(super) fn spaces(count: usize) -> String {
    match count {
        0 => "no spaces".to_owned(),
        1 => "1 space".to_owned(),
        n => format!("{n} spaces"),
    }
}

pub(super) fn floor_char_boundary(text: &str, at: usize) -> usize {
    (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries() {
        let e = Entry::parse("  - text: Note: x # c");
        assert_eq!((e.indent, e.dash, e.content), (2, Some(2), 4));
        assert_eq!(e.key.map(|k| (k.text, k.colon)), Some(("text", 8)));
        assert_eq!(e.value, Some((10, "Note: x")));

        let e = Entry::parse("\"a b\" : 'it''s' # c");
        assert_eq!(e.key.map(|k| (k.text, k.colon)), Some(("\"a b\"", 6)));
        assert_eq!(e.value, Some((8, "'it''s'")));

        let e = Entry::parse("- - x #c");
        assert_eq!((e.dash, e.content), (Some(0), 4));
        assert!(e.key.is_none());
        assert_eq!(e.value, Some((4, "x")));

        let e = Entry::parse("url: http://x #c: d");
        assert_eq!(e.key.map(|k| k.text), Some("url"));
        assert_eq!(e.value, Some((5, "http://x")));

        let e = Entry::parse("a #b: c");
        assert!(e.key.is_none());
        assert_eq!(e.value, Some((0, "a")));

        let e = Entry::parse("-");
        assert_eq!((e.dash, e.content, e.value), (Some(0), 1, None));
        let e = Entry::parse("-x: 1");
        assert_eq!((e.dash, e.key.map(|k| k.text)), (None, Some("-x")));
        let e = Entry::parse("é: [a, b]");
        assert_eq!(e.value, Some((4, "[a, b]")));
    }

    #[test]
    fn lines_and_positions() {
        let source = "a: 1\r\n\n  # c\nbé: x\n";
        let line = Line::at(source, source.len() - 2);
        assert_eq!((line.number, line.text), (4, "bé: x"));
        assert_eq!(line.position(5), Position { line: 4, column: 5 });
        let previous = line.previous_content(source).map(|l| l.text);
        assert_eq!(previous, Some("a: 1"));
        let last = Line::at(source, 99);
        assert_eq!((last.number, last.text), (5, ""));
        assert!(last.next(source).is_none());
        let first = Line::at(source, 0);
        assert!(first.previous(source).is_none());
        assert_eq!(
            first.next(source).map(|l| (l.number, l.text)),
            Some((2, ""))
        );
    }

    #[test]
    fn quoting() {
        assert_eq!(quoted("Note: x"), "\"Note: x\"");
        assert_eq!(quoted("say \"hi\""), "'say \"hi\"'");
        assert_eq!(quoted("C:\\it's"), "'C:\\it''s'");
    }
}
