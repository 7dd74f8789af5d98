//! XLSX with the same columns as the CSV: every value a text cell (so no formula runs and
//! postal codes keep their leading zeros), a bold header row, frozen and filtered.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook};

use super::columns::{fit, Column, Profile};
use crate::contacts::Contact;

/// `progress(done)` is called every few thousand rows; when it returns false the writing stops
/// with an error (the caller was cancelled).
pub fn write(
    path: &Path,
    contacts: &[Contact],
    columns: &[Column],
    profile: Profile,
    progress: &mut dyn FnMut(u64) -> bool,
    shown: &Path,
) -> crate::Result<u64> {
    let mut workbook = Workbook::new();
    let sheet = workbook
        .add_worksheet_with_constant_memory()
        .map_err(|e| failed(shown, e))?
        .set_name("Contacts")
        .map_err(|e| failed(shown, e))?;
    let header = Format::new().set_bold().set_num_format("@");
    let text = Format::new().set_num_format("@");
    let mut shortened = 0;
    let mut limits = Vec::with_capacity(columns.len());
    for (col, column) in columns.iter().enumerate() {
        let (name, limit) = profile.header(*column);
        let col = u16::try_from(col).map_err(|e| failed(shown, e))?;
        sheet
            .write_string_with_format(0, col, &name, &header)
            .map_err(|e| failed(shown, e))?;
        sheet
            .set_column_width(col, 18)
            .map_err(|e| failed(shown, e))?;
        limits.push(limit);
    }
    for (i, contact) in contacts.iter().enumerate() {
        let row = u32::try_from(i + 1).map_err(|e| failed(shown, e))?;
        for (col, (column, limit)) in columns.iter().zip(&limits).enumerate() {
            let (value, cut) = fit(profile.value(*column, contact), *limit);
            shortened += u64::from(cut);
            if value.is_empty() {
                continue;
            }
            sheet
                .write_string_with_format(row, col as u16, value.as_ref(), &text)
                .map_err(|e| failed(shown, e))?;
        }
        if i % 5000 == 4999 && !progress(i as u64 + 1) {
            return Err(crate::Cancelled::Export.into());
        }
    }
    let last_col = u16::try_from(columns.len().saturating_sub(1)).map_err(|e| failed(shown, e))?;
    let last_row = u32::try_from(contacts.len()).map_err(|e| failed(shown, e))?;
    sheet.set_freeze_panes(1, 0).map_err(|e| failed(shown, e))?;
    sheet
        .autofilter(0, 0, last_row, last_col)
        .map_err(|e| failed(shown, e))?;
    workbook.save(path).map_err(|e| failed(shown, e))?;
    Ok(shortened)
}

/// A write that failed, named by the file the owner chose (not the temporary one).
fn failed(shown: &Path, error: impl std::fmt::Display) -> crate::Error {
    super::write_failed(shown, error)
}
