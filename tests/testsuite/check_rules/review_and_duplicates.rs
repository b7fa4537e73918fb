//! The rows of the rule table for issue 21's two rules: `review-pending`
//! (a `# 待核对` comment that import left is still in a file) and
//! `project-duplicate` (two project files with one identity).

use gongkai::diagnostics::Severity::{Error, Warning};

use super::harness::{Case, DEPARTMENT, FIRST_ROW_LINE, fails, good, passes};

/// A second project file, before the case's own file in path order.
const OTHER: &str = "content/100001/a-copy.yaml";

pub(super) fn cases() -> Vec<Case> {
    // The clean project with a head of five lines, as the table needs.
    let head = |lines: &str| good().head(lines);
    let coded =
        || head("year: 2023\nname: 测试项目\ncode: \"X-001\"\namount: \"1.00\"\ngoals: [目标]\n");
    vec![
        // ------------------------------------------------ review flags
        fails(
            "review-pending",
            Warning,
            good().insert(1, "  # 待核对：OCR 错位（三级指标移入一级指标列）\n".to_owned()),
        )
        .line(FIRST_ROW_LINE + 1)
        .message(&["OCR 错位（三级指标移入一级指标列）"])
        .help(&["# 待核对"]),
        // Every one counts, trailing ones and bare markers included.
        fails(
            "review-pending",
            Warning,
            head("year: 2023 # 待核对：年度由 --year 给出\nname: 测试项目\n# 待核对\namount: \"1.00\"\ngoals: [目标]\n"),
        )
        .count(2)
        .line(1)
        .message(&["年度由 --year 给出"]),
        fails(
            "review-pending",
            Warning,
            good().department("code: \"100001\"\n# 待核对：来源未写明单位名称\nname: 测试单位\n"),
        )
        .file(DEPARTMENT)
        .line(2)
        .message(&["来源未写明单位名称"]),
        // Import's header names the marker without being a flag, and a
        // `#` in a quoted or block scalar is text, not a comment.
        passes(
            "review-pending",
            head("# 由 gongkai import 生成：请对照原件核对，核对后删去“待核对”注释。\nyear: 2023\nname: \"测试项目 # 待核对：不是注释\"\namount: \"1.00\"\ngoals: [目标]\n"),
        ),
        passes(
            "review-pending",
            head("year: 2023\nname: 测试项目\namount: \"1.00\"\nnotes: |\n  # 待核对：备注的正文\ngoals: [目标]\n"),
        ),
        // --------------------------------------------- duplicate files
        // Reported on the later file, at its `name:`, naming the other.
        fails(
            "project-duplicate",
            Error,
            good().also(OTHER, &good().text()),
        )
        .field("name")
        .line(2)
        .message(&[OTHER, "2023"]),
        fails(
            "project-duplicate",
            Error,
            coded().also(OTHER, &coded().text().replace("测试项目", "另一个名称")),
        )
        .field("code")
        .line(3)
        .message(&[OTHER, "X-001"]),
        // Another year, or other codes, are other projects.
        passes(
            "project-duplicate",
            good().also(OTHER, &good().text().replace("year: 2023", "year: 2024")),
        ),
        passes(
            "project-duplicate",
            coded().also(OTHER, &coded().text().replace("X-001", "X-002")),
        ),
        // Switched off like any rule.
        passes(
            "project-duplicate",
            good()
                .also(OTHER, &good().text())
                .site_toml("title = \"测试\"\n[check.rules]\nproject-duplicate = \"off\"\n"),
        ),
    ]
}
