//! Bad input: every class of mistake gets an error that names the file and
//! line, exit code 1, and leaves the previously built site untouched.

use crate::common::{TestSite, project_yaml};

/// Builds a good site, applies `break_it`, and asserts that the build fails
/// with a message containing each of `expected`, leaving `public/` as it was.
fn fails_cleanly(break_it: impl FnOnce(&TestSite), expected: &[&str]) -> String {
    let site = TestSite::example();
    site.build();
    let before = site.output_tree();
    break_it(&site);
    let stderr = site.build_fails();
    for needle in expected {
        assert!(stderr.contains(needle), "missing {needle:?} in:\n{stderr}");
    }
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(site.output_tree(), before, "public/ must be untouched");
    stderr
}

const KANGFU: &str = "content/504001/kangfu-gongzuo-jingfei.yaml";

fn edit(site: &TestSite, rel: &str, from: &str, to: &str) {
    let text = site.read(rel);
    assert!(text.contains(from), "{rel} lacks {from}");
    site.write(rel, text.replacen(from, to, 1));
}

#[test]
fn yaml_syntax_error() {
    fails_cleanly(
        |s| {
            edit(
                s,
                KANGFU,
                "name: 残疾人康复工作经费",
                "name: [残疾人康复工作经费",
            )
        },
        &[&format!("{KANGFU}:3:7")],
    );
}

#[test]
fn unknown_field_suggests_the_right_one() {
    fails_cleanly(
        |s| edit(s, KANGFU, "amount:", "amuont:"),
        &[
            &format!("{KANGFU}:4:1"),
            "unknown field `amuont`",
            "did you mean `amount`?",
        ],
    );
}

#[test]
fn wrong_type_names_the_field() {
    fails_cleanly(
        |s| edit(s, KANGFU, "amount: \"1.00\"", "amount: 一万元"),
        &[&format!("{KANGFU}:4:9"), "amount"],
    );
}

#[test]
fn nested_field_error_names_the_path() {
    fails_cleanly(
        |s| edit(s, KANGFU, "value: \"3次\"", "value: [3, 次]"),
        &[KANGFU, "indicators[0].value"],
    );
}

#[test]
fn missing_value_key_is_an_error_not_a_silent_null() {
    fails_cleanly(
        |s| edit(s, KANGFU, "    value: \"3次\"\n", ""),
        &[KANGFU, "required field is missing: `indicators[0].value`"],
    );
}

#[test]
fn file_name_that_is_not_a_slug() {
    fails_cleanly(
        |s| s.write("content/504001/康复 Project.yaml", project_yaml("x", "1")),
        &[
            "content/504001/康复 Project.yaml",
            "cannot be used in a URL",
            "rename it to `project.yaml`",
        ],
    );
}

#[test]
fn duplicate_department_code() {
    fails_cleanly(
        |s| {
            s.write(
                "content/504001-copy/_department.yaml",
                "code: \"504001\"\nname: 重复\n",
            );
            s.write("content/504001-copy/x.yaml", project_yaml("x", "1"));
        },
        &[
            "content/504001-copy/_department.yaml:1:7",
            "504001 is already used by content/504001/_department.yaml",
        ],
    );
}

#[test]
fn duplicate_project_slug() {
    fails_cleanly(
        |s| {
            s.write(
                "content/504001/archive/kangfu-gongzuo-jingfei.yaml",
                project_yaml("x", "1"),
            )
        },
        &[
            "content/504001/kangfu-gongzuo-jingfei.yaml",
            "is already used by",
            "duplicate-slug",
        ],
    );
}

#[test]
fn project_without_department() {
    fails_cleanly(
        |s| s.write("content/999999/orphan.yaml", project_yaml("x", "1")),
        &[
            "content/999999/orphan.yaml",
            "has no valid _department.yaml",
        ],
    );
}

#[test]
fn non_utf8_file() {
    fails_cleanly(
        |s| {
            let mut bytes = b"year: 2023\nname: ".to_vec();
            bytes.extend([0xBF, 0xB5, 0xB8, 0xB4]); // 康复 in GBK
            s.write("content/504001/gbk.yaml", bytes);
        },
        &["content/504001/gbk.yaml:2:7", "not valid UTF-8", "iconv"],
    );
}

#[test]
fn funding_that_does_not_add_up() {
    fails_cleanly(
        |s| {
            edit(
                s,
                KANGFU,
                "amount: \"1.00\"\n",
                "amount: \"1.00\"\nfunding:\n  - {source: 财政拨款, amount: \"0.60\"}\n  - {source: 其他资金, amount: \"0.30\"}\n",
            )
        },
        &[&format!("{KANGFU}:6:"), "funding-sum", "0.90"],
    );
}

#[test]
fn yml_extension() {
    fails_cleanly(
        |s| s.write("content/504001/extra.yml", project_yaml("x", "1")),
        &["content/504001/extra.yml", "use the extension .yaml"],
    );
}

#[test]
fn empty_file() {
    fails_cleanly(
        |s| s.write("content/504001/empty.yaml", ""),
        &["content/504001/empty.yaml:1:1", "empty"],
    );
}

#[test]
fn bad_site_toml() {
    fails_cleanly(
        |s| s.write("site.toml", "title = \"x\"\n[footer]\nicp_number = \"1\"\n"),
        &["site.toml:3:1", "icp_number"],
    );
}

#[test]
fn all_errors_are_reported_together() {
    let stderr = fails_cleanly(
        |s| {
            edit(s, KANGFU, "amount:", "amuont:");
            s.write("content/504001/BAD.yaml", project_yaml("x", "1"));
            s.write("content/888888/orphan.yaml", project_yaml("x", "1"));
        },
        &[
            KANGFU,
            "content/504001/BAD.yaml",
            "content/888888/orphan.yaml",
            "3 error(s)",
        ],
    );
    assert!(stderr.contains("the content has 3 error(s)"), "{stderr}");
}

#[test]
fn broken_template_is_reported_and_changes_nothing() {
    let site = TestSite::example();
    site.build();
    let before = site.output_tree();
    site.write("themes/default/templates/project.html", "{% if %}");
    let output = site.cmd(&["build"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("template"));
    assert_eq!(site.output_tree(), before);
}

#[test]
fn usage_errors_exit_with_2() {
    let site = TestSite::example();
    site.cmd(&["build", "--no-such-flag"]).assert().code(2);
    let missing = site.root().join("missing");
    assert_cmd::Command::cargo_bin("gongkai")
        .unwrap()
        .args(["build", "--root"])
        .arg(&missing)
        .assert()
        .code(2);
}

#[test]
fn output_dir_that_would_destroy_the_site_is_refused() {
    let site = TestSite::example();
    let output = site
        .cmd(&["build", "-o"])
        .arg(site.root())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("refusing"));
    assert!(site.root().join("content/504001/_department.yaml").exists());
}

#[test]
fn malformed_files_never_panic() {
    let site = TestSite::example();
    let nasty: &[&str] = &[
        "---\n---\n",
        "[]",
        "year: 99999999999999999999\n",
        "year: 2023\nname: x\namount: \"1e400\"\n",
        "goals: {a: 1}\n",
        "indicators: 5\n",
        "&a [*a]\n",
        "\u{0}\u{1}",
        "year: 2023\nname: x\namount: \"-\"\ngoals: []\nindicators: []\n",
    ];
    for (i, text) in nasty.iter().enumerate() {
        site.write(&format!("content/504001/nasty-{i}.yaml"), text);
    }
    let output = site.cmd(&["build"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    for i in 0..nasty.len() {
        assert!(
            stderr.contains(&format!("nasty-{i}.yaml")),
            "nasty-{i} not reported:\n{stderr}"
        );
    }
}

#[cfg(unix)]
#[test]
fn symlinked_projects_are_built_and_link_loops_reported() {
    let site = TestSite::example();
    let shared = site.root().join("shared.yaml");
    std::fs::write(&shared, project_yaml("共享项目", "2")).unwrap();
    std::os::unix::fs::symlink(&shared, site.root().join("content/504001/gongxiang.yaml")).unwrap();
    site.build();
    assert!(site.read("public/2023/index.html").contains("共享项目"));

    std::os::unix::fs::symlink(
        site.root().join("content"),
        site.root().join("content/504001/loop"),
    )
    .unwrap();
    let stderr = site.build_fails();
    assert!(stderr.contains("content/504001/loop"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn non_utf8_file_name() {
    use std::os::unix::ffi::OsStrExt;
    let site = TestSite::example();
    let name = std::ffi::OsStr::from_bytes(b"content/504001/\xbf\xb5.yaml");
    std::fs::write(site.root().join(name), project_yaml("x", "1")).unwrap();
    let stderr = site.build_fails();
    assert!(stderr.contains("not valid UTF-8"), "{stderr}");
}
