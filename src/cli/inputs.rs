//! Turning PATH arguments into article texts, in a stable order, with
//! failures reported per file.

use gazette::text::{decode_article, normalize_newlines};
use gazette::workspace::article_files;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

/// One input: how it is named in output, and where it comes from.
#[derive(Clone, Debug)]
pub struct Input {
    pub display: String,
    pub path: Option<PathBuf>,
}

/// Expands directories into their article files (sorted); files and `-`
/// are kept as given. Missing paths are reported as errors.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<Input, String>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(Input {
                display: "-".into(),
                path: None,
            }));
        } else if p.is_dir() {
            for f in article_files(p) {
                out.push(Ok(Input {
                    display: f.display().to_string(),
                    path: Some(f),
                }));
            }
        } else if p.exists() {
            out.push(Ok(Input {
                display: p.display().to_string(),
                path: Some(p.clone()),
            }));
        } else {
            out.push(Err(format!("{}: no such file or directory", p.display())));
        }
    }
    out
}

static MAX_BYTES: std::sync::atomic::AtomicU64 =
    std::sync::atomic::AtomicU64::new(100 * 1024 * 1024);

/// Sets the size above which inputs are refused (`--max-file-size-mb`).
pub fn set_max_file_size_mb(mb: u64) {
    MAX_BYTES.store(
        mb.saturating_mul(1024 * 1024),
        std::sync::atomic::Ordering::Relaxed,
    );
}

/// Reads an input as LF-normalised UTF-8 text, or says why it cannot.
pub fn read(input: &Input) -> Result<String, String> {
    let max = MAX_BYTES.load(std::sync::atomic::Ordering::Relaxed);
    let bytes = match &input.path {
        Some(p) => {
            let len = std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
            if len > max {
                return Err(format!(
                    "{}: {:.1} MB, above the {} MB limit; raise --max-file-size-mb to analyse it",
                    p.display(),
                    len as f64 / 1048576.0,
                    max / 1048576
                ));
            }
            read_file(p)?
        }
        None => {
            let mut buf = Vec::new();
            std::io::stdin()
                .take(max + 1)
                .read_to_end(&mut buf)
                .map_err(|e| format!("-: cannot read standard input: {e}"))?;
            if buf.len() as u64 > max {
                return Err(format!(
                    "-: standard input is above the {} MB limit; raise --max-file-size-mb to analyse it",
                    max / 1048576
                ));
            }
            buf
        }
    };
    let text = decode_article(bytes).map_err(|e| format!("{}: {e}", input.display))?;
    // Most articles have no CR: keep the buffer rather than copy it.
    Ok(match normalize_newlines(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(lf) => lf,
    })
}

fn read_file(p: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(p).map_err(|e| format!("{}: cannot read: {}", p.display(), io_reason(&e)))
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::NotFound => "no such file".into(),
        _ => e.to_string(),
    }
}

/// A progress bar on stderr when it is a terminal and the job is big.
pub fn progress(len: usize) -> Option<indicatif::ProgressBar> {
    if len < 20 || !std::io::stderr().is_terminal() {
        return None;
    }
    let pb = indicatif::ProgressBar::new(len as u64);
    pb.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(pb)
}

/// Writes to stdout; a closed pipe (`| head`) ends the program quietly.
pub fn emit(out: &mut impl std::io::Write, s: &str) -> bool {
    emit_bytes(out, s.as_bytes())
}

/// [`emit`] for bytes.
pub fn emit_bytes(out: &mut impl std::io::Write, s: &[u8]) -> bool {
    match out.write_all(s) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => false,
        Err(e) => {
            eprintln!("gazette: cannot write output: {e}");
            false
        }
    }
}

/// Splits inputs into batches analysed in parallel: at most `max_files`
/// files and about `max_bytes` of text each, so memory stays bounded
/// whatever the corpus holds (many small articles or a few huge files).
pub fn batches(
    inputs: &[Result<Input, String>],
    max_files: usize,
    max_bytes: u64,
) -> Vec<&[Result<Input, String>]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut bytes = 0u64;
    for (i, input) in inputs.iter().enumerate() {
        let size = match input {
            Ok(Input { path: Some(p), .. }) => std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
            _ => 0,
        };
        if i > start && (i - start >= max_files || bytes + size > max_bytes) {
            out.push(&inputs[start..i]);
            start = i;
            bytes = 0;
        }
        bytes += size;
    }
    if start < inputs.len() {
        out.push(&inputs[start..]);
    }
    out
}

/// How a batched run ended.
pub enum Outcome {
    /// Every input was handled; `failed` when some could not be read.
    Done { failed: bool },
    /// The output was closed (`| head`): stop quietly.
    Stopped,
}

/// Reads every input and runs `work` on it in parallel batches, handing
/// each result to `emit` in input order with the output to write to. An
/// input that fails gets a one-line reason on stderr (after flushing what
/// was written before it). A progress bar shows on a terminal.
pub fn run_batches<T: Send, W: std::io::Write>(
    inputs: &[Result<Input, String>],
    out: &mut W,
    work: impl Fn(&Input, String) -> Result<T, String> + Sync,
    mut emit: impl FnMut(&mut W, T) -> bool,
) -> Outcome {
    use rayon::prelude::*;
    let pb = progress(inputs.len());
    let mut failed = false;
    for batch in batches(inputs, 64, 8 * 1024 * 1024) {
        let results: Vec<Result<T, String>> = batch
            .par_iter()
            .map(|input| {
                let input = input.as_ref().map_err(Clone::clone)?;
                let text = read(input)?;
                work(input, text)
            })
            .collect();
        for r in results {
            match r {
                Ok(t) => {
                    if !emit(out, t) {
                        return Outcome::Stopped;
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
    Outcome::Done { failed }
}
