//! The one integration-test binary (one link step, shared helpers).

mod common;

mod build;
mod errors;
