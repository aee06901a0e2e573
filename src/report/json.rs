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
    /// `yaml-syntax` or `schema` when the check stopped there, else `null`.
    stopped_by: Option<&'static str>,
    /// How many rules did not run because it stopped (0 when all ran).
    rules_not_run: usize,
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
    /// A certain fix, when the finding has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<Fix<'a>>,
}

#[derive(Serialize)]
struct Fix<'a> {
    title: &'a str,
    edits: Vec<Edit<'a>>,
}

/// Replace the bytes `start..end` of the file (as read) by `text`.
#[derive(Serialize)]
struct Edit<'a> {
    start: usize,
    end: usize,
    text: &'a str,
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
                stopped_by: f.stopped.as_ref().map(|s| s.reason.rule()),
                rules_not_run: f.stopped.as_ref().map_or(0, |s| s.rules_not_run.len()),
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
                fix: d.fix.as_ref().map(|fix| Fix {
                    title: &fix.title,
                    edits: fix
                        .edits
                        .iter()
                        .map(|edit| Edit {
                            start: edit.start,
                            end: edit.end,
                            text: &edit.text,
                        })
                        .collect(),
                }),
            })
            .collect(),
    };
    // Written into a buffer sized once: growing it by doubling would touch
    // about three times the output's size in fresh memory, which shows up
    // on 10,000 files (docs/PERFORMANCE.md).
    let mut buffer = Vec::with_capacity(size_estimate(&output));
    // Serializing plain structs of strings and numbers cannot fail, and
    // serde_json writes valid UTF-8.
    if serde_json::to_writer_pretty(&mut buffer, &output).is_err() {
        buffer.clear();
    }
    let mut text = String::from_utf8(buffer).unwrap_or_default();
    text.push('\n');
    text
}

/// A little more than the pretty-printed size: the fixed text of each entry
/// plus its strings. Escapes can make it short, which costs one more
/// reallocation, nothing else.
fn size_estimate(output: &Output) -> usize {
    let files: usize = output.files.iter().map(|f| 220 + f.path.len()).sum();
    let diagnostics: usize = output
        .diagnostics
        .iter()
        .map(|d| 320 + d.file.len() + d.pointer.len() + d.message.len() + d.help.len())
        .sum();
    256 + files + diagnostics
}
