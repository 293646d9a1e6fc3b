//! Generated-input tests: no panics, well-formed output, and edits that
//! agree with a fresh analysis.
//!
//! A short run is part of `cargo test`; the long run is
//! `GAZETTE_FUZZ_CASES=100000 cargo test --release --test fuzz`.

use gazette::regions::RegionCache;
use gazette::text::{LineIndex, PositionEncoding};
use gazette::{Context, analyze, analyze_cached, export};
use proptest::prelude::*;
use std::sync::OnceLock;

fn cases(divisor: u32) -> u32 {
    let n: u32 = std::env::var("GAZETTE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    (n / divisor).max(4)
}

fn ctx() -> &'static Context {
    static CTX: OnceLock<Context> = OnceLock::new();
    CTX.get_or_init(Context::default)
}

/// Pieces of news-like text, mixed with noise.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "Russia", "U.S.", "US", "us", "Iran", "Iranians", "Chinese", "Congo", "Georgia", "Jordan",
            "Mr.", "President", "Sergey Lavrov", "Lavrov", "said", "on Monday", "last June", "3-4 July 2024",
            "16.10.2025", "2025-10-16", "31 April", "05/06/2024", "the 1990s", "yesterday", "Q3 2024",
            "---\ndate: 2024-05-20\n---\n", "MOSCOW, Oct 16 (Reuters) -", "’s", "'s", "\r\n", "\n\n", ", ",
            ". ", "–", "🇷🇺", "Россия", "中国", "e\u{301}", "\u{a0}", "\u{0}", "\u{feff}", "Türkiye",
        ]).prop_map(str::to_string),
        2 => "[A-Za-z]{1,12}",
        1 => "[0-9/.:-]{1,10}",
        1 => "\\PC{1,8}",
        1 => prop::sample::select(vec![" ", "  ", "\t", "\r", "\n"]).prop_map(str::to_string),
    ]
}

fn text_strategy(max_pieces: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..max_pieces).prop_map(|ps| ps.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(1), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn analysis_never_panics_and_is_well_formed(text in text_strategy(60)) {
        let a = analyze(&text, ctx());
        let mut last_end = 0;
        for e in &a.entities {
            prop_assert!(e.start < e.end && e.end <= text.len());
            prop_assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
            prop_assert!(e.start >= last_end, "overlap or disorder at {}", e.start);
            last_end = e.end;
            if let Some(d) = &e.date {
                prop_assert!(!d.value.is_empty());
            }
        }
        for f in &a.findings {
            prop_assert!(f.start <= f.end && f.end <= text.len());
            prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
            for fix in &f.fixes {
                for ed in &fix.edits {
                    prop_assert!(ed.start <= ed.end && ed.end <= text.len());
                }
            }
        }
        for line in export::jsonl("f.txt", &text, &a).lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let (s, e) = (v["start"].as_u64().unwrap() as usize, v["end"].as_u64().unwrap() as usize);
            let chars: String = text.chars().skip(s).take(e - s).collect();
            prop_assert_eq!(v["text"].as_str().unwrap(), chars);
        }
    }

    #[test]
    fn positions_round_trip_in_every_encoding(text in "\\PC{0,80}(\r\n|\n|\r)?\\PC{0,40}") {
        let idx = LineIndex::new(&text);
        for enc in [PositionEncoding::Utf8, PositionEncoding::Utf16, PositionEncoding::Utf32] {
            for (b, _) in text.char_indices() {
                if text[b..].starts_with('\n') && text[..b].ends_with('\r') {
                    continue;
                }
                let (l, c) = idx.position(&text, b, enc);
                prop_assert_eq!(idx.offset(&text, l, c, enc), b);
            }
            // Anything, even out of range, maps inside the text.
            let o = idx.offset(&text, 999, 999, enc);
            prop_assert!(o <= text.len());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(100), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn edits_of_large_documents_equal_a_fresh_analysis(
        paragraphs in prop::collection::vec(text_strategy(12), 40..60),
        edits in prop::collection::vec((any::<prop::sample::Index>(), piece(), 0usize..20), 1..6),
    ) {
        // Repeat the paragraphs past the whole-document limit so the
        // region cache is exercised.
        let unit = paragraphs.join("\n\n") + "\n\n";
        let mut text = unit.repeat(gazette::regions::WHOLE_LIMIT / unit.len().max(1) + 2);
        let mut cache = RegionCache::default();
        let _ = analyze_cached(&text, ctx(), &mut cache);
        for (at, ins, del) in edits {
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let a = bounds[at.index(bounds.len())];
            let b = bounds[(at.index(bounds.len()) + del).min(bounds.len() - 1)];
            text.replace_range(a..b, &ins);
            let incremental = analyze_cached(&text, ctx(), &mut cache);
            let fresh = analyze(&text, ctx());
            prop_assert_eq!(&incremental.entities, &fresh.entities);
            prop_assert_eq!(&incremental.findings, &fresh.findings);
        }
    }
}
