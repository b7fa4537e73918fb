//! `gongkai import` for each format, through the real binary, with the
//! fixtures of `import_fixtures`. Output is compared field by field after
//! a generic YAML parse, and each successful import must pass `check`.

use std::path::Path;

use serde_json::{Value, json};

use crate::common::TestSite;
use crate::import_fixtures as fx;
use crate::import_ocr::projects;

/// Runs an import; returns (exit code, stderr). The stderr text is
/// flattened (miette wraps long messages at the terminal width and draws
/// a `│` margin), so that assertions do not depend on where lines break.
fn import(site: &TestSite, args: &[&str]) -> (Option<i32>, String) {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    let output = site.cmd(&all).output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
            .replace('│', " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn rows(project: &Value) -> Vec<(String, String, String, Value)> {
    project["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["level1"].as_str().unwrap().to_owned(),
                r["level2"].as_str().unwrap().to_owned(),
                r["name"].as_str().unwrap().to_owned(),
                r["value"].clone(),
            )
        })
        .collect()
}

fn assert_list_projects(site: &TestSite) {
    let first = projects(&site.root().join("content/820001"));
    let second = projects(&site.root().join("content/820002"));
    assert_eq!(first.len(), 2);
    assert_eq!(second.len(), 1);
    let (road, _) = &first["农村道路养护"];
    assert_eq!(road["amount"], "3309840.00");
    assert_eq!(road["amount_unit"], "元");
    assert_eq!(road["year"], 2024);
    assert_eq!(road["goals"], json!(["完成村道养护；", "保障群众出行"]));
    let r = &road["indicators"];
    assert_eq!(r[0]["value"], "≥120公里");
    assert_eq!(r[1]["value"], "≥95%");
    assert_eq!(r[1]["weight"], "20");
    assert_eq!(r[1]["direction"], "正向指标");
    assert_eq!(r[2]["value"], "明显改善");
    assert_eq!(r[3]["level2"], "服务对象满意度指标");
    let (clean, text) = &first["场镇环境卫生"];
    assert_eq!(clean["amount"], "86000.50");
    assert_eq!(clean["indicators"][0]["value"], "≤1,200元/人");
    assert_eq!(clean["indicators"][0]["direction"], "反向指标");
    assert_eq!(clean["indicators"][1]["value"], Value::Null);
    assert_eq!(clean["indicators"][1]["missing"], "blank");
    assert!(text.starts_with("# source: "), "{text}");
    let (other, _) = &second["农村道路养护"];
    assert_eq!(other["amount"], "500000");
    let department = site.read("content/820001/_department.yaml");
    assert!(
        department.contains("name: 井研县马踏镇人民政府"),
        "{department}"
    );
}

#[test]
fn list_workbook_with_merged_project_columns() {
    let site = TestSite::empty();
    let file = fx::at(site.root(), "sichuan.xlsx");
    fx::list_workbook(&file);
    let (code, stderr) = import(&site, &[path(&file)]);
    assert_eq!(code, Some(0), "the import and its check succeed: {stderr}");
    assert!(
        stderr.contains("3 project(s) (3 new, 0 replaced, 0 unchanged), 7 indicator row(s)"),
        "{stderr}"
    );
    assert_list_projects(&site);
    let (_, text) = &projects(&site.root().join("content/820001"))["农村道路养护"];
    assert!(
        text.contains("# source: sichuan.xlsx, sheet 申报表."),
        "{text}"
    );
}

#[test]
fn list_csv_in_gbk_and_utf8_with_bom() {
    for (name, write, encoding) in [
        ("gbk.csv", fx::list_csv_gbk as fn(&Path), "GB18030/GBK"),
        ("bom.csv", fx::list_csv_bom, "UTF-8 (with BOM)"),
    ] {
        let site = TestSite::empty();
        let file = fx::at(site.root(), name);
        write(&file);
        let (code, stderr) = import(&site, &[path(&file), "--year", "2024"]);
        assert_eq!(code, Some(0), "the import and its check succeed: {stderr}");
        assert!(stderr.contains(&format!("encoding {encoding}")), "{stderr}");
        // CSV has no 单位：元 line; the header 预算数 names no unit either.
        let (road, text) = &projects(&site.root().join("content/820001"))["农村道路养护"];
        assert_eq!(road["amount"], "3309840.00");
        assert!(road.get("amount_unit").is_none());
        assert!(
            text.contains("# 待核对：the source does not state the amount unit"),
            "{text}"
        );
        assert_eq!(rows(road).len(), 4);
    }
}

#[test]
fn form_workbook_one_project_per_sheet() {
    let site = TestSite::empty();
    let file = fx::at(site.root(), "forms.xlsx");
    fx::form_workbook(&file);
    let (code, stderr) = import(&site, &[path(&file)]);
    assert_eq!(code, Some(0), "the import and its check succeed: {stderr}");
    assert!(
        stderr.contains(
            "2 project(s) (2 new, 0 replaced, 0 unchanged), 14 indicator row(s), 2 row(s) flagged"
        ),
        "{stderr}"
    );
    let all = projects(&site.root().join("content/301001"));
    let (p, text) = &all["社区养老服务补助"];
    assert_eq!(p["year"], 2024);
    assert_eq!(p["amount"], "120.5");
    assert_eq!(p["amount_unit"], "万元");
    assert_eq!(
        p["funding"],
        json!([
            {"source": "财政拨款", "amount": "100.5", "parts": [
                {"source": "上级补助", "amount": "60.5"},
                {"source": "本级", "amount": "40"}
            ]},
            {"source": "其他资金", "amount": "20"}
        ])
    );
    assert_eq!(p["implementer"], "某某县养老服务中心");
    assert_eq!(p["period"], "2024年1月—12月");
    assert_eq!(
        p["details"],
        // `[301001]某某县民政局` is the department itself (its folder and
        // _department.yaml), so it is not repeated as a detail.
        json!({"项目属性": "延续"})
    );
    assert_eq!(
        p["goals"],
        json!(["为500名老人提供助餐服务；", "新建助餐点8个。"])
    );
    assert_eq!(p["long_term_goals"], json!(["三年内覆盖全县社区"]));
    let r = rows(p);
    assert_eq!(r.len(), 7);
    assert_eq!(
        r[1],
        (
            "产出指标".into(),
            "数量指标".into(),
            "助餐点数量".into(),
            json!("8个")
        )
    );
    assert_eq!(p["indicators"][0]["standard"], "按花名册核定");
    assert_eq!(p["indicators"][0]["weight"], "20");
    assert_eq!(p["indicators"][3]["missing"], "blank");
    assert_eq!(r[5].0, "效益指标");
    assert!(
        text.contains(
            "# 待核对：一级指标 B19 is empty (not merged); it repeats “效益指标” from the row above"
        ),
        "{text}"
    );
    let (q, _) = &all["居家养老上门服务"];
    assert_eq!(q["amount"], "180.25");
    assert_eq!(q["goals"], json!(["为500名老人提供助餐服务；"]));
}

#[test]
fn html_page_with_two_projects_and_spans() {
    let site = TestSite::empty();
    site.write("page.html", fx::HTML_PAGE);
    let file = site.root().join("page.html");
    let (code, stderr) = import(&site, &[path(&file)]);
    assert_eq!(code, Some(0), "the import and its check succeed: {stderr}");
    assert!(
        stderr.contains(
            "2 project(s) (2 new, 0 replaced, 0 unchanged), 6 indicator row(s), 0 row(s)"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("indicator table 3 of the page: the whole table was not imported — no recognisable header"),
        "{stderr}"
    );
    let all = projects(&site.root().join("content/610001"));
    let (farm, text) = &all["高标准农田建设"];
    assert_eq!(farm["amount"], "1250.0000");
    assert_eq!(farm["amount_unit"], "万元");
    assert_eq!(farm["year"], 2024);
    assert_eq!(
        farm["goals"],
        json!(["新建高标准农田1万亩。", "亩均增产50公斤。"])
    );
    assert_eq!(farm["details"]["项目分类"], "其他运转类");
    assert_eq!(
        rows(farm)[1],
        (
            "产出指标".into(),
            "质量指标".into(),
            "验收合格率".into(),
            json!("100%")
        )
    );
    assert!(
        text.contains("# source: page.html, indicator table 1 of the page."),
        "{text}"
    );
    let (machines, _) = &all["农机购置补贴"];
    assert_eq!(rows(machines).len(), 2);
}

#[test]
fn bad_inputs_name_the_place_and_write_nothing() {
    let site = TestSite::empty();
    let good = fx::at(site.root(), "good.xlsx");
    fx::list_workbook(&good);

    let corrupt = fx::at(site.root(), "broken.xlsx");
    std::fs::write(&corrupt, b"PK\x03\x04 not really a workbook").unwrap();
    let (code, stderr) = import(&site, &[path(&good), path(&corrupt)]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("broken.xlsx: the workbook cannot be read"),
        "{stderr}"
    );

    let locked = crate::common::repo_root().join("tests/fixtures/import/password.xlsx");
    let (code, stderr) = import(&site, &[path(&locked)]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("password.xlsx: the workbook is password"),
        "{stderr}"
    );
    assert!(stderr.contains("remove the password"), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");

    let headerless = fx::at(site.root(), "notes.xlsx");
    fx::headerless_workbook(&headerless);
    let (_, stderr) = import(&site, &[path(&headerless)]);
    assert!(
        stderr.contains("notes.xlsx, sheet 填表说明, A1: no recognisable header"),
        "{stderr}"
    );

    let mut csv = fx::list_csv();
    csv = csv.replacen("\"86,000.50\"", "八万六", 1);
    site.write("amount.csv", &csv);
    let (_, stderr) = import(
        &site,
        &[path(&site.root().join("amount.csv")), "--year", "2024"],
    );
    assert!(
        stderr.contains("amount.csv, CSV, C6: 预算数: “八万六” is not an amount"),
        "{stderr}"
    );

    let nocode = fx::list_csv().replace("820001-", "").replace("820002-", "");
    site.write("nocode.csv", &nocode);
    let (_, stderr) = import(
        &site,
        &[path(&site.root().join("nocode.csv")), "--year", "2024"],
    );
    assert!(
        stderr.contains("cannot determine the unit code"),
        "{stderr}"
    );
    assert!(stderr.contains("--department"), "{stderr}");

    assert!(
        !site.root().join("content").exists(),
        "nothing may be written"
    );

    // With --department, two units' 农村道路养护 become one identity (year,
    // department, name): two files would double the total, so the import
    // stops and names both places.
    let (code, stderr) = import(
        &site,
        &[
            path(&site.root().join("nocode.csv")),
            "--year",
            "2024",
            "--department",
            "999",
        ],
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("“农村道路养护” (2024) appears twice"),
        "{stderr}"
    );
    assert!(
        !site.root().join("content").exists(),
        "nothing may be written"
    );
}

#[test]
fn legacy_xls_with_merged_cells() {
    let site = TestSite::empty();
    let file = crate::common::repo_root().join("tests/fixtures/import/list-merged.xls");
    let (code, stderr) = import(&site, &[path(&file)]);
    assert_eq!(code, Some(0), "the import and its check succeed: {stderr}");
    assert!(
        stderr.contains(
            "1 project(s) (1 new, 0 replaced, 0 unchanged), 3 indicator row(s), 0 row(s)"
        ),
        "{stderr}"
    );
    let (road, _) = &projects(&site.root().join("content/820001"))["农村道路养护"];
    assert_eq!(road["amount"], "3309840.5");
    assert_eq!(road["amount_unit"], "元");
    assert_eq!(road["year"], 2024);
    let r = rows(road);
    assert_eq!(
        r[1],
        (
            "产出指标".into(),
            "质量指标".into(),
            "养护合格率".into(),
            json!("≥95%")
        )
    );
    assert_eq!(r[2].0, "满意度指标");
}
