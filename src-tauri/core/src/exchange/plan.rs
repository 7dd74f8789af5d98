//! What an import does with each row, decided row by row as the file is read: refuse it, add
//! it, or treat it as a duplicate of a stored contact or of an earlier row (skip it, merge it,
//! or keep both) — the same decisions for a dry run and for the real import.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;

use super::duplicates::{merge_with_picks, ContactKeys, DuplicateIndex, Slot};
use super::rows::{check, DuplicateChoice, DuplicateRow, OnDuplicate, RefusedRow, SourceRow};
use crate::contacts::{Contact, ContactInput};
use crate::photos::{self, NormalizedPhoto};
use crate::store::{ImportChange, ImportTarget};

/// A row to add, as it will be stored, with its photo when the card had a usable one.
pub(super) struct Addition {
    pub input: Arc<ContactInput>,
    pub photo: Option<NormalizedPhoto>,
}

pub(super) struct Planner<'a> {
    existing: &'a [Contact],
    index: DuplicateIndex,
    choices: BTreeMap<u64, &'a DuplicateChoice>,
    on_duplicate: OnDuplicate,
    today: NaiveDate,
    /// The rows added so far, by slot, as they stand now (a later row may have merged into
    /// one). Shared with the writer, which may have stored them already.
    added: Vec<Arc<ContactInput>>,
    /// Changes to contacts: stored ones merged with a row, rows merged into after they were
    /// added, and the photos those rows brought.
    changed_fields: BTreeMap<Slot, ContactInput>,
    changed_photos: BTreeMap<Slot, NormalizedPhoto>,
    skipped_photos: Vec<(usize, String)>,
    /// A dry run: photos are checked (the same checks, decoded but not kept), not normalised.
    check_photos_only: bool,
    rows: u64,
    merged: u64,
    skipped: u64,
    refused: Vec<RefusedRow>,
    duplicates: Vec<DuplicateRow>,
    duplicates_found: u64,
}

impl<'a> Planner<'a> {
    /// A planner against the book's contacts (`existing`), with the owner's `choices` for
    /// particular duplicates and `on_duplicate` for the rest.
    pub fn new(
        existing: &'a [Contact],
        choices: &'a [DuplicateChoice],
        on_duplicate: OnDuplicate,
        today: NaiveDate,
    ) -> Planner<'a> {
        let mut index = DuplicateIndex::default();
        for (i, contact) in existing.iter().enumerate() {
            index.add(&contact.fields, Slot::Existing(i));
        }
        Planner {
            existing,
            index,
            choices: choices.iter().map(|c| (c.line, c)).collect(),
            on_duplicate,
            today,
            added: Vec::new(),
            changed_fields: BTreeMap::new(),
            changed_photos: BTreeMap::new(),
            skipped_photos: Vec::new(),
            check_photos_only: false,
            rows: 0,
            merged: 0,
            skipped: 0,
            refused: Vec::new(),
            duplicates: Vec::new(),
            duplicates_found: 0,
        }
    }

    /// For a dry run: each card's photo is checked as the import would check it (a photo the
    /// import would skip is noted alike) but not resized or encoded, as nothing is stored.
    pub fn check_photos_only(&mut self) {
        self.check_photos_only = true;
    }

    /// Decides what happens to `row`; returns it when it is to be added as a new contact.
    pub fn plan(&mut self, row: SourceRow) -> Option<Addition> {
        self.rows += 1;
        let SourceRow {
            line: row_line,
            input,
            problems,
            photo,
        } = row;
        let line = row_line as u64;
        let input = match check(input, &problems, self.today) {
            Ok(input) => input,
            Err(reason) => {
                self.refused.push(RefusedRow { line, reason });
                return None;
            }
        };
        let keys = ContactKeys::of(&input);
        let Some((slot, reason)) = self.index.find_keys(&keys) else {
            self.index.add_keys(keys, Slot::New(self.added.len()));
            return Some(self.add(input, row_line, &photo));
        };
        let choice = self.choices.get(&line);
        let action = choice.map_or(self.on_duplicate, |c| c.action);
        let picks = choice.map_or(&[][..], |c| c.picks.as_slice());
        let existing_archived = match slot {
            Slot::Existing(i) => self.existing[i].archived,
            Slot::New(_) => false,
        };
        let existing_id = match slot {
            Slot::Existing(i) => Some(self.existing[i].id),
            Slot::New(_) => None,
        };
        self.duplicates_found += 1;
        // Both sides as they were, for the side-by-side view: the first so many duplicates.
        let shown = self.duplicates.len() < REPORTED_DUPLICATES;
        let current = (shown || action == OnDuplicate::Merge).then(|| match slot {
            Slot::Existing(i) => self
                .changed_fields
                .get(&slot)
                .unwrap_or(&self.existing[i].fields)
                .clone(),
            Slot::New(i) => self.added[i].as_ref().clone(),
        });
        let duplicate = |existing: ContactInput, incoming: ContactInput| DuplicateRow {
            line,
            existing_id,
            existing_archived,
            existing,
            incoming,
            reason: reason.into(),
            action,
        };
        match action {
            OnDuplicate::Skip => {
                if let Some(current) = current {
                    self.duplicates.push(duplicate(current, input));
                }
                // The row's emails and phones point to the contact it matched, as a merge's
                // would: later rows match alike whichever choice is made, so the check the
                // owner sees (made with skip) finds what the import will.
                self.index.add_keys(keys, slot);
                self.skipped += 1;
                None
            }
            OnDuplicate::Keep => {
                if let Some(current) = current {
                    self.duplicates.push(duplicate(current, input.clone()));
                }
                self.index.add_keys(keys, Slot::New(self.added.len()));
                Some(self.add(input, row_line, &photo))
            }
            OnDuplicate::Merge => {
                let current = current.unwrap_or_default();
                let mut target = current.clone();
                merge_with_picks(&mut target, &input, picks);
                if shown {
                    self.duplicates.push(duplicate(current, input));
                }
                match target.validated(self.today) {
                    Ok(target) => {
                        self.index.add(&target, slot);
                        if let Slot::New(i) = slot {
                            self.added[i] = Arc::new(target.clone());
                        }
                        self.changed_fields.insert(slot, target);
                        // The card's photo, when it has a usable one, replaces the contact's.
                        if let Some(photo) = self.photo_of(row_line, &photo) {
                            self.changed_photos.insert(slot, photo);
                        }
                        self.merged += 1;
                    }
                    Err(e) => self.refused.push(RefusedRow {
                        line,
                        reason: format!("merging would make an invalid contact: {e}"),
                    }),
                }
                None
            }
        }
    }

    fn add(
        &mut self,
        input: ContactInput,
        line: usize,
        photo: &Option<Result<Vec<u8>, String>>,
    ) -> Addition {
        let input = Arc::new(input);
        self.added.push(Arc::clone(&input));
        Addition {
            input,
            photo: self.photo_of(line, photo),
        }
    }

    /// A card's photo through the same checks and limits as any photo; a refused one is noted.
    fn photo_of(
        &mut self,
        line: usize,
        photo: &Option<Result<Vec<u8>, String>>,
    ) -> Option<NormalizedPhoto> {
        let reason = match photo.as_ref()? {
            Ok(bytes) if self.check_photos_only => match photos::check(bytes) {
                Ok(()) => return None,
                Err(e) => e.to_string(),
            },
            // One photo at a time: decoded, reduced and encoded before the next card is read.
            Ok(bytes) => match photos::normalize(bytes) {
                Ok(photo) => return Some(photo),
                Err(e) => e.to_string(),
            },
            Err(reason) => reason.clone(),
        };
        self.skipped_photos.push((line, reason));
        None
    }

    /// What was decided, and what is left to free: the duplicate index and the added rows,
    /// hundreds of thousands of small allocations after a big file, are better let go of on
    /// a thread nobody waits for.
    pub fn finish(mut self) -> (Outcome, impl Send + 'a) {
        let outcome = Outcome {
            rows: self.rows,
            added: self.added.len() as u64,
            merged: self.merged,
            skipped: self.skipped,
            refused: std::mem::take(&mut self.refused),
            duplicates: std::mem::take(&mut self.duplicates),
            duplicates_found: self.duplicates_found,
            photo_notes: self.skipped_photo_notes(),
            changes: self.changes(),
        };
        (outcome, self)
    }

    /// The changes to store once the new contacts are in: merges and the photos they brought.
    fn changes(&mut self) -> Vec<ImportChange> {
        let target = |slot: Slot| match slot {
            Slot::Existing(i) => ImportTarget::Stored(self.existing[i].id),
            Slot::New(i) => ImportTarget::Added(i),
        };
        let mut fields = std::mem::take(&mut self.changed_fields);
        let mut photos = std::mem::take(&mut self.changed_photos);
        let slots: std::collections::BTreeSet<Slot> =
            fields.keys().chain(photos.keys()).copied().collect();
        slots
            .into_iter()
            .map(|slot| ImportChange {
                target: target(slot),
                fields: fields.remove(&slot),
                photo: photos.remove(&slot),
            })
            .collect()
    }

    /// Says which cards' photos were skipped and why (their contacts were read all the same).
    fn skipped_photo_notes(&self) -> Vec<String> {
        let mut notes: Vec<String> = self
            .skipped_photos
            .iter()
            .take(PHOTO_NOTES)
            .map(|(line, reason)| {
                format!("The photo of the card on line {line} was skipped (the contact itself was read): {reason}")
            })
            .collect();
        if self.skipped_photos.len() > PHOTO_NOTES {
            notes.push(format!(
                "{} more photos were skipped, as above.",
                self.skipped_photos.len() - PHOTO_NOTES
            ));
        }
        notes
    }
}

/// What an import decided for the whole file.
pub(super) struct Outcome {
    pub rows: u64,
    pub added: u64,
    pub merged: u64,
    pub skipped: u64,
    pub refused: Vec<RefusedRow>,
    pub duplicates: Vec<DuplicateRow>,
    pub duplicates_found: u64,
    pub photo_notes: Vec<String>,
    /// Merges and photos to store once the new contacts are in.
    pub changes: Vec<ImportChange>,
}

/// Duplicates reported side by side, at most this many (the first in the file); the rest are
/// counted and follow the choice for all. Thousands of them would only weigh the report down.
pub const REPORTED_DUPLICATES: usize = 1_000;

/// Photos noted one by one, at most this many; the rest are counted.
const PHOTO_NOTES: usize = 20;
