//! Hostile sources for `gongkai import` and hostile text in downloads
//! (issue 23): files of a few kilobytes that once made the import
//! allocate until the kernel killed it, and formula text that reached the
//! CSV downloads unguarded.
//!
//! Every import here runs the real binary under a 2 GiB address-space
//! limit and a 60-second timeout, so the old behaviour fails the test (an
//! abort for want of memory, or a timeout) instead of taking the machine
//! down; the new behaviour is exit code 1 and a message naming the file,
//! the sheet or cell, and the limit.

use std::io::{Cursor, Write};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::time::Duration;

use crate::common::{TestSite, succeeded};

/// Address space the import may use: far more than any refusal needs.
const ADDRESS_SPACE: u64 = 2 << 30;

/// Runs `gongkai import FILE --dry-run` with a memory limit and a timeout;
/// returns the exit code and the flattened stderr.
fn import(site: &TestSite, file: &Path) -> (Option<i32>, String) {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("gongkai"));
    cmd.arg("--root")
        .arg(site.root())
        .args([
            "import",
            "--dry-run",
            "--department",
            "100001",
            "--year",
            "2024",
        ])
        .arg(file)
        .env("NO_COLOR", "1")
        .env("GONGKAI_LANG", "en");
    // SAFETY: setrlimit is async-signal-safe and touches no parent state.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: ADDRESS_SPACE,
                rlim_max: ADDRESS_SPACE,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let output = assert_cmd::Command::from_std(cmd)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr)
        .replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (output.status.code(), stderr)
}

/// Asserts a refusal (exit 1, no panic, no abort) whose message contains
/// every one of `words`.
fn refused(site: &TestSite, file: &Path, words: &[&str]) {
    let (code, stderr) = import(site, file);
    assert_eq!(code, Some(1), "expected a refusal (exit 1):\n{stderr}");
    let name = file.file_name().unwrap().to_string_lossy();
    assert!(stderr.contains(&*name), "the file is named: {stderr}");
    for word in words {
        assert!(stderr.contains(word), "“{word}” missing: {stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
}

// ------------------------------------------------------------ workbooks

/// A package with the given parts, deflated.
fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        out.start_file(*name, options).unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;

/// A one-sheet workbook with `sheet` as its sheet XML and `strings` as
/// its shared strings.
fn workbook(sheet: &str, strings: &str) -> Vec<u8> {
    package(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ("xl/sharedStrings.xml", strings.as_bytes()),
    ])
}

fn sheet_xml(cells: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{cells}</sheetData></worksheet>"#
    )
}

#[test]
fn a_workbook_with_one_cell_at_xfd1048576_is_refused_before_allocating() {
    let site = TestSite::empty();
    // As Excel writes it: a 2 KB file whose one cell is the last one.
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet()
        .write_string(1_048_575, 16_383, "x")
        .unwrap();
    let bytes = book.save_to_buffer().unwrap();
    assert!(bytes.len() < 8_000, "{}", bytes.len());
    site.write("far.xlsx", &bytes);
    refused(
        &site,
        &site.root().join("far.xlsx"),
        &["Sheet1", "XFD1048576", "rows", "200,000"],
    );
    // With a header in A1 as well, calamine itself would build the dense
    // grid between the two cells.
    let sheet = sheet_xml(
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c></row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>"#,
    );
    site.write("far2.xlsx", workbook(&sheet, "<sst/>"));
    refused(
        &site,
        &site.root().join("far2.xlsx"),
        &["Sheet1", "XFD1048576", "rows"],
    );
}

/// Raw deflate (fixed Huffman codes) of `prefix`, then `run` copies of
/// `byte`, then `suffix`, written as back-references of 258 bytes: a
/// gigabyte in a few megabytes, without compressing a gigabyte.
fn deflate_run(prefix: &[u8], byte: u8, copies: u64, suffix: &[u8]) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        fn lsb(&mut self, value: u64, n: u32) {
            self.acc |= value << self.n;
            self.n += n;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        /// A Huffman code, most significant bit first.
        fn code(&mut self, code: u64, n: u32) {
            for i in (0..n).rev() {
                self.lsb((code >> i) & 1, 1);
            }
        }
        fn literal(&mut self, b: u8) {
            assert!(b < 144);
            self.code(0x30 + u64::from(b), 8);
        }
    }
    let mut bits = Bits {
        out: Vec::new(),
        acc: 0,
        n: 0,
    };
    bits.lsb(1, 1); // the final block
    bits.lsb(1, 2); // fixed Huffman codes
    prefix.iter().for_each(|&b| bits.literal(b));
    bits.literal(byte);
    for _ in 0..copies {
        bits.code(0xC5, 8); // length 258 (code 285)
        bits.code(0, 5); // distance 1
    }
    suffix.iter().for_each(|&b| bits.literal(b));
    bits.code(0, 7); // end of block
    bits.lsb(0, 7);
    bits.out
}

/// A zip of deflated parts `(name, deflated bytes, declared size)`,
/// written by hand so that the sizes it declares can be anything.
fn zip_of(parts: &[(String, Vec<u8>, u32)]) -> Vec<u8> {
    let header = |out: &mut Vec<u8>, part: &(String, Vec<u8>, u32), at: Option<usize>| {
        let (name, deflated, declared) = part;
        out.extend(
            if at.is_some() {
                0x0201_4b50u32
            } else {
                0x0403_4b50
            }
            .to_le_bytes(),
        );
        if at.is_some() {
            out.extend(20u16.to_le_bytes()); // version made by
        }
        out.extend(20u16.to_le_bytes()); // version needed
        out.extend(0u16.to_le_bytes()); // flags
        out.extend(8u16.to_le_bytes()); // deflate
        out.extend([0; 4]); // time, date
        out.extend(0u32.to_le_bytes()); // crc (never checked before the refusal)
        out.extend((deflated.len() as u32).to_le_bytes());
        out.extend(declared.to_le_bytes());
        out.extend((name.len() as u16).to_le_bytes());
        out.extend(0u16.to_le_bytes()); // extra
        if let Some(at) = at {
            out.extend([0; 6]); // comment, disk, internal attributes
            out.extend(0u32.to_le_bytes()); // external attributes
            out.extend((at as u32).to_le_bytes());
        }
        out.extend(name.as_bytes());
    };
    let mut out = Vec::new();
    let mut offsets = Vec::new();
    for part in parts {
        offsets.push(out.len());
        header(&mut out, part, None);
        out.extend(&part.1);
    }
    let central = out.len();
    for (part, at) in parts.iter().zip(offsets) {
        header(&mut out, part, Some(at));
    }
    let size = out.len() - central;
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0; 4]);
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((size as u32).to_le_bytes());
    out.extend((central as u32).to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// A small ASCII part, deflated and declared truthfully.
fn small(name: &str, text: &[u8]) -> (String, Vec<u8>, u32) {
    let (last, rest) = text.split_last().unwrap();
    (
        name.to_owned(),
        deflate_run(rest, *last, 0, b""),
        text.len() as u32,
    )
}

/// A complete workbook whose shared strings are `strings` (deflated,
/// declared as `declared` bytes), so that a reader that trusts it gets as
/// far as the bomb.
fn bomb_workbook(strings: Vec<u8>, declared: u32) -> Vec<u8> {
    let sheet = sheet_xml(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#);
    let parts = [
        small("[Content_Types].xml", CONTENT_TYPES),
        small("_rels/.rels", RELS),
        small("xl/workbook.xml", WORKBOOK),
        small("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        small("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ("xl/sharedStrings.xml".to_owned(), strings, declared),
    ];
    zip_of(&parts)
}

#[test]
fn a_zip_bomb_workbook_is_refused_by_its_sizes() {
    let site = TestSite::empty();
    // A 1 GiB shared string, in about 6 MB.
    let prefix = br#"<sst uniqueCount="1"><si><t>"#;
    let suffix = b"</t></si></sst>";
    let copies = (1u64 << 30) / 258;
    let bomb = deflate_run(prefix, b'a', copies, suffix);
    assert!(bomb.len() < 8 << 20, "{}", bomb.len());
    let real = (prefix.len() + suffix.len()) as u64 + 1 + copies * 258;
    site.write("bomb.xlsx", bomb_workbook(bomb.clone(), real as u32));
    refused(
        &site,
        &site.root().join("bomb.xlsx"),
        &["1,025 MiB", "256 MiB"],
    );
    // The same part declaring 1 KiB: refused once it passes 1 KiB.
    site.write("liar.xlsx", bomb_workbook(bomb, 1024));
    refused(
        &site,
        &site.root().join("liar.xlsx"),
        &["sharedStrings", "1,024", "zip bomb"],
    );
}

#[test]
fn declared_counts_and_copied_strings_are_measured_before_use() {
    let site = TestSite::empty();
    let sheet = sheet_xml(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#);
    // calamine reserved room for every string the file declares.
    let strings = r#"<sst uniqueCount="1000000000000"><si><t>项目名称</t></si></sst>"#;
    site.write("count.xlsx", workbook(&sheet, strings));
    refused(
        &site,
        &site.root().join("count.xlsx"),
        &["1,000,000,000,000", "shared strings"],
    );
    // One 30,000-character string used by 20,000 cells: 1.7 GB of text
    // from a file of a few kilobytes.
    let long = "指".repeat(30_000);
    let strings = format!(r#"<sst uniqueCount="1"><si><t>{long}</t></si></sst>"#);
    let cells: String = (1..=20_000)
        .map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>"#))
        .collect();
    site.write("copies.xlsx", workbook(&sheet_xml(&cells), &strings));
    refused(
        &site,
        &site.root().join("copies.xlsx"),
        &["Sheet1", "512 MiB", "text"],
    );
}

#[test]
fn an_xls_with_forged_dimensions_is_refused() {
    let site = TestSite::empty();
    let mut bytes =
        std::fs::read(crate::common::repo_root().join("tests/fixtures/import/list-merged.xls"))
            .unwrap();
    // The sheet's Dimensions record: rows 0 to 2³¹, columns 0 to 65535.
    let at = bytes
        .windows(4)
        .position(|w| w == [0x00, 0x02, 0x0E, 0x00])
        .expect("a BIFF8 Dimensions record");
    bytes[at + 4..at + 16].copy_from_slice(
        &[0u32.to_le_bytes(), 0x7FFF_FFFFu32.to_le_bytes()]
            .concat()
            .into_iter()
            .chain([0, 0, 0xFF, 0xFF])
            .collect::<Vec<u8>>(),
    );
    site.write("dims.xls", &bytes);
    refused(
        &site,
        &site.root().join("dims.xls"),
        &["2,147,483,647", ".xls"],
    );
}

#[test]
fn an_ods_that_repeats_a_cell_ninety_million_times_is_refused() {
    let site = TestSite::empty();
    let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Sheet1"><table:table-row table:number-rows-repeated="90000"><table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let manifest = br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let ods = package(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_bytes()),
    ]);
    site.write("repeat.ods", ods);
    refused(
        &site,
        &site.root().join("repeat.ods"),
        &["Sheet1", "90,000,000 cells"],
    );
}

// ------------------------------------------------------ text and pages

#[test]
fn csv_html_and_text_grids_are_refused_before_they_grow() {
    let site = TestSite::empty();
    // 5,000 columns in one line of 5 KB.
    site.write("wide.csv", format!("项目名称{}\n", ",".repeat(5_000)));
    refused(
        &site,
        &site.root().join("wide.csv"),
        &["CSV", "5,001 columns", "1,024"],
    );
    // A 40,000-character cell.
    site.write(
        "long.csv",
        format!("项目名称,一级指标\n甲,{}\n", "长".repeat(40_000)),
    );
    refused(
        &site,
        &site.root().join("long.csv"),
        &["B2", "32,767 characters"],
    );
    // 2,000 cells spanning 500 × 500 each: 500 million cells.
    let cells = r#"<td rowspan="500" colspan="500">指标</td>"#.repeat(2_000);
    site.write("spans.html", format!("<table><tr>{cells}</tr></table>"));
    refused(
        &site,
        &site.root().join("spans.html"),
        &["columns", "1,024"],
    );
    // OCR text: a line of 300,000 tabs.
    site.write("tabs.txt", format!("单位编码{}\n", "\t".repeat(300_000)));
    refused(&site, &site.root().join("tabs.txt"), &["columns"]);
}

#[test]
fn an_oversized_source_file_is_refused_by_its_size() {
    let site = TestSite::empty();
    let file = std::fs::File::create(site.root().join("huge.csv")).unwrap();
    // Sparse: 200 MiB on paper, nothing on disk.
    file.set_len(200 << 20).unwrap();
    refused(
        &site,
        &site.root().join("huge.csv"),
        &["200 MiB", "128 MiB"],
    );
}

#[test]
fn a_fifo_named_like_a_source_neither_blocks_nor_floods() {
    let site = TestSite::empty();
    let fifo = site.root().join("pipe.csv");
    let path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0);
    let (code, stderr) = import(&site, &fifo);
    assert_eq!(code, Some(2), "an I/O error, at once: {stderr}");
    assert!(stderr.contains("not a regular file"), "{stderr}");
}

// ------------------------------------------------- downloads and check

/// A project whose texts a spreadsheet would run as formulas, and one
/// ordinary comparator value (`=100%`).
const FORMULAS: &str = r#"year: 2024
name: "+cmd"
amount: "10.00"
goals:
  - "@SUM(A1:A9)"
indicators:
  - {level1: 产出指标, level2: 数量指标, name: "=HYPERLINK(\"http://example.com\",\"点击\")", value: "-x"}
  - {level1: 产出指标, level2: 质量指标, name: 验收合格率, value: "=100%"}
  - {level1: 满意度指标, level2: 服务对象满意度指标, name: 群众满意度, value: "≥90%"}
"#;

fn formula_site() -> TestSite {
    let site = TestSite::empty();
    site.department("100001", "测试单位");
    site.write("content/100001/a.yaml", FORMULAS);
    site
}

/// Every field of a CSV download, as a spreadsheet would read it.
fn csv_fields(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// True when a spreadsheet would run `field` as a formula.
fn runs(field: &str) -> bool {
    field.starts_with(['=', '+', '-', '@', '\t', '\r']) && field.parse::<f64>().is_err()
}

#[test]
fn csv_downloads_guard_formula_triggers_and_say_so() {
    let site = formula_site();
    site.build();
    let public = site.public();
    let mut guarded = Vec::new();
    // The year's CSVs are its department-years' rows, byte for byte (in
    // the year's zip); the department-year and project files are checked.
    for file in [
        "2024/100001/projects.csv",
        "2024/100001/indicators.csv",
        "2024/100001/a/a.csv",
    ] {
        let bytes = std::fs::read(public.join(file)).unwrap();
        for field in csv_fields(&bytes).into_iter().flatten() {
            assert!(!runs(&field), "{file}: {field:?} would run as a formula");
            if field.starts_with('\'') {
                guarded.push(field);
            }
        }
    }
    for expected in [
        "'+cmd",
        "'=HYPERLINK(\"http://example.com\",\"点击\")",
        "'-x",
        "'=100%",
    ] {
        assert!(
            guarded.iter().any(|g| g == expected),
            "{expected}: {guarded:?}"
        );
    }
    // The JSON keeps the data as it is; the datapackage says what the
    // CSV guard does.
    let json = std::fs::read_to_string(public.join("2024/100001/data.json")).unwrap();
    assert!(json.contains(r#""=100%""#), "{json}");
    let package = std::fs::read_to_string(public.join("2024/100001/datapackage.json")).unwrap();
    assert!(package.contains("CSV 注入防护"), "{package}");
}

#[test]
fn guarded_csv_cells_import_as_the_text_they_guard() {
    // A clerk copies the download's columns into the list template: the
    // project comes back unchanged, its formula texts exactly as written.
    let site = formula_site();
    site.build();
    let public = site.public();
    let projects = csv_fields(&std::fs::read(public.join("2024/100001/projects.csv")).unwrap());
    let indicators = csv_fields(&std::fs::read(public.join("2024/100001/indicators.csv")).unwrap());
    let column =
        |table: &[Vec<String>], name: &str| table[0].iter().position(|h| h == name).unwrap();
    let name = &projects[1][column(&projects, "project_name")];
    let amount = &projects[1][column(&projects, "amount")];
    assert_eq!(name, "'+cmd");
    let mut list = csv::Writer::from_writer(Vec::new());
    list.write_record([
        "单位名称",
        "项目名称",
        "预算数",
        "年度目标",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
    ])
    .unwrap();
    for row in &indicators[1..] {
        let cell = |name: &str| row[column(&indicators, name)].as_str();
        list.write_record([
            "100001-测试单位",
            name,
            amount,
            "'@SUM(A1:A9)",
            cell("level1"),
            cell("level2"),
            cell("name"),
            cell("value"),
        ])
        .unwrap();
    }
    site.write("list.csv", list.into_inner().unwrap());
    let output = succeeded(
        site.cmd(&[
            "import",
            "--year",
            "2024",
            site.root().join("list.csv").to_str().unwrap(),
        ])
        .output()
        .unwrap(),
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("(0 new, 0 replaced, 1 unchanged)"),
        "{stderr}"
    );
    assert_eq!(site.read("content/100001/a.yaml"), FORMULAS);
}

#[test]
fn check_warns_on_formula_like_text_but_not_on_comparators() {
    let site = formula_site();
    let output = site.cmd(&["check", "--format", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "a warning, never an error");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut fields: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "formula-like-text")
        .map(|d| d["field"].as_str().unwrap())
        .collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        [
            "goals[0]",
            "indicators[0].name",
            "indicators[0].value",
            "name"
        ],
        "=100% is a comparator, not a formula"
    );
    let denied = site.cmd(&["check", "--deny-warnings"]).output().unwrap();
    assert_eq!(denied.status.code(), Some(1));
}
