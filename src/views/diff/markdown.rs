//! The Markdown format of `journeymap diff`: a pull-request comment, a
//! heading per group and a bullet per object; an object's list items and
//! nested objects (a stage's metrics) are bullets under it.

use std::fmt::Write as _;

use super::changes::{Change, Entry, keyed_name};
use super::items::{Field, Kind, ListKind, Record, singular};
use super::text::progress_text;
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
            Group::Object { changes, .. } => {
                let values = changes.iter().filter(|c| matches!(c, Change::Value { .. }));
                lines.extend(values.map(|c| format!("- **changed** {}", md_change(c))));
                nested_lines(changes, "", &mut lines);
            }
            Group::Items { kind, entries } => {
                for entry in entries {
                    entry_lines(kind, entry, None, &mut lines);
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

/// Nested bullets are indented by two spaces per level.
const NESTED: &str = "  ";

/// An object's bullet. Top-level bullets go without the noun (the heading
/// says it); nested ones, `indent` given, carry it: "metric".
fn entry_lines(kind: &Kind, entry: &Entry, indent: Option<&str>, out: &mut Vec<String>) {
    let key = |key: &str| {
        let key = if kind.key_is_text() {
            format!("\"{}\"", md(key))
        } else {
            md_id(key)
        };
        match indent {
            Some(_) => format!("{} {key}", kind.noun),
            None => key,
        }
    };
    let prefix = indent.unwrap_or("");
    match entry {
        Entry::Added(record) => {
            record_lines(kind, kind.added, &key(&record.key), record, prefix, out)
        }
        Entry::Removed(record) => {
            record_lines(kind, kind.removed, &key(&record.key), record, prefix, out)
        }
        Entry::Changed {
            key: k,
            changes,
            progress,
        } => {
            let mut values: Vec<String> = changes
                .iter()
                .filter(|c| matches!(c, Change::Value { .. }))
                .map(md_change)
                .collect();
            values.extend(progress.as_ref().map(progress_text));
            let mut line = format!("{prefix}- **changed** {}", key(k));
            if !values.is_empty() {
                let _ = write!(line, ": {}", values.join(", "));
            }
            out.push(line);
            nested_lines(changes, &format!("{prefix}{NESTED}"), out);
        }
    }
}

fn record_lines(
    kind: &Kind,
    word: &str,
    key: &str,
    record: &Record,
    prefix: &str,
    out: &mut Vec<String>,
) {
    let mut line = format!("{prefix}- **{word}** {key}");
    let fields = md_fields(record);
    if !fields.is_empty() {
        let _ = write!(line, ": {fields}");
    }
    out.push(line);
    let inner = format!("{prefix}{NESTED}");
    for (_, field) in &record.fields {
        if let Field::Items(nested, items) = field {
            let added = kind.added == word;
            for item in items {
                let entry = if added {
                    Entry::Added(item.clone())
                } else {
                    Entry::Removed(item.clone())
                };
                entry_lines(nested, &entry, Some(&inner), out);
            }
        }
    }
}

/// The bullets for list items added, removed or respelled and nested objects changed.
fn nested_lines(changes: &[Change], prefix: &str, out: &mut Vec<String>) {
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
                let item = |text: &str| md_item(*kind, text);
                out.extend(
                    added
                        .iter()
                        .map(|a| format!("{prefix}- **added** {noun} {}", item(a))),
                );
                out.extend(
                    removed
                        .iter()
                        .map(|r| format!("{prefix}- **removed** {noun} {}", item(r))),
                );
                out.extend(respelled.iter().map(|(o, n)| {
                    format!("{prefix}- **respelled** {noun} {} → {}", item(o), item(n))
                }));
            }
            Change::Items { kind, entries, .. } => {
                for entry in entries {
                    entry_lines(kind, entry, Some(prefix), out);
                }
            }
        }
    }
}

fn md_fields(record: &Record) -> String {
    let mut parts = Vec::new();
    for (name, value) in &record.fields {
        match value {
            Field::Items(..) => {}
            Field::Keyed(entries) => parts.extend(
                entries
                    .iter()
                    .filter(|(_, v)| !v.is_blank())
                    .map(|(key, v)| format!("{} {}", md(&keyed_name(name, key)), md_value(v))),
            ),
            _ if value.is_blank() => {}
            _ => parts.push(format!("{} {}", md(name), md_value(value))),
        }
    }
    parts.join(", ")
}

fn md_change(change: &Change) -> String {
    let Change::Value { field, old, new } = change else {
        return md(change.field());
    };
    let mut text = format!("{} {} → {}", md(field), md_value(old), md_value(new));
    if let Some(delta) = change.delta() {
        let _ = write!(text, " ({})", delta.signed());
    }
    text
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
