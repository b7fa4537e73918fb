//! The search page's view: the filter choices, and the links to browse
//! by year and by department that the page offers without JavaScript.

use serde::Serialize;

use crate::model::Site;
use crate::render::plan::{PageKind, href_of};

/// A year or department to filter by, and its page.
#[derive(Debug, Serialize)]
pub(crate) struct Choice<'a> {
    pub value: String,
    pub label: &'a str,
    pub href: String,
}

/// `search.html`: newest year first, departments by code.
#[derive(Debug, Serialize)]
pub(crate) struct SearchView<'a> {
    pub years: Vec<Choice<'a>>,
    pub departments: Vec<Choice<'a>>,
}

impl<'a> SearchView<'a> {
    pub(crate) fn new(site: &'a Site) -> Self {
        SearchView {
            years: site
                .years()
                .into_iter()
                .rev()
                .map(|y| Choice {
                    value: y.to_string(),
                    label: "",
                    href: href_of(&PageKind::Year(y)),
                })
                .collect(),
            departments: site
                .departments
                .iter()
                .filter(|d| site.projects.iter().any(|p| p.department == d.code))
                .map(|d| Choice {
                    value: d.code.clone(),
                    label: &d.name,
                    href: href_of(&PageKind::Department(d.code.clone())),
                })
                .collect(),
        }
    }
}
