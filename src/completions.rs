//! `journeymap completions SHELL`: clap_complete's script for the shell.
//!
//! The scripts offer every value the command line knows: `--format`, `--to`,
//! `--color`, each command's `--section` (from `views::show::section_ids` and
//! `views::gaps::SECTIONS`), the rule ids of `explain`, the pages of `man`.
//! clap_complete's fish script completes options only, so the values of
//! positional arguments (`explain RULE`, `man COMMAND`, `import KIND`,
//! `completions SHELL`) are added to it here.

use std::fmt::Write as _;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

const BIN: &str = "journeymap";

/// The completion script for `shell`.
pub fn script(shell: Shell) -> String {
    let mut command = Cli::command();
    let mut bytes = Vec::new();
    clap_complete::generate(shell, &mut command, BIN, &mut bytes);
    let mut script = String::from_utf8_lossy(&bytes).into_owned();
    if shell == Shell::Fish {
        script.push_str(&fish_positional_values(&command));
    }
    script
}

/// A `complete` line per positional argument with values: offered until
/// one of them is on the line, and alone (no file names) when the command
/// takes nothing else.
fn fish_positional_values(command: &clap::Command) -> String {
    let mut out = String::new();
    for sub in command.get_subcommands() {
        let positionals: Vec<&clap::Arg> = sub.get_positionals().collect();
        for arg in &positionals {
            let values: Vec<clap::builder::PossibleValue> = arg
                .get_possible_values()
                .into_iter()
                .filter(|value| !value.is_hide_set())
                .collect();
            if values.is_empty() {
                continue;
            }
            // The subcommand's own name (`man man`) is on every line: not a sign of a value.
            let names: Vec<&str> = values
                .iter()
                .map(|value| value.get_name())
                .filter(|name| *name != sub.get_name())
                .collect();
            let candidates: Vec<String> = values
                .iter()
                .map(|value| {
                    let help = value
                        .get_help()
                        .map(ToString::to_string)
                        .unwrap_or_default();
                    // `\t` before the description, as clap_complete writes it.
                    format!("{}\\t'{}'", value.get_name(), fish_quote(&help))
                })
                .collect();
            let only_files = if positionals.len() == 1 { " -f" } else { "" };
            let _ = writeln!(
                out,
                "complete -c {BIN} -n \"__fish_{BIN}_using_subcommand {}; and not __fish_seen_subcommand_from {}\"{only_files} -a \"{}\"",
                sub.get_name(),
                names.join(" "),
                candidates.join("\n"),
            );
        }
    }
    out
}

/// Text inside fish single quotes, itself inside the double-quoted `-a` list.
fn fish_quote(text: &str) -> String {
    text.replace('\n', " ")
        .replace('\\', "\\\\")
        .replace('\'', "\\'")
        .replace('"', "\\\"")
        .replace('$', "\\$")
}
