//! Fixes as bytes: a [`FixIntent`] (what the code that made a finding
//! knows will fix it) turned into edits of the source, and the one fix
//! every suppressible finding has: `x-ignore: [RULE]` on its object.
//!
//! Offsets count in the source without BOM; [`shift`] moves them to the
//! file as read.

use serde_json::Value;

use crate::diagnostic::{Edit, Fix, FixIntent};
use crate::map::nodes::{Node, NodeKind, Nodes};

/// The edits of a fix, or `None` when the nodes it names are not found.
pub fn resolve(source: &str, nodes: &Nodes, intent: &FixIntent) -> Option<Fix> {
    match intent {
        FixIntent::RenameKey { pointer, to } => {
            let key = nodes.get(pointer)?.key.clone()?;
            let from = source.get(key.clone())?;
            Some(Fix {
                title: format!("rename {from} to {to}"),
                edits: vec![edit(key, to)],
            })
        }
        FixIntent::ReplaceValue { pointer, text } => {
            let node = nodes.get(pointer)?;
            if !node.kind.is_scalar() {
                return None;
            }
            let from = source.get(node.value.clone())?;
            let title = if from.trim_matches(['"', '\'']) == text {
                format!("remove the quotes around {text}")
            } else {
                format!("replace {from} by {text}")
            };
            Some(Fix {
                title,
                edits: vec![edit(node.value.clone(), text)],
            })
        }
        FixIntent::AddKey { object, key, value } => Some(Fix {
            title: format!("add `{key}: {value}`"),
            edits: vec![add_key(source, nodes.get(object)?, key, value)?],
        }),
    }
}

fn edit(range: std::ops::Range<usize>, text: &str) -> Edit {
    Edit {
        start: range.start,
        end: range.end,
        text: text.to_owned(),
    }
}

/// An entry added first in a mapping: before its first key, indented as
/// it is (`- id: x` becomes `- key: value` then `  id: x`), or just
/// after the `{` of a flow mapping.
fn add_key(source: &str, object: &Node, key: &str, value: &str) -> Option<Edit> {
    let start = object.value.start;
    let entry = format!("{key}: {value}");
    match object.kind {
        NodeKind::Mapping { flow: true } => {
            let inside = source.get(start + 1..object.value.end)?;
            let empty = inside.trim_start().starts_with('}');
            let text = if empty { entry } else { format!(" {entry},") };
            Some(Edit {
                start: start + 1,
                end: start + 1,
                text,
            })
        }
        NodeKind::Mapping { flow: false } => {
            let line_start = source[..start].rfind('\n').map_or(0, |n| n + 1);
            let column = source[line_start..start].chars().count();
            let line_break = if source.contains("\r\n") {
                "\r\n"
            } else {
                "\n"
            };
            Some(Edit {
                start,
                end: start,
                text: format!("{entry}{line_break}{}", " ".repeat(column)),
            })
        }
        _ => None,
    }
}

/// `x-ignore: [rule]` on the object the finding at `pointer` is about (the
/// object itself, or the nearest one holding the value), added to the list
/// when the object has one.
pub fn suppress(
    source: &str,
    nodes: &Nodes,
    root: &Value,
    pointer: &str,
    rule: &str,
) -> Option<Fix> {
    if matches!(rule, "yaml-syntax" | "schema") {
        return None;
    }
    let mut object = pointer;
    while !root.pointer(object).is_some_and(Value::is_object) {
        object = &object[..object.rfind('/')?];
    }
    let title = format!("add `x-ignore: [{rule}]` to silence it here");
    let list = format!("{object}/x-ignore");
    let Some(existing) = nodes.get(&list) else {
        let intent = FixIntent::AddKey {
            object: object.to_owned(),
            key: "x-ignore".to_owned(),
            value: format!("[{rule}]"),
        };
        return resolve(source, nodes, &intent).map(|fix| Fix { title, ..fix });
    };
    let edit = match existing.kind {
        NodeKind::Sequence { flow: true } => {
            let close = existing.value.end.checked_sub(1)?;
            let inside = source.get(existing.value.start + 1..close)?;
            let text = if inside.trim().is_empty() {
                rule.to_owned()
            } else {
                format!(", {rule}")
            };
            let at = existing.value.start + 1 + inside.trim_end().len();
            Edit {
                start: at,
                end: at,
                text,
            }
        }
        NodeKind::Sequence { flow: false } => {
            // A new `- rule` line after the last item, at the items' column.
            let line_start = source[..existing.value.start]
                .rfind('\n')
                .map_or(0, |n| n + 1);
            let column = source[line_start..existing.value.start].chars().count();
            Edit {
                start: existing.value.end,
                end: existing.value.end,
                text: format!("\n{}- {rule}", " ".repeat(column)),
            }
        }
        _ => return None,
    };
    Some(Fix {
        title,
        edits: vec![edit],
    })
}

/// A fix's edits moved by `by` bytes (the BOM the source left out).
pub fn shift(mut fix: Fix, by: usize) -> Fix {
    for edit in &mut fix.edits {
        edit.start += by;
        edit.end += by;
    }
    fix
}

/// `source` with the fix's edits applied (they do not overlap).
pub fn apply(source: &str, fix: &Fix) -> String {
    let mut edits = fix.edits.clone();
    edits.sort_by_key(|edit| std::cmp::Reverse(edit.start));
    let mut out = source.to_owned();
    for edit in edits {
        if out.is_char_boundary(edit.start)
            && out.is_char_boundary(edit.end)
            && edit.start <= edit.end
        {
            out.replace_range(edit.start..edit.end, &edit.text);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(source: &str, intent: FixIntent) -> String {
        let nodes = Nodes::new(source);
        apply(source, &resolve(source, &nodes, &intent).expect("a fix"))
    }

    #[test]
    fn keys_values_and_new_entries() {
        let rename = FixIntent::RenameKey {
            pointer: "/a/emotoin".to_owned(),
            to: "emotion".to_owned(),
        };
        assert_eq!(fixed("a:\n  emotoin: 2\n", rename), "a:\n  emotion: 2\n");
        let unquote = FixIntent::ReplaceValue {
            pointer: "/a/0/e".to_owned(),
            text: "4".to_owned(),
        };
        assert_eq!(
            fixed("a:\n  - { e: \"4\" }\n", unquote),
            "a:\n  - { e: 4 }\n"
        );
        let add = |object: &str| FixIntent::AddKey {
            object: object.to_owned(),
            key: "name".to_owned(),
            value: "TODO".to_owned(),
        };
        assert_eq!(
            fixed("s:\n  - id: a\n    x: 1\n", add("/s/0")),
            "s:\n  - name: TODO\n    id: a\n    x: 1\n"
        );
        assert_eq!(
            fixed("s: [{ id: a }]\n", add("/s/0")),
            "s: [{ name: TODO, id: a }]\n"
        );
        assert_eq!(fixed("s: [{}]\n", add("/s/0")), "s: [{name: TODO}]\n");
    }

    #[test]
    fn suppressions() {
        let run = |source: &str, pointer: &str| {
            let nodes = Nodes::new(source);
            let root = crate::map::load::load("x", source.as_bytes())
                .document
                .expect("yaml")
                .value;
            let fix = suppress(source, &nodes, &root, pointer, "missing-owner").expect("a fix");
            apply(source, &fix)
        };
        assert_eq!(
            run("a:\n  - id: x\n    due: 1\n", "/a/0/due"),
            "a:\n  - x-ignore: [missing-owner]\n    id: x\n    due: 1\n"
        );
        assert_eq!(
            run("a: {id: x, x-ignore: [stale-map]}\n", "/a"),
            "a: {id: x, x-ignore: [stale-map, missing-owner]}\n"
        );
        assert_eq!(
            run("a:\n  x-ignore:\n    - stale-map\n", "/a"),
            "a:\n  x-ignore:\n    - stale-map\n    - missing-owner\n"
        );
    }
}
