//! Synthetic corpus generator for the benchmark kit (issue 6).
//!
//! ```text
//! cargo run --release --example corpus -- --projects N --seed S --out DIR [--hugo DIR2]
//!     [--years K] [--findings] [--force]
//! ```
//!
//! Writes N made-up but plausible 部门预算项目支出绩效目标 projects as a gongkai
//! site (`DIR/site.toml`, `DIR/content/<code>/_department.yaml`,
//! `DIR/content/<code>/<slug>.yaml`). With `--hugo DIR2` the same corpus is
//! also written as a Hugo site: `DIR2/content/<code>/_index.md` and
//! `DIR2/content/<code>/<slug>.md` (YAML front matter, empty body), plus the
//! fixed parts of the peer site copied from `bench/hugo/`.
//!
//! With `--years K` (default 1) each department's projects form chains of
//! K consecutive budget years ending in 2023: every K consecutive projects
//! become one project (the first one's file name and name) in years
//! 2023−K+1 … 2023, written to `content/<code>/<year>/<slug>.yaml`, so that
//! the benchmark measures the cross-year charts and 历年对比 (issue 14).
//! The number of files is still `--projects`; the Hugo output is unchanged.
//!
//! With `--findings` the corpus is findings-heavy, as real sites are: the
//! default corpus is written to pass `gongkai check` almost silently, which
//! leaves the linter's cost on a real site unmeasured. The flag rewrites the
//! same projects the way real tables are written (unit costs that do not
//! reconcile with the amount, qualitative values, short 二级 names,
//! full-width and `>=` comparators), for about 11 findings a project: mostly
//! notes, a few warnings, no errors, so the site still builds. See
//! `findings.rs`; the Hugo site gets the same values.
//!
//! With `--evaluations PCT` a 绩效自评 (`<slug>.evaluation.yaml`) is
//! written beside PCT% of the projects (of every year but the newest, whose
//! results are not out yet); see `evaluation.rs`.
//!
//! The output depends only on `--projects`, `--years`, `--findings`,
//! `--evaluations` and `--seed`. Each department draws from its own random stream, so the corpus
//! for a smaller N is a prefix of the corpus for a larger N with the same seed
//! (except the last department, which is cut short). Only std is used, so the
//! example adds no dependencies.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const YEAR: u32 = 2023;
const USAGE: &str = "usage: corpus --projects N [--seed S] --out DIR [--hugo DIR2] [--years K]
              [--findings] [--evaluations PCT] [--force]

  --projects N  number of projects to generate (N >= 1)
  --seed S      random seed (unsigned integer, default 1); same seed, same corpus
  --years K     spread each department's projects over K budget years as chains
                of one project per year (default 1: every project in 2023)
  --out DIR     gongkai site to write (site.toml + content/)
  --hugo DIR2   also write the same corpus as a Hugo site
  --findings    findings-heavy corpus, as real sites are: about 11 `gongkai check`
                findings a project (mostly infos, some warnings, no errors)
  --evaluations PCT
                write a 绩效自评 beside PCT% of the projects (default 0)
  --force       replace an existing DIR/content (and DIR2/content)";

// ---------------------------------------------------------------- arguments

struct Args {
    projects: usize,
    seed: u64,
    out: PathBuf,
    hugo: Option<PathBuf>,
    force: bool,
    years: usize,
    findings: bool,
    evaluations: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut projects = None;
    let mut seed = None;
    let mut out = None;
    let mut hugo = None;
    let mut force = false;
    let mut years = 1;
    let mut findings = false;
    let mut evaluations = 0;
    let mut it = std::env::args_os().skip(1);
    while let Some(arg) = it.next() {
        let arg = arg
            .into_string()
            .map_err(|a| format!("argument is not UTF-8: {a:?}"))?;
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<std::ffi::OsString, String> {
            match &inline {
                Some(v) => Ok(v.into()),
                None => it.next().ok_or_else(|| format!("{name} needs a value")),
            }
        };
        match flag.as_str() {
            "--projects" | "-n" => {
                let v = value("--projects")?;
                let n: usize = v
                    .to_str()
                    .and_then(|s| s.replace('_', "").parse().ok())
                    .ok_or_else(|| format!("--projects: not a number: {v:?}"))?;
                if n == 0 {
                    return Err("--projects must be at least 1".into());
                }
                projects = Some(n);
            }
            "--seed" | "-s" => {
                let v = value("--seed")?;
                seed = Some(
                    v.to_str()
                        .and_then(|s| s.parse().ok())
                        .ok_or_else(|| format!("--seed: not an unsigned integer: {v:?}"))?,
                );
            }
            "--years" => {
                let v = value("--years")?;
                years = v
                    .to_str()
                    .and_then(|s| s.parse().ok())
                    .filter(|k| (1..=20).contains(k))
                    .ok_or_else(|| format!("--years: not a number from 1 to 20: {v:?}"))?;
            }
            "--out" | "-o" => out = Some(PathBuf::from(value("--out")?)),
            "--hugo" => hugo = Some(PathBuf::from(value("--hugo")?)),
            "--force" => force = true,
            "--findings" => findings = true,
            "--evaluations" => {
                let v = value("--evaluations")?;
                evaluations = v
                    .to_str()
                    .and_then(|s| s.parse().ok())
                    .filter(|p| *p <= 100)
                    .ok_or_else(|| format!("--evaluations: not a percentage: {v:?}"))?;
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument: {other}")),
        }
    }
    Ok(Args {
        projects: projects.ok_or("--projects is required")?,
        seed: seed.unwrap_or(1),
        out: out.ok_or("--out is required")?,
        hugo,
        force,
        years,
        findings,
        evaluations,
    })
}

// ---------------------------------------------------------------- PRNG

/// splitmix64: tiny, fast, and good enough to make text look varied.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// An independent stream for `(seed, stream)`.
    fn stream(seed: u64, stream: u64) -> Self {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xD605_BBB5_8C8A_BF2D));
        r.next_u64();
        r
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `pct` percent.
    fn chance(&mut self, pct: usize) -> bool {
        self.below(100) < pct
    }

    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// The word lists and indicator templates live in `vocabulary.rs`.
mod vocabulary;

use vocabulary::{
    BUREAUS, Bureau, COST, COUNTIES, ECOLOGICAL, ECONOMIC, EXTRA_WEIGHT, FRAMEWORK, GOAL_AIMS,
    GOAL_TEMPLATES, GOAL_VERBS, PROJECT_SUFFIXES, QUANTITY, TEMPLATES, TOTAL_COST,
};

// ---------------------------------------------------------------- model

struct Indicator {
    /// Index into `FRAMEWORK`: what the row measures.
    category: usize,
    /// The 一级 and 二级 names as written. The framework's own names unless
    /// `--findings` writes a variant (产出, 社会效益), so they are per row.
    level1: &'static str,
    level2: &'static str,
    name: String,
    value: String,
}

struct Project {
    slug: String,
    name: String,
    amount_cents: u64,
    goals: Vec<String>,
    indicators: Vec<Indicator>,
}

struct Department {
    code: String,
    name: String,
    projects: Vec<Project>,
}

/// Words a template can draw on.
struct Ctx<'a> {
    bureau: &'a Bureau,
    topic: &'a str,
    amount_cents: u64,
}

/// Words picked once per indicator (or goal), so that its name and value
/// agree, e.g. "宣传横幅单位成本" and "100元/条".
struct Words {
    people: &'static str,
    item: (&'static str, &'static str),
}

impl Words {
    fn pick(ctx: &Ctx, rng: &mut Rng) -> Self {
        Words {
            people: rng.word(ctx.bureau.people),
            item: *rng.pick(ctx.bureau.items),
        }
    }
}

/// `12.50` style, as written in `amount`.
fn fmt_amount(cents: u64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// `7` / `7.5` / `7.25` style, as written inside indicator values.
fn fmt_amount_short(cents: u64) -> String {
    match cents % 100 {
        0 => format!("{}", cents / 100),
        c if c % 10 == 0 => format!("{}.{}", cents / 100, c / 10),
        c => format!("{}.{:02}", cents / 100, c),
    }
}

/// Expand one template into `out`. `n` is drawn at most once, so a value such
/// as `{n}元/{u}` is consistent; `{m}` is a second, independent count.
fn fill(out: &mut String, tpl: &str, ctx: &Ctx, words: &Words, rng: &mut Rng, n: usize) {
    let (people, item) = (words.people, words.item);
    let mut rest = tpl;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').expect("unclosed placeholder");
        match &rest[open + 1..close] {
            "t" => out.push_str(ctx.topic),
            "p" => out.push_str(people),
            "i" => out.push_str(item.0),
            "u" => out.push_str(item.1),
            "s" => out.push_str(ctx.bureau.sector),
            "y" => write!(out, "{YEAR}").unwrap(),
            "a" => out.push_str(&fmt_amount_short(ctx.amount_cents)),
            "f" => {
                let part = (ctx.amount_cents * rng.range(10, 50) as u64 / 100).max(1);
                out.push_str(&fmt_amount_short(part));
            }
            "n" => write!(out, "{n}").unwrap(),
            "m" => write!(out, "{}", rng.range(2, 60) * 10).unwrap(),
            "v" | "v2" => out.push_str(rng.word(GOAL_VERBS)),
            "r" | "r2" => {
                let aim = *rng.pick(GOAL_AIMS);
                fill(out, aim, ctx, words, rng, n);
            }
            other => panic!("unknown placeholder {{{other}}}"),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
}

fn make_amount(rng: &mut Rng) -> u64 {
    // Log-uniform between 0.5 and 500 万元, rounded like real tables are.
    let wan = (0.5f64.ln() + rng.unit() * 1000f64.ln()).exp();
    let cents = (wan * 100.0).round() as u64;
    let cents = match rng.below(100) {
        0..=44 => (cents / 100).max(1) * 100,
        45..=69 => (cents / 10).max(1) * 10,
        _ => cents.max(1),
    };
    cents.max(1)
}

fn make_goals(ctx: &Ctx, rng: &mut Rng) -> Vec<String> {
    let count = rng.range(2, 7);
    let mut goals: Vec<String> = Vec::with_capacity(count);
    for _ in 0..count {
        for _ in 0..8 {
            let mut g = String::new();
            if rng.chance(4) {
                g.push_str("**重点任务**：");
            }
            let tpl = *rng.pick(GOAL_TEMPLATES);
            let n = rng.range(2, 40) * 50;
            let words = Words::pick(ctx, rng);
            fill(&mut g, tpl, ctx, &words, rng, n);
            if !goals.contains(&g) {
                goals.push(g);
                break;
            }
        }
    }
    goals
}

/// The unit of a count such as `≥3000册` (`册`).
fn count_unit(value: &str) -> Option<(&str, u64)> {
    let body = value.trim_start_matches(['≥', '≤', '>', '<', '=']);
    let digits = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    let n = body[..digits].parse().ok()?;
    Some((&body[digits..], n))
}

/// The unit a cost is paid per: `3元/册` → `册`, `40元/人/年` → `人`.
fn cost_unit(value: &str) -> Option<&str> {
    let per = value.split_once("元/")?.1;
    Some(per.split('/').next().unwrap_or(per))
}

fn make_indicators(ctx: &Ctx, rng: &mut Rng) -> Vec<Indicator> {
    let total = rng.range(10, 25);
    let mut present = [true; 9];
    present[ECONOMIC] = rng.chance(35);
    present[ECOLOGICAL] = rng.chance(ctx.bureau.eco);
    let mut counts = present.map(usize::from);
    let used: usize = counts.iter().sum();
    let weight_sum: usize = (0..9)
        .filter(|&c| present[c])
        .map(|c| EXTRA_WEIGHT[c])
        .sum();
    for _ in used..total {
        // Few templates in a category means few distinct names: spill the
        // extra rows over to 数量指标, which has the most variety.
        let mut x = rng.below(weight_sum);
        for c in (0..9).filter(|&c| present[c]) {
            if x < EXTRA_WEIGHT[c] {
                let c = if counts[c] + 1 < TEMPLATES[c].len() {
                    c
                } else {
                    0
                };
                counts[c] += 1;
                break;
            }
            x -= EXTRA_WEIGHT[c];
        }
    }

    // Unit costs times the counts they pay for must fit in the amount (the
    // `unit-costs-exceed-amount` check): each unit cost gets an equal share
    // of the amount, divided by every count in the same unit.
    let budget_yuan = ctx.amount_cents * 100;
    let share = budget_yuan / (counts[COST] as u64 + 1);
    let mut rows: Vec<Indicator> = Vec::with_capacity(total);
    let mut seen = HashSet::new();
    for (category, &count) in counts.iter().enumerate() {
        for _ in 0..count {
            let mut name = String::new();
            let mut tpl = TEMPLATES[category][0];
            let mut words = Words::pick(ctx, rng);
            for attempt in 0..16 {
                tpl = *rng.pick(TEMPLATES[category]);
                if attempt == 15 && category == COST {
                    tpl = TEMPLATES[COST][TOTAL_COST];
                }
                words = Words::pick(ctx, rng);
                name.clear();
                fill(&mut name, tpl.0, ctx, &words, rng, 0);
                if !seen.contains(&name) {
                    break;
                }
            }
            let (_, values, lo, hi, step) = tpl;
            let alternatives: Vec<&str> = values.split('|').collect();
            let mut n = if hi == 0 { 0 } else { rng.range(lo, hi) * step };
            let mut value = String::new();
            let choice = *rng.pick(&alternatives);
            fill(&mut value, choice, ctx, &words, rng, n);
            if let Some(unit) = cost_unit(&value).filter(|_| category == COST) {
                let counted: u64 = rows
                    .iter()
                    .filter(|r| r.category == QUANTITY)
                    .filter_map(|r| count_unit(&r.value))
                    .filter(|&(u, _)| u == unit)
                    .map(|(_, k)| k)
                    .sum();
                // No count in that unit: nothing to multiply, keep the draw.
                let cap = share.checked_div(counted).unwrap_or(n as u64);
                if cap == 0 {
                    // Too small to pay for anything per unit: state a total.
                    value.clear();
                    fill(&mut value, "≤{f}万元", ctx, &words, rng, 0);
                    name.clear();
                    fill(&mut name, "{t}其他支出", ctx, &words, rng, 0);
                } else if n as u64 > cap {
                    n = cap as usize;
                    value.clear();
                    fill(&mut value, choice, ctx, &words, rng, n);
                }
            }
            if value == "≥100%" {
                value.truncate(0);
                value.push_str("100%");
            }
            if seen.contains(&name) {
                // Rare: every draw collided. Keep names unique anyway.
                write!(name, "（{}）", seen.len() + 1).unwrap();
            }
            seen.insert(name.clone());
            rows.push(Indicator {
                category,
                level1: FRAMEWORK[category].0,
                level2: FRAMEWORK[category].1,
                name,
                value,
            });
        }
    }
    rows
}

fn make_department(
    seed: u64,
    index: usize,
    first_project: usize,
    size: usize,
    findings: bool,
) -> Department {
    let mut rng = Rng::stream(seed, 1 + index as u64);
    let bureau = rng.pick(BUREAUS);
    let county = *rng.pick(COUNTIES);
    let mut names = HashSet::new();
    let mut projects: Vec<Project> = (0..size)
        .map(|j| {
            let topic = *rng.pick(bureau.topics);
            let mut name = String::new();
            for attempt in 0..6 {
                name = format!("{topic}{}", rng.pick(PROJECT_SUFFIXES));
                if attempt == 5 {
                    name = format!("{YEAR}年{name}（{}）", j + 1);
                }
                if !names.contains(&name) {
                    break;
                }
            }
            names.insert(name.clone());
            let amount_cents = make_amount(&mut rng);
            let ctx = Ctx {
                bureau,
                topic,
                amount_cents,
            };
            Project {
                slug: format!("p{:06}", first_project + j + 1),
                name,
                amount_cents,
                goals: make_goals(&ctx, &mut rng),
                indicators: make_indicators(&ctx, &mut rng),
            }
        })
        .collect();
    if findings {
        findings::roughen(&mut projects, seed, index);
    }
    Department {
        code: format!("{}", 100_001 + index),
        name: format!("{county}{}", bureau.name),
        projects,
    }
}

/// Department sizes (about 20 each) from the seed's main stream.
fn plan(seed: u64, projects: usize) -> Vec<usize> {
    let mut rng = Rng::new(seed);
    let mut sizes = Vec::new();
    let mut left = projects;
    while left > 0 {
        let size = rng.range(15, 25).min(left);
        sizes.push(size);
        left -= size;
    }
    sizes
}

// The `--findings` rewrites live in `findings.rs`.
mod findings;

// The writers of both formats live in `output.rs`.
mod output;

// `--evaluations` lives in `evaluation.rs`.
mod evaluation;

use output::{copy_tree, emit, prepare, with_path, write_file};

fn run(args: &Args) -> Result<(), String> {
    let start = Instant::now();
    prepare(&args.out, args.force)?;
    write_file(
        &args.out.join("site.toml"),
        "title = \"基准测试站点\"\n\n[footer]\norganizer = \"基准测试\"\n",
    )?;
    if let Some(hugo) = &args.hugo {
        prepare(hugo, args.force)?;
        // Built by cargo: the repository's bench/hugo. Built by plain rustc
        // (bench/run.sh does so when the crate itself does not compile): ./bench/hugo.
        let peer = Path::new(option_env!("CARGO_MANIFEST_DIR").unwrap_or(".")).join("bench/hugo");
        if peer.is_dir() {
            for part in ["config.toml", "layouts", "static"] {
                let src = peer.join(part);
                if src.is_dir() {
                    copy_tree(&src, &hugo.join(part))?;
                } else if src.is_file() {
                    with_path(fs::copy(&src, hugo.join(part)), &src)?;
                }
            }
        } else {
            eprintln!(
                "warning: {} not found; wrote Hugo content only",
                peer.display()
            );
        }
    }

    let sizes = plan(args.seed, args.projects);
    let mut firsts = Vec::with_capacity(sizes.len());
    let mut acc = 0;
    for &s in &sizes {
        firsts.push(acc);
        acc += s;
    }

    // Departments are independent streams, so splitting them across threads
    // keeps the output deterministic.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let results: Vec<Result<(), String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (sizes, firsts) = (&sizes, &firsts);
                scope.spawn(move || {
                    let mut buf = String::with_capacity(16 * 1024);
                    for d in (t..sizes.len()).step_by(threads) {
                        let dept =
                            make_department(args.seed, d, firsts[d], sizes[d], args.findings);
                        let evaluated = |j| evaluation::chosen(args.seed, d, j, args.evaluations);
                        let gongkai = output::Gongkai {
                            root: &args.out,
                            years: args.years,
                            seed: args.seed,
                            index: d,
                            evaluated: &evaluated,
                        };
                        emit(&dept, &gongkai, args.hugo.as_deref(), &mut buf)?;
                    }
                    Ok(())
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("worker panicked"))
            .collect()
    });
    for r in results {
        r?;
    }

    eprintln!(
        "corpus: {}{} projects in {} departments (seed {}) -> {}{} in {:.2}s",
        args.projects,
        if args.findings { " findings-heavy" } else { "" },
        sizes.len(),
        args.seed,
        args.out.display(),
        args.hugo
            .as_ref()
            .map(|h| format!(" and {}", h.display()))
            .unwrap_or_default(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("corpus: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("corpus: {e}");
            ExitCode::FAILURE
        }
    }
}
