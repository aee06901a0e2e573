//! `missing-due-date`: an action with no due date that no milestone delivers.

use foldhash::HashSet;

use super::{Context, Group, Rule, action_kind};
use crate::diagnostic::{Finding, Severity};

pub static RULE: Rule = Rule {
    id: "missing-due-date",
    group: Group::Plan,
    default_severity: Severity::Warning,
    summary: "An action has no due date and no milestone delivers it",
    docs: r#"## What it reports

An action — an initiative, pilot or improvement — with no `due` date whose
id no milestone lists in `delivers`. The finding points at the action
object.

## Why it matters

Without a date, an action has no place on the timeline: no one can tell
when the customer will feel the difference, whether the work is late, or in
what order the pain points will be relieved.

## How to fix

Set `due` on the action, or list its id in the `delivers` of a dated
milestone.

## Example

```yaml
  initiatives:
    - id: substitutes-at-checkout
      title: Substitutes at checkout
      due: 2027-02-01
  milestones:
    - { name: Pilot live, date: 2026-11-20, delivers: [waitlist-pilot] }
```
"#,
    check: Some(check),
};

fn check(context: &Context<'_>) -> Vec<Finding> {
    let plan = &context.map.action_plan;
    let delivered: HashSet<&str> = plan
        .milestones
        .iter()
        .flat_map(|milestone| milestone.delivers.iter().copied())
        .collect();
    plan.actions()
        .filter(|(_, action)| action.due.is_none() && !delivered.contains(action.id))
        .map(|(pointer, action)| {
            let message = format!(
                "{} \"{}\" has no due date and no milestone delivers it",
                action_kind(pointer),
                action.id
            );
            Finding::at_value(
                RULE.id,
                pointer.to_string(),
                message,
                format!(
                    "set `due`, or list \"{}\" in the `delivers` of a milestone",
                    action.id
                ),
            )
        })
        .collect()
}
