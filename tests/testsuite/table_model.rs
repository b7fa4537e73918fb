//! The HTML table model the structural checks rely on: cells laid on a
//! grid honouring `rowspan`/`colspan`, and each cell's headers found as the
//! HTML standard says (its `headers` ids, else the row and column headers
//! found by scanning left and up, plus the `scope="rowgroup"` headers of
//! its row group). The unit tests at the end pin the algorithm down on
//! hand-written tables, including ones it must reject.

use std::collections::{BTreeSet, HashMap};

use scraper::{ElementRef, Html, Selector};

/// A CSS selector, for the tests' own use.
pub(crate) fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// An element's text with white space collapsed.
pub(crate) fn text_of(el: ElementRef) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Debug)]
pub(crate) struct Cell<'a> {
    pub el: ElementRef<'a>,
    pub header: bool,
    pub x: usize,
    pub y: usize,
    pub w: usize,
    pub h: usize,
    /// Index into `Table::groups`, for cells inside a thead/tbody/tfoot.
    pub group: Option<usize>,
}

#[derive(Debug)]
pub(crate) struct Table<'a> {
    pub cells: Vec<Cell<'a>>,
    slots: HashMap<(usize, usize), usize>,
    /// Row groups as (element name, first row, end row).
    pub groups: Vec<(String, usize, usize)>,
}

pub(crate) fn child_elements(el: ElementRef) -> impl Iterator<Item = ElementRef> {
    el.children().filter_map(ElementRef::wrap)
}

fn scope(cell: &Cell) -> String {
    if !cell.header {
        return String::new();
    }
    match cell
        .el
        .value()
        .attr("scope")
        .map(|s| s.trim().to_ascii_lowercase())
    {
        Some(s) if ["row", "col", "rowgroup", "colgroup"].contains(&s.as_str()) => s,
        _ => "auto".into(),
    }
}

impl<'a> Table<'a> {
    /// Forms the table grid as the HTML table processing model does.
    pub fn new(table: ElementRef<'a>) -> Table<'a> {
        let mut t = Table {
            cells: Vec::new(),
            slots: HashMap::new(),
            groups: Vec::new(),
        };
        let mut y = 0;
        for child in child_elements(table) {
            match child.value().name() {
                "thead" | "tbody" | "tfoot" => {
                    let rows: Vec<_> = child_elements(child)
                        .filter(|r| r.value().name() == "tr")
                        .collect();
                    let group = t.groups.len();
                    t.groups
                        .push((child.value().name().to_owned(), y, y + rows.len()));
                    let end = y + rows.len();
                    for row in rows {
                        t.add_row(row, y, end, Some(group));
                        y += 1;
                    }
                }
                "tr" => {
                    t.add_row(child, y, y + 1, None);
                    y += 1;
                }
                _ => {}
            }
        }
        t
    }

    fn add_row(&mut self, row: ElementRef<'a>, y: usize, group_end: usize, group: Option<usize>) {
        let mut x = 0;
        for cell in child_elements(row) {
            let name = cell.value().name();
            if name != "td" && name != "th" {
                continue;
            }
            while self.slots.contains_key(&(x, y)) {
                x += 1;
            }
            let num = |attr: &str, default: usize| {
                cell.value()
                    .attr(attr)
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(default)
            };
            let w = num("colspan", 1).clamp(1, 1000);
            let rowspan = num("rowspan", 1).min(65534);
            // rowspan="0" reaches to the end of the row group; spans never cross it.
            let h = if rowspan == 0 {
                group_end - y
            } else {
                rowspan.min(group_end - y)
            };
            let index = self.cells.len();
            self.cells.push(Cell {
                el: cell,
                header: name == "th",
                x,
                y,
                w,
                h,
                group,
            });
            for dx in 0..w {
                for dy in 0..h {
                    self.slots.entry((x + dx, y + dy)).or_insert(index);
                }
            }
            x += w;
        }
    }

    fn covering(&self, x: usize, y: usize) -> Option<usize> {
        self.slots.get(&(x, y)).copied()
    }

    fn is_column_header(&self, i: usize) -> bool {
        let c = &self.cells[i];
        match scope(c).as_str() {
            "col" => true,
            "auto" => self
                .slots
                .iter()
                .filter(|((_, sy), _)| (c.y..c.y + c.h).contains(sy))
                .all(|(_, &j)| self.cells[j].header),
            _ => false,
        }
    }

    fn is_row_header(&self, i: usize) -> bool {
        let c = &self.cells[i];
        match scope(c).as_str() {
            "row" => true,
            "auto" => {
                !self.is_column_header(i)
                    && self
                        .slots
                        .iter()
                        .filter(|((sx, _), _)| (c.x..c.x + c.w).contains(sx))
                        .all(|(_, &j)| self.cells[j].header)
            }
            _ => false,
        }
    }

    fn scan(
        &self,
        principal: usize,
        start: (usize, usize),
        dx: isize,
        dy: isize,
        list: &mut Vec<usize>,
    ) {
        let (mut x, mut y) = (start.0 as isize, start.1 as isize);
        let mut opaque: Vec<usize> = Vec::new();
        let mut block: Vec<usize> = Vec::new();
        let mut in_block = self.cells[principal].header;
        if in_block {
            block.push(principal);
        }
        loop {
            x += dx;
            y += dy;
            if x < 0 || y < 0 {
                break;
            }
            let Some(current) = self.covering(x as usize, y as usize) else {
                continue;
            };
            if self.cells[current].header {
                in_block = true;
                block.push(current);
                let mut blocked = false;
                if dx == 0 && (opaque.contains(&current) || !self.is_column_header(current)) {
                    blocked = true;
                }
                if dy == 0 && (opaque.contains(&current) || !self.is_row_header(current)) {
                    blocked = true;
                }
                if !blocked && !list.contains(&current) {
                    list.push(current);
                }
            } else if in_block {
                in_block = false;
                opaque.append(&mut block);
            }
        }
    }

    /// The header cells of cell `i`, per the HTML standard's algorithm for
    /// assigning header cells (column groups are not used by gongkai and are
    /// not modelled).
    pub fn headers_of(&self, i: usize) -> Vec<usize> {
        let c = &self.cells[i];
        let mut list = Vec::new();
        let ids: Vec<&str> =
            c.el.value()
                .attr("headers")
                .unwrap_or("")
                .split_whitespace()
                .collect();
        if !ids.is_empty() {
            for id in ids {
                if let Some(j) = self
                    .cells
                    .iter()
                    .position(|h| h.el.value().id() == Some(id))
                    && j != i
                    && !list.contains(&j)
                {
                    list.push(j);
                }
            }
        } else {
            for y in c.y..c.y + c.h {
                self.scan(i, (c.x, y), -1, 0, &mut list);
            }
            for x in c.x..c.x + c.w {
                self.scan(i, (x, c.y), 0, -1, &mut list);
            }
            if let Some(g) = c.group {
                for (j, h) in self.cells.iter().enumerate() {
                    if h.group == Some(g)
                        && scope(h) == "rowgroup"
                        && h.x < c.x + c.w
                        && h.y < c.y + c.h
                        && !list.contains(&j)
                    {
                        list.push(j);
                    }
                }
            }
        }
        // Empty cells are never headers.
        list.retain(|&j| j != i && !text_of(self.cells[j].el).is_empty());
        list
    }

    pub fn header_texts(&self, i: usize) -> Vec<String> {
        let mut v: Vec<String> = self
            .headers_of(i)
            .into_iter()
            .map(|j| text_of(self.cells[j].el))
            .collect();
        v.sort();
        v
    }

    /// The x of the column whose header in the table head reads `label`.
    pub fn column(&self, label: &str) -> Option<usize> {
        self.cells
            .iter()
            .find(|c| {
                c.header
                    && c.group.is_some_and(|g| self.groups[g].0 == "thead")
                    && text_of(c.el) == label
            })
            .map(|c| c.x)
    }

    /// Data rows (rows outside the table head), in order, with the cell
    /// anchored in column `x` of each.
    pub fn body_cells_in_column(&self, x: usize) -> Vec<usize> {
        let head_rows: BTreeSet<usize> = self
            .groups
            .iter()
            .filter(|g| g.0 == "thead")
            .flat_map(|g| g.1..g.2)
            .collect();
        let height = self.cells.iter().map(|c| c.y + c.h).max().unwrap_or(0);
        (0..height)
            .filter(|y| !head_rows.contains(y))
            .filter_map(|y| self.covering(x, y).filter(|&i| self.cells[i].y == y))
            .collect()
    }
}

#[cfg(test)]
mod algorithm {
    use super::*;
    use crate::table_structure::{looks_like_money, num_declarations};

    const HEAD: &str = r#"<thead><tr><th scope="col">一级指标</th><th scope="col">二级指标</th><th scope="col">三级指标</th><th scope="col">指标值</th></tr></thead>"#;

    fn headers(html: &str) -> Vec<Vec<String>> {
        let doc = Html::parse_document(&format!("<table><caption>c</caption>{HEAD}{html}</table>"));
        let el = doc.select(&sel("table")).next().unwrap();
        let t = Table::new(el);
        let col = t.column("指标值").unwrap();
        t.body_cells_in_column(col)
            .into_iter()
            .map(|i| t.header_texts(i))
            .collect()
    }

    fn want(l1: &str, l2: &str, l3: &str) -> Vec<String> {
        let mut v: Vec<String> = [l1, l2, l3, "指标值"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn scope_rowgroup_and_row_spans() {
        let got = headers(
            r#"<tbody>
              <tr><th scope="rowgroup" rowspan="3">产出指标</th><th scope="row" rowspan="2">数量指标</th><th scope="row">人数</th><td>30人</td></tr>
              <tr><th scope="row">场次</th><td>12</td></tr>
              <tr><th scope="row">质量指标</th><th scope="row">合格率</th><td>95%</td></tr>
            </tbody>
            <tbody>
              <tr><th scope="rowgroup">满意度指标</th><th scope="row">服务对象满意度指标</th><th scope="row">满意度</th><td>90%</td></tr>
            </tbody>"#,
        );
        assert_eq!(
            got,
            vec![
                want("产出指标", "数量指标", "人数"),
                want("产出指标", "数量指标", "场次"),
                want("产出指标", "质量指标", "合格率"),
                want("满意度指标", "服务对象满意度指标", "满意度"),
            ]
        );
    }

    #[test]
    fn explicit_headers_and_ids() {
        let doc = Html::parse_document(
            r#"<table><caption>c</caption><thead><tr><th id="h1">一级指标</th><th id="h2">二级指标</th><th id="h3">三级指标</th><th id="v">指标值</th></tr></thead>
            <tbody><tr><th id="a" rowspan="2">产出指标</th><th id="b" rowspan="2">数量指标</th><th id="c">人数</th><td headers="a b c v">30人</td></tr>
            <tr><th id="d">场次</th><td headers="a b d v">12</td></tr></tbody></table>"#,
        );
        let t = Table::new(doc.select(&sel("table")).next().unwrap());
        let cells = t.body_cells_in_column(t.column("指标值").unwrap());
        assert_eq!(
            t.header_texts(cells[0]),
            want("产出指标", "数量指标", "人数")
        );
        assert_eq!(
            t.header_texts(cells[1]),
            want("产出指标", "数量指标", "场次")
        );
    }

    #[test]
    fn headers_attribute_replaces_the_implicit_headers() {
        // With headers=, only the listed ids count: forgetting the column
        // header's id loses 指标值.
        let got = headers(
            r#"<tbody><tr><th id="a">产出指标</th><th id="b">数量指标</th><th id="c">人数</th><td headers="a b c">30人</td></tr></tbody>"#,
        );
        assert_eq!(got[0].len(), 3, "{got:?}");
    }

    #[test]
    fn rejects_second_level_rowgroups_sharing_a_tbody() {
        // scope=rowgroup applies to the rest of the whole <tbody>, so the
        // 质量指标 row would also be announced under 数量指标.
        let got = headers(
            r#"<tbody>
              <tr><th scope="rowgroup" rowspan="2">产出指标</th><th scope="rowgroup">数量指标</th><th scope="row">人数</th><td>30人</td></tr>
              <tr><th scope="rowgroup">质量指标</th><th scope="row">合格率</th><td>95%</td></tr>
            </tbody>"#,
        );
        assert_eq!(got[0], want("产出指标", "数量指标", "人数"));
        assert_ne!(got[1], want("产出指标", "质量指标", "合格率"));
    }

    #[test]
    fn rejects_plain_cells_for_levels() {
        let got = headers(
            r#"<tbody><tr><td>产出指标</td><td>数量指标</td><th scope="row">人数</th><td>30人</td></tr></tbody>"#,
        );
        assert_ne!(got[0], want("产出指标", "数量指标", "人数"));
    }

    #[test]
    fn row_group_span_does_not_leak_into_the_next_tbody() {
        let got = headers(
            r#"<tbody><tr><th scope="rowgroup" rowspan="5">产出指标</th><th scope="row">数量指标</th><th scope="row">人数</th><td>30人</td></tr></tbody>
               <tbody><tr><th scope="rowgroup">效益指标</th><th scope="row">社会效益指标</th><th scope="row">受益</th><td>提高</td></tr></tbody>"#,
        );
        assert_eq!(got[1], want("效益指标", "社会效益指标", "受益"));
    }

    #[test]
    fn money_and_css_parsing() {
        assert!(
            looks_like_money("12.50") && looks_like_money("1,234.56") && looks_like_money("-3.00")
        );
        assert!(!looks_like_money("≥30人") && !looks_like_money("95%") && !looks_like_money("1.5"));
        let d = num_declarations(
            "/* .num { text-align: left } */ td.num, .x { text-align: right; font-variant-numeric: tabular-nums }
             .number { color: red } @media print { .num { text-align: left } }",
        );
        assert_eq!(
            d,
            vec![
                ("text-align".to_owned(), "right".to_owned()),
                ("font-variant-numeric".to_owned(), "tabular-nums".to_owned())
            ]
        );
    }
}
