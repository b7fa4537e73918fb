//! The disclosure metadata panel of a project page, the `<meta>` tags that
//! monitoring and collection systems read in every page head, and the
//! project's 内容概述.
//!
//! The values come from [`crate::disclosure`] (the one place that decides
//! an 索引号); this module only turns them into labelled strings in the
//! theme's words, so the template prints rows and never decides what a
//! row says. A value that is not given is left out (or, for an 索引号 the
//! template could not make, said to be missing), never invented; no date
//! comes from the build clock.

use std::collections::BTreeMap;

use serde::Serialize;

use super::figures::string;
use crate::disclosure::{IndexNo, Panel};
use crate::model::{Department, Project, Site};

/// The longest 内容概述, in characters (not bytes): what the portals'
/// summary fields accept.
pub(crate) const SUMMARY_CHARS: usize = 100;

/// One row of the panel: a label and its value.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PanelRow {
    pub label: String,
    pub value: String,
    /// True when the value says that something is missing (未编制).
    pub missing: bool,
}

/// The panel: its rows in the portals' usual order.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PanelView {
    pub rows: Vec<PanelRow>,
}

impl PanelView {
    pub(crate) fn new(panel: &Panel, strings: &BTreeMap<String, String>) -> Self {
        let mut rows = Vec::new();
        let mut row = |key: &str, default: &str, value: Option<String>| {
            if let Some(value) = value {
                rows.push(PanelRow {
                    label: string(strings, key, default).to_owned(),
                    value,
                    missing: false,
                });
            }
        };
        match &panel.index_no {
            IndexNo::Assigned(n) => row("index_no", "索引号", Some(n.clone())),
            IndexNo::Missing(_) => {
                row(
                    "index_no",
                    "索引号",
                    Some(string(strings, "index_no_missing", "未编制").to_owned()),
                );
            }
            IndexNo::NotUsed => {}
        }
        let owned = |v: Option<&str>| v.map(str::to_owned);
        row("publisher", "发布机构", owned(panel.publisher));
        row("written", "成文日期", owned(panel.written));
        row("published", "发布日期", owned(panel.published));
        row("document_no", "文号", owned(panel.document_no));
        row("topic", "主题分类", owned(panel.topic));
        row("validity", "时效性", owned(panel.validity));
        row("info_source", "信息来源", owned(panel.source));
        row(
            "last_updated",
            "上次更新",
            panel.revised.map(|r| format!("{}（{}）", r.date, r.note)),
        );
        if matches!(panel.index_no, IndexNo::Missing(_)) {
            rows[0].missing = true;
        }
        PanelView { rows }
    }
}

/// A `<meta name content>` pair.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MetaTag {
    pub name: &'static str,
    pub content: String,
}

fn tag(name: &'static str, content: Option<&str>) -> Option<MetaTag> {
    let content = content.map(str::trim).filter(|c| !c.is_empty())?;
    Some(MetaTag {
        name,
        content: content.to_owned(),
    })
}

/// The tags every page carries: the site's name, domain, 网站标识码
/// (`[footer] site_code`) and column.
pub(crate) fn site_meta(site: &Site) -> Vec<MetaTag> {
    let config = &site.config;
    [
        tag("SiteName", Some(&config.title)),
        tag("SiteDomain", config.disclosure.domain.as_deref()),
        tag("SiteIDCode", config.footer.site_code.as_deref()),
        tag("ColumnName", config.disclosure.column_name()),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The tags of a page that is not a project: its description, the site's.
pub(crate) fn page_meta(site: &Site) -> Vec<MetaTag> {
    tag("Description", site.config.description.as_deref())
        .into_iter()
        .collect()
}

/// The article tags of a project page.
pub(crate) fn project_meta(
    project: &Project,
    department: &Department,
    panel: &Panel,
    strings: &BTreeMap<String, String>,
) -> Vec<MetaTag> {
    let summary = summary(project, department, strings);
    let keywords = keywords(project, department, strings).join(",");
    [
        tag("ArticleTitle", Some(&project.name)),
        tag("PubDate", panel.published),
        tag("ContentSource", panel.source),
        tag("Keywords", Some(&keywords)),
        tag("Description", Some(&summary)),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The project's keywords: its department, its name, its year and the
/// kind of table.
pub(crate) fn keywords(
    project: &Project,
    department: &Department,
    strings: &BTreeMap<String, String>,
) -> Vec<String> {
    vec![
        department.name.clone(),
        project.name.clone(),
        format!("{}{}", project.year, string(strings, "year_suffix", "年")),
        string(strings, "goals", "绩效目标").to_owned(),
    ]
}

/// The 内容概述: what the page is (department, year, project and the
/// table's name), then its 年度绩效目标 as plain text, cut to
/// [`SUMMARY_CHARS`] characters with an ellipsis. Built from the project
/// alone, so it is the same on every run.
pub(crate) fn summary(
    project: &Project,
    department: &Department,
    strings: &BTreeMap<String, String>,
) -> String {
    let mut text = format!(
        "{}{}{}{}{}：",
        department.name,
        project.year,
        string(strings, "year_suffix", "年"),
        project.name,
        string(strings, "indicator_table_suffix", "项目支出绩效目标表"),
    );
    for goal in &project.goals {
        let goal = plain_text(goal);
        text.push_str(&goal);
        if !goal.ends_with(['。', '；', '！', '.', ';']) {
            text.push('；');
        }
    }
    truncate(&text, SUMMARY_CHARS)
}

/// At most `limit` characters: the text, or its start and `…`.
fn truncate(text: &str, limit: usize) -> String {
    let text = text.trim_end_matches('；');
    if text.chars().count() <= limit {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(limit - 1).collect();
    out.push('…');
    out
}

/// The words of a Markdown text, without its markup, on one line.
fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_count_characters_not_bytes() {
        let long = "很".repeat(300);
        let cut = truncate(&long, SUMMARY_CHARS);
        assert_eq!(cut.chars().count(), SUMMARY_CHARS);
        assert!(cut.ends_with('…'));
        assert_eq!(truncate("短", SUMMARY_CHARS), "短");
        assert_eq!(plain_text("**加粗**与`代码`\n下一行"), "加粗与代码 下一行");
    }
}
