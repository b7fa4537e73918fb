//! CSV downloads: RFC 4180 through the `csv` crate, CRLF line ends, UTF-8
//! with a byte-order mark unless `open_data.csv_bom = false` (Excel on a
//! Chinese Windows reads a CSV without one as GBK and garbles it).
//!
//! A text cell that a spreadsheet would run as a formula (`=HYPERLINK(…)`,
//! `+cmd`, `@SUM(…)`, `-x`, and also an 指标值 such as `=100%`) is written
//! with a leading `'` ([`crate::formula::guard`], OWASP's advice against
//! CSV injection): opening a download must never run what a source table
//! said. Numbers and number cells are written as they are, and `import`
//! removes the guard again. The JSON and .xlsx downloads need no guard:
//! their cells are typed as text.
//!
//! A file is its header ([`header`]) followed by its rows ([`rows`]), kept
//! apart so that a year's CSV can be one header and its department-years'
//! rows, byte for byte, rather than the same rows written again.

use crate::error::Result;
use crate::formula;

use super::fields::Field;
use super::{Cell, Table, writer_error};

/// The UTF-8 byte-order mark.
pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `table` as CSV: a header of field names, then one line per row.
pub(crate) fn write(table: &Table, bom: bool) -> Result<Vec<u8>> {
    let mut out = header(&table.fields, bom)?;
    out.extend_from_slice(&rows(table.rows.iter(), 64 * table.rows.len())?);
    Ok(out)
}

/// The byte-order mark (when `bom`) and the header line.
pub(crate) fn header(fields: &[Field], bom: bool) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(256);
    if bom {
        out.extend_from_slice(BOM);
    }
    let mut writer = writer(out);
    writer
        .write_record(fields.iter().map(|f| f.name))
        .map_err(fail)?;
    finish(writer)
}

/// One line per row, without a header. `capacity` is a guess at the
/// length in bytes.
pub(crate) fn rows<'c, R>(rows: impl IntoIterator<Item = R>, capacity: usize) -> Result<Vec<u8>>
where
    R: IntoIterator<Item = &'c Cell>,
{
    let mut writer = writer(Vec::with_capacity(capacity));
    for row in rows {
        for cell in row {
            let text = match cell {
                Cell::Text(text) => formula::guard(text),
                other => other.text(),
            };
            writer.write_field(text.as_bytes()).map_err(fail)?;
        }
        writer.write_record(None::<&[u8]>).map_err(fail)?;
    }
    finish(writer)
}

fn writer(out: Vec<u8>) -> ::csv::Writer<Vec<u8>> {
    ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out)
}

fn finish(writer: ::csv::Writer<Vec<u8>>) -> Result<Vec<u8>> {
    writer
        .into_inner()
        .map_err(|e| writer_error("csv", e.error()))
}

fn fail(error: ::csv::Error) -> crate::error::Error {
    writer_error("csv", error)
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::render::data::fields::FieldType;
    use crate::render::data::fields::f;

    #[test]
    fn text_cells_are_guarded_and_numbers_are_not() {
        let fields = vec![
            f("a", "甲", FieldType::String, ""),
            f("b", "乙", FieldType::Number, ""),
        ];
        let rows = vec![
            vec![
                Cell::Text("=HYPERLINK(\"x\")".into()),
                Cell::Number("-5.00".into()),
            ],
            vec![Cell::Text("-5".into()), Cell::Integer(-3)],
            vec![Cell::Text("=100%".into()), Cell::Empty],
        ];
        let table = Table {
            fields,
            rows: Cow::Owned(rows),
        };
        let text = String::from_utf8(write(&table, false).unwrap()).unwrap();
        assert_eq!(
            text,
            "a,b\r\n\"'=HYPERLINK(\"\"x\"\")\",-5.00\r\n-5,-3\r\n'=100%,\r\n"
        );
    }
}
