//! The outline of a map: persona; stages with their touchpoints; pain
//! points, unmet needs, ideas; actions and milestones.

use std::ops::Range;

use serde_json::Value;

use super::Analysis;

/// What an entry of the outline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    Persona,
    /// A list of things (`stages`, `pain points`…).
    Group,
    Stage,
    Touchpoint,
    PainPoint,
    UnmetNeed,
    Idea,
    Action,
    Milestone,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    /// The id, or what the entry is.
    pub detail: String,
    pub kind: EntryKind,
    /// The whole object.
    pub range: Range<usize>,
    /// What to select: the id's value, else the object's first line.
    pub selection: Range<usize>,
    pub children: Vec<Entry>,
}

/// The outline of the document (empty when it is not a mapping).
pub fn outline(analysis: &Analysis) -> Vec<Entry> {
    let Some(root) = analysis.value.as_ref().and_then(Value::as_object) else {
        return Vec::new();
    };
    let mut entries = Vec::new();
    if root.get("persona").is_some_and(Value::is_object) {
        let name = root
            .get("persona")
            .and_then(|p| p.get("name"))
            .and_then(Value::as_str)
            .unwrap_or("persona");
        entries.extend(entry(
            analysis,
            "/persona",
            name,
            "persona",
            EntryKind::Persona,
        ));
    }
    let stages: Vec<Entry> = items(root.get("stages"))
        .filter_map(|(i, stage)| {
            let pointer = format!("/stages/{i}");
            let touchpoints = items(stage.get("touchpoints"))
                .filter_map(|(j, touchpoint)| {
                    let pointer = format!("{pointer}/touchpoints/{j}");
                    let name = label(touchpoint, &["name", "id"]);
                    entry(
                        analysis,
                        &pointer,
                        &name,
                        id(touchpoint),
                        EntryKind::Touchpoint,
                    )
                })
                .collect();
            let name = label(stage, &["name", "id"]);
            let mut stage_entry = entry(analysis, &pointer, &name, id(stage), EntryKind::Stage)?;
            stage_entry.children = touchpoints;
            Some(stage_entry)
        })
        .collect();
    entries.extend(group(analysis, "/stages", "stages", stages));
    let lists: [(&str, &str, &str, EntryKind, &[&str]); 8] = [
        (
            "opportunities",
            "pain_points",
            "pain points",
            EntryKind::PainPoint,
            &["description", "id"],
        ),
        (
            "opportunities",
            "unmet_needs",
            "unmet needs",
            EntryKind::UnmetNeed,
            &["description", "id"],
        ),
        (
            "opportunities",
            "innovations",
            "innovations",
            EntryKind::Idea,
            &["description", "id"],
        ),
        (
            "opportunities",
            "efficiencies",
            "efficiencies",
            EntryKind::Idea,
            &["description", "id"],
        ),
        (
            "action_plan",
            "initiatives",
            "initiatives",
            EntryKind::Action,
            &["title", "id"],
        ),
        (
            "action_plan",
            "pilots",
            "pilots",
            EntryKind::Action,
            &["title", "id"],
        ),
        (
            "action_plan",
            "improvements",
            "improvements",
            EntryKind::Action,
            &["title", "id"],
        ),
        (
            "action_plan",
            "milestones",
            "milestones",
            EntryKind::Milestone,
            &["name", "date"],
        ),
    ];
    for (section, list, title, kind, names) in lists {
        let value = root.get(section).and_then(|s| s.get(list));
        let children: Vec<Entry> = items(value)
            .filter_map(|(i, item)| {
                let pointer = format!("/{section}/{list}/{i}");
                let detail = if kind == EntryKind::Milestone {
                    item.get("date").and_then(Value::as_str).unwrap_or("")
                } else {
                    id(item)
                };
                entry(analysis, &pointer, &label(item, names), detail, kind)
            })
            .collect();
        entries.extend(group(
            analysis,
            &format!("/{section}/{list}"),
            title,
            children,
        ));
    }
    entries
}

fn items(value: Option<&Value>) -> impl Iterator<Item = (usize, &Value)> {
    value
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
}

fn id(item: &Value) -> &str {
    item.get("id").and_then(Value::as_str).unwrap_or("")
}

/// The first of `keys` that the item has as text (an outline name is one line).
fn label(item: &Value, keys: &[&str]) -> String {
    let text = keys
        .iter()
        .find_map(|key| item.get(key).and_then(Value::as_str))
        .filter(|text| !text.trim().is_empty())
        .unwrap_or("(unnamed)");
    let line = text.lines().next().unwrap_or(text);
    match line.char_indices().nth(80) {
        Some((end, _)) => format!("{}…", &line[..end]),
        None => line.to_owned(),
    }
}

fn entry(
    analysis: &Analysis,
    pointer: &str,
    name: &str,
    detail: &str,
    kind: EntryKind,
) -> Option<Entry> {
    let node = analysis.nodes.get(pointer)?;
    let selection = analysis
        .nodes
        .get(&format!("{pointer}/id"))
        .map(|id| id.value.clone())
        .unwrap_or_else(|| {
            node.key
                .clone()
                .unwrap_or(node.value.start..node.value.start)
        });
    let range = match &node.key {
        Some(key) => key.start..node.value.end,
        None => node.value.clone(),
    };
    Some(Entry {
        name: name.to_owned(),
        detail: detail.to_owned(),
        kind,
        range: range.start.min(selection.start)..range.end.max(selection.end),
        selection,
        children: Vec::new(),
    })
}

/// A list as an entry holding its items; none for an empty list.
fn group(analysis: &Analysis, pointer: &str, title: &str, children: Vec<Entry>) -> Option<Entry> {
    if children.is_empty() {
        return None;
    }
    let mut list = entry(analysis, pointer, title, "", EntryKind::Group)?;
    list.detail = format!("{}", children.len());
    list.children = children;
    Some(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_outline_follows_the_map() {
        let source = "title: t\npersona:\n  name: Maya\nstages:\n  - id: a\n    name: Awareness\n    touchpoints:\n      - { id: ad, name: Ad, channel: web }\naction_plan:\n  milestones:\n    - { name: Live, date: 2026-01-01 }\n";
        let analysis = Analysis::new("x.yaml", source);
        let entries = outline(&analysis);
        let names: Vec<(&str, usize)> = entries
            .iter()
            .map(|e| (e.name.as_str(), e.children.len()))
            .collect();
        assert_eq!(names, [("Maya", 0), ("stages", 1), ("milestones", 1)]);
        let stage = &entries[1].children[0];
        assert_eq!(
            (stage.name.as_str(), stage.detail.as_str()),
            ("Awareness", "a")
        );
        assert_eq!(&source[stage.selection.clone()], "a");
        assert_eq!(stage.children[0].name, "Ad");
        assert!(stage.range.contains(&stage.children[0].range.start));
    }
}
