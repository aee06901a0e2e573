//! `yaml-syntax`: the file is not valid YAML. Reported by the loader.

use super::{Group, Rule};
use crate::diagnostic::Severity;

pub static RULE: Rule = Rule {
    id: "yaml-syntax",
    group: Group::Structure,
    default_severity: Severity::Error,
    summary: "The file is not valid YAML",
    docs: r#"## What it reports

The file cannot be read as one YAML document: bad indentation, a tab used
for indentation, an unclosed quote or bracket, a duplicate key, more than one
document (`---`), an alias bomb, nesting deeper than 128 levels, a key that is
not a string, or bytes that are not UTF-8. The finding points where the
parser stopped (for invalid UTF-8, at the first bad byte; for a duplicate
key, at its second occurrence).

## Why it matters

Nothing else can be checked until the file parses: no schema, no gap rule.
It cannot be turned off, in the configuration or with `x-ignore`.

## How to fix

Fix the syntax at the position shown. Indent with spaces, close every quote
and bracket, keep one map per file, and quote keys or values that YAML would
read otherwise.

## Example

```yaml
stages:
  - id: awareness
	name: Awareness      # a tab: use spaces
```
"#,
    check: None,
};
