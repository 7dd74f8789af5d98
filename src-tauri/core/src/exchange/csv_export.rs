//! CSV for the accountant: UTF-8 with a BOM and CRLF line ends so Excel reads accents right, any
//! delimiter, and no cell a spreadsheet would run as a formula.

use std::io::Write;
use std::path::Path;

use super::columns::{fit, Column, Profile};
use super::neutralise;
use crate::contacts::Contact;

/// Writes the header and one row per contact; returns how many values were cut to the
/// profile's limits. `progress(done)` is called every few thousand rows; when it returns false the writing stops
/// with an error (the caller was cancelled).
pub fn write(
    out: impl Write,
    contacts: &[Contact],
    columns: &[Column],
    profile: Profile,
    delimiter: u8,
    progress: &mut dyn FnMut(u64) -> bool,
    shown: &Path,
) -> crate::Result<u64> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    out.write_all(b"\xEF\xBB\xBF")
        .map_err(|e| failed(shown, e))?;
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let heads: Vec<(String, Option<usize>)> = columns.iter().map(|c| profile.header(*c)).collect();
    writer
        .write_record(heads.iter().map(|(name, _)| name.as_str()))
        .map_err(|e| failed(shown, e))?;
    let mut shortened = 0;
    for (i, contact) in contacts.iter().enumerate() {
        for (column, (_, limit)) in columns.iter().zip(&heads) {
            let (value, cut) = fit(profile.value(*column, contact), *limit);
            shortened += u64::from(cut);
            writer
                .write_field(neutralise(&value).as_bytes())
                .map_err(|e| failed(shown, e))?;
        }
        writer
            .write_record(None::<&[u8]>)
            .map_err(|e| failed(shown, e))?;
        if i % 5000 == 4999 && !progress(i as u64 + 1) {
            return Err(crate::Cancelled::Export.into());
        }
    }
    writer
        .into_inner()
        .map_err(|e| failed(shown, e))?
        .flush()
        .map_err(|e| failed(shown, e))?;
    Ok(shortened)
}

/// A write that failed, named by the file the owner chose (not the temporary one).
fn failed(shown: &Path, error: impl std::fmt::Display) -> crate::Error {
    super::write_failed(shown, error)
}
