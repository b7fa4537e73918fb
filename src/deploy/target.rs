//! Where a deploy goes: the `--to` address read into a [`Destination`],
//! and the credentials, which come only from the environment or the
//! command line, never from `site.toml` or the address itself.
//!
//! Addresses are URL-like, so that one string in a CI variable says
//! everything but the secret: `sftp://user@host:22/var/www/site`,
//! `ftp://user@host/site`, `ftps://user@host/site` (explicit TLS, `AUTH
//! TLS` on the usual port) and a plain folder path or `file:///srv/site`.
//! A password written into the address is refused outright: it would end
//! up in shell history, CI logs and the plan file.

use std::path::PathBuf;

use percent_encoding::percent_decode_str;

/// The protocol of a remote destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// SSH file transfer, key authentication (agent or key file).
    Sftp,
    /// Plain FTP: user and password travel unencrypted.
    Ftp,
    /// FTP with explicit TLS (`AUTH TLS`), certificate checked.
    Ftps,
}

impl Protocol {
    /// The URL scheme, as written in `--to`.
    pub fn scheme(self) -> &'static str {
        match self {
            Protocol::Sftp => "sftp",
            Protocol::Ftp => "ftp",
            Protocol::Ftps => "ftps",
        }
    }

    fn default_port(self) -> u16 {
        match self {
            Protocol::Sftp => 22,
            Protocol::Ftp | Protocol::Ftps => 21,
        }
    }
}

/// A parsed `--to` address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// A folder on this machine (or a mounted share): releases plus a
    /// `current` link.
    Local(PathBuf),
    /// A server reached over the network.
    Remote(Remote),
}

/// A server address: protocol, user, host, port and the folder on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remote {
    /// How to talk to it.
    pub protocol: Protocol,
    /// The login name, from the address or `GONGKAI_DEPLOY_USER`.
    pub user: Option<String>,
    /// Host name or IP address (without IPv6 brackets).
    pub host: String,
    /// TCP port.
    pub port: u16,
    /// The site folder on the server, always starting with `/`.
    pub path: String,
}

impl Remote {
    /// `host:port` for connecting, with brackets around an IPv6 address.
    pub fn socket_addr(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }
}

impl std::fmt::Display for Destination {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Destination::Local(path) => write!(f, "{}", path.display()),
            Destination::Remote(r) => {
                write!(f, "{}://", r.protocol.scheme())?;
                if let Some(user) = &r.user {
                    write!(f, "{user}@")?;
                }
                write!(f, "{}{}", r.socket_addr(), r.path)
            }
        }
    }
}

/// Reads a `--to` address; the error is a sentence for the user.
pub fn parse(to: &str) -> Result<Destination, String> {
    let to = to.trim();
    if to.is_empty() {
        return Err(crate::t!("deploy-to-empty"));
    }
    let Some((scheme, rest)) = to.split_once("://") else {
        return Ok(Destination::Local(PathBuf::from(to)));
    };
    let protocol = match scheme.to_ascii_lowercase().as_str() {
        "file" => return Ok(Destination::Local(PathBuf::from(decode(rest)))),
        "sftp" | "ssh" => Protocol::Sftp,
        "ftp" => Protocol::Ftp,
        "ftps" | "ftpes" => Protocol::Ftps,
        _ => return Err(crate::t!("deploy-to-scheme", scheme = scheme)),
    };
    let (authority, path) = match rest.find('/') {
        Some(at) => (&rest[..at], &rest[at..]),
        None => (rest, "/"),
    };
    let (user, hostport) = match authority.rsplit_once('@') {
        Some((user, hostport)) => {
            if user.contains(':') {
                return Err(crate::t!("deploy-to-password"));
            }
            (Some(decode(user)), hostport)
        }
        None => (None, authority),
    };
    let (host, port) = split_port(hostport).ok_or_else(|| crate::t!("deploy-to-host", to = to))?;
    if host.is_empty() {
        return Err(crate::t!("deploy-to-host", to = to));
    }
    let mut path = decode(path);
    if path.len() > 1 {
        path = path.trim_end_matches('/').to_owned();
    }
    Ok(Destination::Remote(Remote {
        protocol,
        user: user.filter(|u| !u.is_empty()),
        host: host.to_owned(),
        port: port.unwrap_or_else(|| protocol.default_port()),
        path,
    }))
}

/// `host`, `host:port`, `[v6]` or `[v6]:port`; `None` for a bad port.
fn split_port(hostport: &str) -> Option<(&str, Option<u16>)> {
    if let Some(rest) = hostport.strip_prefix('[') {
        let (host, after) = rest.split_once(']')?;
        return match after.strip_prefix(':') {
            Some(port) => Some((host, Some(port.parse().ok()?))),
            None if after.is_empty() => Some((host, None)),
            None => None,
        };
    }
    match hostport.split_once(':') {
        Some((host, port)) => Some((host, Some(port.parse().ok()?))),
        None => Some((hostport, None)),
    }
}

fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_read_back() {
        let Destination::Remote(r) = parse("sftp://web@gov.example:2222/var/www/site/").unwrap()
        else {
            panic!()
        };
        assert_eq!(r.protocol, Protocol::Sftp);
        assert_eq!(r.user.as_deref(), Some("web"));
        assert_eq!(r.socket_addr(), "gov.example:2222");
        assert_eq!(r.path, "/var/www/site");
        let Destination::Remote(r) = parse("ftps://[::1]/").unwrap() else {
            panic!()
        };
        assert_eq!(
            (r.port, r.path.as_str(), r.user.as_deref()),
            (21, "/", None)
        );
        assert_eq!(r.socket_addr(), "[::1]:21");
        assert_eq!(
            parse("/srv/site").unwrap(),
            Destination::Local("/srv/site".into())
        );
        assert_eq!(
            parse("file:///srv/%E7%BD%91%E7%AB%99").unwrap(),
            Destination::Local("/srv/网站".into())
        );
    }

    #[test]
    fn passwords_and_unknown_schemes_are_refused() {
        assert!(parse("ftp://user:secret@host/").is_err());
        assert!(parse("http://host/").is_err());
        assert!(parse("sftp://host:notaport/").is_err());
        assert!(parse("sftp:///path").is_err());
    }
}
