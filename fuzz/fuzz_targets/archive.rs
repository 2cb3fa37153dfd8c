//! An archive file, as `server import` reads it: parsed, then validated
//! against a store that knows nothing or knows every id (the first byte
//! chooses). Nothing may panic; `parse`'s and `validate`'s answers are
//! whatever they are.
#![no_main]

use libfuzzer_sys::fuzz_target;
use portal_server::archive::validate::{validate, Known};

struct Store(bool);

impl Known for Store {
    fn person(&self, _: &str) -> Option<chrono::NaiveDate> {
        self.0
            .then(|| chrono::NaiveDate::from_ymd_opt(2010, 1, 1))
            .flatten()
    }
    fn organisation(&self, _: &str) -> bool {
        self.0
    }
    fn service_unit(&self, _: &str) -> bool {
        self.0
    }
    fn case(&self, _: &str) -> bool {
        self.0
    }
    fn document(&self, _: &str) -> bool {
        self.0
    }
    fn document_client(&self, _: &str, _: &str) -> bool {
        self.0
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    if let Ok(archive) = portal_server::archive::parse(text) {
        let _ = validate(&archive, &Store(first % 2 == 1));
    }
});
