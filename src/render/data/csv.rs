//! CSV downloads: RFC 4180 through the `csv` crate, CRLF line ends, UTF-8
//! with a byte-order mark unless `open_data.csv_bom = false` (Excel on a
//! Chinese Windows reads a CSV without one as GBK and garbles it).

use crate::error::Result;

use super::{Table, writer_error};

/// The UTF-8 byte-order mark.
pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `table` as CSV: a header of field names, then one line per row.
pub(crate) fn write(table: &Table, bom: bool) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(64 * (table.rows.len() + 1));
    if bom {
        out.extend_from_slice(BOM);
    }
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    let fail = |e: ::csv::Error| writer_error("csv", e);
    writer
        .write_record(table.fields.iter().map(|f| f.name))
        .map_err(fail)?;
    for row in table.rows.iter() {
        for cell in row {
            writer.write_field(cell.text().as_bytes()).map_err(fail)?;
        }
        writer.write_record(None::<&[u8]>).map_err(fail)?;
    }
    writer
        .into_inner()
        .map_err(|e| writer_error("csv", e.error()))
}
