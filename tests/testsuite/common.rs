//! `TestSite`: a real site in a temporary directory, built with the real
//! binary. Every integration test starts from one of these.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use tempfile::TempDir;

/// The repository root, which is itself the example site.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site under a temporary directory; removed when dropped.
pub struct TestSite {
    dir: TempDir,
}

impl TestSite {
    /// A copy of the repository's example site (site.toml and content/).
    pub fn example() -> TestSite {
        TestSite::copy_of(&repo_root())
    }

    /// A copy of the stress fixture: 30 projects in 3 departments, long
    /// names, every indicator category, null values, Markdown.
    pub fn stress() -> TestSite {
        TestSite::copy_of(&stress_root())
    }

    /// A copy of the site.toml and content/ of the site at `dir`.
    pub fn copy_of(dir: &Path) -> TestSite {
        let site = TestSite::empty();
        fs::copy(dir.join("site.toml"), site.root().join("site.toml")).unwrap();
        copy_tree(&dir.join("content"), &site.root().join("content"));
        site
    }

    /// A site with only a minimal site.toml.
    pub fn empty() -> TestSite {
        // Nearly every test makes a site: the first one of a run clears
        // the previous run's list of skipped audits.
        crate::skips::start_run();
        let dir = tempfile::tempdir().unwrap();
        let site = TestSite { dir };
        site.write(
            "site.toml",
            "title = \"测试站点\"\n[footer]\norganizer = \"测试单位\"\n\
             site_code = \"0000000000\"\nicp = \"京ICP备00000000号\"\npolice = \"京公网安备00000000000000号\"\n",
        );
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The default output directory.
    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Writes a file relative to the root, creating folders as needed.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }

    pub fn remove(&self, rel: &str) {
        fs::remove_file(self.root().join(rel)).unwrap();
    }

    /// Reads a file relative to the root.
    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Adds a department folder with `_department.yaml`.
    pub fn department(&self, code: &str, name: &str) {
        self.write(
            &format!("content/{code}/_department.yaml"),
            format!("code: \"{code}\"\nname: {name}\n"),
        );
    }

    /// Adds a small valid project.
    pub fn project(&self, code: &str, slug: &str, name: &str, amount: &str) {
        self.write(
            &format!("content/{code}/{slug}.yaml"),
            project_yaml(name, amount),
        );
    }

    /// `gongkai <args> --root <this site>`, with English messages: most
    /// tests assert key English terms of a message (the rule ids and
    /// locations are the same in every language).
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = self.cmd_in_site_language(args);
        cmd.env("GONGKAI_LANG", "en");
        cmd
    }

    /// `gongkai <args> --root <this site>` in the site's own language
    /// (Chinese for these zh-CN sites), as a clerk would run it.
    pub fn cmd_in_site_language(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("gongkai").unwrap();
        cmd.arg("--root")
            .arg(self.root())
            .args(args)
            .env("NO_COLOR", "1")
            .env_remove("GONGKAI_LANG");
        cmd
    }

    /// Runs `gongkai build` and asserts success.
    pub fn build(&self) -> Output {
        succeeded(self.cmd(&["build"]).output().unwrap())
    }

    /// Runs `gongkai build`, asserting it fails with exit code 1, and
    /// returns stderr.
    pub fn build_fails(&self) -> String {
        let output = self.cmd(&["build"]).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(1),
            "expected content errors, got:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stderr).into_owned()
    }

    /// Every file under the output directory with its bytes, sorted.
    pub fn output_tree(&self) -> Vec<(String, Vec<u8>)> {
        tree(&self.public())
    }

    /// Every file under `content/` with its bytes, sorted.
    pub fn content_tree(&self) -> Vec<(String, Vec<u8>)> {
        tree(&self.root().join("content"))
    }
}

/// Asserts that a command succeeded, showing its output if not.
pub fn succeeded(output: Output) -> Output {
    assert!(
        output.status.success(),
        "command failed ({}):\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Calls `condition` until it returns true, or until `timeout` has passed,
/// when it returns false; the caller asserts with its own message. Every
/// wait for a watcher, a server or a process goes through here, so none can
/// hang a test run and none can give up early.
pub fn eventually(timeout: Duration, mut condition: impl FnMut() -> bool) -> bool {
    let started = Instant::now();
    loop {
        if condition() {
            return true;
        }
        if started.elapsed() >= timeout {
            return false;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// The stress fixture: 30 projects, long names, every indicator category.
pub fn stress_root() -> PathBuf {
    repo_root().join("tests/fixtures/stress")
}

/// Three budget years and two departments (`tests/fixtures/years`).
pub fn years_root() -> PathBuf {
    repo_root().join("tests/fixtures/years")
}

/// One project across three years, renamed, ended, vanished and new ones
/// (issue 14, `tests/fixtures/history`).
pub fn history_root() -> PathBuf {
    repo_root().join("tests/fixtures/history")
}

/// One project per province layout (issue 10): 元 with weights and
/// direction, form-style with 绩效标准 and 实施期 goals, four decimals of
/// 万元 with nested funding, the older template.
pub fn provinces_root() -> PathBuf {
    repo_root().join("tests/fixtures/provinces")
}

/// 修订记录 of every kind, superseded tables and a 更正说明 page with
/// rows (issue 25, `tests/fixtures/revisions`).
pub fn revisions_root() -> PathBuf {
    repo_root().join("tests/fixtures/revisions")
}

/// Targets and 绩效自评 over two years: met, missed and not-comparable
/// rows, a row matching no target, execution above 100% (issue 27,
/// `tests/fixtures/evaluation`).
pub fn evaluation_root() -> PathBuf {
    repo_root().join("tests/fixtures/evaluation")
}

/// A valid project file with two indicators.
pub fn project_yaml(name: &str, amount: &str) -> String {
    format!(
        "year: 2023\nname: {name}\namount: \"{amount}\"\ngoals:\n  - 目标\nindicators:\n  \
         - {{level1: 产出指标, level2: 数量指标, name: 数量, value: \"3次\"}}\n  \
         - {{level1: 效益指标, level2: 社会效益指标, name: 效益, value: \"提高\"}}\n  \
         - {{level1: 满意度指标, level2: 服务对象满意度指标, name: 满意度, value: \"≥90%\"}}\n"
    )
}

/// Every file under `dir`, relative path and bytes, sorted by path.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walk(dir)
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, fs::read(&p).unwrap())
        })
        .collect();
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

pub fn copy_tree(from: &Path, to: &Path) {
    for file in walk(from) {
        let target = to.join(file.strip_prefix(from).unwrap());
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::copy(&file, &target).unwrap();
    }
}

/// A build session of `site`, for incremental rebuilds through the API.
pub fn session(site: &TestSite) -> gongkai::build::Session {
    let options = gongkai::build::BuildOptions {
        root: site.root().to_path_buf(),
        output_dir: None,
        force: false,
    };
    gongkai::build::Session::start(&options).unwrap().0
}

/// A clean build of the same tree into a fresh directory, as a tree.
pub fn clean_build(site: &TestSite) -> Vec<(String, Vec<u8>)> {
    let fresh = site.root().join("clean");
    let options = gongkai::build::BuildOptions {
        root: site.root().to_path_buf(),
        output_dir: Some(fresh.clone()),
        force: false,
    };
    gongkai::build::build(&options).unwrap();
    let files = tree(&fresh);
    fs::remove_dir_all(fresh).unwrap();
    files
}
