//! The text format of `journeymap diff`: `+`/`-`/`~` lines grouped under
//! headings. An object's values that changed share its line; the items of
//! its lists and its nested objects (a stage's metrics) follow, indented:
//!
//! ```text
//! stages
//!   ~ stage decision: emotion 2 → 4
//!       + feeling "relieved"
//!       ~ metric "checkout conversion": value 0.41 → 0.55 (+0.14), 0.05 from target 0.6
//! ```

use std::fmt::Write as _;

use super::items::{Field, Kind, ListKind};
use super::lines::{self, Mark, Style};
use super::{Diff, Group, display_path, sameness, yes_no};
use crate::diagnostic::Diagnostic;

pub(super) fn render(diff: &Diff<'_>) -> String {
    let mut out = format!(
        "{} → {}\n",
        display_path(diff.old_path),
        display_path(diff.new_path)
    );
    if let Some(sentence) = sameness(diff.likeness) {
        let _ = writeln!(out, "{sentence}");
        return out;
    }
    let (old_score, new_score) = diff.score;
    let (old, new) = (diff.findings.old, diff.findings.new);
    let _ = writeln!(out, "score {old_score} → {new_score}");
    let _ = writeln!(
        out,
        "findings: errors {} → {}, warnings {} → {}, infos {} → {}",
        old.errors, new.errors, old.warnings, new.warnings, old.infos, new.infos
    );

    let mut group = |heading: &str, lines: Vec<String>| {
        if !lines.is_empty() {
            let _ = writeln!(out, "\n{heading}");
            for line in lines {
                let _ = writeln!(out, "  {line}");
            }
        }
    };
    for g in &diff.groups {
        let mut lines = Vec::new();
        match g {
            Group::Object { kind, changes } if !changes.is_empty() => {
                lines::changed_lines(&Text, kind.noun, changes, None, 0, &mut lines);
            }
            Group::Object { .. } => {}
            Group::Items { kind, entries } => {
                for entry in entries {
                    lines::entry_lines(&Text, kind, entry, 0, &mut lines);
                }
            }
        }
        group(g.kind().heading, lines);
    }
    let finding = |sign: char, d: &Diagnostic| {
        format!(
            "{sign} {} {}: {} (line {})",
            d.severity, d.rule, d.message, d.line
        )
    };
    let mut lines: Vec<String> = diff
        .findings
        .appeared
        .iter()
        .map(|d| finding('+', d))
        .collect();
    lines.extend(diff.findings.disappeared.iter().map(|d| finding('-', d)));
    group("findings", lines);
    out
}

/// `+ stage delivery: name "Delivery"`, nested lines indented by four spaces.
struct Text;

impl Style for Text {
    fn value(&self, field: &Field) -> String {
        text_value(field)
    }

    fn item(&self, kind: ListKind, item: &str) -> String {
        list_item(kind, item)
    }

    fn name(&self, name: &str) -> String {
        name.to_owned()
    }

    fn object(&self, kind: &Kind, key: &str, _nested: bool) -> String {
        let key = if kind.key_is_text() {
            format!("{key:?}")
        } else {
            key.escape_debug().to_string()
        };
        format!("{} {key}", kind.noun)
    }

    fn line(&self, depth: usize, mark: Mark<'_>, subject: &str, details: &str) -> String {
        let (sign, word) = match mark {
            Mark::Added(word) => ('+', word),
            Mark::Removed(word) => ('-', word),
            Mark::Changed | Mark::Respelled => ('~', ""),
        };
        let mut line = format!("{}{sign} {subject}", "    ".repeat(depth));
        // " opened" after a pain point's id; "added" goes without saying after `+`.
        if !matches!(word, "" | "added" | "removed") {
            let _ = write!(line, " {word}");
        }
        if !details.is_empty() {
            let _ = write!(line, ": {details}");
        }
        line
    }
}

/// Free text is quoted with its control characters escaped, so every entry stays on one line.
fn text_value(value: &Field) -> String {
    match value {
        Field::Absent => "none".to_owned(),
        Field::Count(n) => n.to_string(),
        Field::Quantity(n) => n.to_string(),
        Field::Bool(b) => yes_no(*b).to_owned(),
        Field::Word(w) => w.escape_debug().to_string(),
        Field::Text(t) => format!("{t:?}"),
        Field::List(kind, items) => format!(
            "[{}]",
            items
                .iter()
                .map(|i| list_item(*kind, i))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        // Compact JSON escapes control characters: one line too.
        Field::Json(json) => json.to_string(),
        Field::Keyed(_) | Field::Items(..) => value.to_json().to_string(),
    }
}

fn list_item(kind: ListKind, item: &str) -> String {
    match kind {
        ListKind::Ids => item.escape_debug().to_string(),
        ListKind::Texts | ListKind::Channels => format!("{item:?}"),
    }
}
