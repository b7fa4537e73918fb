//! The browser audit (issue 4): accessibility, HTML validity and layout of
//! every generated page, checked in Debian's headless Chromium.
//!
//! The example site, the stress site (`tests/fixtures/stress`), the
//! province layouts (`tests/fixtures/provinces`) and the three-year site
//! (`tests/fixtures/years`: front page, year indexes, department-year
//! pages, department landing pages, 开放数据) and the history site
//! (`tests/fixtures/history`: charts on every year index and
//! department-year page, 历年对比 on project pages) and the revisions site
//! (`tests/fixtures/revisions`: 修订记录 tables, superseded tables and a
//! 更正说明 page with rows) and the 绩效自评 site
//! (`tests/fixtures/evaluation`: result columns and rows matching no
//! target on project pages, budget and 达成情况 charts, 执行率 and totals
//! on the indexes) are built
//! with the real binary, then `tests/audit/audit.mjs` loads every page and runs
//! axe-core (WCAG 2.x A/AA and best practice), the Nu Html Checker, and the
//! layout checks (320 px, 200% zoom, visible focus, line height, print).
//! Screenshots land in `target/audit-screenshots/`.
//!
//! Without Chromium, Java, Node or the npm packages the tests print a
//! `SKIPPED:` line saying how to install them and pass, and the run ends by
//! counting the skipped audits (`skips.rs`); with `GONGKAI_REQUIRE_AUDIT=1`
//! (set in CI) a missing tool is a failure instead.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use super::table_structure::{built_sites, repo_root};

pub(crate) const INSTALL: &str = "apt-get install -y chromium default-jre-headless fonts-wqy-microhei nodejs npm && (cd tests/audit && npm ci)";

/// Two browsers at once would only slow each other down on two cores.
///
/// The serve load test takes it too: both saturate a small machine, and
/// the audit's time limit must not depend on the load test's timing.
pub static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn chromium() -> Option<PathBuf> {
    let debian = Path::new("/usr/bin/chromium");
    if debian.exists() {
        return Some(debian.to_path_buf());
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join("chromium"))
        .find(|p| p.is_file())
}

pub(crate) fn audit_dir() -> PathBuf {
    repo_root().join("tests/audit")
}

/// The Chromium to use, or the skip (or, in CI, failure) message.
pub(crate) fn tools() -> Option<PathBuf> {
    let chromium = chromium();
    let mut missing = Vec::new();
    if chromium.is_none() {
        missing.push("chromium");
    }
    if !runs("java", "-version") {
        missing.push("java");
    }
    if !runs("node", "--version") {
        missing.push("node");
    }
    let modules = audit_dir().join("node_modules");
    if !["playwright-core", "axe-core", "vnu-jar"]
        .iter()
        .all(|m| modules.join(m).is_dir())
    {
        missing.push("tests/audit/node_modules");
    }
    if missing.is_empty() {
        return chromium;
    }
    crate::skips::skip(
        "browser audit",
        &format!("{} missing; install with: {INSTALL}", missing.join(", ")),
    );
    None
}

pub(crate) fn screenshots_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is <target>/tmp.
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("audit-screenshots")
}

/// Runs the audit script over `sites`; returns whether it passed and its output.
fn run_audit(chromium: &Path, sites: &[&Path], shots: &Path) -> (bool, String) {
    let mut cmd = Command::new("node");
    cmd.arg(audit_dir().join("audit.mjs"));
    for site in sites {
        cmd.arg("--site").arg(site);
    }
    cmd.arg("--shots")
        .arg(shots)
        .arg("--chromium")
        .arg(chromium);
    let output = cmd.output().expect("cannot run node");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

#[test]
fn every_page_passes_axe_vnu_and_layout_checks() {
    let Some(chromium) = tools() else { return };
    let sites = built_sites();
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let (passed, output) = run_audit(
        &chromium,
        &[
            &sites.example,
            &sites.stress,
            &sites.provinces,
            &sites.years,
            &sites.history,
            &sites.revisions,
            &sites.evaluation,
        ],
        &screenshots_dir(),
    );
    let summary = output
        .lines()
        .rfind(|l| l.starts_with("audit: "))
        .unwrap_or("audit: no summary line");
    // The numbers belong in every test log, not only in failing ones.
    let _ = writeln!(std::io::stderr(), "{summary}");
    assert!(passed, "the browser audit failed:\n{output}");
    // Every amount and 指标值 of the three sites was looked at on a phone.
    let figures: usize = summary
        .split(", ")
        .find_map(|part| part.strip_suffix(" figures checked at 320 px"))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(
        figures > 500,
        "too few figures checked at 320 px: {summary}"
    );
}

#[test]
fn audit_fails_on_a_broken_page() {
    // The audit must be able to fail: a page with a known defect of each
    // kind has to be reported under each heading.
    let Some(chromium) = tools() else { return };
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("audit-broken-shots");
    let broken = audit_dir().join("fixtures/broken");
    let (passed, output) = run_audit(&chromium, &[&broken], &shots);
    assert!(!passed, "the audit passed a broken page:\n{output}");
    for needle in [
        "[html-has-lang]",
        "[image-alt]",
        "Nu Html Checker errors",
        "at 320px: page scrolls horizontally",
        "「200.00」 is in a sideways-scrolling table that is not announced",
        "「220.00」 is cut off",
        "the number 「≥10000」 is broken across lines",
        "no visible focus indicator",
        "line height",
        "print: nav is still printed",
        "missing.png answered HTTP 404",
    ] {
        assert!(
            output.contains(needle),
            "the audit did not report `{needle}`:\n{output}"
        );
    }
}
