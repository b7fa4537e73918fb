//! Download links and the 开放数据 page.
//!
//! A link's text names what the file holds, its format and its size
//! ("下载 项目清单 CSV（2 KB）"), so that a reader on a metered phone
//! knows what a tap costs. Sizes come from the bytes already rendered:
//! the build renders every download before any page ([`Sizes`]).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::layout::OutputPath;
use crate::model::Site;
use crate::render::data::fields::{self, Field};
use crate::render::data::scope_title;
use crate::render::plan::{
    Download, PageKind, ProjectFormat, Scope, SetFormat, department_years, href_of, path_of,
};

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
    pub title: &'static str,
    /// CSV, Excel, JSON.
    pub format: &'static str,
    pub size: String,
    pub description: &'static str,
}

impl DownloadLink {
    /// The links of `kinds` that were rendered (all of them, unless
    /// downloads are off, when there are none).
    pub(crate) fn all(kinds: &[PageKind], sizes: &Sizes) -> Vec<DownloadLink> {
        kinds
            .iter()
            .filter_map(|kind| {
                let PageKind::Download(download) = kind else {
                    return None;
                };
                let size = sizes.get(&path_of(kind)?)?;
                let (title, format, description) = describe(download);
                Some(DownloadLink {
                    href: href_of(kind),
                    title,
                    format,
                    size: format_size(*size),
                    description,
                })
            })
            .collect()
    }
}

/// What a download is: title, format and a sentence on its contents.
fn describe(download: &Download) -> (&'static str, &'static str, &'static str) {
    match download {
        Download::Project(_, ProjectFormat::Csv) => (
            "指标表",
            "CSV",
            "本项目的绩效指标，每个指标一行，含从指标值读出的比较符、数值和单位",
        ),
        Download::Project(_, ProjectFormat::Xlsx) => (
            "绩效目标表",
            "Excel",
            "按公开表格式排版：标题、金额单位、项目信息和合并了一级、二级指标的指标表",
        ),
        Download::Project(_, ProjectFormat::Json) => (
            "项目数据",
            "JSON",
            "本项目的全部字段和指标，金额为原表所写的精确小数",
        ),
        Download::History(_) => (
            "历年金额",
            "CSV",
            "本项目每个年度一行：年度、单位、项目名称、金额和比上年增减（精确值）",
        ),
        Download::Set(_, SetFormat::ProjectsCsv) => (
            "项目清单",
            "CSV",
            "每个项目一行：年度、单位、项目、金额、资金来源、实施期限、指标数和页面地址",
        ),
        Download::Set(_, SetFormat::IndicatorsCsv) => (
            "指标明细",
            "CSV",
            "每个指标一行，以年度、单位编码和项目标识对应项目清单",
        ),
        Download::Set(_, SetFormat::Xlsx) => (
            "项目清单和指标明细",
            "Excel",
            "两个工作表（项目、指标），内容与两个 CSV 文件相同",
        ),
        Download::Set(_, SetFormat::DataJson) => (
            "全部数据",
            "JSON",
            "项目清单和指标明细，合在一个 JSON 文件中",
        ),
        Download::Set(_, SetFormat::DataPackage) => (
            "数据包说明",
            "JSON",
            "Frictionless Data Package：两个 CSV 文件的字段、类型、金额单位、主键和外键",
        ),
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
    pub bom: bool,
}

impl OpenDataView {
    pub(crate) fn new(site: &Site, sizes: &Sizes) -> Self {
        let unit = site.config.amount_unit.label();
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
                    links: DownloadLink::all(&scope.downloads(), sizes),
                });
            }
        }
        OpenDataView {
            groups,
            project_fields: field_views(fields::PROJECT_FIELDS, unit),
            indicator_fields: field_views(&fields::indicator_fields(), unit),
            project_indicator_fields: field_views(&fields::project_indicator_fields(), unit),
            bom: site.config.open_data.csv_bom,
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
