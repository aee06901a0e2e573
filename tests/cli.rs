//! Command-line cases (trycmd): every command, option and exit status as a
//! user types them, and the README's examples, so the README never lies.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .case("tests/cli/*.toml")
        .case("README.md");
}
