//! `date-order`: an action due before it starts, or a milestone before the start of what it delivers.

use foldhash::{HashMap, HashMapExt};

use super::{Context, Group, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::map::model::Action;

pub static RULE: Rule = Rule {
    id: "date-order",
    group: Group::Structure,
    default_severity: Severity::Error,
    summary: "An action is due before it starts, or a milestone precedes an action it delivers",
    docs: r#"## What it reports

An action (initiative, pilot or improvement) whose `due` date is before its
`start` date — the finding points at `due`; and a milestone dated before the
`start` of an action it `delivers` — the finding points at the milestone's
`date`.

## Why it matters

A plan with impossible dates cannot be scheduled or tracked: the timeline
view and overdue checks would show nonsense, and whoever reads the plan
cannot tell which of the two dates is wrong.

## How to fix

Correct whichever date is wrong: move `due` after `start`, or the milestone
after the start of the actions it delivers.

## Example

```yaml
  pilots:
    - id: waitlist-pilot
      title: Slot waitlist in Leeds stores
      start: 2026-11-01
      due: 2026-12-15          # on or after start
  milestones:
    - { name: Pilot live, date: 2026-11-20, delivers: [waitlist-pilot] }
```
"#,
    check: Some(check),
};

fn check(context: &Context<'_>) -> Vec<Finding> {
    let plan = &context.map.action_plan;
    let mut findings = Vec::new();
    // ISO dates (checked by the schema) compare correctly as text.
    for (pointer, action) in plan.actions() {
        if let (Some(start), Some(due)) = (&action.start, &action.due)
            && due < start
        {
            findings.push(Finding::at_value(
                RULE.id,
                format!("{pointer}/due"),
                format!(
                    "action \"{}\" is due {due}, before it starts on {start}",
                    action.id
                ),
                "move `due` to on or after `start`, or correct `start`",
            ));
        }
    }
    // Each id's first action, as a search of `actions()` in order finds it
    // (one lookup per delivered id rather than a scan: maps can be big).
    let count = plan.initiatives.len() + plan.pilots.len() + plan.improvements.len();
    let mut first: HashMap<&str, &Action> = HashMap::with_capacity(count);
    for action in plan
        .initiatives
        .iter()
        .chain(&plan.pilots)
        .chain(&plan.improvements)
    {
        first.entry(action.id).or_insert(action);
    }
    for (m, milestone) in plan.milestones.iter().enumerate() {
        for delivered in &milestone.delivers {
            let Some(action) = first.get(delivered) else {
                continue;
            };
            if let Some(start) = &action.start
                && milestone.date < *start
            {
                findings.push(Finding::at_value(
                    RULE.id,
                    format!("/action_plan/milestones/{m}/date"),
                    format!(
                        "milestone \"{}\" on {} comes before action \"{}\", which it delivers, starts on {start}",
                        milestone.name, milestone.date, action.id
                    ),
                    "move the milestone to on or after the action's start, or correct the action's `start`",
                ));
            }
        }
    }
    findings
}
