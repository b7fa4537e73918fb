//! The form layout: one project per sheet (or several forms stacked in one
//! table), as the MoF 项目支出绩效目标申报表 and most county templates:
//! a title, `金额单位：万元`, label/value blocks (项目名称, 主管部门, 实施单位,
//! 年度资金总额 with its 其中 rows, 年度目标, 实施期目标), then the indicator
//! table 一级 | 二级 | 三级 | 指标值 with optional 绩效标准, 权重/分值 and
//! 指标解释 columns.
//!
//! Labels are matched after removing line breaks, full-width spaces,
//! colons and bracketed notes, so `一级\n指标` and `项目名称：` are found.
//! A label gives its value from the next cell to the right, or from the
//! cell below in a row of labels; a blank cell means the field is empty
//! (see [`value_at`]). Labels gongkai does not know go to `details`, in
//! order. A footer line (填表人 …) ends a form, and a second form on the
//! same sheet takes its year from its own title, never from the text of
//! the form above.

use super::form_indicators::indicators;
use super::labels::{Field, distinct, field_of, is_footer, is_label, label_text, vertical_copy};
use super::{Problem, inexact_flag, parse_amount, split_unit, unit_note, year_in};
use crate::import::amount::Unit;
use crate::import::draft::{Draft, Funding, split_goals};
use crate::import::table::{Cell, CellKind, Origin, Table, label_key};

fn is_indicator_header(table: &Table, r: usize) -> bool {
    super::columns::is_indicator_header(&table.rows[r])
}

/// Where the value of the label at `(r, c)` is.
enum ValueAt {
    /// In this cell.
    Cell(usize, usize),
    /// The form has a blank there: the field is absent.
    Blank,
    /// Nothing follows the label (a heading, or a group label).
    Nothing,
}

/// Finds a label's value as a reader of the printed form would: the cell
/// to its right (past the label's own merged copies); when that is
/// another label or the label reaches the row's end, the cell below (a
/// row of labels over a row of values). A blank cell to the right means
/// the field is empty — never "look further", because the next thing
/// down is another field's text (an empty 其他资金 line above 年度目标).
fn value_at(table: &Table, r: usize, c: usize, block: bool, money: bool) -> ValueAt {
    let row = &table.rows[r];
    let label = &row[c];
    let mut right = c + 1;
    while row
        .get(right)
        .is_some_and(|x| x.kind == CellKind::Merged && x.text == label.text)
    {
        right += 1;
    }
    let rest_blank = row[right.min(row.len())..]
        .iter()
        .all(|x| x.text.trim().is_empty());
    let below = |table: &Table| {
        table
            .cell(r + 1, c)
            .filter(|b| {
                !b.text.trim().is_empty() && !is_label(b) && !vertical_copy(table, r + 1, c)
            })
            // Below a money label only a figure is its value; anything
            // else is the next field's text.
            .filter(|b| !money || is_figure(&b.text))
            .map_or(ValueAt::Nothing, |_| ValueAt::Cell(r + 1, c))
    };
    // A row of labels, spaced by blank (once merged) cells: 中期目标 | | 年度目标.
    let labels_follow = {
        let mut rest = row[right.min(row.len())..]
            .iter()
            .filter(|x| !x.text.trim().is_empty())
            .peekable();
        rest.peek().is_some() && rest.all(is_label)
    };
    match row.get(right) {
        None => below(table),
        Some(next) if is_label(next) => below(table),
        Some(next) if !next.text.trim().is_empty() => ValueAt::Cell(r, right),
        Some(_) if labels_follow && !money => below(table),
        // A heading such as 年度目标 alone on its row, its text below it.
        Some(_)
            if block
                && rest_blank
                && !is_indicator_header(table, (r + 1).min(table.rows.len() - 1)) =>
        {
            match below(table) {
                ValueAt::Nothing => ValueAt::Blank,
                found => found,
            }
        }
        Some(_) => ValueAt::Blank,
    }
}

/// Reads every form in `table`, or `None` when no 项目名称 label exists.
pub(crate) fn map(table: &Table) -> Result<Option<Vec<Draft>>, Problem> {
    let starts: Vec<usize> = (0..table.rows.len())
        .filter(|&r| {
            table.rows[r]
                .iter()
                .any(|c| field_of(&label_key(&c.text)) == Some(Field::Name))
        })
        .collect();
    if starts.is_empty() {
        return Ok(None);
    }
    let mut drafts: Vec<Draft> = Vec::new();
    // Where the previous form's table ended: a form's title block is what
    // lies between that end and its 项目名称, never the form above.
    let mut head = 0;
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(table.rows.len());
        let (mut draft, body_end) = form(table, head, start, end)?;
        if draft.year.is_none()
            && let Some(first) = drafts.first().and_then(|d| d.year)
        {
            draft.year = Some(first);
            draft
                .flags
                .push(crate::t!("flag-year-from-first-form", year = first));
        }
        if draft.amount_unit.is_none() {
            draft.amount_unit = drafts.first().and_then(|d| d.amount_unit);
        }
        drafts.push(draft);
        head = body_end.min(end);
    }
    Ok(Some(drafts))
}

/// Reads one form: its title block `head..start`, the labels from
/// `start`, the indicator table up to `end`. Returns the draft and the
/// row where its content ended (a footer or the last indicator row).
fn form(table: &Table, head: usize, start: usize, end: usize) -> Result<(Draft, usize), Problem> {
    let title_rows = head..start;
    let mut draft = Draft {
        part: table.part.clone(),
        year: title_rows
            .clone()
            .flat_map(|r| table.rows[r].iter())
            .map(|c| c.text.as_str())
            .chain(table.context.iter().map(String::as_str))
            .find_map(year_in),
        amount_unit: unit_note(table, start),
        ..Draft::default()
    };
    for r in title_rows {
        table.set_aside_row(r, &crate::t!("unplaced-title"));
        for (c, cell) in table.rows[r].iter().enumerate() {
            if year_in(&cell.text).is_some() || cell.text.contains("单位") {
                table.place(r, c);
            }
        }
    }
    let indicators_at = (start..end).find(|&r| is_indicator_header(table, r));
    let form_end = indicators_at.unwrap_or(end);
    let mut last_source: Option<usize> = None;
    // The last row of the money block (the amount, then its sources).
    let mut money_row: Option<usize> = None;
    // Cells already read as the value of a label in the row above.
    let mut used: Vec<(usize, usize)> = Vec::new();
    let mut ended = None;
    for r in start..form_end {
        let cells: Vec<(usize, &Cell)> = distinct(table, r)
            .into_iter()
            .filter(|(c, _)| !used.contains(&(r, *c)))
            .collect();
        if cells.first().is_some_and(|(_, c)| is_footer(&c.text)) {
            table.set_aside_row(r, &crate::t!("unplaced-footer"));
            ended = Some(r);
            break;
        }
        let mut k = 0;
        while k < cells.len() {
            let (col, cell) = cells[k];
            k += 1;
            if used.contains(&(r, col)) {
                continue;
            }
            let key = label_key(&cell.text);
            let mut field = field_of(&key);
            // A label and its value in one cell: `年度资金总额：16`.
            let mut inline: Option<Cell> = None;
            if field.is_none()
                && let Some((label, rest)) = cell.text.split_once(['：', ':'])
                && let Some(f) = field_of(&label_key(label))
                && !rest.trim().is_empty()
                && f != Field::Group
            {
                field = Some(f);
                inline = Some(Cell {
                    text: rest.trim().to_owned(),
                    origin: cell.origin,
                    kind: cell.kind,
                });
            }
            if draft.amount_unit.is_none()
                && matches!(
                    field,
                    Some(Field::Group | Field::Amount | Field::Source { .. })
                )
            {
                draft.amount_unit = Unit::named_in(&cell.text);
            }
            let block = matches!(
                field,
                Some(Field::Goals | Field::LongTermGoals | Field::Notes)
            );
            let at = match field {
                _ if inline.is_some() => ValueAt::Nothing,
                Some(Field::Group) => {
                    table.place(r, col);
                    continue;
                }
                Some(f) => value_at(
                    table,
                    r,
                    col,
                    block,
                    matches!(f, Field::Amount | Field::Source { .. }),
                ),
                // An unknown label: a detail when a value follows it.
                None => match cells.get(k) {
                    Some((c2, next)) if !is_label(next) => ValueAt::Cell(r, *c2),
                    // `资金性质 | 一般公共预算`: a value that happens to be a
                    // label's name, with nothing of its own after it.
                    Some((c2, _))
                        if cells.get(k + 1).is_none()
                            && matches!(
                                value_at(table, r, *c2, false, true),
                                ValueAt::Nothing | ValueAt::Blank
                            ) =>
                    {
                        used.push((r, *c2));
                        ValueAt::Cell(r, *c2)
                    }
                    _ => {
                        table.set_aside(r, col, &crate::t!("unplaced-title"));
                        continue;
                    }
                },
            };
            table.place(r, col);
            let value = match (&inline, at) {
                (Some(value), _) => value,
                (None, ValueAt::Cell(vr, vc)) => {
                    used.push((vr, vc));
                    table.place(vr, vc);
                    &table.rows[vr][vc]
                }
                (None, ValueAt::Blank | ValueAt::Nothing) => {
                    if matches!(field, Some(Field::Amount | Field::Source { .. })) {
                        money_row = Some(r);
                    }
                    continue;
                }
            };
            read_field(
                table,
                field,
                cell,
                value,
                &mut draft,
                &mut last_source,
                &mut money_row,
            )?;
        }
    }
    let body_end = match (ended, indicators_at) {
        (Some(r), _) => r + 1,
        (None, Some(h)) => indicators(table, h, end, &mut draft)?,
        (None, None) => end,
    };
    Ok((draft, body_end))
}

/// Fills the field a label names from its value cell.
fn read_field(
    table: &Table,
    field: Option<Field>,
    cell: &Cell,
    value: &Cell,
    draft: &mut Draft,
    last_source: &mut Option<usize>,
    money_row: &mut Option<usize>,
) -> Result<(), Problem> {
    let r = match cell.origin {
        Origin::Grid { row, .. } => row as usize,
        Origin::Text { line, .. } => line,
    };
    // The label's own text; for `label：value` in one cell, its left part.
    let label_cell = if value.origin == cell.origin {
        cell.text
            .split_once(['：', ':'])
            .map_or(cell.text.as_str(), |(l, _)| l)
    } else {
        cell.text.as_str()
    };
    let text = value.text.trim().to_owned();
    // A source the label list does not know (专项债券, 其中：本级安排)
    // still reads as one when its row continues the money block
    // and its value is a bare figure.
    let field = match field {
        None if money_row.is_some_and(|m| m + 1 >= r) && is_bare_figure(&text) => {
            Some(Field::Source {
                part: label_text(label_cell).starts_with("其中"),
            })
        }
        field => field,
    };
    if matches!(field, Some(Field::Amount | Field::Source { .. })) {
        *money_row = Some(r);
    }
    match field {
        Some(Field::Group) => {}
        Some(Field::Name) => draft.name = super::one_line(&text),
        Some(Field::Code) => draft.code = Some(text),
        Some(Field::Department) => {
            let (code, name) = split_unit(&text);
            // `名称（编码）` names the department folder completely
            // (gongkai's own downloads write it so); a bare name
            // may be the 主管部门 above the unit, so it is kept.
            if code.is_none() {
                draft.details.push((label_text(label_cell), name.clone()));
            }
            draft.unit.code = draft.unit.code.take().or(code);
            draft.unit.name = Some(name);
        }
        Some(Field::UnitCode) => draft.unit.code = Some(text),
        Some(Field::Implementer) => {
            // A code written only on the 实施单位 (`[610001]某某中心`)
            // names the unit when nothing else does.
            if draft.unit.code.is_none() {
                draft.unit.code = split_unit(&text).0;
            }
            draft.implementer = Some(text);
        }
        Some(Field::Period) => draft.period = Some(text),
        Some(Field::Amount) => {
            let label = label_text(label_cell);
            if let Some((amount, unit)) = money(table, value, &label, draft)? {
                draft.amount = Some(amount);
                draft.amount_unit = unit.or(Unit::named_in(label_cell)).or(draft.amount_unit);
            }
            draft.flags.extend(inexact_flag(value));
        }
        Some(Field::Source { part }) => {
            let label = label_text(label_cell);
            let Some((amount, _)) = money(table, value, &label, draft)? else {
                return Ok(());
            };
            draft.flags.extend(inexact_flag(value));
            let source = label_text(label_cell);
            let source = source.strip_prefix("其中").unwrap_or(&source);
            let item = Funding {
                source: source.trim_start_matches(['：', ':']).to_owned(),
                amount,
                parts: Vec::new(),
            };
            match (part, *last_source) {
                (true, Some(parent)) => draft.funding[parent].parts.push(item),
                _ => {
                    draft.funding.push(item);
                    *last_source = Some(draft.funding.len() - 1);
                }
            }
        }
        Some(Field::Goals) => draft.goals.extend(split_goals(&text)),
        Some(Field::LongTermGoals) => draft.long_term_goals.extend(split_goals(&text)),
        Some(Field::Notes) => draft.notes = Some(text),
        None => draft.details.push((label_text(label_cell), text)),
    }
    Ok(())
}

/// The figure of a money cell. A cell with words after its figure
/// (`854万(高标准农田建设400万元,…)`) gives the figure, flagged, and keeps
/// its whole text in `details`; a column heading (`金额(万元)`: no digit,
/// a money word) is not a figure and is left unplaced; words where a
/// figure belongs (`约五万`, `用于维修…`) are kept in `details` and
/// flagged. Only digits that do not make a figure (`1,00.5`) are an
/// error naming the cell.
fn money(
    table: &Table,
    value: &Cell,
    label: &str,
    draft: &mut Draft,
) -> Result<Option<(rust_decimal::Decimal, Option<Unit>)>, Problem> {
    match parse_amount(value, label) {
        Ok(found) => Ok(found),
        Err(problem) => {
            if let Some((figure, unit, _)) = crate::import::amount::leading(&value.text) {
                draft.flags.push(crate::t!(
                    "flag-amount-with-words",
                    cell = value.origin,
                    text = value.text.trim(),
                    figure = figure
                ));
                draft
                    .details
                    .push((label.to_owned(), value.text.trim().to_owned()));
                return Ok(Some((figure, unit)));
            }
            let key = label_key(&value.text);
            let heading = ["金额", "资金", "预算", "预算数", "数额", "合计", "小计"]
                .iter()
                .any(|h| key.ends_with(h));
            let words = !value.text.chars().any(|c| c.is_ascii_digit());
            if heading && words {
                if let Origin::Grid { row, col } = value.origin {
                    table.set_aside(
                        row as usize,
                        col as usize,
                        &crate::t!("unplaced-not-a-figure"),
                    );
                }
                return Ok(None);
            }
            if words {
                // Words where a figure belongs (用于维修…, 约五万): kept as
                // written, and the missing figure flagged.
                draft.flags.push(crate::t!(
                    "flag-amount-words",
                    cell = value.origin,
                    label = label,
                    text = value.text.trim()
                ));
                draft
                    .details
                    .push((label.to_owned(), value.text.trim().to_owned()));
                return Ok(None);
            }
            Err(problem)
        }
    }
}

/// True when `text` is an amount, alone or leading other words.
fn is_figure(text: &str) -> bool {
    use crate::import::amount;
    amount::leading(text).is_some() || matches!(amount::parse(text), Ok(Some(_)))
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
        let drafts = map(&table).unwrap().unwrap();
        assert_eq!(drafts[0].amount, None);
        assert!(
            drafts[0].flags[0].starts_with("B2"),
            "{:?}",
            drafts[0].flags
        );
        assert_eq!(
            drafts[0].details,
            [("年度资金总额".to_owned(), "约五万".to_owned())]
        );
        let table = grid(&[&["项目名称", "甲"], &["年度资金总额", "1,00.5"]]);
        let problem = map(&table).unwrap_err();
        assert_eq!(problem.at.unwrap().to_string(), "B2");
        assert!(
            problem.message.contains("年度资金总额"),
            "{}",
            problem.message
        );
    }
}
