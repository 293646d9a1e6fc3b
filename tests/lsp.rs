//! End-to-end tests of `gazette lsp`: the real binary over stdio.

mod support;

use serde_json::{Value, json};
use support::{Options, TestServer, offset, pos};

const ARTICLE: &str = "Заголовок 🎉: Russia and Iran met in Geneva.\nRussian officials said the U.S. was invited.\nFighting resumed in Congo.\n";

fn entity_texts(text: &str, ents: &[Value], enc: &str) -> Vec<(String, String)> {
    ents.iter()
        .map(|e| {
            let a = offset(text, &e["range"]["start"], enc);
            let b = offset(text, &e["range"]["end"], enc);
            (
                e["label"].as_str().unwrap().to_string(),
                text[a..b].to_string(),
            )
        })
        .collect()
}

#[test]
fn initialize_negotiates_each_position_encoding() {
    let cases: [(Option<Vec<&'static str>>, &str); 5] = [
        (Some(vec!["utf-8"]), "utf-8"),
        (Some(vec!["utf-32", "utf-8"]), "utf-32"),
        (Some(vec!["utf-16"]), "utf-16"),
        (None, "utf-16"),
        (Some(vec!["latin-1"]), "utf-16"),
    ];
    for (offered, expected) in cases {
        let mut s = TestServer::start(Options {
            encodings: offered,
            ..Options::default()
        });
        assert_eq!(s.encoding, expected);
        let uri = s.open("a.txt", ARTICLE);
        s.diagnostics(&uri, 1);
        let ents = s.entities(&uri);
        let got = entity_texts(ARTICLE, &ents, expected);
        assert_eq!(
            got[0],
            ("COUNTRY".to_string(), "Russia".to_string()),
            "{expected}: {got:?}"
        );
        let russia = ARTICLE.find("Russia").unwrap();
        assert_eq!(ents[0]["range"]["start"], pos(ARTICLE, russia, expected));
        s.shutdown();
    }
}

#[test]
fn hover_definition_highlight_symbols_and_entities() {
    let mut s = TestServer::start(Options::default());
    let uri = s.open("a.txt", ARTICLE);
    let diags = s.diagnostics(&uri, 1);
    let congo = diags
        .iter()
        .find(|d| d["code"] == "ambiguous-entity")
        .expect("ambiguous-entity for Congo");
    assert_eq!(congo["source"], "gazette");
    assert!(congo["message"].as_str().unwrap().contains("Congo"));

    let at = ARTICLE.find("Russia and").unwrap() + 2;
    let hover = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": pos(ARTICLE, at, "utf-16")}),
    );
    let md = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(md.contains("**Russia** · COUNTRY"), "{md}");
    assert!(
        md.contains("Russian Federation") && md.contains("`RU`") && md.contains("Moscow"),
        "{md}"
    );
    assert!(md.contains("2 in this document"), "{md}");

    let def = s.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri}, "position": pos(ARTICLE, at, "utf-16")}),
    );
    let target = def["result"]["uri"].as_str().expect("definition uri");
    let path = target.strip_prefix("file://").unwrap();
    let kb = std::fs::read_to_string(path).expect("materialised KB file exists");
    let line = def["result"]["range"]["start"]["line"].as_u64().unwrap() as usize;
    assert!(
        kb.lines().nth(line).unwrap().starts_with("Russia [RU/RUS]"),
        "{:?}",
        kb.lines().nth(line)
    );

    let hl = s.request(
        "textDocument/documentHighlight",
        json!({"textDocument": {"uri": uri}, "position": pos(ARTICLE, at, "utf-16")}),
    );
    assert_eq!(
        hl["result"].as_array().unwrap().len(),
        2,
        "Russia + Russian: {hl}"
    );

    let syms = s.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let groups = syms["result"].as_array().unwrap();
    assert_eq!(groups[0]["name"], "COUNTRY");
    let names: Vec<&str> = groups[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"Russia") && names.contains(&"Iran") && names.contains(&"United States"),
        "{names:?}"
    );

    let ents = s.entities(&uri);
    let russian = ents.iter().find(|e| e["label"] == "DEMONYM").unwrap();
    assert_eq!(russian["id"], "country:ru");
    assert_eq!(russian["canonical"], "Russia");
    assert_eq!(russian["text"], "Russian");
    s.shutdown();
}

#[test]
fn references_and_workspace_symbols_cover_files_on_disk() {
    let mut s = TestServer::start(Options {
        files: vec![
            (
                "b.md",
                b"# Notes\n\nIranians welcomed the deal with Iran.\n".to_vec(),
            ),
            ("sub/c.txt", b"Iran, again.".to_vec()),
            ("bad.txt", vec![b'I', b'r', b'a', b'n', 0xff, b' ', b'x']),
            ("blob.txt", vec![0, 1, 2, 3, b'I', b'r', b'a', b'n']),
        ],
        progress: true,
        ..Options::default()
    });
    let uri = s.open("a.txt", ARTICLE);
    s.diagnostics(&uri, 1);
    let at = ARTICLE.find("Iran").unwrap();
    // Indexing runs in the background: ask until it has caught up.
    let mut files = Vec::new();
    for _ in 0..100 {
        let r = s.request(
            "textDocument/references",
            json!({"textDocument": {"uri": uri}, "position": pos(ARTICLE, at, "utf-16"), "context": {"includeDeclaration": true}}),
        );
        files = r["result"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                l["uri"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect();
        // Files are indexed in any order: wait for every one.
        if files.iter().any(|f| f == "c.txt")
            && files.iter().any(|f| f == "bad.txt")
            && files.iter().filter(|f| *f == "b.md").count() == 2
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(
        files.iter().filter(|f| *f == "a.txt").count(),
        1,
        "{files:?}"
    );
    assert_eq!(
        files.iter().filter(|f| *f == "b.md").count(),
        2,
        "{files:?}"
    );
    assert!(files.iter().any(|f| f == "c.txt"), "{files:?}");
    assert!(
        files.iter().any(|f| f == "bad.txt"),
        "invalid UTF-8 is indexed lossily: {files:?}"
    );
    assert!(
        !files.iter().any(|f| f == "blob.txt"),
        "binary files are skipped: {files:?}"
    );

    let ws = s.request("workspace/symbol", json!({"query": "ira"}));
    let hits = ws["result"].as_array().unwrap();
    assert!(hits.iter().any(|h| h["name"] == "Iran"), "{hits:?}");

    // Workspace counts appear once indexing has finished.
    let mut md = String::new();
    for _ in 0..100 {
        let hover = s.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": pos(ARTICLE, at, "utf-16")}),
        );
        md = hover["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .to_string();
        if md.contains("in the workspace") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(md.contains("in the workspace"), "{md}");
    s.shutdown();
}

#[test]
fn incremental_changes_with_multibyte_text() {
    let mut s = TestServer::start(Options::default());
    let mut text = String::from("Hello 🎉 world\r\nnothing here\n");
    let uri = s.open("a.txt", &text);
    s.diagnostics(&uri, 1);
    // Insert after the emoji (UTF-16 column 8), then replace across lines.
    let at = text.find(" world").unwrap();
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": {"start": pos(&text, at, "utf-16"), "end": pos(&text, at, "utf-16")}, "text": " Zoë in Türkiye"}]}),
    );
    text.insert_str(at, " Zoë in Türkiye");
    let a = text.find("world").unwrap();
    let b = text.find("here").unwrap();
    let change = json!({"range": {"start": pos(&text, a, "utf-16"), "end": pos(&text, b, "utf-16")}, "text": "and Iran "});
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [change]}),
    );
    text.replace_range(a..b, "and Iran ");
    s.diagnostics(&uri, 3);
    let got = entity_texts(&text.replace("\r\n", "\n"), &s.entities(&uri), "utf-16");
    assert_eq!(
        got,
        vec![
            ("COUNTRY".into(), "Türkiye".into()),
            ("COUNTRY".into(), "Iran".into())
        ]
    );
    s.shutdown();
}

/// A tiny deterministic generator, so the burst is the same on every run.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

#[test]
fn burst_of_200_edits_ends_like_a_fresh_open() {
    let mut s = TestServer::start(Options::default());
    let mut text = String::from(ARTICLE);
    let uri = s.open("burst.txt", &text);
    let inserts = [
        "Россия ",
        "🇷🇺 ",
        "Iran ",
        "\n",
        "中国 ",
        "é",
        "Chinese ",
        "U.S. ",
        "\n\n",
        "Belarus, ",
    ];
    let mut rng = Lcg(7);
    for v in 2..=201 {
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let a = bounds[rng.next(bounds.len())];
        let change = if rng.next(10) < 6 || text.len() < 40 {
            let ins = inserts[rng.next(inserts.len())];
            let c = json!({"range": {"start": pos(&text, a, "utf-16"), "end": pos(&text, a, "utf-16")}, "text": ins});
            text.insert_str(a, ins);
            c
        } else {
            let later: Vec<usize> = bounds
                .iter()
                .copied()
                .filter(|&b| b >= a && b <= a + 30)
                .collect();
            let b = later[rng.next(later.len())];
            let c = json!({"range": {"start": pos(&text, a, "utf-16"), "end": pos(&text, b, "utf-16")}, "text": ""});
            text.replace_range(a..b, "");
            c
        };
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v}, "contentChanges": [change]}),
        );
    }
    s.diagnostics(&uri, 201);
    let edited = entity_texts(&text, &s.entities(&uri), "utf-16");
    let fresh_uri = s.open("fresh.txt", &text);
    s.diagnostics(&fresh_uri, 1);
    let fresh = entity_texts(&text, &s.entities(&fresh_uri), "utf-16");
    assert_eq!(edited, fresh);
    assert!(!fresh.is_empty());
    s.shutdown();
}

/// A document analysed in regions (well past 256 KB, with CRLF and lone
/// CR breaks, astral characters, and one line long enough to be cut in
/// the middle), edited with line-adding and line-removing changes (two
/// per notification at times): its diagnostics, entities and hovers are
/// exactly those of the same text opened fresh.
/// UTF-16 position of `byte`, with LF, CRLF and lone CR line breaks.
fn pos_utf16(text: &str, byte: usize) -> Value {
    let before = &text.as_bytes()[..byte];
    let mut line = 0;
    let mut line_start = 0;
    for (i, &c) in before.iter().enumerate() {
        let breaks = c == b'\n' || (c == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n'));
        if breaks {
            line += 1;
            line_start = i + 1;
        }
    }
    let col = text[line_start..byte].encode_utf16().count();
    json!({"line": line, "character": col})
}

#[test]
fn edits_of_a_large_document_publish_what_a_fresh_open_does() {
    // Every diagnostic, not the first 1000, so that all are compared.
    let mut s = TestServer::start(Options {
        settings: json!({"gazette": {"debounceMs": 0, "maxDiagnostics": 0}}),
        ..Options::default()
    });
    let mut text = String::new();
    for i in 0..2400 {
        text.push_str(match i % 4 {
            0 => "Заголовок 🎉: Russia and Iran met in Geneva last June.\r\nZhang Ming said so.\r\n\r\n",
            1 => "Sergei Lavrov spoke on Monday.\rThe U.S. was invited; Congo too.\n\n",
            2 => "Fighting resumed in Congo next week, said Mr. Ivan Petrovski.\n\n",
            _ => "Russian officials met Chinese envoys in 2008.\n\n",
        });
        if i == 1200 {
            text.push_str(&"Iran and Russia talk last week; ".repeat(7000));
            text.push_str("\n\n");
        }
    }
    let uri = s.open("large.txt", &text);
    s.diagnostics(&uri, 1);
    let inserts = [
        "Iran ",
        "\n",
        "\n\n",
        "🇷🇺 ",
        "\r\n",
        "Zhang Ming ",
        "yesterday ",
    ];
    let mut rng = Lcg(11);
    let last = 13;
    for v in 2..=last {
        let mut changes = Vec::new();
        for _ in 0..1 + rng.next(2) {
            let mut a = rng.next(text.len());
            while !text.is_char_boundary(a)
                || (a > 0 && text[..a].ends_with('\r') && text[a..].starts_with('\n'))
            {
                a -= 1;
            }
            let (b, ins) = if rng.next(3) == 0 {
                let mut b = (a + rng.next(400)).min(text.len());
                while !text.is_char_boundary(b)
                    || (text[..b].ends_with('\r') && text[b..].starts_with('\n'))
                {
                    b += 1;
                }
                (b, "")
            } else {
                (a, inserts[rng.next(inserts.len())])
            };
            changes.push(json!({"range": {"start": pos_utf16(&text, a), "end": pos_utf16(&text, b)}, "text": ins}));
            text.replace_range(a..b, ins);
        }
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v}, "contentChanges": changes}),
        );
    }
    let edited = s.diagnostics(&uri, last);
    let fresh_uri = s.open("fresh.txt", &text);
    let fresh = s.diagnostics(&fresh_uri, 1);
    assert_eq!(edited.len(), fresh.len());
    assert!(edited == fresh, "diagnostics differ after edits");
    assert!(fresh.iter().filter(|d| d["code"] == "dct-missing").count() == 1);
    let (a, b) = (s.entities(&uri), s.entities(&fresh_uri));
    assert!(a.len() > 5_000);
    assert!(a == b, "entities differ after edits");
    for e in a.iter().step_by(997) {
        let at = &e["range"]["start"];
        let hover = |s: &mut TestServer, u: &str| {
            s.request(
                "textDocument/hover",
                json!({"textDocument": {"uri": u}, "position": at}),
            )["result"]
                .clone()
        };
        let h = hover(&mut s, &uri);
        assert!(!h.is_null(), "no hover at {at}");
        assert_eq!(h, hover(&mut s, &fresh_uri));
    }
    s.shutdown();
}

#[test]
fn bad_requests_get_clear_answers_and_the_server_stays_up() {
    let mut s = TestServer::start(Options::default());
    let uri = s.open("a.txt", ARTICLE);
    s.diagnostics(&uri, 1);

    // A position far past the end clamps to the end of the text.
    let r = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 9999, "character": 9999}}),
    );
    assert!(r.get("error").is_none(), "{r}");

    // An unknown document is an error that says what to do.
    let r = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere/x.txt"}, "position": {"line": 0, "character": 0}}),
    );
    let msg = r["error"]["message"].as_str().unwrap();
    assert!(msg.contains("not open") && msg.contains("didOpen"), "{msg}");

    // A change for a document never opened is logged and ignored.
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere/y.txt", "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    let log = s.wait_for(|m| m["method"] == "window/logMessage", "log message");
    assert!(
        log["params"]["message"]
            .as_str()
            .unwrap()
            .contains("never opened")
    );

    // Malformed params get an error response.
    let r = s.request("textDocument/hover", json!({"nonsense": true}));
    assert!(r.get("error").is_some(), "{r}");

    // A 10 MB document is analysed and the server answers afterwards.
    let big = ARTICLE.repeat(10 * 1024 * 1024 / ARTICLE.len());
    let big_uri = s.open("big.txt", &big);
    let diags = s.diagnostics(&big_uri, 1);
    assert!(!diags.is_empty());
    let ents = s.entities(&uri);
    assert!(!ents.is_empty());
    assert!(s.is_alive());
    s.shutdown();
}

#[test]
fn settings_switch_rules_and_labels_off() {
    let mut s = TestServer::start(Options {
        settings: json!({"gazette": {"debounceMs": 0, "labels": ["COUNTRY"], "severity": {"ambiguous-entity": "off"}}}),
        ..Options::default()
    });
    let uri = s.open("a.txt", ARTICLE);
    let diags = s.diagnostics(&uri, 1);
    assert!(diags.is_empty(), "{diags:?}");
    let ents = s.entities(&uri);
    assert!(ents.iter().all(|e| e["label"] == "COUNTRY"));
    s.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"gazette": {"labels": ["COUNTRY", "DEMONYM"], "severity": {}}}}),
    );
    // Settings apply to a fresh analysis of the same version.
    let mut seen = false;
    for _ in 0..100 {
        if s.entities(&uri).iter().any(|e| e["label"] == "DEMONYM") {
            seen = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(seen);
    s.shutdown();
}

#[test]
fn diagnostics_beyond_the_limit_are_left_out_with_a_notice() {
    let mut s = TestServer::start(Options {
        settings: json!({"gazette": {"debounceMs": 0, "maxDiagnostics": 5}}),
        ..Options::default()
    });
    // No document date: one warning, then per-paragraph information.
    let text = "Mr. Ivan Petrovski spoke on Monday.\n\n".repeat(40);
    let uri = s.open("many.txt", &text);
    let capped = s.diagnostics(&uri, 1);
    assert_eq!(capped.len(), 6, "{capped:?}");
    assert!(
        capped[..5].iter().any(|d| d["code"] == "dct-missing"),
        "the most severe are kept: {capped:?}"
    );
    let notice = &capped[5];
    assert_eq!(notice["code"], "too-many-diagnostics");
    assert_eq!(notice["severity"], 3);
    let message = notice["message"].as_str().unwrap_or_default();
    assert!(message.contains("gazette.maxDiagnostics"), "{message}");
    s.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"gazette": {"maxDiagnostics": 0}}}),
    );
    let mut all = Vec::new();
    for _ in 0..5 {
        all = s.next_diagnostics(&uri);
        if all.len() > 6 {
            break;
        }
    }
    let hidden: usize = message
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_default();
    assert_eq!(all.len(), 5 + hidden, "the notice counted the rest");
    assert!(all.iter().all(|d| d["code"] != "too-many-diagnostics"));
    assert_eq!(&all[..1], &capped[..1]);
    s.shutdown();
}
