//! Reading a 指标值: comparator, exact number and unit.
//!
//! Published tables are typed by hand or recovered by OCR, so the same target
//! arrives as `≥90%`, `>=90%`, `＞＝９０％` or even `〉二90%`. [`parse`] folds
//! all of them into one normal form, remembers every substitution it made
//! (so a rule can say "read as ≥90%" and the author can check the reading),
//! and keeps the original text untouched for display. Values that carry no
//! number at all (提高, 保障, 完善 …) are classified as qualitative, and the
//! direction word found is kept for the message.
//!
//! Numbers are [`Decimal`]s parsed from the digits, never floats, so
//! `3000册 × 3元/册` is exactly 9000元.
//!
//! This file holds what a reading *is* (the types) and [`parse`]; the
//! submodule `normalise` does the folding and `classify` the reading of
//! the folded text.

mod classify;
mod normalise;

use std::fmt;

use rust_decimal::Decimal;

use classify::classify;
pub(crate) use normalise::fold_comparator;
use normalise::normalise;

/// The relation a target sets between the result and its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Comparator {
    /// ≥, 不低于, …以上
    AtLeast,
    /// ≤, 不超过, …以内
    AtMost,
    /// >
    Above,
    /// <
    Below,
    /// =
    Equal,
}

impl Comparator {
    pub(crate) fn symbol(self) -> char {
        match self {
            Comparator::AtLeast => '≥',
            Comparator::AtMost => '≤',
            Comparator::Above => '>',
            Comparator::Below => '<',
            Comparator::Equal => '=',
        }
    }
}

impl fmt::Display for Comparator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.symbol())
    }
}

/// One measurable target: `≥` `90` `%`, or `3` `元/册`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    /// `≥`, `≤`, `=` …, if the value states one; a bare number has none.
    pub comparator: Option<Comparator>,
    /// The figure, exact: read from its text, never through a float.
    pub number: Decimal,
    /// The unit as written after the number, qualifiers such as 以上 removed:
    /// `%`, `人次`, `元/人/年`. Empty when the number stands alone.
    pub unit: String,
}

/// A sum of money read from a [`Measure`], in 元, with what it is per.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Money {
    /// The amount in 元 (`1万元` is 10000).
    pub yuan: Decimal,
    /// The denominators in order: `元/年/人` is per `["年", "人"]`; empty
    /// for a plain amount such as `7万元`.
    pub per: Vec<String>,
}

/// Money units and their size in 元, longest first so that 万元 wins over 元.
const MONEY_UNITS: &[(&str, i64)] = &[
    ("百万元", 1_000_000),
    ("亿元", 100_000_000),
    ("万元", 10_000),
    ("千元", 1_000),
    ("元", 1),
];

impl Measure {
    /// Whether the unit is a percentage.
    pub(crate) fn is_percent(&self) -> bool {
        self.unit.starts_with('%')
    }

    /// The measure as money, when its unit is 元, 万元, 元/人 and the like.
    pub fn money(&self) -> Option<Money> {
        let (rest, factor) = MONEY_UNITS
            .iter()
            .find_map(|(unit, factor)| self.unit.strip_prefix(unit).map(|rest| (rest, *factor)))?;
        let rest = strip_bracketed_suffix(rest);
        let per: Vec<String> = if rest.is_empty() {
            Vec::new()
        } else if let Some(denominators) =
            rest.strip_prefix('/').or_else(|| rest.strip_prefix('每'))
        {
            denominators
                .split(['/', '·', '每'])
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(str::to_owned)
                .collect()
        } else {
            return None;
        };
        let yuan = self.number.checked_mul(Decimal::from(factor))?;
        Some(Money { yuan, per })
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(c) = self.comparator {
            write!(f, "{c}")?;
        }
        write!(f, "{}{}", self.number, self.unit)
    }
}

/// Drops a trailing remark in brackets, as in `元（含税）`.
fn strip_bracketed_suffix(text: &str) -> &str {
    for open in ['（', '('] {
        if let Some(i) = text.find(open) {
            let close = if open == '（' { '）' } else { ')' };
            if text.ends_with(close) {
                return &text[..i];
            }
        }
    }
    text
}

/// What kind of substitution the reader made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FixKind {
    /// Full-width or variant forms: `９０％`, `＞`, `≧`.
    FullWidth,
    /// Two ASCII characters for one sign: `>=`, `<=`.
    AsciiOperator,
    /// A character OCR mistook for another: `二` for `=`, `〉` for `>`.
    Ocr,
}

/// One substitution, such as `二` read as `=`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fix {
    /// Why the substitution was made (full-width form or OCR slip).
    pub kind: FixKind,
    /// The text as written.
    pub from: String,
    /// The text it was read as.
    pub to: String,
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} → {}", self.from, self.to)
    }
}

/// What a value says, once read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Nothing but blanks.
    Empty,
    /// One or more measurable targets; `40元/天，≤10000元/年` gives two.
    Measures(Vec<Measure>),
    /// A date or deadline such as `2023年` or `2024年12月底前`; `year` is
    /// the four-digit year it starts with, if any.
    Date {
        /// The four-digit year the date starts with, if any.
        year: Option<u16>,
    },
    /// Words without a number: a direction (提高) or a state (健全).
    Qualitative {
        /// The first direction or state word found, if any.
        keyword: Option<&'static str>,
    },
    /// A change against a baseline, such as `减少10%` or `较上年提高5个百分点`:
    /// measurable, though not an absolute level.
    Change {
        /// True for 提高, 增加 and the like; false for 减少, 降低 ….
        rise: bool,
        /// The size of the change.
        by: Measure,
    },
    /// Has digits but does not read as number-and-unit.
    Unreadable,
}

/// An indicator value read into its parts, with the original kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    /// The text as written in the YAML file.
    pub original: String,
    /// The text after every substitution in `fixes`.
    pub normalised: String,
    /// The substitutions made, in order, each listed once.
    pub fixes: Vec<Fix>,
    /// What the normalised text says.
    pub kind: Kind,
}

impl Value {
    /// The measures, if the value is measurable.
    pub fn measures(&self) -> &[Measure] {
        match &self.kind {
            Kind::Measures(m) => m,
            _ => &[],
        }
    }

    /// The single measure, when the value is exactly one.
    pub fn single(&self) -> Option<&Measure> {
        match self.measures() {
            [m] => Some(m),
            _ => None,
        }
    }

    /// Whether the reader had to correct a likely OCR slip.
    pub(crate) fn has_ocr_fix(&self) -> bool {
        self.fixes.iter().any(|f| f.kind == FixKind::Ocr)
    }
}

/// Reads `text`. Never fails: what cannot be read is [`Kind::Unreadable`].
pub fn parse(text: &str) -> Value {
    let (normalised, fixes) = normalise(text);
    let kind = classify(&normalised);
    Value {
        original: text.to_owned(),
        normalised,
        fixes,
        kind,
    }
}

/// Every four-digit year mentioned as `2021年` or `2021年度` in `text`,
/// full-width digits included.
pub(crate) fn years_mentioned(text: &str) -> Vec<u16> {
    let (text, _) = normalise(text);
    let chars: Vec<char> = text.chars().collect();
    let mut years = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if i - start == 4 && chars.get(i) == Some(&'年') {
            let year: String = chars[start..i].iter().collect();
            match year.parse::<u16>() {
                Ok(year) if (1900..=2100).contains(&year) => years.push(year),
                _ => {}
            }
        }
    }
    years
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    pub(super) fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    pub(super) fn one(text: &str) -> Measure {
        let v = parse(text);
        match v.kind {
            Kind::Measures(mut m) if m.len() == 1 => m.remove(0),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn original_text_is_kept() {
        let v = parse("＞＝９０％");
        assert_eq!(v.original, "＞＝９０％");
        assert_eq!(v.normalised, "≥90%");
    }

    #[test]
    fn money_units() {
        let m = one("1万元").money().unwrap();
        assert_eq!((m.yuan, m.per.len()), (d("10000"), 0));
        let m = one("5.3万元").money().unwrap();
        assert_eq!(m.yuan, d("53000"));
        let m = one("150元/年/人").money().unwrap();
        assert_eq!(
            (m.yuan, m.per),
            (d("150"), vec!["年".to_owned(), "人".to_owned()])
        );
        let m = one("≤4.5万元/公顷").money().unwrap();
        assert_eq!((m.yuan, m.per), (d("45000"), vec!["公顷".to_owned()]));
        let m = one("500元/人/年").money().unwrap();
        assert_eq!(m.per, ["人", "年"]);
        assert_eq!(one("3元/册").money().unwrap().per, ["册"]);
        assert_eq!(one("800元（含税）").money().unwrap().yuan, d("800"));
        assert!(one("3000册").money().is_none());
        assert!(one("90%").money().is_none());
    }

    #[test]
    fn compound_value() {
        let v = parse("40元/天，≤10000元/年");
        let m = v.measures();
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].money().unwrap().per, ["天"]);
        assert_eq!(m[1].comparator, Some(Comparator::AtMost));
        assert_eq!(m[1].money().unwrap().yuan, d("10000"));
        assert!(v.single().is_none());
    }

    #[test]
    fn decimals_are_exact() {
        assert_eq!(one("0.1万元").money().unwrap().yuan, d("1000"));
        assert_eq!(
            one("12345678901234567.89元").number,
            d("12345678901234567.89")
        );
    }

    #[test]
    fn odd_input_never_panics() {
        let long_numeral = format!("{}次", "十".repeat(1000));
        let huge_money = format!("{}万元", "9".repeat(28));
        for text in [
            "",
            "≥",
            "元",
            "%",
            "二",
            "〉",
            "1.",
            ".5",
            "1..2",
            "，，",
            "O",
            "1O",
            "≥二",
            "年",
            "2023",
            "9999年",
            "元/",
            "/人",
            &long_numeral,
            &huge_money,
        ] {
            let v = parse(text);
            for m in v.measures() {
                let _ = m.money();
            }
            let _ = years_mentioned(text);
        }
        // 28 nines of 万元 do not fit in 元: no money rather than overflow.
        assert!(
            parse(&huge_money)
                .single()
                .and_then(Measure::money)
                .is_none()
        );
    }

    #[test]
    fn year_mentions() {
        assert_eq!(
            years_mentioned("发放2021年残疾人专干专委生活补助人数"),
            [2021]
        );
        assert_eq!(years_mentioned("２０２２年度"), [2022]);
        assert!(years_mentioned("≤20000元/年").is_empty());
        assert!(years_mentioned("XM2023-ABC").is_empty());
        assert!(years_mentioned("12023年").is_empty());
    }
}
