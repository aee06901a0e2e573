//! Two versions of the same objects compared: the changes of one object
//! field by field, and lists of objects matched by key. Everything is linear
//! in the size of the map, or n log n (the stages that moved).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet, VecDeque};

use super::items::{Field, Kind, ListKind, Record};
use super::number::{self, Number};
use crate::rules::channel_key;

/// A field's name as reported: a key of the format (`emotion`), or built
/// for a key of a map (`demographics.age`, `x-jira`).
pub(super) type Name = Cow<'static, str>;

/// One field of one object, before and after.
#[derive(Debug, Clone)]
pub(super) enum Change {
    /// A value replaced: `emotion 2 → 4`, `value 40 → 55 (+15)`.
    Value { field: Name, old: Field, new: Field },
    /// Items of a list of strings added and removed, and persona channels respelled.
    List {
        field: Name,
        kind: ListKind,
        added: Vec<String>,
        removed: Vec<String>,
        /// (old spelling, new spelling)
        respelled: Vec<(String, String)>,
    },
    /// Nested objects (a stage's metrics), matched by key.
    Items {
        field: Name,
        kind: &'static Kind,
        entries: Vec<Entry>,
    },
}

impl Change {
    pub(super) fn field(&self) -> &str {
        match self {
            Change::Value { field, .. }
            | Change::List { field, .. }
            | Change::Items { field, .. } => field,
        }
    }

    /// Values replaced, list items added, removed or respelled, objects added, removed or changed.
    pub(super) fn count(&self) -> usize {
        match self {
            Change::Value { .. } => 1,
            Change::List {
                added,
                removed,
                respelled,
                ..
            } => added.len() + removed.len() + respelled.len(),
            Change::Items { entries, .. } => count(entries),
        }
    }

    /// The movement of a quantity: `new − old`.
    pub(super) fn delta(&self) -> Option<Number> {
        match self {
            Change::Value {
                old: Field::Quantity(old),
                new: Field::Quantity(new),
                ..
            } => number::difference(old, new),
            _ => None,
        }
    }
}

/// One object of a list, in one of three states.
#[derive(Debug, Clone)]
pub(super) enum Entry {
    Added(Record),
    Removed(Record),
    Changed {
        key: String,
        changes: Vec<Change>,
        /// For a metric whose value or target changed: where the value is against the target.
        progress: Option<Progress>,
    },
}

/// A metric against its target, after the change.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Progress {
    pub target: Number,
    /// The value is on the target, or went past it from where it was
    /// (a target is where the value is heading); `false` when it did not,
    /// none when the old version had no numeric value and target to tell.
    pub reached: Option<bool>,
    /// How far the value is from the target.
    pub distance: Number,
}

/// Objects added and removed, and the changes of those changed.
pub(super) fn count(entries: &[Entry]) -> usize {
    entries
        .iter()
        .map(|entry| match entry {
            Entry::Changed { changes, .. } => changes.iter().map(Change::count).sum(),
            _ => 1,
        })
        .sum()
}

/// The changes of one object, in field order. Both records come from the
/// same builder, so their fields pair up.
pub(super) fn record_changes(old: &Record, new: &Record) -> Vec<Change> {
    let mut changes = Vec::new();
    for ((name, before), (_, after)) in old.fields.iter().zip(&new.fields) {
        field_changes(Cow::Borrowed(name), before, after, &mut changes);
    }
    changes
}

fn field_changes(name: Name, old: &Field, new: &Field, out: &mut Vec<Change>) {
    match (old, new) {
        (Field::List(kind, before), Field::List(_, after)) => {
            if let Some(change) = list_change(name, *kind, before, after) {
                out.push(change);
            }
        }
        // An extension list that appears or goes: every item added or removed.
        (Field::List(kind, before), Field::Absent) => field_changes(
            name,
            &Field::List(*kind, before.clone()),
            &Field::List(*kind, Vec::new()),
            out,
        ),
        (Field::Absent, Field::List(kind, after)) => field_changes(
            name,
            &Field::List(*kind, Vec::new()),
            &Field::List(*kind, after.clone()),
            out,
        ),
        (Field::Keyed(before), Field::Keyed(after)) => keyed_changes(&name, before, after, out),
        (Field::Items(kind, before), Field::Items(_, after)) => {
            let entries = diff_records(kind, before, after);
            if !entries.is_empty() {
                out.push(Change::Items {
                    field: name,
                    kind,
                    entries,
                });
            }
        }
        _ if old != new => out.push(Change::Value {
            field: name,
            old: old.clone(),
            new: new.clone(),
        }),
        _ => {}
    }
}

/// A map compared key by key: keys of the new version in its order, then
/// those only the old one has. Extension keys are named as they are
/// (`x-jira`), others after their field (`demographics.age`).
fn keyed_changes(
    field: &str,
    old: &[(String, Field)],
    new: &[(String, Field)],
    out: &mut Vec<Change>,
) {
    let name = |key: &str| -> Name { Cow::Owned(keyed_name(field, key)) };
    let before: HashMap<&str, &Field> = old.iter().map(|(k, v)| (k.as_str(), v)).collect();
    let now: HashSet<&str> = new.iter().map(|(k, _)| k.as_str()).collect();
    for (key, value) in new {
        let previous = before.get(key.as_str()).copied().unwrap_or(&Field::Absent);
        field_changes(name(key), previous, value, out);
    }
    for (key, value) in old.iter().filter(|(k, _)| !now.contains(k.as_str())) {
        field_changes(name(key), value, &Field::Absent, out);
    }
}

/// A key of a map field as reported: `x-jira` for an extension key, `demographics.age`.
pub(super) fn keyed_name(field: &str, key: &str) -> String {
    if field == "extensions" {
        key.to_owned()
    } else {
        format!("{field}.{key}")
    }
}

/// Items added (new order) and removed (old order), as multisets: an item
/// written twice and kept once is removed once. Channels are matched by
/// their `check` key, and a new spelling of a kept channel is a respelling.
fn list_change(name: Name, kind: ListKind, old: &[String], new: &[String]) -> Option<Change> {
    let key = |item: &'_ str| -> String {
        match kind {
            ListKind::Channels => channel_key(item).into_owned(),
            ListKind::Ids | ListKind::Texts => item.to_owned(),
        }
    };
    // For each key, the old items not yet matched, in old order.
    let mut unmatched: HashMap<String, VecDeque<usize>> = HashMap::new();
    for (i, item) in old.iter().enumerate() {
        unmatched.entry(key(item)).or_default().push_back(i);
    }
    let mut kept = vec![false; old.len()];
    let (mut added, mut respelled) = (Vec::new(), Vec::new());
    for item in new {
        match unmatched.get_mut(&key(item)).and_then(VecDeque::pop_front) {
            Some(i) => {
                kept[i] = true;
                if old[i] != *item {
                    respelled.push((old[i].clone(), item.clone()));
                }
            }
            None => added.push(item.clone()),
        }
    }
    let removed: Vec<String> = old
        .iter()
        .zip(&kept)
        .filter(|(_, kept)| !**kept)
        .map(|(item, _)| item.clone())
        .collect();
    if added.is_empty() && removed.is_empty() && respelled.is_empty() {
        return None;
    }
    Some(Change::List {
        field: name,
        kind,
        added,
        removed,
        respelled,
    })
}

/// Items of both versions matched by key (the n-th item with a key matches
/// the n-th with the same key): added and changed in new order, then removed
/// in old order. A `position` counts as changed only for items whose order
/// among the items both versions have changed.
pub(super) fn diff_records(kind: &Kind, old: &[Record], new: &[Record]) -> Vec<Entry> {
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
        if before == record {
            continue;
        }
        let changes: Vec<Change> = record_changes(before, record)
            .into_iter()
            .filter(|c| c.field() != "position" || moved[i])
            .collect();
        if changes.is_empty() {
            continue;
        }
        let progress = (kind.has_progress()
            && changes
                .iter()
                .any(|c| matches!(c.field(), "value" | "target")))
        .then(|| progress(before, record))
        .flatten();
        entries.push(Entry::Changed {
            key: record.key.clone(),
            changes,
            progress,
        });
    }
    for (record, key) in old.iter().zip(&old_keys) {
        if !new_index.contains_key(key) {
            entries.push(Entry::Removed(record.clone()));
        }
    }
    entries
}

/// Where a metric stands against its target, when both are numbers.
fn progress(old: &Record, new: &Record) -> Option<Progress> {
    let number = |record: &Record, name: &str| match record.field(name) {
        Some(Field::Quantity(n)) => Some(n.clone()),
        _ => None,
    };
    let (value, target) = (number(new, "value")?, number(new, "target")?);
    let gap = number::direction(&value, &target)?;
    let old_gap = match (number(old, "value"), number(old, "target")) {
        (Some(v), Some(t)) => number::direction(&v, &t),
        _ => None,
    };
    let reached = if gap.is_eq() {
        Some(true)
    } else {
        old_gap.map(|before| !before.is_eq() && before != gap)
    };
    Some(Progress {
        distance: number::distance(&value, &target)?,
        target,
        reached,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_items_that_keep_their_order_are_not_moved() {
        assert_eq!(longest_increasing(&[]), Vec::<bool>::new());
        assert_eq!(longest_increasing(&[0, 1, 2]), [true, true, true]);
        // Consideration put before awareness: consideration moved.
        assert_eq!(longest_increasing(&[1, 0, 2, 3]), [false, true, true, true]);
        // The last item put first: only it moved.
        assert_eq!(longest_increasing(&[3, 0, 1, 2]), [false, true, true, true]);
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    /// Added, removed, respelled.
    type Items = (Vec<String>, Vec<String>, Vec<(String, String)>);

    fn list(kind: ListKind, old: &[&str], new: &[&str]) -> Option<Items> {
        match list_change(Cow::Borrowed("f"), kind, &strings(old), &strings(new))? {
            Change::List {
                added,
                removed,
                respelled,
                ..
            } => Some((added, removed, respelled)),
            other => panic!("not a list change: {other:?}"),
        }
    }

    #[test]
    fn lists_compare_as_multisets() {
        assert_eq!(list(ListKind::Texts, &["a", "b"], &["b", "a"]), None);
        assert_eq!(
            list(ListKind::Texts, &["a", "b", "a"], &["c", "a"]),
            Some((strings(&["c"]), strings(&["b", "a"]), vec![]))
        );
        // Texts are compared exactly; channels as `check` compares them.
        assert_eq!(
            list(ListKind::Texts, &["Mobile App"], &["mobile-app"]),
            Some((strings(&["mobile-app"]), strings(&["Mobile App"]), vec![]))
        );
        assert_eq!(
            list(
                ListKind::Channels,
                &["Mobile App", "email"],
                &["mobile-app", "email"]
            ),
            Some((
                vec![],
                vec![],
                vec![("Mobile App".into(), "mobile-app".into())]
            ))
        );
    }
}
