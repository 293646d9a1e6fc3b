//! The questions an editor asks, answered in plain data (byte offsets,
//! markdown, file paths). The language server only converts these.

use crate::kb::{Kb, materialize};
use crate::model::{Entity, Label};
use crate::{Analysis, time};
use std::path::PathBuf;

/// A hover card for the entity under the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoverCard {
    pub start: usize,
    pub end: usize,
    pub markdown: String,
}

/// Mention counts shown on hover.
#[derive(Clone, Copy, Debug, Default)]
pub struct MentionCounts {
    pub document: usize,
    /// `None` while the workspace has not been indexed.
    pub workspace: Option<usize>,
}

/// Hover card for the entity at byte `offset`.
pub fn hover(
    text: &str,
    analysis: &Analysis,
    kb: &Kb,
    offset: usize,
    workspace_count: &dyn Fn(&str) -> Option<usize>,
) -> Option<HoverCard> {
    let e = analysis.entity_at(offset)?;
    let surface = &text[e.start..e.end];
    let counts = e.id.as_deref().map(|id| MentionCounts {
        document: analysis
            .entities
            .iter()
            .filter(|x| x.id.as_deref() == Some(id))
            .count(),
        workspace: workspace_count(id),
    });
    let mut md = match e.label {
        Label::Country | Label::Demonym => country_card(e, surface, kb),
        Label::Date => date_card(e, analysis),
        Label::Person => person_card(e, surface, kb, analysis),
    };
    if let Some(c) = counts {
        md.push_str(&format!("\n\nMentions: {} in this document", c.document));
        if let Some(w) = c.workspace {
            md.push_str(&format!(", {w} in the workspace"));
        }
    }
    Some(HoverCard {
        start: e.start,
        end: e.end,
        markdown: md,
    })
}

fn country_card(e: &Entity, surface: &str, kb: &Kb) -> String {
    let Some((_, c)) = e.id.as_deref().and_then(|id| kb.countries.by_id(id)) else {
        return format!("**{surface}** · {}", e.label);
    };
    let mut md = String::new();
    if e.label == Label::Demonym {
        md.push_str(&format!(
            "**{surface}** · DEMONYM of **{}**\n\n",
            c.canonical
        ));
    } else {
        md.push_str(&format!("**{}** · COUNTRY\n\n", c.canonical));
    }
    md.push_str(&format!("- Official name: {}\n", c.official));
    md.push_str(&format!("- ISO 3166: `{}` / `{}`\n", c.iso2, c.iso3));
    if !c.capital.is_empty() {
        md.push_str(&format!("- Capital: {}\n", c.capital));
    }
    md.push_str(&format!("- Region: {} / {}\n", c.region, c.subregion));
    let aliases = c.other_aliases();
    if !aliases.is_empty() {
        md.push_str(&format!("- Aliases: {}\n", aliases.join(", ")));
    }
    if !c.demonyms.is_empty() {
        md.push_str(&format!("- Demonyms: {}\n", c.demonyms.join(", ")));
    }
    md.truncate(md.trim_end().len());
    md
}

fn date_card(e: &Entity, analysis: &Analysis) -> String {
    match analysis
        .dates
        .iter()
        .find(|d| d.start == e.start && d.end == e.end)
    {
        Some(d) => format!("**DATE**\n\n{}", time::describe(d, analysis.dct.as_ref())),
        None => "**DATE**".to_string(),
    }
}

fn person_card(e: &Entity, surface: &str, kb: &Kb, analysis: &Analysis) -> String {
    let name = e.canonical.as_deref().unwrap_or(surface);
    let Some((_, p)) = e.id.as_deref().and_then(|id| kb.people.by_id(id)) else {
        let mut md = format!("**{name}** · PERSON\n\nIn no knowledge base");
        if surface != name {
            md.push_str(&format!(" (written here as \"{surface}\")"));
        }
        md.push('.');
        return md;
    };
    let mut md = format!("**{}** · PERSON\n\n", p.canonical);
    let dct = analysis.dct.as_ref().map(|d| d.date.to_string());
    let now = p.roles_on(dct.as_deref());
    match (&dct, now.is_empty()) {
        (Some(d), false) => {
            let roles: Vec<String> = now.iter().map(|r| r.describe()).collect();
            md.push_str(&format!("- Role on {d}: {}\n", roles.join("; ")));
        }
        _ => {
            if !p.roles.is_empty() {
                let roles: Vec<String> = p.roles.iter().take(4).map(|r| r.describe()).collect();
                md.push_str(&format!("- Roles: {}\n", roles.join("; ")));
            }
        }
    }
    if !p.country.is_empty() {
        match kb.countries.country(&p.country) {
            Some(c) => md.push_str(&format!("- Country: {} ({})\n", c.canonical, c.iso2)),
            None => md.push_str(&format!("- Country: {}\n", p.country)),
        }
    }
    let aliases: Vec<&str> = p
        .aliases
        .iter()
        .map(String::as_str)
        .filter(|a| *a != p.canonical)
        .collect();
    if !aliases.is_empty() {
        md.push_str(&format!("- Aliases: {}\n", aliases.join(", ")));
    }
    if let Some(url) = p.wikidata_url() {
        md.push_str(&format!("- Wikidata: [{}]({url})\n", p.qid));
    }
    if surface != p.canonical {
        md.push_str(&format!("- Written here as: {surface}\n"));
    }
    md.truncate(md.trim_end().len());
    md
}

/// Where go-to-definition lands: a knowledge-base file and zero-based line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KbTarget {
    pub path: PathBuf,
    pub line: u32,
}

/// The knowledge-base entry of the entity at `offset`, materialising the
/// built-in files on first use.
pub fn definition(
    analysis: &Analysis,
    kb: &Kb,
    offset: usize,
) -> std::io::Result<Option<KbTarget>> {
    let Some(e) = analysis.entity_at(offset) else {
        return Ok(None);
    };
    match e.label {
        Label::Country | Label::Demonym => {
            let Some((index, _)) = e.id.as_deref().and_then(|id| kb.countries.by_id(id)) else {
                return Ok(None);
            };
            let path = materialize::countries_file(kb)?;
            Ok(Some(KbTarget {
                path,
                line: materialize::country_line(index),
            }))
        }
        Label::Person => {
            let Some((index, p)) = e.id.as_deref().and_then(|id| kb.people.by_id(id)) else {
                return Ok(None);
            };
            // A user knowledge-base entry: its own file and line.
            if let Some((path, line)) = &p.origin
                && !path.as_os_str().is_empty()
            {
                return Ok(Some(KbTarget {
                    path: path.clone(),
                    line: *line,
                }));
            }
            let path = materialize::people_file(kb)?;
            Ok(Some(KbTarget {
                path,
                line: materialize::person_line(index),
            }))
        }
        Label::Date => Ok(None),
    }
}

/// For a person no knowledge base knows: the mention that defines them in
/// this document (the fullest form, first if several), so go-to-definition
/// still lands on a line that names them.
pub fn defining_mention(analysis: &Analysis, offset: usize) -> Option<(usize, usize)> {
    let e = analysis.entity_at(offset)?;
    if e.label != Label::Person {
        return None;
    }
    let id = e.id.as_ref()?;
    analysis
        .entities
        .iter()
        .filter(|x| x.id.as_ref() == Some(id))
        .max_by_key(|x| (x.end - x.start, std::cmp::Reverse(x.start)))
        .map(|x| (x.start, x.end))
}

/// Spans of every mention of the same entity as the one at `offset`.
pub fn highlights(analysis: &Analysis, offset: usize) -> Vec<(usize, usize)> {
    let Some(e) = analysis.entity_at(offset) else {
        return Vec::new();
    };
    match &e.id {
        Some(id) => analysis
            .entities
            .iter()
            .filter(|x| x.id.as_ref() == Some(id))
            .map(|x| (x.start, x.end))
            .collect(),
        None => vec![(e.start, e.end)],
    }
}

/// Outline: labels, then entities, then their mentions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SymbolGroup {
    pub label: Label,
    pub entities: Vec<SymbolEntity>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SymbolEntity {
    pub name: String,
    pub id: Option<String>,
    /// Byte spans of its mentions, in document order.
    pub mentions: Vec<(usize, usize)>,
}

pub fn document_symbols(text: &str, analysis: &Analysis) -> Vec<SymbolGroup> {
    let mut groups: Vec<SymbolGroup> = Vec::new();
    for label in Label::ALL {
        let mut entities: Vec<SymbolEntity> = Vec::new();
        for e in analysis.entities.iter().filter(|e| e.label == label) {
            let name = match (&e.canonical, &e.date) {
                (Some(c), _) => c.clone(),
                (None, Some(d)) => format!("{} ({})", &text[e.start..e.end], d.value),
                (None, None) => text[e.start..e.end].to_string(),
            };
            let key = e.id.clone();
            match entities.iter_mut().find(|s| key.is_some() && s.id == key) {
                Some(s) => s.mentions.push((e.start, e.end)),
                None => entities.push(SymbolEntity {
                    name,
                    id: key,
                    mentions: vec![(e.start, e.end)],
                }),
            }
        }
        if !entities.is_empty() {
            groups.push(SymbolGroup { label, entities });
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Context, analyze};

    #[test]
    fn hover_shows_country_card_and_counts() {
        let text = "Russian officials visited Russia.";
        let ctx = Context::default();
        let a = analyze(text, &ctx);
        let card = hover(text, &a, &ctx.kb, 2, &|_| Some(7)).unwrap();
        assert_eq!((card.start, card.end), (0, 7));
        assert!(
            card.markdown.contains("DEMONYM of **Russia**"),
            "{}",
            card.markdown
        );
        assert!(card.markdown.contains("Russian Federation"));
        assert!(
            card.markdown
                .contains("2 in this document, 7 in the workspace")
        );
        assert!(hover(text, &a, &ctx.kb, 10, &|_| None).is_none());
    }

    #[test]
    fn hover_shows_person_card_with_role_on_the_dct() {
        let text = "---\ndate: 2024-05-20\n---\nForeign Minister Sergei Lavrov spoke. Lavrov left.";
        let ctx = Context::default();
        let a = analyze(text, &ctx);
        let at = text.find("Sergei").unwrap() + 2;
        let card = hover(text, &a, &ctx.kb, at, &|_| None).unwrap();
        let md = &card.markdown;
        assert!(md.starts_with("**Sergey Lavrov** · PERSON"), "{md}");
        assert!(
            md.contains("Role on 2024-05-20: Minister of Foreign Affairs"),
            "{md}"
        );
        assert!(md.contains("Country: Russia (RU)"), "{md}");
        assert!(md.contains("Aliases: Sergei Lavrov"), "{md}");
        assert!(md.contains("https://www.wikidata.org/wiki/Q58217"), "{md}");
        assert!(md.contains("2 in this document"), "{md}");

        let text = "Analyst Adlan Margoev said so.";
        let a = analyze(text, &ctx);
        let card = hover(text, &a, &ctx.kb, 12, &|_| None).unwrap();
        assert!(
            card.markdown.contains("In no knowledge base"),
            "{}",
            card.markdown
        );
        assert_eq!(definition(&a, &ctx.kb, 12).unwrap(), None);
    }

    #[test]
    fn definition_of_a_person_is_its_line() {
        let text = "President Vladimir Putin spoke.";
        let ctx = Context::default();
        let a = analyze(text, &ctx);
        let t = definition(&a, &ctx.kb, 12).unwrap().unwrap();
        let file = std::fs::read_to_string(&t.path).unwrap();
        let line = file.lines().nth(t.line as usize).unwrap();
        assert!(line.starts_with("Vladimir Putin [Q7747]"), "{line}");
    }

    #[test]
    fn symbols_group_by_label_then_entity() {
        let text = "Iran, Russia and Iran; Iranians.";
        let a = analyze(text, &Context::default());
        let groups = document_symbols(text, &a);
        assert_eq!(groups[0].label, Label::Country);
        assert_eq!(groups[0].entities[0].name, "Iran");
        assert_eq!(groups[0].entities[0].mentions.len(), 2);
        assert_eq!(groups[1].label, Label::Demonym);
        assert_eq!(highlights(&a, 0).len(), 3);
    }
}
