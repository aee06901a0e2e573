//! Messages in and out over byte streams: LSP's base protocol.
//!
//! lsp-server's own stdio transport ends its reader thread at the first
//! message that is not valid JSON-RPC, which ends the server, and sizes its
//! buffer from `Content-Length` before reading (a bogus length aborts the
//! process). EDITOR.md asks for an error response instead and a server that
//! runs on, so the reader here frames messages itself — a header block,
//! then exactly `Content-Length` bytes, read as they come — and leaves the
//! JSON-RPC messages (`Message`, `Request`, `Response`) to lsp-server.

use std::io::{BufRead, Read, Write};

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{ErrorCode, Message, RequestId, Response};
use serde_json::Value;

/// What the writer thread sends: a message, or an error response whose id
/// could not be read (JSON-RPC's `"id": null`, which lsp-server cannot hold).
#[derive(Debug)]
pub enum Outgoing {
    Message(Message),
    Unidentified(ErrorCode, String),
    /// Everything before this is written: the writer stops.
    End,
}

/// The largest message read: a map of several hundred MiB is not typed in
/// an editor, and a larger `Content-Length` is noise.
const MAX_CONTENT_LENGTH: u64 = 512 * 1024 * 1024;

/// Reads framed messages from `input` until it ends, passing each to
/// `incoming`; a frame that is not a JSON-RPC message is answered on
/// `outgoing` with an error, and reading goes on.
pub fn read(mut input: impl BufRead, incoming: &Sender<Message>, outgoing: &Sender<Outgoing>) {
    loop {
        let length = match read_header(&mut input) {
            Header::End => return,
            Header::Length(length) => length,
            Header::Bad(problem) => {
                let _ = outgoing.send(Outgoing::Unidentified(ErrorCode::ParseError, problem));
                continue;
            }
        };
        let mut body = Vec::new();
        match (&mut input).take(length).read_to_end(&mut body) {
            Ok(read) if read as u64 == length => {}
            // The stream ended inside a message: the client is gone.
            _ => return,
        }
        match parse(&body) {
            Ok(message) => {
                let is_exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if incoming.send(message).is_err() || is_exit {
                    return;
                }
            }
            Err(Rejected {
                id: Some(id),
                code,
                message,
            }) => {
                let response = Response::new_err(id, code as i32, message);
                let _ = outgoing.send(Outgoing::Message(response.into()));
            }
            Err(Rejected {
                id: None,
                code,
                message,
            }) => {
                let _ = outgoing.send(Outgoing::Unidentified(code, message));
            }
        }
    }
}

enum Header {
    Length(u64),
    Bad(String),
    End,
}

/// Reads header lines up to the blank line that ends them.
fn read_header(input: &mut impl BufRead) -> Header {
    let mut length = None;
    let mut problem = None;
    let mut seen_any = false;
    loop {
        let mut line = Vec::new();
        // A header line is short; one without an end is not a header.
        match input.take(64 * 1024).read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return Header::End,
            Ok(_) => {}
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if !seen_any {
                continue; // stray blank lines between messages
            }
            break;
        }
        seen_any = true;
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<u64>() {
                    Ok(n) if n <= MAX_CONTENT_LENGTH => length = Some(n),
                    Ok(n) => {
                        problem = Some(format!(
                            "Content-Length {n} is larger than the {MAX_CONTENT_LENGTH} bytes a message may have"
                        ))
                    }
                    Err(_) => {
                        problem = Some(format!(
                            "Content-Length is not a number: {:?}",
                            value.trim()
                        ))
                    }
                }
            }
            Some(_) => {} // Content-Type and other headers
            None => problem = Some(format!("malformed header line: {text:?}")),
        }
    }
    match (problem, length) {
        (Some(problem), _) => Header::Bad(problem),
        (None, Some(length)) => Header::Length(length),
        (None, None) => Header::Bad("a message without a Content-Length header".to_owned()),
    }
}

struct Rejected {
    id: Option<RequestId>,
    code: ErrorCode,
    message: String,
}

/// A message body as JSON-RPC, or why not.
fn parse(body: &[u8]) -> Result<Message, Rejected> {
    let reject = |id, code, message: String| Rejected { id, code, message };
    let value: Value = serde_json::from_slice(body)
        .map_err(|error| reject(None, ErrorCode::ParseError, format!("not JSON: {error}")))?;
    let id = value
        .get("id")
        .and_then(|id| serde_json::from_value::<RequestId>(id.clone()).ok());
    if value.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return Err(reject(
            id,
            ErrorCode::InvalidRequest,
            "not a JSON-RPC 2.0 message (\"jsonrpc\": \"2.0\" is missing)".to_owned(),
        ));
    }
    serde_json::from_value(value).map_err(|error| {
        reject(
            id,
            ErrorCode::InvalidRequest,
            format!("not a JSON-RPC request, response or notification: {error}"),
        )
    })
}

/// Writes every outgoing message to `output` until [`Outgoing::End`], the
/// channel closes, or the output fails (the client is gone).
pub fn write(mut output: impl Write, outgoing: &Receiver<Outgoing>) {
    for message in outgoing {
        let written = match message {
            Outgoing::End => return,
            Outgoing::Message(message) => message.write(&mut output),
            Outgoing::Unidentified(code, message) => {
                let body = serde_json::json!({
                    "jsonrpc": "2.0",
                    "id": null,
                    "error": { "code": code as i32, "message": message },
                });
                write!(
                    output,
                    "Content-Length: {}\r\n\r\n{body}",
                    body.to_string().len()
                )
                .and_then(|()| output.flush())
            }
        };
        if written.is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> (Vec<Message>, Vec<Outgoing>) {
        let (incoming, from_reader) = crossbeam_channel::unbounded();
        let (outgoing, replies) = crossbeam_channel::unbounded();
        read(input, &incoming, &outgoing);
        drop((incoming, outgoing));
        (from_reader.iter().collect(), replies.iter().collect())
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn bad_frames_are_answered_and_reading_goes_on() {
        let good = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let input = [
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","id":7,"method":12}"#),
            frame(r#"{"id":8,"method":"x"}"#),
            "Content-Length: 99999999999999999999\r\n\r\n".to_owned(),
            "Content-Length: lots\r\n\r\n".to_owned(),
            "Content-Type: x\r\n\r\n".to_owned(),
            frame(good),
        ]
        .concat();
        let (messages, replies) = frames(input.as_bytes());
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(matches!(&messages[0], Message::Request(r) if r.method == "shutdown"));
        let described: Vec<String> = replies
            .iter()
            .map(|reply| match reply {
                Outgoing::Message(Message::Response(r)) => {
                    format!(
                        "{} {}",
                        r.id,
                        r.response_result.as_ref().err().map_or(0, |e| e.code)
                    )
                }
                Outgoing::Unidentified(code, _) => format!("null {}", *code as i32),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(
            described,
            [
                "null -32700",
                "7 -32600",
                "8 -32600",
                "null -32700",
                "null -32700",
                "null -32700"
            ]
        );
    }

    #[test]
    fn a_huge_length_is_not_allocated_up_front() {
        // The stream ends long before 400 MiB: reading stops, nothing is sent.
        let (messages, replies) = frames(b"Content-Length: 419430400\r\n\r\n{}");
        assert!(messages.is_empty() && replies.is_empty());
    }

    #[test]
    fn reading_stops_after_exit() {
        let input = [
            frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
            frame(r#"{"jsonrpc":"2.0","method":"later"}"#),
        ]
        .concat();
        let (messages, _) = frames(input.as_bytes());
        assert_eq!(messages.len(), 1);
    }
}
