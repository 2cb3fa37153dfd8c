//! What one subject's page costs inside the server, step by step, without
//! the cache (every read is cold) — the figures beside the HTTP benchmark
//! in `server/benches/RESULTS.md`:
//!
//!     cargo run --release -p server --example subject_cost -- sqlite://STORE.db PERSON-ID

use std::time::Instant;

use portal_server::policy::{Phase, Role, View};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(url), Some(id)) = (args.get(1), args.get(2)) else {
        return Err("usage: subject_cost DATABASE-URL PERSON-ID".into());
    };
    let store = portal_server::store::Store::open_with_cache(url, 0).await?;
    let subject = store.person(id).await?.ok_or("no such person")?;
    let today = "2026-11-23".parse()?;
    for round in 1..=5 {
        let t = Instant::now();
        let records = store.subject_records(&subject.id).await?;
        let load = t.elapsed();
        let view = View {
            viewer_id: &subject.id,
            subject: &subject,
            role: Role::Own,
            today,
            phase: Phase::Two,
        };
        let t = Instant::now();
        let e = portal_server::assemble::evaluate(&view, &records);
        let decide = t.elapsed();
        let t = Instant::now();
        let page = portal_server::assemble::front_page(&e, &e.labels(None, app::i18n::Lang::Fi));
        let assemble = t.elapsed();
        println!(
            "round {round}: load {load:?}, policy over {} documents {decide:?}, front page {assemble:?} ({} groups)",
            records.documents.len(),
            page.groups.len()
        );
    }
    Ok(())
}
