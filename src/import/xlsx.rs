//! The workbook reader (.xlsx, .xlsm, .xlsb, .xls, .ods) through calamine:
//! one [`Table`] per non-empty sheet, merged regions resolved.
//!
//! A merged region's value lives only in its top-left cell; the reader
//! copies it into every cell of the region and marks the copies
//! [`CellKind::Merged`], so that mappers read a vertically merged 一级指标
//! on every row and know that it was the file, not a guess, that said so.
//! Numbers arrive as binary floats and are turned back into their shortest
//! round-trip text ([`amount::float_text`]), never computed with.
//!
//! Nothing a file declares is allocated before it is measured: the
//! container is checked first ([`container`]), cells are streamed one by
//! one where calamine allows it (.xlsx, .xlsb) and each is checked against
//! the [limits](super::limits) as it arrives, and the grid is built from
//! the cells that exist, after its size is known. calamine panics on some
//! damaged files; such a panic is caught and reported as an unreadable
//! workbook ([`contain`]).

use std::cell::Cell as Flag;
use std::io::Cursor;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use calamine::{Data, DataRef, Dimensions, Ods, Reader, Xls, Xlsb, Xlsx};

use super::container;
use super::limits::{self, Budget, Refusal};
use super::table::{Cell, CellKind, Origin, Shown, Table, a1};
use super::{amount, numfmt, styles};

type Bytes<'a> = Cursor<&'a [u8]>;

/// An opened workbook, by format.
enum Book<'a> {
    Xlsx(Xlsx<Bytes<'a>>),
    Xlsb(Xlsb<Bytes<'a>>),
    Xls(Xls<Cursor<Vec<u8>>>),
    Ods(Ods<Bytes<'a>>),
}

/// One sheet's cells as the file has them: only those with a value, at
/// their zero-based `(row, col)`, before any grid exists.
struct Sparse {
    name: String,
    cells: Vec<(u32, u32, Data)>,
    merges: Vec<Dimensions>,
}

/// Reads a workbook of the format `ext` names (`xlsx`, `xls`, …) from its
/// bytes, taking its cells from `budget`.
pub(super) fn read(bytes: &[u8], ext: &str, budget: &mut Budget) -> Result<Vec<Table>, Refusal> {
    let (mut book, xls_stream) = open(bytes, ext)?;
    let names = contain(|| match &book {
        Book::Xlsx(b) => b.sheet_names(),
        Book::Xlsb(b) => b.sheet_names(),
        Book::Xls(b) => b.sheet_names(),
        Book::Ods(b) => b.sheet_names(),
    })
    .map_err(|e| open_error(&e))?;
    let mut sheets = Vec::new();
    let mut count = 0u64;
    for name in names {
        let part = crate::t!("part-sheet", name = name);
        let sheet = sparse(&mut book, &name, &mut count, budget).map_err(|r| r.in_part(&part))?;
        sheets.push(sheet);
    }
    // Number formats are read for .xlsx and BIFF8 .xls, once every sheet
    // has passed the limits; elsewhere (.ods, .xlsb, older .xls) a number
    // is written as stored and flagged.
    let formats = match (&book, &xls_stream) {
        (Book::Xlsx(_), _) => styles::read(bytes),
        (Book::Xls(_), Some(stream)) => styles::read_xls(stream),
        _ => None,
    };
    let mut tables = Vec::new();
    for sheet in sheets {
        let part = crate::t!("part-sheet", name = sheet.name);
        let sheet_formats = formats
            .as_ref()
            .map(|f| f.get(&sheet.name).cloned().unwrap_or_default());
        let name = sheet.name.clone();
        let Some(rows) =
            grid(sheet, sheet_formats.as_ref(), budget).map_err(|r| r.in_part(&part))?
        else {
            continue; // an empty sheet holds nothing to import
        };
        tables.push(Table::new(part, rows, vec![name]));
    }
    Ok(tables)
}

/// Measures the container, then opens it with calamine. An .xls is
/// opened from the compound file [`container::xls`] rebuilt around the
/// workbook stream it measured, which is also returned for the styles.
fn open<'a>(bytes: &'a [u8], ext: &str) -> Result<(Book<'a>, Option<Vec<u8>>), Refusal> {
    let fail = |e: &dyn std::fmt::Display| open_error(&e.to_string());
    if ext == "xls" {
        let measured = match container::xls(bytes) {
            Ok(m) => m,
            Err(container::XlsFailure::Password) => return Err(open_error("password")),
            Err(container::XlsFailure::Unreadable(why)) => return Err(open_error(&why)),
            Err(container::XlsFailure::Refused(r)) => return Err(r),
        };
        let file = Cursor::new(measured.file);
        let book = contain(|| Xls::new(file))
            .map_err(|e| fail(&e))?
            .map_err(|e| fail(&e))?;
        return Ok((Book::Xls(book), Some(measured.stream)));
    }
    if container::is_compound_file(bytes) {
        return Err(if container::encrypted(bytes) {
            open_error("password")
        } else {
            open_error(&crate::t!("import-compound-not-zip"))
        });
    }
    container::zip(bytes)?;
    let cursor = Cursor::new(bytes);
    let book = match ext {
        "xlsb" => contain(|| Xlsb::new(cursor).map(Book::Xlsb).map_err(|e| e.to_string())),
        "ods" => contain(|| Ods::new(cursor).map(Book::Ods).map_err(|e| e.to_string())),
        _ => contain(|| Xlsx::new(cursor).map(Book::Xlsx).map_err(|e| e.to_string())),
    };
    let book = book.map_err(|e| fail(&e))?.map_err(|e| fail(&e))?;
    Ok((book, None))
}

/// The cells of one sheet with a value, each checked against the limits
/// as it arrives, its text taken from `budget` before it is copied (a
/// shared string is copied into every cell that uses it); `count` is the
/// cells of the file so far.
fn sparse(
    book: &mut Book<'_>,
    name: &str,
    count: &mut u64,
    budget: &mut Budget,
) -> Result<Sparse, Refusal> {
    let mut cells: Vec<(u32, u32, Data)> = Vec::new();
    let mut keep = |row: u32, col: u32, data: DataRef<'_>| -> Result<(), Refusal> {
        let text = match &data {
            DataRef::Empty => return Ok(()),
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Some(&**s),
            DataRef::SharedString(s) => Some(*s),
            _ => None,
        };
        let at = || a1(row, col);
        limits::extent(u64::from(row) + 1, u64::from(col) + 1).map_err(|r| r.at(at()))?;
        if let Some(text) = text {
            limits::cell_text(text).map_err(|r| r.at(at()))?;
            budget.text(text.len() as u64).map_err(|r| r.at(at()))?;
        }
        *count += 1;
        Budget::new().check(*count).map_err(|r| r.at(at()))?;
        cells.push((row, col, Data::from(data)));
        Ok(())
    };
    let fail = |e: &dyn std::fmt::Display| open_error(&e.to_string());
    let merges = match book {
        Book::Xlsx(b) => {
            let mut reader = contain(|| b.worksheet_cells_reader(name))
                .map_err(|e| fail(&e))?
                .map_err(|e| fail(&e))?;
            while let Some(cell) = contain(|| reader.next_cell())
                .map_err(|e| fail(&e))?
                .map_err(|e| fail(&e))?
            {
                let (row, col) = cell.get_position();
                keep(row, col, cell.get_value().clone())?;
            }
            drop(reader);
            contain(|| b.worksheet_merge_cells(name))
                .ok()
                .flatten()
                .and_then(Result::ok)
        }
        Book::Xlsb(b) => {
            let mut reader = contain(|| b.worksheet_cells_reader(name))
                .map_err(|e| fail(&e))?
                .map_err(|e| fail(&e))?;
            while let Some(cell) = contain(|| reader.next_cell())
                .map_err(|e| fail(&e))?
                .map_err(|e| fail(&e))?
            {
                let (row, col) = cell.get_position();
                keep(row, col, cell.get_value().clone())?;
            }
            None
        }
        // Both are read whole by calamine, after the container check
        // measured them.
        Book::Xls(b) => {
            let range = contain(|| b.worksheet_range(name))
                .map_err(|e| fail(&e))?
                .map_err(|e| fail(&e))?;
            for_each_used(&range, &mut keep)?;
            b.worksheet_merge_cells(name)
        }
        Book::Ods(b) => {
            let range = contain(|| b.worksheet_range(name))
                .map_err(|e| fail(&e))?
                .map_err(|e| fail(&e))?;
            for_each_used(&range, &mut keep)?;
            None
        }
    };
    Ok(Sparse {
        name: name.to_owned(),
        cells,
        merges: merges.unwrap_or_default(),
    })
}

/// Hands each non-empty cell of a range to `keep`, at its absolute position.
fn for_each_used(
    range: &calamine::Range<Data>,
    keep: &mut impl FnMut(u32, u32, DataRef<'_>) -> Result<(), Refusal>,
) -> Result<(), Refusal> {
    let (r0, c0) = range.start().unwrap_or_default();
    for (r, c, data) in range.used_cells() {
        let data = match data {
            Data::Int(i) => DataRef::Int(*i),
            Data::Float(f) => DataRef::Float(*f),
            Data::String(s) => DataRef::SharedString(s),
            Data::Bool(b) => DataRef::Bool(*b),
            Data::DateTime(d) => DataRef::DateTime(*d),
            Data::DateTimeIso(s) => DataRef::DateTimeIso(s.clone()),
            Data::DurationIso(s) => DataRef::DurationIso(s.clone()),
            Data::Error(e) => DataRef::Error(e.clone()),
            Data::Empty => DataRef::Empty,
        };
        keep(r0 + r as u32, c0 + c as u32, data)?;
    }
    Ok(())
}

/// The sheet's grid, from row 0 and column 0 to its last cell with a
/// value, once its size has been taken from `budget`; `None` for an
/// empty sheet.
fn grid(
    sheet: Sparse,
    formats: Option<&styles::SheetFormats>,
    budget: &mut Budget,
) -> Result<Option<Vec<Vec<Cell>>>, Refusal> {
    let Some(end_row) = sheet.cells.iter().map(|c| c.0).max() else {
        return Ok(None);
    };
    let end_col = sheet.cells.iter().map(|c| c.1).max().unwrap_or(0);
    let (rows, cols) = (u64::from(end_row) + 1, u64::from(end_col) + 1);
    budget
        .grid(rows, cols)
        .map_err(|r| r.at(a1(end_row, end_col)))?;
    let empty = |row: u32, col: u32| Cell {
        text: String::new(),
        origin: Origin::Grid { row, col },
        kind: CellKind::Text,
    };
    let mut out: Vec<Vec<Cell>> = (0..=end_row)
        .map(|row| (0..=end_col).map(|col| empty(row, col)).collect())
        .collect();
    // A later cell at the same place wins, as in calamine's own grid.
    for (row, col, data) in sheet.cells {
        let format = formats.map(|f| f.get(&(row, col)));
        out[row as usize][col as usize] = cell(data, row, col, format);
    }
    // Regions never overlap in a real workbook, so their cells cannot add
    // up to more than the grid: more means a forged file, refused rather
    // than copied for ever.
    let mut merged = 0u64;
    for region in &sheet.merges {
        merged = merged.saturating_add(resolve(&mut out, region, budget)?);
        if merged > rows * cols {
            return Err(Refusal::damaged(crate::t!(
                "import-limit-merges",
                limit = limits::grouped(rows * cols)
            )));
        }
    }
    Ok(Some(out))
}

/// Runs calamine code, turning a panic into an error message: a damaged
/// file must be refused with words, never end the process. The panic's
/// own report is kept off the terminal; any other panic is reported as
/// before.
fn contain<T>(run: impl FnOnce() -> T) -> Result<T, String> {
    thread_local!(static CONTAINED: Flag<bool> = const { Flag::new(false) });
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !CONTAINED.with(Flag::get) {
                previous(info);
            }
        }));
    });
    let was = CONTAINED.with(|c| c.replace(true));
    let out = panic::catch_unwind(AssertUnwindSafe(run));
    CONTAINED.with(|c| c.set(was));
    out.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| crate::t!("panic-without-message"))
    })
}

fn open_error(message: &str) -> Refusal {
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
    Refusal {
        part: None,
        at: None,
        message,
        help,
    }
}

/// One cell. `format` is `None` when the workbook's formats are unknown,
/// `Some(None)` for a General cell, else its format code.
fn cell(data: Data, row: u32, col: u32, format: Option<Option<&String>>) -> Cell {
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
        Data::Empty => (String::new(), CellKind::Text),
        Data::String(s) => (s, CellKind::Text),
        Data::Float(f) => {
            let (text, exact) = amount::float_text(f);
            number(text, exact)
        }
        Data::Int(i) => number(i.to_string(), true),
        Data::Bool(b) => (if b { "TRUE" } else { "FALSE" }.to_owned(), CellKind::Text),
        Data::DateTimeIso(s) | Data::DurationIso(s) => (s, CellKind::Text),
        other => (other.to_string(), CellKind::Text),
    };
    Cell {
        text,
        origin: Origin::Grid { row, col },
        kind,
    }
}

/// Copies a region's top-left text into its other cells inside the grid,
/// once `budget` has room for the copies, and says how many cells the
/// region covers there.
fn resolve(
    rows: &mut [Vec<Cell>],
    region: &Dimensions,
    budget: &mut Budget,
) -> Result<u64, Refusal> {
    let (r0, c0) = (region.start.0 as usize, region.start.1 as usize);
    let Some(text) = rows.get(r0).and_then(|r| r.get(c0)).map(|c| c.text.clone()) else {
        return Ok(0);
    };
    // Clamped to the grid: a region may name cells far beyond it.
    let r1 = (region.end.0 as usize).min(rows.len().saturating_sub(1));
    let c1 = (region.end.1 as usize).min(rows.first().map_or(0, Vec::len).saturating_sub(1));
    if r1 < r0 || c1 < c0 {
        return Ok(0);
    }
    let covered = ((r1 - r0 + 1) * (c1 - c0 + 1)) as u64;
    budget
        .text((text.len() as u64).saturating_mul(covered - 1))
        .map_err(|r| r.at(a1(r0 as u32, c0 as u32)))?;
    for (r, row) in rows.iter_mut().enumerate().take(r1 + 1).skip(r0) {
        for (c, cell) in row.iter_mut().enumerate().take(c1 + 1).skip(c0) {
            if (r, c) != (r0, c0) {
                cell.text.clone_from(&text);
                cell.kind = CellKind::Merged;
            }
        }
    }
    Ok(covered)
}
