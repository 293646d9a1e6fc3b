use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let _ = c;
}

criterion_group!(benches, bench);
criterion_main!(benches);
