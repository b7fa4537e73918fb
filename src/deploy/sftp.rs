//! SFTP destinations, through libssh2 (the `ssh2` crate): connect, check
//! the server's host key against known_hosts, log in with a key, then
//! offer the file operations of [`Store`].
//!
//! The host key is always checked: a deploy that would send a government
//! site to whichever machine answers is refused, with the fingerprint and
//! the command that adds the right key. Login tries, in order, the key
//! file (`--identity` or `GONGKAI_DEPLOY_KEY`), a password from
//! `GONGKAI_DEPLOY_PASSWORD`, and the SSH agent. Every failure before the
//! first file operation changes nothing on the server.

use std::io::{self, Read as _, Write as _};
use std::net::{TcpStream, ToSocketAddrs as _};
use std::path::{Path, PathBuf};
use std::time::Duration;

use ssh2::{CheckResult, ErrorCode, HashType, KnownHostFileKind, OpenFlags, OpenType, Session};

use super::in_place::Store;
use super::{Credentials, Remote};
use crate::error::{Error, Result};

/// How long a connection attempt, and any one reply, may take.
const TIMEOUT: Duration = Duration::from_secs(30);

/// A logged-in SFTP session on the site folder.
pub(crate) struct Sftp {
    remote: Remote,
    user: String,
    // The session must outlive the SFTP channel; both are kept.
    _session: Session,
    sftp: ssh2::Sftp,
}

/// Connects, checks the host key and logs in.
pub(crate) fn connect(remote: &Remote, credentials: &Credentials) -> Result<Sftp> {
    let user = remote
        .user
        .clone()
        .or_else(|| credentials.user.clone())
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .ok_or_else(|| Error::Deploy {
            message: crate::t!("deploy-no-user", host = &remote.host),
            help: crate::t!("deploy-no-user-help"),
        })?;
    let name = format!("sftp://{user}@{}{}", remote.socket_addr(), remote.path);
    let connect_error = |e: &dyn std::fmt::Display| Error::Deploy {
        message: crate::t!("deploy-connect", target = &name, error = e),
        help: crate::t!("deploy-connect-help"),
    };
    let addr = remote
        .socket_addr()
        .to_socket_addrs()
        .map_err(|e| connect_error(&e))?
        .next()
        .ok_or_else(|| connect_error(&remote.host))?;
    let tcp = TcpStream::connect_timeout(&addr, TIMEOUT).map_err(|e| connect_error(&e))?;
    let mut session = Session::new().map_err(|e| connect_error(&e))?;
    session.set_tcp_stream(tcp);
    session.set_timeout(TIMEOUT.as_millis() as u32);
    session.handshake().map_err(|e| connect_error(&e))?;
    check_host_key(&session, remote, credentials)?;
    let method = log_in(&session, &user, credentials);
    if !session.authenticated() {
        return Err(Error::Deploy {
            message: crate::t!(
                "deploy-auth-refused",
                host = remote.socket_addr(),
                user = &user,
                method = method
            ),
            help: crate::t!("deploy-auth-sftp-help", user = &user, host = &remote.host),
        });
    }
    let sftp = session.sftp().map_err(|e| connect_error(&e))?;
    Ok(Sftp {
        remote: remote.clone(),
        user,
        _session: session,
        sftp,
    })
}

/// Tries the ways to log in in order; returns the one tried last, for the
/// message when none worked.
fn log_in(session: &Session, user: &str, credentials: &Credentials) -> String {
    if let Some(key) = &credentials.identity {
        let _ = session.userauth_pubkey_file(user, None, key, credentials.passphrase.as_deref());
        return crate::t!("deploy-method-key", key = key.display());
    }
    if let Some(password) = &credentials.password {
        let _ = session.userauth_password(user, password);
        return crate::t!("deploy-method-password");
    }
    let _ = session.userauth_agent(user);
    crate::t!("deploy-method-agent")
}

/// Accepts the server only if known_hosts lists its key for this host
/// and port.
fn check_host_key(session: &Session, remote: &Remote, credentials: &Credentials) -> Result<()> {
    let file = credentials.known_hosts.clone().unwrap_or_else(|| {
        let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"));
        home.map(PathBuf::from)
            .unwrap_or_default()
            .join(".ssh/known_hosts")
    });
    let fingerprint = session
        .host_key_hash(HashType::Sha256)
        .map(|h| format!("SHA256:{}", base64(h)))
        .unwrap_or_default();
    let refuse = |changed: bool| {
        let (host, file_shown) = (remote.socket_addr(), file.display());
        let message = if changed {
            crate::t!(
                "deploy-host-changed",
                host = &host,
                fingerprint = &fingerprint,
                file = &file_shown
            )
        } else {
            crate::t!(
                "deploy-host-unknown",
                host = &host,
                fingerprint = &fingerprint,
                file = &file_shown
            )
        };
        Error::Deploy {
            message,
            help: crate::t!(
                "deploy-host-key-help",
                host = &remote.host,
                port = remote.port,
                file = &file_shown,
                fingerprint = &fingerprint
            ),
        }
    };
    let Some((key, _)) = session.host_key() else {
        return Err(refuse(false));
    };
    let mut known = session.known_hosts().map_err(|_| refuse(false))?;
    if known.read_file(&file, KnownHostFileKind::OpenSSH).is_err() {
        return Err(refuse(false));
    }
    match known.check_port(&remote.host, remote.port, key) {
        CheckResult::Match => Ok(()),
        CheckResult::Mismatch => Err(refuse(true)),
        CheckResult::NotFound | CheckResult::Failure => Err(refuse(false)),
    }
}

/// Standard base64 without padding, as `ssh-keygen -l` shows fingerprints.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

impl Sftp {
    fn full(&self, path: &str) -> PathBuf {
        let base = self.remote.path.trim_end_matches('/');
        if path.is_empty() {
            PathBuf::from(if base.is_empty() { "/" } else { base })
        } else {
            PathBuf::from(format!("{base}/{path}"))
        }
    }
}

fn is_missing(e: &ssh2::Error) -> bool {
    // LIBSSH2_FX_NO_SUCH_FILE, LIBSSH2_FX_NO_SUCH_PATH
    matches!(e.code(), ErrorCode::SFTP(2 | 10))
}

impl Store for Sftp {
    fn name(&self) -> String {
        format!(
            "sftp://{}@{}{}",
            self.user,
            self.remote.socket_addr(),
            self.remote.path
        )
    }

    fn read(&mut self, path: &str) -> io::Result<Option<Vec<u8>>> {
        let mut file = match self.sftp.open(self.full(path)) {
            Ok(file) => file,
            Err(e) if is_missing(&e) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        Ok(Some(bytes))
    }

    fn prepare(&mut self) -> io::Result<()> {
        let base = self.full("");
        let mut at = PathBuf::from("/");
        for part in base.components().skip(1) {
            at.push(part);
            self.make(&at)?;
        }
        Ok(())
    }

    fn make_dir(&mut self, path: &str) -> io::Result<()> {
        let full = self.full(path);
        self.make(&full)
    }

    fn write(&mut self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let flags = OpenFlags::WRITE | OpenFlags::CREATE | OpenFlags::TRUNCATE;
        let mut file = self
            .sftp
            .open_mode(self.full(path), flags, 0o644, OpenType::File)?;
        file.write_all(bytes)?;
        // Not every server offers fsync; the rename that follows is what
        // makes the file visible either way.
        let _ = file.fsync();
        Ok(())
    }

    fn rename(&mut self, from: &str, to: &str) -> io::Result<()> {
        let flags = ssh2::RenameFlags::OVERWRITE | ssh2::RenameFlags::ATOMIC;
        Ok(self
            .sftp
            .rename(&self.full(from), &self.full(to), Some(flags))?)
    }

    fn remove(&mut self, path: &str) -> io::Result<()> {
        match self.sftp.unlink(&self.full(path)) {
            Err(e) if !is_missing(&e) => Err(e.into()),
            _ => Ok(()),
        }
    }

    fn remove_dir(&mut self, path: &str) {
        let _ = self.sftp.rmdir(&self.full(path));
    }
}

impl Sftp {
    /// `mkdir`, where an existing folder is fine.
    fn make(&self, path: &Path) -> io::Result<()> {
        match self.sftp.mkdir(path, 0o755) {
            Ok(()) => Ok(()),
            Err(e) => match self.sftp.stat(path) {
                Ok(stat) if stat.is_dir() => Ok(()),
                _ => Err(e.into()),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fingerprints_are_base64_without_padding() {
        assert_eq!(super::base64(b"Ma"), "TWE");
        assert_eq!(super::base64(b"Man"), "TWFu");
        assert_eq!(super::base64(b"M"), "TQ");
    }
}
