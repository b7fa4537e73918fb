//! The harness of the process tests: a running `gongkai watch` or `gongkai
//! serve` ([`Running`], killed by its id when dropped), a tiny HTTP client
//! ([`request`]) and the live-reload event stream ([`EventStream`]). Every
//! wait is bounded by a deadline; waits go through [`eventually`]. Used by
//! the serve, watch, survival and soak tests.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::{TestSite, eventually};

/// How long a change may take to show up before a test fails.
pub const DEADLINE: Duration = Duration::from_secs(10);
/// How long the first build may take (debug binary, busy machine).
pub const START_DEADLINE: Duration = Duration::from_secs(60);

/// A `gongkai watch` or `gongkai serve` process. Its stdout and stderr are
/// collected line by line; dropping it kills the process by its id.
pub struct Running {
    child: Child,
    output: Arc<Mutex<Vec<String>>>,
    /// `host:port` once `serve` printed its URL.
    pub addr: String,
}

impl Running {
    /// Starts `gongkai serve --port 0` (plus `extra`) and waits for its
    /// "serving at" line.
    pub fn serve(site: &TestSite, extra: &[&str]) -> Running {
        let mut args = vec!["serve", "--port", "0"];
        args.extend_from_slice(extra);
        Running::spawn(site, &args).serving()
    }

    /// Starts `gongkai watch` (plus `extra`) and waits until it watches.
    pub fn watch(site: &TestSite, extra: &[&str]) -> Running {
        let mut args = vec!["watch"];
        args.extend_from_slice(extra);
        let running = Running::spawn(site, &args);
        running.wait_for_line("watching for changes", START_DEADLINE);
        running
    }

    /// [`Running::serve`] with extra environment variables.
    pub fn serve_with_env(site: &TestSite, extra: &[&str], env: &[(&str, &str)]) -> Running {
        let mut args = vec!["serve", "--port", "0"];
        args.extend_from_slice(extra);
        Running::start(Running::command(site, &args, env)).serving()
    }

    /// [`Running::serve`] in a process whose descriptor limit (soft and
    /// hard) is `limit`, set between fork and exec.
    #[cfg(unix)]
    pub fn serve_with_descriptor_limit(site: &TestSite, limit: u64) -> Running {
        use std::os::unix::process::CommandExt as _;
        let mut command = Running::command(site, &["serve", "--port", "0"], &[]);
        let limit = libc::rlimit {
            rlim_cur: limit as libc::rlim_t,
            rlim_max: limit as libc::rlim_t,
        };
        // SAFETY: setrlimit is async-signal-safe and touches only this
        // child's own limits; nothing else runs between fork and exec.
        unsafe {
            command.pre_exec(move || {
                if libc::setrlimit(libc::RLIMIT_NOFILE, &limit) == 0 {
                    Ok(())
                } else {
                    Err(std::io::Error::last_os_error())
                }
            });
        }
        Running::start(command).serving()
    }

    /// Waits for the "serving at" line and takes the address from it.
    fn serving(mut self) -> Running {
        let line = self.wait_for_line("serving at http://", START_DEADLINE);
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap();
        let addr = url.trim_start_matches("http://").trim_end_matches('/');
        assert!(addr.starts_with("127.0.0.1:"), "not on loopback: {line}");
        self.addr = addr.to_owned();
        self
    }

    /// The process id, for reading its memory use.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    pub fn spawn(site: &TestSite, args: &[&str]) -> Running {
        Running::spawn_with_env(site, args, &[])
    }

    fn spawn_with_env(site: &TestSite, args: &[&str], env: &[(&str, &str)]) -> Running {
        Running::start(Running::command(site, args, env))
    }

    /// `gongkai <args> --root <site>`, in English, without colours, its
    /// output piped.
    fn command(site: &TestSite, args: &[&str], env: &[(&str, &str)]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_gongkai"));
        command
            .args(args)
            .envs(env.iter().copied())
            .arg("--root")
            .arg(site.root())
            .env("NO_COLOR", "1")
            // The assertions read the English status lines.
            .env("GONGKAI_LANG", "en")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        command
    }

    fn start(mut command: Command) -> Running {
        let mut child = command.spawn().expect("start gongkai");
        let output = Arc::new(Mutex::new(Vec::new()));
        let stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        collect_lines(stdout, Arc::clone(&output));
        collect_lines(stderr, Arc::clone(&output));
        Running {
            child,
            output,
            addr: String::new(),
        }
    }

    /// Everything printed so far.
    pub fn output(&self) -> String {
        self.output.lock().unwrap().join("\n")
    }

    /// The printed lines that contain `needle`.
    pub fn lines_with(&self, needle: &str) -> Vec<String> {
        let lines = self.output.lock().unwrap();
        lines
            .iter()
            .filter(|l| l.contains(needle))
            .cloned()
            .collect()
    }

    /// Waits for a printed line containing `needle` and returns it.
    pub fn wait_for_line(&self, needle: &str, deadline: Duration) -> String {
        self.wait_for_lines(needle, 1, deadline).pop().unwrap()
    }

    /// Waits until `count` printed lines contain `needle`.
    pub fn wait_for_lines(&self, needle: &str, count: usize, deadline: Duration) -> Vec<String> {
        let mut found = Vec::new();
        let done = eventually(deadline, || {
            found = self.lines_with(needle);
            found.len() >= count
        });
        assert!(
            done,
            "no {count} line(s) with {needle:?} within {deadline:?}; output:\n{}",
            self.output()
        );
        found
    }

    /// Sends a signal by process id and waits (bounded) for the exit.
    #[cfg(unix)]
    pub fn signal(&mut self, name: &str) -> ExitStatus {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill")
            .args([&format!("-{name}"), &pid])
            .status()
            .unwrap();
        assert!(sent.success(), "kill -{name} {pid} failed");
        let mut status = None;
        let exited = eventually(DEADLINE, || {
            status = self.child.try_wait().unwrap();
            status.is_some()
        });
        assert!(
            exited,
            "gongkai did not exit within {DEADLINE:?} of SIG{name}; output:\n{}",
            self.output()
        );
        status.unwrap()
    }

    /// GET `path` on the server.
    pub fn get(&self, path: &str) -> Response {
        request(&self.addr, "GET", path)
    }

    /// The `/__gongkai/status` document.
    pub fn status(&self) -> serde_json::Value {
        let response = self.get("/__gongkai/status");
        assert_eq!(response.status, 200);
        serde_json::from_slice(&response.body).unwrap()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        // Child::kill signals this process's id; it is a no-op once the
        // process has exited and been waited for.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn collect_lines(stream: impl std::io::Read + Send + 'static, into: Arc<Mutex<Vec<String>>>) {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            into.lock().unwrap().push(line);
        }
    });
}

/// True when `text` names `file` with a line and column (`file:12:5`).
pub fn names_line_and_column(text: &str, file: &str) -> bool {
    let digits = |s: &str| s.chars().take_while(char::is_ascii_digit).count();
    let prefix = format!("{file}:");
    text.match_indices(&prefix).any(|(at, _)| {
        let rest = &text[at + prefix.len()..];
        let line = digits(rest);
        line > 0 && rest[line..].starts_with(':') && digits(&rest[line + 1..]) > 0
    })
}

/// An HTTP response, read whole.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One HTTP/1.1 request with `Connection: close`; `target` goes into the
/// request line exactly as given.
pub fn request(addr: &str, method: &str, target: &str) -> Response {
    let mut stream = connect(addr);
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read the response");
    parse(&raw, method == "HEAD")
}

fn connect(addr: &str) -> TcpStream {
    let addr: SocketAddr = addr.parse().unwrap();
    let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).expect("connect");
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    stream.set_write_timeout(Some(DEADLINE)).unwrap();
    stream
}

fn parse(raw: &[u8], head: bool) -> Response {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(raw)));
    let head_text = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head_text.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let body = raw[split + 4..].to_vec();
    let response = Response {
        status,
        headers,
        body,
    };
    assert!(
        response.header("transfer-encoding").is_none(),
        "unexpected chunked response"
    );
    if let (false, Some(length)) = (head, response.header("content-length")) {
        assert_eq!(length.parse::<usize>().unwrap(), response.body.len());
    }
    response
}

/// An open `/__gongkai/events` stream.
pub struct EventStream {
    stream: TcpStream,
    /// Everything received so far.
    pub seen: String,
}

impl EventStream {
    pub fn open(addr: &str) -> EventStream {
        let mut stream = connect(addr);
        write!(
            stream,
            "GET /__gongkai/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        EventStream {
            stream,
            seen: String::new(),
        }
    }

    /// Reads until everything received contains `needle` (bounded).
    pub fn wait_for(&mut self, needle: &str) -> bool {
        let mut buffer = [0u8; 8192];
        let mut closed = false;
        eventually(DEADLINE, || {
            if !closed && !self.seen.contains(needle) {
                match self.stream.read(&mut buffer) {
                    Ok(0) => closed = true,
                    Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buffer[..n])),
                    Err(_) => {} // read timeout: try again until the deadline
                }
            }
            closed || self.seen.contains(needle)
        });
        self.seen.contains(needle)
    }
}
