//! The rule registry: one explicit list of every rule, in catalogue order.
//!
//! Each rule lives in its own file with its id, default severity, summary and
//! long documentation; `journeymap rules`, `explain`, SARIF and the README's
//! table all read these same constants.

use jiff::civil::Date;
use serde_json::Value;

use crate::diagnostic::{Finding, Severity};
use crate::model::Map;

mod date_order;
mod duplicate_id;
mod empty_stage;
pub mod ids;
mod schema;
mod touchpoint_stage_mismatch;
mod unknown_reference;
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

/// What a rule looks at: the typed map, its JSON value (in file order) and the date rules count from.
pub struct Context<'a> {
    pub map: &'a Map,
    pub value: &'a Value,
    pub today: Date,
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
];

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|rule| rule.id == id)
}

/// Runs every rule with a check on a schema-valid map.
pub fn run_all(context: &Context<'_>) -> Vec<Finding> {
    RULES
        .iter()
        .filter_map(|rule| rule.check)
        .flat_map(|check| check(context))
        .collect()
}
