//! Publication details (issue 15): 发布日期 and 信息来源 from site.toml or
//! the project, 上次更新 from `revisions`, the footer's filing numbers
//! checked, and `init` writing them.

use crate::common::{TestSite, succeeded};

const PAGE: &str = "public/2023/100001/p/index.html";

fn site() -> TestSite {
    let site = TestSite::empty();
    site.department("100001", "测试单位");
    site.project("100001", "p", "项目", "1.00");
    site
}

#[test]
fn publication_details_come_from_site_toml_or_the_project() {
    let site = site();
    site.write(
        "site.toml",
        "title = \"t\"\n[publication]\npublished = \"2024-03-01\"\nsource = \"某县财政局\"\n",
    );
    site.build();
    let page = site.read(PAGE);
    assert!(
        page.contains("<dt>发布日期</dt><dd>2024-03-01</dd>"),
        "{page}"
    );
    assert!(
        page.contains("<dt>信息来源</dt><dd>某县财政局</dd>"),
        "{page}"
    );
    let own = site.read("content/100001/p.yaml")
        + "published: \"2024-04-02\"\nrevisions:\n  - {date: \"2024-05-01\", note: 更正一处指标值}\n  - {date: \"2024-06-09\", note: 补充附件}\n";
    site.write("content/100001/p.yaml", own);
    site.build();
    let page = site.read(PAGE);
    assert!(
        page.contains("<dt>发布日期</dt><dd>2024-04-02</dd>"),
        "{page}"
    );
    assert!(
        page.contains("<dt>上次更新</dt><dd>2024-06-09（补充附件）</dd>"),
        "{page}"
    );
    // A configured date, never the clock: two builds give the same bytes.
    let first = site.read(PAGE);
    site.build();
    assert_eq!(first, site.read(PAGE));
}

#[test]
fn a_government_footer_without_filing_numbers_is_warned_about() {
    let site = site();
    site.write(
        "site.toml",
        "title = \"t\"\n[footer]\norganizer = \"测试单位\"\n",
    );
    let output = site.cmd(&["check", "--format", "json"]).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("\"footer-filings\""), "{text}");
    assert!(text.contains("footer.site_code"), "{text}");
    site.write(
        "site.toml",
        "title = \"t\"\n[footer]\norganizer = \"测试单位\"\nsite_code = \"1\"\nicp = \"2\"\npolice = \"3\"\n",
    );
    let output = site.cmd(&["check", "--format", "json"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&output.stdout).contains("footer-filings"));
}

#[test]
fn init_writes_the_footer_and_publication_given_as_flags() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("site");
    succeeded(
        assert_cmd::Command::cargo_bin("gongkai")
            .unwrap()
            .arg("init")
            .arg(&target)
            .args(["--organizer", "某县财政局", "--icp", "青ICP备1号"])
            .args(["--published", "2024-01-02", "--source", "某县财政局"])
            .output()
            .unwrap(),
    );
    let toml = std::fs::read_to_string(target.join("site.toml")).unwrap();
    assert!(toml.contains("organizer = \"某县财政局\""), "{toml}");
    assert!(toml.contains("icp = \"青ICP备1号\""), "{toml}");
    assert!(toml.contains("# police = "), "{toml}");
    assert!(toml.contains("published = \"2024-01-02\""), "{toml}");
    let ignore = std::fs::read_to_string(target.join(".gitignore")).unwrap();
    assert!(
        ignore.contains("/public/") && ignore.contains("gongkai-"),
        "{ignore}"
    );
}

#[test]
fn the_example_site_shows_its_publication_and_a_complete_footer() {
    let site = TestSite::example();
    site.build();
    let page = site.read("public/2023/504001/jiuye-baozhangjin/index.html");
    for needle in [
        "发布日期",
        "信息来源",
        "网站标识码",
        "ICP备案号",
        "公安机关备案号",
        "（示例）",
    ] {
        assert!(page.contains(needle), "{needle}");
    }
    let title = page
        .split("<title>")
        .nth(1)
        .unwrap()
        .split("</title>")
        .next()
        .unwrap();
    assert_eq!(title.matches("祁连县残疾人联合会").count(), 1, "{title}");
}

/// The filing numbers are checked for their form; a value marked （示例）
/// is a placeholder, an info, not a malformed number (issue 26, polish 4).
#[test]
fn filing_numbers_are_checked_for_their_form() {
    let site = TestSite::empty();
    let check = |footer: &str| {
        site.write(
            "site.toml",
            format!("title = \"t\"\n[footer]\norganizer = \"测试单位\"\n{footer}"),
        );
        let output = site.cmd(&["check", "--format", "json"]).output().unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let good = check(
        "site_code = \"6300000023\"\nicp = \"青ICP备12345678号-1\"\npolice = \"青公网安备63220102000001号\"\n",
    );
    assert!(!good.contains("footer-"), "{good}");
    let bad = check(
        "site_code = \"630000\"\nicp = \"青ICP备12345678\"\npolice = \"公网安备63220102000001号\"\n",
    );
    for field in ["footer.site_code", "footer.icp", "footer.police"] {
        assert!(bad.contains(field), "{field}: {bad}");
    }
    assert_eq!(bad.matches("\"footer-filing-form\"").count(), 3, "{bad}");
    let placeholders = check(
        "site_code = \"（示例）0000000000\"\nicp = \"（示例）青ICP备00000000号\"\npolice = \"（示例）x\"\n",
    );
    assert_eq!(
        placeholders.matches("\"footer-placeholder\"").count(),
        3,
        "{placeholders}"
    );
    assert!(
        !placeholders.contains("footer-filing-form"),
        "{placeholders}"
    );
    // In Chinese, the message names the field and the fix.
    let output = site.cmd_in_site_language(&["check"]).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("公安机关备案号还是示例值"), "{text}");
}
