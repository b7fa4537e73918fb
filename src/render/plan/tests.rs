use super::*;

fn planned(kind: PageKind) -> Planned {
    Planned {
        path: path_of(&kind).unwrap(),
        kind,
    }
}

fn touched<'a>(plan: &'a [Planned], change: &Change) -> Vec<&'a PageKind> {
    affected(plan, change)
        .into_iter()
        .map(|p| &p.kind)
        .collect()
}

#[test]
fn root_prefix_matches_depth() {
    let p = path_of(&PageKind::Project(ProjectKey {
        department: "504001".into(),
        year: 2023,
        slug: "a".into(),
    }))
    .unwrap();
    assert_eq!(p.root_prefix(), "../../../");
    assert_eq!(path_of(&PageKind::Index).unwrap().root_prefix(), "");
}

#[test]
fn project_edit_touches_its_year_and_department_only() {
    let key = |d: &str, y: u16, s: &str| ProjectKey {
        department: d.into(),
        year: y,
        slug: s.into(),
    };
    let a = key("1", 2023, "a");
    let set = |scope: Scope| {
        let format = scope.formats()[0];
        PageKind::Download(Download::Set(scope, format))
    };
    let plan: Vec<Planned> = [
        PageKind::Index,
        PageKind::NotFound,
        PageKind::OpenData,
        PageKind::Corrections,
        PageKind::Year(2023),
        PageKind::Year(2024),
        set(Scope::Year(2023)),
        set(Scope::Year(2024)),
        PageKind::Department("1".into()),
        PageKind::Department("2".into()),
        PageKind::DepartmentYear("1".into(), 2023),
        PageKind::DepartmentYear("1".into(), 2024),
        PageKind::DepartmentYear("2".into(), 2023),
        set(Scope::DepartmentYear("1".into(), 2023)),
        set(Scope::DepartmentYear("1".into(), 2024)),
        set(Scope::DepartmentYear("2".into(), 2023)),
        PageKind::Project(a.clone()),
        PageKind::Download(Download::Project(a.clone(), ProjectFormat::Csv)),
        PageKind::Project(key("1", 2023, "b")),
        PageKind::Download(Download::Project(key("1", 2023, "b"), ProjectFormat::Csv)),
        PageKind::Project(key("1", 2024, "c")),
        PageKind::Project(key("2", 2023, "d")),
    ]
    .into_iter()
    .map(planned)
    .collect();
    let change = Change {
        projects: [a.clone()].into(),
        ..Change::default()
    };
    let touched = touched(&plan, &change);
    assert_eq!(
        touched,
        [
            &PageKind::Index,
            &PageKind::OpenData,
            // It lists every project's revisions.
            &PageKind::Corrections,
            &PageKind::Year(2023),
            &set(Scope::Year(2023)),
            &PageKind::Department("1".into()),
            &PageKind::DepartmentYear("1".into(), 2023),
            // Its 2024 page links to the 2023 one, so it is rendered;
            // its 2024 files hold no 2023 data, so they are not.
            &PageKind::DepartmentYear("1".into(), 2024),
            &set(Scope::DepartmentYear("1".into(), 2023)),
            &PageKind::Project(a.clone()),
            &PageKind::Download(Download::Project(a, ProjectFormat::Csv)),
        ]
    );
}

#[test]
fn an_edit_reaches_the_same_project_in_other_years() {
    let key = |y: u16| ProjectKey {
        department: "1".into(),
        year: y,
        slug: "a".into(),
    };
    let other = ProjectKey {
        department: "1".into(),
        year: 2024,
        slug: "b".into(),
    };
    let plan: Vec<Planned> = [
        PageKind::Project(key(2023)),
        PageKind::Project(key(2024)),
        PageKind::Project(other.clone()),
        PageKind::Download(Download::Project(key(2024), ProjectFormat::Csv)),
        PageKind::Download(Download::History(key(2023))),
        PageKind::Download(Download::History(key(2024))),
    ]
    .into_iter()
    .map(planned)
    .collect();
    let change = Change {
        projects: [key(2023)].into(),
        related: [key(2023), key(2024)].into(),
        ..Change::default()
    };
    let touched = touched(&plan, &change);
    // The 2024 page and history file show 2023's figures; the 2024
    // indicator files do not, and another project is untouched.
    assert_eq!(
        touched,
        [
            &PageKind::Project(key(2023)),
            &PageKind::Project(key(2024)),
            &PageKind::Download(Download::History(key(2023))),
            &PageKind::Download(Download::History(key(2024))),
        ]
    );
    assert_eq!(
        path_of(&PageKind::Download(Download::History(key(2024))))
            .unwrap()
            .to_string(),
        "2024/1/a/a-history.csv"
    );
}

#[test]
fn downloads_come_before_pages_and_never_span_years() {
    let p = |kind: PageKind| path_of(&kind).unwrap().to_string();
    let year: Vec<String> = Scope::Year(2023).downloads().into_iter().map(p).collect();
    assert_eq!(year, ["2023/data.xlsx", "2023/data-csv.zip"]);
    let key = ProjectKey {
        department: "504001".into(),
        year: 2023,
        slug: "a".into(),
    };
    let project: Vec<String> = project_downloads(&key).into_iter().map(p).collect();
    assert_eq!(project, ["2023/504001/a/a.xlsx", "2023/504001/a/a.csv"]);
    assert_eq!(
        p(PageKind::Download(Download::Set(
            Scope::DepartmentYear("504001".into(), 2023),
            SetFormat::DataPackage
        ))),
        "2023/504001/datapackage.json"
    );
    assert_eq!(
        p(PageKind::Download(Download::Set(
            Scope::DepartmentYear("504001".into(), 2023),
            SetFormat::Xlsx
        ))),
        "2023/504001/data.xlsx"
    );
    assert_eq!(
        p(PageKind::DepartmentYear("504001".into(), 2023)),
        "2023/504001/index.html"
    );
    assert_eq!(
        p(PageKind::Department("504001".into())),
        "504001/index.html"
    );
}
