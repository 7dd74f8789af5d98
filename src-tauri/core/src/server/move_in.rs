//! Moving the owner's book onto the team's server (`rapport server init` does it for the book
//! in the data folder): every customer, timeline, photo, record, staff member and setting goes
//! across with its id, so the team starts with the book the owner has, and finds the same
//! people for the same search.

use std::path::Path;

use crate::error::Result;
use crate::store::Store;

/// What was moved.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MovedBook {
    /// The book file it came from.
    pub from: String,
    pub contacts: usize,
    pub timeline_entries: usize,
    pub photos: usize,
    pub staff: usize,
}

/// Copies the whole book in `from` into `target`, an empty book on a server, in one
/// transaction: all of it or, on any error, nothing.
pub(crate) fn copy_book(from: &Store, target: &Store) -> Result<MovedBook> {
    let copy = from.book_copy()?;
    let contacts = target.fill_from(&copy)?;
    Ok(MovedBook {
        from: from.path().display().to_string(),
        contacts,
        timeline_entries: copy.timelines.values().map(Vec::len).sum(),
        photos: copy.photos.len() + copy.staff_photos.len(),
        staff: copy.staff.len(),
    })
}

/// The book file in `data_dir` to move onto a server: None when the folder has none yet, or
/// uses a server's book already.
pub(crate) fn book_file_in(data_dir: &Path) -> Result<Option<Store>> {
    let joined = data_dir.join(super::connection::CONNECTION_FILE).is_file();
    if joined || !data_dir.join(crate::store::DATABASE_FILE).is_file() {
        return Ok(None);
    }
    Ok(Some(Store::open_in(data_dir)?))
}
