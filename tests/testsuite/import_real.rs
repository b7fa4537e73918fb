//! Real published tables, scored: every folder under
//! `tests/fixtures/import/real/` holds a table from a provincial or county
//! disclosure site (`fixture.toml` names its URL), rebuilt in the format
//! an office holds it, with a hand-checked transcription in `expected/`.
//!
//! Each file is imported as a clerk would, and every expected indicator
//! row is scored: identical, different (and whether a review flag says
//! so), or lost (and whether the import report lists it as not placed).
//! Rows the import wrote that the table does not have are invented. The
//! promise, per format: at least 98% identical, nothing invented, nothing
//! lost or changed without a flag.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{TestSite, repo_root};

#[derive(serde::Deserialize)]
struct Fixture {
    url: String,
    province: String,
    format: String,
    #[serde(default)]
    args: Vec<String>,
    /// A source kept elsewhere in the repository (the seed), relative to
    /// its root; else the folder's `source.*`.
    source: Option<String>,
    /// A folder of expected project files elsewhere in the repository
    /// (the example site's transcription); else the folder's `expected/`.
    expected: Option<String>,
    /// `evaluation` for a 自评表, scored by `import_real_evaluation`.
    #[serde(default)]
    kind: Option<String>,
}

/// One indicator row, reduced to what a reader compares.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RowKey {
    list: &'static str,
    level1: String,
    level2: String,
    name: String,
    value: String,
}

/// A written row and whether a review flag stands above it.
struct Written {
    key: RowKey,
    flagged: bool,
}

#[derive(Default, Clone)]
struct Score {
    files: usize,
    projects: usize,
    rows: usize,
    identical: usize,
    differs_flagged: usize,
    differs_silent: usize,
    lost_flagged: usize,
    lost_silent: usize,
    invented: usize,
    amounts_wrong: usize,
    problems: Vec<String>,
}

impl Score {
    fn add(&mut self, other: &Score) {
        self.files += other.files;
        self.projects += other.projects;
        self.rows += other.rows;
        self.identical += other.identical;
        self.differs_flagged += other.differs_flagged;
        self.differs_silent += other.differs_silent;
        self.lost_flagged += other.lost_flagged;
        self.lost_silent += other.lost_silent;
        self.invented += other.invented;
        self.amounts_wrong += other.amounts_wrong;
        self.problems.extend(other.problems.iter().cloned());
    }
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect()
}

fn text_of(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.trim().to_owned(),
        other => other.to_string(),
    }
}

fn keys(project: &Value) -> Vec<RowKey> {
    let mut out = Vec::new();
    for list in ["indicators", "long_term_indicators"] {
        let list_name: &'static str = if list == "indicators" {
            "annual"
        } else {
            "long"
        };
        let (mut l1, mut l2) = (String::new(), String::new());
        for row in project[list].as_array().into_iter().flatten() {
            if let Some(v) = row.get("level1") {
                l1 = squash(&text_of(v));
            }
            if let Some(v) = row.get("level2") {
                l2 = squash(&text_of(v));
            }
            out.push(RowKey {
                list: list_name,
                level1: l1.clone(),
                level2: l2.clone(),
                name: squash(&text_of(&row["name"])),
                value: squash(&text_of(&row["value"])),
            });
        }
    }
    out
}

/// The rows of a written file with the review flags standing above each.
fn written_rows(text: &str, project: &Value) -> Vec<Written> {
    let mut flagged = Vec::new();
    let mut pending = false;
    let mut in_rows = false;
    for line in text.lines() {
        if line.starts_with("indicators:") || line.starts_with("long_term_indicators:") {
            in_rows = true;
            continue;
        }
        if !line.starts_with(' ') && !line.starts_with('#') && !line.trim().is_empty() {
            in_rows = false;
        }
        if line.trim_start().starts_with("# 待核对") {
            pending = true;
        } else if in_rows && line.starts_with("  - ") {
            flagged.push(pending);
            pending = false;
        }
    }
    keys(project)
        .into_iter()
        .enumerate()
        .map(|(i, key)| Written {
            key,
            flagged: flagged.get(i).copied().unwrap_or(false),
        })
        .collect()
}

fn score_fixture(dir: &Path) -> (String, Score) {
    let fixture: Fixture =
        toml::from_str(&fs::read_to_string(dir.join("fixture.toml")).unwrap()).unwrap();
    let source = match &fixture.source {
        Some(path) => repo_root().join(path),
        None => fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_stem().is_some_and(|s| s == "source"))
            .unwrap_or_else(|| panic!("{}: no source file", dir.display())),
    };
    let site = TestSite::empty();
    let report = site.root().join("report.json");
    let mut args: Vec<String> = vec!["import".into(), source.display().to_string()];
    args.extend(fixture.args.iter().cloned());
    args.extend(["--report".into(), report.display().to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = site.cmd(&args).output().unwrap();
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let mut score = Score {
        files: 1,
        ..Score::default()
    };
    let expected = match &fixture.expected {
        Some(path) => expected_projects(&repo_root().join(path)),
        None => expected_projects(&dir.join("expected")),
    };
    score.projects = expected.len();
    score.rows = expected.iter().map(|p| keys(p).len()).sum();
    if !report.is_file() {
        score.lost_silent = score.rows;
        score.problems.push(format!(
            "{name}: import failed: {}",
            String::from_utf8_lossy(&output.stderr)
                .lines()
                .take(4)
                .collect::<Vec<_>>()
                .join(" ")
        ));
        return (fixture.format, score);
    }
    let report: Value = serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    let unplaced: Vec<String> = report["sources"][0]["not_placed"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|n| squash(&text_of(&n["text"])))
        .collect();
    let written = written_projects(site.root());
    for project in &expected {
        let pname = text_of(&project["name"]);
        let Some((got, text)) = written.get(&squash(&pname)) else {
            let n = keys(project).len();
            // A project that is not there at all is lost: flagged only
            // when the report lists its name as not placed.
            if unplaced.iter().any(|u| u.contains(&squash(&pname))) {
                score.lost_flagged += n;
            } else {
                score.lost_silent += n;
                score
                    .problems
                    .push(format!("{name}: project “{pname}” missing"));
            }
            continue;
        };
        if text_of(&got["amount"]) != text_of(&project["amount"]) && !text.contains("待核对") {
            score.amounts_wrong += 1;
            score.problems.push(format!(
                "{name}: “{pname}” amount {} (expected {})",
                text_of(&got["amount"]),
                text_of(&project["amount"])
            ));
        }
        let mut rows = written_rows(text, got);
        for want in keys(project) {
            if let Some(i) = rows.iter().position(|w| w.key == want) {
                rows.remove(i);
                score.identical += 1;
                continue;
            }
            // The same row, read differently.
            let near = rows
                .iter()
                .position(|w| w.key.list == want.list && w.key.name == want.name)
                .or_else(|| {
                    rows.iter().position(|w| {
                        w.key.list == want.list
                            && w.key.value == want.value
                            && !want.value.is_empty()
                            && (w.key.name.contains(&want.name) || want.name.contains(&w.key.name))
                    })
                });
            match near {
                Some(i) => {
                    let w = rows.remove(i);
                    if w.flagged {
                        score.differs_flagged += 1;
                    } else {
                        score.differs_silent += 1;
                        score
                            .problems
                            .push(format!("{name}: {want:?} written as {:?}", w.key));
                    }
                }
                None if unplaced
                    .iter()
                    .any(|u| !want.name.is_empty() && u.contains(&want.name)) =>
                {
                    score.lost_flagged += 1;
                }
                None => {
                    score.lost_silent += 1;
                    score.problems.push(format!("{name}: lost {want:?}"));
                }
            }
        }
        for w in rows {
            score.invented += 1;
            score.problems.push(format!("{name}: invented {:?}", w.key));
        }
    }
    // Projects written that the table does not have.
    for (key, (got, _)) in &written {
        if !expected
            .iter()
            .any(|p| &squash(&text_of(&p["name"])) == key)
        {
            let n = keys(got).len();
            score.invented += n;
            score
                .problems
                .push(format!("{name}: invented project “{key}” ({n} rows)"));
        }
    }
    let _ = (&fixture.url, &fixture.province);
    (fixture.format, score)
}

fn expected_projects(dir: &Path) -> Vec<Value> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .filter(|p| !p.ends_with("_department.yaml"))
        .collect();
    files.sort_by_key(|p| {
        let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        (stem.parse::<u32>().unwrap_or(u32::MAX), stem.to_owned())
    });
    files
        .iter()
        .map(|p| gongkai::yaml::from_str(&fs::read_to_string(p).unwrap()).unwrap())
        .collect()
}

/// Every project file the import wrote, by squashed name.
fn written_projects(root: &Path) -> BTreeMap<String, (Value, String)> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(root.join("content")) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "yaml") || path.ends_with("_department.yaml") {
            continue;
        }
        let text = fs::read_to_string(path).unwrap();
        let value: Value = gongkai::yaml::from_str(&text).unwrap();
        out.insert(squash(&text_of(&value["name"])), (value, text));
    }
    out
}

fn fixtures() -> Vec<PathBuf> {
    let root = repo_root().join("tests/fixtures/import/real");
    let mut dirs: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("fixture.toml").is_file())
        .filter(|p| {
            let f: Fixture =
                toml::from_str(&fs::read_to_string(p.join("fixture.toml")).unwrap()).unwrap();
            f.kind.is_none()
        })
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn real_tables_import_faithfully_in_every_format() {
    let dirs = fixtures();
    let provinces: std::collections::BTreeSet<String> = dirs
        .iter()
        .map(|d| {
            let f: Fixture =
                toml::from_str(&fs::read_to_string(d.join("fixture.toml")).unwrap()).unwrap();
            f.province
        })
        .collect();
    let mut by_format: BTreeMap<String, Score> = BTreeMap::new();
    for dir in &dirs {
        let (format, score) = score_fixture(dir);
        by_format.entry(format).or_default().add(&score);
    }
    let mut table = String::new();
    let _ = writeln!(
        table,
        "{:<10} {:>5} {:>8} {:>5} {:>9} {:>13} {:>13} {:>11} {:>8}",
        "format",
        "files",
        "projects",
        "rows",
        "identical",
        "differs(flag)",
        "lost(flag)",
        "silent",
        "invented"
    );
    let mut failures = Vec::new();
    for (format, s) in &by_format {
        let _ = writeln!(
            table,
            "{:<10} {:>5} {:>8} {:>5} {:>8.1}% {:>13} {:>13} {:>11} {:>8}",
            format,
            s.files,
            s.projects,
            s.rows,
            100.0 * s.identical as f64 / s.rows.max(1) as f64,
            s.differs_flagged,
            s.lost_flagged,
            s.differs_silent + s.lost_silent,
            s.invented
        );
        if s.identical * 100 < s.rows * 98
            || s.invented > 0
            || s.differs_silent + s.lost_silent > 0
            || s.amounts_wrong > 0
        {
            failures.push(format.clone());
        }
    }
    eprintln!(
        "real tables: {} files from {} provinces\n{table}",
        dirs.len(),
        provinces.len()
    );
    let problems: Vec<String> = by_format
        .values()
        .flat_map(|s| s.problems.iter().cloned())
        .collect();
    assert!(
        failures.is_empty(),
        "formats below the bar: {failures:?}\n{table}\n{}",
        problems.join("\n")
    );
    assert!(dirs.len() >= 30, "at least 30 real tables: {}", dirs.len());
    assert!(
        provinces.len() >= 10,
        "at least 10 provinces: {provinces:?}"
    );
}
