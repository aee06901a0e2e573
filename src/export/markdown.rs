//! `export --to markdown`: the whole map as one GitHub-flavoured Markdown
//! report, for wikis and pull requests.
//!
//! Sections, always in this order: title and metadata, persona, the stage
//! matrix and each stage's details, the journey as a Mermaid diagram, pain
//! points by severity, unmet needs, ideas ranked by priority, the feedback
//! loop, the action plan, and the gap summary (the map's findings).
//!
//! Text from the map is escaped so that it reads as written: `<`, `>` and
//! entity-like `&` cannot turn into HTML, `\` stays a backslash, text cannot
//! start a heading, list, thematic break or fence, newlines become `<br>`,
//! and in table cells `|` cannot end the cell. Emphasis and code spans in
//! the map's text are left to render (code spans verbatim).

use serde_json::Value;

use crate::analysis::{self, actions, scalar};
use crate::check::{FileReport, ValidMap};
use crate::diagnostic::Severity;
use crate::map::model::{Action, Map, Status};
use crate::report::plural;

/// The report; `report` holds the map's findings. Same input, same bytes;
/// ends with a newline.
pub fn render(map: &ValidMap, report: &FileReport) -> String {
    let mut out = Out::default();
    let m = &map.map();
    header(&mut out, m);
    persona(&mut out, m);
    stages(&mut out, m);
    stage_details(&mut out, m);
    diagram(&mut out, &crate::export::mermaid::render(map, report));
    pain_points(&mut out, m);
    unmet_needs(&mut out, m);
    ideas(&mut out, m);
    feedback(&mut out, m);
    plan(&mut out, m);
    gaps(&mut out, report);
    let mut text = out.0;
    // Blocks are separated by one blank line; the document ends with one newline.
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
    text.push('\n');
    text
}

/// The document being written: blocks, each followed by a blank line.
#[derive(Default)]
struct Out(String);

impl Out {
    /// A heading; a `#` at its end would close it, so it is escaped.
    fn heading(&mut self, level: usize, text: &str) {
        let mut text = text.to_owned();
        if text.ends_with('#') {
            let run = text.len() - text.trim_end_matches('#').len();
            text.insert(text.len() - run, '\\');
        }
        self.block(&format!("{} {text}", "#".repeat(level)));
    }

    /// A paragraph, list, table or fence, followed by a blank line.
    fn block(&mut self, text: &str) {
        self.0.push_str(text.trim_end_matches('\n'));
        self.0.push_str("\n\n");
    }

    /// A `- item` list of escaped text; nothing when empty.
    fn list(&mut self, items: &[&str]) {
        if items.is_empty() {
            return;
        }
        let lines: String = items.iter().map(|i| format!("- {}\n", text(i))).collect();
        self.block(&lines);
    }

    /// A labelled list (`**Needs**` and its items); nothing when empty.
    fn labelled_list(&mut self, label: &str, items: &[&str]) {
        if items.is_empty() {
            return;
        }
        self.block(&format!("**{label}**"));
        self.list(items);
    }

    /// A GitHub table; cells are Markdown already (escape them with [`cell`]).
    fn table(&mut self, header: &[&str], rows: &[Vec<String>]) {
        let mut table = String::new();
        table.push_str(&format!("| {} |\n", header.join(" | ")));
        table.push_str(&row(header.iter().map(|_| "---".to_owned())));
        for cells in rows {
            table.push_str(&row(cells.iter().cloned()));
        }
        self.block(&table);
    }
}

fn row(cells: impl Iterator<Item = String>) -> String {
    let cells: Vec<String> = cells
        .map(|c| if c.is_empty() { NONE.to_owned() } else { c })
        .collect();
    format!("| {} |\n", cells.join(" | "))
}

/// What an empty cell shows.
const NONE: &str = "—";

fn header(out: &mut Out, map: &Map) {
    out.heading(1, &text(map.title));
    let mut meta = Vec::new();
    if let Some(owner) = &map.owner {
        meta.push(format!("**Owner:** {}", text(owner)));
    }
    if let Some(updated) = &map.updated {
        meta.push(format!("**Updated:** {}", text(updated)));
    }
    meta.push(format!("**Persona:** {}", text(map.persona.name)));
    meta.push(format!("**Stages:** {}", map.stages.len()));
    if !map.tags.is_empty() {
        let tags: Vec<String> = map.tags.iter().map(|t| text(t)).collect();
        meta.push(format!("**Tags:** {}", tags.join(", ")));
    }
    if let Some(version) = map.version {
        meta.push(format!("**Format version:** {version}"));
    }
    out.block(&meta.join(" · "));
    if let Some(description) = &map.description {
        out.block(&text(description));
    }
}

fn persona(out: &mut Out, map: &Map) {
    let persona = &map.persona;
    out.heading(2, &format!("Persona: {}", text(persona.name)));
    if let Some(description) = &persona.description {
        out.block(&text(description));
    }
    let demographics: Vec<Vec<String>> = persona
        .demographics
        .iter()
        .filter(|(key, _)| !key.starts_with("x-"))
        .map(|(key, value)| vec![cell(key), cell(&scalar(value))])
        .collect();
    if !demographics.is_empty() {
        out.table(&["Demographic", "Value"], &demographics);
    }
    out.labelled_list("Behaviours", &persona.behaviors);
    out.labelled_list("Needs", &persona.needs);
    out.labelled_list("Goals", &persona.goals);
    out.labelled_list("Challenges", &persona.challenges);
    out.labelled_list("Preferred channels", &persona.channels);
}

/// The classic journey-map layout: one column per stage.
fn stages(out: &mut Out, map: &Map) {
    out.heading(2, "Journey stages");
    let mut header = vec![""];
    let names: Vec<String> = map.stages.iter().map(|s| cell(s.name)).collect();
    header.extend(names.iter().map(String::as_str));

    let per_stage = |label: &str, f: &dyn Fn(&crate::map::model::Stage) -> String| {
        let mut cells = vec![format!("**{label}**")];
        cells.extend(map.stages.iter().map(f));
        cells
    };
    let rows = vec![
        per_stage("Goals", &|s| cell_list(&s.goals)),
        per_stage("Actions", &|s| cell_list(&s.actions)),
        per_stage("Feelings", &|s| cell_list(&s.feelings)),
        per_stage("Emotion", &|s| s.emotion.map_or(String::new(), emotion)),
        per_stage("Touchpoints", &|s| {
            let touchpoints: Vec<String> = s
                .touchpoints
                .iter()
                .map(|t| format!("{} · {}", t.name, t.channel))
                .collect();
            cell_list(&touchpoints)
        }),
        per_stage("Pain points", &|s| {
            let pains: Vec<String> = map
                .opportunities
                .pain_points
                .iter()
                .filter(|p| p.stage == s.id)
                .map(|p| match p.severity {
                    Some(severity) => format!("{} (severity {severity})", p.description),
                    None => p.description.to_string(),
                })
                .collect();
            cell_list(&pains)
        }),
        per_stage("Metrics", &|s| {
            let metrics: Vec<String> = s.metrics.iter().map(metric).collect();
            cell_list(&metrics)
        }),
    ];
    out.table(&header, &rows);
}

/// Each stage's description, touchpoints in full and insights.
fn stage_details(out: &mut Out, map: &Map) {
    for (number, stage) in map.stages.iter().enumerate() {
        out.heading(
            3,
            &format!("{}. {} (`{}`)", number + 1, text(stage.name), stage.id),
        );
        if let Some(description) = &stage.description {
            out.block(&text(description));
        }
        if stage.touchpoints.is_empty() {
            out.block("No touchpoints recorded.");
        } else {
            let rows: Vec<Vec<String>> = stage
                .touchpoints
                .iter()
                .map(|t| {
                    vec![
                        format!("{} (`{}`)", cell(t.name), t.id),
                        cell(t.channel),
                        opt_cell(t.device),
                        opt_cell(t.owner),
                        t.emotion.map_or(String::new(), emotion),
                        cell_list(&t.actions),
                        opt_cell(t.description),
                    ]
                })
                .collect();
            out.table(
                &[
                    "Touchpoint",
                    "Channel",
                    "Device",
                    "Owner",
                    "Emotion",
                    "Actions",
                    "Description",
                ],
                &rows,
            );
        }
        out.labelled_list("Insights", &stage.insights);
    }
}

/// The Mermaid journey, fenced so that no backtick run inside can close it.
fn diagram(out: &mut Out, mermaid: &str) {
    out.heading(2, "Journey diagram");
    let longest = longest_run(mermaid, '`');
    let fence = "`".repeat(longest.max(2) + 1);
    let mut block = format!("{fence}mermaid\n{mermaid}");
    if !mermaid.is_empty() && !mermaid.ends_with('\n') {
        block.push('\n');
    }
    block.push_str(&fence);
    out.block(&block);
}

fn longest_run(text: &str, c: char) -> usize {
    let (mut longest, mut current) = (0, 0);
    for ch in text.chars() {
        current = if ch == c { current + 1 } else { 0 };
        longest = longest.max(current);
    }
    longest
}

fn pain_points(out: &mut Out, map: &Map) {
    out.heading(2, "Pain points by severity");
    // Most severe first, unscored last; ties by id.
    let pains = analysis::pain_points_by_severity(map);
    if pains.is_empty() {
        out.block("No pain points recorded.");
        return;
    }
    let rows: Vec<Vec<String>> = pains
        .iter()
        .map(|p| {
            vec![
                p.severity.map_or(String::new(), |s| s.to_string()),
                format!("{} (`{}`)", cell(p.description), p.id),
                stage_name(map, p.stage),
                p.touchpoint
                    .map_or(String::new(), |t| touchpoint_name(map, t)),
                opt_cell(p.evidence),
                ids(&addressed_by(map, p.id)),
            ]
        })
        .collect();
    out.table(
        &[
            "Severity",
            "Pain point",
            "Stage",
            "Touchpoint",
            "Evidence",
            "Addressed by",
        ],
        &rows,
    );
}

fn unmet_needs(out: &mut Out, map: &Map) {
    out.heading(2, "Unmet needs");
    let needs = &map.opportunities.unmet_needs;
    if needs.is_empty() {
        out.block("No unmet needs recorded.");
        return;
    }
    let rows: Vec<Vec<String>> = needs
        .iter()
        .map(|n| {
            vec![
                format!("{} (`{}`)", cell(n.description), n.id),
                n.stage.map_or(String::new(), |s| stage_name(map, s)),
                opt_cell(n.evidence),
                ids(&addressed_by(map, n.id)),
            ]
        })
        .collect();
    out.table(&["Need", "Stage", "Evidence", "Addressed by"], &rows);
}

/// Ideas by priority `impact × (6 − effort)`, highest first; ties by id;
/// unscored ideas last.
fn ideas(out: &mut Out, map: &Map) {
    out.heading(2, "Ideas ranked by priority");
    let ideas = analysis::ranked_ideas(map);
    if ideas.is_empty() {
        out.block("No ideas recorded.");
        return;
    }
    out.block("Priority = impact × (6 − effort), from 1 to 25.");
    let rows: Vec<Vec<String>> = ideas
        .iter()
        .map(|ranked| {
            let idea = ranked.idea;
            let rank_cell = ranked.rank.map_or(String::new(), |r| r.to_string());
            let score = |s: Option<u8>| s.map_or(String::new(), |s| s.to_string());
            let taken_up: Vec<&str> = analysis::actions_addressing(map, idea.id)
                .iter()
                .map(|a| a.id)
                .collect();
            vec![
                rank_cell,
                format!("{} (`{}`)", cell(idea.description), idea.id),
                ranked.kind.to_owned(),
                match ranked.priority {
                    Some(p) => format!("**{p}**"),
                    None => "unscored".to_owned(),
                },
                score(idea.impact),
                score(idea.effort),
                ids(&idea.addresses),
                ids(&taken_up),
            ]
        })
        .collect();
    out.table(
        &[
            "Rank",
            "Idea",
            "Kind",
            "Priority",
            "Impact",
            "Effort",
            "Addresses",
            "Taken up by",
        ],
        &rows,
    );
}

fn feedback(out: &mut Out, map: &Map) {
    out.heading(2, "Feedback loop");
    let Some(feedback) = &map.opportunities.feedback else {
        out.block("The map does not say how customer feedback is collected.");
        return;
    };
    let mut lines = Vec::new();
    if !feedback.methods.is_empty() {
        let methods: Vec<String> = feedback.methods.iter().map(|m| text(m)).collect();
        lines.push(format!("- **Methods:** {}", methods.join(", ")));
    }
    if let Some(cadence) = &feedback.cadence {
        lines.push(format!("- **Cadence:** {}", text(cadence)));
    }
    if let Some(owner) = &feedback.owner {
        lines.push(format!("- **Owner:** {}", text(owner)));
    }
    if lines.is_empty() {
        out.block("The feedback section is empty.");
    } else {
        out.block(&lines.join("\n"));
    }
}

fn plan(out: &mut Out, map: &Map) {
    out.heading(2, "Action plan");
    let plan = &map.action_plan;

    out.heading(3, "Actions");
    let rows: Vec<Vec<String>> = actions(map)
        .map(|(kind, a)| {
            vec![
                format!("{} (`{}`)", cell(a.title), a.id),
                kind.to_owned(),
                opt_cell(a.owner),
                opt_cell(a.start),
                opt_cell(a.due),
                a.status.map_or(String::new(), |s| status(s).to_owned()),
                ids(&a.addresses),
            ]
        })
        .collect();
    if rows.is_empty() {
        out.block("No actions planned.");
    } else {
        out.table(
            &[
                "Action",
                "Kind",
                "Owner",
                "Start",
                "Due",
                "Status",
                "Addresses",
            ],
            &rows,
        );
    }

    let pilots: Vec<&Action> = plan
        .pilots
        .iter()
        .filter(|p| p.scope.is_some() || !p.success_criteria.is_empty())
        .collect();
    if !pilots.is_empty() {
        out.heading(3, "Pilots");
        for pilot in pilots {
            let mut lines = vec![format!("**{}** (`{}`)", text(pilot.title), pilot.id)];
            lines.push(String::new());
            if let Some(scope) = &pilot.scope {
                lines.push(format!("- **Scope:** {}", text(scope)));
            }
            if !pilot.success_criteria.is_empty() {
                lines.push("- **Success criteria:**".to_owned());
                for criterion in &pilot.success_criteria {
                    lines.push(format!("  - {}", text(criterion)));
                }
            }
            out.block(&lines.join("\n"));
        }
    }

    out.heading(3, "Milestones");
    // Date order; the same date keeps file order.
    let milestones = analysis::milestones_by_date(map);
    if milestones.is_empty() {
        out.block("No milestones set.");
    } else {
        let rows: Vec<Vec<String>> = milestones
            .iter()
            .map(|m| vec![cell(m.date), cell(m.name), ids(&m.delivers)])
            .collect();
        out.table(&["Date", "Milestone", "Delivers"], &rows);
    }

    out.heading(3, "Resources");
    if plan.resources.is_empty() {
        out.block("No resources allocated.");
        return;
    }
    let rows: Vec<Vec<String>> = plan
        .resources
        .iter()
        .map(|r| {
            vec![
                format!("`{}`", r.action),
                r.people.map_or(String::new(), number),
                cell_list(&r.roles),
                match (r.budget, &r.currency) {
                    (Some(budget), Some(currency)) => {
                        format!("{} {}", number(budget), cell(currency))
                    }
                    (Some(budget), None) => number(budget),
                    (None, _) => String::new(),
                },
            ]
        })
        .collect();
    out.table(&["Action", "People", "Roles", "Budget"], &rows);

    // Totals: people, and budget per currency (codes in order, no currency last).
    let people = analysis::people_total(map).unwrap_or(0.0);
    let budgets = analysis::budget_totals(map);
    let mut totals = vec![format!("**People:** {}", number(people))];
    if !budgets.is_empty() {
        let parts: Vec<String> = budgets
            .iter()
            .map(|(currency, total)| match currency {
                Some(c) => format!("{} {}", number(*total), text(c)),
                None => format!("{} (no currency)", number(*total)),
            })
            .collect();
        totals.push(format!("**Budget:** {}", parts.join(" + ")));
    }
    out.block(&format!("Totals: {}", totals.join(" · ")));
}

/// The map's findings, errors first, each group in line order.
fn gaps(out: &mut Out, report: &FileReport) {
    out.heading(2, "Gap summary");
    let file = if report.path == "-" {
        "standard input".to_owned()
    } else {
        format!("`{}`", code(&report.path))
    };
    out.block(&format!(
        "`journeymap check` on {file}: {}, {}, {}.",
        plural(report.count(Severity::Error), "error"),
        plural(report.count(Severity::Warning), "warning"),
        plural(report.count(Severity::Info), "info"),
    ));
    if report.diagnostics.is_empty() {
        out.block("No gaps found: the map passes every rule.");
        return;
    }
    for (severity, title) in [
        (Severity::Error, "Errors"),
        (Severity::Warning, "Warnings"),
        (Severity::Info, "Infos"),
    ] {
        let mut found: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .collect();
        if found.is_empty() {
            continue;
        }
        found.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out.heading(3, &format!("{title} ({})", found.len()));
        let rows: Vec<Vec<String>> = found
            .iter()
            .map(|d| {
                vec![
                    d.line.to_string(),
                    format!("`{}`", d.rule),
                    cell(&d.message),
                ]
            })
            .collect();
        out.table(&["Line", "Rule", "Message"], &rows);
    }
}

fn status(status: Status) -> &'static str {
    match status {
        Status::Planned => "planned",
        Status::InProgress => "in-progress",
        Status::Done => "done",
        Status::Dropped => "dropped",
    }
}

/// `3/5 neutral`.
fn emotion(score: u8) -> String {
    let word = match score {
        1 => "very negative",
        2 => "negative",
        3 => "neutral",
        4 => "positive",
        _ => "delighted",
    };
    format!("{score}/5 {word}")
}

/// `checkout conversion: 41% (target 60%)`; the parts there are.
fn metric(metric: &crate::map::model::Metric) -> String {
    let with_unit = |value: &Value| crate::analysis::with_unit(value, metric.unit);
    let mut out = metric.name.to_owned();
    match (&metric.value, &metric.target) {
        (Some(value), Some(target)) => {
            out += &format!(": {} (target {})", with_unit(value), with_unit(target));
        }
        (Some(value), None) => out += &format!(": {}", with_unit(value)),
        (None, Some(target)) => out += &format!(": target {}", with_unit(target)),
        (None, None) => {}
    }
    out
}

/// `20,000`, `2.5`: whole numbers grouped by thousands.
fn number(value: f64) -> String {
    let written = value.to_string();
    let (sign, rest) = match written.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", written.as_str()),
    };
    let (whole, fraction) = match rest.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (rest, None),
    };
    if !whole.bytes().all(|b| b.is_ascii_digit()) {
        return written; // inf or NaN: the schema keeps them out
    }
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    match fraction {
        Some(fraction) => format!("{sign}{grouped}.{fraction}"),
        None => format!("{sign}{grouped}"),
    }
}

fn stage_name(map: &Map, id: &str) -> String {
    match map.stages.iter().find(|s| s.id == id) {
        Some(stage) => cell(stage.name),
        None => format!("`{}`", code(id)),
    }
}

fn touchpoint_name(map: &Map, id: &str) -> String {
    let found = map
        .stages
        .iter()
        .flat_map(|s| &s.touchpoints)
        .find(|t| t.id == id);
    match found {
        Some(touchpoint) => cell(touchpoint.name),
        None => format!("`{}`", code(id)),
    }
}

/// Ids of the ideas, then the actions, that list `id` in `addresses`.
fn addressed_by(map: &Map, id: &str) -> Vec<String> {
    analysis::addressed_by(map, id)
        .into_iter()
        .map(str::to_owned)
        .collect()
}

/// Ids as code spans: `a`, `b`.
fn ids(ids: &[impl AsRef<str>]) -> String {
    ids.iter()
        .map(|id| format!("`{}`", code(id.as_ref())))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Text inside a code span in a table: ids are slugs, but a reference the
/// rules reported may be anything.
fn code(text: &str) -> String {
    text.replace('`', "'")
        .replace('|', "\\|")
        .replace('\n', " ")
}

/// A list in one table cell: items on their own lines, bulleted when several.
fn cell_list(items: &[impl AsRef<str>]) -> String {
    match items {
        [] => String::new(),
        [one] => cell(one.as_ref()),
        many => many
            .iter()
            .map(|item| format!("• {}", cell(item.as_ref())))
            .collect::<Vec<_>>()
            .join("<br>"),
    }
}

fn opt_cell(value: Option<&str>) -> String {
    value.map_or(String::new(), cell)
}

/// Free text for a table cell: [`text`], and `|` cannot end the cell.
fn cell(value: &str) -> String {
    text(value).replace('|', "\\|")
}

/// Free text from the map, escaped to read as written (see the module docs).
/// Lines are joined with `<br>`, so only the first can start a block.
fn text(value: &str) -> String {
    let joined = value
        .trim()
        .lines()
        .map(|line| inline(line.trim_end()))
        .collect::<Vec<_>>()
        .join("<br>");
    match block_marker(&joined) {
        Some(at) => format!("{}\\{}", &joined[..at], &joined[at..]),
        None => joined,
    }
}

/// One line of free text: no HTML, no character reference; `\` stays a
/// backslash. Code spans are kept as they are (Markdown shows them literally).
fn inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            let run = rest.len() - rest.trim_start_matches('`').len();
            let span = closing_run(&rest[run..], run).map_or(run, |end| run + end + run);
            out.push_str(&rest[..span]);
            rest = &rest[span..];
            continue;
        }
        match c {
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' if entity_at(rest) => out.push_str("&amp;"),
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Where in `text` a run of exactly `length` backticks starts.
fn closing_run(text: &str, length: usize) -> Option<usize> {
    let mut at = 0;
    while let Some(found) = text[at..].find('`') {
        let start = at + found;
        let run = text[start..].len() - text[start..].trim_start_matches('`').len();
        if run == length {
            return Some(start);
        }
        at = start + run;
    }
    None
}

/// Where a backslash must go so that `text` does not open a heading, list,
/// thematic break or fence: the byte offset of the marker, if any.
fn block_marker(text: &str) -> Option<usize> {
    let start = text.len() - text.trim_start().len();
    let rest = &text[start..];
    let ends_marker = |after: &str| after.is_empty() || after.starts_with([' ', '\t']);
    let first = rest.chars().next()?;
    let marker = match first {
        '#' => ends_marker(rest.trim_start_matches('#')),
        '-' | '+' | '*' => {
            ends_marker(&rest[1..]) || rest.chars().all(|c| c == first || c == ' ' || c == '\t')
        }
        '_' => rest.chars().all(|c| c == '_' || c == ' ' || c == '\t'),
        '`' | '~' => rest.starts_with("```") || rest.starts_with("~~~"),
        _ => {
            // `1. ` and `1) ` start an ordered list.
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if (1..=9).contains(&digits)
                && matches!(rest.as_bytes().get(digits), Some(b'.' | b')'))
                && ends_marker(&rest[digits + 1..])
            {
                return Some(start + digits);
            }
            false
        }
    };
    marker.then_some(start)
}

/// Whether `&…` would be read as a character reference (`&amp;`, `&#38;`).
fn entity_at(text: &str) -> bool {
    let body = &text[1..];
    match body.find(';') {
        Some(end) => {
            end > 0
                && end <= 32
                && body[..end]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '#')
        }
        None => false,
    }
}
