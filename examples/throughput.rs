//! One core's analysis throughput on any text file, stage by stage:
//! `cargo run --release --example throughput FILE [RUNS]`.
//!
//! Prints the best of RUNS (default 20) for the whole pipeline and for
//! each recogniser alone; the best run is the one least disturbed by
//! other work on the machine.

use gazette::{Context, analyze};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn best_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..runs {
        let t = std::time::Instant::now();
        f();
        best = best.min(t.elapsed().as_secs_f64());
    }
    best * 1e3
}

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: throughput FILE [RUNS]")?;
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let ctx = Context::default();
    let kb = &*ctx.kb;
    // Regions of a large document run in parallel; measure one core.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .map_err(|e| e.to_string())?;
    pool.install(|| {
        let total = best_ms(runs, || drop(analyze(&text, &ctx)));
        let countries = best_ms(runs, || {
            let mut c = Vec::new();
            drop(gazette::recognize::countries::recognize(&text, kb, &mut c));
        });
        let people = best_ms(runs, || {
            let mut c = Vec::new();
            drop(gazette::recognize::people::recognize(
                &text,
                kb,
                &[],
                &mut c,
            ));
        });
        let dates = best_ms(runs, || drop(gazette::time::recognize(&text, None)));
        let mb = text.len() as f64 / 1e6;
        println!(
            "{path}: {:.0} KB, whole pipeline {total:.2} ms = {:.1} MB/s on one core \
             (alone: countries {countries:.2} ms, people {people:.2} ms, dates {dates:.2} ms)",
            text.len() as f64 / 1e3,
            mb / (total / 1e3),
        );
    });
    Ok(())
}
