//! People, dates and the user knowledge base over stdio.

mod support;

use serde_json::{Value, json};
use support::{Options, TestServer, offset, pos};

const STORY: &str = "---\ndate: 2024-07-10\n---\nForeign Minister Sergey Lavrov said on Monday, 5 July 2024 that analyst Adlan Margoev was wrong.\nYesterday Lavrov met officials in Iran.\n";

fn at(needle: &str) -> Value {
    pos(STORY, STORY.find(needle).unwrap() + 1, "utf-16")
}

fn hover(s: &mut TestServer, uri: &str, p: Value) -> String {
    let r = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": p}),
    );
    r["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn person_hover_and_definition() {
    let mut s = TestServer::start(Options::default());
    let uri = s.open("story.txt", STORY);
    s.diagnostics(&uri, 1);
    let md = hover(&mut s, &uri, at("Lavrov met"));
    assert!(md.contains("Sergey Lavrov"), "{md}");
    assert!(md.contains("wikidata.org/wiki/Q"), "{md}");
    assert!(md.contains("2 in this document"), "{md}");
    let def = s.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri}, "position": at("Sergey Lavrov")}),
    );
    let path = def["result"]["uri"]
        .as_str()
        .unwrap()
        .strip_prefix("file://")
        .unwrap()
        .to_string();
    let line = def["result"]["range"]["start"]["line"].as_u64().unwrap() as usize;
    let kb = std::fs::read_to_string(path).unwrap();
    assert!(
        kb.lines().nth(line).unwrap().contains("Sergey Lavrov"),
        "{:?}",
        kb.lines().nth(line)
    );
    s.shutdown();
}

#[test]
fn relative_dates_hover_inlay_and_weekday_fix() {
    let mut s = TestServer::start(Options::default());
    let uri = s.open("story.txt", STORY);
    let diags = s.diagnostics(&uri, 1);
    let md = hover(&mut s, &uri, at("Yesterday"));
    assert!(md.contains("2024-07-09"), "{md}");
    assert!(md.contains("Tuesday, 9 July 2024"), "{md}");
    assert!(md.to_lowercase().contains("front matter"), "{md}");

    let hints = s.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 10, "character": 0}}}),
    );
    let labels: Vec<String> = hints["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["label"].as_str().unwrap().trim().to_string())
        .collect();
    assert!(labels.iter().any(|l| l == "2024-07-09"), "{labels:?}");

    let mismatch = diags
        .iter()
        .find(|d| d["code"] == "weekday-mismatch")
        .expect("Monday, 5 July 2024 was a Friday");
    let acts = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": mismatch["range"], "context": {"diagnostics": [mismatch]}}),
    );
    let fix = acts["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["edit"].is_object())
        .expect("a quick fix with an edit")
        .clone();
    // Apply the edit as a client would, send it back, and the warning goes.
    let edits = fix["edit"]["changes"][uri.as_str()]
        .as_array()
        .unwrap()
        .clone();
    let mut text = STORY.to_string();
    let mut changes = Vec::new();
    for e in edits.iter().rev() {
        let a = offset(&text, &e["range"]["start"], "utf-16");
        let b = offset(&text, &e["range"]["end"], "utf-16");
        changes.push(json!({"range": e["range"], "text": e["newText"]}));
        text.replace_range(a..b, e["newText"].as_str().unwrap());
    }
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": changes}),
    );
    let after = s.diagnostics(&uri, 2);
    assert!(
        after.iter().all(|d| d["code"] != "weekday-mismatch"),
        "{after:?}\n{text}"
    );
    s.shutdown();
}

#[test]
fn unknown_person_quick_fix_writes_the_user_kb_and_reloads() {
    let mut s = TestServer::start(Options::default());
    let uri = s.open("story.txt", STORY);
    let diags = s.diagnostics(&uri, 1);
    let unknown = diags
        .iter()
        .find(|d| d["code"] == "unknown-person")
        .expect("Adlan Margoev is in no knowledge base")
        .clone();
    let acts = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": unknown["range"], "context": {"diagnostics": [unknown]}}),
    );
    let add = acts["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("user knowledge base"))
        .expect("add-to-KB action")
        .clone();
    let r = s.request(
        "workspace/executeCommand",
        json!({"command": add["command"]["command"], "arguments": add["command"]["arguments"]}),
    );
    assert!(r.get("error").is_none(), "{r}");
    let people = std::fs::read_to_string(s.path("kb/people.toml")).unwrap();
    assert!(
        people.contains("[[person]]\nname = \"Adlan Margoev\"\n"),
        "{people}"
    );
    let config = std::fs::read_to_string(s.path("gazette.toml")).unwrap();
    assert!(config.contains("kb/people.toml"), "{config}");
    // The reload re-analyses the article: the person is known now.
    let mut still = true;
    for _ in 0..100 {
        let ds = s.next_diagnostics(&uri);
        still = ds.iter().any(|d| {
            d["code"] == "unknown-person" && d["message"].as_str().unwrap().contains("Margoev")
        });
        if !still {
            break;
        }
    }
    assert!(!still);
    // Definition now lands on the user's entry.
    let def = s.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri}, "position": at("Adlan Margoev")}),
    );
    assert!(
        def["result"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("kb/people.toml"),
        "{def}"
    );
    s.shutdown();
}

#[test]
fn a_malformed_kb_file_gets_diagnostics_and_builtins_keep_working() {
    let mut s = TestServer::start(Options {
        files: vec![
            ("gazette.toml", b"[kb]\npaths = [\"kb/*.toml\"]\n".to_vec()),
            (
                "kb/people.toml",
                b"[[person]]\nname = \"Jane Roe\"\nshoe_size = 9\n\n[[person]\nname = 3\n".to_vec(),
            ),
        ],
        ..Options::default()
    });
    let kb_uri = s.uri("kb/people.toml");
    let m = s.wait_for(
        |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == kb_uri.as_str()
        },
        "knowledge-base diagnostics",
    );
    let diags = m["params"]["diagnostics"].as_array().unwrap();
    assert!(!diags.is_empty());
    assert!(
        diags
            .iter()
            .all(|d| d["code"] == "kb-invalid" && d["source"] == "gazette")
    );
    let uri = s.open("story.txt", STORY);
    s.diagnostics(&uri, 1);
    let md = hover(&mut s, &uri, at("Iran."));
    assert!(md.contains("**Iran** · COUNTRY"), "{md}");
    s.shutdown();
}

#[test]
fn name_variant_spans_the_workspace() {
    let a =
        "Foreign Minister Sergey Lavrov spoke in Moscow.\nLater Sergey Lavrov left for Ankara.\n";
    let mut s = TestServer::start(Options {
        files: vec![("a.txt", a.as_bytes().to_vec())],
        ..Options::default()
    });
    let b = "Russian Foreign Minister Sergei Lavrov arrived in Tehran.\n";
    let uri = s.open("b.txt", b);
    // The first diagnostics may come before the workspace is indexed; the
    // server republishes them once it is.
    let mut found = None;
    for _ in 0..10 {
        let ds = s.next_diagnostics(&uri);
        let nv: Vec<&Value> = ds.iter().filter(|d| d["code"] == "name-variant").collect();
        assert!(nv.len() <= 1, "{ds:?}");
        if let Some(d) = nv.first()
            && d["message"].as_str().unwrap_or_default().contains("a.txt")
        {
            found = Some((*d).clone());
            break;
        }
    }
    let d = found.expect("a workspace name-variant on b.txt");
    let msg = d["message"].as_str().unwrap();
    assert!(msg.contains("\"Sergei Lavrov\""), "{msg}");
    assert!(
        msg.contains("\"Sergey Lavrov\" in 1 other article (a.txt)"),
        "{msg}"
    );
    let start = b.find("Sergei").unwrap();
    assert_eq!(d["range"]["start"], pos(b, start, "utf-16"));
    let related = d["relatedInformation"]
        .as_array()
        .expect("related information");
    assert_eq!(related.len(), 1, "{related:?}");
    assert_eq!(related[0]["location"]["uri"], s.uri("a.txt").as_str());
    assert_eq!(
        related[0]["location"]["range"]["start"],
        pos(a, a.find("Sergey").unwrap(), "utf-16")
    );
    // The quick fixes: the canonical spelling, or an alias in the user KB.
    let acts = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    let acts = acts["result"].as_array().cloned().unwrap_or_default();
    let change = acts
        .iter()
        .find(|a| a["title"] == "Change to \"Sergey Lavrov\"")
        .unwrap_or_else(|| panic!("{acts:?}"));
    let edits = change["edit"]["changes"][uri.as_str()].as_array().unwrap();
    assert_eq!(edits[0]["newText"], "Sergey Lavrov");
    let alias = acts
        .iter()
        .find(|a| a["command"]["command"] == "gazette.addPerson")
        .unwrap_or_else(|| panic!("{acts:?}"));
    assert_eq!(alias["command"]["arguments"][0]["name"], "Sergey Lavrov");
    assert_eq!(
        alias["command"]["arguments"][0]["aliases"][0],
        "Sergei Lavrov"
    );
    s.shutdown();
}
