//! The rule catalogue as `journeymap rules` and `explain` print it: pure
//! functions of the registry, so the README, SARIF and the terminal agree.

use comfy_table::{ColumnConstraint, ContentArrangement, Table, presets};
use serde_json::json;

use crate::rules::Rule;

/// Aligned columns: id, default severity, group, summary. Long summaries
/// wrap to `width` when one is given (a terminal); a pipe gets whole lines.
pub fn table(rules: &[&Rule], width: Option<u16>) -> String {
    let mut table = Table::new();
    table
        .load_style(presets::NOTHING)
        .set_header(["RULE", "DEFAULT", "GROUP", "SUMMARY"]);
    if let Some(width) = width {
        table
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width);
    }
    for rule in rules {
        table.add_row([
            rule.id,
            rule.default_severity.as_str(),
            rule.group.as_str(),
            rule.summary,
        ]);
    }
    for (index, column) in table.column_iter_mut().enumerate() {
        column.set_padding((0, 2));
        // Ids, severities and groups never wrap; only the summary does.
        if index < 3 {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    // The last column's padding is noise at the end of a line.
    let mut out: String = table
        .lines()
        .map(|line| format!("{}\n", line.trim_end()))
        .collect();
    out.push_str(&format!(
        "\n{} rules. `journeymap explain RULE` tells what one reports and how to fix it.\n",
        rules.len()
    ));
    out
}

/// A GitHub table; the README's rule table is exactly this text.
pub fn markdown(rules: &[&Rule]) -> String {
    let mut out = String::from("| rule | default | group | reports |\n|---|---|---|---|\n");
    for rule in rules {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            rule.id,
            rule.default_severity,
            rule.group.as_str(),
            rule.summary.replace('|', "\\|")
        ));
    }
    out
}

/// `{"rules": [{id, default_severity, group, summary, docs}, …]}`, in catalogue order.
pub fn json(rules: &[&Rule]) -> String {
    let rules: Vec<_> = rules
        .iter()
        .map(|rule| {
            json!({
                "id": rule.id,
                "default_severity": rule.default_severity.as_str(),
                "group": rule.group.as_str(),
                "summary": rule.summary,
                "docs": rule.docs,
            })
        })
        .collect();
    // A `Value` of strings always serializes.
    let mut out = serde_json::to_string_pretty(&json!({ "rules": rules })).unwrap_or_default();
    out.push('\n');
    out
}

/// One rule's documentation, as a Markdown document.
pub fn explain(rule: &Rule) -> String {
    format!(
        "# {}\n\n{}.\n\nDefault severity: {} · group: {}\n\n{}",
        rule.id,
        rule.summary,
        rule.default_severity,
        rule.group.as_str(),
        rule.docs.trim_start()
    )
}
