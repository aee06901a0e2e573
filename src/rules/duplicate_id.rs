//! `duplicate-id`: an id defined twice.

use super::{Context, Group, Rule};
use crate::diagnostic::{Finding, RELATED_LINE, Severity};

pub static RULE: Rule = Rule {
    id: "duplicate-id",
    group: Group::Structure,
    default_severity: Severity::Error,
    summary: "An id is defined twice",
    docs: r#"## What it reports

An `id` used by two things of the map. Stages, touchpoints, pain points,
unmet needs, ideas and actions share one namespace: ids are unique across
the whole file. The finding points at the later `id` in file order and
names the line of the first; references resolve to the first.

## Why it matters

References (`addresses`, `stage`, `touchpoint`, `delivers`, `action`) name
things by id. With two things under one id, a reference silently means the
first one and the plan no longer says what its authors meant.

## How to fix

Rename one of the two. Ids are slugs: lowercase letters, digits, `-` and `_`.

## Example

```yaml
stages:
  - id: checkout          # a stage…
    name: Checkout
    touchpoints:
      - id: checkout      # …and a touchpoint: rename to checkout-page
        name: Checkout page
        channel: web
```
"#,
    check: Some(check),
};

fn check(context: &Context<'_>) -> Vec<Finding> {
    context
        .ids
        .duplicates()
        .map(|(definition, original)| {
            Finding::at_value(
                RULE.id,
                definition.id_pointer(),
                format!(
                    "id \"{}\" of this {} is already used by the {} at line {RELATED_LINE}",
                    definition.id, definition.kind, original.kind
                ),
                "rename one of them: ids are unique across the whole file (stages, touchpoints, pain points, needs, ideas and actions)",
            )
            .with_related(original.id_pointer())
        })
        .collect()
}
