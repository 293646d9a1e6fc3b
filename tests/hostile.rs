//! Hostile input: each case gets a clear message and the program stays
//! responsive (the server answers the next request; the CLI exits cleanly).

mod support;

use serde_json::json;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::{Options, TestServer};

fn gazette(args: &[&str], dir: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run gazette")
}

#[test]
fn cli_refuses_files_above_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("big.txt"), "Iran ".repeat(300_000)).unwrap();
    let o = gazette(
        &["annotate", "--max-file-size-mb", "1", "big.txt"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("big.txt") && err.contains("above the 1 MB limit"),
        "{err}"
    );
    let o = gazette(&["annotate", "big.txt"], dir.path());
    assert!(o.status.success());
}

#[test]
fn cli_survives_pathological_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mut long = "x".repeat(100_000);
    long.push_str(" Iran ");
    long.push_str(&"1/".repeat(200_000));
    long.push_str(&" May".repeat(50_000));
    std::fs::write(dir.path().join("odd.txt"), &long).unwrap();
    let start = Instant::now();
    let o = gazette(&["annotate", "odd.txt"], dir.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("\"Iran\""));
    assert!(start.elapsed() < Duration::from_secs(60));
}

#[test]
fn server_reports_oversized_documents_and_keeps_answering() {
    let mut s = TestServer::start(Options {
        settings: json!({"gazette": {"debounceMs": 0, "maxFileSizeMb": 1}}),
        ..Options::default()
    });
    let uri = s.open("big.txt", &"Iran and Russia. ".repeat(100_000));
    let diags = s.diagnostics(&uri, 1);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], "file-too-large");
    assert!(
        diags[0]["message"]
            .as_str()
            .unwrap()
            .contains("gazette.maxFileSizeMb")
    );
    let small = s.open("small.txt", "Iran\u{0}and\u{0}Russia");
    s.diagnostics(&small, 1);
    let ents = s.entities(&small);
    assert_eq!(ents.len(), 2, "NUL bytes are just separators: {ents:?}");
    let long_word = format!("{} Iran", "y".repeat(100_000));
    let lw = s.open("word.txt", &long_word);
    s.diagnostics(&lw, 1);
    assert_eq!(s.entities(&lw).len(), 1);
    s.shutdown();
}

#[test]
fn cancelled_requests_get_an_answer_and_the_server_goes_on() {
    let mut s = TestServer::start(Options::default());
    let uri = s.open("a.txt", "Iran and Russia.");
    s.diagnostics(&uri, 1);
    // Cancel a request right after sending it: whichever wins, the request
    // is answered (result or RequestCancelled) and later ones still work.
    let r = s.request_then_cancel(
        "gazette/entities",
        json!({"textDocument": {"uri": uri}}),
        9999,
    );
    assert!(
        r.get("result").is_some() || r["error"]["code"] == -32800,
        "{r}"
    );
    s.notify("$/cancelRequest", json!({"id": 123456}));
    assert_eq!(s.entities(&uri).len(), 2);
    s.shutdown();
}

#[test]
fn a_client_that_disconnects_mid_request_ends_the_server() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    {
        let mut stdin = child.stdin.take().unwrap();
        let init = json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}).to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{}", init.len(), init).unwrap();
        let half = r#"{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","par"#;
        write!(stdin, "Content-Length: 200\r\n\r\n{half}").unwrap();
    } // stdin closed here, mid-message
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let _ = status;
            break;
        }
        assert!(
            Instant::now() < deadline,
            "server hung after the client vanished"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}
