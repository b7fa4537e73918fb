//! The OCR text reader: a `.txt` file as an OCR tool leaves it, one table
//! row per line with tab-separated cells, pages separated by their titles.
//!
//! Each page becomes one [`Table`] whose cells keep their line and column,
//! so the mapper can both read the grid and notice when OCR slid a cell
//! into the wrong column.
//!
//! OCR damages the very lines that hold a page together, so nothing here
//! may depend on one line being perfect:
//! - a page starts at its title, or at a header row when the title was
//!   lost or read a character short;
//! - a table line whose tabs became spaces is split at the spaces and its
//!   cells marked [`CellKind::Split`], so the mapper reads and flags it;
//! - a line of one word inside a table is kept as a [`CellKind::Loose`]
//!   cell for the mapper to judge (a wrapped project name, a stray
//!   signature);
//! - lines outside every table (the scanned signature, such as 公保才旦)
//!   are returned as [`Loose`] lines, which the import report lists as
//!   not placed.

use super::table::{Cell, CellKind, Origin, Table, label_key};

/// A line that belongs to no table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Loose {
    pub(super) line: usize,
    pub(super) text: String,
}

/// The pages of a text file, and the lines outside them.
pub(super) struct Pages {
    pub(super) tables: Vec<Table>,
    pub(super) loose: Vec<Loose>,
}

/// Context entry that marks a page whose title line was not found.
pub(crate) const UNTITLED: &str = "untitled";

/// Context prefix of a line set aside before a page's table (a signature).
pub(crate) const IGNORED: &str = "ignored: ";

struct Page {
    part: String,
    rows: Vec<Vec<Cell>>,
    context: Vec<String>,
    /// The 备注 line ends the table; what follows is outside it.
    closed: bool,
}

/// Splits `text` into one table per page.
pub(super) fn read(text: &str) -> Pages {
    let mut pages: Vec<Page> = Vec::new();
    let mut loose: Vec<Loose> = Vec::new();
    let mut last_title: Option<String> = None;
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let number = index + 1;
        let tabbed = line.contains('\t');
        if !tabbed && is_title(line) {
            let title = line.trim().trim_start_matches('#').trim().to_owned();
            last_title = Some(title.clone());
            // A second title line before any row (a heading and its
            // subtitle) belongs to the same page.
            if let Some(page) = pages.last_mut().filter(|p| p.rows.is_empty()) {
                page.context.push(title);
                continue;
            }
            pages.push(Page {
                part: crate::t!("part-page", page = pages.len() + 1, line = number),
                rows: Vec::new(),
                context: vec![title],
                closed: false,
            });
            continue;
        }
        let cells = if tabbed {
            split_cells(line, number)
        } else {
            split_spaces(line, number)
        };
        let header = is_header(&cells);
        // A header row with no open page, or after a page's table, starts
        // a page whose title OCR lost: never fold it into the page above.
        let needs_page = match pages.last() {
            None => header,
            Some(page) => header && (page.closed || page.rows.iter().any(|r| !is_header(r))),
        };
        if needs_page {
            let mut context = vec![UNTITLED.to_owned()];
            context.extend(last_title.clone());
            pages.push(Page {
                part: crate::t!("part-page", page = pages.len() + 1, line = number),
                rows: Vec::new(),
                context,
                closed: false,
            });
        }
        let Some(page) = pages.last_mut().filter(|p| !p.closed) else {
            loose.push(Loose {
                line: number,
                text: line.trim().to_owned(),
            });
            continue;
        };
        if !tabbed && page.rows.is_empty() && !header {
            // Between the title and the header: a signature or stamp.
            page.context.push(format!("{IGNORED}{}", line.trim()));
            loose.push(Loose {
                line: number,
                text: line.trim().to_owned(),
            });
            continue;
        }
        if line.trim_start().starts_with("备注") {
            page.closed = true;
        }
        page.rows.push(cells);
    }
    Pages {
        tables: pages
            .into_iter()
            .map(|p| Table::new(p.part, p.rows, p.context))
            .collect(),
        loose,
    }
}

/// `## 某某2023年部门预算项目支出绩效目标公开表` and its variants, also
/// when OCR lost its last character or two (`…绩效目标公开`).
fn is_title(line: &str) -> bool {
    let t = line.trim().trim_start_matches('#').trim();
    if t.chars().count() > 80 {
        return false;
    }
    let named = t.contains("绩效目标") || t.contains("绩效指标") || t.contains("自评表");
    named
        && (t.ends_with('表')
            || t.contains("公开")
            || t.contains("申报")
            || t.contains("部门预算")
            || super::map::year_in(t).is_some())
}

/// The 公开表 header: 单位编码 with 绩效目标 or 一级指标 in one row.
fn is_header(cells: &[Cell]) -> bool {
    let keys: Vec<String> = cells.iter().map(|c| label_key(&c.text)).collect();
    let has = |k: &str| keys.iter().any(|x| x == k);
    (has("单位编码") || has("项目名称") || has("单位及项目名称"))
        && (has("绩效目标") || has("一级指标"))
}

fn split_cells(line: &str, number: usize) -> Vec<Cell> {
    let mut cells = Vec::new();
    let mut column = 1;
    for part in line.split('\t') {
        cells.push(Cell {
            text: part.trim().to_owned(),
            origin: Origin::Text {
                line: number,
                column,
            },
            kind: CellKind::Text,
        });
        column += part.chars().count() + 1;
    }
    cells
}

/// A line without tabs: one [`CellKind::Loose`] cell when it is one word,
/// else its words as [`CellKind::Split`] cells (the tabs became spaces).
fn split_spaces(line: &str, number: usize) -> Vec<Cell> {
    let mut cells = Vec::new();
    let mut word = String::new();
    let mut start = 1;
    for (column, ch) in (1..).zip(line.chars().chain(std::iter::once(' '))) {
        if ch.is_whitespace() {
            if !word.is_empty() {
                cells.push(Cell {
                    text: std::mem::take(&mut word),
                    origin: Origin::Text {
                        line: number,
                        column: start,
                    },
                    kind: CellKind::Split,
                });
            }
        } else {
            if word.is_empty() {
                start = column;
            }
            word.push(ch);
        }
    }
    if cells.len() == 1 {
        cells[0].kind = CellKind::Loose;
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_split_at_titles_and_signatures_are_set_aside() {
        let text = "公保才旦\n\n## 某单位2023年部门预算项目支出绩效目标公开表\n\n单位编码\t名称\n504001\t项目\n备注：略\n签名\n某单位2023年部门预算项目支出绩效目标公开表\na\tb\n";
        let pages = read(text);
        assert_eq!(pages.tables.len(), 2);
        assert_eq!(pages.tables[0].rows.len(), 3);
        assert_eq!(
            pages.loose,
            [
                Loose {
                    line: 1,
                    text: "公保才旦".into()
                },
                Loose {
                    line: 8,
                    text: "签名".into()
                }
            ]
        );
        assert_eq!(
            pages.tables[0].rows[1][1].origin,
            Origin::Text { line: 6, column: 8 }
        );
    }

    #[test]
    fn a_lost_or_short_title_still_starts_a_page() {
        let header = "单位编码\t单位及项目名称\t金额\t绩效目标\t一级指标";
        let text = format!(
            "某单位2023年部门预算项目支出绩效目标公开表\n{header}\n504001\t甲\n备注：无\n{header}\n504001\t乙\n某单位2023年部门预算项目支出绩效目标公开\n{header}\n504001\t丙\n"
        );
        let pages = read(&text);
        assert_eq!(pages.tables.len(), 3);
        assert_eq!(pages.tables[1].context[0], UNTITLED);
        assert_eq!(
            pages.tables[1].context[1],
            "某单位2023年部门预算项目支出绩效目标公开表"
        );
        assert_eq!(pages.tables[2].text(1, 1), "丙");
        assert!(pages.loose.is_empty());
    }

    #[test]
    fn a_row_whose_tabs_became_spaces_is_split_and_marked() {
        let text = "某单位2023年部门预算项目支出绩效目标公开表\n单位编码\t单位及项目名称\t绩效目标\t一级指标\n504001\t甲\n    产出指标 数量指标  人数 5人\n经费\n";
        let pages = read(text);
        let rows = &pages.tables[0].rows;
        assert_eq!(rows[2].len(), 4);
        assert_eq!(rows[2][0].kind, CellKind::Split);
        assert_eq!(rows[2][2].text, "人数");
        assert_eq!(rows[3][0].kind, CellKind::Loose);
    }
}
