//! The `persona` section.

use crate::analysis::scalar;
use crate::map::model::Map;
use crate::views::render::{Block, Section, Table};

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
    let rows: [(&str, String); 8] = [
        ("Name", p.name.to_string()),
        ("Description", p.description.unwrap_or_default().to_string()),
        ("Demographics", demographics.join("\n")),
        ("Behaviours", list(&p.behaviors, g)),
        ("Needs", list(&p.needs, g)),
        ("Goals", list(&p.goals, g)),
        ("Challenges", list(&p.challenges, g)),
        ("Channels", list(&p.channels, g)),
    ];
    for (field, value) in rows {
        table.push(vec![field.to_owned(), value]);
    }
    section("persona", "Persona", vec![Block::Table(table)])
}
