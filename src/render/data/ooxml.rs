//! A small .xlsx (Office Open XML spreadsheet) writer for the downloads.
//!
//! Why not `rust_xlsxwriter`: a 10,000-project site writes 10,000
//! one-sheet workbooks and a few hundred large two-sheet ones, and there
//! the general-purpose writer cost five times as much as the whole rest of
//! the build (issue 12): it deflates every one of its nine parts at level
//! 6 with a new compressor, keeps a shared-string table, and starts a
//! thread per sheet. The downloads need a fixed set of formats, so this
//! writer keeps the constant parts (styles, content types, relations) as
//! static text deflated once per process (copied into each workbook as
//! compressed bytes), stores the small varying parts, writes strings inline
//! (`t="inlineStr"`, which Excel, WPS, openpyxl and calamine all read) and
//! deflates only the sheets, at the fastest level.
//!
//! Output is deterministic: parts in a fixed order, a fixed zip date
//! (1980-01-01) and the document time from `open_data.created`.
//!
//! Cells are written row by row, left to right ([`Sheet::cell`]); a
//! caller with another order sorts first (the official layout does).

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};
use std::sync::OnceLock;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// A cell format: an index into the static `cellXfs` of [`STYLES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Style(u8);

impl Style {
    /// No formatting.
    pub(crate) const PLAIN: Style = Style(0);
    /// Bold: the header row of a data sheet.
    pub(crate) const BOLD: Style = Style(1);
    /// The official layout's title: bold, 16 pt, centred.
    pub(crate) const TITLE: Style = Style(2);
    /// Right-aligned: the 金额单位 line.
    pub(crate) const RIGHT: Style = Style(3);
    /// A bordered, bold, centred, wrapping heading or label cell.
    pub(crate) const LABEL: Style = Style(4);
    /// A bordered, wrapping text cell of the official grid.
    pub(crate) const GRID: Style = Style(5);

    /// A number shown with exactly `scale` decimals, bordered or not;
    /// `None` beyond the six decimals [`STYLES`] defines.
    pub(crate) fn decimals(scale: u32, bordered: bool) -> Option<Style> {
        (scale <= MAX_SCALE).then(|| Style(if bordered { 13 } else { 6 } + scale as u8))
    }
}

/// The most decimals a numeric cell is formatted with.
pub(crate) const MAX_SCALE: u32 = 6;

/// What a cell holds.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Value<'a> {
    /// Formatting only (the grid's borders inside a merged range).
    Blank,
    Text(&'a str),
    /// A number, as the text of an `xsd:double` (`200`, `0.1`).
    Number(&'a str),
}

/// One worksheet, built row by row.
pub(crate) struct Sheet {
    name: String,
    widths: Vec<(u16, f64)>,
    frozen_header: bool,
    merges: String,
    merge_count: usize,
    data: String,
    /// The open `<row>`, 0-based.
    row: Option<u32>,
    last: (u32, u16),
}

impl Sheet {
    pub(crate) fn new(name: &str) -> Sheet {
        Sheet {
            name: name.to_owned(),
            widths: Vec::new(),
            frozen_header: false,
            merges: String::new(),
            merge_count: 0,
            data: String::new(),
            row: None,
            last: (0, 0),
        }
    }

    /// Reserves room for about `bytes` of sheet XML.
    pub(crate) fn reserve(&mut self, bytes: usize) {
        self.data.reserve(bytes);
    }

    /// Column `col`'s width in Excel's character units.
    pub(crate) fn width(&mut self, col: u16, width: f64) {
        self.widths.push((col, width));
    }

    /// Keeps the first row in view while scrolling.
    pub(crate) fn freeze_header(&mut self) {
        self.frozen_header = true;
    }

    /// Merges the range; its top-left cell is written as any other.
    pub(crate) fn merge(&mut self, first: (u32, u16), last: (u32, u16)) {
        let _ = write!(
            self.merges,
            r#"<mergeCell ref="{}:{}"/>"#,
            Ref(first),
            Ref(last)
        );
        self.merge_count += 1;
    }

    /// Writes a cell. Cells come row by row, left to right; a cell out of
    /// that order is a caller's bug and is refused (`false`).
    pub(crate) fn cell(&mut self, row: u32, col: u16, value: Value<'_>, style: Style) -> bool {
        match self.row {
            Some(open) if open == row => {
                if col <= self.last.1 {
                    return false;
                }
            }
            Some(open) if open > row => return false,
            Some(_) => {
                self.data.push_str("</row>");
                self.open_row(row);
            }
            None => self.open_row(row),
        }
        self.last = (row, col);
        let at = Ref((row, col));
        let s = style.0;
        let style_attr = |out: &mut String| {
            if s != 0 {
                let _ = write!(out, r#" s="{s}""#);
            }
        };
        match value {
            Value::Blank => {
                let _ = write!(self.data, r#"<c r="{at}""#);
                style_attr(&mut self.data);
                self.data.push_str("/>");
            }
            Value::Number(n) => {
                let _ = write!(self.data, r#"<c r="{at}""#);
                style_attr(&mut self.data);
                let _ = write!(self.data, "><v>{n}</v></c>");
            }
            Value::Text(t) => {
                let _ = write!(self.data, r#"<c r="{at}""#);
                style_attr(&mut self.data);
                self.data.push_str(r#" t="inlineStr"><is><t"#);
                if t.starts_with(char::is_whitespace) || t.ends_with(char::is_whitespace) {
                    self.data.push_str(r#" xml:space="preserve""#);
                }
                self.data.push('>');
                escape_text(&mut self.data, t);
                self.data.push_str("</t></is></c>");
            }
        }
        true
    }

    fn open_row(&mut self, row: u32) {
        let _ = write!(self.data, r#"<row r="{}">"#, row + 1);
        self.row = Some(row);
    }

    /// Writes the worksheet part. The cells go straight from
    /// `self.data` to `to`: a year's sheet is over 100 MB of XML, too
    /// much to copy once more.
    fn write(&self, selected: bool, to: &mut impl std::io::Write) -> std::io::Result<()> {
        let mut out = String::with_capacity(self.merges.len() + 1024);
        out.push_str(XML_DECLARATION);
        out.push_str(
            r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
        );
        if self.row.is_some() {
            let _ = write!(out, r#"<dimension ref="A1:{}"/>"#, Ref(self.extent()));
        }
        out.push_str(r#"<sheetViews><sheetView"#);
        if selected {
            out.push_str(r#" tabSelected="1""#);
        }
        out.push_str(r#" workbookViewId="0">"#);
        if self.frozen_header {
            out.push_str(
                r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>"#,
            );
        }
        out.push_str(r#"</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>"#);
        if !self.widths.is_empty() {
            out.push_str("<cols>");
            for (col, width) in &self.widths {
                let n = col + 1;
                let _ = write!(
                    out,
                    r#"<col min="{n}" max="{n}" width="{width}" customWidth="1"/>"#
                );
            }
            out.push_str("</cols>");
        }
        out.push_str("<sheetData>");
        to.write_all(out.as_bytes())?;
        to.write_all(self.data.as_bytes())?;
        out.clear();
        if self.row.is_some() {
            out.push_str("</row>");
        }
        out.push_str("</sheetData>");
        if self.merge_count > 0 {
            let _ = write!(out, r#"<mergeCells count="{}">"#, self.merge_count);
            out.push_str(&self.merges);
            out.push_str("</mergeCells>");
        }
        out.push_str(
            r#"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>"#,
        );
        to.write_all(out.as_bytes())
    }

    /// The last row written and the widest column of any row (an upper
    /// bound is all `<dimension>` needs; the last row's last cell is not
    /// the widest in general, so the widths' columns count too).
    fn extent(&self) -> (u32, u16) {
        let widest = self.widths.iter().map(|(c, _)| *c).max().unwrap_or(0);
        (self.last.0, widest.max(self.last.1))
    }
}

/// The document properties a workbook carries.
pub(crate) struct Properties<'a> {
    pub(crate) title: &'a str,
    /// `YYYY-MM-DDTHH:MM:SS`, read as UTC.
    pub(crate) created: &'a str,
}

/// The workbook of `sheets`, as the bytes of an .xlsx file.
pub(crate) fn workbook(properties: &Properties<'_>, sheets: &[Sheet]) -> std::io::Result<Vec<u8>> {
    let size: usize = sheets.iter().map(|s| s.data.len() / 4).sum();
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(size + 4096)));
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let deflated = stored
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(1));
    fn part(
        zip: &mut ZipWriter<Cursor<Vec<u8>>>,
        name: &str,
        options: SimpleFileOptions,
        bytes: &[u8],
    ) -> std::io::Result<()> {
        zip.start_file(name, options)?;
        zip.write_all(bytes)
    }

    let mut types = String::from(XML_DECLARATION);
    types.push_str(CONTENT_TYPES_HEAD);
    for n in 1..=sheets.len() {
        let _ = write!(
            types,
            r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        );
    }
    types.push_str("</Types>");
    part(&mut zip, "[Content_Types].xml", stored, types.as_bytes())?;
    let mut constant = ZipArchive::new(Cursor::new(constant_parts()?))?;
    for name in ["_rels/.rels", "docProps/app.xml"] {
        zip.raw_copy_file(constant.by_name(name)?)?;
    }
    let mut core = String::from(XML_DECLARATION);
    core.push_str(CORE_HEAD);
    core.push_str("<dc:title>");
    escape_text(&mut core, properties.title);
    core.push_str("</dc:title><dc:creator>");
    escape_text(&mut core, properties.title);
    core.push_str("</dc:creator>");
    for element in ["created", "modified"] {
        let _ = write!(
            core,
            r#"<dcterms:{element} xsi:type="dcterms:W3CDTF">{}Z</dcterms:{element}>"#,
            properties.created
        );
    }
    core.push_str("</cp:coreProperties>");
    part(&mut zip, "docProps/core.xml", stored, core.as_bytes())?;

    let mut book = String::from(XML_DECLARATION);
    book.push_str(WORKBOOK_HEAD);
    let mut rels = String::from(XML_DECLARATION);
    rels.push_str(RELS_HEAD);
    for (i, sheet) in sheets.iter().enumerate() {
        let n = i + 1;
        book.push_str(r#"<sheet name=""#);
        escape_attribute(&mut book, &sheet.name);
        let _ = write!(book, r#"" sheetId="{n}" r:id="rId{n}"/>"#);
        let _ = write!(
            rels,
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        );
    }
    book.push_str("</sheets></workbook>");
    let _ = write!(
        rels,
        r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#,
        sheets.len() + 1
    );
    part(&mut zip, "xl/workbook.xml", stored, book.as_bytes())?;
    part(
        &mut zip,
        "xl/_rels/workbook.xml.rels",
        stored,
        rels.as_bytes(),
    )?;
    zip.raw_copy_file(constant.by_name("xl/styles.xml")?)?;
    for (i, sheet) in sheets.iter().enumerate() {
        let name = format!("xl/worksheets/sheet{}.xml", i + 1);
        zip.start_file(name, deflated)?;
        sheet.write(i == 0, &mut zip)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// The parts every workbook shares, deflated once at the best level, as a
/// small archive whose entries [`workbook`] copies without recompressing.
fn constant_parts() -> std::io::Result<&'static [u8]> {
    static PARTS: OnceLock<Result<Vec<u8>, String>> = OnceLock::new();
    let parts = PARTS.get_or_init(|| {
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(9))
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644);
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let parts = [
            ("_rels/.rels", ROOT_RELS),
            ("docProps/app.xml", APP),
            ("xl/styles.xml", STYLES),
        ];
        let written: zip::result::ZipResult<Vec<u8>> = (|| {
            for (name, text) in parts {
                zip.start_file(name, options)?;
                zip.write_all(text.as_bytes())?;
            }
            Ok(zip.finish()?.into_inner())
        })();
        written.map_err(|e| e.to_string())
    });
    parts
        .as_deref()
        .map_err(|e| std::io::Error::other(e.clone()))
}

/// A cell reference such as `B12`, from 0-based row and column.
struct Ref((u32, u16));

impl std::fmt::Display for Ref {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (row, col) = self.0;
        let mut letters = [0u8; 3];
        let mut n = col as u32 + 1;
        let mut i = letters.len();
        while n > 0 {
            i -= 1;
            letters[i] = b'A' + ((n - 1) % 26) as u8;
            n = (n - 1) / 26;
        }
        let letters = std::str::from_utf8(&letters[i..]).map_err(|_| std::fmt::Error)?;
        write!(f, "{letters}{}", row + 1)
    }
}

/// Text as XML character data. Characters XML 1.0 cannot carry (control
/// characters other than tab and line ends) become Excel's `_xHHHH_`
/// escapes, and a literal `_xHHHH_` is itself escaped (`_x005F_`), so
/// every string reads back exactly.
fn escape_text(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut from = 0;
    for (i, c) in text.char_indices() {
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '\t' | '\n' | '\r' => continue,
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                out.push_str(&text[from..i]);
                let _ = write!(out, "_x{:04X}_", c as u32);
                from = i + c.len_utf8();
                continue;
            }
            '_' if looks_escaped(&bytes[i..]) => "_x005F_",
            _ => continue,
        };
        out.push_str(&text[from..i]);
        out.push_str(replacement);
        from = i + c.len_utf8();
    }
    out.push_str(&text[from..]);
}

/// `_xHHHH_` at the start of `bytes`.
fn looks_escaped(bytes: &[u8]) -> bool {
    bytes.len() >= 7
        && bytes[1] == b'x'
        && bytes[2..6].iter().all(u8::is_ascii_hexdigit)
        && bytes[6] == b'_'
}

fn escape_attribute(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

const CONTENT_TYPES_HEAD: &str = r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#;

const ROOT_RELS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#
);

const APP: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>gongkai</Application></Properties>"#
);

const CORE_HEAD: &str = r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#;

const WORKBOOK_HEAD: &str = r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/><bookViews><workbookView xWindow="240" yWindow="15" windowWidth="16095" windowHeight="9660"/></bookViews><sheets>"#;

const RELS_HEAD: &str =
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#;

/// The cell formats [`Style`] names, in `cellXfs` order: 0 plain, 1 bold,
/// 2 title, 3 right, 4 label, 5 grid, 6–12 numbers with 0–6 decimals,
/// 13–19 the same bordered.
const STYLES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    r#"<numFmts count="7"><numFmt numFmtId="164" formatCode="0"/><numFmt numFmtId="165" formatCode="0.0"/><numFmt numFmtId="166" formatCode="0.00"/><numFmt numFmtId="167" formatCode="0.000"/><numFmt numFmtId="168" formatCode="0.0000"/><numFmt numFmtId="169" formatCode="0.00000"/><numFmt numFmtId="170" formatCode="0.000000"/></numFmts>"#,
    r#"<fonts count="3"><font><sz val="11"/><color rgb="FF000000"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><color rgb="FF000000"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="16"/><color rgb="FF000000"/><name val="Calibri"/><family val="2"/></font></fonts>"#,
    r#"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#,
    r#"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>"#,
    r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
    r#"<cellXfs count="20">"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#,
    r#"<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment horizontal="right"/></xf>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>"#,
    r#"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="168" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="169" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="170" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>"#,
    r#"<xf numFmtId="165" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>"#,
    r#"<xf numFmtId="166" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>"#,
    r#"<xf numFmtId="167" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>"#,
    r#"<xf numFmtId="168" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>"#,
    r#"<xf numFmtId="169" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>"#,
    r#"<xf numFmtId="170" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>"#,
    r#"</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0"/></styleSheet>"#
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_count_columns_in_letters() {
        assert_eq!(Ref((0, 0)).to_string(), "A1");
        assert_eq!(Ref((11, 25)).to_string(), "Z12");
        assert_eq!(Ref((0, 26)).to_string(), "AA1");
        assert_eq!(Ref((0, 16383)).to_string(), "XFD1");
    }

    #[test]
    fn text_escapes_markup_controls_and_literal_escapes() {
        let mut out = String::new();
        escape_text(&mut out, "a<b>&c\u{1}d_x0041_e\n");
        assert_eq!(out, "a&lt;b&gt;&amp;c_x0001_d_x005F_x0041_e\n");
    }

    #[test]
    fn cells_out_of_order_are_refused() {
        let mut sheet = Sheet::new("s");
        assert!(sheet.cell(0, 1, Value::Text("b"), Style::PLAIN));
        assert!(!sheet.cell(0, 0, Value::Text("a"), Style::PLAIN));
        assert!(sheet.cell(2, 0, Value::Number("1"), Style::PLAIN));
        assert!(!sheet.cell(1, 0, Value::Blank, Style::PLAIN));
    }
}
