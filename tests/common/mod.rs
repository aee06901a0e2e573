//! Helpers shared by the fixture tests.

use journeymap::check::CheckOptions;
use journeymap::diagnostic::Diagnostic;

/// A fixed `today`, so date rules give the same findings every day.
pub fn options() -> CheckOptions {
    CheckOptions {
        today: jiff::civil::Date::new(2026, 11, 23).expect("a real date"),
        deny_warnings: false,
    }
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
