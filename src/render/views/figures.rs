//! The charts of a year's index and of a department's page, with the data
//! tables they are drawn from.
//!
//! A year's index charts its departments' totals, largest first; a
//! department in one year charts its projects' amounts that year, and,
//! when the department has more than one year, its total in each year.
//! Each total covers one budget year, exactly as the tables do (see
//! [`super::years`]); the change between two years is an exact difference
//! and its rate is rounded for display only.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use super::chart_marks::MarksChart;
use super::charts::{BarChart, Item};
use crate::model::{Amount, Department, Project, Site, total_of};
use crate::render::plan::{PageKind, href_of};

/// A theme string, or its default.
pub(crate) fn string<'a>(
    strings: &'a BTreeMap<String, String>,
    key: &str,
    default: &'a str,
) -> &'a str {
    strings.get(key).map_or(default, String::as_str)
}

/// The label of the bar that sums what is not drawn: `其余 12 项`.
pub(crate) fn rest_label(strings: &BTreeMap<String, String>) -> impl Fn(usize) -> String + '_ {
    move |n| {
        format!(
            "{}{n}{}",
            string(strings, "chart_rest", "其余 "),
            string(strings, "chart_rest_suffix", " 项合计")
        )
    }
}

/// `+10.10`, `-5.00`, `0.00`: an exact change with its sign.
pub(crate) fn signed(change: Decimal) -> String {
    let text = Amount(change).to_string();
    if change > Decimal::ZERO {
        format!("+{text}")
    } else {
        text
    }
}

/// `+12.35%`: a rate rounded to two decimals, for display only.
pub(crate) fn percent(rate: Decimal) -> String {
    let rounded =
        rate.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let text = Amount(rounded).with_decimals(2);
    if rounded > Decimal::ZERO {
        format!("+{text}%")
    } else {
        format!("{text}%")
    }
}

fn total_in_site_unit<'a>(site: &Site, projects: impl IntoIterator<Item = &'a Project>) -> Decimal {
    let unit = site.config.amount_unit;
    total_of(projects, unit, unit).0
}

/// One department's total in a year, as a row of the year's chart table.
#[derive(Debug, Serialize)]
pub(crate) struct TotalRow<'a> {
    pub name: &'a str,
    pub href: String,
    pub count: usize,
    pub total: String,
}

/// The chart of a year's index: its departments' totals.
#[derive(Debug, Serialize)]
pub(crate) struct YearFigures<'a> {
    pub chart: BarChart,
    /// The same totals, in the chart's order.
    pub rows: Vec<TotalRow<'a>>,
}

impl<'a> YearFigures<'a> {
    pub(crate) fn new(site: &'a Site, year: u16, strings: &BTreeMap<String, String>) -> Self {
        let mut totals: Vec<(&Department, usize, Decimal)> = site
            .departments
            .iter()
            .filter_map(|d| {
                let projects: Vec<&Project> = site
                    .projects_of(&d.code)
                    .iter()
                    .map(|p| &**p)
                    .filter(|p| p.year == year)
                    .collect();
                (!projects.is_empty())
                    .then(|| (d, projects.len(), total_in_site_unit(site, projects)))
            })
            .collect();
        totals.sort_by_key(|t| std::cmp::Reverse(t.2));
        let items = totals
            .iter()
            .map(|(d, _, total)| Item {
                label: d.name.clone(),
                value: *total,
                current: false,
            })
            .collect();
        YearFigures {
            chart: BarChart::new(
                "chart-departments",
                "departments-totals",
                items,
                true,
                rest_label(strings),
            ),
            rows: totals
                .into_iter()
                .map(|(d, count, total)| TotalRow {
                    name: &d.name,
                    href: href_of(&PageKind::DepartmentYear(d.code.clone(), year)),
                    count,
                    total: Amount(total).to_string(),
                })
                .collect(),
        }
    }
}

/// One year of a department, or of a project: its amount and the change
/// from the year before it.
#[derive(Debug, Serialize)]
pub(crate) struct YearRow {
    pub year: u16,
    pub href: String,
    pub amount: String,
    /// `None` on the first year.
    pub change: Option<String>,
    /// `None` on the first year and after a year of 0.
    pub rate: Option<String>,
    /// The page's own year.
    pub current: bool,
}

/// The charts of a department's page for one year.
#[derive(Debug, Serialize)]
pub(crate) struct DepartmentFigures<'a> {
    /// Its projects' amounts that year; the projects table is its data.
    pub projects: BarChart,
    /// Its total in each year, when it has more than one.
    pub years: Option<BarChart>,
    pub year_rows: Vec<YearRow>,
    /// Its projects' indicators met, missed and not comparable, when some
    /// project has a 绩效自评, with the table of the same counts.
    pub marks: Option<MarksChart<'a>>,
}

impl<'a> DepartmentFigures<'a> {
    pub(crate) fn new(
        site: &'a Site,
        code: &str,
        year: u16,
        strings: &BTreeMap<String, String>,
    ) -> Self {
        let unit = site.config.amount_unit;
        let all = site.projects_of(code);
        let items = all
            .iter()
            .filter(|p| p.year == year)
            .map(|p| Item {
                label: p.name.clone(),
                value: p.amount_in(unit, unit).map_or(p.amount.0, |a| a.0),
                current: false,
            })
            .collect();
        let projects = BarChart::new(
            "chart-projects",
            "projects-caption",
            items,
            true,
            rest_label(strings),
        );
        let of_year: Vec<&'a Project> = all
            .iter()
            .map(|p| &**p)
            .filter(|p| p.year == year)
            .collect();
        let marks = MarksChart::new(&of_year, strings);
        let mut by_year: BTreeMap<u16, Vec<&Project>> = BTreeMap::new();
        for p in all {
            by_year.entry(p.year).or_default().push(p);
        }
        let totals: Vec<(u16, Decimal)> = by_year
            .into_iter()
            .map(|(y, projects)| (y, total_in_site_unit(site, projects)))
            .collect();
        let suffix = string(strings, "year_suffix", "年");
        let this_page = string(strings, "chart_this_page", "（本页）");
        let year_rows = year_rows(&totals, year, |y| {
            href_of(&PageKind::DepartmentYear(code.to_owned(), y))
        });
        let years = (totals.len() > 1).then(|| {
            let items = totals
                .iter()
                .map(|(y, total)| Item {
                    label: if *y == year {
                        format!("{y}{suffix}{this_page}")
                    } else {
                        format!("{y}{suffix}")
                    },
                    value: *total,
                    current: *y == year,
                })
                .collect();
            BarChart::new(
                "chart-years",
                "department-years-totals",
                items,
                false,
                rest_label(strings),
            )
        });
        DepartmentFigures {
            projects,
            marks,
            years,
            year_rows: if totals.len() > 1 {
                year_rows
            } else {
                Vec::new()
            },
        }
    }
}

/// Rows of (year, exact amount), oldest first, with exact changes.
pub(crate) fn year_rows(
    amounts: &[(u16, Decimal)],
    current: u16,
    href: impl Fn(u16) -> String,
) -> Vec<YearRow> {
    let values: Vec<Decimal> = amounts.iter().map(|(_, a)| *a).collect();
    amounts
        .iter()
        .zip(crate::history::compare::changes(&values))
        .map(|((year, amount), (change, rate))| YearRow {
            year: *year,
            href: href(*year),
            amount: Amount(*amount).to_string(),
            change: change.map(signed),
            rate: rate.map(percent),
            current: *year == current,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_and_rates_are_signed_and_rounded_for_display_only() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let rows = year_rows(
            &[
                (2022, d("10.10")),
                (2023, d("20.25")),
                (2024, d("0")),
                (2025, d("1")),
            ],
            2023,
            |y| y.to_string(),
        );
        assert_eq!(rows[0].change, None);
        assert_eq!(rows[1].change.as_deref(), Some("+10.15"));
        // 10.15 / 10.10 = 100.495…%, shown as +100.50%.
        assert_eq!(rows[1].rate.as_deref(), Some("+100.50%"));
        assert_eq!(rows[2].change.as_deref(), Some("-20.25"));
        assert_eq!(rows[2].rate.as_deref(), Some("-100.00%"));
        assert_eq!(rows[3].rate, None);
        assert!(rows[1].current);
    }
}
