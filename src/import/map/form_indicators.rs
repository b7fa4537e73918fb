//! The indicator table of a form: from its header row (一级 | 二级 | 三级 |
//! 指标值 …) down to a footer or the next form, with the 实施期/长期 part
//! told apart from the annual one (a heading, a second header under one,
//! a merged first column, or a long-term triple beside the annual one),
//! and level names the page broke over two rows joined again.

use super::labels::{Field, distinct, field_of, is_footer};
use super::{Problem, fill_flagged, missing_of, parse_amount, published_value};
use crate::import::draft::{Draft, Row, split_goals};
use crate::import::table::{CellKind, Table, label_key};
use crate::indicator::framework;

/// The whole level name when the 二级 cell of row `r` (with no 三级 of
/// its own) completes the one above it into a framework name that
/// neither part is alone.
fn level_tail(table: &Table, r: usize, col: usize, last: &str) -> Option<String> {
    let cell = table.cell(r, col).filter(|c| c.kind != CellKind::Merged)?;
    let tail: String = cell.text.split_whitespace().collect();
    let joined = format!("{last}{tail}");
    let known =
        |t: &str| framework::parent_word(t).is_some() || framework::level1_word(t).is_some();
    (!tail.is_empty() && !last.is_empty() && known(&joined) && !known(last)).then_some(joined)
}

/// True for a label or heading that starts the 实施期/长期 part of a form.
fn is_long_term_heading(text: &str) -> bool {
    let key = label_key(text);
    (key.contains("实施期") || key.contains("长期"))
        && (key.contains("指标") || key.contains("目标"))
}

/// True for a heading cell that names the annual part (年度绩效指标).
fn is_annual_heading(text: &str) -> bool {
    let key = label_key(text);
    key.contains("年度") && key.contains("指标") && !is_long_term_heading(text)
}

/// Reads the indicator table whose header is row `h`, up to `end`.
/// Returns the row after the table's last row (a footer ends it early).
pub(crate) fn indicators(
    table: &Table,
    h: usize,
    end: usize,
    draft: &mut Draft,
) -> Result<usize, Problem> {
    table.place_row(h);
    let keys: Vec<String> = table.rows[h].iter().map(|c| label_key(&c.text)).collect();
    let cols = super::columns::Columns::find(&keys, table, h)?;
    let (mut last1, mut last2, mut long2) = (String::new(), String::new(), String::new());
    // Rows after a 实施期/长期 heading belong to the long-term table: the
    // official layout prints it as a second section below the first.
    let mut long_term = false;
    for r in h + 1..end {
        let cells = distinct(table, r);
        let Some((first_col, first)) = cells.first().copied() else {
            continue;
        };
        if is_footer(&first.text) {
            table.set_aside_row(r, &crate::t!("unplaced-footer"));
            return Ok(r + 1);
        }
        if super::columns::is_indicator_header(&table.rows[r]) {
            table.place_row(r);
            // A second header row: the 实施期 table, when a heading left
            // of it or the row above says so.
            let heading = table.rows[r][..cols.level1.max(1)]
                .iter()
                .chain(table.rows.get(r - 1).into_iter().flatten())
                .any(|c| is_long_term_heading(&c.text));
            if heading {
                long_term = true;
                last1.clear();
                last2.clear();
            }
            continue;
        }
        if field_of(&label_key(&first.text)) == Some(Field::LongTermGoals) {
            table.place(r, first_col);
            if let Some((c, goals)) = cells.get(1) {
                draft.long_term_goals.extend(split_goals(&goals.text));
                table.place(r, *c);
            }
            long_term = true;
            last1.clear();
            last2.clear();
            continue;
        }
        // A heading row of its own (长期绩效指标 across the table).
        if cells.len() == 1 && is_long_term_heading(&first.text) {
            table.place(r, first_col);
            long_term = true;
            last1.clear();
            last2.clear();
            continue;
        }
        // A group label left of the levels (年度绩效指标 / 长期绩效指标 in a
        // merged first column) says which table the row belongs to.
        for c in 0..cols.level1 {
            let text = table.text(r, c);
            if is_long_term_heading(text) {
                if !long_term {
                    last1.clear();
                    last2.clear();
                }
                long_term = true;
                table.place(r, c);
            } else if is_annual_heading(text) || field_of(&label_key(text)) == Some(Field::Group) {
                long_term = false;
                table.place(r, c);
            }
        }
        let text = |col: Option<usize>| {
            col.map(|c| table.text(r, c).to_owned())
                .filter(|t| !t.is_empty())
        };
        if let Some(long_name) = cols.long_name {
            let name = super::one_line(table.text(r, long_name));
            if !name.is_empty() {
                let mut flags = Vec::new();
                let row = Row {
                    level1: fill_flagged(table, r, cols.level1, &mut last1, "一级指标", &mut flags),
                    level2: match cols.long_level2 {
                        Some(c) => fill_flagged(table, r, c, &mut long2, "二级指标", &mut flags),
                        None => String::new(),
                    },
                    name,
                    value: published_value(text(cols.long_value)),
                    missing: missing_of(text(cols.long_value)),
                    flags,
                    ..Row::default()
                };
                draft.long_term_indicators.push(row);
            }
        }
        let indicator = super::one_line(table.text(r, cols.name));
        if indicator.is_empty()
            && let Some(c2) = cols.level2
            && let Some(joined) = level_tail(table, r, c2, &last2)
        {
            // A level name the page broke over two rows
            // (社会公众或服务 / 对象满意度指标): the rows above get it whole.
            let list = if long_term {
                &mut draft.long_term_indicators
            } else {
                &mut draft.indicators
            };
            for row in list.iter_mut().rev().take_while(|row| row.level2 == last2) {
                row.level2 = joined.clone();
                row.flags.push(crate::t!(
                    "flag-level-joined",
                    cell = table.rows[r][c2].origin,
                    level = joined
                ));
            }
            last2 = joined;
            table.place(r, c2);
            continue;
        }
        if indicator.is_empty() {
            if let Some((c, cell)) = cells.first()
                && let Some((label, rest)) = cell.text.split_once(['：', ':'])
                && !rest.trim().is_empty()
            {
                draft
                    .details
                    .push((label.trim().to_owned(), rest.trim().to_owned()));
                table.place(r, *c);
            }
            continue;
        }
        let mut flags = Vec::new();
        if let Some(flag) = &cols.value_flag {
            flags.push(flag.clone());
        }
        let l1 = fill_flagged(table, r, cols.level1, &mut last1, "一级指标", &mut flags);
        let l2 = match cols.level2 {
            Some(c) => fill_flagged(table, r, c, &mut last2, "二级指标", &mut flags),
            None => String::new(),
        };
        let w = match cols.weight.and_then(|c| table.cell(r, c)) {
            Some(cell) => parse_amount(cell, "权重")?.map(|(w, _)| w),
            None => None,
        };
        let value = cols.value.and_then(|c| table.cell(r, c));
        flags.extend(value.and_then(super::number_flag));
        let row = Row {
            level1: l1,
            level2: l2,
            name: indicator,
            value: published_value(text(cols.value)),
            missing: missing_of(text(cols.value)),
            weight: w,
            standard: text(cols.standard),
            explanation: text(cols.explanation),
            direction: text(cols.direction),
            note: text(cols.note),
            flags,
        };
        cols.place(table, r);
        if long_term {
            draft.long_term_indicators.push(row);
            continue;
        }
        if cols.long_value.is_some() && cols.long_name.is_none() {
            let mut long = row.clone();
            long.value = published_value(text(cols.long_value));
            long.missing = missing_of(text(cols.long_value));
            draft.long_term_indicators.push(long);
        }
        draft.indicators.push(row);
    }
    Ok(end)
}
