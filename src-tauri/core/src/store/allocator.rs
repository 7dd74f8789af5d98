//! SQLite's memory comes from mimalloc. Indexing a contact for search allocates and frees a
//! small block per word; the C library's allocator made that a fifth of the time of filling a
//! big book.

use std::ffi::{c_int, c_void};
use std::sync::Once;

use libmimalloc_sys as mi;
use rusqlite::ffi;

/// Hands SQLite its allocator. SQLite takes it only before its first use in the process, so
/// every connection is opened through here; if something else used SQLite first, it keeps the
/// C library's allocator, which is slower but just as right.
pub(super) fn use_mimalloc() {
    static CONFIGURED: Once = Once::new();
    CONFIGURED.call_once(|| {
        keep_freed_memory_a_while();
        let methods = ffi::sqlite3_mem_methods {
            xMalloc: Some(malloc),
            xFree: Some(free),
            xRealloc: Some(realloc),
            xSize: Some(size),
            xRoundup: Some(roundup),
            xInit: Some(init),
            xShutdown: Some(shutdown),
            pAppData: std::ptr::null_mut(),
        };
        // SAFETY: SQLite copies `methods` before returning; the functions below keep SQLite's
        // contract (a null pointer for no memory, sizes of live blocks, free of null allowed).
        unsafe {
            ffi::sqlite3_config(ffi::SQLITE_CONFIG_MALLOC, &raw const methods);
        }
    });
}

/// mimalloc's `mi_option_purge_delay` (its position in `mi_option_e`; the Rust bindings do not
/// name it). Its default is 10 ms, which is how the position is checked before it is set.
const PURGE_DELAY: mi::mi_option_t = 15;
const DEFAULT_PURGE_DELAY_MS: std::ffi::c_long = 10;

/// mimalloc gives freed memory back to the system after 10 ms, and an import that frees and
/// allocates again then pays a page fault and a zeroed page for each 4 KiB: a 100,000-row import
/// spent a fifth of its time there. A second keeps the memory for the next burst of work and
/// still returns it when Rapport sits idle.
fn keep_freed_memory_a_while() {
    // SAFETY: reading and setting an option are plain calls, valid at any time.
    unsafe {
        if mi::mi_option_get(PURGE_DELAY) == DEFAULT_PURGE_DELAY_MS {
            mi::mi_option_set(PURGE_DELAY, 1_000);
        }
    }
}

fn as_size(n: c_int) -> usize {
    usize::try_from(n).unwrap_or(0)
}

unsafe extern "C" fn malloc(n: c_int) -> *mut c_void {
    // SAFETY: mi_malloc takes any size and returns null when out of memory.
    unsafe { mi::mi_malloc(as_size(n)) }
}

unsafe extern "C" fn free(p: *mut c_void) {
    // SAFETY: `p` came from `malloc` or `realloc` above (or is null).
    unsafe { mi::mi_free(p) }
}

unsafe extern "C" fn realloc(p: *mut c_void, n: c_int) -> *mut c_void {
    // SAFETY: `p` came from `malloc` or `realloc` above.
    unsafe { mi::mi_realloc(p, as_size(n)) }
}

unsafe extern "C" fn size(p: *mut c_void) -> c_int {
    // SAFETY: `p` is a live block from this allocator (or null, which gives 0).
    let usable = unsafe { mi::mi_usable_size(p) };
    c_int::try_from(usable).unwrap_or(c_int::MAX)
}

unsafe extern "C" fn roundup(n: c_int) -> c_int {
    // SAFETY: a pure function of the size.
    let good = unsafe { mi::mi_good_size(as_size(n)) };
    c_int::try_from(good).unwrap_or(n)
}

unsafe extern "C" fn init(_: *mut c_void) -> c_int {
    ffi::SQLITE_OK
}

unsafe extern "C" fn shutdown(_: *mut c_void) {}
