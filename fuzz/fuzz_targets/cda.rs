//! A CDA document or archiving message, as `server import` reads it
//! (`portal_server::inputs::cda`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| portal_server::inputs::cda(data));
