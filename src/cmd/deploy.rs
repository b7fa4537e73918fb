//! `gongkai deploy`: resolve the address and the defaults from site.toml,
//! open the deploy, show (and optionally save) its plan, carry it out and
//! print one summary line. The plan goes to stdout, so that `--dry-run`
//! can be piped; everything else to stderr.

use std::path::Path;
use std::time::Instant;

use gongkai::config::Config;
use gongkai::deploy::{self, Credentials, DEFAULT_MAX_DELETES, Deploy, DeployOptions};
use gongkai::error::{Error, Result};

use crate::cli::DeployArgs;

pub(crate) fn run(root: &Path, args: DeployArgs) -> Result<()> {
    let started = Instant::now();
    let config = Config::load(root)?;
    let to = args
        .to
        .or(config.deploy.to.clone())
        .ok_or_else(|| Error::Deploy {
            message: gongkai::t!("deploy-no-target"),
            help: gongkai::t!("deploy-no-target-help"),
        })?;
    let to = deploy::parse(&to).map_err(|message| Error::Deploy {
        message,
        help: gongkai::t!("deploy-to-help"),
    })?;
    let max_deletes = args
        .max_deletes
        .or(config.deploy.max_deletes)
        .unwrap_or(DEFAULT_MAX_DELETES);
    let options = DeployOptions {
        out_dir: args
            .output_dir
            .unwrap_or_else(|| root.join(&config.output_dir)),
        to,
        max_deletes,
        credentials: Credentials::from_env(args.identity),
    };
    let session = Deploy::open(options)?;
    let target = session.target_name();
    let plan = session.plan().clone();
    if let Some(file) = &args.plan {
        let is_json = file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let text = if is_json {
            plan.to_json(&target)
        } else {
            plan.to_text()
        };
        std::fs::write(file, text).map_err(|e| Error::write(file, e))?;
    }
    eprintln!(
        "{}",
        gongkai::t!(
            "deploy-plan-summary",
            target = &target,
            upload = plan.upload.len(),
            replace = plan.replace.len(),
            delete = plan.delete.len()
        )
    );
    if args.dry_run {
        print!("{}", plan.to_text());
        if plan.delete.len() > max_deletes {
            eprintln!(
                "{}",
                gongkai::t!(
                    "deploy-dry-run-too-many",
                    count = plan.delete.len(),
                    max = max_deletes
                )
            );
        }
        eprintln!("{}", gongkai::t!("deploy-dry-run-done"));
        return Ok(());
    }
    let applied = session.apply()?;
    let summary = gongkai::t!(
        "deploy-done",
        target = &target,
        transferred = applied.transferred,
        deleted = applied.deleted,
        elapsed = gongkai::watch::millis(started.elapsed())
    );
    match applied.release {
        Some(release) => eprintln!(
            "{summary}{}",
            gongkai::t!("deploy-done-release", release = release)
        ),
        None => eprintln!("{summary}"),
    }
    Ok(())
}
