//! `missing-standard-stage`: a standard journey stage that none of the map's stages matches.

use std::borrow::Cow;

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

/// A standard stage as compared: its key (normalized like channel names)
/// and the alias group the key is in, if any. Borrows from the settings,
/// so checking a map allocates nothing unless a stage is missing.
struct Standard<'a> {
    key: Cow<'a, str>,
    /// The whole alias group, the key included; empty when the key has none.
    group: &'static [&'static str],
}

impl<'a> Standard<'a> {
    fn new(standard: &'a str) -> Standard<'a> {
        let key = channel_key(standard);
        let group = ALIASES
            .iter()
            .find(|group| group.contains(&&*key))
            .map_or(&[][..], |group| *group);
        Standard { key, group }
    }

    /// The key's aliases, in the order of its group.
    fn aliases(&self) -> impl Iterator<Item = &'static str> {
        self.group.iter().copied().filter(|&name| name != self.key)
    }

    /// Whether `name` is the key or one of its aliases.
    fn contains(&self, name: &str) -> bool {
        self.key == name || self.group.contains(&name)
    }
}

fn check(context: &Context<'_>) -> Vec<Finding> {
    let stages = &context.map.stages;
    let mut present: Vec<Cow<'_, str>> = Vec::with_capacity(2 * stages.len());
    for stage in stages {
        present.extend([channel_key(stage.id), channel_key(stage.name)]);
    }
    let mut reported: Vec<Standard<'_>> = Vec::new();
    let mut findings = Vec::new();
    for standard in &context.settings.standard_stages {
        let group = Standard::new(standard);
        let key = &*group.key;
        if key.is_empty()
            || present.iter().any(|name| group.contains(name))
            || reported.iter().any(|seen| seen.contains(key))
        {
            continue;
        }
        let quoted: Vec<String> = group.aliases().map(|a| format!("\"{a}\"")).collect();
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
