//! Open data: the downloads generated beside the pages.
//!
//! Every table a page shows can be taken away as data: per project the
//! indicator table as CSV, JSON and an .xlsx in the official printed
//! layout; per department-year and per year the projects and their
//! indicators as two CSV files, one two-sheet .xlsx, one JSON document and
//! a Frictionless Data Package describing the CSV files. This module owns
//! what the tables *are* (their fields, in [`fields`], and their rows, in
//! [`table`]); one file per format turns them into bytes. Every format is
//! built from the same rows, so the CSV, the workbook and the JSON cannot
//! disagree, and no set ever mixes two budget years.
//!
//! Money is exact decimal text everywhere, converted exactly into the
//! site's unit ([`Project::amount_in`]); parsed indicator values come from
//! [`crate::indicator::value`], never from a second reader.

pub(crate) mod csv;
pub(crate) mod datapackage;
pub(crate) mod fields;
pub(crate) mod history;
pub(crate) mod json;
pub(crate) mod ooxml;
pub(crate) mod table;
pub(crate) mod xlsx;

use std::collections::HashMap;

use rayon::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use crate::error::{Error, Result};
use crate::model::{Project, ProjectKey, Site};
use crate::render::plan::{Download, ProjectFormat, Scope, SetFormat};

pub(crate) use table::{Cell, Table};

/// The formats built from a set's two tables: `indicators.csv`, the
/// workbook and `data.json`.
const TABLE_USERS: usize = 3;

/// A set's tables, shared by its formats for one build.
///
/// Why: a year's indicator table holds every indicator of that year, and
/// building it once per format cost about as much as writing all three
/// files. The cache hands one build to the three formats and forgets it
/// once the last has taken it, so a large year's rows are not kept for the
/// rest of the build. A cache lives for one build only: the site may change
/// between builds.
///
/// It also holds every project's indicator rows, built once for the
/// project's CSV and JSON and for the indicator tables of its
/// department-year and its year: reading each indicator value four times
/// was a tenth of the download cost.
#[derive(Default)]
pub(crate) struct SetTables {
    sets: Mutex<HashMap<Scope, Arc<Shared>>>,
    rows: OnceLock<HashMap<ProjectKey, Vec<Vec<Cell>>>>,
}

#[derive(Default)]
struct Shared {
    tables: OnceLock<Arc<(Table<'static>, Table<'static>)>>,
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

    /// The projects and indicators tables of `scope`, built on first use.
    fn get(&self, site: &Site, scope: &Scope) -> Arc<(Table<'static>, Table<'static>)> {
        let lock = || self.sets.lock().unwrap_or_else(PoisonError::into_inner);
        let shared = lock().entry(scope.clone()).or_default().clone();
        let tables = shared
            .tables
            .get_or_init(|| {
                let indicators = table::indicators(site, scope, |p| self.project_rows(site, p));
                Arc::new((table::projects(site, scope), indicators))
            })
            .clone();
        if shared.taken.fetch_add(1, Ordering::AcqRel) + 1 >= TABLE_USERS {
            lock().remove(scope);
        }
        tables
    }
}

/// The bytes of one download. `cache` shares a set's tables between its
/// formats within one build; `history` is the site's cross-year identity,
/// computed once per pass.
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
                ProjectFormat::Csv => csv::write(
                    &table::project_indicators(cache.project_rows(site, project)),
                    bom,
                ),
                ProjectFormat::Json => {
                    json::project(site, project, department, cache.project_rows(site, project))
                }
                ProjectFormat::Xlsx => xlsx::official(site, project, department),
            }
        }
        Download::History(key) => csv::write(&history::table(site, history, key), bom),
        Download::Set(scope, format) => match format {
            SetFormat::ProjectsCsv => csv::write(&table::projects(site, scope), bom),
            SetFormat::IndicatorsCsv => csv::write(&cache.get(site, scope).1, bom),
            SetFormat::Xlsx => {
                let tables = cache.get(site, scope);
                xlsx::sheets(site, &[("项目", &tables.0), ("指标", &tables.1)])
            }
            SetFormat::DataJson => {
                let tables = cache.get(site, scope);
                json::set(site, scope, &tables.0, &tables.1)
            }
            SetFormat::DataPackage => datapackage::describe(site, scope),
        },
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
