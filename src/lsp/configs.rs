//! `.journeymap.yaml` as the server sees it: found from each document's
//! folder upwards (or given with `--config`), read once and again when it
//! changes; a bad one is reported on itself and the defaults are used.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::Position;
use crate::workspace::config::{self, Config, FILE_NAME};

use super::Options;

/// A configuration file as last read.
#[derive(Debug, Clone)]
pub struct ConfigFile {
    /// What documents under it are checked with: the file's settings, or
    /// the defaults when it has problems.
    pub config: Config,
    /// What is wrong with it, in file order.
    pub problems: Vec<(Position, String)>,
    /// The text the problems' positions count in.
    pub text: String,
}

#[derive(Debug, Default)]
pub struct Configs {
    options: Options,
    files: HashMap<PathBuf, ConfigFile>,
}

impl Configs {
    pub fn new(options: Options) -> Configs {
        Configs {
            options,
            files: HashMap::new(),
        }
    }

    /// The configuration file in effect for a document (`None`: the defaults).
    pub fn file_for(&self, document: Option<&Path>) -> Option<PathBuf> {
        if self.options.no_config {
            return None;
        }
        if let Some(given) = &self.options.config {
            return Some(config::absolute(given));
        }
        let folder = document?.parent()?;
        folder
            .ancestors()
            .map(|directory| directory.join(FILE_NAME))
            .find(|candidate| candidate.is_file())
    }

    /// The configuration file at `path`, read from `open_text` (the
    /// editor's buffer) or from disk, once until [`Configs::forget`].
    pub fn get(&mut self, path: &Path, open_text: Option<&str>) -> &ConfigFile {
        self.files
            .entry(path.to_path_buf())
            .or_insert_with(|| read(path, open_text))
    }

    /// Rereads every configuration file at its next use.
    pub fn forget(&mut self) {
        self.files.clear();
    }

    /// Whether `path` is a configuration file (by its name, or as `--config`).
    pub fn is_config(&self, path: &Path) -> bool {
        path.file_name().is_some_and(|name| name == FILE_NAME)
            || self
                .options
                .config
                .as_ref()
                .is_some_and(|given| config::absolute(given) == path)
    }
}

fn read(path: &Path, open_text: Option<&str>) -> ConfigFile {
    let display = path.to_string_lossy().into_owned();
    let bytes = match open_text {
        Some(text) => Ok(text.as_bytes().to_vec()),
        None => std::fs::read(path),
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(error) => {
            let message = format!(
                "cannot read configuration {display}: {}",
                crate::workspace::discover::describe_io_error(&error)
            );
            return ConfigFile {
                config: Config::default(),
                problems: vec![(Position::START, message)],
                text: String::new(),
            };
        }
    };
    let base = path.parent().unwrap_or(Path::new("/"));
    let text = String::from_utf8_lossy(&bytes).into_owned();
    match config::parse_located(&display, &bytes, base) {
        Ok(config) => ConfigFile {
            config,
            problems: Vec::new(),
            text,
        },
        Err(problems) => ConfigFile {
            config: Config::default(),
            problems,
            text,
        },
    }
}
