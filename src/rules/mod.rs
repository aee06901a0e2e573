//! The rule registry: one explicit list of every rule, in catalogue order.
//!
//! Each rule lives in its own file with its id, default severity, summary and
//! long documentation; `journeymap rules`, `explain`, SARIF and the README's
//! table all read these same constants.

use std::borrow::Cow;
use std::collections::BTreeMap;

use foldhash::{HashSet, HashSetExt};

use jiff::civil::Date;
use serde_json::Value;

use crate::diagnostic::{Finding, Severity};
use crate::map::model::{Action, ActionPlan, Map, Object};

mod channel_not_preferred;
mod date_order;
mod duplicate_id;
mod empty_stage;
pub mod ids;
mod low_point_without_pain_point;
mod missing_due_date;
mod missing_emotion;
mod missing_owner;
pub mod missing_standard_stage;
mod no_feedback_loop;
mod persona_incomplete;
mod pilot_without_success_criteria;
mod schema;
mod stage_without_metrics;
mod stale_map;
mod touchpoint_stage_mismatch;
mod unaddressed_need;
mod unaddressed_pain_point;
mod unfunded_action;
mod unknown_reference;
mod unplanned_opportunity;
mod unscored_opportunity;
mod untraced_action;
mod unused_preferred_channel;
mod yaml_syntax;

/// The part of the catalogue a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Is the file a journey map at all?
    Structure,
    /// Is the journey understood?
    Gaps,
    /// Does the plan answer the gaps?
    Plan,
}

impl Group {
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Structure => "structure",
            Group::Gaps => "gaps",
            Group::Plan => "plan",
        }
    }
}

/// What a configuration file can change about the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// A severity per rule, or `None` for a rule turned off; rules not listed keep their default.
    pub severities: BTreeMap<&'static str, Option<Severity>>,
    /// `stale-map`: a map reviewed more than this many days ago is stale.
    pub stale_after_days: u32,
    /// `missing-standard-stage`: the stages every map should have.
    pub standard_stages: Vec<String>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            severities: BTreeMap::new(),
            stale_after_days: 180,
            standard_stages: missing_standard_stage::DEFAULT_STAGES
                .iter()
                .map(|&stage| stage.to_owned())
                .collect(),
        }
    }
}

impl Settings {
    /// Whether the configuration turned this rule off.
    pub fn is_off(&self, rule: &str) -> bool {
        matches!(self.severities.get(rule), Some(None))
    }

    /// A finding's severity: the configured one, else the finding's own, else the rule's default.
    pub fn severity_of(&self, finding: &Finding) -> Severity {
        match self.severities.get(finding.rule) {
            Some(Some(configured)) => *configured,
            _ => finding.severity.unwrap_or_else(|| {
                find(finding.rule).map_or(Severity::Error, |rule| rule.default_severity)
            }),
        }
    }
}

/// What a rule looks at: the typed map, its JSON value (in file order), the
/// date rules count from and the configured settings.
pub struct Context<'a> {
    pub map: &'a Map<'a>,
    pub value: &'a Value,
    pub today: Date,
    pub settings: &'a Settings,
    /// The id namespace, built once for all rules.
    pub ids: ids::Ids<'a>,
}

/// One rule of the catalogue.
pub struct Rule {
    pub id: &'static str,
    pub group: Group,
    pub default_severity: Severity,
    /// One line, for `journeymap rules` and SARIF's shortDescription.
    pub summary: &'static str,
    /// What, why it matters for the journey, how to fix, an example (Markdown).
    pub docs: &'static str,
    /// `None` for `yaml-syntax` and `schema`, which the loader and validator report.
    pub check: Option<fn(&Context<'_>) -> Vec<Finding>>,
}

/// Every rule, in the order of RULES.md.
pub static RULES: &[&Rule] = &[
    &yaml_syntax::RULE,
    &schema::RULE,
    &duplicate_id::RULE,
    &unknown_reference::RULE,
    &touchpoint_stage_mismatch::RULE,
    &date_order::RULE,
    &empty_stage::RULE,
    &persona_incomplete::RULE,
    &missing_emotion::RULE,
    &low_point_without_pain_point::RULE,
    &unused_preferred_channel::RULE,
    &channel_not_preferred::RULE,
    &missing_standard_stage::RULE,
    &stage_without_metrics::RULE,
    &no_feedback_loop::RULE,
    &stale_map::RULE,
    &unaddressed_pain_point::RULE,
    &unaddressed_need::RULE,
    &unplanned_opportunity::RULE,
    &untraced_action::RULE,
    &missing_owner::RULE,
    &missing_due_date::RULE,
    &pilot_without_success_criteria::RULE,
    &unscored_opportunity::RULE,
    &unfunded_action::RULE,
];

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|rule| rule.id == id)
}

/// Runs every rule with a check that is not turned off on a schema-valid map.
pub fn run_all(context: &Context<'_>) -> Vec<Finding> {
    let checks = RULES
        .iter()
        .filter(|rule| !context.settings.is_off(rule.id))
        .filter_map(|rule| rule.check);
    let mut findings = Vec::new();
    for check in checks {
        // One copy of each rule's findings, where `flat_map` moved them one by one.
        findings.append(&mut check(context));
    }
    findings
}

/// Whether `c` separates the words of a channel name.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || c == '-' || c == '_'
}

/// Whether `text` surely is its own channel key, judged without allocating:
/// words of `a`–`z` and `0`–`9` with single spaces between them. Anything
/// else ("no" for some keys, e.g. `e.mail` or non-ASCII, which lower-cases
/// by Unicode's rules) takes `channel_key`'s long way, which maps a key to
/// itself: the answer only decides how fast, never what.
fn is_key(text: &str) -> bool {
    // Starting "after a space" turns a leading space down.
    let mut after_space = true;
    for &byte in text.as_bytes() {
        let fine = match byte {
            b'a'..=b'z' | b'0'..=b'9' => true,
            b' ' => !after_space,
            _ => false,
        };
        if !fine {
            return false;
        }
        after_space = byte == b' ';
    }
    // A trailing space is not a key; the empty text is.
    !after_space || text.is_empty()
}

/// A channel name as compared: lower-cased, trimmed, every run of spaces,
/// `-` and `_` one separator (`Mobile App` = `mobile-app` = `mobile_app`).
/// Borrowed when the name already is its key (`email`, `mobile app`), the
/// common case: the channel rules compare every touchpoint's channel.
pub fn channel_key(channel: &str) -> Cow<'_, str> {
    if is_key(channel) {
        return Cow::Borrowed(channel);
    }
    let lower = channel.to_lowercase();
    if is_key(&lower) {
        return Cow::Owned(lower);
    }
    let mut key = String::with_capacity(lower.len());
    for part in lower.split(is_separator).filter(|part| !part.is_empty()) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(part);
    }
    Cow::Owned(key)
}

/// Ids listed in the `addresses` of any idea or any action.
pub fn addressed_by_ideas_or_actions<'a>(map: &'a Map<'a>) -> HashSet<&'a str> {
    let by_ideas = map
        .opportunities
        .innovations
        .iter()
        .chain(&map.opportunities.efficiencies)
        .map(|idea| &idea.addresses);
    id_set(by_ideas.chain(all_actions(&map.action_plan).map(|action| &action.addresses)))
}

/// Ids listed in the `addresses` of any action (initiative, pilot or improvement).
pub fn addressed_by_actions<'a>(map: &'a Map<'a>) -> HashSet<&'a str> {
    id_set(all_actions(&map.action_plan).map(|action| &action.addresses))
}

/// The ids of some lists, in a set sized for them up front (no regrowing).
fn id_set<'a>(lists: impl Iterator<Item = &'a Vec<&'a str>> + Clone) -> HashSet<&'a str> {
    let count = lists.clone().map(Vec::len).sum();
    let mut set = HashSet::with_capacity(count);
    set.extend(lists.flatten().copied());
    set
}

fn all_actions<'a>(plan: &'a ActionPlan<'a>) -> impl Iterator<Item = &'a Action<'a>> + Clone {
    plan.initiatives
        .iter()
        .chain(&plan.pilots)
        .chain(&plan.improvements)
}

/// What the file calls the action at `object` (from `ActionPlan::actions`):
/// "initiative", "pilot" or "improvement".
pub fn action_kind(object: Object<'_>) -> &'static str {
    match object {
        Object::Item(_, "initiatives", _) => "initiative",
        Object::Item(_, "pilots", _) => "pilot",
        _ => "improvement",
    }
}

/// What the file calls the idea at `object` (from `Opportunities::ideas`):
/// "innovation" or "efficiency".
pub fn idea_kind(object: Object<'_>) -> &'static str {
    match object {
        Object::Item(_, "efficiencies", _) => "efficiency",
        _ => "innovation",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_keys() {
        for (channel, key) in [
            ("email", "email"),
            ("Mobile App", "mobile app"),
            ("mobile-app", "mobile app"),
            ("  Mobile__App ", "mobile app"),
            ("mobile\tapp", "mobile app"),
            ("a - b", "a b"),
            ("", ""),
            ("---", ""),
            ("ΟΔΟΣ", "οδος"),
        ] {
            assert_eq!(channel_key(channel), key, "{channel:?}");
        }
    }
}
