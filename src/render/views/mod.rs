//! View structs: what templates receive.
//!
//! Templates format; they never calculate. Every total, every rowspan, every
//! header id and every href is computed here, in Rust, where it is tested,
//! and handed to Tera as plain strings and numbers. Amounts arrive formatted
//! exactly as written (at least two decimals, never rounded); totals arrive
//! converted exactly into the site's unit. Which optional columns a table
//! has, and which mark a missing value gets, is decided here too. Markdown arrives as sanitised HTML (the only values
//! templates may print with `safe`); all other strings are escaped by Tera.

use std::collections::BTreeMap;

use serde::Serialize;

pub(crate) mod attachments;
mod chart_marks;
pub(crate) mod charts;
pub(crate) mod disclosure;
mod downloads;
pub(crate) mod evaluation;
pub(crate) mod evaluation_index;
pub(crate) mod feeds;
mod figures;
mod history;
pub(crate) mod revisions;
mod search;
mod verify;
pub(crate) mod years;

pub(crate) use downloads::{DownloadLink, OpenDataView, Sizes};
pub(crate) use figures::{DepartmentFigures, YearFigures};
pub(crate) use history::HistoryView;
pub(crate) use search::SearchView;
pub(crate) use verify::VerifyView;
pub(crate) use years::{DepartmentView, DepartmentYearView, FrontView, YearView};

use super::markdown::{to_html, to_inline_html};
use super::plan::{PageKind, href_of, project_downloads};
use crate::config::{Footer, Publication};
use crate::model::{AmountUnit, Department, Indicator, Missing, Page, Project, Site};

/// Site-wide values every template can use.
#[derive(Debug, Serialize)]
pub(crate) struct SiteView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub language: &'a str,
    pub footer: &'a Footer,
    /// The site's 发布日期 and 信息来源, for projects without their own.
    pub publication: &'a Publication,
    /// Navigation: 首页, 开放数据 (when downloads are on), then the
    /// Markdown pages.
    pub nav: Vec<Link>,
    /// The year switcher: every budget year, newest first.
    pub years: Vec<YearLink>,
    pub base_path: &'a str,
    /// The unit totals and project lists are shown in: 万元 or 元.
    pub amount_unit: &'static str,
    /// The search box, its script and its results panel are on.
    pub search: bool,
    /// The `<meta>` tags of every page head (SiteName, SiteIDCode …).
    pub meta: Vec<disclosure::MetaTag>,
    /// The 更正说明 page, which the footer links on every page.
    pub corrections: String,
}

impl<'a> SiteView<'a> {
    /// `home` and `open_data` are the navigation's names for the front
    /// page and the 开放数据 page (`None` when downloads are off).
    pub(crate) fn new(site: &'a Site, home: &str, open_data: Option<&str>) -> Self {
        let config = &site.config;
        let nav = std::iter::once(Link::new(home, href_of(&PageKind::Index)))
            .chain(open_data.map(|title| Link::new(title, href_of(&PageKind::OpenData))))
            .chain(
                site.pages
                    .iter()
                    .map(|p| Link::new(&p.title, href_of(&PageKind::Page(p.slug.clone())))),
            )
            .collect();
        SiteView {
            title: &config.title,
            description: config.description.as_deref(),
            language: &config.language,
            footer: &config.footer,
            publication: &config.publication,
            search: config.search.enabled,
            meta: disclosure::site_meta(site),
            corrections: href_of(&PageKind::Corrections),
            nav,
            years: site
                .years()
                .into_iter()
                .rev()
                .map(|year| YearLink {
                    year,
                    href: href_of(&PageKind::Year(year)),
                })
                .collect(),
            base_path: &config.base_path,
            amount_unit: config.amount_unit.label(),
        }
    }
}

/// A link to a budget year's page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct YearLink {
    pub year: u16,
    pub href: String,
}

/// A link; `href` is relative to the site root (templates prefix `root`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Link {
    pub title: String,
    pub href: String,
}

impl Link {
    pub(crate) fn new(title: &str, href: String) -> Self {
        Link {
            title: title.to_owned(),
            href,
        }
    }
}

/// One project as a row of a department-year or year table.
#[derive(Debug, Serialize)]
pub(crate) struct ProjectRow<'a> {
    pub name: &'a str,
    pub year: u16,
    /// In the site's unit, exactly.
    pub amount: String,
    /// The figure as the file writes it, with its unit, when the file uses
    /// another unit than the site (`3309840.00 元`).
    pub written: Option<String>,
    pub href: String,
    pub indicators: usize,
    /// 执行率 and 自评得分/等级; `None` prints 未自评.
    pub evaluation: Option<evaluation_index::RowEvaluation>,
}

impl<'a> ProjectRow<'a> {
    fn new(
        project: &'a Project,
        site_unit: AmountUnit,
        strings: &BTreeMap<String, String>,
    ) -> Self {
        let unit = project.unit(site_unit);
        ProjectRow {
            name: &project.name,
            year: project.year,
            amount: project
                .amount_in(site_unit, site_unit)
                .unwrap_or(project.amount)
                .to_string(),
            written: (unit != site_unit).then(|| format!("{} {unit}", project.amount)),
            href: href_of(&PageKind::Project(project.key())),
            indicators: project.indicators.len(),
            evaluation: evaluation_index::RowEvaluation::of(project, strings),
        }
    }
}

/// A header cell that spans the rows of its group.
#[derive(Debug, Serialize)]
pub(crate) struct GroupHeader<'a> {
    pub id: String,
    pub name: &'a str,
    pub rowspan: usize,
}

/// A cell of an optional column (权重, 绩效标准 …) on one row.
#[derive(Debug, Serialize)]
pub(crate) struct ExtraCell {
    pub text: Option<String>,
    /// 一级, 二级, 三级 and the column header, like the 指标值 cell.
    pub headers: String,
    pub num: bool,
}

/// One indicator row, with the group headers that start on it.
#[derive(Debug, Serialize)]
pub(crate) struct IndicatorRow<'a> {
    /// Present on the first row of a 一级 group.
    pub level1: Option<GroupHeader<'a>>,
    /// Present on the first row of a 二级 group.
    pub level2: Option<GroupHeader<'a>>,
    pub id: String,
    pub name: &'a str,
    /// `None` renders as the mark `missing` names.
    pub value: Option<&'a str>,
    /// `blank` (未填报) or `unreadable` (原件无法辨认) when `value` is `None`.
    pub missing: Option<&'static str>,
    pub note: Option<String>,
    /// The `headers` attribute of the value cell: 一级, 二级, 三级 and the
    /// column header, so the cell is announced with all four.
    pub headers: String,
    /// The cells of the table's optional columns, in column order.
    pub extra: Vec<ExtraCell>,
    /// The 自评表's cells, when the project has an evaluation.
    pub result: Option<evaluation::ResultCells<'a>>,
}

/// The rows of one 一级 group, rendered as one `<tbody>`.
#[derive(Debug, Serialize)]
pub(crate) struct IndicatorGroup<'a> {
    pub rows: Vec<IndicatorRow<'a>>,
}

/// The id of the 指标值 column header.
pub(crate) const VALUE_COLUMN_ID: &str = "col-value";

/// An optional column of an indicator table. `key` names it for the
/// template (`direction`, `weight`, `standard`, `explanation`), which
/// looks up the heading text in the theme's strings.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Column {
    pub key: &'static str,
    pub id: String,
}

/// The optional columns, in the order they follow 指标值.
const OPTIONAL_COLUMNS: [&str; 4] = ["direction", "weight", "standard", "explanation"];

fn optional_text(row: &Indicator, key: &str) -> Option<String> {
    match key {
        "direction" => row.direction.clone(),
        "weight" => row.weight.map(|w| w.to_string()),
        "standard" => row.standard.clone(),
        _ => row.explanation.clone(),
    }
}

/// One indicator table: the annual one, or the 实施期/长期 one.
#[derive(Debug, Serialize)]
pub(crate) struct IndicatorTable<'a> {
    /// Prefix of every id in the table, so two tables share a page.
    pub prefix: &'static str,
    pub value_column_id: String,
    /// Only the optional columns some row of this table fills.
    pub columns: Vec<Column>,
    pub groups: Vec<IndicatorGroup<'a>>,
    /// The 自评表's columns (实际完成值 …), when the project has one.
    pub results: Option<evaluation::ResultColumns>,
    /// The table has more columns than the three levels and 指标值, so it
    /// may scroll sideways on a phone and says so.
    pub wide: bool,
}

impl<'a> IndicatorTable<'a> {
    pub(crate) fn new(indicators: &'a [Indicator], prefix: &'static str) -> Self {
        let columns: Vec<Column> = OPTIONAL_COLUMNS
            .iter()
            .filter(|key| indicators.iter().any(|r| optional_text(r, key).is_some()))
            .map(|key| Column {
                key,
                id: format!("{prefix}col-{key}"),
            })
            .collect();
        IndicatorTable {
            prefix,
            value_column_id: format!("{prefix}{VALUE_COLUMN_ID}"),
            groups: indicator_groups_with(indicators, prefix, &columns),
            wide: !columns.is_empty(),
            columns,
            results: None,
        }
    }
}

/// Groups consecutive rows with the same 一级 (and, within it, the same
/// 二级) so that each level is one header cell spanning its rows.
#[cfg(test)]
fn indicator_groups(indicators: &[Indicator]) -> Vec<IndicatorGroup<'_>> {
    indicator_groups_with(indicators, "", &[])
}

fn indicator_groups_with<'a>(
    indicators: &'a [Indicator],
    prefix: &str,
    columns: &[Column],
) -> Vec<IndicatorGroup<'a>> {
    let mut groups = Vec::new();
    for (g, level1_rows) in runs(indicators, |r| &r.level1).enumerate() {
        let level1_id = format!("{prefix}l1-{g}");
        let mut rows = Vec::with_capacity(level1_rows.len());
        for (s, level2_rows) in runs(level1_rows, |r| &r.level2).enumerate() {
            let level2_id = format!("{prefix}l2-{g}-{s}");
            for (i, row) in level2_rows.iter().enumerate() {
                let id = format!("{prefix}l3-{g}-{s}-{i}");
                let header = |id: &str, name, rowspan| GroupHeader {
                    id: id.to_owned(),
                    name,
                    rowspan,
                };
                let extra = columns
                    .iter()
                    .map(|c| ExtraCell {
                        text: optional_text(row, c.key),
                        headers: format!("{level1_id} {level2_id} {id} {}", c.id),
                        num: c.key == "weight",
                    })
                    .collect();
                rows.push(IndicatorRow {
                    level1: (s == 0 && i == 0)
                        .then(|| header(&level1_id, &row.level1, level1_rows.len())),
                    level2: (i == 0).then(|| header(&level2_id, &row.level2, level2_rows.len())),
                    headers: format!("{level1_id} {level2_id} {id} {prefix}{VALUE_COLUMN_ID}"),
                    id,
                    name: &row.name,
                    value: row.value.as_deref(),
                    missing: row.missing_reason().map(|m| match m {
                        Missing::Blank => "blank",
                        Missing::Unreadable => "unreadable",
                    }),
                    note: row.note.as_deref().map(to_inline_html),
                    extra,
                    result: None,
                });
            }
        }
        groups.push(IndicatorGroup { rows });
    }
    groups
}

/// Splits `rows` into maximal runs with the same key, keeping order.
fn runs<'a, K: PartialEq + ?Sized>(
    rows: &'a [Indicator],
    key: impl Fn(&Indicator) -> &K + 'a,
) -> impl Iterator<Item = &'a [Indicator]> + 'a {
    let mut rest = rows;
    std::iter::from_fn(move || {
        let first = rest.first()?;
        let len = rest.iter().take_while(|r| key(r) == key(first)).count();
        let (run, tail) = rest.split_at(len);
        rest = tail;
        Some(run)
    })
}

/// The id of the 金额 column of the funding table.
pub(crate) const FUNDING_AMOUNT_ID: &str = "col-funding-amount";

/// One row of the 资金来源 table: a source, or a part of the source above.
#[derive(Debug, Serialize)]
pub(crate) struct FundingRow<'a> {
    pub id: String,
    pub source: &'a str,
    /// Exactly as written.
    pub amount: String,
    /// True for a part (其中：上级补助 …) of the source above.
    pub part: bool,
    /// The source (and, for a part, the part) and the 金额 column.
    pub headers: String,
}

fn funding_rows(project: &Project) -> Vec<FundingRow<'_>> {
    let mut rows = Vec::new();
    for (i, f) in project.funding.iter().enumerate() {
        let id = format!("funding-{i}");
        rows.push(FundingRow {
            headers: format!("{id} {FUNDING_AMOUNT_ID}"),
            source: &f.source,
            amount: f.amount.to_string(),
            part: false,
            id: id.clone(),
        });
        for (j, part) in f.parts.iter().enumerate() {
            let part_id = format!("funding-{i}-{j}");
            rows.push(FundingRow {
                headers: format!("{id} {part_id} {FUNDING_AMOUNT_ID}"),
                id: part_id,
                source: &part.source,
                amount: part.amount.to_string(),
                part: true,
            });
        }
    }
    rows
}

/// One entry of `details`: a label and its sanitised Markdown.
#[derive(Debug, Serialize)]
pub(crate) struct DetailView<'a> {
    pub label: &'a str,
    pub html: String,
}

/// Everything the project page shows.
#[derive(Debug, Serialize)]
pub(crate) struct ProjectView<'a> {
    pub name: &'a str,
    pub year: u16,
    pub code: Option<&'a str>,
    /// Exactly as written, in `unit`.
    pub amount: String,
    /// The unit of this file's figures: 万元 or 元.
    pub unit: &'static str,
    pub funding: Vec<FundingRow<'a>>,
    pub funding_amount_id: &'static str,
    pub period: Option<&'a str>,
    pub implementer: Option<&'a str>,
    pub details: Vec<DetailView<'a>>,
    pub notes: Option<String>,
    /// The 年度 goals and table, then, when the file has them, the
    /// 实施期/长期 ones.
    pub sections: Vec<Section<'a>>,
    pub indicator_count: usize,
    /// Values shown as 未填报 and as 原件无法辨认, over both tables.
    pub blank_count: usize,
    pub unreadable_count: usize,
    pub missing_count: usize,
    /// The department's page for this year.
    pub department: Link,
    pub department_code: &'a str,
    /// The table in the official layout (Excel) and as CSV.
    pub downloads: Vec<DownloadLink>,
    /// 发布日期 and 信息来源 stated by the file (the site's otherwise).
    pub published: Option<&'a str>,
    pub info_source: Option<&'a str>,
    /// The latest revision (by date, see
    /// [`crate::model::revision::latest`]), shown as 上次更新.
    pub last_revision: Option<&'a crate::model::Revision>,
    /// The disclosure metadata panel (索引号, 发布机构, dates …), which
    /// also shows 发布日期, 信息来源 and 上次更新.
    pub panel: disclosure::PanelView,
    /// The 绩效自评, when the project has one; its results are also in
    /// the annual section's table.
    pub evaluation: Option<evaluation::EvaluationView<'a>>,
}

/// Goals with their indicator table: 年度, or 实施期/长期.
#[derive(Debug, Serialize)]
pub(crate) struct Section<'a> {
    /// True for the 实施期/长期 section.
    pub long_term: bool,
    /// Prefix of the section's ids (`""` or `lt-`).
    pub prefix: &'static str,
    pub goals: Vec<String>,
    /// `None` when the section has goals but no indicators.
    pub table: Option<IndicatorTable<'a>>,
}

impl<'a> Section<'a> {
    fn new(goals: &[String], rows: &'a [Indicator], long_term: bool) -> Self {
        let prefix = if long_term { "lt-" } else { "" };
        Section {
            long_term,
            prefix,
            goals: goals.iter().map(|g| to_inline_html(g)).collect(),
            table: (!long_term || !rows.is_empty()).then(|| IndicatorTable::new(rows, prefix)),
        }
    }
}

impl<'a> ProjectView<'a> {
    pub(crate) fn new(
        project: &'a Project,
        department: &'a Department,
        site: &Site,
        sizes: &Sizes,
        strings: &BTreeMap<String, String>,
    ) -> Self {
        let site_unit = site.config.amount_unit;
        let count = |reason| {
            project
                .indicators
                .iter()
                .chain(&project.long_term_indicators)
                .filter(|i| i.missing_reason() == Some(reason))
                .count()
        };
        let mut annual = Section::new(&project.goals, &project.indicators, false);
        let evaluation = evaluation::EvaluationView::new(project, site_unit, &mut annual, strings);
        let mut sections = vec![annual];
        if !project.long_term_goals.is_empty() || !project.long_term_indicators.is_empty() {
            sections.push(Section::new(
                &project.long_term_goals,
                &project.long_term_indicators,
                true,
            ));
        }
        ProjectView {
            name: &project.name,
            year: project.year,
            code: project.code.as_deref(),
            amount: project.amount.to_string(),
            unit: project.unit(site_unit).label(),
            funding: funding_rows(project),
            funding_amount_id: FUNDING_AMOUNT_ID,
            period: project.period.as_deref(),
            implementer: project.implementer.as_deref(),
            details: project
                .details
                .0
                .iter()
                .map(|(label, text)| DetailView {
                    label,
                    html: to_inline_html(text),
                })
                .collect(),
            notes: project.notes.as_deref().map(|n| to_html(n, 3)),
            sections,
            indicator_count: project.indicators.len(),
            blank_count: count(Missing::Blank),
            unreadable_count: count(Missing::Unreadable),
            missing_count: count(Missing::Blank) + count(Missing::Unreadable),
            department: Link::new(
                &department.name,
                href_of(&PageKind::DepartmentYear(
                    department.code.clone(),
                    project.year,
                )),
            ),
            department_code: &department.code,
            downloads: DownloadLink::all(site, &project_downloads(&project.key()), sizes, strings),
            published: project.published.as_deref(),
            info_source: project.info_source.as_deref(),
            last_revision: crate::model::revision::latest(&project.revisions),
            panel: disclosure::PanelView::new(
                &crate::disclosure::Panel::of(project, Some(department), &site.config),
                strings,
            ),
            evaluation,
        }
    }
}

/// A Markdown page.
#[derive(Debug, Serialize)]
pub(crate) struct PageView<'a> {
    pub title: &'a str,
    pub slug: &'a str,
    pub body: String,
}

impl<'a> PageView<'a> {
    pub(crate) fn new(page: &'a Page) -> Self {
        PageView {
            title: &page.title,
            slug: &page.slug,
            body: to_html(&page.body, 2),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(l1: &str, l2: &str, name: &str) -> Indicator {
        Indicator::new(l1, l2, name, Some("1"))
    }

    #[test]
    fn optional_columns_appear_only_when_filled() {
        let mut rows = vec![
            row("产出指标", "数量指标", "a"),
            row("产出指标", "数量指标", "b"),
        ];
        assert!(IndicatorTable::new(&rows, "").columns.is_empty());
        rows[1].weight = Some(crate::model::Weight("10.5".parse().unwrap()));
        rows[0].direction = Some("正向指标".into());
        let table = IndicatorTable::new(&rows, "lt-");
        let keys: Vec<&str> = table.columns.iter().map(|c| c.key).collect();
        assert_eq!(keys, ["direction", "weight"]);
        let first = &table.groups[0].rows[0];
        assert_eq!(first.extra[1].text, None);
        assert_eq!(
            first.extra[1].headers,
            "lt-l1-0 lt-l2-0-0 lt-l3-0-0-0 lt-col-weight"
        );
        assert_eq!(
            table.groups[0].rows[1].extra[1].text.as_deref(),
            Some("10.5")
        );
    }

    #[test]
    fn rowspans_follow_the_runs() {
        let rows = [
            row("产出指标", "数量指标", "a"),
            row("产出指标", "数量指标", "b"),
            row("产出指标", "质量指标", "c"),
            row("效益指标", "社会效益", "d"),
        ];
        let groups = indicator_groups(&rows);
        assert_eq!(groups.len(), 2);
        let first = &groups[0].rows;
        assert_eq!(first[0].level1.as_ref().unwrap().rowspan, 3);
        assert_eq!(first[0].level2.as_ref().unwrap().rowspan, 2);
        assert!(first[1].level1.is_none() && first[1].level2.is_none());
        assert_eq!(first[2].level2.as_ref().unwrap().rowspan, 1);
        assert_eq!(first[2].headers, "l1-0 l2-0-1 l3-0-1-0 col-value");
        assert_eq!(groups[1].rows[0].level1.as_ref().unwrap().rowspan, 1);
    }
}
