//! `server import`: files and directories of import files, JSON
//! (archive-format.md) and CDA (cda.md), each file in its own transaction.
//!
//! Whatever the order they are named in, one command imports register
//! files first (people, guardianships, organisations, service units), then
//! client-relationship and case documents, then client documents, then
//! files holding only the disclosure log (it names documents): a document
//! is refused if what it refers to is not yet stored. The first bad file
//! stops the command; it and the files after it change nothing. A CDA
//! file's stage is read from the start of its header (`cda::scan`); its
//! body is read while earlier files are stored.

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

/// A directory's files, depth first in name order. A symbolic link to a
/// directory inside it is refused, not followed (it may lead back up: a
/// loop); a link to a file is read as the file.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<(PathBuf, std::fs::FileType)> = std::fs::read_dir(dir)?
        .map(|e| e.and_then(|e| Ok((e.path(), e.file_type()?))))
        .collect::<Result<_, _>>()?;
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (e, kind) in entries {
        if kind.is_dir() {
            walk(&e, out)?;
        } else if kind.is_symlink() && e.is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!(
                    "{} is a symbolic link to a directory: not followed (name it on the command line)",
                    e.display()
                ),
            ));
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

/// The first read of a CDA file's header in pass 1.
const FIRST_READ: usize = 8 * 1024;

/// Files read per hand-off to a blocking thread.
const READ_CHUNK: usize = 64;

/// Pass 1 for one file: its stage, and its records if it had to be read
/// whole to know it (JSON; CDA whose header start does not show its group).
fn classify(path: &Path) -> Result<(Stage, Option<Archive>), String> {
    if is_xml(path) {
        use std::io::Read as _;
        let file = path.display();
        // Most headers show their group in the first few KiB: one read.
        let mut f = std::fs::File::open(path).map_err(|e| format!("{file}: {e}"))?;
        let mut head = vec![0; FIRST_READ];
        let n = f.read(&mut head).map_err(|e| format!("{file}: {e}"))?;
        head.truncate(n);
        if let Some(kind) = cda::scan::kind(&head) {
            return Ok((stage_of(kind), None));
        }
        if n > 0 {
            f.take(cda::scan::SCAN_BYTES.saturating_sub(n.try_into().unwrap_or(u64::MAX)))
                .read_to_end(&mut head)
                .map_err(|e| format!("{file}: {e}"))?;
            if let Some(kind) = cda::scan::kind(&head) {
                return Ok((stage_of(kind), None));
            }
        }
    }
    load(path).map(|(stage, a)| (stage, Some(a)))
}

fn stage_of(kind: Kind) -> Stage {
    match kind {
        Kind::ClientRelationship | Kind::Case => Stage::RelationshipOrCase,
        Kind::ClientDocument => Stage::ClientDocument,
    }
}

/// Runs `work` over `items` on `threads` blocking threads, chunk `k` on
/// thread `k mod threads`, each up to `ahead` chunks ahead of the consumer,
/// and hands each result in order to `each`. Stops at the first error.
/// Fewer threads than cores leave one for the store: the consumer's work is
/// serial, and readers that outnumber it only make it wait for a core.
async fn chunked<I, O, F>(
    items: Vec<I>,
    threads: usize,
    ahead: usize,
    work: F,
    mut each: impl AsyncFnMut(O) -> Result<(), String>,
) -> Result<(), String>
where
    I: Send + 'static,
    O: Send + 'static,
    F: Fn(I) -> O + Send + Sync + Copy + 'static,
{
    let threads = threads.max(1);
    let mut shares: Vec<Vec<Vec<I>>> = (0..threads).map(|_| Vec::new()).collect();
    let mut items = items.into_iter();
    let mut k = 0usize;
    loop {
        let c: Vec<I> = items.by_ref().take(READ_CHUNK).collect();
        if c.is_empty() {
            break;
        }
        if let Some(share) = shares.get_mut(k % threads) {
            share.push(c);
        }
        k = k.wrapping_add(1);
    }
    let mut receivers = Vec::with_capacity(threads);
    let mut workers = Vec::with_capacity(threads);
    for share in shares {
        let (tx, rx) = tokio::sync::mpsc::channel::<Vec<O>>(ahead.max(1));
        receivers.push(rx);
        workers.push(tokio::task::spawn_blocking(move || {
            for c in share {
                // A closed channel: the consumer stopped; so does the reader.
                if tx.blocking_send(c.into_iter().map(work).collect()).is_err() {
                    return;
                }
            }
        }));
    }
    'chunks: for turn in 0..k {
        let Some(rx) = receivers.get_mut(turn % threads) else {
            break;
        };
        let Some(done) = rx.recv().await else {
            break 'chunks;
        };
        for o in done {
            if let Err(e) = each(o).await {
                drop(receivers);
                for w in workers {
                    let _ = w.await;
                }
                return Err(e);
            }
        }
    }
    for w in workers {
        w.await.map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Imports the named files and directories in their stages. `report`
/// prints a line a file (or a batch of CDA files).
pub async fn import_paths(
    store: &Store,
    paths: &[PathBuf],
    report: bool,
) -> Result<Summary, String> {
    let files = expand(paths)?;
    // Pass 1: each file's stage, from the start of a CDA file's header.
    let mut sources = Vec::with_capacity(files.len());
    let mut kept = 0u64;
    let classified = |p: PathBuf| {
        let size = std::fs::metadata(&p).map_or(0, |m| m.len());
        let r = classify(&p);
        (p, size, r)
    };
    chunked(files, 2, 1, classified, async |(path, size, result)| {
        let (stage, mut parsed) = result?;
        if parsed.is_some() && stage == Stage::ClientDocument {
            if kept.saturating_add(size) > KEEP_BYTES {
                parsed = None;
            } else {
                kept = kept.saturating_add(size);
            }
        }
        sources.push(Source {
            cda: is_xml(&path),
            path,
            stage,
            parsed,
        });
        Ok(())
    })
    .await?;
    sources.sort_by_key(|s| s.stage);
    // Pass 2: in stage order, read while earlier files are stored. CDA
    // files, one record each, go in batches of one transaction; a batch the
    // validation refuses is imported again a file at a time, so that the
    // files before the bad one are stored and it and those after it change
    // nothing, as if each had been alone.
    let mut summary = Summary::default();
    let mut batch: Vec<(usize, Archive)> = Vec::new();
    let work: Vec<(usize, PathBuf, Stage, Option<Archive>)> = sources
        .iter_mut()
        .enumerate()
        .map(|(i, s)| (i, s.path.clone(), s.stage, s.parsed.take()))
        .collect();
    let read = |(i, path, stage, parsed): (usize, PathBuf, Stage, Option<Archive>)| {
        let result = match parsed {
            Some(a) => Ok(a),
            None => load(&path).and_then(|(read_as, a)| {
                if read_as == stage {
                    Ok(a)
                } else {
                    Err(format!(
                        "{}: its document group is not the one its header first showed\n{}: nothing was imported",
                        path.display(),
                        path.display()
                    ))
                }
            }),
        };
        (i, result)
    };
    let sources = &sources;
    // One reader, up to two batches ahead of the store (memory: a few
    // thousand documents); the other core is the store's.
    let outcome = chunked(
        work,
        1,
        2 * BATCH_FILES / READ_CHUNK,
        read,
        async |(i, result)| {
            let Some(source) = sources.get(i) else {
                return Ok(());
            };
            let parsed = match result {
                Ok(a) => a,
                Err(e) => {
                    // The files before this one are stored.
                    import_batch(
                        store,
                        sources,
                        std::mem::take(&mut batch),
                        report,
                        &mut summary,
                    )
                    .await?;
                    return Err(e);
                }
            };
            let joins = batch
                .first()
                .and_then(|(j, _)| sources.get(*j))
                .is_none_or(|first| first.stage == source.stage && batch.len() < BATCH_FILES);
            if !joins {
                import_batch(
                    store,
                    sources,
                    std::mem::take(&mut batch),
                    report,
                    &mut summary,
                )
                .await?;
            }
            if source.cda {
                batch.push((i, parsed));
            } else {
                import_one(store, source, &parsed, report, &mut summary).await?;
            }
            Ok(())
        },
    )
    .await;
    outcome?;
    import_batch(store, sources, batch, report, &mut summary).await?;
    Ok(summary)
}

/// CDA files imported in one transaction, at most.
const BATCH_FILES: usize = 500;

/// One transaction for the batch's records; if the validation refuses it,
/// each file in its own, stopping at the bad one.
async fn import_batch(
    store: &Store,
    sources: &[Source],
    batch: Vec<(usize, Archive)>,
    report: bool,
    summary: &mut Summary,
) -> Result<(), String> {
    let (Some((first, _)), Some((last, _))) = (batch.first(), batch.last()) else {
        return Ok(());
    };
    let (first, last) = (*first, *last);
    if batch.len() == 1 {
        for (i, a) in &batch {
            if let Some(source) = sources.get(*i) {
                import_one(store, source, a, report, summary).await?;
            }
        }
        return Ok(());
    }
    // The records move into one archive; each file's share is noted to
    // take them apart again if the batch is refused.
    let mut merged = Archive::empty();
    let mut shares = Vec::with_capacity(batch.len());
    let files = batch.len();
    for (i, a) in batch {
        for o in &a.organisations {
            if !merged.organisations.iter().any(|m| m.oid == o.oid) {
                merged.organisations.push(o.clone());
            }
        }
        let share = (
            i,
            a.organisations,
            a.client_relationships.len(),
            a.cases.len(),
            a.documents.len(),
        );
        merged.client_relationships.extend(a.client_relationships);
        merged.cases.extend(a.cases);
        merged.documents.extend(a.documents);
        shares.push(share);
    }
    match store.import(&merged).await {
        Ok(r) => {
            summary.files += files;
            summary.added += r.added;
            summary.updated += r.updated;
            summary.unchanged += r.unchanged;
            if report {
                let name = |i: usize| sources.get(i).map(|s| s.path.display().to_string());
                println!(
                    "{} … {} ({files} files): {} added, {} updated, {} unchanged",
                    name(first).unwrap_or_default(),
                    name(last).unwrap_or_default(),
                    r.added,
                    r.updated,
                    r.unchanged
                );
            }
            return Ok(());
        }
        Err(ImportError::Invalid(_)) => {}
        Err(e) => return Err(e.to_string()),
    }
    let mut relationships = merged.client_relationships.into_iter();
    let mut cases = merged.cases.into_iter();
    let mut documents = merged.documents.into_iter();
    for (i, organisations, r, k, d) in shares {
        let mut a = Archive::empty();
        a.organisations = organisations;
        a.client_relationships = relationships.by_ref().take(r).collect();
        a.cases = cases.by_ref().take(k).collect();
        a.documents = documents.by_ref().take(d).collect();
        if let Some(source) = sources.get(i) {
            import_one(store, source, &a, report, summary).await?;
        }
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::expand;

    #[test]
    fn a_directory_is_walked_in_name_order_and_a_link_back_up_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/c")).unwrap();
        for f in ["b/c/2.xml", "b/1.json", "a.XML", "skip.txt"] {
            std::fs::write(root.join(f), "").unwrap();
        }
        std::os::unix::fs::symlink(root.join("a.XML"), root.join("b/link.xml")).unwrap();
        let names: Vec<String> = expand(&[root.to_path_buf()])
            .unwrap()
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["a.XML", "b/1.json", "b/c/2.xml", "b/link.xml"]);
        // A link to a directory above: followed, it would never end.
        std::os::unix::fs::symlink(root, root.join("b/c/up")).unwrap();
        let e = expand(&[root.to_path_buf()]).unwrap_err();
        assert!(e.contains("symbolic link to a directory"), "{e}");
    }
}
