//! `persona-incomplete`: a persona without needs, goals, challenges or channels.

use super::{Context, Group, Rule};
use crate::diagnostic::{Finding, Severity};

pub static RULE: Rule = Rule {
    id: "persona-incomplete",
    group: Group::Gaps,
    default_severity: Severity::Warning,
    summary: "The persona lacks needs, goals, challenges or channels",
    docs: r#"## What it reports

A persona without `needs`, `goals`, `challenges` or `channels` (an empty
list counts as missing). One finding names every missing part, in that
order; it points at the `persona` object.

## Why it matters

The journey is read against the persona: a low point matters because it
blocks a goal, a pain point because it meets a challenge, a touchpoint
because it sits on a channel the customer prefers. Without these, the map
describes what the organisation does rather than what the customer needs,
and the channel rules have nothing to compare with.

## How to fix

Fill in the missing lists from research (interviews, surveys, analytics):
what the persona needs, wants to achieve, struggles with, and which
channels they prefer.

## Example

```yaml
persona:
  name: Maya, busy parent
  needs: [save time on weekly shopping]
  goals: [get a full basket delivered in one slot]
  challenges: [irregular shifts]
  channels: [mobile app, email]
```
"#,
    check: Some(check),
};

fn check(context: &Context<'_>) -> Vec<Finding> {
    let persona = &context.map.persona;
    let parts = [
        ("needs", &persona.needs),
        ("goals", &persona.goals),
        ("challenges", &persona.challenges),
        ("channels", &persona.channels),
    ];
    let missing: Vec<&str> = parts
        .iter()
        .filter(|(_, list)| list.is_empty())
        .map(|(name, _)| *name)
        .collect();
    if missing.is_empty() {
        return Vec::new();
    }
    vec![Finding::at_value(
        RULE.id,
        "/persona",
        format!(
            "persona \"{}\" has no {}",
            persona.name,
            join(&missing, " or ", |part| part.to_owned())
        ),
        format!(
            "add the persona's {} from research (interviews, surveys, analytics), so the journey can be read against them",
            join(&missing, " and ", |part| format!("`{part}`"))
        ),
    )]
}

/// `a`, `a or b`, `a, b or c` (with `and` as the last separator when asked).
fn join(parts: &[&str], last: &str, show: impl Fn(&str) -> String) -> String {
    let shown: Vec<String> = parts.iter().map(|part| show(part)).collect();
    match shown.split_last() {
        Some((tail, rest)) if !rest.is_empty() => format!("{}{last}{tail}", rest.join(", ")),
        Some((tail, _)) => tail.clone(),
        None => String::new(),
    }
}
