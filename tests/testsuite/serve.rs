//! `gongkai serve`: the real binary on a free loopback port, driven through
//! the harness in `server.rs` ([`Running`], [`request`], [`EventStream`]).

use std::time::Duration;

use crate::common::{TestSite, eventually, project_yaml, tree};
use crate::server::{
    DEADLINE, EventStream, Running, START_DEADLINE, names_line_and_column, request,
};

const PROJECT: &str = "content/504001/jiuye-baozhangjin.yaml";
const PROJECT_PAGE: &str = "/2023/504001/jiuye-baozhangjin/";
const NAME: &str = "残疾人就业保障金";

/// The example project with another name.
fn renamed(site: &TestSite, name: &str) -> String {
    site.read(PROJECT)
        .replace(&format!("name: {NAME}"), &format!("name: {name}"))
}

#[test]
fn serve_edit_changes_the_served_page() {
    let site = TestSite::example();
    let server = Running::serve(&site, &[]);
    let page = server.get(PROJECT_PAGE);
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(page.text().contains(NAME));

    site.write(PROJECT, renamed(&site, "就业保障金（修订）"));
    assert!(
        eventually(DEADLINE, || server
            .get(PROJECT_PAGE)
            .text()
            .contains("就业保障金（修订）")),
        "page did not change; output:\n{}",
        server.output()
    );
    assert!(eventually(DEADLINE, || server
        .get("/2023/")
        .text()
        .contains("就业保障金（修订）")));
    // One save, one incremental rebuild naming the file.
    let line = server.wait_for_line("changed →", DEADLINE);
    assert!(line.starts_with(PROJECT), "{line}");
    assert!(!line.contains("full rebuild"), "{line}");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        server.lines_with("changed →").len(),
        1,
        "{}",
        server.output()
    );
}

#[test]
fn serve_deleted_project_is_404_and_leaves_the_index() {
    let site = TestSite::example();
    let server = Running::serve(&site, &[]);
    assert!(server.get("/2023/").text().contains("jiuye-baozhangjin"));
    site.remove(PROJECT);
    assert!(
        eventually(DEADLINE, || server.get(PROJECT_PAGE).status == 404),
        "still served; output:\n{}",
        server.output()
    );
    let missing = server.get(PROJECT_PAGE);
    assert_eq!(
        missing.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let not_found_page = site.read("public/404.html");
    let title = not_found_page
        .split("<h1>")
        .nth(1)
        .unwrap()
        .split("</h1>")
        .next()
        .unwrap();
    assert!(missing.text().contains(title), "not the site's 404 page");
    assert!(eventually(DEADLINE, || !server
        .get("/2023/")
        .text()
        .contains("jiuye-baozhangjin")));
    assert!(!site.public().join("2023/504001/jiuye-baozhangjin").exists());
}

#[test]
fn serve_picks_up_editor_style_saves() {
    let site = TestSite::example();
    let server = Running::serve(&site, &[]);
    let path = site.root().join(PROJECT);
    // JetBrains / VS Code style: write a temporary file, rename it over.
    let temp = site
        .root()
        .join("content/504001/jiuye-baozhangjin.yaml___jb_tmp___");
    std::fs::write(&temp, renamed(&site, "第一次保存")).unwrap();
    std::fs::rename(&temp, &path).unwrap();
    assert!(
        eventually(DEADLINE, || server
            .get(PROJECT_PAGE)
            .text()
            .contains("第一次保存")),
        "first save missed; output:\n{}",
        server.output()
    );
    // Vim style, on the replaced file: move the original to a backup,
    // write a new file, delete the backup. The watch must still be alive.
    let backup = site.root().join("content/504001/jiuye-baozhangjin.yaml~");
    let text = site.read(PROJECT).replace("第一次保存", "第二次保存");
    std::fs::rename(&path, &backup).unwrap();
    std::fs::write(site.root().join("content/504001/4913"), "").unwrap();
    std::fs::remove_file(site.root().join("content/504001/4913")).unwrap();
    std::fs::write(&path, text).unwrap();
    std::fs::remove_file(&backup).unwrap();
    assert!(
        eventually(DEADLINE, || server
            .get(PROJECT_PAGE)
            .text()
            .contains("第二次保存")),
        "second save missed; output:\n{}",
        server.output()
    );
    // A save through a plain temporary name in another folder.
    let outside = site.root().join("draft.tmp");
    std::fs::write(
        &outside,
        site.read(PROJECT).replace("第二次保存", "第三次保存"),
    )
    .unwrap();
    std::fs::rename(&outside, &path).unwrap();
    assert!(eventually(DEADLINE, || server
        .get(PROJECT_PAGE)
        .text()
        .contains("第三次保存")));
    // No rebuild ever reported a failure: the page never went missing.
    assert!(
        server.lines_with("not rebuilt").is_empty(),
        "{}",
        server.output()
    );
}

#[test]
fn serve_malformed_save_keeps_the_last_good_page_then_recovers() {
    let site = TestSite::example();
    let server = Running::serve(&site, &[]);
    let good = server.get(PROJECT_PAGE).body;
    let pristine = site.read(PROJECT);
    let mut events = EventStream::open(&server.addr);
    assert!(
        events.wait_for("text/event-stream"),
        "no event stream: {:?}",
        events.seen
    );

    let broken = site
        .read(PROJECT)
        .replace("amount: \"200.00\"", "amount: [200.00");
    site.write(PROJECT, broken);
    assert!(
        eventually(DEADLINE, || server.status()["ok"] == false),
        "no failure reported; output:\n{}",
        server.output()
    );
    let status = server.status();
    let error = status["error"].as_str().unwrap();
    assert!(
        names_line_and_column(error, PROJECT),
        "no file:line:column in {error}"
    );
    // The terminal shows the same report.
    assert!(
        eventually(DEADLINE, || names_line_and_column(
            &server.output(),
            PROJECT
        )),
        "no file:line:column on the terminal:\n{}",
        server.output()
    );
    server.wait_for_line("the last good site stays", DEADLINE);
    // The browser is told, as an event carrying the report.
    assert!(
        events.wait_for("event: failed"),
        "no failed event: {:?}",
        events.seen
    );
    assert!(
        events.wait_for(PROJECT),
        "the event names no file: {:?}",
        events.seen
    );
    // The last good page is still served, byte for byte.
    assert_eq!(server.get(PROJECT_PAGE).body, good);
    assert_eq!(server.get(PROJECT_PAGE).status, 200);

    site.write(PROJECT, pristine.replace(NAME, "修好了"));
    assert!(
        eventually(DEADLINE, || server
            .get(PROJECT_PAGE)
            .text()
            .contains("修好了")),
        "no recovery; output:\n{}",
        server.output()
    );
    // The status follows the files on disk a moment later.
    assert!(eventually(DEADLINE, || server.status()["ok"] == true));
    assert!(
        events.wait_for("event: reload"),
        "no reload event: {:?}",
        events.seen
    );
}

#[test]
fn serve_template_change_rerenders_every_page() {
    let site = TestSite::example();
    let server = Running::serve(&site, &[]);
    let base = std::fs::read_to_string(
        crate::common::repo_root().join("themes/default/templates/base.html"),
    )
    .unwrap();
    let marked = base.replace(
        "</head>",
        "<meta name=\"x-override\" content=\"yes\">\n</head>",
    );
    assert_ne!(base, marked);
    site.write("themes/default/templates/base.html", marked);
    assert!(
        eventually(DEADLINE, || server.get("/").text().contains("x-override")),
        "template change not served; output:\n{}",
        server.output()
    );
    server.wait_for_line("full rebuild", DEADLINE);
    let pages: Vec<(String, Vec<u8>)> = tree(&site.public())
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .collect();
    assert!(pages.len() >= 12, "{} pages", pages.len());
    for (path, bytes) in &pages {
        let text = String::from_utf8_lossy(bytes);
        assert!(text.contains("x-override"), "{path} was not re-rendered");
    }
    assert!(server.get(PROJECT_PAGE).text().contains("x-override"));
    // themes/ did not exist when serve started: it is watched now.
    let again = base.replace(
        "</head>",
        "<meta name=\"x-second\" content=\"yes\">\n</head>",
    );
    site.write("themes/default/templates/base.html", again);
    assert!(
        eventually(DEADLINE, || server
            .get(PROJECT_PAGE)
            .text()
            .contains("x-second")),
        "second template change not served; output:\n{}",
        server.output()
    );
}

#[test]
fn serve_never_answers_outside_the_output_directory() {
    let site = TestSite::example();
    let secret = "TOP-SECRET-d41d8cd98f00";
    site.write("secret.txt", secret);
    site.write("content/secret.txt", secret);
    let server = Running::serve(&site, &[]);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            site.root().join("secret.txt"),
            site.public().join("leak.txt"),
        )
        .unwrap();
        std::os::unix::fs::symlink(site.root(), site.public().join("up")).unwrap();
    }
    let root = site.root().to_string_lossy().into_owned();
    let attempts = [
        "/../secret.txt".to_owned(),
        "/../../secret.txt".to_owned(),
        "/%2e%2e/secret.txt".to_owned(),
        "/%2E%2E/secret.txt".to_owned(),
        "/..%2fsecret.txt".to_owned(),
        "/..%2Fsecret.txt".to_owned(),
        "/%2e%2e%2fsecret.txt".to_owned(),
        "/.%2e/secret.txt".to_owned(),
        "/%2e./secret.txt".to_owned(),
        "/2023/../../secret.txt".to_owned(),
        "/2023/%2e%2e/%2e%2e/secret.txt".to_owned(),
        "/%252e%252e/secret.txt".to_owned(),
        "/..%5csecret.txt".to_owned(),
        "/..\\secret.txt".to_owned(),
        "/%2e%2e%5csecret.txt".to_owned(),
        "//etc/passwd".to_owned(),
        "/etc/passwd".to_owned(),
        format!("/{}/secret.txt", root.trim_start_matches('/')),
        format!("/{root}/secret.txt"),
        format!("/%2f{}/secret.txt", root.trim_start_matches('/')),
        "/../content/secret.txt".to_owned(),
        "/%2e%2e/content/secret.txt".to_owned(),
        "/C:/Windows/win.ini".to_owned(),
        "/secret.txt%00.html".to_owned(),
        "/leak.txt".to_owned(),
        "/up/secret.txt".to_owned(),
        format!("http://{}/../secret.txt", server.addr),
        format!("http://{}/%2e%2e/secret.txt", server.addr),
    ];
    for target in &attempts {
        for method in ["GET", "HEAD"] {
            let response = request(&server.addr, method, target);
            assert_ne!(response.status, 200, "{method} {target} answered 200");
            assert!(
                !response.text().contains(secret),
                "{method} {target} leaked the secret"
            );
        }
    }
    let passwd = server.get("/etc/passwd");
    assert!(!passwd.text().contains("root:"), "served /etc/passwd");
    // The server still works after all that.
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn serve_output_equals_a_clean_build_after_a_series_of_edits() {
    let site = TestSite::example();
    let server = Running::serve(&site, &[]);
    let wait = |what: &str, check: &dyn Fn() -> bool| {
        assert!(
            eventually(DEADLINE, check),
            "{what}; output:\n{}",
            server.output()
        );
    };
    // Edit.
    site.write(PROJECT, renamed(&site, "编辑后的名称"));
    wait("edit", &|| {
        server.get(PROJECT_PAGE).text().contains("编辑后的名称")
    });
    // Add.
    site.project("504001", "xin-xiangmu", "新增项目", "12.50");
    wait("add", &|| {
        server.get("/2023/504001/xin-xiangmu/").status == 200
    });
    // Delete.
    site.remove("content/504001/zhucanri-weiwenjin.yaml");
    wait("delete", &|| {
        server.get("/2023/504001/zhucanri-weiwenjin/").status == 404
    });
    // Rename.
    std::fs::rename(
        site.root()
            .join("content/504001/kangfu-gongzuo-jingfei.yaml"),
        site.root().join("content/504001/kangfu-xiangmu.yaml"),
    )
    .unwrap();
    wait("rename", &|| {
        server.get("/2023/504001/kangfu-xiangmu/").status == 200
            && server.get("/2023/504001/kangfu-gongzuo-jingfei/").status == 404
    });
    // Break, then fix.
    let good = site.read("content/504001/xin-xiangmu.yaml");
    site.write(
        "content/504001/xin-xiangmu.yaml",
        good.replace("year: 2023", "year: [2023"),
    );
    wait("break", &|| server.status()["ok"] == false);
    site.write(
        "content/504001/xin-xiangmu.yaml",
        project_yaml("新增项目（修订）", "13.00"),
    );
    wait("fix", &|| {
        server.status()["ok"] == true
            && server
                .get("/2023/504001/xin-xiangmu/")
                .text()
                .contains("新增项目（修订）")
    });
    // A new department in a new folder.
    site.department("504002", "测试新单位");
    site.project("504002", "ceshi", "新单位项目", "3.00");
    wait("new folder", &|| {
        server.get("/2023/504002/ceshi/").status == 200
    });
    site.write(
        "content/504002/ceshi.yaml",
        project_yaml("新单位项目（改）", "4.00"),
    );
    wait("edit in the new folder", &|| {
        server
            .get("/2023/504002/ceshi/")
            .text()
            .contains("新单位项目（改）")
    });
    // Let the watcher settle: no status line for a while.
    let mut seen = server.output().len();
    assert!(eventually(DEADLINE, || {
        std::thread::sleep(Duration::from_millis(300));
        let now = server.output().len();
        std::mem::replace(&mut seen, now) == now
    }));
    let served = tree(&site.public());

    let clean = tempfile::tempdir().unwrap();
    let clean_out = clean.path().join("out");
    let mut build = site.cmd(&["build", "--output-dir", clean_out.to_str().unwrap()]);
    crate::common::succeeded(build.output().unwrap());
    let built = tree(&clean_out);
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&served), names(&built));
    for ((path, a), (_, b)) in served.iter().zip(&built) {
        assert!(a == b, "{path} differs from a clean build");
    }
}

#[cfg(unix)]
#[test]
fn serve_stops_cleanly_on_sigterm_and_sigint_leaving_the_output() {
    for signal in ["TERM", "INT"] {
        let site = TestSite::example();
        let mut server = Running::serve(&site, &[]);
        // A connected browser must not hold the exit up.
        let mut events = EventStream::open(&server.addr);
        assert!(events.wait_for("text/event-stream"));
        let before = tree(&site.public());
        let status = server.signal(signal);
        assert!(
            status.success(),
            "SIG{signal}: {status:?}\n{}",
            server.output()
        );
        assert_eq!(
            tree(&site.public()),
            before,
            "SIG{signal} changed the output"
        );
        assert!(site.public().join("index.html").is_file());
        assert!(
            !server.lines_with("stopped").is_empty(),
            "{}",
            server.output()
        );
    }
}

#[test]
fn serve_injects_live_reload_only_into_responses() {
    let site = TestSite::example();
    let server = Running::serve(&site, &[]);
    let index = server.get("/");
    assert_eq!(index.status, 200);
    let html = index.text();
    let script = html
        .find("/__gongkai/livereload.js")
        .expect("no live-reload script");
    assert!(
        script < html.rfind("</body>").unwrap(),
        "script not before </body>"
    );
    for (path, bytes) in tree(&site.public()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__gongkai"),
            "{path} on disk contains the live-reload snippet"
        );
    }
    // Headers every response carries, and the ones it must not.
    assert_eq!(index.header("cache-control"), Some("no-store"));
    assert!(index.header("access-control-allow-origin").is_none());
    let js = server.get("/__gongkai/livereload.js");
    assert_eq!(
        js.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(js.text().contains("EventSource"));
    assert!(js.text().contains("textContent"));
    let css = server.get("/static/style.css");
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    // HEAD: same headers, no body.
    let head = request(&server.addr, "HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("content-length"),
        index.header("content-length")
    );
    // Only GET and HEAD.
    for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"] {
        let response = request(&server.addr, method, "/");
        assert_eq!(response.status, 405, "{method}");
        assert!(response.header("access-control-allow-origin").is_none());
    }
    // A folder without its slash redirects; with it, serves index.html.
    let redirect = server.get("/504001");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("location"), Some("/504001/"));
    assert_eq!(server.get("/504001/").status, 200);
    assert_eq!(
        server.get("/504001/index.html").body,
        server.get("/504001/").body
    );
}

#[test]
fn serve_takes_another_port_when_the_requested_one_is_busy() {
    let site = TestSite::example();
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();
    // Not `Running::serve`, which asks for port 0.
    let mut running = Running::spawn(&site, &["serve", "--port", &port]);
    let line = running.wait_for_line("serving at http://", START_DEADLINE);
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap();
    running.addr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    assert_ne!(running.addr, format!("127.0.0.1:{port}"));
    assert_eq!(running.get("/").status, 200);
    drop(busy);
}
