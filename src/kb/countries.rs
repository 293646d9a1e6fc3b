//! Sovereign states, their names and demonyms, and the places that are not
//! states.

use super::tsv::{self, KbError};
use crate::kb::fxhash::FxHashMap as HashMap;

/// A sovereign state.
#[derive(Clone, Debug)]
pub struct Country {
    pub iso2: String,
    pub iso3: String,
    pub canonical: String,
    pub official: String,
    pub capital: String,
    pub region: String,
    pub subregion: String,
    pub aliases: Vec<String>,
    pub demonyms: Vec<String>,
    /// `country:xx`, made once: every mention carries it.
    id: String,
}

impl Country {
    /// The entity id every mention of this state shares.
    pub fn id(&self) -> String {
        self.id.clone()
    }

    /// Every alias except the canonical name.
    pub fn other_aliases(&self) -> Vec<&str> {
        self.aliases
            .iter()
            .map(String::as_str)
            .filter(|a| *a != self.canonical)
            .collect()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemonymKind {
    Adjective,
    Noun,
    Plural,
}

/// Why a surface form may not mean the state it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AmbiguityReason {
    GivenName,
    UsState,
    River,
    CommonNoun,
    SharedName,
    Language,
    Other,
}

impl AmbiguityReason {
    fn parse(s: &str) -> AmbiguityReason {
        match s {
            "given-name" => AmbiguityReason::GivenName,
            "us-state" => AmbiguityReason::UsState,
            "river" => AmbiguityReason::River,
            "common-noun" => AmbiguityReason::CommonNoun,
            "shared-name" => AmbiguityReason::SharedName,
            "language" => AmbiguityReason::Language,
            _ => AmbiguityReason::Other,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Ambiguity {
    pub reasons: Vec<AmbiguityReason>,
    pub hint: String,
    /// The states the form may name (ISO alpha-2), likeliest first: the
    /// order of the rows in the data.
    pub states: Vec<String>,
}

/// A place that is not a state: cities, US states, regions, rivers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKind {
    City,
    UsState,
    Region,
    RegionAdjective,
    Admin,
}

/// What a surface string found in text stands for.
#[derive(Clone, Debug)]
pub enum SurfaceTarget {
    /// A state's name; several candidates when the name is shared ("Congo").
    Country(Vec<usize>),
    Demonym(Vec<usize>, DemonymKind),
    Place(PlaceKind),
}

#[derive(Clone, Debug)]
pub struct Surface {
    pub text: String,
    pub target: SurfaceTarget,
}

/// Context words that settle ambiguous readings, by cue kind.
#[derive(Clone, Debug, Default)]
pub struct Cues {
    map: HashMap<String, Vec<String>>,
}

impl Cues {
    pub fn has(&self, kind: &str, word: &str) -> bool {
        self.map
            .get(kind)
            .is_some_and(|ws| ws.iter().any(|w| w.eq_ignore_ascii_case(word)))
    }

    /// The state a `links-after:SURFACE:ISO` cue links `surface` to when
    /// `next`, written so, follows it ("Korean Central News Agency" is
    /// North Korea's).
    pub fn linked_state_after(&self, surface: &str, next: &str) -> Option<&str> {
        self.map.iter().find_map(|(kind, ws)| {
            let (form, iso) = kind.strip_prefix("links-after:")?.split_once(':')?;
            (form == surface && ws.iter().any(|w| w == next)).then_some(iso)
        })
    }

    /// The state a `links-before:SURFACE:ISO` cue links `surface` to when
    /// the text `before` it ends with one of the cue's phrases
    /// ("Workers' Party of Korea" is North Korea's).
    pub fn linked_state_before(&self, surface: &str, before: &str) -> Option<&str> {
        let before = before.trim_end();
        self.map.iter().find_map(|(kind, ws)| {
            let (form, iso) = kind.strip_prefix("links-before:")?.split_once(':')?;
            let ends = |p: &str| {
                before.len() >= p.len()
                    && before.is_char_boundary(before.len() - p.len())
                    && before[before.len() - p.len()..].eq_ignore_ascii_case(p)
            };
            (form == surface && ws.iter().any(|p| ends(p))).then_some(iso)
        })
    }
}

/// Countries, demonyms, blocking places and cues, as loaded from data.
#[derive(Clone, Debug, Default)]
pub struct CountryData {
    pub countries: Vec<Country>,
    pub by_iso2: HashMap<String, usize>,
    pub surfaces: Vec<Surface>,
    pub ambiguous: HashMap<String, Ambiguity>,
    pub cues: Cues,
}

pub struct CountrySources<'a> {
    pub countries: (&'a str, &'a str),
    pub demonyms: (&'a str, &'a str),
    pub ambiguous: (&'a str, &'a str),
    pub places: (&'a str, &'a str),
    pub cues: (&'a str, &'a str),
}

impl CountryData {
    pub fn load(src: &CountrySources<'_>) -> Result<CountryData, KbError> {
        let mut data = CountryData::default();
        let (file, text) = src.countries;
        for row in tsv::rows(file, text, 8) {
            let row = row?;
            let f = &row.fields;
            let iso2 = f[0].to_ascii_uppercase();
            if iso2.len() != 2 || data.by_iso2.contains_key(&iso2) {
                return Err(KbError {
                    file: file.into(),
                    line: row.line,
                    column: Some(1),
                    message: format!("expected a new two-letter ISO code, found {:?}", f[0]),
                });
            }
            let mut aliases: Vec<String> = vec![f[2].to_string()];
            for a in tsv::list(f[7]) {
                if !aliases.iter().any(|x| x == a) {
                    aliases.push(a.to_string());
                }
            }
            data.by_iso2.insert(iso2.clone(), data.countries.len());
            data.countries.push(Country {
                id: format!("country:{}", iso2.to_ascii_lowercase()),
                iso2,
                iso3: f[1].to_string(),
                canonical: f[2].to_string(),
                official: f[3].to_string(),
                capital: f[4].to_string(),
                region: f[5].to_string(),
                subregion: f[6].to_string(),
                aliases,
                demonyms: Vec::new(),
            });
        }

        let mut by_surface: HashMap<String, usize> = HashMap::default();
        let push = |data: &mut CountryData,
                    by: &mut HashMap<String, usize>,
                    text: &str,
                    t: SurfaceTarget| {
            match (by.get(text), &t) {
                (Some(&i), SurfaceTarget::Country(new)) => {
                    if let SurfaceTarget::Country(old) = &mut data.surfaces[i].target {
                        for n in new {
                            if !old.contains(n) {
                                old.push(*n);
                            }
                        }
                    }
                }
                (Some(&i), SurfaceTarget::Demonym(new, _)) => {
                    if let SurfaceTarget::Demonym(old, _) = &mut data.surfaces[i].target {
                        for n in new {
                            if !old.contains(n) {
                                old.push(*n);
                            }
                        }
                    }
                }
                (Some(_), SurfaceTarget::Place(_)) => {}
                (None, _) => {
                    by.insert(text.to_string(), data.surfaces.len());
                    data.surfaces.push(Surface {
                        text: text.to_string(),
                        target: t,
                    });
                }
            }
        };
        for i in 0..data.countries.len() {
            for a in data.countries[i].aliases.clone() {
                push(
                    &mut data,
                    &mut by_surface,
                    &a,
                    SurfaceTarget::Country(vec![i]),
                );
            }
        }

        let (file, text) = src.demonyms;
        for row in tsv::rows(file, text, 3) {
            let row = row?;
            let f = &row.fields;
            let Some(&ci) = data.by_iso2.get(&f[0].to_ascii_uppercase()) else {
                return Err(KbError {
                    file: file.into(),
                    line: row.line,
                    column: Some(1),
                    message: format!("unknown country code {:?}", f[0]),
                });
            };
            let kind = match f[2] {
                "adj" => DemonymKind::Adjective,
                "noun" => DemonymKind::Noun,
                "plural" => DemonymKind::Plural,
                other => {
                    return Err(KbError {
                        file: file.into(),
                        line: row.line,
                        column: Some(f[0].len() + f[1].len() + 3),
                        message: format!("expected adj, noun or plural, found {other:?}"),
                    });
                }
            };
            if !data.countries[ci].demonyms.iter().any(|d| d == f[1]) {
                data.countries[ci].demonyms.push(f[1].to_string());
            }
            push(
                &mut data,
                &mut by_surface,
                f[1],
                SurfaceTarget::Demonym(vec![ci], kind),
            );
        }

        let (file, text) = src.ambiguous;
        for row in tsv::rows(file, text, 4) {
            let row = row?;
            let f = &row.fields;
            let entry = data.ambiguous.entry(f[0].to_string()).or_insert(Ambiguity {
                reasons: Vec::new(),
                hint: String::new(),
                states: Vec::new(),
            });
            if !entry.states.iter().any(|s| s == f[2]) {
                entry.states.push(f[2].to_string());
            }
            let reason = AmbiguityReason::parse(f[3]);
            if !entry.reasons.contains(&reason) {
                entry.reasons.push(reason);
            }
            if let Some(h) = f.get(4)
                && entry.hint.is_empty()
            {
                entry.hint = h.to_string();
            }
        }

        let (file, text) = src.places;
        for row in tsv::rows(file, text, 2) {
            let row = row?;
            let f = &row.fields;
            let kind = match f[1] {
                "city" => PlaceKind::City,
                "us-state" => PlaceKind::UsState,
                "region" => PlaceKind::Region,
                "region-adj" => PlaceKind::RegionAdjective,
                _ => PlaceKind::Admin,
            };
            // A place spelled like a state leaves the state reading alone:
            // context rules decide those, not a blanket block.
            if by_surface.contains_key(f[0]) {
                continue;
            }
            push(&mut data, &mut by_surface, f[0], SurfaceTarget::Place(kind));
        }

        let (_, text) = src.cues;
        for row in tsv::rows(src.cues.0, text, 2) {
            let row = row?;
            let words = tsv::list(row.fields[1]).map(str::to_string).collect();
            data.cues.map.insert(row.fields[0].to_string(), words);
        }
        Ok(data)
    }

    pub fn country(&self, iso2: &str) -> Option<&Country> {
        self.by_iso2
            .get(&iso2.to_ascii_uppercase())
            .map(|&i| &self.countries[i])
    }

    /// The country whose id is `id` (`country:ru`).
    pub fn by_id(&self, id: &str) -> Option<(usize, &Country)> {
        let code = id.strip_prefix("country:")?;
        let i = *self.by_iso2.get(&code.to_ascii_uppercase())?;
        Some((i, &self.countries[i]))
    }
}
