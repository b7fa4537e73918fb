//! The number format of each number cell of a workbook, which calamine
//! does not expose. In an .xlsx, `xl/styles.xml` maps a cell's style
//! index to a format code and each sheet's XML gives the style of each
//! cell; in an .xls (BIFF8, what WPS and older Excel save), the Format
//! and XF records do the same, in the workbook stream.
//!
//! The reader uses it to write a number as the sheet shows it
//! ([`super::numfmt`]). Anything that cannot be read here leaves the
//! workbook's formats unknown, which the mapper flags; it never stops an
//! import that calamine could read. It runs after the container and
//! every sheet passed the [limits](super::limits); even so, parts are
//! streamed rather than read whole, and a sheet with more styled cells
//! than the limit allows leaves the formats unknown.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Cursor, Read, Seek};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::limits::{MAX_CELLS, MAX_UNZIPPED_BYTES};

/// Format codes by zero-based `(row, col)` of one sheet; only cells whose
/// format is not General are listed.
pub(crate) type SheetFormats = HashMap<(u32, u32), String>;

/// [`SheetFormats`] by sheet name.
pub(crate) type Formats = HashMap<String, SheetFormats>;

/// The formats of the .xlsx (OOXML) package `bytes`, or `None` when its
/// parts cannot be read.
pub(crate) fn read(bytes: &[u8]) -> Option<Formats> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let codes = style_codes(part(&mut zip, "xl/styles.xml")?);
    let targets = relationships(part(&mut zip, "xl/_rels/workbook.xml.rels")?);
    let sheets = sheet_paths(part(&mut zip, "xl/workbook.xml")?, &targets);
    let mut out = Formats::new();
    let mut styled = 0u64;
    for (name, target) in sheets {
        let Some(xml) = part(&mut zip, &target) else {
            continue;
        };
        let cells = cell_formats(xml, &codes, MAX_CELLS - styled.min(MAX_CELLS))?;
        styled += cells.len() as u64;
        out.insert(name, cells);
    }
    Some(out)
}

/// The formats of a BIFF8 workbook stream (the `Workbook` of an `.xls`),
/// or `None` when it is not one (BIFF5 and older, or a damaged file).
pub(crate) fn read_xls(stream: &[u8]) -> Option<Formats> {
    let mut custom: HashMap<u16, String> = HashMap::new();
    let mut xfs: Vec<u16> = Vec::new();
    let mut sheets: Vec<(String, usize)> = Vec::new();
    for (typ, data, _) in records(stream, 0) {
        match typ {
            // BOF: only BIFF8 (0x0600) is read.
            0x0809 if data.len() >= 2 && u16_at(data, 0) != 0x0600 => return None,
            // Format: ifmt, then an XLUnicodeString.
            0x041E if data.len() >= 5 => {
                let cch = u16_at(data, 2) as usize;
                custom.insert(u16_at(data, 0), unicode(&data[4..], cch));
            }
            // XF: ifnt, ifmt …
            0x00E0 if data.len() >= 4 => xfs.push(u16_at(data, 2)),
            // BoundSheet8: lbPlyPos, hsState, dt, ShortXLUnicodeString.
            0x0085 if data.len() >= 8 => {
                let pos = u32::from_le_bytes(data[0..4].try_into().ok()?) as usize;
                let name = unicode(&data[7..], data[6] as usize);
                sheets.push((name, pos));
            }
            0x000A => break,
            _ => {}
        }
    }
    let code_of = |ixfe: u16| -> Option<String> {
        let ifmt = *xfs.get(ixfe as usize)?;
        if ifmt == 0 {
            return None;
        }
        Some(
            custom
                .get(&ifmt)
                .cloned()
                .or_else(|| super::numfmt::builtin(ifmt.into()).map(str::to_owned))
                .unwrap_or_else(|| format!("[unknown {ifmt}]")),
        )
    };
    let mut out = Formats::new();
    for (name, pos) in sheets {
        let mut cells = HashMap::new();
        for (typ, data, _) in records(stream, pos) {
            let mut put = |row: u16, col: u16, ixfe: u16| {
                if let Some(code) = code_of(ixfe) {
                    cells.insert((u32::from(row), u32::from(col)), code);
                }
            };
            match typ {
                // Number, RK, Formula: row, col, ixfe.
                0x0203 | 0x027E | 0x0006 if data.len() >= 6 => {
                    put(u16_at(data, 0), u16_at(data, 2), u16_at(data, 4));
                }
                // MulRk: row, colFirst, (ixfe, rk)*, colLast.
                0x00BD if data.len() >= 6 => {
                    let (row, first) = (u16_at(data, 0), u16_at(data, 2));
                    for (i, chunk) in data[4..data.len() - 2].chunks_exact(6).enumerate() {
                        put(row, first.wrapping_add(i as u16), u16_at(chunk, 0));
                    }
                }
                0x000A => break,
                _ => {}
            }
        }
        out.insert(name, cells);
    }
    Some(out)
}

/// The BIFF records of `stream` from `start`: type, data, offset.
fn records(stream: &[u8], start: usize) -> impl Iterator<Item = (u16, &[u8], usize)> {
    let mut at = start;
    std::iter::from_fn(move || {
        let head = stream.get(at..at + 4)?;
        let (typ, len) = (u16_at(head, 0), u16_at(head, 2) as usize);
        let data = stream.get(at + 4..at + 4 + len)?;
        let here = at;
        at += 4 + len;
        Some((typ, data, here))
    })
}

fn u16_at(data: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([data[at], data[at + 1]])
}

/// `cch` characters of a BIFF8 string whose first byte is its flags:
/// bit 0 set means UTF-16LE, else one byte per character (Latin-1).
fn unicode(data: &[u8], cch: usize) -> String {
    let Some((&flags, chars)) = data.split_first() else {
        return String::new();
    };
    if flags & 1 == 1 {
        let units: Vec<u16> = chars
            .chunks_exact(2)
            .take(cch)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        chars.iter().take(cch).map(|&b| char::from(b)).collect()
    }
}

/// A streaming XML reader over one part of the package: parts are never
/// held whole, and never read past the package limit.
fn part<'z, R: Read + Seek>(
    zip: &'z mut zip::ZipArchive<R>,
    name: &str,
) -> Option<Reader<BufReader<impl Read + 'z>>> {
    let entry = zip.by_name(name).ok()?;
    Some(Reader::from_reader(BufReader::new(
        entry.take(MAX_UNZIPPED_BYTES),
    )))
}

fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            let raw = std::str::from_utf8(&a.value).ok()?;
            quick_xml::escape::unescape(raw)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// Calls `on` with each event of `reader` until the end or the first
/// error (a damaged part yields what it had); `on` returns false to stop.
fn each_event<B: BufRead>(mut reader: Reader<B>, mut on: impl FnMut(Event<'_>) -> bool) {
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => {
                if !on(event) {
                    break;
                }
            }
        }
    }
}

/// Each cell style (`cellXfs` index) → its format code, `None` for General.
fn style_codes(xml: Reader<impl BufRead>) -> Vec<Option<String>> {
    let mut custom: HashMap<u32, String> = HashMap::new();
    let mut codes = Vec::new();
    let mut in_xfs = false;
    each_event(xml, |event| {
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"numFmt" => {
                    if let (Some(id), Some(code)) = (attr(&e, b"numFmtId"), attr(&e, b"formatCode"))
                        && let Ok(id) = id.parse()
                    {
                        custom.insert(id, code);
                    }
                }
                b"cellXfs" => in_xfs = true,
                b"xf" if in_xfs => {
                    let id: u32 = attr(&e, b"numFmtId")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    let code = custom
                        .get(&id)
                        .cloned()
                        .or_else(|| super::numfmt::builtin(id).map(str::to_owned))
                        // An id gongkai does not know: keep it, so the
                        // cell is flagged rather than shown as General.
                        .unwrap_or_else(|| format!("[unknown {id}]"));
                    codes.push((id != 0).then_some(code));
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == b"cellXfs" => in_xfs = false,
            _ => {}
        }
        true
    });
    codes
}

/// The package path of each relationship id of the workbook.
fn relationships(rels: Reader<impl BufRead>) -> HashMap<String, String> {
    let mut targets: HashMap<String, String> = HashMap::new();
    each_event(rels, |event| {
        if let Event::Start(e) | Event::Empty(e) = event
            && e.local_name().as_ref() == b"Relationship"
            && let (Some(id), Some(target)) = (attr(&e, b"Id"), attr(&e, b"Target"))
        {
            let path = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_owned(),
                None => format!("xl/{target}"),
            };
            targets.insert(id, path);
        }
        true
    });
    targets
}

/// Sheet names with the package path of their XML.
fn sheet_paths(
    workbook: Reader<impl BufRead>,
    targets: &HashMap<String, String>,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    each_event(workbook, |event| {
        if let Event::Start(e) | Event::Empty(e) = event
            && e.local_name().as_ref() == b"sheet"
            && let (Some(name), Some(id)) = (attr(&e, b"name"), attr(&e, b"id"))
            && let Some(path) = targets.get(&id)
        {
            out.push((name, path.clone()));
        }
        true
    });
    out
}

/// The format code of every styled, non-General cell of one sheet, or
/// `None` when there are more than `room` of them.
fn cell_formats(
    xml: Reader<impl BufRead>,
    codes: &[Option<String>],
    room: u64,
) -> Option<SheetFormats> {
    let mut out = SheetFormats::new();
    let mut fits = true;
    each_event(xml, |event| {
        if let Event::Start(e) | Event::Empty(e) = event
            && e.local_name().as_ref() == b"c"
            && let Some(style) = attr(&e, b"s").and_then(|s| s.parse::<usize>().ok())
            && let Some(Some(code)) = codes.get(style)
            && let Some(at) = attr(&e, b"r").and_then(|r| cell_ref(&r))
        {
            out.insert(at, code.clone());
            fits = out.len() as u64 <= room;
        }
        fits
    });
    fits.then_some(out)
}

/// `B3` → `(2, 1)`.
fn cell_ref(text: &str) -> Option<(u32, u32)> {
    let letters: String = text.chars().take_while(char::is_ascii_alphabetic).collect();
    let row: u32 = text[letters.len()..].parse().ok()?;
    let mut col: u32 = 0;
    for ch in letters.chars() {
        col = col
            .checked_mul(26)?
            .checked_add(ch.to_ascii_uppercase() as u32 - 'A' as u32 + 1)?;
    }
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

#[cfg(test)]
mod tests {
    #[test]
    fn cell_references() {
        assert_eq!(super::cell_ref("A1"), Some((0, 0)));
        assert_eq!(super::cell_ref("AB12"), Some((11, 27)));
        assert_eq!(super::cell_ref("1"), None);
    }

    #[test]
    fn styles_map_to_codes() {
        let xml = r#"<styleSheet><numFmts><numFmt numFmtId="176" formatCode="0.0%"/></numFmts>
            <cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="176"/></cellXfs></styleSheet>"#;
        let codes = super::style_codes(quick_xml::Reader::from_reader(xml.as_bytes()));
        assert_eq!(codes, [None, Some("0%".into()), Some("0.0%".into())]);
        let sheet = r#"<worksheet><sheetData><row r="2"><c r="B2" s="1"><v>0.95</v></c><c r="C2" s="0"><v>1</v></c></row></sheetData></worksheet>"#;
        let cells =
            super::cell_formats(quick_xml::Reader::from_reader(sheet.as_bytes()), &codes, 10)
                .unwrap();
        assert_eq!(cells.get(&(1, 1)).map(String::as_str), Some("0%"));
        assert_eq!(cells.len(), 1);
    }
}
