//! `missing-emotion`: a stage with no emotion score, on itself or any touchpoint.

use super::{Context, Group, Rule};
use crate::diagnostic::{Finding, Severity};

pub static RULE: Rule = Rule {
    id: "missing-emotion",
    group: Group::Gaps,
    default_severity: Severity::Info,
    summary: "A stage has no emotion score, on itself or any touchpoint",
    docs: r#"## What it reports

A stage with no `emotion` of its own and none of whose touchpoints has an
`emotion`. The finding points at the stage object.

## Why it matters

The emotion curve is the heart of a journey map: it shows where the
customer is delighted and where they struggle, and so where to look for
pain points. A stage without any score leaves a hole in the curve, and its
low points (see `low-point-without-pain-point`) cannot be found.

## How to fix

Score how the customer feels in this stage, from 1 (very negative) through
3 (neutral) to 5 (delighted), on the stage or on its touchpoints, based on
research.

## Example

```yaml
  - id: awareness
    name: Awareness
    emotion: 3
    touchpoints:
      - { id: insta-ad, name: Instagram ad, channel: social, emotion: 4 }
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
        .filter(|(_, stage)| {
            stage.emotion.is_none() && stage.touchpoints.iter().all(|t| t.emotion.is_none())
        })
        .map(|(i, stage)| {
            Finding::at_value(
                RULE.id,
                format!("/stages/{i}"),
                format!(
                    "stage \"{}\" has no emotion score, neither on the stage nor on any of its touchpoints",
                    stage.id
                ),
                "set `emotion` (1 very negative, 3 neutral, 5 delighted) on the stage or its touchpoints, from research",
            )
        })
        .collect()
}
