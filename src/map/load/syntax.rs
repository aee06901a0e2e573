//! A serde_yaml error turned into a `yaml-syntax` finding in plain words.
//!
//! libyaml says what its parser expected (`did not find expected key, while
//! parsing a block mapping at line 3 column 1`), at the token where it gave
//! up — often a line after the mistake, with a second position inside. A
//! person needs the mistake: the tab, the colon, the opening quote or
//! bracket, the key out of line. [`classes`] recognises each kind from
//! libyaml's problem and the lines around it, and reports it where the edit
//! is, with a help that says the edit. What it does not recognise keeps
//! libyaml's words, without the positions in them, at the better of the two.
//! Nothing here runs for a file that parses.

mod classes;
mod lines;

use crate::diagnostic::{Finding, Position};
use crate::map::span;

use super::{YAML_SYNTAX, alias_bomb, end_position, too_deep};
use lines::{Line, floor_char_boundary, quoted};

/// Turns a serde_yaml error into a located `yaml-syntax` finding.
pub(super) fn syntax_finding(source: &str, error: &serde_yaml::Error) -> Finding {
    let text = error.to_string();
    // libyaml also ends lines at U+0085, U+2028 and U+2029, which editors
    // and snippets do not: the position is counted again from its byte offset.
    let reported = error.location().map(|l| match source.get(..l.index()) {
        Some(before) => end_position(before),
        None => Position {
            line: l.line(),
            column: l.column(),
        },
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
        return alias_bomb(source, reported);
    }
    if text.contains("recursion limit exceeded") {
        return too_deep(reported.unwrap_or(Position::START));
    }
    // serde_yaml puts the path in front for nested mappings: `stages[0]: duplicate entry…`.
    if let Some((_, key)) = text.split_once("duplicate entry with key ") {
        return match span::duplicate_key(source) {
            Some(duplicate) => Finding::at_position(
                YAML_SYNTAX,
                duplicate.second,
                format!(
                    "duplicate key \"{}\": it is already on line {}",
                    duplicate.key, duplicate.first.line
                ),
                "remove one of the two entries, or merge their values",
            ),
            None => Finding::at_position(
                YAML_SYNTAX,
                reported.unwrap_or(Position::START),
                format!("duplicate key {key}: a key may appear only once in a mapping"),
                "remove one of the two entries, or merge their values",
            ),
        };
    }

    let report = Report::new(source, error, &text);
    if text.starts_with("unknown anchor") {
        return unknown_anchor(&report);
    }
    classes::classify(&report).unwrap_or_else(|| unclassified(&report))
}

/// A file libyaml reads but YAML forbids, as saphyr-parser words it: run
/// only on files serde_yaml accepted and the block-subset reader did not
/// (which reads nothing of the kind).
pub(super) fn refused_by_saphyr(source: &str) -> Option<Finding> {
    let (position, info) = span::parse_error(source)?;
    let (message, help) = match info.as_str() {
        "comments must be separated from other tokens by whitespace" => (
            "a `#` right after a value starts no comment: a comment needs a space before it",
            "put a space before the `#`",
        ),
        "tab cannot be used as indentation"
        | "tabs disallowed within this context (block indentation)"
        | "tabs disallowed in this context" => (
            "a tab indents this line, and YAML indentation must be spaces",
            "replace the tab with spaces",
        ),
        "invalid indentation in quoted scalar" => (
            "this line continues a quoted value, so it must be indented more than the key the value belongs to",
            "indent the line, or keep the quoted value on one line",
        ),
        "invalid indentation in flow construct" => (
            "this line continues a `[…]` or `{…}`, so it must be indented more than the key it belongs to",
            "indent the line, or keep the brackets on one line",
        ),
        "plain scalar cannot start with '-' followed by ,[]{}" => (
            "a `-` on its own cannot be an item inside `[…]` or `{…}`",
            "quote it: \"-\"",
        ),
        _ => {
            let help = syntax_help(source, position, &info);
            return Some(Finding::at_position(YAML_SYNTAX, position, info, help));
        }
    };
    Some(Finding::at_position(YAML_SYNTAX, position, message, help))
}

/// What libyaml said, taken apart: `{problem} at line L column C, {context} at line L column C`.
#[derive(Debug)]
struct Report<'a> {
    source: &'a str,
    /// `did not find expected key`
    problem: String,
    /// `while parsing a block mapping`, when libyaml gives one.
    context: Option<String>,
    /// Byte offset where libyaml stopped.
    at: usize,
    /// Byte offset of what libyaml was reading, when it names it (it does
    /// not when that is the start of the file, or where it stopped).
    context_at: Option<usize>,
}

impl<'a> Report<'a> {
    fn new(source: &'a str, error: &serde_yaml::Error, text: &str) -> Report<'a> {
        // A context is libyaml's (`while scanning …`, `while parsing …`);
        // serde_yaml's own messages can hold anything, a key's text too.
        let (problem, context) = match text.split_once(", while ") {
            Some((problem, context))
                if context.starts_with("scanning ") || context.starts_with("parsing ") =>
            {
                (problem, Some(context))
            }
            _ => (text, None),
        };
        let (problem, problem_location) = split_location(problem);
        let (context, context_location) = match context.map(split_location) {
            Some((context, location)) => (Some(format!("while {context}")), location),
            None => (None, None),
        };
        // Reader errors (control characters) give a byte offset, not a mark.
        let at = match problem_location {
            Some(Location::Offset(offset)) => offset,
            _ => error.location().map_or(0, |l| l.index()),
        };
        let context_at = match context_location {
            Some(Location::LineColumn(line, column)) => libyaml_offset(source, line, column),
            _ => None,
        };
        Report {
            source,
            problem: problem.to_owned(),
            context,
            at: floor_char_boundary(source, at),
            context_at: context_at.map(|at| floor_char_boundary(source, at)),
        }
    }

    fn context_starts(&self, prefix: &str) -> bool {
        self.context
            .as_deref()
            .is_some_and(|c| c.starts_with(prefix))
    }

    /// The line where libyaml stopped.
    fn line(&self) -> Line<'a> {
        Line::at(self.source, self.at)
    }

    fn char_at(&self, offset: usize) -> Option<char> {
        self.source.get(offset..)?.chars().next()
    }

    fn position(&self, offset: usize) -> Position {
        end_position(&self.source[..floor_char_boundary(self.source, offset)])
    }

    /// Whether libyaml stopped at the end of the file (nothing but blanks after).
    fn at_end(&self) -> bool {
        self.source
            .get(self.at..)
            .is_none_or(|rest| rest.trim().is_empty())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Location {
    LineColumn(usize, usize),
    Offset(usize),
}

/// `text` without its trailing ` at line L column C` (or ` at position N`), and that location.
fn split_location(text: &str) -> (&str, Option<Location>) {
    let number = |s: &str| s.parse::<usize>().ok();
    if let Some(start) = text.rfind(" at line ")
        && let Some((line, column)) = text[start + " at line ".len()..].split_once(" column ")
        && let (Some(line), Some(column)) = (number(line), number(column))
    {
        return (&text[..start], Some(Location::LineColumn(line, column)));
    }
    if let Some(start) = text.rfind(" at position ")
        && let Some(offset) = number(&text[start + " at position ".len()..])
    {
        return (&text[..start], Some(Location::Offset(offset)));
    }
    (text, None)
}

/// The byte offset of libyaml's 1-based line and column (in characters),
/// counting lines as libyaml does: at `\n`, `\r\n`, `\r`, U+0085, U+2028, U+2029.
fn libyaml_offset(source: &str, line: usize, column: usize) -> Option<usize> {
    let mut chars = source.char_indices().peekable();
    let mut current = 1;
    while current < line {
        let (_, c) = chars.next()?;
        match c {
            '\r' => {
                chars.next_if(|&(_, c)| c == '\n');
            }
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => {}
            _ => continue,
        }
        current += 1;
    }
    for _ in 1..column {
        chars.next_if(|&(_, c)| !matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'))?;
    }
    Some(chars.peek().map_or(source.len(), |&(at, _)| at))
}

/// `*name` with no `&name` before it.
fn unknown_anchor(report: &Report) -> Finding {
    let rest = report.source.get(report.at..).unwrap_or_default();
    let alias: String = rest
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | '[' | ']' | '{' | '}'))
        .collect();
    let name = alias.trim_start_matches('*');
    Finding::at_position(
        YAML_SYNTAX,
        report.position(report.at),
        format!("the alias `{alias}` names no anchor: `&{name}` is not defined before it"),
        format!(
            "put `&{name}` on the value to repeat, before this line; if `{alias}` is text, quote it: {}",
            quoted(&alias)
        ),
    )
}

/// libyaml's own words, without positions, at the better of its two: the
/// start of what it was scanning (a key, a quoted value, a block scalar)
/// rather than where it noticed, the token it could not fit when parsing.
fn unclassified(report: &Report) -> Finding {
    let scanning =
        report.context_starts("while scanning") && !report.context_starts("while scanning for");
    let offset = match report.context_at {
        Some(context) if scanning || report.at_end() => context,
        _ => report.at,
    };
    let position = report.position(offset);
    let message = match &report.context {
        Some(context) => format!("{}, {context}", report.problem),
        None => report.problem.clone(),
    };
    let help = syntax_help(report.source, position, &message);
    Finding::at_position(YAML_SYNTAX, position, message, help)
}

fn syntax_help(source: &str, position: Position, message: &str) -> &'static str {
    let at = source
        .lines()
        .nth(position.line.saturating_sub(1))
        .and_then(|line| line.chars().nth(position.column.saturating_sub(1)));
    if at == Some('\t') {
        "YAML indentation must use spaces; replace the tab with spaces"
    } else if message.contains("block scalar") {
        "after `|` or `>` only `-`, `+`, an indentation digit or a comment may follow on its line; the text goes on the lines below, indented"
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
    fn locations_are_split_off() {
        assert_eq!(
            split_location("found unexpected end of stream at line 3 column 1"),
            (
                "found unexpected end of stream",
                Some(Location::LineColumn(3, 1))
            )
        );
        assert_eq!(
            split_location("control characters are not allowed at position 8"),
            (
                "control characters are not allowed",
                Some(Location::Offset(8))
            )
        );
        assert_eq!(
            split_location("no location here"),
            ("no location here", None)
        );
        assert_eq!(
            split_location("key `a at line 1` here"),
            ("key `a at line 1` here", None)
        );
    }

    #[test]
    fn libyaml_lines_and_columns() {
        let source = "a: 1\r\nb: é\u{2028}c: 2\n";
        assert_eq!(libyaml_offset(source, 1, 1), Some(0));
        assert_eq!(libyaml_offset(source, 2, 4), Some(9));
        assert_eq!(libyaml_offset(source, 3, 1), Some(14));
        assert_eq!(libyaml_offset(source, 4, 1), Some(source.len()));
        assert_eq!(libyaml_offset(source, 9, 1), None);
        assert_eq!(libyaml_offset(source, 1, 99), None);
    }
}
