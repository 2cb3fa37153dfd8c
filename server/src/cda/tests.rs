use std::path::{Path, PathBuf};

use super::*;
use crate::archive::format::Archive;

fn demo() -> Archive {
    crate::archive::parse(crate::demo::DEMO_ARCHIVE).unwrap()
}

fn files(dir: &Path) -> Vec<PathBuf> {
    crate::import::expand(&[dir.to_path_buf()]).unwrap()
}

/// `server/demo/cda/` is the demo archive written as CDA (regenerate with
/// `UPDATE_DEMO_CDA=1 cargo test -p server demo_cda`).
#[test]
fn demo_cda_files_are_the_demo_written_as_cda() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("demo/cda");
    if std::env::var_os("UPDATE_DEMO_CDA").is_some() {
        let _ = std::fs::remove_dir_all(&committed);
        write::write_dir(&demo(), &committed, 3).unwrap();
    }
    let fresh = tempfile::tempdir().unwrap();
    write::write_dir(&demo(), fresh.path(), 3).unwrap();
    let a = files(fresh.path());
    let b = files(&committed);
    let rel = |p: &PathBuf, base: &Path| p.strip_prefix(base).unwrap().to_path_buf();
    assert_eq!(
        a.iter().map(|p| rel(p, fresh.path())).collect::<Vec<_>>(),
        b.iter().map(|p| rel(p, &committed)).collect::<Vec<_>>()
    );
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(
            std::fs::read_to_string(x).unwrap(),
            std::fs::read_to_string(y).unwrap(),
            "{} is stale: UPDATE_DEMO_CDA=1",
            y.display()
        );
    }
}

/// R-SIGN-2: `ep2:assignedAuthorSigner` holds a registration number or, for a
/// signer without one, a personal identity code, which is never kept.
#[test]
fn r_sign_2_a_signers_identity_code_is_never_kept() {
    let a = demo();
    let d = a
        .documents
        .iter()
        .find(|d| d.signatures.iter().any(|s| s.registration_number.is_some()))
        .unwrap();
    let cda = write::document(&a, d).unwrap();
    assert!(cda.contains("<ep2:assignedAuthorSigner>99900012345</ep2:assignedAuthorSigner>"));
    let read_back = |text: &str| {
        read::read(text.as_bytes()).unwrap().archive.documents[0].signatures[0]
            .registration_number
            .clone()
    };
    assert_eq!(read_back(&cda).as_deref(), Some("99900012345"));
    let with_hetu = cda.replace(">99900012345<", ">010203A123Y<");
    assert_eq!(read_back(&with_hetu), None);
}

/// Every record of the demo reads back from its CDA form as it was.
#[test]
fn every_demo_record_reads_back_as_written() {
    let a = demo();
    for r in &a.client_relationships {
        let p = read::read(write::relationship(&a, r).unwrap().as_bytes()).unwrap();
        assert_eq!(p.kind, Kind::ClientRelationship);
        assert_eq!(&p.archive.client_relationships[0], r);
    }
    for k in &a.cases {
        let p = read::read(write::case(&a, k).unwrap().as_bytes()).unwrap();
        assert_eq!(p.kind, Kind::Case);
        assert_eq!(&p.archive.cases[0], k);
    }
    for d in a
        .documents
        .iter()
        .filter(|d| d.specific_type != "client_relationship")
    {
        let cda = write::document(&a, d).unwrap();
        let p = read::read(cda.as_bytes()).unwrap();
        assert_eq!(p.kind, Kind::ClientDocument);
        let mut back = p.archive.documents[0].clone();
        // A word that shares its national code with another reads as the
        // first of them; the policy tells no such pair apart (codes.rs).
        assert_eq!(
            crate::codes::specific_type(&back.specific_type).map(|(_, c)| c.code),
            crate::codes::specific_type(&d.specific_type).map(|(_, c)| c.code)
        );
        back.specific_type = d.specific_type.clone();
        assert_eq!(&back, d, "{}", d.id);
        // Inside its archiving message too.
        let wrapped = write::archiving_message(&cda, &d.id, d.version, false);
        let p = read::read(wrapped.as_bytes()).unwrap();
        assert_eq!(p.archive.documents[0].id, d.id);
    }
}
