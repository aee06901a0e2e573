//! The Markdown format of `journeymap diff`: a pull-request comment, a
//! heading per group and a bullet per object; an object's list items and
//! nested objects (a stage's metrics) are bullets under it.

use std::fmt::Write as _;

use super::items::{Field, Kind, ListKind};
use super::lines::{self, Mark, Style};
use super::{Diff, Group, display_path, sameness, yes_no};
use crate::diagnostic::Diagnostic;

pub(super) fn render(diff: &Diff<'_>) -> String {
    let mut out = format!("## Journey map diff: {}\n\n", md(diff.title));
    let _ = writeln!(
        out,
        "{} → {}\n",
        md(display_path(diff.old_path)),
        md(display_path(diff.new_path))
    );
    if let Some(sentence) = sameness(diff.likeness) {
        let _ = writeln!(out, "{}.", capitalized(sentence));
        return out;
    }
    let (old_score, new_score) = diff.score;
    let delta = i32::from(new_score) - i32::from(old_score);
    let delta = if delta == 0 {
        String::new()
    } else {
        format!(" ({delta:+})")
    };
    let (old, new) = (diff.findings.old, diff.findings.new);
    let _ = writeln!(
        out,
        "Completeness score **{old_score} → {new_score}**{delta} · {} · \
         errors {} → {} · warnings {} → {} · infos {} → {}",
        crate::report::plural(diff.changes(), "change"),
        old.errors,
        new.errors,
        old.warnings,
        new.warnings,
        old.infos,
        new.infos
    );

    // `lines` are list items, each with its `- ` and its indentation.
    let mut section = |heading: &str, lines: Vec<String>| {
        if !lines.is_empty() {
            let _ = writeln!(out, "\n### {heading}\n");
            for line in lines {
                let _ = writeln!(out, "{line}");
            }
        }
    };
    for group in &diff.groups {
        let mut lines = Vec::new();
        match group {
            // A bullet per change: the heading names the object.
            Group::Object { changes, .. } => {
                for value in lines::value_changes(&Markdown, changes) {
                    lines.push(Markdown.line(0, Mark::Changed, &value, ""));
                }
                lines::nested_lines(&Markdown, changes, 0, &mut lines);
            }
            Group::Items { kind, entries } => {
                for entry in entries {
                    lines::entry_lines(&Markdown, kind, entry, 0, &mut lines);
                }
            }
        }
        section(&capitalized(group.kind().heading), lines);
    }
    let finding = |word: &str, d: &Diagnostic| {
        format!(
            "- **{word}** {} `{}` (line {}): {}",
            d.severity,
            d.rule,
            d.line,
            md(&d.message)
        )
    };
    let mut findings: Vec<String> = diff
        .findings
        .appeared
        .iter()
        .map(|d| finding("new", d))
        .collect();
    findings.extend(diff.findings.disappeared.iter().map(|d| finding("gone", d)));
    section("Findings", findings);
    out
}

/// `- **added** \`delivery\`: name "Delivery"`; nested bullets indented by two
/// spaces, and naming what they are (`metric "conversion"`).
struct Markdown;

impl Style for Markdown {
    fn value(&self, field: &Field) -> String {
        md_value(field)
    }

    fn item(&self, kind: ListKind, item: &str) -> String {
        md_item(kind, item)
    }

    fn name(&self, name: &str) -> String {
        md(name)
    }

    fn object(&self, kind: &Kind, key: &str, nested: bool) -> String {
        let key = if kind.key_is_text() {
            format!("\"{}\"", md(key))
        } else {
            md_id(key)
        };
        if nested {
            format!("{} {key}", kind.noun)
        } else {
            key
        }
    }

    fn line(&self, depth: usize, mark: Mark<'_>, subject: &str, details: &str) -> String {
        let word = match mark {
            Mark::Added(word) | Mark::Removed(word) => word,
            Mark::Changed => "changed",
            Mark::Respelled => "respelled",
        };
        let mut line = format!("{}- **{word}** {subject}", "  ".repeat(depth));
        if !details.is_empty() {
            let _ = write!(line, ": {details}");
        }
        line
    }
}

fn md_value(value: &Field) -> String {
    match value {
        Field::Absent => "*none*".to_owned(),
        Field::Count(n) => n.to_string(),
        Field::Quantity(n) => n.to_string(),
        Field::Bool(b) => yes_no(*b).to_owned(),
        Field::Word(w) => md(w),
        Field::Text(t) => format!("\"{}\"", md(t)),
        Field::List(_, items) if items.is_empty() => "*none*".to_owned(),
        Field::List(kind, items) => items
            .iter()
            .map(|i| md_item(*kind, i))
            .collect::<Vec<_>>()
            .join(", "),
        Field::Json(json) => md(&json.to_string()),
        Field::Keyed(_) | Field::Items(..) => md(&value.to_json().to_string()),
    }
}

fn md_item(kind: ListKind, item: &str) -> String {
    match kind {
        ListKind::Ids => md_id(item),
        ListKind::Texts | ListKind::Channels => format!("\"{}\"", md(item)),
    }
}

/// An id in a code span; anything a code span cannot hold is escaped text instead.
fn md_id(id: &str) -> String {
    if !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        format!("`{id}`")
    } else {
        md(id)
    }
}

/// Text that reads as written inside a list item or a table cell: no HTML,
/// no emphasis, links or code, no cell boundary, one line.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '~' | '|' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
