//! Bad input from the client: an error response or nothing, never the end
//! of the server.

use serde_json::json;

use crate::client::Client;

#[test]
fn malformed_messages_get_errors_and_the_server_runs_on() {
    let mut client = Client::initialized(None);
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    let error = client.wait_for(|m| m["error"]["code"] == -32700);
    assert_eq!(error["id"], json!(null), "{error}");
    client.send(&json!({ "jsonrpc": "2.0", "id": 41, "method": 12 }));
    let error = client.response(&json!(41));
    assert_eq!(error["error"]["code"], -32600, "{error}");
    client.send_raw(b"Content-Length: many\r\n\r\n");
    client.send_raw(b"no header at all\r\n\r\n");
    client.send_raw(b"Content-Length: 99999999999999\r\n\r\n");
    let response = client.call("textDocument/hover", json!("not the params of hover"));
    assert!(response.get("error").is_some(), "{response}");
    assert!(client.alive());
    assert_eq!(client.request("shutdown", json!(null)), json!(null));
}
