//! Reporters: pure functions from a [`Report`] to bytes.

pub mod json;
pub mod rules;
pub mod text;

use crate::check::FileReport;
use crate::diagnostic::{Diagnostic, Severity};

/// Everything `check` found, in a stable order: files by path, diagnostics
/// by file, line, column and rule.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub files: Vec<FileReport>,
    pub deny_warnings: bool,
}

/// Counts over the whole report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub passed: usize,
    pub failed: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Report {
    pub fn new(mut files: Vec<FileReport>, deny_warnings: bool) -> Report {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Report {
            files,
            deny_warnings,
        }
    }

    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.files.iter().flat_map(|f| f.diagnostics.iter())
    }

    pub fn summary(&self) -> Summary {
        let passed = self
            .files
            .iter()
            .filter(|f| f.passed(self.deny_warnings))
            .count();
        let count = |severity| self.files.iter().map(|f| f.count(severity)).sum();
        Summary {
            files: self.files.len(),
            passed,
            failed: self.files.len() - passed,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
        }
    }

    /// Whether any file failed (exit status 1).
    pub fn failed(&self) -> bool {
        self.summary().failed > 0
    }
}

/// "1 error", "2 warnings".
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("{count} {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
