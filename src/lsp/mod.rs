//! Language-server edge (tower-lsp-server): converts between LSP and the
//! library, owns documents and the workspace index.

mod config;
mod convert;
mod review;
mod server;
mod store;
mod user_kb;

use std::process::ExitCode;
use tower_lsp_server::{LspService, Server};

/// Serves LSP on stdin/stdout until the client sends `exit`.
pub fn run() -> ExitCode {
    // Logs go to stderr: stdout carries the protocol.
    let filter = tracing_subscriber::EnvFilter::try_from_env("GAZETTE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
    std::panic::set_hook(Box::new(|info| {
        tracing::error!("gazette: internal error: {info}");
    }));
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("gazette: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    runtime.block_on(async {
        let (service, socket) = LspService::build(server::Backend::new)
            .custom_method("gazette/entities", server::Backend::entities)
            .finish();
        Server::new(tokio::io::stdin(), tokio::io::stdout(), socket)
            .serve(service)
            .await;
    });
    ExitCode::SUCCESS
}
