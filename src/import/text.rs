//! The OCR text reader: a `.txt` file as an OCR tool leaves it, one table
//! row per line with tab-separated cells, pages separated by their titles.
//!
//! Each page becomes one [`Table`] whose cells keep their line and column,
//! so the mapper can both read the grid and notice when OCR slid a cell
//! into the wrong column. Lines before a page's first table row that are
//! not its title (the scanned signature, such as 公保才旦) are reported as
//! ignored rather than read.

use super::table::{Cell, CellKind, Origin, Table};

/// Splits `text` into one table per page.
pub(super) fn read(text: &str) -> Vec<Table> {
    let mut pages: Vec<Table> = Vec::new();
    let mut pending_noise: Vec<String> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let number = index + 1;
        if !line.contains('\t') && is_title(line) {
            let title = line.trim().trim_start_matches('#').trim().to_owned();
            let mut context = vec![title];
            context.extend(pending_noise.drain(..).map(|n| format!("ignored: {n}")));
            pages.push(Table {
                part: crate::t!("part-page", page = pages.len() + 1, line = number),
                rows: Vec::new(),
                context,
            });
            continue;
        }
        let Some(page) = pages.last_mut() else {
            pending_noise.push(line.trim().to_owned());
            continue;
        };
        if !line.contains('\t') && page.rows.is_empty() {
            // Between the title and the header: a signature or stamp.
            page.context.push(format!("ignored: {}", line.trim()));
            continue;
        }
        if !line.contains('\t') && !page.rows.is_empty() && !line.trim_start().starts_with("备注")
        {
            // A line after a table with no cells: a signature of the next
            // page, which starts at the next title.
            pending_noise.push(line.trim().to_owned());
            continue;
        }
        page.rows.push(split_cells(line, number));
    }
    pages
}

/// `## 某某2023年部门预算项目支出绩效目标公开表` and its variants.
fn is_title(line: &str) -> bool {
    let t = line.trim().trim_start_matches('#').trim();
    t.contains("绩效目标") && (t.ends_with('表') || t.contains("公开表") || t.contains("申报表"))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_split_at_titles_and_signatures_are_set_aside() {
        let text = "公保才旦\n\n## 某单位2023年部门预算项目支出绩效目标公开表\n\n单位编码\t名称\n504001\t项目\n备注：略\n签名\n某单位2023年部门预算项目支出绩效目标公开表\na\tb\n";
        let pages = read(text);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].rows.len(), 3);
        assert!(pages[0].context.iter().any(|c| c == "ignored: 公保才旦"));
        assert!(pages[1].context.iter().any(|c| c == "ignored: 签名"));
        assert_eq!(
            pages[0].rows[1][1].origin,
            Origin::Text { line: 6, column: 8 }
        );
    }
}
