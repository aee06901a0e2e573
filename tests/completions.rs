//! `journeymap completions SHELL` and `journeymap man`.

use assert_cmd::Command;

struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

fn journeymap(args: &[&str]) -> Run {
    let output = Command::cargo_bin("journeymap")
        .expect("binary built")
        .args(args)
        .output()
        .expect("journeymap runs");
    Run {
        status: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn every_shell_gets_a_script() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = journeymap(&["completions", shell]);
        assert_eq!(run.status, 0, "{shell}: {}", run.stderr);
        assert_eq!(run.stderr, "", "{shell}");
        assert!(!run.stdout.trim().is_empty(), "{shell}: empty script");
        assert!(run.stdout.contains("journeymap"), "{shell}: {}", run.stdout);
        // The script completes the subcommands too.
        for command in ["check", "export", "init", "completions"] {
            assert!(run.stdout.contains(command), "{shell} lacks {command}");
        }
    }
}

#[test]
fn the_bash_script_loads_in_bash() {
    let Ok(version) = std::process::Command::new("bash").arg("--version").output() else {
        eprintln!("notice: bash is not installed; the bash completion script was not loaded");
        return;
    };
    assert!(version.status.success());

    let script = journeymap(&["completions", "bash"]);
    assert_eq!(script.status, 0, "{}", script.stderr);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("journeymap.bash");
    std::fs::write(&file, &script.stdout).expect("written");

    let output = std::process::Command::new("bash")
        .arg("--noprofile")
        .arg("--norc")
        .arg("-c")
        .arg(r#"source "$1" && complete -p journeymap"#)
        .arg("bash")
        .arg(&file)
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("journeymap"), "{stdout}");
    assert_eq!(stderr, "", "sourcing the script prints nothing");
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let run = journeymap(&["completions", "nushell"]);
    assert_eq!(run.status, 2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(run.stderr.contains("nushell"), "{}", run.stderr);
}

/// The values the scripts must offer, taken from where the program takes them.
fn values_to_offer() -> Vec<String> {
    use clap::ValueEnum;
    use journeymap::cli::{CheckFormat, ExportFormat, ViewFormat};
    fn names<T: ValueEnum + 'static>() -> impl Iterator<Item = String> {
        T::value_variants()
            .iter()
            .filter_map(|variant| variant.to_possible_value())
            .map(|value| value.get_name().to_owned())
    }
    let mut values: Vec<&str> = Vec::new();
    values.extend(journeymap::views::show::section_ids());
    values.extend(journeymap::views::gaps::SECTIONS);
    values.push(journeymap::views::gaps::PORTFOLIO);
    values.extend(journeymap::rules::RULES.iter().map(|rule| rule.id));
    values.extend(journeymap::cli::COMMANDS);
    let mut values: Vec<String> = values.into_iter().map(str::to_owned).collect();
    values.extend(names::<CheckFormat>());
    values.extend(names::<ViewFormat>());
    values.extend(names::<ExportFormat>());
    values
}

#[test]
fn the_scripts_hold_every_section_format_rule_and_page() {
    for shell in ["bash", "zsh", "fish"] {
        let run = journeymap(&["completions", shell]);
        assert_eq!(run.status, 0, "{shell}: {}", run.stderr);
        for value in values_to_offer() {
            // As a word of a value list: `persona stages`, `(persona`, `"html\t…`.
            let as_word = run
                .stdout
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .any(|word| word == value);
            assert!(as_word, "the {shell} script does not offer {value}");
        }
    }
}

/// What bash's completion function offers for the words typed so far (the
/// last one being completed).
fn bash_completes(script: &std::path::Path, words: &[&str]) -> Vec<String> {
    let output = std::process::Command::new("bash")
        .args(["--noprofile", "--norc", "-c"])
        .arg(
            r#"source "$1"; shift
COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
_journeymap journeymap "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}""#,
        )
        .arg("bash")
        .arg(script)
        .args(words)
        .output()
        .expect("bash runs");
    offered(&output)
}

/// What a shell printed it offers, one per line (fish adds a tab and a
/// description), sorted.
fn offered(output: &std::process::Output) -> Vec<String> {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut offered: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|line| !line.is_empty())
        .map(|line| line.split('\t').next().unwrap_or_default().to_owned())
        .collect();
    offered.sort();
    offered
}

fn sorted(values: &[&str]) -> Vec<String> {
    let mut values: Vec<String> = values.iter().map(|v| (*v).to_owned()).collect();
    values.sort();
    values
}

#[test]
fn bash_completes_sections_per_command_formats_and_rule_ids() {
    let Ok(version) = std::process::Command::new("bash").arg("--version").output() else {
        assert!(std::env::var_os("CI").is_none(), "bash is missing in CI");
        eprintln!("notice: bash is not installed; bash completion was not run");
        return;
    };
    assert!(version.status.success());
    let script = journeymap(&["completions", "bash"]);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("journeymap.bash");
    std::fs::write(&file, &script.stdout).expect("written");

    let show = bash_completes(&file, &["journeymap", "show", "m.yaml", "--section", ""]);
    assert_eq!(show, sorted(&journeymap::views::show::section_ids()));
    let mut gaps_sections = journeymap::views::gaps::SECTIONS.to_vec();
    gaps_sections.push(journeymap::views::gaps::PORTFOLIO);
    let gaps = bash_completes(&file, &["journeymap", "gaps", "-s", ""]);
    assert_eq!(gaps, sorted(&gaps_sections));
    let formats = bash_completes(&file, &["journeymap", "check", "--format", ""]);
    assert_eq!(
        formats,
        sorted(&["text", "json", "sarif", "junit", "github"])
    );
    let to = bash_completes(&file, &["journeymap", "export", "m.yaml", "--to", ""]);
    assert_eq!(to, sorted(&["html", "mermaid", "markdown"]));
    let rules = bash_completes(&file, &["journeymap", "explain", "stale"]);
    assert_eq!(rules, ["stale-map"]);
    let pages = bash_completes(&file, &["journeymap", "man", "ch"]);
    assert_eq!(pages, ["check"]);
}

/// fish runs the script itself: `complete -C` prints what it offers.
#[test]
fn fish_completes_sections_rule_ids_and_pages() {
    if std::process::Command::new("fish")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(
            std::env::var_os("CI").is_none(),
            "fish is missing in CI (.ci/run installs it)"
        );
        eprintln!("notice: fish is not installed; fish completion was not run");
        return;
    }
    let script = journeymap(&["completions", "fish"]);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("journeymap.fish");
    std::fs::write(&file, &script.stdout).expect("written");
    let fish_completes = |line: &str| -> Vec<String> {
        let output = std::process::Command::new("fish")
            .args([
                "--no-config",
                "-c",
                r#"source $argv[1]; complete -C $argv[2]"#,
            ])
            .arg(&file)
            .arg(line)
            .current_dir(dir.path())
            .output()
            .expect("fish runs");
        offered(&output)
    };
    assert_eq!(
        fish_completes("journeymap show m.yaml --section "),
        sorted(&journeymap::views::show::section_ids())
    );
    assert_eq!(
        fish_completes("journeymap gaps --section pl"),
        ["plan-health"]
    );
    assert_eq!(fish_completes("journeymap explain stale"), ["stale-map"]);
    assert_eq!(fish_completes("journeymap man comp"), ["completions"]);
    assert_eq!(fish_completes("journeymap import mer"), ["mermaid"]);
    assert_eq!(fish_completes("journeymap check --format s"), ["sarif"]);
}

#[test]
fn every_command_is_listed_for_its_man_page() {
    use clap::CommandFactory;
    let command = journeymap::cli::Cli::command();
    let names: Vec<&str> = command
        .get_subcommands()
        .map(|sub| sub.get_name())
        .filter(|name| *name != "help")
        .collect();
    assert_eq!(names, journeymap::cli::COMMANDS);
}

/// `man --output DIR`: one page per command and the top page, each a man
/// page groff reads without a warning, and every page the top one names exists.
#[test]
fn man_writes_every_page_and_each_one_reads() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let pages = dir.path().join("man");
    let run = journeymap(&["man", "--output", pages.to_str().expect("a UTF-8 path")]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let mut expected: Vec<String> = journeymap::cli::COMMANDS
        .iter()
        .map(|command| format!("journeymap-{command}.1"))
        .collect();
    expected.push("journeymap.1".to_owned());
    expected.sort();
    let mut written: Vec<String> = std::fs::read_dir(&pages)
        .expect("the directory was made")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    written.sort();
    assert_eq!(written, expected);

    for file in &written {
        let text = std::fs::read_to_string(pages.join(file)).expect("a page");
        let name = file.trim_end_matches(".1");
        assert!(
            text.lines()
                .any(|line| line.starts_with(&format!(".TH {name} 1 "))),
            "{file} has no .TH header"
        );
        // Every page it names, in SUBCOMMANDS and SEE ALSO, is one of the pages.
        let mut named_pages = 0;
        for (i, _) in text.match_indices("(1)") {
            named_pages += 1;
            let before = &text[..i];
            let start = before
                .rfind(|c: char| c.is_whitespace() || c == 'B')
                .map_or(0, |at| at + 1);
            let named = before[start..].replace("\\-", "-").replace("\\fR", "");
            let named = named.trim_end_matches("\\fR");
            assert!(
                expected.contains(&format!("{named}.1")),
                "{file} names {named}(1), which is not written"
            );
        }
        // The top page names every other page (twice: SUBCOMMANDS, SEE ALSO).
        let least = if name == "journeymap" {
            2 * journeymap::cli::COMMANDS.len()
        } else {
            1
        };
        assert!(named_pages >= least, "{file} names {named_pages} pages");
        assert!(text.contains(".SH \"SEE ALSO\""), "{file} has no SEE ALSO");
        // `man check` prints the page `man --output` writes.
        let command = name.strip_prefix("journeymap-");
        let printed = journeymap(&["man"].into_iter().chain(command).collect::<Vec<_>>());
        assert_eq!(printed.stdout, text, "{file}");
    }

    // groff reads each page without a warning (the man-db `man -l` formatter).
    match std::process::Command::new("groff")
        .arg("--version")
        .output()
    {
        Ok(_) => {
            for file in &written {
                let output = std::process::Command::new("groff")
                    .args(["-man", "-Tutf8", "-ww", "-z"])
                    .arg(pages.join(file))
                    .output()
                    .expect("groff runs");
                let stderr = String::from_utf8_lossy(&output.stderr);
                assert!(
                    output.status.success() && stderr.is_empty(),
                    "{file}: {stderr}"
                );
            }
        }
        Err(_) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "groff is missing in CI (.ci/run installs groff-base)"
            );
            eprintln!("notice: groff is not installed; the pages were not formatted");
        }
    }
}

#[test]
fn man_prints_a_roff_page() {
    let run = journeymap(&["man"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert!(
        run.stdout.starts_with(".ie") || run.stdout.starts_with(".TH"),
        "{}",
        &run.stdout[..run.stdout.len().min(200)]
    );
    assert!(run.stdout.contains(".TH journeymap"), "a title header");
    assert!(run.stdout.contains("journeymap"));
    // The page lists the commands.
    for command in ["check", "export", "init", "completions"] {
        assert!(run.stdout.contains(command), "the man page lacks {command}");
    }
}
