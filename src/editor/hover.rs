//! What the thing under the cursor is, in Markdown: an id's definition, a
//! key's meaning from the schema, a rule's summary and docs.

use std::ops::Range;

use serde_json::Value;

use super::Analysis;
use super::ids::{Symbol, symbol_at};
use super::schema_at;
use crate::map::nodes::Place;
use crate::rules::ids::Ids;

/// The hover text for `offset`, and the text it is about.
pub fn hover(analysis: &Analysis, offset: usize) -> Option<(Range<usize>, String)> {
    let (node, place) = analysis.nodes.at(offset)?;
    let root = analysis.value.as_ref();
    if place == Place::Key {
        let path = schema_at::path(&node.pointer);
        let (key, object) = path.split_last()?;
        let object: Vec<&str> = object.iter().map(String::as_str).collect();
        let description = schema_at::description(&object, key)?;
        return Some((node.key.clone()?, format!("**{key}**\n\n{description}")));
    }
    let value = root.and_then(|root| root.pointer(&node.pointer));
    let in_ignore_list = node
        .pointer
        .rsplit_once('/')
        .is_some_and(|(parent, _)| parent.ends_with("/x-ignore") || parent == "/x-ignore");
    if in_ignore_list && let Some(rule) = value.and_then(Value::as_str).and_then(crate::rules::find)
    {
        return Some((node.value.clone(), rule_docs(rule)));
    }
    let root = root?;
    let symbol = symbol_at(root, &analysis.nodes, offset)?;
    let ids = Ids::new(root);
    let text = match ids.resolve(symbol.id()) {
        Some(definition) => {
            let object = root.pointer(&definition.object.to_string());
            let mut text = format!("**{}** `{}`", definition.kind, definition.id);
            for key in FACTS {
                if let Some(fact) = object.and_then(|o| o.get(*key)).and_then(shown) {
                    text.push_str(&format!("\n\n- {}: {fact}", key.replace('_', " ")));
                }
            }
            if let Some(stage) = definition.stage {
                text.push_str(&format!("\n\n- in stage `{stage}`"));
            }
            if let Symbol::Reference(reference) = &symbol
                && !reference.field.allowed.contains(&definition.kind)
            {
                text.push_str(&format!(
                    "\n\n`{}` cannot name {} here",
                    reference.field.key,
                    definition.kind.with_article()
                ));
            }
            text
        }
        None => format!("`{}` is not defined in this map", symbol.id()),
    };
    Some((node.value.clone(), text))
}

/// The facts an id's hover shows, when its object has them.
const FACTS: &[&str] = &[
    "name",
    "title",
    "description",
    "channel",
    "stage",
    "touchpoint",
    "severity",
    "emotion",
    "impact",
    "effort",
    "owner",
    "start",
    "due",
    "status",
];

fn shown(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// A rule's summary, severity and documentation.
pub fn rule_docs(rule: &crate::rules::Rule) -> String {
    format!(
        "**{}** ({}, {} by default)\n\n{}\n\n{}",
        rule.id,
        rule.group.as_str(),
        rule.default_severity,
        rule.summary,
        rule.docs.trim()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAP: &str = "stages:\n  - id: decision\n    name: Decision\n    emotion: 2\n    touchpoints: []\nopportunities:\n  pain_points:\n    - { id: p, description: Slots full, stage: decision, severity: 4 }\n  x-ignore: [unaddressed-need]\n";

    fn hover_at(needle: &str, after: usize) -> String {
        let analysis = Analysis::new("x.yaml", MAP);
        let offset = MAP.find(needle).expect("in the source") + after;
        hover(&analysis, offset)
            .map(|(_, text)| text)
            .unwrap_or_default()
    }

    #[test]
    fn ids_keys_and_rules() {
        let reference = hover_at("stage: decision", 9);
        assert!(reference.starts_with("**stage** `decision`"), "{reference}");
        assert!(reference.contains("- name: Decision") && reference.contains("- emotion: 2"));
        assert!(hover_at("emotion", 1).contains("emotion"));
        assert!(hover_at("unaddressed-need", 2).starts_with("**unaddressed-need** (plan, warning"));
        assert!(hover_at("Slots", 1).is_empty(), "plain text has no hover");
    }
}
