//! `server import`: files and directories of import files, JSON
//! (archive-format.md) and CDA (cda.md), each file in its own transaction.
//!
//! Whatever the order they are named in, one command imports register
//! files first (people, guardianships, organisations, service units), then
//! client-relationship and case documents, then client documents, then
//! files holding only the disclosure log (it names documents): a document
//! is refused if what it refers to is not yet stored. The first bad file
//! stops the command; it and the files after it change nothing.

use std::path::{Path, PathBuf};

use crate::archive::{self, format::Archive};
use crate::cda::{self, Kind};
use crate::store::{ImportError, Store};

/// When a file goes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    Register,
    RelationshipOrCase,
    ClientDocument,
    Disclosures,
}

/// A file, its stage, and its records while they are kept.
struct Source {
    path: PathBuf,
    stage: Stage,
    cda: bool,
    parsed: Option<Archive>,
}

/// Parsed files are kept between the two passes up to this many bytes of
/// source; beyond it client documents are read again when their turn comes.
const KEEP_BYTES: u64 = 512 * 1024 * 1024;

/// What one command imported.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
}

/// The files a command names: a directory stands for every `.json` and
/// `.xml` file under it, in name order.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out).map_err(|e| format!("{}: {e}", p.display()))?;
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for e in entries {
        if e.is_dir() {
            walk(&e, out)?;
        } else if e
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("json") || x.eq_ignore_ascii_case("xml"))
        {
            out.push(e);
        }
    }
    Ok(())
}

fn is_xml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("xml"))
}

/// Reads and parses one file; its records and its stage.
fn load(path: &Path) -> Result<(Stage, Archive), String> {
    let file = path.display();
    if is_xml(path) {
        let size = std::fs::metadata(path)
            .map_err(|e| format!("{file}: {e}"))?
            .len();
        if size > cda::MAX_FILE_BYTES {
            return Err(format!(
                "{file}: (file): is larger than {} MiB\n{file}: nothing was imported",
                cda::MAX_FILE_BYTES / (1024 * 1024)
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| format!("{file}: {e}"))?;
        let parsed = cda::read::read(&bytes)
            .map_err(|e| format!("{file}: {e}\n{file}: nothing was imported"))?;
        let stage = match parsed.kind {
            Kind::ClientRelationship | Kind::Case => Stage::RelationshipOrCase,
            Kind::ClientDocument => Stage::ClientDocument,
        };
        Ok((stage, parsed.archive))
    } else {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{file}: {e}"))?;
        let a = archive::parse(&text).map_err(|p| format!("{file}: {p}"))?;
        let only_disclosures = !a.disclosures.is_empty()
            && a.documents.is_empty()
            && a.client_relationships.is_empty()
            && a.cases.is_empty();
        let stage = if only_disclosures {
            Stage::Disclosures
        } else {
            Stage::Register
        };
        Ok((stage, a))
    }
}

async fn load_async(path: PathBuf) -> Result<(Stage, Archive), String> {
    let shown = path.display().to_string();
    tokio::task::spawn_blocking(move || load(&path))
        .await
        .map_err(|e| format!("{shown}: {e}"))?
}

/// Imports the named files and directories in their stages. `report`
/// prints a line a file.
pub async fn import_paths(
    store: &Store,
    paths: &[PathBuf],
    report: bool,
) -> Result<Summary, String> {
    let files = expand(paths)?;
    // Pass 1: every file is read once for its stage (the next one is read
    // on another thread while this one is looked at).
    let mut sources = Vec::with_capacity(files.len());
    let mut kept = 0u64;
    let mut next = files.first().cloned().map(|p| tokio::spawn(load_async(p)));
    for (i, path) in files.iter().enumerate() {
        let Some(pending) = next.take() else { break };
        let (stage, parsed) = pending
            .await
            .map_err(|e| format!("{}: {e}", path.display()))??;
        next = files
            .get(i + 1)
            .cloned()
            .map(|p| tokio::spawn(load_async(p)));
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        let keep = stage != Stage::ClientDocument || kept.saturating_add(size) <= KEEP_BYTES;
        if keep {
            kept = kept.saturating_add(size);
        }
        sources.push(Source {
            path: path.clone(),
            stage,
            cda: is_xml(path),
            parsed: keep.then_some(parsed),
        });
    }
    sources.sort_by_key(|s| s.stage);
    // Pass 2: in stage order, each file in its own transaction.
    let mut summary = Summary::default();
    let mut next = sources.first_mut().map(take);
    for i in 0..sources.len() {
        let Some(pending) = next.take() else { break };
        let parsed = pending.await.map_err(|e| e.to_string())??;
        next = sources.get_mut(i + 1).map(take);
        let Some(source) = sources.get(i) else { break };
        import_one(store, source, &parsed, report, &mut summary).await?;
    }
    Ok(summary)
}

/// The file's records: kept from pass 1, or read again.
fn take(s: &mut Source) -> tokio::task::JoinHandle<Result<Archive, String>> {
    let kept = s.parsed.take();
    let path = s.path.clone();
    tokio::spawn(async move {
        match kept {
            Some(a) => Ok(a),
            None => load_async(path).await.map(|(_, a)| a),
        }
    })
}

async fn import_one(
    store: &Store,
    source: &Source,
    archive: &Archive,
    report: bool,
    summary: &mut Summary,
) -> Result<(), String> {
    let file = source.path.display();
    match store.import(archive).await {
        Ok(r) => {
            summary.files += 1;
            summary.added += r.added;
            summary.updated += r.updated;
            summary.unchanged += r.unchanged;
            if report {
                println!(
                    "{file}: {} added, {} updated, {} unchanged",
                    r.added, r.updated, r.unchanged
                );
            }
            Ok(())
        }
        Err(ImportError::Invalid(problems)) => {
            let list: Vec<String> = problems
                .iter()
                .map(|p| {
                    if source.cda {
                        // The element, then the import format's field it fills.
                        format!(
                            "{file}: {}: {} ({})",
                            cda::locate(&p.path),
                            p.message,
                            p.path
                        )
                    } else {
                        format!("{file}: {p}")
                    }
                })
                .collect();
            Err(format!("{}\n{file}: nothing was imported", list.join("\n")))
        }
        Err(e) => Err(format!("{file}: {e}")),
    }
}
