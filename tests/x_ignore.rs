//! `x-ignore: [rule-id, …]` silences findings located in the object that
//! carries it or inside it — and nothing else.

mod common;

use common::{edited, options, render};
use journeymap::check::check_bytes;

fn findings(map: &str) -> String {
    render(&check_bytes("map.yaml", map.as_bytes(), &options()).diagnostics)
}

/// Two stages lose their metrics; the advocacy stage's own `x-ignore`
/// silences its finding only.
const NO_METRICS: [(&str, &str); 2] = [
    (
        "    metrics:\n      - { name: installs, value: 1200, unit: per week }\n",
        "",
    ),
    (
        "    metrics:\n      - { name: referrals per customer, value: 0.1 }\n",
        "",
    ),
];

#[test]
fn without_x_ignore_both_stages_are_reported() {
    assert_eq!(
        findings(&edited(&NO_METRICS)),
        "23:5 [stage-without-metrics] info: stage \"consideration\" has no metrics | add the KPIs that show whether this stage works (conversion, drop-off, satisfaction), with a value and a target\n\
         42:5 [stage-without-metrics] info: stage \"advocacy\" has no metrics | add the KPIs that show whether this stage works (conversion, drop-off, satisfaction), with a value and a target\n"
    );
}

#[test]
fn on_an_object_it_silences_that_object_only() {
    let mut edits = NO_METRICS.to_vec();
    edits.push((
        "    name: Advocacy\n",
        "    name: Advocacy\n    x-ignore: [stage-without-metrics]\n",
    ));
    let out = findings(&edited(&edits));
    assert!(
        out.contains("stage \"consideration\" has no metrics"),
        "{out}"
    );
    assert!(!out.contains("stage \"advocacy\""), "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");
}

#[test]
fn at_the_top_level_it_silences_the_whole_file() {
    let mut edits = NO_METRICS.to_vec();
    edits.push((
        "title: First online grocery order\n",
        "title: First online grocery order\nx-ignore: [stage-without-metrics]\n",
    ));
    assert_eq!(findings(&edited(&edits)), "");
}

#[test]
fn it_silences_only_the_rules_it_names() {
    let mut edits = NO_METRICS.to_vec();
    edits.push((
        "    name: Advocacy\n",
        "    name: Advocacy\n    x-ignore: [missing-emotion, stage-without-metrics]\n",
    ));
    edits.push((
        "    emotion: 4\n    touchpoints:\n      - { id: referral",
        "    touchpoints:\n      - { id: referral",
    ));
    let out = findings(&edited(&edits));
    assert!(!out.contains("advocacy"), "{out}");

    // The same map with x-ignore naming another rule: both findings come back.
    let mut edits = NO_METRICS.to_vec();
    edits.push((
        "    name: Advocacy\n",
        "    name: Advocacy\n    x-ignore: [missing-owner]\n",
    ));
    edits.push((
        "    emotion: 4\n    touchpoints:\n      - { id: referral",
        "    touchpoints:\n      - { id: referral",
    ));
    let out = findings(&edited(&edits));
    assert!(
        out.contains("[missing-emotion] info: stage \"advocacy\""),
        "{out}"
    );
    assert!(
        out.contains("[stage-without-metrics] info: stage \"advocacy\""),
        "{out}"
    );
}

#[test]
fn a_finding_inside_the_object_is_silenced() {
    // The persona prefers a channel nobody uses: the finding is on the list
    // element, inside the persona that carries x-ignore.
    let unused = (
        "channels: [social, mobile app, email]",
        "channels: [social, mobile app, email, phone]",
    );
    let out = findings(&edited(&[unused]));
    assert!(
        out.starts_with("14:41 [unused-preferred-channel] warning: "),
        "{out}"
    );

    let silenced = edited(&[
        unused,
        (
            "  name: Maya, busy parent\n",
            "  name: Maya, busy parent\n  x-ignore: [unused-preferred-channel]\n",
        ),
    ]);
    assert_eq!(findings(&silenced), "");
}

#[test]
fn in_a_flow_mapping() {
    let map = edited(&[(
        "- { id: insta-ad, name: Instagram ad, channel: social }",
        "- { id: insta-ad, name: Instagram ad, channel: billboard, x-ignore: [channel-not-preferred] }",
    )]);
    // Only the touchpoint's own finding is silenced; the persona's channel
    // "social" is now unused, which is reported on the persona.
    let out = findings(&map);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("[unused-preferred-channel]"), "{out}");
}

#[test]
fn in_a_sibling_or_child_object_it_does_not_silence() {
    // x-ignore on a touchpoint does not reach a finding on its stage.
    let map = edited(&[
        NO_METRICS[1],
        (
            "- { id: referral, name: Refer-a-friend screen, channel: mobile app }",
            "- { id: referral, name: Refer-a-friend screen, channel: mobile app, x-ignore: [stage-without-metrics] }",
        ),
    ]);
    let out = findings(&map);
    assert!(out.contains("stage \"advocacy\" has no metrics"), "{out}");

    // Nor does x-ignore on another stage.
    let map = edited(&[
        NO_METRICS[1],
        (
            "    name: Awareness\n",
            "    name: Awareness\n    x-ignore: [stage-without-metrics]\n",
        ),
    ]);
    let out = findings(&map);
    assert!(out.contains("stage \"advocacy\" has no metrics"), "{out}");
}

#[test]
fn an_unknown_rule_id_is_a_schema_finding() {
    let map = edited(&[(
        "  name: Maya, busy parent\n",
        "  name: Maya, busy parent\n  x-ignore: [persona-incomplet]\n",
    )]);
    let out = findings(&map);
    assert!(out.starts_with("11:14 [schema] error: "), "{out}");
    assert!(out.contains("persona-incomplet"), "{out}");
    assert!(
        out.contains("did you mean \"persona-incomplete\"?"),
        "{out}"
    );
}

#[test]
fn yaml_syntax_and_schema_cannot_be_silenced() {
    for rule in ["schema", "yaml-syntax"] {
        let map = edited(&[(
            "title: First online grocery order\n",
            &format!("title: First online grocery order\nx-ignore: [{rule}]\n"),
        )]);
        let out = findings(&map);
        assert!(out.starts_with("7:12 [schema] error: "), "{rule}: {out}");
        assert!(out.contains("cannot silence"), "{rule}: {out}");
    }
    // And a schema error elsewhere in an object with x-ignore: [schema] is still reported.
    let map = edited(&[
        (
            "title: First online grocery order\n",
            "title: First online grocery order\nx-ignore: [schema]\n",
        ),
        ("    emotion: 3\n", "    emotion: 9\n"),
    ]);
    let out = findings(&map);
    assert_eq!(out.matches("[schema]").count(), 2, "{out}");
}
