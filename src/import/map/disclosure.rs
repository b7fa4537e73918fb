//! The 公开表 layout (Qinghai's published tables and the OCR of their
//! scans): one table whose columns are 单位编码 | 单位及项目名称 | 金额 |
//! 绩效目标 | 一级 | 二级 | 三级 | 指标值, a department row, a 合计 row,
//! then each project's first row followed by its indicator rows.
//!
//! OCR slides cells left and right and sometimes flattens a whole
//! indicator block into one line. So rows are read by meaning, not only by
//! column: a known 一级/二级 name is a level wherever it sits, the other
//! cells are the 三级指标 and its value in order, and every departure from
//! the expected column becomes a review flag on that row.

use super::ocr_rows::{Levels, Token, is_level1, line_row, stream_rows, tokens};
use super::{Problem, parse_amount};
use crate::import::amount::{self, Unit};
use crate::import::draft::{Draft, UnitRef, split_goals};
use crate::import::table::{CellKind, Table, label_key};
use crate::import::text::{IGNORED, UNTITLED};
use crate::indicator::framework::parent_word as parent_of;

/// Column positions found in the header.
struct Columns {
    code: usize,
    name: usize,
    amount: usize,
    goals: usize,
    /// The 一级指标 column; 二级, 三级 and 指标值 follow it.
    base: usize,
    unit: Option<Unit>,
}

/// True when `table` has this layout's header.
pub(crate) fn detect(table: &Table) -> bool {
    header(table).is_some()
}

fn header(table: &Table) -> Option<(usize, Columns)> {
    for (r, row) in table.rows.iter().enumerate().take(40) {
        let find = |pred: &dyn Fn(&str) -> bool| row.iter().position(|c| pred(&label_key(&c.text)));
        let Some(code) = find(&|k| k == "单位编码") else {
            continue;
        };
        let Some(name) = find(&|k| k == "单位及项目名称" || k == "项目名称") else {
            continue;
        };
        let (Some(amount), Some(goals)) = (
            find(&|k| k.starts_with("金额") || k.starts_with("预算数")),
            find(&|k| k == "绩效目标" || k == "年度绩效目标"),
        ) else {
            continue;
        };
        let base = table.rows[r..table.rows.len().min(r + 4)]
            .iter()
            .find_map(|row| row.iter().position(|c| label_key(&c.text) == "一级指标"))
            .unwrap_or(goals + 1);
        let unit = Unit::named_in(&row[amount].text);
        return Some((
            r,
            Columns {
                code,
                name,
                amount,
                goals,
                base,
                unit,
            },
        ));
    }
    None
}

/// Reads every project of the table. `ocr` says that an empty value cell
/// means "could not be read" rather than "left blank".
pub(crate) fn map(table: &Table, ocr: bool) -> Result<Vec<Draft>, Problem> {
    let Some((head, cols)) = header(table) else {
        return Ok(Vec::new());
    };
    for r in 0..=head {
        table.place_row(r);
    }
    let untitled = table.context.first().is_some_and(|c| c == UNTITLED);
    let title = table
        .context
        .iter()
        .find(|c| *c != UNTITLED && !c.starts_with(IGNORED))
        .cloned()
        .unwrap_or_default();
    let year = super::year_in(&title);
    let mut unit = UnitRef {
        code: None,
        name: super::unit_name_in(&title),
    };
    let mut remarks: Vec<String> = table
        .context
        .iter()
        .filter_map(|c| c.strip_prefix(IGNORED))
        .map(|c| crate::t!("flag-remark-ignored", text = c))
        .collect();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut levels = Levels::default();
    // The row that started the last project, for a name OCR wrapped.
    let mut started: Option<usize> = None;
    let mut typed_total: Option<(usize, usize)> = None;
    for row_index in head + 1..table.rows.len() {
        let row = &table.rows[row_index];
        let first = row.iter().position(|c| !c.text.trim().is_empty());
        let Some(first) = first else { continue };
        if row[first].text.trim_start().starts_with("备注") {
            table.set_aside_row(row_index, &crate::t!("unplaced-table-note"));
            continue;
        }
        if row.iter().any(|c| label_key(&c.text) == "一级指标") {
            // The indicator sub-header, possibly on the 合计 row.
            table.place_row(row_index);
            if label_key(table.text(row_index, cols.name)) == "合计" {
                typed_total = Some((row_index, cols.amount));
            }
            continue;
        }
        if row
            .iter()
            .all(|c| c.kind == CellKind::Loose || c.text.trim().is_empty())
        {
            let cell = &row[first];
            match (started, drafts.last_mut()) {
                (Some(at), Some(draft)) if at + 1 == row_index && is_name_tail(&cell.text) => {
                    draft.flags.push(crate::t!(
                        "flag-name-wrapped",
                        cell = cell.origin,
                        text = cell.text.trim(),
                        name = draft.name
                    ));
                    draft.name.push_str(cell.text.trim());
                    table.place(row_index, first);
                }
                _ => table.set_aside(row_index, first, &crate::t!("unplaced-loose-line")),
            }
            continue;
        }
        let code_text = table.text(row_index, cols.code);
        let name = table.text(row_index, cols.name);
        if label_key(name) == "合计" {
            table.place(row_index, cols.name);
            typed_total = Some((row_index, cols.amount));
            continue;
        }
        // A merged copy (HTML rowspan) repeats the project above; only the
        // cell where the code was written starts a project.
        let written = |col: usize| {
            table
                .cell(row_index, col)
                .is_some_and(|c| c.kind != CellKind::Merged && !c.text.trim().is_empty())
        };
        let code = written(cols.code).then(|| ocr_digits(code_text)).flatten();
        let goals = table.text(row_index, cols.goals);
        let has_indicators = row
            .iter()
            .skip(cols.base)
            .any(|c| !c.text.trim().is_empty());
        if let Some((code, _)) = &code
            && !name.is_empty()
            && goals.is_empty()
            && !has_indicators
        {
            unit = UnitRef {
                code: Some(code.clone()),
                name: Some(name.to_owned()),
            };
            table.place(row_index, cols.code);
            table.place(row_index, cols.name);
            if written(cols.amount) {
                table.set_aside(row_index, cols.amount, &crate::t!("unplaced-unit-total"));
            }
            continue;
        }
        // A project row: a name with its amount or goals, written here
        // rather than carried down from the row above.
        let amount_cell = table
            .cell(row_index, cols.amount)
            .filter(|_| written(cols.amount));
        let amount_read =
            amount_cell.is_some_and(|c| matches!(amount::parse(&c.text), Ok(Some(_))));
        let looks_like_project = written(cols.name)
            && !is_level1(name)
            && parent_of(name).is_none()
            && (code.is_some() || amount_read || written(cols.goals));
        let project_code = match (&code, looks_like_project) {
            (Some(found), true) => Some(found.clone()),
            (None, true) if written(cols.code) => {
                return Err(Problem {
                    at: table.cell(row_index, cols.code).map(|c| c.origin),
                    message: crate::t!(
                        "import-project-code-unreadable",
                        code = code_text,
                        name = name
                    ),
                    help: crate::t!("import-project-code-unreadable-help"),
                    no_header: false,
                });
            }
            (None, true) => match &unit.code {
                Some(inherited) => Some((
                    inherited.clone(),
                    Some(crate::t!("flag-code-inherited", code = inherited)),
                )),
                None => {
                    return Err(Problem {
                        at: table.cell(row_index, cols.name).map(|c| c.origin),
                        message: crate::t!("import-project-no-code", name = name),
                        help: crate::t!("import-project-code-unreadable-help"),
                        no_header: false,
                    });
                }
            },
            _ => None,
        };
        let cells: Vec<Token> = if let Some((code, code_flag)) = project_code {
            let amount = match amount_cell {
                Some(c) => parse_amount(c, "金额")?,
                None => None,
            };
            let mut draft = Draft {
                part: table.part.clone(),
                unit: UnitRef {
                    code: Some(code.clone()),
                    name: unit.name.clone(),
                },
                year,
                name: name.to_owned(),
                amount: amount.map(|a| a.0),
                amount_unit: amount.and_then(|a| a.1).or(cols.unit),
                goals: split_goals(goals),
                remarks: std::mem::take(&mut remarks),
                ..Draft::default()
            };
            draft.flags.extend(code_flag);
            if untitled {
                draft
                    .flags
                    .push(crate::t!("flag-page-untitled", title = title));
            }
            if unit.code.as_deref().is_some_and(|c| c != code) {
                draft.flags.push(crate::t!(
                    "flag-unit-code-differs",
                    code = code,
                    header = unit.code.as_deref().unwrap_or_default()
                ));
            }
            for col in [cols.code, cols.name, cols.amount, cols.goals] {
                table.place(row_index, col);
            }
            drafts.push(draft);
            started = Some(row_index);
            levels = Levels::default();
            tokens(row, cols.base, cols.base)
        } else {
            tokens(row, 0, cols.base)
        };
        let Some(draft) = drafts.last_mut() else {
            // Rows before the first project carry no indicators.
            table.set_aside_row(row_index, &crate::t!("unplaced-before-first-project"));
            continue;
        };
        for token in &cells {
            table.place(row_index, token.col);
        }
        if row.iter().any(|c| c.kind == CellKind::Split) {
            draft
                .flags
                .push(crate::t!("flag-row-respaced", line = row_line(row)));
        }
        if cells.iter().any(|t| t.flat) {
            draft.flags.push(crate::t!("flag-flattened"));
            stream_rows(&cells, &mut levels, draft, ocr);
        } else if let Some(row) = line_row(&cells, cols.base, &mut levels, ocr) {
            draft.indicators.push(row);
        }
    }
    if let Some((r, c)) = typed_total
        && table
            .cell(r, c)
            .is_some_and(|cell| !cell.text.trim().is_empty())
    {
        let sum: rust_decimal::Decimal = drafts.iter().filter_map(|d| d.amount).sum();
        table.set_aside(
            r,
            c,
            &crate::t!("unplaced-typed-total", sum = sum.to_string()),
        );
    }
    Ok(drafts)
}

/// The line a row of OCR text came from, for flags.
fn row_line(row: &[crate::import::table::Cell]) -> String {
    row.first()
        .map_or_else(String::new, |c| c.origin.to_string())
}

/// A short fragment that can end a project name OCR wrapped onto the next
/// line (`经费`, `补助资金`): no digits, no comparison, no level name.
fn is_name_tail(text: &str) -> bool {
    let text = text.trim();
    let n = text.chars().count();
    (1..=12).contains(&n)
        && !text
            .chars()
            .any(|c| c.is_ascii_digit() || "≥≤><=%：:".contains(c))
        && !is_level1(text)
        && parent_of(text).is_none()
}

/// A 单位编码 as OCR read it, with the letters it confuses with digits
/// (`5O4001`, `5o4OO1`, `l04001`) read back as digits, and whether any
/// were. `None` when it is not a code even so.
pub(crate) fn ocr_digits(text: &str) -> Option<(String, Option<String>)> {
    let text = crate::import::amount::halfwidth(text.trim());
    let mut out = String::new();
    let mut fixed = 0;
    for ch in text.chars() {
        let digit = match ch {
            '0'..='9' => ch,
            'O' | 'o' | '〇' | 'D' | 'Q' => '0',
            'l' | 'I' | '|' | 'i' => '1',
            'S' | 's' => '5',
            'B' => '8',
            'Z' | 'z' => '2',
            _ => return None,
        };
        if digit != ch {
            fixed += 1;
        }
        out.push(digit);
    }
    let digits = out.len() - fixed;
    if out.len() < 3 || fixed * 3 > out.len() || digits < 3 {
        return None;
    }
    let flag = (fixed > 0).then(|| crate::t!("flag-code-ocr", text = text, code = out));
    Some((out, flag))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::draft::Missing;
    use crate::import::table::grid;

    fn table(rows: &[&[&str]]) -> Table {
        let mut t = grid(rows);
        t.context = vec!["某单位2023年部门预算项目支出绩效目标公开表".into()];
        t
    }

    #[test]
    fn shifted_and_flattened_rows_are_re_placed_and_flagged() {
        let t = table(&[
            &[
                "单位编码",
                "单位及项目名称",
                "金额（万元）",
                "绩效目标",
                "绩效指标",
            ],
            &[
                "",
                "合计",
                "2",
                "",
                "一级指标",
                "二级指标",
                "三级指标",
                "指标值",
            ],
            &[
                "100001",
                "甲项目",
                "2.00",
                "目标一：做事。",
                "产出指标",
                "数量指标",
                "次数",
                "3次",
            ],
            &["", "", "", "", "", "", "时效指标", "及时率", "100%"],
            &["", "", "", "", "", "效益指标 社会效益 好处 提高 坏处 减少"],
        ]);
        let drafts = map(&t, true).unwrap();
        let d = &drafts[0];
        assert_eq!(d.unit.name.as_deref(), Some("某单位"));
        assert_eq!(d.year, Some(2023));
        let names: Vec<(&str, &str, &str, Option<&str>)> = d
            .indicators
            .iter()
            .map(|r| {
                (
                    r.level1.as_str(),
                    r.level2.as_str(),
                    r.name.as_str(),
                    r.value.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            names,
            vec![
                ("产出指标", "数量指标", "次数", Some("3次")),
                ("产出指标", "时效指标", "及时率", Some("100%")),
                ("效益指标", "社会效益", "好处", Some("提高")),
                ("效益指标", "社会效益", "坏处", Some("减少")),
            ]
        );
        assert!(d.indicators[0].flags.is_empty());
        // Library messages are English until a language is chosen.
        assert!(
            d.indicators[1].flags[0].contains("“时效指标” moved into the 三级指标 column"),
            "{:?}",
            d.indicators[1].flags
        );
        assert!(d.flags[0].contains("flattened"), "{:?}", d.flags);
    }

    #[test]
    fn spanned_project_columns_are_one_project() {
        let t = table(&[
            &[
                "单位编码",
                "单位及项目名称",
                "金额（万元）",
                "绩效目标",
                "一级指标",
                "二级指标",
                "三级指标",
                "指标值",
            ],
            &[
                "100001",
                "甲项目",
                "2.00",
                "目标",
                "产出指标",
                "数量指标",
                "次数",
                "3次",
            ],
            &["=", "=", "=", "=", "=", "质量指标", "合格率", "100%"],
            &[
                "=",
                "=",
                "=",
                "=",
                "满意度指标",
                "服务对象满意度指标",
                "满意度",
                "90%",
            ],
            &[
                "100001",
                "乙项目",
                "1.00",
                "目标",
                "产出指标",
                "数量指标",
                "人数",
                "5人",
            ],
        ]);
        let drafts = map(&t, false).unwrap();
        assert_eq!(drafts.len(), 2);
        assert_eq!(drafts[0].indicators.len(), 3);
        assert_eq!(drafts[0].indicators[1].level1, "产出指标");
        let flags: Vec<_> = drafts[0].indicators.iter().flat_map(|r| &r.flags).collect();
        assert!(flags.is_empty(), "{flags:?}");
        assert_eq!(drafts[1].indicators[0].name, "人数");
    }

    #[test]
    fn an_empty_value_is_unreadable_in_ocr_and_blank_elsewhere() {
        let rows: &[&[&str]] = &[
            &[
                "单位编码",
                "单位及项目名称",
                "金额",
                "绩效目标",
                "一级指标",
                "二级指标",
                "三级指标",
                "指标值",
            ],
            &[
                "100001",
                "甲项目",
                "1",
                "目标",
                "产出指标",
                "数量指标",
                "次数",
                "",
            ],
        ];
        let ocr = &map(&table(rows), true).unwrap()[0].indicators[0];
        assert_eq!(ocr.missing, Some(Missing::Unreadable));
        assert!(!ocr.flags.is_empty());
        let html = &map(&table(rows), false).unwrap()[0].indicators[0];
        assert_eq!(html.missing, Some(Missing::Blank));
        assert!(html.flags.is_empty());
    }
}
