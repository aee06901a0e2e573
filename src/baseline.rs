//! Baselines: adopt journeymap on a repository with known findings, and fail
//! only on new ones.
//!
//! `check --write-baseline FILE` records every finding as (file, rule,
//! fingerprint) — the fingerprint survives line moves and edits elsewhere in
//! the file (see [`crate::fingerprint`]). `check --baseline FILE` drops the
//! findings it records, each entry matching at most one finding, so a second
//! identical problem still counts as new.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::check::FileReport;

/// The file's format version; a baseline of another version is refused.
const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    file: String,
    rule: String,
    fingerprint: String,
    /// For the reader of the file (and of its diffs); not used for matching.
    #[serde(default)]
    message: String,
}

/// Findings recorded in a baseline, counted by what they are matched on.
#[derive(Debug, Default)]
pub struct Baseline {
    remaining: BTreeMap<(String, String, String), usize>,
}

/// The baseline file for these reports, as JSON text (in report order).
pub fn render(files: &[FileReport]) -> String {
    let findings = files
        .iter()
        .flat_map(|file| &file.diagnostics)
        .map(|d| Entry {
            file: d.file.clone(),
            rule: d.rule.to_owned(),
            fingerprint: d.fingerprint.clone(),
            message: d.message.clone(),
        })
        .collect();
    let file = File {
        version: VERSION,
        findings,
    };
    // Plain strings and numbers always serialize.
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    text
}

impl Baseline {
    /// Reads a baseline file's text; `Err` says what is wrong with it.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let file: File = serde_json::from_str(text).map_err(|error| {
            format!("not a journeymap baseline ({error}); write one with --write-baseline")
        })?;
        if file.version != VERSION {
            return Err(format!(
                "baseline version {} is not supported (this journeymap writes version {VERSION})",
                file.version
            ));
        }
        let mut remaining = BTreeMap::new();
        for entry in file.findings {
            *remaining
                .entry((entry.file, entry.rule, entry.fingerprint))
                .or_insert(0) += 1;
        }
        Ok(Baseline { remaining })
    }

    /// Removes the findings the baseline records; returns how many.
    pub fn apply(&mut self, files: &mut [FileReport]) -> usize {
        let mut suppressed = 0;
        for file in files {
            file.diagnostics.retain(|d| {
                let key = (d.file.clone(), d.rule.to_owned(), d.fingerprint.clone());
                match self.remaining.get_mut(&key) {
                    Some(count) if *count > 0 => {
                        *count -= 1;
                        suppressed += 1;
                        false
                    }
                    _ => true,
                }
            });
        }
        suppressed
    }
}
