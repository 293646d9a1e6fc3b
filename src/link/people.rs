//! In-document coreference of PERSON mentions: every way an article names a
//! person ("Sergey Lavrov", "Sergei Lavrov", "Lavrov", "Mr. Lavrov") gets one
//! id and canonical name. The canonical name is the knowledge base's when
//! the person is known, else the fullest form the document uses.

use super::fold;
use crate::kb::Kb;
use crate::kb::people::{is_generational, person_id, surname_of};
use crate::model::Label;
use crate::recognize::Candidate;
use crate::recognize::people::{PersonMention, distinctive_surname};

struct Cluster {
    kb: Option<usize>,
    /// Fullest surface seen (most words, then longest).
    fullest: String,
    /// Folded full names of its multi-word mentions.
    keys: Vec<String>,
    /// Folded surnames (last word, and the part after a hyphen).
    surnames: Vec<String>,
    /// Folded words of every multi-word mention.
    tokens: Vec<String>,
    /// (token count, folded surname, skeleton of the given names)
    shapes: Vec<(usize, String, String)>,
    /// Sorted folded words of each multi-word mention.
    word_sets: Vec<Vec<String>>,
}

fn words_of(name: &str) -> Vec<&str> {
    name.split([' ', '\u{a0}'])
        .filter(|w| !w.is_empty() && !is_generational(w))
        .collect()
}

fn surname_keys(last: &str) -> Vec<String> {
    let mut v = vec![fold::fold_name(last)];
    if let Some((_, tail)) = last.rsplit_once('-')
        && tail.chars().count() >= 4
    {
        v.push(fold::fold_name(tail));
    }
    v
}

fn given_skeleton(words: &[&str]) -> String {
    words[..words.len() - 1]
        .iter()
        .map(|w| fold::skeleton(w))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Cluster {
    fn new(kb: Option<usize>, surface: &str) -> Cluster {
        let mut c = Cluster {
            kb,
            fullest: surface.to_string(),
            keys: Vec::new(),
            surnames: Vec::new(),
            tokens: Vec::new(),
            shapes: Vec::new(),
            word_sets: Vec::new(),
        };
        c.add(surface);
        c
    }

    fn add(&mut self, surface: &str) {
        let ws = words_of(surface);
        if ws.len() >= 2 {
            self.keys.push(fold::fold_name(surface));
            let last = ws[ws.len() - 1];
            self.surnames.extend(surname_keys(last));
            self.tokens.extend(ws.iter().map(|w| fold::fold_name(w)));
            self.shapes
                .push((ws.len(), fold::fold_name(last), given_skeleton(&ws)));
            let mut set: Vec<String> = ws.iter().map(|w| fold::fold_name(w)).collect();
            set.sort();
            self.word_sets.push(set);
        } else if let Some(w) = ws.first() {
            self.keys.push(fold::fold_name(w));
        }
        let better = |a: &str, b: &str| {
            let (na, nb) = (a.split_whitespace().count(), b.split_whitespace().count());
            na > nb || (na == nb && a.len() > b.len())
        };
        if better(surface, &self.fullest) {
            self.fullest = surface.to_string();
        }
    }

    /// Same person written another way: same folded name, the same words
    /// in another order, or the same surname with given names that differ
    /// only in their vowels ("Bakhtiyer"/"Bakhtiyor").
    fn matches_full(&self, surface: &str) -> bool {
        let ws = words_of(surface);
        let key = fold::fold_name(surface);
        if self.keys.contains(&key) {
            return true;
        }
        if ws.len() < 2 {
            return false;
        }
        let last = fold::fold_name(ws[ws.len() - 1]);
        let skel = given_skeleton(&ws);
        if self
            .shapes
            .iter()
            .any(|(n, s, g)| *n == ws.len() && *s == last && *g == skel)
        {
            return true;
        }
        // "Zohidi Nizomiddin" / "Nizomiddin Zohidi".
        let mut mine: Vec<String> = ws.iter().map(|w| fold::fold_name(w)).collect();
        mine.sort();
        self.word_sets.contains(&mine)
    }
}

/// Gives every PERSON candidate in `kept` (document order) its id and
/// canonical name. `mentions` is what the recogniser learnt, by span.
pub fn link(
    text: &str,
    kb: &Kb,
    dct: Option<&str>,
    mentions: &[PersonMention],
    kept: &mut [Candidate],
) {
    let info = |c: &Candidate| {
        mentions
            .binary_search_by_key(&(c.start, c.end), |m| (m.start, m.end))
            .ok()
            .map(|i| &mentions[i])
    };
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut of: Vec<Option<usize>> = vec![None; kept.len()];

    // Multi-word mentions first: they define the people.
    for (ci, c) in kept.iter().enumerate() {
        if c.label != Label::Person {
            continue;
        }
        let surface = &text[c.start..c.end];
        let ws = words_of(surface);
        if ws.len() < 2 {
            continue;
        }
        let m = info(c);
        let kbp = m
            .and_then(|m| m.kb)
            .or_else(|| kb.people.best_of(kb.people.by_name(surface), dct))
            .or_else(|| variant_in_kb(kb, &ws, dct));
        let found = clusters.iter().position(|cl| {
            (kbp.is_some() && cl.kb == kbp)
                || (cl.kb.is_none() || kbp.is_none()) && cl.matches_full(surface)
        });
        let k = match found {
            Some(k) => {
                if clusters[k].kb.is_none() {
                    clusters[k].kb = kbp;
                }
                clusters[k].add(surface);
                k
            }
            None => {
                clusters.push(Cluster::new(kbp, surface));
                clusters.len() - 1
            }
        };
        of[ci] = Some(k);
    }

    // Then single words: a surname (or given name used as one) of a person
    // the document names in full, else the KB, else their own entity.
    for ci in 0..kept.len() {
        let c = &kept[ci];
        if c.label != Label::Person || of[ci].is_some() {
            continue;
        }
        let surface = &text[c.start..c.end];
        let key = fold::fold_name(surface);
        let m = info(c);
        let near = |pred: &dyn Fn(&Cluster) -> bool| -> Option<usize> {
            // Prefer the closest earlier cluster, else the first later one.
            let mut best: Option<(usize, usize)> = None;
            for (cj, o) in of.iter().enumerate() {
                let Some(k) = *o else { continue };
                if !pred(&clusters[k]) {
                    continue;
                }
                let dist = if cj < ci {
                    ci - cj
                } else {
                    cj - ci + kept.len()
                };
                if best.is_none_or(|(d, _)| dist < d) {
                    best = Some((dist, k));
                }
            }
            best.map(|(_, k)| k)
        };
        let k = near(&|cl: &Cluster| cl.surnames.contains(&key))
            .or_else(|| near(&|cl: &Cluster| cl.tokens.contains(&key)))
            .or_else(|| {
                let kbp = m
                    .and_then(|m| m.kb)
                    .or_else(|| distinctive_surname(kb, surface))
                    .or_else(|| titled_surname(kb, surface, m, dct))
                    .or_else(|| prominent_surname(kb, surface))?;
                clusters
                    .iter()
                    .position(|cl| cl.kb == Some(kbp))
                    .or_else(|| {
                        clusters.push(Cluster::new(Some(kbp), surface));
                        Some(clusters.len() - 1)
                    })
            })
            .or_else(|| {
                clusters.iter().position(|cl| {
                    cl.kb.is_none() && cl.keys.contains(&key) && cl.shapes.is_empty()
                })
            });
        let k = match k {
            Some(k) => {
                clusters[k].keys.push(key);
                k
            }
            None => {
                clusters.push(Cluster::new(None, surface));
                clusters.len() - 1
            }
        };
        of[ci] = Some(k);
    }

    for (ci, c) in kept.iter_mut().enumerate() {
        let Some(k) = of[ci] else { continue };
        let cl = &clusters[k];
        let canonical = match cl.kb {
            Some(p) => kb.people.get(p).canonical.clone(),
            None => cl.fullest.clone(),
        };
        c.id = Some(person_id(&canonical));
        c.canonical = Some(canonical);
    }
}

/// The one head of state or government, foreign minister or head of an
/// international body with this surname ("Trump"), for a word already
/// recognised as a person.
fn prominent_surname(kb: &Kb, surname: &str) -> Option<usize> {
    if kb
        .names
        .given_name(surname)
        .is_some_and(|g| g.weight >= 3.5)
    {
        return None;
    }
    let mut it = kb
        .people
        .by_surname(surname)
        .iter()
        .map(|&i| i as usize)
        .filter(|&i| kb.people.get(i).is_prominent());
    let first = it.next()?;
    it.next().is_none().then_some(first)
}

/// A KB person whose surname matches and whose given names differ only in
/// vowels ("Bakhtiyer Khakimov" → "Bakhtiyor Khakimov").
fn variant_in_kb(kb: &Kb, ws: &[&str], dct: Option<&str>) -> Option<usize> {
    let last = ws[ws.len() - 1];
    let skel = given_skeleton(ws);
    let cands: Vec<u32> = kb
        .people
        .by_surname(last)
        .iter()
        .copied()
        .filter(|&i| {
            kb.people.get(i as usize).names().any(|n| {
                let nw = words_of(n);
                nw.len() == ws.len()
                    && fold::fold_name(nw[nw.len() - 1]) == fold::fold_name(last)
                    && given_skeleton(&nw) == skel
            })
        })
        .collect();
    kb.people.best_of(&cands, dct)
}

/// Whether a KB role matches a title as written ("Vice President" fits
/// "Vice President of the United States").
fn role_fits(position: &str, title: &str) -> bool {
    let p = position.to_lowercase();
    p.starts_with(title) || title.ends_with(&p)
}

/// A surname after a title: the KB person with that surname whose role
/// matches the title ("Vice President Harris").
fn titled_surname(
    kb: &Kb,
    surname: &str,
    m: Option<&PersonMention>,
    dct: Option<&str>,
) -> Option<usize> {
    let title = m?.title.as_deref()?;
    let t = title
        .trim_start_matches("then-")
        .trim_start_matches("former ")
        .to_lowercase();
    if t.len() < 4 {
        return None;
    }
    let cands: Vec<u32> = kb
        .people
        .by_surname(surname)
        .iter()
        .copied()
        .filter(|&i| {
            let p = kb.people.get(i as usize);
            surname_of(&p.canonical).is_some_and(|s| fold::fold_name(s) == fold::fold_name(surname))
                && p.roles.iter().any(|r| role_fits(&r.position, &t))
        })
        .collect();
    if cands.len() == 1 {
        return Some(cands[0] as usize);
    }
    let held: Vec<u32> = cands
        .iter()
        .copied()
        .filter(|&i| {
            dct.is_some_and(|d| {
                kb.people
                    .get(i as usize)
                    .roles
                    .iter()
                    .any(|r| role_fits(&r.position, &t) && r.held_on(d))
            })
        })
        .collect();
    (held.len() == 1).then(|| held[0] as usize)
}

#[cfg(test)]
mod tests {
    use crate::model::Label;
    use crate::{Context, analyze};

    fn people(text: &str) -> Vec<(String, String, String)> {
        let a = analyze(text, &Context::default());
        a.entities
            .iter()
            .filter(|e| e.label == Label::Person)
            .map(|e| {
                (
                    text[e.start..e.end].to_string(),
                    e.id.clone().unwrap_or_default(),
                    e.canonical.clone().unwrap_or_default(),
                )
            })
            .collect()
    }

    #[test]
    fn spelling_variants_share_the_kb_id() {
        let p = people(
            "Foreign Minister Sergei Lavrov arrived. Mr. Lavrov met Sergey Lavrov's aides. Lavrov left.",
        );
        assert_eq!(p.len(), 4, "{p:?}");
        for (_, id, canon) in &p {
            assert_eq!(id, "person:sergey-lavrov");
            assert_eq!(canon, "Sergey Lavrov");
        }
    }

    #[test]
    fn unknown_people_get_their_fullest_form() {
        let p = people("Analyst Adlan Margoev said so. Mr Margoev, the analyst, argued.");
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(
            p.iter()
                .all(|x| x.1 == "person:adlan-margoev" && x.2 == "Adlan Margoev")
        );
    }

    #[test]
    fn partial_compound_surnames_and_kb_overrides() {
        let p = people(
            "Foreign Minister Hosein Amir Abdollahian died. Abdollahian had been due to attend.",
        );
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p.iter().all(|x| x.2 == "Hossein Amir-Abdollahian"), "{p:?}");
        assert_eq!(p[0].1, "person:hossein-amir-abdollahian");
    }

    #[test]
    fn reversed_names_and_vowel_variants_corefer() {
        let p = people(
            "Zohidi Nizomiddin, Tajikistan’s ambassador, spoke. Later Nizomiddin Zohidi, the envoy, left.",
        );
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(p[0].1, p[1].1);
        let p = people(
            "Bakhtiyer Khakimov said it. The envoy Bakhtiyor Khakimov, an official, agreed.",
        );
        assert_eq!(p[0].1, p[1].1, "{p:?}");
    }

    #[test]
    fn titled_surnames_link_by_role() {
        let p = people("then-Vice President Harris went instead.");
        assert_eq!(p[0].2, "Kamala Harris", "{p:?}");
    }

    #[test]
    fn chinese_surnames_come_first() {
        let p = people("Chinese President Xi told delegates so.");
        assert_eq!(p[0].2, "Xi Jinping", "{p:?}");
    }

    #[test]
    fn different_given_names_stay_apart() {
        let p = people("Ahmed Shah Massoud, the father of rebel leader Ahmad Massoud, died.");
        assert_eq!(p.len(), 2, "{p:?}");
        assert_ne!(p[0].1, p[1].1);
    }
}
