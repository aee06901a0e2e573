//! `journeymap show`: a map as tables, for reading it in a terminal, a wiki
//! or a spreadsheet.
//!
//! # Sections
//!
//! In this order (`--section` picks one):
//!
//! - `persona`: a field | value table (name, description, demographics,
//!   behaviours, needs, goals, challenges, channels); lists are multi-line cells.
//! - `stages`: the classic journey-map matrix: one column per stage in journey
//!   order; rows goals, actions, feelings, emotion, touchpoints (with channel),
//!   pain points anchored at the stage (`id (severity)`, most severe first) and
//!   metrics (`name value → target`).
//! - `touchpoints`: one row per touchpoint: stage, id, name, channel, device,
//!   owner, emotion.
//! - `opportunities`: pain points by severity (most severe first, unscored
//!   last, ties by id) with where they hurt and what addresses them; unmet
//!   needs; ideas ranked by priority `impact × (6 − effort)` (ties by id,
//!   unscored last) with what each addresses and the actions that take it up;
//!   the feedback loop.
//! - `plan`: every action (initiatives, pilots, improvements, in file order)
//!   with kind, owner, start → due, status and what it addresses; a `due` date
//!   before today on an action neither done nor dropped is marked
//!   `(overdue)`; milestones in date order; resources, then the people and the
//!   budget per currency in total.
//! - `emotions`: the emotion curve drawn with characters (see [`curve`]).
//!
//! A part with nothing in it is a sentence saying so, never an empty table.
//! With `ascii`, emotion faces, arrows, bullets and the curve are plain ASCII.
//!
//! # JSON (`--format json`)
//!
//! One object, pretty-printed, ending with a newline; keys always present
//! (absent values are `null`, absent lists `[]`), in this order. With
//! `--section S` only `version`, `title` and the key `S` are written.
//!
//! ```text
//! {
//!   "version": 1,
//!   "title": string,
//!   "persona": { "name": string, "description": string|null,
//!                "demographics": { key: string|number, … },
//!                "behaviors": [string], "needs": [string], "goals": [string],
//!                "challenges": [string], "channels": [string] },
//!   "stages": [ { "id", "name": string, "description": string|null,
//!                 "goals", "actions", "feelings": [string],
//!                 "emotion": 1-5|null,
//!                 "touchpoints": [touchpoint id], "pain_points": [pain point id]
//!                 (most severe first), "insights": [string],
//!                 "metrics": [ { "name": string, "value": number|string|null,
//!                                "target": number|string|null, "unit": string|null } ] } ],
//!   "touchpoints": [ { "stage": stage id, "id", "name", "channel": string,
//!                      "device", "owner", "description": string|null,
//!                      "emotion": 1-5|null } ],
//!   "opportunities": {
//!     "pain_points": [ { "id", "description", "stage": string, "touchpoint": string|null,
//!                        "severity": 1-5|null, "evidence": string|null,
//!                        "addressed_by": [idea or action id] } ],      // by severity
//!     "unmet_needs": [ { "id", "description": string, "stage", "evidence": string|null,
//!                        "addressed_by": [id] } ],
//!     "ideas": [ { "rank": number|null, "id": string, "kind": "innovation"|"efficiency",
//!                  "description": string, "impact": 1-5|null, "effort": 1-5|null,
//!                  "priority": 1-25|null, "addresses": [id],
//!                  "taken_up_by": [action id] } ],                    // ranked
//!     "feedback": { "methods": [string], "cadence": string|null, "owner": string|null } | null
//!   },
//!   "plan": {
//!     "today": "YYYY-MM-DD",
//!     "actions": [ { "id": string, "kind": "initiative"|"pilot"|"improvement",
//!                    "title": string, "owner", "start", "due": string|null,
//!                    "status": "planned"|"in-progress"|"done"|"dropped"|null,
//!                    "overdue": bool, "addresses": [id], "scope": string|null,
//!                    "success_criteria": [string] } ],
//!     "milestones": [ { "date": "YYYY-MM-DD", "name": string, "delivers": [action id] } ],
//!     "resources": [ { "action": string, "people": number|null, "roles": [string],
//!                      "budget": number|null, "currency": string|null } ],
//!     "totals": { "people": number|null,
//!                 "budgets": [ { "currency": string|null, "amount": number } ] }
//!   },
//!   "emotions": [ { "stage": stage id, "name": string, "emotion": 1-5|null,
//!                   "touchpoints": [ { "id", "name": string, "emotion": 1-5|null } ] } ]
//! }
//! ```
//!
//! Dates are strings as written; whole numbers are written without a
//! fraction (`3`, not `3.0`). Budget totals: currencies in code order, then
//! budgets given without a currency (`"currency": null`).

use jiff::civil::Date;

use crate::check::{FileReport, ValidMap};
use crate::map::model::Map;
use crate::views::render::{Block, Section, Table, View};

mod curve;
mod json;
mod opportunities;
mod persona;
mod plan;
mod stages;

pub use json::json;

use curve::emotions;
use opportunities::opportunities;
use persona::persona;
use plan::plan;
use stages::{stages, touchpoints};

/// The sections, in the order `show` prints them.
pub const SECTIONS: [&str; 6] = [
    "persona",
    "stages",
    "touchpoints",
    "opportunities",
    "plan",
    "emotions",
];

/// Every section of the map as a view; `ascii` draws the emotion curve in plain ASCII.
pub fn view(map: &ValidMap, _report: &FileReport, today: Date, ascii: bool) -> View {
    let m = &map.map();
    let g = if ascii { &ASCII } else { &UNICODE };
    View {
        sections: vec![
            persona(m, g),
            stages(m, g),
            touchpoints(m, g),
            opportunities(m, g),
            plan(m, today, g),
            emotions(m, g),
        ],
    }
}

/// The characters a view is drawn with.
struct Glyphs {
    bullet: &'static str,
    arrow: &'static str,
    ellipsis: &'static str,
    times: &'static str,
    minus: &'static str,
    /// Emotion 1 to 5.
    faces: [&'static str; 5],
    stage: char,
    touchpoint: char,
    horizontal: char,
    vertical: char,
    /// Corners of the curve: down-then-right… in the order ┐ └ ┘ ┌.
    corners: [char; 4],
    axis_tick: char,
    axis_corner: char,
    axis_line: char,
    axis_y: char,
}

const UNICODE: Glyphs = Glyphs {
    bullet: "• ",
    arrow: "→",
    ellipsis: "…",
    times: "×",
    minus: "−",
    faces: ["😣", "🙁", "😐", "🙂", "😄"],
    stage: '●',
    touchpoint: '·',
    horizontal: '─',
    vertical: '│',
    corners: ['┐', '└', '┘', '┌'],
    axis_tick: '┬',
    axis_corner: '└',
    axis_line: '─',
    axis_y: '┤',
};

const ASCII: Glyphs = Glyphs {
    bullet: "- ",
    arrow: "->",
    ellipsis: "~",
    times: "x",
    minus: "-",
    faces: [":((", ":(", ":|", ":)", ":D"],
    stage: '*',
    touchpoint: '.',
    horizontal: '-',
    vertical: '|',
    corners: ['+', '+', '+', '+'],
    axis_tick: '+',
    axis_corner: '+',
    axis_line: '-',
    axis_y: '|',
};

fn section(id: &'static str, title: &str, blocks: Vec<Block>) -> Section {
    Section {
        id,
        title: title.to_owned(),
        blocks,
    }
}

// ---------------------------------------------------------------------------
// Cells

/// A list in one cell: one item per line, bulleted when there are several.
fn list(items: &[impl AsRef<str>], g: &Glyphs) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        many => many
            .iter()
            .map(|item| format!("{}{}", g.bullet, item.as_ref()))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

fn table_or(table: Table, empty: &str) -> Block {
    if table.rows.is_empty() {
        Block::Text(empty.to_owned())
    } else {
        Block::Table(table)
    }
}

/// `2 🙁` (`2 :(` in ASCII).
fn emotion(score: u8, g: &Glyphs) -> String {
    let face = g
        .faces
        .get(usize::from(score.clamp(1, 5)) - 1)
        .copied()
        .unwrap_or("");
    format!("{score} {face}")
}

fn stage_name(map: &Map, id: &str) -> String {
    map.stages
        .iter()
        .find(|s| s.id == id)
        .map_or_else(|| id.to_owned(), |s| s.name.to_string())
}

fn touchpoint_name(map: &Map, id: &str) -> String {
    map.stages
        .iter()
        .flat_map(|s| &s.touchpoints)
        .find(|t| t.id == id)
        .map_or_else(|| id.to_owned(), |t| t.name.to_string())
}

/// People counts: `3`, `0.5`.
fn people(x: f64) -> String {
    format!("{x}")
}
