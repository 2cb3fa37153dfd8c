//! Document bodies, kept apart from the metadata (issue 10): a page that
//! lists documents, and the policy, never read a body; the document view and
//! the file routes read the one they show.

use sqlx::{Any, Transaction};

use super::{Store, StoreError};
use crate::archive::format::{Body, Document};

/// The part name of a document's own body; attachments use their id.
pub const MAIN: &str = "";

/// A body without its content, keeping its kind (XHTML or PDF).
fn stub(body: &Body) -> Body {
    Body {
        xhtml: body.xhtml.as_ref().map(|_| String::new()),
        pdf_base64: body.pdf_base64.as_ref().map(|_| String::new()),
    }
}

/// Splits a document into its metadata (bodies stubbed) and its bodies by part.
pub fn split(doc: &Document) -> (Document, Vec<(&str, &Body)>) {
    let mut meta = doc.clone();
    meta.body = stub(&doc.body);
    for a in &mut meta.attachments {
        a.body = stub(&a.body);
    }
    let mut parts = vec![(MAIN, &doc.body)];
    parts.extend(doc.attachments.iter().map(|a| (a.id.as_str(), &a.body)));
    (meta, parts)
}

/// About how many bytes a body has, from the length of its stored JSON:
/// `{"xhtml":null,"pdf_base64":"…"}` holds base64 (4 characters for 3
/// bytes); an XHTML body holds its text.
pub fn decoded_size(pdf: bool, stored: i64) -> u64 {
    // The length of `{"xhtml":null,"pdf_base64":""}`.
    const WRAPPER: u64 = 30;
    let content = u64::try_from(stored).unwrap_or(0).saturating_sub(WRAPPER);
    if pdf {
        content / 4 * 3
    } else {
        content
    }
}

pub async fn insert(
    tx: &mut Transaction<'_, Any>,
    doc: &Document,
    parts: &[(&str, &Body)],
) -> Result<(), StoreError> {
    for (part, body) in parts {
        sqlx::query(
            "INSERT INTO document_bodies (document_id, version, part, data) VALUES ($1, $2, $3, $4)",
        )
        .bind(&doc.id)
        .bind(i64::from(doc.version))
        .bind(*part)
        .bind(serde_json::to_string(body)?)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Do the stored bodies of (id, version) equal `parts`?
pub async fn same(
    tx: &mut Transaction<'_, Any>,
    doc: &Document,
    parts: &[(&str, &Body)],
) -> Result<bool, StoreError> {
    // Sorted here, not by the database: PostgreSQL orders text by its
    // collation, which need not be the byte order `wanted` is sorted in.
    let mut stored: Vec<(String, String)> = sqlx::query_as(
        "SELECT part, data FROM document_bodies WHERE document_id = $1 AND version = $2",
    )
    .bind(&doc.id)
    .bind(i64::from(doc.version))
    .fetch_all(&mut **tx)
    .await?;
    let mut wanted: Vec<(&str, String)> = parts
        .iter()
        .map(|(p, b)| Ok((*p, serde_json::to_string(b)?)))
        .collect::<Result<_, serde_json::Error>>()?;
    wanted.sort();
    stored.sort();
    Ok(stored.len() == wanted.len()
        && stored
            .iter()
            .zip(&wanted)
            .all(|((p, d), (q, e))| p == q && d == e))
}

impl Store {
    /// The body `part` of version `version` of document `id`.
    pub async fn body(
        &self,
        id: &str,
        version: u32,
        part: &str,
    ) -> Result<Option<Body>, StoreError> {
        let row: Option<String> = sqlx::query_scalar(
            "SELECT data FROM document_bodies WHERE document_id = $1 AND version = $2 AND part = $3",
        )
        .bind(id)
        .bind(i64::from(version))
        .bind(part)
        .fetch_optional(&self.pool)
        .await?;
        Ok(match row {
            Some(r) => Some(serde_json::from_str(&r)?),
            None => None,
        })
    }

    /// How long each stored part of version `version` of document `id` is
    /// (its JSON), by part (attachments by id). Read from the stored
    /// lengths, not the bodies: see [`decoded_size`].
    pub async fn part_sizes(
        &self,
        id: &str,
        version: u32,
    ) -> Result<Vec<(String, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT part, CAST(octet_length(data) AS BIGINT) FROM document_bodies \
             WHERE document_id = $1 AND version = $2",
        )
        .bind(id)
        .bind(i64::from(version))
        .fetch_all(&self.pool)
        .await?)
    }

    /// Splits documents stored before migration 0004 (bodies inside the
    /// metadata) into metadata and bodies, in one transaction.
    pub(super) async fn split_old_bodies(&self) -> Result<u64, StoreError> {
        let mut tx = self.begin_write(super::Lock::Import).await?;
        let rows: Vec<String> = sqlx::query_scalar(
            "SELECT d.data FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_bodies b \
             WHERE b.document_id = d.id AND b.version = d.version AND b.part = '')",
        )
        .fetch_all(&mut *tx)
        .await?;
        let mut n = 0;
        for row in rows {
            let doc: Document = serde_json::from_str(&row)?;
            let (meta, parts) = split(&doc);
            insert(&mut tx, &doc, &parts).await?;
            sqlx::query("UPDATE documents SET data = $1 WHERE id = $2 AND version = $3")
                .bind(serde_json::to_string(&meta)?)
                .bind(&doc.id)
                .bind(i64::from(doc.version))
                .execute(&mut *tx)
                .await?;
            n += 1;
        }
        tx.commit().await?;
        Ok(n)
    }
}
