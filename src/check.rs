//! One file's check, end to end: load → schema → model → rules → positions.

use std::collections::HashSet;

use jiff::civil::Date;
use serde::Serialize;
use serde_json::Value;

use crate::diagnostic::{Anchor, Diagnostic, Finding, RELATED_LINE, Severity, Target};
use crate::fingerprint;
use crate::map::load::{block_subset, load};
use crate::map::{model, schema, span};
use crate::rules::{self, Context, Settings};

/// What a check needs besides the file.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The date date rules count from.
    pub today: Date,
    /// Warnings fail a file too.
    pub deny_warnings: bool,
    /// Severities, rules turned off and rule parameters from the configuration.
    pub settings: Settings,
}

impl CheckOptions {
    /// Defaults for everything but the date.
    pub fn new(today: Date) -> CheckOptions {
        CheckOptions {
            today,
            deny_warnings: false,
            settings: Settings::default(),
        }
    }
}

/// The outcome for one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    pub path: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Where the check stopped before the rules, when it did: the file is
    /// not YAML or fails the schema, so the rules after that did not run.
    pub stopped: Option<Stopped>,
}

/// Why a file's check stopped before its rules ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum StopReason {
    /// The file is not YAML a map can be read from (bad syntax, not UTF-8…):
    /// neither the schema nor the rules ran.
    #[serde(rename = "yaml-syntax")]
    NotYaml,
    /// The file is YAML but fails the schema (or is empty, or not a
    /// mapping): the rules did not run.
    #[serde(rename = "schema")]
    SchemaFailed,
}

impl StopReason {
    /// The rule whose findings stopped the check: what `stopped_by` says in JSON.
    pub fn rule(self) -> &'static str {
        match self {
            StopReason::NotYaml => "yaml-syntax",
            StopReason::SchemaFailed => "schema",
        }
    }

    /// What is wrong with the map, after its name: `fails the schema`.
    pub fn problem(self) -> &'static str {
        match self {
            StopReason::NotYaml => "is not valid YAML",
            StopReason::SchemaFailed => "fails the schema",
        }
    }

    /// The end of "N later rules did not run because …".
    pub fn because(self) -> &'static str {
        match self {
            StopReason::NotYaml => "the file is not valid YAML",
            StopReason::SchemaFailed => "the schema failed",
        }
    }
}

/// Where a file's check stopped, and the rules it left undone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stopped {
    pub reason: StopReason,
    /// The rules that would have run on a valid map under this
    /// configuration (not turned off), in catalogue order: `schema` too
    /// when the file is not YAML. A user who fixes the file meets these next.
    pub rules_not_run: Vec<&'static str>,
}

impl Stopped {
    /// Computed where the pipeline stops: every rule with a check that the
    /// configuration leaves on, and `schema` when it did not run.
    fn at(reason: StopReason, schema_ran: bool, settings: &Settings) -> Stopped {
        let rules_not_run = rules::RULES
            .iter()
            .filter(|rule| rule.check.is_some() || (rule.id == "schema" && !schema_ran))
            .filter(|rule| !settings.is_off(rule.id))
            .map(|rule| rule.id)
            .collect();
        Stopped {
            reason,
            rules_not_run,
        }
    }

    /// `23 later rules did not run because the schema failed`; `None` when
    /// the configuration turned every later rule off.
    pub fn note(&self) -> Option<String> {
        let count = self.rules_not_run.len();
        let rules = if count == 1 { "rule" } else { "rules" };
        (count > 0).then(|| {
            format!(
                "{count} later {rules} did not run because {}",
                self.reason.because()
            )
        })
    }
}

/// A map that failed YAML or the schema, as one row of a report over
/// several maps (`gaps`' portfolio, `show`'s maps): a report never drops a
/// map that cannot be read; it says which and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvalidMap {
    pub path: String,
    /// Its error findings (as `check` lists them).
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// `yaml-syntax` or `schema` in JSON.
    #[serde(rename = "stopped_by")]
    pub reason: StopReason,
    /// How many rules did not run on it.
    pub rules_not_run: usize,
}

impl InvalidMap {
    /// The row for a file whose check stopped before the rules (a file that
    /// passed the schema would not be asked: it is reported in full).
    pub fn of(report: &FileReport) -> InvalidMap {
        InvalidMap {
            path: report.path.clone(),
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            infos: report.count(Severity::Info),
            reason: report
                .stopped
                .as_ref()
                .map_or(StopReason::SchemaFailed, |s| s.reason),
            rules_not_run: report.stopped.as_ref().map_or(0, |s| s.rules_not_run.len()),
        }
    }
}

impl FileReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// No finding at a failing severity.
    pub fn passed(&self, deny_warnings: bool) -> bool {
        !self
            .diagnostics
            .iter()
            .any(|d| d.severity.fails(deny_warnings))
    }
}

/// Checks one file's bytes. Never fails: every problem is a diagnostic.
pub fn check_bytes(path: &str, bytes: &[u8], options: &CheckOptions) -> FileReport {
    check_map(path, bytes, options).0
}

/// The typed model as [`ValidMap`] holds it: borrowed from the value.
type ModelOf<'a> = model::Map<'a>;

self_cell::self_cell!(
    /// A map that loaded and passed the schema: what `export` and the views
    /// read. The typed model borrows its text from the JSON value (no copy
    /// of every string), so the two live together here.
    pub struct ValidMap {
        owner: Value,
        #[covariant]
        dependent: ModelOf,
    }
    impl {Debug}
);

impl ValidMap {
    /// The document as JSON, in file order.
    pub fn value(&self) -> &Value {
        self.borrow_owner()
    }

    /// The typed map.
    pub fn map(&self) -> &model::Map<'_> {
        self.borrow_dependent()
    }
}

/// Checks one file's bytes, and keeps the map when it passed the schema
/// (its gap findings are in the report).
pub fn check_map(
    path: &str,
    bytes: &[u8],
    options: &CheckOptions,
) -> (FileReport, Option<ValidMap>) {
    let loaded = load(path, bytes);
    let mut findings = loaded.findings;
    let in_block_subset = loaded.document.as_ref().is_some_and(|d| d.in_block_subset);
    let (valid, invalid) = match loaded.document {
        Some(document) => {
            let (more, outcome) = validate_and_run_rules(document.value, &findings, options);
            findings.extend(more);
            match outcome {
                Ok(valid) => (Some(valid), None),
                Err(value) => (None, Some(value)),
            }
        }
        None => (None, None),
    };
    // No map for the rules: the file stopped at its YAML (a syntax finding)
    // or at the schema; the schema ran when there was a value to validate.
    let stopped = valid.is_none().then(|| {
        let reason = if findings.iter().any(|f| f.rule == "yaml-syntax") {
            StopReason::NotYaml
        } else {
            StopReason::SchemaFailed
        };
        let schema_ran = invalid.is_some() || findings.iter().any(|f| f.rule == "schema");
        Stopped::at(reason, schema_ran, &options.settings)
    });
    let value = valid.as_ref().map(ValidMap::value).or(invalid.as_ref());
    let fixes: Vec<Option<crate::diagnostic::FixIntent>> = findings
        .iter_mut()
        .map(|finding| finding.fix.take())
        .collect();
    let mut diagnostics = locate(
        path,
        &loaded.source,
        value,
        in_block_subset,
        findings,
        &options.settings,
    );
    // Fixes are edits of the file as read: after a BOM, when it has one.
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    resolve_fixes(&loaded.source, bom, &mut diagnostics, &fixes);
    if let Some(value) = value {
        diagnostics.retain(|d| !suppressed(value, d));
    }
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let report = FileReport {
        path: path.to_owned(),
        diagnostics,
        stopped,
    };
    (report, valid)
}

/// Schema first; the rules only on a map that passed it (and loaded
/// cleanly), which is then returned as a [`ValidMap`] (else its value).
fn validate_and_run_rules(
    value: Value,
    load_findings: &[Finding],
    options: &CheckOptions,
) -> (Vec<Finding>, Result<ValidMap, Value>) {
    let reported: HashSet<String> = load_findings
        .iter()
        .map(|f| f.pointer().to_owned())
        .collect();
    let schema_findings = match schema::validate(&value, &reported) {
        Ok(findings) => findings,
        Err(error) => {
            let message = format!("the built-in schema does not compile: {error}");
            return (vec![internal_error(message)], Err(value));
        }
    };
    if !schema_findings.is_empty() || !load_findings.is_empty() {
        return (schema_findings, Err(value));
    }
    match ValidMap::try_new_or_recover(value, model::from_value) {
        Ok(valid) => {
            let findings = rules::run_all(&Context {
                map: valid.map(),
                value: valid.value(),
                today: options.today,
                settings: &options.settings,
                ids: rules::ids::Ids::new(valid.value()),
            });
            (findings, Ok(valid))
        }
        Err((value, error)) => {
            let message = format!("the schema accepted a map the model cannot read: {error}");
            (vec![internal_error(message)], Err(value))
        }
    }
}

/// A bug in journeymap, reported as a finding rather than a panic.
fn internal_error(message: String) -> Finding {
    Finding::at_value(
        "schema",
        "",
        format!("internal error: {message}"),
        "this is a bug in journeymap; please report it with this file",
    )
}

/// Gives each finding its line, column and severity. Positions are computed
/// only here, for files that have findings.
fn locate(
    path: &str,
    source: &str,
    document: Option<&Value>,
    in_block_subset: bool,
    findings: Vec<Finding>,
    settings: &Settings,
) -> Vec<Diagnostic> {
    if findings.is_empty() {
        return Vec::new();
    }
    let mut requests: Vec<(&str, Target)> = Vec::new();
    for finding in &findings {
        if let Anchor::Pointer { pointer, target } = &finding.anchor {
            requests.push((pointer, *target));
        }
        if let Some(related) = &finding.related {
            requests.push((related, Target::Value));
        }
    }
    // A file in the block subset is navigated by its indentation; any
    // other (or a question the navigator leaves) takes a parser's walk.
    let positions = in_block_subset
        .then(|| block_subset::positions::locate(source, &requests))
        .flatten()
        .unwrap_or_else(|| span::locate(source, &requests));
    let mut positions = positions.into_iter();
    let lines = Lines::new(source);

    findings
        .into_iter()
        .map(|finding| {
            let severity = settings.severity_of(&finding);
            let (position, pointer) = match finding.anchor {
                Anchor::Pointer { pointer, .. } => (
                    positions
                        .next()
                        .unwrap_or(crate::diagnostic::Position::START),
                    pointer,
                ),
                Anchor::At { position, pointer } => (position, pointer),
            };
            let mut message = finding.message;
            let mut related = None;
            if finding.related.is_some() {
                let position = positions
                    .next()
                    .unwrap_or(crate::diagnostic::Position::START);
                message = message.replace(RELATED_LINE, &position.line.to_string());
                related = Some(position);
            }
            let stable_path = fingerprint::stable_path(document, &pointer);
            Diagnostic {
                fingerprint: fingerprint::fingerprint(finding.rule, &stable_path, &message),
                file: path.to_owned(),
                line: position.line,
                column: position.column,
                pointer,
                rule: finding.rule,
                severity,
                message,
                help: finding.help,
                source_line: lines.text(position.line).to_owned(),
                related,
                fix: None,
            }
        })
        .collect()
}

/// Turns each finding's fix into edits of the source; the nodes this
/// needs are walked only for a file with a fixable finding.
fn resolve_fixes(
    source: &str,
    bom: usize,
    diagnostics: &mut [Diagnostic],
    fixes: &[Option<crate::diagnostic::FixIntent>],
) {
    if fixes.iter().all(Option::is_none) {
        return;
    }
    let nodes = crate::map::nodes::Nodes::new(source);
    for (diagnostic, intent) in diagnostics.iter_mut().zip(fixes) {
        diagnostic.fix = intent
            .as_ref()
            .and_then(|intent| crate::fix::resolve(source, &nodes, intent))
            .map(|fix| crate::fix::shift(fix, bom));
    }
}

/// A file's lines as `str::lines` counts them, found by one vectorised
/// scan for `\n`: `lines()` searches for each line's end in turn, which took
/// more time than the rest of `locate` on a typical file with a finding.
struct Lines<'a> {
    source: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(source: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', source.as_bytes()).map(|end| end + 1));
        Lines { source, starts }
    }

    /// Line `number` (from 1) without its line break and any `\r` before
    /// it; empty past the last line.
    fn text(&self, number: usize) -> &'a str {
        let Some(&start) = number.checked_sub(1).and_then(|i| self.starts.get(i)) else {
            return "";
        };
        let end = self
            .starts
            .get(number)
            .map_or(self.source.len(), |next| next - 1);
        self.source
            .get(start..end)
            .unwrap_or_default()
            .trim_end_matches('\r')
    }
}

/// `x-ignore: [rule-id, …]` on the object at the finding's location or any
/// object around it silences that rule there; `yaml-syntax` and `schema` are
/// never silenced.
fn suppressed(value: &Value, diagnostic: &Diagnostic) -> bool {
    if matches!(diagnostic.rule, "yaml-syntax" | "schema") {
        return false;
    }
    let mut pointer = diagnostic.pointer.as_str();
    loop {
        let ignores = value
            .pointer(pointer)
            .and_then(|node| node.get("x-ignore"))
            .and_then(Value::as_array)
            .is_some_and(|ids| ids.iter().any(|id| id.as_str() == Some(diagnostic.rule)));
        if ignores {
            return true;
        }
        match pointer.rfind('/') {
            Some(slash) => pointer = &pointer[..slash],
            None => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{CheckOptions, Lines, StopReason, check_bytes};

    fn options() -> CheckOptions {
        CheckOptions::new(jiff::civil::date(2026, 11, 23))
    }

    /// Where the pipeline stops is recorded with the rules it left undone.
    #[test]
    fn a_stopped_check_says_which_rules_did_not_run() {
        let not_yaml = check_bytes("a.yaml", b"a: [\n", &options());
        let stopped = not_yaml.stopped.expect("stopped at the YAML");
        assert_eq!(stopped.reason, StopReason::NotYaml);
        assert_eq!(stopped.rules_not_run.first(), Some(&"schema"));
        assert_eq!(stopped.rules_not_run.len(), crate::rules::RULES.len() - 1);
        assert_eq!(
            stopped.note().as_deref(),
            Some("24 later rules did not run because the file is not valid YAML")
        );

        let schema = check_bytes("a.yaml", b"title: x\n", &options());
        let stopped = schema.stopped.expect("stopped at the schema");
        assert_eq!(stopped.reason, StopReason::SchemaFailed);
        assert!(!stopped.rules_not_run.contains(&"schema"));
        assert_eq!(stopped.rules_not_run.len(), crate::rules::RULES.len() - 2);

        // An empty file: the loader's schema finding; the schema did run.
        let empty = check_bytes("a.yaml", b"", &options());
        let stopped = empty.stopped.expect("stopped");
        assert_eq!(stopped.reason, StopReason::SchemaFailed);
        assert_eq!(stopped.rules_not_run.len(), crate::rules::RULES.len() - 2);

        // Rules turned off are not counted; one left is "1 later rule".
        let mut few = options();
        for rule in crate::rules::RULES
            .iter()
            .filter(|r| r.check.is_some())
            .skip(1)
        {
            few.settings.severities.insert(rule.id, None);
        }
        let stopped = check_bytes("a.yaml", b"title: x\n", &few)
            .stopped
            .expect("stopped");
        assert_eq!(
            stopped.note().as_deref(),
            Some("1 later rule did not run because the schema failed")
        );
    }

    /// `Lines::text` gives what `source.lines()` gave, with `\r`s trimmed.
    #[test]
    fn lines_are_the_lines_of_str_lines() {
        let sources = [
            "",
            "\n",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "a\r\r\nb",
            "a\rb\n",
            "\n\n\nx",
            "x\r",
            "é\nü\r\n\n",
            "a\n\r\n\rb\r",
        ];
        for source in sources {
            let lines = Lines::new(source);
            let expected: Vec<&str> = source.lines().collect();
            for number in 0..expected.len() + 3 {
                let want = number
                    .checked_sub(1)
                    .and_then(|i| expected.get(i))
                    .map_or("", |l| l.trim_end_matches('\r'));
                assert_eq!(lines.text(number), want, "{source:?} line {number}");
            }
        }
    }
}
