//! Command-line edge: argument parsing, file reading, output and exit codes.

mod agree;
mod annotate;
mod check;
mod inputs;
mod kb;
mod memory;
mod ordered;
mod review_stats;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "gazette",
    version,
    about = "Find people, countries, demonyms and dates in news articles"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the language server on stdin/stdout.
    Lsp {
        /// Accepted for clients that pass it (stdio is the only transport).
        #[arg(long)]
        stdio: bool,
    },
    /// Print the entities of each article.
    Annotate(AnnotateArgs),
    /// Print diagnostics, one per line; exit 1 when any is an error.
    Check(CheckArgs),
    /// Agreement between reviewers' .ann files: span F1, Cohen's kappa, Krippendorff's alpha.
    Agree(agree::AgreeArgs),
    /// How much of each article is reviewed (accepted/rejected/manual/pending), per file and label.
    ReviewStats(review_stats::ReviewStatsArgs),
    /// Inspect the built-in knowledge and validate user knowledge-base files.
    #[command(subcommand)]
    Kb(kb::KbCommand),
}

#[derive(clap::Args, Debug)]
pub struct CommonArgs {
    /// Document creation time for every input (overrides front matter and datelines).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub document_date: Option<jiff::civil::Date>,
    /// Article files or directories (searched recursively for .txt/.md); `-` reads stdin.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Files larger than this are refused with a message instead of analysed.
    #[arg(long, value_name = "MB", default_value_t = 100)]
    pub max_file_size_mb: u64,
}

#[derive(clap::Args, Debug)]
pub struct AnnotateArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    #[arg(long, value_enum, default_value_t = AnnotateFormat::Jsonl)]
    pub format: AnnotateFormat,
    /// With a reviewed `.ann` beside an article: also emit suggestions nobody decided about yet.
    #[arg(long, alias = "suggestions")]
    pub include_suggestions: bool,
    /// With `--format brat`: write the merged `story.ann` beside `story.txt` (atomically) instead of printing it.
    #[arg(long)]
    pub write: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum AnnotateFormat {
    Jsonl,
    Brat,
    Conll,
    Spacy,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum CheckFormat {
    Human,
    Json,
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    s.parse::<jiff::civil::Date>()
        .map_err(|e| format!("expected a date as YYYY-MM-DD, got {s:?} ({e})"))
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Lsp { .. } => crate::lsp::run(),
        Command::Annotate(a) => annotate::run(&a),
        Command::Check(c) => check::run(&c),
        Command::Agree(a) => agree::run(&a),
        Command::ReviewStats(a) => review_stats::run(&a),
        Command::Kb(k) => kb::run(&k),
    }
}
