//! The human report of `gongkai check` on the example site: the grouped
//! default (a group per rule, its first places, the advice once) and the
//! full listing of `--verbose` (every finding with its snippet, under a
//! heading per file).

use crate::common::TestSite;

const JIUYE: &str = "content/504001/jiuye-baozhangjin.yaml";
const KANGFU: &str = "content/504001/kangfu-gongzuo-jingfei.yaml";

#[test]
fn check_human_output_has_locations_and_summary() {
    let site = TestSite::example();
    let output = site.cmd(&["check", "--verbose"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains(&format!("{JIUYE}:53:")), "{stdout}");
    assert!(stdout.contains(&format!("{KANGFU}:41:")), "{stdout}");
    assert!(
        stdout.contains("发放2021年残疾人专干专委生活补助人数"),
        "snippet: {stdout}"
    );
    let last = stdout.lines().last().unwrap_or_default();
    // 33 on the content, site.toml's note that no feeds are made, and its
    // three placeholder filing numbers.
    assert_eq!(last, "0 error(s), 8 warning(s), 37 info", "{stdout}");
    // Findings are grouped under one heading per file, in path order.
    let headings: Vec<&str> = stdout.lines().filter(|l| l.starts_with("── ")).collect();
    assert_eq!(headings.len(), 9, "{stdout}");
    assert!(
        headings.contains(&format!("── {JIUYE}: 8 finding(s)").as_str()),
        "{headings:?}"
    );
    let mut sorted = headings.clone();
    sorted.sort();
    assert_eq!(headings, sorted);
}

#[test]
fn check_groups_warnings_and_notes_by_rule_by_default() {
    let site = TestSite::example();
    let output = site.cmd(&["check"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    // One heading per rule with its count, warnings before notes, the
    // first three places, the advice once, and the way to the full list.
    let headings: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with('⚠') || l.starts_with('☞'))
        .collect();
    assert_eq!(
        headings[0],
        "⚠ value-missing: 7 finding(s) — an indicator value is null (未填报 or 原件无法辨认) or empty",
        "{stdout}"
    );
    assert!(
        headings.iter().position(|h| h.starts_with('☞'))
            > headings.iter().position(|h| h.starts_with('⚠'))
    );
    assert!(
        stdout.contains(&format!("    {KANGFU}:49:12  ")),
        "{stdout}"
    );
    assert_eq!(stdout.matches("value-missing").count(), 1, "{stdout}");
    assert!(
        stdout.contains("… 4 more; run `gongkai check --verbose`"),
        "{stdout}"
    );
    // Short: the verbose listing of the same findings is over 450 lines.
    assert!(stdout.lines().count() < 60, "{stdout}");
    assert_eq!(
        stdout.lines().last().unwrap_or_default(),
        "0 error(s), 8 warning(s), 37 info"
    );
    // An error is still shown whole, with its snippet.
    let text = site.read(KANGFU).replace("year: 2023", "year: 1980");
    site.write(KANGFU, text);
    let stdout =
        String::from_utf8_lossy(&site.cmd(&["check"]).output().unwrap().stdout).into_owned();
    assert!(stdout.contains("year-range"), "{stdout}");
    assert!(stdout.contains("╭─["), "{stdout}");
}
