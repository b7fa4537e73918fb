//! The review gate of issue 21, end to end with the real binary: every
//! `# 待核对` comment that import leaves is a `review-pending` warning of
//! `check` (so `--deny-warnings` refuses to publish unreviewed guesses),
//! the preview's overlay lists them, and two files of one project stop a
//! `watch` until one is removed.

use serde_json::Value as Json;

use crate::common::{TestSite, eventually, project_yaml, repo_root};
use crate::server::{DEADLINE, EventStream, Running};

const PROJECT: &str = "content/504001/kangfu.yaml";
const FLAG: &str = "# 待核对：OCR 未识别到指标值，记为无法辨认";

/// A one-project site whose project has one review flag above its first
/// indicator row, on line 7.
fn flagged_site() -> TestSite {
    let site = TestSite::empty();
    site.department("504001", "测试单位");
    site.write(PROJECT, flagged_project());
    site
}

fn flagged_project() -> String {
    project_yaml("康复经费", "1.00").replacen("  - {", &format!("  {FLAG}\n  - {{"), 1)
}

/// `check --format json` on `site`: the exit code and the report.
fn check_json(site: &TestSite, extra: &[&str]) -> (Option<i32>, Json) {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    let output = site.cmd(&args).output().unwrap();
    let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output.status.code(), report)
}

/// The findings of `rule` in a JSON report.
fn of_rule<'a>(report: &'a Json, rule: &str) -> Vec<&'a Json> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule)
        .collect()
}

#[test]
fn deny_warnings_refuses_a_review_flag_until_it_is_deleted() {
    let site = flagged_site();
    assert_eq!(
        site.read(PROJECT).lines().nth(6),
        Some(format!("  {FLAG}").as_str())
    );
    // A warning: publication is not blocked, `check` exits 0 ...
    let (code, report) = check_json(&site, &[]);
    assert_eq!(code, Some(0), "{report:#}");
    let found = of_rule(&report, "review-pending");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(found[0]["file"], PROJECT);
    assert_eq!(found[0]["line"], 7);
    assert_eq!(found[0]["column"], 3);
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains("OCR 未识别到指标值，记为无法辨认"),
        "{report:#}"
    );
    assert!(found[0]["help"].as_str().unwrap().contains("delete"));
    assert_eq!(report["summary"]["warnings"], 1, "{report:#}");
    site.build();
    // ... but `--deny-warnings` refuses it, naming file, line and rule.
    let output = site.cmd(&["check", "--deny-warnings"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains(&format!("{PROJECT}:7:3")), "{stdout}");
    assert!(stdout.contains("review-pending"), "{stdout}");

    // The reviewer deletes the comment line: the check passes.
    site.write(
        PROJECT,
        site.read(PROJECT).replace(&format!("  {FLAG}\n"), ""),
    );
    let (code, report) = check_json(&site, &["--deny-warnings"]);
    assert_eq!(code, Some(0), "{report:#}");
    assert!(of_rule(&report, "review-pending").is_empty());
}

#[test]
fn a_flag_in_a_department_file_counts_and_the_rule_can_be_relevelled() {
    let site = flagged_site();
    site.write(
        "content/504001/_department.yaml",
        "code: \"504001\"\n# 待核对：来源未写明单位名称\nname: 测试单位\n",
    );
    let (_, report) = check_json(&site, &[]);
    let found = of_rule(&report, "review-pending");
    let places: Vec<(&str, u64)> = found
        .iter()
        .map(|d| (d["file"].as_str().unwrap(), d["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        places,
        [("content/504001/_department.yaml", 2), (PROJECT, 7)],
        "{report:#}"
    );
    // As an error, an unreviewed guess stops the build itself.
    let toml = site.read("site.toml");
    site.write(
        "site.toml",
        format!("{toml}[check.rules]\nreview-pending = \"error\"\n"),
    );
    let stderr = site.build_fails();
    assert!(stderr.contains("review-pending"), "{stderr}");
}

/// The scan agrees with the importer: after importing the seed, `check`
/// reports exactly the flags the import listed, at the same lines.
#[test]
fn every_flag_of_an_import_is_reported_at_its_line() {
    let site = TestSite::empty();
    let seed = repo_root().join("tests/fixtures/import/qilian-504001-ocr.txt");
    let output = site
        .cmd(&[
            "import",
            seed.to_str().unwrap(),
            "--department",
            "504001",
            "--year",
            "2023",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    // `content/504001/x.yaml:12: 待核对：why`, one line per flag.
    let mut listed: Vec<(String, u64)> = stderr
        .lines()
        .filter_map(|l| l.split_once(": 待核对："))
        .filter_map(|(place, _)| {
            let (file, line) = place.rsplit_once(':')?;
            Some((file.to_owned(), line.parse().ok()?))
        })
        .collect();
    listed.sort();
    assert!(listed.len() >= 20, "{stderr}");
    let (code, report) = check_json(&site, &["--deny-warnings"]);
    assert_eq!(code, Some(1), "unreviewed guesses must not pass");
    let mut reported: Vec<(String, u64)> = of_rule(&report, "review-pending")
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    reported.sort();
    assert_eq!(reported, listed);
}

#[test]
fn the_example_site_has_no_review_flags() {
    let (code, report) = check_json(&TestSite::example(), &[]);
    assert_eq!(code, Some(0));
    assert!(of_rule(&report, "review-pending").is_empty());
    assert!(of_rule(&report, "project-duplicate").is_empty());
    assert_eq!(report["summary"]["warnings"], 8, "{report:#}");
}

#[test]
fn serve_lists_the_open_flags_with_file_and_line() {
    let site = flagged_site();
    let server = Running::serve(&site, &[]);
    let status = server.status();
    assert_eq!(status["ok"], true, "{status:#}");
    let reviews = &status["reviews"];
    assert_eq!(reviews["total"], 1, "{status:#}");
    assert_eq!(reviews["items"][0]["place"], format!("{PROJECT}:7:3"));
    assert_eq!(
        reviews["items"][0]["reason"],
        "OCR 未识别到指标值，记为无法辨认"
    );
    assert!(reviews["title"].as_str().unwrap().contains("待核对"));
    // A browser that connects is told at once, as data for the overlay.
    let mut events = EventStream::open(&server.addr);
    assert!(events.wait_for("event: reviews"), "{:?}", events.seen);
    assert!(
        events.wait_for(&format!("{PROJECT}:7:3")),
        "{:?}",
        events.seen
    );

    // A broken save shows its error, and the list stays.
    let good = site.read(PROJECT);
    site.write(PROJECT, good.replace("amount:", "amuont:"));
    assert!(
        eventually(DEADLINE, || server.status()["ok"] == false),
        "{}",
        server.output()
    );
    assert_eq!(server.status()["reviews"]["total"], 1);

    // The reviewer deletes the flag: the list empties, and the browser is
    // told so.
    site.write(PROJECT, good.replace(&format!("  {FLAG}\n"), ""));
    assert!(
        eventually(DEADLINE, || server.status()["reviews"]["total"] == 0),
        "{}",
        server.output()
    );
    assert_eq!(server.status()["ok"], true);
    assert!(events.wait_for("\"total\":0"), "{:?}", events.seen);
}

#[test]
fn the_overlay_sets_text_never_html() {
    let site = flagged_site();
    // A reason that would be markup if it were ever parsed as HTML.
    site.write(
        PROJECT,
        flagged_project().replace("OCR 未识别到指标值", "<img src=x onerror=alert(1)>"),
    );
    let server = Running::serve(&site, &[]);
    let reason = server.status()["reviews"]["items"][0]["reason"].clone();
    assert_eq!(reason, "<img src=x onerror=alert(1)>，记为无法辨认");
    let script = server.get("/__gongkai/livereload.js").text();
    assert!(script.contains("textContent"));
    for unsafe_sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
    ] {
        assert!(!script.contains(unsafe_sink), "{unsafe_sink} in the script");
    }
}

#[test]
fn watch_stops_at_a_duplicate_project_until_it_is_removed() {
    let site = TestSite::example();
    let watch = Running::watch(&site, &[]);
    // Imported twice: the same project under a `-2` file name, which
    // comes first in path order, so the finding is on the original (the
    // file this save did not touch) and names the copy.
    let original = "content/504001/kangfu-gongzuo-jingfei.yaml";
    let copy = "content/504001/kangfu-gongzuo-jingfei-2.yaml";
    site.write(copy, site.read(original));
    let line = watch.wait_for_line("not rebuilt", DEADLINE);
    assert!(line.starts_with(copy), "{line}");
    assert!(
        eventually(DEADLINE, || watch.output().contains("project-duplicate")),
        "{}",
        watch.output()
    );
    let output = watch.output();
    assert!(output.contains(&format!("{original}:3:")), "{output}");
    assert!(
        !site
            .public()
            .join("2023/504001/kangfu-gongzuo-jingfei-2")
            .exists()
    );
    site.remove(copy);
    watch.wait_for_line("changed →", DEADLINE);
}
