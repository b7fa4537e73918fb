//! The preview server under abuse (issue 23, "the server under abuse", and
//! the path decoding of issue 26): slow and idle connections are closed,
//! clients cannot take the descriptors a rebuild needs, 50 clients do not
//! grow the process's threads or memory, and malformed escapes are refused.
//!
//! Every test talks to a real `gongkai serve` on loopback, with bounded
//! counts and deadlines. The figures are the server's (`src/serve/limits.rs`):
//! a whole header within 10 s, at most half the descriptor limit for
//! clients, four threads reading files.

use std::io::{ErrorKind, Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use crate::common::{TestSite, eventually};
use crate::server::{DEADLINE, EventStream, Running, request};
#[cfg(target_os = "linux")]
use crate::survival::save_whole;

const PROJECT: &str = "content/504001/jiuye-baozhangjin.yaml";
const PROJECT_PAGE: &str = "/2023/504001/jiuye-baozhangjin/";
const NAME: &str = "残疾人就业保障金";

/// The server's header-read timeout (`HEADER_READ_TIMEOUT`).
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Opens `count` connections; every other one sends the start of a
/// request and never finishes it, the rest send nothing. Connections the
/// system refuses are left out.
fn idle_connections(addr: &str, count: usize) -> Vec<TcpStream> {
    let addr: SocketAddr = addr.parse().unwrap();
    (0..count)
        .filter_map(|i| {
            let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).ok()?;
            if i % 2 == 1 {
                stream
                    .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slo")
                    .ok()?;
            }
            Some(stream)
        })
        .collect()
}

/// True once the server has closed `stream`: end of file or a reset,
/// before `deadline`.
fn closed_by_server(stream: &mut TcpStream, deadline: Instant) -> bool {
    let mut buffer = [0u8; 1024];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return false;
        }
        stream.set_read_timeout(Some(left)).unwrap();
        match stream.read(&mut buffer) {
            Ok(0) => return true,
            // A 408 or another answer may come first; the close follows.
            Ok(_) => continue,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return false;
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => return true,
        }
    }
}

#[test]
fn idle_and_half_sent_connections_are_closed_and_pages_are_still_served() {
    const IDLE: usize = 320;
    let site = TestSite::example();
    let server = Running::serve(&site, &[]);
    // A live-reload stream is long-lived by design: it must outlive the
    // header timeout that closes the idle connections.
    let mut events = EventStream::open(&server.addr);
    let mut idle = idle_connections(&server.addr, IDLE);
    let opened = Instant::now();
    assert!(
        idle.len() >= 300,
        "only {} connections could be opened",
        idle.len()
    );
    // Served at once, while all of them are open.
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert!(
        opened.elapsed() < HEADER_READ_TIMEOUT / 2,
        "the page waited {:?}",
        opened.elapsed()
    );
    // Every one is closed by the server within the timeout (plus a margin
    // for a busy machine).
    let deadline = opened + HEADER_READ_TIMEOUT + Duration::from_secs(8);
    let still_open = idle
        .iter_mut()
        .map(|stream| closed_by_server(stream, deadline))
        .filter(|closed| !closed)
        .count();
    assert_eq!(
        still_open,
        0,
        "{still_open} of {IDLE} idle connections were still open after {:?}",
        opened.elapsed()
    );
    assert_eq!(server.get(PROJECT_PAGE).status, 200);
    // The event stream survived and still hears about saves.
    let pristine = site.read(PROJECT);
    site.write(PROJECT, pristine.replace(NAME, "改了名字"));
    assert!(
        events.wait_for("event: reload"),
        "the live-reload stream was cut: {:?}; output:\n{}",
        events.seen,
        server.output()
    );
}

#[cfg(target_os = "linux")]
fn open_descriptors(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd")).map_or(0, |dir| dir.count())
}

#[cfg(target_os = "linux")]
#[test]
fn a_save_is_rebuilt_and_served_while_clients_hold_every_descriptor_they_can() {
    const LIMIT: u64 = 256;
    let site = TestSite::example();
    let server = Running::serve_with_descriptor_limit(&site, LIMIT);
    let before = open_descriptors(server.pid());
    // More connections than the process may have descriptors.
    let held = idle_connections(&server.addr, 300);
    assert!(held.len() >= 250, "only {} connections opened", held.len());
    // The clients do hold many descriptors of the server.
    let mut busy = 0;
    assert!(
        eventually(DEADLINE, || {
            busy = open_descriptors(server.pid());
            busy >= before + 100
        }),
        "the server holds only {busy} descriptors (it started with {before})"
    );
    let pristine = site.read(PROJECT);
    save_whole(&site, PROJECT, &pristine.replace(NAME, "连接再多也能重建"));
    // The rebuild succeeds (old code: "cannot read the file: Too many open
    // files"), and its page is served while `held` stays open.
    let rebuilt = server.wait_for_line("jiuye-baozhangjin.yaml changed", DEADLINE);
    assert!(
        !rebuilt.contains("not rebuilt"),
        "{rebuilt}; output:\n{}",
        server.output()
    );
    let served = eventually(DEADLINE * 2, || {
        server.get(PROJECT_PAGE).text().contains("连接再多也能重建")
    });
    assert!(
        served,
        "the edit was not served; output:\n{}",
        server.output()
    );
    assert!(
        !server.output().contains("Too many open files"),
        "{}",
        server.output()
    );
    assert_eq!(server.status()["ok"], true);
    assert!(open_descriptors(server.pid()) < LIMIT as usize / 2 + 64);
    drop(held);
}

/// A field of `/proc/<pid>/status` in its unit (kB for sizes).
#[cfg(target_os = "linux")]
fn proc_status(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|value| value.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

#[cfg(target_os = "linux")]
#[test]
fn fifty_clients_grow_neither_threads_nor_memory() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
    const CLIENTS: usize = 50;
    const ROUNDS: usize = 6;
    // Never beside the browser audit or the other load test.
    let _alone = crate::audit::ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let site = TestSite::example();
    let server = Running::serve(&site, &[]);
    // A large download beside the pages, such as a scanned attachment.
    const BIG: usize = 8 * 1024 * 1024;
    let big: Vec<u8> = (0..BIG).map(|i| (i % 251) as u8).collect();
    std::fs::write(site.public().join("scan.bin"), &big).unwrap();
    assert_eq!(server.get("/scan.bin").body.len(), BIG);
    let pid = server.pid();
    let (threads_before, rss_before) = (proc_status(pid, "Threads"), proc_status(pid, "VmRSS"));
    let stop = Arc::new(AtomicBool::new(false));
    let peak_threads = Arc::new(AtomicU64::new(0));
    let peak_rss = Arc::new(AtomicU64::new(0));
    let sampler = {
        let (stop, peak_threads, peak_rss) = (
            Arc::clone(&stop),
            Arc::clone(&peak_threads),
            Arc::clone(&peak_rss),
        );
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                peak_threads.fetch_max(proc_status(pid, "Threads"), Ordering::Relaxed);
                peak_rss.fetch_max(proc_status(pid, "VmRSS"), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(10));
            }
        })
    };
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let addr = server.addr.clone();
            std::thread::spawn(move || {
                for round in 0..ROUNDS {
                    let path = if round % 2 == 0 { "/scan.bin" } else { "/" };
                    let response = request(&addr, "GET", path);
                    assert_eq!(response.status, 200, "{path}");
                    if path == "/scan.bin" {
                        assert_eq!(response.body.len(), BIG);
                    }
                }
            })
        })
        .collect();
    for client in clients {
        client.join().unwrap();
    }
    stop.store(true, Ordering::Relaxed);
    sampler.join().unwrap();
    let (threads, rss) = (
        peak_threads.load(Ordering::Relaxed),
        peak_rss.load(Ordering::Relaxed),
    );
    eprintln!(
        "50 clients: threads {threads_before} → peak {threads}, RSS {} → peak {} MiB",
        rss_before / 1024,
        rss / 1024
    );
    // The worker pool is fixed: four file readers at most join the threads
    // the first build left (watch, rayon, signals), however many clients.
    assert!(
        threads <= threads_before + 6 && threads < 64,
        "threads grew from {threads_before} to {threads}"
    );
    // Streamed downloads: 50 clients of an 8 MiB file cost nowhere near
    // 50 copies of it (old code: +400 MiB).
    assert!(
        rss < rss_before + 160 * 1024,
        "RSS grew from {} to {} MiB",
        rss_before / 1024,
        rss / 1024
    );
}

#[test]
fn malformed_percent_escapes_get_400() {
    let site = TestSite::example();
    let server = Running::serve(&site, &[]);
    for target in [
        "/%+2",
        "/%+2e%+2e/site.toml",
        "/%-1",
        "/%2",
        "/%",
        "/%zz/",
        "/2023/%2g/",
        "/index.html%",
        "/%%32%65",
    ] {
        let response = server.get(target);
        assert_eq!(response.status, 400, "{target}: {}", response.text());
    }
    // A well-formed escape still works.
    assert_eq!(
        server.get("/2023/%35%30%34001/jiuye-baozhangjin/").status,
        200
    );
}

#[test]
fn live_reload_streams_are_capped_and_the_extra_one_is_told_so() {
    // The default descriptor limit of a test run gives the full cap: 512
    // connections, 64 of them event streams.
    let site = TestSite::example();
    let server = Running::serve(&site, &[]);
    let mut streams: Vec<EventStream> = (0..64).map(|_| EventStream::open(&server.addr)).collect();
    for stream in &mut streams {
        assert!(stream.wait_for("200 OK"), "{:?}", stream.seen);
    }
    let refused = request(&server.addr, "GET", "/__gongkai/events");
    assert_eq!(refused.status, 503, "{}", refused.text());
    assert!(refused.text().contains("live-reload"), "{}", refused.text());
    // Pages are still served, and a closed stream gives its turn back.
    assert_eq!(server.get("/").status, 200);
    drop(streams.pop());
    let mut again = Vec::new();
    let reopened = eventually(DEADLINE, || {
        let mut stream = EventStream::open(&server.addr);
        let opened = stream.wait_for("HTTP/1.1 ") && stream.seen.contains("200 OK");
        again.push(stream);
        opened
    });
    assert!(reopened, "a closed stream kept its turn");
}

#[cfg(unix)]
#[test]
fn open_hands_the_url_to_the_browser_as_one_argument() {
    use std::os::unix::fs::PermissionsExt as _;
    let site = TestSite::example();
    let record = site.root().join("opened.txt");
    let browser = site.root().join("browser.sh");
    std::fs::write(
        &browser,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$@\" > '{}'\n",
            record.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    let server = Running::serve_with_env(
        &site,
        &["--open"],
        &[("BROWSER", browser.to_str().unwrap())],
    );
    assert!(
        eventually(DEADLINE, || record.exists()),
        "no browser was started; output:\n{}",
        server.output()
    );
    let mut opened = String::new();
    eventually(DEADLINE, || {
        opened = std::fs::read_to_string(&record).unwrap_or_default();
        opened.ends_with('\n')
    });
    assert_eq!(opened, format!("1\nhttp://{}/\n", server.addr));
}
