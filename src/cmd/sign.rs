//! `gongkai sign`: sign the built output's `SHA256SUMS`, or make a key
//! pair with `--generate DIR` (the library's [`gongkai::integrity::sign`]).

use std::path::Path;

use gongkai::config::Config;
use gongkai::error::Result;
use gongkai::integrity::sign;

use crate::cli::SignArgs;

pub(crate) fn run(root: &Path, args: SignArgs) -> Result<()> {
    if let Some(dir) = &args.generate {
        let password = std::env::var(sign::PASSWORD_ENV).ok();
        let encrypted = password.is_some();
        let public = sign::generate(dir, root, password)?;
        let public_file = dir.join(sign::PUBLIC_KEY_FILE);
        let secret_file = dir.join(sign::SECRET_KEY_FILE);
        eprintln!(
            "{}",
            gongkai::t!(
                "sign-generated",
                public = public_file.display(),
                secret = secret_file.display()
            )
        );
        if !encrypted {
            eprintln!("{}", gongkai::t!("sign-generated-unencrypted"));
        }
        eprintln!("{}", gongkai::t!("sign-generated-next"));
        println!("[integrity]\npublic_key = \"{public}\"");
        return Ok(());
    }
    let config = Config::load(root)?;
    let out_dir = match &args.output_dir {
        Some(dir) => dir.clone(),
        None => root.join(&config.output_dir),
    };
    let key = sign::secret_key(root, &out_dir)?;
    let file = sign::sign(&out_dir, &key)?;
    eprintln!("{}", gongkai::t!("sign-done", file = file.display()));
    Ok(())
}
