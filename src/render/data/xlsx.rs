//! Excel downloads, written with [`super::ooxml`].
//!
//! [`sheets`] writes a set's tables as plain sheets (a header row that
//! stays frozen, widths that fit Chinese text, no merged cells), for
//! sorting and filtering; a table longer than Excel's sheet limit goes
//! into several sheets ([`split`]). [`official`] writes one project in the printed
//! layout finance staff know (title, 金额单位, label blocks, the indicator
//! table with 一级/二级 merged), followed by its 自评表 sheet when the
//! project has a 绩效自评表 ([`super::self_evaluation`]). Workbooks are deterministic: the creation
//! time comes from `open_data.created`, and the zip entries carry a fixed
//! date. In a set's sheets, money goes into a numeric cell only when the
//! binary float Excel stores reads back as exactly the same decimal;
//! otherwise into a text cell, so no figure is ever changed by the format.
//! The official layout writes every figure as text, exactly as written,
//! so that `gongkai import` reads the workbook back to the same project.

use std::fmt::Write as _;
use std::ops::Range;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::error::Result;
use crate::model::{Department, Indicator, Missing, Project, Site};

use super::fields::Field;
use super::grid::{self, Grid, GridSheet};
use super::ooxml::{MAX_ROWS, Properties, SheetHead, SheetWriter, Style, Value, Workbook};
use super::self_evaluation;
use super::table::Cell;
use super::writer_error;

/// The site's document properties for a workbook.
fn properties(site: &Site) -> Properties<'_> {
    Properties {
        title: &site.config.title,
        created: &site.config.open_data.created,
    }
}

fn io(error: std::io::Error) -> crate::error::Error {
    writer_error("xlsx", error)
}

/// Writes one cell, in row order (see [`SheetWriter::cell`]).
fn put(
    sheet: &mut SheetWriter<'_>,
    row: u32,
    col: u16,
    value: Value<'_>,
    style: Style,
) -> Result<()> {
    sheet.cell(row, col, value, style).map_err(io)
}

/// The decimal's scale, when the binary float Excel stores reads back as
/// exactly the same number (`200.00` does; `0.1` does too, as Excel shows
/// it; a figure with more than 15 significant digits may not).
pub(crate) fn exact_float(text: &str) -> Option<u32> {
    let d: Decimal = text.parse().ok()?;
    // Any decimal of at most 15 significant digits survives the round trip
    // through an f64 (DBL_DIG), so the common case needs no formatting.
    if d.mantissa().unsigned_abs() < 1_000_000_000_000_000 {
        return Some(d.scale());
    }
    let f = d.to_f64()?;
    let back: Decimal = format!("{f}").parse().ok()?;
    (back == d && f.is_finite()).then_some(d.scale())
}

/// A decimal as a number cell when exact (and formatted with its own
/// number of decimals), else as text. `bordered` cells belong to the
/// official layout's grid.
fn decimal(text: &str, bordered: bool) -> (Value<'_>, Style) {
    let text_style = if bordered { Style::GRID } else { Style::PLAIN };
    match exact_float(text).and_then(|scale| Style::decimals(scale, bordered)) {
        Some(style) => (Value::Number(text), style),
        None => (Value::Text(text), text_style),
    }
}

/// Columns of one display width per Chinese character and half per Latin
/// one, in Excel's character units.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum()
}

/// One table of a set's workbook: its sheet name, fields and rows. The
/// rows come in parts, one after another: a year's table is its
/// department-years' tables, never copied into one.
pub(crate) struct SheetTable<'a> {
    pub name: &'a str,
    pub fields: &'a [Field],
    pub parts: Vec<&'a [Vec<Cell>]>,
}

impl SheetTable<'_> {
    fn rows(&self) -> impl Iterator<Item = &Vec<Cell>> {
        self.parts.iter().flat_map(|part| part.iter())
    }

    fn len(&self) -> usize {
        self.parts.iter().map(|part| part.len()).sum()
    }
}

/// The sheets a table of `rows` data rows needs when a sheet holds at
/// most `limit` rows, its header included: one sheet named `name` when
/// the table fits, else `name1`, `name2` …, each with the data rows of
/// its range under a copy of the header.
pub(crate) fn split(name: &str, rows: usize, limit: u32) -> Vec<(String, Range<usize>)> {
    let per_sheet = (limit as usize).saturating_sub(1).max(1);
    if rows <= per_sheet {
        return vec![(name.to_owned(), 0..rows)];
    }
    (0..rows)
        .step_by(per_sheet)
        .enumerate()
        .map(|(i, start)| {
            let end = (start + per_sheet).min(rows);
            (format!("{name}{}", i + 1), start..end)
        })
        .collect()
}

/// A set's tables as plain sheets, each split at Excel's row limit.
pub(crate) fn sheets(site: &Site, tables: &[SheetTable<'_>]) -> Result<Vec<u8>> {
    write_sheets(&properties(site), tables, MAX_ROWS)
}

/// [`sheets`] with the row limit given, so that tests can split small
/// tables.
fn write_sheets(
    properties: &Properties<'_>,
    tables: &[SheetTable<'_>],
    limit: u32,
) -> Result<Vec<u8>> {
    let plans: Vec<Vec<(String, Range<usize>)>> = tables
        .iter()
        .map(|t| split(t.name, t.len(), limit))
        .collect();
    let names: Vec<&str> = plans.iter().flatten().map(|(n, _)| n.as_str()).collect();
    let cells: usize = tables.iter().map(|t| t.len() * t.fields.len()).sum();
    // About 40 bytes of XML a cell (`<c r="F1234" t="inlineStr"><is><t>`…).
    let mut book = Workbook::new(properties, &names, cells * 40).map_err(io)?;
    let mut integer = String::new();
    for (table, plan) in tables.iter().zip(&plans) {
        let widths = widths(table);
        let mut rows = table.rows();
        for (_, range) in plan {
            let last_col = table.fields.len().saturating_sub(1) as u16;
            let mut sheet = book
                .sheet(&SheetHead {
                    widths: &widths,
                    frozen_header: true,
                    extent: Some((range.len() as u32, last_col)),
                })
                .map_err(io)?;
            for (col, field) in table.fields.iter().enumerate() {
                put(
                    &mut sheet,
                    0,
                    col as u16,
                    Value::Text(field.title),
                    Style::BOLD,
                )?;
            }
            for (r, row) in rows.by_ref().take(range.len()).enumerate() {
                let r = r as u32 + 1;
                for (col, cell) in row.iter().enumerate() {
                    let c = col as u16;
                    match cell {
                        Cell::Empty => {}
                        Cell::Text(t) => {
                            let text = table
                                .fields
                                .get(col)
                                .map_or(std::borrow::Cow::Borrowed(&**t), |f| f.label(t));
                            put(&mut sheet, r, c, Value::Text(&text), Style::PLAIN)?
                        }
                        Cell::Integer(i) => {
                            integer.clear();
                            let _ = write!(integer, "{i}");
                            put(&mut sheet, r, c, Value::Number(&integer), Style::PLAIN)?;
                        }
                        Cell::Number(t) => {
                            let (value, style) = decimal(t, false);
                            put(&mut sheet, r, c, value, style)?;
                        }
                    }
                }
            }
            sheet.finish().map_err(io)?;
        }
    }
    book.finish().map_err(io)
}

/// How many characters `i` takes in decimal.
fn digits(i: i64) -> usize {
    let mut n = i.unsigned_abs();
    let mut count = 1 + usize::from(i < 0);
    while n >= 10 {
        n /= 10;
        count += 1;
    }
    count
}

/// A table's column widths: its widest cell or heading, within reason.
fn widths(table: &SheetTable<'_>) -> Vec<f64> {
    let mut widths: Vec<usize> = table
        .fields
        .iter()
        .map(|f| display_width(f.title))
        .collect();
    for row in table.rows() {
        for ((width, cell), field) in widths.iter_mut().zip(row).zip(table.fields) {
            let w = match cell {
                Cell::Empty => 0,
                Cell::Text(t) => display_width(&field.label(t)),
                Cell::Integer(i) => digits(*i),
                Cell::Number(t) => t.len(),
            };
            *width = (*width).max(w);
        }
    }
    widths
        .into_iter()
        .map(|w| (w + 2).clamp(6, 60) as f64)
        .collect()
}

/// The optional columns a project's tables fill, with their headings.
const OPTIONAL: [(&str, &str); 5] = [
    ("direction", "指标方向性"),
    ("weight", "权重（分值）"),
    ("standard", "绩效标准"),
    ("explanation", "指标解释"),
    ("note", "备注"),
];

fn optional(row: &Indicator, key: &str) -> Option<String> {
    match key {
        "direction" => row.direction.clone(),
        "weight" => row.weight.map(|w| w.0.to_string()),
        "standard" => row.standard.clone(),
        "note" => row.note.clone(),
        _ => row.explanation.clone(),
    }
}

/// One project in the printed layout.
pub(crate) fn official(site: &Site, project: &Project, department: &Department) -> Result<Vec<u8>> {
    let columns: Vec<(&str, &str)> = OPTIONAL
        .iter()
        .copied()
        .filter(|(key, _)| {
            project
                .indicators
                .iter()
                .chain(&project.long_term_indicators)
                .any(|r| optional(r, key).is_some())
        })
        .collect();
    let last = 3 + columns.len() as u16;
    let mut widths = vec![14.0, 16.0, 30.0, 22.0];
    widths.extend(
        columns
            .iter()
            .map(|(key, _)| if *key == "weight" { 12.0 } else { 24.0 }),
    );
    let mut grid = Grid::default();
    let mut row: u32 = 0;
    let title = format!("{}年度项目支出绩效目标表", project.year);
    grid.merge((row, 0), (row, last), &title, Style::TITLE);
    row += 1;
    let unit = project.unit(site.config.amount_unit);
    grid.merge(
        (row, 0),
        (row, last),
        &format!("金额单位：{unit}"),
        Style::RIGHT,
    );
    row += 1;
    let label = |grid: &mut Grid, row: &mut u32, name: &str, value: &str| {
        grid.text(*row, 0, name, Style::LABEL);
        grid.merge((*row, 1), (*row, last), value, Style::GRID);
        *row += 1;
    };
    label(&mut grid, &mut row, "项目名称", &project.name);
    label(
        &mut grid,
        &mut row,
        "主管部门及代码",
        &format!("{}（{}）", department.name, department.code),
    );
    if let Some(code) = &project.code {
        label(&mut grid, &mut row, "项目编码", code);
    }
    if let Some(implementer) = &project.implementer {
        label(&mut grid, &mut row, "实施单位", implementer);
    }
    // The amount and each funding source: label, then the figure in the
    // next cell as text, digit for digit as written. A form is read, not
    // summed, and a numeric cell would lose the written decimals (`1.00`
    // reads back as `1`), so importing this workbook would change the page.
    let money = |grid: &mut Grid, row: &mut u32, name: &str, amount: String| {
        grid.text(*row, 0, name, Style::LABEL);
        grid.merge((*row, 2), (*row, last), "", Style::GRID);
        grid.text(*row, 1, &amount, Style::GRID);
        *row += 1;
    };
    money(&mut grid, &mut row, "项目金额", project.amount.to_string());
    for f in &project.funding {
        money(&mut grid, &mut row, &f.source, f.amount.to_string());
        for part in &f.parts {
            money(
                &mut grid,
                &mut row,
                &format!("其中：{}", part.source),
                part.amount.to_string(),
            );
        }
    }
    if let Some(period) = &project.period {
        label(&mut grid, &mut row, "实施期限", period);
    }
    // A YAML block scalar (`|`) ends in a newline that no reader sees;
    // a cell ending in one would not read back to the same text.
    for (name, text) in &project.details.0 {
        label(&mut grid, &mut row, name, text.trim_end());
    }
    if let Some(notes) = &project.notes {
        label(&mut grid, &mut row, "备注", notes.trim_end());
    }
    let sections = [
        ("年度绩效目标", &project.goals, &project.indicators),
        (
            "实施期/长期绩效目标",
            &project.long_term_goals,
            &project.long_term_indicators,
        ),
    ];
    for (goals_label, goals, rows) in sections {
        if !goals.is_empty() {
            let text: Vec<String> = goals
                .iter()
                .enumerate()
                .map(|(i, g)| format!("{}. {}", i + 1, g.trim_end()))
                .collect();
            label(&mut grid, &mut row, goals_label, &text.join("\n"));
        }
        if rows.is_empty() {
            continue;
        }
        let headings = ["一级指标", "二级指标", "三级指标", "指标值"]
            .into_iter()
            .chain(columns.iter().map(|(_, h)| *h));
        for (col, heading) in headings.enumerate() {
            grid.text(row, col as u16, heading, Style::LABEL);
        }
        row += 1;
        indicator_rows(&mut grid, row, rows, &columns);
        row += rows.len() as u32;
    }
    let mut sheets = vec![GridSheet {
        name: "绩效目标表",
        grid: &grid,
        widths: &widths,
    }];
    let evaluation = project
        .evaluation
        .as_deref()
        .map(|e| self_evaluation::sheet(site, project, department, e));
    if let Some((grid, widths)) = &evaluation {
        sheets.push(GridSheet {
            name: self_evaluation::SHEET,
            grid,
            widths,
        });
    }
    grid::workbook(&properties(site), &sheets)
}

/// The indicator rows from `first`, 一级 and 二级 merged over their runs.
fn indicator_rows(grid: &mut Grid, first: u32, rows: &[Indicator], columns: &[(&str, &str)]) {
    for (level, col) in [(0, 0u16), (1, 1u16)] {
        let mut start = 0;
        while start < rows.len() {
            let same = |r: &Indicator| {
                r.level1 == rows[start].level1 && (level == 0 || r.level2 == rows[start].level2)
            };
            let len = rows[start..].iter().take_while(|r| same(r)).count();
            let name = if level == 0 {
                rows[start].level1.to_string()
            } else {
                rows[start].level2.to_string()
            };
            let (a, b) = (first + start as u32, first + (start + len) as u32 - 1);
            grid.merge((a, col), (b, col), &name, Style::GRID);
            start += len;
        }
    }
    for (i, r) in rows.iter().enumerate() {
        let at = first + i as u32;
        grid.text(at, 2, r.name.as_str(), Style::GRID);
        let value = match (&r.value, r.missing_reason()) {
            (Some(v), _) => v.clone(),
            (None, Some(Missing::Unreadable)) => "原件无法辨认".to_owned(),
            (None, _) => "未填报".to_owned(),
        };
        grid.text(at, 3, value, Style::GRID);
        for (j, (key, _)) in columns.iter().enumerate() {
            let col = 4 + j as u16;
            // Weights as text too, as written (`10.0` stays `10.0`).
            grid.maybe(at, col, optional(r, key), Style::GRID);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_is_split_at_the_sheet_limit() {
        let names = |rows: usize, limit: u32| -> Vec<(String, Range<usize>)> {
            split("指标", rows, limit)
        };
        assert_eq!(names(0, 4), [("指标".to_owned(), 0..0)]);
        assert_eq!(names(3, 4), [("指标".to_owned(), 0..3)]);
        assert_eq!(
            names(7, 4),
            [
                ("指标1".to_owned(), 0..3),
                ("指标2".to_owned(), 3..6),
                ("指标3".to_owned(), 6..7)
            ]
        );
        // Excel's own limit: 1,048,575 data rows under one header.
        assert_eq!(split("指标", 1_048_575, MAX_ROWS).len(), 1);
        assert_eq!(split("指标", 1_048_576, MAX_ROWS).len(), 2);
        assert_eq!(digits(0), 1);
        assert_eq!(digits(2023), 4);
        assert_eq!(digits(-15), 3);
    }

    #[test]
    fn split_sheets_hold_every_row_once_under_a_header_each() {
        use super::super::fields::{FieldType, f};
        use calamine::{Reader, Xlsx, open_workbook_from_rs};

        let fields = [
            f("year", "预算年度", FieldType::Integer, ""),
            f("name", "名称", FieldType::String, ""),
        ];
        let row = |i: i64| vec![Cell::Integer(i), Cell::Text(format!("第{i}行").into())];
        let first: Vec<Vec<Cell>> = (1..=4).map(row).collect();
        let second: Vec<Vec<Cell>> = (5..=7).map(row).collect();
        let tables = [
            SheetTable {
                name: "项目",
                fields: &fields,
                parts: vec![&first[..1]],
            },
            SheetTable {
                name: "指标",
                fields: &fields,
                parts: vec![&first, &second],
            },
        ];
        let properties = Properties {
            title: "t",
            created: "2024-01-01T00:00:00",
        };
        // At most three rows a sheet: a header and two rows.
        let bytes = write_sheets(&properties, &tables, 3).unwrap();
        let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(
            book.sheet_names(),
            ["项目", "指标1", "指标2", "指标3", "指标4"]
        );
        let mut seen = Vec::new();
        for name in book.sheet_names().into_iter().skip(1) {
            let range = book.worksheet_range(&name).unwrap();
            assert!(range.height() <= 3, "{name}: {} rows", range.height());
            let mut rows = range.rows();
            assert_eq!(rows.next().unwrap()[1].to_string(), "名称");
            seen.extend(rows.map(|r| r[1].to_string()));
        }
        let expected: Vec<String> = (1..=7).map(|i| format!("第{i}行")).collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn only_exact_decimals_become_numbers() {
        assert_eq!(exact_float("200.00"), Some(2));
        assert_eq!(exact_float("0.1"), Some(1));
        assert_eq!(exact_float("330.984"), Some(3));
        // 19 significant digits: no f64 holds it.
        assert_eq!(exact_float("1234567890.123456789"), None);
        assert!(
            matches!(decimal("1.5", true), (Value::Number("1.5"), s) if s == Style::decimals(1, true).unwrap())
        );
        assert!(matches!(
            decimal("1.1234567", false),
            (Value::Text(_), Style::PLAIN)
        ));
    }
}
