//! `gongkai sign`: a minisign signature of `SHA256SUMS`, so that a reader
//! holding the publisher's public key can tell the lists (and through
//! them every file) are the publisher's.
//!
//! The secret key never lives in the site: it comes from the environment,
//! as the key file's text (`GONGKAI_SIGN_KEY`) or the path of a key file
//! (`GONGKAI_SIGN_KEY_FILE`) outside the site root and the output folder,
//! with its password in `GONGKAI_SIGN_PASSWORD` (a key made without one
//! needs none). Nothing here prints or returns the secret. The signature
//! is the format of the minisign tool (`minisign -Vm SHA256SUMS -P KEY`).

use std::io::Cursor;
use std::path::{Path, PathBuf};

use minisign::{KeyPair, PublicKey, PublicKeyBox, SecretKey, SecretKeyBox, SignatureBox};

use super::{SHA256SUMS, SIGNATURE};
use crate::error::{Error, Result};

/// The secret key file's text.
pub const KEY_ENV: &str = "GONGKAI_SIGN_KEY";
/// The path of the secret key file.
pub const KEY_FILE_ENV: &str = "GONGKAI_SIGN_KEY_FILE";
/// The secret key's password.
pub const PASSWORD_ENV: &str = "GONGKAI_SIGN_PASSWORD";
/// The names `--generate` writes.
pub const PUBLIC_KEY_FILE: &str = "gongkai.pub";
/// The secret key file `--generate` writes.
pub const SECRET_KEY_FILE: &str = "gongkai.key";

fn error(message: String, help: String) -> Error {
    Error::Integrity { message, help }
}

/// True when `path` is `dir` or inside it, after resolving links (a
/// missing path is judged by its nearest existing folder).
fn inside(path: &Path, dir: &Path) -> bool {
    let resolve = |p: &Path| -> PathBuf {
        let absolute = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let mut tail = Vec::new();
        let mut cur = absolute.as_path();
        loop {
            if let Ok(real) = cur.canonicalize() {
                let mut real = real;
                real.extend(tail.iter().rev());
                return real;
            }
            match (cur.parent(), cur.file_name()) {
                (Some(parent), Some(name)) => {
                    tail.push(name.to_owned());
                    cur = parent;
                }
                _ => return absolute,
            }
        }
    };
    resolve(path).starts_with(resolve(dir))
}

/// Refuses a key file in the site root or the output folder, where a
/// build, a deploy or a commit would publish it.
fn refuse_inside(file: &Path, root: &Path, out_dir: &Path) -> Result<()> {
    for dir in [root, out_dir] {
        if inside(file, dir) {
            return Err(error(
                crate::t!(
                    "sign-key-inside",
                    file = file.display(),
                    dir = dir.display()
                ),
                crate::t!("sign-key-inside-help"),
            ));
        }
    }
    Ok(())
}

/// The secret key from the environment (see the module's documentation).
pub fn secret_key(root: &Path, out_dir: &Path) -> Result<SecretKey> {
    let text = match (std::env::var(KEY_ENV), std::env::var_os(KEY_FILE_ENV)) {
        (Ok(text), _) if !text.trim().is_empty() => text,
        (_, Some(file)) if !file.is_empty() => {
            let file = PathBuf::from(file);
            refuse_inside(&file, root, out_dir)?;
            std::fs::read_to_string(&file).map_err(|e| Error::read(&file, e))?
        }
        _ => {
            return Err(error(
                crate::t!("sign-no-key"),
                crate::t!("sign-no-key-help"),
            ));
        }
    };
    let unreadable = |_| error(crate::t!("sign-key-unreadable"), crate::t!("sign-key-help"));
    let boxed = SecretKeyBox::from_string(&text).map_err(unreadable)?;
    // Never the library's interactive prompt: a password or none.
    match std::env::var(PASSWORD_ENV) {
        Ok(password) => boxed.into_secret_key(Some(password)),
        Err(_) => boxed.into_unencrypted_secret_key(),
    }
    .map_err(|_| error(crate::t!("sign-key-locked"), crate::t!("sign-key-help")))
}

/// Signs `out_dir/SHA256SUMS` with `key`, writing `SHA256SUMS.minisig`
/// beside it; returns the signature's path.
pub fn sign(out_dir: &Path, key: &SecretKey) -> Result<PathBuf> {
    let sums = out_dir.join(SHA256SUMS);
    let bytes = std::fs::read(&sums).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            error(
                crate::t!("sign-no-sums", dir = out_dir.display()),
                crate::t!("sign-no-sums-help"),
            )
        } else {
            Error::read(&sums, e)
        }
    })?;
    let public = PublicKey::from_secret_key(key).ok();
    let signature = minisign::sign(
        public.as_ref(),
        key,
        Cursor::new(&bytes),
        Some(&format!("file:{SHA256SUMS}")),
        Some("signature from gongkai sign"),
    )
    .map_err(|e| error(e.to_string(), crate::t!("sign-key-help")))?;
    let file = out_dir.join(SIGNATURE);
    std::fs::write(&file, signature.into_string()).map_err(|e| Error::write(&file, e))?;
    Ok(file)
}

/// Makes a key pair in `dir` (`gongkai.pub`, `gongkai.key`), encrypted
/// with `password` when given; refuses a `dir` inside the site root and
/// never overwrites a key. Returns the public key's base64 line.
pub fn generate(dir: &Path, root: &Path, password: Option<String>) -> Result<String> {
    refuse_inside(dir, root, root)?;
    let public_file = dir.join(PUBLIC_KEY_FILE);
    let secret_file = dir.join(SECRET_KEY_FILE);
    for file in [&public_file, &secret_file] {
        if file.exists() {
            return Err(error(
                crate::t!("sign-key-exists", file = file.display()),
                crate::t!("sign-key-exists-help"),
            ));
        }
    }
    let failed = |e: minisign::PError| error(e.to_string(), String::new());
    let pair = match password {
        Some(password) => KeyPair::generate_encrypted_keypair(Some(password)),
        None => KeyPair::generate_unencrypted_keypair(),
    }
    .map_err(failed)?;
    let public = pair.pk.to_box().map_err(failed)?.into_string();
    let secret = pair
        .sk
        .to_box(Some("gongkai secret key"))
        .map_err(failed)?
        .into_string();
    std::fs::create_dir_all(dir).map_err(|e| Error::write(dir, e))?;
    write_private(&secret_file, secret.as_bytes())?;
    std::fs::write(&public_file, public.as_bytes()).map_err(|e| Error::write(&public_file, e))?;
    Ok(pair.pk.to_base64())
}

/// Writes a file only its owner can read (on Unix).
fn write_private(file: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut handle = options.open(file).map_err(|e| Error::write(file, e))?;
    handle.write_all(bytes).map_err(|e| Error::write(file, e))
}

/// A public key from its base64 line or from the text of a `.pub` file.
pub fn public_key(text: &str) -> Result<PublicKey> {
    let line = text
        .lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty() && !l.starts_with("untrusted comment:"))
        .unwrap_or_default();
    PublicKey::from_base64(line)
        .or_else(|_| PublicKeyBox::from_string(text).and_then(PublicKeyBox::into_public_key))
        .map_err(|_| {
            error(
                crate::t!("verify-bad-public-key"),
                crate::t!("verify-bad-public-key-help"),
            )
        })
}

/// Whether `signature` (a `.minisig` file's text) signs `data` with `key`.
pub fn check(key: &PublicKey, signature: &[u8], data: &[u8]) -> std::result::Result<(), String> {
    let text = std::str::from_utf8(signature).map_err(|e| e.to_string())?;
    let signature = SignatureBox::from_string(text).map_err(|e| e.to_string())?;
    minisign::verify(key, &signature, Cursor::new(data), true, false, false)
        .map_err(|e| e.to_string())
}
