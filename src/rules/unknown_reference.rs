//! `unknown-reference`: a reference to an id that does not exist, or to the wrong kind of thing.

use super::ids::{Ids, Kind};
use super::{Context, Group, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::suggest::did_you_mean;

pub static RULE: Rule = Rule {
    id: "unknown-reference",
    group: Group::Structure,
    default_severity: Severity::Error,
    summary: "A reference names an id that does not exist, or a thing of the wrong kind",
    docs: r#"## What it reports

A reference to an id that no stage, touchpoint, pain point, unmet need, idea
or action defines — or one that names the wrong kind of thing:

| reference | must name |
|---|---|
| pain point `stage`, unmet need `stage` | a stage |
| pain point `touchpoint` | a touchpoint |
| idea `addresses` | pain points or unmet needs |
| action `addresses` | ideas, pain points or unmet needs |
| milestone `delivers`, resource `action` | actions |

The finding points at the reference value (the list element, for lists).

## Why it matters

References are how a map traces a pain point to the idea and the action
that answer it. A broken reference breaks that chain: the pain point looks
unaddressed, the action looks untraced, and reports count the wrong things.

## How to fix

Correct the id (the help suggests the closest one), or define what it names.

## Example

```yaml
  innovations:
    - id: slot-waitlist
      description: Waitlist with push notification when a slot frees up
      addresses: [slot-full]     # the id of a pain point or unmet need
```
"#,
    check: Some(check),
};

/// A reference field: where it is, whose it is, what it may name.
struct Reference<'a> {
    pointer: String,
    owner: String,
    field: &'static str,
    id: &'a str,
    allowed: &'static [Kind],
}

fn check(context: &Context<'_>) -> Vec<Finding> {
    references(context)
        .into_iter()
        .filter_map(|reference| judge(&reference, &context.ids))
        .collect()
}

/// The references that do not name an id of a kind they may name. Pointer
/// and owner are written only for those: most references resolve.
fn references<'a>(context: &Context<'a>) -> Vec<Reference<'a>> {
    let map = context.map;
    let ids = &context.ids;
    let mut out = Vec::new();
    let mut single = |describe: &dyn Fn() -> (String, String),
                      field: &'static str,
                      id: &'a str,
                      allowed: &'static [Kind]| {
        if ids
            .resolve(id)
            .is_some_and(|definition| allowed.contains(&definition.kind))
        {
            return;
        }
        let (pointer, owner) = describe();
        out.push(Reference {
            pointer,
            owner,
            field,
            id,
            allowed,
        })
    };
    for (i, p) in map.opportunities.pain_points.iter().enumerate() {
        let base = || format!("/opportunities/pain_points/{i}");
        let owner = || format!("pain point \"{}\"", p.id);
        single(
            &|| (format!("{}/stage", base()), owner()),
            "stage",
            p.stage,
            &[Kind::Stage],
        );
        if let Some(touchpoint) = &p.touchpoint {
            single(
                &|| (format!("{}/touchpoint", base()), owner()),
                "touchpoint",
                touchpoint,
                &[Kind::Touchpoint],
            );
        }
    }
    for (i, need) in map.opportunities.unmet_needs.iter().enumerate() {
        if let Some(stage) = &need.stage {
            single(
                &|| {
                    (
                        format!("/opportunities/unmet_needs/{i}/stage"),
                        format!("unmet need \"{}\"", need.id),
                    )
                },
                "stage",
                stage,
                &[Kind::Stage],
            );
        }
    }
    for (pointer, idea) in map.opportunities.ideas() {
        for (k, id) in idea.addresses.iter().enumerate() {
            single(
                &|| {
                    (
                        format!("{pointer}/addresses/{k}"),
                        format!("idea \"{}\"", idea.id),
                    )
                },
                "addresses",
                id,
                &[Kind::PainPoint, Kind::UnmetNeed],
            );
        }
    }
    for (pointer, action) in map.action_plan.actions() {
        for (k, id) in action.addresses.iter().enumerate() {
            single(
                &|| {
                    (
                        format!("{pointer}/addresses/{k}"),
                        format!("action \"{}\"", action.id),
                    )
                },
                "addresses",
                id,
                &[Kind::Idea, Kind::PainPoint, Kind::UnmetNeed],
            );
        }
    }
    for (m, milestone) in map.action_plan.milestones.iter().enumerate() {
        for (k, id) in milestone.delivers.iter().enumerate() {
            single(
                &|| {
                    (
                        format!("/action_plan/milestones/{m}/delivers/{k}"),
                        format!("milestone \"{}\"", milestone.name),
                    )
                },
                "delivers",
                id,
                &[Kind::Action],
            );
        }
    }
    for (r, resource) in map.action_plan.resources.iter().enumerate() {
        single(
            &|| {
                (
                    format!("/action_plan/resources/{r}/action"),
                    format!("resource #{}", r + 1),
                )
            },
            "action",
            resource.action,
            &[Kind::Action],
        );
    }
    out
}

/// "a pain point or an unmet need" (`articles`), or "pain point or unmet need".
fn kinds(allowed: &[Kind], articles: bool) -> String {
    let names: Vec<String> = allowed
        .iter()
        .map(|kind| {
            if articles {
                kind.with_article()
            } else {
                kind.to_string()
            }
        })
        .collect();
    match names.as_slice() {
        [init @ .., last] if !init.is_empty() => format!("{} or {last}", init.join(", ")),
        _ => names.concat(),
    }
}

fn judge(reference: &Reference<'_>, ids: &Ids<'_>) -> Option<Finding> {
    let Reference {
        pointer,
        owner,
        field,
        id,
        allowed,
    } = reference;
    match ids.resolve(id) {
        Some(definition) if allowed.contains(&definition.kind) => None,
        Some(definition) => Some(Finding::at_value(
            RULE.id,
            pointer.clone(),
            format!(
                "{owner}: `{field}` names \"{id}\", which is {}, not {}",
                definition.kind.with_article(),
                kinds(allowed, true)
            ),
            format!("name {} here", kinds(allowed, true)),
        )),
        None => {
            let candidates = ids
                .definitions
                .iter()
                .filter(|d| allowed.contains(&d.kind))
                .map(|d| d.id);
            let help = match did_you_mean(id, candidates) {
                Some(close) => format!("did you mean \"{close}\"?"),
                None => format!(
                    "define {} with id \"{id}\", or correct the reference",
                    kinds(allowed, true)
                ),
            };
            Some(Finding::at_value(
                RULE.id,
                pointer.clone(),
                format!(
                    "{owner}: `{field}` names \"{id}\", but no {} has this id",
                    kinds(allowed, false)
                ),
                help,
            ))
        }
    }
}
