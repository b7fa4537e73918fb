//! The page plan: which output files a site has, and which inputs feed them.
//!
//! `build` renders the whole plan; `watch` asks `affected` which entries a
//! set of changed inputs touches and renders only those. Keeping both
//! answers in this one module is what makes an incremental rebuild produce
//! exactly the bytes of a clean build. Every output path is assembled here
//! from validated parts (digits, years, `[a-z0-9-]` slugs and theme file
//! names checked by [`OutputPath::new`]), so no output can escape the
//! output directory. The plan's own checks live here too: two pages that
//! would land on one path are reported by `checked_plan` (in `checks.rs`),
//! pointing at the file the second page comes from.

use std::collections::BTreeSet;

use crate::integrity::IntegrityFile;
use crate::layout::OutputPath;
use crate::model::{AttachmentFormat, ProjectKey, Site};
use crate::render::feeds::{self, Feed};
use crate::render::search::{self, SearchFile};

mod checks;
pub(crate) use checks::{checked_plan, collision_errors, long_name_errors};

/// What an output file shows.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum PageKind {
    /// The portal's front page: every year, then the newest year's units.
    Index,
    /// `404.html`, served by the host at any depth.
    NotFound,
    /// One budget year: its departments, each with its projects and 合计.
    Year(u16),
    /// A department's landing page at its old URL `/<code>/`: its years.
    Department(String),
    /// A department in one year.
    DepartmentYear(String, u16),
    Project(ProjectKey),
    /// A free-standing Markdown page, by slug.
    Page(String),
    /// 开放数据: every download with its format, size and fields.
    OpenData,
    /// 更正说明: every revision of every project (see
    /// [`crate::render::views::revisions`]). Always planned, so that its
    /// existence and the footer's link depend on no content.
    Corrections,
    /// 搜索: the search page, and without JavaScript the ways to browse.
    Search,
    /// A file of the search index (see [`search`]).
    SearchFile(SearchFile),
    /// A generated data file. Planned before the pages that link to it,
    /// because their link text names its size.
    Download(Download),
    /// A project's attached original (its position in the list, from 0),
    /// copied as it is. Planned with the downloads, before the page that
    /// shows its size.
    Attachment(ProjectKey, usize, AttachmentFormat),
    /// A theme file copied as it is, by its path under `static/`.
    Static(String),
    /// The sitemap, an Atom feed or `robots.txt` (see [`feeds`]), planned
    /// only when `[feeds] base_url` is set.
    Feed(Feed),
    /// 核验: how to check a downloaded file and the signature.
    Verify,
    /// `manifest.json`, `SHA256SUMS` or `SM3SUMS` (see
    /// [`crate::integrity`]): planned last and rendered after every other
    /// output, from their final bytes; every step renders them.
    Integrity(IntegrityFile),
}

/// A generated data file: one project's table, or a set of tables for a
/// year or a department-year.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Download {
    Project(ProjectKey, ProjectFormat),
    Set(Scope, SetFormat),
    /// A project's amounts across the years it has (see
    /// [`crate::history`]): one file per project with more than one year,
    /// beside its newest year's page, which every year's page links.
    History(ProjectKey),
}

/// The formats of a project's indicator table. There is no per-project
/// JSON: its department-year's `data.json` holds the same rows, and at
/// 10,000 projects the per-project copies were 57 MB (issue 22).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum ProjectFormat {
    /// The indicator rows, each carrying the project's key.
    Csv,
    /// The official printed layout, with merged 一级/二级 cells.
    Xlsx,
}

/// What a set of projects covers. No set ever spans two budget years.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Scope {
    Year(u16),
    DepartmentYear(String, u16),
}

/// The files of a set. A department-year has the two CSV files, the
/// workbook, `data.json` and the Data Package; a year has the workbook
/// and [`SetFormat::CsvZip`], both assembled from its departments' parts
/// (see [`crate::render::data`] for why).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum SetFormat {
    ProjectsCsv,
    IndicatorsCsv,
    /// Both tables as sheets.
    Xlsx,
    DataJson,
    DataPackage,
    /// A zipped Data Package: `datapackage.json`, `indicators.csv` and
    /// `projects.csv` (and `evaluation.csv` when the year has one) in one
    /// deterministic zip.
    CsvZip,
    /// One row per project with a 绩效自评表: planned only for a
    /// department-year that has one ([`evaluation_downloads`]), and not
    /// among the files pages list, which are the theme's to word.
    EvaluationCsv,
}

impl ProjectFormat {
    pub(crate) const ALL: [ProjectFormat; 2] = [ProjectFormat::Xlsx, ProjectFormat::Csv];
}

impl SetFormat {
    /// A department-year's files, in the order pages list them.
    pub(crate) const DEPARTMENT_YEAR: [SetFormat; 5] = [
        SetFormat::Xlsx,
        SetFormat::ProjectsCsv,
        SetFormat::IndicatorsCsv,
        SetFormat::DataJson,
        SetFormat::DataPackage,
    ];

    /// A year's files, in the order pages list them.
    pub(crate) const YEAR: [SetFormat; 2] = [SetFormat::Xlsx, SetFormat::CsvZip];

    /// The file name inside the set's folder (and, for the CSV files and
    /// the package, inside the year's zip).
    pub(crate) fn file_name(self) -> &'static str {
        match self {
            SetFormat::ProjectsCsv => "projects.csv",
            SetFormat::IndicatorsCsv => "indicators.csv",
            SetFormat::Xlsx => "data.xlsx",
            SetFormat::DataJson => "data.json",
            SetFormat::DataPackage => "datapackage.json",
            SetFormat::CsvZip => "data-csv.zip",
            SetFormat::EvaluationCsv => "evaluation.csv",
        }
    }
}

impl Scope {
    pub(crate) fn year(&self) -> u16 {
        match self {
            Scope::Year(y) | Scope::DepartmentYear(_, y) => *y,
        }
    }

    /// The folder of the scope's page and files.
    fn folder(&self) -> String {
        match self {
            Scope::Year(y) => y.to_string(),
            Scope::DepartmentYear(code, y) => format!("{y}/{code}"),
        }
    }

    /// The formats this scope has.
    pub(crate) fn formats(&self) -> &'static [SetFormat] {
        match self {
            Scope::Year(_) => &SetFormat::YEAR,
            Scope::DepartmentYear(..) => &SetFormat::DEPARTMENT_YEAR,
        }
    }

    /// The set's files, in the order pages list them.
    pub(crate) fn downloads(&self) -> Vec<PageKind> {
        self.formats()
            .iter()
            .map(|f| PageKind::Download(Download::Set(self.clone(), *f)))
            .collect()
    }

    /// The files a page lists for the set: [`downloads`](Self::downloads),
    /// and a department-year's `evaluation.csv`, which exists only where a
    /// project has a 绩效自评 (see [`evaluation_downloads`]; a link is made
    /// only for a file that was rendered).
    pub(crate) fn listed_downloads(&self) -> Vec<PageKind> {
        let mut kinds = self.downloads();
        if let Scope::DepartmentYear(..) = self {
            kinds.push(PageKind::Download(Download::Set(
                self.clone(),
                SetFormat::EvaluationCsv,
            )));
        }
        kinds
    }
}

/// The `evaluation.csv` of each department-year with a 绩效自评表, so
/// that a site without evaluations has no such file.
pub(crate) fn evaluation_downloads(site: &Site) -> Vec<PageKind> {
    department_years(site)
        .into_iter()
        .filter(|(code, y)| {
            site.projects_of(code)
                .iter()
                .any(|p| p.year == *y && p.evaluation.is_some())
        })
        .map(|(code, y)| {
            PageKind::Download(Download::Set(
                Scope::DepartmentYear(code, y),
                SetFormat::EvaluationCsv,
            ))
        })
        .collect()
}

/// A project's files, in the order its page lists them.
pub(crate) fn project_downloads(key: &ProjectKey) -> Vec<PageKind> {
    ProjectFormat::ALL
        .iter()
        .map(|f| PageKind::Download(Download::Project(key.clone(), *f)))
        .collect()
}

/// One output file of the site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Planned {
    /// What the file shows, and so what feeds it.
    pub kind: PageKind,
    /// Where it goes under the output folder.
    pub path: OutputPath,
}

/// Where each kind of page lives. Directory-style URLs end in `index.html`
/// so that the site also works when opened from `file://`.
///
/// ```text
/// index.html                          front page: every year
/// <year>/index.html                   one year, by department
/// <year>/<code>/index.html            one department in one year
/// <year>/<code>/<slug>/index.html     one project
/// <code>/index.html                   a department's years (old URL)
/// open-data/index.html                开放数据
/// corrections/index.html              更正说明
/// search/index.html                   搜索
/// search/manifest.js, shard-N.js …    the search index
/// <year>/<code>/<slug>/search.js      a project's searchable text
/// <year>/<code>/projects.csv …       a department-year's downloads
/// <year>/data.xlsx, data-csv.zip      a year's downloads
/// <year>/<code>/<slug>/<slug>.csv …   a project's downloads
/// <year>/<code>/<slug>/<slug>-1.pdf … a project's attachments, numbered
/// <year>/<code>/<slug>/<slug>-history.csv   its amounts across years
/// sitemap.xml, sitemap-N.xml         the sitemap (with `[feeds] base_url`)
/// feed.xml, <year>/feed.xml           Atom feeds of the site and a year
/// robots.txt                          naming the sitemap (host root only)
/// ```
///
/// Attachments are numbered in list order rather than named after their
/// source file: a clerk's `原件（盖章）.pdf` would otherwise become a URL
/// that some hosts and mail clients mangle, and the number can never
/// collide with the downloads beside it.
pub(crate) fn path_of(kind: &PageKind) -> Option<OutputPath> {
    let path = match kind {
        PageKind::Index => "index.html".to_owned(),
        PageKind::NotFound => "404.html".to_owned(),
        PageKind::Year(year) => format!("{year}/index.html"),
        PageKind::Department(code) => format!("{code}/index.html"),
        PageKind::DepartmentYear(code, year) => format!("{year}/{code}/index.html"),
        PageKind::Project(key) => format!("{}/index.html", project_folder(key)),
        PageKind::Page(slug) => format!("pages/{slug}/index.html"),
        PageKind::OpenData => "open-data/index.html".to_owned(),
        PageKind::Corrections => "corrections/index.html".to_owned(),
        PageKind::Search => "search/index.html".to_owned(),
        PageKind::SearchFile(file) => match file {
            SearchFile::Manifest => "search/manifest.js".to_owned(),
            SearchFile::Shard(n) => format!("search/shard-{n}.js"),
            SearchFile::Meta(n) => format!("search/meta-{n}.js"),
            SearchFile::Text(key) => format!("{}/search.js", project_folder(key)),
        },
        PageKind::Download(Download::Project(key, format)) => {
            let ext = match format {
                ProjectFormat::Csv => "csv",
                ProjectFormat::Xlsx => "xlsx",
            };
            format!("{}/{}.{ext}", project_folder(key), key.slug)
        }
        PageKind::Download(Download::History(key)) => {
            format!("{}/{}-history.csv", project_folder(key), key.slug)
        }
        PageKind::Download(Download::Set(scope, format)) => {
            format!("{}/{}", scope.folder(), format.file_name())
        }
        PageKind::Attachment(key, n, format) => format!(
            "{}/{}-{}.{}",
            project_folder(key),
            key.slug,
            n + 1,
            format.extension()
        ),
        PageKind::Static(file) => format!("static/{file}"),
        PageKind::Feed(feed) => feeds::path(feed),
        PageKind::Verify => "verify/index.html".to_owned(),
        PageKind::Integrity(file) => file.file_name().to_owned(),
    };
    OutputPath::new(&path)
}

fn project_folder(key: &ProjectKey) -> String {
    format!("{}/{}/{}", key.year, key.department, key.slug)
}

/// The href of a page relative to the site root, for use in views.
pub(crate) fn href_of(kind: &PageKind) -> String {
    path_of(kind)
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default()
}

/// Every output of `site`, in a stable order: downloads first, since the
/// pages that link to them show their sizes. `statics` are the theme's
/// static file names.
pub(crate) fn plan(site: &Site, statics: &[String]) -> Vec<Planned> {
    let downloads = site.config.open_data.downloads;
    let years = site.years();
    let department_years = department_years(site);
    let mut kinds: Vec<PageKind> = Vec::new();
    if downloads {
        // A year's files are assembled from its department-years' parts:
        // listed after them, they mostly find those parts already built.
        kinds.extend(
            department_years
                .iter()
                .flat_map(|(code, y)| Scope::DepartmentYear(code.clone(), *y).downloads()),
        );
        kinds.extend(evaluation_downloads(site));
        kinds.extend(years.iter().flat_map(|y| Scope::Year(*y).downloads()));
        kinds.extend(
            site.projects
                .iter()
                .flat_map(|p| project_downloads(&p.key())),
        );
        let history = crate::history::History::of(site);
        kinds.extend(
            history
                .chains()
                .filter(|chain| chain.len() > 1)
                .filter_map(|chain| chain.last())
                .map(|&i| PageKind::Download(Download::History(site.projects[i].key()))),
        );
    }
    kinds.extend(site.projects.iter().flat_map(|p| project_attachments(p)));
    let pages = pages(site);
    let feeds = feeds::kinds(site, &pages);
    kinds.extend(pages);
    if site.config.search.enabled {
        kinds.extend(search::files(site).into_iter().map(PageKind::SearchFile));
    }
    kinds.extend(feeds);
    kinds.extend(
        statics
            .iter()
            .filter(|s| site.config.search.enabled || s.as_str() != search::SCRIPT)
            .map(|s| PageKind::Static(s.clone())),
    );
    kinds.extend(IntegrityFile::ALL.map(PageKind::Integrity));
    kinds
        .into_iter()
        .filter_map(|kind| path_of(&kind).map(|path| Planned { kind, path }))
        .collect()
}

/// Every HTML page of `site`, in plan order (the sitemap lists them in
/// this order too).
pub(crate) fn pages(site: &Site) -> Vec<PageKind> {
    let mut kinds = vec![PageKind::Index, PageKind::NotFound];
    kinds.extend(site.years().into_iter().map(PageKind::Year));
    kinds.extend(
        site.departments
            .iter()
            .map(|d| PageKind::Department(d.code.clone())),
    );
    kinds.extend(
        department_years(site)
            .into_iter()
            .map(|(code, y)| PageKind::DepartmentYear(code, y)),
    );
    kinds.extend(site.projects.iter().map(|p| PageKind::Project(p.key())));
    kinds.extend(site.pages.iter().map(|p| PageKind::Page(p.slug.clone())));
    kinds.push(PageKind::Corrections);
    if site.config.open_data.downloads {
        kinds.push(PageKind::OpenData);
    }
    if site.config.search.enabled {
        kinds.push(PageKind::Search);
    }
    kinds.push(PageKind::Verify);
    kinds
}

/// A project's attachments, in the order its page lists them.
pub(crate) fn project_attachments(project: &crate::model::Project) -> Vec<PageKind> {
    let key = project.key();
    project
        .attachments
        .iter()
        .enumerate()
        .filter_map(|(n, a)| Some(PageKind::Attachment(key.clone(), n, a.format?)))
        .collect()
}

/// Every (department, year) that has at least one project, in order.
pub(crate) fn department_years(site: &Site) -> Vec<(String, u16)> {
    let mut pairs: Vec<(String, u16)> = Vec::new();
    for p in &site.projects {
        if pairs
            .last()
            .is_none_or(|(d, y)| *d != p.department || *y != p.year)
        {
            pairs.push((p.department.clone(), p.year));
        }
    }
    pairs
}

/// True for a generated data file or an attachment, which must be
/// rendered before the pages that show their sizes.
pub(crate) fn is_download(kind: &PageKind) -> bool {
    matches!(kind, PageKind::Download(_) | PageKind::Attachment(..))
}

/// What changed between two versions of the inputs, as `watch` sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Change {
    /// Projects added, removed or edited, by old and new key.
    pub projects: BTreeSet<ProjectKey>,
    /// Departments whose `_department.yaml` changed.
    pub departments: BTreeSet<String>,
    /// Anything that every page shows: configuration, theme, page list.
    pub everything: bool,
    /// Projects in other years of a changed project (before or after the
    /// change, see [`crate::history::related`]): their page and history
    /// file show its amount and indicators in 历年对比.
    pub related: BTreeSet<ProjectKey>,
}

/// The entries of `plan` that must be re-rendered after `change`.
///
/// A project edit touches its own page and files; its department-year's
/// page and files (rows and 合计); its year's page and files; the pages of
/// its department in other years (they link to each other's years); the
/// department landing page, the front page (per-year totals) and the
/// open-data page (file sizes). The same project's pages and history
/// files in its other years ([`Change::related`]) show it in 历年对比;
/// the department-year pages that chart the department's total across
/// years are already among the department's pages. A department edit also touches its
/// projects' pages and files, which show the department name. Whether the
/// set of years changed, which moves every page's year switcher, is the
/// caller's to judge: it then sets [`Change::everything`].
pub(crate) fn affected<'a>(plan: &'a [Planned], change: &Change) -> Vec<&'a Planned> {
    if change.everything {
        return plan.iter().collect();
    }
    let departments: BTreeSet<&str> = change
        .projects
        .iter()
        .map(|k| k.department.as_str())
        .chain(change.departments.iter().map(String::as_str))
        .collect();
    let pairs: BTreeSet<(&str, u16)> = change
        .projects
        .iter()
        .map(|k| (k.department.as_str(), k.year))
        .collect();
    let years: BTreeSet<u16> = change.projects.iter().map(|k| k.year).collect();
    let renamed = |code: &str| change.departments.contains(code);
    let year_touched = |y: &u16| years.contains(y) || !change.departments.is_empty();
    let project_touched = |key: &ProjectKey| {
        change.projects.contains(key) || change.related.contains(key) || renamed(&key.department)
    };
    plan.iter()
        .filter(|entry| match &entry.kind {
            // 更正说明 lists every project's revisions with its
            // department's name: any project or department edit.
            PageKind::Index | PageKind::OpenData | PageKind::Corrections => !departments.is_empty(),
            PageKind::Year(y) => year_touched(y),
            PageKind::Department(code) | PageKind::DepartmentYear(code, _) => {
                departments.contains(code.as_str())
            }
            PageKind::Project(key) => project_touched(key),
            PageKind::Download(Download::Project(key, _)) | PageKind::Attachment(key, ..) => {
                change.projects.contains(key) || renamed(&key.department)
            }
            PageKind::Download(Download::History(key)) => project_touched(key),
            PageKind::Download(Download::Set(Scope::Year(y), _)) => year_touched(y),
            PageKind::Download(Download::Set(Scope::DepartmentYear(code, y), _)) => {
                pairs.contains(&(code.as_str(), *y)) || renamed(code)
            }
            // The page lists departments; the index holds every project.
            PageKind::Search => !change.departments.is_empty(),
            PageKind::SearchFile(SearchFile::Text(key)) => project_touched(key),
            PageKind::SearchFile(_) => !departments.is_empty(),
            PageKind::Feed(feed) => feeds::affected(feed, change),
            PageKind::Integrity(_) => true,
            PageKind::NotFound | PageKind::Verify | PageKind::Page(_) | PageKind::Static(_) => {
                false
            }
        })
        .collect()
}

/// How many outputs are HTML pages (static files, downloads and the
/// search index not counted).
pub(crate) fn html_pages(plan: &[Planned]) -> usize {
    plan.iter()
        .filter(|p| {
            !matches!(
                p.kind,
                PageKind::Static(_)
                    | PageKind::Download(_)
                    | PageKind::SearchFile(_)
                    | PageKind::Attachment(..)
                    | PageKind::Feed(_)
                    | PageKind::Integrity(_)
            )
        })
        .count()
}

#[cfg(test)]
mod tests;
