//! `check --format json`: the shape CLI.md documents, byte-for-byte stable.

use serde::Serialize;

use super::Report;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    summary: Summary,
    files: Vec<File<'a>>,
    diagnostics: Vec<Diagnostic<'a>>,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    passed: usize,
    failed: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    passed: bool,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    pointer: &'a str,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    help: &'a str,
}

/// The JSON document, pretty-printed, with a final newline.
pub fn render(report: &Report) -> String {
    use crate::diagnostic::Severity;
    let s = report.summary();
    let output = Output {
        version: 1,
        summary: Summary {
            files: s.files,
            passed: s.passed,
            failed: s.failed,
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos,
        },
        files: report
            .files
            .iter()
            .map(|f| File {
                path: &f.path,
                passed: f.passed(report.deny_warnings),
                errors: f.count(Severity::Error),
                warnings: f.count(Severity::Warning),
                infos: f.count(Severity::Info),
            })
            .collect(),
        diagnostics: report
            .diagnostics()
            .map(|d| Diagnostic {
                file: &d.file,
                line: d.line,
                column: d.column,
                pointer: &d.pointer,
                rule: d.rule,
                severity: d.severity.as_str(),
                message: &d.message,
                help: &d.help,
            })
            .collect(),
    };
    // Serializing plain structs of strings and numbers cannot fail.
    let mut text = serde_json::to_string_pretty(&output).unwrap_or_default();
    text.push('\n');
    text
}
