//! Plausibility rules for the slips a clerk makes while typing a table in:
//! an amount in the wrong unit, a year that disagrees with the period, a
//! stray or doubled unit character, a 满意度 target without its `%`. Each
//! judges the file, not the source table, and is a warning: the table may
//! really say so, and the publisher decides.

use rust_decimal::Decimal;

use crate::check::{Context, Findings};
use crate::indicator::framework::Category;
use crate::indicator::value::{Kind, years_mentioned};
use crate::model::{AmountUnit, Project};

/// Above this, one county project in 万元 (10 亿元) is almost surely in 元.
const MAX_PLAUSIBLE_WAN: i64 = 100_000;
/// An amount this many times the department's median is out of scale.
const MEDIAN_FACTOR: i64 = 1_000;

/// The median of `values`, which must not be empty and must not be
/// negative.
fn median(mut values: Vec<Decimal>) -> Decimal {
    values.sort_unstable();
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        // Halfway from the lower to the upper value: the sorted difference
        // of two non-negative figures cannot overflow, where their sum
        // can (two figures near the decimal limit, issue 16).
        let (low, high) = (values[n / 2 - 1], values[n / 2]);
        low + (high - low) / Decimal::from(2)
    }
}

pub(super) fn amount_unit(project: &Project, ctx: &Context, out: &mut Findings) {
    let site_unit = ctx.site_unit;
    if project.unit(site_unit) != AmountUnit::Wan {
        return;
    }
    let Some(wan) = project.amount_in(site_unit, AmountUnit::Wan) else {
        return;
    };
    let others: Vec<Decimal> = ctx
        .peers
        .iter()
        .filter(|p| p.source != project.source)
        .filter_map(|p| p.amount_in(site_unit, AmountUnit::Wan))
        .map(|a| a.0)
        .filter(|a| *a > Decimal::ZERO)
        .collect();
    let why = if wan.0 > Decimal::from(MAX_PLAUSIBLE_WAN) {
        crate::t!(
            "amount-unit-max",
            amount = project.amount,
            max = MAX_PLAUSIBLE_WAN
        )
    } else if !others.is_empty() {
        let median = median(others);
        // A median too large to multiply is beyond any amount.
        let limit = median.checked_mul(Decimal::from(MEDIAN_FACTOR));
        if limit.is_some_and(|limit| wan.0 >= limit) {
            crate::t!(
                "amount-unit-median",
                amount = project.amount,
                factor = MEDIAN_FACTOR,
                median = median.normalize()
            )
        } else {
            return;
        }
    } else {
        return;
    };
    out.report(
        "amount",
        crate::t!("amount-unit", why = why),
        crate::t!("amount-unit-help"),
    );
}

pub(super) fn period_year(project: &Project, _: &Context, out: &mut Findings) {
    let Some(period) = &project.period else {
        return;
    };
    let years = years_mentioned(period);
    let (Some(first), Some(last)) = (years.iter().min(), years.iter().max()) else {
        return;
    };
    if !(*first..=*last).contains(&project.year) {
        out.report(
            "period",
            crate::t!(
                "period-year",
                year = project.year,
                period = period,
                years = if first == last {
                    format!("{first}年")
                } else {
                    format!("{first}年—{last}年")
                }
            ),
            crate::t!("period-year-help"),
        );
    }
}

/// The first characters of the units and words that may follow a number in
/// a 指标值. A CJK character after a number that starts none of them (`36听`)
/// is likely a slip of the input method or of OCR.
const UNIT_STARTS: &str = "个人次户家处件条册份场所项天日月年元万千百亿台套辆名批期篇本张间座公平立米亩吨斤克升\
                           小分秒周季届支组类种株头只棵村乡镇县校床部门节课学盏块栋层口眼宗笔单路架艘轮环队班倍成\
                           岁级星度号点以及余多左至到或内前底后中末初旬上下两每幅羽匹瓦兆角趟遍例宗届处张集期户\
                           起段位盒瓶袋箱包根片枚副双对晚夜时折来和科样市省区社街伏票证";

/// A number directly followed by a CJK character that is not a unit.
fn stray_after_number(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    for (i, pair) in chars.windows(2).enumerate() {
        let (digit, next) = (pair[0], pair[1]);
        let is_digit = digit.is_ascii_digit() || ('０'..='９').contains(&digit);
        let is_cjk = ('\u{4e00}'..='\u{9fff}').contains(&next);
        if is_digit && is_cjk && !UNIT_STARTS.contains(next) {
            let start = chars[..=i]
                .iter()
                .rposition(|c| !(c.is_ascii_digit() || ('０'..='９').contains(c) || *c == '.'))
                .map_or(0, |p| p + 1);
            return Some(chars[start..=i + 1].iter().collect());
        }
    }
    None
}

/// What is wrong with the characters of a value, if anything.
fn stray_unit(text: &str) -> Option<String> {
    let percent = |c: char| c == '%' || c == '％';
    let chars: Vec<char> = text.chars().collect();
    if chars.windows(2).any(|w| percent(w[0]) && percent(w[1])) {
        return Some(crate::t!("stray-doubled-percent"));
    }
    if text.contains('&') {
        return Some(crate::t!("stray-ampersand"));
    }
    stray_after_number(text).map(|s| crate::t!("stray-after-number", text = s))
}

pub(super) fn value_stray_unit(project: &Project, _: &Context, out: &mut Findings) {
    for (table, rows) in project.tables() {
        for (i, row) in rows.iter().enumerate() {
            let Some(value) = &row.value else { continue };
            if let Some(what) = stray_unit(value) {
                out.report(
                    format!("{table}[{i}].value"),
                    crate::t!("value-stray-unit", value = value, what = what),
                    crate::t!("value-stray-unit-help"),
                );
            }
        }
    }
}

pub(super) fn satisfaction_percent(project: &Project, ctx: &Context, out: &mut Findings) {
    for (i, row) in project.indicators.iter().enumerate() {
        if ctx.readings.category(i) != Some(Category::Satisfaction) {
            continue;
        }
        let Some(value) = ctx.readings.value(i) else {
            continue;
        };
        let Kind::Measures(measures) = &value.kind else {
            continue;
        };
        if let Some(bare) = measures.iter().find(|m| m.unit.is_empty()) {
            out.report(
                format!("indicators[{i}].value"),
                crate::t!(
                    "satisfaction-percent",
                    value = row.value.as_deref().unwrap_or_default()
                ),
                crate::t!("satisfaction-percent-help", bare = bare),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stray_units() {
        assert!(stray_unit("≥95%%").is_some());
        assert!(stray_unit("100&").is_some());
        assert!(stray_unit("36听").is_some_and(|s| s.contains("「36听」")));
        for fine in [
            "≥95%",
            "3000册",
            "2023年12月底前",
            "≤200元/人",
            "45个",
            "≥1处",
            "40元/天，≤10000元/年",
            "完善",
            "1.5万元",
        ] {
            assert_eq!(stray_unit(fine), None, "{fine}");
        }
    }

    #[test]
    fn medians() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(median(vec![d("1"), d("8"), d("7")]), d("7"));
        assert_eq!(median(vec![d("1"), d("2")]), d("1.5"));
        assert_eq!(median(vec![Decimal::MAX, Decimal::MAX]), Decimal::MAX);
    }
}
