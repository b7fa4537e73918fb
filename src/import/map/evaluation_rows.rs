//! The indicator table of a 自评表: its columns (一级 | 二级 | 三级 |
//! 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施, in the
//! variants provinces print) and the reading of one row, shared by the
//! form and the list layouts of [`super::evaluation`].
//!
//! The 实际完成值 column is what makes a table a 自评表, so it is found by
//! its published names only (实际完成值, 完成值, 全年实际值, 全年完成值 …);
//! a target table's empty 完成情况 column never turns it into one.

use super::columns::{LEVEL1, LEVEL2, LEVEL3, WEIGHT, is_value_header};
use super::{fill_flagged, missing_of, published_value};
use crate::import::draft::Missing;
use crate::import::evaluation::ResultRow;
use crate::import::table::{Table, label_key};

/// Headers of the 实际完成值 column.
pub(crate) fn is_actual_header(key: &str) -> bool {
    key.ends_with("完成值")
        || key.ends_with("实际值")
        || matches!(key, "实际完成" | "完成数" | "实际完成数" | "全年实际完成值")
}

/// Headers of the 偏差原因 column.
fn is_deviation_header(key: &str) -> bool {
    key.contains("偏差") || key.contains("未完成原因") || key.contains("原因分析")
}

/// Column positions of one 自评表 indicator table.
#[derive(Debug, Clone, Default)]
pub(crate) struct ResultColumns {
    pub(crate) level1: usize,
    pub(crate) level2: Option<usize>,
    pub(crate) name: usize,
    pub(crate) target: Option<usize>,
    /// 指标性质 and 度量单位 around a bare 指标值 (四川 一体化 export).
    pub(crate) op: Option<usize>,
    pub(crate) measure: Option<usize>,
    pub(crate) actual: usize,
    pub(crate) weight: Option<usize>,
    pub(crate) score: Option<usize>,
    pub(crate) deviation: Option<usize>,
}

impl ResultColumns {
    /// The columns of header row `h`, when it is a 自评表 indicator header:
    /// a 一级 column, a 三级 column and a 实际完成值 column.
    pub(crate) fn find(table: &Table, h: usize) -> Option<ResultColumns> {
        let keys: Vec<String> = table.rows[h].iter().map(|c| label_key(&c.text)).collect();
        let find = |names: &[&str]| keys.iter().position(|k| names.contains(&k.as_str()));
        let level1 = find(LEVEL1)?;
        let level2 = find(LEVEL2);
        let name = find(LEVEL3).or(level2.map(|c| c + 1))?;
        let actual = keys.iter().position(|k| is_actual_header(k))?;
        let target = keys
            .iter()
            .enumerate()
            .position(|(c, k)| c != actual && c != name && is_value_header(k));
        Some(ResultColumns {
            level1,
            level2,
            name,
            target,
            op: find(&["指标性质", "运算符号", "符号"]),
            measure: find(&["度量单位", "计量单位", "单位符号"]),
            actual,
            weight: find(WEIGHT),
            score: keys.iter().position(|k| k == "得分" || k == "自评得分"),
            deviation: keys.iter().position(|k| is_deviation_header(k)),
        })
    }

    /// Every column the table reads.
    pub(crate) fn claimed(&self) -> Vec<usize> {
        [
            Some(self.level1),
            self.level2,
            Some(self.name),
            self.target,
            self.op,
            self.measure,
            Some(self.actual),
            self.weight,
            self.score,
            self.deviation,
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// The 一级/二级 in force, as merged cells carry them down.
#[derive(Default)]
pub(crate) struct Levels {
    pub(crate) level1: String,
    pub(crate) level2: String,
    /// Where the levels in force were written: placed by the first row
    /// that uses them, so a level over rows is never listed as unused.
    from: [Option<(usize, usize)>; 2],
}

impl Levels {
    fn note(&mut self, table: &Table, r: usize, c: usize, i: usize) {
        if table.cell(r, c).is_some_and(|x| {
            !x.text.trim().is_empty() && x.kind != crate::import::table::CellKind::Merged
        }) {
            self.from[i] = Some((r, c));
        }
    }
}

/// A level name without the points a form prints after it
/// (`产出指标（50分）`): the points are the sum of the rows' 分值.
pub(crate) fn without_points(text: &str) -> String {
    let t = text.trim();
    if let Some(open) = t.rfind(['（', '('])
        && t[open..].ends_with([')', '）'])
        && t[open..].contains('分')
    {
        return t[..open].trim().to_owned();
    }
    t.to_owned()
}

/// A row of the template left as printed: `指标2`, `……`.
fn is_placeholder(name: &str) -> bool {
    let n = name.trim();
    n.chars().all(|c| matches!(c, '…' | '.' | '。' | '—'))
        || n.strip_prefix("指标")
            .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
}

/// A decimal from a 分值/得分 cell, or a review flag naming the cell
/// when it holds something else (formula text, words).
pub(crate) fn number_at(
    table: &Table,
    r: usize,
    col: Option<usize>,
    label: &str,
    flags: &mut Vec<String>,
) -> Option<rust_decimal::Decimal> {
    let cell = table.cell(r, col?)?;
    let text = cell.text.trim();
    if crate::import::evaluation::is_none_mark(text) {
        return None;
    }
    match crate::import::amount::parse(text) {
        Ok(Some((d, None))) => {
            flags.extend(super::inexact_flag(cell));
            Some(d)
        }
        _ => {
            flags.push(crate::t!(
                "flag-eval-not-a-number",
                label = label,
                cell = cell.origin,
                text = text
            ));
            None
        }
    }
}

/// What one table row is, once read.
pub(crate) enum Read {
    Row(Box<ResultRow>),
    /// A level label or template placeholder with no indicator.
    Skip,
}

/// Reads row `r` as an indicator row. `ocr` makes an empty 实际完成值
/// "could not be read" rather than "left blank".
pub(crate) fn read_row(
    table: &Table,
    r: usize,
    cols: &ResultColumns,
    levels: &mut Levels,
    ocr: bool,
) -> Read {
    let mut flags = Vec::new();
    levels.note(table, r, cols.level1, 0);
    if let Some(c) = cols.level2 {
        levels.note(table, r, c, 1);
    }
    let l1 = fill_flagged(
        table,
        r,
        cols.level1,
        &mut levels.level1,
        "一级指标",
        &mut flags,
    );
    levels.level1 = without_points(&levels.level1);
    let l2 = match cols.level2 {
        Some(c) => {
            let l2 = fill_flagged(table, r, c, &mut levels.level2, "二级指标", &mut flags);
            levels.level2 = without_points(&levels.level2);
            without_points(&l2)
        }
        None => String::new(),
    };
    let name = super::one_line(table.text(r, cols.name));
    let text = |col: Option<usize>| {
        col.map(|c| table.text(r, c).to_owned())
            .filter(|t| !t.is_empty())
    };
    let rest_empty = [cols.target, Some(cols.actual), cols.score]
        .into_iter()
        .all(|c| text(c).is_none());
    if name.is_empty() || (is_placeholder(&name) && rest_empty) {
        // A level printed with no indicator under it, or a template row.
        if !name.is_empty() || !rest_empty {
            table.set_aside_row(r, &crate::t!("unplaced-eval-placeholder"));
        }
        for c in [Some(cols.level1), cols.level2].into_iter().flatten() {
            table.set_aside(r, c, &crate::t!("unplaced-eval-placeholder"));
        }
        return Read::Skip;
    }
    let target = match (cols.op, cols.measure) {
        (None, None) => text(cols.target),
        (op, measure) => crate::import::map::list::compose_value(
            &text(op).unwrap_or_default(),
            &text(cols.target).unwrap_or_default(),
            &text(measure).unwrap_or_default(),
        ),
    };
    let written = text(Some(cols.actual));
    let (actual, missing) = match (published_value(written.clone()), missing_of(written)) {
        (None, _) if ocr => {
            flags.push(crate::t!("flag-eval-ocr-no-actual"));
            (None, Some(Missing::Unreadable))
        }
        (value, missing) => (value, missing),
    };
    flags.extend(table.cell(r, cols.actual).and_then(super::number_flag));
    let weight = number_at(table, r, cols.weight, "分值", &mut flags);
    let score = number_at(table, r, cols.score, "得分", &mut flags);
    cols_place(table, r, cols);
    for (fr, fc) in levels.from.iter().flatten() {
        table.place(*fr, *fc);
    }
    Read::Row(Box::new(ResultRow {
        level1: without_points(&l1),
        level2: l2,
        name,
        target,
        actual,
        missing,
        weight,
        score,
        deviation: text(cols.deviation),
        flags,
    }))
}

fn cols_place(table: &Table, r: usize, cols: &ResultColumns) {
    for c in cols.claimed() {
        table.place(r, c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::table::grid;

    #[test]
    fn columns_in_the_official_and_the_sichuan_layouts() {
        let t = grid(&[&[
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ]]);
        let c = ResultColumns::find(&t, 0).unwrap();
        assert_eq!(
            (c.target, c.actual, c.weight, c.score, c.deviation),
            (Some(3), 4, Some(5), Some(6), Some(7))
        );
        let t = grid(&[&[
            "一级指标",
            "二级指标",
            "三级指标",
            "指标性质",
            "指标值",
            "度量单位",
            "完成值",
            "权重",
            "得分",
            "未完成原因分析",
        ]]);
        let c = ResultColumns::find(&t, 0).unwrap();
        assert_eq!(
            (c.op, c.target, c.measure, c.actual),
            (Some(3), Some(4), Some(5), 6)
        );
        let t = grid(&[&["一级指标", "二级指标", "三级指标", "指标值", "完成情况"]]);
        assert!(ResultColumns::find(&t, 0).is_none(), "a target table");
    }

    #[test]
    fn points_after_a_level_are_layout() {
        assert_eq!(without_points("产出指标（50分）"), "产出指标");
        assert_eq!(without_points("产出指标(70分)"), "产出指标");
        assert_eq!(without_points("满意度指标"), "满意度指标");
        assert!(is_placeholder("指标2"));
        assert!(is_placeholder("……"));
        assert!(!is_placeholder("指标1工程资金金额"));
    }
}
