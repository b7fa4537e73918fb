//! `gongkai check` as a performance-target linter: one test per rule with a
//! passing and a failing case, the example site's findings against what the
//! seed table really contains, the JSON snapshot, exit codes, re-levelling in
//! site.toml and the human report.
//!
//! Each rule test writes a one-project site whose indicator rows start at
//! line [`FIRST_ROW_LINE`], one row per line, so a finding about row `i` is
//! on line `FIRST_ROW_LINE + i`.

use serde_json::Value as Json;

use crate::common::TestSite;

pub(crate) const FILE: &str = "content/100001/xiangmu.yaml";
pub(crate) const FIRST_ROW_LINE: u64 = 7;

/// A row as a one-line YAML flow mapping.
pub(crate) fn row(level1: &str, level2: &str, name: &str, value: &str) -> String {
    format!("  - {{level1: {level1}, level2: {level2}, name: {name}, value: \"{value}\"}}\n")
}

/// A well-formed 2015-style table with no findings at all: 3000册 × 3元/册
/// is 9000元, below the amount of 1万元.
pub(crate) fn good_rows() -> Vec<String> {
    vec![
        row("产出指标", "数量指标", "宣传手册订制数", "3000册"),
        row("产出指标", "质量指标", "宣传知晓率", "≥85%"),
        row("产出指标", "时效指标", "宣传完成及时率", "100%"),
        row("产出指标", "成本指标", "宣传手册单册成本", "3元/册"),
        row("效益指标", "社会效益指标", "政策知晓率提高", "≥85%"),
        row("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"),
    ]
}

/// A site with one project of `amount` 万元 made of `rows`.
pub(crate) fn site_with(amount: &str, rows: &[String]) -> TestSite {
    site_with_head(
        &format!("year: 2023\nname: 测试项目\namount: \"{amount}\"\ngoals:\n  - 目标\n"),
        rows,
    )
}

/// As [`site_with`], with the lines before `indicators:` given; they must be
/// six lines long to keep rows at [`FIRST_ROW_LINE`].
pub(crate) fn site_with_head(head: &str, rows: &[String]) -> TestSite {
    let site = TestSite::empty();
    site.department("100001", "测试单位");
    site.write(FILE, format!("{head}indicators:\n{}", rows.concat()));
    site
}

/// `good_rows()` with row `i` replaced.
pub(crate) fn replaced(i: usize, new: String) -> Vec<String> {
    let mut rows = good_rows();
    rows[i] = new;
    rows
}

/// The findings of `gongkai check --format json`.
pub(crate) fn findings(site: &TestSite) -> Vec<Json> {
    let output = site.cmd(&["check", "--format", "json"]).output().unwrap();
    let report: Json = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)));
    assert_eq!(report["version"], 1);
    report["diagnostics"].as_array().unwrap().clone()
}

/// The findings of one rule.
pub(crate) fn of(site: &TestSite, rule: &str) -> Vec<Json> {
    findings(site)
        .into_iter()
        .filter(|d| d["rule"] == rule)
        .collect()
}

/// Asserts exactly one finding of `rule`, at `severity` and row `row`'s
/// `field`, and returns it.
pub(crate) fn one(site: &TestSite, rule: &str, severity: &str, row: usize, field: &str) -> Json {
    let all = findings(site);
    let found: Vec<&Json> = all.iter().filter(|d| d["rule"] == rule).collect();
    assert_eq!(found.len(), 1, "expected one {rule}, got {all:#?}");
    let d = found[0].clone();
    assert_eq!(d["severity"], severity, "{d:#}");
    assert_eq!(d["file"], FILE, "{d:#}");
    assert_eq!(d["field"], format!("indicators[{row}].{field}"), "{d:#}");
    assert_eq!(d["line"], FIRST_ROW_LINE + row as u64, "{d:#}");
    assert!(d["help"].as_str().is_some_and(|h| !h.is_empty()), "{d:#}");
    d
}

pub(crate) fn text(d: &Json, key: &str) -> String {
    d[key].as_str().unwrap_or_default().to_owned()
}

#[test]
fn check_clean_project_has_no_findings() {
    let site = site_with("1.00", &good_rows());
    assert_eq!(findings(&site), Vec::<Json>::new());
}

// ---------------------------------------------------------------- rule 1

#[test]
fn check_framework_pair() {
    let site = site_with(
        "1.00",
        &replaced(0, row("效益指标", "数量指标", "宣传手册订制数", "3000册")),
    );
    let d = one(&site, "framework-pair", "warning", 0, "level2");
    assert!(text(&d, "message").contains("财预〔2015〕88号"), "{d:#}");
    assert!(
        text(&d, "help").contains("level1: 产出指标, level2: 数量指标"),
        "{d:#}"
    );

    // A typo gets the nearest valid name.
    let site = site_with(
        "1.00",
        &replaced(4, row("效益指标", "社会效应指标", "政策知晓率提高", "≥85%")),
    );
    let d = one(&site, "framework-pair", "warning", 4, "level2");
    assert!(text(&d, "help").contains("level2: 社会效益指标"), "{d:#}");

    assert!(of(&site_with("1.00", &good_rows()), "framework-pair").is_empty());
}

#[test]
fn check_framework_2021_detected_and_configured() {
    // 成本指标 as 一级 selects 2021, where its 二级 are the three costs.
    let mut rows = good_rows();
    rows[3] = row("成本指标", "经济成本指标", "宣传手册单册成本", "3元/册");
    rows.push(row(
        "成本指标",
        "社会成本指标",
        "对群众生活的影响",
        "无明显影响",
    ));
    let site = site_with("1.00", &rows);
    assert!(
        of(&site, "framework-pair").is_empty(),
        "{:#?}",
        findings(&site)
    );

    // The same rows under a site-wide 2015 are misfiled.
    site.write(
        "site.toml",
        "title = \"测试\"\n[check]\nframework = \"2015\"\n",
    );
    let found = of(&site, "framework-pair");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        text(&found[0], "help").contains("level1: 产出指标, level2: 成本指标"),
        "{found:#?}"
    );

    // 2015-style 产出指标 › 成本指标 under a site-wide 2021.
    let site = site_with("1.00", &good_rows());
    site.write(
        "site.toml",
        "title = \"测试\"\n[check]\nframework = \"2021\"\n",
    );
    let d = one(&site, "framework-pair", "warning", 3, "level2");
    assert!(text(&d, "message").contains("财预〔2021〕101号"), "{d:#}");
    assert!(
        text(&d, "help").contains("level1: 成本指标, level2: 经济成本指标"),
        "{d:#}"
    );
}

#[test]
fn check_framework_synonym() {
    let site = site_with(
        "1.00",
        &replaced(4, row("效益指标", "社会效益", "政策知晓率提高", "≥85%")),
    );
    let d = one(&site, "framework-synonym", "info", 4, "level2");
    assert!(text(&d, "message").contains("「社会效益指标」"), "{d:#}");
    // 环境效益 is 生态效益指标; the pair is then valid.
    let site = site_with(
        "1.00",
        &replaced(4, row("效益指标", "环境效益", "绿化率", "≥40%")),
    );
    let d = one(&site, "framework-synonym", "info", 4, "level2");
    assert!(text(&d, "message").contains("「生态效益指标」"), "{d:#}");
    assert!(of(&site, "framework-pair").is_empty());

    assert!(of(&site_with("1.00", &good_rows()), "framework-synonym").is_empty());
}

// ---------------------------------------------------------------- rule 2

#[test]
fn check_missing_output_or_benefit() {
    let mut rows = good_rows();
    rows.remove(4);
    let site = site_with("1.00", &rows);
    let found = of(&site, "missing-output-or-benefit");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(found[0]["field"], "indicators");
    assert!(text(&found[0], "message").contains("效益指标"));

    assert!(
        of(
            &site_with("1.00", &good_rows()),
            "missing-output-or-benefit"
        )
        .is_empty()
    );
}

#[test]
fn check_missing_satisfaction() {
    let mut rows = good_rows();
    rows.pop();
    let site = site_with("1.00", &rows);
    let found = of(&site, "missing-satisfaction");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(
        found[0]["line"], FIRST_ROW_LINE,
        "points at the indicator list"
    );

    assert!(of(&site_with("1.00", &good_rows()), "missing-satisfaction").is_empty());
}

// ---------------------------------------------------------------- rule 3

#[test]
fn check_value_missing() {
    let rows = replaced(
        1,
        "  - {level1: 产出指标, level2: 质量指标, name: 宣传知晓率, value: null}\n".to_owned(),
    );
    one(
        &site_with("1.00", &rows),
        "value-missing",
        "warning",
        1,
        "value",
    );
    let site = site_with(
        "1.00",
        &replaced(1, row("产出指标", "质量指标", "宣传知晓率", " ")),
    );
    one(&site, "value-missing", "warning", 1, "value");

    assert!(of(&site_with("1.00", &good_rows()), "value-missing").is_empty());
}

// ---------------------------------------------------------------- rule 4

#[test]
fn check_value_ocr() {
    let site = site_with(
        "1.00",
        &replaced(
            5,
            row(
                "满意度指标",
                "服务对象满意度指标",
                "服务对象满意度",
                "〉二90%",
            ),
        ),
    );
    let d = one(&site, "value-ocr", "warning", 5, "value");
    assert!(text(&d, "message").contains("「≥90%」"), "{d:#}");
    assert!(text(&d, "message").contains("二 → ="), "{d:#}");
    // Read correctly, the value passes the other rules.
    assert!(of(&site, "satisfaction-floor").is_empty());

    assert!(of(&site_with("1.00", &good_rows()), "value-ocr").is_empty());
}

#[test]
fn check_value_normalised() {
    let site = site_with(
        "1.00",
        &replaced(
            5,
            row(
                "满意度指标",
                "服务对象满意度指标",
                "服务对象满意度",
                "＞＝９０％",
            ),
        ),
    );
    let d = one(&site, "value-normalised", "info", 5, "value");
    assert!(text(&d, "message").contains("「≥90%」"), "{d:#}");
    let site = site_with(
        "1.00",
        &replaced(
            5,
            row(
                "满意度指标",
                "服务对象满意度指标",
                "服务对象满意度",
                ">=90%",
            ),
        ),
    );
    one(&site, "value-normalised", "info", 5, "value");

    assert!(of(&site_with("1.00", &good_rows()), "value-normalised").is_empty());
}

#[test]
fn check_value_unreadable() {
    let site = site_with(
        "1.00",
        &replaced(1, row("产出指标", "质量指标", "宣传知晓率", "85%-90%")),
    );
    one(&site, "value-unreadable", "warning", 1, "value");
    // Compound values, Chinese numerals and deadlines are readable.
    let mut rows = good_rows();
    rows[0] = row("产出指标", "数量指标", "宣传手册订制数", "三次");
    rows[2] = row("产出指标", "时效指标", "完成时间", "2023年12月底前");
    rows[3] = row(
        "产出指标",
        "成本指标",
        "陪护费补助标准",
        "40元/天，≤10000元/年",
    );
    let site = site_with("1.00", &rows);
    assert!(
        of(&site, "value-unreadable").is_empty(),
        "{:#?}",
        findings(&site)
    );
}

// ---------------------------------------------------------------- rule 5

#[test]
fn check_qualitative_target() {
    let site = site_with(
        "1.00",
        &replaced(1, row("产出指标", "质量指标", "宣传知晓率", "提高")),
    );
    let d = one(&site, "qualitative-target", "warning", 1, "value");
    assert!(text(&d, "message").contains("提高"), "{d:#}");
    assert!(text(&d, "help").contains("≥95%"), "{d:#}");
    let site = site_with(
        "1.00",
        &replaced(
            5,
            row("满意度指标", "服务对象满意度指标", "服务对象满意度", "满意"),
        ),
    );
    one(&site, "qualitative-target", "warning", 5, "value");

    assert!(of(&site_with("1.00", &good_rows()), "qualitative-target").is_empty());
    // A change with a number is measurable, and readable.
    let site = site_with(
        "1.00",
        &replaced(1, row("产出指标", "质量指标", "投诉数", "较上年减少10%")),
    );
    assert!(of(&site, "qualitative-target").is_empty());
    assert!(of(&site, "value-unreadable").is_empty());
}

#[test]
fn check_qualitative_benefit() {
    let site = site_with(
        "1.00",
        &replaced(4, row("效益指标", "可持续影响指标", "事业稳定发展", "稳定")),
    );
    one(&site, "qualitative-benefit", "info", 4, "value");
    assert!(of(&site, "qualitative-target").is_empty());

    assert!(of(&site_with("1.00", &good_rows()), "qualitative-benefit").is_empty());
}

// ---------------------------------------------------------------- rule 6

#[test]
fn check_percent_range() {
    let site = site_with(
        "1.00",
        &replaced(2, row("产出指标", "时效指标", "宣传完成及时率", "1000%")),
    );
    let d = one(&site, "percent-range", "warning", 2, "value");
    assert!(text(&d, "message").contains("1000%"), "{d:#}");
    let site = site_with(
        "1.00",
        &replaced(2, row("产出指标", "时效指标", "宣传完成及时率", "0%")),
    );
    assert!(of(&site, "percent-range").is_empty());

    assert!(of(&site_with("1.00", &good_rows()), "percent-range").is_empty());
}

#[test]
fn check_satisfaction_floor() {
    let rows = replaced(
        5,
        row("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥80%"),
    );
    let site = site_with("1.00", &rows);
    let d = one(&site, "satisfaction-floor", "warning", 5, "value");
    assert!(text(&d, "message").contains("85%"), "{d:#}");
    // The floor is configurable, both ways.
    site.write(
        "site.toml",
        "title = \"测试\"\n[check]\nsatisfaction_floor = 80\n",
    );
    assert!(of(&site, "satisfaction-floor").is_empty());
    let site = site_with("1.00", &good_rows());
    assert!(of(&site, "satisfaction-floor").is_empty());
    site.write(
        "site.toml",
        "title = \"测试\"\n[check]\nsatisfaction_floor = 95\n",
    );
    one(&site, "satisfaction-floor", "warning", 5, "value");
}

// ---------------------------------------------------------------- rule 7

#[test]
fn check_cost_unit() {
    let site = site_with(
        "1.00",
        &replaced(3, row("产出指标", "成本指标", "宣传手册单册成本", "3000册")),
    );
    let d = one(&site, "cost-unit", "warning", 3, "value");
    assert!(text(&d, "help").contains("元"), "{d:#}");
    // 社会成本 (2021) is not money and needs none.
    let mut rows = good_rows();
    rows[3] = row("成本指标", "社会成本指标", "扬尘超标次数", "0次");
    assert!(of(&site_with("1.00", &rows), "cost-unit").is_empty());

    assert!(of(&site_with("1.00", &good_rows()), "cost-unit").is_empty());
}

// ---------------------------------------------------------------- rule 8

#[test]
fn check_cost_exceeds_amount() {
    let site = site_with(
        "1.00",
        &replaced(3, row("产出指标", "成本指标", "项目总成本", "2万元")),
    );
    let d = one(&site, "cost-exceeds-amount", "warning", 3, "value");
    assert!(text(&d, "message").contains("2万元"), "{d:#}");
    // 10000元 is exactly 1万元: not more.
    let site = site_with(
        "1.00",
        &replaced(3, row("产出指标", "成本指标", "项目总成本", "10000元")),
    );
    assert!(of(&site, "cost-exceeds-amount").is_empty());

    assert!(of(&site_with("1.00", &good_rows()), "cost-exceeds-amount").is_empty());
}

#[test]
fn check_unit_costs_exceed_amount() {
    let site = site_with(
        "1.00",
        &replaced(3, row("产出指标", "成本指标", "宣传手册单册成本", "4元/册")),
    );
    let d = one(&site, "unit-costs-exceed-amount", "warning", 3, "value");
    assert!(
        text(&d, "message").contains("3000册 × 4元/册 = 12000元 = 1.2万元"),
        "{d:#}"
    );

    // Per person per year matches a count of 人; the year is dropped.
    let mut rows = good_rows();
    rows[0] = row("产出指标", "数量指标", "购买意外伤害保险人数", "≥100人");
    rows[3] = row("产出指标", "成本指标", "意外伤害保险标准", "150元/年/人");
    let d = one(
        &site_with("1.00", &rows),
        "unit-costs-exceed-amount",
        "warning",
        3,
        "value",
    );
    assert!(
        text(&d, "message").contains("≥100人 × 150元/年/人 = 15000元"),
        "{d:#}"
    );

    // Per year only, or an ambiguous unit, is never guessed.
    let mut rows = good_rows();
    rows[0] = row("产出指标", "数量指标", "乡镇个数", "7个");
    rows[3] = row("产出指标", "成本指标", "每个乡经费标准", "20000元/年");
    assert!(of(&site_with("1.00", &rows), "unit-costs-exceed-amount").is_empty());
    let mut rows = good_rows();
    rows[0] = row("产出指标", "数量指标", "培训人数", "100人");
    rows.insert(1, row("产出指标", "数量指标", "走访人数", "100人"));
    rows[4] = row("产出指标", "成本指标", "单人成本", "200元/人");
    assert!(of(&site_with("1.00", &rows), "unit-costs-exceed-amount").is_empty());

    assert!(of(&site_with("1.00", &good_rows()), "unit-costs-exceed-amount").is_empty());
}

#[test]
fn check_costs_reconcile() {
    let mut rows = good_rows();
    rows.insert(1, row("产出指标", "数量指标", "宣传横幅订制数", "10条"));
    rows.insert(
        5,
        row("产出指标", "成本指标", "宣传横幅单条成本", "100元/条"),
    );
    let site = site_with("1.00", &rows);
    let d = one(&site, "costs-reconcile", "info", 4, "value");
    assert!(
        text(&d, "message").contains("3000册 × 3元/册 + 10条 × 100元/条 = 10000元 = 1万元"),
        "{d:#}"
    );
    assert!(of(&site, "unit-costs-exceed-amount").is_empty());

    assert!(of(&site_with("1.00", &good_rows()), "costs-reconcile").is_empty());
}

// ---------------------------------------------------------------- rule 9

#[test]
fn check_funding_sum() {
    let with = |funding: &str| {
        let head = format!(
            "year: 2023\nname: 测试项目\namount: \"1.00\"\nfunding: {funding}\ngoals: [目标]\n"
        );
        findings(&site_with_head(&head, &good_rows()))
            .into_iter()
            .filter(|d| d["rule"] == "funding-sum")
            .collect::<Vec<_>>()
    };
    let found = with(r#"[{source: 财政拨款, amount: "0.60"}, {source: 其他资金, amount: "0.30"}]"#);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["severity"], "error");
    assert_eq!(found[0]["field"], "funding");
    assert!(text(&found[0], "message").contains("0.90"), "{found:#?}");
    assert!(
        with(r#"[{source: 财政拨款, amount: "0.70"}, {source: 其他资金, amount: "0.30"}]"#)
            .is_empty()
    );
    // Each level adds up: the parts of a source to the source.
    let nested = |upper: &str| {
        format!(
            r#"[{{source: 财政拨款, amount: "0.70", parts: [{{source: 上级补助, amount: "{upper}"}}, {{source: 本级安排, amount: "0.20"}}]}}, {{source: 其他资金, amount: "0.30"}}]"#
        )
    };
    let found = with(&nested("0.40"));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["field"], "funding[0].parts");
    assert_eq!(found[0]["line"], 4);
    assert!(with(&nested("0.50")).is_empty());
}

// ---------------------------------------------------------------- rule 10

#[test]
fn check_year_mismatch() {
    let site = site_with(
        "1.00",
        &replaced(
            0,
            row("产出指标", "数量指标", "2021年宣传手册订制数", "3000册"),
        ),
    );
    let d = one(&site, "year-mismatch", "warning", 0, "name");
    assert!(text(&d, "message").contains("2021年"), "{d:#}");
    assert!(text(&d, "help").contains("2023年"), "{d:#}");
    // The budget year itself, and years within a multi-year period, are fine.
    let site = site_with(
        "1.00",
        &replaced(2, row("产出指标", "时效指标", "完成时间", "2023年12月底前")),
    );
    assert!(of(&site, "year-mismatch").is_empty());
    let head =
        "year: 2023\nname: 测试项目\namount: \"1.00\"\nperiod: 2023年—2025年\ngoals: [目标]\n";
    let rows = replaced(2, row("产出指标", "时效指标", "完成时间", "2024年12月底前"));
    assert!(of(&site_with_head(head, &rows), "year-mismatch").is_empty());

    assert!(of(&site_with("1.00", &good_rows()), "year-mismatch").is_empty());
}

// ---------------------------------------------------------------- rule 11

#[test]
fn check_duplicate_indicator() {
    let mut rows = good_rows();
    rows.push(row(
        "满意度指标",
        "服务对象满意度指标",
        "服务对象满意度",
        "≥95%",
    ));
    let d = one(
        &site_with("1.00", &rows),
        "duplicate-indicator",
        "warning",
        6,
        "name",
    );
    assert!(text(&d, "message").contains("indicator 6"), "{d:#}");

    assert!(of(&site_with("1.00", &good_rows()), "duplicate-indicator").is_empty());
}

#[test]
fn check_duplicate_goal() {
    let head = "year: 2023\nname: 测试项目\namount: \"1.00\"\ngoals: [加大宣传力度；, 订制手册, 加大宣传力度]\n\n";
    let found = of(&site_with_head(head, &good_rows()), "duplicate-goal");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["field"], "goals[2]");
    assert_eq!(found[0]["severity"], "warning");

    assert!(of(&site_with("1.00", &good_rows()), "duplicate-goal").is_empty());
}

// ------------------------------------------------------- the example site

const KANGFU: &str = "content/504001/kangfu-gongzuo-jingfei.yaml";
const JIUYE: &str = "content/504001/jiuye-baozhangjin.yaml";

/// (rule, severity, file, line) of every finding.
fn summary(found: &[Json]) -> Vec<(String, String, String, u64)> {
    found
        .iter()
        .map(|d| {
            (
                text(d, "rule"),
                text(d, "severity"),
                text(d, "file"),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

fn count(found: &[(String, String, String, u64)], rule: &str) -> usize {
    found.iter().filter(|f| f.0 == rule).count()
}

#[test]
fn check_example_site_matches_the_seed() {
    let site = TestSite::example();
    let found = summary(&findings(&site));

    // No errors: the faithful transcription builds.
    assert!(found.iter().all(|f| f.1 != "error"), "{found:#?}");

    // The seven cells the OCR of the scans could not read, each marked
    // missing: unreadable (the page says 原件无法辨认, not 未填报).
    let mut missing: Vec<(String, u64)> = found
        .iter()
        .filter(|f| f.0 == "value-missing")
        .map(|f| (f.2.trim_start_matches("content/504001/").to_owned(), f.3))
        .collect();
    missing.sort();
    let expected = [
        ("kangfu-gongzuo-jingfei.yaml", 49),
        ("kangfu-gongzuo-jingfei.yaml", 67),
        ("liangjie-weiwenjin.yaml", 26),
        ("xiang-canlian-gongzuo-jingfei.yaml", 26),
        ("xiang-canlian-gongzuo-jingfei.yaml", 36),
        ("zhucanri-weiwenjin.yaml", 25),
        ("zhucanri-weiwenjin.yaml", 35),
    ];
    let expected: Vec<(String, u64)> = expected.iter().map(|(f, l)| (f.to_string(), *l)).collect();
    assert_eq!(missing, expected);

    // 提高, 保障, 健全, 发展 … under 效益指标 are allowed: notes, not warnings.
    assert_eq!(count(&found, "qualitative-benefit"), 17, "{found:#?}");
    assert!(
        found
            .iter()
            .filter(|f| f.0 == "qualitative-benefit")
            .all(|f| f.1 == "info")
    );
    assert_eq!(count(&found, "qualitative-target"), 0, "{found:#?}");

    // 发放2021年… in the 2023 就业保障金 table.
    let years: Vec<_> = found.iter().filter(|f| f.0 == "year-mismatch").collect();
    assert_eq!(
        years,
        [&("year-mismatch".into(), "warning".into(), JIUYE.into(), 53)]
    );

    // 3000册 × 3元 + 10条 × 100元 = 1万元, exactly the amount.
    let reconciled: Vec<_> = found.iter().filter(|f| f.0 == "costs-reconcile").collect();
    assert_eq!(
        reconciled,
        [&("costs-reconcile".into(), "info".into(), KANGFU.into(), 41)]
    );

    // 社会效益 is written for 社会效益指标 in every table.
    assert_eq!(count(&found, "framework-synonym"), 15, "{found:#?}");
    assert!(
        found
            .iter()
            .filter(|f| f.0 == "framework-synonym")
            .all(|f| f.1 == "info")
    );

    // Nothing else.
    let expected_total = 7 + 17 + 1 + 1 + 15;
    assert_eq!(found.len(), expected_total, "{found:#?}");

    // And the build goes through, printing the warnings.
    site.build();
}

#[test]
fn check_json_snapshot_of_the_example_site() {
    let site = TestSite::example();
    let output = site.cmd(&["check", "--format", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!(
        "example_site_json",
        String::from_utf8(output.stdout).unwrap()
    );
}

// ------------------------------------------------------------- interface

#[test]
fn check_deny_warnings_exit_code() {
    let site = TestSite::example();
    assert_eq!(
        site.cmd(&["check"]).output().unwrap().status.code(),
        Some(0)
    );
    assert_eq!(
        site.cmd(&["check", "--deny-warnings"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(1)
    );
    // Infos alone never fail a check.
    let site = site_with(
        "1.00",
        &replaced(4, row("效益指标", "社会效益", "政策知晓率提高", "提高")),
    );
    assert!(findings(&site).iter().all(|d| d["severity"] == "info"));
    assert_eq!(
        site.cmd(&["check", "--deny-warnings"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn check_rules_relevelled_or_off_in_site_toml() {
    let site = TestSite::example();
    let toml = site.read("site.toml");
    site.write(
        "site.toml",
        format!(
            "{toml}\n[check.rules]\nvalue-missing = \"off\"\nyear-mismatch = \"error\"\nframework-synonym = \"off\"\n"
        ),
    );
    let found = summary(&findings(&site));
    assert_eq!(count(&found, "value-missing"), 0);
    assert_eq!(count(&found, "framework-synonym"), 0);
    assert_eq!(
        found
            .iter()
            .filter(|f| f.0 == "year-mismatch")
            .map(|f| f.1.as_str())
            .collect::<Vec<_>>(),
        ["error"]
    );
    assert_eq!(
        site.cmd(&["check"]).output().unwrap().status.code(),
        Some(1)
    );
    // An error now, so the build stops.
    let stderr = site.build_fails();
    assert!(stderr.contains("year-mismatch"), "{stderr}");
}

#[test]
fn check_error_stops_the_build() {
    // A file that contradicts itself (a negative amount) stops the build.
    let site = site_with("-1.00", &good_rows());
    let stderr = site.build_fails();
    assert!(stderr.contains(&format!("{FILE}:3:")), "{stderr}");
    assert!(stderr.contains("amount-sign"), "{stderr}");
}

#[test]
fn check_plausibility_never_blocks_the_build() {
    // 1000% judges the source table: a warning, and the table is published.
    let site = site_with(
        "1.00",
        &replaced(2, row("产出指标", "时效指标", "宣传完成及时率", "1000%")),
    );
    let output = site.cmd(&["build"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("percent-range"), "{stderr}");
    // --deny-warnings stays strict for CI.
    let output = site.cmd(&["check", "--deny-warnings"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn check_human_output_has_locations_and_summary() {
    let site = TestSite::example();
    let output = site.cmd(&["check"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains(&format!("{JIUYE}:53:")), "{stdout}");
    assert!(stdout.contains(&format!("{KANGFU}:41:")), "{stdout}");
    assert!(
        stdout.contains("发放2021年残疾人专干专委生活补助人数"),
        "snippet: {stdout}"
    );
    let last = stdout.lines().last().unwrap_or_default();
    assert_eq!(last, "0 error(s), 8 warning(s), 33 info", "{stdout}");
    // Findings are grouped under one heading per file, in path order.
    let headings: Vec<&str> = stdout.lines().filter(|l| l.starts_with("── ")).collect();
    assert_eq!(headings.len(), 8, "{stdout}");
    assert!(
        headings.contains(&format!("── {JIUYE}: 8 finding(s)").as_str()),
        "{headings:?}"
    );
    let mut sorted = headings.clone();
    sorted.sort();
    assert_eq!(headings, sorted);
}

#[test]
fn check_list_rules_names_every_rule() {
    let site = TestSite::empty();
    let output = site.cmd(&["check", "--list-rules"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    for id in [
        "framework-pair",
        "framework-synonym",
        "missing-output-or-benefit",
        "missing-satisfaction",
        "value-missing",
        "value-ocr",
        "value-normalised",
        "value-unreadable",
        "qualitative-target",
        "qualitative-benefit",
        "percent-range",
        "satisfaction-floor",
        "cost-unit",
        "cost-exceeds-amount",
        "unit-costs-exceed-amount",
        "costs-reconcile",
        "funding-sum",
        "year-mismatch",
        "duplicate-indicator",
        "duplicate-goal",
    ] {
        assert!(stdout.contains(id), "{id} missing from:\n{stdout}");
    }
}
