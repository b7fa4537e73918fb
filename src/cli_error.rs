//! clap's parse errors in the catalogue's words.
//!
//! clap writes its errors in English whatever the language (`error:
//! unrecognized subcommand`, `tip:`, `Usage:`, `For more information, try
//! '--help'.`), so a clerk on a Chinese site who mistypes `gongkai buidl`
//! would meet the only English on their screen. The common kinds are
//! rendered here from the error's context; kinds not handled fall back to
//! clap's own rendering rather than lose information.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use gongkai::i18n;

/// Prints `err` and exits: help and version go through clap (they are
/// output, not errors); parse errors are printed from the catalogue when
/// their kind is known, and exit with 2 as clap does.
pub(crate) fn exit(err: clap::Error) -> ! {
    match render(&err) {
        Some(text) => {
            eprint!("{text}");
            std::process::exit(err.exit_code());
        }
        None => err.exit(),
    }
}

/// The whole message for `err` (error line, tip, usage, pointer to
/// `--help`), or `None` when clap's rendering should be used.
pub(crate) fn render(err: &clap::Error) -> Option<String> {
    let string = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        _ => None,
    };
    let invalid_arg = string(ContextKind::InvalidArg);
    let invalid_value = string(ContextKind::InvalidValue);
    let args = |pairs: &[(&'static str, Option<String>)]| -> Option<Vec<(&'static str, String)>> {
        pairs
            .iter()
            .map(|(k, v)| v.clone().map(|v| (*k, v)))
            .collect()
    };
    let (key, values): (&str, Vec<(&str, String)>) = match err.kind() {
        ErrorKind::InvalidSubcommand => (
            "cli-error-invalid-subcommand",
            args(&[("name", string(ContextKind::InvalidSubcommand))])?,
        ),
        ErrorKind::UnknownArgument => {
            ("cli-error-unknown-argument", args(&[("arg", invalid_arg)])?)
        }
        ErrorKind::InvalidValue => (
            "cli-error-invalid-value",
            args(&[("arg", invalid_arg), ("value", invalid_value)])?,
        ),
        ErrorKind::ValueValidation => {
            // The reason comes from the value's parser, in English; the
            // English catalogue shows it, the Chinese one does without.
            let reason = std::error::Error::source(err)
                .map(ToString::to_string)
                .unwrap_or_default();
            let mut values = args(&[("arg", invalid_arg), ("value", invalid_value)])?;
            values.push(("reason", reason));
            ("cli-error-value-validation", values)
        }
        ErrorKind::TooManyValues => (
            "cli-error-too-many-values",
            args(&[("arg", invalid_arg), ("value", invalid_value)])?,
        ),
        ErrorKind::MissingRequiredArgument => (
            "cli-error-missing-argument",
            args(&[("args", invalid_arg)])?,
        ),
        ErrorKind::ArgumentConflict => {
            let prior = string(ContextKind::PriorArg);
            match (invalid_arg, prior) {
                (Some(arg), Some(other)) if arg != other => {
                    ("cli-error-conflict", vec![("arg", arg), ("other", other)])
                }
                (Some(arg), _) => ("cli-error-repeated", vec![("arg", arg)]),
                _ => return None,
            }
        }
        _ => return None,
    };
    let mut out = i18n::message("cli-error", &[("message", i18n::message(key, &values))]);
    out.push('\n');
    if let Some(valid) = string(ContextKind::ValidValue) {
        out.push_str("  ");
        out.push_str(&i18n::message(
            "cli-error-possible-values",
            &[("values", valid)],
        ));
        out.push('\n');
    }
    let tips = [
        (
            ContextKind::SuggestedSubcommand,
            "cli-error-suggest-subcommand",
        ),
        (ContextKind::SuggestedArg, "cli-error-suggest-argument"),
        (ContextKind::SuggestedValue, "cli-error-suggest-value"),
    ];
    for (kind, key) in tips {
        if let Some(suggested) = string(kind) {
            out.push_str("\n  ");
            out.push_str(&i18n::message(key, &[("name", suggested)]));
            out.push('\n');
        }
    }
    if let Some(usage) = string(ContextKind::Usage) {
        // clap's usage starts with its own English title.
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        out.push('\n');
        out.push_str(&i18n::message("cli-usage-heading", &[]));
        out.push(' ');
        out.push_str(usage);
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&i18n::message("cli-error-more", &[]));
    out.push('\n');
    Some(out)
}
