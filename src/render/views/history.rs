//! 历年对比: the section of a project page that shows the same project in
//! its other years, from [`crate::history`].
//!
//! It has the amount in each year with its exact change and the rate
//! (rounded for display only), a chart of the amounts drawn from that
//! table, and the annual indicators side by side, each year's cell marked
//! 新增 or 取消 in words where a row appears or disappears. Present only
//! when the project has more than one year.

use std::collections::BTreeMap;

use serde::Serialize;

use super::charts::{BarChart, Item};
use super::downloads::{DownloadLink, Sizes};
use super::figures::{YearRow, percent, rest_label, signed, string};
use crate::history::History;
use crate::history::compare::{self, Mark};
use crate::model::{Amount, Missing, Project, Site};
use crate::render::plan::{Download, PageKind, href_of};

/// One year of the comparison, as a column of the indicator table.
#[derive(Debug, Serialize)]
pub(crate) struct YearColumn {
    pub year: u16,
    pub id: String,
    pub current: bool,
}

/// One indicator's cell in one year.
#[derive(Debug, Serialize)]
pub(crate) struct CompareCell<'a> {
    /// The 指标值; `None` with `present` means the row has no value.
    pub value: Option<&'a str>,
    /// The row exists in this year.
    pub present: bool,
    /// `blank` or `unreadable`, for a present row without value.
    pub missing: Option<&'static str>,
    /// `added` (新增), `dropped` (取消) or empty.
    pub mark: &'static str,
}

/// One indicator across the years.
#[derive(Debug, Serialize)]
pub(crate) struct CompareLine<'a> {
    pub level1: &'a str,
    pub level2: &'a str,
    pub name: &'a str,
    pub cells: Vec<CompareCell<'a>>,
}

/// The project's name in one year.
#[derive(Debug, Serialize)]
pub(crate) struct NamedYear<'a> {
    pub year: u16,
    pub name: &'a str,
}

/// The 历年对比 section.
#[derive(Debug, Serialize)]
pub(crate) struct HistoryView<'a> {
    /// Each year's amount in the site's unit, with its change.
    pub years: Vec<YearRow>,
    /// The project's name in the years where it differs from this page's.
    pub names: Vec<NamedYear<'a>>,
    pub chart: BarChart,
    pub columns: Vec<YearColumn>,
    pub lines: Vec<CompareLine<'a>>,
    /// The history CSV, when downloads are on.
    pub downloads: Vec<DownloadLink>,
}

impl<'a> HistoryView<'a> {
    /// `None` when the project has no other year.
    pub(crate) fn new(
        site: &'a Site,
        history: &History,
        project: &'a Project,
        strings: &BTreeMap<String, String>,
        sizes: &Sizes,
    ) -> Option<Self> {
        let key = project.key();
        let chain: Vec<&'a Project> = history
            .chain_of_key(site, &key)
            .iter()
            .map(|&i| &*site.projects[i])
            .collect();
        if chain.len() < 2 {
            return None;
        }
        let unit = site.config.amount_unit;
        let rows = compare::amounts(&chain, unit);
        let suffix = string(strings, "year_suffix", "年");
        let this_page = string(strings, "chart_this_page", "（本页）");
        let is_current = |p: &Project| p.key() == key;
        let years = rows
            .iter()
            .map(|r| YearRow {
                year: r.project.year,
                href: href_of(&PageKind::Project(r.project.key())),
                amount: Amount(r.amount).to_string(),
                change: r.change.map(signed),
                rate: r.rate.map(percent),
                current: is_current(r.project),
            })
            .collect();
        let items = rows
            .iter()
            .map(|r| Item {
                label: if is_current(r.project) {
                    format!("{}{suffix}{this_page}", r.project.year)
                } else {
                    format!("{}{suffix}", r.project.year)
                },
                value: r.amount,
                current: is_current(r.project),
            })
            .collect();
        let chart = BarChart::new(
            "chart-history",
            "history-amounts",
            items,
            false,
            rest_label(strings),
        );
        let columns: Vec<YearColumn> = chain
            .iter()
            .enumerate()
            .map(|(i, p)| YearColumn {
                year: p.year,
                id: format!("history-col-{i}"),
                current: is_current(p),
            })
            .collect();
        let lines = compare::indicators(&chain)
            .into_iter()
            .map(|line| {
                let cells = line
                    .cells
                    .iter()
                    .map(|(row, mark)| CompareCell {
                        value: row.and_then(|r| r.value.as_deref()),
                        present: row.is_some(),
                        missing: row.and_then(|r| r.missing_reason()).map(|m| match m {
                            Missing::Blank => "blank",
                            Missing::Unreadable => "unreadable",
                        }),
                        mark: match mark {
                            Mark::Added => "added",
                            Mark::Dropped => "dropped",
                            Mark::Same => "",
                        },
                    })
                    .collect();
                CompareLine {
                    level1: line.level1,
                    level2: line.level2,
                    name: line.name,
                    cells,
                }
            })
            .collect();
        Some(HistoryView {
            years,
            names: chain
                .iter()
                .filter(|p| p.name != project.name)
                .map(|p| NamedYear {
                    year: p.year,
                    name: &p.name,
                })
                .collect(),
            chart,
            columns,
            lines,
            // One file per chain, beside the newest year's page.
            downloads: DownloadLink::all(
                site,
                &[PageKind::Download(Download::History(
                    chain[chain.len() - 1].key(),
                ))],
                sizes,
                strings,
            ),
        })
    }
}
