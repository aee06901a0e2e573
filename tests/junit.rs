//! `check --format junit`: the bytes (snapshots), what an XML parser reads
//! back (counts, escaping), and validity against Jenkins' JUnit schema.

use std::collections::HashSet;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use serde_json::Value;

const FORMATS: &str = "tests/fixtures/formats/";

/// Runs `journeymap check --today 2026-11-23 --format FORMAT ARGS…` in `dir`
/// (the project root by default); returns the exit status and stdout.
fn check(dir: Option<&Path>, format: &str, args: &[&str]) -> (Option<i32>, String) {
    let mut command = Command::cargo_bin("journeymap").expect("binary built");
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let output = command
        .args(["check", "--today", "2026-11-23", "--format", format])
        .args(args)
        .output()
        .expect("journeymap runs");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    (output.status.code(), stdout)
}

/// The JUnit document and, for the same arguments, the JSON one to compare it with.
fn junit_and_json(dir: Option<&Path>, args: &[&str]) -> (String, Value) {
    let (status, xml) = check(dir, "junit", args);
    let (json_status, json) = check(dir, "json", args);
    assert_eq!(status, json_status, "same exit status as --format json");
    assert_eq!(status, Some(1), "failing maps exit 1:\n{xml}");
    let json = serde_json::from_str(&json).expect("JSON output parses");
    (xml, json)
}

#[test]
fn snapshot() {
    let (xml, json) = junit_and_json(None, &[FORMATS]);
    insta::assert_snapshot!("formats", xml);
    agrees_with_json(&xml, &json, false);
    validate(&xml);

    // The special characters of the info's message survive the round trip.
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let out = doc
        .descendants()
        .find(|n| n.has_tag_name("system-out") && n.text().is_some_and(|t| t.contains("<b>")))
        .and_then(|n| n.text())
        .expect("the info's system-out");
    assert!(
        out.contains(
            "uses channel \"SMS, \"text\" <b>&100%: é\", which is not among the persona's channels"
        ),
        "{out}"
    );
}

#[test]
fn snapshot_deny_warnings() {
    let (xml, json) = junit_and_json(None, &["--deny-warnings", FORMATS]);
    insta::assert_snapshot!("formats_deny_warnings", xml);
    agrees_with_json(&xml, &json, true);
    validate(&xml);
    // An error and two warnings in mixed.yaml, the syntax error in broken.yaml;
    // 25 rules on mixed.yaml, and on broken.yaml yaml-syntax and 24 skipped.
    assert!(
        xml.contains("<testsuites name=\"journeymap\" tests=\"50\" failures=\"4\" errors=\"0\">"),
        "{xml}"
    );
    assert!(
        xml.contains(
            "<testsuite name=\"tests/fixtures/formats/broken.yaml\" tests=\"25\" failures=\"1\" errors=\"0\" skipped=\"24\">"
        ),
        "{xml}"
    );
}

/// Paths and messages with every character XML, CSV-ish parsers or URLs
/// care about, and control characters XML 1.0 cannot hold at all.
#[test]
fn awkward_paths_and_control_characters() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let maps = dir.path().join("maps");
    fs::create_dir(&maps).expect("maps directory");
    let mixed = fs::read_to_string(Path::new(FORMATS).join("mixed.yaml")).expect("fixture");
    let awkward = "q1 100% \"a,b\" <&> é.yaml";
    fs::write(maps.join(awkward), &mixed).expect("map written");
    // YAML's `\a` and `\e` are BEL and ESC; the message quotes the channel.
    let channel = "\"SMS, \\\"text\\\" <b>&100%: é\"";
    assert!(mixed.contains(channel), "the fixture's channel");
    let control = mixed.replace(channel, "\"SMS \\a\\e[1m bold\\e[0m\"");
    fs::write(maps.join("control.yaml"), control).expect("map written");

    for args in [&["maps"][..], &["--deny-warnings", "maps"][..]] {
        let (xml, json) = junit_and_json(Some(dir.path()), args);
        let deny_warnings = args.contains(&"--deny-warnings");
        agrees_with_json(&xml, &json, deny_warnings);
        validate(&xml);

        let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
        let names: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("testsuite"))
            .filter_map(|n| n.attribute("name"))
            .collect();
        assert_eq!(
            names,
            ["maps/control.yaml", &format!("maps/{awkward}")],
            "{xml}"
        );
        let bel = doc
            .descendants()
            .filter_map(|n| n.text())
            .find(|t| t.contains("SMS "))
            .expect("the control map's channel");
        assert!(
            bel.contains("SMS \u{fffd}\u{fffd}[1m bold\u{fffd}[0m"),
            "{bel:?}"
        );
    }
}

/// Reads the document back and checks it against the JSON report of the same
/// run: a suite per file in order, a test case per rule with at most one
/// `<failure>`, every failing finding in a failure's text, every other one in
/// `<system-out>`, counts on every element equal to its children.
fn agrees_with_json(xml: &str, json: &Value, deny_warnings: bool) {
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
    assert!(xml.ends_with("</testsuites>\n"));
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let root = doc.root_element();
    assert!(root.has_tag_name("testsuites"));
    assert_eq!(root.attribute("name"), Some("journeymap"));

    let files: Vec<&str> = json["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["path"].as_str().expect("path"))
        .collect();
    let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    let names: Vec<&str> = suites
        .iter()
        .map(|s| s.attribute("name").unwrap_or(""))
        .collect();
    assert_eq!(names, files, "one suite per file, in order");

    let count = |node: roxmltree::Node, name: &str| -> usize {
        node.attribute(name)
            .unwrap_or_else(|| panic!("{name} on {node:?}"))
            .parse()
            .expect("a count")
    };
    let (mut tests, mut failures, mut listed_failing, mut listed_other) = (0, 0, 0, 0);
    for (suite, file) in suites.iter().zip(json["files"].as_array().expect("files")) {
        assert!(suite.has_tag_name("testsuite"));
        let cases: Vec<_> = suite.children().filter(|n| n.is_element()).collect();
        let failed = cases
            .iter()
            .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
            .count();
        assert_eq!(count(*suite, "tests"), cases.len());
        assert_eq!(count(*suite, "failures"), failed);
        assert_eq!(count(*suite, "errors"), 0);
        // A rule the check never reached is a skipped test case; as many as
        // the JSON report's `rules_not_run` for the file.
        let skipped = cases
            .iter()
            .filter(|c| c.children().any(|n| n.has_tag_name("skipped")))
            .count();
        assert_eq!(count(*suite, "skipped"), skipped);
        assert_eq!(Some(skipped as u64), file["rules_not_run"].as_u64());
        tests += cases.len();
        failures += failed;

        let mut rules = HashSet::new();
        for case in &cases {
            assert!(case.has_tag_name("testcase"));
            assert_eq!(case.attribute("classname"), suite.attribute("name"));
            let rule = case.attribute("name").expect("a name");
            assert!(rules.insert(rule), "{rule} twice in one suite");
            let children: Vec<_> = case.children().filter(|n| n.is_element()).collect();
            let failures: Vec<_> = children
                .iter()
                .filter(|n| n.has_tag_name("failure"))
                .collect();
            assert!(failures.len() <= 1, "one <failure> per test case");
            for child in &children {
                let text = child.text().unwrap_or("");
                let findings = text.lines().filter(|l| !l.starts_with("help: ")).count();
                match child.tag_name().name() {
                    "failure" => listed_failing += findings,
                    "system-out" => listed_other += findings,
                    "skipped" => {
                        assert_eq!(children.len(), 1, "a skipped rule has no findings");
                        let message = child.attribute("message").unwrap_or_default();
                        assert!(message.starts_with("did not run because "), "{message}");
                    }
                    other => panic!("unexpected <{other}>"),
                }
            }
        }
    }
    assert_eq!(count(root, "tests"), tests);
    assert_eq!(count(root, "failures"), failures);
    assert_eq!(count(root, "errors"), 0);

    let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
    let mut failing = 0;
    for d in diagnostics {
        let s = |key: &str| {
            d[key]
                .as_str()
                .unwrap_or_else(|| panic!("{key}"))
                .to_owned()
        };
        let (file, rule, severity, message, help) =
            (s("file"), s("rule"), s("severity"), s("message"), s("help"));
        let position = format!("{file}:{}:{}", d["line"], d["column"]);
        let case = suites
            .iter()
            .find(|s| s.attribute("name") == Some(file.as_str()))
            .and_then(|s| {
                s.children()
                    .find(|c| c.attribute("name") == Some(rule.as_str()))
            })
            .unwrap_or_else(|| panic!("a test case for {position} {rule}"));
        let child = |name: &str| {
            case.children()
                .find(|n| n.has_tag_name(name))
                .unwrap_or_else(|| panic!("<{name}> for {position} {rule}"))
        };
        // XML 1.0 cannot hold control characters; they come back as U+FFFD.
        let readable = |text: &str| -> String {
            text.chars()
                .map(|c| {
                    if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{7f}'..='\u{9f}') {
                        '\u{fffd}'
                    } else {
                        c
                    }
                })
                .collect()
        };
        let fails = severity == "error" || (severity == "warning" && deny_warnings);
        if fails {
            failing += 1;
            let failure = child("failure");
            let text = failure.text().unwrap_or("");
            let expected = readable(&format!("{position}: {message}\nhelp: {help}"));
            assert!(text.contains(&expected), "{expected:?} in {text:?}");
            let message = readable(&message);
            let attribute = failure.attribute("message").unwrap_or("");
            assert!(
                attribute == message || attribute.starts_with(&format!("{message} (and ")),
                "{attribute:?} for {message:?}"
            );
            let severities = ["info", "warning", "error"];
            let rank = |s: &str| severities.iter().position(|x| *x == s).expect("a severity");
            assert!(rank(failure.attribute("type").unwrap_or("")) >= rank(&severity));
        } else {
            let text = child("system-out").text().unwrap_or("");
            let expected = readable(&format!(
                "{position}: {severity}[{rule}]: {message}\nhelp: {help}"
            ));
            assert!(text.contains(&expected), "{expected:?} in {text:?}");
        }
    }
    assert_eq!(listed_failing, failing, "every failing finding, once");
    assert_eq!(
        listed_other,
        diagnostics.len() - failing,
        "every other finding, once"
    );
    assert!(
        failing > 0 && failing < diagnostics.len(),
        "both kinds exercised"
    );
}

/// `xmllint --schema` with Jenkins' JUnit schema. Skipped with a notice when
/// the schema or xmllint is missing, except on CI (`CI` set), where it fails:
/// `.ci/run` installs xmllint.
fn validate(xml: &str) {
    let on_ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    let skip = |why: String| {
        assert!(!on_ci, "{why}, and CI must not skip the schema check");
        eprintln!("notice: {why}; skipping the JUnit schema check");
    };
    let xsd: PathBuf =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/junit-jenkins-10.xsd");
    if !xsd.is_file() {
        return skip(format!("{} is absent", xsd.display()));
    }
    let mut file = tempfile::NamedTempFile::new().expect("temporary file");
    std::io::Write::write_all(&mut file, xml.as_bytes()).expect("XML written");
    let output = match Process::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&xsd)
        .arg(file.path())
        .output()
    {
        Ok(output) => output,
        Err(error) if error.kind() == ErrorKind::NotFound => {
            return skip("xmllint is not installed (Debian: libxml2-utils)".to_owned());
        }
        Err(error) => panic!("xmllint: {error}"),
    };
    assert!(
        output.status.success(),
        "not valid against {}:\n{}\n{xml}",
        xsd.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}
