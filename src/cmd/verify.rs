//! `gongkai verify DIR|URL`: re-hash every listed file and check the
//! signature; exit 0 when all is well, 1 when not, 2 when it could not
//! check ([`gongkai::integrity::verify`]).

use std::process::ExitCode;

use gongkai::error::{Error, Result};
use gongkai::integrity::fetch::Site;
use gongkai::integrity::sign;
use gongkai::integrity::verify::{self, Signature};

use crate::cli::VerifyArgs;

pub(crate) fn run(args: &VerifyArgs) -> Result<ExitCode> {
    let key = match (&args.public_key, &args.public_key_file) {
        (Some(text), _) => Some(sign::public_key(text)?),
        (None, Some(file)) => {
            let text = std::fs::read_to_string(file).map_err(|e| Error::read(file, e))?;
            Some(sign::public_key(&text)?)
        }
        (None, None) => None,
    };
    let site = Site::open(&args.target);
    let report = verify::verify(&site, key.as_ref())?;
    let list = |key: &str, paths: &[String]| {
        for path in paths {
            println!("{}", gongkai::i18n::message(key, &[("path", path.clone())]));
        }
    };
    list("verify-missing", &report.missing);
    list("verify-altered", &report.altered);
    list("verify-added", &report.added);
    for line in &report.inconsistent {
        println!("{line}");
    }
    match &report.signature {
        Signature::NotChecked => eprintln!("{}", gongkai::t!("verify-signature-unchecked")),
        Signature::Valid => println!("{}", gongkai::t!("verify-signature-valid")),
        Signature::Missing => println!("{}", gongkai::t!("verify-signature-missing")),
        Signature::Invalid(reason) => {
            println!(
                "{}",
                gongkai::t!("verify-signature-invalid", reason = reason)
            );
        }
    }
    let problems = report.missing.len()
        + report.altered.len()
        + report.added.len()
        + report.inconsistent.len();
    if report.ok() {
        println!(
            "{}",
            gongkai::t!("verify-ok", files = report.listed, site = site.name())
        );
        Ok(ExitCode::SUCCESS)
    } else {
        println!(
            "{}",
            gongkai::t!(
                "verify-failed",
                files = report.listed,
                problems = problems,
                site = site.name()
            )
        );
        Ok(ExitCode::from(1))
    }
}
