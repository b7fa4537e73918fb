//! Telling what a normalised value says: one or more measures (comparator,
//! number, unit), a date, a change against a baseline, qualitative words, or
//! nothing readable.
//!
//! Comparators come as signs (`≥`), words before the number (不低于) or
//! qualifiers after the unit (以上, 以内). Numbers are ASCII digits with an
//! optional point and thousands commas, or Chinese numerals when a measure
//! word follows (三次, 两处), so that 二次 is twice but 一般 is no number.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::normalise::is_separator;
use super::{Comparator, Kind, Measure};

/// Words that state a direction or a state rather than a target. Order
/// matters only for which word a message quotes when several occur.
pub(crate) const QUALITATIVE_WORDS: &[&str] = &[
    "提高", "提升", "保障", "完善", "健全", "稳定", "减少", "减轻", "降低", "发展", "有效", "明显",
    "显著", "改善", "增强", "加强", "增加", "促进", "推进", "推动", "优化", "规范", "建立", "达标",
    "合格", "良好", "较好", "持续", "长期", "逐步", "基本", "按时", "及时", "完成", "满意", "好转",
    "充分", "到位",
];

pub(super) fn classify(text: &str) -> Kind {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() {
        return Kind::Empty;
    }
    if let Some(kind) = date(&compact) {
        return kind;
    }
    if let Some(measures) = split_parts(&compact)
        .iter()
        .map(|part| measure(part))
        .collect::<Option<Vec<Measure>>>()
    {
        return Kind::Measures(measures);
    }
    if let Some(kind) = change(&compact) {
        return kind;
    }
    if compact.chars().any(|c| c.is_ascii_digit()) {
        return Kind::Unreadable;
    }
    let keyword = QUALITATIVE_WORDS
        .iter()
        .filter_map(|w| compact.find(w).map(|pos| (pos, *w)))
        .min_by_key(|(pos, _)| *pos)
        .map(|(_, w)| w);
    Kind::Qualitative { keyword }
}

/// Baselines that may open a change: `较上年提高5%`.
const BASELINES: &[&str] = &[
    "较上年",
    "比上年",
    "较去年",
    "比去年",
    "较上期",
    "较基期",
    "比基期",
    "同比",
    "环比",
];

/// Words of direction, and whether each means a rise.
const DIRECTIONS: &[(&str, bool)] = &[
    ("提高", true),
    ("提升", true),
    ("增加", true),
    ("增长", true),
    ("上升", true),
    ("减少", false),
    ("降低", false),
    ("下降", false),
    ("缩短", false),
    ("压缩", false),
];

/// Reads a direction with a number: `减少10%` is a change by 10%, while
/// `提高到90%` names the level to reach and reads as `≥90%`.
fn change(text: &str) -> Option<Kind> {
    let rest = BASELINES
        .iter()
        .find_map(|b| text.strip_prefix(b))
        .unwrap_or(text);
    let (rise, rest) = DIRECTIONS
        .iter()
        .find_map(|(word, rise)| rest.strip_prefix(word).map(|r| (*rise, r)))?;
    if let Some(level) = rest.strip_prefix('到').or_else(|| rest.strip_prefix('至')) {
        let mut target = measure(level)?;
        let implied = if rise {
            Comparator::AtLeast
        } else {
            Comparator::AtMost
        };
        target.comparator = target.comparator.or(Some(implied));
        return Some(Kind::Measures(vec![target]));
    }
    let by = measure(rest.strip_prefix('了').unwrap_or(rest))?;
    Some(Kind::Change { rise, by })
}

/// Splits `40元/天，≤10000元/年` into its parts. A comma between a digit and
/// exactly three digits is a thousands separator (`10,000元`), not a break.
fn split_parts(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut parts = vec![String::new()];
    for (i, &c) in chars.iter().enumerate() {
        if c == ',' && is_thousands_comma(&chars, i) {
            continue;
        }
        if is_separator(c) {
            parts.push(String::new());
        } else if let Some(last) = parts.last_mut() {
            last.push(c);
        }
    }
    parts.retain(|p| !p.is_empty());
    parts
}

fn is_thousands_comma(chars: &[char], i: usize) -> bool {
    let digit = |j: usize| chars.get(j).is_some_and(|c| c.is_ascii_digit());
    i > 0 && digit(i - 1) && digit(i + 1) && digit(i + 2) && digit(i + 3) && !digit(i + 4)
}

/// Comparator words, longest first within each meaning.
const COMPARATOR_WORDS: &[(&str, Comparator)] = &[
    ("大于或等于", Comparator::AtLeast),
    ("大于等于", Comparator::AtLeast),
    ("不低于", Comparator::AtLeast),
    ("不少于", Comparator::AtLeast),
    ("不小于", Comparator::AtLeast),
    ("至少", Comparator::AtLeast),
    ("达到", Comparator::AtLeast),
    ("小于或等于", Comparator::AtMost),
    ("小于等于", Comparator::AtMost),
    ("不高于", Comparator::AtMost),
    ("不超过", Comparator::AtMost),
    ("不多于", Comparator::AtMost),
    ("不大于", Comparator::AtMost),
    ("至多", Comparator::AtMost),
    ("最多", Comparator::AtMost),
    ("高于", Comparator::Above),
    ("大于", Comparator::Above),
    ("多于", Comparator::Above),
    ("超过", Comparator::Above),
    ("低于", Comparator::Below),
    ("小于", Comparator::Below),
    ("少于", Comparator::Below),
    ("等于", Comparator::Equal),
];

/// Qualifiers after the unit that imply a comparator.
const COMPARATOR_SUFFIXES: &[(&str, Comparator)] = &[
    ("及以上", Comparator::AtLeast),
    ("以上", Comparator::AtLeast),
    ("及以下", Comparator::AtMost),
    ("以下", Comparator::AtMost),
    ("以内", Comparator::AtMost),
    ("之内", Comparator::AtMost),
];

/// Measure words after which a Chinese numeral is read as a number (三次).
const MEASURE_WORDS: &str = "次个人项处家所户件条册份场期批名座台套辆天年月周篇本张部类种轮";

pub(super) fn comparator_symbol(c: char) -> Option<Comparator> {
    Some(match c {
        '≥' => Comparator::AtLeast,
        '≤' => Comparator::AtMost,
        '>' => Comparator::Above,
        '<' => Comparator::Below,
        '=' => Comparator::Equal,
        _ => return None,
    })
}

/// Reads one part: `[comparator] number [unit] [以上|以内…]`.
fn measure(part: &str) -> Option<Measure> {
    let mut rest = part;
    let mut comparator = None;
    if let Some(c) = rest.chars().next().and_then(comparator_symbol) {
        comparator = Some(c);
        rest = &rest[c.symbol().len_utf8()..];
    } else if let Some((word, c)) = COMPARATOR_WORDS.iter().find(|(w, _)| rest.starts_with(w)) {
        comparator = Some(*c);
        rest = &rest[word.len()..];
    }
    let (number, after) = ascii_number(rest).or_else(|| chinese_number(rest))?;
    let mut unit = after;
    if let Some((suffix, c)) = COMPARATOR_SUFFIXES.iter().find(|(s, _)| unit.ends_with(s)) {
        unit = &unit[..unit.len() - suffix.len()];
        comparator = comparator.or(Some(*c));
    }
    let readable = !unit
        .chars()
        .any(|c| c.is_ascii_digit() || comparator_symbol(c).is_some() || c == '=');
    readable.then(|| Measure {
        comparator,
        number,
        unit: unit.to_owned(),
    })
}

/// `123`, `1.5`, `10,000` at the start of `text`, and what follows.
fn ascii_number(text: &str) -> Option<(Decimal, &str)> {
    let chars: Vec<char> = text.chars().collect();
    let mut digits = String::new();
    let mut end = 0;
    let mut seen_point = false;
    while end < chars.len() {
        let c = chars[end];
        if c.is_ascii_digit() {
            digits.push(c);
        } else if c == '.' && !seen_point && chars.get(end + 1).is_some_and(|n| n.is_ascii_digit())
        {
            seen_point = true;
            digits.push(c);
        } else if c == ',' && !seen_point && is_thousands_comma(&chars, end) {
            // skipped: a thousands separator
        } else {
            break;
        }
        end += 1;
    }
    if digits.is_empty() {
        return None;
    }
    let number = Decimal::from_str(&digits).ok()?;
    let byte_end: usize = chars[..end].iter().map(|c| c.len_utf8()).sum();
    Some((number, &text[byte_end..]))
}

/// A Chinese numeral such as 三, 十二 or 两, when a measure word follows.
fn chinese_number(text: &str) -> Option<(Decimal, &str)> {
    let digit = |c: char| {
        "零一二三四五六七八九"
            .find(c)
            .map(|i| i as i64 / 3)
            .or((c == '两').then_some(2))
    };
    let mut total: i64 = 0;
    let mut pending: Option<i64> = None;
    let mut end = 0;
    for c in text.chars() {
        if let Some(d) = digit(c) {
            pending = Some(d);
        } else if let Some(scale) = match c {
            '十' => Some(10),
            '百' => Some(100),
            '千' => Some(1000),
            _ => None,
        } {
            total = total.saturating_add(pending.unwrap_or(1) * scale);
            pending = None;
        } else {
            break;
        }
        end += c.len_utf8();
    }
    if end == 0 {
        return None;
    }
    total = total.saturating_add(pending.unwrap_or(0));
    let rest = &text[end..];
    rest.chars()
        .next()
        .is_some_and(|c| MEASURE_WORDS.contains(c))
        .then(|| (Decimal::from(total), rest))
}

/// A deadline or a year: `2023年`, `2024年12月底前`, `12月31日前`.
fn date(text: &str) -> Option<Kind> {
    let body = text.trim_start_matches(|c| comparator_symbol(c).is_some());
    let lead: String = body.chars().take_while(char::is_ascii_digit).collect();
    if lead.len() == 4 && body[4..].starts_with('年') {
        let year: u16 = lead.parse().ok()?;
        if (1900..=2100).contains(&year) {
            return Some(Kind::Date { year: Some(year) });
        }
    }
    // A month followed by a day or a part of the month.
    let chars: Vec<char> = text.chars().collect();
    let month = chars
        .windows(2)
        .position(|w| w[0].is_ascii_digit() && w[1] == '月')?;
    let after: String = chars[month + 2..].iter().collect();
    let dated = after.starts_with(|c: char| c.is_ascii_digit()) && after.contains('日')
        || ["底", "前", "旬", "初", "末", "中", "内"]
            .iter()
            .any(|w| after.starts_with(w));
    dated.then_some(Kind::Date { year: None })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicator::value::parse;
    use crate::indicator::value::tests::{d, one};

    #[test]
    fn plain_targets() {
        let m = one("≥90%");
        assert_eq!(
            (m.comparator, m.number, m.unit.as_str()),
            (Some(Comparator::AtLeast), d("90"), "%")
        );
        assert!(m.is_percent());
        let m = one("3000册");
        assert_eq!(
            (m.comparator, m.number, m.unit.as_str()),
            (None, d("3000"), "册")
        );
        let m = one("≤2件");
        assert_eq!(m.comparator, Some(Comparator::AtMost));
        assert!(parse("≥90%").fixes.is_empty());
    }

    #[test]
    fn thousands_separator_and_suffixes() {
        assert_eq!(one("10,000元").number, d("10000"));
        let m = one("90%以上");
        assert_eq!(
            (m.comparator, m.unit.as_str()),
            (Some(Comparator::AtLeast), "%")
        );
        assert_eq!(one("5个工作日以内").comparator, Some(Comparator::AtMost));
        assert_eq!(one("不低于85%").comparator, Some(Comparator::AtLeast));
        assert_eq!(one("不超过3万元").comparator, Some(Comparator::AtMost));
        assert_eq!(parse("1,2").measures().len(), 2);
    }

    #[test]
    fn qualitative_values() {
        for (text, word) in [
            ("提高", "提高"),
            ("保障", "保障"),
            ("明显改善", "明显"),
            ("长期有效", "长期"),
            ("减轻", "减轻"),
            ("发展", "发展"),
        ] {
            assert_eq!(
                parse(text).kind,
                Kind::Qualitative {
                    keyword: Some(word)
                },
                "{text}"
            );
        }
        assert_eq!(
            parse("无明显影响").kind,
            Kind::Qualitative {
                keyword: Some("明显")
            }
        );
        assert_eq!(parse("是").kind, Kind::Qualitative { keyword: None });
    }

    #[test]
    fn dates() {
        assert_eq!(parse("2023年").kind, Kind::Date { year: Some(2023) });
        assert_eq!(
            parse("2024年12月底前").kind,
            Kind::Date { year: Some(2024) }
        );
        assert_eq!(parse("12月31日前").kind, Kind::Date { year: None });
        assert_eq!(parse("次年3月底").kind, Kind::Date { year: None });
        // A duration is a measure, not a date.
        assert_eq!(one("3年").unit, "年");
        assert_eq!(one("12个月").unit, "个月");
    }

    #[test]
    fn unreadable_and_empty() {
        assert_eq!(parse("  ").kind, Kind::Empty);
        assert_eq!(parse("XM2023-ABC-信息化").kind, Kind::Unreadable);
        assert_eq!(parse("90%-95%").kind, Kind::Unreadable);
        assert_eq!(parse("提高了很多3").kind, Kind::Unreadable);
    }

    #[test]
    fn changes_against_a_baseline() {
        let by = |number: &str, unit: &str| Measure {
            comparator: None,
            number: number.parse().unwrap(),
            unit: unit.to_owned(),
        };
        assert_eq!(
            parse("减少10%").kind,
            Kind::Change {
                rise: false,
                by: by("10", "%")
            }
        );
        assert_eq!(
            parse("较上年提高5个百分点").kind,
            Kind::Change {
                rise: true,
                by: by("5", "个百分点")
            }
        );
        // A level to reach is an ordinary target.
        let Kind::Measures(m) = parse("提高到90%").kind else {
            panic!()
        };
        assert_eq!(m[0].comparator, Some(Comparator::AtLeast));
        let Kind::Measures(m) = parse("降低至5%").kind else {
            panic!()
        };
        assert_eq!(m[0].comparator, Some(Comparator::AtMost));
        // A direction without a number stays qualitative.
        assert!(matches!(parse("提高").kind, Kind::Qualitative { .. }));
        // Too many digits for an exact decimal: unreadable, not a panic.
        let huge = format!("≥{}个", "9".repeat(60));
        assert_eq!(parse(&huge).kind, Kind::Unreadable);
    }
}
