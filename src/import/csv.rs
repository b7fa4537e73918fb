//! The CSV reader: detects the encoding (UTF-8 with or without BOM, or
//! GB18030/GBK, which Excel and WPS on Chinese Windows write by default),
//! says which one it used, and returns one [`Table`].
//!
//! CSV has no merged cells; list-style exports repeat the project columns
//! instead, or leave them blank, which the list mapper fills down.

use super::table::{Cell, CellKind, Origin, Table};

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
/// as a spreadsheet program shows the same file.
pub(super) fn parse(text: &str, part: &str) -> Result<Table, (Origin, String)> {
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.matches('\t').count() > first.matches(',').count() {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(row + 1, |p| p.line() as usize);
            (
                Origin::Text { line, column: 1 },
                crate::t!("import-csv-malformed", error = e),
            )
        })?;
        rows.push(
            record
                .iter()
                .enumerate()
                .map(|(col, text)| Cell {
                    text: text.to_owned(),
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
        let t = parse("a,\"b,c\"\n1,2\n", "x").unwrap();
        assert_eq!(t.rows[0][1].text, "b,c");
        assert_eq!(t.rows[1][1].origin.to_string(), "B2");
    }
}
