//! PERSON candidates. Names are runs of capitalised words (with initials,
//! particles such as "bin"/"van der"/"al-", hyphenated parts and "Jr.")
//! judged by their context and the lexicons: a title or honorific before
//! them, an apposition or reporting verb around them, a known given name
//! first, a surname ending, the knowledge base, a photo credit, or an
//! earlier full mention of the same surname in the document. Titles,
//! honorifics and possessives stay outside the span.

use super::Candidate;
use crate::kb::Kb;
use crate::kb::countries::AmbiguityReason;
use crate::kb::fxhash::FxHashSet as HashSet;
use crate::kb::names::{NotPersonKind, TitleKind, WordFacts};
use crate::kb::people::is_generational;
use crate::link::fold;
use crate::model::Label;
use crate::text::byteset::ByteSet;
use crate::text::words::{self, char_at, char_before, is_word_char, line_bounds, previous_word};

/// What the recogniser learnt about one PERSON candidate; the linker reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonMention {
    pub start: usize,
    pub end: usize,
    /// The title or role written before the name ("Vice President").
    pub title: Option<String>,
    /// Knowledge-base person matched by the full name.
    pub kb: Option<usize>,
    /// The span of the name this one renames ("Hemedti" after "Mohamed
    /// Hamdan Dagalo, known as").
    pub alias_of: Option<(usize, usize)>,
}

#[derive(Clone, Copy, Debug)]
struct Word {
    start: usize,
    end: usize,
    particle: bool,
    /// What the lexicons know of the word, looked up once.
    f: WordFacts,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Cue {
    None,
    /// Only a reading that another mention confirms.
    Weak,
    Strong,
}

/// An accepted candidate, what the linker learns of it, and its name words.
type Found = (Candidate, PersonMention, Vec<(usize, usize)>);

struct Pending {
    start: usize,
    end: usize,
    /// Name words (particles excluded), for coreference.
    words: Vec<(usize, usize)>,
    /// A context cue that a surname match completes (reporting verb, apposition).
    context: bool,
    /// In a title-case headline, where capitals join unrelated words.
    headline: bool,
    /// A place or state name: a person only where the document names
    /// someone with that surname.
    place: bool,
}

fn is_upper_start(text: &str, i: usize) -> bool {
    char_at(text, i).is_some_and(char::is_uppercase)
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{a0}'
}

/// What follows an apostrophe in English words ("Ruto's", "don't",
/// "she'll"), never a syllable of a name.
const ENGLISH_CLITICS: [&str; 7] = ["s", "t", "ll", "re", "ve", "d", "m"];

/// End of the name word that starts at `i`: word characters, joined across
/// a hyphen or apostrophe when a capital follows ("Amir-Abdollahian",
/// "O'Brien") and across a hyphen after a particle ("al-Sharaa").
fn word_end(text: &str, kb: &Kb, i: usize) -> usize {
    let mut e = i;
    loop {
        e = words::word_end(text, e);
        match char_at(text, e) {
            Some(c @ ('-' | '‐' | '\'' | '’')) => {
                let next = e + c.len_utf8();
                let part = &text[i..e];
                let cap_next = is_upper_start(text, next);
                let particle = (c == '-' || c == '‐')
                    && (kb
                        .names
                        .hyphen_particles
                        .contains(part.to_lowercase().as_str())
                        || part == "bin"
                        || part == "ibn");
                let glued_apostrophe = (c == '\'' || c == '’') && cap_next && e - i <= 2;
                // "Ndung'u", "Ng'ang'a", "La'auli", "Tian'anmen": lower-case
                // syllables after an apostrophe inside a name, other than an
                // English clitic.
                if (c == '\'' || c == '’') && part.starts_with(char::is_uppercase) {
                    let rest = &text[next..];
                    let run = rest.bytes().take_while(u8::is_ascii_lowercase).count();
                    if (1..=8).contains(&run)
                        && !rest[run..].starts_with(|c: char| c.is_alphanumeric())
                        && !ENGLISH_CLITICS.contains(&&rest[..run])
                    {
                        e = next + run;
                        continue;
                    }
                }
                // "Takht-e-Ravanchi", "Zia-ul-Haq": a short connector between capitals.
                if (c == '-' || c == '‐') && !cap_next {
                    let rest = &text[next..];
                    let run = rest.bytes().take_while(u8::is_ascii_lowercase).count();
                    if (1..=3).contains(&run)
                        && rest[run..].starts_with('-')
                        && is_upper_start(text, next + run + 1)
                        && part.starts_with(char::is_uppercase)
                    {
                        e = next + run + 1;
                        continue;
                    }
                }
                if (c == '-' || c == '‐')
                    && (cap_next || particle)
                    && char_at(text, next).is_some_and(is_word_char)
                    || glued_apostrophe
                {
                    e = next;
                    continue;
                }
                return e;
            }
            _ => return e,
        }
    }
}

/// "Sang-mok" in "Choi Sang-mok", "Jae-in" in "Moon Jae-in": a romanised
/// (Korean) given name whose second syllable follows a hyphen in lower
/// case. Only after another name word, so "Saudi-led" opens no name.
fn syllable_tail(text: &str, s: usize, e: usize) -> usize {
    let b = text.as_bytes();
    if !(2..=5).contains(&(e - s))
        || b.get(e) != Some(&b'-')
        || !b[s..e].iter().all(u8::is_ascii_alphabetic)
    {
        return e;
    }
    let tail = b[e + 1..]
        .iter()
        .take_while(|c| c.is_ascii_lowercase())
        .count();
    let end = e + 1 + tail;
    // No romanised syllable ends in "d": "Wang Yi-led talks" names Wang Yi.
    if !(2..=5).contains(&tail)
        || text[..end].ends_with("ed")
        || char_at(text, end).is_some_and(|c| is_word_char(c) || c == '-')
    {
        return e;
    }
    end
}

/// "Van", "De", "Al": a particle written with a capital.
fn is_capital_particle(kb: &Kb, w: &str) -> bool {
    w.len() <= 4 && {
        let l = w.to_lowercase();
        kb.names.particles.contains(l.as_str()) || kb.names.hyphen_particles.contains(l.as_str())
    }
}

fn single_initial(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.next().is_none()
}

/// Where the surname starts in initials glued to it ("S.V.Lavrov").
pub(crate) fn glued_initials_end(w: &str) -> Option<usize> {
    let b = w.as_bytes();
    let mut k = 0;
    while b.get(k).is_some_and(u8::is_ascii_uppercase) && b.get(k + 1) == Some(&b'.') {
        k += 2;
    }
    (k >= 4
        && b.get(k).is_some_and(u8::is_ascii_uppercase)
        && b.get(k + 1).is_some_and(u8::is_ascii_lowercase))
    .then_some(k)
}

/// "J.", "J", "J.D.", "H.R.": one initial, or several each with its dot.
pub(crate) fn initials(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    single_initial(w) || (w.len() >= 3 && w.split('.').all(single_initial))
}

/// The chain of name-like words starting at the capitalised word at `i`.
fn chain(text: &str, kb: &Kb, i: usize, words: &mut Vec<Word>) {
    words.clear();
    let mut s = i;
    loop {
        let mut e = word_end(text, kb, s);
        if !words.is_empty() {
            e = syllable_tail(text, s, e);
        }
        let w = &text[s..e];
        if char_at(text, e) == Some('.') {
            let with_dot = &text[s..=e];
            // A title's dot only before a name: "Hun Sen. The talks"
            // ends a sentence, "Georgia Gov. Brian Kemp" goes on.
            let name_after = || {
                let next = e + 2;
                text.as_bytes().get(e + 1) == Some(&b' ')
                    && is_upper_start(text, next)
                    && !kb
                        .word(&text[next..words::word_end(text, next)])
                        .sentence_opener
            };
            if single_initial(w)
                || (kb.names.title(with_dot).is_some() && name_after())
                || is_generational(w)
                || kb.word(with_dot).given.is_some()
            {
                e += 1;
                // "J.D.", "H.R.": initials written together are one word.
                if single_initial(w) {
                    while text.as_bytes()[e..]
                        .get(..2)
                        .is_some_and(|b| b[0].is_ascii_uppercase() && b[1] == b'.')
                    {
                        e += 2;
                    }
                }
            }
        }
        // "BY MIKE LILLIS AND EMILY BROOKS": two names.
        if !words.is_empty() && w == "AND" {
            break;
        }
        // "Dutch F-35 jets", "the Dutch GP": a model's letter or an
        // acronym after a capitalised word is no name word.
        if let Some(prev) = words.last()
            && !is_generational(w)
            && ((w.len() == 1
                && w.as_bytes()[0].is_ascii_uppercase()
                && text.as_bytes().get(e) == Some(&b'-')
                && text.as_bytes().get(e + 1).is_some_and(u8::is_ascii_digit))
                || ((2..=4).contains(&w.len())
                    && w.bytes().all(|b| b.is_ascii_uppercase())
                    && !is_all_caps(&text[prev.start..prev.end])
                    // "Wolf Popper LLP", "John Smith MP" say what the
                    // words before are.
                    && kb.word(w).not_person.is_none()
                    && !kb.names.post_nominals.contains(w)))
        {
            break;
        }
        words.push(Word {
            start: s,
            end: e,
            particle: false,
            f: kb.word(&text[s..e]),
        });
        // "Henry V" ends a name; "S. V. Lavrov" goes on after initials.
        if is_generational(&text[s..e])
            && words.len() > 1
            && !words[words.len() - 2..words.len() - 1]
                .iter()
                .all(|w| initials(&text[w.start..w.end]))
        {
            break;
        }
        // "S.V.Lavrov": a surname glued to the initials (a given name and
        // a patronymic) before it.
        if glued_initials_end(&text[s..]) == Some(e - s) {
            s = e;
            continue;
        }
        // ", Jr." after a name.
        if text[e..].starts_with(", Jr.") || text[e..].starts_with(", Sr.") {
            words.push(Word {
                start: e + 2,
                end: e + 5,
                particle: false,
                f: kb.word(&text[e + 2..e + 5]),
            });
            break;
        }
        let Some(c) = char_at(text, e) else { break };
        if !is_space(c) {
            break;
        }
        let next = e + c.len_utf8();
        // `Luis "Toto" Caputo`: a quoted nickname inside the name, kept
        // out of its words like a particle.
        if let Some(ne) = nickname_at(text, e)
            && is_upper_start(text, ne + 1)
        {
            words.push(Word {
                start: next,
                end: ne,
                particle: true,
                f: WordFacts::default(),
            });
            s = ne + 1;
            continue;
        }
        if is_upper_start(text, next) {
            // "on X. The peso": an initial that ends a sentence.
            if text[..e].ends_with('.')
                && kb
                    .word(&text[next..word_end(text, kb, next)])
                    .sentence_opener
            {
                break;
            }
            s = next;
            continue;
        }
        // Lower-case particles: "bin", "van der", "al-".
        let mut p = next;
        let mut parts = Vec::new();
        loop {
            let pe = word_end(text, kb, p);
            if pe == p {
                break;
            }
            let pw = &text[p..pe];
            if let Some((pre, _)) = pw.split_once('-')
                && kb.names.hyphen_particles.contains(pre)
            {
                // "al-Sharaa" is a whole name word.
                parts.push(Word {
                    start: p,
                    end: pe,
                    particle: false,
                    f: kb.word(pw),
                });
                p = pe;
                break;
            }
            if !kb.names.particles.contains(pw) || parts.len() >= 3 {
                parts.clear();
                break;
            }
            parts.push(Word {
                start: p,
                end: pe,
                particle: true,
                f: kb.word(pw),
            });
            match char_at(text, pe) {
                Some(c) if is_space(c) => p = pe + c.len_utf8(),
                _ => {
                    parts.clear();
                    break;
                }
            }
            if is_upper_start(text, p) {
                break;
            }
        }
        let ends_name = parts.last().is_some_and(|w| !w.particle);
        if parts.is_empty() || (!ends_name && !is_upper_start(text, p)) {
            break;
        }
        words.extend(parts);
        if ends_name {
            // The hyphenated particle word closes this step; look further.
            let last = words.last().unwrap().end;
            match char_at(text, last) {
                Some(c) if is_space(c) && is_upper_start(text, last + c.len_utf8()) => {
                    s = last + c.len_utf8();
                    continue;
                }
                _ => break,
            }
        }
        s = p;
    }
}

/// A title ending just before `start` on the same line, written in lower
/// case or after the chain began ("spokesman", "former president").
fn title_before(text: &str, kb: &Kb, start: usize, ls: usize) -> Option<(String, TitleKind)> {
    let mut i = start;
    // Step back over one separating space.
    match char_before(text, i) {
        Some(c) if is_space(c) => i -= c.len_utf8(),
        _ => return None,
    }
    let end = i;
    let mut best = None;
    for _ in 0..kb.names.title_max_words.min(5) {
        // Back over one word (letters, hyphens, dots, apostrophes).
        let mut j = i;
        while let Some(c) = char_before(text, j) {
            if is_word_char(c) || matches!(c, '-' | '.' | '\'' | '’') {
                j -= c.len_utf8();
            } else {
                break;
            }
        }
        if j == i || j < ls {
            break;
        }
        // Every phrase tried ends in the word just before the name.
        if i == end && !kb.names.may_end_title(&text[j..end]) {
            return None;
        }
        let phrase = &text[j..end];
        if let Some(k) = kb.names.title(phrase) {
            best = Some((phrase.to_string(), k));
        }
        match char_before(text, j) {
            Some(c) if is_space(c) => i = j - c.len_utf8(),
            _ => break,
        }
    }
    best
}

/// The line a chain sits on, computed once per line.
struct Line {
    start: usize,
    end: usize,
    /// All capitals: case says nothing.
    upper: bool,
    /// Title case: capitals join unrelated words.
    headline: bool,
    /// "By MATTHEW LEE and STEPHEN GROVES": a byline whose capitals are
    /// names, not acronyms.
    caps_byline: bool,
}

impl Line {
    fn at(text: &str, i: usize) -> Line {
        let (start, end) = line_bounds(text, i);
        let line = &text[start..end];
        let upper = shouting(line);
        Line {
            start,
            end,
            upper,
            headline: !upper && title_case_line(line),
            caps_byline: caps_byline(line),
        }
    }
}

/// Same test as `words::line_is_upper_case`, in one pass over the bytes
/// that stops as soon as lower case dominates.
/// "By MATTHEW LEE and STEPHEN GROVES": a byline of names in capitals.
fn caps_byline(line: &str) -> bool {
    let lead = line.trim();
    // "RINTARO TOBITA and KOSUKE TAKEUCHI, Nikkei staff writers": the
    // names in capitals, then what they write for.
    let staff = || {
        let (names, role) = lead.split_once(", ")?;
        let role = role.to_ascii_lowercase();
        ["writer", "correspondent", "reporter", "editor", "staff"]
            .iter()
            .any(|r| role.contains(r))
            .then_some(names)
    };
    lead.strip_prefix("By ")
        .or_else(|| lead.strip_prefix("BY "))
        // "BY MIKE LILLIS AND EMILY BROOKS - 01/14/26 6:00 AM ET": the
        // names end at the stamp.
        .map(|names| {
            [" - ", " | ", " / "]
                .iter()
                .filter_map(|sep| names.find(sep))
                .min()
                .map_or(names, |cut| &names[..cut])
        })
        .or_else(staff)
        .is_some_and(|names| {
            names.len() <= 80
                && names.split([' ', ',']).all(|w| {
                    w.is_empty()
                        || w.eq_ignore_ascii_case("and")
                        || w.chars()
                            .all(|c| c.is_uppercase() || matches!(c, '-' | '\'' | '’' | '.'))
                })
        })
}

fn shouting(line: &str) -> bool {
    let (mut upper, mut lower) = (0usize, 0usize);
    let mut rest = line.len();
    for c in line.chars() {
        rest = rest.saturating_sub(c.len_utf8());
        if c.is_ascii() {
            if c.is_ascii_uppercase() {
                upper += 1;
            } else if c.is_ascii_lowercase() {
                lower += 1;
            }
        } else if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
        if lower * 10 > upper + rest {
            return false;
        }
    }
    upper >= 8 && lower * 10 <= upper
}

fn is_all_caps(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
}

/// True when most words on the line are capitalised: a headline in title case.
/// The text before a list of portfolios ends at "of" ("Minister of
/// Investment, Industry and " before "Trade Laziz Kudratov"): `before`
/// without the list's earlier items.
fn portfolio_list_start(before: &str) -> &str {
    let mut b = before;
    for _ in 0..4 {
        let Some(t) = b.strip_suffix(" and ").or_else(|| b.strip_suffix(", ")) else {
            break;
        };
        let Some((rest, item)) = t.rsplit_once(' ') else {
            break;
        };
        if !item.starts_with(|c: char| c.is_uppercase()) || item.ends_with(['.', ':']) {
            break;
        }
        b = &t[..rest.len() + 1];
    }
    b
}

fn title_case_line(line: &str) -> bool {
    if line.len() > 160 || line.ends_with('.') {
        return false;
    }
    // List items ("- Name, Role") are not headlines.
    if ["- ", "• ", "* ", "– "]
        .iter()
        .any(|p| line.trim_start().starts_with(p))
    {
        return false;
    }
    let (mut caps, mut all) = (0, 0);
    for w in line.split_whitespace() {
        let Some(c) = w.chars().find(|c| c.is_alphabetic()) else {
            continue;
        };
        all += 1;
        if c.is_uppercase() {
            caps += 1;
        }
    }
    all >= 3 && caps * 10 >= all * 7
}

/// Sentence start: the chain follows a line break, sentence punctuation,
/// or only quotes/brackets before it.
fn at_sentence_start(text: &str, start: usize) -> bool {
    crate::text::words::starts_sentence(text, start)
}

/// "Name, the head of …", "Name, who …", "Name, 45," and
/// "Name, Tajikistan's ambassador".
fn apposition_after(text: &str, kb: &Kb, end: usize) -> bool {
    let rest = &text[end..];
    let Some(rest) = rest.strip_prefix(", ") else {
        return false;
    };
    let line_end = rest.find(['\n', '\r']).unwrap_or(rest.len());
    let rest = &rest[..line_end];
    let mut ws = rest
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'))
        .filter(|w| !w.is_empty());
    let Some(first) = ws.next() else { return false };
    if first.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let first_ok = kb.names.apposition_leads.contains(first)
        || first.ends_with("’s")
        || first.ends_with("'s")
        || kb.names.title(first).is_some()
        // "Bhima Yudhistira, executive director of ...".
        || rest
            .split(' ')
            .nth(1)
            .is_some_and(|second| kb.names.title(&format!("{first} {second}")).is_some());
    if !first_ok {
        return false;
    }
    if first == "who" || first == "whose" {
        return true;
    }
    std::iter::once(first).chain(ws.take(6)).any(|w| {
        let w = w.trim_end_matches(['.', '’', '\'']);
        let w = w.trim_end_matches("’s").trim_end_matches("'s");
        kb.names.title(w).is_some_and(|k| k != TitleKind::Honorific)
    })
}

/// An age set off by commas right after a name: "Solbakken, 57, said".
fn age_after(text: &str, end: usize) -> bool {
    let Some(rest) = text[end..].strip_prefix(", ") else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (2..=3).contains(&digits)
        && rest[digits..].starts_with(',')
        && rest[..digits]
            .parse::<u8>()
            .is_ok_and(|a| (14..=110).contains(&a))
}

/// A reporting verb right after the name ("Lavrov said") or right before
/// it ("said Lavrov", "according to Lavrov").
fn reporting_verb_near(text: &str, kb: &Kb, start: usize, end: usize, ls: usize) -> bool {
    let after = &text[end..];
    if let Some(rest) = after.strip_prefix(' ') {
        let w: &str = rest
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        if !w.is_empty() && kb.names.is_reporting_verb(w) {
            return true;
        }
        // "Lavrov also said", "Lavrov has said".
        let mut it = rest.split(' ');
        if let (Some(a), Some(b)) = (it.next(), it.next())
            && matches!(
                a,
                "also" | "has" | "had" | "later" | "then" | "then," | "further"
            )
        {
            let b = b.trim_end_matches(|c: char| !c.is_alphabetic());
            if kb.names.is_reporting_verb(b) {
                return true;
            }
        }
    }
    let before = text[ls..start].trim_end_matches([' ', '\u{a0}', ',']);
    let mut words = before.rsplit(' ');
    let last = words.next().unwrap_or("");
    if speaker_before(kb, last) {
        return true;
    }
    if let Some(prev) = words.next() {
        let two = format!("{prev} {last}");
        if kb.names.is_reporting_verb(&two) {
            return true;
        }
    }
    false
}

/// "fellow Mercosur leaders", "analysts at Itau Unibanco", "members of
/// Mercosur": a noun for a body of people right after the name, or before
/// it across "at", "of" or "from", makes the name what they belong to.
fn beside_group_noun(text: &str, kb: &Kb, start: usize, end: usize) -> bool {
    let groups = &kb.names.group_nouns;
    if let Some(rest) = text[end..].strip_prefix(' ')
        && groups.contains(&rest[..crate::text::words::word_end(rest, 0)])
    {
        return true;
    }
    // "members of Kagame's party": the owner is a person.
    if crate::text::words::possessive_at(text, end) {
        return false;
    }
    let Some(head) = text[..start].strip_suffix(' ') else {
        return false;
    };
    let at = head.rfind(' ').map_or(0, |i| i + 1);
    if !matches!(&head[at..], "at" | "of" | "from") {
        return false;
    }
    let head = head[..at].trim_end_matches(' ');
    let w = &head[head.rfind(char::is_whitespace).map_or(0, |i| i + 1)..];
    // "Analysts at ..." opening a sentence.
    groups.contains(w) || groups.contains(w.to_ascii_lowercase().as_str())
}

/// The family name of a name written family name first ("Xi Jinping",
/// "Lee Jae-myung", "Nguyen Van Thanh"): two or three words, the first
/// a family name of the data.
fn family_first<'a>(kb: &Kb, name: &[&'a str]) -> Option<&'a str> {
    match name {
        [first, ..] if (2..=3).contains(&name.len()) => {
            kb.names.family_first.contains(*first).then_some(*first)
        }
        _ => None,
    }
}

/// "two daughters, Ada and Ngozi", "his wife Mary": a name listed after a
/// family noun of the data, alone or as a later item of the list.
fn after_kin_noun(text: &str, kb: &Kb, start: usize) -> bool {
    let mut head = &text[..start];
    // At most a few earlier items, each a capitalised word.
    for _ in 0..4 {
        let Some((rest, sep)) = [", and ", " and ", ", ", " "]
            .iter()
            .find_map(|sep| head.strip_suffix(sep).map(|r| (r, *sep)))
        else {
            return false;
        };
        let word_len: usize = rest
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .map(char::len_utf8)
            .sum();
        let word = &rest[rest.len() - word_len..];
        // The list opens right after the noun: "daughters, Ada", "wife Mary".
        if kb.names.kin_nouns.contains(word) {
            return matches!(sep, ", " | " ");
        }
        if sep == " " || !word.starts_with(char::is_uppercase) {
            return false;
        }
        head = &rest[..rest.len() - word_len];
    }
    false
}

/// "Aryna Sabalenka of Belarus": a country named right after, with "of".
fn of_country_after(text: &str, kb: &Kb, end: usize) -> bool {
    let Some(rest) = text[end..].strip_prefix(" of ") else {
        return false;
    };
    let rest = rest.strip_prefix("the ").unwrap_or(rest);
    // The country's name: up to three words ("U.S." with its dots).
    let mut names = Vec::new();
    let mut e = 0;
    for _ in 0..3 {
        let mut we = crate::text::words::word_end(rest, e);
        if we == e {
            break;
        }
        while rest[we..].starts_with('.') {
            we = crate::text::words::word_end(rest, we + 1);
        }
        names.push(&rest[..we]);
        if let Some(n) = rest[..we].strip_suffix('.') {
            names.push(n);
        }
        if !rest[we..].starts_with(' ') {
            break;
        }
        e = we + 1;
    }
    names.iter().any(|name| {
        kb.surface_of(name).is_some_and(|i| {
            matches!(
                kb.countries.surfaces[i as usize].target,
                crate::kb::SurfaceTarget::Country(_)
            )
        })
    })
}

/// "Marks & Spencer", "Procter & Gamble": a word joined to another
/// capitalised word by an ampersand names a firm.
fn ampersand_firm(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start]
        .strip_suffix(" & ")
        .is_some_and(|h| h.ends_with(char::is_alphanumeric));
    let after = text[end..]
        .strip_prefix(" & ")
        .is_some_and(|r| r.starts_with(char::is_uppercase));
    before || after
}

/// Quote pairs that set a nickname inside a name: `Luis "Toto" Caputo`.
const NICKNAME_QUOTES: [(char, char); 4] = [('"', '"'), ('“', '”'), ('\'', '\''), ('‘', '’')];

/// The end of a quoted nickname written at `at` (a space, the quote, one
/// to three capitalised words, the closing quote) when a space follows it.
fn nickname_at(text: &str, at: usize) -> Option<usize> {
    let rest = text[at..].strip_prefix(' ')?;
    let open = rest.chars().next()?;
    let &(_, close) = NICKNAME_QUOTES.iter().find(|(o, _)| *o == open)?;
    let inner = &rest[open.len_utf8()..];
    let n = inner.find(close)?;
    let nick = &inner[..n];
    let words: Vec<&str> = nick.split(' ').collect();
    let ok = words.len() <= 3
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\''))
        });
    let end = at + 1 + open.len_utf8() + n + close.len_utf8();
    (ok && text[end..].starts_with(' ')).then_some(end)
}

/// A name without the nickname inside it: `Luis "Toto" Caputo` is keyed
/// and linked as "Luis Caputo".
pub fn without_nickname(name: &str) -> std::borrow::Cow<'_, str> {
    if !name.contains(NICKNAME_QUOTES.map(|(open, _)| open)) {
        return name.into();
    }
    let mut i = 0;
    while let Some(k) = name[i..].find(' ') {
        let at = i + k;
        if let Some(end) = nickname_at(name, at) {
            return format!("{}{}", &name[..at], &name[end..]).into();
        }
        i = at + 1;
    }
    name.into()
}

/// The name after ", known as" (or another alias lead of the data) at
/// `end`: one to three capitalised words that name no place or body.
fn alias_after(text: &str, kb: &Kb, end: usize) -> Option<(usize, usize)> {
    let rest = &text[end..];
    let rest = rest
        .strip_prefix(", ")
        .or_else(|| rest.strip_prefix(" ("))?;
    let lead = kb
        .names
        .alias_leads
        .iter()
        .find(|l| rest.starts_with(&***l) && rest[l.len()..].starts_with(' '))?;
    let start = end + (text.len() - end - rest.len()) + lead.len() + 1;
    let mut e = start;
    for k in 0..3 {
        if !is_upper_start(text, e) {
            break;
        }
        let we = crate::text::words::word_end(text, e);
        e = we;
        if k < 2 && text[e..].starts_with(' ') && is_upper_start(text, e + 1) {
            e += 1;
        } else {
            break;
        }
    }
    let e = text[start..e].trim_end().len() + start;
    let name = &text[start..e];
    (e > start && !kb.is_surface(name) && kb.names.not_person(name).is_none()).then_some((start, e))
}

/// A government word after the name: "the Trump administration", "the
/// Orban government".
fn government_after(text: &str, kb: &Kb, end: usize) -> bool {
    let Some(rest) = text[end..].strip_prefix(' ') else {
        return false;
    };
    let w = &rest[..crate::text::words::word_end(rest, 0)];
    let mut cap = String::with_capacity(w.len());
    let mut chars = w.chars();
    if let Some(c) = chars.next() {
        cap.extend(c.to_uppercase());
        cap.push_str(chars.as_str());
    }
    kb.names.not_person(&cap) == Some(NotPersonKind::Government)
}

/// A reporting verb right before the name ("said Kavica Towns").
fn reported_by(text: &str, kb: &Kb, start: usize, ls: usize) -> bool {
    let before = text[ls..start].trim_end_matches([' ', '\u{a0}']);
    let last = before.rsplit(' ').next().unwrap_or("");
    speaker_before(kb, last) || before.ends_with("according to")
}

/// A reporting verb before a name whose subject the name is ("said
/// Lavrov"); after "told" comes the listener, often an outlet ("told
/// Rai", "told Morning Report").
fn speaker_before(kb: &Kb, w: &str) -> bool {
    kb.names.is_reporting_verb(w) && !matches!(w, "told" | "tells" | "tell" | "telling")
}

/// Whether the name at `start..end` of `line` is one of the names a
/// byline line holds: names alone, joined by "and" or commas
/// ("Binod Ghimire", "Divya Karyza and Dio Suhenda"), after a label
/// ("WRITER: ...") or before the outlet or a stamp ("... (The Jakarta
/// Post)", "... / Published Jan 7, 2025"). Some(true) when the label or
/// the outlet marks the line as a byline.
fn byline_line(line: &str, start: usize, end: usize) -> Option<bool> {
    let mut from = line.len() - line.trim_start().len();
    let mut to = line.trim_end().len();
    let mut marked = false;
    // "Source: Xinhua / Editor: Zhang Long": the field the name is in.
    if let Some(s) = line[from..start]
        .rfind(" / ")
        .or_else(|| line[from..start].rfind(" | "))
    {
        from += s + 3;
    }
    // "WRITER:", "Reporters:", "Editor:": one word and a colon; a word
    // for who wrote the story marks the line.
    if let Some(colon) = line[from..start].find(": ")
        && !line[from..from + colon].contains(' ')
    {
        let label = line[from..from + colon].to_lowercase();
        marked = [
            "writer",
            "reporter",
            "editor",
            "author",
            "by",
            "text",
            "correspondent",
        ]
        .iter()
        .any(|r| label.trim_end_matches('s') == *r);
        from += colon + 2;
    }
    let tail = &line[end..to];
    if let Some(cut) = tail
        .find(" (")
        .or_else(|| tail.find(" / "))
        .or_else(|| tail.find(" |"))
        .or_else(|| dated_tail(tail))
    {
        marked |= tail[cut..].starts_with(" (") && tail.trim_end().ends_with(')');
        to = end + cut;
    }
    let names = line[from..to].trim_end();
    let parts: Vec<&str> = names.split(", ").flat_map(|p| p.split(" and ")).collect();
    let one_name = |p: &&str| {
        let n = p.split(' ').count();
        (1..=4).contains(&n) && p.split(' ').all(|w| w.starts_with(char::is_uppercase))
    };
    (parts.len() <= 4
        && parts.iter().all(one_name)
        && parts.iter().any(|p| {
            p.as_ptr() as usize - line.as_ptr() as usize == start && p.len() == end - start
        }))
    .then_some(marked)
}

/// Where the date after a byline's names begins: "Joshua Kucera Nov 20,
/// 2025", "Ana Lee 3 March 2025": a month word or a day, then a year.
fn dated_tail(tail: &str) -> Option<usize> {
    let digit = tail.find(|c: char| c.is_ascii_digit())?;
    let lead = &tail[..digit];
    // At most one word (the month) before the first digit.
    let words = lead.split_whitespace().count();
    let has_year = tail[digit..]
        .split(|c: char| !c.is_ascii_digit())
        .any(|n| n.len() == 4);
    (words <= 1 && tail.starts_with(' ') && has_year).then_some(0)
}

/// "its chairman, Tundu Lissu, has": a name set off by commas after a
/// lower-case title that a determiner opens.
fn appositive_title(text: &str, kb: &Kb, start: usize, end: usize) -> bool {
    const DETERMINERS: [&str; 8] = ["its", "his", "her", "their", "our", "the", "a", "an"];
    let Some(head) = text[..start].strip_suffix(", ") else {
        return false;
    };
    if !text[end..].starts_with(',') {
        return false;
    }
    let words: Vec<&str> = head.rsplit(char::is_whitespace).take(8).collect();
    // "envoy for Syria": the place the title is for
    let skip = match words.as_slice() {
        [place, lead, _, ..]
            if place.starts_with(char::is_uppercase) && kb.names.place_leads.contains(*lead) =>
        {
            2
        }
        _ => 0,
    };
    let words = &words[skip..];
    // "chairman", "presidential candidate", "US special envoy": the title,
    // then at most two words before it, then the determiner
    (1..=2).any(|len| {
        let Some(title_words) = words.get(..len) else {
            return false;
        };
        let phrase: Vec<&str> = title_words.iter().rev().copied().collect();
        let phrase = phrase.join(" ");
        phrase.starts_with(|c: char| c.is_lowercase())
            && kb.names.title(&phrase).is_some()
            && words[len..words.len().min(len + 3)].iter().any(|w| {
                DETERMINERS.contains(&w.to_lowercase().as_str())
                    || w.ends_with("'s")
                    || w.ends_with("’s")
            })
    })
}

/// Photo credits and bylines: "Photo by Jane Doe", "By John Smith",
/// "Jane Doe/Reuters", "(AlexLMX/Shutterstock)".
fn credit_near(text: &str, kb: &Kb, start: usize, end: usize, line: &Line) -> bool {
    if char_at(text, end) == Some('/') && is_upper_start(text, end + 1) {
        let e = word_end(text, kb, end + 1);
        let w = &text[end + 1..e];
        if kb
            .names
            .not_person(w)
            .is_some_and(|k| k == NotPersonKind::Medium)
            || is_all_caps(w)
        {
            return true;
        }
    }
    if credit_after_slash(text, kb, start) {
        return true;
    }
    let (ls, le) = (line.start, line.end);
    // A byline: "By Maria Gonzalez and Tom Hendricks", "by Adriaan
    // Alsema October 25, 2025".
    let line = &text[ls..le];
    if line.len() < 120
        && let Some(rest) = line
            .strip_prefix("By ")
            .or_else(|| line.strip_prefix("by "))
        && rest.starts_with(char::is_uppercase)
    {
        // "By Chris Mason, Political editor": a capitalised word before a
        // lower-case one qualifies a job, it names no one.
        let next_lower = text[end..le]
            .strip_prefix(' ')
            .is_some_and(|r| r.starts_with(char::is_lowercase) && !r.starts_with("and "));
        if next_lower {
            return false;
        }
        // Not "By IFP Editorial Staff": every word must look like a name;
        // after a clear given name any surname does ("By Mark Smith").
        let ws: Vec<&str> = text[start..end].split_whitespace().collect();
        let given_first = ws.first().is_some_and(|w| strong_given(kb, w));
        return ws.iter().enumerate().all(|(k, w)| {
            strong_given(kb, w)
                || kb
                    .names
                    .surname(w)
                    .is_some_and(|s| !s.common_word || (k > 0 && given_first))
                || (kb.names.given_name(w).is_none()
                    && kb.names.surname(w).is_none()
                    && !is_all_caps(w))
        });
    }
    let before = text[ls..start].trim_end_matches([' ', '\u{a0}', '(']);
    // "(Reporting by Francesco Canepa and Balazs Koranyi in Frankfurt,
    // David Milliken in London; Editing by ...)": the later names of a
    // credit list.
    let listed = before.ends_with(" and") || before.ends_with(',');
    // The clause back to ";" or "(", looked for only within its longest.
    let from = crate::text::floor_char_boundary(text, start.saturating_sub(160).max(ls));
    let clause_start = if listed {
        text[from..start]
            .rfind([';', '('])
            .map_or(ls, |i| from + i + 1)
    } else {
        ls
    };
    let clause = text[clause_start..start].trim_start();
    if listed
        && clause.len() < 160
        && kb
            .names
            .credit_before
            .iter()
            .any(|cue| cue.ends_with(" by") && clause.starts_with(&**cue))
    {
        let mut ws = text[start..end].split_whitespace();
        return ws.next().is_some_and(|first| {
            kb.names.given_name(first).is_some() || kb.names.surname(first).is_none()
        }) && !text[start..end].split_whitespace().any(is_all_caps);
    }
    kb.names.credit_before.iter().any(|cue| {
        before.ends_with(&**cue)
            && (before.len() == cue.len()
                || !cue.chars().next().is_some_and(char::is_uppercase)
                || char_before(text, ls + before.len() - cue.len())
                    .is_some_and(|c| !c.is_alphanumeric()))
            && (cue.as_ref() != "By" || before.len() == cue.len())
    })
}

/// "REUTERS/Evelyn Hockstein", "Sputnik/Gavriil Grigorov", "AP Photo/Evan
/// Vucci": a photo credit after an agency (or a credit cue) and a slash.
fn credit_after_slash(text: &str, kb: &Kb, start: usize) -> bool {
    // "AFP/Anna Smith", "Keystone / Peter Klaunzer".
    let Some(head) = text[..start].strip_suffix('/').or_else(|| {
        text[..start]
            .strip_suffix(" / ")
            .filter(|h| !h.ends_with(' '))
    }) else {
        return false;
    };
    let letters = head
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .map(char::len_utf8)
        .sum::<usize>();
    let w = &head[head.len() - letters..];
    // A URL or a path is not a credit ("example.com/Anna").
    let glued =
        char_before(text, head.len() - letters).is_some_and(|c| !c.is_whitespace() && c != '(');
    if w.is_empty() || glued {
        return false;
    }
    kb.names.not_person(w) == Some(NotPersonKind::Medium)
        || (w.len() >= 2 && is_all_caps(w))
        || kb
            .names
            .credit_before
            .iter()
            .any(|cue| cue.strip_suffix('/') == Some(w))
}

/// A given name that is clearly a name: not an everyday word, or so
/// frequent a name that the word reading is rare ("John", "Mark").
fn strong_given(kb: &Kb, w: &str) -> bool {
    strong(kb.word(w))
}

/// [`strong_given`] of a word's facts.
fn strong(f: WordFacts) -> bool {
    f.given.is_some_and(|g| !g.common_word || g.weight >= 4.5)
}

/// `w` (whose facts are `f`) looks like a surname.
fn has_surname_shape(kb: &Kb, w: &str, f: WordFacts) -> bool {
    kb.names.surname_suffix(w).is_some()
        || f.surname.is_some_and(|s| !s.common_word)
        // "Amir-Abdollahian", "Takht-e-Ravanchi".
        || (w.contains('-')
            && w.split('-').next_back().is_some_and(|p| p.starts_with(char::is_uppercase))
            && w.split('-').all(|p| {
                kb.names.surname(p).is_none_or(|s| !s.common_word)
                    && kb.names.given_name(p).is_none_or(|g| !g.common_word)
            }))
}

/// A KB person known by this single surname alone: exactly one person has
/// it and it is not an everyday word or a common given name.
pub fn distinctive_surname(kb: &Kb, word: &str) -> Option<usize> {
    distinctive_surname_of(kb, word, kb.word(word))
}

/// [`distinctive_surname`] of a word whose facts are known.
fn distinctive_surname_of(kb: &Kb, word: &str, f: WordFacts) -> Option<usize> {
    let common = f.surname.is_some_and(|n| n.common_word || n.weight >= 4.0)
        || f.given.is_some_and(|n| n.weight >= 3.5);
    if common {
        return None;
    }
    let cands: Vec<u32> = kb
        .people
        .by_surname(word)
        .iter()
        .copied()
        .filter(|&i| surname_spelled(kb, i as usize, word))
        .collect();
    if cands.len() == 1 {
        return Some(cands[0] as usize);
    }
    // Several people share it: the one prominent enough to be cited by
    // surname alone (a head of state or government, a foreign minister).
    let prominent: Vec<u32> = cands
        .iter()
        .copied()
        .filter(|&i| kb.people.get(i as usize).is_prominent())
        .collect();
    (prominent.len() == 1).then(|| prominent[0] as usize)
}

/// Whether KB person `p` may be meant by the surname `word` alone: a
/// short word ("Moi") only as one of the person's name words is spelled
/// ("Moy" folds alike but is someone else); a longer one also as a
/// transliteration ("Zelensky" of "Zelenskyy").
pub(crate) fn surname_spelled(kb: &Kb, p: usize, word: &str) -> bool {
    if word.chars().count() >= 5 {
        return true;
    }
    kb.people.get(p).names().any(|n| fold::spells_word(n, word))
}

/// Bytes a name may open at: capitals, non-ASCII letters, and the hyphen
/// after a lower-case particle.
const NAME_STARTS: ByteSet = ByteSet::capitals_and(b"-");

/// The start of a lower-case hyphen particle ending at the hyphen `h`, when
/// it stands as a word and a capital follows the hyphen.
fn hyphen_particle_before(text: &str, kb: &Kb, h: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let letters = bytes[..h]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_lowercase())
        .count();
    let s = h - letters;
    (letters >= 2
        && (s == 0 || bytes[s - 1] == b' ')
        && kb.names.hyphen_particles.contains(&text[s..h])
        && is_upper_start(text, h + 1))
    .then_some(s)
}

/// The start of the lower-case name particles ("von der", "da") written
/// just before `start`, one space apart.
fn particles_before(text: &str, kb: &Kb, start: usize) -> Option<usize> {
    let mut s = start;
    let mut found = None;
    for _ in 0..3 {
        let head = text[..s].strip_suffix(' ')?;
        let w = head.len()
            - head
                .bytes()
                .rev()
                .take_while(u8::is_ascii_lowercase)
                .count();
        if w == head.len()
            || char_before(text, w).is_some_and(is_word_char)
            || !kb.names.particles.contains(&head[w..])
        {
            break;
        }
        s = w;
        found = Some(w);
    }
    found
}

/// A state whose name is also a given name or surname ("Jordan", "Chad").
fn state_named_like_people(kb: &Kb, w: &str) -> bool {
    kb.countries
        .ambiguous
        .get(w)
        .is_some_and(|a| a.reasons.contains(&AmbiguityReason::GivenName))
}

/// Appends PERSON candidates found in `text`, none starting inside one of
/// `places` (sorted spans, as [`super::countries::recognize`] returns
/// them); returns what the linker needs.
pub fn recognize(
    text: &str,
    kb: &Kb,
    places: &[(usize, usize)],
    out: &mut Vec<Candidate>,
) -> Vec<PersonMention> {
    let mut found: Vec<Found> = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut consumed = 0;
    let mut line: Option<Line> = None;
    let mut words: Vec<Word> = Vec::with_capacity(8);
    while let Some(p) = NAME_STARTS.find(bytes, i) {
        // Only capitalised words open a name, and lower-case particles
        // glued to one by a hyphen ("al-Assad", "el-Sisi").
        i = if bytes[p] == b'-' {
            match hyphen_particle_before(text, kb, p) {
                Some(s) if s >= consumed => s,
                _ => {
                    i = p + 1;
                    continue;
                }
            }
        } else {
            let upper = bytes[p].is_ascii()
                || ((bytes[p] & 0xC0) != 0x80 && char_at(text, p).is_some_and(char::is_uppercase));
            if !upper || p < consumed {
                i = p + 1;
                continue;
            }
            p
        };
        let prev = char_before(text, i);
        if prev.is_some_and(is_word_char) {
            i += 1;
            continue;
        }
        // "Salaam" of "Dar es Salaam" opens no name.
        let place = places.partition_point(|&(_, e)| e <= i);
        if let Some(&(s, e)) = places.get(place)
            && s < i
        {
            i = e;
            consumed = e;
            continue;
        }
        if let Some(p) = prev
            && matches!(p, '.' | '/' | '\'' | '’' | '@' | '#' | '_')
            && char_before(text, i - p.len_utf8()).is_some_and(|c| !c.is_whitespace())
            && !(p == '/' && credit_after_slash(text, kb, i))
        {
            i = word_end(text, kb, i).max(i + 1);
            consumed = i;
            continue;
        }
        // "R-Ohio", "D-Calif.": a US lawmaker's party and state.
        if bytes.get(i + 1) == Some(&b'-')
            && bytes[i].is_ascii_uppercase()
            && bytes.get(i + 2).is_some_and(u8::is_ascii_uppercase)
        {
            i = word_end(text, kb, i).max(i + 1);
            consumed = i;
            continue;
        }
        chain(text, kb, i, &mut words);
        let chain_end = words.last().map_or(i + 1, |w| w.end);
        consumed = chain_end;
        if line.as_ref().is_none_or(|l| i > l.end) {
            line = Some(Line::at(text, i));
        }
        let l = line.as_ref().expect("line computed above");
        judge_chain(text, kb, l, &words, &mut found, &mut pending);
        i = chain_end.max(i + 1);
    }

    // Coreference completes the pending readings: a surname (or full name)
    // this document already names with confidence.
    let mut surnames: HashSet<String> = HashSet::default();
    // Family names written first ("Xi" of "Xi Jinping"); some are also
    // English words ("Do"), so at a sentence start only those that are no
    // everyday word count.
    let mut families: HashSet<String> = HashSet::default();
    let mut full: HashSet<String> = HashSet::default();
    // First given names of full names ("Florian" of "Florian Wirtz"): a
    // feature or a quote calls a person by it alone.
    let mut givens: HashSet<String> = HashSet::default();
    // KB people whose names were added already: a person named ten times
    // has the same names each time.
    let mut expanded: HashSet<usize> = HashSet::default();
    for (c, m, ws) in &found {
        let name = &text[c.start..c.end];
        full.insert(fold::fold_name(name));
        let name_ws: Vec<&str> = ws
            .iter()
            .map(|&(s, e)| &text[s..e])
            .filter(|w| !is_generational(w))
            .collect();
        if name_ws.len() >= 2
            && let Some(given) = name_ws.first()
            && kb.word(given).given.is_some_and(|g| !g.common_word)
        {
            givens.insert(fold::fold_name(given));
        }
        if name_ws.len() >= 2 || m.kb.is_some() {
            if let Some(last) = name_ws.last() {
                surnames.insert(fold::fold_name(last));
                if let Some((_, tail)) = last.rsplit_once('-') {
                    surnames.insert(fold::fold_name(tail));
                }
            }
            if let Some(family) = family_first(kb, &name_ws) {
                families.insert(fold::fold_name(family));
            }
            if let Some(p) = m.kb
                && expanded.insert(p)
            {
                for n in kb.people.get(p).names() {
                    if let Some(s) = crate::kb::people::surname_of(n) {
                        surnames.insert(fold::fold_name(s));
                    }
                    let ws: Vec<&str> = n.split_whitespace().collect();
                    if let Some(family) = family_first(kb, &ws) {
                        families.insert(fold::fold_name(family));
                    }
                }
            }
        } else if let [one] = name_ws[..] {
            // "Saka, 23, curled in the opener": a name found alone with
            // confidence is a surname for "Bukayo Saka" opening a sentence.
            surnames.insert(fold::fold_name(one));
        }
    }
    // Ends of the people found so far, for "Putin and Xi".
    let ends: HashSet<usize> = found.iter().map(|(c, _, _)| c.end).collect();
    for p in pending {
        let name = &text[p.start..p.end];
        let folded = fold::fold_name(name);
        let first_is_surname = p
            .words
            .first()
            .is_some_and(|&(s, e)| surnames.contains(&fold::fold_name(&text[s..e])));
        if (p.headline || first_is_surname) && p.words.len() >= 2 && !full.contains(&folded) {
            // "Zelensky Meets Erdogan": each known surname on its own.
            for &(s, e) in &p.words {
                if surnames.contains(&fold::fold_name(&text[s..e])) {
                    found.push(coreferent(s, e, None, None, vec![(s, e)]));
                }
            }
            continue;
        }
        let last = &text[p.words.last().map_or(p.start..p.end, |w| w.0..w.1)];
        let last_key = fold::fold_name(last);
        let last_is_surname = surnames.contains(&last_key)
            || (families.contains(&last_key)
                && (!at_sentence_start(text, p.start)
                    || kb.word(last).surname.is_some_and(|s| !s.common_word)));
        // "Putin and Xi": a surname coordinated with a person.
        let coordinated = p.words.len() == 1
            && !p.headline
            && !p.place
            && [" and ", ", ", " & "].iter().any(|sep| {
                text[..p.start]
                    .strip_suffix(sep)
                    .is_some_and(|b| ends.contains(&b.len()))
            })
            && (has_surname_shape(kb, name, kb.word(name))
                || !kb.people.by_surname(name).is_empty());
        let given_alone = p.words.len() == 1 && !p.headline && !p.place && givens.contains(&folded);
        let ok = coordinated
            || given_alone
            || full.contains(&folded)
            || (last_is_surname && (!p.words.is_empty() || p.context));
        if ok {
            found.push(coreferent(p.start, p.end, None, None, p.words));
        }
    }
    // "Mohamed Hamdan Dagalo, widely known as Hemedti": the other name
    // is the same person.
    let known: Vec<(usize, usize, Option<usize>)> = found
        .iter()
        .map(|(c, m, _)| (c.start, c.end, m.kb))
        .collect();
    for (start, end, kbp) in known {
        let Some((s, e)) = alias_after(text, kb, end) else {
            continue;
        };
        if let Some((_, m, _)) = found
            .iter_mut()
            .find(|(c, _, _)| (c.start, c.end) == (s, e))
        {
            // "Mahmoud Abbas, known as Abu Mazen": found as a name of its
            // own, and the same person.
            m.alias_of = Some((start, end));
            if m.kb.is_none() {
                m.kb = kbp;
            }
        } else if !found.iter().any(|(c, _, _)| c.start < e && s < c.end) {
            found.push(coreferent(s, e, kbp, Some((start, end)), vec![(s, e)]));
        }
    }
    // "von der Leyen" after "Ursula von der Leyen": lower-case particles
    // just before a surname belong to it when the full name has them.
    for (c, m, _) in &mut found {
        if let Some(s) = particles_before(text, kb, c.start) {
            let ext = fold::fold_name(&text[s..c.end]);
            if full
                .iter()
                .any(|f| f.len() > ext.len() && f.ends_with(&ext))
            {
                c.start = s;
                m.start = s;
            }
        }
    }
    found.sort_by_key(|(c, _, _)| c.start);
    let mut mentions = Vec::with_capacity(found.len());
    for (c, m, _) in found {
        out.push(c);
        mentions.push(m);
    }
    mentions
}

/// A person found through another mention of the document (a surname
/// after the full name, a name after "known as"): no title, low priority.
fn coreferent(
    start: usize,
    end: usize,
    kb: Option<usize>,
    alias_of: Option<(usize, usize)>,
    words: Vec<(usize, usize)>,
) -> Found {
    let mut c = Candidate::new(start, end, Label::Person);
    c.priority = 1;
    let m = PersonMention {
        start,
        end,
        title: None,
        kb,
        alias_of,
    };
    (c, m, words)
}

/// Decides which part of a chain, if any, is a person.
fn judge_chain(
    text: &str,
    kb: &Kb,
    line: &Line,
    words: &[Word],
    found: &mut Vec<Found>,
    pending: &mut Vec<Pending>,
) {
    // "John Smith MP", "Sarah Whitcombe KC OBE": the letters after a name
    // are not part of it, and say the words before them name a person.
    let mut words = words;
    let mut post_nominal = false;
    while let [rest @ .., last] = words
        && !rest.is_empty()
        && kb.names.post_nominals.contains(&text[last.start..last.end])
    {
        words = rest;
        post_nominal = true;
    }
    let n = words.len();
    let names = &kb.names;
    if n == 1 {
        // Fast exits for the commonest capitalised words.
        let w = &text[words[0].start..words[0].end];
        let f = words[0].f;
        // "his wife Mary": a family noun makes a place's name a given name.
        let kin = || f.given.is_some() && after_kin_noun(text, kb, words[0].start);
        let place_surname = || {
            f.surname.is_some_and(|s| !s.common_word || s.weight >= 4.0)
                && f.surface.is_some_and(|i| {
                    matches!(
                        kb.countries.surfaces[i as usize].target,
                        crate::kb::SurfaceTarget::Place(_)
                    )
                })
        };
        if f.sentence_opener
            || (f.surface.is_some()
                && !place_surname()
                && !state_named_like_people(kb, w)
                && !kin())
            || f.not_person.is_some()
            || is_all_caps(w)
            || f.title.is_some()
        {
            return;
        }
    }
    let wtext = |k: usize| &text[words[k].start..words[k].end];
    let fw = |k: usize| words[k].f;
    // The title spelled by words a..b.
    let title_of = |a: usize, b: usize| {
        if b - a == 1 {
            words[a].f.title
        } else {
            names.title(&text[words[a].start..words[b - 1].end])
        }
    };
    // Whether a surface or not-person phrase of several words may start
    // at word `a`: its first word opens one, or is not followed by a
    // space (where the first-word test does not apply).
    let phrase_may_start = |a: usize| {
        words[a].f.opens_phrase || !char_at(text, words[a].end).is_some_and(char::is_whitespace)
    };
    let chain_start = words[0].start;
    let upper_line = line.upper;
    let headline = line.headline;
    let sentence_start = at_sentence_start(text, chain_start);
    let caps_byline_line = line.caps_byline;
    // On a byline in capitals the names are in capitals; "Nikkei" of
    // "..., Nikkei staff writers" is what they write for.
    let by =
        usize::from(n > 1 && matches!(&text[words[0].start..words[0].end], "By" | "BY" | "AND"));
    if caps_byline_line && !is_all_caps(&text[words[by].start..words[n - 1].end]) {
        return;
    }

    // Titles, countries, acronyms and organisations before the name.
    let mut j = 0;
    // A lower-case title just before the chain ("researcher Tirana Hassan")
    // makes its first word the start of the name.
    let mut title: Option<(String, TitleKind)> = title_before(text, kb, chain_start, line.start);
    let lower_title = title.is_some();
    // "Fed Chair Jerome Powell", "United Nations Secretary-General
    // António Guterres": a title later in the chain, after words that are
    // not given names, ends the prefix.
    // A demonym that is also a given name ("German") opens such a prefix.
    // "McLaren CEO Zak Brown", "Ford CEO Jim Farley": an acronym title
    // before a name of two words ends a prefix even after a word that is
    // also a given name; no one is called "Zak CEO".
    let acronym_title = || {
        (1..n.saturating_sub(2)).any(|t| {
            let w = wtext(t);
            w.len() >= 2
                && w.bytes().all(|b| b.is_ascii_uppercase())
                && fw(t).title.is_some()
                && strong(fw(t + 1))
        })
    };
    let acronym = strong(fw(0)) && fw(0).surface.is_none() && acronym_title();
    if !strong(fw(0)) || fw(0).surface.is_some() || acronym {
        let mut t = 1;
        let mut last_title = None;
        while t < n {
            let mut matched = 0;
            // Most words start no title: one small lookup rules them out.
            let lens = if fw(t).may_start_title {
                names.title_max_words.min(n - t)
            } else {
                0
            };
            for len in (1..=lens).rev() {
                if !words[t..t + len].iter().any(|w| w.particle)
                    && let Some(k) = title_of(t, t + len)
                    // "Amir", "Sheikh", "Imam" are often parts of names,
                    // titles only before a given name ("Queen Elizabeth").
                    && (!matches!(k, TitleKind::Royal | TitleKind::Religious)
                        || (t + len < n && strong(fw(t + len))))
                {
                    // A chain that ends in a title names no one after it.
                    last_title = (t + len < n).then_some((t + len, k, t));
                    matched = len;
                    break;
                }
            }
            t += matched.max(1);
        }
        if let Some((after, k, from)) = last_title
            && (acronym
                || words[..from].iter().all(|w| {
                    w.f.surface.is_some()
                        || w.f.title.is_some()
                        || w.f.given.is_none_or(|g| g.common_word && g.weight < 4.5)
                }))
        {
            let _ = from;
            title = Some((text[words[0].start..words[after - 1].end].to_string(), k));
            j = after;
        }
    }
    // "Department of Foreign Affairs Tammy Bruce": words that are no names
    // at all before a clear given name.
    // A place or body of several words ("São Paulo Governor ...") is
    // stripped whole below.
    let phrase_first = || {
        phrase_may_start(0)
            && (2..=3.min(n)).any(|len| {
                let p = &text[words[0].start..words[len - 1].end];
                kb.is_surface(p) || names.not_person(p).is_some()
            })
    };
    if j == 0 && n >= 3 && !phrase_first() {
        let is_word = |i: usize| fw(i).given.is_none() && !is_capital_particle(kb, wtext(i));
        // A title ("Datuk Seri Anwar", "Industry Minister Tengku Zafrul")
        // is stripped as a title below.
        let title_at = |i: usize| {
            fw(i).may_start_title
                && (1..=names.title_max_words.min(n - 1 - i))
                    .any(|len| title_of(i, i + len).is_some())
        };
        if !title_at(0)
            && let Some(t) = (1..n - 1).find(|&t| strong(fw(t)) || title_at(t))
            && (0..t).all(|i| is_word(i) && !words[i].particle)
            && (0..t).any(|i| fw(i).surname.is_none_or(|s| s.common_word))
        {
            j = t;
        }
    }
    'strip: while j < n {
        // Place, country or organisation names of several words
        // ("Saint Petersburg", "United Nations").
        for len in (2..=3.min(n - j)).rev() {
            if !phrase_may_start(j) {
                break;
            }
            let phrase = &text[words[j].start..words[j + len - 1].end];
            if kb.is_surface(phrase) || names.not_person(phrase).is_some() {
                if j + len >= n {
                    return;
                }
                j += len;
                continue 'strip;
            }
        }
        let lens = if fw(j).may_start_title {
            names.title_max_words.min(n - j)
        } else {
            0
        };
        for len in (1..=lens).rev() {
            if words[j..j + len].iter().any(|w| w.particle) {
                continue;
            }
            let phrase = &text[words[j].start..words[j + len - 1].end];
            if let Some(k) = title_of(j, j + len) {
                // A title word that is the whole rest is a surname
                // ("Mr. King") only after another title; a title of
                // several words is no one ("Foreign Minister of Oman").
                if j + len == n && title.is_none() {
                    if len >= 2 {
                        return;
                    }
                    break;
                }
                if j + len < n {
                    title = Some((phrase.to_string(), k));
                    j += len;
                    continue 'strip;
                }
            }
        }
        let w = wtext(j);
        // "Vice Foreign Minister": a modifier before a title.
        if j + 2 < n
            && fw(j).may_start_title
            && (2..=names.title_max_words.min(n - j - 1))
                .any(|len| title_of(j + 1, j + len).is_some() || fw(j + 1).title.is_some())
        {
            j += 1;
            continue;
        }
        // "Secretary of Defense Bill Perry", "Leader of the Nation Emomali
        // Rahmon": the rest of an "X of Y" title, before a name ("Minister
        // of Economic Development" names no one).
        let name_rest = || {
            (j + 1..n).all(|i| fw(i).not_person.is_none() && fw(i).surface.is_none())
                && (n - j > 2 || {
                    let f = fw(n - 1);
                    f.given.is_some() || f.surname.is_some_and(|s| !s.common_word)
                })
        };
        // "the Minister for Enterprise, Peter Burke,": a given name after
        // the comma opens a name set off after the title, no portfolio.
        let apposed = || text[line.start..chain_start].ends_with(", ") && fw(j).given.is_some();
        if j == 0
            && title.is_none()
            && j + 1 < n
            && fw(j).given.is_none_or(|g| g.common_word)
            && !apposed()
        {
            let before = portfolio_list_start(&text[line.start..chain_start]);
            // "Minister for Law Edwin Tong" in Commonwealth style.
            if let Some((head, of)) = [" of ", " of the ", " for ", " for the "]
                .iter()
                .find_map(|p| before.strip_suffix(p).map(|h| (h, p.trim())))
                && let Some(t) = head.rsplit([' ', '-']).next()
                && names.title(t).is_some_and(|k| k != TitleKind::Job)
            {
                if !name_rest() {
                    // "Secretary of the Supreme National Security Council
                    // Ali Larijani": the body's name ends at its head word.
                    let head_word = (j + 1..n.saturating_sub(2))
                        .rev()
                        .find(|&m| fw(m).not_person == Some(NotPersonKind::OrgHead));
                    match head_word {
                        Some(m)
                            if strong(fw(m + 1))
                                && (m + 1..n).all(|i| {
                                    fw(i).not_person.is_none() && fw(i).surface.is_none()
                                }) =>
                        {
                            title = Some((format!("{t} {of} {w}"), TitleKind::Role));
                            j = m + 1;
                            continue;
                        }
                        _ => return,
                    }
                }
                title = Some((format!("{t} {of} {w}"), TitleKind::Role));
                j += 1;
                continue;
            }
        }
        if j + 1 < n {
            let surface = fw(j).surface.is_some();
            let next_is_title = fw(j + 1).may_start_title;
            // "Argentine Mauricio Pochettino": a demonym that is also a
            // given name, before a clear given name, says where he is from.
            let demonym_before_given = fw(j).surface.is_some_and(|i| {
                matches!(
                    kb.countries.surfaces[i as usize].target,
                    crate::kb::SurfaceTarget::Demonym(..)
                )
            }) && strong(fw(j + 1));
            // "Ambassador to France Kevin Harrington": a country after a
            // preposition completes the title before it.
            // So does a city after a title and its preposition ("US
            // ambassador to Manila MaryKay Carlson"), even before a name
            // the lexicons do not know.
            let lead =
                previous_word(text, chain_start).filter(|w| kb.names.place_leads.contains(*w));
            let country_complement = j == 0
                && j + 2 < n
                && lead.is_some_and(|w| {
                    let target = fw(j)
                        .surface
                        .map(|i| &kb.countries.surfaces[i as usize].target);
                    match target {
                        Some(crate::kb::SurfaceTarget::Country(_)) => strong(fw(j + 1)),
                        Some(crate::kb::SurfaceTarget::Place(_)) => {
                            let lead_start = w.as_ptr() as usize - text.as_ptr() as usize;
                            title_before(text, kb, lead_start, line.start).is_some()
                        }
                        _ => false,
                    }
                });
            if surface
                && (!lower_title || country_complement)
                && (fw(j).given.is_none()
                    || next_is_title
                    || demonym_before_given
                    || country_complement)
            {
                j += 1;
                continue;
            }
            // "Vice President JD Vance": two initials written without
            // dots, after a title, where they are no known abbreviation.
            let initials = title.is_some()
                && w.len() == 2
                && w.bytes().all(|b| b.is_ascii_uppercase())
                && fw(j).surface.is_none()
                && fw(j).not_person.is_none()
                && fw(j).title.is_none();
            if is_all_caps(w) && !self::initials(w) && !initials && !caps_byline_line {
                j += 1;
                continue;
            }
            // "April Ryan", "June Carter": a month that is a given name
            // before a surname stays.
            let month_name = fw(j).not_person == Some(NotPersonKind::Calendar)
                && fw(j).given.is_some()
                && fw(j + 1).not_person.is_none()
                && !wtext(j + 1).starts_with(|c: char| c.is_ascii_digit());
            // "Christian Lindner", "Islam Makhachev": a faith word that is
            // also a given name, before a surname that is no everyday word
            // ("Christian Democrats", "Christian Aid" stay out).
            let faith_name = fw(j).not_person == Some(NotPersonKind::Religion)
                && fw(j).given.is_some()
                && fw(j + 1).surname.is_some_and(|s| !s.common_word)
                && fw(j + 1).not_person.is_none()
                && fw(j + 1).surface.is_none();
            // "Storm Amy", "Hurricane Helene", "St Thomas' Hospital": the
            // name is the event's or the place's; a person may follow a
            // title after it ("St Louis Fed President Alberto Musalem").
            if fw(j).not_person == Some(NotPersonKind::Event) {
                let after_title = (j + 1..n).find_map(|t| {
                    (1..=names.title_max_words.min(n - t))
                        .rev()
                        .find_map(|len| title_of(t, t + len).map(|k| (t, t + len, k)))
                });
                match after_title {
                    Some((t, after, k)) if after < n => {
                        title = Some((text[words[t].start..words[after - 1].end].to_string(), k));
                        j = after;
                        continue;
                    }
                    _ => return,
                }
            }
            if fw(j).not_person.is_some() && !month_name && !faith_name {
                j += 1;
                continue;
            }
            if w.ends_with("’s") || w.ends_with("'s") {
                j += 1;
                continue;
            }
        }
        // "BY JAMES GRAINGER": the byline's own word, in capitals.
        if j == 0 && j + 1 < n && caps_byline_line && (w == "BY" || w == "AND") {
            j += 1;
            continue;
        }
        if j == 0 && (sentence_start || headline) && fw(j).sentence_opener {
            j += 1;
            continue;
        }
        // "Said Caporella:", "Added Smith": a reporting verb opening the sentence.
        if j == 0
            && j + 1 < n
            && sentence_start
            && w.chars().skip(1).all(char::is_lowercase)
            && names.is_reporting_verb(&w.to_lowercase())
            && kb
                .people
                .by_name(&text[words[0].start..words[n - 1].end])
                .is_empty()
        {
            j += 1;
            continue;
        }
        break;
    }
    // "Afghan Foreign Minister Amir Khan Muttaqi", "Hassan Sheikh Mohamud",
    // "JD Vance", "To Lam": a title word, initials in capitals or a name
    // word taken for a sentence opener that open or sit inside a name the
    // KB knows in full belong to the name. Looked up only where such a
    // word was stripped: the lookups are not free.
    if j > 0
        && n >= 2
        && j < n
        && (title.is_some()
            || (0..j)
                .any(|i| is_all_caps(wtext(i)) || fw(i).surname.is_some() || fw(i).given.is_some()))
    {
        let end = words[n - 1].end;
        // A religious title the KB writes into a name ("Pope Francis")
        // stays out of the span as any title does.
        let religious_title = |t: usize| {
            fw(t).title == Some(TitleKind::Religious) && fw(t).given.is_none_or(|g| g.common_word)
        };
        if kb.people.by_name(&text[words[j].start..end]).is_empty()
            && let Some(t) = (0..j.min(n - 1)).find(|&t| {
                !religious_title(t) && !kb.people.by_name(&text[words[t].start..end]).is_empty()
            })
        {
            j = t;
        }
    }
    if j >= n {
        return;
    }
    // The name stops at an organisation word, a title or a month.
    let mut k = j + 1;
    while k < n {
        let w = wtext(k);
        let f = fw(k);
        match f.not_person {
            // "the Biden Administration": a leader's name used attributively.
            Some(NotPersonKind::Government) => break,
            // "White House", "Foreign Ministry", "Hopkins University".
            Some(NotPersonKind::OrgHead | NotPersonKind::Medium) => return,
            // "Mohammed Shia al-Sudani": inside a name, not the
            // religion (nor the region word "Shia" is also listed as).
            Some(NotPersonKind::Religion) => {
                k += 1;
                continue;
            }
            // "Theresa May": a month as the surname after a given name.
            Some(NotPersonKind::Calendar) if k == j + 1 && strong(fw(j)) && f.surname.is_some() => {
            }
            Some(_) => break,
            None => {}
        }
        // "Naomi Osaka", "Richard Orange": a city's name as the surname
        // that ends a name after a clear given name.
        let city_surname = || {
            k == j + 1
                && k + 1 == n
                && strong(fw(j))
                && f.surface.is_some_and(|i| {
                    matches!(
                        kb.countries.surfaces[i as usize].target,
                        crate::kb::SurfaceTarget::Place(crate::kb::countries::PlaceKind::City)
                    )
                })
        };
        if f.surface.is_some()
            && f.surname.is_none_or(|s| s.weight < 4.0 && s.common_word)
            && f.surname.is_none_or(|s| s.common_word)
            && !is_capital_particle(kb, w)
            && !city_surname()
        {
            break;
        }
        k += 1;
    }
    while k > j + 1 && words[k - 1].particle {
        k -= 1;
    }
    let span = &words[j..k];
    let (start, end) = (span[0].start, span[span.len() - 1].end);
    let name = &text[start..end];
    let name_words: Vec<(usize, usize)> = span
        .iter()
        .filter(|w| !w.particle)
        .map(|w| (w.start, w.end))
        .collect();
    let core_ix: Vec<usize> = (j..k)
        .filter(|&i| !words[i].particle && !is_generational(wtext(i)))
        .collect();
    let core: Vec<&str> = core_ix.iter().map(|&i| wtext(i)).collect();
    if core.is_empty() || name.chars().any(|c| c.is_ascii_digit()) {
        return;
    }
    if title.is_none() && j == 0 {
        title = title_before(text, kb, start, line.start);
    }
    let title_cue = title.is_some();
    let first = core[0];
    let last = core[core.len() - 1];
    let first_f = fw(core_ix[0]);
    let last_f = fw(core_ix[core_ix.len() - 1]);
    let single = core.len() == 1;

    // The name's own entries in the surface and not-person tables.
    let (surface, name_not_person) = if k - j == 1 {
        (fw(j).surface, fw(j).not_person)
    } else if phrase_may_start(j) {
        (kb.surface_of(name), names.not_person(name))
    } else {
        (None, None)
    };
    // "Real Madrid": a place inside the name, after a word that is not
    // clearly a given name.
    if title.is_none()
        && core.len() >= 2
        && !strong(first_f)
        && core_ix[1..]
            .iter()
            .any(|&i| fw(i).surface.is_some() && !is_capital_particle(kb, wtext(i)))
    {
        return;
    }
    let not_person = name_not_person.is_some_and(|k| {
        // "Prime Minister May".
        k != NotPersonKind::Calendar
            || !title
                .as_ref()
                .is_some_and(|(_, t)| matches!(t, TitleKind::Honorific | TitleKind::Role))
    });
    // "Kazakhstan-Uzbekistan cooperation": states joined by hyphens.
    let all_states = |s: &str| s.split('-').all(|p| !p.is_empty() && kb.is_surface(p));
    let states_joined = || first.contains('-') && all_states(first);
    // "Viet Nam-Laos Solidarity Year": the same, after a state's name of
    // two words.
    let two_word_state_joined = || {
        core.windows(2).any(|pair| {
            pair[1].split_once('-').is_some_and(|(head, rest)| {
                let state = format!("{} {head}", pair[0]);
                kb.is_surface(&state) && all_states(rest)
            })
        })
    };
    if not_person
        || (single && first_f.sentence_opener)
        || (single && states_joined())
        || (!single && two_word_state_joined())
    {
        return;
    }
    if single && (is_all_caps(first) || initials(first) || ampersand_firm(text, start, end)) {
        return;
    }
    // "General" left over from "Secretary General"; "Mr Speaker",
    // "Madam President": an office addressed.
    if single
        && first_f.title.is_some()
        && (!title
            .as_ref()
            .is_some_and(|(_, k)| *k == TitleKind::Honorific)
            || (first_f.title == Some(TitleKind::Role) && first_f.given.is_none()))
    {
        return;
    }
    let kb_hits = kb.people.by_name(name);
    // "El Universal", "Las Condes": an article before words no lexicon
    // knows as names opens a paper's or a place's name ("Le Pen" stays).
    if !single
        && !title_cue
        && kb_hits.is_empty()
        && names.name_articles.contains(first)
        && core_ix[1..]
            .iter()
            .all(|&i| fw(i).given.is_none() && fw(i).surname.is_none())
    {
        return;
    }
    let kb_person = kb.people.best_of(kb_hits, None);
    // "Tariff rates rose": a word opening a sentence whose spelling only
    // folds to a KB name ("Salah Tarif") is an everyday word there.
    let spelled_as_in_kb = |p: usize| {
        kb.people
            .get(p)
            .names()
            .any(|n| fold::spells_word(n, first))
    };
    let kb_full = kb_person.is_some()
        && (!single
            || (first_f.given.is_none_or(|g| g.common_word)
                && first_f.surname.is_none_or(|s| !s.common_word)
                && (!at_sentence_start(text, start) || kb_person.is_some_and(spelled_as_in_kb))));
    if kb_hits.is_empty() && (single || !strong(first_f)) && beside_group_noun(text, kb, start, end)
    {
        return;
    }
    // "Saudi Arabian side Al Hilal", "the broadcaster Rai": a team or an
    // outlet named right after the noun for it.
    if !kb_full
        && title.is_none()
        && previous_word(text, start).is_some_and(|p| {
            names.body_before.contains(p)
                && text[..start]
                    .strip_suffix(' ')
                    .is_some_and(|h| h.ends_with(p))
        })
    {
        return;
    }
    // "in Si Sa Ket province", "the Shamsiddin Shohin district": a place
    // named before the word for its kind.
    if !kb_full && title.is_none() {
        let next = text[end..]
            .strip_prefix(' ')
            .map(|r| &r[..words::word_end(r, 0)]);
        if next.is_some_and(|w| names.place_kinds.contains(w)) {
            return;
        }
    }
    // "the Organization of Islamic Cooperation", "Ministry of Foreign
    // Affairs": the rest of a body's name after its head word and "of".
    if !kb_full && title.is_none() && j == 0 {
        let head = text[line.start..start]
            .strip_suffix(" of ")
            .or_else(|| text[line.start..start].strip_suffix(" of the "));
        if let Some(head) = head
            && let Some(w) = head.rsplit(' ').next()
            && w.starts_with(char::is_uppercase)
            && kb.word(w).not_person == Some(NotPersonKind::OrgHead)
        {
            return;
        }
    }
    let credit = !kb_full && !title_cue && credit_near(text, kb, start, end, line);
    // Context cues are looked at only when the cheaper ones did not settle it.
    let context_cell = std::cell::OnceCell::new();
    let context = || {
        *context_cell.get_or_init(|| {
            apposition_after(text, kb, end) || reporting_verb_near(text, kb, start, end, line.start)
        })
    };
    // "Nguyen Van Thanh, a rice farmer": a description after a full name.
    let described = || {
        context() || {
            let rest = &text[end..];
            ["", "a ", "an ", "the "].iter().skip(1).any(|lead| {
                rest.strip_prefix(", ")
                    .and_then(|r| r.strip_prefix(lead))
                    .is_some_and(|r| r.starts_with(|c: char| c.is_lowercase()))
            })
        }
    };

    let mut ambiguity = None;
    // "his wife Mary", "their daughter Georgia": a family noun settles it.
    let kin_cell = std::cell::OnceCell::new();
    let kin = || {
        *kin_cell.get_or_init(|| {
            single && !headline && first_f.given.is_some() && after_kin_noun(text, kb, start)
        })
    };
    if let Some(si) = surface.filter(|_| !kin()) {
        // A country or place name: a person only after a title or honorific.
        // A lower-case title may be a verb: "will head United Russia's
        // list", "who chairs Georgia's council".
        let strong_title = title
            .as_ref()
            .is_some_and(|(_, k)| matches!(k, TitleKind::Honorific | TitleKind::Role))
            && !(lower_title && single);
        if !strong_title {
            // A city that is also a common surname ("Rodriguez") is a person
            // only where the document names someone with that surname.
            let is_place = matches!(
                kb.countries.surfaces[si as usize].target,
                crate::kb::SurfaceTarget::Place(_)
            );
            // So is a state whose name people bear ("Jordan" after "Michael
            // Jordan"); the country reading wins wherever it stands.
            if single
                && !headline
                && ((is_place && first_f.surname.is_some()) || state_named_like_people(kb, first))
            {
                pending.push(Pending {
                    start,
                    end,
                    words: name_words,
                    context: false,
                    headline,
                    place: true,
                });
            }
            return;
        }
        let what = match kb.countries.surfaces[si as usize].target {
            crate::kb::SurfaceTarget::Place(_) => "a place",
            _ => "a country",
        };
        // "the official Korean Central News Agency": a state's name cut
        // off from the organisation words after it names no one.
        if single && k < n && what == "a country" {
            return;
        }
        ambiguity = Some(format!(
            "\"{name}\" is read as a person after \"{}\", but it also names {what}; relabel it if the {} is meant",
            title.as_ref().map_or("", |t| t.0.as_str()),
            what.trim_start_matches("a ")
        ));
    }

    // "By MATTHEW LEE and STEPHEN GROVES": an agency byline in capitals.
    let caps_byline = || {
        let before = text[line.start..start].trim_end();
        caps_byline_line
            && (before.eq_ignore_ascii_case("by")
                || before.is_empty()
                || before.ends_with(" and")
                || before.ends_with(" AND")
                || before.ends_with(','))
            && (2..=3).contains(&core.len())
            && core.iter().all(|w| {
                w.chars().count() >= 2
                    && w.chars()
                        .all(|c| c.is_uppercase() || matches!(c, '-' | '\'' | '’'))
            })
    };
    let cue = if caps_byline() {
        Cue::Strong
    } else if upper_line {
        if kb_full && !single {
            Cue::Strong
        } else {
            Cue::None
        }
    } else if kb_full
        || title_cue
        || credit
        || post_nominal
        || appositive_title(text, kb, start, end)
    {
        Cue::Strong
    } else if !single {
        let given = first_f.given;
        let clear_given = strong(first_f);
        let initials = initials(first);
        let particle = span.iter().any(|w| w.particle)
            || name_words.iter().any(|&(s, e)| {
                text[s..e].contains('-') && text[s..e].starts_with(char::is_lowercase)
            });
        let generational = name_words
            .last()
            .is_some_and(|&(s, e)| is_generational(&text[s..e]));
        // Any capitalised word after a clear given name, except words that
        // name places, organisations or titles.
        let last_shape = has_surname_shape(kb, last, last_f);
        let last_ok = last_shape
            || last_f.given.is_some_and(|g| !g.common_word)
            || last_f.surname.is_some()
            || (last_f.given.is_none() && last_f.title.is_none());
        let all_namey = core_ix.iter().all(|&i| {
            let f = fw(i);
            f.given.is_some_and(|g| !g.common_word)
                || f.surname.is_some_and(|g| !g.common_word)
                || (f.given.is_none() && f.surname.is_none())
        });
        let byline = || {
            core.len() <= 3
                && byline_line(
                    &text[line.start..line.end],
                    start - line.start,
                    end - line.start,
                )
                .is_some_and(|marked| {
                    marked
                        || (all_namey
                            && (clear_given || last_f.surname.is_some_and(|s| !s.common_word)))
                })
        };
        if headline {
            if (clear_given && last_shape) || byline() {
                Cue::Strong
            } else {
                Cue::Weak
            }
        } else if (clear_given && last_ok)
            || (reported_by(text, kb, start, line.start)
                && core_ix.iter().all(|&i| fw(i).not_person.is_none()))
            || initials
            // "Le Pen", not "El Universal", "Las Condes": a name opening
            // with its particle needs a surname after it.
            || (particle
                && all_namey
                && (!span[0].particle || last_f.surname.is_some_and(|s| !s.common_word)))
            || (generational && all_namey)
            || (given.is_some() && last_shape)
            // "Udanta Singh": an unknown first word before a clear surname.
            || (given.is_none()
                && first_f.surname.is_none()
                && !at_sentence_start(text, start)
                && core.len() == 2
                && last_f.surname.is_some_and(|s| !s.common_word && s.weight >= 3.0))
            // "Laziz Kudratov", "Jurabek Odilbekovich Mirzamakhmudov": words
            // no lexicon knows before a surname ending that marks one.
            || (given.is_none()
                && first_f.surname.is_none()
                && !at_sentence_start(text, start)
                && (core.len() == 2
                    || (core.len() == 3 && {
                        // a patronymic between: "Jurabek Odilbekovich Mirzamakhmudov"
                        let mid = wtext(core_ix[1]);
                        mid.ends_with("vich") || mid.ends_with("vna")
                    }))
                && kb.names.distinctive_suffix(last)
                && core_ix.iter().all(|&i| {
                    let f = fw(i);
                    let w = wtext(i);
                    f.not_person.is_none()
                        && f.surface.is_none()
                        && f.title.is_none()
                        && f.given.is_none_or(|g| !g.common_word)
                        && f.surname.is_none_or(|s| !s.common_word)
                        && w.chars().skip(1).all(|c| c.is_lowercase() || c == '-' || c == '\'')
                }))
            || (all_namey && (described() || of_country_after(text, kb, end)))
            // "Binod Ghimire" alone on its line: a byline or a signature,
            // where a surname or a clear given name is enough; a line
            // marked as a byline needs neither.
            || byline()
        {
            Cue::Strong
        } else if all_namey {
            Cue::Weak
        } else {
            Cue::None
        }
    } else {
        // One word.
        let w = first;
        let f = first_f;
        // A given name right after a family noun is a person even where it
        // also names a place: "his wife Mary", "their daughter Georgia".
        if f.not_person.is_some() {
            Cue::None
        } else if f.surface.is_some() {
            if kin() { Cue::Strong } else { Cue::None }
        } else if !headline
            && distinctive_surname_of(kb, w, f).is_some_and(|p| {
                // "MoUs" folds to "Muş": a word capitalised inside must
                // be spelled as the KB spells the name
                let camel = w
                    .as_bytes()
                    .windows(2)
                    .any(|b| b[0].is_ascii_lowercase() && b[1].is_ascii_uppercase());
                !(at_sentence_start(text, start) || camel) || spelled_as_in_kb(p)
            })
        {
            Cue::Strong
        } else if f.sentence_opener {
            Cue::None
        } else if !headline
            && age_after(text, end)
            && f.given.is_none_or(|g| !g.common_word)
            && f.surname.is_none_or(|s| !s.common_word)
            && f.title.is_none()
        {
            // "Solbakken, 57, said": an age set off after a word no lexicon
            // calls an everyday one.
            Cue::Strong
        } else if !headline
            && (kin()
                || (context()
                    && (has_surname_shape(kb, w, f) || !kb.people.by_surname(w).is_empty())
                    && f.given.is_none_or(|g| !g.common_word)))
        {
            // "two daughters, Ada and Ngozi"; "Lavrov said".
            Cue::Strong
        } else if !headline
            && (context() || government_after(text, kb, end))
            && kb
                .people
                .by_surname(w)
                .iter()
                .any(|&i| kb.people.get(i as usize).is_prominent())
        {
            // A leader's surname that is also an everyday word: "Xi said",
            // or used attributively, "the Trump administration".
            Cue::Strong
        } else if !headline && context() && kb_person.is_some() {
            // "Lula said": a known one-word name that is also a given name.
            Cue::Strong
        } else if !headline
            && f.given.is_some_and(|g| !g.common_word)
            && reported_by(text, kb, start, line.start)
        {
            // "said Darryl."
            Cue::Strong
        } else if !headline
            && !line.upper
            && !at_sentence_start(text, start)
            && f.surname.is_some_and(|s| s.weight >= 4.5)
            && reporting_verb_near(text, kb, start, end, line.start)
        {
            // "“I don't know,” Smith said."
            Cue::Strong
        } else {
            Cue::Weak
        }
    };

    match cue {
        Cue::Strong => {
            let mut c = Candidate::new(start, end, Label::Person);
            c.priority = if title_cue || kin() { 4 } else { 1 };
            c.ambiguity = ambiguity;
            let kbp = if kb_full && !single {
                crate::link::people::by_full_name(kb, name, None)
            } else if kb_full {
                kb_person
            } else if single && !headline {
                distinctive_surname_of(kb, first, first_f).or(kb_person)
            } else {
                None
            };
            found.push((
                c,
                PersonMention {
                    start,
                    end,
                    title: title.map(|t| t.0),
                    kb: kbp,
                    alias_of: None,
                },
                name_words,
            ));
        }
        Cue::Weak => pending.push(Pending {
            start,
            end,
            words: name_words,
            context: context(),
            headline,
            place: false,
        }),
        Cue::None => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::{Context, analyze};

    /// Marks PERSON spans as `[text]`.
    fn people(text: &str) -> String {
        let a = analyze(text, &Context::default());
        let mut out = String::new();
        let mut last = 0;
        for e in a
            .entities
            .iter()
            .filter(|e| e.label == crate::model::Label::Person)
        {
            out.push_str(&text[last..e.start]);
            out.push_str(&format!("[{}]", &text[e.start..e.end]));
            last = e.end;
        }
        out.push_str(&text[last..]);
        out
    }

    #[test]
    fn titles_and_honorifics_stay_outside() {
        assert_eq!(
            people("Russian Foreign Minister Sergey Lavrov met Mr. Raisi and Dr Jane Okafor."),
            "Russian Foreign Minister [Sergey Lavrov] met Mr. [Raisi] and Dr [Jane Okafor]."
        );
        assert_eq!(
            people("It was announced by spokesman Zhu Wenlong on Tuesday."),
            "It was announced by spokesman [Zhu Wenlong] on Tuesday."
        );
        assert_eq!(
            people("Supreme Leader Ayatollah Ali Khamenei spoke of the Prophet Moses’ miracle."),
            "Supreme Leader Ayatollah [Ali Khamenei] spoke of the Prophet [Moses]’ miracle."
        );
        assert_eq!(
            people(
                "Chinese Vice Foreign Minister Ma Zhaoxu and then-Secretary of Defense Bill Perry met."
            ),
            "Chinese Vice Foreign Minister [Ma Zhaoxu] and then-Secretary of Defense [Bill Perry] met."
        );
        assert_eq!(
            people("then-Vice President Kamala Harris went instead."),
            "then-Vice President [Kamala Harris] went instead."
        );
    }

    #[test]
    fn possessives_are_left_out() {
        assert_eq!(
            people("President Vladimir Putin's visit and Joe Biden’s wars."),
            "President [Vladimir Putin]'s visit and [Joe Biden]’s wars."
        );
    }

    #[test]
    fn given_names_open_unknown_names() {
        assert_eq!(
            people("The talks were led by Bakhtiyor Dzhuraev and Kassym-Jomart Tokayev."),
            "The talks were led by [Bakhtiyor Dzhuraev] and [Kassym-Jomart Tokayev]."
        );
        assert_eq!(
            people("Sources close to Narendra Modi and Recep Tayyip Erdogan agreed."),
            "Sources close to [Narendra Modi] and [Recep Tayyip Erdogan] agreed."
        );
    }

    #[test]
    fn name_shapes() {
        assert_eq!(
            people("A report by J. R. Smith cited Mohammed bin Salman and Ursula von der Leyen."),
            "A report by [J. R. Smith] cited [Mohammed bin Salman] and [Ursula von der Leyen]."
        );
        assert_eq!(
            people("They met Ferdinand Marcos Jr. and Bashar al-Assad in Manila."),
            "They met [Ferdinand Marcos Jr.] and [Bashar al-Assad] in Manila."
        );
    }

    #[test]
    fn appositions_and_reporting_verbs() {
        assert_eq!(
            people("Zohidi Nizomiddin, Tajikistan’s ambassador to Iran, spoke first."),
            "[Zohidi Nizomiddin], Tajikistan’s ambassador to Iran, spoke first."
        );
        assert_eq!(
            people("“We agree,” said Tolib Qurbonzoda. Qurbonzoda later left."),
            "“We agree,” said [Tolib Qurbonzoda]. [Qurbonzoda] later left."
        );
    }

    #[test]
    fn common_word_names_and_initials() {
        assert_eq!(
            people(
                "The company's chief executive, Jane Doe, said so. Former President George W. Bush and John F. Kennedy Jr. were cited."
            ),
            "The company's chief executive, [Jane Doe], said so. Former President [George W. Bush] and [John F. Kennedy Jr.] were cited."
        );
        assert_eq!(
            people(
                "“I don't know,” Smith said. Human Rights Watch researcher Tirana Hassan agreed."
            ),
            "“I don't know,” [Smith] said. Human Rights Watch researcher [Tirana Hassan] agreed."
        );
    }

    #[test]
    fn organisation_words_before_a_given_name() {
        assert_eq!(
            people("said spokesman for the Department of Foreign Affairs Tammy Bruce. Bruce left."),
            "said spokesman for the Department of Foreign Affairs [Tammy Bruce]. [Bruce] left."
        );
        assert_eq!(
            people("By IFP Editorial Staff\nAraghchi Witkoff\nAbbas Araqchi met Steve Witkoff."),
            "By IFP Editorial Staff\n[Araghchi] [Witkoff]\n[Abbas Araqchi] met [Steve Witkoff]."
        );
    }

    #[test]
    fn quoted_ordinary_people() {
        assert_eq!(
            people(
                "“It was big,” said Kavica Towns, neighbor. Towns lives nearby. “Help,” said Darryl. Jorge Rodriguez ran. “Hot,” said Rodriguez."
            ),
            "“It was big,” said [Kavica Towns], neighbor. [Towns] lives nearby. “Help,” said [Darryl]. [Jorge Rodriguez] ran. “Hot,” said [Rodriguez]."
        );
        assert_eq!(
            people("The fire started at Savannah Oaks apartments."),
            "The fire started at Savannah Oaks apartments."
        );
    }

    #[test]
    fn unknown_given_names_before_known_surnames() {
        assert_eq!(
            people("The header came from a cross by Udanta Singh in the 82nd minute."),
            "The header came from a cross by [Udanta Singh] in the 82nd minute."
        );
        // or before a surname ending that marks one
        assert_eq!(
            people(
                "The forum was attended by Laziz Kudratov and head of the Railways Khusniddin Fayzullaev."
            ),
            "The forum was attended by [Laziz Kudratov] and head of the Railways [Khusniddin Fayzullaev]."
        );
    }

    #[test]
    fn sentence_initial_verbs_and_company_suffixes() {
        assert_eq!(
            people(
                "Said Nick Caporella: \"Brands do not see.\" The suit was filed by Wolf Popper LLP."
            ),
            "Said [Nick Caporella]: \"Brands do not see.\" The suit was filed by Wolf Popper LLP."
        );
    }

    #[test]
    fn connectors_inside_hyphenated_names() {
        assert_eq!(
            people("- Majid Takht-e-Ravanchi, Deputy Foreign Minister for Political Affairs"),
            "- [Majid Takht-e-Ravanchi], Deputy Foreign Minister for Political Affairs"
        );
    }

    #[test]
    fn two_initials_after_a_title_are_part_of_the_name() {
        assert_eq!(
            people("Vice President JD Vance voted. The EU Council and US Senator Ted Cruz met."),
            "Vice President [JD Vance] voted. The EU Council and US Senator [Ted Cruz] met."
        );
    }

    #[test]
    fn photo_credits_after_a_slash_are_people() {
        assert_eq!(
            people("Vladimir Putin in Moscow. REUTERS/Evelyn Hockstein"),
            "[Vladimir Putin] in Moscow. REUTERS/[Evelyn Hockstein]"
        );
        assert_eq!(
            people(
                "Talks went on. (AP Photo/Evan Vucci) Sputnik/Gavriil Grigorov/Kremlin via REUTERS"
            ),
            "Talks went on. (AP Photo/[Evan Vucci]) Sputnik/[Gavriil Grigorov]/Kremlin via REUTERS"
        );
        assert_eq!(
            people("See https://example.com/Anna/Smith or Israel/Palestine for more."),
            "See https://example.com/Anna/Smith or Israel/Palestine for more."
        );
    }

    #[test]
    fn a_religion_word_inside_a_name_stays_in_it() {
        assert_eq!(
            people("Iraqi Prime Minister Mohammed Shia al-Sudani said so."),
            "Iraqi Prime Minister [Mohammed Shia al-Sudani] said so."
        );
    }

    #[test]
    fn korean_given_names_keep_their_second_syllable() {
        assert_eq!(
            people(
                "Acting President Choi Sang-mok met Moon Jae-in; the Saudi-led, Wang Yi-led talks went on."
            ),
            "Acting President [Choi Sang-mok] met [Moon Jae-in]; the Saudi-led, [Wang Yi]-led talks went on."
        );
    }

    #[test]
    fn hyphenated_headline_words_are_not_surnames() {
        assert_eq!(
            people("Manu Garba Post-Match : Every Word On Golden Eaglets Comeback Win"),
            "Manu Garba Post-Match : Every Word On Golden Eaglets Comeback Win"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// Any text, however odd its punctuation and scripts, analyses
        /// without a panic and yields spans on character boundaries.
        #[test]
        fn never_panics(s in "([A-Z][a-z]{0,6}|[a-z]{1,4}|Mr\\.|J\\.|Jr\\.|al-|bin|van der|’s|'s|-|–|’|'|,|\\.|/|\\(|\\)| |\u{a0}|\n|Ä|ß|Ş|é|\u{301}|Лавров|李|\\d)*") {
            let a = crate::analyze(&s, &crate::Context::default());
            for e in &a.entities {
                assert!(s.is_char_boundary(e.start) && s.is_char_boundary(e.end));
            }
        }
    }

    #[test]
    fn particle_led_surnames() {
        assert_eq!(
            people("President Bashar al-Assad spoke. Later al-Assad left."),
            "President [Bashar al-Assad] spoke. Later [al-Assad] left."
        );
        // Any hyphen particle of the data opens a name, not only "al-"/"el-";
        // a hyphen after a lower-case word that is no particle does not.
        assert_eq!(
            people("Officials said ul-Haq Khan would stay. A well-Known man."),
            "Officials said [ul-Haq Khan] would stay. A well-Known man."
        );
    }

    #[test]
    fn a_movement_named_after_a_family_is_no_person() {
        assert_eq!(
            people("Houthi leader Abdul Malik al-Houthi warned. Houthi fighters fired."),
            "Houthi leader [Abdul Malik al-Houthi] warned. Houthi fighters fired."
        );
    }

    #[test]
    fn particles_before_a_repeated_surname() {
        assert_eq!(
            people("Ursula von der Leyen spoke. Later, von der Leyen left with de Gaulle."),
            "[Ursula von der Leyen] spoke. Later, [von der Leyen] left with de Gaulle."
        );
    }

    #[test]
    fn names_beside_a_group_noun_are_bodies() {
        assert_eq!(
            people(
                "Lula urged fellow Mercosur leaders to act. Analysts at Itau Unibanco said so. Abdou Ntibantunganya spoke, and members of Ntibantunganya's party met Donald Trump and Trump supporters."
            ),
            "[Lula] urged fellow Mercosur leaders to act. Analysts at Itau Unibanco said so. [Abdou Ntibantunganya] spoke, and members of [Ntibantunganya]'s party met [Donald Trump] and [Trump] supporters."
        );
    }

    /// A one-word alias that is also a given name is the person where a
    /// reporting verb says so; a longer alias of a common surname links.
    #[test]
    fn one_word_aliases_and_long_aliases() {
        let text = "Lula said the deal was close. Lula da Silva spoke later.";
        assert_eq!(
            people(text),
            "[Lula] said the deal was close. [Lula da Silva] spoke later."
        );
        let a = analyze(text, &Context::default());
        for e in &a.entities {
            assert_eq!(
                e.canonical.as_deref(),
                Some("Luiz Inácio Lula da Silva"),
                "{}",
                &text[e.span()]
            );
        }
    }

    #[test]
    fn a_name_found_alone_completes_an_unknown_full_name() {
        assert_eq!(
            people("Bukayo Saka scored twice. Saka, 23, curled in the opener."),
            "[Bukayo Saka] scored twice. [Saka], 23, curled in the opener."
        );
    }

    #[test]
    fn a_leader_named_before_a_government_word() {
        assert_eq!(
            people("The deal was brokered by the Trump administration, not the Smithers era."),
            "The deal was brokered by the [Trump] administration, not the Smithers era."
        );
    }

    #[test]
    fn a_name_known_as_another_is_the_same_person() {
        let text = "RSF commander Mohamed Hamdan Dagalo, widely known as Hemedti, spoke. Zakia Osman Bashir (known as Sudan) left.";
        assert_eq!(
            people(text),
            "RSF commander [Mohamed Hamdan Dagalo], widely known as [Hemedti], spoke. [Zakia Osman Bashir] (known as Sudan) left."
        );
        let a = analyze(text, &Context::default());
        let ids: Vec<_> = a.entities.iter().take(2).map(|e| e.id.clone()).collect();
        assert_eq!(ids[0], ids[1]);
    }

    #[test]
    fn organisation_heads_end_no_name() {
        assert_eq!(
            people("A spokesman for the Directors Guild said so, and Warner Pictures agreed."),
            "A spokesman for the Directors Guild said so, and Warner Pictures agreed."
        );
    }

    #[test]
    fn firms_named_like_people() {
        assert_eq!(
            people(
                "Samsung Electronics reported a profit. Hyundai Motor and Li Auto said sales rose."
            ),
            "Samsung Electronics reported a profit. Hyundai Motor and Li Auto said sales rose."
        );
        assert_eq!(
            people("Marks & Spencer said sales rose, and Procter & Gamble agreed."),
            "Marks & Spencer said sales rose, and Procter & Gamble agreed."
        );
        assert_eq!(
            people("Hong Kong's Hang Seng rose 2%, Smith said."),
            "Hong Kong's Hang Seng rose 2%, [Smith] said."
        );
    }

    #[test]
    fn a_demonym_that_is_a_given_name_opens_a_title() {
        assert_eq!(
            people("German Environment Minister Carsten Schneider said so."),
            "German Environment Minister [Carsten Schneider] said so."
        );
    }

    #[test]
    fn syllables_after_an_apostrophe() {
        assert_eq!(
            people("Former minister Njuguna Ndung'u was not renamed; Ruto's aides said so."),
            "Former minister [Njuguna Ndung'u] was not renamed; [Ruto]'s aides said so."
        );
    }

    #[test]
    fn an_initial_that_ends_a_sentence() {
        assert_eq!(
            people("He posted on X. The peso rose, George W. Bush said."),
            "He posted on X. The peso rose, [George W. Bush] said."
        );
    }

    #[test]
    fn storms_are_no_people() {
        assert_eq!(
            people(
                "Storm Amy hit Scotland, Hurricane Helene killed 200 and Tropical Storm Debby flooded towns."
            ),
            "Storm Amy hit Scotland, Hurricane Helene killed 200 and Tropical Storm Debby flooded towns."
        );
    }

    #[test]
    fn names_from_a_country() {
        assert_eq!(
            people(
                "Aryna Sabalenka of Belarus won. The Supreme Court of India and the Central Bank of Nigeria agreed."
            ),
            "[Aryna Sabalenka] of Belarus won. The Supreme Court of India and the Central Bank of Nigeria agreed."
        );
    }

    #[test]
    fn every_name_of_a_credit_list() {
        assert_eq!(
            people(
                "(Reporting by Francesco Canepa and Balazs Koranyi in Frankfurt; Editing by Tannur Anders and Andrew Gray)"
            ),
            "(Reporting by [Francesco Canepa] and [Balazs Koranyi] in Frankfurt; Editing by [Tannur Anders] and [Andrew Gray])"
        );
    }

    #[test]
    fn a_demonym_before_a_full_name_is_not_part_of_it() {
        assert_eq!(
            people("Coached by Argentine Mauricio Pochettino, the team won."),
            "Coached by Argentine [Mauricio Pochettino], the team won."
        );
    }

    #[test]
    fn a_first_name_alone_after_the_full_name() {
        assert_eq!(
            people(
                "Adaeze Okonkwo-Bell died. \"Adaeze never raised her voice,\" a colleague said."
            ),
            "[Adaeze Okonkwo-Bell] died. \"[Adaeze] never raised her voice,\" a colleague said."
        );
    }

    #[test]
    fn a_family_name_written_first_is_used_alone() {
        assert_eq!(
            people(
                "President Xi Jinping met Do Kwon. At a dinner with Xi, the aides of Do left. Do you agree?"
            ),
            "President [Xi Jinping] met [Do Kwon]. At a dinner with [Xi], the aides of [Do] left. Do you agree?"
        );
    }

    #[test]
    fn letters_after_a_name_are_not_part_of_it() {
        assert_eq!(
            people("John Smith MP said no. Judge Sarah Whitcombe KC OBE agreed. Whitcombe left."),
            "[John Smith] MP said no. Judge [Sarah Whitcombe] KC OBE agreed. [Whitcombe] left."
        );
    }

    #[test]
    fn byline_desks_saints_and_firms_are_not_people() {
        assert_eq!(
            people("By Chris Mason, Political editor\nText."),
            "By [Chris Mason], Political editor\nText."
        );
        assert_eq!(
            people(
                "She was treated at St Thomas' Hospital. St Louis Fed President Alberto Musalem spoke."
            ),
            "She was treated at St Thomas' Hospital. St Louis Fed President [Alberto Musalem] spoke."
        );
        assert_eq!(
            people("Nvidia said demand was strong. Johnson Controls, which makes chillers, fell."),
            "Nvidia said demand was strong. Johnson Controls, which makes chillers, fell."
        );
    }

    #[test]
    fn given_names_listed_after_a_family_noun() {
        assert_eq!(
            people(
                "She is survived by her husband, Peter Hughes, and their two daughters, Ada and Ngozi."
            ),
            "She is survived by her husband, [Peter Hughes], and their two daughters, [Ada] and [Ngozi]."
        );
        assert_eq!(
            people("His wife Jill said so. The sons, and Ada, left."),
            "His wife [Jill] said so. The sons, and Ada, left."
        );
        // A given name that also names a place or a country.
        assert_eq!(
            people("He came with his wife Mary and their daughter Georgia. He lives in Georgia."),
            "He came with his wife [Mary] and their daughter [Georgia]. He lives in Georgia."
        );
    }

    #[test]
    fn initials_written_together() {
        assert_eq!(
            people("J.D. Vance met H.R. McMaster at the U.S. Army base."),
            "[J.D. Vance] met [H.R. McMaster] at the U.S. Army base."
        );
        // a patronymic's initial is no regnal number; a surname may be
        // glued to two initials, but not to one ("R.Politik" is a firm)
        assert_eq!(
            people("Later S. V. Lavrov and S.V.Lavrov spoke. R.Politik said so."),
            "Later [S. V. Lavrov] and [S.V.Lavrov] spoke. R.Politik said so."
        );
    }

    #[test]
    fn everyday_words_parties_and_projects_are_no_people() {
        // a sentence-opening word that only folds to a KB surname, or a
        // word capitalised inside
        assert_eq!(people("Tariff rates rose."), "Tariff rates rose.");
        assert_eq!(
            people("They will sign 10 MoUs on trade."),
            "They will sign 10 MoUs on trade."
        );
        // lower-case titles that are verbs, and party or project names
        assert_eq!(
            people(
                "Medvedev chairs United Russia and will head United Russia's list. Georgian Railway and the Gaza Conflict plan."
            ),
            "[Medvedev] chairs United Russia and will head United Russia's list. Georgian Railway and the Gaza Conflict plan."
        );
    }

    #[test]
    fn titles_of_a_state_and_states_joined_by_hyphens() {
        assert_eq!(
            people(
                "The Foreign Minister of Oman, Badr Albusaidi, met the Minister of Economic Development of Tajikistan and the Leader of the Nation Emomali Rahmon."
            ),
            "The Foreign Minister of Oman, [Badr Albusaidi], met the Minister of Economic Development of Tajikistan and the Leader of the Nation [Emomali Rahmon]."
        );
        assert_eq!(
            people(
                "He proposed Kazakhstan-Uzbekistan cooperation. “It works.” “The Kazakhstan-Uzbekistan tandem remains.”"
            ),
            "He proposed Kazakhstan-Uzbekistan cooperation. “It works.” “The Kazakhstan-Uzbekistan tandem remains.”"
        );
    }

    #[test]
    fn bylines_in_capitals() {
        assert_eq!(
            people(
                "By GIADA ZAMPANO and RENATA BRITO\nUpdated June 12, 2025\n\nBrito reported from Spain."
            ),
            "By [GIADA ZAMPANO] and [RENATA BRITO]\nUpdated June 12, 2025\n\n[Brito] reported from Spain."
        );
        assert_eq!(people("BY ORDER OF THE COURT"), "BY ORDER OF THE COURT");
    }

    #[test]
    fn short_given_names_and_titles_ending_a_sentence() {
        assert_eq!(
            people("Secretary Ma. Theresa Lazaro met Md. Touhid Hossain."),
            "Secretary [Ma. Theresa Lazaro] met [Md. Touhid Hossain]."
        );
        assert_eq!(
            people("He met former leader Hun Sen. The talks ended. Georgia Gov. Brian Kemp spoke."),
            "He met former leader [Hun Sen]. The talks ended. Georgia Gov. [Brian Kemp] spoke."
        );
    }

    #[test]
    fn faith_words_that_are_given_names() {
        assert_eq!(
            people(
                "Scholz fired Finance Minister Christian Lindner. The Christian Democrats and Christian Aid said Christian leaders agreed."
            ),
            "[Scholz] fired Finance Minister [Christian Lindner]. The Christian Democrats and Christian Aid said Christian leaders agreed."
        );
    }

    #[test]
    fn months_in_names() {
        assert_eq!(
            people(
                "Theresa May said in May that April Ryan and June Carter would come on Monday. Prime Minister May agreed."
            ),
            "[Theresa May] said in May that [April Ryan] and [June Carter] would come on Monday. Prime Minister [May] agreed."
        );
        assert_eq!(
            people("May Day marches and Christmas Day sales; Doris Day sang."),
            "May Day marches and Christmas Day sales; [Doris Day] sang."
        );
    }

    #[test]
    fn surnames_coordinated_with_people() {
        assert_eq!(
            people("Talks between Vladimir Putin and Xi ended. Reuters and Xinhua reported."),
            "Talks between [Vladimir Putin] and [Xi] ended. Reuters and Xinhua reported."
        );
    }

    #[test]
    fn plural_titles_and_shah_in_names() {
        assert_eq!(
            people(
                "Presidents Putin and Xi met. Pakistani Foreign Minister Shah Mahmood Qureshi came."
            ),
            "Presidents [Putin] and [Xi] met. Pakistani Foreign Minister [Shah Mahmood Qureshi] came."
        );
    }

    /// `GAZETTE_BENCH_FILE=big.txt cargo test --release --lib throughput -- --ignored --nocapture`
    #[test]
    #[ignore]
    #[allow(clippy::print_stderr)]
    fn throughput() {
        let Some(path) = std::env::var_os("GAZETTE_BENCH_FILE") else {
            return;
        };
        let text = std::fs::read_to_string(path).unwrap();
        let ctx = crate::Context::default();
        let mb = text.len() as f64 / 1e6;
        let t = std::time::Instant::now();
        let a = crate::analyze(&text, &ctx);
        let all = t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        let mut cands = Vec::new();
        let m = super::recognize(&text, &ctx.kb, &[], &mut cands);
        let rec = t.elapsed().as_secs_f64();
        eprintln!(
            "{mb:.1} MB: analyze {:.0} MB/s ({} entities); people recogniser alone {:.0} MB/s ({} mentions)",
            mb / all,
            a.entities.len(),
            mb / rec,
            m.len()
        );
    }

    #[test]
    fn titles_inside_names_stay() {
        assert_eq!(
            people(
                "President Ebrahim Raisi and Foreign Minister Hosein Amir Abdollahian died. Fed Chair Jerome Powell spoke."
            ),
            "President [Ebrahim Raisi] and Foreign Minister [Hosein Amir Abdollahian] died. Fed Chair [Jerome Powell] spoke."
        );
        assert_eq!(
            people("It rained. Her Majesty Queen Elizabeth II died."),
            "It rained. Her Majesty Queen [Elizabeth II] died."
        );
        // a title word that opens or sits inside a name the KB knows in full
        assert_eq!(
            people("Afghan Foreign Minister Amir Khan Muttaqi met Hassan Sheikh Mohamud."),
            "Afghan Foreign Minister [Amir Khan Muttaqi] met [Hassan Sheikh Mohamud]."
        );
        // initials in capitals that open a name the KB knows
        assert_eq!(
            people("A row between Donald Trump, JD Vance and Volodymyr Zelensky."),
            "A row between [Donald Trump], [JD Vance] and [Volodymyr Zelensky]."
        );
        // but not a title before a name the KB knows without it
        assert_eq!(
            people("Saudi Foreign Minister Prince Faisal bin Farhan Al Saud spoke."),
            "Saudi Foreign Minister Prince [Faisal bin Farhan Al Saud] spoke."
        );
        // a place of several words before a title is stripped whole
        assert_eq!(
            people("Lula may face São Paulo Governor Tarcísio de Freitas."),
            "Lula may face São Paulo Governor [Tarcísio de Freitas]."
        );
    }

    #[test]
    fn leaders_named_attributively() {
        assert_eq!(
            people(
                "The Biden Administration and the Raisi government differ; Johns Hopkins University agrees."
            ),
            "The [Biden] Administration and the [Raisi] government differ; Johns Hopkins University agrees."
        );
    }

    #[test]
    fn descriptions_after_unknown_names() {
        assert_eq!(
            people("Nguyen Van Thanh, a rice farmer in the delta, lost his crop."),
            "[Nguyen Van Thanh], a rice farmer in the delta, lost his crop."
        );
    }

    #[test]
    fn surnames_corefer_with_full_names() {
        assert_eq!(
            people(
                "Lukashenko spoke. Belarusian President Alexander Lukashenko later said Lukashenko’s plan stands."
            ),
            "[Lukashenko] spoke. Belarusian President [Alexander Lukashenko] later said [Lukashenko]’s plan stands."
        );
        assert_eq!(
            people("Analyst Adlan Margoev said so. Mr Margoev, the analyst, argued."),
            "Analyst [Adlan Margoev] said so. Mr [Margoev], the analyst, argued."
        );
    }

    #[test]
    fn credits_and_bylines() {
        assert_eq!(
            people("Leaders pose in Kuala Lumpur. Vincent Thian/Pool via REUTERS"),
            "Leaders pose in Kuala Lumpur. [Vincent Thian]/Pool via REUTERS"
        );
        assert_eq!(people("(AlexLMX/Shutterstock)"), "([AlexLMX]/Shutterstock)");
        assert_eq!(
            people("Top photo credit: U.S. President Donald Trump at the Dayton Accords."),
            "Top photo credit: U.S. President [Donald Trump] at the Dayton Accords."
        );
        assert_eq!(
            people("Photo Credit: (Official White House Photo by Molly Riley)"),
            "Photo Credit: (Official White House Photo by [Molly Riley])"
        );
    }

    #[test]
    fn headlines_and_bylines() {
        assert_eq!(
            people(
                "Zelensky Meets Erdogan in Ankara\nBy Maria Gonzalez and Tom Hendricks\nVolodymyr Zelensky met Recep Tayyip Erdogan."
            ),
            "[Zelensky] Meets [Erdogan] in Ankara\nBy [Maria Gonzalez] and [Tom Hendricks]\n[Volodymyr Zelensky] met [Recep Tayyip Erdogan]."
        );
        assert_eq!(
            people("Sanctions\n\nby Adriaan Alsema October 25, 2025\n\nThe US acted."),
            "Sanctions\n\nby [Adriaan Alsema] October 25, 2025\n\nThe US acted."
        );
        assert_eq!(
            people("The envoy left. Lavrov agreed."),
            "The envoy left. [Lavrov] agreed."
        );
        // A name alone on its line, without "By"; a section heading is no
        // name.
        assert_eq!(
            people(
                "India, France sign pact\n\nBinod Ghimire\n\nKey Findings\n\nThe pact was signed."
            ),
            "India, France sign pact\n\n[Binod Ghimire]\n\nKey Findings\n\nThe pact was signed."
        );
    }

    #[test]
    fn bylines_of_several_names_and_titles_set_off_by_commas() {
        assert_eq!(
            people("The US special envoy to Syria, Tom Barrack, who is also an ambassador, spoke."),
            "The US special envoy to Syria, [Tom Barrack], who is also an ambassador, spoke."
        );
        assert_eq!(
            people(
                "Rail deal\n\nDivya Karyza and Dio Suhenda (The Jakarta Post)\n\nWRITER: Wassana Nanuam and \
                 Aekarach Sattaburuth\n\nThe deal was signed."
            ),
            "Rail deal\n\n[Divya Karyza] and [Dio Suhenda] (The Jakarta Post)\n\nWRITER: [Wassana Nanuam] and \
             [Aekarach Sattaburuth]\n\nThe deal was signed."
        );
        assert_eq!(
            people(
                "It met.\nIts chairman, Tundu Lissu, has been held. Its presidential candidate, Luhaga Mpina, was barred."
            ),
            "It met.\nIts chairman, [Tundu Lissu], has been held. Its presidential candidate, [Luhaga Mpina], was barred."
        );
        // A title joined by a hyphen; an office addressed is no one.
        assert_eq!(
            people("China sent Vice-Premier Ding Xuexiang. \"Mr Speaker, we act,\" he said."),
            "China sent Vice-Premier [Ding Xuexiang]. \"Mr Speaker, we act,\" he said."
        );
    }

    #[test]
    fn names_of_places_papers_and_buildings_are_not_people() {
        let t = "Unrest broke out in Dar es Salaam. With reports from El Universal and Le Monde. \
                 Kast spoke in Las Condes. Crowds gathered at the Fatih Mosque and at Dublin \
                 Castle. Grupo Galicia shares rose.";
        assert_eq!(people(t), t.replace("Kast", "[Kast]"));
        assert_eq!(
            people("Marine Le Pen spoke. Le Pen said no."),
            "[Marine Le Pen] spoke. [Le Pen] said no."
        );
    }

    #[test]
    fn line_shapes() {
        assert!(super::shouting("RUSSIA AND CHINA SIGN DEAL"));
        assert!(!super::shouting("Russia and China sign a deal"));
        assert!(super::title_case_line("Zelensky Meets Erdogan in Ankara"));
        assert!(!super::title_case_line(
            "Zelensky met Erdogan in the Turkish capital."
        ));
    }

    #[test]
    fn not_people() {
        assert_eq!(
            people(
                "The Foreign Ministry and Reuters said the Security Council met in Moscow on Monday."
            ),
            "The Foreign Ministry and Reuters said the Security Council met in Moscow on Monday."
        );
        assert_eq!(
            people(
                "However, Kuala Lumpur and Central Asia disagree. When Russia acted, Jordan and Iran met."
            ),
            "However, Kuala Lumpur and Central Asia disagree. When Russia acted, Jordan and Iran met."
        );
        assert_eq!(
            people("RUSSIA AND CHINA SIGN A DEAL IN MOSCOW"),
            "RUSSIA AND CHINA SIGN A DEAL IN MOSCOW"
        );
        // a city's former spelling, a newspaper, a legislature, a company,
        // a pipeline's branch, an office, a regional adjective
        let t = "Putin warned Kiev at Sheetal Niwas. \"It works,\" he told The National. The bill goes to the \
                 Legislative Yuan. Lynas Rare Earths rose. Line D is late. The Chief Public \
                 Prosecutor's Office acted. The three Sahelian states left.";
        assert_eq!(people(t), t.replace("Putin", "[Putin]"));
    }

    #[test]
    fn an_editor_credit() {
        assert_eq!(
            people("It was written in German.\nEdited by: Sean Sinico\n"),
            "It was written in German.\nEdited by: [Sean Sinico]\n"
        );
    }

    #[test]
    fn kenyan_cabinet_secretaries() {
        assert_eq!(
            people(
                "Interior CS Kipchumba Murkomen told the Senate. Foreign Affairs CS Musalia Mudavadi spoke."
            ),
            "Interior CS [Kipchumba Murkomen] told the Senate. Foreign Affairs CS [Musalia Mudavadi] spoke."
        );
    }

    #[test]
    fn a_country_completing_a_title_opens_no_name() {
        assert_eq!(
            people("The U.S. Ambassador to Indonesia Kevin Harrington spoke."),
            "The U.S. Ambassador to Indonesia [Kevin Harrington] spoke."
        );
        // A city after a title and its preposition, before a name the
        // lexicons do not know; no title, no stripping.
        assert_eq!(
            people(
                "US ambassador to Manila MaryKay Carlson said. He flew to Paris Hilton's hotel."
            ),
            "US ambassador to Manila [MaryKay Carlson] said. He flew to [Paris Hilton]'s hotel."
        );
        assert_eq!(
            people("The uprising toppled Sheikh Hasina's government."),
            "The uprising toppled [Sheikh Hasina]'s government."
        );
    }

    #[test]
    fn credits_after_a_copyright_sign_and_french_titles() {
        assert_eq!(
            people(
                "Sergey Lavrov spoke. © Alexander Shcherbak / TASS\n\nGénéral Goïta met Capitaine Traoré."
            ),
            "[Sergey Lavrov] spoke. © [Alexander Shcherbak] / TASS\n\nGénéral [Goïta] met Capitaine [Traoré]."
        );
    }

    #[test]
    fn a_byline_surname_that_is_an_everyday_word() {
        assert_eq!(
            people("Talks end\n\nBy Mark Smith\n\nThe talks ended."),
            "Talks end\n\nBy [Mark Smith]\n\nThe talks ended."
        );
    }

    #[test]
    fn places_and_events_are_not_people() {
        assert_eq!(
            people(
                "In El-Fasher, shelling. The attack on Pearl Harbor. The Arc de Triomphe. British GDP figures. The 2027 General Election."
            ),
            "In El-Fasher, shelling. The attack on Pearl Harbor. The Arc de Triomphe. British GDP figures. The 2027 General Election."
        );
    }

    #[test]
    fn names_written_with_accents() {
        // the name sources spell these without accents
        assert_eq!(
            people("Ayşe Demir reported. Rafał Trzaskowski and Raphaël Liégeois spoke."),
            "[Ayşe Demir] reported. [Rafał Trzaskowski] and [Raphaël Liégeois] spoke."
        );
    }

    #[test]
    fn parties_places_and_party_labels_are_not_people() {
        assert_eq!(
            people("Labour has lost ground. One Labour MP said so. It needs Democratic votes."),
            "Labour has lost ground. One Labour MP said so. It needs Democratic votes."
        );
        assert_eq!(
            people("Rep. Jim Jordan, R-Ohio, and the Yasukuni Shrine."),
            "Rep. [Jim Jordan], R-Ohio, and the Yasukuni Shrine."
        );
        // a place after a person's name is an apposition, no coordination
        assert_eq!(
            people("John Swinney, Scotland’s first minister, and the mayor of Greater Manchester."),
            "[John Swinney], Scotland’s first minister, and the mayor of Greater Manchester."
        );
    }

    #[test]
    fn a_title_makes_a_country_name_a_person() {
        let text = "Mr. Jordan met Ms. Georgia Smith.";
        assert_eq!(people(text), "Mr. [Jordan] met Ms. [Georgia Smith].");
    }

    #[test]
    fn a_quoted_nickname_inside_a_name_is_part_of_it() {
        assert_eq!(
            people("Economy Minister Luis \"Toto\" Caputo spoke. Caputo left."),
            "Economy Minister [Luis \"Toto\" Caputo] spoke. [Caputo] left."
        );
        assert_eq!(
            people("Former president Joko “Jokowi” Widodo met him."),
            "Former president [Joko “Jokowi” Widodo] met him."
        );
        // A quoted title after a name is no nickname.
        assert_eq!(
            people("Ana Lopez sang 'Hello' today."),
            "[Ana Lopez] sang 'Hello' today."
        );
    }

    #[test]
    fn long_syllables_after_an_apostrophe_stay_in_the_name() {
        assert_eq!(
            people("Prime Minister La'auli spoke. The parade in Tian'anmen Square began."),
            "Prime Minister [La'auli] spoke. The parade in Tian'anmen Square began."
        );
        assert_eq!(
            people(
                "Chief Justice His Honour Satiu Simativa Perese and Ratu Filimoni Vosarogo met."
            ),
            "Chief Justice His Honour [Satiu Simativa Perese] and Ratu [Filimoni Vosarogo] met."
        );
    }

    #[test]
    fn teams_outlets_and_bodies_are_no_people() {
        assert_eq!(
            people(
                "He joined Saudi Arabian side Al Hilal. Gattuso told Rai. Peters told Morning Report."
            ),
            "He joined Saudi Arabian side Al Hilal. [Gattuso] told Rai. [Peters] told Morning Report."
        );
        assert_eq!(
            people("The Organization of Islamic Cooperation met. The Verkhovna Rada voted."),
            "The Organization of Islamic Cooperation met. The Verkhovna Rada voted."
        );
        assert_eq!(
            people("Dutch F-35 jets flew after the Dutch GP."),
            "Dutch F-35 jets flew after the Dutch GP."
        );
    }

    #[test]
    fn an_acronym_title_after_a_company_name_is_a_title() {
        assert_eq!(
            people("McLaren CEO Zak Brown hailed the win."),
            "McLaren CEO [Zak Brown] hailed the win."
        );
    }

    #[test]
    fn an_age_after_a_lone_surname_makes_it_a_person() {
        assert_eq!(
            people("Solbakken, 57, said he was happy. In March, 57 people came."),
            "[Solbakken], 57, said he was happy. In March, 57 people came."
        );
        assert_eq!(
            people("Team-mate Oscar Piastri finished fifth."),
            "Team-mate [Oscar Piastri] finished fifth."
        );
    }

    #[test]
    fn more_byline_layouts() {
        assert_eq!(
            people("Talks\n\nRINTARO TOBITA and KOSUKE TAKEUCHI, Nikkei staff writers\n\nText."),
            "Talks\n\n[RINTARO TOBITA] and [KOSUKE TAKEUCHI], Nikkei staff writers\n\nText."
        );
        assert_eq!(
            people("Talks\n\nSource: Xinhua / Editor: Zhang Long / 2025-09-02 21:15:40\n\nText."),
            "Talks\n\nSource: Xinhua / Editor: [Zhang Long] / 2025-09-02 21:15:40\n\nText."
        );
        assert_eq!(
            people("Talks\n\nAhmet Gencturk  |03.11.2025 - Update : 03.11.2025\n\nText."),
            "Talks\n\n[Ahmet Gencturk]  |03.11.2025 - Update : 03.11.2025\n\nText."
        );
        assert_eq!(
            people("Talks\n\nJoshua Kucera Nov 20, 2025\n\nText."),
            "Talks\n\n[Joshua Kucera] Nov 20, 2025\n\nText."
        );
        // a label that says nothing of who wrote the story
        assert_eq!(
            people("Talks\n\nCategory: World News\n\nText."),
            "Talks\n\nCategory: World News\n\nText."
        );
    }

    #[test]
    fn places_ships_and_holidays_are_no_people() {
        assert_eq!(
            people(
                "Shells fell in Si Sa Ket province. BRP Datu Pagbuaya sailed before the Presidents Day recess."
            ),
            "Shells fell in Si Sa Ket province. BRP Datu Pagbuaya sailed before the Presidents Day recess."
        );
        assert_eq!(
            people("Sgt Thawatchai Boonmee and Pte Somchai Kaewkla were hurt."),
            "Sgt [Thawatchai Boonmee] and Pte [Somchai Kaewkla] were hurt."
        );
        assert_eq!(
            people(
                "Not all agree. Bhima Yudhistira, executive director of the Celios think tank, said so."
            ),
            "Not all agree. [Bhima Yudhistira], executive director of the Celios think tank, said so."
        );
    }

    #[test]
    fn credit_lines_with_a_city_surname_or_capitals_and_a_stamp() {
        assert_eq!(
            people("Talks\n\nBY MIKE LILLIS AND EMILY BROOKS - 01/14/26 6:00 AM ET\n\nText."),
            "Talks\n\nBY [MIKE LILLIS] AND [EMILY BROOKS] - 01/14/26 6:00 AM ET\n\nText."
        );
        assert_eq!(
            people("Text.\n\nArticle by Richard Orange"),
            "Text.\n\nArticle by [Richard Orange]"
        );
        assert_eq!(
            people("The draw was tough for Naomi Osaka, the champion. Talks with John in Paris."),
            "The draw was tough for [Naomi Osaka], the champion. Talks with John in Paris."
        );
    }

    #[test]
    fn a_name_set_off_after_a_portfolio_title_keeps_its_given_name() {
        assert_eq!(
            people("Talks\n\nthe Minister for Enterprise, Peter Burke, and the ambassador met."),
            "Talks\n\nthe Minister for Enterprise, [Peter Burke], and the ambassador met."
        );
    }

    #[test]
    fn a_credit_after_an_agency_and_a_spaced_slash() {
        assert_eq!(
            people("Text.\n\nKeystone / Peter Klaunzer\n\nMore text."),
            "Text.\n\nKeystone / [Peter Klaunzer]\n\nMore text."
        );
    }
}
