//! The `plan` section: actions, milestones, resources.

use jiff::civil::Date;

use crate::analysis::{self, amount};
use crate::map::model::{Map, Status};
use crate::views::render::{Block, Section, Table};

use super::{Glyphs, people, section, table_or};

pub(super) fn plan(map: &Map, today: Date, g: &Glyphs) -> Section {
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

pub(super) fn status(status: Status) -> &'static str {
    match status {
        Status::Planned => "planned",
        Status::InProgress => "in-progress",
        Status::Done => "done",
        Status::Dropped => "dropped",
    }
}
