//! FTP and FTPS destinations, through `suppaftp`: connect (FTPS: `AUTH
//! TLS` on the control connection, then protected data connections), log
//! in with `GONGKAI_DEPLOY_USER` / `GONGKAI_DEPLOY_PASSWORD`, binary
//! transfers in passive mode, and the file operations of [`Store`].
//!
//! FTPS checks the server's certificate against the system's trusted
//! roots, plus the one certificate `GONGKAI_DEPLOY_CA_FILE` names (a host
//! with an internal or self-made certificate); it never turns checking
//! off. Paths are absolute from the FTP account's root, which is what
//! most hosts show an account as `/`.

use std::io::{self, Cursor};
use std::net::ToSocketAddrs as _;
use std::time::Duration;

use suppaftp::native_tls::{Certificate, TlsConnector};
use suppaftp::types::FileType;
use suppaftp::{FtpError, NativeTlsConnector, NativeTlsFtpStream, Status};

use super::in_place::Store;
use super::{Credentials, Protocol, Remote};
use crate::error::{Error, Result};

/// How long a connection attempt, and any one reply, may take.
const TIMEOUT: Duration = Duration::from_secs(30);

/// A logged-in FTP(S) connection on the site folder.
pub(crate) struct Ftp {
    remote: Remote,
    user: String,
    stream: NativeTlsFtpStream,
}

/// Connects, secures the connection for FTPS, and logs in.
pub(crate) fn connect(remote: &Remote, credentials: &Credentials) -> Result<Ftp> {
    let user = remote
        .user
        .clone()
        .or_else(|| credentials.user.clone())
        .ok_or_else(|| Error::Deploy {
            message: crate::t!("deploy-no-user", host = &remote.host),
            help: crate::t!("deploy-no-user-help"),
        })?;
    let scheme = remote.protocol.scheme();
    let name = format!("{scheme}://{user}@{}{}", remote.socket_addr(), remote.path);
    let connect_error = |e: &dyn std::fmt::Display| Error::Deploy {
        message: crate::t!("deploy-connect", target = &name, error = e),
        help: crate::t!("deploy-connect-help"),
    };
    let password = credentials.password.clone().ok_or_else(|| Error::Deploy {
        message: crate::t!("deploy-no-password", target = &name),
        help: crate::t!("deploy-no-password-help"),
    })?;
    let addr = remote
        .socket_addr()
        .to_socket_addrs()
        .map_err(|e| connect_error(&e))?
        .next()
        .ok_or_else(|| connect_error(&remote.host))?;
    let mut stream =
        NativeTlsFtpStream::connect_timeout(addr, TIMEOUT).map_err(|e| connect_error(&e))?;
    let _ = stream.get_ref().set_read_timeout(Some(TIMEOUT));
    let _ = stream.get_ref().set_write_timeout(Some(TIMEOUT));
    if remote.protocol == Protocol::Ftps {
        let tls = tls_connector(credentials).map_err(|e| connect_error(&e))?;
        stream = stream
            .into_secure(NativeTlsConnector::from(tls), &remote.host)
            .map_err(|e| Error::Deploy {
                message: crate::t!("deploy-tls", target = &name, error = e),
                help: crate::t!("deploy-tls-help"),
            })?;
    }
    if let Err(e) = stream.login(user.as_str(), password.as_str()) {
        return Err(match e {
            FtpError::UnexpectedResponse(r) if r.status == Status::NotLoggedIn => Error::Deploy {
                message: crate::t!(
                    "deploy-auth-refused",
                    host = remote.socket_addr(),
                    user = &user,
                    method = crate::t!("deploy-method-password")
                ),
                help: crate::t!("deploy-auth-ftp-help", user = &user),
            },
            e => connect_error(&e),
        });
    }
    stream
        .transfer_type(FileType::Binary)
        .map_err(|e| connect_error(&e))?;
    Ok(Ftp {
        remote: remote.clone(),
        user,
        stream,
    })
}

/// The system's trust, plus `GONGKAI_DEPLOY_CA_FILE` if set.
fn tls_connector(credentials: &Credentials) -> std::result::Result<TlsConnector, String> {
    let mut builder = TlsConnector::builder();
    if let Some(file) = &credentials.ca_file {
        let pem = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let cert = Certificate::from_pem(&pem).map_err(|e| format!("{}: {e}", file.display()))?;
        builder.add_root_certificate(cert);
    }
    builder.build().map_err(|e| e.to_string())
}

/// True for the reply a server gives for a file that is not there (550).
fn is_missing(e: &FtpError) -> bool {
    matches!(e, FtpError::UnexpectedResponse(r) if r.status == Status::FileUnavailable)
}

fn io_error(e: FtpError) -> io::Error {
    match e {
        FtpError::ConnectionError(e) => e,
        e => io::Error::other(e.to_string()),
    }
}

impl Ftp {
    fn full(&self, path: &str) -> String {
        let base = self.remote.path.trim_end_matches('/');
        if path.is_empty() {
            if base.is_empty() { "/" } else { base }.to_owned()
        } else {
            format!("{base}/{path}")
        }
    }

    /// `MKD`, where an existing folder is fine (a folder that cannot be
    /// made shows up as the failure of the upload into it).
    fn make(&mut self, full: &str) -> io::Result<()> {
        match self.stream.mkdir(full) {
            Ok(()) => Ok(()),
            Err(FtpError::UnexpectedResponse(_)) => Ok(()),
            Err(e) => Err(io_error(e)),
        }
    }
}

impl Store for Ftp {
    fn name(&self) -> String {
        format!(
            "{}://{}@{}{}",
            self.remote.protocol.scheme(),
            self.user,
            self.remote.socket_addr(),
            self.remote.path
        )
    }

    fn read(&mut self, path: &str) -> io::Result<Option<Vec<u8>>> {
        let full = self.full(path);
        match self.stream.retr_as_buffer(&full) {
            Ok(bytes) => Ok(Some(bytes.into_inner())),
            Err(e) if is_missing(&e) => Ok(None),
            Err(e) => Err(io_error(e)),
        }
    }

    fn prepare(&mut self) -> io::Result<()> {
        let base = self.full("");
        let mut at = String::new();
        for part in base.split('/').filter(|p| !p.is_empty()) {
            at.push('/');
            at.push_str(part);
            self.make(&at.clone())?;
        }
        Ok(())
    }

    fn make_dir(&mut self, path: &str) -> io::Result<()> {
        let full = self.full(path);
        self.make(&full)
    }

    /// Uploads, then asks the server for the file's size: a TLS data
    /// connection closed a moment too early can leave the server with a
    /// short file and no error on either side (seen with FTPS under load),
    /// so a size that differs is sent again, and after three tries is an
    /// error rather than a truncated page on the live site.
    fn write(&mut self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let full = self.full(path);
        for _ in 0..3 {
            self.stream
                .put_file(&full, &mut Cursor::new(bytes))
                .map_err(io_error)?;
            if self.stream.size(&full).map_err(io_error)? == bytes.len() {
                return Ok(());
            }
        }
        Err(io::Error::other(format!(
            "{full}: the server kept a file of another size than was sent"
        )))
    }

    fn rename(&mut self, from: &str, to: &str) -> io::Result<()> {
        let (from, to) = (self.full(from), self.full(to));
        self.stream.rename(from, to).map_err(io_error)
    }

    fn remove(&mut self, path: &str) -> io::Result<()> {
        let full = self.full(path);
        match self.stream.rm(full) {
            Err(e) if !is_missing(&e) => Err(io_error(e)),
            _ => Ok(()),
        }
    }

    fn remove_dir(&mut self, path: &str) {
        let full = self.full(path);
        let _ = self.stream.rmdir(full);
    }
}

impl Drop for Ftp {
    fn drop(&mut self) {
        let _ = self.stream.quit();
    }
}
