//! gongkai (公开, "to disclose") turns budget performance-target tables
//! (部门预算项目支出绩效目标表), kept as one YAML file per project, into an
//! accessible, self-contained static website.
//!
//! The pipeline is visible in the module tree:
//!
//! ```text
//! config + load  →  check  →  render  →  write
//!                  └──────── build ────────┘
//!                  watch / serve drive build
//! ```
//!
//! * [`config`] reads `site.toml`; [`load`] walks `content/` into a
//!   [`model::Site`], parsing YAML only through [`yaml`].
//! * [`check`] runs the schema and domain rules and returns
//!   [`diagnostics::Diagnostics`] with file, line and column.
//! * [`render`] turns the site into bytes per output file, through the page
//!   [plan](render::plan), Tera templates and sanitised Markdown.
//! * [`write`] stages the output and swaps it in, never leaving half a site.
//! * [`build`] runs the pipeline once or incrementally; [`watch`] and
//!   [`serve`] are thin drivers around it.

// Loading returns `Result<T, Diagnostic>` per file: the error is a full
// finding (file, field, message, help), produced at most once per file, so
// boxing it would add noise to every signature for no measurable gain.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod check;
pub mod config;
pub mod diagnostics;
pub mod error;
pub mod import;
pub mod init;
pub mod load;
pub mod model;
pub mod render;
pub mod serve;
pub mod watch;
pub mod write;
pub mod yaml;

pub use error::{Error, Result};
