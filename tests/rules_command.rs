//! `journeymap rules` and `journeymap explain` cover the whole registry.

use assert_cmd::Command;
use journeymap::rules::RULES;

fn journeymap(args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::cargo_bin("journeymap")
        .expect("binary built")
        .args(args)
        .output()
        .expect("journeymap runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn rules_json_lists_every_rule_in_catalogue_order() {
    let (status, stdout, stderr) = journeymap(&["rules", "--format", "json"]);
    assert_eq!((status, stderr.as_str()), (Some(0), ""));
    let value: serde_json::Value =
        serde_json::from_str(&stdout).expect("rules --format json is JSON");
    let listed = value["rules"].as_array().expect("a \"rules\" array");
    assert_eq!(listed.len(), RULES.len());
    for (entry, rule) in listed.iter().zip(RULES) {
        assert_eq!(entry["id"], rule.id);
        assert_eq!(entry["default_severity"], rule.default_severity.as_str());
        assert_eq!(entry["group"], rule.group.as_str());
        assert_eq!(entry["summary"], rule.summary);
        assert_eq!(entry["docs"], rule.docs);
    }
}

#[test]
fn rules_table_has_a_row_per_rule() {
    let (status, stdout, _) = journeymap(&["rules"]);
    assert_eq!(status, Some(0));
    for rule in RULES {
        let row = stdout
            .lines()
            .find(|line| line.split_whitespace().next() == Some(rule.id))
            .unwrap_or_else(|| panic!("no row for {}:\n{stdout}", rule.id));
        assert!(row.contains(rule.default_severity.as_str()), "{row}");
        assert!(row.ends_with(rule.summary), "{row}");
    }
}

#[test]
fn explain_works_for_every_rule() {
    for rule in RULES {
        let (status, stdout, stderr) = journeymap(&["explain", rule.id]);
        assert_eq!((status, stderr.as_str()), (Some(0), ""), "{}", rule.id);
        assert!(stdout.starts_with(&format!("# {}\n", rule.id)), "{stdout}");
        assert!(
            stdout.contains(&format!("Default severity: {}", rule.default_severity)),
            "{stdout}"
        );
        assert!(stdout.ends_with(rule.docs.trim_start()), "{stdout}");
    }
}
