//! The `stages` matrix and the `touchpoints` table.

use serde_json::Value;

use crate::analysis;
use crate::map::model::{Map, Metric, Stage};
use crate::views::render::{Block, Section, Table};

use super::{Glyphs, emotion, list, section};

pub(super) fn stages(map: &Map, g: &Glyphs) -> Section {
    let mut headers = vec!["Stage"];
    headers.extend(map.stages.iter().map(|s| s.name));
    let mut table = Table::new(&headers);
    let pains = analysis::pain_points_by_severity(map);
    let row = |label: &str, cell: &dyn Fn(&Stage) -> String| {
        let mut cells = vec![label.to_owned()];
        cells.extend(map.stages.iter().map(cell));
        cells
    };
    table.push(row("Goals", &|s| list(&s.goals, g)));
    table.push(row("Actions", &|s| list(&s.actions, g)));
    table.push(row("Feelings", &|s| list(&s.feelings, g)));
    table.push(row("Emotion", &|s| {
        s.emotion.map_or(String::new(), |e| emotion(e, g))
    }));
    table.push(row("Touchpoints", &|s| {
        let items: Vec<String> = s
            .touchpoints
            .iter()
            .map(|t| format!("{} ({})", t.name, t.channel))
            .collect();
        list(&items, g)
    }));
    table.push(row("Pain points", &|s| {
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
    table.push(row("Metrics", &|s| {
        let items: Vec<String> = s.metrics.iter().map(|m| metric(m, g)).collect();
        list(&items, g)
    }));
    section("stages", "Stages", vec![Block::Table(table)])
}

/// `checkout conversion 41% → 60%`: the name, the value, the target; the parts there are.
fn metric(metric: &Metric, g: &Glyphs) -> String {
    let with_unit = |value: &Value| crate::analysis::with_unit(value, metric.unit);
    let mut out = metric.name.to_owned();
    if let Some(value) = &metric.value {
        out = format!("{out} {}", with_unit(value));
    }
    if let Some(target) = &metric.target {
        out = format!("{out} {} {}", g.arrow, with_unit(target));
    }
    out
}

// ---------------------------------------------------------------------------
// Touchpoints

pub(super) fn touchpoints(map: &Map, g: &Glyphs) -> Section {
    let mut table = Table::new(&[
        "Stage",
        "Id",
        "Touchpoint",
        "Channel",
        "Device",
        "Owner",
        "Emotion",
    ]);
    for stage in &map.stages {
        for t in &stage.touchpoints {
            table.push(vec![
                stage.name.to_string(),
                t.id.to_string(),
                t.name.to_string(),
                t.channel.to_string(),
                t.device.unwrap_or_default().to_string(),
                t.owner.unwrap_or_default().to_string(),
                t.emotion.map_or(String::new(), |e| emotion(e, g)),
            ]);
        }
    }
    let block = if table.rows.is_empty() {
        Block::Text("No touchpoints.".to_owned())
    } else {
        Block::Table(table)
    };
    section("touchpoints", "Touchpoints", vec![block])
}
