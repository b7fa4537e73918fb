//! Personal data in published content. Real tables often carry the
//! 填表人's mobile number or a resident ID in a remark; once on a public
//! site it cannot be taken back, so the publisher should decide knowingly.
//! Findings never repeat the whole number: the log may be shared too.

use crate::check::{Context, Findings};
use crate::model::Project;

/// What was found, masked for the message.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Personal {
    Mobile(String),
    ResidentId(String),
}

/// `13812345678` as `138****5678`: the first three and last four kept.
fn mask(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    let n = chars.len();
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[n - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(n - 7))
}

/// ISO 7064 MOD 11-2, the check character of an 18-character resident ID;
/// checking it keeps long codes that merely have 18 digits out.
fn id_checksum_ok(id: &[char]) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let sum: u32 = id[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).unwrap_or(0) * w)
        .sum();
    CHECK[(sum % 11) as usize] == id[17].to_ascii_uppercase()
}

/// Every mobile number and resident ID in `text`. Digits may be full-width,
/// and a mobile number may be written in groups (`138-1234-5678`).
pub(super) fn find(text: &str) -> Vec<Personal> {
    let chars: Vec<char> = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            'ｘ' | 'Ｘ' => 'X',
            _ => c,
        })
        .collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        // A run of digits, allowing single '-' or ' ' between groups.
        let mut digits = String::new();
        let mut j = i;
        while j < chars.len() {
            let c = chars[j];
            if c.is_ascii_digit() {
                digits.push(c);
                j += 1;
            } else if (c == '-' || c == ' ')
                && chars.get(j + 1).is_some_and(char::is_ascii_digit)
                && !digits.is_empty()
            {
                j += 1;
            } else {
                break;
            }
        }
        let next = chars.get(j).copied();
        let b = digits.as_bytes();
        if digits.len() == 11
            && b[0] == b'1'
            && (b'3'..=b'9').contains(&b[1])
            && !next.is_some_and(|c| c.is_ascii_alphanumeric())
        {
            found.push(Personal::Mobile(mask(&digits)));
        } else if digits.len() == 17 && matches!(next, Some('X' | 'x')) {
            let mut id: Vec<char> = digits.chars().collect();
            id.push('X');
            if id_checksum_ok(&id) && !chars.get(j + 1).is_some_and(char::is_ascii_alphanumeric) {
                found.push(Personal::ResidentId(mask(&id.iter().collect::<String>())));
            }
            j += 1;
        } else if digits.len() == 18 && !next.is_some_and(|c| c.is_ascii_alphanumeric()) {
            let id: Vec<char> = digits.chars().collect();
            if id_checksum_ok(&id) {
                found.push(Personal::ResidentId(mask(&digits)));
            }
        }
        i = j.max(i + 1);
    }
    found
}

/// Every published text of the project with its field path. The 项目编码
/// is left out: it is a long official number, not personal data (nor
/// prose). Shared with `formula-like-text`, which scans the same texts.
pub(super) fn texts(project: &Project) -> Vec<(String, &str)> {
    let mut all: Vec<(String, &str)> = vec![("name".into(), project.name.as_str())];
    let optional = [
        ("implementer", &project.implementer),
        ("period", &project.period),
        ("notes", &project.notes),
    ];
    for (field, text) in optional {
        if let Some(text) = text {
            all.push((field.into(), text));
        }
    }
    for (key, text) in &project.details.0 {
        all.push((format!("details.{key}"), text));
    }
    for (list, goals) in [
        ("goals", &project.goals),
        ("long_term_goals", &project.long_term_goals),
    ] {
        for (i, g) in goals.iter().enumerate() {
            all.push((format!("{list}[{i}]"), g));
        }
    }
    for (i, f) in project.funding.iter().enumerate() {
        all.push((format!("funding[{i}].source"), &f.source));
    }
    for (table, rows) in project.tables() {
        for (i, row) in rows.iter().enumerate() {
            let fields = [
                ("name", Some(&row.name)),
                ("value", row.value.as_ref()),
                ("note", row.note.as_ref()),
                ("standard", row.standard.as_ref()),
                ("explanation", row.explanation.as_ref()),
            ];
            for (field, text) in fields {
                if let Some(text) = text {
                    all.push((format!("{table}[{i}].{field}"), text));
                }
            }
        }
    }
    all
}

pub(super) fn personal_data(project: &Project, _: &Context, out: &mut Findings) {
    for (field, text) in texts(project) {
        for found in find(text) {
            let what = match found {
                Personal::Mobile(masked) => crate::t!("personal-mobile", masked = masked),
                Personal::ResidentId(masked) => crate::t!("personal-id", masked = masked),
            };
            out.report(
                field.clone(),
                crate::t!("personal-data", what = what),
                crate::t!("personal-data-help"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_mobiles_and_ids_without_repeating_them() {
        let found = find("填表人：张三，电话13812345678。");
        assert_eq!(found, [Personal::Mobile("138****5678".into())]);
        assert_eq!(find("联系 138-1234-5678").len(), 1);
        // A valid ID (checksum X) and an invalid one.
        assert_eq!(
            find("身份证 11010519491231002X"),
            [Personal::ResidentId("110***********002X".into())]
        );
        assert!(find("11010519491231002Y").is_empty());
        assert!(find("110105194912310021").is_empty());
    }

    #[test]
    fn ordinary_numbers_are_not_personal() {
        for text in [
            "630000231000000000001",
            "0970-8672345",
            "≥1000人",
            "2023年1月—12月",
            "12345678901",
            "213812345678",
        ] {
            assert!(find(text).is_empty(), "{text}");
        }
    }
}
