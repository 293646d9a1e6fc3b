//! Analysis time of one (small) article, repeated: the best of 10 batches.
//! `cargo run --release --example loop_small FILE [RUNS_PER_BATCH]`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: loop_small FILE [RUNS]")?;
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let ctx = gazette::Context::default();
    drop(gazette::analyze(&text, &ctx));
    let mut best = f64::MAX;
    for _ in 0..10 {
        let t = std::time::Instant::now();
        for _ in 0..n {
            drop(gazette::analyze(&text, &ctx));
        }
        best = best.min(t.elapsed().as_secs_f64() / n as f64);
    }
    println!(
        "{path}: {:.1} us per analysis, {:.1} MB/s",
        best * 1e6,
        text.len() as f64 / best / 1e6
    );
    Ok(())
}
