//! The user's knowledge-base files from the server's side: loading them
//! over the built-ins, and the edits quick fixes make to them.

use gazette::fsutil::write_atomic;
use gazette::kb::user::{self, CONFIG_FILE};
use gazette::kb::{Kb, KbError};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where "add to the user KB" writes, relative to the workspace root.
pub const PEOPLE_FILE: &str = "kb/people.toml";

/// The built-in knowledge with the user's files under `root` on top, the
/// problems found in them, and the files read (for watching).
/// `extra` are the client's `gazette.kb.paths` (globs under `root`).
pub fn load(root: &Path, extra: &[String]) -> (Arc<Kb>, Vec<KbError>, Vec<PathBuf>) {
    let (mut user_kb, mut errors) = user::load(root);
    for pattern in extra {
        if user::escapes_workspace(pattern) {
            errors.push(KbError {
                file: "gazette.kb.paths".into(),
                line: 1,
                column: None,
                message: format!("kb path {pattern:?} leaves the workspace; use a path inside it"),
            });
            continue;
        }
        for path in user::expand(root, pattern) {
            match std::fs::read_to_string(&path) {
                Ok(body) => {
                    user::load_file(&path, &body, &mut user_kb, &mut errors);
                    user_kb.files.push(path);
                }
                Err(e) => errors.push(KbError {
                    file: path.display().to_string(),
                    line: 1,
                    column: None,
                    message: format!("cannot read: {e}"),
                }),
            }
        }
    }
    let mut files = user_kb.files.clone();
    files.push(root.join(CONFIG_FILE));
    if user_kb.is_empty() {
        return (Kb::builtin(), errors, files);
    }
    match Kb::with_user(&Kb::builtin(), &user_kb) {
        Ok(kb) => (Arc::new(kb), errors, files),
        Err(e) => {
            errors.push(e);
            (Kb::builtin(), errors, files)
        }
    }
}

fn toml_string(s: &str) -> String {
    toml_edit::Value::from(s).to_string().trim().to_string()
}

/// Appends a `[[person]]` entry (with `aliases` when given) to the user's
/// people file, creating it and listing it in `gazette.toml` as needed.
/// Returns the file and the zero-based line of the new entry.
pub fn add_person(root: &Path, name: &str, aliases: &[String]) -> Result<(PathBuf, u32), String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("no name to add".into());
    }
    let path = root.join(PEOPLE_FILE);
    let mut body = match std::fs::read_to_string(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            "# People added from gazette quick fixes; edit freely.\n".to_string()
        }
        Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
    };
    if !body.is_empty() && !body.ends_with('\n') {
        body.push('\n');
    }
    body.push('\n');
    let line = body.lines().count() as u32;
    body.push_str("[[person]]\n");
    body.push_str(&format!("name = {}\n", toml_string(name)));
    if !aliases.is_empty() {
        let list: Vec<String> = aliases.iter().map(|a| toml_string(a)).collect();
        body.push_str(&format!("aliases = [{}]\n", list.join(", ")));
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
    }
    write_atomic(&path, body.as_bytes())
        .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    ensure_listed(root)?;
    Ok((path, line))
}

/// Makes sure `gazette.toml` names the people file.
fn ensure_listed(root: &Path) -> Result<(), String> {
    let config = root.join(CONFIG_FILE);
    let text = match std::fs::read_to_string(&config) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let body = format!("[kb]\npaths = [{}]\n", toml_string(PEOPLE_FILE));
            return write_atomic(&config, body.as_bytes())
                .map_err(|e| format!("{}: cannot write: {e}", config.display()));
        }
        Err(e) => return Err(format!("{}: cannot read: {e}", config.display())),
    };
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e| format!("{}: fix this file first: {e}", config.display()))?;
    let listed = doc
        .get("kb")
        .and_then(|kb| kb.get("paths"))
        .and_then(|p| p.as_array())
        .is_some_and(|a| {
            a.iter()
                .filter_map(|v| v.as_str())
                .any(|p| p == PEOPLE_FILE || p == "kb/*.toml" || p == "kb/*")
        });
    if listed {
        return Ok(());
    }
    let kb = doc
        .entry("kb")
        .or_insert(toml_edit::table())
        .as_table_like_mut()
        .ok_or_else(|| format!("{}: `kb` must be a table", config.display()))?;
    let paths = kb
        .entry("paths")
        .or_insert(toml_edit::value(toml_edit::Array::new()));
    let arr = paths
        .as_array_mut()
        .ok_or_else(|| format!("{}: `kb.paths` must be an array", config.display()))?;
    arr.push(PEOPLE_FILE);
    write_atomic(&config, doc.to_string().as_bytes())
        .map_err(|e| format!("{}: cannot write: {e}", config.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adding_people_creates_and_lists_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let (path, line) = add_person(dir.path(), "Adlan Margoev", &[]).unwrap();
        add_person(
            dir.path(),
            "Sergey Lavrov",
            &["Sergei \"S.\" Lavrov".to_string()],
        )
        .unwrap();
        let body = std::fs::read_to_string(&path).unwrap();
        assert_eq!(body.lines().nth(line as usize), Some("[[person]]"));
        assert!(body.contains("name = \"Adlan Margoev\"\n"));
        assert!(
            body.contains(r#"aliases = ['Sergei "S." Lavrov']"#),
            "{body}"
        );
        let config = std::fs::read_to_string(dir.path().join(CONFIG_FILE)).unwrap();
        assert_eq!(config, "[kb]\npaths = [\"kb/people.toml\"]\n");
        let (kb, errors, _) = load(dir.path(), &[]);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(!kb.people.by_name("Adlan Margoev").is_empty());
    }

    #[test]
    fn an_existing_config_gains_the_path_and_keeps_its_text() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "# mine\n[kb]\npaths = [\"more.jsonl\"]\n",
        )
        .unwrap();
        add_person(dir.path(), "Jane Roe", &[]).unwrap();
        let config = std::fs::read_to_string(dir.path().join(CONFIG_FILE)).unwrap();
        assert!(config.starts_with("# mine\n[kb]\n"), "{config}");
        assert!(
            config.contains("\"more.jsonl\", \"kb/people.toml\""),
            "{config}"
        );
    }
}
