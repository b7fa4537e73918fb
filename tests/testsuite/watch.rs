//! `gongkai watch`: the real binary, files changed under it, its status
//! lines and the output checked. Process helpers come from the `serve`
//! tests; every wait is bounded.

use std::time::Duration;

use crate::common::{TestSite, eventually, project_yaml};
use crate::server::{DEADLINE, Running, names_line_and_column};

const PROJECT: &str = "content/504001/jiuye-baozhangjin.yaml";
const PROJECT_PAGE: &str = "public/2023/504001/jiuye-baozhangjin/index.html";
const NAME: &str = "残疾人就业保障金";

fn page_contains(site: &TestSite, rel: &str, text: &str) -> bool {
    std::fs::read_to_string(site.root().join(rel)).is_ok_and(|page| page.contains(text))
}

/// The number before `needle` in `line` ("3 pages rendered" → 3).
fn count_before(line: &str, needle: &str) -> usize {
    let head = line.split(needle).next().unwrap();
    head.rsplit(|c: char| !c.is_ascii_digit())
        .find(|s| !s.is_empty())
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn watch_prints_one_incremental_status_line_per_save() {
    let site = TestSite::example();
    let watch = Running::watch(&site, &[]);
    let text = site.read(PROJECT).replace(NAME, "监视模式改名");
    site.write(PROJECT, text);
    let line = watch.wait_for_line("changed →", DEADLINE);
    assert!(page_contains(&site, PROJECT_PAGE, "监视模式改名"));
    // What changed, what was rendered, how long it took.
    assert!(line.starts_with(&format!("{PROJECT} changed → ")), "{line}");
    assert!(
        line.contains(" written, ") && line.contains(" removed in "),
        "{line}"
    );
    assert!(line.ends_with(" ms"), "{line}");
    // Only the project's page and files, its department-year's and year's
    // pages and files, and the pages that show totals or sizes (front page,
    // department landing page, 开放数据), never the whole site of 50 files.
    assert!(!line.contains("full rebuild"), "{line}");
    let rendered = count_before(&line, " page(s) rendered");
    assert!((3..50).contains(&rendered), "{line}");
    // One save, one rebuild.
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(watch.lines_with("changed →").len(), 1, "{}", watch.output());
}

#[test]
fn watch_survives_a_bad_save_and_recovers() {
    let site = TestSite::example();
    let watch = Running::watch(&site, &[]);
    let good = site.read(PROJECT);
    let before = site.read(PROJECT_PAGE);
    site.write(PROJECT, good.replace("year: 2023", "year: [2023"));
    let line = watch.wait_for_line("not rebuilt", DEADLINE);
    assert!(line.starts_with(PROJECT), "{line}");
    // The report names the file with line and column, as `check` does.
    assert!(
        names_line_and_column(&watch.output(), PROJECT),
        "no file:line:column:\n{}",
        watch.output()
    );
    assert_eq!(
        site.read(PROJECT_PAGE),
        before,
        "a failed save touched the output"
    );
    // The next good save rebuilds.
    site.write(PROJECT, good.replace(NAME, "修复之后"));
    assert!(
        eventually(DEADLINE, || page_contains(&site, PROJECT_PAGE, "修复之后")),
        "{}",
        watch.output()
    );
    watch.wait_for_line("changed →", DEADLINE);
}

#[test]
fn watch_ignores_editor_clutter_and_hidden_files() {
    let site = TestSite::example();
    let watch = Running::watch(&site, &[]);
    for clutter in [
        "content/504001/.jiuye-baozhangjin.yaml.swp",
        "content/504001/jiuye-baozhangjin.yaml~",
        "content/504001/4913",
        "content/504001/.#jiuye-baozhangjin.yaml",
        "content/504001/jiuye-baozhangjin.yaml___jb_tmp___",
        "content/504001/draft.tmp",
        "content/.hidden/x.yaml",
        "notes.txt",
    ] {
        site.write(clutter, "year: [broken");
    }
    std::thread::sleep(Duration::from_millis(600));
    assert!(watch.lines_with("changed").is_empty(), "{}", watch.output());
    // Still watching.
    site.write(PROJECT, site.read(PROJECT).replace(NAME, "杂项之后"));
    assert!(eventually(DEADLINE, || page_contains(
        &site,
        PROJECT_PAGE,
        "杂项之后"
    )));
}

#[test]
fn watch_follows_new_and_recreated_folders() {
    let site = TestSite::example();
    let watch = Running::watch(&site, &[]);
    site.department("504002", "新单位");
    site.project("504002", "xin", "新单位项目", "1.00");
    let page = "public/2023/504002/xin/index.html";
    assert!(
        eventually(DEADLINE, || page_contains(&site, page, "新单位项目")),
        "{}",
        watch.output()
    );
    // Edits inside the new folder are watched too.
    site.write(
        "content/504002/xin.yaml",
        project_yaml("新单位项目二", "2.00"),
    );
    assert!(eventually(DEADLINE, || page_contains(
        &site,
        page,
        "新单位项目二"
    )));
    // Remove the whole folder, then create it again.
    std::fs::remove_dir_all(site.root().join("content/504002")).unwrap();
    assert!(
        eventually(DEADLINE, || !site.root().join(page).exists()),
        "{}",
        watch.output()
    );
    site.department("504002", "新单位");
    site.project("504002", "xin", "重建项目", "1.00");
    assert!(
        eventually(DEADLINE, || page_contains(&site, page, "重建项目")),
        "{}",
        watch.output()
    );
    site.write(
        "content/504002/xin.yaml",
        project_yaml("重建项目二", "2.00"),
    );
    assert!(eventually(DEADLINE, || page_contains(
        &site,
        page,
        "重建项目二"
    )));
}

#[test]
fn watch_keeps_watching_when_content_is_moved_away_and_back() {
    let site = TestSite::example();
    let watch = Running::watch(&site, &[]);
    let content = site.root().join("content");
    let aside = site.root().join("content-aside");
    std::fs::rename(&content, &aside).unwrap();
    // Without content/ the build fails, and the last good site stays.
    watch.wait_for_line("not rebuilt", DEADLINE);
    assert!(site.root().join(PROJECT_PAGE).is_file());
    std::fs::rename(&aside, &content).unwrap();
    assert!(
        eventually(DEADLINE, || watch.lines_with("changed →").len()
            > watch.lines_with("not rebuilt").len()),
        "{}",
        watch.output()
    );
    // The folder that came back is watched again.
    site.write(PROJECT, site.read(PROJECT).replace(NAME, "移回之后"));
    assert!(
        eventually(DEADLINE, || page_contains(&site, PROJECT_PAGE, "移回之后")),
        "{}",
        watch.output()
    );
}

#[test]
fn watch_poll_mode_picks_up_changes() {
    let site = TestSite::example();
    let watch = Running::watch(&site, &["--poll", "100"]);
    site.write(PROJECT, site.read(PROJECT).replace(NAME, "轮询模式"));
    assert!(
        eventually(DEADLINE, || page_contains(&site, PROJECT_PAGE, "轮询模式")),
        "{}",
        watch.output()
    );
    site.remove("content/504001/zhucanri-weiwenjin.yaml");
    assert!(eventually(DEADLINE, || {
        !site
            .public()
            .join("2023/504001/zhucanri-weiwenjin")
            .exists()
    }));
}

#[cfg(unix)]
#[test]
fn watch_ctrl_c_exits_cleanly_and_keeps_the_output() {
    let site = TestSite::example();
    let mut watch = Running::watch(&site, &[]);
    let before = crate::common::tree(&site.public());
    let status = watch.signal("INT");
    assert!(status.success(), "{status:?}\n{}", watch.output());
    assert_eq!(crate::common::tree(&site.public()), before);
}
