//! `unfunded-action`: an action that no resource entry names.

use foldhash::HashSet;

use super::{Context, Group, Rule, action_kind};
use crate::diagnostic::{Finding, Severity};

pub static RULE: Rule = Rule {
    id: "unfunded-action",
    group: Group::Plan,
    default_severity: Severity::Info,
    summary: "No resource entry names an action",
    docs: r#"## What it reports

An action — an initiative, pilot or improvement — whose id no entry of
`action_plan.resources` names in `action`. The finding points at the action
object.

## Why it matters

An action with no people and no budget behind it competes for time with
everything else the teams do. The plan looks complete, yet the change the
customer is waiting for may never be staffed.

## How to fix

Add a `resources` entry whose `action` is the action's id, with the people,
roles or budget it needs.

## Example

```yaml
  resources:
    - { action: waitlist-pilot, people: 3, budget: 20000, currency: GBP }
```
"#,
    check: Some(check),
};

fn check(context: &Context<'_>) -> Vec<Finding> {
    let plan = &context.map.action_plan;
    let funded: HashSet<&str> = plan
        .resources
        .iter()
        .map(|resource| resource.action)
        .collect();
    plan.actions()
        .filter(|(_, action)| !funded.contains(action.id))
        .map(|(pointer, action)| {
            let message = format!(
                "{} \"{}\" has no resources: no `resources` entry names it",
                action_kind(pointer),
                action.id
            );
            Finding::at_value(
                RULE.id,
                pointer.to_string(),
                message,
                format!(
                    "add a `resources` entry with `action: {}` and the people, roles or budget it needs",
                    action.id
                ),
            )
        })
        .collect()
}
