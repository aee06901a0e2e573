//! `touchpoint-stage-mismatch`: a pain point's touchpoint belongs to another stage.

use super::ids::Kind;
use super::{Context, Group, Rule};
use crate::diagnostic::{Finding, Severity};

pub static RULE: Rule = Rule {
    id: "touchpoint-stage-mismatch",
    group: Group::Structure,
    default_severity: Severity::Error,
    summary: "A pain point's touchpoint belongs to another stage than its stage",
    docs: r#"## What it reports

A pain point whose `touchpoint` is a touchpoint of a different stage than
the one its `stage` names. The finding points at the pain point's
`touchpoint` value.

## Why it matters

A pain point is anchored at one moment of the journey. When its stage and
touchpoint disagree, the gap report, the stage matrix and the emotion curve
place it in two moments at once, and the low-point check may count it for
the wrong stage.

## How to fix

Change `stage` to the touchpoint's stage, or `touchpoint` to one of the
stage's touchpoints.

## Example

```yaml
  pain_points:
    - id: slot-full
      description: Evening delivery slots are full by Tuesday
      stage: decision
      touchpoint: checkout      # must be a touchpoint of stage "decision"
```
"#,
    check: Some(check),
};

fn check(context: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (i, pain_point) in context.map.opportunities.pain_points.iter().enumerate() {
        let Some(touchpoint) = &pain_point.touchpoint else {
            continue;
        };
        let stage = context
            .ids
            .resolve(pain_point.stage)
            .filter(|d| d.kind == Kind::Stage);
        let touchpoint_definition = context
            .ids
            .resolve(touchpoint)
            .filter(|d| d.kind == Kind::Touchpoint);
        // Unknown ids are unknown-reference's to report.
        let (Some(_), Some(touchpoint_definition)) = (stage, touchpoint_definition) else {
            continue;
        };
        let Some(owner) = touchpoint_definition.stage else {
            continue;
        };
        if owner != pain_point.stage {
            findings.push(Finding::at_value(
                RULE.id,
                format!("/opportunities/pain_points/{i}/touchpoint"),
                format!(
                    "pain point \"{}\" is in stage \"{}\" but its touchpoint \"{touchpoint}\" belongs to stage \"{owner}\"",
                    pain_point.id, pain_point.stage
                ),
                format!(
                    "set `stage: {owner}`, or name a touchpoint of stage \"{}\"",
                    pain_point.stage
                ),
            ));
        }
    }
    findings
}
