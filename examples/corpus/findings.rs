//! The findings-heavy corpus (`--findings`).
//!
//! The default corpus is written to pass `gongkai check`: unit costs are
//! capped by the amount, values are measurable and the 一级/二级 names are
//! the framework's own. A benchmark on it never pays for findings (reading
//! variant forms, matching unit costs with counts, building the messages),
//! while real sites have about 11 findings a project, mostly notes. This
//! module rewrites generated projects the way real tables are written. Each
//! rewrite stands for one rule of `gongkai check --list-rules`:
//!
//! - a 数量, 质量 or 时效 target in words (全覆盖, 达标, 按时完成):
//!   `qualitative-target`, a warning;
//! - a 效益 value in words (有所提高, 明显改善, 逐步完善):
//!   `qualitative-benefit`, a note;
//! - a unit cost at a round standard (≤120元/人) that, times its count,
//!   exceeds the amount: `unit-costs-exceed-amount`, a warning. In the
//!   other projects unit costs are rounded down to such standards, so they
//!   do not reconcile with the amount either, but fit in it (no finding);
//! - short 二级 names (社会效益, 服务对象满意度, 数量) and sometimes short
//!   一级 names (产出, 效益): `framework-synonym`, a note per name;
//! - values typed with `>=` or in full-width forms (＞＝９０％):
//!   `value-normalised`, a note.
//!
//! Nothing here can cause an error, so the site still builds: amounts,
//! years and goals are untouched, every 一级/二级 pair stays valid, and 成本
//! is never written as a 一级 name (that would make the project read as the
//! 2021 framework, under which every other row is misfiled).
//!
//! The rates were tuned on 1,000 projects (seed 1) to about 11 findings a
//! project, about 80% of them notes (see `bench/README.md`).
//!
//! The rewrites run after a department is generated and draw from a stream
//! of their own, so without `--findings` the corpus is unchanged byte for
//! byte, and with it the corpus still depends only on the seed and the
//! corpus for a smaller N is still a prefix of the one for a larger N.

use super::vocabulary::{BENEFITS, COST, QUALITY, QUANTITY, TIMELINESS};
use super::{Project, Rng, count_unit};

/// Mixed into the seed so that the findings streams are independent of
/// the streams the projects were drawn from.
const SALT: u64 = 0x5EED_F1D1_4655_0011;

/// Chance (%) that a 数量, 质量 or 时效 row states its target in words.
/// 时效 is highest: 及时 and 按时完成 are everywhere in real tables.
const VAGUE_TARGET_PCT: [usize; 3] = [13, 13, 36];
/// Chance (%) that a measurable 效益 row is rewritten in words.
const VAGUE_BENEFIT_PCT: usize = 40;
/// Chance (%) that a project's unit cost, times its count, exceeds the amount.
const EXCEED_PCT: usize = 55;

/// Targets in words, for 数量, 质量 and 时效 (in `FRAMEWORK` order).
const VAGUE_TARGETS: [&[&str]; 3] = [
    &["全覆盖", "应发尽发", "全面完成", "逐步增加", "按需配备"],
    &["合格", "达标", "质量良好", "符合验收标准", "规范有序"],
    &["及时", "按时完成", "及时拨付到位", "按期完成"],
];
/// 效益 in words: what most rows hope for …
const RISING: &[&str] = &[
    "有所提高",
    "明显改善",
    "逐步完善",
    "进一步提升",
    "显著提高",
    "稳步提升",
    "持续改善",
    "有效保障",
    "不断增强",
];
/// … what rows about complaints, energy use and burdens hope for …
const FALLING: &[&str] = &["明显下降", "逐步降低", "有效减轻", "有所减少"];
/// … and what rows about how long something lasts say.
const LASTING: &[&str] = &["长期", "长期有效", "持续发挥作用"];

/// 二级 names as real tables shorten them, per category in `FRAMEWORK`
/// order; gongkai reads each as the canonical name. A name listed twice is
/// twice as likely.
const LEVEL2_VARIANTS: [&[&str]; 9] = [
    &["数量"],
    &["质量"],
    &["时效"],
    &["成本"],
    &["社会效益"],
    &["经济效益"],
    &["生态效益", "生态效益", "环境效益", "生态环境效益"],
    &["可持续影响"],
    &[
        "服务对象满意度",
        "服务对象满意度",
        "社会公众或服务对象满意度",
    ],
];

/// Round standards as tables state them: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6
/// and 8 times a power of ten, in whole 元 (so 1.2 and 1.5 only from 12).
const MANTISSAS: [u64; 10] = [10, 12, 15, 20, 25, 30, 40, 50, 60, 80];

/// Rewrites the projects of department `index`.
pub(super) fn roughen(projects: &mut [Project], seed: u64, index: usize) {
    let mut rng = Rng::stream(seed ^ SALT, 1 + index as u64);
    for p in projects {
        vague_values(p, &mut rng);
        if !(rng.chance(EXCEED_PCT) && exceed_amount(p, &mut rng)) {
            standard_unit_costs(p);
        }
        short_names(p, &mut rng);
        typed_values(p, &mut rng);
    }
}

/// Targets and benefits in words instead of numbers.
fn vague_values(p: &mut Project, rng: &mut Rng) {
    for row in &mut p.indicators {
        let c = row.category;
        let phrases = if [QUANTITY, QUALITY, TIMELINESS].contains(&c) {
            if !rng.chance(VAGUE_TARGET_PCT[c]) {
                continue;
            }
            VAGUE_TARGETS[c]
        } else if BENEFITS.contains(&c) {
            // Already in words: leave it, it is one note already.
            if !rng.chance(VAGUE_BENEFIT_PCT) || !row.value.contains(|c: char| c.is_ascii_digit()) {
                continue;
            }
            if ["投诉", "能耗", "减负"]
                .iter()
                .any(|w| row.name.contains(w))
            {
                FALLING
            } else if row.name.contains("年限") {
                LASTING
            } else {
                RISING
            }
        } else {
            continue;
        };
        row.value = rng.word(phrases).to_owned();
    }
}

/// Every standard, ascending (with repeats below 10).
fn standards() -> impl Iterator<Item = u64> {
    (0..9u32).flat_map(|e| MANTISSAS.map(|m| m * 10u64.pow(e) / 10))
}

/// The smallest standard of at least `x` 元.
fn standard_at_least(x: f64) -> u64 {
    standards()
        .find(|&s| s as f64 >= x)
        .unwrap_or(8 * 10u64.pow(9))
}

/// The largest standard of at most `n` 元, and at least 1.
fn standard_at_most(n: u64) -> u64 {
    standards().take_while(|&s| s <= n).last().unwrap_or(1)
}

/// Turns one cost row into a round unit cost for the largest count whose
/// unit no other count has, so gongkai pairs the two without guessing, at
/// 1.15–2.5 times what the amount pays per unit: the pair exceeds the
/// amount. Returns false when the project has no such count.
fn exceed_amount(p: &mut Project, rng: &mut Rng) -> bool {
    let rows = &p.indicators;
    let counts: Vec<(usize, &str, u64)> = (0..rows.len())
        .filter(|&i| rows[i].category == QUANTITY)
        .filter_map(|i| count_unit(&rows[i].value).map(|(unit, n)| (i, unit, n)))
        .filter(|&(_, unit, n)| n > 0 && !unit.is_empty() && !unit.contains('%'))
        .collect();
    let Some(&(q, unit, n)) = counts
        .iter()
        .filter(|a| counts.iter().filter(|b| b.1 == a.1).count() == 1)
        .max_by_key(|a| a.2)
    else {
        return false;
    };
    // A unit cost when there is one, so the project keeps its totals.
    let Some(c) = rows
        .iter()
        .position(|r| r.category == COST && r.value.contains("元/"))
        .or_else(|| rows.iter().position(|r| r.category == COST))
    else {
        return false;
    };
    let unit = unit.to_owned();
    let name = cost_name(&rows[q].name, &unit);
    let factor = 1.15 + rng.unit() * 1.35;
    // `amount_cents` is in hundredths of 万元, i.e. hundreds of 元.
    let amount_yuan = p.amount_cents * 100;
    let per = standard_at_least(amount_yuan as f64 * factor / n as f64);
    debug_assert!(per * n > amount_yuan);
    if !rows.iter().any(|r| r.name == name) {
        p.indicators[c].name = name;
    }
    let at_most = if rng.chance(60) { "≤" } else { "" };
    p.indicators[c].value = format!("{at_most}{per}元/{unit}");
    true
}

/// The name of a unit cost paid per unit of the count `quantity`:
/// 受益残疾人人数 → 受益残疾人人均补助标准, 图书发放数量 → 图书发放每册成本.
fn cost_name(quantity: &str, unit: &str) -> String {
    let stem = ["人数", "数量", "次数", "场次", "户数", "个数"]
        .iter()
        .find_map(|s| quantity.strip_suffix(s))
        .unwrap_or(quantity);
    if unit == "人" {
        format!("{stem}人均补助标准")
    } else {
        format!("{stem}每{unit}成本")
    }
}

/// Rounds every unit cost down to a standard (37元/册 → 30元/册). Lower
/// than the generator's cap, so the costs still fit in the amount; they
/// never add up to it exactly (the cap leaves a share over).
fn standard_unit_costs(p: &mut Project) {
    for row in p.indicators.iter_mut().filter(|r| r.category == COST) {
        let Some((head, per)) = row.value.split_once("元/") else {
            continue;
        };
        let number = head.trim_start_matches('≤');
        let Ok(n) = number.parse::<u64>() else {
            continue;
        };
        let at_most = &head[..head.len() - number.len()];
        row.value = format!("{at_most}{}元/{per}", standard_at_most(n));
    }
}

/// Short 二级 names in some tables: everywhere, or only in 效益 and
/// 满意度, where they are most common; with short 一级 names in a few.
fn short_names(p: &mut Project, rng: &mut Rng) {
    let (from, level1) = match rng.below(100) {
        0..=9 => (QUANTITY, rng.chance(30)),
        10..=31 => (*BENEFITS.start(), false),
        _ => return,
    };
    // One table, one spelling per category.
    let names: [&'static str; 9] = std::array::from_fn(|c| rng.word(LEVEL2_VARIANTS[c]));
    for row in &mut p.indicators {
        if row.category >= from {
            row.level2 = names[row.category];
        }
        if level1 {
            row.level1 = row.level1.strip_suffix("指标").unwrap_or(row.level1);
        }
    }
}

/// How a table was typed: with `>=` for `≥` throughout, in full-width
/// forms throughout, or mostly cleanly with a few rows pasted from
/// elsewhere. Most tables are clean.
fn typed_values(p: &mut Project, rng: &mut Rng) {
    let style = rng.below(100);
    if style >= 40 {
        return;
    }
    let (ge, le) = *rng.pick(&[("≥", "≤"), ("＞＝", "＜＝"), ("≧", "≦")]);
    for row in &mut p.indicators {
        let ascii = match style {
            0..=16 => true,
            17..=26 => false,
            _ if rng.chance(25) => rng.chance(50),
            _ => continue,
        };
        row.value = if ascii {
            row.value.replace('≥', ">=").replace('≤', "<=")
        } else {
            full_width(&row.value, ge, le)
        };
    }
}

/// `≥90%` as `＞＝９０％` (or `≧９０％`, or `≥９０％`).
fn full_width(value: &str, ge: &str, le: &str) -> String {
    let mut out = String::with_capacity(value.len() * 3);
    for c in value.chars() {
        match c {
            '0'..='9' => out.push(char::from_u32('０' as u32 + (c as u32 - '0' as u32)).unwrap()),
            '%' => out.push('％'),
            '.' => out.push('．'),
            '/' => out.push('／'),
            '≥' => out.push_str(ge),
            '≤' => out.push_str(le),
            c => out.push(c),
        }
    }
    out
}
