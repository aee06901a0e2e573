//! `unaddressed-need`: an unmet need that no idea and no action addresses.

use super::{Context, Group, Rule, addressed_by_ideas_or_actions};
use crate::diagnostic::{Finding, Severity};

pub static RULE: Rule = Rule {
    id: "unaddressed-need",
    group: Group::Plan,
    default_severity: Severity::Warning,
    summary: "No idea or action addresses an unmet need",
    docs: r#"## What it reports

An unmet need whose id no idea (innovation or efficiency) and no action
(initiative, pilot or improvement) lists in its `addresses`. The finding
points at the unmet need object.

## Why it matters

An unmet need is something the customer wants that nothing serves today —
often the seed of the next product or service. Recorded but never taken up,
it stays a note in the map: the customer's need is still unmet, and a
competitor may be the one to meet it.

## How to fix

Add an idea or an action that lists the need's id in `addresses`, or list it
in the `addresses` of an existing one.

## Example

```yaml
  unmet_needs:
    - { id: substitutions, description: Choose substitutes before the shop, stage: decision }
  efficiencies:
    - id: substitution-picker
      description: Pick substitutes at checkout
      addresses: [substitutions]  # answers the need
```
"#,
    check: Some(check),
};

fn check(context: &Context<'_>) -> Vec<Finding> {
    let addressed = addressed_by_ideas_or_actions(context.map);
    context
        .map
        .opportunities
        .unmet_needs
        .iter()
        .enumerate()
        .filter(|(_, need)| !addressed.contains(need.id))
        .map(|(i, need)| {
            Finding::at_value(
                RULE.id,
                format!("/opportunities/unmet_needs/{i}"),
                format!(
                    "unmet need \"{}\" is not addressed by any idea or action",
                    need.id
                ),
                format!(
                    "add an idea or an action that lists \"{}\" in `addresses`, or add it to the `addresses` of an existing one",
                    need.id
                ),
            )
        })
        .collect()
}
