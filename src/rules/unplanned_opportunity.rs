//! `unplanned-opportunity`: an idea that no action takes up.

use super::{Context, Group, Rule, addressed_by_actions, idea_kind};
use crate::diagnostic::{Finding, Severity};

pub static RULE: Rule = Rule {
    id: "unplanned-opportunity",
    group: Group::Plan,
    default_severity: Severity::Warning,
    summary: "No action takes up an idea",
    docs: r#"## What it reports

An idea — an innovation or an efficiency — whose id no action (initiative,
pilot or improvement) lists in its `addresses`. The finding points at the
idea object.

## Why it matters

Ideas are only promises until someone plans the work. An idea no action
takes up will not change the customer's journey: the pain point or need it
answers stays where it is, while the map suggests it is being handled.

## How to fix

Add an initiative, pilot or improvement that lists the idea's id in
`addresses`, or add it to an existing action. If the idea will not be
pursued, remove it or record the decision with
`x-ignore: [unplanned-opportunity]` on the idea.

## Example

```yaml
  innovations:
    - { id: slot-waitlist, description: Waitlist for freed slots, addresses: [slot-full] }
action_plan:
  pilots:
    - id: waitlist-pilot
      title: Slot waitlist in Leeds stores
      addresses: [slot-waitlist]  # takes up the idea
```
"#,
    check: Some(check),
};

fn check(context: &Context<'_>) -> Vec<Finding> {
    let by_actions = addressed_by_actions(context.map);
    context.map.opportunities.ideas()
        .filter(|(_, idea)| !by_actions.contains(idea.id))
        .map(|(pointer, idea)| {
            let message = format!(
                "{} \"{}\" is not taken up by any action",
                idea_kind(pointer),
                idea.id
            );
            Finding::at_value(
                RULE.id,
                pointer.to_string(),
                message,
                format!(
                    "plan an initiative, pilot or improvement that lists \"{}\" in `addresses`, or drop the idea if it will not be pursued",
                    idea.id
                ),
            )
        })
        .collect()
}
