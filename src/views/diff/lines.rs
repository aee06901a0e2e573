//! The lines text and Markdown share: an object added, removed or changed
//! on one line with its fields, then, one level deeper, the items of its
//! lists added, removed or respelled and its nested objects (a stage's
//! metrics). Each format says through [`Style`] how a line and a value look.

use std::fmt::Write as _;

use super::changes::{Change, Entry, Progress, keyed_name};
use super::items::{Field, Kind, ListKind, Record, singular};

/// What a line reports, with the word a kind uses (pain points are "opened").
#[derive(Debug, Clone, Copy)]
pub(super) enum Mark<'a> {
    Added(&'a str),
    Removed(&'a str),
    Changed,
    Respelled,
}

/// How one format writes the parts of a report.
pub(super) trait Style {
    /// A field's value: `"Checkout page"`, `none`, `[a, b]`.
    fn value(&self, field: &Field) -> String;
    /// One item of a list.
    fn item(&self, kind: ListKind, item: &str) -> String;
    /// A field's name.
    fn name(&self, name: &str) -> String;
    /// What an object's line is about: `stage decision`; `nested` below another object.
    fn object(&self, kind: &Kind, key: &str, nested: bool) -> String;
    /// A whole line at `depth` (0 for a heading's own lines): mark, subject, details.
    fn line(&self, depth: usize, mark: Mark<'_>, subject: &str, details: &str) -> String;
}

/// An object of a list: added or removed with its fields, or its changes.
pub(super) fn entry_lines(
    style: &dyn Style,
    kind: &Kind,
    entry: &Entry,
    depth: usize,
    out: &mut Vec<String>,
) {
    match entry {
        Entry::Added(record) => {
            record_lines(style, Mark::Added(kind.added), kind, record, depth, out)
        }
        Entry::Removed(record) => {
            record_lines(style, Mark::Removed(kind.removed), kind, record, depth, out)
        }
        Entry::Changed {
            key,
            changes,
            progress,
        } => {
            let subject = style.object(kind, key, depth > 0);
            changed_lines(style, &subject, changes, progress.as_ref(), depth, out);
        }
    }
}

/// An added or removed object: its fields on its line, its nested objects under it.
fn record_lines(
    style: &dyn Style,
    mark: Mark<'_>,
    kind: &Kind,
    record: &Record,
    depth: usize,
    out: &mut Vec<String>,
) {
    let subject = style.object(kind, &record.key, depth > 0);
    out.push(style.line(depth, mark, &subject, &fields(style, record)));
    for (_, field) in &record.fields {
        if let Field::Items(nested, items) = field {
            let mark = match mark {
                Mark::Removed(_) => Mark::Removed(nested.removed),
                _ => Mark::Added(nested.added),
            };
            for item in items {
                record_lines(style, mark, nested, item, depth + 1, out);
            }
        }
    }
}

/// `subject: value changes`, then the lines of its lists and nested objects.
pub(super) fn changed_lines(
    style: &dyn Style,
    subject: &str,
    changes: &[Change],
    progress: Option<&Progress>,
    depth: usize,
    out: &mut Vec<String>,
) {
    let mut values = value_changes(style, changes);
    values.extend(progress.map(progress_text));
    out.push(style.line(depth, Mark::Changed, subject, &values.join(", ")));
    nested_lines(style, changes, depth + 1, out);
}

/// Each value replaced: `emotion 2 → 4`, `value 40 → 55 (+15)`.
pub(super) fn value_changes(style: &dyn Style, changes: &[Change]) -> Vec<String> {
    changes
        .iter()
        .filter_map(|change| {
            let Change::Value { field, old, new } = change else {
                return None;
            };
            let mut text = format!(
                "{} {} → {}",
                style.name(field),
                style.value(old),
                style.value(new)
            );
            if let Some(delta) = change.delta() {
                let _ = write!(text, " ({})", delta.signed());
            }
            Some(text)
        })
        .collect()
}

/// A line per list item added, removed or respelled, and per nested object changed.
pub(super) fn nested_lines(
    style: &dyn Style,
    changes: &[Change],
    depth: usize,
    out: &mut Vec<String>,
) {
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
                let item = |text: &str| format!("{noun} {}", style.item(*kind, text));
                for a in added {
                    out.push(style.line(depth, Mark::Added("added"), &item(a), ""));
                }
                for r in removed {
                    out.push(style.line(depth, Mark::Removed("removed"), &item(r), ""));
                }
                for (old, new) in respelled {
                    let subject = format!("{} → {}", item(old), style.item(*kind, new));
                    out.push(style.line(depth, Mark::Respelled, &subject, ""));
                }
            }
            Change::Items { kind, entries, .. } => {
                for entry in entries {
                    entry_lines(style, kind, entry, depth, out);
                }
            }
        }
    }
}

/// `target 60 reached`, `5 from target 60`.
pub(super) fn progress_text(progress: &Progress) -> String {
    if progress.reached == Some(true) {
        format!("target {} reached", progress.target)
    } else {
        format!("{} from target {}", progress.distance, progress.target)
    }
}

/// The fields worth printing of an added or removed object; nested objects get lines of their own.
fn fields(style: &dyn Style, record: &Record) -> String {
    let mut parts = Vec::new();
    for (name, value) in &record.fields {
        match value {
            Field::Items(..) => {}
            Field::Keyed(entries) => parts.extend(
                entries
                    .iter()
                    .filter(|(_, v)| !v.is_blank())
                    .map(|(key, v)| {
                        format!("{} {}", style.name(&keyed_name(name, key)), style.value(v))
                    }),
            ),
            _ if value.is_blank() => {}
            _ => parts.push(format!("{} {}", style.name(name), style.value(value))),
        }
    }
    parts.join(", ")
}
