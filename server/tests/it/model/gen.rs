//! Random archives that exercise every rule: persons with every flag (and
//! birthdays that turn 18 on and around the test days, 29 February ones
//! included), guardianships of every kind, client relationships of every
//! status, cases with members joining and leaving (also on the very day a
//! document is drawn up, and at Helsinki midnight), cases annulled or closed
//! about 17 years before a test day, documents with several versions and
//! attachments, every code a rule names, delays around the test days, and a
//! disclosure log.
//!
//! Every archive must pass the importer's validation (`validate.rs`), and
//! most documents agree with their case's membership record, so that plenty
//! stay visible.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone};
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

/// The days the differential test looks from. 2030-02-28: a child born
/// 2012-02-29 turns 18 that day (R-GUARD-1, the team's reading), and
/// a case closed 2013-02-28 ends its active period that day (R-TASK-2).
pub const TEST_DAYS: [&str; 4] = ["2024-06-15", "2026-11-23", "2031-01-01", "2030-02-28"];

fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// `d` plus `years` calendar years, 29 February → 28 February.
fn plus_years(d: NaiveDate, years: i32) -> NaiveDate {
    let y = d.year() + years;
    NaiveDate::from_ymd_opt(y, d.month(), d.day())
        .or_else(|| NaiveDate::from_ymd_opt(y, d.month(), 28))
        .expect("date")
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

/// An instant on the Helsinki date `d`: mostly office hours in +02:00, but
/// sometimes just after Helsinki midnight written in UTC (the UTC date is
/// the day before), or just before it in +03:00.
fn instant(r: &mut Rng, d: NaiveDate) -> DateTime<FixedOffset> {
    let (offset, local) = match r.below(6) {
        // 22:30Z the day before = 00:30 or 01:30 in Helsinki on `d`.
        0 => (0, (d - Duration::days(1)).and_hms_opt(22, 30, 0)),
        // 23:50+03:00 on `d`: still `d` in Helsinki whatever the season
        // (in winter it is 22:50 EET).
        1 => (3, d.and_hms_opt(23, 50, 0)),
        _ => (2, d.and_hms_opt(8, 0, 0)),
    };
    let tz = FixedOffset::east_opt(offset * 3600).expect("offset");
    let t = tz
        .from_local_datetime(&local.expect("time"))
        .single()
        .expect("instant");
    if offset == 2 {
        t + Duration::minutes(r.below(600) as i64)
    } else {
        t
    }
}

const TASKS: [&str; 7] = [
    "2016:23", "2016:24", "2016:10", "2016:25", "2016:15", "2016:26", "2016:20",
];
const SERVICES: [&str; 10] = [
    "parentage_investigation",
    "paternity_investigation",
    "maternity_investigation",
    "shelter_service",
    "adoption_counselling",
    "violence_prevention",
    "social_work",
    "family_work",
    "income_support",
    "home_care",
];
const TYPES: [&str; 13] = [
    "shelter_advance_information",
    "shelter_initial_assessment",
    "shelter_plan",
    "ipv_risk_assessment",
    "safety_plan",
    "harassment_stalking_risk_assessment",
    "ipv_experience_assessment",
    "payment_commitment_income_support",
    "paternity_investigation",
    "decision",
    "plan",
    "social_welfare_statement",
    "memo",
];
const GROUPS: [DocumentGroup; 3] = [
    DocumentGroup::Phase2,
    DocumentGroup::Old,
    DocumentGroup::Phase1,
];
/// Births on and around the 29 February and the test days' 18th birthdays.
const EDGE_BIRTHS: [&str; 8] = [
    "2008-02-29", // 18 on 2026-02-28 (team reading)
    "2012-02-29", // 18 on 2030-02-28, a test day
    "2012-02-28", // 18 on 2030-02-28 whatever the reading
    "2012-03-01", // 18 on 2030-03-01, a minor on the test day
    "2006-06-15", // 18 on 2024-06-15, a test day
    "2008-11-23", // 18 on 2026-11-23, a test day
    "2008-11-24", // a minor on 2026-11-23
    "2013-01-01", // 18 on 2031-01-01, a test day
];

fn body(tag: &str) -> Body {
    Body {
        xhtml: Some(format!("<p>BODY-{tag}</p>")),
        pdf_base64: None,
    }
}

/// A guardian disclosure code (1–4) as the file spells it.
fn disclosure_code(n: usize) -> GuardianDisclosure {
    GuardianDisclosure::try_from(u8::try_from(n).expect("code")).expect("code 1-4")
}

/// No code, or a random one of 1–4.
/// How much a guardian disclosure code withholds: 2 and 4 withhold, 3 and 1
/// do not; a document restricts at least as much as its case (L8808–8816).
fn rank(code: Option<GuardianDisclosure>) -> u8 {
    match code.map(u8::from) {
        Some(2 | 4) => 2,
        Some(3) => 1,
        _ => 0,
    }
}

/// Table 5.3.1: a delay, special content or code 4 carries its reasons
/// (L8316–8320, L8407–8410, L9139–9142).
fn reasons_for(
    r: &mut Rng,
    delay: Option<NaiveDate>,
    special: bool,
    code: Option<GuardianDisclosure>,
) -> Vec<RestrictionReason> {
    if delay.is_some() || special || code.map(u8::from) == Some(4) {
        vec![
            RestrictionReason::try_from(u8::try_from(1 + r.below(4)).expect("reason"))
                .expect("1-4"),
        ]
    } else {
        vec![]
    }
}

fn maybe_code(r: &mut Rng, percent: u64) -> Option<GuardianDisclosure> {
    r.chance(percent).then(|| disclosure_code(1 + r.below(4)))
}

/// Under 18 on `d` by either reading of a 29 February birthday, so that the
/// importer's own check never finds a document of a minor without a code.
fn maybe_minor(p: &Person, d: NaiveDate) -> bool {
    super::minor(p, d) || super::minor(p, d - Duration::days(1))
}

/// A case being built: its membership and the dates its documents use.
struct CasePlan {
    id: String,
    members: Vec<CaseClient>,
    /// Creation dates of its documents; joins and removals also fall on them.
    days: Vec<NaiveDate>,
    /// The newest version's markings, which its documents carry too (L8814–8816).
    delay: Option<NaiveDate>,
    special: bool,
    code: Option<GuardianDisclosure>,
}

/// A random archive; `seed` makes it reproducible.
pub fn archive(seed: u64) -> Archive {
    let r = &mut Rng::new(seed);
    let tag = format!("{seed:x}");
    let orgs = vec![
        Organisation {
            oid: "1.2.9".into(),
            name: format!("Org-{tag}"),
        },
        Organisation {
            oid: "1.2.8".into(),
            name: format!("Org2-{tag}"),
        },
    ];
    let units = vec![
        ServiceUnit {
            oid: "1.2.9.1".into(),
            name: "General unit".into(),
            organisation: orgs[0].oid.clone(),
            kind: UnitKind::General,
        },
        ServiceUnit {
            oid: "1.2.9.2".into(),
            name: "Shelter unit".into(),
            organisation: orgs[0].oid.clone(),
            kind: UnitKind::Shelter,
        },
    ];

    // People: adults, minors, and some turning 18 on or near a test day.
    let n_people = 2 + r.below(5);
    let mut people = Vec::new();
    for i in 0..n_people {
        let birth = match r.below(7) {
            0 | 1 => r.date(day("1950-01-01"), 365 * 45),
            2 => r.date(day("2008-01-01"), 365 * 14),
            3 => {
                let t = day(r.pick::<&str>(&TEST_DAYS));
                plus_years(t, -18) + Duration::days(r.below(7) as i64 - 3)
            }
            4 => day(r.pick::<&str>(&EDGE_BIRTHS)),
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

    // Guardianships of every kind (R-GUARD-1..9).
    let mut guardianships = Vec::new();
    for c in 0..n_people {
        for g in 0..n_people {
            if c != g && r.chance(30) {
                let role = if r.chance(70) {
                    GuardianRole::Guardian
                } else {
                    GuardianRole::InformationRight
                };
                guardianships.push(Guardianship {
                    guardian: people[g].id.clone(),
                    child: people[c].id.clone(),
                    role,
                    custody_agreement: *r.pick(&[
                        CustodyAgreement::None,
                        CustodyAgreement::None,
                        CustodyAgreement::ResidenceOnly,
                        CustodyAgreement::NoSocialWelfareDecisions,
                        CustodyAgreement::Unstructured,
                    ]),
                    // R-GUARD-9: some information rights do not cover social welfare.
                    covers_social_welfare: !(role == GuardianRole::InformationRight
                        && r.chance(35)),
                });
            }
        }
    }

    // Client relationships (R-FRONT-4..7): per person up to three documents
    // (two register keepers, and an old relationship), each with versions
    // of every status.
    let mut relationships = Vec::new();
    for (i, p) in people.iter().enumerate() {
        for n in 0..3 {
            let exists = match n {
                0 => r.chance(75),
                1 => r.chance(35),
                _ => r.chance(20),
            };
            if !exists {
                continue;
            }
            let keeper = if n == 1 { &orgs[1] } else { &orgs[0] };
            let started = r.date(day("2015-01-01"), 3000);
            let versions = (1 + r.below(2)) as u32;
            for v in 1..=versions {
                let n_workers = r.below(4);
                let base = r.date(day("2012-01-01"), 3000);
                let mut workers: Vec<ResponsibleWorker> = (0..n_workers)
                    .map(|w| ResponsibleWorker {
                        name: format!("Worker-{tag}-{i}-{n}-{v}-{w}"),
                        title: None,
                        phone: None,
                        email: None,
                        unit: None,
                        // Distinct dates: the newest is never a tie (R-FRONT-5).
                        since: base + Duration::days(w as i64 * 400 + r.below(300) as i64),
                    })
                    .collect();
                if workers.len() > 1 && r.chance(50) {
                    workers.reverse();
                }
                let has_cp = r.chance(30);
                // R-FRONT-6, R-VERSION-1: now and then a newer version names
                // another client; the newest version is the relationship.
                let client = if v > 1 && r.chance(15) {
                    r.pick(&people).id.clone()
                } else {
                    p.id.clone()
                };
                // R-FRONT-7: a minor's relationship document carries a code.
                let client_is_minor = people
                    .iter()
                    .find(|q| q.id == client)
                    .is_some_and(|q| maybe_minor(q, started));
                let special_content = r.chance(15);
                let delay_until = r.chance(25).then(|| near_test_day(r));
                let guardian_disclosure = if client_is_minor {
                    Some(disclosure_code(1 + r.below(4)))
                } else {
                    maybe_code(r, 35)
                };
                relationships.push(ClientRelationship {
                    id: format!("REL-{tag}-{i}-{n}"),
                    version: v,
                    client,
                    register_keeper: keeper.oid.clone(),
                    schema_version: r
                        .pick(&["2018-12", "2019-05", "2019-06", "2023-01", "2023-01"])
                        .to_string()
                        .try_into()
                        .expect("schema version"),
                    started,
                    ended: r.chance(30).then(|| started + Duration::days(400)),
                    child_protection_started: has_cp.then_some(started),
                    child_protection_ended: (has_cp && r.chance(50))
                        .then(|| started + Duration::days(100)),
                    // The archive replaces no annulled version (L25955–25956).
                    status: if v == versions && r.chance(12) {
                        Status::Deleted
                    } else {
                        Status::Active
                    },
                    old: n == 2 || r.chance(8),
                    special_content,
                    delay_until,
                    guardian_disclosure,
                    restriction_reasons: reasons_for(
                        r,
                        delay_until,
                        special_content,
                        guardian_disclosure,
                    ),
                    restriction_text: Some(format!("REASON-REL-{tag}-{i}-{n}-{v}")),
                    responsible_workers: workers,
                });
            }
        }
    }

    // Cases: membership with joins and removals, closures around 17 years
    // before a test day, annulment in a newer version.
    let n_cases = 1 + r.below(5);
    let mut cases = Vec::new();
    let mut plans = Vec::new();
    for k in 0..n_cases {
        let mut opened = r.date(day("2008-01-01"), 365 * 15);
        let closed = match r.below(8) {
            0 | 1 => Some(r.date(opened, 365 * 6)),
            2 => {
                // R-TASK-2: closed + 17 years falls on, before or after a test day.
                let t = day(r.pick::<&str>(&TEST_DAYS));
                let c = plus_years(t, -17) + Duration::days(r.below(3) as i64 - 1);
                opened = opened.min(c - Duration::days(30 + r.below(2000) as i64));
                Some(c)
            }
            _ => None,
        };
        let span = closed.map_or(365 * 8, |c| (c - opened).num_days().max(1));
        let mut days: Vec<NaiveDate> = (0..6).map(|_| r.date(opened, span)).collect();
        days.push(opened);
        days.sort();
        let mut chosen: Vec<usize> = (0..n_people).filter(|_| r.chance(45)).collect();
        if chosen.is_empty() {
            chosen.push(r.below(n_people));
        }
        let mut members = Vec::new();
        for m in chosen {
            // Most members join when the case opens and stay; some join later
            // or are removed, on a day a document is drawn up or between.
            let joined_day = if r.chance(20) { *r.pick(&days) } else { opened };
            let removed_day = r
                .chance(15)
                .then(|| *r.pick(&days))
                .filter(|d| *d >= joined_day);
            let joined = instant(r, joined_day);
            let removed = removed_day.map(|d| instant(r, d)).filter(|t| *t >= joined);
            members.push(CaseClient {
                person: people[m].id.clone(),
                joined,
                removed,
            });
        }
        let id = format!("CASE-{tag}-{k}");
        let versions = 1 + r.below(2) as u32;
        let mut newest = None;
        for v in 1..=versions {
            let annulled = v == versions && r.chance(8);
            let delay_until = r.chance(15).then(|| near_test_day(r));
            let special_content = r.chance(6);
            let guardian_disclosure = maybe_code(r, 25);
            newest = Some((delay_until, special_content, guardian_disclosure));
            cases.push(Case {
                id: id.clone(),
                version: v,
                register_keeper: orgs[0].oid.clone(),
                service_task: r.pick(&TASKS).to_string(),
                name: format!("Case {k}"),
                // R-AUTO-9: some cases are annulled in their newest version.
                status: if annulled {
                    Status::Deleted
                } else {
                    Status::Active
                },
                opened,
                closed,
                clients: members.clone(),
                shared: None,
                delay_until,
                special_content,
                guardian_disclosure,
                restriction_reasons: reasons_for(
                    r,
                    delay_until,
                    special_content,
                    guardian_disclosure,
                ),
                restriction_text: Some(format!("REASON-CASE-{tag}-{k}-{v}")),
            });
        }
        let (delay, special, code) = newest.expect("a case has a version");
        plans.push(CasePlan {
            id,
            members,
            days,
            delay,
            special,
            code,
        });
    }

    // Documents.
    let n_docs = 2 + r.below(12);
    let mut documents = Vec::new();
    for d in 0..n_docs {
        let plan = &plans[r.below(plans.len())];
        let id = format!("DOC-{tag}-{d}");
        let versions = (1 + r.below(3)) as u32;
        // R-AUTO-10: the JSON format's client-relationship document is one in
        // all its versions (CDA has no such client document).
        let relationship_doc = r.chance(6);
        for v in 1..=versions {
            let created = *r.pick(&plan.days);
            // The archive's storage checks (L15516–15518, L25982–25984): the
            // document names every member active all day on `created`, and
            // now and then a member who joined or left that very day (whose
            // membership counts, R-SHARED-3, but the document decides).
            let helsinki = |t: chrono::DateTime<chrono::FixedOffset>| {
                t.with_timezone(&chrono_tz::Europe::Helsinki)
            };
            let pick_clients = |r: &mut Rng, on: NaiveDate| -> Vec<String> {
                let mut clients = Vec::new();
                for m in &plan.members {
                    let j = helsinki(m.joined).date_naive();
                    let gone = m.removed.map(|t| helsinki(t).date_naive());
                    let all_day = j < on && gone.is_none_or(|g| g > on);
                    let touches = j <= on && gone.is_none_or(|g| g >= on);
                    if all_day || (touches && r.chance(60)) {
                        clients.push(m.person.clone());
                    }
                }
                clients
            };
            let mut created = created;
            let mut clients = pick_clients(r, created);
            if clients.is_empty() {
                // No one was a client that day: draw it up when the first
                // member joined, naming them.
                let first = &plan.members[0];
                created = helsinki(first.joined).date_naive();
                clients = pick_clients(r, created);
                if !clients.contains(&first.person) {
                    clients.push(first.person.clone());
                }
            }
            let any_minor = clients.iter().any(|c| {
                let p = people.iter().find(|p| &p.id == c).expect("person");
                maybe_minor(p, created)
            });
            let disclosure = if any_minor {
                Some(disclosure_code(1 + r.below(4)))
            } else {
                maybe_code(r, 30)
            };
            let drawn_up = r
                .chance(30)
                .then(|| created + Duration::days(r.below(40) as i64));
            let client_plan = !relationship_doc && r.chance(15);
            // Types agree (L25986–25994): the general type is the specific
            // type's, and only a journal entry is in the journal-entry group.
            let journal = !client_plan && r.chance(15);
            let specific_type: String = if relationship_doc {
                "client_relationship".into()
            } else if client_plan {
                "client_plan_working_age".into()
            } else if journal {
                "journal_entry".into()
            } else if r.chance(65) {
                "decision".into()
            } else {
                r.pick(&TYPES).to_string()
            };
            let general_type = portal_server::codes::specific_type(&specific_type)
                .and_then(|(_, c)| portal_server::codes::general_of(c))
                .and_then(|g| portal_server::codes::general_of_word(g.word))
                .unwrap_or(GeneralType::Other);
            let group = if journal {
                DocumentGroup::JournalEntry
            } else if r.chance(70) {
                DocumentGroup::Phase2
            } else {
                *r.pick(&GROUPS)
            };
            // A case's markings are on all its documents (L8814–8816); a
            // document may be stricter.
            let delay_until = r.chance(20).then(|| near_test_day(r)).max(plan.delay);
            let special_content = plan.special || r.chance(10);
            let disclosure = if rank(plan.code) > rank(disclosure) {
                plan.code
            } else {
                disclosure
            };
            documents.push(Document {
                id: id.clone(),
                version: v,
                status: if v == versions && r.chance(10) {
                    Status::Deleted
                } else {
                    Status::Active
                },
                case: plan.id.clone(),
                clients,
                group,
                general_type,
                specific_type,
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
                social_services: if r.chance(70) {
                    vec!["social_work".into()]
                } else {
                    vec![r.pick(&SERVICES).to_string()]
                },
                service_unit: match r.below(5) {
                    0 => None,
                    1 => Some("1.2.9.2".into()),
                    _ => Some("1.2.9.1".into()),
                },
                register_keeper: orgs[0].oid.clone(),
                created,
                // R-TASK-5: a corrected version's drawing-up date, stored then.
                drawn_up,
                stored_at: instant(r, drawn_up.unwrap_or(created)),
                author: None,
                // R-SIGN-1/2: a professional's signature, shown with the
                // document, and a system signature, never shown (made
                // without drawing from `r`, so the rest of the archive is
                // as it was).
                signatures: vec![
                    Signature {
                        name: format!("SIGNER-{tag}-{d}-{v}"),
                        role: Some("sosiaalityöntekijä".into()),
                        registration_number: Some(format!("77{:05}{d:04}{v}", seed % 100_000)),
                        method: "strong_electronic".into(),
                        signed_at: created
                            .and_hms_opt(10, 0, 0)
                            .expect("a time")
                            .and_utc()
                            .fixed_offset(),
                    },
                    Signature {
                        name: format!("SYSSIGNER-{tag}-{d}-{v}"),
                        role: None,
                        registration_number: None,
                        method: "system".into(),
                        signed_at: created
                            .and_hms_opt(10, 0, 0)
                            .expect("a time")
                            .and_utc()
                            .fixed_offset(),
                    },
                ],
                correction: None,
                delay_until,
                special_content,
                restriction_reasons: reasons_for(r, delay_until, special_content, disclosure),
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
                        delay_until: r.chance(25).then(|| near_test_day(r)),
                        special_content: r.chance(12),
                        // R-GUARD-10: an attachment's own code.
                        guardian_disclosure: maybe_code(r, 35),
                        body: body(&format!("{tag}-{d}-v{v}-att{a}")),
                    })
                    .collect(),
                // AVAIN on client plans: words that say
                // whose they are, for the leak scan.
                avain: client_plan.then(|| Avain {
                    goals: vec![AvainGoal {
                        key: format!("G{}", d % 3),
                        text: format!("GOAL-{tag}-{d}-v{v}"),
                        area: None,
                        scale: GoalScale::Improve,
                    }],
                    evaluations: vec![AvainEvaluation {
                        goal: format!("G{}", d % 3),
                        reached: Reached::Partly,
                        factors: vec![AvainFactor {
                            text: format!("FACTOR-{tag}-{d}-v{v}"),
                            effect: FactorEffect::Hindered,
                        }],
                    }],
                    methods: vec![],
                    services: vec![],
                }),
            });
        }
    }

    // The disclosure log (R-DISC-1..3): 0–4 entries per document, each of a
    // client named in some version of it (the import refuses any other).
    let mut disclosures = Vec::new();
    let mut doc_ids: Vec<String> = documents.iter().map(|d| d.id.clone()).collect();
    doc_ids.dedup();
    let mut n = 0;
    for id in &doc_ids {
        let clients: Vec<String> = documents
            .iter()
            .filter(|d| &d.id == id)
            .flat_map(|d| d.clients.iter().cloned())
            .collect();
        for _ in 0..r.below(5) {
            let client = r.pick(&clients).clone();
            let when = r.date(day("2023-01-01"), 365 * 8);
            disclosures.push(Disclosure {
                id: format!("DISC-{tag}-{n}"),
                client,
                document: id.clone(),
                disclosed_at: instant(r, when),
                recipient: format!("RECIPIENT-{tag}-{n}"),
                recipient_oid: r.chance(50).then(|| format!("1.2.7.{n}")),
                data: format!("DATA-{tag}-{n}"),
                professional: r.chance(85).then(|| Professional {
                    name: format!("PRO-{tag}-{n}"),
                    title: r.chance(50).then(|| format!("PROTITLE-{tag}-{n}")),
                }),
            });
            n += 1;
        }
    }

    Archive {
        format: FORMAT_V1.into(),
        organisations: orgs,
        service_units: units,
        people,
        guardianships,
        client_relationships: relationships,
        cases,
        documents,
        disclosures,
    }
}

/// The generator's own checks: every archive passes the importer's
/// validation, and the model's answers are varied (plenty visible, plenty
/// hidden, every new notice and field exercised). Cheap: no store, no portal.
#[test]
fn generated_archives_are_valid_and_exercise_the_model() {
    use portal_server::archive::validate::{validate, Known};
    struct Nothing;
    impl Known for Nothing {
        fn person(&self, _: &str) -> Option<NaiveDate> {
            None
        }
        fn organisation(&self, _: &str) -> bool {
            false
        }
        fn service_unit(&self, _: &str) -> bool {
            false
        }
        fn case(&self, _: &str) -> bool {
            false
        }
        fn document(&self, _: &str) -> bool {
            false
        }
        fn document_client(&self, _: &str, _: &str) -> bool {
            false
        }
        fn stored_version(
            &self,
            _: portal_server::archive::validate::Versioned,
            _: &str,
            _: u32,
        ) -> Option<portal_server::archive::format::Status> {
            None
        }
        fn newest_case(&self, _: &str) -> Option<portal_server::archive::format::Case> {
            None
        }
    }
    let mut stats = std::collections::BTreeMap::<&str, usize>::new();
    for seed in 1..=300 {
        let a = archive(seed);
        if let Err(p) = validate(&a, &Nothing) {
            panic!("seed {seed}: generated archive invalid: {p:?}");
        }
        for d in TEST_DAYS {
            let today = day(d);
            for phase in [super::Phase::One, super::Phase::Two] {
                for v in &a.people {
                    let mut subjects = vec![v.id.clone()];
                    for c in &a.people {
                        if super::may_act(&a, &v.id, &c.id, today) {
                            subjects.push(c.id.clone());
                            *stats.entry("acting views").or_default() += 1;
                        }
                    }
                    for s in subjects {
                        let e = super::expected(&a, &v.id, &s, today, phase);
                        *stats.entry("views").or_default() += 1;
                        *stats.entry("visible documents").or_default() += e.documents.len();
                        *stats.entry("visible attachments").or_default() +=
                            e.documents.values().map(Vec::len).sum::<usize>();
                        *stats.entry("info text").or_default() += usize::from(e.info_text);
                        *stats.entry("relationships").or_default() += e.relationships.len();
                        *stats.entry("disclosures").or_default() += e.disclosures.len();
                        *stats.entry("delay ended").or_default() += e.delay_ended.len();
                        *stats.entry("attachment delay ended").or_default() +=
                            e.attachment_delay_ended.len();
                        *stats.entry("minor notice").or_default() += e.minor_notice.len();
                    }
                }
            }
        }
    }
    eprintln!("{stats:#?}");
    for (k, n) in &stats {
        assert!(*n > 20, "too few {k}: {n}");
    }
}
