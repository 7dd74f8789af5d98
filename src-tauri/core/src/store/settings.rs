//! Small named values the owner sets once (business name, signature…).

use rusqlite::OptionalExtension;

use super::SqliteStore;
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
}
