//! The plan sections: `actions`, `milestones`, `resources`.

use jiff::civil::Date;
use serde::Serialize;

use crate::analysis::{self, amount};
use crate::map::model::{Map, Status};
use crate::views::render::{Block, Cell, Column, Section, Table};

use super::{Glyphs, section};

/// An action of the plan, with whether it is overdue.
#[derive(Debug, Clone, Serialize)]
pub struct ActionRow<'a> {
    pub id: &'a str,
    /// `initiative`, `pilot` or `improvement`.
    pub kind: &'static str,
    pub title: &'a str,
    pub owner: Option<&'a str>,
    pub start: Option<&'a str>,
    pub due: Option<&'a str>,
    pub status: Option<&'static str>,
    /// Due before today and neither done nor dropped.
    pub overdue: bool,
    pub addresses: Vec<&'a str>,
    pub scope: Option<&'a str>,
    pub success_criteria: Vec<&'a str>,
}

/// Every action (initiatives, pilots, improvements), in file order.
pub fn actions<'a>(map: &'a Map<'a>, today: Date) -> Vec<ActionRow<'a>> {
    analysis::actions(map)
        .map(|(kind, a)| ActionRow {
            id: a.id,
            kind,
            title: a.title,
            owner: a.owner,
            start: a.start,
            due: a.due,
            status: a.status.map(status),
            overdue: analysis::is_overdue(a, today),
            addresses: a.addresses.clone(),
            scope: a.scope,
            success_criteria: a.success_criteria.clone(),
        })
        .collect()
}

pub fn status(status: Status) -> &'static str {
    match status {
        Status::Planned => "planned",
        Status::InProgress => "in-progress",
        Status::Done => "done",
        Status::Dropped => "dropped",
    }
}

/// The columns of an action table, with `leading` (the map, across maps)
/// after the id.
pub fn action_columns(leading: Vec<Column>, g: &Glyphs) -> Vec<Column> {
    let mut columns = leading;
    columns.extend([
        Column::new("Id"),
        Column::reading("Action"),
        Column::csv("Title"),
        Column::csv("Kind"),
        Column::new("Owner"),
        Column::reading(format!("Start {} due", g.arrow)),
        Column::csv("Start"),
        Column::csv("Due"),
        Column::new("Status"),
        Column::csv("Overdue"),
        Column::new("Addresses"),
    ]);
    columns
}

/// One action's cells, in [`action_columns`] order.
pub fn action_cells(row: &ActionRow, g: &Glyphs) -> Vec<Cell> {
    // `2026-11-01 → 2026-12-15`, the due date marked when overdue.
    let due = match (row.due, row.overdue) {
        (Some(due), true) => format!("{due} (overdue)"),
        (Some(due), false) => due.to_owned(),
        (None, _) => String::new(),
    };
    let when = match (row.start, due.is_empty()) {
        (Some(start), true) => format!("{start} {}", g.arrow),
        (Some(start), false) => format!("{start} {} {due}", g.arrow),
        (None, true) => String::new(),
        (None, false) => format!("{} {due}", g.arrow),
    };
    vec![
        Cell::new(row.id),
        Cell::new(format!("{} ({})", row.title, row.kind)),
        Cell::new(row.title),
        Cell::new(row.kind),
        Cell::new(row.owner.unwrap_or_default()),
        Cell::new(when),
        Cell::new(row.start.unwrap_or_default()),
        Cell::new(row.due.unwrap_or_default()),
        Cell::new(row.status.unwrap_or_default()),
        Cell::new(row.overdue.to_string()),
        Cell::joined(&row.addresses),
    ]
}

/// `2 actions are overdue on 2026-12-10.`; `None` when none is.
pub fn overdue_note(rows: &[ActionRow], today: Date) -> Option<String> {
    let overdue = rows.iter().filter(|row| row.overdue).count();
    let noun = if overdue == 1 {
        "action is"
    } else {
        "actions are"
    };
    (overdue > 0).then(|| format!("{overdue} {noun} overdue on {today}."))
}

pub(super) fn actions_section(rows: &[ActionRow], today: Date, g: &Glyphs) -> Section {
    let mut table = Table::with_columns(action_columns(Vec::new(), g)).or_say("No actions.");
    for row in rows {
        table.push_cells(action_cells(row, g));
    }
    let mut blocks = vec![Block::Table(table)];
    if let Some(note) = overdue_note(rows, today) {
        blocks.push(Block::Text(note));
    }
    section("actions", "Actions", blocks)
}

// ---------------------------------------------------------------------------
// Milestones

pub(super) fn milestones_section(map: &Map) -> Section {
    let mut table = Table::new(&["Date", "Milestone", "Delivers"]).or_say("No milestones.");
    for m in analysis::milestones_by_date(map) {
        table.push_cells(vec![
            Cell::new(m.date),
            Cell::new(m.name),
            Cell::joined(&m.delivers),
        ]);
    }
    section("milestones", "Milestones", vec![Block::Table(table)])
}

// ---------------------------------------------------------------------------
// Resources

pub(super) fn resources_section(map: &Map) -> Section {
    let mut table = Table::with_columns(vec![
        Column::new("Action"),
        Column::new("People"),
        Column::new("Roles"),
        Column::new("Budget"),
        Column::csv("Currency"),
    ])
    .or_say("No resources.");
    for r in &map.action_plan.resources {
        let budget = match (r.budget, &r.currency) {
            (Some(budget), Some(currency)) => {
                Cell::with_plain(format!("{} {currency}", amount(budget)), budget.to_string())
            }
            (Some(budget), None) => Cell::with_plain(amount(budget), budget.to_string()),
            (None, _) => Cell::default(),
        };
        table.push_cells(vec![
            Cell::new(r.action),
            Cell::new(r.people.map_or(String::new(), people)),
            Cell::joined(&r.roles),
            budget,
            Cell::new(r.currency.unwrap_or_default()),
        ]);
    }
    let mut blocks = vec![Block::Table(table)];
    if let Some(totals) = totals(map) {
        blocks.push(Block::Text(totals));
    }
    section("resources", "Resources", blocks)
}

/// `Total: 9 people; 92,500 GBP.`; `None` when no resource has people or a budget.
fn totals(map: &Map) -> Option<String> {
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
    (!totals.is_empty()).then(|| format!("Total: {}.", totals.join("; ")))
}

/// People counts and budgets as plain numbers: `3`, `0.5`, `20000`.
fn people(x: f64) -> String {
    format!("{x}")
}
