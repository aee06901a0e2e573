//! The benchmark corpus generator (`benches/corpus`): the same seed gives
//! the same bytes, clean maps are really clean, and every defect it plants
//! is reported by the rule the manifest names.

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn params(maps: usize, defects: f64, big_mib: u32) -> corpus::Params {
    corpus::Params {
        seed: 42,
        maps,
        defects,
        big_mib,
    }
}

/// Every file under `dir`, by relative path, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).expect("readable directory") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).expect("inside dir");
                let bytes = std::fs::read(&path).expect("readable file");
                out.insert(relative.to_string_lossy().into_owned(), bytes);
            }
        }
    }
    out
}

/// `(path, defect, rule)` per line of the manifest, after its header.
fn manifest(dir: &Path) -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(dir.join("manifest.tsv")).expect("manifest written");
    text.lines()
        .skip(1)
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 3, "manifest line {line:?}");
            (
                fields[0].to_owned(),
                fields[1].to_owned(),
                fields[2].to_owned(),
            )
        })
        .collect()
}

/// The rules reported per file by `journeymap check --format json`.
fn check(dir: &Path, paths: &[&str]) -> BTreeMap<String, BTreeSet<String>> {
    let output = Command::cargo_bin("journeymap")
        .expect("binary built")
        .current_dir(dir)
        .args([
            "check",
            "--no-config",
            "--today",
            corpus::TODAY,
            "--format",
            "json",
        ])
        .args(paths)
        .output()
        .expect("journeymap runs");
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "status {:?}: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).expect("one JSON document");
    let mut rules: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in report["files"].as_array().expect("files") {
        let path = file["path"].as_str().expect("path").to_owned();
        rules.entry(path).or_default();
    }
    for diagnostic in report["diagnostics"].as_array().expect("diagnostics") {
        let file = diagnostic["file"].as_str().expect("file").to_owned();
        let rule = diagnostic["rule"].as_str().expect("rule").to_owned();
        rules.entry(file).or_default().insert(rule);
    }
    rules
}

#[test]
fn same_seed_gives_the_same_bytes() {
    let first = tempfile::tempdir().expect("temp dir");
    let second = tempfile::tempdir().expect("temp dir");
    corpus::write_corpus(first.path(), &params(20, 0.1, 0)).expect("written");
    corpus::write_corpus(second.path(), &params(20, 0.1, 0)).expect("written");
    let (a, b) = (files(first.path()), files(second.path()));
    assert_eq!(a.len(), 21, "20 maps and the manifest: {:?}", a.keys());
    assert!(a == b, "two runs with seed 42 differ");
    for (path, bytes) in &a {
        if path.ends_with(".yaml") {
            assert!(
                (4096..=8192).contains(&bytes.len()),
                "{path} is {} bytes, not 4–8 KiB",
                bytes.len()
            );
        }
    }

    // Another seed, other maps.
    let third = tempfile::tempdir().expect("temp dir");
    let other = corpus::Params {
        seed: 43,
        ..params(20, 0.1, 0)
    };
    corpus::write_corpus(third.path(), &other).expect("written");
    let c = files(third.path());
    assert_ne!(a["maps/map-00001.yaml"], c["maps/map-00001.yaml"]);
}

#[test]
fn regenerating_replaces_the_previous_maps() {
    let dir = tempfile::tempdir().expect("temp dir");
    corpus::write_corpus(dir.path(), &params(12, 0.1, 0)).expect("written");
    corpus::write_corpus(dir.path(), &params(5, 0.1, 0)).expect("written");
    let maps = files(dir.path())
        .keys()
        .filter(|p| p.ends_with(".yaml"))
        .count();
    assert_eq!(maps, 5);
}

#[test]
fn clean_maps_pass_with_no_finding() {
    let dir = tempfile::tempdir().expect("temp dir");
    corpus::write_corpus(dir.path(), &params(20, 0.1, 1)).expect("written");
    let entries = manifest(dir.path());
    assert_eq!(entries.len(), 21, "20 maps and the big one");
    let clean: Vec<&str> = entries
        .iter()
        .filter(|(_, defect, _)| defect == "clean")
        .map(|(path, _, _)| path.as_str())
        .collect();
    assert!(clean.len() >= 15, "most maps are clean: {clean:?}");
    assert!(clean.contains(&"big/big-map.yaml"));
    let big = std::fs::metadata(dir.path().join("big/big-map.yaml")).expect("big map");
    assert!(
        (1_000_000..1_200_000).contains(&big.len()),
        "about 1 MiB: {}",
        big.len()
    );

    let found = check(dir.path(), &clean);
    assert_eq!(found.len(), clean.len());
    for (path, rules) in &found {
        assert!(rules.is_empty(), "{path} is clean but has {rules:?}");
    }
}

#[test]
fn every_planted_defect_is_reported_by_its_rule() {
    let dir = tempfile::tempdir().expect("temp dir");
    corpus::write_corpus(dir.path(), &params(60, 1.0, 0)).expect("written");
    let entries = manifest(dir.path());
    let kinds: BTreeSet<&str> = entries.iter().map(|(_, d, _)| d.as_str()).collect();
    assert_eq!(
        kinds,
        BTreeSet::from(["gap", "reference", "schema", "syntax"]),
        "60 maps get every kind of defect"
    );
    let found = check(dir.path(), &["maps"]);
    for (path, defect, rule) in &entries {
        let rules = &found[path];
        assert!(
            rules.contains(rule),
            "{path} has a {defect} defect, but {rule} is not among {rules:?}"
        );
    }
}

/// The loader's block-subset reader takes the generated maps (that is what
/// makes `check` fast) and reads each exactly as serde_yaml alone does;
/// the maps with a syntax defect go to serde_yaml and get its findings.
#[test]
fn generated_maps_load_as_serde_yaml_reads_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    corpus::write_corpus(dir.path(), &params(200, 0.3, 1)).expect("written");
    let mut taken = 0;
    for (path, defect, _) in manifest(dir.path()) {
        let bytes = std::fs::read(dir.path().join(&path)).expect("readable map");
        let fast = journeymap::map::load::load(&path, &bytes);
        let reference = journeymap::map::load::load_with_serde_yaml_only(&path, &bytes);
        let value = |loaded: &journeymap::map::load::Loaded| {
            loaded.document.as_ref().map(|d| d.value.clone())
        };
        assert_eq!(value(&fast), value(&reference), "{path}");
        assert_eq!(fast.findings, reference.findings, "{path}");
        let text = std::str::from_utf8(&bytes).expect("generated maps are UTF-8");
        let read = journeymap::map::load::block_subset::read(text);
        if defect == "syntax" {
            assert_eq!(read, None, "{path} has a syntax error: the reader declines");
        } else {
            assert!(read.is_some(), "{path} ({defect}) is plain block YAML");
            taken += 1;
        }
    }
    assert!(taken > 150, "{taken}");
}
