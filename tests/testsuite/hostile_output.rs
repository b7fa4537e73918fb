//! The output folder under attack (issue 23): a killed build, two builds
//! at once, a full disk under `serve`, and an output folder holding files
//! that gongkai did not write.
//!
//! These tests back two promises of the README: "atomic publish" (the
//! kill -9 drill, the concurrent-build drill and the full-disk tests) and
//! "nothing deleted that gongkai did not write" (the ownership tests).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{TestSite, clean_build, eventually, tree};
use crate::server::{DEADLINE, Running};

/// The bookkeeping file in the output root that lists what gongkai wrote.
const MANIFEST: &str = ".gongkai-manifest";

/// A small site (2 departments, 5 projects, downloads on): a debug build
/// takes a fraction of a second, so a drill can kill many of them.
fn small_site() -> TestSite {
    let site = TestSite::empty();
    site.department("100001", "甲局");
    site.department("100002", "乙局");
    for (code, slug, name, amount) in [
        ("100001", "a", "甲一", "1.10"),
        ("100001", "b", "甲二", "2.20"),
        ("100001", "c", "甲三", "3.30"),
        ("100002", "d", "乙一", "4.40"),
        ("100002", "e", "乙二", "5.50"),
    ] {
        site.project(code, slug, name, amount);
    }
    site
}

/// Version A or B of the small site's content. B renames a project
/// (changing its page, its department's, the indexes and the downloads),
/// removes one and adds one, so that a publish adds, replaces and removes.
fn set_version(site: &TestSite, b: bool) {
    if b {
        site.project("100001", "a", "甲一改", "1.10");
        site.project("100002", "f", "乙三", "6.60");
        let _ = std::fs::remove_file(site.root().join("content/100001/c.yaml"));
    } else {
        site.project("100001", "a", "甲一", "1.10");
        site.project("100001", "c", "甲三", "3.30");
        let _ = std::fs::remove_file(site.root().join("content/100002/f.yaml"));
    }
}

/// `gongkai build` of `site` as a child process, English messages.
fn build_command(site: &TestSite) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gongkai"));
    cmd.arg("build")
        .arg("--root")
        .arg(site.root())
        .env("NO_COLOR", "1")
        .env("GONGKAI_LANG", "en")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

/// Hidden siblings of the output that gongkai left behind (a journal, a
/// lock, an old site set aside): none may survive a finished build. The
/// staging folder stays by design, but may hold nothing but links to the
/// live files, so that it costs no space and keeps no old page.
fn leftovers(site: &TestSite) -> Vec<String> {
    use std::os::unix::fs::MetadataExt as _;
    let staging = site.root().join(".public.gongkai-staging");
    let mut found: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // The staging folder and the build cache stay between builds on purpose.
        .filter(|name| {
            name.starts_with(".public.gongkai")
                && name != ".public.gongkai-staging"
                && name != ".public.gongkai-cache"
        })
        .collect();
    for (rel, _) in tree(&staging) {
        let linked = std::fs::metadata(site.public().join(&rel))
            .is_ok_and(|live| live.ino() == std::fs::metadata(staging.join(&rel)).unwrap().ino());
        if !linked {
            found.push(format!(".public.gongkai-staging/{rel}"));
        }
    }
    found
}

/// A tiny xorshift generator: the drill's kill times, reproducible from the
/// seed it prints.
struct Random(u64);

impl Random {
    fn seeded() -> Random {
        let seed = std::env::var("GONGKAI_DRILL_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        eprintln!("drill seed: {seed} (GONGKAI_DRILL_SEED={seed} repeats it)");
        Random(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// The paths where two trees differ, for a failure message.
fn differences(a: &[(String, Vec<u8>)], b: &[(String, Vec<u8>)]) -> Vec<String> {
    let a: std::collections::BTreeMap<_, _> = a.iter().map(|(p, b)| (p, b)).collect();
    let b: std::collections::BTreeMap<_, _> = b.iter().map(|(p, b)| (p, b)).collect();
    let mut paths: Vec<String> = a
        .keys()
        .chain(b.keys())
        .filter(|p| a.get(*p) != b.get(*p))
        .map(|p| (*p).clone())
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

/// How long a build of `site` that publishes a change takes, with `env`
/// set (the median of four, from version A to B and back); it ends on A.
fn build_time(site: &TestSite, env: &[(&str, &str)]) -> Duration {
    let mut times: Vec<Duration> = (0..4)
        .map(|i| {
            set_version(site, i % 2 == 0);
            let started = Instant::now();
            let status = build_command(site).envs(env.iter().copied()).status();
            assert!(status.unwrap().success());
            started.elapsed()
        })
        .collect();
    times.sort();
    (times[1] + times[2]) / 2
}

#[test]
fn kill_9_at_any_moment_leaves_the_old_or_the_new_site() {
    const KILLS: usize = 60;
    const BUDGET: Duration = Duration::from_secs(50);
    let site = small_site();
    // The two complete sites, byte for byte.
    set_version(&site, true);
    site.build();
    let new_site = tree(&site.public());
    set_version(&site, false);
    site.build();
    let old_site = tree(&site.public());
    assert_ne!(old_site, new_site);
    // Half of the kills run with the publish phase slowed down (a pause
    // before each step of it, debug builds only), so that many land inside
    // it rather than in rendering.
    let slow = [("GONGKAI_TEST_PUBLISH_PAUSE_MS", "2")];
    let plain_time = build_time(&site, &[]);
    let slow_time = build_time(&site, &slow);
    eprintln!("a build takes {plain_time:?}, {slow_time:?} with the publish phase slowed");
    let mut random = Random::seeded();
    let started = Instant::now();
    let (mut kills, mut old, mut new, mut mixed) = (0, 0, 0, Vec::new());
    // Kills of a slowed build after a plain build would have ended: those
    // fell into its publish phase (roughly; timing on a busy machine).
    let mut in_publish = 0;
    let mut version_b = false;
    while kills < KILLS && started.elapsed() < BUDGET {
        version_b = !version_b;
        set_version(&site, version_b);
        let (before, after) = if version_b {
            (&old_site, &new_site)
        } else {
            (&new_site, &old_site)
        };
        let slowed = kills % 2 == 1;
        let span = if slowed { slow_time } else { plain_time };
        let delay = Duration::from_micros(random.below(span.as_micros() as u64 * 5 / 4));
        let mut cmd = build_command(&site);
        if slowed {
            cmd.envs(slow);
        }
        let mut child = cmd.spawn().unwrap();
        std::thread::sleep(delay);
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        kills += 1;
        in_publish += usize::from(slowed && delay > plain_time);
        let found = tree(&site.public());
        if &found == before {
            old += 1;
        } else if &found == after {
            new += 1;
        } else {
            mixed.push(format!(
                "kill {kills} after {delay:?}: {:?} differ from the old site, {:?} from the new",
                differences(&found, before),
                differences(&found, after)
            ));
        }
        // The next normal build succeeds, gives the new site and clears
        // whatever the killed one left beside the output.
        let output = build_command(&site).output().unwrap();
        assert!(
            output.status.success(),
            "the build after kill {kills} failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(&tree(&site.public()), after, "after kill {kills}");
        assert_eq!(leftovers(&site), Vec::<String>::new(), "after kill {kills}");
    }
    eprintln!(
        "kill -9 drill: {kills} kills in {:.1?} (about {in_publish} inside the publish phase): \
         {old} left the old site, {new} the new one, {} a mix",
        started.elapsed(),
        mixed.len()
    );
    assert!(mixed.is_empty(), "{} mixed sites: {mixed:#?}", mixed.len());
    assert!(kills >= 50, "only {kills} kills fitted in {BUDGET:?}");
}

#[test]
fn two_builds_at_once_into_one_output_both_give_the_whole_site() {
    const TRIALS: usize = 6;
    let site = small_site();
    let mut version_b = false;
    for trial in 0..TRIALS {
        version_b = !version_b;
        set_version(&site, version_b);
        let expected = clean_build(&site);
        // Both start together and are waited for in the order they end; the
        // output is checked as soon as each has reported.
        let children: Vec<_> = (0..2)
            .map(|_| build_command(&site).spawn().unwrap())
            .collect();
        let mut outcomes = Vec::new();
        for child in children {
            let output = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
            if output.status.success() {
                assert_eq!(
                    differences(&tree(&site.public()), &expected),
                    Vec::<String>::new(),
                    "trial {trial}: a build reported success with the site incomplete:\n{stderr}"
                );
            } else {
                // Failing is allowed only clearly: exit 2 and a message
                // that says another build was writing.
                assert_eq!(output.status.code(), Some(2), "trial {trial}:\n{stderr}");
                assert!(
                    stderr.contains("another gongkai"),
                    "trial {trial}:\n{stderr}"
                );
            }
            outcomes.push(output.status.success());
        }
        assert!(
            outcomes.contains(&true),
            "trial {trial}: neither build succeeded"
        );
        assert_eq!(tree(&site.public()), expected, "trial {trial}");
        assert_eq!(leftovers(&site), Vec::<String>::new(), "trial {trial}");
    }
}

/// Writes `files` (path, text) under `dir`.
fn put(dir: &std::path::Path, files: &[(&str, &str)]) {
    for (rel, text) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// The manifest's list of files.
fn listed(out: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(out.join(MANIFEST))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

const HAND_MADE: [(&str, &str); 3] = [
    ("index.html", "<h1>我的网站</h1>"),
    ("CNAME", "yusuan.example.gov.cn"),
    ("guide.html", "<p>指南</p>"),
];

#[test]
fn a_hand_made_site_in_the_output_folder_is_refused_and_left_untouched() {
    let site = small_site();
    let docs = site.root().join("docs");
    put(&docs, &HAND_MADE);
    let before = tree(&docs);
    let output = site.cmd(&["build", "-o"]).arg(&docs).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("refusing to build into"), "{stderr}");
    assert!(stderr.contains("gongkai did not write"), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(tree(&docs), before, "the user's site was touched");
    let beside: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".docs."))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
}

#[test]
fn force_builds_into_a_hand_made_site_and_keeps_every_file_it_does_not_write() {
    let site = small_site();
    let docs = site.root().join("docs");
    put(&docs, &HAND_MADE);
    let docs_arg = docs.to_str().unwrap();
    site.cmd(&["build", "--force", "-o", docs_arg])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(docs.join("CNAME")).unwrap(),
        HAND_MADE[1].1
    );
    assert_eq!(
        std::fs::read_to_string(docs.join("guide.html")).unwrap(),
        HAND_MADE[2].1
    );
    // index.html is the site's own now: --force said so.
    assert!(
        std::fs::read_to_string(docs.join("index.html"))
            .unwrap()
            .contains("甲局")
    );
    let files = listed(&docs);
    assert!(files.contains(&"index.html".to_owned()));
    assert!(
        !files.iter().any(|f| f == "CNAME" || f == "guide.html"),
        "{files:?}"
    );
    // From now on it is gongkai's folder: no --force needed, and removing a
    // project removes its files and nothing of the user's.
    set_version(&site, true);
    site.cmd(&["build", "-o", docs_arg]).assert().success();
    assert!(!docs.join("2023/100001/c").exists());
    assert!(docs.join("2023/100002/f/index.html").exists());
    assert_eq!(
        std::fs::read_to_string(docs.join("CNAME")).unwrap(),
        HAND_MADE[1].1
    );
    assert_eq!(
        std::fs::read_to_string(docs.join("guide.html")).unwrap(),
        HAND_MADE[2].1
    );
}

#[test]
fn files_added_to_a_built_site_survive_every_build() {
    let site = small_site();
    site.build();
    let public = site.public();
    let mine = [
        ("CNAME", "yusuan.example.gov.cn"),
        (".git/HEAD", "ref: refs/heads/gh-pages"),
        (".nojekyll", ""),
        (
            ".well-known/security.txt",
            "Contact: mailto:it@example.gov.cn",
        ),
        ("2023/说明.txt", "手写说明"),
        // Inside the folder of a project that version B removes.
        ("2023/100001/c/原件.pdf", "%PDF-1.4 mine"),
    ];
    put(&public, &mine);
    std::fs::create_dir_all(public.join("uploads")).unwrap();
    let page = public.join("2023/100002/d/index.html");
    let unchanged_since = std::fs::metadata(&page).unwrap().modified().unwrap();
    std::thread::sleep(Duration::from_millis(20));
    set_version(&site, true);
    let output = site.build();
    let stderr = String::from_utf8_lossy(&output.stderr);
    for (rel, text) in mine {
        assert_eq!(
            std::fs::read_to_string(public.join(rel)).ok().as_deref(),
            Some(text),
            "{rel} after the build:\n{stderr}"
        );
    }
    assert!(
        public.join("uploads").is_dir(),
        "an empty folder of the user's"
    );
    assert!(
        !public.join("2023/100001/c/index.html").exists(),
        "a stale page stayed"
    );
    assert!(public.join("2023/100002/f/index.html").exists());
    // rsync: a page whose bytes did not change keeps its modification time,
    // though the site around it was swapped.
    let now = std::fs::metadata(&page).unwrap().modified().unwrap();
    assert_eq!(unchanged_since, now);
    assert!(
        !listed(&public)
            .iter()
            .any(|f| f.contains("说明") || f.contains("CNAME"))
    );
}

#[test]
fn a_file_of_the_users_where_a_page_goes_is_refused_unless_forced() {
    let site = small_site();
    site.build();
    let public = site.public();
    put(&public, &[("2023/100002/f/index.html", "<p>mine</p>")]);
    let before = tree(&public);
    set_version(&site, true);
    let output = site.cmd(&["build"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("2023/100002/f/index.html"), "{stderr}");
    assert!(stderr.contains("not a file gongkai wrote"), "{stderr}");
    assert_eq!(tree(&public), before);
    site.cmd(&["build", "--force"]).assert().success();
    assert!(
        site.read("public/2023/100002/f/index.html")
            .contains("乙三")
    );
}

#[test]
fn an_output_of_an_earlier_gongkai_without_a_manifest_is_adopted() {
    let site = small_site();
    site.build();
    let public = site.public();
    std::fs::remove_file(public.join(MANIFEST)).unwrap();
    // A year since removed, which the earlier gongkai had written.
    put(&public, &[("2021/index.html", "old year")]);
    site.build();
    assert!(!public.join("2021").exists());
    assert!(listed(&public).contains(&"index.html".to_owned()));
    assert_eq!(tree(&public), clean_build(&site));
}

/// `gongkai serve` of `site` with the disk-full hook armed by `trigger`.
fn serve_with_a_disk(site: &TestSite, trigger: &std::path::Path) -> Running {
    Running::serve_with_env(
        site,
        &[],
        &[("GONGKAI_TEST_DISK_FULL", trigger.to_str().unwrap())],
    )
}

/// Files whose name says a writer left them behind.
fn temporary_files(site: &TestSite) -> Vec<String> {
    let mut found = leftovers(site);
    found.extend(
        tree(&site.public())
            .into_iter()
            .map(|(path, _)| path)
            .filter(|path| path.contains("gongkai-tmp") || path.ends_with(".tmp")),
    );
    found
}

/// A full disk at `when` ("write N": while writing the new files; "apply
/// N": while moving them into place) during a rebuild that changes every
/// page leaves the last good site, byte for byte, says so, leaves no
/// temporary file, and the next save after the disk has room publishes.
fn full_disk_under_serve(when: &str) {
    let site = small_site();
    let hook = tempfile::tempdir().unwrap();
    let trigger = hook.path().join("disk-full");
    let server = serve_with_a_disk(&site, &trigger);
    let good = tree(&site.public());
    std::fs::write(&trigger, when).unwrap();
    let config = site.read("site.toml");
    site.write("site.toml", config.replace("测试站点", "改名站点"));
    assert!(
        eventually(DEADLINE, || server.status()["ok"] == false),
        "no failure reported; output:\n{}",
        server.output()
    );
    let error = server.status()["error"].as_str().unwrap().to_owned();
    assert!(error.contains("No space left on device"), "{error}");
    // Where it failed: preparing beside the output, or moving into it.
    let failed_in = if when.starts_with("apply") {
        "/public/"
    } else {
        "/.public.gongkai-update/"
    };
    assert!(error.contains(failed_in), "{error}");
    let line = server.wait_for_line("not rebuilt", DEADLINE);
    assert!(line.contains("the last good site stays"), "{line}");
    assert_eq!(
        differences(&tree(&site.public()), &good),
        Vec::<String>::new(),
        "the output changed although the message says it did not"
    );
    assert_eq!(temporary_files(&site), Vec::<String>::new());
    assert!(server.get("/").text().contains("测试站点"));
    // Room again: the next save publishes everything, the failed change too.
    std::fs::remove_file(&trigger).unwrap();
    site.write("site.toml", config.replace("测试站点", "又改名站点"));
    assert!(
        eventually(DEADLINE, || server.get("/").text().contains("又改名站点")),
        "no recovery; output:\n{}",
        server.output()
    );
    assert!(eventually(DEADLINE, || server.status()["ok"] == true));
    assert_eq!(tree(&site.public()), clean_build(&site));
    assert_eq!(temporary_files(&site), Vec::<String>::new());
}

#[test]
fn serve_on_a_full_disk_keeps_the_last_good_site_and_says_so() {
    full_disk_under_serve("write 5");
}

#[test]
fn serve_puts_the_old_files_back_when_the_disk_fills_while_moving_them_in() {
    full_disk_under_serve("apply 5");
}

#[test]
fn build_on_a_full_disk_leaves_the_old_site_and_no_leftovers() {
    let site = small_site();
    site.build();
    let good = tree(&site.public());
    let hook = tempfile::tempdir().unwrap();
    let trigger = hook.path().join("disk-full");
    std::fs::write(&trigger, "write 3").unwrap();
    set_version(&site, true);
    let output = site
        .cmd(&["build"])
        .env("GONGKAI_TEST_DISK_FULL", &trigger)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert_eq!(tree(&site.public()), good);
    // The next build, with room, publishes and tidies what this one left.
    std::fs::remove_file(&trigger).unwrap();
    site.build();
    assert_eq!(tree(&site.public()), clean_build(&site));
    assert_eq!(leftovers(&site), Vec::<String>::new());
}
