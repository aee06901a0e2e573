//! `journeymap diff`: a map against itself, a pair covering every kind of
//! change to items (snapshots in each format, and reversed), a pair changing
//! every key of the format (snapshots in each format), one edit per group of
//! fields, maps equal in data, the JSON shape, and the command line (standard
//! input, refused maps, `--output`).
//!
//! `tests/fixtures/diff/old.yaml` is `tests/fixtures/base.yaml` as it is;
//! `new.yaml` is that map with items added, removed, renamed and moved.
//! `fields-old.yaml` gives every key of the format; `fields-new.yaml`
//! changes each of them.

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

/// One version of a map: checked as `diff` checks it, and its bytes.
struct Loaded {
    map: ValidMap,
    report: FileReport,
    source: String,
}

/// A map that must pass the schema.
fn checked(path: &str, source: &str) -> Loaded {
    let (report, valid) = check_map(path, source.as_bytes(), &CheckOptions::new(today()));
    let map = valid.unwrap_or_else(|| panic!("{path} must pass the schema: {report:#?}"));
    Loaded {
        map,
        report,
        source: source.to_owned(),
    }
}

fn file(path: &str) -> Loaded {
    let source = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    checked(path, &source)
}

fn render(old: &Loaded, new: &Loaded, format: DiffFormat) -> String {
    diff::render(old.version(), new.version(), format, today())
}

impl Loaded {
    fn version(&self) -> diff::Version<'_> {
        diff::Version {
            map: &self.map,
            report: &self.report,
            source: self.source.as_bytes(),
        }
    }
}

fn parse(json: &str) -> Value {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("not JSON ({e}):\n{json}"))
}

/// The sections of items, each with `added`, `removed` and `changed`.
const SECTIONS: [&str; 8] = [
    "stages",
    "touchpoints",
    "pain_points",
    "unmet_needs",
    "ideas",
    "actions",
    "milestones",
    "resources",
];

/// The objects, each with its `changes`.
const OBJECTS: [&str; 3] = ["map", "persona", "feedback"];

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
        for object in OBJECTS {
            assert_eq!(json[object]["changes"], serde_json::json!([]), "{path}");
        }
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
    let top = [
        "version",
        "old",
        "new",
        "identical",
        "changes",
        "score",
        "findings",
        "map",
        "persona",
        "stages",
        "touchpoints",
        "pain_points",
        "unmet_needs",
        "ideas",
        "feedback",
        "actions",
        "milestones",
        "resources",
    ];
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
    for object in OBJECTS {
        assert_eq!(keys(&json[object]), ["changes"], "{object}");
    }
    assert_eq!(keys(&json["map"]["changes"][0]), ["field", "old", "new"]);
    assert_eq!(
        json["persona"]["changes"][1],
        serde_json::json!({
            "field": "channels",
            "added": ["sms"],
            "removed": ["social"],
            "respelled": [{ "old": "mobile app", "new": "Mobile-App" }],
        })
    );

    let items = [
        (
            "stages",
            "id",
            vec![
                "name",
                "position",
                "description",
                "goals",
                "actions",
                "feelings",
                "emotion",
                "insights",
                "metrics",
                "extensions",
            ],
        ),
        (
            "touchpoints",
            "id",
            vec![
                "name",
                "stage",
                "channel",
                "description",
                "device",
                "actions",
                "emotion",
                "owner",
                "extensions",
            ],
        ),
        (
            "pain_points",
            "id",
            vec![
                "description",
                "stage",
                "touchpoint",
                "severity",
                "evidence",
                "extensions",
            ],
        ),
        (
            "unmet_needs",
            "id",
            vec!["description", "stage", "evidence", "extensions"],
        ),
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
                "extensions",
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
                "scope",
                "success_criteria",
                "overdue",
                "extensions",
            ],
        ),
        ("milestones", "name", vec!["date", "delivers", "extensions"]),
        (
            "resources",
            "action",
            vec!["people", "roles", "budget", "currency", "extensions"],
        ),
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
        // The pair has an added item in every section.
        assert!(!list("added").is_empty(), "{section}");
        for entry in list("added").iter().chain(&list("removed")) {
            assert_eq!(keys(entry), item, "{section}");
        }
        for entry in list("changed") {
            assert_eq!(keys(&entry), [key, "changes"], "{section}");
        }
    }
    let removed_stage = &json["stages"]["removed"][0];
    assert_eq!(
        removed_stage["metrics"],
        serde_json::json!([{
            "name": "referrals per customer", "value": 0.1, "target": null, "unit": null, "extensions": {}
        }])
    );
    assert_eq!(removed_stage["goals"], serde_json::json!([]));
    assert_eq!(removed_stage["extensions"], serde_json::json!({}));

    // Typed values: numbers, null, booleans, arrays of ids.
    let change = |section: &str, id: &str, field: &str| -> (Value, Value) {
        let found = changes_of(&json[section], "id", id)
            .into_iter()
            .find(|c| c["field"] == field)
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
    assert_eq!(added_action["success_criteria"], serde_json::json!([]));
    let added_resource = &json["resources"]["added"][0];
    assert_eq!(added_resource["action"], "tracking-sms");
    assert_eq!(added_resource["budget"], 5000);
    assert_eq!(added_resource["roles"], serde_json::json!([]));
}

fn keys(value: &Value) -> Vec<String> {
    value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"))
        .keys()
        .cloned()
        .collect()
}

/// The `changes` of the item whose `key` is `id` in a section's `changed`.
fn changes_of(section: &Value, key: &str, id: &str) -> Vec<Value> {
    section["changed"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c[key] == id)
        .and_then(|c| c["changes"].as_array().cloned())
        .unwrap_or_else(|| panic!("no changed item {id} in {section}"))
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

/// Text from the map stays on its line, in text and in Markdown.
#[test]
fn multi_line_text_stays_on_its_line() {
    let source = std::fs::read_to_string(OLD).expect("old.yaml is readable");
    let edited = source.replacen(
        "name: Maya, busy parent",
        "name: \"Maya,\\nbusy parent | <b>\"",
        1,
    );
    let edited = checked("edited.yaml", &edited);
    let text = render(&file(OLD), &edited, DiffFormat::Text);
    assert!(
        text.contains("~ persona: name \"Maya, busy parent\" → \"Maya,\\nbusy parent | <b>\"\n"),
        "{text}"
    );
    let markdown = render(&file(OLD), &edited, DiffFormat::Markdown);
    assert!(
        markdown.contains("→ \"Maya, busy parent \\| &lt;b&gt;\"\n"),
        "{markdown}"
    );
}

// --- every field ----------------------------------------------------------

const FIELDS_OLD: &str = "tests/fixtures/diff/fields-old.yaml";
const FIELDS_NEW: &str = "tests/fixtures/diff/fields-new.yaml";

/// `fields-old.yaml` gives every key of the format; `fields-new.yaml` changes each.
#[test]
fn every_field_text() {
    let text = render(&file(FIELDS_OLD), &file(FIELDS_NEW), DiffFormat::Text);
    insta::assert_snapshot!("fields_text", text);
}

#[test]
fn every_field_markdown() {
    let markdown = render(&file(FIELDS_OLD), &file(FIELDS_NEW), DiffFormat::Markdown);
    insta::assert_snapshot!("fields_markdown", markdown);
}

#[test]
fn every_field_json() {
    let json = render(&file(FIELDS_OLD), &file(FIELDS_NEW), DiffFormat::Json);
    insta::assert_snapshot!("fields_json", json);
}

/// `fields-old.yaml` with `from` replaced by `to` (which must be there), against the original.
fn edited(from: &str, to: &str, format: DiffFormat) -> String {
    let source = std::fs::read_to_string(FIELDS_OLD).expect("fields-old.yaml is readable");
    assert!(source.contains(from), "fields-old.yaml has no {from:?}");
    let edited = checked("edited.yaml", &source.replacen(from, to, 1));
    render(&file(FIELDS_OLD), &edited, format)
}

/// The lines of a text report after its header, score and findings lines.
fn body(from: &str, to: &str) -> String {
    let text = edited(from, to, DiffFormat::Text);
    let lines: Vec<&str> = text.lines().skip(3).collect();
    lines.join("\n")
}

#[test]
fn a_metric_value_shows_its_movement_and_the_target() {
    assert_eq!(
        body("value: 40, target: 60", "value: 55, target: 60"),
        "\nstages\n  ~ stage decision\n      ~ metric \"conversion\": value 40 → 55 (+15), 5 from target 60"
    );
    assert_eq!(
        body("value: 40, target: 60", "value: 62, target: 60"),
        "\nstages\n  ~ stage decision\n      ~ metric \"conversion\": value 40 → 62 (+22), target 60 reached"
    );
    // Decimals as written, not as binary floating point adds them up.
    assert!(
        body("value: 0.4, target: 0.5", "value: 0.45, target: 0.5")
            .contains("~ metric \"open rate\": value 0.4 → 0.45 (+0.05), 0.05 from target 0.5"),
    );
    assert!(
        body("unit: share", "unit: percent")
            .ends_with("~ metric \"open rate\": unit \"share\" → \"percent\""),
    );
    // A metric renamed is one removed and one added, under its stage.
    assert!(
        body("name: abandoned baskets", "name: abandoned carts").ends_with(
            "      + metric \"abandoned carts\": value 12\n      - metric \"abandoned baskets\": value 12"
        ),
    );
    let json = parse(&edited(
        "value: 40, target: 60",
        "value: 55, target: 60",
        DiffFormat::Json,
    ));
    let metrics = changes_of(&json["stages"], "id", "decision");
    assert_eq!(
        metrics,
        [serde_json::json!({
            "field": "metrics",
            "added": [],
            "removed": [],
            "changed": [{
                "name": "conversion",
                "changes": [{ "field": "value", "old": 40, "new": 55, "delta": 15 }],
                "progress": { "target": 60, "reached": false, "distance": 5 },
            }],
        })]
    );
    assert_eq!(json["changes"], 1);
}

#[test]
fn stage_lists_show_the_items_added_and_removed() {
    assert_eq!(
        body("feelings: [rushed]", "feelings: [rushed, hopeful]"),
        "\nstages\n  ~ stage awareness\n      + feeling \"hopeful\""
    );
    assert_eq!(
        body("goals: [remember to order]", "goals: []"),
        "\nstages\n  ~ stage awareness\n      - goal \"remember to order\""
    );
    assert_eq!(
        body(
            "insights: [most open it on Sunday]",
            "insights: [most open it on Monday]"
        ),
        "\nstages\n  ~ stage awareness\n      + insight \"most open it on Monday\"\n      - insight \"most open it on Sunday\""
    );
    // Reordered, a list holds the same items.
    assert!(
        edited(
            "feelings: [rushed]\n    emotion: 3",
            "feelings: [rushed]\n    emotion: 3",
            DiffFormat::Text
        )
        .ends_with("\nno changes\n")
    );
    let json = parse(&edited(
        "actions: [opens the reminder]",
        "actions: [opens the reminder, checks the basket]",
        DiffFormat::Json,
    ));
    assert_eq!(
        changes_of(&json["stages"], "id", "awareness"),
        [serde_json::json!({ "field": "actions", "added": ["checks the basket"], "removed": [] })]
    );
}

#[test]
fn descriptions_are_compared() {
    assert_eq!(
        body(
            "description: Sees the reminder",
            "description: Reads the reminder"
        ),
        "\nstages\n  ~ stage awareness: description \"Sees the reminder\" → \"Reads the reminder\""
    );
    assert_eq!(
        body(
            "description: The repeat order of a busy parent",
            "description: The weekly order"
        ),
        "\nmap\n  ~ map: description \"The repeat order of a busy parent\" → \"The weekly order\""
    );
    assert_eq!(
        body(
            "description: Sent on Sunday evenings",
            "description: Sent on Sundays"
        ),
        "\ntouchpoints\n  ~ touchpoint reminder: description \"Sent on Sunday evenings\" → \"Sent on Sundays\""
    );
}

#[test]
fn persona_fields_are_compared() {
    // A channel respelled (as `check` matches channels), and one replaced.
    // (The findings that follow are the channel rules' own.)
    assert!(
        body("channels: [mobile app, email]", "channels: [Mobile-App, sms]").starts_with(
            "\npersona\n  ~ persona\n      + channel \"sms\"\n      - channel \"email\"\n      ~ channel \"mobile app\" → \"Mobile-App\"\n\nfindings\n"
        )
    );
    assert_eq!(
        body(
            "demographics: { age: 38, occupation: nurse, location: Leeds }",
            "demographics: { age: 39, occupation: midwife }"
        ),
        "\npersona\n  ~ persona: demographics.age 38 → 39 (+1), demographics.occupation \"nurse\" → \"midwife\", demographics.location \"Leeds\" → none"
    );
    assert_eq!(
        body(
            "behaviors: [orders on her phone]",
            "behaviors: [orders on her laptop]"
        ),
        "\npersona\n  ~ persona\n      + behavior \"orders on her laptop\"\n      - behavior \"orders on her phone\""
    );
    assert_eq!(
        body(
            "challenges: [irregular shifts]",
            "challenges: [irregular shifts, no car]"
        ),
        "\npersona\n  ~ persona\n      + challenge \"no car\""
    );
}

#[test]
fn plan_fields_are_compared() {
    assert_eq!(
        body(
            "budget: 20000, currency: GBP",
            "budget: 24000.5, currency: GBP"
        ),
        "\nresources\n  ~ resource for waitlist-pilot: budget 20000 → 24000.5 (+4000.5)"
    );
    assert_eq!(
        body("roles: [developer, designer]", "roles: [developer]"),
        "\nresources\n  ~ resource for waitlist-pilot\n      - role \"designer\""
    );
    assert_eq!(
        body("    cadence: monthly", "    cadence: quarterly"),
        "\nfeedback\n  ~ feedback: cadence \"monthly\" → \"quarterly\""
    );
    assert_eq!(
        body("    owner: Research team", ""),
        "\nfeedback\n  ~ feedback: owner \"Research team\" → none"
    );
    assert_eq!(
        body("scope: Leeds stores", "scope: Leeds"),
        "\nactions\n  ~ action waitlist-pilot: scope \"Leeds stores\" → \"Leeds\""
    );
    assert_eq!(
        body(
            "success_criteria: [10% fewer abandoned checkouts]",
            "success_criteria: [5% fewer abandoned checkouts]"
        ),
        "\nactions\n  ~ action waitlist-pilot\n      + success criterion \"5% fewer abandoned checkouts\"\n      - success criterion \"10% fewer abandoned checkouts\""
    );
    assert_eq!(
        body("evidence: support tickets", "evidence: reviews"),
        "\npain points\n  ~ pain point slot-full: evidence \"support tickets\" → \"reviews\""
    );
    assert_eq!(
        body(
            "addresses: [slot-full]",
            "addresses: [slot-full, substitutions]"
        ),
        "\nideas\n  ~ idea slot-waitlist\n      + addresses substitutions"
    );
    let json = parse(&edited(
        "budget: 20000, currency: GBP",
        "budget: 18000, currency: EUR",
        DiffFormat::Json,
    ));
    assert_eq!(
        changes_of(&json["resources"], "action", "waitlist-pilot"),
        [
            serde_json::json!({ "field": "budget", "old": 20000, "new": 18000, "delta": -2000 }),
            serde_json::json!({ "field": "currency", "old": "GBP", "new": "EUR" }),
        ]
    );
}

/// Extension keys are data too: compared by name, `x-ignore` item by item.
#[test]
fn extension_keys_are_compared() {
    assert_eq!(
        body("x-jira: CX-100", "x-jira: [CX-100, CX-7]"),
        "\nmap\n  ~ map: x-jira \"CX-100\" → [\"CX-100\", \"CX-7\"]"
    );
    assert_eq!(
        body(
            "x-ignore: [missing-owner]",
            "x-ignore: [missing-owner, missing-due-date]"
        ),
        "\nactions\n  ~ action waitlist-pilot\n      + x-ignore \"missing-due-date\""
    );
    assert_eq!(
        body("\n      x-ignore: [missing-owner]", ""),
        "\nactions\n  ~ action waitlist-pilot\n      - x-ignore \"missing-owner\""
    );
    assert_eq!(
        body(
            "    cadence: monthly",
            "    cadence: monthly\n    x-tool: { name: Typeform, seats: 3 }"
        ),
        "\nfeedback\n  ~ feedback: x-tool none → {\"name\":\"Typeform\",\"seats\":3}"
    );
    assert_eq!(
        body("opportunities:\n", "opportunities:\n  x-reviewed: true\n"),
        "\nmap\n  ~ map: opportunities.x-reviewed none → true"
    );
}

/// Data equal, files not: said in words, never "no changes" and never a
/// list of nothing.
#[test]
fn maps_equal_in_data_say_so() {
    let source = std::fs::read_to_string(FIELDS_OLD).expect("fields-old.yaml is readable");
    let header = format!("{FIELDS_OLD} → reformatted.yaml\n");
    // Comments, flow style for block style, quotes, key order.
    let reformatted = source
        .replacen("# Every key", "# A comment changed. Every key", 1)
        .replacen(
            "tags: [grocery, mobile]",
            "tags:\n  - \"grocery\"\n  - mobile",
            1,
        )
        .replacen(
            "title: Weekly grocery order\ndescription: The repeat order of a busy parent\n",
            "description: The repeat order of a busy parent\ntitle: 'Weekly grocery order'\n",
            1,
        );
    let text = render(
        &file(FIELDS_OLD),
        &checked("reformatted.yaml", &reformatted),
        DiffFormat::Text,
    );
    assert_eq!(
        text,
        format!(
            "{header}the maps hold the same data (they differ only in formatting, comments or key order)\n"
        )
    );
    let markdown = render(
        &file(FIELDS_OLD),
        &checked("reformatted.yaml", &reformatted),
        DiffFormat::Markdown,
    );
    assert!(
        markdown.ends_with(
            "\n\nThe maps hold the same data (they differ only in formatting, comments or key order).\n"
        ),
        "{markdown}"
    );
    let json = parse(&render(
        &file(FIELDS_OLD),
        &checked("reformatted.yaml", &reformatted),
        DiffFormat::Json,
    ));
    assert_eq!(json["identical"], true);
    assert_eq!(json["changes"], 0);

    // Items of a list in another order, a number written another way.
    let reordered = source
        .replacen(
            "roles: [developer, designer]",
            "roles: [designer, developer]",
            1,
        )
        .replacen("people: 3,", "people: 3.0,", 1);
    let reordered = checked("reformatted.yaml", &reordered);
    assert_eq!(
        render(&file(FIELDS_OLD), &reordered, DiffFormat::Text),
        format!(
            "{header}the maps hold the same data (they differ only in formatting, comments, key order \
             or the order of items in a list)\n"
        )
    );
    let json = parse(&render(&file(FIELDS_OLD), &reordered, DiffFormat::Json));
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
