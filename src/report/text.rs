//! `check --format text`: rustc-style snippets, then a summary line.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::Report;
use crate::diagnostic::{Diagnostic, Severity};

/// How the text report looks.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions {
    /// ANSI colours.
    pub color: bool,
    /// Only the summary line.
    pub quiet: bool,
}

pub fn render(report: &Report, options: TextOptions) -> String {
    let renderer = if options.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    if !options.quiet {
        for file in &report.files {
            for diagnostic in &file.diagnostics {
                out.push_str(&renderer.render(&[snippet(diagnostic)]));
                out.push_str("\n\n");
            }
            // What the findings above cannot show: the rules that never ran.
            if let Some(note) = file.stopped.as_ref().and_then(|s| s.note()) {
                let line = format!("{}: {note}", file.path);
                out.push_str(
                    &renderer.render(&[Group::with_title(Level::NOTE.primary_title(&line))]),
                );
                out.push_str("\n\n");
            }
        }
    }
    out.push_str(&super::summary_line(report));
    out.push('\n');
    out
}

fn snippet(diagnostic: &Diagnostic) -> Group<'_> {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let line = diagnostic.source_line.as_str();
    let span = token_span(line, diagnostic.column);
    // The location line reads `--> file:line:col`; annotate-snippets derives
    // it from the span, and for a position past the end of the line (end of
    // file, say) the span is empty at the line's end.
    level
        .primary_title(diagnostic.message.as_str())
        .id(diagnostic.rule)
        .element(
            Snippet::source(line)
                .line_start(diagnostic.line)
                .path(diagnostic.file.as_str())
                .annotation(AnnotationKind::Primary.span(span)),
        )
        .element(Level::HELP.message(diagnostic.help.as_str()))
}

/// The byte range to underline: the token starting at the 1-based character
/// `column` — a quoted string to its closing quote, otherwise up to a space,
/// comment or flow indicator. At least one character when the line has one there.
fn token_span(line: &str, column: usize) -> std::ops::Range<usize> {
    let start = line
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let rest = &line[start..];
    let mut chars = rest.char_indices();
    let Some((_, first)) = chars.next() else {
        return start..start;
    };
    let end = if first == '"' || first == '\'' {
        let mut escaped = false;
        chars
            .find(|&(_, c)| {
                let closes = c == first && !escaped;
                escaped = first == '"' && c == '\\' && !escaped;
                closes
            })
            .map_or(rest.len(), |(i, c)| i + c.len_utf8())
    } else if first.is_whitespace()
        || matches!(
            first,
            '[' | '{' | '-' | ':' | ',' | ']' | '}' | '#' | '\0' | '\u{FFFD}'
        )
    {
        first.len_utf8()
    } else {
        // A plain scalar may hold spaces: it ends at a comment, `: `, or a flow indicator.
        let cut = [" #", ": ", ",", "]", "}"]
            .iter()
            .filter_map(|stop| rest.find(stop))
            .min();
        rest[..cut.unwrap_or(rest.len())].trim_end().len()
    };
    start..start + end.max(first.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::token_span;

    #[test]
    fn spans_cover_the_token() {
        assert_eq!(token_span("    emotion: \"4\"", 14), 13..16);
        assert_eq!(token_span("  - id: Check Out  # why", 9), 8..17);
        assert_eq!(token_span("  - { id: a b, name: c }", 11), 10..13);
        assert_eq!(token_span("  touchpoints: []", 16), 15..16);
        assert_eq!(token_span("a: é", 4), 3..5);
        assert_eq!(token_span("", 1), 0..0);
        assert_eq!(token_span("ab", 9), 2..2);
    }
}
