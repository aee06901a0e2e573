//! `export --to markdown`: the report for each example (snapshots), escaping
//! of map text, ranking and determinism.
//!
//! The Mermaid block's content belongs to `export --to mermaid`; only the
//! snapshots show it, and the assertions here look past it.

use journeymap::check::{CheckOptions, check_map};
use journeymap::export::markdown;

fn options() -> CheckOptions {
    CheckOptions::new(jiff::civil::Date::new(2026, 11, 23).expect("a real date"))
}

/// The complete map the rule fixtures start from; it has no finding.
const BASE: &str = include_str!("fixtures/base.yaml");

/// [`BASE`] with each `(from, to)` applied once.
fn edited(edits: &[(&str, &str)]) -> String {
    let mut map = BASE.to_owned();
    for (from, to) in edits {
        assert_eq!(map.matches(from).count(), 1, "{from:?} must occur once");
        map = map.replacen(from, to, 1);
    }
    map
}

/// The Markdown export of a map that must pass the schema.
fn export(path: &str, source: &str) -> String {
    let (report, valid) = check_map(path, source.as_bytes(), &options());
    let valid = valid.unwrap_or_else(|| panic!("{path} must pass the schema: {report:#?}"));
    markdown::render(&valid, &report)
}

/// The document with the Mermaid block's content left out (its fences stay).
fn without_mermaid(document: &str) -> String {
    let mut out = String::new();
    let mut fence: Option<String> = None;
    for line in document.lines() {
        match &fence {
            Some(open) if line == open => {
                fence = None;
                out.push_str(line);
                out.push('\n');
            }
            Some(_) => {}
            None => {
                if line.starts_with("```") && line.ends_with("mermaid") {
                    fence = Some(line.trim_end_matches("mermaid").to_owned());
                }
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    assert!(fence.is_none(), "the mermaid block is not closed");
    out
}

/// Cells of a table row, split on the pipes that are not escaped.
fn cells(row: &str) -> Vec<String> {
    let inner = row
        .strip_prefix("| ")
        .and_then(|r| r.strip_suffix(" |"))
        .unwrap_or_else(|| panic!("not a table row: {row:?}"));
    let mut cells = vec![String::new()];
    let mut escaped = false;
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '|' && !escaped {
            let last = cells.last_mut().expect("one cell at least");
            *last = last.trim().to_owned();
            cells.push(String::new());
            if chars.peek() == Some(&' ') {
                chars.next();
            }
            continue;
        }
        escaped = c == '\\' && !escaped;
        cells.last_mut().expect("one cell at least").push(c);
    }
    let last = cells.last_mut().expect("one cell at least");
    *last = last.trim().to_owned();
    cells
}

/// Every table: each row has as many cells as its header.
fn assert_tables_well_formed(document: &str) {
    let mut columns: Option<usize> = None;
    for line in document.lines() {
        if line.starts_with('|') {
            let count = cells(line).len();
            match columns {
                None => columns = Some(count),
                Some(expected) => assert_eq!(count, expected, "row {line:?}"),
            }
        } else {
            columns = None;
        }
    }
}

#[test]
fn examples() {
    let mut paths: Vec<_> = std::fs::read_dir("examples")
        .expect("the examples folder")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 3, "one snapshot per example");
    for path in paths {
        let name = path.file_stem().expect("a file name").to_string_lossy();
        let path = path.to_string_lossy().replace('\\', "/");
        let source = std::fs::read_to_string(&path).expect("an example");
        let document = export(&path, &source);
        assert_tables_well_formed(&without_mermaid(&document));
        insta::assert_snapshot!(name.to_string(), document);
    }
}

/// A map with gaps of every kind, and text that Markdown would misread.
const GAPS: &str = r##"title: "# Returns <b>portal</b> & more | v2"
description: |
  First line of the description.
  # not a heading
  - not a list item
  1. not an ordered list
  > not a quote
  Fish &amp; chips, C:\temp and AT&T.
updated: 2025-01-10
persona:
  name: "Sam | returns <i>shopper</i>"
  demographics: { "age | band": 25-34, "x-source": survey }
  channels: [web, "phone | hotline"]
stages:
  - id: browse
    name: "Browse | <b>find</b>"
    goals: ["line one\nline two"]
    emotion: 2
    touchpoints:
      - { id: site, name: "<script>alert(1)</script>", channel: web }
  - id: return
    name: Return
    touchpoints: []
    metrics:
      - { name: returns handled, value: "n/a" }
      - { name: wait, target: 3, unit: days }
      - { name: bare }
opportunities:
  pain_points:
    - { id: slow, description: "Refund takes | weeks", stage: return }
    - { id: lost, description: Label lost, stage: browse, touchpoint: site, severity: 3 }
    - { id: cost, description: Return costs money, stage: return, severity: 3 }
  innovations:
    - { id: zeta, description: Tied idea z, addresses: [slow], impact: 4, effort: 2 }
    - { id: unscored, description: No score yet, addresses: [lost] }
    - { id: eta, description: Tied idea e, addresses: [slow], impact: 2, effort: 1 }
  efficiencies:
    - { id: alpha, description: Tied idea a, addresses: [cost], impact: 2, effort: 1 }
    - { id: top, description: Best idea, impact: 5, effort: 1 }
    - { id: half, description: Impact only, impact: 5 }
action_plan:
  initiatives:
    - { id: faster-refunds, title: Faster refunds, addresses: [zeta], due: 2026-12-01 }
  pilots:
    - { id: label-pilot, title: "Label | pilot", addresses: [lost], owner: Ops, scope: "One <em>store</em>" }
  improvements:
    - { id: code-span, title: "Use `a<b | c` here", addresses: [slow], owner: Dev, due: 2027-01-01, status: dropped }
  milestones:
    - { name: Late, date: 2027-03-01, delivers: [label-pilot] }
    - { name: Early, date: 2026-12-01, delivers: [faster-refunds] }
    - { name: Also early, date: 2026-12-01, delivers: [code-span] }
  resources:
    - { action: faster-refunds, people: 1.5, budget: 1234567.5, currency: USD }
    - { action: label-pilot, budget: 1000, currency: EUR }
    - { action: label-pilot, budget: 250 }
    - { action: faster-refunds, budget: 100, currency: EUR }
"##;

#[test]
fn gaps_and_awkward_text() {
    let document = export("maps/returns.yaml", GAPS);
    assert_tables_well_formed(&without_mermaid(&document));
    insta::assert_snapshot!("gaps", document);
}

#[test]
fn escapes_pipes_newlines_and_html() {
    let document = without_mermaid(&export("maps/returns.yaml", GAPS));

    // No HTML from the map renders: every `<` is an entity.
    for tag in ["<b>", "</b>", "<i>", "<script>", "<em>"] {
        assert!(!document.contains(tag), "{tag} left raw:\n{document}");
    }
    assert!(document.contains("&lt;b&gt;find&lt;/b&gt;"));
    assert!(document.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // Outside code spans, the only HTML is the line breaks the report puts in.
    let outside_code: String = document
        .lines()
        .flat_map(|line| line.split('`').step_by(2))
        .collect();
    let html: Vec<&str> = outside_code
        .match_indices('<')
        .map(|(at, _)| &outside_code[at..(at + 4).min(outside_code.len())])
        .collect();
    assert!(html.iter().all(|tag| *tag == "<br>"), "{html:?}");

    // In tables, `|` is escaped; rows keep their cells.
    assert!(document.contains("| Browse \\| &lt;b&gt;find&lt;/b&gt; | Return |"));
    assert!(document.contains("| age \\| band | 25-34 |"));
    assert!(document.contains("Refund takes \\| weeks (`slow`)"));
    // Code spans stay code spans; the pipe inside is escaped for the table.
    assert!(document.contains("Use `a<b \\| c` here (`code-span`)"));

    // A newline in a cell is a `<br>`: the row stays one line.
    assert!(document.contains("| **Goals** | line one<br>line two | — |"));

    // Free text cannot open a heading, list or quote, nor be read as an entity.
    assert_eq!(
        document.lines().filter(|l| l.starts_with("# ")).count(),
        1,
        "only the title is a level-1 heading"
    );
    assert!(document.starts_with("# \\# Returns &lt;b&gt;portal&lt;/b&gt; & more | v2\n"));
    assert!(document.contains(
        "First line of the description.<br># not a heading<br>- not a list item\
         <br>1. not an ordered list<br>&gt; not a quote<br>Fish &amp;amp; chips, \
         C:\\\\temp and AT&T.\n"
    ));

    // Extension keys are not demographics.
    assert!(!document.contains("x-source"));
}

#[test]
fn leading_block_markers_are_escaped() {
    let map = edited(&[
        (
            "title: First online grocery order",
            "title: \"- 1. # not a list\"\ndescription: \"1. first\"",
        ),
        ("name: Maya, busy parent", "name: \"# Maya\""),
        (
            "challenges: [irregular shifts]",
            "challenges: [\"+ plus\", \"***\", \"```fence\", \"-5% is fine\", \"#hashtag\"]",
        ),
    ]);
    let document = without_mermaid(&export("base.yaml", &map));
    assert!(
        document.starts_with("# \\- 1. # not a list\n"),
        "{document}"
    );
    assert!(document.contains("\n1\\. first\n"));
    assert!(document.contains("\n## Persona: \\# Maya\n"));
    for item in [
        "- \\+ plus",
        "- \\***",
        "- \\```fence",
        "- -5% is fine",
        "- #hashtag",
    ] {
        assert!(
            document.contains(&format!("\n{item}\n")),
            "{item}:\n{document}"
        );
    }
}

#[test]
fn ideas_ranked_by_priority_then_id_unscored_last() {
    let document = export("maps/returns.yaml", GAPS);
    let section = document
        .split("## Ideas ranked by priority")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the ideas section");
    let order: Vec<String> = section
        .lines()
        .filter(|line| {
            line.starts_with("| ") && !line.starts_with("| Rank") && !line.contains("---")
        })
        .map(cells)
        .map(|cells| format!("{} {} {}", cells[0], cells[1], cells[3]))
        .collect();
    assert_eq!(
        order,
        [
            "1 Best idea (`top`) **25**",
            "2 Tied idea z (`zeta`) **16**",
            "3 Tied idea a (`alpha`) **10**",
            "4 Tied idea e (`eta`) **10**",
            "— Impact only (`half`) unscored",
            "— No score yet (`unscored`) unscored",
        ]
    );
}

#[test]
fn gap_summary_groups_findings_by_severity() {
    let document = export("maps/returns.yaml", GAPS);
    let summary = document
        .split("## Gap summary")
        .nth(1)
        .expect("the gap summary");
    let errors = summary.find("### Errors (1)").expect("errors");
    let warnings = summary.find("### Warnings (").expect("warnings");
    let infos = summary.find("### Infos (").expect("infos");
    assert!(errors < warnings && warnings < infos);
    assert!(summary.contains("| 23 | `empty-stage` | stage \"return\" has no touchpoints |"));

    let clean = export("base.yaml", BASE);
    assert!(clean.contains("0 errors, 0 warnings, 0 infos"));
    assert!(clean.contains("No gaps found"));
    assert!(!clean.contains("### Errors"));
}

#[test]
fn mermaid_block_is_fenced() {
    let document = export("base.yaml", BASE);
    let after = document
        .split("\n## Journey diagram\n\n")
        .nth(1)
        .expect("the diagram section");
    let open = after.lines().next().expect("a fence");
    let fence = open.strip_suffix("mermaid").expect("a mermaid fence");
    assert!(
        fence.len() >= 3 && fence.chars().all(|c| c == '`'),
        "{open:?}"
    );
    assert!(
        after.lines().skip(1).any(|line| line == fence),
        "the mermaid block is closed"
    );
    assert_eq!(without_mermaid(&document).matches(open).count(), 1);
}

#[test]
fn deterministic_and_ends_with_one_newline() {
    for (path, source) in [("maps/returns.yaml", GAPS), ("base.yaml", BASE)] {
        let first = export(path, source);
        let second = export(path, source);
        assert_eq!(first, second);
        assert!(first.ends_with('\n') && !first.ends_with("\n\n"));
        assert!(
            first.lines().all(|line| line == line.trim_end()),
            "no trailing whitespace"
        );
    }
}
