//! A year's downloads, assembled from its department-years' [`Part`]s
//! rather than rendered again.
//!
//! Who needs a whole year, and in what form:
//!
//! - **A program** (a researcher, a data portal, a journalist's script)
//!   wants every row of the year as CSV. It gets `data-csv.zip`: the
//!   year's `projects.csv` and `indicators.csv` (and `evaluation.csv`
//!   when a project of the year has a 绩效自评表) and their
//!   `datapackage.json`, as a zipped Frictionless Data Package, the
//!   open-data norm for files of this size. Each CSV is one header and then
//!   the department-years' CSV rows exactly as their own files hold them,
//!   so the year costs a copy of bytes already made, not a second
//!   serialisation. Measured at 10,000 projects (one year), the two CSV
//!   files are 21.5 MB as they are and 2.5 MB zipped: publishing them
//!   unzipped would have cost a fifth of the pages' bytes again.
//! - **A journalist** wants one file per year to open in Excel. She gets
//!   `data.xlsx`: sheet 项目 (every project of the year, with amount,
//!   funding and page address) and sheet 指标 (every indicator), as long
//!   as the indicators fit one sheet: 1,048,575 rows under the header,
//!   about 60,000 projects. Above that the workbook keeps sheet 项目 and
//!   leaves 指标 out, and the 开放数据 page and the year page say so
//!   ([`workbook_has_indicators`]). Why not several 指标 sheets: a table
//!   cut across sheets can no longer be sorted, filtered or pivoted as
//!   one, which is what a spreadsheet is for; the workbook would cost as
//!   many bytes as all the department workbooks again (12 MB measured at
//!   10,000 projects, so about 120 MB at 100,000 and 1.2 GB at a
//!   million); and every indicator is already in its department-year's
//!   workbook, which a journalist opens for a department's detail, and in
//!   the zip, which a program reads.
//!
//! A year with 绩效自评表 also gets sheet 自评 (one row per evaluated
//! project, so never longer than 项目) and `evaluation.csv` in its zip,
//! assembled from the department-years' parts like the others.
//!
//! No sheet of any workbook exceeds the limit: a 项目 sheet of more than
//! 1,048,575 projects (and a department-year's table, however long) is
//! split into numbered sheets by [`super::xlsx::split`], and the writer
//! refuses a row beyond it ([`super::ooxml::MAX_ROWS`]).
//!
//! The zip is deterministic: entries sorted by name, a fixed date
//! (1980-01-01), fixed permissions and one compression level.

use std::io::{Cursor, Write as _};
use std::sync::Arc;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::error::Result;
use crate::model::Site;
use crate::render::plan::{Scope, SetFormat};

use super::ooxml::MAX_ROWS;
use super::xlsx::{self, SheetTable};
use super::{Part, Table, csv, datapackage, evaluation, fields, missing, writer_error};

/// The sheet of the projects table in a set's workbook.
pub(crate) const PROJECTS_SHEET: &str = "项目";
/// The sheet of the indicators table in a set's workbook.
pub(crate) const INDICATORS_SHEET: &str = "指标";
/// The sheet of the 绩效自评 table, in a set's workbook that has one.
pub(crate) const EVALUATION_SHEET: &str = "自评";

/// The deflate level of the year's zip. On the year's CSV of 10,000
/// projects (20 MB) this zlib gave 19.7 % at level 1, 11.4 % at level 4
/// (100 MB/s) and 10.7 % at level 6 (72 MB/s).
const ZIP_LEVEL: i64 = 4;

/// How many indicator rows `year` has: the rows of its `indicators.csv`,
/// those of the 自评表 that match no target included.
pub(crate) fn indicator_rows(site: &Site, year: u16) -> usize {
    site.projects
        .iter()
        .filter(|p| p.year == year)
        .map(|p| p.indicators.len() + p.long_term_indicators.len() + evaluation::extra_rows(p))
        .sum()
}

/// Whether the year's workbook has its 指标 sheet: whether the year's
/// indicators fit one sheet under its header.
pub(crate) fn workbook_has_indicators(site: &Site, year: u16) -> bool {
    fits_one_sheet(indicator_rows(site, year), MAX_ROWS)
}

/// Whether `rows` rows and a header fit a sheet of at most `limit` rows.
fn fits_one_sheet(rows: usize, limit: u32) -> bool {
    rows < limit as usize
}

/// The year's `data.xlsx` from its department-years' parts, in order.
pub(crate) fn workbook(site: &Site, parts: &[Arc<Part>]) -> Result<Vec<u8>> {
    xlsx::sheets(site, &year_sheets(parts, MAX_ROWS)?)
}

/// The tables of a year's workbook when a sheet holds at most `limit`
/// rows: 项目 always (split into sheets by [`xlsx::sheets`] if it must
/// be), 指标 only when it fits one sheet.
fn year_sheets(parts: &[Arc<Part>], limit: u32) -> Result<Vec<SheetTable<'_>>> {
    // A year exists because it has projects, so it has a part.
    let first = parts
        .first()
        .ok_or_else(|| missing(SetFormat::Xlsx.file_name()))?;
    let mut tables = vec![SheetTable {
        name: PROJECTS_SHEET,
        fields: &first.projects.fields,
        parts: parts.iter().map(|p| &p.projects.rows[..]).collect(),
    }];
    let indicators: usize = parts.iter().map(|p| p.indicators.rows.len()).sum();
    if fits_one_sheet(indicators, limit) {
        tables.push(SheetTable {
            name: INDICATORS_SHEET,
            fields: &first.indicators.fields,
            parts: parts.iter().map(|p| &p.indicators.rows[..]).collect(),
        });
    }
    // One row per evaluated project: never longer than 项目, and split
    // into sheets by the same rule if it ever were.
    let evaluations: Vec<&Table<'static>> = parts
        .iter()
        .filter_map(|p| p.evaluation.as_ref().map(|(table, _)| table))
        .collect();
    if let Some(table) = evaluations.first() {
        tables.push(SheetTable {
            name: EVALUATION_SHEET,
            fields: &table.fields,
            parts: evaluations.iter().map(|t| &t.rows[..]).collect(),
        });
    }
    Ok(tables)
}

/// The year's `data-csv.zip`: `datapackage.json`, `indicators.csv` and
/// `projects.csv`, each CSV a header and its department-years' rows.
pub(crate) fn csv_zip(site: &Site, scope: &Scope, parts: &[Arc<Part>]) -> Result<Vec<u8>> {
    let bom = site.config.open_data.csv_bom;
    let indicators: Vec<&[u8]> = parts.iter().map(|p| &p.indicators_csv[..]).collect();
    let projects: Vec<&[u8]> = parts.iter().map(|p| &p.projects_csv[..]).collect();
    let indicators_header = csv::header(&fields::indicator_fields(), bom)?;
    let projects_header = csv::header(fields::PROJECT_FIELDS, bom)?;
    // The evaluation rows of the department-years that have them.
    let evaluations: Vec<&[u8]> = parts
        .iter()
        .filter_map(|p| p.evaluation.as_ref().map(|(_, body)| &body[..]))
        .collect();
    let evaluation_header = csv::header(fields::EVALUATION_FIELDS, bom)?;
    let evaluation_hash = (!evaluations.is_empty())
        .then(|| datapackage::FileHash::of(&evaluation_header, &evaluations));
    let package = datapackage::describe(
        site,
        scope,
        [
            &datapackage::FileHash::of(&projects_header, &projects),
            &datapackage::FileHash::of(&indicators_header, &indicators),
        ],
        evaluation_hash.as_ref(),
    )?;
    // Entries in name order.
    let mut entries = vec![(SetFormat::DataPackage, Vec::new(), vec![&package[..]])];
    if evaluation_hash.is_some() {
        entries.push((SetFormat::EvaluationCsv, evaluation_header, evaluations));
    }
    entries.push((SetFormat::IndicatorsCsv, indicators_header, indicators));
    entries.push((SetFormat::ProjectsCsv, projects_header, projects));
    let size = |header: &[u8], bodies: &[&[u8]]| -> usize {
        header.len() + bodies.iter().map(|b| b.len()).sum::<usize>()
    };
    let total: usize = entries.iter().map(|(_, h, b)| size(h, b)).sum();
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(total / 8 + 4096)));
    let fail = |e: zip::result::ZipError| writer_error("zip", e);
    let io = |e: std::io::Error| writer_error("zip", e);
    for (format, header, bodies) in &entries {
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(ZIP_LEVEL))
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644)
            // Zip64 only where a file needs it, so the bytes do not
            // change with anything but the content.
            .large_file(size(header, bodies) as u64 >= u64::from(u32::MAX));
        zip.start_file(format.file_name(), options).map_err(fail)?;
        zip.write_all(header).map_err(io)?;
        for body in bodies {
            zip.write_all(body).map_err(io)?;
        }
    }
    Ok(zip.finish().map_err(fail)?.into_inner())
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::render::data::{Cell, Table};

    fn part(projects: usize, indicators: usize) -> Arc<Part> {
        let table = |rows: usize| Table {
            fields: fields::PROJECT_FIELDS[..1].to_vec(),
            rows: Cow::Owned((0..rows).map(|i| vec![Cell::Integer(i as i64)]).collect()),
        };
        Arc::new(Part {
            projects: table(projects),
            indicators: table(indicators),
            projects_csv: Vec::new(),
            indicators_csv: Vec::new(),
            evaluation: None,
        })
    }

    #[test]
    fn the_indicators_sheet_is_left_out_above_the_limit() {
        fn names(parts: &[Arc<Part>], limit: u32) -> Vec<String> {
            year_sheets(parts, limit)
                .unwrap()
                .iter()
                .map(|t| t.name.to_owned())
                .collect()
        }
        // Two departments with 2 and 3 indicator rows: 5 rows and a header.
        let parts = [part(1, 2), part(1, 3)];
        assert_eq!(names(&parts, 6), [PROJECTS_SHEET, INDICATORS_SHEET]);
        assert_eq!(names(&parts, 5), [PROJECTS_SHEET]);
        assert!(fits_one_sheet(1_048_575, MAX_ROWS));
        assert!(!fits_one_sheet(1_048_576, MAX_ROWS));
        assert!(year_sheets(&[], 6).is_err());
    }
}
