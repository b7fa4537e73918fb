//! `gongkai diff`: a history of commits made with the `git` CLI in a temp
//! dir, read back through gix; each commit is one kind of edit (a rename,
//! a 勘误, a 实质变更 with and without its basis, a deleted project, a
//! weight change), and each section of the report, the classification,
//! the exit codes, the JSON keys, the Markdown limit and textconv are
//! checked on it.

use std::path::Path;
use std::process::Command as Std;

use serde_json::Value;

use crate::common::TestSite;

/// Runs the `git` CLI in `root` with a fixed identity and no user
/// configuration; shared with the evaluation tests' diff case.
pub(crate) fn git(root: &Path, args: &[&str]) {
    let status = Std::new("git")
        .current_dir(root)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
        .args(["-c", "commit.gpgsign=false", "-c", "core.autocrlf=false"])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", root)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

fn commit(site: &TestSite, message: &str) {
    git(site.root(), &["add", "-A"]);
    git(site.root(), &["commit", "-q", "-m", message]);
}

/// Project 甲 with its values, amount, weights and extra YAML.
fn jia(amount: &str, quality: &str, weights: (&str, &str), goal: &str, extra: &str) -> String {
    format!(
        "year: 2024\nname: 项目甲\ncode: A-1\namount: \"{amount}\"\n\
         goals:\n  - {goal}\n\
         indicators:\n\
         \x20 - {{level1: 产出指标, level2: 数量指标, name: 培训人次, value: \"≥45个\", weight: \"{}\"}}\n\
         \x20 - {{level1: 产出指标, level2: 质量指标, name: 合格率, value: \"{quality}\", weight: \"30\"}}\n\
         \x20 - {{level1: 产出指标, level2: 成本指标, name: 人均成本, value: \"≤200元/人\", weight: \"20\"}}\n\
         \x20 - {{level1: 效益指标, level2: 社会效益指标, name: 技能提升, value: 明显提升, weight: \"{}\"}}\n\
         {extra}",
        weights.0, weights.1
    )
}

fn yi(amount: &str, satisfaction: &str, cost: &str) -> String {
    format!(
        "year: 2024\nname: 项目乙\namount: \"{amount}\"\ngoals: [保障运转]\n\
         indicators:\n\
         \x20 - {{level1: 产出指标, level2: 成本指标, name: 人均补助, value: \"{cost}\"}}\n\
         \x20 - {{level1: 效益指标, level2: 社会效益指标, name: 群众受益, value: 提升}}\n\
         \x20 - {{level1: 满意度指标, level2: 服务对象满意度指标, name: 满意度, value: \"{satisfaction}\"}}\n"
    )
}

/// The history, oldest first:
/// 1 the site; 2 丁 renamed; 3 a 勘误 of 甲; 4 乙 changed without a
/// revision; 5 甲's amount changed with a 调整 and its basis; 6 丙
/// deleted; 7 甲's weights changed.
fn history() -> TestSite {
    let site = TestSite::empty();
    git(site.root(), &["init", "-q", "-b", "main"]);
    site.department("100001", "测试局");
    let jia0 = jia("100.00", "≥90%", ("30", "20"), "开展技能培训。", "");
    site.write("content/100001/jia.yaml", &jia0);
    site.write("content/100001/yi.yaml", yi("50.00", "≥90%", "≤200元/人"));
    site.project("100001", "bing", "项目丙", "20.00");
    site.project("100001", "ding", "残疾人康复服务项目", "30.00");
    commit(&site, "1 site");
    site.project("100001", "ding", "残疾人康复服务补助项目", "30.00");
    commit(&site, "2 rename");
    let jia1 = jia(
        "100.00",
        "＞＝９０％",
        ("30", "20"),
        "开展职业技能培训。",
        "",
    );
    site.write("content/100001/jia.yaml", &jia1);
    commit(&site, "3 erratum");
    site.write("content/100001/yi.yaml", yi("50.20", "≥95%", "≤220元/人"));
    commit(&site, "4 substantive without basis");
    let basis = "revisions:\n  - {date: \"2024-06-01\", note: 追加预算, kind: 调整, basis: 测财预〔2024〕1号}\n";
    let jia2 = jia(
        "120.00",
        "＞＝９０％",
        ("30", "20"),
        "开展职业技能培训。",
        basis,
    );
    site.write("content/100001/jia.yaml", &jia2);
    commit(&site, "5 substantive with basis");
    site.remove("content/100001/bing.yaml");
    commit(&site, "6 delete");
    let jia3 = jia(
        "120.00",
        "＞＝９０％",
        ("35", "20"),
        "开展职业技能培训。",
        basis,
    );
    site.write("content/100001/jia.yaml", &jia3);
    commit(&site, "7 weight");
    site
}

/// `gongkai diff OLD NEW --format json`: the document and the exit code.
fn json(site: &TestSite, old: &str, new: &str) -> (Value, i32) {
    let out = site
        .cmd(&["diff", old, new, "--format", "json"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let doc = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    (doc, out.status.code().unwrap())
}

fn project<'a>(doc: &'a Value, file: &str) -> &'a Value {
    doc["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["file"] == format!("content/100001/{file}.yaml"))
        .unwrap_or_else(|| panic!("no {file} in {doc:#}"))
}

fn text(site: &TestSite, args: &[&str]) -> (String, i32) {
    let out = site.cmd_in_site_language(args).output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

#[test]
fn diff_history_sections_classification_and_exit_codes() {
    let site = history();
    // No change: exit 0, for two equal revisions and for a clean tree.
    assert_eq!(json(&site, "HEAD", "HEAD").1, 0);
    let (_, code) = text(&site, &["diff"]);
    assert_eq!(code, 0);
    // An unknown revision is an error: exit 2.
    let (out, code) = text(&site, &["diff", "no-such-rev", "HEAD"]);
    assert_eq!(code, 2, "{out}");

    // 2: a rename, shown with its similarity, still one project.
    let (doc, code) = json(&site, "HEAD~6", "HEAD~5");
    assert_eq!(code, 1);
    let ding = project(&doc, "ding");
    assert_eq!(ding["status"], "changed");
    assert_eq!(ding["class"], "erratum");
    assert_eq!(ding["rename"]["from"], "残疾人康复服务项目");
    let similarity = ding["rename"]["similarity"].as_f64().unwrap();
    assert!(similarity > 0.7 && similarity < 1.0, "{similarity}");
    assert!(doc["totals"].as_array().unwrap().is_empty());

    // 3: full-width forms and a goal's wording: 勘误, no revision needed.
    let (doc, _) = json(&site, "HEAD~5", "HEAD~4");
    let p = project(&doc, "jia");
    assert_eq!(p["class"], "erratum");
    assert_eq!(p["targets"][0]["verdict"], "reworded");
    assert_eq!(p["texts"][0]["field"], "goals");
    assert_eq!(p["revision_needed"], false);

    // 4: amount and targets without a revision: flagged.
    let (doc, _) = json(&site, "HEAD~4", "HEAD~3");
    let p = project(&doc, "yi");
    assert_eq!(p["class"], "substantive");
    assert_eq!(p["revision_needed"], true);
    assert_eq!(p["amount"]["old"], "50.00");
    assert_eq!(p["amount"]["new"], "50.20");
    let verdicts: Vec<(&str, &str)> = p["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["new"].as_str().unwrap(), t["verdict"].as_str().unwrap()))
        .collect();
    assert_eq!(verdicts, [("≤220元/人", "loosened"), ("≥95%", "tightened")]);
    let total = &doc["totals"][0];
    assert_eq!(
        (
            &total["old"],
            &total["new"],
            &total["delta"],
            &total["percent"]
        ),
        (
            &Value::from("150.00"),
            &Value::from("150.20"),
            &Value::from("0.20"),
            &Value::from("0.13")
        )
    );
    let (out, code) = text(&site, &["diff", "HEAD~4", "HEAD~3"]);
    assert_eq!(code, 1);
    for words in [
        "一、合计变化",
        "150.00 → 150.20 万元 (+0.20, +0.13%)",
        "三、金额与资金来源",
        "≥90% → ≥95%  收紧",
        "≤200元/人 → ≤220元/人  放宽",
        "实质变更 需要修订记录",
    ] {
        assert!(out.contains(words), "no {words:?} in\n{out}");
    }

    // 5: a 调整 with its basis: substantive, nothing owed.
    let (doc, _) = json(&site, "HEAD~3", "HEAD~2");
    let p = project(&doc, "jia");
    assert_eq!(p["class"], "substantive");
    assert_eq!(p["revision_needed"], false);
    assert_eq!(p["revisions_added"][0]["basis"], "测财预〔2024〕1号");

    // 6: a deleted project, and the total that fell with it.
    let (doc, _) = json(&site, "HEAD~2", "HEAD~1");
    let p = project(&doc, "bing");
    assert_eq!(p["status"], "removed");
    assert_eq!(p["amount"]["old"], "20.00");
    assert_eq!(doc["totals"][0]["delta"], "-20.00");
    assert_eq!(doc["totals"][0]["percent"], "-40.00");
    assert_eq!(doc["totals"][0]["year"], 2023);

    // 7: a weight change, with the sum re-checked.
    let (doc, _) = json(&site, "HEAD~1", "HEAD");
    let p = project(&doc, "jia");
    assert_eq!(p["weights"][0]["old"], "30");
    assert_eq!(p["weights"][0]["new"], "35");
    assert_eq!(p["weight_sum"]["old"], "100");
    assert_eq!(p["weight_sum"]["new"], "105");
    assert_eq!(p["class"], "substantive");
    let (out, _) = text(&site, &["diff", "HEAD~1", "HEAD"]);
    assert!(out.contains("权重合计：100 → 105"), "{out}");
    assert!(out.contains("不再等于 100"), "{out}");

    // The whole history at once, as a folder against the working tree.
    let (doc, _) = json(&site, "HEAD~6", "HEAD");
    assert_eq!(doc["summary"]["removed"], 1);
    assert_eq!(doc["summary"]["revision_needed"], 1);
}

#[test]
fn diff_findings_introduced_and_resolved_and_the_revision_basis_rule() {
    let site = history();
    // A 调整 without basis: the rule's warning is a finding introduced.
    let revision = "revisions:\n  - {date: \"2024-07-01\", note: 调整, kind: 调整}\n";
    site.write(
        "content/100001/yi.yaml",
        yi("50.20", "≥95%", "≤220元/人") + revision,
    );
    let out = site.cmd(&["diff", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<&str> = doc["findings"]["introduced"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"revision-basis"), "{rules:?}");
    // Adding a revision changes no value: the edit itself is no 调整.
    assert_eq!(project(&doc, "yi")["revision_needed"], false);
    assert_eq!(project(&doc, "yi")["class"], "erratum");
}

#[test]
fn diff_json_keys_are_stable() {
    let site = history();
    let (doc, _) = json(&site, "HEAD~4", "HEAD~3");
    let keys = |v: &Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    let mut top = keys(&doc);
    top.sort();
    assert_eq!(
        top,
        [
            "changed", "findings", "new", "old", "projects", "schema", "summary", "totals", "unit"
        ]
    );
    assert_eq!(doc["schema"], "gongkai-diff/1");
    let mut project_keys = keys(project(&doc, "yi"));
    project_keys.sort();
    assert_eq!(
        project_keys,
        [
            "amount",
            "class",
            "department",
            "evaluation",
            "file",
            "framework",
            "funding",
            "indicators_added",
            "indicators_removed",
            "name",
            "old_file",
            "rename",
            "revision_needed",
            "revisions_added",
            "similar_to",
            "status",
            "targets",
            "texts",
            "weight_sum",
            "weights",
            "year"
        ]
    );
    let mut summary = keys(&doc["summary"]);
    summary.sort();
    assert_eq!(
        summary,
        [
            "added",
            "changed",
            "errata",
            "findings_introduced",
            "findings_resolved",
            "removed",
            "revision_needed",
            "substantive"
        ]
    );
    let mut total = keys(&doc["totals"][0]);
    total.sort();
    assert_eq!(
        total,
        [
            "delta",
            "department",
            "department_name",
            "new",
            "old",
            "percent",
            "year"
        ]
    );
}

#[test]
fn diff_folders_stat_and_record() {
    let site = history();
    let old = TestSite::copy_of(site.root());
    site.write(
        "content/100001/yi.yaml",
        format!("# 乙的注释\n{}", yi("60.00", "≥95%", "≤220元/人")),
    );
    let old_root = old.root().to_str().unwrap();
    let (out, code) = text(&site, &["diff", old_root, "--stat"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("170.20 → 180.00 万元 (+9.80, +5.76%)"),
        "{out}"
    );
    assert!(out.contains("缺少修订记录"), "{out}");
    // --record appends the skeleton, comments kept, no clock date.
    let (out, _) = text(&site, &["diff", "--record"]);
    assert!(out.contains("yi.yaml"), "{out}");
    let yaml = site.read("content/100001/yi.yaml");
    assert!(yaml.starts_with("# 乙的注释\n"), "{yaml}");
    assert!(yaml.contains("- date: \"YYYY-MM-DD\""), "{yaml}");
    assert!(yaml.contains("kind: 调整\n    basis: \"\""), "{yaml}");
    assert!(yaml.contains("# 待核对"), "{yaml}");
    // With --date, the entry takes it; a second change appends after it.
    site.write(
        "content/100001/jia.yaml",
        site.read("content/100001/jia.yaml")
            .replace("\"120.00\"", "\"121.00\""),
    );
    text(&site, &["diff", "--record", "--date", "2024-08-01"]);
    let yaml = site.read("content/100001/jia.yaml");
    assert!(
        yaml.contains("basis: 测财预〔2024〕1号}\n  # 待核对"),
        "{yaml}"
    );
    assert!(yaml.contains("- date: \"2024-08-01\""), "{yaml}");
    let (_, code) = text(&site, &["diff", "--record", "--date", "soon"]);
    assert_eq!(code, 2);
}

#[test]
fn diff_textconv_shows_one_line_per_indicator_in_git_diff() {
    let site = history();
    let bin = assert_cmd::cargo::cargo_bin("gongkai");
    site.write(".gitattributes", "content/**/*.yaml diff=gongkai\n");
    let textconv = format!("{} --lang zh diff --textconv", bin.display());
    git(site.root(), &["config", "diff.gongkai.textconv", &textconv]);
    let out = Std::new("git")
        .current_dir(site.root())
        .args(["diff", "HEAD~4", "HEAD~3", "--", "content/100001/yi.yaml"])
        .env("HOME", site.root())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for line in [
        "-金额 = 50.00 万元",
        "+金额 = 50.20 万元",
        "-满意度指标 › 服务对象满意度指标 › 满意度 = ≥90%",
        "+满意度指标 › 服务对象满意度指标 › 满意度 = ≥95%",
        "-产出指标 › 成本指标 › 人均补助 = ≤200元/人",
    ] {
        assert!(text.lines().any(|l| l == line), "no {line:?} in\n{text}");
    }
}

#[test]
fn diff_markdown_of_a_10000_project_change_fits_a_comment() {
    use gongkai::diff::{Spec, report, source};
    let site = history();
    let old = source::load(site.root(), &Spec::Revision("HEAD~4".into())).unwrap();
    let new = source::load(site.root(), &Spec::Revision("HEAD~3".into())).unwrap();
    let mut diff = gongkai::diff::diff(&old, &new);
    let sample = diff.projects[0].clone();
    diff.projects = (0..10_000)
        .map(|i| {
            let mut p = sample.clone();
            p.department = format!("{}", 200_000 + i / 100);
            p.file = format!("content/{}/p{i}.yaml", p.department).into();
            p
        })
        .collect();
    let text = report::markdown::render(&diff);
    assert!(
        text.chars().count() <= report::markdown::MAX_CHARS,
        "{}",
        text.len()
    );
    assert!(text.contains("<details>"));
    assert!(text.contains("65536"), "no cut note");
    // A small change is whole, without the note.
    let small = report::markdown::render(&gongkai::diff::diff(&old, &new));
    assert!(
        !small.contains("65536") && small.contains("<details>"),
        "{small}"
    );
}
