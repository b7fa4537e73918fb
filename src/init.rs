//! `gongkai init`: a new site that builds at once.
//!
//! The scaffold holds only what a user must edit (`site.toml`, a 说明 page
//! and an ignore file for the output); the theme stays embedded in the
//! binary, so upgrades of gongkai reach the site without copying templates.

use std::fs;
use std::path::{Path, PathBuf};

use crate::config::{Footer, Publication, toml_string};
use crate::error::{Error, Result};
use crate::layout::{CONFIG_FILE, CONTENT_DIR, DEFAULT_OUTPUT_DIR, PAGES_DIR};

/// Creates a site in `dir`, which must be missing or empty. Returns the
/// files written, relative to `dir`.
pub fn init(dir: &Path, title: Option<&str>) -> Result<Vec<PathBuf>> {
    init_with(dir, title, &Footer::default(), &Publication::default())
}

/// Like [`init`], writing the footer (主办单位, 网站标识码, ICP 备案号,
/// 公安机关备案号, 联系方式) and the publication details (发布日期,
/// 信息来源) into `site.toml`; what is not given stays a commented line to
/// fill in later.
pub fn init_with(
    dir: &Path,
    title: Option<&str>,
    footer: &Footer,
    publication: &Publication,
) -> Result<Vec<PathBuf>> {
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
        (
            PathBuf::from(CONFIG_FILE),
            site_toml(&title, footer, publication),
        ),
        (
            [CONTENT_DIR, PAGES_DIR, "about.md"].iter().collect(),
            ABOUT_PAGE.to_owned(),
        ),
        (
            PathBuf::from(".gitignore"),
            // The output, and the hidden staging, temporary and cache
            // folders a build keeps beside it (see `layout::staging_dir`).
            format!("/{DEFAULT_OUTPUT_DIR}/\n/.{DEFAULT_OUTPUT_DIR}.gongkai-*\n"),
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

fn site_toml(title: &str, footer: &Footer, publication: &Publication) -> String {
    let line = |key: &str, value: &Option<String>, example: &str| match value {
        Some(v) if !v.trim().is_empty() => format!("{key} = {}\n", toml_string(v)),
        _ => format!("# {key} = {}\n", toml_string(example)),
    };
    format!(
        "# {}\n\
         title = {}\n\
         language = \"zh-CN\"\n\
         \n\
         # {}\n\
         # {}\n\
         [footer]\n{}{}{}{}{}\
         \n\
         # {}\n\
         [publication]\n{}{}",
        crate::t!("init-toml-header"),
        toml_string(title),
        crate::t!("init-toml-footer"),
        crate::t!("init-toml-footer-check"),
        line("organizer", &footer.organizer, "主办单位名称"),
        line("contact", &footer.contact, "联系电话：0000-0000000"),
        line("site_code", &footer.site_code, "网站标识码"),
        line("icp", &footer.icp, "ICP备案号"),
        line("police", &footer.police, "公安机关备案号"),
        crate::t!("init-toml-publication"),
        line("published", &publication.published, "2024-01-01"),
        line("source", &publication.source, "信息来源"),
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
        let toml = site_toml("a \"b\" 丙", &Footer::default(), &Publication::default());
        let config = crate::config::Config::parse(&toml).unwrap();
        assert_eq!(config.title, "a \"b\" 丙");
        assert_eq!(config.footer.icp, None);
    }

    #[test]
    fn answers_are_written_into_site_toml() {
        let footer = Footer {
            organizer: Some("某县财政局".into()),
            icp: Some("青ICP备12345678号".into()),
            ..Footer::default()
        };
        let publication = Publication {
            published: Some("2024-02-01".into()),
            source: None,
        };
        let toml = site_toml("t", &footer, &publication);
        let config = crate::config::Config::parse(&toml).unwrap();
        assert_eq!(config.footer.organizer.as_deref(), Some("某县财政局"));
        assert_eq!(config.footer.icp.as_deref(), Some("青ICP备12345678号"));
        assert_eq!(config.footer.police, None);
        assert_eq!(config.publication.published.as_deref(), Some("2024-02-01"));
        assert!(toml.contains("# police = "), "{toml}");
    }
}
