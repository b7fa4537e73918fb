//! The build cache (`src/build/cache.rs`): a `build` with no change writes
//! nothing, one with a changed project renders only what it feeds, and
//! whatever the cache holds, the output equals a clean build.

use std::path::PathBuf;

use gongkai::build::{self, BuildOptions, BuildReport};

use crate::common::{TestSite, clean_build, session};

const KANGFU: &str = "content/504001/kangfu-gongzuo-jingfei.yaml";

fn build(site: &TestSite) -> BuildReport {
    build::build(&BuildOptions {
        root: site.root().to_path_buf(),
        output_dir: None,
        force: false,
    })
    .unwrap()
}

fn cache_files(site: &TestSite) -> Vec<PathBuf> {
    std::fs::read_dir(site.root().join(".public.gongkai-cache"))
        .map(|dir| dir.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default()
}

#[test]
fn a_build_with_no_change_renders_and_writes_nothing() {
    let site = TestSite::example();
    let first = build(&site);
    assert!(first.rendered > 40 && first.files.written == first.rendered);
    let before = site.output_tree();
    let again = build(&site);
    assert_eq!((again.rendered, again.files.written), (0, 0));
    assert_eq!(again.files.unchanged, first.rendered);
    assert_eq!((again.projects, again.pages), (first.projects, first.pages));
    // The findings are the last build's, printed again.
    assert_eq!(again.diagnostics, first.diagnostics);
    assert_eq!(site.output_tree(), before);
    assert_eq!(cache_files(&site).len(), 1);
}

#[test]
fn one_changed_project_renders_only_what_it_feeds() {
    let site = TestSite::example();
    let first = build(&site);
    let text = site
        .read(KANGFU)
        .replace("amount: \"1.00\"", "amount: \"1.50\"");
    site.write(KANGFU, text);
    let report = build(&site);
    // Its page and files, its department-year's and year's, the indexes
    // and the search files: not the other seven projects' outputs.
    assert!(
        report.rendered > 0 && report.rendered < first.rendered / 2,
        "{} of {}",
        report.rendered,
        first.rendered
    );
    assert!(
        !site
            .read("public/2023/504001/index.html")
            .contains("219.50")
    );
    assert!(site.read("public/index.html").contains("220.50"));
    assert_eq!(site.output_tree(), clean_build(&site));
}

#[test]
fn removed_and_added_projects_equal_a_clean_build() {
    let site = TestSite::example();
    build(&site);
    site.remove("content/504001/zhucanri-weiwenjin.yaml");
    site.project("504001", "xin", "新项目", "3.25");
    let report = build(&site);
    assert!(report.rendered > 0 && report.files.removed > 0);
    assert_eq!(site.output_tree(), clean_build(&site));
    // A project of a new year changes every page's year switcher.
    let next_year = site.read(KANGFU).replace("year: 2023", "year: 2024");
    site.write("content/504001/kangfu-2024.yaml", next_year);
    build(&site);
    assert_eq!(site.output_tree(), clean_build(&site));
}

#[test]
fn a_deleted_output_file_is_rendered_again() {
    let site = TestSite::example();
    build(&site);
    let page = site.public().join("2023/index.html");
    let bytes = std::fs::read(&page).unwrap();
    std::fs::remove_file(&page).unwrap();
    let report = build(&site);
    assert!(report.rendered > 0);
    assert_eq!(std::fs::read(&page).unwrap(), bytes);
}

#[test]
fn a_changed_configuration_or_theme_rebuilds_everything() {
    let site = TestSite::example();
    let first = build(&site);
    let config = site
        .read("site.toml")
        .replace("部门预算项目支出绩效目标公开", "绩效目标公开");
    site.write("site.toml", config);
    let report = build(&site);
    assert_eq!(report.rendered, first.rendered);
    site.write("themes/default/i18n/zh-CN.toml", "total = \"总计\"\n");
    let report = build(&site);
    assert_eq!(report.rendered, first.rendered);
    assert!(site.read("public/2023/504001/index.html").contains("总计"));
}

#[test]
fn a_corrupt_or_foreign_cache_is_ignored() {
    let site = TestSite::example();
    let first = build(&site);
    for junk in ["{not json", "{\"format\": 999}", ""] {
        for file in cache_files(&site) {
            std::fs::write(file, junk).unwrap();
        }
        let report = build(&site);
        assert_eq!(report.rendered, first.rendered, "{junk:?}");
        assert_eq!(report.files.written, 0);
    }
}

#[test]
fn a_preview_rebuild_forgets_the_cache() {
    let site = TestSite::example();
    build(&site);
    assert_eq!(cache_files(&site).len(), 1);
    let mut session = session(&site);
    let text = site
        .read(KANGFU)
        .replace("amount: \"1.00\"", "amount: \"1.25\"");
    site.write(KANGFU, text);
    session.rebuild(&[PathBuf::from(KANGFU)]).unwrap();
    assert!(cache_files(&site).is_empty());
    let report = build(&site);
    assert_eq!(report.files.written, 0);
    assert_eq!(site.output_tree(), clean_build(&site));
}

/// An edit that keeps the file's size and lands in the same tick of the
/// file system's clock as the build before it leaves the time as it was:
/// the cache must not trust a time that close to its build ("racy git").
#[test]
fn an_edit_within_the_same_clock_tick_is_seen() {
    let site = TestSite::example();
    let path = site.root().join(KANGFU);
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    let tick = std::time::SystemTime::now();
    file.set_modified(tick).unwrap();
    build(&site);
    let text = site
        .read(KANGFU)
        .replace("amount: \"1.00\"", "amount: \"1.50\"");
    site.write(KANGFU, text);
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(tick).unwrap();
    let report = build(&site);
    assert!(report.rendered > 0);
    assert!(site.read("public/index.html").contains("220.50"));
}
