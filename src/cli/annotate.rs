//! `gazette annotate`: entities of each article, in a stable order.

use super::inputs::{self, Input};
use super::{AnnotateArgs, AnnotateFormat};
use gazette::{Context, analyze, export};
use rayon::prelude::*;
use std::io::Write;
use std::process::ExitCode;

/// Files analysed in parallel per batch; output stays in input order and
/// memory stays bounded by one batch.
const BATCH: usize = 64;

pub fn run(args: &AnnotateArgs) -> ExitCode {
    let ctx = Context {
        document_date: args.common.document_date,
        ..Context::default()
    };
    let inputs = inputs::expand(&args.common.paths);
    let several = inputs.len() > 1;
    let pb = inputs::progress(inputs.len());
    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for batch in inputs.chunks(BATCH) {
        let results: Vec<Result<String, String>> = batch
            .par_iter()
            .map(|input| {
                let input = input.as_ref().map_err(Clone::clone)?;
                let text = inputs::read(input)?;
                let analysis = analyze(&text, &ctx);
                Ok(render(args.format, input, &text, &analysis, several))
            })
            .collect();
        for r in results {
            match r {
                Ok(s) => {
                    if !inputs::emit(&mut out, &s) {
                        return ExitCode::SUCCESS;
                    }
                }
                Err(e) => {
                    let _ = out.flush();
                    eprintln!("gazette: {e}");
                    failed = true;
                }
            }
            if let Some(pb) = &pb {
                pb.inc(1);
            }
        }
    }
    if let Some(pb) = pb {
        pb.finish_and_clear();
    }
    let _ = out.flush();
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

fn render(
    format: AnnotateFormat,
    input: &Input,
    text: &str,
    a: &gazette::Analysis,
    several: bool,
) -> String {
    match format {
        AnnotateFormat::Jsonl => export::jsonl(&input.display, text, a),
        AnnotateFormat::Spacy => export::spacy(&input.display, text, a),
        AnnotateFormat::Conll => export::conll(&input.display, text, a),
        AnnotateFormat::Brat => {
            let ann = export::brat(text, a);
            if several {
                format!("==> {} <==\n{ann}", input.display)
            } else {
                ann
            }
        }
    }
}
