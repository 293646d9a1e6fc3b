//! Given-name and surname lexicons, titles, particles, surname endings,
//! reporting verbs and "not a person" phrases: the word knowledge the PERSON
//! recogniser judges capitalised words with.

use super::fxhash::{FxHashMap as HashMap, FxHashSet as HashSet};
use super::tsv::{self, KbError};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NameInfo {
    /// log10 of how often the name occurs in the source data.
    pub weight: f32,
    /// Also an ordinary English word ("Will", "May", "Rose").
    pub common_word: bool,
}

/// What kind of title precedes a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TitleKind {
    /// "Mr.", "Dr.", "Sir": always followed by a name.
    Honorific,
    /// "President", "Foreign Minister", "spokesman".
    Role,
    /// "analyst", "professor": a person noun, good in appositions.
    Job,
    Military,
    Religious,
    Royal,
}

/// Why a phrase is not a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotPersonKind {
    Calendar,
    Medium,
    OrgHead,
    /// "Administration", "government": after a leader's name used
    /// attributively ("the Biden Administration").
    Government,
    Religion,
    /// "Storm", "Hurricane": the capitalised words after it name the
    /// event ("Storm Amy"), not a person.
    Event,
    Misc,
}

/// Everything the lexicons and the country surfaces say about one word,
/// as one lookup: the PERSON recogniser asks a dozen questions of each
/// capitalised word, and a hash probe per question led its profile.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct WordFacts {
    pub given: Option<NameInfo>,
    pub surname: Option<NameInfo>,
    /// The title spelled exactly so.
    pub title: Option<TitleKind>,
    pub not_person: Option<NotPersonKind>,
    /// Index of the country, demonym or place surface spelled so (set by
    /// [`crate::kb::Kb::assemble`]).
    pub surface: Option<u32>,
    pub sentence_opener: bool,
    /// Some title starts with this word.
    pub may_start_title: bool,
    /// A surface or not-person phrase of several words opens with this
    /// word and a space.
    pub opens_phrase: bool,
}

/// Given names, surnames and the cue words around names.
#[derive(Clone, Debug, Default)]
pub struct NameLexicon {
    /// Single words by their exact spelling; a word absent is unknown to
    /// every table.
    words: super::word_table::WordTable,
    given_count: usize,
    surname_count: usize,
    /// Titles by their exact spelling.
    pub titles: HashMap<Box<str>, TitleKind>,
    /// Last words of titles, for a quick check.
    title_last_words: HashSet<Box<str>>,
    /// Longest title, in words.
    pub title_max_words: usize,
    /// Lower-case name particles that may sit inside a name ("bin", "van der").
    pub particles: HashSet<Box<str>>,
    /// Prefix particles glued with a hyphen ("al-", "el-").
    pub hyphen_particles: HashSet<Box<str>>,
    /// Surname endings of names the lexicons rarely know ("-ov", "-zadeh").
    pub suffixes: Vec<Box<str>>,
    suffix_set: HashSet<Box<str>>,
    /// Endings that mark a surname even beside an unknown given name.
    distinctive_suffixes: HashSet<Box<str>>,
    suffix_max_chars: usize,
    /// Lower-cased reporting verbs ("said", "told", "according to").
    pub reporting_verbs: HashSet<Box<str>>,
    pub not_person: HashMap<Box<str>, NotPersonKind>,
    /// Text just before a byline or photo credit ("Photo by").
    pub credit_before: Vec<Box<str>>,
    /// Words that open an apposition after "Name, " ("the", "who").
    pub apposition_leads: HashSet<Box<str>>,
    /// Nouns for a body of people or its business ("leaders", "summit").
    pub group_nouns: HashSet<Box<str>>,
    /// Nouns right before a name that make it a team's, a club's or an
    /// outlet's ("Saudi side Al Hilal", "broadcaster Rai").
    pub body_before: HashSet<Box<str>>,
    /// Words after a place's name for its kind ("Si Sa Ket province").
    pub place_kinds: HashSet<Box<str>>,
    /// Family nouns ("daughters", "wife"): given names listed after one
    /// are people ("two daughters, Ada and Ngozi").
    pub kin_nouns: HashSet<Box<str>>,
    /// Prepositions after which a country name is the complement of a
    /// title, not a given name ("Ambassador to France Kevin Harrington").
    pub place_leads: HashSet<Box<str>>,
    /// Letters written after a name ("MP", "KC", "OBE"): not part of it,
    /// and a sign that the words before are a person's name.
    pub post_nominals: HashSet<Box<str>>,
    /// States whose people's names the press may write family name first
    /// ("Takaichi Sanae" on NHK): a name of two words reversed finds
    /// their KB entry.
    pub surname_first_states: HashSet<Box<str>>,
    /// Articles that open the names of papers and places in Spanish,
    /// French or Italian ("El Universal", "Las Condes", "Le Monde").
    pub name_articles: HashSet<Box<str>>,
    /// Family names written first ("Xi Jinping", "Lee Jae-myung"): the
    /// word a later mention uses alone.
    pub family_first: HashSet<Box<str>>,
    /// What comes between a name and another name of the same person
    /// ("known as"), longest first.
    pub alias_leads: Vec<Box<str>>,
}

type Source<'a> = (&'a str, &'static str);

/// The files a lexicon is read from.
pub struct NameSources<'a> {
    pub given: Source<'a>,
    pub surnames: Source<'a>,
    pub titles: Source<'a>,
    pub particles: Source<'a>,
    pub suffixes: Source<'a>,
    pub reporting_verbs: Source<'a>,
    pub not_person: Source<'a>,
    pub cues: Source<'a>,
}

/// `s` as written, with a lower-case and with a capital first letter.
fn case_forms(s: &str) -> Vec<String> {
    let mut cs = s.chars();
    let Some(first) = cs.next() else {
        return Vec::new();
    };
    let rest = cs.as_str();
    let mut out = vec![s.to_string()];
    for f in [
        first.to_lowercase().collect::<String>(),
        first.to_uppercase().collect::<String>(),
    ] {
        let form = format!("{f}{rest}");
        if !out.contains(&form) {
            out.push(form);
        }
    }
    out
}

/// Calls `each` with every row of a name file, in order.
fn name_rows(src: Source<'_>, mut each: impl FnMut(&'static str, NameInfo)) -> Result<(), KbError> {
    let (file, text) = src;
    for (i, raw) in text.lines().enumerate() {
        if raw.starts_with('#') || raw.trim().is_empty() {
            continue;
        }
        let f: Vec<&'static str> = raw.trim_end_matches('\r').splitn(3, '\t').collect();
        if f.len() < 3 {
            return Err(KbError {
                file: file.into(),
                line: i + 1,
                column: None,
                message: format!("expected 3 tab-separated fields, found {}", f.len()),
            });
        }
        let weight: f32 = f[1].parse().map_err(|_| KbError {
            file: file.into(),
            line: i + 1,
            column: Some(f[0].len() + 2),
            message: format!("expected a number, found {:?}", f[1]),
        })?;
        each(
            f[0],
            NameInfo {
                weight,
                common_word: f[2].trim() == "1",
            },
        );
    }
    Ok(())
}

impl NameLexicon {
    pub fn builtin() -> Result<NameLexicon, KbError> {
        macro_rules! file {
            ($p:literal) => {
                (
                    $p,
                    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/", $p)),
                )
            };
        }
        NameLexicon::load(&NameSources {
            given: file!("data/people/given_names.tsv"),
            surnames: file!("data/people/surnames.tsv"),
            titles: file!("data/people/titles.tsv"),
            particles: file!("data/people/particles.tsv"),
            suffixes: file!("data/people/surname_suffixes.tsv"),
            reporting_verbs: file!("data/people/reporting_verbs.tsv"),
            not_person: file!("data/people/not_person.tsv"),
            cues: file!("data/people/person_cues.tsv"),
        })
    }

    pub fn load(src: &NameSources<'_>) -> Result<NameLexicon, KbError> {
        // Read straight into the word table: building the two name
        // tables first raised peak memory by their size.
        let lines = |t: &str| t.bytes().filter(|&b| b == b'\n').count();
        let mut lex = NameLexicon::default();
        lex.words
            .reserve(lines(src.given.1) + lines(src.surnames.1));
        let (mut given, mut surnames) = (0, 0);
        name_rows(src.given, |w, info| {
            lex.words.update(w, |f| {
                given += usize::from(f.given.is_none());
                f.given = Some(info);
            })
        })?;
        name_rows(src.surnames, |w, info| {
            lex.words.update(w, |f| {
                surnames += usize::from(f.surname.is_none());
                f.surname = Some(info);
            })
        })?;
        lex.given_count = given;
        lex.surname_count = surnames;
        for row in tsv::rows(src.titles.0, src.titles.1, 2) {
            let row = row?;
            let kind = match row.fields[1] {
                "honorific" => TitleKind::Honorific,
                "job" => TitleKind::Job,
                "military" => TitleKind::Military,
                "religious" => TitleKind::Religious,
                "royal" => TitleKind::Royal,
                _ => TitleKind::Role,
            };
            lex.add_title(row.fields[0], kind);
            // "Vice-Premier Ding Xuexiang": a title of two words joined by
            // a hyphen.
            if let Some((a, b)) = row.fields[0].split_once(' ')
                && !b.contains(' ')
            {
                lex.add_title(&format!("{a}-{b}"), kind);
            }
            // "Presidents Putin and Xi", "Foreign Ministers Lavrov and Wang";
            // not "chairs", "heads": in lower case those are verbs.
            let t = row.fields[0];
            if t.starts_with(char::is_uppercase)
                && t.ends_with(|c: char| c.is_ascii_lowercase())
                && !t.ends_with('s')
            {
                lex.add_title_form(&format!("{t}s"), kind);
            }
        }
        for row in tsv::rows(src.particles.0, src.particles.1, 1) {
            let row = row?;
            let p = row.fields[0];
            if let Some(stem) = p.strip_suffix('-') {
                lex.hyphen_particles.insert(stem.into());
            } else if !p.ends_with('\'') {
                lex.particles.insert(p.into());
            }
        }
        for row in tsv::rows(src.suffixes.0, src.suffixes.1, 1) {
            let row = row?;
            let s = row.fields[0].trim_start_matches('-');
            // One letter says nothing about a name.
            if s.chars().count() >= 2 {
                lex.suffixes.push(s.into());
                if row.fields.get(2).is_some_and(|f| f.trim() == "1") {
                    lex.distinctive_suffixes.insert(s.into());
                }
            }
        }
        // Longest endings first, so the most specific one is reported.
        lex.suffixes
            .sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
        lex.suffix_set = lex.suffixes.iter().cloned().collect();
        lex.suffix_max_chars = lex.suffixes.first().map_or(0, |s| s.chars().count());
        for row in tsv::rows(src.reporting_verbs.0, src.reporting_verbs.1, 1) {
            let row = row?;
            lex.reporting_verbs
                .insert(row.fields[0].to_lowercase().into());
        }
        for row in tsv::rows(src.not_person.0, src.not_person.1, 2) {
            let row = row?;
            let kind = match row.fields[1] {
                "calendar" => NotPersonKind::Calendar,
                "medium" => NotPersonKind::Medium,
                "org-head" => NotPersonKind::OrgHead,
                "government" => NotPersonKind::Government,
                "religion" => NotPersonKind::Religion,
                "event" => NotPersonKind::Event,
                _ => NotPersonKind::Misc,
            };
            lex.add_not_person(row.fields[0], kind);
        }
        for row in tsv::rows(src.cues.0, src.cues.1, 2) {
            let row = row?;
            let w: Box<str> = row.fields[0].into();
            match row.fields[1] {
                "sentence-opener" => {
                    lex.words.update(&w, |f| f.sentence_opener = true);
                }
                "credit-before" => lex.credit_before.push(w),
                "apposition-lead" => {
                    lex.apposition_leads.insert(w);
                }
                "group-noun" => {
                    lex.group_nouns.insert(w);
                }
                "body-before" => {
                    lex.body_before.insert(w);
                }
                "place-kind-after" => {
                    lex.place_kinds.insert(w);
                }
                "kin-noun" => {
                    lex.kin_nouns.insert(w);
                }
                "place-lead" => {
                    lex.place_leads.insert(w);
                }
                "post-nominal" => {
                    lex.post_nominals.insert(w);
                }
                "family-first" => {
                    lex.family_first.insert(w);
                }
                "name-article" => {
                    lex.name_articles.insert(w);
                }
                "surname-first-state" => {
                    lex.surname_first_states.insert(w);
                }
                // "Ma. Theresa Lazaro", "Md. Touhid Hossain": a given name
                // written short, a clear given name with its dot.
                "given-abbreviation" => {
                    lex.words.update(&w, |f| {
                        f.given = Some(NameInfo {
                            weight: 4.0,
                            common_word: false,
                        })
                    });
                }
                "alias-lead" => lex.alias_leads.push(w),
                other => {
                    return Err(KbError {
                        file: src.cues.0.into(),
                        line: row.line,
                        column: Some(row.fields[0].len() + 2),
                        message: format!(
                            "expected sentence-opener, credit-before, apposition-lead, group-noun, kin-noun, place-lead, post-nominal, family-first, name-article, surname-first-state, given-abbreviation or alias-lead, found {other:?}"
                        ),
                    });
                }
            }
        }
        lex.alias_leads.sort_by_key(|l| std::cmp::Reverse(l.len()));
        Ok(lex)
    }

    /// Adds a title (also used for user-defined titles), with its first
    /// letter in either case, so lookups never allocate.
    pub fn add_title(&mut self, title: &str, kind: TitleKind) {
        for form in case_forms(title) {
            self.add_title_form(&form, kind);
        }
    }

    /// Adds one spelling of a title, as written.
    fn add_title_form(&mut self, form: &str, kind: TitleKind) {
        let words = form.split_whitespace().count();
        self.title_max_words = self.title_max_words.max(words);
        if let Some(first) = form.split_whitespace().next() {
            self.words.update(first, |f| f.may_start_title = true);
        }
        if let Some(last) = form.split_whitespace().next_back() {
            self.title_last_words.insert(last.into());
        }
        if !form.contains(char::is_whitespace) {
            self.words.update(form, |f| {
                f.title.get_or_insert(kind);
            });
        }
        self.titles.entry(form.into()).or_insert(kind);
    }

    /// Adds a phrase that names no person.
    pub fn add_not_person(&mut self, phrase: &str, kind: NotPersonKind) {
        self.not_person.insert(phrase.into(), kind);
        self.note_phrase(phrase, |f| f.not_person = Some(kind));
    }

    /// Records a phrase of the exact-spelling tables: `set` on its facts
    /// when it is one word, else its first word opens a phrase.
    fn note_phrase(&mut self, phrase: &str, set: impl FnOnce(&mut WordFacts)) {
        match phrase.split_once(char::is_whitespace) {
            None => self.words.update(phrase, set),
            Some((first, _)) => self.words.update(first, |f| f.opens_phrase = true),
        }
    }

    /// Marks the country, demonym and place surfaces (`surfaces[i]` is
    /// spelled so) in the word facts; earlier marks are cleared.
    pub fn mark_surfaces<'a>(&mut self, surfaces: impl IntoIterator<Item = &'a str>) {
        self.words.update_all(|f| f.surface = None);
        for (i, s) in surfaces.into_iter().enumerate() {
            let i = i as u32;
            // The last surface spelled so wins, as in `Kb::surface_by_text`.
            self.note_phrase(s, |f| f.surface = Some(i));
        }
    }

    /// What the lexicons know of one word (no spaces) spelled exactly so.
    #[inline]
    pub fn facts(&self, word: &str) -> WordFacts {
        let f = self.words.get(word).unwrap_or_default();
        if word.is_ascii() {
            f
        } else {
            self.facts_with_accents(word, f)
        }
    }

    /// "Ayşe", "José": the name sources spell most names without accents,
    /// so the plain spelling's name evidence counts too.
    #[inline(never)]
    fn facts_with_accents(&self, word: &str, f: WordFacts) -> WordFacts {
        // Only Latin letters with marks have a plain spelling; "SCO’s" or
        // a Cyrillic word has none.
        let marked =
            |c: char| ('\u{c0}'..='\u{24f}').contains(&c) || ('\u{1e00}'..='\u{1eff}').contains(&c);
        if !word.chars().any(marked) {
            return f;
        }
        let plain = crate::link::fold::without_marks(word);
        if plain == word || !plain.is_ascii() {
            return f;
        }
        let g = self.words.get(&plain).unwrap_or_default();
        let stronger = |a: Option<NameInfo>, b: Option<NameInfo>| match (a, b) {
            (Some(x), Some(y)) => Some(if y.weight > x.weight { y } else { x }),
            (x, y) => x.or(y),
        };
        WordFacts {
            given: stronger(f.given, g.given),
            surname: stronger(f.surname, g.surname),
            ..f
        }
    }

    pub fn given_count(&self) -> usize {
        self.given_count
    }

    pub fn surname_count(&self) -> usize {
        self.surname_count
    }

    /// Capitalised only because it opens a sentence ("However").
    pub fn is_sentence_opener(&self, word: &str) -> bool {
        self.facts(word).sentence_opener
    }

    pub fn given_name(&self, word: &str) -> Option<NameInfo> {
        self.words.get(word).and_then(|f| f.given)
    }

    pub fn surname(&self, word: &str) -> Option<NameInfo> {
        self.words.get(word).and_then(|f| f.surname)
    }

    /// A known given name that is not also an everyday word.
    pub fn is_clear_given_name(&self, word: &str) -> bool {
        self.given_name(word).is_some_and(|n| !n.common_word)
    }

    /// A known surname that is not also an everyday word.
    pub fn is_clear_surname(&self, word: &str) -> bool {
        self.surname(word).is_some_and(|n| !n.common_word)
    }

    /// The title spelled `s` (either case for its first letter).
    pub fn title(&self, s: &str) -> Option<TitleKind> {
        self.titles.get(s).copied()
    }

    /// Whether some title starts with this word.
    pub fn may_start_title(&self, word: &str) -> bool {
        self.facts(word).may_start_title
    }

    /// Whether some title ends with this word.
    pub fn may_end_title(&self, word: &str) -> bool {
        self.title_last_words.contains(word)
    }

    /// The surname ending `word` has, if any ("Margoev" → "ev").
    /// Whether `word` ends in a surname ending distinctive enough to
    /// mark a surname beside an unknown given name ("Kudratov").
    pub fn distinctive_suffix(&self, word: &str) -> bool {
        self.surname_suffix(word)
            .is_some_and(|s| self.distinctive_suffixes.contains(s))
    }

    pub fn surname_suffix(&self, word: &str) -> Option<&str> {
        if word.chars().count() < 5 {
            return None;
        }
        // The word's own endings, shortest first, each one lookup; the
        // longest known one wins.
        let mut best = None;
        for (chars, (i, _)) in word.char_indices().rev().enumerate() {
            if chars + 1 > self.suffix_max_chars {
                break;
            }
            if let Some(s) = self.suffix_set.get(&word[i..])
                && word.len() > s.len() + 2
            {
                best = Some(&**s);
            }
        }
        best
    }

    pub fn not_person(&self, phrase: &str) -> Option<NotPersonKind> {
        self.not_person.get(phrase).copied()
    }

    pub fn is_reporting_verb(&self, word: &str) -> bool {
        self.reporting_verbs.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_knows_names_and_cues() {
        let lex = NameLexicon::builtin().unwrap();
        assert!(lex.is_clear_given_name("Sergey"));
        assert!(!lex.is_clear_given_name("Will"));
        assert_eq!(lex.title("Foreign Minister"), Some(TitleKind::Role));
        assert_eq!(lex.title("Mr."), Some(TitleKind::Honorific));
        assert!(lex.may_start_title("deputy"));
        assert_eq!(lex.surname_suffix("Margoev"), Some("ev"));
        assert_eq!(lex.surname_suffix("Zarifzadeh"), Some("zadeh"));
        assert!(lex.particles.contains("bin"));
        assert!(lex.hyphen_particles.contains("al"));
        assert!(lex.is_reporting_verb("said"));
        assert_eq!(lex.not_person("Reuters"), Some(NotPersonKind::Medium));
    }
}
