//! The `stages` matrix and the `touchpoints` table.

use serde_json::Value;

use crate::analysis;
use crate::map::model::{Map, Metric, Stage};
use crate::views::render::{Block, Cell, Column, Section, Table};

use super::{Glyphs, emotion, list, section};

pub(super) fn stages(map: &Map, g: &Glyphs) -> Section {
    let mut headers = vec!["Stage"];
    headers.extend(map.stages.iter().map(|s| s.name));
    let mut table = Table::new(&headers);
    let pains = analysis::pain_points_by_severity(map);
    let row = |label: &str, cell: &dyn Fn(&Stage) -> Cell| {
        let mut cells = vec![Cell::new(label)];
        cells.extend(map.stages.iter().map(cell));
        cells
    };
    table.push_cells(row("Goals", &|s| list(&s.goals, g)));
    table.push_cells(row("Actions", &|s| list(&s.actions, g)));
    table.push_cells(row("Feelings", &|s| list(&s.feelings, g)));
    table.push_cells(row("Emotion", &|s| emotion(s.emotion, g)));
    table.push_cells(row("Touchpoints", &|s| {
        let items: Vec<String> = s
            .touchpoints
            .iter()
            .map(|t| format!("{} ({})", t.name, t.channel))
            .collect();
        list(&items, g)
    }));
    table.push_cells(row("Pain points", &|s| {
        let items: Vec<String> = pains
            .iter()
            .filter(|p| p.stage == s.id)
            .map(|p| match p.severity {
                Some(severity) => format!("{} ({severity})", p.id),
                None => p.id.to_string(),
            })
            .collect();
        list(&items, g)
    }));
    table.push_cells(row("Metrics", &|s| {
        let shown: Vec<String> = s.metrics.iter().map(|m| metric(m, g.arrow)).collect();
        let plain: Vec<String> = s.metrics.iter().map(|m| metric(m, "->")).collect();
        Cell {
            plain: Some(plain.join(crate::views::render::CSV_LIST_SEPARATOR)),
            ..list(&shown, g)
        }
    }));
    section("stages", "Stages", vec![Block::Table(table)])
}

/// `checkout conversion 41% → 60%`: the name, the value, the target; the parts there are.
fn metric(metric: &Metric, arrow: &str) -> String {
    let with_unit = |value: &Value| crate::analysis::with_unit(value, metric.unit);
    let mut out = metric.name.to_owned();
    if let Some(value) = &metric.value {
        out = format!("{out} {}", with_unit(value));
    }
    if let Some(target) = &metric.target {
        out = format!("{out} {arrow} {}", with_unit(target));
    }
    out
}

// ---------------------------------------------------------------------------
// Touchpoints

pub(super) fn touchpoints(map: &Map, g: &Glyphs) -> Section {
    // CSV names the stage by its id, as other tables' references do.
    let mut table = Table::with_columns(vec![
        Column::reading("Stage"),
        Column::csv("Stage"),
        Column::new("Id"),
        Column::new("Touchpoint"),
        Column::new("Channel"),
        Column::new("Device"),
        Column::new("Owner"),
        Column::new("Emotion"),
    ])
    .or_say("No touchpoints.");
    for stage in &map.stages {
        for t in &stage.touchpoints {
            table.push_cells(vec![
                Cell::new(stage.name),
                Cell::new(stage.id),
                Cell::new(t.id),
                Cell::new(t.name),
                Cell::new(t.channel),
                Cell::new(t.device.unwrap_or_default()),
                Cell::new(t.owner.unwrap_or_default()),
                emotion(t.emotion, g),
            ]);
        }
    }
    section("touchpoints", "Touchpoints", vec![Block::Table(table)])
}
