//! A project across budget years: which projects of different years are
//! one project, and how it changed.
//!
//! This is the one place that decides identity across years, so that the
//! checker's warnings, the project page's 历年对比, the charts and the
//! history download can never disagree about it. A project is identified by
//! its `id` when it has one (a 项目编码 that stays the same from year to
//! year, say), and otherwise by its department and file name. A renamed or
//! re-coded project joins its earlier years only through `previous_ids`,
//! written by a person: names that merely look alike are reported by
//! `check` as a suggestion and never merged here. [`compare`] computes the
//! comparison rows (amounts with their exact change, indicators side by
//! side). Imports `model` and `suggest` only.

pub mod compare;

use std::collections::{BTreeSet, HashMap};

use crate::model::{Project, ProjectKey, Site};

/// The cross-year identity of every project of one site, computed once per
/// load or render pass (linear in the number of projects).
#[derive(Debug, Clone, Default)]
pub struct History {
    /// For each project (by index in `site.projects`), its chain.
    chain_of: Vec<usize>,
    /// Each chain's projects, by index, ordered by year then key.
    chains: Vec<Vec<usize>>,
}

/// Who a project is across years, before `previous_ids` are applied.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Identity<'a> {
    /// The file's `id`, valid across departments.
    Id(&'a str),
    /// No `id`: the department's code and the file name.
    Local(&'a str, &'a str),
}

fn identity(p: &Project) -> Identity<'_> {
    match p.id.as_deref().map(str::trim).filter(|id| !id.is_empty()) {
        Some(id) => Identity::Id(id),
        None => Identity::Local(&p.department, &p.slug),
    }
}

/// Union-find over project indices; the smaller index becomes the root,
/// so the result does not depend on the order of the unions.
struct Sets(Vec<usize>);

impl Sets {
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        let (low, high) = (a.min(b), a.max(b));
        self.0[high] = low;
    }
}

impl History {
    /// Joins the projects of `site` into chains: equal identities, and each
    /// `previous_ids` entry with the earlier projects it names (an `id`, or
    /// the file name of a project without `id` in the same department).
    pub fn of(site: &Site) -> History {
        let projects = &site.projects;
        let mut sets = Sets((0..projects.len()).collect());
        let mut by_identity: HashMap<Identity<'_>, usize> = HashMap::new();
        for (i, p) in projects.iter().enumerate() {
            match by_identity.get(&identity(p)) {
                Some(&first) => sets.join(first, i),
                None => {
                    by_identity.insert(identity(p), i);
                }
            }
        }
        for (i, p) in projects.iter().enumerate() {
            for previous in &p.previous_ids {
                let previous = previous.trim();
                let named = [
                    Identity::Id(previous),
                    Identity::Local(&p.department, previous),
                ];
                for id in named {
                    if let Some(&j) = by_identity.get(&id) {
                        sets.join(i, j);
                    }
                }
            }
        }
        let mut chain_of = vec![usize::MAX; projects.len()];
        let mut chains: Vec<Vec<usize>> = Vec::new();
        let mut chain_of_root: HashMap<usize, usize> = HashMap::new();
        for (i, slot) in chain_of.iter_mut().enumerate() {
            let root = sets.find(i);
            let chain = *chain_of_root.entry(root).or_insert_with(|| {
                chains.push(Vec::new());
                chains.len() - 1
            });
            chains[chain].push(i);
            *slot = chain;
        }
        for chain in &mut chains {
            chain.sort_by(|&a, &b| {
                let (a, b) = (&projects[a], &projects[b]);
                (a.year, a.key_parts()).cmp(&(b.year, b.key_parts()))
            });
        }
        History { chain_of, chains }
    }

    /// The projects that are one project with `site.projects[index]`,
    /// itself included, by index, oldest year first.
    pub fn chain(&self, index: usize) -> &[usize] {
        self.chain_of
            .get(index)
            .map_or(&[], |&c| self.chains[c].as_slice())
    }

    /// The chain of the project with `key`, by index; empty when the site
    /// has no such project.
    pub fn chain_of_key(&self, site: &Site, key: &ProjectKey) -> &[usize] {
        site.position(key).map_or(&[], |i| self.chain(i))
    }

    /// Every chain, each oldest year first.
    pub fn chains(&self) -> impl Iterator<Item = &[usize]> {
        self.chains.iter().map(Vec::as_slice)
    }

    /// True when the project at `index` has another year.
    pub fn has_other_years(&self, index: usize) -> bool {
        self.chain(index).len() > 1
    }
}

/// The projects whose cross-year view an edit of `changed` can alter: the
/// members of each changed project's chain before the edit (`old`) and
/// after it (`new`), the changed ones included. An edit of one year's
/// amount changes the 历年对比 of every other year.
pub fn related(
    old: (&Site, &History),
    new: (&Site, &History),
    changed: &BTreeSet<ProjectKey>,
) -> BTreeSet<ProjectKey> {
    let mut out = BTreeSet::new();
    for (site, history) in [old, new] {
        for key in changed {
            out.extend(
                history
                    .chain_of_key(site, key)
                    .iter()
                    .map(|&i| site.projects[i].key()),
            );
        }
    }
    out
}

/// A project name without the years it mentions (`2023年`, `2023`) and
/// blanks, for telling whether two years' names are "the same name".
pub(crate) fn name_stem(name: &str) -> String {
    let chars: Vec<char> = name.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = String::with_capacity(name.len());
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if run == 4 {
            i += 4;
            if chars.get(i) == Some(&'年') {
                i += 1;
            }
            continue;
        }
        out.extend(&chars[i..i + run.max(1)]);
        i += run.max(1);
    }
    out
}

/// The vanished project whose name is closest to `name`, if any is close
/// enough to suggest `previous_ids` (see [`crate::suggest::PROJECT_NAME`]).
pub(crate) fn closest_name<'a>(name: &str, vanished: &[&'a Project]) -> Option<&'a Project> {
    let stems: Vec<String> = vanished.iter().map(|p| name_stem(&p.name)).collect();
    let best = crate::suggest::closest(&name_stem(name), &stems, crate::suggest::PROJECT_NAME)?;
    let i = stems.iter().position(|s| std::ptr::eq(s, best))?;
    Some(vanished[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(dept: &str, year: u16, slug: &str, extra: &str) -> std::sync::Arc<Project> {
        let mut p: Project = crate::yaml::from_str(&format!(
            "{{year: {year}, name: 项目, amount: 1, goals: [g], indicators: []{extra}}}"
        ))
        .unwrap();
        p.department = dept.into();
        p.slug = slug.into();
        std::sync::Arc::new(p)
    }

    fn site(projects: Vec<std::sync::Arc<Project>>) -> Site {
        Site::of_projects(
            crate::config::Config::parse("title = \"t\"").unwrap(),
            projects,
        )
    }

    fn slugs(site: &Site, history: &History, key: (&str, u16, &str)) -> Vec<String> {
        let key = ProjectKey {
            department: key.0.into(),
            year: key.1,
            slug: key.2.into(),
        };
        history
            .chain_of_key(site, &key)
            .iter()
            .map(|&i| format!("{}:{}", site.projects[i].year, site.projects[i].slug))
            .collect()
    }

    #[test]
    fn slug_id_and_previous_ids_join_years() {
        let site = site(vec![
            project("1", 2022, "a", ""),
            project("1", 2023, "a", ""),
            project("1", 2022, "old", ""),
            project("1", 2023, "new", ", previous_ids: [old]"),
            project("1", 2022, "x", ", id: X-1"),
            project("2", 2023, "y", ", id: X-1"),
            project("2", 2023, "a", ""),
        ]);
        let h = History::of(&site);
        assert_eq!(slugs(&site, &h, ("1", 2023, "a")), ["2022:a", "2023:a"]);
        assert_eq!(
            slugs(&site, &h, ("1", 2022, "old")),
            ["2022:old", "2023:new"]
        );
        assert_eq!(slugs(&site, &h, ("2", 2023, "y")), ["2022:x", "2023:y"]);
        // Another department's file of the same name is another project.
        assert_eq!(slugs(&site, &h, ("2", 2023, "a")), ["2023:a"]);
    }

    #[test]
    fn stems_drop_years() {
        assert_eq!(name_stem("2023年 残疾人康复经费"), "残疾人康复经费");
        assert_eq!(name_stem("康复经费2024"), "康复经费");
        assert_eq!(name_stem("第123期"), "第123期");
    }
}
