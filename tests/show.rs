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
fn every_section_and_group_as_a_table() {
    let groups = journeymap::views::show::GROUPS.map(|(group, _)| group);
    for section in journeymap::views::show::SECTIONS.iter().chain(&groups) {
        let text = stdout(
            &[GROCERY, "--section", section, "--ascii", "--width", "100"],
            None,
        );
        assert!(text.is_ascii() || *section == "persona", "{text}");
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
        "## Pain points",
        "## Unmet needs",
        "## Ideas",
        "## Feedback loop",
        "## Actions",
        "## Milestones",
        "## Resources",
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
    let whole: Value =
        serde_json::from_str(&stdout(&[GROCERY, "--format", "json"], None)).expect("JSON");
    for section in journeymap::views::show::section_ids() {
        let text = stdout(&[GROCERY, "--format", "json", "--section", section], None);
        let json: Value = serde_json::from_str(&text).expect("JSON");
        let keys: Vec<&str> = json
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        let key = section.replace('-', "_");
        assert_eq!(keys, ["version", "title", key.as_str()]);
        // The same value as in the whole document.
        let place = match section {
            "pain-points" => "/opportunities/pain_points".to_owned(),
            "needs" => "/opportunities/unmet_needs".to_owned(),
            "ideas" | "feedback" => format!("/opportunities/{section}"),
            "actions" | "milestones" | "resources" => format!("/plan/{section}"),
            _ => format!("/{key}"),
        };
        assert_eq!(whole.pointer(&place), Some(&json[&key]), "{section}");
    }
}

/// The JSON document as a script reads it: every key known, every type fixed.
#[allow(dead_code)] // deserialising is the check: a field's type is its assertion
mod typed {
    use serde::Deserialize;
    use serde_json::Value;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Document {
        pub version: u32,
        pub title: String,
        pub persona: Option<Persona>,
        pub stages: Option<Vec<Stage>>,
        pub touchpoints: Option<Vec<Touchpoint>>,
        pub opportunities: Option<Opportunities>,
        pub plan: Option<Plan>,
        pub emotions: Option<Vec<StageEmotion>>,
        pub pain_points: Option<Vec<PainPoint>>,
        pub needs: Option<Vec<Need>>,
        pub ideas: Option<Vec<Idea>>,
        pub feedback: Option<Option<Feedback>>,
        pub actions: Option<Vec<Action>>,
        pub milestones: Option<Vec<Milestone>>,
        pub resources: Option<Vec<Resource>>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Persona {
        pub name: String,
        pub description: Option<String>,
        pub demographics: serde_json::Map<String, Value>,
        pub behaviors: Vec<String>,
        pub needs: Vec<String>,
        pub goals: Vec<String>,
        pub challenges: Vec<String>,
        pub channels: Vec<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Stage {
        pub id: String,
        pub name: String,
        pub description: Option<String>,
        pub goals: Vec<String>,
        pub actions: Vec<String>,
        pub feelings: Vec<String>,
        pub emotion: Option<u8>,
        pub touchpoints: Vec<String>,
        pub pain_points: Vec<String>,
        pub insights: Vec<String>,
        pub metrics: Vec<Metric>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Metric {
        pub name: String,
        pub value: Option<Value>,
        pub target: Option<Value>,
        pub unit: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Touchpoint {
        pub stage: String,
        pub id: String,
        pub name: String,
        pub channel: String,
        pub device: Option<String>,
        pub owner: Option<String>,
        pub description: Option<String>,
        pub emotion: Option<u8>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Opportunities {
        pub pain_points: Vec<PainPoint>,
        pub unmet_needs: Vec<Need>,
        pub ideas: Vec<Idea>,
        pub feedback: Option<Feedback>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct PainPoint {
        pub id: String,
        pub description: String,
        pub stage: String,
        pub touchpoint: Option<String>,
        pub severity: Option<u8>,
        pub evidence: Option<String>,
        pub addressed_by: Vec<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Need {
        pub id: String,
        pub description: String,
        pub stage: Option<String>,
        pub evidence: Option<String>,
        pub addressed_by: Vec<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Idea {
        pub rank: Option<usize>,
        pub id: String,
        pub kind: String,
        pub description: String,
        pub impact: Option<u8>,
        pub effort: Option<u8>,
        pub priority: Option<u8>,
        pub addresses: Vec<String>,
        pub taken_up_by: Vec<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Feedback {
        pub methods: Vec<String>,
        pub cadence: Option<String>,
        pub owner: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Plan {
        pub today: String,
        pub actions: Vec<Action>,
        pub milestones: Vec<Milestone>,
        pub resources: Vec<Resource>,
        pub totals: Totals,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Action {
        pub id: String,
        pub kind: String,
        pub title: String,
        pub owner: Option<String>,
        pub start: Option<String>,
        pub due: Option<String>,
        pub status: Option<String>,
        pub overdue: bool,
        pub addresses: Vec<String>,
        pub scope: Option<String>,
        pub success_criteria: Vec<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Milestone {
        pub date: String,
        pub name: String,
        pub delivers: Vec<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Resource {
        pub action: String,
        pub people: Option<f64>,
        pub roles: Vec<String>,
        pub budget: Option<f64>,
        pub currency: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Totals {
        pub people: Option<f64>,
        pub budgets: Vec<Budget>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Budget {
        pub currency: Option<String>,
        pub amount: f64,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct StageEmotion {
        pub stage: String,
        pub name: String,
        pub emotion: Option<u8>,
        pub touchpoints: Vec<TouchpointEmotion>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct TouchpointEmotion {
        pub id: String,
        pub name: String,
        pub emotion: Option<u8>,
    }
}

#[test]
fn json_of_every_section_reads_into_typed_structs() {
    let read = |args: &[&str]| -> typed::Document {
        let text = stdout(args, None);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?}: {e}\n{text}"))
    };
    let whole = read(&[GROCERY, "--format", "json", "--today", "2026-12-10"]);
    assert_eq!(
        (whole.version, whole.title.as_str()),
        (1, "First online grocery order")
    );
    let persona = whole.persona.expect("a persona");
    assert_eq!(persona.name, "Maya, busy parent");
    assert_eq!(persona.channels, ["mobile app", "email", "social", "web"]);
    assert_eq!(
        whole.stages.expect("stages")[2].touchpoints,
        ["slot-picker", "checkout"]
    );
    assert_eq!(whole.touchpoints.expect("touchpoints").len(), 10);
    let opportunities = whole.opportunities.expect("opportunities");
    assert_eq!(
        opportunities.pain_points[0].addressed_by,
        ["allergen-safe-swaps", "allergen-profile"]
    );
    assert_eq!(opportunities.ideas[0].priority, Some(16));
    let plan = whole.plan.expect("a plan");
    assert_eq!(plan.totals.budgets[0].amount, 92500.0);
    let overdue: Vec<&str> = plan
        .actions
        .iter()
        .filter(|a| a.overdue)
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(overdue, ["receipt-referral"]);
    assert_eq!(
        whole.emotions.expect("emotions")[1].touchpoints[0].emotion,
        Some(4)
    );

    for section in journeymap::views::show::section_ids() {
        let document = read(&[GROCERY, "--format", "json", "--section", section]);
        let present = [
            document.persona.is_some(),
            document.stages.is_some(),
            document.touchpoints.is_some(),
            document.pain_points.is_some(),
            document.needs.is_some(),
            document.ideas.is_some(),
            document.feedback.is_some(),
            document.actions.is_some(),
            document.milestones.is_some(),
            document.resources.is_some(),
            document.emotions.is_some(),
            document.opportunities.is_some(),
            document.plan.is_some(),
        ];
        let index = journeymap::views::show::section_ids()
            .iter()
            .position(|id| *id == section)
            .expect("a section");
        let expected: Vec<bool> = (0..present.len()).map(|i| i == index).collect();
        assert_eq!(present.to_vec(), expected, "{section}");
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
    // Plain data: the stage's id, the score without its face.
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a record")).collect();
    assert_eq!(rows.len(), 10);
    assert_eq!(
        rows[4].iter().collect::<Vec<_>>(),
        [
            "decision",
            "slot-picker",
            "Delivery slot picker",
            "mobile app",
            "phone",
            "Delivery squad",
            "1"
        ]
    );

    // Commas survive the round trip; a list is one line, joined with `; `.
    let text = stdout(&[GROCERY, "--format", "csv", "--section", "persona"], None);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a record")).collect();
    assert_eq!(&rows[0][1], "Maya, busy parent");
    assert_eq!(
        &rows[2][1],
        "age: 38; occupation: nurse; location: Leeds; household: 2 adults, 2 children; income: £42,000"
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
            "CSV holds one table and this view has 11: choose one with --section \
             (persona, stages, touchpoints, pain-points, needs, ideas, feedback, actions, \
             milestones, resources, emotions)"
        ),
        "{stderr}"
    );
}

/// What a spreadsheet must never get in a cell: emotion faces, bullets,
/// box drawing, arrows, and numbers dressed as text.
fn assert_plain(section: &str, header: &csv::StringRecord, row: &csv::StringRecord) {
    for (column, cell) in header.iter().zip(row.iter()) {
        for bad in ["😣", "🙁", "😐", "🙂", "😄", "• ", "→", "×", "−", "\n- "] {
            assert!(
                !cell.contains(bad),
                "{section}: {column} = {cell:?} holds {bad:?}"
            );
        }
        let numeric = [
            "Severity", "Rank", "Impact", "Effort", "Priority", "People", "Budget", "Emotion",
        ];
        if numeric.contains(&column) && !cell.is_empty() && section != "stages" {
            assert!(
                cell.parse::<f64>().is_ok(),
                "{section}: {column} = {cell:?} is not a number"
            );
        }
    }
}

#[test]
fn csv_of_every_section_parses_back_as_plain_data() {
    for section in journeymap::views::show::SECTIONS {
        let text = stdout(&[GROCERY, "--format", "csv", "--section", section], None);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header = reader.headers().expect("a header row").clone();
        let rows: Vec<csv::StringRecord> = reader
            .records()
            .map(|r| r.unwrap_or_else(|e| panic!("{section}: {e}")))
            .collect();
        assert!(!rows.is_empty(), "{section}: no rows in\n{text}");
        for row in &rows {
            assert_eq!(row.len(), header.len(), "{section}: {row:?}");
            assert_plain(section, &header, row);
        }
    }
    let cell = |section: &str, row: usize, column: &str| {
        let text = stdout(
            &[
                GROCERY,
                "--format",
                "csv",
                "--section",
                section,
                "--today",
                "2026-12-10",
            ],
            None,
        );
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header = reader.headers().expect("a header row").clone();
        let index = header.iter().position(|h| h == column);
        let index = index.unwrap_or_else(|| panic!("{section}: no column {column} in {header:?}"));
        let record = reader
            .records()
            .nth(row)
            .expect("the row")
            .expect("a record");
        record[index].to_owned()
    };
    // One value per column, lists joined with `; `.
    assert_eq!(cell("ideas", 0, "Priority"), "16");
    assert_eq!(cell("ideas", 0, "Impact"), "4");
    assert_eq!(cell("ideas", 0, "Kind"), "innovation");
    assert_eq!(
        cell("ideas", 0, "Addresses"),
        "slot-full; shift-aware-slots"
    );
    assert_eq!(cell("actions", 3, "Due"), "2026-12-04");
    assert_eq!(cell("actions", 3, "Overdue"), "true");
    assert_eq!(cell("actions", 0, "Overdue"), "false");
    assert_eq!(cell("resources", 0, "Budget"), "20000");
    assert_eq!(cell("resources", 0, "Currency"), "GBP");
    assert_eq!(cell("stages", 3, "Decision"), "2");
    assert_eq!(
        cell("pain-points", 0, "Addressed by"),
        "allergen-safe-swaps; allergen-profile"
    );
    assert_eq!(cell("pain-points", 0, "Touchpoint"), "substitution-email");
    assert_eq!(cell("emotions", 4, "Emotion"), "4");
    assert_eq!(
        cell("persona", 4, "Value"),
        "save time on weekly shopping; reliable evening delivery"
    );
}

#[test]
fn csv_of_an_empty_table_is_its_header() {
    let map = common::edited(&[(
        "  milestones:\n    - { name: Pilot live, date: 2026-11-20, delivers: [waitlist-pilot] }\n",
        "",
    )]);
    let text = stdout(
        &["-", "--format", "csv", "--section", "milestones"],
        Some(&map),
    );
    assert_eq!(text, "Date,Milestone,Delivers\n");
}

#[test]
fn csv_of_a_group_names_its_tables() {
    for (group, first, members) in [
        (
            "opportunities",
            "pain-points",
            "pain-points, needs, ideas, feedback",
        ),
        ("plan", "actions", "actions, milestones, resources"),
    ] {
        let output = show(&[GROCERY, "--format", "csv", "--section", group], None);
        assert_eq!(output.status.code(), Some(2));
        assert!(output.stdout.is_empty());
        let stderr = String::from_utf8_lossy(&output.stderr);
        let count = members.split(", ").count();
        assert_eq!(
            stderr,
            format!(
                "error: CSV holds one table and section \"{group}\" groups {count}: {members}; \
                 choose one with --section NAME (e.g. --section {first})\n"
            )
        );
    }
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
        stderr.contains(
            "no section \"stage\" (sections: persona, stages, touchpoints, pain-points, needs, \
             ideas, feedback, actions, milestones, resources, emotions, opportunities, plan); \
             did you mean \"stages\"?"
        ),
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
