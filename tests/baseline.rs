//! Baselines, end to end: record today's findings, then fail only on new ones,
//! even after lines moved.

use std::path::Path;

use assert_cmd::Command;

const MIXED: &str = include_str!("fixtures/formats/mixed.yaml");

struct Run {
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

/// `journeymap check` in `dir`, on 2026-11-23 unless `args` give `--today`.
fn journeymap(dir: &Path, args: &[&str]) -> Run {
    let mut command = Command::cargo_bin("journeymap").expect("binary built");
    command.current_dir(dir).args(["check", "--no-config"]);
    if !args.contains(&"--today") {
        command.args(["--today", "2026-11-23"]);
    }
    let output = command.args(args).output().expect("journeymap runs");
    Run {
        status: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A directory holding `map.yaml` (the mixed fixture) and its baseline.
fn adopted() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(dir.path().join("map.yaml"), MIXED).expect("map written");
    let run = journeymap(
        dir.path(),
        &["--write-baseline", "baseline.json", "map.yaml"],
    );
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "4 findings from 1 file recorded in baseline.json\n"
    );
    dir
}

fn edit(dir: &Path, from: &str, to: &str) {
    let path = dir.join("map.yaml");
    let text = std::fs::read_to_string(&path).expect("map readable");
    assert_eq!(text.matches(from).count(), 1, "{from:?} must occur once");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("map written");
}

#[test]
fn without_the_baseline_the_map_fails() {
    let dir = adopted();
    let run = journeymap(dir.path(), &["--quiet", "map.yaml"]);
    assert_eq!(run.status, Some(1));
    assert_eq!(
        run.stdout,
        "1 file checked: 0 passed, 1 failed; 1 error, 2 warnings, 1 info\n"
    );
}

#[test]
fn the_baseline_holds_back_what_it_recorded() {
    let dir = adopted();
    let run = journeymap(dir.path(), &["--baseline", "baseline.json", "map.yaml"]);
    assert_eq!(run.status, Some(0), "{}", run.stdout);
    assert_eq!(
        run.stdout,
        "1 file checked: 1 passed, 0 failed; 0 errors, 0 warnings, 0 infos; 4 findings in the baseline not shown\n"
    );
}

#[test]
fn moved_lines_and_a_later_day_are_still_recognised() {
    let dir = adopted();
    // Lines above every finding, and a stage inserted before the others:
    // every line number and every stage index changes.
    edit(
        dir.path(),
        "version: 1\n",
        "# Reviewed in the Q4 workshop.\n\nversion: 1\n",
    );
    edit(
        dir.path(),
        "stages:\n",
        "stages:\n  - id: discovery\n    name: Discovery\n    emotion: 3\n    touchpoints:\n      - { id: podcast, name: Podcast mention, channel: social }\n    metrics:\n      - { name: mentions, value: 4 }\n",
    );
    let run = journeymap(
        dir.path(),
        &[
            "--today",
            "2026-12-01",
            "--baseline",
            "baseline.json",
            "map.yaml",
        ],
    );
    assert_eq!(run.status, Some(0), "{}", run.stdout);
    assert!(
        run.stdout
            .ends_with("0 errors, 0 warnings, 0 infos; 4 findings in the baseline not shown\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_new_finding_is_reported_and_fails() {
    let dir = adopted();
    edit(dir.path(), "      owner: Delivery squad\n", "");
    edit(
        dir.path(),
        "    - { name: Pilot live, date: 2026-11-20,",
        "    - { name: Pilot live, date: 2026-10-20,",
    );
    let run = journeymap(
        dir.path(),
        &[
            "--format",
            "github",
            "--baseline",
            "baseline.json",
            "map.yaml",
        ],
    );
    assert_eq!(run.status, Some(1), "{}", run.stdout);
    let annotations: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(annotations.len(), 2, "{}", run.stdout);
    assert!(
        annotations[0].contains("title=missing-owner::pilot \"waitlist-pilot\""),
        "{}",
        run.stdout
    );
    assert!(
        annotations[1].contains("title=date-order::milestone \"Pilot live\""),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .ends_with("1 error, 1 warning, 0 infos; 4 findings in the baseline not shown\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_fixed_finding_leaves_the_rest_held_back() {
    let dir = adopted();
    edit(
        dir.path(),
        "      due: 2026-10-15\n",
        "      due: 2026-12-15\n",
    );
    let run = journeymap(
        dir.path(),
        &["--baseline", "baseline.json", "--quiet", "map.yaml"],
    );
    assert_eq!(run.status, Some(0));
    assert_eq!(
        run.stdout,
        "1 file checked: 1 passed, 0 failed; 0 errors, 0 warnings, 0 infos; 3 findings in the baseline not shown\n"
    );
}

#[test]
fn a_bad_or_missing_baseline_stops_the_run() {
    let dir = adopted();
    std::fs::write(dir.path().join("bad.json"), "{\"findings\": []}").expect("written");
    let run = journeymap(dir.path(), &["--baseline", "bad.json", "map.yaml"]);
    assert_eq!(run.status, Some(2));
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: baseline bad.json: not a journeymap baseline (missing field `version` at line 1 column 16); write one with --write-baseline\n"
    );

    let run = journeymap(dir.path(), &["--baseline", "nowhere.json", "map.yaml"]);
    assert_eq!(run.status, Some(2));
    assert_eq!(
        run.stderr,
        "error: cannot read baseline nowhere.json: no such file or directory\n"
    );
}

#[test]
fn writing_and_reading_a_baseline_at_once_is_a_usage_error() {
    let dir = adopted();
    let run = journeymap(
        dir.path(),
        &[
            "--baseline",
            "baseline.json",
            "--write-baseline",
            "b.json",
            "map.yaml",
        ],
    );
    assert_eq!(run.status, Some(2));
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
}
