//! `unused-preferred-channel`: a channel the persona prefers that no touchpoint uses.

use std::borrow::Cow;

use super::{Context, Group, Rule, channel_key};
use crate::diagnostic::{Finding, Severity};

pub static RULE: Rule = Rule {
    id: "unused-preferred-channel",
    group: Group::Gaps,
    default_severity: Severity::Warning,
    summary: "A channel the persona prefers is used by no touchpoint",
    docs: r#"## What it reports

An element of `persona.channels` that no touchpoint's `channel` matches.
Channels compare after lower-casing, trimming, and treating every run of
spaces, `-` and `_` as one separator (`Mobile App` = `mobile-app`). The
finding points at the element of the persona's channel list.

## Why it matters

The persona says where the customer wants to hear from you. A preferred
channel that appears nowhere in the journey is either a missed opportunity
to meet the customer where they are, or a sign that the persona and the
journey were researched separately and no longer agree.

## How to fix

Add the touchpoint where the persona would use this channel, or remove the
channel from the persona if research does not support it.

## Example

```yaml
persona:
  channels: [mobile app, email]
stages:
  - id: retention
    name: Retention
    touchpoints:
      - { id: reorder-email, name: Weekly reorder email, channel: email }
```
"#,
    check: Some(check),
};

fn check(context: &Context<'_>) -> Vec<Finding> {
    let touchpoints = context
        .map
        .stages
        .iter()
        .flat_map(|stage| &stage.touchpoints);
    // Sized up front: collecting from `flat_map` would grow it step by step.
    let mut used: Vec<Cow<'_, str>> = Vec::with_capacity(touchpoints.clone().count());
    used.extend(touchpoints.map(|touchpoint| channel_key(touchpoint.channel)));
    context
        .map
        .persona
        .channels
        .iter()
        .enumerate()
        .filter(|(_, channel)| !used.contains(&channel_key(channel)))
        .map(|(k, channel)| {
            Finding::at_value(
                RULE.id,
                format!("/persona/channels/{k}"),
                format!("the persona prefers channel \"{channel}\", but no touchpoint uses it"),
                "add a touchpoint where the persona would use this channel, or remove it from `persona.channels` if research does not support it",
            )
        })
        .collect()
}
