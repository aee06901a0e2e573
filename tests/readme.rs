//! The README's JSON example is the real output, byte for byte. (trycmd
//! cannot check it: it rewrites `\` as `/` in output, for Windows paths.)

use assert_cmd::Command;

#[test]
fn readme_json_example_is_real_output() {
    let readme = std::fs::read_to_string("README.md").expect("README.md is readable");
    let command = "journeymap check --format json tests/fixtures/readme/first-order.yaml";
    let after_command = readme
        .split_once(command)
        .expect("the README shows the command")
        .1;
    let block = after_command
        .split_once("```json\n")
        .expect("a json block follows")
        .1;
    let shown = block.split_once("```").expect("the block is closed").0;

    let output = Command::cargo_bin("journeymap")
        .expect("binary built")
        .args(command.split(' ').skip(1))
        .output()
        .expect("journeymap runs");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&output.stdout), shown);
}
