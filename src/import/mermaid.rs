//! `import mermaid`: a Mermaid `journey` diagram → a YAML map skeleton.
//!
//! The diagram is read the way Mermaid 11 reads it, so that what Mermaid
//! rejects is an error here too, located in the file (`LINE:COLUMN: message`,
//! columns in characters), and what it accepts means what it means there:
//!
//! 1. Preprocessing, done twice as `mermaid.parse` does: line ends to LF;
//!    YAML front matter (`---` … `---`) at the very start is read for its
//!    `title` (invalid YAML is an error); `%%{…}%%` directives are dropped;
//!    lines starting with `%%` are dropped; leading space is trimmed.
//! 2. The text must then start with the lowercase keyword `journey`.
//! 3. Entity-like `#word;` sequences are not comments nor statement ends
//!    (Mermaid encodes them before parsing).
//! 4. Mermaid's journey lexer and grammar, rule for rule: `title`, `section`,
//!    `accTitle:`, `accDescr:` and `accDescr { … }` (keywords in any case),
//!    tasks `name: score[: actor, …]`, `%%` and `#` comments, free
//!    indentation and blank lines. A `;` outside comments and `acc…` text, a
//!    line that is not one of these (a task without `: score`, a `#` inside a
//!    task name, a `:` in a section name, a task name starting with
//!    `journey`), an unclosed `accDescr {` are errors.
//!
//! The map: title from the last `title` (else the front matter's); `accTitle`
//! and `accDescr` → `description`; persona = the first actor named; sections
//! → stages, tasks → touchpoints with `channel: TODO`, the score as `emotion`
//! when it is an integer 1–5 (else a `# TODO` comment and a located warning
//! in [`Imported::warnings`]) and the task's actors
//! in `x-actors`. Ids are slugs of the names, made unique with `-2`, `-3`…;
//! names with no ASCII letter or digit get `stage-N` / `touchpoint-N`. Tasks
//! before the first section go into a stage named `TODO: stage name`; a
//! section without tasks gets a `TODO: touchpoint` placeholder (a stage
//! needs one, see `empty-stage`); `opportunities` and `action_plan` are empty
//! mappings marked TODO. The `%%` notes `export --to mermaid` writes above a
//! task whose score is not the touchpoint's own are read back (the score
//! becomes the stage's emotion, or no emotion). The result passes the schema
//! and `check` with no error.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use crate::export::mermaid::{NOTE_PLACEHOLDER, NOTE_STAGE_EMOTION, js_space};
use crate::map::schema::{SCHEMA_TEXT, slugify};

/// A diagram turned into a map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The YAML map.
    pub yaml: String,
    /// What the diagram holds that the map could not take, each
    /// `LINE:COLUMN: message`: a score that is not an integer 1–5 (Mermaid
    /// draws it, the map has no emotion there and a `# TODO` comment).
    pub warnings: Vec<String>,
}

/// The map for a diagram's text, or one located error (`LINE:COLUMN: message`).
pub fn import(source: &str) -> Result<Imported, String> {
    let diagram = parse(source).map_err(|error| error.to_string())?;
    let draft = build(&diagram);
    Ok(Imported {
        yaml: write_map(&draft),
        warnings: draft.warnings.iter().map(Located::to_string).collect(),
    })
}

// ---------------------------------------------------------------------------
// Reading the diagram as Mermaid does.

/// A place in the file: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pos {
    line: usize,
    column: usize,
}

/// One character of the text Mermaid's parser sees: `lex` is what its lexer
/// matches (entity-like `#word;` is neutralised there), `text` what the file
/// holds, `pos` where.
#[derive(Debug, Clone, Copy)]
struct Ch {
    lex: char,
    text: char,
    pos: Pos,
}

#[derive(Debug)]
struct Located {
    pos: Pos,
    message: String,
}

impl std::fmt::Display for Located {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.pos.line, self.pos.column, self.message)
    }
}

fn located(pos: Pos, message: impl Into<String>) -> Located {
    Located {
        pos,
        message: message.into(),
    }
}

/// What the diagram says.
#[derive(Debug, Default)]
struct Diagram {
    title: Option<String>,
    acc_title: Option<String>,
    acc_descr: Option<String>,
    /// Sections in order; the first has no name when tasks come before any section.
    sections: Vec<Section>,
    /// `%%` comment lines Mermaid dropped: (line, text after `%%`).
    comments: Vec<(usize, String)>,
}

#[derive(Debug)]
struct Section {
    name: Option<String>,
    tasks: Vec<Task>,
}

#[derive(Debug)]
struct Task {
    name: String,
    line: usize,
    /// What follows the first `:`: `score[: actor, …[: ignored…]]`.
    data: String,
    /// Where the score starts (past the spaces after the `:`).
    score_at: Pos,
}

/// The text as positioned characters, with CR LF and lone CR read as LF.
fn read_chars(source: &str) -> (Vec<Ch>, Pos) {
    let mut chars = Vec::with_capacity(source.len());
    let (mut line, mut column) = (1, 1);
    let mut input = source.chars().peekable();
    while let Some(c) = input.next() {
        let pos = Pos { line, column };
        if c == '\r' || c == '\n' {
            if c == '\r' && input.peek() == Some(&'\n') {
                input.next();
            }
            chars.push(Ch {
                lex: '\n',
                text: '\n',
                pos,
            });
            line += 1;
            column = 1;
        } else {
            chars.push(Ch {
                lex: c,
                text: c,
                pos,
            });
            // A byte order mark is not counted, as in `check`.
            if !(c == '\u{feff}' && chars.len() == 1) {
                column += 1;
            }
        }
    }
    (chars, Pos { line, column })
}

fn lex_at(chars: &[Ch], i: usize) -> Option<char> {
    chars.get(i).map(|c| c.lex)
}

fn text_of(chars: &[Ch]) -> String {
    chars.iter().map(|c| c.text).collect()
}

fn starts_with(chars: &[Ch], i: usize, word: &str) -> bool {
    word.chars()
        .enumerate()
        .all(|(k, w)| lex_at(chars, i + k) == Some(w))
}

fn starts_with_ci(chars: &[Ch], i: usize, word: &str) -> bool {
    word.chars()
        .enumerate()
        .all(|(k, w)| lex_at(chars, i + k).is_some_and(|c| c.eq_ignore_ascii_case(&w)))
}

/// JavaScript's `\w` (no `u` flag): ASCII letters, digits and `_`.
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// What JavaScript's `.` does not match.
fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

fn skip_while(chars: &[Ch], mut i: usize, keep: impl Fn(char) -> bool) -> usize {
    while lex_at(chars, i).is_some_and(&keep) {
        i += 1;
    }
    i
}

/// The index of the next LF at or after `i`, or the end.
fn line_end(chars: &[Ch], i: usize) -> usize {
    skip_while(chars, i, |c| c != '\n')
}

/// Mermaid's front matter: `/^-{3}\s*[\n\r](.*?)[\n\r]-{3}\s*[\n\r]+/s`.
/// Returns the body's range and where the match ends.
fn front_matter(chars: &[Ch]) -> Option<(usize, usize, usize)> {
    if !starts_with(chars, 0, "---") {
        return None;
    }
    let space_end = skip_while(chars, 3, js_space);
    // Greedy `\s*` backtracks to the last LF of the space run first.
    for open in (3..space_end)
        .rev()
        .filter(|&i| lex_at(chars, i) == Some('\n'))
    {
        let body = open + 1;
        for close in body..chars.len() {
            if lex_at(chars, close) != Some('\n') || !starts_with(chars, close + 1, "---") {
                continue;
            }
            let after = close + 4;
            let space_end = skip_while(chars, after, js_space);
            if let Some(last_lf) = (after..space_end)
                .rev()
                .find(|&i| lex_at(chars, i) == Some('\n'))
            {
                return Some((body, close, last_lf + 1));
            }
        }
    }
    None
}

/// The `title` of front matter, as JavaScript's `String(title)` when truthy;
/// invalid YAML is an error, as in Mermaid.
/// `lines` is `body` with the line break that ends it.
fn front_matter_title(body: &[Ch], lines: &[Ch], at: Pos) -> Result<Option<String>, Located> {
    let text = text_of(body);
    let value: serde_yaml::Value = serde_yaml::from_str(&text).map_err(|error| {
        let pos = error
            .location()
            .and_then(|l| position_in(lines, l.line(), l.column()))
            .unwrap_or(at);
        let message = error.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_owned();
        located(
            pos,
            format!("the front matter is not valid YAML: {message}"),
        )
    })?;
    let title = match value.get("title") {
        Some(serde_yaml::Value::String(s)) if !s.is_empty() => Some(s.clone()),
        Some(serde_yaml::Value::Bool(true)) => Some("true".to_owned()),
        Some(serde_yaml::Value::Number(n)) if n.as_f64() != Some(0.0) => Some(n.to_string()),
        _ => None,
    };
    Ok(title.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()))
}

/// The position of 1-based (line, column) counted inside `chars`.
fn position_in(chars: &[Ch], line: usize, column: usize) -> Option<Pos> {
    let (mut l, mut c) = (1, 1);
    for ch in chars {
        if (l, c) == (line, column) {
            return Some(ch.pos);
        }
        if ch.lex == '\n' {
            l += 1;
            c = 1;
        } else {
            c += 1;
        }
    }
    None
}

/// Mermaid's directive pattern at `i`:
/// `%{2}{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!}%{2}).|\r?\n)*))?\s*(?:}%{2})?`.
fn directive_end(chars: &[Ch], i: usize) -> Option<usize> {
    if !starts_with(chars, i, "%%{") {
        return None;
    }
    let word = skip_while(chars, i + 3, js_space);
    let mut j = skip_while(chars, word, is_word);
    if j == word {
        return None;
    }
    let colon = skip_while(chars, j, js_space);
    if lex_at(chars, colon) == Some(':') {
        j = colon + 1;
    }
    j = skip_while(chars, j, js_space);
    if lex_at(chars, j).is_some_and(is_word) {
        j = skip_while(chars, j, is_word);
    } else {
        while let Some(c) = lex_at(chars, j) {
            if starts_with(chars, j, "}%%") || matches!(c, '\r' | '\u{2028}' | '\u{2029}') {
                break;
            }
            j += 1;
        }
    }
    j = skip_while(chars, j, js_space);
    if starts_with(chars, j, "}%%") {
        j += 3;
    }
    Some(j)
}

/// One round of Mermaid's preprocessing (front matter, directives, comment
/// lines, leading space).
fn preprocess(
    chars: Vec<Ch>,
    end: Pos,
    title: &mut Option<String>,
    comments: &mut Vec<(usize, String)>,
) -> Result<Vec<Ch>, Located> {
    let mut chars = chars;
    if let Some((body, close, after)) = front_matter(&chars) {
        // Errors past the body's end point at the closing `---`.
        let at = chars.get(close + 1).map_or(end, |c| c.pos);
        let found = front_matter_title(&chars[body..close], &chars[body..=close], at)?;
        if title.is_none() {
            *title = found;
        }
        chars.drain(..after);
    }

    let mut kept = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        match directive_end(&chars, i) {
            Some(next) => i = next,
            None => {
                kept.push(chars[i]);
                i += 1;
            }
        }
    }
    let chars = kept;

    // `/^\s*%%(?!{)[^\n]+\n?/gm`, then `trimStart()`.
    let mut kept = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let line_start = i == 0 || is_line_terminator(chars[i - 1].lex);
        if line_start {
            let j = skip_while(&chars, i, js_space);
            let is_comment = starts_with(&chars, j, "%%")
                && lex_at(&chars, j + 2).is_some_and(|c| c != '{' && c != '\n');
            if is_comment {
                let stop = line_end(&chars, j + 2);
                comments.push((chars[j].pos.line, text_of(&chars[j + 2..stop])));
                i = if stop < chars.len() { stop + 1 } else { stop };
                continue;
            }
            // Every line start in this run of space meets the same text.
            if j > i + 1 {
                kept.extend_from_slice(&chars[i..j - 1]);
                i = j - 1;
            }
        }
        kept.push(chars[i]);
        i += 1;
    }
    let start = skip_while(&kept, 0, js_space);
    kept.drain(..start);
    Ok(kept)
}

/// Mermaid's `detectType` for a journey: after front matter, directives and
/// `%%` comment lines, the text starts with `journey` (lowercase).
fn is_journey(chars: &[Ch]) -> bool {
    let mut chars = chars.to_vec();
    if let Some((_, _, after)) = front_matter(&chars) {
        chars.drain(..after);
    }
    let mut i = 0;
    while i < chars.len() {
        if let Some(next) = directive_end(&chars, i) {
            chars.drain(i..next);
        } else {
            i += 1;
        }
    }
    let mut i = 0;
    loop {
        i = skip_while(&chars, i, js_space);
        if !starts_with(&chars, i, "%%") {
            break;
        }
        let stop = skip_while(&chars, i + 2, |c| !is_line_terminator(c));
        if lex_at(&chars, stop) != Some('\n') {
            break;
        }
        i = stop + 1;
    }
    starts_with(&chars, i, "journey")
}

/// Mermaid's `encodeEntities`: drops the last `;` of a line matching
/// `style.*:\S*#.*;` or `classDef.*:\S*#.*;`, and hides `#word;` from the lexer.
fn encode_entities(chars: &mut Vec<Ch>) {
    for word in ["style", "classDef"] {
        let mut drop = HashSet::new();
        let mut start = 0;
        while start < chars.len() {
            let stop = skip_while(chars, start, |c| !is_line_terminator(c));
            if let Some(semicolon) = style_semicolon(&chars[start..stop], word) {
                drop.insert(start + semicolon);
            }
            start = stop + 1;
        }
        if !drop.is_empty() {
            let mut i = 0;
            chars.retain(|_| {
                i += 1;
                !drop.contains(&(i - 1))
            });
        }
    }
    let mut i = 0;
    while i < chars.len() {
        if chars[i].lex == '#' {
            let end = skip_while(chars, i + 1, is_word);
            if end > i + 1 && lex_at(chars, end) == Some(';') {
                chars[i].lex = 'ﬂ';
                chars[end].lex = 'ß';
                i = end + 1;
                continue;
            }
        }
        i += 1;
    }
}

/// In one line: the index of the `;` that `word.*:\S*#.*;` ends on, if it matches.
fn style_semicolon(line: &[Ch], word: &str) -> Option<usize> {
    let start = (0..line.len()).find(|&i| starts_with(line, i, word))?;
    let last = line.iter().rposition(|c| c.lex == ';')?;
    // A `#` before the last `;` with a `:` earlier in its run of non-space.
    let mut colon_in_run = false;
    for c in &line[start + word.chars().count()..last] {
        match c.lex {
            ':' => colon_in_run = true,
            '#' if colon_in_run => return Some(last),
            c if js_space(c) => colon_in_run = false,
            _ => {}
        }
    }
    None
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Journey,
    Newline,
    Title(String),
    AccTitle(String),
    AccDescr(String),
    Section(String),
    TaskName(String),
    TaskData(String),
    Colon,
    Invalid,
    Eof,
}

struct Token {
    kind: Kind,
    at: usize,
}

/// Mermaid's journey lexer (`journey.jison`), rule for rule, first match wins.
struct Lexer<'a> {
    chars: &'a [Ch],
    i: usize,
    end: Pos,
}

impl Lexer<'_> {
    fn pos(&self, i: usize) -> Pos {
        self.chars.get(i).map_or(self.end, |c| c.pos)
    }

    fn text(&self, from: usize, to: usize) -> String {
        text_of(&self.chars[from..to])
    }

    fn next_token(&mut self) -> Result<Token, Located> {
        let chars = self.chars;
        'lex: loop {
            let i = self.i;
            let Some(c) = lex_at(chars, i) else {
                return Ok(Token {
                    kind: Kind::Eof,
                    at: i,
                });
            };
            let token = |kind, next: usize, lexer: &mut Self| {
                lexer.i = next;
                Ok(Token { kind, at: i })
            };
            let next = lex_at(chars, i + 1);
            // \%%(?!\{)[^\n]*   and   [^\}]\%\%[^\n]*   (comments)
            if c == '%' && next == Some('%') && lex_at(chars, i + 2) != Some('{') {
                self.i = line_end(chars, i);
                continue;
            }
            if c != '}' && next == Some('%') && lex_at(chars, i + 2) == Some('%') {
                self.i = line_end(chars, i + 1);
                continue;
            }
            if c == '\n' {
                return token(Kind::Newline, skip_while(chars, i, |c| c == '\n'), self);
            }
            if js_space(c) {
                self.i = skip_while(chars, i, js_space);
                continue;
            }
            if c == '#' {
                self.i = line_end(chars, i);
                continue;
            }
            if starts_with_ci(chars, i, "journey") && !lex_at(chars, i + 7).is_some_and(is_word) {
                return token(Kind::Journey, i + 7, self);
            }
            if let Some(end) = self.keyword_text(i, "title", "#\n;") {
                return token(Kind::Title(self.text(i + 6, end)), end, self);
            }
            for (keyword, is_title) in [("acctitle", true), ("accdescr", false)] {
                if !starts_with_ci(chars, i, keyword) {
                    continue;
                }
                let colon = skip_while(chars, i + 8, js_space);
                if lex_at(chars, colon) == Some(':') {
                    let value = skip_while(chars, colon + 1, js_space);
                    let end = line_end(chars, value);
                    let text = self.text(value, end);
                    let kind = if is_title {
                        Kind::AccTitle(text)
                    } else {
                        Kind::AccDescr(text)
                    };
                    return token(kind, end, self);
                }
                if !is_title && lex_at(chars, colon) == Some('{') {
                    let value = skip_while(chars, colon + 1, js_space);
                    let close = skip_while(chars, value, |c| c != '}');
                    if close >= chars.len() {
                        return Err(located(self.pos(i), "`accDescr {` is never closed by `}`"));
                    }
                    if close == value {
                        // An empty block: no statement.
                        self.i = close + 1;
                        continue 'lex;
                    }
                    return token(Kind::AccDescr(self.text(value, close)), close + 1, self);
                }
            }
            if let Some(end) = self.keyword_text(i, "section", "#:\n;") {
                return token(Kind::Section(self.text(i + 8, end)), end, self);
            }
            if !"#:\n;".contains(c) {
                let end = skip_while(chars, i, |c| !"#:\n;".contains(c));
                return token(Kind::TaskName(self.text(i, end)), end, self);
            }
            if c == ':' {
                let end = skip_while(chars, i + 1, |c| !"#\n;".contains(c));
                if end > i + 1 {
                    return token(Kind::TaskData(self.text(i + 1, end)), end, self);
                }
                return token(Kind::Colon, i + 1, self);
            }
            return token(Kind::Invalid, i + 1, self);
        }
    }

    /// `"keyword"\s[^STOP]+`: the end of the token when it matches at `i`.
    fn keyword_text(&self, i: usize, keyword: &str, stop: &str) -> Option<usize> {
        let chars = self.chars;
        let len = keyword.len();
        let matches = starts_with_ci(chars, i, keyword)
            && lex_at(chars, i + len).is_some_and(js_space)
            && lex_at(chars, i + len + 1).is_some_and(|c| !stop.contains(c));
        matches.then(|| skip_while(chars, i + len + 1, |c| !stop.contains(c)))
    }
}

/// The diagram, or the first thing Mermaid would reject.
fn parse(source: &str) -> Result<Diagram, Located> {
    let (chars, end) = read_chars(source);
    let mut diagram = Diagram::default();
    let mut front_title = None;
    let chars = preprocess(chars, end, &mut front_title, &mut diagram.comments)?;
    let mut chars = preprocess(chars, end, &mut front_title, &mut diagram.comments)?;
    diagram.title = front_title;

    if !is_journey(&chars) {
        let pos = chars.first().map_or(Pos { line: 1, column: 1 }, |c| c.pos);
        let message = if starts_with(&chars, 0, "---") {
            "`---` is not front matter here: Mermaid reads front matter only at the very start \
             of the diagram, closed by a `---` line"
        } else if chars.is_empty() {
            "no diagram: a Mermaid journey starts with `journey`"
        } else {
            "expected `journey`: a Mermaid journey diagram starts with the lowercase keyword \
             `journey` (after optional front matter and `%%` comments)"
        };
        return Err(located(pos, message));
    }
    encode_entities(&mut chars);
    chars.push(Ch {
        lex: '\n',
        text: '\n',
        pos: end,
    });

    let mut lexer = Lexer {
        chars: &chars,
        i: 0,
        end,
    };
    let first = lexer.next_token()?;
    if first.kind != Kind::Journey {
        let message = match &first.kind {
            Kind::Newline => {
                "expected `journey` first: Mermaid keeps a `%%` line with nothing after it, \
                 so the line break after it comes before `journey`"
            }
            _ => "expected `journey` first",
        };
        return Err(located(lexer.pos(first.at), message));
    }
    let mut previous = Kind::Journey;
    loop {
        let token = lexer.next_token()?;
        let pos = lexer.pos(token.at);
        match token.kind.clone() {
            Kind::Eof => return Ok(diagram),
            Kind::Newline => {}
            Kind::Title(title) => {
                let title = title.trim();
                diagram.title = (!title.is_empty()).then(|| title.to_owned());
            }
            Kind::AccTitle(text) => diagram.acc_title = Some(text.trim().to_owned()),
            Kind::AccDescr(text) => diagram.acc_descr = Some(text.trim().to_owned()),
            Kind::Section(name) => diagram.sections.push(Section {
                name: Some(name),
                tasks: Vec::new(),
            }),
            Kind::TaskName(name) => {
                let data = lexer.next_token()?;
                let Kind::TaskData(text) = data.kind else {
                    return Err(task_without_score(&lexer, &name, &token, &data));
                };
                if diagram.sections.is_empty() {
                    diagram.sections.push(Section {
                        name: None,
                        tasks: Vec::new(),
                    });
                }
                let spaces = text.chars().take_while(|c| js_space(*c)).count();
                let score_at = lexer.pos(data.at + 1 + spaces);
                if let Some(section) = diagram.sections.last_mut() {
                    section.tasks.push(Task {
                        name: name.trim().to_owned(),
                        line: pos.line,
                        data: text,
                        score_at,
                    });
                }
            }
            Kind::Journey => {
                return Err(located(
                    pos,
                    "unexpected `journey`: Mermaid reads a line starting with the word \
                     \"journey\" (in any case) as the keyword, so a task name cannot start with it",
                ));
            }
            Kind::TaskData(_) | Kind::Colon => {
                let message = if let Kind::Section(name) = &previous {
                    format!(
                        "a section name cannot contain `:` (Mermaid reads a line starting with \
                         \"section \" as a section, here \"{}\")",
                        name.trim()
                    )
                } else {
                    "unexpected `:`: a task needs a name before `: score`".to_owned()
                };
                return Err(located(pos, message));
            }
            Kind::Invalid => return Err(located(pos, semicolon_message())),
        }
        previous = token.kind;
    }
}

fn semicolon_message() -> &'static str {
    "`;` is not allowed in a Mermaid journey (only in `%%` comments and `acc…` text)"
}

/// The error for a task name not followed by `: score`.
fn task_without_score(lexer: &Lexer<'_>, raw: &str, task: &Token, next: &Token) -> Located {
    let name = raw.trim();
    let name_end = task.at + raw.chars().count();
    let hash = (lex_at(lexer.chars, name_end) == Some('#')).then_some(name_end);
    match (&next.kind, hash) {
        (Kind::Invalid, _) => located(lexer.pos(next.at), semicolon_message()),
        (Kind::Colon, _) => located(
            lexer.pos(next.at),
            format!("task \"{name}\" has `:` but no score after it"),
        ),
        (_, Some(hash)) => located(
            lexer.pos(hash),
            format!(
                "`#` starts a comment in a Mermaid journey, so task \"{name}\" has no `: score`"
            ),
        ),
        _ => located(
            lexer.pos(task.at),
            format!(
                "\"{name}\" is not a journey statement: expected a task `name: score` \
                 (or `title`, `section`, `accTitle:`, `accDescr:`, a `%%` comment)"
            ),
        ),
    }
}

// ---------------------------------------------------------------------------
// The map.

struct MapStage {
    id: String,
    name: Option<String>,
    /// Why the name is a placeholder.
    name_note: &'static str,
    emotion: Option<u8>,
    touchpoints: Vec<MapTouchpoint>,
}

struct MapTouchpoint {
    id: String,
    /// `None`: the placeholder of a section without tasks.
    name: Option<String>,
    emotion: Option<u8>,
    /// The score when it is not an integer 1–5.
    bad_score: Option<String>,
    actors: Vec<String>,
    /// Text after the actors that Mermaid ignores.
    ignored: Option<String>,
}

struct MapDraft {
    title: Option<String>,
    description: Option<String>,
    persona: Option<String>,
    actors: Vec<String>,
    stages: Vec<MapStage>,
    /// Scores the map could not take.
    warnings: Vec<Located>,
}

const TODO_STAGE: &str = "TODO: stage name";
const TODO_TOUCHPOINT: &str = "TODO: touchpoint";

/// Ids: slugs of names, unique across the file.
#[derive(Default)]
struct Ids {
    used: HashSet<String>,
    /// The next suffix to try for a base.
    next: HashMap<String, usize>,
}

impl Ids {
    fn claim(&mut self, name: &str, fallback: &str) -> String {
        let slug = slugify(name);
        let slug = slug.trim_start_matches(['-', '_']);
        let base = if slug.is_empty() { fallback } else { slug };
        if self.used.insert(base.to_owned()) {
            return base.to_owned();
        }
        let mut n = self.next.get(base).copied().unwrap_or(2);
        loop {
            let suffix = format!("-{n}");
            let stem: String = base.chars().take(64 - suffix.len()).collect();
            let id = format!("{}{suffix}", stem.trim_end_matches('-'));
            n += 1;
            if self.used.insert(id.clone()) {
                self.next.insert(base.to_owned(), n);
                return id;
            }
        }
    }
}

/// An integer score 1–5 as Mermaid's `Number()` would read it.
fn score(text: &str) -> Option<u8> {
    let text = text.trim_matches(js_space);
    let digits = text.strip_prefix('+').unwrap_or(text);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits
        .trim_start_matches('0')
        .parse::<u8>()
        .ok()
        .filter(|s| (1..=5).contains(s))
}

/// Which journeymap note (written by `export --to mermaid`) sits on the line
/// above a task.
fn note_above(comments: &HashMap<usize, &str>, task: &Task) -> Option<&'static str> {
    let text = comments.get(&task.line.checked_sub(1)?)?.trim();
    let note = text.strip_prefix(task.name.as_str())?.strip_prefix(": ")?;
    [NOTE_STAGE_EMOTION, NOTE_PLACEHOLDER]
        .into_iter()
        .find(|known| *known == note)
}

fn build(diagram: &Diagram) -> MapDraft {
    let comments: HashMap<usize, &str> = diagram
        .comments
        .iter()
        .map(|(line, text)| (*line, text.as_str()))
        .collect();
    let mut ids = Ids::default();
    let mut warnings = Vec::new();
    let mut stages = Vec::new();
    let mut actors: Vec<String> = Vec::new();
    let mut count = 0;
    for (s, section) in diagram.sections.iter().enumerate() {
        let name = section
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty());
        let name_note = match (&section.name, name) {
            (None, _) => "# TODO: name this stage: these tasks come before the first section",
            (Some(_), None) => "# TODO: the section has no name",
            _ => "",
        };
        let id = ids.claim(name.unwrap_or(TODO_STAGE), &format!("stage-{}", s + 1));
        let mut stage = MapStage {
            id,
            name: name.map(str::to_owned),
            name_note,
            emotion: None,
            touchpoints: Vec::new(),
        };
        for task in &section.tasks {
            count += 1;
            let mut pieces = task.data.split(':');
            let score_text = pieces.next().unwrap_or_default();
            let task_actors: Vec<String> = pieces
                .next()
                .map(|list| {
                    list.split(',')
                        .map(|a| a.trim_matches(js_space).to_owned())
                        .filter(|a| !a.is_empty())
                        .collect()
                })
                .unwrap_or_default();
            let rest: Vec<&str> = pieces.collect();
            let ignored = (!rest.is_empty()).then(|| format!(":{}", rest.join(":")));
            for actor in &task_actors {
                if !actors.contains(actor) {
                    actors.push(actor.clone());
                }
            }
            let mut emotion = score(score_text);
            // A note from `export --to mermaid`: the score was not the touchpoint's.
            match (note_above(&comments, task), emotion) {
                (Some(NOTE_STAGE_EMOTION), Some(value))
                    if stage.emotion.is_none_or(|e| e == value) =>
                {
                    stage.emotion = Some(value);
                    emotion = None;
                }
                (Some(NOTE_PLACEHOLDER), Some(3)) => emotion = None,
                _ => {}
            }
            let bad_score = score(score_text)
                .is_none()
                .then(|| score_text.trim_matches(js_space).to_owned());
            if let Some(bad) = &bad_score {
                warnings.push(located(
                    task.score_at,
                    bad_score_warning(task, bad, &task_actors),
                ));
            }
            stage.touchpoints.push(MapTouchpoint {
                id: ids.claim(&task.name, &format!("touchpoint-{count}")),
                name: Some(task.name.clone()),
                emotion,
                bad_score,
                actors: task_actors,
                ignored,
            });
        }
        if stage.touchpoints.is_empty() {
            count += 1;
            stage.touchpoints.push(MapTouchpoint {
                id: ids.claim(TODO_TOUCHPOINT, &format!("touchpoint-{count}")),
                name: None,
                emotion: None,
                bad_score: None,
                actors: Vec::new(),
                ignored: None,
            });
        }
        stages.push(stage);
    }
    if stages.is_empty() {
        stages.push(MapStage {
            id: ids.claim(TODO_STAGE, "stage-1"),
            name: None,
            name_note: "# TODO: the diagram has no section",
            emotion: None,
            touchpoints: vec![MapTouchpoint {
                id: ids.claim(TODO_TOUCHPOINT, "touchpoint-1"),
                name: None,
                emotion: None,
                bad_score: None,
                actors: Vec::new(),
                ignored: None,
            }],
        });
    }
    let description = match (&diagram.acc_title, &diagram.acc_descr) {
        (Some(t), Some(d)) if !t.is_empty() && !d.is_empty() => Some(format!("{t}\n\n{d}")),
        (Some(t), _) if !t.is_empty() => Some(t.clone()),
        (_, Some(d)) if !d.is_empty() => Some(d.clone()),
        _ => None,
    };
    MapDraft {
        title: diagram.title.clone(),
        description: description.map(|d| tidy_lines(&d)),
        persona: actors.first().cloned(),
        actors,
        stages,
        warnings,
    }
}

/// Why a task's score gives no emotion, and the likely fix when the score
/// and the actors were written without the `:` between them (`Buy: 5 Me`),
/// the other way round (`Buy: Me: 5`), or the score without the `:` before
/// it (`Buy 5: Me`).
fn bad_score_warning(task: &Task, bad: &str, actors: &[String]) -> String {
    let name = &task.name;
    let what = if bad.is_empty() {
        format!("task \"{name}\" has no score before its actors")
    } else {
        format!("task \"{name}\" has score \"{bad}\", which is not an integer from 1 to 5")
    };
    let leading = bad.split(js_space).next().unwrap_or_default();
    let fix = match (score(leading), actors) {
        // `Buy: 5 Me`: a score, then the actors without their `:`.
        (Some(value), _) if leading.len() < bad.len() => {
            let rest = bad[leading.len()..].trim_matches(js_space);
            format!("; if \"{rest}\" are actors, write `{name}: {value}: {rest}`")
        }
        // `Buy:: 5`: the score where the actors go.
        (_, [only]) if score(only).is_some() && bad.is_empty() => {
            format!("; write `{name}: {only}`")
        }
        // `Buy: Me: 5`: the actors first.
        (_, [only]) if score(only).is_some() => {
            format!("; to give the actors \"{bad}\", write `{name}: {only}: {bad}`")
        }
        // `Pick slot 2: Me`: the score at the end of the name, before the `:`.
        _ => match name.rsplit_once(js_space) {
            Some((head, last)) if score(last).is_some() => {
                let head = head.trim_matches(js_space);
                let actors = if bad.is_empty() {
                    String::new()
                } else {
                    format!(": {bad}")
                };
                format!("; if {last} is the score, write `{head}: {last}{actors}`")
            }
            _ => String::new(),
        },
    };
    format!("{what}: the touchpoint gets no emotion (marked TODO){fix}")
}

/// Each line trimmed (a multi-line `accDescr { … }` keeps its indentation).
fn tidy_lines(text: &str) -> String {
    text.lines().map(str::trim).collect::<Vec<_>>().join("\n")
}

// ---------------------------------------------------------------------------
// Writing YAML by hand.

/// A YAML double-quoted scalar that reads back as exactly `text`.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if printable(c) => out.push(c),
            c if u32::from(c) <= 0xFFFF => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => {
                let _ = write!(out, "\\U{:08X}", u32::from(c));
            }
        }
    }
    out.push('"');
    out
}

/// YAML's printable characters, less the ones safer escaped.
fn printable(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}')
}

/// A slug as a YAML scalar: plain when YAML reads it as a string (it starts
/// with a letter and is not `null`, `true` or `false`), else quoted
/// (`"123"`, `"1e5"`).
fn plain_id(id: &str) -> String {
    let plain = id.starts_with(|c: char| c.is_ascii_lowercase())
        && !matches!(id, "null" | "true" | "false");
    if plain { id.to_owned() } else { quote(id) }
}

/// The schema's `$id`, for the yaml-language-server modeline.
fn schema_url() -> Option<String> {
    let schema: serde_json::Value = serde_json::from_str(SCHEMA_TEXT).ok()?;
    schema.get("$id")?.as_str().map(str::to_owned)
}

fn write_map(draft: &MapDraft) -> String {
    let mut out = String::new();
    if let Some(url) = schema_url() {
        let _ = writeln!(out, "# yaml-language-server: $schema={url}");
    }
    out.push_str(
        "# Imported from a Mermaid journey diagram by `journeymap import mermaid`.\n\
         # Mermaid holds only titles, sections, tasks, scores and actors: each TODO marks\n\
         # what it cannot hold (every `channel: TODO` too). Fill them in, then run\n\
         # `journeymap check`.\n\
         version: 1\n",
    );
    match &draft.title {
        Some(title) => {
            let _ = writeln!(out, "title: {}", quote(title));
        }
        None => {
            let _ = writeln!(
                out,
                "title: \"TODO: title\"  # TODO: the diagram has no title"
            );
        }
    }
    if let Some(description) = &draft.description {
        let _ = writeln!(out, "description: {}", quote(description));
    }
    out.push_str("persona:\n");
    match &draft.persona {
        Some(name) => {
            let _ = writeln!(out, "  name: {}", quote(name));
        }
        None => {
            let _ = writeln!(
                out,
                "  name: \"TODO: persona name\"  # TODO: no task of the diagram names an actor"
            );
        }
    }
    if draft.actors.len() > 1 {
        let list: Vec<String> = draft.actors.iter().map(|a| quote(a)).collect();
        let _ = writeln!(
            out,
            "  # The diagram's actors: {} (each touchpoint keeps its own in x-actors).",
            list.join(", ")
        );
    }
    out.push_str("  # TODO: the persona's needs, goals, challenges and channels.\n");
    out.push_str("stages:\n");
    for stage in &draft.stages {
        let _ = writeln!(out, "  - id: {}", plain_id(&stage.id));
        match &stage.name {
            Some(name) => {
                let _ = writeln!(out, "    name: {}", quote(name));
            }
            None => {
                let _ = writeln!(out, "    name: {}  {}", quote(TODO_STAGE), stage.name_note);
            }
        }
        if let Some(emotion) = stage.emotion {
            let _ = writeln!(out, "    emotion: {emotion}");
        }
        out.push_str("    touchpoints:\n");
        for touchpoint in &stage.touchpoints {
            write_touchpoint(&mut out, touchpoint);
        }
    }
    out.push_str(
        "opportunities: {}  # TODO: pain points, unmet needs, innovations, efficiencies, feedback\n\
         action_plan: {}  # TODO: initiatives, pilots, improvements, milestones, resources\n",
    );
    out
}

fn write_touchpoint(out: &mut String, touchpoint: &MapTouchpoint) {
    if touchpoint.name.is_none() {
        out.push_str(
            "      # TODO: the section has no task; replace this placeholder (see empty-stage)\n",
        );
    }
    let _ = writeln!(out, "      - id: {}", plain_id(&touchpoint.id));
    let name = touchpoint.name.as_deref().unwrap_or(TODO_TOUCHPOINT);
    let _ = writeln!(out, "        name: {}", quote(name));
    out.push_str("        channel: TODO\n");
    if let Some(emotion) = touchpoint.emotion {
        let _ = writeln!(out, "        emotion: {emotion}");
    }
    if let Some(score) = &touchpoint.bad_score {
        let _ = writeln!(
            out,
            "        # TODO: score {} is not an integer from 1 to 5",
            quote(score)
        );
    }
    if !touchpoint.actors.is_empty() {
        let list: Vec<String> = touchpoint.actors.iter().map(|a| quote(a)).collect();
        let _ = writeln!(out, "        x-actors: [{}]", list.join(", "));
    }
    if let Some(ignored) = &touchpoint.ignored {
        let _ = writeln!(
            out,
            "        # Mermaid ignores {} after the actors.",
            quote(ignored)
        );
    }
}
