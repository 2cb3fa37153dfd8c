//! The listener: every accepted connection gets `TCP_NODELAY`.
//!
//! Without it a keep-alive response that leaves in more than one write waits
//! for the peer's delayed ACK (about 40 ms on Linux) before its last segment
//! goes out: every page and asset of a browser's keep-alive connection paid
//! that (44 ms median for the icon with keep-alive).

use axum::serve::{ListenerExt, TapIo};
use tokio::net::{TcpListener, TcpStream};

/// `listener`, with `TCP_NODELAY` set on each accepted stream. A stream whose
/// option cannot be set is served anyway (slower, not wrong) and logged.
pub fn nodelay(listener: TcpListener) -> TapIo<TcpListener, fn(&mut TcpStream)> {
    let tap: fn(&mut TcpStream) = set_nodelay;
    listener.tap_io(tap)
}

fn set_nodelay(stream: &mut TcpStream) {
    if let Err(e) = stream.set_nodelay(true) {
        tracing::warn!(error = %e, "cannot set TCP_NODELAY");
    }
}

#[cfg(test)]
mod tests {
    use axum::serve::Listener;

    #[tokio::test]
    async fn accepted_streams_have_tcp_nodelay() {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = l.local_addr().unwrap();
        let mut l = super::nodelay(l);
        let client = tokio::net::TcpStream::connect(addr);
        let ((stream, _), client) = tokio::join!(l.accept(), client);
        let _client = client.unwrap();
        assert!(
            stream.nodelay().unwrap(),
            "TCP_NODELAY on the server's side"
        );
    }
}
