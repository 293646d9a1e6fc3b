use gazette::{Context, analyze_cached, regions::RegionCache, review};
use std::time::Instant;
fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let ctx = Context::default();
    let mut cache = RegionCache::default();
    let _ = analyze_cached(&text, &ctx, &mut cache);
    let mut t2 = text.clone();
    for k in 0..5 {
        let mid = t2[..t2.len() / 2 + k * 1000].rfind(' ').unwrap();
        t2.insert_str(mid, " meanwhile");
        let t = Instant::now();
        let a = analyze_cached(&t2, &ctx, &mut cache);
        let e1 = t.elapsed();
        let t = Instant::now();
        let m = review::merge(&t2, &a, &review::AnnDoc::new());
        eprintln!(
            "analyze {:?} merge {:?} ({} entities, {} findings)",
            e1,
            t.elapsed(),
            m.len(),
            a.findings.len()
        );
    }
}
