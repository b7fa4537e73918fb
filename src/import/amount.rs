//! Reading money as clerks type it: exact decimals from text, with
//! thousands separators, full-width digits and 元/万元 suffixes.
//!
//! Workbooks store numbers as binary floats, so a numeric cell reaches us
//! as `f64`; [`float_text`] turns it back into the shortest text that
//! round-trips, which is what Excel shows for an unformatted cell, and says
//! when that text is too long to trust. From then on every amount is a
//! [`Decimal`] parsed from text, never arithmetic on floats.

use std::str::FromStr as _;

use rust_decimal::Decimal;

/// The unit a table's amounts are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Wan,
    Yuan,
}

impl Unit {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Unit::Wan => "万元",
            Unit::Yuan => "元",
        }
    }

    /// The unit a header or note names (`金额（万元）`, `单位：元`).
    pub(crate) fn named_in(text: &str) -> Option<Unit> {
        if text.contains("万元") {
            Some(Unit::Wan)
        } else if text.contains('元') {
            Some(Unit::Yuan)
        } else {
            None
        }
    }
}

/// Full-width digits, signs and separators to ASCII; other text unchanged.
pub(crate) fn halfwidth(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '，' => ',',
            '－' => '-',
            '\u{3000}' => ' ',
            c => c,
        })
        .collect()
}

/// Parses an amount cell. Returns the exact decimal and the unit written
/// after it, if any; `Ok(None)` for an empty cell.
pub(crate) fn parse(text: &str) -> Result<Option<(Decimal, Option<Unit>)>, String> {
    let text = halfwidth(text);
    let mut t: &str = text.trim();
    t = t.trim_start_matches(['¥', '￥']).trim();
    if t.is_empty() || t == "-" {
        return Ok(None);
    }
    let mut unit = None;
    for (suffix, u) in [("万元", Unit::Wan), ("元", Unit::Yuan), ("万", Unit::Wan)] {
        if let Some(rest) = t.strip_suffix(suffix) {
            t = rest.trim();
            unit = Some(u);
            break;
        }
    }
    let plain = strip_thousands(t).ok_or_else(|| crate::t!("import-thousands", text = t))?;
    Decimal::from_str(&plain)
        .map(|d| Some((d, unit)))
        .map_err(|_| crate::t!("import-not-an-amount", text = text.trim()))
}

/// The figure at the start of a cell that goes on with words, as forms
/// print it (`854万(高标准农田建设400万元,…)`): the figure, its unit, and
/// the rest of the text. `None` when the cell does not start with one.
pub(crate) fn leading(text: &str) -> Option<(Decimal, Option<Unit>, String)> {
    let text = halfwidth(text);
    let t = text.trim().trim_start_matches(['¥', '￥']).trim_start();
    let end = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',')))
        .map_or(t.len(), |(i, _)| i);
    let (figure, rest) = t.split_at(end);
    if figure.is_empty() || rest.is_empty() {
        return None;
    }
    let (unit, rest) = [("万元", Unit::Wan), ("元", Unit::Yuan), ("万", Unit::Wan)]
        .iter()
        .find_map(|(suffix, u)| rest.strip_prefix(suffix).map(|r| (Some(*u), r)))
        .unwrap_or((None, rest));
    let plain = strip_thousands(figure.trim_end_matches('.'))?;
    let value = Decimal::from_str(&plain).ok()?;
    Some((value, unit, rest.trim().to_owned()))
}

/// `3,309,840.00` → `3309840.00`; `None` when the commas are not in
/// groups of three (`1,00.5` is more likely a typo than a number).
fn strip_thousands(t: &str) -> Option<String> {
    if !t.contains(',') {
        return Some(t.to_owned());
    }
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    let int = int.strip_prefix('-').unwrap_or(int);
    let groups: Vec<&str> = int.split(',').collect();
    let first_ok = !groups[0].is_empty() && groups[0].len() <= 3;
    if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
        return None;
    }
    let sign = if t.starts_with('-') { "-" } else { "" };
    let mut out = format!("{sign}{}", groups.concat());
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

/// The shortest decimal text that round-trips to `value`, and whether it
/// is short enough (at most 15 significant digits) to be what was typed.
pub(crate) fn float_text(value: f64) -> (String, bool) {
    let text = format!("{value}");
    let digits = text
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>();
    let significant = digits.trim_start_matches('0').len();
    (text, value.is_finite() && significant <= 15)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn parses_clerk_amounts_exactly() {
        assert_eq!(parse("1.00").unwrap(), Some((d("1.00"), None)));
        assert_eq!(
            parse("3,309,840.00").unwrap(),
            Some((d("3309840.00"), None))
        );
        assert_eq!(
            parse("１２．５万元").unwrap(),
            Some((d("12.5"), Some(Unit::Wan)))
        );
        assert_eq!(
            parse("￥800元").unwrap(),
            Some((d("800"), Some(Unit::Yuan)))
        );
        assert_eq!(parse("  ").unwrap(), None);
        assert!(parse("1,00.5").is_err());
        assert!(parse("约5万").is_err());
        assert_eq!(parse("250万").unwrap(), Some((d("250"), Some(Unit::Wan))));
        let (figure, unit, rest) = leading("854万(高标准农田建设400万元)").unwrap();
        assert_eq!(
            (figure, unit, rest.as_str()),
            (d("854"), Some(Unit::Wan), "(高标准农田建设400万元)")
        );
        assert_eq!(leading("金额(万元)"), None);
    }

    #[test]
    fn floats_come_back_as_typed_or_flagged() {
        assert_eq!(float_text(3309840.0), ("3309840".to_owned(), true));
        assert_eq!(float_text(10606.7522), ("10606.7522".to_owned(), true));
        assert!(!float_text(0.1 + 0.2).1);
    }
}
