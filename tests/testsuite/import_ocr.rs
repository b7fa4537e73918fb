//! The OCR seed, imported as a clerk would: every project, exact amounts,
//! rows identical to the hand transcription in `content/504001/`, and no
//! value the OCR text does not contain.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use rust_decimal::Decimal;
use serde_json::Value;

use crate::common::{TestSite, repo_root};

/// The seed as shipped in `shared/seeds/000_112835b7a86dc603.txt`.
pub fn seed() -> std::path::PathBuf {
    repo_root().join("tests/fixtures/import/qilian-504001-ocr.txt")
}

/// Every project file of a department folder, parsed generically and
/// keyed by project name, with its text.
pub fn projects(dir: &Path) -> BTreeMap<String, (Value, String)> {
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() == "_department.yaml" {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        let value: Value = gongkai::yaml::from_str(&text).unwrap();
        let name = value["name"].as_str().unwrap().to_owned();
        assert!(
            out.insert(name, (value, text)).is_none(),
            "duplicate project"
        );
    }
    out
}

fn key(row: &Value) -> (Value, Value, Value, Value) {
    (
        row["level1"].clone(),
        row["level2"].clone(),
        row["name"].clone(),
        row["value"].clone(),
    )
}

/// The `# 待核对：` comment lines directly above each `- level1:` row.
fn flagged_rows(text: &str) -> Vec<bool> {
    let mut out = Vec::new();
    let mut pending = false;
    let mut in_indicators = false;
    for line in text.lines() {
        if line.starts_with("indicators:") {
            in_indicators = true;
        } else if !line.starts_with(' ') && !line.starts_with('#') {
            in_indicators = false;
        }
        if in_indicators && line.trim_start().starts_with("# 待核对") {
            pending = true;
        } else if in_indicators && line.starts_with("  - level1:") {
            out.push(pending);
            pending = false;
        }
    }
    out
}

#[test]
fn seed_import_matches_the_hand_transcription() {
    let site = TestSite::empty();
    let output = site
        .cmd(&[
            "import",
            seed().to_str().unwrap(),
            "--department",
            "504001",
            "--year",
            "2023",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    // The import and the check of what it wrote both succeed.
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "import: 1 file(s) read, 8 project(s) (8 new, 0 replaced, 0 unchanged), 111 indicator row(s)"
        ),
        "{stderr}"
    );

    let imported = projects(&site.root().join("content/504001"));
    let expected = projects(&repo_root().join("content/504001"));
    assert_eq!(
        imported.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );

    let seed_text = fs::read_to_string(seed()).unwrap();
    let mut total = Decimal::ZERO;
    let (mut rows, mut identical, mut flagged) = (0, 0, 0);
    for (name, (want, _)) in &expected {
        let (got, text) = &imported[name];
        let amount: Decimal = got["amount"].as_str().unwrap().parse().unwrap();
        assert_eq!(got["amount"], want["amount"], "{name}");
        assert_eq!(got["amount_unit"], "万元");
        assert_eq!(got["year"], 2023);
        assert_eq!(got["goals"], want["goals"], "{name}");
        total += amount;
        let got_rows = got["indicators"].as_array().unwrap();
        let want_rows = want["indicators"].as_array().unwrap();
        let flags = flagged_rows(text);
        assert_eq!(flags.len(), got_rows.len());
        for (i, want_row) in want_rows.iter().enumerate() {
            rows += 1;
            let got_row = got_rows.get(i);
            if got_row.map(key) == Some(key(want_row)) {
                identical += 1;
            } else {
                assert!(
                    flags.get(i).copied().unwrap_or(false),
                    "{name} row {i} differs and is not flagged: {got_row:?} vs {want_row:?}"
                );
            }
        }
        flagged += flags.iter().filter(|f| **f).count();
        for row in got_rows {
            match row["value"].as_str() {
                Some(value) => assert!(seed_text.contains(value), "invented value {value}"),
                None => assert_eq!(row["missing"], "unreadable", "{row}"),
            }
            for field in ["level1", "level2", "name"] {
                let text = row[field].as_str().unwrap();
                assert!(
                    !text.is_empty() && seed_text.contains(text),
                    "{field} {text}"
                );
            }
        }
    }
    println!("seed import: {identical}/{rows} rows identical, {flagged} flagged, total {total}");
    assert_eq!(total, Decimal::new(22000, 2));
    assert_eq!(rows, 111);
    assert!(identical >= 105, "only {identical}/111 rows identical");
    let department = site.read("content/504001/_department.yaml");
    assert!(
        department.contains("name: 祁连县残疾人联合会"),
        "{department}"
    );
}

#[test]
fn dry_run_writes_nothing_and_prints_the_files() {
    let site = TestSite::empty();
    let output = site
        .cmd(&["import", seed().to_str().unwrap(), "--dry-run"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("--- content/504001/liang-jie-wei-wen-jin.yaml"));
    assert!(stdout.contains("# source: qilian-504001-ocr.txt, page 6"));
    assert!(!site.root().join("content").exists());
}

#[test]
fn re_import_is_idempotent_and_never_overwrites_without_force() {
    let site = TestSite::empty();
    let seed = seed();
    let run = |extra: &[&str]| {
        let mut args = vec!["import", seed.to_str().unwrap()];
        args.extend_from_slice(extra);
        site.cmd(&args).output().unwrap()
    };
    assert!(run(&[]).status.success());
    let path = "content/504001/liang-jie-wei-wen-jin.yaml";
    let first = site.read(path);
    // A clerk reviews: a comment of their own, a flag cleared.
    let reviewed = first.replacen("year:", "# 已与批复文件核对\nyear:", 1);
    site.write(path, &reviewed);
    let tree = site.content_tree();
    // Unchanged: nothing written, nothing added, the review kept.
    let output = run(&[]);
    let stderr = flat(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("8 unchanged"), "{stderr}");
    assert!(
        stderr.contains("unchanged content/504001/liang-jie-wei-wen-jin.yaml"),
        "{stderr}"
    );
    assert_eq!(site.content_tree(), tree);
    // A file that says something else is refused, naming the change.
    let edited = reviewed.replace("value: 1万元", "value: 9万元");
    assert_ne!(edited, reviewed, "the fixture has this value");
    site.write(path, &edited);
    let output = run(&[]);
    let stderr = flat(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("liang-jie-wei-wen-jin.yaml"), "{stderr}");
    assert!(stderr.contains("“9万元” → “1万元”"), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(site.read(path), edited);
    // --force replaces that file, keeps the clerk's comment, adds no twin.
    let output = run(&["--force"]);
    assert!(output.status.success());
    let replaced = site.read(path);
    assert!(replaced.contains("# 已与批复文件核对\nyear:"), "{replaced}");
    assert!(replaced.contains("value: 1万元"), "{replaced}");
    assert!(
        !site
            .root()
            .join("content/504001/liang-jie-wei-wen-jin-2.yaml")
            .exists()
    );
}

/// stderr on one line: miette wraps at the terminal width and draws a `│`
/// margin, and where it breaks depends on the length of the paths.
fn flat(stderr: &[u8]) -> String {
    String::from_utf8_lossy(stderr)
        .replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
