//! What may be written at the cursor: the ids valid at a reference, the
//! keys the schema allows in an object and not yet there, an enum's values,
//! rule ids in `x-ignore`.
//!
//! The place is read from the line being typed (`  status: pl`,
//! `      - slot`, `addresses: [a, `) and the lines above it, since the
//! document is often not valid YAML while it is typed; the object the place
//! belongs to is then found among the nodes of what did parse.

use std::ops::Range;

use serde_json::Value;

use super::Analysis;
use super::ids::field_at;
use super::schema_at;
use crate::rules::ids::{Ids, Kind};

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Id,
    Key,
    Value,
    Rule,
}

/// One completion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub label: String,
    /// A short description: the id's kind and name, the key's meaning.
    pub detail: String,
    pub kind: ItemKind,
    /// What is written (a key is followed by `: `).
    pub insert: String,
}

/// The items for the cursor at `offset`, and the text they replace (the
/// part of a word already typed).
pub fn complete(analysis: &Analysis, offset: usize) -> (Range<usize>, Vec<Item>) {
    let source = &analysis.source;
    let offset = floor_boundary(source, offset);
    let line_start = source[..offset].rfind('\n').map_or(0, |n| n + 1);
    let before = &source[line_start..offset];
    let typed = before.len()
        - before
            .trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            .len();
    let replaced = offset - typed..offset;
    let head = &before[..before.len() - typed];
    // While a line is typed the document is often not YAML: what parses
    // without that line says what the place belongs to.
    let repaired;
    let analysis = if analysis.value.is_some() {
        analysis
    } else {
        let line_end = source[offset..]
            .find('\n')
            .map_or(source.len(), |n| offset + n);
        let mut without_line = source.clone();
        without_line.replace_range(line_start..line_end, &" ".repeat(line_end - line_start));
        repaired = Some(Analysis::new("", &without_line))
            .filter(|repaired| repaired.value.is_some())
            // Something else is broken too: what comes before the line.
            .unwrap_or_else(|| Analysis::new("", &source[..line_start]));
        &repaired
    };
    let items = match place(analysis, line_start, head) {
        Some(Place::Value(pointer)) => values(analysis, &pointer),
        Some(Place::Key(object)) => keys(analysis, &object),
        None => Vec::new(),
    };
    (replaced, items)
}

/// Where the cursor is.
enum Place {
    /// A value (or a list item) at this pointer.
    Value(String),
    /// A new key of the object at this pointer.
    Key(String),
}

fn place(analysis: &Analysis, line_start: usize, head: &str) -> Option<Place> {
    let rest = head.trim_end_matches([' ', '"', '\'']);
    let indent = head.len() - head.trim_start().len();
    let trimmed = head.trim();
    // `key: ` — the value of a key on this line.
    if let Some(key_part) = rest.strip_suffix(':') {
        let key = last_word(key_part);
        let key_offset = line_start + key_part.len() - key.len();
        let object = object_of_key_at(analysis, line_start, key_offset)?;
        return Some(Place::Value(format!("{object}/{key}")));
    }
    // `key: [a, ` — an item of a flow list.
    if (rest.ends_with('[') || rest.ends_with(','))
        && let Some(open) = rest.rfind('[')
        && let Some(key_part) = rest[..open].trim_end().strip_suffix(':')
    {
        let key = last_word(key_part);
        let key_offset = line_start + key_part.len() - key.len();
        let object = object_of_key_at(analysis, line_start, key_offset)?;
        return Some(Place::Value(format!("{object}/{key}/0")));
    }
    // `{ id: x, ` — a new key of a flow mapping.
    if rest.ends_with('{') || rest.ends_with(',') {
        let brace = line_start + rest.rfind('{')?;
        let node = analysis
            .nodes
            .iter()
            .find(|node| node.value.start == brace)?;
        return Some(Place::Key(node.pointer.clone()));
    }
    // `- ` — a new list item: a value of a list of ids or strings, or the
    // first key of a new object.
    if trimmed == "-" || trimmed.ends_with(" -") || trimmed.is_empty() {
        let dash = trimmed.starts_with('-');
        let column = if dash {
            indent
        } else {
            indent.saturating_sub(2)
        };
        let (list, count) = list_above(analysis, line_start, column);
        if let Some(list) = list {
            let item = format!("{list}/{count}");
            let path = schema_at::path(&item);
            let path: Vec<&str> = path.iter().map(String::as_str).collect();
            let object_item =
                schema_at::at(&path).is_some_and(|schema| schema.get("properties").is_some());
            return Some(match (dash, object_item) {
                (true, false) => Place::Value(item),
                (true, true) => Place::Key(item),
                (false, _) => Place::Key(object_above(analysis, line_start, indent)?),
            });
        }
        if !dash {
            return Some(Place::Key(object_above(analysis, line_start, indent)?));
        }
    }
    None
}

/// The word (key) at the end of `text`.
fn last_word(text: &str) -> &str {
    let trimmed = text.trim_end_matches(['"', '\'']);
    let start = trimmed
        .rfind(|c: char| c.is_whitespace() || matches!(c, '{' | ',' | '"' | '\''))
        .map_or(0, |i| i + 1);
    &trimmed[start..]
}

/// The pointer of the object holding the key that starts at `key_offset`
/// (the key's node when it parsed, else the object above at its column).
fn object_of_key_at(analysis: &Analysis, line_start: usize, key_offset: usize) -> Option<String> {
    if let Some(node) = analysis
        .nodes
        .iter()
        .find(|node| node.key.as_ref().is_some_and(|key| key.start == key_offset))
    {
        let (object, _) = node.pointer.rsplit_once('/')?;
        return Some(object.to_owned());
    }
    object_above(analysis, line_start, key_offset - line_start)
}

/// The object whose keys are at `column` on the lines above `line_start`.
fn object_above(analysis: &Analysis, line_start: usize, column: usize) -> Option<String> {
    if column == 0 {
        return Some(String::new());
    }
    let source = &analysis.source;
    let mut end = line_start;
    while end > 0 {
        let start = source[..end - 1].rfind('\n').map_or(0, |n| n + 1);
        let line = &source[start..end - 1];
        end = start;
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        // A key at the column, or an item `- key:` whose key is there.
        let key_column = match content.strip_prefix("- ") {
            Some(item) => indent + 2 + (item.len() - item.trim_start().len()),
            None => indent,
        };
        if key_column == column {
            let key_offset = start + key_column;
            let node = analysis
                .nodes
                .iter()
                .find(|node| node.key.as_ref().is_some_and(|key| key.start == key_offset))?;
            let (object, _) = node.pointer.rsplit_once('/')?;
            return Some(object.to_owned());
        }
        if indent < column {
            return None;
        }
    }
    None
}

/// The block list whose items' dashes are at `column`, above `line_start`,
/// and how many items it has.
fn list_above(analysis: &Analysis, line_start: usize, column: usize) -> (Option<String>, usize) {
    let source = &analysis.source;
    let mut end = line_start;
    while end > 0 {
        let start = source[..end - 1].rfind('\n').map_or(0, |n| n + 1);
        let line = &source[start..end - 1];
        end = start;
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        if indent == column && content.starts_with('-') {
            continue; // an earlier item of the same list
        }
        if indent <= column && content.trim_end().ends_with(':') {
            let key_start =
                start + indent + (content.len() - content.trim_start_matches("- ").len());
            let node = analysis
                .nodes
                .iter()
                .find(|node| node.key.as_ref().is_some_and(|key| key.start == key_start));
            let Some(node) = node else {
                return (None, 0);
            };
            let count = analysis
                .value
                .as_ref()
                .and_then(|v| v.pointer(&node.pointer))
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            return (Some(node.pointer.clone()), count);
        }
        return (None, 0);
    }
    (None, 0)
}

/// Items for a value at `pointer`: ids at a reference, enum values, rule ids.
fn values(analysis: &Analysis, pointer: &str) -> Vec<Item> {
    let path = schema_at::path(pointer);
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    if let Some(field) = field_at(pointer) {
        return ids(analysis, pointer, field.allowed);
    }
    let in_ignore_list = path.iter().rev().nth(1) == Some(&"x-ignore");
    schema_at::enum_values(&path)
        .into_iter()
        .map(|value| {
            let (kind, detail) = match crate::rules::find(value) {
                Some(rule) if in_ignore_list => (ItemKind::Rule, rule.summary.to_owned()),
                _ => (
                    ItemKind::Value,
                    format!("a value of \"{}\"", path.last().copied().unwrap_or("")),
                ),
            };
            Item {
                label: value.to_owned(),
                detail,
                kind,
                insert: value.to_owned(),
            }
        })
        .collect()
}

/// The ids of the kinds a reference may name; a pain point's `touchpoint`
/// offers the touchpoints of its `stage`.
fn ids(analysis: &Analysis, pointer: &str, allowed: &[Kind]) -> Vec<Item> {
    let Some(root) = &analysis.value else {
        return Vec::new();
    };
    let object = pointer
        .strip_suffix("/touchpoint")
        .filter(|_| allowed == [Kind::Touchpoint]);
    let stage = object
        .and_then(|object| root.pointer(&format!("{object}/stage")))
        .and_then(Value::as_str);
    let ids = Ids::new(root);
    let mut items: Vec<Item> = Vec::new();
    for definition in &ids.definitions {
        if !allowed.contains(&definition.kind)
            || items.iter().any(|item| item.label == definition.id)
            || stage.is_some_and(|stage| definition.stage.is_some_and(|s| s != stage))
        {
            continue;
        }
        let object = root.pointer(&definition.object.to_string());
        let name = ["name", "title", "description"]
            .iter()
            .find_map(|key| object.and_then(|o| o.get(key)).and_then(Value::as_str));
        let mut detail = definition.kind.to_string();
        if let Some(name) = name {
            detail.push_str(": ");
            detail.push_str(name);
        }
        items.push(Item {
            label: definition.id.to_owned(),
            detail,
            kind: ItemKind::Id,
            insert: definition.id.to_owned(),
        });
    }
    items
}

/// The keys the schema allows in the object at `object` and it lacks.
fn keys(analysis: &Analysis, object: &str) -> Vec<Item> {
    let present = analysis
        .value
        .as_ref()
        .and_then(|v| v.pointer(object))
        .and_then(Value::as_object);
    let path = schema_at::path(object);
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    schema_at::keys(&path)
        .into_iter()
        .filter(|key| present.is_none_or(|present| !present.contains_key(key.name)))
        .map(|key| Item {
            label: key.name.to_owned(),
            detail: match (key.required, key.description) {
                (true, Some(d)) => format!("required: {d}"),
                (false, Some(d)) => d.to_owned(),
                (true, None) => "required".to_owned(),
                (false, None) => String::new(),
            },
            kind: ItemKind::Key,
            insert: format!("{}: ", key.name),
        })
        .collect()
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAP: &str = "title: t\nstages:\n  - id: decision\n    name: D\n    touchpoints:\n      - { id: checkout, name: C, channel: web }\n  - id: retention\n    name: R\n    touchpoints:\n      - { id: email, name: E, channel: email }\nopportunities:\n  pain_points:\n    - id: slot-full\n      description: d\n      stage: decision\n      touchpoint: \n  innovations:\n    - id: waitlist\n      description: d\n      addresses:\n        - \naction_plan:\n  pilots:\n    - id: p\n      title: t\n      status: pl\n      x-ignore: [\n";

    fn labels_at(source: &str, needle: &str, after: usize) -> Vec<String> {
        let analysis = Analysis::new("x.yaml", source);
        let offset = source.find(needle).expect("in the source") + after;
        complete(&analysis, offset)
            .1
            .into_iter()
            .map(|item| item.label)
            .collect()
    }

    #[test]
    fn a_touchpoint_offers_the_touchpoints_of_its_stage() {
        assert_eq!(labels_at(MAP, "touchpoint: \n", 12), ["checkout"]);
    }

    #[test]
    fn an_idea_addresses_pain_points_and_needs() {
        assert_eq!(labels_at(MAP, "        - \n", 10), ["slot-full"]);
    }

    #[test]
    fn enum_values_and_rule_ids() {
        assert_eq!(
            labels_at(MAP, "status: pl", 10),
            ["planned", "in-progress", "done", "dropped"]
        );
        assert!(labels_at(MAP, "x-ignore: [", 11).contains(&"missing-owner".to_owned()));
    }

    #[test]
    fn keys_allowed_and_not_present() {
        let source = "title: t\nstages:\n  - id: a\n    name: A\n    \n";
        let labels = labels_at(source, "    \n", 4);
        assert!(labels.contains(&"touchpoints".to_owned()), "{labels:?}");
        assert!(!labels.contains(&"name".to_owned()));
        let top = labels_at("title: t\n\n", "\n\n", 1);
        assert!(top.contains(&"persona".to_owned()) && !top.contains(&"title".to_owned()));
        let flow = "stages:\n  - { id: a, }\n";
        let labels = labels_at(flow, ", }", 2);
        assert!(labels.contains(&"name".to_owned()) && !labels.contains(&"id".to_owned()));
    }
}
