//! Excel downloads through `rust_xlsxwriter`.
//!
//! [`sheets`] writes a set's tables as plain sheets (a header row that
//! stays frozen, widths that fit Chinese text, no merged cells), for
//! sorting and filtering; [`official`] writes one project in the printed
//! layout finance staff know (title, 金额单位, label blocks, the indicator
//! table with 一级/二级 merged). Workbooks are deterministic: the creation
//! time comes from `open_data.created`, and the zip entries carry a fixed
//! date. In a set's sheets, money goes into a numeric cell only when the
//! binary float Excel stores reads back as exactly the same decimal;
//! otherwise into a text cell, so no figure is ever changed by the format.
//! The official layout writes every figure as text, exactly as written,
//! so that `gongkai import` reads the workbook back to the same project.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::error::{Error, Result};
use crate::model::{Department, Indicator, Missing, Project, Site};

use super::table::{Cell, Table};
use super::writer_error;

fn fail(e: XlsxError) -> Error {
    writer_error("xlsx", e)
}

/// A workbook with the fixed document properties.
fn workbook(site: &Site) -> Result<Workbook> {
    let created = ExcelDateTime::parse_from_str(&site.config.open_data.created).map_err(fail)?;
    let properties = DocProperties::new()
        .set_title(&site.config.title)
        .set_author(&site.config.title)
        .set_creation_datetime(&created);
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties);
    Ok(workbook)
}

/// The decimal as an f64, when the float reads back as exactly the same
/// number (`200.00` does; `0.1` does too, as Excel shows it; a figure with
/// more than about 15 significant digits does not).
pub(crate) fn exact_float(text: &str) -> Option<(f64, u32)> {
    let d: Decimal = text.parse().ok()?;
    let f = d.to_f64()?;
    let back: Decimal = format!("{f}").parse().ok()?;
    (back == d && f.is_finite()).then_some((f, d.scale()))
}

/// The number format showing exactly `scale` decimals.
fn number_format(scale: u32) -> Format {
    let pattern = if scale == 0 {
        "0".to_owned()
    } else {
        format!("0.{}", "0".repeat(scale as usize))
    };
    Format::new().set_num_format(pattern)
}

/// Writes a decimal as a number when exact, else as text.
fn write_decimal(sheet: &mut Worksheet, row: u32, col: u16, text: &str) -> Result<()> {
    match exact_float(text) {
        Some((f, scale)) => sheet.write_number_with_format(row, col, f, &number_format(scale)),
        None => sheet.write_string(row, col, text),
    }
    .map(|_| ())
    .map_err(fail)
}

/// Columns of one display width per Chinese character and half per Latin
/// one, in Excel's character units.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum()
}

/// A set's tables as plain sheets.
pub(crate) fn sheets(site: &Site, tables: &[(&str, &Table)]) -> Result<Vec<u8>> {
    let mut workbook = workbook(site)?;
    let header = Format::new().set_bold();
    for (name, table) in tables {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).map_err(fail)?;
        let mut widths: Vec<usize> = table
            .fields
            .iter()
            .map(|f| display_width(f.title))
            .collect();
        for (col, field) in table.fields.iter().enumerate() {
            sheet
                .write_string_with_format(0, col as u16, field.title, &header)
                .map_err(fail)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (col, cell) in row.iter().enumerate() {
                let c = col as u16;
                match cell {
                    Cell::Empty => {}
                    Cell::Text(t) => {
                        sheet.write_string(r, c, t).map_err(fail)?;
                    }
                    Cell::Integer(i) => {
                        sheet.write_number(r, c, *i as f64).map_err(fail)?;
                    }
                    Cell::Number(t) => write_decimal(sheet, r, c, t)?,
                }
                widths[col] = widths[col].max(display_width(&cell.text()));
            }
        }
        for (col, width) in widths.iter().enumerate() {
            let width = (*width + 2).clamp(6, 60);
            sheet
                .set_column_width(col as u16, width as f64)
                .map_err(fail)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(fail)?;
    }
    workbook.save_to_buffer().map_err(fail)
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

/// The formats of the official layout.
struct Styles {
    title: Format,
    unit: Format,
    label: Format,
    text: Format,
    head: Format,
}

impl Styles {
    fn new() -> Styles {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter);
        Styles {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center),
            unit: Format::new().set_align(FormatAlign::Right),
            label: cell.clone().set_bold().set_align(FormatAlign::Center),
            head: cell.clone().set_bold().set_align(FormatAlign::Center),
            text: cell,
        }
    }
}

/// One project in the printed layout.
pub(crate) fn official(site: &Site, project: &Project, department: &Department) -> Result<Vec<u8>> {
    let mut workbook = workbook(site)?;
    let styles = Styles::new();
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
    let sheet = workbook.add_worksheet();
    sheet.set_name("绩效目标表").map_err(fail)?;
    for (col, width) in [14.0, 16.0, 30.0, 22.0].into_iter().enumerate() {
        sheet.set_column_width(col as u16, width).map_err(fail)?;
    }
    for (i, (key, _)) in columns.iter().enumerate() {
        let width = if *key == "weight" { 12.0 } else { 24.0 };
        sheet.set_column_width(4 + i as u16, width).map_err(fail)?;
    }
    let mut row: u32 = 0;
    let title = format!("{}年度项目支出绩效目标表", project.year);
    sheet
        .merge_range(row, 0, row, last, &title, &styles.title)
        .map_err(fail)?;
    row += 1;
    let unit = project.unit(site.config.amount_unit);
    sheet
        .merge_range(
            row,
            0,
            row,
            last,
            &format!("金额单位：{unit}"),
            &styles.unit,
        )
        .map_err(fail)?;
    row += 1;
    let label = |sheet: &mut Worksheet, row: &mut u32, name: &str, value: &str| {
        sheet
            .write_string_with_format(*row, 0, name, &styles.label)
            .and_then(|s| s.merge_range(*row, 1, *row, last, value, &styles.text))
            .map_err(fail)?;
        *row += 1;
        Ok::<_, Error>(())
    };
    label(sheet, &mut row, "项目名称", &project.name)?;
    label(
        sheet,
        &mut row,
        "主管部门及代码",
        &format!("{}（{}）", department.name, department.code),
    )?;
    if let Some(code) = &project.code {
        label(sheet, &mut row, "项目编码", code)?;
    }
    if let Some(implementer) = &project.implementer {
        label(sheet, &mut row, "实施单位", implementer)?;
    }
    // The amount and each funding source: label, then the figure in the
    // next cell as text, digit for digit as written. A form is read, not
    // summed, and a numeric cell would lose the written decimals (`1.00`
    // reads back as `1`), so importing this workbook would change the page.
    let money = |sheet: &mut Worksheet, row: &mut u32, name: &str, amount: &str| {
        sheet
            .write_string_with_format(*row, 0, name, &styles.label)
            .and_then(|s| s.write_string_with_format(*row, 1, amount, &styles.text))
            .map_err(fail)?;
        sheet
            .merge_range(*row, 2, *row, last, "", &styles.text)
            .map_err(fail)?;
        *row += 1;
        Ok::<_, Error>(())
    };
    money(sheet, &mut row, "项目金额", &project.amount.to_string())?;
    for f in &project.funding {
        money(sheet, &mut row, &f.source, &f.amount.to_string())?;
        for part in &f.parts {
            money(
                sheet,
                &mut row,
                &format!("其中：{}", part.source),
                &part.amount.to_string(),
            )?;
        }
    }
    if let Some(period) = &project.period {
        label(sheet, &mut row, "实施期限", period)?;
    }
    // A YAML block scalar (`|`) ends in a newline that no reader sees;
    // a cell ending in one would not read back to the same text.
    for (name, text) in &project.details.0 {
        label(sheet, &mut row, name, text.trim_end())?;
    }
    if let Some(notes) = &project.notes {
        label(sheet, &mut row, "备注", notes.trim_end())?;
    }
    let sections = [
        (
            "年度绩效目标",
            "年度绩效指标",
            &project.goals,
            &project.indicators,
        ),
        (
            "实施期/长期绩效目标",
            "实施期/长期绩效指标",
            &project.long_term_goals,
            &project.long_term_indicators,
        ),
    ];
    for (goals_label, _, goals, rows) in sections {
        if goals.is_empty() && rows.is_empty() {
            continue;
        }
        if !goals.is_empty() {
            let text: Vec<String> = goals
                .iter()
                .enumerate()
                .map(|(i, g)| format!("{}. {}", i + 1, g.trim_end()))
                .collect();
            label(sheet, &mut row, goals_label, &text.join("\n"))?;
        }
        if rows.is_empty() {
            continue;
        }
        let headings = ["一级指标", "二级指标", "三级指标", "指标值"]
            .into_iter()
            .chain(columns.iter().map(|(_, h)| *h));
        for (col, heading) in headings.enumerate() {
            sheet
                .write_string_with_format(row, col as u16, heading, &styles.head)
                .map_err(fail)?;
        }
        row += 1;
        indicator_rows(sheet, row, rows, &columns, &styles)?;
        row += rows.len() as u32;
    }
    workbook.save_to_buffer().map_err(fail)
}

/// The indicator rows from `first`, 一级 and 二级 merged over their runs.
fn indicator_rows(
    sheet: &mut Worksheet,
    first: u32,
    rows: &[Indicator],
    columns: &[(&str, &str)],
    styles: &Styles,
) -> Result<()> {
    let merge = |sheet: &mut Worksheet, col: u16, start: usize, end: usize, text: &str| {
        let (a, b) = (first + start as u32, first + end as u32 - 1);
        if a == b {
            sheet.write_string_with_format(a, col, text, &styles.text)
        } else {
            sheet.merge_range(a, col, b, col, text, &styles.text)
        }
        .map(|_| ())
        .map_err(fail)
    };
    for (level, col) in [(0, 0u16), (1, 1u16)] {
        let mut start = 0;
        while start < rows.len() {
            let same = |r: &Indicator| {
                r.level1 == rows[start].level1 && (level == 0 || r.level2 == rows[start].level2)
            };
            let len = rows[start..].iter().take_while(|r| same(r)).count();
            let name = if level == 0 {
                &rows[start].level1
            } else {
                &rows[start].level2
            };
            merge(sheet, col, start, start + len, name)?;
            start += len;
        }
    }
    for (i, r) in rows.iter().enumerate() {
        let at = first + i as u32;
        sheet
            .write_string_with_format(at, 2, &r.name, &styles.text)
            .map_err(fail)?;
        let value = match (&r.value, r.missing_reason()) {
            (Some(v), _) => v.clone(),
            (None, Some(Missing::Unreadable)) => "原件无法辨认".to_owned(),
            (None, _) => "未填报".to_owned(),
        };
        sheet
            .write_string_with_format(at, 3, &value, &styles.text)
            .map_err(fail)?;
        for (j, (key, _)) in columns.iter().enumerate() {
            let col = 4 + j as u16;
            // Weights as text too, as written (`10.0` stays `10.0`).
            match optional(r, key) {
                Some(text) => {
                    sheet
                        .write_string_with_format(at, col, &text, &styles.text)
                        .map_err(fail)?;
                }
                None => {
                    sheet.write_blank(at, col, &styles.text).map_err(fail)?;
                }
            }
        }
    }
    Ok(())
}
