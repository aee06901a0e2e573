//! Command-line paths → the sorted, deduplicated list of maps to check.

use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use ignore::WalkBuilder;

use super::display_name;

/// One map to check.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    /// Standard input (`-`).
    Stdin,
    /// A file; `display` is the path as given or found, as reports show it.
    File { display: String, path: PathBuf },
}

impl Input {
    pub fn display(&self) -> &str {
        match self {
            Input::Stdin => "-",
            Input::File { display, .. } => display,
        }
    }
}

/// The maps found, and the paths that gave none (each an operational error).
#[derive(Debug, Default)]
pub struct Discovered {
    pub inputs: Vec<Input>,
    pub errors: Vec<String>,
    /// A walk found a symbolic link: it may name a file found by another path.
    links: bool,
}

/// The configuration file is never a map.
const CONFIG_FILE_NAME: &str = crate::workspace::config::FILE_NAME;

/// The configuration's `exclude` patterns: files a directory walk or a glob
/// skips. Patterns are relative to the configuration's directory; one without
/// a `/` matches a file or folder name at any depth, as in `.gitignore`.
#[derive(Debug, Clone, Default)]
pub struct Exclude {
    /// The configuration's directory, absolute.
    base: PathBuf,
    set: GlobSet,
}

impl Exclude {
    /// Compiles the patterns; on a bad one, its index and the error.
    pub fn new(base: &Path, patterns: &[String]) -> Result<Exclude, (usize, globset::Error)> {
        let mut builder = GlobSetBuilder::new();
        for (index, pattern) in patterns.iter().enumerate() {
            let trimmed = pattern.trim();
            let trimmed = trimmed.strip_prefix("./").unwrap_or(trimmed);
            let core = trimmed.trim_end_matches('/');
            let full = match core.strip_prefix('/') {
                Some(anchored) => anchored.to_owned(),
                None if core.contains('/') => core.to_owned(),
                None => format!("**/{core}"),
            };
            let glob = GlobBuilder::new(&full)
                .literal_separator(true)
                .build()
                .map_err(|error| (index, error))?;
            builder.add(glob);
        }
        let set = builder.build().map_err(|error| (0, error))?;
        Ok(Exclude {
            base: base.to_path_buf(),
            set,
        })
    }

    /// Whether a file found under `root`, or a folder it is in, matches a
    /// pattern — by its path from the configuration's directory, or from the
    /// directory being searched (`check maps/` with `drafts/**` skips `maps/drafts/`).
    fn excludes(&self, root: &Path, path: &Path) -> bool {
        if self.set.is_empty() {
            return false;
        }
        let absolute = crate::workspace::config::absolute(path);
        let from_config = absolute.strip_prefix(&self.base).ok();
        let from_root = path.strip_prefix(root).ok();
        [from_config, from_root]
            .into_iter()
            .flatten()
            .any(|relative| {
                relative
                    .ancestors()
                    .filter(|p| !p.as_os_str().is_empty())
                    .any(|p| self.set.is_match(p))
            })
    }
}

/// Resolves every path: a file as it is, a directory searched recursively
/// for `*.yaml`/`*.yml` (hidden files and folders skipped, `exclude`
/// applied), a glob, or `-`. No path means the current directory.
pub fn discover(paths: &[String], exclude: &Exclude) -> Discovered {
    let mut found = Discovered::default();
    let default = [".".to_owned()];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    for given in paths {
        let before = found.inputs.len();
        let errors_before = found.errors.len();
        let path = Path::new(given);
        if given == "-" {
            found.inputs.push(Input::Stdin);
            continue;
        }
        // Errors name the path as given, on one line.
        let shown = display_name::escape_str(given);
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                walk(path, exclude, None, &mut found);
                if found.inputs.len() == before && found.errors.len() == errors_before {
                    found.errors.push(format!(
                        "{shown}: no journey map (*.yaml, *.yml) in this directory"
                    ));
                }
            }
            // The configuration is never a map, even when named (pre-commit
            // passes every changed `*.yaml`, `.journeymap.yaml` included).
            Ok(_)
                if path
                    .file_name()
                    .is_some_and(|name| name == CONFIG_FILE_NAME) => {}
            // Any other file named explicitly is checked whatever its name; reading reports what it is.
            Ok(_) => found.inputs.push(Input::File {
                display: display_path(path),
                path: path.to_path_buf(),
            }),
            Err(_) if is_glob(given) => match glob(given) {
                Ok((base, set)) => {
                    if base.is_dir() {
                        walk(&base, exclude, Some(&set), &mut found);
                    }
                    if found.inputs.len() == before {
                        found.errors.push(format!(
                            "{shown}: no journey map (*.yaml, *.yml) matches this pattern"
                        ));
                    }
                }
                Err(error) => found
                    .errors
                    .push(format!("{shown}: invalid pattern: {error}")),
            },
            Err(error) if is_broken_link(path, &error) => {
                found.errors.push(format!("{shown}: {BROKEN_LINK}"))
            }
            Err(error) => found
                .errors
                .push(format!("{shown}: {}", describe_io_error(&error))),
        }
    }
    found.inputs.sort();
    found.inputs.dedup();
    if paths.len() == 1 && !found.links {
        // One walk without links never reaches a file twice.
        return found;
    }
    deduplicate(&mut found.inputs);
    found
}

/// One file reached by two paths (`map.yaml`, `./map.yaml`, `.`, a link to
/// it) is checked once, under the first path that is not a link.
fn deduplicate(inputs: &mut Vec<Input>) {
    use std::collections::HashMap;
    let key = |input: &Input| match input {
        Input::Stdin => PathBuf::from("-"),
        Input::File { path, .. } => std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()),
    };
    let is_link = |input: &Input| match input {
        Input::Stdin => false,
        Input::File { path, .. } => path.is_symlink(),
    };
    let keys: Vec<PathBuf> = inputs.iter().map(key).collect();
    // For each file, the input that stays.
    let mut kept: HashMap<&Path, usize> = HashMap::new();
    for (index, input) in inputs.iter().enumerate() {
        match kept.get(keys[index].as_path()) {
            Some(&first) if !is_link(&inputs[first]) || is_link(input) => {}
            _ => {
                kept.insert(&keys[index], index);
            }
        }
    }
    let mut index = 0;
    inputs.retain(|_| {
        index += 1;
        kept.get(keys[index - 1].as_path()) == Some(&(index - 1))
    });
}

/// The path as reports show it: as given, without leading `./`, escaped
/// so that it is one line and names one file ([`display_name`]).
fn display_path(path: &Path) -> String {
    let components = path
        .components()
        .skip_while(|c| matches!(c, std::path::Component::CurDir));
    let cleaned: PathBuf = components.collect();
    if cleaned.as_os_str().is_empty() {
        display_name::escape(path.as_os_str())
    } else {
        display_name::escape(cleaned.as_os_str())
    }
}

/// What a link whose target is gone is called in errors.
pub const BROKEN_LINK: &str = "a broken symbolic link (its target does not exist)";

/// Whether `error`, from following `path`, means that `path` is a link to nothing.
pub fn is_broken_link(path: &Path, error: &std::io::Error) -> bool {
    error.kind() == std::io::ErrorKind::NotFound && path.is_symlink()
}

/// A short, stable description of an I/O error (without "(os error 2)").
pub fn describe_io_error(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => {
            // "Too many levels of symbolic links (os error 40)" → "too many levels of symbolic links".
            let text = error.to_string();
            let text = text
                .find(" (os error")
                .map_or(&text[..], |cut| &text[..cut]);
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => String::new(),
            }
        }
    }
}

/// A walk's error, always with its path. Reading a directory's entries can
/// fail after the directory opened (`/proc/1/task/…`); the error then has
/// only a depth, and the path is that of the directory being listed, one
/// level up: `listing[depth - 1]`, the last directory the walk entered there.
fn describe_walk_error(error: &ignore::Error, listing: &[PathBuf]) -> String {
    fn reason(error: &ignore::Error) -> String {
        match error {
            ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => {
                reason(err)
            }
            ignore::Error::Io(io) => describe_io_error(io),
            ignore::Error::Loop { .. } => "a symbolic link loop".to_owned(),
            other => other.to_string(),
        }
    }
    fn path(error: &ignore::Error) -> Option<&Path> {
        match error {
            ignore::Error::WithPath { path, .. } => Some(path),
            ignore::Error::Loop { child, .. } => Some(child),
            ignore::Error::WithDepth { err, .. } => path(err),
            _ => None,
        }
    }
    fn depth(error: &ignore::Error) -> Option<usize> {
        match error {
            ignore::Error::WithDepth { depth, .. } => Some(*depth),
            ignore::Error::WithPath { err, .. } => depth(err),
            _ => None,
        }
    }
    match path(error) {
        Some(path) => format!("{}: {}", display_path(path), reason(error)),
        None => match depth(error).and_then(|d| listing.get(d.checked_sub(1)?)) {
            Some(directory) => format!(
                "{}: cannot list this directory: {}",
                display_path(directory),
                reason(error)
            ),
            // Never reached by ignore's walk, which always has a depth.
            None => format!("cannot search a directory: {}", reason(error)),
        },
    }
}

fn is_glob(path: &str) -> bool {
    path.contains(['*', '?', '[', '{'])
}

/// Splits a glob into the directory to walk (its literal leading
/// components) and the matcher for the whole pattern.
fn glob(pattern: &str) -> Result<(PathBuf, GlobSet), globset::Error> {
    let glob = GlobBuilder::new(pattern).literal_separator(true).build()?;
    let set = GlobSetBuilder::new().add(glob).build()?;
    let mut base = PathBuf::new();
    for component in Path::new(pattern).components() {
        let text = component.as_os_str().to_string_lossy();
        if is_glob(&text) {
            break;
        }
        base.push(component);
    }
    if base.as_os_str().is_empty() {
        base.push(".");
    }
    Ok((base, set))
}

/// Every map file under `root` as `check ROOT` finds them (hidden files and
/// folders skipped, `exclude` applied), in path order: the workspace's
/// files. A folder that cannot be read is passed over.
pub fn files_under(root: &Path, exclude: &Exclude) -> Vec<PathBuf> {
    let mut found = Discovered::default();
    walk(root, exclude, None, &mut found);
    found
        .inputs
        .into_iter()
        .filter_map(|input| match input {
            Input::File { path, .. } => Some(path),
            Input::Stdin => None,
        })
        .collect()
}

fn walk(root: &Path, exclude: &Exclude, only: Option<&GlobSet>, found: &mut Discovered) {
    let walker = WalkBuilder::new(root)
        .standard_filters(false)
        .hidden(true)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    // The directory the walk entered at each depth: the one it is listing.
    let mut listing: Vec<PathBuf> = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                found.errors.push(describe_walk_error(&error, &listing));
                continue;
            }
        };
        // Links are not followed into directories, but a link, FIFO or
        // device named like a map is listed: reading it says what it is.
        if entry.file_type().is_some_and(|t| t.is_dir()) {
            listing.truncate(entry.depth());
            listing.push(entry.path().to_path_buf());
            continue;
        }
        if entry.file_type().is_none() {
            continue;
        }
        let path = entry.path();
        let is_map = path.extension().is_some_and(|e| e == "yaml" || e == "yml")
            && path.file_name().is_some_and(|n| n != CONFIG_FILE_NAME);
        let relative = path.strip_prefix(".").unwrap_or(path);
        if !is_map
            || exclude.excludes(root, path)
            || only.is_some_and(|set| !set.is_match(path) && !set.is_match(relative))
        {
            continue;
        }
        found.links |= entry.path_is_symlink();
        found.inputs.push(Input::File {
            display: display_path(path),
            path: path.to_path_buf(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exclude(patterns: &[&str]) -> Exclude {
        let patterns: Vec<String> = patterns.iter().map(|p| (*p).to_owned()).collect();
        Exclude::new(Path::new("/repo"), &patterns).expect("valid patterns") // ok: a test's literal patterns
    }

    #[test]
    fn patterns_with_a_slash_are_anchored_at_the_configuration() {
        let set = exclude(&["drafts/**"]);
        assert!(set.excludes(Path::new("/elsewhere"), Path::new("/repo/drafts/a.yaml")));
        assert!(set.excludes(Path::new("/elsewhere"), Path::new("/repo/drafts/q1/a.yaml")));
        assert!(!set.excludes(
            Path::new("/elsewhere"),
            Path::new("/repo/maps/drafts/a.yaml")
        ));
        // …or at the directory being searched.
        assert!(set.excludes(
            Path::new("/repo/maps"),
            Path::new("/repo/maps/drafts/a.yaml")
        ));
    }

    #[test]
    fn patterns_without_a_slash_match_a_name_at_any_depth() {
        let set = exclude(&["old-*.yaml", "drafts/"]);
        assert!(set.excludes(Path::new("/x"), Path::new("/repo/a/b/old-2020.yaml")));
        assert!(set.excludes(Path::new("/x"), Path::new("/repo/a/drafts/map.yaml")));
        assert!(!set.excludes(Path::new("/x"), Path::new("/repo/a/bold-2020.yaml")));
        assert!(!set.excludes(Path::new("/x"), Path::new("/repo/a/map.yaml")));
    }

    #[test]
    fn a_leading_slash_anchors_a_name() {
        let set = exclude(&["/scratch.yaml"]);
        assert!(set.excludes(Path::new("/x"), Path::new("/repo/scratch.yaml")));
        assert!(!set.excludes(Path::new("/x"), Path::new("/repo/sub/scratch.yaml")));
    }

    #[test]
    fn star_stays_within_a_folder() {
        let set = exclude(&["maps/*.yaml"]);
        assert!(set.excludes(Path::new("/x"), Path::new("/repo/maps/a.yaml")));
        assert!(!set.excludes(Path::new("/x"), Path::new("/repo/maps/q1/a.yaml")));
    }

    #[test]
    fn a_directory_that_cannot_be_listed_is_named() {
        let denied = || std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let listing = [".", "./maps", "./maps/locked"].map(PathBuf::from);
        // Opening failed: the error has the path.
        let opening = ignore::Error::WithDepth {
            depth: 2,
            err: Box::new(ignore::Error::WithPath {
                path: PathBuf::from("./maps/locked"),
                err: Box::new(ignore::Error::Io(denied())),
            }),
        };
        assert_eq!(
            describe_walk_error(&opening, &listing),
            "maps/locked: permission denied"
        );
        // Listing failed after it opened: only a depth, one below the directory.
        let listing_failed = ignore::Error::WithDepth {
            depth: 3,
            err: Box::new(ignore::Error::Io(denied())),
        };
        assert_eq!(
            describe_walk_error(&listing_failed, &listing),
            "maps/locked: cannot list this directory: permission denied"
        );
    }

    #[test]
    fn no_patterns_exclude_nothing() {
        assert!(!Exclude::default().excludes(Path::new("."), Path::new("a.yaml")));
    }
}
