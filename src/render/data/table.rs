//! The rows of the open-data tables, as typed cells, built once per file
//! and written by every format.

use std::borrow::Cow;
use std::sync::Arc;

use crate::indicator::value;
use crate::model::{Amount, Indicator, Missing, Project, Site};
use crate::render::plan::{PageKind, Scope, href_of};

use super::evaluation;
use super::fields::{self, Field};

/// One cell of a table. Text is shared (`Arc<str>`): a project's rows are
/// copied into its department-year's and its year's indicator tables, and
/// copying a shared string is a counter increment, not an allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Cell {
    Empty,
    Text(Arc<str>),
    Integer(i64),
    /// An exact decimal as text (`200.00`, `330.984`), never a float.
    Number(Arc<str>),
}

impl Cell {
    /// The cell as CSV text.
    pub(crate) fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Cell::Empty => "".into(),
            Cell::Text(s) | Cell::Number(s) => (**s).into(),
            Cell::Integer(i) => i.to_string().into(),
        }
    }

    fn opt(text: Option<&str>) -> Cell {
        text.map_or(Cell::Empty, |t| Cell::Text(t.into()))
    }
}

/// A table: its fields and its rows, each row one cell per field. The rows
/// may be borrowed from rows built once and shared.
#[derive(Debug, Clone)]
pub(crate) struct Table<'a> {
    pub fields: Vec<Field>,
    pub rows: Cow<'a, [Vec<Cell>]>,
}

/// The projects a scope covers, in site order (by department, then
/// slug), so a year's rows are its department-years' rows one after
/// another. Both scopes stay within one budget year.
pub(crate) fn scoped<'a>(
    site: &'a Site,
    scope: &'a Scope,
) -> Box<dyn Iterator<Item = &'a Project> + 'a> {
    match scope {
        Scope::Year(y) => Box::new(
            site.projects
                .iter()
                .map(|p| &**p)
                .filter(move |p| p.year == *y),
        ),
        Scope::DepartmentYear(code, y) => Box::new(
            site.projects_of(code)
                .iter()
                .map(|p| &**p)
                .filter(move |p| p.year == *y),
        ),
    }
}

/// `projects.csv` of a scope.
pub(crate) fn projects(site: &Site, scope: &Scope) -> Table<'static> {
    Table {
        fields: fields::PROJECT_FIELDS.to_vec(),
        rows: scoped(site, scope).map(|p| project_row(site, p)).collect(),
    }
}

/// `amount` in `unit`, exactly, from a figure written in the project's unit.
fn money(project: &Project, amount: Amount, site: &Site) -> String {
    let from = project.unit(site.config.amount_unit);
    amount
        .convert(from, site.config.amount_unit)
        .unwrap_or(amount)
        .to_string()
}

fn project_row(site: &Site, p: &Project) -> Vec<Cell> {
    let department = site.department(&p.department).map_or("", |d| &d.name);
    vec![
        Cell::Integer(p.year.into()),
        Cell::Text(p.department.as_str().into()),
        Cell::Text(department.into()),
        Cell::Text(p.slug.as_str().into()),
        Cell::Text(p.name.as_str().into()),
        Cell::opt(p.code.as_deref()),
        Cell::Number(money(p, p.amount, site).into()),
        Cell::Text(funding_text(site, p).into()),
        Cell::opt(p.period.as_deref()),
        Cell::Integer((p.indicators.len() + p.long_term_indicators.len()) as i64),
        Cell::Text(href_of(&PageKind::Project(p.key())).into()),
    ]
}

/// `财政拨款 200.00（其中：上级补助 150.00、本级 50.00）；自有资金 1.00`, in
/// the site's unit.
pub(crate) fn funding_text(site: &Site, p: &Project) -> String {
    p.funding
        .iter()
        .map(|f| {
            let mut text = format!("{} {}", f.source, money(p, f.amount, site));
            if !f.parts.is_empty() {
                let parts: Vec<String> = f
                    .parts
                    .iter()
                    .map(|part| format!("{} {}", part.source, money(p, part.amount, site)))
                    .collect();
                text.push_str(&format!("（其中：{}）", parts.join("、")));
            }
            text
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// `indicators.csv` of a scope: each row keyed by its project. `rows_of`
/// gives a project's indicator rows, built once per build and shared.
pub(crate) fn indicators<'s>(
    site: &'s Site,
    scope: &'s Scope,
    rows_of: impl Fn(&'s Project) -> &'s [Vec<Cell>],
) -> Table<'static> {
    let rows = scoped(site, scope)
        .flat_map(|p| {
            let key = [
                Cell::Integer(p.year.into()),
                Cell::Text(p.department.as_str().into()),
                Cell::Text(p.slug.as_str().into()),
            ];
            rows_of(p)
                .iter()
                .map(move |row| key.iter().chain(row).cloned().collect())
        })
        .collect();
    Table {
        fields: fields::indicator_fields(),
        rows,
    }
}

/// The cells that begin each row of a project's own CSV, in the order of
/// [`fields::PROJECT_CSV_KEY`].
pub(crate) fn project_key(site: &Site, p: &Project) -> [Cell; 5] {
    let department = site.department(&p.department).map_or("", |d| &d.name);
    [
        Cell::Integer(p.year.into()),
        Cell::Text(p.department.as_str().into()),
        Cell::Text(department.into()),
        Cell::Text(p.name.as_str().into()),
        Cell::opt(p.code.as_deref()),
    ]
}

/// Both of a project's tables, row by row, annual first, without the
/// project key, each row ending in its 自评 result cells (see
/// [`super::evaluation`]); then the rows of the project's 自评表 that
/// match no target.
pub(crate) fn indicator_rows(p: &Project) -> Vec<Vec<Cell>> {
    let assessed = evaluation::Assessed::of(p);
    let results = |table: &str, i: usize| match (&assessed, table) {
        // The 自评表 evaluates the year's targets, not the long-term ones.
        (Some(a), "annual") => a.target_cells(i),
        _ => evaluation::empty_cells(),
    };
    let tables = [
        ("annual", &p.indicators),
        ("long_term", &p.long_term_indicators),
    ];
    let mut rows: Vec<Vec<Cell>> = tables
        .into_iter()
        .flat_map(|(table, rows)| rows.iter().enumerate().map(move |(i, row)| (table, i, row)))
        .map(|(table, i, row)| {
            let mut cells = indicator_row(table, i + 1, row);
            cells.extend(results(table, i));
            cells
        })
        .collect();
    if let Some(a) = &assessed {
        rows.extend(a.unmatched_rows());
    }
    rows
}

fn indicator_row(table: &str, number: usize, row: &Indicator) -> Vec<Cell> {
    let reading = row.value.as_deref().map(value::parse);
    let measure = reading.as_ref().and_then(|v| v.single());
    vec![
        Cell::Text(table.into()),
        Cell::Integer(number as i64),
        Cell::Text(row.level1.to_string().into()),
        Cell::Text(row.level2.to_string().into()),
        Cell::Text(row.name.as_str().into()),
        Cell::opt(row.value.as_deref()),
        measure
            .and_then(|m| m.comparator)
            .map_or(Cell::Empty, |c| Cell::Text(c.symbol().to_string().into())),
        measure.map_or(Cell::Empty, |m| Cell::Number(m.number.to_string().into())),
        measure
            .filter(|m| !m.unit.is_empty())
            .map_or(Cell::Empty, |m| Cell::Text(m.unit.as_str().into())),
        Cell::opt(row.direction.as_deref()),
        row.weight
            .map_or(Cell::Empty, |w| Cell::Number(w.0.to_string().into())),
        Cell::opt(row.standard.as_deref()),
        Cell::opt(row.explanation.as_deref()),
        row.missing_reason().map_or(Cell::Empty, |m| {
            Cell::Text(
                match m {
                    Missing::Blank => "blank",
                    Missing::Unreadable => "unreadable",
                }
                .into(),
            )
        }),
        Cell::opt(row.note.as_deref()),
    ]
}
