//! Preview server, library side: an axum [`Router`] over the output
//! directory, with live reload. The `serve` command (in the binary) binds
//! it, runs the [watch](crate::watch) and feeds each event to
//! [`Preview::publish`]; this module prints nothing.
//!
//! The server is a read-only window onto the output directory. Each request
//! path is resolved by `resolve` (in `files.rs`), which decodes percent-escapes exactly
//! once, refuses `..`, `.`, empty segments, backslashes, NUL and drive
//! letters outright, then resolves symlinks and checks that the result is
//! still inside the output directory. Only GET and HEAD are answered. Every
//! response says `Cache-Control: no-store` and carries no CORS header; when
//! bound to a loopback address, requests naming another host are refused,
//! so a web page cannot reach the preview through DNS rebinding.
//!
//! Live reload: HTML responses get one `<script>` tag before `</body>`, at
//! serve time only. The script (`livereload.js`) listens to the Server-Sent
//! Events stream at `EVENTS_PATH`: `reload` after a rebuild that changed
//! the output, `failed` with the error report after a failed one (shown as
//! an overlay, as text, over the last good page, which stays served), and
//! `clear` after a good rebuild that changed nothing. `reviews` carries the
//! site's open `# 待核对` flags as JSON (file:line:column and reason of the
//! first [`PendingReviews::SHOWN`], and their number) whenever the list
//! changes; the overlay lists them in a section of their own, below any
//! error, and as a panel at the bottom of the page when there is none.
//! `STATUS_PATH` gives the same state as JSON, for tools and tests.
//!
//! Limits (issue 23): `listen.rs` accepts connections itself, with a
//! header-read timeout that also closes idle keep-alive connections, a
//! timeout for clients that stop reading, and a cap on connections kept
//! well below the descriptor limit so that rebuilds always find
//! descriptors; `limits.rs` holds the figures. Event streams are long-lived
//! by design and have a cap of their own ([`Limits::event_streams`]).

use std::convert::Infallible;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, broadcast};

use crate::check::PendingReviews;
use crate::error::Result;
use crate::watch::Event;

mod files;
mod limits;
mod listen;

use files::{Reply, load};
pub use limits::Limits;
pub use listen::{bind, runtime, serve};

/// The Server-Sent Events stream the live-reload script listens to.
pub(crate) const EVENTS_PATH: &str = "/__gongkai/events";
/// The live-reload script.
pub(crate) const SCRIPT_PATH: &str = "/__gongkai/livereload.js";
/// The last rebuild's outcome as JSON: `{"generation", "ok", "error",
/// "reviews"}`.
pub(crate) const STATUS_PATH: &str = "/__gongkai/status";

const SCRIPT: &str = include_str!("livereload.js");

/// The live-reload script with the overlay's words in the language of the
/// run, as JSON strings (which are JavaScript string literals).
fn script() -> String {
    let literal = |text: String| serde_json::to_string(&text).unwrap_or_else(|_| "\"\"".to_owned());
    SCRIPT
        .replace(
            "__GONGKAI_OVERLAY_TITLE__",
            &literal(crate::t!("overlay-title")),
        )
        .replace(
            "__GONGKAI_CLOSE_LABEL__",
            &literal(crate::t!("overlay-close")),
        )
}

/// What [`Preview`] shares.
struct Shared {
    out_dir: RwLock<PathBuf>,
    /// The site's `base_path`, where the site is mounted (`/` or `/x/`).
    base_path: String,
    /// Refuse requests for hosts other than loopback names.
    loopback_only: bool,
    live: Mutex<Live>,
    /// Turns for the live-reload event streams, [`Limits::event_streams`]
    /// in all: they last as long as their tab, so they may not take every
    /// connection.
    streams: Arc<Semaphore>,
    /// Turns for the files streamed rather than read whole.
    downloads: Arc<Semaphore>,
}

/// The live-reload state.
struct Live {
    /// Counts build outcomes; a tool can wait for it to move.
    generation: u64,
    /// The report of the last failed build, until a good one.
    error: Option<Arc<str>>,
    /// The open review flags of the last good build, as sent to browsers.
    reviews: serde_json::Value,
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
    /// The review list changed; the JSON text of [`reviews_json`].
    Reviews(Arc<str>),
}

/// The preview's state, shared by the request handlers and the thread
/// that runs the watch. Cloning gives another handle to the same state.
#[derive(Clone)]
pub struct Preview(Arc<Shared>);

impl Preview {
    /// A preview of `out_dir` mounted at `base_path`; `loopback_only`
    /// refuses requests naming another host than this machine. `limits`
    /// caps the event streams (the connections are capped by [`serve`]).
    pub fn new(out_dir: &Path, base_path: &str, loopback_only: bool, limits: &Limits) -> Preview {
        Preview(Arc::new(Shared::new(
            out_dir,
            base_path,
            loopback_only,
            limits,
        )))
    }

    /// Records a build outcome and tells the browsers.
    pub fn publish(&self, event: &Event, root: &Path) {
        self.0.publish(event, root);
    }

    /// Ends every event stream, so the server can shut down.
    pub fn close(&self) {
        self.0.close();
    }

    /// The router answering every request.
    pub fn router(&self) -> Router {
        Router::new()
            .fallback(handle)
            .with_state(Arc::clone(&self.0))
    }
}

impl Shared {
    fn new(out_dir: &Path, base_path: &str, loopback_only: bool, limits: &Limits) -> Shared {
        let (sender, _) = broadcast::channel(16);
        Shared {
            out_dir: RwLock::new(out_dir.to_path_buf()),
            base_path: base_path.to_owned(),
            loopback_only,
            live: Mutex::new(Live {
                generation: 0,
                error: None,
                reviews: reviews_json(&PendingReviews::default()),
                sender: Some(sender),
            }),
            streams: Arc::new(Semaphore::new(limits.event_streams)),
            downloads: Arc::new(Semaphore::new(limits::STREAMED_FILES)),
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
        let mut notices = Vec::new();
        if let Some(reviews) = event.reviews().map(reviews_json)
            && reviews != live.reviews
        {
            notices.push(Notice::Reviews(reviews.to_string().into()));
            live.reviews = reviews;
        }
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
        notices.push(notice);
        if let Some(sender) = &live.sender {
            for notice in notices {
                // No browser listening is fine.
                let _ = sender.send(notice);
            }
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
            &format!("{}\n", crate::t!("serve-method-not-allowed")),
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        r
    } else if shared.loopback_only && !is_loopback_host(&headers) {
        plain(
            StatusCode::FORBIDDEN,
            &format!("{}\n", crate::t!("serve-loopback-only")),
        )
    } else {
        match uri.path() {
            EVENTS_PATH => match Arc::clone(&shared.streams).try_acquire_owned() {
                Ok(turn) => events(&shared, turn).into_response(),
                // EventSource does not retry after a 503, so the extra tab
                // stays quiet instead of hammering the server.
                Err(_) => plain(
                    StatusCode::SERVICE_UNAVAILABLE,
                    &format!("{}\n", crate::t!("serve-too-many-streams")),
                ),
            },
            SCRIPT_PATH => with_type(script().into_bytes(), "text/javascript; charset=utf-8"),
            STATUS_PATH => status(&shared),
            path => {
                // `Cache-Control: no-transform` asks for the bytes as
                // built, without the live-reload snippet: `gongkai verify`
                // sends it, so the preview verifies like the real host.
                let as_built = headers
                    .get_all(header::CACHE_CONTROL)
                    .iter()
                    .filter_map(|v| v.to_str().ok())
                    .any(|v| v.to_ascii_lowercase().contains("no-transform"));
                file(&shared, path, uri.query(), !as_built).await
            }
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

/// The SSE stream: the current error and review flags first, if any,
/// then every notice until the server stops. It holds its `turn` for as
/// long as it is open.
fn events(
    shared: &Shared,
    turn: OwnedSemaphorePermit,
) -> Sse<impl futures_util::Stream<Item = Result<SseEvent, Infallible>> + use<>> {
    let (first, receiver) = {
        let live = shared.live();
        let mut first = std::collections::VecDeque::new();
        first.extend(live.error.clone().map(Notice::Failed));
        if live.reviews["total"].as_u64().unwrap_or(0) > 0 {
            first.push_back(Notice::Reviews(live.reviews.to_string().into()));
        }
        (first, live.sender.as_ref().map(|s| s.subscribe()))
    };
    let stream = futures_util::stream::unfold(
        (first, receiver, turn),
        |(mut first, mut receiver, turn)| async move {
            if let Some(notice) = first.pop_front() {
                return Some((Ok(sse_event(notice)), (first, receiver, turn)));
            }
            let notice = match receiver.as_mut()?.recv().await {
                Ok(notice) => notice,
                // Missed notices: a reload covers them all.
                Err(broadcast::error::RecvError::Lagged(_)) => Notice::Reload(0),
                Err(broadcast::error::RecvError::Closed) => return None,
            };
            Some((Ok(sse_event(notice)), (first, receiver, turn)))
        },
    );
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
        Notice::Reviews(json) => SseEvent::default().event("reviews").data(&*json),
    }
}

/// The review list the overlay shows: its heading and help in the run's
/// language, and each flag's `file:line:column` and reason. Plain data:
/// the script sets every string as text, never as HTML.
fn reviews_json(reviews: &PendingReviews) -> serde_json::Value {
    if reviews.total == 0 {
        return serde_json::json!({ "total": 0, "items": [] });
    }
    let items: Vec<serde_json::Value> = reviews
        .first
        .iter()
        .map(|r| {
            let file = r.file.to_string_lossy().replace('\\', "/");
            let (line, column) = (r.location.line, r.location.column);
            serde_json::json!({
                "place": format!("{file}:{line}:{column}"),
                "file": file,
                "line": line,
                "column": column,
                "reason": r.reason,
            })
        })
        .collect();
    let hidden = reviews.total - reviews.first.len().min(reviews.total);
    serde_json::json!({
        "total": reviews.total,
        "title": crate::t!("overlay-reviews-title", count = reviews.total),
        "help": crate::t!("overlay-reviews-help"),
        "more": (hidden > 0).then(|| crate::t!("overlay-reviews-more", count = hidden)),
        "items": items,
    })
}

fn status(shared: &Shared) -> Response {
    let live = shared.live();
    let body = serde_json::json!({
        "generation": live.generation,
        "ok": live.error.is_none(),
        "error": live.error.as_deref(),
        "reviews": live.reviews,
    });
    with_type(body.to_string().into_bytes(), "application/json")
}

/// A file from the output directory, a redirect, or the site's 404 page.
async fn file(shared: &Shared, path: &str, query: Option<&str>, live: bool) -> Response {
    let out_dir = shared.out_dir();
    let base_path = shared.base_path.clone();
    let path = path.to_owned();
    let query = query.map(str::to_owned);
    let reply = tokio::task::spawn_blocking(move || {
        load(&out_dir, &base_path, &path, query.as_deref(), live)
    })
    .await
    .unwrap_or(Reply::Status(StatusCode::INTERNAL_SERVER_ERROR));
    match reply {
        Reply::File {
            bytes,
            content_type,
        } => with_type(bytes, content_type),
        Reply::Large { path, content_type } => {
            // Waits for a turn: at most STREAMED_FILES are open at once.
            let Ok(turn) = Arc::clone(&shared.downloads).acquire_owned().await else {
                return plain(StatusCode::SERVICE_UNAVAILABLE, "unavailable\n");
            };
            match tokio::task::spawn_blocking(move || files::open(&path)).await {
                Ok(Some((file, length))) => {
                    let mut r = Response::new(Body::from_stream(files::chunks(file, turn)));
                    r.headers_mut()
                        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
                    r.headers_mut()
                        .insert(header::CONTENT_LENGTH, HeaderValue::from(length));
                    r
                }
                _ => plain(StatusCode::NOT_FOUND, "not found\n"),
            }
        }
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
