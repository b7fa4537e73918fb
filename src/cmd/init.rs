//! `gongkai init DIR`: create a site and say what was made. The footer's
//! organiser and filing numbers and the publication details come from
//! flags, or, for those not given, from questions when stdin is a
//! terminal (never in scripts or CI, which get commented placeholders).

use std::io::{BufRead as _, IsTerminal as _, Write as _};

use gongkai::config::{Footer, Publication};
use gongkai::error::Result;

use crate::cli::InitArgs;

pub(crate) fn run(args: InitArgs) -> Result<()> {
    let ask = std::io::stdin().is_terminal();
    if ask {
        eprintln!("{}", gongkai::t!("init-prompt-intro"));
    }
    let answer = |given: Option<String>, what: &str| -> Option<String> {
        given.or_else(|| ask.then(|| prompt(what)).flatten())
    };
    let footer = Footer {
        organizer: answer(args.organizer, "主办单位"),
        site_code: answer(args.site_code, "网站标识码"),
        icp: answer(args.icp, "ICP备案号"),
        police: answer(args.police, "公安机关备案号"),
        contact: answer(args.contact, "联系方式"),
    };
    let publication = Publication {
        published: answer(args.published, "发布日期 (YYYY-MM-DD)"),
        source: answer(args.source, "信息来源"),
    };
    let files = gongkai::init::init_with(&args.dir, args.title.as_deref(), &footer, &publication)?;
    for file in files {
        eprintln!(
            "{}",
            gongkai::t!("init-created", path = args.dir.join(file).display())
        );
    }
    eprintln!("{}", gongkai::t!("init-next", dir = args.dir.display()));
    Ok(())
}

/// Asks one question on stderr and reads one line; empty means not given.
fn prompt(what: &str) -> Option<String> {
    eprint!("{}", gongkai::t!("init-prompt", what = what));
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).ok()?;
    let line = line.trim();
    (!line.is_empty()).then(|| line.to_owned())
}
