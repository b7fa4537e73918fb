//! `gongkai check` as a performance-target linter.
//!
//! The rules are tested as one table ([`cases`]): each row is an input (the
//! clean project of [`harness::good`] with one change), the rule it is
//! about, and either the finding expected (severity, field, line, words) or
//! silence. Every rule has a failing row, and the clean project is silent on
//! every rule.
//! The table runs in process, through the same load-and-check call the
//! `check` command makes. A handful of tests at the end run the real binary
//! for what only the binary does: JSON output, exit codes, `--list-rules`,
//! re-levelling in site.toml and the grouped human report.
//!
//! Each case writes a one-project site whose indicator rows start at line
//! `FIRST_ROW_LINE` (7), one row per line, so a finding about row `i` is on
//! line `FIRST_ROW_LINE + i`.

mod evaluation;
mod formula_like;
pub(crate) mod harness;
mod human;
mod review_and_duplicates;
mod revision_basis;

use gongkai::diagnostics::{Diagnostic, Severity};
use serde_json::Value as Json;

use crate::common::TestSite;
use harness::{Case, DEPARTMENT, FIRST_ROW_LINE, check_root, fails, findings, good, passes, row};

/// The table: failing and passing rows, grouped by rule in registry order.
fn cases() -> Vec<Case> {
    use Severity::{Error, Info, Warning};
    // The 2021-style rows: 成本指标 as 一级 selects 2021, where its 二级
    // are the three costs.
    let rows_2021 = || {
        good()
            .set(
                3,
                row("成本指标", "经济成本指标", "宣传手册单册成本", "3元/册"),
            )
            .push(row(
                "成本指标",
                "社会成本指标",
                "对群众生活的影响",
                "无明显影响",
            ))
    };
    let satisfaction = |value| row("满意度指标", "服务对象满意度指标", "服务对象满意度", value);
    let cost = |name, value| row("产出指标", "成本指标", name, value);
    let mut cases = vec![
        // ------------------------------------------------------ basics
        fails("required-text", Error, good().with("name", "\"\"")).field("name"),
        fails(
            "required-text",
            Error,
            good().set(1, row("产出指标", "\" \"", "宣传知晓率", "≥85%")),
        )
        .at(1, "level2"),
        fails("year-range", Error, good().with("year", "1980")).field("year"),
        fails("amount-sign", Error, good().with("amount", "\"-1.00\"")).field("amount"),
        // Four decimals of 万元 are fine; a thousandth of a 分 is not.
        passes("amount-precision", good().with("amount", "\"10606.7522\"")),
        fails("amount-precision", Error, good().with("amount", "\"1.0000001\""))
            .field("amount")
            .message(&["1.0000001"]),
        fails(
            "funding-sum",
            Error,
            good().head("year: 2023\nname: 测试项目\namount: \"1.00\"\nfunding: [{source: 财政拨款, amount: \"0.60\"}, {source: 其他资金, amount: \"0.30\"}]\ngoals: [目标]\n"),
        )
        .field("funding"),
        passes(
            "funding-sum",
            good().head("year: 2023\nname: 测试项目\namount: \"1.00\"\nfunding: [{source: 财政拨款, amount: \"0.70\"}, {source: 其他资金, amount: \"0.30\"}]\ngoals: [目标]\n"),
        ),
        fails(
            "value-missing",
            Warning,
            good().set(
                1,
                "  - {level1: 产出指标, level2: 质量指标, name: 宣传知晓率, value: null}\n"
                    .to_owned(),
            ),
        )
        .at(1, "value"),
        fails(
            "value-missing",
            Warning,
            good().set(1, row("产出指标", "质量指标", "宣传知晓率", " ")),
        )
        .at(1, "value"),
        fails(
            "missing-conflict",
            Error,
            good().set(
                1,
                "  - {level1: 产出指标, level2: 质量指标, name: 宣传知晓率, value: \"≥85%\", missing: unreadable}\n"
                    .to_owned(),
            ),
        )
        .at(1, "missing")
        .message(&["≥85%"]),
        passes(
            "missing-conflict",
            good().set(
                1,
                "  - {level1: 产出指标, level2: 质量指标, name: 宣传知晓率, value: null, missing: unreadable}\n"
                    .to_owned(),
            ),
        ),
        // --------------------------------------------------- framework
        fails(
            "framework-pair",
            Warning,
            good().set(0, row("效益指标", "数量指标", "宣传手册订制数", "3000册")),
        )
        .at(0, "level2")
        .message(&["财预〔2015〕88号"])
        .help(&["level1: 产出指标, level2: 数量指标"]),
        // A typo gets the nearest valid name.
        fails(
            "framework-pair",
            Warning,
            good().set(4, row("效益指标", "社会效应指标", "政策知晓率提高", "≥85%")),
        )
        .at(4, "level2")
        .help(&["level2: 社会效益指标"]),
        passes("framework-pair", rows_2021()),
        // The same rows under a site-wide 2015 are misfiled.
        fails(
            "framework-pair",
            Warning,
            rows_2021().site_toml("title = \"测试\"\n[check]\nframework = \"2015\"\n"),
        )
        .count(2)
        .help(&["level1: 产出指标, level2: 成本指标"]),
        // 2015-style 产出指标 › 成本指标 under a site-wide 2021.
        fails(
            "framework-pair",
            Warning,
            good().site_toml("title = \"测试\"\n[check]\nframework = \"2021\"\n"),
        )
        .at(3, "level2")
        .message(&["财预〔2021〕101号"])
        .help(&["level1: 成本指标, level2: 经济成本指标"]),
        fails(
            "framework-synonym",
            Info,
            good().set(4, row("效益指标", "社会效益", "政策知晓率提高", "≥85%")),
        )
        .at(4, "level2")
        .message(&["「社会效益指标」"]),
        // 环境效益 is 生态效益指标; the pair is then valid.
        fails(
            "framework-synonym",
            Info,
            good().set(4, row("效益指标", "环境效益", "绿化率", "≥40%")),
        )
        .at(4, "level2")
        .message(&["「生态效益指标」"])
        .quiet(&["framework-pair"]),
        fails("missing-output-or-benefit", Warning, good().remove(4))
            .field("indicators")
            .message(&["效益指标"]),
        // Points at the indicator list.
        fails("missing-satisfaction", Warning, good().remove(5)).line(FIRST_ROW_LINE),
        // ------------------------------------------------------ values
        fails("value-ocr", Warning, good().set(5, satisfaction("〉二90%")))
            .at(5, "value")
            .message(&["「≥90%」", "二 → ="])
            // Read correctly, the value passes the other rules.
            .quiet(&["satisfaction-floor"]),
        fails(
            "value-normalised",
            Info,
            good().set(5, satisfaction("＞＝９０％")),
        )
        .at(5, "value")
        .message(&["「≥90%」"]),
        fails("value-normalised", Info, good().set(5, satisfaction(">=90%"))).at(5, "value"),
        fails(
            "value-unreadable",
            Warning,
            good().set(1, row("产出指标", "质量指标", "宣传知晓率", "85%-90%")),
        )
        .at(1, "value"),
        // Compound values, Chinese numerals and deadlines are readable.
        passes(
            "value-unreadable",
            good()
                .set(0, row("产出指标", "数量指标", "宣传手册订制数", "三次"))
                .set(2, row("产出指标", "时效指标", "完成时间", "2023年12月底前"))
                .set(3, cost("陪护费补助标准", "40元/天，≤10000元/年")),
        ),
        fails(
            "qualitative-target",
            Warning,
            good().set(1, row("产出指标", "质量指标", "宣传知晓率", "提高")),
        )
        .at(1, "value")
        .message(&["提高"])
        .help(&["≥95%"]),
        fails("qualitative-target", Warning, good().set(5, satisfaction("满意"))).at(5, "value"),
        // A change with a number is measurable, and readable.
        passes(
            "qualitative-target",
            good().set(1, row("产出指标", "质量指标", "投诉数", "较上年减少10%")),
        )
        .quiet(&["value-unreadable"]),
        fails(
            "qualitative-benefit",
            Info,
            good().set(4, row("效益指标", "可持续影响指标", "事业稳定发展", "稳定")),
        )
        .at(4, "value")
        .quiet(&["qualitative-target"]),
        fails(
            "percent-range",
            Warning,
            good().set(2, row("产出指标", "时效指标", "宣传完成及时率", "1000%")),
        )
        .at(2, "value")
        .message(&["1000%"]),
        passes(
            "percent-range",
            good().set(2, row("产出指标", "时效指标", "宣传完成及时率", "0%")),
        ),
        fails(
            "satisfaction-floor",
            Warning,
            good().set(5, satisfaction("≥80%")),
        )
        .at(5, "value")
        .message(&["85%"]),
        // The floor is configurable, both ways.
        passes(
            "satisfaction-floor",
            good()
                .set(5, satisfaction("≥80%"))
                .site_toml("title = \"测试\"\n[check]\nsatisfaction_floor = 80\n"),
        ),
        fails(
            "satisfaction-floor",
            Warning,
            good().site_toml("title = \"测试\"\n[check]\nsatisfaction_floor = 95\n"),
        )
        .at(5, "value"),
        // ------------------------------------------------------- costs
        fails(
            "cost-unit",
            Warning,
            good().set(3, cost("宣传手册单册成本", "3000册")),
        )
        .at(3, "value")
        .help(&["元"]),
        // 社会成本 (2021) is not money and needs none.
        passes(
            "cost-unit",
            good().set(3, row("成本指标", "社会成本指标", "扬尘超标次数", "0次")),
        ),
        fails(
            "cost-exceeds-amount",
            Warning,
            good().set(3, cost("项目总成本", "2万元")),
        )
        .at(3, "value")
        .message(&["2万元"]),
        // 10000元 is exactly 1万元: not more.
        passes(
            "cost-exceeds-amount",
            good().set(3, cost("项目总成本", "10000元")),
        ),
        fails(
            "unit-costs-exceed-amount",
            Warning,
            good().set(3, cost("宣传手册单册成本", "4元/册")),
        )
        .at(3, "value")
        .message(&["3000册 × 4元/册 = 12000元 = 1.2万元"]),
        // Per person per year matches a count of 人; the year is dropped.
        fails(
            "unit-costs-exceed-amount",
            Warning,
            good()
                .set(0, row("产出指标", "数量指标", "购买意外伤害保险人数", "≥100人"))
                .set(3, cost("意外伤害保险标准", "150元/年/人")),
        )
        .at(3, "value")
        .message(&["≥100人 × 150元/年/人 = 15000元"]),
        // Per year only, or an ambiguous unit, is never guessed.
        passes(
            "unit-costs-exceed-amount",
            good()
                .set(0, row("产出指标", "数量指标", "乡镇个数", "7个"))
                .set(3, cost("每个乡经费标准", "20000元/年")),
        ),
        passes(
            "unit-costs-exceed-amount",
            good()
                .set(0, row("产出指标", "数量指标", "培训人数", "100人"))
                .insert(1, row("产出指标", "数量指标", "走访人数", "100人"))
                .set(4, cost("单人成本", "200元/人")),
        ),
        fails(
            "costs-reconcile",
            Info,
            good()
                .insert(1, row("产出指标", "数量指标", "宣传横幅订制数", "10条"))
                .insert(5, cost("宣传横幅单条成本", "100元/条")),
        )
        .at(4, "value")
        .message(&["3000册 × 3元/册 + 10条 × 100元/条 = 10000元 = 1万元"])
        .quiet(&["unit-costs-exceed-amount"]),
        // ------------------------------------------------- consistency
        fails(
            "year-mismatch",
            Warning,
            good().set(0, row("产出指标", "数量指标", "2021年宣传手册订制数", "3000册")),
        )
        .at(0, "name")
        .message(&["2021年"])
        .help(&["2023年"]),
        // The budget year itself, and years within a multi-year period.
        passes(
            "year-mismatch",
            good().set(2, row("产出指标", "时效指标", "完成时间", "2023年12月底前")),
        ),
        passes(
            "year-mismatch",
            good()
                .head("year: 2023\nname: 测试项目\namount: \"1.00\"\nperiod: 2023年—2025年\ngoals: [目标]\n")
                .set(2, row("产出指标", "时效指标", "完成时间", "2024年12月底前")),
        ),
        fails(
            "duplicate-indicator",
            Warning,
            good().push(satisfaction("≥95%")),
        )
        .at(6, "name")
        .message(&["indicator 6"]),
        fails(
            "duplicate-goal",
            Warning,
            good().head("year: 2023\nname: 测试项目\namount: \"1.00\"\ngoals: [加大宣传力度；, 订制手册, 加大宣传力度]\n\n"),
        )
        .field("goals[2]"),
        // ------------------------------------------------ plausibility
        // The fuller cases of these rules are in check_rules_v2.rs.
        fails(
            "framework-mixed",
            Warning,
            good().push(row(
                "效益指标",
                "社会公众或服务对象满意度指标",
                "群众满意度",
                "≥90%",
            )),
        )
        .message(&["财预〔2015〕88号"]),
        fails("amount-unit", Warning, good().with("amount", "\"1256000\""))
            .field("amount")
            .help(&["amount_unit: 元"]),
        passes(
            "amount-unit",
            good().head("year: 2023\nname: 测试项目\namount_unit: 元\namount: \"1256000\"\ngoals: [目标]\n"),
        ),
        fails(
            "period-year",
            Warning,
            good().head("year: 2023\nname: 测试项目\nperiod: 2024年1月—12月\namount: \"1.00\"\ngoals: [目标]\n"),
        )
        .field("period")
        .message(&["2024"]),
        fails(
            "value-stray-unit",
            Warning,
            good().set(1, row("产出指标", "质量指标", "宣传知晓率", "≥95%%")),
        )
        .at(1, "value"),
        fails(
            "satisfaction-percent",
            Warning,
            good().set(
                5,
                row("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90"),
            ),
        )
        .at(5, "value")
        .help(&["≥90%"]),
        fails(
            "personal-data",
            Warning,
            good().set(
                0,
                "  - {level1: 产出指标, level2: 数量指标, name: 宣传手册订制数, value: \"3000册\", note: 填表人电话13812345678}\n"
                    .to_owned(),
            ),
        )
        .at(0, "note")
        .message(&["138****5678"]),
        // ----------------------------------------------- site level
        fails(
            "unknown-parent",
            Warning,
            good().department("code: \"100001\"\nname: 测试单位\nparent: \"999999\"\n"),
        )
        .file(DEPARTMENT)
        .field("parent")
        .message(&["999999"]),
    ];
    cases.extend(review_and_duplicates::cases());
    cases.extend(formula_like::cases());
    cases.extend(revision_basis::cases());
    cases.extend(evaluation::cases());
    cases
}

#[test]
fn check_clean_project_has_no_findings() {
    let site = good().site();
    assert_eq!(findings(&site), Vec::<Diagnostic>::new());
}

#[test]
fn check_rule_table() {
    let mut failures = Vec::new();
    for (i, case) in cases().iter().enumerate() {
        let found = findings(&case.input.site());
        if let Err(problem) = case.verify(&found) {
            let kind = if case.finding.is_some() {
                "fails"
            } else {
                "passes"
            };
            failures.push(format!(
                "case {i} ({kind} {}): {problem}; got {found:#?}",
                case.rule
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn check_every_rule_has_a_failing_case() {
    let cases = cases();
    for rule in gongkai::check::rules::ALL {
        assert!(
            cases
                .iter()
                .any(|c| c.rule == rule.id && c.finding.is_some()),
            "no failing case for {}",
            rule.id
        );
    }
}

#[test]
fn check_errors_stop_the_pipeline_and_infos_do_not() {
    // A file that contradicts itself is an error and stops the build; a
    // judgement of the source table (1000%) is a warning and does not.
    let negative = good().with("amount", "\"-1.00\"");
    assert!(!check_root(negative.site().root()).1);
    let percent = good().set(2, row("产出指标", "时效指标", "宣传完成及时率", "1000%"));
    assert!(check_root(percent.site().root()).1);
    let infos = good().set(4, row("效益指标", "社会效益", "政策知晓率提高", "提高"));
    let (found, ok) = check_root(infos.site().root());
    assert!(ok);
    assert!(!found.is_empty() && found.iter().all(|d| d.severity == Severity::Info));
}

// ------------------------------------------------------- the example site

const KANGFU: &str = "content/504001/kangfu-gongzuo-jingfei.yaml";
const JIUYE: &str = "content/504001/jiuye-baozhangjin.yaml";

/// (rule, severity, file, line) of every finding.
fn summary(found: &[Diagnostic]) -> Vec<(String, Severity, String, usize)> {
    found
        .iter()
        .map(|d| {
            (
                d.rule.clone(),
                d.severity,
                d.file.to_string_lossy().replace('\\', "/"),
                d.location.map_or(0, |l| l.line),
            )
        })
        .collect()
}

fn count(found: &[(String, Severity, String, usize)], rule: &str) -> usize {
    found.iter().filter(|f| f.0 == rule).count()
}

#[test]
fn check_example_site_matches_the_seed() {
    let (found, ok) = check_root(&crate::common::repo_root());
    let found = summary(&found);

    // No errors: the faithful transcription builds.
    assert!(ok);
    assert!(found.iter().all(|f| f.1 != Severity::Error), "{found:#?}");

    // The seven cells the published tables left empty.
    let mut missing: Vec<(String, usize)> = found
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
    let expected: Vec<(String, usize)> =
        expected.iter().map(|(f, l)| (f.to_string(), *l)).collect();
    assert_eq!(missing, expected);

    // 提高, 保障, 健全, 发展 … under 效益指标 are allowed: notes, not warnings.
    assert_eq!(count(&found, "qualitative-benefit"), 17, "{found:#?}");
    assert!(
        found
            .iter()
            .filter(|f| f.0 == "qualitative-benefit")
            .all(|f| f.1 == Severity::Info)
    );
    assert_eq!(count(&found, "qualitative-target"), 0, "{found:#?}");

    // 发放2021年… in the 2023 就业保障金 table.
    let years: Vec<_> = found.iter().filter(|f| f.0 == "year-mismatch").collect();
    assert_eq!(
        years,
        [&("year-mismatch".into(), Severity::Warning, JIUYE.into(), 53)]
    );

    // 3000册 × 3元 + 10条 × 100元 = 1万元, exactly the amount.
    let reconciled: Vec<_> = found.iter().filter(|f| f.0 == "costs-reconcile").collect();
    assert_eq!(
        reconciled,
        [&("costs-reconcile".into(), Severity::Info, KANGFU.into(), 41)]
    );

    // 社会效益 is written for 社会效益指标 in every table.
    assert_eq!(count(&found, "framework-synonym"), 15, "{found:#?}");
    assert!(
        found
            .iter()
            .filter(|f| f.0 == "framework-synonym")
            .all(|f| f.1 == Severity::Info)
    );

    // The footer's three （示例） filing numbers, as placeholders.
    assert_eq!(count(&found, "footer-placeholder"), 3, "{found:#?}");

    // Nothing else.
    let expected_total = 7 + 17 + 1 + 1 + 15 + 3;
    assert_eq!(found.len(), expected_total, "{found:#?}");
}

// ---------------------------------------------- the binary, end to end

#[test]
fn check_json_snapshot_of_the_example_site() {
    let site = TestSite::example();
    let output = site.cmd(&["check", "--format", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let report: Json = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["version"], 1);
    insta::assert_snapshot!(
        "example_site_json",
        String::from_utf8(output.stdout).unwrap()
    );
}

#[test]
fn check_deny_warnings_exit_code() {
    // `check` without it exits 0 on the example site: see the snapshot.
    let site = TestSite::example();
    assert_eq!(
        site.cmd(&["check", "--deny-warnings"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(1)
    );
    // Infos alone never fail a check.
    let site = good()
        .set(4, row("效益指标", "社会效益", "政策知晓率提高", "提高"))
        .site();
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
            .map(|f| f.1)
            .collect::<Vec<_>>(),
        [Severity::Error]
    );
    assert_eq!(
        site.cmd(&["check"]).output().unwrap().status.code(),
        Some(1)
    );
    // An error now, so the build stops, naming the file, line and rule.
    let stderr = site.build_fails();
    assert!(stderr.contains("year-mismatch"), "{stderr}");
    assert!(stderr.contains(&format!("{JIUYE}:53:")), "{stderr}");
}

#[test]
fn check_list_rules_names_every_rule() {
    let site = TestSite::empty();
    let output = site.cmd(&["check", "--list-rules"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    for rule in gongkai::check::rules::ALL {
        assert!(
            stdout.contains(rule.id),
            "{} missing from:\n{stdout}",
            rule.id
        );
    }
    // The ids are a public interface: these must never disappear.
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
        "framework-mixed",
        "amount-unit",
        "period-year",
        "value-stray-unit",
        "satisfaction-percent",
        "personal-data",
        "formula-like-text",
        "missing-conflict",
    ] {
        assert!(stdout.contains(id), "{id} missing from:\n{stdout}");
    }
}
