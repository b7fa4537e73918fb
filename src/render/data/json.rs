//! `data.json`: a department-year's tables in one JSON document: projects
//! and indicators, and the 绩效自评 table with its budget totals when a
//! project has a 自评表.
//! Money and parsed numbers are strings of exact decimals, because a JSON
//! reader would otherwise turn them into binary floats.
//!
//! Each table is written column-wise, `{"columns": [...], "data": [[...],
//! ...]}`, the shape pandas calls `split` (`pd.DataFrame(**doc["indicators"])`
//! reads it as it is) rather than one object per row. Why: an object per
//! row repeats eighteen key names on every indicator, which made the file
//! three times its CSV; at 10,000 projects the department-years' JSON was
//! 63 MB that way and 22 MB this way (issue 22). There is no per-project
//! JSON: the department-year's file holds the same rows.

use serde::Serialize;
use serde::ser::SerializeMap;

use crate::error::Result;
use crate::model::Site;
use crate::render::plan::Scope;

use super::evaluation;
use super::table::{Cell, Table};
use super::{scope_title, writer_error};

/// One row as a JSON array, cells in field order.
struct Row<'a>(&'a [Cell]);

impl Serialize for Row<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(JsonCell))
    }
}

struct JsonCell<'a>(&'a Cell);

impl Serialize for JsonCell<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Cell::Empty => s.serialize_none(),
            Cell::Text(t) | Cell::Number(t) => s.serialize_str(t),
            Cell::Integer(i) => s.serialize_i64(*i),
        }
    }
}

/// A table as `{"columns": [...], "data": [[...], ...]}`.
struct Columns<'a>(&'a Table<'a>);

impl Serialize for Columns<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let table = self.0;
        let mut map = s.serialize_map(Some(2))?;
        let names: Vec<&str> = table.fields.iter().map(|f| f.name).collect();
        map.serialize_entry("columns", &names)?;
        map.serialize_entry("data", &Rows(&table.rows))?;
        map.end()
    }
}

struct Rows<'a>(&'a [Vec<Cell>]);

impl Serialize for Rows<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|r| Row(r)))
    }
}

#[derive(Serialize)]
struct SetDocument<'a> {
    title: String,
    year: u16,
    /// The unit of every `amount` and of the figures in `funding`.
    amount_unit: &'static str,
    projects: Columns<'a>,
    indicators: Columns<'a>,
    /// The 绩效自评 table, only when a project of the set has one, so a
    /// site without evaluations keeps its documents as they were.
    #[serde(skip_serializing_if = "Option::is_none")]
    evaluation: Option<Columns<'a>>,
    /// 全年预算数 and 全年执行数 summed apart, with the rate of the sums.
    #[serde(skip_serializing_if = "Option::is_none")]
    evaluation_totals: Option<evaluation::Totals>,
}

/// A set's `data.json`: its tables.
pub(crate) fn set(
    site: &Site,
    scope: &Scope,
    projects: &Table<'_>,
    indicators: &Table<'_>,
    evaluations: Option<&Table<'_>>,
) -> Result<Vec<u8>> {
    let document = SetDocument {
        title: scope_title(site, scope),
        year: scope.year(),
        amount_unit: site.config.amount_unit.label(),
        projects: Columns(projects),
        indicators: Columns(indicators),
        evaluation: evaluations.map(Columns),
        evaluation_totals: evaluations.and_then(|_| evaluation::totals(site, scope)),
    };
    // Compact: a set's document holds every indicator of the set, and
    // indenting it doubled its size.
    let mut bytes = serde_json::to_vec(&document).map_err(|e| writer_error("json", e))?;
    bytes.push(b'\n');
    Ok(bytes)
}
