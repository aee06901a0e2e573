//! The main loop: messages in order, each request's work isolated, checks
//! debounced and run on rayon's pool.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender, select};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    HoverProviderCapability, InitializeResult, OneOf, PositionEncodingKind, RenameOptions,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, WorkDoneProgressOptions,
};
use serde_json::Value;

use super::Options;
use super::configs::Configs;
use super::diagnostics::Outcome;
use super::documents::Document;
use super::text::Encoding;
use super::transport::Outgoing;

/// How long after the last change a check starts: typing a word costs one
/// check, not one per key.
pub const DEBOUNCE: Duration = Duration::from_millis(40);

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
    phase: Phase,
    pub(super) encoding: Encoding,
    /// Open documents by URI.
    pub(super) documents: HashMap<String, Document>,
    pub(super) configs: Configs,
    /// Documents to check, and when (the end of their debounce).
    pub(super) due: HashMap<String, Instant>,
    /// Documents with a check running (at most one each).
    pub(super) running: HashMap<String, i32>,
    /// Where running checks send what they found.
    outcomes: (Sender<Outcome>, Receiver<Outcome>),
    /// Configuration files whose problems are shown, by URI.
    pub(super) config_diagnostics: HashMap<String, usize>,
}

impl Server {
    pub fn new(out: Sender<Outgoing>, options: Options) -> Server {
        Server {
            out,
            phase: Phase::Starting,
            encoding: Encoding::Utf16,
            documents: HashMap::new(),
            configs: Configs::new(options),
            due: HashMap::new(),
            running: HashMap::new(),
            outcomes: crossbeam_channel::unbounded(),
            config_diagnostics: HashMap::new(),
        }
    }

    /// Handles messages until `exit` or the end of the input; the exit status.
    pub fn run(mut self, incoming: &Receiver<Message>) -> u8 {
        let outcomes = self.outcomes.1.clone();
        loop {
            let timeout = self
                .due
                .values()
                .min()
                .map_or(Duration::from_secs(3600), |due| {
                    due.saturating_duration_since(Instant::now())
                });
            select! {
                recv(incoming) -> message => match message {
                    Ok(Message::Request(request)) => self.on_request(request),
                    Ok(Message::Notification(notification)) if notification.method == "exit" => {
                        return if self.phase == Phase::ShutDown { 0 } else { 1 };
                    }
                    Ok(Message::Notification(notification)) => self.on_notification(notification),
                    // The server sends no requests that need an answer.
                    Ok(Message::Response(_)) => {}
                    Err(_) => return 0,
                },
                recv(outcomes) -> outcome => {
                    if let Ok(outcome) = outcome {
                        self.on_outcome(outcome);
                    }
                }
                default(timeout) => {}
            }
            self.start_due_checks();
        }
    }

    pub(super) fn send(&self, message: impl Into<Message>) {
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
            (Phase::Running, method) => {
                let method = method.to_owned();
                self.request(&method, request.params).unwrap_or_else(|| {
                    Err(Failure::new(
                        ErrorCode::MethodNotFound,
                        format!("journeymap lsp does not handle `{method}`"),
                    ))
                })
            }
        }
    }

    /// Where checks send their outcome.
    pub(super) fn outcome_sender(&self) -> Sender<Outcome> {
        self.outcomes.0.clone()
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

    /// A message in the client's log (`window/logMessage`).
    pub(super) fn log(&self, message: &str) {
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
            definition_provider: Some(OneOf::Left(true)),
            references_provider: Some(OneOf::Left(true)),
            rename_provider: Some(OneOf::Right(RenameOptions {
                prepare_provider: Some(true),
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some([":", " ", "[", ",", "-"].map(str::to_owned).to_vec()),
                ..CompletionOptions::default()
            }),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            document_symbol_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..CodeActionOptions::default()
            })),
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
