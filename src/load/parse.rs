//! Turning one file's bytes into one model value.
//!
//! Each function here reads a single file and returns either the value or
//! the diagnostics that explain why it could not be read. Nothing here knows
//! about other files, so the caller can parse in parallel.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Location};
use crate::model::{Department, Page, PageFrontMatter, Project};
use crate::yaml::{self, ParseError};

/// Reads a file as UTF-8 text, dropping a byte-order mark (Windows editors
/// add one), or explains where the first invalid byte is.
pub fn read_text(root: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(root.join(rel)).map_err(|e| {
        Diagnostic::error("io", rel, format!("cannot read the file: {e}"))
            .help("check that the file exists and is readable")
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            Err(Diagnostic::error(
                "encoding",
                rel,
                format!(
                    "the file is not valid UTF-8 (invalid byte at offset {})",
                    e.valid_up_to()
                ),
            )
            .at(Some(crate::config::location_of(valid, valid.len())))
            .help("save the file as UTF-8; files saved as GBK/GB 18030 must be converted, for example with `iconv -f GB18030 -t UTF-8`"))
        }
    }
}

/// Parses a YAML document into `T`, turning a failure into a diagnostic with
/// the field, the location and, for a misspelt field, the closest valid one.
pub fn parse_yaml<T: DeserializeOwned>(text: &str, rel: &Path) -> Result<T, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error("schema", rel, "the file is empty")
            .at(Some(Location { line: 1, column: 1 }))
            .help("see the content model in the README for the fields a file needs"));
    }
    yaml::from_str(text).map_err(|err| schema_diagnostic(err, rel))
}

fn schema_diagnostic(err: ParseError, rel: &Path) -> Diagnostic {
    let diagnostic = Diagnostic::error("schema", rel, err.message.clone()).at(err.location);
    match err.unknown_field {
        Some(field) => {
            let help =
                crate::suggest::did_you_mean(&field, &err.expected_fields).unwrap_or_else(|| {
                    format!("valid fields here: {}", err.expected_fields.join(", "))
                });
            diagnostic.field(field).help(help)
        }
        None => diagnostic,
    }
}

pub fn department(text: &str, rel: &Path) -> Result<Department, Diagnostic> {
    let mut department: Department = parse_yaml(text, rel)?;
    department.source = rel.to_path_buf();
    if department.code.is_empty() || !department.code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Diagnostic::error(
            "department-code",
            rel,
            format!("单位编码 `{}` must consist of digits", department.code),
        )
        .field("code")
        .help("write the budget unit code as published, for example code: \"504001\""));
    }
    Ok(department)
}

pub fn project(text: &str, rel: &Path, department: &str) -> Result<Project, Diagnostic> {
    let mut project: Project = parse_yaml(text, rel)?;
    project.slug = slug_of(rel)?;
    project.department = department.to_owned();
    project.source = rel.to_path_buf();
    Ok(project)
}

/// Splits `---` front matter from a Markdown page and parses both.
pub fn page(text: &str, rel: &Path) -> Result<Page, Diagnostic> {
    let missing = || {
        Diagnostic::error("schema", rel, "the page has no front matter")
            .at(Some(Location { line: 1, column: 1 }))
            .help("start the file with three lines: ---, title: 说明, ---")
    };
    let rest = text.strip_prefix("---").ok_or_else(missing)?;
    let rest = rest
        .trim_start_matches([' ', '\t', '\r'])
        .strip_prefix('\n')
        .ok_or_else(missing)?;
    let end = rest.find("\n---").ok_or_else(missing)?;
    let front: PageFrontMatter = parse_yaml(&rest[..end + 1], rel).map_err(|mut d| {
        // The front matter starts on the file's second line.
        d.location = d.location.map(|l| Location {
            line: l.line + 1,
            ..l
        });
        d
    })?;
    let body = rest[end + 4..].split_once('\n').map_or("", |(_, b)| b);
    Ok(Page {
        slug: slug_of(rel)?,
        title: front.title,
        weight: front.weight,
        body: body.to_owned(),
        source: rel.to_path_buf(),
    })
}

/// The URL slug of a content file: its stem, which must be `[a-z0-9-]`.
pub fn slug_of(rel: &Path) -> Result<String, Diagnostic> {
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if is_slug(&stem) {
        return Ok(stem);
    }
    let extension = rel
        .extension()
        .map(|e| e.to_string_lossy())
        .unwrap_or_default();
    let suggestion = suggest_slug(&stem);
    let help = if suggestion.is_empty() {
        format!(
            "rename it to an ASCII name such as `project-01.{extension}`; pinyin works well (残疾人康复 → canjiren-kangfu)"
        )
    } else {
        format!("rename it to `{suggestion}.{extension}`")
    };
    Err(Diagnostic::error(
        "slug",
        rel,
        format!("the file name `{stem}` cannot be used in a URL: it must use only a-z, 0-9 and -"),
    )
    .help(help))
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn suggest_slug(stem: &str) -> String {
    let mapped: String = stem
        .chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' => c,
            'A'..='Z' => c.to_ascii_lowercase(),
            _ => '-',
        })
        .collect();
    mapped
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("kangfu-2023"));
        assert!(!is_slug("Kangfu"));
        assert!(!is_slug("康复"));
        assert_eq!(suggest_slug("My Project_1"), "my-project-1");
        assert_eq!(suggest_slug("康复"), "");
    }

    #[test]
    fn misspelt_field_gets_a_suggestion() {
        let err =
            parse_yaml::<Department>("code: \"1\"\nnmae: x\n", Path::new("d.yaml")).unwrap_err();
        assert_eq!(err.help.as_deref(), Some("did you mean `name`?"));
        assert_eq!(err.location.map(|l| l.line), Some(2));
    }

    #[test]
    fn page_front_matter() {
        let page = page(
            "---\ntitle: 说明\nweight: 2\n---\n# 正文\n",
            Path::new("content/pages/about.md"),
        )
        .unwrap();
        assert_eq!(page.title, "说明");
        assert_eq!(page.weight, 2);
        assert_eq!(page.body, "# 正文\n");
    }
}
