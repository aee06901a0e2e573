//! What addresses what in one map, indexed once: the ideas and actions
//! whose `addresses` list an id, and the actions taking up an idea. Looking
//! an id up costs what it finds, not the map's size, so tables over many
//! maps stay linear.

use std::collections::HashMap;

use crate::map::model::{Action, Idea, Map};

/// The `addresses` lists of a map, by the id they name.
#[derive(Debug, Default)]
pub struct Addressing<'a> {
    /// Id → the ideas listing it, in file order (innovations, then efficiencies).
    ideas: HashMap<&'a str, Vec<&'a Idea<'a>>>,
    /// Id → the actions listing it, with their place in
    /// [`super::actions`]'s order, in that order.
    actions: HashMap<&'a str, Vec<(usize, &'a Action<'a>)>>,
}

impl<'a> Addressing<'a> {
    pub fn new(map: &'a Map<'a>) -> Addressing<'a> {
        let mut index = Addressing::default();
        for (_, idea) in super::ideas(map) {
            for &id in &idea.addresses {
                let ideas = index.ideas.entry(id).or_default();
                // An idea listing an id twice is listed once.
                if ideas.last().is_none_or(|last| !std::ptr::eq(*last, idea)) {
                    ideas.push(idea);
                }
            }
        }
        for (place, (_, action)) in super::actions(map).enumerate() {
            for &id in &action.addresses {
                let actions = index.actions.entry(id).or_default();
                if actions.last().is_none_or(|(last, _)| *last != place) {
                    actions.push((place, action));
                }
            }
        }
        index
    }

    /// The ideas whose `addresses` list `id`, in file order.
    pub fn ideas_addressing(&self, id: &str) -> &[&'a Idea<'a>] {
        self.ideas.get(id).map_or(&[], Vec::as_slice)
    }

    /// The actions whose `addresses` list `id`, in file order.
    pub fn actions_addressing(&self, id: &str) -> Vec<&'a Action<'a>> {
        self.actions
            .get(id)
            .map_or_else(Vec::new, |found| found.iter().map(|(_, a)| *a).collect())
    }

    /// What addresses a pain point or need: the ideas listing it (file
    /// order), then the actions listing it or taking up one of those ideas
    /// (file order, each once).
    pub fn addressed_by(&self, id: &str) -> Vec<&'a str> {
        let ideas = self.ideas_addressing(id);
        let mut actions: Vec<(usize, &Action)> = self.actions.get(id).cloned().unwrap_or_default();
        for idea in ideas {
            if let Some(taking_up) = self.actions.get(idea.id) {
                actions.extend(taking_up);
            }
        }
        actions.sort_by_key(|(place, _)| *place);
        actions.dedup_by_key(|(place, _)| *place);
        ideas
            .iter()
            .map(|idea| idea.id)
            .chain(actions.into_iter().map(|(_, action)| action.id))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(yaml: &str) -> Map<'static> {
        let value: serde_json::Value = serde_yaml::from_str(yaml).unwrap_or_default();
        let value: &'static serde_json::Value = Box::leak(Box::new(value));
        crate::map::model::from_value(value).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn ideas_then_actions_listing_it_or_taking_up_its_ideas() {
        let m = map(r#"
title: t
persona: { name: p }
stages: [{ id: s, name: S, touchpoints: [] }]
opportunities:
  pain_points:
    - { id: pain, description: d, stage: s }
    - { id: alone, description: d, stage: s }
  innovations:
    - { id: idea-b, description: d, addresses: [pain, pain] }
  efficiencies:
    - { id: idea-a, description: d, addresses: [pain] }
action_plan:
  initiatives:
    - { id: takes-b, title: t, addresses: [idea-b] }
    - { id: both, title: t, addresses: [idea-a, pain, idea-b] }
  improvements:
    - { id: direct, title: t, addresses: [pain] }
    - { id: other, title: t, addresses: [alone] }
"#);
        let index = Addressing::new(&m);
        assert_eq!(
            index.addressed_by("pain"),
            ["idea-b", "idea-a", "takes-b", "both", "direct"]
        );
        assert_eq!(index.addressed_by("alone"), ["other"]);
        assert!(index.addressed_by("nothing").is_empty());
        let taking: Vec<&str> = index
            .actions_addressing("idea-b")
            .iter()
            .map(|a| a.id)
            .collect();
        assert_eq!(taking, ["takes-b", "both"]);
    }
}
