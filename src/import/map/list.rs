//! The list layout: one indicator per row, the project columns repeated
//! (CSV) or merged vertically (xlsx), as Sichuan's 部门预算项目绩效目标申报表:
//! 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | 二级指标 | 三级指标 |
//! 指标性质 | 指标值 | 度量单位 | 权重 | 指标方向性.
//!
//! Many projects and several units may share one sheet; a project ends
//! where the unit or project name changes.

use super::columns;
use super::{
    Problem, fill_flagged, inexact_flag, missing_of, parse_amount, published_value, split_unit,
    unit_note, year_in,
};
use crate::import::amount::Unit;
use crate::import::draft::{Draft, Row, UnitRef, split_goals};
use crate::import::table::{CellKind, Table, label_key};

/// Which column holds what; found from the header row's labels.
#[derive(Default)]
struct Columns {
    unit: Option<usize>,
    code: Option<usize>,
    name: usize,
    amount: Option<usize>,
    goals: Option<usize>,
    level1: usize,
    level2: usize,
    level3: usize,
    op: Option<usize>,
    value: Option<usize>,
    measure: Option<usize>,
    weight: Option<usize>,
    direction: Option<usize>,
    standard: Option<usize>,
    explanation: Option<usize>,
    year: Option<usize>,
}

impl Columns {
    /// Every column the list reads.
    fn claimed(&self) -> Vec<usize> {
        [
            self.unit,
            self.code,
            Some(self.name),
            self.amount,
            self.goals,
            Some(self.level1),
            Some(self.level2),
            Some(self.level3),
            self.op,
            self.value,
            self.measure,
            self.weight,
            self.direction,
            self.standard,
            self.explanation,
            self.year,
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

fn header(table: &Table) -> Option<(usize, Columns, Option<Unit>)> {
    for (r, row) in table.rows.iter().enumerate().take(30) {
        let keys: Vec<String> = row.iter().map(|c| label_key(&c.text)).collect();
        let find = |names: &[&str]| keys.iter().position(|k| names.contains(&k.as_str()));
        let (Some(name), Some(level1), Some(level2), Some(level3)) = (
            find(&["项目名称"]),
            find(&["一级指标"]),
            find(&["二级指标"]),
            find(&["三级指标", "指标名称", "三级指标名称"]),
        ) else {
            continue;
        };
        let amount = keys.iter().position(|k| {
            [
                "预算数",
                "金额",
                "项目金额",
                "资金总额",
                "预算金额",
                "年度资金总额",
                "项目资金",
            ]
            .iter()
            .any(|p| k.starts_with(p))
        });
        let unit = amount
            .and_then(|a| Unit::named_in(&row[a].text))
            .or_else(|| unit_note(table, r));
        let cols = Columns {
            unit: find(&["单位名称", "单位", "预算单位", "部门名称", "单位编码及名称"]),
            code: find(&["项目编码", "项目代码"]),
            name,
            amount,
            goals: find(&["年度目标", "绩效目标", "年度绩效目标", "项目年度目标"]),
            level1,
            level2,
            level3,
            op: find(&["指标性质", "运算符号", "符号", "指标值符号", "比较符"]),
            value: keys
                .iter()
                .enumerate()
                .position(|(c, k)| c != level3 && c != name && columns::is_value_header(k)),
            measure: find(&["度量单位", "计量单位", "单位符号", "指标值单位"]),
            weight: find(&["权重", "分值", "权重分值"]),
            direction: find(&["指标方向性", "指标方向"]),
            standard: find(&["绩效标准", "评分标准"]),
            explanation: find(&["指标解释", "指标说明"]),
            year: find(&["年度", "预算年度"]),
        };
        return Some((r, cols, unit));
    }
    None
}

/// Reads every project of a list-style table, or `None` when the table
/// has no list header (then another layout may fit).
pub(crate) fn map(table: &Table) -> Result<Option<Vec<Draft>>, Problem> {
    let Some((head, cols, unit)) = header(table) else {
        return Ok(None);
    };
    if cols.value.is_none() {
        return Err(Problem {
            at: table.cell(head, cols.level3).map(|c| c.origin),
            message: crate::t!(
                "import-no-value-column",
                row = head + 1,
                headers = table.rows[head]
                    .iter()
                    .map(|c| label_key(&c.text))
                    .filter(|k| !k.is_empty())
                    .collect::<Vec<_>>()
                    .join(" | ")
            ),
            help: crate::t!("import-no-value-column-help"),
            no_header: false,
        });
    }
    let claimed = cols.claimed();
    let context_year = head_of_list(table, head, &claimed);
    let mut drafts: Vec<Draft> = Vec::new();
    let mut last = Fill::default();
    for r in head + 1..table.rows.len() {
        let row = &table.rows[r];
        if row.iter().all(|c| c.text.trim().is_empty()) {
            continue;
        }
        if row
            .iter()
            .find(|c| !c.text.trim().is_empty())
            .is_some_and(|c| super::labels::is_footer(&c.text))
        {
            // A signature or footer line ends the list.
            for rest in r..table.rows.len() {
                table.set_aside_row(rest, &crate::t!("unplaced-footer"));
            }
            break;
        }
        let get = |col: Option<usize>| col.map_or("", |c| table.text(r, c));
        // Unmerged blanks in the project columns repeat the row above.
        let unit_text = fill(get(cols.unit), &mut last.unit);
        let name = fill(get(Some(cols.name)), &mut last.name);
        if name.is_empty() {
            continue;
        }
        if label_key(&name) == "合计" || label_key(&name) == "项目名称" {
            if label_key(&name) == "项目名称" {
                table.place_row(r); // a repeated header
            } else {
                table.set_aside_row(r, &crate::t!("unplaced-typed-total", sum = "—"));
            }
            continue;
        }
        // Two projects may share a name; a 项目编码 written on the row tells
        // them apart.
        let project_code = get(cols.code);
        let new_project = drafts.last().is_none_or(|d| {
            d.name != name
                || last.started_unit != unit_text
                || (!project_code.is_empty() && d.code.as_deref() != Some(project_code))
        });
        if new_project {
            last.started_unit = unit_text.clone();
            last.level1.clear();
            last.level2.clear();
            let (code, unit_name) = split_unit(&unit_text);
            let mut draft = Draft {
                part: table.part.clone(),
                unit: UnitRef {
                    code,
                    name: (!unit_name.is_empty()).then_some(unit_name),
                },
                year: get(cols.year).parse().ok().or(context_year),
                name: name.clone(),
                code: Some(project_code.to_owned()).filter(|c| !c.is_empty()),
                goals: split_goals(get(cols.goals)),
                amount_unit: unit,
                ..Draft::default()
            };
            if let Some(cell) = cols.amount.and_then(|c| table.cell(r, c)) {
                if let Some((value, written)) = parse_amount(cell, "预算数")? {
                    draft.amount = Some(value);
                    draft.amount_unit = written.or(unit);
                }
                draft.flags.extend(inexact_flag(cell));
            }
            drafts.push(draft);
        } else if let (Some(c), Some(draft)) = (cols.amount, drafts.last_mut())
            && let Some(cell) = table.cell(r, c)
            && cell.kind != CellKind::Merged
            && let Some((value, _)) = parse_amount(cell, "预算数")?
            && draft.amount.is_some_and(|a| a != value)
        {
            draft.flags.push(crate::t!(
                "flag-amount-differs",
                cell = cell.origin,
                text = cell.text
            ));
        }
        let draft = drafts.last_mut().expect("pushed above");
        let mut flags = Vec::new();
        let level1 = fill_flagged(
            table,
            r,
            cols.level1,
            &mut last.level1,
            "一级指标",
            &mut flags,
        );
        let level2 = fill_flagged(
            table,
            r,
            cols.level2,
            &mut last.level2,
            "二级指标",
            &mut flags,
        );
        let indicator = table.text(r, cols.level3).to_owned();
        if indicator.is_empty() && level1.is_empty() {
            continue;
        }
        for c in &claimed {
            table.place(r, *c);
        }
        flags.extend(
            cols.value
                .and_then(|c| table.cell(r, c))
                .and_then(super::number_flag),
        );
        let value = compose_value(get(cols.op), get(cols.value), get(cols.measure));
        let weight = match cols.weight.and_then(|c| table.cell(r, c)) {
            Some(cell) => parse_amount(cell, "权重")?.map(|(w, _)| w),
            None => None,
        };
        let text = |col: Option<usize>| Some(get(col).to_owned()).filter(|t| !t.is_empty());
        draft.indicators.push(Row {
            level1,
            level2,
            name: indicator,
            missing: missing_of(value.clone()),
            value: published_value(value),
            weight,
            standard: text(cols.standard),
            explanation: text(cols.explanation),
            direction: text(cols.direction),
            note: None,
            flags,
        });
    }
    Ok(Some(drafts))
}

/// The rows above a list's header `head` (a title, the unit note) and
/// the header itself, recorded; the columns no field of `claimed` takes,
/// set aside with their header. Returns the year the title states.
pub(crate) fn head_of_list(table: &Table, head: usize, claimed: &[usize]) -> Option<u16> {
    for r in 0..head {
        table.set_aside_row(r, &crate::t!("unplaced-title"));
        for (c, cell) in table.rows[r].iter().enumerate() {
            if year_in(&cell.text).is_some() || cell.text.contains("单位") {
                table.place(r, c);
            }
        }
    }
    table.place_row(head);
    for (c, cell) in table.rows[head].iter().enumerate() {
        if !claimed.contains(&c) {
            let reason = crate::t!("unplaced-column", header = cell.text.trim());
            for r in head + 1..table.rows.len() {
                table.set_aside(r, c, &reason);
            }
        }
    }
    table.rows[..head]
        .iter()
        .flatten()
        .map(|c| c.text.as_str())
        .chain(table.context.iter().map(String::as_str))
        .find_map(year_in)
}

#[derive(Default)]
struct Fill {
    unit: String,
    name: String,
    started_unit: String,
    level1: String,
    level2: String,
}

fn fill(text: &str, last: &mut String) -> String {
    if !text.is_empty() {
        *last = text.to_owned();
    }
    last.clone()
}

/// 指标性质 + 指标值 + 度量单位 → one value (`≥` `95` `%` → `≥95%`).
/// The comparator is kept as printed (`=`, `不低于`, `大于等于`); only
/// pure glyph variants are folded (`≧` → `≥`, `>=` → `≥`). 定性/定量
/// name the kind of value, not a comparison, and add nothing. An empty
/// 指标值 means no value at all.
pub(crate) fn compose_value(op: &str, value: &str, measure: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let op = crate::indicator::value::fold_comparator(op.trim());
    let op = match op.as_str() {
        "定性" | "定量" | "定性指标" | "定量指标" => "",
        o if value.starts_with(o) => "",
        o => o,
    };
    let measure = measure.trim();
    let measure = if value.ends_with(measure) {
        ""
    } else {
        measure
    };
    Some(format!("{op}{value}{measure}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projects_split_on_unit_name_and_code() {
        let table = crate::import::table::grid(&[
            &["单位：元", "", "", "", "", "", "", ""],
            &[
                "单位名称",
                "项目编码",
                "项目名称",
                "预算数",
                "一级指标",
                "二级指标",
                "三级指标",
                "指标值",
            ],
            &[
                "101-甲局",
                "P1",
                "培训",
                "1,000",
                "产出指标",
                "数量指标",
                "人次",
                "10人次",
            ],
            &["=", "=", "=", "=", "=", "质量指标", "合格率", "95%"],
            &[
                "101-甲局",
                "P2",
                "培训",
                "2,000",
                "产出指标",
                "数量指标",
                "人次",
                "20人次",
            ],
            &["", "", "", "", "", "", "期数", "2期"],
            &[
                "102-乙局",
                "P2",
                "培训",
                "2,000",
                "产出指标",
                "数量指标",
                "人次",
                "5人次",
            ],
        ]);
        let drafts = map(&table).unwrap().unwrap();
        assert_eq!(drafts.len(), 3);
        assert_eq!(drafts[0].indicators.len(), 2);
        assert!(
            drafts[0].indicators[1].flags.is_empty(),
            "merged, not guessed"
        );
        assert_eq!(drafts[0].amount_unit, Some(Unit::Yuan));
        assert_eq!(drafts[1].code.as_deref(), Some("P2"));
        assert_eq!(drafts[1].indicators[1].level2, "数量指标");
        assert_eq!(
            drafts[1].indicators[1].flags.len(),
            2,
            "blank, unmerged: filled and flagged"
        );
        assert_eq!(drafts[2].unit.code.as_deref(), Some("102"));
    }

    #[test]
    fn values_are_composed_from_three_columns() {
        assert_eq!(compose_value("≥", "95", "%").as_deref(), Some("≥95%"));
        assert_eq!(compose_value("定性", "优", "").as_deref(), Some("优"));
        assert_eq!(compose_value("＝", "12", "个").as_deref(), Some("=12个"));
        assert_eq!(compose_value("≧", "90", "%").as_deref(), Some("≥90%"));
        assert_eq!(
            compose_value("不低于", "90", "%").as_deref(),
            Some("不低于90%")
        );
        assert_eq!(compose_value(">=", "3", "次").as_deref(), Some("≥3次"));
        assert_eq!(compose_value("≤", "", "%"), None);
    }
}
