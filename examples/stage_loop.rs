//! One recogniser alone over a file, for profiling:
//! `cargo run --release --example stage_loop FILE countries|people|dates|link [RUNS]`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: stage_loop FILE STAGE [RUNS]")?;
    let stage = args.next().ok_or("usage: stage_loop FILE STAGE [RUNS]")?;
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let ctx = gazette::Context::default();
    let kb = &*ctx.kb;
    let mut best = f64::MAX;
    for _ in 0..runs {
        let t = std::time::Instant::now();
        match stage.as_str() {
            "countries" => {
                let mut c = Vec::new();
                gazette::recognize::countries::recognize(&text, kb, &mut c);
            }
            "people" => {
                let mut c = Vec::new();
                drop(gazette::recognize::people::recognize(&text, kb, &mut c));
            }
            "dates" => drop(gazette::time::recognize(&text, None)),
            other => return Err(format!("unknown stage {other}")),
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!("{stage}: {:.2} ms", best * 1e3);
    Ok(())
}
