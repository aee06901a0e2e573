//! `journeymap show`: a map as tables, for reading it in a terminal, a wiki
//! or a spreadsheet; several maps as tables across them ([`super::portfolio`]).
//!
//! # Sections
//!
//! In this order (`--section` picks one); each holds one table (or, for
//! `emotions`, a drawing and the table of scores it is drawn from, which is
//! what CSV writes):
//!
//! - `persona`: a field | value table (name, description, demographics,
//!   behaviours, needs, goals, challenges, channels); lists are multi-line cells.
//! - `stages`: the classic journey-map matrix: one column per stage in journey
//!   order; rows goals, actions, feelings, emotion, touchpoints (with channel),
//!   pain points anchored at the stage (`id (severity)`, most severe first) and
//!   metrics (`name value → target`).
//! - `touchpoints`: one row per touchpoint: stage, id, name, channel, device,
//!   owner, emotion.
//! - `pain-points`: by severity (most severe first, unscored last, ties by
//!   id) with where they hurt and what addresses them: the ideas listing
//!   them, then the actions listing them or taking up one of those ideas.
//! - `needs`: the unmet needs, in file order, with what addresses them.
//! - `ideas`: ranked by priority `impact × (6 − effort)` (ties by id,
//!   unscored last) with what each addresses and the actions that take it up.
//! - `feedback`: the feedback loop.
//! - `actions`: every action (initiatives, pilots, improvements, in file
//!   order) with kind, owner, start → due, status and what it addresses; a
//!   `due` date before today on an action neither done nor dropped is
//!   marked `(overdue)`.
//! - `milestones`: in date order.
//! - `resources`: then the people and the budget per currency in total.
//! - `emotions`: the emotion curve drawn with characters (see [`curve`]).
//!
//! Two groups keep the sections `show` had before each table was its own:
//! `opportunities` (pain-points, needs, ideas, feedback) and `plan`
//! (actions, milestones, resources). A group is shown as its sections, and
//! is one JSON value; CSV holds one table, so a group is refused there.
//!
//! A table with nothing in it reads as a sentence saying so; CSV writes its
//! header row. With `ascii`, emotion faces, arrows, bullets and the curve
//! are plain ASCII. CSV cells are plain data: numbers without faces or
//! units, lists joined with `; `, one value per column (`Start`, `Due`,
//! `Overdue` where a terminal reads `2026-11-01 → 2026-12-15 (overdue)`).
//!
//! # JSON (`--format json`)
//!
//! One object, pretty-printed, ending with a newline; keys always present
//! (absent values are `null`, absent lists `[]`), in this order. With
//! `--section S` only `version`, `title` and the key of `S` are written:
//! the key is the section's id with `_` for `-` (`pain_points`), and its
//! value the same as in the whole document (`needs` is the whole
//! document's `opportunities.unmet_needs`).
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

use std::collections::HashMap;

use jiff::civil::Date;

use crate::analysis::addressing::Addressing;
use crate::check::{FileReport, ValidMap};
use crate::map::model::Map;
use crate::views::render::{Block, Cell, Section, View};

mod curve;
mod json;
pub mod opportunities;
mod persona;
pub mod plan;
mod stages;

pub use json::json;

/// The sections, in the order `show` prints them.
pub const SECTIONS: [&str; 11] = [
    "persona",
    "stages",
    "touchpoints",
    "pain-points",
    "needs",
    "ideas",
    "feedback",
    "actions",
    "milestones",
    "resources",
    "emotions",
];

/// The groups of sections, each with its members.
pub const GROUPS: [(&str, &[&str]); 2] = [
    (
        "opportunities",
        &["pain-points", "needs", "ideas", "feedback"],
    ),
    ("plan", &["actions", "milestones", "resources"]),
];

/// The sections a group holds; `None` when `id` is not a group.
pub fn group(id: &str) -> Option<&'static [&'static str]> {
    GROUPS
        .iter()
        .find(|(group, _)| *group == id)
        .map(|(_, members)| *members)
}

/// Every id `--section` takes for one map: the sections, then the groups.
pub fn section_ids() -> Vec<&'static str> {
    SECTIONS
        .iter()
        .copied()
        .chain(GROUPS.iter().map(|(group, _)| *group))
        .collect()
}

/// Every section of the map as a view; `ascii` draws faces, arrows,
/// bullets and the emotion curve in plain ASCII.
pub fn view(map: &ValidMap, _report: &FileReport, today: Date, ascii: bool) -> View {
    let m = &map.map();
    let g = glyphs(ascii);
    let names = Names::new(m);
    let addressing = Addressing::new(m);
    View {
        sections: vec![
            persona::persona(m, g),
            stages::stages(m, g),
            stages::touchpoints(m, g),
            opportunities::pain_points_section(&opportunities::pain_points(m, &addressing), &names),
            opportunities::needs_section(&opportunities::needs(m, &addressing), &names),
            opportunities::ideas_section(&opportunities::ideas(m, &addressing), g),
            opportunities::feedback_section(m),
            plan::actions_section(&plan::actions(m, today), today, g),
            plan::milestones_section(m),
            plan::resources_section(m),
            curve::emotions(m, g),
        ],
    }
}

/// The sections `id` names: one section, or a group's; `Err` names those there are.
pub fn select(view: View, id: &str) -> Result<View, String> {
    let Some(members) = group(id) else {
        return crate::views::render::select(view, id).map_err(|_| unknown_section(id));
    };
    Ok(View {
        sections: view
            .sections
            .into_iter()
            .filter(|s| members.contains(&s.id))
            .collect(),
    })
}

/// `no section "stage" (sections: …); did you mean "stages"?`
pub fn unknown_section(id: &str) -> String {
    let ids = section_ids();
    let mut message = format!("no section \"{id}\" (sections: {})", ids.join(", "));
    if let Some(close) = crate::suggest::did_you_mean(id, ids.iter().copied()) {
        message.push_str(&format!("; did you mean \"{close}\"?"));
    }
    message
}

/// Why CSV refuses a group: it holds several tables.
pub fn group_in_csv(id: &str, members: &[&str]) -> String {
    format!(
        "CSV holds one table and section \"{id}\" groups {}: {}; choose one with --section NAME (e.g. --section {})",
        members.len(),
        members.join(", "),
        members.first().copied().unwrap_or("persona")
    )
}

/// The characters a view is drawn with.
pub struct Glyphs {
    pub(crate) bullet: &'static str,
    pub(crate) arrow: &'static str,
    pub(crate) ellipsis: &'static str,
    pub(crate) times: &'static str,
    pub(crate) minus: &'static str,
    /// Emotion 1 to 5.
    pub(crate) faces: [&'static str; 5],
    pub(crate) stage: char,
    pub(crate) touchpoint: char,
    pub(crate) horizontal: char,
    pub(crate) vertical: char,
    /// Corners of the curve: down-then-right… in the order ┐ └ ┘ ┌.
    pub(crate) corners: [char; 4],
    pub(crate) axis_tick: char,
    pub(crate) axis_corner: char,
    pub(crate) axis_line: char,
    pub(crate) axis_y: char,
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

/// The glyphs for plain ASCII, or Unicode.
pub fn glyphs(ascii: bool) -> &'static Glyphs {
    if ascii { &ASCII } else { &UNICODE }
}

pub(crate) fn section(id: &'static str, title: &str, blocks: Vec<Block>) -> Section {
    Section {
        id,
        title: title.to_owned(),
        blocks,
    }
}

// ---------------------------------------------------------------------------
// Cells

/// A list in one cell: one item per line, bulleted when there are several.
fn list(items: &[impl AsRef<str>], g: &Glyphs) -> Cell {
    Cell::list(items, g.bullet)
}

/// `2 🙁` (`2 :(` in ASCII); `2` in CSV.
fn emotion(score: Option<u8>, g: &Glyphs) -> Cell {
    let Some(score) = score else {
        return Cell::default();
    };
    let face = g
        .faces
        .get(usize::from(score.clamp(1, 5)) - 1)
        .copied()
        .unwrap_or("");
    Cell::with_plain(format!("{score} {face}"), score.to_string())
}

/// A number as it is: `3`, `0.5`, empty for none.
fn number<T: ToString>(value: Option<T>) -> Cell {
    Cell::new(value.map_or(String::new(), |v| v.to_string()))
}

/// The names of a map's stages and touchpoints, by id (the first of an id
/// wins, as references resolve).
pub struct Names<'a> {
    stages: HashMap<&'a str, &'a str>,
    touchpoints: HashMap<&'a str, &'a str>,
}

impl<'a> Names<'a> {
    pub fn new(map: &'a Map<'a>) -> Names<'a> {
        let mut names = Names {
            stages: HashMap::new(),
            touchpoints: HashMap::new(),
        };
        for stage in &map.stages {
            names.stages.entry(stage.id).or_insert(stage.name);
            for t in &stage.touchpoints {
                names.touchpoints.entry(t.id).or_insert(t.name);
            }
        }
        names
    }

    /// The stage's name, or its id when no stage has it.
    pub fn stage(&self, id: &'a str) -> &'a str {
        self.stages.get(id).copied().unwrap_or(id)
    }

    pub fn touchpoint(&self, id: &'a str) -> &'a str {
        self.touchpoints.get(id).copied().unwrap_or(id)
    }
}
