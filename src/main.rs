//! The `journeymap` binary: parse the command line, run, exit.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use journeymap::app::{EXIT_TROUBLE, Io, run};
use journeymap::cli::Cli;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            // --help and --version are not errors; usage mistakes exit 2.
            return ExitCode::from(if error.use_stderr() { EXIT_TROUBLE } else { 0 });
        }
    };
    let stdout_color = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var_os("TERM").is_none_or(|t| t != "dumb");
    let mut io = Io {
        stdin: &mut std::io::stdin().lock(),
        stdout: &mut std::io::stdout().lock(),
        stderr: &mut std::io::stderr().lock(),
        stdout_color,
    };
    ExitCode::from(run(cli, &mut io))
}
