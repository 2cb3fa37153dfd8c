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

/// zstd's level: fast enough that an import is not held up by it (it
/// compresses every body), and XHTML still shrinks to a fraction.
const LEVEL: i32 = 3;

/// The bytes a reader of `body` gets: the XHTML's UTF-8 or the PDF's bytes
/// (base64 holds 3 bytes in 4 characters, padded with `=`).
pub fn content_size(body: &Body) -> i64 {
    let n = match (&body.xhtml, &body.pdf_base64) {
        (Some(x), _) => x.len(),
        (None, Some(b)) => b.trim_end_matches('=').len() * 3 / 4,
        (None, None) => 0,
    };
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A body as it is stored: its JSON, compressed, and its size.
pub fn pack(body: &Body) -> Result<(i64, Vec<u8>), StoreError> {
    let json = serde_json::to_vec(body)?;
    let packed = zstd::bulk::compress(&json, LEVEL).map_err(StoreError::Packed)?;
    Ok((content_size(body), packed))
}

fn unpack(packed: &[u8]) -> Result<Body, StoreError> {
    let json = zstd::stream::decode_all(packed).map_err(StoreError::Packed)?;
    Ok(serde_json::from_slice(&json)?)
}

pub async fn insert(
    tx: &mut Transaction<'_, Any>,
    doc: &Document,
    parts: &[(&str, &Body)],
) -> Result<(), StoreError> {
    for (part, body) in parts {
        let (size, packed) = pack(body)?;
        sqlx::query(
            "INSERT INTO document_parts (document_id, version, part, size, packed) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&doc.id)
        .bind(i64::from(doc.version))
        .bind(*part)
        .bind(size)
        .bind(packed)
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
    let stored: Vec<(String, Vec<u8>)> = sqlx::query_as(
        "SELECT part, packed FROM document_parts WHERE document_id = $1 AND version = $2",
    )
    .bind(&doc.id)
    .bind(i64::from(doc.version))
    .fetch_all(&mut **tx)
    .await?;
    if stored.len() != parts.len() {
        return Ok(false);
    }
    for (part, packed) in &stored {
        let Some((_, wanted)) = parts.iter().find(|(p, _)| p == part) else {
            return Ok(false);
        };
        if unpack(packed)? != **wanted {
            return Ok(false);
        }
    }
    Ok(true)
}

impl Store {
    /// The body `part` of version `version` of document `id`.
    pub async fn body(
        &self,
        id: &str,
        version: u32,
        part: &str,
    ) -> Result<Option<Body>, StoreError> {
        let row: Option<Vec<u8>> = sqlx::query_scalar(
            "SELECT packed FROM document_parts WHERE document_id = $1 AND version = $2 AND part = $3",
        )
        .bind(id)
        .bind(i64::from(version))
        .bind(part)
        .fetch_optional(&self.pool)
        .await?;
        row.as_deref().map(unpack).transpose()
    }

    /// How many bytes each part of version `version` of document `id` has
    /// for its reader, by part (attachments by id), without reading a body.
    pub async fn part_sizes(
        &self,
        id: &str,
        version: u32,
    ) -> Result<Vec<(String, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT part, size FROM document_parts WHERE document_id = $1 AND version = $2",
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
            "SELECT d.data FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_parts b \
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

    /// Compresses the bodies stored before migration 0009 (`document_bodies`,
    /// JSON text) into `document_parts`, in one transaction.
    pub(super) async fn pack_old_bodies(&self) -> Result<u64, StoreError> {
        let any: Option<String> =
            sqlx::query_scalar("SELECT document_id FROM document_bodies LIMIT 1")
                .fetch_optional(&self.pool)
                .await?;
        if any.is_none() {
            return Ok(0);
        }
        let mut tx = self.begin_write(super::Lock::Import).await?;
        let mut n = 0;
        loop {
            let rows: Vec<(String, i64, String, String)> = sqlx::query_as(
                "SELECT document_id, version, part, data FROM document_bodies \
                 ORDER BY document_id, version, part LIMIT 500",
            )
            .fetch_all(&mut *tx)
            .await?;
            if rows.is_empty() {
                break;
            }
            for (id, version, part, data) in rows {
                let (size, packed) = pack(&serde_json::from_str(&data)?)?;
                sqlx::query(
                    "INSERT INTO document_parts (document_id, version, part, size, packed) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&id)
                .bind(version)
                .bind(&part)
                .bind(size)
                .bind(packed)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "DELETE FROM document_bodies WHERE document_id = $1 AND version = $2 AND part = $3",
                )
                .bind(&id)
                .bind(version)
                .bind(&part)
                .execute(&mut *tx)
                .await?;
                n += 1;
            }
        }
        tx.commit().await?;
        Ok(n)
    }
}
