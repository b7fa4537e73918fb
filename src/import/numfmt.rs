//! Spreadsheet number formats: a number cell written as the sheet shows
//! it. A clerk who typed `95%` sees 95%, while the file stores 0.95 with
//! the format `0%`; an amount typed 120.50 is stored as 120.5 with `0.00`.
//! The import must write what the clerk saw, so it applies the format.
//!
//! Only the formats budget tables use are rendered: General, fixed
//! decimals (`0`, `0.00`), thousands separators (`#,##0.00`), percents
//! (`0%`, `0.0%`), and literal text around them (`0.00"万元"`, `0"人"`).
//! Anything else (dates, fractions, scientific, conditions) returns
//! `None`, and the mapper flags the cell instead of guessing. Rounding is
//! Excel's: half away from zero, on the exact decimal of the stored value.

use rust_decimal::{Decimal, RoundingStrategy};

/// The format code of a built-in number format id (ECMA-376 18.8.30),
/// for the ids a table of figures uses.
pub(crate) fn builtin(id: u32) -> Option<&'static str> {
    Some(match id {
        0 => "General",
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        9 => "0%",
        10 => "0.00%",
        49 => "@",
        _ => return None,
    })
}

/// `text` (the stored number's shortest decimal text) as `code` shows
/// it, or `None` when the format is not one gongkai renders.
pub(crate) fn render(text: &str, code: &str) -> Option<String> {
    let code = code.trim();
    if code.is_empty() || code.eq_ignore_ascii_case("general") || code == "@" {
        return Some(text.to_owned());
    }
    // Only the first section applies to positive numbers and zero; a
    // negative number with a second section is not rendered.
    let sections: Vec<&str> = split_sections(code);
    let value: Decimal = text.parse().ok()?;
    if value.is_sign_negative() && sections.len() > 1 {
        return None;
    }
    let section = sections.first()?;
    let parsed = Section::parse(section)?;
    let mut value = value;
    if parsed.percent {
        value *= Decimal::ONE_HUNDRED;
    }
    let rounded =
        value.round_dp_with_strategy(parsed.decimals, RoundingStrategy::MidpointAwayFromZero);
    let mut digits = format!("{:.*}", parsed.decimals as usize, rounded.abs());
    if parsed.thousands {
        digits = group(&digits);
    }
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    let percent = if parsed.percent { "%" } else { "" };
    Some(format!(
        "{}{sign}{digits}{percent}{}",
        parsed.prefix, parsed.suffix
    ))
}

/// A format code split at unquoted `;`.
fn split_sections(code: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, ch) in code.char_indices() {
        match ch {
            '"' => quoted = !quoted,
            ';' if !quoted => {
                out.push(&code[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&code[start..]);
    out
}

/// One section of a number format: literal text around one number.
#[derive(Debug, PartialEq)]
struct Section {
    prefix: String,
    suffix: String,
    decimals: u32,
    thousands: bool,
    percent: bool,
}

impl Section {
    fn parse(code: &str) -> Option<Section> {
        let mut out = Section {
            prefix: String::new(),
            suffix: String::new(),
            decimals: 0,
            thousands: false,
            percent: false,
        };
        let mut chars = code.chars().peekable();
        // 0 = before the number, 1 = in it, 2 = after it.
        let mut state = 0;
        let mut after_point = false;
        while let Some(ch) = chars.next() {
            let literal = |out: &mut Section, state: i32, text: &str| {
                if state == 0 {
                    out.prefix.push_str(text);
                } else {
                    out.suffix.push_str(text);
                }
            };
            match ch {
                '"' => {
                    let mut text = String::new();
                    for c in chars.by_ref() {
                        if c == '"' {
                            break;
                        }
                        text.push(c);
                    }
                    if state == 1 {
                        state = 2;
                    }
                    literal(&mut out, state, &text);
                }
                '\\' => {
                    let c = chars.next()?;
                    if state == 1 {
                        state = 2;
                    }
                    literal(&mut out, state, &c.to_string());
                }
                // Colours and locale tags (`[Red]`, `[$-804]`) show nothing.
                '[' => {
                    let mut tag = String::new();
                    for c in chars.by_ref() {
                        if c == ']' {
                            break;
                        }
                        tag.push(c);
                    }
                    if tag.starts_with('$') && tag.len() > 1 {
                        let symbol: String = tag[1..].split('-').next()?.to_owned();
                        literal(&mut out, state.max(0), &symbol);
                    } else if tag.starts_with(['<', '>', '=']) {
                        return None; // a conditional format
                    }
                }
                // Padding and alignment placeholders take the next char.
                '_' | '*' => {
                    chars.next();
                }
                '0' | '#' | '?' if state < 2 => {
                    state = 1;
                    if after_point {
                        out.decimals += 1;
                    }
                }
                '.' if state == 1 => after_point = true,
                ',' if state == 1 => {
                    // A comma after the last digit scales by 1,000: not rendered.
                    if chars.peek().is_some_and(|c| matches!(c, '0' | '#' | '?')) {
                        out.thousands = true;
                    } else {
                        return None;
                    }
                }
                '%' => {
                    out.percent = true;
                    if state == 1 {
                        state = 2;
                    }
                }
                // Dates, times, scientific notation, fractions.
                'y' | 'm' | 'd' | 'h' | 's' | 'E' | 'e' | '/' | '@' | 'Y' | 'M' | 'D' | 'H'
                | 'S' => return None,
                ' ' | '-' | '+' | '(' | ')' | ':' | '$' | '¥' | '￥' => {
                    if state == 1 {
                        state = 2;
                    }
                    literal(&mut out, state, &ch.to_string());
                }
                _ if state == 1 => return None,
                _ => literal(&mut out, state, &ch.to_string()),
            }
        }
        (state > 0).then_some(out)
    }
}

/// `1234567.50` → `1,234,567.50`: digits in groups of three, as a
/// `#,##0` format and the import's limit messages show them.
pub(crate) fn group(digits: &str) -> String {
    let (int, frac) = digits
        .split_once('.')
        .map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn the_formats_of_budget_tables() {
        assert_eq!(render("0.95", "0%").as_deref(), Some("95%"));
        assert_eq!(render("0.955", "0.0%").as_deref(), Some("95.5%"));
        assert_eq!(render("1", "0.00%").as_deref(), Some("100.00%"));
        assert_eq!(render("120.5", "0.00").as_deref(), Some("120.50"));
        assert_eq!(
            render("3309840", "#,##0.00").as_deref(),
            Some("3,309,840.00")
        );
        assert_eq!(render("2.5", "0").as_deref(), Some("3"));
        assert_eq!(render("12", "0\"人\"").as_deref(), Some("12人"));
        assert_eq!(render("8.2", "0.00\"万元\"").as_deref(), Some("8.20万元"));
        assert_eq!(render("5", "General").as_deref(), Some("5"));
        assert_eq!(render("5", "#,##0.00_ ").as_deref(), Some("5.00"));
        assert_eq!(
            render("1234.5", "#,##0.00;[Red]\\-#,##0.00").as_deref(),
            Some("1,234.50")
        );
    }

    #[test]
    fn formats_it_cannot_render_are_refused() {
        assert_eq!(render("45000", "yyyy-mm-dd"), None);
        assert_eq!(render("0.5", "# ?/?"), None);
        assert_eq!(render("12000", "0.0E+00"), None);
        assert_eq!(render("1200", "#,##0,"), None);
        assert_eq!(render("5", "[>100]0;0.0"), None);
    }
}
