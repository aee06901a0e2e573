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
use serde_json::{Map as JsonMap, Value, json};
use unicode_width::UnicodeWidthChar;

use crate::analysis::{self, amount, scalar};
use crate::check::{FileReport, ValidMap};
use crate::map::model::{Map, Metric, Stage, Status};
use crate::views::render::{Block, Section, Table, View, display_width};

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
// Persona

fn persona(map: &Map, g: &Glyphs) -> Section {
    let p = &map.persona;
    let demographics: Vec<String> = p
        .demographics
        .iter()
        .filter(|(key, _)| !key.starts_with("x-"))
        .map(|(key, value)| format!("{key}: {}", scalar(value)))
        .collect();
    let mut table = Table::new(&["Field", "Value"]);
    let rows: [(&str, String); 8] = [
        ("Name", p.name.to_string()),
        ("Description", p.description.unwrap_or_default().to_string()),
        ("Demographics", demographics.join("\n")),
        ("Behaviours", list(&p.behaviors, g)),
        ("Needs", list(&p.needs, g)),
        ("Goals", list(&p.goals, g)),
        ("Challenges", list(&p.challenges, g)),
        ("Channels", list(&p.channels, g)),
    ];
    for (field, value) in rows {
        table.push(vec![field.to_owned(), value]);
    }
    section("persona", "Persona", vec![Block::Table(table)])
}

// ---------------------------------------------------------------------------
// Stages

fn stages(map: &Map, g: &Glyphs) -> Section {
    let mut headers = vec!["Stage"];
    headers.extend(map.stages.iter().map(|s| s.name));
    let mut table = Table::new(&headers);
    let pains = analysis::pain_points_by_severity(map);
    let row = |label: &str, cell: &dyn Fn(&Stage) -> String| {
        let mut cells = vec![label.to_owned()];
        cells.extend(map.stages.iter().map(cell));
        cells
    };
    table.push(row("Goals", &|s| list(&s.goals, g)));
    table.push(row("Actions", &|s| list(&s.actions, g)));
    table.push(row("Feelings", &|s| list(&s.feelings, g)));
    table.push(row("Emotion", &|s| {
        s.emotion.map_or(String::new(), |e| emotion(e, g))
    }));
    table.push(row("Touchpoints", &|s| {
        let items: Vec<String> = s
            .touchpoints
            .iter()
            .map(|t| format!("{} ({})", t.name, t.channel))
            .collect();
        list(&items, g)
    }));
    table.push(row("Pain points", &|s| {
        let items: Vec<String> = pains
            .iter()
            .filter(|p| p.stage == s.id)
            .map(|p| match p.severity {
                Some(severity) => format!("{} ({severity})", p.id),
                None => p.id.to_string(),
            })
            .collect();
        list(&items, g)
    }));
    table.push(row("Metrics", &|s| {
        let items: Vec<String> = s.metrics.iter().map(|m| metric(m, g)).collect();
        list(&items, g)
    }));
    section("stages", "Stages", vec![Block::Table(table)])
}

/// `checkout conversion 41% → 60%`: the name, the value, the target; the parts there are.
fn metric(metric: &Metric, g: &Glyphs) -> String {
    let with_unit = |value: &Value| crate::analysis::with_unit(value, metric.unit);
    let mut out = metric.name.to_owned();
    if let Some(value) = &metric.value {
        out = format!("{out} {}", with_unit(value));
    }
    if let Some(target) = &metric.target {
        out = format!("{out} {} {}", g.arrow, with_unit(target));
    }
    out
}

// ---------------------------------------------------------------------------
// Touchpoints

fn touchpoints(map: &Map, g: &Glyphs) -> Section {
    let mut table = Table::new(&[
        "Stage",
        "Id",
        "Touchpoint",
        "Channel",
        "Device",
        "Owner",
        "Emotion",
    ]);
    for stage in &map.stages {
        for t in &stage.touchpoints {
            table.push(vec![
                stage.name.to_string(),
                t.id.to_string(),
                t.name.to_string(),
                t.channel.to_string(),
                t.device.unwrap_or_default().to_string(),
                t.owner.unwrap_or_default().to_string(),
                t.emotion.map_or(String::new(), |e| emotion(e, g)),
            ]);
        }
    }
    let block = if table.rows.is_empty() {
        Block::Text("No touchpoints.".to_owned())
    } else {
        Block::Table(table)
    };
    section("touchpoints", "Touchpoints", vec![block])
}

// ---------------------------------------------------------------------------
// Opportunities

fn opportunities(map: &Map, g: &Glyphs) -> Section {
    let o = &map.opportunities;
    let mut blocks = Vec::new();
    let addressed = |id: &str| {
        let by = analysis::addressed_by(map, id);
        if by.is_empty() {
            "not addressed".to_owned()
        } else {
            by.join(", ")
        }
    };

    let mut pains = Table::new(&["Severity", "Id", "Pain point", "Where", "Addressed by"])
        .with_caption("Pain points by severity");
    for p in analysis::pain_points_by_severity(map) {
        let stage = stage_name(map, p.stage);
        pains.push(vec![
            p.severity.map_or(String::new(), |s| s.to_string()),
            p.id.to_string(),
            p.description.to_string(),
            match p.touchpoint {
                Some(t) => format!("{stage}: {}", touchpoint_name(map, t)),
                None => stage,
            },
            addressed(p.id),
        ]);
    }
    blocks.push(table_or(pains, "No pain points."));

    let mut needs =
        Table::new(&["Id", "Unmet need", "Stage", "Addressed by"]).with_caption("Unmet needs");
    for n in &o.unmet_needs {
        needs.push(vec![
            n.id.to_string(),
            n.description.to_string(),
            n.stage.map_or(String::new(), |s| stage_name(map, s)),
            addressed(n.id),
        ]);
    }
    blocks.push(table_or(needs, "No unmet needs."));

    let mut ideas = Table::new(&["Rank", "Id", "Idea", "Priority", "Addresses", "Taken up by"])
        .with_caption(format!(
            "Ideas by priority = impact {} (6 {} effort)",
            g.times, g.minus
        ));
    for r in analysis::ranked_ideas(map) {
        // `16 = 4×(6−2)`: the score and how it is reached (no space inside
        // the product, so that a narrow column breaks only after `=`).
        let priority = match (r.priority, r.idea.impact, r.idea.effort) {
            (Some(p), Some(impact), Some(effort)) => {
                format!("{p} = {impact}{}(6{}{effort})", g.times, g.minus)
            }
            (_, None, None) => "unscored (no impact, no effort)".to_owned(),
            (_, None, _) => "unscored (no impact)".to_owned(),
            _ => "unscored (no effort)".to_owned(),
        };
        let taken: Vec<&str> = analysis::actions_addressing(map, r.idea.id)
            .iter()
            .map(|a| a.id)
            .collect();
        ideas.push(vec![
            r.rank.map_or(String::new(), |r| r.to_string()),
            r.idea.id.to_string(),
            format!("{} ({})", r.idea.description, r.kind),
            priority,
            r.idea.addresses.join(", "),
            if taken.is_empty() {
                "no action yet".to_owned()
            } else {
                taken.join(", ")
            },
        ]);
    }
    blocks.push(table_or(ideas, "No ideas."));

    match &o.feedback {
        Some(f) => {
            let mut feedback =
                Table::new(&["Methods", "Cadence", "Owner"]).with_caption("Feedback loop");
            feedback.push(vec![
                f.methods.join(", "),
                f.cadence.unwrap_or_default().to_string(),
                f.owner.unwrap_or_default().to_string(),
            ]);
            blocks.push(Block::Table(feedback));
        }
        None => blocks.push(Block::Text("No feedback loop.".to_owned())),
    }
    section("opportunities", "Opportunities", blocks)
}

// ---------------------------------------------------------------------------
// Plan

fn plan(map: &Map, today: Date, g: &Glyphs) -> Section {
    let plan = &map.action_plan;
    let mut blocks = Vec::new();

    let dates = format!("Start {} due", g.arrow);
    let mut actions = Table::new(&["Id", "Action", "Owner", &dates, "Status", "Addresses"])
        .with_caption("Actions");
    let mut overdue = 0;
    for (kind, a) in analysis::actions(map) {
        let late = analysis::is_overdue(a, today);
        overdue += usize::from(late);
        // `2026-11-01 → 2026-12-15`, the due date marked when overdue.
        let due = match (&a.due, late) {
            (Some(due), true) => format!("{due} (overdue)"),
            (Some(due), false) => due.to_string(),
            (None, _) => String::new(),
        };
        let when = match (&a.start, due.is_empty()) {
            (Some(start), true) => format!("{start} {}", g.arrow),
            (Some(start), false) => format!("{start} {} {due}", g.arrow),
            (None, true) => String::new(),
            (None, false) => format!("{} {due}", g.arrow),
        };
        actions.push(vec![
            a.id.to_string(),
            format!("{} ({kind})", a.title),
            a.owner.unwrap_or_default().to_string(),
            when,
            a.status.map_or("", status).to_owned(),
            a.addresses.join(", "),
        ]);
    }
    blocks.push(table_or(actions, "No actions."));
    if overdue > 0 {
        let noun = if overdue == 1 {
            "action is"
        } else {
            "actions are"
        };
        blocks.push(Block::Text(format!("{overdue} {noun} overdue on {today}.")));
    }

    let mut milestones = Table::new(&["Date", "Milestone", "Delivers"]).with_caption("Milestones");
    for m in analysis::milestones_by_date(map) {
        milestones.push(vec![
            m.date.to_string(),
            m.name.to_string(),
            m.delivers.join(", "),
        ]);
    }
    blocks.push(table_or(milestones, "No milestones."));

    let mut resources =
        Table::new(&["Action", "People", "Roles", "Budget"]).with_caption("Resources");
    for r in &plan.resources {
        resources.push(vec![
            r.action.to_string(),
            r.people.map_or(String::new(), people),
            r.roles.join(", "),
            match (r.budget, &r.currency) {
                (Some(budget), Some(currency)) => format!("{} {currency}", amount(budget)),
                (Some(budget), None) => amount(budget),
                (None, _) => String::new(),
            },
        ]);
    }
    if resources.rows.is_empty() {
        blocks.push(Block::Text("No resources.".to_owned()));
    } else {
        blocks.push(Block::Table(resources));
        let mut totals = Vec::new();
        if let Some(n) = analysis::people_total(map) {
            totals.push(format!(
                "{} {}",
                people(n),
                if n == 1.0 { "person" } else { "people" }
            ));
        }
        let budgets: Vec<String> = analysis::budget_totals(map)
            .into_iter()
            .map(|(currency, total)| match currency {
                Some(c) => format!("{} {c}", amount(total)),
                None => format!("{} (no currency)", amount(total)),
            })
            .collect();
        if !budgets.is_empty() {
            totals.push(budgets.join(" + "));
        }
        if !totals.is_empty() {
            blocks.push(Block::Text(format!("Total: {}.", totals.join("; "))));
        }
    }
    section("plan", "Action plan", blocks)
}

fn status(status: Status) -> &'static str {
    match status {
        Status::Planned => "planned",
        Status::InProgress => "in-progress",
        Status::Done => "done",
        Status::Dropped => "dropped",
    }
}

// ---------------------------------------------------------------------------
// Emotion curve

fn emotions(map: &Map, g: &Glyphs) -> Section {
    let scored = map
        .stages
        .iter()
        .any(|s| s.emotion.is_some() || s.touchpoints.iter().any(|t| t.emotion.is_some()));
    let block = if scored {
        Block::Drawing(curve(map, g))
    } else {
        Block::Text("No emotion scores.".to_owned())
    };
    section("emotions", "Emotion curve", vec![block])
}

/// Widest plot area: with the 3-column axis, the drawing fits 60 columns for
/// up to 19 stages.
const PLOT_WIDTH: usize = 57;
/// Columns per stage: between these.
const GROUP_MAX: usize = 14;
const GROUP_MIN: usize = 3;
/// Stage names go under the curve when a group has at least this many
/// columns; otherwise numbers do, with a legend of names below.
const NAMED_GROUP: usize = 6;

/// The emotion curve: y axis 5 (top) to 1, one group of columns per stage.
/// The stage's emotion is a `●` at the group's centre, joined to the next
/// stage's by a stepped line; touchpoint emotions are `·` spread across the
/// group, in file order. A stage without a score leaves a gap in the line.
/// Under the axis: stage names, wrapped to their group (two lines at most,
/// shortened with `…`), or, when groups are too narrow, stage numbers and a
/// legend. Same map, same drawing.
fn curve(map: &Map, g: &Glyphs) -> String {
    let n = map.stages.len().max(1);
    let w = (PLOT_WIDTH / n).clamp(GROUP_MIN, GROUP_MAX);
    let plot_width = n * w;
    let centre = |i: usize| i * w + w / 2;
    // rows[0] is emotion 5.
    let mut rows = vec![vec![' '; plot_width]; 5];
    let row_of = |score: u8| 5 - usize::from(score.clamp(1, 5));
    let put = |rows: &mut Vec<Vec<char>>, row: usize, x: usize, c: char| {
        if let Some(cell) = rows.get_mut(row).and_then(|r| r.get_mut(x)) {
            *cell = c;
        }
    };

    // The line between consecutive scored stages, stepping at the midpoint.
    for (i, pair) in map.stages.windows(2).enumerate() {
        let [first, second] = pair else { continue };
        let (Some(a), Some(b)) = (first.emotion, second.emotion) else {
            continue;
        };
        let (x1, x2) = (centre(i), centre(i + 1));
        let (r1, r2) = (row_of(a), row_of(b));
        if r1 == r2 {
            for x in x1 + 1..x2 {
                put(&mut rows, r1, x, g.horizontal);
            }
            continue;
        }
        let mid = (x1 + x2) / 2;
        for x in x1 + 1..mid {
            put(&mut rows, r1, x, g.horizontal);
        }
        for x in mid + 1..x2 {
            put(&mut rows, r2, x, g.horizontal);
        }
        let [down_from, down_to, up_from, up_to] = g.corners;
        let (from, to) = if r2 > r1 {
            (down_from, down_to)
        } else {
            (up_from, up_to)
        };
        put(&mut rows, r1, mid, from);
        put(&mut rows, r2, mid, to);
        for r in r1.min(r2) + 1..r1.max(r2) {
            put(&mut rows, r, mid, g.vertical);
        }
    }
    // Touchpoints, then stages on top: data over lines.
    for (i, stage) in map.stages.iter().enumerate() {
        let m = stage.touchpoints.len();
        for (k, t) in stage.touchpoints.iter().enumerate() {
            let Some(score) = t.emotion else { continue };
            let mut x = (k + 1) * w / (m + 1);
            if x == w / 2 && w > 1 {
                x = if x + 1 < w { x + 1 } else { x - 1 };
            }
            put(&mut rows, row_of(score), i * w + x, g.touchpoint);
        }
    }
    for (i, stage) in map.stages.iter().enumerate() {
        if let Some(score) = stage.emotion {
            put(&mut rows, row_of(score), centre(i), g.stage);
        }
    }

    let mut lines: Vec<String> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let plot: String = row.iter().collect();
        lines.push(
            format!("{} {}{plot}", 5 - r, g.axis_y)
                .trim_end()
                .to_owned(),
        );
    }
    let mut axis: Vec<char> = vec![g.axis_line; plot_width];
    for i in 0..map.stages.len() {
        if let Some(c) = axis.get_mut(centre(i)) {
            *c = g.axis_tick;
        }
    }
    lines.push(format!(
        "  {}{}",
        g.axis_corner,
        axis.iter().collect::<String>()
    ));

    // Labels under the axis, centred on each group.
    let named = w >= NAMED_GROUP;
    let labels: Vec<Vec<String>> = map
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if named {
                wrap(s.name, w - 1, 2, g.ellipsis)
            } else {
                vec![(i + 1).to_string()]
            }
        })
        .collect();
    let height = labels.iter().map(Vec::len).max().unwrap_or(0);
    for line in 0..height {
        let mut text = "   ".to_owned();
        for label in &labels {
            let part = label.get(line).map_or("", String::as_str);
            // The label's middle under the tick.
            let used = display_width(part);
            let left = (w / 2).saturating_sub(used / 2);
            let right = w.saturating_sub(used + left);
            text.push_str(&" ".repeat(left));
            text.push_str(part);
            text.push_str(&" ".repeat(right));
        }
        lines.push(text.trim_end().to_owned());
    }

    // Legend: the names when numbered, the marks, the stages without a score.
    let legend_width = PLOT_WIDTH + 3;
    lines.push(String::new());
    if !named {
        let names: Vec<String> = map
            .stages
            .iter()
            .enumerate()
            .map(|(i, s)| format!("{} {}", i + 1, s.name))
            .collect();
        lines.extend(wrap_items(&names, "  ", legend_width));
    }
    let dots = if g.ellipsis == "~" { "..." } else { "…" };
    lines.push(format!(
        "{} stage  {} touchpoint  (1 very negative {dots} 5 delighted)",
        g.stage, g.touchpoint
    ));
    let unscored: Vec<&str> = map
        .stages
        .iter()
        .filter(|s| s.emotion.is_none())
        .map(|s| s.name)
        .collect();
    if let Some((last, others)) = unscored.split_last() {
        let mut items = vec!["No stage score:".to_owned()];
        items.extend(others.iter().map(|name| format!("{name},")));
        items.push(format!("{last}."));
        lines.extend(wrap_items(&items, " ", legend_width));
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// `text` wrapped at spaces into lines of at most `width` columns; a word
/// too wide is shortened with `ellipsis` (wide text is cut instead); more than `max_lines` lines: the last one is shortened
/// and ends with `ellipsis`.
fn wrap(text: &str, width: usize, max_lines: usize, ellipsis: &str) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let joined = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if display_width(&joined) <= width {
            current = joined;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        // A word too wide for a line: a Latin word is shortened; wide text
        // (CJK), which has no spaces to break at, is cut into pieces that fit.
        if display_width(word) > width && word.chars().all(|c| c.width().unwrap_or(0) <= 1) {
            lines.push(shorten(word, width, ellipsis));
            continue;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if display_width(&current) + cw > width && !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            current.push(c);
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            *last = shorten(last, width, ellipsis);
        }
    }
    lines
}

/// `text` cut to leave room for `ellipsis` within `width` columns, then the ellipsis.
fn shorten(text: &str, width: usize, ellipsis: &str) -> String {
    let room = width.saturating_sub(display_width(ellipsis));
    let mut out = String::new();
    for c in text.chars() {
        if display_width(&out) + c.width().unwrap_or(0) > room {
            break;
        }
        out.push(c);
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push_str(ellipsis);
    out
}

/// Items joined by `separator` into lines of at most `width` columns (an
/// item wider than that gets a line of its own).
fn wrap_items(items: &[String], separator: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for item in items {
        let joined = if current.is_empty() {
            item.clone()
        } else {
            format!("{current}{separator}{item}")
        };
        if display_width(&joined) <= width || current.is_empty() {
            current = joined;
        } else {
            lines.push(std::mem::replace(&mut current, item.clone()));
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
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

// ---------------------------------------------------------------------------
// JSON

/// The map as `show --format json` prints it (one section, or all).
pub fn json(map: &ValidMap, _report: &FileReport, today: Date, section: Option<&str>) -> String {
    let m = &map.map();
    let mut out = JsonMap::new();
    out.insert("version".into(), json!(1));
    out.insert("title".into(), json!(m.title));
    for id in SECTIONS {
        if section.is_some_and(|s| s != id) {
            continue;
        }
        let value = match id {
            "persona" => json_persona(m),
            "stages" => json_stages(m),
            "touchpoints" => json_touchpoints(m),
            "opportunities" => json_opportunities(m),
            "plan" => json_plan(m, today),
            _ => json_emotions(m),
        };
        out.insert(id.into(), value);
    }
    let mut text = serde_json::to_string_pretty(&Value::Object(out))
        .unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"));
    text.push('\n');
    text
}

/// A whole number as an integer (`3`, not `3.0`); otherwise as it is.
fn number(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        json!(x as i64)
    } else {
        json!(x)
    }
}

fn json_persona(map: &Map) -> Value {
    let p = &map.persona;
    let demographics: JsonMap<String, Value> = p
        .demographics
        .iter()
        .filter(|(key, _)| !key.starts_with("x-"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    json!({
        "name": p.name,
        "description": p.description,
        "demographics": demographics,
        "behaviors": p.behaviors,
        "needs": p.needs,
        "goals": p.goals,
        "challenges": p.challenges,
        "channels": p.channels,
    })
}

fn json_stages(map: &Map) -> Value {
    let pains = analysis::pain_points_by_severity(map);
    let stages: Vec<Value> = map
        .stages
        .iter()
        .map(|s| {
            let metrics: Vec<Value> = s
                .metrics
                .iter()
                .map(|m| {
                    json!({
                        "name": m.name,
                        "value": m.value,
                        "target": m.target,
                        "unit": m.unit,
                    })
                })
                .collect();
            let touchpoints: Vec<&str> = s.touchpoints.iter().map(|t| t.id).collect();
            let pain_points: Vec<&str> = pains
                .iter()
                .filter(|p| p.stage == s.id)
                .map(|p| p.id)
                .collect();
            json!({
                "id": s.id,
                "name": s.name,
                "description": s.description,
                "goals": s.goals,
                "actions": s.actions,
                "feelings": s.feelings,
                "emotion": s.emotion,
                "touchpoints": touchpoints,
                "pain_points": pain_points,
                "insights": s.insights,
                "metrics": metrics,
            })
        })
        .collect();
    Value::Array(stages)
}

fn json_touchpoints(map: &Map) -> Value {
    let touchpoints: Vec<Value> = map
        .stages
        .iter()
        .flat_map(|s| s.touchpoints.iter().map(move |t| (s, t)))
        .map(|(s, t)| {
            json!({
                "stage": s.id,
                "id": t.id,
                "name": t.name,
                "channel": t.channel,
                "device": t.device,
                "owner": t.owner,
                "description": t.description,
                "emotion": t.emotion,
            })
        })
        .collect();
    Value::Array(touchpoints)
}

fn json_opportunities(map: &Map) -> Value {
    let o = &map.opportunities;
    let pain_points: Vec<Value> = analysis::pain_points_by_severity(map)
        .into_iter()
        .map(|p| {
            json!({
                "id": p.id,
                "description": p.description,
                "stage": p.stage,
                "touchpoint": p.touchpoint,
                "severity": p.severity,
                "evidence": p.evidence,
                "addressed_by": analysis::addressed_by(map, p.id),
            })
        })
        .collect();
    let unmet_needs: Vec<Value> = o
        .unmet_needs
        .iter()
        .map(|n| {
            json!({
                "id": n.id,
                "description": n.description,
                "stage": n.stage,
                "evidence": n.evidence,
                "addressed_by": analysis::addressed_by(map, n.id),
            })
        })
        .collect();
    let ideas: Vec<Value> = analysis::ranked_ideas(map)
        .into_iter()
        .map(|r| {
            let taken: Vec<&str> = analysis::actions_addressing(map, r.idea.id)
                .iter()
                .map(|a| a.id)
                .collect();
            json!({
                "rank": r.rank,
                "id": r.idea.id,
                "kind": r.kind,
                "description": r.idea.description,
                "impact": r.idea.impact,
                "effort": r.idea.effort,
                "priority": r.priority,
                "addresses": r.idea.addresses,
                "taken_up_by": taken,
            })
        })
        .collect();
    let feedback = o.feedback.as_ref().map(|f| {
        json!({
            "methods": f.methods,
            "cadence": f.cadence,
            "owner": f.owner,
        })
    });
    json!({
        "pain_points": pain_points,
        "unmet_needs": unmet_needs,
        "ideas": ideas,
        "feedback": feedback,
    })
}

fn json_plan(map: &Map, today: Date) -> Value {
    let plan = &map.action_plan;
    let actions: Vec<Value> = analysis::actions(map)
        .map(|(kind, a)| {
            json!({
                "id": a.id,
                "kind": kind,
                "title": a.title,
                "owner": a.owner,
                "start": a.start,
                "due": a.due,
                "status": a.status.map(status),
                "overdue": analysis::is_overdue(a, today),
                "addresses": a.addresses,
                "scope": a.scope,
                "success_criteria": a.success_criteria,
            })
        })
        .collect();
    let milestones: Vec<Value> = analysis::milestones_by_date(map)
        .into_iter()
        .map(|m| json!({ "date": m.date, "name": m.name, "delivers": m.delivers }))
        .collect();
    let resources: Vec<Value> = plan
        .resources
        .iter()
        .map(|r| {
            json!({
                "action": r.action,
                "people": r.people.map(number),
                "roles": r.roles,
                "budget": r.budget.map(number),
                "currency": r.currency,
            })
        })
        .collect();
    let budgets: Vec<Value> = analysis::budget_totals(map)
        .into_iter()
        .map(|(currency, total)| json!({ "currency": currency, "amount": number(total) }))
        .collect();
    json!({
        "today": today.to_string(),
        "actions": actions,
        "milestones": milestones,
        "resources": resources,
        "totals": {
            "people": analysis::people_total(map).map(number),
            "budgets": budgets,
        },
    })
}

fn json_emotions(map: &Map) -> Value {
    let stages: Vec<Value> = map
        .stages
        .iter()
        .map(|s| {
            let touchpoints: Vec<Value> = s
                .touchpoints
                .iter()
                .map(|t| json!({ "id": t.id, "name": t.name, "emotion": t.emotion }))
                .collect();
            json!({
                "stage": s.id,
                "name": s.name,
                "emotion": s.emotion,
                "touchpoints": touchpoints,
            })
        })
        .collect();
    Value::Array(stages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_and_shortens_labels() {
        assert_eq!(wrap("Consideration", 10, 2, "…"), ["Considera…"]);
        assert_eq!(wrap("A Consideration b", 10, 2, "~"), ["A", "Considera~"]);
        assert_eq!(
            wrap("Very long stage name here", 6, 2, "…"),
            ["Very", "long…"]
        );
        assert_eq!(wrap("🛒 Checkout", 10, 2, "…"), ["🛒", "Checkout"]);
        assert_eq!(wrap("購入購入購入", 5, 1, "~"), ["購入~"]);
        assert_eq!(wrap("", 5, 2, "~"), Vec::<String>::new());
    }

    #[test]
    fn amounts_and_numbers() {
        assert_eq!(number(3.0), json!(3));
        assert_eq!(number(0.5), json!(0.5));
    }
}
