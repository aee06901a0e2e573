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
    /// List every rule with its default severity, group and summary
    Rules(RulesArgs),
    /// Explain one rule: what it reports, why it matters, how to fix it, an example
    Explain(ExplainArgs),
    /// Print the JSON Schema maps are validated with
    Schema,
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
    #[arg(value_name = "RULE")]
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
    #[arg(long, value_name = "DATE")]
    pub today: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// rustc-style snippets with the offending line and a caret
    Text,
    /// One JSON document (see the README)
    Json,
}
