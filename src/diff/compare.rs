//! Two loaded sides → a [`Diff`]: projects matched by identity, totals
//! per department and year, findings introduced and resolved.
//!
//! Projects are matched in passes, each over what the earlier ones left:
//! the year and 项目编码 (`code`); the year and `id`, or an `id` or file
//! name the new project lists in `previous_ids` (the identity
//! [`crate::history`] uses across years); the department, year and name
//! (the identity of `project-duplicate` for files without a code); and
//! last the same file. What is left is added or removed. An added project
//! whose name is much like a removed one's is shown with that similarity
//! as a hint, never merged: a new project and a renamed one must be told
//! apart by a person, who writes `previous_ids`.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};

use super::project::{self, Side, similarity};
use super::source::Snapshot;
use super::{Diff, FindingRow, FindingsDiff, ProjectDiff, Similar, Total};
use crate::config::AmountUnit;
use crate::model::{Project, Site};

/// Names at least this alike (over characters) make an added project a
/// hint for a removed one.
const PROJECT_HINT: f64 = 0.5;

/// Compares `old` with `new`.
pub fn diff(old: &Snapshot, new: &Snapshot) -> Diff {
    let (a, b) = (&old.site, &new.site);
    let (pairs, removed, added) = pair_projects(&a.projects, &b.projects);
    fn side<'a>(site: &Site, p: &'a Arc<Project>) -> Side<'a> {
        Side {
            project: p,
            site_unit: site.config.amount_unit,
        }
    }
    let mut projects: Vec<ProjectDiff> = pairs
        .par_iter()
        .filter_map(|&(i, j)| project::compare(side(a, &a.projects[i]), side(b, &b.projects[j])))
        .collect();
    let removed: Vec<&Arc<Project>> = removed
        .into_iter()
        .map(|i| &a.projects[i])
        // A file that is there but does not load is the finding's to
        // report, not a project removed.
        .filter(|p| !new.failed.contains(&p.source))
        .collect();
    for &j in &added {
        let mut d = project::one_sided(side(b, &b.projects[j]), true);
        d.similar_to = hint(&b.projects[j], &removed);
        projects.push(d);
    }
    projects.extend(
        removed
            .iter()
            .map(|p| project::one_sided(side(a, p), false)),
    );
    projects.sort_by(|x, y| {
        (&x.department, x.year, &x.file, x.status).cmp(&(&y.department, y.year, &y.file, y.status))
    });
    let unit = b.config.amount_unit;
    Diff {
        old: old.label.clone(),
        new: new.label.clone(),
        unit: unit.label().to_owned(),
        totals: totals(a, b, unit),
        projects,
        findings: findings(old, new),
    }
}

/// Matches projects by identity; returns the pairs (old index, new
/// index), the old ones left (removed) and the new ones left (added).
#[allow(clippy::type_complexity)]
fn pair_projects(
    old: &[Arc<Project>],
    new: &[Arc<Project>],
) -> (Vec<(usize, usize)>, Vec<usize>, Vec<usize>) {
    let mut left_old: Vec<bool> = vec![true; old.len()];
    let mut left_new: Vec<bool> = vec![true; new.len()];
    let mut pairs = Vec::new();
    let trim = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    // Each pass: a key per project (none when it has no such identity);
    // equal keys on both sides pair, first come first served.
    type KeyFn = Box<dyn Fn(&Project) -> Vec<String>>;
    let passes: Vec<(KeyFn, KeyFn)> = vec![
        (
            Box::new(move |p| {
                trim(&p.code)
                    .map(|c| format!("{}\0{c}", p.year))
                    .into_iter()
                    .collect()
            }),
            Box::new(move |p| {
                trim(&p.code)
                    .map(|c| format!("{}\0{c}", p.year))
                    .into_iter()
                    .collect()
            }),
        ),
        (
            // The old project answers to its id, and to its file name in
            // its department; the new one to its id and its previous ids.
            Box::new(move |p| {
                let mut keys: Vec<String> = trim(&p.id)
                    .map(|id| format!("{}\0id\0{id}", p.year))
                    .into_iter()
                    .collect();
                keys.push(format!("{}\0local\0{}\0{}", p.year, p.department, p.slug));
                keys
            }),
            Box::new(move |p| {
                let mut keys: Vec<String> = trim(&p.id)
                    .map(|id| format!("{}\0id\0{id}", p.year))
                    .into_iter()
                    .collect();
                for prev in &p.previous_ids {
                    let prev = prev.trim();
                    keys.push(format!("{}\0id\0{prev}", p.year));
                    keys.push(format!("{}\0local\0{}\0{prev}", p.year, p.department));
                }
                keys
            }),
        ),
        (
            Box::new(|p| vec![format!("{}\0{}\0{}", p.year, p.department, p.name.trim())]),
            Box::new(|p| vec![format!("{}\0{}\0{}", p.year, p.department, p.name.trim())]),
        ),
        (
            Box::new(|p| vec![p.source.display().to_string()]),
            Box::new(|p| vec![p.source.display().to_string()]),
        ),
    ];
    for (old_key, new_key) in passes {
        let mut index: HashMap<String, usize> = HashMap::new();
        for (i, p) in old.iter().enumerate().filter(|(i, _)| left_old[*i]) {
            for key in old_key(p) {
                index.entry(key).or_insert(i);
            }
        }
        for (j, p) in new.iter().enumerate() {
            if !left_new[j] {
                continue;
            }
            let hit = new_key(p)
                .into_iter()
                .find_map(|key| index.get(&key).copied().filter(|&i| left_old[i]));
            if let Some(i) = hit {
                left_old[i] = false;
                left_new[j] = false;
                pairs.push((i, j));
            }
        }
    }
    let removed = (0..old.len()).filter(|&i| left_old[i]).collect();
    let added = (0..new.len()).filter(|&j| left_new[j]).collect();
    (pairs, removed, added)
}

/// The removed project of the same department and year whose name is most
/// like `p`'s, when alike enough to mention.
fn hint(p: &Project, removed: &[&Arc<Project>]) -> Option<Similar> {
    removed
        .iter()
        .filter(|q| q.department == p.department && q.year == p.year)
        .map(|q| {
            (
                q,
                similarity(
                    &crate::history::name_stem(&q.name),
                    &crate::history::name_stem(&p.name),
                ),
            )
        })
        .filter(|(_, s)| *s >= PROJECT_HINT)
        .max_by(|x, y| x.1.total_cmp(&y.1))
        .map(|(q, similarity)| Similar {
            file: q.source.clone(),
            name: q.name.clone(),
            similarity,
        })
}

/// Each department's total per year, in `unit`, exactly.
fn site_totals(site: &Site, unit: AmountUnit) -> BTreeMap<(String, u16), Decimal> {
    let mut out: BTreeMap<(String, u16), Decimal> = BTreeMap::new();
    for p in &site.projects {
        let amount = p
            .amount
            .convert(p.unit(site.config.amount_unit), unit)
            .map_or(p.amount.0, |a| a.0);
        let sum = out.entry((p.department.clone(), p.year)).or_default();
        *sum = sum.checked_add(amount).unwrap_or(*sum);
    }
    out
}

/// The totals that differ, with their exact change and its percentage.
fn totals(a: &Site, b: &Site, unit: AmountUnit) -> Vec<Total> {
    let (old, new) = (site_totals(a, unit), site_totals(b, unit));
    let mut keys: Vec<&(String, u16)> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|key| {
            let was = old.get(key).copied().unwrap_or_default();
            let now = new.get(key).copied().unwrap_or_default();
            (was != now).then(|| {
                let delta = now - was;
                let name = b
                    .department(&key.0)
                    .or_else(|| a.department(&key.0))
                    .map(|d| d.name.clone());
                Total {
                    department: key.0.clone(),
                    department_name: name,
                    year: key.1,
                    old: was,
                    new: now,
                    delta,
                    percent: percent(was, delta),
                }
            })
        })
        .collect()
}

/// `delta` in percent of `base`, computed exactly and rounded half away
/// from zero to two places; `None` for a base of zero.
pub(crate) fn percent(base: Decimal, delta: Decimal) -> Option<Decimal> {
    if base.is_zero() {
        return None;
    }
    let ratio = delta.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(base)?;
    let mut rounded = ratio.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    Some(rounded)
}

/// The findings on one side only, each side a multiset.
fn findings(old: &Snapshot, new: &Snapshot) -> FindingsDiff {
    let rows = |s: &Snapshot| -> Vec<FindingRow> {
        s.findings
            .iter()
            .map(|d| FindingRow {
                severity: d.severity.to_string(),
                rule: d.rule.clone(),
                file: d.file.clone(),
                field: d.field.clone(),
                message: d.message.clone(),
            })
            .collect()
    };
    let count = |rows: &[FindingRow]| {
        let mut m: HashMap<FindingRow, usize> = HashMap::new();
        for r in rows {
            *m.entry(r.clone()).or_default() += 1;
        }
        m
    };
    let (a, b) = (rows(old), rows(new));
    let only = |mine: &[FindingRow], theirs: &[FindingRow]| {
        let mut left = count(theirs);
        let mut out: Vec<FindingRow> = mine
            .iter()
            .filter(|r| match left.get_mut(*r) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
            .cloned()
            .collect();
        out.sort();
        out
    };
    FindingsDiff {
        introduced: only(&b, &a),
        resolved: only(&a, &b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_is_exact_then_rounded() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(percent(d("220.00"), d("0.20")), Some(d("0.09")));
        assert_eq!(percent(d("200"), d("0.2")).unwrap().to_string(), "0.10");
        assert_eq!(percent(d("8"), d("-2")), Some(d("-25.00")));
        assert_eq!(percent(d("0"), d("1")), None);
    }
}
