//! Fuzzing on stable Rust: a seeded mutation loop over the fixtures and
//! examples (no new dependency: a splitmix64 generator drives it).
//!
//! Each case takes one map, applies one to four mutations (byte flips,
//! truncations, anchors and aliases, tabs, brackets, BOMs, quotes, deleted
//! or duplicated lines, huge numbers, deep indentation, stray YAML tokens,
//! splices of another map) and runs it through
//! [`journeymap::check::check_bytes`] and the text report. It must not
//! panic, every diagnostic must point inside the file (a line that exists,
//! a column at most just past its end), and no case may run for a minute (a
//! hang guard, not a benchmark: the slowest case is printed, never asserted).
//!
//! - `JOURNEYMAP_FUZZ_CASES=100000` runs that many cases (default 5,000);
//! - `JOURNEYMAP_FUZZ_SEED=N` changes the base seed (default 1);
//! - `JOURNEYMAP_FUZZ_REPLAY=0x…` runs the single case a failure names, and
//!   saves its input.
//!
//! A failing input is written under `target/tmp/fuzz-failures/`; copy it
//! into `tests/fixtures/fuzz-regressions/`, where
//! [`fuzz_regressions_still_pass`] checks it from then on.

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use journeymap::check::{CheckOptions, FileReport, check_bytes};
use journeymap::map::load;
use journeymap::report::{self, Report};

const DEFAULT_CASES: u64 = 5_000;
const DEFAULT_SEED: u64 = 1;
/// A case still running after this is a hang: the test fails without waiting
/// for it. A liveness guard, not a speed limit (tests never assert durations:
/// a loaded machine must not fail them); the slowest case is printed instead.
const HANG: Duration = Duration::from_secs(60);

fn crate_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn options() -> CheckOptions {
    CheckOptions::new(jiff::civil::Date::new(2026, 11, 23).expect("a real date"))
}

/// splitmix64: tiny, fast, and good enough to pick mutations.
#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The seed of case `index`: independent of how many cases run.
fn case_seed(base: u64, index: u64) -> u64 {
    Rng(base ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03)).next()
}

/// Every map the mutations start from, in a stable order.
fn corpus() -> Vec<(String, Vec<u8>)> {
    fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                collect(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                out.push(path);
            }
        }
    }
    let mut paths = Vec::new();
    for dir in ["tests/fixtures", "examples", "tests/cli"] {
        collect(&crate_path(dir), &mut paths);
    }
    paths.sort();
    let root = crate_path("");
    let corpus: Vec<(String, Vec<u8>)> = paths
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).expect("a corpus file is readable");
            let name = path
                .strip_prefix(&root)
                .unwrap_or(&path)
                .display()
                .to_string();
            (name, bytes)
        })
        .collect();
    assert!(
        corpus.len() >= 20,
        "the fuzz corpus is too small: {}",
        corpus.len()
    );
    corpus
}

/// Byte offsets where a line starts.
fn line_starts(bytes: &[u8]) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .collect()
}

/// A random line as a byte range (without its `\n`).
fn random_line(rng: &mut Rng, bytes: &[u8]) -> (usize, usize) {
    let starts = line_starts(bytes);
    let start = *rng.pick(&starts);
    let end = bytes[start..]
        .iter()
        .position(|b| *b == b'\n')
        .map_or(bytes.len(), |i| start + i);
    (start, end)
}

/// A position just after `: ` or `- ` when there is one (where a value
/// starts), else anywhere.
fn value_position(rng: &mut Rng, bytes: &[u8]) -> usize {
    let spots: Vec<usize> = bytes
        .windows(2)
        .enumerate()
        .filter(|(_, w)| (w[0] == b':' || w[0] == b'-') && w[1] == b' ')
        .map(|(i, _)| i + 2)
        .collect();
    if spots.is_empty() {
        rng.below(bytes.len() + 1)
    } else {
        *rng.pick(&spots)
    }
}

const TOKENS: &[&str] = &[
    ": ",
    "- ",
    "? ",
    "---\n",
    "...\n",
    "#",
    "|",
    ">-\n",
    ",",
    "&a ",
    "*a",
    "&b [*a, *a, *a]",
    "!foo ",
    "!!str ",
    "!!binary ",
    "!<tag:x,2000:y> ",
    "<<: *a\n",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "\r",
    "\r\n",
    "\0",
    "\u{FEFF}",
    "é",
    "😀",
    "\u{3000}",
    "\u{2028}",
    "\u{85}",
    "~",
    "null",
    "yes",
    "0o17",
    ".inf",
    "-.nan",
    "1e999",
    "\"\\u00e9\"",
    "'it''s'",
    "\"\\x\"",
    "{",
    "}",
    "[",
    "]",
    "\t",
    " \t ",
    "@",
    "`",
    "%",
    "\\",
    "\n\n\n",
];

const NUMBERS: &[&str] = &[
    "99999999999999999999999999999999",
    "-9223372036854775809",
    "18446744073709551616",
    "1e999",
    "-1e-999",
    "0x7fffffffffffffffffff",
    "0o777777777777777777777777",
    ".inf",
    "-.Inf",
    ".NaN",
    "1_000",
    "4.",
    "+4",
    "0004",
];

/// Applies one random mutation.
fn mutate_once(rng: &mut Rng, bytes: &mut Vec<u8>, corpus: &[(String, Vec<u8>)]) {
    let at = rng.below(bytes.len() + 1);
    let insert = |bytes: &mut Vec<u8>, at: usize, text: &[u8]| {
        bytes.splice(at..at, text.iter().copied());
    };
    match rng.below(17) {
        0 if !bytes.is_empty() => {
            let i = rng.below(bytes.len());
            bytes[i] ^= 1 << rng.below(8);
        }
        1 if !bytes.is_empty() => {
            let i = rng.below(bytes.len());
            bytes[i] = rng.next() as u8;
        }
        2 => bytes.truncate(at),
        3 => {
            let at = value_position(rng, bytes);
            let anchor = *rng.pick(&["&a ", "&b ", "&a\n", "&a [", "&a {"]);
            insert(bytes, at, anchor.as_bytes());
        }
        4 => {
            let at = value_position(rng, bytes);
            let alias = *rng.pick(&["*a", "*b", "*a\n", "[*a, *a]", "*undefined", "<<: *a\n"]);
            insert(bytes, at, alias.as_bytes());
        }
        5 => {
            let at = if rng.below(2) == 0 {
                *rng.pick(&line_starts(bytes))
            } else {
                at
            };
            insert(bytes, at, b"\t");
        }
        6 => {
            let bracket = *rng.pick(&["[", "]", "{", "}", "[[[[", "{a: {a: ", "]]}}"]);
            insert(bytes, at, bracket.as_bytes());
        }
        7 => {
            const BOMS: [&[u8]; 3] = [b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF"];
            let bom = *rng.pick(&BOMS);
            let at = if rng.below(3) == 0 { at } else { 0 };
            insert(bytes, at, bom);
        }
        8 => {
            let quote = *rng.pick(&["\"", "'", "\"\"", "''", "\\\""]);
            insert(bytes, at, quote.as_bytes());
        }
        9 if !bytes.is_empty() => {
            let (start, end) = random_line(rng, bytes);
            let end = (end + 1).min(bytes.len());
            bytes.drain(start..end);
        }
        10 if !bytes.is_empty() => {
            let (start, end) = random_line(rng, bytes);
            let mut line = bytes[start..end].to_vec();
            line.push(b'\n');
            insert(bytes, start, &line);
        }
        11 => {
            // A huge or odd number, in place of a digit run when there is one.
            let number = rng.pick(NUMBERS).as_bytes().to_vec();
            match bytes.iter().position(|b| b.is_ascii_digit()) {
                Some(_) => {
                    let digits: Vec<usize> = (0..bytes.len())
                        .filter(|&i| {
                            bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit())
                        })
                        .collect();
                    let start = *rng.pick(&digits);
                    let end = (start..bytes.len())
                        .find(|&i| !bytes[i].is_ascii_digit())
                        .unwrap_or(bytes.len());
                    bytes.splice(start..end, number);
                }
                None => insert(bytes, at, &number),
            }
        }
        12 => {
            // Deep indentation: one line, or every line from one on.
            let depth = *rng.pick(&[1, 2, 3, 7, 64, 200, 1000]);
            let pad = vec![b' '; depth];
            let starts = line_starts(bytes);
            let from = rng.below(starts.len());
            let lines = if rng.below(2) == 0 { 1 } else { starts.len() };
            for start in starts[from..].iter().take(lines).rev() {
                insert(bytes, *start, &pad);
            }
        }
        13 => {
            let token = *rng.pick(TOKENS);
            insert(bytes, at, token.as_bytes());
        }
        14 if !bytes.is_empty() => {
            // An invalid UTF-8 byte, or a multibyte character cut in half.
            let byte = *rng.pick(&[0xFF, 0xC3, 0xE2, 0x80, 0xF0]);
            insert(bytes, at, &[byte]);
        }
        15 => {
            // A chunk of another map spliced in.
            let (_, other) = rng.pick(corpus);
            if !other.is_empty() {
                let start = rng.below(other.len());
                let end = (start + rng.below(400)).min(other.len());
                insert(bytes, at, &other[start..end]);
            }
        }
        _ => {
            // Many copies of a line: long files, repeated keys.
            if !bytes.is_empty() {
                let (start, end) = random_line(rng, bytes);
                let mut line = bytes[start..end].to_vec();
                line.push(b'\n');
                let copies = *rng.pick(&[2, 10, 100]);
                insert(bytes, start, &line.repeat(copies));
            }
        }
    }
}

/// The input of the case with this seed.
fn mutant(seed: u64, corpus: &[(String, Vec<u8>)]) -> (String, Vec<u8>) {
    let mut rng = Rng(seed);
    let (name, original) = rng.pick(corpus);
    let mut bytes = original.clone();
    let mutations = 1 + rng.below(4);
    for _ in 0..mutations {
        mutate_once(&mut rng, &mut bytes, corpus);
    }
    (name.clone(), bytes)
}

/// Checks one input: no panic, every position inside the file, the text
/// report renders. `Err` says what went wrong.
fn check_properties(bytes: &[u8]) -> Result<(), String> {
    let options = options();
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        let report = check_bytes("fuzz.yaml", bytes, &options);
        let text = report::text::render(
            &Report::new(vec![report.clone()], false),
            report::text::TextOptions {
                color: false,
                quiet: false,
            },
        );
        (report, text)
    }));
    let (report, _text): (FileReport, String) = match outcome {
        Ok(outcome) => outcome,
        Err(payload) => {
            let message = payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)");
            return Err(format!("panic: {message}"));
        }
    };
    same_as_serde_yaml_alone(bytes)?;
    if let Some(document) = load::load("fuzz.yaml", bytes).document {
        match journeymap::map::schema::validators_agree(&document.value) {
            Ok(true) => {}
            Ok(false) => return Err("the fast schema validator disagrees with the schema".into()),
            Err(error) => return Err(format!("the schema does not compile: {error}")),
        }
    }
    // Lines end at `\n`, `\r\n` or a lone `\r`, as in YAML and editors.
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = String::from_utf8_lossy(text)
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    let source: Vec<&str> = text.split('\n').collect();
    let lines = source.len();
    for d in &report.diagnostics {
        if d.line < 1 || d.column < 1 || d.line > lines + 1 {
            return Err(format!(
                "diagnostic outside the file ({lines} lines): {}:{} [{}] {}",
                d.line, d.column, d.rule, d.message
            ));
        }
        // At most just past the end of its line (where "expected …" errors point).
        let width = source.get(d.line - 1).map_or(0, |l| l.chars().count());
        if d.column > width + 1 {
            return Err(format!(
                "column past the end of its line ({width} characters): {}:{} [{}] {}",
                d.line, d.column, d.rule, d.message
            ));
        }
    }
    Ok(())
}

/// Mutants the block-subset reader took (the rest it declined to
/// serde_yaml), so that the comparison below is known not to be empty.
static TAKEN_BY_BLOCK_SUBSET: AtomicU64 = AtomicU64::new(0);

/// The loader's fast paths (the block-subset reader, serde_yaml without an
/// intermediate value) give exactly the document and findings that
/// serde_yaml alone gives.
fn same_as_serde_yaml_alone(bytes: &[u8]) -> Result<(), String> {
    let fast = load::load("fuzz.yaml", bytes);
    let reference = load::load_with_serde_yaml_only("fuzz.yaml", bytes);
    let value = |loaded: &load::Loaded| loaded.document.as_ref().map(|d| d.value.clone());
    if value(&fast) != value(&reference) || fast.findings != reference.findings {
        return Err(format!(
            "the fast loader disagrees with serde_yaml alone:\n  fast: {:?} {:?}\n  serde_yaml: {:?} {:?}",
            value(&fast),
            fast.findings,
            value(&reference),
            reference.findings
        ));
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(text)
        && load::block_subset::read(text).is_some()
    {
        TAKEN_BY_BLOCK_SUBSET.fetch_add(1, Ordering::Relaxed);
    }
    Ok(())
}

/// Where a failing input is kept until it is copied into the regression fixtures.
fn save_failure(seed: u64, bytes: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-failures");
    let path = dir.join(format!("{seed:016x}.yaml"));
    let saved = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, bytes));
    if let Err(error) = saved {
        eprintln!("cannot save {}: {error}", path.display());
    }
    path
}

fn env_number(name: &str) -> Option<u64> {
    let text = std::env::var(name).ok()?;
    let text = text.trim().replace('_', "");
    let parsed = match text.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => text.parse(),
    };
    Some(parsed.unwrap_or_else(|_| panic!("{name}={text} is not a number")))
}

struct Failure {
    seed: u64,
    origin: String,
    reason: String,
    bytes: Vec<u8>,
}

fn fail(failure: &Failure) -> ! {
    let path = save_failure(failure.seed, &failure.bytes);
    panic!(
        "fuzz case {seed:#018x} (a mutant of {origin}, {len} bytes) failed: {reason}\n\
         replay: JOURNEYMAP_FUZZ_REPLAY={seed:#x} cargo test --test fuzz\n\
         input saved as {path}; copy it into tests/fixtures/fuzz-regressions/",
        seed = failure.seed,
        origin = failure.origin,
        len = failure.bytes.len(),
        reason = failure.reason,
        path = path.display(),
    );
}

/// Runs one case and times it.
fn run_case(seed: u64, corpus: &[(String, Vec<u8>)]) -> Result<Duration, Failure> {
    let (origin, bytes) = mutant(seed, corpus);
    let started = Instant::now();
    let result = check_properties(&bytes);
    let elapsed = started.elapsed();
    let reason = match result {
        Err(reason) => reason,
        Ok(()) => return Ok(elapsed),
    };
    Err(Failure {
        seed,
        origin,
        reason,
        bytes,
    })
}

#[test]
fn mutants_never_panic_hang_or_point_outside_the_file() {
    let corpus = Arc::new(corpus());
    if let Some(seed) = env_number("JOURNEYMAP_FUZZ_REPLAY") {
        let (origin, bytes) = mutant(seed, &corpus);
        let path = save_failure(seed, &bytes);
        match run_case(seed, &corpus) {
            Ok(elapsed) => eprintln!(
                "fuzz case {seed:#018x} (a mutant of {origin}, saved as {}) passed in {elapsed:.1?}",
                path.display()
            ),
            Err(failure) => fail(&failure),
        }
        return;
    }
    let cases = env_number("JOURNEYMAP_FUZZ_CASES").unwrap_or(DEFAULT_CASES);
    let base = env_number("JOURNEYMAP_FUZZ_SEED").unwrap_or(DEFAULT_SEED);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());

    // Workers take cases in turn; each records what it is running, so that
    // the watchdog below can name a case that never ends.
    let next = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    // Per worker: the seed of the case it runs, and since when.
    let running = Arc::new(Mutex::new(vec![None::<(u64, Instant)>; workers]));
    let failure: Arc<Mutex<Option<Failure>>> = Arc::new(Mutex::new(None));
    let slowest = Arc::new(Mutex::new((Duration::ZERO, 0u64)));
    let started = Instant::now();
    let handles: Vec<_> = (0..workers)
        .map(|worker| {
            let (corpus, next, stop, running, failure, slowest) = (
                Arc::clone(&corpus),
                Arc::clone(&next),
                Arc::clone(&stop),
                Arc::clone(&running),
                Arc::clone(&failure),
                Arc::clone(&slowest),
            );
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    if index >= cases {
                        break;
                    }
                    let seed = case_seed(base, index);
                    running.lock().expect("not poisoned")[worker] = Some((seed, Instant::now()));
                    let result = run_case(seed, &corpus);
                    running.lock().expect("not poisoned")[worker] = None;
                    match result {
                        Ok(elapsed) => {
                            let mut slowest = slowest.lock().expect("not poisoned");
                            if elapsed > slowest.0 {
                                *slowest = (elapsed, seed);
                            }
                        }
                        Err(found) => {
                            stop.store(true, Ordering::Relaxed);
                            failure.lock().expect("not poisoned").get_or_insert(found);
                        }
                    }
                }
            })
        })
        .collect();

    // The watchdog: a case running past HANG fails the test without joining it.
    while !handles.iter().all(|h| h.is_finished()) {
        std::thread::sleep(Duration::from_millis(50));
        let hung = running
            .lock()
            .expect("not poisoned")
            .iter()
            .flatten()
            .find(|(_, since)| since.elapsed() > HANG)
            .copied();
        if let Some((seed, _)) = hung {
            stop.store(true, Ordering::Relaxed);
            let (origin, bytes) = mutant(seed, &corpus);
            fail(&Failure {
                seed,
                origin,
                reason: format!("still running after {HANG:?} (a hang)"),
                bytes,
            });
        }
    }
    for handle in handles {
        handle.join().expect("a fuzz worker does not panic");
    }
    if let Some(found) = failure.lock().expect("not poisoned").take() {
        fail(&found);
    }
    let (slowest, slowest_seed) = *slowest.lock().expect("not poisoned");
    let taken = TAKEN_BY_BLOCK_SUBSET.load(Ordering::Relaxed);
    eprintln!(
        "fuzz: {cases} cases from seed {base} on {workers} threads in {:.1?}; slowest {slowest:.1?} ({slowest_seed:#018x}); {taken} read by the block-subset reader",
        started.elapsed()
    );
    assert!(
        taken * 20 >= cases,
        "the block-subset reader took only {taken} of {cases} mutants: the comparison with serde_yaml says little"
    );
}

/// Every input that ever failed stays a test.
#[test]
fn fuzz_regressions_still_pass() {
    let dir = crate_path("tests/fixtures/fuzz-regressions");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "yaml"));
    paths.sort();
    let mut failures = Vec::new();
    for path in &paths {
        let bytes = std::fs::read(path).expect("a regression input is readable");
        if let Err(reason) = check_properties(&bytes) {
            failures.push(format!("{}: {reason}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
