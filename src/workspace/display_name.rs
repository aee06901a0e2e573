//! File names as reports show them: one line of text that names one file.
//!
//! A Unix file name is any bytes but `/` and NUL, so two names that are not
//! UTF-8 would print alike with U+FFFD for their bad bytes, and a newline in
//! a name would break a report's line. Every report shows the escaped name:
//!
//! | in the name | shown as |
//! |---|---|
//! | a byte that is not UTF-8 | `\xff` (two lowercase hex digits) |
//! | a newline, carriage return, tab | `\n`, `\r`, `\t` |
//! | another control character | `\x1b` (U+0000–U+001F, U+007F), `\u{85}` (U+0080–U+009F) |
//! | a backslash | `\\` |
//! | anything else | itself |
//!
//! The escaping is one to one, so [`unescape`] gives the name's bytes back
//! (SARIF percent-encodes those in its URIs). On Windows, where names are
//! Unicode, cannot hold control characters and `\` separates folders,
//! names are shown as they are.

use std::ffi::OsStr;
use std::fmt::Write as _;

/// The name as reports show it.
pub fn escape(name: &OsStr) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        escape_bytes(name.as_bytes())
    }
    #[cfg(not(unix))]
    {
        name.to_string_lossy().into_owned()
    }
}

/// A name given as text (`--stdin-filename`, a path on the command line), as reports show it.
pub fn escape_str(name: &str) -> String {
    escape(OsStr::new(name))
}

/// Escapes a Unix name's bytes (see the table at the top).
fn escape_bytes(mut bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    loop {
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                escape_text(text, &mut out);
                return out;
            }
            Err(error) => {
                let (valid, rest) = bytes.split_at(error.valid_up_to());
                // ok: from_utf8 vouched for the bytes before valid_up_to.
                escape_text(std::str::from_utf8(valid).unwrap_or_default(), &mut out);
                let bad = error.error_len().unwrap_or(rest.len());
                for byte in &rest[..bad] {
                    let _ = write!(out, "\\x{byte:02x}");
                }
                bytes = &rest[bad..];
            }
        }
    }
}

fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_ascii_control() => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
}

/// The bytes of the name a Unix report shows as `shown` ([`escape`] undone).
/// Text that no escaping gives (a lone `\`) is kept as it is.
pub fn unescape(shown: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(shown.len());
    let mut rest = shown;
    while let Some(at) = rest.find('\\') {
        out.extend_from_slice(&rest.as_bytes()[..at]);
        let escape = &rest[at..];
        let (bytes, length): (Vec<u8>, usize) = match escape.as_bytes().get(1) {
            Some(b'\\') => (vec![b'\\'], 2),
            Some(b'n') => (vec![b'\n'], 2),
            Some(b'r') => (vec![b'\r'], 2),
            Some(b't') => (vec![b'\t'], 2),
            Some(b'x') => match escape
                .get(2..4)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
            {
                Some(byte) => (vec![byte], 4),
                None => (vec![b'\\'], 1),
            },
            Some(b'u') => match unicode_escape(escape) {
                Some((c, length)) => (c.to_string().into_bytes(), length),
                None => (vec![b'\\'], 1),
            },
            _ => (vec![b'\\'], 1),
        };
        out.extend_from_slice(&bytes);
        rest = &escape[length..];
    }
    out.extend_from_slice(rest.as_bytes());
    out
}

/// `\u{85}` at the start of `text`: the character and the escape's length.
fn unicode_escape(text: &str) -> Option<(char, usize)> {
    let digits = text.strip_prefix("\\u{")?;
    let close = digits.find('}')?;
    let c = char::from_u32(u32::from_str_radix(&digits[..close], 16).ok()?)?;
    Some((c, "\\u{".len() + close + 1))
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::ffi::OsStrExt;

    use super::*;

    fn shown(bytes: &[u8]) -> String {
        escape(OsStr::from_bytes(bytes))
    }

    #[test]
    fn names_that_are_not_text_are_escaped_apart() {
        assert_eq!(shown(b"x\xff.yaml"), "x\\xff.yaml");
        assert_eq!(shown(b"x\xfe.yaml"), "x\\xfe.yaml");
        // A truncated sequence: each byte of it.
        assert_eq!(shown(b"caf\xc3"), "caf\\xc3");
        assert_eq!(shown(b"\xe2\x82.yaml"), "\\xe2\\x82.yaml");
        assert_eq!(shown("café — ok.yaml".as_bytes()), "café — ok.yaml");
    }

    #[test]
    fn line_breaks_controls_and_backslashes() {
        assert_eq!(shown(b"a\nb.yaml"), "a\\nb.yaml");
        assert_eq!(shown(b"a\r\tb\x1b[31m.yaml"), "a\\r\\tb\\x1b[31m.yaml");
        assert_eq!(shown("a\u{85}b".as_bytes()), "a\\u{85}b");
        assert_eq!(shown(b"a\\xff.yaml"), "a\\\\xff.yaml");
    }

    #[test]
    fn unescape_gives_the_bytes_back() {
        for name in [
            &b"x\xff.yaml"[..],
            b"a\nb\r\t\x1b\x7f.yaml",
            "a\u{85}\u{9f}é.yaml".as_bytes(),
            b"a\\xff\\n\\.yaml",
            b"maps/q1 100% \"a,b\".yaml",
            b"\\",
        ] {
            assert_eq!(unescape(&shown(name)), name, "{}", shown(name));
        }
        assert_eq!(unescape("lone \\ z"), b"lone \\ z");
    }
}
