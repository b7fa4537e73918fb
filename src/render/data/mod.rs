//! Open data: the downloads generated beside the pages.
//!
//! Every table a page shows can be taken away as data, in the formats its
//! readers use and no more, because each copy costs bytes on the host and
//! time in the build (issue 22):
//!
//! - **A project**: its table in the official printed layout (.xlsx), for
//!   the clerk or reader who opens it in Excel or WPS, and as CSV, each row
//!   carrying the project's key (year, department, name, 项目编码) so that
//!   the file stands alone.
//! - **A department-year**: `projects.csv` and `indicators.csv` for
//!   programs, `data.xlsx` for Excel, `data.json` for web pages, and a
//!   Frictionless `datapackage.json` describing the CSV files.
//! - **A year**: assembled from its department-years' parts rather than
//!   rendered again ([`year`]): one zip holding the year's two CSV files
//!   and their Data Package, and one workbook.
//! - **绩效自评**: where projects have a 自评表, the indicator tables end in
//!   its results, a department-year gains `evaluation.csv` (with its sheet,
//!   JSON table and package resource), and a project's workbook a 自评表
//!   sheet ([`evaluation`], [`self_evaluation`]). Nothing there is judged
//!   anew: the marks, rate, total and grade are
//!   [`crate::indicator::results`]'s.
//!
//! This module owns what the tables *are* (their fields, in [`fields`],
//! and their rows, in [`table`]); one file per format turns them into
//! bytes. Every format is built from the same rows, so the CSV, the
//! workbook and the JSON cannot disagree, and no set ever mixes two budget
//! years.
//!
//! Money is exact decimal text everywhere, converted exactly into the
//! site's unit ([`Project::amount_in`]); parsed indicator values come from
//! [`crate::indicator::value`], never from a second reader.

pub(crate) mod csv;
pub(crate) mod datapackage;
pub(crate) mod evaluation;
pub(crate) mod fields;
pub(crate) mod grid;
pub(crate) mod history;
pub(crate) mod json;
pub(crate) mod ooxml;
pub(crate) mod self_evaluation;
pub(crate) mod table;
pub(crate) mod xlsx;
pub(crate) mod year;

use std::collections::HashMap;

use rayon::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use crate::error::{Error, Result};
use crate::model::{Project, ProjectKey, Site};
use crate::render::plan::{Download, ProjectFormat, Scope, SetFormat};

pub(crate) use table::{Cell, Table};
pub(crate) use year::workbook_has_indicators;

/// The files that use a department-year's [`Part`]: its two CSV files, its
/// workbook, its `data.json` and its `datapackage.json` (which states the
/// CSV files' sizes and hashes), and its year's workbook and zip; and its
/// `evaluation.csv` when it has one ([`Part::users`]).
const PART_USERS: usize = 7;

/// A department-year's tables and their CSV rows, built once per build and
/// shared by its own files and by its year's, which are assembled from
/// the parts of every department-year in it.
pub(crate) struct Part {
    pub(crate) projects: Table<'static>,
    pub(crate) indicators: Table<'static>,
    /// `projects.csv` without its header.
    pub(crate) projects_csv: Vec<u8>,
    /// `indicators.csv` without its header.
    pub(crate) indicators_csv: Vec<u8>,
    /// `evaluation.csv` and its rows without the header, when a project of
    /// the department-year has a 绩效自评表.
    pub(crate) evaluation: Option<(Table<'static>, Vec<u8>)>,
}

impl Part {
    /// How many files take this part.
    fn users(&self) -> usize {
        PART_USERS + usize::from(self.evaluation.is_some())
    }
}

/// The department-years' parts and the projects' indicator rows, shared
/// by the downloads of one build.
///
/// Why: a department-year's rows feed five files of its own and two of
/// its year, and building them once per file cost about as much as
/// writing the files. The cache hands one build to every user and forgets
/// a part once the last has taken it, so a large year's rows are not kept
/// for the rest of the build. A cache lives for one build only: the site
/// may change between builds.
///
/// It also holds every project's indicator rows, built once for the
/// project's CSV and for its department-year's indicator table.
#[derive(Default)]
pub(crate) struct SetTables {
    parts: Mutex<HashMap<(String, u16), Arc<Shared>>>,
    rows: OnceLock<HashMap<ProjectKey, Vec<Vec<Cell>>>>,
}

#[derive(Default)]
struct Shared {
    part: OnceLock<Result<Arc<Part>, String>>,
    taken: AtomicUsize,
}

impl SetTables {
    /// One project's indicator rows, without the project key. The first
    /// call builds every project's rows, in parallel.
    fn project_rows<'s>(&'s self, site: &Site, project: &Project) -> &'s [Vec<Cell>] {
        let rows = self.rows.get_or_init(|| {
            site.projects
                .par_iter()
                .map(|p| (p.key(), table::indicator_rows(p)))
                .collect()
        });
        // A project the site has always has rows; an unknown one (never
        // planned) gets an empty table rather than a panic.
        rows.get(&project.key()).map_or(&[], Vec::as_slice)
    }

    /// The part of the department `code` in `year`, built on first use.
    fn part(&self, site: &Site, code: &str, year: u16) -> Result<Arc<Part>> {
        let key = (code.to_owned(), year);
        let lock = || self.parts.lock().unwrap_or_else(PoisonError::into_inner);
        let shared = lock().entry(key.clone()).or_default().clone();
        let part = shared
            .part
            .get_or_init(|| {
                let scope = Scope::DepartmentYear(key.0.clone(), year);
                build_part(site, &scope, |p| self.project_rows(site, p))
                    .map(Arc::new)
                    .map_err(|e| e.to_string())
            })
            .clone();
        let users = part.as_ref().map_or(PART_USERS, |p| p.users());
        if shared.taken.fetch_add(1, Ordering::AcqRel) + 1 >= users {
            lock().remove(&key);
        }
        part.map_err(|e| writer_error("csv", e))
    }
}

fn build_part<'s>(
    site: &'s Site,
    scope: &'s Scope,
    rows_of: impl Fn(&'s Project) -> &'s [Vec<Cell>],
) -> Result<Part> {
    let projects = table::projects(site, scope);
    let indicators = table::indicators(site, scope, rows_of);
    let projects_csv = csv::rows(projects.rows.iter(), 256 * projects.rows.len())?;
    let indicators_csv = csv::rows(indicators.rows.iter(), 128 * indicators.rows.len())?;
    let evaluation = if evaluation::any(site, scope) {
        let table = evaluation::table(site, scope);
        let body = csv::rows(table.rows.iter(), 128 * table.rows.len())?;
        Some((table, body))
    } else {
        None
    };
    Ok(Part {
        projects,
        indicators,
        projects_csv,
        indicators_csv,
        evaluation,
    })
}

/// The bytes of one download. `cache` shares the department-years' parts
/// between the files of one build; `history` is the site's cross-year
/// identity, computed once per pass.
pub(crate) fn render(
    site: &Site,
    cache: &SetTables,
    history: &crate::history::History,
    download: &Download,
) -> Result<Vec<u8>> {
    let bom = site.config.open_data.csv_bom;
    match download {
        Download::Project(key, format) => {
            let project = site.project(key).ok_or_else(|| missing(&key.slug))?;
            let department = site
                .department(&key.department)
                .ok_or_else(|| missing(&key.department))?;
            match format {
                ProjectFormat::Csv => {
                    let rows = cache.project_rows(site, project);
                    let key = table::project_key(site, project);
                    let mut out = csv::header(&fields::project_indicator_fields(), bom)?;
                    let body =
                        csv::rows(rows.iter().map(|r| key.iter().chain(r)), 256 * rows.len())?;
                    out.extend_from_slice(&body);
                    Ok(out)
                }
                ProjectFormat::Xlsx => xlsx::official(site, project, department),
            }
        }
        Download::History(key) => csv::write(&history::table(site, history, key), bom),
        Download::Set(scope @ Scope::DepartmentYear(code, y), format) => {
            let part = cache.part(site, code, *y)?;
            if let SetFormat::DataPackage = format {
                // The very bytes the two CSV files are made of.
                let projects = csv::header(&part.projects.fields, bom)?;
                let indicators = csv::header(&part.indicators.fields, bom)?;
                let projects = datapackage::FileHash::of(&projects, &[&part.projects_csv]);
                let indicators = datapackage::FileHash::of(&indicators, &[&part.indicators_csv]);
                let evaluation = match &part.evaluation {
                    Some((table, body)) => Some(datapackage::FileHash::of(
                        &csv::header(&table.fields, bom)?,
                        &[body],
                    )),
                    None => None,
                };
                return datapackage::describe(
                    site,
                    scope,
                    [&projects, &indicators],
                    evaluation.as_ref(),
                );
            }
            let with_header = |fields: &[fields::Field], body: &[u8]| -> Result<Vec<u8>> {
                let mut out = csv::header(fields, bom)?;
                out.extend_from_slice(body);
                Ok(out)
            };
            match format {
                SetFormat::ProjectsCsv => with_header(&part.projects.fields, &part.projects_csv),
                SetFormat::IndicatorsCsv => {
                    with_header(&part.indicators.fields, &part.indicators_csv)
                }
                SetFormat::EvaluationCsv => match &part.evaluation {
                    Some((table, body)) => with_header(&table.fields, body),
                    None => Err(missing(format.file_name())),
                },
                SetFormat::Xlsx => {
                    let mut tables = vec![
                        xlsx::SheetTable {
                            name: year::PROJECTS_SHEET,
                            fields: &part.projects.fields,
                            parts: vec![&part.projects.rows],
                        },
                        xlsx::SheetTable {
                            name: year::INDICATORS_SHEET,
                            fields: &part.indicators.fields,
                            parts: vec![&part.indicators.rows],
                        },
                    ];
                    if let Some((table, _)) = &part.evaluation {
                        tables.push(xlsx::SheetTable {
                            name: year::EVALUATION_SHEET,
                            fields: &table.fields,
                            parts: vec![&table.rows],
                        });
                    }
                    xlsx::sheets(site, &tables)
                }
                SetFormat::DataJson => json::set(
                    site,
                    scope,
                    &part.projects,
                    &part.indicators,
                    part.evaluation.as_ref().map(|(table, _)| table),
                ),
                // Planned for years only.
                SetFormat::DataPackage | SetFormat::CsvZip => Err(missing(format.file_name())),
            }
        }
        Download::Set(scope @ Scope::Year(y), format) => {
            // Parts not yet built by their own files are built here, in
            // parallel; in a full build most already are.
            let parts = crate::render::plan::department_years(site)
                .into_par_iter()
                .filter(|(_, year)| year == y)
                .map(|(code, _)| cache.part(site, &code, *y))
                .collect::<Result<Vec<_>>>()?;
            match format {
                SetFormat::Xlsx => year::workbook(site, &parts),
                SetFormat::CsvZip => year::csv_zip(site, scope, &parts),
                _ => Err(missing(format.file_name())),
            }
        }
    }
}

/// What a scope covers, in words: `2023年` or `祁连县残联 2023年`.
pub(crate) fn scope_title(site: &Site, scope: &Scope) -> String {
    match scope {
        Scope::Year(y) => format!("{}年", y),
        Scope::DepartmentYear(code, y) => {
            let name = site.department(code).map_or(code.as_str(), |d| &d.name);
            format!("{name} {y}年")
        }
    }
}

fn missing(what: &str) -> Error {
    Error::Template {
        name: what.to_owned(),
        message: crate::t!("plan-missing"),
    }
}

/// An error of a data writer, named by the file kind.
fn writer_error(what: &str, error: impl std::fmt::Display) -> Error {
    Error::Template {
        name: what.to_owned(),
        message: error.to_string(),
    }
}
