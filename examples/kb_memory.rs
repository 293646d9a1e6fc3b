//! Memory the built-in knowledge base takes, part by part: bytes the
//! program holds (live), the most it held while loading (peak), and what
//! the kernel counts (resident set).
//! `cargo run --release --example kb_memory`

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let n = LIVE.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(n, Relaxed);
        unsafe { mimalloc::MiMalloc.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Relaxed);
        unsafe { mimalloc::MiMalloc.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let n = LIVE.fetch_add(new, Relaxed) + new;
        PEAK.fetch_max(n, Relaxed);
        LIVE.fetch_sub(l.size(), Relaxed);
        unsafe { mimalloc::MiMalloc.realloc(p, l, new) }
    }
}
#[global_allocator]
static GLOBAL: Counting = Counting;
fn rss(what: &str) {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let f = s
        .lines()
        .filter(|l| l.starts_with("RssAnon") || l.starts_with("VmHWM") || l.starts_with("RssFile"))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(", ");
    println!(
        "{what:9} live {:6} KB peak {:6} KB | {f}",
        LIVE.load(Relaxed) / 1024,
        PEAK.load(Relaxed) / 1024
    );
    PEAK.store(LIVE.load(Relaxed), Relaxed);
}
fn main() -> Result<(), gazette::kb::KbError> {
    rss("start");
    let people = gazette::kb::PeopleKb::builtin()?;
    rss("people");
    let names = gazette::kb::NameLexicon::builtin()?;
    rss("names");
    drop((people, names));
    rss("dropped");
    let kb = gazette::kb::Kb::builtin();
    rss("whole kb");
    drop(kb);
    Ok(())
}
