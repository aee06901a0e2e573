//! `didOpen`, `didChange`, `didClose`, `didSave` and `publishDiagnostics`.

use serde_json::{Value, json};

use crate::client::{Client, uri};

pub const BASE: &str = include_str!("../fixtures/base.yaml");

/// The base map with one edit.
pub fn edited(from: &str, to: &str) -> String {
    assert_eq!(BASE.matches(from).count(), 1, "{from:?} occurs once");
    BASE.replacen(from, to, 1)
}

/// Line (from 0) and UTF-16 column of the first occurrence of `needle`.
pub fn find(text: &str, needle: &str) -> (u64, u64) {
    let at = text.find(needle).expect("the needle is in the text");
    let line = text[..at].matches('\n').count();
    let start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    (line as u64, text[start..at].encode_utf16().count() as u64)
}

fn start(d: &Value) -> (u64, u64) {
    (
        d["range"]["start"]["line"].as_u64().expect("a line"),
        d["range"]["start"]["character"]
            .as_u64()
            .expect("a character"),
    )
}

fn end(d: &Value) -> (u64, u64) {
    (
        d["range"]["end"]["line"].as_u64().expect("a line"),
        d["range"]["end"]["character"]
            .as_u64()
            .expect("a character"),
    )
}

fn change(client: &mut Client, document: &str, version: i32, changes: Value) {
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": document, "version": version }, "contentChanges": changes }),
    );
}

#[test]
fn ranges_cover_the_value_the_key_or_the_first_line() {
    let mut client = Client::initialized(None);
    let text = edited("    emotion: 2\n", "    emotion: \"2\"\n    emotoin: 2\n").replacen(
        "  - id: retention\n    name: Retention\n",
        "  - id: retention\n",
        1,
    );
    let document = "file:///nowhere/ranges.yaml";
    client.open(document, &text);
    let diagnostics = client.diagnostics(document);
    let by_start = |needle: &str| {
        let at = find(&text, needle);
        diagnostics
            .iter()
            .find(|d| start(d) == at)
            .unwrap_or_else(|| panic!("a diagnostic at {needle:?}: {diagnostics:#?}"))
            .clone()
    };
    let quoted = by_start("\"2\"");
    assert_eq!(quoted["code"], "schema");
    assert_eq!(quoted["severity"], 1);
    assert_eq!(quoted["source"], "journeymap");
    assert_eq!(end(&quoted).1 - start(&quoted).1, 3, "the quoted scalar");
    let key = by_start("emotoin");
    assert_eq!(end(&key).1 - start(&key).1, 7, "the key");
    assert!(
        key["message"]
            .as_str()
            .unwrap_or("")
            .contains("did you mean \"emotion\"?")
    );
    let object = by_start("id: retention");
    assert_eq!(
        end(&object),
        (start(&object).0, start(&object).1 + 13),
        "the first line"
    );
}

#[test]
fn related_information_points_at_the_first_definition() {
    let mut client = Client::initialized(None);
    let text = edited("{ id: referral,", "{ id: insta-ad,");
    let document = "file:///nowhere/duplicate.yaml";
    client.open(document, &text);
    let diagnostics = client.diagnostics(document);
    let duplicate = diagnostics
        .iter()
        .find(|d| d["code"] == "duplicate-id")
        .expect("a duplicate-id finding");
    let related = &duplicate["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], document);
    assert_eq!(start(&related["location"]), find(&text, "insta-ad"));
    assert_eq!(related["message"], "first defined here");
}

#[test]
fn incremental_changes_are_checked_and_closing_clears() {
    let mut client = Client::initialized(None);
    let document = "file:///nowhere/typing.yaml";
    client.open(document, BASE);
    assert_eq!(client.diagnostics(document), Vec::<Value>::new());
    // Type "9" over the emotion 2, one change.
    let (line, character) = find(BASE, "emotion: 2");
    let range = json!({ "start": { "line": line, "character": character + 9 },
                        "end": { "line": line, "character": character + 10 } });
    change(
        &mut client,
        document,
        2,
        json!([{ "range": range, "text": "9" }]),
    );
    let diagnostics = client.diagnostics(document);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(start(&diagnostics[0]), (line, character + 9));
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": document } }),
    );
    assert_eq!(client.diagnostics(document).len(), 1);
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": document } }),
    );
    assert!(client.diagnostics(document).is_empty());
}

#[test]
fn a_flood_of_changes_ends_with_the_diagnostics_of_the_last() {
    let mut client = Client::initialized(None);
    let document = "file:///nowhere/flood.yaml";
    client.open(document, BASE);
    client.diagnostics(document);
    // 300 whole-text changes in a row: odd ones break the map, the last is fine
    // but for one misspelt key.
    for version in 2..=301 {
        let text = if version == 301 {
            edited(
                "  - id: awareness\n    name:",
                "  - id: awareness\n    nmae:",
            )
        } else if version % 2 == 1 {
            format!("{BASE}\n\t: [")
        } else {
            BASE.to_owned()
        };
        change(&mut client, document, version, json!([{ "text": text }]));
    }
    let last = client.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 301
    });
    let codes: Vec<&Value> = last["params"]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| &d["code"])
        .collect();
    assert_eq!(codes, [&json!("schema")], "{last}");
    // Debounced: far fewer checks than changes were published.
    let published = client
        .seen
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .count();
    assert!(published < 50, "{published} publications for 300 changes");
    assert!(client.alive());
}

#[test]
fn files_that_are_not_maps_get_no_diagnostics() {
    let mut client = Client::initialized(None);
    let workflow = "file:///nowhere/.github/workflows/ci.yaml";
    client.open(
        workflow,
        "name: ci\non: [push]\njobs: {build: {runs-on: x}}\n",
    );
    assert!(client.diagnostics(workflow).is_empty());
    let binary = "file:///nowhere/binary.yaml";
    client.open(binary, "\u{0}\u{1}\u{2}stages\u{0}");
    assert!(client.diagnostics(binary).is_empty());
    let broken = "file:///nowhere/broken.yaml";
    client.open(broken, "title: x\nstages: [\n");
    let diagnostics = client.diagnostics(broken);
    assert_eq!(diagnostics[0]["code"], "yaml-syntax", "{diagnostics:#?}");
}

#[test]
fn a_bad_configuration_is_a_diagnostic_on_it_and_maps_use_the_defaults() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let config = dir.path().join(".journeymap.yaml");
    std::fs::write(&config, "rules:\n  stale-mpa: off\n").expect("written");
    let map = dir.path().join("map.yaml");
    let text = edited("updated: 2026-10-01\n", "");
    std::fs::write(&map, &text).expect("written");
    let mut client = Client::initialized(Some(dir.path()));
    client.open(&uri(&map), &text);
    let problems = client.diagnostics(&uri(&config));
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(start(&problems[0]), (1, 2));
    assert!(
        problems[0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("did you mean \"stale-map\"?")
    );
    // The defaults: stale-map reports the missing `updated`.
    let codes = |diagnostics: Vec<Value>| -> Vec<String> {
        diagnostics
            .iter()
            .map(|d| d["code"].as_str().unwrap_or("").to_owned())
            .collect()
    };
    assert_eq!(codes(client.diagnostics(&uri(&map))), ["stale-map"]);

    // Fixed on disk and announced: the problem goes, the rule is off.
    std::fs::write(&config, "rules:\n  stale-map: off\n").expect("written");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&config), "type": 2 }] }),
    );
    assert!(client.diagnostics(&uri(&config)).is_empty());
    assert!(codes(client.diagnostics(&uri(&map))).is_empty());

    // Broken in the editor, not saved: the editor's text counts.
    client.open(&uri(&config), "rules: [\n");
    let problems = client.diagnostics(&uri(&config));
    assert!(
        problems[0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("invalid YAML")
    );
    assert_eq!(codes(client.diagnostics(&uri(&map))), ["stale-map"]);
    assert!(client.alive());
}
