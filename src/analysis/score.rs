//! The completeness score of a map (0–100), read from its findings.
//!
//! The score reads the rule findings of `check` ([`FileReport`]) rather than
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
//! # A map with errors is not complete
//!
//! A map with an error finding (`duplicate-id`, `unknown-reference`,
//! `empty-stage`…, or any rule raised to error) scores at most
//! [`MAX_WITH_ERRORS`] (99): 100 means complete, and such a map is not, even
//! when none of the findings the components count is among its errors. The
//! portfolio ranks it below every map without errors and `--fail-under`
//! fails on it whatever the threshold ([`crate::analysis::gaps`]).
//!
//! Example: 5 stages, 1 without metrics → `metrics` 10 × 4 ÷ 5 = 8; 3 pain
//! points, 1 unaddressed → `pain-points-addressed` 15 × 2 ÷ 3 = 10.

use std::collections::HashSet;

use jiff::civil::Date;
use serde::Serialize;

use crate::check::{FileReport, ValidMap};
use crate::diagnostic::{Diagnostic, Severity};
use crate::map::model::Map;
use crate::rules;

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

/// The highest score of a map with an error finding.
pub const MAX_WITH_ERRORS: u8 = 99;

/// The completeness score, 0–100: the sum of [`components`], at most
/// [`MAX_WITH_ERRORS`] when the map has an error finding.
///
/// `today` is not read: the `stale-map` finding in `report` was already
/// counted from the date the map was checked with.
pub fn score(map: &ValidMap, report: &FileReport, _today: Date) -> u8 {
    total(&components(map, report), report.count(Severity::Error))
}

/// The score from the components and the map's number of error findings.
pub fn total(components: &[Component], errors: usize) -> u8 {
    let sum: u8 = components.iter().map(|c| c.points).sum();
    if errors > 0 {
        sum.min(MAX_WITH_ERRORS)
    } else {
        sum
    }
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
pub(crate) struct Object<'a> {
    pub pointer: String,
    pub id: &'a str,
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

pub(crate) fn stage_objects<'a>(map: &'a Map<'a>) -> Vec<Object<'a>> {
    listed("/stages", &map.stages, |s| s.id)
}

pub(crate) fn pain_point_objects<'a>(map: &'a Map<'a>) -> Vec<Object<'a>> {
    listed(
        "/opportunities/pain_points",
        &map.opportunities.pain_points,
        |p| p.id,
    )
}

pub(crate) fn need_objects<'a>(map: &'a Map<'a>) -> Vec<Object<'a>> {
    listed(
        "/opportunities/unmet_needs",
        &map.opportunities.unmet_needs,
        |n| n.id,
    )
}

pub(crate) fn idea_objects<'a>(map: &'a Map<'a>) -> Vec<Object<'a>> {
    map.opportunities
        .ideas()
        .map(|(place, idea)| Object {
            pointer: place.to_string(),
            id: idea.id,
        })
        .collect()
}

pub(crate) fn action_objects<'a>(map: &'a Map<'a>) -> Vec<Object<'a>> {
    map.action_plan
        .actions()
        .map(|(place, action)| Object {
            pointer: place.to_string(),
            id: action.id,
        })
        .collect()
}

/// Whether `pointer` is `object` or inside it.
pub(crate) fn within(pointer: &str, object: &str) -> bool {
    pointer
        .strip_prefix(object)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

pub(crate) fn findings_of<'r>(
    report: &'r FileReport,
    rule: &'r str,
) -> impl Iterator<Item = &'r Diagnostic> {
    report.diagnostics.iter().filter(move |d| d.rule == rule)
}

/// The objects with a finding of `rule` on them or inside them, in file order.
pub(crate) fn flagged<'a>(
    report: &FileReport,
    rule: &str,
    objects: &'a [Object<'a>],
) -> Vec<&'a Object<'a>> {
    // Each finding's pointer and every object above it, so that an object is
    // one lookup: objects × findings would be quadratic on a large map.
    let mut marked: HashSet<&str> = HashSet::new();
    for d in findings_of(report, rule) {
        let pointer = d.pointer.as_str();
        marked.insert(pointer);
        marked.extend(pointer.match_indices('/').map(|(i, _)| &pointer[..i]));
    }
    objects
        .iter()
        .filter(|object| marked.contains(object.pointer.as_str()))
        .collect()
}

pub(crate) fn flagged_ids(report: &FileReport, rule: &str, objects: &[Object<'_>]) -> Vec<String> {
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

/// The mean of the scores, rounded half up (integer arithmetic).
pub fn mean_score(scores: &[u8]) -> u8 {
    if scores.is_empty() {
        return 0;
    }
    let sum: usize = scores.iter().map(|&s| usize::from(s)).sum();
    let n = scores.len();
    u8::try_from((2 * sum + n) / (2 * n)).unwrap_or(u8::MAX)
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
    fn errors_cap_the_score_below_complete() {
        let full: Vec<Component> = WEIGHTS
            .iter()
            .map(|w| Component {
                id: w.id,
                rule: w.rule,
                points: w.max,
                max: w.max,
                counted: None,
                missing: 0,
                note: String::new(),
            })
            .collect();
        assert_eq!(total(&full, 0), 100);
        assert_eq!(total(&full, 1), MAX_WITH_ERRORS);
        // Below the cap, errors change nothing.
        assert_eq!(total(&full[1..], 2), 90);
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
