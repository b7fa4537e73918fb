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
pub(crate) mod table;
pub(crate) mod xlsx;

use crate::error::{Error, Result};
use crate::model::Site;
use crate::render::plan::{Download, ProjectFormat, Scope, SetFormat};

pub(crate) use table::Table;

/// The bytes of one download. `history` is the site's cross-year identity,
/// computed once per pass.
pub(crate) fn render(
    site: &Site,
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
                ProjectFormat::Csv => csv::write(&table::project_indicators(site, project), bom),
                ProjectFormat::Json => json::project(site, project, department),
                ProjectFormat::Xlsx => xlsx::official(site, project, department),
            }
        }
        Download::History(key) => csv::write(&history::table(site, history, key), bom),
        Download::Set(scope, format) => {
            let projects = table::projects(site, scope);
            match format {
                SetFormat::ProjectsCsv => csv::write(&projects, bom),
                SetFormat::IndicatorsCsv => csv::write(&table::indicators(site, scope), bom),
                SetFormat::Xlsx => xlsx::sheets(
                    site,
                    &[
                        ("项目", &projects),
                        ("指标", &table::indicators(site, scope)),
                    ],
                ),
                SetFormat::DataJson => {
                    json::set(site, scope, &projects, &table::indicators(site, scope))
                }
                SetFormat::DataPackage => datapackage::describe(site, scope),
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
        message: "the page plan names something the site does not have".to_owned(),
    }
}

/// An error of a data writer, named by the file kind.
fn writer_error(what: &str, error: impl std::fmt::Display) -> Error {
    Error::Template {
        name: what.to_owned(),
        message: error.to_string(),
    }
}
