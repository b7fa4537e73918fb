//! Text → sanitised HTML; asserts that no script, event handler or
//! `javascript:` URL survives.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    gongkai::fuzzing::markdown(data);
});
