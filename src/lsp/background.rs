//! A thread pool of its own for work nobody is waiting on (indexing the
//! workspace from disk), so it never holds up an edit.
//!
//! Work run from a tokio blocking thread joins rayon's global pool by
//! queueing behind whatever that pool is doing: while the workspace was
//! being indexed, an edit's diagnostics waited for a worker to finish
//! indexing a file (7 ms more at 1 MB, behind a 10 MB file). Indexing runs
//! here instead, at a lower scheduling priority, so typing wins the CPU.

use std::sync::OnceLock;

fn pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        let built = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("gazette-index-{i}"))
            .start_handler(|_| lower_priority())
            .build();
        match built {
            Ok(pool) => Some(pool),
            Err(e) => {
                tracing::warn!("gazette: no background pool ({e}); indexing shares the main one");
                None
            }
        }
    })
    .as_ref()
}

/// Runs `f` (and any parallel work inside it) on the background pool.
pub fn run<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    match pool() {
        Some(pool) => pool.install(f),
        None => f(),
    }
}

/// Nice value of the background threads: below the editor-facing ones,
/// never so low that indexing starves on a busy machine.
#[cfg(target_os = "linux")]
const NICE: libc::c_int = 10;

#[cfg(target_os = "linux")]
fn lower_priority() {
    // SAFETY: on Linux the nice value is per thread, and `who == 0` names
    // the calling thread; failure leaves the priority as it was.
    let _ = unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, NICE) };
}

#[cfg(not(target_os = "linux"))]
fn lower_priority() {}
