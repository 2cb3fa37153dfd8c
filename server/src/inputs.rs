//! Every outside input decoded as the portal decodes it, from raw bytes:
//! what the fuzzers (`fuzz/`) run and what their regression test
//! (`tests/it/fuzz_corpus.rs`) replays. The first byte chooses; nothing
//! may panic, and the answers are whatever they are.

use crate::archive::validate::{validate, Known};

/// A store that knows nothing (`false`) or every id (`true`).
struct Everything(bool);

impl Known for Everything {
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
    fn stored_version(
        &self,
        _: crate::archive::validate::Versioned,
        _: &str,
        _: u32,
    ) -> Option<crate::archive::format::Status> {
        self.0.then_some(crate::archive::format::Status::Active)
    }
    fn newest_case(&self, _: &str) -> Option<crate::archive::format::Case> {
        None
    }
}

/// An archive file, as `server import` reads it: parsed, then validated.
pub fn archive(data: &[u8]) {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    if let Ok(archive) = crate::archive::parse(text) {
        let _ = validate(&archive, &Everything(first % 2 == 1));
    }
}

/// A CDA file, as `server import` reads it (cda.md): read, then validated.
pub fn cda(data: &[u8]) {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    if let Ok(parsed) = crate::cda::read::read(rest) {
        let _ = validate(&parsed.archive, &Everything(first % 2 == 1));
    }
}

fn qs<T: serde::de::DeserializeOwned>(s: &str) {
    let _ = serde_qs::Config::new(5, false).deserialize_str::<T>(s);
}

fn form<T: serde::de::DeserializeOwned>(s: &str) {
    let _ = serde_urlencoded::from_str::<T>(s);
}

/// A browser's input: a server function's arguments (`serde_qs`, as
/// `server_fn` reads a url-encoded body), an `/auth` form or the OpenID
/// callback's query (`serde_urlencoded`, as axum's `Form` and `Query`).
pub fn request(data: &[u8]) {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let Ok(s) = std::str::from_utf8(rest) else {
        return;
    };
    match first % 9 {
        0 => qs::<app::api::GetTaskPage>(s),
        1 => qs::<app::api::GetDocument>(s),
        2 => qs::<app::api::GetTestPersons>(s),
        3 => qs::<app::api::GetUseLog>(s),
        4 => qs::<app::api::GetSignIn>(s),
        5 => form::<crate::web::auth::LoginForm>(s),
        6 => form::<crate::web::auth::SubjectForm>(s),
        7 => form::<crate::web::auth::TokenForm>(s),
        _ => form::<crate::web::auth::Callback>(s),
    }
}
