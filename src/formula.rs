//! Spreadsheet formula triggers in text: the guard that CSV downloads put
//! before them, its exact inverse for `import`, and what `check` calls
//! formula-like.
//!
//! Excel, WPS and LibreOffice run a CSV cell that begins with `=`, `+`,
//! `-` or `@` as a formula (and TAB or CR can hide such a start), so a
//! published `=HYPERLINK(…)` becomes a live link in the reader's
//! spreadsheet: CSV injection (OWASP). The downloads therefore write such
//! a text cell with a leading `'`, which every spreadsheet shows as text.
//! Numbers (`-5`, `+3.5`) are left alone: they run nothing.
//!
//! The guard must not change the data, so `import` removes it again:
//! [`unguard`] inverts [`guard`] exactly for every text. That is why a
//! text already beginning with `'` before a trigger (`'=x`) is guarded
//! too (`''=x`): otherwise the importer could not tell it from a guarded
//! `=x`. Ground floor: imports nothing, so `render`, `import` and `check`
//! all share this one definition.

use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// True when `text` is a plain number a spreadsheet reads as one:
/// a sign, digits with at most one decimal point, an optional exponent
/// and an optional `%` (`-5`, `+3.5`, `-1e3`, `-5%`).
fn is_number(text: &str) -> bool {
    let body = text.strip_prefix(['+', '-']).unwrap_or(text);
    let body = body.strip_suffix('%').unwrap_or(body);
    let (mantissa, exponent) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (body, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, frac)) => {
            (digits(whole) || whole.is_empty())
                && (digits(frac) || frac.is_empty())
                && !(whole.is_empty() && frac.is_empty())
        }
        None => digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    mantissa_ok && exponent_ok
}

/// True when a CSV cell of `text` needs the guard: after any leading `'`,
/// it begins with a trigger and is not a number.
pub(crate) fn needs_guard(text: &str) -> bool {
    let rest = text.trim_start_matches('\'');
    rest.starts_with(TRIGGERS) && !is_number(rest)
}

/// `text` as a CSV download writes it: `'` before a formula trigger.
pub(crate) fn guard(text: &str) -> Cow<'_, str> {
    if needs_guard(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The text a guarded CSV cell stands for: [`guard`] undone, and nothing
/// else changed (`'123` and `'text` stay as they are).
pub(crate) fn unguard(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => text,
    }
}

/// True when source text looks like a spreadsheet formula rather than
/// words or a figure: `=`, `+`, `-` or `@`, then (after spaces) a Latin
/// letter, as in `=HYPERLINK(`, `+cmd`, `@SUM(` or `-x`. A comparator
/// before a figure (`=100%`, `-5`) is an ordinary 指标值, and a dash
/// before Chinese text is a list mark: neither is formula-like.
pub(crate) fn looks_like_formula(text: &str) -> bool {
    let text = text.trim_start();
    let Some(rest) = text.strip_prefix(['=', '+', '-', '@']) else {
        return false;
    };
    rest.trim_start_matches([' ', '\u{3000}'])
        .starts_with(|c: char| c.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_not_guarded() {
        for text in [
            "-5", "+3.5", "-0.25", "+1e3", "-5%", "-.5", "12", "", "≥90%",
        ] {
            assert_eq!(guard(text), text, "{text}");
        }
    }

    #[test]
    fn formula_triggers_are_guarded() {
        for (text, guarded) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("+cmd", "'+cmd"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("-x", "'-x"),
            ("=100%", "'=100%"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("-", "'-"),
            ("-5-3", "'-5-3"),
            ("'=x", "''=x"),
        ] {
            assert_eq!(guard(text), guarded, "{text}");
        }
    }

    #[test]
    fn unguard_inverts_guard_exactly() {
        for text in [
            "=HYPERLINK(\"a\")",
            "'=x",
            "''=x",
            "'abc",
            "'123",
            "'-5",
            "-5",
            "'",
            "''",
            "=100%",
            "普通文字",
            "",
            "@",
        ] {
            assert_eq!(unguard(&guard(text)), text, "{text:?}");
        }
        // A guard typed by hand, or left by another tool, is removed too.
        assert_eq!(unguard("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unguard("'text"), "'text");
    }

    #[test]
    fn formula_like_text_is_told_from_comparators() {
        for text in [
            "=HYPERLINK(\"x\")",
            "+cmd",
            "@SUM(A1)",
            "-x",
            "= SUM(1)",
            " =cmd|' /C calc'!A0",
        ] {
            assert!(looks_like_formula(text), "{text}");
        }
        for text in [
            "=100%",
            "≥90%",
            "-5",
            "+3.5",
            "- 提高服务质量",
            "-提高",
            "=",
            "普通",
            "@",
        ] {
            assert!(!looks_like_formula(text), "{text}");
        }
    }
}
