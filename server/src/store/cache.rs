//! A bounded cache of subjects' records, shared by the requests of one
//! process: a person moving between their pages, or a heavy
//! subject's guardian, does not make the store read and parse thousands of
//! documents again on every request.
//!
//! The cache holds records, never decisions: the policy runs on every
//! request, for that request's viewer and day. An entry is valid only for
//! the import generation it was read at (the newest row of `imports`, which
//! every import that changes anything adds), read on every request, so an
//! import by any process is seen at once.

use std::sync::Arc;

use quick_cache::sync::{Cache, DefaultLifecycle};
use quick_cache::{DefaultHashBuilder, OptionsBuilder, Weighter};

use super::read::SubjectRecords;

/// The records of one subject as read at one import generation.
#[derive(Clone)]
pub struct Entry {
    pub generation: i64,
    pub records: Arc<SubjectRecords>,
}

/// An entry weighs what it holds: one per document, relationship and
/// disclosure, and one for the entry itself.
#[derive(Clone)]
pub struct ByRecords;

impl Weighter<String, Entry> for ByRecords {
    fn weight(&self, _subject: &String, e: &Entry) -> u64 {
        let r = &e.records;
        let n = 1 + r.documents.len() + r.relationships.len() + r.disclosures.len();
        u64::try_from(n).unwrap_or(u64::MAX)
    }
}

pub type RecordsCache = Cache<String, Entry, ByRecords>;

/// A cache of at most `records` records in all (0: no cache). One shard: a
/// sharded cache splits its capacity, and an entry heavier than its shard's
/// share (a 10 000-document subject) would never be kept.
pub fn new(records: u64) -> Option<Arc<RecordsCache>> {
    let estimated = usize::try_from(records / 20).unwrap_or(1024).max(16);
    let options = OptionsBuilder::new()
        .estimated_items_capacity(estimated)
        .weight_capacity(records)
        .shards(1)
        .build()
        .ok()?;
    (records > 0).then(|| {
        Arc::new(Cache::with_options(
            options,
            ByRecords,
            DefaultHashBuilder::default(),
            DefaultLifecycle::default(),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heavy_subject_fits() {
        let cache = new(50_000).unwrap();
        let records = SubjectRecords {
            documents: vec![
                serde_json::from_value(serde_json::json!({
                    "id": "d", "version": 1, "case": "c", "clients": ["p"], "group": "phase2",
                    "general_type": "decision", "specific_type": "decision", "title": "T",
                    "service_tasks": ["2016:26"], "register_keeper": "o", "created": "2024-01-01",
                    "stored_at": "2024-01-01T10:00:00+02:00", "body": {"xhtml": ""}
                }))
                .unwrap();
                10_000
            ],
            ..Default::default()
        };
        let entry = Entry {
            generation: 1,
            records: Arc::new(records),
        };
        cache.insert("heavy".into(), entry);
        assert!(
            cache.get("heavy").is_some(),
            "a 10 000-document subject is kept"
        );
    }
}
