//! The message catalogue seen from outside (issue 15): a zh-CN site speaks
//! Chinese, `--lang` and `GONGKAI_LANG` override it, and both languages
//! give the same findings at the same places.

use crate::common::TestSite;

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The human report of the example site, in Chinese (its language) and in
/// English; the rule ids and locations are the same in both.
#[test]
fn human_check_of_the_example_site_in_both_languages() {
    let site = TestSite::example();
    let zh = stdout(&site.cmd_in_site_language(&["check"]).output().unwrap());
    let en = stdout(
        &site
            .cmd_in_site_language(&["check", "--lang", "en"])
            .output()
            .unwrap(),
    );
    // Paths differ per temporary directory only in the header, which
    // names files relative to the root, so the text is stable.
    insta::assert_snapshot!("example_site_human_zh", zh);
    insta::assert_snapshot!("example_site_human_en", en);
    assert!(zh.contains("个警告"), "{zh}");
    assert!(en.contains("warning(s)"), "{en}");
    let ids = |text: &str| {
        text.lines()
            .filter_map(|l| l.split_whitespace().next())
            .filter(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '-') && w.contains('-'))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&zh), ids(&en));
}

#[test]
fn environment_and_flag_choose_the_language() {
    let site = TestSite::example();
    let by_env = site
        .cmd_in_site_language(&["check"])
        .env("GONGKAI_LANG", "en")
        .output()
        .unwrap();
    assert!(stdout(&by_env).contains("warning(s)"));
    let flag_wins = site
        .cmd_in_site_language(&["check", "--lang", "zh"])
        .env("GONGKAI_LANG", "en")
        .output()
        .unwrap();
    assert!(stdout(&flag_wins).contains("个警告"));
}

#[test]
fn an_english_site_speaks_english() {
    let site = TestSite::example();
    let toml = site
        .read("site.toml")
        .replace("language = \"zh-CN\"", "language = \"en\"");
    site.write("site.toml", toml);
    let output = site.cmd_in_site_language(&["check"]).output().unwrap();
    assert!(
        stdout(&output).contains("warning(s)"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn help_texts_come_from_the_catalogue() {
    let site = TestSite::example();
    let zh = stdout(
        &site
            .cmd_in_site_language(&["check", "--help"])
            .output()
            .unwrap(),
    );
    assert!(
        zh.contains("只检查内容") && zh.contains("docs/check.md"),
        "{zh}"
    );
    let en = stdout(&site.cmd(&["check", "--help"]).output().unwrap());
    assert!(
        en.contains("without writing") && en.contains("docs/check.md"),
        "{en}"
    );
    // Without --root too, as a person types it.
    let init = assert_cmd::Command::cargo_bin("gongkai")
        .unwrap()
        .args(["init", "--help"])
        .env("GONGKAI_LANG", "zh")
        .output()
        .unwrap();
    assert!(init.status.success(), "{init:?}");
    let init = stdout(&init);
    assert!(!init.contains("--root") && init.contains("用法"), "{init}");
}

#[test]
fn build_summary_is_in_milliseconds() {
    let site = TestSite::example();
    let output = site.cmd_in_site_language(&["build"]).output().unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    let line = err.lines().last().unwrap_or_default();
    assert!(line.contains(" ms") && line.contains("已生成"), "{err}");
    assert!(!line.contains(" s ("), "{err}");
}
