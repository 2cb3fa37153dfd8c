//! The demo archive (server/demo/archive.json), compiled into the binary and
//! loaded into an empty store on first start.

use crate::archive;
use crate::store::{ImportError, ImportReport, Store};

pub const DEMO_ARCHIVE: &str = include_str!("../demo/archive.json");

pub async fn load_if_empty(store: &Store) -> Result<Option<ImportReport>, ImportError> {
    if !store.is_empty().await? {
        return Ok(None);
    }
    let archive = archive::parse(DEMO_ARCHIVE).map_err(|p| ImportError::Invalid(vec![p]))?;
    store.import(&archive).await.map(Some)
}
