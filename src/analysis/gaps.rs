//! The gap report on one map as data — what `gaps` shows in every format —
//! and the portfolio's total over several maps.
//!
//! # One map, several maps
//!
//! With one valid map (also when a directory holds one map, or when the
//! other maps given fail the schema), the report has the sections
//! `scorecard`, `coverage`, `unaddressed`, `ideas`, `plan-health` and
//! `findings`. With several, one section `portfolio`: a row per map, worst
//! first (score ascending, then path), and a total row that sums the counts
//! and gives the mean score rounded to the nearest integer, halves up.
//!
//! Ideas are ranked by priority `impact × (6 − effort)` (see
//! [`analysis::ranked_ideas`]); overdue actions are due before today and
//! neither done nor dropped ([`analysis::is_overdue`]).

use jiff::civil::Date;
use serde::Serialize;

use crate::analysis;
use crate::analysis::score::{
    Component, action_objects, components, findings_of, flagged, flagged_ids, idea_objects,
    mean_score, need_objects, pain_point_objects, within,
};
use crate::check::{FileReport, ValidMap};
use crate::diagnostic::Severity;
use crate::map::model::{Map, Status};
use crate::rules;

/// A map that passed the schema, with its findings.
pub type Checked = (ValidMap, FileReport);

/// One map's report (`maps[]` in the JSON).
#[derive(Debug, Clone, Serialize)]
pub struct MapReport {
    pub path: String,
    pub title: String,
    pub persona: String,
    pub score: u8,
    pub components: Vec<Component>,
    pub coverage: Vec<StageCoverage>,
    pub unaddressed: Vec<Unaddressed>,
    pub ideas: Vec<RankedIdea>,
    pub plan_health: PlanHealth,
    pub findings: Vec<RuleCount>,
    pub counts: Counts,
}

/// One row of the coverage matrix.
#[derive(Debug, Clone, Serialize)]
pub struct StageCoverage {
    pub stage: String,
    pub name: String,
    pub touchpoints: usize,
    /// The stage's own emotion, else the lowest of its touchpoints'.
    pub emotion: Option<u8>,
    /// Pain points anchored in the stage.
    pub pain_points: usize,
    pub metrics: usize,
    /// Ideas addressing a pain point or need of the stage.
    pub ideas: usize,
    /// Actions addressing a pain point or need of the stage, or one of those ideas.
    pub actions: usize,
    /// Rules with a finding on the stage or inside it, in catalogue order.
    pub findings: Vec<&'static str>,
}

/// A pain point or need that nothing addresses.
#[derive(Debug, Clone, Serialize)]
pub struct Unaddressed {
    /// `pain_point` or `unmet_need`.
    pub kind: &'static str,
    pub id: String,
    pub severity: Option<u8>,
    pub stage: Option<String>,
    pub description: String,
}

/// An idea in priority order.
#[derive(Debug, Clone, Serialize)]
pub struct RankedIdea {
    pub rank: Option<usize>,
    pub id: String,
    /// `innovation` or `efficiency`.
    pub kind: &'static str,
    pub description: String,
    pub impact: Option<u8>,
    pub effort: Option<u8>,
    pub priority: Option<u8>,
    pub addresses: Vec<String>,
    /// The actions that take the idea up, in file order.
    pub actions: Vec<String>,
}

/// Owners, dates, funding and lateness of the plan's actions.
#[derive(Debug, Clone, Serialize)]
pub struct PlanHealth {
    pub actions: usize,
    pub without_owner: Vec<String>,
    pub without_due_date: Vec<String>,
    pub unfunded: Vec<String>,
    pub overdue: Vec<Overdue>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Overdue {
    pub id: String,
    pub due: String,
    /// `planned`, `in-progress`, or `None` when the action has no status.
    pub status: Option<&'static str>,
}

/// How many findings a rule has at one severity.
#[derive(Debug, Clone, Serialize)]
pub struct RuleCount {
    pub rule: &'static str,
    pub severity: &'static str,
    pub count: usize,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub unaddressed_pain_points: usize,
    pub unaddressed_needs: usize,
    pub unplanned_ideas: usize,
    pub overdue_actions: usize,
}

/// Builds one map's report.
pub fn analyse(valid: &ValidMap, report: &FileReport, today: Date) -> MapReport {
    let map = &valid.map();
    let components = components(valid, report);
    let score = components.iter().map(|c| c.points).sum();
    let unaddressed = unaddressed(map, report);
    let ideas = ideas(map);
    let plan_health = plan_health(map, report, today);
    let counts = Counts {
        errors: report.count(Severity::Error),
        warnings: report.count(Severity::Warning),
        infos: report.count(Severity::Info),
        unaddressed_pain_points: unaddressed.iter().filter(|u| u.kind == PAIN_POINT).count(),
        unaddressed_needs: unaddressed.iter().filter(|u| u.kind == UNMET_NEED).count(),
        unplanned_ideas: flagged(report, "unplanned-opportunity", &idea_objects(map)).len(),
        overdue_actions: plan_health.overdue.len(),
    };
    MapReport {
        path: report.path.clone(),
        title: map.title.to_string(),
        persona: map.persona.name.to_string(),
        score,
        components,
        coverage: coverage(map, report),
        unaddressed,
        ideas,
        plan_health,
        findings: rule_counts(report),
        counts,
    }
}

const PAIN_POINT: &str = "pain_point";
const UNMET_NEED: &str = "unmet_need";

fn coverage(map: &Map, report: &FileReport) -> Vec<StageCoverage> {
    map.stages
        .iter()
        .enumerate()
        .map(|(i, stage)| {
            // What the stage's pain points and needs are, then who answers them.
            let targets: Vec<&str> = map
                .opportunities
                .pain_points
                .iter()
                .filter(|p| p.stage == stage.id)
                .map(|p| p.id)
                .chain(
                    map.opportunities
                        .unmet_needs
                        .iter()
                        .filter(|n| n.stage == Some(stage.id))
                        .map(|n| n.id),
                )
                .collect();
            let answers = |addresses: &[&str], also: &[&str]| {
                addresses
                    .iter()
                    .any(|a| targets.contains(a) || also.contains(a))
            };
            let ideas: Vec<&str> = analysis::ideas(map)
                .filter(|(_, idea)| answers(&idea.addresses, &[]))
                .map(|(_, idea)| idea.id)
                .collect();
            let actions = analysis::actions(map)
                .filter(|(_, action)| answers(&action.addresses, &ideas))
                .count();
            let own = stage.emotion;
            let lowest = stage.touchpoints.iter().filter_map(|t| t.emotion).min();
            let pointer = format!("/stages/{i}");
            let findings: Vec<&'static str> = rules::RULES
                .iter()
                .map(|rule| rule.id)
                .filter(|rule| findings_of(report, rule).any(|d| within(&d.pointer, &pointer)))
                .collect();
            StageCoverage {
                stage: stage.id.to_string(),
                name: stage.name.to_string(),
                touchpoints: stage.touchpoints.len(),
                emotion: own.or(lowest),
                pain_points: map
                    .opportunities
                    .pain_points
                    .iter()
                    .filter(|p| p.stage == stage.id)
                    .count(),
                metrics: stage.metrics.len(),
                ideas: ideas.len(),
                actions,
                findings,
            }
        })
        .collect()
}

/// Pain points and needs with an `unaddressed-*` finding: most severe first
/// (needs have no severity), pain points before needs, then by id.
fn unaddressed(map: &Map, report: &FileReport) -> Vec<Unaddressed> {
    let pains = pain_point_objects(map);
    let open: Vec<String> = flagged_ids(report, "unaddressed-pain-point", &pains);
    let mut list: Vec<Unaddressed> = map
        .opportunities
        .pain_points
        .iter()
        .filter(|p| open.iter().any(|id| id == p.id))
        .map(|p| Unaddressed {
            kind: PAIN_POINT,
            id: p.id.to_string(),
            severity: p.severity,
            stage: Some(p.stage.to_string()),
            description: p.description.to_string(),
        })
        .collect();
    let needs = need_objects(map);
    let open: Vec<String> = flagged_ids(report, "unaddressed-need", &needs);
    list.extend(
        map.opportunities
            .unmet_needs
            .iter()
            .filter(|n| open.iter().any(|id| id == n.id))
            .map(|n| Unaddressed {
                kind: UNMET_NEED,
                id: n.id.to_string(),
                severity: None,
                stage: n.stage.map(str::to_owned),
                description: n.description.to_string(),
            }),
    );
    // A stable sort: a duplicated id keeps file order.
    list.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| (a.kind == UNMET_NEED).cmp(&(b.kind == UNMET_NEED)))
            .then_with(|| a.id.cmp(&b.id))
    });
    list
}

fn ideas(map: &Map) -> Vec<RankedIdea> {
    analysis::ranked_ideas(map)
        .into_iter()
        .map(|ranked| RankedIdea {
            rank: ranked.rank,
            id: ranked.idea.id.to_string(),
            kind: ranked.kind,
            description: ranked.idea.description.to_string(),
            impact: ranked.idea.impact,
            effort: ranked.idea.effort,
            priority: ranked.priority,
            addresses: ranked
                .idea
                .addresses
                .iter()
                .map(|a| a.to_string())
                .collect(),
            actions: analysis::actions_addressing(map, ranked.idea.id)
                .into_iter()
                .map(|a| a.id.to_owned())
                .collect(),
        })
        .collect()
}

fn plan_health(map: &Map, report: &FileReport, today: Date) -> PlanHealth {
    let actions = action_objects(map);
    let overdue = analysis::actions(map)
        .filter(|(_, action)| analysis::is_overdue(action, today))
        .map(|(_, action)| Overdue {
            id: action.id.to_string(),
            due: action.due.unwrap_or_default().to_string(),
            status: action.status.map(status),
        })
        .collect();
    PlanHealth {
        actions: actions.len(),
        without_owner: flagged_ids(report, "missing-owner", &actions),
        without_due_date: flagged_ids(report, "missing-due-date", &actions),
        unfunded: flagged_ids(report, "unfunded-action", &actions),
        overdue,
    }
}

fn status(status: Status) -> &'static str {
    match status {
        Status::Planned => "planned",
        Status::InProgress => "in-progress",
        Status::Done => "done",
        Status::Dropped => "dropped",
    }
}

/// Findings per rule and severity: most severe first, then catalogue order.
fn rule_counts(report: &FileReport) -> Vec<RuleCount> {
    let order = |rule: &str| {
        rules::RULES
            .iter()
            .position(|r| r.id == rule)
            .unwrap_or(usize::MAX)
    };
    let mut keys: Vec<(Severity, &'static str)> = report
        .diagnostics
        .iter()
        .map(|d| (d.severity, d.rule))
        .collect();
    keys.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| order(a.1).cmp(&order(b.1)))
            .then_with(|| a.1.cmp(b.1))
    });
    let mut counts: Vec<RuleCount> = Vec::new();
    for (severity, rule) in keys {
        match counts.last_mut() {
            Some(last) if last.rule == rule && last.severity == severity.as_str() => {
                last.count += 1;
            }
            _ => counts.push(RuleCount {
                rule,
                severity: severity.as_str(),
                count: 1,
            }),
        }
    }
    counts
}

/// The reports, worst first: score ascending, then path.
pub fn reports(maps: &[Checked], today: Date) -> Vec<MapReport> {
    let mut reports: Vec<MapReport> = maps
        .iter()
        .map(|(map, report)| analyse(map, report, today))
        .collect();
    reports.sort_by(|a, b| a.score.cmp(&b.score).then_with(|| a.path.cmp(&b.path)));
    reports
}

/// The total row of the portfolio (`summary` in the JSON).
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Summary {
    pub maps: usize,
    /// The mean score, rounded to the nearest integer, halves up; 0 for no maps.
    pub mean_score: u8,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub unaddressed_pain_points: usize,
    pub unaddressed_needs: usize,
    pub unplanned_ideas: usize,
    pub overdue_actions: usize,
}

pub fn summary(reports: &[MapReport]) -> Summary {
    let scores: Vec<u8> = reports.iter().map(|r| r.score).collect();
    let sum = |f: fn(&Counts) -> usize| reports.iter().map(|r| f(&r.counts)).sum();
    Summary {
        maps: reports.len(),
        mean_score: mean_score(&scores),
        errors: sum(|c| c.errors),
        warnings: sum(|c| c.warnings),
        infos: sum(|c| c.infos),
        unaddressed_pain_points: sum(|c| c.unaddressed_pain_points),
        unaddressed_needs: sum(|c| c.unaddressed_needs),
        unplanned_ideas: sum(|c| c.unplanned_ideas),
        overdue_actions: sum(|c| c.overdue_actions),
    }
}
