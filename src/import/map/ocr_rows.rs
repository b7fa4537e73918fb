//! Reading OCR'd indicator rows by meaning rather than by column: a known
//! 一级/二级 name is a level wherever OCR slid it, the other cells are the
//! 三级指标 and its value in order, and a block OCR flattened into one line
//! is paired back into rows. Every departure from the expected column
//! becomes a review flag on the row. The 公开表 mapper hands each table row
//! here as tokens.

use super::looks_like_value;
use crate::import::draft::{Draft, Missing, Row};
use crate::import::table::CellKind;
use crate::indicator::framework::{is_cost_level2, level1_word, parent_word as parent_of};

/// True for a 一级 name written in full.
pub(crate) fn is_level1(word: &str) -> bool {
    level1_word(word).is_some()
}

/// The word without any whitespace (OCR splits `服务对象 满意度指标`).
pub(crate) fn squash(word: &str) -> String {
    word.chars().filter(|c| !c.is_whitespace()).collect()
}

/// One non-empty cell, or one word of a flattened cell.
pub(crate) struct Token {
    pub(crate) text: String,
    pub(crate) col: usize,
    /// Split out of a cell that held several values.
    pub(crate) flat: bool,
}

/// The tokens of `row` from column `from`. Merged copies left of `base`
/// (the project's code, name, amount and goals spanning its rows) are not
/// indicator cells.
pub(crate) fn tokens(row: &[crate::import::table::Cell], from: usize, base: usize) -> Vec<Token> {
    let mut out = Vec::new();
    for (col, cell) in row.iter().enumerate().skip(from) {
        let text = cell.text.trim();
        if text.is_empty() || (col < base && cell.kind == CellKind::Merged) {
            continue;
        }
        let squashed = squash(text);
        let words: Vec<&str> = text.split_whitespace().collect();
        if words.len() > 1 && !is_level1(&squashed) && parent_of(&squashed).is_none() {
            out.extend(words.into_iter().map(|w| Token {
                text: w.to_owned(),
                col,
                flat: true,
            }));
        } else {
            let text = if words.len() > 1 {
                squashed
            } else {
                text.to_owned()
            };
            out.push(Token {
                text,
                col,
                flat: false,
            });
        }
    }
    out
}

/// The 一级/二级 in force, as the merged cells above carry them down.
#[derive(Default)]
pub(crate) struct Levels {
    level1: String,
    level2: String,
}

/// What a token is: a level name (1 or 2) or content.
fn level_of(tokens: &[Token], i: usize) -> Option<u8> {
    let t = tokens[i].text.as_str();
    let next_is_cost = tokens.get(i + 1).is_some_and(|n| is_cost_level2(&n.text));
    if is_level1(t) && (squash(t) != "成本指标" || next_is_cost) {
        Some(1)
    } else if parent_of(t).is_some() {
        Some(2)
    } else {
        None
    }
}

fn column_name(col: usize, base: usize) -> String {
    match col.checked_sub(base) {
        Some(0) => crate::t!("column-level1"),
        Some(1) => crate::t!("column-level2"),
        Some(2) => crate::t!("column-level3"),
        Some(3) => crate::t!("column-value"),
        _ => crate::t!("column-nth", n = col + 1),
    }
}

/// Reads one line as one indicator row.
pub(crate) fn line_row(
    tokens: &[Token],
    base: usize,
    levels: &mut Levels,
    ocr: bool,
) -> Option<Row> {
    let mut l1: Option<&Token> = None;
    let mut l2: Option<&Token> = None;
    let mut rest: Vec<&Token> = Vec::new();
    let mut moved = Vec::new();
    for (i, tok) in tokens.iter().enumerate() {
        match level_of(tokens, i) {
            Some(1) => {
                if tok.col != base {
                    moved.push(crate::t!(
                        "flag-moved-token",
                        text = tok.text,
                        column = column_name(tok.col, base)
                    ));
                }
                l1 = Some(tok);
            }
            Some(_) => {
                if tok.col != base + 1 {
                    moved.push(crate::t!(
                        "flag-moved-token",
                        text = tok.text,
                        column = column_name(tok.col, base)
                    ));
                }
                l2 = Some(tok);
            }
            None => rest.push(tok),
        }
    }
    let mut flags = Vec::new();
    let level1 = match (l1, l2) {
        (Some(a), Some(b)) => {
            let parent = parent_of(&b.text).unwrap_or_default();
            if parent != a.text && !(a.text == "效益指标" && parent == "满意度指标") {
                flags.push(crate::t!(
                    "flag-unusual-pair",
                    level2 = b.text,
                    level1 = a.text
                ));
            }
            a.text.clone()
        }
        (Some(a), None) => a.text.clone(),
        (None, Some(b)) => {
            let parent = parent_of(&b.text).unwrap_or_default();
            let inherited =
                levels.level1 == parent || (levels.level1 == "效益指标" && parent == "满意度指标");
            if inherited {
                levels.level1.clone()
            } else {
                parent.to_owned()
            }
        }
        (None, None) => levels.level1.clone(),
    };
    let level2 = match (l1, l2) {
        (_, Some(b)) => b.text.clone(),
        (Some(a), None) if a.text != levels.level1 => String::new(),
        _ => levels.level2.clone(),
    };
    levels.level1 = level1.clone();
    levels.level2 = level2.clone();
    if rest.is_empty() {
        return None;
    }
    let (name_tok, value_tok) = match rest.len() {
        1 => (rest[0], None),
        n => (rest[0], Some(rest[n - 1])),
    };
    let mut name = name_tok.text.clone();
    if rest.len() > 2 {
        let middle: Vec<&str> = rest[1..rest.len() - 1]
            .iter()
            .map(|t| t.text.as_str())
            .collect();
        name = format!("{name} {}", middle.join(" "));
        flags.push(crate::t!(
            "flag-cells-merged",
            count = rest.len(),
            merged = rest.len() - 1
        ));
    }
    if name_tok.col != base + 2 {
        moved.push(crate::t!(
            "flag-moved-name",
            column = column_name(name_tok.col, base)
        ));
    }
    if let Some(v) = value_tok
        && v.col != base + 3
    {
        moved.push(crate::t!(
            "flag-moved-value",
            column = column_name(v.col, base)
        ));
    }
    if !moved.is_empty() {
        let yes_no = |b: bool| if b { "yes" } else { "no" };
        flags.insert(
            0,
            crate::t!(
                "flag-shifted",
                ocr = yes_no(ocr),
                moved = moved.join(&crate::t!("list-separator")),
                inherited = yes_no(l1.is_none() && l2.is_none()),
                level1 = level1,
                level2 = level2
            ),
        );
    }
    if level2.is_empty() {
        flags.push(crate::t!("flag-no-level2"));
    }
    let (value, missing) = match value_tok {
        Some(v) => (Some(v.text.clone()), None),
        None if ocr => {
            flags.push(crate::t!("flag-ocr-no-value"));
            (None, Some(Missing::Unreadable))
        }
        None => (None, Some(Missing::Blank)),
    };
    Some(Row {
        level1,
        level2,
        name,
        value,
        missing,
        flags,
        ..Row::default()
    })
}

/// Reads a flattened block (`产出指标 数量指标 名称 值 名称 值 …`): level
/// names set the context, the other words pair up as name and value.
pub(crate) fn stream_rows(tokens: &[Token], levels: &mut Levels, draft: &mut Draft, ocr: bool) {
    let mut pending: Option<&Token> = None;
    let flush = |pending: &mut Option<&Token>, levels: &Levels, draft: &mut Draft| {
        if let Some(name) = pending.take() {
            let mut row = Row {
                level1: levels.level1.clone(),
                level2: levels.level2.clone(),
                name: name.text.clone(),
                missing: Some(if ocr {
                    Missing::Unreadable
                } else {
                    Missing::Blank
                }),
                ..Row::default()
            };
            row.flags.push(crate::t!("flag-flat-no-value"));
            draft.indicators.push(row);
        }
    };
    for (i, tok) in tokens.iter().enumerate() {
        match level_of(tokens, i) {
            Some(level) => {
                flush(&mut pending, levels, draft);
                if level == 1 {
                    levels.level1 = tok.text.clone();
                } else {
                    let parent = parent_of(&tok.text).unwrap_or_default();
                    if levels.level1 != parent
                        && !(levels.level1 == "效益指标" && parent == "满意度指标")
                    {
                        levels.level1 = parent.to_owned();
                    }
                    levels.level2 = tok.text.clone();
                }
            }
            None => match pending.take() {
                None => pending = Some(tok),
                Some(name) => {
                    let mut row = Row {
                        level1: levels.level1.clone(),
                        level2: levels.level2.clone(),
                        name: name.text.clone(),
                        value: Some(tok.text.clone()),
                        ..Row::default()
                    };
                    if !looks_like_value(&tok.text) || looks_like_value_strict(&name.text) {
                        row.flags.push(crate::t!(
                            "flag-flat-pairing",
                            name = name.text,
                            value = tok.text
                        ));
                    }
                    draft.indicators.push(row);
                }
            },
        }
    }
    flush(&mut pending, levels, draft);
}

/// A word that can only be a value: it starts with a comparison or digit.
fn looks_like_value_strict(text: &str) -> bool {
    text.starts_with(['≥', '≤', '>', '<', '=', '＞', '＜'])
        || text.chars().next().is_some_and(|c| c.is_ascii_digit())
}
