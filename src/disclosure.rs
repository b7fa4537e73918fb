//! The disclosure metadata of one project page: its 索引号, 发布机构,
//! 成文日期, 发布日期, 文号, 主题分类, 时效性 and 信息来源.
//!
//! One definition that `check` (the `index-number-*` rules), the page's
//! panel and `<meta>` tags, and the CMS bundle all ask, so that the number a
//! page shows is the number `check` compared and the bundle carries. Every
//! value comes from the project file or `site.toml`, never from the clock
//! or from the project's position among others: an 索引号 never changes
//! once published, so it is made of fields that do not change either (see
//! [`crate::config::Placeholder`]). A value that is not given is absent,
//! never invented.

use crate::config::{Config, Piece, Placeholder};
use crate::model::{Department, Project, Revision};

/// A project's 索引号, or why it has none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexNo {
    /// The number: the project's own `index_no`, or the template filled in.
    Assigned(String),
    /// The template needs fields the project does not have (their names).
    Missing(Vec<&'static str>),
    /// The site uses no 索引号: no template and no `index_no`.
    NotUsed,
}

impl IndexNo {
    /// The number, when there is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            IndexNo::Assigned(n) => Some(n),
            _ => None,
        }
    }
}

/// A text that is set and not blank.
fn given(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

/// The 索引号 of `project` under `config`.
pub fn index_no(project: &Project, config: &Config) -> IndexNo {
    if let Some(own) = given(project.index_no.as_deref()) {
        return IndexNo::Assigned(own.to_owned());
    }
    let Some(pieces) = config.disclosure.template() else {
        return IndexNo::NotUsed;
    };
    let code = given(project.code.as_deref());
    let id = given(project.id.as_deref());
    let mut out = String::new();
    let mut missing = Vec::new();
    for piece in &pieces {
        let value = match piece {
            Piece::Text(text) => Some(text.clone()),
            Piece::Field(field) => match field {
                Placeholder::Org => given(config.disclosure.org_code.as_deref()).map(str::to_owned),
                Placeholder::Year => Some(project.year.to_string()),
                Placeholder::Department => Some(project.department.clone()),
                Placeholder::Code => code.map(str::to_owned),
                Placeholder::Id => id.map(str::to_owned),
                Placeholder::Project => code.or(id).map(str::to_owned),
            },
        };
        match (value, piece) {
            (Some(v), _) => out.push_str(&v),
            (None, Piece::Field(field)) => missing.push(field_name(*field)),
            (None, Piece::Text(_)) => {}
        }
    }
    if missing.is_empty() {
        IndexNo::Assigned(out)
    } else {
        IndexNo::Missing(missing)
    }
}

/// The project-file field (or setting) a placeholder reads.
fn field_name(field: Placeholder) -> &'static str {
    match field {
        Placeholder::Org => "org_code",
        Placeholder::Year => "year",
        Placeholder::Department => "department",
        Placeholder::Code => "code",
        Placeholder::Id => "id",
        Placeholder::Project => "code/id",
    }
}

/// Everything the metadata panel states about one project.
#[derive(Debug, Clone)]
pub struct Panel<'a> {
    /// 索引号.
    pub index_no: IndexNo,
    /// 发布机构: `[disclosure] publisher`, else the department's full name.
    pub publisher: Option<&'a str>,
    /// 成文日期: the project's `written`, else `[disclosure] written`.
    pub written: Option<&'a str>,
    /// 发布日期: the project's `published`, else `[publication] published`.
    pub published: Option<&'a str>,
    /// 文号, only where the project has one.
    pub document_no: Option<&'a str>,
    /// 主题分类.
    pub topic: Option<&'a str>,
    /// 时效性: the project's `validity`, else `[disclosure] validity`.
    pub validity: Option<&'a str>,
    /// 信息来源: the project's `source`, else `[publication] source`.
    pub source: Option<&'a str>,
    /// The latest correction (by date), shown as 上次更新.
    pub revised: Option<&'a Revision>,
}

impl<'a> Panel<'a> {
    /// The panel of `project` in `department` (the department may be
    /// unknown to a caller that has only the project).
    pub fn of(
        project: &'a Project,
        department: Option<&'a Department>,
        config: &'a Config,
    ) -> Self {
        let d = &config.disclosure;
        let p = &config.publication;
        Panel {
            index_no: index_no(project, config),
            publisher: given(d.publisher.as_deref()).or(department.map(|d| d.name.as_str())),
            written: given(project.written.as_deref()).or(given(d.written.as_deref())),
            published: given(project.published.as_deref()).or(given(p.published.as_deref())),
            document_no: given(project.document_no.as_deref()),
            topic: given(d.topic.as_deref()),
            validity: given(project.validity.as_deref()).or(given(d.validity.as_deref())),
            source: given(project.info_source.as_deref()).or(given(p.source.as_deref())),
            revised: crate::model::revision::latest(&project.revisions),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(extra: &str) -> Project {
        let mut p: Project = crate::yaml::from_str(&format!(
            "{{year: 2023, name: p, amount: \"1\", goals: [g], indicators: [{{level1: a, level2: b, name: c, value: \"1\"}}]{extra}}}"
        ))
        .unwrap();
        p.department = "504001".into();
        p
    }

    fn config(template: &str) -> Config {
        Config::parse(&format!(
            "title = \"t\"\n[disclosure]\norg_code = \"X\"\nindex_template = \"{template}\"\n"
        ))
        .unwrap()
    }

    #[test]
    fn the_template_fills_from_stable_fields() {
        let config = config("{org}/{year}-{department}-{project}");
        let p = project(", code: \"C1\"");
        assert_eq!(
            index_no(&p, &config),
            IndexNo::Assigned("X/2023-504001-C1".into())
        );
        let p = project(", id: kangfu");
        assert_eq!(index_no(&p, &config).as_str(), Some("X/2023-504001-kangfu"));
        assert_eq!(
            index_no(&project(""), &config),
            IndexNo::Missing(vec!["code/id"])
        );
    }

    #[test]
    fn the_project_s_own_number_wins_and_blank_is_none() {
        let config = config("{org}-{code}");
        let p = project(", index_no: \"Y/1\", code: C");
        assert_eq!(index_no(&p, &config).as_str(), Some("Y/1"));
        let p = project(", index_no: \" \", code: C");
        assert_eq!(index_no(&p, &config).as_str(), Some("X-C"));
        let plain = Config::parse("title = \"t\"\n").unwrap();
        assert_eq!(index_no(&project(""), &plain), IndexNo::NotUsed);
    }
}
