//! The 自评表 sheet of a project's workbook: its 绩效自评 in the layout of
//! the 项目支出绩效自评表 (财预〔2020〕10号 annex), the form a finance
//! office fills in and prints.
//!
//! The sheet is also a way back in: `gongkai import` reads 自评表 forms,
//! so every label is the standard one, each in a fixed cell, and every
//! figure is a text cell exactly as the evaluation file writes it (`9.85`
//! stays `9.85`, `10.0` stays `10.0`; a numeric cell would lose the
//! written decimals). Three cells hold what the form always shows but
//! the file may leave out, filled as the pages show them: 年度指标值 from
//! the target table when the 自评表 does not repeat it, 执行率 (computed by
//! [`crate::indicator::results`], never typed) and, when not written,
//! 总分 and 评价等级 as computed. The layout, 0-based rows, columns A–H:
//!
//! ```text
//! 0   A:H  项目支出绩效自评表
//! 1   A:H  （2023年度）
//! 2   A 项目名称 | B:H name
//! 3   A 主管部门及代码 | B:D department（code） | E 实施单位 | F:H implementer
//! 4-5 A 项目资金（万元） (merged over both rows)
//! 4   B (blank) | C 年初预算数 | D 全年预算数 | E 全年执行数 | F 分值 | G 执行率 | H 得分
//! 5   B 年度资金总额 | C-H the figures (执行率 as 105.00%)
//! …   A 预算执行说明 | B:H note                    (only with budget.note)
//! n   A 年度总体目标 (merged over n, n+1) | B:E 预期目标 | F:H 实际完成情况
//! n+1 B:E objective | F:H outcome
//! m   A 一级指标 | B 二级指标 | C 三级指标 | D 年度指标值 | E 实际完成值 | F 分值 | G 得分 | H 偏差原因分析及改进措施
//! …   one row per row of the 自评表, in its order; A and B merged over runs
//! t   A:E 总分 | F sum of 分值 | G 总分 as written (blank when unstated)
//! …   A:E 评价等级 | F:H grade as written          (only with a grade)
//! …   A 备注 | B:H notes                            (only with notes)
//! ```

use std::sync::Arc;

use crate::indicator::results::{Assessment, rate_text};
use crate::model::{Department, Evaluation, IndicatorResult, Missing, Project, Site};

use super::grid::Grid;
use super::ooxml::Style;

/// The sheet's name in the project's workbook.
pub(crate) const SHEET: &str = "自评表";

/// The sheet's last column, H.
const LAST: u16 = 7;

/// The form's title, in its first row.
pub(crate) const TITLE: &str = "项目支出绩效自评表";

/// The headings of the indicator table, columns A to H.
pub(crate) const INDICATOR_HEADINGS: [&str; 8] = [
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
];

/// The headings of the budget block, columns C to H.
pub(crate) const BUDGET_HEADINGS: [&str; 6] = [
    "年初预算数",
    "全年预算数",
    "全年执行数",
    "分值",
    "执行率",
    "得分",
];

/// The 自评表 of `project` as a grid, with its column widths.
pub(crate) fn sheet(
    site: &Site,
    project: &Project,
    department: &Department,
    evaluation: &Evaluation,
) -> (Grid, Vec<f64>) {
    let assessment = Assessment::of(project);
    let mut grid = Grid::default();
    let mut row: u32 = 0;
    grid.merge((row, 0), (row, LAST), TITLE, Style::TITLE);
    row += 1;
    let year = format!("（{}年度）", evaluation.year);
    grid.merge((row, 0), (row, LAST), &year, Style::TITLE);
    row += 1;

    // A text in a merged range, or the range's borders only.
    let span = |grid: &mut Grid, row: u32, cols: (u16, u16), text: Option<&str>| {
        grid.merge(
            (row, cols.0),
            (row, cols.1),
            text.unwrap_or(""),
            Style::GRID,
        );
        if text.is_none() {
            grid.maybe(row, cols.0, None, Style::GRID);
        }
    };
    grid.text(row, 0, "项目名称", Style::LABEL);
    let name = evaluation.name.as_deref().unwrap_or(&project.name);
    span(&mut grid, row, (1, LAST), Some(name));
    row += 1;
    // Named with its code, as the target table's sheet beside it does, so
    // that `gongkai import` files the 自评表 under the same department.
    grid.text(row, 0, "主管部门及代码", Style::LABEL);
    let unit = format!("{}（{}）", department.name, department.code);
    span(&mut grid, row, (1, 3), Some(&unit));
    grid.text(row, 4, "实施单位", Style::LABEL);
    span(&mut grid, row, (5, LAST), project.implementer.as_deref());
    row += 1;

    // The budget block: figures as written, in the 自评表's own unit.
    let unit = evaluation.unit(project.unit(site.config.amount_unit));
    let label = format!("项目资金（{unit}）");
    grid.merge((row, 0), (row + 1, 0), &label, Style::LABEL);
    grid.maybe(row, 1, None, Style::LABEL);
    for (i, heading) in BUDGET_HEADINGS.iter().enumerate() {
        grid.text(row, 2 + i as u16, *heading, Style::LABEL);
    }
    row += 1;
    grid.text(row, 1, "年度资金总额", Style::LABEL);
    let budget = &evaluation.budget;
    let rate = assessment
        .as_ref()
        .and_then(|a| a.execution_rate)
        .map(rate_text);
    let figures = [
        budget.initial.map(|a| a.to_string()),
        budget.full_year.map(|a| a.to_string()),
        budget.executed.map(|a| a.to_string()),
        budget.weight.map(|w| w.to_string()),
        rate,
        budget.score.map(|w| w.to_string()),
    ];
    for (i, figure) in figures.into_iter().enumerate() {
        grid.maybe(row, 2 + i as u16, figure, Style::GRID);
    }
    row += 1;
    if let Some(note) = &budget.note {
        grid.text(row, 0, "预算执行说明", Style::LABEL);
        span(&mut grid, row, (1, LAST), Some(note.trim_end()));
        row += 1;
    }

    // 年度总体目标: what was planned beside what was done.
    grid.merge((row, 0), (row + 1, 0), "年度总体目标", Style::LABEL);
    grid.merge((row, 1), (row, 4), "预期目标", Style::LABEL);
    grid.merge((row, 5), (row, LAST), "实际完成情况", Style::LABEL);
    row += 1;
    let objective = evaluation.objective.as_deref().map(str::trim_end);
    let outcome = evaluation.outcome.as_deref().map(str::trim_end);
    span(&mut grid, row, (1, 4), objective);
    span(&mut grid, row, (5, LAST), outcome);
    row += 1;

    for (col, heading) in INDICATOR_HEADINGS.iter().enumerate() {
        grid.text(row, col as u16, *heading, Style::LABEL);
    }
    row += 1;
    let rows = &evaluation.indicators;
    merge_levels(&mut grid, row, rows);
    for (i, r) in rows.iter().enumerate() {
        let at = row + i as u32;
        grid.text(at, 2, r.name.as_str(), Style::GRID);
        let target = r
            .target
            .clone()
            .or_else(|| target_value(project, assessment.as_ref(), i));
        grid.maybe(at, 3, target, Style::GRID);
        let actual = match (&r.actual, r.missing_reason()) {
            (Some(a), _) => a.clone(),
            (None, Some(Missing::Unreadable)) => "原件无法辨认".to_owned(),
            (None, _) => "未填报".to_owned(),
        };
        grid.text(at, 4, actual, Style::GRID);
        grid.maybe(at, 5, r.weight.map(|w| w.to_string()), Style::GRID);
        grid.maybe(at, 6, r.score.map(|w| w.to_string()), Style::GRID);
        grid.maybe(at, 7, r.deviation.clone(), Style::GRID);
    }
    row += rows.len() as u32;

    grid.merge((row, 0), (row, 4), "总分", Style::LABEL);
    let weights = assessment.as_ref().and_then(|a| a.weight_sum);
    grid.maybe(row, 5, weights.map(|w| w.to_string()), Style::GRID);
    // The 总分 and 等级 as the form states them, never worked out: a sheet
    // in the official layout reads as the filed form, and importing it
    // back must not turn a computed total into a stated one.
    let total = evaluation.total_score.map(|w| w.to_string());
    grid.maybe(row, 6, total, Style::GRID);
    grid.maybe(row, 7, None, Style::GRID);
    row += 1;
    if let Some(grade) = &evaluation.grade {
        grid.merge((row, 0), (row, 4), "评价等级", Style::LABEL);
        span(&mut grid, row, (5, LAST), Some(grade));
        row += 1;
    }
    if let Some(notes) = &evaluation.notes {
        grid.text(row, 0, "备注", Style::LABEL);
        span(&mut grid, row, (1, LAST), Some(notes.trim_end()));
    }
    let widths = vec![14.0, 16.0, 24.0, 16.0, 16.0, 10.0, 10.0, 32.0];
    (grid, widths)
}

/// The target table's 指标值 of the target row the 自评表's row `result`
/// was paired with, for a 自评表 that does not repeat it.
fn target_value(
    project: &Project,
    assessment: Option<&Assessment>,
    result: usize,
) -> Option<String> {
    let pair = assessment?
        .pairs
        .iter()
        .find(|p| p.result == Some(result))?;
    project.indicators.get(pair.target?)?.value.clone()
}

/// 一级 and 二级 in columns A and B from `first`, each merged over its run
/// of equal names, as on the printed form.
fn merge_levels(grid: &mut Grid, first: u32, rows: &[IndicatorResult]) {
    type Level = fn(&IndicatorResult) -> &Arc<str>;
    let levels: [(u16, Level); 2] = [(0, |r| &r.level1), (1, |r| &r.level2)];
    for (col, level) in levels {
        let mut start = 0;
        while start < rows.len() {
            // 二级 runs never cross a change of 一级.
            let same = |r: &IndicatorResult| {
                r.level1 == rows[start].level1 && (col == 0 || level(r) == level(&rows[start]))
            };
            let len = rows[start..].iter().take_while(|r| same(r)).count();
            let (a, b) = (first + start as u32, first + (start + len) as u32 - 1);
            grid.merge((a, col), (b, col), level(&rows[start]), Style::GRID);
            start += len;
        }
    }
}
