//! Times one analysis of a large synthetic text: `cargo run --release --example prof [MB]`.
use gazette::{Context, analyze};
fn main() {
    let mb: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10);
    let sample = include_str!("sample.txt");
    let mut text = String::new();
    while text.len() < mb * 1_000_000 {
        text.push_str(sample);
    }
    let ctx = Context::default();
    let _ = analyze("warm up Iran", &ctx);
    let t = std::time::Instant::now();
    let a = analyze(&text, &ctx);
    let secs = t.elapsed().as_secs_f64();
    eprintln!(
        "{} entities in {:.3} s: {:.1} MB/s",
        a.entities.len(),
        secs,
        text.len() as f64 / 1e6 / secs
    );
}
