//! Every node of a document with the bytes it spans: what an editor needs
//! to underline a value, find what is under the cursor or edit a key.
//!
//! Built from the same event walk as [`crate::map::span`] (saphyr-parser),
//! but for every node, with ends as well as starts, as byte offsets into
//! the source. `check` never pays for it: the language server builds it
//! for the documents it has open, and `check` only for a file whose
//! findings carry a fix.

use std::collections::HashMap;
use std::ops::{ControlFlow, Range};

use saphyr_parser::{Marker, ScalarStyle};

use crate::map::span::{Shape, Visit, walk};

/// What kind of node it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// A scalar written plain (`web`), quoted (`"4"`, `'x'`) or as a block (`|`, `>`).
    Plain,
    Quoted,
    Block,
    /// A mapping written in block style (`key: value` lines) or in flow style (`{…}`).
    Mapping {
        flow: bool,
    },
    Sequence {
        flow: bool,
    },
    Alias,
}

impl NodeKind {
    pub fn is_scalar(self) -> bool {
        matches!(self, NodeKind::Plain | NodeKind::Quoted | NodeKind::Block)
    }

    pub fn is_collection(self) -> bool {
        matches!(self, NodeKind::Mapping { .. } | NodeKind::Sequence { .. })
    }
}

/// One node: the document root, a mapping value or a sequence item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Its JSON pointer (`/stages/0/touchpoints/1/channel`).
    pub pointer: String,
    /// The key that introduces it, for a mapping value (quotes included).
    pub key: Option<Range<usize>>,
    /// Its text: a scalar's (quotes included); a collection's from its
    /// first character to the end of its last item (a flow collection's
    /// closing bracket included).
    pub value: Range<usize>,
    pub kind: NodeKind,
}

/// The nodes of a document's first YAML document, in source order.
#[derive(Debug, Clone, Default)]
pub struct Nodes {
    nodes: Vec<Node>,
    by_pointer: HashMap<String, usize>,
}

impl Nodes {
    /// Walks `source` (a map's text without BOM). A parse error ends the
    /// walk: the nodes before it are kept.
    pub fn new(source: &str) -> Nodes {
        let mut offsets = Offsets::new(source);
        let mut nodes: Vec<Node> = Vec::new();
        let mut by_pointer = HashMap::new();
        // The open collections, as indexes into `nodes`.
        let mut open: Vec<usize> = Vec::new();
        let mut pending_key: Option<Range<usize>> = None;
        walk(source, |visit| {
            match visit {
                Visit::DocumentStart { index, .. } if index > 0 => return ControlFlow::Break(()),
                Visit::Key { span, complex, .. } => {
                    let start = offsets.of(span.start);
                    pending_key = (!complex).then(|| start..offsets.of(span.end));
                }
                Visit::Node {
                    pointer,
                    span,
                    shape,
                    key_position,
                    ..
                } => {
                    let kind = match shape {
                        Shape::Scalar(ScalarStyle::Plain) => NodeKind::Plain,
                        Shape::Scalar(ScalarStyle::Literal | ScalarStyle::Folded) => {
                            NodeKind::Block
                        }
                        Shape::Scalar(_) => NodeKind::Quoted,
                        Shape::Mapping => NodeKind::Mapping {
                            flow: is_flow_start(source, offsets.of(span.start)),
                        },
                        Shape::Sequence => NodeKind::Sequence {
                            flow: is_flow_start(source, offsets.of(span.start)),
                        },
                        Shape::Alias => NodeKind::Alias,
                    };
                    let start = offsets.of(span.start);
                    let end = match kind {
                        _ if kind.is_collection() => start,
                        // saphyr counts the spaces after a quoted scalar
                        // in a flow mapping (`{ b: "x" }`) as part of it.
                        NodeKind::Plain | NodeKind::Quoted => {
                            let end = offsets.of(span.end);
                            let text = source.get(start..end).unwrap_or_default();
                            start + text.trim_end().len()
                        }
                        _ => offsets.of(span.end),
                    };
                    let key = key_position.and(pending_key.take());
                    let index = nodes.len();
                    nodes.push(Node {
                        pointer: pointer.to_owned(),
                        key,
                        value: start..end,
                        kind,
                    });
                    by_pointer.entry(pointer.to_owned()).or_insert(index);
                    if kind.is_collection() {
                        open.push(index);
                    } else {
                        extend_open(&mut nodes, &open, end);
                    }
                }
                Visit::Close { span, .. } => {
                    if let Some(index) = open.pop() {
                        let node = &mut nodes[index];
                        if matches!(
                            node.kind,
                            NodeKind::Mapping { flow: true } | NodeKind::Sequence { flow: true }
                        ) {
                            let end = offsets.of(span.end).max(node.value.end);
                            node.value.end = end;
                            extend_open(&mut nodes, &open, end);
                        }
                    }
                }
                Visit::DocumentStart { .. } | Visit::Alias { .. } => {}
            }
            ControlFlow::Continue(())
        });
        Nodes { nodes, by_pointer }
    }

    /// The node of this pointer (its first occurrence).
    pub fn get(&self, pointer: &str) -> Option<&Node> {
        self.by_pointer
            .get(pointer)
            .map(|&index| &self.nodes[index])
    }

    /// Every node, in source order.
    pub fn iter(&self) -> impl Iterator<Item = &Node> {
        self.nodes.iter()
    }

    /// The innermost scalar or key whose text holds `offset` (its end
    /// included, so that a cursor just after a word is on it), and whether
    /// it is the key.
    pub fn at(&self, offset: usize) -> Option<(&Node, Place)> {
        let holds = |range: &Range<usize>| range.start <= offset && offset <= range.end;
        self.nodes.iter().rev().find_map(|node| {
            if node.key.as_ref().is_some_and(holds) {
                Some((node, Place::Key))
            } else if !node.kind.is_collection() && holds(&node.value) {
                Some((node, Place::Value))
            } else {
                None
            }
        })
    }

    /// The innermost collection whose text holds `offset`.
    pub fn collection_at(&self, offset: usize) -> Option<&Node> {
        self.nodes
            .iter()
            .rev()
            .find(|node| node.kind.is_collection() && node.value.contains(&offset))
    }
}

/// Where in a node a position is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Key,
    Value,
}

/// A collection's end grows with each item; so does every one around it.
fn extend_open(nodes: &mut [Node], open: &[usize], end: usize) {
    for &index in open {
        let node = &mut nodes[index];
        node.value.end = node.value.end.max(end);
    }
}

fn is_flow_start(source: &str, offset: usize) -> bool {
    matches!(source.as_bytes().get(offset), Some(b'{' | b'['))
}

/// Character indexes (as saphyr counts) to byte offsets, walking from the
/// last answer: the walk asks in nearly increasing order.
struct Offsets<'a> {
    source: &'a str,
    char_index: usize,
    byte: usize,
}

impl<'a> Offsets<'a> {
    fn new(source: &'a str) -> Offsets<'a> {
        Offsets {
            source,
            char_index: 0,
            byte: 0,
        }
    }

    fn of(&mut self, marker: Marker) -> usize {
        let wanted = marker.index();
        while self.char_index > wanted {
            match self.source[..self.byte].chars().next_back() {
                Some(c) => {
                    self.byte -= c.len_utf8();
                    self.char_index -= 1;
                }
                None => break,
            }
        }
        while self.char_index < wanted {
            match self.source[self.byte..].chars().next() {
                Some(c) => {
                    self.byte += c.len_utf8();
                    self.char_index += 1;
                }
                None => break,
            }
        }
        self.byte
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text<'a>(source: &'a str, range: &Range<usize>) -> &'a str {
        &source[range.clone()]
    }

    const SOURCE: &str = "title: Ünïcode 😀 map\npersona:\n  name: \"Maya\"\n  channels: [web, 'e mail']\nstages:\n  - id: a\n    emotion: 2\n";

    #[test]
    fn scalars_keys_and_collections_have_their_text() {
        let nodes = Nodes::new(SOURCE);
        let title = nodes.get("/title").expect("title");
        assert_eq!(text(SOURCE, &title.value), "Ünïcode 😀 map");
        assert_eq!(text(SOURCE, title.key.as_ref().expect("a key")), "title");
        let name = nodes.get("/persona/name").expect("name");
        assert_eq!(text(SOURCE, &name.value), "\"Maya\"");
        assert_eq!(name.kind, NodeKind::Quoted);
        let flow = "a: { b: \"x\" }\n";
        let b = Nodes::new(flow).get("/a/b").expect("b").value.clone();
        assert_eq!(&flow[b], "\"x\"");
        let channels = nodes.get("/persona/channels").expect("channels");
        assert_eq!(text(SOURCE, &channels.value), "[web, 'e mail']");
        assert_eq!(channels.kind, NodeKind::Sequence { flow: true });
        let persona = nodes.get("/persona").expect("persona");
        assert_eq!(
            text(SOURCE, &persona.value),
            "name: \"Maya\"\n  channels: [web, 'e mail']"
        );
        let stage = nodes.get("/stages/0").expect("stage");
        assert_eq!(text(SOURCE, &stage.value), "id: a\n    emotion: 2");
        assert_eq!(stage.key, None);
        assert_eq!(nodes.get("/").map(|n| n.pointer.as_str()), None);
        assert_eq!(nodes.get("").map(|n| n.value.start), Some(0));
    }

    #[test]
    fn what_is_at_an_offset() {
        let nodes = Nodes::new(SOURCE);
        let on = |needle: &str| {
            let offset = SOURCE.find(needle).expect("in the source") + 1;
            nodes
                .at(offset)
                .map(|(node, place)| (node.pointer.clone(), place))
        };
        assert_eq!(
            on("mail"),
            Some(("/persona/channels/1".to_owned(), Place::Value))
        );
        assert_eq!(
            on("emotion"),
            Some(("/stages/0/emotion".to_owned(), Place::Key))
        );
        let blank = SOURCE.find("  - id").expect("in the source");
        assert_eq!(nodes.at(blank), None);
        let inside = nodes.collection_at(SOURCE.find("emotion").expect("in the source"));
        assert_eq!(inside.map(|n| n.pointer.as_str()), Some("/stages/0"));
    }

    #[test]
    fn a_parse_error_keeps_the_nodes_before_it() {
        let source = "title: x\nstages: [a\nowner: \"";
        let nodes = Nodes::new(source);
        assert!(nodes.get("/title").is_some());
    }
}
