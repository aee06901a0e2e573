//! Same input, same bytes, whatever the thread count.

use assert_cmd::Command;

fn check_with_threads(threads: &str) -> (Option<i32>, Vec<u8>) {
    let output = Command::cargo_bin("journeymap")
        .expect("binary built")
        .env("RAYON_NUM_THREADS", threads)
        .args([
            "check",
            "--format",
            "json",
            "--today",
            "2026-11-23",
            "examples",
            "tests/fixtures",
        ])
        .output()
        .expect("journeymap runs");
    (output.status.code(), output.stdout)
}

#[test]
fn output_does_not_depend_on_thread_count() {
    let (status_one, one) = check_with_threads("1");
    let (status_four, four) = check_with_threads("4");
    assert_eq!(status_one, Some(1), "the fixtures hold failing maps");
    assert_eq!(status_one, status_four);
    let text = String::from_utf8_lossy(&one);
    assert!(
        text.matches("\"rule\"").count() > 3,
        "several findings to order: {text}"
    );
    assert_eq!(text, String::from_utf8_lossy(&four));
}
