//! `unscored-opportunity`: an idea without impact or effort, so it has no priority score.

use super::{Context, Group, Rule, idea_kind};
use crate::diagnostic::{Finding, Severity};

pub static RULE: Rule = Rule {
    id: "unscored-opportunity",
    group: Group::Plan,
    default_severity: Severity::Info,
    summary: "An idea lacks impact or effort, so it cannot be ranked",
    docs: r#"## What it reports

An idea — an innovation or an efficiency — without `impact`, without
`effort`, or without both. The message names what is missing. The finding
points at the idea object.

## Why it matters

An idea's priority score is `impact × (6 − effort)`, from 1 to 25: high
impact for little effort first. An idea lacking either score cannot be
ranked against the others, so the choice of what to do first for the
customer is left to whoever argues loudest.

## How to fix

Score `impact` (1 least, 5 most benefit to the customer) and `effort`
(1 least, 5 most work) for the idea.

## Example

```yaml
  innovations:
    - id: slot-waitlist
      description: Waitlist for freed slots
      impact: 4
      effort: 2        # priority 4 × (6 − 2) = 16
```
"#,
    check: Some(check),
};

fn check(context: &Context<'_>) -> Vec<Finding> {
    context.map.opportunities.ideas()
        .filter_map(|(pointer, idea)| {
            let missing = match (idea.impact, idea.effort) {
                (Some(_), Some(_)) => return None,
                (None, Some(_)) => "`impact`",
                (Some(_), None) => "`effort`",
                (None, None) => "`impact` and no `effort`",
            };
            let message = format!(
                "{} \"{}\" has no {missing}, so it has no priority score (impact × (6 − effort))",
                idea_kind(pointer),
                idea.id
            );
            Some(Finding::at_value(
                RULE.id,
                pointer.to_string(),
                message,
                "score `impact` and `effort` from 1 to 5 so the idea can be ranked against the others",
            ))
        })
        .collect()
}
