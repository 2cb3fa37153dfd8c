//! Every input a browser can send (`portal_server::inputs::request`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| portal_server::inputs::request(data));
