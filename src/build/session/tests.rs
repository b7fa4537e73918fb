use super::*;

#[test]
fn scope_of_changes() {
    let folders = [Path::new("content/504002")];
    let s = |paths: &[&str]| {
        let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        paths
            .iter()
            .map(|rel| Scope::of(rel, |p| folders.contains(&p)))
            .max()
            .unwrap()
    };
    assert_eq!(s(&["content/504001/a.yaml"]), Scope::Projects);
    assert_eq!(
        s(&["content/504001/.a.yaml.swp", "content/504001/4913"]),
        Scope::Nothing
    );
    assert_eq!(s(&["public/index.html"]), Scope::Nothing);
    assert_eq!(s(&["content/504001/_department.yaml"]), Scope::Everything);
    assert_eq!(s(&["site.toml"]), Scope::Everything);
    assert_eq!(
        s(&["themes/default/templates/base.html"]),
        Scope::Everything
    );
    assert_eq!(s(&["content/504002"]), Scope::Everything);
    assert_eq!(s(&["content/504001/sedqd1uYU"]), Scope::Nothing);
    assert_eq!(s(&["content/pages/about.md"]), Scope::Everything);
    assert_eq!(s(&["content/504001/原件.pdf"]), Scope::Projects);
}
