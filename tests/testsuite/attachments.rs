//! Attachments: the original document beside a project file is copied
//! into the output, linked with its title, format and size, refused when
//! unsafe or of the wrong type (at the field's line and column, in both
//! languages), and followed by incremental rebuilds.

use std::path::PathBuf;

use gongkai::build::Session;

use crate::common::{TestSite, clean_build, project_yaml, repo_root, session};

const PROJECT: &str = "content/100001/p.yaml";
const PAGE: &str = "public/2023/100001/p/index.html";

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(repo_root().join("tests/fixtures/attachments").join(name)).unwrap()
}

/// A site with one project whose file ends with `attachments`.
fn site_with(attachments: &str) -> TestSite {
    let site = TestSite::empty();
    site.department("100001", "测试局");
    site.write(
        PROJECT,
        format!("{}{attachments}", project_yaml("测试项目", "1.00")),
    );
    site
}

const BOTH: &str = "attachments:\n  - {file: 原件.pdf, title: 绩效目标表（盖章扫描件）}\n  - file: scans/第1页.PNG\n";

fn with_both() -> TestSite {
    let site = site_with(BOTH);
    site.write("content/100001/原件.pdf", fixture("blank.pdf"));
    site.write("content/100001/scans/第1页.PNG", fixture("blank.png"));
    site
}

#[test]
fn attachments_are_copied_and_linked_with_title_format_and_size() {
    let site = with_both();
    site.build();
    let pdf = std::fs::read(site.root().join("public/2023/100001/p/p-1.pdf")).unwrap();
    assert_eq!(pdf, fixture("blank.pdf"));
    let png = std::fs::read(site.root().join("public/2023/100001/p/p-2.png")).unwrap();
    assert_eq!(png, fixture("blank.png"));
    let page = site.read(PAGE);
    // Relative links (file:// and any base path), with the media type; the
    // size is written like the downloads' sizes.
    let size = fixture("blank.pdf").len();
    assert!(
        page.contains(&format!(
            "<a href=\"../../../2023/100001/p/p-1.pdf\" type=\"application/pdf\">绩效目标表（盖章扫描件） PDF（{size} B）</a>"
        )),
        "{page}"
    );
    assert!(
        page.contains("type=\"image/png\">原件 PNG（69 B）</a>"),
        "{page}"
    );
    // Deterministic: a second build writes the same bytes.
    let first = site.output_tree();
    std::fs::remove_dir_all(site.public()).unwrap();
    site.build();
    assert_eq!(first, site.output_tree());
}

#[test]
fn a_project_without_attachments_has_no_section() {
    let site = site_with("");
    site.build();
    assert!(!site.read(PAGE).contains("id=\"attachments\""));
}

/// Files to create in a case: path and bytes.
type Files = &'static [(&'static str, &'static [u8])];

/// `(attachments text, files to create, rule, words of the message,
/// located)`: each bad attachment fails `check` and `build` with its rule
/// at the `file:` value.
#[test]
fn bad_attachments_are_errors_at_the_field() {
    let cases: &[(&str, Files, &str, &str, bool)] = &[
        (
            "  - file: ../../site.toml\n",
            &[],
            "attachment",
            "not a path inside",
            true,
        ),
        (
            "  - file: /etc/passwd.pdf\n",
            &[],
            "attachment",
            "not a path inside",
            true,
        ),
        (
            "  - file: 原件.docx\n",
            &[("content/100001/原件.docx", b"PK")],
            "attachment",
            "not a PDF, PNG or JPEG",
            true,
        ),
        (
            "  - file: 原件.ofd\n",
            &[("content/100001/原件.ofd", b"PK")],
            "attachment",
            "not a PDF, PNG or JPEG",
            true,
        ),
        (
            "  - file: 原件.pdf\n",
            &[],
            "attachment",
            "does not exist",
            true,
        ),
        (
            "  - file: 原件.pdf\n",
            &[("content/100001/原件.pdf", b"PK\x03\x04 a Word file")],
            "attachment",
            "does not contain a PDF",
            true,
        ),
        (
            "  - {file: 原件.pdf}\n  - {title: 无文件}\n",
            &[],
            "schema",
            "file",
            false,
        ),
    ];
    for (text, files, rule, words, located) in cases {
        let site = site_with(&format!("attachments:\n{text}"));
        for (rel, bytes) in *files {
            site.write(rel, bytes);
        }
        let output = site.cmd(&["check", "--format", "json"]).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{text}");
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let findings = json["diagnostics"].as_array().unwrap();
        let finding = findings
            .iter()
            .find(|d| d["rule"] == *rule)
            .unwrap_or_else(|| panic!("{text}: {findings:?}"));
        assert_eq!(finding["file"], PROJECT, "{text}");
        assert!(
            finding["message"].as_str().unwrap().contains(words),
            "{text}: {finding}"
        );
        if *located {
            let line = project_yaml("测试项目", "1.00").lines().count() + 2;
            assert_eq!(finding["field"], "attachments[0].file", "{text}");
            assert_eq!(finding["line"], line, "{text}: {finding}");
            assert_eq!(finding["column"], 11, "{text}: {finding}");
            assert!(finding["help"].as_str().is_some_and(|h| !h.is_empty()));
        }
        // The build refuses the same way and writes nothing.
        site.build_fails();
        assert!(!site.public().exists());
    }
}

#[test]
fn an_ofd_gets_the_way_to_a_pdf_in_chinese() {
    let site = site_with("attachments:\n  - file: 原件.ofd\n");
    site.write("content/100001/原件.ofd", b"PK");
    let output = site.cmd_in_site_language(&["check"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let all = format!("{stdout}{stderr}");
    assert!(all.contains("不是 PDF、PNG 或 JPEG 文件"), "{all}");
    assert!(all.contains("导出 PDF"), "{all}");
    let line = project_yaml("测试项目", "1.00").lines().count() + 2;
    assert!(all.contains(&format!("p.yaml:{line}:11")), "{all}");
}

#[cfg(unix)]
#[test]
fn links_leaving_the_site_and_pipes_are_refused_unread() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.pdf"), fixture("blank.pdf")).unwrap();
    let site = site_with("attachments:\n  - file: 原件.pdf\n");
    std::os::unix::fs::symlink(
        outside.path().join("secret.pdf"),
        site.root().join("content/100001/原件.pdf"),
    )
    .unwrap();
    let stderr = site.build_fails();
    assert!(stderr.contains("link-outside"), "{stderr}");
    assert!(stderr.contains("attachments[0].file"), "{stderr}");
    assert!(!stderr.contains("secret"), "{stderr}");

    let site = site_with("attachments:\n  - file: 原件.pdf\n");
    let fifo = site.root().join("content/100001/原件.pdf");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    let stderr = site.build_fails();
    assert!(stderr.contains("file-type"), "{stderr}");
    // A link inside the site is followed, as for content.
    let site = site_with("attachments:\n  - file: 原件.pdf\n");
    site.write("content/shared/scan.pdf", fixture("blank.pdf"));
    std::os::unix::fs::symlink(
        site.root().join("content/shared/scan.pdf"),
        site.root().join("content/100001/原件.pdf"),
    )
    .unwrap();
    site.build();
    assert!(site.root().join("public/2023/100001/p/p-1.pdf").exists());
}

#[test]
fn incremental_rebuilds_follow_attachments() {
    let site = site_with("");
    let mut session = session(&site);
    let rebuild = |session: &mut Session, paths: &[&str]| {
        let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        session.rebuild(&paths)
    };
    // An attachment is added to the list, its file with it.
    site.write("content/100001/原件.pdf", fixture("blank.pdf"));
    site.write(
        PROJECT,
        format!(
            "{}attachments:\n  - file: 原件.pdf\n",
            project_yaml("测试项目", "1.00")
        ),
    );
    let report = rebuild(&mut session, &[PROJECT, "content/100001/原件.pdf"]).unwrap();
    assert!(!report.full);
    assert!(site.read(PAGE).contains("原件 PDF"));
    assert_eq!(site.output_tree(), clean_build(&site));

    // The file alone changes: the project is read again, the copy and the
    // size on the page follow.
    let mut bigger = fixture("blank.pdf");
    bigger.extend(std::iter::repeat_n(b'\n', 2000));
    site.write("content/100001/原件.pdf", &bigger);
    let report = rebuild(&mut session, &["content/100001/原件.pdf"]).unwrap();
    assert!(!report.full);
    assert!(
        report
            .written
            .iter()
            .any(|p| p.as_str() == "2023/100001/p/p-1.pdf"),
        "{:?}",
        report.written
    );
    assert!(site.read(PAGE).contains("原件 PDF（3 KB）"));
    assert_eq!(
        std::fs::read(site.root().join("public/2023/100001/p/p-1.pdf")).unwrap(),
        bigger
    );
    assert_eq!(site.output_tree(), clean_build(&site));

    // The file vanishes while still listed: the rebuild fails, the last good
    // site stays; it comes back, and the pending project is read again.
    site.remove("content/100001/原件.pdf");
    assert!(rebuild(&mut session, &["content/100001/原件.pdf"]).is_err());
    assert!(site.root().join("public/2023/100001/p/p-1.pdf").exists());
    site.write("content/100001/原件.pdf", fixture("blank.pdf"));
    rebuild(&mut session, &["content/100001/原件.pdf"]).unwrap();
    assert_eq!(site.output_tree(), clean_build(&site));

    // Removed from the list: the copy is removed from the output.
    site.write(PROJECT, project_yaml("测试项目", "1.00"));
    let report = rebuild(&mut session, &[PROJECT]).unwrap();
    assert!(
        report
            .removed
            .iter()
            .any(|p| p.as_str() == "2023/100001/p/p-1.pdf"),
        "{:?}",
        report.removed
    );
    assert!(!site.read(PAGE).contains("id=\"attachments\""));
    assert_eq!(site.output_tree(), clean_build(&site));
}
