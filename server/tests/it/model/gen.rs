//! Random archives that exercise every rule: persons with every flag,
//! guardianships of every kind, client relationships, cases with members
//! joining and leaving, documents with several versions and attachments,
//! every code a rule names, and delays around the test dates.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone};
use portal_server::archive::format::*;

/// SplitMix64: small, fast, reproducible from a seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    pub fn date(&mut self, from: NaiveDate, days: i64) -> NaiveDate {
        from + Duration::days((self.next() % days as u64) as i64)
    }
}

/// The days the differential test looks from.
pub const TEST_DAYS: [&str; 3] = ["2024-06-15", "2026-11-23", "2031-01-01"];

fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// A date near one of the test days (before, on or after), or far away.
fn near_test_day(r: &mut Rng) -> NaiveDate {
    let base = day(r.pick::<&str>(&TEST_DAYS));
    match r.below(4) {
        0 => base,
        1 => base + Duration::days(1),
        2 => base - Duration::days(1),
        _ => r.date(day("2015-01-01"), 365 * 20),
    }
}

fn instant(d: NaiveDate, minutes: i64) -> DateTime<FixedOffset> {
    let tz = FixedOffset::east_opt(2 * 3600).expect("offset");
    tz.from_local_datetime(&d.and_hms_opt(8, 0, 0).expect("time"))
        .single()
        .expect("instant")
        + Duration::minutes(minutes)
}

const TASKS: [&str; 7] = [
    "2016:23", "2016:24", "2016:10", "2016:25", "2016:15", "2016:26", "2016:20",
];
const SERVICES: [&str; 9] = [
    "parentage_investigation",
    "paternity_investigation",
    "maternity_investigation",
    "shelter_service",
    "adoption_counselling",
    "social_work",
    "family_work",
    "income_support",
    "home_care",
];
const TYPES: [&str; 14] = [
    "shelter_advance_information",
    "shelter_initial_assessment",
    "shelter_plan",
    "ipv_risk_assessment",
    "safety_plan",
    "harassment_stalking_risk_assessment",
    "ipv_experience_assessment",
    "payment_commitment_income_support",
    "client_relationship",
    "paternity_investigation",
    "decision",
    "plan",
    "statement",
    "memo",
];
const GENERAL: [GeneralType; 5] = [
    GeneralType::Decision,
    GeneralType::Plan,
    GeneralType::Statement,
    GeneralType::JournalEntry,
    GeneralType::PaymentCommitment,
];
const GROUPS: [DocumentGroup; 4] = [
    DocumentGroup::Phase2,
    DocumentGroup::JournalEntry,
    DocumentGroup::Old,
    DocumentGroup::Phase1,
];

fn body(tag: &str) -> Body {
    Body {
        xhtml: Some(format!("<p>BODY-{tag}</p>")),
        pdf_base64: None,
    }
}

/// A random archive; `seed` makes it reproducible.
pub fn archive(seed: u64) -> Archive {
    let r = &mut Rng::new(seed);
    let tag = format!("{seed:x}");
    let org = Organisation {
        oid: "1.2.9".into(),
        name: format!("Org-{tag}"),
    };
    let units = vec![
        ServiceUnit {
            oid: "1.2.9.1".into(),
            name: "General unit".into(),
            organisation: org.oid.clone(),
            kind: UnitKind::General,
        },
        ServiceUnit {
            oid: "1.2.9.2".into(),
            name: "Shelter unit".into(),
            organisation: org.oid.clone(),
            kind: UnitKind::Shelter,
        },
    ];
    // People: adults and minors around the test days (some turn 18 near them).
    let n_people = 2 + r.below(5);
    let mut people = Vec::new();
    for i in 0..n_people {
        let birth = match r.below(4) {
            0 => r.date(day("1950-01-01"), 365 * 45),
            1 => r.date(day("2008-01-01"), 365 * 14),
            2 => day(r.pick::<&str>(&TEST_DAYS)) - Duration::days(365 * 18 + 4 - r.below(9) as i64),
            _ => r.date(day("1975-01-01"), 365 * 20),
        };
        people.push(Person {
            id: format!("TMP-{tag}-{i}"),
            given_names: format!("Given{i}"),
            surname: format!("Person{i}"),
            birth_date: birth,
            protection_order: r.chance(12),
            declared_incompetent: r.chance(6),
            has_trustee: r.chance(8),
            language: Language::Fi,
        });
    }
    let mut guardianships = Vec::new();
    for c in 0..n_people {
        for g in 0..n_people {
            if c != g && r.chance(30) {
                guardianships.push(Guardianship {
                    guardian: people[g].id.clone(),
                    child: people[c].id.clone(),
                    role: if r.chance(75) {
                        GuardianRole::Guardian
                    } else {
                        GuardianRole::InformationRight
                    },
                    custody_agreement: *r.pick(&[
                        CustodyAgreement::None,
                        CustodyAgreement::None,
                        CustodyAgreement::ResidenceOnly,
                        CustodyAgreement::NoSocialWelfareDecisions,
                        CustodyAgreement::Unstructured,
                    ]),
                    covers_social_welfare: true,
                });
            }
        }
    }
    let mut relationships = Vec::new();
    for (i, p) in people.iter().enumerate() {
        for v in 1..=r.below(3) as u32 {
            relationships.push(ClientRelationship {
                id: format!("REL-{tag}-{i}"),
                version: v,
                client: p.id.clone(),
                register_keeper: org.oid.clone(),
                schema_version: r
                    .pick(&["2018-12", "2019-05", "2019-06", "2023-01"])
                    .to_string()
                    .try_into()
                    .expect("schema version"),
                started: r.date(day("2015-01-01"), 3000),
                ended: None,
                child_protection_started: None,
                child_protection_ended: None,
                status: Status::Active,
                old: false,
                special_content: r.chance(20),
                delay_until: None,
                guardian_disclosure: None,
                restriction_reasons: vec![],
                restriction_text: None,
                responsible_workers: (0..r.below(3))
                    .map(|w| ResponsibleWorker {
                        name: format!("Worker-{tag}-{i}-{v}-{w}"),
                        title: None,
                        phone: None,
                        email: None,
                        unit: None,
                        since: r.date(day("2015-01-01"), 3000),
                    })
                    .collect(),
            });
        }
    }
    let n_cases = 1 + r.below(5);
    let mut cases = Vec::new();
    for k in 0..n_cases {
        let mut members: Vec<usize> = (0..n_people).filter(|_| r.chance(45)).collect();
        if members.is_empty() {
            members.push(r.below(n_people));
        }
        let opened = r.date(day("2010-01-01"), 365 * 15);
        for v in 1..=(1 + r.below(2)) as u32 {
            cases.push(Case {
                id: format!("CASE-{tag}-{k}"),
                version: v,
                register_keeper: org.oid.clone(),
                service_task: r.pick(&TASKS).to_string(),
                name: format!("Case {k}"),
                status: Status::Active,
                opened,
                closed: if r.chance(25) {
                    Some(r.date(day("2008-01-01"), 365 * 18).max(opened))
                } else {
                    None
                },
                clients: members
                    .iter()
                    .map(|&m| CaseClient {
                        person: people[m].id.clone(),
                        joined: instant(opened, 0),
                        removed: None,
                    })
                    .collect(),
                delay_until: if r.chance(20) {
                    Some(near_test_day(r))
                } else {
                    None
                },
                special_content: r.chance(10),
                guardian_disclosure: if r.chance(25) {
                    Some(disclosure_code(1 + r.below(4)))
                } else {
                    None
                },
                restriction_reasons: vec![],
                restriction_text: Some(format!("REASON-CASE-{tag}-{k}-{v}")),
            });
        }
    }
    let n_docs = 2 + r.below(12);
    let mut documents = Vec::new();
    for d in 0..n_docs {
        let case = &cases[r.below(cases.len())];
        let members: Vec<String> = case.clients.iter().map(|c| c.person.clone()).collect();
        let id = format!("DOC-{tag}-{d}");
        for v in 1..=(1 + r.below(3)) as u32 {
            let mut clients: Vec<String> =
                members.iter().filter(|_| r.chance(70)).cloned().collect();
            if clients.is_empty() {
                clients.push(r.pick(&members).clone());
            }
            let created = r.date(day("2008-01-01"), 365 * 24);
            let any_minor = clients.iter().any(|c| {
                let p = people.iter().find(|p| &p.id == c).expect("person");
                super::minor(p, created)
            });
            let disclosure = if any_minor || r.chance(30) {
                Some(disclosure_code(1 + r.below(4)))
            } else {
                None
            };
            documents.push(Document {
                id: id.clone(),
                version: v,
                status: if r.chance(10) {
                    Status::Deleted
                } else {
                    Status::Active
                },
                case: case.id.clone(),
                clients,
                group: if r.chance(70) {
                    DocumentGroup::Phase2
                } else {
                    *r.pick(&GROUPS)
                },
                general_type: *r.pick(&GENERAL),
                specific_type: if r.chance(55) {
                    "decision".into()
                } else {
                    r.pick(&TYPES).to_string()
                },
                title: format!("TITLE-{tag}-{d}-v{v}"),
                service_tasks: {
                    let mut t = vec![r.pick(&TASKS).to_string()];
                    if r.chance(20) {
                        let extra = r.pick(&TASKS).to_string();
                        if !t.contains(&extra) {
                            t.push(extra);
                        }
                    }
                    t
                },
                social_services: if r.chance(60) {
                    vec!["social_work".into()]
                } else {
                    vec![r.pick(&SERVICES).to_string()]
                },
                service_unit: match r.below(5) {
                    0 => None,
                    1 => Some("1.2.9.2".into()),
                    _ => Some("1.2.9.1".into()),
                },
                register_keeper: org.oid.clone(),
                created,
                drawn_up: None,
                stored_at: instant(created, r.below(3000) as i64),
                author: None,
                signatures: vec![],
                correction: None,
                delay_until: if r.chance(20) {
                    Some(near_test_day(r))
                } else {
                    None
                },
                special_content: r.chance(10),
                restriction_reasons: vec![],
                restriction_text: Some(format!("REASON-{tag}-{d}-{v}")),
                guardian_disclosure: disclosure,
                guardian_override_reasons: if disclosure == Some(disclosure_code(3)) {
                    vec![OverrideReason::try_from(1).expect("reason")]
                } else {
                    vec![]
                },
                body: body(&format!("{tag}-{d}-v{v}")),
                attachments: (0..r.below(3))
                    .map(|a| Attachment {
                        id: format!("ATT-{tag}-{d}-{a}"),
                        title: format!("ATTTITLE-{tag}-{d}-v{v}-{a}"),
                        delay_until: if r.chance(25) {
                            Some(near_test_day(r))
                        } else {
                            None
                        },
                        special_content: r.chance(15),
                        guardian_disclosure: None,
                        body: body(&format!("{tag}-{d}-v{v}-att{a}")),
                    })
                    .collect(),
            });
        }
    }
    Archive {
        format: FORMAT_V1.into(),
        organisations: vec![org],
        service_units: units,
        people,
        guardianships,
        client_relationships: relationships,
        cases,
        documents,
        disclosures: vec![],
    }
}

/// A guardian disclosure code (1–4) as the file spells it.
fn disclosure_code(n: usize) -> GuardianDisclosure {
    GuardianDisclosure::try_from(u8::try_from(n).expect("code")).expect("code 1-4")
}
