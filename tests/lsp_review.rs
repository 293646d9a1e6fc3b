//! The reviewer's loop over stdio: code actions, commands and the `.ann`
//! sidecar they write.

mod support;

use serde_json::{Value, json};
use support::{Options, TestServer, pos};

const STORY: &str = "Russian envoys flew to Iran on Monday.\nIran said talks went well.\n";

fn actions(s: &mut TestServer, uri: &str, text: &str, at: usize) -> Vec<Value> {
    let r = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri},
               "range": {"start": pos(text, at, "utf-16"), "end": pos(text, at, "utf-16")},
               "context": {"diagnostics": []}}),
    );
    r["result"].as_array().cloned().unwrap_or_default()
}

fn run(s: &mut TestServer, action: &Value) -> Value {
    let cmd = &action["command"];
    s.request(
        "workspace/executeCommand",
        json!({"command": cmd["command"], "arguments": cmd["arguments"]}),
    )
}

fn status_of(s: &mut TestServer, uri: &str, text: &str) -> Option<String> {
    s.entities(uri)
        .iter()
        .find(|e| e["text"] == text)
        .and_then(|e| e["status"].as_str().map(str::to_string))
}

#[test]
fn accept_reject_and_tag_write_the_sidecar() {
    let mut s = TestServer::start(Options {
        files: vec![("story.txt", STORY.as_bytes().to_vec())],
        ..Options::default()
    });
    let uri = s.open("story.txt", STORY);
    s.diagnostics(&uri, 1);

    let iran = STORY.find("Iran").unwrap();
    let acts = actions(&mut s, &uri, STORY, iran + 1);
    let titles: Vec<&str> = acts.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert!(titles.iter().any(|t| t.starts_with("Accept")), "{titles:?}");
    assert!(titles.iter().any(|t| t.starts_with("Reject")), "{titles:?}");
    let accept = acts
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Accept"))
        .unwrap()
        .clone();
    let r = run(&mut s, &accept);
    assert_eq!(r["result"]["applied"], true, "{r}");
    let ann = std::fs::read_to_string(s.path("story.ann")).unwrap();
    let lines: Vec<&str> = ann.lines().collect();
    assert_eq!(lines[0], "T1\tCOUNTRY 23 27\tIran");
    assert_eq!(lines[1], "A1\tStatus T1 Accepted");
    assert_eq!(lines[2], "N1\tReference T1 gazette:country:ir\tIran");

    // The named commands the editors bind to keys.
    let russian = STORY.find("Russian").unwrap();
    let r = s.request(
        "workspace/executeCommand",
        json!({"command": "gazette.reject", "arguments": [{"uri": uri, "range": {"start": pos(STORY, russian, "utf-16"), "end": pos(STORY, russian, "utf-16")}}]}),
    );
    assert!(r.get("error").is_none(), "{r}");
    let monday = STORY.find("Monday").unwrap();
    let r = s.request(
        "workspace/executeCommand",
        json!({"command": "gazette.tagSelection", "arguments": [{"uri": uri, "label": "DATE",
               "range": {"start": pos(STORY, monday, "utf-16"), "end": pos(STORY, monday + 6, "utf-16")}}]}),
    );
    assert!(r.get("error").is_none(), "{r}");
    let ann = std::fs::read_to_string(s.path("story.ann")).unwrap();
    assert!(ann.contains("\tDEMONYM 0 7\tRussian\n"), "{ann}");
    assert!(ann.contains("Rejected"), "{ann}");
    assert!(ann.contains("\tDATE 31 37\tMonday\n"), "{ann}");

    // The editor sees the decisions.
    let mut seen = (None, None, None);
    for _ in 0..100 {
        seen = (
            status_of(&mut s, &uri, "Iran"),
            status_of(&mut s, &uri, "Russian"),
            status_of(&mut s, &uri, "Monday"),
        );
        if seen.0.as_deref() == Some("accepted") && seen.2.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(seen.0.as_deref(), Some("accepted"));
    assert_eq!(seen.1.as_deref(), Some("rejected"));
    assert_eq!(seen.2.as_deref(), Some("manual"));
    s.shutdown();
}

#[test]
fn decisions_move_with_edits_and_are_saved_with_the_article() {
    let mut s = TestServer::start(Options {
        files: vec![("story.txt", STORY.as_bytes().to_vec())],
        ..Options::default()
    });
    let uri = s.open("story.txt", STORY);
    s.diagnostics(&uri, 1);
    let iran = STORY.find("Iran").unwrap();
    let accept = actions(&mut s, &uri, STORY, iran)
        .into_iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Accept"))
        .unwrap();
    run(&mut s, &accept);
    // Insert text before the tag; the stored span must follow it.
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "Éclat: "}]}),
    );
    let edited = format!("Éclat: {STORY}");
    std::fs::write(s.path("story.txt"), &edited).unwrap();
    s.diagnostics(&uri, 2);
    s.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    let mut ann = String::new();
    for _ in 0..100 {
        ann = std::fs::read_to_string(s.path("story.ann")).unwrap();
        if ann.starts_with("T1\tCOUNTRY 30 34\tIran") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(ann.starts_with("T1\tCOUNTRY 30 34\tIran\n"), "{ann}");

    // Deleting the tagged word leaves the decision flagged, not moved.
    let at = edited.find("Iran").unwrap();
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3},
               "contentChanges": [{"range": {"start": pos(&edited, at, "utf-16"), "end": pos(&edited, at + 4, "utf-16")}, "text": "Oman"}]}),
    );
    let diags = s.diagnostics(&uri, 3);
    assert!(
        diags.iter().any(|d| d["code"] == "stale-annotation"),
        "{diags:?}"
    );
    s.shutdown();
}

#[test]
fn a_corrupt_sidecar_is_reported_and_never_rewritten() {
    let corrupt = "T1\tCOUNTRY 23 27\tIran\nthis is not brat\n";
    let mut s = TestServer::start(Options {
        files: vec![
            ("story.txt", STORY.as_bytes().to_vec()),
            ("story.ann", corrupt.as_bytes().to_vec()),
        ],
        ..Options::default()
    });
    let uri = s.open("story.txt", STORY);
    s.diagnostics(&uri, 1);
    let ann_uri = s.uri("story.ann");
    let m = s.wait_for(
        |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == ann_uri.as_str()
        },
        "sidecar diagnostics",
    );
    let d = &m["params"]["diagnostics"][0];
    assert_eq!(d["range"]["start"]["line"], 1, "{d}");

    let iran = STORY.find("Iran").unwrap();
    let acts = actions(&mut s, &uri, STORY, iran);
    let blocked = acts
        .iter()
        .find(|a| a["disabled"].is_object())
        .expect("a disabled review action");
    assert!(
        blocked["disabled"]["reason"]
            .as_str()
            .unwrap()
            .contains("story.ann"),
        "{blocked}"
    );
    let r = s.request(
        "workspace/executeCommand",
        json!({"command": "gazette.accept", "arguments": [{"uri": uri, "range": {"start": pos(STORY, iran, "utf-16"), "end": pos(STORY, iran, "utf-16")}}]}),
    );
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("unavailable"),
        "{r}"
    );
    assert_eq!(
        std::fs::read_to_string(s.path("story.ann")).unwrap(),
        corrupt
    );
    s.shutdown();
}

#[test]
fn external_sidecar_changes_are_picked_up() {
    let mut s = TestServer::start(Options {
        files: vec![("story.txt", STORY.as_bytes().to_vec())],
        ..Options::default()
    });
    let uri = s.open("story.txt", STORY);
    s.diagnostics(&uri, 1);
    assert_eq!(
        status_of(&mut s, &uri, "Iran").as_deref(),
        Some("suggested")
    );
    std::fs::write(
        s.path("story.ann"),
        "T1\tCOUNTRY 23 27\tIran\nA1\tStatus T1 Rejected\n",
    )
    .unwrap();
    let ann_uri = s.uri("story.ann");
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": ann_uri, "type": 2}]}),
    );
    let mut status = None;
    for _ in 0..100 {
        status = status_of(&mut s, &uri, "Iran");
        if status.as_deref() == Some("rejected") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(status.as_deref(), Some("rejected"));
    s.shutdown();
}
