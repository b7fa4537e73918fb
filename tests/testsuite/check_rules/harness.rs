//! The machinery of the rule table: the clean project, the changes a case
//! makes to it, the in-process check, and the comparison of what a rule
//! reported with what a case expects.

use std::path::Path;

use gongkai::diagnostics::{Diagnostic, Severity};

use crate::common::TestSite;

const FILE: &str = "content/100001/xiangmu.yaml";
pub(super) const DEPARTMENT: &str = "content/100001/_department.yaml";
pub(super) const FIRST_ROW_LINE: usize = 7;
const HEAD: &str = "year: 2023\nname: 测试项目\namount: \"1.00\"\ngoals:\n  - 目标\n";

/// A row as a one-line YAML flow mapping.
pub(super) fn row(level1: &str, level2: &str, name: &str, value: &str) -> String {
    format!("  - {{level1: {level1}, level2: {level2}, name: {name}, value: \"{value}\"}}\n")
}

/// One project file, a department and optionally a site.toml.
pub(super) struct Input {
    /// The lines before `indicators:`; five lines, to keep rows at
    /// [`FIRST_ROW_LINE`].
    head: String,
    rows: Vec<String>,
    department: String,
    site_toml: Option<&'static str>,
    /// Other files of the site: (path, text).
    others: Vec<(&'static str, String)>,
}

/// A well-formed 2015-style table with no findings at all: 3000册 × 3元/册
/// is 9000元, below the amount of 1万元.
pub(super) fn good() -> Input {
    Input {
        head: HEAD.to_owned(),
        rows: vec![
            row("产出指标", "数量指标", "宣传手册订制数", "3000册"),
            row("产出指标", "质量指标", "宣传知晓率", "≥85%"),
            row("产出指标", "时效指标", "宣传完成及时率", "100%"),
            row("产出指标", "成本指标", "宣传手册单册成本", "3元/册"),
            row("效益指标", "社会效益指标", "政策知晓率提高", "≥85%"),
            row("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"),
        ],
        department: "code: \"100001\"\nname: 测试单位\n".to_owned(),
        site_toml: None,
        others: Vec::new(),
    }
}

impl Input {
    /// Row `i` replaced.
    pub(super) fn set(mut self, i: usize, row: String) -> Input {
        self.rows[i] = row;
        self
    }

    pub(super) fn insert(mut self, i: usize, row: String) -> Input {
        self.rows.insert(i, row);
        self
    }

    pub(super) fn push(mut self, row: String) -> Input {
        self.rows.push(row);
        self
    }

    pub(super) fn remove(mut self, i: usize) -> Input {
        self.rows.remove(i);
        self
    }

    /// The lines before `indicators:` replaced (keep them five lines).
    pub(super) fn head(mut self, head: &str) -> Input {
        self.head = head.to_owned();
        self
    }

    /// One line of the head replaced: `with("amount", "\"-1.00\"")`.
    pub(super) fn with(self, key: &str, value: &str) -> Input {
        let head = self
            .head
            .lines()
            .map(|l| match l.strip_prefix(key) {
                Some(rest) if rest.starts_with(':') => format!("{key}: {value}\n"),
                _ => format!("{l}\n"),
            })
            .collect::<String>();
        self.head(&head)
    }

    pub(super) fn department(mut self, yaml: &str) -> Input {
        self.department = yaml.to_owned();
        self
    }

    pub(super) fn site_toml(mut self, toml: &'static str) -> Input {
        self.site_toml = Some(toml);
        self
    }

    /// Another file beside the project, such as a second project.
    pub(super) fn also(mut self, path: &'static str, text: &str) -> Input {
        self.others.push((path, text.to_owned()));
        self
    }

    pub(super) fn site(&self) -> TestSite {
        let site = TestSite::empty();
        if let Some(toml) = self.site_toml {
            site.write("site.toml", toml);
        }
        site.write(DEPARTMENT, &self.department);
        site.write(
            FILE,
            format!("{}indicators:\n{}", self.head, self.rows.concat()),
        );
        for (path, text) in &self.others {
            site.write(path, text);
        }
        site
    }

    /// The project file's text.
    pub(super) fn text(&self) -> String {
        format!("{}indicators:\n{}", self.head, self.rows.concat())
    }
}

/// Every finding of the site at `root`, down to infos, located, as
/// `gongkai check` computes them; and whether the site would build. The
/// note that a site without `[feeds] base_url` gets no feeds is left out:
/// every test site here lacks one, and `feeds.rs` tests the note.
pub(crate) fn check_root(root: &Path) -> (Vec<Diagnostic>, bool) {
    let (found, ok) = match gongkai::build::load_and_check(root, Severity::Info) {
        Ok((_, found)) => (found, true),
        Err(gongkai::Error::Content(found)) => (found, false),
        Err(other) => panic!("check failed: {other}"),
    };
    let found = found
        .into_iter()
        .filter(|d| d.rule != "feeds-no-base-url")
        .collect();
    (found, ok)
}

pub(super) fn findings(site: &TestSite) -> Vec<Diagnostic> {
    check_root(site.root()).0
}

/// What one case expects of its rule.
pub(super) struct Case {
    pub(super) rule: &'static str,
    pub(super) input: Input,
    /// `None`: the rule stays silent.
    pub(super) finding: Option<Expected>,
    /// Other rules that must stay silent on this input.
    quiet: &'static [&'static str],
}

pub(super) struct Expected {
    severity: Severity,
    count: usize,
    file: &'static str,
    /// Checked when set.
    field: Option<String>,
    line: Option<usize>,
    /// Words the first finding's message and help must contain.
    message: &'static [&'static str],
    help: &'static [&'static str],
}

/// `rule` reports one finding at `severity` on `input`.
pub(super) fn fails(rule: &'static str, severity: Severity, input: Input) -> Case {
    Case {
        rule,
        input,
        finding: Some(Expected {
            severity,
            count: 1,
            file: FILE,
            field: None,
            line: None,
            message: &[],
            help: &[],
        }),
        quiet: &[],
    }
}

/// `rule` reports nothing on `input`.
pub(super) fn passes(rule: &'static str, input: Input) -> Case {
    Case {
        rule,
        input,
        finding: None,
        quiet: &[],
    }
}

impl Case {
    fn expected(&mut self) -> &mut Expected {
        self.finding.as_mut().expect("a failing case")
    }

    /// About row `i`'s `field`, on that row's line.
    pub(super) fn at(mut self, i: usize, field: &str) -> Case {
        self.expected().field = Some(format!("indicators[{i}].{field}"));
        self.expected().line = Some(FIRST_ROW_LINE + i);
        self
    }

    pub(super) fn field(mut self, field: &str) -> Case {
        self.expected().field = Some(field.to_owned());
        self
    }

    pub(super) fn line(mut self, line: usize) -> Case {
        self.expected().line = Some(line);
        self
    }

    pub(super) fn file(mut self, file: &'static str) -> Case {
        self.expected().file = file;
        self
    }

    pub(super) fn count(mut self, count: usize) -> Case {
        self.expected().count = count;
        self
    }

    pub(super) fn message(mut self, words: &'static [&'static str]) -> Case {
        self.expected().message = words;
        self
    }

    pub(super) fn help(mut self, words: &'static [&'static str]) -> Case {
        self.expected().help = words;
        self
    }

    pub(super) fn quiet(mut self, rules: &'static [&'static str]) -> Case {
        self.quiet = rules;
        self
    }

    /// What is wrong with the findings on this case's input, if anything.
    pub(super) fn verify(&self, all: &[Diagnostic]) -> Result<(), String> {
        let of =
            |rule: &str| -> Vec<&Diagnostic> { all.iter().filter(|d| d.rule == rule).collect() };
        for rule in self.quiet {
            if !of(rule).is_empty() {
                return Err(format!("expected no {rule}"));
            }
        }
        let found = of(self.rule);
        let Some(want) = &self.finding else {
            return match found.is_empty() {
                true => Ok(()),
                false => Err(format!("expected no {}", self.rule)),
            };
        };
        if found.len() != want.count {
            return Err(format!("expected {} {}", want.count, self.rule));
        }
        for d in &found {
            let problem = if d.severity != want.severity {
                Some(format!("severity {}, not {}", d.severity, want.severity))
            } else if d.file != Path::new(want.file) {
                Some(format!("file {}, not {}", d.file.display(), want.file))
            } else if d.help.as_deref().is_none_or(str::is_empty) {
                Some("no help".to_owned())
            } else {
                None
            };
            if let Some(problem) = problem {
                return Err(problem);
            }
        }
        let first = found[0];
        if want.field.is_some() && first.field != want.field {
            return Err(format!("field {:?}, not {:?}", first.field, want.field));
        }
        let line = first.location.map(|l| l.line);
        if want.line.is_some() && line != want.line {
            return Err(format!("line {line:?}, not {:?}", want.line));
        }
        let help = first.help.as_deref().unwrap_or_default();
        for (text, words, what) in [
            (first.message.as_str(), want.message, "message"),
            (help, want.help, "help"),
        ] {
            if let Some(word) = words.iter().find(|w| !text.contains(*w)) {
                return Err(format!("{what} lacks {word:?}"));
            }
        }
        Ok(())
    }
}
