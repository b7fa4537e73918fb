//! Files of the output directory, as the preview server hands them out.
//!
//! This module owns the one safe way from a request path to a file:
//! [`resolve`] decodes percent-escapes exactly once, refuses `..`, `.`,
//! empty segments, backslashes, NUL and drive letters outright, then
//! resolves symlinks and checks that the result is still inside the output
//! directory. HTML gets the live-reload script tag, at serve time only.
//! Large files are streamed in pieces ([`chunks`]), read on the blocking
//! pool, rather than held whole in memory once per client.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use axum::body::Bytes;
use axum::http::StatusCode;
use tokio::sync::OwnedSemaphorePermit;

use super::limits::{STREAM_ABOVE, STREAM_CHUNK};

/// The 404 page served when the site has none (nothing built yet), in the
/// messages' language; the text comes from the catalogue and has no markup.
fn not_found_stand_in() -> Vec<u8> {
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>404</title></head>\n<body><p>{}</p></body></html>\n",
        crate::t!("serve-not-found")
    )
    .into_bytes()
}
const SNIPPET: &[u8] = b"<script src=\"/__gongkai/livereload.js\"></script>\n";

/// What a file request comes to.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Reply {
    File {
        bytes: Vec<u8>,
        content_type: &'static str,
    },
    /// A file of [`STREAM_ABOVE`] bytes or more, not HTML: to be opened
    /// and streamed.
    Large {
        path: PathBuf,
        content_type: &'static str,
    },
    Redirect(String),
    /// The site's 404 page (or a stand-in), as HTML.
    NotFound(Vec<u8>),
    Status(StatusCode),
}

/// Reads what `path` names; HTML gets the live-reload snippet when `live`.
pub(super) fn load(
    out_dir: &Path,
    base_path: &str,
    path: &str,
    query: Option<&str>,
    live: bool,
) -> Reply {
    // Before the first good build there is no 404 page yet; a stand-in
    // still carries the live-reload script, so the browser shows the
    // errors and reloads once the site exists.
    let not_found = || {
        let page = read_inside(out_dir, Path::new("404.html")).unwrap_or_else(not_found_stand_in);
        Reply::NotFound(inject(&page))
    };
    match resolve(out_dir, base_path, path) {
        Resolved::File(file) => {
            let content_type = content_type(&file);
            let html = content_type.starts_with("text/html");
            let size = std::fs::metadata(&file).map_or(0, |m| m.len());
            if !html && size >= STREAM_ABOVE {
                return Reply::Large {
                    path: file,
                    content_type,
                };
            }
            match std::fs::read(&file) {
                Ok(bytes) => Reply::File {
                    bytes: if html && live { inject(&bytes) } else { bytes },
                    content_type,
                },
                Err(_) => not_found(),
            }
        }
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
pub(crate) enum Resolved {
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
pub(crate) fn resolve(out_dir: &Path, base_path: &str, raw: &str) -> Resolved {
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

/// Decodes `%XX` escapes once. `None` for a malformed escape (`%` not
/// followed by two hex digits: the crate would pass it through as text) or
/// a result that is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let well_formed = bytes.iter().enumerate().all(|(at, byte)| {
        *byte != b'%'
            || bytes
                .get(at + 1..at + 3)
                .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
    });
    if !well_formed {
        return None;
    }
    percent_encoding::percent_decode(bytes)
        .decode_utf8()
        .ok()
        .map(std::borrow::Cow::into_owned)
}

/// Opens a file to stream, with its length. Runs on the blocking pool.
pub(super) fn open(path: &Path) -> Option<(std::fs::File, u64)> {
    let file = std::fs::File::open(path).ok()?;
    let length = file.metadata().ok()?.len();
    Some((file, length))
}

/// The file's bytes in [`STREAM_CHUNK`] pieces, each read on the blocking
/// pool; the `turn` is given back when the stream ends or is dropped.
pub(super) fn chunks(
    file: std::fs::File,
    turn: OwnedSemaphorePermit,
) -> impl futures_util::Stream<Item = std::io::Result<Bytes>> {
    futures_util::stream::unfold(Some((file, turn)), |state| async move {
        let (mut file, turn) = state?;
        let read = tokio::task::spawn_blocking(move || {
            let mut piece = vec![0; STREAM_CHUNK];
            let read = file.read(&mut piece);
            (file, piece, read)
        })
        .await;
        match read {
            Ok((_, _, Ok(0))) => None,
            Ok((file, mut piece, Ok(n))) => {
                piece.truncate(n);
                Some((Ok(Bytes::from(piece)), Some((file, turn))))
            }
            Ok((_, _, Err(e))) => Some((Err(e), None)),
            Err(e) => Some((Err(std::io::Error::other(e)), None)),
        }
    })
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
            // Malformed escapes: a sign, one digit, a bare `%` (the old
            // hand decoder read `%+2` as byte 2).
            "/%+2",
            "/%-1",
            "/%2",
            "/%",
            "/a%2g",
            "/%%32%65",
            "/%2%65",
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
        } = load(&out, "/", "/2023/504001/a/", None, true)
        else {
            panic!()
        };
        assert_eq!(content_type, "text/html; charset=utf-8");
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "<body>a<script src=\"/__gongkai/livereload.js\"></script>\n</BODY>"
        );
        assert_eq!(
            load(&out, "/", "/2023/504001/a", Some("x=1"), true),
            Reply::Redirect("/2023/504001/a/?x=1".into())
        );
        let Reply::NotFound(page) = load(&out, "/", "/nope/", None, true) else {
            panic!()
        };
        assert!(String::from_utf8(page).unwrap().contains("livereload.js"));
        assert_eq!(
            load(&out, "/", "/../secret.txt", None, true),
            Reply::Status(StatusCode::BAD_REQUEST)
        );
    }

    #[test]
    fn large_files_are_streamed_but_html_is_read_whole() {
        let dir = site();
        let out = dir.path().join("public");
        let root = std::fs::canonicalize(&out).unwrap();
        let large = usize::try_from(STREAM_ABOVE).unwrap();
        std::fs::write(out.join("scan.pdf"), vec![b'x'; large]).unwrap();
        std::fs::write(out.join("small.pdf"), vec![b'x'; large - 1]).unwrap();
        let mut page = b"<body>".to_vec();
        page.resize(large + 10, b'x');
        std::fs::write(out.join("long.html"), page).unwrap();
        assert_eq!(
            load(&out, "/", "/scan.pdf", None, true),
            Reply::Large {
                path: root.join("scan.pdf"),
                content_type: "application/pdf"
            }
        );
        assert!(matches!(
            load(&out, "/", "/small.pdf", None, true),
            Reply::File { .. }
        ));
        let Reply::File { bytes, .. } = load(&out, "/", "/long.html", None, true) else {
            panic!("a large page must be read whole, to get the script tag")
        };
        assert!(bytes.ends_with(SNIPPET));
    }

    #[test]
    fn chunks_give_the_whole_file_back_and_then_the_turn() {
        let dir = site();
        let path = dir.path().join("data.bin");
        let data: Vec<u8> = (0..STREAM_CHUNK * 2 + 7).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &data).unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(async {
            use futures_util::StreamExt as _;
            let turns = std::sync::Arc::new(tokio::sync::Semaphore::new(1));
            let turn = std::sync::Arc::clone(&turns).try_acquire_owned().unwrap();
            let (file, length) = open(&path).unwrap();
            assert_eq!(length, data.len() as u64);
            let pieces: Vec<_> = chunks(file, turn).collect().await;
            let joined: Vec<u8> = pieces
                .into_iter()
                .flat_map(|piece| piece.unwrap().to_vec())
                .collect();
            assert_eq!(joined, data);
            assert_eq!(turns.available_permits(), 1);
        });
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
}
