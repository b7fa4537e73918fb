//! clap's own words in the site's language (issue 26, polish 1): a clerk
//! on a Chinese site who mistypes a command, or asks for help, reads no
//! English.

use crate::common::TestSite;

/// The English words clap writes on its own.
const CLAP_WORDS: &[&str] = &[
    "error:",
    "unrecognized",
    "tip:",
    "similar",
    "Usage:",
    "Commands:",
    "Arguments:",
    "Options:",
    "For more information",
    "Print help",
    "Print version",
    "Print this message",
];

fn output(site: &TestSite, lang: Option<&str>, args: &[&str]) -> (i32, String, String) {
    let mut cmd = site.cmd_in_site_language(args);
    if let Some(lang) = lang {
        cmd.env("GONGKAI_LANG", lang);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_no_clap_english(text: &str) {
    for word in CLAP_WORDS {
        assert!(!text.contains(word), "{word:?} in:\n{text}");
    }
}

#[test]
fn a_mistyped_command_is_answered_in_chinese() {
    let site = TestSite::example();
    let (code, _, err) = output(&site, None, &["buidl"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("错误") && err.contains("buidl"), "{err}");
    assert!(err.contains("build") && err.contains("提示"), "{err}");
    assert!(err.contains("用法"), "{err}");
    assert_no_clap_english(&err);
    // The same with the language chosen by the environment.
    let (_, _, err) = output(&site, Some("zh"), &["buidl"]);
    assert_no_clap_english(&err);
}

#[test]
fn unknown_flags_and_bad_values_are_answered_in_chinese() {
    let site = TestSite::example();
    let (code, _, err) = output(&site, None, &["build", "--forse"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--forse") && err.contains("--force"), "{err}");
    assert_no_clap_english(&err);
    let (code, _, err) = output(&site, None, &["check", "--format", "xml"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("xml") && err.contains("human, json"), "{err}");
    assert_no_clap_english(&err);
    let (code, _, err) = output(&site, None, &["export"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--cms"), "{err}");
    assert_no_clap_english(&err);
}

#[test]
fn help_is_in_chinese_on_a_chinese_site() {
    let site = TestSite::example();
    for args in [&["--help"][..], &["build", "--help"], &["help"]] {
        let (code, out, _) = output(&site, None, args);
        assert_eq!(code, 0, "{args:?}");
        assert!(out.contains("用法"), "{out}");
        assert_no_clap_english(&out);
    }
}

#[test]
fn english_stays_english() {
    let site = TestSite::example();
    let (code, _, err) = output(&site, Some("en"), &["buidl"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("error: unrecognized subcommand 'buidl'"),
        "{err}"
    );
    assert!(
        err.contains("tip: a similar subcommand exists: 'build'"),
        "{err}"
    );
    assert!(err.contains("For more information, try '--help'."), "{err}");
    let (_, out, _) = output(&site, Some("en"), &["--help"]);
    assert!(out.contains("Usage:") && out.contains("Options"), "{out}");
}
