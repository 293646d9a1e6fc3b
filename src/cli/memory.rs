//! Allocator settings for batch runs over large corpora.
//!
//! The binary's allocator (mimalloc) by default backs its arenas with
//! transparent huge pages and keeps freed memory for seconds before
//! returning it. That suits the language server, but in `annotate` over
//! many large articles it made the resident set roughly double what the
//! articles in flight need: the knowledge base alone took 60 MB of 2 MB
//! pages instead of 30 MB. A batch run therefore asks for ordinary pages
//! and a short purge delay.

use std::os::raw::{c_int, c_long, c_ulong};

unsafe extern "C" {
    // From the mimalloc library linked in by the `mimalloc` crate (the
    // global allocator in `main.rs`).
    fn mi_version() -> c_int;
    fn mi_option_set(option: c_int, value: c_long);
}

/// Option indices, the same in mimalloc 2.x and 3.x (`mimalloc.h`).
const MI_OPTION_PURGE_DELAY: c_int = 15;
const MI_OPTION_ARENA_PURGE_MULT: c_int = 24;
/// Milliseconds freed memory stays with the allocator (default 1000, ten
/// times that for arenas). Short enough that one large article's memory
/// is back before the next one's peak, long enough to cost little; with
/// the arenas' default 10x, a loaded machine sometimes let the next
/// article start first (125 MB instead of 85).
const PURGE_DELAY_MS: c_long = 10;
const ARENA_PURGE_MULT: c_long = 1;

#[cfg(target_os = "linux")]
unsafe extern "C" {
    fn prctl(option: c_int, ...) -> c_int;
}

#[cfg(target_os = "linux")]
const PR_SET_THP_DISABLE: c_int = 41;

/// Tunes the process for a long batch run (call once, early). mimalloc's
/// own environment variables, when set, win.
pub fn tune_for_batch() {
    // SAFETY: `mi_version` only returns a constant.
    let known = matches!(unsafe { mi_version() } / 10000, 2 | 3);
    for (env, option, value) in [
        (
            "MIMALLOC_PURGE_DELAY",
            MI_OPTION_PURGE_DELAY,
            PURGE_DELAY_MS,
        ),
        (
            "MIMALLOC_ARENA_PURGE_MULT",
            MI_OPTION_ARENA_PURGE_MULT,
            ARENA_PURGE_MULT,
        ),
    ] {
        if known && std::env::var_os(env).is_none() {
            // SAFETY: the option indices are those of every mimalloc
            // release this crate links (2.x, 3.x), checked by version
            // above; setting an option is thread-safe.
            unsafe { mi_option_set(option, value) };
        }
    }
    #[cfg(target_os = "linux")]
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        // SAFETY: PR_SET_THP_DISABLE takes plain integer arguments and
        // only sets a flag on this process; a failure changes nothing.
        unsafe {
            prctl(
                PR_SET_THP_DISABLE,
                1 as c_ulong,
                0 as c_ulong,
                0 as c_ulong,
                0 as c_ulong,
            );
        }
    }
}
