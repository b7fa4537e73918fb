//! Watch mode (placeholder until the watcher lands).

use crate::error::{Error, Result};

pub fn placeholder() -> Result<()> {
    Err(Error::Serve("watch is not available yet".to_owned()))
}
