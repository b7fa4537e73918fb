//! `gongkai init DIR`: create a site and say what was made.

use gongkai::error::Result;

use crate::cli::InitArgs;

pub(crate) fn run(args: &InitArgs) -> Result<()> {
    let files = gongkai::init::init(&args.dir, args.title.as_deref())?;
    for file in files {
        eprintln!(
            "{}",
            gongkai::t!("init-created", path = args.dir.join(file).display())
        );
    }
    eprintln!("{}", gongkai::t!("init-next", dir = args.dir.display()));
    Ok(())
}
