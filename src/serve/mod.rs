//! Preview server: `gongkai serve` = watch mode + HTTP with live reload.
//!
//! The server is a read-only window onto the output directory. Each request
//! path is resolved by [`resolve`], which decodes percent-escapes exactly
//! once, refuses `..`, `.`, empty segments, backslashes, NUL and drive
//! letters outright, then resolves symlinks and checks that the result is
//! still inside the output directory. Only GET and HEAD are answered. Every
//! response says `Cache-Control: no-store` and carries no CORS header; when
//! bound to a loopback address, requests naming another host are refused,
//! so a web page cannot reach the preview through DNS rebinding.
//!
//! Live reload: HTML responses get one `<script>` tag before `</body>`, at
//! serve time only. The script (`livereload.js`) listens to the Server-Sent
//! Events stream at [`EVENTS_PATH`]: `reload` after a rebuild that changed
//! the output, `failed` with the error report after a failed one (shown as
//! an overlay, as text, over the last good page, which stays served), and
//! `clear` after a good rebuild that changed nothing. [`STATUS_PATH`] gives
//! the same state as JSON, for tools and tests.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio::sync::broadcast;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::watch::{self, Event, Watch, WatchOptions};

/// The Server-Sent Events stream the live-reload script listens to.
pub const EVENTS_PATH: &str = "/__gongkai/events";
/// The live-reload script.
pub const SCRIPT_PATH: &str = "/__gongkai/livereload.js";
/// The last rebuild's outcome as JSON: `{"generation", "ok", "error"}`.
pub const STATUS_PATH: &str = "/__gongkai/status";

const SCRIPT: &str = include_str!("livereload.js");
const NOT_FOUND_STAND_IN: &str = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>404</title></head>\n<body><p>Not found. (No site has been built yet, or this page does not exist.)</p></body></html>\n";
const SNIPPET: &[u8] = b"<script src=\"/__gongkai/livereload.js\"></script>\n";

/// How many other ports to try when the requested one is taken, before
/// letting the system choose.
const PORT_ATTEMPTS: u16 = 10;

/// What `gongkai serve` needs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub watch: WatchOptions,
    /// 0 lets the system choose.
    pub port: u16,
    pub bind: IpAddr,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    /// Colour in terminal reports.
    pub color: bool,
}

/// Runs `gongkai serve` until Ctrl-C or SIGTERM, then returns, leaving the
/// output in place.
pub fn run(options: &ServeOptions) -> Result<()> {
    let listener = bind(options.bind, options.port)?;
    let local = listener
        .local_addr()
        .map_err(|e| Error::Serve(format!("cannot read the listening address: {e}")))?;
    let root = options.watch.build.root.clone();
    let (mut watch, first) = Watch::start(&options.watch)?;
    watch::print_event(&first, &root, options.color);
    let base_path = Config::load(&root).map_or_else(|_| "/".to_owned(), |c| c.base_path);
    let shared = Arc::new(Shared::new(
        watch.out_dir(),
        &base_path,
        options.bind.is_loopback(),
    ));
    shared.publish(&first, &root);
    watch::on_interrupt(watch.stopper())?;

    let url = format!("http://{}{}", local, base_path);
    eprintln!("serving at {url} (press Ctrl-C to stop)");
    if options.open {
        open_browser(&url);
    }

    let (stop_server, stopped) = tokio::sync::watch::channel(false);
    let color = options.color;
    let watcher = std::thread::spawn({
        let shared = Arc::clone(&shared);
        move || {
            for event in watch.by_ref() {
                watch::print_event(&event, &root, color);
                shared.publish(&event, &root);
            }
            shared.close();
            let _ = stop_server.send(true);
            watch.out_dir().to_path_buf()
        }
    });

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Serve(format!("cannot start the server runtime: {e}")))?;
    runtime.block_on(serve(listener, shared, stopped))?;
    let out_dir = watcher
        .join()
        .map_err(|_| Error::Serve("the watcher thread failed".to_owned()))?;
    eprintln!("stopped; the site stays in {}", out_dir.display());
    Ok(())
}

/// Serves until `stopped` turns true, then lets open requests finish for
/// a moment.
async fn serve(
    listener: TcpListener,
    shared: Arc<Shared>,
    stopped: tokio::sync::watch::Receiver<bool>,
) -> Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)
        .map_err(|e| Error::Serve(format!("cannot listen: {e}")))?;
    let app = Router::new().fallback(handle).with_state(shared);
    let graceful = {
        let mut stopped = stopped.clone();
        async move {
            let _ = stopped.wait_for(|s| *s).await;
        }
    };
    let server = axum::serve(listener, app).with_graceful_shutdown(graceful);
    let deadline = async move {
        let mut stopped = stopped;
        let _ = stopped.wait_for(|s| *s).await;
        tokio::time::sleep(Duration::from_secs(2)).await;
    };
    // The server ends once its connections are done; a browser that keeps
    // one open does not hold the exit up for more than the deadline.
    let server = std::pin::pin!(server.into_future());
    let deadline = std::pin::pin!(deadline);
    if let futures_util::future::Either::Left((Err(e), _)) =
        futures_util::future::select(server, deadline).await
    {
        return Err(Error::Serve(format!("the server stopped: {e}")));
    }
    Ok(())
}

/// Binds `addr:port`; when the port is taken, tries the next few, then
/// any free one.
pub fn bind(addr: IpAddr, port: u16) -> Result<TcpListener> {
    let attempt = |port: u16| TcpListener::bind(SocketAddr::new(addr, port));
    let first = match attempt(port) {
        Ok(listener) => return nonblocking(listener),
        Err(e) => e,
    };
    if port == 0 || first.kind() != std::io::ErrorKind::AddrInUse {
        return Err(Error::Bind {
            addr: SocketAddr::new(addr, port).to_string(),
            source: first,
        });
    }
    let others = (1..=PORT_ATTEMPTS)
        .filter_map(|i| port.checked_add(i))
        .chain([0]);
    for candidate in others {
        if let Ok(listener) = attempt(candidate) {
            eprintln!("port {port} is taken; using another one");
            return nonblocking(listener);
        }
    }
    Err(Error::Bind {
        addr: SocketAddr::new(addr, port).to_string(),
        source: first,
    })
}

fn nonblocking(listener: TcpListener) -> Result<TcpListener> {
    let addr = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    listener
        .set_nonblocking(true)
        .map_err(|source| Error::Bind { addr, source })?;
    Ok(listener)
}

/// Opens `url` in the default browser; failures are only reported.
fn open_browser(url: &str) {
    use std::process::{Command, Stdio};
    let mut command = if cfg!(target_os = "windows") {
        let mut c = Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        Command::new("open")
    } else {
        Command::new("xdg-open")
    };
    let spawned = command
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    if spawned.is_err() {
        eprintln!("could not open a browser; open {url} yourself");
    }
}

/// State shared by the request handlers and the watcher thread.
struct Shared {
    out_dir: RwLock<PathBuf>,
    /// The site's `base_path`, where the site is mounted (`/` or `/x/`).
    base_path: String,
    /// Refuse requests for hosts other than loopback names.
    loopback_only: bool,
    live: Mutex<Live>,
}

/// The live-reload state.
struct Live {
    /// Counts build outcomes; a tool can wait for it to move.
    generation: u64,
    /// The report of the last failed build, until a good one.
    error: Option<Arc<str>>,
    /// `None` once the server is shutting down, which ends every event
    /// stream.
    sender: Option<broadcast::Sender<Notice>>,
}

/// What the browsers are told.
#[derive(Debug, Clone)]
enum Notice {
    Reload(u64),
    Clear(u64),
    Failed(Arc<str>),
}

impl Shared {
    fn new(out_dir: &Path, base_path: &str, loopback_only: bool) -> Shared {
        let (sender, _) = broadcast::channel(16);
        Shared {
            out_dir: RwLock::new(out_dir.to_path_buf()),
            base_path: base_path.to_owned(),
            loopback_only,
            live: Mutex::new(Live {
                generation: 0,
                error: None,
                sender: Some(sender),
            }),
        }
    }

    fn out_dir(&self) -> PathBuf {
        self.out_dir
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn live(&self) -> std::sync::MutexGuard<'_, Live> {
        self.live.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Records a build outcome and tells the browsers.
    fn publish(&self, event: &Event, root: &Path) {
        if let Event::Built(report) = event {
            // The first good build fixes the output directory.
            let out_dir = std::path::absolute(&report.out_dir).unwrap_or(report.out_dir.clone());
            *self.out_dir.write().unwrap_or_else(PoisonError::into_inner) = out_dir;
        }
        let mut live = self.live();
        live.generation += 1;
        let notice = match event.error_report(root, false) {
            Some(report) => {
                let text: Arc<str> = format!("{report}\n{}", event.status_line()).into();
                live.error = Some(Arc::clone(&text));
                Notice::Failed(text)
            }
            None => {
                live.error = None;
                if event.changed_output() {
                    Notice::Reload(live.generation)
                } else {
                    Notice::Clear(live.generation)
                }
            }
        };
        if let Some(sender) = &live.sender {
            // No browser listening is fine.
            let _ = sender.send(notice);
        }
    }

    fn close(&self) {
        self.live().sender = None;
    }
}

/// The one handler: the live-reload endpoints, then files.
async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let mut response = if method != Method::GET && method != Method::HEAD {
        let mut r = plain(
            StatusCode::METHOD_NOT_ALLOWED,
            "only GET and HEAD are allowed\n",
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        r
    } else if shared.loopback_only && !is_loopback_host(&headers) {
        plain(
            StatusCode::FORBIDDEN,
            "this preview answers only to localhost\n",
        )
    } else {
        match uri.path() {
            EVENTS_PATH => events(&shared).into_response(),
            SCRIPT_PATH => with_type(SCRIPT.as_bytes().to_vec(), "text/javascript; charset=utf-8"),
            STATUS_PATH => status(&shared),
            path => file(&shared, path, uri.query()).await,
        }
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// The SSE stream: the current error first, if any, then every notice
/// until the server stops.
fn events(
    shared: &Shared,
) -> Sse<impl futures_util::Stream<Item = Result<SseEvent, Infallible>> + use<>> {
    let (first, receiver) = {
        let live = shared.live();
        (
            live.error.clone().map(Notice::Failed),
            live.sender.as_ref().map(|s| s.subscribe()),
        )
    };
    let stream =
        futures_util::stream::unfold((first, receiver), |(pending, mut receiver)| async move {
            if let Some(notice) = pending {
                return Some((Ok(sse_event(notice)), (None, receiver)));
            }
            let notice = match receiver.as_mut()?.recv().await {
                Ok(notice) => notice,
                // Missed notices: a reload covers them all.
                Err(broadcast::error::RecvError::Lagged(_)) => Notice::Reload(0),
                Err(broadcast::error::RecvError::Closed) => return None,
            };
            Some((Ok(sse_event(notice)), (None, receiver)))
        });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

fn sse_event(notice: Notice) -> SseEvent {
    match notice {
        Notice::Reload(generation) => SseEvent::default()
            .event("reload")
            .data(generation.to_string()),
        Notice::Clear(generation) => SseEvent::default()
            .event("clear")
            .data(generation.to_string()),
        Notice::Failed(text) => SseEvent::default().event("failed").data(&*text),
    }
}

fn status(shared: &Shared) -> Response {
    let live = shared.live();
    let body = serde_json::json!({
        "generation": live.generation,
        "ok": live.error.is_none(),
        "error": live.error.as_deref(),
    });
    with_type(body.to_string().into_bytes(), "application/json")
}

/// A file from the output directory, a redirect, or the site's 404 page.
async fn file(shared: &Shared, path: &str, query: Option<&str>) -> Response {
    let out_dir = shared.out_dir();
    let base_path = shared.base_path.clone();
    let path = path.to_owned();
    let query = query.map(str::to_owned);
    let reply =
        tokio::task::spawn_blocking(move || load(&out_dir, &base_path, &path, query.as_deref()))
            .await
            .unwrap_or(Reply::Status(StatusCode::INTERNAL_SERVER_ERROR));
    match reply {
        Reply::File {
            bytes,
            content_type,
        } => with_type(bytes, content_type),
        Reply::Redirect(location) => match HeaderValue::try_from(location) {
            Ok(location) => {
                let mut r = plain(StatusCode::MOVED_PERMANENTLY, "moved\n");
                r.headers_mut().insert(header::LOCATION, location);
                r
            }
            Err(_) => plain(StatusCode::BAD_REQUEST, "bad request\n"),
        },
        Reply::NotFound(page) => {
            let mut r = with_type(page, "text/html; charset=utf-8");
            *r.status_mut() = StatusCode::NOT_FOUND;
            r
        }
        Reply::Status(code) => plain(code, code.canonical_reason().unwrap_or("error")),
    }
}

fn plain(status: StatusCode, text: &str) -> Response {
    let mut r = with_type(text.as_bytes().to_vec(), "text/plain; charset=utf-8");
    *r.status_mut() = status;
    r
}

fn with_type(bytes: Vec<u8>, content_type: &'static str) -> Response {
    let mut r = Response::new(Body::from(bytes));
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

/// What a file request comes to.
#[derive(Debug, PartialEq, Eq)]
enum Reply {
    File {
        bytes: Vec<u8>,
        content_type: &'static str,
    },
    Redirect(String),
    /// The site's 404 page (or a stand-in), as HTML.
    NotFound(Vec<u8>),
    Status(StatusCode),
}

/// Reads what `path` names; HTML gets the live-reload snippet.
fn load(out_dir: &Path, base_path: &str, path: &str, query: Option<&str>) -> Reply {
    // Before the first good build there is no 404 page yet; a stand-in
    // still carries the live-reload script, so the browser shows the
    // errors and reloads once the site exists.
    let not_found = || {
        let page = read_inside(out_dir, Path::new("404.html"))
            .unwrap_or_else(|| NOT_FOUND_STAND_IN.as_bytes().to_vec());
        Reply::NotFound(inject(&page))
    };
    match resolve(out_dir, base_path, path) {
        Resolved::File(file) => match std::fs::read(&file) {
            Ok(bytes) => {
                let content_type = content_type(&file);
                let bytes = if content_type.starts_with("text/html") {
                    inject(&bytes)
                } else {
                    bytes
                };
                Reply::File {
                    bytes,
                    content_type,
                }
            }
            Err(_) => not_found(),
        },
        Resolved::Redirect(mut location) => {
            if let Some(query) = query {
                location.push('?');
                location.push_str(query);
            }
            Reply::Redirect(location)
        }
        Resolved::NotFound => not_found(),
        Resolved::BadPath => Reply::Status(StatusCode::BAD_REQUEST),
    }
}

/// Where a request path leads inside the output directory.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// An existing file, symlinks resolved, inside the output directory.
    File(PathBuf),
    /// A folder asked for without its final `/`, or the root outside the
    /// base path: the URL to go to instead.
    Redirect(String),
    NotFound,
    /// A path that tries to leave the output directory, or is malformed.
    BadPath,
}

/// Maps a raw (still percent-encoded) URL path to a file in `out_dir`.
///
/// The path is decoded exactly once; the decoded text must not contain
/// NUL, `\`, a `:` (drive letters, streams), or any `.`, `..` or empty
/// segment, so no encoding of `..` gets through. The file found must,
/// after resolving symlinks, still lie inside `out_dir`.
pub fn resolve(out_dir: &Path, base_path: &str, raw: &str) -> Resolved {
    let base = base_path.trim_end_matches('/');
    let Some(rest) = raw.strip_prefix(base).filter(|r| r.starts_with('/')) else {
        return if raw == base || raw == "/" {
            Resolved::Redirect(format!("{base}/"))
        } else {
            Resolved::NotFound
        };
    };
    let Some(decoded) = percent_decode(rest) else {
        return Resolved::BadPath;
    };
    if decoded.contains(['\0', '\\', ':']) {
        return Resolved::BadPath;
    }
    // `rest` starts with `/`, so the first segment is empty; a final empty
    // segment stands for a trailing slash.
    let segments: Vec<&str> = decoded.split('/').skip(1).collect();
    let (last, inner) = segments.split_last().unwrap_or((&"", &[]));
    if inner.iter().any(|s| s.is_empty()) || segments.iter().any(|s| *s == "." || *s == "..") {
        return Resolved::BadPath;
    }
    let mut relative: PathBuf = inner.iter().collect();
    if !last.is_empty() {
        relative.push(last);
    }
    let Some(found) = inside(out_dir, &relative) else {
        return Resolved::NotFound;
    };
    if found.is_dir() {
        if !last.is_empty() {
            return Resolved::Redirect(format!("{raw}/"));
        }
        return match inside(out_dir, &relative.join("index.html")) {
            Some(index) if index.is_file() => Resolved::File(index),
            _ => Resolved::NotFound,
        };
    }
    if found.is_file() && last.is_empty() {
        // `/file.html/` is not a folder.
        return Resolved::NotFound;
    }
    if found.is_file() {
        Resolved::File(found)
    } else {
        Resolved::NotFound
    }
}

/// `out_dir/relative` with symlinks resolved, if it exists and stays inside
/// `out_dir`.
fn inside(out_dir: &Path, relative: &Path) -> Option<PathBuf> {
    let root = std::fs::canonicalize(out_dir).ok()?;
    let found = std::fs::canonicalize(root.join(relative)).ok()?;
    found.starts_with(&root).then_some(found)
}

fn read_inside(out_dir: &Path, relative: &Path) -> Option<Vec<u8>> {
    std::fs::read(inside(out_dir, relative)?).ok()
}

/// Decodes `%XX` escapes once. `None` for a bad escape or a result that is
/// not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Puts the live-reload script tag before the last `</body>` (or at the
/// end when there is none).
fn inject(html: &[u8]) -> Vec<u8> {
    const CLOSE: &[u8] = b"</body>";
    let at = html
        .windows(CLOSE.len())
        .rposition(|w| w.eq_ignore_ascii_case(CLOSE))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + SNIPPET.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(SNIPPET);
    out.extend_from_slice(&html[at..]);
    out
}

/// The `Content-Type` for a file, by extension.
fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xls" => "application/vnd.ms-excel",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// True when the `Host` header (if any) names this machine's loopback.
fn is_loopback_host(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST) else {
        return true;
    };
    let Ok(host) = host.to_str() else {
        return false;
    };
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    let name = name.to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join("2023/504001/a")).unwrap();
        std::fs::write(out.join("index.html"), "<html><body>home</body></html>").unwrap();
        std::fs::write(out.join("2023/504001/a/index.html"), "<body>a</BODY>").unwrap();
        std::fs::write(out.join("404.html"), "<body>404</body>").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        dir
    }

    #[test]
    fn resolves_inside_only() {
        let dir = site();
        let out = dir.path().join("public");
        let root = std::fs::canonicalize(&out).unwrap();
        let r = |p: &str| resolve(&out, "/", p);
        assert_eq!(r("/"), Resolved::File(root.join("index.html")));
        assert_eq!(r("/index.html"), Resolved::File(root.join("index.html")));
        assert_eq!(
            r("/2023/504001/a/"),
            Resolved::File(root.join("2023/504001/a/index.html"))
        );
        assert_eq!(
            r("/2023/504001/a"),
            Resolved::Redirect("/2023/504001/a/".into())
        );
        assert_eq!(
            r("/2023/%35%30%34001/a/"),
            Resolved::File(root.join("2023/504001/a/index.html"))
        );
        assert_eq!(r("/missing"), Resolved::NotFound);
        assert_eq!(r("/index.html/"), Resolved::NotFound);
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/..%2fsecret.txt",
            "/%2e%2e%2fsecret.txt",
            "/.%2e/secret.txt",
            "/..%5csecret.txt",
            "/..\\secret.txt",
            "//etc/passwd",
            "/2023//a/",
            "/./index.html",
            "/C:/Windows/win.ini",
            "/index.html%00",
            "/%zz",
            "/%ff",
        ] {
            assert_eq!(r(bad), Resolved::BadPath, "{bad}");
        }
        // Decoded once only: %252e%252e is the literal name "%2e%2e".
        assert_eq!(r("/%252e%252e/secret.txt"), Resolved::NotFound);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_output_are_not_followed() {
        let dir = site();
        let out = dir.path().join("public");
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), out.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), out.join("up")).unwrap();
        assert_eq!(resolve(&out, "/", "/link.txt"), Resolved::NotFound);
        assert_eq!(resolve(&out, "/", "/up/secret.txt"), Resolved::NotFound);
    }

    #[test]
    fn base_path_mounts_the_site() {
        let dir = site();
        let out = dir.path().join("public");
        let root = std::fs::canonicalize(&out).unwrap();
        let r = |p: &str| resolve(&out, "/budget/", p);
        assert_eq!(r("/"), Resolved::Redirect("/budget/".into()));
        assert_eq!(r("/budget"), Resolved::Redirect("/budget/".into()));
        assert_eq!(r("/budget/"), Resolved::File(root.join("index.html")));
        assert_eq!(r("/budgetx/"), Resolved::NotFound);
        assert_eq!(r("/index.html"), Resolved::NotFound);
    }

    #[test]
    fn replies() {
        let dir = site();
        let out = dir.path().join("public");
        let Reply::File {
            bytes,
            content_type,
        } = load(&out, "/", "/2023/504001/a/", None)
        else {
            panic!()
        };
        assert_eq!(content_type, "text/html; charset=utf-8");
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "<body>a<script src=\"/__gongkai/livereload.js\"></script>\n</BODY>"
        );
        assert_eq!(
            load(&out, "/", "/2023/504001/a", Some("x=1")),
            Reply::Redirect("/2023/504001/a/?x=1".into())
        );
        let Reply::NotFound(page) = load(&out, "/", "/nope/", None) else {
            panic!()
        };
        assert!(String::from_utf8(page).unwrap().contains("livereload.js"));
        assert_eq!(
            load(&out, "/", "/../secret.txt", None),
            Reply::Status(StatusCode::BAD_REQUEST)
        );
    }

    #[test]
    fn injects_before_the_last_body_end() {
        assert_eq!(
            inject(b"<p>x"),
            b"<p>x<script src=\"/__gongkai/livereload.js\"></script>\n"
        );
        let html = inject(b"<pre></body></pre></body>");
        assert!(html.ends_with(b"</script>\n</body>"));
    }

    #[test]
    fn content_types() {
        assert_eq!(
            content_type(Path::new("a/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("static/style.css")),
            "text/css; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("x.SVG")), "image/svg+xml");
        assert_eq!(
            content_type(Path::new("data.csv")),
            "text/csv; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("noext")), "application/octet-stream");
    }

    #[test]
    fn loopback_hosts() {
        let host = |h: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::HOST, HeaderValue::from_str(h).unwrap());
            is_loopback_host(&headers)
        };
        assert!(host("127.0.0.1:1111"));
        assert!(host("localhost:1111"));
        assert!(host("[::1]:1111"));
        assert!(host("localhost"));
        assert!(!host("evil.example:1111"));
        assert!(!host("192.168.1.2"));
        assert!(is_loopback_host(&HeaderMap::new()));
    }
}
