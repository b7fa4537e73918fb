//! Horizontal bar charts as view data: every coordinate of the SVG is
//! computed here, and `chart_bar.html` only prints them.
//!
//! The output must be the same bytes on every machine, so nothing is
//! measured: coordinates come from exact decimals, rounded once to two
//! decimals of an SVG unit (half away from zero), and text widths are
//! estimated from `unicode-width` (a wide character, such as a Chinese
//! one, as one em; any other as 0.6 em, more than a digit needs), never
//! from a font. A label that would not fit is cut with "…"; the full text
//! is in the data table beside the chart, which is also its text
//! alternative.
//!
//! The layout is one that fits a phone: each bar has its label on the line
//! above it and its value written just past its end, so the labels take no
//! width from the bars. The SVG is [`WIDTH`] units wide and scales with the
//! page (CSS `width: 100%` up to a maximum), so at 320 CSS px its text is
//! still about 12 px. A long list keeps its [`MAX_BARS`] largest items and
//! sums the rest into one bar that says so in words.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;
use unicode_width::UnicodeWidthChar;

use crate::model::Amount;

/// The width of every chart's viewBox, in SVG units.
pub(crate) const WIDTH: u32 = 320;
/// The font size of every text, in SVG units.
pub(crate) const FONT: u32 = 14;
/// The height of one bar.
const BAR: u32 = 14;
/// From the top of a row to the top of its bar: the label's line.
const LABEL_LINE: u32 = 20;
/// Between one row's bar and the next row's label.
const GAP: u32 = 10;
const ROW: u32 = LABEL_LINE + BAR + GAP;
/// Between a bar's end and its value.
const VALUE_GAP: u32 = 4;
/// At most this many bars; the rest are summed into one more.
pub(crate) const MAX_BARS: usize = 15;

/// One thing to draw: a label and an exact, non-negative value.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub label: String,
    pub value: Decimal,
    /// Drawn in the highlight colour and said in the label (the page's own
    /// year of a project).
    pub current: bool,
}

/// One bar, ready to print.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Bar {
    /// The label as drawn, shortened with "…" when needed.
    pub label: String,
    /// The value as written in the table (exact, at least two decimals).
    pub value: String,
    pub label_y: String,
    pub bar_y: String,
    pub width: String,
    pub value_x: String,
    pub value_y: String,
    /// `bar`, `bar rest` (the sum of the items not drawn) or `bar current`.
    pub class: &'static str,
}

/// The largest or smallest item, for the chart's description.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Extreme {
    pub label: String,
    pub value: String,
}

/// A horizontal bar chart.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct BarChart {
    /// Unique on its page; the title and description ids derive from it.
    pub id: String,
    /// The id of the table that holds the same figures.
    pub table_id: String,
    pub width: u32,
    pub height: u32,
    pub font_size: u32,
    pub bar_height: u32,
    pub bars: Vec<Bar>,
    /// Items in all, drawn or summed.
    pub count: usize,
    /// Items summed into the last bar (0 when every item has its own).
    pub rest: usize,
    /// True when the bars are ordered by value, largest first; false when
    /// they keep their order (years).
    pub sorted: bool,
    pub largest: Option<Extreme>,
    pub smallest: Option<Extreme>,
    /// The unit of the values when it is not the site's (a project's
    /// 绩效自评 in 元 on a 万元 site); `None` prints the site's.
    pub unit: Option<String>,
    /// The description in full, for a chart that is neither sorted nor by
    /// year (全年预算数 against 全年执行数); `None` describes the order
    /// and the extremes.
    pub description: Option<String>,
}

/// The estimated width of `text` in tenths of an em.
fn tenths(text: &str) -> u32 {
    text.chars()
        .map(|c| match c.width() {
            Some(2) => 10,
            Some(0) | None => 0,
            _ => 6,
        })
        .sum()
}

/// The estimated width of `text` in SVG units, rounded up.
pub(crate) fn text_width(text: &str) -> u32 {
    (tenths(text) * FONT).div_ceil(10)
}

/// `text` cut to fit `max` SVG units, with "…" when cut.
pub(crate) fn shorten(text: &str, max: u32) -> String {
    if text_width(text) <= max {
        return text.to_owned();
    }
    let budget = (max * 10) / FONT;
    let ellipsis = tenths("…");
    let mut used = 0;
    let mut out = String::new();
    for c in text.chars() {
        let w = tenths(c.encode_utf8(&mut [0; 4]));
        if used + w + ellipsis > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// A coordinate: two decimals, half away from zero, no trailing zeros.
fn coordinate(value: Decimal) -> String {
    value
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
        .to_string()
}

fn money(value: Decimal) -> String {
    Amount(value).to_string()
}

impl BarChart {
    /// Lays out `items`. With `sort`, largest first (ties keep their
    /// order); beyond [`MAX_BARS`], the smallest are summed into one bar
    /// labelled by `rest_label(count)`.
    pub(crate) fn new(
        id: &str,
        table_id: &str,
        mut items: Vec<Item>,
        sort: bool,
        rest_label: impl Fn(usize) -> String,
    ) -> BarChart {
        if sort {
            items.sort_by_key(|i| std::cmp::Reverse(i.value));
        }
        let count = items.len();
        let extreme = |item: Option<&Item>| {
            item.map(|i| Extreme {
                label: i.label.clone(),
                value: money(i.value),
            })
        };
        let largest = extreme(items.iter().rev().max_by(|a, b| a.value.cmp(&b.value)));
        let smallest = extreme(items.iter().min_by(|a, b| a.value.cmp(&b.value)));
        let mut rest = 0;
        if items.len() > MAX_BARS {
            let tail = items.split_off(MAX_BARS - 1);
            rest = tail.len();
            let sum = tail
                .iter()
                .try_fold(Decimal::ZERO, |s, i| crate::model::exact_add(s, i.value))
                .unwrap_or(Decimal::MAX);
            items.push(Item {
                label: rest_label(rest),
                value: sum,
                current: false,
            });
        }
        let values: Vec<String> = items.iter().map(|i| money(i.value)).collect();
        let widest_value = values.iter().map(|v| text_width(v)).max().unwrap_or(0);
        let bar_max = WIDTH
            .saturating_sub(widest_value + VALUE_GAP + 1)
            .max(WIDTH / 3);
        let max = items.iter().map(|i| i.value).max().unwrap_or(Decimal::ZERO);
        let last = items.len().saturating_sub(1);
        let bars = items
            .iter()
            .zip(values)
            .enumerate()
            .map(|(n, (item, value))| {
                let top = n as u32 * ROW;
                let mut length = if max > Decimal::ZERO && item.value > Decimal::ZERO {
                    (item.value / max) * Decimal::from(bar_max)
                } else {
                    Decimal::ZERO
                };
                // A tiny positive value still shows as a sliver; its
                // figure is written beside it.
                if item.value > Decimal::ZERO && length < Decimal::ONE {
                    length = Decimal::ONE;
                }
                let length =
                    length.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
                Bar {
                    label: shorten(&item.label, WIDTH),
                    label_y: (top + FONT).to_string(),
                    bar_y: (top + LABEL_LINE).to_string(),
                    width: coordinate(length),
                    value_x: coordinate(length + Decimal::from(VALUE_GAP)),
                    value_y: (top + LABEL_LINE + BAR - 2).to_string(),
                    value,
                    class: if rest > 0 && n == last {
                        "bar rest"
                    } else if item.current {
                        "bar current"
                    } else {
                        "bar"
                    },
                }
            })
            .collect::<Vec<Bar>>();
        let height = (bars.len() as u32 * ROW).saturating_sub(GAP).max(1);
        BarChart {
            id: id.to_owned(),
            table_id: table_id.to_owned(),
            width: WIDTH,
            height,
            font_size: FONT,
            bar_height: BAR,
            bars,
            count,
            rest,
            sorted: sort,
            largest,
            smallest,
            unit: None,
            description: None,
        }
    }

    /// The chart with its values in `unit` rather than the site's.
    pub(crate) fn in_unit(mut self, unit: &str) -> BarChart {
        self.unit = Some(unit.to_owned());
        self
    }

    /// The chart with `description` as its whole description.
    pub(crate) fn described(mut self, description: String) -> BarChart {
        self.description = Some(description);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(label: &str, value: &str) -> Item {
        Item {
            label: label.into(),
            value: value.parse().unwrap(),
            current: false,
        }
    }

    #[test]
    fn widths_are_estimated_per_character() {
        assert_eq!(text_width("20.20"), 42); // 5 × 0.6 em × 14
        assert_eq!(text_width("甲局"), 28);
        let cut = shorten(&"很".repeat(40), WIDTH);
        assert!(cut.ends_with('…'));
        assert!(text_width(&cut) <= WIDTH);
        assert_eq!(shorten("短名", WIDTH), "短名");
    }

    #[test]
    fn bars_are_exact_and_sorted() {
        let chart = BarChart::new(
            "c",
            "t",
            vec![
                item("乙", "10.10"),
                item("甲", "20.20"),
                item("丙", "0.001"),
            ],
            true,
            |n| format!("其余{n}项"),
        );
        let labels: Vec<&str> = chart.bars.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, ["甲", "乙", "丙"]);
        // The widest value is 0.001: 5 × 0.6 em = 42 units, so bars get
        // 320 − 42 − 4 − 1 = 273 units; 10.10 is exactly half of 20.20.
        assert_eq!(chart.bars[0].width, "273");
        assert_eq!(chart.bars[1].width, "136.5");
        assert_eq!(chart.bars[2].width, "1");
        assert_eq!(chart.largest.unwrap().label, "甲");
        assert_eq!(chart.smallest.unwrap().value, "0.001");
    }

    #[test]
    fn long_lists_sum_their_tail() {
        let items = (1..=20)
            .map(|i| item(&format!("项目{i}"), &i.to_string()))
            .collect();
        let chart = BarChart::new("c", "t", items, true, |n| format!("其余{n}项"));
        assert_eq!(chart.bars.len(), MAX_BARS);
        assert_eq!(chart.rest, 6);
        let last = chart.bars.last().unwrap();
        assert_eq!(last.label, "其余6项");
        assert_eq!(last.value, "21.00"); // 1 + 2 + … + 6
        assert_eq!(last.class, "bar rest");
        assert_eq!(chart.count, 20);
    }
}
