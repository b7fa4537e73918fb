//! The projects already in a department folder, by identity, so that a
//! re-import is idempotent: an unchanged project is left alone, a changed
//! one is refused without `--force` (saying what changed), and a forced
//! one replaces that very file, keeping what only the file holds.
//!
//! A project is the same one when its year matches and its 项目编码
//! matches, or, where either side has no code, its name does (the folder
//! is the department). Files that cannot be read here are not matched:
//! `check` reports them after the import, with their line and column.
//!
//! "Unchanged" compares data, not text: comments (the review flags a clerk
//! has cleared, notes written by hand), quoting and the fields that only
//! the file holds are not differences.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use crate::layout;

/// The identifying fields of a project file; everything else is ignored,
/// so a file with other problems still matches.
#[derive(Deserialize)]
struct Identity {
    year: Option<Year>,
    name: Option<String>,
    code: Option<Year>,
}

/// A year or code as clerks write it: `2023` or `"2023"`.
#[derive(Deserialize)]
#[serde(untagged)]
enum Year {
    Number(u64),
    Text(String),
}

impl Year {
    fn text(&self) -> String {
        match self {
            Year::Number(n) => n.to_string(),
            Year::Text(t) => t.trim().to_owned(),
        }
    }
}

/// One project file found on disk.
#[derive(Debug, Clone)]
pub(crate) struct Known {
    /// Relative to the department folder, without `.yaml`: `kangfu`,
    /// `2023/kangfu`.
    pub(crate) stem: PathBuf,
    pub(crate) text: String,
    code: Option<String>,
}

/// The project files of one department folder, keyed by identity.
#[derive(Debug, Default)]
pub(crate) struct Existing {
    files: Vec<Known>,
    by_code: BTreeMap<(u16, String), usize>,
    by_name: BTreeMap<(u16, String), usize>,
}

impl Existing {
    /// Reads every project file under `dir`, at any depth. A missing
    /// folder is empty. Links and special files are never followed: they
    /// may lead out of the site or block.
    pub(crate) fn read(dir: &Path) -> Existing {
        let mut found = Existing::default();
        let mut paths: Vec<PathBuf> = walkdir::WalkDir::new(dir)
            .follow_links(false)
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .filter(|p| {
                p.extension().is_some_and(|x| x == "yaml")
                    && p.file_name().is_some_and(|n| n != layout::DEPARTMENT_FILE)
                    // A 绩效自评 beside its project is not a project.
                    && layout::project_of_evaluation(p).is_none()
            })
            .collect();
        // Shortest first, so that `x.yaml` wins over the `x-2.yaml` twin an
        // earlier import may have left.
        paths.sort_by_key(|p| (p.as_os_str().len(), p.clone()));
        for path in paths {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let Ok(id) = crate::yaml::from_str::<Identity>(&text) else {
                continue;
            };
            let Some(year) = id.year.and_then(|y| y.text().parse::<u16>().ok()) else {
                continue;
            };
            let Ok(stem) = path
                .with_extension("")
                .strip_prefix(dir)
                .map(Path::to_path_buf)
            else {
                continue;
            };
            let code = id.code.map(|c| c.text()).filter(|c| !c.is_empty());
            let index = found.files.len();
            if let Some(code) = &code {
                found.by_code.entry((year, code.clone())).or_insert(index);
            }
            if let Some(name) = id.name {
                found
                    .by_name
                    .entry((year, name.trim().to_owned()))
                    .or_insert(index);
            }
            found.files.push(Known { stem, text, code });
        }
        found
    }

    /// The file of this project, if there is one: same year and code, or
    /// same year and name where either side has no code.
    pub(crate) fn find(&self, year: u16, code: Option<&str>, name: &str) -> Option<&Known> {
        let code = code.map(str::trim).filter(|c| !c.is_empty());
        if let Some(code) = code
            && let Some(&i) = self.by_code.get(&(year, code.to_owned()))
        {
            return Some(&self.files[i]);
        }
        let &i = self.by_name.get(&(year, name.trim().to_owned()))?;
        let known = &self.files[i];
        (code.is_none() || known.code.is_none()).then_some(known)
    }

    /// True when a file with this stem exists (any project).
    pub(crate) fn has_stem(&self, stem: &Path) -> bool {
        self.files.iter().any(|f| f.stem == stem)
    }
}

/// What differs between the data of an existing file and the text the
/// import would write: one line per difference (`amount：“8.00” → “9.00”`),
/// at most `limit`, then a count of the rest. Fields only the old file
/// has are not differences (a forced import keeps them).
pub(crate) fn changes(old: &str, new: &str, limit: usize) -> Vec<String> {
    let parse = |text: &str| crate::yaml::from_str::<Value>(text).ok().map(normalise);
    let (Some(old), Some(new)) = (parse(old), parse(new)) else {
        return vec![crate::t!("import-change-unreadable")];
    };
    let mut out = Vec::new();
    if let (Value::Object(old), Value::Object(new)) = (&old, &new) {
        for (key, value) in new {
            diff(key, old.get(key).unwrap_or(&Value::Null), value, &mut out);
        }
    }
    if out.len() > limit {
        let more = out.len() - limit;
        out.truncate(limit);
        out.push(crate::t!("import-change-more", count = more));
    }
    out
}

/// Scalars as text (so `2023` and `"2023"` agree), indicator levels
/// filled down and `missing: blank` made explicit, as the loader reads
/// them, so that equal data compares equal however it is written.
fn normalise(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let v = if k.ends_with("indicators") {
                        fill_rows(v)
                    } else {
                        v
                    };
                    (k, normalise(v))
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(normalise).collect()),
        Value::Number(n) => Value::String(n.to_string()),
        Value::Bool(b) => Value::String(b.to_string()),
        other => other,
    }
}

fn fill_rows(rows: Value) -> Value {
    let Value::Array(rows) = rows else {
        return rows;
    };
    let mut last: [Option<Value>; 2] = [None, None];
    Value::Array(
        rows.into_iter()
            .map(|mut row| {
                if let Value::Object(map) = &mut row {
                    for (i, key) in ["level1", "level2"].iter().enumerate() {
                        match map.get(*key) {
                            Some(v) => last[i] = Some(v.clone()),
                            None => {
                                if let Some(v) = &last[i] {
                                    map.insert((*key).to_owned(), v.clone());
                                }
                            }
                        }
                    }
                    if map.get("value").is_some_and(Value::is_null) && !map.contains_key("missing")
                    {
                        map.insert("missing".into(), Value::String("blank".into()));
                    }
                }
                row
            })
            .collect(),
    )
}

fn diff(path: &str, old: &Value, new: &Value, out: &mut Vec<String>) {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for key in keys {
                let null = Value::Null;
                diff(
                    &format!("{path}.{key}"),
                    a.get(key).unwrap_or(&null),
                    b.get(key).unwrap_or(&null),
                    out,
                );
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for i in 0..a.len().max(b.len()) {
                let null = Value::Null;
                diff(
                    &format!("{path}[{}]", i + 1),
                    a.get(i).unwrap_or(&null),
                    b.get(i).unwrap_or(&null),
                    out,
                );
            }
        }
        (a, b) if a == b => {}
        (a, b) => out.push(format!("{path}：{} → {}", brief(a), brief(b))),
    }
}

fn brief(value: &Value) -> String {
    let text = match value {
        Value::Null => return "—".to_owned(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let short: String = text.chars().take(40).collect();
    let ellipsis = if short.len() < text.len() { "…" } else { "" };
    format!("“{short}{ellipsis}”")
}

/// The top-level blocks of `old` for fields that `emitted` does not have
/// (发布日期, corrections, attachments, identity across years, notes
/// written by hand), verbatim, comments and quoting included.
pub(crate) fn kept_fields(old: &str, emitted: &str) -> String {
    let has = |key: &str| emitted.lines().any(|l| top_key(l) == Some(key));
    let mut out = String::new();
    let mut keeping = false;
    for line in old.lines() {
        if let Some(key) = top_key(line) {
            keeping = !has(key);
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

/// The key of a top-level mapping line (`amount: "8.00"` → `amount`).
fn top_key(line: &str) -> Option<&str> {
    let first = line.chars().next()?;
    if first == ' ' || first == '-' || first == '#' {
        return None;
    }
    line.split_once(':').map(|(k, _)| k.trim())
}

/// Where a comment sits: above a top-level key, or above the n-th item
/// of a top-level list (an indicator row also by its 三级指标 name).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Anchor {
    Key(String),
    Item {
        key: String,
        index: usize,
        name: Option<String>,
    },
}

/// The anchors of `text`, line by line: the anchor that line starts.
fn anchors(text: &str) -> Vec<Option<Anchor>> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = vec![None; lines.len()];
    let mut key = String::new();
    let mut index = 0;
    for (i, line) in lines.iter().enumerate() {
        if let Some(k) = top_key(line) {
            key = k.to_owned();
            index = 0;
            out[i] = Some(Anchor::Key(key.clone()));
        } else if line.starts_with("  - ") || line.starts_with("- ") {
            index += 1;
            let item_indent = line.len() - line.trim_start().len() + 2;
            let name = std::iter::once(line.trim_start().trim_start_matches("- "))
                .chain(
                    lines[i + 1..]
                        .iter()
                        .take_while(|l| {
                            l.len() - l.trim_start().len() >= item_indent && !l.trim().is_empty()
                        })
                        .map(|l| l.trim_start()),
                )
                .find_map(|l| l.strip_prefix("name:"))
                .map(|n| n.trim().to_owned());
            out[i] = Some(Anchor::Item {
                key: key.clone(),
                index,
                name,
            });
        }
    }
    out
}

/// True for a comment the import itself writes: the two header lines,
/// the review flags, the kept-fields notes, and any comment the new text
/// has itself (the remarks on ignored text). Everything else is the
/// clerk's.
fn generated(line: &str, number: usize, new: &str) -> bool {
    let t = line.trim_start();
    number < 2
        || t.starts_with(&format!("# {}", super::emit::REVIEW))
        || t.starts_with(&format!("# {}", crate::t!("emit-kept")))
        || t.starts_with(&format!("# {}", crate::t!("emit-comments-kept")))
        || new.lines().any(|l| l.trim_start() == t)
}

/// `new` with the hand-written comments of `old` carried over, each
/// above the same key or row it stood above (a row matched by its 三级指标
/// name, else by position). Comments whose place is gone are kept at the
/// end under a note, never dropped.
pub(crate) fn carry_comments(old: &str, new: &str) -> String {
    let old_lines: Vec<&str> = old.lines().collect();
    let old_anchors = anchors(old);
    let mut pending: Vec<&str> = Vec::new();
    let mut placed: Vec<(Anchor, Vec<&str>)> = Vec::new();
    let mut orphans: Vec<&str> = Vec::new();
    for (i, line) in old_lines.iter().enumerate() {
        if line.trim_start().starts_with('#') {
            if !generated(line, i, new) {
                pending.push(line);
            }
            continue;
        }
        if pending.is_empty() || line.trim().is_empty() {
            continue;
        }
        match &old_anchors[i] {
            Some(anchor) => placed.push((anchor.clone(), std::mem::take(&mut pending))),
            None => orphans.append(&mut pending),
        }
    }
    orphans.append(&mut pending);
    if placed.is_empty() && orphans.is_empty() {
        return new.to_owned();
    }
    let new_anchors = anchors(new);
    let matches = |a: &Anchor, b: &Anchor| match (a, b) {
        (Anchor::Key(x), Anchor::Key(y)) => x == y,
        (
            Anchor::Item {
                key: k1,
                index: i1,
                name: n1,
            },
            Anchor::Item {
                key: k2,
                index: i2,
                name: n2,
            },
        ) => k1 == k2 && if n1.is_some() { n1 == n2 } else { i1 == i2 },
        _ => false,
    };
    let mut out = String::new();
    let mut used = vec![false; placed.len()];
    for (i, line) in new.lines().enumerate() {
        if let Some(anchor) = &new_anchors[i] {
            for (k, (want, comments)) in placed.iter().enumerate() {
                if !used[k] && matches(want, anchor) {
                    used[k] = true;
                    for c in comments {
                        out.push_str(c);
                        out.push('\n');
                    }
                }
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    let mut left: Vec<&str> = placed
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .flat_map(|((_, c), _)| c.iter().copied())
        .collect();
    left.extend(orphans);
    if !left.is_empty() {
        out.push_str(&format!("# {}\n", crate::t!("emit-comments-kept")));
        for c in left {
            out.push_str(&format!(
                "# {}\n",
                c.trim_start().trim_start_matches('#').trim()
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_fields_are_copied_verbatim() {
        let old = "year: 2023\nname: 甲\npublished: \"2023-03-01\"\nattachments:\n- file: 原件.pdf\n  title: 扫描件\n# 注释\nrevisions:\n  - {date: \"2023-04-01\", note: 改正}\nindicators: []\nnotes: 旧\n";
        let emitted = "year: 2023\nname: 甲\nnotes: 新\nindicators: []\n";
        assert_eq!(
            kept_fields(old, emitted),
            "published: \"2023-03-01\"\nattachments:\n- file: 原件.pdf\n  title: 扫描件\nrevisions:\n  - {date: \"2023-04-01\", note: 改正}\n"
        );
    }

    #[test]
    fn matches_by_code_then_by_name_within_the_year() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap()
        };
        write("kangfu.yaml", "year: 2023\nname: 残疾人康复工作经费\n");
        write("coded.yaml", "year: \"2024\"\nname: 旧名\ncode: \"6300\"\n");
        write("_department.yaml", "code: \"1\"\nname: 残联\n");
        write("broken.yaml", "year: [\n");
        write("kangfu-2.yaml", "year: 2023\nname: 残疾人康复工作经费\n");
        write("2025/deep.yaml", "year: 2025\nname: 深\n");
        let found = Existing::read(dir.path());
        let stem = |k: Option<&Known>| k.map(|k| k.stem.display().to_string());
        assert_eq!(
            stem(found.find(2023, None, "残疾人康复工作经费")).as_deref(),
            Some("kangfu")
        );
        assert_eq!(stem(found.find(2024, None, "残疾人康复工作经费")), None);
        // A renamed project is still found by its code.
        assert_eq!(
            stem(found.find(2024, Some("6300"), "新名")).as_deref(),
            Some("coded")
        );
        // Same name, another code: another project.
        assert_eq!(stem(found.find(2024, Some("7"), "旧名")), None);
        assert_eq!(
            stem(found.find(2025, None, "深")).as_deref(),
            Some("2025/deep")
        );
    }

    #[test]
    fn data_not_text_decides_what_changed() {
        let old = "# 来源\nyear: 2023\nname: 甲\namount: 8.00\nindicators:\n  - level1: 产出指标\n    level2: 数量指标\n    name: 人数\n    value: 5人\n  - name: 次数\n    value: null\npublished: \"2023-01-01\"\n";
        let same = "year: 2023\nname: \"甲\"\namount: \"8.0\"\nindicators:\n  - level1: 产出指标\n    level2: 数量指标\n    name: 人数\n    # 待核对：x\n    value: \"5人\"\n  - level1: 产出指标\n    level2: 数量指标\n    name: 次数\n    value: null\n    missing: blank\n";
        assert_eq!(changes(old, same, 5), Vec::<String>::new());
        let other = same.replace("5人", "6人");
        assert_eq!(
            changes(old, &other, 5),
            ["indicators[1].value：“5人” → “6人”"]
        );
    }

    #[test]
    fn hand_written_comments_follow_their_rows() {
        let old = "# 来源：a\n# 生成\nyear: 2023\n# 金额已与批复核对\namount: \"8.00\"\nindicators:\n  # 按原表照录\n  - level1: 产出指标\n    level2: 数量指标\n    name: 次数\n    value: 3次\n# 孤立\n";
        let new = "# 来源：b\n# 生成\nyear: 2023\namount: \"9.00\"\nindicators:\n  - level1: 产出指标\n    level2: 数量指标\n    name: 人数\n    value: 5人\n  - level1: 产出指标\n    level2: 数量指标\n    name: 次数\n    value: 4次\n";
        let out = carry_comments(old, new);
        assert!(
            out.contains("# 金额已与批复核对\namount: \"9.00\""),
            "{out}"
        );
        assert!(
            out.contains(
                "  # 按原表照录\n  - level1: 产出指标\n    level2: 数量指标\n    name: 次数"
            ),
            "{out}"
        );
        assert!(out.contains("# 孤立"), "{out}");
        assert!(!out.contains("来源：a"), "{out}");
    }
}
