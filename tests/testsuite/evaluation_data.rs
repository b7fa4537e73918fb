//! 绩效自评 in the downloads (issue 27): the result columns of the
//! indicator tables, the department-year's evaluation table, the 自评表
//! sheet of a project's workbook, and a site without evaluations left as
//! it was but for the new empty columns. Read with independent readers:
//! the `csv` crate and calamine always, Python's openpyxl and frictionless
//! when installed (a `SKIPPED:` line otherwise, a failure under
//! `GONGKAI_REQUIRE_AUDIT=1`, as in `open_data.rs`).

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

use crate::common::{TestSite, evaluation_root};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The result columns every indicator table ends in.
const RESULT_COLUMNS: [&str; 8] = [
    "evaluation_match",
    "evaluation_target",
    "actual",
    "evaluation_weight",
    "score",
    "mark",
    "mark_reason",
    "deviation",
];

/// A CSV file as records of named cells, header first.
struct Csv {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Csv {
    fn read(bytes: &[u8]) -> Csv {
        let body = bytes.strip_prefix(BOM).expect("byte-order mark");
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(body);
        let mut records = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>());
        let header = records.next().unwrap();
        Csv {
            header,
            rows: records.collect(),
        }
    }

    fn col(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {:?}", self.header))
    }

    /// The row whose `key` column is `value`, as column → cell.
    fn row(&self, key: &str, value: &str) -> BTreeMap<&str, &str> {
        let i = self.col(key);
        let row = self
            .rows
            .iter()
            .find(|r| r[i] == value)
            .unwrap_or_else(|| panic!("no row with {key} = {value}"));
        self.header
            .iter()
            .map(String::as_str)
            .zip(row.iter().map(String::as_str))
            .collect()
    }
}

fn read(site: &TestSite, rel: &str) -> Vec<u8> {
    std::fs::read(site.public().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn workbook(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes)).unwrap()
}

fn unzip(bytes: &[u8], name: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut entry = archive.by_name(name).unwrap();
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut entry, &mut out).unwrap();
    out
}

fn built() -> TestSite {
    let site = TestSite::copy_of(&evaluation_root());
    site.build();
    site
}

#[test]
fn indicator_downloads_carry_the_results_of_the_fixture() {
    let site = built();
    let indicators = Csv::read(&read(&site, "2023/300001/indicators.csv"));
    assert_eq!(
        indicators.header[indicators.header.len() - 8..],
        RESULT_COLUMNS
    );

    // 达成: ≥90% against 96%.
    let met = indicators.row("name", "农户满意度");
    assert_eq!(
        (met["value"], met["actual"], met["mark"], met["mark_reason"]),
        ("≥90%", "96%", "met", "")
    );
    assert_eq!((met["evaluation_weight"], met["score"]), ("20", "20"));
    assert_eq!(met["evaluation_match"], "matched");
    // 未达成: ≤2700元/台 against 2800元/台, scores exactly as written.
    let missed = indicators.row("name", "单台平均补贴");
    assert_eq!(
        (missed["value"], missed["actual"], missed["mark"]),
        ("≤2700元/台", "2800元/台", "missed")
    );
    assert_eq!((missed["evaluation_weight"], missed["score"]), ("20", "15"));
    // The deviation; the 自评表 repeats the published target, which is
    // then said once (the column lists only a target that differs).
    let area = indicators.row("name", "补贴发放面积");
    assert_eq!(area["evaluation_target"], "");
    assert!(area["deviation"].starts_with("部分耕地转为设施农业用地"));
    // 无法比较, with the reason's code.
    let level = indicators.row("name", "农机化水平");
    assert_eq!(
        (level["mark"], level["mark_reason"]),
        ("not-comparable", "described")
    );
    // The row matching no target: kept, flagged, target columns empty.
    let extra = indicators.row("name", "带动农户增收");
    assert_eq!(
        (extra["table"], extra["row"], extra["evaluation_match"]),
        ("evaluation", "5", "no-target")
    );
    for target in ["value", "comparator", "number", "unit", "weight", "missing"] {
        assert_eq!(extra[target], "", "{target}");
    }
    assert_eq!(
        (extra["actual"], extra["mark"], extra["mark_reason"]),
        ("户均增收1200元", "not-comparable", "no-target")
    );
    // A project without an evaluation: empty, never zero.
    let slug = indicators.col("project_slug");
    let plain: Vec<&Vec<String>> = indicators
        .rows
        .iter()
        .filter(|r| r[slug] == "shuili-2023")
        .collect();
    assert_eq!(plain.len(), 3);
    for row in plain {
        assert!(row[row.len() - 8..].iter().all(String::is_empty), "{row:?}");
    }

    // An unreadable 实际完成值 says so in the reason.
    let y2024 = Csv::read(&read(&site, "2024/300001/indicators.csv"));
    let unreadable = y2024.row("name", "农户满意度");
    assert_eq!(
        (unreadable["actual"], unreadable["mark_reason"]),
        ("", "actual-unreadable")
    );

    // The project's own CSV has the same rows, the unmatched one too.
    let own = Csv::read(&read(&site, "2023/300001/nongji-2023/nongji-2023.csv"));
    assert_eq!(own.rows.len(), 5);
    assert_eq!(own.row("name", "带动农户增收")["mark"], "not-comparable");

    // The workbook shows the words, from the same catalogue as the pages.
    let mut book = workbook(read(&site, "2023/300001/data.xlsx"));
    assert_eq!(book.sheet_names(), ["项目", "指标", "自评"]);
    let sheet = book.worksheet_range("指标").unwrap();
    let mut rows = sheet.rows();
    let header: Vec<String> = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
    let at = |h: &str| header.iter().position(|x| x == h).unwrap();
    let (name, mark, why, matched) = (
        at("三级指标"),
        at("达成情况"),
        at("无法比较原因"),
        at("自评对应情况"),
    );
    let words: BTreeMap<String, (String, String, String)> = rows
        .map(|r| {
            (
                r[name].to_string(),
                (
                    r[mark].to_string(),
                    r[why].to_string(),
                    r[matched].to_string(),
                ),
            )
        })
        .collect();
    assert_eq!(words["农户满意度"].0, "达成");
    assert_eq!(words["单台平均补贴"].0, "未达成");
    assert_eq!(words["农机化水平"].0, "无法比较");
    assert_eq!(words["带动农户增收"].2, "目标表无此指标");
    assert_eq!(words["带动农户增收"].1, "没有可比较的指标值");
    assert_eq!(words["维护渠道长度"], Default::default());

    // data.json: the same rows and codes.
    let json: serde_json::Value =
        serde_json::from_slice(&read(&site, "2023/300001/data.json")).unwrap();
    let columns = json["indicators"]["columns"].as_array().unwrap();
    assert_eq!(columns.len(), indicators.header.len());
    assert_eq!(
        json["indicators"]["data"].as_array().unwrap().len(),
        indicators.rows.len()
    );
}

#[test]
fn the_evaluation_table_keeps_budget_and_execution_apart() {
    let site = built();
    let table = Csv::read(&read(&site, "2023/300001/evaluation.csv"));
    assert_eq!(table.rows.len(), 2, "shuili-2023 has no 自评表");
    let nongji = table.row("project_slug", "nongji-2023");
    assert_eq!(
        (
            nongji["budget_initial"],
            nongji["budget_full_year"],
            nongji["budget_executed"],
            nongji["execution_rate"],
        ),
        ("80.00", "80.00", "84.00", "105.00")
    );
    // Not written: empty, not the standard 10.
    assert_eq!(
        (nongji["budget_weight"], nongji["budget_score"]),
        ("", "10")
    );
    // The total and grade as filed, beside what the rows add up to: 92.
    assert_eq!(
        (nongji["total_score"], nongji["total_computed"]),
        ("95", "92")
    );
    assert_eq!((nongji["grade"], nongji["grade_band"]), ("优", "优"));
    assert_eq!(
        (nongji["met"], nongji["missed"], nongji["not_comparable"]),
        ("2", "1", "2")
    );
    let gengdi = table.row("project_slug", "gengdi-2023");
    assert_eq!(
        (
            gengdi["budget_executed"],
            gengdi["execution_rate"],
            gengdi["budget_score"]
        ),
        ("118.20", "98.50", "9.85")
    );
    let y2024 = Csv::read(&read(&site, "2024/300001/evaluation.csv"));
    assert_eq!(
        y2024.row("project_slug", "gengdi-2024")["execution_rate"],
        "105.00"
    );
    assert_eq!(
        y2024.row("project_slug", "nongji-2024")["execution_rate"],
        "80.00"
    );
    // No grade written: empty, and the band of the written total 96
    // beside it.
    let gengdi = y2024.row("project_slug", "gengdi-2024");
    assert_eq!((gengdi["grade"], gengdi["grade_band"]), ("", "优"));

    // data.json sums 全年预算数 and 全年执行数 apart.
    let json: serde_json::Value =
        serde_json::from_slice(&read(&site, "2023/300001/data.json")).unwrap();
    let totals = &json["evaluation_totals"];
    assert_eq!(totals["budget_full_year"], "200.00");
    assert_eq!(totals["budget_executed"], "202.20");
    assert_eq!(totals["execution_rate"], "101.10");
    assert_eq!(json["evaluation"]["data"].as_array().unwrap().len(), 2);

    // The year: evaluation.csv in the zip is the header and the
    // department-years' rows; sheet 自评 in the workbook.
    let zip = read(&site, "2023/data-csv.zip");
    let names: Vec<String> = zip::ZipArchive::new(Cursor::new(&zip))
        .unwrap()
        .file_names()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        names,
        [
            "datapackage.json",
            "evaluation.csv",
            "indicators.csv",
            "projects.csv"
        ]
    );
    assert_eq!(
        unzip(&zip, "evaluation.csv"),
        read(&site, "2023/300001/evaluation.csv")
    );
    let package: serde_json::Value =
        serde_json::from_slice(&unzip(&zip, "datapackage.json")).unwrap();
    assert_eq!(package["resources"][2]["name"], "evaluation");
    let mut book = workbook(read(&site, "2023/data.xlsx"));
    assert_eq!(book.sheet_names(), ["项目", "指标", "自评"]);
    let sheet = book.worksheet_range("自评").unwrap();
    assert_eq!(sheet.height(), 3);
    assert_eq!(sheet.get((0, 7)).unwrap().to_string(), "执行率（%）");
}

/// Every described field of the evaluation resource, and the enum of the
/// mark, in the department-year's package.
#[test]
fn the_package_describes_every_new_field() {
    let site = built();
    let package: serde_json::Value =
        serde_json::from_slice(&read(&site, "2023/300001/datapackage.json")).unwrap();
    let resources = package["resources"].as_array().unwrap();
    let names: Vec<&str> = resources
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["projects", "indicators", "evaluation"]);
    let field = |resource: usize, name: &str| -> serde_json::Value {
        resources[resource]["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .unwrap_or_else(|| panic!("no field {name}"))
            .clone()
    };
    for name in RESULT_COLUMNS {
        let f = field(1, name);
        assert!(!f["description"].as_str().unwrap().is_empty(), "{name}");
        assert!(
            f["title"].as_str().unwrap().chars().any(|c| c > '\u{2E80}'),
            "{name}"
        );
    }
    assert_eq!(
        field(1, "mark")["constraints"]["enum"],
        serde_json::json!(["met", "missed", "not-comparable"])
    );
    assert_eq!(field(1, "score")["type"], "number");
    let rate = field(2, "execution_rate");
    assert_eq!(rate["type"], "number");
    let description = rate["description"].as_str().unwrap();
    assert!(
        description.contains("计算值") && description.contains("两位小数"),
        "{description}"
    );
    assert!(
        field(2, "budget_executed")["description"]
            .as_str()
            .unwrap()
            .contains("单位：万元")
    );
    assert_eq!(
        resources[2]["schema"]["foreignKeys"][0]["reference"]["resource"],
        "projects"
    );
}

/// The sheet's cells as calamine reads them, `(row, col)` → text.
fn sheet_cells(bytes: Vec<u8>, name: &str) -> BTreeMap<(u32, u32), String> {
    let mut book = workbook(bytes);
    let range = book.worksheet_range(name).unwrap();
    let (top, left) = range.start().unwrap();
    let mut cells = BTreeMap::new();
    for (r, row) in range.rows().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            match cell {
                Data::Empty => {}
                Data::String(s) if s.is_empty() => {}
                Data::String(s) => {
                    cells.insert((top + r as u32, left + c as u32), s.clone());
                }
                other => panic!("{name}: a figure must be text, not {other:?}"),
            }
        }
    }
    cells
}

#[test]
fn the_project_workbook_has_a_self_evaluation_sheet_in_the_official_layout() {
    let site = built();
    let bytes = read(&site, "2023/300001/nongji-2023/nongji-2023.xlsx");
    let mut book = workbook(bytes.clone());
    assert_eq!(book.sheet_names(), ["绩效目标表", "自评表"]);
    let cells = sheet_cells(bytes, "自评表");
    let at = |r: u32, c: u32| cells.get(&(r, c)).map_or("", String::as_str);
    assert_eq!(at(0, 0), "项目支出绩效自评表");
    assert_eq!(at(1, 0), "（2023年度）");
    assert_eq!((at(2, 0), at(2, 1)), ("项目名称", "农机购置补贴"));
    assert_eq!((at(3, 0), at(3, 4)), ("主管部门及代码", "实施单位"));
    assert_eq!(at(3, 1), "绩效自评测试县农业农村局（300001）");
    assert_eq!(at(4, 0), "项目资金（万元）");
    let budget: Vec<&str> = (2..8).map(|c| at(4, c)).collect();
    assert_eq!(
        budget,
        [
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            "得分"
        ]
    );
    let figures: Vec<&str> = (1..8).map(|c| at(5, c)).collect();
    assert_eq!(
        figures,
        [
            "年度资金总额",
            "80.00",
            "80.00",
            "84.00",
            "",
            "105.00%",
            "10"
        ]
    );
    assert_eq!(
        (at(6, 0), at(6, 1), at(6, 5)),
        ("年度总体目标", "预期目标", "实际完成情况")
    );
    let headings: Vec<&str> = (0..8).map(|c| at(8, c)).collect();
    assert_eq!(
        headings,
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施"
        ]
    );
    let second: Vec<&str> = (1..7).map(|c| at(10, c)).collect();
    assert_eq!(
        second,
        [
            "成本指标",
            "单台平均补贴",
            "≤2700元/台",
            "2800元/台",
            "20",
            "15"
        ]
    );
    // The row matching no target is on the form too, in its place.
    assert_eq!((at(13, 2), at(13, 4)), ("带动农户增收", "户均增收1200元"));
    assert_eq!((at(14, 0), at(14, 5), at(14, 6)), ("总分", "95", "95"));
    assert_eq!((at(15, 0), at(15, 5)), ("评价等级", "优"));
    let merges = book.worksheet_merge_cells("自评表").unwrap().unwrap();
    // 一级 产出指标 over its two rows.
    assert!(
        merges.iter().any(|m| m.start == (9, 0) && m.end == (10, 0)),
        "{merges:?}"
    );

    // A project without an evaluation keeps its one-sheet workbook.
    let plain = workbook(read(&site, "2023/300001/shuili-2023/shuili-2023.xlsx"));
    assert_eq!(plain.sheet_names(), ["绩效目标表"]);

    // With a note, outcome and deviation: the 2024 sheet.
    let cells = sheet_cells(
        read(&site, "2024/300001/gengdi-2024/gengdi-2024.xlsx"),
        "自评表",
    );
    let at = |r: u32, c: u32| cells.get(&(r, c)).map_or("", String::as_str);
    assert_eq!((at(5, 4), at(5, 6)), ("131.25", "105.00%"));
    assert_eq!(at(6, 0), "预算执行说明");
    assert_eq!(at(8, 5), "补贴全部按时发放到户。");
    let unreadable = (0..30).find(|r| at(*r, 2) == "农户满意度").unwrap();
    assert_eq!(
        (at(unreadable, 3), at(unreadable, 4)),
        ("≥90%", "原件无法辨认")
    );
}

/// Whether the Python modules are there; the skip or CI-failure line
/// otherwise.
fn python_with(modules: &[&str]) -> bool {
    let import = format!("import {}", modules.join(", "));
    let ok = Command::new("python3")
        .args(["-c", &import])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        crate::skips::skip(
            "evaluation data audit",
            &format!(
                "python3 modules {} missing; install with: pip install openpyxl frictionless",
                modules.join(", ")
            ),
        );
    }
    ok
}

/// Validates every package (the zips' too, unpacked), and reads the
/// 自评表 sheet and the evaluation CSV with openpyxl and Python's csv.
const PYTHON_CHECK: &str = r#"
import csv, glob, json, os, sys, zipfile
import openpyxl
from frictionless import validate

root = sys.argv[1]
out = {"packages": 0, "errors": [], "sheet": {}, "evaluation": []}
for path in sorted(glob.glob(os.path.join(root, "**", "*.zip"), recursive=True)):
    with zipfile.ZipFile(path) as z:
        z.extractall(path + ".d")
for path in sorted(glob.glob(os.path.join(root, "**", "datapackage.json"), recursive=True)):
    result = validate(path)
    out["packages"] += 1
    if not result.valid:
        out["errors"].append(f"{path}: {result.flatten(['type', 'note'])[:5]}")
book = openpyxl.load_workbook(os.path.join(root, "2023/300001/nongji-2023/nongji-2023.xlsx"))
sheet = book["自评表"]
for row in sheet.iter_rows():
    for cell in row:
        if cell.value is not None and cell.value != "":
            out["sheet"][cell.coordinate] = [cell.value, cell.data_type]
with open(os.path.join(root, "2023/300001/evaluation.csv"), encoding="utf-8-sig", newline="") as f:
    out["evaluation"] = list(csv.DictReader(f))
print(json.dumps(out, ensure_ascii=False))
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
fn frictionless_and_openpyxl_read_the_evaluation_downloads() {
    if !python_with(&["openpyxl", "frictionless"]) {
        return;
    }
    let site = built();
    let report = python_check(&site.public());
    assert_eq!(report["errors"], serde_json::json!([]), "{report}");
    // Two department-years and two years (in their zips).
    assert_eq!(report["packages"], 4);
    let sheet = &report["sheet"];
    assert_eq!(sheet["A1"][0], "项目支出绩效自评表");
    assert_eq!(sheet["G6"], serde_json::json!(["105.00%", "s"]));
    // Figures are text, digit for digit.
    assert_eq!(sheet["C6"], serde_json::json!(["80.00", "s"]));
    assert_eq!(sheet["E11"][0], "2800元/台");
    assert_eq!(sheet["H9"][0], "偏差原因分析及改进措施");
    let nongji = report["evaluation"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["project_slug"] == "nongji-2023")
        .unwrap();
    assert_eq!(nongji["execution_rate"], "105.00");

    // The validator can fail: a mark outside its enum.
    let path = site.public().join("2023/300001/indicators.csv");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replacen(",missed,", ",done,", 1);
    std::fs::write(&path, text).unwrap();
    let report = python_check(&site.public());
    let errors = report["errors"].to_string();
    assert!(errors.contains("2023/300001/datapackage.json"), "{report}");
}

#[test]
fn result_text_is_guarded_against_formulas_in_csv_and_typed_in_workbooks() {
    let site = TestSite::copy_of(&evaluation_root());
    let rel = "content/300001/nongji-2023.evaluation.yaml";
    let text = site.read(rel).replace(
        "actual: \"312台\"",
        "actual: \"=HYPERLINK(\\\"http://x.example\\\",\\\"y\\\")\", deviation: \"+cmd\"",
    );
    site.write(rel, text);
    site.build();
    let raw = String::from_utf8(read(&site, "2023/300001/indicators.csv")).unwrap();
    assert!(
        raw.contains("\"'=HYPERLINK(\"\"http://x.example\"\",\"\"y\"\")\""),
        "{raw}"
    );
    assert!(raw.contains(",'+cmd"), "{raw}");
    let own = String::from_utf8(read(&site, "2023/300001/nongji-2023/nongji-2023.csv")).unwrap();
    assert!(own.contains("'+cmd"));
    // The workbooks hold the text as it is, as a string, never a formula.
    let cells = sheet_cells(
        read(&site, "2023/300001/nongji-2023/nongji-2023.xlsx"),
        "自评表",
    );
    assert_eq!(cells[&(9, 4)], "=HYPERLINK(\"http://x.example\",\"y\")");
    assert_eq!(cells[&(9, 7)], "+cmd");
    let xml = String::from_utf8(unzip(
        &read(&site, "2023/300001/nongji-2023/nongji-2023.xlsx"),
        "xl/worksheets/sheet2.xml",
    ))
    .unwrap();
    assert!(!xml.contains("<f>"), "no formula cell");
}

/// Without a single 自评表, the downloads are those of before but for the
/// eight new empty columns: no evaluation file, sheet, JSON key or
/// package resource, the same projects.csv, and the same indicator cells.
#[test]
fn a_site_without_evaluations_gains_only_empty_columns() {
    let with = built();
    let without = TestSite::copy_of(&evaluation_root());
    for name in ["gengdi-2023", "gengdi-2024", "nongji-2023", "nongji-2024"] {
        without.remove(&format!("content/300001/{name}.evaluation.yaml"));
    }
    without.build();
    let files: Vec<String> = without.output_tree().into_iter().map(|(p, _)| p).collect();
    assert!(!files.iter().any(|p| p.contains("evaluation")), "{files:?}");
    for year in ["2023", "2024"] {
        let folder = format!("{year}/300001");
        assert_eq!(
            read(&without, &format!("{folder}/projects.csv")),
            read(&with, &format!("{folder}/projects.csv"))
        );
        let package: serde_json::Value =
            serde_json::from_slice(&read(&without, &format!("{folder}/datapackage.json"))).unwrap();
        assert_eq!(package["resources"].as_array().unwrap().len(), 2);
        let json: serde_json::Value =
            serde_json::from_slice(&read(&without, &format!("{folder}/data.json"))).unwrap();
        assert!(json.get("evaluation").is_none() && json.get("evaluation_totals").is_none());
        let book = workbook(read(&without, &format!("{folder}/data.xlsx")));
        assert_eq!(book.sheet_names(), ["项目", "指标"]);
        let zip = read(&without, &format!("{year}/data-csv.zip"));
        let archive = zip::ZipArchive::new(Cursor::new(&zip)).unwrap();
        assert_eq!(archive.len(), 3);

        // The indicator rows: the target columns of the evaluated site,
        // its unmatched rows left out, and nothing in the result columns.
        let plain = Csv::read(&read(&without, &format!("{folder}/indicators.csv")));
        let evaluated = Csv::read(&read(&with, &format!("{folder}/indicators.csv")));
        assert_eq!(plain.header, evaluated.header);
        let table = evaluated.col("table");
        let cut = plain.header.len() - RESULT_COLUMNS.len();
        let targets: Vec<&[String]> = evaluated
            .rows
            .iter()
            .filter(|r| r[table] != "evaluation")
            .map(|r| &r[..cut])
            .collect();
        let bare: Vec<&[String]> = plain.rows.iter().map(|r| &r[..cut]).collect();
        assert_eq!(bare, targets);
        assert!(
            plain
                .rows
                .iter()
                .all(|r| r[cut..].iter().all(String::is_empty))
        );
    }
    // The project workbook's target sheet is the same with or without.
    for rel in [
        "2023/300001/nongji-2023/nongji-2023.xlsx",
        "2024/300001/gengdi-2024/gengdi-2024.xlsx",
    ] {
        assert_eq!(
            sheet_cells(read(&without, rel), "绩效目标表"),
            sheet_cells(read(&with, rel), "绩效目标表")
        );
    }
}

/// The same input, the same bytes: two clean builds of the fixture.
#[test]
fn evaluation_downloads_are_deterministic() {
    let first = built();
    let second = built();
    let downloads = |site: &TestSite| -> Vec<(String, Vec<u8>)> {
        site.output_tree()
            .into_iter()
            .filter(|(p, _)| {
                [".csv", ".xlsx", ".json", ".zip"]
                    .iter()
                    .any(|e| p.ends_with(e))
            })
            .collect()
    };
    let (a, b) = (downloads(&first), downloads(&second));
    assert!(a.iter().any(|(p, _)| p.ends_with("evaluation.csv")));
    assert_eq!(a.len(), b.len());
    for ((pa, ba), (pb, bb)) in a.iter().zip(&b) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{pa} differs between builds");
    }
}
