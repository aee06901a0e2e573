//! Temporary files removed when a signal ends the process.
//!
//! [`super::write`] replaces a file by writing a temporary file beside it
//! and renaming it over the file. When SIGINT (Ctrl-C), SIGTERM, SIGHUP or
//! SIGQUIT ends journeymap in between, the temporary file must not stay
//! behind: every temporary file is [`register`]ed here before it is
//! created, and a signal handler removes the registered ones, then lets the
//! signal end the process as it would have (a shell shows 130 for SIGINT,
//! 143 for SIGTERM). The file being replaced is untouched until the rename,
//! so it is the old one or the new one.
//!
//! Why a handler and not Linux's `O_TMPFILE` (an unnamed file, linked in
//! when complete): `O_TMPFILE` is Linux only and not on every file system
//! (NFS, many FUSE ones), so the named temporary file and its cleanup would
//! be needed anyway; and a file can only be linked in under a new name, so
//! even `O_TMPFILE` needs a named temporary before the rename. One
//! mechanism, on every system, that the tests exercise. SIGKILL cannot be
//! caught by any program: `kill -9` during a write can leave the hidden
//! `.NAME.journeymap-PID-N.tmp`, whose name says what it is.
//!
//! The handler is installed with the first temporary file, so a run that
//! writes none keeps the default signal behaviour; a signal the process was
//! started ignoring (`nohup`, `&` in a script) stays ignored.
//!
//! What a signal handler may do is narrow (async-signal-safe calls only):
//! it reads a fixed table of atomic pointers to the paths, as C strings,
//! and calls `unlink`, `signal` and `raise`. Whoever takes a pointer out of
//! the table — the handler or the writer that is done with it — owns it,
//! so the handler never reads a path that is being freed.

use std::ffi::{CString, c_char};
use std::io;
use std::path::Path;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicPtr, Ordering};

/// Temporary files that can exist at once: one per output being written,
/// so one per thread at most.
const SLOTS: usize = 256;

static TABLE: [AtomicPtr<c_char>; SLOTS] = [const { AtomicPtr::new(null_mut()) }; SLOTS];

/// A path in the table; dropping it takes the path out again.
pub struct Registered {
    slot: usize,
    path: *mut c_char,
}

/// Puts `path` in the table (installing the handler the first time), so
/// that a signal removes the file from now until the [`Registered`] is dropped.
pub fn register(path: &Path) -> io::Result<Registered> {
    #[cfg(unix)]
    install();
    let bytes = path_bytes(path);
    let path = CString::new(bytes)
        .map_err(|_| io::Error::other("a NUL byte in the file name"))?
        .into_raw();
    for (slot, entry) in TABLE.iter().enumerate() {
        if entry
            .compare_exchange(null_mut(), path, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
        {
            return Ok(Registered { slot, path });
        }
    }
    // SAFETY: `path` came from `CString::into_raw` above and is in no slot.
    drop(unsafe { CString::from_raw(path) });
    Err(io::Error::other(format!(
        "more than {SLOTS} files are being written at once"
    )))
}

impl Drop for Registered {
    fn drop(&mut self) {
        let taken = TABLE[self.slot].compare_exchange(
            self.path,
            null_mut(),
            Ordering::SeqCst,
            Ordering::SeqCst,
        );
        if taken.is_ok() {
            // SAFETY: this pointer came from `CString::into_raw` in
            // `register`, and taking it out of its slot made it ours alone.
            drop(unsafe { CString::from_raw(self.path) });
        }
        // Otherwise the handler took it: the process is ending.
    }
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

/// The signals that end a process by default and that a user or a system
/// sends to stop one.
#[cfg(unix)]
const SIGNALS: [libc::c_int; 4] = [libc::SIGHUP, libc::SIGINT, libc::SIGQUIT, libc::SIGTERM];

#[cfg(unix)]
fn install() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        for signal in SIGNALS {
            // SAFETY: sigaction with a null new action only reads the
            // current one into `current`, a zeroed, valid `sigaction`.
            let mut current: libc::sigaction = unsafe { std::mem::zeroed() };
            let read = unsafe { libc::sigaction(signal, std::ptr::null(), &mut current) };
            // Ignored stays ignored; someone else's handler stays theirs.
            if read != 0 || current.sa_sigaction != libc::SIG_DFL {
                continue;
            }
            // SAFETY: a zeroed `sigaction` is valid; the mask is filled by
            // sigemptyset/sigaddset, and the handler only makes
            // async-signal-safe calls.
            unsafe {
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = remove_and_reraise as extern "C" fn(libc::c_int) as usize;
                libc::sigemptyset(&mut action.sa_mask);
                // One signal at a time: a second waits for the first's cleanup.
                for other in SIGNALS {
                    libc::sigaddset(&mut action.sa_mask, other);
                }
                libc::sigaction(signal, &action, std::ptr::null_mut());
            }
        }
    });
}

/// The handler: removes every registered file, then ends the process by
/// `signal` with its default action, as if journeymap had not caught it.
#[cfg(unix)]
extern "C" fn remove_and_reraise(signal: libc::c_int) {
    for entry in &TABLE {
        let path = entry.swap(null_mut(), Ordering::SeqCst);
        if !path.is_null() {
            // SAFETY: a non-null pointer in the table is a NUL-terminated
            // path from `CString::into_raw`; taking it out made it ours, and
            // it is never freed (the process is ending).
            unsafe { libc::unlink(path) };
        }
    }
    // SAFETY: signal and raise are async-signal-safe. The signal is blocked
    // while this handler runs, so it is delivered, with the default action
    // (ending the process), as soon as the handler returns.
    unsafe {
        libc::signal(signal, libc::SIG_DFL);
        libc::raise(signal);
    }
}
