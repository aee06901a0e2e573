//! Reading the files journeymap is given, within limits.

use std::path::Path;

use crate::workspace::discover::describe_io_error;

/// Reads a map; anything but a readable regular file is an operational error.
/// (A FIFO or device named `*.yaml` would block or never end.) A file larger
/// than any journey map is refused unread, so that memory stays bounded.
pub fn read(display: &str, path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    /// Maps are a few KiB (the benchmark's largest is 10 MiB); parsing takes
    /// about 30 times a file's size in memory.
    const MAX_BYTES: u64 = 32 << 20;
    const MIB: f64 = 1024.0 * 1024.0;

    let metadata = std::fs::metadata(path).map_err(|error| {
        if crate::workspace::discover::is_broken_link(path, &error) {
            format!("{display}: {}", crate::workspace::discover::BROKEN_LINK)
        } else {
            format!("{display}: {}", describe_io_error(&error))
        }
    })?;
    if !metadata.is_file() {
        let file_type = metadata.file_type();
        let kind = if file_type.is_dir() {
            "a directory"
        } else {
            #[cfg(unix)]
            {
                use std::os::unix::fs::FileTypeExt;
                if file_type.is_fifo() {
                    "a FIFO"
                } else if file_type.is_char_device() || file_type.is_block_device() {
                    "a device"
                } else if file_type.is_socket() {
                    "a socket"
                } else {
                    "a special file"
                }
            }
            #[cfg(not(unix))]
            {
                "a special file"
            }
        };
        return Err(format!("{display}: {kind}, not a regular file"));
    }
    let limit = MAX_BYTES as f64 / MIB;
    if metadata.len() > MAX_BYTES {
        // Rounded up: 32 MiB and a byte is 32.1, not 32.0.
        let size = (metadata.len() as f64 / MIB * 10.0).ceil() / 10.0;
        return Err(format!(
            "{display}: {size:.1} MiB is too large for a journey map (the limit is {limit:.0} MiB)"
        ));
    }
    let cannot_read =
        |error: std::io::Error| format!("{display}: cannot read: {}", describe_io_error(&error));
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    // The file may have grown since: never read more than the limit.
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot_read)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(format!(
            "{display}: larger than {limit:.0} MiB, the limit for a journey map"
        ));
    }
    Ok(bytes)
}
