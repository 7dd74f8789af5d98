//! Where each active contact stands in name order, kept in memory between searches.
//!
//! A search matching thousands lists them by name. Finding the first page among them used to
//! walk the name index from its start (for a search in a script that sorts late, most of the
//! book) or read every match's name: 15–25 ms at a million contacts. With each contact's place
//! in name order at hand, the page is the matches with the lowest places, found in memory.
//!
//! The places are read once (one pass along the name index) and kept while the book is
//! unchanged: until this connection writes anything or another connection commits.

use std::cell::{Ref, RefCell};
use std::collections::{BinaryHeap, HashMap};

use rusqlite::Connection;

use crate::error::Result;

/// Each active contact's place in the list's name order (sort key, then id).
#[derive(Default)]
pub(super) struct NameOrder {
    places: Places,
}

/// Places by contact id: a table indexed by id when the ids are dense (as SQLite hands them
/// out), a map when they are not (a book whose ids jump far ahead must not make the table as
/// large as its largest id).
enum Places {
    /// Indexed by contact id; [`NameOrder::ABSENT`] for ids of no active contact.
    Dense(Vec<u32>),
    Sparse(HashMap<i64, u32>),
}

impl Default for Places {
    fn default() -> Places {
        Places::Dense(Vec::new())
    }
}

impl NameOrder {
    const ABSENT: u32 = u32::MAX;
    /// Pages ending within this many matches are picked out in one pass (the usual case: the
    /// first screens); deeper ones sort the matches placed.
    const HEAP_REACH: usize = 4_096;

    fn read(conn: &Connection) -> Result<NameOrder> {
        let ids: Vec<i64> = conn
            .prepare_cached(
                "SELECT id FROM contacts INDEXED BY contacts_by_name WHERE archived = 0
                 ORDER BY sort_key, id",
            )?
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(NameOrder::of(&ids))
    }

    /// The order of `ids`, given in name order.
    fn of(ids: &[i64]) -> NameOrder {
        let largest = ids.iter().copied().max().unwrap_or(0);
        let dense_limit = ids.len().saturating_mul(4).saturating_add(65_536);
        let dense = ids.iter().all(|&id| id >= 0)
            && usize::try_from(largest).is_ok_and(|largest| largest < dense_limit);
        let places = if dense {
            let mut table = vec![NameOrder::ABSENT; usize::try_from(largest).unwrap_or(0) + 1];
            for (place, &id) in (0u32..).zip(ids) {
                if let Some(slot) = usize::try_from(id).ok().and_then(|i| table.get_mut(i)) {
                    *slot = place;
                }
            }
            Places::Dense(table)
        } else {
            Places::Sparse((0u32..).zip(ids).map(|(place, &id)| (id, place)).collect())
        };
        NameOrder { places }
    }

    /// Where contact `id` stands in name order; None when it is not an active contact.
    pub(super) fn place(&self, id: i64) -> Option<u32> {
        match &self.places {
            Places::Dense(table) => {
                let place = *table.get(usize::try_from(id).ok()?)?;
                (place != NameOrder::ABSENT).then_some(place)
            }
            Places::Sparse(map) => map.get(&id).copied(),
        }
    }

    /// How many of `ids` are active contacts, and one page (`offset`, `limit`) of those in
    /// name order.
    pub(super) fn count_and_page(
        &self,
        ids: &[i64],
        offset: usize,
        limit: usize,
    ) -> (usize, Vec<i64>) {
        let wanted = offset.saturating_add(limit);
        let mut count = 0;
        let lowest: Vec<(u32, i64)> = if wanted <= NameOrder::HEAP_REACH {
            // The `wanted` lowest places seen so far, the highest on top: one pass over the
            // matches, without a list of all of them (a quarter of a million for "mar").
            let mut heap = BinaryHeap::with_capacity(wanted);
            for &id in ids {
                let Some(place) = self.place(id) else {
                    continue;
                };
                count += 1;
                if heap.len() < wanted {
                    heap.push((place, id));
                } else if let Some(mut highest) = heap.peek_mut() {
                    if place < highest.0 {
                        *highest = (place, id);
                    }
                }
            }
            heap.into_sorted_vec()
        } else {
            let mut placed: Vec<(u32, i64)> = ids
                .iter()
                .filter_map(|&id| Some((self.place(id)?, id)))
                .collect();
            count = placed.len();
            let end = wanted.min(count);
            if end > 0 {
                placed.select_nth_unstable(end - 1);
            }
            placed.truncate(end);
            placed.sort_unstable();
            placed
        };
        let page = lowest.into_iter().skip(offset).map(|(_, id)| id).collect();
        (count, page)
    }
}

/// The book's state a [`NameOrder`] was read in: this connection's count of changes to names,
/// archiving and the set of contacts (or, where that is not counted, of any row), and SQLite's
/// data version, which moves when another connection commits.
#[derive(Clone, Copy, PartialEq, Eq)]
struct BookState {
    own_changes: i64,
    data_version: i64,
}

/// Temporary (this connection's own, in memory) triggers counting the changes that move a
/// contact in name order or in or out of the everyday list, so an edit of anything else (a
/// touchpoint logged, a note) keeps the order read.
const COUNT_NAME_ORDER_CHANGES: &str = "
    CREATE TEMP TABLE IF NOT EXISTS name_order_changes (n INTEGER NOT NULL);
    INSERT INTO name_order_changes (n)
        SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM name_order_changes);
    CREATE TEMP TRIGGER IF NOT EXISTS name_order_after_insert AFTER INSERT ON main.contacts
    BEGIN UPDATE name_order_changes SET n = n + 1; END;
    CREATE TEMP TRIGGER IF NOT EXISTS name_order_after_delete AFTER DELETE ON main.contacts
    BEGIN UPDATE name_order_changes SET n = n + 1; END;
    CREATE TEMP TRIGGER IF NOT EXISTS name_order_after_update
        AFTER UPDATE OF id, sort_key, archived ON main.contacts
    BEGIN UPDATE name_order_changes SET n = n + 1; END;";

/// Drops the counting triggers for a big write in `tx`: run for each of a hundred thousand new
/// contacts they took longer than the rest of the write. [`count_after_big_write`] makes them
/// again; a write rolled back brings them back with it.
pub(super) fn set_aside_for_big_write(tx: &Connection) -> Result<()> {
    tx.execute_batch(
        "DROP TRIGGER temp.name_order_after_insert;
         DROP TRIGGER temp.name_order_after_delete;
         DROP TRIGGER temp.name_order_after_update;",
    )?;
    Ok(())
}

/// Makes the counting triggers again after a big write in `tx`, counting the write as one
/// change to name order.
pub(super) fn count_after_big_write(tx: &Connection) -> Result<()> {
    tx.execute_batch(COUNT_NAME_ORDER_CHANGES)?;
    tx.execute_batch("UPDATE temp.name_order_changes SET n = n + 1")?;
    Ok(())
}

impl BookState {
    fn now(conn: &Connection, counted: bool) -> Result<BookState> {
        let own_changes = if counted {
            conn.query_row("SELECT n FROM temp.name_order_changes", [], |row| {
                row.get(0)
            })?
        } else {
            i64::try_from(conn.total_changes()).unwrap_or(i64::MAX)
        };
        Ok(BookState {
            own_changes,
            data_version: conn.query_row("PRAGMA data_version", [], |row| row.get(0))?,
        })
    }
}

/// The name order last read, with the state it is true for (None: none read, or forgotten).
#[derive(Default)]
pub(super) struct NameOrderCache {
    kept: RefCell<Kept>,
    /// Whether this connection counts its changes to name order (see
    /// [`COUNT_NAME_ORDER_CHANGES`]); if not, any change of its own makes the order stale.
    counted: bool,
}

#[derive(Default)]
struct Kept {
    state: Option<BookState>,
    order: NameOrder,
}

impl NameOrderCache {
    /// The cache for a connection that writes: its changes to name order are counted where the
    /// temporary triggers can be made (else any change of its own makes the order stale).
    pub(super) fn counting(conn: &Connection) -> NameOrderCache {
        NameOrderCache {
            kept: RefCell::default(),
            counted: conn.execute_batch(COUNT_NAME_ORDER_CHANGES).is_ok(),
        }
    }

    /// The name order of the book as it is now: the one kept, or read afresh when the book
    /// changed since.
    pub(super) fn current(&self, conn: &Connection) -> Result<Ref<'_, NameOrder>> {
        let state = BookState::now(conn, self.counted)?;
        if self.kept.borrow().state != Some(state) {
            let mut kept = self.kept.borrow_mut();
            // Forget the stale order first: reading the new one holds both in memory otherwise.
            *kept = Kept::default();
            kept.order = NameOrder::read(conn)?;
            kept.state = Some(state);
        }
        Ok(Ref::map(self.kept.borrow(), |kept| &kept.order))
    }

    /// The kept order if it is still true, without reading one.
    pub(super) fn if_current(&self, conn: &Connection) -> Result<Option<Ref<'_, NameOrder>>> {
        let state = BookState::now(conn, self.counted)?;
        let kept = self.kept.borrow();
        Ok((kept.state == Some(state)).then(|| Ref::map(kept, |kept| &kept.order)))
    }

    /// Whether this connection counts its changes to name order (else any change counts).
    pub(super) fn counts_changes(&self) -> bool {
        self.counted
    }

    /// Drops the kept order: for changes made below SQL (a backup restored over the book).
    pub(super) fn forget(&self) {
        self.kept.replace(Kept::default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_far_apart_are_kept_in_a_map_not_a_table_as_large_as_the_largest() {
        let sparse = NameOrder::of(&[7, 1 << 40, 3]);
        assert!(matches!(sparse.places, Places::Sparse(_)));
        assert_eq!(
            [
                sparse.place(7),
                sparse.place(1 << 40),
                sparse.place(3),
                sparse.place(4)
            ],
            [Some(0), Some(1), Some(2), None]
        );
        let negative = NameOrder::of(&[-5, 2]);
        assert_eq!((negative.place(-5), negative.place(2)), (Some(0), Some(1)));
        let dense = NameOrder::of(&[3, 1, 2]);
        assert!(matches!(dense.places, Places::Dense(_)));
        assert_eq!(
            [
                dense.place(1),
                dense.place(2),
                dense.place(3),
                dense.place(0),
                dense.place(-1)
            ],
            [Some(1), Some(2), Some(0), None, None]
        );
    }

    #[test]
    fn a_page_is_the_matches_with_the_lowest_places_leaving_out_absent_ids() {
        let order = NameOrder::of(&[5, 2, 9, 1, 7]);
        let matches = [1, 2, 3, 7, 9, 42, -1];
        assert_eq!(order.count_and_page(&matches, 0, 2), (4, vec![2, 9]));
        assert_eq!(order.count_and_page(&matches, 2, 10), (4, vec![1, 7]));
        assert_eq!(order.count_and_page(&matches, 4, 10), (4, vec![]));
        assert_eq!(order.place(3), None);
        assert_eq!(order.place(5), Some(0));
    }

    #[test]
    fn pages_near_the_top_and_deep_down_agree_with_the_name_order() {
        // Ids 1..=10,000 in name order from the highest id down; every third one matches,
        // with ids of no active contact among them.
        let by_name: Vec<i64> = (1..=10_000).rev().collect();
        let order = NameOrder::of(&by_name);
        let mut matches: Vec<i64> = (1..=10_000).filter(|id| id % 3 == 0).collect();
        matches.extend([0, 20_000, -5]);
        let in_name_order: Vec<i64> = (1..=10_000).rev().filter(|id| id % 3 == 0).collect();
        let expected = |offset: usize, limit: usize| {
            let page: Vec<i64> = in_name_order
                .iter()
                .copied()
                .skip(offset)
                .take(limit)
                .collect();
            (in_name_order.len(), page)
        };
        for (offset, limit) in [(0, 50), (50, 50), (4_000, 96), (4_000, 97), (3_300, 100)] {
            assert_eq!(
                order.count_and_page(&matches, offset, limit),
                expected(offset, limit),
                "offset {offset}, limit {limit}"
            );
        }
    }
}
