//! `missing-standard-stage`: a standard journey stage that none of the map's stages matches.

use super::{Context, Group, Rule, channel_key};
use crate::diagnostic::{Finding, Severity};

pub static RULE: Rule = Rule {
    id: "missing-standard-stage",
    group: Group::Gaps,
    default_severity: Severity::Info,
    summary: "None of the map's stages matches a standard journey stage",
    docs: r#"## What it reports

Each standard stage that none of the map's stages matches, one finding per
missing stage, pointing at the `stages` value. The standard stages are
awareness, consideration, decision, retention and advocacy; the list can be
changed with `standard_stages` in `.journeymap.yaml`.

A stage matches when its `id` or its `name` equals the standard stage or
one of its aliases, case-insensitively and treating every run of spaces,
`-` and `_` as one separator (`First use` = `first-use`). The aliases are
`decision` = `purchase` and `retention` = `loyalty` = `service`; they work
both ways, so a configured `purchase` is satisfied by a stage `decision`.
A standard stage listed twice, or together with one of its aliases, is
reported once.

## Why it matters

The standard stages are the skeleton of a customer journey: how customers
hear of you, compare, buy, stay and recommend. A map that skips one usually
has a blind spot there — often retention or advocacy, where the journey
goes on after the sale but the map stops.

## How to fix

Add the missing stage, with its touchpoints, or give an existing stage the
standard id or name. If this journey genuinely has no such stage, change
`standard_stages` in `.journeymap.yaml`.

## Example

```yaml
stages:
  - id: awareness
    name: Awareness
  - id: consideration
    name: Consideration
  - id: purchase          # alias of decision
    name: Purchase
  - id: loyalty           # alias of retention
    name: Loyalty
  - id: advocacy
    name: Advocacy
```
"#,
    check: Some(check),
};

/// The standard stages, in journey order; aliases are in the rule's docs.
pub const DEFAULT_STAGES: [&str; 5] = [
    "awareness",
    "consideration",
    "decision",
    "retention",
    "advocacy",
];

/// Names that stand for the same standard stage, in both directions.
const ALIASES: [&[&str]; 2] = [
    &["decision", "purchase"],
    &["retention", "loyalty", "service"],
];

/// The standard stage with its aliases, normalized like channel names.
fn group_of(standard: &str) -> Vec<String> {
    let key = channel_key(standard);
    match ALIASES.iter().find(|group| group.contains(&key.as_str())) {
        Some(group) => {
            let mut names = vec![key.clone()];
            names.extend(
                group
                    .iter()
                    .filter(|&&name| name != key)
                    .map(|&n| n.to_owned()),
            );
            names
        }
        None => vec![key],
    }
}

fn check(context: &Context<'_>) -> Vec<Finding> {
    let present: Vec<String> = context
        .map
        .stages
        .iter()
        .flat_map(|stage| [channel_key(&stage.id), channel_key(&stage.name)])
        .collect();
    let mut reported: Vec<Vec<String>> = Vec::new();
    let mut findings = Vec::new();
    for standard in &context.settings.standard_stages {
        let group = group_of(standard);
        let Some((key, aliases)) = group.split_first() else {
            continue;
        };
        if key.is_empty()
            || group.iter().any(|name| present.contains(name))
            || reported.iter().any(|seen| seen.contains(key))
        {
            continue;
        }
        let quoted: Vec<String> = aliases.iter().map(|a| format!("\"{a}\"")).collect();
        let alias_note = match quoted.as_slice() {
            [] => String::new(),
            [one] => format!(" (or its alias {one})"),
            [rest @ .., last] => format!(" (or its aliases {} or {last})", rest.join(", ")),
        };
        findings.push(Finding::at_value(
            RULE.id,
            "/stages",
            format!(
                "no stage matches the standard stage \"{}\"{alias_note}",
                standard.trim()
            ),
            format!(
                "add a stage with id or name \"{key}\" if the journey has one, or change `standard_stages` in .journeymap.yaml if it does not"
            ),
        ));
        reported.push(group);
    }
    findings
}
