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
            _ => Err(USAGE.to_string()),
        },
        Some("generate") => generate(args.get(1..).unwrap_or_default()),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage: server [serve]\n       server import FILE…\n       server generate DIR [--persons N] [--documents N] [--per-file N] [--seed N]";

/// `server generate DIR …`: a synthetic archive for benchmarks
/// (`server/benches/run.sh`). Prints what it wrote, one fact a line.
fn generate(args: &[String]) -> Result<(), String> {
    let (dir, flags) = args.split_first().ok_or(USAGE)?;
    let mut plan = portal_server::synth::Plan {
        persons: 1_000,
        documents: 30_000,
        per_file: 5_000,
        seed: 1,
    };
    for pair in flags.chunks(2) {
        let (Some(flag), Some(value)) = (pair.first(), pair.get(1)) else {
            return Err(USAGE.to_string());
        };
        let n: u64 = value
            .parse()
            .map_err(|_| format!("{flag}: expected a number, got {value:?}"))?;
        let as_usize = || usize::try_from(n).map_err(|e| e.to_string());
        match flag.as_str() {
            "--persons" => plan.persons = as_usize()?,
            "--documents" => plan.documents = as_usize()?,
            "--per-file" => plan.per_file = as_usize()?.max(1),
            "--seed" => plan.seed = n,
            _ => return Err(USAGE.to_string()),
        }
    }
    let written = portal_server::synth::generate(&plan, std::path::Path::new(dir))
        .map_err(|e| format!("{dir}: {e}"))?;
    println!("files {}", written.files.len());
    println!("documents {}", written.documents);
    for s in &written.subjects {
        println!(
            "subject {} {} {}",
            s.id,
            s.documents,
            s.first_document.as_deref().unwrap_or("-")
        );
    }
    Ok(())
}

async fn open() -> Result<(Config, Store), String> {
    let config = Config::from_env().map_err(|e| e.to_string())?;
    let store = Store::open_with_cache(&config.database_url, config.cache_records)
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
    let portal = Portal::new(store, config).map_err(|e| e.to_string())?;
    let app = router(portal.clone(), options);
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .map_err(|e| format!("{addr}: {e}"))?;
    let listener = portal_server::web::listener::nodelay(listener);
    tracing::info!("listening on http://{addr}");
    // Ended sessions and abandoned sign-ins are deleted every five minutes
    // (and at every sign-in).
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(300));
        loop {
            every.tick().await;
            match portal.prune().await {
                Ok(n) if n > 0 => tracing::info!(deleted = n, "sessions pruned"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "pruning sessions failed"),
            }
        }
    });
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
    .map_err(|e| e.to_string())
}
