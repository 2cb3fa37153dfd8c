//! The fuzzers' corpora as regression tests: every input
//! `cargo fuzz` kept (`fuzz/corpus/`), and every crash it ever found
//! (`fuzz/regressions/`, none so far), decoded by the very functions the fuzz
//! targets call (`portal_server::inputs`): nothing panics.

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

#[test]
fn the_archive_corpus_parses_and_validates_without_a_panic() {
    let all = inputs("archive");
    assert!(!all.is_empty(), "the corpus is committed");
    for data in all {
        portal_server::inputs::archive(&data);
    }
}

#[test]
fn the_inputs_corpus_decodes_without_a_panic() {
    let all = inputs("inputs");
    assert!(!all.is_empty(), "the corpus is committed");
    for data in all {
        portal_server::inputs::request(&data);
    }
}

#[test]
fn the_cda_corpus_reads_and_validates_without_a_panic() {
    let all = inputs("cda");
    assert!(!all.is_empty(), "the corpus is committed");
    for data in all {
        portal_server::inputs::cda(&data);
    }
}
