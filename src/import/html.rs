//! The HTML reader: a saved government web page, possibly with menus,
//! footers and layout tables around the content.
//!
//! Only innermost tables (those with no table inside) that mention 指标
//! are read: layout tables wrap them, and a table without indicators is
//! not a performance-target table. `rowspan` and `colspan` are expanded
//! into a full grid, the spanned copies marked [`CellKind::Merged`] as a
//! workbook's merged regions are. The page title and headings are kept as
//! context, because that is where the unit and year are usually named.

use scraper::{ElementRef, Html, Node, Selector};

use super::table::{Cell, CellKind, Origin, Table};

pub(super) fn read(text: &str) -> Vec<Table> {
    let doc = Html::parse_document(text);
    let sel = |s: &str| Selector::parse(s).expect("static selector");
    let mut context: Vec<String> = doc
        .select(&sel("title, h1, h2, h3"))
        .map(|e| plain_text(e).trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    // Unit notes (`金额单位：万元`) often sit in a paragraph above the table.
    context.extend(
        doc.select(&sel("p, span, caption"))
            .map(|e| plain_text(e).trim().to_owned())
            .filter(|t| t.contains("单位") && t.contains('元') && t.chars().count() <= 30),
    );
    context.dedup();
    let tables = sel("table");
    let rows_sel = sel("tr");
    let cells_sel = sel("td, th");
    let mut out = Vec::new();
    for table in doc.select(&tables) {
        if table.select(&tables).next().is_some() {
            continue; // a layout table around the real one
        }
        if !plain_text(table).contains("指标") {
            continue;
        }
        let mut grid: Vec<Vec<Option<Cell>>> = Vec::new();
        for (r, tr) in table.select(&rows_sel).enumerate() {
            if grid.len() <= r {
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
                for dr in 0..rows {
                    if grid.len() <= r + dr {
                        grid.resize(r + dr + 1, Vec::new());
                    }
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
        let rows = grid
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
        out.push(Table {
            part: crate::t!("part-html-table", n = out.len() + 1),
            rows,
            context: context.clone(),
        });
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
        let tables = read(page);
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!(t.text(1, 0), "一级指标");
        assert_eq!(t.rows[1][0].kind, CellKind::Merged);
        assert_eq!(t.text(0, 2), "二级指标");
        assert_eq!(t.text(1, 1), "甲");
        assert_eq!(t.context[0], "某单位2024年项目绩效目标");
    }
}
