//! `journeymap diff OLD NEW`: what changed between two versions of a map —
//! the as-is vs to-be view for code review
//! (`git show HEAD~1:map.yaml | journeymap diff - map.yaml`).
//!
//! Items are matched by id (ids are stable: a rename is the same id with a
//! new name; an id used twice is matched occurrence by occurrence);
//! milestones, which have no id, by name; persona channels as `check`
//! compares them (`Mobile App` = `mobile-app`). What is compared:
//!
//! - the map's `title`, `owner` and `updated`; the persona's `name`, and its
//!   channels added and removed;
//! - stages: `name`, `position` (1-based; reported only for stages whose
//!   order among the stages both versions have changed, so adding a stage
//!   does not "move" the ones after it), `emotion`;
//! - touchpoints: `name`, `stage` (moved to another stage), `channel`, `emotion`;
//! - pain points: `description`, `stage`, `touchpoint`, `severity`;
//!   unmet needs: `description`, `stage`;
//! - ideas: `kind` (`innovation`/`efficiency`), `description`, `addresses`,
//!   `impact`, `effort`, `priority` (`impact × (6 − effort)`);
//! - actions: `kind` (`initiative`/`pilot`/`improvement`), `title`, `owner`,
//!   `start`, `due`, `status`, `addresses`, `overdue` (due before `--today`,
//!   neither done nor dropped);
//! - milestones: `date`, `delivers`;
//! - the findings of each version (counts by severity, and the findings that
//!   appeared or disappeared, matched by [`Diagnostic::fingerprint`], so a
//!   finding that merely moved lines or changed a number is the same one), and
//!   the completeness score ([`crate::analysis::score::score`]).
//!
//! Other fields (descriptions of stages, metrics, resources…) are not
//! compared; a map whose only changes are there is reported as such.
//!
//! Order is deterministic: each section lists its items in the new map's
//! order, then the removed ones in the old map's order; an item's changes
//! come in the field order above.
//!
//! # `--format json`
//!
//! One pretty-printed object with a trailing newline. Every key is always
//! present; a value a map does not give is `null`; scores, positions and
//! counts are numbers, `overdue` a boolean, `addresses`/`delivers` arrays of
//! ids, everything else a string.
//!
//! ```json
//! {
//!   "version": 1,
//!   "old": "old.yaml",               // the paths as given; standard input is "-"
//!   "new": "new.yaml",
//!   "identical": false,              // the two documents are equal
//!   "changes": 12,                   // entries in the sections below (findings excluded)
//!   "score": { "old": 72, "new": 80 },
//!   "findings": {
//!     "old": { "errors": 0, "warnings": 1, "infos": 0 },
//!     "new": { "errors": 0, "warnings": 2, "infos": 0 },
//!     "appeared": [ { "rule": "…", "severity": "warning", "message": "…", "line": 20, "pointer": "/stages/0" } ],
//!     "disappeared": [ … ]           // lines and pointers of the old file
//!   },
//!   "map": { "changed": [ { "field": "title", "old": "…", "new": "…" } ] },
//!   "persona": {
//!     "changed": [ { "field": "name", "old": "…", "new": "…" } ],
//!     "channels": { "added": ["sms"], "removed": ["social"] }
//!   },
//!   "stages": {
//!     "added":   [ { "id": "delivery", "name": "Delivery", "position": 4, "emotion": 2 } ],
//!     "removed": [ … ],              // same shape, from the old map
//!     "changed": [ { "id": "decision", "field": "emotion", "old": 2, "new": 4 } ]
//!   },
//!   "touchpoints": { … },  // items: id, name, stage, channel, emotion
//!   "pain_points": { … },  // items: id, description, stage, touchpoint, severity
//!   "unmet_needs": { … },  // items: id, description, stage
//!   "ideas":       { … },  // items: id, kind, description, addresses, impact, effort, priority
//!   "actions":     { … },  // items: id, kind, title, owner, start, due, status, addresses, overdue
//!   "milestones":  { … }   // items: name, date, delivers; `changed` entries carry "name", not "id"
//! }
//! ```

mod json;
mod markdown;
mod text;

use std::collections::HashMap;

use jiff::civil::Date;
use serde_json::{Value, json};

use crate::analysis;
use crate::check::{FileReport, ValidMap};
use crate::cli::DiffFormat;
use crate::diagnostic::{Diagnostic, Severity};
use crate::map::model::{Map, Status};
use crate::rules::channel_key;

/// The comparison of `old` and `new`, in `format`. Same input, same bytes;
/// ends with a newline.
pub fn render(
    old: &(ValidMap, FileReport),
    new: &(ValidMap, FileReport),
    format: DiffFormat,
    today: Date,
) -> String {
    let diff = compare(old, new, today);
    match format {
        DiffFormat::Text => text::render(&diff),
        DiffFormat::Markdown => markdown::render(&diff),
        DiffFormat::Json => json::render(&diff),
    }
}

// ---------------------------------------------------------------------------
// The comparison, as data

/// A compared value, typed as the JSON shows it.
#[derive(Debug, Clone, PartialEq)]
enum Field {
    /// Not given in the map: `null`, "none".
    Absent,
    Number(u64),
    Bool(bool),
    /// An id, date, status or kind: printed as it is.
    Word(String),
    /// Free text from the map: quoted in text and Markdown.
    Text(String),
    /// Ids (`addresses`, `delivers`).
    List(Vec<String>),
}

impl Field {
    fn text(value: &str) -> Field {
        Field::Text(value.to_owned())
    }

    fn word(value: Option<&str>) -> Field {
        value.map_or(Field::Absent, |v| Field::Word(v.to_owned()))
    }

    fn optional_text(value: Option<&str>) -> Field {
        value.map_or(Field::Absent, Field::text)
    }

    fn score(value: Option<u8>) -> Field {
        value.map_or(Field::Absent, |v| Field::Number(u64::from(v)))
    }

    /// Nothing worth printing in a line about an added or removed item.
    fn is_blank(&self) -> bool {
        match self {
            Field::Absent | Field::Bool(false) => true,
            Field::List(items) => items.is_empty(),
            _ => false,
        }
    }

    fn to_json(&self) -> Value {
        match self {
            Field::Absent => Value::Null,
            Field::Number(n) => json!(n),
            Field::Bool(b) => json!(b),
            Field::Word(s) | Field::Text(s) => json!(s),
            Field::List(items) => json!(items),
        }
    }
}

/// An item as compared: its id (a milestone's name) and its fields.
#[derive(Debug, Clone)]
struct Record {
    key: String,
    fields: Vec<(&'static str, Field)>,
}

/// One field of one item, before and after.
#[derive(Debug, Clone)]
struct Change {
    field: &'static str,
    old: Field,
    new: Field,
}

/// One line of a section.
#[derive(Debug, Clone)]
enum Entry {
    Added(Record),
    Removed(Record),
    Changed { key: String, changes: Vec<Change> },
}

/// What a section is called in each format.
struct Kind {
    /// The JSON key.
    json: &'static str,
    /// The text group and Markdown heading.
    heading: &'static str,
    /// What one item is called.
    noun: &'static str,
    /// Words for added and removed items (pain points are "opened").
    added: &'static str,
    removed: &'static str,
    /// The JSON key of the item's key: "id", or "name" for milestones.
    key: &'static str,
}

const STAGES: Kind = Kind::items("stages", "stages", "stage");
const TOUCHPOINTS: Kind = Kind::items("touchpoints", "touchpoints", "touchpoint");
const PAIN_POINTS: Kind = Kind::opened("pain_points", "pain points", "pain point");
const UNMET_NEEDS: Kind = Kind::opened("unmet_needs", "unmet needs", "unmet need");
const IDEAS: Kind = Kind::items("ideas", "ideas", "idea");
const ACTIONS: Kind = Kind::items("actions", "actions", "action");
const MILESTONES: Kind = Kind {
    key: "name",
    ..Kind::items("milestones", "milestones", "milestone")
};

impl Kind {
    const fn items(json: &'static str, heading: &'static str, noun: &'static str) -> Kind {
        Kind {
            json,
            heading,
            noun,
            added: "added",
            removed: "removed",
            key: "id",
        }
    }

    const fn opened(json: &'static str, heading: &'static str, noun: &'static str) -> Kind {
        Kind {
            added: "opened",
            removed: "closed",
            ..Kind::items(json, heading, noun)
        }
    }

    fn key_is_text(&self) -> bool {
        self.key == "name"
    }
}

struct Section {
    kind: Kind,
    entries: Vec<Entry>,
}

impl Section {
    fn added(&self) -> impl Iterator<Item = &Record> {
        self.entries.iter().filter_map(|e| match e {
            Entry::Added(record) => Some(record),
            _ => None,
        })
    }

    fn removed(&self) -> impl Iterator<Item = &Record> {
        self.entries.iter().filter_map(|e| match e {
            Entry::Removed(record) => Some(record),
            _ => None,
        })
    }

    fn changed(&self) -> impl Iterator<Item = (&str, &Change)> {
        self.entries.iter().flat_map(|e| match e {
            Entry::Changed { key, changes } => changes.iter().map(|c| (key.as_str(), c)).collect(),
            _ => Vec::new(),
        })
    }

    /// Added and removed items, and changed fields.
    fn count(&self) -> usize {
        self.entries
            .iter()
            .map(|e| match e {
                Entry::Changed { changes, .. } => changes.len(),
                _ => 1,
            })
            .sum()
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
    identical: bool,
    score: (u8, u8),
    findings: Findings<'a>,
    /// The map's own fields.
    map: Vec<Change>,
    persona: Vec<Change>,
    channels_added: Vec<String>,
    channels_removed: Vec<String>,
    sections: Vec<Section>,
}

impl Diff<'_> {
    /// Entries in every section, persona and map included; findings are not counted.
    fn changes(&self) -> usize {
        self.map.len()
            + self.persona.len()
            + self.channels_added.len()
            + self.channels_removed.len()
            + self.sections.iter().map(Section::count).sum::<usize>()
    }
}

fn compare<'a>(
    old: &'a (ValidMap, FileReport),
    new: &'a (ValidMap, FileReport),
    today: Date,
) -> Diff<'a> {
    let (old_map, new_map) = (&old.0.map(), &new.0.map());
    let (channels_added, channels_removed) = channels(old_map, new_map);
    let records = |f: fn(&Map, Date) -> Vec<Record>| (f(old_map, today), f(new_map, today));
    let section = |kind: Kind, f: fn(&Map, Date) -> Vec<Record>| {
        let (old, new) = records(f);
        Section {
            kind,
            entries: diff_records(&old, &new),
        }
    };
    Diff {
        old_path: &old.1.path,
        new_path: &new.1.path,
        title: new_map.title,
        identical: old.0.value() == new.0.value(),
        score: (
            crate::analysis::score::score(&old.0, &old.1, today),
            crate::analysis::score::score(&new.0, &new.1, today),
        ),
        findings: findings(&old.1, &new.1),
        map: changes(&map_fields(old_map), &map_fields(new_map)),
        persona: changes(&persona_fields(old_map), &persona_fields(new_map)),
        channels_added,
        channels_removed,
        sections: vec![
            section(STAGES, stages),
            section(TOUCHPOINTS, touchpoints),
            section(PAIN_POINTS, pain_points),
            section(UNMET_NEEDS, unmet_needs),
            section(IDEAS, ideas),
            section(ACTIONS, actions),
            section(MILESTONES, milestones),
        ],
    }
}

fn map_fields(map: &Map) -> Vec<(&'static str, Field)> {
    vec![
        ("title", Field::text(map.title)),
        ("owner", Field::optional_text(map.owner)),
        ("updated", Field::word(map.updated)),
    ]
}

fn persona_fields(map: &Map) -> Vec<(&'static str, Field)> {
    vec![("name", Field::text(map.persona.name))]
}

/// A list of the map's texts as the report keeps them.
fn owned(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|text| text.to_string()).collect()
}

/// Persona channels added (new order) and removed (old order), compared as `check` compares them.
fn channels(old: &Map, new: &Map) -> (Vec<String>, Vec<String>) {
    let missing = |from: &Map, to: &Map| -> Vec<String> {
        from.persona
            .channels
            .iter()
            .filter(|c| {
                let key = channel_key(c);
                !to.persona.channels.iter().any(|o| channel_key(o) == key)
            })
            .map(|c| c.to_string())
            .collect()
    };
    (missing(new, old), missing(old, new))
}

fn stages(map: &Map, _today: Date) -> Vec<Record> {
    map.stages
        .iter()
        .enumerate()
        .map(|(index, stage)| Record {
            key: stage.id.to_string(),
            fields: vec![
                ("name", Field::text(stage.name)),
                ("position", Field::Number(index as u64 + 1)),
                ("emotion", Field::score(stage.emotion)),
            ],
        })
        .collect()
}

fn touchpoints(map: &Map, _today: Date) -> Vec<Record> {
    map.stages
        .iter()
        .flat_map(|stage| {
            stage.touchpoints.iter().map(|t| Record {
                key: t.id.to_string(),
                fields: vec![
                    ("name", Field::text(t.name)),
                    ("stage", Field::Word(stage.id.to_string())),
                    ("channel", Field::text(t.channel)),
                    ("emotion", Field::score(t.emotion)),
                ],
            })
        })
        .collect()
}

fn pain_points(map: &Map, _today: Date) -> Vec<Record> {
    map.opportunities
        .pain_points
        .iter()
        .map(|p| Record {
            key: p.id.to_string(),
            fields: vec![
                ("description", Field::text(p.description)),
                ("stage", Field::Word(p.stage.to_string())),
                ("touchpoint", Field::word(p.touchpoint)),
                ("severity", Field::score(p.severity)),
            ],
        })
        .collect()
}

fn unmet_needs(map: &Map, _today: Date) -> Vec<Record> {
    map.opportunities
        .unmet_needs
        .iter()
        .map(|n| Record {
            key: n.id.to_string(),
            fields: vec![
                ("description", Field::text(n.description)),
                ("stage", Field::word(n.stage)),
            ],
        })
        .collect()
}

fn ideas(map: &Map, _today: Date) -> Vec<Record> {
    analysis::ideas(map)
        .map(|(kind, idea)| Record {
            key: idea.id.to_string(),
            fields: vec![
                ("kind", Field::Word(kind.to_owned())),
                ("description", Field::text(idea.description)),
                ("addresses", Field::List(owned(&idea.addresses))),
                ("impact", Field::score(idea.impact)),
                ("effort", Field::score(idea.effort)),
                ("priority", Field::score(idea.priority())),
            ],
        })
        .collect()
}

fn actions(map: &Map, today: Date) -> Vec<Record> {
    analysis::actions(map)
        .map(|(kind, action)| Record {
            key: action.id.to_string(),
            fields: vec![
                ("kind", Field::Word(kind.to_owned())),
                ("title", Field::text(action.title)),
                ("owner", Field::optional_text(action.owner)),
                ("start", Field::word(action.start)),
                ("due", Field::word(action.due)),
                ("status", Field::word(action.status.map(status))),
                ("addresses", Field::List(owned(&action.addresses))),
                ("overdue", Field::Bool(analysis::is_overdue(action, today))),
            ],
        })
        .collect()
}

fn milestones(map: &Map, _today: Date) -> Vec<Record> {
    map.action_plan
        .milestones
        .iter()
        .map(|m| Record {
            key: m.name.to_string(),
            fields: vec![
                ("date", Field::Word(m.date.to_string())),
                ("delivers", Field::List(owned(&m.delivers))),
            ],
        })
        .collect()
}

/// As the file writes it.
fn status(status: Status) -> &'static str {
    match status {
        Status::Planned => "planned",
        Status::InProgress => "in-progress",
        Status::Done => "done",
        Status::Dropped => "dropped",
    }
}

/// The fields that differ, in field order. Both lists come from the same
/// function, so their fields pair up.
fn changes(old: &[(&'static str, Field)], new: &[(&'static str, Field)]) -> Vec<Change> {
    old.iter()
        .zip(new)
        .filter(|((_, before), (_, after))| before != after)
        .map(|((_, before), (field, after))| Change {
            field,
            old: before.clone(),
            new: after.clone(),
        })
        .collect()
}

/// Items of both versions matched by key (the n-th item with a key matches
/// the n-th with the same key): added and changed in new order, then removed
/// in old order. A `position` counts as changed only for items whose order
/// among the items both versions have changed.
fn diff_records(old: &[Record], new: &[Record]) -> Vec<Entry> {
    let old_keys = occurrence_keys(old);
    let new_keys = occurrence_keys(new);
    let old_index: HashMap<(&str, usize), usize> = old_keys
        .iter()
        .enumerate()
        .map(|(i, key)| (*key, i))
        .collect();
    let new_index: HashMap<(&str, usize), usize> = new_keys
        .iter()
        .enumerate()
        .map(|(i, key)| (*key, i))
        .collect();

    // For each new item: its old index, if it has one.
    let matched: Vec<Option<usize>> = new_keys.iter().map(|k| old_index.get(k).copied()).collect();
    let common: Vec<usize> = matched.iter().flatten().copied().collect();
    let kept = longest_increasing(&common);
    let mut moved = vec![false; new.len()];
    let mut next = 0;
    for (i, found) in matched.iter().enumerate() {
        if found.is_some() {
            moved[i] = !kept.get(next).copied().unwrap_or(true);
            next += 1;
        }
    }

    let mut entries = Vec::new();
    for (i, record) in new.iter().enumerate() {
        let Some(before) = matched[i].and_then(|o| old.get(o)) else {
            entries.push(Entry::Added(record.clone()));
            continue;
        };
        let changes: Vec<Change> = changes(&before.fields, &record.fields)
            .into_iter()
            .filter(|c| c.field != "position" || moved[i])
            .collect();
        if !changes.is_empty() {
            entries.push(Entry::Changed {
                key: record.key.clone(),
                changes,
            });
        }
    }
    for (record, key) in old.iter().zip(&old_keys) {
        if !new_index.contains_key(key) {
            entries.push(Entry::Removed(record.clone()));
        }
    }
    entries
}

/// Each record's key with how many records before it have the same key.
fn occurrence_keys(records: &[Record]) -> Vec<(&str, usize)> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    records
        .iter()
        .map(|r| {
            let n = seen.entry(r.key.as_str()).or_insert(0);
            *n += 1;
            (r.key.as_str(), *n - 1)
        })
        .collect()
}

/// Which elements of `sequence` belong to one longest increasing subsequence
/// (those keep their relative order; the others moved). O(n log n).
fn longest_increasing(sequence: &[usize]) -> Vec<bool> {
    // tails[k]: index of the smallest last element of an increasing run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; sequence.len()];
    for (i, value) in sequence.iter().enumerate() {
        let at = tails.partition_point(|&t| sequence.get(t).is_some_and(|v| v < value));
        previous[i] = at.checked_sub(1).and_then(|p| tails.get(p).copied());
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut kept = vec![false; sequence.len()];
    let mut cursor = tails.last().copied();
    while let Some(i) = cursor {
        kept[i] = true;
        cursor = previous[i];
    }
    kept
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

fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

/// Standard input, named so that the header cannot read as a removed line.
fn display_path(path: &str) -> &str {
    if path == "-" { "standard input" } else { path }
}

#[cfg(test)]
mod tests {
    use super::longest_increasing;

    #[test]
    fn the_items_that_keep_their_order_are_not_moved() {
        assert_eq!(longest_increasing(&[]), Vec::<bool>::new());
        assert_eq!(longest_increasing(&[0, 1, 2]), [true, true, true]);
        // Consideration put before awareness: consideration moved.
        assert_eq!(longest_increasing(&[1, 0, 2, 3]), [false, true, true, true]);
        // The last item put first: only it moved.
        assert_eq!(longest_increasing(&[3, 0, 1, 2]), [false, true, true, true]);
    }
}
