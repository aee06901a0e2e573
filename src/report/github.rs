//! `check --format github`: GitHub Actions workflow commands, one line per
//! finding, so findings appear as annotations on the pull request's files.
//!
//! `::error file=PATH,line=L,col=C,title=RULE::MESSAGE` (`::warning`,
//! `::notice`), escaped as the Actions runner parses them: in the message
//! only `%`, CR and LF; in properties also `:` and `,`. After a file's
//! findings, a file whose check stopped at its YAML or the schema gets
//! `::notice file=PATH,title=rules not run::N later rules did not run because …`.

use super::{Report, summary_line};
use crate::check::FileReport;
use crate::diagnostic::Severity;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for file in &report.files {
        findings(file, &mut out);
        // The rules that never ran: a notice on the file (no line).
        if let Some(note) = file.stopped.as_ref().and_then(|s| s.note()) {
            out.push_str(&format!(
                "::notice file={},title=rules not run::{}\n",
                property(&file.path),
                data(&note)
            ));
        }
    }
    // A plain line: the runner shows it in the log as it is.
    out.push_str(&summary_line(report));
    out.push('\n');
    out
}

fn findings(file: &FileReport, out: &mut String) {
    for d in &file.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        out.push_str(&format!(
            "::{command} file={},line={},col={},title={}::{}\n",
            property(&d.file),
            d.line,
            d.column,
            property(d.rule),
            data(&d.message)
        ));
    }
}

/// A command's data (the message): `%`, CR and LF escaped.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: also `:` and `,`, which would end the property.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::{data, property};

    #[test]
    fn escapes_as_the_runner_parses() {
        assert_eq!(data("100%: a, b\r\nc"), "100%25: a, b%0D%0Ac");
        assert_eq!(property("maps/a: b, c%.yaml"), "maps/a%3A b%2C c%25.yaml");
        // `%` first, so an escape is never escaped twice.
        assert_eq!(data("%0A"), "%250A");
    }
}
