//! The workbook reader (.xlsx, .xlsm, .xls, .ods) through calamine: one
//! [`Table`] per non-empty sheet, merged regions resolved.
//!
//! A merged region's value lives only in its top-left cell; the reader
//! copies it into every cell of the region and marks the copies
//! [`CellKind::Merged`], so that mappers read a vertically merged 一级指标
//! on every row and know that it was the file, not a guess, that said so.
//! Numbers arrive as binary floats and are turned back into their shortest
//! round-trip text ([`amount::float_text`]), never computed with.

use std::path::Path;

use calamine::{Data, Dimensions, Reader, Sheets, open_workbook_auto};

use super::table::{Cell, CellKind, Origin, Shown, Table};
use super::{amount, numfmt, styles};

/// Why a workbook could not be read, for the caller to attach the file.
pub(super) struct ReadError {
    pub sheet: Option<String>,
    pub message: String,
    pub help: String,
}

pub(super) fn read(path: &Path) -> Result<Vec<Table>, ReadError> {
    let mut book = open_workbook_auto(path).map_err(|e| open_error(&e.to_string()))?;
    // Number formats are read for .xlsx and BIFF8 .xls; elsewhere (.ods,
    // .xlsb, older .xls) a number is written as stored and flagged.
    let formats = match &book {
        Sheets::Xlsx(_) => styles::read(path),
        Sheets::Xls(_) => styles::read_xls(path),
        _ => None,
    };
    let mut tables = Vec::new();
    for name in book.sheet_names() {
        let sheet_formats = formats
            .as_ref()
            .map(|f| f.get(&name).cloned().unwrap_or_default());
        let range = book.worksheet_range(&name).map_err(|e| {
            let mut err = open_error(&e.to_string());
            err.sheet = Some(name.clone());
            err
        })?;
        let merges: Vec<Dimensions> = match &mut book {
            Sheets::Xlsx(x) => x.worksheet_merge_cells(&name).and_then(Result::ok),
            Sheets::Xls(x) => x.worksheet_merge_cells(&name),
            _ => None,
        }
        .unwrap_or_default();
        let Some((end_row, end_col)) = range.end() else {
            continue; // an empty sheet holds nothing to import
        };
        let mut rows: Vec<Vec<Cell>> = (0..=end_row)
            .map(|row| {
                (0..=end_col)
                    .map(|col| {
                        let format = sheet_formats.as_ref().map(|f| f.get(&(row, col)));
                        cell(range.get_value((row, col)), row, col, format)
                    })
                    .collect()
            })
            .collect();
        for region in &merges {
            resolve(&mut rows, region);
        }
        tables.push(Table::new(
            crate::t!("part-sheet", name = name),
            rows,
            vec![name.clone()],
        ));
    }
    Ok(tables)
}

fn open_error(message: &str) -> ReadError {
    let lower = message.to_lowercase();
    let (message, help) = if lower.contains("password") || lower.contains("encrypt") {
        (
            crate::t!("import-password"),
            crate::t!("import-password-help"),
        )
    } else {
        (
            crate::t!("import-workbook-unreadable", error = message),
            crate::t!("import-workbook-unreadable-help"),
        )
    };
    ReadError {
        sheet: None,
        message,
        help,
    }
}

/// One cell. `format` is `None` when the workbook's formats are unknown,
/// `Some(None)` for a General cell, else its format code.
fn cell(data: Option<&Data>, row: u32, col: u32, format: Option<Option<&String>>) -> Cell {
    let number = |text: String, exact: bool| match format {
        None => (
            text,
            CellKind::Number {
                exact,
                shown: Shown::Unknown,
            },
        ),
        Some(None) => (
            text,
            CellKind::Number {
                exact,
                shown: Shown::General,
            },
        ),
        Some(Some(code)) => match numfmt::render(&text, code) {
            Some(shown) => (
                shown,
                CellKind::Number {
                    exact,
                    shown: Shown::Formatted,
                },
            ),
            None => (
                text,
                CellKind::Number {
                    exact,
                    shown: Shown::Unknown,
                },
            ),
        },
    };
    let (text, kind) = match data {
        None | Some(Data::Empty) => (String::new(), CellKind::Text),
        Some(Data::String(s)) => (s.clone(), CellKind::Text),
        Some(Data::Float(f)) => {
            let (text, exact) = amount::float_text(*f);
            number(text, exact)
        }
        Some(Data::Int(i)) => number(i.to_string(), true),
        Some(Data::Bool(b)) => (if *b { "TRUE" } else { "FALSE" }.to_owned(), CellKind::Text),
        Some(Data::DateTimeIso(s) | Data::DurationIso(s)) => (s.clone(), CellKind::Text),
        Some(other) => (other.to_string(), CellKind::Text),
    };
    Cell {
        text,
        origin: Origin::Grid { row, col },
        kind,
    }
}

/// Copies a region's top-left text into its other cells.
fn resolve(rows: &mut [Vec<Cell>], region: &Dimensions) {
    let (r0, c0) = (region.start.0 as usize, region.start.1 as usize);
    let Some(text) = rows.get(r0).and_then(|r| r.get(c0)).map(|c| c.text.clone()) else {
        return;
    };
    for r in r0..=region.end.0 as usize {
        for c in c0..=region.end.1 as usize {
            if (r, c) == (r0, c0) {
                continue;
            }
            if let Some(cell) = rows.get_mut(r).and_then(|row| row.get_mut(c)) {
                cell.text = text.clone();
                cell.kind = CellKind::Merged;
            }
        }
    }
}
