//! Open documents: `didOpen`, `didChange`, `didClose`, `didSave`, watched
//! files, and the checks that keep their diagnostics current.

use std::cell::OnceCell;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use lsp_server::Notification;
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::{PublishDiagnosticsParams, Uri};
use serde::de::DeserializeOwned;

use crate::check::CheckOptions;
use crate::editor::Analysis;

use super::diagnostics::{Job, Outcome, range_at};
use super::server::{DEBOUNCE, Server};
use super::text::Text;
use super::uri;

/// A document the editor has open.
#[derive(Debug)]
pub struct Document {
    pub uri: Uri,
    pub path: Option<PathBuf>,
    pub version: i32,
    pub text: Text,
    /// The text's analysis, made once per version when something asks.
    analysis: OnceCell<Arc<Analysis>>,
    /// The diagnostics last published (hover shows their rules' docs).
    pub diagnostics: Vec<lsp_types::Diagnostic>,
}

impl Document {
    fn new(uri: Uri, version: i32, text: String) -> Document {
        Document {
            path: uri::to_path(uri.as_str()),
            uri,
            version,
            text: Text::new(text),
            analysis: OnceCell::new(),
            diagnostics: Vec::new(),
        }
    }

    /// The name findings and the workspace know the document by.
    pub fn display(&self) -> String {
        match &self.path {
            Some(path) => path.to_string_lossy().into_owned(),
            None => self.uri.as_str().to_owned(),
        }
    }

    pub fn analysis(&self) -> Arc<Analysis> {
        self.analysis
            .get_or_init(|| Arc::new(Analysis::new(&self.display(), self.text.as_str())))
            .clone()
    }
}

fn params<P: DeserializeOwned>(notification: Notification) -> Option<P> {
    serde_json::from_value(notification.params).ok()
}

impl Server {
    /// A notification from the client; ill-formed parameters are ignored
    /// (a notification has no answer to carry an error).
    pub(super) fn notified(&mut self, notification: Notification) {
        match notification.method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                if let Some(p) = params::<lsp_types::DidOpenTextDocumentParams>(notification) {
                    let document = p.text_document;
                    let key = document.uri.as_str().to_owned();
                    let opened = Document::new(document.uri, document.version, document.text);
                    self.documents.insert(key.clone(), opened);
                    self.changed(&key, Instant::now());
                }
            }
            note::DidChangeTextDocument::METHOD => {
                if let Some(p) = params::<lsp_types::DidChangeTextDocumentParams>(notification) {
                    let key = p.text_document.uri.as_str().to_owned();
                    let encoding = self.encoding;
                    if let Some(document) = self.documents.get_mut(&key) {
                        for change in &p.content_changes {
                            document.text.apply(change.range, &change.text, encoding);
                        }
                        document.version = p.text_document.version;
                        document.analysis = OnceCell::new();
                        self.changed(&key, Instant::now() + DEBOUNCE);
                    }
                }
            }
            note::DidCloseTextDocument::METHOD => {
                if let Some(p) = params::<lsp_types::DidCloseTextDocumentParams>(notification) {
                    let key = p.text_document.uri.as_str().to_owned();
                    if let Some(document) = self.documents.remove(&key) {
                        self.due.remove(&key);
                        let is_config = document
                            .path
                            .as_deref()
                            .is_some_and(|path| self.configs.is_config(path));
                        if is_config {
                            // Back to what the file on disk says.
                            self.configuration_changed();
                        } else {
                            self.publish(document.uri, Vec::new(), None);
                        }
                    }
                }
            }
            note::DidSaveTextDocument::METHOD => {
                if let Some(p) = params::<lsp_types::DidSaveTextDocumentParams>(notification) {
                    let key = p.text_document.uri.as_str().to_owned();
                    self.changed(&key, Instant::now());
                }
            }
            note::DidChangeWatchedFiles::METHOD => {
                if let Some(p) = params::<lsp_types::DidChangeWatchedFilesParams>(notification) {
                    let configuration = p.changes.iter().any(|change| {
                        uri::to_path(change.uri.as_str())
                            .is_some_and(|path| self.configs.is_config(&path))
                    });
                    if configuration {
                        self.configuration_changed();
                    }
                }
            }
            _ => {}
        }
    }

    /// A document's text changed: a configuration file is reread at once
    /// (it changes every document's check), a map is checked after `due`.
    fn changed(&mut self, key: &str, due: Instant) {
        let Some(document) = self.documents.get(key) else {
            return;
        };
        if document
            .path
            .as_deref()
            .is_some_and(|path| self.configs.is_config(path))
        {
            self.configuration_changed();
            return;
        }
        self.due.insert(key.to_owned(), due);
    }

    /// Rereads every configuration, shows its problems, and checks every
    /// open document again.
    fn configuration_changed(&mut self) {
        self.configs.forget();
        let now = Instant::now();
        let keys: Vec<String> = self.documents.keys().cloned().collect();
        for key in keys {
            let is_config = self.documents[&key]
                .path
                .as_deref()
                .is_some_and(|path| self.configs.is_config(path));
            if !is_config {
                self.due.insert(key, now);
            }
        }
        // Configuration files shown before and no longer wrong are cleared.
        let shown: Vec<String> = self.config_diagnostics.keys().cloned().collect();
        for key in shown {
            if let Some(path) = uri::to_path(&key) {
                self.show_configuration(&path);
            }
        }
        let open: Vec<PathBuf> = self
            .documents
            .values()
            .filter_map(|document| document.path.clone())
            .filter(|path| self.configs.is_config(path))
            .collect();
        for path in open {
            self.show_configuration(&path);
        }
    }

    /// Publishes a configuration file's problems (none when it is fine).
    fn show_configuration(&mut self, path: &std::path::Path) {
        let key = uri::from_path(path);
        let open = self
            .documents
            .values()
            .find(|document| document.path.as_deref() == Some(path));
        let open_text = open.map(|document| document.text.as_str().to_owned());
        let encoding = self.encoding;
        let file = self.configs.get(path, open_text.as_deref()).clone();
        let text = Text::new(file.text.clone());
        let analysis = Analysis::new(&key, text.as_str());
        let diagnostics: Vec<lsp_types::Diagnostic> = file
            .problems
            .iter()
            .map(|(position, message)| lsp_types::Diagnostic {
                range: range_at(&text, &analysis, "", *position, encoding),
                severity: Some(lsp_types::DiagnosticSeverity::ERROR),
                code: Some(lsp_types::NumberOrString::String("config".to_owned())),
                source: Some("journeymap".to_owned()),
                message: format!(
                    "{message}\nhelp: until this is fixed, maps are checked with the default configuration"
                ),
                ..lsp_types::Diagnostic::default()
            })
            .collect();
        let Ok(uri) = key.parse::<Uri>() else { return };
        if diagnostics.is_empty() {
            self.config_diagnostics.remove(&key);
        } else {
            self.config_diagnostics.insert(key, diagnostics.len());
        }
        self.publish(uri, diagnostics, open.map(|document| document.version));
    }

    /// Starts the checks whose debounce is over, one per document at a
    /// time; a document whose check is running waits for its outcome.
    pub(super) fn start_due_checks(&mut self) {
        let now = Instant::now();
        let ready: Vec<String> = self
            .due
            .iter()
            .filter(|(key, due)| **due <= now && !self.running.contains_key(*key))
            .map(|(key, _)| key.clone())
            .collect();
        for key in ready {
            self.due.remove(&key);
            let Some(job) = self.job(&key) else { continue };
            self.running.insert(key, job.version);
            let outcomes = self.outcome_sender();
            rayon::spawn(move || {
                let uri = job.uri.clone();
                let version = job.version;
                // A bug in a check must not leave the document "running" forever.
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job.run()))
                    .unwrap_or_else(|_| Outcome {
                        uri,
                        version,
                        diagnostics: Vec::new(),
                        analysis: Arc::new(Analysis::new("", "")),
                    });
                let _ = outcomes.send(outcome);
            });
        }
    }

    fn job(&mut self, key: &str) -> Option<Job> {
        let document = self.documents.get(key)?;
        let (uri, version, text, path) = (
            document.uri.clone(),
            document.version,
            document.text.clone(),
            document.path.clone(),
        );
        let display = document.display();
        let options = self.check_options(path.as_deref());
        Some(Job {
            uri,
            version,
            path: display,
            text,
            options,
            encoding: self.encoding,
        })
    }

    /// What a document at `path` is checked with: today, and the settings
    /// of its configuration (the defaults when it has problems, which are
    /// then shown on it).
    pub(super) fn check_options(&mut self, path: Option<&std::path::Path>) -> CheckOptions {
        let settings = match self.configs.file_for(path) {
            Some(config_path) => {
                let open_text = self
                    .documents
                    .values()
                    .find(|d| d.path.as_deref() == Some(&config_path))
                    .map(|d| d.text.as_str().to_owned());
                let file = self.configs.get(&config_path, open_text.as_deref());
                let (settings, bad) = (file.config.settings.clone(), !file.problems.is_empty());
                if bad
                    && !self
                        .config_diagnostics
                        .contains_key(&uri::from_path(&config_path))
                {
                    self.show_configuration(&config_path);
                }
                settings
            }
            None => Default::default(),
        };
        let mut options = CheckOptions::new(jiff::ZonedDateTime::now().date());
        options.settings = settings;
        options
    }

    /// A check finished: its diagnostics are published when the document
    /// is still open at the version checked (a newer change made them stale).
    pub(super) fn on_outcome(&mut self, outcome: Outcome) {
        let key = outcome.uri.as_str().to_owned();
        self.running.remove(&key);
        let Some(document) = self.documents.get_mut(&key) else {
            return;
        };
        if document.version != outcome.version {
            return;
        }
        let _ = document.analysis.set(outcome.analysis);
        document.diagnostics = outcome.diagnostics.clone();
        self.publish(outcome.uri, outcome.diagnostics, Some(outcome.version));
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(Notification::new(
            note::PublishDiagnostics::METHOD.to_owned(),
            params,
        ));
    }
}
