//! `gongkai deploy`: publishing the built output to the host that serves
//! it. This module owns the deploy session (open the target, read its
//! state, plan, apply) and the [`Target`] trait the three kinds of
//! destination implement; `plan.rs` owns hashes, the state file and the
//! plan, `target.rs` the `--to` address, `in_place.rs` the upload order
//! shared by the servers, and `local.rs`, `sftp.rs` and `ftp.rs` one kind
//! of destination each.
//!
//! What is published is exactly the output's `.gongkai-manifest` list:
//! the files gongkai wrote, never the user's other files in that folder.
//! Change detection compares SHA-256 hashes with the state file kept on
//! the target, so any machine can deploy next. Every file reaches its
//! final name by a rename from a temporary name in the same folder, so a
//! visitor never gets half a file; a deploy that is cut off is finished
//! by the next one (see `in_place.rs` and `local.rs`). A plan that would
//! delete more than `max_deletes` files is refused before anything
//! changes, since a site that shrank that much was most likely built from
//! the wrong folder. Like the rest of the library, nothing here prints.

mod fault;
mod ftp;
mod in_place;
mod local;
mod plan;
mod sftp;
mod target;

use std::io;
use std::path::PathBuf;

use crate::error::{Error, Result};

pub use plan::{Plan, STATE_FILE, Snapshot, State};
pub use target::{Destination, Protocol, Remote, parse};

/// The default of `--max-deletes`.
pub const DEFAULT_MAX_DELETES: usize = 256;

/// What a deploy does besides the address.
#[derive(Debug, Clone)]
pub struct DeployOptions {
    /// The built output folder.
    pub out_dir: PathBuf,
    /// Where to.
    pub to: Destination,
    /// Refuse a plan that deletes more files than this.
    pub max_deletes: usize,
    /// How to log in.
    pub credentials: Credentials,
}

/// Login details, from the environment and the command line only.
#[derive(Debug, Clone, Default)]
pub struct Credentials {
    /// `GONGKAI_DEPLOY_USER`, when the address names no user.
    pub user: Option<String>,
    /// `GONGKAI_DEPLOY_PASSWORD`: FTP's password, or SSH password login.
    pub password: Option<String>,
    /// `--identity` or `GONGKAI_DEPLOY_KEY`: an SSH private key file.
    /// Without one, SFTP asks the SSH agent.
    pub identity: Option<PathBuf>,
    /// `GONGKAI_DEPLOY_KEY_PASSPHRASE`, for an encrypted key file.
    pub passphrase: Option<String>,
    /// `GONGKAI_DEPLOY_KNOWN_HOSTS`: the known_hosts file that vouches
    /// for the server's host key (default `~/.ssh/known_hosts`).
    pub known_hosts: Option<PathBuf>,
    /// `GONGKAI_DEPLOY_CA_FILE`: a PEM certificate to trust for FTPS
    /// besides the system's (a host with an internal or self-made one).
    pub ca_file: Option<PathBuf>,
}

impl Credentials {
    /// Reads the `GONGKAI_DEPLOY_*` variables; `identity` (the
    /// `--identity` flag) wins over `GONGKAI_DEPLOY_KEY`.
    pub fn from_env(identity: Option<PathBuf>) -> Credentials {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        Credentials {
            user: var("GONGKAI_DEPLOY_USER"),
            password: var("GONGKAI_DEPLOY_PASSWORD"),
            identity: identity.or_else(|| var("GONGKAI_DEPLOY_KEY").map(PathBuf::from)),
            passphrase: var("GONGKAI_DEPLOY_KEY_PASSPHRASE"),
            known_hosts: var("GONGKAI_DEPLOY_KNOWN_HOSTS").map(PathBuf::from),
            ca_file: var("GONGKAI_DEPLOY_CA_FILE").map(PathBuf::from),
        }
    }
}

/// One kind of destination. The session reads the state through it and
/// hands it the plan; how files reach their place (in place, one rename
/// each, or a whole new release behind a link) is the target's affair.
pub(crate) trait Target {
    /// The state file's bytes as the live site has it; `None` before the
    /// first deploy.
    fn read_state(&mut self) -> io::Result<Option<Vec<u8>>>;

    /// Makes the target hold `site`, given what it held (`previous`) and
    /// the difference (`plan`); the state written last.
    fn apply(&mut self, site: &Snapshot, plan: &Plan, previous: &State) -> Result<Applied>;
}

/// What [`Deploy::apply`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// Files sent (or copied) to the target; files a cut-off deploy had
    /// already put in place are not sent again where the target can tell.
    pub transferred: usize,
    /// Files removed from the live site.
    pub deleted: usize,
    /// The release folder made live (local destinations only).
    pub release: Option<String>,
}

/// An open deploy: the site hashed, the target connected and its state
/// read, the plan made; nothing changed yet.
pub struct Deploy {
    options: DeployOptions,
    site: Snapshot,
    previous: State,
    plan: Plan,
    target: Box<dyn Target>,
    _lock: Box<dyn std::any::Any>,
}

impl Deploy {
    /// Hashes the built output (holding its lock, so no build changes it
    /// meanwhile), connects and logs in, reads the target's state and
    /// plans. Changes nothing anywhere.
    pub fn open(options: DeployOptions) -> Result<Deploy> {
        if crate::write::built_files(&options.out_dir).is_none() {
            return Err(Error::Deploy {
                message: crate::t!("deploy-not-built", dir = options.out_dir.display()),
                help: crate::t!("deploy-not-built-help"),
            });
        }
        let lock = crate::write::lock_output(&options.out_dir)?;
        let site = Snapshot::of(&options.out_dir)?;
        let mut target: Box<dyn Target> = match &options.to {
            Destination::Local(dir) => Box::new(local::Releases::open(dir)),
            Destination::Remote(remote) => match remote.protocol {
                Protocol::Sftp => Box::new(sftp::connect(remote, &options.credentials)?),
                Protocol::Ftp | Protocol::Ftps => {
                    Box::new(ftp::connect(remote, &options.credentials)?)
                }
            },
        };
        let name = options.to.to_string();
        let previous = match target.read_state() {
            Ok(None) => State::default(),
            Ok(Some(bytes)) => State::parse(&bytes).ok_or_else(|| Error::Deploy {
                message: crate::t!("deploy-state-foreign", target = &name, file = STATE_FILE),
                help: crate::t!("deploy-state-foreign-help", file = STATE_FILE),
            })?,
            Err(e) => return Err(failed(&name, STATE_FILE, &e)),
        };
        let plan = Plan::between(&site, &previous);
        Ok(Deploy {
            options,
            site,
            previous,
            plan,
            target,
            _lock: Box::new(lock),
        })
    }

    /// What [`apply`](Deploy::apply) would change.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The destination, as shown to the user (no secret in it).
    pub fn target_name(&self) -> String {
        self.options.to.to_string()
    }

    /// The content hash of the built site (the local release's name).
    pub fn content_hash(&self) -> String {
        self.site.content_hash()
    }

    /// True when the target already holds exactly this site and its state
    /// says the last deploy finished.
    pub fn is_up_to_date(&self) -> bool {
        self.plan.is_empty() && self.previous == State::complete(self.site.files.clone())
    }

    /// Carries out the plan, unless it deletes more than allowed, in
    /// which case nothing changes.
    pub fn apply(mut self) -> Result<Applied> {
        let deletes = self.plan.delete.len();
        if deletes > self.options.max_deletes {
            return Err(Error::Deploy {
                message: crate::t!(
                    "deploy-too-many-deletes",
                    target = self.target_name(),
                    count = deletes,
                    max = self.options.max_deletes
                ),
                help: crate::t!("deploy-too-many-deletes-help", count = deletes),
            });
        }
        if self.is_up_to_date() {
            return Ok(Applied::default());
        }
        self.target.apply(&self.site, &self.plan, &self.previous)
    }
}

/// The error for a step that failed on the target: the target, the file
/// and the system's or server's words, and that running again finishes
/// the job.
pub(crate) fn failed(target: &str, path: &str, error: &io::Error) -> Error {
    Error::Deploy {
        message: crate::t!("deploy-failed", target = target, path = path, error = error),
        help: crate::t!("deploy-failed-help"),
    }
}
