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
            .filter_map(|l| l.split_whitespace().find(|w| !["⚠", "☞", "×"].contains(w)))
            .map(|w| w.trim_end_matches(|c: char| !(c.is_ascii_lowercase() || c == '-')))
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

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// clap's `[default: …]` and `[possible values: …]` notes and miette's
/// `help:` label are clap's and miette's own words: on a zh site they are
/// Chinese too.
#[test]
fn defaults_possible_values_and_the_help_label_follow_the_language() {
    let site = TestSite::empty();
    let check = stdout(
        &site
            .cmd_in_site_language(&["check", "--help"])
            .output()
            .unwrap(),
    );
    let serve = stdout(
        &site
            .cmd_in_site_language(&["serve", "--help"])
            .output()
            .unwrap(),
    );
    for text in [&check, &serve] {
        assert!(!text.contains("[default:"), "{text}");
        assert!(!text.contains("[possible values:"), "{text}");
    }
    assert!(check.contains("[可选值：human, json]"), "{check}");
    assert!(check.contains("[默认：human]"), "{check}");
    assert!(serve.contains("[默认：1111]"), "{serve}");
    let en = stdout(&site.cmd(&["check", "--help"]).output().unwrap());
    assert!(en.contains("[default: human]"), "{en}");

    // A finding's help, and a non-content error's help.
    site.department("100001", "测试局");
    site.write("content/100001/p.yaml", "year: 2023\nname: 项目\n");
    let report = stdout(&site.cmd_in_site_language(&["check"]).output().unwrap());
    assert!(report.contains("  提示："), "{report}");
    assert!(!report.contains("help:"), "{report}");
    let output = site
        .cmd_in_site_language(&["build", "-o", "content"])
        .output()
        .unwrap();
    let text = stderr(&output);
    assert!(text.contains("提示："), "{text}");
    assert!(!text.contains("help:"), "{text}");
}

/// The hardening findings (a link leaving the site, a pipe, a department
/// that is its own parent or a cycle, totals that overflow) and the
/// `open_data.created` setting speak Chinese on a zh site.
#[cfg(unix)]
#[test]
fn hardening_messages_are_chinese_on_a_zh_site() {
    let check = |site: &TestSite| {
        let output = site.cmd_in_site_language(&["check"]).output().unwrap();
        format!("{}{}", stdout(&output), stderr(&output))
    };
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("x.yaml"), "year: 2023\n").unwrap();
    let site = TestSite::empty();
    site.department("100001", "测试局");
    std::os::unix::fs::symlink(
        outside.path().join("x.yaml"),
        site.root().join("content/100001/x.yaml"),
    )
    .unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(site.root().join("content/100001/fifo.yaml"))
        .status()
        .unwrap();
    assert!(status.success());
    let text = check(&site);
    assert!(text.contains("指向网站文件夹以外的符号链接"), "{text}");
    assert!(text.contains("不是普通文件"), "{text}");

    let site = TestSite::empty();
    site.write(
        "content/100001/_department.yaml",
        "code: \"100001\"\nname: 甲\nparent: \"100001\"\n",
    );
    site.write(
        "content/100002/_department.yaml",
        "code: \"100002\"\nname: 乙\nparent: \"100003\"\n",
    );
    site.write(
        "content/100003/_department.yaml",
        "code: \"100003\"\nname: 丙\nparent: \"100002\"\n",
    );
    site.write(
        "content/100002/a.yaml",
        crate::common::project_yaml("甲", "396140812571321687967719751.68"),
    );
    site.write(
        "content/100003/b.yaml",
        crate::common::project_yaml("乙", "396140812571321687967719751.68"),
    );
    let text = check(&site);
    assert!(text.contains("就是本单位自己的编码"), "{text}");
    assert!(text.contains("上级单位形成了循环"), "{text}");
    assert!(text.contains("无法相加得到全站合计"), "{text}");
    assert!(text.contains("amount-total"), "{text}");

    let site = TestSite::empty();
    site.write(
        "site.toml",
        "title = \"测试\"\n[open_data]\ncreated = \"昨天\"\n",
    );
    let text = check(&site);
    assert!(
        text.contains("不是 2024-01-01T00:00:00 这样的时间"),
        "{text}"
    );
}

/// `import`'s errors and its review notes follow the language.
#[test]
fn import_messages_are_chinese_on_a_zh_site() {
    let site = TestSite::empty();
    site.write("in.docx", "x");
    let output = site
        .cmd_in_site_language(&["import", "in.docx"])
        .current_dir(site.root())
        .output()
        .unwrap();
    let text = stderr(&output);
    assert!(text.contains("不支持的文件类型"), "{text}");
    assert!(text.contains("import 能读取"), "{text}");
    let output = site
        .cmd_in_site_language(&["import", "--department", "../x", "in.docx"])
        .current_dir(site.root())
        .output()
        .unwrap();
    assert!(
        stderr(&output).contains("不是单位编码"),
        "{}",
        stderr(&output)
    );
    site.write("empty.csv", "a,b\n1,2\n");
    let output = site
        .cmd_in_site_language(&["import", "empty.csv"])
        .current_dir(site.root())
        .output()
        .unwrap();
    let text = stderr(&output);
    assert!(text.contains("找不到可识别的表头"), "{text}");

    // The review notes written into the files, and the OCR re-placements.
    let seed = crate::common::repo_root().join("tests/fixtures/import/qilian-504001-ocr.txt");
    let output = site
        .cmd_in_site_language(&[
            "import",
            seed.to_str().unwrap(),
            "--department",
            "504001",
            "--dry-run",
        ])
        .output()
        .unwrap();
    let text = stdout(&output);
    assert!(
        text.contains("# 来源：qilian-504001-ocr.txt，第 6 页"),
        "{text}"
    );
    assert!(text.contains("请对照原件核对"), "{text}");
    assert!(text.contains("# 待核对：OCR 错位（"), "{text}");
    assert!(text.contains("按标准层级归入"), "{text}");
    assert!(!text.contains("moved into"), "{text}");
}
