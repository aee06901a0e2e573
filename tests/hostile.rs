//! Hostile files and paths, end to end: each yields findings with positions
//! or a one-line `error:`, and exit 1 or 2 — never a panic, a hang or
//! unbounded memory. Every run is killed after 120 seconds, so a hang fails
//! the test instead of blocking it.
//!
//! Inputs too large to commit are generated here into a temporary directory.
//! Small ones are trycmd cases in `tests/cli/`: `check-empty-file`,
//! `check-comment-only`, `check-utf8-bom`, `check-utf16` (little-endian),
//! `check-utf16-be`, `check-crlf`, `check-crlf-bad-indentation`,
//! `check-tab-indentation`, `check-nul-bytes`, `check-invalid-utf8`,
//! `check-binary-file`, `check-nesting-too-deep`, `check-alias-bomb`,
//! `check-two-documents`, `check-duplicate-key`, `check-yaml11-specials`,
//! `check-dropped-tags`, `check-same-file-twice`; `yes`, `.inf`, `<<` and
//! `!foo` are schema cases in `tests/schema.rs`.

use std::ffi::OsStr;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;

const BASE: &str = include_str!("fixtures/base.yaml");
/// Files larger than this are refused unread (see src/files/read.rs).
const LIMIT: u64 = 32 << 20;

struct Run {
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    /// The first finding: its `error[rule]: message` line and its `--> file:line:column` line.
    fn first_finding(&self) -> (&str, &str) {
        let mut lines = self.stdout.lines();
        let header = lines
            .by_ref()
            .find(|l| l.starts_with("error[") || l.starts_with("warning["))
            .unwrap_or_else(|| panic!("no finding in:\n{}", self.stdout));
        let location = lines.next().unwrap_or_default().trim_start();
        (header, location)
    }

    /// The summary, the last line of the text report.
    fn summary(&self) -> &str {
        self.stdout.lines().last().unwrap_or_default()
    }

    fn assert_status(&self, expected: i32) {
        assert_eq!(
            self.status,
            Some(expected),
            "exit status (None: killed after 120 s, a hang)\nstdout:\n{}\nstderr:\n{}",
            self.truncated(&self.stdout),
            self.truncated(&self.stderr)
        );
    }

    fn truncated<'a>(&self, text: &'a str) -> &'a str {
        let mut end = text.len().min(4000);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        &text[..end]
    }
}

/// `journeymap check --today 2026-11-23 --no-config ARGS` in `dir`, killed after 120 s.
fn check<I, S>(dir: &Path, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let output = Command::cargo_bin("journeymap")
        .expect("binary built")
        .current_dir(dir)
        .args(["check", "--today", "2026-11-23", "--no-config"])
        .args(args)
        .timeout(Duration::from_secs(120))
        .output()
        .expect("journeymap runs");
    Run::from(output)
}

impl From<std::process::Output> for Run {
    fn from(output: std::process::Output) -> Run {
        Run {
            status: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    std::fs::write(dir.join(name), bytes).expect("file written");
}

/// One file `map.yaml` in a fresh directory, checked.
fn check_one(bytes: impl AsRef<[u8]>) -> Run {
    let dir = tempdir();
    write(dir.path(), "map.yaml", bytes);
    check(dir.path(), ["map.yaml"])
}

const ONE_PASSED: &str = "1 file checked: 1 passed, 0 failed; 0 errors, 0 warnings, 0 infos";
const TOO_DEEP: &str =
    "error[yaml-syntax]: nesting is too deep: more than 128 levels of lists and mappings";

// Hostile files.

#[test]
fn hundred_thousand_nested_brackets() {
    let run = check_one("[".repeat(100_000));
    run.assert_status(1);
    assert_eq!(run.first_finding(), (TOO_DEEP, "--> map.yaml:1:129"));
}

#[test]
fn hundred_thousand_nested_flow_mappings() {
    let run = check_one("{a: ".repeat(100_000));
    run.assert_status(1);
    // Each level is 4 characters: the 129th `{` is at 128 × 4 + 1.
    assert_eq!(run.first_finding(), (TOO_DEEP, "--> map.yaml:1:513"));
}

#[test]
fn hundred_thousand_nested_brackets_closed_again() {
    let run = check_one(format!(
        "title: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    ));
    run.assert_status(1);
    assert_eq!(run.first_finding(), (TOO_DEEP, "--> map.yaml:1:136"));
}

#[test]
fn hundred_thousand_nested_block_sequences() {
    // `- - - … a` nests block sequences on one line.
    let run = check_one(format!("{}a\n", "- ".repeat(100_000)));
    run.assert_status(1);
    assert_eq!(run.first_finding().0, TOO_DEEP);
}

#[test]
fn thousand_documents() {
    let text: String = (0..1_000)
        .map(|i| format!("---\ntitle: map {i}\n"))
        .collect();
    let run = check_one(text);
    run.assert_status(1);
    assert_eq!(
        run.first_finding(),
        (
            "error[yaml-syntax]: the file holds more than one YAML document; a journey map is one document",
            "--> map.yaml:3:1"
        )
    );
}

#[test]
fn ten_thousand_duplicate_keys() {
    let text: String = std::iter::once("title: x\n".to_owned())
        .chain((0..10_000).map(|i| format!("owner: team {i}\n")))
        .collect();
    let run = check_one(text);
    run.assert_status(1);
    assert_eq!(
        run.first_finding(),
        (
            "error[yaml-syntax]: duplicate key \"owner\": it is already on line 2",
            "--> map.yaml:3:1"
        )
    );
}

#[test]
fn ten_thousand_distinct_keys() {
    let text: String = (0..10_000).map(|i| format!("x-key-{i}: {i}\n")).collect();
    let run = check_one(format!("{BASE}{text}"));
    // Extension keys are allowed: the map passes, however many there are.
    run.assert_status(0);
    assert_eq!(run.summary(), ONE_PASSED);
}

#[test]
fn one_mebibyte_line() {
    // `needs` as one flow list of 1 MiB whose last item is a number.
    let prefix = "  needs: [";
    let items = "save time, ".repeat((1 << 20) / 11);
    let line = format!("{prefix}{items}42]");
    let map = BASE.replacen("  needs: [save time on weekly shopping]", &line, 1);
    let run = check_one(&map);
    run.assert_status(1);
    let column = prefix.len() + items.len() + 1;
    let item = (1 << 20) / 11 + 1;
    assert_eq!(
        run.first_finding(),
        (
            format!(
                "error[schema]: item {item} of \"needs\" must be a string, found 42 (a number)"
            )
            .as_str(),
            format!("--> map.yaml:11:{column}").as_str()
        )
    );
}

#[test]
fn hundred_mebibyte_file_is_refused_unread() {
    let dir = tempdir();
    let path = dir.path().join("big.yaml");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).expect("created"));
    let (head, stages) = BASE
        .split_once("stages:\n")
        .expect("the base map has stages");
    let (stages, _) = stages
        .split_once("opportunities:\n")
        .expect("and opportunities");
    writeln!(file, "{head}stages:").expect("written");
    let mut written = (head.len() + 8) as u64;
    while written < 100 << 20 {
        file.write_all(stages.as_bytes()).expect("written");
        written += stages.len() as u64;
    }
    let file = file.into_inner().expect("flushed");
    file.set_len(100 << 20).expect("exactly 100 MiB");
    drop(file);
    write(dir.path(), "good.yaml", BASE);

    let run = check(dir.path(), ["."]);
    run.assert_status(2);
    // Every other file is still checked and reported.
    assert_eq!(run.summary(), ONE_PASSED);
    assert_eq!(
        run.stderr,
        "error: big.yaml: 100.0 MiB is too large for a journey map (the limit is 32 MiB)\n"
    );
}

#[test]
fn a_byte_over_the_limit_is_refused() {
    let dir = tempdir();
    // Sparse: no disk space, and never read.
    let file = std::fs::File::create(dir.path().join("map.yaml")).expect("created");
    file.set_len(LIMIT + 1).expect("sized");
    let run = check(dir.path(), ["map.yaml"]);
    run.assert_status(2);
    assert_eq!(
        run.stderr,
        "error: map.yaml: 32.1 MiB is too large for a journey map (the limit is 32 MiB)\n"
    );
}

#[test]
fn lone_carriage_returns_end_lines() {
    // Classic Mac OS line ends: positions count them as the editor does.
    let run = check_one("version: 1\rtitle: x\rowner: x: y\r");
    run.assert_status(1);
    assert_eq!(
        run.first_finding(),
        (
            "error[yaml-syntax]: the value of `owner` contains `: `, which YAML reads as the start of another key",
            "--> map.yaml:3:9"
        )
    );
    assert!(run.stdout.contains("\n3 | owner: x: y\n"), "{}", run.stdout);
}

#[test]
fn unicode_line_separators_do_not_shift_lines() {
    // libyaml ends a line at U+0085, U+2028 and U+2029; editors and the
    // snippets do not, so positions count only `\n`.
    for separator in ['\u{85}', '\u{2028}', '\u{2029}'] {
        let run = check_one(format!("title: 'a{separator}b'\nowner: x: y\n"));
        run.assert_status(1);
        assert_eq!(
            run.first_finding(),
            (
                "error[yaml-syntax]: the value of `owner` contains `: `, which YAML reads as the start of another key",
                "--> map.yaml:2:9"
            ),
            "{separator:?}"
        );
    }
}

#[test]
fn many_lines_of_alias_bombs() {
    // serde_yaml's own limit grows with the file; this one is 450 KiB.
    let bomb = include_str!("cli/check-alias-bomb.in/map.yaml");
    let lines: Vec<&str> = bomb.lines().collect();
    let many = format!(
        "{}\n{}\n{}\n",
        lines[..8].join("\n"),
        lines[7].repeat(10_000),
        lines[8..].join("\n")
    );
    let run = check_one(many);
    run.assert_status(1);
    assert_eq!(
        run.first_finding(),
        (
            "error[yaml-syntax]: aliases expand to too many values (an alias bomb)",
            "--> map.yaml:2:11"
        )
    );
}

#[test]
fn many_aliases_of_one_anchor() {
    // Wide rather than deep: 1,000 aliases of a list of 1,000 values from 10 KiB.
    let list = vec!["1"; 1_000].join(",");
    let aliases = vec!["*x"; 1_000].join(",");
    let run = check_one(format!("a: &x [{list}]\nb: [{aliases}]\n"));
    run.assert_status(1);
    assert_eq!(
        run.first_finding(),
        (
            "error[yaml-syntax]: aliases expand to too many values (an alias bomb)",
            "--> map.yaml:2:5"
        )
    );
    // 50,000 aliases of a list of 3 add values in proportion to the file: allowed.
    let run = check_one(format!("a: &x [1, 2, 3]\nb: [{}]\n", "*x, ".repeat(50_000)));
    run.assert_status(1);
    assert_eq!(
        run.first_finding(),
        (
            "error[schema]: the journey map is missing required key \"action_plan\"",
            "--> map.yaml:1:1"
        )
    );
}

#[test]
fn fifty_thousand_findings() {
    let run = check_one(format!("stages:\n{}", "  - {}\n".repeat(50_000)));
    run.assert_status(1);
}

// Hostile paths.

#[cfg(unix)]
mod paths {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::{PermissionsExt, symlink};

    use super::*;

    /// A directory holding `good.yaml`, a map without findings.
    fn with_good_map() -> tempfile::TempDir {
        let dir = tempdir();
        write(dir.path(), "good.yaml", BASE);
        dir
    }

    fn chmod(path: &Path, mode: u32) {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    }

    /// `check` as the unprivileged user `nobody` when the tests run as root
    /// (root reads every file whatever its mode); as `check` otherwise.
    fn check_unprivileged(dir: &Path, args: &[&str]) -> Run {
        let root = std::process::Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|out| out.stdout.starts_with(b"0\n"));
        if !root {
            return check(dir, args);
        }
        // nobody must reach the directory.
        chmod(dir, 0o755);
        let output = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(assert_cmd::cargo::cargo_bin("journeymap"))
            .args(["check", "--today", "2026-11-23", "--no-config"])
            .args(args)
            .current_dir(dir)
            .timeout(Duration::from_secs(120))
            .output()
            .expect("setpriv (util-linux) runs journeymap as nobody");
        Run::from(output)
    }

    #[test]
    fn unreadable_file_and_folder() {
        let dir = with_good_map();
        let secret = dir.path().join("secret.yaml");
        write(dir.path(), "secret.yaml", BASE);
        let private = dir.path().join("private");
        std::fs::create_dir(&private).expect("created");
        write(&private, "map.yaml", BASE);
        chmod(&secret, 0o000);
        chmod(&private, 0o000);
        let run = check_unprivileged(dir.path(), &["."]);
        chmod(&private, 0o755);
        run.assert_status(2);
        assert_eq!(run.summary(), ONE_PASSED);
        assert_eq!(
            run.stderr,
            "error: private: permission denied\nerror: secret.yaml: cannot read: permission denied\n"
        );
    }

    /// A directory can open and then fail to list (`/proc/1/map_files` for
    /// root in a container): the walk's error has no path of its own, and
    /// the message still names the directory. Every other error under
    /// `/proc/1` (`fdinfo` folders that do not open) names its path too.
    #[test]
    fn every_walk_error_names_its_path() {
        let run = check(Path::new("/"), ["/proc/1"]);
        run.assert_status(2);
        if run.stderr.is_empty() {
            assert!(
                std::env::var_os("CI").is_none(),
                "every directory under /proc/1 could be listed: no walk error to test"
            );
            eprintln!("notice: every directory under /proc/1 can be listed here; nothing to test");
            return;
        }
        for line in run.stderr.lines() {
            assert!(line.starts_with("error: /proc/1/"), "no path in {line:?}");
        }
    }

    #[test]
    fn directory_symlink_loops_are_not_followed() {
        let dir = with_good_map();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).expect("created");
        symlink("..", sub.join("up")).expect("link");
        symlink(".", sub.join("self")).expect("link");
        let run = check(dir.path(), ["."]);
        run.assert_status(0);
        assert_eq!(run.summary(), ONE_PASSED);
        // Given through the loop, it is still the same file: checked once.
        let run = check(dir.path(), ["good.yaml", "sub/up/sub/self/up/good.yaml"]);
        run.assert_status(0);
        assert_eq!(run.summary(), ONE_PASSED);
    }

    #[test]
    fn file_symlink_cycle() {
        let dir = with_good_map();
        symlink("b.yaml", dir.path().join("a.yaml")).expect("link");
        symlink("a.yaml", dir.path().join("b.yaml")).expect("link");
        let run = check(dir.path(), ["."]);
        run.assert_status(2);
        assert_eq!(run.summary(), ONE_PASSED);
        assert_eq!(
            run.stderr,
            "error: a.yaml: too many levels of symbolic links\n\
             error: b.yaml: too many levels of symbolic links\n"
        );
    }

    #[test]
    fn fifo_named_yaml_never_blocks() {
        let dir = with_good_map();
        let made = std::process::Command::new("mkfifo")
            .arg(dir.path().join("x.yaml"))
            .status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("notice: mkfifo is not available; skipped");
            return;
        }
        for args in [&["."][..], &["x.yaml", "good.yaml"]] {
            let run = check(dir.path(), args);
            run.assert_status(2);
            assert_eq!(run.summary(), ONE_PASSED);
            assert_eq!(run.stderr, "error: x.yaml: a FIFO, not a regular file\n");
        }
    }

    #[test]
    fn devices_named_yaml() {
        let dir = with_good_map();
        // /dev/zero would never end; /dev/null would look empty.
        symlink("/dev/zero", dir.path().join("zero.yaml")).expect("link");
        symlink("/dev/null", dir.path().join("null.yaml")).expect("link");
        let run = check(dir.path(), ["."]);
        run.assert_status(2);
        assert_eq!(run.summary(), ONE_PASSED);
        assert_eq!(
            run.stderr,
            "error: null.yaml: a device, not a regular file\n\
             error: zero.yaml: a device, not a regular file\n"
        );
        let run = check(dir.path(), ["/dev/zero"]);
        run.assert_status(2);
        assert_eq!(
            run.stderr,
            "error: /dev/zero: a device, not a regular file\n"
        );
    }

    #[test]
    fn non_utf8_file_name() {
        let dir = with_good_map();
        let name = OsStr::from_bytes(b"bad\xff.yaml");
        std::fs::write(dir.path().join(name), "").expect("written");
        // Found in a directory: checked, and shown with the bad byte escaped.
        let run = check(dir.path(), ["."]);
        run.assert_status(1);
        assert_eq!(
            run.first_finding(),
            (
                "error[schema]: the file is empty: a journey map needs at least `title`, `persona`, `stages`, `opportunities` and `action_plan`",
                "--> bad\\xff.yaml:1:1"
            )
        );
        assert_eq!(
            run.summary(),
            "2 files checked: 1 passed, 1 failed; 1 error, 0 warnings, 0 infos"
        );
        // Named on the command line: refused by the argument parser (exit 2).
        let run = check(dir.path(), [name]);
        run.assert_status(2);
        assert_eq!(
            run.stderr.lines().next(),
            Some("error: invalid UTF-8 was detected in one or more arguments")
        );
    }

    /// Two names that differ only in bytes that are not UTF-8, and one with a
    /// newline: each named apart, on one line, in every format; SARIF's URI
    /// percent-encodes the name's own bytes.
    #[test]
    fn names_that_are_not_text_stay_apart_in_every_format() {
        let dir = tempdir();
        for name in [&b"x\xfe.yaml"[..], b"x\xff.yaml", b"line\nbreak.yaml"] {
            std::fs::write(dir.path().join(OsStr::from_bytes(name)), "").expect("written");
        }
        let shown = ["line\\nbreak.yaml", "x\\xfe.yaml", "x\\xff.yaml"];

        let text = check(dir.path(), ["."]);
        text.assert_status(1);
        let locations: Vec<&str> = text
            .stdout
            .lines()
            .filter_map(|line| line.trim_start().strip_prefix("--> "))
            .collect();
        assert_eq!(locations, shown.map(|name| format!("{name}:1:1")));

        let json = check(dir.path(), ["--format", "json", "."]);
        let json: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
        let files: Vec<&str> = json["files"]
            .as_array()
            .expect("files")
            .iter()
            .filter_map(|file| file["path"].as_str())
            .collect();
        assert_eq!(files, shown);

        let sarif = check(dir.path(), ["--format", "sarif", "."]);
        let sarif: serde_json::Value = serde_json::from_str(&sarif.stdout).expect("SARIF");
        let uris: Vec<&str> = sarif["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .filter_map(|r| {
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str()
            })
            .collect();
        assert_eq!(uris, ["line%0Abreak.yaml", "x%FE.yaml", "x%FF.yaml"]);

        let junit = check(dir.path(), ["--format", "junit", "."]);
        for name in shown {
            assert!(
                junit
                    .stdout
                    .contains(&format!("<testsuite name=\"{name}\"")),
                "{name} in\n{}",
                junit.stdout
            );
        }

        let github = check(dir.path(), ["--format", "github", "."]);
        let annotated = |command: &str| -> Vec<&str> {
            github
                .stdout
                .lines()
                .filter(|line| line.starts_with(command))
                .filter_map(|line| line.split("file=").nth(1)?.split(',').next())
                .collect()
        };
        assert_eq!(annotated("::error "), shown);
        // Each empty file fails the schema: a notice that its rules did not run.
        assert_eq!(annotated("::notice "), shown);
    }

    #[test]
    fn file_gone_between_discovery_and_reading() {
        // A dangling link is found by the walk and cannot be read, as a file
        // deleted after the walk would be.
        let dir = with_good_map();
        symlink("missing.yaml", dir.path().join("gone.yaml")).expect("link");
        for args in [&["."][..], &["gone.yaml", "good.yaml"]] {
            let run = check(dir.path(), args);
            run.assert_status(2);
            assert_eq!(run.summary(), ONE_PASSED);
            assert_eq!(
                run.stderr,
                "error: gone.yaml: a broken symbolic link (its target does not exist)\n"
            );
        }
    }

    #[test]
    fn a_link_to_a_map_is_checked_once_under_the_file_name() {
        let dir = tempdir();
        write(dir.path(), "map.yaml", "");
        symlink("map.yaml", dir.path().join("a-link.yaml")).expect("link");
        let run = check(dir.path(), ["."]);
        run.assert_status(1);
        assert_eq!(run.first_finding().1, "--> map.yaml:1:1");
        assert!(
            run.summary().starts_with("1 file checked:"),
            "{}",
            run.stdout
        );
    }

    #[test]
    fn a_path_given_several_ways_is_checked_once() {
        let dir = with_good_map();
        std::fs::create_dir(dir.path().join("sub")).expect("created");
        let run = check(
            dir.path(),
            [
                "good.yaml",
                "./good.yaml",
                "sub/../good.yaml",
                ".",
                "good.yaml",
            ],
        );
        run.assert_status(0);
        assert_eq!(run.summary(), ONE_PASSED);
    }

    #[test]
    fn relative_parent_path() {
        let dir = tempdir();
        write(dir.path(), "map.yaml", "");
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).expect("created");
        let run = check(&sub, ["../map.yaml"]);
        run.assert_status(1);
        assert_eq!(run.first_finding().1, "--> ../map.yaml:1:1");
        let run = check(&sub, [".."]);
        run.assert_status(1);
        assert_eq!(run.first_finding().1, "--> ../map.yaml:1:1");
    }

    /// `sh -c SCRIPT` in `dir`, with the journeymap binary as `$0`, killed after 120 s.
    fn shell(dir: &Path, script: &str) -> Run {
        let output = Command::new("sh")
            .current_dir(dir)
            .arg("-c")
            .arg(script)
            .arg(assert_cmd::cargo::cargo_bin("journeymap"))
            .timeout(Duration::from_secs(120))
            .output()
            .expect("sh runs");
        Run {
            status: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    fn mkfifo(path: &Path) {
        let name = std::ffi::CString::new(path.as_os_str().as_bytes()).expect("no NUL");
        // SAFETY: `name` is a valid NUL-terminated path for the duration of the call.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0, "mkfifo");
    }

    #[test]
    fn a_configuration_or_baseline_that_would_block_or_never_end_is_refused() {
        let dir = with_good_map();
        mkfifo(&dir.path().join("fifo.yaml"));
        mkfifo(&dir.path().join("fifo.json"));
        let cases = [
            (
                "\"$0\" check --config fifo.yaml good.yaml",
                "error: cannot read configuration fifo.yaml: a FIFO, not a regular file\n",
            ),
            (
                "\"$0\" show --config /dev/zero good.yaml",
                "error: cannot read configuration /dev/zero: a device, not a regular file\n",
            ),
            (
                "\"$0\" check --no-config --baseline fifo.json good.yaml",
                "error: cannot read baseline fifo.json: a FIFO, not a regular file\n",
            ),
            (
                "\"$0\" check --no-config --baseline /dev/zero good.yaml",
                "error: cannot read baseline /dev/zero: a device, not a regular file\n",
            ),
        ];
        for (script, stderr) in cases {
            let run = shell(dir.path(), script);
            run.assert_status(2);
            assert_eq!(run.stderr, stderr, "{script}");
            assert_eq!(run.stdout, "", "{script}");
        }
        // Found by the search from the current directory, too.
        mkfifo(&dir.path().join(".journeymap.yaml"));
        let run = shell(dir.path(), "\"$0\" check good.yaml");
        run.assert_status(2);
        assert_eq!(
            run.stderr,
            "error: cannot read configuration .journeymap.yaml: a FIFO, not a regular file\n"
        );
    }

    #[test]
    fn a_configuration_or_baseline_over_the_limit_is_refused_unread() {
        let dir = with_good_map();
        for name in ["big.yaml", "big.json"] {
            // Sparse: no disk space, and never read.
            let file = std::fs::File::create(dir.path().join(name)).expect("created");
            file.set_len(LIMIT + 1).expect("sized");
        }
        let run = shell(dir.path(), "\"$0\" check --config big.yaml good.yaml");
        run.assert_status(2);
        assert_eq!(
            run.stderr,
            "error: cannot read configuration big.yaml: 32.1 MiB is too large for a configuration (the limit is 32 MiB)\n"
        );
        let run = shell(
            dir.path(),
            "\"$0\" check --no-config --baseline big.json good.yaml",
        );
        run.assert_status(2);
        assert_eq!(
            run.stderr,
            "error: cannot read baseline big.json: 32.1 MiB is too large for a baseline (the limit is 32 MiB)\n"
        );
    }

    #[test]
    fn standard_input_stops_at_the_limit() {
        let dir = with_good_map();
        let over = "error: -: larger than 32 MiB, the limit for a journey map\n";
        for (script, stderr, summary) in [
            // The other maps are still checked and reported.
            (
                "\"$0\" check --no-config - good.yaml < /dev/zero",
                over,
                ONE_PASSED,
            ),
            (
                "\"$0\" check --no-config --stdin-filename zero.yaml < /dev/zero",
                "error: zero.yaml: larger than 32 MiB, the limit for a journey map\n",
                "0 files checked: 0 passed, 0 failed; 0 errors, 0 warnings, 0 infos",
            ),
            ("\"$0\" show --no-config - < /dev/zero", over, ""),
            ("\"$0\" diff --no-config good.yaml - < /dev/zero", over, ""),
            (
                "\"$0\" import mermaid - < /dev/zero",
                "error: -: larger than 32 MiB, the limit for a Mermaid diagram\n",
                "",
            ),
        ] {
            let run = shell(dir.path(), script);
            run.assert_status(2);
            assert_eq!(run.stderr, stderr, "{script}");
            assert_eq!(run.summary(), summary, "{script}");
        }
    }
}
