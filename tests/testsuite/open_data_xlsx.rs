//! The .xlsx downloads (issue 12) are written by gongkai's own small
//! writer (`render/data/ooxml.rs`), so two independent readers must agree
//! on every cell of them: calamine (Rust) and openpyxl (Python), including
//! the official layout's merged 一级/二级 ranges and its title.
//!
//! openpyxl runs when installed; without it the comparison prints one line
//! and passes, unless `GONGKAI_REQUIRE_AUDIT=1` (as in `open_data.rs`).

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

use crate::common::{TestSite, years_root};

/// Every non-empty cell of every sheet, as `sheet!A1 → value`, and every
/// merged range as `sheet!A1:B2`.
#[derive(Debug, Default, PartialEq)]
struct Contents {
    cells: BTreeMap<String, serde_json::Value>,
    merges: Vec<String>,
}

fn a1(row: u32, col: u32) -> String {
    let mut letters = String::new();
    let mut n = col + 1;
    while n > 0 {
        letters.insert(0, (b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

fn with_calamine(path: &Path) -> Contents {
    let bytes = std::fs::read(path).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let mut contents = Contents::default();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        let (top, left) = range.start().unwrap_or((0, 0));
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let value = match cell {
                    Data::Empty => continue,
                    Data::String(s) if s.is_empty() => continue,
                    Data::String(s) => serde_json::json!(s),
                    Data::Float(f) => serde_json::json!(f),
                    Data::Int(i) => serde_json::json!(*i as f64),
                    other => panic!("{}: unexpected cell {other:?}", path.display()),
                };
                let at = a1(top + r as u32, left + c as u32);
                contents.cells.insert(format!("{name}!{at}"), value);
            }
        }
        for m in book.worksheet_merge_cells(&name).unwrap().unwrap() {
            let range = format!("{}:{}", a1(m.start.0, m.start.1), a1(m.end.0, m.end.1));
            contents.merges.push(format!("{name}!{range}"));
        }
    }
    contents.merges.sort();
    contents
}

const OPENPYXL: &str = r#"
import json, sys
import openpyxl
book = openpyxl.load_workbook(sys.argv[1])
cells, merges = {}, []
for sheet in book.worksheets:
    for row in sheet.iter_rows():
        for cell in row:
            v = cell.value
            if v is None or v == "":
                continue
            cells[f"{sheet.title}!{cell.coordinate}"] = float(v) if isinstance(v, (int, float)) else v
    merges += [f"{sheet.title}!{r.coord}" for r in sheet.merged_cells.ranges]
print(json.dumps({"cells": cells, "merges": sorted(merges)}, ensure_ascii=False))
"#;

fn with_openpyxl(path: &Path) -> Option<Contents> {
    let output = Command::new("python3")
        .args(["-c", OPENPYXL])
        .arg(path)
        .output();
    let Ok(output) = output else {
        crate::skips::skip(
            "xlsx reader comparison",
            "python3 missing; install python3 and then: pip install openpyxl",
        );
        return None;
    };
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        if stderr.contains("No module named 'openpyxl'") {
            crate::skips::skip(
                "xlsx reader comparison",
                "python3 module openpyxl missing; install with: pip install openpyxl",
            );
            return None;
        }
        panic!("openpyxl failed on {}: {stderr}", path.display());
    }
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    Some(Contents {
        cells: serde_json::from_value(json["cells"].clone()).unwrap(),
        merges: serde_json::from_value(json["merges"].clone()).unwrap(),
    })
}

#[test]
fn calamine_and_openpyxl_read_the_same_cells_and_merges() {
    let site = TestSite::copy_of(&years_root());
    site.build();
    let mut books = 0;
    for entry in walkdir::WalkDir::new(site.public()) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "xlsx") {
            continue;
        }
        let rust = with_calamine(entry.path());
        assert!(!rust.cells.is_empty(), "{}", entry.path().display());
        let Some(python) = with_openpyxl(entry.path()) else {
            return;
        };
        assert_eq!(rust, python, "{}", entry.path().display());
        books += 1;
    }
    assert_eq!(books, 8 + 7);
}

#[test]
fn the_official_workbook_holds_every_indicator_under_its_merged_levels() {
    let site = TestSite::example();
    site.build();
    let dir = site.public().join("2023/504001/kangfu-gongzuo-jingfei");
    let contents = with_calamine(&dir.join("kangfu-gongzuo-jingfei.xlsx"));
    let cell = |at: &str| {
        contents
            .cells
            .get(&format!("绩效目标表!{at}"))
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_owned()
    };
    assert_eq!(cell("A1"), "2023年度项目支出绩效目标表");
    assert!(
        contents
            .merges
            .iter()
            .any(|m| m.starts_with("绩效目标表!A1:")),
        "the title spans the table: {:?}",
        contents.merges
    );
    let header = (1..200)
        .find(|r| cell(&format!("A{r}")) == "一级指标")
        .unwrap();

    // The CSV's rows, in order, are the workbook's rows under the header;
    // 一级 and 二级 are read from the top cell of the merged range covering
    // each row.
    let csv = std::fs::read(dir.join("kangfu-gongzuo-jingfei.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(&csv[3..]);
    let names: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let field = |record: &csv::StringRecord, name: &str| {
        record[names.iter().position(|n| n == name).unwrap()].to_owned()
    };
    let merged_top = |col: char, row: usize| -> String {
        for m in &contents.merges {
            let range = m.trim_start_matches("绩效目标表!");
            let (a, b) = range.split_once(':').unwrap();
            let (ca, ra) = a.split_at(1);
            let (cb, rb) = b.split_at(1);
            let (ra, rb): (usize, usize) = (ra.parse().unwrap(), rb.parse().unwrap());
            if ca == col.to_string() && cb == ca && (ra..=rb).contains(&row) {
                return cell(&format!("{col}{ra}"));
            }
        }
        cell(&format!("{col}{row}"))
    };
    let mut rows = 0;
    for (i, record) in reader.records().enumerate() {
        let record = record.unwrap();
        let row = header + 1 + i;
        assert_eq!(cell(&format!("C{row}")), field(&record, "name"));
        // A missing value is spelled out, as on the page.
        let value = match (field(&record, "value"), field(&record, "missing").as_str()) {
            (v, _) if !v.is_empty() => v,
            (_, "unreadable") => "原件无法辨认".to_owned(),
            _ => "未填报".to_owned(),
        };
        assert_eq!(cell(&format!("D{row}")), value);
        assert_eq!(merged_top('A', row), field(&record, "level1"));
        assert_eq!(merged_top('B', row), field(&record, "level2"));
        rows += 1;
    }
    assert!(rows > 5, "{rows}");
    assert!(
        contents.merges.iter().any(|m| {
            let (a, b) = m.trim_start_matches("绩效目标表!").split_once(':').unwrap();
            a.starts_with('A') && b.starts_with('A') && a != b
        }),
        "一级 is merged: {:?}",
        contents.merges
    );
}

/// The set workbook is for people reading it in Excel or WPS: its coded
/// columns (指标表, 缺失说明) show the site's Chinese words, while the CSV
/// keeps the codes the Data Package documents for programs (issue 26,
/// polish 2).
#[test]
fn the_set_workbook_shows_chinese_words_where_the_csv_has_codes() {
    let site = TestSite::example();
    site.build();
    let public = site.public();
    let csv = std::fs::read_to_string(public.join("2023/504001/indicators.csv")).unwrap();
    assert!(csv.contains(",annual,"), "the CSV keeps its codes");
    let contents = with_calamine(&public.join("2023/504001/data.xlsx"));
    let texts: Vec<&str> = contents
        .cells
        .iter()
        .filter(|(at, _)| at.starts_with("指标!"))
        .filter_map(|(_, v)| v.as_str())
        .collect();
    for code in ["annual", "long_term", "blank", "unreadable"] {
        assert!(!texts.contains(&code), "{code} in the workbook");
    }
    assert!(texts.contains(&"年度绩效指标"), "{texts:?}");
    assert!(texts.contains(&"原件无法辨认") || texts.contains(&"未填报"));
    let page = std::fs::read_to_string(public.join("open-data/index.html")).unwrap();
    assert!(
        page.contains("用 Excel 或 WPS 查看"),
        "the page names the .xlsx for Excel"
    );
    assert!(
        page.contains("6.30000231E+020"),
        "the page says what a CSV becomes"
    );
    assert!(
        !page.contains("直接打开"),
        "no promise that a CSV opens directly"
    );
}
