//! Writing the corpus: the gongkai site (`site.toml`, `content/<code>/…
//! .yaml`) and the Hugo peer site (`content/<code>/….md` with YAML front
//! matter), from the same in-memory departments, so both sites always show
//! the same projects and values. Kept apart from the generator in `main.rs`
//! so that each file stays readable.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use super::{Department, Project, YEAR, fmt_amount};

/// Append `s` as a double-quoted YAML scalar.
fn quote(out: &mut String, s: &str) {
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' || c == '\u{85}' || c == '\u{feff}' => {
                write!(out, "\\u{:04x}", c as u32).unwrap()
            }
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The project fields shared by both formats, starting at `goals:`.
fn write_lists(out: &mut String, p: &Project) {
    out.push_str("goals:\n");
    for g in &p.goals {
        out.push_str("  - ");
        quote(out, g);
        out.push('\n');
    }
    out.push_str("indicators:\n");
    for ind in &p.indicators {
        out.push_str("  - level1: ");
        quote(out, ind.level1);
        out.push_str("\n    level2: ");
        quote(out, ind.level2);
        out.push_str("\n    name: ");
        quote(out, &ind.name);
        out.push_str("\n    value: ");
        quote(out, &ind.value);
        out.push('\n');
    }
}

fn write_gongkai_project(out: &mut String, p: &Project, year: u32, name: &str) {
    write!(out, "year: {year}\nname: ").unwrap();
    quote(out, name);
    write!(out, "\namount: \"{}\"\n", fmt_amount(p.amount_cents)).unwrap();
    write_lists(out, p);
}

fn write_hugo_project(out: &mut String, dept: &Department, p: &Project) {
    out.push_str("---\ntitle: ");
    quote(out, &p.name);
    write!(
        out,
        "\nurl: \"/{YEAR}/{}/{}/\"\nyear: {YEAR}\namount: \"{}\"\n",
        dept.code,
        p.slug,
        fmt_amount(p.amount_cents)
    )
    .unwrap();
    write_lists(out, p);
    out.push_str("---\n");
}

pub(super) fn with_path<T>(r: io::Result<T>, path: &Path) -> Result<T, String> {
    r.map_err(|e| format!("{}: {e}", path.display()))
}

pub(super) fn write_file(path: &Path, bytes: &str) -> Result<(), String> {
    with_path(fs::write(path, bytes), path)
}

/// Where and how the gongkai side of a department is written.
pub(super) struct Gongkai<'a> {
    /// The site root.
    pub root: &'a Path,
    /// `--years`.
    pub years: usize,
    /// `--seed`, for the evaluations' streams.
    pub seed: u64,
    /// The department's index.
    pub index: usize,
    /// Whether project `j` gets a 绩效自评.
    pub evaluated: &'a dyn Fn(usize) -> bool,
}

/// Write one department in both formats. One `write` call per file.
pub(super) fn emit(
    dept: &Department,
    site: &Gongkai<'_>,
    hugo: Option<&Path>,
    buf: &mut String,
) -> Result<(), String> {
    let (out, years) = (site.root, site.years);
    let dir = out.join("content").join(&dept.code);
    with_path(fs::create_dir_all(&dir), &dir)?;
    buf.clear();
    buf.push_str("code: ");
    quote(buf, &dept.code);
    buf.push_str("\nname: ");
    quote(buf, &dept.name);
    buf.push('\n');
    write_file(&dir.join("_department.yaml"), buf)?;
    for (j, p) in dept.projects.iter().enumerate() {
        buf.clear();
        let (folder, slug, year) = if years > 1 {
            // One project in K years: the chain's first file name and name.
            let first = &dept.projects[j - j % years];
            let year = YEAR + 1 + (j % years) as u32 - years as u32;
            write_gongkai_project(buf, p, year, &first.name);
            let folder = dir.join(year.to_string());
            with_path(fs::create_dir_all(&folder), &folder)?;
            (folder, &first.slug, year)
        } else {
            write_gongkai_project(buf, p, YEAR, &p.name);
            (dir.clone(), &p.slug, YEAR)
        };
        write_file(&folder.join(format!("{slug}.yaml")), buf)?;
        // Results come a year after the targets: the newest year of a
        // multi-year corpus has none.
        if (site.evaluated)(j) && (years == 1 || year < YEAR) {
            buf.clear();
            super::evaluation::write(buf, p, year, site.seed, site.index, j);
            write_file(&folder.join(format!("{slug}.evaluation.yaml")), buf)?;
        }
    }

    if let Some(hugo) = hugo {
        let dir = hugo.join("content").join(&dept.code);
        with_path(fs::create_dir_all(&dir), &dir)?;
        buf.clear();
        buf.push_str("---\ntitle: ");
        quote(buf, &dept.name);
        buf.push_str("\ncode: ");
        quote(buf, &dept.code);
        buf.push_str("\n---\n");
        write_file(&dir.join("_index.md"), buf)?;
        for p in &dept.projects {
            buf.clear();
            write_hugo_project(buf, dept, p);
            write_file(&dir.join(format!("{}.md", p.slug)), buf)?;
        }
    }
    Ok(())
}

/// Refuse to mix a new corpus into an old one unless `--force`.
pub(super) fn prepare(root: &Path, force: bool) -> Result<(), String> {
    let content = root.join("content");
    if content.exists() {
        if !force {
            return Err(format!(
                "{} already exists; pass --force to replace it",
                content.display()
            ));
        }
        with_path(fs::remove_dir_all(&content), &content)?;
    }
    with_path(fs::create_dir_all(&content), &content)
}

/// Copy the fixed parts of the Hugo peer site (config, layouts, static).
pub(super) fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    with_path(fs::create_dir_all(to), to)?;
    for entry in with_path(fs::read_dir(from), from)? {
        let entry = with_path(entry, from)?;
        let src = entry.path();
        let dst = to.join(entry.file_name());
        if with_path(entry.file_type(), &src)?.is_dir() {
            copy_tree(&src, &dst)?;
        } else {
            with_path(fs::copy(&src, &dst), &src)?;
        }
    }
    Ok(())
}
