//! A serde_yaml error turned into a `yaml-syntax` finding.

use crate::diagnostic::{Finding, Position};
use crate::map::span;

use super::{YAML_SYNTAX, alias_bomb, end_position, too_deep};

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
}
