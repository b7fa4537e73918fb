//! Folding the many spellings of a target into one, and saying which
//! substitutions were made.
//!
//! Three passes, in order: full-width and variant forms (`９０％`, `≧`)
//! become ASCII, characters OCR is known to confuse are read by their
//! neighbours (`二` before digits is `=`, `〉` before a number is `>`, a
//! letter `O` inside a number is `0`), and two-character operators become
//! one sign (`>=` is `≥`). Each substitution is recorded once, so a rule can
//! show the author exactly how the value was read.

use super::{Fix, FixKind};

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

/// A comparator as printed, with only its glyph variants folded: `≧` and
/// `>=` are `≥`, `＝` is `=`; words (`不低于`) and `=` stay as written.
pub(crate) fn fold_comparator(op: &str) -> String {
    let folded: String = op
        .chars()
        .map(|c| match c {
            '＞' | '＜' | '＝' | '≧' | '⩾' | '≦' | '⩽' => full_width(c).unwrap_or(c),
            c => c,
        })
        .collect();
    match folded.as_str() {
        ">=" | "=>" => "≥".to_owned(),
        "<=" | "=<" => "≤".to_owned(),
        _ => folded,
    }
}

pub(super) fn is_separator(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';' | '、')
}

/// Folds full-width forms, two-character operators and OCR slips.
pub(super) fn normalise(text: &str) -> (String, Vec<Fix>) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicator::value::tests::{d, one};
    use crate::indicator::value::{Comparator, Kind, parse};

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
}
