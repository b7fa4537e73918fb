//! The 达成情况 chart of a department's page for one year: for each project
//! with a 绩效自评, one stacked bar of its indicators met, missed and not
//! comparable, with the table of the same counts.
//!
//! Like the amount charts ([`super::charts`]) every coordinate is computed
//! here and `chart_marks.html` only prints it; nothing is measured, so the
//! bytes are the same on every machine. Meaning never rests on colour:
//! each bar has its counts written above it in words (达成 5 · 未达成 1 ·
//! 无法比较 2), the segments keep that order, a legend names them, and the
//! table after the chart holds every figure. The counts are those of
//! [`Assessment::counts`], the same the project page states.

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use super::charts::{FONT, WIDTH, shorten};
use super::evaluation::{legend_marks, word};
use super::figures::string;
use crate::indicator::results::Assessment;
use crate::model::Project;
use crate::render::plan::{PageKind, href_of};

/// The theme's UI strings.
type Strings = BTreeMap<String, String>;

/// The height of one bar.
const BAR: u32 = 14;
/// From the top of a row to the baseline of its label and of its counts.
const LABEL_LINE: u32 = 14;
const COUNTS_LINE: u32 = 34;
/// From the top of a row to the top of its bar.
const BAR_TOP: u32 = 42;
/// Between one row's bar and the next row's label.
const GAP: u32 = 12;
const ROW: u32 = BAR_TOP + BAR + GAP;

/// One part of a bar.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Segment {
    /// `met`, `missed` or `not-comparable`.
    pub code: &'static str,
    pub x: String,
    pub width: String,
}

/// One project's bar.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MarksBar {
    /// The project's name, shortened with "…" to fit.
    pub label: String,
    /// The counts in words, as the bar shows them.
    pub counts: String,
    pub label_y: String,
    pub counts_y: String,
    pub bar_y: String,
    pub segments: Vec<Segment>,
}

/// One project's counts, as a row of the chart's table.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MarksRow<'a> {
    pub name: &'a str,
    pub href: String,
    pub met: usize,
    pub missed: usize,
    pub not_comparable: usize,
    pub total: usize,
}

/// A legend entry: a mark's class and word.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LegendItem {
    pub code: &'static str,
    pub word: String,
}

/// The chart and its table.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MarksChart<'a> {
    pub id: &'static str,
    /// The id of the table's caption, which the figure links.
    pub table_id: &'static str,
    pub width: u32,
    pub height: u32,
    pub font_size: u32,
    pub bar_height: u32,
    pub bars: Vec<MarksBar>,
    pub rows: Vec<MarksRow<'a>>,
    pub legend: Vec<LegendItem>,
    /// Projects of the page without an evaluation, not in the chart.
    pub unevaluated: usize,
    /// The chart's description, in full.
    pub description: String,
}

/// A coordinate: two decimals, half away from zero, no trailing zeros.
fn coordinate(value: Decimal) -> String {
    value
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
        .to_string()
}

impl<'a> MarksChart<'a> {
    /// The chart of `projects` (one department in one year); `None` when
    /// none of them has an evaluation.
    pub(crate) fn new(projects: &[&'a Project], strings: &Strings) -> Option<MarksChart<'a>> {
        let rows: Vec<MarksRow<'a>> = projects
            .iter()
            .filter_map(|p| {
                let counts = Assessment::of(p)?.counts;
                Some(MarksRow {
                    name: &p.name,
                    href: href_of(&PageKind::Project(p.key())),
                    met: counts.met,
                    missed: counts.missed,
                    not_comparable: counts.not_comparable,
                    total: counts.met + counts.missed + counts.not_comparable,
                })
            })
            .collect();
        if rows.is_empty() {
            return None;
        }
        let legend: Vec<LegendItem> = legend_marks()
            .iter()
            .map(|m| LegendItem {
                code: m.code(),
                word: word(strings, m.key()),
            })
            .collect();
        let most = rows.iter().map(|r| r.total).max().unwrap_or(0).max(1);
        let bars = rows
            .iter()
            .enumerate()
            .map(|(n, row)| {
                let top = n as u32 * ROW;
                let counts = [row.met, row.missed, row.not_comparable];
                let text: Vec<String> = legend
                    .iter()
                    .zip(counts)
                    .map(|(l, c)| format!("{} {c}", l.word))
                    .collect();
                let mut x = Decimal::ZERO;
                let mut segments = Vec::new();
                for (item, count) in legend.iter().zip(counts) {
                    if count == 0 {
                        continue;
                    }
                    let width = Decimal::from(count) * Decimal::from(WIDTH) / Decimal::from(most);
                    segments.push(Segment {
                        code: item.code,
                        x: coordinate(x),
                        width: coordinate(width),
                    });
                    x += width;
                }
                MarksBar {
                    label: shorten(row.name, WIDTH),
                    counts: shorten(&text.join(" · "), WIDTH),
                    label_y: (top + LABEL_LINE).to_string(),
                    counts_y: (top + COUNTS_LINE).to_string(),
                    bar_y: (top + BAR_TOP).to_string(),
                    segments,
                }
            })
            .collect::<Vec<MarksBar>>();
        let unevaluated = projects.len() - rows.len();
        let mut description = format!(
            "{}。{} {} {}",
            string(strings, "ev_marks_desc", ""),
            string(strings, "chart_count", "共"),
            rows.len(),
            string(strings, "items", "项"),
        );
        if unevaluated > 0 {
            description.push_str(&format!(
                "；另有 {unevaluated} {}",
                string(strings, "ev_marks_not_in_chart", "")
            ));
        }
        description.push('。');
        description.push_str(string(strings, "chart_see_table", ""));
        Some(MarksChart {
            id: "chart-marks",
            table_id: "marks-caption",
            width: WIDTH,
            height: (bars.len() as u32 * ROW).saturating_sub(GAP).max(1),
            font_size: FONT,
            bar_height: BAR,
            bars,
            rows,
            legend,
            unevaluated,
            description,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Evaluation;

    fn project(name: &str, evaluation: Option<&str>) -> Project {
        let mut p: Project = crate::yaml::from_str(&format!(
            "{{year: 2023, name: {name}, amount: '10', goals: [g], indicators: [
              {{level1: 产出指标, level2: 数量指标, name: 次数, value: 3次}},
              {{level1: 产出指标, level2: 数量指标, name: 人数, value: ≥10人}},
              {{level1: 效益指标, level2: 社会效益指标, name: 效果, value: 提高}}]}}"
        ))
        .unwrap();
        p.evaluation = evaluation.map(|e| {
            let e: Evaluation = crate::yaml::from_str(e).unwrap();
            std::sync::Arc::new(e)
        });
        p
    }

    #[test]
    fn bars_are_scaled_to_the_most_rows_and_say_their_counts() {
        let a = project(
            "甲",
            Some(
                "year: 2023\nindicators: [{name: 次数, actual: 3次}, {name: 人数, actual: 9人}, {name: 效果, actual: 有所提高}]\n",
            ),
        );
        let b = project(
            "乙",
            Some("year: 2023\nindicators: [{name: 次数, actual: 4次}]\n"),
        );
        let c = project("丙", None);
        let chart = MarksChart::new(&[&a, &b, &c], &BTreeMap::new()).unwrap();
        assert_eq!(chart.rows.len(), 2);
        assert_eq!(
            (
                chart.rows[0].met,
                chart.rows[0].missed,
                chart.rows[0].not_comparable
            ),
            (1, 1, 1)
        );
        assert_eq!(chart.bars[0].counts, "达成 1 · 未达成 1 · 无法比较 1");
        let widths: Vec<&str> = chart.bars[0]
            .segments
            .iter()
            .map(|s| s.width.as_str())
            .collect();
        assert_eq!(widths, ["106.67", "106.67", "106.67"]);
        assert_eq!(chart.bars[0].segments[2].x, "213.33");
        // One row met of a most of three: a third of the width.
        assert_eq!(chart.bars[1].segments.len(), 1);
        assert_eq!(chart.bars[1].segments[0].width, "106.67");
        assert_eq!(chart.unevaluated, 1);
        assert!(chart.description.contains("另有 1"));
        assert!(MarksChart::new(&[&c], &BTreeMap::new()).is_none());
    }
}
