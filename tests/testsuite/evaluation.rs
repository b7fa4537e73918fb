//! 绩效自评 as `check` and the build pipeline see it: each evaluation file
//! paired with its target table, every rule of issue 27 reported at the
//! evaluation's file, line and column, a file with no target table
//! refused by name (never dropped), and rebuilds after editing,
//! adding or orphaning an evaluation equal to a clean build.

use std::path::PathBuf;

use serde_json::Value;

use crate::common::{TestSite, clean_build, repo_root, session};
use crate::diff::git;

fn fixture() -> TestSite {
    TestSite::copy_of(&repo_root().join("tests/fixtures/evaluation"))
}

const NONGJI: &str = "content/300001/nongji-2023.evaluation.yaml";

/// `(rule, file, line, field)` of each evaluation finding of `check`.
fn evaluation_findings(site: &TestSite) -> Vec<(String, String, u64, String)> {
    let output = site.cmd(&["check", "--format", "json"]).output().unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut found: Vec<(String, String, u64, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"].as_str().unwrap().starts_with("evaluation-"))
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["file"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap_or(0),
                d["field"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    found.sort();
    found
}

#[test]
fn each_rule_is_reported_at_the_evaluation_file_and_line() {
    let site = fixture();
    let found = evaluation_findings(&site);
    let n = |rule: &str, line: u64, field: &str| {
        (rule.to_owned(), NONGJI.to_owned(), line, field.to_owned())
    };
    let expected = vec![
        (
            "evaluation-actual-missing".to_owned(),
            "content/300001/gengdi-2024.evaluation.yaml".to_owned(),
            14,
            "indicators[3].actual".to_owned(),
        ),
        n("evaluation-deviation", 11, "indicators[1]"),
        n("evaluation-overspent", 7, "budget.executed"),
        n("evaluation-score", 12, "indicators[2].score"),
        n("evaluation-total", 15, "total_score"),
        n("evaluation-unmatched", 14, "indicators[4]"),
        n("evaluation-weights", 10, "indicators"),
    ];
    assert_eq!(found, expected);
    // An explained overspend (gengdi 2024: 105.00%) is not reported, and
    // nothing here blocks publication: warnings only.
    assert!(site.cmd(&["check"]).output().unwrap().status.success());
    let strict = site.cmd(&["check", "--deny-warnings"]).output().unwrap();
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn an_evaluation_without_its_target_table_is_refused_by_name() {
    let site = fixture();
    site.build();
    let before = site.output_tree();
    site.remove("content/300001/nongji-2024.yaml");
    let err = site.build_fails();
    assert!(err.contains("evaluation-orphan"), "{err}");
    assert!(err.contains("nongji-2024.evaluation.yaml"), "{err}");
    assert!(err.contains("content/300001/nongji-2024.yaml"), "{err}");
    // A failed build leaves the previous output untouched.
    assert_eq!(site.output_tree(), before);
}

#[test]
fn an_evaluation_of_another_year_is_refused() {
    let site = fixture();
    let text = site.read(NONGJI).replace("year: 2023", "year: 2024");
    site.write(NONGJI, text);
    let err = site.build_fails();
    assert!(err.contains("evaluation-year"), "{err}");
    assert!(err.contains("nongji-2023.evaluation.yaml"), "{err}");
}

#[test]
fn a_contradiction_is_an_error_with_its_line() {
    let site = fixture();
    let text = site
        .read(NONGJI)
        .replace("actual: \"312台\",", "actual: \"312台\", missing: blank,");
    site.write(NONGJI, text);
    let err = site.build_fails();
    assert!(err.contains("evaluation-conflict"), "{err}");
    assert!(err.contains("nongji-2023.evaluation.yaml:11:"), "{err}");
}

#[test]
fn rebuilds_after_evaluation_edits_equal_a_clean_build() {
    let site = fixture();
    let mut session = session(&site);
    let rebuild = |session: &mut gongkai::build::Session, paths: &[&str]| {
        let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        session.rebuild(&paths)
    };
    // Edit an evaluation: only its project's outputs and the indexes.
    let text = site.read(NONGJI).replace("\"312台\"", "\"290台\"");
    site.write(NONGJI, text);
    let report = rebuild(&mut session, &[NONGJI]).unwrap();
    assert!(!report.full);
    assert_same_tree(site.output_tree(), clean_build(&site));
    // Add one to a project that had none.
    let added = "content/300001/shuili-2023.evaluation.yaml";
    site.write(
        added,
        "year: 2023\nbudget: {full_year: '50', executed: '49'}\nindicators:\n  - {level1: 产出指标, level2: 数量指标, name: 维护渠道长度, actual: 21公里}\n",
    );
    rebuild(&mut session, &[added]).unwrap();
    assert_same_tree(site.output_tree(), clean_build(&site));
    // Remove the target table and leave its evaluation: refused.
    let project = "content/300001/shuili-2023.yaml";
    let kept = site.read(project);
    site.remove(project);
    let err = rebuild(&mut session, &[project]).unwrap_err();
    assert!(format!("{err:?}").contains("evaluation-orphan"), "{err:?}");
    // Put it back: the site builds again, equal to a clean build.
    site.write(project, kept);
    rebuild(&mut session, &[project]).unwrap();
    assert_same_tree(site.output_tree(), clean_build(&site));
    // Delete the evaluation: the project stands alone again.
    site.remove(added);
    rebuild(&mut session, &[added]).unwrap();
    assert_same_tree(site.output_tree(), clean_build(&site));
}

#[test]
fn a_cached_build_sees_an_edited_evaluation() {
    let site = fixture();
    site.build();
    let text = site.read(NONGJI).replace("\"312台\"", "\"288台\"");
    site.write(NONGJI, text);
    // Past the cache's racy window, so that the size change is what
    // gives the edit away.
    site.build();
    assert_same_tree(site.output_tree(), clean_build(&site));
}

/// Two output trees are equal; else the paths that differ.
fn assert_same_tree(got: Vec<(String, Vec<u8>)>, want: Vec<(String, Vec<u8>)>) {
    let differ: Vec<&String> = got
        .iter()
        .filter(|(p, b)| want.iter().find(|(q, _)| q == p).map(|(_, c)| c) != Some(b))
        .map(|(p, _)| p)
        .chain(
            want.iter()
                .filter(|(p, _)| !got.iter().any(|(q, _)| q == p))
                .map(|(p, _)| p),
        )
        .collect();
    assert!(differ.is_empty(), "outputs differ: {differ:?}");
}

#[test]
fn diff_shows_what_changed_in_an_evaluation() {
    let site = fixture();
    git(site.root(), &["init", "-q", "-b", "main"]);
    git(site.root(), &["add", "-A"]);
    git(site.root(), &["commit", "-q", "-m", "targets and results"]);
    let text = site
        .read(NONGJI)
        .replace("\"312台\"", "\"290台\"")
        .replace("executed: \"84.00\"", "executed: \"84.0\"");
    site.write(NONGJI, text);
    git(site.root(), &["commit", "-q", "-am", "a corrected result"]);
    // Between two commits, both sides read from git: only the achieved
    // value moved (84.00 and 84.0 are one figure).
    let out = site
        .cmd(&["diff", "HEAD~1", "HEAD", "--format", "json"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let projects = doc["projects"].as_array().unwrap();
    assert_eq!(projects.len(), 1, "{doc:#}");
    let changes = projects[0]["evaluation"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{doc:#}");
    assert_eq!(
        changes[0]["field"],
        "自评 › 产出指标 › 数量指标 › 补贴机具数量 › 实际完成值"
    );
    assert_eq!(changes[0]["old"], "312台");
    assert_eq!(changes[0]["new"], "290台");
    // The target table did not change: no revision of it is asked for.
    assert_eq!(projects[0]["revision_needed"], false);
    let report = site
        .cmd_in_site_language(&["diff", "HEAD~1", "HEAD"])
        .output()
        .unwrap();
    let report = String::from_utf8(report.stdout).unwrap();
    assert!(report.contains("七、绩效自评"), "{report}");
    assert!(report.contains("290台"), "{report}");
    // An evaluation with no target table on one side is named, not lost.
    site.remove("content/300001/nongji-2023.yaml");
    git(site.root(), &["commit", "-q", "-am", "target table gone"]);
    let out = site.cmd(&["diff", "HEAD~1", "HEAD"]).output().unwrap();
    let all =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(all.contains("evaluation-orphan"), "{all}");
}

#[cfg(unix)]
#[test]
fn a_hostile_evaluation_file_is_refused_and_never_read() {
    let site = fixture();
    let link = site
        .root()
        .join("content/300001/shuili-2023.evaluation.yaml");
    std::os::unix::fs::symlink("/etc/passwd", &link).unwrap();
    let fifo = site
        .root()
        .join("content/300001/nongji-2024.evaluation.yaml");
    std::fs::remove_file(&fifo).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // A FIFO would block a reader forever; it is named, never opened.
    let err = site.build_fails();
    assert!(err.contains("link-outside"), "{err}");
    assert!(err.contains("shuili-2023.evaluation.yaml"), "{err}");
    assert!(err.contains("file-type"), "{err}");
    assert!(err.contains("nongji-2024.evaluation.yaml"), "{err}");
    assert!(!err.contains("root:"), "{err}");
}

#[test]
fn evaluation_csv_is_linked_where_it_exists_and_described() {
    let site = fixture();
    site.build();
    let page = site.read("public/2023/300001/index.html");
    assert!(
        page.contains("href=\"../../2023/300001/evaluation.csv\" download>下载 绩效自评 CSV（"),
        "{page}"
    );
    let open = site.read("public/open-data/index.html");
    assert!(open.contains("2023/300001/evaluation.csv"), "{open}");
    assert!(open.contains("绩效自评（evaluation.csv）的字段"), "{open}");
    assert!(open.contains("<code>execution_rate</code>"), "{open}");
    // A site without any 绩效自评 has neither the file nor its fields.
    let plain = TestSite::example();
    plain.build();
    let open = plain.read("public/open-data/index.html");
    assert!(!open.contains("evaluation.csv\""), "{open}");
    assert!(!open.contains("<code>execution_rate</code>"), "{open}");
    assert!(!plain.public().join("2023/504001/evaluation.csv").exists());
}

#[test]
fn the_cms_bundle_carries_the_evaluation_without_links_or_charts() {
    let site = fixture();
    let bundle = site.root().join("cms.zip");
    let out = site
        .cmd(&["export", "--cms", bundle.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&bundle).unwrap()).unwrap();
    let mut fragment = String::new();
    std::io::Read::read_to_string(
        &mut zip
            .by_name("records/2023/300001/nongji-2023/content.html")
            .unwrap(),
        &mut fragment,
    )
    .unwrap();
    assert!(fragment.contains("id=\"evaluation\""), "{fragment}");
    assert!(fragment.contains("105.00%"), "{fragment}");
    assert!(fragment.contains("未达成"), "{fragment}");
    for banned in ["href=", "<svg", "<script"] {
        assert!(!fragment.contains(banned), "{banned} in {fragment}");
    }
}

#[test]
fn corrections_list_the_revisions_of_an_evaluation() {
    let site = fixture();
    site.build();
    let page = site.read("public/corrections/index.html");
    assert!(
        page.contains(
            "<a href=\"../2023/300001/gengdi-2023/index.html#evaluation\">耕地地力保护补贴 绩效自评表</a>"
        ),
        "{page}"
    );
    assert!(page.contains("（原误填 "), "{page}");
    let project = site.read("public/2023/300001/gengdi-2023/index.html");
    assert!(project.contains("（原误填 "), "{project}");
}
