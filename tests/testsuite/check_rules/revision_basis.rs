//! The rows of the rule table for `revision-basis` (issue 25): a 调整
//! revision names its basis; a 勘误, or a revision of no stated kind, need
//! not.

use gongkai::diagnostics::Severity::Warning;

use super::harness::{Case, fails, good, passes};

const RULE: &str = "revision-basis";

pub(super) fn cases() -> Vec<Case> {
    let with = |revisions: &str| {
        good().head(&format!(
            "year: 2023\nname: 测试项目\namount: \"1.00\"\ngoals: [目标]\nrevisions: {revisions}\n"
        ))
    };
    vec![
        fails(
            RULE,
            Warning,
            with("[{date: \"2024-05-01\", note: 追加预算, kind: 调整}]"),
        )
        .field("revisions[0]")
        .message(&["2024-05-01"]),
        fails(
            RULE,
            Warning,
            with("[{date: \"2024-05-01\", note: 追加预算, kind: 调整, basis: \"\"}]"),
        )
        .field("revisions[0].basis"),
        passes(
            RULE,
            with("[{date: \"2024-05-01\", note: 追加预算, kind: 调整, basis: 财预〔2024〕1号}]"),
        ),
        passes(
            RULE,
            with("[{date: \"2024-05-01\", note: 更正错字, kind: 勘误}]"),
        ),
    ]
}
