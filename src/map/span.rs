//! Source positions: "JSON pointer → line and column", built lazily.
//!
//! The YAML is walked once more as an event stream (saphyr-parser: no
//! recursion, positions counted in characters), keeping the JSON pointer of
//! the current node. Only files with findings pay for this walk, and a walk
//! records only the pointers it was asked about (and their ancestors).

use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, Span};

use crate::diagnostic::{Position, Target, escape_pointer_segment};

/// A segment standing for a key that is not a scalar (`[a, b]: 1`); no real
/// JSON pointer can name such an entry.
const COMPLEX_KEY_SEGMENT: &str = "\u{0}complex-key";

fn position(marker: &Marker) -> Position {
    Position {
        line: marker.line().max(1),
        column: marker.col() + 1,
    }
}

/// What the walk shows its visitor.
#[derive(Debug)]
pub(crate) enum Visit<'a> {
    /// The start of the n-th document of the stream (0-based).
    DocumentStart { index: usize, position: Position },
    /// A mapping key; `mapping` is the pointer of the mapping that holds it.
    Key {
        mapping: &'a str,
        text: &'a str,
        plain: bool,
        complex: bool,
        position: Position,
        /// The key's text in the source (for a complex key, its first event).
        span: Span,
    },
    /// A value node: the document root, a mapping value or a sequence item.
    Node {
        pointer: &'a str,
        position: Position,
        key_position: Option<Position>,
        /// A scalar's text (quotes included); a collection's opening event.
        span: Span,
        /// What the node is.
        shape: Shape,
    },
    /// The end of the innermost open mapping or sequence.
    Close { span: Span },
    /// An alias (`*name`).
    Alias { position: Position },
}

/// What kind of node a [`Visit::Node`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Scalar(ScalarStyle),
    Mapping,
    Sequence,
    Alias,
}

enum Frame {
    Mapping {
        path_len: usize,
        expecting_key: bool,
        key_position: Option<Position>,
    },
    Sequence {
        path_len: usize,
        next_index: usize,
    },
    /// Inside a key that is itself a collection: its nodes have no pointer.
    ComplexKey {
        depth: usize,
    },
}

/// Walks the YAML event stream of `source`, calling `visit` for documents,
/// keys and nodes. Stops at the first parse error (what was seen is kept)
/// or when `visit` breaks.
pub(crate) fn walk(source: &str, mut visit: impl FnMut(Visit<'_>) -> ControlFlow<()>) {
    let mut parser = Parser::new_from_str(source);
    let mut path = String::new();
    let mut frames: Vec<Frame> = Vec::new();
    let mut documents = 0;

    while let Some(Ok((event, span))) = parser.next_event() {
        let here = position(&span.start);

        // Inside a complex key, only count depth until it closes.
        if let Some(Frame::ComplexKey { depth }) = frames.last_mut() {
            match event {
                Event::MappingStart(..) | Event::SequenceStart(..) => *depth += 1,
                Event::MappingEnd | Event::SequenceEnd => {
                    *depth -= 1;
                    if *depth == 0 {
                        frames.pop();
                    }
                }
                _ => {}
            }
            continue;
        }

        let opens = matches!(event, Event::MappingStart(..) | Event::SequenceStart(..));
        let is_node = opens || matches!(event, Event::Scalar(..) | Event::Alias(..));

        match event {
            Event::DocumentStart(_) => {
                let flow = visit(Visit::DocumentStart {
                    index: documents,
                    position: here,
                });
                documents += 1;
                path.clear();
                frames.clear();
                if flow.is_break() {
                    return;
                }
                continue;
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some(Frame::Mapping { path_len, .. } | Frame::Sequence { path_len, .. }) =
                    frames.pop()
                {
                    if visit(Visit::Close { span }).is_break() {
                        return;
                    }
                    path.truncate(path_len);
                }
                continue;
            }
            _ if !is_node => continue,
            _ => {}
        }

        // A node: either a key, a mapping value, a sequence item or the root.
        let parent_len = path.len();
        let mut key_position = None;
        match frames.last_mut() {
            Some(Frame::Mapping {
                expecting_key,
                key_position: pending,
                ..
            }) if *expecting_key => {
                *expecting_key = false;
                let (text, plain) = match &event {
                    Event::Scalar(text, style, ..) => (text.as_ref(), *style == ScalarStyle::Plain),
                    _ => (COMPLEX_KEY_SEGMENT, false),
                };
                *pending = Some(here);
                let flow = visit(Visit::Key {
                    mapping: &path,
                    text,
                    plain,
                    complex: opens,
                    position: here,
                    span,
                });
                if flow.is_break() {
                    return;
                }
                path.push('/');
                path.push_str(&escape_pointer_segment(text));
                if opens {
                    frames.push(Frame::ComplexKey { depth: 1 });
                }
                continue;
            }
            Some(Frame::Mapping {
                expecting_key,
                key_position: pending,
                ..
            }) => {
                *expecting_key = true;
                key_position = pending.take();
            }
            Some(Frame::Sequence { next_index, .. }) => {
                use std::fmt::Write;
                let _ = write!(path, "/{next_index}");
                *next_index += 1;
            }
            Some(Frame::ComplexKey { .. }) | None => {}
        }

        // An alias is a node too: a finding about its value points at it.
        if matches!(event, Event::Alias(_)) && visit(Visit::Alias { position: here }).is_break() {
            return;
        }
        let shape = match &event {
            Event::Scalar(_, style, ..) => Shape::Scalar(*style),
            Event::MappingStart(..) => Shape::Mapping,
            Event::SequenceStart(..) => Shape::Sequence,
            _ => Shape::Alias,
        };
        let flow = visit(Visit::Node {
            pointer: &path,
            position: here,
            key_position,
            span,
            shape,
        });
        if flow.is_break() {
            return;
        }

        // The mapping value's segment was pushed when its key was read;
        // a sequence item's just now. Collections keep it while open.
        let entry_len = match frames.last() {
            Some(Frame::Mapping { .. }) => parent_len - last_segment_len(&path[..parent_len]),
            _ => parent_len,
        };
        match event {
            Event::MappingStart(..) => frames.push(Frame::Mapping {
                path_len: entry_len,
                expecting_key: true,
                key_position: None,
            }),
            Event::SequenceStart(..) => frames.push(Frame::Sequence {
                path_len: entry_len,
                next_index: 0,
            }),
            _ => path.truncate(entry_len),
        }
    }
}

/// Length of the last `/segment` of a pointer (0 for the root).
fn last_segment_len(pointer: &str) -> usize {
    pointer.rfind('/').map_or(0, |slash| pointer.len() - slash)
}

/// Resolves each `(pointer, target)` to a position. A pointer that is not
/// found falls back to its nearest ancestor, and finally to 1:1 — never to line 0.
pub fn locate(source: &str, requests: &[(&str, Target)]) -> Vec<Position> {
    // Findings placed by the loader (a syntax error) ask for nothing: no walk.
    if requests.is_empty() {
        return Vec::new();
    }
    let mut wanted: HashSet<&str> = HashSet::new();
    for (pointer, _) in requests {
        wanted.insert(pointer);
        let mut rest = *pointer;
        while let Some(slash) = rest.rfind('/') {
            rest = &rest[..slash];
            wanted.insert(rest);
        }
    }
    // Deep files: never hash a pointer longer than any we look for.
    let longest = wanted.iter().map(|p| p.len()).max().unwrap_or(0);

    let mut values: HashMap<String, Position> = HashMap::new();
    let mut keys: HashMap<String, Position> = HashMap::new();
    walk(source, |visit| {
        match visit {
            // Only the first document is the map; later ones are a syntax error.
            Visit::DocumentStart { index, .. } => {
                if index > 0 {
                    return ControlFlow::Break(());
                }
            }
            Visit::Node {
                pointer,
                position,
                key_position,
                ..
            } => {
                if pointer.len() <= longest && wanted.contains(pointer) {
                    values.entry(pointer.to_owned()).or_insert(position);
                    if let Some(key_position) = key_position {
                        keys.entry(pointer.to_owned()).or_insert(key_position);
                    }
                    // Every pointer found: only first occurrences count, so
                    // the rest of the file cannot change the answer.
                    if values.len() == wanted.len() {
                        return ControlFlow::Break(());
                    }
                }
            }
            Visit::Key { .. } | Visit::Alias { .. } | Visit::Close { .. } => {}
        }
        ControlFlow::Continue(())
    });

    requests
        .iter()
        .map(|(pointer, target)| {
            if *target == Target::Key
                && let Some(found) = keys.get(*pointer)
            {
                return *found;
            }
            let mut candidate = *pointer;
            loop {
                if let Some(found) = values.get(candidate) {
                    return *found;
                }
                match candidate.rfind('/') {
                    Some(slash) => candidate = &candidate[..slash],
                    None => return Position::START,
                }
            }
        })
        .collect()
}

/// Where saphyr-parser finds `source` not to be YAML, and its words. It
/// follows the specification more closely than libyaml, which accepts a
/// few things YAML forbids (`"value"# comment`, `[-]`, a quoted value's
/// next line not indented).
pub fn parse_error(source: &str) -> Option<(Position, String)> {
    let mut parser = Parser::new_from_str(source);
    loop {
        if let Err(error) = parser.next_event()? {
            return Some((position(error.marker()), error.info().to_owned()));
        }
    }
}

/// The start of the second document of the stream, if there is one.
pub fn second_document(source: &str) -> Option<Position> {
    let mut found = None;
    walk(source, |visit| match visit {
        Visit::DocumentStart { index: 1, position } => {
            found = Some(position);
            ControlFlow::Break(())
        }
        _ => ControlFlow::Continue(()),
    });
    found
}

/// The first alias (`*name`) of the stream.
pub fn first_alias(source: &str) -> Option<Position> {
    let mut found = None;
    walk(source, |visit| match visit {
        Visit::Alias { position } => {
            found = Some(position);
            ControlFlow::Break(())
        }
        _ => ControlFlow::Continue(()),
    });
    found
}

/// A key written twice in one mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    pub key: String,
    pub first: Position,
    pub second: Position,
}

/// The first key that appears twice in one mapping, at both places.
pub fn duplicate_key(source: &str) -> Option<DuplicateKey> {
    let mut seen: HashMap<String, HashMap<String, Position>> = HashMap::new();
    let mut found = None;
    walk(source, |visit| {
        if let Visit::Key {
            mapping,
            text,
            complex: false,
            position,
            ..
        } = visit
        {
            let keys = seen.entry(mapping.to_owned()).or_default();
            if let Some(&first) = keys.get(text) {
                found = Some(DuplicateKey {
                    key: text.to_owned(),
                    first,
                    second: position,
                });
                return ControlFlow::Break(());
            }
            keys.insert(text.to_owned(), position);
        }
        ControlFlow::Continue(())
    });
    found
}

/// A tag serde_yaml drops without a word, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedTag {
    /// The tag, written as in the file where possible (`!!binary`, `!<tag:…>`).
    pub tag: String,
    pub position: Position,
    /// The node it tags (for a tagged key, the key's value).
    pub pointer: String,
}

/// Tags that serde_yaml drops without a word: every tag but a local one
/// (`!foo`, which it keeps) and the core schema's (`!!str`, `!!int`, …),
/// e.g. `!!binary`, `!!python/object`, `!<tag:example.com,2000:x>`.
pub fn dropped_tags(source: &str) -> Vec<DroppedTag> {
    const CORE: &str = "tag:yaml.org,2002:";
    const CORE_TAGS: [&str; 7] = ["str", "int", "float", "bool", "null", "seq", "map"];
    let mut tags: HashMap<Position, String> = HashMap::new();
    let mut parser = Parser::new_from_str(source);
    while let Some(Ok((event, span))) = parser.next_event() {
        let tag = match &event {
            Event::Scalar(_, _, _, tag)
            | Event::SequenceStart(_, tag)
            | Event::MappingStart(_, tag) => tag.as_deref(),
            _ => None,
        };
        let Some(tag) = tag else { continue };
        let text = match (tag.handle.as_str(), tag.suffix.as_str()) {
            // Local and non-specific (`!`) tags reach serde_yaml's value.
            ("!", _) | ("", "!") => continue,
            (CORE, suffix) if CORE_TAGS.contains(&suffix) => continue,
            (CORE, suffix) => format!("!!{suffix}"),
            (handle, suffix) => format!("!<{handle}{suffix}>"),
        };
        tags.entry(position(&span.start)).or_insert(text);
    }
    if tags.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::with_capacity(tags.len());
    walk(source, |visit| {
        let (position, pointer) = match visit {
            Visit::Node {
                pointer, position, ..
            } => (position, pointer.to_owned()),
            Visit::Key {
                mapping,
                text,
                position,
                ..
            } => (
                position,
                format!("{mapping}/{}", escape_pointer_segment(text)),
            ),
            Visit::DocumentStart { .. } | Visit::Alias { .. } | Visit::Close { .. } => {
                return ControlFlow::Continue(());
            }
        };
        if let Some(tag) = tags.remove(&position) {
            found.push(DroppedTag {
                tag,
                position,
                pointer,
            });
        }
        ControlFlow::Continue(())
    });
    // Tags the walk did not reach (none in a file that parsed): no node to name.
    let mut rest: Vec<DroppedTag> = tags
        .into_iter()
        .map(|(position, tag)| DroppedTag {
            tag,
            position,
            pointer: String::new(),
        })
        .collect();
    rest.sort_by_key(|t| t.position);
    found.extend(rest);
    found
}

/// A mapping key as [`first_key_where`] shows it.
pub struct KeyView<'a> {
    pub text: &'a str,
    pub plain: bool,
    pub complex: bool,
}

/// The first key for which `predicate` holds, with its position.
pub fn first_key_where(
    source: &str,
    mut predicate: impl FnMut(&KeyView<'_>) -> bool,
) -> Option<Position> {
    let mut found = None;
    walk(source, |visit| {
        if let Visit::Key {
            text,
            plain,
            complex,
            position,
            ..
        } = visit
            && predicate(&KeyView {
                text,
                plain,
                complex,
            })
        {
            found = Some(position);
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize) -> Position {
        Position { line, column }
    }

    const SOURCE: &str = "# comment\nx: {a: 1, b: 2}\ny:\n  - k: 1\n    j: \"q\"\n  - [3, é, 4]\n";

    #[test]
    fn values_keys_and_objects() {
        let found = locate(
            SOURCE,
            &[
                ("", Target::Value),
                ("/x", Target::Value),
                ("/x/b", Target::Value),
                ("/x/b", Target::Key),
                ("/y/0", Target::Value),
                ("/y/0/j", Target::Value),
                ("/y/1/2", Target::Value),
            ],
        );
        assert_eq!(
            found,
            vec![
                at(2, 1),
                at(2, 4),
                at(2, 14),
                at(2, 11),
                at(4, 5),
                at(5, 8),
                at(6, 12)
            ]
        );
    }

    #[test]
    fn missing_pointer_falls_back_to_nearest_ancestor() {
        let found = locate(
            SOURCE,
            &[
                ("/y/0/missing/deeper", Target::Value),
                ("/nope", Target::Key),
            ],
        );
        assert_eq!(found, vec![at(4, 5), at(2, 1)]);
    }

    #[test]
    fn complex_keys_do_not_confuse_the_path() {
        let source = "[a, b]: 1\nc: {d: 2}\n";
        assert_eq!(locate(source, &[("/c/d", Target::Value)]), vec![at(2, 8)]);
        assert_eq!(first_key_where(source, |k| k.complex), Some(at(1, 1)));
    }

    #[test]
    fn duplicate_key_is_the_second_occurrence() {
        let source = "a: 1\nb:\n  c: 1\n  c: 2\na: 3\n";
        assert_eq!(
            duplicate_key(source),
            Some(DuplicateKey {
                key: "c".to_owned(),
                first: at(3, 3),
                second: at(4, 3)
            })
        );
    }

    #[test]
    fn documents_and_aliases() {
        assert_eq!(second_document("a: 1\n---\nb: 2\n"), Some(at(2, 1)));
        assert_eq!(second_document("a: 1\n"), None);
        assert_eq!(first_alias("a: &x 1\nb: [*x]\n"), Some(at(2, 5)));
        let aliased = "a: &x 1\nb: {c: 2, <<: *x}\n";
        assert_eq!(
            locate(aliased, &[("/b/<<", Target::Value), ("/b/<<", Target::Key)]),
            vec![at(2, 15), at(2, 11)]
        );
    }

    #[test]
    fn very_deep_nesting_neither_overflows_nor_hangs() {
        let source = format!("a: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        // saphyr stops at its depth limit before the inner levels: the
        // nearest ancestor it reached is the answer.
        assert_eq!(
            locate(&source, &[("/a/0/0", Target::Value)]),
            vec![at(1, 4)]
        );
    }
}
