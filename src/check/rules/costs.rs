//! Rules about cost indicators: a cost is money, a total cost fits in the
//! amount, and unit costs times their quantities fit in the amount.
//!
//! A unit cost is matched with a quantity by unit: `3元/册` with `3000册`,
//! `100元/条` with `10条`, `150元/年/人` with a count in `人`. A budget is
//! for one year, so a `年` denominator is dropped (`元/人/年` is per person);
//! a cost that is only per year (`10000元/年`) or per day names no quantity
//! and is left alone. When several quantities share the unit, the one whose
//! name shares the longest run of characters with the cost's name is taken,
//! and only if it is a clear winner. Unmatched costs are never guessed.

use rust_decimal::Decimal;

use crate::check::{Context, Findings};
use crate::indicator::Readings;
use crate::indicator::framework::Category;
use crate::indicator::value::{Kind, Measure, Money};
use crate::model::Project;

const YUAN_PER_WAN: i64 = 10_000;

/// A row's value read as a single measure.
fn single(readings: &Readings, i: usize) -> Option<Measure> {
    readings.value(i)?.single().cloned()
}

/// Indices of the cost rows (成本指标, or 经济成本指标 in 2021).
fn cost_rows<'a>(project: &Project, readings: &'a Readings) -> impl Iterator<Item = usize> + 'a {
    (0..project.indicators.len()).filter(|&i| readings.category(i) == Some(Category::Cost))
}

/// The amount in 元; `None` only for amounts too large to convert, which no
/// cost can exceed.
fn amount_yuan(project: &Project, ctx: &Context) -> Option<Decimal> {
    project.amount.in_yuan(project.unit(ctx.site_unit))
}

/// The amount with its unit, as written: `200.00 万元`, `3309840.00 元`.
fn amount_text(project: &Project, ctx: &Context) -> String {
    format!("{} {}", project.amount, project.unit(ctx.site_unit))
}

/// `10000` 元 as `1万元`, `12500` as `1.25万元`.
fn wan(yuan: Decimal) -> String {
    format!("{}万元", (yuan / Decimal::from(YUAN_PER_WAN)).normalize())
}

pub(super) fn cost_unit(project: &Project, ctx: &Context, out: &mut Findings) {
    let readings = &ctx.readings;
    for i in cost_rows(project, readings) {
        let Some(text) = project.indicators[i].value.as_deref() else {
            continue;
        };
        let Some(value) = readings.value(i) else {
            continue;
        };
        let without_money = match &value.kind {
            Kind::Measures(measures) => measures.iter().any(|m| m.money().is_none()),
            Kind::Date { .. } => true,
            // Empty, qualitative and unreadable values have their own rules.
            _ => false,
        };
        if without_money {
            out.report(
                format!("indicators[{i}].value"),
                crate::t!("cost-unit", text = text),
                crate::t!("cost-unit-help"),
            );
        }
    }
}

pub(super) fn cost_exceeds_amount(project: &Project, ctx: &Context, out: &mut Findings) {
    let readings = &ctx.readings;
    let Some(amount) = amount_yuan(project, ctx) else {
        return;
    };
    for i in cost_rows(project, readings) {
        let Some(money) = single(readings, i).and_then(|m| m.money()) else {
            continue;
        };
        if money.per.is_empty() && money.yuan > amount {
            out.report(
                format!("indicators[{i}].value"),
                crate::t!(
                    "cost-exceeds-amount",
                    cost = wan(money.yuan),
                    amount = amount_text(project, ctx)
                ),
                crate::t!("cost-exceeds-amount-help"),
            );
        }
    }
}

/// A unit cost matched with the quantity it is paid for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Pair {
    pub cost_row: usize,
    pub quantity_row: usize,
    pub cost: String,
    pub quantity: String,
    pub yuan: Decimal,
}

/// The unit the cost is paid per, once `年` is dropped; `None` when that
/// leaves no single unit.
fn per_unit(money: &Money) -> Option<&str> {
    match money
        .per
        .iter()
        .filter(|d| d.as_str() != "年")
        .collect::<Vec<_>>()[..]
    {
        [unit] => Some(unit.as_str()),
        _ => None,
    }
}

/// The length in characters of the longest common substring of `a` and `b`.
fn common_run(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut best = 0;
    let mut previous = vec![0; b.len() + 1];
    for x in &a {
        let mut current = vec![0; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            if x == y {
                current[j + 1] = previous[j] + 1;
                best = best.max(current[j + 1]);
            }
        }
        previous = current;
    }
    best
}

/// Every unit cost that can be matched with a quantity, in row order.
pub(super) fn pairs(project: &Project, readings: &Readings) -> Vec<Pair> {
    let quantities: Vec<(usize, Measure)> = (0..project.indicators.len())
        .filter(|&i| readings.category(i) == Some(Category::Quantity))
        .filter_map(|i| single(readings, i).map(|m| (i, m)))
        .filter(|(_, m)| !m.unit.is_empty() && !m.is_percent() && m.money().is_none())
        .collect();
    let mut found = Vec::new();
    for i in cost_rows(project, readings) {
        let Some(measure) = single(readings, i) else {
            continue;
        };
        let Some(money) = measure.money() else {
            continue;
        };
        let Some(unit) = per_unit(&money) else {
            continue;
        };
        let candidates: Vec<&(usize, Measure)> =
            quantities.iter().filter(|(_, m)| m.unit == unit).collect();
        let chosen = match candidates[..] {
            [only] => Some(only),
            [] => None,
            _ => {
                let name = &project.indicators[i].name;
                let mut scored: Vec<(usize, &(usize, Measure))> = candidates
                    .iter()
                    .map(|c| (common_run(name, &project.indicators[c.0].name), *c))
                    .collect();
                scored.sort_by_key(|s| std::cmp::Reverse(s.0));
                (scored[0].0 >= 2 && scored[0].0 > scored[1].0).then_some(scored[0].1)
            }
        };
        let Some((q, quantity)) = chosen else {
            continue;
        };
        let Some(yuan) = money.yuan.checked_mul(quantity.number) else {
            continue;
        };
        found.push(Pair {
            cost_row: i,
            quantity_row: *q,
            cost: project.indicators[i].value.clone().unwrap_or_default(),
            quantity: project.indicators[*q].value.clone().unwrap_or_default(),
            yuan,
        });
    }
    found
}

/// `10条 × 100元/条 + 3000册 × 3元/册 = 10000元 = 1万元`, and the sum.
fn sum_of(pairs: &[Pair]) -> Option<(String, Decimal)> {
    let total = pairs
        .iter()
        .try_fold(Decimal::ZERO, |sum, p| sum.checked_add(p.yuan))?;
    let terms: Vec<String> = pairs
        .iter()
        .map(|p| format!("{} × {}", p.quantity, p.cost))
        .collect();
    Some((
        format!(
            "{} = {}元 = {}",
            terms.join(" + "),
            total.normalize(),
            wan(total)
        ),
        total,
    ))
}

pub(super) fn unit_costs_exceed_amount(project: &Project, ctx: &Context, out: &mut Findings) {
    let pairs = pairs(project, &ctx.readings);
    let Some((sum, total)) = sum_of(&pairs) else {
        return;
    };
    if pairs.is_empty() || amount_yuan(project, ctx).is_none_or(|amount| total <= amount) {
        return;
    }
    out.report(
        format!("indicators[{}].value", pairs[0].cost_row),
        crate::t!(
            "unit-costs-exceed-amount",
            amount = amount_text(project, ctx),
            sum = sum
        ),
        crate::t!("unit-costs-exceed-amount-help"),
    );
}

pub(super) fn costs_reconcile(project: &Project, ctx: &Context, out: &mut Findings) {
    let pairs = pairs(project, &ctx.readings);
    let Some((sum, total)) = sum_of(&pairs) else {
        return;
    };
    if pairs.is_empty() || amount_yuan(project, ctx) != Some(total) {
        return;
    }
    out.report(
        format!("indicators[{}].value", pairs[0].cost_row),
        crate::t!(
            "costs-reconcile",
            amount = amount_text(project, ctx),
            sum = sum
        ),
        crate::t!("costs-reconcile-help"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(rows: &[(&str, &str, &str)]) -> Project {
        let rows: String = rows
            .iter()
            .map(|(level2, name, value)| {
                format!(
                    "  - {{level1: 产出指标, level2: {level2}, name: {name}, value: \"{value}\"}}\n"
                )
            })
            .collect();
        crate::yaml::from_str(&format!(
            "year: 2023\nname: 项目\namount: \"200.00\"\ngoals: [目标]\nindicators:\n{rows}"
        ))
        .unwrap()
    }

    #[test]
    fn longest_common_run() {
        assert_eq!(
            common_run("残疾人意外伤害保险标准", "为残疾人购买意外伤害保险人数"),
            6
        );
        assert_eq!(common_run("单人成本", "走访人数"), 1);
        assert_eq!(common_run("", "走访人数"), 0);
    }

    #[test]
    fn per_person_per_year_finds_its_count_by_name() {
        // As in the 就业保障金 table: many counts in 人, one cost per 人.
        let p = project(&[
            ("数量指标", "支付残疾人医疗保险人数", "≥1000人"),
            ("数量指标", "支付残疾人养老保险人数", "≥950人"),
            ("数量指标", "为残疾人购买意外伤害保险人数", "≥1900人"),
            ("数量指标", "扶持盲人按摩就业机构", "≥1处"),
            ("成本指标", "残疾人意外伤害保险标准", "150元/年/人"),
            ("成本指标", "专委生活补助", "3000元/年"),
            (
                "成本指标",
                "残疾人康复陪护费补助标准",
                "40元/天，≤10000元/年",
            ),
            ("成本指标", "安排就业类补助资金为全额资金45%", "90万元"),
        ]);
        let found = pairs(&p, &Readings::of(&p));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].cost_row, found[0].quantity_row), (4, 2));
        assert_eq!(found[0].yuan, Decimal::from(285_000));
    }

    #[test]
    fn ambiguous_counts_are_not_guessed() {
        let p = project(&[
            ("数量指标", "培训人数", "100人"),
            ("数量指标", "走访人数", "100人"),
            ("成本指标", "单人成本", "200元/人"),
        ]);
        assert!(pairs(&p, &Readings::of(&p)).is_empty());
    }

    #[test]
    fn amounts_in_wan() {
        assert_eq!(wan(Decimal::from(10_000)), "1万元");
        assert_eq!(wan(Decimal::from(12_500)), "1.25万元");
    }
}
