//! The `journeymap` binary: parse the command line, run, exit.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use journeymap::app::{EXIT_TROUBLE, Io, run};
use journeymap::cli::Cli;

// Loading a map allocates a small string or JSON node per YAML scalar; with
// glibc's allocator a quarter of `check` went to malloc and free, mimalloc
// takes 28% off the loading time (docs/PERFORMANCE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            // --help and --version are not errors; usage mistakes exit 2.
            return ExitCode::from(if error.use_stderr() { EXIT_TROUBLE } else { 0 });
        }
    };
    // The language server reads and writes standard input and output from
    // its own threads: it must start before they are locked below.
    if let journeymap::cli::Command::Lsp(_) = &cli.command {
        return ExitCode::from(journeymap::lsp::run_stdio(&cli.global));
    }
    let terminal = std::io::stdout().is_terminal();
    let stdout_color = terminal
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var_os("TERM").is_none_or(|t| t != "dumb");
    // Tables fit a terminal; a pipe or file gets whole lines.
    let terminal_width = terminal
        .then(|| {
            std::env::var("COLUMNS")
                .ok()
                .and_then(|columns| columns.parse().ok())
                .or_else(|| comfy_table::Table::new().width())
        })
        .flatten();
    let mut io = Io {
        stdin: &mut std::io::stdin().lock(),
        stdout: &mut std::io::stdout().lock(),
        stderr: &mut std::io::stderr().lock(),
        stdout_color,
        terminal_width,
        stdin_file: journeymap::files::write::FileId::of_stdin(),
    };
    ExitCode::from(run(cli, &mut io))
}
