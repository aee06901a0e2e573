//! `export --to mermaid`: a map as a Mermaid `journey` diagram.
//!
//! ```text
//! journey
//!   title <map title>
//!   accDescr: <map description>
//!   section <stage name>
//!     <touchpoint name>: <score>: <persona name>
//! ```
//!
//! One section per stage, in order; one task per touchpoint. The score is the
//! touchpoint's `emotion`, else the stage's (a `%%` note above the task says
//! so), else 3 with a note saying it is a placeholder: Mermaid needs an
//! integer 1–5 on every task. A stage without touchpoints is an empty section
//! (Mermaid accepts it but draws nothing for it) with a `%%` note. The actor
//! is the persona. The `%%` notes are read back by `import mermaid`, so that
//! export → import → export gives the same text.
//!
//! Names are rewritten where Mermaid's journey grammar would misread them
//! (`#` starts a comment, `;` is a syntax error, `:` ends a section or task
//! name, `,` separates actors, a line break ends the statement, `%%` starts a
//! comment or a directive; HTML entities such as `&#35;` are not decoded in
//! journey labels, so they cannot stand in):
//!
//! | character | title | section, task | actor | `accDescr` |
//! |---|---|---|---|---|
//! | `#` | `＃` (U+FF03) | `＃` | `＃` | kept |
//! | `;` | `,` | `,` | ` -` | kept |
//! | `:` | kept | ` -` before a space, else `-` | same | kept |
//! | `,` | kept | kept | ` -` before a space, else `-` | kept |
//! | line break, tab, other control | space | space | space | space |
//! | `%%` | `%` | `%` | `%` | `%` |
//!
//! then surrounding spaces are trimmed. A task name that Mermaid would read
//! as a keyword (it starts with `journey`, `title `, `section ` or
//! `accDescr {`, in any case) is put in double quotes, which Mermaid shows as
//! they are. A name left empty falls back to the stage's or touchpoint's id.
//! The output is deterministic and ends with a newline.

use std::fmt::Write as _;

use crate::check::{FileReport, ValidMap};

/// The `%%` note above a task whose score is its stage's emotion.
pub(crate) const NOTE_STAGE_EMOTION: &str = "score defaulted to the stage's emotion";
/// The `%%` note above a task whose score 3 stands in for a missing emotion.
pub(crate) const NOTE_PLACEHOLDER: &str =
    "no emotion on the touchpoint or its stage, 3 (neutral) is a placeholder";
/// The `%%` note under a section whose stage has no touchpoints.
const NOTE_EMPTY_STAGE: &str = "no touchpoints (Mermaid draws no section without tasks)";

/// The score a task gets when neither the touchpoint nor its stage has one.
const NEUTRAL: u8 = 3;

/// Where a name goes decides what Mermaid would misread in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Title,
    Section,
    Task,
    Actor,
    Description,
}

/// The diagram for a map that passed the schema. `_report` (its gap
/// findings) has nothing to add to a diagram.
pub fn render(map: &ValidMap, _report: &FileReport) -> String {
    let map = &map.map();
    let mut out = String::from("journey\n");
    let title = clean(map.title, Place::Title);
    if !title.is_empty() {
        let _ = writeln!(out, "  title {title}");
    }
    if let Some(description) = &map.description {
        let description = clean(description, Place::Description);
        if !description.is_empty() {
            let _ = writeln!(out, "  accDescr: {description}");
        }
    }
    let actor = clean(map.persona.name, Place::Actor);
    let actor = if actor.is_empty() {
        String::new()
    } else {
        format!(": {actor}")
    };
    for stage in &map.stages {
        let section = clean_or(stage.name, Place::Section, stage.id);
        let _ = writeln!(out, "  section {section}");
        if stage.touchpoints.is_empty() {
            let _ = writeln!(out, "    %% {section}: {NOTE_EMPTY_STAGE}");
        }
        for touchpoint in &stage.touchpoints {
            let task = clean_or(touchpoint.name, Place::Task, touchpoint.id);
            let score = match (touchpoint.emotion, stage.emotion) {
                (Some(emotion), _) => emotion,
                (None, Some(emotion)) => {
                    let _ = writeln!(out, "    %% {task}: {NOTE_STAGE_EMOTION}");
                    emotion
                }
                (None, None) => {
                    let _ = writeln!(out, "    %% {task}: {NOTE_PLACEHOLDER}");
                    NEUTRAL
                }
            };
            let _ = writeln!(out, "    {task}: {score}{actor}");
        }
    }
    out
}

/// [`clean`], or the cleaned `fallback` (an id) when nothing is left.
fn clean_or(text: &str, place: Place, fallback: &str) -> String {
    let cleaned = clean(text, place);
    if cleaned.is_empty() {
        clean(fallback, place)
    } else {
        cleaned
    }
}

/// `text` rewritten so that Mermaid reads it back as one name at `place`
/// (see the module documentation for the table).
fn clean(text: &str, place: Place) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut after_break = false;
    while let Some(c) = chars.next() {
        let is_break = c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
        if is_break {
            // A run of line breaks and tabs (CR LF, say) becomes one space.
            if !after_break {
                out.push(' ');
            }
            after_break = true;
            continue;
        }
        after_break = false;
        let next = chars.peek().copied();
        match (c, place) {
            (_, Place::Description) => out.push(c),
            ('#', _) => out.push('＃'),
            (';', Place::Actor) | (',', Place::Actor) => dash(&mut out, next),
            (';', _) => out.push(','),
            (':', Place::Title) => out.push(':'),
            (':', _) => dash(&mut out, next),
            _ => out.push(c),
        }
    }
    while out.contains("%%") {
        out = out.replace("%%", "%");
    }
    let out = out.trim();
    if place == Place::Task && reads_as_keyword(out) {
        format!("\"{out}\"")
    } else {
        out.to_owned()
    }
}

/// `-` in place of a separator; ` -` when a space follows, so that
/// "Step 1: sign up" reads "Step 1 - sign up" and "10:30" reads "10-30".
fn dash(out: &mut String, next: Option<char>) {
    let space_before = out.chars().next_back().is_none_or(char::is_whitespace);
    let space_after = next.is_none_or(char::is_whitespace);
    if !space_before && space_after {
        out.push(' ');
    }
    out.push('-');
}

/// Whether Mermaid's journey lexer, meeting `name` at the start of a line,
/// would take it for a keyword rather than a task name (its keywords are
/// case-insensitive; `journey` must end at a word boundary).
fn reads_as_keyword(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let rest_after = |keyword: &str| lower.strip_prefix(keyword).map(str::chars);
    if let Some(mut rest) = rest_after("journey") {
        return !rest
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    }
    for keyword in ["title", "section"] {
        if let Some(mut rest) = rest_after(keyword) {
            return rest.next().is_some_and(js_space);
        }
    }
    for keyword in ["acctitle", "accdescr"] {
        if let Some(rest) = rest_after(keyword) {
            let mut rest = rest.skip_while(|&c| js_space(c));
            return matches!(rest.next(), Some(':' | '{'));
        }
    }
    false
}

/// JavaScript's `\s`: what Mermaid's lexer skips as space.
pub(crate) fn js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_by_place() {
        assert_eq!(
            clean("Issue #42; urgent", Place::Title),
            "Issue ＃42, urgent"
        );
        assert_eq!(clean("Step 1: sign up", Place::Title), "Step 1: sign up");
        assert_eq!(clean("Step 1: sign up", Place::Section), "Step 1 - sign up");
        assert_eq!(clean("10:30 call", Place::Task), "10-30 call");
        assert_eq!(
            clean("Maya, busy parent", Place::Actor),
            "Maya - busy parent"
        );
        assert_eq!(clean("a\r\nb\tc", Place::Task), "a b c");
        assert_eq!(clean("  50%% off  ", Place::Task), "50% off");
        assert_eq!(clean("a # b; c", Place::Description), "a # b; c");
    }

    #[test]
    fn keywords_are_quoted_in_task_names() {
        assert_eq!(clean("Journey planner", Place::Task), "\"Journey planner\"");
        assert_eq!(clean("journey-planner", Place::Task), "\"journey-planner\"");
        assert_eq!(clean("Journeyman", Place::Task), "Journeyman");
        assert_eq!(clean("Title search", Place::Task), "\"Title search\"");
        assert_eq!(clean("Titles", Place::Task), "Titles");
        assert_eq!(clean("SECTION 8 form", Place::Task), "\"SECTION 8 form\"");
        assert_eq!(clean("accDescr {x}", Place::Task), "\"accDescr {x}\"");
        assert_eq!(clean("Journey planner", Place::Section), "Journey planner");
    }
}
