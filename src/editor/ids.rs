//! The ids of one document: where each is defined, where each is used,
//! and what renaming one means. Read from the JSON value, so that a map
//! that fails the schema while it is being typed still navigates.

use std::ops::Range;

use serde_json::Value;

use crate::diagnostic::escape_pointer_segment;
use crate::map::nodes::{Node, NodeKind, Nodes};
use crate::rules::ids::{Definition, Ids, Kind};

/// A field whose value names an id, and what it may name (FORMAT.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The key: `stage`, `touchpoint`, `addresses`, `delivers`, `action`.
    pub key: &'static str,
    pub allowed: &'static [Kind],
}

const STAGE: Field = Field {
    key: "stage",
    allowed: &[Kind::Stage],
};
const TOUCHPOINT: Field = Field {
    key: "touchpoint",
    allowed: &[Kind::Touchpoint],
};
const IDEA_ADDRESSES: Field = Field {
    key: "addresses",
    allowed: &[Kind::PainPoint, Kind::UnmetNeed],
};
const ACTION_ADDRESSES: Field = Field {
    key: "addresses",
    allowed: &[Kind::Idea, Kind::PainPoint, Kind::UnmetNeed],
};
const DELIVERS: Field = Field {
    key: "delivers",
    allowed: &[Kind::Action],
};
const RESOURCE_ACTION: Field = Field {
    key: "action",
    allowed: &[Kind::Action],
};

/// One reference in the file: its value's pointer, the id and the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub pointer: String,
    pub id: String,
    pub field: Field,
}

/// The reference field at `pointer` (a value, or an item of a list of
/// ids), whatever its value is: what completion offers there.
pub fn field_at(pointer: &str) -> Option<Field> {
    let segments: Vec<&str> = pointer.split('/').skip(1).collect();
    match segments.as_slice() {
        ["opportunities", "pain_points", _, "stage"]
        | ["opportunities", "unmet_needs", _, "stage"] => Some(STAGE),
        ["opportunities", "pain_points", _, "touchpoint"] => Some(TOUCHPOINT),
        [
            "opportunities",
            "innovations" | "efficiencies",
            _,
            "addresses",
            ..,
        ] => Some(IDEA_ADDRESSES),
        [
            "action_plan",
            "initiatives" | "pilots" | "improvements",
            _,
            "addresses",
            ..,
        ] => Some(ACTION_ADDRESSES),
        ["action_plan", "milestones", _, "delivers", ..] => Some(DELIVERS),
        ["action_plan", "resources", _, "action"] => Some(RESOURCE_ACTION),
        _ => None,
    }
}

/// Every reference of the document, in file order of its lists.
pub fn references(root: &Value) -> Vec<Reference> {
    let mut out = Vec::new();
    let Some(top) = root.as_object() else {
        return out;
    };
    for (section, lists) in top {
        if section != "opportunities" && section != "action_plan" {
            continue;
        }
        for (list, items) in lists.as_object().into_iter().flatten() {
            for (i, item) in items.as_array().into_iter().flatten().enumerate() {
                let base = format!("/{section}/{}/{i}", escape_pointer_segment(list));
                for (key, value) in item.as_object().into_iter().flatten() {
                    let pointer = format!("{base}/{}", escape_pointer_segment(key));
                    let Some(field) = field_at(&pointer) else {
                        continue;
                    };
                    match value {
                        Value::String(id) => out.push(Reference {
                            pointer,
                            id: id.clone(),
                            field,
                        }),
                        Value::Array(ids) => {
                            for (k, id) in ids.iter().enumerate() {
                                if let Some(id) = id.as_str() {
                                    out.push(Reference {
                                        pointer: format!("{pointer}/{k}"),
                                        id: id.to_owned(),
                                        field,
                                    });
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    out
}

/// What an id under the cursor is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Symbol {
    /// An `id:` value: the definition (or a later duplicate of it).
    Definition { id: String, pointer: String },
    /// A reference value.
    Reference(Reference),
}

impl Symbol {
    pub fn id(&self) -> &str {
        match self {
            Symbol::Definition { id, .. } => id,
            Symbol::Reference(reference) => &reference.id,
        }
    }
}

/// The id definition or reference whose value holds `offset`.
pub fn symbol_at(root: &Value, nodes: &Nodes, offset: usize) -> Option<Symbol> {
    let (node, place) = nodes.at(offset)?;
    if place != crate::map::nodes::Place::Value {
        return None;
    }
    let id = root.pointer(&node.pointer)?.as_str()?;
    if let Some(field) = field_at(&node.pointer) {
        return Some(Symbol::Reference(Reference {
            pointer: node.pointer.clone(),
            id: id.to_owned(),
            field,
        }));
    }
    let ids = Ids::new(root);
    ids.definitions
        .iter()
        .find(|definition| definition.id_pointer() == node.pointer)
        .map(|definition| Symbol::Definition {
            id: definition.id.to_owned(),
            pointer: node.pointer.clone(),
        })
}

/// The text to replace when an id is renamed: a scalar's, inside its quotes.
pub fn id_text(source: &str, node: &Node) -> Range<usize> {
    let range = node.value.clone();
    if node.kind == NodeKind::Quoted && range.len() >= 2 {
        let quote = source.as_bytes().get(range.start).copied();
        if matches!(quote, Some(b'"' | b'\'')) {
            return range.start + 1..range.end - 1;
        }
    }
    range
}

/// Where `id` is defined first (what references resolve to).
pub fn definition<'a>(ids: &'a Ids<'a>, id: &str) -> Option<&'a Definition<'a>> {
    ids.resolve(id)
}

/// The pointers of `id`'s first definition and of every reference to it:
/// what a rename changes.
pub fn occurrences(root: &Value, id: &str) -> Vec<String> {
    let ids = Ids::new(root);
    let mut out: Vec<String> = ids
        .resolve(id)
        .map(|definition| definition.id_pointer())
        .into_iter()
        .collect();
    out.extend(
        references(root)
            .into_iter()
            .filter(|reference| reference.id == id)
            .map(|reference| reference.pointer),
    );
    out
}

/// Why `new` cannot replace `old`, if it cannot: not a slug, or taken.
pub fn rename_problem(root: &Value, old: &str, new: &str) -> Option<String> {
    let is_slug = new.len() <= 64
        && new
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && new
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if !is_slug {
        let slug = crate::map::schema::slugify(new);
        let hint = if slug.is_empty() {
            String::new()
        } else {
            format!(" (such as \"{slug}\")")
        };
        return Some(format!(
            "\"{new}\" is not an id: ids are slugs of lowercase letters, digits, `-` and `_`, starting with a letter or digit, at most 64 characters{hint}"
        ));
    }
    if new == old {
        return None;
    }
    Ids::new(root).resolve(new).map(|taken| {
        format!(
            "\"{new}\" is taken: {} already has this id (ids are unique across the whole file)",
            taken.kind.with_article()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "stages:\n  - id: decision\n    touchpoints:\n      - { id: checkout, name: C, channel: web }\nopportunities:\n  pain_points:\n    - { id: slot-full, description: d, stage: decision, touchpoint: \"checkout\" }\n  innovations:\n    - { id: waitlist, description: d, addresses: [slot-full] }\naction_plan:\n  pilots:\n    - { id: pilot, title: t, addresses: [waitlist, slot-full] }\n  milestones:\n    - { name: live, date: 2026-01-01, delivers: [pilot] }\n  resources:\n    - { action: pilot }\n";

    fn value() -> Value {
        crate::map::load::load("x.yaml", SOURCE.as_bytes())
            .document
            .expect("a document")
            .value
    }

    #[test]
    fn every_kind_of_reference_is_found() {
        let found: Vec<(String, &str)> = references(&value())
            .into_iter()
            .map(|r| (r.pointer, r.field.key))
            .collect();
        assert_eq!(
            found,
            [
                ("/opportunities/pain_points/0/stage".to_owned(), "stage"),
                (
                    "/opportunities/pain_points/0/touchpoint".to_owned(),
                    "touchpoint"
                ),
                (
                    "/opportunities/innovations/0/addresses/0".to_owned(),
                    "addresses"
                ),
                ("/action_plan/pilots/0/addresses/0".to_owned(), "addresses"),
                ("/action_plan/pilots/0/addresses/1".to_owned(), "addresses"),
                (
                    "/action_plan/milestones/0/delivers/0".to_owned(),
                    "delivers"
                ),
                ("/action_plan/resources/0/action".to_owned(), "action"),
            ]
        );
    }

    #[test]
    fn symbols_occurrences_and_renames() {
        let value = value();
        let nodes = Nodes::new(SOURCE);
        let offset = SOURCE.find("\"checkout\"").expect("in the source") + 2;
        let symbol = symbol_at(&value, &nodes, offset).expect("a symbol");
        assert_eq!(symbol.id(), "checkout");
        let node = nodes
            .get("/opportunities/pain_points/0/touchpoint")
            .expect("a node");
        assert_eq!(&SOURCE[id_text(SOURCE, node)], "checkout");
        let at_definition = SOURCE.find("id: slot-full").expect("in the source") + 5;
        assert!(matches!(
            symbol_at(&value, &nodes, at_definition),
            Some(Symbol::Definition { .. })
        ));
        assert_eq!(occurrences(&value, "slot-full").len(), 3);
        assert_eq!(rename_problem(&value, "pilot", "trial"), None);
        assert!(
            rename_problem(&value, "pilot", "Trial Run")
                .is_some_and(|p| p.contains("\"trial-run\""))
        );
        assert!(rename_problem(&value, "pilot", "waitlist").is_some_and(|p| p.contains("an idea")));
    }
}
