//! Places in source text: a line and column, and how to find one; and the
//! one safe way to read a source file's bytes ([`read_inside`]).
//!
//! This is the floor under both the `yaml` module, which reports where
//! parsing stopped, and `diagnostics`, which shows a finding at its place. Keeping the type here, below both, is what lets
//! them use it without importing each other.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters (what an editor shows), not bytes.
    pub column: usize,
}

/// Converts a byte offset into a 1-based line and character column.
pub(crate) fn location_of(text: &str, offset: usize) -> Location {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Location {
        line,
        column: before[line_start..].chars().count() + 1,
    }
}

/// Why [`read_inside`] read nothing.
#[derive(Debug)]
pub enum ReadError {
    /// The path resolves (through a symbolic link) outside the root.
    Outside,
    /// A FIFO, socket, device or folder.
    NotRegular,
    /// Any other failure to read, as the operating system reported it.
    Io(std::io::Error),
}

/// Reads the regular file `root/rel`, provided that it lies inside `root`
/// once every symbolic link is resolved.
///
/// Every read of a site's source goes through here: loading, and the
/// snippets of the error report, which once read `/dev/zero` forever
/// through a link. Content must come from inside the site (a link to
/// `/etc/passwd` must not be published or quoted in an error), and a FIFO
/// or device must neither hang nor flood the build: the type is checked
/// before opening and again on the handle, which is opened non-blocking so
/// that a FIFO swapped in between cannot block.
pub fn read_inside(root: &Path, rel: &Path) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let path = root.join(rel).canonicalize().map_err(ReadError::Io)?;
    let real_root = root.canonicalize().map_err(ReadError::Io)?;
    if !path.starts_with(&real_root) {
        return Err(ReadError::Outside);
    }
    if !std::fs::metadata(&path).map_err(ReadError::Io)?.is_file() {
        return Err(ReadError::NotRegular);
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let mut file = options.open(&path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes).map_err(ReadError::Io)?;
    Ok(bytes)
}

/// [`read_inside`] as UTF-8 text, or nothing (for snippets, which are
/// simply left out when the file cannot be shown).
pub fn read_inside_text(root: &Path, rel: &Path) -> Option<String> {
    String::from_utf8(read_inside(root, rel).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_characters() {
        assert_eq!(
            location_of("甲乙\n丙丁", "甲乙\n丙".len()),
            Location { line: 2, column: 2 }
        );
    }
}
