//! Shared readings of a map that several reports need: ideas ranked by
//! priority, pain points by severity, which ideas and actions address what,
//! overdue actions, milestones in date order and resource totals.
//!
//! Every function is deterministic (file order or an explicit order, never
//! hash order) and never panics. `show`, `gaps`, `diff` and the exports call
//! these instead of keeping private copies; their names and orders are stable.

pub mod addressing;
pub mod gaps;
pub mod score;

use std::collections::BTreeMap;

use crate::map::model::{Action, Idea, Map, Milestone, PainPoint, Status};

/// The kind of an idea: the list it is written in.
pub const INNOVATION: &str = "innovation";
pub const EFFICIENCY: &str = "efficiency";

/// The kind of an action: the list it is written in.
pub const INITIATIVE: &str = "initiative";
pub const PILOT: &str = "pilot";
pub const IMPROVEMENT: &str = "improvement";

/// An idea with where it lives and its priority score.
#[derive(Debug, Clone, Copy)]
pub struct RankedIdea<'a> {
    /// [`INNOVATION`] or [`EFFICIENCY`].
    pub kind: &'static str,
    /// Position in its list (`/opportunities/{innovations|efficiencies}/{index}`).
    pub index: usize,
    pub idea: &'a Idea<'a>,
    /// `impact × (6 − effort)`, 1–25; `None` when either score is missing.
    pub priority: Option<u8>,
    /// 1-based rank among scored ideas; `None` for unscored ideas.
    pub rank: Option<usize>,
}

impl RankedIdea<'_> {
    /// The idea's JSON pointer in the map.
    pub fn pointer(&self) -> String {
        let list = if self.kind == INNOVATION {
            "innovations"
        } else {
            "efficiencies"
        };
        format!("/opportunities/{list}/{}", self.index)
    }
}

/// Every idea (innovations, then efficiencies) with its kind, in file order.
pub fn ideas<'a>(map: &'a Map<'a>) -> impl Iterator<Item = (&'static str, &'a Idea<'a>)> {
    let o = &map.opportunities;
    let innovations = o.innovations.iter().map(|i| (INNOVATION, i));
    let efficiencies = o.efficiencies.iter().map(|i| (EFFICIENCY, i));
    innovations.chain(efficiencies)
}

/// Ideas by priority `impact × (6 − effort)`, highest first; ties by id
/// (then file order); unscored ideas last, by id. Scored ideas are ranked
/// 1, 2, 3… (ties get consecutive ranks: the order is total).
pub fn ranked_ideas<'a>(map: &'a Map<'a>) -> Vec<RankedIdea<'a>> {
    let o = &map.opportunities;
    let mut ranked: Vec<RankedIdea<'_>> = o
        .innovations
        .iter()
        .enumerate()
        .map(|(index, idea)| (INNOVATION, index, idea))
        .chain(
            o.efficiencies
                .iter()
                .enumerate()
                .map(|(index, idea)| (EFFICIENCY, index, idea)),
        )
        .map(|(kind, index, idea)| RankedIdea {
            kind,
            index,
            idea,
            priority: idea.priority(),
            rank: None,
        })
        .collect();
    // A stable sort: equal ids keep file order.
    ranked.sort_by(|a, b| {
        a.priority
            .is_none()
            .cmp(&b.priority.is_none())
            .then(b.priority.cmp(&a.priority))
            .then_with(|| a.idea.id.cmp(b.idea.id))
    });
    let mut next = 0;
    for item in &mut ranked {
        if item.priority.is_some() {
            next += 1;
            item.rank = Some(next);
        }
    }
    ranked
}

/// Every action (initiatives, pilots, improvements) with its kind, in file order.
pub fn actions<'a>(map: &'a Map<'a>) -> impl Iterator<Item = (&'static str, &'a Action<'a>)> {
    let plan = &map.action_plan;
    let initiatives = plan.initiatives.iter().map(|a| (INITIATIVE, a));
    let pilots = plan.pilots.iter().map(|a| (PILOT, a));
    let improvements = plan.improvements.iter().map(|a| (IMPROVEMENT, a));
    initiatives.chain(pilots).chain(improvements)
}

/// The actions whose `addresses` list `id` (an idea, pain point or need), in file order.
pub fn actions_addressing<'a>(map: &'a Map, id: &str) -> Vec<&'a Action<'a>> {
    actions(map)
        .filter(|(_, action)| action.addresses.contains(&id))
        .map(|(_, action)| action)
        .collect()
}

/// The ideas whose `addresses` list `id` (a pain point or need), in file order.
pub fn ideas_addressing<'a>(map: &'a Map, id: &str) -> Vec<&'a Idea<'a>> {
    ideas(map)
        .filter(|(_, idea)| idea.addresses.contains(&id))
        .map(|(_, idea)| idea)
        .collect()
}

/// Ids of the ideas, then the actions, that address `id`, in file order.
pub fn addressed_by<'a>(map: &'a Map, id: &str) -> Vec<&'a str> {
    let ideas = ideas_addressing(map, id).into_iter().map(|i| i.id);
    let actions = actions_addressing(map, id).into_iter().map(|a| a.id);
    ideas.chain(actions).collect()
}

/// Pain points most severe first; unscored last; ties by id (then file order).
pub fn pain_points_by_severity<'a>(map: &'a Map<'a>) -> Vec<&'a PainPoint<'a>> {
    let mut pains: Vec<&PainPoint> = map.opportunities.pain_points.iter().collect();
    pains.sort_by(|a, b| b.severity.cmp(&a.severity).then_with(|| a.id.cmp(b.id)));
    pains
}

/// Milestones in date order; the same date keeps file order.
pub fn milestones_by_date<'a>(map: &'a Map<'a>) -> Vec<&'a Milestone<'a>> {
    let mut milestones: Vec<&Milestone> = map.action_plan.milestones.iter().collect();
    // Dates are `YYYY-MM-DD` (the schema checks them): text order is date order.
    milestones.sort_by(|a, b| a.date.cmp(b.date));
    milestones
}

/// Whether the action is finished (`done`) or abandoned (`dropped`).
pub fn is_closed(action: &Action) -> bool {
    matches!(action.status, Some(Status::Done | Status::Dropped))
}

/// Due before `today` and neither done nor dropped. An action without a
/// (readable) due date is never overdue.
pub fn is_overdue(action: &Action, today: jiff::civil::Date) -> bool {
    if is_closed(action) {
        return false;
    }
    action
        .due
        .and_then(|due| due.parse::<jiff::civil::Date>().ok())
        .is_some_and(|due| due < today)
}

/// Budget totals per currency: codes in alphabetical order, then the total
/// of budgets given without a currency (`None`), if any. Resources without a
/// budget are left out; sums run in file order.
pub fn budget_totals<'a>(map: &'a Map<'a>) -> Vec<(Option<&'a str>, f64)> {
    let mut totals: BTreeMap<Option<&str>, f64> = BTreeMap::new();
    for resource in &map.action_plan.resources {
        if let Some(budget) = resource.budget {
            *totals.entry(resource.currency).or_insert(0.0) += budget;
        }
    }
    let mut totals: Vec<(Option<&str>, f64)> = totals.into_iter().collect();
    totals.sort_by_key(|(currency, _)| (currency.is_none(), *currency));
    totals
}

/// The people over all resources; `None` when no resource says how many.
pub fn people_total(map: &Map) -> Option<f64> {
    let people: Vec<f64> = map
        .action_plan
        .resources
        .iter()
        .filter_map(|r| r.people)
        .collect();
    // From +0.0: `Sum` starts at -0.0, which would print as "-0".
    (!people.is_empty()).then(|| people.iter().fold(0.0, |total, n| total + n))
}

/// A metric value or demographic as shown: a string as written, a number as
/// JSON writes it.
pub fn scalar(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A metric's value or target with the metric's unit: `41%`, `3 days`, `12`.
pub fn with_unit(value: &serde_json::Value, unit: Option<&str>) -> String {
    let value = scalar(value);
    match unit {
        Some("%") => format!("{value}%"),
        Some(unit) => format!("{value} {unit}"),
        None => value,
    }
}

/// A budget as shown: `20000` → `20,000`; `1234.5` → `1,234.50`.
pub fn amount(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let fixed = format!("{:.2}", x.abs());
    let (whole, cents) = fixed.split_once('.').unwrap_or((&fixed, "00"));
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if x < 0.0 { "-" } else { "" };
    if cents == "00" {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{cents}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The model borrows from its value, which a test keeps for good.
    fn map(yaml: &str) -> Map<'static> {
        let value: serde_json::Value = serde_yaml::from_str(yaml).unwrap_or_default();
        let value: &'static serde_json::Value = Box::leak(Box::new(value));
        crate::map::model::from_value(value).unwrap_or_else(|e| panic!("{e}"))
    }

    const MAP: &str = r#"
title: t
persona: { name: p }
stages: [{ id: s, name: S, touchpoints: [] }]
opportunities:
  pain_points:
    - { id: b, description: b, stage: s, severity: 3 }
    - { id: a, description: a, stage: s }
    - { id: c, description: c, stage: s, severity: 3 }
  innovations:
    - { id: z, description: z, impact: 4, effort: 2, addresses: [b] }
    - { id: u, description: u, addresses: [b] }
  efficiencies:
    - { id: y, description: y, impact: 4, effort: 2 }
    - { id: x, description: x, impact: 5, effort: 1 }
action_plan:
  initiatives:
    - { id: i1, title: I1, addresses: [z], due: "2026-01-01", status: done }
  pilots:
    - { id: p1, title: P1, addresses: [z, b], due: "2026-01-01" }
  improvements:
    - { id: m1, title: M1, due: "2026-12-01", status: planned }
  milestones:
    - { name: later, date: "2026-05-01" }
    - { name: first, date: "2026-01-01" }
    - { name: also later, date: "2026-05-01" }
  resources:
    - { action: p1, budget: 10, currency: USD, people: 2 }
    - { action: i1, budget: 5 }
    - { action: m1, budget: 1.5, currency: EUR }
    - { action: p1, budget: 2, currency: USD }
"#;

    #[test]
    fn ideas_rank_by_priority_then_id_unscored_last() {
        let m = map(MAP);
        let ranked: Vec<(&str, Option<u8>, Option<usize>)> = ranked_ideas(&m)
            .iter()
            .map(|r| (r.idea.id, r.priority, r.rank))
            .collect();
        assert_eq!(
            ranked,
            [
                ("x", Some(25), Some(1)),
                ("y", Some(16), Some(2)),
                ("z", Some(16), Some(3)),
                ("u", None, None),
            ]
        );
        assert_eq!(
            ranked_ideas(&m)[0].pointer(),
            "/opportunities/efficiencies/1"
        );
    }

    #[test]
    fn addressing_and_severity() {
        let m = map(MAP);
        let ids = |v: Vec<&Action>| v.iter().map(|a| a.id.to_owned()).collect::<Vec<_>>();
        assert_eq!(ids(actions_addressing(&m, "z")), ["i1", "p1"]);
        assert_eq!(addressed_by(&m, "b"), ["z", "u", "p1"]);
        let pains: Vec<&str> = pain_points_by_severity(&m).iter().map(|p| p.id).collect();
        assert_eq!(pains, ["b", "c", "a"]);
    }

    #[test]
    fn overdue_milestones_and_totals() {
        let m = map(MAP);
        let today = jiff::civil::date(2026, 6, 1);
        let overdue: Vec<&str> = actions(&m)
            .filter(|(_, a)| is_overdue(a, today))
            .map(|(_, a)| a.id)
            .collect();
        assert_eq!(overdue, ["p1"]);
        let names: Vec<&str> = milestones_by_date(&m).iter().map(|s| s.name).collect();
        assert_eq!(names, ["first", "later", "also later"]);
        assert_eq!(
            budget_totals(&m),
            [(Some("EUR"), 1.5), (Some("USD"), 12.0), (None, 5.0)]
        );
        assert_eq!(people_total(&m), Some(2.0));
    }

    #[test]
    fn amounts_are_grouped() {
        assert_eq!(super::amount(20000.0), "20,000");
        assert_eq!(super::amount(92500.0), "92,500");
        assert_eq!(super::amount(1234.5), "1,234.50");
        assert_eq!(super::amount(999.0), "999");
        assert_eq!(super::amount(1_000_000.0), "1,000,000");
        assert_eq!(super::amount(0.0), "0");
    }

    #[test]
    fn scalars_as_written() {
        assert_eq!(super::scalar(&serde_json::json!("41%")), "41%");
        assert_eq!(super::scalar(&serde_json::json!(0.41)), "0.41");
        assert_eq!(super::scalar(&serde_json::json!(1200)), "1200");
    }

    #[test]
    fn values_with_their_unit() {
        let value = serde_json::json!(41);
        assert_eq!(super::with_unit(&value, Some("%")), "41%");
        assert_eq!(super::with_unit(&value, Some("days")), "41 days");
        assert_eq!(super::with_unit(&value, None), "41");
    }
}
