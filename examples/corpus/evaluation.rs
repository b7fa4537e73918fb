//! `--evaluations PCT`: a 绩效自评 beside PCT% of the projects, so that the
//! benchmark measures what evaluations cost (matching, judging, the extra
//! columns, charts and downloads) on a site that has them, as a site a
//! year after its targets does.
//!
//! Each department draws from its own stream, separate from the one that
//! made its projects, so the projects are the same with or without the
//! flag. The results are plausible: most rows repeat the target's figure
//! (达成), some fall short with a reason (未达成), texts stay texts
//! (无法比较 or 达成), and execution runs from 70% to 108% of the budget.

use std::fmt::Write as _;

use super::{Project, Rng, fmt_amount};

/// Whether project `j` of department `index` gets an evaluation.
pub(super) fn chosen(seed: u64, index: usize, j: usize, pct: usize) -> bool {
    pct > 0 && Rng::stream(seed ^ 0x5eed_e7a1, (index as u64) << 20 | j as u64).below(100) < pct
}

/// The evaluation of `p` (of `year`), as YAML.
pub(super) fn write(out: &mut String, p: &Project, year: u32, seed: u64, index: usize, j: usize) {
    let mut rng = Rng::stream(seed ^ 0xe7a1_0a7e, (index as u64) << 20 | j as u64);
    let executed = p.amount_cents * rng.range(70, 108) as u64 / 100;
    let n = p.indicators.len().max(1);
    // 90 points over the rows, the first rows one more, so that with the
    // 10 of 预算执行率 they make 100.
    let weight = |i: usize| 90 / n + usize::from(i < 90 % n);
    let budget_score = if executed * 10 >= p.amount_cents * 9 {
        10
    } else {
        8
    };
    // Most offices explain an overspend; some forget (a warning).
    let note = if executed > p.amount_cents && rng.chance(70) {
        ", note: \"年中追加资金，执行数超过全年预算数。\""
    } else {
        ""
    };
    writeln!(
        out,
        "year: {year}\nbudget: {{initial: \"{a}\", full_year: \"{a}\", executed: \"{e}\", weight: \"10\", score: \"{s}\"{note}}}",
        a = fmt_amount(p.amount_cents),
        e = fmt_amount(executed),
        s = budget_score,
    )
    .unwrap();
    out.push_str("indicators:\n");
    let mut total = budget_score;
    for (i, ind) in p.indicators.iter().enumerate() {
        let weight = weight(i);
        let missed = rng.chance(15);
        let actual = if missed {
            // A figure one short of the target, where there is a figure.
            let digits: String = ind.value.chars().filter(char::is_ascii_digit).collect();
            match digits.parse::<u64>() {
                Ok(d) if d > 1 => ind.value.replacen(&digits, &(d - 1).to_string(), 1),
                _ => ind.value.clone(),
            }
        } else {
            ind.value.clone()
        };
        let actual = actual
            .trim_start_matches(['≥', '≤', '>', '<', '='])
            .to_owned();
        let score = if missed {
            weight.saturating_sub(2)
        } else {
            weight
        };
        total += score;
        write!(
            out,
            "  - {{level1: \"{}\", level2: \"{}\", name: \"{}\", actual: \"{}\", weight: \"{weight}\", score: \"{score}\"",
            ind.level1,
            ind.level2,
            ind.name.replace('"', "\\\""),
            actual.replace('"', "\\\""),
        )
        .unwrap();
        if missed {
            out.push_str(", deviation: \"受实施进度影响，部分任务跨年完成，下年度加强进度管理。\"");
        }
        out.push_str("}\n");
    }
    writeln!(out, "total_score: \"{total}\"").unwrap();
}
