//! The gap report on one map as data — what `gaps` shows in every format —
//! and the portfolio over several maps.
//!
//! # One map, several maps
//!
//! With one map (also when a directory holds one map), the report has the
//! sections `scorecard`, `coverage`, `unaddressed`, `ideas`, `plan-health`
//! and `findings`; a map that fails YAML or the schema alone gets only a
//! scorecard saying so. With several, one section `portfolio`: a row per
//! map, worst first, and a total row that sums the counts and gives the mean
//! score rounded to the nearest integer, halves up.
//!
//! # Nothing hidden
//!
//! A map that fails YAML or the schema is a row too ([`InvalidReport`],
//! built from [`InvalidMap`]): marked invalid, with its error count, scored
//! 0 (nothing in it could be measured, and the mean counts it so), counted
//! in the total. The rank is by [`Standing`] first — invalid maps, then maps
//! with error findings, then the others — then by score ascending, then by
//! path. `--fail-under N` fails when any map scores below N, has an error
//! finding, or is invalid ([`Portfolio::fails_under`]).
//!
//! Ideas are ranked by priority `impact × (6 − effort)` (see
//! [`analysis::ranked_ideas`]); overdue actions are due before today and
//! neither done nor dropped ([`analysis::is_overdue`]).

use jiff::civil::Date;
use serde::Serialize;

use crate::analysis;
use crate::analysis::score::{
    Component, action_objects, components, findings_of, flagged, flagged_ids, idea_objects,
    mean_score, need_objects, pain_point_objects, total, within,
};
use crate::check::{FileReport, InvalidMap, StopReason, ValidMap};
use crate::diagnostic::Severity;
use crate::map::model::{Map, Status};
use crate::rules;

/// A map that passed the schema, with its findings.
pub type Checked = (ValidMap, FileReport);

/// How a map stands in a portfolio, worst first: the order maps rank in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Standing {
    /// Fails YAML or the schema: nothing in it could be measured.
    Invalid,
    /// Passes the schema but has an error finding: not complete, whatever
    /// its score (at most [`crate::analysis::score::MAX_WITH_ERRORS`]).
    Errors,
    /// No error finding.
    Ok,
}

impl Standing {
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Invalid => "invalid",
            Standing::Errors => "errors",
            Standing::Ok => "ok",
        }
    }
}

/// One valid map's report (`maps[]` in the JSON).
#[derive(Debug, Clone, Serialize)]
pub struct MapReport {
    pub path: String,
    /// `ok` or `errors`.
    pub status: Standing,
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

/// A map's findings by severity and its gaps. The gaps are `None` (`null`)
/// for an invalid map, where nothing could be measured.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub unaddressed_pain_points: Option<usize>,
    pub unaddressed_needs: Option<usize>,
    pub unplanned_ideas: Option<usize>,
    pub overdue_actions: Option<usize>,
}

impl MapReport {
    /// The rules with error findings, in the order of [`MapReport::findings`].
    pub fn error_rules(&self) -> Vec<&'static str> {
        self.findings
            .iter()
            .filter(|count| count.severity == Severity::Error.as_str())
            .map(|count| count.rule)
            .collect()
    }

    /// The components' points before the cap for errors.
    pub fn points(&self) -> u8 {
        self.components.iter().map(|c| c.points).sum()
    }
}

/// A map that fails YAML or the schema, as `gaps` reports it (`maps[]` in
/// the JSON, with `status: "invalid"`).
#[derive(Debug, Clone, Serialize)]
pub struct InvalidReport {
    pub path: String,
    /// Always `invalid`.
    pub status: Standing,
    /// Always 0: nothing in the map could be measured.
    pub score: u8,
    /// `yaml-syntax` or `schema`.
    pub stopped_by: StopReason,
    /// How many rules did not run on it.
    pub rules_not_run: usize,
    pub counts: Counts,
}

impl InvalidReport {
    pub fn new(map: &InvalidMap) -> InvalidReport {
        InvalidReport {
            path: map.path.clone(),
            status: Standing::Invalid,
            score: 0,
            stopped_by: map.reason,
            rules_not_run: map.rules_not_run,
            counts: Counts {
                errors: map.errors,
                warnings: map.warnings,
                infos: map.infos,
                ..Counts::default()
            },
        }
    }
}

/// A row of the portfolio: a map reported in full, or one that could not be.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Entry {
    Valid(Box<MapReport>),
    Invalid(InvalidReport),
}

impl Entry {
    pub fn path(&self) -> &str {
        match self {
            Entry::Valid(report) => &report.path,
            Entry::Invalid(report) => &report.path,
        }
    }

    pub fn standing(&self) -> Standing {
        match self {
            Entry::Valid(report) => report.status,
            Entry::Invalid(report) => report.status,
        }
    }

    pub fn score(&self) -> u8 {
        match self {
            Entry::Valid(report) => report.score,
            Entry::Invalid(report) => report.score,
        }
    }

    pub fn counts(&self) -> &Counts {
        match self {
            Entry::Valid(report) => &report.counts,
            Entry::Invalid(report) => &report.counts,
        }
    }
}

/// Builds one map's report.
pub fn analyse(valid: &ValidMap, report: &FileReport, today: Date) -> MapReport {
    let map = &valid.map();
    let components = components(valid, report);
    let errors = report.count(Severity::Error);
    let score = total(&components, errors);
    let unaddressed = unaddressed(map, report);
    let ideas = ideas(map);
    let plan_health = plan_health(map, report, today);
    let counts = Counts {
        errors,
        warnings: report.count(Severity::Warning),
        infos: report.count(Severity::Info),
        unaddressed_pain_points: Some(unaddressed.iter().filter(|u| u.kind == PAIN_POINT).count()),
        unaddressed_needs: Some(unaddressed.iter().filter(|u| u.kind == UNMET_NEED).count()),
        unplanned_ideas: Some(flagged(report, "unplanned-opportunity", &idea_objects(map)).len()),
        overdue_actions: Some(plan_health.overdue.len()),
    };
    MapReport {
        path: report.path.clone(),
        status: if errors > 0 {
            Standing::Errors
        } else {
            Standing::Ok
        },
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
            status: action.status.map(Status::as_str),
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

/// Every map given, reported: valid maps in full, invalid ones as rows.
#[derive(Debug, Clone)]
pub struct Portfolio {
    /// Worst first: by [`Standing`], then score ascending, then path.
    pub entries: Vec<Entry>,
    pub summary: Summary,
}

impl Portfolio {
    pub fn new(maps: &[Checked], invalid: &[InvalidMap], today: Date) -> Portfolio {
        let mut entries: Vec<Entry> = maps
            .iter()
            .map(|(map, report)| Entry::Valid(Box::new(analyse(map, report, today))))
            .chain(
                invalid
                    .iter()
                    .map(|map| Entry::Invalid(InvalidReport::new(map))),
            )
            .collect();
        entries.sort_by(|a, b| {
            (a.standing(), a.score())
                .cmp(&(b.standing(), b.score()))
                .then_with(|| a.path().cmp(b.path()))
        });
        let summary = summary(&entries);
        Portfolio { entries, summary }
    }

    /// Whether `--fail-under threshold` fails: a map scores below it, has
    /// an error finding, or could not be read at all.
    pub fn fails_under(&self, threshold: u8) -> bool {
        self.entries
            .iter()
            .any(|entry| entry.standing() != Standing::Ok || entry.score() < threshold)
    }
}

/// The total row of the portfolio (`summary` in the JSON).
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Summary {
    /// Every map, invalid ones included.
    pub maps: usize,
    /// Maps that fail YAML or the schema.
    pub invalid: usize,
    /// Maps that pass the schema but have error findings.
    pub with_errors: usize,
    /// The mean score, rounded to the nearest integer, halves up; an
    /// invalid map counts as 0; 0 for no maps.
    pub mean_score: u8,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// The gaps of the valid maps (invalid ones have none measured).
    pub unaddressed_pain_points: usize,
    pub unaddressed_needs: usize,
    pub unplanned_ideas: usize,
    pub overdue_actions: usize,
}

fn summary(entries: &[Entry]) -> Summary {
    let scores: Vec<u8> = entries.iter().map(Entry::score).collect();
    let count = |f: fn(&Counts) -> usize| entries.iter().map(|e| f(e.counts())).sum();
    let gap = |f: fn(&Counts) -> Option<usize>| {
        entries.iter().filter_map(|e| f(e.counts())).sum::<usize>()
    };
    let standing = |s: Standing| entries.iter().filter(|e| e.standing() == s).count();
    Summary {
        maps: entries.len(),
        invalid: standing(Standing::Invalid),
        with_errors: standing(Standing::Errors),
        mean_score: mean_score(&scores),
        errors: count(|c| c.errors),
        warnings: count(|c| c.warnings),
        infos: count(|c| c.infos),
        unaddressed_pain_points: gap(|c| c.unaddressed_pain_points),
        unaddressed_needs: gap(|c| c.unaddressed_needs),
        unplanned_ideas: gap(|c| c.unplanned_ideas),
        overdue_actions: gap(|c| c.overdue_actions),
    }
}
