//! The one id namespace of a map: every definition, in file order.
//!
//! Shared by the rules that define or resolve ids. Walks the JSON value
//! (which keeps the file's key order) so "first" and "second" mean what the
//! reader sees.

use std::collections::hash_map::Entry;
use std::fmt;

use foldhash::{HashMap, HashMapExt};
use serde_json::Value;

pub use crate::map::model::Object;

/// What kind of thing an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Stage,
    Touchpoint,
    PainPoint,
    UnmetNeed,
    Idea,
    Action,
}

impl Kind {
    /// "a stage", "an idea".
    pub fn with_article(self) -> String {
        let article = match self {
            Kind::Idea | Kind::Action | Kind::UnmetNeed => "an",
            Kind::Stage | Kind::Touchpoint | Kind::PainPoint => "a",
        };
        format!("{article} {self}")
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Stage => "stage",
            Kind::Touchpoint => "touchpoint",
            Kind::PainPoint => "pain point",
            Kind::UnmetNeed => "unmet need",
            Kind::Idea => "idea",
            Kind::Action => "action",
        })
    }
}

/// One `id:` in the file.
#[derive(Debug, Clone)]
pub struct Definition<'a> {
    pub id: &'a str,
    pub kind: Kind,
    /// The object the id belongs to.
    pub object: Object<'a>,
    /// For a touchpoint, the id of its stage.
    pub stage: Option<&'a str>,
}

impl Definition<'_> {
    /// Pointer of the `id` value itself.
    pub fn id_pointer(&self) -> String {
        format!("{}/id", self.object)
    }
}

/// Every id definition in file order (duplicates included).
fn definitions(root: &Value) -> Vec<Definition<'_>> {
    let mut out = Vec::new();
    let Some(top) = root.as_object() else {
        return out;
    };
    for (key, value) in top {
        match key.as_str() {
            "stages" => {
                for (i, stage) in items(value) {
                    stage_definitions(stage, i, &mut out);
                }
            }
            "opportunities" | "action_plan" => {
                for (list, items_value) in value.as_object().into_iter().flatten() {
                    let kind = match list.as_str() {
                        "pain_points" => Kind::PainPoint,
                        "unmet_needs" => Kind::UnmetNeed,
                        "innovations" | "efficiencies" => Kind::Idea,
                        "initiatives" | "pilots" | "improvements" => Kind::Action,
                        _ => continue,
                    };
                    for (i, item) in items(items_value) {
                        push(
                            &mut out,
                            id_of(item),
                            kind,
                            Object::Item(key, list, i),
                            None,
                        );
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn stage_definitions<'a>(stage: &'a Value, index: usize, out: &mut Vec<Definition<'a>>) {
    let stage_id = id_of(stage);
    for (key, value) in stage.as_object().into_iter().flatten() {
        match key.as_str() {
            "id" => push(out, value.as_str(), Kind::Stage, Object::Stage(index), None),
            "touchpoints" => {
                for (j, touchpoint) in items(value) {
                    push(
                        out,
                        id_of(touchpoint),
                        Kind::Touchpoint,
                        Object::Touchpoint(index, j),
                        stage_id,
                    );
                }
            }
            _ => {}
        }
    }
}

/// An object's `id` string. A scan of its few keys, where `id` usually
/// comes first, costs less than hashing the key for a lookup.
fn id_of(item: &Value) -> Option<&str> {
    let object = item.as_object()?;
    let (_, id) = object.iter().find(|(key, _)| key.as_str() == "id")?;
    id.as_str()
}

fn items(value: &Value) -> impl Iterator<Item = (usize, &Value)> {
    value.as_array().into_iter().flatten().enumerate()
}

fn push<'a>(
    out: &mut Vec<Definition<'a>>,
    id: Option<&'a str>,
    kind: Kind,
    object: Object<'a>,
    stage: Option<&'a str>,
) {
    if let Some(id) = id {
        out.push(Definition {
            id,
            kind,
            object,
            stage,
        });
    }
}

/// Every definition of a map, and which one each id resolves to.
pub struct Ids<'a> {
    /// In file order, duplicates included.
    pub definitions: Vec<Definition<'a>>,
    /// Each id's first definition (an index into `definitions`).
    first: HashMap<&'a str, usize>,
    /// The definitions of an id already defined, with the first one (both
    /// indexes into `definitions`), in file order: noted while `first` is
    /// built, so `duplicate-id` need not look every id up again.
    duplicates: Vec<(usize, usize)>,
}

impl<'a> Ids<'a> {
    pub fn new(root: &'a Value) -> Ids<'a> {
        let definitions = definitions(root);
        let mut first = HashMap::with_capacity(definitions.len());
        let mut duplicates = Vec::new();
        for (index, definition) in definitions.iter().enumerate() {
            match first.entry(definition.id) {
                Entry::Vacant(entry) => {
                    entry.insert(index);
                }
                Entry::Occupied(entry) => duplicates.push((index, *entry.get())),
            }
        }
        Ids {
            definitions,
            first,
            duplicates,
        }
    }

    /// The first definition of `id`: what references resolve to.
    pub fn resolve(&self, id: &str) -> Option<&Definition<'a>> {
        self.first.get(id).map(|&index| &self.definitions[index])
    }

    /// Every definition of an id defined before, in file order, with the
    /// first definition of that id.
    pub fn duplicates(&self) -> impl Iterator<Item = (&Definition<'a>, &Definition<'a>)> {
        self.duplicates
            .iter()
            .map(|&(later, first)| (&self.definitions[later], &self.definitions[first]))
    }
}
