//! `gazette annotate` and `gazette check` as a user runs them.

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn gazette(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run gazette")
}

/// The binary started in `cwd` with stdin, stdout and stderr piped.
fn spawn(args: &[&str], cwd: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 output")
}

/// CRLF line ends and astral characters: offsets must be code points of
/// the LF-normalised text.
const STORY: &str =
    "Café 🎉 news\r\nRussian envoys flew to Iran.\r\nFighting resumed in Congo.\r\n";

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("story.txt"), STORY).unwrap();
    std::fs::create_dir_all(dir.path().join("more/deeper")).unwrap();
    std::fs::write(dir.path().join("more/b.md"), "China and Chad.").unwrap();
    std::fs::write(dir.path().join("more/deeper/a.txt"), "Germany.").unwrap();
    std::fs::write(dir.path().join("more/skip.json"), "{}").unwrap();
    dir
}

#[test]
fn annotate_jsonl_uses_code_points_of_normalised_text() {
    let dir = workspace();
    let o = gazette(&["annotate", "story.txt"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let normalised = STORY.replace("\r\n", "\n");
    let chars: Vec<char> = normalised.chars().collect();
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    for l in &lines {
        let (s, e) = (
            l["start"].as_u64().unwrap() as usize,
            l["end"].as_u64().unwrap() as usize,
        );
        let text: String = chars[s..e].iter().collect();
        assert_eq!(l["text"], text.as_str());
        assert_eq!(l["file"], "story.txt");
    }
    assert_eq!(lines[0]["label"], "DEMONYM");
    assert_eq!(lines[0]["start"], 12);
    assert_eq!(lines[0]["canonical"], "Russia");
    assert_eq!(lines[1]["id"], "country:ir");
}

#[test]
fn annotate_directories_recursively_in_stable_order() {
    let dir = workspace();
    let o = gazette(&["annotate", "."], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let files: Vec<String> = stdout(&o)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["file"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut dedup = files.clone();
    dedup.dedup();
    assert_eq!(dedup, ["./more/b.md", "./more/deeper/a.txt", "./story.txt"]);
}

#[test]
fn annotate_brat_conll_and_spacy() {
    let dir = workspace();
    let brat = gazette(&["annotate", "--format", "brat", "story.txt"], dir.path());
    assert!(brat.status.success());
    let ann = stdout(&brat);
    assert!(
        ann.starts_with(
            "T1\tDEMONYM 12 19\tRussian\nN1\tReference T1 gazette:country:ru\tRussia\n"
        ),
        "{ann}"
    );

    let conll = gazette(&["annotate", "--format", "conll", "story.txt"], dir.path());
    let out = stdout(&conll);
    assert!(out.starts_with("-DOCSTART- story.txt\n"), "{out}");
    assert!(out.contains("Russian\tB-DEMONYM\nenvoys\tO\n"), "{out}");

    let spacy = gazette(&["annotate", "--format", "spacy", "story.txt"], dir.path());
    let doc: Value = serde_json::from_str(stdout(&spacy).trim()).unwrap();
    assert_eq!(doc["text"], STORY.replace("\r\n", "\n").as_str());
    assert_eq!(doc["spans"][0]["start"], 12);
    assert_eq!(doc["spans"][0]["label"], "DEMONYM");
    assert_eq!(doc["meta"]["file"], "story.txt");
}

#[test]
fn annotate_reads_stdin() {
    let dir = workspace();
    let mut child = spawn(&["annotate", "-"], dir.path());
    child.stdin.take().unwrap().write_all(b"Iran").unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    assert!(stdout(&o).contains("\"file\":\"-\""));
}

#[test]
fn check_prints_one_line_per_diagnostic() {
    let dir = workspace();
    let o = gazette(&["check", "story.txt"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("story.txt:3:21: info[ambiguous-entity]: \"Congo\" can name"),
        "{out}"
    );

    let j = gazette(&["check", "--format", "json", "story.txt"], dir.path());
    let v: Value = serde_json::from_str(&stdout(&j)).unwrap();
    assert_eq!(v[0]["code"], "ambiguous-entity");
    assert_eq!(v[0]["line"], 3);
    assert_eq!(v[0]["column"], 21);
}

#[test]
fn check_reports_spelling_variants_across_files() {
    let dir = tempfile::tempdir().unwrap();
    let w = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    w(
        "a.txt",
        "Foreign Minister Sergey Lavrov spoke.\nSergey Lavrov left.\n",
    );
    w(
        "b.txt",
        "Analyst Bakhtiyer Qodirov said so. Bakhtiyer Qodirov added more.\n",
    );
    w("c.txt", "Russian Foreign Minister Sergei Lavrov arrived.\n");
    w("d.txt", "Analyst Bakhtiyor Qodirov disagreed.\n");
    let o = gazette(&["check", "."], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let variants: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("[name-variant]"))
        .collect();
    assert_eq!(variants.len(), 2, "{out}");
    // The in-document finding on "Sergei Lavrov" gives way to the workspace one.
    assert!(
        variants[0].starts_with("./c.txt:1:26: info[name-variant]: \"Sergei Lavrov\" is a spelling variant of \"Sergey Lavrov\""),
        "{out}"
    );
    assert!(variants[0].contains("in 1 other article (a.txt)"), "{out}");
    assert!(
        variants[1].starts_with("./d.txt:1:9: info[name-variant]: \"Bakhtiyor Qodirov\" is another spelling of \"Bakhtiyer Qodirov\""),
        "{out}"
    );
    // One file alone has nothing to compare with.
    let one = stdout(&gazette(&["check", "d.txt"], dir.path()));
    assert!(!one.contains("[name-variant]"), "{one}");
    let j = gazette(&["check", "--format", "json", "."], dir.path());
    let items: Value = serde_json::from_slice(&j.stdout).unwrap();
    let nv: Vec<&Value> = items
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["code"] == "name-variant")
        .collect();
    assert_eq!(nv.len(), 2, "{items}");
    assert_eq!(nv[1]["end_column"], 26);
}

#[test]
fn unreadable_inputs_exit_2_with_a_reason_naming_the_file() {
    let dir = workspace();
    std::fs::write(dir.path().join("bin.txt"), [0u8, 159, 146, 150]).unwrap();
    std::fs::write(dir.path().join("latin1.txt"), [b'C', b'a', b'f', 0xe9]).unwrap();
    for (args, needle) in [
        (
            vec!["annotate", "missing.txt"],
            "missing.txt: no such file or directory",
        ),
        (vec!["annotate", "bin.txt"], "bin.txt: binary file"),
        (vec!["check", "latin1.txt"], "latin1.txt: not valid UTF-8"),
    ] {
        let o = gazette(&args, dir.path());
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains(needle), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    // The good file is still processed next to a bad one.
    let o = gazette(&["annotate", "bin.txt", "story.txt"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("Iran"));
}

#[test]
fn bad_usage_exits_2() {
    let dir = workspace();
    let o = gazette(
        &["annotate", "--document-date", "16/10/2025", "story.txt"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("YYYY-MM-DD"));
    let o = gazette(&["annotate", "--format", "xml", "story.txt"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let o = gazette(&["annotate"], dir.path());
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn kb_check_reports_problems_with_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("gazette.toml"),
        "[kb]\npaths = [\"people.toml\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("people.toml"),
        "[[person]]\nname = \"Jane Roe\"\nshoe = 9\n",
    )
    .unwrap();
    let o = gazette(&["kb", "check", "."], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("people.toml:3:1: error:"), "{out}");
    std::fs::write(
        dir.path().join("people.toml"),
        "[[person]]\nname = \"Jane Roe\"\n",
    )
    .unwrap();
    let o = gazette(&["kb", "check", "."], dir.path());
    assert!(o.status.success(), "{}", stdout(&o));
    let o = gazette(&["kb", "lookup", "--root", ".", "Jane Roe"], dir.path());
    assert!(stdout(&o).contains("Jane Roe"), "{}", stdout(&o));
}

/// Articles of very different sizes (two above the size where one
/// article's output streams out in pieces), CRLF, and an unreadable file.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let para = "Russian Foreign Minister Sergei Lavrov met Iran's envoy in Beijing on July 3, 2024. \
                Chinese officials said the U.S. was not invited.\n\n";
    for (i, repeat) in [3000, 1, 40, 0, 2500, 7, 1, 300].into_iter().enumerate() {
        std::fs::write(dir.path().join(format!("{i}.txt")), para.repeat(repeat)).unwrap();
    }
    std::fs::write(dir.path().join("3b.txt"), [0u8, 1, 2]).unwrap();
    std::fs::write(dir.path().join("5b.txt"), STORY).unwrap();
    dir
}

#[test]
fn annotate_many_files_writes_what_single_runs_write_in_order() {
    let dir = corpus();
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for format in ["jsonl", "conll", "spacy"] {
        let all = gazette(&["annotate", "--format", format, "."], dir.path());
        assert_eq!(all.status.code(), Some(2), "{}", stderr(&all));
        assert_eq!(
            stderr(&all).trim(),
            "gazette: ./3b.txt: binary file (contains NUL bytes), not a text article"
        );
        let mut one_by_one = Vec::new();
        for name in &names {
            let path = format!("./{name}");
            let o = gazette(&["annotate", "--format", format, &path], dir.path());
            one_by_one.extend_from_slice(&o.stdout);
        }
        assert!(
            all.stdout.len() > 1_000_000,
            "{format}: {}",
            all.stdout.len()
        );
        assert!(
            all.stdout == one_by_one,
            "{format}: output differs from single runs"
        );
    }
}

#[test]
fn annotate_into_a_closed_pipe_ends_quietly() {
    let dir = corpus();
    let mut child = spawn(&["annotate", "."], dir.path());
    let mut first = [0u8; 100];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}
