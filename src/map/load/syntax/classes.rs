//! The kinds of YAML mistakes people make, each recognised from libyaml's
//! problem and the lines around where it stopped, and reported where the
//! person must edit. Each function answers `None` when its kind does not fit,
//! and the next one is asked.

use crate::diagnostic::Finding;

use super::super::YAML_SYNTAX;
use super::Report;
use super::lines::{Entry, Line, closing_quote, comment_start, quoted, spaces};

pub(super) fn classify(report: &Report) -> Option<Finding> {
    let classes: [fn(&Report) -> Option<Finding>; 15] = [
        tab,
        control_character,
        quote_never_closed,
        quote_closed_on_a_later_line,
        bad_escape,
        flow_not_closed,
        colon_in_value,
        list_on_the_key_line,
        comment_cuts_value,
        stray_closing_bracket,
        list_item_out_of_line,
        key_out_of_line,
        missing_colon,
        stray_character,
        text_after_closed_value,
    ];
    classes
        .iter()
        .find_map(|class| class(report))
        .or_else(|| empty_flow_item(report))
}

fn finding(line: &Line, byte: usize, message: String, help: String) -> Option<Finding> {
    Some(Finding::at_position(
        YAML_SYNTAX,
        line.position(byte),
        message,
        help,
    ))
}

/// A key as the messages name it: `` `name` ``, or "the list item".
fn name(entry: &Entry) -> String {
    match entry.key {
        Some(key) => format!("`{}`", key.text),
        None => "the list item".to_owned(),
    }
}

/// "indent `x` by 2 spaces", "start `x` at the beginning of the line".
fn indent_to(what: &str, count: usize) -> String {
    match count {
        0 => format!("start {what} at the beginning of the line"),
        n => format!("indent {what} by {}", spaces(n)),
    }
}

/// A tab in the indentation of the line where libyaml stopped.
fn tab(report: &Report) -> Option<Finding> {
    let line = report.line();
    let body = line.text.trim_start_matches([' ', '\t']);
    let leading = &line.text[..line.text.len() - body.len()];
    let byte = match leading.find('\t') {
        Some(byte) => byte,
        None if report.problem.starts_with("found a tab character")
            || report.char_at(report.at) == Some('\t') =>
        {
            line.byte_of(report.at)
        }
        None => return None,
    };
    finding(
        &line,
        byte,
        "a tab indents this line, and YAML indentation must be spaces".to_owned(),
        "replace the tab with spaces".to_owned(),
    )
}

/// A character YAML refuses anywhere (libyaml's reader gives only its offset).
fn control_character(report: &Report) -> Option<Finding> {
    if !report.problem.contains("control characters") {
        return None;
    }
    let printable = |c: char| matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
    let (offset, c) = report
        .source
        .char_indices()
        .find(|&(_, c)| !printable(c))
        .or_else(|| Some((report.at, report.char_at(report.at)?)))?;
    let line = Line::at(report.source, offset);
    finding(
        &line,
        line.byte_of(offset),
        format!(
            "the file holds the control character U+{:04X}, which YAML does not allow",
            u32::from(c)
        ),
        "remove it; most editors do not show it, and it often comes with copied text".to_owned(),
    )
}

/// `the quote opened here …`: the finding at an opening quote.
fn at_open_quote(report: &Report, open: usize, rest_of_message: &str) -> Option<Finding> {
    let quote = report.char_at(open).filter(|c| matches!(c, '"' | '\''))?;
    let line = Line::at(report.source, open);
    let byte = line.byte_of(open);
    let value = line.text.get(byte..)?.trim_end_matches([' ', '\t']);
    let help = if value.len() > quote.len_utf8() {
        format!("close the quote where the value ends on this line: {value}{quote}")
    } else {
        format!("close the quote with a second `{quote}` where the value ends")
    };
    finding(
        &line,
        byte,
        format!("this `{quote}` opens a quoted value that {rest_of_message}"),
        help,
    )
}

/// A quote that runs to the end of the file.
fn quote_never_closed(report: &Report) -> Option<Finding> {
    if !report.context_starts("while scanning a quoted scalar")
        || !report.problem.starts_with("found unexpected")
    {
        return None;
    }
    // libyaml names no position for a quote at the very start of the file.
    at_open_quote(report, report.context_at.unwrap_or(0), "is never closed")
}

/// A quote not closed on its line, so that the next quote closes it and
/// what follows that quote makes no sense: libyaml stops just after it.
fn quote_closed_on_a_later_line(report: &Report) -> Option<Finding> {
    if report.context_starts("while scanning a quoted")
        || report.context_starts("while parsing a quoted")
    {
        return None;
    }
    let line = report.line();
    let before = line
        .text
        .get(..line.byte_of(report.at))?
        .trim_end_matches([' ', '\t']);
    let quote = before
        .chars()
        .next_back()
        .filter(|c| matches!(c, '"' | '\''))?;
    let close = line.start + before.len() - 1;
    let open = opening_quote(report.source, close, quote)?;
    let open_line = Line::at(report.source, open);
    if open_line.number == line.number {
        return None;
    }
    at_open_quote(
        report,
        open,
        &format!(
            "is not closed on its line: it runs on to the `{quote}` on line {}",
            line.number
        ),
    )
}

/// The quote that opens the quoted scalar closed by the quote at `close`:
/// inside double quotes every `"` is escaped, inside single quotes every `'` doubled.
fn opening_quote(source: &str, close: usize, quote: char) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut at = close;
    while at > 0 {
        at -= 1;
        if bytes[at] != quote as u8 {
            continue;
        }
        if quote == '"' {
            let backslashes = bytes[..at]
                .iter()
                .rev()
                .take_while(|&&b| b == b'\\')
                .count();
            if backslashes % 2 == 0 {
                return Some(at);
            }
        } else if at > 0 && bytes[at - 1] == b'\'' {
            at -= 1; // a doubled quote, inside
        } else {
            return Some(at);
        }
    }
    None
}

/// `"C:\Users"`: a backslash in double quotes that starts no escape.
fn bad_escape(report: &Report) -> Option<Finding> {
    if !report.context_starts("while parsing a quoted scalar") {
        return None;
    }
    let line = report.line();
    let upto = line.text.get(
        ..=line
            .byte_of(report.at)
            .min(line.text.len().saturating_sub(1)),
    )?;
    let backslash = upto.rfind('\\')?;
    let escape: String = line.text[backslash..].chars().take(2).collect();
    let message = match escape.chars().nth(1) {
        Some(letter @ ('x' | 'u' | 'U')) if report.problem.contains("hexadecimal") => format!(
            "`{escape}` in double quotes must be followed by {} hexadecimal digits",
            match letter {
                'x' => 2,
                'u' => 4,
                _ => 8,
            }
        ),
        _ if report.problem.contains("Unicode") => {
            format!("`{escape}…` in double quotes is not a valid Unicode character")
        }
        _ => format!(
            "`{escape}` is not an escape: in double quotes a backslash starts one, such as `\\n` or `\\\"`"
        ),
    };
    // The whole value in single quotes, where a backslash is a backslash.
    let open = report.context_at.map(|open| line.byte_of(open));
    let content = open.and_then(|open| {
        let text = line.text.get(open..)?;
        text.get(1..closing_quote(text, '"')?)
    });
    let help = match content {
        _ if escape == "\\'" => {
            "write `'` without the backslash: inside double quotes it needs none".to_owned()
        }
        Some(content) if !content.contains("\\\"") => format!(
            "use single quotes, where a backslash is an ordinary character: '{}'",
            content.replace('\'', "''")
        ),
        _ => "write `\\\\` for each backslash meant as text".to_owned(),
    };
    finding(&line, backslash, message, help)
}

/// `[a, b` or `{a: 1` without its closing bracket, and ` #` inside a flow.
fn flow_not_closed(report: &Report) -> Option<Finding> {
    if !report.problem.starts_with("did not find expected ',' or") {
        return None;
    }
    let kind = if report.context_starts("while parsing a flow sequence") {
        "list"
    } else if report.context_starts("while parsing a flow mapping") {
        "mapping"
    } else {
        return None;
    };
    let open = report.context_at.unwrap_or(0);
    let bracket = report.char_at(open).filter(|c| matches!(c, '[' | '{'))?;
    let open_line = Line::at(report.source, open);
    let from = open_line.byte_of(open);
    let line = report.line();

    if line.number > open_line.number
        && let Some(hash) = comment_start(open_line.text, from)
    {
        let item_start = open_line.text[..hash]
            .rfind([',', '[', '{'])
            .map_or(from, |at| at + 1);
        let item_end = open_line.text[hash..]
            .find([',', ']', '}'])
            .map_or(open_line.text.len(), |at| hash + at);
        let item = open_line.text[item_start..item_end].trim();
        // In a flow mapping the item is `key: value`, and the value is what holds the ` #`.
        let help = match item.split_once(": ") {
            Some((key, value)) if bracket == '{' => {
                format!("quote the value: {key}: {}", quoted(value.trim()))
            }
            _ => format!("quote the item: {}", quoted(item)),
        };
        return finding(
            &open_line,
            hash,
            format!(
                "` #` starts a comment, which hides the rest of the line, so the `{bracket}` is never closed"
            ),
            help,
        );
    }

    // Unclosed when libyaml ran on into the next key or list item (or the end).
    let entry = line.entry();
    let ran_on = report.at_end()
        || (line.number > open_line.number
            && (entry.key.is_some() || entry.dash.is_some())
            && entry.indent <= open_line.entry().indent);
    if !ran_on {
        let closing = if bracket == '[' { ']' } else { '}' };
        return finding(
            &line,
            line.byte_of(report.at),
            format!(
                "expected `,` or `{closing}` here: the items of a flow {kind} are separated by commas"
            ),
            "separate the items with `, `, and quote an item that holds `: `, ` #`, a bracket or a quote".to_owned(),
        );
    }
    let value = open_line.text[from..].trim_end_matches([' ', '\t']);
    let one_line = std::iter::successors(open_line.next(report.source), |l| l.next(report.source))
        .take_while(|l| l.number < line.number)
        .all(|l| l.is_blank_or_comment());
    let help = match closers(value) {
        Some(closers) if one_line => format!("close it on this line: {value}{closers}"),
        _ => format!(
            "close it with `{}` after its last item",
            if bracket == '[' { ']' } else { '}' }
        ),
    };
    finding(
        &open_line,
        from,
        format!("this `{bracket}` opens a flow {kind} that is never closed"),
        help,
    )
}

/// The brackets that would close the flows `text` leaves open.
fn closers(text: &str) -> Option<String> {
    let mut open = Vec::new();
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '[' => open.push(']'),
            '{' => open.push('}'),
            ']' | '}' => {
                open.pop();
            }
            '"' | '\'' => {
                let end = closing_quote(&text[at..], c)?;
                chars
                    .by_ref()
                    .take_while(|&(i, _)| i < at + end)
                    .for_each(drop);
            }
            _ => {}
        }
    }
    Some(open.iter().rev().collect())
}

/// `text: Note: x` — a `: ` inside a plain value — or a key indented more
/// than the one above, which libyaml reads as more of that key's value.
fn colon_in_value(report: &Report) -> Option<Finding> {
    if report.problem != "mapping values are not allowed in this context" {
        return None;
    }
    let line = report.line();
    let entry = line.entry();
    let at = line.byte_of(report.at);
    let key = entry.key?;
    if key.colon < at {
        let (_, value) = entry.value?;
        return finding(
            &line,
            at,
            format!(
                "the value of `{}` contains `: `, which YAML reads as the start of another key",
                key.text
            ),
            format!("quote the value: {}", quoted(value)),
        );
    }
    if key.colon != at {
        return None;
    }
    if entry.dash.is_some() {
        return list_item_finding(report, &line, &entry);
    }
    // The key whose value this line continues.
    let owner = line
        .contents_above(report.source)
        .map(|l| (l, l.entry()))
        .find(|(_, e)| e.content < entry.content && (e.key.is_some() || e.dash.is_some()))?;
    let (owner_line, owner_entry) = owner;
    finding(
        &line,
        entry.content,
        format!(
            "{} is indented more than {} on line {}, so YAML reads this line as part of its value",
            name(&entry),
            name(&owner_entry),
            owner_line.number
        ),
        format!(
            "{}, like {}",
            indent_to(&name(&entry), owner_entry.content),
            name(&owner_entry)
        ),
    )
}

/// `key: - item`: a block list on its key's line.
fn list_on_the_key_line(report: &Report) -> Option<Finding> {
    if report.problem != "block sequence entries are not allowed in this context" {
        return None;
    }
    let line = report.line();
    let at = line.byte_of(report.at);
    let key = line.entry().key.filter(|key| key.colon < at)?;
    let item = line.text.get(at..)?;
    let item = item
        .get(..comment_start(item, 0).unwrap_or(item.len()))?
        .trim_end();
    finding(
        &line,
        at,
        format!(
            "a list cannot start on the same line as its key `{}`",
            key.text
        ),
        format!(
            "put `{item}` on the next line, indented below `{}`; if it is text, quote it: {}",
            key.text,
            quoted(item)
        ),
    )
}

/// `key: a #b` then a line continuing the value: the ` #` made a comment.
fn comment_cuts_value(report: &Report) -> Option<Finding> {
    if !report.problem.starts_with("did not find expected") {
        return None;
    }
    let line = report.line();
    let entry = line.entry();
    if line.byte_of(report.at) != entry.content || entry.key.is_some() || entry.dash.is_some() {
        return None;
    }
    // Up from this line to the key whose value it continues, through the
    // continuation lines and comment lines between.
    let mut between = Vec::new();
    let mut above = line;
    let owner = loop {
        let candidate = above.previous(report.source)?;
        above = candidate;
        let e = candidate.entry();
        if candidate.text.trim().is_empty() {
            continue;
        }
        if e.is_comment(candidate.text) {
            between.push(candidate);
            continue;
        }
        // A key's value continues deeper than the key; a list item's deeper than its `-`.
        let column = match (e.key, e.dash) {
            (Some(_), _) => Some(e.content),
            (None, dash) => dash,
        };
        if let Some(column) = column {
            if column < entry.content {
                break candidate;
            }
            return None;
        }
        if e.content < entry.content {
            return None;
        }
        between.push(candidate);
    };
    let owner_entry = owner.entry();
    let (value_start, owner_name, quote_what) = match owner_entry.key {
        Some(key) => (
            key.colon + 1,
            format!("the value of `{}`", key.text),
            "value",
        ),
        None => (owner_entry.content, "the list item".to_owned(), "item"),
    };
    let mut parts = vec![owner.text.get(value_start..)?.trim()];
    parts.extend(between.iter().rev().map(|l| l.text.trim()));
    parts.push(line.text.trim());
    let comment_line = between
        .iter()
        .find(|l| l.entry().is_comment(l.text))
        .copied();
    if let Some(comment_line) = comment_line {
        let text: Vec<&str> = parts.into_iter().filter(|p| !p.starts_with('#')).collect();
        return finding(
            &comment_line,
            comment_line.entry().content,
            format!(
                "this comment line ends {owner_name}, so line {} cannot continue it",
                line.number
            ),
            format!(
                "remove the comment line, or quote the {quote_what}: {}",
                quoted(&text.join(" "))
            ),
        );
    }
    let (hash_line, hash) = std::iter::once(owner)
        .chain(between.iter().rev().copied())
        .find_map(|l| {
            let from = if l.number == owner.number {
                value_start
            } else {
                0
            };
            Some((l, comment_start(l.text, from)?))
        })?;
    finding(
        &hash_line,
        hash,
        format!(
            "` #` starts a comment, so {owner_name} ends before it and line {} cannot continue it",
            line.number
        ),
        format!("quote the {quote_what}: {}", quoted(&parts.join(" "))),
    )
}

/// `]` or `}` with no flow open.
fn stray_closing_bracket(report: &Report) -> Option<Finding> {
    if !report.problem.starts_with("did not find expected") {
        return None;
    }
    let c = report
        .char_at(report.at)
        .filter(|c| matches!(c, ']' | '}'))?;
    let line = report.line();
    finding(
        &line,
        line.byte_of(report.at),
        format!(
            "this `{c}` closes no {}",
            if c == ']' { "list" } else { "mapping" }
        ),
        format!(
            "remove it, or add the `{}` it was meant to close",
            if c == ']' { '[' } else { '{' }
        ),
    )
}

/// A `- ` item at another indentation than the items before it.
fn list_item_out_of_line(report: &Report) -> Option<Finding> {
    if !report.problem.starts_with("did not find expected")
        || report.context_starts("while parsing a flow")
    {
        return None;
    }
    let line = report.line();
    let entry = line.entry();
    if entry.dash != Some(line.byte_of(report.at)) {
        return None;
    }
    list_item_finding(report, &line, &entry)
}

fn list_item_finding(report: &Report, line: &Line, entry: &Entry) -> Option<Finding> {
    let dash = entry.dash?;
    let sibling = line
        .contents_above(report.source)
        .find_map(|l| Some((l, l.entry().dash?)));
    match sibling {
        Some((sibling, column)) if column != dash => finding(
            line,
            dash,
            format!(
                "this list item is indented {}, but the item on line {} is indented {}",
                spaces(dash),
                sibling.number,
                spaces(column)
            ),
            format!(
                "{}, like the item on line {}",
                indent_to("the `-`", column),
                sibling.number
            ),
        ),
        _ => finding(
            line,
            dash,
            "this list item stands among the keys of a mapping".to_owned(),
            "give the list a key of its own (`key:`, with the items indented below it), or remove the `- `".to_owned(),
        ),
    }
}

/// A key that lines up with none of the keys above it.
fn key_out_of_line(report: &Report) -> Option<Finding> {
    let expected_dash = report.problem == "did not find expected '-' indicator";
    if !(report.problem == "did not find expected key" || expected_dash) {
        return None;
    }
    let line = report.line();
    let entry = line.entry();
    if line.byte_of(report.at) != entry.content || entry.key.is_none() {
        return None;
    }
    let mut above = line
        .contents_above(report.source)
        .map(|l| (l, l.entry()))
        .filter(|(_, e)| e.key.is_some() || e.dash.is_some());
    let (previous, previous_entry) = above.next()?;

    if expected_dash {
        let dash = previous_entry.dash.or_else(|| {
            above
                .find(|(_, e)| e.dash.is_some())
                .and_then(|(_, e)| e.dash)
        })?;
        if entry.content == dash {
            let help = match previous_entry.key {
                Some(_) if previous_entry.dash.is_some() => format!(
                    "write `- {}` to start a new item, or {} to add it to the item on line {}",
                    line.text.trim(),
                    indent_to(&name(&entry), previous_entry.content),
                    previous.number
                ),
                _ if dash == 0 => format!("write `- {}` to make it a list item", line.text.trim()),
                _ => format!(
                    "write `- {}` to make it a list item, or indent it less to end the list",
                    line.text.trim()
                ),
            };
            return finding(
                &line,
                entry.content,
                format!(
                    "{} is not a list item, but it is indented like the items of the list above it",
                    name(&entry)
                ),
                help,
            );
        }
    }
    if entry.content > previous_entry.content {
        return finding(
            &line,
            entry.content,
            format!(
                "{} is indented more than {} on line {}, which already has a value",
                name(&entry),
                name(&previous_entry),
                previous.number
            ),
            format!(
                "{}, like {}",
                indent_to(&name(&entry), previous_entry.content),
                name(&previous_entry)
            ),
        );
    }
    // Less than the key above: more than its parent, or they would line up;
    // inside a list item, deeper than its `-`, only the item's keys are near.
    let in_item = expected_dash && previous_entry.dash.is_some_and(|dash| dash < entry.content);
    let parent = above
        .find(|(_, e)| e.content < entry.content)
        .filter(|_| !in_item);
    let message = format!(
        "{} is indented {}, which lines up with no key above it",
        name(&entry),
        spaces(entry.content)
    );
    let help = match parent {
        Some((parent, parent_entry)) => format!(
            "{} to put it next to {} (line {}), or {} to put it next to {} (line {})",
            indent_to(&name(&entry), previous_entry.content),
            name(&previous_entry),
            previous.number,
            indent_to("it", parent_entry.content),
            name(&parent_entry),
            parent.number
        ),
        None => format!(
            "{}, like {} on line {}",
            indent_to(&name(&entry), previous_entry.content),
            name(&previous_entry),
            previous.number
        ),
    };
    finding(&line, entry.content, message, help)
}

/// A line that is neither `key: value` nor a list item.
fn missing_colon(report: &Report) -> Option<Finding> {
    if report.problem != "could not find expected ':'"
        || !report.context_starts("while scanning a simple key")
    {
        return None;
    }
    let open = report.context_at.unwrap_or(0);
    let line = Line::at(report.source, open);
    let byte = line.byte_of(open);
    let text = line.text.get(byte..)?;
    if let Some(quote) = text.chars().next().filter(|c| matches!(c, '"' | '\''))
        && closing_quote(text, quote).is_none()
    {
        return at_open_quote(report, open, "is not closed on its line");
    }
    // An anchor, a tag, an alias or `?` on a line of its own is another mistake.
    if text.starts_with(['&', '!', '*', '?', '|', '>']) {
        return None;
    }
    let text = text
        .get(..comment_start(text, 0).unwrap_or(text.len()))?
        .trim_end();
    let entry = line.entry();
    let previous = line.previous_content(report.source).map(|l| (l, l.entry()));
    let below = std::iter::successors(line.next(report.source), |l| l.next(report.source))
        .find(|l| !l.is_blank_or_comment())
        .map(|l| l.entry());
    let help = match previous {
        _ if below.is_some_and(|below| below.indent > entry.indent) => {
            format!("add `:` after `{text}`: the lines indented below it are its value")
        }
        Some((previous, e)) if e.dash == Some(entry.content) => format!(
            "write `- {text}` to make it a list item like the one on line {}",
            previous.number
        ),
        Some((_, e)) if e.value.is_some() && e.key.is_some() && entry.content <= e.content => {
            format!(
                "write `{text}: …` if it is a key; if it continues the value of {} above, indent it more than {}",
                name(&e),
                name(&e)
            )
        }
        _ => format!("write `{text}: …` if it is a key, or remove the line"),
    };
    finding(
        &line,
        byte,
        format!("`{text}` has no `:` after it, so it is neither `key: value` nor a list item"),
        help,
    )
}

/// `@`, `` ` `` or `%` at the start of a plain key or value.
fn stray_character(report: &Report) -> Option<Finding> {
    if report.problem != "found character that cannot start any token" {
        return None;
    }
    let c = report.char_at(report.at)?;
    let line = report.line();
    let at = line.byte_of(report.at);
    let entry = line.entry();
    let (what, text) = match (entry.key, entry.value) {
        (Some(key), _) if at == entry.content => ("key", key.text),
        (_, Some((start, value))) if start == at => ("value", value),
        _ => {
            let rest = line.text.get(at..)?;
            let end = rest.find([',', ']', '}']).unwrap_or(rest.len());
            ("value", rest[..end].trim_end())
        }
    };
    let shown = match c {
        '`' => "a backtick (`)".to_owned(),
        c => format!("`{c}`"),
    };
    finding(
        &line,
        at,
        format!("a {what} cannot start with {shown} in YAML"),
        format!("quote the {what}: {}", quoted(text)),
    )
}

/// `"a" b` or `[a] b`: text after a value that has ended.
fn text_after_closed_value(report: &Report) -> Option<Finding> {
    if !report.problem.starts_with("did not find expected") {
        return None;
    }
    let line = report.line();
    let at = line.byte_of(report.at);
    let closer = line.text.get(..at)?.trim_end().chars().next_back()?;
    let ended_by = match closer {
        '"' | '\'' => "the closing quote of the value".to_owned(),
        ']' => "the `]` that closes the list".to_owned(),
        '}' => "the `}` that closes the mapping".to_owned(),
        _ => return None,
    };
    let rest = line.text.get(at..)?;
    let word = rest.split([' ', '\t']).next().unwrap_or(rest);
    let entry = line.entry();
    let value = entry.value.map_or(rest, |(_, v)| v);
    finding(
        &line,
        at,
        format!("`{word}` follows {ended_by}"),
        format!(
            "remove it, or quote the whole value if it is text: {}",
            quoted(value)
        ),
    )
}

/// `[, a]` or `[a, , b]`.
fn empty_flow_item(report: &Report) -> Option<Finding> {
    if report.problem != "did not find expected node content"
        || report.char_at(report.at) != Some(',')
    {
        return None;
    }
    let line = report.line();
    finding(
        &line,
        line.byte_of(report.at),
        "an empty item: nothing stands before this `,`".to_owned(),
        "remove the extra `,`".to_owned(),
    )
}
