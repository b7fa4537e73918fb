//! Structural checks of the generated tables that axe-core cannot make.
//!
//! The example site (repository root) and the stress site
//! (`tests/fixtures/stress`) are built once with the real binary, then every
//! generated page is parsed and checked:
//!
//! * every `<table>` has a non-empty `<caption>`, has header cells and is not
//!   a layout table (`role="presentation"`/`"none"`);
//! * every data cell of every table has at least one header cell, and every
//!   指标值 cell of an indicator table has exactly the 一级, 二级 and 三级
//!   headers of its source YAML row plus the 指标值 column header;
//! * money cells carry `class="num"` and the stylesheet right-aligns `.num`
//!   with tabular figures.
//!
//! Header association follows the HTML standard's table model: the cells are
//! laid on a grid honouring `rowspan`/`colspan`, and a cell's headers are its
//! `headers` attribute ids when it has one, otherwise the row and column
//! headers found by scanning left and up plus the `scope="rowgroup"` headers
//! of its row group. The unit tests at the end pin this algorithm down on
//! hand-written tables, including ones it must reject.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use scraper::{ElementRef, Html, Selector};

use crate::common::succeeded;
pub(crate) use crate::common::{history_root, provinces_root, repo_root, stress_root, years_root};

// ------------------------------------------------------------------ building

/// Runs `gongkai build --root ROOT -o OUT` with the real binary.
pub(crate) fn build_site(root: &Path, out: &Path) {
    if out.exists() {
        std::fs::remove_dir_all(out).unwrap();
    }
    let output = assert_cmd::Command::cargo_bin("gongkai")
        .unwrap()
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap();
    succeeded(output);
}

pub(crate) struct BuiltSites {
    pub example: PathBuf,
    pub stress: PathBuf,
    /// One project per province layout (`tests/fixtures/provinces`).
    pub provinces: PathBuf,
    /// Three budget years, two departments (`tests/fixtures/years`).
    pub years: PathBuf,
    /// Projects across three years, with charts and 历年对比
    /// (`tests/fixtures/history`).
    pub history: PathBuf,
}

/// The example and stress sites, built once per test process under
/// `target/tmp/sites/` (kept for inspection after a failure).
pub(crate) fn built_sites() -> &'static BuiltSites {
    static SITES: OnceLock<BuiltSites> = OnceLock::new();
    SITES.get_or_init(|| {
        let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sites");
        let sites = BuiltSites {
            example: base.join("example"),
            stress: base.join("stress"),
            provinces: base.join("provinces"),
            years: base.join("years"),
            history: base.join("history"),
        };
        build_site(&repo_root(), &sites.example);
        build_site(&stress_root(), &sites.stress);
        build_site(&provinces_root(), &sites.provinces);
        build_site(&years_root(), &sites.years);
        build_site(&history_root(), &sites.history);
        sites
    })
}

fn sites() -> Vec<(&'static str, PathBuf, PathBuf)> {
    let built = built_sites();
    vec![
        ("example", built.example.clone(), repo_root()),
        ("stress", built.stress.clone(), stress_root()),
        ("provinces", built.provinces.clone(), provinces_root()),
        ("years", built.years.clone(), years_root()),
        ("history", built.history.clone(), history_root()),
    ]
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                out.push(path);
            }
        }
    }
    out.sort();
    assert!(!out.is_empty(), "no HTML pages under {}", dir.display());
    out
}

fn parse(path: &Path) -> Html {
    Html::parse_document(&std::fs::read_to_string(path).unwrap())
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text_of(el: ElementRef) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Failures are collected and reported together, so one run shows them all.
fn report(what: &str, failures: &[String]) {
    if !failures.is_empty() {
        let shown: Vec<&str> = failures.iter().take(40).map(String::as_str).collect();
        panic!(
            "{what}: {} failure(s)\n  {}{}",
            failures.len(),
            shown.join("\n  "),
            if failures.len() > shown.len() {
                "\n  …"
            } else {
                ""
            }
        );
    }
}

// ------------------------------------------------------------------ table model

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

fn child_elements(el: ElementRef) -> impl Iterator<Item = ElementRef> {
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
                {
                    if j != i && !list.contains(&j) {
                        list.push(j);
                    }
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

// ------------------------------------------------------------------ source rows

struct Row {
    level1: String,
    level2: String,
    name: String,
    value: Option<String>,
}

struct SourceProject {
    department: String,
    slug: String,
    file: PathBuf,
    /// The annual table's rows, then the long-term table's, if any.
    tables: Vec<Vec<Row>>,
}

fn source_projects(root: &Path) -> Vec<SourceProject> {
    let mut out = Vec::new();
    let content = root.join("content");
    for dept in std::fs::read_dir(&content).unwrap() {
        let dept = dept.unwrap().path();
        if !dept.join("_department.yaml").is_file() {
            continue;
        }
        for file in std::fs::read_dir(&dept).unwrap() {
            let file = file.unwrap().path();
            let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
            if file.extension().is_none_or(|e| e != "yaml") || stem.starts_with('_') {
                continue;
            }
            let doc: serde_yaml::Value =
                serde_yaml::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
            let s = |v: &serde_yaml::Value| v.as_str().map(str::to_owned);
            // A row without level1/level2 repeats the row above (the merged
            // cells of the paper table); the annual table, then the
            // 实施期/长期 one when present.
            let table = |key: &str| -> Vec<Row> {
                let mut above: Option<(String, String)> = None;
                let Some(rows) = doc[key].as_sequence() else {
                    return Vec::new();
                };
                rows.iter()
                    .map(|r| {
                        let (l1, l2) = above.clone().unzip();
                        let row = Row {
                            level1: s(&r["level1"]).or(l1).unwrap(),
                            level2: s(&r["level2"]).or(l2).unwrap(),
                            name: s(&r["name"]).unwrap(),
                            value: s(&r["value"]),
                        };
                        above = Some((row.level1.clone(), row.level2.clone()));
                        row
                    })
                    .collect()
            };
            let annual = table("indicators");
            assert!(!annual.is_empty(), "{}: no indicators", file.display());
            let tables: Vec<Vec<Row>> = [annual, table("long_term_indicators")]
                .into_iter()
                .filter(|t| !t.is_empty())
                .collect();
            out.push(SourceProject {
                department: dept.file_name().unwrap().to_string_lossy().into_owned(),
                slug: stem,
                file,
                tables,
            });
        }
    }
    out.sort_by(|a, b| a.file.cmp(&b.file));
    assert!(!out.is_empty(), "no projects under {}", content.display());
    out
}

/// The generated pages of a project: `…/<slug>/index.html` or `…/<slug>.html`
/// below a folder named after its department, holding an indicator table.
fn project_pages(out: &Path, p: &SourceProject) -> Vec<PathBuf> {
    html_files(out)
        .into_iter()
        .filter(|f| {
            let rel = f.strip_prefix(out).unwrap();
            let parts: Vec<String> = rel
                .iter()
                .map(|c| c.to_string_lossy().into_owned())
                .collect();
            let named = parts.contains(&p.slug)
                || rel
                    .file_stem()
                    .is_some_and(|s| s.to_string_lossy() == p.slug);
            named && parts.contains(&p.department)
        })
        .filter(|f| parse(f).select(&sel("table.indicators")).next().is_some())
        .collect()
}

// ------------------------------------------------------------------ tests

#[test]
fn every_table_has_a_caption_header_cells_and_no_layout_role() {
    let mut failures = Vec::new();
    let mut tables = 0;
    for (label, out, _) in sites() {
        for file in html_files(&out) {
            let rel = format!("{label}/{}", file.strip_prefix(&out).unwrap().display());
            let doc = parse(&file);
            for (n, el) in doc.select(&sel("table")).enumerate() {
                tables += 1;
                let at = format!("{rel}: table #{}", n + 1);
                match child_elements(el).find(|c| c.value().name() == "caption") {
                    Some(c) if !text_of(c).is_empty() => {}
                    Some(_) => failures.push(format!("{at} has an empty <caption>")),
                    None => failures.push(format!("{at} has no <caption>")),
                }
                if let Some(role) = el.value().attr("role") {
                    if ["presentation", "none"].contains(&role.trim()) {
                        failures.push(format!("{at} is a layout table (role={role})"));
                    }
                }
                let table = Table::new(el);
                if !table.cells.iter().any(|c| c.header) {
                    failures.push(format!("{at} has no <th>: data tables need header cells"));
                }
                for (i, c) in table.cells.iter().enumerate() {
                    if !c.header && !text_of(c.el).is_empty() && table.headers_of(i).is_empty() {
                        failures.push(format!(
                            "{at}: data cell \"{}\" (row {}, column {}) has no header cell",
                            text_of(c.el),
                            c.y + 1,
                            c.x + 1
                        ));
                    }
                }
            }
        }
    }
    assert!(tables > 0, "the built sites contain no tables at all");
    report("table structure", &failures);
}

#[test]
fn every_indicator_value_has_its_three_level_headers() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (label, out, root) in sites() {
        for project in source_projects(&root) {
            let src = project
                .file
                .strip_prefix(&root)
                .unwrap()
                .display()
                .to_string();
            let pages = project_pages(&out, &project);
            if pages.is_empty() {
                failures.push(format!(
                    "{label}: no page with an indicator table for {src}"
                ));
                continue;
            }
            for page in pages {
                let rel = format!("{label}/{}", page.strip_prefix(&out).unwrap().display());
                let doc = parse(&page);
                let tables: Vec<_> = doc.select(&sel("table.indicators")).collect();
                if tables.len() != project.tables.len() {
                    failures.push(format!(
                        "{rel}: expected {} indicator table(s), found {}",
                        project.tables.len(),
                        tables.len()
                    ));
                    continue;
                }
                for (table, rows) in tables.into_iter().zip(&project.tables) {
                    checked +=
                        check_value_cells(&rel, &src, Table::new(table), rows, &mut failures);
                }
            }
        }
    }
    report("indicator header association", &failures);
    assert!(checked > 100, "only {checked} indicator cells were checked");
}

/// Checks every 指标值 cell of one indicator table against the source rows;
/// returns how many cells were checked.
fn check_value_cells(
    rel: &str,
    src: &str,
    table: Table,
    rows: &[Row],
    failures: &mut Vec<String>,
) -> usize {
    let mut checked = 0;
    let Some(col) = table.column("指标值") else {
        failures.push(format!("{rel}: no 指标值 column header in <thead>"));
        return 0;
    };
    let cells = table.body_cells_in_column(col);
    if cells.len() != rows.len() {
        failures.push(format!(
            "{rel}: {} rows in the 指标值 column, {src} has {} indicators",
            cells.len(),
            rows.len()
        ));
        return 0;
    }
    for (n, (&i, row)) in cells.iter().zip(rows).enumerate() {
        checked += 1;
        let cell = &table.cells[i];
        let at = format!(
            "{rel}: row {} ({} › {} › {})",
            n + 1,
            row.level1,
            row.level2,
            row.name
        );
        if cell.header {
            failures.push(format!("{at}: the 指标值 cell is a <th>, not a data cell"));
            continue;
        }
        let mut want = vec![
            row.level1.clone(),
            row.level2.clone(),
            row.name.clone(),
            "指标值".to_owned(),
        ];
        want.sort();
        let got = table.header_texts(i);
        if got != want {
            failures.push(format!("{at}: headers are {got:?}, want {want:?}"));
        }
        let text = text_of(cell.el);
        match &row.value {
            Some(v) if !text.contains(v.trim()) => failures.push(format!(
                "{at}: cell reads \"{text}\", want the value \"{v}\""
            )),
            None if text.is_empty() => failures.push(format!(
                "{at}: a null value renders as an empty cell; say that it was not filled in"
            )),
            _ => {}
        }
    }
    checked
}

/// `12.50`, `1,234.56`, `-3.00`: what an amount cell looks like.
fn looks_like_money(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let Some((int, frac)) = s.split_once('.') else {
        return false;
    };
    !int.is_empty()
        && int.chars().all(|c| c.is_ascii_digit() || c == ',')
        && int.starts_with(|c: char| c.is_ascii_digit())
        && frac.len() == 2
        && frac.chars().all(|c| c.is_ascii_digit())
}

/// Declarations of the screen (not print-only) rules whose selector targets
/// the `num` class, from a stylesheet's text.
fn num_declarations(css: &str) -> Vec<(String, String)> {
    // Drop comments.
    let mut text = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start + 2..].split_once("*/").map_or("", |(_, r)| r);
    }
    text.push_str(rest);

    let mut decls = Vec::new();
    // A stack of at-rule preludes for the blocks we are inside.
    let mut context: Vec<String> = Vec::new();
    let mut buf = String::new();
    for ch in text.chars() {
        match ch {
            '{' => {
                context.push(buf.trim().to_owned());
                buf.clear();
            }
            '}' => {
                let prelude = context.pop().unwrap_or_default();
                let print_only = context.iter().any(|c| {
                    let c = c.to_ascii_lowercase();
                    c.starts_with("@media")
                        && c.contains("print")
                        && !c.contains("screen")
                        && !c.contains("all")
                });
                if !prelude.starts_with('@') && !print_only {
                    let targets_num = prelude.split(',').any(|selector| {
                        let last = selector
                            .split([' ', '>', '+', '~'])
                            .rfind(|s| !s.is_empty())
                            .unwrap_or("");
                        last.match_indices(".num").any(|(at, _)| {
                            !last[at + 4..]
                                .starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '_')
                        })
                    });
                    if targets_num {
                        for d in buf.split(';') {
                            if let Some((k, v)) = d.split_once(':') {
                                decls.push((
                                    k.trim().to_ascii_lowercase(),
                                    v.trim().to_ascii_lowercase(),
                                ));
                            }
                        }
                    }
                }
                buf.clear();
            }
            _ => buf.push(ch),
        }
    }
    decls
}

#[test]
fn numbers_are_right_aligned_with_tabular_figures() {
    let mut failures = Vec::new();
    let mut num_cells = 0;
    let mut stylesheets: BTreeSet<PathBuf> = BTreeSet::new();
    let mut inline_css = String::new();
    for (label, out, _) in sites() {
        for file in html_files(&out) {
            let rel = format!("{label}/{}", file.strip_prefix(&out).unwrap().display());
            let doc = parse(&file);
            for link in doc.select(&sel("link[rel~=stylesheet][href]")) {
                let href = link.value().attr("href").unwrap();
                let href = href.split(['?', '#']).next().unwrap();
                let path = match href.strip_prefix('/') {
                    Some(abs) => out.join(abs),
                    None => file.parent().unwrap().join(href),
                };
                if !path.is_file() {
                    failures.push(format!("{rel}: stylesheet {href} does not exist"));
                } else {
                    stylesheets.insert(path);
                }
            }
            for style in doc.select(&sel("style")) {
                inline_css.push_str(&style.text().collect::<String>());
            }
            for table in doc.select(&sel("table")) {
                let t = Table::new(table);
                let value_col = t.column("指标值");
                for c in &t.cells {
                    let text = text_of(c.el);
                    let is_num =
                        c.el.value()
                            .has_class("num", scraper::CaseSensitivity::CaseSensitive);
                    num_cells += usize::from(is_num);
                    // Indicator values are free text; amounts elsewhere are numbers.
                    let free_text = table
                        .value()
                        .has_class("indicators", scraper::CaseSensitivity::CaseSensitive)
                        && Some(c.x) == value_col;
                    if looks_like_money(&text) && !is_num && !free_text {
                        failures.push(format!("{rel}: amount cell \"{text}\" lacks class=\"num\""));
                    }
                }
            }
        }
    }
    if num_cells == 0 {
        failures.push("no table cell in either site has class=\"num\"; amounts must".to_owned());
    }
    let mut decls = num_declarations(&inline_css);
    for sheet in &stylesheets {
        decls.extend(num_declarations(&std::fs::read_to_string(sheet).unwrap()));
    }
    let has = |prop: &str, ok: &dyn Fn(&str) -> bool| decls.iter().any(|(k, v)| k == prop && ok(v));
    if !has("text-align", &|v| {
        v.starts_with("right") || v.starts_with("end")
    }) {
        failures.push(format!(
            "no .num rule declares text-align: right (stylesheets: {stylesheets:?})"
        ));
    }
    if !has("font-variant-numeric", &|v| {
        v.split_whitespace().any(|w| w == "tabular-nums")
    }) {
        failures.push(format!("no .num rule declares font-variant-numeric: tabular-nums (stylesheets: {stylesheets:?})"));
    }
    report("numeric cells", &failures);
}

// ------------------------------------------------------------------ the algorithm itself

#[cfg(test)]
mod algorithm {
    use super::*;

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
