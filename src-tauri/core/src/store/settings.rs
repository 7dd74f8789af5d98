//! Small named values the owner sets once (business name, signature…).

use rusqlite::OptionalExtension;

use super::SqliteStore;
use crate::contacts::LastChange;
use crate::error::Result;

impl SqliteStore {
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .optional()?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
            .map_err(|e| self.explain_busy(e))?;
        Ok(())
    }

    /// Stores `value` unless the setting (read as `default` when never set) is no longer
    /// `base`: then nothing is written and the value found comes back (a book file has one
    /// person, so no one to name). One write transaction: nothing can come between.
    pub fn set_setting_unless_changed(
        &mut self,
        key: &str,
        value: &str,
        base: &str,
        default: &str,
    ) -> Result<Option<(String, Option<LastChange>)>> {
        let tx = self.write_transaction()?;
        let current: Option<String> = tx
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .optional()?;
        let current = current.unwrap_or_else(|| default.to_string());
        if current != base && current != value {
            return Ok(Some((current, None)));
        }
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        tx.commit()?;
        Ok(None)
    }
}
