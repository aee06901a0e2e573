//! `codeAction`: quick fixes for findings whose fix is certain, and
//! `x-ignore` for any finding a rule makes; `check --format json` shows
//! the same fixes.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use crate::client::{Client, apply_edits};
use crate::documents::{BASE, edited, find};

const DOCUMENT: &str = "file:///nowhere/fixes.yaml";

/// The quick fixes offered at `needle`: (title, the text once applied).
fn fixes(text: &str, needle: &str) -> Vec<(String, String)> {
    let mut client = Client::initialized(None);
    client.open(DOCUMENT, text);
    client.diagnostics(DOCUMENT);
    let (line, character) = find(text, needle);
    let position = json!({ "line": line, "character": character });
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": DOCUMENT }, "range": { "start": position, "end": position },
                "context": { "diagnostics": [] } }),
    );
    actions
        .as_array()
        .expect("a list of actions")
        .iter()
        .map(|action| {
            assert_eq!(action["kind"], "quickfix");
            let edits = action["edit"]["changes"][DOCUMENT]
                .as_array()
                .cloned()
                .unwrap_or_default();
            (
                action["title"].as_str().unwrap_or("").to_owned(),
                apply_edits(text, &edits),
            )
        })
        .collect()
}

/// The text after the fix whose title starts with `title`.
fn after(text: &str, needle: &str, title: &str) -> String {
    let offered = fixes(text, needle);
    offered
        .iter()
        .find(|(t, _)| t.starts_with(title))
        .unwrap_or_else(|| panic!("a fix {title:?} at {needle:?}: {offered:#?}"))
        .1
        .clone()
}

#[test]
fn a_misspelt_key_is_renamed_to_the_suggestion() {
    let text = edited("    emotion: 2\n", "    emotoin: 2\n");
    assert_eq!(after(&text, "emotoin", "rename emotoin to emotion"), BASE);
}

#[test]
fn quotes_around_a_number_are_removed() {
    let text = edited("severity: 4", "severity: \"4\"");
    assert_eq!(after(&text, "\"4\"", "remove the quotes around 4"), BASE);
}

#[test]
fn a_bad_enum_value_is_replaced_by_the_suggestion() {
    let text = edited(
        "      due: 2026-12-15\n",
        "      due: 2026-12-15\n      status: plannd\n",
    );
    let fixed = after(&text, "plannd", "replace plannd by planned");
    assert_eq!(
        fixed,
        edited(
            "      due: 2026-12-15\n",
            "      due: 2026-12-15\n      status: planned\n"
        )
    );
}

#[test]
fn a_missing_required_key_is_added_with_a_todo() {
    let text = edited("    name: Awareness\n", "");
    let fixed = after(&text, "id: awareness", "add `name: TODO`");
    assert_eq!(
        fixed,
        edited(
            "  - id: awareness\n    name: Awareness\n",
            "  - name: TODO\n    id: awareness\n"
        )
    );
}

#[test]
fn any_rule_finding_can_be_silenced_with_x_ignore() {
    let text = edited("      owner: Delivery squad\n", "");
    let fixed = after(
        &text,
        "id: waitlist-pilot",
        "add `x-ignore: [missing-owner]`",
    );
    let mut client = Client::initialized(None);
    client.open(DOCUMENT, &fixed);
    assert!(client.diagnostics(DOCUMENT).is_empty(), "{fixed}");
    // A schema finding cannot be silenced: no x-ignore offered.
    let broken = edited("severity: 4", "severity: 9");
    assert!(
        fixes(&broken, "9 }")
            .iter()
            .all(|(title, _)| !title.contains("x-ignore"))
    );
}

#[test]
fn check_format_json_shows_the_fix_as_byte_edits() {
    let text = format!("\u{FEFF}{}", edited("    emotion: 2\n", "    emotoin: 2\n"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(["check", "--no-config", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("check runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("written");
    let output = child.wait_with_output().expect("check ends");
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let fix = &report["diagnostics"][0]["fix"];
    assert_eq!(fix["title"], "rename emotoin to emotion", "{report}");
    let edit = &fix["edits"][0];
    let (start, end) = (
        edit["start"].as_u64().unwrap_or(0) as usize,
        edit["end"].as_u64().unwrap_or(0) as usize,
    );
    // Byte offsets of the file as read, BOM included.
    assert_eq!(&text[start..end], "emotoin");
    let mut fixed = text.clone();
    fixed.replace_range(start..end, edit["text"].as_str().unwrap_or(""));
    assert_eq!(fixed, format!("\u{FEFF}{BASE}"));
}
