//! The footer's filing numbers (网站标识码, ICP 备案号, 公安机关备案号):
//! present when the site names its organiser, and in the form their
//! registries issue them.
//!
//! A number in the wrong form is usually a slip in copying it from the
//! registry (a missing 号, a digit short, a lowercase letter), and a
//! reader or an inspector who checks it against the registry finds
//! nothing; so the form is checked, as a warning with the expected form
//! in the help. A value marked （示例） is the example site's (or
//! `gongkai init`'s) placeholder: it is reported as a placeholder still to
//! be replaced, an info, not as a malformed number.

use crate::config::{FILE_NAME, Footer};
use crate::diagnostics::{Diagnostic, Severity};

/// The one-character province abbreviations that begin an ICP or 公安
/// filing number (both the usual and the alternative ones: 蜀, 黔, 滇 …).
const PROVINCES: &str =
    "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀黔贵滇云藏陕秦甘陇青宁新港澳台";

/// The footer's findings: the numbers missing, then each given number that
/// is a placeholder or not in its form.
pub(crate) fn check_footer(footer: &Footer) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = missing(footer).into_iter().collect();
    let fields = [
        (
            "site_code",
            &footer.site_code,
            site_code_ok as fn(&str) -> bool,
        ),
        ("icp", &footer.icp, icp_ok),
        ("police", &footer.police, police_ok),
    ];
    for (field, value, ok) in fields {
        let Some(value) = value.as_deref().map(str::trim) else {
            continue;
        };
        if value.is_empty() {
            continue;
        }
        let name = crate::i18n::message(&format!("footer-name-{}", field.replace('_', "-")), &[]);
        let path = format!("footer.{field}");
        if is_placeholder(value) {
            out.push(
                Diagnostic::new(
                    Severity::Info,
                    "footer-placeholder",
                    FILE_NAME,
                    crate::t!("footer-placeholder", name = name, value = value),
                )
                .field(path)
                .help(crate::t!("footer-placeholder-help")),
            );
        } else if !ok(value) {
            let help = format!("footer-form-help-{}", field.replace('_', "-"));
            out.push(
                Diagnostic::warning(
                    "footer-filing-form",
                    FILE_NAME,
                    crate::t!("footer-filing-form", name = name, value = value),
                )
                .field(path)
                .help(crate::i18n::message(&help, &[])),
            );
        }
    }
    out
}

/// A site that names its organiser (主办单位) is a public body's site, and
/// such a site must show its 网站标识码, ICP 备案号 and 公安机关备案号. A
/// warning: the numbers are the web administrator's to fill in.
fn missing(footer: &Footer) -> Option<Diagnostic> {
    footer.organizer.as_ref()?;
    let missing: Vec<&str> = [
        ("site_code", &footer.site_code),
        ("icp", &footer.icp),
        ("police", &footer.police),
    ]
    .into_iter()
    .filter(|(_, v)| v.as_deref().is_none_or(|v| v.trim().is_empty()))
    .map(|(k, _)| k)
    .collect();
    (!missing.is_empty()).then(|| {
        Diagnostic::warning(
            "footer-filings",
            FILE_NAME,
            crate::t!("footer-filings", fields = missing.join(", ")),
        )
        .field(format!("footer.{}", missing[0]))
        .help(crate::t!("footer-filings-help"))
    })
}

/// Marked as an example, in full-width or ASCII brackets.
fn is_placeholder(value: &str) -> bool {
    value.contains("（示例）") || value.contains("(示例)")
}

/// 网站标识码: ten digits or uppercase letters, such as `1100000088`.
fn site_code_ok(value: &str) -> bool {
    value.chars().count() == 10
        && value
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
}

/// ICP 备案号: 省简称, `ICP备`, digits, `号`, optionally `-n` (the site's
/// number under the filing), such as `京ICP备12345678号-1`.
fn icp_ok(value: &str) -> bool {
    let Some(rest) = province(value).and_then(|r| r.strip_prefix("ICP备")) else {
        return false;
    };
    let Some((digits, tail)) = rest.split_once('号') else {
        return false;
    };
    all_digits(digits) && (tail.is_empty() || tail.strip_prefix('-').is_some_and(all_digits))
}

/// 公安机关备案号: 省简称, `公网安备`, 14 digits, `号`, such as
/// `京公网安备11010502030143号`.
fn police_ok(value: &str) -> bool {
    province(value)
        .and_then(|r| r.strip_prefix("公网安备"))
        .and_then(|r| r.strip_suffix('号'))
        .is_some_and(|digits| digits.len() == 14 && all_digits(digits))
}

/// What follows the province abbreviation that starts `value`.
fn province(value: &str) -> Option<&str> {
    let first = value.chars().next()?;
    PROVINCES
        .contains(first)
        .then(|| &value[first.len_utf8()..])
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forms_of_the_three_numbers() {
        assert!(site_code_ok("1100000088"));
        assert!(site_code_ok("63000000AB"));
        assert!(!site_code_ok("110000008"));
        assert!(!site_code_ok("11000000ab"));
        assert!(!site_code_ok("1100 00088"));
        assert!(icp_ok("京ICP备12345678号"));
        assert!(icp_ok("青ICP备12345678号-1"));
        assert!(!icp_ok("ICP备12345678号"));
        assert!(!icp_ok("京ICP备12345678"));
        assert!(!icp_ok("京ICP备12345678号-"));
        assert!(!icp_ok("京icp备12345678号"));
        assert!(!icp_ok("京ICP证12345678号"));
        assert!(police_ok("京公网安备11010502030143号"));
        assert!(!police_ok("京公网安备1101050203014号"));
        assert!(!police_ok("京公网安备11010502030143"));
        assert!(!police_ok("公网安备11010502030143号"));
    }

    fn footer(site_code: &str, icp: &str, police: &str) -> Footer {
        Footer {
            organizer: Some("测试单位".into()),
            site_code: Some(site_code.into()),
            icp: Some(icp.into()),
            police: Some(police.into()),
            ..Footer::default()
        }
    }

    #[test]
    fn well_formed_numbers_pass() {
        let found = check_footer(&footer(
            "6300000023",
            "青ICP备12345678号-2",
            "青公网安备63220102000001号",
        ));
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn malformed_numbers_are_warned_about_with_their_field() {
        let found = check_footer(&footer("63000000", "青ICP备12345678", "青公网安备6322号"));
        let fields: Vec<_> = found.iter().map(|d| d.field.as_deref().unwrap()).collect();
        assert_eq!(fields, ["footer.site_code", "footer.icp", "footer.police"]);
        assert!(found.iter().all(|d| d.rule == "footer-filing-form"
            && d.severity == Severity::Warning
            && d.help.is_some()));
    }

    #[test]
    fn example_values_are_placeholders_not_errors() {
        let found = check_footer(&footer(
            "（示例）0000000000",
            "（示例）青ICP备00000000号",
            "（示例）青公网安备00000000000000号",
        ));
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found
                .iter()
                .all(|d| d.rule == "footer-placeholder" && d.severity == Severity::Info)
        );
    }
}
