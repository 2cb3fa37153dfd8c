//! All-or-nothing import of an archive file (archive-format.md).

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use serde::Serialize;
use sqlx::{Any, Transaction};

use super::{rows_in, Store, StoreError};
use crate::archive::format::{Archive, Case, Disclosure, Document, Status};
use crate::archive::validate::{validate, Known, Problem, Versioned};

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}", .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Problem>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for ImportError {
    fn from(e: sqlx::Error) -> Self {
        ImportError::Store(StoreError::Db(e))
    }
}

/// What an import changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
}

#[derive(Default)]
struct KnownInStore {
    people: HashMap<String, NaiveDate>,
    organisations: HashSet<String>,
    units: HashSet<String>,
    cases: HashSet<String>,
    documents: HashSet<String>,
    /// (document id, person) for every client named in any stored version.
    document_clients: HashSet<(String, String)>,
    /// The status of every stored version of the versioned records the file names.
    versions: HashMap<(Versioned, String, u32), Status>,
    /// The newest stored version of every case the file names.
    newest_cases: HashMap<String, Case>,
}

/// The part of a stored record's data that the version checks read.
#[derive(serde::Deserialize)]
struct StatusOnly {
    #[serde(default)]
    status: Status,
}

impl Known for KnownInStore {
    fn person(&self, id: &str) -> Option<NaiveDate> {
        self.people.get(id).copied()
    }
    fn organisation(&self, oid: &str) -> bool {
        self.organisations.contains(oid)
    }
    fn service_unit(&self, oid: &str) -> bool {
        self.units.contains(oid)
    }
    fn case(&self, id: &str) -> bool {
        self.cases.contains(id)
    }
    fn document(&self, id: &str) -> bool {
        self.documents.contains(id)
    }
    fn document_client(&self, id: &str, person: &str) -> bool {
        self.document_clients
            .contains(&(id.to_string(), person.to_string()))
    }
    fn stored_version(&self, kind: Versioned, id: &str, version: u32) -> Option<Status> {
        self.versions.get(&(kind, id.to_string(), version)).copied()
    }
    fn newest_case(&self, id: &str) -> Option<Case> {
        self.newest_cases.get(id).cloned()
    }
}

fn sorted<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let set: std::collections::BTreeSet<&str> = ids.collect();
    set.into_iter().collect()
}

/// What the store holds of the records `archive` refers to — only those, so
/// that validating a file costs what the file holds, not what the store holds.
async fn known(
    tx: &mut Transaction<'_, Any>,
    archive: &Archive,
) -> Result<KnownInStore, sqlx::Error> {
    let a = archive;
    let people = sorted(
        a.guardianships
            .iter()
            .flat_map(|g| [g.guardian.as_str(), g.child.as_str()])
            .chain(a.client_relationships.iter().map(|r| r.client.as_str()))
            .chain(
                a.cases
                    .iter()
                    .flat_map(|k| k.clients.iter().map(|m| m.person.as_str())),
            )
            .chain(
                a.documents
                    .iter()
                    .flat_map(|d| d.clients.iter().map(String::as_str)),
            )
            .chain(a.disclosures.iter().map(|d| d.client.as_str())),
    );
    let organisations = sorted(
        a.service_units
            .iter()
            .map(|u| u.organisation.as_str())
            .chain(
                a.client_relationships
                    .iter()
                    .map(|r| r.register_keeper.as_str()),
            )
            .chain(a.cases.iter().map(|k| k.register_keeper.as_str()))
            .chain(a.documents.iter().map(|d| d.register_keeper.as_str())),
    );
    let units = sorted(a.documents.iter().filter_map(|d| d.service_unit.as_deref()));
    let cases = sorted(
        a.documents
            .iter()
            .map(|d| d.case.as_str())
            .chain(a.cases.iter().map(|k| k.id.as_str())),
    );
    let relationships = sorted(a.client_relationships.iter().map(|r| r.id.as_str()));
    let file_documents = sorted(a.documents.iter().map(|d| d.id.as_str()));
    let documents = sorted(a.disclosures.iter().map(|d| d.document.as_str()));
    let mut k = KnownInStore::default();
    for (id, born) in rows_in::<(String, String)>(
        tx,
        "SELECT id, birth_date FROM people WHERE id IN",
        &people,
        "",
    )
    .await?
    {
        if let Ok(d) = born.parse() {
            k.people.insert(id, d);
        }
    }
    let one = |rows: Vec<(String,)>| rows.into_iter().map(|(x,)| x).collect();
    k.organisations = one(rows_in(
        tx,
        "SELECT oid FROM organisations WHERE oid IN",
        &organisations,
        "",
    )
    .await?);
    k.units = one(rows_in(tx, "SELECT oid FROM service_units WHERE oid IN", &units, "").await?);
    for (kind, table, ids) in [
        (
            Versioned::ClientRelationship,
            "client_relationships",
            &relationships,
        ),
        (Versioned::Document, "documents", &file_documents),
    ] {
        for ((id, version), data) in stored_versions(tx, table, ids).await? {
            let status =
                serde_json::from_str::<StatusOnly>(&data).map_or(Status::Active, |s| s.status);
            k.versions
                .insert((kind, id, u32::try_from(version).unwrap_or(0)), status);
        }
    }
    for ((id, version), data) in stored_versions(tx, "cases", &cases).await? {
        let Ok(case) = serde_json::from_str::<Case>(&data) else {
            continue;
        };
        k.versions.insert(
            (
                Versioned::Case,
                id.clone(),
                u32::try_from(version).unwrap_or(0),
            ),
            case.status,
        );
        k.cases.insert(id.clone());
        match k.newest_cases.get(&id) {
            Some(old) if old.version >= case.version => {}
            _ => {
                k.newest_cases.insert(id, case);
            }
        }
    }
    k.documents = one(rows_in(
        tx,
        "SELECT DISTINCT id FROM documents WHERE id IN",
        &documents,
        "",
    )
    .await?);
    k.document_clients = rows_in::<(String, String)>(
        tx,
        "SELECT document_id, person FROM document_clients WHERE document_id IN",
        &documents,
        "",
    )
    .await?
    .into_iter()
    .collect();
    Ok(k)
}

enum Outcome {
    Added,
    Updated,
    Unchanged,
}

impl ImportReport {
    fn count(&mut self, o: Outcome) {
        match o {
            Outcome::Added => self.added += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Unchanged => self.unchanged += 1,
        }
    }
}

fn json<T: Serialize>(v: &T) -> Result<String, ImportError> {
    serde_json::to_string(v).map_err(|e| ImportError::Store(StoreError::Corrupt(e)))
}

/// A table of records that are replaced rather than versioned: how to find
/// the stored record by its first `keys` values, and how to write one.
struct Replaced {
    find: &'static str,
    keys: usize,
    upsert: &'static str,
}

const ORGANISATIONS: Replaced = Replaced {
    find: "SELECT data FROM organisations WHERE oid = $1",
    keys: 1,
    upsert: "INSERT INTO organisations (oid, name, data) VALUES ($1, $2, $3) \
             ON CONFLICT (oid) DO UPDATE SET name = excluded.name, data = excluded.data",
};
const SERVICE_UNITS: Replaced = Replaced {
    find: "SELECT data FROM service_units WHERE oid = $1",
    keys: 1,
    upsert: "INSERT INTO service_units (oid, organisation, kind, data) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (oid) DO UPDATE SET organisation = excluded.organisation, \
             kind = excluded.kind, data = excluded.data",
};
const PEOPLE: Replaced = Replaced {
    find: "SELECT data FROM people WHERE id = $1",
    keys: 1,
    upsert:
        "INSERT INTO people (id, birth_date, surname, search, data) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (id) DO UPDATE SET birth_date = excluded.birth_date, \
             surname = excluded.surname, search = excluded.search, data = excluded.data",
};
const GUARDIANSHIPS: Replaced = Replaced {
    find: "SELECT data FROM guardianships WHERE guardian = $1 AND child = $2",
    keys: 2,
    upsert: "INSERT INTO guardianships (guardian, child, data) VALUES ($1, $2, $3) \
             ON CONFLICT (guardian, child) DO UPDATE SET data = excluded.data",
};

/// Writes a replaced record only when it is new or differs. `values` are
/// bound to the table's `upsert` in order, then the record as JSON.
async fn replace<T: Serialize>(
    tx: &mut Transaction<'_, Any>,
    table: &Replaced,
    values: &[&str],
    record: &T,
) -> Result<Outcome, ImportError> {
    let data = json(record)?;
    let mut q = sqlx::query_scalar::<_, String>(table.find);
    for k in values.iter().take(table.keys) {
        q = q.bind(*k);
    }
    let old = q.fetch_optional(&mut **tx).await?;
    if old.as_deref() == Some(data.as_str()) {
        return Ok(Outcome::Unchanged);
    }
    let mut q = sqlx::query(table.upsert);
    for v in values {
        q = q.bind(*v);
    }
    q.bind(data).execute(&mut **tx).await?;
    Ok(if old.is_some() {
        Outcome::Updated
    } else {
        Outcome::Added
    })
}

/// The stored versions of records `ids` of `table` (its `data`), by (id, version).
async fn stored_versions(
    tx: &mut Transaction<'_, Any>,
    table: &str,
    ids: &[&str],
) -> Result<HashMap<(String, i64), String>, sqlx::Error> {
    Ok(rows_in::<(String, i64, String)>(
        tx,
        &format!("SELECT id, version, data FROM {table} WHERE id IN"),
        ids,
        "",
    )
    .await?
    .into_iter()
    .map(|(id, v, data)| ((id, v), data))
    .collect())
}

/// A version stored again with other content: refused, at `path`.
fn changed(path: String, id: &str, version: u32) -> ImportError {
    ImportError::Invalid(vec![Problem {
        path,
        message: format!(
            "version {version} of {id:?} is already stored with other content; store a new version instead"
        ),
    }])
}

/// Versioned records (client relationships, cases) of table `table`, also
/// the archive's field: a new (id, version) is added beside the old ones, with
/// the `columns` the store looks it up by (given by `key`); the same
/// (id, version) again must be identical. One read of what is stored, then
/// the new ones in batches (validation has refused duplicates within a file).
async fn add_versions<'a, T: Serialize + serde::de::DeserializeOwned + PartialEq>(
    tx: &mut Transaction<'_, Any>,
    table: &str,
    columns: &[&str],
    records: &'a [T],
    key: impl Fn(&'a T) -> (&'a str, u32, Vec<&'a str>),
) -> Result<Vec<Outcome>, ImportError> {
    let ids = sorted(records.iter().map(|r| key(r).0));
    let stored = stored_versions(tx, table, &ids).await?;
    let mut outcomes = Vec::with_capacity(records.len());
    let mut rows = Vec::new();
    for (i, record) in records.iter().enumerate() {
        let (id, version, values) = key(record);
        if let Some(old) = stored.get(&(id.to_string(), i64::from(version))) {
            let old: T = serde_json::from_str(old).map_err(StoreError::Corrupt)?;
            if &old != record {
                return Err(changed(format!("{table}[{i}]"), id, version));
            }
            outcomes.push(Outcome::Unchanged);
            continue;
        }
        let mut row = vec![Param::Text(id), Param::Int(i64::from(version))];
        row.extend(values.into_iter().map(Param::Text));
        row.push(Param::Owned(json(record)?));
        rows.push(row);
        outcomes.push(Outcome::Added);
    }
    let mut names = vec!["id", "version"];
    names.extend(columns);
    names.push("data");
    insert_rows(tx, table, &names, rows).await?;
    Ok(outcomes)
}

/// What the test-identification search looks in: names and identity code.
pub(super) fn person_search(p: &crate::archive::format::Person) -> String {
    format!("{} {} {}", p.given_names, p.surname, p.id).to_lowercase()
}

/// One bound value of a batched insert.
enum Param<'a> {
    Text(&'a str),
    Owned(String),
    Int(i64),
    Bytes(Vec<u8>),
}

/// `INSERT INTO {table} ({columns}) VALUES (…), (…), …` for `rows`, in
/// statements of at most 200 rows: one round trip per 200 rows, not per row
/// (each statement is a round trip to the database driver).
async fn insert_rows(
    tx: &mut Transaction<'_, Any>,
    table: &str,
    columns: &[&str],
    rows: Vec<Vec<Param<'_>>>,
) -> Result<(), sqlx::Error> {
    let width = columns.len();
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Param<'_>>> = rows.by_ref().take(200).collect();
        let tuples: Vec<String> = (0..chunk.len())
            .map(|r| {
                let marks: Vec<String> =
                    (1..=width).map(|c| format!("${}", r * width + c)).collect();
                format!("({})", marks.join(", "))
            })
            .collect();
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES {}",
            columns.join(", "),
            tuples.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for value in chunk.into_iter().flatten() {
            q = match value {
                Param::Text(t) => q.bind(t),
                Param::Owned(t) => q.bind(t),
                Param::Int(n) => q.bind(n),
                Param::Bytes(b) => q.bind(b),
            };
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// The documents of a file: metadata in `documents`, bodies apart
/// (migration 0004; compressed, 0009), clients in `document_clients`. A version already stored
/// must be identical (metadata and bodies); new versions are written in
/// batches. One outcome per document, in the file's order.
async fn add_documents(
    tx: &mut Transaction<'_, Any>,
    documents: &[Document],
) -> Result<Vec<Outcome>, ImportError> {
    let ids = sorted(documents.iter().map(|d| d.id.as_str()));
    let stored = stored_versions(tx, "documents", &ids).await?;
    let mut outcomes = Vec::with_capacity(documents.len());
    let mut new_docs = Vec::new();
    let mut new_clients = Vec::new();
    let mut new_bodies = Vec::new();
    for (i, d) in documents.iter().enumerate() {
        let (meta, parts) = super::bodies::split(d);
        let version = i64::from(d.version);
        if let Some(old) = stored.get(&(d.id.clone(), version)) {
            let old: Document = serde_json::from_str(old).map_err(StoreError::Corrupt)?;
            if old != meta || !super::bodies::same(tx, d, &parts).await? {
                return Err(changed(format!("documents[{i}]"), &d.id, d.version));
            }
            outcomes.push(Outcome::Unchanged);
            continue;
        }
        new_docs.push(vec![
            Param::Text(&d.id),
            Param::Int(version),
            Param::Text(&d.case),
            Param::Owned(json(&meta)?),
        ]);
        for person in &d.clients {
            new_clients.push(vec![
                Param::Text(person),
                Param::Text(&d.id),
                Param::Int(version),
            ]);
        }
        for (part, body) in parts {
            let packed = super::bodies::pack(body)?;
            new_bodies.push(vec![
                Param::Text(&d.id),
                Param::Int(version),
                Param::Text(part),
                Param::Text(packed.kind),
                Param::Int(packed.size),
                Param::Bytes(packed.bytes),
            ]);
        }
        outcomes.push(Outcome::Added);
    }
    insert_rows(
        tx,
        "documents",
        &["id", "version", "case_id", "data"],
        new_docs,
    )
    .await?;
    insert_rows(
        tx,
        "document_clients",
        &["person", "document_id", "version"],
        new_clients,
    )
    .await?;
    insert_rows(
        tx,
        "document_parts",
        &["document_id", "version", "part", "kind", "size", "packed"],
        new_bodies,
    )
    .await?;
    Ok(outcomes)
}

/// A disclosure-log entry is written once: the same id again must be identical.
async fn add_disclosure(
    tx: &mut Transaction<'_, Any>,
    d: &Disclosure,
    path: String,
) -> Result<Outcome, ImportError> {
    let data = json(d)?;
    let old: Option<String> = sqlx::query_scalar("SELECT data FROM disclosures WHERE id = $1")
        .bind(&d.id)
        .fetch_optional(&mut **tx)
        .await?;
    match old {
        Some(old) if old == data => Ok(Outcome::Unchanged),
        Some(_) => Err(ImportError::Invalid(vec![Problem {
            path,
            message: format!(
                "disclosure {:?} is already logged with other content; the log is never changed",
                d.id
            ),
        }])),
        None => {
            sqlx::query(
                "INSERT INTO disclosures (id, client, document_id, disclosed_at, data) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(&d.id)
            .bind(&d.client)
            .bind(&d.document)
            .bind(d.disclosed_at.to_rfc3339())
            .bind(data)
            .execute(&mut **tx)
            .await?;
            Ok(Outcome::Added)
        }
    }
}

impl Store {
    /// Imports a whole file in one transaction: on any error nothing changes.
    pub async fn import(&self, archive: &Archive) -> Result<ImportReport, ImportError> {
        let mut tx = self.begin_write(super::Lock::Import).await?;
        let known = known(&mut tx, archive).await?;
        validate(archive, &known).map_err(ImportError::Invalid)?;
        let mut report = ImportReport::default();

        for o in &archive.organisations {
            let values = [o.oid.as_str(), &o.name];
            report.count(replace(&mut tx, &ORGANISATIONS, &values, o).await?);
        }
        for u in &archive.service_units {
            let values = [u.oid.as_str(), &u.organisation, u.kind.code()];
            report.count(replace(&mut tx, &SERVICE_UNITS, &values, u).await?);
        }
        for p in &archive.people {
            let born = p.birth_date.to_string();
            let search = person_search(p);
            let values = [p.id.as_str(), &born, &p.surname, &search];
            report.count(replace(&mut tx, &PEOPLE, &values, p).await?);
        }
        for g in &archive.guardianships {
            let values = [g.guardian.as_str(), &g.child];
            report.count(replace(&mut tx, &GUARDIANSHIPS, &values, g).await?);
        }
        let relationships = add_versions(
            &mut tx,
            "client_relationships",
            &["client"],
            &archive.client_relationships,
            |r| (r.id.as_str(), r.version, vec![r.client.as_str()]),
        )
        .await?;
        let cases = add_versions(&mut tx, "cases", &[], &archive.cases, |k| {
            (k.id.as_str(), k.version, vec![])
        })
        .await?;
        for outcome in relationships.into_iter().chain(cases) {
            report.count(outcome);
        }
        for outcome in add_documents(&mut tx, &archive.documents).await? {
            report.count(outcome);
        }
        for (i, d) in archive.disclosures.iter().enumerate() {
            report.count(add_disclosure(&mut tx, d, format!("disclosures[{i}]")).await?);
        }
        if report.added + report.updated > 0 {
            sqlx::query("INSERT INTO imports (imported_at, added, updated) VALUES ($1, $2, $3)")
                .bind(Utc::now().to_rfc3339())
                .bind(i64::try_from(report.added).unwrap_or(i64::MAX))
                .bind(i64::try_from(report.updated).unwrap_or(i64::MAX))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        metrics::counter!("portal_imports_total").increment(1);
        metrics::counter!("portal_imported_records_total", "kind" => "added")
            .increment(report.added);
        metrics::counter!("portal_imported_records_total", "kind" => "updated")
            .increment(report.updated);
        Ok(report)
    }
}
