//! `codeAction`: the quick fixes of the findings in the requested range —
//! the finding's own certain fix, and `x-ignore: [RULE]` on its object.
//! The server never writes a file: these are edits the client applies
//! when the user picks one.

use std::collections::HashMap;

use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, TextEdit, WorkspaceEdit};

use crate::check::check_map;
use crate::diagnostic::Fix;
use crate::fix;

use super::diagnostics::to_lsp;
use super::server::Server;

impl Server {
    pub(super) fn code_actions(
        &mut self,
        p: lsp_types::CodeActionParams,
    ) -> Option<Vec<CodeActionOrCommand>> {
        let key = p.text_document.uri.as_str().to_owned();
        let path = self.documents.get(&key)?.path.clone();
        let options = self.check_options(path.as_deref());
        let document = self.documents.get(&key)?;
        let analysis = document.analysis();
        if !analysis.is_map_or_persona() {
            return Some(Vec::new());
        }
        // The findings of the text as it is now, with their fixes.
        let (report, _) = check_map(
            &document.display(),
            document.text.as_str().as_bytes(),
            &options,
        );
        let bom = document.text.bom_len();
        let mut actions = Vec::new();
        for finding in &report.diagnostics {
            let diagnostic = to_lsp(
                &document.text,
                &analysis,
                &document.uri,
                finding,
                self.encoding,
            );
            if diagnostic.range.end < p.range.start || p.range.end < diagnostic.range.start {
                continue;
            }
            let suppression = analysis.value.as_ref().and_then(|root| {
                fix::suppress(
                    &analysis.source,
                    &analysis.nodes,
                    root,
                    &finding.pointer,
                    finding.rule,
                )
                .map(|fix| fix::shift(fix, bom))
            });
            let fixes = finding
                .fix
                .clone()
                .map(|fix| (fix, true))
                .into_iter()
                .chain(suppression.map(|fix| (fix, false)));
            for (fix, preferred) in fixes {
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title.clone(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic.clone()]),
                    edit: Some(self.workspace_edit(&key, &fix)?),
                    is_preferred: Some(preferred),
                    ..CodeAction::default()
                }));
            }
        }
        Some(actions)
    }

    /// A fix's byte edits as LSP edits of the open document.
    fn workspace_edit(&self, key: &str, fix: &Fix) -> Option<WorkspaceEdit> {
        let document = self.documents.get(key)?;
        let edits = fix
            .edits
            .iter()
            .map(|edit| {
                TextEdit::new(
                    document.text.range(edit.start..edit.end, self.encoding),
                    edit.text.clone(),
                )
            })
            .collect();
        Some(WorkspaceEdit {
            changes: Some(HashMap::from([(document.uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        })
    }
}
