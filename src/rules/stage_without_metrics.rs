//! `stage-without-metrics`: a stage with no metrics.

use super::{Context, Group, Rule};
use crate::diagnostic::{Finding, Severity};

pub static RULE: Rule = Rule {
    id: "stage-without-metrics",
    group: Group::Gaps,
    default_severity: Severity::Info,
    summary: "A stage has no metrics",
    docs: r#"## What it reports

A stage with no `metrics`, or an empty list of them. The finding points at
the stage object.

## Why it matters

Metrics tell whether a stage works and whether an improvement helped. A
stage without any cannot show its drop-off, so its problems rest on
anecdote and the effect of any action planned for it cannot be measured.

## How to fix

Add the key performance indicators of the stage — conversion, drop-off,
time to complete, satisfaction — with their current `value` and a
`target`.

## Example

```yaml
  - id: decision
    name: Decision
    touchpoints:
      - { id: checkout, name: Checkout page, channel: mobile app }
    metrics:
      - { name: checkout conversion, value: 0.41, target: 0.6 }
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
        .filter(|(_, stage)| stage.metrics.is_empty())
        .map(|(i, stage)| {
            Finding::at_value(
                RULE.id,
                format!("/stages/{i}"),
                format!("stage \"{}\" has no metrics", stage.id),
                "add the KPIs that show whether this stage works (conversion, drop-off, satisfaction), with a value and a target",
            )
        })
        .collect()
}
