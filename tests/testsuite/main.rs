//! The one integration-test binary (one link step, shared helpers).

mod common;

mod audit;
mod build;
mod check_rules;
mod check_rules_v2;
mod errors;
mod incremental;
mod open_data;
mod provinces;
mod robustness;
mod serve;
mod table_structure;
mod watch;
mod years;
