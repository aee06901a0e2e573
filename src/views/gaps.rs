//! `journeymap gaps`: the analyst's gap report as a [`View`] and as JSON.
//!
//! The numbers come from [`crate::analysis::score`] (the completeness score)
//! and [`crate::analysis::gaps`] (the report on each map, the portfolio's
//! total); this file decides how they look.

use jiff::civil::Date;
use serde::Serialize;

use crate::analysis::gaps::{Entry, InvalidReport, MapReport, Portfolio, Standing, Summary};
use crate::analysis::score::MAX_WITH_ERRORS;
use crate::check::StopReason;
use crate::report::plural;
use crate::rules;
use crate::views::render::{Block, Cell, Column, Section, Table, View};

/// What `--section` selects for one map, in report order.
pub const SECTIONS: [&str; 6] = [
    "scorecard",
    "coverage",
    "unaddressed",
    "ideas",
    "plan-health",
    "findings",
];

/// The one section of a report on several maps.
pub const PORTFOLIO: &str = "portfolio";

/// "None" in a table cell.
const NONE: &str = "—";

// ---------------------------------------------------------------------------
// Views.

/// One map: the scorecard report (only a scorecard saying why for a map
/// that fails YAML or the schema); several: one row per map, worst first.
pub fn view(portfolio: &Portfolio, today: Date) -> View {
    match portfolio.entries.as_slice() {
        [] => View::default(),
        [Entry::Valid(one)] => single(one, today),
        [Entry::Invalid(one)] => View {
            sections: vec![invalid_scorecard(one)],
        },
        several => View {
            sections: vec![portfolio_section(several, &portfolio.summary)],
        },
    }
}

fn cell<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(|| NONE.to_owned(), |v| v.to_string())
}

fn list_cell(items: &[impl AsRef<str>]) -> String {
    if items.is_empty() {
        NONE.to_owned()
    } else {
        let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
        items.join("\n")
    }
}

fn section(id: &'static str, title: impl Into<String>, blocks: Vec<Block>) -> Section {
    Section {
        id,
        title: title.into(),
        blocks,
    }
}

fn single(report: &MapReport, today: Date) -> View {
    View {
        sections: vec![
            scorecard(report),
            coverage_section(report),
            unaddressed_section(report),
            ideas_section(report),
            plan_health_section(report, today),
            findings_section(report),
        ],
    }
}

fn scorecard(report: &MapReport) -> Section {
    let mut table = Table::new(&["component", "points", "max", "rule", "note"]);
    for c in &report.components {
        table.push(vec![
            c.id.to_owned(),
            c.points.to_string(),
            c.max.to_string(),
            c.rule.to_owned(),
            c.note.clone(),
        ]);
    }
    let error_rules = report.error_rules();
    let errors = plural(report.counts.errors, "error");
    if report.status == Standing::Errors {
        table.push(vec![
            "errors".to_owned(),
            NONE.to_owned(),
            NONE.to_owned(),
            error_rules.join(", "),
            format!("{errors}: a map with errors is not complete"),
        ]);
    }
    let points = report.points();
    let how = if points > report.score {
        format!(
            "the sum of the points above ({points}), capped at {MAX_WITH_ERRORS}: the map has errors"
        )
    } else {
        "the sum of the points above".to_owned()
    };
    table.push(vec![
        "score".to_owned(),
        report.score.to_string(),
        "100".to_owned(),
        NONE.to_owned(),
        how,
    ]);
    let intro = format!(
        "{} · {} · persona: {} · completeness {}/100",
        report.title, report.path, report.persona, report.score
    );
    let mut blocks = vec![Block::Text(intro)];
    if report.status == Standing::Errors {
        blocks.push(Block::Text(format!(
            "{errors} ({}): a map with errors is not complete. It scores at most \
             {MAX_WITH_ERRORS}, ranks below every map without errors and fails \
             `--fail-under`; `journeymap check {}` lists them.",
            error_rules.join(", "),
            report.path
        )));
    }
    blocks.push(Block::Table(table));
    section("scorecard", "Scorecard", blocks)
}

/// The scorecard of a map that fails YAML or the schema: why nothing in it
/// can be scored.
fn invalid_scorecard(report: &InvalidReport) -> Section {
    let problem = report.stopped_by.problem();
    let intro = format!("{} · invalid · completeness 0/100", report.path);
    let why = format!(
        "{} {problem} ({}, on standard error; `journeymap check {}` lists them too). \
         {} did not run, so nothing in the map can be scored: it counts as 0 until \
         the errors are fixed.",
        report.path,
        plural(report.counts.errors, "error"),
        report.path,
        plural(report.rules_not_run, "later rule"),
    );
    let mut table = Table::new(&["component", "points", "max", "rule", "note"]);
    table.push(vec![
        "score".to_owned(),
        "0".to_owned(),
        "100".to_owned(),
        report.stopped_by.rule().to_owned(),
        format!("invalid: the map {problem}"),
    ]);
    section(
        "scorecard",
        "Scorecard",
        vec![Block::Text(intro), Block::Text(why), Block::Table(table)],
    )
}

fn coverage_section(report: &MapReport) -> Section {
    let mut table = Table::new(&[
        "stage",
        "touchpoints",
        "emotion",
        "pain points",
        "metrics",
        "ideas",
        "actions",
        "findings",
    ]);
    for row in &report.coverage {
        table.push(vec![
            row.stage.clone(),
            row.touchpoints.to_string(),
            cell(row.emotion),
            row.pain_points.to_string(),
            row.metrics.to_string(),
            row.ideas.to_string(),
            row.actions.to_string(),
            if row.findings.is_empty() {
                NONE.to_owned()
            } else {
                row.findings.join("\n")
            },
        ]);
    }
    let note = "Counts per stage. Emotion: the stage's own score, else its touchpoints' lowest. \
                Ideas and actions: those addressing a pain point or need of the stage \
                (actions also through the ideas they take up).";
    section(
        "coverage",
        "Coverage by stage",
        vec![Block::Text(note.to_owned()), Block::Table(table)],
    )
}

fn unaddressed_section(report: &MapReport) -> Section {
    let mut table = Table::new(&["severity", "kind", "id", "stage", "description"]);
    for gap in &report.unaddressed {
        table.push(vec![
            cell(gap.severity),
            gap.kind.replace('_', " "),
            gap.id.clone(),
            cell(gap.stage.as_deref()),
            gap.description.clone(),
        ]);
    }
    let mut blocks = Vec::new();
    if report.unaddressed.is_empty() {
        blocks.push(Block::Text(
            "Every pain point and unmet need is addressed by an idea or an action.".to_owned(),
        ));
    }
    blocks.push(Block::Table(table));
    section("unaddressed", "Unaddressed pain points and needs", blocks)
}

fn ideas_section(report: &MapReport) -> Section {
    let mut table = Table::new(&[
        "rank",
        "idea",
        "impact",
        "effort",
        "priority",
        "addresses",
        "taken up by",
    ]);
    for idea in &report.ideas {
        table.push(vec![
            cell(idea.rank),
            idea.id.clone(),
            cell(idea.impact),
            cell(idea.effort),
            cell(idea.priority),
            list_cell(&idea.addresses),
            list_cell(&idea.actions),
        ]);
    }
    let note = if report.ideas.is_empty() {
        "No ideas (innovations or efficiencies) yet."
    } else {
        "Priority = impact × (6 − effort), highest first; ties by id; unscored ideas last."
    };
    section(
        "ideas",
        "Ideas by priority",
        vec![Block::Text(note.to_owned()), Block::Table(table)],
    )
}

fn plan_health_section(report: &MapReport, today: Date) -> Section {
    let health = &report.plan_health;
    let mut table = Table::new(&["check", "rule", "count", "actions"]);
    let mut row = |check: &str, rule: &str, ids: Vec<String>| {
        table.push(vec![
            check.to_owned(),
            rule.to_owned(),
            ids.len().to_string(),
            list_cell(&ids),
        ]);
    };
    row("no owner", "missing-owner", health.without_owner.clone());
    row(
        "no due date",
        "missing-due-date",
        health.without_due_date.clone(),
    );
    row("unfunded", "unfunded-action", health.unfunded.clone());
    row(
        "overdue",
        NONE,
        health
            .overdue
            .iter()
            .map(|o| format!("{} (due {})", o.id, o.due))
            .collect(),
    );
    let note = format!(
        "{} {} in the plan. Overdue: due before {today} and neither done nor dropped.",
        health.actions,
        if health.actions == 1 {
            "action"
        } else {
            "actions"
        }
    );
    section(
        "plan-health",
        "Plan health",
        vec![Block::Text(note), Block::Table(table)],
    )
}

fn findings_section(report: &MapReport) -> Section {
    let mut table = Table::new(&["rule", "severity", "count", "summary"]);
    for count in &report.findings {
        table.push(vec![
            count.rule.to_owned(),
            count.severity.to_owned(),
            count.count.to_string(),
            rules::find(count.rule).map_or(String::new(), |r| r.summary.to_owned()),
        ]);
    }
    let mut blocks = Vec::new();
    if report.findings.is_empty() {
        blocks.push(Block::Text(
            "No findings: the map passes every rule.".to_owned(),
        ));
    } else {
        blocks.push(Block::Text(
            "`journeymap check` lists each finding with its line.".to_owned(),
        ));
    }
    blocks.push(Block::Table(table));
    section("findings", "Findings by rule", blocks)
}

/// The path cell: the path, and for reading a second line when the map is
/// not `ok` (`invalid: fails the schema`, `has errors`); CSV has the path
/// alone and the status in a column of its own.
fn path_cell(entry: &Entry) -> Cell {
    let path = entry.path();
    match entry {
        Entry::Invalid(report) => {
            let why = match report.stopped_by {
                StopReason::NotYaml => "not valid YAML",
                StopReason::SchemaFailed => "fails the schema",
            };
            Cell::with_plain(format!("{path}\ninvalid: {why}"), path)
        }
        Entry::Valid(report) if report.status == Standing::Errors => {
            Cell::with_plain(format!("{path}\nhas errors"), path)
        }
        Entry::Valid(_) => Cell::new(path),
    }
}

fn portfolio_section(entries: &[Entry], total: &Summary) -> Section {
    let mut table = Table::with_columns(
        [
            Column::new("path"),
            Column::csv("status"),
            Column::new("title"),
            Column::new("persona"),
            Column::new("score"),
            Column::new("errors"),
            Column::new("warnings"),
            Column::new("unaddressed pain points"),
            Column::new("unplanned ideas"),
            Column::new("overdue actions"),
        ]
        .into(),
    );
    for entry in entries {
        let (title, persona) = match entry {
            Entry::Valid(report) => (report.title.clone(), report.persona.clone()),
            Entry::Invalid(_) => (NONE.to_owned(), NONE.to_owned()),
        };
        let counts = entry.counts();
        table.push_cells(vec![
            path_cell(entry),
            Cell::new(entry.standing().as_str()),
            Cell::new(title),
            Cell::new(persona),
            Cell::new(entry.score().to_string()),
            Cell::new(counts.errors.to_string()),
            Cell::new(counts.warnings.to_string()),
            Cell::new(cell(counts.unaddressed_pain_points)),
            Cell::new(cell(counts.unplanned_ideas)),
            Cell::new(cell(counts.overdue_actions)),
        ]);
    }
    let mut standing = Vec::new();
    if total.invalid > 0 {
        standing.push(format!("{} invalid", total.invalid));
    }
    if total.with_errors > 0 {
        standing.push(format!("{} with errors", total.with_errors));
    }
    let standing = standing.join(", ");
    let label = format!("total ({} maps)", total.maps);
    let total_cell = if standing.is_empty() {
        Cell::new(label)
    } else {
        Cell::with_plain(format!("{label}\n{standing}"), label)
    };
    table.push_cells(vec![
        total_cell,
        Cell::new(standing),
        Cell::default(),
        Cell::default(),
        Cell::new(total.mean_score.to_string()),
        Cell::new(total.errors.to_string()),
        Cell::new(total.warnings.to_string()),
        Cell::new(total.unaddressed_pain_points.to_string()),
        Cell::new(total.unplanned_ideas.to_string()),
        Cell::new(total.overdue_actions.to_string()),
    ]);
    let note = format!(
        "Worst first: invalid maps (failing YAML or the schema: scored 0, their errors on \
         standard error), then maps with errors (at most {MAX_WITH_ERRORS}), then by score \
         and path. Unplanned ideas: no action takes them up; overdue actions: due before \
         today, not done or dropped. Total: the counts summed; its score is the mean, \
         rounded half up."
    );
    section(
        PORTFOLIO,
        "Portfolio",
        vec![Block::Text(note), Block::Table(table)],
    )
}

// ---------------------------------------------------------------------------
// JSON.

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    today: String,
    summary: Summary,
    maps: &'a [Entry],
}

/// The report as `gaps --format json` prints it: pretty, with a final newline.
///
/// `{ "version": 1, "today", "summary": {…}, "maps": [ {…} ] }`; the maps in
/// portfolio order (worst first), each shaped as [`MapReport`] or, for a map
/// that fails YAML or the schema, [`InvalidReport`] (`status: "invalid"`).
pub fn json(portfolio: &Portfolio, today: Date) -> String {
    let document = Document {
        version: 1,
        today: today.to_string(),
        summary: portfolio.summary,
        maps: &portfolio.entries,
    };
    let mut text = serde_json::to_string_pretty(&document)
        .unwrap_or_else(|error| format!("{{\"error\": \"cannot write JSON: {error}\"}}"));
    text.push('\n');
    text
}
