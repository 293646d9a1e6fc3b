//! Word lists for dates, read once from `data/time/*.tsv`.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// FNV-1a: the keys are short lower-case words, looked up on every trigger.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= *b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Map<V> = HashMap<&'static str, V, BuildHasherDefault<Fnv>>;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// What a word means to the date recogniser.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Month(i8),
    Weekday(i8),
    Season(&'static str),
    Deictic(i64),
    Unit(Unit),
    Quarter(i8),
    /// "H1 2026": a half year, written as a code.
    Half(i8),
    Rel(i64),
    Mod(&'static str),
    Number(i64),
    Ordinal(i64),
    Cue,
    Clock,
    Set,
    Daypart,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Year,
    Decade,
    Century,
    Quarter,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub kind: Kind,
    /// Month abbreviation: needs a day or a year beside it.
    pub abbr: bool,
    /// Also an everyday word ("may", "march", "fall"): a bare use needs a cue.
    pub ambiguous: bool,
    /// Also a given name ("June", "April").
    pub name: bool,
    /// Plural unit ("years").
    pub plural: bool,
    /// A modifier used as "the end of ...".
    pub of: bool,
    /// A modifier glued with a hyphen ("pre-2015").
    pub prefix: bool,
}

pub struct Lexicon {
    words: Map<Entry>,
    /// (future, strong): a reporting verb ("said") is a weak past cue.
    tense: Map<(bool, bool)>,
    /// Verbs whose complement lies ahead ("pledged", "vowed").
    complements: Map<()>,
    /// Cues that are nouns after a determiner ("forecast").
    noun_cues: Map<()>,
    /// Cues only before "to" ("set").
    to_cues: Map<()>,
    not_year_before: Map<()>,
    not_year_after: Map<()>,
    year_again: Map<()>,
    year_targets: Map<()>,
    report_nouns: Map<()>,
    /// Trigger words and digits; every date contains at least one.
    pub triggers: AhoCorasick,
}

const LEXICON: &str = include_str!("../../data/time/lexicon.tsv");
const TENSE: &str = include_str!("../../data/time/tense.tsv");
const NOT_YEARS: &str = include_str!("../../data/time/not-years.tsv");
const YEAR_TARGETS: &str = include_str!("../../data/time/year-targets.tsv");
const REPORT_NOUNS: &str = include_str!("../../data/time/report-nouns.tsv");

fn rows(src: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    src.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

fn unit(s: &str) -> Unit {
    match s {
        "day" => Unit::Day,
        "week" => Unit::Week,
        "weekend" => Unit::Weekend,
        "month" => Unit::Month,
        "year" => Unit::Year,
        "decade" => Unit::Decade,
        "century" => Unit::Century,
        "quarter" => Unit::Quarter,
        other => panic!("data/time/lexicon.tsv: unknown unit {other}"),
    }
}

fn build() -> Lexicon {
    let mut words = Map::default();
    let mut triggers: Vec<String> = (0..10).map(|d| d.to_string()).collect();
    for r in rows(LEXICON) {
        let word = r[0];
        let val = r.get(2).copied().unwrap_or("");
        let flags = r.get(3).copied().unwrap_or("");
        let int = || -> i64 {
            val.parse()
                .unwrap_or_else(|_| panic!("data/time/lexicon.tsv: bad number for {word}"))
        };
        let kind = match r[1] {
            "month" => Kind::Month(int() as i8),
            "weekday" => Kind::Weekday(int() as i8),
            "season" => Kind::Season(val),
            "deictic" => Kind::Deictic(int()),
            "unit" => Kind::Unit(unit(val)),
            "quarter" => Kind::Quarter(int() as i8),
            "half" => Kind::Half(int() as i8),
            "rel" => Kind::Rel(int()),
            "mod" => Kind::Mod(val),
            "number" => Kind::Number(int()),
            "ordinal" => Kind::Ordinal(int()),
            "cue" => Kind::Cue,
            "clock" => Kind::Clock,
            "set" => Kind::Set,
            "daypart" => Kind::Daypart,
            other => panic!("data/time/lexicon.tsv: unknown kind {other}"),
        };
        if matches!(
            kind,
            Kind::Month(_)
                | Kind::Weekday(_)
                | Kind::Season(_)
                | Kind::Deictic(_)
                | Kind::Unit(_)
                | Kind::Quarter(_)
                | Kind::Half(_)
        ) {
            triggers.push(word.to_string());
        }
        let has = |f: &str| flags.split(',').any(|x| x == f);
        words.insert(
            word,
            Entry {
                kind,
                abbr: has("abbr"),
                ambiguous: has("ambiguous"),
                name: has("name"),
                plural: has("plural"),
                of: has("of"),
                prefix: has("prefix"),
            },
        );
    }
    let tense = rows(TENSE)
        .filter(|r| r[1] != "C")
        .map(|r| (r[0], (r[1] == "F", r[1] != "R")))
        .collect();
    let noun_cues = rows(TENSE)
        .filter(|r| r.get(2) == Some(&"noun"))
        .map(|r| (r[0], ()))
        .collect();
    let to_cues = rows(TENSE)
        .filter(|r| r.get(2) == Some(&"to"))
        .map(|r| (r[0], ()))
        .collect();
    let complements = rows(TENSE)
        .filter(|r| r[1] == "C")
        .map(|r| (r[0], ()))
        .collect();
    let mut not_year_before = Map::default();
    let mut not_year_after = Map::default();
    let mut year_again = Map::default();
    for r in rows(NOT_YEARS) {
        match r[1] {
            "before" => not_year_before.insert(r[0], ()),
            "time-before" => year_again.insert(r[0], ()),
            _ => not_year_after.insert(r[0], ()),
        };
    }
    let year_targets = rows(YEAR_TARGETS).map(|r| (r[0], ())).collect();
    let report_nouns = rows(REPORT_NOUNS).map(|r| (r[0], ())).collect();
    let triggers = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&triggers)
        .expect("date trigger automaton");
    Lexicon {
        words,
        tense,
        complements,
        noun_cues,
        to_cues,
        not_year_before,
        not_year_after,
        year_again,
        year_targets,
        report_nouns,
        triggers,
    }
}

pub static LEX: LazyLock<Lexicon> = LazyLock::new(build);

/// Lower-cases an ASCII word into `buf`; None when too long or not ASCII.
fn lower<'b>(word: &str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    let b = word.as_bytes();
    if b.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    for (i, c) in b.iter().enumerate() {
        buf[i] = c.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..b.len()]).ok()
}

impl Lexicon {
    pub fn get(&self, word: &str) -> Option<Entry> {
        let mut buf = [0u8; 24];
        self.words.get(lower(word, &mut buf)?).copied()
    }

    /// "Sun", "Thu", "Thurs": a weekday's name cut short (three letters
    /// or more), as stamps write it.
    pub fn weekday_prefix(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        // no weekday is longer than "wednesday": a longer prefix of a line
        // need not walk the lexicon
        let Some(w) = lower(word, &mut buf).filter(|w| (3..=9).contains(&w.len())) else {
            return false;
        };
        self.words
            .iter()
            .any(|(k, e)| matches!(e.kind, Kind::Weekday(_)) && k.starts_with(w))
    }

    /// Some(true) for a future cue, Some(false) for a past one.
    pub fn tense(&self, word: &str) -> Option<bool> {
        self.tense_cue(word).map(|(future, _)| future)
    }

    /// Whether `word` is a cue only as a verb: after a determiner it is
    /// a noun ("its growth forecast").
    pub fn noun_cue(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        lower(word, &mut buf).is_some_and(|w| self.noun_cues.contains_key(w))
    }

    /// Whether `word` is a cue only before "to" ("is set to return").
    pub fn to_cue(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        lower(word, &mut buf).is_some_and(|w| self.to_cues.contains_key(w))
    }

    /// Whether `word` is a verb whose complement lies ahead.
    pub fn complement_verb(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        lower(word, &mut buf).is_some_and(|w| self.complements.contains_key(w))
    }

    /// The tense a word sets and whether it is a strong cue.
    pub fn tense_cue(&self, word: &str) -> Option<(bool, bool)> {
        let mut buf = [0u8; 24];
        self.tense.get(lower(word, &mut buf)?).copied()
    }

    /// "by", "until": the year after it is a target, not a reporting year.
    pub fn targets_year(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        lower(word, &mut buf).is_some_and(|w| self.year_targets.contains_key(w))
    }

    /// "results", "earnings": the quarter before it has been reported on.
    pub fn reports_on(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        lower(word, &mut buf).is_some_and(|w| self.report_nouns.contains_key(w))
    }

    pub fn not_year_before(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        lower(word, &mut buf).is_some_and(|w| self.not_year_before.contains_key(w))
    }

    /// "later" of "no later than 2027", "until" of "until at least 2050":
    /// before a "than"/"least", the number is a year after all.
    pub fn year_again(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        lower(word, &mut buf).is_some_and(|w| self.year_again.contains_key(w))
    }

    pub fn not_year_after(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        lower(word, &mut buf).is_some_and(|w| self.not_year_after.contains_key(w))
    }
}
