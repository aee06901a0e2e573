//! Findings as LSP diagnostics: `check_map` on the editor's text, each
//! finding's range from the node it points at.

use std::sync::Arc;

use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri};

use crate::check::{CheckOptions, check_map};
use crate::diagnostic::{Diagnostic, Position, Severity};
use crate::editor::{self, Analysis};

use super::text::{Encoding, Text};

/// One check of one document's text, as it was when the check was asked for.
pub struct Job {
    pub uri: Uri,
    pub version: i32,
    /// The document's path, as findings name it.
    pub path: String,
    pub text: Text,
    pub options: CheckOptions,
    pub encoding: Encoding,
}

/// What a [`Job`] found.
pub struct Outcome {
    pub uri: Uri,
    pub version: i32,
    pub diagnostics: Vec<lsp_types::Diagnostic>,
    /// The document as the job read it, for requests on the same version.
    pub analysis: Arc<Analysis>,
}

impl Job {
    /// The very check `journeymap check` makes, on the editor's text; no
    /// diagnostics for a file that is not a map or a persona file.
    pub fn run(self) -> Outcome {
        let analysis = Arc::new(Analysis::new(&self.path, self.text.as_str()));
        let diagnostics = if analysis.is_map_or_persona() {
            let (report, _) = check_map(&self.path, self.text.as_str().as_bytes(), &self.options);
            report
                .diagnostics
                .iter()
                .map(|d| to_lsp(&self.text, &analysis, &self.uri, d, self.encoding))
                .collect()
        } else {
            Vec::new()
        };
        Outcome {
            uri: self.uri,
            version: self.version,
            diagnostics,
            analysis,
        }
    }
}

/// The LSP range of the text at a journeymap position: what `pointer`'s
/// node there covers (see [`editor::extent`]).
pub fn range_at(
    text: &Text,
    analysis: &Analysis,
    pointer: &str,
    position: Position,
    encoding: Encoding,
) -> lsp_types::Range {
    let bom = text.bom_len();
    let start = text.offset_of(position).saturating_sub(bom);
    let covered = editor::extent(&analysis.source, &analysis.nodes, pointer, start);
    text.range(covered.start + bom..covered.end + bom, encoding)
}

/// One finding as an LSP diagnostic.
pub fn to_lsp(
    text: &Text,
    analysis: &Analysis,
    uri: &Uri,
    diagnostic: &Diagnostic,
    encoding: Encoding,
) -> lsp_types::Diagnostic {
    let position = Position {
        line: diagnostic.line,
        column: diagnostic.column,
    };
    let range = range_at(text, analysis, &diagnostic.pointer, position, encoding);
    let related = diagnostic.related.map(|position| {
        vec![DiagnosticRelatedInformation {
            location: Location::new(
                uri.clone(),
                range_at(text, analysis, "", position, encoding),
            ),
            message: match diagnostic.rule {
                "duplicate-id" => "first defined here".to_owned(),
                _ => "named in the message".to_owned(),
            },
        }]
    });
    let message = if diagnostic.help.is_empty() {
        diagnostic.message.clone()
    } else {
        format!("{}\nhelp: {}", diagnostic.message, diagnostic.help)
    };
    lsp_types::Diagnostic {
        range,
        severity: Some(severity(diagnostic.severity)),
        code: Some(NumberOrString::String(diagnostic.rule.to_owned())),
        source: Some("journeymap".to_owned()),
        message,
        related_information: related,
        ..lsp_types::Diagnostic::default()
    }
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}
