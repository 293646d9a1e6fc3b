//! `gazette annotate`: entities of each article, in a stable order.

use super::inputs::{self, Input};
use super::ordered::{self, Sink};
use super::{AnnotateArgs, AnnotateFormat};
use gazette::review::{self, AnnDoc};
use gazette::{Context, analyze, export};
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: &AnnotateArgs) -> ExitCode {
    if args.write && args.format != AnnotateFormat::Brat {
        eprintln!("gazette: --write only applies to --format brat");
        return ExitCode::from(2);
    }
    super::memory::tune_for_batch();
    let ctx = context(args);
    inputs::set_max_file_size_mb(args.common.max_file_size_mb);
    let inputs = inputs::expand(&args.common.paths);
    let several = inputs.len() > 1;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(256 * 1024, stdout.lock());
    let work = |input: &Input, text: String, sink: &mut Sink<'_>| {
        let analysis = analyze(&text, &ctx);
        let sidecar = read_sidecar(input)?;
        if let (Some(doc), Some(path)) = (&sidecar, &input.path) {
            warn_mismatches(path, &text, doc);
        }
        if args.write {
            return write_brat(input, &text, &analysis, sidecar.as_ref(), args);
        }
        let rendered = render(
            sink,
            args,
            input,
            &text,
            &analysis,
            sidecar.as_ref(),
            several,
        );
        ordered::free_soon(text.len(), (text, analysis));
        // Only a closed output stops a writer; the run then ends quietly.
        rendered.map_err(|e| format!("{}: cannot write output: {e}", input.display))
    };
    let failed = match ordered::run(&inputs, &mut out, ordered::DEFAULT_BUDGET, work) {
        inputs::Outcome::Done { failed } => failed,
        inputs::Outcome::Stopped => return ExitCode::SUCCESS,
    };
    let _ = out.flush();
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// The analysis settings: annotate prints entities only, so the
/// diagnostics rules are switched off (they never change the entities).
fn context(args: &AnnotateArgs) -> Context {
    let mut ctx = Context {
        document_date: args.common.document_date,
        ..Context::default()
    };
    for rule in gazette::lint::rules() {
        ctx.severities.insert(rule.code().to_string(), None);
    }
    ctx
}

/// The reviewed `.ann` beside the article, if there is one. One that does
/// not parse is an error for this input (and is never written over).
fn read_sidecar(input: &Input) -> Result<Option<AnnDoc>, String> {
    let Some(path) = &input.path else {
        return Ok(None);
    };
    let ann = review::sidecar_path(path);
    if !ann.is_file() {
        return Ok(None);
    }
    review::read_sidecar(&ann)
        .map(|(doc, _)| Some(doc))
        .map_err(|e| format!("{}: {e}", ann.display()))
}

/// Tags whose text no longer matches the article are exported where they
/// stand; say so on stderr (the file's line, what differs).
fn warn_mismatches(article: &std::path::Path, text: &str, doc: &AnnDoc) {
    for f in review::validate(doc, text) {
        if f.finding.code != "ann-dangling-reference" {
            // Written by a worker thread: a closed stderr must not panic it.
            let _ = writeln!(
                std::io::stderr(),
                "gazette: warning: {}:{}: {}",
                review::sidecar_path(article).display(),
                f.ann_line + 1,
                f.finding.message
            );
        }
    }
}

/// `--format brat --write`: the merged `.ann` written beside the article.
fn write_brat(
    input: &Input,
    text: &str,
    a: &gazette::Analysis,
    sidecar: Option<&AnnDoc>,
    args: &AnnotateArgs,
) -> Result<(), String> {
    let Some(path) = &input.path else {
        return Err("-: --write needs article files, not standard input".into());
    };
    let ann_path = review::sidecar_path(path);
    // Without a sidecar every suggestion is written, as pending.
    let include = args.include_suggestions || sidecar.is_none();
    let empty = AnnDoc::new();
    let doc = sidecar.unwrap_or(&empty);
    let out = review::merged_ann(text, a, doc, include);
    if sidecar.is_none() || out != doc.to_string() {
        gazette::fsutil::write_atomic(&ann_path, out.as_bytes())
            .map_err(|e| format!("{}: cannot write: {e}", ann_path.display()))?;
    }
    Ok(())
}

/// Writes one article's output in the chosen format.
fn render(
    w: &mut impl Write,
    args: &AnnotateArgs,
    input: &Input,
    text: &str,
    a: &gazette::Analysis,
    sidecar: Option<&AnnDoc>,
    several: bool,
) -> std::io::Result<()> {
    // With a sidecar: accepted + manual entities (rejected dropped,
    // pending suggestions only with --include-suggestions).
    let reviewed;
    let entities = match sidecar {
        Some(doc) if args.format != AnnotateFormat::Brat => {
            reviewed = review::export_entities(text, a, doc, args.include_suggestions);
            &reviewed[..]
        }
        _ => &a.entities[..],
    };
    let file = &input.display;
    match args.format {
        AnnotateFormat::Jsonl => export::write_jsonl_par(w, file, text, entities),
        AnnotateFormat::Spacy => export::write_spacy(w, file, text, entities),
        AnnotateFormat::Conll => export::write_conll(w, file, text, entities),
        AnnotateFormat::Brat => {
            if several {
                writeln!(w, "==> {file} <==")?;
            }
            match sidecar {
                Some(doc) => {
                    let ann = review::merged_ann(text, a, doc, args.include_suggestions);
                    w.write_all(ann.as_bytes())
                }
                None => export::write_brat(w, text, entities),
            }
        }
    }
}
