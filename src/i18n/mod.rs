//! The message catalogue: every sentence gongkai says to a person, in
//! zh-CN and English, kept in two Fluent files (`zh-CN.ftl`, `en.ftl`)
//! that are compiled into the binary.
//!
//! Why Fluent: the catalogue is plain text a translator can edit without
//! touching Rust, arguments are named (`{ $field }`), and the crate is the
//! reference implementation of a maintained format. `rust-i18n` would keep
//! the catalogue in YAML, and YAML in gongkai is reserved for content and
//! goes through [`crate::yaml`] only.
//!
//! The language is chosen once per process (site.toml's `language`,
//! overridden by `GONGKAI_LANG` and then `--lang`) with [`set_lang`];
//! messages are formatted when a finding or a status line is made, so the
//! rest of the program carries plain strings. Rule ids, field names and
//! file paths are never translated: they are what tools and tests match.
//! A test checks that both files have the same keys and that every key the
//! source uses exists.

use std::sync::LazyLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language the catalogue speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Simplified Chinese, the default for a `zh*` site.
    Zh,
    /// English, for every other site.
    En,
}

impl Lang {
    /// The catalogue language for a BCP 47 tag: `zh*` is Chinese, anything
    /// else English.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// Parses a `--lang` or `GONGKAI_LANG` value; `None` when empty.
    pub fn parse(value: &str) -> Option<Lang> {
        let value = value.trim();
        (!value.is_empty()).then(|| Lang::from_tag(value))
    }

    /// Picks the language: the flag, then the environment, then the site.
    pub fn choose(flag: Option<&str>, env: Option<&str>, site: Option<&str>) -> Lang {
        flag.and_then(Lang::parse)
            .or_else(|| env.and_then(Lang::parse))
            .or_else(|| site.and_then(Lang::parse))
            .unwrap_or(Lang::Zh)
    }
}

const ZH_SOURCE: &str = include_str!("zh-CN.ftl");
const EN_SOURCE: &str = include_str!("en.ftl");

static LANG: AtomicU8 = AtomicU8::new(1);

/// Sets the language of every message made from now on.
pub fn set_lang(lang: Lang) {
    LANG.store(lang as u8, Ordering::Relaxed);
}

/// The language messages are made in. Until [`set_lang`] is called it is
/// English, so library users and unit tests get stable words.
pub fn lang() -> Lang {
    if LANG.load(Ordering::Relaxed) == Lang::Zh as u8 {
        Lang::Zh
    } else {
        Lang::En
    }
}

fn bundle(source: &'static str, tag: &str) -> FluentBundle<FluentResource> {
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, _)| r);
    let id = tag.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Isolation marks (U+2068/U+2069) would end up in terminals and JSON.
    bundle.set_use_isolating(false);
    let _ = bundle.add_resource(resource);
    bundle
}

static ZH: LazyLock<FluentBundle<FluentResource>> = LazyLock::new(|| bundle(ZH_SOURCE, "zh-CN"));
static EN: LazyLock<FluentBundle<FluentResource>> = LazyLock::new(|| bundle(EN_SOURCE, "en"));

/// The message `key` in the current language with `args` filled in. An
/// unknown key yields the key itself (and fails the catalogue test).
pub fn message(key: &str, args: &[(&str, String)]) -> String {
    message_in(lang(), key, args)
}

/// The message `key` in `lang`.
pub fn message_in(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    let bundle = match lang {
        Lang::Zh => &*ZH,
        Lang::En => &*EN,
    };
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        debug_assert!(false, "message `{key}` is not in the catalogue");
        return key.to_owned();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, FluentValue::from(value.as_str()));
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    debug_assert!(errors.is_empty(), "message `{key}`: {errors:?}");
    text.into_owned()
}

/// Whether the catalogue has `key` (in both languages, which a test keeps
/// equal).
pub fn has(key: &str) -> bool {
    EN.has_message(key)
}

/// A report rendered by miette, with its one fixed English word, the
/// `help:` label in front of each help text, in the current language.
///
/// miette writes the label itself (`"  help: "`, coloured or not) and offers
/// no way to change it; the Chinese label `提示：` is as wide on a terminal
/// as `help: ` (8 columns with its indent), so miette's wrapping of the
/// following lines still lines up.
pub fn localise_report(rendered: &str) -> String {
    match lang() {
        Lang::En => rendered.to_owned(),
        Lang::Zh => rendered.replace(
            "  help: ",
            &format!("  {}：", message_in(Lang::Zh, "label-help", &[])),
        ),
    }
}

/// `t!("key")` or `t!("key", name = value, ...)`: the message in the current
/// language; each value is anything that implements `Display`.
#[macro_export]
macro_rules! t {
    ($key:literal) => {
        $crate::i18n::message($key, &[])
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::message($key, &[$((stringify!($name), ($value).to_string())),+])
    };
}

#[cfg(test)]
mod tests;
