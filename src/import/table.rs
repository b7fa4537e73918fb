//! The one shape every reader produces: a grid of text cells, merged regions
//! already resolved, each cell remembering where it came from.
//!
//! Readers (workbook, CSV, HTML, OCR text) differ only in how they get
//! text out of a file; everything after them — finding headers, mapping
//! rows to projects, flagging guesses — works on [`Table`], so one mapper
//! serves every format and every error can name the exact source cell.
//!
//! A table also keeps a ledger of which cells the mapper used. That is
//! what makes the import's promise checkable: after mapping, every
//! non-empty cell that no field took is listed in the report as not
//! placed, with the reason the mapper gave or "not recognised". A mapper
//! that forgets to record a cell makes the report noisier, never quieter.

use std::cell::RefCell;
use std::collections::BTreeMap;
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
            Origin::Text { line, column } => {
                f.write_str(&crate::t!("origin-text", line = line, column = column))
            }
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

/// How a number cell's text relates to what the sheet shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shown {
    /// General format: the text is what the sheet shows.
    General,
    /// Rendered through its number format (`0.95` with `0%` → `95%`).
    Formatted,
    /// The format could not be read or rendered (.xls, a date or
    /// scientific format): the text is the stored value.
    Unknown,
}

/// How a cell's text was obtained; the mapper flags the doubtful kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum CellKind {
    /// Text as stored or displayed in the source.
    #[default]
    Text,
    /// A binary number from a workbook, written back as its shortest
    /// round-trip decimal text, then as its number format shows it.
    /// `exact` is false when that text is long enough (binary-fraction
    /// noise such as `0.30000000000000004`) that the figure the clerk
    /// typed cannot be known for sure.
    Number { exact: bool, shown: Shown },
    /// Copied from the top-left cell of a merged region (or, for OCR and
    /// HTML, from a rowspan/colspan) rather than read at this spot.
    Merged,
    /// A word of an OCR line whose tabs were lost: split at spaces, so its
    /// column is a guess.
    Split,
    /// An OCR line of one word inside a table: a wrapped name, a stray
    /// signature; the mapper decides, and flags what it decides.
    Loose,
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
    /// Which cells a mapper used or set aside, by `(row, col)`.
    ledger: RefCell<BTreeMap<(usize, usize), Use>>,
}

/// What became of one cell.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Use {
    /// It landed in a field, or it is structure (a header label).
    Placed,
    /// It was looked at and deliberately left out, for this reason.
    SetAside(String),
}

/// A source cell (or OCR line) that no field took, for the import report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotPlaced {
    /// Sheet, table or page, then the cell or line: `工作表 Sheet1 C12`.
    pub at: String,
    /// The cell's text, as read.
    pub text: String,
    /// Why it was not placed.
    pub reason: String,
}

impl Table {
    pub(crate) fn new(part: String, rows: Vec<Vec<Cell>>, context: Vec<String>) -> Table {
        Table {
            part,
            rows,
            context,
            ledger: RefCell::default(),
        }
    }

    /// Records that the cell at `(row, col)` landed in a field.
    pub(crate) fn place(&self, row: usize, col: usize) {
        self.ledger.borrow_mut().insert((row, col), Use::Placed);
    }

    /// Records every cell of `row` as used (a header, a row read whole).
    pub(crate) fn place_row(&self, row: usize) {
        let len = self.rows.get(row).map_or(0, Vec::len);
        let mut ledger = self.ledger.borrow_mut();
        for col in 0..len {
            ledger.insert((row, col), Use::Placed);
        }
    }

    /// Records that the cell was deliberately left out, and why. A cell
    /// already placed stays placed.
    pub(crate) fn set_aside(&self, row: usize, col: usize, reason: &str) {
        self.ledger
            .borrow_mut()
            .entry((row, col))
            .or_insert_with(|| Use::SetAside(reason.to_owned()));
    }

    /// [`Table::set_aside`] for every non-empty cell of `row`.
    pub(crate) fn set_aside_row(&self, row: usize, reason: &str) {
        let len = self.rows.get(row).map_or(0, Vec::len);
        for col in 0..len {
            self.set_aside(row, col, reason);
        }
    }

    /// Every non-empty cell no field took, in reading order. Merged copies
    /// are not listed: their text is the top-left cell's, listed once.
    pub(crate) fn not_placed(&self) -> Vec<NotPlaced> {
        let ledger = self.ledger.borrow();
        let mut out = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if cell.text.trim().is_empty() || cell.kind == CellKind::Merged {
                    continue;
                }
                let reason = match ledger.get(&(r, c)) {
                    Some(Use::Placed) => continue,
                    Some(Use::SetAside(why)) => why.clone(),
                    None => crate::t!("import-unplaced-unknown"),
                };
                out.push(NotPlaced {
                    at: format!("{} {}", self.part, cell.origin),
                    text: cell.text.trim().to_owned(),
                    reason,
                });
            }
        }
        out
    }

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
    Table::new("测试".into(), out, Vec::new())
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
