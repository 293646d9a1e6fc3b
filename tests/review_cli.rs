//! The reviewer commands through the real binary: annotate with a
//! sidecar, `--format brat --write`, `agree`, `review-stats`.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn gazette(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        .output()
        .expect("run gazette")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

const TEXT: &str = "Russia and Iran met in Oman.\r\nLavrov said Russia would help.\r\n";
// Russia (0..6) accepted, Iran rejected, Lavrov tagged by hand; Oman and the
// second Russia are pending suggestions.
const ANN: &str = "T1\tCOUNTRY 0 6\tRussia\nA1\tStatus T1 Accepted\nT2\tCOUNTRY 11 15\tIran\nA2\tStatus T2 Rejected\n#1\tAnnotatorNotes T2\tnot a country here?\nT3\tPERSON 29 35\tLavrov\nR1\tMeets Arg1:T3 Arg2:T1\n";

fn story(dir: &Path) -> String {
    std::fs::write(dir.join("story.txt"), TEXT).unwrap();
    std::fs::write(dir.join("story.ann"), ANN).unwrap();
    dir.join("story.txt").display().to_string()
}

fn texts(out: &str) -> Vec<String> {
    out.lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            format!(
                "{} {}",
                v["text"].as_str().unwrap(),
                v["label"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn annotate_emits_accepted_and_manual_and_drops_rejected() {
    let d = tempfile::tempdir().unwrap();
    let p = story(d.path());
    let o = gazette(&["annotate", &p]);
    assert!(o.status.success());
    assert_eq!(texts(&stdout(&o)), vec!["Russia COUNTRY", "Lavrov PERSON"]);
    let o = gazette(&["annotate", "--include-suggestions", &p]);
    assert_eq!(
        texts(&stdout(&o)),
        vec![
            "Russia COUNTRY",
            "Oman COUNTRY",
            "Lavrov PERSON",
            "Russia COUNTRY"
        ]
    );
    // spaCy form: code points of the LF-normalised text.
    let o = gazette(&["annotate", "--format", "spacy", &p]);
    let v: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["spans"][1]["start"], 29);
    // brat to stdout: the sidecar unchanged.
    let o = gazette(&["annotate", "--format", "brat", &p]);
    assert_eq!(stdout(&o), ANN);
}

#[test]
fn annotate_brat_write_merges_into_the_sidecar_atomically() {
    let d = tempfile::tempdir().unwrap();
    let p = story(d.path());
    let o = gazette(&[
        "annotate",
        "--format",
        "brat",
        "--write",
        "--suggestions",
        &p,
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(stdout(&o), "");
    let written = std::fs::read_to_string(d.path().join("story.ann")).unwrap();
    assert!(written.starts_with(ANN), "{written}");
    assert_eq!(
        &written[ANN.len()..],
        "T4\tCOUNTRY 23 27\tOman\nA3\tStatus T4 Suggested\nN1\tReference T4 gazette:country:om\tOman\n\
         T5\tCOUNTRY 41 47\tRussia\nA4\tStatus T5 Suggested\nN2\tReference T5 gazette:country:ru\tRussia\n"
    );
    let names: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "no temp file left: {names:?}");
    // Running again changes nothing.
    gazette(&[
        "annotate",
        "--format",
        "brat",
        "--write",
        "--suggestions",
        &p,
    ]);
    assert_eq!(
        std::fs::read_to_string(d.path().join("story.ann")).unwrap(),
        written
    );
    // Without a sidecar, --write creates one with every suggestion pending.
    std::fs::write(d.path().join("b.txt"), "Iran and Iraq.\n").unwrap();
    let b = d.path().join("b.txt").display().to_string();
    assert!(
        gazette(&["annotate", "--format", "brat", "--write", &b])
            .status
            .success()
    );
    let b_ann = std::fs::read_to_string(d.path().join("b.ann")).unwrap();
    assert!(
        b_ann.starts_with("T1\tCOUNTRY 0 4\tIran\nA1\tStatus T1 Suggested\n"),
        "{b_ann}"
    );
    // --write is for brat only
    assert_eq!(gazette(&["annotate", "--write", &b]).status.code(), Some(2));
}

#[test]
fn a_corrupt_sidecar_is_reported_and_left_byte_identical() {
    let d = tempfile::tempdir().unwrap();
    let p = story(d.path());
    let corrupt = "T1\tCOUNTRY 0 6\tRussia\r\nT2 COUNTRY 11 15 Iran\r\n";
    std::fs::write(d.path().join("story.ann"), corrupt).unwrap();
    for args in [
        vec!["annotate", "--format", "brat", "--write", p.as_str()],
        vec!["annotate", p.as_str()],
        vec!["review-stats", p.as_str()],
    ] {
        let o = gazette(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("story.ann") && err.contains("line 2, column 3"),
            "{err}"
        );
        assert_eq!(
            std::fs::read(d.path().join("story.ann")).unwrap(),
            corrupt.as_bytes()
        );
    }
}

#[test]
fn review_stats_counts_per_label_and_file() {
    let d = tempfile::tempdir().unwrap();
    story(d.path());
    std::fs::write(d.path().join("new.txt"), "Iran and Iraq.\n").unwrap();
    let o = gazette(&[
        "review-stats",
        "--format",
        "json",
        &d.path().display().to_string(),
    ]);
    assert!(o.status.success());
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["files"][0]["sidecar"], false);
    assert_eq!(v["files"][0]["total"]["pending"], 2);
    assert_eq!(v["files"][1]["labels"]["COUNTRY"]["accepted"], 1);
    assert_eq!(v["files"][1]["labels"]["COUNTRY"]["rejected"], 1);
    assert_eq!(v["files"][1]["labels"]["COUNTRY"]["pending"], 2);
    assert_eq!(v["files"][1]["labels"]["PERSON"]["manual"], 1);
    assert_eq!(v["total"]["pending"], 4);
    assert_eq!(v["files"][1]["stale"], 0);
    let o = gazette(&["review-stats", &d.path().display().to_string()]);
    let t = stdout(&o);
    assert!(t.contains("(no .ann)") && t.contains("(all)"), "{t}");
    // The article was edited outside the editor: its tags are stale.
    std::fs::write(
        d.path().join("story.txt"),
        TEXT.replace("Russia and", "Russia, Iraq and"),
    )
    .unwrap();
    let o = gazette(&["review-stats", &d.path().display().to_string()]);
    assert!(stdout(&o).contains("story.txt (2 stale)"), "{}", stdout(&o));
    let o = gazette(&[
        "annotate",
        &d.path().join("story.txt").display().to_string(),
    ]);
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("warning") && err.contains("story.ann:3: T2 says “Iran”"),
        "{err}"
    );
}

#[test]
fn agree_between_two_folders() {
    let d = tempfile::tempdir().unwrap();
    let (a, b) = (d.path().join("alice"), d.path().join("bob"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    let text = "Russia and Iran met. Lavrov spoke.";
    std::fs::write(a.join("x.txt"), text).unwrap();
    std::fs::write(
        a.join("x.ann"),
        "T1\tCOUNTRY 0 6\tRussia\nT2\tCOUNTRY 11 15\tIran\nT3\tPERSON 21 27\tLavrov\n",
    )
    .unwrap();
    std::fs::write(
        b.join("x.ann"),
        "T1\tCOUNTRY 0 6\tRussia\nT2\tDEMONYM 11 15\tIran\nT3\tPERSON 21 27\tLavrov\n",
    )
    .unwrap();
    let (sa, sb) = (a.display().to_string(), b.display().to_string());
    let o = gazette(&["agree", "--format", "json", &sa, &sb]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["documents"], 1);
    assert_eq!(v["tokens"], 8);
    let p = &v["pairs"][0];
    assert_eq!(p["labels"]["PERSON"]["f1"], 1.0);
    assert_eq!(p["labels"]["DEMONYM"]["f1"], 0.0);
    // Tokens A: C O C O O P O O, B: C O D O O P O O: p_o = 7/8,
    // p_e = (1·2 + 1·1 + 5·5)/64 = 28/64, kappa = (56/64 - 28/64)/(36/64) = 7/9.
    let k = p["overall"]["kappa"].as_f64().unwrap();
    assert!((k - 7.0 / 9.0).abs() < 1e-9, "{k}");
    let o = gazette(&["agree", &sa, &sb]);
    let t = stdout(&o);
    assert!(t.contains("Krippendorff") && t.contains("COUNTRY"), "{t}");
    // One annotator is not agreement; a missing path is named.
    assert_eq!(gazette(&["agree", &sa]).status.code(), Some(2));
    let o = gazette(&["agree", &sa, "/nonexistent/dir"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent/dir"));
}

#[test]
fn agree_on_the_fixture_files_of_one_article() {
    let f = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/brat");
    let a = f.join("gazette_review.ann").display().to_string();
    let o = gazette(&["agree", "--format", "json", &a, &a]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["pairs"][0]["overall"]["f1"], 1.0);
    assert_eq!(v["pairs"][0]["overall"]["kappa"], 1.0);
}

/// Sidecars written by gazette's decisions, for loading in the real brat
/// (`tests/brat/check-brat.sh` sets `GAZETTE_BRAT_OUT`). Without the
/// variable the files go to a temporary folder and are checked here.
#[test]
fn write_brat_corpus() {
    use gazette::review::{Decision, apply, parse, validate};
    use gazette::{Context, analyze};
    let tmp = tempfile::tempdir().unwrap();
    let out = std::env::var_os("GAZETTE_BRAT_OUT")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&out).unwrap();
    let articles: [(&str, &str); 3] = [
        (
            "reviewed",
            "MOSCOW, June 12 — Russian Foreign Minister Sergey Lavrov met\nIran's envoy; Russia and Iran will talk again next week.\n",
        ),
        (
            "crlf",
            "BERLIN, May 5\r\nGerman Chancellor Olaf Scholz visited Kyiv.\r\nUkraine and Germany signed a deal.\r\n",
        ),
        (
            "unicode",
            "Zürich, 2 März — 🇨🇭 Swiss and Japanese officials: Erdoğan met Łukasz Kamiński in Côte d’Ivoire and Türkiye.\n",
        ),
    ];
    for (name, text) in articles {
        let a = analyze(text, &Context::default());
        let mut ann = String::new();
        let at = |s: &str| {
            let i = text.find(s).unwrap();
            (i, i + s.len())
        };
        let mut decisions = vec![];
        for (k, e) in a.entities.iter().enumerate() {
            decisions.push(match k % 3 {
                0 => Decision::Accept {
                    start: e.start,
                    end: e.end,
                },
                1 => Decision::Reject {
                    start: e.start,
                    end: e.end,
                },
                _ => Decision::Note {
                    start: e.start,
                    end: e.end,
                    text: "check\tthis".into(),
                },
            });
        }
        let person = match name {
            "reviewed" => "Sergey Lavrov",
            "crlf" => "Olaf Scholz",
            _ => "Łukasz Kamiński",
        };
        let (s, e) = at(person);
        decisions.push(Decision::Tag {
            start: s,
            end: e,
            label: "PERSON".into(),
        });
        decisions.push(Decision::Link {
            start: s,
            end: e,
            reference: "Wikidata:Q184950".into(),
            name: person.into(),
        });
        decisions.push(Decision::Note {
            start: s,
            end: e,
            text: "a “quoted” note".into(),
        });
        // A selection across a line break: two fragments.
        if name != "unicode" {
            let nl = text.find('\n').unwrap();
            let s = text[..nl].rfind(' ').unwrap() + 1;
            let e = text[nl..].find(' ').unwrap() + nl;
            decisions.push(Decision::Tag {
                start: s,
                end: e,
                label: "DATE".into(),
            });
        }
        for d in &decisions {
            let doc = parse(&ann).unwrap();
            ann = apply(&doc, text, &a, d).unwrap_or_else(|e| panic!("{name} {d:?}: {e}"));
        }
        let doc = parse(&ann).unwrap();
        assert!(validate(&doc, text).is_empty(), "{name}: {ann}");
        assert!(ann.contains("Status"), "{ann}");
        std::fs::write(out.join(format!("{name}.txt")), text).unwrap();
        std::fs::write(out.join(format!("{name}.ann")), &ann).unwrap();
    }
}

#[test]
fn agree_with_three_annotators_reports_alpha() {
    let d = tempfile::tempdir().unwrap();
    let text = "Iran met Iraq.";
    // Tokens: Iran met Iraq . — A and B agree everywhere, C misses Iraq.
    let anns = [
        "T1\tCOUNTRY 0 4\tIran\nT2\tCOUNTRY 9 13\tIraq\n",
        "T1\tCOUNTRY 0 4\tIran\nT2\tCOUNTRY 9 13\tIraq\n",
        "T1\tCOUNTRY 0 4\tIran\n",
    ];
    let mut paths = vec![];
    for (i, a) in anns.iter().enumerate() {
        let dir = d.path().join(format!("r{i}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("s.txt"), text).unwrap();
        std::fs::write(dir.join("s.ann"), a).unwrap();
        paths.push(dir.display().to_string());
    }
    let mut args = vec!["agree", "--format", "json"];
    args.extend(paths.iter().map(String::as_str));
    let o = gazette(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["pairs"].as_array().unwrap().len(), 3);
    // Units: Iran (C,C,C), met (O,O,O), Iraq (C,C,O), . (O,O,O).
    // Pairs of values from different coders, each weighted 1/(m_u - 1) = 1/2:
    // Iran: 6 C-C → o_CC += 3; met and ".": 6 O-O each → o_OO += 3 + 3;
    // Iraq: C-C ×2, C-O ×2, O-C ×2 → o_CC += 1, o_CO += 1, o_OC += 1.
    // o_CC = 4, o_OO = 6, o_CO = o_OC = 1; n_C = 5, n_O = 7, n = 12.
    // alpha = 1 - (n - 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k = 1 - 11·2 / (2·5·7) = 48/70.
    let alpha = v["alpha"].as_f64().unwrap();
    assert!((alpha - 48.0 / 70.0).abs() < 1e-9, "{alpha}");
}
