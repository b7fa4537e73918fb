//! Typing slips of a Chinese input method (issue 15): each is reported by
//! `gongkai check` at the slip's own line and column, naming the character,
//! with the fix. The site is a zh-CN site, so the words are Chinese; the
//! tests assert the rule id, the location and the named character.

use serde_json::Value;

use crate::common::TestSite;

/// A site with one project whose file is `yaml`; returns the findings
/// about that file from `check --format json`.
fn findings(yaml: &str) -> Vec<Value> {
    let site = TestSite::empty();
    site.department("504001", "测试单位");
    site.write("content/504001/p.yaml", yaml);
    let output = site
        .cmd_in_site_language(&["check", "--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == "content/504001/p.yaml")
        .cloned()
        .collect()
}

/// The one error about the file: its rule, line, column, message and help.
fn the_error(yaml: &str) -> (String, u64, u64, String, String) {
    let found = findings(yaml);
    let errors: Vec<&Value> = found.iter().filter(|d| d["severity"] == "error").collect();
    assert_eq!(errors.len(), 1, "{found:#?}");
    let d = errors[0];
    (
        d["rule"].as_str().unwrap().to_owned(),
        d["line"].as_u64().unwrap(),
        d["column"].as_u64().unwrap(),
        d["message"].as_str().unwrap().to_owned(),
        d["help"].as_str().unwrap_or_default().to_owned(),
    )
}

const REST: &str = "goals:\n  - 目标\nindicators:\n  - {level1: 产出指标, level2: 数量指标, name: 数量, value: 3次}\n";

#[test]
fn full_width_colon_is_named_at_its_column() {
    let yaml = format!("year: 2023\nname： 测试\namount: \"1.00\"\n{REST}");
    let (rule, line, column, message, help) = the_error(&yaml);
    assert_eq!((rule.as_str(), line, column), ("ime-slip", 2, 5));
    assert!(
        message.contains('：') && message.contains("U+FF1A"),
        "{message}"
    );
    assert!(help.contains("name: 测试"), "{help}");
}

#[test]
fn full_width_space_indentation_is_named() {
    let yaml = "year: 2023\nname: 测试\namount: \"1.00\"\ngoals:\n　- 目标\nindicators:\n  - {level1: 产出指标, level2: 数量指标, name: 数量, value: 3次}\n";
    let (rule, line, column, message, _) = the_error(yaml);
    assert_eq!((rule.as_str(), line, column), ("ime-slip", 5, 1));
    assert!(message.contains("U+3000"), "{message}");
}

#[test]
fn tab_indentation_is_named() {
    let yaml = "year: 2023\nname: 测试\namount: \"1.00\"\ngoals:\n  - 目标\nindicators:\n  - level1: 产出指标\n\tlevel2: 数量指标\n    name: 数量\n    value: 3次\n";
    let (rule, line, column, message, help) = the_error(yaml);
    assert_eq!((rule.as_str(), line, column), ("ime-slip", 8, 1));
    assert!(message.contains("Tab"), "{message}");
    assert!(help.contains("  level2: 数量指标"), "{help}");
}

#[test]
fn full_width_percent_in_a_number_is_named() {
    let yaml = "year: 2023\nname: 测试\namount: \"1.00\"\ngoals:\n  - 目标\nindicators:\n  - level1: 产出指标\n    level2: 数量指标\n    name: 数量\n    value: 3次\n    weight: 10％\n";
    let (rule, line, column, message, help) = the_error(yaml);
    assert_eq!((rule.as_str(), line, column), ("ime-slip", 11, 15));
    assert!(message.contains('％'), "{message}");
    assert!(help.contains("weight: 10%"), "{help}");
}

#[test]
fn full_width_digits_in_an_amount_are_named() {
    let yaml = format!("year: 2023\nname: 测试\namount: \"１２.50\"\n{REST}");
    let (rule, line, column, message, help) = the_error(&yaml);
    assert_eq!((rule.as_str(), line, column), ("ime-slip", 3, 10));
    assert!(message.contains('１'), "{message}");
    assert!(help.contains("\"12.50\""), "{help}");
}

#[test]
fn year_with_nian_says_to_write_the_digits() {
    let yaml = format!("year: \"2024年\"\nname: 测试\namount: \"1.00\"\n{REST}");
    let (rule, line, column, message, help) = the_error(&yaml);
    assert_eq!((rule.as_str(), line, column), ("ime-slip", 1, 12));
    assert!(
        message.contains('年') && message.contains("year"),
        "{message}"
    );
    assert!(help.contains("year: 2024"), "{help}");
}

#[test]
fn wan_yuan_in_an_amount_points_to_amount_unit() {
    let yaml = format!("year: 2023\nname: 测试\namount: \"125.60万元\"\n{REST}");
    let (rule, line, column, message, help) = the_error(&yaml);
    assert_eq!((rule.as_str(), line, column), ("ime-slip", 3, 16));
    assert!(message.contains("万元"), "{message}");
    assert!(
        help.contains("amount_unit") && help.contains("amount: \"125.60\""),
        "{help}"
    );
}

#[test]
fn yuan_in_an_amount_points_to_amount_unit() {
    let yaml = format!("year: 2023\nname: 测试\namount: 3000元\n{REST}");
    let (rule, line, column, message, help) = the_error(&yaml);
    assert_eq!((rule.as_str(), line, column), ("ime-slip", 3, 13));
    assert!(message.contains('元'), "{message}");
    assert!(help.contains("amount_unit: 元"), "{help}");
}

#[test]
fn duplicated_key_points_at_the_second_occurrence() {
    let yaml = format!("year: 2023\nname: 测试\namount: \"1.00\"\nname: 又一个\n{REST}");
    let (rule, line, column, message, _) = the_error(&yaml);
    assert_eq!((rule.as_str(), line, column), ("duplicate-key", 4, 1));
    assert!(
        message.contains("`name`") && message.contains('2'),
        "{message}"
    );
}

#[test]
fn a_quoted_year_is_accepted() {
    let yaml = format!("year: \"2023\"\nname: 测试\namount: \"1.00\"\n{REST}");
    let found = findings(&yaml);
    assert!(found.iter().all(|d| d["severity"] != "error"), "{found:#?}");
}

#[test]
fn every_missing_field_is_reported_at_once() {
    let yaml = "name: 测试\nindicators:\n  - {level1: 产出指标, level2: 数量指标, name: a}\n";
    let (rule, _, _, message, _) = the_error(yaml);
    assert_eq!(rule, "schema");
    for field in ["`year`", "`amount`", "`goals`", "`indicators[0].value`"] {
        assert!(message.contains(field), "{field}: {message}");
    }
}

/// The English catalogue names the same character, for `--lang en`.
#[test]
fn english_names_the_character_too() {
    let site = TestSite::empty();
    site.department("504001", "测试单位");
    site.write(
        "content/504001/p.yaml",
        format!("year: 2023\nname： 测试\namount: \"1.00\"\n{REST}"),
    );
    let output = site
        .cmd_in_site_language(&["check", "--lang", "en"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("full-width colon"), "{text}");
    assert!(text.contains("p.yaml:2:5"), "{text}");
}
