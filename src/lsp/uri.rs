//! `file://` URIs and paths.
//!
//! lsp-types' `Uri` parses URIs but does not turn them into paths; the two
//! directions here are all the server needs (RFC 8089: `file://` with an
//! empty or `localhost` authority, the path percent-encoded).

use std::path::{Path, PathBuf};

/// The path of a `file:` URI; `None` for other schemes (`untitled:`) and
/// for URIs that do not name a local file.
pub fn to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri
        .strip_prefix("file://")
        .or_else(|| uri.strip_prefix("FILE://"))?;
    let path = match rest.strip_prefix("localhost") {
        Some(path) => path,
        None if rest.starts_with('/') => rest,
        None => return None, // another host
    };
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let decoded = percent_decode(path)?;
    // `file:///C:/maps/x.yaml` on Windows.
    #[cfg(windows)]
    let decoded = match decoded.strip_prefix('/') {
        Some(rest) if rest.as_bytes().get(1) == Some(&b':') => rest.to_owned(),
        _ => decoded,
    };
    Some(PathBuf::from(decoded))
}

/// The `file://` URI of an absolute path.
pub fn from_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut uri = String::from("file://");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for byte in text.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(byte as char)
            }
            other => uri.push_str(&format!("%{other:02X}")),
        }
    }
    uri
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_and_paths() {
        assert_eq!(
            to_path("file:///home/a/Grocery%20Shop.yaml"),
            Some(PathBuf::from("/home/a/Grocery Shop.yaml"))
        );
        assert_eq!(
            to_path("file://localhost/tmp/%E6%97%85.yaml"),
            Some(PathBuf::from("/tmp/旅.yaml"))
        );
        assert_eq!(to_path("untitled:Untitled-1"), None);
        assert_eq!(to_path("file://server/share/x.yaml"), None);
        assert_eq!(to_path("file:///bad%zz"), None);
        let path = Path::new("/tmp/a b/旅.yaml");
        assert_eq!(to_path(&from_path(path)).as_deref(), Some(path));
    }
}
