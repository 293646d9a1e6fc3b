//! gazette: finds people, countries, demonyms and dates in news articles.
//!
//! The library is pure: text in, entities and diagnostics out. The language
//! server (`lsp`) and the command line (`cli`) are edges that feed it text
//! and convert its answers.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod export;
pub mod fsutil;
pub mod ide;
pub mod kb;
pub mod link;
pub mod lint;
pub mod model;
pub mod recognize;
pub mod regions;
pub mod review;
pub mod text;
pub mod time;
pub mod workspace;

use kb::Kb;
use model::{Entity, Finding, Label, Severity};
use std::collections::HashMap;
use std::sync::Arc;

/// Settings an analysis runs with.
#[derive(Clone, Debug)]
pub struct Context {
    pub kb: Arc<Kb>,
    /// Overrides every other source of the document creation time.
    pub document_date: Option<jiff::civil::Date>,
    /// Labels to report; the others are neither shown nor linted.
    pub labels: Vec<Label>,
    /// Per-code severity: `None` switches a rule off.
    pub severities: HashMap<String, Option<Severity>>,
}

impl Default for Context {
    fn default() -> Self {
        Context {
            kb: Kb::builtin(),
            document_date: None,
            labels: Label::ALL.to_vec(),
            severities: HashMap::new(),
        }
    }
}

/// Everything the analysis found in one text.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// In document order, non-overlapping.
    pub entities: Vec<Entity>,
    pub findings: Vec<Finding>,
    pub dct: Option<time::Dct>,
    pub dates: Vec<time::DateMention>,
}

impl Analysis {
    /// The entity covering byte `offset` (a cursor touching its end counts).
    pub fn entity_at(&self, offset: usize) -> Option<&Entity> {
        let i = self.entities.partition_point(|e| e.end < offset);
        self.entities[i..]
            .iter()
            .take_while(|e| e.start <= offset)
            .find(|e| e.start <= offset && offset <= e.end)
    }
}

/// Analyses one article.
pub fn analyze(text: &str, ctx: &Context) -> Analysis {
    let dct = document_dct(text, ctx);
    if text.len() <= regions::WHOLE_LIMIT {
        analyze_text(text, ctx, dct)
    } else {
        Arc::unwrap_or_clone(regions::analyze_fresh(text, ctx, dct).flatten())
    }
}

/// [`analyze`], reusing the per-region results of the document's previous
/// version (large documents only; see [`regions`]).
pub fn analyze_cached(text: &str, ctx: &Context, cache: &mut regions::RegionCache) -> Analysis {
    Arc::unwrap_or_clone(analyze_incremental(text, ctx, cache, None).flatten())
}

/// Analyses a new version of a document as regions, re-analysing only
/// the regions an edit touched since the version `cache` holds (`change`
/// says where the text changed; without it unchanged regions are found
/// by content). The result answers per region;
/// [`regions::DocAnalysis::flatten`] gives the flat [`Analysis`].
pub fn analyze_incremental(
    text: &str,
    ctx: &Context,
    cache: &mut regions::RegionCache,
    change: Option<regions::Change>,
) -> Arc<regions::DocAnalysis> {
    let dct = document_dct(text, ctx);
    regions::analyze_doc(text, ctx, dct, cache, change)
}

/// The document creation time `ctx` or the text gives.
pub(crate) fn document_dct(text: &str, ctx: &Context) -> Option<time::Dct> {
    match ctx.document_date {
        Some(date) => Some(time::Dct {
            date,
            source: time::DctSource::Override,
            span: None,
        }),
        None => time::detect_dct(text),
    }
}

/// The whole pipeline on one stretch of text with a known DCT.
pub(crate) fn analyze_text(text: &str, ctx: &Context, dct: Option<time::Dct>) -> Analysis {
    let kb = &*ctx.kb;

    // About one candidate per 40 bytes of news text; growing the vector
    // from empty copied it a dozen times.
    let mut cands = Vec::with_capacity(text.len() / 40 + 8);
    let places = recognize::countries::recognize(text, kb, &mut cands);
    let people = recognize::people::recognize(text, kb, &places, &mut cands);
    let dates = time::recognize(text, dct.as_ref());
    for d in &dates {
        let mut c = recognize::Candidate::new(d.start, d.end, Label::Date);
        c.date = Some(d.value.clone());
        c.priority = 3;
        cands.push(c);
    }
    cands.retain(|c| ctx.labels.contains(&c.label));
    let mut kept = recognize::resolve_overlaps(cands);
    let dct_day = dct.as_ref().map(|d| d.date.to_string());
    link::people::link(text, kb, dct_day.as_deref(), &people, &mut kept);

    let mut ambiguities = Vec::new();
    let mut entities = Vec::with_capacity(kept.len());
    for c in kept {
        if let Some(why) = c.ambiguity {
            ambiguities.push((c.start, c.end, why));
        }
        entities.push(Entity {
            start: c.start,
            end: c.end,
            label: c.label,
            id: c.id,
            canonical: c.canonical,
            date: c.date,
        });
    }
    let kept_dates: kb::fxhash::FxHashSet<(usize, usize)> = entities
        .iter()
        .filter(|e| e.label == Label::Date)
        .map(|e| (e.start, e.end))
        .collect();
    let dates: Vec<_> = dates
        .into_iter()
        .filter(|d| kept_dates.contains(&(d.start, d.end)))
        .collect();

    let input = lint::LintInput {
        text,
        entities: &entities,
        ambiguities: &ambiguities,
        dates: &dates,
        dct: dct.as_ref(),
        kb,
    };
    let findings = lint::run(&input, &|rule| match ctx.severities.get(rule.code()) {
        Some(configured) => *configured,
        None => Some(rule.default_severity()),
    });
    Analysis {
        entities,
        findings,
        dct,
        dates,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str) -> String {
        let a = analyze(text, &Context::default());
        let mut out = String::new();
        let mut last = 0;
        for e in &a.entities {
            out.push_str(&text[last..e.start]);
            out.push_str(&format!("[{}]{}", &text[e.start..e.end], e.label));
            last = e.end;
        }
        out.push_str(&text[last..]);
        out
    }

    #[test]
    fn korean_is_north_korean_where_only_north_korea_is_named() {
        let ids = |text: &str| -> Vec<String> {
            analyze(text, &Context::default())
                .entities
                .iter()
                .filter(|e| &text[e.start..e.end] == "Korean")
                .filter_map(|e| e.id.clone())
                .collect()
        };
        assert_eq!(
            ids("North Korea's Choe Son Hui flew in. The Korean minister spoke."),
            ["country:kp"]
        );
        assert_eq!(
            ids("North and South Korea met. The Korean minister spoke."),
            ["country:kr"]
        );
        assert_eq!(ids("Korean pop music sells."), ["country:kr"]);
    }

    #[test]
    fn countries_and_demonyms_in_context() {
        assert_eq!(
            render(
                "Russia and the U.S. met; US envoys said it suits us. Iranians and Chinese firms agree."
            ),
            "[Russia]COUNTRY and the [U.S.]COUNTRY met; [US]COUNTRY envoys said it suits us. [Iranians]DEMONYM and [Chinese]DEMONYM firms agree."
        );
        assert_eq!(
            render("Talks in Mexico City, not Mexico; Latin American states"),
            "Talks in Mexico City, not [Mexico]COUNTRY; Latin American states"
        );
        assert_eq!(
            render("Latin Americans and South Americans, unlike Americans, agree"),
            "Latin Americans and South Americans, unlike [Americans]DEMONYM, agree"
        );
        // ethnic groups and languages are no demonyms; a state beside a group is
        assert_eq!(
            render(
                "Ethnic Russians and ethnic Uzbek families use Uzbek-language schools; she speaks Russian and Kazakh. Kazakh officials met."
            ),
            "Ethnic Russians and ethnic Uzbek families use Uzbek-language schools; she speaks Russian and Kazakh. [Kazakh]DEMONYM officials met."
        );
        // a teacher's nationality, not the language taught
        assert_eq!(
            render("It freed American teacher Marc Fogel and a Russian class."),
            "It freed [American]DEMONYM teacher [Marc Fogel]PERSON and a Russian class."
        );
        // groups listed beside a people with no state of its own
        assert_eq!(
            render(
                "China detained Uyghurs, Kazakhs and other minorities. Kazakhs voted in Kazakhstan."
            ),
            "[China]COUNTRY detained Uyghurs, Kazakhs and other minorities. [Kazakhs]DEMONYM voted in [Kazakhstan]COUNTRY."
        );
        // a language a text is translated from; investment from a state's
        // firms is the state's
        assert_eq!(
            render("Translated from German by DeepL. Investment from Chinese firms rose."),
            "Translated from German by DeepL. Investment from [Chinese]DEMONYM firms rose."
        );
        // a group named after the state or people it lives among; a pair
        // of groups after "ethnic"; "inter-" is between states
        assert_eq!(
            render(
                "Bosnian Serb leaders and Kosovo Serbs met ethnic Tajiks and Uzbeks for inter-Korean talks."
            ),
            "[Bosnian]DEMONYM Serb leaders and [Kosovo]COUNTRY Serbs met ethnic Tajiks and Uzbeks for inter-Korean talks."
        );
        assert_eq!(
            render("PNG joined the Organization of American States summit."),
            "[PNG]COUNTRY joined the Organization of American States summit."
        );
        // groups listed beside an ethnic group with no state, and a minority
        assert_eq!(
            render(
                "Pashtuns, Tajiks, Uzbeks and Hazaras agreed; the Uzbek minority voted; Uzbeks and Kazakhs voted."
            ),
            "Pashtuns, Tajiks, Uzbeks and Hazaras agreed; the Uzbek minority voted; [Uzbeks]DEMONYM and [Kazakhs]DEMONYM voted."
        );
        // a state of two words joined to another by a hyphen
        assert_eq!(
            render("The Việt Nam-Laos Solidarity Year and Viet Nam-Laos ties"),
            "The [Việt Nam]COUNTRY-[Laos]COUNTRY Solidarity Year and [Viet Nam]COUNTRY-[Laos]COUNTRY ties"
        );
        assert_eq!(
            render("China-led bloc; U.S.–China talks"),
            "[China]COUNTRY-led bloc; [U.S.]COUNTRY–[China]COUNTRY talks"
        );
        assert_eq!(
            render("Tags: iran, china, russia"),
            "Tags: [iran]COUNTRY, [china]COUNTRY, [russia]COUNTRY"
        );
        assert_eq!(render("I told china dealers"), "I told china dealers");
        // A lower-case tag is an item of its own: "iran" after "talks on"
        // is not, "china" after the comma is.
        assert_eq!(
            render("talks on iran, china\noil, iran"),
            "talks on iran, [china]COUNTRY\noil, [iran]COUNTRY"
        );
    }

    #[test]
    fn ambiguous_names_read_from_context() {
        assert_eq!(
            render("Jordan Peterson spoke."),
            "[Jordan Peterson]PERSON spoke."
        );
        assert_eq!(
            render("He crossed the Jordan at dawn."),
            "He crossed the Jordan at dawn."
        );
        assert_eq!(
            render("Jordan and Iran met."),
            "[Jordan]COUNTRY and [Iran]COUNTRY met."
        );
        assert_eq!(
            render("The governor of Georgia, a US state"),
            "The governor of Georgia, a [US]COUNTRY state"
        );
        assert_eq!(
            render("A winter storm hit Georgia and the Carolinas."),
            "A winter storm hit Georgia and the Carolinas."
        );
        // The sovereign state's offices beat a US-state cue nearby.
        assert_eq!(
            render("Georgia's governor met the Georgian Prime Minister and Georgian farmers."),
            "Georgia's governor met the [Georgian]DEMONYM Prime Minister and Georgian farmers."
        );
        assert_eq!(
            render("Georgia and Russia fought in 2008."),
            "[Georgia]COUNTRY and [Russia]COUNTRY fought in [2008]DATE."
        );
        // a text that tells of the US state elsewhere means it throughout
        assert_eq!(
            render(
                "She grew up in Atlanta, Georgia.\n\nShe has roots in Georgia through her family."
            ),
            "She grew up in Atlanta, Georgia.\n\nShe has roots in Georgia through her family."
        );
        // a text that tells of the nation outweighs "state" or "U.S."
        // near one mention
        assert_eq!(
            render(
                "In Tbilisi, the U.S. State Department reviewed its ties with Georgia and the crimes against the Georgian state."
            ),
            "In Tbilisi, the [U.S.]COUNTRY State Department reviewed its ties with [Georgia]COUNTRY and the crimes against the [Georgian]DEMONYM state."
        );
        assert_eq!(
            render("Georgia and Russia fought in 2008."),
            "[Georgia]COUNTRY and [Russia]COUNTRY fought in [2008]DATE."
        );
        // A state named like the person the article is about: "Jordan said"
        // is that person; the state stays the state.
        assert_eq!(
            render("Michael Jordan spoke. Jordan said he would give. Jordan and Chad met."),
            "[Michael Jordan]PERSON spoke. [Jordan]PERSON said he would give. \
             [Jordan]COUNTRY and [Chad]COUNTRY met."
        );
        assert_eq!(
            render("Jordan said it would reopen the border."),
            "[Jordan]COUNTRY said it would reopen the border."
        );
        assert_eq!(render("The Niger River floods."), "The Niger River floods.");
        assert_eq!(render("She reads in Chinese."), "She reads in Chinese.");
        // a language after "in" that ends the phrase, for every demonym
        assert_eq!(
            render("He answered in Japanese at a press conference and in Korean."),
            "He answered in Japanese at a press conference and in Korean."
        );
        assert_eq!(
            render("Talks in Russian-held areas"),
            "Talks in [Russian]DEMONYM-held areas"
        );
        // listed with a US state, Georgia is the state
        assert_eq!(
            render("Texas and Georgia sued. New York or Georgia may follow."),
            "Texas and Georgia sued. New York or Georgia may follow."
        );
        // lower-case tags inside brackets
        assert_eq!(
            render("Tags: [iran, china]\nTopics (belarus, russia)\nThey told us (us, them)."),
            "Tags: [[iran]COUNTRY, [china]COUNTRY]\nTopics ([belarus]COUNTRY, [russia]COUNTRY)\nThey told us (us, them)."
        );
        // "Greek" of a community is no nationality; a tag list after a label
        // may hold names
        assert_eq!(
            render("Greek Cypriot leaders met Brasil's envoy.\nTags: iran, navy, Gulf of Oman"),
            "Greek [Cypriot]DEMONYM leaders met [Brasil]COUNTRY's envoy.\nTags: [iran]COUNTRY, navy, Gulf of Oman"
        );
        // "by" before a state that is also a given name is no byline
        assert_eq!(
            render("Sites struck by Israel."),
            "Sites struck by [Israel]COUNTRY."
        );
    }

    /// A form several states share goes to the likeliest one the data
    /// lists, unless the text names one of them.
    #[test]
    fn shared_forms_link_to_the_likeliest_state() {
        let canon = |t: &str| {
            analyze(t, &Context::default())
                .entities
                .into_iter()
                .map(|e| e.canonical.unwrap_or_default())
                .collect::<Vec<_>>()
        };
        assert_eq!(canon("A Dominican envoy came."), ["Dominican Republic"]);
        assert_eq!(
            canon("Dominica is small. A Dominican envoy came."),
            ["Dominica", "Dominica"]
        );
        // a word after the form can name the state: North Korea's agency
        // and army, whatever else "Korean" names
        assert_eq!(
            canon(
                "The official Korean Central News Agency and the Korean People's Army said it; Korean firms agree."
            ),
            ["North Korea", "North Korea", "South Korea"]
        );
        // and words before it: the ruling party's name
        assert_eq!(
            canon("The Workers' Party of Korea met; Korea protested."),
            ["North Korea", "South Korea"]
        );
    }

    #[test]
    fn entity_at_finds_touching_cursor() {
        let a = analyze("Hello Russia and Iran", &Context::default());
        assert_eq!(a.entity_at(6).map(|e| e.start), Some(6));
        assert_eq!(a.entity_at(12).map(|e| e.start), Some(6));
        assert_eq!(a.entity_at(14), None);
    }
}
