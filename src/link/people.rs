//! In-document coreference of PERSON mentions: every way an article names a
//! person ("Sergey Lavrov", "Sergei Lavrov", "Lavrov", "Mr. Lavrov") gets one
//! id and canonical name. The canonical name is the knowledge base's when
//! the person is known, else the fullest form the document uses.

use super::fold;
use crate::kb::Kb;
use crate::kb::fxhash::FxHashMap as HashMap;
use crate::kb::people::{is_generational, person_id, surname_of};
use crate::model::Label;
use crate::recognize::Candidate;
use crate::recognize::people::{
    PersonMention, distinctive_surname, glued_initials_end, initials, surname_spelled,
    without_nickname,
};

struct Cluster {
    kb: Option<usize>,
    /// Fullest surface seen (most words, then longest).
    fullest: String,
}

impl Cluster {
    fn offer(&mut self, surface: &str) {
        let (na, nb) = (
            surface.split_whitespace().count(),
            self.fullest.split_whitespace().count(),
        );
        if na > nb || (na == nb && surface.len() > self.fullest.len()) {
            self.fullest = name_case(surface);
        }
    }
}

/// A name written in capitals ("RENATA BRITO", a byline) as names are
/// written; any other name as it is.
fn name_case(surface: &str) -> String {
    if surface.chars().any(char::is_lowercase) {
        return surface.to_string();
    }
    let mut out = String::with_capacity(surface.len());
    let mut up = true;
    for c in surface.chars() {
        if up {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        up = !c.is_alphabetic();
    }
    out
}

/// The words that tell names apart: not a generational suffix, nor the
/// lower-case particles a repeated surname opens with ("von der Leyen"
/// is the surname of "Ursula von der Leyen").
fn words_of<'a>(kb: &Kb, name: &'a str) -> Vec<&'a str> {
    let mut ws: Vec<&str> = Vec::new();
    for w in name
        .split([' ', '\u{a0}'])
        .filter(|w| !w.is_empty() && !is_generational(w))
    {
        // "S.V.Lavrov": the initials and the surname glued to them.
        match glued_initials_end(w) {
            Some(k) => ws.extend([&w[..k], &w[k..]]),
            None => ws.push(w),
        }
    }
    let lower = |w: &str| w.bytes().all(|b| b.is_ascii_lowercase());
    // "Von der Leyen" opening a sentence: a capitalised particle before
    // lower-case ones.
    let capital_particle =
        ws.len() >= 3 && lower(ws[1]) && kb.names.particles.contains(ws[0].to_lowercase().as_str());
    let from = usize::from(capital_particle);
    let skip = from + ws[from..].iter().take_while(|w| lower(w)).count();
    ws.drain(..skip.min(ws.len()));
    ws
}

/// The folded tail of a hyphenated surname ("Bell" of "Okonkwo-Bell"),
/// long enough to be used alone.
fn surname_tail(last: &str) -> Vec<String> {
    match last.rsplit_once('-') {
        Some((_, tail)) if tail.chars().count() >= 4 => vec![fold::fold_name(tail)],
        _ => Vec::new(),
    }
}

fn given_skeleton(words: &[&str]) -> String {
    words[..words.len() - 1]
        .iter()
        .map(|w| fold::skeleton(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lookups from the ways a name can be written to its cluster; all
/// hash-based, so linking stays linear in the number of mentions.
#[derive(Default)]
struct Index {
    by_kb: HashMap<usize, usize>,
    /// Folded full name of a multi-word mention.
    by_key: HashMap<String, usize>,
    /// (word count, folded surname, skeleton of the given names).
    by_shape: HashMap<(usize, String, String), usize>,
    /// Sorted folded words ("Zohidi Nizomiddin" = "Nizomiddin Zohidi").
    by_set: HashMap<Vec<String>, usize>,
    /// Folded surname → (mention index, cluster), in document order.
    surname_at: HashMap<String, Vec<(usize, usize)>>,
    /// The same for the tail of a hyphenated surname.
    tail_at: HashMap<String, Vec<(usize, usize)>>,
    /// Folded word of a full name → (mention index, cluster).
    token_at: HashMap<String, Vec<(usize, usize)>>,
    /// Clusters of single words only, by folded word.
    single: HashMap<String, usize>,
}

/// A multi-word name's shape, and its KB person by its text alone
/// (looked up when first needed).
type Seen = (Shape, Option<Option<usize>>);

struct Shape {
    key: String,
    shape: (usize, String, String),
    set: Vec<String>,
    surname: Vec<String>,
    tail: Vec<String>,
    tokens: Vec<String>,
}

fn shape_of(ws: &[&str]) -> Shape {
    let last = ws[ws.len() - 1];
    let tokens: Vec<String> = ws.iter().map(|w| fold::fold_name(w)).collect();
    let mut set = tokens.clone();
    set.sort();
    Shape {
        key: tokens.concat(),
        shape: (ws.len(), fold::fold_name(last), given_skeleton(ws)),
        set,
        surname: vec![fold::fold_name(last)],
        tail: surname_tail(last),
        tokens,
    }
}

/// Whom a surname alone (mention `ci`) means among the people of the
/// document who bear it (`list`: full mentions and their clusters). The
/// one named in the same sentence; else, as news style names the others
/// in full ("Jair Bolsonaro" and his son "Eduardo Bolsonaro"), the one a
/// head of state or government, else the one named first.
fn bearer(
    text: &str,
    kept: &[Candidate],
    list: &[(usize, usize)],
    ci: usize,
    clusters: &[Cluster],
    kb: &Kb,
) -> Option<usize> {
    let near = nearest(list, ci)?;
    let first = list.first()?.1;
    if list.iter().all(|&(_, k)| k == first) {
        return Some(first);
    }
    let before = list.iter().rev().find(|&&(c, _)| c < ci);
    if let Some(&(c, k)) = before
        && !text[kept[c].end..kept[ci].start].contains(['.', '!', '?', '\n'])
    {
        return Some(k);
    }
    let prominent = |k: usize| {
        clusters[k]
            .kb
            .is_some_and(|p| kb.people.get(p).is_prominent())
    };
    let mut leaders = list.iter().map(|&(_, k)| k).filter(|&k| prominent(k));
    match leaders.next() {
        // Two leaders of one name: the nearest.
        Some(k) if leaders.all(|o| o == k) => Some(k),
        Some(_) => Some(near),
        None => Some(first),
    }
}

/// The closest entry before mention `ci`, else the first after it.
fn nearest(list: &[(usize, usize)], ci: usize) -> Option<usize> {
    let i = list.partition_point(|&(c, _)| c < ci);
    if i > 0 {
        Some(list[i - 1].1)
    } else {
        list.get(i).map(|&(_, k)| k)
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
    let mut ix = Index::default();
    let mut of: Vec<Option<usize>> = vec![None; kept.len()];

    // Multi-word mentions first: they define the people. A name written
    // again has the same shape and the same KB reading by its text.
    let mut seen: HashMap<&str, Option<Seen>> = HashMap::default();
    for (ci, c) in kept.iter().enumerate() {
        if c.label != Label::Person {
            continue;
        }
        let written = &text[c.start..c.end];
        let surface = &*without_nickname(written);
        let Some((sh, by_text_kb)) = seen
            .entry(written)
            .or_insert_with(|| {
                let ws = words_of(kb, surface);
                (ws.len() >= 2).then(|| (shape_of(&ws), None))
            })
            .as_mut()
        else {
            continue;
        };
        let m = info(c);
        let kbp = m.and_then(|m| m.kb).or_else(|| {
            *by_text_kb.get_or_insert_with(|| {
                by_full_name(kb, surface, dct)
                    .or_else(|| variant_in_kb(kb, &words_of(kb, surface), dct))
                    .or_else(|| shortened_in_kb(kb, &words_of(kb, surface), dct))
                    .or_else(|| initials_in_kb(kb, &words_of(kb, surface), dct))
                    .or_else(|| reversed_in_kb(kb, &words_of(kb, surface), dct))
            })
        });
        let by_text = ix
            .by_key
            .get(&sh.key)
            .or_else(|| ix.by_shape.get(&sh.shape))
            .or_else(|| ix.by_set.get(&sh.set))
            .copied()
            .filter(|&k| clusters[k].kb.is_none() || kbp.is_none() || clusters[k].kb == kbp);
        // "Mahmoud Abbas, known as Abu Mazen": the other name's person.
        let renamed = m.and_then(|m| m.alias_of).and_then(|span| {
            kept[..ci]
                .iter()
                .position(|o| (o.start, o.end) == span)
                .and_then(|o| of[o])
        });
        let found = renamed
            .or_else(|| kbp.and_then(|p| ix.by_kb.get(&p).copied()))
            .or(by_text);
        let k = match found {
            Some(k) => {
                if clusters[k].kb.is_none() {
                    clusters[k].kb = kbp;
                }
                clusters[k].offer(surface);
                k
            }
            None => {
                clusters.push(Cluster {
                    kb: kbp,
                    fullest: name_case(surface),
                });
                clusters.len() - 1
            }
        };
        if let Some(p) = clusters[k].kb {
            ix.by_kb.entry(p).or_insert(k);
        }
        // First entry wins; keys are cloned only when new.
        if !ix.by_key.contains_key(&sh.key) {
            ix.by_key.insert(sh.key.clone(), k);
        }
        if !ix.by_shape.contains_key(&sh.shape) {
            ix.by_shape.insert(sh.shape.clone(), k);
        }
        if !ix.by_set.contains_key(&sh.set) {
            ix.by_set.insert(sh.set.clone(), k);
        }
        // "Bart De Wever ... De Wever said": a surname with its particle
        // is written alone as a name of two words.
        if let [.., particle, last] = sh.tokens.as_slice()
            && sh.tokens.len() >= 3
            && kb.names.particles.contains(particle.as_str())
        {
            ix.by_key.entry(format!("{particle}{last}")).or_insert(k);
        }
        // "Dubravka Djedovic Handanovic ... Djedovic Handanovic said": the
        // last two words of a longer name, the first no given name, are
        // its compound surname.
        if let [.., a, b] = sh.tokens.as_slice()
            && sh.tokens.len() >= 3
            && !kb.names.particles.contains(a.as_str())
            && words_of(kb, surface)
                .iter()
                .rev()
                .nth(1)
                .is_some_and(|w| kb.names.given_name(w).is_none_or(|g| g.common_word))
        {
            ix.by_key.entry(format!("{a}{b}")).or_insert(k);
        }
        // "André Corrêa do Lago ... Corrêa do Lago said": so is a
        // compound surname joined by a particle, with its first part.
        if let Some(p) = (2..sh.tokens.len().saturating_sub(1))
            .find(|&p| kb.names.particles.contains(sh.tokens[p].as_str()))
        {
            ix.by_key.entry(sh.tokens[p - 1..].concat()).or_insert(k);
        }
        for (keys, at) in [
            (&sh.surname, &mut ix.surname_at),
            (&sh.tail, &mut ix.tail_at),
            (&sh.tokens, &mut ix.token_at),
        ] {
            for s in keys {
                match at.get_mut(s) {
                    Some(list) => list.push((ci, k)),
                    None => {
                        at.insert(s.clone(), vec![(ci, k)]);
                    }
                }
            }
        }
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
        let key = match words_of(kb, surface).as_slice() {
            [w] => fold::fold_name(w),
            _ => fold::fold_name(surface),
        };
        let m = info(c);
        // "Hemedti" after "Mohamed Hamdan Dagalo, known as": that person.
        let renamed = m.and_then(|m| m.alias_of).and_then(|span| {
            kept.iter()
                .position(|o| (o.start, o.end) == span)
                .and_then(|o| of[o])
        });
        // "King Charles III": one name word and a regnal number, a full
        // name the KB may know, whoever else is called Charles.
        let regnal = if renamed.is_none() && surface.contains(' ') {
            by_full_name(kb, surface, dct)
        } else {
            None
        };
        let bearer = |l: &Vec<(usize, usize)>| bearer(text, kept, l, ci, &clusters, kb);
        // A regnal name skips the document's other bearers of its word.
        let mut k = if regnal.is_some() {
            None
        } else {
            renamed
                .or_else(|| ix.surname_at.get(&key).and_then(bearer))
                .or_else(|| ix.tail_at.get(&key).and_then(bearer))
                .or_else(|| {
                    // A word of a full name alone ("Mr. Nizomiddin") is
                    // that name only spelled the same: "Assad" is not
                    // "Asaad al-Shaibani", though they fold alike.
                    let spelled: Vec<(usize, usize)> = ix
                        .token_at
                        .get(&key)?
                        .iter()
                        .copied()
                        .filter(|&(c, _)| {
                            fold::spells_word(&text[kept[c].start..kept[c].end], surface)
                        })
                        .collect();
                    nearest(&spelled, ci)
                })
        };
        if k.is_none() {
            let kbp = regnal
                .or_else(|| m.and_then(|m| m.kb))
                .or_else(|| distinctive_surname(kb, surface))
                .or_else(|| titled_surname(kb, surface, m, dct))
                .or_else(|| prominent_surname(kb, surface));
            if let Some(p) = kbp {
                let kc = *ix.by_kb.entry(p).or_insert_with(|| {
                    clusters.push(Cluster {
                        kb: Some(p),
                        fullest: name_case(surface),
                    });
                    clusters.len() - 1
                });
                // "Pope Francis ... Francis said": the word alone later
                // means the person its first, titled use named.
                ix.single.entry(key.clone()).or_insert(kc);
                k = Some(kc);
            }
        }
        let k = k.unwrap_or_else(|| {
            *ix.single.entry(key).or_insert_with(|| {
                clusters.push(Cluster {
                    kb: None,
                    fullest: name_case(surface),
                });
                clusters.len() - 1
            })
        });
        of[ci] = Some(k);
    }

    // One id and canonical name per cluster, computed once.
    let named: Vec<(String, String)> = clusters
        .iter()
        .map(|cl| {
            let canonical = match cl.kb {
                Some(p) => kb.people.get(p).canonical.clone(),
                None => cl.fullest.clone(),
            };
            (person_id(&canonical), canonical)
        })
        .collect();
    for (ci, c) in kept.iter_mut().enumerate() {
        let Some(k) = of[ci] else { continue };
        let (id, canonical) = &named[k];
        c.id = Some(id.clone());
        c.canonical = Some(canonical.clone());
    }
}

/// A word frequent enough as a given name that, alone, it is weak evidence
/// for a surname.
fn common_given_name(kb: &Kb, w: &str) -> bool {
    kb.names.given_name(w).is_some_and(|g| g.weight >= 3.5)
}

/// The one head of state or government, foreign minister or head of an
/// international body with this surname ("Trump"), for a word already
/// recognised as a person.
fn prominent_surname(kb: &Kb, surname: &str) -> Option<usize> {
    if common_given_name(kb, surname) {
        return None;
    }
    let mut it = kb
        .people
        .by_surname(surname)
        .iter()
        .map(|&i| i as usize)
        .filter(|&i| kb.people.get(i).is_prominent() && surname_spelled(kb, i, surname));
    let first = it.next()?;
    it.next().is_none().then_some(first)
}

/// The KB person with this full name. A match through a two-word alias of
/// a very common name ("Victor Rodriguez" for "Vic Rodriguez") is too weak
/// to link; a longer one ("Lula da Silva") is not.
pub fn by_full_name(kb: &Kb, surface: &str, dct: Option<&str>) -> Option<usize> {
    let common = surname_of(surface)
        .and_then(|s| kb.names.surname(s))
        .is_some_and(|s| s.weight >= 5.0);
    let hits = kb.people.by_name(surface);
    if !common {
        return kb.people.best_of(hits, dct);
    }
    let key = fold::fold_name(surface);
    let cands: Vec<u32> = hits
        .iter()
        .copied()
        .filter(|&i| {
            let p = kb.people.get(i as usize);
            fold::fold_name(&p.canonical) == key
                || (surface.split_whitespace().count() >= 3
                    && p.names().any(|n| fold::fold_name(n) == key))
        })
        .collect();
    kb.people.best_of(&cands, dct)
}

/// "Takaichi Sanae": the KB person of a state whose press writes the
/// family name first, named the other way round.
fn reversed_in_kb(kb: &Kb, ws: &[&str], dct: Option<&str>) -> Option<usize> {
    let [family, given] = ws else {
        return None;
    };
    let hits: Vec<u32> = kb
        .people
        .by_name(&format!("{given} {family}"))
        .iter()
        .copied()
        .filter(|&i| {
            kb.names
                .surname_first_states
                .contains(kb.people.get(i as usize).country.as_str())
        })
        .collect();
    kb.people.best_of(&hits, dct)
}

/// The KB person a longer form of a name names: a second surname
/// ("Gustavo Petro Urrego", "Claudia Sheinbaum Pardo") or a middle name
/// ("Javier Gerardo Milei", "Bola Ahmed Tinubu") the KB's name leaves out.
/// Only when one person answers.
fn shortened_in_kb(kb: &Kb, ws: &[&str], dct: Option<&str>) -> Option<usize> {
    if ws.len() < 3 || ws.iter().any(|w| is_generational(w)) {
        return None;
    }
    let first = ws[0];
    let mut found: Option<usize> = None;
    // "Nayib Armando Bukele Ortez": a middle name and a second surname
    let skip_both = (ws.len() >= 4).then(|| format!("{first} {}", ws[ws.len() - 2]));
    for short in [
        Some(format!("{first} {}", ws[ws.len() - 1])),
        Some(format!("{first} {}", ws[1])),
        skip_both,
    ]
    .into_iter()
    .flatten()
    {
        if let Some(p) = by_full_name(kb, &short, dct) {
            if found.is_some_and(|f| f != p) {
                return None;
            }
            found = Some(p);
        }
    }
    found
}

/// A KB person whose surname matches and whose given names differ only in
/// vowels ("Bakhtiyer Khakimov" → "Bakhtiyor Khakimov").
/// "S.V. Lavrov", "S. V. Lavrov": initials and a surname, the KB person
/// of that surname whose given name opens with the first initial.
fn initials_in_kb(kb: &Kb, ws: &[&str], dct: Option<&str>) -> Option<usize> {
    let (last, lead) = ws.split_last()?;
    let initial = lead.first()?.chars().next()?;
    // "A. B. Smith" may be anyone.
    if !lead.iter().all(|w| w.contains('.') && initials(w))
        || kb.names.surname(last).is_some_and(|s| s.weight >= 4.0)
    {
        return None;
    }
    bearer_named(kb, last, dct, |nw| {
        nw.len() >= 2 && nw[0].starts_with(initial)
    })
}

fn variant_in_kb(kb: &Kb, ws: &[&str], dct: Option<&str>) -> Option<usize> {
    let last = ws[ws.len() - 1];
    if kb.names.surname(last).is_some_and(|s| s.weight >= 5.0) {
        // Too common a surname to guess a spelling variant.
        return None;
    }
    let skel = given_skeleton(ws);
    bearer_named(kb, last, dct, |nw| {
        nw.len() == ws.len() && given_skeleton(nw) == skel
    })
}

/// The likeliest KB bearer of surname `last` with a name whose words
/// (ending in that surname) also `fit`.
fn bearer_named(
    kb: &Kb,
    last: &str,
    dct: Option<&str>,
    fit: impl Fn(&[&str]) -> bool,
) -> Option<usize> {
    let last_key = fold::fold_name(last);
    let cands: Vec<u32> = kb
        .people
        .by_surname(last)
        .iter()
        .copied()
        .filter(|&i| {
            kb.people.get(i as usize).names().any(|n| {
                let nw = words_of(kb, n);
                nw.last().is_some_and(|l| fold::fold_name(l) == last_key) && fit(&nw)
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
    // "King Charles": a monarch's position is "monarch of ..." in the data.
    let royal = kb.names.title(title.trim()) == Some(crate::kb::names::TitleKind::Royal);
    let fits = |position: &str| {
        role_fits(position, &t) || (royal && position.to_lowercase().starts_with("monarch"))
    };
    // A lone word that is a common given name ("Prime Minister Mohammed")
    // links only to that exact surname, not to a transliteration of it
    // ("Mohamed").
    let given = common_given_name(kb, surname);
    let cands: Vec<u32> = kb
        .people
        .by_surname(surname)
        .iter()
        .copied()
        .filter(|&i| {
            let p = kb.people.get(i as usize);
            surname_of(&p.canonical).is_some_and(|s| {
                fold::fold_name(s) == fold::fold_name(surname)
                    && (!given || s.eq_ignore_ascii_case(surname))
            }) && p.roles.iter().any(|r| fits(&r.position))
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
                    .any(|r| fits(&r.position) && r.held_on(d))
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
    fn news_spellings_of_kb_people() {
        let p = people(
            "President Tayyip Erdogan met Prime Minister Nikol Pashinian and President William Lai.",
        );
        let canon: Vec<&str> = p.iter().map(|x| x.2.as_str()).collect();
        assert_eq!(
            canon,
            ["Recep Tayyip Erdoğan", "Nikol Pashinyan", "Lai Ching-te"]
        );
    }

    #[test]
    fn a_japanese_name_written_family_name_first_is_the_kb_person() {
        let p =
            people("Prime Minister Takaichi Sanae met reporters. Takaichi said talks went well.");
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(p[0].2, "Sanae Takaichi");
        assert_eq!(p[1].1, p[0].1);
    }

    #[test]
    fn a_compound_surname_with_its_particle_is_the_full_name() {
        let p = people(
            "COP30 president André Corrêa do Lago spoke. Corrêa do Lago said talks would go on.",
        );
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(p[1].0, "Corrêa do Lago");
        assert_eq!(p[1].1, p[0].1);
    }

    #[test]
    fn a_surname_with_its_particle_alone_is_the_full_name() {
        let p = people(
            "Belgian Prime Minister Bart De Wever objected. In a letter, De Wever warned them.",
        );
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(p[1].0, "De Wever");
        assert_eq!(p[1].1, p[0].1);
        assert_eq!(p[1].2, "Bart De Wever");
    }

    #[test]
    fn longer_forms_of_a_kb_name() {
        let p = people(
            "Gustavo Petro Urrego spoke. Javier Gerardo Milei and Nayib Armando Bukele Ortez met Bola Ahmed Tinubu. Petro left.",
        );
        let canon: Vec<&str> = p.iter().map(|x| x.2.as_str()).collect();
        assert_eq!(
            canon,
            [
                "Gustavo Petro",
                "Javier Milei",
                "Nayib Bukele",
                "Bola Tinubu",
                "Gustavo Petro"
            ]
        );
    }

    #[test]
    fn initials_before_a_kb_surname() {
        let p = people("S. V. Lavrov met S.V.Lavrov's aide. A. B. Smith left.");
        let canon: Vec<&str> = p.iter().map(|x| x.2.as_str()).collect();
        assert_eq!(canon, ["Sergey Lavrov", "Sergey Lavrov", "A. B. Smith"]);
    }

    #[test]
    fn titles_stay_out_of_spans_and_the_word_alone_links_back() {
        let p = people(
            "Pope Francis met Datuk Seri Anwar. Francis and Anwar spoke with Minister for Law Edwin Tong.",
        );
        let got: Vec<(&str, &str)> = p.iter().map(|x| (x.0.as_str(), x.2.as_str())).collect();
        assert_eq!(
            got,
            [
                ("Francis", "Pope Francis"),
                ("Anwar", "Anwar"),
                ("Francis", "Pope Francis"),
                ("Anwar", "Anwar"),
                ("Edwin Tong", "Edwin Tong"),
            ]
        );
        let p = people("By LEE MIN\n\nTengku Datuk Seri Zafrul Tengku Abdul Aziz spoke.");
        let spans: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(spans, ["LEE MIN", "Zafrul Tengku Abdul Aziz"]);
        let p = people("BY JAMES GRAINGER\nThe talks ended.");
        let spans: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(spans, ["JAMES GRAINGER"]);
    }

    #[test]
    fn a_short_surname_alone_links_only_as_spelled() {
        let p = people("The Moi regime fell, President Trump said.");
        let canon: Vec<&str> = p.iter().map(|x| x.2.as_str()).collect();
        assert_eq!(canon, ["Daniel arap Moi", "Donald Trump"]);
    }

    #[test]
    fn names_after_long_titles_of_bodies_and_portfolios() {
        let p = people(
            "The Secretary of the Supreme National Security Council Ali Larijani met Minister of Investment, Industry and Trade Laziz Kudratov.",
        );
        let spans: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(spans, ["Ali Larijani", "Laziz Kudratov"]);
    }

    #[test]
    fn a_word_alone_links_to_a_name_it_spells_not_one_it_folds_like() {
        let p = people("Foreign Minister Asaad al-Shaibani said the Assad regime fell.");
        let canon: Vec<&str> = p.iter().map(|x| x.2.as_str()).collect();
        assert_eq!(canon, ["Asaad al-Shaibani", "Bashar al-Assad"]);
    }

    #[test]
    fn a_regnal_name_is_its_own_person() {
        let p = people("Charles de Gaulle led the Free French. Today King Charles III attended.");
        let canon: Vec<&str> = p.iter().map(|x| x.2.as_str()).collect();
        assert_eq!(canon, ["Charles de Gaulle", "Charles III"]);
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
    fn a_shared_surname_alone_means_the_one_named_first_or_in_the_same_sentence() {
        let p = people(
            "Midfielder Florian Wirtz signed on Friday. His father Hans-Joachim Wirtz advises him, \
             and Wirtz trusts him.\n\nWirtz made his debut in 2021. Adaeze Okonkwo-Bell married \
             Thomas Bell in 1978. Bell died in 2009.",
        );
        let canon: Vec<(&str, &str)> = p.iter().map(|x| (x.0.as_str(), x.2.as_str())).collect();
        assert_eq!(
            canon,
            [
                ("Florian Wirtz", "Florian Wirtz"),
                ("Hans-Joachim Wirtz", "Hans-Joachim Wirtz"),
                ("Wirtz", "Hans-Joachim Wirtz"),
                ("Wirtz", "Florian Wirtz"),
                ("Adaeze Okonkwo-Bell", "Adaeze Okonkwo-Bell"),
                ("Thomas Bell", "Thomas Bell"),
                ("Bell", "Thomas Bell"),
            ]
        );
    }

    #[test]
    fn a_capitalised_particle_opening_a_sentence() {
        let p = people(
            "Commission President Ursula von der Leyen spoke. Von der Leyen said so. \
             Caroline van der Plas agreed. Van der Plas left.",
        );
        assert_eq!(p.len(), 4, "{p:?}");
        assert_eq!(p[1].2, "Ursula von der Leyen");
        assert_eq!(p[3].2, "Caroline van der Plas");
    }

    #[test]
    fn another_name_after_known_as_is_the_same_person() {
        let p = people("Palestinian President Mahmoud Abbas, known as Abu Mazen, spoke.");
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(p[1].0, "Abu Mazen");
        assert_eq!(p[1].1, p[0].1);
        assert_eq!(p[1].2, "Mahmoud Abbas");
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
    fn surnames_repeated_with_their_particles_link_to_the_full_name() {
        let p = people(
            "Ursula von der Leyen spoke and Luiz Inácio Lula da Silva listened. \
             Later, von der Leyen and da Silva left.",
        );
        assert_eq!(p.len(), 4, "{p:?}");
        assert_eq!(p[2].0, "von der Leyen");
        assert_eq!(p[2].2, "Ursula von der Leyen");
        assert_eq!(p[3].0, "da Silva");
        assert_eq!(p[3].2, "Luiz Inácio Lula da Silva");
        assert_eq!(p[3].1, p[1].1);
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
    fn a_monarch_after_a_title_links_by_regnal_name() {
        let p = people("AMMAN, May 3, 2025 (Reuters) - Jordan's King Abdullah met aides.");
        assert_eq!(p[0].0, "Abdullah", "{p:?}");
        assert_eq!(p[0].2, "Abdullah II of Jordan", "{p:?}");
        // The data gives a monarch's position as "monarch of ...".
        let p =
            people("LONDON, May 3, 2024 (Reuters) - King Charles met King Charles III's aides.");
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(
            (p[0].0.as_str(), p[1].0.as_str()),
            ("Charles", "Charles III")
        );
        assert!(p.iter().all(|x| x.2 == "Charles III"), "{p:?}");
    }

    #[test]
    fn a_lone_given_name_after_a_title_links_to_no_transliteration() {
        let p = people("Prime Minister Mohammed said so.");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].2, "Mohammed", "{p:?}");
    }

    #[test]
    fn chinese_surnames_come_first() {
        let p = people("Chinese President Xi told delegates so.");
        assert_eq!(p[0].2, "Xi Jinping", "{p:?}");
        let p = people("The talks ended. Xi said the sides agreed.");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].2, "Xi Jinping", "{p:?}");
    }

    #[test]
    fn common_names_do_not_link_through_aliases() {
        let p = people("Goa's Victor Rodriguez scored the first goal.");
        assert_eq!(p[0].2, "Victor Rodriguez", "{p:?}");
    }

    #[test]
    fn different_given_names_stay_apart() {
        let p = people("Ahmed Shah Massoud, the father of rebel leader Ahmad Massoud, died.");
        assert_eq!(p.len(), 2, "{p:?}");
        assert_ne!(p[0].1, p[1].1);
    }

    #[test]
    fn a_nickname_is_left_out_of_the_canonical_name() {
        let text = "Minister Luis \"Toto\" Caputo spoke. Caputo left.";
        let p = people(text);
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(p[0].2, "Luis Caputo");
        assert_eq!(p[1].1, p[0].1);
    }

    #[test]
    fn the_last_two_words_of_a_longer_name_are_its_surname() {
        let p = people(
            "Minister Dubravka Djedovic Handanovic spoke. Later, Djedovic Handanovic said more.",
        );
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(p[1].1, p[0].1);
        // not where the first of the two is a given name
        let p = people("Minister Maria Jose Garcia spoke. Later, Jose Garcia said more.");
        assert_eq!(p.len(), 2, "{p:?}");
        assert_ne!(p[1].1, p[0].1);
    }
}
