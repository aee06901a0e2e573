//! `unknown-reference`: a reference to an id that does not exist, or to the wrong kind of thing.

use super::ids::{Ids, Kind};
use super::{Context, Group, Rule};
use crate::diagnostic::{Finding, Severity};
use crate::suggest::Candidates;

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

Correct the id (the help suggests the closest one, or lists the ids of the
kinds the reference may name, the five closest when there are more), or
define what it names.

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
    let mut known = Known::default();
    references(context)
        .into_iter()
        .filter_map(|reference| judge(&reference, &context.ids, &mut known))
        .collect()
}

/// The ids of each set of kinds a reference may name, gathered once for
/// all the broken references (a hostile map may hold thousands).
#[derive(Default)]
struct Known<'a> {
    by_kinds: Vec<(&'static [Kind], Candidates<'a>)>,
}

impl<'a> Known<'a> {
    fn of(&mut self, allowed: &'static [Kind], ids: &Ids<'a>) -> &Candidates<'a> {
        let index = match self
            .by_kinds
            .iter()
            .position(|(kinds, _)| *kinds == allowed)
        {
            Some(index) => index,
            None => {
                let defined = ids
                    .definitions
                    .iter()
                    .filter(|d| allowed.contains(&d.kind))
                    .map(|d| d.id);
                self.by_kinds.push((allowed, Candidates::new(defined)));
                self.by_kinds.len() - 1
            }
        };
        &self.by_kinds[index].1
    }
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

/// How many ids a help lists when no single one is close.
const LISTED: usize = 5;

/// The ids a reference may have meant.
enum Suggestion<'a> {
    /// One close enough to be a typo.
    Close(&'a str),
    /// Those of the kinds it may name, the closest first when there are
    /// many: `the stages are "awareness", "decision" and "retention"`.
    Listed(String),
    /// The map defines nothing the reference may name.
    Nothing,
}

fn suggest<'a>(id: &str, allowed: &[Kind], known: &Candidates<'a>) -> Suggestion<'a> {
    let ranked = known.rank(id, LISTED);
    if let Some(close) = ranked.close {
        return Suggestion::Close(close);
    }
    // Few enough to list them all, in file order; else the closest.
    let shown: Vec<&str> = if known.len() <= LISTED {
        known.all().collect()
    } else {
        ranked.closest
    };
    let kinds = english_list(allowed.iter().map(|kind| format!("{kind}s")));
    let names = english_list(shown.iter().map(|id| format!("\"{id}\"")));
    match (shown.len(), known.len()) {
        (0, _) => Suggestion::Nothing,
        (1, 1) => Suggestion::Listed(format!(
            "the only {} is {names}",
            kinds.trim_end_matches('s')
        )),
        (n, all) if n == all => Suggestion::Listed(format!("the {kinds} are {names}")),
        (_, all) => Suggestion::Listed(format!("the closest of the {all} {kinds} are {names}")),
    }
}

/// "a", "a and b", "a, b and c".
fn english_list(items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.collect();
    match items.as_slice() {
        [init @ .., last] if !init.is_empty() => format!("{} and {last}", init.join(", ")),
        _ => items.concat(),
    }
}

fn judge<'a>(reference: &Reference<'_>, ids: &Ids<'a>, known: &mut Known<'a>) -> Option<Finding> {
    let Reference {
        pointer,
        owner,
        field,
        id,
        allowed,
    } = reference;
    let name_here = format!("name {} here", kinds(allowed, true));
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
            match suggest(id, allowed, known.of(allowed, ids)) {
                Suggestion::Close(close) => format!("{name_here}: did you mean \"{close}\"?"),
                Suggestion::Listed(listed) => format!("{name_here}: {listed}"),
                Suggestion::Nothing => name_here,
            },
        )),
        None => {
            let define = format!("define {} with id \"{id}\"", kinds(allowed, true));
            let help = match suggest(id, allowed, known.of(allowed, ids)) {
                Suggestion::Close(close) => format!("did you mean \"{close}\"?"),
                Suggestion::Listed(listed) => format!("{listed}: name one, or {define}"),
                Suggestion::Nothing => format!("{define}, or correct the reference"),
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
