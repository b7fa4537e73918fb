//! Incremental rebuilds through the library API: after any sequence of
//! edits, the output equals a clean build of the same tree.

use std::path::PathBuf;

use gongkai::build::Session;
use gongkai::error::Error;

use crate::common::{TestSite, clean_build, project_yaml, session};

fn rebuild(session: &mut Session, paths: &[&str]) -> gongkai::build::RebuildReport {
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    session.rebuild(&paths).unwrap()
}

const KANGFU: &str = "content/504001/kangfu-gongzuo-jingfei.yaml";

#[test]
fn a_project_edit_renders_only_its_pages() {
    let site = TestSite::example();
    let mut session = session(&site);
    let text = site
        .read(KANGFU)
        .replace("amount: \"1.00\"", "amount: \"1.50\"");
    site.write(KANGFU, text);
    let before = site.output_tree();
    let report = rebuild(&mut session, &[KANGFU]);
    // The project's page and 2 files; its department-year's page and 5
    // files; its year's page and 2 files; the department's landing page,
    // the front page, 开放数据 and 更正说明; the search index's chunk (the amount)
    // and manifest, and the project's own search text, but no shard: an
    // amount is not searched. Not the other 7 projects' 24 outputs. And
    // the three integrity lists, which every step renders.
    assert_eq!(report.rendered, 19 + 3);
    assert!(!report.full);
    assert!(site.read("public/index.html").contains("220.50"));
    // Exactly the files whose bytes changed were written.
    let after = site.output_tree();
    let changed: Vec<String> = after
        .iter()
        .filter(|(path, bytes)| {
            before.iter().find(|(p, _)| p == path).map(|(_, b)| b) != Some(bytes)
        })
        .map(|(path, _)| path.clone())
        .collect();
    let mut written: Vec<String> = report.written.iter().map(|p| p.to_string()).collect();
    written.sort();
    assert_eq!(written, changed);
    assert!(written.contains(&"2023/504001/projects.csv".to_owned()));
    // The year's zip holds the year's projects.csv.
    assert!(written.contains(&"2023/data-csv.zip".to_owned()));
    // The amount is not in the indicator table: those files stay as they were.
    assert!(!written.iter().any(|p| p.ends_with("indicators.csv")));
    assert_eq!(after, clean_build(&site));
}

#[test]
fn a_sequence_of_edits_equals_a_clean_build() {
    let site = TestSite::example();
    let mut session = session(&site);
    // Add a project, rename one, delete one, edit a department, a page,
    // the configuration and a template, each followed by a rebuild.
    site.project("504001", "xin-xiangmu", "新项目", "3.25");
    rebuild(&mut session, &["content/504001/xin-xiangmu.yaml"]);
    let moved = site.read("content/504001/liangjie-weiwenjin.yaml");
    site.remove("content/504001/liangjie-weiwenjin.yaml");
    site.write("content/504001/liangjie.yaml", moved);
    rebuild(
        &mut session,
        &[
            "content/504001/liangjie-weiwenjin.yaml",
            "content/504001/liangjie.yaml",
        ],
    );
    site.remove("content/504001/zhucanri-weiwenjin.yaml");
    rebuild(&mut session, &["content/504001/zhucanri-weiwenjin.yaml"]);
    assert_eq!(site.output_tree(), clean_build(&site));

    site.write(
        "content/504001/_department.yaml",
        "code: \"504001\"\nname: 祁连县残联\n",
    );
    let report = rebuild(&mut session, &["content/504001/_department.yaml"]);
    assert!(report.full);
    site.write(
        "content/pages/about.md",
        "---\ntitle: 关于\n---\n新的说明\n",
    );
    rebuild(&mut session, &["content/pages/about.md"]);
    site.write("themes/default/i18n/zh-CN.toml", "total = \"总计\"\n");
    rebuild(&mut session, &["themes/default/i18n/zh-CN.toml"]);
    assert!(site.read("public/2023/504001/index.html").contains("总计"));
    site.write(
        "content/504002/_department.yaml",
        "code: \"504002\"\nname: 新单位\n",
    );
    site.project("504002", "a", "甲", "1");
    rebuild(&mut session, &["content/504002"]);
    assert_eq!(site.output_tree(), clean_build(&site));
}

#[test]
fn edits_of_searched_words_update_only_their_shards() {
    // The stress site's 30 projects share one shard: each edit of a
    // searched word must rewrite it, and leave the index byte for byte
    // the one a clean build writes.
    let site = TestSite::stress();
    let mut session = session(&site);
    for (file, from, to) in [
        (
            "content/100001/xueqian-jiaoyu.yaml",
            "学前教育发展资金",
            "学前教育发展专项资金",
        ),
        (
            "content/100002/zhongyiyao.yaml",
            "中医药传承与发展",
            "中医药传承创新发展",
        ),
    ] {
        site.write(file, site.read(file).replacen(from, to, 1));
        let report = rebuild(&mut session, &[file]);
        assert!(
            report
                .written
                .iter()
                .any(|p| p.as_str() == "search/shard-0.js"),
            "{:?}",
            report.written
        );
        assert_eq!(site.output_tree(), clean_build(&site));
    }
    // An edit that changes no searched text rewrites no shard.
    let file = "content/100002/zhongyiyao.yaml";
    site.write(file, format!("{}\n# 注释\n", site.read(file)));
    let report = rebuild(&mut session, &[file]);
    assert!(
        report
            .written
            .iter()
            .all(|p| !p.as_str().starts_with("search/"))
    );
    assert_eq!(site.output_tree(), clean_build(&site));
}

#[test]
fn a_bad_save_changes_nothing_and_is_remembered() {
    let site = TestSite::example();
    let mut session = session(&site);
    let before = site.output_tree();
    let good = site.read(KANGFU);
    site.write(KANGFU, good.replace("amount:", "amuont:"));
    let error = session.rebuild(&[PathBuf::from(KANGFU)]).unwrap_err();
    assert!(matches!(error, Error::Content(_)));
    assert_eq!(site.output_tree(), before);

    // A good save elsewhere must not publish past the broken file.
    site.project("504001", "other", "其他", "1");
    assert!(
        session
            .rebuild(&[PathBuf::from("content/504001/other.yaml")])
            .is_err()
    );
    assert_eq!(site.output_tree(), before);

    site.write(KANGFU, good);
    rebuild(&mut session, &[KANGFU]);
    assert_eq!(site.output_tree(), clean_build(&site));
}

#[test]
fn a_duplicate_created_by_an_edit_is_caught() {
    let site = TestSite::example();
    let mut session = session(&site);
    site.write(
        "content/504001/2023/kangfu-gongzuo-jingfei.yaml",
        project_yaml("重复", "1"),
    );
    let error = session
        .rebuild(&[PathBuf::from(
            "content/504001/2023/kangfu-gongzuo-jingfei.yaml",
        )])
        .unwrap_err();
    let Error::Content(diagnostics) = error else {
        panic!("expected content errors")
    };
    assert!(diagnostics.iter().any(|d| d.rule == "duplicate-slug"));
}

/// `project-duplicate` is a site-level rule: a save that copies a project
/// under another file name must fail the rebuild, although the file it
/// duplicates did not change, and the next save that removes the copy
/// must succeed (issue 21).
#[test]
fn a_duplicate_project_fails_the_rebuild_until_it_is_removed() {
    let site = TestSite::example();
    let mut session = session(&site);
    let before = site.output_tree();
    // `kangfu-copy` comes first in path order, so the finding is on the
    // original, which this rebuild does not re-read.
    let copy = "content/504001/kangfu-copy.yaml";
    site.write(copy, site.read(KANGFU));
    let error = session.rebuild(&[PathBuf::from(copy)]).unwrap_err();
    let Error::Content(diagnostics) = error else {
        panic!("expected content errors")
    };
    let found: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.rule == "project-duplicate")
        .collect();
    assert_eq!(found.len(), 1, "{diagnostics:#?}");
    assert_eq!(found[0].file, PathBuf::from(KANGFU));
    assert_eq!(found[0].field.as_deref(), Some("name"));
    assert_eq!(found[0].location.map(|l| l.line), Some(3));
    assert!(found[0].message.contains(copy), "{}", found[0].message);
    assert_eq!(site.output_tree(), before, "a failed rebuild wrote output");

    // A copy that differs only in its name is another project.
    site.write(
        copy,
        site.read(KANGFU)
            .replace("残疾人康复工作经费", "康复经费副本")
            // Its own identity, so its own 索引号 (index-number-duplicate).
            .replace("id: kangfu-gongzuo-jingfei", "id: kangfu-copy"),
    );
    rebuild(&mut session, &[copy]);
    // Renamed back, it is a duplicate again; removed, the site is clean.
    site.write(copy, site.read(KANGFU));
    assert!(session.rebuild(&[PathBuf::from(copy)]).is_err());
    site.remove(copy);
    rebuild(&mut session, &[copy]);
    assert_eq!(site.output_tree(), clean_build(&site));
}

#[test]
fn clutter_triggers_no_rebuild() {
    let site = TestSite::example();
    let mut session = session(&site);
    site.write("content/504001/.kangfu-gongzuo-jingfei.yaml.swp", "x");
    let report = rebuild(
        &mut session,
        &[
            "content/504001/.kangfu-gongzuo-jingfei.yaml.swp",
            "public/index.html",
        ],
    );
    assert_eq!(report.rendered, 0);
}

/// Issue 12's second cost clause: after one project changes, a rebuild
/// rewrites only the files it feeds: its own downloads and page, and its
/// department-year's and year's. Nothing of another department or year.
#[test]
fn an_indicator_edit_rewrites_only_the_downloads_it_feeds() {
    let site = TestSite::copy_of(&crate::common::years_root());
    let mut session = session(&site);
    let path = "content/200001/b-2023.yaml";
    site.write(path, site.read(path).replace("≥2300人次", "≥2400人次"));
    let before = site.output_tree();
    let report = rebuild(&mut session, &[path]);
    let mut written: Vec<String> = report.written.iter().map(|p| p.to_string()).collect();
    written.sort();
    let after = site.output_tree();
    let changed: Vec<String> = after
        .iter()
        .filter(|(path, bytes)| {
            before.iter().find(|(p, _)| p == path).map(|(_, b)| b) != Some(bytes)
        })
        .map(|(path, _)| path.clone())
        .collect();
    assert_eq!(written, changed);
    for feeds in [
        "2023/200001/b-2023/b-2023.csv",
        "2023/200001/b-2023/b-2023.xlsx",
        "2023/200001/indicators.csv",
        "2023/200001/data.xlsx",
        "2023/200001/data.json",
        "2023/data-csv.zip",
        "2023/data.xlsx",
    ] {
        assert!(written.contains(&feeds.to_owned()), "{feeds}: {written:?}");
    }
    // The 开放数据 page shows the year files' sizes, which the edit changed.
    // And the integrity lists, which name every file's hash.
    let own = |p: &str| {
        p == "open-data/index.html"
            || ["manifest.json", "SHA256SUMS", "SM3SUMS"].contains(&p)
            || p.starts_with("2023/200001/b-2023/")
            || p.strip_prefix("2023/200001/")
                .is_some_and(|f| !f.contains('/'))
            || p.strip_prefix("2023/").is_some_and(|f| !f.contains('/'))
    };
    assert!(written.iter().all(|p| own(p)), "{written:?}");
    assert_eq!(after, clean_build(&site));
}

/// The findings a save reports on the other projects of the site, as a
/// full check of the same tree finds them: `amount-unit` compares a
/// project with its department's median, which an edit of a neighbour
/// moves. After the series of edits the output still equals a clean build.
#[test]
fn site_level_findings_follow_a_series_of_edits() {
    let site = TestSite::empty();
    site.write(
        "content/504001/_department.yaml",
        "code: \"504001\"\nname: 单位\n",
    );
    for slug in ["a", "b", "c"] {
        site.project("504001", slug, slug, "1");
    }
    site.project("504001", "big", "大项目", "5000");
    let big = PathBuf::from("content/504001/big.yaml");
    let amount_unit_on_big = |d: &gongkai::diagnostics::Diagnostics| {
        d.iter().any(|d| d.rule == "amount-unit" && d.file == big)
    };
    let full_check = |site: &TestSite| {
        gongkai::build::load_and_check(site.root(), gongkai::diagnostics::Severity::Warning)
            .unwrap()
            .1
    };
    let options = gongkai::build::BuildOptions {
        root: site.root().to_path_buf(),
        output_dir: None,
        force: false,
    };
    let (mut session, report) = Session::start(&options).unwrap();
    assert!(amount_unit_on_big(&report.diagnostics));

    // Neighbours grow: the median moves and `big` is no longer out of
    // scale, though its own file never changed.
    site.project("504001", "a", "a", "3000");
    rebuild(&mut session, &["content/504001/a.yaml"]);
    site.project("504001", "c", "c", "3000");
    let report = rebuild(&mut session, &["content/504001/c.yaml"]);
    assert!(!amount_unit_on_big(&full_check(&site)));
    assert!(
        !amount_unit_on_big(&report.diagnostics),
        "{:?}",
        report.diagnostics
    );
    assert_eq!(site.output_tree(), clean_build(&site));

    // And back: a neighbour shrinks, the finding on `big` returns.
    site.project("504001", "a", "a", "1");
    site.project("504001", "c", "c", "1");
    let report = rebuild(
        &mut session,
        &["content/504001/a.yaml", "content/504001/c.yaml"],
    );
    assert!(amount_unit_on_big(&full_check(&site)));
    assert!(amount_unit_on_big(&report.diagnostics));

    // A second department's new project is a site-level change too: it
    // shows on the front page and in the year's files.
    site.write(
        "content/504002/_department.yaml",
        "code: \"504002\"\nname: 另一单位\n",
    );
    site.project("504002", "d", "丁", "2");
    rebuild(&mut session, &["content/504002"]);
    site.project("504002", "d", "丁", "2.5");
    let report = rebuild(&mut session, &["content/504002/d.yaml"]);
    assert!(!report.full);
    assert_eq!(site.output_tree(), clean_build(&site));
}
