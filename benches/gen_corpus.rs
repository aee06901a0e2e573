//! Writes the benchmark corpus: `N` realistic journey maps, a chosen
//! fraction of them with one defect, and optionally one big map.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- --out DIR --maps 10000 --defects 0.1 --seed 42 --big-mib 10
//! ```
//!
//! Layout: `DIR/maps/map-00001.yaml`…, `DIR/big/big-map.yaml`, and
//! `DIR/manifest.tsv`, whose first line records the parameters (the bench
//! script reuses a corpus whose first line matches) and whose other lines say
//! which defect each map has and which rule should report it. The same
//! parameters always give the same bytes. Clean maps have no finding at all
//! when checked with `--today 2026-11-23`.

#[path = "corpus/mod.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

#[derive(Parser)]
#[command(about = "Generate a deterministic corpus of journey maps for benchmarks")]
struct Args {
    /// Directory to write into (its maps/ and big/ YAML files are replaced).
    #[arg(long)]
    out: PathBuf,
    /// Number of maps.
    #[arg(long, default_value_t = 10_000)]
    maps: usize,
    /// Fraction of maps with a defect (schema, gap, bad reference, YAML syntax).
    #[arg(long, default_value_t = 0.1)]
    defects: f64,
    /// Seed of the generator.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Also write one defect-free map of about this many MiB (0: none).
    #[arg(long, default_value_t = 0)]
    big_mib: u32,
    /// Print the manifest header these options give, and write nothing.
    #[arg(long)]
    print_header: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if !(0.0..=1.0).contains(&args.defects) {
        eprintln!("error: --defects must be between 0 and 1");
        return ExitCode::from(2);
    }
    let params = corpus::Params {
        seed: args.seed,
        maps: args.maps,
        defects: args.defects,
        big_mib: args.big_mib,
    };
    if args.print_header {
        println!("{}", params.header());
        return ExitCode::SUCCESS;
    }
    match corpus::write_corpus(&args.out, &params) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {}: {error}", args.out.display());
            ExitCode::from(2)
        }
    }
}
