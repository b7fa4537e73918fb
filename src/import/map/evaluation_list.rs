//! The list layout of a 自评表: one indicator per row, the project's
//! columns (单位, 项目名称, 年初预算数, 全年预算数, 全年执行数, 执行率, 总分 …)
//! repeated or merged down, as 一体化 systems export the year's
//! self-evaluations. A project ends where its unit or name changes.
//!
//! A project column that says something else on a later row of the same
//! project is never dropped: the cell is listed as not placed.

use super::evaluation::{eval_field, split_code};
use super::evaluation_rows::{Levels, Read, ResultColumns, number_at, read_row};
use super::labels::{Field, is_footer};
use super::{Problem, parse_amount, split_unit, unit_note};
use crate::import::amount::Unit;
use crate::import::draft::{Draft, UnitRef};
use crate::import::evaluation::{EvalDraft, stated_rate_flag};
use crate::import::table::{CellKind, Table, label_key};

/// The project columns of the list.
#[derive(Default)]
struct ProjectCols {
    unit: Option<usize>,
    name: usize,
    code: Option<usize>,
    year: Option<usize>,
    initial: Option<usize>,
    full_year: Option<usize>,
    executed: Option<usize>,
    rate: Option<usize>,
    budget_score: Option<usize>,
    objective: Option<usize>,
    outcome: Option<usize>,
    total: Option<usize>,
    grade: Option<usize>,
}

impl ProjectCols {
    fn find(table: &Table, h: usize) -> Option<ProjectCols> {
        let keys: Vec<String> = table.rows[h].iter().map(|c| label_key(&c.text)).collect();
        let find = |names: &[&str]| keys.iter().position(|k| names.contains(&k.as_str()));
        Some(ProjectCols {
            unit: keys.iter().position(|k| {
                matches!(eval_field(k), Some(Field::Department | Field::Implementer))
                    || matches!(k.as_str(), "单位名称" | "单位" | "预算单位")
            }),
            name: keys
                .iter()
                .position(|k| eval_field(k) == Some(Field::Name))?,
            code: find(&["项目编码", "项目代码"]),
            year: find(&["年度", "预算年度", "评价年度"]),
            initial: find(&["年初预算数", "年初预算"]),
            full_year: find(&["全年预算数", "调整后预算数", "调整预算数"]),
            executed: find(&["全年执行数", "预算执行数", "执行数"]),
            rate: find(&["执行率", "预算执行率"]),
            budget_score: find(&["执行率得分", "预算执行率得分", "预算执行得分"]),
            objective: find(&["年度总体目标", "预期目标", "年度目标", "年初设定目标"]),
            outcome: keys.iter().position(|k| k.contains("完成情况")),
            total: find(&["总分", "自评总分", "自评得分合计"]),
            grade: find(&["评价等级", "自评等级", "等级"]),
        })
    }

    fn claimed(&self) -> Vec<usize> {
        [
            self.unit,
            Some(self.name),
            self.code,
            self.year,
            self.initial,
            self.full_year,
            self.executed,
            self.rate,
            self.budget_score,
            self.objective,
            self.outcome,
            self.total,
            self.grade,
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// Reads every project of a list whose header is row `h`.
pub(crate) fn map(
    table: &Table,
    h: usize,
    cols: &ResultColumns,
    ocr: bool,
) -> Result<Vec<Draft>, Problem> {
    let Some(pc) = ProjectCols::find(table, h) else {
        return Ok(Vec::new());
    };
    let mut claimed = pc.claimed();
    claimed.extend(cols.claimed());
    let context_year = super::list::head_of_list(table, h, &claimed);
    let unit = table.rows[h]
        .iter()
        .find_map(|c| Unit::named_in(&c.text).filter(|_| c.text.contains("数")))
        .or_else(|| unit_note(table, h));
    let mut drafts: Vec<Draft> = Vec::new();
    let (mut last_unit, mut last_name) = (String::new(), String::new());
    let mut first_row = 0;
    let mut levels = Levels::default();
    for r in h + 1..table.rows.len() {
        let row = &table.rows[r];
        let Some(first) = row.iter().find(|c| !c.text.trim().is_empty()) else {
            continue;
        };
        if is_footer(&first.text) {
            for rest in r..table.rows.len() {
                table.set_aside_row(rest, &crate::t!("unplaced-footer"));
            }
            break;
        }
        let get = |c: Option<usize>| c.map_or("", |c| table.text(r, c));
        if !get(Some(pc.name)).is_empty() {
            last_name = get(Some(pc.name)).to_owned();
        }
        if !get(pc.unit).is_empty() {
            last_unit = get(pc.unit).to_owned();
        }
        if last_name.is_empty() {
            continue;
        }
        let new = drafts.last().is_none_or(|d| {
            d.name != super::one_line(&last_name)
                || d.unit.name.as_deref() != Some(split_unit(&last_unit).1.as_str())
        });
        if new {
            first_row = r;
            levels = Levels::default();
            drafts.push(project(
                table,
                r,
                &pc,
                &last_unit,
                &last_name,
                unit,
                context_year,
            )?);
        } else {
            repeated(table, first_row, r, &pc);
        }
        let draft = drafts.last_mut().expect("pushed above");
        if let Read::Row(row) = read_row(table, r, cols, &mut levels, ocr) {
            draft
                .evaluation
                .as_mut()
                .expect("an evaluation draft")
                .indicators
                .push(*row);
        }
    }
    Ok(drafts)
}

/// The project that starts at row `r`.
fn project(
    table: &Table,
    r: usize,
    pc: &ProjectCols,
    unit_text: &str,
    name: &str,
    unit: Option<Unit>,
    context_year: Option<u16>,
) -> Result<Draft, Problem> {
    let get = |c: Option<usize>| c.map_or("", |c| table.text(r, c));
    let text = |c: Option<usize>| Some(get(c).to_owned()).filter(|t| !t.is_empty());
    for c in pc.claimed() {
        table.place(r, c);
    }
    let (code, unit_name) = split_unit(unit_text);
    let name = super::one_line(name);
    let mut eval = EvalDraft {
        amount_unit: unit,
        objective: text(pc.objective),
        outcome: text(pc.outcome),
        grade: text(pc.grade),
        ..EvalDraft::default()
    };
    let amount = |c: Option<usize>, field: &str| -> Result<_, Problem> {
        match c.and_then(|c| table.cell(r, c)) {
            Some(cell) => Ok(parse_amount(cell, field)?.map(|(d, _)| d)),
            None => Ok(None),
        }
    };
    eval.budget.initial = amount(pc.initial, "年初预算数")?;
    eval.budget.full_year = amount(pc.full_year, "全年预算数")?;
    eval.budget.executed = amount(pc.executed, "全年执行数")?;
    let mut flags = Vec::new();
    eval.budget.score = number_at(table, r, pc.budget_score, "得分", &mut flags);
    eval.total_score = number_at(table, r, pc.total, "总分", &mut flags);
    if let Some(cell) = pc.rate.and_then(|c| table.cell(r, c)) {
        flags.extend(stated_rate_flag(
            &cell.text,
            &eval.budget,
            &cell.origin.to_string(),
        ));
    }
    eval.budget_flags = flags;
    Ok(Draft {
        part: table.part.clone(),
        unit: UnitRef {
            code,
            name: (!unit_name.is_empty()).then_some(unit_name),
        },
        year: get(pc.year).parse().ok().or(context_year),
        code: text(pc.code).or_else(|| split_code(&name).0.map(str::to_owned)),
        name,
        evaluation: Some(Box::new(eval)),
        ..Draft::default()
    })
}

/// A later row of the same project: its project cells repeat the first
/// row's (placed) or are merged copies; a cell that says something else
/// is listed as not placed.
fn repeated(table: &Table, first: usize, r: usize, pc: &ProjectCols) {
    for c in pc.claimed() {
        let Some(cell) = table.cell(r, c) else {
            continue;
        };
        if cell.kind == CellKind::Merged || cell.text.trim() == table.text(first, c) {
            table.place(r, c);
        } else {
            table.set_aside(
                r,
                c,
                &crate::t!("unplaced-eval-differs", first = table.text(first, c)),
            );
        }
    }
}
