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

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

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
    pub fn symbol(self) -> char {
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
    pub comparator: Option<Comparator>,
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
    pub fn is_percent(&self) -> bool {
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
    pub kind: FixKind,
    pub from: String,
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
    Date { year: Option<u16> },
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
    pub fn has_ocr_fix(&self) -> bool {
        self.fixes.iter().any(|f| f.kind == FixKind::Ocr)
    }
}

/// Words that state a direction or a state rather than a target. Order
/// matters only for which word a message quotes when several occur.
pub const QUALITATIVE_WORDS: &[&str] = &[
    "提高", "提升", "保障", "完善", "健全", "稳定", "减少", "减轻", "降低", "发展", "有效", "明显",
    "显著", "改善", "增强", "加强", "增加", "促进", "推进", "推动", "优化", "规范", "建立", "达标",
    "合格", "良好", "较好", "持续", "长期", "逐步", "基本", "按时", "及时", "完成", "满意", "好转",
    "充分", "到位",
];

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

// ------------------------------------------------------------ normalising

fn full_width(c: char) -> Option<char> {
    Some(match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        '．' => '.',
        '％' => '%',
        '＞' => '>',
        '＜' => '<',
        '＝' => '=',
        '／' => '/',
        '≧' | '⩾' => '≥',
        '≦' | '⩽' => '≤',
        _ => return None,
    })
}

fn is_separator(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';' | '、')
}

/// Folds full-width forms, two-character operators and OCR slips.
fn normalise(text: &str) -> (String, Vec<Fix>) {
    let mut fixes: Vec<Fix> = Vec::new();
    let mut record = |kind: FixKind, from: &str, to: &str| {
        let fix = Fix {
            kind,
            from: from.to_owned(),
            to: to.to_owned(),
        };
        if !fixes.contains(&fix) {
            fixes.push(fix);
        }
    };

    // Full-width and variant forms first, so the later passes see ASCII.
    let chars: Vec<char> = text
        .trim()
        .chars()
        .map(|c| match full_width(c) {
            Some(folded) => {
                record(FixKind::FullWidth, &c.to_string(), &folded.to_string());
                folded
            }
            None => c,
        })
        .collect();

    // OCR slips, judged by their neighbours.
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let prev = out.last().copied();
        let at_start = prev.is_none_or(|p| is_separator(p) || p.is_whitespace());
        let next_is_digit = next.is_some_and(|n| n.is_ascii_digit());
        let replacement = match c {
            // An angle bracket before a number is a comparison sign.
            '〉' | '》' if next.is_some_and(|n| n.is_ascii_digit() || n == '=' || n == '二') => {
                Some('>')
            }
            '〈' | '《' if next.is_some_and(|n| n.is_ascii_digit() || n == '=' || n == '二') => {
                Some('<')
            }
            // 二 right before digits is an equals sign (二90% is =90%), but
            // 二次 is "twice" and 十二 is twelve, so only then.
            '二' if next_is_digit && (at_start || matches!(prev, Some('>' | '<'))) => Some('='),
            // A letter O inside a number is a zero.
            'O' | 'o'
                if (prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_none_or(|n| {
                        n.is_ascii_digit() || matches!(n, 'O' | 'o' | '%' | '.')
                    }))
                    || (next_is_digit && prev.is_some_and(|p| p.is_ascii_digit() || p == '.')) =>
            {
                Some('0')
            }
            _ => None,
        };
        match replacement {
            Some(r) => {
                record(FixKind::Ocr, &c.to_string(), &r.to_string());
                out.push(r);
            }
            None => out.push(c),
        }
    }

    // Two-character operators.
    let mut folded = String::with_capacity(out.len() * 3);
    let mut i = 0;
    while i < out.len() {
        let pair = (out[i], out.get(i + 1).copied());
        let single = match pair {
            ('>', Some('=')) => Some('≥'),
            ('<', Some('=')) => Some('≤'),
            _ => None,
        };
        match single {
            Some(s) => {
                record(
                    FixKind::AsciiOperator,
                    &format!("{}=", out[i]),
                    &s.to_string(),
                );
                folded.push(s);
                i += 2;
            }
            None => {
                folded.push(out[i]);
                i += 1;
            }
        }
    }
    (folded, fixes)
}

// ------------------------------------------------------------ classifying

fn classify(text: &str) -> Kind {
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
    ("不低于", Comparator::AtLeast),
    ("不少于", Comparator::AtLeast),
    ("不小于", Comparator::AtLeast),
    ("至少", Comparator::AtLeast),
    ("达到", Comparator::AtLeast),
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

fn comparator_symbol(c: char) -> Option<Comparator> {
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

/// Every four-digit year mentioned as `2021年` or `2021年度` in `text`,
/// full-width digits included.
pub fn years_mentioned(text: &str) -> Vec<u16> {
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
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn one(text: &str) -> Measure {
        let v = parse(text);
        match v.kind {
            Kind::Measures(mut m) if m.len() == 1 => m.remove(0),
            other => panic!("{text}: {other:?}"),
        }
    }

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
    fn original_text_is_kept() {
        let v = parse("＞＝９０％");
        assert_eq!(v.original, "＞＝９０％");
        assert_eq!(v.normalised, "≥90%");
    }

    #[test]
    fn full_width_forms_are_folded_and_reported() {
        let v = parse("＞＝９０％");
        assert_eq!(v.single().unwrap().to_string(), "≥90%");
        assert!(
            v.fixes
                .iter()
                .any(|f| f.kind == FixKind::FullWidth && f.from == "％")
        );
        assert!(v.fixes.iter().any(|f| f.kind == FixKind::AsciiOperator));
        assert!(!v.has_ocr_fix());
        assert_eq!(one("≧85%").comparator, Some(Comparator::AtLeast));
        assert_eq!(one("≦5％").comparator, Some(Comparator::AtMost));
        assert_eq!(one("＜３天").comparator, Some(Comparator::Below));
        assert_eq!(one("１２．５万元").number, d("12.5"));
    }

    #[test]
    fn ascii_operators() {
        let v = parse(">=95%");
        assert_eq!(v.normalised, "≥95%");
        assert_eq!(v.fixes[0].kind, FixKind::AsciiOperator);
        assert_eq!(one("<=200元/人").comparator, Some(Comparator::AtMost));
        assert_eq!(one(">0").comparator, Some(Comparator::Above));
    }

    #[test]
    fn ocr_er_for_equals() {
        let v = parse("二90%");
        assert_eq!(v.normalised, "=90%");
        assert!(v.has_ocr_fix());
        assert_eq!(v.fixes[0].to_string(), "二 → =");
        assert_eq!(v.single().unwrap().comparator, Some(Comparator::Equal));
        // 〉二 is what ≥ often becomes: both signs are slips.
        let v = parse("〉二85%");
        assert_eq!(v.normalised, "≥85%");
        assert!(v.has_ocr_fix());
        assert_eq!(parse("〉3次").normalised, ">3次");
    }

    #[test]
    fn er_as_a_numeral_is_not_a_slip() {
        let v = parse("二次");
        assert!(v.fixes.is_empty());
        assert_eq!(v.single().unwrap().number, d("2"));
        assert_eq!(one("十二个").number, d("12"));
        assert_eq!(one("两处").number, d("2"));
        assert_eq!(one("三次").unit, "次");
        // 一般 is not "one 般".
        assert!(matches!(parse("一般").kind, Kind::Qualitative { .. }));
    }

    #[test]
    fn ocr_letter_o_in_numbers() {
        let v = parse("1OO%");
        assert_eq!(v.normalised, "100%");
        assert!(v.has_ocr_fix());
        assert!(!parse("OK").has_ocr_fix());
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
    fn decimals_are_exact() {
        assert_eq!(one("0.1万元").money().unwrap().yuan, d("1000"));
        assert_eq!(
            one("12345678901234567.89元").number,
            d("12345678901234567.89")
        );
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
