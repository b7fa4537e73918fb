//! The integrity lists (`manifest.json`, `SHA256SUMS`, `SM3SUMS`),
//! `gongkai sign` and `gongkai verify`, checked with independent readers:
//! coreutils' `sha256sum -c` and Python's OpenSSL-backed SM3.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{TestSite, clean_build, project_yaml, session, succeeded, tree};
use crate::server::{DEADLINE, Running};

const KANGFU: &str = "content/504001/kangfu-gongzuo-jingfei.yaml";

fn lists(site: &TestSite) -> (String, String, serde_json::Value) {
    let out = site.public();
    let read = |name: &str| std::fs::read_to_string(out.join(name)).unwrap();
    let manifest = serde_json::from_str(&read("manifest.json")).unwrap();
    (read("SHA256SUMS"), read("SM3SUMS"), manifest)
}

#[test]
fn every_output_is_listed_and_checks_with_sha256sum_and_sm3() {
    let site = TestSite::example();
    succeeded(site.build());
    let (sha, sm3, manifest) = lists(&site);
    // Every output but the lists themselves and the bookkeeping, sorted.
    let mut expected: Vec<String> = tree(&site.public())
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| {
            ![
                "manifest.json",
                "SHA256SUMS",
                "SM3SUMS",
                ".gongkai-manifest",
            ]
            .contains(&p.as_str())
        })
        .collect();
    expected.sort();
    let paths: Vec<&str> = sha.lines().map(|l| &l[66..]).collect();
    assert_eq!(paths, expected);
    let from_manifest: Vec<&str> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(from_manifest, expected);
    assert!(manifest.get("source").is_some());
    assert!(
        !String::from_utf8_lossy(&std::fs::read(site.public().join("manifest.json")).unwrap())
            .contains("time")
    );
    // coreutils, in the output folder.
    let check = Command::new("sha256sum")
        .args(["-c", "--quiet", "--strict", "SHA256SUMS"])
        .current_dir(site.public())
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    // SM3 through Python's hashlib (OpenSSL).
    let script = "import hashlib,sys\nbad=0\nfor line in open('SM3SUMS'):\n h,p=line.rstrip('\\n').split('  ',1)\n if hashlib.new('sm3',open(p,'rb').read()).hexdigest()!=h: print(p); bad+=1\nsys.exit(bad)\n";
    let sm3_check = Command::new("python3")
        .args(["-c", script])
        .current_dir(site.public())
        .output()
        .unwrap();
    assert!(
        sm3_check.status.success(),
        "{}{}",
        String::from_utf8_lossy(&sm3_check.stdout),
        String::from_utf8_lossy(&sm3_check.stderr)
    );
    assert_eq!(sm3.lines().count(), expected.len());
    // The Data Package states the hash of the CSV beside it.
    let package: serde_json::Value =
        serde_json::from_str(&site.read("public/2023/504001/datapackage.json")).unwrap();
    let projects = &package["resources"][0];
    let csv = std::fs::read(site.public().join("2023/504001/projects.csv")).unwrap();
    let line = sha
        .lines()
        .find(|l| l.ends_with("  2023/504001/projects.csv"))
        .unwrap();
    assert_eq!(projects["hash"], format!("sha256:{}", &line[..64]));
    assert_eq!(projects["bytes"], csv.len());
    // The 核验 page is published and linked from every page's footer.
    assert!(
        site.read("public/verify/index.html")
            .contains("certutil -hashfile")
    );
    assert!(site.read("public/index.html").contains("verify/index.html"));
}

#[test]
fn two_builds_are_identical_and_edits_equal_a_clean_build() {
    let site = TestSite::example();
    succeeded(site.build());
    let first = site.output_tree();
    std::fs::remove_dir_all(site.public()).unwrap();
    std::fs::remove_dir_all(site.root().join(".gongkai-cache")).ok();
    succeeded(site.build());
    assert!(first == site.output_tree(), "two builds differ");

    let mut session = session(&site);
    let text = site
        .read(KANGFU)
        .replace("amount: \"1.00\"", "amount: \"1.50\"");
    site.write(KANGFU, text);
    session.rebuild(&[PathBuf::from(KANGFU)]).unwrap();
    site.write(
        "content/504001/xin-xiangmu.yaml",
        project_yaml("新项目", "3.00"),
    );
    session
        .rebuild(&[PathBuf::from("content/504001/xin-xiangmu.yaml")])
        .unwrap();
    site.remove("content/504001/xin-xiangmu.yaml");
    site.write("site.toml", site.read("site.toml") + "\n[integrity]\npublic_key = \"RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3\"\n");
    session
        .rebuild(&[
            PathBuf::from("content/504001/xin-xiangmu.yaml"),
            PathBuf::from("site.toml"),
        ])
        .unwrap();
    let after = site.output_tree();
    assert!(
        after == clean_build(&site),
        "incremental output differs from a clean build"
    );
    assert!(site.read("public/SHA256SUMS").contains(&format!(
        "  {}",
        "2023/504001/kangfu-gongzuo-jingfei/index.html"
    )));
    assert!(
        site.read("public/verify/index.html")
            .contains("RWQf6LRCGA9i")
    );
    // A build the cache lets skip the rest writes the same lists.
    let text = site
        .read(KANGFU)
        .replace("amount: \"1.50\"", "amount: \"1.75\"");
    site.write(KANGFU, text);
    succeeded(site.build());
    succeeded(site.build());
    assert!(
        site.output_tree() == clean_build(&site),
        "a cached build differs"
    );
}

/// A key pair made by `gongkai sign --generate` outside the site.
fn keys(site: &TestSite) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let keys = dir.path().join("keys");
    succeeded(
        site.cmd(&["sign", "--generate"])
            .arg(&keys)
            .output()
            .unwrap(),
    );
    (dir, keys.join("gongkai.pub"), keys.join("gongkai.key"))
}

fn verify(site: &TestSite, target: &str, public: &Path) -> std::process::Output {
    site.cmd(&["verify", target, "--public-key-file"])
        .arg(public)
        .output()
        .unwrap()
}

#[test]
fn sign_and_verify_a_folder_then_find_the_one_altered_file() {
    let site = TestSite::example();
    succeeded(site.build());
    let (_dir, public, secret) = keys(&site);
    succeeded(
        site.cmd(&["sign"])
            .env("GONGKAI_SIGN_KEY_FILE", &secret)
            .output()
            .unwrap(),
    );
    assert!(site.public().join("SHA256SUMS.minisig").exists());
    let out = site.public().to_string_lossy().into_owned();
    let ok = verify(&site, &out, &public);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );

    // The key's text in the environment works too.
    let text = std::fs::read_to_string(&secret).unwrap();
    succeeded(
        site.cmd(&["sign"])
            .env("GONGKAI_SIGN_KEY", text)
            .output()
            .unwrap(),
    );

    // One byte of one file.
    let file = site.public().join("2023/504001/projects.csv");
    let mut bytes = std::fs::read(&file).unwrap();
    let last = bytes.len() - 3;
    bytes[last] ^= 1;
    std::fs::write(&file, bytes).unwrap();
    let bad = verify(&site, &out, &public);
    assert_eq!(bad.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&bad.stdout);
    let named: Vec<&str> = stdout.lines().filter(|l| l.contains("2023/")).collect();
    assert_eq!(named, ["Altered: 2023/504001/projects.csv"], "{stdout}");

    // Another key fails the signature.
    let (_other_dir, other, _) = keys(&site);
    std::fs::write(&file, b"").ok();
    let wrong = verify(&site, &out, &other);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&wrong.stdout).contains("Signature invalid"));
}

#[test]
fn a_key_inside_the_site_is_refused() {
    let site = TestSite::example();
    succeeded(site.build());
    let (_dir, _, secret) = keys(&site);
    let inside = site.root().join("secret.key");
    std::fs::copy(&secret, &inside).unwrap();
    let refused = site
        .cmd_in_site_language(&["sign"])
        .env("GONGKAI_SIGN_KEY_FILE", &inside)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("拒绝使用"));
    assert!(!site.public().join("SHA256SUMS.minisig").exists());
    let generate = site
        .cmd(&["sign", "--generate"])
        .arg(site.root().join("keys"))
        .output()
        .unwrap();
    assert_eq!(generate.status.code(), Some(2));
}

#[test]
fn verify_a_served_site_over_http() {
    let site = TestSite::example();
    let (_dir, public, secret) = keys(&site);
    let server = Running::serve(&site, &[]);
    assert!(crate::common::eventually(DEADLINE, || site
        .public()
        .join("SHA256SUMS")
        .exists()));
    succeeded(
        site.cmd(&["sign"])
            .env("GONGKAI_SIGN_KEY_FILE", &secret)
            .output()
            .unwrap(),
    );
    let url = format!("http://{}/", server.addr);
    let ok = verify(&site, &url, &public);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&ok.stdout),
        String::from_utf8_lossy(&ok.stderr)
    );
    // Altered on the host: found by name.
    let file = site.public().join("static/style.css");
    let mut bytes = std::fs::read(&file).unwrap();
    bytes.push(b' ');
    std::fs::write(&file, bytes).unwrap();
    let bad = verify(&site, &url, &public);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stdout).contains("Altered: static/style.css"));
}
