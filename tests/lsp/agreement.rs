//! The server's diagnostics are `check`'s findings: for every fixture,
//! example and test map, the same (rule, line, column) set as
//! `journeymap check --format json`, in LSP positions (UTF-16 columns).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::client::{Client, uri};

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

/// An LSP position of `check`'s 1-based line and character column:
/// lines end at `\n`, `\r\n` or `\r`; the column counts UTF-16 units, a
/// BOM included (check does not count it).
fn lsp_position(text: &str, line: usize, column: usize) -> (u64, u64) {
    let mut lines = Vec::new();
    let mut rest = text;
    while let Some(end) = rest.find(['\n', '\r']) {
        lines.push(&rest[..end]);
        let skip = if rest[end..].starts_with("\r\n") {
            2
        } else {
            1
        };
        rest = &rest[end + skip..];
    }
    lines.push(rest);
    let content = lines.get(line - 1).copied().unwrap_or("");
    let (bom, content) = match content.strip_prefix('\u{FEFF}') {
        Some(after) if line == 1 => (1, after),
        _ => (0, content),
    };
    let units: usize = content.chars().take(column - 1).map(char::len_utf16).sum();
    ((line - 1) as u64, (bom + units) as u64)
}

/// Whether the server takes the file for a map or a persona file.
fn is_map_by_content(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start_matches('\u{FEFF}');
        [
            "stages",
            "kind",
            "\"stages\"",
            "'stages'",
            "\"kind\"",
            "'kind'",
        ]
        .iter()
        .any(|key| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
    })
}

#[test]
fn the_server_publishes_what_check_reports_for_every_map() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    yaml_files(&root.join("tests/fixtures"), &mut files);
    yaml_files(&root.join("examples"), &mut files);
    yaml_files(&root.join("tests/cli"), &mut files);
    let suite = root.join("../shared/data/yaml-test-suite");
    if suite.is_dir() {
        yaml_files(&suite, &mut files);
    } else {
        println!(
            "note: {} is absent; its files are not compared",
            suite.display()
        );
    }
    // A configuration is not a map (its problems are tested apart).
    files.retain(|path| !path.ends_with(".journeymap.yaml"));
    files.sort();
    assert!(files.len() > 80, "the fixtures are found: {}", files.len());

    // One `check` for every file; its findings by file.
    let output = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(["check", "--no-config", "--format", "json"])
        .args(&files)
        .output()
        .expect("check runs");
    let report: Value = serde_json::from_slice(&output.stdout).expect("check writes JSON");
    let mut findings: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for d in report["diagnostics"]
        .as_array()
        .expect("a list of diagnostics")
    {
        let file = d["file"].as_str().expect("a file").to_owned();
        findings.entry(file).or_default().push(d.clone());
    }

    let mut client = Client::start_in(Some(root), &["--no-config"]);
    client.request("initialize", serde_json::json!({ "capabilities": {} }));
    client.notify("initialized", serde_json::json!({}));
    let mut compared = 0;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue; // not UTF-8: an editor would not send these bytes
        };
        let of_file = findings.get(&*path.to_string_lossy());
        let expected: BTreeSet<(String, u64, u64)> = if is_map_by_content(&text) {
            of_file
                .into_iter()
                .flatten()
                .map(|d| {
                    let line = d["line"].as_u64().expect("a line") as usize;
                    let column = d["column"].as_u64().expect("a column") as usize;
                    let (line, character) = lsp_position(&text, line, column);
                    (d["rule"].as_str().unwrap_or("").to_owned(), line, character)
                })
                .collect()
        } else {
            BTreeSet::new()
        };
        let document = uri(path);
        client.open(&document, &text);
        let published: BTreeSet<(String, u64, u64)> = client
            .diagnostics(&document)
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap_or("").to_owned(),
                    d["range"]["start"]["line"].as_u64().unwrap_or(u64::MAX),
                    d["range"]["start"]["character"]
                        .as_u64()
                        .unwrap_or(u64::MAX),
                )
            })
            .collect();
        assert_eq!(published, expected, "{}", path.display());
        client.notify(
            "textDocument/didClose",
            serde_json::json!({ "textDocument": { "uri": document } }),
        );
        let cleared = client.diagnostics(&document);
        assert!(cleared.is_empty(), "closing clears {}", path.display());
        compared += usize::from(!expected.is_empty());
    }
    assert!(compared > 50, "maps with findings compared: {compared}");
}
