//! The open-data round trip: a clerk downloads a project's workbook in the
//! official layout, edits it in Excel or WPS, and imports it back with
//! `gongkai import --force`. Importing the site's own downloads unchanged
//! must reproduce every project exactly: the rebuilt site is byte for byte
//! the site it was downloaded from, pages and downloads alike.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{TestSite, evaluation_root, provinces_root, succeeded, years_root};

/// The per-project workbooks of a built site (`<year>/<code>/<slug>/<slug>.xlsx`),
/// copied out of the output folder so the next build cannot touch them.
fn project_workbooks(site: &TestSite, into: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(site.public())
        .min_depth(4)
        .max_depth(4)
    {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_some_and(|x| x == "xlsx") {
            let copy = into.join(format!(
                "{}-{}",
                found.len(),
                path.file_name().unwrap().to_string_lossy()
            ));
            fs::copy(path, &copy).unwrap();
            found.push(copy);
        }
    }
    found.sort();
    found
}

/// An output tree: every file's path and bytes.
type Tree = Vec<(String, Vec<u8>)>;

/// Builds, imports every project workbook back with `--force`, rebuilds,
/// and returns the two output trees.
fn round_trip(site: &TestSite) -> (Tree, Tree, usize) {
    site.build();
    let before = site.output_tree();
    let downloads = tempfile::tempdir().unwrap();
    let books = project_workbooks(site, downloads.path());
    let mut args = vec!["import".to_owned(), "--force".to_owned()];
    args.extend(books.iter().map(|b| b.to_string_lossy().into_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = succeeded(site.cmd(&args).output().unwrap());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("{} project(s) (", books.len()))
            || stderr.contains(&format!("{} project(s) and ", books.len())),
        "{stderr}"
    );
    assert!(stderr.contains("0 row(s) flagged"), "{stderr}");
    site.build();
    (before, site.output_tree(), books.len())
}

fn assert_same(before: &[(String, Vec<u8>)], after: &[(String, Vec<u8>)]) {
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(before),
        names(after),
        "the set of output files changed"
    );
    for ((name, a), (_, b)) in before.iter().zip(after) {
        assert!(
            a == b,
            "{name} differs after importing the site's own downloads"
        );
    }
}

#[test]
fn the_example_site_survives_its_own_workbooks() {
    let site = TestSite::example();
    let (before, after, books) = round_trip(&site);
    assert_eq!(books, 8);
    assert_same(&before, &after);
    // The same files were replaced: no twin under a new slug.
    let files = fs::read_dir(site.root().join("content/504001"))
        .unwrap()
        .count();
    assert_eq!(files, 9, "8 projects and _department.yaml");
    // Unreadable cells came back as marks, not as the text 原件无法辨认.
    let text = site.read("content/504001/kangfu-gongzuo-jingfei.yaml");
    assert!(text.contains("missing: unreadable"), "{text}");
    assert!(text.contains("amount: \"1.00\""), "{text}");
}

#[test]
fn every_v2_field_survives_the_official_layout() {
    // Funding with 其中 parts and four-decimal 万元, 元 amounts, weights,
    // standards, explanations, directions, details, periods, long-term
    // goals and indicators, blank and unreadable values.
    for root in [provinces_root(), years_root()] {
        let site = TestSite::copy_of(&root);
        let (before, after, books) = round_trip(&site);
        assert!(books >= 5, "{}", root.display());
        assert_same(&before, &after);
    }
}

#[test]
fn targets_and_results_survive_the_round_trip() {
    // Each evaluated project's workbook carries its 自评表 sheet in the
    // official layout; importing it writes the evaluation back beside its
    // target table, and the rebuilt site (pages, marks, downloads) is the
    // site it came from: missed, unmatched, unreadable and over-100% rows
    // included.
    let site = TestSite::copy_of(&evaluation_root());
    let (before, after, books) = round_trip(&site);
    assert_eq!(books, 5);
    assert_same(&before, &after);
    let text = site.read("content/300001/gengdi-2024.evaluation.yaml");
    assert!(text.contains("missing: unreadable"), "{text}");
    assert!(text.contains("executed: \"131.25\""), "{text}");
    // The explanation of the overspend comes back as the budget's note.
    assert!(text.contains("  note: 年中追加"), "{text}");
}

#[test]
fn the_stress_site_keeps_every_page() {
    // Markdown goals with lists, notes, 60-indicator tables. Only a YAML
    // block scalar's invisible final newline is not in a cell, so the
    // pages are compared, and every download but that project's JSON.
    let site = TestSite::stress();
    let (before, after, _) = round_trip(&site);
    let kept = |t: Tree| {
        t.into_iter()
            .filter(|(n, _)| !n.ends_with("jiaoshi-peixun-60.json") && !n.ends_with("data.json"))
            .collect::<Vec<_>>()
    };
    assert_same(&kept(before), &kept(after));
}

#[test]
fn formula_like_text_survives_the_round_trip() {
    // Text a spreadsheet would run as a formula, and an 指标值 that starts
    // with a comparator: the workbook keeps them as text, the CSV guards
    // them, and the import gives back exactly what was written
    // (hostile_import.rs imports the guarded CSV columns as well).
    let site = TestSite::empty();
    site.department("100001", "测试单位");
    let yaml = r#"year: 2024
name: "+cmd"
amount: "10.00"
goals:
  - "@SUM(A1:A9)"
indicators:
  - {level1: 产出指标, level2: 数量指标, name: "=HYPERLINK(\"http://example.com\",\"点击\")", value: "-x"}
  - {level1: 产出指标, level2: 质量指标, name: 验收合格率, value: "=100%"}
  - {level1: 满意度指标, level2: 服务对象满意度指标, name: "-满意度", value: "≥90%"}
notes: "@cmd"
"#;
    site.write("content/100001/a.yaml", yaml);
    let (before, after, books) = round_trip(&site);
    assert_eq!(books, 1);
    assert_same(&before, &after);
    let csv = before
        .iter()
        .find(|(name, _)| name.ends_with("a/a.csv"))
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .unwrap();
    assert!(csv.contains("'=100%") && csv.contains("'-x"), "{csv}");
}
