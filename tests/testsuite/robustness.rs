//! Mangled input never panics: every mutation of a real project file loads
//! to either a site or a list of findings.

use std::panic;

use gongkai::build::{BuildOptions, build, load_and_check};
use gongkai::diagnostics::Severity;

use crate::common::TestSite;

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes that mean something to YAML, to Markdown or to our value reader.
const NASTY: &[&[u8]] = &[
    b":",
    b"-",
    b"[",
    b"]",
    b"{",
    b"}",
    b"&a",
    b"*a",
    b"!!binary",
    b"\t",
    b"\n",
    b"  ",
    b"'",
    b"\"",
    b"#",
    b"|",
    b">",
    b"%",
    b"null",
    b"~",
    b"<script>",
    b"\xff",
    b"\xe4\xb8",
    b"\x00",
    b"1e999",
    b"\xef\xbc\x9e\xef\xbc\x9d",
    b"\xe4\xba\x8c",
    b"--- ",
    b"...",
];

fn mutate(original: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut bytes = original.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(4) {
            0 => bytes.truncate(at),
            1 => {
                let nasty = NASTY[rng.below(NASTY.len())];
                bytes.splice(at..at, nasty.iter().copied());
            }
            2 if at < bytes.len() => {
                let end = (at + rng.below(40)).min(bytes.len());
                bytes.drain(at..end);
            }
            _ if at < bytes.len() => bytes[at] = rng.next() as u8,
            _ => {}
        }
    }
    bytes
}

#[test]
fn mutated_projects_never_panic() {
    let site = TestSite::example();
    let rel = "content/504001/jiuye-baozhangjin.yaml";
    let original = site.read(rel).into_bytes();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let options = BuildOptions {
        root: site.root().to_path_buf(),
        output_dir: None,
        force: false,
    };
    let mut rejected = 0;
    for round in 0..400 {
        let bytes = mutate(&original, &mut rng);
        site.write(rel, &bytes);
        // Load and check; when that passes, render and write too.
        let outcome = panic::catch_unwind(|| {
            load_and_check(site.root(), Severity::Info)?;
            build(&options)
        });
        let Ok(result) = outcome else {
            panic!(
                "round {round} panicked on:\n{}",
                String::from_utf8_lossy(&bytes)
            );
        };
        rejected += usize::from(result.is_err());
    }
    // The mutations are meant to hurt: most rounds must be rejected.
    assert!(
        rejected > 200,
        "only {rejected} of 400 mutations were rejected"
    );
    // …and some must survive, so that rendering is exercised too.
    assert!(rejected < 400, "every mutation was rejected");
    eprintln!("robustness: {rejected} of 400 mutations rejected, the rest built");
}
