//! definition, references, rename + prepareRename, completion, hover and
//! documentSymbol on one map.

use serde_json::{Value, json};

use crate::client::Client;
use crate::documents::{BASE, edited, find};

const DOCUMENT: &str = "file:///nowhere/navigation.yaml";

fn at(text: &str, needle: &str, after: u64) -> Value {
    let (line, character) = find(text, needle);
    json!({ "textDocument": { "uri": DOCUMENT }, "position": { "line": line, "character": character + after } })
}

fn opened(text: &str) -> Client {
    let mut client = Client::initialized(None);
    client.open(DOCUMENT, text);
    client.diagnostics(DOCUMENT);
    client
}

fn starts(locations: &Value) -> Vec<(u64, u64)> {
    let mut out: Vec<(u64, u64)> = locations
        .as_array()
        .expect("a list of locations")
        .iter()
        .map(|l| {
            (
                l["range"]["start"]["line"].as_u64().unwrap_or(0),
                l["range"]["start"]["character"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn definition_of_every_reference_kind() {
    let mut client = opened(BASE);
    // (reference as written, definition as written)
    let cases = [
        ("stage: decision, touchpoint", 8, "id: decision", 4),
        ("touchpoint: checkout", 13, "id: checkout", 4),
        ("addresses: [slot-full]", 13, "id: slot-full", 4),
        (
            "addresses: [substitution-picker]",
            13,
            "id: substitution-picker",
            4,
        ),
        ("delivers: [waitlist-pilot]", 12, "id: waitlist-pilot", 4),
        (
            "action: substitutes-at-checkout",
            9,
            "id: substitutes-at-checkout",
            4,
        ),
    ];
    for (reference, after, definition, into) in cases {
        let result = client.request("textDocument/definition", at(BASE, reference, after));
        let (line, character) = find(BASE, definition);
        assert_eq!(result["uri"], DOCUMENT, "{reference}");
        assert_eq!(
            result["range"]["start"],
            json!({ "line": line, "character": character + into }),
            "{reference}"
        );
    }
    // Not on an id: no definition.
    let nothing = client.request("textDocument/definition", at(BASE, "Evening slots", 2));
    assert_eq!(nothing, json!(null));
}

#[test]
fn references_from_a_definition_and_from_a_reference() {
    let mut client = opened(BASE);
    let mut params = at(BASE, "id: waitlist-pilot", 6);
    params["context"] = json!({ "includeDeclaration": true });
    let all = client.request("textDocument/references", params.clone());
    let expected = vec![
        find(BASE, "waitlist-pilot\n"),
        (
            find(BASE, "delivers: [waitlist-pilot]").0,
            find(BASE, "delivers: [waitlist-pilot]").1 + 11,
        ),
        (
            find(BASE, "action: waitlist-pilot").0,
            find(BASE, "action: waitlist-pilot").1 + 8,
        ),
    ];
    let mut expected = expected;
    expected.sort();
    assert_eq!(starts(&all), expected);
    let mut from_reference = at(BASE, "delivers: [waitlist-pilot]", 13);
    from_reference["context"] = json!({ "includeDeclaration": false });
    let uses = client.request("textDocument/references", from_reference);
    assert_eq!(starts(&uses).len(), 2);
}

#[test]
fn rename_changes_the_definition_and_every_reference() {
    let mut client = opened(BASE);
    let prepared = client.request(
        "textDocument/prepareRename",
        at(BASE, "addresses: [slot-full]", 14),
    );
    assert_eq!(prepared["placeholder"], "slot-full");
    let mut params = at(BASE, "addresses: [slot-full]", 14);
    params["newName"] = json!("evening-slots");
    let edit = client.request("textDocument/rename", params);
    let edits = edit["changes"][DOCUMENT].as_array().expect("edits").clone();
    // Apply the edits, last first, and check the result is clean.
    let mut text = BASE.to_owned();
    let mut sorted = edits.clone();
    sorted.sort_by_key(|e| {
        std::cmp::Reverse((
            e["range"]["start"]["line"].as_u64(),
            e["range"]["start"]["character"].as_u64(),
        ))
    });
    for e in &sorted {
        let line = e["range"]["start"]["line"].as_u64().unwrap_or(0) as usize;
        let start = e["range"]["start"]["character"].as_u64().unwrap_or(0) as usize;
        let end = e["range"]["end"]["character"].as_u64().unwrap_or(0) as usize;
        let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        text.replace_range(
            line_start + start..line_start + end,
            e["newText"].as_str().unwrap_or(""),
        );
    }
    assert_eq!(edits.len(), 2, "{edits:#?}");
    assert_eq!(text.matches("evening-slots").count(), 2);
    assert!(!text.contains("slot-full"));

    // Refused: not a slug, taken, not an id.
    for (name, reason) in [("Evening Slots", "not an id"), ("checkout", "is taken")] {
        let mut params = at(BASE, "addresses: [slot-full]", 14);
        params["newName"] = json!(name);
        let response = client.call("textDocument/rename", params);
        assert_eq!(response["error"]["code"], -32803, "{response}");
        assert!(
            response["error"]["message"]
                .as_str()
                .unwrap_or("")
                .contains(reason),
            "{response}"
        );
    }
    let response = client.call("textDocument/prepareRename", at(BASE, "Evening slots", 2));
    assert_eq!(response["error"]["code"], -32803, "{response}");
}

fn labels(result: &Value) -> Vec<String> {
    result
        .as_array()
        .or_else(|| result["items"].as_array())
        .expect("completion items")
        .iter()
        .map(|item| {
            assert!(
                item["detail"].is_string(),
                "every item has a detail: {item}"
            );
            item["label"].as_str().unwrap_or("").to_owned()
        })
        .collect()
}

#[test]
fn completion_of_ids_keys_enum_values_and_rule_ids() {
    let text = edited(
        "      due: 2026-12-15\n",
        "      due: 2026-12-15\n      status: \n      x-ignore: [miss]\n      \n",
    );
    let mut client = opened(&text);
    let status = labels(&client.request("textDocument/completion", at(&text, "status: \n", 8)));
    assert_eq!(status, ["planned", "in-progress", "done", "dropped"]);
    let rules = labels(&client.request("textDocument/completion", at(&text, "[miss]", 5)));
    assert!(rules.contains(&"missing-owner".to_owned()), "{rules:?}");
    let keys = labels(&client.request(
        "textDocument/completion",
        at(&text, "      \n      success", 6),
    ));
    assert!(
        keys.contains(&"scope".to_owned()) && !keys.contains(&"owner".to_owned()),
        "{keys:?}"
    );
    let ids = labels(&client.request(
        "textDocument/completion",
        at(&text, "addresses: [slot-waitlist]", 12),
    ));
    assert_eq!(
        ids,
        [
            "slot-full",
            "substitutions",
            "slot-waitlist",
            "substitution-picker"
        ]
    );
    let touchpoints = labels(&client.request(
        "textDocument/completion",
        at(&text, "touchpoint: checkout", 12),
    ));
    assert_eq!(
        touchpoints,
        ["checkout"],
        "the touchpoints of the pain point's stage"
    );
}

#[test]
fn hover_on_ids_keys_rules_and_diagnostics() {
    let text = edited(
        "    emotion: 2\n",
        "    emotion: 2\n    x-ignore: [missing-emotion]\n    emotoin: 3\n",
    );
    let mut client = opened(&text);
    let hover = |client: &mut Client, needle: &str, after: u64| -> String {
        let result = client.request("textDocument/hover", at(&text, needle, after));
        result["contents"]["value"]
            .as_str()
            .unwrap_or("")
            .to_owned()
    };
    let id = hover(&mut client, "touchpoint: checkout", 13);
    assert!(
        id.starts_with("**touchpoint** `checkout`") && id.contains("Checkout page"),
        "{id}"
    );
    assert!(hover(&mut client, "severity: 4", 2).contains("severity"));
    assert!(hover(&mut client, "[missing-emotion]", 3).starts_with("**missing-emotion**"));
    let diagnostic = hover(&mut client, "emotoin", 2);
    assert!(diagnostic.contains("**schema**"), "{diagnostic}");
}

#[test]
fn document_symbols_outline_the_map() {
    let mut client = opened(BASE);
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": DOCUMENT } }),
    );
    let names: Vec<&str> = symbols
        .as_array()
        .expect("symbols")
        .iter()
        .map(|s| s["name"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        names,
        [
            "Maya, busy parent",
            "stages",
            "pain points",
            "unmet needs",
            "innovations",
            "efficiencies",
            "initiatives",
            "pilots",
            "milestones"
        ]
    );
    let awareness = &symbols[1]["children"][0];
    assert_eq!(awareness["name"], "Awareness");
    assert_eq!(awareness["children"][0]["name"], "Instagram ad");
}
