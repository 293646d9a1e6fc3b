//! `gazette agree A B [C...]`: agreement between reviewers' `.ann` files.

use gazette::review::agree::{AgreeDoc, Report, compute};
use gazette::review::read_sidecar;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct AgreeArgs {
    #[arg(long, value_enum, default_value_t = AgreeFormat::Table)]
    pub format: AgreeFormat,
    /// Two or more annotators: folders of `.ann` files (matched by relative
    /// path, the article `.txt` beside them), or `.ann` files of one article.
    #[arg(required = true, num_args = 2.., value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum, PartialEq, Eq)]
pub enum AgreeFormat {
    Table,
    Json,
}

pub fn run(args: &AgreeArgs) -> ExitCode {
    match load(&args.paths) {
        Ok((names, docs)) => {
            let report = compute(&names, &docs);
            let out = match args.format {
                AgreeFormat::Json => {
                    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
                }
                AgreeFormat::Table => table(&report),
            };
            super::inputs::emit(&mut std::io::stdout().lock(), &out);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gazette: {e}");
            ExitCode::from(2)
        }
    }
}

fn ann_files(root: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "ann"))
        .filter_map(|e| e.path().strip_prefix(root).ok().map(Path::to_path_buf))
        .collect();
    v.sort();
    v
}

fn load(paths: &[PathBuf]) -> Result<(Vec<String>, Vec<AgreeDoc>), String> {
    for p in paths {
        if !p.exists() {
            return Err(format!("{}: no such file or directory", p.display()));
        }
    }
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let dirs = paths.iter().filter(|p| p.is_dir()).count();
    // (document name, per annotator: the .ann path)
    let docs: Vec<(String, Vec<PathBuf>)> = if dirs == paths.len() {
        let mut keys = BTreeSet::new();
        for p in paths {
            keys.extend(ann_files(p));
        }
        if keys.is_empty() {
            return Err(format!("no .ann files under {}", names.join(", ")));
        }
        keys.into_iter()
            .map(|k| {
                (
                    k.display().to_string(),
                    paths.iter().map(|p| p.join(&k)).collect(),
                )
            })
            .collect()
    } else if dirs == 0 {
        vec![(names[0].clone(), paths.to_vec())]
    } else {
        return Err("give either folders or .ann files, not a mix".into());
    };
    let mut out = Vec::new();
    for (name, anns) in docs {
        let text_path = anns
            .iter()
            .map(|a| a.with_extension("txt"))
            .find(|t| t.is_file())
            .ok_or_else(|| {
                format!("{name}: no article text (looked for the .txt beside each .ann)")
            })?;
        let bytes = std::fs::read(&text_path)
            .map_err(|e| format!("{}: cannot read: {e}", text_path.display()))?;
        let text = gazette::text::decode_article(bytes)
            .map_err(|e| format!("{}: {e}", text_path.display()))?;
        let mut docs_i = Vec::new();
        for a in &anns {
            if a.is_file() {
                let (doc, _) = read_sidecar(a).map_err(|e| format!("{}: {e}", a.display()))?;
                docs_i.push(Some(doc));
            } else {
                docs_i.push(None);
            }
        }
        out.push(AgreeDoc {
            name,
            text,
            anns: docs_i,
        });
    }
    Ok((names, out))
}

fn num(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.3}")).unwrap_or_else(|| "n/a".into())
}

fn table(r: &Report) -> String {
    let mut s = format!(
        "{} documents, {} tokens, {} annotators\n",
        r.documents,
        r.tokens,
        r.annotators.len()
    );
    for p in &r.pairs {
        s.push_str(&format!("\n{} ~ {}\n", p.a, p.b));
        s.push_str(&format!(
            "  {:<12} {:>5} {:>5} {:>7} {:>7} {:>7}\n",
            "label", "A", "B", "match", "F1", "kappa"
        ));
        let rows = p
            .labels
            .iter()
            .map(|(l, sc)| (l.as_str(), sc))
            .chain(std::iter::once(("(all)", &p.overall)));
        for (l, sc) in rows {
            s.push_str(&format!(
                "  {:<12} {:>5} {:>5} {:>7} {:>7} {:>7}\n",
                l,
                sc.a,
                sc.b,
                sc.matched,
                num(sc.f1),
                num(sc.kappa)
            ));
        }
    }
    s.push_str(&format!(
        "\nKrippendorff's alpha (nominal, tokens, all annotators): {}\n",
        num(r.alpha)
    ));
    for (l, a) in &r.alpha_labels {
        s.push_str(&format!("  {:<12} {:>7}\n", l, num(*a)));
    }
    s
}
