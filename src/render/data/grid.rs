//! The printed forms' grid: cells placed in any order, with merged
//! ranges, then written row by row as sheets of one workbook.
//!
//! The per-project workbook holds the forms a finance office prints: the
//! 绩效目标表 ([`super::xlsx::official`]) and, when the project has one,
//! the 项目支出绩效自评表 ([`super::self_evaluation`]). Both are laid out
//! cell by cell here and written through [`super::ooxml`], which wants
//! cells in row order. Every value is a text cell, exactly as written, so
//! that `gongkai import` reads the workbook back to the same figures.

use std::collections::BTreeMap;

use crate::error::Result;

use super::ooxml::{Properties, SheetHead, Style, Value, Workbook};
use super::writer_error;

/// What a cell of the grid holds, before it is written.
enum Content {
    Blank,
    Text(String),
}

/// A form's cells, in any order, with its merged ranges.
#[derive(Default)]
pub(crate) struct Grid {
    cells: BTreeMap<(u32, u16), (Content, Style)>,
    merges: Vec<((u32, u16), (u32, u16))>,
}

impl Grid {
    /// Text in one cell.
    pub(crate) fn text(&mut self, row: u32, col: u16, text: impl Into<String>, style: Style) {
        self.cells
            .insert((row, col), (Content::Text(text.into()), style));
    }

    /// Text in one cell, or only its style (its borders) when `None`.
    pub(crate) fn maybe(&mut self, row: u32, col: u16, text: Option<String>, style: Style) {
        let content = text.map_or(Content::Blank, Content::Text);
        self.cells.insert((row, col), (content, style));
    }

    /// A merged range: the text in its top-left cell and the style (the
    /// grid's borders) on every cell, as Excel draws a merged cell.
    pub(crate) fn merge(&mut self, first: (u32, u16), last: (u32, u16), text: &str, style: Style) {
        if first == last {
            return self.text(first.0, first.1, text, style);
        }
        for row in first.0..=last.0 {
            for col in first.1..=last.1 {
                self.cells.insert((row, col), (Content::Blank, style));
            }
        }
        self.text(first.0, first.1, text, style);
        self.merges.push((first, last));
    }

    /// The last row and the widest column with a cell.
    fn extent(&self) -> Option<(u32, u16)> {
        self.cells
            .keys()
            .fold(None, |extent: Option<(u32, u16)>, &(r, c)| {
                Some(extent.map_or((r, c), |(er, ec)| (er.max(r), ec.max(c))))
            })
    }
}

/// One sheet of a forms workbook.
pub(crate) struct GridSheet<'a> {
    pub name: &'a str,
    pub grid: &'a Grid,
    /// Column widths in Excel's character units, from column A.
    pub widths: &'a [f64],
}

fn io(error: std::io::Error) -> crate::error::Error {
    writer_error("xlsx", error)
}

/// The grids as the sheets of one workbook, in order.
pub(crate) fn workbook(properties: &Properties<'_>, sheets: &[GridSheet<'_>]) -> Result<Vec<u8>> {
    let names: Vec<&str> = sheets.iter().map(|s| s.name).collect();
    let size = sheets.iter().map(|s| s.grid.cells.len() * 48).sum();
    let mut book = Workbook::new(properties, &names, size).map_err(io)?;
    for GridSheet { grid, widths, .. } in sheets {
        let mut sheet = book
            .sheet(&SheetHead {
                widths,
                frozen_header: false,
                extent: grid.extent(),
            })
            .map_err(io)?;
        for ((row, col), (content, style)) in &grid.cells {
            let value = match content {
                Content::Blank => Value::Blank,
                Content::Text(t) => Value::Text(t),
            };
            sheet.cell(*row, *col, value, *style).map_err(io)?;
        }
        for (first, last) in &grid.merges {
            sheet.merge(*first, *last);
        }
        sheet.finish().map_err(io)?;
    }
    book.finish().map_err(io)
}
