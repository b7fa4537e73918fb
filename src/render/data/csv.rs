//! CSV downloads: RFC 4180 through the `csv` crate, CRLF line ends, UTF-8
//! with a byte-order mark unless `open_data.csv_bom = false` (Excel on a
//! Chinese Windows reads a CSV without one as GBK and garbles it).
//!
//! A file is its header ([`header`]) followed by its rows ([`rows`]), kept
//! apart so that a year's CSV can be one header and its department-years'
//! rows, byte for byte, rather than the same rows written again.

use crate::error::Result;

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
            writer.write_field(cell.text().as_bytes()).map_err(fail)?;
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
