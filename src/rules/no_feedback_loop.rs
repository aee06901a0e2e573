//! `no-feedback-loop`: the map says nothing about how customer feedback is collected.

use super::{Context, Group, Rule};
use crate::diagnostic::{Finding, Severity};

pub static RULE: Rule = Rule {
    id: "no-feedback-loop",
    group: Group::Gaps,
    default_severity: Severity::Warning,
    summary: "The map says nothing about how customer feedback is collected",
    docs: r#"## What it reports

A map whose `opportunities.feedback` is missing, or lists no `methods` (an
empty list counts as missing). The finding points at
`opportunities.feedback` when it is present, else at the `opportunities`
object.

## Why it matters

A journey map is a hypothesis about the customer. Without a way to hear
from customers — surveys, interviews, reviews, social listening — nobody
learns whether the pain points are real or whether the actions helped, and
the map goes stale.

## How to fix

Describe the feedback loop: the `methods` used to collect feedback, how
often (`cadence`) and who acts on it (`owner`).

## Example

```yaml
opportunities:
  feedback:
    methods: [in-app survey, app store reviews]
    cadence: monthly
    owner: Customer Experience
```
"#,
    check: Some(check),
};

fn check(context: &Context<'_>) -> Vec<Finding> {
    let help = "list in `opportunities.feedback.methods` how customer feedback is collected (surveys, interviews, reviews, social listening), with a `cadence` and an `owner`";
    match &context.map.opportunities.feedback {
        None => vec![Finding::at_value(
            RULE.id,
            "/opportunities",
            "the map has no feedback loop: `opportunities.feedback` is missing",
            help,
        )],
        Some(feedback) if feedback.methods.is_empty() => vec![Finding::at_value(
            RULE.id,
            "/opportunities/feedback",
            "the feedback loop lists no methods: `opportunities.feedback` has no `methods`",
            help,
        )],
        Some(_) => Vec::new(),
    }
}
