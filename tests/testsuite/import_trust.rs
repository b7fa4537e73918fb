//! The ways an import used to lose, blank, invent or duplicate a figure in
//! silence, each as a case that fails if it ever comes back: blank form
//! cells, label and value-header variants, cell formats, stacked forms,
//! 实施期 tables, footers, comparators, and the OCR damage that used to
//! drop a whole project (a lost title, `5O4001`, tabs turned to spaces,
//! a wrapped name). The invariant behind them: every non-empty source
//! cell or line lands in a field or is listed in the report as not placed.

use rust_xlsxwriter::{Format, Workbook, Worksheet};
use serde_json::Value;

use crate::common::TestSite;
use crate::import_ocr::{projects, seed};

/// Imports with `--report`; returns the exit code, stderr and the report.
fn import(site: &TestSite, args: &[&str]) -> (Option<i32>, String, Value) {
    let report = site.root().join("report.json");
    let _ = std::fs::remove_file(&report);
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    all.extend(["--report", report.to_str().unwrap()]);
    let output = site.cmd(&all).current_dir(site.root()).output().unwrap();
    // Flattened: miette wraps long messages at the terminal width and
    // draws a `│` margin, so that assertions do not depend on where lines
    // break (a longer temporary path moves the breaks).
    let stderr = String::from_utf8_lossy(&output.stderr)
        .replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let report = std::fs::read_to_string(&report)
        .map(|t| serde_json::from_str(&t).unwrap())
        .unwrap_or(Value::Null);
    (output.status.code(), stderr, report)
}

fn unplaced(report: &Value) -> Vec<String> {
    report["sources"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|s| s["not_placed"].as_array().cloned().unwrap_or_default())
        .map(|n| n["text"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn values(project: &Value, list: &str) -> Vec<(String, Value)> {
    project[list]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| (r["name"].as_str().unwrap().to_owned(), r["value"].clone()))
        .collect()
}

/// A form sheet as offices fill it: the given label/value rows, then an
/// indicator table under `header`, then a footer line.
fn form(sheet: &mut Worksheet, top: &[(&str, &str)], header: &[&str], rows: &[&[&str]]) -> u32 {
    let mut r = 0;
    for (label, value) in top {
        sheet.write_string(r, 0, *label).unwrap();
        if !value.is_empty() {
            sheet.write_string(r, 1, *value).unwrap();
        }
        r += 1;
    }
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(r, c as u16, *h).unwrap();
    }
    r += 1;
    for row in rows {
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string(r, c as u16, *text).unwrap();
            }
        }
        r += 1;
    }
    r
}

const HEADER: [&str; 4] = ["一级指标", "二级指标", "三级指标", "指标值"];

#[test]
fn a_blank_funding_line_is_absent_not_the_goal_text_below() {
    let site = TestSite::empty();
    let file = site.root().join("form.xlsx");
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    let end = form(
        s,
        &[
            ("2024年项目支出绩效目标表", ""),
            ("项目名称", "社区养老"),
            ("主管部门", "[301001]某县民政局"),
            ("年度资金总额", "120.50"),
            ("其中：财政拨款", "120.50"),
            ("其他资金", ""),
            ("年度目标", "为500名老人提供助餐服务"),
        ],
        &HEADER,
        &[&["产出指标", "数量指标", "服务人数", "≥500人"]],
    );
    s.write_string(end, 0, "填表人：张三").unwrap();
    book.save(&file).unwrap();
    let (code, stderr, report) = import(&site, &[file.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{stderr}");
    let all = projects(&site.root().join("content/301001"));
    let (p, _) = &all["社区养老"];
    assert_eq!(p["amount"], "120.50");
    assert_eq!(p["funding"].as_array().unwrap().len(), 1, "{p}");
    assert_eq!(p["goals"][0], "为500名老人提供助餐服务");
    assert!(
        p["details"].get("填表人").is_none(),
        "a footer is no detail"
    );
    // The footer ends the form and is listed, with its cell, as not placed.
    assert!(
        unplaced(&report).contains(&"填表人：张三".to_owned()),
        "{report}"
    );
}

#[test]
fn label_and_value_header_variants_are_read() {
    let site = TestSite::empty();
    let file = site.root().join("form.xlsx");
    let mut book = Workbook::new();
    for (i, header) in ["指标值及单位", "指标目标值", "预期指标值"]
        .iter()
        .enumerate()
    {
        let s = book.add_worksheet();
        let name = format!("项目{i}");
        form(
            s,
            &[
                ("2024年度", ""),
                (["项目支出名称", "二级项目名称", "项目名称"][i], &name),
                ("主管部门编码", "301001"),
                ("总额", "10"),
                ("年度目标", "目标"),
            ],
            &["一级指标", "二级指标", "三级指标", header],
            &[&["产出指标", "数量指标", "人数", "≥5人"]],
        );
    }
    book.save(&file).unwrap();
    let (code, stderr, _) = import(&site, &[file.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{stderr}");
    let all = projects(&site.root().join("content/301001"));
    for i in 0..3 {
        let (p, _) = &all[&format!("项目{i}")];
        assert_eq!(p["amount"], "10");
        assert_eq!(
            values(p, "indicators"),
            [("人数".to_owned(), "≥5人".into())]
        );
    }
}

#[test]
fn an_unknown_value_header_is_flagged_never_blanked() {
    let site = TestSite::empty();
    let file = site.root().join("form.xlsx");
    let mut book = Workbook::new();
    form(
        book.add_worksheet(),
        &[
            ("2024年", ""),
            ("项目名称", "甲"),
            ("单位编码", "301001"),
            ("年度资金总额", "5"),
            ("年度目标", "目标"),
        ],
        &["一级指标", "二级指标", "三级指标", "考核要求"],
        &[&["产出指标", "数量指标", "人数", "≥5人"]],
    );
    book.save(&file).unwrap();
    let (code, stderr, _) = import(&site, &[file.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{stderr}");
    let (p, text) = &projects(&site.root().join("content/301001"))["甲"];
    assert_eq!(p["indicators"][0]["value"], "≥5人");
    assert!(p["indicators"][0].get("missing").is_none());
    assert!(text.contains("考核要求"), "the row is flagged: {text}");
}

#[test]
fn numbers_are_written_as_the_sheet_shows_them() {
    let site = TestSite::empty();
    let file = site.root().join("form.xlsx");
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    let end = form(
        s,
        &[
            ("2024年", ""),
            ("项目名称", "甲"),
            ("单位编码", "301001"),
            ("年度资金总额", "5"),
            ("年度目标", "目标"),
        ],
        &HEADER,
        &[
            &["产出指标", "质量指标", "合格率", ""],
            &["产出指标", "数量指标", "金额", ""],
        ],
    );
    s.write_number_with_format(end - 2, 3, 0.95, &Format::new().set_num_format("0%"))
        .unwrap();
    s.write_number_with_format(
        end - 1,
        3,
        1234.5,
        &Format::new().set_num_format("#,##0.00\"元\""),
    )
    .unwrap();
    s.write_string(end, 0, "年度资金总额").unwrap();
    book.save(&file).unwrap();
    let (code, stderr, _) = import(&site, &[file.to_str().unwrap()]);
    assert!(code.is_some(), "{stderr}");
    let (p, _) = &projects(&site.root().join("content/301001"))["甲"];
    assert_eq!(
        values(p, "indicators"),
        [
            ("合格率".to_owned(), "95%".into()),
            ("金额".to_owned(), "1,234.50元".into())
        ]
    );
}

#[test]
fn a_second_form_on_a_sheet_takes_its_own_year_never_one_from_indicator_text() {
    let site = TestSite::empty();
    let file = site.root().join("form.xlsx");
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    let top = |name: &'static str| {
        [
            ("项目名称", name),
            ("单位编码", "301001"),
            ("年度资金总额", "5"),
            ("年度目标", "目标"),
        ]
    };
    s.write_string(0, 0, "2023年项目支出绩效目标表").unwrap();
    let mut rows: Vec<(&str, &str)> = vec![("2023年项目支出绩效目标表", "")];
    rows.extend(top("甲"));
    let end = form(
        s,
        &rows,
        &HEADER,
        &[&["产出指标", "数量指标", "2021年度遗留问题处理数", "3件"]],
    );
    // The second form, stacked below, names no year of its own.
    let mut r = end + 1;
    for (label, value) in top("乙") {
        s.write_string(r, 0, label).unwrap();
        s.write_string(r, 1, value).unwrap();
        r += 1;
    }
    for (c, h) in HEADER.iter().enumerate() {
        s.write_string(r, c as u16, *h).unwrap();
    }
    for (c, t) in ["产出指标", "数量指标", "次数", "2次"].iter().enumerate() {
        s.write_string(r + 1, c as u16, *t).unwrap();
    }
    book.save(&file).unwrap();
    let (code, stderr, _) = import(&site, &[file.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{stderr}");
    let all = projects(&site.root().join("content/301001"));
    assert_eq!(all["甲"].0["year"], 2023);
    assert_eq!(all["乙"].0["year"], 2023, "the sheet's year, never 2021");
    assert_eq!(values(&all["甲"].0, "indicators").len(), 1);
}

#[test]
fn a_long_term_table_goes_to_long_term_indicators() {
    let site = TestSite::empty();
    let file = site.root().join("form.xlsx");
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    let end = form(
        s,
        &[
            ("2024年", ""),
            ("项目名称", "甲"),
            ("单位编码", "301001"),
            ("年度资金总额", "5"),
            ("年度目标", "目标"),
        ],
        &HEADER,
        &[&["产出指标", "数量指标", "人数", "5人"]],
    );
    s.write_string(end, 0, "实施期绩效指标").unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        s.write_string(end + 1, c as u16, *h).unwrap();
    }
    for (c, t) in ["产出指标", "数量指标", "人数", "15人"].iter().enumerate() {
        s.write_string(end + 2, c as u16, *t).unwrap();
    }
    book.save(&file).unwrap();
    let (code, stderr, _) = import(&site, &[file.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{stderr}");
    let (p, _) = &projects(&site.root().join("content/301001"))["甲"];
    assert_eq!(values(p, "indicators"), [("人数".to_owned(), "5人".into())]);
    assert_eq!(
        values(p, "long_term_indicators"),
        [("人数".to_owned(), "15人".into())]
    );
}

#[test]
fn comparators_are_kept_as_printed() {
    let site = TestSite::empty();
    site.write(
        "list.csv",
        "单位名称,项目名称,预算数,年度目标,一级指标,二级指标,三级指标,指标性质,指标值,度量单位\n\
         301001-某局,甲,10,目标,产出指标,数量指标,人数,≧,90,%\n\
         301001-某局,甲,10,目标,产出指标,质量指标,合格率,不低于,95,%\n\
         301001-某局,甲,10,目标,产出指标,时效指标,及时率,=,100,%\n",
    );
    let (code, stderr, _) = import(&site, &["list.csv", "--year", "2024"]);
    assert_eq!(code, Some(0), "{stderr}");
    let (p, _) = &projects(&site.root().join("content/301001"))["甲"];
    let got: Vec<Value> = values(p, "indicators")
        .into_iter()
        .map(|(_, v)| v)
        .collect();
    assert_eq!(got, ["≥90%", "不低于95%", "=100%"]);
}

/// The seed with one edit, imported; every project must still be there.
fn perturbed(edit: impl Fn(&str) -> String) -> (TestSite, Option<i32>, String, Value) {
    let site = TestSite::empty();
    let text = std::fs::read_to_string(seed()).unwrap();
    let changed = edit(&text);
    assert_ne!(changed, text, "the perturbation applies");
    site.write("seed.txt", &changed);
    let (code, stderr, report) = import(
        &site,
        &["seed.txt", "--department", "504001", "--year", "2023"],
    );
    (site, code, stderr, report)
}

fn count(site: &TestSite) -> usize {
    projects(&site.root().join("content/504001")).len()
}

#[test]
fn ocr_damage_never_drops_a_project() {
    // A page whose title line is gone (the second page's).
    let (site, code, stderr, _) = perturbed(|t| {
        let title = "## 祁连县残疾人联合会2023年部门预算项目支出绩效目标公开表";
        let second = t.match_indices(title).nth(1).unwrap().0;
        format!("{}{}", &t[..second], &t[second + title.len()..])
    });
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(count(&site), 8, "{stderr}");
    // A title a character short.
    let (site, code, stderr, _) =
        perturbed(|t| t.replacen("绩效目标公开表\n", "绩效目标公开\n", 2));
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(count(&site), 8, "{stderr}");
    // The letter O for a zero in a project's code: read, and flagged.
    let (site, code, stderr, _) =
        perturbed(|t| t.replacen("504001\t残疾人维权", "5O4001\t残疾人维权", 1));
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(count(&site), 8, "{stderr}");
    let all = projects(&site.root().join("content/504001"));
    assert!(all["残疾人维权工作经费"].1.contains("5O4001"));
}

#[test]
fn ocr_rows_without_tabs_and_wrapped_names_are_read_and_flagged() {
    // An indicator row whose tabs became spaces.
    let (site, code, stderr, report) = perturbed(|t| {
        t.replacen(
            "\t\t\t\t\t\t下乡入户宣传次数\t3次",
            "      下乡入户宣传次数 3次",
            1,
        )
    });
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(count(&site), 8);
    let all = projects(&site.root().join("content/504001"));
    let (p, text) = &all["残疾人康复工作经费"];
    assert!(
        values(p, "indicators").contains(&("下乡入户宣传次数".to_owned(), "3次".into())),
        "{text}"
    );
    assert!(text.contains("tabs"), "{text}");
    assert!(unplaced(&report).iter().all(|u| !u.contains("下乡入户")));
    // A project name wrapped onto a line of its own.
    let (site, code, stderr, _) = perturbed(|t| {
        let at = t.find("504001\t残疾人康复工作经费\t").unwrap();
        let end = at + t[at..].find('\n').unwrap();
        let line = t[at..end].replacen("残疾人康复工作经费", "残疾人康复工作", 1);
        format!("{}{line}\n经费{}", &t[..at], &t[end..])
    });
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(count(&site), 8);
    let all = projects(&site.root().join("content/504001"));
    let (_, text) = &all["残疾人康复工作经费"];
    assert!(text.contains("wrapped"), "{text}");
}

#[test]
fn the_same_table_twice_in_one_run_is_refused() {
    let site = TestSite::empty();
    let path = seed();
    let seed = path.to_str().unwrap();
    let (code, stderr, _) = import(&site, &[seed, seed]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("appears twice"), "{stderr}");
    assert!(!site.root().join("content").exists());
}

#[test]
fn the_seed_report_accounts_for_every_line() {
    let site = TestSite::empty();
    let path = seed();
    let (code, stderr, report) = import(&site, &[path.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(report["totals"]["projects"], 8);
    assert_eq!(report["totals"]["rows"], 111);
    // Signatures, the units' typed totals and the printed notes: each
    // listed with its line, none of them a figure of a project.
    let items = unplaced(&report);
    assert!(items.iter().any(|t| t == "公保才旦"), "{items:?}");
    assert!(items.iter().all(|t| !t.contains("万元")), "{items:?}");
    // Re-importing changes nothing.
    let before = site.content_tree();
    let (code, stderr, report) = import(&site, &[path.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(report["totals"]["unchanged"], 8);
    assert_eq!(site.content_tree(), before);
}

#[test]
fn import_writes_only_inside_content() {
    let site = TestSite::empty();
    for code in ["../../x", "/tmp/x", "a/b"] {
        site.write(
            "form.csv",
            format!(
                "项目名称,甲\n单位编码,{code}\n年度资金总额,10\n年度目标,目标\n\
                 一级指标,二级指标,三级指标,指标值\n产出指标,数量指标,人数,5人\n"
            ),
        );
        let (code_, stderr, _) = import(&site, &["form.csv", "--year", "2024"]);
        assert_eq!(code_, Some(1), "{code}: {stderr}");
        assert!(stderr.contains("is not a unit code"), "{stderr}");
        assert!(!site.root().join("content").exists());
        assert!(!site.root().parent().unwrap().join("x").exists());
    }
}

#[test]
fn a_saved_page_gives_its_year_in_a_paragraph_blanks_and_a_table_cut_at_a_page_break() {
    let site = TestSite::empty();
    site.write(
        "page.html",
        "<html><head><title>项目绩效目标公开</title></head><body>\
         <p>某县民政局2024年度部门预算项目绩效目标表</p>\
         <table>\
         <tr><td>项目名称</td><td colspan=\"3\">社区养老</td></tr>\
         <tr><td>主管部门</td><td colspan=\"3\">[301001]某县民政局</td></tr>\
         <tr><td>年度资金总额</td><td>8.50</td><td>其他资金</td><td>&nbsp;</td></tr>\
         <tr><td>年度目标</td><td colspan=\"3\">助餐服务</td></tr>\
         <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>\
         <tr><td>产出指标</td><td>数量指标</td><td>服务人数</td><td>≥500人</td></tr>\
         </table><div class=\"page-break\"></div><table>\
         <tr><td>效益指标</td><td>社会效益指标</td><td>生活质量</td><td>提高</td></tr>\
         <tr><td>满意度指标</td><td>服务对象满意度指标</td><td>老人满意度</td><td>≥90%</td></tr>\
         </table></body></html>",
    );
    let (code, stderr, report) = import(&site, &["page.html"]);
    assert_eq!(code, Some(0), "{stderr}");
    let (p, _) = &projects(&site.root().join("content/301001"))["社区养老"];
    assert_eq!(p["year"], 2024, "the year of the paragraph above the table");
    assert_eq!(p["amount"], "8.50");
    assert!(
        p.get("funding").is_none(),
        "&nbsp; is an empty funding line"
    );
    assert_eq!(values(p, "indicators").len(), 3, "both halves of the table");
    assert!(
        report["sources"][0]["parts"][0]["part"]
            .as_str()
            .unwrap()
            .contains("1–2"),
        "{report}"
    );
}

#[test]
fn import_knows_the_level_names_check_knows() {
    // 环境效益指标 is a 二级 of the framework (a variant of 生态效益指标):
    // slid into the 三级 column by OCR, it is still read as a level.
    let site = TestSite::empty();
    site.write(
        "ocr.txt",
        "某单位2023年部门预算项目支出绩效目标公开表\n\
         单位编码\t单位及项目名称\t金额（万元）\t绩效目标\t一级指标\t二级指标\t三级指标\t指标值\n\
         504009\t某单位\t1\n\
         504009\t甲项目\t1.00\t目标一：做事。\t产出指标\t数量指标\t次数\t3次\n\
         \t\t\t\t\t\t环境效益指标\t空气质量\t改善\n",
    );
    let (code, stderr, _) = import(&site, &["ocr.txt"]);
    assert_eq!(code, Some(0), "{stderr}");
    let (p, _) = &projects(&site.root().join("content/504009"))["甲项目"];
    let row = &p["indicators"][1];
    assert_eq!(
        (&row["level1"], &row["level2"], &row["name"], &row["value"]),
        (
            &Value::from("效益指标"),
            &Value::from("环境效益指标"),
            &Value::from("空气质量"),
            &Value::from("改善")
        )
    );
}
