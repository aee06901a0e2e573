//! The Markdown format of `journeymap diff`: a pull-request comment.

use std::fmt::Write as _;

use super::{Change, Diff, Entry, Field, Record, Section, display_path, yes_no};
use crate::diagnostic::Diagnostic;

pub(super) fn render(diff: &Diff<'_>) -> String {
    let mut out = format!("## Journey map diff: {}\n\n", md(diff.title));
    let _ = writeln!(
        out,
        "{} → {}\n",
        md(display_path(diff.old_path)),
        md(display_path(diff.new_path))
    );
    if diff.identical {
        out.push_str("No changes.\n");
        return out;
    }
    let (old_score, new_score) = diff.score;
    let delta = i32::from(new_score) - i32::from(old_score);
    let delta = if delta == 0 {
        String::new()
    } else {
        format!(" ({delta:+})")
    };
    let (old, new) = (diff.findings.old, diff.findings.new);
    let _ = writeln!(
        out,
        "Completeness score **{old_score} → {new_score}**{delta} · {} · \
         errors {} → {} · warnings {} → {} · infos {} → {}",
        crate::report::plural(diff.changes(), "change"),
        old.errors,
        new.errors,
        old.warnings,
        new.warnings,
        old.infos,
        new.infos
    );

    let mut section = |heading: &str, items: Vec<String>| {
        if !items.is_empty() {
            let _ = writeln!(out, "\n### {heading}\n");
            for item in items {
                let _ = writeln!(out, "- {item}");
            }
        }
    };
    let changed = |changes: &[Change]| -> Vec<String> {
        changes
            .iter()
            .map(|c| format!("**changed** {}", md_change(c)))
            .collect()
    };
    section("Map", changed(&diff.map));
    let mut persona = changed(&diff.persona);
    persona.extend(
        diff.channels_added
            .iter()
            .map(|c| format!("**added** channel \"{}\"", md(c))),
    );
    persona.extend(
        diff.channels_removed
            .iter()
            .map(|c| format!("**removed** channel \"{}\"", md(c))),
    );
    section("Persona", persona);
    for s in &diff.sections {
        section(&capitalized(s.kind.heading), md_section(s));
    }
    let finding = |word: &str, d: &Diagnostic| {
        format!(
            "**{word}** {} `{}` (line {}): {}",
            d.severity,
            d.rule,
            d.line,
            md(&d.message)
        )
    };
    let mut findings: Vec<String> = diff
        .findings
        .appeared
        .iter()
        .map(|d| finding("new", d))
        .collect();
    findings.extend(diff.findings.disappeared.iter().map(|d| finding("gone", d)));
    section("Findings", findings);

    if diff.changes() == 0 {
        out.push_str(
            "\nThe maps differ only in fields diff does not compare (descriptions, metrics, resources…).\n",
        );
    }
    out
}

fn md_section(section: &Section) -> Vec<String> {
    let kind = &section.kind;
    let key = |key: &str| {
        if kind.key_is_text() {
            format!("\"{}\"", md(key))
        } else {
            md_id(key)
        }
    };
    section
        .entries
        .iter()
        .map(|entry| match entry {
            Entry::Added(record) => {
                format!(
                    "**{}** {}: {}",
                    kind.added,
                    key(&record.key),
                    md_fields(record)
                )
            }
            Entry::Removed(record) => format!(
                "**{}** {}: {}",
                kind.removed,
                key(&record.key),
                md_fields(record)
            ),
            Entry::Changed { key: k, changes } => format!(
                "**changed** {}: {}",
                key(k),
                changes.iter().map(md_change).collect::<Vec<_>>().join(", ")
            ),
        })
        .collect()
}

fn md_fields(record: &Record) -> String {
    record
        .fields
        .iter()
        .filter(|(_, value)| !value.is_blank())
        .map(|(name, value)| format!("{name} {}", md_value(value)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn md_change(change: &Change) -> String {
    format!(
        "{} {} → {}",
        change.field,
        md_value(&change.old),
        md_value(&change.new)
    )
}

fn md_value(value: &Field) -> String {
    match value {
        Field::Absent => "*none*".to_owned(),
        Field::Number(n) => n.to_string(),
        Field::Bool(b) => yes_no(*b).to_owned(),
        Field::Word(w) => md(w),
        Field::Text(t) => format!("\"{}\"", md(t)),
        Field::List(items) if items.is_empty() => "*none*".to_owned(),
        Field::List(items) => items
            .iter()
            .map(|i| md_id(i))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// An id in a code span; anything a code span cannot hold is escaped text instead.
fn md_id(id: &str) -> String {
    if !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        format!("`{id}`")
    } else {
        md(id)
    }
}

/// Text that reads as written inside a list item or a table cell: no HTML,
/// no emphasis, links or code, no cell boundary, one line.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '~' | '|' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
