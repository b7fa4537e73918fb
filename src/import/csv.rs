//! The CSV reader: detects the encoding (UTF-8 with or without BOM, or
//! GB18030/GBK, which Excel and WPS on Chinese Windows write by default),
//! says which one it used, and returns one [`Table`].
//!
//! CSV has no merged cells; list-style exports repeat the project columns
//! instead, or leave them blank, which the list mapper fills down.
//!
//! A cell that gongkai's own downloads guarded against formula injection
//! (`'=HYPERLINK(…)`, see [`crate::formula`]) is read without the guard,
//! so that a downloaded table imports as the data it was made from. Rows,
//! columns, cells and each cell's length are checked against the
//! [limits](super::limits) while reading, before the table grows.

use super::limits::{self, Budget, Refusal};
use super::table::{Cell, CellKind, Origin, Table};

/// Why a CSV text could not become a table.
pub(super) enum Failure {
    /// The quoting is broken at this place.
    Malformed(Origin, String),
    /// A limit was exceeded.
    Refused(Refusal),
}

/// Decodes `bytes` and names the encoding used. `None` when the bytes are
/// neither valid UTF-8 nor valid GB18030.
pub(super) fn decode(bytes: &[u8]) -> Option<(String, &'static str)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .ok()
            .map(|s| (s.to_owned(), "UTF-8 (with BOM)"));
    }
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, errors) = encoding.decode(bytes);
        return (!errors).then(|| (text.into_owned(), encoding.name()));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some((text.to_owned(), "UTF-8"));
    }
    let (text, _, errors) = encoding_rs::GB18030.decode(bytes);
    (!errors).then(|| (text.into_owned(), "GB18030/GBK"))
}

/// Parses decoded CSV text into a table; cells are named in A1 notation,
/// as a spreadsheet program shows the same file. Each row's cells are
/// taken from `budget`.
pub(super) fn parse(text: &str, part: &str, budget: &mut Budget) -> Result<Table, Failure> {
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.matches('\t').count() > first.matches(',').count() {
        b'\t'
    } else {
        b','
    };
    measure(text, delimiter).map_err(Failure::Refused)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(row + 1, |p| p.line() as usize);
            Failure::Malformed(
                Origin::Text { line, column: 1 },
                crate::t!("import-csv-malformed", error = e),
            )
        })?;
        let refused = |r: Refusal, col: usize| {
            let at = Origin::Grid {
                row: row.min(u32::MAX as usize) as u32,
                col: col.min(u32::MAX as usize - 1) as u32,
            };
            Failure::Refused(r.at(at))
        };
        let width = record.len() as u64;
        limits::extent(row as u64 + 1, width.max(1)).map_err(|r| refused(r, 0))?;
        budget.take(width).map_err(|r| refused(r, 0))?;
        for (col, text) in record.iter().enumerate() {
            limits::cell_text(text).map_err(|r| refused(r, col))?;
        }
        rows.push(
            record
                .iter()
                .enumerate()
                .map(|(col, text)| Cell {
                    text: crate::formula::unguard(text).to_owned(),
                    origin: Origin::Grid {
                        row: row as u32,
                        col: col as u32,
                    },
                    kind: CellKind::Text,
                })
                .collect(),
        );
    }
    Ok(Table::new(part.to_owned(), rows, Vec::new()))
}

/// Counts records and their fields as the `csv` crate will split them,
/// refusing a record too wide or too many records before the parser
/// buffers them: a line of a million commas would otherwise be a million
/// fields at once. Counting costs nothing, so a wide record is counted to
/// its end, for the message. A quote opens a quoted field only at the start of a
/// field, as in the parser, so no delimiter the parser sees is missed;
/// `\r\n`, `\n` or `\r` end a record.
fn measure(text: &str, delimiter: u8) -> Result<(), Refusal> {
    let (mut records, mut fields) = (0u64, 1u64);
    let (mut quoted, mut field_start) = (false, true);
    let mut bytes = text.bytes().peekable();
    let end_record = |records: &mut u64, fields: &mut u64| -> Result<(), Refusal> {
        *records += 1;
        limits::extent(*records, *fields)
            .map_err(|r| r.at(crate::t!("unplaced-line", line = *records)))?;
        *fields = 1;
        Ok(())
    };
    while let Some(b) = bytes.next() {
        if quoted {
            if b == b'"' {
                if bytes.peek() == Some(&b'"') {
                    bytes.next();
                } else {
                    quoted = false;
                }
            }
            continue;
        }
        match b {
            b'"' if field_start => quoted = true,
            b if b == delimiter => {
                fields += 1;
                field_start = true;
                continue;
            }
            b'\r' | b'\n' => {
                if b == b'\r' && bytes.peek() == Some(&b'\n') {
                    bytes.next();
                }
                end_record(&mut records, &mut fields)?;
                field_start = true;
                continue;
            }
            _ => {}
        }
        field_start = false;
    }
    end_record(&mut records, &mut fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_detected() {
        let (gbk, _, _) = encoding_rs::GBK.encode("项目名称,金额\n");
        assert_eq!(
            decode(&gbk).unwrap(),
            ("项目名称,金额\n".to_owned(), "GB18030/GBK")
        );
        assert_eq!(decode("项目".as_bytes()).unwrap().1, "UTF-8");
        assert_eq!(
            decode(b"\xEF\xBB\xBFa").unwrap(),
            ("a".to_owned(), "UTF-8 (with BOM)")
        );
    }

    #[test]
    fn quoted_fields_and_origins() {
        let t = parse("a,\"b,c\"\n1,2\n", "x", &mut Budget::new())
            .ok()
            .unwrap();
        assert_eq!(t.rows[0][1].text, "b,c");
        assert_eq!(t.rows[1][1].origin.to_string(), "B2");
    }

    #[test]
    fn the_download_guard_is_removed() {
        let text = "'=HYPERLINK(\"x\"),'+cmd,'@SUM(A1),'-x,'=100%,-5,'text\n";
        let t = parse(text, "x", &mut Budget::new()).ok().unwrap();
        let cells: Vec<&str> = t.rows[0].iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            cells,
            [
                "=HYPERLINK(\"x\")",
                "+cmd",
                "@SUM(A1)",
                "-x",
                "=100%",
                "-5",
                "'text"
            ]
        );
    }

    #[test]
    fn rows_columns_and_long_cells_are_refused_while_reading() {
        let wide = ",".repeat(2_000);
        assert!(matches!(
            parse(&wide, "x", &mut Budget::new()),
            Err(Failure::Refused(_))
        ));
        let long = "a".repeat(40_000);
        let Err(Failure::Refused(r)) = parse(&format!("x\ny,{long}\n"), "x", &mut Budget::new())
        else {
            panic!("a 40,000-character cell was read");
        };
        assert_eq!(r.at.as_deref(), Some("B2"));
    }
}
