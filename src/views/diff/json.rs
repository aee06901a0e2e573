//! The JSON format of `journeymap diff` (its shape is documented in the parent module).

use serde_json::{Map as JsonMap, Value, json};

use super::{Change, Counts, Diff, Record, Section};
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
    let field_changes = |changes: &[Change]| -> Vec<Value> {
        changes
            .iter()
            .map(|c| json!({ "field": c.field, "old": c.old.to_json(), "new": c.new.to_json() }))
            .collect()
    };
    let mut root = JsonMap::new();
    root.insert("version".into(), json!(1));
    root.insert("old".into(), json!(diff.old_path));
    root.insert("new".into(), json!(diff.new_path));
    root.insert("identical".into(), json!(diff.identical));
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
    root.insert("map".into(), json!({ "changed": field_changes(&diff.map) }));
    root.insert(
        "persona".into(),
        json!({
            "changed": field_changes(&diff.persona),
            "channels": { "added": diff.channels_added, "removed": diff.channels_removed },
        }),
    );
    for section in &diff.sections {
        root.insert(section.kind.json.into(), json_section(section));
    }
    // `{:#}` pretty-prints; writing a `Value` to a `String` cannot fail.
    format!("{:#}\n", Value::Object(root))
}

fn json_section(section: &Section) -> Value {
    let key = section.kind.key;
    let item = |record: &Record| {
        let mut object = JsonMap::new();
        object.insert(key.into(), json!(record.key));
        for (name, value) in &record.fields {
            object.insert((*name).into(), value.to_json());
        }
        Value::Object(object)
    };
    let changed: Vec<Value> = section
        .changed()
        .map(|(k, c)| {
            let mut object = JsonMap::new();
            object.insert(key.into(), json!(k));
            object.insert("field".into(), json!(c.field));
            object.insert("old".into(), c.old.to_json());
            object.insert("new".into(), c.new.to_json());
            Value::Object(object)
        })
        .collect();
    json!({
        "added": section.added().map(item).collect::<Vec<_>>(),
        "removed": section.removed().map(item).collect::<Vec<_>>(),
        "changed": changed,
    })
}
