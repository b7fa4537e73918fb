//! From tables to project drafts: recognise each table's layout and hand
//! it to that layout's mapper.
//!
//! Three layouts are known (documented in `docs/import.md`): the 公开表
//! ([`disclosure`]), one project per form ([`form`]) and one indicator per
//! row ([`list`]); a 绩效自评表 in form or list layout ([`evaluation`])
//! becomes an evaluation draft instead. A table that fits none is an error naming where the
//! header was looked for, never a silent skip.

pub(crate) mod columns;
pub(crate) mod disclosure;
pub(crate) mod evaluation;
mod evaluation_budget;
mod evaluation_list;
mod evaluation_rows;
pub(crate) mod form;
mod form_indicators;
mod labels;
pub(crate) mod list;
mod ocr_rows;

use rust_decimal::Decimal;

use super::amount::{self, Unit};
use super::draft::{Draft, Missing};
use super::table::{Cell, CellKind, Origin, Shown, Table};

/// Why a table could not be read: where, what, and what to do.
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    pub(crate) at: Option<Origin>,
    pub(crate) message: String,
    pub(crate) help: String,
    /// The table fits no layout (as opposed to a bad cell in one that does).
    pub(crate) no_header: bool,
}

/// Maps one table. `ocr` marks text from a scan, where an empty cell means
/// "could not be read" rather than "left blank".
pub(crate) fn map_table(table: &Table, ocr: bool) -> Result<Vec<Draft>, Problem> {
    if disclosure::detect(table) {
        return disclosure::map(table, ocr);
    }
    // A 自评表 names 项目名称 and 一级/二级/三级 like a target table: it
    // is told apart by its 实际完成值 column, so it is tried first.
    if let Some(drafts) = evaluation::map(table, ocr)? {
        return Ok(drafts);
    }
    if let Some(drafts) = list::map(table)? {
        return Ok(drafts);
    }
    if let Some(drafts) = form::map(table)? {
        return Ok(drafts);
    }
    Err(Problem {
        at: table.rows.first().and_then(|r| r.first()).map(|c| c.origin),
        message: crate::t!("import-no-header"),
        help: crate::t!("import-no-header-help"),
        no_header: true,
    })
}

/// Parses an amount cell, naming the cell and the field when it fails.
pub(crate) fn parse_amount(
    cell: &Cell,
    field: &str,
) -> Result<Option<(Decimal, Option<Unit>)>, Problem> {
    amount::parse(&cell.text).map_err(|why| Problem {
        at: Some(cell.origin),
        message: format!("{field}: {why}"),
        help: crate::t!("import-amount-help"),
        no_header: false,
    })
}

/// A review flag for an amount read from a binary float that may not be
/// what was typed.
pub(crate) fn inexact_flag(cell: &Cell) -> Option<String> {
    matches!(cell.kind, CellKind::Number { exact: false, .. })
        .then(|| crate::t!("flag-inexact-number", cell = cell.origin, text = cell.text))
}

/// A review flag for an 指标值 stored as a number whose display cannot be
/// known (an .xls workbook, a date or scientific format): `1` may be
/// shown as `100%` and `0.95` as `95%`, so it is written as stored and
/// flagged for a look at the source.
pub(crate) fn number_flag(cell: &Cell) -> Option<String> {
    matches!(
        cell.kind,
        CellKind::Number {
            shown: Shown::Unknown,
            ..
        }
    )
    .then(|| {
        crate::t!(
            "flag-value-format-unknown",
            cell = cell.origin,
            text = cell.text
        )
    })
}

/// A short word, a comparison or a figure: the shapes an 指标值 takes.
pub(crate) fn looks_like_value(text: &str) -> bool {
    text.starts_with(['≥', '≤', '>', '<', '=', '＞', '＜', '≧', '≦'])
        || text.chars().next().is_some_and(|c| c.is_ascii_digit())
        || text.ends_with('%')
        || text.chars().count() <= 4
}

/// The unit stated above the header (`金额单位：万元`, `单位：元`) or in
/// the text around the table.
pub(crate) fn unit_note(table: &Table, before: usize) -> Option<Unit> {
    let cells = table.rows[..before]
        .iter()
        .flatten()
        .map(|c| c.text.as_str());
    cells
        .chain(table.context.iter().map(String::as_str))
        .filter(|t| t.contains("单位"))
        .find_map(Unit::named_in)
}

/// The first `20xx年` in `text`.
pub(crate) fn year_in(text: &str) -> Option<u16> {
    let chars: Vec<char> = amount::halfwidth(text).chars().collect();
    chars.windows(5).find_map(|w| {
        let digits: String = w[..4].iter().collect();
        (w[4] == '年' && (digits.starts_with("20") || digits.starts_with("19")))
            .then(|| digits.parse().ok())
            .flatten()
    })
}

/// The unit name in a title such as `祁连县残疾人联合会2023年部门预算…`.
pub(crate) fn unit_name_in(title: &str) -> Option<String> {
    let year = year_in(title)?;
    let title = amount::halfwidth(title);
    let (before, _) = title.split_once(&format!("{year}年"))?;
    let name = before.trim().trim_start_matches('#').trim().to_owned();
    (!name.is_empty()).then_some(name)
}

/// What gongkai's own pages and downloads print for a value the source
/// did not give ([`Missing`]'s labels); read back as that mark, never as
/// a value, so a downloaded table imports to the project it came from.
const MISSING_LABELS: [(&str, Missing); 2] = [
    ("原件无法辨认", Missing::Unreadable),
    ("未填报", Missing::Blank),
];

/// The 指标值 as published: `None` for a blank cell or a missing label.
pub(crate) fn published_value(text: Option<String>) -> Option<String> {
    text.filter(|t| !MISSING_LABELS.iter().any(|(label, _)| t.trim() == *label))
}

/// Why the 指标值 is missing, when it is: a blank cell is [`Missing::Blank`].
pub(crate) fn missing_of(text: Option<String>) -> Option<Missing> {
    match text {
        None => Some(Missing::Blank),
        Some(t) => MISSING_LABELS
            .iter()
            .find(|(label, _)| t.trim() == *label)
            .map(|(_, m)| *m),
    }
}

/// `820001-井研县马踏镇人民政府` → code and name; a name without a code
/// prefix → `(None, name)`.
pub(crate) fn split_unit(text: &str) -> (Option<String>, String) {
    let text = amount::halfwidth(text.trim());
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() >= 3 {
        let rest = text[digits.len()..].trim_start_matches(['-', '－', '—', '_', ' ', ']', '】']);
        return (Some(digits), rest.trim().to_owned());
    }
    if let Some(inner) = text.strip_prefix(['[', '【'])
        && let Some((code, name)) = inner.split_once([']', '】'])
        && code.chars().all(|c| c.is_ascii_digit())
        && !code.is_empty()
    {
        return (Some(code.to_owned()), name.trim().to_owned());
    }
    // `祁连县残疾人联合会（504001）`, as the official layout and gongkai's
    // downloads write 主管部门及代码.
    if let Some(open) = text.rfind(['（', '('])
        && let Some(inner) = text[open..]
            .strip_suffix(['）', ')'])
            .map(|t| t.trim_start_matches(['（', '(']))
        && inner.len() >= 3
        && inner.chars().all(|c| c.is_ascii_digit())
    {
        return (Some(inner.to_owned()), text[..open].trim().to_owned());
    }
    (None, text)
}

/// Fills a blank 一级/二级 cell from the row above; a blank that was not
/// part of a merged region is a guess, so the row is flagged.
pub(crate) fn fill_flagged(
    table: &Table,
    r: usize,
    col: usize,
    last: &mut String,
    label: &str,
    flags: &mut Vec<String>,
) -> String {
    let text = table.text(r, col);
    if text.is_empty() && !last.is_empty() {
        let at = table
            .cell(r, col)
            .map_or_else(String::new, |c| c.origin.to_string());
        flags.push(crate::t!(
            "flag-filled-down",
            label = label,
            cell = at,
            last = last
        ));
    } else if !text.is_empty() {
        // Line breaks and spaces inside a level name are the layout's
        // (`经济效益\n指标`, `项目完成 指标`), never the name's.
        *last = text.split_whitespace().collect();
    }
    last.clone()
}

/// A cell's text on one line: a line break inside Chinese text is the
/// cell's wrapping and disappears; between Latin words it is a space.
pub(crate) fn one_line(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let ascii_join = out
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && line
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
        if ascii_join {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_noise_in_an_amount_is_flagged() {
        let mut cell = Cell {
            text: "0.30000000000000004".into(),
            origin: Origin::Grid { row: 4, col: 2 },
            kind: CellKind::Number {
                exact: false,
                shown: Shown::General,
            },
        };
        assert!(inexact_flag(&cell).unwrap().starts_with("C5 "));
        cell.kind = CellKind::Number {
            exact: true,
            shown: Shown::General,
        };
        assert_eq!(inexact_flag(&cell), None);
    }

    #[test]
    fn years_and_units_from_titles() {
        let t = "祁连县残疾人联合会2023年部门预算项目支出绩效目标公开表";
        assert_eq!(year_in(t), Some(2023));
        assert_eq!(unit_name_in(t).as_deref(), Some("祁连县残疾人联合会"));
        assert_eq!(year_in("无年份"), None);
    }

    #[test]
    fn unit_codes_split_off() {
        assert_eq!(
            split_unit("820001-井研县马踏镇人民政府"),
            (Some("820001".into()), "井研县马踏镇人民政府".into())
        );
        assert_eq!(
            split_unit("[504001]祁连县残联").0.as_deref(),
            Some("504001")
        );
        assert_eq!(split_unit("祁连县残联"), (None, "祁连县残联".into()));
    }
}
