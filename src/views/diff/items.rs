//! What `diff` compares: every object of the format as a [`Record`] of typed
//! fields, one builder per kind of object, each listing the object's keys in
//! the order FORMAT.md gives them.

use jiff::civil::Date;
use serde_json::Value;

use super::number::Number;
use crate::analysis;
use crate::map::model::{Map, Status};

/// One version of the map as the builders read it: the typed map for the
/// format's keys, the document for the extension (`x-`) keys the model drops.
pub(super) struct Side<'a> {
    pub map: &'a Map<'a>,
    pub value: &'a Value,
    pub today: Date,
}

/// A compared value, typed as the JSON shows it.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Field {
    /// Not given in the map: `null`, "none".
    Absent,
    /// A score or a position: compared, without a movement.
    Count(u64),
    /// A quantity (metric value and target, people, budget, a numeric
    /// demographic): a change shows the movement.
    Quantity(Number),
    Bool(bool),
    /// An id, date, status, currency or kind: printed as it is.
    Word(String),
    /// Free text from the map: quoted in text and Markdown.
    Text(String),
    /// A list of strings, compared item by item.
    List(ListKind, Vec<String>),
    /// A value of an extension key that is neither text, number nor a list of strings.
    Json(Value),
    /// A map compared key by key (demographics, extension keys).
    Keyed(Vec<(String, Field)>),
    /// Items matched by key (a stage's metrics).
    Items(&'static Kind, Vec<Record>),
}

/// How a list's items compare and print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ListKind {
    /// Ids (`addresses`, `delivers`): printed bare.
    Ids,
    /// Free texts (`goals`, `feelings`, `roles`…): quoted.
    Texts,
    /// Persona channels: matched as `check` matches channels
    /// (`Mobile App` = `mobile-app`), so a new spelling is a respelling.
    Channels,
}

impl Field {
    pub(super) fn text(value: &str) -> Field {
        Field::Text(value.to_owned())
    }

    fn word(value: Option<&str>) -> Field {
        value.map_or(Field::Absent, |v| Field::Word(v.to_owned()))
    }

    fn optional_text(value: Option<&str>) -> Field {
        value.map_or(Field::Absent, Field::text)
    }

    fn score(value: Option<u8>) -> Field {
        value.map_or(Field::Absent, |v| Field::Count(u64::from(v)))
    }

    fn quantity(value: Option<f64>) -> Field {
        value
            .and_then(Number::from_f64)
            .map_or(Field::Absent, Field::Quantity)
    }

    fn list(kind: ListKind, items: &[&str]) -> Field {
        Field::List(kind, items.iter().map(|item| item.to_string()).collect())
    }

    fn texts(items: &[&str]) -> Field {
        Field::list(ListKind::Texts, items)
    }

    fn ids(items: &[&str]) -> Field {
        Field::list(ListKind::Ids, items)
    }

    /// A metric value or target, a demographic, an extension key's value.
    fn value(value: Option<&Value>) -> Field {
        match value {
            None | Some(Value::Null) => Field::Absent,
            Some(Value::String(s)) => Field::text(s),
            Some(Value::Number(n)) => Field::Quantity(Number::of(n)),
            Some(Value::Array(items)) if items.iter().all(Value::is_string) => Field::List(
                ListKind::Texts,
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(String::from)
                    .collect(),
            ),
            Some(other) => Field::Json(other.clone()),
        }
    }

    /// Nothing worth printing in a line about an added or removed item.
    pub(super) fn is_blank(&self) -> bool {
        match self {
            Field::Absent | Field::Bool(false) => true,
            Field::List(_, items) => items.is_empty(),
            Field::Keyed(entries) => entries.is_empty(),
            Field::Items(_, items) => items.is_empty(),
            _ => false,
        }
    }

    pub(super) fn to_json(&self) -> Value {
        match self {
            Field::Absent => Value::Null,
            Field::Count(n) => Value::from(*n),
            Field::Quantity(n) => n.to_json(),
            Field::Bool(b) => Value::Bool(*b),
            Field::Word(s) | Field::Text(s) => Value::from(s.as_str()),
            Field::List(_, items) => Value::from(items.clone()),
            Field::Json(value) => value.clone(),
            Field::Keyed(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(key, value)| (key.clone(), value.to_json()))
                    .collect(),
            ),
            Field::Items(kind, items) => {
                Value::Array(items.iter().map(|item| item.to_json(kind)).collect())
            }
        }
    }
}

/// An object as compared: its key (an id, a name, the action of a resource;
/// empty for the map, the persona and the feedback loop) and its fields.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Record {
    pub key: String,
    pub fields: Vec<(&'static str, Field)>,
}

impl Record {
    fn new(key: &str, fields: Vec<(&'static str, Field)>) -> Record {
        Record {
            key: key.to_owned(),
            fields,
        }
    }

    pub(super) fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|(n, _)| *n == name).map(|(_, f)| f)
    }

    /// The item as JSON: its key, then every field, `null` or empty when not given.
    pub(super) fn to_json(&self, kind: &Kind) -> Value {
        let mut object = serde_json::Map::new();
        object.insert(kind.key.into(), Value::from(self.key.as_str()));
        for (name, value) in &self.fields {
            object.insert((*name).into(), value.to_json());
        }
        Value::Object(object)
    }
}

/// What a kind of object is called in each format.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Kind {
    /// The JSON key.
    pub json: &'static str,
    /// The text group and Markdown heading.
    pub heading: &'static str,
    /// What one item is called in text.
    pub noun: &'static str,
    /// Words for added and removed items (pain points are "opened").
    pub added: &'static str,
    pub removed: &'static str,
    /// The JSON key of the item's key: "id", "name" or "action".
    pub key: &'static str,
}

pub(super) const MAP: Kind = Kind::items("map", "map", "map");
pub(super) const PERSONA: Kind = Kind::items("persona", "persona", "persona");
pub(super) const STAGES: Kind = Kind::items("stages", "stages", "stage");
pub(super) const METRICS: Kind = Kind {
    key: "name",
    ..Kind::items("metrics", "metrics", "metric")
};
pub(super) const TOUCHPOINTS: Kind = Kind::items("touchpoints", "touchpoints", "touchpoint");
pub(super) const PAIN_POINTS: Kind = Kind::opened("pain_points", "pain points", "pain point");
pub(super) const UNMET_NEEDS: Kind = Kind::opened("unmet_needs", "unmet needs", "unmet need");
pub(super) const IDEAS: Kind = Kind::items("ideas", "ideas", "idea");
pub(super) const FEEDBACK: Kind = Kind::items("feedback", "feedback", "feedback");
pub(super) const ACTIONS: Kind = Kind::items("actions", "actions", "action");
pub(super) const MILESTONES: Kind = Kind {
    key: "name",
    ..Kind::items("milestones", "milestones", "milestone")
};
pub(super) const RESOURCES: Kind = Kind {
    key: "action",
    ..Kind::items("resources", "resources", "resource for")
};

impl Kind {
    const fn items(json: &'static str, heading: &'static str, noun: &'static str) -> Kind {
        Kind {
            json,
            heading,
            noun,
            added: "added",
            removed: "removed",
            key: "id",
        }
    }

    const fn opened(json: &'static str, heading: &'static str, noun: &'static str) -> Kind {
        Kind {
            added: "opened",
            removed: "closed",
            ..Kind::items(json, heading, noun)
        }
    }

    /// Milestones and metrics are keyed by a name, which is quoted.
    pub(super) fn key_is_text(&self) -> bool {
        self.key == "name"
    }

    /// Metrics: a change of value or target says how far the target is.
    pub(super) fn has_progress(&self) -> bool {
        self.json == METRICS.json
    }
}

/// What one item of a list field is called: `+ feeling "relieved"`.
pub(super) fn singular(field: &str) -> &str {
    match field {
        "tags" => "tag",
        "behaviors" => "behavior",
        "needs" => "need",
        "goals" => "goal",
        "challenges" => "challenge",
        "channels" => "channel",
        "actions" => "action",
        "feelings" => "feeling",
        "insights" => "insight",
        "methods" => "method",
        "roles" => "role",
        "success_criteria" => "success criterion",
        // `addresses`, `delivers` read as verbs; extension keys as they are.
        other => other,
    }
}

/// The `x-` keys of an object, in file order.
fn extensions(object: Option<&Value>) -> Field {
    let keys = object.and_then(Value::as_object).into_iter().flatten();
    Field::Keyed(
        keys.filter(|(key, _)| key.starts_with("x-"))
            .map(|(key, value)| (key.clone(), Field::value(Some(value))))
            .collect(),
    )
}

/// The items of the list `key` of a JSON object; empty when there is none.
fn list<'v>(object: Option<&'v Value>, key: &str) -> &'v [Value] {
    object
        .and_then(|o| o.get(key))
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The map's own keys, and the extension keys of `opportunities` and `action_plan`.
pub(super) fn map(side: &Side) -> Record {
    let (m, value) = (side.map, Some(side.value));
    let at = |key: &str| value.and_then(|v| v.get(key));
    Record::new(
        "",
        vec![
            (
                "version",
                m.version.map_or(Field::Absent, |v| Field::Count(v.into())),
            ),
            ("title", Field::text(m.title)),
            ("description", Field::optional_text(m.description)),
            ("owner", Field::optional_text(m.owner)),
            ("updated", Field::word(m.updated)),
            ("tags", Field::texts(&m.tags)),
            ("extensions", extensions(value)),
            ("opportunities", extensions(at("opportunities"))),
            ("action_plan", extensions(at("action_plan"))),
        ],
    )
}

/// The persona, every key of it. Kept in this one function so that a
/// persona given another way (a reference to a shared file) is compared by
/// building the same record.
pub(super) fn persona(side: &Side) -> Record {
    let p = &side.map.persona;
    let demographics = p
        .demographics
        .iter()
        .map(|(key, value)| (key.clone(), Field::value(Some(value))))
        .collect();
    Record::new(
        "",
        vec![
            ("name", Field::text(p.name)),
            ("description", Field::optional_text(p.description)),
            ("demographics", Field::Keyed(demographics)),
            ("behaviors", Field::texts(&p.behaviors)),
            ("needs", Field::texts(&p.needs)),
            ("goals", Field::texts(&p.goals)),
            ("challenges", Field::texts(&p.challenges)),
            ("channels", Field::list(ListKind::Channels, &p.channels)),
            ("extensions", extensions(side.value.get("persona"))),
        ],
    )
}

pub(super) fn stages(side: &Side) -> Vec<Record> {
    let values = list(Some(side.value), "stages");
    side.map
        .stages
        .iter()
        .enumerate()
        .map(|(index, stage)| {
            let value = values.get(index);
            let metric_values = list(value, "metrics");
            let metrics = stage
                .metrics
                .iter()
                .enumerate()
                .map(|(i, metric)| {
                    Record::new(
                        metric.name,
                        vec![
                            ("value", Field::value(metric.value.as_ref())),
                            ("target", Field::value(metric.target.as_ref())),
                            ("unit", Field::optional_text(metric.unit)),
                            ("extensions", extensions(metric_values.get(i))),
                        ],
                    )
                })
                .collect();
            Record::new(
                stage.id,
                vec![
                    ("name", Field::text(stage.name)),
                    ("position", Field::Count(index as u64 + 1)),
                    ("description", Field::optional_text(stage.description)),
                    ("goals", Field::texts(&stage.goals)),
                    ("actions", Field::texts(&stage.actions)),
                    ("feelings", Field::texts(&stage.feelings)),
                    ("emotion", Field::score(stage.emotion)),
                    ("insights", Field::texts(&stage.insights)),
                    ("metrics", Field::Items(&METRICS, metrics)),
                    ("extensions", extensions(value)),
                ],
            )
        })
        .collect()
}

pub(super) fn touchpoints(side: &Side) -> Vec<Record> {
    let stage_values = list(Some(side.value), "stages");
    side.map
        .stages
        .iter()
        .enumerate()
        .flat_map(|(s, stage)| {
            let values = list(stage_values.get(s), "touchpoints");
            stage.touchpoints.iter().enumerate().map(move |(i, t)| {
                Record::new(
                    t.id,
                    vec![
                        ("name", Field::text(t.name)),
                        ("stage", Field::Word(stage.id.to_string())),
                        ("channel", Field::text(t.channel)),
                        ("description", Field::optional_text(t.description)),
                        ("device", Field::optional_text(t.device)),
                        ("actions", Field::texts(&t.actions)),
                        ("emotion", Field::score(t.emotion)),
                        ("owner", Field::optional_text(t.owner)),
                        ("extensions", extensions(values.get(i))),
                    ],
                )
            })
        })
        .collect()
}

fn opportunities<'a>(side: &Side<'a>, key: &str) -> &'a [Value] {
    list(side.value.get("opportunities"), key)
}

pub(super) fn pain_points(side: &Side) -> Vec<Record> {
    let values = opportunities(side, "pain_points");
    side.map
        .opportunities
        .pain_points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            Record::new(
                p.id,
                vec![
                    ("description", Field::text(p.description)),
                    ("stage", Field::Word(p.stage.to_string())),
                    ("touchpoint", Field::word(p.touchpoint)),
                    ("severity", Field::score(p.severity)),
                    ("evidence", Field::optional_text(p.evidence)),
                    ("extensions", extensions(values.get(i))),
                ],
            )
        })
        .collect()
}

pub(super) fn unmet_needs(side: &Side) -> Vec<Record> {
    let values = opportunities(side, "unmet_needs");
    side.map
        .opportunities
        .unmet_needs
        .iter()
        .enumerate()
        .map(|(i, n)| {
            Record::new(
                n.id,
                vec![
                    ("description", Field::text(n.description)),
                    ("stage", Field::word(n.stage)),
                    ("evidence", Field::optional_text(n.evidence)),
                    ("extensions", extensions(values.get(i))),
                ],
            )
        })
        .collect()
}

pub(super) fn ideas(side: &Side) -> Vec<Record> {
    let values = opportunities(side, "innovations")
        .iter()
        .chain(opportunities(side, "efficiencies"));
    // `analysis::ideas` lists innovations, then efficiencies, as `values` does.
    analysis::ideas(side.map)
        .zip(values.map(Some).chain(std::iter::repeat(None)))
        .map(|((kind, idea), value)| {
            Record::new(
                idea.id,
                vec![
                    ("kind", Field::Word(kind.to_owned())),
                    ("description", Field::text(idea.description)),
                    ("addresses", Field::ids(&idea.addresses)),
                    ("impact", Field::score(idea.impact)),
                    ("effort", Field::score(idea.effort)),
                    ("priority", Field::score(idea.priority())),
                    ("extensions", extensions(value)),
                ],
            )
        })
        .collect()
}

/// The feedback loop: a map without one compares as one with no key given.
pub(super) fn feedback(side: &Side) -> Record {
    let f = side.map.opportunities.feedback.clone().unwrap_or_default();
    let value = side
        .value
        .get("opportunities")
        .and_then(|o| o.get("feedback"));
    Record::new(
        "",
        vec![
            ("methods", Field::texts(&f.methods)),
            ("cadence", Field::optional_text(f.cadence)),
            ("owner", Field::optional_text(f.owner)),
            ("extensions", extensions(value)),
        ],
    )
}

fn plan<'a>(side: &Side<'a>, key: &str) -> &'a [Value] {
    list(side.value.get("action_plan"), key)
}

pub(super) fn actions(side: &Side) -> Vec<Record> {
    let values = ["initiatives", "pilots", "improvements"]
        .into_iter()
        .flat_map(|key| plan(side, key));
    // `analysis::actions` lists initiatives, pilots, improvements, as `values` does.
    analysis::actions(side.map)
        .zip(values.map(Some).chain(std::iter::repeat(None)))
        .map(|((kind, action), value)| {
            Record::new(
                action.id,
                vec![
                    ("kind", Field::Word(kind.to_owned())),
                    ("title", Field::text(action.title)),
                    ("owner", Field::optional_text(action.owner)),
                    ("start", Field::word(action.start)),
                    ("due", Field::word(action.due)),
                    ("status", Field::word(action.status.map(Status::as_str))),
                    ("addresses", Field::ids(&action.addresses)),
                    ("scope", Field::optional_text(action.scope)),
                    ("success_criteria", Field::texts(&action.success_criteria)),
                    (
                        "overdue",
                        Field::Bool(analysis::is_overdue(action, side.today)),
                    ),
                    ("extensions", extensions(value)),
                ],
            )
        })
        .collect()
}

pub(super) fn milestones(side: &Side) -> Vec<Record> {
    let values = plan(side, "milestones");
    side.map
        .action_plan
        .milestones
        .iter()
        .enumerate()
        .map(|(i, m)| {
            Record::new(
                m.name,
                vec![
                    ("date", Field::Word(m.date.to_string())),
                    ("delivers", Field::ids(&m.delivers)),
                    ("extensions", extensions(values.get(i))),
                ],
            )
        })
        .collect()
}

pub(super) fn resources(side: &Side) -> Vec<Record> {
    let values = plan(side, "resources");
    side.map
        .action_plan
        .resources
        .iter()
        .enumerate()
        .map(|(i, r)| {
            Record::new(
                r.action,
                vec![
                    ("people", Field::quantity(r.people)),
                    ("roles", Field::texts(&r.roles)),
                    ("budget", Field::quantity(r.budget)),
                    ("currency", Field::word(r.currency)),
                    ("extensions", extensions(values.get(i))),
                ],
            )
        })
        .collect()
}
