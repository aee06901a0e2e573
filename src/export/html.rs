//! `export --to html`: one self-contained page in the classic journey-map
//! layout — header, persona card, the stages as columns, an SVG emotion
//! curve, pain points by severity, ideas by priority, the action plan as a
//! timeline and the gap summary.
//!
//! The page loads nothing: no script, no external style, font or image; its
//! CSS is one `<style>` element and its charts are inline SVG. Every map text
//! goes through [`esc`]. Output is deterministic: element ids derive from map
//! ids, and nothing depends on the clock or on hash order.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use serde_json::Value;

use crate::analysis::{amount, scalar};
use crate::check::{FileReport, ValidMap};
use crate::diagnostic::Severity;
use crate::map::model::{Action, Idea, Map, Metric, Persona, Stage, Status};

/// `write!` into a `String`, which cannot fail.
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

/// The export of a map that passed the schema; `report` holds its gap findings.
pub fn render(map: &ValidMap, report: &FileReport) -> String {
    let m = &map.map();
    let page = Page::new(m);
    let mut out = String::with_capacity(96 * 1024);
    head(&mut out, m);
    out.push_str("<body>\n");
    header(&mut out, m, report);
    nav(&mut out);
    out.push_str("<main id=\"content\">\n");
    persona(&mut out, &m.persona);
    journey(&mut out, &page);
    curve(&mut out, m);
    pains(&mut out, &page);
    ideas(&mut out, &page);
    plan(&mut out, &page);
    gaps(&mut out, report);
    out.push_str("</main>\n");
    footer(&mut out, report);
    out.push_str("</body>\n</html>\n");
    out
}

// ---------------------------------------------------------------------------
// Text helpers

/// HTML-escapes map text (`&`, `<`, `>`, `"`, `'`); control characters other
/// than tab and line breaks become U+FFFD.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// At most `max` characters, with an ellipsis when cut (for SVG labels,
/// whose full text is in a tooltip and in the tables).
fn clip(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// Greedy word wrap into at most `lines` lines of about `width` characters.
fn wrap(text: &str, width: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, word) in words.iter().enumerate() {
        let len = current.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            if out.len() + 1 == lines {
                let rest = words[i..].join(" ");
                current = clip(&format!("{current} {rest}"), width);
                break;
            }
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        out.push(clip(&current, width));
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// First letter upper-cased (demographic keys, severities).
fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// People counts: `3`, `0.5`.
fn count(x: f64) -> String {
    format!("{x}")
}

fn emotion_word(score: u8) -> &'static str {
    match score {
        1 => "very negative",
        2 => "negative",
        3 => "neutral",
        4 => "positive",
        _ => "delighted",
    }
}

fn status_word(status: Option<Status>) -> &'static str {
    match status {
        Some(Status::Planned) => "planned",
        Some(Status::InProgress) => "in progress",
        Some(Status::Done) => "done",
        Some(Status::Dropped) => "dropped",
        None => "no status",
    }
}

fn status_class(status: Option<Status>) -> &'static str {
    match status {
        Some(Status::Planned) => "planned",
        Some(Status::InProgress) => "in-progress",
        Some(Status::Done) => "done",
        Some(Status::Dropped) => "dropped",
        None => "none",
    }
}

/// A score chip: the number, coloured, with "out of 5" for screen readers.
fn emotion_chip(score: u8) -> String {
    format!(
        "<span class=\"chip e{score}\">{score}<span class=\"vh\"> out of 5</span></span> \
         <span class=\"word\">{}</span>",
        emotion_word(score)
    )
}

fn severity_chip(severity: Option<u8>) -> String {
    match severity {
        Some(s) => format!("<span class=\"chip s{s}\">severity {s}</span>"),
        None => "<span class=\"chip s0\">no severity</span>".to_owned(),
    }
}

fn time(date: &str) -> String {
    let date = esc(date);
    format!("<time datetime=\"{date}\">{date}</time>")
}

fn none() -> &'static str {
    "<span class=\"none\"><span aria-hidden=\"true\">—</span><span class=\"vh\">none</span></span>"
}

fn list(items: &[&str]) -> String {
    if items.is_empty() {
        return none().to_owned();
    }
    let mut out = String::from("<ul>");
    for item in items {
        w!(out, "<li>{}</li>", esc(item));
    }
    out.push_str("</ul>");
    out
}

// ---------------------------------------------------------------------------
// Dates (the schema guarantees `YYYY-MM-DD`; anything else is left out of the timeline)

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Day {
    year: i64,
    month: i64,
    day: i64,
}

impl Day {
    fn parse(text: &str) -> Option<Day> {
        let mut parts = text.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        if parts.next().is_some() || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        Some(Day { year, month, day })
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    fn number(self) -> i64 {
        let year = if self.month <= 2 {
            self.year - 1
        } else {
            self.year
        };
        let era = if year >= 0 { year } else { year - 399 } / 400;
        let year_of_era = year - era * 400;
        let month = (self.month + 9) % 12;
        let day_of_year = (153 * month + 2) / 5 + self.day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The first day of the month `months` after this one's.
    fn month_start(self, months: i64) -> Day {
        let index = self.year * 12 + (self.month - 1) + months;
        Day {
            year: index.div_euclid(12),
            month: index.rem_euclid(12) + 1,
            day: 1,
        }
    }

    fn month_label(self) -> String {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let name = MONTHS
            .get(usize::try_from(self.month - 1).unwrap_or(0))
            .unwrap_or(&"");
        format!("{name} {}", self.year)
    }
}

// ---------------------------------------------------------------------------
// The map indexed: element ids, link targets, back-references

/// What an id of the map names, for links.
struct Target {
    anchor: String,
    label: String,
}

/// An action with its list (initiative, pilot, improvement).
struct PlanItem<'a> {
    kind: &'static str,
    action: &'a Action<'a>,
    anchor: String,
}

/// An idea with its list (innovation, efficiency).
struct IdeaItem<'a> {
    kind: &'static str,
    idea: &'a Idea<'a>,
    anchor: String,
}

struct Page<'a> {
    map: &'a Map<'a>,
    stage_ids: Vec<String>,
    touchpoint_ids: Vec<Vec<String>>,
    pain_ids: Vec<String>,
    need_ids: Vec<String>,
    ideas: Vec<IdeaItem<'a>>,
    actions: Vec<PlanItem<'a>>,
    /// Map id → its element (first occurrence when an id is duplicated).
    targets: BTreeMap<&'a str, Target>,
    /// Map id → ids of the ideas and actions that address it, in file order.
    addressed_by: BTreeMap<&'a str, Vec<&'a str>>,
}

impl<'a> Page<'a> {
    fn new(map: &'a Map) -> Page<'a> {
        let mut used = HashSet::new();
        let mut targets = BTreeMap::new();
        let mut alloc = |prefix: &str, id: &'a str, label: &str| {
            let base = format!("{prefix}-{id}");
            let mut anchor = base.clone();
            let mut n = 2;
            while !used.insert(anchor.clone()) {
                anchor = format!("{base}~{n}");
                n += 1;
            }
            targets.entry(id).or_insert_with(|| Target {
                anchor: anchor.clone(),
                label: label.to_owned(),
            });
            anchor
        };

        let mut stage_ids = Vec::new();
        let mut touchpoint_ids = Vec::new();
        for stage in &map.stages {
            stage_ids.push(alloc("stage", stage.id, stage.name));
            touchpoint_ids.push(
                stage
                    .touchpoints
                    .iter()
                    .map(|t| alloc("tp", t.id, t.name))
                    .collect(),
            );
        }
        let opportunities = &map.opportunities;
        let pain_ids = opportunities
            .pain_points
            .iter()
            .map(|p| alloc("pain", p.id, p.description))
            .collect();
        let need_ids = opportunities
            .unmet_needs
            .iter()
            .map(|n| alloc("need", n.id, n.description))
            .collect();
        let mut ideas = Vec::new();
        for (kind, list) in [
            ("innovation", &opportunities.innovations),
            ("efficiency", &opportunities.efficiencies),
        ] {
            for idea in list {
                let anchor = alloc("idea", idea.id, idea.description);
                ideas.push(IdeaItem { kind, idea, anchor });
            }
        }
        let mut actions = Vec::new();
        let plan = &map.action_plan;
        for (kind, list) in [
            ("initiative", &plan.initiatives),
            ("pilot", &plan.pilots),
            ("improvement", &plan.improvements),
        ] {
            for action in list {
                let anchor = alloc("act", action.id, action.title);
                actions.push(PlanItem {
                    kind,
                    action,
                    anchor,
                });
            }
        }

        let mut addressed_by: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        let addressers = ideas
            .iter()
            .map(|i| (i.idea.id, &i.idea.addresses))
            .chain(actions.iter().map(|a| (a.action.id, &a.action.addresses)));
        for (by, addresses) in addressers {
            for target in addresses {
                let entry = addressed_by.entry(target).or_default();
                if !entry.contains(&by) {
                    entry.push(by);
                }
            }
        }

        Page {
            map,
            stage_ids,
            touchpoint_ids,
            pain_ids,
            need_ids,
            ideas,
            actions,
            targets,
            addressed_by,
        }
    }

    /// A link to what `id` names, or the id itself when nothing does.
    fn link(&self, id: &str) -> String {
        match self.targets.get(id) {
            Some(target) => format!(
                "<a href=\"#{}\">{}</a>",
                esc(&target.anchor),
                esc(&target.label)
            ),
            None => format!(
                "<code>{}</code> <span class=\"muted\">(unknown id)</span>",
                esc(id)
            ),
        }
    }

    fn links(&self, ids: &[&str]) -> String {
        if ids.is_empty() {
            return none().to_owned();
        }
        let mut out = String::from("<ul class=\"refs\">");
        for id in ids {
            w!(out, "<li>{}</li>", self.link(id));
        }
        out.push_str("</ul>");
        out
    }

    /// The ideas and actions that address `id`, as links.
    fn addressed(&self, id: &str) -> String {
        let by = self.addressed_by.get(id).map_or(&[][..], Vec::as_slice);
        if by.is_empty() {
            return "<span class=\"flag\">not addressed</span>".to_owned();
        }
        self.links(by)
    }

    fn actions_taking_up(&self, idea: &str) -> Vec<&'a str> {
        crate::analysis::actions_addressing(self.map, idea)
            .into_iter()
            .map(|a| a.id)
            .collect()
    }
}

// ---------------------------------------------------------------------------
// Page frame

const CSS: &str = r#"
:root {
  --ink: #1f2933; --muted: #52606d; --line: #cbd2d9; --soft: #f0f4f8;
  --paper: #ffffff; --page: #f5f7fa; --accent: #1d4ed8;
  --e1: #b42318; --e2: #c2410c; --e3: #5f6b7a; --e4: #2e7d32; --e5: #0f6b4f;
  --s1: #5f6b7a; --s2: #8a6100; --s3: #c2410c; --s4: #b42318; --s5: #7f1d1d;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--page); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
a { color: var(--accent); }
a:focus-visible, [tabindex]:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -9999px; top: 0; background: var(--paper); padding: .5rem 1rem; }
.skip:focus { left: 1rem; z-index: 10; }
.vh {
  position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
.wrap { max-width: 1320px; margin: 0 auto; padding: 0 1.5rem; }
.masthead { background: var(--paper); border-bottom: 1px solid var(--line); padding: 1.5rem 0 1rem; }
.masthead h1 { margin: 0 0 .25rem; font-size: 1.9rem; line-height: 1.2; }
.eyebrow { margin: 0; color: var(--muted); text-transform: uppercase; letter-spacing: .06em; font-size: .75rem; font-weight: 600; }
.lede { margin: .25rem 0 .75rem; max-width: 70ch; font-size: 1.05rem; }
.text { white-space: pre-line; }
.meta { display: flex; flex-wrap: wrap; gap: .25rem 2rem; margin: 0; }
.meta div { display: flex; gap: .4rem; align-items: baseline; }
.meta dt { color: var(--muted); font-size: .85rem; }
.meta dd { margin: 0; }
.tags { display: inline-flex; flex-wrap: wrap; gap: .3rem; list-style: none; margin: 0; padding: 0; }
.tags li { background: var(--soft); border: 1px solid var(--line); border-radius: 999px; padding: 0 .6rem; font-size: .85rem; }
.stats { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; margin: .9rem 0 0; padding: 0; }
.stats li { border: 1px solid var(--line); border-radius: 6px; padding: .2rem .6rem; font-size: .85rem; background: var(--page); }
.stats strong { font-size: 1rem; }
nav.toc { background: var(--paper); border-bottom: 1px solid var(--line); }
nav.toc ol { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; list-style: none; margin: 0 auto; padding: .5rem 1.5rem; max-width: 1320px; }
nav.toc a { text-decoration: none; font-weight: 600; font-size: .9rem; }
main { padding-bottom: 2rem; }
main > .wrap > section { background: var(--paper); border: 1px solid var(--line); border-radius: 10px;
  box-shadow: 0 1px 3px rgba(15, 23, 42, .08); margin: 1.25rem 0; padding: 1rem 1.25rem 1.25rem; }
h2 { font-size: 1.35rem; margin: 0 0 .75rem; }
h3 { font-size: 1.1rem; margin: 1rem 0 .5rem; }
h4 { font-size: .8rem; margin: 0 0 .25rem; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
p { margin: .4rem 0; }
.muted, .none { color: var(--muted); }
.intro { color: var(--muted); margin-top: -.25rem; }
ul { margin: 0; padding-left: 1.1rem; }
.persona { display: grid; grid-template-columns: minmax(14rem, 20rem) 1fr; gap: 1rem 2rem; }
.persona h3 { margin: 0 0 .25rem; font-size: 1.25rem; }
.persona .who { border-right: 1px solid var(--line); padding-right: 1.5rem; }
.demographics { display: grid; grid-template-columns: auto 1fr; gap: .1rem .75rem; margin: .75rem 0 0; }
.demographics dt { color: var(--muted); }
.demographics dd { margin: 0; }
.facets { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: 1rem 1.5rem; }
.facets section { background: var(--page); border-radius: 8px; padding: .6rem .8rem; }
.scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; color: var(--muted); font-size: .9rem; padding: 0 0 .4rem; }
.scroll > table > caption { padding: .5rem .75rem; }
th, td { border: 1px solid var(--line); padding: .45rem .6rem; vertical-align: top; text-align: left; }
thead th { background: var(--soft); }
table.matrix { border: 0; }
.matrix th, .matrix td { min-width: 12rem; max-width: 22rem; }
.matrix thead th { font-size: 1.05rem; }
.matrix .corner { min-width: 8.5rem; background: var(--soft); }
.matrix tbody th { min-width: 8.5rem; width: 8.5rem; background: var(--soft); position: sticky; left: 0; z-index: 1; font-size: .9rem; }
.matrix thead .corner { position: sticky; left: 0; z-index: 2; }
.matrix ul { padding-left: 1rem; }
.stage-no { display: inline-block; min-width: 1.5rem; color: var(--muted); font-weight: 600; }
.feelings li { font-style: italic; }
.tps { list-style: none; padding: 0 !important; display: grid; gap: .4rem; }
.tps > li { border: 1px solid var(--line); border-left: 4px solid var(--e3); border-radius: 6px; padding: .3rem .5rem; background: var(--paper); }
.tps > li.e1 { border-left-color: var(--e1); } .tps > li.e2 { border-left-color: var(--e2); }
.tps > li.e4 { border-left-color: var(--e4); } .tps > li.e5 { border-left-color: var(--e5); }
.tps > li.e0 { border-left-color: var(--line); }
.tp-name { font-weight: 600; display: block; }
.facts { display: grid; grid-template-columns: auto 1fr; gap: 0 .5rem; margin: .1rem 0 0; font-size: .85rem; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
.pains { list-style: none; padding: 0 !important; display: grid; gap: .4rem; }
.pains li { border-left: 4px solid var(--s3); padding-left: .5rem; }
.pains li.s1 { border-left-color: var(--s1); } .pains li.s2 { border-left-color: var(--s2); }
.pains li.s4 { border-left-color: var(--s4); } .pains li.s5 { border-left-color: var(--s5); }
.pains li.s0 { border-left-color: var(--line); }
.at { display: block; color: var(--muted); font-size: .85rem; }
.metrics { list-style: none; padding: 0 !important; }
.metrics li + li { margin-top: .3rem; }
.metric-value { font-weight: 700; font-variant-numeric: tabular-nums; }
.chip { display: inline-block; min-width: 1.5rem; padding: 0 .45rem; border-radius: 999px; color: #fff;
  font-weight: 700; font-size: .8rem; text-align: center; line-height: 1.5rem; white-space: nowrap;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.chip.e1 { background: var(--e1); } .chip.e2 { background: var(--e2); } .chip.e3 { background: var(--e3); }
.chip.e4 { background: var(--e4); } .chip.e5 { background: var(--e5); }
.chip.s0 { background: #fff; color: var(--muted); border: 1px solid var(--line); }
.chip.s1 { background: var(--s1); } .chip.s2 { background: var(--s2); } .chip.s3 { background: var(--s3); }
.chip.s4 { background: var(--s4); } .chip.s5 { background: var(--s5); }
.word { color: var(--muted); font-size: .9rem; }
.flag { color: var(--s4); font-weight: 600; font-size: .85rem; }
.refs { padding-left: 1rem; }
figure { margin: 0; }
.chart { overflow-x: auto; }
.chart svg { display: block; font-family: inherit; }
.chart text { fill: var(--ink); font-size: 12px; }
.chart .axis { fill: var(--muted); font-size: 11px; }
.chart .grid { stroke: var(--line); stroke-width: 1; stroke-dasharray: 3 4; }
.chart .grid.neutral { stroke: #9aa5b1; stroke-dasharray: none; }
.chart .col { stroke: var(--soft); stroke-width: 1; }
.chart .curve-line { fill: none; stroke: var(--ink); stroke-width: 2.5; stroke-linejoin: round; }
.chart .value { font-weight: 700; font-size: 12px; }
.chart .tp-value { fill: var(--muted); font-size: 10px; }
.chart .noscore { fill: var(--muted); font-style: italic; font-size: 11px; }
.chart .stage-name { font-weight: 600; }
.chart circle.st { stroke: #fff; stroke-width: 2; }
.chart circle.tp { fill: #fff; stroke-width: 2; }
.chart .e1 { fill: var(--e1); } .chart .e2 { fill: var(--e2); } .chart .e3 { fill: var(--e3); }
.chart .e4 { fill: var(--e4); } .chart .e5 { fill: var(--e5); }
.chart circle.tp.e1 { fill: #fff; stroke: var(--e1); } .chart circle.tp.e2 { fill: #fff; stroke: var(--e2); }
.chart circle.tp.e3 { fill: #fff; stroke: var(--e3); } .chart circle.tp.e4 { fill: #fff; stroke: var(--e4); }
.chart circle.tp.e5 { fill: #fff; stroke: var(--e5); }
.chart .bar { stroke-width: 1.5; }
.chart .bar.planned { fill: #dbe7ff; stroke: var(--accent); }
.chart .bar.in-progress { fill: var(--accent); stroke: var(--accent); }
.chart .bar.done { fill: var(--e4); stroke: var(--e4); }
.chart .bar.dropped { fill: #e4e7eb; stroke: var(--e3); stroke-dasharray: 4 3; }
.chart .bar.none { fill: #e4e7eb; stroke: var(--e3); }
.chart .ms { fill: var(--ink); }
.chart .ms-line { stroke: var(--muted); stroke-dasharray: 2 3; }
.chart .tick { stroke: var(--line); }
.chart .row-label { font-size: 12px; }
.legend { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; list-style: none; padding: 0 !important; margin: .5rem 0 0; font-size: .85rem; color: var(--muted); }
.key { display: inline-block; width: .9rem; height: .9rem; border-radius: 50%; vertical-align: -.1rem; margin-right: .3rem;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.key.stage { background: var(--ink); }
.key.tp { border: 2px solid var(--ink); background: #fff; }
.key.line { border-radius: 0; height: 3px; vertical-align: .2rem; background: var(--ink); }
.key.bar { border-radius: 3px; width: 1.4rem; }
.key.planned { background: #dbe7ff; border: 1.5px solid var(--accent); }
.key.in-progress { background: var(--accent); }
.key.done { background: var(--e4); }
.key.dropped { background: #e4e7eb; border: 1.5px dashed var(--e3); }
.key.ms { border-radius: 0; width: .7rem; height: .7rem; transform: rotate(45deg); background: var(--ink); }
.status { display: inline-block; border-radius: 4px; padding: 0 .4rem; font-size: .8rem; font-weight: 600; border: 1px solid var(--line); white-space: nowrap; }
.status.in-progress { border-color: var(--accent); color: var(--accent); }
.status.done { border-color: var(--e4); color: var(--e4); }
.status.dropped { color: var(--muted); text-decoration: line-through; }
.status.none { color: var(--muted); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.priority { font-weight: 700; }
.details { color: var(--muted); font-size: .85rem; font-weight: normal; margin-top: .2rem; }
time { white-space: nowrap; }
.details ul { padding-left: 1rem; }
tfoot th, tfoot td { background: var(--soft); font-weight: 700; }
.rule { white-space: nowrap; }
.sev-error { color: var(--s4); }
.sev-warning { color: var(--s2); }
.sev-info { color: var(--muted); }
.help { color: var(--muted); font-size: .85rem; }
.ok { border-left: 4px solid var(--e4); padding-left: .6rem; }
.cols { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 0 2rem; }
footer { color: var(--muted); font-size: .85rem; padding: 0 0 2rem; }
@media (max-width: 720px) {
  .persona { grid-template-columns: 1fr; }
  .persona .who { border-right: 0; padding-right: 0; }
  .wrap { padding: 0 .75rem; }
}
@media print {
  @page { size: landscape; margin: 12mm; }
  body { background: #fff; font-size: 10.5pt; }
  * { box-shadow: none !important; text-shadow: none !important; }
  .skip, nav.toc, .screen-only { display: none; }
  .wrap { max-width: none; padding: 0; }
  .masthead { border: 0; padding-top: 0; }
  main > .wrap > section { border: 0; border-radius: 0; margin: 0 0 6mm; padding: 0; }
  .scroll, .chart { overflow: visible; border: 0; }
  .matrix { table-layout: fixed; }
  .matrix th, .matrix td { min-width: 0; max-width: none; overflow-wrap: anywhere; }
  .matrix tbody th { position: static; }
  .chart svg { max-width: 100%; height: auto; }
  thead { display: table-header-group; }
  tr, li, figure, .persona, .facets section, .tps > li, .legend { break-inside: avoid; page-break-inside: avoid; }
  h2, h3, h4, caption { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  .chip, .key, .chart, .tps > li, .pains li, thead th, tfoot th, tfoot td, .matrix tbody th {
    -webkit-print-color-adjust: exact; print-color-adjust: exact;
  }
}
"#;

fn head(out: &mut String, map: &Map) {
    out.push_str("<!doctype html>\n<html lang=\"en\">\n<head>\n");
    out.push_str("<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"color-scheme\" content=\"light\">\n");
    out.push_str("<meta name=\"generator\" content=\"journeymap\">\n");
    w!(out, "<title>{} — journey map</title>\n", esc(map.title));
    w!(out, "<style>{CSS}</style>\n</head>\n");
}

fn header(out: &mut String, map: &Map, report: &FileReport) {
    out.push_str("<a class=\"skip\" href=\"#content\">Skip to the journey map</a>\n");
    out.push_str("<header class=\"masthead\">\n<div class=\"wrap\">\n");
    out.push_str("<p class=\"eyebrow\">Customer journey map</p>\n");
    w!(out, "<h1>{}</h1>\n", esc(map.title));
    if let Some(description) = &map.description {
        w!(out, "<p class=\"lede text\">{}</p>\n", esc(description));
    }
    let mut meta = String::new();
    if let Some(owner) = &map.owner {
        w!(meta, "<div><dt>Owner</dt><dd>{}</dd></div>", esc(owner));
    }
    if let Some(updated) = &map.updated {
        w!(
            meta,
            "<div><dt>Updated</dt><dd>{}</dd></div>",
            time(updated)
        );
    }
    if !map.tags.is_empty() {
        meta.push_str("<div><dt>Tags</dt><dd><ul class=\"tags\">");
        for tag in &map.tags {
            w!(meta, "<li>{}</li>", esc(tag));
        }
        meta.push_str("</ul></dd></div>");
    }
    if !meta.is_empty() {
        w!(out, "<dl class=\"meta\">{meta}</dl>\n");
    }

    let o = &map.opportunities;
    let touchpoints: usize = map.stages.iter().map(|s| s.touchpoints.len()).sum();
    let ideas = o.innovations.len() + o.efficiencies.len();
    let actions = map.action_plan.actions().count();
    let findings = report.diagnostics.len();
    out.push_str("<ul class=\"stats\" aria-label=\"At a glance\">");
    for (n, one, many) in [
        (map.stages.len(), "stage", "stages"),
        (touchpoints, "touchpoint", "touchpoints"),
        (o.pain_points.len(), "pain point", "pain points"),
        (o.unmet_needs.len(), "unmet need", "unmet needs"),
        (ideas, "idea", "ideas"),
        (actions, "action", "actions"),
        (findings, "gap finding", "gap findings"),
    ] {
        let text = plural(n, one, many);
        let (number, words) = text.split_once(' ').unwrap_or((&text, ""));
        w!(out, "<li><strong>{number}</strong> {words}</li>");
    }
    out.push_str("</ul>\n</div>\n</header>\n");
}

fn nav(out: &mut String) {
    out.push_str("<nav class=\"toc\" aria-label=\"Sections\"><ol>");
    for (id, name) in [
        ("persona", "Persona"),
        ("journey", "Journey"),
        ("emotions", "Emotion curve"),
        ("pains", "Pain points"),
        ("ideas", "Ideas"),
        ("plan", "Action plan"),
        ("gaps", "Gap summary"),
    ] {
        w!(out, "<li><a href=\"#{id}\">{name}</a></li>");
    }
    out.push_str("</ol></nav>\n");
}

fn section_start(out: &mut String, id: &str, heading: &str) {
    w!(
        out,
        "<div class=\"wrap\"><section id=\"{id}\" aria-labelledby=\"{id}-title\">\n\
         <h2 id=\"{id}-title\">{heading}</h2>\n"
    );
}

fn section_end(out: &mut String) {
    out.push_str("</section></div>\n");
}

fn footer(out: &mut String, report: &FileReport) {
    out.push_str("<footer class=\"wrap\">\n<p>");
    if report.path == "-" {
        out.push_str("Exported by journeymap from standard input. ");
    } else {
        w!(
            out,
            "Exported by journeymap from <code>{}</code>. ",
            esc(&report.path)
        );
    }
    out.push_str(
        "Scores run from 1 to 5: emotion 1 is very negative, 3 neutral, 5 delighted; \
         an idea&#39;s priority is impact × (6 − effort).</p>\n</footer>\n",
    );
}

// ---------------------------------------------------------------------------
// Persona

fn persona(out: &mut String, persona: &Persona) {
    section_start(out, "persona", "Persona");
    out.push_str("<article class=\"persona\">\n<div class=\"who\">\n");
    w!(out, "<h3>{}</h3>\n", esc(persona.name));
    if let Some(description) = &persona.description {
        w!(out, "<p class=\"text\">{}</p>\n", esc(description));
    }
    if !persona.demographics.is_empty() {
        out.push_str("<dl class=\"demographics\">");
        for (key, value) in &persona.demographics {
            w!(
                out,
                "<dt>{}</dt><dd>{}</dd>",
                esc(&capitalize(key)),
                esc(&scalar(value))
            );
        }
        out.push_str("</dl>\n");
    }
    out.push_str("</div>\n<div class=\"facets\">\n");
    let facets = [
        ("Goals", &persona.goals),
        ("Needs", &persona.needs),
        ("Challenges", &persona.challenges),
        ("Behaviours", &persona.behaviors),
        ("Preferred channels", &persona.channels),
    ];
    let mut any = false;
    for (name, items) in facets {
        if items.is_empty() {
            continue;
        }
        any = true;
        w!(
            out,
            "<section><h4>{name}</h4>{}</section>\n",
            list(items.as_slice())
        );
    }
    if !any {
        out.push_str("<p class=\"muted\">No goals, needs, challenges, behaviours or channels recorded.</p>\n");
    }
    out.push_str("</div>\n</article>\n");
    section_end(out);
}

// ---------------------------------------------------------------------------
// The journey matrix

fn journey(out: &mut String, page: &Page<'_>) {
    let map = page.map;
    section_start(out, "journey", "Journey");
    w!(
        out,
        "<p class=\"intro\">{} in journey order<span class=\"screen-only\">; scroll sideways when they do not fit</span>.</p>\n",
        capitalize(&plural(map.stages.len(), "stage", "stages"))
    );
    out.push_str(
        "<div class=\"scroll\" role=\"region\" aria-labelledby=\"journey-title\" tabindex=\"0\">\n\
         <table class=\"matrix\">\n\
         <caption>Each column is a stage; each row an aspect of the journey at that stage.</caption>\n\
         <thead><tr><td class=\"corner\"></td>",
    );
    for (i, (stage, id)) in map.stages.iter().zip(&page.stage_ids).enumerate() {
        w!(
            out,
            "<th scope=\"col\" id=\"{}\"><span class=\"stage-no\">{}</span>{}</th>",
            esc(id),
            i + 1,
            esc(stage.name)
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");

    let stages = &map.stages;
    let row = |out: &mut String, name: &str, cell: &dyn Fn(usize, &Stage) -> String| {
        w!(out, "<tr><th scope=\"row\">{name}</th>");
        for (i, stage) in stages.iter().enumerate() {
            w!(out, "<td>{}</td>", cell(i, stage));
        }
        out.push_str("</tr>\n");
    };

    if stages.iter().any(|s| s.description.is_some()) {
        row(out, "Description", &|_, s| match &s.description {
            Some(d) => format!("<p class=\"text\">{}</p>", esc(d)),
            None => none().to_owned(),
        });
    }
    row(out, "Goals", &|_, s| list(&s.goals));
    row(out, "Actions", &|_, s| list(&s.actions));
    row(out, "Feelings", &|_, s| {
        if s.feelings.is_empty() {
            none().to_owned()
        } else {
            format!("<div class=\"feelings\">{}</div>", list(&s.feelings))
        }
    });
    row(out, "Emotion", &|_, s| match s.emotion {
        Some(score) => emotion_chip(score),
        None => "<span class=\"none\">no score</span>".to_owned(),
    });
    row(out, "Touchpoints", &|i, s| touchpoints(page, i, s));
    row(out, "Pain points", &|_, s| stage_pains(page, s));
    if map
        .opportunities
        .unmet_needs
        .iter()
        .any(|n| n.stage.is_some())
    {
        row(out, "Unmet needs", &|_, s| stage_needs(page, s));
    }
    row(out, "Insights", &|_, s| list(&s.insights));
    row(out, "Metrics", &|_, s| metrics(&s.metrics));
    out.push_str("</tbody>\n</table>\n</div>\n");
    section_end(out);
}

fn touchpoints(page: &Page<'_>, index: usize, stage: &Stage) -> String {
    if stage.touchpoints.is_empty() {
        return "<span class=\"flag\">no touchpoints</span>".to_owned();
    }
    let ids = page.touchpoint_ids.get(index);
    let mut out = String::from("<ul class=\"tps\">");
    for (j, tp) in stage.touchpoints.iter().enumerate() {
        let anchor = ids.and_then(|ids| ids.get(j)).map_or("", String::as_str);
        w!(
            out,
            "<li id=\"{}\" class=\"e{}\"><span class=\"tp-name\">{}</span><dl class=\"facts\">",
            esc(anchor),
            tp.emotion.unwrap_or(0),
            esc(tp.name)
        );
        w!(out, "<dt>Channel</dt><dd>{}</dd>", esc(tp.channel));
        if let Some(device) = &tp.device {
            w!(out, "<dt>Device</dt><dd>{}</dd>", esc(device));
        }
        if let Some(owner) = &tp.owner {
            w!(out, "<dt>Owner</dt><dd>{}</dd>", esc(owner));
        }
        if let Some(score) = tp.emotion {
            w!(out, "<dt>Emotion</dt><dd>{}</dd>", emotion_chip(score));
        }
        out.push_str("</dl>");
        if let Some(description) = &tp.description {
            w!(out, "<p class=\"details text\">{}</p>", esc(description));
        }
        if !tp.actions.is_empty() {
            w!(
                out,
                "<div class=\"details\"><span class=\"vh\">Customer actions: </span>{}</div>",
                list(&tp.actions)
            );
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

fn stage_pains(page: &Page<'_>, stage: &Stage) -> String {
    let o = &page.map.opportunities;
    let mut items: Vec<(usize, &crate::map::model::PainPoint)> = o
        .pain_points
        .iter()
        .enumerate()
        .filter(|(_, p)| p.stage == stage.id)
        .collect();
    if items.is_empty() {
        return none().to_owned();
    }
    items.sort_by_key(|(i, p)| (std::cmp::Reverse(p.severity), *i));
    let mut out = String::from("<ul class=\"pains\">");
    for (i, pain) in items {
        let anchor = page.pain_ids.get(i).map_or("", String::as_str);
        w!(
            out,
            "<li class=\"s{}\">{} <a href=\"#{}\">{}</a>",
            pain.severity.unwrap_or(0),
            severity_chip(pain.severity),
            esc(anchor),
            esc(pain.description)
        );
        if let Some(tp) = pain.touchpoint {
            let name = stage
                .touchpoints
                .iter()
                .find(|t| t.id == tp)
                .map_or(tp, |t| t.name);
            w!(out, "<span class=\"at\">at {}</span>", esc(name));
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

fn stage_needs(page: &Page<'_>, stage: &Stage) -> String {
    let needs: Vec<String> = page
        .map
        .opportunities
        .unmet_needs
        .iter()
        .enumerate()
        .filter(|(_, n)| n.stage == Some(stage.id))
        .map(|(i, n)| {
            let anchor = page.need_ids.get(i).map_or("", String::as_str);
            format!(
                "<li><a href=\"#{}\">{}</a></li>",
                esc(anchor),
                esc(n.description)
            )
        })
        .collect();
    if needs.is_empty() {
        none().to_owned()
    } else {
        format!("<ul>{}</ul>", needs.concat())
    }
}

fn metric_number(value: &Value, unit: Option<&str>) -> String {
    esc(&crate::analysis::with_unit(value, unit))
}

fn metrics(metrics: &[Metric]) -> String {
    if metrics.is_empty() {
        return "<span class=\"flag\">no metrics</span>".to_owned();
    }
    let mut out = String::from("<ul class=\"metrics\">");
    for metric in metrics {
        let unit = metric.unit;
        w!(out, "<li><span>{}</span>: ", esc(metric.name));
        match &metric.value {
            Some(value) => w!(
                out,
                "<span class=\"metric-value\">{}</span>",
                metric_number(value, unit)
            ),
            None => out.push_str("<span class=\"none\">no value</span>"),
        }
        if let Some(target) = &metric.target {
            w!(
                out,
                " <span class=\"muted\">(target {})</span>",
                metric_number(target, unit)
            );
        } else if metric.value.is_none()
            && let Some(unit) = unit
        {
            w!(out, " <span class=\"muted\">({})</span>", esc(unit));
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

// ---------------------------------------------------------------------------
// The emotion curve

const COL: i64 = 160;
const LEFT: i64 = 118;
const RIGHT: i64 = 16;
const TOP: i64 = 26;
const STEP: i64 = 42;

fn y_of(score: u8) -> i64 {
    TOP + (5 - i64::from(score)) * STEP
}

fn curve(out: &mut String, map: &Map) {
    section_start(out, "emotions", "Emotion curve");
    let n = i64::try_from(map.stages.len()).unwrap_or(0);
    let width = LEFT + n * COL + RIGHT;
    let bottom = y_of(1);
    let height = bottom + 62;
    let x_of = |i: usize| LEFT + i64::try_from(i).unwrap_or(0) * COL + COL / 2;

    // The words of the description: the shape of the curve in one sentence.
    let scored: Vec<(&Stage, u8)> = map
        .stages
        .iter()
        .filter_map(|s| s.emotion.map(|e| (s, e)))
        .collect();
    let summary = match (scored.first(), scored.last()) {
        (Some((first, a)), Some((last, b))) => {
            let low = scored
                .iter()
                .min_by_key(|(_, e)| *e)
                .map_or(*a, |(_, e)| *e);
            let high = scored
                .iter()
                .max_by_key(|(_, e)| *e)
                .map_or(*a, |(_, e)| *e);
            let lows: Vec<&str> = scored
                .iter()
                .filter(|(_, e)| *e == low)
                .map(|(s, _)| s.name)
                .collect();
            let highs: Vec<&str> = scored
                .iter()
                .filter(|(_, e)| *e == high)
                .map(|(s, _)| s.name)
                .collect();
            format!(
                "Emotion across {} ({} scored), from {a} at {} to {b} at {}; lowest {low} at {}, highest {high} at {}. Scores run from 1 (very negative) to 5 (delighted); touchpoint scores are the smaller points. The table after the chart lists every score.",
                plural(map.stages.len(), "stage", "stages"),
                scored.len(),
                first.name,
                last.name,
                lows.join(", "),
                highs.join(", "),
            )
        }
        _ => format!(
            "No stage has an emotion score yet ({}). The table after the chart lists the touchpoint scores.",
            plural(map.stages.len(), "stage", "stages")
        ),
    };

    out.push_str(
        "<figure>\n<div class=\"chart\" tabindex=\"0\" role=\"group\" aria-labelledby=\"emotions-title\">\n",
    );
    w!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"curve-title curve-desc\" \
         width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n\
         <title id=\"curve-title\">Emotion curve: {}</title>\n\
         <desc id=\"curve-desc\">{}</desc>\n",
        esc(map.title),
        esc(&summary)
    );
    // Grid: one line per score, the neutral one solid; one band per stage.
    for i in 0..=map.stages.len() {
        let x = LEFT + i64::try_from(i).unwrap_or(0) * COL;
        w!(
            out,
            "<line class=\"col\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\"/>\n",
            TOP - 14,
            bottom + 14
        );
    }
    for score in 1..=5u8 {
        let y = y_of(score);
        let class = if score == 3 { "grid neutral" } else { "grid" };
        w!(
            out,
            "<line class=\"{class}\" x1=\"{LEFT}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/>\n\
             <text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{score} {}</text>\n",
            width - RIGHT,
            LEFT - 10,
            y + 4,
            emotion_word(score)
        );
    }
    // Stage names under the plot.
    for (i, stage) in map.stages.iter().enumerate() {
        let x = x_of(i);
        w!(
            out,
            "<text class=\"stage-name\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\">",
            bottom + 32
        );
        for (k, line) in wrap(stage.name, 22, 2).iter().enumerate() {
            let dy = if k == 0 { 0 } else { 15 };
            w!(out, "<tspan x=\"{x}\" dy=\"{dy}\">{}</tspan>", esc(line));
        }
        out.push_str("</text>\n");
    }
    // The stage line, broken where a stage has no score.
    let mut segments: Vec<Vec<(i64, i64)>> = vec![Vec::new()];
    for (i, stage) in map.stages.iter().enumerate() {
        match stage.emotion {
            Some(score) => {
                if let Some(segment) = segments.last_mut() {
                    segment.push((x_of(i), y_of(score)));
                }
            }
            None => segments.push(Vec::new()),
        }
    }
    for segment in segments.iter().filter(|s| s.len() >= 2) {
        let d: Vec<String> = segment
            .iter()
            .enumerate()
            .map(|(k, (x, y))| format!("{}{x} {y}", if k == 0 { "M" } else { "L" }))
            .collect();
        w!(out, "<path class=\"curve-line\" d=\"{}\"/>\n", d.join(" "));
    }
    // Touchpoint points to the right of the stage's, then the stage points on top.
    for (i, stage) in map.stages.iter().enumerate() {
        let scored: Vec<_> = stage
            .touchpoints
            .iter()
            .filter_map(|t| t.emotion.map(|e| (t, e)))
            .collect();
        let k = i64::try_from(scored.len()).unwrap_or(0);
        let step = if k > 1 { (46 / (k - 1)).min(20) } else { 0 };
        for (j, (tp, score)) in scored.iter().enumerate() {
            let x = x_of(i) + 22 + i64::try_from(j).unwrap_or(0) * step;
            let y = y_of(*score);
            w!(
                out,
                "<g><circle class=\"tp e{score}\" cx=\"{x}\" cy=\"{y}\" r=\"4.5\"><title>{} ({}): {score}, {}</title></circle>\
                 <text class=\"tp-value\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{score}</text></g>\n",
                esc(tp.name),
                esc(stage.name),
                emotion_word(*score),
                y - 9
            );
        }
    }
    for (i, stage) in map.stages.iter().enumerate() {
        let x = x_of(i);
        match stage.emotion {
            Some(score) => {
                let y = y_of(score);
                w!(
                    out,
                    "<g><circle class=\"st e{score}\" cx=\"{x}\" cy=\"{y}\" r=\"8\"><title>{}: {score}, {}</title></circle>\
                     <text class=\"value\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{score}</text></g>\n",
                    esc(stage.name),
                    emotion_word(score),
                    y - 13
                );
            }
            None => w!(
                out,
                "<text class=\"noscore\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\">no score</text>\n",
                y_of(3) - 8
            ),
        }
    }
    out.push_str("</svg>\n</div>\n");
    out.push_str(
        "<ul class=\"legend\" aria-hidden=\"true\">\
         <li><span class=\"key line\"></span>stage emotion</li>\
         <li><span class=\"key stage\"></span>stage score</li>\
         <li><span class=\"key tp\"></span>touchpoint score</li>\
         <li>a missing score leaves a gap in the line</li></ul>\n",
    );
    out.push_str("</figure>\n");

    // The text alternative: every score, for screen readers.
    out.push_str(
        "<table class=\"vh\">\n<caption>Emotion scores by stage (1 very negative to 5 delighted)</caption>\n\
         <thead><tr><th scope=\"col\">Stage</th><th scope=\"col\">Stage score</th>\
         <th scope=\"col\">Touchpoint scores</th></tr></thead>\n<tbody>\n",
    );
    for stage in &map.stages {
        let score = stage.emotion.map_or("no score".to_owned(), |e| {
            format!("{e} ({})", emotion_word(e))
        });
        let tps: Vec<String> = stage
            .touchpoints
            .iter()
            .filter_map(|t| t.emotion.map(|e| format!("{} {e}", esc(t.name))))
            .collect();
        let tps = if tps.is_empty() {
            "none".to_owned()
        } else {
            tps.join(", ")
        };
        w!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{score}</td><td>{tps}</td></tr>\n",
            esc(stage.name)
        );
    }
    out.push_str("</tbody>\n</table>\n");
    section_end(out);
}

// ---------------------------------------------------------------------------
// Pain points and unmet needs

fn pains(out: &mut String, page: &Page<'_>) {
    let map = page.map;
    let o = &map.opportunities;
    section_start(out, "pains", "Pain points and unmet needs");
    let stage_link = |id: &str| page.link(id);

    out.push_str("<h3>Pain points by severity</h3>\n");
    if o.pain_points.is_empty() {
        out.push_str("<p class=\"flag\">No pain points recorded.</p>\n");
    } else {
        let mut order: Vec<usize> = (0..o.pain_points.len()).collect();
        order.sort_by_key(|&i| {
            let severity = o.pain_points.get(i).and_then(|p| p.severity);
            (std::cmp::Reverse(severity), i)
        });
        out.push_str(
            "<table>\n<caption>Most severe first; unscored last.</caption>\n\
             <thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Pain point</th>\
             <th scope=\"col\">Where</th><th scope=\"col\">Evidence</th>\
             <th scope=\"col\">Addressed by</th></tr></thead>\n<tbody>\n",
        );
        for i in order {
            let Some(pain) = o.pain_points.get(i) else {
                continue;
            };
            let anchor = page.pain_ids.get(i).map_or("", String::as_str);
            let mut place = stage_link(pain.stage);
            if let Some(tp) = &pain.touchpoint {
                w!(place, "<span class=\"at\">at {}</span>", page.link(tp));
            }
            w!(
                out,
                "<tr id=\"{}\"><td>{}</td><th scope=\"row\">{}</th><td>{place}</td><td>{}</td><td>{}</td></tr>\n",
                esc(anchor),
                severity_chip(pain.severity),
                esc(pain.description),
                pain.evidence.map_or(none().to_owned(), esc),
                page.addressed(pain.id)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }

    out.push_str("<h3>Unmet needs</h3>\n");
    if o.unmet_needs.is_empty() {
        out.push_str("<p class=\"muted\">No unmet needs recorded.</p>\n");
    } else {
        out.push_str(
            "<table>\n<caption>In file order.</caption>\n\
             <thead><tr><th scope=\"col\">Need</th><th scope=\"col\">Stage</th>\
             <th scope=\"col\">Evidence</th><th scope=\"col\">Addressed by</th></tr></thead>\n<tbody>\n",
        );
        for (i, need) in o.unmet_needs.iter().enumerate() {
            let anchor = page.need_ids.get(i).map_or("", String::as_str);
            w!(
                out,
                "<tr id=\"{}\"><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                esc(anchor),
                esc(need.description),
                need.stage.map_or(none().to_owned(), stage_link),
                need.evidence.map_or(none().to_owned(), esc),
                page.addressed(need.id)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }

    out.push_str("<h3>Feedback loop</h3>\n");
    match &o.feedback {
        Some(feedback) => {
            out.push_str("<dl class=\"demographics\">");
            w!(out, "<dt>Methods</dt><dd>{}</dd>", list(&feedback.methods));
            w!(
                out,
                "<dt>Cadence</dt><dd>{}</dd><dt>Owner</dt><dd>{}</dd>",
                feedback.cadence.map_or(none().to_owned(), esc),
                feedback.owner.map_or(none().to_owned(), esc)
            );
            out.push_str("</dl>\n");
        }
        None => out.push_str("<p class=\"flag\">No feedback loop recorded.</p>\n"),
    }
    section_end(out);
}

// ---------------------------------------------------------------------------
// Ideas

fn ideas(out: &mut String, page: &Page<'_>) {
    section_start(out, "ideas", "Ideas by priority");
    if page.ideas.is_empty() {
        out.push_str("<p class=\"flag\">No innovations or efficiencies recorded.</p>\n");
        section_end(out);
        return;
    }
    // `page.ideas` holds the innovations, then the efficiencies.
    let innovations = page.map.opportunities.innovations.len();
    let ranked: Vec<&IdeaItem<'_>> = crate::analysis::ranked_ideas(page.map)
        .iter()
        .filter_map(|r| {
            let offset = if r.kind == crate::analysis::INNOVATION {
                0
            } else {
                innovations
            };
            page.ideas.get(offset + r.index)
        })
        .collect();
    out.push_str(
        "<table>\n<caption>Innovations and efficiencies ranked by priority = impact × (6 − effort), \
         from 1 to 25; ties by id; unscored ideas last.</caption>\n\
         <thead><tr><th scope=\"col\" class=\"num\">Rank</th><th scope=\"col\">Idea</th>\
         <th scope=\"col\">Type</th><th scope=\"col\" class=\"num\">Impact</th>\
         <th scope=\"col\" class=\"num\">Effort</th><th scope=\"col\" class=\"num\">Priority</th>\
         <th scope=\"col\">Addresses</th><th scope=\"col\">Taken up by</th></tr></thead>\n<tbody>\n",
    );
    let mut rank = 0;
    for item in ranked {
        let idea = item.idea;
        let score = |s: Option<u8>| s.map_or(none().to_owned(), |s| s.to_string());
        let (rank_text, priority) = match idea.priority() {
            Some(p) => {
                rank += 1;
                (
                    rank.to_string(),
                    format!("<span class=\"priority\">{p}</span>"),
                )
            }
            None => (
                none().to_owned(),
                "<span class=\"none\">unscored</span>".to_owned(),
            ),
        };
        let addresses: Vec<&str> = idea.addresses.to_vec();
        let taken = page.actions_taking_up(idea.id);
        let taken = if taken.is_empty() {
            "<span class=\"flag\">no action yet</span>".to_owned()
        } else {
            page.links(&taken)
        };
        w!(
            out,
            "<tr id=\"{}\"><td class=\"num\">{rank_text}</td><th scope=\"row\">{}</th><td>{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{priority}</td>\
             <td>{}</td><td>{taken}</td></tr>\n",
            esc(&item.anchor),
            esc(idea.description),
            item.kind,
            score(idea.impact),
            score(idea.effort),
            page.links(&addresses)
        );
    }
    out.push_str("</tbody>\n</table>\n");
    section_end(out);
}

// ---------------------------------------------------------------------------
// Action plan

/// Timeline order: by first date (start, else due), undated last; ties in file order.
fn plan_order(page: &Page<'_>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..page.actions.len()).collect();
    order.sort_by_key(|&i| {
        let action = page.actions.get(i).map(|a| a.action);
        let first = action.and_then(|a| {
            a.start
                .and_then(Day::parse)
                .or_else(|| a.due.and_then(Day::parse))
        });
        (first.is_none(), first, i)
    });
    order
}

fn plan(out: &mut String, page: &Page<'_>) {
    let map = page.map;
    let plan = &map.action_plan;
    section_start(out, "plan", "Action plan");
    let order = plan_order(page);

    out.push_str("<h3 id=\"plan-timeline\">Timeline</h3>\n");
    gantt(out, page, &order);

    out.push_str("<h3>Actions</h3>\n");
    if page.actions.is_empty() {
        out.push_str("<p class=\"flag\">No initiatives, pilots or improvements planned.</p>\n");
    } else {
        out.push_str(
            "<table>\n<caption>Initiatives, pilots and improvements by start date; undated last.</caption>\n\
             <thead><tr><th scope=\"col\">Action</th><th scope=\"col\">Type</th>\
             <th scope=\"col\">Owner</th><th scope=\"col\">Start</th><th scope=\"col\">Due</th>\
             <th scope=\"col\">Status</th><th scope=\"col\">Addresses</th></tr></thead>\n<tbody>\n",
        );
        for &i in &order {
            let Some(item) = page.actions.get(i) else {
                continue;
            };
            let action = item.action;
            let mut details = String::new();
            if let Some(scope) = &action.scope {
                w!(details, "<p>Scope: {}</p>", esc(scope));
            }
            if !action.success_criteria.is_empty() {
                w!(
                    details,
                    "<p>Success criteria:</p>{}",
                    list(&action.success_criteria)
                );
            }
            if !details.is_empty() {
                details = format!("<div class=\"details\">{details}</div>");
            }
            let addresses: Vec<&str> = action.addresses.to_vec();
            w!(
                out,
                "<tr id=\"{}\"><th scope=\"row\">{}{details}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
                 <td><span class=\"status {}\">{}</span></td><td>{}</td></tr>\n",
                esc(&item.anchor),
                esc(action.title),
                item.kind,
                action
                    .owner
                    .map_or("<span class=\"flag\">no owner</span>".to_owned(), esc),
                action.start.map_or(none().to_owned(), time),
                action
                    .due
                    .map_or("<span class=\"flag\">no due date</span>".to_owned(), time),
                status_class(action.status),
                status_word(action.status),
                page.links(&addresses)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }

    out.push_str("<div class=\"cols\">\n<div>\n<h3>Milestones</h3>\n");
    if plan.milestones.is_empty() {
        out.push_str("<p class=\"muted\">No milestones.</p>\n");
    } else {
        let mut milestones: Vec<_> = plan.milestones.iter().enumerate().collect();
        milestones.sort_by(|(i, a), (j, b)| {
            Day::parse(a.date)
                .cmp(&Day::parse(b.date))
                .then(a.date.cmp(b.date))
                .then(i.cmp(j))
        });
        out.push_str(
            "<table>\n<caption>In date order.</caption>\n\
             <thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Milestone</th>\
             <th scope=\"col\">Delivers</th></tr></thead>\n<tbody>\n",
        );
        for (_, milestone) in milestones {
            let delivers: Vec<&str> = milestone.delivers.to_vec();
            w!(
                out,
                "<tr><td>{}</td><th scope=\"row\">{}</th><td>{}</td></tr>\n",
                time(milestone.date),
                esc(milestone.name),
                page.links(&delivers)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</div>\n<div>\n<h3>Resources</h3>\n");
    resources(out, page);
    out.push_str("</div>\n</div>\n");
    section_end(out);
}

fn resources(out: &mut String, page: &Page<'_>) {
    let resources = &page.map.action_plan.resources;
    if resources.is_empty() {
        out.push_str("<p class=\"flag\">No resources allocated.</p>\n");
        return;
    }
    out.push_str(
        "<table>\n<caption>People and budget per action, with totals per currency.</caption>\n\
         <thead><tr><th scope=\"col\">Action</th><th scope=\"col\" class=\"num\">People</th>\
         <th scope=\"col\">Roles</th><th scope=\"col\" class=\"num\">Budget</th></tr></thead>\n<tbody>\n",
    );
    for resource in resources {
        let currency = resource.currency;
        let budget = match resource.budget {
            Some(budget) => match currency {
                Some(c) => format!("{} {}", amount(budget), esc(c)),
                None => amount(budget),
            },
            None => none().to_owned(),
        };
        let roles = if resource.roles.is_empty() {
            none().to_owned()
        } else {
            esc(&resource.roles.join(", "))
        };
        w!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td>{roles}</td><td class=\"num\">{budget}</td></tr>\n",
            page.link(resource.action),
            resource.people.map_or(none().to_owned(), count),
        );
    }
    out.push_str("</tbody>\n<tfoot>\n");
    if let Some(people) = crate::analysis::people_total(page.map) {
        w!(
            out,
            "<tr><th scope=\"row\">Total people</th><td class=\"num\">{}</td><td></td><td></td></tr>\n",
            count(people)
        );
    }
    // Per currency in code order; budgets without a currency last.
    for (currency, total) in crate::analysis::budget_totals(page.map) {
        let (label, value) = match currency {
            Some(c) => (
                format!("Total budget, {}", esc(c)),
                format!("{} {}", amount(total), esc(c)),
            ),
            None => ("Total budget, no currency".to_owned(), amount(total)),
        };
        w!(
            out,
            "<tr><th scope=\"row\">{label}</th><td></td><td></td><td class=\"num\">{value}</td></tr>\n"
        );
    }
    out.push_str("</tfoot>\n</table>\n");
}

const G_LABEL: i64 = 290;
const G_CHART: i64 = 720;
const G_RIGHT: i64 = 24;
const G_HEAD: i64 = 30;
const G_ROW: i64 = 28;

/// The plan as a Gantt chart: a bar per dated action, a diamond per milestone.
fn gantt(out: &mut String, page: &Page<'_>, order: &[usize]) {
    let plan = &page.map.action_plan;
    let rows: Vec<(&PlanItem<'_>, Option<Day>, Option<Day>)> = order
        .iter()
        .filter_map(|&i| page.actions.get(i))
        .map(|item| {
            let a = item.action;
            (
                item,
                a.start.and_then(Day::parse),
                a.due.and_then(Day::parse),
            )
        })
        .filter(|(_, start, due)| start.is_some() || due.is_some())
        .collect();
    let mut milestones: Vec<(usize, &crate::map::model::Milestone, Day)> = plan
        .milestones
        .iter()
        .enumerate()
        .filter_map(|(i, m)| Day::parse(m.date).map(|d| (i, m, d)))
        .collect();
    milestones.sort_by_key(|(i, _, d)| (*d, *i));

    let dates: Vec<Day> = rows
        .iter()
        .flat_map(|(_, s, d)| [*s, *d])
        .flatten()
        .chain(milestones.iter().map(|(_, _, d)| *d))
        .collect();
    let (Some(&first), Some(&last)) = (dates.iter().min(), dates.iter().max()) else {
        out.push_str("<p class=\"muted\">No dates in the plan yet.</p>\n");
        return;
    };
    let lo = first.month_start(0);
    let hi = last.month_start(1);
    let months = (hi.year * 12 + hi.month) - (lo.year * 12 + lo.month);
    let span = (hi.number() - lo.number()).max(1);
    let x_of = |d: Day| {
        let offset = d.number() - lo.number();
        G_LABEL as f64 + offset as f64 * G_CHART as f64 / span as f64
    };
    let n_rows = i64::try_from(rows.len() + milestones.len()).unwrap_or(0);
    let width = G_LABEL + G_CHART + G_RIGHT;
    let height = G_HEAD + n_rows * G_ROW + 8;
    let bottom = height - 8;

    let undated = page.actions.len() - rows.len();
    let mut desc = format!(
        "{} and {} from {} to {}.",
        plural(rows.len(), "dated action", "dated actions"),
        plural(milestones.len(), "milestone", "milestones"),
        esc(&first_date_text(first)),
        esc(&first_date_text(last))
    );
    if undated > 0 {
        w!(
            desc,
            " {} without dates are not drawn.",
            plural(undated, "action", "actions")
        );
    }
    desc.push_str(" The tables below give every date, owner and status.");

    out.push_str(
        "<figure>\n<div class=\"chart\" tabindex=\"0\" role=\"group\" aria-labelledby=\"plan-timeline\">\n",
    );
    w!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"timeline-title timeline-desc\" \
         width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n\
         <title id=\"timeline-title\">Action plan timeline</title>\n\
         <desc id=\"timeline-desc\">{desc}</desc>\n"
    );
    let step = ((months + 11) / 12).max(1);
    let mut k = 0;
    while k <= months {
        let day = lo.month_start(k);
        let x = x_of(day);
        w!(
            out,
            "<line class=\"tick\" x1=\"{x:.1}\" y1=\"{}\" x2=\"{x:.1}\" y2=\"{bottom}\"/>\n",
            G_HEAD - 8
        );
        if k < months {
            w!(
                out,
                "<text class=\"axis\" x=\"{:.1}\" y=\"{}\">{}</text>\n",
                x + 4.0,
                G_HEAD - 12,
                day.month_label()
            );
        }
        k += step;
    }
    let mut row = 0;
    for (item, start, due) in &rows {
        let y = G_HEAD + row * G_ROW;
        let a = item.action;
        let status = status_class(a.status);
        let tooltip = format!(
            "{}: {} → {}, {}{}",
            a.title,
            a.start.unwrap_or("no start"),
            a.due.unwrap_or("no due date"),
            status_word(a.status),
            a.owner.map_or(String::new(), |o| format!(", {o}"))
        );
        w!(
            out,
            "<text class=\"row-label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n",
            G_LABEL - 10,
            y + 18,
            esc(&clip(a.title, 40))
        );
        match (start, due) {
            (Some(s), Some(d)) => {
                let (x1, x2) = (x_of(*s.min(d)), x_of(*s.max(d)));
                w!(
                    out,
                    "<rect class=\"bar {status}\" x=\"{x1:.1}\" y=\"{}\" width=\"{:.1}\" height=\"14\" rx=\"3\"><title>{}</title></rect>\n",
                    y + 7,
                    (x2 - x1).max(3.0),
                    esc(&tooltip)
                );
            }
            (Some(d), None) | (None, Some(d)) => {
                w!(
                    out,
                    "<circle class=\"bar {status}\" cx=\"{:.1}\" cy=\"{}\" r=\"6\"><title>{}</title></circle>\n",
                    x_of(*d),
                    y + 14,
                    esc(&tooltip)
                );
            }
            (None, None) => {}
        }
        row += 1;
    }
    for (_, milestone, day) in &milestones {
        let y = G_HEAD + row * G_ROW;
        let x = x_of(*day);
        let cy = y + 14;
        w!(
            out,
            "<line class=\"ms-line\" x1=\"{x:.1}\" y1=\"{}\" x2=\"{x:.1}\" y2=\"{}\"/>\n\
             <text class=\"row-label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n\
             <polygon class=\"ms\" points=\"{x:.1},{} {:.1},{cy} {x:.1},{} {:.1},{cy}\"><title>{}: {}</title></polygon>\n",
            G_HEAD - 8,
            cy - 7,
            G_LABEL - 10,
            y + 18,
            esc(&clip(&format!("◆ {}", milestone.name), 40)),
            cy - 7,
            x + 7.0,
            cy + 7,
            x - 7.0,
            esc(milestone.name),
            esc(milestone.date)
        );
        row += 1;
    }
    out.push_str("</svg>\n</div>\n");
    out.push_str(
        "<ul class=\"legend\" aria-hidden=\"true\">\
         <li><span class=\"key bar planned\"></span>planned</li>\
         <li><span class=\"key bar in-progress\"></span>in progress</li>\
         <li><span class=\"key bar done\"></span>done</li>\
         <li><span class=\"key bar dropped\"></span>dropped</li>\
         <li><span class=\"key ms\"></span>milestone</li></ul>\n</figure>\n",
    );
}

fn first_date_text(day: Day) -> String {
    format!("{:04}-{:02}-{:02}", day.year, day.month, day.day)
}

// ---------------------------------------------------------------------------
// Gap summary

fn gaps(out: &mut String, report: &FileReport) {
    section_start(out, "gaps", "Gap summary");
    let diagnostics = &report.diagnostics;
    if diagnostics.is_empty() {
        out.push_str(
            "<p class=\"ok\">No gaps: every rule of <code>journeymap check</code> passed.</p>\n",
        );
        section_end(out);
        return;
    }
    w!(
        out,
        "<p class=\"intro\">What <code>journeymap check</code> found: {}, {}, {}. Lines refer to the map file.</p>\n",
        plural(report.count(Severity::Error), "error", "errors"),
        plural(report.count(Severity::Warning), "warning", "warnings"),
        plural(report.count(Severity::Info), "info", "infos"),
    );
    for (severity, heading) in [
        (Severity::Error, "Errors"),
        (Severity::Warning, "Warnings"),
        (Severity::Info, "Infos"),
    ] {
        let found: Vec<_> = diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .collect();
        if found.is_empty() {
            continue;
        }
        let class = severity.as_str();
        w!(
            out,
            "<h3 id=\"gaps-{class}\" class=\"sev-{class}\">{heading} ({})</h3>\n\
             <table aria-labelledby=\"gaps-{class}\">\n\
             <thead><tr><th scope=\"col\" class=\"num\">Line</th><th scope=\"col\">Rule</th>\
             <th scope=\"col\">Finding</th></tr></thead>\n<tbody>\n",
            found.len(),
        );
        for d in found {
            let help = if d.help.is_empty() {
                String::new()
            } else {
                format!("<p class=\"help\">{}</p>", esc(&d.help))
            };
            w!(
                out,
                "<tr><td class=\"num\">{}</td><td><code class=\"rule\">{}</code></td><td>{}{help}</td></tr>\n",
                d.line,
                esc(d.rule),
                esc(&d.message)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    section_end(out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_characters() {
        assert_eq!(
            esc("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(esc("a\u{0}b"), "a\u{FFFD}b");
    }

    #[test]
    fn day_numbers_count_days() {
        let day = |s| Day::parse(s).map(Day::number);
        assert_eq!(day("1970-01-01"), Some(0));
        assert_eq!(
            day("2024-03-01").zip(day("2024-02-28")).map(|(a, b)| a - b),
            Some(2)
        );
        assert_eq!(day("2026-13-01"), None);
        let d = Day::parse("2026-11-20");
        assert_eq!(
            d.map(|d| d.month_start(2).month_label()),
            Some("Jan 2027".to_owned())
        );
    }

    #[test]
    fn wraps_and_clips() {
        assert_eq!(
            wrap("Confirmation and reminders", 22, 2),
            ["Confirmation and", "reminders"]
        );
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(wrap("", 22, 2), Vec::<String>::new());
    }
}
