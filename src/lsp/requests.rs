//! Requests on one document: definition, references, rename, completion,
//! hover, symbols. Each turns the editor's position into an offset, asks
//! [`crate::editor`], and turns the answer into LSP's types.

use std::collections::HashMap;
use std::sync::Arc;

use lsp_server::ErrorCode;
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionResponse, CompletionTextEdit, DocumentSymbol,
    DocumentSymbolResponse, GotoDefinitionResponse, Hover, HoverContents, Location, MarkupContent,
    MarkupKind, Position, PrepareRenameResponse, SymbolKind, TextDocumentPositionParams, TextEdit,
    WorkspaceEdit,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::editor::outline::{Entry, EntryKind};
use crate::editor::{Analysis, complete, hover, ids, outline};
use crate::rules::ids::Ids;

use super::documents::Document;
use super::server::{Failure, Server};

fn parse<P: DeserializeOwned>(params: Value) -> Result<P, Failure> {
    serde_json::from_value(params).map_err(|error| {
        Failure::new(
            ErrorCode::InvalidParams,
            format!("invalid parameters: {error}"),
        )
    })
}

fn reply(result: impl Serialize) -> Result<Value, Failure> {
    serde_json::to_value(result)
        .map_err(|error| Failure::new(ErrorCode::InternalError, error.to_string()))
}

impl Server {
    /// Answers a request of a running server; `None` for a method it does not handle.
    pub(super) fn request(
        &mut self,
        method: &str,
        params: Value,
    ) -> Option<Result<Value, Failure>> {
        Some(match method {
            req::GotoDefinition::METHOD => parse(params).and_then(|p| reply(self.definition(p))),
            req::References::METHOD => parse(params).and_then(|p| reply(self.references(p))),
            req::PrepareRenameRequest::METHOD => {
                parse(params).and_then(|p| self.prepare_rename(p).and_then(reply))
            }
            req::Rename::METHOD => parse(params).and_then(|p| self.rename(p).and_then(reply)),
            req::Completion::METHOD => parse(params).and_then(|p| reply(self.completion(p))),
            req::HoverRequest::METHOD => parse(params).and_then(|p| reply(self.hover(p))),
            req::DocumentSymbolRequest::METHOD => {
                parse(params).and_then(|p| reply(self.symbols(p)))
            }
            req::CodeActionRequest::METHOD => {
                parse(params).and_then(|p| reply(self.code_actions(p)))
            }
            _ => return None,
        })
    }

    /// The open document a request is about, its analysis and the offset
    /// of its position (clamped into the text).
    fn at(&self, at: &TextDocumentPositionParams) -> Option<(&Document, Arc<Analysis>, usize)> {
        let document = self.documents.get(at.text_document.uri.as_str())?;
        let analysis = document.analysis();
        let offset = document
            .text
            .offset(at.position, self.encoding)
            .saturating_sub(document.text.bom_len());
        Some((document, analysis, offset))
    }

    /// An LSP range of a byte range of the analysed source.
    fn range(&self, document: &Document, range: std::ops::Range<usize>) -> lsp_types::Range {
        let bom = document.text.bom_len();
        document
            .text
            .range(range.start + bom..range.end + bom, self.encoding)
    }

    fn location(&self, document: &Document, range: std::ops::Range<usize>) -> Location {
        Location::new(document.uri.clone(), self.range(document, range))
    }

    fn definition(&self, p: lsp_types::GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
        let (document, analysis, offset) = self.at(&p.text_document_position_params)?;
        let root = analysis.value.as_ref()?;
        let symbol = ids::symbol_at(root, &analysis.nodes, offset)?;
        let id_ids = Ids::new(root);
        let definition = id_ids.resolve(symbol.id())?;
        let node = analysis.nodes.get(&definition.id_pointer())?;
        Some(GotoDefinitionResponse::Scalar(
            self.location(document, node.value.clone()),
        ))
    }

    fn references(&self, p: lsp_types::ReferenceParams) -> Option<Vec<Location>> {
        let (document, analysis, offset) = self.at(&p.text_document_position)?;
        let root = analysis.value.as_ref()?;
        let symbol = ids::symbol_at(root, &analysis.nodes, offset)?;
        let mut pointers = ids::occurrences(root, symbol.id());
        if !p.context.include_declaration && !pointers.is_empty() {
            let id_ids = Ids::new(root);
            if id_ids.resolve(symbol.id()).is_some() {
                pointers.remove(0);
            }
        }
        Some(
            pointers
                .iter()
                .filter_map(|pointer| analysis.nodes.get(pointer))
                .map(|node| self.location(document, node.value.clone()))
                .collect(),
        )
    }

    fn prepare_rename(
        &self,
        p: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>, Failure> {
        let Some((document, analysis, offset)) = self.at(&p) else {
            return Ok(None);
        };
        let symbol = analysis
            .value
            .as_ref()
            .and_then(|root| ids::symbol_at(root, &analysis.nodes, offset));
        let Some(symbol) = symbol else {
            return Err(Failure::new(
                ErrorCode::RequestFailed,
                "only an id can be renamed here: put the cursor on an `id` value or on a reference to one",
            ));
        };
        let pointer = match &symbol {
            ids::Symbol::Definition { pointer, .. } => pointer,
            ids::Symbol::Reference(reference) => &reference.pointer,
        };
        let node = analysis.nodes.get(pointer).ok_or_else(|| {
            Failure::new(
                ErrorCode::RequestFailed,
                "the id's place in the file is not found",
            )
        })?;
        let range = self.range(document, ids::id_text(&analysis.source, node));
        Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
            range,
            placeholder: symbol.id().to_owned(),
        }))
    }

    fn rename(&self, p: lsp_types::RenameParams) -> Result<Option<WorkspaceEdit>, Failure> {
        let failed = |message: String| Failure::new(ErrorCode::RequestFailed, message);
        let Some((document, analysis, offset)) = self.at(&p.text_document_position) else {
            return Ok(None);
        };
        let root = analysis.value.as_ref().ok_or_else(|| {
            failed("the document is not valid YAML: fix it before renaming".to_owned())
        })?;
        let symbol = ids::symbol_at(root, &analysis.nodes, offset)
            .ok_or_else(|| failed("only an id can be renamed here".to_owned()))?;
        let new = p.new_name.trim();
        if let Some(problem) = ids::rename_problem(root, symbol.id(), new) {
            return Err(failed(problem));
        }
        let edits: Vec<TextEdit> = ids::occurrences(root, symbol.id())
            .iter()
            .filter_map(|pointer| analysis.nodes.get(pointer))
            .map(|node| {
                TextEdit::new(
                    self.range(document, ids::id_text(&analysis.source, node)),
                    new.to_owned(),
                )
            })
            .collect();
        Ok(Some(WorkspaceEdit {
            changes: Some(HashMap::from([(document.uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }))
    }

    fn completion(&self, p: lsp_types::CompletionParams) -> Option<CompletionResponse> {
        let (document, analysis, offset) = self.at(&p.text_document_position)?;
        let (replaced, items) = complete::complete(&analysis, offset);
        let range = self.range(document, replaced);
        let items = items
            .into_iter()
            .map(|item| CompletionItem {
                kind: Some(match item.kind {
                    complete::ItemKind::Id => CompletionItemKind::REFERENCE,
                    complete::ItemKind::Key => CompletionItemKind::PROPERTY,
                    complete::ItemKind::Value => CompletionItemKind::ENUM_MEMBER,
                    complete::ItemKind::Rule => CompletionItemKind::VALUE,
                }),
                detail: Some(item.detail),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, item.insert))),
                label: item.label,
                ..CompletionItem::default()
            })
            .collect();
        Some(CompletionResponse::Array(items))
    }

    fn hover(&self, p: lsp_types::HoverParams) -> Option<Hover> {
        let (document, analysis, offset) = self.at(&p.text_document_position_params)?;
        let found = hover::hover(&analysis, offset);
        // On a diagnostic: its rule's summary and docs as well.
        let position = p.text_document_position_params.position;
        let rules: Vec<String> = document
            .diagnostics
            .iter()
            .filter(|d| contains(&d.range, position))
            .filter_map(|d| match &d.code {
                Some(lsp_types::NumberOrString::String(rule)) => Some(rule.clone()),
                _ => None,
            })
            .collect();
        let mut parts: Vec<String> = found.iter().map(|(_, text)| text.clone()).collect();
        for rule in rules {
            if let Some(rule) = crate::rules::find(&rule) {
                let docs = hover::rule_docs(rule);
                if !parts.contains(&docs) {
                    parts.push(docs);
                }
            }
        }
        if parts.is_empty() {
            return None;
        }
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: parts.join("\n\n---\n\n"),
            }),
            range: found.map(|(range, _)| self.range(document, range)),
        })
    }

    fn symbols(&self, p: lsp_types::DocumentSymbolParams) -> Option<DocumentSymbolResponse> {
        let document = self.documents.get(p.text_document.uri.as_str())?;
        let analysis = document.analysis();
        let symbols = outline::outline(&analysis)
            .into_iter()
            .map(|entry| self.symbol(document, entry))
            .collect();
        Some(DocumentSymbolResponse::Nested(symbols))
    }

    #[allow(deprecated)] // `deprecated` is a field LSP still defines
    fn symbol(&self, document: &Document, entry: Entry) -> DocumentSymbol {
        DocumentSymbol {
            name: entry.name,
            detail: (!entry.detail.is_empty()).then_some(entry.detail),
            kind: match entry.kind {
                EntryKind::Persona => SymbolKind::CLASS,
                EntryKind::Group => SymbolKind::ARRAY,
                EntryKind::Stage => SymbolKind::NAMESPACE,
                EntryKind::Touchpoint => SymbolKind::FIELD,
                EntryKind::PainPoint => SymbolKind::EVENT,
                EntryKind::UnmetNeed => SymbolKind::INTERFACE,
                EntryKind::Idea => SymbolKind::FUNCTION,
                EntryKind::Action => SymbolKind::METHOD,
                EntryKind::Milestone => SymbolKind::CONSTANT,
            },
            tags: None,
            deprecated: None,
            range: self.range(document, entry.range),
            selection_range: self.range(document, entry.selection),
            children: Some(
                entry
                    .children
                    .into_iter()
                    .map(|child| self.symbol(document, child))
                    .collect(),
            ),
        }
    }
}

fn contains(range: &lsp_types::Range, position: Position) -> bool {
    range.start <= position && position <= range.end
}
