//! The opportunity sections: `pain-points`, `needs`, `ideas`, `feedback`.
//! The rows are data (what JSON writes, and what the tables across maps
//! gather); the sections present them.

use serde::Serialize;

use crate::analysis::{self, addressing::Addressing};
use crate::map::model::{Feedback, Map, PainPoint, UnmetNeed};
use crate::views::render::{Block, Cell, Column, Section, Table};

use super::{Glyphs, Names, number, section};

/// A pain point and what addresses it.
#[derive(Debug, Clone, Serialize)]
pub struct PainPointRow<'a> {
    pub id: &'a str,
    pub description: &'a str,
    pub stage: &'a str,
    pub touchpoint: Option<&'a str>,
    pub severity: Option<u8>,
    pub evidence: Option<&'a str>,
    /// The ideas listing it, then the actions listing it or taking up one
    /// of those ideas.
    pub addressed_by: Vec<&'a str>,
}

/// Most severe first; unscored last; ties by id (then file order).
pub fn pain_points<'a>(map: &'a Map<'a>, addressing: &Addressing<'a>) -> Vec<PainPointRow<'a>> {
    analysis::pain_points_by_severity(map)
        .into_iter()
        .map(|p: &PainPoint| PainPointRow {
            id: p.id,
            description: p.description,
            stage: p.stage,
            touchpoint: p.touchpoint,
            severity: p.severity,
            evidence: p.evidence,
            addressed_by: addressing.addressed_by(p.id),
        })
        .collect()
}

/// The columns of a pain-point table, after `leading` (the map, across maps).
pub fn pain_point_columns(leading: Vec<Column>) -> Vec<Column> {
    let mut columns = leading;
    columns.extend([
        Column::new("Severity"),
        Column::new("Id"),
        Column::new("Pain point"),
        Column::reading("Where"),
        Column::csv("Stage"),
        Column::csv("Touchpoint"),
        Column::new("Addressed by"),
    ]);
    columns
}

/// One pain point's cells, in [`pain_point_columns`] order.
pub fn pain_point_cells(row: &PainPointRow, names: &Names) -> Vec<Cell> {
    let stage = names.stage(row.stage);
    let place = match row.touchpoint {
        Some(t) => format!("{stage}: {}", names.touchpoint(t)),
        None => stage.to_owned(),
    };
    vec![
        number(row.severity),
        Cell::new(row.id),
        Cell::new(row.description),
        Cell::new(place),
        Cell::new(row.stage),
        Cell::new(row.touchpoint.unwrap_or_default()),
        Cell::joined_or(&row.addressed_by, "not addressed"),
    ]
}

pub(super) fn pain_points_section(rows: &[PainPointRow], names: &Names) -> Section {
    let mut table = Table::with_columns(pain_point_columns(Vec::new()))
        .with_caption("Most severe first")
        .or_say("No pain points.");
    for row in rows {
        table.push_cells(pain_point_cells(row, names));
    }
    section("pain-points", "Pain points", vec![Block::Table(table)])
}

// ---------------------------------------------------------------------------
// Unmet needs

/// An unmet need and what addresses it.
#[derive(Debug, Clone, Serialize)]
pub struct NeedRow<'a> {
    pub id: &'a str,
    pub description: &'a str,
    pub stage: Option<&'a str>,
    pub evidence: Option<&'a str>,
    pub addressed_by: Vec<&'a str>,
}

/// In file order.
pub fn needs<'a>(map: &'a Map<'a>, addressing: &Addressing<'a>) -> Vec<NeedRow<'a>> {
    map.opportunities
        .unmet_needs
        .iter()
        .map(|n: &UnmetNeed| NeedRow {
            id: n.id,
            description: n.description,
            stage: n.stage,
            evidence: n.evidence,
            addressed_by: addressing.addressed_by(n.id),
        })
        .collect()
}

pub fn need_columns(leading: Vec<Column>) -> Vec<Column> {
    let mut columns = leading;
    columns.extend([
        Column::new("Id"),
        Column::new("Unmet need"),
        Column::reading("Stage"),
        Column::csv("Stage"),
        Column::new("Addressed by"),
    ]);
    columns
}

pub fn need_cells(row: &NeedRow, names: &Names) -> Vec<Cell> {
    vec![
        Cell::new(row.id),
        Cell::new(row.description),
        Cell::new(row.stage.map_or("", |s| names.stage(s))),
        Cell::new(row.stage.unwrap_or_default()),
        Cell::joined_or(&row.addressed_by, "not addressed"),
    ]
}

pub(super) fn needs_section(rows: &[NeedRow], names: &Names) -> Section {
    let mut table = Table::with_columns(need_columns(Vec::new())).or_say("No unmet needs.");
    for row in rows {
        table.push_cells(need_cells(row, names));
    }
    section("needs", "Unmet needs", vec![Block::Table(table)])
}

// ---------------------------------------------------------------------------
// Ideas

/// An idea with its priority and the actions taking it up.
#[derive(Debug, Clone, Serialize)]
pub struct IdeaRow<'a> {
    /// 1-based among scored ideas (across maps in the tables across maps).
    pub rank: Option<usize>,
    pub id: &'a str,
    /// `innovation` or `efficiency`.
    pub kind: &'static str,
    pub description: &'a str,
    pub impact: Option<u8>,
    pub effort: Option<u8>,
    /// `impact × (6 − effort)`, 1–25.
    pub priority: Option<u8>,
    pub addresses: Vec<&'a str>,
    pub taken_up_by: Vec<&'a str>,
}

/// Ranked by priority (ties by id, unscored last).
pub fn ideas<'a>(map: &'a Map<'a>, addressing: &Addressing<'a>) -> Vec<IdeaRow<'a>> {
    analysis::ranked_ideas(map)
        .into_iter()
        .map(|r| IdeaRow {
            rank: r.rank,
            id: r.idea.id,
            kind: r.kind,
            description: r.idea.description,
            impact: r.idea.impact,
            effort: r.idea.effort,
            priority: r.priority,
            addresses: r.idea.addresses.clone(),
            taken_up_by: addressing
                .actions_addressing(r.idea.id)
                .iter()
                .map(|a| a.id)
                .collect(),
        })
        .collect()
}

pub fn idea_columns(leading: Vec<Column>) -> Vec<Column> {
    let mut columns = vec![Column::new("Rank")];
    columns.extend(leading);
    columns.extend([
        Column::new("Id"),
        Column::new("Idea"),
        Column::csv("Kind"),
        Column::csv("Impact"),
        Column::csv("Effort"),
        Column::new("Priority"),
        Column::new("Addresses"),
        Column::new("Taken up by"),
    ]);
    columns
}

/// One idea's cells, in [`idea_columns`] order, after the rank and `leading`.
pub fn idea_cells(row: &IdeaRow, leading: Vec<Cell>, g: &Glyphs) -> Vec<Cell> {
    // `16 = 4×(6−2)`: the score and how it is reached (no space inside
    // the product, so that a narrow column breaks only after `=`).
    let priority = match (row.priority, row.impact, row.effort) {
        (Some(p), Some(impact), Some(effort)) => Cell::with_plain(
            format!("{p} = {impact}{}(6{}{effort})", g.times, g.minus),
            p.to_string(),
        ),
        (_, None, None) => Cell::with_plain("unscored (no impact, no effort)", ""),
        (_, None, _) => Cell::with_plain("unscored (no impact)", ""),
        _ => Cell::with_plain("unscored (no effort)", ""),
    };
    let mut cells = vec![number(row.rank)];
    cells.extend(leading);
    cells.extend([
        Cell::new(row.id),
        Cell::with_plain(
            format!("{} ({})", row.description, row.kind),
            row.description,
        ),
        Cell::new(row.kind),
        number(row.impact),
        number(row.effort),
        priority,
        Cell::joined(&row.addresses),
        Cell::joined_or(&row.taken_up_by, "no action yet"),
    ]);
    cells
}

/// `Ranked by priority = impact × (6 − effort)`.
pub fn ideas_caption(g: &Glyphs) -> String {
    format!(
        "Ranked by priority = impact {} (6 {} effort)",
        g.times, g.minus
    )
}

pub(super) fn ideas_section(rows: &[IdeaRow], g: &Glyphs) -> Section {
    let mut table = Table::with_columns(idea_columns(Vec::new()))
        .with_caption(ideas_caption(g))
        .or_say("No ideas.");
    for row in rows {
        table.push_cells(idea_cells(row, Vec::new(), g));
    }
    section("ideas", "Ideas", vec![Block::Table(table)])
}

// ---------------------------------------------------------------------------
// Feedback

pub(super) fn feedback_section(map: &Map) -> Section {
    let mut table = Table::new(&["Methods", "Cadence", "Owner"]).or_say("No feedback loop.");
    if let Some(f) = &map.opportunities.feedback {
        table.push_cells(feedback_cells(f));
    }
    section("feedback", "Feedback loop", vec![Block::Table(table)])
}

fn feedback_cells(f: &Feedback) -> Vec<Cell> {
    vec![
        Cell::joined(&f.methods),
        Cell::new(f.cadence.unwrap_or_default()),
        Cell::new(f.owner.unwrap_or_default()),
    ]
}
