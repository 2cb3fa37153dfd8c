//! The import format of `server/docs/archive-format.md`, version 1, as Rust types.
//!
//! Every struct denies unknown fields: a misspelt `special_contnet` must be an
//! error, never a silently visible document. Semantic checks (codes, references,
//! hetu checksums) live in `validate.rs`.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

pub const FORMAT_V1: &str = "social-archive/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Archive {
    pub format: String,
    #[serde(default)]
    pub organisations: Vec<Organisation>,
    #[serde(default)]
    pub service_units: Vec<ServiceUnit>,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub guardianships: Vec<Guardianship>,
    #[serde(default)]
    pub client_relationships: Vec<ClientRelationship>,
    #[serde(default)]
    pub cases: Vec<Case>,
    #[serde(default)]
    pub documents: Vec<Document>,
    #[serde(default)]
    pub disclosures: Vec<Disclosure>,
}

impl Archive {
    /// A file of this format with nothing in it.
    pub fn empty() -> Self {
        Self {
            format: FORMAT_V1.into(),
            organisations: vec![],
            service_units: vec![],
            people: vec![],
            guardianships: vec![],
            client_relationships: vec![],
            cases: vec![],
            documents: vec![],
            disclosures: vec![],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub oid: String,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    #[default]
    General,
    Shelter,
}

impl UnitKind {
    /// The code in the file and in the store.
    pub fn code(self) -> &'static str {
        match self {
            UnitKind::General => "general",
            UnitKind::Shelter => "shelter",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceUnit {
    pub oid: String,
    pub name: String,
    pub organisation: String,
    #[serde(default)]
    pub kind: UnitKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    Fi,
    Sv,
    En,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: String,
    pub given_names: String,
    pub surname: String,
    pub birth_date: NaiveDate,
    #[serde(default)]
    pub protection_order: bool,
    #[serde(default)]
    pub declared_incompetent: bool,
    #[serde(default)]
    pub has_trustee: bool,
    #[serde(default)]
    pub language: Language,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GuardianRole {
    Guardian,
    InformationRight,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustodyAgreement {
    #[default]
    None,
    ResidenceOnly,
    NoSocialWelfareDecisions,
    Unstructured,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guardianship {
    pub guardian: String,
    pub child: String,
    pub role: GuardianRole,
    #[serde(default)]
    pub custody_agreement: CustodyAgreement,
    /// R-GUARD-9: false when an information right does not cover social-welfare matters.
    #[serde(default = "yes")]
    pub covers_social_welfare: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponsibleWorker {
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
    pub since: NaiveDate,
}

/// The schema version of a client-relationship document, `YYYY-MM` in the
/// file (R-FRONT-6: versions older than 2019-06 are never used).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SchemaVersion {
    year: u16,
    month: u8,
}

impl SchemaVersion {
    pub const fn new(year: u16, month: u8) -> Self {
        Self { year, month }
    }
}

impl TryFrom<String> for SchemaVersion {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        let parsed = text.split_once('-').and_then(|(y, m)| {
            let year = y.parse::<u16>().ok().filter(|_| y.len() == 4)?;
            let month = m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?;
            (m.len() == 2).then_some(Self { year, month })
        });
        parsed.ok_or_else(|| format!("schema version must be YYYY-MM, not {text:?}"))
    }
}

impl From<SchemaVersion> for String {
    fn from(v: SchemaVersion) -> String {
        format!("{:04}-{:02}", v.year, v.month)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientRelationship {
    pub id: String,
    pub version: u32,
    pub client: String,
    pub register_keeper: String,
    pub schema_version: SchemaVersion,
    pub started: NaiveDate,
    #[serde(default)]
    pub ended: Option<NaiveDate>,
    #[serde(default)]
    pub child_protection_started: Option<NaiveDate>,
    #[serde(default)]
    pub child_protection_ended: Option<NaiveDate>,
    /// R-FRONT-6, R-VERSION-3: an annulled relationship is never used.
    #[serde(default)]
    pub status: Status,
    /// R-FRONT-6: the "old client relationship" switch.
    #[serde(default)]
    pub old: bool,
    #[serde(default)]
    pub special_content: bool,
    /// R-FRONT-7
    #[serde(default)]
    pub delay_until: Option<NaiveDate>,
    /// R-FRONT-7
    #[serde(default)]
    pub guardian_disclosure: Option<GuardianDisclosure>,
    #[serde(default)]
    pub restriction_reasons: Vec<RestrictionReason>,
    #[serde(default)]
    pub restriction_text: Option<String>,
    #[serde(default)]
    pub responsible_workers: Vec<ResponsibleWorker>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseClient {
    pub person: String,
    pub joined: DateTime<FixedOffset>,
    #[serde(default)]
    pub removed: Option<DateTime<FixedOffset>>,
}

/// R-GUARD-10, table 5.4.1: the guardian disclosure code of a document or a
/// case, 1–4 in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub enum GuardianDisclosure {
    /// 1: shown to guardians; the minor does not prohibit it (the default).
    Shown,
    /// 2: not shown to guardians; the minor prohibits it and the prohibition is accepted.
    MinorProhibits,
    /// 3: shown to guardians although the minor prohibits it (the prohibition is refused).
    ShownDespiteProhibition,
    /// 4: not shown to guardians, on the worker's own assessment.
    WorkerWithholds,
}

impl GuardianDisclosure {
    /// R-GUARD-10: codes 2 and 4 withhold the document from every guardian.
    pub fn withholds_from_guardians(self) -> bool {
        matches!(self, Self::MinorProhibits | Self::WorkerWithholds)
    }
}

impl TryFrom<u8> for GuardianDisclosure {
    type Error = String;
    fn try_from(code: u8) -> Result<Self, String> {
        match code {
            1 => Ok(Self::Shown),
            2 => Ok(Self::MinorProhibits),
            3 => Ok(Self::ShownDespiteProhibition),
            4 => Ok(Self::WorkerWithholds),
            _ => Err(format!(
                "guardian disclosure code must be 1, 2, 3 or 4, not {code}"
            )),
        }
    }
}

impl From<GuardianDisclosure> for u8 {
    fn from(code: GuardianDisclosure) -> u8 {
        match code {
            GuardianDisclosure::Shown => 1,
            GuardianDisclosure::MinorProhibits => 2,
            GuardianDisclosure::ShownDespiteProhibition => 3,
            GuardianDisclosure::WorkerWithholds => 4,
        }
    }
}

/// A code from 1 to `MAX` (restriction reasons: table 5.3.1, 1–6; reasons for
/// refusing a minor's prohibition: table 5.4.2, 1–3). Stored, never shown
/// (R-DELAY-5, R-GUARD-12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct ReasonCode<const MAX: u8>(u8);

impl<const MAX: u8> TryFrom<u8> for ReasonCode<MAX> {
    type Error = String;
    fn try_from(code: u8) -> Result<Self, String> {
        if (1..=MAX).contains(&code) {
            Ok(Self(code))
        } else {
            Err(format!("must be a code from 1 to {MAX}, not {code}"))
        }
    }
}

impl<const MAX: u8> From<ReasonCode<MAX>> for u8 {
    fn from(code: ReasonCode<MAX>) -> u8 {
        code.0
    }
}

/// Table 5.3.1: why a delay or special content was recorded (1–6).
pub type RestrictionReason = ReasonCode<6>;
/// Table 5.4.2: why a minor's prohibition was refused (1–3).
pub type OverrideReason = ReasonCode<3>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub id: String,
    pub version: u32,
    pub register_keeper: String,
    pub service_task: String,
    pub name: String,
    /// R-AUTO-9: the documents of an annulled case are not shown.
    #[serde(default)]
    pub status: Status,
    pub opened: NaiveDate,
    #[serde(default)]
    pub closed: Option<NaiveDate>,
    pub clients: Vec<CaseClient>,
    /// The case document's own "shared case" flag (`yhteinen_asia`); absent
    /// in older files. Checked against the members at import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared: Option<bool>,
    #[serde(default)]
    pub delay_until: Option<NaiveDate>,
    #[serde(default)]
    pub special_content: bool,
    #[serde(default)]
    pub guardian_disclosure: Option<GuardianDisclosure>,
    #[serde(default)]
    pub restriction_reasons: Vec<RestrictionReason>,
    #[serde(default)]
    pub restriction_text: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Active,
    Deleted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentGroup {
    Old,
    Phase1,
    Phase2,
    JournalEntry,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GeneralType {
    Assessment,
    JournalEntry,
    Application,
    Notification,
    Consultation,
    Calculation,
    Statement,
    Referral,
    Other,
    PaymentCommitment,
    Request,
    Decision,
    Investigation,
    Agreement,
    Consent,
    Plan,
    Summary,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Author {
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    pub name: String,
    #[serde(default)]
    pub role: Option<String>,
    /// The signer's registration number as a social-welfare professional
    /// (digits only). A private signer's personal identity code, which the
    /// metadata carries in its place, is never kept (R-SIGN-2).
    #[serde(default)]
    pub registration_number: Option<String>,
    /// How the signer identified: a word of `codes::AUTHENTICATION_METHOD`;
    /// `"system"` marks a system signature, which is never shown (R-SIGN-1).
    pub method: String,
    pub signed_at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    pub corrector: String,
    pub title: String,
    pub date: NaiveDate,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    #[serde(default)]
    pub xhtml: Option<String>,
    #[serde(default)]
    pub pdf_base64: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub delay_until: Option<NaiveDate>,
    #[serde(default)]
    pub special_content: bool,
    /// R-GUARD-10: an attachment carries its own guardian code.
    #[serde(default)]
    pub guardian_disclosure: Option<GuardianDisclosure>,
    pub body: Body,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub id: String,
    pub version: u32,
    #[serde(default)]
    pub status: Status,
    pub case: String,
    pub clients: Vec<String>,
    pub group: DocumentGroup,
    pub general_type: GeneralType,
    pub specific_type: String,
    pub title: String,
    pub service_tasks: Vec<String>,
    #[serde(default)]
    pub social_services: Vec<String>,
    #[serde(default)]
    pub service_unit: Option<String>,
    pub register_keeper: String,
    pub created: NaiveDate,
    /// R-TASK-5: the date this version was drawn up (a correction updates it); absent → `created`.
    #[serde(default)]
    pub drawn_up: Option<NaiveDate>,
    pub stored_at: DateTime<FixedOffset>,
    #[serde(default)]
    pub author: Option<Author>,
    #[serde(default)]
    pub signatures: Vec<Signature>,
    #[serde(default)]
    pub correction: Option<Correction>,
    #[serde(default)]
    pub delay_until: Option<NaiveDate>,
    #[serde(default)]
    pub special_content: bool,
    #[serde(default)]
    pub restriction_reasons: Vec<RestrictionReason>,
    #[serde(default)]
    pub restriction_text: Option<String>,
    #[serde(default)]
    pub guardian_disclosure: Option<GuardianDisclosure>,
    #[serde(default)]
    pub guardian_override_reasons: Vec<OverrideReason>,
    pub body: Body,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// AVAIN: a client plan's goals and their evaluation,
    /// structured. Only on client plans (`specific_type` `client_plan…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avain: Option<Avain>,
}

/// The AVAIN measure of a client plan in working-age services (seed 002,
/// "AVAIN-mittarin tietosisällöt"): the goals chosen with the client, and,
/// when the plan is evaluated (a new plan with its "Suunnitelman arviointi"
/// filled in, into which the goals move), whether each goal was reached,
/// the situational factors that supported or hindered it, and the methods
/// and services used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Avain {
    #[serde(default)]
    pub goals: Vec<AvainGoal>,
    #[serde(default)]
    pub evaluations: Vec<AvainEvaluation>,
    #[serde(default)]
    pub methods: Vec<AvainMethod>,
    #[serde(default)]
    pub services: Vec<AvainService>,
}

/// One goal: its key (the same in every plan that carries it), its words,
/// its area, and its scale (better, or not worse).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AvainGoal {
    pub key: String,
    pub text: String,
    #[serde(default)]
    pub area: Option<String>,
    pub scale: GoalScale,
}

/// "Tavoitteen asteikko": a change for the better (+), or keeping the
/// situation from getting worse (±0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalScale {
    Improve,
    PreventWorsening,
}

/// "Arvio siitä, onko tavoite saavutettu", for one goal of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AvainEvaluation {
    /// The key of one of this plan's goals.
    pub goal: String,
    pub reached: Reached,
    #[serde(default)]
    pub factors: Vec<AvainFactor>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reached {
    Yes,
    Partly,
    No,
}

/// A situational factor ("tilannetekijä") and whether it supported or
/// hindered the goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AvainFactor {
    pub text: String,
    pub effect: FactorEffect,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactorEffect {
    Supported,
    Hindered,
}

/// A method of social work and whether it was used ("Käytettiinkö
/// menetelmää?"; absent until the plan is evaluated).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AvainMethod {
    pub text: String,
    #[serde(default)]
    pub used: Option<bool>,
}

/// A service of AVAIN's list of 24 (seed 002, table 6) and whether it was used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AvainService {
    pub code: u8,
    #[serde(default)]
    pub used: Option<bool>,
}

/// Who searched the client's data: stored, never shown (R-DISC-2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Professional {
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
}

/// One entry of the archive's disclosure log (R-DISC-1..3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disclosure {
    pub id: String,
    pub client: String,
    pub document: String,
    pub disclosed_at: DateTime<FixedOffset>,
    pub recipient: String,
    #[serde(default)]
    pub recipient_oid: Option<String>,
    pub data: String,
    #[serde(default)]
    pub professional: Option<Professional>,
}
