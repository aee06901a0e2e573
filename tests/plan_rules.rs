//! Edge cases of the plan rules (`unaddressed-*`, `unplanned-opportunity`,
//! `untraced-action`, `missing-*`, `pilot-without-success-criteria`,
//! `unscored-opportunity`, `unfunded-action`): exact rendered lines.
//!
//! Most maps are `tests/fixtures/base.yaml` (which yields nothing) with a few
//! lines replaced, so line numbers are base.yaml's unless lines are inserted.
//! In base.yaml: pain point line 53, unmet need 55, innovation 57,
//! efficiency 59, initiative 65, pilot 67, milestone 75, resources 77–78.

mod common;

use common::{BASE, edited, options, render};
use journeymap::check::check_bytes;
use journeymap::diagnostic::Diagnostic;

/// Every finding of a schema-valid map.
fn check(text: &str) -> Vec<Diagnostic> {
    let report = check_bytes("map.yaml", text.as_bytes(), &options());
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| !matches!(d.rule, "schema" | "yaml-syntax")),
        "the test map must be schema-valid, got:\n{}",
        render(&report.diagnostics)
    );
    report.diagnostics
}

/// The rendered findings of one rule.
fn findings(text: &str, rule: &str) -> String {
    let diagnostics: Vec<Diagnostic> = check(text).into_iter().filter(|d| d.rule == rule).collect();
    render(&diagnostics)
}

const INITIATIVE_ADDRESSES: &str = "addresses: [substitution-picker], owner: Web team";
const PILOT_ADDRESSES: &str = "      addresses: [slot-waitlist]\n";
const PILOT_CRITERIA: &str = "      success_criteria: [10% fewer abandoned checkouts]\n";
/// Inserted after the pilot: an improvement that lacks everything but `addresses`.
const IMPROVEMENT: &str = "  improvements:\n    - { id: reorder-reminder, title: Remind to reorder, addresses: [slot-full] }\n";

#[test]
fn base_map_has_no_plan_finding() {
    assert_eq!(render(&check(BASE)), "");
}

#[test]
fn empty_addresses_points_at_the_list_missing_addresses_at_the_action() {
    let map = edited(&[
        (INITIATIVE_ADDRESSES, "addresses: [], owner: Web team"),
        (PILOT_ADDRESSES, ""),
    ]);
    assert_eq!(
        findings(&map, "untraced-action"),
        "65:81 [untraced-action] warning: initiative \"substitutes-at-checkout\" has an empty `addresses` list, so it is not traced to any idea, pain point or unmet need | list in `addresses` the ideas, pain points or unmet needs this action answers\n\
         67:7 [untraced-action] warning: pilot \"waitlist-pilot\" does not say which idea, pain point or unmet need it addresses | list in `addresses` the ideas, pain points or unmet needs this action answers\n"
    );
}

#[test]
fn pain_point_addressed_only_by_an_action_is_addressed() {
    let map = edited(&[
        (
            "Waitlist for freed slots, addresses: [slot-full], impact",
            "Waitlist for freed slots, impact",
        ),
        (
            PILOT_ADDRESSES,
            "      addresses: [slot-waitlist, slot-full]\n",
        ),
    ]);
    assert_eq!(render(&check(&map)), "");
}

#[test]
fn unaddressed_pain_point_names_its_severity_only_when_it_has_one() {
    let unaddressed = (
        "Waitlist for freed slots, addresses: [slot-full], impact",
        "Waitlist for freed slots, impact",
    );
    assert_eq!(
        findings(&edited(&[unaddressed]), "unaddressed-pain-point"),
        "53:7 [unaddressed-pain-point] warning: pain point \"slot-full\" (severity 4) is not addressed by any idea or action | add an idea or an action that lists \"slot-full\" in `addresses`, or add it to the `addresses` of an existing one\n"
    );
    let map = edited(&[unaddressed, (", severity: 4 }", " }")]);
    assert_eq!(
        findings(&map, "unaddressed-pain-point"),
        "53:7 [unaddressed-pain-point] warning: pain point \"slot-full\" is not addressed by any idea or action | add an idea or an action that lists \"slot-full\" in `addresses`, or add it to the `addresses` of an existing one\n"
    );
}

#[test]
fn need_addressed_only_by_an_idea_is_addressed() {
    // In base.yaml only the efficiency lists the need; the initiative lists the efficiency.
    let map = BASE.to_owned();
    assert!(map.contains("addresses: [substitutions]"));
    assert!(map.contains(INITIATIVE_ADDRESSES));
    assert_eq!(findings(&map, "unaddressed-need"), "");
}

#[test]
fn need_addressed_only_by_an_action_is_addressed() {
    let map = edited(&[
        ("addresses: [substitutions], impact", "impact"),
        (
            INITIATIVE_ADDRESSES,
            "addresses: [substitution-picker, substitutions], owner: Web team",
        ),
    ]);
    assert_eq!(render(&check(&map)), "");
}

#[test]
fn need_addressed_by_nothing() {
    let map = edited(&[("addresses: [substitutions], impact", "impact")]);
    assert_eq!(
        findings(&map, "unaddressed-need"),
        "55:7 [unaddressed-need] warning: unmet need \"substitutions\" is not addressed by any idea or action | add an idea or an action that lists \"substitutions\" in `addresses`, or add it to the `addresses` of an existing one\n"
    );
}

#[test]
fn an_idea_listing_another_idea_does_not_plan_it() {
    // Only actions plan ideas; the pilot now addresses the pain point directly.
    let map = edited(&[(PILOT_ADDRESSES, "      addresses: [slot-full]\n")]);
    assert_eq!(
        findings(&map, "unplanned-opportunity"),
        "57:7 [unplanned-opportunity] warning: innovation \"slot-waitlist\" is not taken up by any action | plan an initiative, pilot or improvement that lists \"slot-waitlist\" in `addresses`, or drop the idea if it will not be pursued\n"
    );
}

#[test]
fn no_due_date_but_delivered_by_a_milestone_is_fine() {
    let map = edited(&[
        (
            ", owner: Web team, due: 2027-02-01 }",
            ", owner: Web team }",
        ),
        (
            "delivers: [waitlist-pilot] }",
            "delivers: [waitlist-pilot, substitutes-at-checkout] }",
        ),
    ]);
    assert_eq!(render(&check(&map)), "");
}

#[test]
fn a_milestone_delivering_another_action_does_not_help() {
    let map = edited(&[(
        ", owner: Web team, due: 2027-02-01 }",
        ", owner: Web team }",
    )]);
    assert_eq!(
        findings(&map, "missing-due-date"),
        "65:7 [missing-due-date] warning: initiative \"substitutes-at-checkout\" has no due date and no milestone delivers it | set `due`, or list \"substitutes-at-checkout\" in the `delivers` of a milestone\n"
    );
    // The pilot loses its due date too, but the milestone delivers it.
    let map = edited(&[
        (
            ", owner: Web team, due: 2027-02-01 }",
            ", owner: Web team }",
        ),
        ("      due: 2026-12-15\n", ""),
    ]);
    assert_eq!(
        findings(&map, "missing-due-date"),
        "65:7 [missing-due-date] warning: initiative \"substitutes-at-checkout\" has no due date and no milestone delivers it | set `due`, or list \"substitutes-at-checkout\" in the `delivers` of a milestone\n"
    );
}

#[test]
fn a_resource_naming_another_action_does_not_fund_this_one() {
    let map = edited(&[(
        "{ action: substitutes-at-checkout, people: 2 }",
        "{ action: waitlist-pilot, people: 2 }",
    )]);
    assert_eq!(
        render(&check(&map)),
        "65:7 [unfunded-action] info: initiative \"substitutes-at-checkout\" has no resources: no `resources` entry names it | add a `resources` entry with `action: substitutes-at-checkout` and the people, roles or budget it needs\n"
    );
}

#[test]
fn unscored_idea_names_what_is_missing() {
    let map = edited(&[
        ("impact: 4, effort: 2 }", "impact: 4 }"),
        ("impact: 3, effort: 3 }", "effort: 3 }"),
    ]);
    assert_eq!(
        findings(&map, "unscored-opportunity"),
        "57:7 [unscored-opportunity] info: innovation \"slot-waitlist\" has no `effort`, so it has no priority score (impact × (6 − effort)) | score `impact` and `effort` from 1 to 5 so the idea can be ranked against the others\n\
         59:7 [unscored-opportunity] info: efficiency \"substitution-picker\" has no `impact`, so it has no priority score (impact × (6 − effort)) | score `impact` and `effort` from 1 to 5 so the idea can be ranked against the others\n"
    );
    let map = edited(&[(", impact: 4, effort: 2 }", " }")]);
    assert_eq!(
        findings(&map, "unscored-opportunity"),
        "57:7 [unscored-opportunity] info: innovation \"slot-waitlist\" has no `impact` and no `effort`, so it has no priority score (impact × (6 − effort)) | score `impact` and `effort` from 1 to 5 so the idea can be ranked against the others\n"
    );
}

#[test]
fn pilot_with_empty_success_criteria() {
    let map = edited(&[(PILOT_CRITERIA, "      success_criteria: []\n")]);
    assert_eq!(
        render(&check(&map)),
        "67:7 [pilot-without-success-criteria] warning: pilot \"waitlist-pilot\" has no success criteria | list in `success_criteria` the measurable outcomes that decide whether the pilot succeeded\n"
    );
}

#[test]
fn initiatives_and_improvements_need_no_success_criteria() {
    // Neither the initiative nor the improvement has (or may have) success criteria.
    let map = edited(&[(PILOT_CRITERIA, &format!("{PILOT_CRITERIA}{IMPROVEMENT}"))]);
    assert_eq!(findings(&map, "pilot-without-success-criteria"), "");
}

#[test]
fn every_action_list_is_checked_with_its_own_kind_word() {
    let map = edited(&[
        (", owner: Web team, due: 2027-02-01 }", " }"),
        ("      owner: Delivery squad\n", ""),
        (PILOT_CRITERIA, &format!("{PILOT_CRITERIA}{IMPROVEMENT}")),
    ]);
    // The pilot (line 67) keeps its due date and resource; the improvement is on line 74.
    assert_eq!(
        render(&check(&map)),
        "65:7 [missing-due-date] warning: initiative \"substitutes-at-checkout\" has no due date and no milestone delivers it | set `due`, or list \"substitutes-at-checkout\" in the `delivers` of a milestone\n\
         65:7 [missing-owner] warning: initiative \"substitutes-at-checkout\" has no owner | set `owner` to the person or team accountable for delivering it\n\
         67:7 [missing-owner] warning: pilot \"waitlist-pilot\" has no owner | set `owner` to the person or team accountable for delivering it\n\
         74:7 [missing-due-date] warning: improvement \"reorder-reminder\" has no due date and no milestone delivers it | set `due`, or list \"reorder-reminder\" in the `delivers` of a milestone\n\
         74:7 [missing-owner] warning: improvement \"reorder-reminder\" has no owner | set `owner` to the person or team accountable for delivering it\n\
         74:7 [unfunded-action] info: improvement \"reorder-reminder\" has no resources: no `resources` entry names it | add a `resources` entry with `action: reorder-reminder` and the people, roles or budget it needs\n"
    );
}

#[test]
fn untraced_actions_of_every_list() {
    // The pilot's `addresses` is line 69; the improvement is inserted as line 75.
    let map = edited(&[
        (INITIATIVE_ADDRESSES, "owner: Web team"),
        (PILOT_ADDRESSES, "      addresses: []\n"),
        (
            PILOT_CRITERIA,
            &format!(
                "{PILOT_CRITERIA}{}",
                IMPROVEMENT.replace(", addresses: [slot-full]", "")
            ),
        ),
    ]);
    assert_eq!(
        findings(&map, "untraced-action"),
        "65:7 [untraced-action] warning: initiative \"substitutes-at-checkout\" does not say which idea, pain point or unmet need it addresses | list in `addresses` the ideas, pain points or unmet needs this action answers\n\
         69:18 [untraced-action] warning: pilot \"waitlist-pilot\" has an empty `addresses` list, so it is not traced to any idea, pain point or unmet need | list in `addresses` the ideas, pain points or unmet needs this action answers\n\
         75:7 [untraced-action] warning: improvement \"reorder-reminder\" does not say which idea, pain point or unmet need it addresses | list in `addresses` the ideas, pain points or unmet needs this action answers\n"
    );
}

#[test]
fn done_and_dropped_actions_are_not_exempt() {
    let map = edited(&[
        (", owner: Web team, due: 2027-02-01 }", ", status: done }"),
        ("      owner: Delivery squad\n", "      status: dropped\n"),
    ]);
    assert_eq!(
        render(&check(&map)),
        "65:7 [missing-due-date] warning: initiative \"substitutes-at-checkout\" has no due date and no milestone delivers it | set `due`, or list \"substitutes-at-checkout\" in the `delivers` of a milestone\n\
         65:7 [missing-owner] warning: initiative \"substitutes-at-checkout\" has no owner | set `owner` to the person or team accountable for delivering it\n\
         67:7 [missing-owner] warning: pilot \"waitlist-pilot\" has no owner | set `owner` to the person or team accountable for delivering it\n"
    );
}

#[test]
fn x_ignore_on_the_action_silences_untraced_action_at_its_addresses() {
    let map = edited(&[(
        INITIATIVE_ADDRESSES,
        "addresses: [], x-ignore: [untraced-action], owner: Web team",
    )]);
    assert_eq!(findings(&map, "untraced-action"), "");
}

/// A small map whose plan is empty or broken: nothing panics, and only what
/// exists is reported (duplicate ids and dangling references are other rules').
#[test]
fn small_maps_with_broken_plans() {
    let empty_plan = "\
title: T
persona: { name: P }
stages:
  - { id: s, name: S, touchpoints: [] }
opportunities: {}
action_plan: {}
";
    let plan_rules = [
        "unaddressed-pain-point",
        "unaddressed-need",
        "unplanned-opportunity",
        "untraced-action",
        "missing-owner",
        "missing-due-date",
        "pilot-without-success-criteria",
        "unscored-opportunity",
        "unfunded-action",
    ];
    for rule in plan_rules {
        assert_eq!(findings(empty_plan, rule), "", "{rule}");
    }

    let broken = "\
title: T
persona: { name: P }
stages:
  - { id: s, name: S, touchpoints: [] }
opportunities:
  pain_points:
    - { id: p, description: D, stage: nowhere }
    - { id: p, description: Twice, stage: s }
  unmet_needs:
    - { id: n, description: D }
  efficiencies:
    - { id: e, description: D, addresses: [p, ghost] }
action_plan:
  improvements:
    - { id: a, title: A, addresses: [e, n, ghost], owner: O, due: 2027-01-01 }
    - { id: a, title: Again, owner: O }
  milestones:
    - { name: M, date: 2027-01-01, delivers: [ghost] }
  resources:
    - { action: a }
";
    // Both pain points "p" are addressed by id; the second improvement "a" is
    // named by the resource and has no due date (no milestone delivers "a").
    let plan: String = plan_rules
        .iter()
        .map(|rule| findings(broken, rule))
        .collect();
    assert_eq!(
        plan,
        "16:7 [untraced-action] warning: improvement \"a\" does not say which idea, pain point or unmet need it addresses | list in `addresses` the ideas, pain points or unmet needs this action answers\n\
         16:7 [missing-due-date] warning: improvement \"a\" has no due date and no milestone delivers it | set `due`, or list \"a\" in the `delivers` of a milestone\n\
         12:7 [unscored-opportunity] info: efficiency \"e\" has no `impact` and no `effort`, so it has no priority score (impact × (6 − effort)) | score `impact` and `effort` from 1 to 5 so the idea can be ranked against the others\n"
    );
}
