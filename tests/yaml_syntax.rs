//! YAML mistakes in plain words, at the place to edit.
//!
//! `tests/fixtures/yaml-syntax/<kind>.yaml` holds one mistake of each kind
//! people make (a tab, a key out of line, `: ` or ` #` in a value, an
//! unclosed quote or bracket, a list item at the wrong level, a duplicate
//! key, a stray character, …); each is snapshotted as `check` prints it —
//! message, position, snippet with its caret, help — so that a change of
//! wording or place is reviewed.
//!
//! And every error case of the official YAML test suite
//! (`../shared/data/yaml-test-suite`, read in place) gets a `yaml-syntax`
//! finding inside the file, without a panic.

use std::path::{Path, PathBuf};

mod common;

use common::{options, render};
use journeymap::check::check_bytes;
use journeymap::report::{self, Report};

fn crate_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// What `journeymap check --color never FILE` prints for these bytes.
fn text_report(path: &str, bytes: &[u8]) -> String {
    let file = check_bytes(path, bytes, &options());
    report::text::render(
        &Report::new(vec![file], false),
        report::text::TextOptions {
            color: false,
            quiet: false,
        },
    )
}

#[test]
fn every_kind_of_mistake_in_plain_words() {
    let dir = crate_path("tests/fixtures/yaml-syntax");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter_map(|name| name.strip_suffix(".yaml").map(str::to_owned))
        .collect();
    names.sort();
    assert!(names.len() >= 20, "fixtures found: {names:?}");
    for name in names {
        let relative = format!("tests/fixtures/yaml-syntax/{name}.yaml");
        let bytes = std::fs::read(crate_path(&relative)).expect("a fixture");
        let report = check_bytes(&relative, &bytes, &options());
        let findings = render(&report.diagnostics);
        assert!(
            report.diagnostics.len() == 1 && report.diagnostics[0].rule == "yaml-syntax",
            "{relative} must yield exactly one yaml-syntax finding, got:\n{findings}"
        );
        // No second position; and only `unclassified` keeps libyaml's words.
        assert!(!findings.contains(" at line "), "{relative}: {findings}");
        assert_eq!(
            findings.contains(", while "),
            name == "unclassified",
            "{relative}: {findings}"
        );
        insta::assert_snapshot!(name.as_str(), text_report(&relative, &bytes));
    }
}

/// The test suite's cases: each folder (or sub-folder, for cases with
/// variants) holding `in.yaml`, with an `error` file when it is not YAML.
fn suite_error_cases(root: &Path) -> Vec<PathBuf> {
    let mut cases = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            // `tags/` links back to the cases by topic.
            if path.is_dir() && path.file_name().is_some_and(|n| n != "tags") {
                pending.push(path);
            }
        }
        if dir.join("error").is_file() && dir.join("in.yaml").is_file() {
            cases.push(dir);
        }
    }
    cases.sort();
    cases
}

#[test]
fn every_error_of_the_yaml_test_suite_is_a_located_yaml_syntax_finding() {
    let root = crate_path("../shared/data/yaml-test-suite");
    if !root.is_dir() {
        let on_ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
        assert!(!on_ci, "{} is absent, and CI must not skip", root.display());
        eprintln!("notice: {} is absent; skipped", root.display());
        return;
    }
    let cases = suite_error_cases(&root);
    assert!(cases.len() > 80, "error cases found: {}", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case
            .strip_prefix(&root)
            .unwrap_or(case)
            .display()
            .to_string();
        let bytes = std::fs::read(case.join("in.yaml")).expect("readable");
        let outcome = std::panic::catch_unwind(|| check_bytes("in.yaml", &bytes, &options()));
        let Ok(report) = outcome else {
            failures.push(format!("{name}: panicked"));
            continue;
        };
        let text = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
        let lines: Vec<&str> = text.split('\n').collect();
        let syntax: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.rule == "yaml-syntax")
            .collect();
        if syntax.is_empty() {
            failures.push(format!(
                "{name}: no yaml-syntax finding, got:\n{}",
                render(&report.diagnostics)
            ));
        }
        for d in syntax {
            let width = lines.get(d.line.wrapping_sub(1)).map(|l| l.chars().count());
            match width {
                Some(width) if d.column >= 1 && d.column <= width + 1 => {}
                _ => failures.push(format!(
                    "{name}: {}:{} is outside the file ({} lines): {}",
                    d.line,
                    d.column,
                    lines.len(),
                    d.message
                )),
            }
            if d.message.contains(" at line ") || d.message.contains(" at position ") {
                failures.push(format!("{name}: a second position in {:?}", d.message));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
