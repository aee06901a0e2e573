//! `journeymap gaps`: the analyst's gap report.
//!
//! The report reads the rule findings of `check` ([`FileReport`]) rather than
//! looking for gaps a second time, so the score and `check` never disagree: a
//! rule turned off in `.journeymap.yaml`, or silenced with `x-ignore` on an
//! object, leaves no finding and so costs no points.
//!
//! # The completeness score (0–100)
//!
//! The sum of thirteen components. Most are a share: of the things the
//! component counts, those with no finding of its rule (a finding on the
//! object or inside it).
//!
//! | component | max | counts | a thing is missing when it has a finding of |
//! |---|---|---|---|
//! | `persona` | 10 | needs, goals, challenges, channels (4 parts) | `persona-incomplete` (the parts it names) |
//! | `standard-stages` | 5 | 1 point per standard stage | `missing-standard-stage` (each finding costs 1 point) |
//! | `touchpoints` | 10 | stages | `empty-stage` |
//! | `emotions` | 10 | stages | `missing-emotion` |
//! | `metrics` | 10 | stages | `stage-without-metrics` |
//! | `pain-points-addressed` | 15 | pain points | `unaddressed-pain-point` |
//! | `ideas-scored` | 5 | ideas (innovations and efficiencies) | `unscored-opportunity` |
//! | `ideas-planned` | 10 | ideas | `unplanned-opportunity` |
//! | `actions-owned` | 5 | actions (initiatives, pilots, improvements) | `missing-owner` |
//! | `actions-dated` | 5 | actions | `missing-due-date` |
//! | `actions-funded` | 5 | actions | `unfunded-action` |
//! | `feedback-loop` | 5 | all or nothing | `no-feedback-loop` |
//! | `freshness` | 5 | all or nothing | `stale-map` (a stale `updated`, or none at all) |
//!
//! A share component scores `max × complete ÷ counted`, **rounded down**
//! (integer division), so a component shows full marks only when nothing in
//! it is missing, and a map scores 100 only when it has none of these
//! findings. A component with nothing to count (a map with no pain points,
//! no ideas or no actions) gets full marks: there is no gap to report.
//! `standard-stages` scores `5 − findings` (never below 0), whatever the
//! configured list of standard stages. The score is the sum of the points,
//! an integer; the same map, findings and date always give the same score.
//!
//! Example: 5 stages, 1 without metrics → `metrics` 10 × 4 ÷ 5 = 8; 3 pain
//! points, 1 unaddressed → `pain-points-addressed` 15 × 2 ÷ 3 = 10.
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
use crate::check::{FileReport, ValidMap};
use crate::diagnostic::{Diagnostic, Severity};
use crate::map::model::{Map, Status};
use crate::rules;
use crate::views::render::{Block, Section, Table, View};

/// A map that passed the schema, with its findings.
pub type Checked = (ValidMap, FileReport);

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

/// One part of the completeness score: its id, the rule whose findings it
/// counts, and its maximum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weight {
    pub id: &'static str,
    pub rule: &'static str,
    pub max: u8,
    measure: Measure,
}

/// What a component counts, and the words of its note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Measure {
    /// The four persona lists.
    Persona,
    /// One point per `missing-standard-stage` finding.
    StandardStages,
    /// A share of the things of a kind: (kind, "have…" phrase, "lacking…" label).
    Share(Things, &'static str, &'static str),
    /// Full marks or none.
    Feedback,
    Freshness,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Things {
    Stages,
    PainPoints,
    Ideas,
    Actions,
}

/// The components of the score, in report order; the maxima sum to 100.
pub const WEIGHTS: [Weight; 13] = {
    use Measure::{Feedback, Freshness, Persona, Share, StandardStages};
    use Things::{Actions, Ideas, PainPoints, Stages};
    [
        weight("persona", "persona-incomplete", 10, Persona),
        weight(
            "standard-stages",
            "missing-standard-stage",
            5,
            StandardStages,
        ),
        weight(
            "touchpoints",
            "empty-stage",
            10,
            Share(Stages, "have touchpoints", "none in"),
        ),
        weight(
            "emotions",
            "missing-emotion",
            10,
            Share(Stages, "have an emotion score", "none in"),
        ),
        weight(
            "metrics",
            "stage-without-metrics",
            10,
            Share(Stages, "have metrics", "none in"),
        ),
        weight(
            "pain-points-addressed",
            "unaddressed-pain-point",
            15,
            Share(PainPoints, "addressed", "open"),
        ),
        weight(
            "ideas-scored",
            "unscored-opportunity",
            5,
            Share(Ideas, "have impact and effort", "unscored"),
        ),
        weight(
            "ideas-planned",
            "unplanned-opportunity",
            10,
            Share(Ideas, "taken up by an action", "unplanned"),
        ),
        weight(
            "actions-owned",
            "missing-owner",
            5,
            Share(Actions, "have an owner", "no owner"),
        ),
        weight(
            "actions-dated",
            "missing-due-date",
            5,
            Share(Actions, "have a due date or milestone", "no date"),
        ),
        weight(
            "actions-funded",
            "unfunded-action",
            5,
            Share(Actions, "have resources", "unfunded"),
        ),
        weight("feedback-loop", "no-feedback-loop", 5, Feedback),
        weight("freshness", "stale-map", 5, Freshness),
    ]
};

const fn weight(id: &'static str, rule: &'static str, max: u8, measure: Measure) -> Weight {
    Weight {
        id,
        rule,
        max,
        measure,
    }
}

/// One component as scored for a map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Component {
    pub id: &'static str,
    /// The rule whose findings the component counts.
    pub rule: &'static str,
    pub points: u8,
    pub max: u8,
    /// How many things the component counts (stages, pain points…); `None`
    /// for `standard-stages`, which loses a point per finding.
    pub counted: Option<usize>,
    /// How many of them have a finding.
    pub missing: usize,
    pub note: String,
}

/// `max × (counted − missing) ÷ counted`, rounded down; full marks when
/// there is nothing to count.
pub fn points(max: u8, counted: usize, missing: usize) -> u8 {
    if counted == 0 {
        return max;
    }
    let complete = counted - missing.min(counted);
    // ≤ max, so the conversion back cannot fail.
    u8::try_from(usize::from(max) * complete / counted).unwrap_or(max)
}

/// The completeness score, 0–100: the sum of [`components`].
///
/// `today` is not read: the `stale-map` finding in `report` was already
/// counted from the date the map was checked with.
pub fn score(map: &ValidMap, report: &FileReport, _today: Date) -> u8 {
    components(map, report).iter().map(|c| c.points).sum()
}

/// Every component of the score, in [`WEIGHTS`] order.
pub fn components(valid: &ValidMap, report: &FileReport) -> Vec<Component> {
    let map = &valid.map();
    let stages = stage_objects(map);
    let pains = pain_point_objects(map);
    let ideas = idea_objects(map);
    let actions = action_objects(map);
    WEIGHTS
        .iter()
        .map(|w| {
            let (counted, missing, note) = match w.measure {
                Measure::Persona => persona(map, report, w.rule),
                Measure::StandardStages => standard_stages(report, w.rule),
                Measure::Share(things, have, lacking) => {
                    let (objects, name) = match things {
                        Things::Stages => (&stages, "stages"),
                        Things::PainPoints => (&pains, "pain points"),
                        Things::Ideas => (&ideas, "ideas"),
                        Things::Actions => (&actions, "actions"),
                    };
                    share(report, w.rule, objects, name, have, lacking)
                }
                Measure::Feedback => feedback(report, w.rule),
                Measure::Freshness => freshness(map, report, w.rule),
            };
            let points = match counted {
                Some(counted) => points(w.max, counted, missing),
                None => w.max - u8::try_from(missing).unwrap_or(u8::MAX).min(w.max),
            };
            Component {
                id: w.id,
                rule: w.rule,
                points,
                max: w.max,
                counted,
                missing,
                note,
            }
        })
        .collect()
}

/// A thing the score counts: where it is in the map and its id.
struct Object<'a> {
    pointer: String,
    id: &'a str,
}

/// The items of the list at `base`, each with its pointer and id.
fn listed<'a, T>(base: &str, items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> Vec<Object<'a>> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| Object {
            pointer: format!("{base}/{i}"),
            id: id(item),
        })
        .collect()
}

fn stage_objects<'a>(map: &'a Map<'a>) -> Vec<Object<'a>> {
    listed("/stages", &map.stages, |s| s.id)
}

fn pain_point_objects<'a>(map: &'a Map<'a>) -> Vec<Object<'a>> {
    listed(
        "/opportunities/pain_points",
        &map.opportunities.pain_points,
        |p| p.id,
    )
}

fn need_objects<'a>(map: &'a Map<'a>) -> Vec<Object<'a>> {
    listed(
        "/opportunities/unmet_needs",
        &map.opportunities.unmet_needs,
        |n| n.id,
    )
}

fn idea_objects<'a>(map: &'a Map<'a>) -> Vec<Object<'a>> {
    map.opportunities
        .ideas()
        .map(|(place, idea)| Object {
            pointer: place.to_string(),
            id: idea.id,
        })
        .collect()
}

fn action_objects<'a>(map: &'a Map<'a>) -> Vec<Object<'a>> {
    map.action_plan
        .actions()
        .map(|(place, action)| Object {
            pointer: place.to_string(),
            id: action.id,
        })
        .collect()
}

/// Whether `pointer` is `object` or inside it.
fn within(pointer: &str, object: &str) -> bool {
    pointer
        .strip_prefix(object)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

fn findings_of<'r>(report: &'r FileReport, rule: &'r str) -> impl Iterator<Item = &'r Diagnostic> {
    report.diagnostics.iter().filter(move |d| d.rule == rule)
}

/// The objects with a finding of `rule` on them or inside them, in file order.
fn flagged<'a>(report: &FileReport, rule: &str, objects: &'a [Object<'a>]) -> Vec<&'a Object<'a>> {
    objects
        .iter()
        .filter(|object| findings_of(report, rule).any(|d| within(&d.pointer, &object.pointer)))
        .collect()
}

fn flagged_ids(report: &FileReport, rule: &str, objects: &[Object<'_>]) -> Vec<String> {
    flagged(report, rule, objects)
        .into_iter()
        .map(|o| o.id.to_owned())
        .collect()
}

/// At most five ids, then how many more.
fn id_list(ids: &[&str]) -> String {
    const SHOWN: usize = 5;
    let mut text = ids
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > SHOWN {
        text.push_str(&format!(" +{} more", ids.len() - SHOWN));
    }
    text
}

type Measured = (Option<usize>, usize, String);

fn share(
    report: &FileReport,
    rule: &str,
    objects: &[Object<'_>],
    things: &str,
    have: &str,
    lacking: &str,
) -> Measured {
    if objects.is_empty() {
        return (Some(0), 0, format!("no {things}: full marks"));
    }
    let missing: Vec<&str> = flagged(report, rule, objects)
        .iter()
        .map(|o| o.id)
        .collect();
    let mut note = format!(
        "{} of {} {things} {have}",
        objects.len() - missing.len(),
        objects.len()
    );
    if !missing.is_empty() {
        note.push_str(&format!("; {lacking}: {}", id_list(&missing)));
    }
    (Some(objects.len()), missing.len(), note)
}

fn persona(map: &Map, report: &FileReport, rule: &str) -> Measured {
    let persona = &map.persona;
    let parts = [
        ("needs", &persona.needs),
        ("goals", &persona.goals),
        ("challenges", &persona.challenges),
        ("channels", &persona.channels),
    ];
    let empty: Vec<&str> = parts
        .iter()
        .filter(|(_, list)| list.is_empty())
        .map(|(name, _)| *name)
        .collect();
    // The finding says whether the persona counts as incomplete; the map says which parts.
    if findings_of(report, rule).next().is_none() {
        let note = if empty.is_empty() {
            "needs, goals, challenges and channels listed"
        } else {
            "no persona-incomplete finding"
        };
        return (Some(parts.len()), 0, note.to_owned());
    }
    let note = format!("no {}", empty.join(", "));
    (Some(parts.len()), empty.len(), note)
}

/// Each missing standard stage, named from its finding, in journey order
/// (the default list's order; other configured stages after, by name).
fn standard_stages(report: &FileReport, rule: &str) -> Measured {
    let mut names: Vec<&str> = findings_of(report, rule)
        .map(|d| {
            d.message
                .strip_prefix("no stage matches the standard stage \"")
                .and_then(|rest| rest.split('"').next())
                .unwrap_or("?")
        })
        .collect();
    let journey = |name: &str| {
        rules::missing_standard_stage::DEFAULT_STAGES
            .iter()
            .position(|stage| stage.eq_ignore_ascii_case(name))
            .unwrap_or(usize::MAX)
    };
    names.sort_by(|a, b| journey(a).cmp(&journey(b)).then_with(|| a.cmp(b)));
    let note = if names.is_empty() {
        "every standard stage has a stage".to_owned()
    } else {
        format!("no stage for: {}", id_list(&names))
    };
    (None, names.len(), note)
}

fn feedback(report: &FileReport, rule: &str) -> Measured {
    if findings_of(report, rule).next().is_some() {
        (Some(1), 1, "no feedback methods listed".to_owned())
    } else {
        (Some(1), 0, "feedback methods listed".to_owned())
    }
}

fn freshness(map: &Map, report: &FileReport, rule: &str) -> Measured {
    let stale = findings_of(report, rule).next().is_some();
    let note = match (&map.updated, stale) {
        (Some(updated), true) => format!("stale: last reviewed {updated}"),
        (None, true) => "no `updated` date".to_owned(),
        (None, false) => "no `updated` date, but no stale-map finding".to_owned(),
        (Some(updated), false) => format!("reviewed {updated}"),
    };
    (Some(1), usize::from(stale), note)
}

// ---------------------------------------------------------------------------
// The report on one map, as data: what both the view and the JSON show.

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
fn reports(maps: &[Checked], today: Date) -> Vec<MapReport> {
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

/// The mean of the scores, rounded half up (integer arithmetic).
pub fn mean_score(scores: &[u8]) -> u8 {
    if scores.is_empty() {
        return 0;
    }
    let sum: usize = scores.iter().map(|&s| usize::from(s)).sum();
    let n = scores.len();
    u8::try_from((2 * sum + n) / (2 * n)).unwrap_or(u8::MAX)
}

fn summary(reports: &[MapReport]) -> Summary {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_sum_to_100() {
        assert_eq!(WEIGHTS.iter().map(|w| u32::from(w.max)).sum::<u32>(), 100);
        for w in WEIGHTS {
            assert!(rules::find(w.rule).is_some(), "{}", w.rule);
        }
    }

    #[test]
    fn points_round_down_and_nothing_counted_is_full() {
        assert_eq!(points(10, 5, 1), 8);
        assert_eq!(points(15, 3, 1), 10);
        assert_eq!(points(10, 40, 1), 9);
        assert_eq!(points(10, 0, 0), 10);
        assert_eq!(points(10, 3, 7), 0);
    }

    #[test]
    fn mean_rounds_half_up() {
        assert_eq!(mean_score(&[]), 0);
        assert_eq!(mean_score(&[90, 91]), 91);
        assert_eq!(mean_score(&[90, 90, 91]), 90);
        assert_eq!(mean_score(&[100, 0, 0]), 33);
        assert_eq!(mean_score(&[100, 100, 0]), 67);
    }

    #[test]
    fn within_respects_segments() {
        assert!(within("/stages/1", "/stages/1"));
        assert!(within("/stages/1/touchpoints", "/stages/1"));
        assert!(!within("/stages/10", "/stages/1"));
    }
}
