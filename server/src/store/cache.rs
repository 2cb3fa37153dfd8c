//! A bounded cache of subjects' records, shared by the requests of one
//! process (issue 10): a person moving between their pages, or a heavy
//! subject's guardian, does not make the store read and parse thousands of
//! documents again on every request.
//!
//! The cache holds records, never decisions: the policy runs on every
//! request, for that request's viewer and day. An entry is valid only for
//! the import generation it was read at (the newest row of `imports`, which
//! every import that changes anything adds), read on every request, so an
//! import by any process is seen at once.

use std::sync::Arc;

use quick_cache::sync::Cache;
use quick_cache::Weighter;

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

/// A cache of at most `records` records in all (0: no cache).
pub fn new(records: u64) -> Option<Arc<RecordsCache>> {
    (records > 0).then(|| {
        let estimated = usize::try_from(records / 20).unwrap_or(1024).max(16);
        Arc::new(Cache::with_weighter(estimated, records, ByRecords))
    })
}
