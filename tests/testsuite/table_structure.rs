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

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use scraper::Html;

use crate::common::succeeded;
pub(crate) use crate::common::{
    evaluation_root, history_root, provinces_root, repo_root, revisions_root, stress_root,
    years_root,
};
use crate::table_model::{Table, child_elements, sel, text_of};

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
    /// 修订记录 of every kind, superseded tables and a 更正说明 page with
    /// rows (`tests/fixtures/revisions`).
    pub revisions: PathBuf,
    /// Targets with their 绩效自评 over two years: result columns, rows
    /// matching no target, budget and 达成情况 charts, index columns
    /// (`tests/fixtures/evaluation`).
    pub evaluation: PathBuf,
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
            revisions: base.join("revisions"),
            evaluation: base.join("evaluation"),
        };
        build_site(&repo_root(), &sites.example);
        build_site(&stress_root(), &sites.stress);
        build_site(&provinces_root(), &sites.provinces);
        build_site(&years_root(), &sites.years);
        build_site(&history_root(), &sites.history);
        build_site(&revisions_root(), &sites.revisions);
        build_site(&evaluation_root(), &sites.evaluation);
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
        ("revisions", built.revisions.clone(), revisions_root()),
        ("evaluation", built.evaluation.clone(), evaluation_root()),
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
            // A 绩效自评 (`<slug>.evaluation.yaml`) is no project.
            if file.extension().is_none_or(|e| e != "yaml")
                || stem.starts_with('_')
                || stem.ends_with(".evaluation")
            {
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
                if let Some(role) = el.value().attr("role")
                    && ["presentation", "none"].contains(&role.trim())
                {
                    failures.push(format!("{at} is a layout table (role={role})"));
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
pub(crate) fn looks_like_money(s: &str) -> bool {
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
pub(crate) fn num_declarations(css: &str) -> Vec<(String, String)> {
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
