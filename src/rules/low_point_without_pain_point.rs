//! `low-point-without-pain-point`: a stage whose emotion drops to 1 or 2 with no pain point in it.

use foldhash::HashSet;

use super::{Context, Group, Rule};
use crate::diagnostic::{Finding, Severity};

pub static RULE: Rule = Rule {
    id: "low-point-without-pain-point",
    group: Group::Gaps,
    default_severity: Severity::Warning,
    summary: "A stage's emotion drops to 1 or 2 but no pain point is anchored in it",
    docs: r#"## What it reports

A stage whose low point — the minimum of its own `emotion` and its
touchpoints' emotions — is 1 or 2, while no pain point has `stage:` set to
that stage's id. The finding points at the lowest `emotion` value: the
stage's own when it ties with a touchpoint, else the first touchpoint in
file order with the lowest score.

## Why it matters

A low point on the emotion curve is the clearest signal that something
hurts. If no pain point says what, the map records the symptom but not the
problem, and nothing in the opportunities or the action plan can address
it.

## How to fix

Add a pain point with `stage:` set to the stage (and `touchpoint:` where
the low point is), describing what goes wrong and how you know. If the
score itself is wrong, correct it.

## Example

```yaml
opportunities:
  pain_points:
    - id: slot-full
      description: Evening delivery slots are full by Tuesday
      stage: decision
      touchpoint: checkout
```
"#,
    check: Some(check),
};

fn check(context: &Context<'_>) -> Vec<Finding> {
    // The stages pain points are anchored in, looked up once per stage.
    let anchored: HashSet<&str> = context
        .map
        .opportunities
        .pain_points
        .iter()
        .map(|p| p.stage)
        .collect();
    let mut findings = Vec::new();
    for (i, stage) in context.map.stages.iter().enumerate() {
        // The lowest score, and the touchpoint it is on (`None`: the stage's own).
        let mut low: Option<(u8, Option<usize>)> = stage.emotion.map(|e| (e, None));
        for (j, touchpoint) in stage.touchpoints.iter().enumerate() {
            if let Some(emotion) = touchpoint.emotion
                && low.is_none_or(|(lowest, _)| emotion < lowest)
            {
                low = Some((emotion, Some(j)));
            }
        }
        let Some((emotion, at)) = low else {
            continue;
        };
        if emotion > 2 || anchored.contains(stage.id) {
            continue;
        }
        let help = format!(
            "add a pain point with `stage: {}` that says what hurts here and how you know, or correct the emotion score",
            stage.id
        );
        findings.push(match at.and_then(|j| Some((j, stage.touchpoints.get(j)?))) {
            Some((j, touchpoint)) => Finding::at_value(
                RULE.id,
                format!("/stages/{i}/touchpoints/{j}/emotion"),
                format!(
                    "stage \"{}\" drops to emotion {emotion} at touchpoint \"{}\", but no pain point is anchored in it",
                    stage.id, touchpoint.id
                ),
                help,
            ),
            None => Finding::at_value(
                RULE.id,
                format!("/stages/{i}/emotion"),
                format!(
                    "stage \"{}\" has emotion {emotion}, but no pain point is anchored in it",
                    stage.id
                ),
                help,
            ),
        });
    }
    findings
}
