//! `server` runs the portal; `server import FILE…` imports archive files.

use std::process::ExitCode;

use leptos::prelude::get_configuration;
use portal_server::config::{AuthMode, Config};
use portal_server::store::{ImportError, Store};
use portal_server::web::{router, Portal};
use portal_server::{archive, demo};
use tracing_subscriber::EnvFilter;

/// At least four worker threads even on a two-core machine: Leptos's server
/// rendering can stall with fewer (leptos-rs/leptos#4647).
fn main() -> ExitCode {
    let workers = std::thread::available_parallelism()
        .map_or(4, |n| n.get())
        .max(4);
    match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .enable_all()
        .build()
    {
        Ok(rt) => rt.block_on(run()),
        Err(e) => {
            eprintln!("cannot start the runtime: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        None | Some("serve") => serve().await,
        Some("import") => match args.get(1..) {
            Some(files) if !files.is_empty() => import(files).await,
            _ => Err("usage: server import FILE…".to_string()),
        },
        _ => Err("usage: server [serve] | server import FILE…".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

async fn open() -> Result<(Config, Store), String> {
    let config = Config::from_env().map_err(|e| e.to_string())?;
    let store = Store::open(&config.database_url)
        .await
        .map_err(|e| format!("cannot open {}: {e}", config.database_url))?;
    Ok((config, store))
}

/// Imports each file in its own transaction, stopping at the first bad file.
async fn import(files: &[String]) -> Result<(), String> {
    let (_, store) = open().await?;
    for file in files {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
        let parsed = archive::parse(&text).map_err(|p| format!("{file}: {p}"))?;
        match store.import(&parsed).await {
            Ok(r) => println!(
                "{file}: {} added, {} updated, {} unchanged",
                r.added, r.updated, r.unchanged
            ),
            Err(ImportError::Invalid(problems)) => {
                let list: Vec<String> = problems.iter().map(|p| format!("{file}: {p}")).collect();
                return Err(format!("{}\n{file}: nothing was imported", list.join("\n")));
            }
            Err(e) => return Err(format!("{file}: {e}")),
        }
    }
    Ok(())
}

async fn serve() -> Result<(), String> {
    let (config, store) = open().await?;
    if config.demo {
        match demo::load_if_empty(&store).await {
            Ok(Some(r)) => tracing::info!(added = r.added, "demo archive loaded"),
            Ok(None) => {}
            Err(e) => return Err(format!("demo archive: {e}")),
        }
    }
    let conf = get_configuration(None).map_err(|e| e.to_string())?;
    let options = conf.leptos_options;
    let addr = options.site_addr;
    config.check_address(addr).map_err(|e| e.to_string())?;
    if config.auth == AuthMode::Test {
        tracing::warn!("test identification is on: anyone can sign in as anyone");
    }
    let app = router(Portal::new(store, config), options);
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .map_err(|e| format!("{addr}: {e}"))?;
    tracing::info!("listening on http://{addr}");
    axum::serve(listener, app.into_make_service())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
}
