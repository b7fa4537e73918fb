//! Bytes → `site.toml` → a configuration or a located finding.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    gongkai::fuzzing::site_toml(data);
});
