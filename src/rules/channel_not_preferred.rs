//! `channel-not-preferred`: a touchpoint on a channel the persona does not list.

use std::borrow::Cow;

use super::{Context, Group, Rule, channel_key};
use crate::diagnostic::{Finding, Severity};

pub static RULE: Rule = Rule {
    id: "channel-not-preferred",
    group: Group::Gaps,
    default_severity: Severity::Info,
    summary: "A touchpoint uses a channel the persona does not list",
    docs: r#"## What it reports

A touchpoint whose `channel` is not among `persona.channels`. Channels
compare after lower-casing, trimming, and treating every run of spaces,
`-` and `_` as one separator (`Mobile App` = `mobile-app`). Nothing is
reported when the persona lists no channels (`persona-incomplete` reports
that). The finding points at the touchpoint's `channel` value.

## Why it matters

Meeting the customer on a channel they do not prefer costs attention and
trust: the message is missed, or arrives where it is unwelcome. Either the
touchpoint should move to a channel the persona uses, or the persona is
missing a channel the research shows they do use.

## How to fix

Move the touchpoint to one of the persona's channels, or add its channel
to `persona.channels` if research shows the persona uses it.

## Example

```yaml
persona:
  channels: [social, mobile app, email]
stages:
  - id: awareness
    name: Awareness
    touchpoints:
      - { id: insta-ad, name: Instagram ad, channel: social }
```
"#,
    check: Some(check),
};

fn check(context: &Context<'_>) -> Vec<Finding> {
    let persona = &context.map.persona;
    if persona.channels.is_empty() {
        return Vec::new();
    }
    let preferred: Vec<Cow<'_, str>> = persona.channels.iter().map(|c| channel_key(c)).collect();
    // The persona's channels as the help lists them, written for the first finding only.
    let mut listed: Option<String> = None;
    let mut findings = Vec::new();
    for (i, stage) in context.map.stages.iter().enumerate() {
        for (j, touchpoint) in stage.touchpoints.iter().enumerate() {
            if preferred.contains(&channel_key(touchpoint.channel)) {
                continue;
            }
            let listed = listed.get_or_insert_with(|| {
                persona
                    .channels
                    .iter()
                    .map(|c| format!("\"{c}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            findings.push(Finding::at_value(
                RULE.id,
                format!("/stages/{i}/touchpoints/{j}/channel"),
                format!(
                    "touchpoint \"{}\" uses channel \"{}\", which is not among the persona's channels",
                    touchpoint.id, touchpoint.channel
                ),
                format!(
                    "meet the persona on a channel they prefer ({listed}), or add \"{}\" to `persona.channels` if research shows they use it",
                    touchpoint.channel
                ),
            ));
        }
    }
    findings
}
