//! `gongkai import` of 项目支出绩效自评表 through the real binary: each
//! format (workbook forms, several per sheet, lists, CSV, HTML, OCR text),
//! a blank 实际完成值, a stated 执行率 that disagrees, the evaluation placed
//! beside its target table with its slug, one with no target table
//! reported, every source cell accounted for, and hostile cells.

use std::path::Path;

use serde_json::Value;

use crate::common::TestSite;

/// The official layout (财预〔2020〕10号 annex) with the standard labels,
/// as CSV rows; `rate` is the stated 执行率 of the 年度资金总额 row.
fn official(name: &str, rate: &str, actual2: &str) -> String {
    [
        "项目支出绩效自评表,,,,,,,,".to_owned(),
        "（2023年度）,,,,,,,,".to_owned(),
        format!("项目名称,{name},,,,,,,"),
        "主管部门,农业农村局（300001）,,,实施单位,农业农村局,,,".to_owned(),
        "项目资金（万元）,,年初预算数,全年预算数,全年执行数,分值,执行率,得分,".to_owned(),
        format!("年度资金总额,,120.00,120.00,118.20,10,{rate},9.85,"),
        "其中：当年财政拨款,,100.00,100.00,98.20,—,,—,".to_owned(),
        "上年结转资金,,20.00,20.00,20.00,—,,—,".to_owned(),
        "其他资金,,,,,—,,—,".to_owned(),
        "年度总体目标,预期目标,,,,实际完成情况,,,".to_owned(),
        ",按时足额发放补贴,,,,全年发放补贴 118.20 万元,,,".to_owned(),
        "绩效指标,一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施".to_owned(),
        ",产出指标（50分）,数量指标,补贴发放面积,≥12万亩,11.82万亩,20,19,部分耕地转为设施农业用地".to_owned(),
        format!(",,质量指标,补贴发放准确率,100%,{actual2},30,30,"),
        ",满意度指标（40分）,服务对象满意度指标,农户满意度,≥90%,96%,40,40,".to_owned(),
        "总分,,,,,,100,98.85,".to_owned(),
        "评价等级,优,,,,,,,".to_owned(),
    ]
    .join("\r\n")
        + "\r\n"
}

fn import(site: &TestSite, file: &Path, extra: &[&str]) -> (Value, String) {
    let report = site.root().join("report.json");
    let mut args = vec!["import", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    args.extend(["--report", report.to_str().unwrap()]);
    let out = site.cmd(&args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(report.is_file(), "import failed: {stderr}");
    let json = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    (json, stderr)
}

fn evaluation(site: &TestSite, rel: &str) -> (Value, String) {
    let text = site.read(rel);
    (gongkai::yaml::from_str(&text).unwrap(), text)
}

#[test]
fn the_official_layout_imports_exactly_beside_its_target_table() {
    let site = TestSite::empty();
    site.department("300001", "农业农村局");
    site.project("300001", "gengdi-2023", "耕地地力保护补贴", "120.00");
    let file = site.root().join("自评.csv");
    std::fs::write(&file, official("耕地地力保护补贴", "98.50%", "100%")).unwrap();
    let (report, _) = import(&site, &file, &["--department", "300001"]);
    let planned = &report["sources"][0]["projects"][0];
    assert_eq!(planned["kind"], "evaluation");
    assert_eq!(
        planned["path"],
        "content/300001/gengdi-2023.evaluation.yaml"
    );
    assert_eq!(planned["target"], "content/300001/gengdi-2023.yaml");
    assert_eq!(report["totals"]["orphans"], 0);
    let (e, text) = evaluation(&site, "content/300001/gengdi-2023.evaluation.yaml");
    assert_eq!(e["year"], 2023);
    assert_eq!(e["amount_unit"], "万元");
    assert_eq!(e["budget"]["initial"], "120.00");
    assert_eq!(e["budget"]["full_year"], "120.00");
    assert_eq!(e["budget"]["executed"], "118.20");
    assert_eq!(e["budget"]["weight"], "10");
    assert_eq!(e["budget"]["score"], "9.85");
    assert!(!text.contains("98.50"), "the rate is never stored:\n{text}");
    assert!(
        !text.contains("待核对：") || !text.contains("执行率"),
        "{text}"
    );
    assert_eq!(e["objective"], "按时足额发放补贴");
    assert_eq!(e["outcome"], "全年发放补贴 118.20 万元");
    let rows = e["indicators"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["level1"], "产出指标");
    assert_eq!(rows[0]["target"], "≥12万亩");
    assert_eq!(rows[0]["actual"], "11.82万亩");
    assert_eq!(rows[0]["score"], "19");
    assert_eq!(rows[0]["deviation"], "部分耕地转为设施农业用地");
    assert_eq!(rows[2]["level2"], "服务对象满意度指标");
    assert_eq!(e["total_score"], "98.85");
    assert_eq!(e["grade"], "优");
    // The 资金来源 sub-rows are kept, never dropped.
    let notes = e["notes"].as_str().unwrap();
    assert!(
        notes.contains("其中：当年财政拨款") && notes.contains("98.20"),
        "{notes}"
    );
    assert!(
        notes.contains("上年结转资金") && notes.contains("20.00"),
        "{notes}"
    );
    // The site loads it beside its project.
    let out = site.cmd(&["check"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("evaluation-orphan"), "{stderr}");
    // Importing again changes nothing.
    let (again, _) = import(&site, &file, &["--department", "300001"]);
    assert_eq!(again["totals"]["unchanged"], 1, "{again}");
}

#[test]
fn nothing_is_dropped_from_the_form() {
    let site = TestSite::empty();
    let file = site.root().join("自评.csv");
    let source = official("耕地地力保护补贴", "98.50%", "100%");
    std::fs::write(&file, &source).unwrap();
    let (report, _) = import(&site, &file, &["--department", "300001"]);
    let path = report["sources"][0]["projects"][0]["path"]
        .as_str()
        .unwrap()
        .to_owned();
    let text = site.read(&path);
    let unplaced: Vec<String> = report["sources"][0]["not_placed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap().to_owned())
        .collect();
    // Structure: labels and the title, which the schema's keys stand for.
    let structure = [
        "项目支出绩效自评表",
        "项目名称",
        "主管部门",
        "实施单位",
        "项目资金（万元）",
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
        "年度资金总额",
        "年度总体目标",
        "预期目标",
        "实际完成情况",
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "偏差原因分析及改进措施",
        "总分",
        "评价等级",
        "—",
        "（2023年度）",
        "98.50%",
        "其他资金",
    ];
    for cell in source.split("\r\n").flat_map(|l| l.split(',')) {
        let cell = cell.trim();
        if cell.is_empty() || structure.contains(&cell) {
            continue;
        }
        let bare = cell
            .trim_end_matches("（50分）")
            .trim_end_matches("（40分）");
        assert!(
            text.contains(bare) || unplaced.iter().any(|u| u == cell),
            "{cell} is neither in the file nor reported:\n{text}"
        );
    }
}

#[test]
fn a_blank_actual_is_null_and_blank() {
    let site = TestSite::empty();
    let file = site.root().join("自评.csv");
    std::fs::write(&file, official("耕地地力保护补贴", "98.50%", "")).unwrap();
    let (report, _) = import(&site, &file, &["--department", "300001"]);
    let path = report["sources"][0]["projects"][0]["path"]
        .as_str()
        .unwrap()
        .to_owned();
    let (e, _) = evaluation(&site, &path);
    let row = &e["indicators"][1];
    assert_eq!(row["actual"], Value::Null);
    assert_eq!(row["missing"], "blank");
}

#[test]
fn a_stated_rate_that_disagrees_is_flagged() {
    let site = TestSite::empty();
    let file = site.root().join("自评.csv");
    std::fs::write(&file, official("耕地地力保护补贴", "90%", "100%")).unwrap();
    let (report, _) = import(&site, &file, &["--department", "300001"]);
    let planned = &report["sources"][0]["projects"][0];
    let reasons: Vec<&str> = planned["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["reason"].as_str().unwrap())
        .collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("90%") && r.contains("98.50%")),
        "{reasons:?}"
    );
    let text = site.read(planned["path"].as_str().unwrap());
    assert!(!text.contains("rate:"), "{text}");
}

#[test]
fn an_evaluation_without_a_target_table_is_written_and_reported() {
    let site = TestSite::empty();
    site.department("300001", "农业农村局");
    let file = site.root().join("自评.csv");
    std::fs::write(&file, official("农机购置补贴", "98.50%", "100%")).unwrap();
    let (report, stderr) = import(&site, &file, &["--department", "300001"]);
    assert_eq!(report["totals"]["orphans"], 1);
    let planned = &report["sources"][0]["projects"][0];
    assert_eq!(planned["target"], Value::Null);
    assert_eq!(
        planned["path"],
        "content/300001/nong-ji-gou-zhi-bu-tie.evaluation.yaml"
    );
    assert!(
        stderr.contains("没有对应的目标表") || stderr.contains("no target table"),
        "{stderr}"
    );
    let text = site.read("content/300001/nong-ji-gou-zhi-bu-tie.evaluation.yaml");
    assert!(text.contains("evaluation-orphan"), "{text}");
}

#[test]
fn html_and_ocr_text_and_lists_are_read() {
    let site = TestSite::empty();
    let html = site.root().join("自评.html");
    std::fs::write(
        &html,
        "<html><head><title>2022年度项目支出绩效自评表</title></head><body><table>\
         <tr><td>项目名称</td><td colspan=\"5\">培训经费</td></tr>\
         <tr><td>项目资金（万元）</td><td>全年预算数</td><td>全年执行数</td><td>执行率</td><td></td><td></td></tr>\
         <tr><td>年度资金总额</td><td>10</td><td>9</td><td>90%</td><td></td><td></td></tr>\
         <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td><td>得分</td></tr>\
         <tr><td rowspan=\"2\">产出指标</td><td rowspan=\"2\">数量指标</td><td>培训人次</td><td>≥100人次</td><td>120人次</td><td>20</td></tr>\
         <tr><td>培训期数</td><td>4期</td><td>4期</td><td>20</td></tr>\
         </table></body></html>",
    )
    .unwrap();
    let (report, _) = import(&site, &html, &["--department", "300002"]);
    let path = report["sources"][0]["projects"][0]["path"]
        .as_str()
        .unwrap()
        .to_owned();
    let (e, text) = evaluation(&site, &path);
    assert_eq!(e["year"], 2022);
    assert_eq!(e["indicators"][1]["level2"], "数量指标");
    assert_eq!(e["indicators"][1]["actual"], "4期");
    assert_eq!(
        text.matches("待核对：").count(),
        1,
        "only the orphan: {text}"
    );

    let txt = site.root().join("自评.txt");
    std::fs::write(
        &txt,
        "2023年度项目支出绩效自评表\n项目名称\t路灯维护\n项目资金（万元）\t全年预算数\t全年执行数\n\
         年度资金总额\t5\t5\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\n\
         产出指标\t数量指标\t维护路灯\t≥200盏\t\n",
    )
    .unwrap();
    let (report, _) = import(&site, &txt, &["--department", "300003"]);
    let path = report["sources"][0]["projects"][0]["path"]
        .as_str()
        .unwrap()
        .to_owned();
    let (e, _) = evaluation(&site, &path);
    assert_eq!(e["indicators"][0]["actual"], Value::Null);
    assert_eq!(e["indicators"][0]["missing"], "unreadable", "an OCR gap");

    let csv = site.root().join("自评清单.csv");
    std::fs::write(
        &csv,
        "单位名称,项目名称,全年预算数,全年执行数,执行率,一级指标,二级指标,三级指标,年度指标值,实际完成值,得分\r\n\
         300004-某局,甲项目,10,10,100%,产出指标,数量指标,次数,3次,3次,50\r\n\
         300004-某局,甲项目,10,10,100%,效益指标,社会效益指标,覆盖率,≥90%,95%,50\r\n\
         300004-某局,乙项目,8,4,60%,产出指标,数量指标,户数,10户,,30\r\n",
    )
    .unwrap();
    let (report, _) = import(&site, &csv, &["--year", "2023"]);
    let projects = report["sources"][0]["projects"].as_array().unwrap();
    assert_eq!(projects.len(), 2, "{report}");
    let (b, _) = evaluation(&site, projects[1]["path"].as_str().unwrap());
    assert_eq!(b["budget"]["executed"], "4");
    assert_eq!(b["indicators"][0]["missing"], "blank");
    let flags = projects[1]["flags"].as_array().unwrap();
    assert!(
        flags
            .iter()
            .any(|f| f["reason"].as_str().unwrap().contains("60%")),
        "4 ÷ 8 is 50%: {flags:?}"
    );
}

#[test]
fn several_forms_on_one_sheet_and_merged_cells_in_a_workbook() {
    use rust_xlsxwriter::{Format, Workbook};
    let site = TestSite::empty();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let plain = Format::new();
    let mut r = 0;
    for (name, executed) in [("甲项目", 9.5), ("乙项目", 3.0)] {
        sheet.write(r, 0, "2023年度项目支出绩效自评表").unwrap();
        sheet.write(r + 1, 0, "项目名称").unwrap();
        sheet.write(r + 1, 1, name).unwrap();
        for (c, h) in ["项目资金（万元）", "全年预算数", "全年执行数", "执行率"]
            .iter()
            .enumerate()
        {
            sheet.write(r + 2, c as u16, *h).unwrap();
        }
        sheet.write(r + 3, 0, "年度资金总额").unwrap();
        sheet.write(r + 3, 1, 10).unwrap();
        sheet.write(r + 3, 2, executed).unwrap();
        for (c, h) in [
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
        ]
        .iter()
        .enumerate()
        {
            sheet.write(r + 4, c as u16, *h).unwrap();
        }
        sheet
            .merge_range(r + 5, 0, r + 6, 0, "产出指标", &plain)
            .unwrap();
        sheet.write(r + 5, 1, "数量指标").unwrap();
        sheet.write(r + 5, 2, "次数").unwrap();
        sheet.write(r + 5, 3, "4次").unwrap();
        sheet.write(r + 5, 4, "4次").unwrap();
        sheet.write(r + 6, 1, "质量指标").unwrap();
        sheet.write(r + 6, 2, "合格率").unwrap();
        sheet.write(r + 6, 3, "100%").unwrap();
        sheet.write(r + 6, 4, "100%").unwrap();
        r += 8;
    }
    let file = site.root().join("自评.xlsx");
    book.save(&file).unwrap();
    let (report, _) = import(&site, &file, &["--department", "300005"]);
    let projects = report["sources"][0]["projects"].as_array().unwrap();
    assert_eq!(projects.len(), 2, "{report}");
    let (b, _) = evaluation(&site, projects[1]["path"].as_str().unwrap());
    assert_eq!(b["name"], "乙项目");
    assert_eq!(b["budget"]["executed"], "3");
    assert_eq!(b["indicators"][1]["level1"], "产出指标");
    assert_eq!(report["totals"]["orphans"], 2, "no target tables here");
}

#[test]
fn hostile_cells_are_flagged_or_refused_never_guessed() {
    let site = TestSite::empty();
    let file = site.root().join("自评.csv");
    let source = official(
        "耕地地力保护补贴",
        "99999999999999999999999999999999%",
        "100%",
    )
    .replace(",20,19,", ",=SUM(G13:G14),1e400,");
    std::fs::write(&file, &source).unwrap();
    let (report, _) = import(&site, &file, &["--department", "300001"]);
    let planned = &report["sources"][0]["projects"][0];
    let reasons: String = planned["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["reason"].as_str().unwrap().to_owned())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(reasons.contains("=SUM(G13:G14)"), "{reasons}");
    assert!(reasons.contains("1e400"), "{reasons}");
    let (e, _) = evaluation(&site, planned["path"].as_str().unwrap());
    assert_eq!(e["indicators"][0]["weight"], Value::Null);
    // A formula where an amount must be: refused, naming the cell.
    let bad = official("耕地地力保护补贴", "98.50%", "100%").replace(",118.20,", ",=SUM(C6:D6),");
    std::fs::write(&file, bad).unwrap();
    let out = site
        .cmd(&[
            "import",
            file.to_str().unwrap(),
            "--department",
            "300001",
            "--dry-run",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("E6"), "{stderr}");
}
