//! `gongkai export --cms FILE.zip`: checks the site like `build`, then
//! writes the CMS bundle ([`gongkai::export`]) and says what it holds.

use std::path::Path;

use gongkai::build;
use gongkai::diagnostics::Severity;
use gongkai::error::Result;

use crate::cli::ExportArgs;

pub(crate) fn run(root: &Path, args: &ExportArgs) -> Result<()> {
    let (site, diagnostics) = build::load_and_check(root, Severity::Warning)?;
    super::print_warnings(&diagnostics, root);
    let bundle = gongkai::export::cms_bundle(root, &site)?;
    bundle.write(&args.cms)?;
    eprintln!(
        "{}",
        gongkai::t!(
            "export-written",
            path = args.cms.display(),
            records = bundle.records(),
            files = bundle.files.len()
        )
    );
    Ok(())
}
