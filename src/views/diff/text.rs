//! The text format of `journeymap diff`: `+`/`-`/`~` lines grouped under headings.

use std::fmt::Write as _;

use super::{Change, Diff, Entry, Field, Record, Section, display_path, yes_no};
use crate::diagnostic::Diagnostic;

pub(super) fn render(diff: &Diff<'_>) -> String {
    let mut out = format!(
        "{} → {}\n",
        display_path(diff.old_path),
        display_path(diff.new_path)
    );
    if diff.identical {
        out.push_str("no changes\n");
        return out;
    }
    let (old_score, new_score) = diff.score;
    let (old, new) = (diff.findings.old, diff.findings.new);
    let _ = writeln!(out, "score {old_score} → {new_score}");
    let _ = writeln!(
        out,
        "findings: errors {} → {}, warnings {} → {}, infos {} → {}",
        old.errors, new.errors, old.warnings, new.warnings, old.infos, new.infos
    );

    let mut group = |heading: &str, lines: Vec<String>| {
        if !lines.is_empty() {
            let _ = writeln!(out, "\n{heading}");
            for line in lines {
                let _ = writeln!(out, "  {line}");
            }
        }
    };
    let changed = |noun: &str, changes: &[Change]| -> Vec<String> {
        if changes.is_empty() {
            return Vec::new();
        }
        vec![format!("~ {noun}: {}", text_changes(changes))]
    };
    group("map", changed("map", &diff.map));
    let mut persona = changed("persona", &diff.persona);
    persona.extend(
        diff.channels_added
            .iter()
            .map(|c| format!("+ persona channel {c:?}")),
    );
    persona.extend(
        diff.channels_removed
            .iter()
            .map(|c| format!("- persona channel {c:?}")),
    );
    group("persona", persona);
    for section in &diff.sections {
        group(section.kind.heading, text_section(section));
    }
    let finding = |sign: char, d: &Diagnostic| {
        format!(
            "{sign} {} {}: {} (line {})",
            d.severity, d.rule, d.message, d.line
        )
    };
    let mut lines: Vec<String> = diff
        .findings
        .appeared
        .iter()
        .map(|d| finding('+', d))
        .collect();
    lines.extend(diff.findings.disappeared.iter().map(|d| finding('-', d)));
    group("findings", lines);

    if diff.changes() == 0 {
        out.push_str("\nthe maps differ only in fields diff does not compare (descriptions, metrics, resources…)\n");
    }
    out
}

fn text_section(section: &Section) -> Vec<String> {
    let kind = &section.kind;
    let key = |key: &str| {
        if kind.key_is_text() {
            format!("{key:?}")
        } else {
            key.to_owned()
        }
    };
    section
        .entries
        .iter()
        .map(|entry| match entry {
            Entry::Added(record) => format!(
                "+ {} {}{}: {}",
                kind.noun,
                key(&record.key),
                verb(kind.added),
                text_fields(record)
            ),
            Entry::Removed(record) => format!(
                "- {} {}{}: {}",
                kind.noun,
                key(&record.key),
                verb(kind.removed),
                text_fields(record)
            ),
            Entry::Changed { key: k, changes } => {
                format!("~ {} {}: {}", kind.noun, key(k), text_changes(changes))
            }
        })
        .collect()
}

/// " opened" after a pain point's id; "added" goes without saying after `+`.
fn verb(word: &str) -> String {
    if matches!(word, "added" | "removed") {
        String::new()
    } else {
        format!(" {word}")
    }
}

fn text_fields(record: &Record) -> String {
    record
        .fields
        .iter()
        .filter(|(_, value)| !value.is_blank())
        .map(|(name, value)| format!("{name} {}", text_value(value)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn text_changes(changes: &[Change]) -> String {
    changes
        .iter()
        .map(|c| {
            format!(
                "{} {} → {}",
                c.field,
                text_value(&c.old),
                text_value(&c.new)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Free text is quoted with its control characters escaped, so every entry stays on one line.
fn text_value(value: &Field) -> String {
    match value {
        Field::Absent => "none".to_owned(),
        Field::Number(n) => n.to_string(),
        Field::Bool(b) => yes_no(*b).to_owned(),
        Field::Word(w) => w.escape_debug().to_string(),
        Field::Text(t) => format!("{t:?}"),
        Field::List(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|i| i.escape_debug().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
