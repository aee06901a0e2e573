//! `empty-stage`: a stage with no touchpoints.

use super::{Context, Group, Rule};
use crate::diagnostic::{Finding, Severity};

pub static RULE: Rule = Rule {
    id: "empty-stage",
    group: Group::Gaps,
    default_severity: Severity::Error,
    summary: "A stage has no touchpoints",
    docs: r#"## What it reports

A stage whose `touchpoints` list is empty. The finding points at the
`touchpoints` value.

## Why it matters

Touchpoints are where the customer meets the organisation: the ad, the
checkout page, the support call. A stage without one says nothing about
where the experience happens, so no pain point can be anchored in it and no
one can own improving it.

## How to fix

List the touchpoints of the stage, each with an id, a name and a channel.

## Example

```yaml
  - id: retention
    name: Retention
    touchpoints:
      - { id: reorder-email, name: Weekly reorder email, channel: email }
```
"#,
    check: Some(check),
};

fn check(context: &Context<'_>) -> Vec<Finding> {
    context
        .map
        .stages
        .iter()
        .enumerate()
        .filter(|(_, stage)| stage.touchpoints.is_empty())
        .map(|(i, stage)| {
            Finding::at_value(
                RULE.id,
                format!("/stages/{i}/touchpoints"),
                format!("stage \"{}\" has no touchpoints", stage.id),
                "add the touchpoints where the customer meets you in this stage (a page, an email, a call, a visit)",
            )
        })
        .collect()
}
