//! Document bodies, kept apart from the metadata: a page that
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
const LEVEL: i32 = 1;

/// What a stored part holds: the XHTML's text, or the PDF's bytes (not its
/// base64, a third larger).
const XHTML: &str = "xhtml";
const PDF: &str = "pdf";
/// A body with neither (never imported: the import refuses it).
const NONE: &str = "none";

/// A body as it is stored.
pub struct Packed {
    pub kind: &'static str,
    /// The bytes a reader gets: the XHTML's UTF-8 or the PDF's bytes.
    pub size: i64,
    /// Those bytes, compressed with zstd.
    pub bytes: Vec<u8>,
}

fn unreadable(e: impl std::fmt::Display) -> StoreError {
    StoreError::Packed(std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        e.to_string(),
    ))
}

thread_local! {
    /// One compression context a thread, reused: making one for each body
    /// took a tenth of an import's time.
    static COMPRESSOR: std::cell::RefCell<Option<zstd::bulk::Compressor<'static>>> =
        const { std::cell::RefCell::new(None) };
}

fn compress(raw: &[u8]) -> Result<Vec<u8>, StoreError> {
    COMPRESSOR.with_borrow_mut(|c| {
        let c = match c {
            Some(c) => c,
            None => c.insert(zstd::bulk::Compressor::new(LEVEL).map_err(StoreError::Packed)?),
        };
        c.compress(raw).map_err(StoreError::Packed)
    })
}

pub fn pack(body: &Body) -> Result<Packed, StoreError> {
    use base64::Engine as _;
    let (kind, raw): (&'static str, std::borrow::Cow<'_, [u8]>) =
        match (&body.xhtml, &body.pdf_base64) {
            (Some(x), _) => (XHTML, x.as_bytes().into()),
            (None, Some(b)) => (
                PDF,
                base64::engine::general_purpose::STANDARD
                    .decode(b)
                    .map_err(unreadable)?
                    .into(),
            ),
            (None, None) => (NONE, Vec::new().into()),
        };
    Ok(Packed {
        kind,
        size: i64::try_from(raw.len()).unwrap_or(i64::MAX),
        bytes: compress(&raw)?,
    })
}

fn unpack(kind: &str, packed: &[u8]) -> Result<Body, StoreError> {
    use base64::Engine as _;
    let raw = zstd::stream::decode_all(packed).map_err(StoreError::Packed)?;
    Ok(match kind {
        XHTML => Body {
            xhtml: Some(String::from_utf8(raw).map_err(unreadable)?),
            pdf_base64: None,
        },
        PDF => Body {
            xhtml: None,
            pdf_base64: Some(base64::engine::general_purpose::STANDARD.encode(raw)),
        },
        NONE => Body {
            xhtml: None,
            pdf_base64: None,
        },
        other => return Err(unreadable(format!("unknown kind {other:?}"))),
    })
}

pub async fn insert(
    tx: &mut Transaction<'_, Any>,
    doc: &Document,
    parts: &[(&str, &Body)],
) -> Result<(), StoreError> {
    for (part, body) in parts {
        insert_one(tx, &doc.id, i64::from(doc.version), part, &pack(body)?).await?;
    }
    Ok(())
}

async fn insert_one(
    tx: &mut Transaction<'_, Any>,
    id: &str,
    version: i64,
    part: &str,
    packed: &Packed,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO document_parts (document_id, version, part, kind, size, packed) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(version)
    .bind(part)
    .bind(packed.kind)
    .bind(packed.size)
    .bind(&packed.bytes)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Do the stored bodies of (id, version) equal `parts`?
pub async fn same(
    tx: &mut Transaction<'_, Any>,
    doc: &Document,
    parts: &[(&str, &Body)],
) -> Result<bool, StoreError> {
    let stored: Vec<(String, String, Vec<u8>)> = sqlx::query_as(
        "SELECT part, kind, packed FROM document_parts WHERE document_id = $1 AND version = $2",
    )
    .bind(&doc.id)
    .bind(i64::from(doc.version))
    .fetch_all(&mut **tx)
    .await?;
    if stored.len() != parts.len() {
        return Ok(false);
    }
    for (part, kind, packed) in &stored {
        let Some((_, wanted)) = parts.iter().find(|(p, _)| p == part) else {
            return Ok(false);
        };
        if unpack(kind, packed)? != **wanted {
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
        let row: Option<(String, Vec<u8>)> = sqlx::query_as(
            "SELECT kind, packed FROM document_parts \
             WHERE document_id = $1 AND version = $2 AND part = $3",
        )
        .bind(id)
        .bind(i64::from(version))
        .bind(part)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|(kind, packed)| unpack(&kind, &packed)).transpose()
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
        super::upgraded(&mut tx, super::SPLIT_BODIES).await?;
        tx.commit().await?;
        Ok(n)
    }

    /// Compresses the bodies stored before migration 0009 (`document_bodies`,
    /// JSON text) into `document_parts`, in one transaction.
    pub(super) async fn pack_old_bodies(&self) -> Result<u64, StoreError> {
        let mut tx = self.begin_write(super::Lock::Import).await?;
        let mut n = 0;
        // Page by key (not by deleting as it goes: PostgreSQL would scan the
        // rows deleted in this transaction again for every page), then one
        // delete at the end.
        let mut after: (String, i64, String) = (String::new(), -1, String::new());
        loop {
            let rows: Vec<(String, i64, String, String)> = sqlx::query_as(
                "SELECT document_id, version, part, data FROM document_bodies \
                 WHERE (document_id, version, part) > ($1, $2, $3) \
                 ORDER BY document_id, version, part LIMIT 500",
            )
            .bind(&after.0)
            .bind(after.1)
            .bind(&after.2)
            .fetch_all(&mut *tx)
            .await?;
            let Some(last) = rows.last() else { break };
            after = (last.0.clone(), last.1, last.2.clone());
            for (id, version, part, data) in rows {
                let packed = pack(&serde_json::from_str(&data)?)?;
                insert_one(&mut tx, &id, version, &part, &packed).await?;
                n += 1;
            }
        }
        sqlx::query("DELETE FROM document_bodies")
            .execute(&mut *tx)
            .await?;
        super::upgraded(&mut tx, super::PACK_BODIES).await?;
        tx.commit().await?;
        Ok(n)
    }
}
