//! Render: from a checked [`Site`] to the bytes of each output file.
//!
//! Rendering is pure: `Renderer::render` takes the site and one entry of
//! the [page plan](plan) and returns bytes, with no I/O, so it runs in
//! parallel and is trivially testable. Downloads ([`data`]) are rendered
//! first, because the pages that link to them name their sizes: the sizes
//! travel to the pages in [`Shared`]. Templates are compiled once per
//! [`Renderer`]. Tera autoescapes every `.html` template; the only values
//! printed unescaped are the sanitised Markdown fragments built in
//! `views`.

pub(crate) mod data;
pub(crate) mod feeds;
pub mod markdown;
pub(crate) mod plan;
pub(crate) mod search;
pub mod theme;
pub(crate) mod views;
mod whole_numbers;

use tera::{Context, Tera};

use crate::error::{Error, Result};
use crate::history::History;
use crate::model::Site;
use plan::{PageKind, Planned};
use theme::Theme;
use views::attachments::AttachmentLink;
use views::revisions::{CorrectionsView, RevisionsView};
use views::{
    DepartmentFigures, DepartmentView, DepartmentYearView, FrontView, HistoryView, OpenDataView,
    PageView, ProjectView, SearchView, SiteView, Sizes, YearFigures, YearView,
};

/// Compiled templates and static files, ready to render any page.
pub(crate) struct Renderer {
    tera: Tera,
    theme: Theme,
}

/// The values shared by every page of one render pass, converted to Tera
/// values once (their maps are reference-counted, so each page's copy is
/// cheap).
pub struct Shared<'s> {
    site: tera::Value,
    strings: tera::Value,
    /// The size of every download, for the links' text.
    sizes: &'s Sizes,
    /// The search index of this pass.
    search: &'s search::SearchIndex,
    /// Which projects are one project across years, computed once per pass.
    history: &'s History,
}

impl Renderer {
    /// Compiles the theme's templates, reporting the first broken one.
    pub(crate) fn new(theme: Theme) -> Result<Renderer> {
        let mut tera = Tera::new();
        tera.add_raw_templates(
            theme
                .templates
                .iter()
                .map(|(n, s)| (n.as_str(), s.as_str())),
        )
        .map_err(|e| template_error("templates", &e))?;
        Ok(Renderer { tera, theme })
    }

    /// The names of the theme's static files, for the page plan.
    pub(crate) fn static_files(&self) -> Vec<String> {
        self.theme.statics.keys().cloned().collect()
    }

    /// Prepares what every page of `site` shares; compute once per pass,
    /// after the downloads whose `sizes` the pages show. `search` is the
    /// pass's index, which a `build::Session` keeps between rebuilds;
    /// `history` is [`History::of`] the same site.
    pub(crate) fn shared<'s>(
        &self,
        site: &Site,
        sizes: &'s Sizes,
        search: &'s search::SearchIndex,
        history: &'s History,
    ) -> Shared<'s> {
        let string = |key: &str, default: &'static str| {
            self.theme
                .strings
                .get(key)
                .map_or(default, String::as_str)
                .to_owned()
        };
        let open_data = site
            .config
            .open_data
            .downloads
            .then(|| string("open_data", "开放数据"));
        let view = SiteView::new(site, &string("home", "首页"), open_data.as_deref());
        Shared {
            site: tera::Value::from_serializable(&view),
            strings: tera::Value::from_serializable(&self.theme.strings),
            sizes,
            search,
            history,
        }
    }

    /// Renders one planned download or attachment, which needs no shared
    /// page values but the build's table cache and the site's `history`
    /// (computed once per pass).
    pub(crate) fn render_download(
        &self,
        site: &Site,
        cache: &data::SetTables,
        history: &History,
        entry: &Planned,
    ) -> Result<Vec<u8>> {
        match &entry.kind {
            PageKind::Download(download) => data::render(site, cache, history, download),
            PageKind::Attachment(key, n, _) => attachment(site, key, *n),
            _ => Err(missing(entry.path.as_str())),
        }
    }

    /// A project's tables and disclosure panel as an HTML fragment, with
    /// no site chrome, scripts or links (`cms_fragment.html`), for
    /// [`crate::export`]. `None` for a project the site does not have.
    pub(crate) fn render_fragment(
        &self,
        site: &Site,
        key: &crate::model::ProjectKey,
    ) -> Result<Option<String>> {
        let (Some(project), Some(department)) =
            (site.project(key), site.department(&key.department))
        else {
            return Ok(None);
        };
        let strings = &self.theme.strings;
        let mut context = Context::new();
        context.insert("site", &SiteView::new(site, "", None));
        context.insert("t", strings);
        let view = ProjectView::new(project, department, site, &Sizes::default(), strings);
        context.insert("project", &view);
        self.tera
            .render("cms_fragment.html", &context)
            .map(Some)
            .map_err(|e| template_error("cms_fragment.html", &e))
    }

    /// Renders one planned output.
    pub(crate) fn render(&self, site: &Site, shared: &Shared, entry: &Planned) -> Result<Vec<u8>> {
        let mut context = Context::new();
        context.insert_value("site", shared.site.clone());
        context.insert_value("t", shared.strings.clone());
        context.insert("root", &entry.path.root_prefix());
        context.insert("current", &entry.path.as_str());
        let sizes = shared.sizes;
        // The budget year a page belongs to, for the year switcher.
        let year = match &entry.kind {
            PageKind::Year(y) | PageKind::DepartmentYear(_, y) => Some(*y),
            PageKind::Project(key) => Some(key.year),
            _ => None,
        };
        context.insert("year", &year);
        let switcher = views::years::switcher(site, shared.history, &entry.kind);
        context.insert("year_links", &switcher);
        let strings = &self.theme.strings;
        let root = entry.path.root_prefix();
        let feed_links = views::feeds::links(site, &entry.kind, &root, year, strings);
        context.insert("feeds", &feed_links);
        context.insert("page_meta", &views::disclosure::page_meta(site));
        let template = match &entry.kind {
            PageKind::Download(download) => {
                return data::render(site, &data::SetTables::default(), shared.history, download);
            }
            PageKind::SearchFile(file) => {
                return shared
                    .search
                    .render(site, file)
                    .ok_or_else(|| missing(entry.path.as_str()));
            }
            PageKind::Search => {
                context.insert("search", &SearchView::new(site));
                "search.html"
            }
            PageKind::Attachment(key, n, _) => return attachment(site, key, *n),
            PageKind::Feed(feed) => {
                return feeds::render(site, feed, strings)
                    .ok_or_else(|| missing(entry.path.as_str()));
            }
            PageKind::Static(file) => {
                return self
                    .theme
                    .statics
                    .get(file)
                    .cloned()
                    .ok_or_else(|| missing(file));
            }
            PageKind::Index => {
                context.insert("front", &FrontView::new(site));
                "index.html"
            }
            PageKind::Year(y) => {
                let strings = &self.theme.strings;
                context.insert("year_view", &YearView::new(site, *y, sizes, strings));
                context.insert("figures", &YearFigures::new(site, *y, strings));
                "year.html"
            }
            PageKind::DepartmentYear(code, y) => {
                let department = site.department(code).ok_or_else(|| missing(code))?;
                let strings = &self.theme.strings;
                let view = DepartmentYearView::new(site, department, *y, sizes, strings)
                    .ok_or_else(|| missing(code))?;
                context.insert("department", &view);
                let figures = DepartmentFigures::new(site, code, *y, strings);
                context.insert("figures", &figures);
                "department_year.html"
            }
            PageKind::OpenData => {
                let view = OpenDataView::new(site, sizes, &self.theme.strings);
                context.insert("open_data", &view);
                "open_data.html"
            }
            PageKind::Corrections => {
                let view = CorrectionsView::new(site, sizes, &self.theme.strings);
                context.insert("corrections", &view);
                "corrections.html"
            }
            PageKind::Verify => {
                context.insert("verify", &views::VerifyView::new(site));
                "verify.html"
            }
            // Made by the build from every other output's final bytes.
            PageKind::Integrity(_) => return Err(missing(entry.path.as_str())),
            PageKind::NotFound => {
                // Hosts serve the 404 page at any depth, so relative links
                // would break there; it links from the configured base path.
                context.insert("root", &site.config.base_path);
                "404.html"
            }
            PageKind::Department(code) => {
                let department = site.department(code).ok_or_else(|| missing(code))?;
                context.insert("department", &DepartmentView::new(site, department));
                "department.html"
            }
            PageKind::Project(key) => {
                let project = site.project(key).ok_or_else(|| missing(&key.slug))?;
                let department = site
                    .department(&key.department)
                    .ok_or_else(|| missing(&key.department))?;
                let strings = &self.theme.strings;
                context.insert(
                    "project",
                    &ProjectView::new(project, department, site, sizes, strings),
                );
                let panel = crate::disclosure::Panel::of(project, Some(department), &site.config);
                let meta = views::disclosure::project_meta(project, department, &panel, strings);
                context.insert("page_meta", &meta);
                context.insert("attachments", &AttachmentLink::all(project, sizes));
                let revisions = RevisionsView::new(project, sizes, strings);
                context.insert("revisions", &revisions);
                let history = HistoryView::new(site, shared.history, project, strings, sizes);
                context.insert("history", &history);
                "project.html"
            }
            PageKind::Page(slug) => {
                let page = site
                    .pages
                    .iter()
                    .find(|p| &p.slug == slug)
                    .ok_or_else(|| missing(slug))?;
                context.insert("page", &PageView::new(page));
                "page.html"
            }
        };
        self.tera
            .render(template, &context)
            .map(|html| whole_numbers::keep_numbers_whole(&html).into_bytes())
            .map_err(|e| template_error(template, &e))
    }
}

/// The bytes of a project's `n`th attachment, read when the site loaded.
fn attachment(site: &Site, key: &crate::model::ProjectKey, n: usize) -> Result<Vec<u8>> {
    site.project(key)
        .and_then(|p| p.attachments.get(n))
        .map(|a| a.bytes.to_vec())
        .ok_or_else(|| missing(&key.slug))
}

fn missing(what: &str) -> Error {
    Error::Template {
        name: what.to_owned(),
        message: crate::t!("plan-missing"),
    }
}

/// Tera's error and its causes, on one line each.
fn template_error(name: &str, error: &tera::Error) -> Error {
    let mut message = error.to_string();
    for cause in crate::error::causes(error) {
        message.push_str(&format!("\n  {}", crate::t!("caused-by", cause = cause)));
    }
    Error::Template {
        name: name.to_owned(),
        message,
    }
}
