//! `initialize`, `shutdown`, `exit`, and the end of the input.

use serde_json::json;

use crate::client::Client;

#[test]
fn initialize_gives_the_version_and_utf16_by_default() {
    let (_client, result) = Client::initialized_with(None, json!({}));
    assert_eq!(result["serverInfo"]["name"], "journeymap");
    assert_eq!(result["serverInfo"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(
        result["capabilities"]["textDocumentSync"]["change"], 2,
        "incremental"
    );
}

#[test]
fn utf8_is_chosen_when_the_client_offers_it() {
    let capabilities = json!({ "general": { "positionEncodings": ["utf-8", "utf-16"] } });
    let (_client, result) = Client::initialized_with(None, capabilities);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
}

#[test]
fn requests_before_initialize_are_refused() {
    let mut client = Client::start_in(None, &[]);
    let response = client.call("textDocument/hover", json!({}));
    assert_eq!(response["error"]["code"], -32002, "{response}");
    let result = client.request("initialize", json!({ "capabilities": {} }));
    assert_eq!(result["serverInfo"]["name"], "journeymap");
}

#[test]
fn shutdown_then_exit_ends_with_status_0() {
    let mut client = Client::initialized(None);
    assert_eq!(client.request("shutdown", json!(null)), json!(null));
    let response = client.call("textDocument/hover", json!({}));
    assert_eq!(response["error"]["code"], -32600, "{response}");
    client.notify("exit", json!(null));
    assert_eq!(client.wait_exit(), Some(0));
}

#[test]
fn exit_without_shutdown_ends_with_status_1() {
    let mut client = Client::initialized(None);
    client.notify("exit", json!(null));
    assert_eq!(client.wait_exit(), Some(1));
}

#[test]
fn the_server_exits_when_its_input_closes() {
    let mut client = Client::initialized(None);
    assert_eq!(client.close_input(), Some(0));
}

#[test]
fn unknown_methods_get_method_not_found_and_the_server_runs_on() {
    let mut client = Client::initialized(None);
    let response = client.call("journeymap/nothing", json!({}));
    assert_eq!(response["error"]["code"], -32601, "{response}");
    // An unknown notification is ignored.
    client.notify("journeymap/nothing", json!({}));
    assert_eq!(client.request("shutdown", json!(null)), json!(null));
}
