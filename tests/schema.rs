//! The schema accepts every example and rejects every `tests/fixtures/schema`
//! case with exactly one `schema` finding, at the right place.
//!
//! Each schema fixture is FORMAT.md's complete example with ONE mistake, so
//! each must yield exactly one finding: more would be a cascade (one mistake
//! reported twice), which is a bug in journeymap, not in the fixture.

use std::path::{Path, PathBuf};

mod common;

use common::{options, render};
use journeymap::check::{FileReport, check_bytes};

fn crate_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn check_file(relative: &str) -> FileReport {
    let bytes = std::fs::read(crate_path(relative))
        .unwrap_or_else(|e| panic!("cannot read {relative}: {e}"));
    check_bytes(relative, &bytes, &options())
}

/// The `.yaml`/`.yml` files of a directory, sorted, as paths relative to the crate.
fn yaml_files(dir: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(crate_path(dir))
        .unwrap_or_else(|e| panic!("cannot list {dir}: {e}"))
        .map(|entry| entry.expect("a directory entry").file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".yaml") || name.ends_with(".yml"))
        .map(|name| format!("{dir}/{name}"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_example_passes_without_any_finding() {
    let examples = yaml_files("examples");
    assert!(!examples.is_empty(), "examples/ holds no map");
    for example in examples {
        let report = check_file(&example);
        assert!(
            report.diagnostics.is_empty(),
            "{example} must yield no finding, got:\n{}",
            render(&report.diagnostics)
        );
    }
}

/// One schema fixture: exactly one `schema` finding (nothing else), snapshotted.
fn schema_case(name: &str) {
    let relative = format!("tests/fixtures/schema/{name}.yaml");
    let report = check_file(&relative);
    let rendered = render(&report.diagnostics);
    // Snapshot first, so a wrong count still shows what was reported.
    insta::assert_snapshot!(name, rendered);
    assert!(
        !report.diagnostics.is_empty(),
        "{relative} must yield a schema finding, got none"
    );
    assert!(
        report.diagnostics.iter().all(|d| d.rule == "schema"),
        "{relative} must yield only schema findings, got:\n{rendered}"
    );
    assert_eq!(
        report.diagnostics.len(),
        1,
        "{relative} has one mistake and must yield exactly one finding, got:\n{rendered}"
    );
}

macro_rules! schema_cases {
    ($($test:ident => $name:literal,)*) => {
        /// Every fixture with a test; `every_schema_fixture_has_a_test` keeps it complete.
        const CASES: &[&str] = &[$($name),*];
        $(
            #[test]
            fn $test() {
                schema_case($name);
            }
        )*
    };
}

schema_cases! {
    missing_stage_touchpoints => "missing-stage-touchpoints",
    missing_title => "missing-title",
    unknown_key_did_you_mean => "unknown-key-did-you-mean",
    misspelt_required_key => "misspelt-required-key",
    uppercase_extension_key => "uppercase-extension-key",
    emotion_string => "emotion-string",
    emotion_too_high => "emotion-too-high",
    emotion_fraction => "emotion-fraction",
    emotion_alias => "emotion-alias",
    date_not_real => "date-not-real",
    date_not_iso => "date-not-iso",
    id_not_slug => "id-not-slug",
    reference_not_slug => "reference-not-slug",
    status_unknown => "status-unknown",
    currency_lowercase => "currency-lowercase",
    title_empty => "title-empty",
    null_value => "null-value",
    stages_mapping => "stages-mapping",
    stages_empty => "stages-empty",
    version_2 => "version-2",
    budget_negative => "budget-negative",
    people_negative => "people-negative",
    severity_zero => "severity-zero",
    effort_too_high => "effort-too-high",
    list_empty_string => "list-empty-string",
    custom_tag => "custom-tag",
    number_infinite => "number-infinite",
    integer_too_large => "integer-too-large",
    x_ignore_schema => "x-ignore-schema",
    x_ignore_unknown_rule => "x-ignore-unknown-rule",
    merge_key => "merge-key",
    score_yes => "score-yes",
}

#[test]
fn every_schema_fixture_has_a_test() {
    let on_disk: Vec<String> = yaml_files("tests/fixtures/schema")
        .into_iter()
        .map(|path| {
            let file = path.rsplit('/').next().unwrap_or_default();
            file.trim_end_matches(".yaml")
                .trim_end_matches(".yml")
                .to_owned()
        })
        .collect();
    let mut listed: Vec<String> = CASES.iter().map(|s| (*s).to_owned()).collect();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "tests/fixtures/schema and the cases in tests/schema.rs differ"
    );
}

#[test]
fn schema_file_is_a_valid_draft_2020_12_schema() {
    let text = std::fs::read_to_string(crate_path("schema/journey-map.schema.json"))
        .expect("schema/journey-map.schema.json is readable");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
    if let Err(error) = jsonschema::draft202012::meta::validate(&schema) {
        panic!("the schema violates the draft 2020-12 meta-schema: {error}");
    }
    if let Err(error) = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
    {
        panic!("the schema does not compile: {error}");
    }
}

#[test]
fn embedded_schema_is_the_shipped_file() {
    let text = std::fs::read_to_string(crate_path("schema/journey-map.schema.json"))
        .expect("schema/journey-map.schema.json is readable");
    assert!(
        journeymap::map::schema::SCHEMA_TEXT == text,
        "journeymap::map::schema::SCHEMA_TEXT differs from schema/journey-map.schema.json"
    );
}
