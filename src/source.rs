//! Places in source text: a line and column, and how to find one.
//!
//! This is the floor under both the `yaml` module, which reports where
//! parsing stopped, and `diagnostics`, which shows a finding at its place. Keeping the type here, below both, is what lets
//! them use it without importing each other.

use serde::Serialize;

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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
