//! The number format of each number cell of an .xlsx workbook, which
//! calamine does not expose: `xl/styles.xml` maps a cell's style index to
//! a format code, and each sheet's XML gives the style of each cell.
//!
//! The reader uses it to write a number as the sheet shows it
//! ([`super::numfmt`]). Anything that cannot be read here leaves the
//! workbook's formats unknown, which the mapper flags; it never stops an
//! import that calamine could read.

use std::collections::HashMap;
use std::io::{BufReader, Read, Seek};
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// Format codes by sheet name, then by zero-based `(row, col)`; only cells
/// whose format is not General are listed.
pub(crate) type Formats = HashMap<String, HashMap<(u32, u32), String>>;

/// The formats of the workbook at `path`, or `None` when it is not an
/// .xlsx (OOXML) file or its parts cannot be read.
pub(crate) fn read(path: &Path) -> Option<Formats> {
    let file = std::fs::File::open(path).ok()?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).ok()?;
    let codes = style_codes(&part(&mut zip, "xl/styles.xml")?);
    let sheets = sheet_paths(
        &part(&mut zip, "xl/workbook.xml")?,
        &part(&mut zip, "xl/_rels/workbook.xml.rels")?,
    );
    let mut out = Formats::new();
    for (name, target) in sheets {
        let Some(xml) = part(&mut zip, &target) else {
            continue;
        };
        out.insert(name, cell_formats(&xml, &codes));
    }
    Some(out)
}

/// The text of one part of the package.
fn part<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, name: &str) -> Option<String> {
    let mut entry = zip.by_name(name).ok()?;
    let mut text = String::new();
    entry.read_to_string(&mut text).ok()?;
    Some(text)
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

/// Each cell style (`cellXfs` index) → its format code, `None` for General.
fn style_codes(xml: &str) -> Vec<Option<String>> {
    let mut custom: HashMap<u32, String> = HashMap::new();
    let mut codes = Vec::new();
    let mut in_xfs = false;
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
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
            Ok(Event::End(e)) if e.local_name().as_ref() == b"cellXfs" => in_xfs = false,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    codes
}

/// Sheet names with the package path of their XML.
fn sheet_paths(workbook: &str, rels: &str) -> Vec<(String, String)> {
    let mut targets: HashMap<String, String> = HashMap::new();
    let mut reader = Reader::from_str(rels);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"Relationship" => {
                if let (Some(id), Some(target)) = (attr(&e, b"Id"), attr(&e, b"Target")) {
                    let path = match target.strip_prefix('/') {
                        Some(absolute) => absolute.to_owned(),
                        None => format!("xl/{target}"),
                    };
                    targets.insert(id, path);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let mut out = Vec::new();
    let mut reader = Reader::from_str(workbook);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"sheet" => {
                if let (Some(name), Some(id)) = (attr(&e, b"name"), attr(&e, b"id"))
                    && let Some(path) = targets.get(&id)
                {
                    out.push((name, path.clone()));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// The format code of every styled, non-General cell of one sheet.
fn cell_formats(xml: &str, codes: &[Option<String>]) -> HashMap<(u32, u32), String> {
    let mut out = HashMap::new();
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"c" => {
                let Some(style) = attr(&e, b"s").and_then(|s| s.parse::<usize>().ok()) else {
                    continue;
                };
                let Some(Some(code)) = codes.get(style) else {
                    continue;
                };
                if let Some(at) = attr(&e, b"r").and_then(|r| cell_ref(&r)) {
                    out.insert(at, code.clone());
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// `B3` → `(2, 1)`.
fn cell_ref(text: &str) -> Option<(u32, u32)> {
    let letters: String = text.chars().take_while(char::is_ascii_alphabetic).collect();
    let row: u32 = text[letters.len()..].parse().ok()?;
    let mut col: u32 = 0;
    for ch in letters.chars() {
        col = col.checked_mul(26)? + (ch.to_ascii_uppercase() as u32 - 'A' as u32 + 1);
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
        let codes = super::style_codes(xml);
        assert_eq!(codes, [None, Some("0%".into()), Some("0.0%".into())]);
        let sheet = r#"<worksheet><sheetData><row r="2"><c r="B2" s="1"><v>0.95</v></c><c r="C2" s="0"><v>1</v></c></row></sheetData></worksheet>"#;
        let cells = super::cell_formats(sheet, &codes);
        assert_eq!(cells.get(&(1, 1)).map(String::as_str), Some("0%"));
        assert_eq!(cells.len(), 1);
    }
}
