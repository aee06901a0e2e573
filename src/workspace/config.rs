//! `.journeymap.yaml`: finding it, reading it, and refusing a bad one.
//!
//! A configuration changes rule severities (or turns rules off), the
//! parameters of `stale-map` and `missing-standard-stage`, and which files a
//! directory walk skips. Every problem in it is reported with its file, line
//! and column, and stops the run before any map is checked.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diagnostic::{Anchor, Finding, Position, Severity, Target};
use crate::map::load::load_config;
use crate::map::span;
use crate::rules::{self, Settings};
use crate::suggest::did_you_mean;
use crate::workspace::discover::Exclude;

/// The file name looked up from the current directory upwards.
pub const FILE_NAME: &str = ".journeymap.yaml";

const KEYS: [&str; 4] = ["rules", "stale_after_days", "standard_stages", "exclude"];
const LEVELS: [&str; 4] = ["error", "warning", "info", "off"];

/// A configuration in effect: the defaults when there is no file.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it came from, as shown in messages.
    pub path: Option<String>,
    /// The same file, to be opened (and never written over).
    pub file: Option<PathBuf>,
    pub settings: Settings,
    pub exclude: Exclude,
}

/// Where the configuration comes from, as the command line says.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// `--config FILE`.
    File(&'a Path),
    /// Look for `.journeymap.yaml` from this directory upwards.
    Search(&'a Path),
    /// `--no-config`.
    None,
}

/// The configuration in effect, or one `error:` line per problem.
pub fn resolve(source: Source<'_>) -> Result<Config, Vec<String>> {
    let path = match source {
        Source::None => return Ok(Config::default()),
        Source::File(path) => path.to_path_buf(),
        Source::Search(start) => match search(start) {
            Some(path) => path,
            None => return Ok(Config::default()),
        },
    };
    let display = display(&path, source);
    let bytes = crate::files::read::file(&path, crate::files::read::Kind::Configuration)
        .map_err(|error| vec![format!("cannot read configuration {display}: {error}")])?;
    let base = absolute(path.parent().unwrap_or(Path::new("")));
    let mut config = parse(&display, &bytes, &base)?;
    config.file = Some(path);
    Ok(config)
}

/// The nearest `.journeymap.yaml` in `start` or a directory above it. Any
/// file of that name counts, so that a FIFO, a broken link or an unreadable
/// one is an error rather than silently no configuration; a directory does not.
fn search(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|directory| directory.join(FILE_NAME))
        .find(|candidate| std::fs::symlink_metadata(candidate).is_ok() && !candidate.is_dir())
}

/// A found file is shown relative to the directory the search started in
/// (`.journeymap.yaml`, `../.journeymap.yaml`); a given one as given.
fn display(path: &Path, source: Source<'_>) -> String {
    if let Source::Search(start) = source
        && let Some(directory) = path.parent()
        && let Ok(up) = start.strip_prefix(directory)
    {
        let mut shown = PathBuf::new();
        for _ in up.components() {
            shown.push("..");
        }
        return shown.join(FILE_NAME).to_string_lossy().into_owned();
    }
    path.to_string_lossy().into_owned()
}

/// `path` made absolute without touching the file system: `.` and `..`
/// are resolved by their names, as a user reads them.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = match std::env::current_dir() {
        Ok(current) if path.is_relative() => current.join(path),
        _ => path.to_path_buf(),
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Reads a configuration's text. `base` is the directory `exclude` patterns are relative to.
pub fn parse(display: &str, bytes: &[u8], base: &Path) -> Result<Config, Vec<String>> {
    parse_located(display, bytes, base).map_err(|problems| {
        problems
            .into_iter()
            .map(|(position, message)| {
                format!("{display}:{}:{}: {message}", position.line, position.column)
            })
            .collect()
    })
}

/// [`parse`], with each problem's position apart from its message (the
/// language server shows them as diagnostics on the file), in file order.
pub fn parse_located(
    display: &str,
    bytes: &[u8],
    base: &Path,
) -> Result<Config, Vec<(Position, String)>> {
    let loaded = load_config(display, bytes);
    let mut problems = loaded.findings;
    let mut config = Config {
        path: Some(display.to_owned()),
        ..Config::default()
    };
    if let Some(document) = &loaded.document
        && problems.is_empty()
    {
        read_keys(&document.value, base, &mut config, &mut problems);
    }
    if problems.is_empty() {
        return Ok(config);
    }
    Err(describe(&loaded.source, problems))
}

fn read_keys(root: &Value, base: &Path, config: &mut Config, problems: &mut Vec<Finding>) {
    let Some(entries) = root.as_object() else {
        return;
    };
    for (key, value) in entries {
        let pointer = format!("/{}", crate::diagnostic::escape_pointer_segment(key));
        match key.as_str() {
            "rules" => read_rules(value, &pointer, &mut config.settings, problems),
            "stale_after_days" => match value.as_u64().and_then(|n| u32::try_from(n).ok()) {
                Some(days) => config.settings.stale_after_days = days,
                None => problems.push(problem(
                    &pointer,
                    Target::Value,
                    format!(
                        "`stale_after_days` must be a whole number of days (0 or more), not {}",
                        shown(value)
                    ),
                )),
            },
            "standard_stages" => {
                if let Some(stages) = strings(value, &pointer, key, problems) {
                    config.settings.standard_stages = stages;
                }
            }
            "exclude" => {
                if let Some(patterns) = strings(value, &pointer, key, problems) {
                    match Exclude::new(base, &patterns) {
                        Ok(exclude) => config.exclude = exclude,
                        Err((index, error)) => problems.push(problem(
                            &format!("{pointer}/{index}"),
                            Target::Value,
                            format!("invalid pattern in `exclude`: {error}"),
                        )),
                    }
                }
            }
            unknown => {
                let mut message = format!(
                    "unknown key \"{unknown}\" (allowed: {})",
                    KEYS.map(|k| format!("`{k}`")).join(", ")
                );
                if let Some(close) = did_you_mean(unknown, KEYS) {
                    message.push_str(&format!("; did you mean \"{close}\"?"));
                }
                problems.push(problem(&pointer, Target::Key, message));
            }
        }
    }
}

fn read_rules(value: &Value, pointer: &str, settings: &mut Settings, problems: &mut Vec<Finding>) {
    let Some(entries) = value.as_object() else {
        problems.push(problem(
            pointer,
            Target::Value,
            format!(
                "`rules` must be a mapping of rule id to severity (e.g. `stale-map: error`), not {}",
                shown(value)
            ),
        ));
        return;
    };
    for (id, level) in entries {
        let entry = format!(
            "{pointer}/{}",
            crate::diagnostic::escape_pointer_segment(id)
        );
        let Some(rule) = rules::find(id) else {
            let mut message = format!("unknown rule \"{id}\" in `rules`");
            match did_you_mean(id, rules::RULES.iter().map(|rule| rule.id)) {
                Some(close) => message.push_str(&format!("; did you mean \"{close}\"?")),
                None => message.push_str("; `journeymap rules` lists them"),
            }
            problems.push(problem(&entry, Target::Key, message));
            continue;
        };
        let severity = match level.as_str() {
            Some("error") => Some(Severity::Error),
            Some("warning") => Some(Severity::Warning),
            Some("info") => Some(Severity::Info),
            Some("off") if matches!(rule.id, "yaml-syntax" | "schema") => {
                problems.push(problem(
                    &entry,
                    Target::Value,
                    format!(
                        "rule \"{}\" cannot be turned off: a file that is not a valid journey map cannot be checked further",
                        rule.id
                    ),
                ));
                continue;
            }
            Some("off") => None,
            _ => {
                let mut message = format!(
                    "{} is not a severity for rule \"{id}\"; use error, warning, info or off",
                    shown(level)
                );
                if let Some(close) = level.as_str().and_then(|text| did_you_mean(text, LEVELS)) {
                    message.push_str(&format!(" (did you mean \"{close}\"?)"));
                }
                problems.push(problem(&entry, Target::Value, message));
                continue;
            }
        };
        settings.severities.insert(rule.id, severity);
    }
}

/// A list of non-empty strings, or a problem.
fn strings(
    value: &Value,
    pointer: &str,
    key: &str,
    problems: &mut Vec<Finding>,
) -> Option<Vec<String>> {
    let Some(items) = value.as_array() else {
        problems.push(problem(
            pointer,
            Target::Value,
            format!("`{key}` must be a list of strings, not {}", shown(value)),
        ));
        return None;
    };
    let mut out = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        match item.as_str() {
            Some(text) if !text.trim().is_empty() => out.push(text.to_owned()),
            _ => {
                problems.push(problem(
                    &format!("{pointer}/{index}"),
                    Target::Value,
                    format!("`{key}` must hold non-empty strings, not {}", shown(item)),
                ));
                return None;
            }
        }
    }
    Some(out)
}

/// A value as a message quotes it.
fn shown(value: &Value) -> String {
    match value {
        Value::Null => "nothing (null)".to_owned(),
        Value::String(text) => format!("\"{text}\""),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "a mapping".to_owned(),
        other => other.to_string(),
    }
}

/// A problem in the configuration, as a finding so that it is located like one.
fn problem(pointer: &str, target: Target, message: String) -> Finding {
    match target {
        Target::Value => Finding::at_value("config", pointer, message, ""),
        Target::Key => Finding::at_key("config", pointer, message, ""),
    }
}

/// Each problem's position and message, in file order.
fn describe(source: &str, problems: Vec<Finding>) -> Vec<(Position, String)> {
    let requests: Vec<(&str, Target)> = problems
        .iter()
        .filter_map(|finding| match &finding.anchor {
            Anchor::Pointer { pointer, target } => Some((pointer.as_str(), *target)),
            Anchor::At { .. } => None,
        })
        .collect();
    let mut located = span::locate(source, &requests).into_iter();
    let mut lines: Vec<(Position, String)> = problems
        .into_iter()
        .map(|finding| {
            let position = match finding.anchor {
                Anchor::Pointer { .. } => located.next().unwrap_or(Position::START),
                Anchor::At { position, .. } => position,
            };
            let message = match finding.rule {
                "yaml-syntax" => format!("invalid YAML: {}", finding.message),
                _ => finding.message,
            };
            (position, message)
        })
        .collect();
    lines.sort();
    lines
}
