//! `journeymap lsp`: the language server, over standard input and output.
//!
//! Protocol glue only: every finding, id, key and fix comes from the library
//! (`check`, [`crate::editor`], the schema); this module turns editor
//! traffic into calls on it and its answers into LSP messages.
//!
//! Built on lsp-server and lsp-types, rust-analyzer's synchronous crates
//! (see docs/LSP.md for why): one thread reads messages, one writes them,
//! the main loop handles them in order, and checks run on rayon's pool —
//! the same pool and the same `check_map` as `journeymap check`.

use std::io::{BufRead, Write};

use crate::cli::GlobalOptions;

mod actions;
mod configs;
mod diagnostics;
mod documents;
mod requests;
mod server;
pub mod text;
mod transport;
mod uri;

/// What the command line gives the server.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--config FILE`: this configuration for every document.
    pub config: Option<std::path::PathBuf>,
    /// `--no-config`: the defaults for every document.
    pub no_config: bool,
}

impl From<&GlobalOptions> for Options {
    fn from(global: &GlobalOptions) -> Options {
        Options {
            config: global.config.clone(),
            no_config: global.no_config,
        }
    }
}

/// Runs the server on standard input and output; the process's exit status.
pub fn run_stdio(global: &GlobalOptions) -> u8 {
    // Stdin is Send where its lock is not; the reader thread buffers it.
    let input = std::io::BufReader::new(std::io::stdin());
    serve(input, std::io::stdout(), Options::from(global))
}

/// Runs the server on any pair of streams until `exit` or the end of
/// `input`: 0 after `shutdown` then `exit` (or when the input ends), 1 for
/// an `exit` that came without `shutdown`, as the protocol says.
pub fn serve(
    input: impl BufRead + Send + 'static,
    output: impl Write + Send + 'static,
    options: Options,
) -> u8 {
    let (incoming_sender, incoming) = crossbeam_channel::bounded(16);
    let (outgoing, outgoing_receiver) = crossbeam_channel::unbounded();
    let reader_outgoing = outgoing.clone();
    // The reader is never joined: it may be blocked on a read of a stream
    // that stays open after `exit`.
    let reader = std::thread::Builder::new()
        .name("lsp-reader".to_owned())
        .spawn(move || transport::read(input, &incoming_sender, &reader_outgoing));
    let writer = std::thread::Builder::new()
        .name("lsp-writer".to_owned())
        .spawn(move || transport::write(output, &outgoing_receiver));
    let (Ok(_reader), Ok(writer)) = (reader, writer) else {
        return 2;
    };
    let status = server::Server::new(outgoing.clone(), options).run(&incoming);
    // Every answer is written before the process ends.
    let _ = outgoing.send(transport::Outgoing::End);
    let _ = writer.join();
    status
}
