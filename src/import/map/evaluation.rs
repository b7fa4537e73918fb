//! The 项目支出绩效自评表 (财预〔2020〕10号 annex and the provincial
//! variants): recognised by its 实际完成值 column, read as a form (one
//! table per project, several may be stacked on a sheet) or, when the
//! indicator header also names 项目名称, as a list ([`super::evaluation_list`]).
//!
//! A form has a title with the year; 项目名称, 主管部门, 实施单位; a budget
//! block whose header row names 年初预算数 / 全年预算数 / 全年执行数 / 分值 /
//! 执行率 / 得分 and whose 年度资金总额 row gives the figures (its 其中
//! rows are kept in `notes`, never dropped); 预期目标 and 实际完成情况 over
//! their texts; the indicator table ([`super::evaluation_rows`]); then 总分,
//! 评价等级 and the 评价结论 lines. Labels gongkai has no field for (负责人及
//! 电话, 项目类别) go to the file's header comment, so nothing is lost.

use super::evaluation_budget::{BudgetCols, TOTAL, money, money_row};
use super::evaluation_rows::{Levels, Read, ResultColumns, read_row};
use super::labels::{Field, distinct, field_of, is_footer, is_label, label_text};
use super::{Problem, split_unit, unit_note, year_in};
use crate::import::amount::Unit;
use crate::import::draft::Draft;
use crate::import::evaluation::EvalDraft;
use crate::import::table::{Cell, Table, label_key};

/// The rows whose header makes `table` a 自评表, or `None`.
fn headers(table: &Table) -> Vec<(usize, ResultColumns)> {
    (0..table.rows.len())
        .filter_map(|r| ResultColumns::find(table, r).map(|c| (r, c)))
        .collect()
}

/// Reads every 自评表 in `table`, or `None` when it is not one.
pub(crate) fn map(table: &Table, ocr: bool) -> Result<Option<Vec<Draft>>, Problem> {
    let found = headers(table);
    let Some((first, cols)) = found.first() else {
        return Ok(None);
    };
    if table.rows[*first]
        .iter()
        .any(|c| field_of(&label_key(&c.text)) == Some(Field::Name))
    {
        return super::evaluation_list::map(table, *first, cols, ocr).map(Some);
    }
    let starts: Vec<usize> = (0..table.rows.len())
        .filter(|&r| {
            table.rows[r]
                .iter()
                .any(|c| eval_field(&label_key(&c.text)) == Some(Field::Name))
        })
        .collect();
    let starts = if starts.is_empty() { vec![0] } else { starts };
    let mut drafts: Vec<Draft> = Vec::new();
    let mut head = 0;
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(table.rows.len());
        let (mut draft, body_end) = form(table, head, start, end, ocr)?;
        if draft.year.is_none()
            && let Some(year) = drafts.first().and_then(|d| d.year)
        {
            draft.year = Some(year);
            draft
                .flags
                .push(crate::t!("flag-year-from-first-form", year = year));
        }
        drafts.push(draft);
        head = body_end;
    }
    Ok(Some(drafts))
}

/// The field a 自评表 label fills: the target table's labels, and the
/// names 专项资金 forms print.
pub(crate) fn eval_field(key: &str) -> Option<Field> {
    match key {
        "专项资金名称" | "转移支付名称" | "转移支付(项目)名称" => {
            Some(Field::Name)
        }
        "县级主管部门" | "地方主管部门" | "中央主管部门" => {
            Some(Field::Department)
        }
        "承担单位" | "项目承担单位" | "实施单位(盖章)" => Some(Field::Implementer),
        k => field_of(k),
    }
}

/// `51000021R000000019951-工资性支出`: the 项目编码 a 一体化 export writes
/// before the name, and the name. The file keeps the name as written;
/// the code and the bare name find the target table.
pub(crate) fn split_code(name: &str) -> (Option<&str>, &str) {
    let t = name.trim();
    let end = t
        .char_indices()
        .find(|(_, c)| !c.is_ascii_alphanumeric())
        .map_or(t.len(), |(i, _)| i);
    let (code, rest) = t.split_at(end);
    match rest.strip_prefix(['-', '－', '_']) {
        Some(rest) if code.len() >= 10 && code.chars().any(|c| c.is_ascii_digit()) => {
            (Some(code), rest.trim())
        }
        _ => (None, t),
    }
}

/// Labels of the lines after the indicator table kept in `notes`.
const NOTE_LABELS: &[&str] = &[
    "评价结论",
    "自评结论",
    "存在问题",
    "改进措施",
    "说明",
    "备注",
    "问题及改进措施",
    "偏差大或目标未完成原因分析",
    "改进措施及结果应用方案",
];
const GRADE: &[&str] = &["评价等级", "自评等级", "等级", "自评结果"];
/// Labels of a line beside the budget block that explains the execution
/// (why it ran above the budget or fell short): the evaluation's
/// `budget.note`, which `check` looks for beside a rate above 100%.
const BUDGET_NOTE: &[&str] = &[
    "预算执行说明",
    "预算执行情况说明",
    "执行情况说明",
    "执行说明",
    "执行率偏差说明",
    "资金执行说明",
];
const TOTAL_SCORE: &[&str] = &["总分", "合计", "总计", "自评总分", "综合得分"];

/// What the head of a form is being read for.
#[derive(Default)]
struct Head {
    budget: Option<BudgetCols>,
    /// The budget figures were read from a 年度资金总额 row.
    total_read: bool,
    /// The row of labels 预期目标 | 实际完成情况, with their columns.
    goals: Option<(usize, Option<usize>, Option<usize>)>,
}

/// Reads one form: title rows `head..start`, the form from `start` to
/// `end`. Returns the draft and the row after its last.
fn form(
    table: &Table,
    head: usize,
    start: usize,
    end: usize,
    ocr: bool,
) -> Result<(Draft, usize), Problem> {
    let mut draft = Draft {
        part: table.part.clone(),
        year: (head..start)
            .flat_map(|r| table.rows[r].iter())
            .map(|c| c.text.as_str())
            .chain(table.context.iter().map(String::as_str))
            .find_map(year_in),
        ..Draft::default()
    };
    let mut eval = EvalDraft {
        amount_unit: unit_note(table, start),
        ..EvalDraft::default()
    };
    for r in head..start {
        table.set_aside_row(r, &crate::t!("unplaced-title"));
        for (c, cell) in table.rows[r].iter().enumerate() {
            if year_in(&cell.text).is_some()
                || cell.text.contains("单位")
                || cell.text.contains("自评")
            {
                table.place(r, c);
            }
        }
    }
    let found = (start..end).find_map(|r| ResultColumns::find(table, r).map(|c| (r, c)));
    let body = found.as_ref().map_or(end, |(h, _)| *h);
    let mut state = Head::default();
    for r in start..body {
        head_row(table, r, &mut state, &mut draft, &mut eval)?;
    }
    if !state.total_read && state.budget.is_some() {
        eval.budget_flags.push(crate::t!("flag-eval-no-total-row"));
    }
    let body_end = match found {
        Some((h, cols)) => rows(table, h, end, &cols, &mut eval, ocr),
        None => end,
    };
    draft.evaluation = Some(Box::new(eval));
    Ok((draft, body_end))
}

/// One row of the head: a budget header or figure row, the goal labels or
/// texts, or label/value pairs.
fn head_row(
    table: &Table,
    r: usize,
    state: &mut Head,
    draft: &mut Draft,
    eval: &mut EvalDraft,
) -> Result<(), Problem> {
    let cells = distinct(table, r);
    if cells.is_empty() {
        return Ok(());
    }
    if let Some(cols) = BudgetCols::find(table, r) {
        table.place_row(r);
        eval.amount_unit = eval
            .amount_unit
            .or_else(|| table.rows[r].iter().find_map(|c| Unit::named_in(&c.text)));
        state.budget = Some(cols);
        return Ok(());
    }
    if let Some((at, obj, out)) = state.goals.take()
        && at + 1 == r
    {
        let text = |c: Option<usize>| {
            let c = c?;
            let cell = table.cell(r, c)?;
            table.place(r, c);
            Some(cell.text.trim().to_owned()).filter(|t| !t.is_empty())
        };
        eval.objective = text(obj);
        eval.outcome = text(out);
        let taken = [obj, out];
        for (c, _) in &cells {
            if !taken.contains(&Some(*c)) {
                table.set_aside(r, *c, &crate::t!("import-unplaced-unknown"));
            }
        }
        return Ok(());
    }
    if let Some(goals) = goal_labels(table, r) {
        table.place_row(r);
        state.goals = Some(goals);
        return Ok(());
    }
    if let Some(cols) = &state.budget
        && let Some((lc, label)) = cells.iter().find(|(c, _)| *c < cols.first()).copied()
        // The total row is always read as figures, so that a cell that
        // is not one stops the import naming it.
        && (money_row(table, r, cols) || TOTAL.contains(&label_key(&label.text).as_str()))
    {
        money(table, r, lc, label, cols, &mut state.total_read, eval)?;
        return Ok(());
    }
    pairs(table, r, &cells, draft, eval);
    Ok(())
}

/// The labels 预期目标 | 实际完成情况 (and their variants) in one row:
/// `(row, objective column, outcome column)`.
fn goal_labels(table: &Table, r: usize) -> Option<(usize, Option<usize>, Option<usize>)> {
    const OBJECTIVE: &[&str] = &[
        "预期目标",
        "年初设定目标",
        "项目年度目标",
        "年度目标",
        "年初目标",
        "总体目标",
    ];
    let keys: Vec<(usize, String)> = distinct(table, r)
        .into_iter()
        .map(|(c, cell)| (c, label_key(&cell.text)))
        .collect();
    let obj = keys
        .iter()
        .find(|(_, k)| OBJECTIVE.contains(&k.as_str()))
        .map(|(c, _)| *c);
    let out = keys
        .iter()
        .rfind(|(_, k)| k.contains("完成情况") || k.contains("实际完成"))
        .map(|(c, _)| *c);
    match (obj, out) {
        (Some(o), Some(u)) if o != u => Some((r, Some(o), Some(u))),
        _ => None,
    }
}

/// Label/value pairs of the head: 项目名称, 主管部门, 实施单位; a known
/// label with a blank value is structure; other labels with a value go to
/// the header comment (负责人及电话, 项目类别) or `notes`.
fn pairs(
    table: &Table,
    r: usize,
    cells: &[(usize, &Cell)],
    draft: &mut Draft,
    eval: &mut EvalDraft,
) {
    let mut k = 0;
    while k < cells.len() {
        let (col, cell) = cells[k];
        k += 1;
        let key = label_key(&cell.text);
        let field = eval_field(&key);
        let value = cells
            .get(k)
            .filter(|(_, next)| !is_label(next) && eval_field(&label_key(&next.text)).is_none())
            .copied();
        let Some((vc, value)) = value else {
            // A label with nothing after it: the form's structure.
            if field.is_some() || is_structure(&key) {
                table.place(r, col);
            } else {
                table.set_aside(r, col, &crate::t!("unplaced-title"));
            }
            continue;
        };
        k += 1;
        table.place(r, col);
        table.place(r, vc);
        let text = value.text.trim().to_owned();
        match field {
            Some(Field::Name) => {
                draft.name = super::one_line(&text);
                draft.code = split_code(&draft.name).0.map(str::to_owned);
            }
            Some(Field::Code) => draft.code = Some(text),
            Some(Field::Department) => {
                let (code, name) = split_unit(&text);
                draft.unit.code = draft.unit.code.take().or(code);
                draft.unit.name = Some(name);
                draft
                    .remarks
                    .push(format!("{}：{text}", label_text(&cell.text)));
            }
            Some(Field::UnitCode) => draft.unit.code = Some(text),
            Some(Field::Implementer) => {
                if draft.unit.code.is_none() {
                    draft.unit.code = split_unit(&text).0;
                }
                draft
                    .remarks
                    .push(format!("{}：{text}", label_text(&cell.text)));
            }
            Some(Field::Goals) if eval.objective.is_none() => eval.objective = Some(text),
            _ if BUDGET_NOTE.contains(&key.as_str()) && eval.budget.note.is_none() => {
                eval.budget.note = Some(text)
            }
            _ if is_personal(&key) || draft.name.is_empty() => draft
                .remarks
                .push(format!("{}：{text}", label_text(&cell.text))),
            _ => eval
                .notes
                .push(format!("{}：{text}", label_text(&cell.text))),
        }
    }
}

/// Labels that only structure the form (a group heading, a section).
fn is_structure(key: &str) -> bool {
    key.contains("绩效指标")
        || key.contains("基本情况")
        || key.contains("预算执行情况")
        || key.contains("项目资金")
        || key.contains("资金情况")
        || key.contains("概述")
        || key.contains("年度总体目标")
}

/// Labels whose values are about people and paperwork, not results:
/// kept in the header comment, not published.
fn is_personal(key: &str) -> bool {
    [
        "负责人",
        "电话",
        "联系人",
        "填报",
        "日期",
        "类别",
        "属性",
        "类型",
    ]
    .iter()
    .any(|w| key.contains(w))
}

/// Reads the indicator table with header `h` up to `end`, then 总分,
/// 评价等级 and the notes after it. Returns the row after the last read.
fn rows(
    table: &Table,
    h: usize,
    end: usize,
    cols: &ResultColumns,
    eval: &mut EvalDraft,
    ocr: bool,
) -> usize {
    table.place_row(h);
    let mut levels = Levels::default();
    let mut closed = false;
    for r in h + 1..end {
        let cells = distinct(table, r);
        let Some(&(first_col, first)) = cells.first() else {
            continue;
        };
        let key = label_key(&first.text);
        if TOTAL_SCORE.contains(&key.as_str()) {
            table.place(r, first_col);
            let mut flags = Vec::new();
            if let Some(w) = cols.weight.filter(|w| *w != first_col) {
                table.place(r, w);
            }
            let score = cols.score.filter(|s| *s != first_col);
            eval.total_score =
                super::evaluation_rows::number_at(table, r, score, "总分", &mut flags);
            if let Some(s) = score {
                table.place(r, s);
            }
            eval.budget_flags.extend(flags);
            closed = true;
            continue;
        }
        let label = cells.iter().find_map(|(c, cell)| {
            let k = label_key(cell.text.split([':', '：']).next().unwrap_or(""));
            (NOTE_LABELS.contains(&k.as_str()) || GRADE.contains(&k.as_str())).then_some((*c, k))
        });
        if let Some((lc, label)) = label.filter(|(c, _)| *c == first_col) {
            tail_line(table, r, lc, &label, &cells, eval);
            closed = true;
            continue;
        }
        if is_footer(&first.text) || key.contains("负责人") {
            table.set_aside_row(r, &crate::t!("unplaced-footer"));
            closed = true;
            continue;
        }
        if closed {
            continue;
        }
        if ResultColumns::find(table, r).is_some() {
            // The header repeated at a page break.
            table.place_row(r);
            continue;
        }
        for c in 0..cols.level1 {
            let text = table.text(r, c);
            if label_key(text).contains("指标") || label_key(text).contains("绩效") {
                table.place(r, c);
            }
        }
        if let Read::Row(row) = read_row(table, r, cols, &mut levels, ocr) {
            eval.indicators.push(*row);
        }
    }
    end
}

/// A line after the table: `评价结论 | text`, `评价等级 | 优`, or the label
/// and its text in one cell (`说明：无`).
fn tail_line(
    table: &Table,
    r: usize,
    lc: usize,
    label: &str,
    cells: &[(usize, &Cell)],
    eval: &mut EvalDraft,
) {
    table.place(r, lc);
    let own = table.text(r, lc);
    let inline = own
        .split_once([':', '：'])
        .map(|(_, v)| v.trim().to_owned())
        .filter(|v| !v.is_empty());
    let rest: Vec<String> = cells
        .iter()
        .filter(|(c, _)| *c != lc)
        .map(|(c, cell)| {
            table.place(r, *c);
            cell.text.trim().to_owned()
        })
        .collect();
    let text = inline
        .into_iter()
        .chain(rest)
        .collect::<Vec<_>>()
        .join("\n");
    if text.is_empty() {
        return;
    }
    if GRADE.contains(&label) {
        eval.grade = Some(text);
    } else {
        eval.notes.push(format!("{label}：{text}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::table::grid;

    #[test]
    fn codes_before_names_split_off() {
        assert_eq!(
            split_code("51000021R000000019951-工资性支出"),
            (Some("51000021R000000019951"), "工资性支出")
        );
        assert_eq!(split_code("2023年全县补助"), (None, "2023年全县补助"));
    }

    #[test]
    fn the_official_layout_reads_whole() {
        let t = grid(&[
            &["项目支出绩效自评表", "", "", "", "", "", "", "", ""],
            &["（2023年度）", "", "", "", "", "", "", "", ""],
            &[
                "项目名称",
                "耕地地力保护补贴",
                "=",
                "=",
                "=",
                "=",
                "=",
                "=",
                "=",
            ],
            &[
                "主管部门",
                "农业农村局（300001）",
                "=",
                "=",
                "实施单位",
                "农业农村局",
                "=",
                "=",
                "=",
            ],
            &[
                "项目资金（万元）",
                "",
                "年初预算数",
                "全年预算数",
                "全年执行数",
                "分值",
                "执行率",
                "得分",
                "",
            ],
            &[
                "年度资金总额",
                "=",
                "120",
                "120",
                "118.20",
                "10",
                "98.5%",
                "9.85",
                "",
            ],
            &[
                "其中：当年财政拨款",
                "=",
                "100",
                "100",
                "98.2",
                "—",
                "",
                "—",
                "",
            ],
            &["上年结转资金", "=", "", "", "", "—", "", "—", ""],
            &[
                "年度总体目标",
                "预期目标",
                "=",
                "=",
                "=",
                "实际完成情况",
                "=",
                "=",
                "=",
            ],
            &[
                "=",
                "按时发放补贴",
                "=",
                "=",
                "=",
                "发放118.20万元",
                "=",
                "=",
                "=",
            ],
            &[
                "绩效指标",
                "一级指标",
                "二级指标",
                "三级指标",
                "年度指标值",
                "实际完成值",
                "分值",
                "得分",
                "偏差原因分析及改进措施",
            ],
            &[
                "=",
                "产出指标（50分）",
                "数量指标",
                "面积",
                "≥12万亩",
                "11.82万亩",
                "20",
                "19",
                "转为设施用地",
            ],
            &["=", "=", "质量指标", "准确率", "100%", "", "20", "20", ""],
            &["=", "=", "=", "指标2", "", "", "", "", ""],
            &["总分", "=", "=", "=", "=", "=", "100", "98.85", ""],
            &["评价等级", "优", "", "", "", "", "", "", ""],
        ]);
        let drafts = map(&t, false).unwrap().unwrap();
        let d = &drafts[0];
        let e = d.evaluation.as_ref().unwrap();
        assert_eq!(d.name, "耕地地力保护补贴");
        assert_eq!(d.year, Some(2023));
        assert_eq!(d.unit.code.as_deref(), Some("300001"));
        assert_eq!(e.amount_unit, Some(Unit::Wan));
        assert_eq!(e.budget.executed, Some("118.20".parse().unwrap()));
        assert!(e.budget_flags.is_empty(), "{:?}", e.budget_flags);
        assert_eq!(
            e.notes,
            ["其中：当年财政拨款：年初预算数 100，全年预算数 100，全年执行数 98.2"]
        );
        assert_eq!(e.objective.as_deref(), Some("按时发放补贴"));
        assert_eq!(e.indicators.len(), 2);
        assert_eq!(e.indicators[0].level1, "产出指标");
        assert_eq!(e.indicators[1].actual, None);
        assert_eq!(e.total_score, Some("98.85".parse().unwrap()));
        assert_eq!(e.grade.as_deref(), Some("优"));
        let unplaced: Vec<String> = t.not_placed().into_iter().map(|n| n.text).collect();
        assert_eq!(unplaced, ["指标2"], "only the template row is left out");
    }
}
