//! Downloads (issues 12 and 22): every file parses with an independent
//! reader and says what the pages say; a year's files are its
//! department-years' rows.
//!
//! The Rust readers (the `csv` crate, `calamine` for .xlsx) always run.
//! Python's `csv`, `openpyxl` and `frictionless` (which validates each
//! `datapackage.json` against its CSV files) run when installed; without
//! them the Python test prints a `SKIPPED:` line (counted again at the
//! end of the run, `skips.rs`) and passes, unless
//! `GONGKAI_REQUIRE_AUDIT=1` (set in CI), which makes it fail, as the
//! browser audit does.

use std::io::Cursor;
use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use rust_decimal::Decimal;
use scraper::{Html, Selector};

use crate::common::{TestSite, years_root};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The records of a CSV file, header first, checking BOM and CRLF.
fn read_csv(bytes: &[u8], bom: bool) -> Vec<Vec<String>> {
    assert_eq!(bytes.starts_with(BOM), bom, "byte-order mark");
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let lines = body.split(|b| *b == b'\n').filter(|l| !l.is_empty());
    for line in lines {
        assert!(line.ends_with(b"\r"), "every line ends in CRLF");
    }
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn column(records: &[Vec<String>], name: &str) -> Vec<String> {
    let i = records[0].iter().position(|h| h == name).unwrap();
    records[1..].iter().map(|r| r[i].clone()).collect()
}

fn workbook(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes)).unwrap()
}

/// One entry of a zip archive, as bytes.
fn unzip_bytes(bytes: &[u8], name: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut entry = archive.by_name(name).unwrap();
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut entry, &mut out).unwrap();
    out
}

#[test]
fn the_example_site_downloads_hold_111_indicators_and_220_wan() {
    let site = TestSite::example();
    site.build();
    let public = site.public();
    let read = |rel: &str| std::fs::read(public.join(rel)).unwrap();
    let zip = read("2023/data-csv.zip");
    // The department-year's files, and the year's inside its zip.
    let csv_files = [
        (
            "2023/504001",
            read("2023/504001/indicators.csv"),
            read("2023/504001/projects.csv"),
        ),
        (
            "2023",
            unzip_bytes(&zip, "indicators.csv"),
            unzip_bytes(&zip, "projects.csv"),
        ),
    ];
    for (folder, indicators, projects) in &csv_files {
        let indicators = read_csv(indicators, true);
        assert_eq!(indicators.len() - 1, 111, "{folder}");
        let projects = read_csv(projects, true);
        assert_eq!(projects.len() - 1, 8);
        let total: Decimal = column(&projects, "amount")
            .iter()
            .map(|a| a.parse::<Decimal>().unwrap())
            .sum();
        assert_eq!(total.to_string(), "220.00");
        // indicator_count agrees with the indicator rows of each project.
        let counts: usize = column(&projects, "indicator_count")
            .iter()
            .map(|c| c.parse::<usize>().unwrap())
            .sum();
        assert_eq!(counts, 111);
    }
    for folder in ["2023", "2023/504001"] {
        let projects = read_csv(&read("2023/504001/projects.csv"), true);
        // The workbook holds the same rows, with frozen headers and no merges.
        let mut book = workbook(read(&format!("{folder}/data.xlsx")));
        assert_eq!(book.sheet_names(), ["项目", "指标"]);
        let sheet = book.worksheet_range("指标").unwrap();
        assert_eq!(sheet.height(), 112);
        let sheet = book.worksheet_range("项目").unwrap();
        let amount_col = projects[0].iter().position(|h| h == "amount").unwrap();
        let amounts: Vec<String> = sheet
            .rows()
            .skip(1)
            .map(|r| match &r[amount_col] {
                Data::Float(f) => format!("{f:.2}"),
                other => other.to_string(),
            })
            .collect();
        assert_eq!(amounts, column(&projects, "amount"));
        assert!(
            book.worksheet_merge_cells("项目")
                .unwrap()
                .unwrap()
                .is_empty()
        );
        let xml = unzip_entry(
            &read(&format!("{folder}/data.xlsx")),
            "xl/worksheets/sheet1.xml",
        );
        assert!(
            xml.contains("<pane ySplit=\"1\" topLeftCell=\"A2\""),
            "{xml}"
        );
    }

    // data.json: each table as columns and rows of values.
    let json: serde_json::Value = serde_json::from_slice(&read("2023/504001/data.json")).unwrap();
    assert_eq!(json["indicators"]["data"].as_array().unwrap().len(), 111);
    assert_eq!(json["amount_unit"], "万元");
    let columns = json["projects"]["columns"].as_array().unwrap();
    let amount = columns.iter().position(|c| c == "amount").unwrap();
    assert_eq!(
        json["projects"]["data"][1][amount], "200.00",
        "money is exact text"
    );
    let width = json["indicators"]["columns"].as_array().unwrap().len();
    assert!(
        json["indicators"]["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|row| row.as_array().unwrap().len() == width)
    );
}

/// A year's CSV files are its department-years' files, one header and
/// then their rows byte for byte, in department order; its zip is the
/// same bytes at every build.
#[test]
fn a_year_is_assembled_from_its_departments() {
    let site = TestSite::copy_of(&years_root());
    site.build();
    let read = |rel: &str| std::fs::read(site.public().join(rel)).unwrap();
    let zip = read("2022/data-csv.zip");
    let archive = zip::ZipArchive::new(Cursor::new(&zip)).unwrap();
    let names: Vec<&str> = archive.file_names().collect();
    assert_eq!(
        names,
        ["datapackage.json", "indicators.csv", "projects.csv"]
    );
    for name in ["indicators.csv", "projects.csv"] {
        let mut expected = Vec::new();
        for (i, code) in ["200001", "200002"].iter().enumerate() {
            let file = read(&format!("2022/{code}/{name}"));
            let header_end = file.windows(2).position(|w| w == b"\r\n").unwrap() + 2;
            let (header, body) = file.split_at(header_end);
            if i == 0 {
                expected.extend_from_slice(header);
            }
            expected.extend_from_slice(body);
        }
        assert_eq!(unzip_bytes(&zip, name), expected, "{name}");
    }
    for entry in 0..names.len() {
        let mut archive = zip::ZipArchive::new(Cursor::new(&zip)).unwrap();
        let file = archive.by_index(entry).unwrap();
        assert_eq!(file.last_modified(), Some(zip::DateTime::default()));
    }
    let package: serde_json::Value =
        serde_json::from_slice(&unzip_bytes(&zip, "datapackage.json")).unwrap();
    assert_eq!(package["name"], "gongkai-2022");
    assert_eq!(package["resources"][1]["path"], "indicators.csv");
    // No per-year CSV, JSON or package outside the zip.
    for gone in [
        "projects.csv",
        "indicators.csv",
        "data.json",
        "datapackage.json",
    ] {
        assert!(!site.public().join("2022").join(gone).exists(), "{gone}");
    }
    site.build();
    assert_eq!(read("2022/data-csv.zip"), zip);
}

/// One entry of a zip archive as text (the workbook's XML).
fn unzip_entry(bytes: &[u8], name: &str) -> String {
    // calamine reads cells, not panes; the zip it depends on reads the XML.
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut entry = archive.by_name(name).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut entry, &mut text).unwrap();
    text
}

#[test]
fn a_project_workbook_has_the_official_layout() {
    let site = TestSite::example();
    site.build();
    let bytes = std::fs::read(
        site.public()
            .join("2023/504001/kangfu-gongzuo-jingfei/kangfu-gongzuo-jingfei.xlsx"),
    )
    .unwrap();
    let mut book = workbook(bytes);
    let name = book.sheet_names()[0].clone();
    let sheet = book.worksheet_range(&name).unwrap();
    let cell = |r: usize, c: usize| sheet.get((r, c)).map(|d| d.to_string()).unwrap_or_default();
    assert_eq!(cell(0, 0), "2023年度项目支出绩效目标表");
    assert_eq!(cell(1, 0), "金额单位：万元");
    assert_eq!(cell(2, 0), "项目名称");
    assert_eq!(cell(2, 1), "残疾人康复工作经费");
    let header = (0..sheet.height())
        .find(|r| cell(*r, 0) == "一级指标")
        .unwrap();
    assert_eq!(cell(header, 3), "指标值");
    assert_eq!(cell(header + 1, 0), "产出指标");
    // 一级 and 二级 are merged over their rows, as on the printed form.
    let merges = book.worksheet_merge_cells(&name).unwrap().unwrap();
    let first = header as u32 + 1;
    assert!(
        merges
            .iter()
            .any(|m| m.start == (first, 0) && m.end.0 > first && m.end.1 == 0),
        "{merges:?}"
    );
    assert!(merges.iter().any(|m| m.start == (first, 1) && m.end.1 == 1));
}

#[test]
fn a_project_csv_stands_alone() {
    let site = TestSite::example();
    site.build();
    let dir = site.public().join("2023/504001/kangfu-gongzuo-jingfei");
    let records = read_csv(
        &std::fs::read(dir.join("kangfu-gongzuo-jingfei.csv")).unwrap(),
        true,
    );
    assert_eq!(
        records[0][..6],
        [
            "year",
            "department_code",
            "department_name",
            "project_name",
            "project_code",
            "table"
        ]
    );
    // Every row says whose it is, so the file makes sense on its own.
    for row in &records[1..] {
        assert_eq!(
            row[..4],
            ["2023", "504001", "祁连县残疾人联合会", "残疾人康复工作经费"]
        );
    }
    let values = column(&records, "value");
    let numbers = column(&records, "number");
    let units = column(&records, "unit");
    let i = values.iter().position(|v| v == "3000人").unwrap();
    assert_eq!((numbers[i].as_str(), units[i].as_str()), ("3000", "人"));
    // Its rows are the department-year's rows for this project.
    let department = read_csv(
        &std::fs::read(site.public().join("2023/504001/indicators.csv")).unwrap(),
        true,
    );
    let slug = column(&department, "project_slug");
    let mine = slug
        .iter()
        .filter(|s| *s == "kangfu-gongzuo-jingfei")
        .count();
    assert_eq!(mine, records.len() - 1);
    // There is no per-project JSON: the department's data.json has it.
    assert!(!dir.join("kangfu-gongzuo-jingfei.json").exists());
}

#[test]
fn link_text_names_format_and_true_size() {
    let site = TestSite::copy_of(&years_root());
    site.build();
    let mut links = 0;
    for rel in [
        "2024/index.html",
        "2024/200001/index.html",
        "2024/200001/d-2024/index.html",
        "open-data/index.html",
    ] {
        let path = site.public().join(rel);
        let html = Html::parse_document(&std::fs::read_to_string(&path).unwrap());
        for a in html.select(&Selector::parse("ul.downloads a").unwrap()) {
            links += 1;
            let href = a.value().attr("href").unwrap();
            let target = path.parent().unwrap().join(href);
            let size = std::fs::metadata(&target).unwrap().len();
            let text: String = a.text().collect();
            assert!(text.starts_with("下载 "), "{text}");
            assert!(
                ["CSV", "Excel", "JSON", "ZIP"]
                    .iter()
                    .any(|f| text.contains(f)),
                "{text}"
            );
            let shown = if size < 1024 {
                format!("（{size} B）")
            } else {
                format!("（{} KB）", size.div_ceil(1024))
            };
            assert!(text.ends_with(&shown), "{rel}: {text} for {size} bytes");
        }
    }
    // 2 on the year page, 5 on the department page, 2 on the project page,
    // and on 开放数据 2 for each of the 3 years and 5 for each of the 5
    // department-years.
    assert_eq!(links, 2 + 5 + 2 + 2 * 3 + 5 * 5);
}

#[test]
fn bom_and_downloads_can_be_switched_off() {
    let site = TestSite::example();
    let config = site.read("site.toml");
    site.write(
        "site.toml",
        config.replace("[open_data]\n", "[open_data]\ncsv_bom = false\n"),
    );
    site.build();
    let bytes = std::fs::read(site.public().join("2023/504001/projects.csv")).unwrap();
    assert_eq!(read_csv(&bytes, false)[0][0], "year");
    let zip = std::fs::read(site.public().join("2023/data-csv.zip")).unwrap();
    assert_eq!(
        read_csv(&unzip_bytes(&zip, "indicators.csv"), false)[0][0],
        "year"
    );
    site.write(
        "site.toml",
        format!(
            "{}\n[search]\nenabled = false\n",
            config.replace("[open_data]\n", "[open_data]\ndownloads = false\n")
        ),
    );
    site.build();
    let files: Vec<String> = site.output_tree().into_iter().map(|(p, _)| p).collect();
    // Beside the pages and the style sheet, only the list of files gongkai
    // wrote (.gongkai-manifest) and the integrity lists.
    let lists = [
        ".gongkai-manifest",
        "manifest.json",
        "SHA256SUMS",
        "SM3SUMS",
    ];
    assert!(
        files
            .iter()
            .all(|p| p.ends_with(".html") || p.ends_with(".css") || lists.contains(&p.as_str())),
        "{files:?}"
    );
    assert!(!site.read("public/index.html").contains("开放数据"));
    assert!(!site.public().join("open-data/index.html").exists());
}

/// Whether the Python modules are there; the skip or CI-failure line
/// otherwise, as `audit.rs` does for the browser tools.
fn python_with(modules: &[&str]) -> bool {
    let import = format!("import {}", modules.join(", "));
    let ok = Command::new("python3")
        .args(["-c", &import])
        .output()
        .is_ok_and(|o| o.status.success());
    if ok {
        return true;
    }
    crate::skips::skip(
        "open-data audit",
        &format!(
            "python3 modules {} missing; install with: pip install openpyxl frictionless",
            modules.join(", ")
        ),
    );
    false
}

/// Reads every CSV with Python's `csv`, every workbook with `openpyxl`,
/// and validates every `datapackage.json` with `frictionless`, those in
/// the years' zips too (unpacked beside the others, as a reader would).
const PYTHON_CHECK: &str = r#"
import csv, glob, json, os, sys, zipfile
from decimal import Decimal
import openpyxl
from frictionless import validate

root = sys.argv[1]
report = {"csv": 0, "xlsx": 0, "packages": 0, "zips": 0, "errors": []}
for path in sorted(glob.glob(os.path.join(root, "**", "*.zip"), recursive=True)):
    with zipfile.ZipFile(path) as z:
        if z.testzip() is not None:
            report["errors"].append(f"{path}: corrupt")
        z.extractall(path + ".d")
    report["zips"] += 1
for path in sorted(glob.glob(os.path.join(root, "**", "*.csv"), recursive=True)):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    report["csv"] += 1
    if os.path.basename(path) == "projects.csv":
        for row in rows:
            Decimal(row["amount"])
for path in sorted(glob.glob(os.path.join(root, "**", "*.xlsx"), recursive=True)):
    book = openpyxl.load_workbook(path)
    report["xlsx"] += 1
    if os.path.basename(path) == "data.xlsx":
        for sheet in book.worksheets:
            if sheet.merged_cells.ranges:
                report["errors"].append(f"{path}: merged cells in {sheet.title}")
            if sheet.freeze_panes != "A2":
                report["errors"].append(f"{path}: header not frozen in {sheet.title}")
for path in sorted(glob.glob(os.path.join(root, "**", "datapackage.json"), recursive=True)):
    result = validate(path)
    report["packages"] += 1
    if not result.valid:
        report["errors"].append(f"{path}: {result.flatten(['type', 'note'])[:5]}")
    package = json.load(open(path, encoding="utf-8"))
    if package.get("$schema") != "https://datapackage.org/profiles/2.0/datapackage.json":
        report["errors"].append(f"{path}: not a v2 package")
print(json.dumps(report, ensure_ascii=False))
"#;

fn python_check(public: &Path) -> serde_json::Value {
    let output = Command::new("python3")
        .arg("-c")
        .arg(PYTHON_CHECK)
        .arg(public)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn python_readers_and_frictionless_accept_every_download() {
    if !python_with(&["openpyxl", "frictionless"]) {
        return;
    }
    let site = TestSite::copy_of(&years_root());
    site.build();
    let report = python_check(&site.public());
    assert_eq!(report["errors"], serde_json::json!([]), "{report}");
    // 5 department-years and 3 years (in their zips), 2 CSV files and a
    // package each, plus one CSV per project; a workbook for each set and
    // each project.
    assert_eq!(report["zips"], 3);
    assert_eq!(report["csv"], 8 * 2 + 7);
    assert_eq!(report["xlsx"], 8 + 7);
    assert_eq!(report["packages"], 8);

    // The validator can fail: a package whose CSV breaks its foreign key.
    let broken = site.public().join("2024/200001/indicators.csv");
    let text = std::fs::read_to_string(&broken)
        .unwrap()
        .replace("d-2024", "nowhere");
    std::fs::write(&broken, text).unwrap();
    let report = python_check(&site.public());
    let errors = report["errors"].to_string();
    assert!(errors.contains("2024/200001/datapackage.json"), "{report}");
}

/// The example site's licence and source (issue 26, polish 3): marked as
/// an example, on the 开放数据 page and in every datapackage.json, with no
/// invented licence address.
#[test]
fn the_example_licence_and_source_are_marked_and_shown() {
    let site = TestSite::example();
    site.build();
    let public = site.public();
    let page = std::fs::read_to_string(public.join("open-data/index.html")).unwrap();
    assert!(page.contains("使用许可：（示例）"), "{page}");
    assert!(page.contains("数据来源：祁连县残疾人联合会"), "{page}");
    let package: serde_json::Value = serde_json::from_slice(
        &std::fs::read(public.join("2023/504001/datapackage.json")).unwrap(),
    )
    .unwrap();
    let license = &package["licenses"][0];
    assert!(license["title"].as_str().unwrap().starts_with("（示例）"));
    assert!(license.get("path").is_none(), "{license}");
    assert!(
        package["sources"][0]["title"]
            .as_str()
            .unwrap()
            .starts_with("祁连县残疾人联合会")
    );
}
