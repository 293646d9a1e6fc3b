//! `gazette review-stats PATH...`: how much is reviewed, per file and label.

use super::inputs;
use gazette::review::stats::{Counts, count};
use gazette::review::{AnnDoc, merge, read_sidecar, sidecar_path, validate};
use gazette::{Context, analyze};
use serde_json::json;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct ReviewStatsArgs {
    /// Document creation time for every input.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::parse_date)]
    pub document_date: Option<jiff::civil::Date>,
    #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
    pub format: StatsFormat,
    /// Article files or directories; each article's review is its `.ann`.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum, PartialEq, Eq)]
pub enum StatsFormat {
    Table,
    Json,
}

struct FileRow {
    file: String,
    has_sidecar: bool,
    labels: BTreeMap<String, Counts>,
    total: Counts,
    /// Stored tags whose text no longer matches the article.
    stale: usize,
}

pub fn run(args: &ReviewStatsArgs) -> ExitCode {
    let ctx = Context {
        document_date: args.document_date,
        ..Context::default()
    };
    let mut failed = false;
    let mut rows = Vec::new();
    for input in inputs::expand(&args.paths) {
        let r = input.and_then(|input| {
            let Some(path) = &input.path else {
                return Err("-: review-stats needs files (their .ann sits beside them)".into());
            };
            let text = inputs::read(&input)?;
            let ann_path = sidecar_path(path);
            let has_sidecar = ann_path.is_file();
            let (doc, _) = if has_sidecar {
                read_sidecar(&ann_path).map_err(|e| format!("{}: {e}", ann_path.display()))?
            } else {
                (AnnDoc::new(), String::new())
            };
            let labels = count(&merge(&text, &analyze(&text, &ctx), &doc));
            let stale = validate(&doc, &text)
                .iter()
                .filter(|f| f.finding.code != "ann-dangling-reference")
                .count();
            let mut total = Counts::default();
            labels.values().for_each(|c| total.merge(c));
            Ok(FileRow {
                file: input.display.clone(),
                has_sidecar,
                labels,
                total,
                stale,
            })
        });
        match r {
            Ok(row) => rows.push(row),
            Err(e) => {
                eprintln!("gazette: {e}");
                failed = true;
            }
        }
    }
    let mut labels: BTreeMap<String, Counts> = BTreeMap::new();
    let mut total = Counts::default();
    for r in &rows {
        for (l, c) in &r.labels {
            labels.entry(l.clone()).or_default().merge(c);
        }
        total.merge(&r.total);
    }
    let out = match args.format {
        StatsFormat::Json => {
            let files: Vec<_> = rows
                .iter()
                .map(|r| {
                    json!({"file": r.file, "sidecar": r.has_sidecar, "labels": r.labels, "total": r.total, "stale": r.stale})
                })
                .collect();
            let v = json!({"files": files, "labels": labels, "total": total});
            serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
        }
        StatsFormat::Table => {
            let mut s = String::new();
            let head = |first: &str| {
                format!(
                    "{first:<40} {:>8} {:>8} {:>8} {:>8} {:>9}\n",
                    "accepted", "rejected", "manual", "pending", "reviewed"
                )
            };
            let line = |name: &str, c: &Counts| {
                let pct = c
                    .reviewed_fraction()
                    .map(|f| format!("{:.0}%", f * 100.0))
                    .unwrap_or_else(|| "-".into());
                format!(
                    "{name:<40} {:>8} {:>8} {:>8} {:>8} {:>9}\n",
                    c.accepted, c.rejected, c.manual, c.pending, pct
                )
            };
            s.push_str(&head("file"));
            for r in &rows {
                let name = if !r.has_sidecar {
                    format!("{} (no .ann)", r.file)
                } else if r.stale > 0 {
                    format!("{} ({} stale)", r.file, r.stale)
                } else {
                    r.file.clone()
                };
                s.push_str(&line(&name, &r.total));
            }
            s.push('\n');
            s.push_str(&head("label"));
            for (l, c) in &labels {
                s.push_str(&line(l, c));
            }
            s.push_str(&line("(all)", &total));
            s
        }
    };
    inputs::emit(&mut std::io::stdout().lock(), &out);
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
