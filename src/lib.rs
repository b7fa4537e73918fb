//! gongkai (公开, "to disclose") turns budget performance-target tables
//! (部门预算项目支出绩效目标表), kept as one YAML file per project, into an
//! accessible, self-contained static website.
//!
//! The pipeline is visible in the module tree (`ARCHITECTURE.md` at the
//! top of the repository has one paragraph per module, the data flow, and
//! where to add a page kind, a download format, a check rule or an import
//! format):
//!
//! ```text
//!   binary: main → cmd::{build, check, init, import, watch, serve, deploy}  (all printing)
//!                          │
//!   serve ─→ watch ─→ build            import, init   (library drivers, silent)
//!                      │
//!   load → check → render (plan, theme, views) → write
//!            │
//!   indicator (values, framework), suggest
//!                      │
//!   model, config, diagnostics, yaml, error
//!                      │
//!   layout, source               (ground floor: names and places, no I/O)
//! ```
//!
//! * [`layout`] owns the site's shape on disk: folder and file names, the
//!   default output folder, editor-clutter filtering, what a changed path
//!   means (`layout::ChangeKind`) and safe output paths.
//! * [`source`] holds line/column locations, below [`yaml`] and
//!   [`diagnostics`], which both use them. [`limits`] measures how deep
//!   Markdown nests before anything renders it (YAML's limits are in
//!   `yaml::limits`).
//! * [`config`] reads `site.toml`; [`load`] walks `content/` into a
//!   [`model::Site`], parsing YAML only through [`yaml`]. The [`model`]
//!   owns identity ([`model::ProjectKey`], [`model::Site::project`]).
//! * [`check`] runs the schema and domain rules and returns
//!   [`diagnostics::Diagnostics`] with file, line and column.
//! * [`indicator`] knows what an indicator row means: its value read into
//!   comparator, exact number and unit, and its place in the Ministry of
//!   Finance framework. `check` builds its rules on it, and any stage that
//!   needs parsed values uses it too; it depends only on the model,
//!   config and `suggest`.
//! * [`history`] decides which projects of different years are one
//!   project, and computes their comparison; check, render and downloads
//!   share it.
//! * [`render`] turns the site into bytes per output file, through the page
//!   [plan](render::plan), Tera templates and sanitised Markdown.
//! * [`write`](mod@write) stages the output and swaps it in, never leaving half a site,
//!   and replaces or removes only the files gongkai wrote (its manifest).
//! * [`build`] runs the pipeline once, or incrementally through a
//!   [`build::Session`]; [`watch`] is the event source (native events or
//!   polling) that feeds a session; [`serve`] is the preview's axum router
//!   with live reload. None of them prints: printing, colours, progress
//!   bars, Ctrl-C and the browser belong to the binary's commands.
//! * [`import`] turns spreadsheets, CSV, saved pages and OCR text into
//!   project YAML: one reader per format into a common table shape, then
//!   mappers per layout, then a YAML emitter.
//! * [`deploy`](mod@deploy) publishes the built output to a local folder
//!   (releases and a `current` link), SFTP or FTP(S), sending only files
//!   whose SHA-256 differs from the state kept on the target.
//! * [`init`] scaffolds a new site; [`error`] is the one error type.
//! * `suggest` answers a misspelt name with the closest valid one, for
//!   every "did you mean" in the program.
//! * `formula` knows spreadsheet formula triggers: the guard CSV downloads
//!   put before them, its inverse for import, and check's formula-like
//!   text.
//! * [`disclosure`] resolves a page's disclosure metadata (索引号 and the
//!   panel); [`export`] writes the CMS bundle of `gongkai export --cms`.
//! * [`diff`](mod@diff) compares two versions of a site (git revisions or
//!   folders) in the domain's terms, for `gongkai diff` and git's textconv.

// Loading returns `Result<T, Diagnostic>` per file: the error is a full
// finding (file, field, message, help), produced at most once per file, so
// boxing it would add noise to every signature for no measurable gain.
#![allow(clippy::result_large_err)]
// The public interface is what the binary, the tests and the benchmark
// examples use; everything else is `pub(crate)`, and what stays public is
// documented.
#![warn(missing_docs, unreachable_pub)]

pub mod build;
pub mod check;
pub mod config;
pub mod deploy;
pub mod diagnostics;
pub mod diff;
pub mod disclosure;
pub mod error;
pub mod export;
pub(crate) mod formula;
#[doc(hidden)]
pub mod fuzzing;
pub mod history;
pub mod i18n;
pub mod import;
pub mod indicator;
pub mod init;
pub mod integrity;
pub mod layout;
pub mod limits;
pub mod load;
pub mod model;
pub mod render;
pub mod serve;
pub mod source;
pub(crate) mod suggest;
pub mod watch;
pub mod write;
pub mod yaml;

pub use error::{Error, Result};
