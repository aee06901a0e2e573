//! The application layer: runs a parsed command line and returns the exit
//! status. It writes only through the handles it is given.

use std::io::{Read, Write};
use std::path::Path;

use rayon::prelude::*;

use crate::check::{CheckOptions, FileReport, check_bytes};
use crate::cli::{CheckArgs, CheckFormat, Cli, ColorChoice, Command, GlobalOptions, RulesFormat};
use crate::config::{self, Config};
use crate::discover::{Input, describe_io_error, discover};
use crate::report::{self, Report};

/// Exit statuses, as CLI.md defines them.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_TROUBLE: u8 = 2;

/// Standard streams, or stand-ins in tests.
pub struct Io<'a> {
    pub stdin: &'a mut dyn Read,
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
    /// Whether standard output is a terminal that takes colours (for `--color auto`).
    pub stdout_color: bool,
    /// The terminal's width in columns, when standard output is one.
    pub terminal_width: Option<u16>,
}

pub fn run(cli: Cli, io: &mut Io<'_>) -> u8 {
    let color = match cli.global.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io.stdout_color,
    };
    match cli.command {
        Command::Check(args) => match configuration(&cli.global) {
            Ok(config) => check(args, &config, color, io),
            Err(problems) => trouble_lines(io, &problems),
        },
        Command::Rules(args) => {
            let rules = crate::rules::RULES;
            let text = match args.format {
                RulesFormat::Table => report::rules::table(rules, io.terminal_width),
                RulesFormat::Markdown => report::rules::markdown(rules),
                RulesFormat::Json => report::rules::json(rules),
            };
            emit(io, None, &text, EXIT_OK)
        }
        Command::Explain(args) => match crate::rules::find(&args.rule) {
            Some(rule) => emit(io, None, &report::rules::explain(rule), EXIT_OK),
            None => {
                let ids = crate::rules::RULES.iter().map(|rule| rule.id);
                let hint = match crate::suggest::did_you_mean(&args.rule, ids) {
                    Some(close) => format!("did you mean \"{close}\"?"),
                    None => "`journeymap rules` lists every rule".to_owned(),
                };
                trouble(io, &format!("unknown rule \"{}\"; {hint}", args.rule))
            }
        },
        Command::Schema => emit(io, None, crate::schema::SCHEMA_TEXT, EXIT_OK),
    }
}

/// The configuration the global options ask for; a bad one stops the run.
fn configuration(global: &GlobalOptions) -> Result<Config, Vec<String>> {
    let current = std::env::current_dir();
    let source = match (&global.config, global.no_config, &current) {
        (Some(file), _, _) => config::Source::File(file),
        (None, true, _) => config::Source::None,
        (None, false, Ok(directory)) => config::Source::Search(directory),
        // No current directory (deleted under us): nothing to search from.
        (None, false, Err(_)) => config::Source::None,
    };
    config::resolve(source)
}

fn check(args: CheckArgs, config: &Config, color: bool, io: &mut Io<'_>) -> u8 {
    let today = args.today.unwrap_or_else(today);
    let options = CheckOptions {
        today,
        deny_warnings: args.deny_warnings,
        settings: config.settings.clone(),
    };
    let found = discover(&args.paths, &config.exclude);
    let mut errors = found.errors;

    let mut stdin_bytes = None;
    if found.inputs.contains(&Input::Stdin) {
        let mut bytes = Vec::new();
        match io.stdin.read_to_end(&mut bytes) {
            Ok(_) => stdin_bytes = Some(bytes),
            Err(error) => errors.push(format!(
                "-: cannot read standard input: {}",
                describe_io_error(&error)
            )),
        }
    }

    // Files are independent: read and check them in parallel, keep input order.
    let results: Vec<Result<FileReport, String>> = found
        .inputs
        .par_iter()
        .map(|input| match input {
            Input::Stdin => match &stdin_bytes {
                Some(bytes) => Ok(check_bytes("-", bytes, &options)),
                None => Err(String::new()),
            },
            Input::File { display, path } => {
                read(display, path).map(|bytes| check_bytes(display, &bytes, &options))
            }
        })
        .collect();
    let mut files = Vec::new();
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(error) if error.is_empty() => {}
            Err(error) => errors.push(error),
        }
    }

    let report = Report::new(files, args.deny_warnings);
    let text = match args.format {
        CheckFormat::Text => {
            let to_terminal = color && args.output.is_none();
            report::text::render(
                &report,
                report::text::TextOptions {
                    color: to_terminal,
                    quiet: args.quiet,
                },
            )
        }
        CheckFormat::Json => report::json::render(&report),
    };
    let status = if report.failed() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    };
    let status = emit(io, args.output.as_deref(), &text, status);
    for error in &errors {
        let _ = writeln!(io.stderr, "error: {error}");
    }
    if errors.is_empty() {
        status
    } else {
        EXIT_TROUBLE
    }
}

/// Reads a map; anything but a readable regular file is an operational error.
/// (A FIFO or device named `*.yaml` would block or never end.)
fn read(display: &str, path: &Path) -> Result<Vec<u8>, String> {
    let metadata =
        std::fs::metadata(path).map_err(|e| format!("{display}: {}", describe_io_error(&e)))?;
    if !metadata.is_file() {
        return Err(format!("{display}: not a regular file"));
    }
    std::fs::read(path).map_err(|e| format!("{display}: cannot read: {}", describe_io_error(&e)))
}

fn today() -> jiff::civil::Date {
    jiff::ZonedDateTime::now().date()
}

/// Writes the command's output to standard output or, atomically, to a file.
fn emit(io: &mut Io<'_>, output: Option<&Path>, text: &str, status: u8) -> u8 {
    let written = match output {
        None => io
            .stdout
            .write_all(text.as_bytes())
            .and_then(|()| io.stdout.flush()),
        Some(path) => write_atomically(path, text.as_bytes()),
    };
    match written {
        Ok(()) => status,
        // A closed pipe (`journeymap check | head`) is not worth an error.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => status,
        Err(error) => {
            let target = output.map_or("standard output".to_owned(), |p| p.display().to_string());
            trouble(
                io,
                &format!("cannot write {target}: {}", describe_io_error(&error)),
            )
        }
    }
}

/// The file is written whole or not at all: a temporary file beside it, then a rename.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(directory)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn trouble_lines(io: &mut Io<'_>, messages: &[String]) -> u8 {
    for message in messages {
        let _ = writeln!(io.stderr, "error: {message}");
    }
    EXIT_TROUBLE
}

fn trouble(io: &mut Io<'_>, message: &str) -> u8 {
    let _ = writeln!(io.stderr, "error: {message}");
    EXIT_TROUBLE
}
