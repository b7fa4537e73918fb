//! JSON downloads: one project's table (`<slug>.json`) and a set's
//! `data.json`. Money and parsed numbers are strings of exact decimals,
//! because a JSON reader would otherwise turn them into binary floats.

use serde::Serialize;
use serde::ser::SerializeMap;

use crate::error::Result;
use crate::model::{Department, Project, Site};
use crate::render::plan::{PageKind, Scope, href_of};

use super::fields::Field;
use super::table::{self, Cell, Table};
use super::{scope_title, writer_error};

/// One row as a JSON object, keys in field order.
struct Record<'a>(&'a [Field], &'a [Cell]);

impl Serialize for Record<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (field, cell) in self.0.iter().zip(self.1) {
            match cell {
                Cell::Empty => map.serialize_entry(field.name, &None::<()>)?,
                Cell::Text(t) | Cell::Number(t) => map.serialize_entry(field.name, t)?,
                Cell::Integer(i) => map.serialize_entry(field.name, i)?,
            }
        }
        map.end()
    }
}

/// A table's rows as JSON objects.
struct Records<'a>(&'a Table<'a>);

impl Serialize for Records<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.rows.iter().map(|r| Record(&self.0.fields, r)))
    }
}

#[derive(Serialize)]
struct SetDocument<'a> {
    title: String,
    year: u16,
    /// The unit of every `amount` and of the figures in `funding`.
    amount_unit: &'static str,
    projects: Records<'a>,
    indicators: Records<'a>,
}

/// A set's `data.json`: both tables.
pub(crate) fn set(
    site: &Site,
    scope: &Scope,
    projects: &Table<'_>,
    indicators: &Table<'_>,
) -> Result<Vec<u8>> {
    let document = SetDocument {
        title: scope_title(site, scope),
        year: scope.year(),
        amount_unit: site.config.amount_unit.label(),
        projects: Records(projects),
        indicators: Records(indicators),
    };
    to_bytes(&document)
}

#[derive(Serialize)]
struct DepartmentRef<'a> {
    code: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct ProjectDocument<'a> {
    year: u16,
    department: DepartmentRef<'a>,
    name: &'a str,
    code: Option<&'a str>,
    /// As written in the file, in `amount_unit`.
    amount: String,
    amount_unit: &'static str,
    funding: &'a [crate::model::FundingSource],
    period: Option<&'a str>,
    implementer: Option<&'a str>,
    goals: &'a [String],
    long_term_goals: &'a [String],
    /// Both tables' rows, annual first; `table` tells them apart.
    indicators: Records<'a>,
    url: String,
}

/// One project's `<slug>.json`: its form fields and indicator table, with
/// figures exactly as written, in the file's own unit.
pub(crate) fn project(
    site: &Site,
    project: &Project,
    department: &Department,
    rows: &[Vec<Cell>],
) -> Result<Vec<u8>> {
    let indicators = table::project_indicators(rows);
    let document = ProjectDocument {
        year: project.year,
        department: DepartmentRef {
            code: &department.code,
            name: &department.name,
        },
        name: &project.name,
        code: project.code.as_deref(),
        amount: project.amount.to_string(),
        amount_unit: project.unit(site.config.amount_unit).label(),
        funding: &project.funding,
        period: project.period.as_deref(),
        implementer: project.implementer.as_deref(),
        goals: &project.goals,
        long_term_goals: &project.long_term_goals,
        indicators: Records(&indicators),
        url: href_of(&PageKind::Project(project.key())),
    };
    to_bytes(&document)
}

/// Compact JSON: a year's `data.json` holds every indicator of the year,
/// and indenting it doubled its size (and the build's write time).
fn to_bytes(value: &impl Serialize) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec(value).map_err(|e| writer_error("json", e))?;
    bytes.push(b'\n');
    Ok(bytes)
}
