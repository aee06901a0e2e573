//! `unaddressed-pain-point`: a pain point that no idea and no action addresses.

use super::{Context, Group, Rule, addressed_by_ideas_or_actions};
use crate::diagnostic::{Finding, Severity};

pub static RULE: Rule = Rule {
    id: "unaddressed-pain-point",
    group: Group::Plan,
    default_severity: Severity::Warning,
    summary: "No idea or action addresses a pain point",
    docs: r#"## What it reports

A pain point whose id no idea (innovation or efficiency) and no action
(initiative, pilot or improvement) lists in its `addresses`. The finding
points at the pain point object; the message quotes its severity when it has
one.

## Why it matters

A journey map exists to turn what hurts the customer into what the
organisation will do about it. A pain point nothing answers is a known
problem left on the table: the customer keeps meeting it, and the plan gives
no sign that anyone decided to live with it rather than overlooked it.

## How to fix

Add an idea or an action that lists the pain point's id in `addresses`, or
list it in the `addresses` of an existing one. If the organisation has
decided not to act on it, say so with `x-ignore: [unaddressed-pain-point]`
on the pain point.

## Example

```yaml
  pain_points:
    - { id: slot-full, description: Evening slots full by Tuesday, stage: decision, severity: 4 }
  innovations:
    - id: slot-waitlist
      description: Waitlist for freed slots
      addresses: [slot-full]      # answers the pain point
```
"#,
    check: Some(check),
};

fn check(context: &Context<'_>) -> Vec<Finding> {
    let addressed = addressed_by_ideas_or_actions(context.map);
    context
        .map
        .opportunities
        .pain_points
        .iter()
        .enumerate()
        .filter(|(_, pain_point)| !addressed.contains(pain_point.id))
        .map(|(i, pain_point)| {
            let severity = pain_point
                .severity
                .map_or(String::new(), |severity| format!(" (severity {severity})"));
            Finding::at_value(
                RULE.id,
                format!("/opportunities/pain_points/{i}"),
                format!(
                    "pain point \"{}\"{severity} is not addressed by any idea or action",
                    pain_point.id
                ),
                format!(
                    "add an idea or an action that lists \"{}\" in `addresses`, or add it to the `addresses` of an existing one",
                    pain_point.id
                ),
            )
        })
        .collect()
}
