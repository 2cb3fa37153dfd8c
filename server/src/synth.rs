//! Synthetic national archives for benchmarks (`server generate`).
//!
//! Writes valid archive files (archive-format.md) of `persons` persons and
//! about `documents` documents, in files of at most `per_file` documents each,
//! so that each file imports in one bounded transaction. The skew is
//! realistic: most persons have 5–50 documents; named heavy subjects have
//! 100, 1 000, 5 000 and 10 000 (as many of them as the document budget
//! allows). Bodies are 2–20 KB of XHTML, one in ten a PDF; some documents
//! have attachments, newer versions, delays, special content, and (for
//! minors) guardian codes. The same arguments always give the same files.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{Duration, FixedOffset, NaiveDate, TimeZone};

use crate::archive::format::{
    Archive, Attachment, Body, Case, CaseClient, ClientRelationship, Document, DocumentGroup,
    GeneralType, GuardianDisclosure, Organisation, Person, ResponsibleWorker, RestrictionReason,
    SchemaVersion, ServiceUnit, Status, UnitKind,
};

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub persons: usize,
    pub documents: usize,
    pub per_file: usize,
    pub seed: u64,
}

/// A heavy subject the benchmark looks up by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heavy {
    pub id: String,
    pub documents: usize,
    /// A document of theirs that every rule lets them see (for the document page).
    pub first_document: Option<String>,
}

/// What was written.
#[derive(Debug, Clone, Default)]
pub struct Written {
    pub files: Vec<PathBuf>,
    pub documents: usize,
    /// The typical subject (20 documents) first, then the heavy ones.
    pub subjects: Vec<Heavy>,
}

/// A small deterministic generator (SplitMix64): no dependency, same output
/// on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        let n64 = u64::try_from(n.max(1)).unwrap_or(u64::MAX);
        usize::try_from(self.next() % n64).unwrap_or(0)
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

const CHECK_CHARS: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";
const TASKS: [&str; 4] = ["2016:26", "2016:10", "2016:24", "2016:23"];
const ORG: &str = "1.2.246.10.9000000.10.0";
const UNIT: &str = "1.2.246.10.9000000.10.1";
const WORDS: [&str; 12] = [
    "asiakas",
    "palvelu",
    "suunnitelma",
    "tavoite",
    "arvio",
    "tuki",
    "kotikäynti",
    "päätös",
    "yhteistyö",
    "tilanne",
    "perhe",
    "työntekijä",
];

/// A valid personal identity code for the `n`th person born on `born`.
pub fn hetu(born: NaiveDate, n: usize) -> String {
    use chrono::Datelike;
    let individual = 2 + n % 897;
    let yy = born.year() % 100;
    let sign = if born.year() >= 2000 { 'A' } else { '-' };
    let digits = format!("{:02}{:02}{:02}", born.day(), born.month(), yy);
    let number: u64 = format!("{digits}{individual:03}").parse().unwrap_or(0);
    let check = CHECK_CHARS
        .get(usize::try_from(number % 31).unwrap_or(0))
        .copied()
        .map_or('0', char::from);
    format!("{digits}{sign}{individual:03}{check}")
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap_or(NaiveDate::MIN)
}

fn xhtml(r: &mut Rng, label: &str) -> String {
    let target = 2_000 + r.below(18_000);
    let mut s = String::with_capacity(target + 64);
    s.push_str("<section><h2>");
    s.push_str(label);
    s.push_str("</h2>");
    while s.len() < target {
        s.push_str("<p>");
        for _ in 0..12 {
            s.push_str(r.pick(&WORDS).copied().unwrap_or("x"));
            s.push(' ');
        }
        s.push_str("</p>");
    }
    s.push_str("</section>");
    s
}

fn pdf(r: &mut Rng) -> String {
    use base64::Engine;
    let mut bytes = b"%PDF-1.4\n% synthetic\n".to_vec();
    bytes.resize(4_000 + r.below(40_000), b' ');
    bytes.extend_from_slice(b"\n%%EOF\n");
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn body(r: &mut Rng, label: &str) -> Body {
    if r.chance(10) {
        Body {
            xhtml: None,
            pdf_base64: Some(pdf(r)),
        }
    } else {
        Body {
            xhtml: Some(xhtml(r, label)),
            pdf_base64: None,
        }
    }
}

/// How many documents each person gets: heavy subjects first (those whose
/// size fits three times in the budget), one typical subject with 20, then
/// 5–50 each until the budget is spent.
fn document_counts(plan: &Plan, r: &mut Rng) -> Vec<usize> {
    let mut counts = Vec::with_capacity(plan.persons);
    let mut left = plan.documents;
    for heavy in [10_000usize, 5_000, 1_000, 100] {
        if heavy * 3 <= plan.documents {
            counts.push(heavy);
            left = left.saturating_sub(heavy);
        }
    }
    counts.push(20.min(left));
    left = left.saturating_sub(20);
    while counts.len() < plan.persons {
        let n = (5 + r.below(46)).min(left);
        counts.push(n);
        left -= n;
    }
    counts
}

/// 10:00 in Helsinki winter time on `d`.
fn at(d: NaiveDate) -> chrono::DateTime<FixedOffset> {
    let utc = d.and_time(chrono::NaiveTime::MIN) + Duration::hours(8);
    chrono::Utc.from_utc_datetime(&utc).fixed_offset()
}

fn write_file(dir: &Path, n: usize, archive: &Archive) -> std::io::Result<PathBuf> {
    let path = dir.join(format!("archive-{n:05}.json"));
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path)?);
    serde_json::to_writer(&mut f, archive)?;
    f.flush()?;
    Ok(path)
}

/// Writes the archive files into `dir` (created if missing).
pub fn generate(plan: &Plan, dir: &Path) -> std::io::Result<Written> {
    generate_each(plan, dir, |_| Ok(()))
}

/// As [`generate`], handing each file to `each` once it is written (which
/// may import and remove it: a national archive need not fit on the disk
/// twice).
pub fn generate_each(
    plan: &Plan,
    dir: &Path,
    mut each: impl FnMut(&Path) -> std::io::Result<()>,
) -> std::io::Result<Written> {
    std::fs::create_dir_all(dir)?;
    generate_with(plan, |n, archive| {
        let path = write_file(dir, n, archive)?;
        each(&path)?;
        Ok(path)
    })
}

/// As [`generate_each`], in CDA (cda.md): file `n` becomes the directory
/// `dir/NNNNN/` of its CDA documents and register file, handed to `each`.
pub fn generate_cda_each(
    plan: &Plan,
    dir: &Path,
    mut each: impl FnMut(&Path) -> std::io::Result<()>,
) -> std::io::Result<Written> {
    std::fs::create_dir_all(dir)?;
    generate_with(plan, |n, archive| {
        let sub = dir.join(format!("{n:05}"));
        crate::cda::write::write_dir(archive, &sub, 0).map_err(std::io::Error::other)?;
        each(&sub)?;
        Ok(sub)
    })
}

/// The generator: each file's archive to `write`, which says where it went.
fn generate_with(
    plan: &Plan,
    mut write: impl FnMut(usize, &Archive) -> std::io::Result<PathBuf>,
) -> std::io::Result<Written> {
    let mut r = Rng(plan.seed);
    let mut out = Written::default();
    let today = date("2026-11-23");

    // File 0: organisation, unit and every person, with relationships.
    let mut first = Archive::empty();
    first.organisations.push(Organisation {
        oid: ORG.into(),
        name: "Synteettinen hyvinvointialue".into(),
    });
    first.service_units.push(ServiceUnit {
        oid: UNIT.into(),
        name: "Sosiaalipalvelut".into(),
        organisation: ORG.into(),
        kind: UnitKind::General,
    });
    let mut people = Vec::with_capacity(plan.persons);
    for i in 0..plan.persons {
        // Births 1940–2020; one in six a minor.
        let born = if r.chance(16) {
            date("2009-01-01") + Duration::days(i64::try_from(r.below(365 * 16)).unwrap_or(0))
        } else {
            date("1940-01-01") + Duration::days(i64::try_from(r.below(365 * 68)).unwrap_or(0))
        };
        let id = hetu(born, i);
        people.push(Person {
            id,
            given_names: format!("Testi{i}"),
            surname: format!("Henkilö{}", i % 997),
            birth_date: born,
            protection_order: false,
            declared_incompetent: false,
            has_trustee: false,
            language: Default::default(),
        });
    }
    // Two persons born the same day get different individual numbers, but
    // ids must be unique: drop the rare duplicates.
    let mut seen = std::collections::HashSet::new();
    people.retain(|p| seen.insert(p.id.clone()));
    let counts = document_counts(plan, &mut r);
    for (i, p) in people.iter().enumerate() {
        let minor = crate::policy::is_minor_on(p.birth_date, date("2021-01-01"));
        first.client_relationships.push(ClientRelationship {
            id: format!("SREL-{i}"),
            version: 1,
            client: p.id.clone(),
            register_keeper: ORG.into(),
            schema_version: SchemaVersion::new(2023, 1),
            started: date("2021-01-01"),
            ended: None,
            child_protection_started: None,
            child_protection_ended: None,
            status: Status::Active,
            old: false,
            special_content: false,
            delay_until: None,
            guardian_disclosure: minor.then_some(GuardianDisclosure::Shown),
            restriction_reasons: vec![],
            restriction_text: None,
            responsible_workers: vec![ResponsibleWorker {
                name: format!("Työntekijä {}", i % 500),
                title: Some("sosiaalityöntekijä".into()),
                phone: None,
                email: None,
                unit: None,
                since: date("2021-01-01"),
            }],
        });
    }
    // The benchmark's subjects: the heavy ones and the typical one.
    let mut subject_of: std::collections::HashMap<usize, usize> = Default::default();
    for (i, p) in people.iter().enumerate() {
        let n = counts.get(i).copied().unwrap_or(0);
        if (n >= 100 || n == 20) && out.subjects.iter().all(|h| h.documents != n) {
            subject_of.insert(i, out.subjects.len());
            out.subjects.push(Heavy {
                id: p.id.clone(),
                documents: n,
                first_document: None,
            });
        }
    }
    first.people = people.clone();
    out.files.push(write(0, &first)?);

    // Then the documents, a person's cases and documents in the same file.
    let mut file = Archive::empty();
    let mut n_file = 1;
    for (i, p) in people.iter().enumerate() {
        let n_docs = counts.get(i).copied().unwrap_or(0);
        if n_docs == 0 {
            continue;
        }
        let cases_for = TASKS.len().min(1 + n_docs / 10);
        for k in 0..cases_for {
            let opened =
                date("2023-01-01") + Duration::days(i64::try_from(r.below(900)).unwrap_or(0));
            file.cases.push(Case {
                id: format!("SCASE-{i}-{k}"),
                version: 1,
                register_keeper: ORG.into(),
                service_task: TASKS.get(k).copied().unwrap_or("2016:26").into(),
                name: format!("Asia {k}"),
                status: Status::Active,
                opened,
                closed: None,
                clients: vec![CaseClient {
                    person: p.id.clone(),
                    joined: at(date("2020-01-01")),
                    removed: None,
                }],
                shared: None,
                delay_until: None,
                special_content: false,
                guardian_disclosure: None,
                restriction_reasons: vec![],
                restriction_text: None,
            });
        }
        for d in 0..n_docs {
            let k = d % cases_for;
            let created =
                date("2023-01-01") + Duration::days(i64::try_from(r.below(1_400)).unwrap_or(0));
            let created = created.min(today);
            let minor = crate::policy::is_minor_on(p.birth_date, created);
            let versions = if r.chance(5) { 2 } else { 1 };
            for v in 1..=versions {
                let id = format!("1.2.246.10.9000000.30.{i}.{d}");
                let label = format!("Asiakirja {d} ({v})");
                let attachments = (0..if r.chance(15) { 1 + r.below(2) } else { 0 })
                    .map(|a| Attachment {
                        id: format!("att-{a}"),
                        title: format!("Liite {a}"),
                        delay_until: None,
                        special_content: r.chance(5),
                        guardian_disclosure: None,
                        body: body(&mut r, "Liite"),
                    })
                    .collect();
                let delay_until = r.chance(3).then(|| today + Duration::days(30));
                let special_content = r.chance(3);
                let guardian_disclosure = minor.then(|| {
                    if r.chance(10) {
                        GuardianDisclosure::MinorProhibits
                    } else {
                        GuardianDisclosure::Shown
                    }
                });
                if let Some(h) = subject_of.get(&i).and_then(|&k| out.subjects.get_mut(k)) {
                    if h.first_document.is_none() && delay_until.is_none() && !special_content {
                        h.first_document = Some(id.clone());
                    }
                }
                file.documents.push(Document {
                    id,
                    version: v,
                    status: Status::Active,
                    case: format!("SCASE-{i}-{k}"),
                    clients: vec![p.id.clone()],
                    group: DocumentGroup::Phase2,
                    general_type: GeneralType::Decision,
                    specific_type: "decision".into(),
                    title: label.clone(),
                    service_tasks: vec![TASKS.get(k).copied().unwrap_or("2016:26").into()],
                    social_services: vec!["social_work".into()],
                    service_unit: Some(UNIT.into()),
                    register_keeper: ORG.into(),
                    created,
                    drawn_up: None,
                    stored_at: at(created),
                    author: None,
                    signatures: vec![],
                    correction: None,
                    delay_until,
                    special_content,
                    // Table 5.3.1: a delay or special content carries its
                    // reason (L8316–8320, L8407–8410).
                    restriction_reasons: if delay_until.is_some() || special_content {
                        RestrictionReason::try_from(1).into_iter().collect()
                    } else {
                        vec![]
                    },
                    // Code 2 carries the minor's reasons in words (L8962–8964).
                    restriction_text: (guardian_disclosure
                        == Some(GuardianDisclosure::MinorProhibits))
                    .then(|| "Alaikäinen kieltää luovuttamisen.".to_string()),
                    guardian_disclosure,
                    guardian_override_reasons: vec![],
                    body: body(&mut r, &label),
                    attachments,
                    avain: None,
                });
            }
            out.documents += 1;
            if file.documents.len() >= plan.per_file {
                out.files.push(write(n_file, &file)?);
                n_file += 1;
                file = Archive::empty();
            }
        }
    }
    if !file.documents.is_empty() || !file.cases.is_empty() {
        out.files.push(write(n_file, &file)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_hetus_validate() {
        for (i, born) in ["1985-04-12", "2012-06-15", "1940-01-01", "2020-12-31"]
            .iter()
            .enumerate()
        {
            let born = date(born);
            let id = hetu(born, i * 131);
            assert_eq!(crate::archive::hetu::validate(&id), Ok(born), "{id}");
        }
    }

    #[test]
    fn generated_files_are_valid_archives_with_the_asked_skew() {
        let dir = tempfile::tempdir().unwrap();
        let plan = Plan {
            persons: 200,
            documents: 3_500,
            per_file: 500,
            seed: 7,
        };
        let w = generate(&plan, dir.path()).unwrap();
        assert!(w.files.len() >= 8, "{} files", w.files.len());
        let sizes: Vec<usize> = w.subjects.iter().map(|h| h.documents).collect();
        assert_eq!(sizes, [1_000, 100, 20], "1 000 and 100 fit a 3 500 budget");
        assert!(w.subjects.iter().all(|h| h.first_document.is_some()));
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let url = format!("sqlite://{}", dir.path().join("s.db").display());
            let store = crate::store::Store::open(&url).await.unwrap();
            for f in &w.files {
                let text = std::fs::read_to_string(f).unwrap();
                let a = crate::archive::parse(&text).unwrap();
                store.import(&a).await.unwrap();
            }
            let heavy = &w.subjects[0];
            let records = store.subject_records(&heavy.id).await.unwrap();
            assert_eq!(records.documents.len(), heavy.documents);
        });
    }
}
