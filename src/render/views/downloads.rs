//! Download links and the 开放数据 page.
//!
//! A link's text names what the file holds, its format and its size
//! ("下载 项目清单 CSV（2 KB）"), so that a reader on a metered phone
//! knows what a tap costs. Sizes come from the bytes already rendered:
//! the build renders every download before any page ([`Sizes`]). The
//! words (each file's title and description) are the theme's strings
//! (`dl_*` in `i18n/zh-CN.toml`), so a theme can reword them.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::layout::OutputPath;
use crate::model::Site;
use crate::render::data::fields::{self, Field};
use crate::render::data::{scope_title, workbook_has_indicators, year};
use crate::render::plan::{
    Download, PageKind, ProjectFormat, Scope, SetFormat, department_years, href_of, path_of,
};

use super::figures::string;

/// The theme's UI strings.
type Strings = BTreeMap<String, String>;

/// The size in bytes of every download rendered so far, by path.
pub(crate) type Sizes = BTreeMap<OutputPath, u64>;

/// A size as a reader reads it: `812 B`, `12 KB`, `1.4 MB`. Kilobytes are
/// rounded up, so a file is never announced smaller than it is.
pub(crate) fn format_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if bytes < KB {
        format!("{bytes} B")
    } else if bytes < MB {
        format!("{} KB", bytes.div_ceil(KB))
    } else {
        let tenths = (bytes * 10).div_ceil(MB);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

/// One download, as a link.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DownloadLink {
    pub href: String,
    /// What the file holds: 指标表, 项目清单 ….
    pub title: String,
    /// CSV, Excel, JSON, ZIP.
    pub format: &'static str,
    pub size: String,
    pub description: String,
}

impl DownloadLink {
    /// The links of `kinds` that were rendered (all of them, unless
    /// downloads are off, when there are none).
    pub(crate) fn all(
        site: &Site,
        kinds: &[PageKind],
        sizes: &Sizes,
        strings: &Strings,
    ) -> Vec<DownloadLink> {
        kinds
            .iter()
            .filter_map(|kind| {
                let PageKind::Download(download) = kind else {
                    return None;
                };
                let size = sizes.get(&path_of(kind)?)?;
                let (key, format) = describe(site, download);
                let mut description = string(strings, &format!("{key}_desc"), "").to_owned();
                // A year workbook without its 指标 sheet says why, with
                // the count that did not fit.
                if let Download::Set(Scope::Year(y), _) = download
                    && description.contains("{rows}")
                {
                    let rows = year::indicator_rows(site, *y).to_string();
                    description = description.replace("{rows}", &rows);
                }
                Some(DownloadLink {
                    href: href_of(kind),
                    title: string(strings, key, "").to_owned(),
                    format,
                    size: format_size(*size),
                    description,
                })
            })
            .collect()
    }
}

/// What a download is: the key of its title in the theme's strings (its
/// description is the same key with `_desc`) and its format.
fn describe(site: &Site, download: &Download) -> (&'static str, &'static str) {
    match download {
        Download::Project(_, ProjectFormat::Xlsx) => ("dl_project_xlsx", "Excel"),
        Download::Project(_, ProjectFormat::Csv) => ("dl_project_csv", "CSV"),
        Download::History(_) => ("dl_history", "CSV"),
        Download::Set(Scope::Year(y), SetFormat::Xlsx) if !workbook_has_indicators(site, *y) => {
            ("dl_year_xlsx_projects", "Excel")
        }
        Download::Set(Scope::Year(_), SetFormat::Xlsx) => ("dl_year_xlsx", "Excel"),
        Download::Set(_, SetFormat::Xlsx) => ("dl_set_xlsx", "Excel"),
        Download::Set(_, SetFormat::ProjectsCsv) => ("dl_projects_csv", "CSV"),
        Download::Set(_, SetFormat::IndicatorsCsv) => ("dl_indicators_csv", "CSV"),
        Download::Set(_, SetFormat::DataJson) => ("dl_data_json", "JSON"),
        Download::Set(_, SetFormat::DataPackage) => ("dl_datapackage", "JSON"),
        Download::Set(_, SetFormat::CsvZip) => ("dl_csv_zip", "ZIP"),
        Download::Set(_, SetFormat::EvaluationCsv) => ("dl_evaluation_csv", "CSV"),
    }
}

/// The downloads of one year or one department-year.
#[derive(Debug, Serialize)]
pub(crate) struct DownloadGroup {
    pub title: String,
    pub page: String,
    pub links: Vec<DownloadLink>,
}

/// A field as the 开放数据 page lists it.
#[derive(Debug, Serialize)]
pub(crate) struct FieldView {
    pub name: &'static str,
    pub title: &'static str,
    pub kind: &'static str,
    pub description: String,
}

fn field_views(fields: &[Field], unit: &str) -> Vec<FieldView> {
    fields
        .iter()
        .map(|f| FieldView {
            name: f.name,
            title: f.title,
            kind: match f.kind {
                fields::FieldType::String => "文本",
                fields::FieldType::Integer => "整数",
                fields::FieldType::Number => "数值（精确小数）",
            },
            description: f.describe(unit),
        })
        .collect()
}

/// 开放数据: every year's and department-year's downloads with size, and
/// the fields of each table. Per-project files are described once and
/// linked from each project page (and listed, with page addresses, in
/// every `projects.csv`), so that this page stays readable at 10,000
/// projects.
#[derive(Debug, Serialize)]
pub(crate) struct OpenDataView {
    pub groups: Vec<DownloadGroup>,
    pub project_fields: Vec<FieldView>,
    pub indicator_fields: Vec<FieldView>,
    pub project_indicator_fields: Vec<FieldView>,
    /// The fields of `evaluation.csv`; none on a site without a 绩效自评.
    pub evaluation_fields: Vec<FieldView>,
    pub bom: bool,
    /// The licence as a reader names it (its title, else its id), with
    /// the address of its text when site.toml gives one: what a reader
    /// may do with the data belongs next to the data, not only inside
    /// datapackage.json.
    pub license: Option<LicenseView>,
    /// Who published the data (`[open_data.source]`), else nothing: the
    /// page already carries the site's name.
    pub source: Option<LicenseView>,
}

/// A licence or source line of the 开放数据 page.
#[derive(Debug, Serialize)]
pub(crate) struct LicenseView {
    pub text: String,
    pub href: Option<String>,
}

impl OpenDataView {
    pub(crate) fn new(site: &Site, sizes: &Sizes, strings: &Strings) -> Self {
        let unit = site.config.amount_unit.label();
        let open = &site.config.open_data;
        let pairs = department_years(site);
        let mut groups = Vec::new();
        for year in site.years().into_iter().rev() {
            let scopes = std::iter::once(Scope::Year(year)).chain(
                pairs
                    .iter()
                    .filter(|(_, y)| *y == year)
                    .map(|(code, y)| Scope::DepartmentYear(code.clone(), *y)),
            );
            for scope in scopes {
                let page = match &scope {
                    Scope::Year(y) => PageKind::Year(*y),
                    Scope::DepartmentYear(code, y) => PageKind::DepartmentYear(code.clone(), *y),
                };
                groups.push(DownloadGroup {
                    title: scope_title(site, &scope),
                    page: href_of(&page),
                    links: DownloadLink::all(site, &scope.listed_downloads(), sizes, strings),
                });
            }
        }
        OpenDataView {
            groups,
            project_fields: field_views(fields::PROJECT_FIELDS, unit),
            indicator_fields: field_views(&fields::indicator_fields(), unit),
            project_indicator_fields: field_views(&fields::project_indicator_fields(), unit),
            evaluation_fields: if site.projects.iter().any(|p| p.evaluation.is_some()) {
                field_views(fields::EVALUATION_FIELDS, unit)
            } else {
                Vec::new()
            },
            bom: site.config.open_data.csv_bom,
            license: open.license.as_ref().and_then(|l| {
                let text = l.title.clone().or_else(|| l.name.clone())?;
                Some(LicenseView {
                    text,
                    href: l.path.clone(),
                })
            }),
            source: open.source.as_ref().map(|s| LicenseView {
                text: s.title.clone(),
                href: s.path.clone(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_round_up() {
        assert_eq!(format_size(0), "0 B");
        assert_eq!(format_size(1023), "1023 B");
        assert_eq!(format_size(1024), "1 KB");
        assert_eq!(format_size(1025), "2 KB");
        assert_eq!(format_size(1024 * 1024), "1.0 MB");
        assert_eq!(format_size(1024 * 1024 + 1), "1.1 MB");
    }
}
