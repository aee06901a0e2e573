//! The typed journey map, mirroring FORMAT.md.
//!
//! Deserialized from the JSON value only after the schema passed, so rules
//! never see ill-typed data. Extension (`x-`) keys are ignored here, except
//! `x-ignore`, which suppression needs.

use std::fmt;

use serde::Deserialize;
use serde_json::Value;

/// A calendar date as written in the file (`YYYY-MM-DD`, checked by the schema).
pub type Date = String;

#[derive(Debug, Clone, Deserialize)]
pub struct Map {
    pub version: Option<u32>,
    pub title: String,
    pub description: Option<String>,
    pub owner: Option<String>,
    pub updated: Option<Date>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub persona: Persona,
    pub stages: Vec<Stage>,
    pub opportunities: Opportunities,
    pub action_plan: ActionPlan,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Persona {
    pub name: String,
    pub description: Option<String>,
    #[serde(default)]
    pub demographics: serde_json::Map<String, Value>,
    #[serde(default)]
    pub behaviors: Vec<String>,
    #[serde(default)]
    pub needs: Vec<String>,
    #[serde(default)]
    pub goals: Vec<String>,
    #[serde(default)]
    pub challenges: Vec<String>,
    #[serde(default)]
    pub channels: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Stage {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    #[serde(default)]
    pub goals: Vec<String>,
    #[serde(default)]
    pub actions: Vec<String>,
    #[serde(default)]
    pub feelings: Vec<String>,
    #[serde(default, deserialize_with = "score")]
    pub emotion: Option<u8>,
    pub touchpoints: Vec<Touchpoint>,
    #[serde(default)]
    pub insights: Vec<String>,
    #[serde(default)]
    pub metrics: Vec<Metric>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Touchpoint {
    pub id: String,
    pub name: String,
    pub channel: String,
    pub description: Option<String>,
    pub device: Option<String>,
    #[serde(default)]
    pub actions: Vec<String>,
    #[serde(default, deserialize_with = "score")]
    pub emotion: Option<u8>,
    pub owner: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Metric {
    pub name: String,
    pub value: Option<Value>,
    pub target: Option<Value>,
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Opportunities {
    #[serde(default)]
    pub pain_points: Vec<PainPoint>,
    #[serde(default)]
    pub unmet_needs: Vec<UnmetNeed>,
    #[serde(default)]
    pub innovations: Vec<Idea>,
    #[serde(default)]
    pub efficiencies: Vec<Idea>,
    pub feedback: Option<Feedback>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PainPoint {
    pub id: String,
    pub description: String,
    pub stage: String,
    pub touchpoint: Option<String>,
    #[serde(default, deserialize_with = "score")]
    pub severity: Option<u8>,
    pub evidence: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct UnmetNeed {
    pub id: String,
    pub description: String,
    pub stage: Option<String>,
    pub evidence: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Idea {
    pub id: String,
    pub description: String,
    #[serde(default)]
    pub addresses: Vec<String>,
    #[serde(default, deserialize_with = "score")]
    pub impact: Option<u8>,
    #[serde(default, deserialize_with = "score")]
    pub effort: Option<u8>,
}

impl Idea {
    /// `impact × (6 − effort)`, 1–25; none when either is missing.
    pub fn priority(&self) -> Option<u8> {
        Some(self.impact? * (6 - self.effort?.min(5)))
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Feedback {
    #[serde(default)]
    pub methods: Vec<String>,
    pub cadence: Option<String>,
    pub owner: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ActionPlan {
    #[serde(default)]
    pub initiatives: Vec<Action>,
    #[serde(default)]
    pub pilots: Vec<Action>,
    #[serde(default)]
    pub improvements: Vec<Action>,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    #[serde(default)]
    pub resources: Vec<Resource>,
}

/// An initiative, pilot or improvement. Pilots also carry `scope` and
/// `success_criteria`; for the others they stay empty.
#[derive(Debug, Clone, Deserialize)]
pub struct Action {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub addresses: Vec<String>,
    pub owner: Option<String>,
    pub start: Option<Date>,
    pub due: Option<Date>,
    pub status: Option<Status>,
    pub scope: Option<String>,
    #[serde(default)]
    pub success_criteria: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Planned,
    InProgress,
    Done,
    Dropped,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Milestone {
    pub name: String,
    pub date: Date,
    #[serde(default)]
    pub delivers: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Resource {
    pub action: String,
    pub people: Option<f64>,
    #[serde(default)]
    pub roles: Vec<String>,
    pub budget: Option<f64>,
    pub currency: Option<String>,
}

impl ActionPlan {
    /// Every action with where it is, in file order of the lists.
    pub fn actions(&self) -> impl Iterator<Item = (Object<'static>, &Action)> {
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

impl Opportunities {
    /// Every idea (innovations, then efficiencies) with where it is.
    pub fn ideas(&self) -> impl Iterator<Item = (Object<'static>, &Idea)> {
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
pub fn from_value(value: &Value) -> Result<Map, serde_json::Error> {
    Map::deserialize(value)
}
