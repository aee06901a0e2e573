//! The `emotions` section: the emotion curve drawn with characters.

use unicode_width::UnicodeWidthChar;

use crate::map::model::Map;
use crate::views::render::{Block, Cell, Section, Table, display_width};

use super::{Glyphs, section};

pub(super) fn emotions(map: &Map, g: &Glyphs) -> Section {
    let scored = map
        .stages
        .iter()
        .any(|s| s.emotion.is_some() || s.touchpoints.iter().any(|t| t.emotion.is_some()));
    let drawing = if scored {
        Block::Drawing(curve(map, g))
    } else {
        Block::Text("No emotion scores.".to_owned())
    };
    section(
        "emotions",
        "Emotion curve",
        vec![drawing, Block::Data(scores(map))],
    )
}

/// The scores the curve is drawn from, for CSV: a row per stage, then one
/// per touchpoint of that stage.
fn scores(map: &Map) -> Table {
    let mut table = Table::new(&["Stage", "Touchpoint", "Name", "Emotion"]);
    let score = |emotion: Option<u8>| Cell::new(emotion.map_or(String::new(), |e| e.to_string()));
    for stage in &map.stages {
        table.push_cells(vec![
            Cell::new(stage.id),
            Cell::default(),
            Cell::new(stage.name),
            score(stage.emotion),
        ]);
        for t in &stage.touchpoints {
            table.push_cells(vec![
                Cell::new(stage.id),
                Cell::new(t.id),
                Cell::new(t.name),
                score(t.emotion),
            ]);
        }
    }
    table
}

/// Widest plot area: with the 3-column axis, the drawing fits 60 columns for
/// up to 19 stages.
const PLOT_WIDTH: usize = 57;
/// Columns per stage: between these.
const GROUP_MAX: usize = 14;
const GROUP_MIN: usize = 3;
/// Stage names go under the curve when a group has at least this many
/// columns; otherwise numbers do, with a legend of names below.
const NAMED_GROUP: usize = 6;

/// The emotion curve: y axis 5 (top) to 1, one group of columns per stage.
/// The stage's emotion is a `●` at the group's centre, joined to the next
/// stage's by a stepped line; touchpoint emotions are `·` spread across the
/// group, in file order. A stage without a score leaves a gap in the line.
/// Under the axis: stage names, wrapped to their group (two lines at most,
/// shortened with `…`), or, when groups are too narrow, stage numbers and a
/// legend. Same map, same drawing.
fn curve(map: &Map, g: &Glyphs) -> String {
    let n = map.stages.len().max(1);
    let w = (PLOT_WIDTH / n).clamp(GROUP_MIN, GROUP_MAX);
    let plot_width = n * w;
    let centre = |i: usize| i * w + w / 2;
    // rows[0] is emotion 5.
    let mut rows = vec![vec![' '; plot_width]; 5];
    let row_of = |score: u8| 5 - usize::from(score.clamp(1, 5));
    let put = |rows: &mut Vec<Vec<char>>, row: usize, x: usize, c: char| {
        if let Some(cell) = rows.get_mut(row).and_then(|r| r.get_mut(x)) {
            *cell = c;
        }
    };

    // The line between consecutive scored stages, stepping at the midpoint.
    for (i, pair) in map.stages.windows(2).enumerate() {
        let [first, second] = pair else { continue };
        let (Some(a), Some(b)) = (first.emotion, second.emotion) else {
            continue;
        };
        let (x1, x2) = (centre(i), centre(i + 1));
        let (r1, r2) = (row_of(a), row_of(b));
        if r1 == r2 {
            for x in x1 + 1..x2 {
                put(&mut rows, r1, x, g.horizontal);
            }
            continue;
        }
        let mid = (x1 + x2) / 2;
        for x in x1 + 1..mid {
            put(&mut rows, r1, x, g.horizontal);
        }
        for x in mid + 1..x2 {
            put(&mut rows, r2, x, g.horizontal);
        }
        let [down_from, down_to, up_from, up_to] = g.corners;
        let (from, to) = if r2 > r1 {
            (down_from, down_to)
        } else {
            (up_from, up_to)
        };
        put(&mut rows, r1, mid, from);
        put(&mut rows, r2, mid, to);
        for r in r1.min(r2) + 1..r1.max(r2) {
            put(&mut rows, r, mid, g.vertical);
        }
    }
    // Touchpoints, then stages on top: data over lines.
    for (i, stage) in map.stages.iter().enumerate() {
        let m = stage.touchpoints.len();
        for (k, t) in stage.touchpoints.iter().enumerate() {
            let Some(score) = t.emotion else { continue };
            let mut x = (k + 1) * w / (m + 1);
            if x == w / 2 && w > 1 {
                x = if x + 1 < w { x + 1 } else { x - 1 };
            }
            put(&mut rows, row_of(score), i * w + x, g.touchpoint);
        }
    }
    for (i, stage) in map.stages.iter().enumerate() {
        if let Some(score) = stage.emotion {
            put(&mut rows, row_of(score), centre(i), g.stage);
        }
    }

    let mut lines: Vec<String> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let plot: String = row.iter().collect();
        lines.push(
            format!("{} {}{plot}", 5 - r, g.axis_y)
                .trim_end()
                .to_owned(),
        );
    }
    let mut axis: Vec<char> = vec![g.axis_line; plot_width];
    for i in 0..map.stages.len() {
        if let Some(c) = axis.get_mut(centre(i)) {
            *c = g.axis_tick;
        }
    }
    lines.push(format!(
        "  {}{}",
        g.axis_corner,
        axis.iter().collect::<String>()
    ));

    // Labels under the axis, centred on each group.
    let named = w >= NAMED_GROUP;
    let labels: Vec<Vec<String>> = map
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if named {
                wrap(s.name, w - 1, 2, g.ellipsis)
            } else {
                vec![(i + 1).to_string()]
            }
        })
        .collect();
    let height = labels.iter().map(Vec::len).max().unwrap_or(0);
    for line in 0..height {
        let mut text = "   ".to_owned();
        for label in &labels {
            let part = label.get(line).map_or("", String::as_str);
            // The label's middle under the tick.
            let used = display_width(part);
            let left = (w / 2).saturating_sub(used / 2);
            let right = w.saturating_sub(used + left);
            text.push_str(&" ".repeat(left));
            text.push_str(part);
            text.push_str(&" ".repeat(right));
        }
        lines.push(text.trim_end().to_owned());
    }

    // Legend: the names when numbered, the marks, the stages without a score.
    let legend_width = PLOT_WIDTH + 3;
    lines.push(String::new());
    if !named {
        let names: Vec<String> = map
            .stages
            .iter()
            .enumerate()
            .map(|(i, s)| format!("{} {}", i + 1, s.name))
            .collect();
        lines.extend(wrap_items(&names, "  ", legend_width));
    }
    let dots = if g.ellipsis == "~" { "..." } else { "…" };
    lines.push(format!(
        "{} stage  {} touchpoint  (1 very negative {dots} 5 delighted)",
        g.stage, g.touchpoint
    ));
    let unscored: Vec<&str> = map
        .stages
        .iter()
        .filter(|s| s.emotion.is_none())
        .map(|s| s.name)
        .collect();
    if let Some((last, others)) = unscored.split_last() {
        let mut items = vec!["No stage score:".to_owned()];
        items.extend(others.iter().map(|name| format!("{name},")));
        items.push(format!("{last}."));
        lines.extend(wrap_items(&items, " ", legend_width));
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// `text` wrapped at spaces into lines of at most `width` columns; a word
/// too wide is shortened with `ellipsis` (wide text is cut instead); more than `max_lines` lines: the last one is shortened
/// and ends with `ellipsis`.
fn wrap(text: &str, width: usize, max_lines: usize, ellipsis: &str) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let joined = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if display_width(&joined) <= width {
            current = joined;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        // A word too wide for a line: a Latin word is shortened; wide text
        // (CJK), which has no spaces to break at, is cut into pieces that fit.
        if display_width(word) > width && word.chars().all(|c| c.width().unwrap_or(0) <= 1) {
            lines.push(shorten(word, width, ellipsis));
            continue;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if display_width(&current) + cw > width && !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            current.push(c);
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            *last = shorten(last, width, ellipsis);
        }
    }
    lines
}

/// `text` cut to leave room for `ellipsis` within `width` columns, then the ellipsis.
fn shorten(text: &str, width: usize, ellipsis: &str) -> String {
    let room = width.saturating_sub(display_width(ellipsis));
    let mut out = String::new();
    for c in text.chars() {
        if display_width(&out) + c.width().unwrap_or(0) > room {
            break;
        }
        out.push(c);
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push_str(ellipsis);
    out
}

/// Items joined by `separator` into lines of at most `width` columns (an
/// item wider than that gets a line of its own).
fn wrap_items(items: &[String], separator: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for item in items {
        let joined = if current.is_empty() {
            item.clone()
        } else {
            format!("{current}{separator}{item}")
        };
        if display_width(&joined) <= width || current.is_empty() {
            current = joined;
        } else {
            lines.push(std::mem::replace(&mut current, item.clone()));
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_and_shortens_labels() {
        assert_eq!(wrap("Consideration", 10, 2, "…"), ["Considera…"]);
        assert_eq!(wrap("A Consideration b", 10, 2, "~"), ["A", "Considera~"]);
        assert_eq!(
            wrap("Very long stage name here", 6, 2, "…"),
            ["Very", "long…"]
        );
        assert_eq!(wrap("🛒 Checkout", 10, 2, "…"), ["🛒", "Checkout"]);
        assert_eq!(wrap("購入購入購入", 5, 1, "~"), ["購入~"]);
        assert_eq!(wrap("", 5, 2, "~"), Vec::<String>::new());
    }
}
