//! The sitemap and the Atom feeds (issue 24), read back with an
//! independent XML parser (python3's `xml.etree`): made only with a base
//! URL, listing every page, dated only from the content, byte-identical
//! across builds and after incremental rebuilds. The sitemap's split at
//! 50,000 URLs is tested in `src/render/feeds/sitemap.rs` on URLs made in
//! memory (a real site of 50,001 pages would take minutes to build).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::{TestSite, clean_build, session, succeeded};

const KANGFU: &str = "content/504001/kangfu-gongzuo-jingfei.yaml";
const JIUYE: &str = "content/504001/jiuye-baozhangjin.yaml";
const BASE: &str = "https://www.example.gov.cn/yusuan/";

/// The example site with a base URL under a sub-path, the site's 发布日期
/// a real date, and one project corrected twice (dates in two styles).
fn feed_site(extra: &str) -> TestSite {
    let site = TestSite::example();
    let toml = site.read("site.toml").replace(
        "published = \"（示例）2023-03-01\"",
        "published = \"2023年3月1日\"",
    );
    site.write(
        "site.toml",
        format!("{toml}\n[feeds]\nbase_url = \"https://www.example.gov.cn/yusuan\"\n{extra}"),
    );
    let text = site.read(KANGFU);
    site.write(
        KANGFU,
        format!(
            "{text}revisions:\n  - {{date: \"2023-05-10\", note: 更正指标值}}\n  \
             - {{date: \"2023年4月2日\", note: 补充原件}}\n"
        ),
    );
    site
}

/// `file` parsed by python3's `xml.etree` into nested JSON: each element
/// as `{tag, text, attrib, children}`, namespaces stripped from tags.
fn parse(file: &Path) -> Value {
    const SCRIPT: &str = r#"
import json, sys, xml.etree.ElementTree as ET
def conv(e):
    return {"tag": e.tag.split("}")[-1], "text": (e.text or "").strip(),
            "attrib": e.attrib, "children": [conv(c) for c in e]}
print(json.dumps(conv(ET.parse(sys.argv[1]).getroot())))
"#;
    let output = Command::new("python3")
        .args(["-c", SCRIPT])
        .arg(file)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn children<'a>(element: &'a Value, tag: &str) -> Vec<&'a Value> {
    element["children"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["tag"] == tag)
        .collect()
}

fn text_of(element: &Value, tag: &str) -> String {
    children(element, tag)
        .first()
        .map(|c| c["text"].as_str().unwrap().to_owned())
        .unwrap_or_default()
}

/// Every HTML file of the output but 404.html, as paths.
fn html_pages(public: &Path) -> BTreeSet<String> {
    crate::common::tree(public)
        .into_iter()
        .map(|(path, _)| path)
        .filter(|p| p.ends_with(".html") && p != "404.html")
        .collect()
}

#[test]
fn without_a_base_url_there_are_no_feeds_and_check_says_so() {
    let site = TestSite::example();
    succeeded(site.build());
    for file in ["sitemap.xml", "feed.xml", "robots.txt", "2023/feed.xml"] {
        assert!(!site.public().join(file).exists(), "{file}");
    }
    assert!(
        !site
            .read("public/index.html")
            .contains("application/atom+xml")
    );
    let output = site.cmd(&["check"]).output().unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(out.contains("feeds-no-base-url"), "{out}");
    // The dates are not judged while no feed uses them.
    assert!(!out.contains("feed-undated"), "{out}");
}

#[test]
fn the_sitemap_lists_every_page_once_with_absolute_urls() {
    let site = feed_site("");
    succeeded(site.build());
    let public = site.public();
    let root = parse(&public.join("sitemap.xml"));
    assert_eq!(root["tag"], "urlset");
    let urls = children(&root, "url");
    let listed: BTreeSet<String> = urls
        .iter()
        .map(|u| {
            let loc = text_of(u, "loc");
            loc.strip_prefix(BASE)
                .unwrap_or_else(|| panic!("{loc} is not under {BASE}"))
                .to_owned()
        })
        .collect();
    assert_eq!(listed.len(), urls.len(), "a URL is listed twice");
    assert_eq!(listed, html_pages(&public));
    // A project's page is dated by its latest correction, others not at all.
    let lastmod = |path: &str| {
        urls.iter()
            .find(|u| text_of(u, "loc") == format!("{BASE}{path}"))
            .map(|u| text_of(u, "lastmod"))
            .unwrap()
    };
    assert_eq!(
        lastmod("2023/504001/kangfu-gongzuo-jingfei/index.html"),
        "2023-05-10"
    );
    assert_eq!(
        lastmod("2023/504001/jiuye-baozhangjin/index.html"),
        "2023-03-01"
    );
    assert_eq!(lastmod("index.html"), "");
    // Under a sub-path, crawlers would never read a robots.txt.
    assert!(!public.join("robots.txt").exists());
}

#[test]
fn feeds_are_dated_from_the_content_newest_first() {
    let site = feed_site("entries = 3\n");
    succeeded(site.build());
    let public = site.public();
    let feed = parse(&public.join("2023/feed.xml"));
    assert_eq!(feed["tag"], "feed");
    assert_eq!(text_of(&feed, "id"), format!("{BASE}2023/feed.xml"));
    let entries = children(&feed, "entry");
    assert_eq!(entries.len(), 3, "the configured limit");
    // The corrected project first, updated on its latest revision (the
    // list's order does not matter), published on the site's date.
    let first = entries[0];
    assert_eq!(
        text_of(first, "id"),
        format!("{BASE}2023/504001/kangfu-gongzuo-jingfei/index.html")
    );
    assert_eq!(text_of(first, "updated"), "2023-05-10T00:00:00+08:00");
    assert_eq!(text_of(first, "published"), "2023-03-01T00:00:00+08:00");
    assert!(text_of(first, "summary").contains("更正指标值"));
    assert_eq!(text_of(&feed, "updated"), "2023-05-10T00:00:00+08:00");
    // Equal days keep the projects' own order (department, year, file).
    let ids: Vec<String> = entries[1..].iter().map(|e| text_of(e, "id")).collect();
    assert_eq!(
        ids,
        [
            format!("{BASE}2023/504001/cun-canlian-gongzuo-jingfei/index.html"),
            format!("{BASE}2023/504001/jiuye-baozhangjin/index.html"),
        ]
    );
    // Every date in the feeds is one the content states; none is today's.
    let stated = [
        "2023-03-01T00:00:00+08:00",
        "2023-04-02T00:00:00+08:00",
        "2023-05-10T00:00:00+08:00",
    ];
    for file in ["feed.xml", "2023/feed.xml"] {
        let text = site.read(&format!("public/{file}"));
        for date in text
            .split("<updated>")
            .skip(1)
            .chain(text.split("<published>").skip(1))
        {
            let date = &date[..date.find('<').unwrap()];
            assert!(stated.contains(&date), "{file}: {date}");
        }
    }
    // Each page's head links its year's feed and the site's, relatively.
    let page = site.read("public/2023/504001/index.html");
    assert!(page.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"../../2023/feed.xml\""
    ));
    assert!(page.contains("href=\"../../feed.xml\""), "{page}");
    assert!(
        !site
            .read("public/404.html")
            .contains("application/atom+xml")
    );
}

#[test]
fn an_undated_project_is_left_out_and_check_names_it() {
    let site = feed_site("");
    // No site date: only the corrected project has one; a revision date
    // that cannot be read is named, not guessed.
    let toml = site
        .read("site.toml")
        .replace("published = \"2023年3月1日\"\n", "");
    site.write("site.toml", toml);
    let text = site.read(JIUYE);
    site.write(JIUYE, format!("{text}published: 2023年春\n"));
    succeeded(site.build());
    let feed = parse(&site.public().join("feed.xml"));
    let entries = children(&feed, "entry");
    assert_eq!(entries.len(), 1);
    assert!(
        text_of(entries[0], "published").is_empty(),
        "no 发布日期 written"
    );
    let output = site.cmd(&["check"]).output().unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(out.contains("feed-undated"), "{out}");
    assert!(out.contains("feed-date-unreadable"), "{out}");
    assert!(out.contains("jiuye-baozhangjin.yaml:"), "{out}");
    assert!(!out.contains("feeds-no-base-url"), "{out}");
}

#[test]
fn two_builds_are_byte_identical_and_robots_names_the_sitemap() {
    let site = feed_site("");
    let toml = site.read("site.toml").replace(
        "https://www.example.gov.cn/yusuan",
        "https://www.example.gov.cn",
    );
    site.write("site.toml", toml);
    succeeded(site.build());
    let first = site.output_tree();
    let again = clean_build(&site);
    assert_eq!(first, again);
    assert_eq!(
        site.read("public/robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://www.example.gov.cn/sitemap.xml\n"
    );
}

#[test]
fn a_bad_base_url_is_an_error_at_its_line_and_column() {
    let site = TestSite::example();
    let toml = site.read("site.toml");
    let line = toml.lines().count() + 3;
    site.write(
        "site.toml",
        format!("{toml}\n[feeds]\nbase_url = \"www.example.gov.cn\"\n"),
    );
    let err = site.build_fails();
    assert!(err.contains(&format!("site.toml:{line}:12")), "{err}");
    assert!(err.contains("www.example.gov.cn"), "{err}");
}

fn rebuild(session: &mut gongkai::build::Session, paths: &[&str]) {
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    session.rebuild(&paths).unwrap();
}

#[test]
fn editing_revisions_and_adding_a_project_rebuild_like_a_clean_build() {
    let site = feed_site("");
    let mut session = session(&site);
    let before = site.read("public/feed.xml");
    let text = site.read(JIUYE);
    site.write(
        JIUYE,
        format!("{text}revisions:\n  - {{date: \"2023/6/1\", note: 更正金额}}\n"),
    );
    rebuild(&mut session, &[JIUYE]);
    let after = site.read("public/feed.xml");
    assert_ne!(before, after);
    assert!(after.contains("<updated>2023-06-01T00:00:00+08:00</updated>"));
    assert!(
        site.read("public/sitemap.xml")
            .contains("<lastmod>2023-06-01</lastmod>")
    );
    assert_eq!(site.output_tree(), clean_build(&site));
    // A new project is a new page: the sitemap and the feeds list it.
    site.project("504001", "xin-xiangmu", "新项目", "3.25");
    rebuild(&mut session, &["content/504001/xin-xiangmu.yaml"]);
    assert!(
        site.read("public/sitemap.xml")
            .contains("xin-xiangmu/index.html")
    );
    assert!(site.read("public/2023/feed.xml").contains("新项目"));
    assert_eq!(site.output_tree(), clean_build(&site));
    // Removing the base URL removes every feed.
    let toml = site.read("site.toml");
    let toml = &toml[..toml.find("\n[feeds]").unwrap()];
    site.write("site.toml", format!("{toml}\n"));
    rebuild(&mut session, &["site.toml"]);
    assert!(!site.public().join("sitemap.xml").exists());
    assert_eq!(site.output_tree(), clean_build(&site));
}
