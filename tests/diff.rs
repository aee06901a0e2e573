//! `journeymap diff`: a map against itself, a pair covering every kind of
//! change (snapshots in each format, and reversed), the JSON shape, and the
//! command line (standard input, refused maps, `--output`).
//!
//! `tests/fixtures/diff/old.yaml` is `tests/fixtures/base.yaml` as it is;
//! `new.yaml` is that map edited with every change `diff` reports.

use assert_cmd::Command;
use journeymap::check::{CheckOptions, FileReport, ValidMap, check_map};
use journeymap::cli::DiffFormat;
use journeymap::views::diff;
use serde_json::Value;

const OLD: &str = "tests/fixtures/diff/old.yaml";
const NEW: &str = "tests/fixtures/diff/new.yaml";
const FORMATS: [DiffFormat; 3] = [DiffFormat::Text, DiffFormat::Markdown, DiffFormat::Json];

fn today() -> jiff::civil::Date {
    jiff::civil::Date::new(2026, 11, 23).expect("a real date")
}

/// A map that must pass the schema, checked as `diff` checks it.
fn checked(path: &str, source: &str) -> (ValidMap, FileReport) {
    let (report, valid) = check_map(path, source.as_bytes(), &CheckOptions::new(today()));
    let valid = valid.unwrap_or_else(|| panic!("{path} must pass the schema: {report:#?}"));
    (valid, report)
}

fn file(path: &str) -> (ValidMap, FileReport) {
    let source = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    checked(path, &source)
}

fn render(
    old: &(ValidMap, FileReport),
    new: &(ValidMap, FileReport),
    format: DiffFormat,
) -> String {
    diff::render(old, new, format, today())
}

fn parse(json: &str) -> Value {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("not JSON ({e}):\n{json}"))
}

/// The sections of items, each with `added`, `removed` and `changed`.
const SECTIONS: [&str; 7] = [
    "stages",
    "touchpoints",
    "pain_points",
    "unmet_needs",
    "ideas",
    "actions",
    "milestones",
];

#[test]
fn a_map_against_itself_has_no_changes() {
    let mut paths = vec![OLD.to_owned(), NEW.to_owned()];
    let mut examples: Vec<String> = std::fs::read_dir("examples")
        .expect("examples/ is readable")
        .map(|entry| {
            entry
                .expect("a directory entry")
                .path()
                .display()
                .to_string()
        })
        .collect();
    examples.sort();
    paths.extend(examples);
    for path in &paths {
        let map = file(path);
        assert_eq!(
            render(&map, &map, DiffFormat::Text),
            format!("{path} → {path}\nno changes\n")
        );
        let markdown = render(&map, &map, DiffFormat::Markdown);
        assert!(markdown.starts_with("## Journey map diff: "), "{markdown}");
        assert!(markdown.ends_with("\n\nNo changes.\n"), "{markdown}");

        let json = parse(&render(&map, &map, DiffFormat::Json));
        assert_eq!(json["identical"], true, "{path}");
        assert_eq!(json["changes"], 0, "{path}");
        assert_eq!(json["score"]["old"], json["score"]["new"], "{path}");
        assert_eq!(json["findings"]["appeared"], serde_json::json!([]));
        assert_eq!(json["findings"]["disappeared"], serde_json::json!([]));
        for section in SECTIONS {
            for list in ["added", "removed", "changed"] {
                assert_eq!(
                    json[section][list],
                    serde_json::json!([]),
                    "{path} {section}"
                );
            }
        }
    }
}

#[test]
fn every_kind_of_change_text() {
    let text = render(&file(OLD), &file(NEW), DiffFormat::Text);
    insta::assert_snapshot!("text", text);
}

#[test]
fn every_kind_of_change_markdown() {
    let markdown = render(&file(OLD), &file(NEW), DiffFormat::Markdown);
    // Map text cannot open HTML or end a table cell.
    assert!(markdown.contains(r#""Delivery &lt;tracking&gt; \| SMS""#));
    insta::assert_snapshot!("markdown", markdown);
}

#[test]
fn every_kind_of_change_json() {
    let json = render(&file(OLD), &file(NEW), DiffFormat::Json);
    assert!(json.ends_with("}\n") && !json.ends_with("\n\n"));
    insta::assert_snapshot!("json", json);
}

/// Reversed, everything added is removed: pain points closed, findings gone.
#[test]
fn every_kind_of_change_reversed() {
    let text = render(&file(NEW), &file(OLD), DiffFormat::Text);
    assert!(
        text.contains("\n  - pain point late-delivery closed: "),
        "{text}"
    );
    assert!(
        text.contains("\n  - info stage-without-metrics: "),
        "{text}"
    );
    insta::assert_snapshot!("reversed_text", text);
}

/// The shape the module documents (and the README shows): keys, order, types.
#[test]
fn json_has_the_documented_shape() {
    let json = parse(&render(&file(OLD), &file(NEW), DiffFormat::Json));
    let keys = |value: &Value| -> Vec<String> {
        value
            .as_object()
            .unwrap_or_else(|| panic!("not an object: {value}"))
            .keys()
            .cloned()
            .collect()
    };
    let mut top = vec![
        "version",
        "old",
        "new",
        "identical",
        "changes",
        "score",
        "findings",
        "map",
        "persona",
    ];
    top.extend(SECTIONS);
    assert_eq!(keys(&json), top);
    assert_eq!(json["version"], 1);
    assert_eq!(json["old"], OLD);
    assert_eq!(json["new"], NEW);
    assert_eq!(json["identical"], false);
    assert!(json["changes"].as_u64().is_some_and(|n| n > 30));
    assert_eq!(keys(&json["score"]), ["old", "new"]);
    assert!(json["score"]["old"].is_u64() && json["score"]["new"].is_u64());
    assert_eq!(
        keys(&json["findings"]),
        ["old", "new", "appeared", "disappeared"]
    );
    assert_eq!(
        keys(&json["findings"]["new"]),
        ["errors", "warnings", "infos"]
    );
    assert_eq!(
        keys(&json["findings"]["appeared"][0]),
        ["rule", "severity", "message", "line", "pointer"]
    );
    assert_eq!(keys(&json["map"]), ["changed"]);
    assert_eq!(keys(&json["map"]["changed"][0]), ["field", "old", "new"]);
    assert_eq!(keys(&json["persona"]), ["changed", "channels"]);
    assert_eq!(
        json["persona"]["channels"]["added"],
        serde_json::json!(["sms"])
    );
    assert_eq!(
        json["persona"]["channels"]["removed"],
        serde_json::json!(["social"])
    );

    let items = [
        ("stages", "id", vec!["name", "position", "emotion"]),
        (
            "touchpoints",
            "id",
            vec!["name", "stage", "channel", "emotion"],
        ),
        (
            "pain_points",
            "id",
            vec!["description", "stage", "touchpoint", "severity"],
        ),
        ("unmet_needs", "id", vec!["description", "stage"]),
        (
            "ideas",
            "id",
            vec![
                "kind",
                "description",
                "addresses",
                "impact",
                "effort",
                "priority",
            ],
        ),
        (
            "actions",
            "id",
            vec![
                "kind",
                "title",
                "owner",
                "start",
                "due",
                "status",
                "addresses",
                "overdue",
            ],
        ),
        ("milestones", "name", vec!["date", "delivers"]),
    ];
    for (section, key, fields) in items {
        assert_eq!(
            keys(&json[section]),
            ["added", "removed", "changed"],
            "{section}"
        );
        let mut item = vec![key];
        item.extend(fields);
        let list = |name: &str| json[section][name].as_array().cloned().unwrap_or_default();
        // The pair has an added item in every section, a changed one in all but unmet needs.
        assert!(!list("added").is_empty(), "{section}");
        for entry in list("added").iter().chain(&list("removed")) {
            assert_eq!(keys(entry), item, "{section}");
        }
        for entry in list("changed") {
            assert_eq!(keys(&entry), [key, "field", "old", "new"], "{section}");
        }
    }

    // Typed values: numbers, null, booleans, arrays of ids.
    let change = |section: &str, id: &str, field: &str| -> (Value, Value) {
        let found = json[section]["changed"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|c| c["id"] == id && c["field"] == field)
            .unwrap_or_else(|| panic!("no change of {field} for {id} in {section}"));
        (found["old"].clone(), found["new"].clone())
    };
    fn pair(old: Value, new: Value) -> (Value, Value) {
        (old, new)
    }
    assert_eq!(
        change("stages", "decision", "emotion"),
        pair(2.into(), 4.into())
    );
    assert_eq!(
        change("stages", "consideration", "position"),
        pair(2.into(), 1.into())
    );
    assert_eq!(
        change("touchpoints", "checkout", "emotion"),
        pair(Value::Null, 3.into())
    );
    assert_eq!(
        change("touchpoints", "app-store", "stage"),
        pair("consideration".into(), "awareness".into())
    );
    assert_eq!(
        change("ideas", "slot-waitlist", "priority"),
        pair(16.into(), 15.into())
    );
    assert_eq!(
        change("actions", "waitlist-pilot", "status"),
        pair(Value::Null, "in-progress".into())
    );
    assert_eq!(
        change("actions", "waitlist-pilot", "due"),
        pair("2026-12-15".into(), "2027-01-10".into())
    );
    let added_action = &json["actions"]["added"][0];
    assert_eq!(added_action["overdue"], true);
    assert_eq!(added_action["start"], Value::Null);
    assert_eq!(
        added_action["addresses"],
        serde_json::json!(["live-tracking"])
    );
}

/// A stage added at the front moves nothing; the stage whose order changed does.
#[test]
fn only_stages_out_of_order_are_moved() {
    let base = file(OLD);
    let source = std::fs::read_to_string(OLD).expect("old.yaml is readable");
    let added_first = source.replacen(
        "stages:\n",
        "stages:\n  - { id: discovery, name: Discovery, touchpoints: [] }\n",
        1,
    );
    let text = render(
        &base,
        &checked("first.yaml", &added_first),
        DiffFormat::Text,
    );
    assert!(
        text.contains("+ stage discovery: name \"Discovery\", position 1\n"),
        "{text}"
    );
    assert!(!text.contains("position 1 → 2"), "{text}");
    assert!(!text.contains("~ stage"), "{text}");
}

/// A status that moved on, planned → in-progress, and an action that became overdue.
#[test]
fn status_and_overdue_changes() {
    let source = std::fs::read_to_string(OLD).expect("old.yaml is readable");
    let planned = source.replacen(
        "due: 2026-12-15",
        "due: 2026-12-15\n      status: planned",
        1,
    );
    let late = source.replacen(
        "due: 2026-12-15",
        "due: 2026-11-15\n      status: in-progress",
        1,
    );
    let text = render(
        &checked("planned.yaml", &planned),
        &checked("late.yaml", &late),
        DiffFormat::Text,
    );
    assert!(
        text.contains(
            "~ action waitlist-pilot: due 2026-12-15 → 2026-11-15, status planned → in-progress, overdue no → yes\n"
        ),
        "{text}"
    );
}

/// Text from the map stays on its line; a map whose changes are all in fields
/// diff does not compare says so rather than "no changes".
#[test]
fn multi_line_text_and_uncompared_fields() {
    let source = std::fs::read_to_string(OLD).expect("old.yaml is readable");
    let edited = source
        .replacen(
            "name: Maya, busy parent",
            "name: \"Maya,\\nbusy parent | <b>\"",
            1,
        )
        .replacen("value: 0.41, target: 0.6", "value: 0.45, target: 0.6", 1);
    let text = render(
        &file(OLD),
        &checked("edited.yaml", &edited),
        DiffFormat::Text,
    );
    assert!(
        text.contains("~ persona: name \"Maya, busy parent\" → \"Maya,\\nbusy parent | <b>\"\n"),
        "{text}"
    );
    let markdown = render(
        &file(OLD),
        &checked("edited.yaml", &edited),
        DiffFormat::Markdown,
    );
    assert!(
        markdown.contains("→ \"Maya, busy parent \\| &lt;b&gt;\"\n"),
        "{markdown}"
    );

    let metric_only = source.replacen("value: 0.41, target: 0.6", "value: 0.45, target: 0.6", 1);
    let text = render(
        &file(OLD),
        &checked("metric.yaml", &metric_only),
        DiffFormat::Text,
    );
    assert!(
        text.ends_with("\nthe maps differ only in fields diff does not compare (descriptions, metrics, resources…)\n"),
        "{text}"
    );
    let json = parse(&render(
        &file(OLD),
        &checked("metric.yaml", &metric_only),
        DiffFormat::Json,
    ));
    assert_eq!(json["identical"], false);
    assert_eq!(json["changes"], 0);
}

/// An id used twice (a rule error, not a schema error) is matched occurrence
/// by occurrence, and every format is the same twice over.
#[test]
fn duplicate_ids_and_determinism() {
    let source = std::fs::read_to_string(OLD).expect("old.yaml is readable");
    let twice = source.replacen(
        "      - { id: referral, name: Refer-a-friend screen, channel: mobile app }\n",
        "      - { id: referral, name: Refer-a-friend screen, channel: mobile app }\n      - { id: referral, name: Referral banner, channel: email }\n",
        1,
    );
    let (old, new) = (file(OLD), checked("twice.yaml", &twice));
    let text = render(&old, &new, DiffFormat::Text);
    assert!(
        text.contains(
            "+ touchpoint referral: name \"Referral banner\", stage advocacy, channel \"email\"\n"
        ),
        "{text}"
    );
    assert!(text.contains("+ error duplicate-id: "), "{text}");
    for format in FORMATS {
        assert_eq!(render(&old, &new, format), render(&old, &new, format));
        assert_eq!(render(&new, &old, format), render(&new, &old, format));
    }
}

// --- the command line ------------------------------------------------------

fn journeymap() -> Command {
    let mut command = Command::cargo_bin("journeymap").expect("binary built");
    command.args(["--no-config", "diff", "--today", "2026-11-23"]);
    command
}

#[test]
fn old_from_standard_input() {
    let old = std::fs::read(OLD).expect("old.yaml is readable");
    let output = journeymap()
        .args(["-", NEW])
        .write_stdin(old)
        .output()
        .expect("journeymap runs");
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let expected = render(&file(OLD), &file(NEW), DiffFormat::Text).replacen(
        &format!("{OLD} →"),
        "standard input →",
        1,
    );
    assert_eq!(stdout, expected);
    assert!(output.stderr.is_empty());

    let json = journeymap()
        .args(["-", NEW, "--format", "json"])
        .write_stdin(std::fs::read(OLD).expect("old.yaml is readable"))
        .output()
        .expect("journeymap runs");
    assert_eq!(parse(&String::from_utf8_lossy(&json.stdout))["old"], "-");
}

#[test]
fn both_from_standard_input_is_usage_error() {
    let output = journeymap()
        .args(["-", "-"])
        .write_stdin("")
        .output()
        .expect("journeymap runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("only one of OLD and NEW"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn new_map_failing_the_schema_is_refused() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let bad = dir.path().join("bad.yaml");
    let source = std::fs::read_to_string(NEW).expect("new.yaml is readable");
    let source = source.replacen("emotion: 2\n", "emotion: 7\n", 1);
    std::fs::write(&bad, source).expect("the map is written");
    let output = journeymap()
        .arg(OLD)
        .arg(&bad)
        .output()
        .expect("journeymap runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("error[schema]"), "{stderr}");
    assert!(stderr.contains("bad.yaml:"), "{stderr}");
}

#[test]
fn output_writes_the_file() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let target = dir.path().join("diff.md");
    let output = journeymap()
        .args([OLD, NEW, "--format", "markdown", "--output"])
        .arg(&target)
        .output()
        .expect("journeymap runs");
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
    let written = std::fs::read_to_string(&target).expect("the output file exists");
    assert_eq!(
        written,
        render(&file(OLD), &file(NEW), DiffFormat::Markdown)
    );
}
