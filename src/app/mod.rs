//! The application layer: runs a parsed command line and returns the exit
//! status. It writes only through the handles it is given.

mod man;

use std::io::{Read, Write};
use std::path::Path;

use rayon::prelude::*;

use crate::check::{CheckOptions, FileReport, InvalidMap, ValidMap, check_bytes, check_map};
use crate::cli::{
    CheckArgs, CheckFormat, Cli, ColorChoice, Command, DiffArgs, ExportArgs, ExportFormat,
    GapsArgs, GlobalOptions, ImportArgs, ImportKind, InitArgs, RulesFormat, ShowArgs, ViewArgs,
    ViewFormat,
};
use crate::files::read::{self, read};
use crate::files::write::{FileId, Outputs, Stream};
use crate::report::{self, Report};
use crate::views::diff::Version;
use crate::views::render::{TableStyle, View};
use crate::workspace::config::{self, Config};
use crate::workspace::discover::{Input, describe_io_error, discover};
use crate::workspace::display_name;

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
    /// The file standard input reads, so that `-o` cannot replace it.
    pub stdin_file: Option<FileId>,
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
        Command::Show(args) => match configuration(&cli.global) {
            Ok(config) => show(args, &config, io),
            Err(problems) => trouble_lines(io, &problems),
        },
        Command::Gaps(args) => match configuration(&cli.global) {
            Ok(config) => gaps(args, &config, io),
            Err(problems) => trouble_lines(io, &problems),
        },
        Command::Diff(args) => match configuration(&cli.global) {
            Ok(config) => diff(args, &config, io),
            Err(problems) => trouble_lines(io, &problems),
        },
        Command::Export(args) => match configuration(&cli.global) {
            Ok(config) => export(args, &config, io),
            Err(problems) => trouble_lines(io, &problems),
        },
        Command::Import(args) => import(args, io),
        Command::Init(args) => init(args, io),
        Command::Schema => emit(io, None, crate::map::schema::SCHEMA_TEXT, EXIT_OK),
        Command::Completions(args) => {
            emit(io, None, &crate::completions::script(args.shell), EXIT_OK)
        }
        // The server owns standard input and output from its own threads,
        // so `main` starts it before it locks them for this function.
        Command::Lsp(_) => trouble(io, "the language server is started by the binary's main"),
        Command::Man(args) => man::man(args, io),
    }
}

/// Reads a file named on the command line, or standard input for `-`.
fn read_input(name: &str, kind: read::Kind, io: &mut Io<'_>) -> Result<Vec<u8>, String> {
    match name {
        "-" => read::read_stdin("-", io.stdin, kind),
        _ => read::read_named(&display_name::escape_str(name), Path::new(name), kind),
    }
}

/// A map for a command that reads it (`export`): checked first; one that
/// fails the schema cannot be exported, so its findings go to standard
/// error as `check` prints them, and the status is 1.
fn valid_map(
    name: &str,
    today: Option<jiff::civil::Date>,
    config: &Config,
    io: &mut Io<'_>,
) -> Result<(ValidMap, FileReport), u8> {
    let bytes = read_input(name, read::Kind::Map, io).map_err(|error| trouble(io, &error))?;
    checked_map(name, &bytes, today, config, io)
}

/// [`valid_map`] of bytes already read.
fn checked_map(
    name: &str,
    bytes: &[u8],
    today: Option<jiff::civil::Date>,
    config: &Config,
    io: &mut Io<'_>,
) -> Result<(ValidMap, FileReport), u8> {
    let options = CheckOptions {
        today: today.unwrap_or_else(self::today),
        deny_warnings: false,
        settings: config.settings.clone(),
    };
    let (file, valid) = check_map(&display_name::escape_str(name), bytes, &options);
    match valid {
        Some(valid) => Ok((valid, file)),
        None => {
            let report = Report::new(vec![file], false);
            let text = report::text::render(
                &report,
                report::text::TextOptions {
                    color: false,
                    quiet: false,
                },
            );
            let _ = io.stderr.write_all(text.as_bytes());
            Err(EXIT_FINDINGS)
        }
    }
}

/// Terminal tables fit the terminal (or `--width`); anything but a terminal gets ASCII.
fn table_style(args: &ViewArgs, io: &Io<'_>) -> TableStyle {
    let to_terminal = args.output.is_none() && io.terminal_width.is_some();
    TableStyle {
        width: args
            .width
            .or(if to_terminal { io.terminal_width } else { None }),
        ascii: args.ascii || !to_terminal,
    }
}

/// A view in the format asked for, after `--section` picked a part of it.
fn render_view(
    view: View,
    section: Option<&str>,
    args: &ViewArgs,
    io: &Io<'_>,
) -> Result<String, String> {
    let view = match section {
        Some(id) => crate::views::render::select(view, id)?,
        None => view,
    };
    match args.format {
        ViewFormat::Table => Ok(crate::views::render::render_table(
            &view,
            table_style(args, io),
        )),
        ViewFormat::Markdown => Ok(crate::views::render::render_markdown(&view)),
        ViewFormat::Csv => crate::views::render::render_csv(&view),
        // Each command writes its own JSON before a view is built.
        ViewFormat::Json => Err("JSON is not a view format".to_owned()),
    }
}

fn show(args: ShowArgs, config: &Config, io: &mut Io<'_>) -> u8 {
    if let Err(status) = refuse_output(args.view.output.as_deref(), &[named(&args.map)], config, io)
    {
        return status;
    }
    let (map, file) = match valid_map(&args.map, args.view.today, config, io) {
        Ok(found) => found,
        Err(status) => return status,
    };
    let today = args.view.today.unwrap_or_else(today);
    let section = args.section.as_deref();
    if let Some(id) = section
        && !crate::views::show::section_ids().contains(&id)
    {
        return trouble(io, &crate::views::show::unknown_section(id));
    }
    if let Some(id) = section
        && let Some(members) = crate::views::show::group(id)
        && args.view.format == ViewFormat::Csv
    {
        return trouble(io, &crate::views::show::group_in_csv(id, members));
    }
    let text = match args.view.format {
        ViewFormat::Json => Ok(crate::views::show::json(&map, &file, today, section)),
        _ => {
            // Only a terminal table falls back to ASCII; Markdown and CSV keep their characters.
            let ascii = if args.view.format == ViewFormat::Table {
                table_style(&args.view, io).ascii
            } else {
                args.view.ascii
            };
            let view = crate::views::show::view(&map, &file, today, ascii);
            let view = match section {
                Some(id) => crate::views::show::select(view, id),
                None => Ok(view),
            };
            view.and_then(|view| render_view(view, None, &args.view, io))
        }
    };
    match text {
        Ok(text) => emit(io, args.view.output.as_deref(), &text, EXIT_OK),
        Err(error) => trouble(io, &error),
    }
}

fn gaps(args: GapsArgs, config: &Config, io: &mut Io<'_>) -> u8 {
    let today = args.view.today.unwrap_or_else(today);
    let options = CheckOptions {
        today,
        deny_warnings: false,
        settings: config.settings.clone(),
    };
    let found = discover(&args.paths, &config.exclude);
    if let Err(status) = refuse_output(args.view.output.as_deref(), &found.inputs, config, io) {
        return status;
    }
    let mut errors = found.errors;
    let mut maps = Vec::new();
    let mut invalid = Vec::new();
    for input in &found.inputs {
        let bytes = match input {
            Input::Stdin => read_input("-", read::Kind::Map, io),
            Input::File { display, path } => read(display, path),
        };
        match bytes {
            Ok(bytes) => match check_map(input.display(), &bytes, &options) {
                (file, Some(map)) => maps.push((map, file)),
                (file, None) => invalid.push(file),
            },
            Err(error) => errors.push(error),
        }
    }
    // A map that fails the schema is a row saying so, and its findings go
    // to standard error, as `check` prints them.
    let invalid_maps: Vec<InvalidMap> = invalid.iter().map(InvalidMap::of).collect();
    let portfolio = crate::analysis::gaps::Portfolio::new(&maps, &invalid_maps, today);
    let mut status = EXIT_OK;
    if !invalid.is_empty() {
        let report = Report::new(invalid, false);
        let text = report::text::render(
            &report,
            report::text::TextOptions {
                color: false,
                quiet: false,
            },
        );
        let _ = io.stderr.write_all(text.as_bytes());
        status = EXIT_FINDINGS;
    }
    if !portfolio.entries.is_empty() {
        let text = match args.view.format {
            ViewFormat::Json => Ok(crate::views::gaps::json(&portfolio, today)),
            _ => render_view(
                crate::views::gaps::view(&portfolio, today),
                args.section.as_deref(),
                &args.view,
                io,
            ),
        };
        let written = match text {
            Ok(text) => emit(io, args.view.output.as_deref(), &text, EXIT_OK),
            Err(error) => trouble(io, &error),
        };
        if written == EXIT_TROUBLE {
            return finish(io, &errors, EXIT_TROUBLE);
        }
        if let Some(threshold) = args.fail_under
            && portfolio.fails_under(threshold)
        {
            status = EXIT_FINDINGS;
        }
    }
    finish(io, &errors, status)
}

fn diff(args: DiffArgs, config: &Config, io: &mut Io<'_>) -> u8 {
    if args.old == "-" && args.new == "-" {
        return trouble(io, "only one of OLD and NEW can be standard input (-)");
    }
    let inputs = [named(&args.old), named(&args.new)];
    if let Err(status) = refuse_output(args.output.as_deref(), &inputs, config, io) {
        return status;
    }
    // The bytes too: two maps holding the same data may differ in formatting.
    let mut read_checked = |name: &str| -> Result<_, u8> {
        let bytes = read_input(name, read::Kind::Map, io).map_err(|error| trouble(io, &error))?;
        let (map, file) = checked_map(name, &bytes, args.today, config, io)?;
        Ok((map, file, bytes))
    };
    let old = match read_checked(&args.old) {
        Ok(found) => found,
        Err(status) => return status,
    };
    let new = match read_checked(&args.new) {
        Ok(found) => found,
        Err(status) => return status,
    };
    let today = args.today.unwrap_or_else(today);
    let text = crate::views::diff::render(
        Version {
            map: &old.0,
            report: &old.1,
            source: &old.2,
        },
        Version {
            map: &new.0,
            report: &new.1,
            source: &new.2,
        },
        args.format,
        today,
    );
    emit(io, args.output.as_deref(), &text, EXIT_OK)
}

fn export(args: ExportArgs, config: &Config, io: &mut Io<'_>) -> u8 {
    if let Err(status) = refuse_output(args.output.as_deref(), &[named(&args.map)], config, io) {
        return status;
    }
    let (map, file) = match valid_map(&args.map, args.today, config, io) {
        Ok(found) => found,
        Err(status) => return status,
    };
    let text = match args.to {
        ExportFormat::Html => crate::export::html::render(&map, &file),
        ExportFormat::Mermaid => crate::export::mermaid::render(&map, &file),
        ExportFormat::Markdown => crate::export::markdown::render(&map, &file),
    };
    emit(io, args.output.as_deref(), &text, EXIT_OK)
}

fn import(args: ImportArgs, io: &mut Io<'_>) -> u8 {
    if let Err(status) = refuse_output(
        args.output.as_deref(),
        &[named(&args.file)],
        &Config::default(),
        io,
    ) {
        return status;
    }
    let bytes = match read_input(&args.file, read::Kind::Diagram, io) {
        Ok(bytes) => bytes,
        Err(error) => return trouble(io, &error),
    };
    let shown = display_name::escape_str(&args.file);
    let Ok(source) = String::from_utf8(bytes) else {
        return trouble(io, &format!("{shown}: not UTF-8 text"));
    };
    match args.kind {
        ImportKind::Mermaid => match crate::import::mermaid::import(&source) {
            Ok(imported) => {
                for warning in &imported.warnings {
                    let _ = writeln!(io.stderr, "warning: {shown}:{warning}");
                }
                emit(io, args.output.as_deref(), &imported.yaml, EXIT_OK)
            }
            Err(error) => trouble(io, &format!("{shown}:{error}")),
        },
    }
}

/// Writes the template; an existing file is left untouched without `--force`.
fn init(args: InitArgs, io: &mut Io<'_>) -> u8 {
    if !args.force && std::fs::symlink_metadata(&args.file).is_ok() {
        return trouble(
            io,
            &format!(
                "{} already exists; use --force to overwrite it",
                args.file.display()
            ),
        );
    }
    match crate::files::write::write(&args.file, crate::init::template(today()).as_bytes()) {
        Ok(()) => {
            let _ = writeln!(
                io.stdout,
                "wrote {}; check it with `journeymap check {}`",
                args.file.display(),
                args.file.display()
            );
            EXIT_OK
        }
        Err(error) => trouble(
            io,
            &format!(
                "cannot write {}: {}",
                args.file.display(),
                describe_io_error(&error)
            ),
        ),
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
    let outputs = Outputs::new(
        [args.output.as_deref(), args.write_baseline.as_deref()]
            .into_iter()
            .flatten(),
    );
    if let Some(path) = &args.baseline
        && let Err(error) = outputs.refuse_path(path, &format!("the baseline {}", path.display()))
    {
        return trouble(io, &error);
    }
    // A bad baseline stops the run before any map is checked, like a bad configuration.
    let mut baseline = match &args.baseline {
        Some(path) => match read_baseline(path) {
            Ok(baseline) => Some(baseline),
            Err(error) => return trouble(io, &error),
        },
        None => None,
    };
    let options = CheckOptions {
        today: args.today.unwrap_or_else(today),
        deny_warnings: args.deny_warnings,
        settings: config.settings.clone(),
    };
    // `--stdin-filename` alone means: check standard input under that name.
    let paths = if args.paths.is_empty() && args.stdin_filename.is_some() {
        vec!["-".to_owned()]
    } else {
        args.paths.clone()
    };
    let stdin_name = args
        .stdin_filename
        .as_deref()
        .map_or_else(|| "-".to_owned(), display_name::escape_str);
    let stdin_name = stdin_name.as_str();
    let stdin_file = io.stdin_file.clone();
    let refuse = |inputs: &[Input]| refuse_inputs(&outputs, inputs, config, stdin_file.as_ref());
    let (mut files, errors) = match check_paths(
        &paths,
        &config.exclude,
        refuse,
        stdin_name,
        &options,
        args.jobs,
        io,
    ) {
        Ok(checked) => checked,
        Err(error) => return trouble(io, &error),
    };

    if let Some(path) = &args.write_baseline {
        let text = crate::baseline::render(&files);
        let recorded: usize = files.iter().map(|f| f.diagnostics.len()).sum();
        let status = emit(io, Some(path), &text, EXIT_OK);
        if status == EXIT_OK {
            let _ = writeln!(
                io.stdout,
                "{} from {} recorded in {}",
                report::plural(recorded, "finding"),
                report::plural(files.len(), "file"),
                path.display()
            );
        }
        return finish(io, &errors, status);
    }

    let suppressed = baseline.as_mut().map(|b| b.apply(&mut files));
    let mut report = Report::new(files, args.deny_warnings);
    report.settings = config.settings.clone();
    report.baseline_suppressed = suppressed;
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
        CheckFormat::Sarif => report::sarif::render(&report),
        CheckFormat::Junit => report::junit::render(&report),
        CheckFormat::Github => report::github::render(&report),
    };
    let status = if report.failed() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    };
    let status = emit(io, args.output.as_deref(), &text, status);
    finish(io, &errors, status)
}

/// Operational errors are printed last, after the report, and turn the status into 2.
fn finish(io: &mut Io<'_>, errors: &[String], status: u8) -> u8 {
    for error in errors {
        let _ = writeln!(io.stderr, "error: {error}");
    }
    if errors.is_empty() {
        status
    } else {
        EXIT_TROUBLE
    }
}

/// Finds, reads and checks every map; the reports in input order, and the
/// operational errors (paths that gave nothing, files that cannot be read).
/// `refuse` sees the maps found before any is read, and can stop the run.
fn check_paths(
    paths: &[String],
    exclude: &crate::workspace::discover::Exclude,
    refuse: impl FnOnce(&[Input]) -> Result<(), String>,
    stdin_name: &str,
    options: &CheckOptions,
    jobs: Option<u16>,
    io: &mut Io<'_>,
) -> Result<(Vec<FileReport>, Vec<String>), String> {
    // The pool is built first so that its threads compile the schema while
    // this one finds the files (10,000 take about 12 ms; the schema 5 ms).
    let pool = jobs.map(|n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(n))
            .build()
    });
    match &pool {
        Some(Ok(pool)) => crate::map::schema::prepare(|task| pool.spawn(task)),
        _ => crate::map::schema::prepare(rayon::spawn),
    }
    let found = discover(paths, exclude);
    refuse(&found.inputs)?;
    let mut errors = found.errors;

    let mut stdin_bytes = None;
    if found.inputs.contains(&Input::Stdin) {
        match read::read_stdin(stdin_name, io.stdin, read::Kind::Map) {
            Ok(bytes) => stdin_bytes = Some(bytes),
            Err(error) => errors.push(error),
        }
    }

    // Files are independent: read and check them in parallel, keep input order.
    let check_all = || -> Vec<Result<FileReport, String>> {
        found
            .inputs
            .par_iter()
            .map(|input| match input {
                Input::Stdin => match &stdin_bytes {
                    Some(bytes) => Ok(check_bytes(stdin_name, bytes, options)),
                    None => Err(String::new()),
                },
                Input::File { display, path } => {
                    read(display, path).map(|bytes| check_bytes(display, &bytes, options))
                }
            })
            .collect()
    };
    let results = match pool {
        Some(Ok(pool)) => pool.install(check_all),
        Some(Err(error)) => {
            errors.push(format!(
                "cannot start {} threads: {error}",
                jobs.unwrap_or(1)
            ));
            check_all()
        }
        None => check_all(),
    };
    let mut files = Vec::new();
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(error) if error.is_empty() => {}
            Err(error) => errors.push(error),
        }
    }
    Ok((files, errors))
}

fn read_baseline(path: &Path) -> Result<crate::baseline::Baseline, String> {
    let bytes = read::file(path, read::Kind::Baseline)
        .map_err(|error| format!("cannot read baseline {}: {error}", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        format!(
            "baseline {}: not a journeymap baseline (not UTF-8 text); write one with --write-baseline",
            path.display()
        )
    })?;
    crate::baseline::Baseline::parse(&text)
        .map_err(|error| format!("baseline {}: {error}", path.display()))
}

fn today() -> jiff::civil::Date {
    jiff::ZonedDateTime::now().date()
}

/// Writes the command's output to standard output or to a file (see
/// [`crate::files::write`]: whole or not at all, through special files).
fn emit(io: &mut Io<'_>, output: Option<&Path>, text: &str, status: u8) -> u8 {
    let stream = match output {
        None => Some(Stream::Stdout),
        Some(path) => crate::files::write::standard_stream(path),
    };
    let written = match stream {
        Some(Stream::Stdout) => io
            .stdout
            .write_all(text.as_bytes())
            .and_then(|()| io.stdout.flush()),
        Some(Stream::Stderr) => io.stderr.write_all(text.as_bytes()),
        None => output.map_or(Ok(()), |path| {
            crate::files::write::write(path, text.as_bytes())
        }),
    };
    match written {
        Ok(()) => status,
        // A closed pipe (`journeymap check | head`, a FIFO's reader gone) is not worth an error.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => status,
        Err(error) => {
            let target = output.map_or("standard output".to_owned(), |p| {
                display_name::escape(p.as_os_str())
            });
            trouble(
                io,
                &format!("cannot write {target}: {}", describe_io_error(&error)),
            )
        }
    }
}

/// A map named on the command line, as [`discover`] would list it.
fn named(name: &str) -> Input {
    match name {
        "-" => Input::Stdin,
        _ => Input::File {
            display: display_name::escape_str(name),
            path: name.into(),
        },
    }
}

/// [`refuse_inputs`] for a command with one output; `Err` is the exit status.
fn refuse_output(
    output: Option<&Path>,
    inputs: &[Input],
    config: &Config,
    io: &mut Io<'_>,
) -> Result<(), u8> {
    let outputs = Outputs::new(output);
    refuse_inputs(&outputs, inputs, config, io.stdin_file.as_ref())
        .map_err(|error| trouble(io, &error))
}

/// An output that is one of the command's inputs (the same file, through a
/// link or another spelling) stops it before anything is read or written.
/// Inputs are looked up only when an output exists as a regular file.
fn refuse_inputs(
    outputs: &Outputs<'_>,
    inputs: &[Input],
    config: &Config,
    stdin_file: Option<&FileId>,
) -> Result<(), String> {
    if outputs.is_empty() {
        return Ok(());
    }
    if let (Some(file), Some(display)) = (&config.file, &config.path) {
        outputs.refuse_path(file, &format!("the configuration {display}"))?;
    }
    for input in inputs {
        match input {
            Input::Stdin => outputs.refuse(stdin_file, "standard input")?,
            Input::File { display, path } => {
                outputs.refuse_path(path, &format!("the input {display}"))?
            }
        }
    }
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
