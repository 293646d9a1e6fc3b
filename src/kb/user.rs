//! The user's own knowledge-base files: `gazette.toml` in the workspace
//! root names them, e.g.
//!
//! ```toml
//! [kb]
//! paths = ["kb/*.toml", "kb/people.jsonl"]
//! ```
//!
//! A TOML file holds `[[person]]` (`name`, optional `id`, `aliases`,
//! `country`, `roles` as `"Position@start..end"`), `[[country]]` (`code`,
//! `aliases`) and `[[not_person]]` (`phrase`) tables. A JSONL file holds one
//! object per line with a `"type"` of `person`, `country` or `not_person`
//! and the same keys. Every problem is reported with file, line and column;
//! valid entries load even when others fail. User entries override the
//! built-in ones: a person with the same `id` (QID) or name replaces the
//! built-in canonical name and adds aliases and roles.

use super::people::{Person, Role};
use super::tsv::KbError;
use super::{Kb, SurfaceTarget};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The workspace configuration file.
pub const CONFIG_FILE: &str = "gazette.toml";

/// Entries read from the user's files.
#[derive(Clone, Debug, Default)]
pub struct UserKb {
    pub people: Vec<Person>,
    /// (ISO alpha-2 code, alias)
    pub country_aliases: Vec<(String, String)>,
    pub not_person: Vec<String>,
    /// Every knowledge-base file read, for file watching.
    pub files: Vec<PathBuf>,
}

impl UserKb {
    pub fn is_empty(&self) -> bool {
        self.people.is_empty() && self.country_aliases.is_empty() && self.not_person.is_empty()
    }
}

/// One-based line and column of byte `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = crate::text::floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn error_at(file: &str, text: &str, span: Option<Range<usize>>, message: String) -> KbError {
    let (line, column) = span.map_or((1, 1), |s| line_col(text, s.start));
    KbError {
        file: file.to_string(),
        line,
        column: Some(column),
        message,
    }
}

/// Reads `gazette.toml` under `root` and every knowledge-base file it
/// names. Missing configuration means no user knowledge.
pub fn load(root: &Path) -> (UserKb, Vec<KbError>) {
    let mut kb = UserKb::default();
    let mut errors = Vec::new();
    let config = root.join(CONFIG_FILE);
    let Ok(text) = std::fs::read_to_string(&config) else {
        return (kb, errors);
    };
    let name = config.display().to_string();
    for pattern in config_paths(&name, &text, &mut errors) {
        // Knowledge files must live in the workspace: gazette never reads
        // (or, through quick fixes, writes) outside it.
        if escapes_workspace(&pattern) {
            errors.push(KbError {
                file: name.clone(),
                line: text
                    .lines()
                    .position(|l| l.contains(&pattern))
                    .map_or(1, |i| i + 1),
                column: None,
                message: format!("kb path {pattern:?} leaves the workspace; use a path inside it"),
            });
            continue;
        }
        for path in expand(root, &pattern) {
            match std::fs::read_to_string(&path) {
                Ok(body) => {
                    load_file(&path, &body, &mut kb, &mut errors);
                    kb.files.push(path);
                }
                Err(e) => errors.push(KbError {
                    file: name.clone(),
                    line: 1,
                    column: None,
                    message: format!("cannot read {}: {e}", path.display()),
                }),
            }
        }
    }
    (kb, errors)
}

/// True for a path that is absolute or climbs out with `..`.
pub fn escapes_workspace(pattern: &str) -> bool {
    Path::new(pattern).is_absolute()
        || Path::new(pattern)
            .components()
            .any(|c| matches!(c, std::path::Component::ParentDir))
}

/// Parses one knowledge-base file by its extension (`.toml` or `.jsonl`).
pub fn load_file(path: &Path, text: &str, kb: &mut UserKb, errors: &mut Vec<KbError>) {
    let file = path.display().to_string();
    let before = kb.people.len();
    match path.extension().and_then(|e| e.to_str()) {
        Some("jsonl") | Some("ndjson") => parse_jsonl(&file, text, kb, errors),
        _ => parse_toml(&file, text, kb, errors),
    }
    for p in &mut kb.people[before..] {
        if let Some(o) = &mut p.origin {
            o.0 = path.to_path_buf();
        }
    }
}

fn config_paths(file: &str, text: &str, errors: &mut Vec<KbError>) -> Vec<String> {
    let doc = match toml_edit::Document::parse(text) {
        Ok(d) => d,
        Err(e) => {
            errors.push(error_at(file, text, e.span(), e.message().to_string()));
            return Vec::new();
        }
    };
    let Some(kb) = doc.as_table().get("kb") else {
        return Vec::new();
    };
    let Some(table) = kb.as_table_like() else {
        errors.push(error_at(
            file,
            text,
            kb.span(),
            "`kb` must be a table".into(),
        ));
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, item) in table.iter() {
        match key {
            "paths" => match string_list(item) {
                Some(v) => out.extend(v),
                None => errors.push(error_at(
                    file,
                    text,
                    item.span(),
                    "`paths` must be an array of file paths or globs, e.g. [\"kb/*.toml\"]".into(),
                )),
            },
            other => errors.push(error_at(
                file,
                text,
                table.key(other).and_then(|k| k.span()),
                format!("unknown key `{other}` in [kb]; expected `paths`"),
            )),
        }
    }
    out
}

/// Paths a pattern names: a plain path, or a `*` in the file name.
pub fn expand(root: &Path, pattern: &str) -> Vec<PathBuf> {
    let full = root.join(pattern);
    let Some(name) = full.file_name().and_then(|n| n.to_str()) else {
        return vec![full];
    };
    let Some((pre, post)) = name.split_once('*') else {
        return vec![full];
    };
    let dir = full.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.starts_with(pre) && n.ends_with(post) && n.len() >= pre.len() + post.len()
            })
        })
        .collect();
    found.sort();
    found
}

fn string_list(item: &toml_edit::Item) -> Option<Vec<String>> {
    let arr = item.as_array()?;
    arr.iter().map(|v| v.as_str().map(str::to_string)).collect()
}

/// The fields an entry may have, checked the same way for TOML and JSONL.
#[derive(Default)]
struct Fields {
    id: Option<String>,
    name: Option<String>,
    aliases: Vec<String>,
    country: Option<String>,
    roles: Vec<String>,
    code: Option<String>,
    phrase: Option<String>,
}

const PERSON_KEYS: &[&str] = &["id", "name", "aliases", "country", "roles", "note"];
const COUNTRY_KEYS: &[&str] = &["code", "aliases", "note"];
const NOT_PERSON_KEYS: &[&str] = &["phrase", "note"];

fn valid_code(c: &str) -> bool {
    c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase())
}

fn valid_role(r: &str) -> bool {
    let role = Role::parse(r);
    let date_ok = |d: &Option<String>| {
        d.as_deref().is_none_or(|d| {
            let b = d.as_bytes();
            b.len() >= 4
                && b[..4].iter().all(u8::is_ascii_digit)
                && b[4..].iter().all(|c| c.is_ascii_digit() || *c == b'-')
        })
    };
    !role.position.is_empty() && date_ok(&role.start) && date_ok(&role.end)
}

/// Adds a checked entry of `kind` to `kb`; `at` reports a problem with a key.
fn add_entry(
    kind: &str,
    f: Fields,
    line0: u32,
    kb: &mut UserKb,
    at: &mut dyn FnMut(Option<&str>, String),
) {
    match kind {
        "person" => {
            let Some(name) = f.name.filter(|n| !n.trim().is_empty()) else {
                at(None, "a person needs a `name`".into());
                return;
            };
            if let Some(c) = &f.country
                && !valid_code(c)
            {
                at(
                    Some("country"),
                    format!(
                        "`country` must be an ISO 3166 alpha-2 code such as \"RU\", found {c:?}"
                    ),
                );
                return;
            }
            for r in &f.roles {
                if !valid_role(r) {
                    at(
                        Some("roles"),
                        format!(
                            "a role is written \"Position@YYYY-MM-DD..YYYY-MM-DD\" (dates optional), found {r:?}"
                        ),
                    );
                    return;
                }
            }
            let id = f.id.unwrap_or_default();
            let dup = kb.people.iter().any(|p| {
                (!id.is_empty() && p.qid == id)
                    || (id.is_empty()
                        && p.qid.is_empty()
                        && crate::link::fold::fold_name(&p.canonical)
                            == crate::link::fold::fold_name(&name))
            });
            if dup {
                at(
                    Some(if id.is_empty() { "name" } else { "id" }),
                    format!(
                        "duplicate person {}; merge the two entries",
                        if id.is_empty() { &name } else { &id }
                    ),
                );
                return;
            }
            kb.people.push(Person {
                qid: id,
                canonical: name,
                aliases: f.aliases,
                country: f.country.unwrap_or_default(),
                roles: f.roles.iter().map(|r| Role::parse(r)).collect(),
                source: "user knowledge base".into(),
                origin: Some((PathBuf::new(), line0)),
            });
        }
        "country" => {
            let Some(code) = f.code else {
                at(
                    None,
                    "a country entry needs a `code` (ISO 3166 alpha-2)".into(),
                );
                return;
            };
            if !valid_code(&code) {
                at(
                    Some("code"),
                    format!(
                        "`code` must be an ISO 3166 alpha-2 code such as \"RU\", found {code:?}"
                    ),
                );
                return;
            }
            for a in f.aliases {
                kb.country_aliases.push((code.clone(), a));
            }
        }
        "not_person" => match f.phrase.filter(|p| !p.trim().is_empty()) {
            Some(p) => kb.not_person.push(p),
            None => at(None, "a not_person entry needs a `phrase`".into()),
        },
        other => at(
            Some("type"),
            format!("unknown entry type {other:?}; expected person, country or not_person"),
        ),
    }
}

/// Parses a TOML knowledge-base file.
pub fn parse_toml(file: &str, text: &str, kb: &mut UserKb, errors: &mut Vec<KbError>) {
    let doc = match toml_edit::Document::parse(text) {
        Ok(d) => d,
        Err(e) => {
            errors.push(error_at(file, text, e.span(), e.message().to_string()));
            return;
        }
    };
    for (kind, item) in doc.as_table().iter() {
        let keys = match kind {
            "person" => PERSON_KEYS,
            "country" => COUNTRY_KEYS,
            "not_person" => NOT_PERSON_KEYS,
            other => {
                errors.push(error_at(
                    file,
                    text,
                    doc.as_table().key(other).and_then(|k| k.span()),
                    format!("unknown section `{other}`; expected [[person]], [[country]] or [[not_person]]"),
                ));
                continue;
            }
        };
        let Some(tables) = item.as_array_of_tables() else {
            errors.push(error_at(
                file,
                text,
                item.span(),
                format!("`{kind}` must be a list of tables: write [[{kind}]]"),
            ));
            continue;
        };
        for table in tables.iter() {
            let span = table.span();
            let mut f = Fields::default();
            let mut bad = false;
            for (key, value) in table.iter() {
                let key_span = table.key(key).and_then(|k| k.span());
                if !keys.contains(&key) {
                    errors.push(error_at(
                        file,
                        text,
                        key_span,
                        format!(
                            "unknown key `{key}` in [[{kind}]]; expected one of {}",
                            keys.join(", ")
                        ),
                    ));
                    bad = true;
                    continue;
                }
                let as_string = || value.as_str().map(str::to_string);
                let ok = match key {
                    "id" => as_string().map(|v| f.id = Some(v)).is_some(),
                    "name" => as_string().map(|v| f.name = Some(v)).is_some(),
                    "country" => as_string().map(|v| f.country = Some(v)).is_some(),
                    "code" => as_string().map(|v| f.code = Some(v)).is_some(),
                    "phrase" => as_string().map(|v| f.phrase = Some(v)).is_some(),
                    "note" => as_string().is_some(),
                    "aliases" => string_list(value).map(|v| f.aliases = v).is_some(),
                    "roles" => string_list(value).map(|v| f.roles = v).is_some(),
                    _ => true,
                };
                if !ok {
                    let want = if matches!(key, "aliases" | "roles") {
                        "an array of strings"
                    } else {
                        "a string"
                    };
                    errors.push(error_at(
                        file,
                        text,
                        value.span().or(key_span),
                        format!("`{key}` must be {want}"),
                    ));
                    bad = true;
                }
            }
            if bad {
                continue;
            }
            let line0 = span
                .as_ref()
                .map_or(0, |s| line_col(text, s.start).0 as u32 - 1);
            let mut at = |key: Option<&str>, message: String| {
                let s = key
                    .and_then(|k| table.key(k).and_then(|k| k.span()))
                    .or_else(|| span.clone());
                errors.push(error_at(file, text, s, message));
            };
            add_entry(kind, f, line0, kb, &mut at);
        }
    }
}

/// Parses a JSONL knowledge-base file.
pub fn parse_jsonl(file: &str, text: &str, kb: &mut UserKb, errors: &mut Vec<KbError>) {
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let col_of = |key: &str| {
            line.find(&format!("\"{key}\""))
                .map(|b| line[..b].chars().count() + 1)
        };
        let err = |column: Option<usize>, message: String| KbError {
            file: file.to_string(),
            line: i + 1,
            column: column.or(Some(1)),
            message,
        };
        let value: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                errors.push(err(Some(e.column()), format!("not valid JSON: {e}")));
                continue;
            }
        };
        let Some(obj) = value.as_object() else {
            errors.push(err(None, "each line must be a JSON object".into()));
            continue;
        };
        let kind = obj.get("type").and_then(|t| t.as_str()).unwrap_or("person");
        let keys = match kind {
            "person" => PERSON_KEYS,
            "country" => COUNTRY_KEYS,
            "not_person" => NOT_PERSON_KEYS,
            other => {
                errors.push(err(
                    col_of("type"),
                    format!("unknown entry type {other:?}; expected person, country or not_person"),
                ));
                continue;
            }
        };
        let mut f = Fields::default();
        let mut bad = false;
        for (key, v) in obj {
            if key == "type" {
                continue;
            }
            if !keys.contains(&key.as_str()) {
                errors.push(err(
                    col_of(key),
                    format!(
                        "unknown key `{key}` for a {kind}; expected one of {}",
                        keys.join(", ")
                    ),
                ));
                bad = true;
                continue;
            }
            let s = || v.as_str().map(str::to_string);
            let list = || {
                v.as_array().and_then(|a| {
                    a.iter()
                        .map(|x| x.as_str().map(str::to_string))
                        .collect::<Option<Vec<_>>>()
                })
            };
            let ok = match key.as_str() {
                "id" => s().map(|x| f.id = Some(x)).is_some(),
                "name" => s().map(|x| f.name = Some(x)).is_some(),
                "country" => s().map(|x| f.country = Some(x)).is_some(),
                "code" => s().map(|x| f.code = Some(x)).is_some(),
                "phrase" => s().map(|x| f.phrase = Some(x)).is_some(),
                "note" => s().is_some(),
                "aliases" => list().map(|x| f.aliases = x).is_some(),
                "roles" => list().map(|x| f.roles = x).is_some(),
                _ => true,
            };
            if !ok {
                errors.push(err(col_of(key), format!("`{key}` has the wrong type")));
                bad = true;
            }
        }
        if bad {
            continue;
        }
        let mut at = |key: Option<&str>, message: String| {
            errors.push(err(key.and_then(col_of), message));
        };
        add_entry(kind, f, i as u32, kb, &mut at);
    }
}

impl Kb {
    /// The built-in knowledge with the user's entries layered on top.
    pub fn with_user(base: &Kb, user: &UserKb) -> Result<Kb, KbError> {
        let mut countries = base.countries.clone();
        let mut people = base.people.clone();
        let mut names = base.names.clone();
        for p in &user.people {
            let mut p = p.clone();
            if p.qid.is_empty() {
                // Same name as a built-in person: override that one.
                if let Some(&i) = people.by_name(&p.canonical).first() {
                    p.qid = people.get(i as usize).qid.clone();
                }
            }
            people.upsert(p);
        }
        people.shrink_to_fit();
        for (code, alias) in &user.country_aliases {
            let Some(&ci) = countries.by_iso2.get(code) else {
                continue;
            };
            if !countries.countries[ci].aliases.contains(alias) {
                countries.countries[ci].aliases.push(alias.clone());
            }
            countries.surfaces.push(super::countries::Surface {
                text: alias.clone(),
                target: SurfaceTarget::Country(vec![ci]),
            });
        }
        for phrase in &user.not_person {
            names.add_not_person(phrase, super::names::NotPersonKind::Misc);
        }
        Kb::assemble(countries, people, names)
    }
}

#[cfg(test)]
mod traversal_tests {
    use super::*;

    #[test]
    fn paths_outside_the_workspace_are_refused() {
        let outer = tempfile::tempdir().unwrap();
        let root = outer.path().join("ws");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(
            outer.path().join("secret.toml"),
            "[[person]]\nname = \"Outside Person\"\n",
        )
        .unwrap();
        std::fs::write(
            root.join(CONFIG_FILE),
            format!(
                "[kb]\npaths = [\"../secret.toml\", {:?}]\n",
                outer.path().join("secret.toml").display().to_string()
            ),
        )
        .unwrap();
        let (kb, errors) = load(&root);
        assert!(kb.people.is_empty());
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors
                .iter()
                .all(|e| e.message.contains("leaves the workspace"))
        );
        assert_eq!(errors[0].line, 2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Context, analyze};
    use std::sync::Arc;

    const PEOPLE: &str = r#"
[[person]]
name = "Adlan Margoev"
aliases = ["A. Margoev"]
country = "RU"
roles = ["Analyst@2020.."]

[[person]]
id = "Q58217"
name = "Sergei Lavrov"

[[not_person]]
phrase = "Tolib Qurbonzoda"

[[country]]
code = "RU"
aliases = ["Rossiya"]
"#;

    #[test]
    fn toml_entries_load_and_override_builtins() {
        let mut kb = UserKb::default();
        let mut errors = Vec::new();
        parse_toml("kb/people.toml", PEOPLE, &mut kb, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(kb.people.len(), 2);
        assert_eq!(kb.people[0].origin.as_ref().unwrap().1, 1);
        let merged = Arc::new(Kb::with_user(&Kb::builtin(), &kb).unwrap());
        let ctx = Context {
            kb: merged,
            ..Context::default()
        };
        let text = "Analyst Adlan Margoev met Sergey Lavrov in Rossiya. Tolib Qurbonzoda said so.";
        let a = analyze(text, &ctx);
        let people: Vec<_> = a
            .entities
            .iter()
            .filter(|e| e.label == crate::model::Label::Person)
            .map(|e| {
                (
                    text[e.start..e.end].to_string(),
                    e.canonical.clone().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            people,
            [
                ("Adlan Margoev".to_string(), "Adlan Margoev".to_string()),
                ("Sergey Lavrov".to_string(), "Sergei Lavrov".to_string())
            ]
        );
        assert!(
            a.entities
                .iter()
                .any(|e| &text[e.start..e.end] == "Rossiya")
        );
        assert!(
            a.findings.iter().all(|f| f.code != "unknown-person"),
            "{:?}",
            a.findings
        );
    }

    #[test]
    fn malformed_entries_are_reported_with_positions() {
        let text = "[[person]]\nname = \"A B\"\ncolour = \"red\"\n\n[[person]]\nname = \"A B\"\n\n[[person]]\nname = \"C D\"\ncountry = \"Russia\"\n\n[[person]]\naliases = \"x\"\n";
        let mut kb = UserKb::default();
        let mut errors = Vec::new();
        parse_toml("kb/bad.toml", text, &mut kb, &mut errors);
        let got: Vec<(usize, Option<usize>, &str)> = errors
            .iter()
            .map(|e| (e.line, e.column, e.message.as_str()))
            .collect();
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!((got[0].0, got[0].1), (3, Some(1)));
        assert!(got[0].2.contains("unknown key `colour`"));
        assert_eq!(got[1].0, 10);
        assert!(got[1].2.contains("ISO 3166"));
        assert_eq!(got[2].0, 13);
        assert!(got[2].2.contains("array of strings"));
        // The duplicate "A B" is the first person again: reported at its name.
        assert_eq!(kb.people.len(), 1);

        let mut errors = Vec::new();
        parse_toml(
            "kb/dup.toml",
            "[[person]]\nid = \"Q1\"\nname = \"X Y\"\n[[person]]\nid = \"Q1\"\nname = \"Z W\"\n",
            &mut UserKb::default(),
            &mut errors,
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].line, 5);
        assert!(errors[0].message.contains("duplicate person Q1"));

        let mut errors = Vec::new();
        parse_toml(
            "kb/broken.toml",
            "[[person]\nname = 1\n",
            &mut UserKb::default(),
            &mut errors,
        );
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 1);
    }

    #[test]
    fn jsonl_entries_load_with_errors_by_line() {
        let text = "{\"type\":\"person\",\"name\":\"Adlan Margoev\",\"country\":\"RU\"}\n{\"type\":\"person\",\"nmae\":\"X\"}\nnot json\n{\"type\":\"not_person\",\"phrase\":\"Goldman Sachs\"}\n";
        let mut kb = UserKb::default();
        let mut errors = Vec::new();
        parse_jsonl("kb/p.jsonl", text, &mut kb, &mut errors);
        assert_eq!(kb.people.len(), 1);
        assert_eq!(kb.not_person, ["Goldman Sachs"]);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!((errors[0].line, errors[0].column), (2, Some(18)));
        assert_eq!(errors[1].line, 3);
    }

    #[test]
    fn workspace_config_names_the_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("kb")).unwrap();
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "[kb]\npaths = [\"kb/*.toml\"]\ncolour = 1\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("kb/people.toml"), PEOPLE).unwrap();
        std::fs::write(dir.path().join("kb/notes.txt"), "ignored").unwrap();
        let (kb, errors) = load(dir.path());
        assert_eq!(kb.files.len(), 1);
        assert_eq!(kb.people.len(), 2);
        assert_eq!(
            kb.people[0].origin.as_ref().unwrap().0,
            dir.path().join("kb/people.toml")
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].line, 3);
        let (empty, none) = load(&dir.path().join("kb"));
        assert!(empty.is_empty() && none.is_empty());
    }
}
