//! HL7 CDA R2 social-welfare documents as client systems archive them in
//! Kanta (`server/docs/cda.md`): read into the import format's records, and
//! written from them (the demo's CDA files and the generator's).
//!
//! One file holds one `ClinicalDocument`, bare or inside an
//! `RCMR_IN200002FI01` archiving message. A client-relationship document
//! gives a client relationship, a case document a case, any other a
//! client document; the register keeper comes from the custodian.

pub mod read;
pub mod scan;
pub mod write;
mod xhtml;

/// The namespaces, whatever prefixes a vendor binds them to.
pub const HL7: &str = "urn:hl7-org:v3";
pub const HL7FI: &str = "urn:hl7finland";
pub const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// A file larger than this is refused before it is parsed: the whole file
/// and its tree are held in memory while it is read.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// What a CDA document is, by its document group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// 1.2.246.537.6.1505.1: stored first (L25940–25946).
    ClientRelationship,
    /// 1.2.246.537.6.1505.2: stored before its client documents.
    Case,
    ClientDocument,
}

/// Paths of the import format's fields, as elements of the CDA document,
/// for the validation's messages (`documents[0].case` → the element).
pub fn locate(path: &str) -> String {
    const FIELDS: &[(&str, &str)] = &[
        ("clients", "recordTarget/patientRole/id"),
        ("client", "recordTarget/patientRole/id"),
        ("case", "componentOf/encompassingEncounter/id"),
        (
            "register_keeper",
            "custodian//representedCustodianOrganization/id",
        ),
        (
            "service_unit",
            "componentOf//encounterParticipant//representedOrganization/id",
        ),
        ("service_tasks", "ep2:localSocialHeader/ep2:functionCode"),
        ("service_task", "ep2:json asian_tiedot.palvelutehtava"),
        ("social_services", "ep2:localSocialHeader/ep2:socialService"),
        (
            "specific_type",
            "ep2:localSocialHeader/ep2:specificDocumentType",
        ),
        ("general_type", "code"),
        ("group", "ep2:localSocialHeader/ep2:documentGroup"),
        ("version", "versionNumber"),
        (
            "delay_until",
            "ep2:localSocialHeader/ep2:delayedDisplayDate",
        ),
        (
            "special_content",
            "ep2:localSocialHeader/ep2:specialContent",
        ),
        ("guardian_disclosure", "authorization/consent/code"),
        (
            "guardian_override_reasons",
            "ep2:localSocialHeader/ep2:guardianOverrideArgument",
        ),
        (
            "restriction_reasons",
            "ep2:localSocialHeader/ep2:inaccessibleArgument",
        ),
        (
            "restriction_text",
            "ep2:localSocialHeader/ep2:authorizationRestrictionArgument",
        ),
        ("drawn_up", "effectiveTime"),
        ("created", "ep2:localSocialHeader/ep2:creationTime"),
        ("stored_at", "ep2:localSocialHeader/ep2:storageTime"),
        ("title", "title"),
        ("body", "component/nonXMLBody"),
        ("attachments", "ep2:localSocialHeader/ep2:attachment"),
        ("signatures", "ep2:localSocialHeader/ep2:signature"),
        ("author", "author"),
        ("correction", "ep2:localSocialHeader/ep2:correction"),
        ("avain", "component/nonXMLBody/ep2:json avain"),
        ("shared", "ep2:json asian_tiedot.yhteinen_asia"),
        ("clients[", "ep2:json asia_asiakirja.asiakas"),
    ];
    let Some((_, rest)) = path.split_once("].") else {
        return "ClinicalDocument".into();
    };
    let field = rest.split(['.', '[']).next().unwrap_or(rest);
    let element = FIELDS
        .iter()
        .find(|(f, _)| *f == field)
        .map_or(field, |(_, e)| *e);
    let detail = rest.strip_prefix(field).unwrap_or("");
    format!("ClinicalDocument/{element}{detail}")
}

#[cfg(test)]
mod tests;
