//! Output files, end to end, as a user's shell sees them: no writer
//! (`--output`, `--write-baseline`, `init`, `import -o`) replaces one of the
//! command's inputs, whatever path names it; FIFOs, sockets and devices are
//! written through, not replaced; files get the mode a shell would give
//! them; and an interrupted write leaves the old file and nothing else.
//!
//! Messages and exit statuses of the simple cases are trycmd cases in
//! `tests/cli/` (`check-output-is-input`, `check-output-directory`, …); what
//! needs links, FIFOs, sockets, a umask or a signal is here.

#![cfg(unix)]

use std::ffi::OsStr;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt, PermissionsExt, symlink};
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;

const MAP: &str = include_str!("fixtures/base.yaml");
const DIAGRAM: &str =
    "journey\n  title First order\n  section Awareness\n    Sees an ad: 3: Maya\n";
const ONE_PASSED: &str = "1 file checked: 1 passed, 0 failed; 0 errors, 0 warnings, 0 infos\n";

struct Run {
    /// `None`: killed after 120 seconds (a hang).
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn assert(&self, status: i32, stderr: &str) {
        assert_eq!(
            (self.status, self.stderr.as_str()),
            (Some(status), stderr),
            "exit status and standard error (status None: killed after 120 s)\nstdout:\n{}",
            self.stdout
        );
    }
}

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("journeymap")
}

/// `journeymap ARGS` in `dir`, killed after 120 seconds.
fn journeymap<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Run {
    outcome(Command::new(bin()).current_dir(dir).args(args))
}

/// `journeymap ARGS` started by `sh` after `umask MASK`, as a user's shell would.
fn with_umask(dir: &Path, mask: &str, args: &[&str]) -> Run {
    outcome(
        Command::new("sh")
            .current_dir(dir)
            .arg("-c")
            .arg(format!("umask {mask} && exec \"$0\" \"$@\""))
            .arg(bin())
            .args(args),
    )
}

fn outcome(command: &mut Command) -> Run {
    let output = command
        .env("NO_COLOR", "1")
        .timeout(Duration::from_secs(120))
        .output()
        .expect("journeymap runs");
    Run {
        status: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A command line's words (none of the tests' has a space in a word).
fn words(command: &str) -> Vec<&str> {
    command.split(' ').collect()
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

/// A directory with `map.yaml` (a map with no finding) and `journey.mmd`.
fn project() -> tempfile::TempDir {
    let dir = tempdir();
    write(dir.path(), "map.yaml", MAP);
    write(dir.path(), "journey.mmd", DIAGRAM);
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("file written");
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The names in `dir`, sorted: a temporary file left behind shows here.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("a readable directory")
        .map(|entry| {
            let entry = entry.expect("a directory entry");
            entry.file_name().to_string_lossy().into_owned()
        })
        .collect();
    names.sort();
    names
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .expect("written")
        .permissions()
        .mode()
        & 0o7777
}

fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::CString::new(path.as_os_str().as_bytes()).expect("no NUL in the path");
    // SAFETY: `name` is a valid NUL-terminated path for the duration of the call.
    let made = unsafe { libc::mkfifo(name.as_ptr(), 0o644) };
    assert_eq!(made, 0, "mkfifo {}", path.display());
}

/// `error:` for an output that is `input`.
fn same_file(output: &str, input: &str) -> String {
    format!(
        "error: cannot write {output}: it is the same file as {input}; choose another output file\n"
    )
}

// 1. An output is never one of the inputs.

#[test]
fn an_input_named_by_another_path_is_never_written_over() {
    let dir = project();
    symlink("map.yaml", dir.path().join("link.yaml")).expect("link");
    std::fs::hard_link(dir.path().join("map.yaml"), dir.path().join("hard.yaml")).expect("link");
    std::fs::create_dir(dir.path().join("sub")).expect("folder");
    let absolute = dir.path().join("map.yaml");
    let absolute = absolute.to_str().expect("a UTF-8 temporary path");
    let before = listing(dir.path());
    for output in [
        "map.yaml",
        "./map.yaml",
        "sub/../map.yaml",
        absolute,
        "link.yaml",
        "hard.yaml",
    ] {
        let run = journeymap(
            dir.path(),
            &["check", "--no-config", "map.yaml", "-o", output],
        );
        run.assert(2, &same_file(output, "the input map.yaml"));
        assert_eq!(run.stdout, "");
        assert_eq!(read(&dir.path().join("map.yaml")), MAP, "-o {output}");
        assert_eq!(listing(dir.path()), before, "-o {output}");
        assert!(dir.path().join("link.yaml").is_symlink());
    }
}

#[test]
fn every_command_refuses_to_write_over_its_input() {
    let dir = project();
    let commands = [
        "check --no-config . -o map.yaml",
        "check --no-config map.yaml --write-baseline map.yaml",
        "check --no-config . --format json --write-baseline map.yaml",
        "show --no-config map.yaml -o map.yaml",
        "gaps --no-config . -o map.yaml",
        "gaps --no-config map.yaml --format csv -o map.yaml",
        "export --no-config map.yaml --to html -o map.yaml",
        "diff --no-config map.yaml map.yaml -o map.yaml",
        "import mermaid journey.mmd -o journey.mmd",
    ];
    for command in commands {
        let args = words(command);
        let run = journeymap(dir.path(), &args);
        let input = if args[0] == "import" {
            "the input journey.mmd"
        } else {
            "the input map.yaml"
        };
        let output = args.last().expect("an output");
        run.assert(2, &same_file(output, input));
        assert_eq!(run.stdout, "", "{args:?}");
        assert_eq!(read(&dir.path().join("map.yaml")), MAP, "{args:?}");
        assert_eq!(read(&dir.path().join("journey.mmd")), DIAGRAM, "{args:?}");
        assert_eq!(listing(dir.path()), ["journey.mmd", "map.yaml"], "{args:?}");
    }
    // A new output beside the inputs is written; the second run finds
    // report.txt in `.`, but it is not a map (*.yaml), and replaces it.
    for _ in 0..2 {
        let run = journeymap(
            dir.path(),
            &["check", "--no-config", ".", "-o", "report.txt"],
        );
        run.assert(0, "");
        assert_eq!(read(&dir.path().join("report.txt")), ONE_PASSED);
    }
}

#[test]
fn the_configuration_and_the_baseline_are_inputs_too() {
    let dir = project();
    let config = "rules:\n  stale-map: off\n";
    write(dir.path(), ".journeymap.yaml", config);
    write(dir.path(), "other.yaml", config);
    let run = journeymap(dir.path(), &["check", "map.yaml", "-o", ".journeymap.yaml"]);
    run.assert(
        2,
        &same_file(".journeymap.yaml", "the configuration .journeymap.yaml"),
    );
    let run = journeymap(
        dir.path(),
        &[
            "show",
            "--config",
            "other.yaml",
            "map.yaml",
            "-o",
            "other.yaml",
        ],
    );
    run.assert(2, &same_file("other.yaml", "the configuration other.yaml"));
    assert_eq!(read(&dir.path().join(".journeymap.yaml")), config);
    assert_eq!(read(&dir.path().join("other.yaml")), config);

    let run = journeymap(
        dir.path(),
        &["check", "map.yaml", "--write-baseline", "b.json"],
    );
    run.assert(0, "");
    let baseline = read(&dir.path().join("b.json"));
    let run = journeymap(
        dir.path(),
        &["check", "map.yaml", "--baseline", "b.json", "-o", "b.json"],
    );
    run.assert(2, &same_file("b.json", "the baseline b.json"));
    assert_eq!(read(&dir.path().join("b.json")), baseline);
}

#[test]
fn standard_input_redirected_from_the_output_is_refused() {
    let dir = project();
    let run = outcome(
        Command::new("sh")
            .current_dir(dir.path())
            .arg("-c")
            .arg("exec \"$0\" check --no-config - -o map.yaml < map.yaml")
            .arg(bin()),
    );
    run.assert(2, &same_file("map.yaml", "standard input"));
    assert_eq!(read(&dir.path().join("map.yaml")), MAP);
}

// 2. Special files are written through. The devices are made in a
// temporary directory, never the system's: a regression (or today's main,
// run as root) replaces what it writes to.

/// A character device like /dev/null in `dir` (`mknod` needs root).
fn null_device(dir: &Path) -> Option<std::path::PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    let path = dir.join("null");
    let name = std::ffi::CString::new(path.as_os_str().as_bytes()).expect("no NUL in the path");
    // SAFETY: `name` is a valid NUL-terminated path for the duration of the call.
    let made = unsafe { libc::mknod(name.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) };
    if made == 0 {
        return Some(path);
    }
    let error = std::io::Error::last_os_error();
    assert!(
        std::env::var_os("CI").is_none(),
        "CI runs as root, and mknod failed: {error}"
    );
    eprintln!("notice: mknod needs root ({error}); the character device case is skipped");
    None
}

#[test]
fn a_character_device_stays_a_device() {
    let dir = project();
    let Some(device) = null_device(dir.path()) else {
        return;
    };
    for command in [
        "check --no-config map.yaml -o null",
        "check --no-config map.yaml --write-baseline null",
        "export --no-config map.yaml --to markdown -o null",
        "import mermaid journey.mmd -o null",
        "init --force null",
    ] {
        let args = words(command);
        let run = journeymap(dir.path(), &args);
        run.assert(0, "");
        let meta = std::fs::symlink_metadata(&device).expect("still there");
        assert!(
            meta.file_type().is_char_device(),
            "{args:?} replaced the device"
        );
    }
    assert_eq!(listing(dir.path()), ["journey.mmd", "map.yaml", "null"]);
}

#[test]
fn the_standard_streams_are_written_as_they_are() {
    let dir = project();
    // /dev/stdout and /dev/fd/1 are the same names (a unit test in
    // src/files/write.rs); /proc's cannot be replaced, whatever goes wrong.
    for output in ["-", "/proc/self/fd/1"] {
        let run = journeymap(
            dir.path(),
            &["check", "--no-config", "map.yaml", "-o", output],
        );
        run.assert(0, "");
        assert_eq!(run.stdout, ONE_PASSED, "-o {output}");
    }
    let run = journeymap(
        dir.path(),
        &["check", "--no-config", "map.yaml", "-o", "/proc/self/fd/2"],
    );
    run.assert(0, ONE_PASSED);
    // Standard output appended to by the shell is appended to, not replaced.
    write(dir.path(), "log.txt", "earlier\n");
    let run = outcome(
        Command::new("sh")
            .current_dir(dir.path())
            .arg("-c")
            .arg("exec \"$0\" check --no-config map.yaml -o /proc/self/fd/1 >> log.txt")
            .arg(bin()),
    );
    run.assert(0, "");
    assert_eq!(
        read(&dir.path().join("log.txt")),
        format!("earlier\n{ONE_PASSED}")
    );
    assert_eq!(listing(dir.path()), ["journey.mmd", "log.txt", "map.yaml"]);
}

#[test]
fn a_fifo_is_written_through_and_stays_a_fifo() {
    let dir = project();
    let fifo = dir.path().join("report.fifo");
    mkfifo(&fifo);
    // Opened for reading first, without blocking: journeymap's open for
    // writing then succeeds at once, and if it replaced the FIFO instead,
    // the read below finds nothing rather than waiting for ever.
    let mut reader = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(&fifo)
        .expect("the FIFO opens");
    let run = journeymap(
        dir.path(),
        &["check", "--no-config", "map.yaml", "-o", "report.fifo"],
    );
    run.assert(0, "");
    let mut text = String::new();
    let _ = reader.read_to_string(&mut text);
    assert_eq!(text, ONE_PASSED);
    let meta = std::fs::symlink_metadata(&fifo).expect("still there");
    assert!(meta.file_type().is_fifo(), "the FIFO was replaced");
}

#[test]
fn a_socket_is_connected_to() {
    let dir = project();
    let listener =
        std::os::unix::net::UnixListener::bind(dir.path().join("report.sock")).expect("a socket");
    listener
        .set_nonblocking(true)
        .expect("a non-blocking socket");
    let run = journeymap(
        dir.path(),
        &["check", "--no-config", "map.yaml", "-o", "report.sock"],
    );
    run.assert(0, "");
    // journeymap has connected, written and closed: the connection waits to be accepted.
    let (mut stream, _) = listener.accept().expect("journeymap connected");
    stream.set_nonblocking(false).expect("a blocking stream");
    let mut text = String::new();
    stream.read_to_string(&mut text).expect("the report");
    assert_eq!(text, ONE_PASSED);
    let meta = std::fs::symlink_metadata(dir.path().join("report.sock")).expect("still there");
    assert!(meta.file_type().is_socket(), "the socket was replaced");
}

#[test]
fn a_link_to_an_output_stays_a_link() {
    let dir = project();
    write(dir.path(), "report.txt", "old\n");
    symlink("report.txt", dir.path().join("latest.txt")).expect("link");
    let run = journeymap(
        dir.path(),
        &["check", "--no-config", "map.yaml", "-o", "latest.txt"],
    );
    run.assert(0, "");
    assert!(dir.path().join("latest.txt").is_symlink());
    assert_eq!(read(&dir.path().join("report.txt")), ONE_PASSED);
    // A link to nothing is not followed into a new file.
    symlink("nowhere.txt", dir.path().join("broken.txt")).expect("link");
    let run = journeymap(
        dir.path(),
        &["check", "--no-config", "map.yaml", "-o", "broken.txt"],
    );
    run.assert(
        2,
        "error: cannot write broken.txt: a broken symbolic link (its target does not exist)\n",
    );
    assert_eq!(
        listing(dir.path()),
        [
            "broken.txt",
            "journey.mmd",
            "latest.txt",
            "map.yaml",
            "report.txt"
        ]
    );
}

// 3. Modes.

#[test]
fn every_writer_gives_a_new_file_0666_less_the_umask() {
    for (mask, expected) in [("022", 0o644), ("002", 0o664), ("077", 0o600)] {
        let dir = project();
        let writers = [
            "check --no-config map.yaml -o check.txt",
            "check --no-config map.yaml --write-baseline baseline.json",
            "init init.yaml",
            "import mermaid journey.mmd -o import.yaml",
            "export --no-config map.yaml --to html -o export.html",
            "show --no-config map.yaml -o show.txt",
            "gaps --no-config map.yaml -o gaps.txt",
            "diff --no-config map.yaml map.yaml -o diff.txt",
        ];
        for command in writers {
            let args = words(command);
            let run = with_umask(dir.path(), mask, &args);
            assert_eq!(run.status, Some(0), "{args:?}: {}", run.stderr);
            let written = dir.path().join(args.last().expect("a file"));
            assert_eq!(
                format!("{:o}", mode(&written)),
                format!("{expected:o}"),
                "umask {mask}: {args:?}"
            );
        }
    }
}

#[test]
fn a_replaced_file_keeps_its_mode() {
    let dir = project();
    for (command, kept) in [
        ("check --no-config map.yaml -o check.txt", 0o640),
        (
            "check --no-config map.yaml --write-baseline baseline.json",
            0o600,
        ),
        ("init --force init.yaml", 0o664),
        ("import mermaid journey.mmd -o import.yaml", 0o604),
    ] {
        let args = words(command);
        let name = args.last().expect("a file");
        let path = dir.path().join(name);
        write(dir.path(), name, "old\n");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(kept)).expect("chmod");
        let run = with_umask(dir.path(), "022", &args);
        assert_eq!(run.status, Some(0), "{args:?}: {}", run.stderr);
        assert_ne!(read(&path), "old\n", "{args:?} did not replace {name}");
        assert_eq!(
            format!("{:o}", mode(&path)),
            format!("{kept:o}"),
            "{args:?}"
        );
    }
}

// 4. An interrupted write leaves nothing behind.

/// Signals `signal` to `check --format json -o report.json` of a map with
/// 20,000 findings (about 20 MB of JSON) as soon as its temporary file
/// appears, and returns how the run ended, with `report.json`'s text if
/// there is one. `ignored`: started by a shell that ignores the signal, as
/// `nohup` and `&` in a script do.
fn interrupted_write(
    dir: &Path,
    signal: libc::c_int,
    ignored: bool,
) -> (std::process::ExitStatus, Option<String>) {
    let trap = if ignored {
        format!("trap '' {signal}; ")
    } else {
        String::new()
    };
    use std::os::unix::process::CommandExt;
    let mut command = std::process::Command::new("sh");
    // The test may itself run with the signal ignored (a CI job started by
    // `nohup` or `&`), which the child would inherit: start from the default.
    // SAFETY: signal() is async-signal-safe, as pre_exec requires.
    unsafe {
        command.pre_exec(move || {
            libc::signal(signal, libc::SIG_DFL);
            Ok(())
        });
    }
    let mut child = command
        .current_dir(dir)
        .arg("-c")
        .arg(format!("{trap}exec \"$0\" \"$@\""))
        .arg(bin())
        .args([
            "check",
            "--no-config",
            "--today",
            "2026-11-23",
            "--format",
            "json",
        ])
        .args(["big.yaml", "-o", "report.json"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("journeymap starts");
    let started = std::time::Instant::now();
    loop {
        if listing(dir).iter().any(|name| name.ends_with(".tmp")) {
            let pid = libc::pid_t::try_from(child.id()).expect("a pid");
            // SAFETY: kill with a child's pid and a valid signal number.
            assert_eq!(unsafe { libc::kill(pid, signal) }, 0, "kill");
            break;
        }
        if child.try_wait().expect("the child").is_some() || started.elapsed().as_secs() > 120 {
            break;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    let status = child.wait().expect("the child ends");
    (
        status,
        std::fs::read_to_string(dir.join("report.json")).ok(),
    )
}

#[test]
fn sigint_and_sigterm_during_a_write_leave_the_old_file_and_nothing_else() {
    use std::os::unix::process::ExitStatusExt;
    let dir = tempdir();
    write(
        dir.path(),
        "big.yaml",
        &format!("stages:\n{}", "  - {}\n".repeat(20_000)),
    );
    // SIGINT replacing a file, SIGTERM writing a new one.
    for (signal, old) in [(libc::SIGINT, Some("old\n")), (libc::SIGTERM, None)] {
        // The signal is sent within a millisecond or so of the temporary
        // file's appearance, and the write takes about 100 ms; a loaded
        // machine may still deliver it after the rename (the new file is
        // there then), so up to three tries for one that lands mid-write.
        let mut landed = false;
        for _ in 0..3 {
            match old {
                Some(text) => write(dir.path(), "report.json", text),
                None => {
                    let _ = std::fs::remove_file(dir.path().join("report.json"));
                }
            }
            let (status, report) = interrupted_write(dir.path(), signal, false);
            assert_eq!(
                status.signal(),
                Some(signal),
                "{status:?}: not ended by signal {signal}"
            );
            let mut expected = vec!["big.yaml"];
            if old.is_some() || report.is_some() {
                expected.push("report.json");
            }
            assert_eq!(listing(dir.path()), expected, "signal {signal}: debris");
            if report.as_deref() == old {
                landed = true;
                break;
            }
            let report = report.unwrap_or_default();
            assert!(
                report.ends_with("}\n"),
                "signal {signal}: a part of a report"
            );
        }
        assert!(
            landed,
            "signal {signal} never arrived during the write in three tries"
        );
    }
    // A signal ignored from the start stays ignored: the report is written.
    let (status, report) = interrupted_write(dir.path(), libc::SIGINT, true);
    assert_eq!(status.code(), Some(1), "{status:?}");
    assert!(
        report.unwrap_or_default().ends_with("}\n"),
        "no whole report"
    );
    assert_eq!(listing(dir.path()), ["big.yaml", "report.json"]);
}
