//! Reading what journeymap is given — maps, the configuration, a baseline,
//! a Mermaid diagram, standard input — within one limit, and never from a
//! file that could block or never end.
//!
//! Every input goes through [`file`] or [`stream`] (maps through [`read`],
//! which words the errors as reports show them). A path must be a regular
//! file: a FIFO would block until something writes to it, and a device such
//! as `/dev/zero` never ends, so either is an error before it is opened. At
//! most [`MAX_BYTES`] are read from anything, standard input included, so
//! that memory stays bounded whatever is fed in.

use std::fmt;
use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::Path;

use crate::workspace::discover::{BROKEN_LINK, describe_io_error, is_broken_link};

/// The most journeymap reads from one input. Maps are a few KiB (the
/// benchmark's largest is 10 MiB); parsing takes about 30 times a file's
/// size in memory.
pub const MAX_BYTES: u64 = 32 << 20;

const MIB: f64 = 1024.0 * 1024.0;

/// What is being read, as messages name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Map,
    Configuration,
    Baseline,
    Diagram,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Map => "a journey map",
            Kind::Configuration => "a configuration",
            Kind::Baseline => "a baseline",
            Kind::Diagram => "a Mermaid diagram",
        }
    }
}

/// Why an input could not be read. Displayed, it is a clause that follows
/// the input's name: `map.yaml: a FIFO, not a regular file`.
#[derive(Debug)]
pub enum ReadError {
    /// The path names nothing (or cannot be looked up).
    Missing(io::Error),
    BrokenLink,
    /// A directory, FIFO, device or socket.
    NotRegular(&'static str),
    /// Larger than the limit before reading (its size in bytes).
    TooLarge(u64, Kind),
    /// Grew past the limit while being read, or a stream longer than it.
    Grew(Kind),
    /// Found, but opening or reading it failed.
    Unreadable(io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let limit = MAX_BYTES as f64 / MIB;
        match self {
            ReadError::Missing(error) | ReadError::Unreadable(error) => {
                f.write_str(&describe_io_error(error))
            }
            ReadError::BrokenLink => f.write_str(BROKEN_LINK),
            ReadError::NotRegular(kind) => write!(f, "{kind}, not a regular file"),
            ReadError::TooLarge(size, kind) => {
                // Rounded up: 32 MiB and a byte is 32.1, not 32.0.
                let size = (*size as f64 / MIB * 10.0).ceil() / 10.0;
                write!(
                    f,
                    "{size:.1} MiB is too large for {} (the limit is {limit:.0} MiB)",
                    kind.noun()
                )
            }
            ReadError::Grew(kind) => {
                write!(
                    f,
                    "larger than {limit:.0} MiB, the limit for {}",
                    kind.noun()
                )
            }
        }
    }
}

/// Reads a map named on the command line or found in a directory; the
/// error is the whole `error:` line's text, `DISPLAY: why`.
pub fn read(display: &str, path: &Path) -> Result<Vec<u8>, String> {
    read_named(display, path, Kind::Map)
}

/// [`read`] for any kind of input.
pub fn read_named(display: &str, path: &Path, kind: Kind) -> Result<Vec<u8>, String> {
    file(path, kind).map_err(|error| match error {
        ReadError::Unreadable(_) => format!("{display}: cannot read: {error}"),
        _ => format!("{display}: {error}"),
    })
}

/// Reads standard input (`-`) as a map or diagram; `display` is the name
/// reports give it (`-`, or `--stdin-filename`).
pub fn read_stdin(display: &str, stdin: &mut dyn Read, kind: Kind) -> Result<Vec<u8>, String> {
    stream(stdin, kind).map_err(|error| match error {
        ReadError::Unreadable(_) => format!("{display}: cannot read standard input: {error}"),
        _ => format!("{display}: {error}"),
    })
}

/// Reads a regular file of at most [`MAX_BYTES`].
pub fn file(path: &Path, kind: Kind) -> Result<Vec<u8>, ReadError> {
    let metadata = std::fs::metadata(path).map_err(|error| {
        if is_broken_link(path, &error) {
            ReadError::BrokenLink
        } else {
            ReadError::Missing(error)
        }
    })?;
    regular(&metadata, kind)?;
    let file = open(path)?;
    // The path may have been replaced since it was looked up: what was
    // opened is what counts.
    let metadata = file.metadata().map_err(ReadError::Unreadable)?;
    regular(&metadata, kind)?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    bounded(file, &mut bytes, kind)?;
    Ok(bytes)
}

/// Reads a stream (standard input) of at most [`MAX_BYTES`]: `check - <
/// /dev/zero` stops there.
pub fn stream(reader: &mut dyn Read, kind: Kind) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    bounded(reader, &mut bytes, kind)?;
    Ok(bytes)
}

fn bounded(reader: impl Read, bytes: &mut Vec<u8>, kind: Kind) -> Result<(), ReadError> {
    reader
        .take(MAX_BYTES + 1)
        .read_to_end(bytes)
        .map_err(ReadError::Unreadable)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(ReadError::Grew(kind));
    }
    Ok(())
}

/// A regular file within the limit, or why not.
fn regular(metadata: &Metadata, kind: Kind) -> Result<(), ReadError> {
    if !metadata.is_file() {
        return Err(ReadError::NotRegular(special_kind(metadata)));
    }
    if metadata.len() > MAX_BYTES {
        return Err(ReadError::TooLarge(metadata.len(), kind));
    }
    Ok(())
}

/// Opens for reading without waiting: should the path have become a FIFO
/// since it was looked up, opening it does not block until a writer comes.
fn open(path: &Path) -> Result<File, ReadError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    options.open(path).map_err(ReadError::Unreadable)
}

fn special_kind(metadata: &Metadata) -> &'static str {
    let file_type = metadata.file_type();
    if file_type.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        } else if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        } else if file_type.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}
