//! Text → the indicator value reader (comparator, exact number, unit).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    gongkai::fuzzing::indicator_value(data);
});
