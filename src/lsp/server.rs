//! The main loop: messages in order, each request's work isolated.

use std::panic::{AssertUnwindSafe, catch_unwind};

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    InitializeResult, PositionEncodingKind, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions,
};
use serde_json::Value;

use super::Options;
use super::text::Encoding;
use super::transport::Outgoing;

/// Why a request got no result: its JSON-RPC error.
#[derive(Debug)]
pub struct Failure {
    pub code: ErrorCode,
    pub message: String,
}

impl Failure {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Failure {
        Failure {
            code,
            message: message.into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Before `initialize`: requests get `ServerNotInitialized`.
    Starting,
    Running,
    /// After `shutdown`: requests get `InvalidRequest`, until `exit`.
    ShutDown,
}

pub struct Server {
    out: Sender<Outgoing>,
    #[allow(dead_code)] // read by the documents' configuration (next step)
    options: Options,
    phase: Phase,
    encoding: Encoding,
}

impl Server {
    pub fn new(out: Sender<Outgoing>, options: Options) -> Server {
        Server {
            out,
            options,
            phase: Phase::Starting,
            encoding: Encoding::Utf16,
        }
    }

    /// Handles messages until `exit` or the end of the input; the exit status.
    pub fn run(mut self, incoming: &Receiver<Message>) -> u8 {
        for message in incoming {
            match message {
                Message::Request(request) => self.on_request(request),
                Message::Notification(notification) if notification.method == "exit" => {
                    return if self.phase == Phase::ShutDown { 0 } else { 1 };
                }
                Message::Notification(notification) => self.on_notification(notification),
                // The server sends no requests yet: a response answers nothing.
                Message::Response(_) => {}
            }
        }
        0
    }

    fn send(&self, message: impl Into<Message>) {
        let _ = self.out.send(Outgoing::Message(message.into()));
    }

    fn on_request(&mut self, request: Request) {
        let id = request.id.clone();
        let method = request.method.clone();
        // A bug in one handler is an error response, never the end of the server.
        let outcome = catch_unwind(AssertUnwindSafe(|| self.answer(request)));
        let response = match outcome {
            Ok(Ok(result)) => Response::new_ok(id, result),
            Ok(Err(failure)) => Response::new_err(id, failure.code as i32, failure.message),
            Err(_) => internal_error(id, &method),
        };
        self.send(response);
    }

    fn answer(&mut self, request: Request) -> Result<Value, Failure> {
        match (self.phase, request.method.as_str()) {
            (Phase::Starting, "initialize") => self.initialize(&request.params),
            (Phase::Starting, _) => Err(Failure::new(
                ErrorCode::ServerNotInitialized,
                "the server is not initialized: send `initialize` first",
            )),
            (_, "initialize") => Err(Failure::new(
                ErrorCode::InvalidRequest,
                "the server is initialized already",
            )),
            (Phase::ShutDown, _) => Err(Failure::new(
                ErrorCode::InvalidRequest,
                "the server is shut down: only `exit` is accepted",
            )),
            (Phase::Running, "shutdown") => {
                self.phase = Phase::ShutDown;
                Ok(Value::Null)
            }
            (Phase::Running, method) => Err(Failure::new(
                ErrorCode::MethodNotFound,
                format!("journeymap lsp does not handle `{method}`"),
            )),
        }
    }

    fn on_notification(&mut self, notification: Notification) {
        if self.phase != Phase::Running {
            return;
        }
        let method = notification.method.clone();
        if catch_unwind(AssertUnwindSafe(|| self.notified(notification))).is_err() {
            self.log(&format!("internal error while handling `{method}`"));
        }
    }

    fn notified(&mut self, _notification: Notification) {}

    /// A message in the client's log (`window/logMessage`).
    fn log(&self, message: &str) {
        let params = lsp_types::LogMessageParams {
            typ: lsp_types::MessageType::ERROR,
            message: format!("journeymap: {message}"),
        };
        self.send(Notification::new("window/logMessage".to_owned(), params));
    }

    fn initialize(&mut self, params: &Value) -> Result<Value, Failure> {
        // Read leniently: a client that leaves out what it does not support
        // still gets a server.
        let offered = params
            .pointer("/capabilities/general/positionEncodings")
            .and_then(Value::as_array);
        if offered.is_some_and(|kinds| kinds.iter().any(|kind| kind.as_str() == Some("utf-8"))) {
            self.encoding = Encoding::Utf8;
        }
        self.phase = Phase::Running;
        let result = InitializeResult {
            capabilities: self.capabilities(),
            server_info: Some(ServerInfo {
                name: "journeymap".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
        };
        serde_json::to_value(result)
            .map_err(|error| Failure::new(ErrorCode::InternalError, error.to_string()))
    }

    fn capabilities(&self) -> ServerCapabilities {
        let encoding = match self.encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        };
        ServerCapabilities {
            position_encoding: Some(encoding),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            ..ServerCapabilities::default()
        }
    }
}

fn internal_error(id: RequestId, method: &str) -> Response {
    Response::new_err(
        id,
        ErrorCode::InternalError as i32,
        format!(
            "internal error while answering `{method}`: this is a bug in journeymap; please report it"
        ),
    )
}
