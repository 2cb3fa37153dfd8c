//! The import format of `shared/spec/archive-format.md`, version 1, as Rust types.
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientRelationship {
    pub id: String,
    pub version: u32,
    pub client: String,
    pub register_keeper: String,
    pub schema_version: String,
    pub started: NaiveDate,
    #[serde(default)]
    pub ended: Option<NaiveDate>,
    #[serde(default)]
    pub child_protection_started: Option<NaiveDate>,
    #[serde(default)]
    pub child_protection_ended: Option<NaiveDate>,
    #[serde(default)]
    pub special_content: bool,
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub id: String,
    pub version: u32,
    pub register_keeper: String,
    pub service_task: String,
    pub name: String,
    pub opened: NaiveDate,
    #[serde(default)]
    pub closed: Option<NaiveDate>,
    pub clients: Vec<CaseClient>,
    #[serde(default)]
    pub delay_until: Option<NaiveDate>,
    #[serde(default)]
    pub special_content: bool,
    #[serde(default)]
    pub guardian_disclosure: Option<u8>,
    #[serde(default)]
    pub restriction_reasons: Vec<u8>,
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
    pub restriction_reasons: Vec<u8>,
    #[serde(default)]
    pub restriction_text: Option<String>,
    #[serde(default)]
    pub guardian_disclosure: Option<u8>,
    #[serde(default)]
    pub guardian_override_reasons: Vec<u8>,
    pub body: Body,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
}
