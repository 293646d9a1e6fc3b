//! Diagnostics about people: spelling variants, surnames shared by several
//! people, and people no knowledge base knows.

use super::{LintInput, Rule};
use crate::kb::fxhash::FxHashMap as HashMap;
use crate::link::fold;
use crate::model::{Entity, Finding, Fix, Label, Severity, TextEdit};

fn people<'a>(input: &'a LintInput<'_>) -> impl Iterator<Item = &'a Entity> {
    input
        .entities
        .iter()
        .filter(|e| e.label == Label::Person && e.id.is_some())
}

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

/// Two spellings of one name: the same folded form, or the same words
/// up to vowels ("Bakhtiyer"/"Bakhtiyor", "Mohammed"/"Mohammad").
/// Case alone ("SERGEY LAVROV" in a headline) makes no variant.
pub fn is_spelling_variant(a: &str, b: &str) -> bool {
    if a == b || a.to_lowercase() == b.to_lowercase() {
        return false;
    }
    if fold::fold_name(a) == fold::fold_name(b) {
        return true;
    }
    let (wa, wb) = (words(a), words(b));
    wa.len() == wb.len()
        && wa.len() >= 2
        && wa
            .iter()
            .zip(&wb)
            .all(|(x, y)| fold::skeleton(x) == fold::skeleton(y) && !fold::skeleton(x).is_empty())
}

/// The folded first given name of a full name.
fn given_key(name: &str) -> String {
    match words(name)[..] {
        [first, _, ..] => fold::fold_name(first),
        _ => String::new(),
    }
}

/// First given names that could be one misspelt for the other: an edit
/// or two apart ("Ahmed"/"Ahmad"), or an initial and a name it starts.
fn near_given(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let initial = (a.len() == 1 && b.starts_with(a)) || (b.len() == 1 && a.starts_with(b));
    initial || strsim::levenshtein(a, b) <= 2.min(a.len().min(b.len()) / 2)
}

/// `name-variant`: a person written with another spelling than the
/// canonical one (in the knowledge base or elsewhere in the document).
pub struct NameVariant;

impl Rule for NameVariant {
    fn code(&self) -> &'static str {
        "name-variant"
    }

    fn default_severity(&self) -> Severity {
        Severity::Information
    }

    fn description(&self) -> &'static str {
        "a person's name spelled differently from its canonical form (Sergei/Sergey Lavrov)"
    }

    fn check(&self, input: &LintInput<'_>, out: &mut Vec<Finding>) {
        for e in people(input) {
            let Some(canonical) = e.canonical.as_deref() else {
                continue;
            };
            let surface = &input.text[e.start..e.end];
            // English-language news drops accents as house style
            // ("Erdogan" for "Erdoğan"): not a spelling to correct.
            if words(surface).len() < 2
                || !is_spelling_variant(surface, canonical)
                || fold::unaccented(surface) == fold::unaccented(canonical)
            {
                continue;
            }
            out.push(Finding {
                start: e.start,
                end: e.end,
                code: self.code(),
                severity: self.default_severity(),
                message: format!(
                    "\"{surface}\" is a spelling variant of \"{canonical}\"; use the canonical spelling, or add \"{surface}\" as an alias in the user knowledge base"
                ),
                fixes: vec![Fix {
                    title: format!("Change to \"{canonical}\""),
                    edits: vec![TextEdit {
                        start: e.start,
                        end: e.end,
                        new_text: canonical.to_string(),
                    }],
                }],
            });
        }
    }
}

/// `inconsistent-name`: one surname for several people in the document,
/// so a bare surname could mean either.
pub struct InconsistentName;

impl Rule for InconsistentName {
    fn code(&self) -> &'static str {
        "inconsistent-name"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn description(&self) -> &'static str {
        "the same surname with different given names, or a bare surname that could name two people"
    }

    fn check(&self, input: &LintInput<'_>, out: &mut Vec<Finding>) {
        // Folded surname → distinct (id, canonical) of full-name mentions.
        let mut by_surname: HashMap<String, Vec<(&str, &str)>> = HashMap::default();
        for e in people(input) {
            let surface = &input.text[e.start..e.end];
            let ws = words(surface);
            if ws.len() < 2 {
                continue;
            }
            let Some(last) = crate::kb::people::surname_of(surface) else {
                continue;
            };
            let entry = by_surname.entry(fold::fold_name(last)).or_default();
            let id = e.id.as_deref().unwrap_or_default();
            if !entry.iter().any(|(i, _)| *i == id) {
                entry.push((id, e.canonical.as_deref().unwrap_or(surface)));
            }
        }
        for e in people(input) {
            let surface = &input.text[e.start..e.end];
            let ws = words(surface);
            let Some(last) = crate::kb::people::surname_of(surface) else {
                continue;
            };
            let Some(owners) = by_surname.get(&fold::fold_name(last)) else {
                continue;
            };
            if owners.len() < 2 {
                continue;
            }
            let id = e.id.as_deref().unwrap_or_default();
            let names: Vec<&str> = owners.iter().map(|(_, c)| *c).collect();
            let (severity, message) = if ws.len() == 1 {
                // The link is a reasoned guess; worth a look, not a warning.
                (
                    Severity::Information,
                    format!(
                        "\"{surface}\" could be {}; it is linked to {}. Write the full name, or check the link",
                        names.join(" or "),
                        e.canonical.as_deref().unwrap_or(surface)
                    ),
                )
            } else {
                // Relatives share a surname ("Rodrigo" and "Sara Duterte");
                // only given names a slip of the keyboard apart look wrong.
                let given = given_key(surface);
                let others: Vec<&str> = owners
                    .iter()
                    .filter(|(i, c)| *i != id && near_given(&given, &given_key(c)))
                    .map(|(_, c)| *c)
                    .collect();
                if others.is_empty() {
                    continue;
                }
                (
                    self.default_severity(),
                    format!(
                        "\"{surface}\" shares the surname with {}, linked as a different person; check whether the given names are right",
                        others.join(", ")
                    ),
                )
            };
            out.push(Finding {
                start: e.start,
                end: e.end,
                code: self.code(),
                severity,
                message,
                fixes: Vec::new(),
            });
        }
    }
}

/// `unknown-person`: a person no knowledge base knows (first mention only).
pub struct UnknownPerson;

impl Rule for UnknownPerson {
    fn code(&self) -> &'static str {
        "unknown-person"
    }

    fn default_severity(&self) -> Severity {
        Severity::Information
    }

    fn description(&self) -> &'static str {
        "a person in no knowledge base; add them to the user knowledge base to link them across articles"
    }

    fn check(&self, input: &LintInput<'_>, out: &mut Vec<Finding>) {
        let mut seen: crate::kb::fxhash::FxHashSet<&str> = Default::default();
        for e in people(input) {
            let id = e.id.as_deref().unwrap_or_default();
            if seen.contains(&id) || input.kb.people.by_id(id).is_some() {
                continue;
            }
            seen.insert(id);
            let name = e
                .canonical
                .as_deref()
                .unwrap_or(&input.text[e.start..e.end]);
            out.push(Finding {
                start: e.start,
                end: e.end,
                code: self.code(),
                severity: self.default_severity(),
                message: format!(
                    "\"{name}\" is in no knowledge base; add them to the user knowledge base so every article links to the same person"
                ),
                fixes: Vec::new(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Context, analyze};

    fn findings(text: &str, code: &str) -> Vec<(String, String)> {
        let a = analyze(text, &Context::default());
        a.findings
            .iter()
            .filter(|f| f.code == code)
            .map(|f| (text[f.start..f.end].to_string(), f.message.clone()))
            .collect()
    }

    #[test]
    fn variants_are_detected() {
        assert!(is_spelling_variant("Sergei Lavrov", "Sergey Lavrov"));
        assert!(is_spelling_variant(
            "Bakhtiyer Khakimov",
            "Bakhtiyor Khakimov"
        ));
        assert!(!is_spelling_variant("Ahmad Massoud", "Ahmed Shah Massoud"));
        assert!(!is_spelling_variant("Sergey Lavrov", "Sergey Lavrov"));
        assert!(!is_spelling_variant("SERGEY LAVROV", "Sergey Lavrov"));
    }

    #[test]
    fn accents_dropped_as_house_style_are_no_variant() {
        let text = "Turkish President Recep Tayyip Erdogan met Sergei Lavrov.";
        let got = findings(text, "name-variant");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "Sergei Lavrov");
    }

    #[test]
    fn name_variant_offers_the_canonical_spelling() {
        let text = "Foreign Minister Sergei Lavrov spoke. Sergey Lavrov left.";
        let a = analyze(text, &Context::default());
        let f: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.code == "name-variant")
            .collect();
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(&text[f[0].start..f[0].end], "Sergei Lavrov");
        assert_eq!(f[0].fixes[0].edits[0].new_text, "Sergey Lavrov");
    }

    #[test]
    fn shared_surnames_are_inconsistent() {
        let f = findings(
            "Ahmed Shah Massoud, the father of rebel leader Ahmad Massoud, died. Massoud said so.",
            "inconsistent-name",
        );
        assert_eq!(f.len(), 3, "{f:?}");
        assert!(f[2].1.contains("could be"), "{f:?}");
        assert!(findings("Sergey Lavrov met Lavrov.", "inconsistent-name").is_empty());
        // Relatives: the full names are no slip; the bare surname is a guess.
        let f = findings(
            "Vice President Sara Duterte defended her father Rodrigo Duterte. Duterte left.",
            "inconsistent-name",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].1.contains("could be"), "{f:?}");
    }

    #[test]
    fn unknown_people_are_reported_once() {
        let f = findings(
            "Analyst Adlan Margoev said so. Mr Margoev, the analyst, argued. Sergey Lavrov agreed.",
            "unknown-person",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "Adlan Margoev");
    }

    #[test]
    fn titled_country_names_are_ambiguous() {
        let f = findings("Mr. Jordan met the envoy.", "ambiguous-entity");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "Jordan");
    }
}
