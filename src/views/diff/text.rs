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

use super::changes::{Change, Entry, Progress, keyed_name};
use super::items::{Field, Kind, ListKind, Record, singular};
use super::{Diff, Group, display_path, sameness, yes_no};
use crate::diagnostic::Diagnostic;

/// Under an object's line, its lists and nested objects.
const NESTED: &str = "    ";

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
                changed_lines(kind.noun, changes, None, "", &mut lines);
            }
            Group::Object { .. } => {}
            Group::Items { kind, entries } => {
                for entry in entries {
                    entry_lines(kind, entry, "", &mut lines);
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

fn entry_lines(kind: &Kind, entry: &Entry, indent: &str, out: &mut Vec<String>) {
    match entry {
        Entry::Added(record) => record_lines('+', kind, record, indent, out),
        Entry::Removed(record) => record_lines('-', kind, record, indent, out),
        Entry::Changed {
            key,
            changes,
            progress,
        } => {
            let title = format!("{} {}", kind.noun, key_text(kind, key));
            changed_lines(&title, changes, progress.as_ref(), indent, out);
        }
    }
}

/// An added or removed object: its fields on its line, its nested objects under it.
fn record_lines(sign: char, kind: &Kind, record: &Record, indent: &str, out: &mut Vec<String>) {
    let word = if sign == '+' {
        kind.added
    } else {
        kind.removed
    };
    let mut line = format!(
        "{indent}{sign} {} {}{}",
        kind.noun,
        key_text(kind, &record.key),
        verb(word)
    );
    let fields = inline_fields(record);
    if !fields.is_empty() {
        let _ = write!(line, ": {fields}");
    }
    out.push(line);
    let inner = format!("{indent}{NESTED}");
    for (_, field) in &record.fields {
        if let Field::Items(nested, items) = field {
            for item in items {
                record_lines(sign, nested, item, &inner, out);
            }
        }
    }
}

/// `~ title: value changes`, then a line per list item added, removed or
/// respelled and per nested object changed.
fn changed_lines(
    title: &str,
    changes: &[Change],
    progress: Option<&Progress>,
    indent: &str,
    out: &mut Vec<String>,
) {
    let mut values: Vec<String> = changes
        .iter()
        .filter(|c| matches!(c, Change::Value { .. }))
        .map(value_change)
        .collect();
    values.extend(progress.map(progress_text));
    let mut line = format!("{indent}~ {title}");
    if !values.is_empty() {
        let _ = write!(line, ": {}", values.join(", "));
    }
    out.push(line);
    let inner = format!("{indent}{NESTED}");
    for change in changes {
        match change {
            Change::Value { .. } => {}
            Change::List {
                field,
                kind,
                added,
                removed,
                respelled,
            } => {
                let noun = singular(field);
                let item = |text: &str| list_item(*kind, text);
                out.extend(added.iter().map(|a| format!("{inner}+ {noun} {}", item(a))));
                out.extend(
                    removed
                        .iter()
                        .map(|r| format!("{inner}- {noun} {}", item(r))),
                );
                out.extend(
                    respelled
                        .iter()
                        .map(|(o, n)| format!("{inner}~ {noun} {} → {}", item(o), item(n))),
                );
            }
            Change::Items { kind, entries, .. } => {
                for entry in entries {
                    entry_lines(kind, entry, &inner, out);
                }
            }
        }
    }
}

/// `value 40 → 55 (+15)`: a quantity's change shows its movement.
fn value_change(change: &Change) -> String {
    let Change::Value { field, old, new } = change else {
        return change.field().to_owned();
    };
    let mut text = format!("{field} {} → {}", text_value(old), text_value(new));
    if let Some(delta) = change.delta() {
        let _ = write!(text, " ({})", delta.signed());
    }
    text
}

/// `target 60 reached`, `5 from target 60`.
pub(super) fn progress_text(progress: &Progress) -> String {
    if progress.reached == Some(true) {
        format!("target {} reached", progress.target)
    } else {
        format!("{} from target {}", progress.distance, progress.target)
    }
}

fn key_text(kind: &Kind, key: &str) -> String {
    if kind.key_is_text() {
        format!("{key:?}")
    } else {
        key.escape_debug().to_string()
    }
}

/// " opened" after a pain point's id; "added" goes without saying after `+`.
fn verb(word: &str) -> String {
    if matches!(word, "added" | "removed") {
        String::new()
    } else {
        format!(" {word}")
    }
}

/// The fields worth printing of an added or removed object; nested objects get lines of their own.
fn inline_fields(record: &Record) -> String {
    let mut parts = Vec::new();
    for (name, value) in &record.fields {
        match value {
            Field::Items(..) => {}
            Field::Keyed(entries) => parts.extend(
                entries
                    .iter()
                    .filter(|(_, v)| !v.is_blank())
                    .map(|(key, v)| format!("{} {}", keyed_name(name, key), text_value(v))),
            ),
            _ if value.is_blank() => {}
            _ => parts.push(format!("{name} {}", text_value(value))),
        }
    }
    parts.join(", ")
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
