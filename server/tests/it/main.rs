//! The server's integration tests, one binary (it links once):
//!
//! - `http`, `guardians`, `disclosures`: a real portal over HTTP on the demo archive, per rule id;
//! - `import`: each kind of bad input to the import, and the command line;
//! - `differential`: random archives, the portal against the reference model;
//! - `leak_scan`: random archives over HTTP, nothing hidden in any answer;
//! - `surface`: closed by default, escaping, CSP, CSRF, security headers;
//! - `processes`: two portal processes on one database, requests alternating;
//! - `sessions`, `audit`, `oidc`: sessions and form tokens, the audit trail and
//!   the use log, sign-in through a provider that can misbehave.
//!
//! Run one module with `cargo nextest run -p server --test it differential`.

// Tests may unwrap, index and panic: a failure is the point.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::as_conversions
)]

mod audit;
mod cda;
mod common;
mod differential;
mod disclosures;
mod faults;
mod frame;
mod fuzz_corpus;
mod goals;
mod guardians;
mod http;
mod import;
mod leak_scan;
mod limits;
mod model;
mod oidc;
mod processes;
mod sessions;
mod surface;
