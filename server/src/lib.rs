//! The portal server: configuration, store, import, the visibility policy,
//! authentication and audit. `main.rs` is the command line around it.

pub mod archive;
pub mod assemble;
pub mod cda;
pub mod clock;
pub mod codes;
pub mod config;
pub mod demo;
pub mod import;
pub mod inputs;
pub mod policy;
pub mod store;
pub mod synth;
pub mod web;
