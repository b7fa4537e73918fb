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
