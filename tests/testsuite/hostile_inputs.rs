//! Hostile inputs, round two (issue 23): limits before work on every YAML,
//! TOML and Markdown input; linear-time checking of repeated content;
//! figures beyond exact range and keys written twice; and `check` finding
//! everything that `build` refuses. Each test names the finding it backs,
//! and each failed on the code before (a crash, a hang, a silent pass or
//! a wrong line). Every run has a timeout and must end in exit code 0 or
//! 1, never a crash.

use std::os::unix::fs::symlink;
use std::time::Duration;

use crate::common::{TestSite, project_yaml};
use crate::server::{DEADLINE, Running};

/// Far above what the fixed code needs for any case here (well under a
/// second each in a release build), and below what the old code took.
const TIMEOUT: Duration = Duration::from_secs(60);

const HEAD: &str = "year: 2023\nname: 另一个项目\namount: \"1.00\"\n";
const ROWS: &str =
    "indicators:\n  - {level1: 产出指标, level2: 数量指标, name: 数量, value: \"3次\"}\n";

fn site() -> TestSite {
    let site = TestSite::empty();
    site.department("504001", "残联");
    site.project("504001", "a", "项目", "1.00");
    site
}

/// Runs `gongkai <args>` with the timeout; returns exit code and stdout
/// with stderr.
fn run(site: &TestSite, args: &[&str]) -> (Option<i32>, String) {
    let output = site.cmd(args).timeout(TIMEOUT).output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code(), text)
}

/// `check` and `build` both end in exit code 1 (not a crash, not a
/// hang); returns check's report, asserting build wrote nothing.
fn both_fail(site: &TestSite) -> String {
    let (code, check) = run(site, &["check"]);
    assert_eq!(code, Some(1), "check:\n{}", head(&check));
    let (code, build) = run(site, &["build"]);
    assert_eq!(code, Some(1), "build:\n{}", head(&build));
    assert!(!site.public().join("index.html").exists());
    check
}

/// The start of a long report, for assertion messages.
fn head(text: &str) -> String {
    text.chars().take(2_000).collect()
}

// ---- Limits before work -------------------------------------------------

#[test]
fn five_thousand_nested_goal_levels_are_a_nesting_error_at_their_line() {
    let site = site();
    let nested: String = (0..5_000)
        .map(|i| format!("{}- \n", " ".repeat(i + 2)))
        .collect();
    site.write(
        "content/504001/deep.yaml",
        format!("{HEAD}goals:\n{nested}{ROWS}"),
    );
    // 100,000 levels on one line overflowed the stack outright.
    let compact = format!("{HEAD}goals:\n  {}x\n{ROWS}", "- ".repeat(100_000));
    site.write("content/504001/compact.yaml", compact);
    let report = both_fail(&site);
    assert!(report.contains("nesting-limit"), "{}", head(&report));
    // The root mapping and 63 sequences fit; the 64th, on line 68, not.
    assert!(
        report.contains("content/504001/deep.yaml:68:"),
        "{}",
        head(&report)
    );
    assert!(
        report.contains("content/504001/compact.yaml:5:"),
        "{}",
        head(&report)
    );
    assert!(report.contains("more than 64 levels"), "{}", head(&report));
}

#[test]
fn a_five_thousand_deep_map_under_details_is_a_nesting_error() {
    let site = site();
    let nested: String = (0..5_000)
        .map(|i| format!("{}k{i}:\n", " ".repeat(2 * i + 2)))
        .collect();
    site.write(
        "content/504001/deep.yaml",
        format!("{HEAD}goals: [g]\ndetails:\n{nested}{ROWS}"),
    );
    let report = both_fail(&site);
    assert!(
        report.contains("content/504001/deep.yaml:69:") && report.contains("nesting-limit"),
        "{}",
        head(&report)
    );
}

#[test]
fn a_hundred_thousand_nested_flows_are_refused_at_once() {
    let site = site();
    // The typed parser took minutes on these (each token looked at every
    // open level); now nothing reads past the 64th.
    let flows = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    site.write(
        "content/504001/flow.yaml",
        format!("{HEAD}goals: {flows}\n{ROWS}"),
    );
    let broken = format!(
        "year: 2023\nname: a: b\ngoals: {}\n",
        "{a: ".repeat(100_000)
    );
    site.write("content/504001/broken.yaml", broken);
    let report = both_fail(&site);
    assert!(
        report.contains("content/504001/flow.yaml:4:"),
        "{}",
        head(&report)
    );
    assert!(
        report.contains("content/504001/broken.yaml:"),
        "{}",
        head(&report)
    );
    assert_eq!(
        report.matches("nesting-limit").count(),
        2,
        "{}",
        head(&report)
    );
}

#[test]
fn fifty_thousand_aliases_of_one_row_are_refused_at_the_first_too_many() {
    let site = site();
    let row = "  - &row {level1: 产出指标, level2: 数量指标, name: 数量, value: \"3次\"}\n";
    let text = format!(
        "{HEAD}goals: [g]\nindicators:\n{row}{}",
        "  - *row\n".repeat(50_000)
    );
    site.write("content/504001/aliases.yaml", text);
    // Aliases of aliases, doubling at each step: 2^30 rows from 60 aliases.
    let mut laughs = format!("{HEAD}goals: [g]\nx0: &x0 [\"l\", \"l\"]\n");
    for i in 1..=30 {
        laughs.push_str(&format!("x{i}: &x{i} [*x{}, *x{}]\n", i - 1, i - 1));
    }
    site.write("content/504001/laughs.yaml", laughs);
    let report = both_fail(&site);
    // Line 7 is the first alias: the 1,001st is on line 1,007.
    assert!(
        report.contains("content/504001/aliases.yaml:1007:5"),
        "{}",
        head(&report)
    );
    assert!(
        report.contains("more than 1000 aliases"),
        "{}",
        head(&report)
    );
    assert!(
        report.contains("content/504001/laughs.yaml:"),
        "{}",
        head(&report)
    );
    assert_eq!(
        report.matches("alias-limit").count(),
        2,
        "{}",
        head(&report)
    );
}

#[test]
fn deep_markdown_in_a_page_or_a_goal_is_refused_at_its_line() {
    let site = site();
    let quotes = format!(
        "---\ntitle: 说明\n---\n# 正文\n\n{} x\n",
        ">".repeat(10_000)
    );
    site.write("content/pages/quotes.md", quotes);
    let lazy = format!(
        "---\ntitle: 列表\nweight: 2\n---\n{}x\n{}",
        "- ".repeat(40_000),
        "续行\n".repeat(50_000)
    );
    site.write("content/pages/lists.md", lazy);
    let goal = format!("{HEAD}goals:\n  - \"{}x\"\n{ROWS}", "> ".repeat(10_000));
    site.write("content/504001/goal.yaml", goal);
    let report = both_fail(&site);
    assert!(
        report.contains("content/pages/quotes.md:6:1"),
        "{}",
        head(&report)
    );
    assert!(
        report.contains("content/pages/lists.md:5:1"),
        "{}",
        head(&report)
    );
    assert!(
        report.contains("content/504001/goal.yaml:5:"),
        "{}",
        head(&report)
    );
    assert!(report.contains("goals[0]"), "{}", head(&report));
    assert_eq!(
        report.matches("nesting-limit").count(),
        3,
        "{}",
        head(&report)
    );
}

#[test]
fn deeply_nested_toml_in_site_toml_or_theme_strings_is_an_error_with_its_line() {
    let site = site();
    let deep = format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    site.write(
        "themes/default/i18n/zh-CN.toml",
        format!("home = \"首页\"\n{deep}"),
    );
    let report = both_fail(&site);
    assert!(
        report.contains("themes/default/i18n/zh-CN.toml:2:"),
        "{}",
        head(&report)
    );
    // The line of 200,000 brackets is not quoted whole.
    assert!(report.len() < 20_000, "{} bytes", report.len());
    let config = site.read("site.toml");
    site.write("site.toml", format!("{config}{deep}"));
    let (code, report) = run(&site, &["check"]);
    assert_eq!(code, Some(1), "{}", head(&report));
    assert!(report.contains("site.toml:"), "{}", head(&report));
}

#[test]
fn serve_survives_a_save_nested_too_deep_and_recovers() {
    let site = TestSite::example();
    let mut server = Running::serve(&site, &[]);
    let file = "content/504001/deep.yaml";
    site.write(
        file,
        format!("{HEAD}goals:\n  {}x\n{ROWS}", "- ".repeat(100_000)),
    );
    assert!(
        crate::common::eventually(DEADLINE, || server.status()["ok"] == false),
        "no failure reported; output:\n{}",
        server.output()
    );
    let status = server.status();
    let error = status["error"].as_str().unwrap_or_default().to_owned();
    assert!(error.contains("64 levels"), "{error}");
    assert!(server.is_running(), "the server died:\n{}", server.output());
    site.write(file, project_yaml("浅", "1.00"));
    assert!(
        crate::common::eventually(DEADLINE, || server.get("/2023/504001/deep/").status == 200),
        "the fixed save was not built; output:\n{}",
        server.output()
    );
}

// ---- Linear-time check of repeated content --------------------------------

#[test]
fn twenty_thousand_identical_goals_are_checked_quickly_with_a_bounded_report() {
    let site = site();
    let goals = "  - 同一个目标\n".repeat(20_000);
    site.write(
        "content/504001/same.yaml",
        format!("{HEAD}goals:\n{goals}{ROWS}"),
    );
    // Finding each duplicate's line once read the whole span index, and
    // showing it counted lines from the start of the file: minutes. Both
    // are linear now, and one rule reports at most 100 findings a file.
    for format in ["human", "json"] {
        let (code, report) = run(&site, &["check", "--verbose", "--format", format]);
        assert_eq!(code, Some(0), "{}", head(&report));
        let shown = report.matches("duplicate-goal").count();
        assert!((101..=105).contains(&shown), "{format}: {shown} mentions");
        assert!(report.contains("19899 more finding"), "{}", head(&report));
    }
    let (_, report) = run(&site, &["check", "--verbose"]);
    assert!(
        report.contains("content/504001/same.yaml:105:5"),
        "{}",
        head(&report)
    );
}

// ---- Numbers and keys ---------------------------------------------------

#[test]
fn an_amount_beyond_exact_range_is_an_error_never_a_rounded_total() {
    let site = site();
    site.project("504001", "big", "大", "7922816251426433759354395033.5");
    let report = both_fail(&site);
    assert!(
        report.contains("content/504001/big.yaml:3:9") && report.contains("shown exactly"),
        "{}",
        head(&report)
    );
}

#[test]
fn a_sum_that_would_round_is_an_error() {
    let site = site();
    // Each fits; their sum needs 30 digits at two decimals, and was
    // shown rounded to one decimal.
    site.project("504001", "b", "乙", "396140812571321687967719751.68");
    site.project("504001", "c", "丙", "396140812571321687967719751.68");
    let report = both_fail(&site);
    assert!(report.contains("amount-total"), "{}", head(&report));
    assert!(report.contains("too large to add up"), "{}", head(&report));
}

#[test]
fn an_underscore_in_a_figure_is_an_error_at_its_line() {
    let site = site();
    site.write(
        "content/504001/b.yaml",
        format!("year: 2023\nname: 乙\namount: 1_0.5\ngoals: [g]\n{ROWS}"),
    );
    let weight = ROWS.replace("value: \"3次\"", "value: \"3次\", weight: 1_0");
    site.write(
        "content/504001/c.yaml",
        format!("{HEAD}goals: [g]\n{weight}"),
    );
    let report = both_fail(&site);
    assert!(
        report.contains("content/504001/b.yaml:3:9"),
        "{}",
        head(&report)
    );
    assert!(report.contains("underscore"), "{}", head(&report));
    assert!(
        report.contains("content/504001/c.yaml:6:"),
        "{}",
        head(&report)
    );
    assert!(report.contains("weight `1_0`"), "{}", head(&report));
}

#[test]
fn a_details_label_written_twice_is_an_error_naming_the_key() {
    let site = site();
    let text = format!(
        "{HEAD}goals: [g]\ndetails:\n  主管部门: 县财政局\n  项目属性: 延续\n  主管部门: 县民政局\n{ROWS}"
    );
    site.write("content/504001/b.yaml", text);
    let report = both_fail(&site);
    assert!(
        report.contains("content/504001/b.yaml:8:3"),
        "{}",
        head(&report)
    );
    assert!(
        report.contains("duplicate-key") && report.contains("`主管部门`"),
        "{}",
        head(&report)
    );
    assert!(report.contains("first on line 6"), "{}", head(&report));
}

#[test]
fn a_byte_order_mark_in_mid_file_is_named() {
    let site = site();
    site.write(
        "content/504001/b.yaml",
        format!("{HEAD}\u{FEFF}goals: [g]\n{ROWS}"),
    );
    let report = both_fail(&site);
    assert!(
        report.contains("content/504001/b.yaml:4:1"),
        "{}",
        head(&report)
    );
    assert!(
        report.contains("U+FEFF") && report.contains("byte-order-mark"),
        "{}",
        head(&report)
    );
}

#[test]
fn an_empty_amount_is_reported_at_its_own_line() {
    let site = site();
    site.write(
        "content/504001/b.yaml",
        format!("year: 2023\nname: 乙\namount:\ngoals: [g]\n{ROWS}"),
    );
    let funding =
        "funding:\n  - {source: 财政拨款, amount: \"1.00\"}\n  - source: 其他\n    amount:\n";
    site.write(
        "content/504001/c.yaml",
        format!("{HEAD}{funding}goals: [g]\n{ROWS}"),
    );
    let report = both_fail(&site);
    assert!(
        report.contains("content/504001/b.yaml:3:1"),
        "{}",
        head(&report)
    );
    assert!(
        report.contains("content/504001/c.yaml:7:5"),
        "{}",
        head(&report)
    );
}

// ---- check finds what build refuses ---------------------------------------

#[test]
fn check_finds_a_department_coded_like_a_year() {
    let site = site();
    site.department("2023", "撞车单位");
    site.project("2023", "b", "乙", "1.00");
    let report = both_fail(&site);
    assert!(report.contains("path-collision"), "{}", head(&report));
    assert!(
        report.contains("content/2023/_department.yaml"),
        "{}",
        head(&report)
    );
}

#[test]
fn check_finds_an_output_name_too_long_to_write() {
    let site = site();
    let slug = "a".repeat(240);
    site.project("504001", &slug, "长名", "1.00");
    let report = both_fail(&site);
    assert!(report.contains("file-name"), "{}", head(&report));
    assert!(
        report.contains(&format!("content/504001/{slug}.yaml")),
        "{}",
        head(&report)
    );
    assert!(
        report.contains("at least 3 characters"),
        "{}",
        head(&report)
    );
}

#[test]
fn check_finds_a_template_that_does_not_parse_or_fails_to_render() {
    let site = site();
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}{% if %}{% endblock content %}\n",
    );
    let report = both_fail(&site);
    assert!(
        report.contains("themes/default/templates/page.html:2:"),
        "{}",
        head(&report)
    );
    site.remove("themes/default/templates/page.html");
    site.write(
        "themes/default/templates/project.html",
        "<p>\n{{ no_such_thing.x }}</p>\n",
    );
    let report = both_fail(&site);
    assert!(
        report.contains("themes/default/templates/project.html:2:4"),
        "{}",
        head(&report)
    );
    assert!(
        report.contains("2023/504001/a/index.html"),
        "{}",
        head(&report)
    );
}

#[test]
fn unknown_files_under_pages_are_named_with_what_to_do() {
    let site = site();
    let page = "---\ntitle: 说明\n---\n正文\n";
    site.write("content/pages/about.MD", page);
    site.write("content/pages/guide.markdown", page);
    site.write("content/pages/data.yaml", "title: x\n");
    site.write("content/pages/old/notes.md", page);
    let report = both_fail(&site);
    for file in ["about.MD", "guide.markdown", "data.yaml", "old/notes.md"] {
        assert!(
            report.contains(&format!("content/pages/{file}")),
            "{file}: {}",
            head(&report)
        );
    }
    assert!(report.contains("ends in .md"), "{}", head(&report));
    // A file that could not be a page is a warning: the build goes on.
    for file in ["about.MD", "guide.markdown", "data.yaml", "old/notes.md"] {
        site.remove(&format!("content/pages/{file}"));
    }
    site.write("content/pages/logo.png", b"\x89PNG");
    let (code, report) = run(&site, &["check"]);
    assert_eq!(code, Some(0), "{}", head(&report));
    assert!(
        report.contains("content/pages/logo.png") && report.contains("unused-file"),
        "{}",
        head(&report)
    );
}

#[test]
fn a_linked_theme_override_is_used_and_a_broken_link_is_an_error() {
    let site = site();
    site.write(
        "shared/page.html",
        "{% extends \"base.html\" %}{% block content %}LINKED-OVERRIDE{% endblock content %}",
    );
    site.write("content/pages/about.md", "---\ntitle: 说明\n---\n正文\n");
    std::fs::create_dir_all(site.root().join("themes/default/templates")).unwrap();
    symlink(
        "../../../shared/page.html",
        site.root().join("themes/default/templates/page.html"),
    )
    .unwrap();
    let (code, report) = run(&site, &["build"]);
    assert_eq!(code, Some(0), "{}", head(&report));
    assert!(
        site.read("public/pages/about/index.html")
            .contains("LINKED-OVERRIDE")
    );
    symlink(
        "../../../shared/missing.html",
        site.root().join("themes/default/templates/404.html"),
    )
    .unwrap();
    let before = site.output_tree();
    for command in ["check", "build"] {
        let (code, report) = run(&site, &[command]);
        assert_eq!(code, Some(1), "{command}: {}", head(&report));
        assert!(
            report.contains("themes/default/templates/404.html"),
            "{}",
            head(&report)
        );
    }
    assert_eq!(site.output_tree(), before, "a failed build changes nothing");
}

#[test]
fn a_failed_write_suggests_disk_space_only_when_the_disk_is_full() {
    let site = site();
    site.write("afile", "not a folder");
    let out = site.root().join("afile/out");
    let (code, report) = run(&site, &["build", "-o", out.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{report}");
    // The system's own reason: a file stands where a folder must go.
    assert!(
        report.contains("Not a directory") || report.contains("File exists"),
        "{report}"
    );
    assert!(!report.contains("disk"), "{report}");
}
