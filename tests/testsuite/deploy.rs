//! `gongkai deploy` against real destinations: a local release folder, an
//! OpenSSH `sshd` (SFTP) and a pyftpdlib server (FTP, and FTPS with a
//! self-signed certificate the client trusts only through
//! `GONGKAI_DEPLOY_CA_FILE`), each started by the test on 127.0.0.1 with
//! its own keys and folders, and stopped when the test ends.
//!
//! Each destination goes through the same story: a first deploy, one with
//! nothing to do, one project changed (exactly the files whose bytes
//! changed are sent), a project removed (refused by `--max-deletes 0`,
//! changing nothing, then done), and a deploy cut off by the test hook
//! `GONGKAI_DEPLOY_FAULT_AFTER` that the next run finishes, leaving no
//! temporary file. After every successful deploy the live folder holds
//! exactly the built files. A missing `sshd` or pyftpdlib skips the test
//! with a note, or fails it under `GONGKAI_REQUIRE_AUDIT=1` (CI), as the
//! browser audit does.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::common::{TestSite, eventually, succeeded};

const STATE: &str = ".gongkai-deploy.json";
const INSTALL: &str = "apt-get install -y openssh-server; pip install pyftpdlib pyopenssl";

/// False (after a note) when `what` is missing; a failure under
/// `GONGKAI_REQUIRE_AUDIT=1`.
fn available(what: &str, found: bool) -> bool {
    if found {
        return true;
    }
    crate::skips::skip(
        "deploy test",
        &format!("{what} missing; install with: {INSTALL}"),
    );
    false
}

/// A server process, killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Every file under `dir` with its bytes, skipping the state file.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            (rel, fs::read(e.path()).unwrap())
        })
        .filter(|(rel, _)| rel != STATE)
        .collect()
}

/// The built files the manifest lists, with their bytes.
fn built(site: &TestSite) -> BTreeMap<String, Vec<u8>> {
    let mut files = tree(&site.public());
    files.remove(".gongkai-manifest");
    files
}

/// The live site is exactly the build, with nothing temporary about.
fn assert_live(site: &TestSite, live: &Path) {
    let live_files = tree(live);
    let stray: Vec<&String> = live_files
        .keys()
        .filter(|p| p.contains("gongkai-tmp"))
        .collect();
    assert!(stray.is_empty(), "temporary files left: {stray:?}");
    let expected = built(site);
    assert_eq!(
        live_files.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    assert!(
        live_files == expected,
        "the live bytes differ from the build"
    );
    assert!(
        live.join(STATE).is_file(),
        "no state file in {}",
        live.display()
    );
}

/// How a deploy is run: the address, its environment and extra flags.
struct Dest {
    to: String,
    env: Vec<(String, String)>,
    flags: Vec<String>,
    /// The folder the web server would serve.
    live: PathBuf,
    /// Where a cut-off deploy leaves its temporary files.
    scratch: PathBuf,
    /// Whether a cut-off deploy leaves the live site untouched (local
    /// releases) or one new file in place (servers).
    atomic: bool,
}

impl Dest {
    fn cmd(&self, site: &TestSite, extra: &[&str]) -> assert_cmd::Command {
        let mut args = vec!["deploy", "--to", self.to.as_str()];
        args.extend(self.flags.iter().map(String::as_str));
        args.extend(extra);
        let mut cmd = site.cmd(&args);
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd.env_remove("GONGKAI_DEPLOY_FAULT_AFTER");
        cmd
    }

    /// Deploys; returns (files sent, files deleted).
    fn deploy(&self, site: &TestSite) -> (usize, usize) {
        let output = succeeded(self.cmd(site, &[]).output().unwrap());
        counts(&String::from_utf8_lossy(&output.stderr))
    }
}

/// The numbers of the summary line: "N file(s) sent, M deleted".
fn counts(stderr: &str) -> (usize, usize) {
    let line = stderr
        .lines()
        .find(|l| l.contains("file(s) sent"))
        .unwrap_or_else(|| panic!("no summary in:\n{stderr}"));
    let number_before = |word: &str| -> usize {
        let head = &line[..line.find(word).unwrap()];
        head.split_whitespace().last().unwrap().parse().unwrap()
    };
    (number_before("file(s) sent"), number_before("deleted"))
}

/// The plan of a dry run, written as JSON by `--plan`.
fn dry_run(site: &TestSite, dest: &Dest) -> serde_json::Value {
    let file = site.root().join("plan.json");
    let before = tree(&dest.live);
    let output = dest
        .cmd(site, &["--dry-run", "--plan", file.to_str().unwrap()])
        .output()
        .unwrap();
    succeeded(output);
    assert!(tree(&dest.live) == before, "a dry run changed the target");
    serde_json::from_str(&fs::read_to_string(file).unwrap()).unwrap()
}

fn list(plan: &serde_json::Value, key: &str) -> Vec<String> {
    plan[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

/// The files whose bytes differ between two builds, and those only in
/// the new one.
fn changes(
    old: &BTreeMap<String, Vec<u8>>,
    new: &BTreeMap<String, Vec<u8>>,
) -> (Vec<String>, Vec<String>) {
    let replaced = new
        .iter()
        .filter(|(p, b)| old.get(*p).is_some_and(|o| o != *b))
        .map(|(p, _)| p.clone())
        .collect();
    let added = new
        .keys()
        .filter(|p| !old.contains_key(*p))
        .cloned()
        .collect();
    (replaced, added)
}

/// The whole story, for one destination.
fn scenario(site: &TestSite, dest: &Dest) {
    site.build();
    let total = built(site).len();
    // First deploy: everything goes up.
    assert_eq!(dest.deploy(site), (total, 0));
    assert_live(site, &dest.live);
    let state = fs::read(dest.live.join(STATE)).unwrap();
    // Nothing changed: nothing sent, and the state file is byte-identical.
    assert_eq!(dest.deploy(site), (0, 0));
    assert_eq!(fs::read(dest.live.join(STATE)).unwrap(), state);

    // One project changed: exactly the files whose bytes changed.
    let old = built(site);
    let project = "content/504001/cun-canlian-gongzuo-jingfei.yaml";
    site.write(
        project,
        site.read(project)
            .replace("amount: \"8.00\"", "amount: \"9.50\""),
    );
    site.build();
    let (replaced, added) = changes(&old, &built(site));
    assert!(
        !replaced.is_empty() && replaced.len() < total / 2,
        "{replaced:?}"
    );
    let plan = dry_run(site, dest);
    assert_eq!(list(&plan, "replace"), replaced);
    assert_eq!(list(&plan, "upload"), added);
    assert!(list(&plan, "delete").is_empty());
    assert_eq!(dest.deploy(site), (replaced.len() + added.len(), 0));
    assert_live(site, &dest.live);

    // A project removed: over the delete cap nothing changes.
    site.remove("content/504001/weiquan-gongzuo-jingfei.yaml");
    site.build();
    let plan = dry_run(site, dest);
    let deleted = list(&plan, "delete");
    assert!(!deleted.is_empty(), "{plan}");
    assert!(
        deleted
            .iter()
            .all(|p| p.contains("weiquan-gongzuo-jingfei"))
    );
    let before = tree(&dest.live);
    let output = dest.cmd(site, &["--max-deletes", "0"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--max-deletes"), "{stderr}");
    assert!(
        tree(&dest.live) == before,
        "a refused deploy changed the target"
    );
    let changed = list(&plan, "replace").len() + list(&plan, "upload").len();
    assert_eq!(dest.deploy(site), (changed, deleted.len()));
    assert_live(site, &dest.live);

    // Cut off after one file: the next run finishes the job.
    let project = "content/504001/jiuye-baozhangjin.yaml";
    site.write(
        project,
        site.read(project)
            .replace("amount: \"200.00\"", "amount: \"210.00\""),
    );
    site.build();
    let plan = dry_run(site, dest);
    let pending = list(&plan, "replace").len() + list(&plan, "upload").len();
    assert!(pending > 2, "{plan}");
    let before = tree(&dest.live);
    let output = dest
        .cmd(site, &[])
        .env("GONGKAI_DEPLOY_FAULT_AFTER", "1")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("GONGKAI_DEPLOY_FAULT_AFTER"), "{stderr}");
    let temps = |dir: &Path| {
        tree(dir)
            .keys()
            .filter(|p| p.contains("gongkai-tmp"))
            .count()
    };
    assert!(temps(&dest.scratch) > 0, "the fault left no temporary file");
    // Cut off while uploading: the live site is still wholly the old one
    // (on a server, only the temporary copies beside it are new).
    let now: BTreeMap<_, _> = tree(&dest.live)
        .into_iter()
        .filter(|(p, _)| !p.contains("gongkai-tmp"))
        .collect();
    assert!(now == before, "a cut-off deploy changed the live site");
    let (sent, _) = dest.deploy(site);
    if dest.atomic {
        assert!(sent < pending, "the staged file was sent again");
    } else {
        assert_eq!(sent, pending);
    }
    assert_live(site, &dest.live);
    assert_eq!(temps(&dest.scratch), 0);
}

#[test]
fn local_releases_switch_at_once() {
    let site = TestSite::example();
    let www = site.root().join("www");
    let dest = Dest {
        to: www.to_str().unwrap().to_owned(),
        env: vec![],
        flags: vec![],
        live: www.join("current"),
        scratch: www.clone(),
        atomic: true,
    };
    scenario(&site, &dest);
    // The live release and the one before it are kept.
    let releases: Vec<_> = fs::read_dir(www.join("releases")).unwrap().collect();
    assert_eq!(releases.len(), 2);
    assert!(
        fs::symlink_metadata(www.join("current"))
            .unwrap()
            .is_symlink()
    );
}

#[test]
fn an_unbuilt_site_is_refused() {
    let site = TestSite::example();
    let www = site.root().join("www");
    let output = site
        .cmd_in_site_language(&["deploy", "--to", www.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("gongkai build"), "{stderr}");
    assert!(!www.exists());
    let output = site
        .cmd(&["deploy", "--to", "ftp://clerk:secret@127.0.0.1/"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stderr).contains("password"));
}

fn keygen(path: &Path) {
    let status = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn listening(port: u16) -> bool {
    eventually(Duration::from_secs(10), || {
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    })
}

/// An OpenSSH server for the current user on a free port, with its own
/// host key and authorized key; the known_hosts line that vouches for it.
struct Sshd {
    _server: Server,
    port: u16,
    user: String,
    key: PathBuf,
    known_hosts: PathBuf,
    dir: PathBuf,
}

fn sshd(dir: &Path) -> Option<Sshd> {
    let binary = ["/usr/sbin/sshd", "/usr/local/sbin/sshd"]
        .into_iter()
        .find(|p| Path::new(p).is_file());
    if !available("sshd", binary.is_some()) {
        return None;
    }
    fs::create_dir_all(dir).unwrap();
    for name in ["host_key", "user_key", "wrong_key"] {
        keygen(&dir.join(name));
    }
    fs::copy(dir.join("user_key.pub"), dir.join("authorized_keys")).unwrap();
    let port = free_port();
    let config = dir.join("sshd_config");
    fs::write(
        &config,
        format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {d}/host_key\n\
             AuthorizedKeysFile {d}/authorized_keys\nStrictModes no\nUsePAM no\n\
             PasswordAuthentication no\nKbdInteractiveAuthentication no\n\
             PidFile {d}/sshd.pid\nSubsystem sftp internal-sftp\nLogLevel ERROR\n",
            d = dir.display()
        ),
    )
    .unwrap();
    // sshd started by root wants its privilege separation folder.
    let _ = fs::create_dir_all("/run/sshd");
    let server = Server(
        Command::new(binary.unwrap())
            .arg("-D")
            .arg("-e")
            .arg("-f")
            .arg(&config)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    assert!(listening(port), "sshd did not start");
    let host_key = fs::read_to_string(dir.join("host_key.pub")).unwrap();
    let known_hosts = dir.join("known_hosts");
    let mut fields = host_key.split_whitespace();
    let (kind, key) = (fields.next().unwrap(), fields.next().unwrap());
    fs::write(&known_hosts, format!("[127.0.0.1]:{port} {kind} {key}\n")).unwrap();
    let user = String::from_utf8(Command::new("id").arg("-un").output().unwrap().stdout)
        .unwrap()
        .trim()
        .to_owned();
    Some(Sshd {
        _server: server,
        port,
        user,
        key: dir.join("user_key"),
        known_hosts,
        dir: dir.to_path_buf(),
    })
}

#[test]
fn sftp_with_a_key() {
    let site = TestSite::example();
    let Some(sshd) = sshd(&site.root().join("ssh")) else {
        return;
    };
    let www = site.root().join("srv/www");
    let dest = Dest {
        to: format!(
            "sftp://{}@127.0.0.1:{}{}",
            sshd.user,
            sshd.port,
            www.display()
        ),
        env: vec![(
            "GONGKAI_DEPLOY_KNOWN_HOSTS".into(),
            sshd.known_hosts.display().to_string(),
        )],
        flags: vec!["--identity".into(), sshd.key.display().to_string()],
        live: www.clone(),
        scratch: www.clone(),
        atomic: false,
    };
    scenario(&site, &dest);

    // A key the server does not know: a clear Chinese error naming the
    // host, the user and the fix; nothing changed on the server.
    let before = tree(&www);
    let wrong = sshd.dir.join("wrong_key");
    let mut cmd = site.cmd_in_site_language(&[
        "deploy",
        "--to",
        &dest.to,
        "--identity",
        wrong.to_str().unwrap(),
    ]);
    cmd.env("GONGKAI_DEPLOY_KNOWN_HOSTS", &sshd.known_hosts);
    let output = cmd.output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for needle in [
        "拒绝",
        "127.0.0.1",
        sshd.user.as_str(),
        "authorized_keys",
        "什么也没有改动",
    ] {
        assert!(stderr.contains(needle), "no {needle:?} in:\n{stderr}");
    }
    assert!(tree(&www) == before);

    // A host key nobody vouched for is refused before logging in.
    let empty = sshd.dir.join("empty_known_hosts");
    fs::write(&empty, "").unwrap();
    let output = dest
        .cmd(&site, &[])
        .env("GONGKAI_DEPLOY_KNOWN_HOSTS", &empty)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("SHA256:") && stderr.contains("ssh-keyscan"),
        "{stderr}"
    );
}

const FTP_SERVER: &str = r#"
import sys
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler, TLS_FTPHandler
from pyftpdlib.servers import FTPServer
root, cert = sys.argv[1], sys.argv[2]
authorizer = DummyAuthorizer()
authorizer.add_user("clerk", "s3cret", root, perm="elradfmwMT")
if cert == "-":
    handler = FTPHandler
else:
    handler = TLS_FTPHandler
    handler.certfile = cert
    handler.tls_control_required = True
    handler.tls_data_required = True
handler.authorizer = authorizer
server = FTPServer(("127.0.0.1", 0), handler)
print(server.socket.getsockname()[1], flush=True)
server.serve_forever()
"#;

/// A pyftpdlib server for user `clerk` on `root` (FTPS with `cert`), and
/// its port.
fn ftpd(dir: &Path, root: &Path, cert: Option<&Path>) -> Option<(Server, u16)> {
    let ok = Command::new("python3")
        .args(["-c", "import pyftpdlib, OpenSSL"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !available("python3 with pyftpdlib and pyopenssl", ok) {
        return None;
    }
    fs::create_dir_all(root).unwrap();
    let script = dir.join("ftpd.py");
    fs::write(&script, FTP_SERVER).unwrap();
    let cert = cert.map_or_else(|| "-".to_owned(), |c| c.display().to_string());
    let mut child = Command::new("python3")
        .arg(&script)
        .arg(root)
        .arg(cert)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port: u16 = line.trim().parse().expect("the FTP server's port");
    Some((Server(child), port))
}

fn ftp_dest(root: &Path, scheme: &str, port: u16) -> Dest {
    Dest {
        to: format!("{scheme}://clerk@127.0.0.1:{port}/www"),
        env: vec![("GONGKAI_DEPLOY_PASSWORD".into(), "s3cret".into())],
        flags: vec![],
        live: root.join("www"),
        scratch: root.join("www"),
        atomic: false,
    }
}

#[test]
fn ftp_with_a_password() {
    let site = TestSite::example();
    let root = site.root().join("ftp-root");
    let Some((_server, port)) = ftpd(site.root(), &root, None) else {
        return;
    };
    let dest = ftp_dest(&root, "ftp", port);
    scenario(&site, &dest);
    // A wrong password: a clear error, nothing changed.
    let before = tree(&dest.live);
    let output = dest
        .cmd(&site, &[])
        .env("GONGKAI_DEPLOY_PASSWORD", "wrong")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("refused the login of user clerk"),
        "{stderr}"
    );
    assert!(tree(&dest.live) == before);
}

#[test]
fn ftps_checks_the_certificate() {
    let site = TestSite::example();
    let dir = site.root().join("tls");
    fs::create_dir_all(&dir).unwrap();
    let (key, cert) = (dir.join("key.pem"), dir.join("cert.pem"));
    let made = Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        ])
        .args([
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !available("openssl", made) {
        return;
    }
    let both = dir.join("server.pem");
    let pem = fs::read_to_string(&cert).unwrap() + &fs::read_to_string(&key).unwrap();
    fs::write(&both, pem).unwrap();
    let root = site.root().join("ftp-root");
    let Some((_server, port)) = ftpd(site.root(), &root, Some(&both)) else {
        return;
    };
    site.build();
    let mut dest = ftp_dest(&root, "ftps", port);
    // Not trusted without the certificate: refused, nothing written.
    let output = dest.cmd(&site, &[]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("GONGKAI_DEPLOY_CA_FILE"), "{stderr}");
    assert!(!dest.live.exists());
    dest.env
        .push(("GONGKAI_DEPLOY_CA_FILE".into(), cert.display().to_string()));
    assert_eq!(dest.deploy(&site), (built(&site).len(), 0));
    assert_live(&site, &dest.live);
    assert_eq!(dest.deploy(&site), (0, 0));
}
