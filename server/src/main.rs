//! The portal's command line (clap): `server serve` (the default),
//! `server import FILE…`, `server migrate`, `server check`, `server generate`.
//! Every setting is an option and an environment variable
//! (`config::SETTINGS`); `server --help` lists them.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Arg, ArgMatches, CommandFactory, FromArgMatches, Parser, Subcommand};
use leptos::prelude::get_configuration;
use portal_server::config::{AuthMode, Config, LogFormat, SETTINGS};
use portal_server::demo;
use portal_server::store::{Readiness, Store};
use portal_server::web::{router, Portal};
use tracing_subscriber::EnvFilter;

/// A citizen portal for social-welfare client records.
#[derive(Parser)]
#[command(name = "server", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the portal (the default). Migrates the database first.
    Serve,
    /// Import files and directories: JSON archive files (archive-format.md)
    /// and CDA documents (cda.md), each file in its own transaction;
    /// register files first, then relationship and case documents, then
    /// client documents. Stops at the first bad file, which changes nothing.
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Create or update the database's tables, then exit.
    Migrate,
    /// Check the configuration and that the database answers with current
    /// tables (creates and changes nothing). Exit status 0 when all is well.
    Check,
    /// Write a synthetic archive of P persons and D documents (benchmarks).
    Generate {
        dir: PathBuf,
        #[arg(long, default_value_t = 1_000)]
        persons: usize,
        #[arg(long, default_value_t = 30_000)]
        documents: usize,
        #[arg(long, default_value_t = 5_000)]
        per_file: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Import each batch of files into the store as soon as it is
        /// written, then remove it (prints the seconds spent importing).
        #[arg(long)]
        import: bool,
        /// Write CDA documents (cda.md) and a register file instead of JSON
        /// archive files.
        #[arg(long)]
        cda: bool,
    },
}

/// At least four worker threads even on a two-core machine: Leptos's server
/// rendering can stall with fewer (leptos-rs/leptos#4647).
fn main() -> ExitCode {
    let command = Cli::command().args(SETTINGS.iter().map(|s| {
        Arg::new(s.flag)
            .long(s.flag)
            .env(s.var)
            .value_name("VALUE")
            .help(s.help)
            .global(true)
    }));
    let matches = command.get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    let workers = std::thread::available_parallelism()
        .map_or(4, |n| n.get())
        .max(4);
    match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .enable_all()
        .build()
    {
        Ok(rt) => {
            let code = rt.block_on(run(cli, matches));
            // Whatever is still running (a database connection's task that
            // does not end) must not keep a stopped portal alive.
            rt.shutdown_timeout(std::time::Duration::from_secs(5));
            code
        }
        Err(e) => {
            eprintln!("cannot start the runtime: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A setting as given: its option, else its environment variable.
fn setting(matches: &ArgMatches, var: &str) -> Option<String> {
    let s = SETTINGS.iter().find(|s| s.var == var)?;
    matches.get_one::<String>(s.flag).cloned()
}

async fn run(cli: Cli, matches: ArgMatches) -> ExitCode {
    let config = match Config::from_lookup(|k| setting(&matches, k)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let filter = setting(&matches, "RUST_LOG")
        .and_then(|f| EnvFilter::try_new(f).ok())
        .unwrap_or_else(|| EnvFilter::new("info"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match config.log_format {
        LogFormat::Json => logs.json().with_current_span(true).init(),
        LogFormat::Text => logs.init(),
    }
    // Leptos reads its settings from the environment; `--listen` overrides.
    let listen = match setting(&matches, "LEPTOS_SITE_ADDR").map(|a| a.parse()) {
        None => None,
        Some(Ok(addr)) => Some(addr),
        Some(Err(_)) => {
            eprintln!("configuration: LEPTOS_SITE_ADDR (--listen): expected an address HOST:PORT");
            return ExitCode::FAILURE;
        }
    };
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config, listen).await,
        Command::Import { files } => import(config, &files).await,
        Command::Migrate => migrate(config).await,
        Command::Check => check(config, listen).await,
        Command::Generate {
            dir,
            persons,
            documents,
            per_file,
            seed,
            import,
            cda,
        } => {
            let plan = portal_server::synth::Plan {
                persons,
                documents,
                per_file: per_file.max(1),
                seed,
            };
            match (import, cda) {
                (true, cda) => generate_and_import(config, &dir, plan, cda).await,
                (false, false) => generate(&dir, plan),
                (false, true) => generate_cda(&dir, plan),
            }
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// `server generate DIR …`: prints what it wrote, one fact a line.
fn generate(dir: &std::path::Path, plan: portal_server::synth::Plan) -> Result<(), String> {
    let written = portal_server::synth::generate(&plan, dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    print_written(&written);
    Ok(())
}

/// `server generate DIR --cda`: the same archive as CDA documents.
fn generate_cda(dir: &std::path::Path, plan: portal_server::synth::Plan) -> Result<(), String> {
    let written = portal_server::synth::generate_cda_each(&plan, dir, |_| Ok(()))
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    print_written(&written);
    Ok(())
}

/// `server generate DIR … --import`: generation pauses while each batch of
/// ten files is imported (exactly as `server import` does it, timed alone),
/// and the batch is removed before the next is written.
async fn generate_and_import(
    config: Config,
    dir: &std::path::Path,
    plan: portal_server::synth::Plan,
    cda: bool,
) -> Result<(), String> {
    let store = open(&config).await?;
    let handle = tokio::runtime::Handle::current();
    let mut batch: Vec<PathBuf> = Vec::new();
    let mut spent = std::time::Duration::ZERO;
    let mut flush = |batch: &mut Vec<PathBuf>| -> std::io::Result<()> {
        let started = std::time::Instant::now();
        handle
            .block_on(import_files(&store, batch, false))
            .map_err(std::io::Error::other)?;
        spent += started.elapsed();
        for path in batch.drain(..) {
            if path.is_dir() {
                std::fs::remove_dir_all(path)?;
            } else {
                std::fs::remove_file(path)?;
            }
        }
        Ok(())
    };
    let written = tokio::task::block_in_place(|| {
        let each = |path: &std::path::Path| {
            batch.push(path.to_path_buf());
            if batch.len() >= 10 {
                flush(&mut batch)?;
            }
            Ok(())
        };
        let written = if cda {
            portal_server::synth::generate_cda_each(&plan, dir, each)?
        } else {
            portal_server::synth::generate_each(&plan, dir, each)?
        };
        flush(&mut batch)?;
        std::io::Result::Ok(written)
    })
    .map_err(|e| format!("{}: {e}", dir.display()))?;
    print_written(&written);
    println!("import_seconds {:.3}", spent.as_secs_f64());
    Ok(())
}

fn print_written(written: &portal_server::synth::Written) {
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
}

async fn open(config: &Config) -> Result<Store, String> {
    Store::open_with_cache(&config.database_url, config.cache_records)
        .await
        .map_err(|e| format!("cannot open {}: {e}", config.database_url))
}

/// Imports each file in its own transaction, stopping at the first bad file.
async fn import(config: Config, files: &[PathBuf]) -> Result<(), String> {
    import_files(&open(&config).await?, files, true).await
}

async fn import_files(store: &Store, files: &[PathBuf], report: bool) -> Result<(), String> {
    portal_server::import::import_paths(store, files, report)
        .await
        .map(|_| ())
}

/// `server migrate`: opening the store migrates it.
async fn migrate(config: Config) -> Result<(), String> {
    open(&config).await?;
    println!("{}: migrated", config.database_url);
    Ok(())
}

/// `server check`: the configuration parsed (or `run` said why not); the
/// listening address suits the sign-in; the database answers, migrated.
async fn check(config: Config, listen: Option<std::net::SocketAddr>) -> Result<(), String> {
    let addr = listen.unwrap_or(std::net::SocketAddr::from(([127, 0, 0, 1], 3000)));
    config.check_address(addr).map_err(|e| e.to_string())?;
    portal_server::web::oidc::Provider::from_config(&config).map_err(|e| e.to_string())?;
    match Store::check(&config.database_url).await {
        Ok(Readiness::Ready) => {
            println!("configuration: ok\ndatabase {}: ready", config.database_url);
            Ok(())
        }
        Ok(Readiness::NotMigrated { applied, expected }) => Err(format!(
            "database {}: at migration {}, this program needs {} (run `server migrate`)",
            config.database_url,
            applied.map_or("none".into(), |v| v.to_string()),
            expected.map_or("none".into(), |v| v.to_string()),
        )),
        Err(e) => Err(format!("database {}: {e}", config.database_url)),
    }
}

async fn serve(config: Config, listen: Option<std::net::SocketAddr>) -> Result<(), String> {
    let metrics = config.metrics_addr.and_then(|addr| {
        let handle = portal_server::web::metrics::install();
        if handle.is_none() {
            tracing::warn!("metrics recorder not installed");
        }
        handle.map(|h| (addr, h))
    });
    let store = open(&config).await?;
    if config.demo {
        match demo::load_if_empty(&store).await {
            Ok(Some(r)) => tracing::info!(added = r.added, "demo archive loaded"),
            Ok(None) => {}
            Err(e) => return Err(format!("demo archive: {e}")),
        }
    }
    let conf = get_configuration(None).map_err(|e| e.to_string())?;
    let mut options = conf.leptos_options;
    if let Some(a) = listen {
        options.site_addr = a;
    }
    let addr = options.site_addr;
    config.check_address(addr).map_err(|e| e.to_string())?;
    if config.auth == AuthMode::Test {
        tracing::warn!("test identification is on: anyone can sign in as anyone");
    }
    if let Some((metrics_addr, handle)) = metrics {
        let listener = tokio::net::TcpListener::bind(metrics_addr)
            .await
            .map_err(|e| format!("PORTAL_METRICS_ADDR {metrics_addr}: {e}"))?;
        let app = portal_server::web::metrics::router(handle, store.clone());
        tracing::info!("metrics on http://{metrics_addr}/metrics");
        // Operators' scrapes: a few connections are plenty.
        let limits = portal_server::web::serve::ConnectionLimits {
            max_connections: 16,
            ..config.connections
        };
        tokio::spawn(portal_server::web::serve::serve(
            listener,
            app,
            limits,
            std::future::pending(),
        ));
    }
    let limits = portal_server::web::serve::ConnectionLimits {
        max_connections: portal_server::web::serve::within_descriptor_limit(
            config.connections.max_connections,
        ),
        ..config.connections
    };
    let portal = Portal::new(store, config).map_err(|e| e.to_string())?;
    let app = router(portal.clone(), options);
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .map_err(|e| format!("{addr}: {e}"))?;
    tracing::info!("listening on http://{addr}");
    // Ended sessions and abandoned sign-ins are deleted every five minutes
    // (and at every sign-in).
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(300));
        loop {
            every.tick().await;
            portal_server::web::health::disk_free_percent(&portal.config.database_url);
            match portal.prune().await {
                Ok(n) if n > 0 => tracing::info!(deleted = n, "sessions pruned"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "pruning sessions failed"),
            }
        }
    });
    let (stopping, stop) = tokio::sync::oneshot::channel::<()>();
    let server = portal_server::web::serve::serve(listener, app, limits, async move {
        shutdown().await;
        let _ = stopping.send(());
    });
    // The requests in flight get a while to finish; a client that keeps
    // its connection open (keep-alive, a body that never comes) does not
    // keep the portal from stopping.
    let deadline = async move {
        if stop.await.is_ok() {
            tokio::time::sleep(SHUTDOWN_GRACE).await;
        } else {
            std::future::pending::<()>().await;
        }
    };
    tokio::select! {
        () = server => {}
        () = deadline => tracing::warn!(
            seconds = SHUTDOWN_GRACE.as_secs(),
            "stopped with requests still in flight"
        ),
    }
    tracing::info!("stopped");
    Ok(())
}

/// How long the requests in flight may take to finish after SIGTERM.
const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(20);

/// SIGTERM (what service managers send) or Ctrl-C: stop taking
/// connections, let the requests in flight finish, then exit.
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "no SIGTERM handler");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing the requests in flight");
}
