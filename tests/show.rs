//! `journeymap show`: every section of an example as a terminal table, the
//! whole map as Markdown and JSON, CSV parsed back, wrapping, wide
//! characters, overdue actions, the emotion curve, and the refusals.

#[allow(dead_code)] // this crate uses only some of the shared helpers
mod common;

use assert_cmd::Command;
use journeymap::check::check_map;
use journeymap::views::render::{TableStyle, display_width, render_table};
use serde_json::Value;

const GROCERY: &str = "examples/grocery-first-order.yaml";
const TODAY: &str = "2026-11-23";

/// `journeymap show ARGS…` with a fixed date; `stdin` is the map when ARGS name `-`.
fn show(args: &[&str], stdin: Option<&str>) -> std::process::Output {
    let mut command = Command::cargo_bin("journeymap").expect("binary built");
    command
        .arg("show")
        .args(args)
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1");
    if !args.contains(&"--today") {
        command.args(["--today", TODAY]);
    }
    if let Some(map) = stdin {
        command.write_stdin(map);
    }
    command.output().expect("journeymap runs")
}

/// Standard output of a run that must succeed.
fn stdout(args: &[&str], stdin: Option<&str>) -> String {
    let output = show(args, stdin);
    assert_eq!(
        output.status.code(),
        Some(0),
        "show {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// The blocks of border lines (`+…+`, `|…|`, `┌…┐`, `│…│`…) in a terminal
/// rendering: its tables. (The curve's lines start with a digit or a space.)
fn tables(text: &str) -> Vec<Vec<&str>> {
    let mut tables = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.starts_with(['+', '|', '┌', '│', '├', '╞', '└']) {
            current.push(line);
        } else if !current.is_empty() {
            tables.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        tables.push(current);
    }
    tables
}

fn assert_aligned(text: &str) {
    let found = tables(text);
    assert!(!found.is_empty(), "no table in:\n{text}");
    for table in found {
        let width = display_width(table[0]);
        for line in &table {
            assert_eq!(
                display_width(line),
                width,
                "a line of this table is {} columns, the first {width}:\n{line}\n\n{}",
                display_width(line),
                table.join("\n")
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Snapshots

#[test]
fn every_section_as_a_table() {
    for section in journeymap::views::show::SECTIONS {
        let text = stdout(
            &[GROCERY, "--section", section, "--ascii", "--width", "100"],
            None,
        );
        assert!(text.is_ascii() || section == "persona", "{text}");
        insta::assert_snapshot!(format!("table-{section}"), text);
    }
}

#[test]
fn whole_map_as_markdown() {
    let text = stdout(&[GROCERY, "--format", "markdown"], None);
    for title in [
        "## Persona",
        "## Stages",
        "## Touchpoints",
        "## Opportunities",
        "## Action plan",
        "## Emotion curve",
    ] {
        assert_eq!(text.matches(title).count(), 1, "{title} once in:\n{text}");
    }
    assert!(
        text.contains("```text\n5 ┤"),
        "the curve is fenced:\n{text}"
    );
    // Every table row has as many cells as its header (`\\|` is a pipe in a cell).
    let pipes = |line: &str| line.replace("\\|", "").matches('|').count();
    let mut header: Option<usize> = None;
    for line in text.lines() {
        if !line.starts_with('|') {
            header = None;
            continue;
        }
        let count = *header.get_or_insert(pipes(line));
        assert_eq!(pipes(line), count, "{line}");
    }
    insta::assert_snapshot!("markdown-grocery-first-order", text);
}

#[test]
fn whole_map_as_json() {
    let text = stdout(&[GROCERY, "--format", "json"], None);
    assert!(text.ends_with("}\n"));
    let json: Value = serde_json::from_str(&text).expect("JSON");
    let keys: Vec<&str> = json
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "version",
            "title",
            "persona",
            "stages",
            "touchpoints",
            "opportunities",
            "plan",
            "emotions"
        ]
    );
    assert_eq!(json["version"], 1);
    assert_eq!(json["persona"]["demographics"]["age"], 38);
    assert_eq!(json["stages"][2]["emotion"], 2);
    assert_eq!(json["stages"][2]["metrics"][0]["value"], 41);
    assert_eq!(json["touchpoints"].as_array().map(Vec::len), Some(10));
    assert!(json["touchpoints"][0]["emotion"].is_null());

    let ideas = json["opportunities"]["ideas"].as_array().expect("ideas");
    let ranked: Vec<(&str, &Value)> = ideas
        .iter()
        .map(|i| (i["id"].as_str().unwrap_or(""), &i["priority"]))
        .collect();
    assert_eq!(ranked[0], ("slot-waitlist", &Value::from(16)));
    // Ties by id: allergen-safe-swaps and fee-in-basket both score 15.
    assert_eq!(ranked[1].0, "allergen-safe-swaps");
    assert_eq!(ranked[2].0, "fee-in-basket");
    assert_eq!(ideas[0]["taken_up_by"][0], "waitlist-pilot");
    assert_eq!(ideas[0]["rank"], 1);

    let pains = &json["opportunities"]["pain_points"];
    assert_eq!(pains[0]["id"], "bad-substitution");
    assert_eq!(pains[0]["severity"], 5);
    assert_eq!(pains[0]["addressed_by"][0], "allergen-safe-swaps");

    let plan = &json["plan"];
    assert_eq!(plan["today"], TODAY);
    for action in plan["actions"].as_array().expect("actions") {
        assert!(action["overdue"].is_boolean(), "{action}");
        assert!(action["due"].is_string(), "{action}");
    }
    assert_eq!(plan["milestones"][0]["date"], "2026-11-06");
    assert_eq!(plan["resources"][0]["people"], 3);
    assert_eq!(plan["totals"]["people"], 9);
    assert_eq!(
        plan["totals"]["budgets"],
        serde_json::json!([{ "currency": "GBP", "amount": 92500 }])
    );
    assert_eq!(json["emotions"][3]["touchpoints"][1]["emotion"], 2);
    insta::assert_snapshot!("json-grocery-first-order", text);
}

#[test]
fn json_section_has_only_that_key() {
    for section in journeymap::views::show::SECTIONS {
        let text = stdout(&[GROCERY, "--format", "json", "--section", section], None);
        let json: Value = serde_json::from_str(&text).expect("JSON");
        let keys: Vec<&str> = json
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["version", "title", section]);
    }
}

// ---------------------------------------------------------------------------
// CSV

#[test]
fn csv_of_one_section_parses_back() {
    let text = stdout(
        &[GROCERY, "--format", "csv", "--section", "touchpoints"],
        None,
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        headers,
        [
            "Stage",
            "Id",
            "Touchpoint",
            "Channel",
            "Device",
            "Owner",
            "Emotion"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a record")).collect();
    assert_eq!(rows.len(), 10);
    assert_eq!(
        rows[4].iter().collect::<Vec<_>>(),
        [
            "Decision",
            "slot-picker",
            "Delivery slot picker",
            "mobile app",
            "phone",
            "Delivery squad",
            "1 😣"
        ]
    );

    // Commas and multi-line cells survive the round trip.
    let text = stdout(&[GROCERY, "--format", "csv", "--section", "persona"], None);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a record")).collect();
    assert_eq!(&rows[0][1], "Maya, busy parent");
    assert_eq!(
        &rows[2][1],
        "age: 38\noccupation: nurse\nlocation: Leeds\nhousehold: 2 adults, 2 children\nincome: £42,000"
    );
}

#[test]
fn csv_of_the_whole_map_asks_for_a_section() {
    let output = show(&[GROCERY, "--format", "csv"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "CSV holds one table and this view has 10: choose one with --section \
             (persona, stages, touchpoints, opportunities, plan, emotions)"
        ),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------------
// Terminal layout

#[test]
fn piped_output_has_no_box_drawing() {
    // Not a terminal: ASCII borders and an ASCII curve, even without --ascii.
    let text = stdout(&[GROCERY, "--width", "100"], None);
    for c in ['─', '│', '┌', '┤', '═', '●', '·', '→', '×'] {
        assert!(!text.contains(c), "{c:?} in:\n{text}");
    }
    assert!(text.contains("+--"), "{text}");
}

#[test]
fn narrow_width_wraps() {
    for path in [
        GROCERY,
        "examples/b2b-software-trial.yaml",
        "examples/hospital-appointment.yaml",
    ] {
        let text = stdout(&[path, "--width", "60"], None);
        for line in text.lines() {
            assert!(
                display_width(line) <= 60,
                "{path}: {} columns:\n{line}",
                display_width(line)
            );
        }
        assert_aligned(&text);
    }
}

fn wide_map() -> String {
    common::edited(&[
        ("name: Awareness", "name: 購入"),
        ("name: Decision", "name: 🛒 Checkout"),
        (
            "name: Checkout page",
            "name: お支払いページ、とても長い名前のタッチポイント",
        ),
    ])
}

#[test]
fn wide_characters_keep_tables_aligned() {
    let map = wide_map();
    for width in [None, Some("60"), Some("100")] {
        let mut args = vec!["-", "--ascii"];
        if let Some(width) = width {
            args.extend(["--width", width]);
        }
        let text = stdout(&args, Some(&map));
        assert!(text.contains("購入"), "{text}");
        assert_aligned(&text);
        if let Some(width) = width {
            let limit: usize = width.parse().expect("a number");
            for line in text.lines() {
                assert!(display_width(line) <= limit, "{line}");
            }
        }
    }
}

#[test]
fn wide_characters_align_in_box_drawing_tables() {
    let map = wide_map();
    let (report, valid) = check_map("wide.yaml", map.as_bytes(), &common::options());
    let valid = valid.unwrap_or_else(|| panic!("the map must pass the schema: {report:#?}"));
    let today = jiff::civil::Date::new(2026, 11, 23).expect("a real date");
    let view = journeymap::views::show::view(&valid, &report, today, false);
    for width in [None, Some(60), Some(100)] {
        let style = TableStyle {
            width,
            ascii: false,
        };
        let text = render_table(&view, style);
        assert!(text.contains('┌') && text.contains("🛒"), "{text}");
        assert_aligned(&text);
    }
    let stages = journeymap::views::render::select(view, "stages").expect("a stages section");
    let style = TableStyle {
        width: Some(100),
        ascii: false,
    };
    insta::assert_snapshot!("table-stages-wide-characters", render_table(&stages, style));
}

// ---------------------------------------------------------------------------
// Plan

#[test]
fn overdue_actions_are_marked() {
    // On 2026-12-10: receipt-referral (planned, due 2026-12-04) is overdue;
    // basket-fee-banner (done, due 2026-11-06) is not.
    let args = [GROCERY, "--section", "plan", "--today", "2026-12-10"];
    let text = stdout(&args, None);
    assert!(
        text.contains("| 2026-11-16 -> 2026-12-04 (overdue) |"),
        "{text}"
    );
    assert!(!text.contains("2026-11-06 (overdue)"), "{text}");
    assert_eq!(text.matches("(overdue)").count(), 1, "{text}");
    assert!(
        text.contains("1 action is overdue on 2026-12-10."),
        "{text}"
    );

    let text = stdout(&[GROCERY, "--section", "plan"], None);
    assert!(
        !text.contains("overdue"),
        "nothing overdue on {TODAY}:\n{text}"
    );

    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let json: Value = serde_json::from_str(&stdout(&json_args, None)).expect("JSON");
    let overdue: Vec<&str> = json["plan"]["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .filter(|a| a["overdue"] == true)
        .filter_map(|a| a["id"].as_str())
        .collect();
    assert_eq!(overdue, ["receipt-referral"]);
}

#[test]
fn empty_parts_say_so() {
    let map = common::edited(&[
        (
            "    - { id: slot-full, description: Evening slots full by Tuesday, stage: decision, touchpoint: checkout, severity: 4 }\n",
            "",
        ),
        ("  pain_points:\n", "  pain_points: []\n"),
        (
            "  milestones:\n    - { name: Pilot live, date: 2026-11-20, delivers: [waitlist-pilot] }\n",
            "",
        ),
    ]);
    let text = stdout(&["-"], Some(&map));
    assert!(text.contains("No pain points."), "{text}");
    assert!(text.contains("No milestones."), "{text}");
    // Budgets without a currency are totalled apart; people are counted.
    assert!(text.contains("Total: 5 people; 20,000 GBP."), "{text}");
}

// ---------------------------------------------------------------------------
// Refusals

#[test]
fn a_map_failing_the_schema_is_refused() {
    let map = common::edited(&[("emotion: 3", "emotion: 7")]);
    let output = show(&["-"], Some(&map));
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty(), "nothing on stdout");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("error[schema]"), "{stderr}");
    assert!(
        stderr.contains("/stages/0/emotion") || stderr.contains("emotion: 7"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_section_is_refused_with_a_suggestion() {
    let output = show(&[GROCERY, "--section", "stage"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no section \"stage\" (sections: persona, stages, touchpoints, opportunities, plan, emotions); did you mean \"stages\"?"),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------------
// Emotion curve

/// A map with `n` stages; stage `i` scores `score(i)` and has one touchpoint
/// scoring `touchpoint(i)`.
fn stages_map(
    n: usize,
    score: impl Fn(usize) -> Option<u8>,
    touchpoint: impl Fn(usize) -> Option<u8>,
) -> String {
    let mut yaml = String::from(
        "title: Curve\npersona: { name: P }\nopportunities: {}\naction_plan: {}\nstages:\n",
    );
    for i in 0..n {
        yaml.push_str(&format!("  - id: s{i}\n    name: Stage number {}\n", i + 1));
        if let Some(score) = score(i) {
            yaml.push_str(&format!("    emotion: {score}\n"));
        }
        yaml.push_str(&format!(
            "    touchpoints:\n      - {{ id: t{i}, name: T{i}, channel: web"
        ));
        if let Some(score) = touchpoint(i) {
            yaml.push_str(&format!(", emotion: {score}"));
        }
        yaml.push_str(" }\n");
    }
    yaml
}

/// The curve as the library draws it: `ascii` false gives the Unicode drawing.
fn curve(yaml: &str, ascii: bool) -> String {
    let (report, valid) = check_map("curve.yaml", yaml.as_bytes(), &common::options());
    let valid = valid.unwrap_or_else(|| panic!("the map must pass the schema: {report:#?}"));
    let today = jiff::civil::Date::new(2026, 11, 23).expect("a real date");
    let view = journeymap::views::show::view(&valid, &report, today, ascii);
    let view = journeymap::views::render::select(view, "emotions").expect("an emotions section");
    journeymap::views::render::render_markdown(&view)
}

#[test]
fn curve_of_one_stage() {
    let yaml = stages_map(1, |_| Some(4), |_| Some(2));
    let unicode = curve(&yaml, false);
    assert!(unicode.contains('●') && unicode.contains('·'), "{unicode}");
    insta::assert_snapshot!("curve-one-stage", unicode);
    let ascii = curve(&yaml, true);
    assert!(ascii.is_ascii(), "{ascii}");
    insta::assert_snapshot!("curve-one-stage-ascii", ascii);
}

#[test]
fn curve_of_twelve_stages() {
    let scores = [3, 2, 1, 2, 4, 5, 5, 3, 1, 4, 2, 3];
    let yaml = stages_map(
        12,
        |i| scores.get(i).copied(),
        |i| scores.get(11 - i).copied(),
    );
    let unicode = curve(&yaml, false);
    for line in unicode.lines() {
        assert!(display_width(line) <= 60, "{line}");
    }
    assert_eq!(
        unicode.matches('●').count(),
        12 + 1,
        "12 stages and the legend:\n{unicode}"
    );
    insta::assert_snapshot!("curve-twelve-stages", unicode);
    let ascii = curve(&yaml, true);
    assert!(ascii.is_ascii(), "{ascii}");
    insta::assert_snapshot!("curve-twelve-stages-ascii", ascii);
}

#[test]
fn curve_with_missing_scores() {
    let yaml = stages_map(
        5,
        |i| [Some(3), None, Some(2), Some(2), None][i],
        |i| [None, Some(4), None, Some(1), None][i],
    );
    let ascii = curve(&yaml, true);
    assert!(ascii.is_ascii(), "{ascii}");
    assert!(
        ascii.contains("No stage score: Stage number 2, Stage number 5."),
        "{ascii}"
    );
    insta::assert_snapshot!("curve-missing-scores-ascii", ascii);
    insta::assert_snapshot!("curve-missing-scores", curve(&yaml, false));

    let none = stages_map(3, |_| None, |_| None);
    assert!(curve(&none, true).contains("No emotion scores."));
}

#[test]
fn curve_with_wide_stage_names() {
    let map = wide_map();
    let unicode = curve(&map, false);
    assert!(
        unicode.contains("購入") && unicode.contains("🛒"),
        "{unicode}"
    );
    insta::assert_snapshot!("curve-wide-characters", unicode);
}
