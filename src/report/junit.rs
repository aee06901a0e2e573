//! `check --format junit`: JUnit XML, as Jenkins, GitLab and Azure DevOps
//! read it (validated against Jenkins' `junit-10.xsd` in `tests/junit.rs`).
//!
//! - `<testsuites name="journeymap">`, one `<testsuite>` per checked file
//!   (its path as reported), one `<testcase classname="PATH" name="RULE">`
//!   per rule that ran on it ([`Report::rules_run`]).
//! - A test case fails when its rule has a finding at a failing severity
//!   (errors; warnings too with `--deny-warnings`). It then holds exactly one
//!   `<failure type="SEVERITY" message="…">` whose text lists every such
//!   finding as `FILE:LINE:COL: MESSAGE` and `help: HELP`. One element, not
//!   one per finding: Jenkins and Azure DevOps read only a test case's first
//!   `<failure>`, so further ones would be lost there.
//! - Findings that do not fail (infos; warnings without `--deny-warnings`)
//!   go into the test case's `<system-out>` as
//!   `FILE:LINE:COL: SEVERITY[RULE]: MESSAGE` and `help: HELP`.
//! - A rule that did not run because the file is not YAML or fails the
//!   schema is a test case too, after those that ran, holding
//!   `<skipped message="did not run because the schema failed"/>`: CI
//!   reporters count it as skipped, so a green run cannot hide rules that
//!   never looked at the file.
//! - `tests`, `failures` and `skipped` count test cases (rules), as JUnit
//!   does; `errors` is always 0. No times, timestamps or host
//!   names: the same input gives the same bytes.
//!
//! Text and attributes are escaped (`&`, `<`, `>`, `"`, `'`; in attributes
//! also tab and line breaks, which XML would turn into spaces; CR everywhere,
//! which XML would drop), and characters XML 1.0 cannot hold (control
//! characters other than tab, LF and CR; U+FFFE, U+FFFF) become U+FFFD.

use super::{Report, plural};
use crate::check::FileReport;
use crate::diagnostic::Diagnostic;

/// The XML document, with a final newline.
pub fn render(report: &Report) -> String {
    let suites: Vec<(&FileReport, Vec<Case<'_>>)> = report
        .files
        .iter()
        .map(|file| (file, cases(report, file)))
        .collect();
    let tests: usize = suites
        .iter()
        .map(|(file, cases)| cases.len() + not_run(file).len())
        .sum();
    let failures: usize = suites.iter().map(|(_, cases)| failed(cases)).sum();

    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"journeymap\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n"
    ));
    for (file, cases) in &suites {
        let skipped = not_run(file);
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">\n",
            escape(&file.path, true),
            cases.len() + skipped.len(),
            failed(cases),
            skipped.len()
        ));
        for case in cases {
            case.write(&file.path, &mut out);
        }
        if let Some(stopped) = &file.stopped {
            let message = format!("did not run because {}", stopped.reason.because());
            for rule in skipped {
                out.push_str(&format!(
                    "    <testcase name=\"{}\" classname=\"{}\">\n      <skipped message=\"{}\"/>\n    </testcase>\n",
                    escape(rule, true),
                    escape(&file.path, true),
                    escape(&message, true)
                ));
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// One rule on one file, and its findings split by whether they fail.
struct Case<'a> {
    rule: &'a str,
    failing: Vec<&'a Diagnostic>,
    passing: Vec<&'a Diagnostic>,
}

/// A test case per rule that ran, in catalogue order; a finding of a rule not
/// among them (there should be none) still gets one, after them, so that no
/// finding is ever dropped.
fn cases<'a>(report: &Report, file: &'a FileReport) -> Vec<Case<'a>> {
    let mut cases: Vec<Case<'a>> = report
        .rules_run(file)
        .into_iter()
        .map(|rule| Case {
            rule: rule.id,
            failing: Vec::new(),
            passing: Vec::new(),
        })
        .collect();
    for diagnostic in &file.diagnostics {
        let index = match cases.iter().position(|case| case.rule == diagnostic.rule) {
            Some(index) => index,
            None => {
                cases.push(Case {
                    rule: diagnostic.rule,
                    failing: Vec::new(),
                    passing: Vec::new(),
                });
                cases.len() - 1
            }
        };
        if diagnostic.severity.fails(report.deny_warnings) {
            cases[index].failing.push(diagnostic);
        } else {
            cases[index].passing.push(diagnostic);
        }
    }
    cases
}

/// The rules the check never reached on a file: skipped test cases.
fn not_run(file: &FileReport) -> &[&'static str] {
    file.stopped
        .as_ref()
        .map_or(&[][..], |s| s.rules_not_run.as_slice())
}

fn failed(cases: &[Case<'_>]) -> usize {
    cases.iter().filter(|case| !case.failing.is_empty()).count()
}

impl Case<'_> {
    fn write(&self, path: &str, out: &mut String) {
        let open = format!(
            "    <testcase name=\"{}\" classname=\"{}\"",
            escape(self.rule, true),
            escape(path, true)
        );
        if self.failing.is_empty() && self.passing.is_empty() {
            out.push_str(&open);
            out.push_str("/>\n");
            return;
        }
        out.push_str(&open);
        out.push_str(">\n");
        if let Some(first) = self.failing.first() {
            let severity = self
                .failing
                .iter()
                .map(|d| d.severity)
                .max()
                .unwrap_or(first.severity);
            let mut message = first.message.clone();
            if self.failing.len() > 1 {
                let more = plural(self.failing.len() - 1, "more finding");
                message.push_str(&format!(" (and {more})"));
            }
            let text: Vec<String> = self
                .failing
                .iter()
                .map(|d| {
                    with_help(
                        format!("{}:{}:{}: {}", d.file, d.line, d.column, d.message),
                        d,
                    )
                })
                .collect();
            out.push_str(&format!(
                "      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                escape(&message, true),
                severity.as_str(),
                escape(&text.join("\n"), false)
            ));
        }
        if !self.passing.is_empty() {
            let text: Vec<String> = self
                .passing
                .iter()
                .map(|d| {
                    with_help(
                        format!(
                            "{}:{}:{}: {}[{}]: {}",
                            d.file, d.line, d.column, d.severity, d.rule, d.message
                        ),
                        d,
                    )
                })
                .collect();
            out.push_str(&format!(
                "      <system-out>{}</system-out>\n",
                escape(&text.join("\n"), false)
            ));
        }
        out.push_str("    </testcase>\n");
    }
}

/// `line`, then `help: …` on the next line when the finding has help.
fn with_help(mut line: String, diagnostic: &Diagnostic) -> String {
    if !diagnostic.help.is_empty() {
        line.push_str("\nhelp: ");
        line.push_str(&diagnostic.help);
    }
    line
}

/// Escapes text for element content, or (`attribute`) for a double- or
/// single-quoted attribute value; characters XML 1.0 forbids become U+FFFD.
fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // A parser turns a literal CR (or CRLF) into LF, and tab and LF
            // in an attribute into spaces: references keep them.
            '\r' => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            c if allowed(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// XML 1.0's `Char` production (Rust's `char` has no surrogates).
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::{escape, render};
    use crate::check::FileReport;
    use crate::diagnostic::{Diagnostic, Severity};
    use crate::report::Report;

    fn diagnostic(
        rule: &'static str,
        line: usize,
        severity: Severity,
        message: &str,
    ) -> Diagnostic {
        Diagnostic {
            file: "maps/a.yaml".to_owned(),
            line,
            column: 3,
            pointer: String::new(),
            rule,
            severity,
            message: message.to_owned(),
            help: "do this".to_owned(),
            source_line: String::new(),
            related: None,
            fix: None,
            fingerprint: String::new(),
        }
    }

    #[test]
    fn escapes_markup_quotes_and_forbidden_characters() {
        assert_eq!(
            escape("a & b <c> \"d\" 'e' é", false),
            "a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; é"
        );
        assert_eq!(escape("a\tb\nc\r\nd", false), "a\tb\nc&#13;\nd");
        assert_eq!(escape("a\tb\nc\r\nd", true), "a&#9;b&#10;c&#13;&#10;d");
        assert_eq!(
            escape("\u{0}\u{7}\u{1b}[0m\u{7f}\u{fffe}\u{ffff}\u{1f600}", true),
            "\u{fffd}\u{fffd}\u{fffd}[0m\u{7f}\u{fffd}\u{fffd}\u{1f600}"
        );
        // `&` first: an escape is never escaped twice.
        assert_eq!(escape("&amp;", true), "&amp;amp;");
    }

    #[test]
    fn one_failure_per_rule_listing_every_failing_finding() {
        let file = FileReport {
            path: "maps/a.yaml".to_owned(),
            diagnostics: vec![
                diagnostic("date-order", 4, Severity::Error, "first"),
                diagnostic("date-order", 9, Severity::Error, "second"),
                diagnostic("stale-map", 2, Severity::Warning, "old"),
                diagnostic("stale-map", 3, Severity::Info, "no date"),
            ],
            stopped: None,
        };
        let xml = render(&Report::new(vec![file.clone()], false));
        assert_eq!(xml.matches("<failure ").count(), 1, "{xml}");
        assert!(
            xml.contains(
                "<failure message=\"first (and 1 more finding)\" type=\"error\">\
                 maps/a.yaml:4:3: first\nhelp: do this\n\
                 maps/a.yaml:9:3: second\nhelp: do this</failure>"
            ),
            "{xml}"
        );
        assert!(
            xml.contains(
                "<system-out>maps/a.yaml:2:3: warning[stale-map]: old\nhelp: do this\n\
                 maps/a.yaml:3:3: info[stale-map]: no date\nhelp: do this</system-out>"
            ),
            "{xml}"
        );
        assert!(
            xml.contains(" failures=\"1\" errors=\"0\" skipped=\"0\">"),
            "{xml}"
        );

        // With --deny-warnings the warning fails its test case too; the info does not.
        let xml = render(&Report::new(vec![file], true));
        assert_eq!(xml.matches("<failure ").count(), 2, "{xml}");
        assert!(
            xml.contains(
                "<failure message=\"old\" type=\"warning\">maps/a.yaml:2:3: old\nhelp: do this</failure>\n      \
                 <system-out>maps/a.yaml:3:3: info[stale-map]: no date\nhelp: do this</system-out>"
            ),
            "{xml}"
        );
    }

    #[test]
    fn failures_agree_with_whether_a_file_passed() {
        for deny_warnings in [false, true] {
            for severity in [Severity::Error, Severity::Warning, Severity::Info] {
                let file = FileReport {
                    path: "maps/a.yaml".to_owned(),
                    diagnostics: vec![diagnostic("stale-map", 2, severity, "m")],
                    stopped: None,
                };
                let passed = file.passed(deny_warnings);
                let xml = render(&Report::new(vec![file], deny_warnings));
                assert_eq!(xml.contains("<failure "), !passed, "{xml}");
            }
        }
    }

    #[test]
    fn no_files_is_an_empty_document() {
        assert_eq!(
            render(&Report::default()),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <testsuites name=\"journeymap\" tests=\"0\" failures=\"0\" errors=\"0\">\n\
             </testsuites>\n"
        );
    }
}
