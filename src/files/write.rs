//! Writing what a command produces: whole or not at all, never over one of
//! its inputs, through special files, with the mode a user expects.
//!
//! [`write`] is the one way journeymap writes a file: `--output`,
//! `--write-baseline`, `init`, `import -o`; a command that writes a tree of
//! files creates the folders and calls it once per file, with [`Outputs`]
//! built from every path it will write.
//!
//! - A regular file, or a path where nothing is yet, is replaced
//!   atomically: the bytes go to a temporary file beside it, which is
//!   synced and renamed over it, so that a reader (or a crash) sees the old
//!   file or the new one, never a part of one.
//! - A new file gets mode `0666` less the umask, as `>` in a shell gives
//!   (0644 under umask 022); a replaced one keeps its mode and, where the
//!   system allows, its owner.
//! - A symbolic link is followed: the file it names is replaced and the
//!   link stays a link.
//! - A FIFO, a socket or a character device (`/dev/null`, a terminal) is
//!   written to directly, as every Unix tool does: renaming over it would
//!   destroy it. `-`, `/dev/stdout` and `/dev/stderr` are the standard
//!   streams themselves (see [`standard_stream`]), so that a shell's
//!   `>> log` appends rather than being replaced.
//! - A directory is refused, and so is a block device: a report written
//!   over a disk would destroy what is on it.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A file by identity (device and inode on Unix): two paths name the same
/// file, through a link, a hard link or another spelling, when their
/// identities are equal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileId {
    #[cfg(unix)]
    device_inode: (u64, u64),
    #[cfg(not(unix))]
    canonical: PathBuf,
}

impl FileId {
    /// The file `path` names (following links); `None` when there is none.
    pub fn of(path: &Path) -> Option<FileId> {
        #[cfg(unix)]
        {
            std::fs::metadata(path)
                .ok()
                .map(|meta| FileId::of_metadata(&meta))
        }
        #[cfg(not(unix))]
        {
            std::fs::canonicalize(path)
                .ok()
                .map(|canonical| FileId { canonical })
        }
    }

    /// What standard input reads from (a file, a pipe, a terminal).
    pub fn of_stdin() -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::fd::AsFd;
            let owned = std::io::stdin().as_fd().try_clone_to_owned().ok()?;
            let meta = File::from(owned).metadata().ok()?;
            Some(FileId::of_metadata(&meta))
        }
        #[cfg(not(unix))]
        {
            None
        }
    }

    #[cfg(unix)]
    fn of_metadata(meta: &Metadata) -> FileId {
        use std::os::unix::fs::MetadataExt;
        FileId {
            device_inode: (meta.dev(), meta.ino()),
        }
    }
}

/// Which standard stream an output path names: `-`, `/dev/stdout` and
/// `/dev/stderr` (and their `/dev/fd/N`, `/proc/self/fd/N` spellings) are
/// written to the stream the process already has, not opened again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// The standard stream `path` names, if it names one.
pub fn standard_stream(path: &Path) -> Option<Stream> {
    let spelled = path.as_os_str();
    if ["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]
        .iter()
        .any(|name| spelled == *name)
    {
        Some(Stream::Stdout)
    } else if ["/dev/stderr", "/dev/fd/2", "/proc/self/fd/2"]
        .iter()
        .any(|name| spelled == *name)
    {
        Some(Stream::Stderr)
    } else {
        None
    }
}

/// The files a command will write that exist as regular files: the only
/// ones writing can destroy, so the only ones an input must not be.
#[derive(Debug, Default)]
pub struct Outputs<'a> {
    existing: Vec<(&'a Path, FileId)>,
}

impl<'a> Outputs<'a> {
    /// Looks each output up once (a `stat`); a new path, a standard stream
    /// or a special file cannot replace an input and is left out.
    pub fn new(paths: impl IntoIterator<Item = &'a Path>) -> Outputs<'a> {
        let existing = paths
            .into_iter()
            .filter(|path| standard_stream(path).is_none())
            .filter_map(|path| {
                let meta = std::fs::metadata(path).ok()?;
                if !meta.is_file() {
                    return None;
                }
                #[cfg(unix)]
                let id = FileId::of_metadata(&meta);
                #[cfg(not(unix))]
                let id = FileId::of(path)?;
                Some((path, id))
            })
            .collect();
        Outputs { existing }
    }

    /// Whether no output could replace an input (then inputs need not be looked up).
    pub fn is_empty(&self) -> bool {
        self.existing.is_empty()
    }

    /// Refuses an input that is one of the outputs: `role` names it in the
    /// message (`the input map.yaml`, `the configuration .journeymap.yaml`).
    pub fn refuse(&self, input: Option<&FileId>, role: &str) -> Result<(), String> {
        let Some(input) = input else { return Ok(()) };
        match self.existing.iter().find(|(_, id)| id == input) {
            Some((path, _)) => Err(format!(
                "cannot write {}: it is the same file as {role}; choose another output file",
                crate::workspace::display_name::escape(path.as_os_str())
            )),
            None => Ok(()),
        }
    }

    /// [`Outputs::refuse`] for an input named by its path.
    pub fn refuse_path(&self, input: &Path, role: &str) -> Result<(), String> {
        if self.is_empty() {
            return Ok(());
        }
        self.refuse(FileId::of(input).as_ref(), role)
    }
}

/// Writes `bytes` to `path` as the module documentation says. Errors are
/// the system's, or one of journeymap's own (a directory, a block device,
/// a broken link) worded for `cannot write PATH: …`.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => replace(&link_target(path)?, bytes, Some(&meta)),
        Ok(meta) if meta.is_dir() => Err(refused("a directory")),
        Ok(meta) => write_special(path, &meta, bytes),
        Err(error) if error.kind() == io::ErrorKind::NotFound && path.is_symlink() => {
            Err(refused(crate::workspace::discover::BROKEN_LINK))
        }
        Err(error) if error.kind() == io::ErrorKind::NotFound => replace(path, bytes, None),
        Err(error) => Err(error),
    }
}

fn refused(why: &str) -> io::Error {
    io::Error::other(why.to_owned())
}

/// The file a link names, so that the link survives the rename.
fn link_target(path: &Path) -> io::Result<PathBuf> {
    if path.is_symlink() {
        std::fs::canonicalize(path)
    } else {
        Ok(path.to_path_buf())
    }
}

/// A FIFO, socket or character device: written to as it is.
fn write_special(path: &Path, meta: &Metadata, bytes: &[u8]) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let file_type = meta.file_type();
        if file_type.is_block_device() {
            return Err(refused(
                "a block device (a disk); journeymap writes files, FIFOs, sockets and character devices",
            ));
        }
        if file_type.is_socket() {
            // A socket cannot be opened; it is connected to.
            let mut stream = std::os::unix::net::UnixStream::connect(path)?;
            stream.write_all(bytes)?;
            return stream.flush();
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    // No truncation, no creation: the file is there and is not a regular one.
    let mut file = OpenOptions::new().write(true).open(path)?;
    file.write_all(bytes)?;
    file.flush()
}

/// Writes a temporary file beside `target` and renames it over `target`.
/// `existing` is what `target` is now, if anything: its mode is kept.
fn replace(target: &Path, bytes: &[u8], existing: Option<&Metadata>) -> io::Result<()> {
    let Some(name) = target.file_name() else {
        return Err(refused("not a file name"));
    };
    let directory = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temporary = Temporary::create(directory, name)?;
    if let Some(meta) = existing {
        keep_owner_and_mode(&temporary.file, meta);
    }
    temporary.file.write_all(bytes)?;
    temporary.file.sync_all()?;
    std::fs::rename(&temporary.path, target)?;
    temporary.renamed = true;
    // The rename lasts across a crash once the directory is synced too; not
    // every file system can sync a directory, and the data is safe anyway.
    if let Ok(directory) = File::open(directory) {
        let _ = directory.sync_all();
    }
    Ok(())
}

/// A replaced file's owner and mode, given to the file replacing it (the
/// owner first: changing it clears set-user-ID bits). Only root can give a
/// file away; a user keeps the group when they belong to it. Failing is
/// not an error: the file is the user's own then, with the mode kept.
fn keep_owner_and_mode(file: &File, meta: &Metadata) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(own) = file.metadata()
            && (own.uid(), own.gid()) != (meta.uid(), meta.gid())
        {
            let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
        }
    }
    let _ = file.set_permissions(meta.permissions());
}

/// A temporary file beside the target, removed unless it was renamed —
/// also by a signal that ends the process (see [`super::cleanup`]).
struct Temporary {
    path: PathBuf,
    file: File,
    renamed: bool,
    /// Dropped after the file is renamed or removed.
    _registered: super::cleanup::Registered,
}

impl Temporary {
    /// `.NAME.journeymap-PID-N.tmp` in `directory`: hidden, and saying
    /// whose it is. Created new (never through an existing file or link),
    /// mode 0666 less the umask.
    fn create(directory: &Path, name: &std::ffi::OsStr) -> io::Result<Temporary> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let mut attempts = 0;
        loop {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let mut file_name = std::ffi::OsString::from(".");
            file_name.push(name);
            file_name.push(format!(".journeymap-{}-{n}.tmp", std::process::id()));
            let path = directory.join(file_name);
            // Registered before it exists, so that no moment has it unknown to the handler.
            let registered = super::cleanup::register(&path)?;
            let mut options = OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o666);
            match options.open(&path) {
                Ok(file) => {
                    return Ok(Temporary {
                        path,
                        file,
                        renamed: false,
                        _registered: registered,
                    });
                }
                // Left by a process with this id that was killed: try the next name.
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists && attempts < 100 => {
                    attempts += 1;
                }
                Err(error) => return Err(error),
            }
        }
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if !self.renamed {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standard_streams_by_their_names() {
        for name in ["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"] {
            assert_eq!(
                standard_stream(Path::new(name)),
                Some(Stream::Stdout),
                "{name}"
            );
        }
        for name in ["/dev/stderr", "/dev/fd/2", "/proc/self/fd/2"] {
            assert_eq!(
                standard_stream(Path::new(name)),
                Some(Stream::Stderr),
                "{name}"
            );
        }
        for name in ["./-", "stdout", "/dev/stdout/", "/dev/fd/3", "/dev/null"] {
            assert_eq!(standard_stream(Path::new(name)), None, "{name}");
        }
    }
}
