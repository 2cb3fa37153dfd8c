//! All-or-nothing import of an archive file (archive-format.md).

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use serde::Serialize;
use sqlx::{Sqlite, Transaction};

use super::{Store, StoreError};
use crate::archive::format::{Archive, UnitKind};
use crate::archive::validate::{validate, Known, Problem};

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
}

async fn known(tx: &mut Transaction<'_, Sqlite>) -> Result<KnownInStore, sqlx::Error> {
    let mut k = KnownInStore::default();
    for (id, born) in sqlx::query_as::<_, (String, String)>("SELECT id, birth_date FROM people")
        .fetch_all(&mut **tx)
        .await?
    {
        if let Ok(d) = born.parse() {
            k.people.insert(id, d);
        }
    }
    k.organisations = sqlx::query_scalar("SELECT oid FROM organisations")
        .fetch_all(&mut **tx)
        .await?
        .into_iter()
        .collect();
    k.units = sqlx::query_scalar("SELECT oid FROM service_units")
        .fetch_all(&mut **tx)
        .await?
        .into_iter()
        .collect();
    k.cases = sqlx::query_scalar("SELECT DISTINCT id FROM cases")
        .fetch_all(&mut **tx)
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

/// A record that is replaced rather than versioned (organisations, service
/// units, people, guardianships): written only when it is new or differs.
/// `values` are bound to `insert` in order; the first `keys` of them find the
/// stored record.
async fn replace(
    tx: &mut Transaction<'_, Sqlite>,
    find: &str,
    keys: usize,
    insert: &str,
    values: &[&str],
) -> Result<Outcome, sqlx::Error> {
    let data = values.last().copied().unwrap_or_default();
    let mut q = sqlx::query_scalar::<_, String>(find);
    for k in &values[..keys] {
        q = q.bind(*k);
    }
    let old = q.fetch_optional(&mut **tx).await?;
    if old.as_deref() == Some(data) {
        return Ok(Outcome::Unchanged);
    }
    let mut q = sqlx::query(insert);
    for v in values {
        q = q.bind(*v);
    }
    q.execute(&mut **tx).await?;
    Ok(if old.is_some() {
        Outcome::Updated
    } else {
        Outcome::Added
    })
}

/// A versioned record: a new (id, version) is added beside the old ones; the
/// same (id, version) again must be identical.
async fn versioned<T: Serialize + serde::de::DeserializeOwned + PartialEq>(
    tx: &mut Transaction<'_, Sqlite>,
    table: &str,
    id: &str,
    version: u32,
    record: &T,
    path: String,
) -> Result<Option<Outcome>, ImportError> {
    let sql = format!("SELECT data FROM {table} WHERE id = ? AND version = ?");
    let old: Option<String> = sqlx::query_scalar(&sql)
        .bind(id)
        .bind(version)
        .fetch_optional(&mut **tx)
        .await?;
    match old {
        None => Ok(None),
        Some(old) => {
            let old: T = serde_json::from_str(&old).map_err(StoreError::Corrupt)?;
            if &old == record {
                Ok(Some(Outcome::Unchanged))
            } else {
                Err(ImportError::Invalid(vec![Problem {
                    path,
                    message: format!(
                        "version {version} of {id:?} is already stored with other content; store a new version instead"
                    ),
                }]))
            }
        }
    }
}

impl Store {
    /// Imports a whole file in one transaction: on any error nothing changes.
    pub async fn import(&self, archive: &Archive) -> Result<ImportReport, ImportError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let known = known(&mut tx).await?;
        validate(archive, &known).map_err(ImportError::Invalid)?;
        let mut report = ImportReport::default();

        for o in &archive.organisations {
            let o_data = json(o)?;
            report.count(
                replace(
                    &mut tx,
                    "SELECT data FROM organisations WHERE oid = ?",
                    1,
                    "INSERT INTO organisations (oid, name, data) VALUES (?, ?, ?) \
                     ON CONFLICT (oid) DO UPDATE SET name = excluded.name, data = excluded.data",
                    &[&o.oid, &o.name, &o_data],
                )
                .await?,
            );
        }
        for u in &archive.service_units {
            let kind = match u.kind {
                UnitKind::General => "general",
                UnitKind::Shelter => "shelter",
            };
            let u_data = json(u)?;
            report.count(
                replace(
                    &mut tx,
                    "SELECT data FROM service_units WHERE oid = ?",
                    1,
                    "INSERT INTO service_units (oid, organisation, kind, data) VALUES (?, ?, ?, ?) \
                     ON CONFLICT (oid) DO UPDATE SET organisation = excluded.organisation, \
                     kind = excluded.kind, data = excluded.data",
                    &[&u.oid, &u.organisation, kind, &u_data],
                )
                .await?,
            );
        }
        for p in &archive.people {
            let p_data = json(p)?;
            let born = p.birth_date.to_string();
            report.count(
                replace(
                    &mut tx,
                    "SELECT data FROM people WHERE id = ?",
                    1,
                    "INSERT INTO people (id, birth_date, surname, data) VALUES (?, ?, ?, ?) \
                     ON CONFLICT (id) DO UPDATE SET birth_date = excluded.birth_date, \
                     surname = excluded.surname, data = excluded.data",
                    &[&p.id, &born, &p.surname, &p_data],
                )
                .await?,
            );
        }
        for g in &archive.guardianships {
            let g_data = json(g)?;
            report.count(
                replace(
                    &mut tx,
                    "SELECT data FROM guardianships WHERE guardian = ? AND child = ?",
                    2,
                    "INSERT INTO guardianships (guardian, child, data) VALUES (?, ?, ?) \
                     ON CONFLICT (guardian, child) DO UPDATE SET data = excluded.data",
                    &[&g.guardian, &g.child, &g_data],
                )
                .await?,
            );
        }
        for (i, r) in archive.client_relationships.iter().enumerate() {
            let path = format!("client_relationships[{i}]");
            let outcome = match versioned(
                &mut tx,
                "client_relationships",
                &r.id,
                r.version,
                r,
                path,
            )
            .await?
            {
                Some(o) => o,
                None => {
                    sqlx::query("INSERT INTO client_relationships (id, version, client, data) VALUES (?, ?, ?, ?)")
                        .bind(&r.id).bind(r.version).bind(&r.client).bind(json(r)?).execute(&mut *tx).await?;
                    Outcome::Added
                }
            };
            report.count(outcome);
        }
        for (i, k) in archive.cases.iter().enumerate() {
            let path = format!("cases[{i}]");
            let outcome = match versioned(&mut tx, "cases", &k.id, k.version, k, path).await? {
                Some(o) => o,
                None => {
                    sqlx::query("INSERT INTO cases (id, version, data) VALUES (?, ?, ?)")
                        .bind(&k.id)
                        .bind(k.version)
                        .bind(json(k)?)
                        .execute(&mut *tx)
                        .await?;
                    Outcome::Added
                }
            };
            report.count(outcome);
        }
        for (i, d) in archive.documents.iter().enumerate() {
            let path = format!("documents[{i}]");
            let outcome = match versioned(&mut tx, "documents", &d.id, d.version, d, path).await? {
                Some(o) => o,
                None => {
                    sqlx::query(
                        "INSERT INTO documents (id, version, case_id, data) VALUES (?, ?, ?, ?)",
                    )
                    .bind(&d.id)
                    .bind(d.version)
                    .bind(&d.case)
                    .bind(json(d)?)
                    .execute(&mut *tx)
                    .await?;
                    for person in &d.clients {
                        sqlx::query("INSERT INTO document_clients (person, document_id, version) VALUES (?, ?, ?)")
                            .bind(person).bind(&d.id).bind(d.version).execute(&mut *tx).await?;
                    }
                    Outcome::Added
                }
            };
            report.count(outcome);
        }
        if report.added + report.updated > 0 {
            sqlx::query("INSERT INTO imports (imported_at, added, updated) VALUES (?, ?, ?)")
                .bind(Utc::now().to_rfc3339())
                .bind(report.added as i64)
                .bind(report.updated as i64)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(report)
    }
}
