//! What an editor asks of one document, answered from the library: which
//! files are maps, what text a finding covers, what is under the cursor,
//! what the ids refer to, what may be written where.
//!
//! Everything here works on a document's source (without BOM) and byte
//! offsets into it; the language server ([`crate::lsp`]) converts offsets
//! to and from the editor's positions and answers in LSP's terms.

use std::ops::Range;

pub mod complete;
pub mod hover;
pub mod ids;
pub mod outline;
pub mod schema_at;

use serde_json::Value;

use crate::map::load::load;
use crate::map::nodes::Nodes;

/// One document as the editor has it: its source, its value when it is
/// YAML, and its nodes.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The text without BOM (what `check` reads, and what offsets count in).
    pub source: String,
    pub value: Option<Value>,
    pub nodes: Nodes,
}

impl Analysis {
    pub fn new(path: &str, text: &str) -> Analysis {
        let loaded = load(path, text.as_bytes());
        let nodes = Nodes::new(&loaded.source);
        Analysis {
            value: loaded.document.map(|document| document.value),
            source: loaded.source,
            nodes,
        }
    }

    /// Whether the document is a journey map or a persona file by content
    /// (see [`is_map_or_persona`]).
    pub fn is_map_or_persona(&self) -> bool {
        is_map_or_persona(&self.source, self.value.as_ref())
    }
}

/// Whether a YAML file is a journey map or a persona file by content: a
/// top-level `stages` or `kind`. A file that does not parse is judged by
/// its lines, so that a map with a syntax error still gets its finding.
pub fn is_map_or_persona(source: &str, value: Option<&Value>) -> bool {
    const KEYS: [&str; 2] = ["stages", "kind"];
    match value {
        Some(Value::Object(top)) => KEYS.iter().any(|key| top.contains_key(*key)),
        Some(_) => false,
        None => source.lines().any(|line| {
            let line = line.trim_start_matches('\u{FEFF}');
            KEYS.iter().any(|key| {
                [*key, &format!("\"{key}\""), &format!("'{key}'")]
                    .iter()
                    .any(|written| {
                        line.strip_prefix(written)
                            .is_some_and(|rest| rest.trim_start().starts_with(':'))
                    })
            })
        }),
    }
}

/// The text a finding at `start` (a byte offset of `source`) covers: the
/// key, when the finding is on `pointer`'s key; the scalar; the first line
/// of an object or list; else the word there.
pub fn extent(source: &str, nodes: &Nodes, pointer: &str, start: usize) -> Range<usize> {
    let node = nodes.get(pointer).filter(|node| {
        node.value.start == start || node.key.as_ref().is_some_and(|key| key.start == start)
    });
    let node = node.or_else(|| {
        nodes.iter().find(|node| {
            node.value.start == start || node.key.as_ref().is_some_and(|key| key.start == start)
        })
    });
    match node {
        Some(node) => match &node.key {
            Some(key) if key.start == start => key.clone(),
            _ if node.kind.is_collection() => start..first_line_end(source, &node.value),
            _ => node.value.clone(),
        },
        None => start..word_end(source, start),
    }
}

/// The end of a range's first line, trailing spaces left out.
fn first_line_end(source: &str, range: &Range<usize>) -> usize {
    let text = source.get(range.clone()).unwrap_or_default();
    let line = text.split(['\n', '\r']).next().unwrap_or_default();
    range.start + line.trim_end().len()
}

/// The end of the run of non-space characters at `start`.
fn word_end(source: &str, start: usize) -> usize {
    let rest = source.get(start..).unwrap_or_default();
    start + rest.find(char::is_whitespace).unwrap_or(rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_and_personas_by_content() {
        let judge = |text: &str| Analysis::new("x.yaml", text).is_map_or_persona();
        assert!(judge("title: x\nstages: []\n"));
        assert!(judge("kind: persona\nid: maya\n"));
        assert!(!judge("name: my-app\non: push\n"));
        assert!(!judge("- a\n- b\n"));
        // Broken YAML: judged by its lines.
        assert!(judge("title: \"x\nstages:\n  - id: [\n"));
        assert!(!judge("jobs: [\n"));
        assert!(!judge("\u{0}\u{1}binary"));
    }

    #[test]
    fn extents_cover_the_key_the_scalar_or_the_first_line() {
        let source = "title: A map\npersona:\n  name: Maya\n  channels: [web]\nstages:\n  - id: a  \n    name: A\n";
        let analysis = Analysis::new("x.yaml", source);
        let covered = |pointer: &str, needle: &str| {
            let start = source.find(needle).expect("in the source");
            &source[extent(source, &analysis.nodes, pointer, start)]
        };
        assert_eq!(covered("/title", "A map"), "A map");
        assert_eq!(covered("/persona/channels", "channels"), "channels");
        assert_eq!(covered("/persona/channels", "[web]"), "[web]");
        assert_eq!(covered("/stages/0", "id: a"), "id: a");
        assert_eq!(covered("/persona", "name: Maya"), "name: Maya");
        // Not a node: the word.
        assert_eq!(covered("/nope", "map\n"), "map");
    }
}
