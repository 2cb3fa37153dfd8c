//! The fuzzers' corpora as regression tests (issue 12, item 5): every input
//! `cargo fuzz` kept (`fuzz/corpus/`), and every crash it ever found
//! (`fuzz/regressions/`, none so far), decoded here as the fuzz targets
//! decode it: nothing panics.

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

fn inputs(target: &str) -> Vec<Vec<u8>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut out = Vec::new();
    for dir in [
        root.join("corpus").join(target),
        root.join("regressions").join(target),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries {
            out.push(std::fs::read(e.unwrap().path()).unwrap());
        }
    }
    out
}

fn qs<T: serde::de::DeserializeOwned>(s: &str) {
    let _ = serde_qs::Config::new(5, false).deserialize_str::<T>(s);
}

fn form<T: serde::de::DeserializeOwned>(s: &str) {
    let _ = serde_urlencoded::from_str::<T>(s);
}

#[test]
fn the_archive_corpus_parses_and_validates_without_a_panic() {
    let all = inputs("archive");
    assert!(!all.is_empty(), "the corpus is committed");
    for data in all {
        let Some((first, rest)) = data.split_first() else {
            continue;
        };
        if let Ok(text) = std::str::from_utf8(rest) {
            if let Ok(archive) = portal_server::archive::parse(text) {
                let _ = validate(&archive, &Store(first % 2 == 1));
            }
        }
    }
}

#[test]
fn the_inputs_corpus_decodes_without_a_panic() {
    let all = inputs("inputs");
    assert!(!all.is_empty(), "the corpus is committed");
    for data in all {
        let Some((first, rest)) = data.split_first() else {
            continue;
        };
        let Ok(s) = std::str::from_utf8(rest) else {
            continue;
        };
        match first % 9 {
            0 => qs::<app::api::GetTaskPage>(s),
            1 => qs::<app::api::GetDocument>(s),
            2 => qs::<app::api::GetTestPersons>(s),
            3 => qs::<app::api::GetUseLog>(s),
            4 => qs::<app::api::GetSignIn>(s),
            5 => form::<portal_server::web::auth::LoginForm>(s),
            6 => form::<portal_server::web::auth::SubjectForm>(s),
            7 => form::<portal_server::web::auth::TokenForm>(s),
            _ => form::<portal_server::web::auth::Callback>(s),
        }
    }
}
