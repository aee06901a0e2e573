//! `schema`: a JSON Schema violation. Reported by the validator.

use super::{Group, Rule};
use crate::diagnostic::Severity;

pub static RULE: Rule = Rule {
    id: "schema",
    group: Group::Structure,
    default_severity: Severity::Error,
    summary: "The map does not follow the journey-map format",
    docs: r#"## What it reports

A violation of the format's JSON Schema (`journeymap schema` prints it): a
missing required key, a value of the wrong type, an unknown key, a score
outside 1–5, a date that is not a real `YYYY-MM-DD` date, an id that is not a
lowercase slug, an unknown `status`, a currency that is not three capital
letters, an empty string, a `null`, a YAML tag, an unknown rule id in
`x-ignore`. A missing key points at the object that lacks it; an unknown key
points at the key, and the help suggests the closest allowed key.

## Why it matters

The gap and plan rules read the map's structure; they run only on maps that
pass the schema. It cannot be turned off, in the configuration or with
`x-ignore`.

## How to fix

Do what the message says. Editors with yaml-language-server show the schema's
descriptions on hover when the map starts with the modeline
`# yaml-language-server: $schema=…/journey-map.schema.json`.

## Example

```yaml
stages:
  - id: awareness
    name: Awareness
    emotion: "4"        # must be an integer from 1 to 5: write 4
    touchpoint: []      # unknown key: did you mean "touchpoints"?
```
"#,
    check: None,
};
