//! Command-line definitions (clap derive) — nothing else.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

/// Validate, read and report on customer journey maps kept as YAML files.
#[derive(Debug, Parser)]
#[command(
    name = "journeymap",
    version,
    about,
    max_term_width = 100,
    // No subcommand is a usage error (`error: … requires a subcommand`), not a help page.
    arg_required_else_help = false
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    #[command(flatten)]
    pub global: GlobalOptions,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalOptions {
    /// When to use colours [NO_COLOR is honoured]
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    /// Use this configuration file instead of looking for .journeymap.yaml
    #[arg(long, value_name = "FILE", global = true, conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Ignore any .journeymap.yaml
    #[arg(long, global = true)]
    pub no_config: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate maps (schema + rules) and print findings; the CI command
    Check(CheckArgs),
    /// Show a map as tables: persona, stage matrix, touchpoints, opportunities, plan, emotion curve
    Show(ShowArgs),
    /// The gap report: a scorecard for one map, or one row per map for several
    Gaps(GapsArgs),
    /// Compare two versions of a map: stages, emotions, pain points, ideas, actions, score
    Diff(DiffArgs),
    /// List every rule with its default severity, group and summary
    Rules(RulesArgs),
    /// Explain one rule: what it reports, why it matters, how to fix it, an example
    Explain(ExplainArgs),
    /// Export a map as a self-contained HTML page, a Mermaid journey diagram or a Markdown report
    Export(ExportArgs),
    /// Turn a Mermaid journey diagram into a map skeleton that passes the schema
    Import(ImportArgs),
    /// Write a commented template map to start from
    Init(InitArgs),
    /// Print the JSON Schema maps are validated with
    Schema,
    /// Run the language server (LSP over standard input and output) for editors
    Lsp(LspArgs),
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Print a man page (roff), or write every page to a directory
    Man(ManArgs),
}

/// The subcommands, in the order `--help` lists them: each has a man page
/// `journeymap-NAME(1)` (a test keeps this list equal to [`Command`]'s).
pub const COMMANDS: [&str; 13] = [
    "check",
    "show",
    "gaps",
    "diff",
    "rules",
    "explain",
    "export",
    "import",
    "init",
    "schema",
    "lsp",
    "completions",
    "man",
];

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print, e.g. check for journeymap-check(1) [default: journeymap(1)]
    #[arg(value_name = "COMMAND", value_parser = clap::builder::PossibleValuesParser::new(COMMANDS))]
    pub command: Option<String>,

    /// Write the pages to DIR (journeymap.1, journeymap-check.1 and so on, each whole or not at all)
    /// instead of printing one; with COMMAND, only that page
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The map to export, or - for standard input
    #[arg(value_name = "MAP")]
    pub map: String,

    /// What to export to
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub to: ExportFormat,

    /// Write to FILE (whole or not at all) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The date the gap summary counts from, as YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE", value_parser = DateParser)]
    pub today: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One self-contained page: no external scripts, styles, fonts or images
    Html,
    /// A Mermaid `journey` diagram
    Mermaid,
    /// A full report document for wikis and pull requests
    Markdown,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The kind of file to import
    #[arg(value_enum, value_name = "KIND")]
    pub kind: ImportKind,

    /// The file to import, or - for standard input
    #[arg(value_name = "FILE")]
    pub file: String,

    /// Write the map to FILE (whole or not at all) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportKind {
    /// A Mermaid `journey` diagram
    Mermaid,
}

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Talk over standard input and output (the only transport; accepted
    /// because editors' clients pass it)
    #[arg(long, hide = true)]
    pub stdio: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write the template
    #[arg(value_name = "FILE", default_value = "journey-map.yaml")]
    pub file: PathBuf,

    /// Overwrite FILE if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// How `show` and `gaps` print.
#[derive(Debug, Args)]
pub struct ViewArgs {
    /// Output format
    #[arg(short, long, value_enum, default_value_t = ViewFormat::Table)]
    pub format: ViewFormat,

    /// Write to FILE (whole or not at all) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Fit tables to N columns [default: the terminal's width, or $COLUMNS]
    #[arg(long, value_name = "N")]
    pub width: Option<u16>,

    /// ASCII borders instead of box drawing (always when not a terminal)
    #[arg(long)]
    pub ascii: bool,

    /// The date rules and overdue actions count from, as YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE", value_parser = DateParser)]
    pub today: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViewFormat {
    /// Tables for the terminal
    Table,
    /// GitHub tables
    Markdown,
    /// RFC 4180 CSV: one table, so choose it with --section when there are several
    Csv,
    /// One JSON document (see the README)
    Json,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The map to show, or - for standard input
    #[arg(value_name = "MAP")]
    pub map: String,

    /// Only this section, or a group of them (opportunities: pain points, needs, ideas and feedback; plan: actions, milestones and resources)
    #[arg(short, long, value_name = "SECTION", value_parser = OneOf(crate::views::show::section_ids))]
    pub section: Option<String>,

    #[command(flatten)]
    pub view: ViewArgs,
}

#[derive(Debug, Args)]
pub struct GapsArgs {
    /// Maps, directories or quoted globs, as for check [default: .]
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,

    /// Exit 1 when a map's completeness score is below SCORE (0-100)
    #[arg(long, value_name = "SCORE", value_parser = clap::value_parser!(u8).range(0..=100))]
    pub fail_under: Option<u8>,

    /// Only this section of the report (portfolio: the one of a report on several maps)
    #[arg(short, long, value_name = "SECTION", value_parser = OneOf(gaps_sections))]
    pub section: Option<String>,

    #[command(flatten)]
    pub view: ViewArgs,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old version of the map, or - for standard input
    #[arg(value_name = "OLD")]
    pub old: String,

    /// The new version of the map, or - for standard input
    #[arg(value_name = "NEW")]
    pub new: String,

    /// Output format
    #[arg(short, long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,

    /// Write to FILE (whole or not at all) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The date rules count from, as YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE", value_parser = DateParser)]
    pub today: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Lines for the terminal and code review
    Text,
    /// A Markdown summary for a pull request
    Markdown,
    /// One JSON document (see the README)
    Json,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format
    #[arg(short, long, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// Aligned columns for the terminal
    Table,
    /// A GitHub table (the README's rule table is this output)
    Markdown,
    /// One JSON document, docs included
    Json,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule id, as `journeymap rules` lists them (e.g. stale-map)
    #[arg(value_name = "RULE", value_parser = OneOf(rule_ids), hide_possible_values = true)]
    pub rule: String,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files, directories (searched for *.yaml, *.yml), quoted globs, or - for standard input [default: .]
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,

    /// Output format
    #[arg(short, long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    /// Write the report to FILE (whole or not at all) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Fail on warnings too
    #[arg(long)]
    pub deny_warnings: bool,

    /// Print only the summary line
    #[arg(short, long)]
    pub quiet: bool,

    /// The date rules count from, as YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE", value_parser = DateParser)]
    pub today: Option<Date>,

    /// Check this many files at once [default: the number of CPUs]
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// The path to report for standard input (-), in every format
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,

    /// Report and fail only on findings not recorded in this baseline
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record today's findings in FILE as the baseline, and exit 0
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// rustc-style snippets with the offending line and a caret
    Text,
    /// One JSON document (see the README)
    Json,
    /// SARIF 2.1.0, for code scanning (GitHub, Azure DevOps, IDEs)
    Sarif,
    /// JUnit XML, for CI test reports (Jenkins, GitLab, Azure DevOps)
    Junit,
    /// GitHub Actions workflow commands: annotations on the pull request
    Github,
}

/// A value with known candidates, offered by the shell completions, that is
/// checked where it is used: `show --section` and `explain` keep their own
/// messages ("no section \"persnoa\" …; did you mean \"persona\"?"), and
/// `gaps --section` depends on how many maps there are.
#[derive(Debug, Clone, Copy)]
pub struct OneOf(pub fn() -> Vec<&'static str>);

impl clap::builder::TypedValueParser for OneOf {
    type Value = String;

    fn parse_ref(
        &self,
        _command: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        match value.to_str() {
            Some(text) => Ok(text.to_owned()),
            None => Err(clap::Error::new(clap::error::ErrorKind::InvalidUtf8)),
        }
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            (self.0)()
                .into_iter()
                .map(clap::builder::PossibleValue::new),
        ))
    }
}

fn gaps_sections() -> Vec<&'static str> {
    let mut sections = crate::views::gaps::SECTIONS.to_vec();
    sections.push(crate::views::gaps::PORTFOLIO);
    sections
}

fn rule_ids() -> Vec<&'static str> {
    crate::rules::RULES.iter().map(|rule| rule.id).collect()
}

/// `--today`: a calendar date written YYYY-MM-DD, and nothing else (jiff
/// alone would take `2026-11-23T10:00` and explain a mistake in its own
/// words). A mistake is said plainly: `invalid date "tomorrow": expected
/// YYYY-MM-DD`, `invalid date "2026-02-30": February 2026 has 28 days`.
#[derive(Debug, Clone, Copy)]
pub struct DateParser;

impl clap::builder::TypedValueParser for DateParser {
    type Value = Date;

    fn parse_ref(
        &self,
        command: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Date, clap::Error> {
        let text = value.to_string_lossy();
        parse_date(&text).map_err(|problem| {
            clap::Error::raw(
                clap::error::ErrorKind::ValueValidation,
                format!(
                    "invalid date \"{}\": {problem}\n\nFor more information, try '--help'.\n",
                    text.escape_debug()
                ),
            )
            .with_cmd(command)
        })
    }
}

/// A YYYY-MM-DD date that exists; otherwise what is wrong with it.
pub fn parse_date(text: &str) -> Result<Date, String> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, byte)| match i {
            4 | 7 => byte == b'-',
            _ => byte.is_ascii_digit(),
        });
    if !shaped {
        return Err("expected YYYY-MM-DD".to_owned());
    }
    // ok: ten ASCII bytes, digits where these are read.
    let number = |range: std::ops::Range<usize>| text[range].parse::<i16>().unwrap_or(0);
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let month_index = usize::try_from(month - 1).unwrap_or(usize::MAX);
    let (Some(name), Ok(month)) = (MONTHS.get(month_index), i8::try_from(month)) else {
        return Err(format!(
            "there is no month {month:02}; months go from 01 to 12"
        ));
    };
    let first = Date::new(year, month, 1).map_err(|_| "expected YYYY-MM-DD".to_owned())?;
    i8::try_from(day)
        .ok()
        .and_then(|day| Date::new(year, month, day).ok())
        .ok_or_else(|| format!("{name} {year} has {} days", first.days_in_month()))
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn dates_are_yyyy_mm_dd_and_exist() {
        assert_eq!(
            parse_date("2024-02-29").map(|d| d.to_string()),
            Ok("2024-02-29".to_owned())
        );
        for shape in [
            "tomorrow",
            "2026-1-01",
            "2026-11-23T10:00",
            "20261123",
            "",
            "２０２６-11-23",
        ] {
            assert_eq!(
                parse_date(shape),
                Err("expected YYYY-MM-DD".to_owned()),
                "{shape}"
            );
        }
        assert_eq!(
            parse_date("2026-02-29"),
            Err("February 2026 has 28 days".to_owned())
        );
        assert_eq!(
            parse_date("2026-04-00"),
            Err("April 2026 has 30 days".to_owned())
        );
        assert_eq!(
            parse_date("2026-13-01"),
            Err("there is no month 13; months go from 01 to 12".to_owned())
        );
    }
}
