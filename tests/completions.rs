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
