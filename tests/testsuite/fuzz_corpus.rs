//! Replays the committed fuzz seed corpora (`fuzz/seeds/<target>/`)
//! through the same functions the fuzz targets call, so that every
//! `cargo test` covers them without libFuzzer. A crash that a fuzz run
//! finds belongs in the seeds once fixed, and stays fixed this way.

use std::path::Path;

use crate::common::repo_root;

fn replay(target: &str, run: fn(&[u8])) {
    let dir = repo_root().join("fuzz/seeds").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 3, "too few seeds in {}", dir.display());
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        let name = file
            .file_name()
            .map(Path::new)
            .unwrap()
            .display()
            .to_string();
        let outcome = std::panic::catch_unwind(|| run(&bytes));
        assert!(outcome.is_ok(), "{target}: seed {name} panics");
    }
}

#[test]
fn project_seeds_load_and_check_without_panicking() {
    replay("project", gongkai::fuzzing::project);
}

#[test]
fn site_toml_seeds_parse_without_panicking() {
    replay("site_toml", gongkai::fuzzing::site_toml);
}

#[test]
fn indicator_value_seeds_read_without_panicking() {
    replay("indicator_value", gongkai::fuzzing::indicator_value);
}

#[test]
fn markdown_seeds_sanitise_to_safe_html() {
    replay("markdown", gongkai::fuzzing::markdown);
}

#[test]
fn import_seeds_read_or_are_refused_without_panicking() {
    replay("import", gongkai::fuzzing::import);
}
