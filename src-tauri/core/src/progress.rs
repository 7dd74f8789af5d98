//! How far long work has got (a print run, an export, an import), as the window shows it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// `done` of `total` (pages drawn, contacts written, bytes of a file read).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

impl Progress {
    pub fn new(done: impl TryInto<u64>, total: impl TryInto<u64>) -> Progress {
        Progress {
            done: done.try_into().unwrap_or(u64::MAX),
            total: total.try_into().unwrap_or(u64::MAX),
        }
    }
}
