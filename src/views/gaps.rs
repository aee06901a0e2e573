//! `journeymap gaps`: the analyst's gap report as a [`View`] and as JSON.
//!
//! The numbers come from [`crate::analysis::score`] (the completeness score)
//! and [`crate::analysis::gaps`] (the report on each map, the portfolio's
//! total); this file decides how they look.

use jiff::civil::Date;
use serde::Serialize;

use crate::analysis::gaps::{Checked, MapReport, Summary, reports, summary};
use crate::rules;
use crate::views::render::{Block, Section, Table, View};

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

/// One map: the scorecard report; several: one row per map, worst first.
pub fn view(maps: &[Checked], today: Date) -> View {
    let reports = reports(maps, today);
    match reports.as_slice() {
        [] => View::default(),
        [one] => single(one, today),
        several => View {
            sections: vec![portfolio(several)],
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
    table.push(vec![
        "score".to_owned(),
        report.score.to_string(),
        "100".to_owned(),
        NONE.to_owned(),
        "the sum of the points above".to_owned(),
    ]);
    let intro = format!(
        "{} · {} · persona: {} · completeness {}/100",
        report.title, report.path, report.persona, report.score
    );
    section(
        "scorecard",
        "Scorecard",
        vec![Block::Text(intro), Block::Table(table)],
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

fn portfolio(reports: &[MapReport]) -> Section {
    let mut table = Table::new(&[
        "path",
        "title",
        "persona",
        "score",
        "errors",
        "warnings",
        "unaddressed pain points",
        "unplanned ideas",
        "overdue actions",
    ]);
    for r in reports {
        table.push(vec![
            r.path.clone(),
            r.title.clone(),
            r.persona.clone(),
            r.score.to_string(),
            r.counts.errors.to_string(),
            r.counts.warnings.to_string(),
            r.counts.unaddressed_pain_points.to_string(),
            r.counts.unplanned_ideas.to_string(),
            r.counts.overdue_actions.to_string(),
        ]);
    }
    let total = summary(reports);
    table.push(vec![
        format!("total ({} maps)", total.maps),
        String::new(),
        String::new(),
        total.mean_score.to_string(),
        total.errors.to_string(),
        total.warnings.to_string(),
        total.unaddressed_pain_points.to_string(),
        total.unplanned_ideas.to_string(),
        total.overdue_actions.to_string(),
    ]);
    let note = "Worst first (score, then path). Unplanned ideas: no action takes them up; \
                overdue actions: due before today, not done or dropped. Total: the counts \
                summed; its score is the mean, rounded half up.";
    section(
        PORTFOLIO,
        "Portfolio",
        vec![Block::Text(note.to_owned()), Block::Table(table)],
    )
}

// ---------------------------------------------------------------------------
// JSON.

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    today: String,
    summary: Summary,
    maps: &'a [MapReport],
}

/// The report as `gaps --format json` prints it: pretty, with a final newline.
///
/// `{ "version": 1, "today", "summary": {…}, "maps": [ {…} ] }`; the maps in
/// portfolio order (worst first), each shaped as [`MapReport`].
pub fn json(maps: &[Checked], today: Date) -> String {
    let reports = reports(maps, today);
    let document = Document {
        version: 1,
        today: today.to_string(),
        summary: summary(&reports),
        maps: &reports,
    };
    let mut text = serde_json::to_string_pretty(&document)
        .unwrap_or_else(|error| format!("{{\"error\": \"cannot write JSON: {error}\"}}"));
    text.push('\n');
    text
}
