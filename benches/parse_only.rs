//! The parse-only baseline: finds the maps as `check` does, reads each one
//! as `check` does (a regular file, then its bytes) and loads it with the
//! same loader, `journeymap::map::load::load` (decoding, guards, YAML parsing,
//! conversion to JSON) — and nothing else: no schema, no rules, no
//! positions, no report.
//!
//! ```sh
//! cargo run --release --example parse-only -- --jobs 2 target/bench-corpus/maps
//! ```

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::Parser;
use journeymap::workspace::discover::{Exclude, Input, discover};
use rayon::prelude::*;

// Loading a map allocates a small string or JSON node per YAML scalar; with
// glibc's allocator a quarter of `check` went to malloc and free, mimalloc
// takes 28% off the loading time (docs/PERFORMANCE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(about = "Read and YAML-parse every map, nothing else (benchmark baseline)")]
struct Args {
    /// Threads (default: one per CPU, as `check`).
    #[arg(short, long)]
    jobs: Option<usize>,
    /// Load with serde_yaml alone, without the loader's fast paths: what
    /// parsing costs with the YAML library (for comparison).
    #[arg(long)]
    serde_yaml_only: bool,
    /// Files, directories or globs, as for `journeymap check`.
    paths: Vec<String>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let found = discover(&args.paths, &Exclude::default());
    for error in &found.errors {
        eprintln!("error: {error}");
    }
    let parsed = AtomicUsize::new(0);
    let unusable = AtomicUsize::new(0);
    let parse_all = || {
        found.inputs.par_iter().for_each(|input| {
            let Input::File { display, path } = input else {
                return;
            };
            // Read as `check` reads: only a regular file, then its bytes.
            let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file());
            let Some(bytes) = regular
                .then(|| std::fs::read::<&PathBuf>(path).ok())
                .flatten()
            else {
                unusable.fetch_add(1, Ordering::Relaxed);
                return;
            };
            let loaded = if args.serde_yaml_only {
                journeymap::map::load::load_with_serde_yaml_only(display, &bytes)
            } else {
                journeymap::map::load::load(display, &bytes)
            };
            let counter = if loaded.document.is_some() {
                &parsed
            } else {
                &unusable
            };
            counter.fetch_add(1, Ordering::Relaxed);
            std::hint::black_box(loaded);
        });
    };
    match args.jobs {
        Some(jobs) => match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
            Ok(pool) => pool.install(parse_all),
            Err(error) => {
                eprintln!("error: cannot start {jobs} threads: {error}");
                return ExitCode::from(2);
            }
        },
        None => parse_all(),
    }
    println!(
        "{} files read: {} parsed, {} not usable YAML or unreadable",
        found.inputs.len(),
        parsed.into_inner(),
        unusable.into_inner()
    );
    if found.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}
