//! Search: the index files a build writes, and the search itself in a
//! real browser (`tests/audit/search.mjs`) over the recall fixture.
//!
//! The browser part needs the audit's tools (chromium, node and the npm
//! packages of `tests/audit`); without them it is skipped with the install
//! command, or fails under `GONGKAI_REQUIRE_AUDIT=1`, as the audit does.

use std::fs;
use std::io::Write as _;
use std::path::Path;
use std::process::Command;

use crate::audit::{ONE_AT_A_TIME, audit_dir, screenshots_dir, tools};
use crate::common::{TestSite, copy_tree, provinces_root, repo_root, stress_root, years_root};

/// The portal fixture: the example site and the provinces, years and
/// stress fixtures as one site of 50 projects in 10 departments and three
/// years, served from a sub-path.
fn portal() -> TestSite {
    let site = TestSite::example();
    site.write(
        "site.toml",
        format!("base_path = \"/portal/\"\n{}", site.read("site.toml")),
    );
    for root in [provinces_root(), years_root(), stress_root()] {
        for entry in fs::read_dir(root.join("content")).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name != "pages" {
                copy_tree(&path, &site.root().join("content").join(name));
            }
        }
    }
    site
}

#[test]
fn the_index_has_a_file_per_project_and_shard() {
    let site = TestSite::example();
    site.build();
    let manifest = site.read("public/search/manifest.js");
    assert!(
        manifest.starts_with("gongkaiSearch.manifest({"),
        "{manifest}"
    );
    assert!(manifest.contains("\"docs\":8"), "{manifest}");
    assert!(
        manifest.contains("\"ranges\":[[2023,\"504001\",0,8]]"),
        "{manifest}"
    );
    let shard = site.read("public/search/shard-0.js");
    // 康复 is in the text of 残疾人就业保障金 (id 1: other, 1×32+4 = "10"
    // in base 36) and in the name and text of 残疾人康复工作经费 (id 2: one
    // more, name and other, 1×32+5 = "11").
    assert!(shard.contains("\"康复\":\"10,11\""), "{shard}");
    let text = site.read("public/2023/504001/weiquan-gongzuo-jingfei/search.js");
    assert!(
        text.starts_with("gongkaiSearch.text(\"2023/504001/weiquan-gongzuo-jingfei/index.html\",[")
    );
    let meta = site.read("public/search/meta-0.js");
    assert!(meta.contains("[\"残疾人维权工作经费\",\"祁连县残疾人联合会\",2023,\"1.00 万元\",\"2023/504001/weiquan-gongzuo-jingfei/index.html\"]"), "{meta}");
    // Every page has the box; the search page has its own form instead.
    assert!(site.read("public/index.html").contains("role=\"search\""));
    let page = site.read("public/search/index.html");
    assert_eq!(page.matches("role=\"search\"").count(), 1, "{page}");
    assert_eq!(page.matches("role=\"status\"").count(), 1, "{page}");
    // Without JavaScript, the search page leads to the indexes.
    assert!(page.contains("href=\"../2023/index.html\""), "{page}");
    assert!(page.contains("href=\"../504001/index.html\""), "{page}");
}

#[test]
fn an_edit_reaches_the_index_and_a_switched_off_search_leaves_nothing() {
    let site = TestSite::example();
    site.build();
    let file = "content/504001/liangjie-weiwenjin.yaml";
    site.write(
        file,
        site.read(file)
            .replace("name: 两节慰问金", "name: 两节慰问金（春节、端午）"),
    );
    site.build();
    let shards = site.read("public/search/shard-0.js");
    assert!(shards.contains("\"端午\":"), "the new words are indexed");
    site.write(
        "site.toml",
        format!("{}\n[search]\nenabled = false\n", site.read("site.toml")),
    );
    site.build();
    for (path, bytes) in site.output_tree() {
        assert!(
            !path.starts_with("search/") && !path.ends_with(".js"),
            "{path}"
        );
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("role=\"search\""), "{path}");
    }
}

#[test]
fn the_recall_fixture_matches_the_content() {
    // queries.json is written by expected.py from the fixture content; a
    // content change must come with a regenerated fixture.
    let site = portal();
    let Ok(output) = Command::new("python3")
        .arg(repo_root().join("tests/fixtures/search/expected.py"))
        .arg(site.root())
        .output()
    else {
        return;
    };
    if !output.status.success()
        && String::from_utf8_lossy(&output.stderr).contains("No module named 'yaml'")
    {
        crate::skips::skip(
            "search recall fixture check",
            "python3 module yaml missing; install with: pip install pyyaml",
        );
        return;
    }
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let committed =
        fs::read_to_string(repo_root().join("tests/fixtures/search/queries.json")).unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stdout), committed);
}

#[test]
fn readers_find_projects_in_a_browser_over_http_and_file() {
    let Some(chromium) = tools() else { return };
    let site = portal();
    site.build();
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let output = Command::new("node")
        .arg(audit_dir().join("search.mjs"))
        .arg("--site")
        .arg(site.public())
        .arg("--queries")
        .arg(repo_root().join("tests/fixtures/search/queries.json"))
        .arg("--chromium")
        .arg(&chromium)
        .arg("--shots")
        .arg(screenshots_dir())
        .output()
        .expect("cannot run node");
    let text = String::from_utf8_lossy(&output.stdout);
    let summary = text
        .lines()
        .rfind(|l| l.starts_with("search: "))
        .unwrap_or("search: no summary");
    let _ = writeln!(std::io::stderr(), "{summary}");
    assert!(
        output.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        Path::new(&screenshots_dir())
            .join("search-page-320.png")
            .is_file()
    );
}
