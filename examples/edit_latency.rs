//! Edit-to-browser latency of `gongkai serve` (a benchmark, not a test).
//!
//! ```text
//! cargo build --release --bin gongkai --example corpus --example edit_latency
//! target/release/examples/edit_latency [--projects 10000] [--runs 30] [--seed 1] [--keep]
//! ```
//!
//! Generates a site with the `corpus` example, times a few clean
//! `gongkai build`s, then starts `gongkai serve` on a free loopback port and
//! rewrites one project file `--runs` times, each time with a new project
//! name. For every save it measures the wall time from just before the
//! write until the served project page contains the new name, polling the
//! page over HTTP. It prints the median and p90, with the server's own
//! rebuild times for comparison. The binaries are looked up next to this
//! one (`target/release/`). Only std is used.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const USAGE: &str = "usage: edit_latency [--projects N] [--runs R] [--seed S] [--keep] [--no-downloads] [--no-search]";

/// Bounds every wait, so a broken server cannot hang the benchmark.
const START_DEADLINE: Duration = Duration::from_secs(600);
const EDIT_DEADLINE: Duration = Duration::from_secs(60);
const BUILD_RUNS: usize = 3;

struct Args {
    projects: usize,
    runs: usize,
    seed: u64,
    keep: bool,
    /// `site.toml` lines appended after the corpus is written, to measure
    /// the site with downloads or search switched off.
    extra_toml: String,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        projects: 10_000,
        runs: 30,
        seed: 1,
        keep: false,
        extra_toml: String::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut number = |name: &str| -> Result<u64, String> {
            let value = it.next().ok_or_else(|| format!("{name} needs a value"))?;
            value
                .replace('_', "")
                .parse()
                .map_err(|_| format!("{name}: not a number: {value}"))
        };
        match flag.as_str() {
            "--projects" => args.projects = number("--projects")? as usize,
            "--runs" => args.runs = number("--runs")? as usize,
            "--seed" => args.seed = number("--seed")?,
            "--keep" => args.keep = true,
            "--no-downloads" => args
                .extra_toml
                .push_str("\n[open_data]\ndownloads = false\n"),
            "--no-search" => args.extra_toml.push_str("\n[search]\nenabled = false\n"),
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    if args.projects == 0 || args.runs == 0 {
        return Err("--projects and --runs must be at least 1".to_owned());
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let work = std::env::temp_dir().join(format!("gongkai-edit-latency-{}", std::process::id()));
    let outcome = run(&args, &work);
    if args.keep {
        eprintln!("kept {}", work.display());
    } else {
        let _ = std::fs::remove_dir_all(&work);
    }
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("edit_latency: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args, work: &Path) -> Result<(), String> {
    let bin_dir = binaries_dir()?;
    let gongkai = bin_dir.join(exe("gongkai"));
    let corpus = bin_dir.join("examples").join(exe("corpus"));
    for binary in [&gongkai, &corpus] {
        if !binary.is_file() {
            return Err(format!(
                "{} not found; run: cargo build --release --bin gongkai --example corpus --example edit_latency",
                binary.display()
            ));
        }
    }
    let site = work.join("site");
    eprintln!(
        "generating {} projects in {}",
        args.projects,
        site.display()
    );
    let status = Command::new(&corpus)
        .args([
            "--projects",
            &args.projects.to_string(),
            "--seed",
            &args.seed.to_string(),
        ])
        .arg("--out")
        .arg(&site)
        .stdout(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run {}: {e}", corpus.display()))?;
    if !status.success() {
        return Err(format!("corpus failed: {status}"));
    }
    if !args.extra_toml.is_empty() {
        let toml = site.join("site.toml");
        let text =
            std::fs::read_to_string(&toml).map_err(|e| format!("{}: {e}", toml.display()))?;
        std::fs::write(&toml, text + &args.extra_toml)
            .map_err(|e| format!("{}: {e}", toml.display()))?;
    }

    let mut builds = Vec::new();
    for i in 0..BUILD_RUNS {
        let out = work.join(format!("build-{i}"));
        let started = Instant::now();
        let output = Command::new(&gongkai)
            .arg("build")
            .arg("--root")
            .arg(&site)
            .arg("--output-dir")
            .arg(&out)
            .output()
            .map_err(|e| format!("cannot run gongkai: {e}"))?;
        if !output.status.success() {
            return Err(format!(
                "build failed:\n{}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        builds.push(started.elapsed());
        let _ = std::fs::remove_dir_all(&out);
    }
    eprintln!("full builds: {}", list(&builds));

    let (file, page) = pick_project(&site)?;
    let original =
        std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let server = Server::start(&gongkai, &site)?;
    let mut latencies = Vec::new();
    for run in 0..args.runs {
        let marker = format!("编辑第{run}次");
        let text = with_name_suffix(&original, &marker)?;
        let generation = server.generation()?;
        let started = Instant::now();
        std::fs::write(&file, &text).map_err(|e| format!("{}: {e}", file.display()))?;
        loop {
            if server.get(&page)?.contains(&marker) {
                break;
            }
            if started.elapsed() > EDIT_DEADLINE {
                return Err(format!(
                    "run {run}: the page did not change\n{}",
                    server.output()
                ));
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        latencies.push(started.elapsed());
        // Let the rebuild finish (the status moves after the last file is
        // written), then pause, so runs do not overlap.
        let deadline = Instant::now() + EDIT_DEADLINE;
        while server.generation()? == generation && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    std::fs::write(&file, &original).map_err(|e| e.to_string())?;
    let rebuilds = server.rebuild_times();
    drop(server);

    println!(
        "edit latency, gongkai serve, {} projects, {} saves",
        args.projects, args.runs
    );
    println!(
        "  save → served page:   median {:.0} ms, p90 {:.0} ms (min {:.0}, max {:.0})",
        ms(percentile(&latencies, 50)),
        ms(percentile(&latencies, 90)),
        ms(percentile(&latencies, 0)),
        ms(percentile(&latencies, 100)),
    );
    if !rebuilds.is_empty() {
        println!(
            "  whole rebuild:        median {:.0} ms, p90 {:.0} ms (server-side, after the batching window; the project page is written partway through)",
            ms(percentile(&rebuilds, 50)),
            ms(percentile(&rebuilds, 90)),
        );
    }
    println!(
        "  full build (clean):   median {:.2} s of {BUILD_RUNS} ({})",
        percentile(&builds, 50).as_secs_f64(),
        list(&builds)
    );
    Ok(())
}

/// `target/release` (or wherever this example was built).
fn binaries_dir() -> Result<PathBuf, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    exe.parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .ok_or_else(|| "cannot locate the build directory".to_owned())
}

fn exe(name: &str) -> String {
    format!("{name}{}", std::env::consts::EXE_SUFFIX)
}

/// The first project file (by path) and its page URL.
fn pick_project(site: &Path) -> Result<(PathBuf, String), String> {
    let content = site.join("content");
    let mut folders: Vec<PathBuf> = read_dir(&content)?
        .into_iter()
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    for folder in folders {
        let mut files: Vec<PathBuf> = read_dir(&folder)?
            .into_iter()
            .filter(|p| {
                p.extension().is_some_and(|e| e == "yaml")
                    && p.file_name().is_some_and(|n| n != "_department.yaml")
            })
            .collect();
        files.sort();
        if let Some(file) = files.into_iter().next() {
            let text = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
            let year = text
                .lines()
                .find_map(|l| l.strip_prefix("year:"))
                .map(str::trim)
                .ok_or_else(|| format!("{}: no year", file.display()))?;
            let code = folder.file_name().unwrap().to_string_lossy().into_owned();
            let slug = file.file_stem().unwrap().to_string_lossy().into_owned();
            return Ok((file, format!("/{year}/{code}/{slug}/")));
        }
    }
    Err("no project found in the generated site".to_owned())
}

fn read_dir(dir: &Path) -> Result<Vec<PathBuf>, String> {
    std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .map(|e| e.map(|e| e.path()).map_err(|e| e.to_string()))
        .collect()
}

/// The project text with `suffix` appended to its top-level `name:`.
fn with_name_suffix(text: &str, suffix: &str) -> Result<String, String> {
    let mut done = false;
    let lines: Vec<String> = text
        .lines()
        .map(|line| match line.strip_prefix("name:") {
            Some(name) if !done => {
                done = true;
                let name = name.trim().trim_matches('"');
                format!("name: \"{name}{suffix}\"")
            }
            _ => line.to_owned(),
        })
        .collect();
    if !done {
        return Err("the project has no top-level name".to_owned());
    }
    Ok(lines.join("\n") + "\n")
}

/// A `gongkai serve` child, killed by its id when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
    output: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(gongkai: &Path, site: &Path) -> Result<Server, String> {
        let mut child = Command::new(gongkai)
            .args(["serve", "--port", "0", "--root"])
            .arg(site)
            .env("NO_COLOR", "1")
            // The log lines parsed below are the English ones; the site's
            // own language (zh) would print them in Chinese.
            .env("GONGKAI_LANG", "en")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start gongkai serve: {e}"))?;
        let output = Arc::new(Mutex::new(Vec::new()));
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn({
            let output = Arc::clone(&output);
            move || {
                for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                    output.lock().unwrap().push(line);
                }
            }
        });
        let mut server = Server {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            output,
        };
        let started = Instant::now();
        loop {
            let url = server.output.lock().unwrap().iter().find_map(|line| {
                let rest = line.split("serving at http://").nth(1)?;
                rest.split('/').next().map(str::to_owned)
            });
            if let Some(addr) = url {
                server.addr = addr.parse().map_err(|_| format!("bad address {addr}"))?;
                eprintln!(
                    "serving at http://{addr}/ after {:.2} s",
                    started.elapsed().as_secs_f64()
                );
                return Ok(server);
            }
            if started.elapsed() > START_DEADLINE
                || server.child.try_wait().ok().flatten().is_some()
            {
                return Err(format!("gongkai serve did not start\n{}", server.output()));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn output(&self) -> String {
        self.output.lock().unwrap().join("\n")
    }

    /// `GET path` with `Connection: close`; the body as text.
    fn get(&self, path: &str) -> Result<String, String> {
        let mut stream = TcpStream::connect_timeout(&self.addr, Duration::from_secs(5))
            .map_err(|e| format!("connect: {e}"))?;
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .map_err(|e| e.to_string())?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .map_err(|e| format!("send: {e}"))?;
        let mut raw = Vec::new();
        stream
            .read_to_end(&mut raw)
            .map_err(|e| format!("receive: {e}"))?;
        Ok(String::from_utf8_lossy(&raw).into_owned())
    }

    /// The server's build counter, from its status document.
    fn generation(&self) -> Result<u64, String> {
        let response = self.get("/__gongkai/status")?;
        response
            .split("\"generation\":")
            .nth(1)
            .and_then(|rest| rest.split([',', '}']).next())
            .and_then(|n| n.trim().parse().ok())
            .ok_or_else(|| format!("no generation in {response}"))
    }

    /// The rebuild times the server printed ("… in 12 ms").
    fn rebuild_times(&self) -> Vec<Duration> {
        self.output
            .lock()
            .unwrap()
            .iter()
            .filter(|line| line.contains("changed →"))
            .filter_map(|line| {
                line.rsplit(" in ")
                    .next()?
                    .strip_suffix(" ms")?
                    .parse::<f64>()
                    .ok()
            })
            .map(|ms| Duration::from_secs_f64(ms / 1000.0))
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn percentile(samples: &[Duration], p: usize) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    let rank = (p * (sorted.len() - 1) + 50) / 100;
    sorted[rank.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn list(durations: &[Duration]) -> String {
    let items: Vec<String> = durations
        .iter()
        .map(|d| format!("{:.2} s", d.as_secs_f64()))
        .collect();
    items.join(", ")
}
