//! COUNTRY and DEMONYM candidates: every known surface of a state or its
//! nationality, found in one pass, then checked against its context.

use super::Candidate;
use crate::kb::countries::{AmbiguityReason, CountryData, SurfaceTarget};
use crate::kb::fxhash::FxHashSet as HashSet;
use crate::kb::{Kb, PlaceKind};
use crate::model::Label;
use crate::text::byteset::ByteSet;
use crate::text::words::{
    self, char_at, line_bounds, line_is_upper_case, next_word, previous_word,
};

struct Hit {
    start: usize,
    end: usize,
    surface: usize,
}

/// Appends COUNTRY and DEMONYM candidates found in `text`; returns the
/// spans of the places of several words it found ("Dar es Salaam"), in
/// text order, where no name starts inside.
pub fn recognize(text: &str, kb: &Kb, out: &mut Vec<Candidate>) -> Vec<(usize, usize)> {
    let data = &kb.countries;
    let hits = select_hits(text, kb);
    let places = hits
        .iter()
        .filter(|h| {
            matches!(data.surfaces[h.surface].target, SurfaceTarget::Place(_))
                && text[h.start..h.end].contains(' ')
        })
        .map(|h| (h.start, h.end))
        .collect();

    // States named without doubt anywhere in the text settle shared names
    // ("Congo") elsewhere in it.
    let mut named: HashSet<usize> = HashSet::default();
    for h in &hits {
        if let SurfaceTarget::Country(c) | SurfaceTarget::Demonym(c, _) =
            &data.surfaces[h.surface].target
            && c.len() == 1
            // "Korean" may mean either Korea: it names neither.
            && data
                .ambiguous
                .get(&data.surfaces[h.surface].text)
                .is_none_or(|a| a.states.len() < 2)
        {
            named.insert(c[0]);
        }
    }
    // "Michael Jordan": surfaces this text also uses as a person's surname.
    let surnames: HashSet<usize> = hits
        .iter()
        .filter(|h| data.ambiguous.contains_key(&data.surfaces[h.surface].text))
        .filter(|h| after_given_name(text, h, kb))
        .map(|h| h.surface)
        .collect();
    let us_states_named = hits.iter().any(|h| {
        matches!(
            data.surfaces[h.surface].target,
            SurfaceTarget::Place(PlaceKind::UsState)
        )
    });

    // Whether the text tells of the sovereign state a US state shares its
    // name with, looked up once and only where such a name occurs.
    let mut state_context: Option<(bool, bool)> = None;
    for h in &hits {
        let surface = &data.surfaces[h.surface];
        let (cands, label) = match &surface.target {
            SurfaceTarget::Place(_) => continue,
            SurfaceTarget::Country(c) => (c, Label::Country),
            SurfaceTarget::Demonym(c, _) => (c, Label::Demonym),
        };
        if label == Label::Demonym && ethnic_or_language(text, h, kb) {
            continue;
        }
        let mut ambiguity = None;
        if let Some(amb) = data.ambiguous.get(&surface.text) {
            let (nation, us_state) = if amb.reasons.contains(&AmbiguityReason::UsState) {
                *state_context.get_or_insert_with(|| tells_of_the_state(text, &hits, kb))
            } else {
                (false, false)
            };
            let doc = Doc {
                us_states_named,
                surname: surnames.contains(&h.surface),
                state_context: nation,
                us_state_context: us_state,
                demonym: label == Label::Demonym,
            };
            match judge(text, h, kb, &amb.reasons, &doc) {
                Reading::Other => continue,
                Reading::Doubtful(why) => ambiguity = Some(why),
                Reading::State => {}
            }
        }
        let relinked = data
            .ambiguous
            .contains_key(&surface.text)
            .then(|| next_word(text, h.end))
            .flatten()
            .filter(|_| separated_by_space(text, h.end))
            .and_then(|n| data.cues.linked_state_after(&surface.text, n))
            .or_else(|| {
                data.ambiguous
                    .contains_key(&surface.text)
                    .then(|| {
                        data.cues
                            .linked_state_before(&surface.text, &text[..h.start])
                    })
                    .flatten()
            })
            .and_then(|iso| data.by_iso2.get(iso).copied());
        // "The Korean minister" in a text that names North Korea and not
        // South Korea: the other state the ambiguity data lists.
        let only_other_named = || {
            let amb = data.ambiguous.get(&surface.text)?;
            (!named.contains(&cands[0]))
                .then(|| {
                    amb.states
                        .iter()
                        .filter_map(|iso| data.by_iso2.get(iso.as_str()).copied())
                        .find(|&c| c != cands[0] && named.contains(&c))
                })
                .flatten()
        };
        let country = if let Some(c) = relinked {
            c
        } else if cands.len() == 1 {
            only_other_named().unwrap_or(cands[0])
        } else {
            let settled: Vec<usize> = cands
                .iter()
                .copied()
                .filter(|c| named.contains(c))
                .collect();
            if settled.len() == 1 {
                settled[0]
            } else {
                // The likeliest state first, as the ambiguity data orders them.
                let mut cands = cands.clone();
                if let Some(amb) = data.ambiguous.get(&surface.text) {
                    let rank = |c: &usize| {
                        amb.states
                            .iter()
                            .position(|s| *s == data.countries[*c].iso2)
                            .unwrap_or(usize::MAX)
                    };
                    cands.sort_by_key(rank);
                }
                let names: Vec<&str> = cands
                    .iter()
                    .map(|&c| data.countries[c].canonical.as_str())
                    .collect();
                ambiguity = Some(format!(
                    "\"{}\" can name {}; linked to {}. Relabel or link the entity if another state is meant",
                    surface.text,
                    names.join(" or "),
                    names[0]
                ));
                cands[0]
            }
        };
        let c = &data.countries[country];
        let mut cand = Candidate::new(h.start, h.end, label);
        cand.id = Some(c.id());
        cand.canonical = Some(c.canonical.clone());
        cand.priority = if label == Label::Country { 2 } else { 1 };
        cand.ambiguity = ambiguity;
        out.push(cand);
    }
    places
}

/// Lower-case names count only in comma-separated tag lists ("iran,
/// china"), after a "Tags:" label, between commas or inside brackets.
const TAG_MARKS: ByteSet = ByteSet::capitals_and(b",:[]()");

/// Surface matches that stand as whole words with acceptable case, the
/// longest at each word, not overlapping.
fn select_hits(text: &str, kb: &Kb) -> Vec<Hit> {
    let data = &kb.countries;
    let mut hits: Vec<Hit> = Vec::new();
    kb.surfaces.scan(
        text,
        &TAG_MARKS,
        |word, start| worth_looking_up(text, kb, word, start),
        |start, end, surface| {
            let s = &data.surfaces[surface];
            if !case_fits(text, start, end, &s.text, &s.target, data) {
                return false;
            }
            hits.push(Hit {
                start,
                end,
                surface,
            });
            true
        },
    );
    hits
}

/// Capitalised words can start a name; lower-case ones only where they
/// open an item of a comma-separated tag list ("iran, china"), the only
/// place [`case_fits`] accepts a lower-case match, unless a surface itself
/// opens with this lower-case word ("eMbalenhle").
#[inline(always)]
fn worth_looking_up(text: &str, kb: &Kb, word: &str, start: usize) -> bool {
    let Some(&b) = word.as_bytes().first() else {
        return false;
    };
    if b.is_ascii_uppercase() {
        return true;
    }
    if !b.is_ascii() {
        match word.chars().next() {
            Some(c) if c.is_uppercase() => return true,
            Some(c) if c.is_lowercase() => {}
            _ => return false,
        }
    } else if !b.is_ascii_lowercase() {
        return false;
    }
    // An item opens after a comma, a colon ("Tags: iran"), an opening
    // bracket or the line start, across any spaces: what `in_tag_list`
    // requires of a match.
    let opens_item = matches!(
        text[..start]
            .trim_end_matches(|c: char| c.is_whitespace() && c != '\n' && c != '\r')
            .chars()
            .next_back(),
        None | Some(',' | ':' | '(' | '[' | '\n' | '\r')
    );
    opens_item || kb.surfaces.opens_lower_case(word)
}

/// Whether the matched text's case fits the surface: exact; all capitals
/// in a headline; or lower case in a list of topic tags.
fn case_fits(
    text: &str,
    start: usize,
    end: usize,
    surface: &str,
    target: &SurfaceTarget,
    data: &CountryData,
) -> bool {
    let found = &text[start..end];
    let is_acronym = !surface.chars().any(char::is_lowercase);
    if found == surface {
        // "CONTACT US", "LET US": the pronoun, not the state. The cue
        // word is looked at before the line, which takes a whole scan.
        return !(is_acronym
            && surface.chars().filter(|c| c.is_alphabetic()).count() <= 2
            && previous_word(text, start).is_some_and(|w| data.cues.has("us-pronoun-before", w))
            && line_is_upper_case(text, start));
    }
    if is_acronym {
        return false;
    }
    let letters = || found.chars().filter(|c| c.is_alphabetic());
    if letters().all(char::is_uppercase) {
        return line_is_upper_case(text, start);
    }
    if letters().all(char::is_lowercase) {
        let single_state = matches!(target, SurfaceTarget::Country(c) if c.len() == 1);
        return single_state
            && surface.chars().count() >= 4
            && !data.ambiguous.contains_key(surface)
            && in_tag_list(text, start, end);
    }
    false
}

/// A line of short, comma-separated lower-case tags ("iran, china, russia").
fn in_tag_list(text: &str, start: usize, end: usize) -> bool {
    let (ls, le) = line_bounds(text, start);
    // A "Tags:" style label or an opening bracket may open the list, and a
    // closing bracket end it ("Topics (belarus, russia)").
    let ls = text[ls..start]
        .rfind([':', '(', '['])
        .map_or(ls, |p| ls + p + 1);
    let le = text[end..le].find([')', ']']).map_or(le, |p| end + p);
    let line = &text[ls..le];
    let items: Vec<&str> = line.split(',').map(str::trim).collect();
    if items.len() < 2 {
        return false;
    }
    // After a "Tags:" label an item may be a capitalised name ("Gulf of
    // Oman"); without one, all must be lower case, or it is prose.
    let labelled = text[line_bounds(text, start).0..ls]
        .trim_end()
        .ends_with(':');
    let short_lower = items.iter().filter(|i| !i.is_empty()).all(|i| {
        i.split_whitespace().count() <= 3 && (labelled || !i.chars().any(char::is_uppercase))
    });
    let own_item = {
        let before = text[ls..start].rsplit(',').next().unwrap_or("").trim();
        let after = text[end..le].split(',').next().unwrap_or("").trim();
        before.is_empty() && after.is_empty()
    };
    short_lower && own_item
}

enum Reading {
    State,
    Doubtful(String),
    Other,
}

/// What the whole text says about an ambiguous surface.
struct Doc {
    /// The text names US states.
    us_states_named: bool,
    /// The text also writes the surface as a person's surname.
    surname: bool,
    /// The text tells of the sovereign state elsewhere: "Georgian Prime
    /// Minister", "Tbilisi".
    state_context: bool,
    /// The text tells of the US state elsewhere: "Atlanta, Georgia",
    /// "Georgia Gov. Brian Kemp".
    us_state_context: bool,
    demonym: bool,
}

/// Whether the text tells of the sovereign state that shares its name with
/// a US state: one of its names before a word only a state has
/// ("Georgian parliament"), or a place of its own (`state-context` cues).
/// And whether it tells of the US state: a mention beside a strong cue
/// or a US state ("Atlanta, Georgia").
fn tells_of_the_state(text: &str, hits: &[Hit], kb: &Kb) -> (bool, bool) {
    let data = &kb.countries;
    let shared = |h: &&Hit| {
        data.ambiguous
            .get(&data.surfaces[h.surface].text)
            .is_some_and(|a| a.reasons.contains(&AmbiguityReason::UsState))
    };
    let nation = hits
        .iter()
        .filter(shared)
        .any(|h| next_word(text, h.end).is_some_and(|w| data.cues.has("state-after", w)))
        || words::tokens(text).any(|t| data.cues.has("state-context", t.text(text)));
    let us = hits
        .iter()
        .filter(shared)
        .any(|h| near_us_state_cue(text, h, kb, true) || beside_us_state(text, h, kb));
    (nation, us)
}

/// "Michael Jordan": the surface right after a clear given name.
fn after_given_name(text: &str, h: &Hit, kb: &Kb) -> bool {
    previous_word(text, h.start).is_some_and(|p| {
        is_name_like(p)
            && text[..h.start]
                .strip_suffix(' ')
                .is_some_and(|b| b.ends_with(p))
            && kb.names.is_clear_given_name(p)
    })
}

/// Settles a surface that often means something other than the state.
fn judge(text: &str, h: &Hit, kb: &Kb, reasons: &[AmbiguityReason], doc: &Doc) -> Reading {
    let cues = &kb.countries.cues;
    let form = &text[h.start..h.end];
    let prev = previous_word(text, h.start);
    let next = next_word(text, h.end);
    for reason in reasons {
        match reason {
            AmbiguityReason::GivenName => {
                if prev.is_some_and(|w| cues.has("person-before", w)) {
                    return Reading::Other;
                }
                if let Some(n) = next
                    && is_name_like(n)
                    && separated_by_space(text, h.end)
                    && kb.countries.surfaces.iter().all(|s| s.text != n)
                    && (kb.names.surname(n).is_some() || kb.names.given_count() == 0)
                {
                    return Reading::Other;
                }
                if after_given_name(text, h, kb) {
                    return Reading::Other;
                }
                // "Jordan said" in an article about Michael Jordan.
                if doc.surname && next.is_some_and(|w| kb.names.is_reporting_verb(w)) {
                    return Reading::Other;
                }
            }
            AmbiguityReason::UsState => {
                // "the Georgian state": the nation, not a US state.
                if next.is_some_and(|w| cues.has("state-after", w))
                    || (doc.demonym && next == Some("state"))
                {
                    return Reading::State;
                }
                if beside_us_state(text, h, kb) {
                    return Reading::Other;
                }
                // A cue word near the name ("U.S.", "state") is weaker than
                // a text that tells of the nation elsewhere.
                let weak_only = doc.state_context && !doc.us_states_named;
                // "roots in Georgia" after "Atlanta, Georgia": the text's
                // Georgia is the US state.
                if near_us_state_cue(text, h, kb, weak_only)
                    || (doc.us_state_context && !doc.state_context)
                {
                    return Reading::Other;
                }
                if doc.us_states_named {
                    return Reading::Doubtful(format!(
                        "\"{form}\" is also a US state, and this text names US states; linked to the country. Reject the entity if the state is meant"
                    ));
                }
            }
            AmbiguityReason::River => {
                if next.is_some_and(|w| cues.has("river-after", w)) {
                    return Reading::Other;
                }
                if prev.is_some_and(|w| cues.has("river-before", w))
                    && next.is_none_or(|w| w != "s")
                {
                    return Reading::Other;
                }
            }
            // "Russian language", "in Russian." never get here:
            // `ethnic_or_language` reads them for every demonym first.
            AmbiguityReason::Language => {}
            AmbiguityReason::CommonNoun | AmbiguityReason::SharedName | AmbiguityReason::Other => {}
        }
    }
    Reading::State
}

/// A demonym used for an ethnic group or a language rather than a state
/// or its people: "ethnic Uzbek families", "Uzbek-language schools",
/// "speaks Russian and Kazakh".
/// Whether the word at `h` stands in a list ("A, B and C") beside an
/// ethnic group with no state ("Hazaras"), up to three items away.
fn listed_with_ethnic_group(text: &str, h: &Hit, kb: &Kb) -> bool {
    let cues = &kb.countries.cues;
    let seps = [", and ", ", ", " and "];
    let mut end = h.start;
    for _ in 0..3 {
        let Some(head) = seps.iter().find_map(|s| text[..end].strip_suffix(s)) else {
            break;
        };
        let Some(w) = previous_word(head, head.len()) else {
            break;
        };
        if cues.has("ethnic-group", w) {
            return true;
        }
        end = head.len() - w.len();
    }
    let mut start = h.end;
    for _ in 0..3 {
        let Some(rest) = seps.iter().find_map(|s| text[start..].strip_prefix(s)) else {
            break;
        };
        let from = text.len() - rest.len();
        let Some(w) = next_word(text, from).filter(|w| rest.starts_with(w)) else {
            break;
        };
        if cues.has("ethnic-group", w) {
            return true;
        }
        start = from + w.len();
    }
    false
}

fn ethnic_or_language(text: &str, h: &Hit, kb: &Kb) -> bool {
    let cues = &kb.countries.cues;
    let prev = previous_word(text, h.start);
    let next = next_word(text, h.end);
    // "ethnic Afghan Tajiks": the group is the next word, and the demonym
    // the state it lives in.
    if prev.is_some_and(|w| cues.has("ethnic-before", w))
        && next.is_none_or(|w| !w.starts_with(char::is_uppercase))
    {
        return true;
    }
    let rest = &text[h.end..];
    if let Some(after) = rest.strip_prefix('-') {
        let w = &after[..crate::text::words::word_end(after, 0)];
        if cues.has("language-after", w) {
            return true;
        }
    }
    if next.is_some_and(|w| cues.has("language-after", w) || cues.has("ethnic-after", w)) {
        return true;
    }
    // "inter-Korean talks": between the states that share the name
    if text[..h.start].ends_with("inter-") || text[..h.start].ends_with("Inter-") {
        return true;
    }
    // "Bosnian Serb leader", "Kosovo Serbs", "Afghan Tajiks": a group
    // named after the state or people it lives among
    let form = &text[h.start..h.end];
    if cues.has("group-after-place", form)
        && text[..h.start].ends_with(' ')
        && prev.is_some_and(|w| {
            text[..h.start - 1].ends_with(w)
                && kb.surface_of(w).is_some_and(|i| {
                    !matches!(
                        kb.countries.surfaces[i as usize].target,
                        SurfaceTarget::Place(_)
                    )
                })
        })
    {
        return true;
    }
    // "Pashtuns, Tajiks, Uzbeks and Hazaras": a list of groups
    if cues.has("group-after-place", form) && listed_with_ethnic_group(text, h, kb) {
        return true;
    }
    // "ethnic Tajiks and Uzbeks": the second group of the pair
    if let Some(head) = text[..h.start].strip_suffix(" and ")
        && let Some(other) = previous_word(head, head.len())
        && kb.surface_of(other).is_some()
        && previous_word(head, head.len() - other.len())
            .is_some_and(|w| cues.has("ethnic-before", w))
    {
        return true;
    }
    // "responded in Japanese.", "speaking in Korean at a press conference":
    // a language ends the phrase after "in", "into", ...
    // "Translated from German by DeepL": the same across "from".
    let before_from = || {
        text[..h.start]
            .strip_suffix("from ")
            .and_then(|head| previous_word(head, head.trim_end().len()))
            .is_some_and(|w| cues.has("language-before", w))
    };
    if (prev.is_some_and(|w| cues.has("language-before", w)) || before_from())
        && ends_phrase(text, h.end, kb)
    {
        return true;
    }
    // "speaks Russian", "speaks Russian and Kazakh"
    let spoken = |w: &str| cues.has("spoken-before", w);
    if prev.is_some_and(spoken) {
        return true;
    }
    if let Some(head) = text[..h.start]
        .strip_suffix(" and ")
        .or_else(|| text[..h.start].strip_suffix(" or "))
        && let Some(other) = previous_word(head, head.len())
        && kb.surface_of(other).is_some()
        && previous_word(head, head.len() - other.len()).is_some_and(spoken)
    {
        return true;
    }
    false
}

/// "Texas and Georgia", "Georgia, Alabama": listed with a US state.
fn beside_us_state(text: &str, h: &Hit, kb: &Kb) -> bool {
    const JOINS: [&str; 3] = [" and ", ", ", " or "];
    let is_state = |w: &str| {
        kb.surface_of(w).is_some_and(|i| {
            matches!(
                kb.countries.surfaces[i as usize].target,
                SurfaceTarget::Place(PlaceKind::UsState)
            )
        })
    };
    // The last one or two words before the join, or the first one or two
    // after it ("New York").
    let plain = |c: char| c.is_alphanumeric() || c == ' ' || c == '.';
    let near = |seg: &str, from_end: bool| -> bool {
        let ws: Vec<&str> = seg.split_whitespace().collect();
        (1..=2.min(ws.len())).any(|n| {
            let part = if from_end {
                &ws[ws.len() - n..]
            } else {
                &ws[..n]
            };
            is_state(&part.join(" "))
        })
    };
    let lo = crate::text::floor_char_boundary(text, h.start.saturating_sub(40));
    let hi = crate::text::floor_char_boundary(text, (h.end + 40).min(text.len()));
    let head = &text[lo..h.start];
    let tail = &text[h.end..hi.max(h.end)];
    JOINS.iter().any(|j| {
        head.strip_suffix(j)
            .and_then(|b| b.rsplit(|c: char| !plain(c)).next())
            .is_some_and(|seg| near(seg, true))
            || tail
                .strip_prefix(j)
                .and_then(|a| a.split(|c: char| !plain(c)).next())
                .is_some_and(|seg| near(seg, false))
    })
}

/// A word pointing to a US state near `h`; with `strong_only`, not one
/// that also goes with the federal state ("state", "U.S.", "Senate").
fn near_us_state_cue(text: &str, h: &Hit, kb: &Kb, strong_only: bool) -> bool {
    let cues = &kb.countries.cues;
    let lo = words::line_bounds(text, h.start)
        .0
        .max(h.start.saturating_sub(80));
    let hi = (h.end + 80).min(words::line_bounds(text, h.end).1);
    let lo = crate::text::floor_char_boundary(text, lo);
    let hi = crate::text::floor_char_boundary(text, hi);
    let window = &text[lo..hi];
    words::tokens(window).any(|t| {
        let w = t.text(window);
        // "the State Department" is the federal one.
        cues.has("us-state-cue", w)
            && !(strong_only && cues.has("us-state-weak-cue", w))
            && !(w == "State" && window[t.end..].starts_with(" Department"))
    })
}

/// Whether the phrase ends at `end`: a closing mark, or a word that starts
/// the next phrase ("at", "to", "during").
fn ends_phrase(text: &str, end: usize, kb: &Kb) -> bool {
    let at = skip_spaces(text, end);
    match char_at(text, at) {
        None => true,
        Some(c) if ".,;:!?)\"'’”\n\r".contains(c) => true,
        Some(c) if c.is_lowercase() => {
            next_word(text, end).is_some_and(|w| kb.countries.cues.has("phrase-after", w))
        }
        _ => false,
    }
}

fn skip_spaces(text: &str, mut i: usize) -> usize {
    while let Some(c) = char_at(text, i) {
        if c == ' ' || c == '\u{a0}' {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

fn separated_by_space(text: &str, end: usize) -> bool {
    matches!(char_at(text, end), Some(' '))
        && char_at(text, end + 1).is_some_and(char::is_uppercase)
}

fn is_name_like(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.clone().any(char::is_lowercase)
}
