//! The one integration-test binary (one link step, shared helpers).

mod common;

mod attachments;
mod audit;
mod build;
mod check_rules;
mod check_rules_v2;
mod errors;
mod fuzz_corpus;
mod history;
mod hostile;
mod hostile_output;
mod ime_slips;
mod import_fixtures;
mod import_formats;
mod import_ocr;
mod import_real;
mod import_trust;
mod incremental;
mod messages;
mod open_data;
mod open_data_xlsx;
mod provinces;
mod publication;
mod review_gate;
mod robustness;
mod round_trip;
mod search;
mod serve;
mod server;
mod soak;
mod survival;
mod table_model;
mod table_structure;
mod watch;
mod years;
