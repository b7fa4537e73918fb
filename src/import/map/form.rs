//! The form layout: one project per sheet (or several forms stacked in one
//! table), as the MoF 项目支出绩效目标申报表 and most county templates:
//! a title, `金额单位：万元`, label/value blocks (项目名称, 主管部门, 实施单位,
//! 年度资金总额 with its 其中 rows, 年度目标, 实施期目标), then the indicator
//! table 一级 | 二级 | 三级 | 指标值 with optional 绩效标准, 权重/分值 and
//! 指标解释 columns.
//!
//! Labels are matched after removing line breaks, full-width spaces,
//! colons and bracketed notes, so `一级\n指标` and `项目名称：` are found.
//! A label gives its value from the next cell to the right, or else from
//! the cell below. Labels gongkai does not know go to `details`, in order.

use super::{
    Problem, fill_flagged, inexact_flag, missing_of, parse_amount, published_value, split_unit,
    unit_note, year_in,
};
use crate::import::amount::Unit;
use crate::import::draft::{Draft, Funding, Row, split_goals};
use crate::import::table::{Cell, CellKind, Table, label_key};

/// What a known label fills in.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Field {
    Name,
    Code,
    Department,
    UnitCode,
    Implementer,
    Period,
    Amount,
    Source {
        part: bool,
    },
    Goals,
    LongTermGoals,
    /// 备注 of the whole project.
    Notes,
    /// A group label (项目资金, 绩效目标 spanning rows) with no value of its own.
    Group,
}

fn field_of(key: &str) -> Option<Field> {
    let key = key.strip_prefix("其中").unwrap_or(key);
    Some(match key {
        "项目名称" => Field::Name,
        "项目编码" | "项目代码" => Field::Code,
        "主管部门" | "预算部门" | "主管部门及代码" | "部门名称" | "预算单位" | "单位名称" => {
            Field::Department
        }
        "单位编码" | "部门编码" | "预算单位编码" => Field::UnitCode,
        "实施单位" | "项目实施单位" => Field::Implementer,
        "实施期限" | "项目期限" | "执行期限" => Field::Period,
        "年度资金总额" | "资金总额" | "项目资金总额" | "年度预算" | "预算金额" | "项目总金额"
        | "年度金额" | "年度预算数" | "项目金额" => Field::Amount,
        "财政拨款" | "财政资金" | "本年财政拨款" | "一般公共预算" | "中央补助" | "省级财政"
        | "市级财政" | "县级财政" | "其他资金" | "自有资金" | "单位自有资金" | "事业收入"
        | "上年结转" | "政府性基金" => Field::Source { part: false },
        "上级" | "上级补助" | "上级资金" | "本级" | "本级财政" | "本级资金" => {
            Field::Source { part: true }
        }
        "年度目标" | "年度绩效目标" | "年度总体目标" | "总体目标" | "绩效目标" | "项目年度目标" => {
            Field::Goals
        }
        "实施期目标"
        | "长期目标"
        | "实施期绩效目标"
        | "中长期目标"
        | "实施期总体目标"
        | "实施期/长期绩效目标" => Field::LongTermGoals,
        "备注" => Field::Notes,
        "项目资金" | "资金情况" | "绩效指标" | "年度绩效指标" | "项目基本情况" => {
            Field::Group
        }
        _ => return None,
    })
}

/// True for a cell that is only a vertical copy of a merged label/value.
fn vertical_copy(table: &Table, r: usize, c: usize) -> bool {
    let Some(cell) = table.cell(r, c) else {
        return false;
    };
    cell.kind == CellKind::Merged
        && r > 0
        && table
            .cell(r - 1, c)
            .is_some_and(|above| above.text == cell.text)
}

/// The cells of row `r` worth reading: non-empty, not a vertical merged
/// copy, and not a horizontal repeat of the cell to its left.
fn distinct(table: &Table, r: usize) -> Vec<(usize, &Cell)> {
    let mut out: Vec<(usize, &Cell)> = Vec::new();
    for (c, cell) in table.rows[r].iter().enumerate() {
        if cell.text.trim().is_empty() || vertical_copy(table, r, c) {
            continue;
        }
        if let Some((_, prev)) = out.last()
            && cell.kind == CellKind::Merged
            && prev.text == cell.text
        {
            continue;
        }
        out.push((c, cell));
    }
    out
}

fn is_indicator_header(table: &Table, r: usize) -> bool {
    let keys: Vec<String> = table.rows[r].iter().map(|c| label_key(&c.text)).collect();
    keys.iter().any(|k| k == "一级指标") && keys.iter().any(|k| k == "三级指标" || k == "二级指标")
}

/// Reads every form in `table`, or `None` when no 项目名称 label exists.
pub(crate) fn map(table: &Table) -> Result<Option<Vec<Draft>>, Problem> {
    let starts: Vec<usize> = (0..table.rows.len())
        .filter(|&r| {
            table.rows[r]
                .iter()
                .any(|c| label_key(&c.text) == "项目名称")
        })
        .collect();
    if starts.is_empty() {
        return Ok(None);
    }
    let mut drafts = Vec::new();
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(table.rows.len());
        // Title and unit note sit above the first label of each form.
        let head = if i == 0 { 0 } else { starts[i - 1] + 1 };
        drafts.push(form(table, head, start, end)?);
    }
    Ok(Some(drafts))
}

fn form(table: &Table, head: usize, start: usize, end: usize) -> Result<Draft, Problem> {
    let above: Vec<&str> = table.rows[head..start]
        .iter()
        .flatten()
        .map(|c| c.text.as_str())
        .chain(table.context.iter().map(String::as_str))
        .collect();
    let mut draft = Draft {
        part: table.part.clone(),
        year: above.iter().find_map(|t| year_in(t)),
        amount_unit: unit_note(table, start),
        ..Draft::default()
    };
    let indicators_at = (start..end).find(|&r| is_indicator_header(table, r));
    let form_end = indicators_at.unwrap_or(end);
    let mut last_source: Option<usize> = None;
    // The last row of the money block (the amount, then its sources).
    let mut money_row: Option<usize> = None;
    // Cells already read as the value of a label in the row above.
    let mut used: Vec<(usize, usize)> = Vec::new();
    for r in start..form_end {
        let cells: Vec<(usize, &Cell)> = distinct(table, r)
            .into_iter()
            .filter(|(c, _)| !used.contains(&(r, *c)))
            .collect();
        let mut k = 0;
        while k < cells.len() {
            let (col, cell) = cells[k];
            let key = label_key(&cell.text);
            let field = field_of(&key);
            let next = cells
                .get(k + 1)
                .filter(|(_, n)| field_of(&label_key(&n.text)).is_none());
            let below = table
                .cell(r + 1, col)
                .filter(|b| !b.text.trim().is_empty() && field_of(&label_key(&b.text)).is_none());
            let value = match next {
                Some((_, n)) => Some(*n),
                None if field.is_some() && field != Some(Field::Group) => {
                    if below.is_some() {
                        used.push((r + 1, col));
                    }
                    below
                }
                None => None,
            };
            k += if next.is_some() { 2 } else { 1 };
            let Some(value) = value else { continue };
            let text = value.text.trim().to_owned();
            // A source the label list does not know (专项债券, 其中：本级安排)
            // still reads as one when its row continues the money block
            // and its value is a bare figure.
            let field = match field {
                None if money_row.is_some_and(|m| m + 1 >= r) && is_bare_figure(&text) => {
                    Some(Field::Source {
                        part: label_text(&cell.text).starts_with("其中"),
                    })
                }
                field => field,
            };
            if matches!(field, Some(Field::Amount | Field::Source { .. })) {
                money_row = Some(r);
            }
            match field {
                Some(Field::Group) => k -= 1, // a group label has no value
                Some(Field::Name) => draft.name = text,
                Some(Field::Code) => draft.code = Some(text),
                Some(Field::Department) => {
                    let (code, name) = split_unit(&text);
                    // `名称（编码）` names the department folder completely
                    // (gongkai's own downloads write it so); a bare name
                    // may be the 主管部门 above the unit, so it is kept.
                    if code.is_none() {
                        draft.details.push((label_text(&cell.text), name.clone()));
                    }
                    draft.unit.code = draft.unit.code.take().or(code);
                    draft.unit.name = Some(name);
                }
                Some(Field::UnitCode) => draft.unit.code = Some(text),
                Some(Field::Implementer) => draft.implementer = Some(text),
                Some(Field::Period) => draft.period = Some(text),
                Some(Field::Amount) => {
                    if let Some((amount, unit)) = parse_amount(value, &label_text(&cell.text))? {
                        draft.amount = Some(amount);
                        draft.amount_unit =
                            unit.or(Unit::named_in(&cell.text)).or(draft.amount_unit);
                    }
                    draft.flags.extend(inexact_flag(value));
                }
                Some(Field::Source { part }) => {
                    let Some((amount, _)) = parse_amount(value, &label_text(&cell.text))? else {
                        continue;
                    };
                    draft.flags.extend(inexact_flag(value));
                    let source = label_text(&cell.text);
                    let source = source.strip_prefix("其中").unwrap_or(&source);
                    let item = Funding {
                        source: source.trim_start_matches(['：', ':']).to_owned(),
                        amount,
                        parts: Vec::new(),
                    };
                    match (part, last_source) {
                        (true, Some(parent)) => draft.funding[parent].parts.push(item),
                        _ => {
                            draft.funding.push(item);
                            last_source = Some(draft.funding.len() - 1);
                        }
                    }
                }
                Some(Field::Goals) => draft.goals.extend(split_goals(&text)),
                Some(Field::LongTermGoals) => draft.long_term_goals.extend(split_goals(&text)),
                Some(Field::Notes) => draft.notes = Some(text),
                None => {
                    if next.is_none() {
                        continue; // a lone cell: title or note, not a label
                    }
                    draft.details.push((label_text(&cell.text), text));
                }
            }
        }
    }
    if let Some(h) = indicators_at {
        indicators(table, h, end, &mut draft)?;
    }
    Ok(draft)
}

/// Digits with at most separators and a decimal point: a figure, not a
/// sentence or a count with its measure word.
fn is_bare_figure(text: &str) -> bool {
    let text = crate::import::amount::halfwidth(text);
    text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
}

/// A label as it should read in `details`: one line, no trailing colon.
fn label_text(text: &str) -> String {
    let t: String = text.split_whitespace().collect::<Vec<_>>().join("");
    t.trim_end_matches(['：', ':']).replace('\u{3000}', "")
}

fn indicators(table: &Table, h: usize, end: usize, draft: &mut Draft) -> Result<(), Problem> {
    let keys: Vec<String> = table.rows[h].iter().map(|c| label_key(&c.text)).collect();
    let find = |names: &[&str]| keys.iter().position(|k| names.contains(&k.as_str()));
    let level1 = find(&["一级指标"]).unwrap_or(0);
    let level2 = find(&["二级指标"]);
    let name = find(&["三级指标", "指标名称"])
        .or(level2.map(|c| c + 1))
        .unwrap_or(level1 + 1);
    let value = find(&["指标值", "年度指标值", "目标值", "年度目标值"]);
    let long_value = find(&["实施期指标值", "中长期指标值", "实施期目标值"]);
    let standard = find(&["绩效标准", "评分标准"]);
    let weight = find(&["权重", "分值", "权重分值"]);
    let explanation = find(&["指标解释", "指标说明"]);
    let direction = find(&["指标方向性", "指标方向"]);
    let note = find(&["备注"]);
    let (mut last1, mut last2) = (String::new(), String::new());
    // Rows after a 实施期目标 label belong to the long-term table: the
    // official layout prints it as a second section below the first.
    let mut long_term = false;
    for r in h + 1..end {
        if is_indicator_header(table, r) {
            continue;
        }
        let cells = distinct(table, r);
        if let Some((_, first)) = cells.first()
            && field_of(&label_key(&first.text)) == Some(Field::LongTermGoals)
        {
            if let Some((_, goals)) = cells.get(1) {
                draft.long_term_goals.extend(split_goals(&goals.text));
            }
            long_term = true;
            last1.clear();
            last2.clear();
            continue;
        }
        let text = |col: Option<usize>| {
            col.map(|c| table.text(r, c).to_owned())
                .filter(|t| !t.is_empty())
        };
        let indicator = table.text(r, name).to_owned();
        if indicator.is_empty() {
            if let Some((_, cell)) = distinct(table, r).first()
                && let Some((label, rest)) = cell.text.split_once(['：', ':'])
                && !rest.trim().is_empty()
            {
                draft
                    .details
                    .push((label.trim().to_owned(), rest.trim().to_owned()));
            }
            continue;
        }
        let mut flags = Vec::new();
        let l1 = fill_flagged(table, r, level1, &mut last1, "一级指标", &mut flags);
        let l2 = match level2 {
            Some(c) => fill_flagged(table, r, c, &mut last2, "二级指标", &mut flags),
            None => String::new(),
        };
        let w = match weight.and_then(|c| table.cell(r, c)) {
            Some(cell) => parse_amount(cell, "权重")?.map(|(w, _)| w),
            None => None,
        };
        let row = Row {
            level1: l1,
            level2: l2,
            name: indicator,
            value: published_value(text(value)),
            missing: missing_of(text(value)),
            weight: w,
            standard: text(standard),
            explanation: text(explanation),
            direction: text(direction),
            note: text(note),
            flags,
        };
        if long_term {
            draft.long_term_indicators.push(row);
            continue;
        }
        if long_value.is_some() {
            let mut long = row.clone();
            long.value = published_value(text(long_value));
            long.missing = missing_of(text(long_value));
            draft.long_term_indicators.push(long);
        }
        draft.indicators.push(row);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::draft::Missing;
    use crate::import::table::grid;

    #[test]
    fn labels_take_the_value_to_the_right_or_below() {
        let table = grid(&[
            &["2023年项目支出绩效目标表", "", "", ""],
            &["项目名称", "乡村振兴衔接", "项目编码", "51000023"],
            &["预算单位", "820001-某镇人民政府", "", ""],
            &["起止时间", "2023-01至2023-12", "政策依据", "某文件"],
            &["年度目标", "实施期目标", "", ""],
            &["完成任务", "三年完成", "", ""],
            &[
                "一级指标",
                "二级指标",
                "三级指标",
                "年度指标值",
                "实施期指标值",
                "指标解释",
            ],
            &["产出指标", "数量指标", "户数", "≥10户", "≥30户", "受益户数"],
            &["=", "时效指标", "完成时间", "", "2025年", ""],
        ]);
        let drafts = map(&table).unwrap().unwrap();
        let d = &drafts[0];
        assert_eq!(d.year, Some(2023));
        assert_eq!(d.name, "乡村振兴衔接");
        assert_eq!(d.code.as_deref(), Some("51000023"));
        assert_eq!(d.unit.code.as_deref(), Some("820001"));
        assert_eq!(d.unit.name.as_deref(), Some("某镇人民政府"));
        assert_eq!(d.goals, vec!["完成任务"]);
        assert_eq!(d.long_term_goals, vec!["三年完成"]);
        assert_eq!(
            d.details,
            // 预算单位 with its code is the department itself, not a detail.
            vec![
                ("起止时间".to_owned(), "2023-01至2023-12".to_owned()),
                ("政策依据".to_owned(), "某文件".to_owned()),
            ]
        );
        assert_eq!(d.indicators.len(), 2);
        assert_eq!(d.indicators[0].explanation.as_deref(), Some("受益户数"));
        assert_eq!(d.indicators[1].level1, "产出指标");
        assert!(
            d.indicators[1].flags.is_empty(),
            "a merged cell is no guess"
        );
        assert_eq!(d.indicators[1].missing, Some(Missing::Blank));
        assert_eq!(d.long_term_indicators[0].value.as_deref(), Some("≥30户"));
        assert_eq!(d.long_term_indicators[1].value.as_deref(), Some("2025年"));
    }

    #[test]
    fn an_unparsable_amount_names_its_cell() {
        let table = grid(&[&["项目名称", "甲"], &["年度资金总额", "约五万"]]);
        let problem = map(&table).unwrap_err();
        assert_eq!(problem.at.unwrap().to_string(), "B2");
        assert!(
            problem.message.contains("年度资金总额"),
            "{}",
            problem.message
        );
    }
}
