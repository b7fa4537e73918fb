//! The projects already in a department folder, by identity, so that
//! `import --force` of a table describing one of them (a corrected
//! workbook, or the site's own download edited in Excel) replaces that
//! very file instead of adding a twin under a new pinyin slug.
//!
//! A project is the same one when its year matches and either its 项目编码
//! matches or, where either side has no code, its name does. Files that
//! cannot be read here are simply not matched: `check` reports them after
//! the import, with their line and column.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::layout;

/// The identifying fields of a project file; everything else is ignored,
/// so a file with other problems still matches.
#[derive(Deserialize)]
struct Identity {
    year: Option<Year>,
    name: Option<String>,
    code: Option<String>,
}

/// A year as clerks write it: `2023` or `"2023"`.
#[derive(Deserialize)]
#[serde(untagged)]
enum Year {
    Number(u16),
    Text(String),
}

impl Year {
    fn value(&self) -> Option<u16> {
        match self {
            Year::Number(n) => Some(*n),
            Year::Text(t) => t.trim().parse().ok(),
        }
    }
}

/// The projects at the top of one department folder, keyed by identity.
#[derive(Debug, Default)]
pub(crate) struct Existing {
    by_code: BTreeMap<(u16, String), String>,
    by_name: BTreeMap<(u16, String), String>,
}

impl Existing {
    /// Reads the `*.yaml` project files directly in `dir` (the folder a
    /// forced import may replace files in). A missing folder is empty.
    pub(crate) fn read(dir: &Path) -> Existing {
        let mut found = Existing::default();
        let Ok(entries) = std::fs::read_dir(dir) else {
            return found;
        };
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|x| x == "yaml")
                    && p.file_name()
                        .is_some_and(|n| n != layout::DEPARTMENT_FILE)
                    // Only regular files: never follow a link out of the
                    // site or block on a pipe named like content.
                    && p.symlink_metadata().is_ok_and(|m| m.is_file())
            })
            .collect();
        paths.sort();
        for path in paths {
            let Some(slug) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
                continue;
            };
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let Ok(id) = crate::yaml::from_str::<Identity>(&text) else {
                continue;
            };
            let Some(year) = id.year.as_ref().and_then(Year::value) else {
                continue;
            };
            if let Some(code) = id.code.filter(|c| !c.trim().is_empty()) {
                keep_shortest(&mut found.by_code, (year, code.trim().to_owned()), &slug);
            }
            if let Some(name) = id.name {
                keep_shortest(&mut found.by_name, (year, name.trim().to_owned()), &slug);
            }
        }
        found
    }

    /// The slug of the existing file for this project, if there is one.
    pub(crate) fn find(&self, year: u16, code: Option<&str>, name: &str) -> Option<&str> {
        code.and_then(|c| self.by_code.get(&(year, c.trim().to_owned())))
            .or_else(|| self.by_name.get(&(year, name.trim().to_owned())))
            .map(String::as_str)
    }
}

/// Twins (`x.yaml` and the `x-2.yaml` an earlier import without
/// `--force` added) both match; the original, the shortest name, wins.
fn keep_shortest(map: &mut BTreeMap<(u16, String), String>, key: (u16, String), slug: &str) {
    let entry = map.entry(key).or_insert_with(|| slug.to_owned());
    if (slug.len(), slug) < (entry.len(), entry.as_str()) {
        *entry = slug.to_owned();
    }
}

/// Fields only the project file holds (publication details, corrections,
/// attachments, identity across years): no workbook or page carries
/// them, so a forced import keeps them from the file it replaces.
const KEPT: [&str; 7] = [
    "published",
    "source",
    "revisions",
    "attachments",
    "id",
    "previous_ids",
    "ended",
];

/// The top-level blocks of `text` for the [`KEPT`] fields that `emitted`
/// does not already have, verbatim (comments and quoting included).
pub(crate) fn kept_fields(text: &str, emitted: &str) -> String {
    let top_key = |line: &str| -> Option<String> {
        let first = line.chars().next()?;
        if first == ' ' || first == '-' || first == '#' {
            return None;
        }
        line.split_once(':').map(|(k, _)| k.trim().to_owned())
    };
    let has = |key: &str| emitted.lines().any(|l| top_key(l).as_deref() == Some(key));
    let mut out = String::new();
    let mut keeping = false;
    for line in text.lines() {
        if let Some(key) = top_key(line) {
            keeping = KEPT.contains(&key.as_str()) && !has(&key);
        } else if line.starts_with('#') {
            keeping = false;
        }
        if keeping {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn kept_fields_are_copied_verbatim() {
        let old = "year: 2023\nname: 甲\npublished: \"2023-03-01\"\nattachments:\n- file: 原件.pdf\n  title: 扫描件\n# 注释\nrevisions:\n  - {date: \"2023-04-01\", note: 改正}\nindicators: []\nnotes: 旧\n";
        let emitted = "year: 2023\nname: 甲\nnotes: 新\n";
        assert_eq!(
            super::kept_fields(old, emitted),
            "published: \"2023-03-01\"\nattachments:\n- file: 原件.pdf\n  title: 扫描件\nrevisions:\n  - {date: \"2023-04-01\", note: 改正}\n"
        );
    }

    use super::*;

    #[test]
    fn matches_by_code_then_by_name_within_the_year() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write("kangfu.yaml", "year: 2023\nname: 残疾人康复工作经费\n");
        write("coded.yaml", "year: \"2024\"\nname: 旧名\ncode: \"6300\"\n");
        write("_department.yaml", "code: \"1\"\nname: 残联\n");
        write("broken.yaml", "year: [\n");
        write("kangfu-2.yaml", "year: 2023\nname: 残疾人康复工作经费\n");
        let found = Existing::read(dir.path());
        assert_eq!(found.find(2023, None, "残疾人康复工作经费"), Some("kangfu"));
        assert_eq!(found.find(2024, None, "残疾人康复工作经费"), None);
        // A renamed project is still found by its code.
        assert_eq!(found.find(2024, Some("6300"), "新名"), Some("coded"));
        assert_eq!(found.find(2024, Some("7"), "残联"), None);
        assert!(
            Existing::read(&dir.path().join("absent"))
                .by_name
                .is_empty()
        );
    }
}
