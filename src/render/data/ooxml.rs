//! A small .xlsx (Office Open XML spreadsheet) writer for the downloads.
//!
//! Why not `rust_xlsxwriter`: a 10,000-project site writes 10,000
//! one-sheet workbooks and a few hundred large two-sheet ones, and there
//! the general-purpose writer cost five times as much as the whole rest of
//! the build (issue 12): it deflates every one of its nine parts at level
//! 6 with a new compressor, keeps a shared-string table, and starts a
//! thread per sheet. The downloads need a fixed set of formats, so this
//! writer writes strings inline (`t="inlineStr"`, which Excel, WPS,
//! openpyxl and calamine all read) and streams each sheet's XML straight
//! into its deflater ([`SheetWriter`]), so a large sheet never exists as
//! one string.
//!
//! Every part but the sheets depends only on the sheet names and the
//! document properties, which one build repeats in thousands of
//! workbooks. Those parts are deflated once, at the best level, and copied
//! into each workbook as compressed bytes ([`fixed_parts`]): a project's
//! workbook is mostly such overhead, and storing it uncompressed made it a
//! third larger (issue 22). `docProps/app.xml` is left out; it is
//! optional and said only "gongkai".
//!
//! Output is deterministic: parts in a fixed order, a fixed zip date
//! (1980-01-01) and the document time from `open_data.created`.
//!
//! No sheet ever exceeds Excel's [`MAX_ROWS`]: [`SheetWriter::cell`]
//! refuses a cell beyond it, so a caller with more rows must split them
//! into several sheets (see `xlsx::split`) and cannot forget to.
//!
//! Cells are written row by row, left to right ([`SheetWriter::cell`]); a
//! caller with another order sorts first (the official layout does).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{Cursor, Write as _};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// The most rows an Excel worksheet holds, header included (2^20).
pub(crate) const MAX_ROWS: u32 = 1_048_576;

/// The deflate level of the sheets of a workbook of at least
/// [`LARGE`] bytes. Measured with this zlib on the 100 MB 指标 sheet of a
/// 10,000-project year: level 1 (a different, static-Huffman algorithm)
/// gave 14.8 % of the XML at 425 MB/s, level 2 11.1 % at 340 MB/s, level
/// 3 10.2 % at 250 MB/s and level 6 9.2 % at 133 MB/s. Level 2 keeps most
/// of level 1's speed and a quarter fewer bytes.
const LARGE_LEVEL: i64 = 2;

/// The deflate level of a small workbook's sheets. Each deflate stream
/// above level 1 first clears some 200 KB of tables, which on a project's
/// 8 KB sheet cost more than the 300 bytes level 2 saves (at 10,000
/// projects: 3 MB for a third of a CPU-second).
const SMALL_LEVEL: i64 = 1;

/// The size hint from which a workbook counts as large.
const LARGE: usize = 64 * 1024;

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

/// The document properties a workbook carries.
pub(crate) struct Properties<'a> {
    pub(crate) title: &'a str,
    /// `YYYY-MM-DDTHH:MM:SS`, read as UTC.
    pub(crate) created: &'a str,
}

/// What a sheet's XML says before its cells.
pub(crate) struct SheetHead<'a> {
    /// Column widths in Excel's character units, from column A.
    pub(crate) widths: &'a [f64],
    /// Keeps the first row in view while scrolling.
    pub(crate) frozen_header: bool,
    /// The last row and the widest column the sheet will hold (0-based),
    /// for `<dimension>`; `None` for a sheet without cells.
    pub(crate) extent: Option<(u32, u16)>,
}

type Zip = ZipWriter<Cursor<Vec<u8>>>;

/// A workbook being written: its fixed parts at once, then each sheet in
/// turn through [`Workbook::sheet`].
pub(crate) struct Workbook {
    zip: Zip,
    sheets: usize,
    written: usize,
    level: i64,
}

impl Workbook {
    /// A workbook of sheets named `names`, whose sheets are then written
    /// in that order. `size` is a guess at the sheets' XML in bytes: it
    /// reserves memory and picks the deflate level.
    pub(crate) fn new(
        properties: &Properties<'_>,
        names: &[&str],
        size: usize,
    ) -> std::io::Result<Workbook> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(size / 8 + 4096)));
        let fixed = fixed_parts(properties, names)?;
        let mut fixed = ZipArchive::new(Cursor::new(fixed.as_slice()))?;
        for i in 0..fixed.len() {
            zip.raw_copy_file(fixed.by_index_raw(i)?)?;
        }
        Ok(Workbook {
            zip,
            sheets: names.len(),
            written: 0,
            level: if size >= LARGE {
                LARGE_LEVEL
            } else {
                SMALL_LEVEL
            },
        })
    }

    /// Starts the next sheet; finish it with [`SheetWriter::finish`]
    /// before starting another.
    pub(crate) fn sheet(&mut self, head: &SheetHead<'_>) -> std::io::Result<SheetWriter<'_>> {
        if self.written >= self.sheets {
            return Err(std::io::Error::other("more sheets than names"));
        }
        self.written += 1;
        let options = options()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(self.level));
        let name = format!("xl/worksheets/sheet{}.xml", self.written);
        self.zip.start_file(name, options)?;
        let mut out = String::with_capacity(BUFFER + 1024);
        out.push_str(XML_DECLARATION);
        out.push_str(
            r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
        );
        if let Some(extent) = head.extent {
            let _ = write!(out, r#"<dimension ref="A1:{}"/>"#, Ref(extent));
        }
        out.push_str(r#"<sheetViews><sheetView"#);
        if self.written == 1 {
            out.push_str(r#" tabSelected="1""#);
        }
        out.push_str(r#" workbookViewId="0">"#);
        if head.frozen_header {
            out.push_str(
                r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>"#,
            );
        }
        out.push_str(r#"</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>"#);
        if !head.widths.is_empty() {
            out.push_str("<cols>");
            for (col, width) in head.widths.iter().enumerate() {
                let n = col + 1;
                let _ = write!(
                    out,
                    r#"<col min="{n}" max="{n}" width="{width}" customWidth="1"/>"#
                );
            }
            out.push_str("</cols>");
        }
        out.push_str("<sheetData>");
        Ok(SheetWriter {
            zip: &mut self.zip,
            out,
            row: None,
            last: (0, 0),
            merges: String::new(),
            merge_count: 0,
        })
    }

    /// The bytes of the .xlsx file.
    pub(crate) fn finish(self) -> std::io::Result<Vec<u8>> {
        if self.written != self.sheets {
            return Err(std::io::Error::other("fewer sheets than names"));
        }
        Ok(self.zip.finish()?.into_inner())
    }
}

/// How much sheet XML is gathered before it goes to the deflater.
const BUFFER: usize = 64 * 1024;

/// One worksheet being written, row by row, into its workbook.
pub(crate) struct SheetWriter<'w> {
    zip: &'w mut Zip,
    out: String,
    /// The open `<row>`, 0-based.
    row: Option<u32>,
    last: (u32, u16),
    merges: String,
    merge_count: usize,
}

impl SheetWriter<'_> {
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
    /// that order, or below Excel's last row, is a caller's bug and an
    /// error.
    pub(crate) fn cell(
        &mut self,
        row: u32,
        col: u16,
        value: Value<'_>,
        style: Style,
    ) -> std::io::Result<()> {
        if row >= MAX_ROWS {
            return Err(std::io::Error::other(crate::t!(
                "xlsx-row-limit",
                row = row as u64 + 1,
                limit = MAX_ROWS
            )));
        }
        match self.row {
            Some(open) if open == row && col <= self.last.1 => return Err(out_of_order(row, col)),
            Some(open) if open > row => return Err(out_of_order(row, col)),
            Some(open) if open == row => {}
            Some(_) => {
                self.out.push_str("</row>");
                self.open_row(row);
            }
            None => self.open_row(row),
        }
        self.last = (row, col);
        self.out.push_str(r#"<c r=""#);
        Ref((row, col)).push(&mut self.out);
        self.out.push('"');
        if style.0 != 0 {
            let _ = write!(self.out, r#" s="{}""#, style.0);
        }
        match value {
            Value::Blank => self.out.push_str("/>"),
            Value::Number(n) => {
                let _ = write!(self.out, "><v>{n}</v></c>");
            }
            Value::Text(t) => {
                self.out.push_str(r#" t="inlineStr"><is><t"#);
                if t.starts_with(char::is_whitespace) || t.ends_with(char::is_whitespace) {
                    self.out.push_str(r#" xml:space="preserve""#);
                }
                self.out.push('>');
                escape_text(&mut self.out, t);
                self.out.push_str("</t></is></c>");
            }
        }
        if self.out.len() >= BUFFER {
            self.zip.write_all(self.out.as_bytes())?;
            self.out.clear();
        }
        Ok(())
    }

    fn open_row(&mut self, row: u32) {
        let _ = write!(self.out, r#"<row r="{}">"#, row + 1);
        self.row = Some(row);
    }

    /// Ends the sheet: its rows, then its merged ranges.
    pub(crate) fn finish(mut self) -> std::io::Result<()> {
        if self.row.is_some() {
            self.out.push_str("</row>");
        }
        self.out.push_str("</sheetData>");
        if self.merge_count > 0 {
            let _ = write!(self.out, r#"<mergeCells count="{}">"#, self.merge_count);
            self.out.push_str(&self.merges);
            self.out.push_str("</mergeCells>");
        }
        self.out.push_str(
            r#"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>"#,
        );
        self.zip.write_all(self.out.as_bytes())
    }
}

fn out_of_order(row: u32, col: u16) -> std::io::Error {
    std::io::Error::other(format!("cell ({row}, {col}) written out of row order"))
}

/// The zip options every part shares: a fixed date and permissions.
fn options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644)
}

/// Every part of a workbook but its sheets, deflated at the best level, as
/// a small archive whose entries [`Workbook::new`] copies without
/// recompressing. They depend only on the sheet names and the properties,
/// so a build computes each combination once: its project workbooks all
/// share one, and its set workbooks one or two more.
fn fixed_parts(properties: &Properties<'_>, names: &[&str]) -> std::io::Result<Arc<Vec<u8>>> {
    type Cache = Mutex<HashMap<String, Arc<Vec<u8>>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let key = format!(
        "{}\u{0}{}\u{0}{}",
        properties.title,
        properties.created,
        names.join("\u{0}")
    );
    let cache = CACHE.get_or_init(Cache::default);
    let lock = || cache.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(parts) = lock().get(&key) {
        return Ok(parts.clone());
    }
    let parts = Arc::new(write_fixed_parts(properties, names)?);
    let mut cache = lock();
    // Each site has a handful of combinations; a process that builds many
    // sites (the tests) starts over rather than growing.
    if cache.len() >= 64 {
        cache.clear();
    }
    cache.insert(key, parts.clone());
    Ok(parts)
}

fn write_fixed_parts(properties: &Properties<'_>, names: &[&str]) -> std::io::Result<Vec<u8>> {
    let mut types = String::from(XML_DECLARATION);
    types.push_str(CONTENT_TYPES_HEAD);
    for n in 1..=names.len() {
        let _ = write!(
            types,
            r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        );
    }
    types.push_str("</Types>");

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

    let mut book = String::from(XML_DECLARATION);
    book.push_str(WORKBOOK_HEAD);
    let mut rels = String::from(XML_DECLARATION);
    rels.push_str(RELS_HEAD);
    for (i, name) in names.iter().enumerate() {
        let n = i + 1;
        book.push_str(r#"<sheet name=""#);
        escape_attribute(&mut book, name);
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
        names.len() + 1
    );

    let deflated = options()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(9));
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let parts: [(&str, &str); 6] = [
        ("[Content_Types].xml", &types),
        ("_rels/.rels", ROOT_RELS),
        ("docProps/core.xml", &core),
        ("xl/workbook.xml", &book),
        ("xl/_rels/workbook.xml.rels", &rels),
        ("xl/styles.xml", STYLES),
    ];
    for (name, text) in parts {
        zip.start_file(name, deflated)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

/// A cell reference such as `B12`, from 0-based row and column.
struct Ref((u32, u16));

impl Ref {
    /// Appends the reference to `out`. Every cell of every sheet has one,
    /// so it is written by hand rather than through `fmt`, which cost
    /// about 2 % of a 10,000-project build.
    fn push(&self, out: &mut String) {
        let (row, col) = self.0;
        let mut text = [0u8; 3 + 10];
        let mut i = text.len();
        let mut n = row as u64 + 1;
        while n > 0 {
            i -= 1;
            text[i] = b'0' + (n % 10) as u8;
            n /= 10;
        }
        let mut n = col as u32 + 1;
        while n > 0 {
            i -= 1;
            text[i] = b'A' + ((n - 1) % 26) as u8;
            n = (n - 1) / 26;
        }
        // ASCII letters and digits only.
        out.push_str(std::str::from_utf8(&text[i..]).unwrap_or_default());
    }
}

impl std::fmt::Display for Ref {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut text = String::with_capacity(13);
        self.push(&mut text);
        f.write_str(&text)
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

const CONTENT_TYPES_HEAD: &str = r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#;

const ROOT_RELS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#
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
        assert_eq!(Ref((MAX_ROWS - 1, 17)).to_string(), "R1048576");
    }

    #[test]
    fn text_escapes_markup_controls_and_literal_escapes() {
        let mut out = String::new();
        escape_text(&mut out, "a<b>&c\u{1}d_x0041_e\n");
        assert_eq!(out, "a&lt;b&gt;&amp;c_x0001_d_x005F_x0041_e\n");
    }

    /// A workbook of one sheet, written by `write`.
    fn one_sheet(
        write: impl FnOnce(&mut SheetWriter<'_>) -> std::io::Result<()>,
    ) -> std::io::Result<Vec<u8>> {
        let properties = Properties {
            title: "t",
            created: "2024-01-01T00:00:00",
        };
        let mut book = Workbook::new(&properties, &["s"], 0)?;
        let mut sheet = book.sheet(&SheetHead {
            widths: &[],
            frozen_header: false,
            extent: None,
        })?;
        write(&mut sheet)?;
        sheet.finish()?;
        book.finish()
    }

    #[test]
    fn cells_out_of_order_are_refused() {
        let fails = |cells: &[(u32, u16)]| {
            one_sheet(|sheet| {
                for (r, c) in cells {
                    sheet.cell(*r, *c, Value::Text("x"), Style::PLAIN)?;
                }
                Ok(())
            })
            .is_err()
        };
        assert!(!fails(&[(0, 1), (2, 0)]));
        assert!(fails(&[(0, 1), (0, 0)]));
        assert!(fails(&[(2, 0), (1, 0)]));
    }

    #[test]
    fn no_cell_below_the_sheet_limit() {
        let at =
            |row: u32| one_sheet(|sheet| sheet.cell(row, 0, Value::Blank, Style::PLAIN)).is_ok();
        assert!(at(MAX_ROWS - 1));
        assert!(!at(MAX_ROWS));
    }

    #[test]
    fn workbooks_are_deterministic_and_readable() {
        let write = || {
            one_sheet(|sheet| {
                sheet.cell(0, 0, Value::Text("名称"), Style::BOLD)?;
                sheet.cell(1, 0, Value::Number("1.5"), Style::PLAIN)
            })
            .unwrap()
        };
        let bytes = write();
        assert_eq!(bytes, write());
        let mut zip = ZipArchive::new(Cursor::new(&bytes)).unwrap();
        let names: Vec<&str> = zip.file_names().collect();
        assert!(!names.contains(&"docProps/app.xml"), "{names:?}");
        let mut text = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
            &mut text,
        )
        .unwrap();
        assert!(text.contains("<v>1.5</v>"), "{text}");
    }
}
