//! `check --format sarif`: the whole log, its validity against the official
//! OASIS schema, artifact URIs for awkward file names, fingerprints that
//! survive unrelated edits, and the rule list.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use journeymap::rules::RULES;
use serde_json::{Value, json};

const MIXED: &str = include_str!("fixtures/formats/mixed.yaml");

/// Runs `journeymap check --today 2026-11-23 --format sarif ARGS…` in `dir`
/// (the project root when `None`); the exit status and the parsed log.
fn sarif(dir: Option<&Path>, args: &[&str]) -> (Option<i32>, String, Value) {
    let mut command = Command::cargo_bin("journeymap").expect("binary built");
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let output = command
        .args(["check", "--today", "2026-11-23", "--format", "sarif"])
        .args(args)
        .output()
        .expect("journeymap runs");
    let text = String::from_utf8(output.stdout).expect("UTF-8 output");
    let log =
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("not JSON ({error}):\n{text}"));
    (output.status.code(), text, log)
}

/// The official SARIF 2.1.0 schema (draft-04), compiled so that formats are
/// checked; `None`, with a notice, when the shared data is not there.
fn validator() -> Option<jsonschema::Validator> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/sarif-schema-2.1.0.json");
    let Ok(text) = fs::read_to_string(&path) else {
        eprintln!(
            "notice: {} not found; skipping (CI always has it)",
            path.display()
        );
        return None;
    };
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        // Every format the schema uses must be checked, not waved through.
        .should_ignore_unknown_formats(false)
        // Draft 4 predates `uri-reference`, which `artifactLocation.uri` uses:
        // check it as RFC 3986 defines it.
        .with_format("uri-reference", |text: &str| {
            jsonschema::uri::from_str(text).is_ok()
        })
        .build(&schema)
        .expect("the schema compiles");
    Some(validator)
}

/// Panics with every schema violation of `log`.
fn assert_valid(validator: &jsonschema::Validator, log: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "not valid SARIF 2.1.0:\n{}",
        errors.join("\n")
    );
}

fn results(log: &Value) -> &Vec<Value> {
    log["runs"][0]["results"]
        .as_array()
        .expect("runs[0].results is an array")
}

fn uri(result: &Value) -> &str {
    result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .expect("an artifact URI")
}

/// `%XX` back to bytes, then UTF-8.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("ASCII hex");
            out.push(u8::from_str_radix(hex, 16).expect("two hex digits"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8 once decoded")
}

#[test]
fn whole_log_snapshot() {
    let (status, text, log) = sarif(None, &["--no-config", "tests/fixtures/formats/"]);
    assert_eq!(status, Some(1), "the fixtures hold errors");
    assert_eq!(
        log["runs"][0]["tool"]["driver"]["version"],
        env!("CARGO_PKG_VERSION")
    );
    assert!(
        text.ends_with("}\n") && !text.ends_with("\n\n"),
        "one final newline"
    );
    // The tool's version changes with every release; the rest must not.
    let driver =
        |version: &str| format!("\"name\": \"journeymap\",\n          \"version\": \"{version}\",");
    let redacted = text.replace(&driver(env!("CARGO_PKG_VERSION")), &driver("[VERSION]"));
    assert_ne!(
        redacted, text,
        "the driver's version is where the snapshot expects it"
    );
    insta::assert_snapshot!("formats", redacted);
}

#[test]
fn valid_against_the_oasis_schema() {
    let Some(validator) = validator() else { return };
    let (_, _, log) = sarif(None, &["--no-config", "tests/fixtures/formats/"]);
    assert_eq!(results(&log).len(), 5, "every finding is a result");
    assert_valid(&validator, &log);

    // The validator can fail: a raw space in a URI (format) and an unknown
    // level (structure) are rejected.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
        json!("maps/a b.yaml");
    assert!(!validator.is_valid(&broken), "a raw space must be rejected");
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = json!("info");
    assert!(!validator.is_valid(&broken), "`info` is not a SARIF level");
    let mut broken = log;
    broken["runs"][0]["tool"]["driver"]["informationUri"] = json!("not a uri");
    assert!(!validator.is_valid(&broken), "`uri` format must be checked");
}

#[test]
#[cfg_attr(
    windows,
    ignore = "`\"`, `<`, `>` and `:` cannot be in Windows file names"
)]
fn awkward_file_names_are_percent_encoded() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let name = "q1: 100% \"a,b\" <&> #1 é.yaml";
    fs::create_dir(dir.path().join("maps")).expect("maps/ created");
    fs::write(dir.path().join("maps").join(name), MIXED).expect("map written");
    // A colon in the first segment of a relative reference would read as a scheme.
    fs::write(dir.path().join("x:y.yaml"), MIXED).expect("map written");

    let (status, _, log) = sarif(Some(dir.path()), &["--no-config", "maps", "x:y.yaml"]);
    assert_eq!(status, Some(1));
    let uris: Vec<&str> = results(&log).iter().map(uri).collect();
    let encoded = "maps/q1%3A%20100%25%20%22a%2Cb%22%20%3C%26%3E%20%231%20%C3%A9.yaml";
    assert_eq!(uris.first(), Some(&encoded), "{uris:?}");
    assert_eq!(uris.last(), Some(&"x%3Ay.yaml"), "{uris:?}");
    for result in results(&log) {
        let location = &result["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(location["uriBaseId"], "%SRCROOT%");
    }
    // Decoded, each is the reported path; resolved, each stays under the base.
    assert_eq!(percent_decode(encoded), format!("maps/{name}"));
    let base = jsonschema::Uri::parse("file:///srcroot/").expect("a base URI");
    for uri in [encoded, "x%3Ay.yaml"] {
        let resolved = jsonschema::uri::resolve_against(&base, uri)
            .unwrap_or_else(|error| panic!("{uri} does not resolve: {error}"));
        assert_eq!(resolved.as_str(), format!("file:///srcroot/{uri}"));
    }

    if let Some(validator) = validator() {
        assert_valid(&validator, &log);
    }
}

/// `(ruleId, startLine, fingerprint)` of every result.
fn findings(log: &Value) -> Vec<(String, u64, String)> {
    let mut findings: Vec<_> = results(log)
        .iter()
        .map(|result| {
            (
                result["ruleId"].as_str().expect("a rule id").to_owned(),
                result["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .expect("a start line"),
                result["partialFingerprints"]["journeymap/v1"]
                    .as_str()
                    .expect("a fingerprint")
                    .to_owned(),
            )
        })
        .collect();
    findings.sort_by(|a, b| (&a.0, &a.2).cmp(&(&b.0, &b.2)));
    findings
}

fn check_map(map: &str) -> Vec<(String, u64, String)> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    fs::write(dir.path().join("map.yaml"), map).expect("map written");
    let (_, _, log) = sarif(Some(dir.path()), &["--no-config", "map.yaml"]);
    findings(&log)
}

fn replace_once(map: &str, from: &str, to: &str) -> String {
    assert_eq!(map.matches(from).count(), 1, "{from:?} occurs once");
    map.replacen(from, to, 1)
}

#[test]
fn fingerprints_survive_unrelated_edits() {
    let before = check_map(MIXED);
    assert_eq!(before.len(), 4, "{before:?}");

    // Two comment lines on top and a new first stage: every line moves, every
    // list index of a stage changes, no finding does.
    let edited = replace_once(
        &format!("# Reviewed in the Q3 workshop.\n# Owner: CX team.\n{MIXED}"),
        "stages:\n",
        "stages:\n  - id: discovery\n    name: Discovery\n    emotion: 3\n    touchpoints:\n      - { id: blog, name: Blog post, channel: social }\n    metrics:\n      - { name: visits, value: 10 }\n",
    );
    let after = check_map(&edited);
    let strip = |findings: &[(String, u64, String)]| {
        findings
            .iter()
            .map(|(rule, _, fingerprint)| (rule.clone(), fingerprint.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&after), strip(&before));
    for ((rule, line_before, _), (_, line_after, _)) in before.iter().zip(&after) {
        assert!(
            line_after > line_before,
            "{rule}: {line_before} → {line_after}"
        );
    }

    // What the message says changes the finding's identity: another channel.
    let edited = replace_once(
        MIXED,
        r#"channel: "SMS, \"text\" <b>&100%: é""#,
        "channel: fax",
    );
    let changed = check_map(&edited);
    assert_eq!(changed.len(), before.len());
    for ((rule, line, old), (_, new_line, new)) in before.iter().zip(&changed) {
        assert_eq!(line, new_line);
        if rule == "channel-not-preferred" {
            assert_ne!(old, new, "{rule}: the message changed");
        } else {
            assert_eq!(old, new, "{rule}: untouched");
        }
    }
}

#[test]
fn every_rule_is_listed_and_results_point_at_theirs() {
    let (_, _, log) = sarif(None, &["--no-config", "tests/fixtures/formats/"]);
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("driver.rules is an array");
    let ids: Vec<&str> = rules
        .iter()
        .map(|rule| rule["id"].as_str().unwrap_or(""))
        .collect();
    let expected: Vec<&str> = RULES.iter().map(|rule| rule.id).collect();
    assert_eq!(ids, expected);
    for (rule, descriptor) in RULES.iter().zip(rules) {
        assert_eq!(descriptor["shortDescription"]["text"], rule.summary);
        assert_eq!(descriptor["help"]["markdown"], rule.docs);
        assert_eq!(
            descriptor["properties"]["tags"],
            json!([rule.group.as_str()])
        );
        assert!(descriptor["defaultConfiguration"].get("enabled").is_none());
    }
    for result in results(&log) {
        let index = result["ruleIndex"].as_u64().expect("a rule index");
        let index = usize::try_from(index).expect("a small index");
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
}

#[test]
fn the_configuration_sets_levels_and_turns_rules_off() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    fs::write(dir.path().join("map.yaml"), MIXED).expect("map written");
    fs::write(
        dir.path().join("team.yaml"),
        "rules:\n  stale-map: error\n  channel-not-preferred: off\n",
    )
    .expect("configuration written");
    let (_, _, log) = sarif(Some(dir.path()), &["--config", "team.yaml", "map.yaml"]);
    let rules = &log["runs"][0]["tool"]["driver"]["rules"];
    let rule = |id: &str| {
        let index = RULES.iter().position(|rule| rule.id == id).expect("a rule");
        rules[index]["defaultConfiguration"].clone()
    };
    assert_eq!(rule("stale-map"), json!({ "level": "error" }));
    assert_eq!(
        rule("channel-not-preferred"),
        json!({ "enabled": false, "level": "note" })
    );
    assert_eq!(rule("missing-owner"), json!({ "level": "warning" }));
    let levels: Vec<(&str, &str)> = results(&log)
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap_or(""),
                r["level"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(levels.contains(&("stale-map", "error")), "{levels:?}");
    assert!(
        !levels
            .iter()
            .any(|(rule, _)| *rule == "channel-not-preferred"),
        "{levels:?}"
    );
    if let Some(validator) = validator() {
        assert_valid(&validator, &log);
    }
}
