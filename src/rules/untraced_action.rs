//! `untraced-action`: an action that does not say what it addresses.

use super::{Context, Group, Rule, action_kind};
use crate::diagnostic::{Finding, Severity};

pub static RULE: Rule = Rule {
    id: "untraced-action",
    group: Group::Plan,
    default_severity: Severity::Warning,
    summary: "An action does not say what it addresses",
    docs: r#"## What it reports

An action — an initiative, pilot or improvement — whose `addresses` is
missing or an empty list. The finding points at `addresses` when it is
present but empty, else at the action object.

## Why it matters

Every action should trace back to something the customer experiences: an
idea, a pain point or an unmet need. Work that traces to nothing cannot be
judged by its effect on the journey, and it hides which pain points the plan
really answers.

## How to fix

List in `addresses` the ids of the ideas, pain points or unmet needs the
action answers. If it answers none, ask whether it belongs in this map.

## Example

```yaml
  initiatives:
    - id: substitutes-at-checkout
      title: Substitutes at checkout
      addresses: [substitution-picker]   # an idea, pain point or unmet need
```
"#,
    check: Some(check),
};

fn check(context: &Context<'_>) -> Vec<Finding> {
    context.map.action_plan.actions()
        .filter(|(_, action)| action.addresses.is_empty())
        .map(|(pointer, action)| {
            let kind = action_kind(pointer);
            let addresses = format!("{pointer}/addresses");
            let help = "list in `addresses` the ideas, pain points or unmet needs this action answers";
            if context.value.pointer(&addresses).is_some() {
                Finding::at_value(
                    RULE.id,
                    addresses,
                    format!(
                        "{kind} \"{}\" has an empty `addresses` list, so it is not traced to any idea, pain point or unmet need",
                        action.id
                    ),
                    help,
                )
            } else {
                Finding::at_value(
                    RULE.id,
                    pointer.to_string(),
                    format!(
                        "{kind} \"{}\" does not say which idea, pain point or unmet need it addresses",
                        action.id
                    ),
                    help,
                )
            }
        })
        .collect()
}
