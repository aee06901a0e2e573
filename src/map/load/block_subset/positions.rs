//! Source positions in a file the block-subset reader read, without
//! parsing it again.
//!
//! `span::locate` walks the whole file with saphyr's parser: about 0.9 M
//! instructions for a 7 KiB map, 8% of `check` on the benchmark corpus
//! where one map in ten has a finding. In the subset the structure is in
//! the indentation, so the way to a pointer is found by reading only the
//! entries on that way and skipping every other block by its indentation.
//! The positions are saphyr's: the tests hold the two to agree on every
//! node of every fixture, of their mutants and of generated documents.
//! Where the answer would be an empty value (`key:` with nothing under it),
//! whose position is a convention of the parser, this declines and
//! `span::locate` answers.

use super::{Line, content_lines, flow_key, flow_node, is_list_entry, split_entry};
use crate::diagnostic::{Position, Target};

/// The position of each `(pointer, target)`, as `span::locate` gives it,
/// or `None` to leave the question to it. `source` must be a text
/// [`super::read`] accepted.
pub fn locate(source: &str, requests: &[(&str, Target)]) -> Option<Vec<Position>> {
    let lines = content_lines(source)?;
    if requests.len().saturating_mul(lines.len()) > MAX_LINE_READS {
        return None;
    }
    let root = lines.first()?;
    let navigator = Navigator {
        source,
        root: Node::Mapping {
            line: 0,
            start: root.start,
            indent: root.indent,
        },
        lines,
    };
    requests
        .iter()
        .map(|&(pointer, target)| navigator.position(pointer, target))
        .collect()
}

/// Each question reads at most every line once. Past this many reads in
/// all, one walk of the file is cheaper, and never quadratic (a file of
/// 50,000 list items, each with a finding).
const MAX_LINE_READS: usize = 1 << 20;

/// A node of the document, by where it is written.
#[derive(Debug, Clone, Copy)]
enum Node {
    /// A block mapping: its entries are the lines at `indent` from `line`
    /// on, the first starting at byte `start` (after the `- ` of a list
    /// entry's compact mapping, where `indent` is the key's column).
    Mapping {
        line: usize,
        start: usize,
        indent: usize,
    },
    /// A block list: the lines at `indent` starting with `-`, from `line`
    /// on; saphyr places it at byte `start`.
    List {
        line: usize,
        indent: usize,
        start: usize,
    },
    /// A value written on its line from byte `start` (a scalar or a flow)
    /// to `end`, the end of the line.
    Inline { start: usize, end: usize },
    /// `key:` or `-` with nothing after or under it: null.
    Empty,
}

/// Where a step along a pointer led.
enum Step {
    /// The child, and where its key starts when it is a mapping's value.
    Found(Node, Option<usize>),
    /// No such child: the answer is the nearest ancestor.
    Missing,
}

struct Navigator<'a> {
    source: &'a str,
    lines: Vec<Line>,
    root: Node,
}

impl Navigator<'_> {
    /// What `span::locate` answers: the key's position for a key target
    /// when the node is a mapping's value, else the node's; for a pointer
    /// that names nothing, its nearest ancestor's.
    fn position(&self, pointer: &str, target: Target) -> Option<Position> {
        let mut node = self.root;
        let mut key = None;
        let mut segments = pointer.split('/');
        // A pointer is empty (the root) or starts with `/`.
        if segments.next() != Some("") {
            return Some(self.at(self.start_of(node)?));
        }
        for segment in segments {
            match self.child(node, &unescape(segment))? {
                Step::Found(child, child_key) => {
                    node = child;
                    key = child_key;
                }
                Step::Missing => return Some(self.at(self.start_of(node)?)),
            }
        }
        match (target, key) {
            (Target::Key, Some(key)) => Some(self.at(key)),
            _ => Some(self.at(self.start_of(node)?)),
        }
    }

    /// Where a node starts: where saphyr's event for it starts.
    fn start_of(&self, node: Node) -> Option<usize> {
        match node {
            Node::Mapping { start, .. } | Node::List { start, .. } | Node::Inline { start, .. } => {
                Some(start)
            }
            Node::Empty => None,
        }
    }

    fn text(&self, start: usize, end: usize) -> Option<&str> {
        self.source.get(start..end)
    }

    fn child(&self, node: Node, segment: &str) -> Option<Step> {
        match node {
            Node::Mapping {
                line,
                start,
                indent,
            } => self.mapping_entry(line, start, indent, segment),
            Node::List { line, indent, .. } => match list_index(segment) {
                Some(index) => self.list_item(line, indent, index),
                None => Some(Step::Missing),
            },
            Node::Inline { start, end } => self.flow_child(start, end, segment),
            Node::Empty => Some(Step::Missing),
        }
    }

    fn mapping_entry(
        &self,
        first: usize,
        first_start: usize,
        indent: usize,
        key: &str,
    ) -> Option<Step> {
        for (index, line) in self.lines.iter().enumerate().skip(first) {
            let start = if index == first {
                first_start
            } else {
                if line.indent < indent {
                    break;
                }
                let text = self.text(line.start, line.end)?;
                // Deeper lines, and an indentless list at the keys' column,
                // belong to the entry before.
                if line.indent > indent || is_list_entry(text) {
                    continue;
                }
                line.start
            };
            let (entry_key, rest) = split_entry(self.text(start, line.end)?)?;
            if entry_key != key {
                continue;
            }
            let value = if rest.is_empty() || rest.starts_with('#') {
                self.below(index, indent, true)?
            } else {
                Node::Inline {
                    start: line.end - rest.len(),
                    end: line.end,
                }
            };
            return Some(Step::Found(value, Some(start)));
        }
        Some(Step::Missing)
    }

    fn list_item(&self, first: usize, indent: usize, wanted: usize) -> Option<Step> {
        let mut items = 0;
        for (index, line) in self.lines.iter().enumerate().skip(first) {
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                continue;
            }
            let text = self.text(line.start, line.end)?;
            if !is_list_entry(text) {
                break; // the next key of the mapping this list is the value of
            }
            if items < wanted {
                items += 1;
                continue;
            }
            let after_dash = &text[1..];
            let rest = after_dash.trim_start_matches(' ');
            let offset = 1 + after_dash.len() - rest.len();
            let item = if rest.is_empty() || rest.starts_with('#') {
                self.below(index, indent, false)?
            } else if split_entry(rest).is_some() {
                Node::Mapping {
                    line: index,
                    start: line.start + offset,
                    indent: line.indent + offset,
                }
            } else {
                Node::Inline {
                    start: line.start + offset,
                    end: line.end,
                }
            };
            return Some(Step::Found(item, None));
        }
        Some(Step::Missing)
    }

    /// The value of the `key:` or `-` on line `index` with nothing after
    /// it: the block under it, a list at the key's own column, or null.
    /// `None` (decline) for a list at the key's column starting with an
    /// empty entry.
    fn below(&self, index: usize, indent: usize, is_key: bool) -> Option<Node> {
        let Some(next) = self.lines.get(index + 1) else {
            return Some(Node::Empty);
        };
        let text = self.text(next.start, next.end)?;
        let starts_list = is_list_entry(text);
        let line = index + 1;
        if is_key && next.indent == indent && starts_list {
            // saphyr places a list at its key's column at its first
            // entry's content, not at its `-`.
            let content = text[1..].trim_start_matches(' ');
            if content.is_empty() || content.starts_with('#') {
                return None;
            }
            let start = next.end - content.len();
            return Some(Node::List {
                line,
                indent,
                start,
            });
        }
        Some(if next.indent <= indent {
            Node::Empty
        } else if starts_list {
            Node::List {
                line,
                indent: next.indent,
                start: next.start,
            }
        } else {
            Node::Mapping {
                line,
                start: next.start,
                indent: next.indent,
            }
        })
    }

    /// An item of a flow list or an entry of a flow mapping written from
    /// `start`; a scalar has no children.
    fn flow_child(&self, start: usize, end: usize, segment: &str) -> Option<Step> {
        let text = self.text(start, end)?;
        let (close, mut rest) = match text.as_bytes().first() {
            Some(b'[') => (b']', &text[1..]),
            Some(b'{') => (b'}', &text[1..]),
            _ => return Some(Step::Missing),
        };
        let wanted = if close == b']' {
            match list_index(segment) {
                Some(index) => index,
                None => return Some(Step::Missing),
            }
        } else {
            0
        };
        rest = rest.trim_start_matches(' ');
        if rest.as_bytes().first() == Some(&close) {
            return Some(Step::Missing);
        }
        let mut items = 0;
        loop {
            let item_start = end - rest.len();
            let (found, value_text) = if close == b']' {
                (items == wanted, rest)
            } else {
                let (key, value_text) = flow_key(rest)?;
                (key == segment, value_text)
            };
            if found {
                let node = Node::Inline {
                    start: end - value_text.len(),
                    end,
                };
                let key = (close == b'}').then_some(item_start);
                return Some(Step::Found(node, key));
            }
            let (_, after) = flow_node(value_text, 0, close)?;
            let after = after.trim_start_matches(' ');
            match after.as_bytes().first() {
                Some(b',') => rest = after[1..].trim_start_matches(' '),
                Some(&byte) if byte == close => return Some(Step::Missing),
                _ => return None,
            }
            items += 1;
        }
    }

    /// Line and column (in characters, from 1) of a byte offset.
    fn at(&self, offset: usize) -> Position {
        let before = self.source.get(..offset).unwrap_or(self.source);
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        Position {
            line: 1 + before.bytes().filter(|&byte| byte == b'\n').count(),
            column: 1 + before[line_start..].chars().count(),
        }
    }
}

/// A pointer segment as the key it names (`~1` is `/`, `~0` is `~`).
fn unescape(segment: &str) -> std::borrow::Cow<'_, str> {
    if segment.contains('~') {
        segment.replace("~1", "/").replace("~0", "~").into()
    } else {
        segment.into()
    }
}

/// A pointer segment as a list index: decimal digits, no leading zero.
fn list_index(segment: &str) -> Option<usize> {
    let canonical = segment == "0" || !segment.starts_with('0');
    let digits = !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit());
    (canonical && digits)
        .then(|| segment.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_questions_about_a_long_file_are_left_to_the_walk() {
        let source = format!("stages:\n{}", "  - {}\n".repeat(2_000));
        let pointers: Vec<String> = (0..2_000).map(|i| format!("/stages/{i}")).collect();
        let many: Vec<(&str, Target)> = pointers
            .iter()
            .map(|p| (p.as_str(), Target::Value))
            .collect();
        assert_eq!(locate(&source, &many), None);
        let few = &many[1_998..];
        let at = |line| Position { line, column: 5 };
        assert_eq!(locate(&source, few), Some(vec![at(2_000), at(2_001)]));
    }
}
