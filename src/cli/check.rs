//! `gazette check`: diagnostics as `path:line:column: severity[code]: message`.

use super::inputs;
use super::{CheckArgs, CheckFormat};
use gazette::model::Severity;
use gazette::text::{LineIndex, PositionEncoding};
use gazette::{Context, analyze};
use serde_json::json;
use std::io::Write;
use std::process::ExitCode;

struct Line {
    file: String,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    severity: Severity,
    code: &'static str,
    message: String,
}

pub fn run(args: &CheckArgs) -> ExitCode {
    let ctx = Context {
        document_date: args.common.document_date,
        ..Context::default()
    };
    inputs::set_max_file_size_mb(args.common.max_file_size_mb);
    let inputs = inputs::expand(&args.common.paths);
    let mut any_error = false;
    let mut json_items = Vec::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let work = |input: &inputs::Input, text: String| {
        let a = analyze(&text, &ctx);
        let idx = LineIndex::new(&text);
        Ok(a.findings
            .iter()
            .map(|f| {
                let (l, c) = idx.position(&text, f.start, PositionEncoding::Utf32);
                let (el, ec) = idx.position(&text, f.end, PositionEncoding::Utf32);
                Line {
                    file: input.display.clone(),
                    line: l + 1,
                    column: c + 1,
                    end_line: el + 1,
                    end_column: ec + 1,
                    severity: f.severity,
                    code: f.code,
                    message: f.message.clone(),
                }
            })
            .collect::<Vec<Line>>())
    };
    let outcome = inputs::run_batches(&inputs, &mut out, work, |out, lines| {
        for l in lines {
            any_error |= l.severity == Severity::Error;
            match args.format {
                CheckFormat::Human => {
                    let s = format!(
                        "{}:{}:{}: {}[{}]: {}\n",
                        l.file,
                        l.line,
                        l.column,
                        l.severity.as_str(),
                        l.code,
                        l.message
                    );
                    if !inputs::emit(out, &s) {
                        return false;
                    }
                }
                CheckFormat::Json => json_items.push(json!({
                    "file": l.file,
                    "line": l.line,
                    "column": l.column,
                    "end_line": l.end_line,
                    "end_column": l.end_column,
                    "severity": l.severity.as_str(),
                    "code": l.code,
                    "message": l.message,
                })),
            }
        }
        true
    });
    let failed = match outcome {
        inputs::Outcome::Done { failed } => failed,
        inputs::Outcome::Stopped => return ExitCode::SUCCESS,
    };
    if args.format == CheckFormat::Json {
        let s = serde_json::to_string_pretty(&json_items).unwrap_or_else(|_| "[]".into());
        inputs::emit(&mut out, &format!("{s}\n"));
    }
    let _ = out.flush();
    if failed {
        ExitCode::from(2)
    } else if any_error {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
