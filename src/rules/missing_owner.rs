//! `missing-owner`: an action without an owner.

use super::{Context, Group, Rule, action_kind};
use crate::diagnostic::{Finding, Severity};

pub static RULE: Rule = Rule {
    id: "missing-owner",
    group: Group::Plan,
    default_severity: Severity::Warning,
    summary: "An action has no owner",
    docs: r#"## What it reports

An action — an initiative, pilot or improvement — without an `owner`. The
finding points at the action object.

## Why it matters

An action nobody owns is an action nobody delivers. The customer's pain
point stays open while each team assumes another has it, and there is no one
to ask when the plan slips.

## How to fix

Set `owner` to the person or team accountable for delivering the action.

## Example

```yaml
  pilots:
    - id: waitlist-pilot
      title: Slot waitlist in Leeds stores
      owner: Delivery squad
```
"#,
    check: Some(check),
};

fn check(context: &Context<'_>) -> Vec<Finding> {
    context
        .map
        .action_plan
        .actions()
        .filter(|(_, action)| action.owner.is_none())
        .map(|(pointer, action)| {
            let message = format!("{} \"{}\" has no owner", action_kind(pointer), action.id);
            Finding::at_value(
                RULE.id,
                pointer.to_string(),
                message,
                "set `owner` to the person or team accountable for delivering it",
            )
        })
        .collect()
}
