//! The workspace index: what ids exist where across the repository of maps.
//!
//! WORKSPACE.md's workspace is every `*.yaml`/`*.yml` file under the root
//! (the directory of the `.journeymap.yaml` in effect, else the current
//! directory), found as `check DIR` finds files. The index knows, for
//! each file, its kind (journey map, shared persona, or another `kind`),
//! its map id or persona id, the persona it uses by id, its `parent` and
//! its `journey` links, each with the JSON pointer of the value; and from
//! those, the maps and personas by id, the link graph (children, parents,
//! cycles) and which persona ids are used.
//!
//! It is built once per run, before any map's rules run, and cheaply: each
//! file is read and skimmed ([`skim`]), not parsed — only files that may
//! hold links, persona files and files the skim cannot be sure of are
//! loaded in full. Nothing here validates a map; persona files are loaded
//! so that maps can read them ([`PersonaEntry`]).
//!
//! # Use
//!
//! ```no_run
//! use journeymap::workspace::index::Workspace;
//! # let exclude = journeymap::workspace::discover::Exclude::default();
//! let workspace = Workspace::scan(std::path::Path::new("."), &exclude);
//! if let Some(checkout) = workspace.map_by_id("checkout") {
//!     for child in workspace.children(checkout) {
//!         println!("{} → {}", workspace.file(checkout).display, workspace.file(*child).display);
//!     }
//! }
//! if let Some(maya) = workspace.persona("maya") {
//!     println!("maya is defined in {}", maya.display());
//! }
//! ```
//!
//! - [`Workspace::scan`] walks a root; [`Workspace::from_texts`] builds the
//!   same index from `(path, bytes)` pairs (an editor's buffers), and
//!   [`Workspace::set_file`] / [`Workspace::remove_file`] update one file
//!   (standard input with `--stdin-filename`, a changed buffer). A
//!   [`FileId`] is valid until the next update.
//! - Files are in path order; "the first" file with an id is the first in
//!   that order, and every reference resolves to it ([`Workspace::map_by_id`],
//!   [`Workspace::persona`]); [`Workspace::duplicate_of`] names it for the
//!   later ones.
//! - Map ids and persona ids are two namespaces ([`Workspace::map_ids`],
//!   [`Workspace::persona_ids`]).
//! - The link graph: [`Workspace::children`], [`Workspace::parents`],
//!   [`Workspace::cycle_from`], [`Workspace::cycles`].
//! - Positions are not kept: a fact carries its file and pointer, and
//!   [`Workspace::locate`] finds the line and column when a message needs it.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::Value;

use crate::diagnostic::{Position, Target};
use crate::map::load::load;
use crate::workspace::discover::Exclude;

pub mod facts;
mod skim;

pub use facts::{Facts, Kind, Link, LinkPlace, id_from_file_name};

/// A file of the workspace: an index into [`Workspace::files`], valid
/// until the workspace changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(u32);

impl FileId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A map's id, and whether the file declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapId {
    pub text: String,
    /// From the top-level `id` (its finding points there); otherwise from
    /// the file name (its finding points at 1:1).
    pub declared: bool,
}

/// One file of the workspace.
#[derive(Debug, Clone)]
pub struct WorkspaceFile {
    /// Absolute (`.` and `..` resolved by name, links not followed).
    pub path: PathBuf,
    /// As messages name it: relative to the current directory when the
    /// index was built (`personas/maya.yaml`, `../checkout.yaml`).
    pub display: String,
    pub facts: Facts,
    /// A journey map's id; `None` for other kinds, and for a map whose
    /// file name leaves nothing and that declares none.
    pub map_id: Option<MapId>,
    /// Why the file could not be read (it is then a map without facts).
    pub unreadable: Option<String>,
    /// A persona file's persona, shared with the maps that use it.
    pub persona: Option<Arc<PersonaEntry>>,
}

impl WorkspaceFile {
    pub fn kind(&self) -> Kind {
        self.facts.kind
    }

    /// A persona file's id: its top-level `id`.
    pub fn persona_id(&self) -> Option<&str> {
        match self.facts.kind {
            Kind::Persona => self.facts.id.as_deref(),
            _ => None,
        }
    }
}

/// A persona file, as maps using it read it.
#[derive(Debug)]
pub struct PersonaEntry {
    display: String,
    source: String,
    value: Option<Value>,
    problem: Option<Problem>,
}

/// The first thing wrong with a file, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub position: Position,
    pub message: String,
}

impl PersonaEntry {
    /// Loads a persona file's bytes.
    fn read(display: &str, bytes: &[u8]) -> PersonaEntry {
        let loaded = load(display, bytes);
        let problem = loaded.findings.first().map(|finding| {
            let position = match &finding.anchor {
                crate::diagnostic::Anchor::At { position, .. } => *position,
                crate::diagnostic::Anchor::Pointer { pointer, target } => {
                    crate::map::span::locate(&loaded.source, &[(pointer.as_str(), *target)])
                        .first()
                        .copied()
                        .unwrap_or(Position::START)
                }
            };
            Problem {
                position,
                message: finding.message.clone(),
            }
        });
        PersonaEntry {
            display: display.to_owned(),
            value: loaded.document.map(|document| document.value),
            source: loaded.source,
            problem,
        }
    }

    /// The persona file, as messages name it.
    pub fn display(&self) -> &str {
        &self.display
    }

    /// The file's text (without BOM).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The file as JSON, when it loads.
    pub fn value(&self) -> Option<&Value> {
        self.value.as_ref()
    }

    /// The first problem that keeps the file from being read as a persona.
    pub fn problem(&self) -> Option<&Problem> {
        self.problem.as_ref()
    }

    /// The line and column of the value at `pointer` in the persona file.
    pub fn locate(&self, pointer: &str) -> Position {
        crate::map::span::locate(&self.source, &[(pointer, Target::Value)])
            .first()
            .copied()
            .unwrap_or(Position::START)
    }
}

/// A cycle of `journey` links: `files[0]` links to `files[1]` … and the
/// last back to `files[0]` (a map linking to itself: one file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle {
    pub files: Vec<FileId>,
    /// The link of `files[0]` (an index into its `facts.journeys`) that starts it.
    pub link: usize,
}

/// The index of a workspace. See the module documentation.
#[derive(Debug, Clone, Default)]
pub struct Workspace {
    root: PathBuf,
    files: Vec<WorkspaceFile>,
    /// What the tables below were built from ([`Workspace::reindex`]).
    by_path: HashMap<PathBuf, FileId>,
    map_ids: HashMap<String, FileId>,
    persona_ids: HashMap<String, FileId>,
    used_personas: HashSet<String>,
    children: Vec<Vec<FileId>>,
    parents: Vec<Vec<FileId>>,
    /// Per file, the strongly connected component of the link graph it is in.
    component: Vec<u32>,
    /// Per component, whether it holds a cycle (more than one map, or a
    /// map linking to itself).
    cyclic: Vec<bool>,
}

/// The workspace root: the configuration's directory, or the current one.
pub fn root(config_directory: Option<&Path>) -> PathBuf {
    match config_directory {
        Some(directory) => crate::workspace::config::absolute(directory),
        None => crate::workspace::config::absolute(Path::new(".")),
    }
}

impl Workspace {
    /// Finds, reads and skims every workspace file under `root` (hidden
    /// files and folders skipped, `exclude` applied), in parallel. A file
    /// that cannot be read is a map without facts: its check, when it is
    /// asked for, says why; the index does not stop for it.
    pub fn scan(root: &Path, exclude: &Exclude) -> Workspace {
        let root = crate::workspace::config::absolute(root);
        let paths = crate::workspace::discover::files_under(&root, exclude);
        let base = display_base();
        let files = paths
            .into_par_iter()
            .map(|path| {
                let display = display_of(&path, &base);
                match crate::files::read::read(&display, &path) {
                    Ok(bytes) => index_file(path, display, &bytes),
                    Err(error) => unreadable(path, display, error),
                }
            })
            .collect();
        Workspace::of_files(root, files)
    }

    /// The index of these files, given with their contents, as if they
    /// were the files under `root` (relative paths are taken from it).
    pub fn from_texts(root: &Path, texts: Vec<(PathBuf, Vec<u8>)>) -> Workspace {
        let root = crate::workspace::config::absolute(root);
        let base = display_base();
        let files = texts
            .into_par_iter()
            .map(|(path, bytes)| {
                let path = crate::workspace::config::absolute(&root.join(path));
                let display = display_of(&path, &base);
                index_file(path, display, &bytes)
            })
            .collect();
        Workspace::of_files(root, files)
    }

    fn of_files(root: PathBuf, mut files: Vec<WorkspaceFile>) -> Workspace {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files.dedup_by(|a, b| a.path == b.path);
        let mut workspace = Workspace {
            root,
            files,
            ..Workspace::default()
        };
        workspace.reindex();
        workspace
    }

    /// Puts a file's new contents in the index (adding it when it is new),
    /// as standard input named with `--stdin-filename` or an editor's
    /// buffer replaces the file on disk.
    pub fn set_file(&mut self, path: &Path, bytes: &[u8]) {
        let path = crate::workspace::config::absolute(path);
        let display = display_of(&path, &display_base());
        let file = index_file(path, display, bytes);
        match self.files.binary_search_by(|f| f.path.cmp(&file.path)) {
            Ok(index) => self.files[index] = file,
            Err(index) => self.files.insert(index, file),
        }
        self.reindex();
    }

    /// Takes a file out of the index (deleted, or no longer a workspace file).
    pub fn remove_file(&mut self, path: &Path) {
        let path = crate::workspace::config::absolute(path);
        if let Ok(index) = self.files.binary_search_by(|f| f.path.cmp(&path)) {
            self.files.remove(index);
            self.reindex();
        }
    }

    /// The workspace root, absolute.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Every file, in path order.
    pub fn files(&self) -> &[WorkspaceFile] {
        &self.files
    }

    pub fn file(&self, id: FileId) -> &WorkspaceFile {
        &self.files[id.index()]
    }

    /// The file at `path` (as given on the command line), if it is one of
    /// the workspace.
    pub fn find(&self, path: &Path) -> Option<FileId> {
        self.by_path
            .get(&crate::workspace::config::absolute(path))
            .copied()
    }

    fn ids(&self) -> impl Iterator<Item = FileId> + '_ {
        (0..self.files.len()).map(|i| FileId(i as u32))
    }

    /// Every journey map (kind absent or `journey`), in path order.
    pub fn maps(&self) -> impl Iterator<Item = (FileId, &WorkspaceFile)> + '_ {
        self.ids()
            .map(|id| (id, self.file(id)))
            .filter(|(_, file)| file.kind() == Kind::Journey)
    }

    /// Every persona file, in path order.
    pub fn persona_files(&self) -> impl Iterator<Item = (FileId, &WorkspaceFile)> + '_ {
        self.ids()
            .map(|id| (id, self.file(id)))
            .filter(|(_, file)| file.kind() == Kind::Persona)
    }

    /// The first map with this id.
    pub fn map_by_id(&self, id: &str) -> Option<FileId> {
        self.map_ids.get(id).copied()
    }

    /// The first persona file with this id.
    pub fn persona_file(&self, id: &str) -> Option<FileId> {
        self.persona_ids.get(id).copied()
    }

    /// The persona of the first persona file with this id.
    pub fn persona(&self, id: &str) -> Option<&Arc<PersonaEntry>> {
        self.persona_file(id)
            .and_then(|file| self.file(file).persona.as_ref())
    }

    /// Every map id, sorted (for "did you mean").
    pub fn map_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.map_ids.keys().map(String::as_str).collect();
        ids.sort_unstable();
        ids
    }

    /// Every persona id, sorted.
    pub fn persona_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.persona_ids.keys().map(String::as_str).collect();
        ids.sort_unstable();
        ids
    }

    /// Whether a map of the workspace uses this persona id.
    pub fn is_persona_used(&self, id: &str) -> bool {
        self.used_personas.contains(id)
    }

    /// The maps that use this persona id, in path order.
    pub fn maps_using(&self, persona_id: &str) -> Vec<FileId> {
        self.maps()
            .filter(|(_, file)| file.facts.persona.as_deref() == Some(persona_id))
            .map(|(id, _)| id)
            .collect()
    }

    /// The earlier file holding the same map id or persona id as `file`.
    pub fn duplicate_of(&self, file: FileId) -> Option<FileId> {
        let entry = self.file(file);
        let first = match entry.kind() {
            Kind::Journey => self.map_by_id(&entry.map_id.as_ref()?.text)?,
            Kind::Persona => self.persona_file(entry.persona_id()?)?,
            Kind::Other => return None,
        };
        (first != file).then_some(first)
    }

    /// The maps `file` links to with `journey`, in the order of its links,
    /// each once (links to no map are left out).
    pub fn children(&self, file: FileId) -> &[FileId] {
        &self.children[file.index()]
    }

    /// The maps linking to `file` with `journey`, in path order.
    pub fn parents(&self, file: FileId) -> &[FileId] {
        &self.parents[file.index()]
    }

    /// The map a link of `file` leads to.
    pub fn link_target(&self, link: &Link) -> Option<FileId> {
        self.map_by_id(&link.target)
    }

    /// The shortest cycle of links from `file` back to it, starting with
    /// its first link that leads back; `None` when no link does.
    pub fn cycle_from(&self, file: FileId) -> Option<Cycle> {
        let component = self.component[file.index()];
        if !self.cyclic[component as usize] {
            return None;
        }
        let links = &self.file(file).facts.journeys;
        for (index, link) in links.iter().enumerate() {
            let Some(start) = self.link_target(link) else {
                continue;
            };
            if start == file {
                return Some(Cycle {
                    files: vec![file],
                    link: index,
                });
            }
            if self.component[start.index()] != component {
                continue;
            }
            if let Some(path) = self.shortest_path(start, file, component) {
                let mut files = vec![file];
                files.extend(path);
                files.pop(); // `file` again, at the end
                return Some(Cycle { files, link: index });
            }
        }
        None
    }

    /// Breadth first within one component: `from` … `to`, both included.
    fn shortest_path(&self, from: FileId, to: FileId, component: u32) -> Option<Vec<FileId>> {
        let mut previous: HashMap<FileId, FileId> = HashMap::new();
        let mut queue = std::collections::VecDeque::from([from]);
        previous.insert(from, from);
        while let Some(at) = queue.pop_front() {
            if at == to {
                let mut path = vec![to];
                let mut step = to;
                while step != from {
                    step = previous[&step]; // ok: every queued file has its previous one
                    path.push(step);
                }
                path.reverse();
                return Some(path);
            }
            for &next in self.children(at) {
                if self.component[next.index()] == component && !previous.contains_key(&next) {
                    previous.insert(next, at);
                    queue.push_back(next);
                }
            }
        }
        None
    }

    /// One cycle per group of maps that link to each other in a circle,
    /// from its first map in path order.
    pub fn cycles(&self) -> Vec<Cycle> {
        let mut seen = HashSet::new();
        self.ids()
            .filter(|id| {
                let component = self.component[id.index()];
                self.cyclic[component as usize] && seen.insert(component)
            })
            .filter_map(|id| self.cycle_from(id))
            .collect()
    }

    /// The line and column of the value at `pointer` in `file`, read again
    /// from disk (persona files from their kept text).
    pub fn locate(&self, file: FileId, pointer: &str) -> Option<Position> {
        let entry = self.file(file);
        if let Some(persona) = &entry.persona {
            return Some(persona.locate(pointer));
        }
        let bytes = crate::files::read::read(&entry.display, &entry.path).ok()?;
        let source = String::from_utf8_lossy(&bytes);
        crate::map::span::locate(&source, &[(pointer, Target::Value)])
            .first()
            .copied()
    }

    /// Rebuilds every table from the files.
    fn reindex(&mut self) {
        let count = self.files.len();
        self.by_path = HashMap::with_capacity(count);
        self.map_ids = HashMap::with_capacity(count);
        self.persona_ids = HashMap::new();
        self.used_personas = HashSet::new();
        for (index, file) in self.files.iter().enumerate() {
            let id = FileId(index as u32);
            self.by_path.insert(file.path.clone(), id);
            match file.kind() {
                Kind::Journey => {
                    if let Some(map_id) = &file.map_id {
                        self.map_ids.entry(map_id.text.clone()).or_insert(id);
                    }
                    if let Some(persona) = &file.facts.persona {
                        self.used_personas.insert(persona.clone());
                    }
                }
                Kind::Persona => {
                    if let Some(persona_id) = file.persona_id() {
                        self.persona_ids.entry(persona_id.to_owned()).or_insert(id);
                    }
                }
                Kind::Other => {}
            }
        }
        self.children = vec![Vec::new(); count];
        self.parents = vec![Vec::new(); count];
        for index in 0..count {
            let mut children: Vec<FileId> = Vec::new();
            if self.files[index].kind() == Kind::Journey {
                for link in &self.files[index].facts.journeys {
                    if let Some(&child) = self.map_ids.get(&link.target)
                        && !children.contains(&child)
                    {
                        children.push(child);
                    }
                }
            }
            for child in &children {
                self.parents[child.index()].push(FileId(index as u32));
            }
            self.children[index] = children;
        }
        (self.component, self.cyclic) = components(&self.children);
    }
}

/// Tarjan's strongly connected components, without recursion (a chain of
/// sub-journeys may be thousands deep): each file's component, and for
/// each component whether it holds a cycle.
fn components(children: &[Vec<FileId>]) -> (Vec<u32>, Vec<bool>) {
    const UNSEEN: u32 = u32::MAX;
    let count = children.len();
    let mut order = vec![UNSEEN; count];
    let mut low = vec![0u32; count];
    let mut on_stack = vec![false; count];
    let mut component = vec![UNSEEN; count];
    let mut cyclic = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut next_order = 0u32;
    // (file, index of the next child to visit)
    let mut calls: Vec<(usize, usize)> = Vec::new();
    for start in 0..count {
        if order[start] != UNSEEN {
            continue;
        }
        calls.push((start, 0));
        while let Some(&mut (file, ref mut next_child)) = calls.last_mut() {
            if *next_child == 0 && order[file] == UNSEEN {
                order[file] = next_order;
                low[file] = next_order;
                next_order += 1;
                stack.push(file);
                on_stack[file] = true;
            }
            if let Some(child) = children[file].get(*next_child).map(|c| c.index()) {
                *next_child += 1;
                if order[child] == UNSEEN {
                    calls.push((child, 0));
                } else if on_stack[child] {
                    low[file] = low[file].min(order[child]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[file]);
            }
            if low[file] == order[file] {
                let number = cyclic.len() as u32;
                let mut size = 0;
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = number;
                    size += 1;
                    if member == file {
                        break;
                    }
                }
                let loops = children[file].iter().any(|c| c.index() == file);
                cyclic.push(size > 1 || loops);
            }
        }
    }
    (component, cyclic)
}

/// The directory display paths are relative to: the current one.
fn display_base() -> PathBuf {
    crate::workspace::config::absolute(Path::new("."))
}

/// `path` relative to `base`, with `..` where it is outside.
fn display_of(path: &Path, base: &Path) -> String {
    if let Ok(inside) = path.strip_prefix(base) {
        return inside.to_string_lossy().into_owned();
    }
    let shared = path
        .components()
        .zip(base.components())
        .take_while(|(a, b)| a == b)
        .count();
    if shared == 0 {
        return path.to_string_lossy().into_owned();
    }
    let mut shown = PathBuf::new();
    for _ in base.components().skip(shared) {
        shown.push("..");
    }
    shown.extend(path.components().skip(shared));
    shown.to_string_lossy().into_owned()
}

fn unreadable(path: PathBuf, display: String, error: String) -> WorkspaceFile {
    WorkspaceFile {
        map_id: map_id(&path, &Facts::default()),
        path,
        display,
        facts: Facts::default(),
        unreadable: Some(error),
        persona: None,
    }
}

/// One file's entry: skimmed, or loaded when the skim declines, when the
/// file may hold links, and when it is a persona file.
fn index_file(path: PathBuf, display: String, bytes: &[u8]) -> WorkspaceFile {
    let skimmed = skim::skim(bytes);
    let (facts, persona) = match skimmed {
        Some(facts) if facts.kind != Kind::Persona => (facts, None),
        skimmed => {
            let entry = PersonaEntry::read(&display, bytes);
            let mut facts = entry.value().map(Facts::of_value).unwrap_or_default();
            // A persona file broken beyond loading stays one.
            if entry.value().is_none() {
                facts = skimmed.unwrap_or_else(|| skim::lenient(bytes));
            }
            let persona = (facts.kind == Kind::Persona).then(|| Arc::new(entry));
            (facts, persona)
        }
    };
    WorkspaceFile {
        map_id: map_id(&path, &facts),
        path,
        display,
        facts,
        unreadable: None,
        persona,
    }
}

fn map_id(path: &Path, facts: &Facts) -> Option<MapId> {
    if facts.kind != Kind::Journey {
        return None;
    }
    if let Some(id) = &facts.id {
        return Some(MapId {
            text: id.clone(),
            declared: true,
        });
    }
    let name = path.file_name()?.to_string_lossy();
    id_from_file_name(&name).map(|text| MapId {
        text,
        declared: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace(files: &[(&str, &str)]) -> Workspace {
        Workspace::from_texts(
            Path::new("/ws"),
            files
                .iter()
                .map(|(path, text)| (PathBuf::from(path), text.as_bytes().to_vec()))
                .collect(),
        )
    }

    fn names(workspace: &Workspace, ids: &[FileId]) -> Vec<String> {
        ids.iter()
            .map(|id| {
                workspace
                    .file(*id)
                    .map_id
                    .as_ref()
                    .map_or("?".into(), |m| m.text.clone())
            })
            .collect()
    }

    const CHECKOUT: &str = "title: Checkout\nstages:\n  - id: pay\n    journey: payment\n    touchpoints:\n      - { id: t, journey: delivery }\n";
    const PAYMENT: &str =
        "title: Payment\nparent: checkout\nstages:\n  - id: a\n    journey: checkout\n";

    #[test]
    fn ids_links_and_personas() {
        let ws = workspace(&[
            ("journeys/checkout.yaml", CHECKOUT),
            (
                "journeys/Payment Flow.yaml",
                &format!("id: payment\n{PAYMENT}"),
            ),
            ("delivery.yml", "title: Delivery\npersona: maya\n"),
            (
                "personas/maya.yaml",
                "kind: persona\nid: maya\nname: Maya\n",
            ),
            ("personas/old.yaml", "kind: persona\nid: old\nname: Old\n"),
            ("other.yaml", "kind: runbook\n"),
        ]);
        assert_eq!(ws.root(), Path::new("/ws"));
        let checkout = ws.map_by_id("checkout").expect("checkout");
        assert_eq!(names(&ws, ws.children(checkout)), ["payment", "delivery"]);
        let payment = ws.map_by_id("payment").expect("payment");
        assert_eq!(names(&ws, ws.parents(checkout)), ["payment"]);
        assert_eq!(ws.file(payment).facts.parent.as_deref(), Some("checkout"));
        assert_eq!(ws.map_ids(), ["checkout", "delivery", "payment"]);
        assert_eq!(ws.persona_ids(), ["maya", "old"]);
        assert!(ws.is_persona_used("maya") && !ws.is_persona_used("old"));
        let maya = ws.persona("maya").expect("maya");
        assert!(
            maya.display().ends_with("personas/maya.yaml"),
            "{}",
            maya.display()
        );
        assert_eq!(
            maya.value().and_then(|v| v.get("name")),
            Some(&Value::from("Maya"))
        );
        assert_eq!(maya.locate("/name"), Position { line: 3, column: 7 });
        assert_eq!(names(&ws, &ws.maps_using("maya")), ["delivery"]);
        let other = ws.find(Path::new("/ws/other.yaml")).expect("found");
        assert_eq!(ws.file(other).kind(), Kind::Other);
        assert_eq!(ws.file(other).map_id, None);
    }

    #[test]
    fn cycles_in_order() {
        let ws = workspace(&[
            ("checkout.yaml", CHECKOUT),
            ("payment.yaml", PAYMENT),
            ("delivery.yaml", "title: D\n"),
            (
                "self.yaml",
                "stages:\n  - id: a\n    journey: x\n  - id: b\n    journey: self\n",
            ),
        ]);
        let cycle = |id: &str| {
            let file = ws.map_by_id(id).expect("a map");
            ws.cycle_from(file).map(|c| (names(&ws, &c.files), c.link))
        };
        assert_eq!(
            cycle("checkout"),
            Some((vec!["checkout".into(), "payment".into()], 0))
        );
        assert_eq!(
            cycle("payment"),
            Some((vec!["payment".into(), "checkout".into()], 0))
        );
        assert_eq!(cycle("self"), Some((vec!["self".into()], 1)));
        assert_eq!(cycle("delivery"), None);
        assert_eq!(ws.cycles().len(), 2);
    }

    #[test]
    fn duplicates_name_the_first_in_path_order() {
        let ws = workspace(&[
            ("b/checkout.yaml", "title: B\n"),
            ("a/checkout.yaml", "title: A\n"),
            ("c.yaml", "id: checkout\n"),
            ("p1.yaml", "kind: persona\nid: maya\n"),
            ("p2.yaml", "kind: persona\nid: maya\n"),
        ]);
        let first = ws.map_by_id("checkout").expect("checkout");
        assert!(ws.file(first).path.ends_with("a/checkout.yaml"));
        let later = ws.find(Path::new("/ws/c.yaml")).expect("c");
        assert_eq!(ws.duplicate_of(later), Some(first));
        assert_eq!(ws.duplicate_of(first), None);
        let p2 = ws.find(Path::new("/ws/p2.yaml")).expect("p2");
        assert_eq!(ws.duplicate_of(p2), ws.persona_file("maya"));
    }

    #[test]
    fn files_are_updated_one_by_one() {
        let mut ws = workspace(&[("checkout.yaml", CHECKOUT), ("payment.yaml", PAYMENT)]);
        let checkout = ws.map_by_id("checkout").expect("checkout");
        assert!(ws.cycle_from(checkout).is_some());
        ws.set_file(Path::new("/ws/payment.yaml"), b"title: Payment\n");
        let checkout = ws.map_by_id("checkout").expect("checkout");
        assert!(ws.cycle_from(checkout).is_none());
        ws.set_file(Path::new("/ws/new.yaml"), b"id: fresh\n");
        assert!(ws.map_by_id("fresh").is_some());
        ws.remove_file(Path::new("/ws/new.yaml"));
        assert!(ws.map_by_id("fresh").is_none());
    }

    #[test]
    fn a_broken_persona_file_stays_a_persona_file() {
        let ws = workspace(&[("maya.yaml", "kind: persona\nid: maya\nname: [unclosed\n")]);
        let maya = ws.persona("maya").expect("maya");
        assert!(maya.value().is_none());
        let problem = maya.problem().expect("a problem");
        // At the `[` that is never closed (the parser stopped at the end of the file).
        assert_eq!(
            (problem.position.line, problem.position.column),
            (3, 7),
            "{problem:?}"
        );
    }

    #[test]
    fn display_paths() {
        let base = Path::new("/repo/journeys");
        assert_eq!(
            display_of(Path::new("/repo/journeys/a.yaml"), base),
            "a.yaml"
        );
        assert_eq!(
            display_of(Path::new("/repo/personas/maya.yaml"), base),
            "../personas/maya.yaml"
        );
    }

    #[test]
    fn a_long_chain_has_no_cycle_and_no_deep_recursion() {
        let count = 20_000;
        let children: Vec<Vec<FileId>> = (0..count)
            .map(|i| {
                if i + 1 < count {
                    vec![FileId(i as u32 + 1)]
                } else {
                    vec![]
                }
            })
            .collect();
        let (component, cyclic) = components(&children);
        assert_eq!(cyclic.len(), count);
        assert!(cyclic.iter().all(|c| !c));
        assert_eq!(component.len(), count);
    }
}
