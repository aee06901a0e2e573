//! `pilot-without-success-criteria`: a pilot that does not say how success is judged.

use super::{Context, Group, Rule};
use crate::diagnostic::{Finding, Severity};

pub static RULE: Rule = Rule {
    id: "pilot-without-success-criteria",
    group: Group::Plan,
    default_severity: Severity::Warning,
    summary: "A pilot has no success criteria",
    docs: r#"## What it reports

A pilot whose `success_criteria` is missing or an empty list. The finding
points at the pilot object. Initiatives and improvements are not concerned.

## Why it matters

A pilot is an experiment: it is run to decide whether to roll a change out
to every customer. Without criteria agreed beforehand, any result can be
read as success, and the decision to scale up or stop is made on opinion
rather than on what the customers did.

## How to fix

List in `success_criteria` the measurable outcomes that decide whether the
pilot succeeded, ideally tied to a stage metric.

## Example

```yaml
  pilots:
    - id: waitlist-pilot
      title: Slot waitlist in Leeds stores
      success_criteria: [10% fewer abandoned checkouts]
```
"#,
    check: Some(check),
};

fn check(context: &Context<'_>) -> Vec<Finding> {
    context
        .map
        .action_plan
        .pilots
        .iter()
        .enumerate()
        .filter(|(_, pilot)| pilot.success_criteria.is_empty())
        .map(|(i, pilot)| {
            Finding::at_value(
                RULE.id,
                format!("/action_plan/pilots/{i}"),
                format!("pilot \"{}\" has no success criteria", pilot.id),
                "list in `success_criteria` the measurable outcomes that decide whether the pilot succeeded",
            )
        })
        .collect()
}
