//! 绩效自评 as readers see it (issue 27), on the fixture
//! `tests/fixtures/evaluation`: the target table's result columns with
//! their marks in words, the legend, the rows the 自评表 adds, the budget
//! table and its chart, the 执行率 and 自评得分 of the indexes, the totals
//! of 全年预算数 and 全年执行数 kept apart, the department's 达成情况 chart
//! with its table, escaping of what a 自评表 says, and incremental rebuilds
//! after editing an evaluation, which must equal a clean build.

use std::path::PathBuf;

use scraper::Html;

use crate::common::{TestSite, clean_build, evaluation_root, session};
use crate::table_model::{Table, sel, text_of};

const GENGDI_2023: &str = "public/2023/300001/gengdi-2023/index.html";
const NONGJI_2023: &str = "public/2023/300001/nongji-2023/index.html";
const GENGDI_2024: &str = "public/2024/300001/gengdi-2024/index.html";
const SHUILI_2023: &str = "public/2023/300001/shuili-2023/index.html";
const DEPARTMENT_2023: &str = "public/2023/300001/index.html";
const YEAR_2023: &str = "public/2023/index.html";
const LANDING: &str = "public/300001/index.html";

/// A 自评表 for the fixture's project without one: one row matched with a
/// 自评表 target that differs from the target table's, hostile text in
/// the achieved value and the reason, and two target rows left out.
const SHUILI_EVALUATION: &str = r#"year: 2023
budget: {full_year: "50.00", executed: "45.00"}
indicators:
  - level1: 产出指标
    level2: 数量指标
    name: 维护渠道长度
    target: "≥18公里"
    actual: "<script>alert('actual')</script>19公里"
    deviation: "<img src=x onerror=alert(1)>汛期延误 & 材料涨价"
"#;

fn fixture() -> TestSite {
    TestSite::copy_of(&evaluation_root())
}

/// The fixture with SHUILI_EVALUATION added, built.
fn built() -> TestSite {
    let site = fixture();
    site.write(
        "content/300001/shuili-2023.evaluation.yaml",
        SHUILI_EVALUATION,
    );
    site.build();
    site
}

/// The text of every element matching `selector` on `html`.
fn texts(html: &str, selector: &str) -> Vec<String> {
    Html::parse_document(html)
        .select(&sel(selector))
        .map(text_of)
        .collect()
}

/// The cells of each body row of the first table matching `selector`,
/// their texts joined by one space.
fn body_rows(html: &str, selector: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let table = doc.select(&sel(selector)).next().expect(selector);
    table
        .select(&sel("tbody tr"))
        .map(|tr| {
            tr.select(&sel("th, td"))
                .map(text_of)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The annual indicator table's rows as (三级 name, 实际完成值, 达成情况)
/// texts, read through the table model so each cell is the one its
/// column header names.
fn result_rows(html: &str) -> Vec<(String, String, String)> {
    let doc = Html::parse_document(html);
    let table = doc.select(&sel("table.indicators")).next().expect("table");
    let table = Table::new(table);
    let actual = table.column("实际完成值").expect("实际完成值 column");
    let mark = table.column("达成情况").expect("达成情况 column");
    let name = table.column("三级指标").unwrap();
    let names = table.body_cells_in_column(name);
    let actuals = table.body_cells_in_column(actual);
    let marks = table.body_cells_in_column(mark);
    names
        .iter()
        .zip(actuals)
        .zip(marks)
        .map(|((n, a), m)| {
            (
                text_of(table.cells[*n].el),
                text_of(table.cells[a].el),
                text_of(table.cells[m].el),
            )
        })
        .collect()
}

#[test]
fn rows_are_marked_in_words_with_reasons_and_a_legend() {
    let site = built();
    let page = site.read(GENGDI_2023);
    let heads = texts(&page, "table.indicators thead th");
    for column in ["实际完成值", "自评分值", "得分", "达成情况"] {
        assert!(heads.iter().any(|h| h == column), "{column}: {heads:?}");
    }
    let rows = result_rows(&page);
    let row = |name: &str| rows.iter().find(|r| r.0 == name).unwrap().clone();
    assert_eq!(row("农户满意度").2, "达成");
    assert_eq!(row("补贴发放面积").2, "未达成");
    // 2023年6月20日 against 2023年6月底前: no single figure, said why.
    assert_eq!(
        row("补贴发放时间").2,
        "无法比较目标或实际完成值不是单一数值"
    );
    assert!(
        row("补贴发放面积")
            .1
            .contains("偏差原因：部分耕地转为设施农业用地")
    );
    // The marks are text in the cell, never colour alone.
    let marks = texts(&page, "table.indicators td span.mark");
    assert_eq!(marks.len(), 6);
    let legend = texts(&page, ".ev-legend dt");
    assert_eq!(legend, ["达成", "未达成", "无法比较"]);
    assert!(texts(&page, ".ev-legend dd").iter().all(|d| !d.is_empty()));
    // The summary counts the same marks.
    assert!(
        page.contains("自评的 6 项指标中：达成 4 项、未达成 1 项、无法比较 1 项。"),
        "{page}"
    );

    // An unreadable achieved value says so, as the target table does.
    let page = site.read(GENGDI_2024);
    let rows = result_rows(&page);
    let satisfaction = rows.iter().find(|r| r.0 == "农户满意度").unwrap();
    assert_eq!(satisfaction.1, "原件无法辨认");
    assert_eq!(satisfaction.2, "无法比较原件中的实际完成值无法辨认");

    // Target rows the 自评表 leaves out say so; a 自评表 target that
    // differs from the target table's is shown beside it.
    let page = site.read(SHUILI_2023);
    let rows = result_rows(&page);
    assert_eq!(rows.len(), 3);
    assert!(
        rows[0].1.contains("自评表所列指标值：≥18公里"),
        "{:?}",
        rows[0]
    );
    for row in &rows[1..] {
        assert_eq!(row.1, "自评表未列此指标");
        assert_eq!(row.2, "无法比较自评表未列此指标");
    }
    assert!(page.contains("另有目标表中的 2 项指标未列入自评表。"));
}

#[test]
fn rows_that_match_no_target_have_their_own_table() {
    let site = built();
    let page = site.read(NONGJI_2023);
    let doc = Html::parse_document(&page);
    let table = doc.select(&sel("table.unmatched")).next().expect("table");
    assert_eq!(
        text_of(table.select(&sel("caption")).next().unwrap()),
        "农机购置补贴 自评表中未对应目标表的指标"
    );
    let rows: Vec<String> = table.select(&sel("tbody tr")).map(text_of).collect();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].contains("带动农户增收"), "{rows:?}");
    assert!(rows[0].contains("户均增收1200元"));
    assert!(rows[0].contains("无法比较没有可比较的指标值"));
    assert!(page.contains("已标记待核对"));
    // It is not in the target table, whose rows are the four targets.
    assert_eq!(result_rows(&page).len(), 4);
    // The sum of the rows is shown beside a 总分 that disagrees with it.
    assert!(page.contains("自评表所填；各项得分合计 <span class=\"num\">92</span>"));
}

#[test]
fn budget_figures_are_exact_and_the_rate_may_pass_100() {
    let site = built();
    let page = site.read(NONGJI_2023);
    let doc = Html::parse_document(&page);
    let budget = doc.select(&sel("table.budget")).next().expect("budget");
    assert!(text_of(budget.select(&sel("caption")).next().unwrap()).contains("万元"));
    let rows = body_rows(&page, "table.budget");
    assert_eq!(
        rows[..3],
        ["年初预算数 80.00", "全年预算数 80.00", "全年执行数 84.00"]
    );
    assert!(rows[3].starts_with("执行率") && rows[3].ends_with("105.00%"));
    // The 预算执行率 row's 分值 is not in the 自评表: said, not invented.
    assert_eq!(rows[4], "预算执行率 分值 未填报");
    assert_eq!(rows[5], "预算执行率 得分 10");

    let page = site.read(GENGDI_2024);
    assert!(page.contains("131.25"));
    assert!(page.contains("105.00%"));
    assert!(page.contains("年中追加中央补贴资金"));
}

#[test]
fn charts_have_their_tables() {
    let site = built();
    for (page, chart) in [
        (GENGDI_2023, "chart-budget"),
        (DEPARTMENT_2023, "chart-marks"),
    ] {
        let html = site.read(page);
        let doc = Html::parse_document(&html);
        let svg = doc
            .select(&sel(&format!("svg[aria-labelledby=\"{chart}-title\"]")))
            .next()
            .unwrap_or_else(|| panic!("{page}: no {chart}"));
        assert_eq!(svg.value().attr("role"), Some("img"));
        assert_eq!(
            svg.value().attr("aria-describedby"),
            Some(format!("{chart}-desc").as_str())
        );
        let desc = doc
            .select(&sel(&format!("desc#{chart}-desc")))
            .next()
            .map(text_of)
            .unwrap();
        assert!(!desc.is_empty());
        // The caption links the table that holds the chart's figures.
        let link = doc
            .select(&sel(&format!("figcaption#{chart}-caption a")))
            .next()
            .unwrap();
        let target = link.value().attr("href").unwrap().trim_start_matches('#');
        let caption = doc
            .select(&sel(&format!("table caption#{target}")))
            .next()
            .unwrap_or_else(|| panic!("{page}: no table {target}"));
        assert!(!text_of(caption).is_empty());
    }
    let html = site.read(GENGDI_2023);
    assert!(html.contains("全年预算数 120.00 万元，全年执行数 118.20 万元，执行率 98.50%"));
    // The 达成情况 table: one row per evaluated project, in words.
    let html = site.read(DEPARTMENT_2023);
    assert_eq!(
        body_rows(&html, "table.marks"),
        [
            "耕地地力保护补贴 4 1 1 6",
            "农机购置补贴 2 1 2 5",
            // Its one row has hostile text around 19公里: not one figure.
            "小型水利设施维护 0 0 1 1"
        ]
    );
    let counts = texts(&html, "svg text.chart-counts");
    assert_eq!(counts[0], "达成 4 · 未达成 1 · 无法比较 1");
    assert_eq!(
        texts(&html, ".chart-legend li"),
        ["达成", "未达成", "无法比较"]
    );
}

#[test]
fn indexes_show_rate_score_and_totals_kept_apart() {
    let site = fixture();
    site.build();
    let page = site.read(DEPARTMENT_2023);
    let rows = body_rows(&page, "table.projects");
    assert_eq!(
        rows,
        [
            "耕地地力保护补贴 120.00 98.50% 98.85（优）",
            "农机购置补贴 80.00 105.00% 95（优）",
            "小型水利设施维护 50.00 未自评 未自评"
        ]
    );
    assert!(page.contains("未自评</span>：本项目尚未公开绩效自评表"));
    // 全年预算数 and 全年执行数 side by side, never their sum (402.20).
    for (label, value) in [
        ("全年预算数合计（万元）", "200.00"),
        ("全年执行数合计（万元）", "202.20"),
    ] {
        assert!(
            page.contains(&format!("<dt>{label}</dt><dd class=\"num\">{value}</dd>")),
            "{label}"
        );
    }
    let year = site.read(YEAR_2023);
    let doc = Html::parse_document(&year);
    let totals = doc.select(&sel("table.ev-totals tfoot tr")).next().unwrap();
    let total: Vec<String> = totals.select(&sel("th, td")).map(text_of).collect();
    assert_eq!(total, ["合计", "2", "200.00", "202.20", "101.10%"]);
    assert!(
        year.contains("105.00%"),
        "the projects table lists the rate"
    );
    let landing = site.read(LANDING);
    assert_eq!(
        body_rows(&landing, "table.projects"),
        [
            "2024年 2 208.00 2 215.00 203.25 94.53%",
            "2023年 3 250.00 2 200.00 202.20 101.10%"
        ]
    );
    for html in [&page, &year, &landing] {
        assert!(!html.contains("402.20") && !html.contains("418.25"));
    }
}

#[test]
fn a_site_without_evaluations_has_no_evaluation_columns() {
    let site = fixture();
    for file in ["gengdi-2023", "gengdi-2024", "nongji-2023", "nongji-2024"] {
        site.remove(&format!("content/300001/{file}.evaluation.yaml"));
    }
    site.build();
    for page in [DEPARTMENT_2023, YEAR_2023, LANDING, GENGDI_2023] {
        let html = site.read(page);
        // (The fixture's names say 绩效自评 themselves.)
        for word in ["执行率", "未自评", "达成情况", "实际完成值", "自评得分"] {
            assert!(!html.contains(word), "{page}: {word}");
        }
    }
}

#[test]
fn what_a_self_evaluation_says_is_escaped() {
    let site = built();
    let page = site.read(SHUILI_2023);
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(!page.contains("<img src=x"), "{page}");
    // An escaped apostrophe stays one character reference: no no-wrap
    // span cuts it (src/render/whole_numbers.rs).
    assert!(!page.contains("&#<span"), "{page}");
    assert!(
        page.contains("&lt;script&gt;alert(&#39;actual&#39;)&lt;/script"),
        "{page}"
    );
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;汛期延误 &amp; 材料涨价"));
    let rows = result_rows(&page);
    assert!(
        rows[0]
            .1
            .starts_with("<script>alert('actual')</script>19公里")
    );
}

fn rebuild(session: &mut gongkai::build::Session, paths: &[&str]) -> Vec<String> {
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let report = session.rebuild(&paths).unwrap();
    // An evaluation is part of its project: a project's rebuild, not all.
    assert!(!report.full, "an evaluation edit rebuilt everything");
    report.written.iter().map(|p| p.to_string()).collect()
}

#[test]
fn editing_an_evaluation_rebuilds_like_a_clean_build() {
    let site = fixture();
    let mut session = session(&site);
    let file = "content/300001/nongji-2023.evaluation.yaml";
    // Execution rate, a result and the 总分 change.
    let text = site
        .read(file)
        .replace("executed: \"84.00\"", "executed: \"76.00\"")
        .replace("actual: \"312台\"", "actual: \"290台\"");
    site.write(file, text);
    let written = rebuild(&mut session, &[file]);
    // The page plan marks the indexes that show the rate and the totals.
    for page in [
        "2023/300001/nongji-2023/index.html",
        "2023/300001/index.html",
        "2023/index.html",
        "300001/index.html",
    ] {
        assert!(written.iter().any(|w| w == page), "{page}: {written:?}");
    }
    let page = site.read(NONGJI_2023);
    assert!(
        page.contains("95.00%"),
        "the project page shows the new rate"
    );
    assert!(site.read(DEPARTMENT_2023).contains("95.00%"));
    assert!(
        site.read(YEAR_2023).contains("194.20"),
        "the year's 执行 total"
    );
    assert!(site.read(LANDING).contains("194.20"), "the landing page's");
    assert_eq!(site.output_tree(), clean_build(&site));

    // A new evaluation, then its removal.
    let added = "content/300001/shuili-2023.evaluation.yaml";
    site.write(added, SHUILI_EVALUATION);
    rebuild(&mut session, &[added]);
    assert!(site.read(SHUILI_2023).contains("绩效自评"));
    assert!(!site.read(DEPARTMENT_2023).contains("未自评"));
    assert_eq!(site.output_tree(), clean_build(&site));
    site.remove(added);
    rebuild(&mut session, &[added]);
    assert!(site.read(DEPARTMENT_2023).contains("未自评"));
    assert_eq!(site.output_tree(), clean_build(&site));
}
