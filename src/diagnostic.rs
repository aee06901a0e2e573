//! Findings as data: what a rule reports, and where.

use std::fmt;

/// How serious a finding is. Ordered so that `Error` is the greatest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    /// Whether a finding of this severity fails its file: errors always,
    /// warnings with `--deny-warnings`, infos never.
    pub fn fails(self, deny_warnings: bool) -> bool {
        match self {
            Severity::Error => true,
            Severity::Warning => deny_warnings,
            Severity::Info => false,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a JSON pointer designates in the source: the value itself, or the
/// key that introduces it (unknown keys are reported on the key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Value,
    Key,
}

/// A 1-based line and column; the column counts characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub const START: Position = Position { line: 1, column: 1 };
}

/// Where a finding points before source positions are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    /// A node of the document, resolved to a position through the span index.
    Pointer { pointer: String, target: Target },
    /// A position known already (syntax errors come with one).
    At { position: Position, pointer: String },
}

/// A finding as a check produces it: the rule, the place, the words.
/// Its severity is decided later, from the rule's default and the configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub anchor: Anchor,
    pub message: String,
    pub help: String,
    /// Another node the message refers to; `{related_line}` in the message
    /// becomes that node's line once positions are known.
    pub related: Option<String>,
    /// A severity this finding has instead of the rule's default (`stale-map`
    /// reports a missing `updated` as info). The configuration still wins.
    pub severity: Option<Severity>,
    /// The change that surely fixes it, when there is one.
    pub fix: Option<FixIntent>,
}

/// A certain fix, as the code that makes a finding knows it: in terms of
/// the document's nodes. [`crate::fix`] turns it into bytes of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixIntent {
    /// Write `to` as the key of the entry at `pointer`.
    RenameKey { pointer: String, to: String },
    /// Replace the scalar at `pointer` by `text`, written as it is (a
    /// number, an enum value: plain YAML).
    ReplaceValue { pointer: String, text: String },
    /// Add `key: value` to the object at `object`.
    AddKey {
        object: String,
        key: String,
        value: String,
    },
}

/// A fix as reporters show it: what it does and the bytes it changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, as a command: `rename "emotoin" to "emotion"`.
    pub title: String,
    pub edits: Vec<Edit>,
}

/// Replace the bytes `start..end` of the file (as read, BOM included) by `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Placeholder in a message for the line of [`Finding::related`].
pub const RELATED_LINE: &str = "{related_line}";

impl Finding {
    /// A finding located at the value `pointer` designates.
    pub fn at_value(
        rule: &'static str,
        pointer: impl Into<String>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Finding {
        Finding::new(
            rule,
            Anchor::Pointer {
                pointer: pointer.into(),
                target: Target::Value,
            },
            message,
            help,
        )
    }

    /// A finding located at the key of the entry `pointer` designates.
    pub fn at_key(
        rule: &'static str,
        pointer: impl Into<String>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Finding {
        Finding::new(
            rule,
            Anchor::Pointer {
                pointer: pointer.into(),
                target: Target::Key,
            },
            message,
            help,
        )
    }

    /// A finding at a position already known (no pointer, or the pointer is informative only).
    pub fn at_position(
        rule: &'static str,
        position: Position,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Finding {
        Finding::new(
            rule,
            Anchor::At {
                position,
                pointer: String::new(),
            },
            message,
            help,
        )
    }

    fn new(
        rule: &'static str,
        anchor: Anchor,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Finding {
        Finding {
            rule,
            anchor,
            message: message.into(),
            help: help.into(),
            related: None,
            severity: None,
            fix: None,
        }
    }

    /// Gives this finding a certain fix.
    pub fn with_fix(mut self, fix: FixIntent) -> Finding {
        self.fix = Some(fix);
        self
    }

    /// Gives this finding its own default severity instead of the rule's.
    pub fn with_severity(mut self, severity: Severity) -> Finding {
        self.severity = Some(severity);
        self
    }

    /// Names another node whose line the message quotes as `{related_line}`.
    pub fn with_related(mut self, pointer: impl Into<String>) -> Finding {
        self.related = Some(pointer.into());
        self
    }

    pub fn pointer(&self) -> &str {
        match &self.anchor {
            Anchor::Pointer { pointer, .. } | Anchor::At { pointer, .. } => pointer,
        }
    }
}

/// A finding with its file, position and severity: what every reporter prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub pointer: String,
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub help: String,
    /// The source line the finding points into (for snippets), without its line break.
    pub source_line: String,
    /// Identifies the finding across edits elsewhere in the file (see [`crate::fingerprint`]).
    pub fingerprint: String,
    /// Where the other node the message names is ([`Finding::related`]), in this file.
    pub related: Option<Position>,
    /// The change that surely fixes it, when there is one.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// The order of every report: file, line, column, then rule and message so ties are stable.
    pub fn sort_key(&self) -> (&str, usize, usize, &str, &str) {
        (&self.file, self.line, self.column, self.rule, &self.message)
    }
}

/// Escapes one JSON-pointer segment (RFC 6901).
pub fn escape_pointer_segment(segment: &str) -> std::borrow::Cow<'_, str> {
    if segment.contains(['~', '/']) {
        segment.replace('~', "~0").replace('/', "~1").into()
    } else {
        segment.into()
    }
}
