//! Reads: the records one subject's view is decided on.

use std::collections::HashMap;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use sqlx::{Any, Transaction};

use super::{Store, StoreError};
use crate::archive::format::{
    Case, ClientRelationship, Disclosure, Document, Guardianship, Organisation, Person, ServiceUnit,
};
use crate::policy::newest;

/// Everything the policy needs to decide one subject's documents.
#[derive(Debug, Default, Clone)]
pub struct SubjectRecords {
    /// The newest version of every document that names the subject in any version.
    pub documents: Vec<Document>,
    /// The newest version of each of their cases, by id.
    pub cases: HashMap<String, Case>,
    pub units: HashMap<String, ServiceUnit>,
    /// Organisation names by oid (the register keeper, R-TASK-5).
    pub organisations: HashMap<String, String>,
    /// The newest version of each of the subject's client relationships.
    pub relationships: Vec<ClientRelationship>,
    /// The disclosure log of the subject's data, newest first (R-DISC-1).
    pub disclosures: Vec<Disclosure>,
}

fn parse<T: DeserializeOwned>(rows: Vec<String>) -> Result<Vec<T>, StoreError> {
    rows.iter()
        .map(|r| serde_json::from_str(r).map_err(StoreError::from))
        .collect()
}

/// Keeps the highest version of each id (R-AUTO-9).
fn newest_by_id<T: Clone>(
    all: Vec<T>,
    id: impl Fn(&T) -> &str,
    version: impl Fn(&T) -> u32,
) -> Vec<T> {
    let mut by_id: HashMap<String, Vec<T>> = HashMap::new();
    for item in all {
        by_id.entry(id(&item).to_string()).or_default().push(item);
    }
    let mut out: Vec<T> = by_id
        .values()
        .filter_map(|versions| newest(versions, &version).cloned())
        .collect();
    out.sort_by(|a, b| id(a).cmp(id(b)));
    out
}

/// The distinct values, sorted.
fn distinct<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut v: Vec<&str> = ids.collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The records (JSON `data`) `sql … IN (…)` finds for `ids`.
async fn by_ids<T: DeserializeOwned>(
    tx: &mut Transaction<'_, Any>,
    sql: &str,
    ids: &[&str],
) -> Result<Vec<T>, StoreError> {
    let rows: Vec<(String,)> = super::rows_in(tx, sql, ids, "").await?;
    parse(rows.into_iter().map(|(d,)| d).collect())
}

impl Store {
    /// One page of persons whose identity code, surname or given names
    /// contain `query` (any case; empty: everyone), by surname; and how many
    /// match in all. For the test-identification list.
    pub async fn people_page(
        &self,
        query: &str,
        offset: u32,
        limit: u32,
    ) -> Result<(Vec<Person>, u32), StoreError> {
        let escaped = query
            .trim()
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let pattern = format!("%{escaped}%");
        let filter = "WHERE search LIKE $1 ESCAPE '\\'";
        let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM people {filter}"))
            .bind(&pattern)
            .fetch_one(&self.pool)
            .await?;
        let rows = sqlx::query_scalar(&format!(
            "SELECT data FROM people {filter} ORDER BY surname, id LIMIT $2 OFFSET $3"
        ))
        .bind(&pattern)
        .bind(i64::from(limit))
        .bind(i64::from(offset))
        .fetch_all(&self.pool)
        .await?;
        Ok((parse(rows)?, u32::try_from(total).unwrap_or(u32::MAX)))
    }

    /// How many children each of `guardians` is recorded for.
    pub async fn children_counts(
        &self,
        guardians: &[&str],
    ) -> Result<HashMap<String, usize>, StoreError> {
        let mut tx = self.begin_read().await?;
        let rows: Vec<(String, i64)> = super::rows_in(
            &mut tx,
            "SELECT guardian, COUNT(*) FROM guardianships WHERE guardian IN",
            guardians,
            " GROUP BY guardian",
        )
        .await?;
        tx.commit().await?;
        let out = rows
            .into_iter()
            .map(|(g, n)| (g, usize::try_from(n).unwrap_or(0)))
            .collect();
        Ok(out)
    }

    pub async fn person(&self, id: &str) -> Result<Option<Person>, StoreError> {
        let row: Option<String> = sqlx::query_scalar("SELECT data FROM people WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            Some(r) => Some(serde_json::from_str(&r)?),
            None => None,
        })
    }

    /// Every guardian and information-right holder of `child`, with the person.
    pub async fn custody_of(&self, child: &str) -> Result<Vec<(Guardianship, Person)>, StoreError> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT g.data, p.data FROM guardianships g JOIN people p ON p.id = g.guardian WHERE g.child = $1 ORDER BY g.guardian",
        )
        .bind(child)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(g, p)| Ok((serde_json::from_str(&g)?, serde_json::from_str(&p)?)))
            .collect()
    }

    /// The children for whom `guardian` is recorded (whether or not acting is allowed).
    pub async fn children_of(&self, guardian: &str) -> Result<Vec<Person>, StoreError> {
        let rows = sqlx::query_scalar(
            "SELECT p.data FROM guardianships g JOIN people p ON p.id = g.child WHERE g.guardian = $1 ORDER BY p.birth_date, p.id",
        )
        .bind(guardian)
        .fetch_all(&self.pool)
        .await?;
        parse(rows)
    }

    /// The import generation: the newest import that changed anything.
    async fn generation(&self) -> Result<i64, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM imports")
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// The records of `subject`'s view: from the cache when they were read at
    /// the current import generation, otherwise from the database.
    pub async fn subject_records(&self, subject: &str) -> Result<Arc<SubjectRecords>, StoreError> {
        let Some(cache) = &self.cache else {
            return Ok(Arc::new(self.load_subject_records(subject).await?.1));
        };
        if let Some(hit) = cache.get(subject) {
            if hit.generation == self.generation().await? {
                return Ok(hit.records);
            }
        }
        // Read in one snapshot with the generation it belongs to, so that an
        // entry is exactly as new as its tag (an import committing halfway
        // through a read cannot mix old and new records).
        let (generation, records) = self.load_subject_records(subject).await?;
        let records = Arc::new(records);
        cache.insert(
            subject.to_string(),
            super::cache::Entry {
                generation,
                records: Arc::clone(&records),
            },
        );
        Ok(records)
    }

    /// Loads the records of `subject`'s view from the database, in one read
    /// transaction (a snapshot: SQLite's write-ahead log, PostgreSQL's
    /// repeatable read), with the import generation they belong to.
    async fn load_subject_records(
        &self,
        subject: &str,
    ) -> Result<(i64, SubjectRecords), StoreError> {
        let mut tx = self.begin_read().await?;
        let generation: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM imports")
            .fetch_one(&mut *tx)
            .await?;
        let rows = sqlx::query_scalar(
            "SELECT data FROM documents WHERE id IN (SELECT document_id FROM document_clients WHERE person = $1)",
        )
        .bind(subject)
        .fetch_all(&mut *tx)
        .await?;
        let documents = newest_by_id(parse::<Document>(rows)?, |d| &d.id, |d| d.version);

        let case_ids = distinct(documents.iter().map(|d| d.case.as_str()));
        let cases =
            by_ids::<Case>(&mut tx, "SELECT data FROM cases WHERE id IN", &case_ids).await?;
        let cases = newest_by_id(cases, |c| &c.id, |c| c.version)
            .into_iter()
            .map(|c| (c.id.clone(), c))
            .collect();
        // Only the units and organisations these documents name, never the
        // whole table.
        let unit_ids = distinct(documents.iter().filter_map(|d| d.service_unit.as_deref()));
        let units = by_ids::<ServiceUnit>(
            &mut tx,
            "SELECT data FROM service_units WHERE oid IN",
            &unit_ids,
        )
        .await?
        .into_iter()
        .map(|u| (u.oid.clone(), u))
        .collect();
        // R-FRONT-6, R-VERSION-1: the newest version of a relationship is the
        // relationship, whichever client it names; so every version of each id
        // that ever named the subject is read, and the newest kept only if it
        // still names them.
        let rels = sqlx::query_scalar(
            "SELECT data FROM client_relationships WHERE id IN \
             (SELECT id FROM client_relationships WHERE client = $1)",
        )
        .bind(subject)
        .fetch_all(&mut *tx)
        .await?;
        let relationships: Vec<ClientRelationship> =
            newest_by_id(parse::<ClientRelationship>(rels)?, |r| &r.id, |r| r.version)
                .into_iter()
                .filter(|r| r.client == subject)
                .collect();
        let org_ids = distinct(
            documents
                .iter()
                .map(|d| d.register_keeper.as_str())
                .chain(relationships.iter().map(|r| r.register_keeper.as_str())),
        );
        let organisations = by_ids::<Organisation>(
            &mut tx,
            "SELECT data FROM organisations WHERE oid IN",
            &org_ids,
        )
        .await?
        .into_iter()
        .map(|o| (o.oid, o.name))
        .collect();
        let mut disclosures = parse::<Disclosure>(
            sqlx::query_scalar("SELECT data FROM disclosures WHERE client = $1")
                .bind(subject)
                .fetch_all(&mut *tx)
                .await?,
        )?;
        disclosures.sort_by(|a, b| (b.disclosed_at, &b.id).cmp(&(a.disclosed_at, &a.id)));
        tx.commit().await?;
        Ok((
            generation,
            SubjectRecords {
                documents,
                cases,
                units,
                organisations,
                relationships,
                disclosures,
            },
        ))
    }
}
