//! Helpers shared by the fixture tests.

use journeymap::check::CheckOptions;
use journeymap::diagnostic::Diagnostic;

/// A fixed `today`, so date rules give the same findings every day.
pub fn options() -> CheckOptions {
    CheckOptions::new(jiff::civil::Date::new(2026, 11, 23).expect("a real date"))
}

/// One finding per line: `LINE:COL [rule] severity: message | help`.
pub fn render(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| {
            format!(
                "{}:{} [{}] {}: {} | {}\n",
                d.line, d.column, d.rule, d.severity, d.message, d.help
            )
        })
        .collect()
}

/// The complete map every rule fixture starts from; it yields no finding.
#[allow(dead_code)] // not every test crate edits maps
pub const BASE: &str = include_str!("../fixtures/base.yaml");

/// [`BASE`] with each `(from, to)` applied; every `from` must occur exactly once.
#[allow(dead_code)] // not every test crate edits maps
pub fn edited(edits: &[(&str, &str)]) -> String {
    let mut map = BASE.to_owned();
    for (from, to) in edits {
        assert_eq!(
            map.matches(from).count(),
            1,
            "{from:?} must occur exactly once in the map being edited"
        );
        map = map.replacen(from, to, 1);
    }
    map
}
