//! View structs: what templates receive.
//!
//! Templates format; they never calculate. Every total, every rowspan, every
//! header id and every href is computed here, in Rust, where it is tested,
//! and handed to Tera as plain strings and numbers. Amounts arrive formatted
//! with two decimals. Markdown arrives as sanitised HTML (the only values
//! templates may print with `safe`); all other strings are escaped by Tera.

use serde::Serialize;

use super::markdown::{to_html, to_inline_html};
use super::plan::{PageKind, href_of};
use crate::config::{Config, Footer};
use crate::model::{Amount, Department, Indicator, Page, Project, Site};

/// Site-wide values every template can use.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub language: &'a str,
    pub footer: &'a Footer,
    /// Navigation: 首页 followed by the Markdown pages.
    pub nav: Vec<Link>,
    pub base_path: &'a str,
}

impl<'a> SiteView<'a> {
    pub fn new(config: &'a Config, pages: &[Page], home: &str) -> Self {
        let nav = std::iter::once(Link::new(home, href_of(&PageKind::Index)))
            .chain(
                pages
                    .iter()
                    .map(|p| Link::new(&p.title, href_of(&PageKind::Page(p.slug.clone())))),
            )
            .collect();
        SiteView {
            title: &config.title,
            description: config.description.as_deref(),
            language: &config.language,
            footer: &config.footer,
            nav,
            base_path: &config.base_path,
        }
    }
}

/// A link; `href` is relative to the site root (templates prefix `root`).
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub href: String,
}

impl Link {
    pub fn new(title: &str, href: String) -> Self {
        Link {
            title: title.to_owned(),
            href,
        }
    }
}

/// One project as a row of a department or index table.
#[derive(Debug, Serialize)]
pub struct ProjectRow<'a> {
    pub name: &'a str,
    pub year: u16,
    pub amount: String,
    pub href: String,
    pub indicators: usize,
}

impl<'a> ProjectRow<'a> {
    fn new(project: &'a Project) -> Self {
        ProjectRow {
            name: &project.name,
            year: project.year,
            amount: project.amount.to_string(),
            href: href_of(&PageKind::Project(project.key())),
            indicators: project.indicators.len(),
        }
    }
}

/// A department with its projects and their computed 合计.
#[derive(Debug, Serialize)]
pub struct DepartmentView<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub parent: Option<Link>,
    pub href: String,
    pub projects: Vec<ProjectRow<'a>>,
    pub total: String,
    pub count: usize,
    /// The distinct years of its projects, joined for display: "2023".
    pub years: String,
}

impl<'a> DepartmentView<'a> {
    pub fn new(site: &'a Site, department: &'a Department) -> Self {
        let projects = site.projects_of(&department.code);
        let parent = department.parent.as_deref().and_then(|code| {
            site.department(code)
                .map(|p| Link::new(&p.name, href_of(&PageKind::Department(p.code.clone()))))
        });
        let mut years: Vec<u16> = projects.iter().map(|p| p.year).collect();
        years.dedup();
        DepartmentView {
            code: &department.code,
            name: &department.name,
            parent,
            href: href_of(&PageKind::Department(department.code.clone())),
            projects: projects.iter().map(|p| ProjectRow::new(p)).collect(),
            total: Amount::sum(projects.iter().map(|p| &p.amount)).to_string(),
            count: projects.len(),
            years: join_years(&years),
        }
    }
}

fn join_years(years: &[u16]) -> String {
    years
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join("、")
}

/// The home page: every department with its projects, and site totals.
#[derive(Debug, Serialize)]
pub struct IndexView<'a> {
    pub departments: Vec<DepartmentView<'a>>,
    pub total: String,
    pub project_count: usize,
    pub department_count: usize,
    pub years: String,
    /// True when projects of more than one year are present, so the tables
    /// must show a year column.
    pub multi_year: bool,
}

impl<'a> IndexView<'a> {
    pub fn new(site: &'a Site) -> Self {
        let years = site.years();
        IndexView {
            departments: site
                .departments
                .iter()
                .map(|d| DepartmentView::new(site, d))
                .collect(),
            total: site.total().to_string(),
            project_count: site.projects.len(),
            department_count: site.departments.len(),
            years: join_years(&years),
            multi_year: years.len() > 1,
        }
    }
}

/// A header cell that spans the rows of its group.
#[derive(Debug, Serialize)]
pub struct GroupHeader<'a> {
    pub id: String,
    pub name: &'a str,
    pub rowspan: usize,
}

/// One indicator row, with the group headers that start on it.
#[derive(Debug, Serialize)]
pub struct IndicatorRow<'a> {
    /// Present on the first row of a 一级 group.
    pub level1: Option<GroupHeader<'a>>,
    /// Present on the first row of a 二级 group.
    pub level2: Option<GroupHeader<'a>>,
    pub id: String,
    pub name: &'a str,
    /// `None` renders as 未填报.
    pub value: Option<&'a str>,
    pub note: Option<String>,
    /// The `headers` attribute of the value cell: 一级, 二级, 三级 and the
    /// column header, so the cell is announced with all four.
    pub headers: String,
}

/// The rows of one 一级 group, rendered as one `<tbody>`.
#[derive(Debug, Serialize)]
pub struct IndicatorGroup<'a> {
    pub rows: Vec<IndicatorRow<'a>>,
}

/// The id of the 指标值 column header.
pub const VALUE_COLUMN_ID: &str = "col-value";

/// Groups consecutive rows with the same 一级 (and, within it, the same
/// 二级) so that each level is one header cell spanning its rows.
pub fn indicator_groups(indicators: &[Indicator]) -> Vec<IndicatorGroup<'_>> {
    let mut groups = Vec::new();
    for (g, level1_rows) in runs(indicators, |r| &r.level1).enumerate() {
        let level1_id = format!("l1-{g}");
        let mut rows = Vec::with_capacity(level1_rows.len());
        for (s, level2_rows) in runs(level1_rows, |r| &r.level2).enumerate() {
            let level2_id = format!("l2-{g}-{s}");
            for (i, row) in level2_rows.iter().enumerate() {
                let id = format!("l3-{g}-{s}-{i}");
                let header = |id: &str, name, rowspan| GroupHeader {
                    id: id.to_owned(),
                    name,
                    rowspan,
                };
                rows.push(IndicatorRow {
                    level1: (s == 0 && i == 0)
                        .then(|| header(&level1_id, &row.level1, level1_rows.len())),
                    level2: (i == 0).then(|| header(&level2_id, &row.level2, level2_rows.len())),
                    headers: format!("{level1_id} {level2_id} {id} {VALUE_COLUMN_ID}"),
                    id,
                    name: &row.name,
                    value: row.value.as_deref(),
                    note: row.note.as_deref().map(to_inline_html),
                });
            }
        }
        groups.push(IndicatorGroup { rows });
    }
    groups
}

/// Splits `rows` into maximal runs with the same key, keeping order.
fn runs<'a, K: PartialEq + ?Sized>(
    rows: &'a [Indicator],
    key: impl Fn(&Indicator) -> &K + 'a,
) -> impl Iterator<Item = &'a [Indicator]> + 'a {
    let mut rest = rows;
    std::iter::from_fn(move || {
        let first = rest.first()?;
        let len = rest.iter().take_while(|r| key(r) == key(first)).count();
        let (run, tail) = rest.split_at(len);
        rest = tail;
        Some(run)
    })
}

/// 资金来源, formatted.
#[derive(Debug, Serialize)]
pub struct FundingView {
    pub fiscal: String,
    pub other: String,
}

/// Everything the project page shows.
#[derive(Debug, Serialize)]
pub struct ProjectView<'a> {
    pub name: &'a str,
    pub year: u16,
    pub code: Option<&'a str>,
    pub amount: String,
    pub funding: Option<FundingView>,
    pub period: Option<&'a str>,
    pub implementer: Option<&'a str>,
    pub goals: Vec<String>,
    pub notes: Option<String>,
    pub groups: Vec<IndicatorGroup<'a>>,
    pub indicator_count: usize,
    pub missing_count: usize,
    pub department: Link,
    pub department_code: &'a str,
    pub value_column_id: &'static str,
}

impl<'a> ProjectView<'a> {
    pub fn new(project: &'a Project, department: &'a Department) -> Self {
        ProjectView {
            name: &project.name,
            year: project.year,
            code: project.code.as_deref(),
            amount: project.amount.to_string(),
            funding: project.funding.map(|f| FundingView {
                fiscal: f.fiscal.to_string(),
                other: f.other.to_string(),
            }),
            period: project.period.as_deref(),
            implementer: project.implementer.as_deref(),
            goals: project.goals.iter().map(|g| to_inline_html(g)).collect(),
            notes: project.notes.as_deref().map(|n| to_html(n, 3)),
            groups: indicator_groups(&project.indicators),
            indicator_count: project.indicators.len(),
            missing_count: project
                .indicators
                .iter()
                .filter(|i| i.value.is_none())
                .count(),
            department: Link::new(
                &department.name,
                href_of(&PageKind::Department(department.code.clone())),
            ),
            department_code: &department.code,
            value_column_id: VALUE_COLUMN_ID,
        }
    }
}

/// A Markdown page.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    pub title: &'a str,
    pub slug: &'a str,
    pub body: String,
}

impl<'a> PageView<'a> {
    pub fn new(page: &'a Page) -> Self {
        PageView {
            title: &page.title,
            slug: &page.slug,
            body: to_html(&page.body, 2),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(l1: &str, l2: &str, name: &str) -> Indicator {
        Indicator {
            level1: l1.into(),
            level2: l2.into(),
            name: name.into(),
            value: Some("1".into()),
            note: None,
        }
    }

    #[test]
    fn rowspans_follow_the_runs() {
        let rows = [
            row("产出指标", "数量指标", "a"),
            row("产出指标", "数量指标", "b"),
            row("产出指标", "质量指标", "c"),
            row("效益指标", "社会效益", "d"),
        ];
        let groups = indicator_groups(&rows);
        assert_eq!(groups.len(), 2);
        let first = &groups[0].rows;
        assert_eq!(first[0].level1.as_ref().unwrap().rowspan, 3);
        assert_eq!(first[0].level2.as_ref().unwrap().rowspan, 2);
        assert!(first[1].level1.is_none() && first[1].level2.is_none());
        assert_eq!(first[2].level2.as_ref().unwrap().rowspan, 1);
        assert_eq!(first[2].headers, "l1-0 l2-0-1 l3-0-1-0 col-value");
        assert_eq!(groups[1].rows[0].level1.as_ref().unwrap().rowspan, 1);
    }
}
