//! Bytes → a project file as the loader reads it → every check rule →
//! locating and rendering the findings (the snippet code that once panicked
//! on a long line). Nothing may panic, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    gongkai::fuzzing::project(data);
});
