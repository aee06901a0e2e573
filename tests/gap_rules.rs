//! Edge cases of the gap rules, beyond their fixture pairs: boundaries,
//! ties, normalization, aliases and settings.

mod common;

use common::{edited, options, render};
use journeymap::check::{CheckOptions, check_bytes};

fn findings_with(map: &str, options: &CheckOptions) -> String {
    render(&check_bytes("map.yaml", map.as_bytes(), options).diagnostics)
}

fn findings(map: &str) -> String {
    findings_with(map, &options())
}

/// Only the lines of one rule.
fn only(rendered: &str, rule: &str) -> String {
    let tag = format!("[{rule}]");
    rendered
        .lines()
        .filter(|line| line.contains(&tag))
        .map(|line| format!("{line}\n"))
        .collect()
}

// ---------------------------------------------------------------- stale-map

const STALE_HELP: &str = "review the map against recent research and feedback, then set `updated` to the date of that review";

#[test]
fn stale_map_exactly_180_days_is_fresh() {
    // 2026-05-27 is 180 days before 2026-11-23.
    let map = edited(&[("updated: 2026-10-01", "updated: 2026-05-27")]);
    assert_eq!(findings(&map), "");
}

#[test]
fn stale_map_181_days_is_stale() {
    let map = edited(&[("updated: 2026-10-01", "updated: 2026-05-26")]);
    assert_eq!(
        findings(&map),
        format!(
            "8:10 [stale-map] warning: the map was last reviewed on 2026-05-26, 181 days ago, more than the limit of 180 days | {STALE_HELP}\n"
        )
    );
}

#[test]
fn stale_map_quoted_date_is_read_too() {
    let map = edited(&[("updated: 2026-10-01", "updated: \"2025-11-23\"")]);
    assert_eq!(
        findings(&map),
        format!(
            "8:10 [stale-map] warning: the map was last reviewed on 2025-11-23, 365 days ago, more than the limit of 180 days | {STALE_HELP}\n"
        )
    );
}

#[test]
fn stale_map_future_date_is_not_stale() {
    let map = edited(&[("updated: 2026-10-01", "updated: 2027-06-01")]);
    assert_eq!(findings(&map), "");
}

#[test]
fn stale_map_missing_updated_is_info_at_the_top_level_object() {
    let map = edited(&[("updated: 2026-10-01\n", "")]);
    // The top-level object starts at its first key, `version` on line 5.
    assert_eq!(
        findings(&map),
        "5:1 [stale-map] info: the map does not say when it was last reviewed: `updated` is missing | add `updated: YYYY-MM-DD` with the date of the last review, so readers can tell whether the map is current\n"
    );
}

#[test]
fn stale_map_missing_updated_without_leading_comment_is_at_1_1() {
    let map = edited(&[("updated: 2026-10-01\n", "")]);
    let start = map.find("version: 1").expect("the base map has a version");
    let rendered = only(&findings(&map[start..]), "stale-map");
    assert!(rendered.starts_with("1:1 [stale-map] info: "), "{rendered}");
}

#[test]
fn stale_map_follows_stale_after_days() {
    // 2026-10-01 is 53 days before 2026-11-23.
    let map = edited(&[]);
    let mut options = options();
    options.settings.stale_after_days = 30;
    assert_eq!(
        findings_with(&map, &options),
        format!(
            "8:10 [stale-map] warning: the map was last reviewed on 2026-10-01, 53 days ago, more than the limit of 30 days | {STALE_HELP}\n"
        )
    );
    options.settings.stale_after_days = 53;
    assert_eq!(findings_with(&map, &options), "");
    options.settings.stale_after_days = 52;
    assert_eq!(
        only(&findings_with(&map, &options), "stale-map")
            .lines()
            .count(),
        1
    );
}

#[test]
fn stale_map_zero_days_and_a_single_day() {
    let map = edited(&[("updated: 2026-10-01", "updated: 2026-11-22")]);
    let mut options = options();
    options.settings.stale_after_days = 0;
    assert_eq!(
        findings_with(&map, &options),
        format!(
            "8:10 [stale-map] warning: the map was last reviewed on 2026-11-22, 1 day ago, more than the limit of 0 days | {STALE_HELP}\n"
        )
    );
}

// ------------------------------------------------ low-point-without-pain-point

const RETENTION_HELP: &str = "add a pain point with `stage: retention` that says what hurts here and how you know, or correct the emotion score";

#[test]
fn low_point_tie_points_at_the_stage_own_emotion() {
    let map = edited(&[
        (
            "    name: Retention\n    emotion: 4\n",
            "    name: Retention\n    emotion: 2\n",
        ),
        ("channel: email }", "channel: email, emotion: 2 }"),
    ]);
    assert_eq!(
        findings(&map),
        format!(
            "39:14 [low-point-without-pain-point] warning: stage \"retention\" has emotion 2, but no pain point is anchored in it | {RETENTION_HELP}\n"
        )
    );
}

#[test]
fn low_point_stage_lower_than_its_touchpoints() {
    let map = edited(&[
        (
            "    name: Retention\n    emotion: 4\n",
            "    name: Retention\n    emotion: 1\n",
        ),
        ("channel: email }", "channel: email, emotion: 2 }"),
    ]);
    assert_eq!(
        only(&findings(&map), "low-point-without-pain-point"),
        format!(
            "39:14 [low-point-without-pain-point] warning: stage \"retention\" has emotion 1, but no pain point is anchored in it | {RETENTION_HELP}\n"
        )
    );
}

#[test]
fn low_point_on_a_touchpoint_only_points_at_that_touchpoint() {
    // The stage has no emotion of its own; the first touchpoint with the minimum wins.
    let map = edited(&[
        (
            "    name: Retention\n    emotion: 4\n",
            "    name: Retention\n",
        ),
        (
            "      - { id: reorder-email, name: Weekly reorder email, channel: email }\n",
            "      - { id: reorder-email, name: Weekly reorder email, channel: email, emotion: 2 }\n      - { id: missing-item, name: Missing item call, channel: mobile app, emotion: 1 }\n      - { id: refund-mail, name: Refund mail, channel: email, emotion: 1 }\n",
        ),
    ]);
    assert_eq!(
        findings(&map),
        format!(
            "41:84 [low-point-without-pain-point] warning: stage \"retention\" drops to emotion 1 at touchpoint \"missing-item\", but no pain point is anchored in it | {RETENTION_HELP}\n"
        )
    );
}

#[test]
fn low_point_of_3_is_not_reported() {
    let map = edited(&[
        (
            "    name: Retention\n    emotion: 4\n",
            "    name: Retention\n    emotion: 3\n",
        ),
        ("channel: email }", "channel: email, emotion: 3 }"),
    ]);
    assert_eq!(findings(&map), "");
}

#[test]
fn low_point_with_a_pain_point_in_the_stage_is_not_reported() {
    // The base's decision stage has emotion 2 and pain point slot-full.
    let map = edited(&[(
        "channel: mobile app }\n    metrics:\n      - { name: checkout",
        "channel: mobile app, emotion: 1 }\n    metrics:\n      - { name: checkout",
    )]);
    assert_eq!(findings(&map), "");
}

// ---------------------------------------- channel-not-preferred, unused-preferred-channel

#[test]
fn channels_compare_normalized() {
    let map = edited(&[
        (
            "  channels: [social, mobile app, email]",
            "  channels: [' Social', Mobile_App, E-Mail]",
        ),
        (
            "name: App store page, channel: mobile app }",
            "name: App store page, channel: mobile - app }",
        ),
        (
            "name: Checkout page, channel: mobile app }",
            "name: Checkout page, channel: MOBILE-app }",
        ),
        (
            "channel: mobile app }\n    metrics:\n      - { name: referrals",
            "channel: mobile__app }\n    metrics:\n      - { name: referrals",
        ),
        ("channel: email }", "channel: e mail }"),
    ]);
    assert_eq!(findings(&map), "");
}

#[test]
fn channel_not_preferred_needs_persona_channels() {
    let map = edited(&[("  channels: [social, mobile app, email]\n", "")]);
    assert_eq!(
        findings(&map),
        "10:3 [persona-incomplete] warning: persona \"Maya, busy parent\" has no channels | add the persona's `channels` from research (interviews, surveys, analytics), so the journey can be read against them\n"
    );
}

#[test]
fn channel_not_preferred_and_unused_preferred_channel_together() {
    // The awareness ad moves from social to tv: social (listed twice) is now
    // unused, and tv is not among the persona's channels.
    let map = edited(&[
        (
            "  channels: [social, mobile app, email]",
            "  channels: [social, mobile app, email, social]",
        ),
        ("channel: social }", "channel: tv }"),
    ]);
    assert_eq!(
        findings(&map),
        "14:14 [unused-preferred-channel] warning: the persona prefers channel \"social\", but no touchpoint uses it | add a touchpoint where the persona would use this channel, or remove it from `persona.channels` if research does not support it\n\
         14:41 [unused-preferred-channel] warning: the persona prefers channel \"social\", but no touchpoint uses it | add a touchpoint where the persona would use this channel, or remove it from `persona.channels` if research does not support it\n\
         20:54 [channel-not-preferred] info: touchpoint \"insta-ad\" uses channel \"tv\", which is not among the persona's channels | meet the persona on a channel they prefer (\"social\", \"mobile app\", \"email\", \"social\"), or add \"tv\" to `persona.channels` if research shows they use it\n"
    );
}

// --------------------------------------------------- missing-standard-stage

/// A small complete map with these stages (id, name); nothing but
/// `missing-standard-stage` can fire on it. `stages` is on line 9.
fn stages_map(stages: &[(&str, &str)]) -> String {
    let mut map = String::from(
        "title: Stages only\nupdated: 2026-11-01\npersona:\n  name: Sam\n  needs: [n]\n  goals: [g]\n  challenges: [c]\n  channels: [web]\nstages:\n",
    );
    for (i, (id, name)) in stages.iter().enumerate() {
        map.push_str(&format!(
            "  - {{ id: {id}, name: {name}, emotion: 3, touchpoints: [{{ id: tp-{i}, name: Page, channel: web }}], metrics: [{{ name: visits }}] }}\n"
        ));
    }
    map.push_str("opportunities:\n  feedback: { methods: [survey] }\naction_plan: {}\n");
    map
}

fn missing_stage(standard: &str, key: &str, aliases: &str) -> String {
    format!(
        "10:3 [missing-standard-stage] info: no stage matches the standard stage \"{standard}\"{aliases} | add a stage with id or name \"{key}\" if the journey has one, or change `standard_stages` in .journeymap.yaml if it does not\n"
    )
}

#[test]
fn standard_stages_all_missing_name_their_aliases() {
    let map = stages_map(&[("browsing", "Browsing")]);
    // All at the same position, so the report orders them by message.
    assert_eq!(
        findings(&map),
        [
            missing_stage("advocacy", "advocacy", ""),
            missing_stage("awareness", "awareness", ""),
            missing_stage("consideration", "consideration", ""),
            missing_stage("decision", "decision", " (or its alias \"purchase\")"),
            missing_stage(
                "retention",
                "retention",
                " (or its aliases \"loyalty\" or \"service\")"
            ),
        ]
        .concat()
    );
}

#[test]
fn standard_stages_match_aliases_ids_and_names_case_insensitively() {
    let map = stages_map(&[
        ("see", "AWARENESS"),
        ("consideration", "Compare offers"),
        ("purchase", "Buy"),
        ("after-sales", "Service"),
        ("recommend", "Advocacy"),
    ]);
    assert_eq!(findings(&map), "");

    let map = stages_map(&[
        ("awareness", "Awareness"),
        ("consideration", "Consideration"),
        ("checkout", "Purchase"),
        ("repeat", "Loyalty"),
        ("advocacy", "Advocacy"),
    ]);
    assert_eq!(findings(&map), "");
}

#[test]
fn standard_stages_are_configurable_and_aliases_work_both_ways() {
    let mut options = options();
    options.settings.standard_stages = [
        "awareness",
        "Purchase",
        "onboarding",
        "First Use",
        "loyalty",
    ]
    .map(String::from)
    .to_vec();
    // `decision` satisfies the configured `Purchase`, `first-use` the configured
    // `First Use`, `retention` the configured `loyalty`.
    let map = stages_map(&[
        ("awareness", "Awareness"),
        ("decision", "Decision"),
        ("first-use", "First order"),
        ("retention", "Retention"),
    ]);
    assert_eq!(
        findings_with(&map, &options),
        missing_stage("onboarding", "onboarding", "")
    );

    let map = stages_map(&[("awareness", "Awareness"), ("onboard", "Onboarding")]);
    assert_eq!(
        findings_with(&map, &options),
        [
            missing_stage("First Use", "first use", ""),
            missing_stage("Purchase", "purchase", " (or its alias \"decision\")"),
            missing_stage(
                "loyalty",
                "loyalty",
                " (or its aliases \"retention\" or \"service\")"
            ),
        ]
        .concat()
    );
}

#[test]
fn standard_stage_listed_with_its_alias_is_reported_once() {
    let mut options = options();
    options.settings.standard_stages = ["decision", "purchase", "Decision"]
        .map(String::from)
        .to_vec();
    let map = stages_map(&[("browsing", "Browsing")]);
    assert_eq!(
        findings_with(&map, &options),
        missing_stage("decision", "decision", " (or its alias \"purchase\")")
    );
    options.settings.standard_stages = Vec::new();
    assert_eq!(findings_with(&map, &options), "");
}

// ------------------------------------------- stage-without-metrics, no-feedback-loop

#[test]
fn empty_metrics_list_is_no_metrics() {
    let map = edited(&[(
        "    metrics:\n      - { name: installs, value: 1200, unit: per week }\n",
        "    metrics: []\n",
    )]);
    assert_eq!(
        findings(&map),
        "23:5 [stage-without-metrics] info: stage \"consideration\" has no metrics | add the KPIs that show whether this stage works (conversion, drop-off, satisfaction), with a value and a target\n"
    );
}

const FEEDBACK_HELP: &str = "list in `opportunities.feedback.methods` how customer feedback is collected (surveys, interviews, reviews, social listening), with a `cadence` and an `owner`";

#[test]
fn empty_methods_list_points_at_feedback() {
    let map = edited(&[("    methods: [in-app survey]\n", "    methods: []\n")]);
    assert_eq!(
        findings(&map),
        format!(
            "61:5 [no-feedback-loop] warning: the feedback loop lists no methods: `opportunities.feedback` has no `methods` | {FEEDBACK_HELP}\n"
        )
    );
}

#[test]
fn missing_feedback_points_at_opportunities() {
    let map = edited(&[(
        "  feedback:\n    methods: [in-app survey]\n    cadence: monthly\n",
        "",
    )]);
    assert_eq!(
        findings(&map),
        format!(
            "52:3 [no-feedback-loop] warning: the map has no feedback loop: `opportunities.feedback` is missing | {FEEDBACK_HELP}\n"
        )
    );
}

// ------------------------------------------------- persona-incomplete, missing-emotion

#[test]
fn persona_incomplete_names_every_missing_part_once() {
    let map = edited(&[
        ("  needs: [save time on weekly shopping]\n", "  needs: []\n"),
        ("  challenges: [irregular shifts]\n", ""),
        ("  channels: [social, mobile app, email]\n", ""),
    ]);
    assert_eq!(
        findings(&map),
        "10:3 [persona-incomplete] warning: persona \"Maya, busy parent\" has no needs, challenges or channels | add the persona's `needs`, `challenges` and `channels` from research (interviews, surveys, analytics), so the journey can be read against them\n"
    );
}

#[test]
fn persona_incomplete_flow_mapping_points_at_the_brace() {
    let map = edited(&[(
        "persona:\n  name: Maya, busy parent\n  needs: [save time on weekly shopping]\n  goals: [get a full basket delivered in one slot]\n  challenges: [irregular shifts]\n  channels: [social, mobile app, email]\n",
        "persona: { name: Maya }\n",
    )]);
    assert_eq!(
        findings(&map),
        "9:10 [persona-incomplete] warning: persona \"Maya\" has no needs, goals, challenges or channels | add the persona's `needs`, `goals`, `challenges` and `channels` from research (interviews, surveys, analytics), so the journey can be read against them\n"
    );
}

#[test]
fn missing_emotion_only_when_no_touchpoint_has_one() {
    let no_emotion = edited(&[(
        "    name: Advocacy\n    emotion: 4\n",
        "    name: Advocacy\n",
    )]);
    assert_eq!(
        findings(&no_emotion),
        "44:5 [missing-emotion] info: stage \"advocacy\" has no emotion score, neither on the stage nor on any of its touchpoints | set `emotion` (1 very negative, 3 neutral, 5 delighted) on the stage or its touchpoints, from research\n"
    );
    let on_touchpoint = no_emotion.replacen(
        "channel: mobile app }\n    metrics:\n      - { name: referrals",
        "channel: mobile app, emotion: 5 }\n    metrics:\n      - { name: referrals",
        1,
    );
    assert_eq!(findings(&on_touchpoint), "");
}
