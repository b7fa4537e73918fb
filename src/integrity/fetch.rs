//! Reading a site to verify: an output folder on disk, or a published
//! site over HTTP(S).
//!
//! Both answer one question, "the bytes at this path, or none": the
//! verifier does not care where they come from. A path comes from the
//! lists being checked, so it is accepted only as an [`OutputPath`] (no
//! `..`, no root), and is percent-encoded segment by segment into the URL.
//! Downloads are capped in size and time: a hostile or broken server can
//! make a verification fail, never hang or fill memory.

use std::path::{Path, PathBuf};
use std::time::Duration;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use crate::error::{Error, Result};
use crate::layout::OutputPath;

/// The largest file fetched (a year's workbook at 10,000 projects is
/// tens of megabytes).
pub const MAX_FILE: u64 = 1 << 30;
/// How long one file may take, connection to last byte.
const TIMEOUT: Duration = Duration::from_secs(120);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);

/// What must be escaped in one path segment of a URL (RFC 3986 pchar).
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Where the site to verify is.
pub enum Site {
    /// An output folder.
    Dir(PathBuf),
    /// A published site: its base URL, ending in `/`, and the client.
    Url(String, Box<ureq::Agent>),
}

impl Site {
    /// `target` as a URL when it starts with `http://` or `https://`, else
    /// as a folder.
    pub fn open(target: &str) -> Site {
        let lower = target.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            let mut base = target.to_owned();
            if !base.ends_with('/') {
                base.push('/');
            }
            Site::Url(base, Box::new(agent()))
        } else {
            Site::Dir(PathBuf::from(target))
        }
    }

    /// What to call the site in messages.
    pub fn name(&self) -> String {
        match self {
            Site::Dir(dir) => dir.display().to_string(),
            Site::Url(base, _) => base.clone(),
        }
    }

    /// The bytes of the file at `path`, or `None` when there is none.
    pub fn get(&self, path: &OutputPath) -> Result<Option<Vec<u8>>> {
        match self {
            Site::Dir(dir) => read_file(&path.under(dir)),
            Site::Url(base, agent) => get_url(agent, &url_of(base, path)),
        }
    }

    /// The folder, when the site is one (only a folder can be listed).
    pub fn dir(&self) -> Option<&Path> {
        match self {
            Site::Dir(dir) => Some(dir),
            Site::Url(..) => None,
        }
    }
}

/// `base` joined with `path`, each segment percent-encoded.
pub fn url_of(base: &str, path: &OutputPath) -> String {
    let mut url = base.to_owned();
    for (i, segment) in path.as_str().split('/').enumerate() {
        if i > 0 {
            url.push('/');
        }
        url.extend(utf8_percent_encode(segment, SEGMENT));
    }
    url
}

fn read_file(file: &Path) -> Result<Option<Vec<u8>>> {
    match std::fs::symlink_metadata(file) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Ok(meta) if !meta.is_file() => return Ok(None),
        _ => {}
    }
    std::fs::read(file)
        .map(Some)
        .map_err(|e| Error::read(file, e))
}

/// A client with timeouts, TLS through the system's OpenSSL and roots.
fn agent() -> ureq::Agent {
    use ureq::tls::{RootCerts, TlsConfig, TlsProvider};
    let tls = TlsConfig::builder()
        .provider(TlsProvider::NativeTls)
        .root_certs(RootCerts::PlatformVerifier)
        .build();
    ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .timeout_connect(Some(CONNECT_TIMEOUT))
        .max_redirects(5)
        .http_status_as_error(false)
        .tls_config(tls)
        .user_agent(format!("gongkai/{} verify", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

fn get_url(agent: &ureq::Agent, url: &str) -> Result<Option<Vec<u8>>> {
    let failed = |e: ureq::Error| Error::Integrity {
        message: crate::t!("verify-fetch-failed", url = url, error = e),
        help: crate::t!("verify-fetch-help"),
    };
    // The bytes as published: no proxy, CDN or preview server may
    // rewrite them on the way (RFC 9111, 5.2.1.6).
    let mut response = agent
        .get(url)
        .header("Cache-Control", "no-transform")
        .call()
        .map_err(failed)?;
    match response.status().as_u16() {
        200 => {}
        404 | 410 => return Ok(None),
        status => {
            return Err(Error::Integrity {
                message: crate::t!("verify-fetch-status", url = url, status = status),
                help: crate::t!("verify-fetch-help"),
            });
        }
    }
    response
        .body_mut()
        .with_config()
        .limit(MAX_FILE)
        .read_to_vec()
        .map(Some)
        .map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_encoded() {
        let path = OutputPath::new("2023/a b/原件#1.pdf").unwrap();
        assert_eq!(
            url_of("https://example.org/site/", &path),
            "https://example.org/site/2023/a%20b/%E5%8E%9F%E4%BB%B6%231.pdf"
        );
    }
}
