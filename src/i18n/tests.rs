//! The catalogue's own checks: both languages say the same things, and
//! every message the source asks for exists.

use std::collections::BTreeSet;
use std::path::Path;

use fluent_bundle::FluentResource;
use fluent_syntax::ast::Entry;

use super::*;

fn keys(source: &str) -> BTreeSet<String> {
    let resource = FluentResource::try_new(source.to_owned())
        .unwrap_or_else(|(_, errors)| panic!("the catalogue does not parse: {errors:?}"));
    resource
        .entries()
        .filter_map(|e| match e {
            Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

#[test]
fn both_languages_have_the_same_keys() {
    let zh = keys(ZH_SOURCE);
    let en = keys(EN_SOURCE);
    let only_zh: Vec<_> = zh.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&zh).collect();
    assert!(
        only_zh.is_empty() && only_en.is_empty(),
        "only in zh-CN: {only_zh:?}; only in en: {only_en:?}"
    );
}

/// Every `t!("key"` and `message("key"` in the source, and every
/// `"cli-…"` key the command line builds, names a catalogue entry.
#[test]
fn every_key_used_exists() {
    let zh = keys(ZH_SOURCE);
    let mut used = BTreeSet::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        // The catalogue's own code names keys only in examples.
        if entry.path().extension().is_none_or(|e| e != "rs")
            || entry.path().starts_with(src.join("i18n"))
        {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for marker in ["t!(", "message(", "Misplaced("] {
            for (at, _) in text.match_indices(marker) {
                let rest = text[at + marker.len()..].trim_start();
                if let Some(rest) = rest.strip_prefix('"') {
                    let key = &rest[..rest.find('"').unwrap()];
                    if key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                        used.insert((entry.path().to_owned(), key.to_owned()));
                    }
                }
            }
        }
    }
    assert!(used.len() > 50, "the scan found only {} keys", used.len());
    let missing: Vec<_> = used.iter().filter(|(_, k)| !zh.contains(k)).collect();
    assert!(
        missing.is_empty(),
        "keys used but not in the catalogue: {missing:?}"
    );
}

#[test]
fn arguments_are_filled_in_both_languages() {
    let args = [("path", "content/a.yaml".to_owned())];
    assert!(message_in(Lang::Zh, "no-site", &args).contains("content/a.yaml"));
    assert!(message_in(Lang::En, "no-site", &args).contains("content/a.yaml"));
}

#[test]
fn language_choice_follows_flag_then_env_then_site() {
    assert_eq!(Lang::choose(None, None, Some("zh-CN")), Lang::Zh);
    assert_eq!(Lang::choose(None, None, Some("en")), Lang::En);
    assert_eq!(Lang::choose(None, Some("en"), Some("zh-CN")), Lang::En);
    assert_eq!(Lang::choose(Some("zh"), Some("en"), Some("en")), Lang::Zh);
    assert_eq!(Lang::choose(None, Some(""), Some("en-GB")), Lang::En);
}

/// `check --list-rules` prints each rule's summary from `rule-<id>`.
#[test]
fn every_rule_has_a_summary() {
    let missing: Vec<_> = crate::check::rules::ALL
        .iter()
        .map(|r| r.id)
        .chain(crate::check::history::SITE_RULES.iter().map(|r| r.id))
        .map(|id| format!("rule-{id}"))
        .filter(|k| !has(k))
        .collect();
    assert!(missing.is_empty(), "{missing:?}");
}
