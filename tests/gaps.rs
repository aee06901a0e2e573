//! `journeymap gaps`: the completeness score (by hand), the single-map report
//! and the portfolio in every format (snapshots), CSV read back, JSON shape,
//! `--fail-under`, maps failing the schema, and determinism.

#[allow(dead_code)] // not every shared helper is used here
mod common;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use journeymap::analysis::gaps::{Checked, Portfolio};
use journeymap::analysis::score::{self, Component};
use journeymap::check::{CheckOptions, check_map};
use journeymap::diagnostic::Severity;
use journeymap::views::gaps;
use serde_json::Value;

use common::{BASE, edited, options};

const TODAY: &str = "2026-11-23";
const EXAMPLES: [&str; 3] = [
    "b2b-software-trial.yaml",
    "grocery-first-order.yaml",
    "hospital-appointment.yaml",
];

/// The base map with gaps opened: a stale date, a stage without metrics, one
/// of two pain points unaddressed, an unscored and unplanned idea, an action
/// without owner, an overdue action, an unaddressed need.
fn gappy() -> String {
    edited(&[
        ("updated: 2026-10-01", "updated: 2025-01-01"),
        (
            "    metrics:\n      - { name: referrals per customer, value: 0.1 }\n",
            "",
        ),
        (
            "severity: 4 }\n",
            "severity: 4 }\n    - { id: fee-hidden, description: Delivery fee hidden until checkout, stage: consideration, severity: 3 }\n",
        ),
        (
            "stage: decision }\n",
            "stage: decision }\n    - { id: allergy-filter, description: Hide products with saved allergens, stage: retention }\n",
        ),
        (
            "addresses: [slot-full], impact: 4, effort: 2 }\n",
            "addresses: [fee-hidden], impact: 4, effort: 2 }\n    - { id: loyalty-points, description: Points for every order, impact: 2 }\n",
        ),
        ("owner: Web team, ", ""),
        ("due: 2026-12-15", "due: 2026-11-15"),
    ])
}

fn checked(path: &str, source: &str, options: &CheckOptions) -> Checked {
    let (report, valid) = check_map(path, source.as_bytes(), options);
    let valid = valid.unwrap_or_else(|| panic!("{path} must pass the schema: {report:#?}"));
    (valid, report)
}

fn today() -> jiff::civil::Date {
    options().today
}

fn components(checked: &Checked) -> Vec<(&'static str, u8)> {
    score::components(&checked.0, &checked.1)
        .iter()
        .map(|c| (c.id, c.points))
        .collect()
}

// ---------------------------------------------------------------------------
// The score.

#[test]
fn examples_score_100() {
    for name in EXAMPLES {
        let path = format!("examples/{name}");
        let source = fs::read_to_string(&path).expect("example readable");
        let map = checked(&path, &source, &options());
        assert!(map.1.diagnostics.is_empty(), "{path} passes every rule");
        assert_eq!(score::score(&map.0, &map.1, today()), 100, "{path}");
        for c in score::components(&map.0, &map.1) {
            assert_eq!((c.points, c.missing), (c.max, 0), "{path}: {c:?}");
        }
    }
    let base = checked("base.yaml", BASE, &options());
    assert_eq!(score::score(&base.0, &base.1, today()), 100);
}

#[test]
fn gappy_map_scores_by_hand() {
    let map = checked("gappy.yaml", &gappy(), &options());
    // Each share component: max × complete ÷ counted, rounded down.
    //   persona                 all four parts               10
    //   standard-stages         no finding                    5
    //   touchpoints, emotions   5 of 5 stages            10 + 10
    //   metrics                 4 of 5 stages: 10×4÷5         8
    //   pain-points-addressed   1 of 2: 15×1÷2 = 7.5          7
    //   ideas-scored            2 of 3: 5×2÷3 = 3.3           3
    //   ideas-planned           2 of 3: 10×2÷3 = 6.7          6
    //   actions-owned           1 of 2: 5×1÷2 = 2.5           2
    //   actions-dated, -funded  2 of 2                    5 + 5
    //   feedback-loop           methods listed                5
    //   freshness               stale (2025-01-01)            0
    //   total                                                76
    // The unaddressed need and the overdue action are reported but not scored.
    assert_eq!(
        components(&map),
        [
            ("persona", 10),
            ("standard-stages", 5),
            ("touchpoints", 10),
            ("emotions", 10),
            ("metrics", 8),
            ("pain-points-addressed", 7),
            ("ideas-scored", 3),
            ("ideas-planned", 6),
            ("actions-owned", 2),
            ("actions-dated", 5),
            ("actions-funded", 5),
            ("feedback-loop", 5),
            ("freshness", 0),
        ]
    );
    assert_eq!(score::score(&map.0, &map.1, today()), 76);
    let all = score::components(&map.0, &map.1);
    let metrics: &Component = &all[4];
    assert_eq!((metrics.counted, metrics.missing), (Some(5), 1));
    assert_eq!(
        metrics.note,
        "4 of 5 stages have metrics; none in: advocacy"
    );
}

#[test]
fn nothing_to_measure_is_full_marks() {
    // No pain points, no ideas, no actions: those components are full.
    let head = BASE.split("opportunities:").next().unwrap_or_default();
    let source =
        format!("{head}opportunities:\n  feedback:\n    methods: [survey]\naction_plan: {{}}\n");
    let map = checked("empty-plan.yaml", &source, &options());
    assert_eq!(score::score(&map.0, &map.1, today()), 100);
    for c in score::components(&map.0, &map.1) {
        assert_eq!(c.points, c.max, "{c:?}");
        if c.counted == Some(0) {
            assert!(c.note.ends_with("full marks"), "{c:?}");
        }
    }
    let zero: Vec<&str> = score::components(&map.0, &map.1)
        .into_iter()
        .filter(|c| c.counted == Some(0))
        .map(|c| c.id)
        .collect();
    assert_eq!(
        zero,
        [
            "pain-points-addressed",
            "ideas-scored",
            "ideas-planned",
            "actions-owned",
            "actions-dated",
            "actions-funded"
        ]
    );
}

#[test]
fn partial_components() {
    // Two of four persona parts: 10×2÷4 = 5. Two standard stages missing:
    // 5 − 2 = 3. No feedback loop: 0. No `updated`: not fresh, 0.
    let source = edited(&[
        ("  goals: [get a full basket delivered in one slot]\n", ""),
        ("  challenges: [irregular shifts]\n", ""),
        (
            "id: retention\n    name: Retention",
            "id: repeat\n    name: Repeat",
        ),
        (
            "id: advocacy\n    name: Advocacy",
            "id: sharing\n    name: Sharing",
        ),
        (
            "  feedback:\n    methods: [in-app survey]\n    cadence: monthly\n",
            "",
        ),
        ("updated: 2026-10-01\n", ""),
    ]);
    let map = checked("partial.yaml", &source, &options());
    let all = score::components(&map.0, &map.1);
    let find = |id: &str| all.iter().find(|c| c.id == id).cloned();
    let persona = find("persona").expect("persona component");
    assert_eq!(
        (persona.points, persona.note.as_str()),
        (5, "no goals, challenges")
    );
    let stages = find("standard-stages").expect("standard-stages component");
    assert_eq!(
        (stages.points, stages.counted, stages.missing),
        (3, None, 2)
    );
    assert_eq!(stages.note, "no stage for: retention, advocacy");
    assert_eq!(find("feedback-loop").map(|c| c.points), Some(0));
    let fresh = find("freshness").expect("freshness component");
    assert_eq!(
        (fresh.points, fresh.note.as_str()),
        (0, "no `updated` date")
    );
    // 100 − 5 − 2 − 5 − 5
    assert_eq!(score::score(&map.0, &map.1, today()), 83);
}

#[test]
fn the_score_follows_the_findings() {
    // A rule turned off, or silenced with x-ignore, costs no points: the
    // score never disagrees with `check`.
    let source = edited(&[(
        "    metrics:\n      - { name: referrals per customer, value: 0.1 }\n",
        "",
    )]);
    let map = checked("m.yaml", &source, &options());
    assert_eq!(score::score(&map.0, &map.1, today()), 98);

    let mut off = options();
    off.settings
        .severities
        .insert("stage-without-metrics", None);
    let map = checked("m.yaml", &source, &off);
    assert_eq!(score::score(&map.0, &map.1, today()), 100);

    let mut error = options();
    error
        .settings
        .severities
        .insert("stage-without-metrics", Some(Severity::Error));
    let map = checked("m.yaml", &source, &error);
    assert_eq!(score::score(&map.0, &map.1, today()), 98);

    let ignored = edited(&[
        (
            "    metrics:\n      - { name: referrals per customer, value: 0.1 }\n",
            "",
        ),
        (
            "id: advocacy\n",
            "id: advocacy\n    x-ignore: [stage-without-metrics]\n",
        ),
    ]);
    let map = checked("m.yaml", &ignored, &options());
    assert_eq!(score::score(&map.0, &map.1, today()), 100);

    // A stale map under a longer limit is fresh.
    let stale = edited(&[("updated: 2026-10-01", "updated: 2026-03-01")]);
    let map = checked("m.yaml", &stale, &options());
    assert_eq!(score::score(&map.0, &map.1, today()), 95);
    let mut patient = options();
    patient.settings.stale_after_days = 365;
    let map = checked("m.yaml", &stale, &patient);
    assert_eq!(score::score(&map.0, &map.1, today()), 100);
}

#[test]
fn points_and_mean() {
    assert_eq!(score::points(15, 3, 1), 10);
    assert_eq!(
        score::points(10, 40, 1),
        9,
        "rounded down: full only when complete"
    );
    assert_eq!(score::points(5, 0, 0), 5, "nothing to count: full marks");
    assert_eq!(score::mean_score(&[76, 100, 100, 100]), 94);
    assert_eq!(score::mean_score(&[81, 82]), 82, "halves round up");
    assert_eq!(
        score::WEIGHTS.iter().map(|w| u32::from(w.max)).sum::<u32>(),
        100
    );
}

// ---------------------------------------------------------------------------
// The command.

struct Run {
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

fn gaps_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::cargo_bin("journeymap")
        .expect("binary built")
        .current_dir(dir)
        .env_remove("COLUMNS")
        .args(["gaps", "--today", TODAY])
        .args(args)
        .output()
        .expect("journeymap runs");
    Run {
        status: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 output"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 errors"),
    }
}

/// A directory with `examples/` (copies of the examples) and `gappy.yaml`.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    fs::create_dir(dir.path().join("examples")).expect("examples folder");
    for name in EXAMPLES {
        fs::copy(
            Path::new("examples").join(name),
            dir.path().join("examples").join(name),
        )
        .expect("example copied");
    }
    fs::write(dir.path().join("gappy.yaml"), gappy()).expect("gappy map written");
    dir
}

#[test]
fn single_map_report() {
    let dir = workspace();
    let table = gaps_in(dir.path(), &["gappy.yaml", "--ascii", "--width", "100"]);
    assert_eq!(table.status, Some(0), "{}", table.stderr);
    assert!(table.stdout.is_ascii() || !table.stdout.contains('│'));
    for title in [
        "Scorecard",
        "Coverage by stage",
        "Unaddressed pain points and needs",
        "Ideas by priority",
        "Plan health",
        "Findings by rule",
    ] {
        assert!(table.stdout.contains(&format!("{title}\n")), "{title}");
    }
    insta::assert_snapshot!("single_table", table.stdout);

    let markdown = gaps_in(dir.path(), &["gappy.yaml", "--format", "markdown"]);
    assert_eq!(markdown.status, Some(0));
    insta::assert_snapshot!("single_markdown", markdown.stdout);

    let example = gaps_in(
        Path::new("."),
        &[
            "examples/grocery-first-order.yaml",
            "--ascii",
            "--width",
            "100",
        ],
    );
    assert_eq!(example.status, Some(0));
    assert!(example.stdout.contains("completeness 100/100"));
    insta::assert_snapshot!("example_table", example.stdout);
}

#[test]
fn unaddressed_by_severity_and_ideas_ranked() {
    let dir = workspace();
    let json = gaps_in(dir.path(), &["gappy.yaml", "--format", "json"]);
    let doc: Value = serde_json::from_str(&json.stdout).expect("JSON parses");
    let map = &doc["maps"][0];
    let ids = |key: &str, field: &str| -> Vec<String> {
        map[key]
            .as_array()
            .expect("a list")
            .iter()
            .map(|item| item[field].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    assert_eq!(ids("unaddressed", "id"), ["slot-full", "allergy-filter"]);
    assert_eq!(ids("unaddressed", "kind"), ["pain_point", "unmet_need"]);
    assert_eq!(
        ids("ideas", "id"),
        ["slot-waitlist", "substitution-picker", "loyalty-points"]
    );
    assert_eq!(
        map["ideas"][2]["rank"],
        Value::Null,
        "unscored last, no rank"
    );
    assert_eq!(map["ideas"][0]["actions"][0], "waitlist-pilot");
    let health = &map["plan_health"];
    assert_eq!(health["without_owner"][0], "substitutes-at-checkout");
    assert_eq!(health["overdue"][0]["id"], "waitlist-pilot");
    assert_eq!(health["overdue"][0]["due"], "2026-11-15");
}

#[test]
fn json_shape() {
    let dir = workspace();
    let run = gaps_in(dir.path(), &["gappy.yaml", "--format", "json"]);
    assert_eq!(run.status, Some(0));
    assert!(run.stdout.ends_with("}\n"), "pretty, with a final newline");
    insta::assert_snapshot!("single_json", run.stdout);

    let doc: Value = serde_json::from_str(&run.stdout).expect("JSON parses");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["today"], TODAY);
    let keys = |value: &Value| -> Vec<String> {
        value
            .as_object()
            .expect("an object")
            .keys()
            .cloned()
            .collect()
    };
    assert_eq!(keys(&doc), ["version", "today", "summary", "maps"]);
    let map = &doc["maps"][0];
    assert_eq!(
        keys(map),
        [
            "path",
            "status",
            "title",
            "persona",
            "score",
            "components",
            "coverage",
            "unaddressed",
            "ideas",
            "plan_health",
            "findings",
            "counts"
        ]
    );
    assert_eq!(map["score"], 76);
    assert!(map["score"].is_u64());
    let components = map["components"].as_array().expect("components");
    assert_eq!(components.len(), 13);
    let sum: u64 = components
        .iter()
        .map(|c| c["points"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(sum, 76);
    assert_eq!(
        keys(&components[0]),
        ["id", "rule", "points", "max", "counted", "missing", "note"]
    );
    assert_eq!(
        keys(&map["coverage"][0]),
        [
            "stage",
            "name",
            "touchpoints",
            "emotion",
            "pain_points",
            "metrics",
            "ideas",
            "actions",
            "findings"
        ]
    );
    assert_eq!(
        keys(&map["plan_health"]),
        [
            "actions",
            "without_owner",
            "without_due_date",
            "unfunded",
            "overdue"
        ]
    );
    assert_eq!(
        keys(&map["counts"]),
        [
            "errors",
            "warnings",
            "infos",
            "unaddressed_pain_points",
            "unaddressed_needs",
            "unplanned_ideas",
            "overdue_actions"
        ]
    );
    assert_eq!(map["counts"]["warnings"], 5);
    assert_eq!(map["status"], "ok");
    assert_eq!(doc["summary"]["mean_score"], 76);
    assert_eq!(
        keys(&doc["summary"]),
        [
            "maps",
            "invalid",
            "with_errors",
            "mean_score",
            "errors",
            "warnings",
            "infos",
            "unaddressed_pain_points",
            "unaddressed_needs",
            "unplanned_ideas",
            "overdue_actions"
        ]
    );
}

#[test]
fn portfolio_worst_first_with_total() {
    let dir = workspace();
    let table = gaps_in(
        dir.path(),
        &["examples", "gappy.yaml", "--ascii", "--width", "100"],
    );
    assert_eq!(table.status, Some(0), "{}", table.stderr);
    assert!(table.stdout.starts_with("Portfolio\n"));
    insta::assert_snapshot!("portfolio_table", table.stdout);

    let markdown = gaps_in(dir.path(), &["examples", "gappy.yaml", "-f", "markdown"]);
    insta::assert_snapshot!("portfolio_markdown", markdown.stdout);

    let csv_run = gaps_in(
        dir.path(),
        &[
            "examples",
            "gappy.yaml",
            "-f",
            "csv",
            "--section",
            "portfolio",
        ],
    );
    assert_eq!(csv_run.status, Some(0), "{}", csv_run.stderr);
    let mut reader = csv::Reader::from_reader(csv_run.stdout.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        headers,
        [
            "path",
            "status",
            "title",
            "persona",
            "score",
            "errors",
            "warnings",
            "unaddressed pain points",
            "unplanned ideas",
            "overdue actions"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("RFC 4180 rows");
    let column = |i: usize| -> Vec<&str> { rows.iter().map(|r| &r[i]).collect() };
    assert_eq!(
        column(0),
        [
            "gappy.yaml",
            "examples/b2b-software-trial.yaml",
            "examples/grocery-first-order.yaml",
            "examples/hospital-appointment.yaml",
            "total (4 maps)"
        ]
    );
    assert_eq!(column(1), ["ok", "ok", "ok", "ok", ""]);
    // The mean of 76, 100, 100, 100 = 94, rounded half up.
    assert_eq!(column(4), ["76", "100", "100", "100", "94"]);
    assert_eq!(&rows[0][3], "Maya, busy parent");
    assert_eq!(
        (&rows[4][6], &rows[4][7], &rows[4][8], &rows[4][9]),
        ("5", "1", "1", "1")
    );

    let json = gaps_in(dir.path(), &["examples", "gappy.yaml", "-f", "json"]);
    let doc: Value = serde_json::from_str(&json.stdout).expect("JSON parses");
    assert_eq!(doc["summary"]["maps"], 4);
    assert_eq!(doc["summary"]["mean_score"], 94);
    assert_eq!(doc["maps"][0]["path"], "gappy.yaml", "worst first");
}

#[test]
fn csv_needs_a_section_for_one_map() {
    let dir = workspace();
    let run = gaps_in(dir.path(), &["gappy.yaml", "-f", "csv"]);
    assert_eq!(run.status, Some(2));
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("--section"), "{}", run.stderr);
    assert!(run.stderr.contains("scorecard, coverage"), "{}", run.stderr);
    // Each section alone is one table a CSV reader reads back.
    for section in gaps::SECTIONS {
        let run = gaps_in(
            dir.path(),
            &["gappy.yaml", "-f", "csv", "--section", section],
        );
        assert_eq!(run.status, Some(0), "{section}: {}", run.stderr);
        let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
        let width = reader.headers().expect("a header row").len();
        for record in reader.records() {
            assert_eq!(record.expect("a row").len(), width, "{section}");
        }
    }
    let run = gaps_in(
        dir.path(),
        &["gappy.yaml", "-f", "csv", "--section", "scorecard"],
    );
    assert!(run.stdout.contains("\nscore,76,100,"), "{}", run.stdout);
    // The portfolio's section is not a single map's.
    let run = gaps_in(dir.path(), &["gappy.yaml", "--section", "portfolio"]);
    assert_eq!(run.status, Some(2));
}

#[test]
fn a_directory_with_one_map_gets_the_single_map_report() {
    let dir = tempfile::tempdir().expect("temporary directory");
    fs::create_dir(dir.path().join("maps")).expect("folder");
    fs::write(dir.path().join("maps/one.yaml"), gappy()).expect("map written");
    let run = gaps_in(dir.path(), &["maps"]);
    assert_eq!(run.status, Some(0));
    assert!(run.stdout.starts_with("Scorecard\n"), "{}", run.stdout);
    assert!(run.stdout.contains("completeness 76/100"));
}

#[test]
fn fail_under() {
    let dir = workspace();
    let below = gaps_in(
        dir.path(),
        &["examples", "gappy.yaml", "--fail-under", "90"],
    );
    assert_eq!(below.status, Some(1), "76 < 90");
    assert!(
        below.stdout.contains("Portfolio"),
        "the report is still printed"
    );
    let fine = gaps_in(dir.path(), &["examples", "--fail-under", "90"]);
    assert_eq!(fine.status, Some(0));
    let exact = gaps_in(dir.path(), &["gappy.yaml", "--fail-under", "76"]);
    assert_eq!(exact.status, Some(0), "76 is not below 76");
    let above = gaps_in(dir.path(), &["gappy.yaml", "--fail-under", "77"]);
    assert_eq!(above.status, Some(1));
    let hundred = gaps_in(dir.path(), &["examples", "--fail-under", "100"]);
    assert_eq!(hundred.status, Some(0));
}

/// A map failing the schema: three errors, the rules after it not run.
const BROKEN: &str = "title: Broken\npersona: { name: P }\nstages: []\n";
/// Not YAML at all: an unclosed bracket.
const NOT_YAML: &str = "title: [Unclosed\n";

/// The base map with a duplicated touchpoint id and a milestone delivering
/// an action that does not exist: two errors, and nothing a component counts,
/// so its components sum to 100.
fn with_errors() -> String {
    edited(&[
        (
            "{ id: referral, name: Refer-a-friend screen",
            "{ id: checkout, name: Refer-a-friend screen",
        ),
        (
            "delivers: [waitlist-pilot]",
            "delivers: [waitlist-pilot, ghost-pilot]",
        ),
    ])
}

/// The base map, stale and without a feedback loop: 90, warnings only.
fn ninety() -> String {
    edited(&[
        ("updated: 2026-10-01", "updated: 2025-01-01"),
        (
            "  feedback:\n    methods: [in-app survey]\n    cadence: monthly\n",
            "",
        ),
    ])
}

/// `workspace()` plus two more valid maps and two invalid ones: 8 files.
fn eight_maps() -> tempfile::TempDir {
    let dir = workspace();
    for (name, text) in [
        ("with-errors.yaml", with_errors()),
        ("ninety.yaml", ninety()),
        ("broken.yaml", BROKEN.to_owned()),
        ("not-yaml.yaml", NOT_YAML.to_owned()),
    ] {
        fs::write(dir.path().join(name), text).expect("map written");
    }
    dir
}

/// The portfolio order of `eight_maps()`: invalid maps first (by path),
/// then the map with errors, then by score.
const EIGHT_IN_ORDER: [&str; 8] = [
    "broken.yaml",
    "not-yaml.yaml",
    "with-errors.yaml",
    "gappy.yaml",
    "ninety.yaml",
    "examples/b2b-software-trial.yaml",
    "examples/grocery-first-order.yaml",
    "examples/hospital-appointment.yaml",
];

#[test]
fn invalid_maps_are_rows_in_every_format() {
    let dir = eight_maps();

    let table = gaps_in(dir.path(), &[".", "--ascii", "--width", "200"]);
    assert_eq!(table.status, Some(1), "invalid maps fail the run");
    assert!(table.stdout.contains("total (8 maps)"), "{}", table.stdout);
    for path in EIGHT_IN_ORDER {
        assert_eq!(
            table.stdout.matches(&format!("| {path} ")).count(),
            1,
            "{path} is a row:\n{}",
            table.stdout
        );
    }
    insta::assert_snapshot!("portfolio_with_invalid_table", table.stdout);
    // Their findings still go to standard error, with what did not run.
    assert!(table.stderr.contains("error[schema]"), "{}", table.stderr);
    assert!(
        table
            .stderr
            .contains("note: broken.yaml: 23 later rules did not run because the schema failed"),
        "{}",
        table.stderr
    );
    assert!(
        table.stderr.contains(
            "note: not-yaml.yaml: 24 later rules did not run because the file is not valid YAML"
        ),
        "{}",
        table.stderr
    );

    let markdown = gaps_in(dir.path(), &[".", "-f", "markdown"]);
    assert_eq!(markdown.status, Some(1));
    insta::assert_snapshot!("portfolio_with_invalid_markdown", markdown.stdout);

    let csv_run = gaps_in(dir.path(), &[".", "-f", "csv"]);
    assert_eq!(csv_run.status, Some(1), "{}", csv_run.stderr);
    let mut reader = csv::Reader::from_reader(csv_run.stdout.as_bytes());
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("RFC 4180 rows");
    let column = |i: usize| -> Vec<&str> { rows.iter().map(|r| &r[i]).collect() };
    let mut paths = EIGHT_IN_ORDER.to_vec();
    paths.push("total (8 maps)");
    assert_eq!(column(0), paths);
    assert_eq!(
        column(1),
        [
            "invalid",
            "invalid",
            "errors",
            "ok",
            "ok",
            "ok",
            "ok",
            "ok",
            "2 invalid, 1 with errors"
        ]
    );
    // Invalid maps score 0 and count so in the mean:
    // (0 + 0 + 99 + 76 + 90 + 100 × 3) ÷ 8 = 70.6 → 71.
    assert_eq!(
        column(4),
        ["0", "0", "99", "76", "90", "100", "100", "100", "71"]
    );
    // Their errors are counted; their gaps were never measured.
    assert_eq!(column(5), ["3", "1", "2", "0", "0", "0", "0", "0", "6"]);
    assert_eq!(
        &rows[0].iter().skip(6).collect::<Vec<_>>(),
        &["0", "—", "—", "—"]
    );

    #[derive(serde::Deserialize)]
    struct Document {
        summary: Summary,
        maps: Vec<MapRow>,
    }
    #[derive(serde::Deserialize)]
    struct Summary {
        maps: usize,
        invalid: usize,
        with_errors: usize,
        mean_score: u8,
        errors: usize,
    }
    #[derive(serde::Deserialize)]
    struct MapRow {
        path: String,
        status: String,
        score: u8,
        stopped_by: Option<String>,
        rules_not_run: Option<usize>,
        counts: Counts,
    }
    #[derive(serde::Deserialize)]
    struct Counts {
        errors: usize,
        unaddressed_pain_points: Option<usize>,
    }
    let json = gaps_in(dir.path(), &[".", "-f", "json"]);
    assert_eq!(json.status, Some(1));
    let doc: Document = serde_json::from_str(&json.stdout).expect("the documented shape");
    assert_eq!(
        (
            doc.summary.maps,
            doc.summary.invalid,
            doc.summary.with_errors,
            doc.summary.mean_score,
            doc.summary.errors
        ),
        (8, 2, 1, 71, 6)
    );
    let paths: Vec<&str> = doc.maps.iter().map(|m| m.path.as_str()).collect();
    assert_eq!(paths, EIGHT_IN_ORDER);
    let broken = &doc.maps[0];
    assert_eq!(
        (broken.status.as_str(), broken.score, broken.counts.errors),
        ("invalid", 0, 3)
    );
    assert_eq!(broken.stopped_by.as_deref(), Some("schema"));
    assert_eq!(broken.rules_not_run, Some(23));
    assert_eq!(broken.counts.unaddressed_pain_points, None);
    assert_eq!(doc.maps[1].stopped_by.as_deref(), Some("yaml-syntax"));
    assert_eq!(doc.maps[1].rules_not_run, Some(24));
    assert_eq!(doc.maps[2].status, "errors");
    assert_eq!(
        doc.maps[2].stopped_by, None,
        "a valid map has no stopped_by"
    );
    assert_eq!(doc.maps[3].counts.unaddressed_pain_points, Some(1));
}

#[test]
fn one_valid_and_one_invalid_map_is_a_portfolio() {
    // Two maps given, two rows: the invalid one is not dropped for a
    // single-map report on the other.
    let dir = workspace();
    fs::write(dir.path().join("broken.yaml"), BROKEN).expect("written");
    let run = gaps_in(dir.path(), &["gappy.yaml", "broken.yaml"]);
    assert_eq!(run.status, Some(1));
    assert!(run.stdout.starts_with("Portfolio\n"), "{}", run.stdout);
    assert!(run.stdout.contains("total (2 maps)"), "{}", run.stdout);
}

#[test]
fn a_single_invalid_map_gets_a_scorecard_saying_so() {
    let dir = tempfile::tempdir().expect("temporary directory");
    fs::write(dir.path().join("broken.yaml"), BROKEN).expect("written");

    let table = gaps_in(dir.path(), &["broken.yaml", "--ascii", "--width", "100"]);
    assert_eq!(table.status, Some(1));
    assert!(table.stderr.contains("error[schema]"), "{}", table.stderr);
    insta::assert_snapshot!("single_invalid_table", table.stdout);

    let markdown = gaps_in(dir.path(), &["broken.yaml", "-f", "markdown"]);
    assert_eq!(markdown.status, Some(1));
    insta::assert_snapshot!("single_invalid_markdown", markdown.stdout);

    // One table: CSV needs no --section.
    let csv_run = gaps_in(dir.path(), &["broken.yaml", "-f", "csv"]);
    assert_eq!(csv_run.status, Some(1), "{}", csv_run.stderr);
    assert_eq!(
        csv_run.stdout,
        "component,points,max,rule,note\nscore,0,100,schema,invalid: the map fails the schema\n"
    );
    let scorecard = gaps_in(dir.path(), &["broken.yaml", "-f", "csv", "-s", "scorecard"]);
    assert_eq!(scorecard.stdout, csv_run.stdout);

    let json = gaps_in(dir.path(), &["broken.yaml", "-f", "json"]);
    assert_eq!(json.status, Some(1));
    insta::assert_snapshot!("single_invalid_json", json.stdout);

    // --fail-under cannot pass on it.
    let gate = gaps_in(dir.path(), &["broken.yaml", "--fail-under", "0"]);
    assert_eq!(gate.status, Some(1));
}

#[test]
fn a_map_with_errors_is_not_complete() {
    let dir = tempfile::tempdir().expect("temporary directory");
    fs::write(dir.path().join("with-errors.yaml"), with_errors()).expect("written");
    fs::write(dir.path().join("ninety.yaml"), ninety()).expect("written");

    // Its components are all full, but two errors cap it at 99.
    let map = checked("with-errors.yaml", &with_errors(), &options());
    let rules: Vec<&str> = map.1.diagnostics.iter().map(|d| d.rule).collect();
    assert_eq!(rules, ["duplicate-id", "unknown-reference"]);
    for c in score::components(&map.0, &map.1) {
        assert_eq!(c.points, c.max, "{c:?}");
    }
    assert_eq!(score::score(&map.0, &map.1, today()), 99);
    let map = checked("ninety.yaml", &ninety(), &options());
    assert_eq!(score::score(&map.0, &map.1, today()), 90);

    // It fails --fail-under at any threshold; the 90 map passes 90.
    for threshold in ["100", "90", "0"] {
        let run = gaps_in(dir.path(), &["with-errors.yaml", "--fail-under", threshold]);
        assert_eq!(run.status, Some(1), "--fail-under {threshold}");
    }
    let fine = gaps_in(dir.path(), &["ninety.yaml", "--fail-under", "90"]);
    assert_eq!(fine.status, Some(0));
    let both = gaps_in(dir.path(), &[".", "--fail-under", "50"]);
    assert_eq!(both.status, Some(1));
    // Without --fail-under a report on valid maps exits 0.
    let plain = gaps_in(dir.path(), &["with-errors.yaml"]);
    assert_eq!(plain.status, Some(0));

    // It ranks below the map scoring 90.
    let csv_run = gaps_in(dir.path(), &[".", "-f", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_run.stdout.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| {
            let r = r.expect("a row");
            vec![r[0].to_owned(), r[1].to_owned(), r[4].to_owned()]
        })
        .collect();
    assert_eq!(
        rows,
        [
            ["with-errors.yaml", "errors", "99"],
            ["ninety.yaml", "ok", "90"],
            ["total (2 maps)", "1 with errors", "95"],
        ]
    );

    // The scorecard says why.
    let table = gaps_in(
        dir.path(),
        &[
            "with-errors.yaml",
            "-s",
            "scorecard",
            "--ascii",
            "--width",
            "100",
        ],
    );
    assert!(
        table.stdout.contains("completeness 99/100"),
        "{}",
        table.stdout
    );
    assert!(
        table.stdout.contains(
            "2 errors (duplicate-id, unknown-reference): a map with errors is not complete."
        ),
        "{}",
        table.stdout
    );
    insta::assert_snapshot!("scorecard_with_errors", table.stdout);
    let csv_run = gaps_in(
        dir.path(),
        &["with-errors.yaml", "-f", "csv", "-s", "scorecard"],
    );
    assert!(
        csv_run.stdout.contains(
            "\nerrors,—,—,\"duplicate-id, unknown-reference\",2 errors: a map with errors is not complete\n\
             score,99,100,—,\"the sum of the points above (100), capped at 99: the map has errors\"\n"
        ),
        "{}",
        csv_run.stdout
    );
    let json = gaps_in(dir.path(), &["with-errors.yaml", "-f", "json"]);
    let doc: Value = serde_json::from_str(&json.stdout).expect("JSON parses");
    assert_eq!(doc["maps"][0]["status"], "errors");
    assert_eq!(doc["maps"][0]["score"], 99);
    assert_eq!(doc["summary"]["with_errors"], 1);
}

#[test]
fn same_bytes_every_time() {
    let dir = workspace();
    for format in ["table", "markdown", "json"] {
        let args = ["examples", "gappy.yaml", "-f", format];
        let one = gaps_in(dir.path(), &args);
        let two = gaps_in(dir.path(), &args);
        assert_eq!(one.stdout, two.stdout, "{format}");
        let one = gaps_in(dir.path(), &["gappy.yaml", "-f", format]);
        let two = gaps_in(dir.path(), &["gappy.yaml", "-f", format]);
        assert_eq!(one.stdout, two.stdout, "{format}");
    }
    let map = || checked("gappy.yaml", &gappy(), &options());
    let maps = vec![map(), map()];
    let portfolio = || Portfolio::new(&maps, &[], today());
    assert_eq!(
        gaps::json(&portfolio(), today()),
        gaps::json(&portfolio(), today())
    );
    assert_eq!(
        gaps::view(&portfolio(), today()),
        gaps::view(&portfolio(), today())
    );
}
