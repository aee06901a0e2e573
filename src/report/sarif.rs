//! `check --format sarif`: SARIF 2.1.0, one run, valid against the OASIS schema.
//!
//! - `tool.driver.rules` lists every rule of [`RULES`] in catalogue order, so
//!   `ruleIndex` is the rule's place in the catalogue. `defaultConfiguration`
//!   holds the level this run uses (the configuration's, else the rule's
//!   default) and `"enabled": false` for a rule the configuration turned off.
//! - Each result's `message.text` is the message, then `help: …` on a second
//!   line; `{` and `}` are doubled as SARIF §3.11.5 requires of message strings.
//! - The artifact URI is the reported path as an RFC 3986 relative reference
//!   against `%SRCROOT%` (the current directory): every byte but the
//!   unreserved characters and the `/` separator is percent-encoded (UTF-8),
//!   so a name can never read as a scheme (`:`), query (`?`) or fragment
//!   (`#`). The bytes are the file name's own: a Unix name reported escaped
//!   (`x\xff.yaml`, see [`crate::workspace::display_name`]) is `x%FF.yaml`. On Windows `\` separates too and becomes `/`. An absolute path
//!   becomes a `file://` URI instead, with no `uriBaseId`.
//! - `originalUriBaseIds` is left out: the current directory differs from
//!   machine to machine and the output is byte-for-byte deterministic.
//!   Consumers resolve `%SRCROOT%` themselves (GitHub code scanning takes the
//!   repository root). `invocations` is left out too: whether the command
//!   could do its whole job is not known to the reporter.
//! - A file whose check stopped at its YAML or the schema, so that later
//!   rules did not run, is listed in `run.artifacts` (its location, a
//!   `description` such as "23 later rules did not run because the schema
//!   failed", and the properties `stoppedBy`, `rulesNotRun` — a count — and
//!   `rulesNotRunIds`). Files checked in full are not listed.
//! - Columns count Unicode code points (`columnKind`), as every reporter's do.
//! - `partialFingerprints["journeymap/v1"]` is [`crate::fingerprint`]'s hash,
//!   which survives edits elsewhere in the file.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Report;
use crate::check::FileReport;
use crate::diagnostic::Severity;
use crate::rules::{RULES, Rule};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";
const FINGERPRINT_KEY: &str = "journeymap/v1";
/// Where users learn about the tool when Cargo.toml names no repository or homepage.
const FALLBACK_INFORMATION_URI: &str = "https://github.com/journeymap/journeymap";

#[derive(Serialize)]
struct Log<'a> {
    // SARIF §3.13.2: `version` SHOULD appear first.
    version: &'static str,
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    /// Only the files whose check stopped before the rules.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    artifacts: Vec<Artifact>,
    results: Vec<SarifResult<'a>>,
    column_kind: &'static str,
}

/// A file whose check stopped at its YAML or the schema: which rules it
/// left undone, since no result can say so.
#[derive(Serialize)]
struct Artifact {
    location: ArtifactLocation,
    description: Text,
    properties: NotRunProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotRunProperties {
    /// `yaml-syntax` or `schema`.
    stopped_by: &'static str,
    /// How many rules did not run, and which (catalogue order).
    rules_not_run: usize,
    rules_not_run_ids: Vec<&'static str>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
    properties: Properties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: &'static str,
    markdown: &'static str,
}

#[derive(Serialize)]
struct Configuration {
    /// Only written when false (SARIF's default is true).
    #[serde(skip_serializing_if = "is_true")]
    enabled: bool,
    level: &'static str,
}

#[derive(Serialize)]
struct Properties {
    tags: [&'static str; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    partial_fingerprints: BTreeMap<&'static str, &'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    /// Present exactly when `uri` is a relative reference (SARIF §3.4.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
}

/// The SARIF log, pretty-printed, with a final newline.
pub fn render(report: &Report) -> String {
    let results = report
        .diagnostics()
        .map(|d| SarifResult {
            rule_id: d.rule,
            rule_index: RULES.iter().position(|rule| rule.id == d.rule),
            level: level(d.severity),
            message: Text {
                text: message_text(&d.message, &d.help),
            },
            locations: [Location {
                physical_location: PhysicalLocation {
                    artifact_location: artifact_location(&d.file, cfg!(windows)),
                    // Positions are 1-based; 0 would mean "unknown", which SARIF spells by omission.
                    region: (d.line > 0).then(|| Region {
                        start_line: d.line,
                        start_column: (d.column > 0).then_some(d.column),
                    }),
                },
            }],
            partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, d.fingerprint.as_str())]),
        })
        .collect();
    let log = Log {
        version: "2.1.0",
        schema: SCHEMA,
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "journeymap",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: information_uri(),
                    rules: RULES.iter().map(|rule| descriptor(rule, report)).collect(),
                },
            },
            artifacts: report.files.iter().filter_map(not_run_artifact).collect(),
            results,
            column_kind: "unicodeCodePoints",
        }],
    };
    // Serializing plain structs of strings and numbers cannot fail.
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

/// The artifact saying which rules did not run on a file, when some did not.
fn not_run_artifact(file: &FileReport) -> Option<Artifact> {
    let stopped = file.stopped.as_ref()?;
    Some(Artifact {
        location: artifact_location(&file.path, cfg!(windows)),
        description: Text {
            text: stopped.note()?,
        },
        properties: NotRunProperties {
            stopped_by: stopped.reason.rule(),
            rules_not_run: stopped.rules_not_run.len(),
            rules_not_run_ids: stopped.rules_not_run.clone(),
        },
    })
}

/// The repository or homepage Cargo.toml names, else the project's address.
fn information_uri() -> &'static str {
    [env!("CARGO_PKG_REPOSITORY"), env!("CARGO_PKG_HOMEPAGE")]
        .into_iter()
        .find(|uri| !uri.is_empty())
        .unwrap_or(FALLBACK_INFORMATION_URI)
}

fn descriptor(rule: &'static Rule, report: &Report) -> ReportingDescriptor {
    let (enabled, severity) = match report.settings.severities.get(rule.id) {
        Some(Some(configured)) => (true, *configured),
        Some(None) => (false, rule.default_severity),
        None => (true, rule.default_severity),
    };
    let docs = if rule.docs.trim().is_empty() {
        rule.summary
    } else {
        rule.docs
    };
    ReportingDescriptor {
        id: rule.id,
        name: upper_camel_case(rule.id),
        short_description: Text {
            text: rule.summary.to_owned(),
        },
        full_description: Text {
            text: first_paragraph(rule.docs).unwrap_or_else(|| rule.summary.to_owned()),
        },
        help: Help {
            text: docs,
            markdown: docs,
        },
        default_configuration: Configuration {
            enabled,
            level: level(severity),
        },
        properties: Properties {
            tags: [rule.group.as_str()],
        },
    }
}

fn is_true(value: &bool) -> bool {
    *value
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `stale-map` → `StaleMap`: the readable name SARIF suggests beside the id.
fn upper_camel_case(id: &str) -> String {
    id.split(['-', '_'])
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .chain(chars)
        })
        .collect()
}

/// The docs' first paragraph of prose (headings skipped), its lines joined.
/// `None` when there is none, or when it ends with `:` and so introduces a
/// table or list that plain text would lose.
fn first_paragraph(docs: &str) -> Option<String> {
    let paragraph = docs
        .split("\n\n")
        .map(str::trim)
        .find(|block| !block.is_empty() && !block.starts_with('#'))?;
    let text = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.ends_with(':')).then_some(text)
}

/// The message, then the help on a second line; braces doubled (SARIF §3.11.5).
fn message_text(message: &str, help: &str) -> String {
    let escape = |text: &str| text.replace('{', "{{").replace('}', "}}");
    if help.is_empty() {
        escape(message)
    } else {
        format!("{}\nhelp: {}", escape(message), escape(help))
    }
}

/// Where a reported path is, as SARIF wants it: a relative reference against
/// `%SRCROOT%`, or a `file://` URI for an absolute path. `windows` makes `\`
/// a separator and `C:\…` absolute, as paths are there.
fn artifact_location(file: &str, windows: bool) -> ArtifactLocation {
    // The name's own bytes: a Unix name that is not UTF-8 is reported escaped
    // (`x\xff.yaml`), and its URI names that file (`x%FF.yaml`).
    let path = if windows {
        file.replace('\\', "/").into_bytes()
    } else {
        crate::workspace::display_name::unescape(file)
    };
    let drive = windows && path.len() >= 3 && path[0].is_ascii_alphabetic() && &path[1..3] == b":/";
    let absolute = drive || path.starts_with(b"/") && (!windows || path.starts_with(b"//"));
    if absolute {
        // `file:///home/a.yaml`, `file:///C:/maps/a.yaml`, `file:////server/share/a.yaml` (RFC 8089).
        let slash = if drive { "/" } else { "" };
        ArtifactLocation {
            uri: format!("file://{slash}{}", percent_encode(&path, true)),
            uri_base_id: None,
        }
    } else {
        ArtifactLocation {
            uri: percent_encode(&path, false),
            uri_base_id: Some(SRCROOT),
        }
    }
}

/// Percent-encodes every byte but RFC 3986's unreserved characters and `/`
/// (and `:` when `keep_colon`: in a URI with a scheme it cannot be misread).
fn percent_encode(path: &[u8], keep_colon: bool) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(path.len());
    for &byte in path {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/')
            || keep_colon && byte == b':';
        if keep {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relative(uri: &str) -> ArtifactLocation {
        ArtifactLocation {
            uri: uri.to_owned(),
            uri_base_id: Some(SRCROOT),
        }
    }

    fn absolute(uri: &str) -> ArtifactLocation {
        ArtifactLocation {
            uri: uri.to_owned(),
            uri_base_id: None,
        }
    }

    #[test]
    fn relative_paths_become_relative_references() {
        let cases = [
            ("maps/a.yaml", "maps/a.yaml"),
            (
                "maps/q1 100% \"a,b\" <&> #1 é.yaml",
                "maps/q1%20100%25%20%22a%2Cb%22%20%3C%26%3E%20%231%20%C3%A9.yaml",
            ),
            // A colon in the first segment would read as a scheme.
            ("c:d.yaml", "c%3Ad.yaml"),
            (
                "a?b[1]{2}+=;'!*@$.yaml",
                "a%3Fb%5B1%5D%7B2%7D%2B%3D%3B%27%21%2A%40%24.yaml",
            ),
            ("../x/-_.~.yml", "../x/-_.~.yml"),
            ("-", "-"),
            // A Unix name's backslash is shown doubled; the URI holds the one byte.
            ("dir\\\\a.yaml", "dir%5Ca.yaml"),
            // Bytes that are not UTF-8, and a newline, shown escaped.
            ("x\\xff.yaml", "x%FF.yaml"),
            ("x\\xfe.yaml", "x%FE.yaml"),
            ("a\\nb.yaml", "a%0Ab.yaml"),
        ];
        for (path, uri) in cases {
            assert_eq!(artifact_location(path, false), relative(uri), "{path}");
        }
    }

    #[test]
    fn absolute_paths_become_file_uris() {
        assert_eq!(
            artifact_location("/home/m a/x:y.yaml", false),
            absolute("file:///home/m%20a/x:y.yaml")
        );
        assert_eq!(
            artifact_location("C:\\maps\\a b.yaml", true),
            absolute("file:///C:/maps/a%20b.yaml")
        );
        assert_eq!(
            artifact_location("\\\\server\\share\\a.yaml", true),
            absolute("file:////server/share/a.yaml")
        );
        // Relative on Windows: a backslash separates; a root without a drive is relative to it.
        assert_eq!(
            artifact_location("maps\\a.yaml", true),
            relative("maps/a.yaml")
        );
        assert_eq!(artifact_location("\\a.yaml", true), relative("/a.yaml"));
    }

    #[test]
    fn messages_double_braces_and_carry_help() {
        assert_eq!(message_text("a {b}", "c}"), "a {{b}}\nhelp: c}}");
        assert_eq!(message_text("a", ""), "a");
    }

    #[test]
    fn names_and_descriptions() {
        assert_eq!(upper_camel_case("stale-map"), "StaleMap");
        assert_eq!(upper_camel_case("yaml-syntax"), "YamlSyntax");
        assert_eq!(upper_camel_case("schema"), "Schema");
        assert_eq!(
            first_paragraph("## What\n\nA map whose\n`updated` is old.\n\n## Why\n\nBecause."),
            Some("A map whose `updated` is old.".to_owned())
        );
        assert_eq!(first_paragraph("## What\n\nOne of these:\n\n- a"), None);
        assert_eq!(first_paragraph(""), None);
    }

    #[test]
    fn every_rule_has_a_full_description() {
        let report = Report::default();
        for rule in RULES {
            let descriptor = descriptor(rule, &report);
            assert!(!descriptor.full_description.text.is_empty(), "{}", rule.id);
            assert!(!descriptor.help.text.is_empty(), "{}", rule.id);
        }
    }
}
