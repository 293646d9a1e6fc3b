//! Agreement between reviewers' `.ann` files of the same articles.
//!
//! What counts as an annotation: every `T` line that is accepted or
//! manual (no `Status`, `Status Accepted` or `Status Manual`); rejected
//! tags and pending suggestions are not annotations. All labels found are
//! scored, gazette's four and any other.
//!
//! - **span F1** per pair of annotators: exact match of label and
//!   fragments; `2·matched / (|A| + |B|)`.
//! - **Cohen's kappa** per pair, on tokens: each token (a run of letters
//!   and digits, or one other non-space character) gets the label of the
//!   annotation covering it, or `O`. Overall kappa is over all labels
//!   with `O`; a label's kappa is over "this label or not".
//! - **Krippendorff's alpha** (nominal) over all annotators at once, on
//!   the same tokens; an annotator without a file for a document is
//!   missing data for its tokens.
//!
//! A value is `None` when undefined (no annotations at all, or no
//! variation to measure agreement against).

use super::ann::AnnDoc;
use super::merge::{STATUS, Status};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::Hash;

/// One article as every annotator annotated it.
pub struct AgreeDoc {
    pub name: String,
    /// The article text (any line breaks; offsets are counted on its
    /// LF-normalised form, as in the `.ann`).
    pub text: String,
    /// One entry per annotator, `None` when that annotator has no file.
    pub anns: Vec<Option<AnnDoc>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairScores {
    /// Annotations of the first and second annotator, and exact matches.
    pub a: usize,
    pub b: usize,
    pub matched: usize,
    pub f1: Option<f64>,
    pub kappa: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairReport {
    pub a: String,
    pub b: String,
    pub overall: PairScores,
    pub labels: BTreeMap<String, PairScores>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub annotators: Vec<String>,
    pub documents: usize,
    pub tokens: usize,
    pub labels: Vec<String>,
    pub pairs: Vec<PairReport>,
    /// Krippendorff's alpha over all annotators.
    pub alpha: Option<f64>,
    pub alpha_labels: BTreeMap<String, Option<f64>>,
}

type Span = (String, Vec<(usize, usize)>);
/// A document's tokens and each annotator's spans (`None`: no file).
type Prepared = (Vec<(usize, usize)>, Vec<Option<Vec<Span>>>);

/// The annotations (label, fragments) an annotator committed to.
fn kept(doc: &AnnDoc) -> Vec<Span> {
    doc.text_bounds()
        .filter(|t| {
            let st = doc
                .attribute(&t.id, STATUS)
                .map(|(_, a)| Status::from_attribute(a.value.as_deref()))
                .unwrap_or(Status::Manual);
            st.is_kept()
        })
        .map(|t| (t.label.clone(), t.fragments.clone()))
        .collect()
}

/// Token spans (code points of the LF-normalised text).
pub fn tokens(text: &str) -> Vec<(usize, usize)> {
    let norm = crate::text::normalize_newlines(text);
    let mut out = Vec::new();
    let mut run: Option<usize> = None;
    let mut i = 0;
    for c in norm.chars() {
        if c.is_alphanumeric() {
            run.get_or_insert(i);
        } else {
            if let Some(s) = run.take() {
                out.push((s, i));
            }
            if !c.is_whitespace() {
                out.push((i, i + 1));
            }
        }
        i += 1;
    }
    if let Some(s) = run {
        out.push((s, i));
    }
    out
}

/// The label of each token: the first annotation overlapping it, or `O`.
fn token_labels(toks: &[(usize, usize)], spans: &[Span]) -> Vec<String> {
    toks.iter()
        .map(|&(s, e)| {
            spans
                .iter()
                .find(|(_, fr)| fr.iter().any(|&(a, b)| a < e && s < b))
                .map(|(l, _)| l.clone())
                .unwrap_or_else(|| "O".into())
        })
        .collect()
}

/// Cohen's kappa of two equally long label sequences:
/// `(p_o - p_e) / (1 - p_e)` with `p_e = Σ_c p_a(c)·p_b(c)`.
pub fn cohen_kappa<L: Eq + Hash>(a: &[L], b: &[L]) -> Option<f64> {
    let n = a.len().min(b.len());
    if n == 0 {
        return None;
    }
    let agree = a.iter().zip(b).filter(|(x, y)| x == y).count();
    let mut ca: HashMap<&L, usize> = HashMap::new();
    let mut cb: HashMap<&L, usize> = HashMap::new();
    for (x, y) in a.iter().zip(b) {
        *ca.entry(x).or_default() += 1;
        *cb.entry(y).or_default() += 1;
    }
    let nf = n as f64;
    let po = agree as f64 / nf;
    let pe: f64 = ca
        .iter()
        .map(|(c, &k)| k as f64 / nf * cb.get(c).copied().unwrap_or(0) as f64 / nf)
        .sum();
    if (1.0 - pe).abs() < 1e-12 {
        return None;
    }
    Some((po - pe) / (1.0 - pe))
}

/// Krippendorff's alpha, nominal metric. `units[u][coder]` is the value a
/// coder gave unit `u`, `None` when missing. Units with fewer than two
/// values are not pairable and are skipped.
///
/// `alpha = 1 - (n - 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k`, where the
/// coincidence `o_ck` sums, over units, the ordered pairs of values (c, k)
/// from different coders divided by `m_u - 1`, and `n_c = Σ_k o_ck`.
pub fn krippendorff_alpha<L: Eq + Hash + Clone>(units: &[Vec<Option<L>>]) -> Option<f64> {
    let mut o: HashMap<(L, L), f64> = HashMap::new();
    for u in units {
        let vals: Vec<&L> = u.iter().flatten().collect();
        let m = vals.len();
        if m < 2 {
            continue;
        }
        for (i, c) in vals.iter().enumerate() {
            for (j, k) in vals.iter().enumerate() {
                if i != j {
                    *o.entry(((*c).clone(), (*k).clone())).or_default() += 1.0 / (m - 1) as f64;
                }
            }
        }
    }
    let mut nc: HashMap<L, f64> = HashMap::new();
    for ((c, _), v) in &o {
        *nc.entry(c.clone()).or_default() += v;
    }
    let n: f64 = nc.values().sum();
    let disagree: f64 = o.iter().filter(|((c, k), _)| c != k).map(|(_, v)| v).sum();
    let expected: f64 = n * n - nc.values().map(|v| v * v).sum::<f64>();
    if n < 2.0 || expected.abs() < 1e-12 {
        return None;
    }
    Some(1.0 - (n - 1.0) * disagree / expected)
}

fn f1(a: usize, b: usize, matched: usize) -> Option<f64> {
    (a + b > 0).then(|| 2.0 * matched as f64 / (a + b) as f64)
}

/// Agreement of the annotators (named in `annotators`, in the order of
/// each document's `anns`).
pub fn compute(annotators: &[String], docs: &[AgreeDoc]) -> Report {
    let k = annotators.len();
    // Per document: tokens and each annotator's spans.
    let prepared: Vec<Prepared> = docs
        .iter()
        .map(|d| {
            let toks = tokens(&d.text);
            let spans = (0..k)
                .map(|i| d.anns.get(i).and_then(|a| a.as_ref()).map(kept))
                .collect();
            (toks, spans)
        })
        .collect();
    let mut labels: BTreeSet<String> = BTreeSet::new();
    for (_, spans) in &prepared {
        for s in spans.iter().flatten() {
            labels.extend(s.iter().map(|(l, _)| l.clone()));
        }
    }
    let labels: Vec<String> = labels.into_iter().collect();
    let tok_labels: Vec<Vec<Option<Vec<String>>>> = prepared
        .iter()
        .map(|(toks, spans)| {
            spans
                .iter()
                .map(|s| s.as_ref().map(|s| token_labels(toks, s)))
                .collect()
        })
        .collect();

    let mut pairs = Vec::new();
    for i in 0..k {
        for j in i + 1..k {
            let mut ta: Vec<&str> = vec![];
            let mut tb: Vec<&str> = vec![];
            let count = |l: Option<&str>| -> (usize, usize, usize) {
                let (mut na, mut nb, mut m) = (0, 0, 0);
                for (_, spans) in &prepared {
                    let (Some(a), Some(b)) = (&spans[i], &spans[j]) else {
                        continue;
                    };
                    let fa: Vec<&Span> = a.iter().filter(|s| l.is_none_or(|l| s.0 == l)).collect();
                    let fb: Vec<&Span> = b.iter().filter(|s| l.is_none_or(|l| s.0 == l)).collect();
                    na += fa.len();
                    nb += fb.len();
                    let mut used = vec![false; fb.len()];
                    for s in &fa {
                        if let Some(p) = (0..fb.len()).find(|&p| !used[p] && fb[p] == *s) {
                            used[p] = true;
                            m += 1;
                        }
                    }
                }
                (na, nb, m)
            };
            let (na, nb, m) = count(None);
            let mut per = BTreeMap::new();
            let label_counts: Vec<(String, (usize, usize, usize))> =
                labels.iter().map(|l| (l.clone(), count(Some(l)))).collect();
            for tl in &tok_labels {
                if let (Some(a), Some(b)) = (&tl[i], &tl[j]) {
                    ta.extend(a.iter().map(String::as_str));
                    tb.extend(b.iter().map(String::as_str));
                }
            }
            for (l, (la, lb, lm)) in label_counts {
                let ba: Vec<bool> = ta.iter().map(|x| *x == l).collect();
                let bb: Vec<bool> = tb.iter().map(|x| *x == l).collect();
                per.insert(
                    l,
                    PairScores {
                        a: la,
                        b: lb,
                        matched: lm,
                        f1: f1(la, lb, lm),
                        kappa: cohen_kappa(&ba, &bb),
                    },
                );
            }
            pairs.push(PairReport {
                a: annotators[i].clone(),
                b: annotators[j].clone(),
                overall: PairScores {
                    a: na,
                    b: nb,
                    matched: m,
                    f1: f1(na, nb, m),
                    kappa: cohen_kappa(&ta, &tb),
                },
                labels: per,
            });
        }
    }

    // Units for alpha: every token of every document.
    let mut units: Vec<Vec<Option<&str>>> = vec![];
    for tl in &tok_labels {
        let n = tl.iter().flatten().map(Vec::len).max().unwrap_or(0);
        for t in 0..n {
            units.push(
                tl.iter()
                    .map(|a| a.as_ref().map(|v| v[t].as_str()))
                    .collect(),
            );
        }
    }
    let alpha = krippendorff_alpha(&units);
    let alpha_labels = labels
        .iter()
        .map(|l| {
            let bin: Vec<Vec<Option<bool>>> = units
                .iter()
                .map(|u| u.iter().map(|v| v.map(|v| v == l)).collect())
                .collect();
            (l.clone(), krippendorff_alpha(&bin))
        })
        .collect();
    Report {
        annotators: annotators.to_vec(),
        documents: docs.len(),
        tokens: units.len(),
        labels,
        pairs,
        alpha,
        alpha_labels,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::parse;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    /// Two coders, ten tokens (P = PERSON, C = COUNTRY, O = none):
    /// ```text
    /// A: P P O O O C C O O O      marginals A: P 2, C 2, O 6
    /// B: P O O O O C C C O O      marginals B: P 1, C 3, O 6
    /// ```
    /// Agreement on 8 of 10 tokens: p_o = 0.8.
    /// p_e = (2·1 + 2·3 + 6·6) / 100 = 0.44.
    /// kappa = (0.8 - 0.44) / (1 - 0.44) = 0.36 / 0.56 = 0.642857…
    ///
    /// alpha: 20 values, n_P = 3, n_C = 5, n_O = 12. Two disagreeing units
    /// (P/O and O/C) give o_PO = o_OP = o_OC = o_CO = 1: Σ_{c≠k} o = 4.
    /// Σ_{c≠k} n_c n_k = 20² - (3² + 5² + 12²) = 400 - 178 = 222.
    /// alpha = 1 - 19 · 4 / 222 = 146 / 222 = 0.657657…
    ///
    /// (Both alphas here and the three-coder one in `tests/review_cli.rs`
    /// were cross-checked with PyPI `krippendorff` 0.9.0, nominal level.)
    #[test]
    fn kappa_and_alpha_by_hand_two_coders() {
        let a = ["P", "P", "O", "O", "O", "C", "C", "O", "O", "O"];
        let b = ["P", "O", "O", "O", "O", "C", "C", "C", "O", "O"];
        assert!(close(cohen_kappa(&a, &b), 0.36 / 0.56));
        let units: Vec<Vec<Option<&str>>> = a
            .iter()
            .zip(&b)
            .map(|(x, y)| vec![Some(*x), Some(*y)])
            .collect();
        assert!(close(krippendorff_alpha(&units), 146.0 / 222.0));
        // Perfect agreement: 1; no variation at all: undefined.
        assert!(close(cohen_kappa(&a, &a), 1.0));
        assert_eq!(cohen_kappa(&["O", "O"], &["O", "O"]), None);
    }

    /// Three coders, four units, one value missing:
    /// ```text
    /// u1: P P P    u2: O O O    u3: P P O    u4: O O -
    /// ```
    /// Coincidences (pairs from different coders / (m_u - 1)):
    /// u1: 6 ordered P-P pairs / 2 → o_PP += 3;  u2: o_OO += 3;
    /// u3: P-P ×2, P-O ×2, O-P ×2, / 2 → o_PP += 1, o_PO += 1, o_OP += 1;
    /// u4: O-O ×2 / 1 → o_OO += 2.
    /// o_PP = 4, o_OO = 5, o_PO = o_OP = 1 → n_P = 5, n_O = 6, n = 11.
    /// alpha = 1 - (11 - 1) · 2 / (2 · 5 · 6) = 1 - 20/60 = 2/3.
    #[test]
    fn alpha_by_hand_three_coders_with_missing_value() {
        let (p, o) = (Some("P"), Some("O"));
        let units = vec![
            vec![p, p, p],
            vec![o, o, o],
            vec![p, p, o],
            vec![o, o, None],
        ];
        assert!(close(krippendorff_alpha(&units), 2.0 / 3.0));
    }

    /// Span F1 per label: COUNTRY A has 2, B has 1, 1 matches → 2·1/3;
    /// PERSON matches → 1; DEMONYM only in B → 0.
    #[test]
    fn report_on_two_reviewers() {
        let text = "Russia and Iran met. Lavrov spoke.";
        let a = parse("T1\tCOUNTRY 0 6\tRussia\nT2\tCOUNTRY 11 15\tIran\nT3\tPERSON 21 27\tLavrov\nT4\tDATE 28 33\tspoke\nA1\tStatus T4 Rejected\n").unwrap();
        let b = parse("T1\tCOUNTRY 0 6\tRussia\nT2\tDEMONYM 11 15\tIran\nT3\tPERSON 21 27\tLavrov\nA1\tStatus T3 Accepted\n").unwrap();
        let names = vec!["a".to_string(), "b".to_string()];
        let r = compute(
            &names,
            &[AgreeDoc {
                name: "x".into(),
                text: text.into(),
                anns: vec![Some(a), Some(b)],
            }],
        );
        assert_eq!(r.labels, vec!["COUNTRY", "DEMONYM", "PERSON"]);
        let p = &r.pairs[0];
        assert!(close(p.labels["COUNTRY"].f1, 2.0 / 3.0));
        assert!(close(p.labels["PERSON"].f1, 1.0));
        assert!(close(p.labels["DEMONYM"].f1, 0.0));
        assert!(close(p.overall.f1, 2.0 * 2.0 / 6.0));
        // Tokens: Russia and Iran met . Lavrov spoke . → 8 tokens; one
        // disagreement (Iran: COUNTRY vs DEMONYM).
        assert_eq!(r.tokens, 8);
        // A: C O C O O P O O ; B: C O D O O P O O
        // p_o = 7/8; p_e = (2·1 + 1·1 + 5·5)/64 = 28/64 (C: 2·1, P: 1·1, O: 5·5)
        let pe = 28.0 / 64.0;
        assert!(close(p.overall.kappa, (7.0 / 8.0 - pe) / (1.0 - pe)));
        assert!(r.alpha.is_some());
    }

    #[test]
    fn tokens_are_words_and_marks() {
        assert_eq!(
            tokens("U.S. envoy,\r\nZé!"),
            vec![
                (0, 1),
                (1, 2),
                (2, 3),
                (3, 4),
                (5, 10),
                (10, 11),
                (12, 14),
                (14, 15)
            ]
        );
    }
}
