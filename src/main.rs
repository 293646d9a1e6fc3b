//! The `gazette` binary: a language server and a command line over the
//! same analysis library.

mod cli;
mod lsp;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    cli::run(args)
}
