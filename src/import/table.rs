//! The one shape every reader produces: a grid of text cells, merged regions
//! already resolved, each cell remembering where it came from.
//!
//! Readers (workbook, CSV, HTML, OCR text) differ only in how they get
//! text out of a file; everything after them — finding headers, mapping
//! rows to projects, flagging guesses — works on [`Table`], so one mapper
//! serves every format and every error can name the exact source cell.

use std::fmt;

/// Where a cell was read, in the notation a clerk uses to find it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// A spreadsheet or HTML table cell, zero-based; shown in A1 notation.
    Grid { row: u32, col: u32 },
    /// A text file, one-based line and character column.
    Text { line: usize, column: usize },
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Origin::Grid { row, col } => write!(f, "{}", a1(row, col)),
            Origin::Text { line, column } => write!(f, "line {line}, column {column}"),
        }
    }
}

/// `(0, 0)` → `A1`, `(4, 27)` → `AB5`.
pub(crate) fn a1(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.reverse();
    let mut out: String = letters.into_iter().collect();
    out.push_str(&(row + 1).to_string());
    out
}

/// How a cell's text was obtained; the mapper flags the doubtful kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum CellKind {
    /// Text as stored or displayed in the source.
    #[default]
    Text,
    /// A binary number from a workbook, written back as its shortest
    /// round-trip decimal text. `exact` is false when that text is long
    /// enough (binary-fraction noise such as `0.30000000000000004`) that
    /// the figure the clerk typed cannot be known for sure.
    Number { exact: bool },
    /// Copied from the top-left cell of a merged region (or, for OCR and
    /// HTML, from a rowspan/colspan) rather than read at this spot.
    Merged,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cell {
    pub(crate) text: String,
    pub(crate) origin: Origin,
    pub(crate) kind: CellKind,
}

/// One sheet, HTML table or text page, as rows of cells.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    /// What the header comment calls this part of the file: `工作表 Sheet1`,
    /// `第 2 个表格`, `第 3 页`.
    pub(crate) part: String,
    /// Rows of cells; every row may have a different length.
    pub(crate) rows: Vec<Vec<Cell>>,
    /// Text around the table that may name the unit or year (an HTML
    /// page's title, an OCR page's title line).
    pub(crate) context: Vec<String>,
}

impl Table {
    /// The cell at `(row, col)`, if the row is that long.
    pub(crate) fn cell(&self, row: usize, col: usize) -> Option<&Cell> {
        self.rows.get(row).and_then(|r| r.get(col))
    }

    /// The trimmed text at `(row, col)`, empty when there is no cell.
    pub(crate) fn text(&self, row: usize, col: usize) -> &str {
        self.cell(row, col).map_or("", |c| c.text.trim())
    }
}

/// Label text reduced to what identifies it: no whitespace of any width
/// (labels carry line breaks and full-width spaces, `一级\n指标`), no
/// colons, no stars or bracketed unit notes.
pub(crate) fn label_key(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for ch in text.chars() {
        match ch {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            c if depth > 0 => {
                let _ = c;
            }
            c if c.is_whitespace() || matches!(c, '：' | ':' | '*' | '＊' | '\u{3000}') => {}
            c => out.push(c),
        }
    }
    out
}

/// A table from literal rows, for mapper tests; `=` marks a merged copy
/// of the cell above or to the left.
#[cfg(test)]
pub(crate) fn grid(rows: &[&[&str]]) -> Table {
    let mut out: Vec<Vec<Cell>> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut cells: Vec<Cell> = Vec::new();
        for (c, text) in row.iter().enumerate() {
            let origin = Origin::Grid {
                row: r as u32,
                col: c as u32,
            };
            let cell = if *text == "=" {
                let from = out
                    .get(r.wrapping_sub(1))
                    .and_then(|above| above.get(c))
                    .filter(|above| !above.text.is_empty())
                    .or(cells.last());
                Cell {
                    text: from.map(|f| f.text.clone()).unwrap_or_default(),
                    origin,
                    kind: CellKind::Merged,
                }
            } else {
                Cell {
                    text: (*text).to_owned(),
                    origin,
                    kind: CellKind::Text,
                }
            };
            cells.push(cell);
        }
        out.push(cells);
    }
    Table {
        part: "测试".into(),
        rows: out,
        context: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_notation() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(4, 25), "Z5");
        assert_eq!(a1(9, 26), "AA10");
        assert_eq!(a1(0, 27), "AB1");
    }

    #[test]
    fn label_keys_ignore_layout_noise() {
        assert_eq!(label_key("一级\n指标"), "一级指标");
        assert_eq!(label_key("项目名称："), "项目名称");
        assert_eq!(label_key("金额（万元）"), "金额");
        assert_eq!(label_key("年度\u{3000}目标"), "年度目标");
    }
}
