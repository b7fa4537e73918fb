//! The views of a site that spans budget years: the front page, a year's
//! index, a department in one year, and a department's landing page.
//!
//! Every table and every 合计 here covers exactly one budget year: totals
//! are computed per year from that year's projects, and no view sums
//! across years. The front page lists years side by side, each with its
//! own total, and deliberately has no grand total.

use serde::Serialize;

use super::downloads::{DownloadLink, Sizes};
use super::evaluation_index::{DepartmentTotals, TotalsView, YearTotals};

/// The theme's UI strings.
type Strings = std::collections::BTreeMap<String, String>;
use super::{Link, ProjectRow, YearLink};
use crate::model::{Department, Project, Site, total_of};
use crate::render::plan::{PageKind, Scope, href_of};

/// The projects of `year`, in site order.
fn of_year(site: &Site, year: u16) -> impl Iterator<Item = &Project> {
    site.projects
        .iter()
        .map(|p| &**p)
        .filter(move |p| p.year == year)
}

/// The projects of one department in one year, in site order.
fn of_department_year<'a>(site: &'a Site, code: &str, year: u16) -> Vec<&'a Project> {
    site.projects_of(code)
        .iter()
        .map(|p| &**p)
        .filter(|p| p.year == year)
        .collect()
}

/// The exact 合计 of projects of one year, in the site's unit.
fn total<'a>(site: &Site, projects: impl IntoIterator<Item = &'a Project>) -> String {
    let unit = site.config.amount_unit;
    total_of(projects, unit, unit).to_string()
}

/// The department's parent unit as a link to its landing page.
fn parent_link(site: &Site, department: &Department) -> Option<Link> {
    department.parent.as_deref().and_then(|code| {
        site.department(code)
            .map(|p| Link::new(&p.name, href_of(&PageKind::Department(p.code.clone()))))
    })
}

/// One year as a row of the front page.
#[derive(Debug, Serialize)]
pub(crate) struct YearSummary {
    pub year: u16,
    pub href: String,
    pub department_count: usize,
    pub project_count: usize,
    pub total: String,
}

impl YearSummary {
    fn new(site: &Site, year: u16) -> Self {
        let projects: Vec<&Project> = of_year(site, year).collect();
        let mut departments: Vec<&str> = projects.iter().map(|p| p.department.as_str()).collect();
        departments.dedup();
        YearSummary {
            year,
            href: href_of(&PageKind::Year(year)),
            department_count: departments.len(),
            project_count: projects.len(),
            total: total(site, projects),
        }
    }
}

/// One department in one year, as a row of a summary table.
#[derive(Debug, Serialize)]
pub(crate) struct DepartmentSummary<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub year: u16,
    pub href: String,
    pub count: usize,
    pub total: String,
    /// The year's 全年预算数 and 全年执行数 of its evaluated projects.
    pub evaluation: Option<TotalsView>,
}

impl<'a> DepartmentSummary<'a> {
    fn new(site: &'a Site, department: &'a Department, year: u16) -> Option<Self> {
        let projects = of_department_year(site, &department.code, year);
        (!projects.is_empty()).then(|| DepartmentSummary {
            code: &department.code,
            name: &department.name,
            year,
            href: href_of(&PageKind::DepartmentYear(department.code.clone(), year)),
            count: projects.len(),
            evaluation: TotalsView::of(projects.iter().copied(), site.config.amount_unit),
            total: total(site, projects),
        })
    }
}

/// The portal's front page: every year, newest first, then the newest
/// year's departments.
#[derive(Debug, Serialize)]
pub(crate) struct FrontView<'a> {
    pub years: Vec<YearSummary>,
    /// The newest year, with its departments and its own 合计.
    pub newest: Option<YearSummary>,
    pub newest_departments: Vec<DepartmentSummary<'a>>,
    /// Units that have a landing page but no projects in any year.
    pub department_count: usize,
}

impl<'a> FrontView<'a> {
    pub(crate) fn new(site: &'a Site) -> Self {
        let years: Vec<u16> = site.years().into_iter().rev().collect();
        let newest = years.first().copied();
        FrontView {
            years: years.iter().map(|y| YearSummary::new(site, *y)).collect(),
            newest: newest.map(|y| YearSummary::new(site, y)),
            newest_departments: newest
                .map(|y| {
                    site.departments
                        .iter()
                        .filter_map(|d| DepartmentSummary::new(site, d, y))
                        .collect()
                })
                .unwrap_or_default(),
            department_count: site.departments.len(),
        }
    }
}

/// One budget year: its departments with their projects, per-department
/// and per-year 合计.
#[derive(Debug, Serialize)]
pub(crate) struct YearView<'a> {
    pub year: u16,
    /// Each department's project table; empty when the year has more than
    /// [`YEAR_PAGE_PROJECTS`] projects (see `listed`).
    pub departments: Vec<DepartmentYearView<'a>>,
    /// The projects are listed on this page. A province or the whole
    /// country has tens of thousands a year, and one page of them all
    /// (30 MB at 100,000 projects) serves no reader: the page then lists
    /// the departments with their totals, each linking to its own page.
    pub listed: bool,
    pub total: String,
    pub project_count: usize,
    pub department_count: usize,
    pub downloads: Vec<DownloadLink>,
    /// The 全年预算数 and 全年执行数 of the year's evaluated projects, per
    /// department and in all; `None` when none has an evaluation.
    pub evaluation: Option<YearTotals<'a>>,
}

/// The most projects a year's page lists; above it, the page lists the
/// departments only.
pub(crate) const YEAR_PAGE_PROJECTS: usize = 500;

impl<'a> YearView<'a> {
    pub(crate) fn new(site: &'a Site, year: u16, sizes: &Sizes, strings: &Strings) -> Self {
        let projects: Vec<&Project> = of_year(site, year).collect();
        let listed = projects.len() <= YEAR_PAGE_PROJECTS;
        let department_count = site
            .departments
            .iter()
            .filter(|d| projects.iter().any(|p| p.department == d.code))
            .count();
        let departments: Vec<DepartmentYearView<'a>> = if listed {
            site.departments
                .iter()
                .filter_map(|d| DepartmentYearView::new(site, d, year, sizes, strings))
                .collect()
        } else {
            Vec::new()
        };
        let unit = site.config.amount_unit;
        let evaluation = TotalsView::of(projects.iter().copied(), unit).map(|total| YearTotals {
            rows: site
                .departments
                .iter()
                .filter_map(|d| {
                    let totals = TotalsView::of(of_department_year(site, &d.code, year), unit)?;
                    Some(DepartmentTotals {
                        name: &d.name,
                        href: href_of(&PageKind::DepartmentYear(d.code.clone(), year)),
                        totals,
                    })
                })
                .collect(),
            total,
        });
        YearView {
            year,
            evaluation,
            department_count,
            departments,
            listed,
            project_count: projects.len(),
            total: total(site, projects),
            downloads: DownloadLink::all(site, &Scope::Year(year).downloads(), sizes, strings),
        }
    }
}

/// A department in one year: its projects and their 合计, and links to the
/// same department in its other years.
#[derive(Debug, Serialize)]
pub(crate) struct DepartmentYearView<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub year: u16,
    pub parent: Option<Link>,
    pub href: String,
    pub projects: Vec<ProjectRow<'a>>,
    pub total: String,
    pub count: usize,
    /// The 全年预算数 and 全年执行数 of its evaluated projects; `Some` also
    /// gives the project table its 执行率 and 自评得分/等级 columns.
    pub evaluation: Option<TotalsView>,
    /// Some project of the table has no evaluation: the table explains 未自评.
    pub unevaluated: bool,
    /// Every year of this department, newest first; `href` to its page.
    pub years: Vec<YearLink>,
    /// The department's landing page.
    pub landing: String,
    pub downloads: Vec<DownloadLink>,
}

impl<'a> DepartmentYearView<'a> {
    /// `None` when the department has no project in `year`.
    pub(crate) fn new(
        site: &'a Site,
        department: &'a Department,
        year: u16,
        sizes: &Sizes,
        strings: &Strings,
    ) -> Option<Self> {
        let projects = of_department_year(site, &department.code, year);
        if projects.is_empty() {
            return None;
        }
        let unit = site.config.amount_unit;
        Some(DepartmentYearView {
            code: &department.code,
            name: &department.name,
            year,
            parent: parent_link(site, department),
            href: href_of(&PageKind::DepartmentYear(department.code.clone(), year)),
            projects: projects
                .iter()
                .map(|p| ProjectRow::new(p, unit, strings))
                .collect(),
            evaluation: TotalsView::of(projects.iter().copied(), unit),
            unevaluated: projects.iter().any(|p| p.evaluation.is_none()),
            total: total(site, projects.iter().copied()),
            count: projects.len(),
            years: department_years(site, &department.code)
                .into_iter()
                .map(|y| YearLink {
                    year: y,
                    href: href_of(&PageKind::DepartmentYear(department.code.clone(), y)),
                })
                .collect(),
            landing: href_of(&PageKind::Department(department.code.clone())),
            downloads: DownloadLink::all(
                site,
                &Scope::DepartmentYear(department.code.clone(), year).listed_downloads(),
                sizes,
                strings,
            ),
        })
    }
}

/// The years a department has projects in, newest first.
fn department_years(site: &Site, code: &str) -> Vec<u16> {
    let mut years: Vec<u16> = site.projects_of(code).iter().map(|p| p.year).collect();
    years.dedup();
    years.reverse();
    years
}

/// A department's landing page at `/<code>/`, the URL department pages
/// had before the site spanned years: its years, each with its own count
/// and 合计, linking to the department's page for that year.
#[derive(Debug, Serialize)]
pub(crate) struct DepartmentView<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub parent: Option<Link>,
    pub href: String,
    pub years: Vec<DepartmentSummary<'a>>,
    /// Some year has an evaluated project: the table of years shows the
    /// totals of 全年预算数 and 全年执行数.
    pub evaluated: bool,
}

impl<'a> DepartmentView<'a> {
    pub(crate) fn new(site: &'a Site, department: &'a Department) -> Self {
        let years: Vec<DepartmentSummary<'a>> = department_years(site, &department.code)
            .into_iter()
            .filter_map(|y| DepartmentSummary::new(site, department, y))
            .collect();
        DepartmentView {
            code: &department.code,
            name: &department.name,
            parent: parent_link(site, department),
            href: href_of(&PageKind::Department(department.code.clone())),
            evaluated: years.iter().any(|y| y.evaluation.is_some()),
            years,
        }
    }
}

/// The year switcher of a page of `kind`: every budget year, newest
/// first. Switching the year keeps the reader where they are when that
/// page exists in the other year: the same project (its chain across
/// years, [`History`]), else the same department's page for that year,
/// else the year's index. A reader comparing a project across years
/// should not be sent back to a list of every department.
pub(crate) fn switcher(
    site: &Site,
    history: &crate::history::History,
    kind: &PageKind,
) -> Vec<YearLink> {
    let (department, chain): (Option<&str>, Vec<&Project>) = match kind {
        PageKind::DepartmentYear(code, _) => (Some(code), Vec::new()),
        PageKind::Project(key) => (
            Some(&key.department),
            history
                .chain_of_key(site, key)
                .iter()
                .filter_map(|&i| site.projects.get(i).map(|p| &**p))
                .collect(),
        ),
        _ => (None, Vec::new()),
    };
    site.years()
        .into_iter()
        .rev()
        .map(|year| {
            let project = chain.iter().find(|p| p.year == year);
            let page = match (project, department) {
                (Some(p), _) => PageKind::Project(p.key()),
                (None, Some(code)) if !of_department_year(site, code, year).is_empty() => {
                    PageKind::DepartmentYear(code.to_owned(), year)
                }
                _ => PageKind::Year(year),
            };
            YearLink {
                year,
                href: href_of(&page),
            }
        })
        .collect()
}
