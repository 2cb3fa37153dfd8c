//! The listener loop: bounded connections, each with timeouts.
//!
//! `axum::serve` sets no timer on hyper, so a request head that never ends,
//! or an idle keep-alive connection, stays open for ever, and it accepts
//! connections until the process runs out of descriptors. Here hyper gets a
//! timer and a header-read timeout (which hyper also starts while a
//! kept-alive connection waits for its next request, so it is the idle
//! timeout as well), and at most `max_connections` are open at once: beyond
//! that, new connections wait in the kernel's queue until one ends.
//! Handler deadlines and the body timeout are layers of the router
//! (`web::router`). Every accepted socket gets `TCP_NODELAY`: without it a
//! keep-alive answer that leaves in more than one write waits for the
//! peer's delayed ACK (about 40 ms on Linux).

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::{Extension, Router};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::Layer;

/// What one connection may cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// A request's head must arrive within this; a kept-alive connection
    /// waiting for its next request is closed after it.
    pub header_timeout: Duration,
    /// Connections open at once.
    pub max_connections: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            header_timeout: Duration::from_secs(10),
            max_connections: 4096,
        }
    }
}

/// Descriptors kept for the database, files and logs beside connections.
const RESERVED_DESCRIPTORS: u64 = 64;

/// Raises the soft descriptor limit to the hard one and returns `max`, or
/// less if the limit would not leave room for it: at the cap, connections
/// wait in the kernel's queue instead of failing `accept` for ever.
pub fn within_descriptor_limit(max: usize) -> usize {
    let soft = match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(n) => n,
        Err(e) => {
            tracing::warn!(error = %e, "cannot read the descriptor limit");
            return max;
        }
    };
    let room =
        usize::try_from(soft.saturating_sub(RESERVED_DESCRIPTORS).max(1)).unwrap_or(usize::MAX);
    if max > room {
        tracing::warn!(
            max_connections = max,
            descriptors = soft,
            lowered_to = room,
            "PORTAL_MAX_CONNECTIONS is above the descriptor limit"
        );
        room
    } else {
        max
    }
}

/// Serves `app` on `listener` until `shutdown` completes, then stops
/// accepting and waits for the connections in flight (the caller bounds
/// that wait). Handlers see the peer as `ConnectInfo<SocketAddr>`.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send,
) {
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            p = permits.clone().acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of descriptors or an aborted handshake: wait a
                    // little rather than spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        if let Err(e) = stream.set_nodelay(true) {
            tracing::warn!(error = %e, "cannot set TCP_NODELAY");
        }
        let service = TowerToHyperService::new(Extension(ConnectInfo(remote)).layer(app.clone()));
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                // A timed-out head, a reset: the client's doing, not ours.
                tracing::debug!(error = %e, "connection ended");
            }
            drop(permit);
        });
    }
    drop(listener);
    graceful.shutdown().await;
}
