//! The HTML reader: a saved government web page, possibly with menus,
//! footers and layout tables around the content.
//!
//! Only innermost tables (those with no table inside) that mention 指标
//! are read: layout tables wrap them, and a table without indicators is
//! not a performance-target table. `rowspan` and `colspan` are expanded
//! into a full grid, the spanned copies marked [`CellKind::Merged`] as a
//! workbook's merged regions are. The page title and headings are kept as
//! context, because that is where the unit and year are usually named.
//!
//! Spans are capped at 500, but 500 × 500 copies of one cell's text per
//! `<td>` still add up: every row the grid grows and every copied text is
//! taken from the file's [budget](super::limits::Budget) before it is
//! allocated.

use scraper::{ElementRef, Html, Node, Selector};

use super::limits::{self, Budget, Refusal};
use super::table::{Cell, CellKind, Origin, Table, a1, label_key};

/// The indicator tables of a saved page, refused when their grids would
/// exceed the limits.
pub(super) fn read(text: &str, budget: &mut Budget) -> Result<Vec<Table>, Refusal> {
    let doc = Html::parse_document(text);
    let sel = |s: &str| Selector::parse(s).expect("static selector");
    let mut context: Vec<String> = doc
        .select(&sel("title, h1, h2, h3"))
        .map(|e| plain_text(e).trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    // Unit notes (`金额单位：万元`) and the year (`2024年度部门预算…`) often
    // sit in a paragraph above the table, as a reader sees them.
    context.extend(
        doc.select(&sel("p, span, caption, strong, b, font, div"))
            .filter(|e| e.select(&sel("table, p, div")).next().is_none())
            .map(|e| plain_text(e).trim().to_owned())
            .filter(|t| {
                let short = t.chars().count() <= 60;
                short
                    && ((t.contains("单位") && t.contains('元'))
                        || crate::import::map::year_in(t).is_some())
            }),
    );
    let mut seen = std::collections::HashSet::new();
    context.retain(|t| seen.insert(t.clone()));
    let tables = sel("table");
    let rows_sel = sel("tr");
    let cells_sel = sel("td, th");
    let mut grids: Vec<Vec<Vec<Cell>>> = Vec::new();
    for table in doc.select(&tables) {
        if table.select(&tables).next().is_some() {
            continue; // a layout table around the real one
        }
        let text = plain_text(table);
        if !(text.contains("指标") || text.contains("项目名称") || text.contains("绩效目标"))
        {
            continue;
        }
        let part = crate::t!("part-html-table", n = grids.len() + 1);
        let mut grid: Vec<Vec<Option<Cell>>> = Vec::new();
        for (r, tr) in table.select(&rows_sel).enumerate() {
            if grid.len() <= r {
                limits::extent(r as u64 + 1, 1).map_err(|e| e.in_part(&part))?;
                grid.resize(r + 1, Vec::new());
            }
            let mut c = 0;
            for td in tr.select(&cells_sel) {
                while grid[r].get(c).is_some_and(Option::is_some) {
                    c += 1;
                }
                let span = |name| {
                    td.value()
                        .attr(name)
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, 500)
                };
                let (rows, cols) = (span("rowspan"), span("colspan"));
                let text = plain_text(td).trim().to_owned();
                // Measured before the grid grows for this cell.
                let refused = |e: Refusal| {
                    let at = a1(
                        r.min(u32::MAX as usize) as u32,
                        c.min(u32::MAX as usize - 1) as u32,
                    );
                    e.in_part(&part).at(at)
                };
                limits::cell_text(&text).map_err(refused)?;
                limits::extent((r + rows) as u64, (c + cols) as u64).map_err(refused)?;
                let grown: usize = (r..r + rows)
                    .map(|row| (c + cols).saturating_sub(grid.get(row).map_or(0, Vec::len)))
                    .sum();
                budget.take(grown as u64).map_err(refused)?;
                budget
                    .text((text.len() * rows * cols) as u64)
                    .map_err(refused)?;
                if grid.len() < r + rows {
                    grid.resize(r + rows, Vec::new());
                }
                for dr in 0..rows {
                    for dc in 0..cols {
                        let row = &mut grid[r + dr];
                        if row.len() <= c + dc {
                            row.resize(c + dc + 1, None);
                        }
                        row[c + dc] = Some(Cell {
                            text: text.clone(),
                            origin: Origin::Grid {
                                row: (r + dr) as u32,
                                col: (c + dc) as u32,
                            },
                            kind: if dr == 0 && dc == 0 {
                                CellKind::Text
                            } else {
                                CellKind::Merged
                            },
                        });
                    }
                }
                c += cols;
            }
        }
        let rows: Vec<Vec<Cell>> = grid
            .into_iter()
            .enumerate()
            .map(|(r, row)| {
                row.into_iter()
                    .enumerate()
                    .map(|(c, cell)| {
                        cell.unwrap_or_else(|| Cell {
                            text: String::new(),
                            origin: Origin::Grid {
                                row: r as u32,
                                col: c as u32,
                            },
                            kind: CellKind::Text,
                        })
                    })
                    .collect()
            })
            .collect();
        grids.push(rows);
    }
    Ok(join_page_breaks(grids)
        .into_iter()
        .enumerate()
        .map(|(i, (rows, count))| {
            let part = if count > 1 {
                crate::t!("part-html-tables", first = i + 1, last = i + count)
            } else {
                crate::t!("part-html-table", n = i + 1)
            };
            Table::new(part, rows, context.clone())
        })
        .collect())
}

/// True when a grid starts a form or table of its own: it has a
/// 项目名称 label or a list/公开表 header.
fn starts_table(rows: &[Vec<Cell>]) -> bool {
    rows.iter().flatten().any(|c| {
        let key = label_key(&c.text);
        key == "项目名称" || key == "单位编码" || key == "项目支出名称" || key == "二级项目名称"
    })
}

/// True when a grid has an indicator header row (一级指标 …).
fn has_indicator_header(rows: &[Vec<Cell>]) -> bool {
    rows.iter()
        .any(|r| r.iter().any(|c| label_key(&c.text) == "一级指标"))
}

/// Joins a table cut at a page break to the table it continues: a grid
/// that starts no table of its own continues the one before it. Each
/// entry is the joined rows and how many HTML tables they came from; the
/// rows of a continuation are numbered on from the first table's, so
/// that a cell reference names one grid.
fn join_page_breaks(grids: Vec<Vec<Vec<Cell>>>) -> Vec<(Vec<Vec<Cell>>, usize)> {
    let mut out: Vec<(Vec<Vec<Cell>>, usize)> = Vec::new();
    for rows in grids {
        // A continuation has table rows (three cells or more), not a lone
        // note such as 部门整体绩效指标见附件.
        let rowlike = rows.iter().any(|r| {
            r.iter()
                .filter(|c| c.kind != CellKind::Merged && !c.text.trim().is_empty())
                .count()
                >= 3
        });
        let continues = rowlike
            && !starts_table(&rows)
            && out.last().is_some_and(|(prev, _)| {
                starts_table(prev) && (has_indicator_header(prev) || has_indicator_header(&rows))
            });
        match out.last_mut() {
            Some((prev, count)) if continues => {
                let offset = prev.len() as u32;
                prev.extend(rows.into_iter().map(|row| {
                    row.into_iter()
                        .map(|mut cell| {
                            if let Origin::Grid { row, col } = cell.origin {
                                cell.origin = Origin::Grid {
                                    row: row + offset,
                                    col,
                                };
                            }
                            cell
                        })
                        .collect()
                }));
                *count += 1;
            }
            _ => out.push((rows, 1)),
        }
    }
    out
}

/// The text of an element, with `<br>` and block ends as line breaks, so
/// that goals written as paragraphs stay separate.
fn plain_text(element: ElementRef<'_>) -> String {
    let mut out = String::new();
    for node in element.descendants() {
        match node.value() {
            Node::Text(text) => out.push_str(text),
            Node::Element(e) if matches!(e.name(), "br" | "p" | "div" | "li") => out.push('\n'),
            _ => {}
        }
    }
    out.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_expanded_and_layout_tables_skipped() {
        let page = r#"<html><head><title>某单位2024年项目绩效目标</title></head><body>
            <table><tr><td>导航</td></tr></table>
            <table><tr><td><table>
              <tr><th rowspan="2">一级指标</th><th colspan="2">二级指标</th></tr>
              <tr><td>甲</td><td>乙</td></tr>
            </table></td></tr></table></body></html>"#;
        let tables = read(page, &mut Budget::new()).unwrap();
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!(t.text(1, 0), "一级指标");
        assert_eq!(t.rows[1][0].kind, CellKind::Merged);
        assert_eq!(t.text(0, 2), "二级指标");
        assert_eq!(t.text(1, 1), "甲");
        assert_eq!(t.context[0], "某单位2024年项目绩效目标");
    }

    #[test]
    fn spans_cannot_grow_the_grid_past_the_limits() {
        // 2,000 cells of 500 × 500: 500 million cells if expanded.
        let cells = r#"<td rowspan="500" colspan="500">指标</td>"#.repeat(2_000);
        let page = format!("<table><tr>{cells}</tr></table>");
        let refusal = read(&page, &mut Budget::new()).unwrap_err();
        assert!(
            refusal.part.is_some() && refusal.at.is_some(),
            "{refusal:?}"
        );
        // Long text copied into many spanned cells is text, counted too.
        let long = "指标".repeat(15_000);
        let cells = format!(r#"<td rowspan="500" colspan="500">{long}</td>"#).repeat(4);
        let page = format!("<table><tr>{cells}</tr></table>");
        assert!(read(&page, &mut Budget::new()).is_err());
    }
}
