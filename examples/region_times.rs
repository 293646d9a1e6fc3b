//! How long each region of a large document takes to analyse (the cost
//! of an edit inside it): `cargo run --release --example region_times FILE`.
//!
//! Prints region sizes and the best of three analyses per region.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), String> {
    let path = std::env::args().nth(1).ok_or("usage: region_times FILE")?;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let ctx = gazette::Context::default();
    let mut times = Vec::new();
    for (s, e) in gazette::regions::split(&text) {
        let part = &text[s..e];
        let mut best = f64::MAX;
        for _ in 0..3 {
            let t = std::time::Instant::now();
            drop(gazette::analyze(part, &ctx));
            best = best.min(t.elapsed().as_secs_f64() * 1e3);
        }
        times.push((best, e - s));
    }
    if times.is_empty() {
        return Err(format!("{path}: empty"));
    }
    let n = times.len();
    let mut sizes: Vec<usize> = times.iter().map(|t| t.1).collect();
    sizes.sort_unstable();
    times.sort_by(|a, b| a.0.total_cmp(&b.0));
    let at = |p: usize| times[(n * p / 100).min(n - 1)].0;
    println!(
        "{path}: {n} regions, size p50 {} B, max {} B; analysis ms p50 {:.2}, p90 {:.2}, p99 {:.2}, max {:.2}",
        sizes[n / 2],
        sizes[n - 1],
        at(50),
        at(90),
        at(99),
        times[n - 1].0
    );
    Ok(())
}
