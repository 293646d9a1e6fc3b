//! Library throughput: the whole analysis on one core.
//!
//! `cargo bench --bench analyze` (figures in the README). The input is the
//! repository's own sample article repeated, so the bench needs nothing
//! outside the repository. Documents over 256 KB are analysed as regions
//! in parallel; the bench pins that to one thread so every figure is one
//! core's. `examples/throughput.rs` measures any text file the same way.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gazette::{Context, analyze};

// The allocator the binary uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn corpus(size: usize) -> String {
    let sample = include_str!("../examples/sample.txt");
    let body = sample.split("---\n").last().unwrap_or(sample);
    let mut text = String::with_capacity(size + body.len());
    while text.len() < size {
        text.push_str(body);
        text.push('\n');
    }
    text
}

fn bench(c: &mut Criterion) {
    let ctx = Context::default();
    let one_core = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a one-thread pool");
    let mut group = c.benchmark_group("analyze");
    for (name, size) in [("10KB", 10_000), ("250KB", 250_000), ("1MB", 1_000_000)] {
        let text = corpus(size);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            one_core.install(|| b.iter(|| analyze(std::hint::black_box(&text), &ctx)))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
