//! The JSON format of `journeymap diff` (its shape is documented in the parent module).

use serde_json::{Map as JsonMap, Value, json};

use super::changes::{Change, Entry, Progress};
use super::items::{Kind, ListKind};
use super::{Counts, Diff, Group};
use crate::diagnostic::Diagnostic;

pub(super) fn render(diff: &Diff<'_>) -> String {
    let counts =
        |c: Counts| json!({ "errors": c.errors, "warnings": c.warnings, "infos": c.infos });
    let finding = |d: &&Diagnostic| {
        json!({
            "rule": d.rule,
            "severity": d.severity.as_str(),
            "message": d.message,
            "line": d.line,
            "pointer": d.pointer,
        })
    };
    let mut root = JsonMap::new();
    root.insert("version".into(), json!(1));
    root.insert("old".into(), json!(diff.old_path));
    root.insert("new".into(), json!(diff.new_path));
    root.insert("identical".into(), json!(diff.identical()));
    root.insert("changes".into(), json!(diff.changes()));
    root.insert(
        "score".into(),
        json!({ "old": diff.score.0, "new": diff.score.1 }),
    );
    root.insert(
        "findings".into(),
        json!({
            "old": counts(diff.findings.old),
            "new": counts(diff.findings.new),
            "appeared": diff.findings.appeared.iter().map(finding).collect::<Vec<_>>(),
            "disappeared": diff.findings.disappeared.iter().map(finding).collect::<Vec<_>>(),
        }),
    );
    for group in &diff.groups {
        let value = match group {
            Group::Object { changes, .. } => json!({ "changes": json_changes(changes) }),
            Group::Items { kind, entries } => json_entries(kind, entries),
        };
        root.insert(group.kind().json.into(), value);
    }
    // `{:#}` pretty-prints; writing a `Value` to a `String` cannot fail.
    format!("{:#}\n", Value::Object(root))
}

/// `{added, removed, changed}`: whole items added and removed, and per
/// changed item its key and its changes.
fn json_entries(kind: &Kind, entries: &[Entry]) -> Value {
    let (mut added, mut removed, mut changed) = (Vec::new(), Vec::new(), Vec::new());
    for entry in entries {
        match entry {
            Entry::Added(record) => added.push(record.to_json(kind)),
            Entry::Removed(record) => removed.push(record.to_json(kind)),
            Entry::Changed {
                key,
                changes,
                progress,
            } => {
                let mut object = JsonMap::new();
                object.insert(kind.key.into(), json!(key));
                object.insert("changes".into(), json_changes(changes).into());
                if kind.has_progress() {
                    object.insert("progress".into(), json_progress(progress.as_ref()));
                }
                changed.push(Value::Object(object));
            }
        }
    }
    json!({ "added": added, "removed": removed, "changed": changed })
}

fn json_changes(changes: &[Change]) -> Vec<Value> {
    changes.iter().map(json_change).collect()
}

fn json_change(change: &Change) -> Value {
    let mut object = JsonMap::new();
    object.insert("field".into(), json!(change.field()));
    match change {
        Change::Value { old, new, .. } => {
            object.insert("old".into(), old.to_json());
            object.insert("new".into(), new.to_json());
            if let Some(delta) = change.delta() {
                object.insert("delta".into(), delta.to_json());
            }
        }
        Change::List {
            kind,
            added,
            removed,
            respelled,
            ..
        } => {
            object.insert("added".into(), json!(added));
            object.insert("removed".into(), json!(removed));
            if *kind == ListKind::Channels {
                let respelled: Vec<Value> = respelled
                    .iter()
                    .map(|(old, new)| json!({ "old": old, "new": new }))
                    .collect();
                object.insert("respelled".into(), respelled.into());
            }
        }
        Change::Items { kind, entries, .. } => {
            if let Value::Object(items) = json_entries(kind, entries) {
                object.extend(items);
            }
        }
    }
    Value::Object(object)
}

fn json_progress(progress: Option<&Progress>) -> Value {
    progress.map_or(Value::Null, |p| {
        json!({
            "target": p.target.to_json(),
            "reached": p.reached,
            "distance": p.distance.to_json(),
        })
    })
}
