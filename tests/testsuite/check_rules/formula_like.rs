//! The rows of the rule table for `formula-like-text` (issue 23): source
//! text that a spreadsheet would run as a formula is a warning, wherever
//! it is published; a comparator before a figure (`=100%`), a signed
//! number and a dash before Chinese words are ordinary table text.

use gongkai::diagnostics::Severity::Warning;

use super::harness::{Case, fails, good, passes, row};

const RULE: &str = "formula-like-text";

pub(super) fn cases() -> Vec<Case> {
    let head = |lines: &str| good().head(lines);
    vec![
        fails(
            RULE,
            Warning,
            good().with("name", "\"=HYPERLINK(\\\"http://example.com\\\",\\\"点击\\\")\""),
        )
        .field("name")
        .line(2)
        .message(&["=HYPERLINK("])
        .help(&["'", "=100%"]),
        fails(
            RULE,
            Warning,
            head("year: 2023\nname: 测试项目\namount: \"1.00\"\ngoals:\n  - \"+cmd|' /C calc'!A0\"\n"),
        )
        .field("goals[0]")
        .line(5),
        fails(
            RULE,
            Warning,
            good().set(
                0,
                "  - {level1: 产出指标, level2: 数量指标, name: 宣传手册订制数, value: \"3000册\", note: \"@SUM(A1:A9)\"}\n"
                    .to_owned(),
            ),
        )
        .at(0, "note"),
        fails(
            RULE,
            Warning,
            head("year: 2023\nname: 测试项目\namount: \"1.00\"\ndetails: {项目概况: \"-x\"}\ngoals: [目标]\n"),
        )
        .field("details.项目概况"),
        fails(
            RULE,
            Warning,
            good().set(1, row("产出指标", "质量指标", "=cmd()", "≥85%")),
        )
        .at(1, "name"),
        // Values real tables print: a comparator before a figure, signed
        // numbers, a dash before words.
        passes(
            RULE,
            good().set(2, row("产出指标", "时效指标", "宣传完成及时率", "=100%")),
        ),
        passes(
            RULE,
            good().set(2, row("产出指标", "时效指标", "宣传完成及时率", "= 100%")),
        ),
        passes(
            RULE,
            good().set(4, row("效益指标", "社会效益指标", "成本变化", "-5%")),
        ),
        passes(
            RULE,
            head("year: 2023\nname: 测试项目\namount: \"1.00\"\ngoals:\n  - \"-提高残疾人康复服务质量\"\n"),
        ),
    ]
}
