//! `gazette check`: diagnostics as `path:line:column: severity[code]: message`.
//!
//! Every file is analysed first; the diagnostics are printed once all are,
//! because `name-variant` compares how the files spell each person.

use super::inputs;
use super::{CheckArgs, CheckFormat};
use gazette::model::Severity;
use gazette::text::{LineIndex, PositionEncoding};
use gazette::workspace::spellings::{self, PersonUse, SpellingIndex};
use gazette::{Context, analyze};
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};
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

/// What the first pass keeps of one file.
struct Checked {
    file: String,
    lines: Vec<Line>,
    people: Vec<PersonUse>,
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
        let pos = |offset: usize| idx.position(&text, offset, PositionEncoding::Utf32);
        let lines = a
            .findings
            .iter()
            .map(|f| {
                let (l, c) = pos(f.start);
                let (el, ec) = pos(f.end);
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
            .collect::<Vec<Line>>();
        let people = spellings::person_uses(&text, &a.entities, &idx, PositionEncoding::Utf32);
        Ok(Checked {
            file: input.display.clone(),
            lines,
            people,
        })
    };
    let mut checked: Vec<Checked> = Vec::new();
    let outcome = inputs::run_batches(&inputs, &mut out, work, |_, c| {
        checked.push(c);
        true
    });
    let failed = match outcome {
        inputs::Outcome::Done { failed } => failed,
        inputs::Outcome::Stopped => return ExitCode::SUCCESS,
    };
    add_workspace_variants(&mut checked, &ctx);
    'files: for c in checked {
        for l in c.lines {
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
                    if !inputs::emit(&mut out, &s) {
                        break 'files;
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
    }
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

/// Cross-file `name-variant`: a person spelled differently in other files.
/// It replaces the in-document finding on the same mention.
fn add_workspace_variants(checked: &mut [Checked], ctx: &Context) {
    let Some(severity) = spellings::severity(&ctx.severities) else {
        return;
    };
    if checked.len() < 2 {
        return;
    }
    let mut index = SpellingIndex::new();
    for c in checked.iter() {
        index.set(Path::new(&c.file), &c.people);
    }
    for c in checked.iter_mut() {
        let uses: Vec<(&str, &str)> = c.people.iter().map(|u| (&*u.id, &*u.spelling)).collect();
        let here = PathBuf::from(&c.file);
        let found = index.variants(Some(&here), &uses, &ctx.kb);
        let mut added = false;
        for (u, v) in c.people.iter().zip(found) {
            let Some(v) = v else { continue };
            let (line, column) = (u.start.0 + 1, u.start.1 + 1);
            c.lines
                .retain(|l| !(l.code == spellings::CODE && l.line == line && l.column == column));
            c.lines.push(Line {
                file: c.file.clone(),
                line,
                column,
                end_line: u.end.0 + 1,
                end_column: u.end.1 + 1,
                severity,
                code: spellings::CODE,
                message: v.message,
            });
            added = true;
        }
        if added {
            c.lines.sort_by(|a, b| {
                (a.line, a.column, a.end_line, a.end_column, a.code).cmp(&(
                    b.line,
                    b.column,
                    b.end_line,
                    b.end_column,
                    b.code,
                ))
            });
        }
    }
}
