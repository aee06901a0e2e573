//! Reporters: pure functions from a [`Report`] to bytes.

pub mod github;
pub mod json;
pub mod junit;
pub mod rules;
pub mod sarif;
pub mod text;

use crate::check::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{RULES, Rule, Settings};

/// Everything `check` found, in a stable order: files by path, diagnostics
/// by file, line, column and rule.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub files: Vec<FileReport>,
    pub deny_warnings: bool,
    /// The configuration's severities and rules turned off (JUnit and SARIF list the rules).
    pub settings: Settings,
    /// With `--baseline`: how many findings the baseline held back.
    pub baseline_suppressed: Option<usize>,
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
            settings: Settings::default(),
            baseline_suppressed: None,
        }
    }

    /// The rules that ran on a file: every rule not turned off, but those
    /// the check never reached ([`FileReport::stopped`]). A finding's rule
    /// is always among them.
    pub fn rules_run(&self, file: &FileReport) -> Vec<&'static Rule> {
        let not_run = file
            .stopped
            .as_ref()
            .map_or(&[][..], |s| s.rules_not_run.as_slice());
        RULES
            .iter()
            .copied()
            .filter(|rule| !self.settings.is_off(rule.id) && !not_run.contains(&rule.id))
            .collect()
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

/// `3 files checked: 2 passed, 1 failed; 1 error, 2 warnings, 0 infos`, and
/// what a baseline held back.
pub fn summary_line(report: &Report) -> String {
    let s = report.summary();
    let mut line = format!(
        "{} checked: {} passed, {} failed; {}, {}, {}",
        plural(s.files, "file"),
        s.passed,
        s.failed,
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "info")
    );
    if let Some(suppressed) = report.baseline_suppressed {
        line.push_str(&format!(
            "; {} in the baseline not shown",
            plural(suppressed, "finding")
        ));
    }
    line
}

/// "1 error", "2 warnings".
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("{count} {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
