//! The one id namespace of a map: every definition, in file order.
//!
//! Shared by the rules that define or resolve ids. Walks the JSON value
//! (which keeps the file's key order) so "first" and "second" mean what the
//! reader sees.

use std::collections::HashMap;
use std::fmt;

use serde_json::Value;

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

/// Where the object an id belongs to is: a JSON pointer, written out
/// (`Display`) only when a finding needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Object<'a> {
    /// `/stages/{index}`
    Stage(usize),
    /// `/stages/{stage}/touchpoints/{index}`
    Touchpoint(usize, usize),
    /// `/{key}/{list}/{index}`, e.g. `/opportunities/pain_points/0`
    Item(&'a str, &'a str, usize),
}

impl fmt::Display for Object<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Object::Stage(i) => write!(f, "/stages/{i}"),
            Object::Touchpoint(i, j) => write!(f, "/stages/{i}/touchpoints/{j}"),
            Object::Item(key, list, i) => write!(f, "/{key}/{list}/{i}"),
        }
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
                        push(&mut out, item, kind, Object::Item(key, list, i), None);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn stage_definitions<'a>(stage: &'a Value, index: usize, out: &mut Vec<Definition<'a>>) {
    let stage_id = stage.get("id").and_then(Value::as_str);
    for (key, value) in stage.as_object().into_iter().flatten() {
        match key.as_str() {
            "id" => push(out, stage, Kind::Stage, Object::Stage(index), None),
            "touchpoints" => {
                for (j, touchpoint) in items(value) {
                    push(
                        out,
                        touchpoint,
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

fn items(value: &Value) -> impl Iterator<Item = (usize, &Value)> {
    value.as_array().into_iter().flatten().enumerate()
}

fn push<'a>(
    out: &mut Vec<Definition<'a>>,
    item: &'a Value,
    kind: Kind,
    object: Object<'a>,
    stage: Option<&'a str>,
) {
    if let Some(id) = item.get("id").and_then(Value::as_str) {
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
    first: HashMap<&'a str, usize>,
}

impl<'a> Ids<'a> {
    pub fn new(root: &'a Value) -> Ids<'a> {
        let definitions = definitions(root);
        let mut first = HashMap::new();
        for (index, definition) in definitions.iter().enumerate() {
            first.entry(definition.id).or_insert(index);
        }
        Ids { definitions, first }
    }

    /// The first definition of `id`: what references resolve to.
    pub fn resolve(&self, id: &str) -> Option<&Definition<'a>> {
        self.first.get(id).map(|&index| &self.definitions[index])
    }
}
