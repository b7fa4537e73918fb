//! The budget block of a 自评表 form: the header row naming 年初预算数 /
//! 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分 (and 四川's 年初预算 / 调整后预算数
//! / 预算执行数 / 权重), the 年度资金总额 row that gives the figures, and the
//! 资金来源 rows under it, which are kept in `notes`. The stated 执行率 is
//! compared with the computed one, never stored.

use rust_decimal::Decimal;

use super::Problem;
use super::parse_amount;
use crate::import::evaluation::{EvalDraft, is_none_mark, stated_rate_flag};
use crate::import::map::labels::label_text;
use crate::import::table::{Cell, Table, label_key};

/// Labels of the budget header row, by field.
const INITIAL: &[&str] = &["年初预算数", "年初预算", "年初数"];
const FULL_YEAR: &[&str] = &[
    "全年预算数",
    "调整后预算数",
    "调整预算数",
    "预算数",
    "全年预算",
];
const EXECUTED: &[&str] = &[
    "全年执行数",
    "预算执行数",
    "执行数",
    "全年执行",
    "实际执行数",
];
const RATE: &[&str] = &["执行率", "预算执行率"];
const REASON: &[&str] = &["原因", "偏差原因", "备注"];
/// The row that gives the budget figures (its 其中 rows are sources).
pub(super) const TOTAL: &[&str] = &[
    "年度资金总额",
    "总额",
    "资金总额",
    "年度财政资金总额",
    "项目资金总额",
    "合计",
];

/// Column positions of the budget block.
#[derive(Default)]
pub(super) struct BudgetCols {
    initial: Option<usize>,
    full_year: usize,
    executed: usize,
    weight: Option<usize>,
    rate: Option<usize>,
    score: Option<usize>,
    reason: Option<usize>,
}

impl BudgetCols {
    pub(super) fn find(table: &Table, r: usize) -> Option<BudgetCols> {
        let keys: Vec<String> = table.rows[r].iter().map(|c| label_key(&c.text)).collect();
        let find = |names: &[&str]| keys.iter().position(|k| names.contains(&k.as_str()));
        Some(BudgetCols {
            initial: find(INITIAL),
            full_year: find(FULL_YEAR)?,
            executed: find(EXECUTED)?,
            weight: find(super::columns::WEIGHT),
            rate: find(RATE),
            score: find(&["得分"]),
            reason: find(REASON),
        })
    }

    pub(super) fn first(&self) -> usize {
        [Some(self.full_year), Some(self.executed), self.initial]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(0)
    }

    /// The figure columns, each with the header it is named by in notes.
    fn figures(&self) -> Vec<(usize, &'static str)> {
        [
            (self.initial, "年初预算数"),
            (Some(self.full_year), "全年预算数"),
            (Some(self.executed), "全年执行数"),
        ]
        .into_iter()
        .filter_map(|(c, n)| c.map(|c| (c, n)))
        .collect()
    }
}

/// True when the cells of row `r` under the budget figures are figures,
/// blanks or `/`.
pub(super) fn money_row(table: &Table, r: usize, cols: &BudgetCols) -> bool {
    cols.figures().iter().all(|(c, _)| {
        let t = table.text(r, *c);
        is_none_mark(t) || crate::import::amount::parse(t).is_ok()
    })
}

/// A figure of the budget block, exact, or `None` for a blank or `/`.
fn figure(table: &Table, r: usize, c: usize, field: &str) -> Result<Option<Decimal>, Problem> {
    let Some(cell) = table.cell(r, c) else {
        return Ok(None);
    };
    if is_none_mark(&cell.text) {
        return Ok(None);
    }
    Ok(parse_amount(cell, field)?.map(|(d, _)| d))
}

/// A row of the budget block: the 年度资金总额 row gives the figures; a
/// 资金来源 row (其中：当年财政拨款, 上年结转资金 …) is written to `notes`.
pub(super) fn money(
    table: &Table,
    r: usize,
    lc: usize,
    label: &Cell,
    cols: &BudgetCols,
    total_read: &mut bool,
    eval: &mut EvalDraft,
) -> Result<(), Problem> {
    table.place(r, lc);
    let name = label_text(&label.text);
    let is_total = TOTAL.contains(&label_key(&label.text).as_str());
    if is_total && !*total_read {
        *total_read = true;
        let b = &mut eval.budget;
        b.initial = match cols.initial {
            Some(c) => figure(table, r, c, "年初预算数")?,
            None => None,
        };
        b.full_year = figure(table, r, cols.full_year, "全年预算数")?;
        b.executed = figure(table, r, cols.executed, "全年执行数")?;
        let mut flags = Vec::new();
        for (c, label) in [(cols.weight, "分值"), (cols.score, "得分")] {
            let value = super::evaluation_rows::number_at(table, r, c, label, &mut flags);
            match label {
                "分值" => eval.budget.weight = value,
                _ => eval.budget.score = value,
            }
        }
        if let Some(c) = cols.rate
            && let Some(cell) = table.cell(r, c)
        {
            flags.extend(stated_rate_flag(
                &cell.text,
                &eval.budget,
                &cell.origin.to_string(),
            ));
        }
        eval.budget.note = cols
            .reason
            .map(|c| table.text(r, c).to_owned())
            .filter(|t| !t.is_empty());
        for (c, cell) in table.rows[r].iter().enumerate() {
            if !cell.text.trim().is_empty() && c != lc {
                table.place(r, c);
            }
        }
        for (c, _) in cols.figures() {
            if let Some(cell) = table.cell(r, c) {
                flags.extend(super::inexact_flag(cell));
            }
        }
        eval.budget_flags.extend(flags);
        return Ok(());
    }
    // A 资金来源 line: its figures, by the header's names, in `notes`.
    let mut parts = Vec::new();
    for (c, header) in cols.figures() {
        if let Some(d) = figure(table, r, c, &name)? {
            parts.push(format!("{header} {d}"));
        }
        table.place(r, c);
    }
    for c in [cols.weight, cols.rate, cols.score, cols.reason]
        .into_iter()
        .flatten()
    {
        let t = table.text(r, c);
        if is_none_mark(t) {
            table.place(r, c);
        } else if Some(c) == cols.rate {
            // A source's own rate: kept with its figures.
            parts.push(format!("执行率 {t}"));
            table.place(r, c);
        }
    }
    if !parts.is_empty() {
        eval.notes.push(format!("{name}：{}", parts.join("，")));
    }
    Ok(())
}
