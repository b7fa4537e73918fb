//! `gongkai init`: a new site that builds at once.
//!
//! The scaffold holds only what a user must edit (`site.toml`, a 说明 page
//! and an ignore file for the output); the theme stays embedded in the
//! binary, so upgrades of gongkai reach the site without copying templates.

use std::fs;
use std::path::{Path, PathBuf};

use crate::config::toml_string;
use crate::error::{Error, Result};
use crate::layout::{CONFIG_FILE, CONTENT_DIR, DEFAULT_OUTPUT_DIR, PAGES_DIR};

/// Creates a site in `dir`, which must be missing or empty. Returns the
/// files written, relative to `dir`.
pub fn init(dir: &Path, title: Option<&str>) -> Result<Vec<PathBuf>> {
    let non_empty = fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    if non_empty {
        return Err(Error::InitNotEmpty {
            path: dir.to_path_buf(),
        });
    }
    let title = title
        .map(str::to_owned)
        .unwrap_or_else(|| default_title(dir));
    let files = [
        (PathBuf::from(CONFIG_FILE), site_toml(&title)),
        (
            [CONTENT_DIR, PAGES_DIR, "about.md"].iter().collect(),
            ABOUT_PAGE.to_owned(),
        ),
        (
            PathBuf::from(".gitignore"),
            format!("/{DEFAULT_OUTPUT_DIR}/\n"),
        ),
    ];
    let mut written = Vec::new();
    for (name, text) in files {
        let path = dir.join(&name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
        }
        fs::write(&path, text).map_err(|e| Error::write(&path, e))?;
        written.push(name);
    }
    Ok(written)
}

fn default_title(dir: &Path) -> String {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{name} 预算绩效目标公开")
}

fn site_toml(title: &str) -> String {
    format!(
        "# gongkai site settings. See the README for every key.\n\
         title = {}\n\
         language = \"zh-CN\"\n\
         \n\
         [footer]\n\
         # organizer = \"主办单位名称\"\n\
         # contact = \"联系电话：0000-0000000\"\n\
         # site_code = \"网站标识码\"\n\
         # icp = \"ICP备案号\"\n\
         # police = \"公安机关备案号\"\n",
        toml_string(title)
    )
}

const ABOUT_PAGE: &str = "---\ntitle: 说明\nweight: 1\n---\n\n\
本网站公开本单位部门预算项目支出绩效目标。\n\n\
每个项目一张表，金额单位为万元，合计由各项目金额计算得出。\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_a_non_empty_directory() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("x"), "").unwrap();
        assert!(matches!(
            init(dir.path(), None),
            Err(Error::InitNotEmpty { .. })
        ));
    }

    #[test]
    fn title_is_quoted() {
        let config = crate::config::Config::parse(&site_toml("a \"b\" 丙")).unwrap();
        assert_eq!(config.title, "a \"b\" 丙");
    }
}
