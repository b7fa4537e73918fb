//! Real published 项目支出绩效自评表, scored like the target tables of
//! [`super::import_real`]: every folder under `tests/fixtures/import/real/`
//! whose `fixture.toml` says `kind = "evaluation"` holds a table from a
//! provincial or county site, rebuilt in the format an office holds it,
//! with a hand-checked transcription in `expected/`.
//!
//! Each file is imported as a clerk would, and every expected row
//! (一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分) is scored: identical,
//! different (flagged or silent), or lost (listed as not placed or
//! silent); rows written that the table does not have are invented. The
//! budget figures must be exact. The promise, per format: at least 98%
//! identical, nothing invented, nothing lost or changed in silence.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{TestSite, repo_root};

#[derive(serde::Deserialize)]
struct Fixture {
    province: String,
    format: String,
    #[serde(default)]
    args: Vec<String>,
    #[serde(default)]
    kind: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct RowKey {
    level1: String,
    level2: String,
    name: String,
    target: String,
    actual: String,
    weight: String,
    score: String,
}

#[derive(Default, Clone)]
struct Score {
    files: usize,
    rows: usize,
    identical: usize,
    differs_flagged: usize,
    differs_silent: usize,
    lost_flagged: usize,
    lost_silent: usize,
    invented: usize,
    budget_wrong: usize,
    problems: Vec<String>,
}

impl Score {
    fn add(&mut self, o: &Score) {
        self.files += o.files;
        self.rows += o.rows;
        self.identical += o.identical;
        self.differs_flagged += o.differs_flagged;
        self.differs_silent += o.differs_silent;
        self.lost_flagged += o.lost_flagged;
        self.lost_silent += o.lost_silent;
        self.invented += o.invented;
        self.budget_wrong += o.budget_wrong;
        self.problems.extend(o.problems.iter().cloned());
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

fn keys(evaluation: &Value) -> Vec<RowKey> {
    let (mut l1, mut l2) = (String::new(), String::new());
    let mut out = Vec::new();
    for row in evaluation["indicators"].as_array().into_iter().flatten() {
        if let Some(v) = row.get("level1") {
            l1 = squash(&text_of(v));
        }
        if let Some(v) = row.get("level2") {
            l2 = squash(&text_of(v));
        }
        let field = |k: &str| squash(&text_of(row.get(k).unwrap_or(&Value::Null)));
        out.push(RowKey {
            level1: l1.clone(),
            level2: l2.clone(),
            name: field("name"),
            target: field("target"),
            actual: field("actual"),
            weight: field("weight"),
            score: field("score"),
        });
    }
    out
}

/// Whether a `# 待核对` comment stands above each written row.
fn flagged_rows(text: &str) -> Vec<bool> {
    let mut out = Vec::new();
    let mut pending = false;
    for line in text.lines() {
        if line.trim_start().starts_with("# 待核对") {
            pending = true;
        } else if line.starts_with("  - ") {
            out.push(pending);
            pending = false;
        } else if !line.starts_with(' ') {
            pending = false;
        }
    }
    out
}

fn fixtures() -> Vec<PathBuf> {
    let root = repo_root().join("tests/fixtures/import/real");
    let mut dirs: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            fs::read_to_string(p.join("fixture.toml"))
                .ok()
                .and_then(|t| toml::from_str::<Fixture>(&t).ok())
                .is_some_and(|f| f.kind.as_deref() == Some("evaluation"))
        })
        .collect();
    dirs.sort();
    dirs
}

fn score_fixture(dir: &Path) -> (Fixture, Score) {
    let fixture: Fixture =
        toml::from_str(&fs::read_to_string(dir.join("fixture.toml")).unwrap()).unwrap();
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let source = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_stem().is_some_and(|s| s == "source"))
        .unwrap_or_else(|| panic!("{name}: no source file"));
    let expected: Value = gongkai::yaml::from_str(
        &fs::read_to_string(dir.join("expected/1.evaluation.yaml")).unwrap(),
    )
    .unwrap();
    let site = TestSite::empty();
    let report = site.root().join("report.json");
    let mut args: Vec<String> = vec!["import".into(), source.display().to_string()];
    args.extend(fixture.args.iter().cloned());
    args.extend(["--report".into(), report.display().to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = site.cmd(&args).output().unwrap();
    let mut score = Score {
        files: 1,
        ..Score::default()
    };
    let want = keys(&expected);
    score.rows = want.len();
    if !report.is_file() {
        score.lost_silent = score.rows;
        score.problems.push(format!(
            "{name}: import failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
        return (fixture, score);
    }
    let report: Value = serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    let unplaced: Vec<String> = report["sources"][0]["not_placed"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|n| squash(&text_of(&n["text"])))
        .collect();
    let written: Vec<PathBuf> = walkdir::WalkDir::new(site.root().join("content"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.to_string_lossy().ends_with(".evaluation.yaml"))
        .collect();
    assert_eq!(written.len(), 1, "{name}: one evaluation file: {written:?}");
    let text = fs::read_to_string(&written[0]).unwrap();
    let got: Value = gongkai::yaml::from_str(&text).unwrap();
    for key in ["initial", "full_year", "executed", "weight", "score"] {
        let (g, w) = (
            text_of(&got["budget"][key]),
            text_of(&expected["budget"][key]),
        );
        if g != w {
            score.budget_wrong += 1;
            score
                .problems
                .push(format!("{name}: budget.{key} {g} (expected {w})"));
        }
    }
    let flags = flagged_rows(&text);
    let mut rows: Vec<(RowKey, bool)> = keys(&got)
        .into_iter()
        .enumerate()
        .map(|(i, k)| (k, flags.get(i).copied().unwrap_or(false)))
        .collect();
    for w in want {
        if let Some(i) = rows.iter().position(|(k, _)| *k == w) {
            rows.remove(i);
            score.identical += 1;
        } else if let Some(i) = rows.iter().position(|(k, _)| k.name == w.name) {
            let (k, flagged) = rows.remove(i);
            if flagged {
                score.differs_flagged += 1;
            } else {
                score.differs_silent += 1;
                score
                    .problems
                    .push(format!("{name}: {w:?} written as {k:?}"));
            }
        } else if unplaced.iter().any(|u| u.contains(&w.name)) {
            score.lost_flagged += 1;
        } else {
            score.lost_silent += 1;
            score.problems.push(format!("{name}: lost {w:?}"));
        }
    }
    for (k, _) in rows {
        score.invented += 1;
        score.problems.push(format!("{name}: invented {k:?}"));
    }
    (fixture, score)
}

#[test]
fn real_self_evaluations_import_faithfully_in_every_format() {
    let dirs = fixtures();
    let mut by_format: BTreeMap<String, Score> = BTreeMap::new();
    let mut provinces = std::collections::BTreeSet::new();
    for dir in &dirs {
        let (fixture, score) = score_fixture(dir);
        provinces.insert(fixture.province.clone());
        by_format.entry(fixture.format).or_default().add(&score);
    }
    let mut table = String::new();
    let _ = writeln!(
        table,
        "{:<10} {:>5} {:>5} {:>9} {:>13} {:>10} {:>7} {:>8} {:>7}",
        "format",
        "files",
        "rows",
        "identical",
        "differs(flag)",
        "lost(flag)",
        "silent",
        "invented",
        "budget"
    );
    let mut failures = Vec::new();
    for (format, s) in &by_format {
        let _ = writeln!(
            table,
            "{:<10} {:>5} {:>5} {:>8.1}% {:>13} {:>10} {:>7} {:>8} {:>7}",
            format,
            s.files,
            s.rows,
            100.0 * s.identical as f64 / s.rows.max(1) as f64,
            s.differs_flagged,
            s.lost_flagged,
            s.differs_silent + s.lost_silent,
            s.invented,
            if s.budget_wrong == 0 {
                "exact"
            } else {
                "WRONG"
            }
        );
        if s.identical * 100 < s.rows * 98
            || s.invented > 0
            || s.differs_silent + s.lost_silent > 0
            || s.budget_wrong > 0
        {
            failures.push(format.clone());
        }
    }
    eprintln!(
        "real 自评表: {} files from {} provinces\n{table}",
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
    assert!(dirs.len() >= 5, "at least 5 real 自评表: {}", dirs.len());
    assert!(provinces.len() >= 3, "at least 3 provinces: {provinces:?}");
}
