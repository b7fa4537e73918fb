//! What a workbook's container holds, measured before calamine opens it.
//!
//! calamine trusts its input: it reserves memory for the counts and
//! dimensions a file declares, keeps every shared string, and builds a
//! dense grid from the first to the last cell. A file of a few kilobytes
//! can therefore ask for terabytes. This module reads the container
//! itself first and refuses, with [`Refusal`], what would cost more than
//! the [limits](super::limits):
//!
//! - a zip package (.xlsx, .xlsm, .xlsb, .ods): the number of parts, the
//!   sizes its central directory declares, then the sizes each part
//!   really unpacks to (a part may lie about its size), the longest run of
//!   an XML part that the XML reader must hold at once, the shared-string
//!   count calamine reserves for, and an .ods sheet's repeated rows and
//!   columns;
//! - a compound file (.xls): the workbook stream's size and each sheet's
//!   dimensions and cells, read from its BIFF records. calamine then reads
//!   a new compound file holding only the stream measured here, so that it
//!   cannot find bytes this module never saw.

use std::io::{BufReader, Cursor, Read, Write};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::limits::{
    Budget, MAX_CELL_CHARS, MAX_CELLS, MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES, Refusal, grouped, mib,
};

/// The longest run of bytes between two `<` an XML part may have: every
/// tag, attribute value and text node fits in one, so this bounds what
/// the XML reader buffers. A cell's 32,767 characters written as numeric
/// character references (`&#x4E00;`) take 8 bytes each.
const MAX_XML_RUN: u64 = 8 * MAX_CELL_CHARS as u64 + 1024;

/// Checks a zip package; `Ok` also when it is no zip at all, which the
/// workbook reader then reports in its own words.
pub(crate) fn zip(bytes: &[u8]) -> Result<(), Refusal> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(Refusal::limit(crate::t!(
            "import-limit-zip-entries",
            count = grouped(archive.len() as u64),
            limit = grouped(MAX_ZIP_ENTRIES as u64)
        )));
    }
    let mut declared = 0u64;
    for index in 0..archive.len() {
        if let Ok(entry) = archive.by_index_raw(index) {
            declared = declared.saturating_add(entry.size());
        }
    }
    if declared > MAX_UNZIPPED_BYTES {
        return Err(unzipped(declared));
    }
    // The declared sizes are only a claim: unpack every part (keeping
    // nothing) and count what it really gives.
    let mut total = 0u64;
    let mut chunk = vec![0u8; 64 << 10];
    for index in 0..archive.len() {
        let Ok(mut entry) = archive.by_index(index) else {
            continue; // encrypted or damaged: the workbook reader says so
        };
        let name = entry.name().to_owned();
        let claimed = entry.size();
        let xml = is_xml(&name);
        let mut got = 0u64;
        let mut run = 0u64;
        loop {
            let n = match entry.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            got += n as u64;
            total += n as u64;
            if got > claimed {
                return Err(Refusal::damaged(crate::t!(
                    "import-limit-zip-lie",
                    part = &name,
                    size = grouped(claimed)
                )));
            }
            if total > MAX_UNZIPPED_BYTES {
                return Err(unzipped(total));
            }
            if xml && !runs_fit(&chunk[..n], &mut run) {
                return Err(Refusal::damaged(crate::t!(
                    "import-limit-xml-run",
                    part = &name,
                    limit = grouped(MAX_CELL_CHARS as u64)
                )));
            }
        }
    }
    shared_strings(&mut archive)?;
    ods_content(&mut archive)
}

fn unzipped(size: u64) -> Refusal {
    Refusal::limit(crate::t!(
        "import-limit-unzipped",
        size = mib(size),
        limit = mib(MAX_UNZIPPED_BYTES)
    ))
}

fn is_xml(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".xml") || lower.ends_with(".rels") || lower.ends_with(".vml")
}

/// Feeds `chunk` to the run counter `run` (bytes since the last `<`);
/// false when a run grows past [`MAX_XML_RUN`].
fn runs_fit(chunk: &[u8], run: &mut u64) -> bool {
    let mut pieces = chunk.split(|&b| b == b'<');
    if let Some(first) = pieces.next() {
        *run += first.len() as u64;
        if *run > MAX_XML_RUN {
            return false;
        }
    }
    for piece in pieces {
        *run = piece.len() as u64;
        if *run > MAX_XML_RUN {
            return false;
        }
    }
    true
}

/// The part of `archive` whose name is `name` in any case, as calamine
/// finds it.
fn part_named(archive: &zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<usize> {
    (0..archive.len()).find(|&i| {
        archive
            .name_for_index(i)
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
    })
}

/// calamine reserves room for the `uniqueCount` that `<sst>` declares,
/// whatever the part holds: a count past the cell limit is refused.
fn shared_strings(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<(), Refusal> {
    let Some(index) = part_named(archive, "xl/sharedStrings.xml") else {
        return Ok(());
    };
    let Ok(entry) = archive.by_index(index) else {
        return Ok(());
    };
    let mut reader = Reader::from_reader(BufReader::new(entry));
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"sst" => {
                let count = number_attr(&e, b"uniqueCount").unwrap_or(0);
                if count > MAX_CELLS {
                    return Err(Refusal::limit(crate::t!(
                        "import-limit-strings",
                        count = grouped(count),
                        limit = grouped(MAX_CELLS)
                    )));
                }
                return Ok(());
            }
            Ok(Event::Eof) | Err(_) => return Ok(()),
            _ => {}
        }
    }
}

/// An attribute's text (unescaped); `None` when absent.
fn text_attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    let attr = e
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)?;
    let raw = String::from_utf8_lossy(&attr.value);
    Some(quick_xml::escape::unescape(&raw).map_or_else(|_| raw.to_string(), |t| t.into_owned()))
}

/// An attribute read as a whole number; `None` when absent or not one.
fn number_attr(e: &BytesStart<'_>, name: &[u8]) -> Option<u64> {
    text_attr(e, name)?.trim().parse().ok()
}

/// One `.ods` table being measured: the rows so far (repeats counted),
/// the end of the last row with a value, and the widest such row.
#[derive(Default)]
struct OdsTable {
    /// `table:name`, for the message.
    name: String,
    rows: u64,
    used_rows: u64,
    used_cols: u64,
    /// The row being read: its repeat count, the columns so far and the
    /// end of its last cell with a value.
    row_repeat: u64,
    row_cols: u64,
    row_used: u64,
}

/// calamine expands an .ods sheet's `number-rows-repeated` and
/// `number-columns-repeated` into a dense grid: measure that grid first.
/// A cell counts as holding a value when it has a value type or content;
/// repeated empty cells at a row's end and empty rows at the end cost
/// nothing, as in calamine.
fn ods_content(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<(), Refusal> {
    let Some(index) = part_named(archive, "content.xml") else {
        return Ok(());
    };
    let Ok(entry) = archive.by_index(index) else {
        return Ok(());
    };
    let mut reader = Reader::from_reader(BufReader::new(entry));
    let mut budget = Budget::new();
    let mut tables: Vec<OdsTable> = Vec::new();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let (start, empty) = match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                match e.local_name().as_ref() {
                    b"table-row" => {
                        if let Some(t) = tables.last_mut() {
                            if t.row_used > 0 {
                                t.used_cols = t.used_cols.max(t.row_used);
                                t.used_rows = t.rows.saturating_add(t.row_repeat);
                            }
                            t.rows = t.rows.saturating_add(t.row_repeat);
                        }
                    }
                    b"table" => {
                        if let Some(t) = tables.pop() {
                            budget
                                .grid(t.used_rows, t.used_cols)
                                .map_err(|r| r.in_part(&crate::t!("part-sheet", name = t.name)))?;
                        }
                    }
                    _ => {}
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        let repeat = |name: &[u8]| number_attr(&start, name).unwrap_or(1).max(1);
        match start.local_name().as_ref() {
            b"table" if !empty => tables.push(OdsTable {
                name: text_attr(&start, b"name").unwrap_or_default(),
                ..OdsTable::default()
            }),
            b"table-row" => {
                if let Some(t) = tables.last_mut() {
                    t.row_repeat = repeat(b"number-rows-repeated");
                    (t.row_cols, t.row_used) = (0, 0);
                    if empty {
                        t.rows = t.rows.saturating_add(t.row_repeat);
                    }
                }
            }
            b"table-cell" | b"covered-table-cell" => {
                if let Some(t) = tables.last_mut() {
                    let valued = !empty
                        || start
                            .attributes()
                            .flatten()
                            .any(|a| a.key.local_name().as_ref() == b"value-type");
                    t.row_cols = t
                        .row_cols
                        .saturating_add(repeat(b"number-columns-repeated"));
                    if valued {
                        t.row_used = t.row_cols;
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The first bytes of every compound file: an .xls, or an encrypted
/// OOXML workbook (which keeps its `.xlsx` name).
const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// True when `bytes` are a compound file rather than a zip package.
/// calamine's .xlsx and .xlsb readers open such a file with their own
/// compound-file reader to look for encryption, which follows a forged
/// sector chain without end: the caller answers instead, through
/// [`encrypted`].
pub(crate) fn is_compound_file(bytes: &[u8]) -> bool {
    bytes.starts_with(&CFB_MAGIC)
}

/// True when the compound file `bytes` holds an encrypted OOXML package
/// (a workbook saved with a password).
pub(crate) fn encrypted(bytes: &[u8]) -> bool {
    cfb::CompoundFile::open(Cursor::new(bytes)).is_ok_and(|f| f.is_stream("/EncryptedPackage"))
}

/// Cells of a whole BIFF8 sheet (65,536 rows × 256 columns), the most an
/// .xls's Dimensions record can truly declare.
const BIFF8_SHEET_CELLS: u64 = 65_536 * 256;

/// The names calamine looks for, in its order, to find a workbook stream.
const WORKBOOK_STREAMS: [&str; 4] = ["Workbook", "Book", "WORKBOOK", "BOOK"];

/// An .xls file measured: the bytes of its workbook stream, and a new
/// compound file that holds only that stream, for calamine.
pub(crate) struct Xls {
    pub(crate) stream: Vec<u8>,
    pub(crate) file: Vec<u8>,
}

/// Why an .xls could not be measured, before any limit applies.
pub(crate) enum XlsFailure {
    /// An encrypted workbook (OOXML in a compound file, or FilePass).
    Password,
    /// Not a compound file, or one without a workbook stream.
    Unreadable(String),
    Refused(Refusal),
}

/// Reads the workbook stream of a compound file, measures every sheet in
/// it, and wraps the stream in a fresh compound file.
pub(crate) fn xls(bytes: &[u8]) -> Result<Xls, XlsFailure> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| XlsFailure::Unreadable(e.to_string()))?;
    if file.is_stream("/EncryptedPackage") {
        return Err(XlsFailure::Password);
    }
    let Some(name) = WORKBOOK_STREAMS
        .into_iter()
        .find(|n| file.is_stream(format!("/{n}")))
    else {
        return Err(XlsFailure::Unreadable(crate::t!("import-xls-no-stream")));
    };
    let mut stream = Vec::new();
    file.open_stream(format!("/{name}"))
        .and_then(|s| {
            s.take(super::limits::MAX_FILE_BYTES + 1)
                .read_to_end(&mut stream)
        })
        .map_err(|e| XlsFailure::Unreadable(e.to_string()))?;
    super::limits::file_size(stream.len() as u64, super::limits::MAX_FILE_BYTES)
        .map_err(XlsFailure::Refused)?;
    biff_sheets(&stream).map_err(XlsFailure::Refused)?;
    let file = rewrap(&stream).map_err(|e| XlsFailure::Unreadable(e.to_string()))?;
    Ok(Xls { stream, file })
}

/// A compound file holding `stream` as its `Workbook`, and nothing else.
/// Version 3 (512-byte sectors), as Excel writes: calamine refuses a
/// version 4 file whose mini stream is empty.
fn rewrap(stream: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))?;
    {
        let mut s = out.create_stream("/Workbook")?;
        s.write_all(stream)?;
    }
    out.flush()?;
    Ok(out.into_inner().into_inner())
}

/// BIFF records of `stream` from `start` as calamine reads them: type and
/// data, ending at the end of the stream or at a record cut short.
fn records(stream: &[u8], start: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = stream.get(start..).unwrap_or_default();
    std::iter::from_fn(move || {
        let head = rest.get(..4)?;
        let typ = u16::from_le_bytes([head[0], head[1]]);
        let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
        let data = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        Some((typ, data))
    })
}

fn u16_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_le_bytes(
        data.get(at..at + 2)?.try_into().ok()?,
    )))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

/// Measures each sheet of a BIFF workbook stream: the room calamine
/// reserves for a sheet's Dimensions record, and the grid its cell
/// records span (calamine's, and the one the reader then builds from
/// row 0 and column 0).
fn biff_sheets(stream: &[u8]) -> Result<(), Refusal> {
    let mut positions = Vec::new();
    for (typ, data) in records(stream, 0) {
        match typ {
            0x0085 => positions.extend(u32_at(data, 0)),
            0x000A => break,
            _ => {}
        }
    }
    let mut budget = Budget::new();
    for pos in positions {
        let mut corner: Option<(u32, u32)> = None;
        let mut cells = 0u64;
        let mut see = |row: u32, col: u32, cells: &mut u64| -> Result<(), Refusal> {
            *cells += 1;
            let (r, c) = corner.map_or((row, col), |(r, c)| (r.max(row), c.max(col)));
            corner = Some((r, c));
            super::limits::extent(u64::from(r) + 1, u64::from(c) + 1)?;
            if *cells > MAX_CELLS {
                budget.check(*cells)?;
            }
            Ok(())
        };
        for (typ, data) in records(stream, pos as usize) {
            match typ {
                // Dimensions: calamine reserves rows × columns cells.
                0x0200 => {
                    let (first, last, cf, cl) = match data.len() {
                        10 => (
                            u16_at(data, 0),
                            u16_at(data, 2),
                            u16_at(data, 4),
                            u16_at(data, 6),
                        ),
                        14 => (
                            u32_at(data, 0),
                            u32_at(data, 4),
                            u16_at(data, 8),
                            u16_at(data, 10),
                        ),
                        _ => continue,
                    };
                    let (Some(rf), Some(rl), Some(mut cf), Some(cl)) = (first, last, cf, cl) else {
                        continue;
                    };
                    if cf > 0xFF || cl < cf {
                        cf = 0;
                    }
                    let (end_r, end_c) = if rl >= 1 && cl >= 1 {
                        (rl - 1, cl - 1)
                    } else {
                        (rf, cf)
                    };
                    // calamine computes end − start + 1 without checking,
                    // and reserves (untouched) room for that many cells:
                    // allowed up to a whole BIFF8 sheet, which real files
                    // with formatted blank cells can declare.
                    let rows = u64::from(end_r.wrapping_sub(rf).wrapping_add(1));
                    let cols = u64::from(end_c.wrapping_sub(cf).wrapping_add(1));
                    if rows.saturating_mul(cols) > BIFF8_SHEET_CELLS {
                        return Err(Refusal::damaged(crate::t!(
                            "import-limit-dimensions",
                            rows = grouped(rows),
                            cols = grouped(cols)
                        )));
                    }
                }
                // Number, Label, BoolErr, RK, LabelSst, Formula: row, col.
                0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                    if let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) {
                        see(row, col, &mut cells)?;
                    }
                }
                // MulRk: row, first column, six bytes per cell, last column.
                0x00BD if data.len() >= 6 => {
                    let (Some(row), Some(first)) = (u16_at(data, 0), u16_at(data, 2)) else {
                        continue;
                    };
                    let count = (data.len() as u32 - 6) / 6;
                    see(row, first, &mut cells)?;
                    if count > 0 {
                        cells += u64::from(count) - 1;
                        see(row, first + count - 1, &mut cells)?;
                    }
                }
                0x000A => break,
                _ => {}
            }
        }
        if let Some((r, c)) = corner {
            budget.grid(u64::from(r) + 1, u64::from(c) + 1)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in parts {
            out.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            out.write_all(bytes).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn xml_runs_are_measured_across_chunks() {
        let mut run = 0;
        assert!(runs_fit(b"<a>text</a><b>", &mut run));
        assert_eq!(run, 2);
        let long = vec![b'x'; MAX_XML_RUN as usize];
        assert!(!runs_fit(&long, &mut run));
        let mut run = 0;
        assert!(runs_fit(&long, &mut run));
        assert!(runs_fit(b"<", &mut run));
        assert_eq!(run, 0);
    }

    #[test]
    fn a_declared_string_count_past_the_limit_is_refused() {
        let sst =
            br#"<?xml version="1.0"?><sst uniqueCount="1000000000000"><si><t>a</t></si></sst>"#;
        let refusal = zip(&zip_of(&[("xl/sharedStrings.xml", sst)])).unwrap_err();
        assert!(refusal.message.contains("1,000,000,000,000"), "{refusal:?}");
        let fine = br#"<sst uniqueCount="1"><si><t>a</t></si></sst>"#;
        assert!(zip(&zip_of(&[("xl/sharedStrings.xml", fine)])).is_ok());
    }

    #[test]
    fn an_xml_part_with_a_huge_text_is_refused() {
        let mut big = b"<sst><si><t>".to_vec();
        big.extend(std::iter::repeat_n(b'a', MAX_XML_RUN as usize + 1));
        assert!(zip(&zip_of(&[("xl/sharedStrings.xml", &big)])).is_err());
        // The same bytes in a binary part are not XML.
        assert!(zip(&zip_of(&[("xl/media/image1.png", &big)])).is_ok());
    }

    #[test]
    fn ods_repeats_are_measured_before_calamine_expands_them() {
        let cell =
            r#"<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>"#;
        let bomb = r#"<office:document-content><table:table><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="float"/></table:table-row></table:table></office:document-content>"#;
        assert!(zip(&zip_of(&[("content.xml", bomb.as_bytes())])).is_err());
        // A real sheet: a few valued rows, then LibreOffice's trailing
        // empty repeats, which calamine drops.
        let real = format!(
            r#"<table:table><table:table-row>{cell}{cell}<table:table-cell table:number-columns-repeated="1022"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>"#
        );
        assert!(zip(&zip_of(&[("content.xml", real.as_bytes())])).is_ok());
    }

    #[test]
    fn biff_dimensions_and_far_cells_are_refused() {
        let record = |typ: u16, data: &[u8]| {
            let mut r = typ.to_le_bytes().to_vec();
            r.extend((data.len() as u16).to_le_bytes());
            r.extend(data);
            r
        };
        // Globals: one BoundSheet at the sheet's offset, then EOF.
        let sheet_at = |sheet: Vec<u8>| {
            let mut globals = record(0x0085, &[0; 8]);
            globals.extend(record(0x000A, &[]));
            let pos = globals.len() as u32;
            globals[4..8].copy_from_slice(&pos.to_le_bytes());
            globals.extend(sheet);
            globals
        };
        let mut dims = Vec::new();
        dims.extend(0u32.to_le_bytes());
        dims.extend(0x7FFF_FFFFu32.to_le_bytes());
        dims.extend([0, 0, 0xFF, 0xFF, 0, 0]);
        assert!(biff_sheets(&sheet_at(record(0x0200, &dims))).is_err());
        // A whole BIFF8 sheet may be declared (formatted blank cells).
        let mut dims = Vec::new();
        dims.extend(0u32.to_le_bytes());
        dims.extend(65_536u32.to_le_bytes());
        dims.extend([0, 0, 0, 1, 0, 0]);
        assert!(biff_sheets(&sheet_at(record(0x0200, &dims))).is_ok());
        // A Number record at row 65535, column 255.
        let mut far = vec![0xFF, 0xFF, 0xFF, 0x00, 0, 0];
        far.extend(1f64.to_le_bytes());
        let mut cells = record(0x0203, &[0; 14]);
        cells.extend(record(0x0203, &far));
        assert!(biff_sheets(&sheet_at(cells)).is_err());
        assert!(biff_sheets(&sheet_at(record(0x0203, &[0; 14]))).is_ok());
    }
}
