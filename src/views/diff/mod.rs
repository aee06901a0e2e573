//! `journeymap diff OLD NEW`: what changed between two versions of a map —
//! the as-is vs to-be view for code review
//! (`git show HEAD~1:map.yaml | journeymap diff - map.yaml`).
//!
//! Every key of the format is compared. Items are matched by id (ids are
//! stable: a rename is the same id with a new name; an id used twice is
//! matched occurrence by occurrence); milestones and a stage's metrics by
//! name; resources by the action they fund. Per object, in the order of
//! FORMAT.md:
//!
//! - the map: `version`, `title`, `description`, `owner`, `updated`, `tags`;
//! - the persona: `name`, `description`, `demographics` key by key
//!   (`demographics.age`), `behaviors`, `needs`, `goals`, `challenges`,
//!   `channels` (matched as `check` matches them, so `Mobile App` →
//!   `mobile-app` is a respelling, not a channel removed and one added);
//! - stages: `name`, `position` (1-based; reported only for stages whose
//!   order among the stages both versions have changed, so adding a stage
//!   does not "move" the ones after it), `description`, `goals`, `actions`,
//!   `feelings`, `emotion`, `insights`, and `metrics` with their `value`,
//!   `target` and `unit`;
//! - touchpoints: `name`, `stage` (moved to another stage), `channel`,
//!   `description`, `device`, `actions`, `emotion`, `owner`;
//! - pain points: `description`, `stage`, `touchpoint`, `severity`,
//!   `evidence`; unmet needs: `description`, `stage`, `evidence`;
//! - ideas: `kind` (`innovation`/`efficiency`), `description`, `addresses`,
//!   `impact`, `effort`, `priority` (`impact × (6 − effort)`);
//! - the feedback loop: `methods`, `cadence`, `owner`;
//! - actions: `kind` (`initiative`/`pilot`/`improvement`), `title`, `owner`,
//!   `start`, `due`, `status`, `addresses`, `scope`, `success_criteria`,
//!   `overdue` (due before `--today`, neither done nor dropped);
//! - milestones: `date`, `delivers`; resources: `people`, `roles`, `budget`,
//!   `currency`;
//! - every object's extension keys (`x-…`, `x-ignore` among them), by name,
//!   after the format's keys; those of `opportunities` and `action_plan`
//!   with the map's (`opportunities.x-…`);
//! - the findings of each version (counts by severity, and the findings that
//!   appeared or disappeared, matched by [`Diagnostic::fingerprint`], so a
//!   finding that merely moved lines or changed a number is the same one), and
//!   the completeness score ([`crate::analysis::score::score`]).
//!
//! A list of strings reports the items added and removed (as a multiset: the
//! order of a list's items is not compared; only stages have an order that
//! means something). A number that changed shows its movement (`value 40 → 55
//! (+15)`), with as many decimals as the numbers have; a metric whose value or
//! target changed says where it stands: `target 60 reached` when the value is
//! on the target or went past it from where it was (a target is where the
//! value is heading), else how far it is (`5 from target 60`).
//!
//! Two maps that differ in nothing above hold the same data: their
//! differences are formatting, comments, key order or the order of items in
//! a list (or a number written `4.0` for `4`), and the report says so rather
//! than "no changes", which is kept for files equal byte for byte.
//!
//! Order is deterministic: each section lists its items in the new map's
//! order, then the removed ones in the old map's order; an item's changes
//! come in the field order above; keys of a map (demographics, extensions) in
//! the new map's order, then the removed ones.
//!
//! # `--format json`
//!
//! One pretty-printed object with a trailing newline. Every key is always
//! present; a value a map does not give is `null` (an empty list, `[]`);
//! scores, positions, quantities and counts are numbers, `overdue` a boolean,
//! lists arrays, everything else a string.
//!
//! ```json
//! {
//!   "version": 1,
//!   "old": "old.yaml",               // the paths as given; standard input is "-"
//!   "new": "new.yaml",
//!   "identical": false,              // the two documents are equal as YAML data
//!   "changes": 12,                   // what the sections below count (findings excluded)
//!   "score": { "old": 72, "new": 80 },
//!   "findings": {
//!     "old": { "errors": 0, "warnings": 1, "infos": 0 },
//!     "new": { "errors": 0, "warnings": 2, "infos": 0 },
//!     "appeared": [ { "rule": "…", "severity": "warning", "message": "…", "line": 20, "pointer": "/stages/0" } ],
//!     "disappeared": [ … ]           // lines and pointers of the old file
//!   },
//!   "map":     { "changes": [ CHANGE… ] },
//!   "persona": { "changes": [ CHANGE… ] },
//!   "stages": {
//!     "added":   [ { "id": "delivery", "name": "Delivery", "position": 4, "description": null,
//!                    "goals": [], …, "metrics": [ { "name": …, "value": …, "target": …, "unit": …,
//!                    "extensions": {} } ], "extensions": { "x-jira": "CX-12" } } ],
//!     "removed": [ … ],              // same shape, from the old map
//!     "changed": [ { "id": "decision", "changes": [ CHANGE… ] } ]
//!   },
//!   "touchpoints": { … },  // same shape; items: id, name, stage, channel, description, device, actions, emotion, owner, extensions
//!   "pain_points": { … },  // items: id, description, stage, touchpoint, severity, evidence, extensions
//!   "unmet_needs": { … },  // items: id, description, stage, evidence, extensions
//!   "ideas":       { … },  // items: id, kind, description, addresses, impact, effort, priority, extensions
//!   "feedback":    { "changes": [ CHANGE… ] },
//!   "actions":     { … },  // items: id, kind, title, owner, start, due, status, addresses, scope,
//!                          //        success_criteria, overdue, extensions
//!   "milestones":  { … },  // items: name, date, delivers, extensions; `changed` entries carry "name", not "id"
//!   "resources":   { … }   // items: action, people, roles, budget, currency, extensions; keyed by "action"
//! }
//! ```
//!
//! A CHANGE is one of:
//!
//! ```json
//! { "field": "emotion", "old": 2, "new": 4 }                        // a value replaced
//! { "field": "budget", "old": 20000, "new": 25000, "delta": 5000 }  // two quantities: also the movement
//! { "field": "feelings", "added": ["relieved"], "removed": [] }     // a list of strings
//! { "field": "channels", "added": [], "removed": [], "respelled": [ { "old": "mobile app", "new": "Mobile-App" } ] }
//! { "field": "metrics", "added": [ … ], "removed": [ … ],           // a stage's metrics, matched by name
//!   "changed": [ { "name": "conversion", "changes": [ CHANGE… ],
//!                  "progress": { "target": 60, "reached": false, "distance": 5 } } ] }
//! ```
//!
//! `field` is a key of the format, `demographics.KEY`, an extension key
//! (`x-jira`), or `opportunities.x-…`/`action_plan.x-…` in `map`. A metric's
//! `progress` is `null` unless its value or target changed and both are
//! numbers; `reached` is `null` when the old version does not tell
//! (no numeric value or target).

mod changes;
mod items;
mod json;
mod lines;
mod markdown;
mod number;
mod text;

use std::collections::HashMap;

use jiff::civil::Date;

use crate::check::{FileReport, ValidMap};
use crate::cli::DiffFormat;
use crate::diagnostic::{Diagnostic, Severity};
use changes::{Change, Entry, count, diff_records, record_changes};
use items::{Kind, Record, Side};

/// One version of a map: as checked, and the bytes it was read from (two
/// versions holding the same data may still differ in formatting).
#[derive(Debug, Clone, Copy)]
pub struct Version<'a> {
    pub map: &'a ValidMap,
    pub report: &'a FileReport,
    pub source: &'a [u8],
}

/// The comparison of `old` and `new`, in `format`. Same input, same bytes;
/// ends with a newline.
pub fn render(old: Version<'_>, new: Version<'_>, format: DiffFormat, today: Date) -> String {
    let diff = compare(old, new, today);
    match format {
        DiffFormat::Text => text::render(&diff),
        DiffFormat::Markdown => markdown::render(&diff),
        DiffFormat::Json => json::render(&diff),
    }
}

// ---------------------------------------------------------------------------
// The comparison, as data

/// How alike the two versions are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Likeness {
    /// The same bytes.
    SameBytes,
    /// Equal as YAML data: formatting, comments or key order differ.
    SameDocument,
    /// Nothing diff compares differs: also the order of a list's items, or a
    /// number's spelling (`4.0` for `4`).
    SameData,
    Different,
}

/// What one heading of the report holds.
enum Group {
    /// One object (the map, the persona, the feedback loop): its changes.
    Object {
        kind: &'static Kind,
        changes: Vec<Change>,
    },
    /// A list of objects matched by key.
    Items {
        kind: &'static Kind,
        entries: Vec<Entry>,
    },
}

impl Group {
    fn kind(&self) -> &'static Kind {
        match self {
            Group::Object { kind, .. } | Group::Items { kind, .. } => kind,
        }
    }

    fn count(&self) -> usize {
        match self {
            Group::Object { changes, .. } => changes.iter().map(Change::count).sum(),
            Group::Items { entries, .. } => count(entries),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Counts {
    errors: usize,
    warnings: usize,
    infos: usize,
}

impl Counts {
    fn of(report: &FileReport) -> Counts {
        Counts {
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            infos: report.count(Severity::Info),
        }
    }
}

struct Findings<'a> {
    old: Counts,
    new: Counts,
    appeared: Vec<&'a Diagnostic>,
    disappeared: Vec<&'a Diagnostic>,
}

struct Diff<'a> {
    old_path: &'a str,
    new_path: &'a str,
    /// The new map's title (the Markdown heading).
    title: &'a str,
    likeness: Likeness,
    score: (u8, u8),
    findings: Findings<'a>,
    /// In the order of the report: map, persona, stages … resources.
    groups: Vec<Group>,
}

impl Diff<'_> {
    /// What every group counts; findings are not counted.
    fn changes(&self) -> usize {
        self.groups.iter().map(Group::count).sum()
    }

    /// Equal as YAML data.
    fn identical(&self) -> bool {
        matches!(self.likeness, Likeness::SameBytes | Likeness::SameDocument)
    }
}

fn compare<'a>(old: Version<'a>, new: Version<'a>, today: Date) -> Diff<'a> {
    let side = |version: Version<'a>| Side {
        map: version.map.map(),
        value: version.map.value(),
        today,
    };
    let (before, after) = (side(old), side(new));
    let object = |kind: &'static Kind, build: fn(&Side) -> Record| Group::Object {
        kind,
        changes: record_changes(&build(&before), &build(&after)),
    };
    let items = |kind: &'static Kind, build: fn(&Side) -> Vec<Record>| Group::Items {
        kind,
        entries: diff_records(kind, &build(&before), &build(&after)),
    };
    let groups = vec![
        object(&items::MAP, items::map),
        persona(&before, &after),
        items(&items::STAGES, items::stages),
        items(&items::TOUCHPOINTS, items::touchpoints),
        items(&items::PAIN_POINTS, items::pain_points),
        items(&items::UNMET_NEEDS, items::unmet_needs),
        items(&items::IDEAS, items::ideas),
        object(&items::FEEDBACK, items::feedback),
        items(&items::ACTIONS, items::actions),
        items(&items::MILESTONES, items::milestones),
        items(&items::RESOURCES, items::resources),
    ];
    let mut diff = Diff {
        old_path: &old.report.path,
        new_path: &new.report.path,
        title: after.map.title,
        likeness: Likeness::Different,
        score: (
            crate::analysis::score::score(old.map, old.report, today),
            crate::analysis::score::score(new.map, new.report, today),
        ),
        findings: findings(old.report, new.report),
        groups,
    };
    diff.likeness = if old.source == new.source {
        Likeness::SameBytes
    } else if before.value == after.value {
        Likeness::SameDocument
    } else if diff.changes() == 0 {
        Likeness::SameData
    } else {
        Likeness::Different
    };
    diff
}

/// The persona's changes: one place, so that a persona given another way
/// (a reference to a shared file) needs only [`items::persona`] to follow.
fn persona(old: &Side, new: &Side) -> Group {
    Group::Object {
        kind: &items::PERSONA,
        changes: record_changes(&items::persona(old), &items::persona(new)),
    }
}

/// Findings matched by fingerprint, as a multiset: appeared in new order, disappeared in old order.
fn findings<'a>(old: &'a FileReport, new: &'a FileReport) -> Findings<'a> {
    let unmatched = |from: &'a FileReport, to: &'a FileReport| -> Vec<&'a Diagnostic> {
        let mut available: HashMap<&str, usize> = HashMap::new();
        for d in &to.diagnostics {
            *available.entry(d.fingerprint.as_str()).or_insert(0) += 1;
        }
        from.diagnostics
            .iter()
            .filter(|d| match available.get_mut(d.fingerprint.as_str()) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
            .collect()
    };
    Findings {
        old: Counts::of(old),
        new: Counts::of(new),
        appeared: unmatched(new, old),
        disappeared: unmatched(old, new),
    }
}

// ---------------------------------------------------------------------------
// shared by the formats

/// Said instead of the changes when there are none.
fn sameness(likeness: Likeness) -> Option<&'static str> {
    match likeness {
        Likeness::SameBytes => Some("no changes"),
        Likeness::SameDocument => Some(
            "the maps hold the same data (they differ only in formatting, comments or key order)",
        ),
        Likeness::SameData => Some(
            "the maps hold the same data (they differ only in formatting, comments, key order \
             or the order of items in a list)",
        ),
        Likeness::Different => None,
    }
}

fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

/// Standard input, named so that the header cannot read as a removed line.
fn display_path(path: &str) -> &str {
    if path == "-" { "standard input" } else { path }
}
