//! `stale-map`: the map was last reviewed too long ago, or never says when.

use jiff::civil::Date;

use super::{Context, Group, Rule};
use crate::diagnostic::{Finding, Severity};

pub static RULE: Rule = Rule {
    id: "stale-map",
    group: Group::Gaps,
    default_severity: Severity::Warning,
    summary: "The map was last reviewed too long ago, or never says when",
    docs: r#"## What it reports

A map whose `updated` date is more than `stale_after_days` days (180 by
default, set in `.journeymap.yaml`) before today, or before the date given
with `--today`. Exactly that many days is still fresh; a date in the future
is not stale. The finding points at the `updated` value.

A map without `updated` is reported by the same rule as info, at the top of
the file.

## Why it matters

Customers, channels and products change; a journey map that nobody has
checked against fresh research for half a year may describe pain points
that are gone and miss new ones. Teams then plan against an outdated
picture of the customer.

## How to fix

Review the map with the team against recent research and feedback, then
set `updated` to the date of that review.

## Example

```yaml
title: First online grocery order
updated: 2026-10-01
```
"#,
    check: Some(check),
};

fn check(context: &Context<'_>) -> Vec<Finding> {
    let Some(updated) = &context.map.updated else {
        return vec![
            Finding::at_value(
                RULE.id,
                "",
                "the map does not say when it was last reviewed: `updated` is missing",
                "add `updated: YYYY-MM-DD` with the date of the last review, so readers can tell whether the map is current",
            )
            .with_severity(Severity::Info),
        ];
    };
    // The schema checked the format; a date that still does not parse is not ours to report.
    let Ok(date) = updated.trim().parse::<Date>() else {
        return Vec::new();
    };
    let Ok(age) = date.until(context.today) else {
        return Vec::new();
    };
    let days = i64::from(age.get_days());
    let limit = context.settings.stale_after_days;
    if days <= i64::from(limit) {
        return Vec::new();
    }
    vec![Finding::at_value(
        RULE.id,
        "/updated",
        format!(
            "the map was last reviewed on {date}, {days} {} ago, more than the limit of {limit} {}",
            plural(days, "day", "days"),
            plural(i64::from(limit), "day", "days"),
        ),
        "review the map against recent research and feedback, then set `updated` to the date of that review",
    )]
}

fn plural(count: i64, one: &'static str, many: &'static str) -> &'static str {
    if count == 1 { one } else { many }
}
