//! The typed journey map, mirroring FORMAT.md.
//!
//! Deserialized from the JSON value only after the schema passed, so rules
//! never see ill-typed data. Extension (`x-`) keys are ignored here, except
//! `x-ignore`, which suppression needs.

use std::fmt;

use serde::Deserialize;
use serde_json::Value;

/// A calendar date as written in the file (`YYYY-MM-DD`, checked by the schema).
pub type Date<'a> = &'a str;

#[derive(Debug, Clone, Deserialize)]
pub struct Map<'a> {
    pub version: Option<u32>,
    #[serde(borrow)]
    pub title: &'a str,
    #[serde(borrow)]
    pub description: Option<&'a str>,
    #[serde(borrow)]
    pub owner: Option<&'a str>,
    #[serde(borrow)]
    pub updated: Option<Date<'a>>,
    #[serde(default)]
    #[serde(borrow)]
    pub tags: Vec<&'a str>,
    #[serde(borrow)]
    pub persona: Persona<'a>,
    #[serde(borrow)]
    pub stages: Vec<Stage<'a>>,
    #[serde(borrow)]
    pub opportunities: Opportunities<'a>,
    #[serde(borrow)]
    pub action_plan: ActionPlan<'a>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Persona<'a> {
    #[serde(borrow)]
    pub name: &'a str,
    #[serde(borrow)]
    pub description: Option<&'a str>,
    #[serde(default)]
    pub demographics: serde_json::Map<String, Value>,
    #[serde(default)]
    #[serde(borrow)]
    pub behaviors: Vec<&'a str>,
    #[serde(default)]
    #[serde(borrow)]
    pub needs: Vec<&'a str>,
    #[serde(default)]
    #[serde(borrow)]
    pub goals: Vec<&'a str>,
    #[serde(default)]
    #[serde(borrow)]
    pub challenges: Vec<&'a str>,
    #[serde(default)]
    #[serde(borrow)]
    pub channels: Vec<&'a str>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Stage<'a> {
    #[serde(borrow)]
    pub id: &'a str,
    #[serde(borrow)]
    pub name: &'a str,
    #[serde(borrow)]
    pub description: Option<&'a str>,
    #[serde(default)]
    #[serde(borrow)]
    pub goals: Vec<&'a str>,
    #[serde(default)]
    #[serde(borrow)]
    pub actions: Vec<&'a str>,
    #[serde(default)]
    #[serde(borrow)]
    pub feelings: Vec<&'a str>,
    #[serde(default, deserialize_with = "score")]
    pub emotion: Option<u8>,
    #[serde(borrow)]
    pub touchpoints: Vec<Touchpoint<'a>>,
    #[serde(default)]
    #[serde(borrow)]
    pub insights: Vec<&'a str>,
    #[serde(default)]
    #[serde(borrow)]
    pub metrics: Vec<Metric<'a>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Touchpoint<'a> {
    #[serde(borrow)]
    pub id: &'a str,
    #[serde(borrow)]
    pub name: &'a str,
    #[serde(borrow)]
    pub channel: &'a str,
    #[serde(borrow)]
    pub description: Option<&'a str>,
    #[serde(borrow)]
    pub device: Option<&'a str>,
    #[serde(default)]
    #[serde(borrow)]
    pub actions: Vec<&'a str>,
    #[serde(default, deserialize_with = "score")]
    pub emotion: Option<u8>,
    #[serde(borrow)]
    pub owner: Option<&'a str>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Metric<'a> {
    #[serde(borrow)]
    pub name: &'a str,
    pub value: Option<Value>,
    pub target: Option<Value>,
    #[serde(borrow)]
    pub unit: Option<&'a str>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Opportunities<'a> {
    #[serde(default)]
    #[serde(borrow)]
    pub pain_points: Vec<PainPoint<'a>>,
    #[serde(default)]
    #[serde(borrow)]
    pub unmet_needs: Vec<UnmetNeed<'a>>,
    #[serde(default)]
    #[serde(borrow)]
    pub innovations: Vec<Idea<'a>>,
    #[serde(default)]
    #[serde(borrow)]
    pub efficiencies: Vec<Idea<'a>>,
    #[serde(borrow)]
    pub feedback: Option<Feedback<'a>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PainPoint<'a> {
    #[serde(borrow)]
    pub id: &'a str,
    #[serde(borrow)]
    pub description: &'a str,
    #[serde(borrow)]
    pub stage: &'a str,
    #[serde(borrow)]
    pub touchpoint: Option<&'a str>,
    #[serde(default, deserialize_with = "score")]
    pub severity: Option<u8>,
    #[serde(borrow)]
    pub evidence: Option<&'a str>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct UnmetNeed<'a> {
    #[serde(borrow)]
    pub id: &'a str,
    #[serde(borrow)]
    pub description: &'a str,
    #[serde(borrow)]
    pub stage: Option<&'a str>,
    #[serde(borrow)]
    pub evidence: Option<&'a str>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Idea<'a> {
    #[serde(borrow)]
    pub id: &'a str,
    #[serde(borrow)]
    pub description: &'a str,
    #[serde(default)]
    #[serde(borrow)]
    pub addresses: Vec<&'a str>,
    #[serde(default, deserialize_with = "score")]
    pub impact: Option<u8>,
    #[serde(default, deserialize_with = "score")]
    pub effort: Option<u8>,
}

impl Idea<'_> {
    /// `impact × (6 − effort)`, 1–25; none when either is missing.
    pub fn priority(&self) -> Option<u8> {
        Some(self.impact? * (6 - self.effort?.min(5)))
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Feedback<'a> {
    #[serde(default)]
    #[serde(borrow)]
    pub methods: Vec<&'a str>,
    #[serde(borrow)]
    pub cadence: Option<&'a str>,
    #[serde(borrow)]
    pub owner: Option<&'a str>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ActionPlan<'a> {
    #[serde(default)]
    #[serde(borrow)]
    pub initiatives: Vec<Action<'a>>,
    #[serde(default)]
    #[serde(borrow)]
    pub pilots: Vec<Action<'a>>,
    #[serde(default)]
    #[serde(borrow)]
    pub improvements: Vec<Action<'a>>,
    #[serde(default)]
    #[serde(borrow)]
    pub milestones: Vec<Milestone<'a>>,
    #[serde(default)]
    #[serde(borrow)]
    pub resources: Vec<Resource<'a>>,
}

/// An initiative, pilot or improvement. Pilots also carry `scope` and
/// `success_criteria`; for the others they stay empty.
#[derive(Debug, Clone, Deserialize)]
pub struct Action<'a> {
    #[serde(borrow)]
    pub id: &'a str,
    #[serde(borrow)]
    pub title: &'a str,
    #[serde(default)]
    #[serde(borrow)]
    pub addresses: Vec<&'a str>,
    #[serde(borrow)]
    pub owner: Option<&'a str>,
    #[serde(borrow)]
    pub start: Option<Date<'a>>,
    #[serde(borrow)]
    pub due: Option<Date<'a>>,
    pub status: Option<Status>,
    #[serde(borrow)]
    pub scope: Option<&'a str>,
    #[serde(default)]
    #[serde(borrow)]
    pub success_criteria: Vec<&'a str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Planned,
    InProgress,
    Done,
    Dropped,
}

impl Status {
    /// As the file writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::InProgress => "in-progress",
            Status::Done => "done",
            Status::Dropped => "dropped",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Milestone<'a> {
    #[serde(borrow)]
    pub name: &'a str,
    #[serde(borrow)]
    pub date: Date<'a>,
    #[serde(default)]
    #[serde(borrow)]
    pub delivers: Vec<&'a str>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Resource<'a> {
    #[serde(borrow)]
    pub action: &'a str,
    pub people: Option<f64>,
    #[serde(default)]
    #[serde(borrow)]
    pub roles: Vec<&'a str>,
    pub budget: Option<f64>,
    #[serde(borrow)]
    pub currency: Option<&'a str>,
}

impl ActionPlan<'_> {
    /// Every action with where it is, in file order of the lists.
    pub fn actions(&self) -> impl Iterator<Item = (Object<'static>, &Action<'_>)> {
        let lists = [
            ("initiatives", &self.initiatives),
            ("pilots", &self.pilots),
            ("improvements", &self.improvements),
        ];
        lists.into_iter().flat_map(|(list, actions)| {
            actions
                .iter()
                .enumerate()
                .map(move |(i, action)| (Object::Item("action_plan", list, i), action))
        })
    }
}

impl Opportunities<'_> {
    /// Every idea (innovations, then efficiencies) with where it is.
    pub fn ideas(&self) -> impl Iterator<Item = (Object<'static>, &Idea<'_>)> {
        let lists = [
            ("innovations", &self.innovations),
            ("efficiencies", &self.efficiencies),
        ];
        lists.into_iter().flat_map(|(list, ideas)| {
            ideas
                .iter()
                .enumerate()
                .map(move |(i, idea)| (Object::Item("opportunities", list, i), idea))
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

/// A score 1–5. JSON Schema counts `4.0` as an integer, so a float with no
/// fraction is accepted here too.
fn score<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<u8>, D::Error> {
    let number = f64::deserialize(deserializer)?;
    if number.fract() == 0.0 && (1.0..=5.0).contains(&number) {
        Ok(Some(number as u8))
    } else {
        Err(serde::de::Error::custom(format!(
            "{number} is not a score from 1 to 5"
        )))
    }
}

/// Deserializes a schema-valid document. An `Err` here means the schema
/// and the model disagree — a bug, reported as such, never a panic.
pub fn from_value(value: &Value) -> Result<Map<'_>, serde_json::Error> {
    Map::deserialize(value)
}
