//! The `opportunities` section: pain points, unmet needs, ideas, feedback.

use crate::analysis;
use crate::map::model::Map;
use crate::views::render::{Block, Section, Table};

use super::{Glyphs, section, stage_name, table_or, touchpoint_name};

pub(super) fn opportunities(map: &Map, g: &Glyphs) -> Section {
    let o = &map.opportunities;
    let mut blocks = Vec::new();
    let addressed = |id: &str| {
        let by = analysis::addressed_by(map, id);
        if by.is_empty() {
            "not addressed".to_owned()
        } else {
            by.join(", ")
        }
    };

    let mut pains = Table::new(&["Severity", "Id", "Pain point", "Where", "Addressed by"])
        .with_caption("Pain points by severity");
    for p in analysis::pain_points_by_severity(map) {
        let stage = stage_name(map, p.stage);
        pains.push(vec![
            p.severity.map_or(String::new(), |s| s.to_string()),
            p.id.to_string(),
            p.description.to_string(),
            match p.touchpoint {
                Some(t) => format!("{stage}: {}", touchpoint_name(map, t)),
                None => stage,
            },
            addressed(p.id),
        ]);
    }
    blocks.push(table_or(pains, "No pain points."));

    let mut needs =
        Table::new(&["Id", "Unmet need", "Stage", "Addressed by"]).with_caption("Unmet needs");
    for n in &o.unmet_needs {
        needs.push(vec![
            n.id.to_string(),
            n.description.to_string(),
            n.stage.map_or(String::new(), |s| stage_name(map, s)),
            addressed(n.id),
        ]);
    }
    blocks.push(table_or(needs, "No unmet needs."));

    let mut ideas = Table::new(&["Rank", "Id", "Idea", "Priority", "Addresses", "Taken up by"])
        .with_caption(format!(
            "Ideas by priority = impact {} (6 {} effort)",
            g.times, g.minus
        ));
    for r in analysis::ranked_ideas(map) {
        // `16 = 4×(6−2)`: the score and how it is reached (no space inside
        // the product, so that a narrow column breaks only after `=`).
        let priority = match (r.priority, r.idea.impact, r.idea.effort) {
            (Some(p), Some(impact), Some(effort)) => {
                format!("{p} = {impact}{}(6{}{effort})", g.times, g.minus)
            }
            (_, None, None) => "unscored (no impact, no effort)".to_owned(),
            (_, None, _) => "unscored (no impact)".to_owned(),
            _ => "unscored (no effort)".to_owned(),
        };
        let taken: Vec<&str> = analysis::actions_addressing(map, r.idea.id)
            .iter()
            .map(|a| a.id)
            .collect();
        ideas.push(vec![
            r.rank.map_or(String::new(), |r| r.to_string()),
            r.idea.id.to_string(),
            format!("{} ({})", r.idea.description, r.kind),
            priority,
            r.idea.addresses.join(", "),
            if taken.is_empty() {
                "no action yet".to_owned()
            } else {
                taken.join(", ")
            },
        ]);
    }
    blocks.push(table_or(ideas, "No ideas."));

    match &o.feedback {
        Some(f) => {
            let mut feedback =
                Table::new(&["Methods", "Cadence", "Owner"]).with_caption("Feedback loop");
            feedback.push(vec![
                f.methods.join(", "),
                f.cadence.unwrap_or_default().to_string(),
                f.owner.unwrap_or_default().to_string(),
            ]);
            blocks.push(Block::Table(feedback));
        }
        None => blocks.push(Block::Text("No feedback loop.".to_owned())),
    }
    section("opportunities", "Opportunities", blocks)
}
