//! One failing and one passing map per rule, and the registry itself.
//!
//! `tests/fixtures/<rule-id>/fail.yaml` must trigger the rule (its findings are
//! snapshotted, so a change of position or wording is reviewed);
//! `pass.yaml` is the same map fixed and must yield nothing at all.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

mod common;

use common::{options, render};
use journeymap::check::{FileReport, check_bytes};
use journeymap::rules::{RULES, Rule};

fn fixture(rule: &str, which: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rule)
        .join(format!("{which}.yaml"))
}

fn check_fixture(rule: &str, which: &str) -> FileReport {
    let path = fixture(rule, which);
    let bytes =
        std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    check_bytes(
        &format!("tests/fixtures/{rule}/{which}.yaml"),
        &bytes,
        &options(),
    )
}

fn rules_with_check() -> impl Iterator<Item = &'static Rule> {
    RULES.iter().copied().filter(|rule| rule.check.is_some())
}

/// The fixture pair of one rule: pass.yaml is silent, fail.yaml is a
/// schema-valid map that triggers the rule, its findings snapshotted.
fn fixture_pair(rule_id: &str) {
    let rule = journeymap::rules::find(rule_id).expect("the rule is in the registry");
    assert!(rule.check.is_some(), "{rule_id} has no check");
    for which in ["fail", "pass"] {
        let path = fixture(rule_id, which);
        assert!(path.is_file(), "missing fixture {}", path.display());
    }

    let pass = check_fixture(rule_id, "pass");
    assert!(
        pass.diagnostics.is_empty(),
        "tests/fixtures/{rule_id}/pass.yaml must yield no finding, got:\n{}",
        render(&pass.diagnostics)
    );

    let fail = check_fixture(rule_id, "fail");
    let rendered = render(&fail.diagnostics);
    assert!(
        fail.diagnostics
            .iter()
            .all(|d| !matches!(d.rule, "schema" | "yaml-syntax")),
        "tests/fixtures/{rule_id}/fail.yaml must be a schema-valid map, got:\n{rendered}"
    );
    assert!(
        fail.diagnostics.iter().any(|d| d.rule == rule_id),
        "tests/fixtures/{rule_id}/fail.yaml must trigger {rule_id}, got:\n{rendered}"
    );
    insta::assert_snapshot!(rule_id, rendered);
}

/// One `#[test]` per rule, named after it, running its fixture pair; and
/// `TESTED`, the list the registry test compares with the registry.
macro_rules! fixture_pairs {
    ($($name:ident => $id:literal,)*) => {
        const TESTED: &[&str] = &[$($id),*];
        $(
            #[test]
            fn $name() {
                fixture_pair($id);
            }
        )*
    };
}

fixture_pairs! {
    duplicate_id => "duplicate-id",
    unknown_reference => "unknown-reference",
    touchpoint_stage_mismatch => "touchpoint-stage-mismatch",
    date_order => "date-order",
    empty_stage => "empty-stage",
    persona_incomplete => "persona-incomplete",
    missing_emotion => "missing-emotion",
    low_point_without_pain_point => "low-point-without-pain-point",
    unused_preferred_channel => "unused-preferred-channel",
    channel_not_preferred => "channel-not-preferred",
    missing_standard_stage => "missing-standard-stage",
    stage_without_metrics => "stage-without-metrics",
    no_feedback_loop => "no-feedback-loop",
    stale_map => "stale-map",
    unaddressed_pain_point => "unaddressed-pain-point",
    unaddressed_need => "unaddressed-need",
    unplanned_opportunity => "unplanned-opportunity",
    untraced_action => "untraced-action",
    missing_owner => "missing-owner",
    missing_due_date => "missing-due-date",
    pilot_without_success_criteria => "pilot-without-success-criteria",
    unscored_opportunity => "unscored-opportunity",
    unfunded_action => "unfunded-action",
}

/// The map every fixture starts from is complete: no rule finds anything in it.
#[test]
fn base_map_is_complete() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base.yaml");
    let bytes = std::fs::read(&path).expect("tests/fixtures/base.yaml exists");
    let report = check_bytes("tests/fixtures/base.yaml", &bytes, &options());
    assert!(
        report.diagnostics.is_empty(),
        "tests/fixtures/base.yaml must yield no finding, got:\n{}",
        render(&report.diagnostics)
    );
}

fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

#[test]
fn kebab_case_check_itself() {
    for good in ["schema", "yaml-syntax", "a1-b2-c3"] {
        assert!(is_kebab_case(good), "{good}");
    }
    for bad in ["", "-a", "a-", "a--b", "Schema", "a_b", "a b"] {
        assert!(!is_kebab_case(bad), "{bad:?}");
    }
}

#[test]
fn registry_is_consistent() {
    let mut seen = HashSet::new();
    for rule in RULES {
        assert!(seen.insert(rule.id), "rule id {} is listed twice", rule.id);
        assert!(
            is_kebab_case(rule.id),
            "rule id {:?} is not kebab-case",
            rule.id
        );
        assert!(
            !rule.summary.trim().is_empty(),
            "{} has no summary",
            rule.id
        );
        for section in [
            "## What it reports",
            "## Why it matters",
            "## How to fix",
            "## Example\n\n```yaml\n",
        ] {
            assert!(
                rule.docs.contains(section),
                "the docs of {} lack {section:?}",
                rule.id
            );
        }
        assert!(
            journeymap::rules::find(rule.id).is_some_and(|found| std::ptr::eq(found, *rule)),
            "find({}) does not return this rule",
            rule.id
        );
    }
    for rule in rules_with_check() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(rule.id);
        assert!(
            dir.is_dir(),
            "{} has no fixture directory {}",
            rule.id,
            dir.display()
        );
        assert!(
            TESTED.contains(&rule.id),
            "{} has a check but no fixture-pair test in tests/rules.rs",
            rule.id
        );
    }
    for id in TESTED {
        assert!(
            rules_with_check().any(|rule| rule.id == *id),
            "{id} is tested here but is not a rule with a check"
        );
    }
}

/// The ids in the first column of RULES.md's tables.
fn catalogue_ids(rules_md: &str) -> BTreeSet<String> {
    rules_md
        .lines()
        .filter_map(|line| line.strip_prefix('|'))
        .filter_map(|row| row.split('|').next())
        .flat_map(|cell| {
            cell.split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn registry_equals_rules_md() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/spec/RULES.md");
    let Ok(rules_md) = std::fs::read_to_string(&path) else {
        eprintln!(
            "notice: {} not found; skipping the RULES.md check (CI always has it)",
            path.display()
        );
        return;
    };
    let catalogue = catalogue_ids(&rules_md);
    assert!(
        catalogue.contains("yaml-syntax") && catalogue.contains("unfunded-action"),
        "could not read the rule tables of RULES.md: {catalogue:?}"
    );
    let registered: BTreeSet<String> = RULES.iter().map(|rule| rule.id.to_owned()).collect();
    assert_eq!(
        registered, catalogue,
        "the registry (left) and RULES.md's tables (right) must list the same rules"
    );
}
