//! `<slug>-history.csv`: one project's amounts across the years it has.
//!
//! Planned only for a project that [`crate::history`] finds in more than
//! one year, once, in its newest year's folder; every year's page links
//! it (one file per project rather than per year keeps a site of many
//! continuing projects from doubling its file count). One row per
//! year, oldest first, with the exact change from the year before; the
//! change rate is left out on purpose, because it is a rounded figure and
//! the two amounts it comes from are both here.

use crate::history::{History, compare};
use crate::model::{Project, ProjectKey, Site};
use crate::render::plan::{PageKind, href_of};

use super::fields::{Field, FieldType, f};
use super::table::{Cell, Table};

/// The fields of a history file.
pub(crate) const HISTORY_FIELDS: &[Field] = &[
    f("year", "预算年度", FieldType::Integer, "预算年度"),
    f(
        "department_code",
        "单位编码",
        FieldType::String,
        "该年度的预算单位编码",
    ),
    f(
        "department_name",
        "单位名称",
        FieldType::String,
        "该年度的预算单位名称",
    ),
    f(
        "project_slug",
        "项目标识",
        FieldType::String,
        "该年度项目在网站中的标识（网址中的一段）",
    ),
    f(
        "project_id",
        "跨年度标识",
        FieldType::String,
        "项目文件中写的 id（跨年度不变的标识），未写时为空",
    ),
    f(
        "project_name",
        "项目名称",
        FieldType::String,
        "该年度的项目名称",
    ),
    f(
        "amount",
        "金额",
        FieldType::Number,
        "项目金额，单位：{unit}；由原表金额精确换算，未经四舍五入",
    ),
    f(
        "change",
        "比上年增减",
        FieldType::Number,
        "与上一行（上一个有此项目的年度）相比的增减，单位：{unit}，精确值；第一行为空",
    ),
    f(
        "page",
        "页面地址",
        FieldType::String,
        "该年度项目页面相对网站根目录的地址",
    ),
];

/// The history table of the project with `key`.
pub(crate) fn table(site: &Site, history: &History, key: &ProjectKey) -> Table<'static> {
    let chain: Vec<&Project> = history
        .chain_of_key(site, key)
        .iter()
        .map(|&i| &*site.projects[i])
        .collect();
    let rows = compare::amounts(&chain, site.config.amount_unit)
        .into_iter()
        .map(|row| {
            let p = row.project;
            let department = site.department(&p.department).map_or("", |d| &d.name);
            vec![
                Cell::Integer(p.year.into()),
                Cell::Text(p.department.as_str().into()),
                Cell::Text(department.into()),
                Cell::Text(p.slug.as_str().into()),
                p.id.as_deref()
                    .map_or(Cell::Empty, |id| Cell::Text(id.into())),
                Cell::Text(p.name.as_str().into()),
                Cell::Number(crate::model::Amount(row.amount).to_string().into()),
                row.change.map_or(Cell::Empty, |c| {
                    Cell::Number(crate::model::Amount(c).to_string().into())
                }),
                Cell::Text(href_of(&PageKind::Project(p.key())).into()),
            ]
        })
        .collect();
    Table {
        fields: HISTORY_FIELDS.to_vec(),
        rows: std::borrow::Cow::Owned(rows),
    }
}
