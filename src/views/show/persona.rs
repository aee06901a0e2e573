//! The `persona` section.

use crate::analysis::scalar;
use crate::map::model::Map;
use crate::views::render::{Block, Cell, Section, Table};

use super::{Glyphs, list, section};

pub(super) fn persona(map: &Map, g: &Glyphs) -> Section {
    let p = &map.persona;
    let demographics: Vec<String> = p
        .demographics
        .iter()
        .filter(|(key, _)| !key.starts_with("x-"))
        .map(|(key, value)| format!("{key}: {}", scalar(value)))
        .collect();
    let mut table = Table::new(&["Field", "Value"]);
    let rows: [(&str, Cell); 8] = [
        ("Name", Cell::new(p.name)),
        ("Description", Cell::new(p.description.unwrap_or_default())),
        // One per line, unbulleted: each says what it is.
        ("Demographics", Cell::list(&demographics, "")),
        ("Behaviours", list(&p.behaviors, g)),
        ("Needs", list(&p.needs, g)),
        ("Goals", list(&p.goals, g)),
        ("Challenges", list(&p.challenges, g)),
        ("Channels", list(&p.channels, g)),
    ];
    for (field, value) in rows {
        table.push_cells(vec![Cell::new(field), value]);
    }
    section("persona", "Persona", vec![Block::Table(table)])
}
