//! `journeymap init`: the template it writes, what it refuses to overwrite,
//! and that the template shows every key of the format and passes `check`
//! without a single finding.

use std::path::Path;

use assert_cmd::Command;
use journeymap::check::{CheckOptions, check_bytes};
use journeymap::init::{TEMPLATE, TEMPLATE_UPDATED, template};
use serde_json::Value;

struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

fn journeymap(dir: &Path, args: &[&str]) -> Run {
    let output = Command::cargo_bin("journeymap")
        .expect("binary built")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("journeymap runs");
    Run {
        status: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn date(text: &str) -> jiff::civil::Date {
    text.parse().expect("a YYYY-MM-DD date")
}

/// The `updated` date written in a map.
fn updated(map: &str) -> String {
    map.lines()
        .find_map(|line| line.strip_prefix("updated: "))
        .and_then(|rest| rest.get(..10))
        .expect("an `updated:` line")
        .to_owned()
}

#[test]
fn writes_the_template_and_it_passes_check_with_no_finding() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let run = journeymap(dir.path(), &["init"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert_eq!(
        run.stdout,
        "wrote journey-map.yaml; check it with `journeymap check journey-map.yaml`\n"
    );
    let written = std::fs::read_to_string(dir.path().join("journey-map.yaml")).expect("written");
    assert!(written.starts_with("# yaml-language-server: $schema="));

    let today = updated(&written);
    let run = journeymap(
        dir.path(),
        &[
            "check",
            "--today",
            &today,
            "--deny-warnings",
            "journey-map.yaml",
        ],
    );
    assert_eq!(run.status, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stdout,
        "1 file checked: 1 passed, 0 failed; 0 errors, 0 warnings, 0 infos\n"
    );
}

#[test]
fn writes_the_file_it_is_given() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let run = journeymap(dir.path(), &["init", "custom.yaml"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "wrote custom.yaml; check it with `journeymap check custom.yaml`\n"
    );
    assert!(dir.path().join("custom.yaml").is_file());
    assert!(!dir.path().join("journey-map.yaml").exists());
}

#[test]
fn refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("journey-map.yaml");
    assert_eq!(journeymap(dir.path(), &["init"]).status, 0);
    let mine = b"title: my own work, not the template\n";
    std::fs::write(&file, mine).expect("written");

    let run = journeymap(dir.path(), &["init"]);
    assert_eq!(run.status, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: journey-map.yaml already exists; use --force to overwrite it\n"
    );
    assert_eq!(std::fs::read(&file).expect("still there"), mine);

    let run = journeymap(dir.path(), &["init", "--force"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let written = std::fs::read_to_string(&file).expect("overwritten");
    assert_ne!(written.as_bytes(), mine);
    assert!(written.starts_with("# yaml-language-server: $schema="));
}

#[test]
fn modeline_names_the_schema_by_its_id() {
    let schema: Value = serde_json::from_str(journeymap::map::schema::SCHEMA_TEXT).expect("JSON");
    let id = schema["$id"].as_str().expect("the schema has an $id");
    assert!(
        id.starts_with("https://"),
        "an absolute URL works wherever the map is written"
    );
    let first = TEMPLATE.lines().next().expect("a first line");
    assert_eq!(first, format!("# yaml-language-server: $schema={id}"));
}

/// Checks the template reviewed on `updated`, as of `today`.
fn findings(updated: &str, today: &str) -> Vec<String> {
    let text = template(date(updated));
    let report = check_bytes(
        "journey-map.yaml",
        text.as_bytes(),
        &CheckOptions::new(date(today)),
    );
    report
        .diagnostics
        .iter()
        .map(|d| format!("{}:{} [{}] {}", d.line, d.column, d.rule, d.message))
        .collect()
}

#[test]
fn template_is_fresh_for_180_days_from_the_day_it_is_written() {
    assert_eq!(template(date(TEMPLATE_UPDATED)), TEMPLATE);
    assert_eq!(
        TEMPLATE
            .matches(&format!("updated: {TEMPLATE_UPDATED}"))
            .count(),
        1
    );

    let written = template(date("2031-02-03"));
    assert_eq!(updated(&written), "2031-02-03");
    assert_eq!(written.replace("2031-02-03", TEMPLATE_UPDATED), TEMPLATE);

    assert_eq!(findings("2031-02-03", "2031-02-03"), Vec::<String>::new());
    assert_eq!(findings("2031-02-03", "2031-08-02"), Vec::<String>::new());
    let stale = findings("2031-02-03", "2031-08-03");
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert!(stale[0].contains("[stale-map]"), "{stale:?}");
}

/// Every key the schema defines, with where it is defined, found by walking
/// the schema and the template together: each property of each object must
/// be a key of at least one object of that kind in the template.
#[test]
fn template_shows_every_key_of_the_schema() {
    let schema: Value = serde_json::from_str(journeymap::map::schema::SCHEMA_TEXT).expect("JSON");
    let map: Value = serde_yaml::from_str(TEMPLATE).expect("the template is YAML");

    let mut seen = std::collections::BTreeMap::<String, bool>::new();
    walk(&schema, &schema, &[&map], "", &mut seen);
    let missing: Vec<&String> = seen
        .iter()
        .filter(|(key, shown)| !**shown && !key.ends_with("/x-ignore"))
        .map(|(key, _)| key)
        .collect();
    assert!(
        missing.is_empty(),
        "keys the template does not show: {missing:?}"
    );

    // Every $defs object was reached, so no part of the format is left out.
    let defs = schema["$defs"].as_object().expect("$defs");
    for (name, def) in defs {
        if def.get("properties").is_some() {
            assert!(
                seen.keys().any(|key| key.starts_with(&format!("#{name}/"))),
                "$defs/{name} is not reached from the template"
            );
        }
    }

    // And, as text: each property name appears as `name:`. `x-ignore` would
    // silence rules, so the template shows it in a comment only.
    for key in seen.keys() {
        let name = key.rsplit('/').next().expect("a key name");
        assert!(
            TEMPLATE.contains(&format!("{name}:")),
            "`{name}:` is not in the template"
        );
    }
    assert!(TEMPLATE.contains("#   x-ignore: ["));
}

/// Walks `node` (a schema) over `values` (the template's objects of that
/// kind), recording for each `#def/key` (or `/path/key` outside `$defs`)
/// whether some value has it.
fn walk(
    root: &Value,
    node: &Value,
    values: &[&Value],
    at: &str,
    seen: &mut std::collections::BTreeMap<String, bool>,
) {
    if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/$defs/");
        let def = &root["$defs"][name];
        // A def is recorded under its own name, wherever it is used.
        walk(root, def, values, &format!("#{name}"), seen);
    }
    if let Some(properties) = node.get("properties").and_then(Value::as_object) {
        for (key, property) in properties {
            let shown = values.iter().any(|v| v.get(key).is_some());
            let entry = seen.entry(format!("{at}/{key}")).or_insert(false);
            *entry |= shown;
            let inner: Vec<&Value> = values.iter().filter_map(|v| v.get(key)).collect();
            walk(root, property, &inner, &format!("{at}/{key}"), seen);
        }
    }
    if let Some(items) = node.get("items") {
        let inner: Vec<&Value> = values
            .iter()
            .filter_map(|v| v.as_array())
            .flatten()
            .collect();
        walk(root, items, &inner, at, seen);
    }
}
