//! Language-server edge (tower-lsp-server): converts between LSP and the
//! library, owns documents and the workspace index.

mod background;
mod config;
mod convert;
mod diagnostics;
mod review;
mod server;
mod store;
mod transport;
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
    let (out, sink) = match transport::Output::spawn(transport::stdout()) {
        Ok(pair) => pair,
        Err(e) => {
            eprintln!("gazette: cannot start the output thread: {e}");
            return ExitCode::from(2);
        }
    };
    let server_out = out.clone();
    runtime.block_on(async {
        let (service, socket) =
            LspService::build(move |client| server::Backend::new(client, server_out.clone()))
                .custom_method("gazette/entities", server::Backend::entities)
                .finish();
        Server::new(tokio::io::stdin(), sink, socket)
            .serve(service)
            .await;
    });
    out.flush();
    ExitCode::SUCCESS
}
