//! Bytes → every import reader (.xlsx, .xls, .xlsb, .ods, CSV, a saved
//! page, OCR text) → the layout mappers → the YAML each draft becomes.
//! A source is read or refused within the import's limits; nothing may
//! panic, abort or run past libFuzzer's memory and time limits.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    gongkai::fuzzing::import(data);
});
