//! Views as data: what `show`, `gaps` and `diff` print, before a format is
//! chosen. A command builds a [`View`] (sections of tables and text); the
//! renderers here turn it into a terminal table, GitHub Markdown or CSV.
//! JSON is each command's own typed document, not a rendering of a view.

use comfy_table::{ColumnConstraint, ContentArrangement, Table as Grid, Width, presets};

/// Everything a command shows, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    pub sections: Vec<Section>,
}

/// One titled part of a view (`persona`, `stages`, `scorecard`…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// What `--section` selects, kebab-case.
    pub id: &'static str,
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Table(Table),
    /// A paragraph of prose (a note, an empty-state message).
    Text(String),
    /// Preformatted lines drawn with characters (the emotion curve), shown as they are.
    Drawing(String),
    /// The numbers behind a drawing: CSV writes this table; terminal
    /// tables and Markdown show the drawing instead.
    Data(Table),
}

/// A table: a header row and rows of cells. Cells may hold several lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// A caption shown above the table (optional).
    pub caption: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// Shown instead of a table without rows (`No pain points.`); CSV
    /// writes the header row alone.
    pub empty: Option<String>,
}

/// A column: its header, and the formats that show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub header: String,
    pub shown: Shown,
}

/// Which renderings show a column. CSV is data for a spreadsheet, one value
/// per cell (`Start`, `Due`, `Overdue`); a terminal table or Markdown may
/// join them into one cell for reading (`2026-11-01 → 2026-12-15 (overdue)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Everywhere,
    /// Terminal tables and Markdown only.
    Reading,
    /// CSV only.
    Csv,
}

impl Column {
    pub fn new(header: impl Into<String>) -> Column {
        Column {
            header: header.into(),
            shown: Shown::Everywhere,
        }
    }

    /// A column for terminal tables and Markdown only.
    pub fn reading(header: impl Into<String>) -> Column {
        Column {
            header: header.into(),
            shown: Shown::Reading,
        }
    }

    /// A column for CSV only.
    pub fn csv(header: impl Into<String>) -> Column {
        Column {
            header: header.into(),
            shown: Shown::Csv,
        }
    }
}

/// A cell: the text a reader sees, and, when it differs, the plain value
/// CSV writes (a number without its unit or face, a list joined with `; `).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// As terminal tables and Markdown show it; may hold several lines.
    pub text: String,
    /// As CSV writes it; `None`: the text.
    pub plain: Option<String>,
}

/// How CSV joins the items of a list in one cell.
pub const CSV_LIST_SEPARATOR: &str = "; ";

impl Cell {
    /// The same text everywhere.
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            plain: None,
        }
    }

    /// `text` for reading, `plain` for CSV.
    pub fn with_plain(text: impl Into<String>, plain: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            plain: Some(plain.into()),
        }
    }

    /// A list, one item per line, each after `bullet` when there are
    /// several; joined with `; ` in CSV.
    pub fn list(items: &[impl AsRef<str>], bullet: &str) -> Cell {
        let text = match items {
            [] => String::new(),
            [one] => one.as_ref().to_owned(),
            many => many
                .iter()
                .map(|item| format!("{bullet}{}", item.as_ref()))
                .collect::<Vec<_>>()
                .join("\n"),
        };
        Cell::with_plain(text, join_plain(items))
    }

    /// A list on one line: `a, b`; `a; b` in CSV.
    pub fn joined(items: &[impl AsRef<str>]) -> Cell {
        let text = items
            .iter()
            .map(AsRef::as_ref)
            .collect::<Vec<_>>()
            .join(", ");
        Cell::with_plain(text, join_plain(items))
    }

    /// A list on one line, or `none` when it is empty (CSV: an empty cell).
    pub fn joined_or(items: &[impl AsRef<str>], none: &str) -> Cell {
        if items.is_empty() {
            Cell::with_plain(none, "")
        } else {
            Cell::joined(items)
        }
    }

    /// What CSV writes.
    pub fn plain(&self) -> &str {
        self.plain.as_deref().unwrap_or(&self.text)
    }
}

fn join_plain(items: &[impl AsRef<str>]) -> String {
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(CSV_LIST_SEPARATOR)
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::new(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::new(text)
    }
}

impl Table {
    pub fn new(headers: &[&str]) -> Table {
        Table::with_columns(headers.iter().map(|h| Column::new(*h)).collect())
    }

    pub fn with_columns(columns: Vec<Column>) -> Table {
        Table {
            caption: None,
            columns,
            rows: Vec::new(),
            empty: None,
        }
    }

    pub fn with_caption(mut self, caption: impl Into<String>) -> Table {
        self.caption = Some(caption.into());
        self
    }

    /// What terminal tables and Markdown say instead of a table without rows.
    pub fn or_say(mut self, empty: impl Into<String>) -> Table {
        self.empty = Some(empty.into());
        self
    }

    /// A row of cells that read the same everywhere.
    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row.into_iter().map(Cell::new).collect());
    }

    pub fn push_cells(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// The headers and rows of the columns `keep` shows, in column order.
    fn visible(&self, keep: impl Fn(Shown) -> bool) -> (Vec<&str>, Vec<Vec<&Cell>>) {
        let shown: Vec<bool> = self.columns.iter().map(|c| keep(c.shown)).collect();
        let headers = self
            .columns
            .iter()
            .filter(|c| keep(c.shown))
            .map(|c| c.header.as_str())
            .collect();
        let rows = self
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .zip(&shown)
                    .filter(|(_, shown)| **shown)
                    .map(|(cell, _)| cell)
                    .collect()
            })
            .collect();
        (headers, rows)
    }

    /// What terminal tables and Markdown show: headers and cell texts.
    fn for_reading(&self) -> (Vec<&str>, Vec<Vec<&str>>) {
        let (headers, rows) = self.visible(|shown| shown != Shown::Csv);
        let rows = rows
            .into_iter()
            .map(|row| row.into_iter().map(|c| c.text.as_str()).collect())
            .collect();
        (headers, rows)
    }
}

/// How the terminal table looks.
#[derive(Debug, Clone, Copy, Default)]
pub struct TableStyle {
    /// Wrap to this many columns; `None`: whole lines (a pipe or a file).
    pub width: Option<u16>,
    /// ASCII borders (`+-|`) instead of box drawing.
    pub ascii: bool,
}

/// The view as terminal tables: section titles underlined, tables with
/// borders, one blank line between blocks and between sections.
pub fn render_table(view: &View, style: TableStyle) -> String {
    let rule = if style.ascii { "=" } else { "═" };
    let sections: Vec<String> = view
        .sections
        .iter()
        .map(|section| {
            let mut out = format!(
                "{}\n{}\n",
                section.title,
                rule.repeat(display_width(&section.title))
            );
            let blocks: Vec<String> = section
                .blocks
                .iter()
                .filter_map(|block| match block {
                    Block::Table(table) => Some(match (&table.empty, table.rows.is_empty()) {
                        (Some(empty), true) => format!("{}\n", empty.trim_end_matches('\n')),
                        _ => {
                            let caption = table
                                .caption
                                .as_ref()
                                .map_or(String::new(), |c| format!("{c}\n"));
                            caption + &grid(table, style)
                        }
                    }),
                    Block::Text(text) | Block::Drawing(text) => {
                        Some(format!("{}\n", text.trim_end_matches('\n')))
                    }
                    Block::Data(_) => None,
                })
                .collect();
            out.push_str(&blocks.join("\n"));
            out
        })
        .collect();
    sections.join("\n")
}

fn grid(table: &Table, style: TableStyle) -> String {
    let (headers, rows) = table.for_reading();
    let mut grid = Grid::new();
    grid.load_style(if style.ascii {
        presets::ASCII_FULL_CONDENSED
    } else {
        presets::UTF8_FULL_CONDENSED
    });
    grid.set_header(headers.clone());
    for row in &rows {
        grid.add_row(row.clone());
    }
    if let Some(width) = style.width {
        grid.set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width);
        // Break lines between words rather than inside one, when the
        // longest words fit side by side: each column at least as wide as
        // its longest word (comfy-table's widths include two cells of
        // padding). Otherwise the width wins and long words are split.
        let minimums: Vec<usize> = (0..headers.len())
            .map(|index| {
                std::iter::once(&headers[index])
                    .chain(rows.iter().filter_map(|row| row.get(index)))
                    .flat_map(|cell| cell.split_whitespace())
                    .map(display_width)
                    .max()
                    .unwrap_or(0)
                    + 2
            })
            .collect();
        let borders = minimums.len() + 1;
        if minimums.iter().sum::<usize>() + borders <= usize::from(width) {
            grid.set_constraints(minimums.iter().map(|&minimum| {
                ColumnConstraint::LowerBoundary(Width::Fixed(
                    u16::try_from(minimum).unwrap_or(u16::MAX),
                ))
            }));
        }
    }
    grid.lines()
        .map(|line| format!("{}\n", line.trim_end()))
        .collect()
}

/// Columns a string takes in a terminal (CJK and emoji count two).
pub fn display_width(text: &str) -> usize {
    text.lines()
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
}

/// The view as GitHub-flavoured Markdown: `##` per section, pipe tables.
pub fn render_markdown(view: &View) -> String {
    let mut out = String::new();
    for (index, section) in view.sections.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        out.push_str(&format!("## {}\n", markdown_text(&section.title)));
        // The data behind a drawing is for CSV only.
        let shown = section
            .blocks
            .iter()
            .filter(|block| !matches!(block, Block::Data(_)));
        for block in shown {
            out.push('\n');
            match block {
                Block::Table(table) => match (&table.empty, table.rows.is_empty()) {
                    (Some(empty), true) => {
                        out.push_str(&markdown_text(empty));
                        out.push('\n');
                    }
                    _ => {
                        if let Some(caption) = &table.caption {
                            out.push_str(&format!("**{}**\n\n", markdown_text(caption)));
                        }
                        out.push_str(&markdown_table(table));
                    }
                },
                Block::Text(text) => {
                    out.push_str(&markdown_text(text));
                    out.push('\n');
                }
                Block::Drawing(text) => {
                    // A fence longer than any run of backticks inside.
                    let longest = longest_run(text, '`');
                    let fence = "`".repeat(longest.max(2) + 1);
                    out.push_str(&format!("{fence}text\n{}\n{fence}\n", text.trim_end()));
                }
                Block::Data(_) => {}
            }
        }
    }
    out
}

fn longest_run(text: &str, c: char) -> usize {
    let (mut longest, mut current) = (0, 0);
    for ch in text.chars() {
        current = if ch == c { current + 1 } else { 0 };
        longest = longest.max(current);
    }
    longest
}

fn markdown_table(table: &Table) -> String {
    let (headers, rows) = table.for_reading();
    let cell = |text: &str| markdown_cell(text);
    let mut out = format!(
        "| {} |\n|{}|\n",
        headers
            .iter()
            .map(|h| cell(h))
            .collect::<Vec<_>>()
            .join(" | "),
        vec!["---"; headers.len()].join("|")
    );
    for row in &rows {
        let mut cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        cells.resize(headers.len(), String::new());
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// Text that Markdown must show as it is: HTML is not rendered.
fn markdown_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A table cell: also `|` escaped and line breaks as `<br>`.
fn markdown_cell(text: &str) -> String {
    markdown_text(text)
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace('\n', "<br>")
}

/// The tables of a view as CSV (RFC 4180), each cell's plain value. CSV
/// holds one table: the view must have exactly one, else `Err` lists the
/// sections to choose from.
pub fn render_csv(view: &View) -> Result<String, String> {
    let tables: Vec<&Table> = view
        .sections
        .iter()
        .flat_map(|section| &section.blocks)
        .filter_map(|block| match block {
            Block::Table(table) | Block::Data(table) => Some(table),
            Block::Text(_) | Block::Drawing(_) => None,
        })
        .collect();
    let [table] = tables.as_slice() else {
        let ids: Vec<&str> = view.sections.iter().map(|s| s.id).collect();
        if let [only] = ids.as_slice() {
            return Err(format!(
                "CSV holds one table and section \"{only}\" has {}; use --format json or markdown for it",
                tables.len()
            ));
        }
        return Err(format!(
            "CSV holds one table and this view has {}: choose one with --section ({})",
            tables.len(),
            ids.join(", ")
        ));
    };
    let (headers, rows) = table.visible(|shown| shown != Shown::Reading);
    let mut writer = csv::Writer::from_writer(Vec::new());
    let written = writer
        .write_record(&headers)
        .and_then(|()| {
            rows.iter()
                .try_for_each(|row| writer.write_record(row.iter().map(|cell| cell.plain())))
        })
        .and_then(|()| writer.flush().map_err(csv::Error::from));
    written.map_err(|error| format!("cannot write CSV: {error}"))?;
    let bytes = writer
        .into_inner()
        .map_err(|error| format!("cannot write CSV: {error}"))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Keeps only the section `id`; `Err` names the sections there are.
pub fn select(view: View, id: &str) -> Result<View, String> {
    let ids: Vec<&str> = view.sections.iter().map(|s| s.id).collect();
    if !ids.contains(&id) {
        let mut message = format!("no section \"{id}\" (sections: {})", ids.join(", "));
        if let Some(close) = crate::suggest::did_you_mean(id, ids.iter().copied()) {
            message.push_str(&format!("; did you mean \"{close}\"?"));
        }
        return Err(message);
    }
    Ok(View {
        sections: view.sections.into_iter().filter(|s| s.id == id).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> View {
        let mut table = Table::new(&["stage", "note"]);
        table.push(vec!["decision".into(), "a | b\nc <b>".into()]);
        View {
            sections: vec![
                Section {
                    id: "stages",
                    title: "Stages".into(),
                    blocks: vec![Block::Table(table)],
                },
                Section {
                    id: "emotions",
                    title: "Emotions".into(),
                    blocks: vec![Block::Drawing("5 ┤ ●\n1 ┤".into())],
                },
            ],
        }
    }

    #[test]
    fn markdown_escapes_cells() {
        let text = render_markdown(&sample());
        assert!(
            text.contains("| decision | a \\| b<br>c &lt;b&gt; |"),
            "{text}"
        );
        assert!(text.contains("```text\n5 ┤ ●\n1 ┤\n```"), "{text}");
    }

    #[test]
    fn csv_needs_one_table() {
        assert_eq!(
            render_csv(&sample()).ok(),
            Some("stage,note\ndecision,\"a | b\nc <b>\"\n".to_owned())
        );
        let mut two = sample();
        two.sections[1]
            .blocks
            .push(Block::Table(Table::new(&["x"])));
        assert_eq!(
            render_csv(&two).err().as_deref(),
            Some(
                "CSV holds one table and this view has 2: choose one with --section (stages, emotions)"
            )
        );
    }

    #[test]
    fn ascii_tables_have_no_box_drawing() {
        let text = render_table(
            &sample(),
            TableStyle {
                width: None,
                ascii: true,
            },
        );
        assert!(text.is_ascii() || !text.contains('─'), "{text}");
        assert!(text.contains("+--"), "{text}");
    }

    #[test]
    fn select_suggests() {
        assert_eq!(
            select(sample(), "stage").err().as_deref(),
            Some("no section \"stage\" (sections: stages, emotions); did you mean \"stages\"?")
        );
        assert_eq!(
            select(sample(), "emotions").map(|v| v.sections.len()),
            Ok(1)
        );
    }

    #[test]
    fn wide_characters_count_two() {
        assert_eq!(display_width("Kaufen 購入"), 11);
        assert_eq!(display_width("🛒 cart"), 7);
    }
}
