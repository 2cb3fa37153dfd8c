//! Reads one CDA file into the import format's records (`server/docs/cda.md`).
//! Namespaces are matched by URI, never by prefix; no DTD is read and no
//! entity is expanded; every code must be in its code system (codes.rs),
//! else the file is refused with the element and the value.

use base64::Engine as _;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use roxmltree::{Document as Xml, Node, ParsingOptions};
use serde::Deserialize;

use super::{Kind, HL7, HL7FI, MAX_FILE_BYTES};
use crate::archive::format::{
    Archive, Attachment, Author, Avain, Body, Case, CaseClient, ClientRelationship, Correction,
    Document, GuardianDisclosure, Organisation, OverrideReason, ResponsibleWorker,
    RestrictionReason, SchemaVersion, Signature, Status,
};
use crate::codes::{self, Code, System};

/// Elements and attributes one document may hold (a real one has a few
/// hundred).
const NODES: u32 = 200_000;

/// Why a file was refused: where in the document, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for ReadError {}

fn err<T>(path: impl Into<String>, message: impl Into<String>) -> Result<T, ReadError> {
    Err(ReadError {
        path: path.into(),
        message: message.into(),
    })
}

/// One file's content: what kind of document, and its records (one
/// relationship, case or document version, and its register keeper).
#[derive(Debug)]
pub struct Parsed {
    pub kind: Kind,
    pub archive: Archive,
}

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

fn options() -> ParsingOptions {
    ParsingOptions {
        allow_dtd: false,
        nodes_limit: NODES,
    }
}

/// Reads a file's bytes: a `ClinicalDocument`, bare or in its archiving
/// message.
pub fn read(bytes: &[u8]) -> Result<Parsed, ReadError> {
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_FILE_BYTES {
        return err(
            "(file)",
            format!("is larger than {} MiB", MAX_FILE_BYTES / (1024 * 1024)),
        );
    }
    let text =
        std::str::from_utf8(bytes).or_else(|e| err("(file)", format!("is not UTF-8: {e}")))?;
    let xml = Xml::parse_with_options(text, options())
        .or_else(|e| err("(file)", format!("is not well-formed XML: {e}")))?;
    let root = xml.root_element();
    match (root.tag_name().namespace(), root.tag_name().name()) {
        (Some(HL7), "ClinicalDocument") => clinical_document(root, None),
        (Some(HL7), "RCMR_IN200002FI01") => message(root),
        (ns, name) => err(
            "(file)",
            format!(
                "the root element is {{{}}}{name}: expected ClinicalDocument or RCMR_IN200002FI01 in {HL7}",
                ns.unwrap_or("")
            ),
        ),
    }
}

fn is(node: &Node<'_, '_>, ns: &str, name: &str) -> bool {
    node.is_element() && node.tag_name().namespace() == Some(ns) && node.tag_name().name() == name
}

fn child<'a, 'i>(node: Node<'a, 'i>, ns: &str, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| is(c, ns, name))
}

fn children<'a, 'i: 'a>(
    node: Node<'a, 'i>,
    ns: &'a str,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    node.children().filter(move |c| is(c, ns, name))
}

fn required<'a, 'i>(
    node: Node<'a, 'i>,
    path: &str,
    ns: &str,
    name: &str,
) -> Result<Node<'a, 'i>, ReadError> {
    child(node, ns, name).map_or_else(|| err(format!("{path}/{name}"), "is missing"), Ok)
}

fn attr<'a>(node: Node<'a, '_>, path: &str, name: &str) -> Result<&'a str, ReadError> {
    match node.attribute(name) {
        Some(v) if !v.trim().is_empty() => Ok(v.trim()),
        _ => err(format!("{path}/@{name}"), "is missing"),
    }
}

fn text_of(node: Node<'_, '_>) -> String {
    // Most elements hold one text node (a body's base64): no collecting.
    if let (Some(only), None) = (
        node.first_child(),
        node.first_child().and_then(|c| c.next_sibling()),
    ) {
        if only.is_text() {
            return only.text().unwrap_or("").trim().to_string();
        }
    }
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect::<String>()
        .trim()
        .to_string()
}

/// A coded element of `system`: the code system must be the one the
/// element takes, and the code one of its codes.
fn coded(
    node: Node<'_, '_>,
    path: &str,
    system: &'static System,
) -> Result<&'static Code, ReadError> {
    let oid = attr(node, path, "codeSystem")?;
    if !system.is(oid) {
        return err(
            format!("{path}/@codeSystem"),
            format!(
                "unknown code system {oid:?}: expected {} ({})",
                system.oid, system.name
            ),
        );
    }
    let code = attr(node, path, "code")?;
    system.by_code(code).map_or_else(
        || {
            err(
                format!("{path}/@code"),
                format!("unknown code {code:?} in {}", system.name),
            )
        },
        Ok,
    )
}

/// A coded element of either system (national, or the portal's local one).
fn coded_either(
    node: Node<'_, '_>,
    path: &str,
    systems: [&'static System; 2],
) -> Result<&'static Code, ReadError> {
    let oid = attr(node, path, "codeSystem")?;
    let Some(system) = systems.into_iter().find(|s| s.is(oid)) else {
        return err(
            format!("{path}/@codeSystem"),
            format!("unknown code system {oid:?}: expected {}", systems[0].oid),
        );
    };
    coded(node, path, system)
}

/// An HL7 TS: `YYYYMMDD[HHMM[SS[.f…]]][±HHMM]`; its date as written.
fn ts_date(value: &str, path: &str) -> Result<NaiveDate, ReadError> {
    value
        .get(..8)
        .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y%m%d").ok())
        .map_or_else(
            || err(path, format!("{value:?} is not an HL7 date (YYYYMMDD…)")),
            Ok,
        )
}

/// An HL7 TS as an instant. Without an offset it is Finnish time; without
/// a time, the start of the day.
fn ts_instant(value: &str, path: &str) -> Result<DateTime<FixedOffset>, ReadError> {
    let bad = || {
        err(
            path,
            format!("{value:?} is not an HL7 time (YYYYMMDDHHMMSS±HHMM)"),
        )
    };
    let (local, offset) = match value.find(['+', '-']) {
        Some(i) => (value.get(..i).unwrap_or(""), value.get(i..)),
        None => (value, None),
    };
    let local = local.split('.').next().unwrap_or("");
    if local.len() < 8 || !local.bytes().all(|b| b.is_ascii_digit()) {
        return bad();
    }
    let date = ts_date(local, path)?;
    let digits = |range: std::ops::Range<usize>| -> u32 {
        local.get(range).and_then(|s| s.parse().ok()).unwrap_or(0)
    };
    let Some(time) = NaiveTime::from_hms_opt(digits(8..10), digits(10..12), digits(12..14)) else {
        return bad();
    };
    let at = NaiveDateTime::new(date, time);
    match offset {
        Some(o) => {
            let sign = if o.starts_with('-') { -1 } else { 1 };
            let hh: i32 = o.get(1..3).and_then(|s| s.parse().ok()).unwrap_or(-1);
            let mm: i32 = o.get(3..5).and_then(|s| s.parse().ok()).unwrap_or(0);
            if o.len() != 5 || !(0..=14).contains(&hh) {
                return bad();
            }
            let Some(tz) = FixedOffset::east_opt(sign * (hh * 3600 + mm * 60)) else {
                return bad();
            };
            tz.from_local_datetime(&at).single().map_or_else(bad, Ok)
        }
        None => chrono_tz::Europe::Helsinki
            .from_local_datetime(&at)
            .earliest()
            .map(|t| t.fixed_offset())
            .map_or_else(bad, Ok),
    }
}

fn value_attr<'a>(node: Node<'a, '_>, path: &str) -> Result<&'a str, ReadError> {
    attr(node, path, "value")
}

/// A name element: its given names and family name, as one string.
fn name_of(node: Node<'_, '_>, ns: &str) -> Option<String> {
    let parts: Vec<String> = children(node, ns, "given")
        .chain(children(node, ns, "family"))
        .map(text_of)
        .filter(|s| !s.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The archiving message: its document is the MIME part of
/// `controlActProcess/subject/clinicalDocument/text`, or a literal
/// `ClinicalDocument` inside it.
fn message(root: Node<'_, '_>) -> Result<Parsed, ReadError> {
    let base = "RCMR_IN200002FI01";
    let act = required(root, base, HL7, "controlActProcess")?;
    let act_path = format!("{base}/controlActProcess");
    let mut service = None;
    for r in children(act, HL7, "reasonCode") {
        if r.attribute("codeSystem") == Some("1.2.246.537.6.1503.201601") {
            service = r.attribute("code");
        }
    }
    if let Some(literal) = root.descendants().find(|n| is(n, HL7, "ClinicalDocument")) {
        return clinical_document(literal, service);
    }
    let subject = required(act, &act_path, HL7, "subject")?;
    let sub_path = format!("{act_path}/subject");
    let doc = required(subject, &sub_path, HL7, "clinicalDocument")?;
    let doc_path = format!("{sub_path}/clinicalDocument");
    let text = required(doc, &doc_path, HL7, "text")?;
    let text_path = format!("{doc_path}/text");
    let raw = text_of(text);
    let mime = if text.attribute("representation") == Some("B64") {
        let bytes = decode_b64(&raw, &text_path)?;
        String::from_utf8(bytes).or_else(|_| err(&text_path, "is not UTF-8"))?
    } else {
        raw
    };
    let inner = mime_document(&mime, &text_path)?;
    let xml = Xml::parse_with_options(&inner, options()).or_else(|e| {
        err(
            &text_path,
            format!("the document is not well-formed XML: {e}"),
        )
    })?;
    let cda = xml.root_element();
    if !is(&cda, HL7, "ClinicalDocument") {
        return err(&text_path, "holds no ClinicalDocument in urn:hl7-org:v3");
    }
    let parsed = clinical_document(cda, service)?;
    // The message's copy of the identifiers agrees with the document's.
    let id_of = |n: Node<'_, '_>| {
        child(n, HL7, "setId")
            .and_then(|s| s.attribute("root"))
            .map(str::to_string)
    };
    if let (Some(outer), Some(inner)) = (id_of(doc), id_of(cda)) {
        if outer != inner {
            return err(
                format!("{doc_path}/setId"),
                format!("{outer:?} is not the document's setId {inner:?}"),
            );
        }
    }
    Ok(parsed)
}

/// The XML part of a MIME multipart body (or the body itself when it is XML).
fn mime_document(mime: &str, path: &str) -> Result<String, ReadError> {
    let trimmed = mime.trim_start();
    if trimmed.starts_with('<') {
        return Ok(trimmed.to_string());
    }
    let boundary = mime
        .split("boundary=")
        .nth(1)
        .map(|b| {
            b.trim_start_matches('"')
                .split(['"', ';', '\r', '\n'])
                .next()
                .unwrap_or("")
                .to_string()
        })
        .filter(|b| !b.is_empty());
    let Some(boundary) = boundary else {
        return err(path, "is neither XML nor MIME multipart with a boundary");
    };
    let delimiter = format!("--{boundary}");
    for part in mime.split(delimiter.as_str()).skip(1) {
        if part.starts_with("--") {
            break;
        }
        let (head, body) = part
            .split_once("\r\n\r\n")
            .or_else(|| part.split_once("\n\n"))
            .unwrap_or(("", part));
        let head = head.to_ascii_lowercase();
        let body = if head.contains("content-transfer-encoding: base64") {
            let bytes = decode_b64(body, path)?;
            String::from_utf8(bytes).or_else(|_| err(path, "a MIME part is not UTF-8"))?
        } else {
            body.to_string()
        };
        if body.contains("ClinicalDocument") {
            return Ok(body.trim().to_string());
        }
    }
    err(path, "no MIME part holds a ClinicalDocument")
}

/// Base64 as XML carries it (line breaks and spaces allowed).
fn decode_b64(text: &str, path: &str) -> Result<Vec<u8>, ReadError> {
    let decoded = if text.bytes().any(|b| b.is_ascii_whitespace()) {
        // Line by line: a copy of each line, not a test of each byte.
        let mut clean = Vec::with_capacity(text.len());
        for line in text.split_ascii_whitespace() {
            clean.extend_from_slice(line.as_bytes());
        }
        B64.decode(&clean)
    } else {
        B64.decode(text)
    };
    decoded.or_else(|e| err(path, format!("is not valid base64: {e}")))
}

/// The fields every kind of document has.
struct Common {
    id: String,
    version: u32,
    title: Option<String>,
    general: Option<&'static Code>,
    effective: Option<NaiveDate>,
    clients: Vec<String>,
    author: Option<Author>,
    keeper: Organisation,
    guardian_disclosure: Option<GuardianDisclosure>,
    case: Option<String>,
    service_unit: Option<String>,
}

/// The local header's fields.
#[derive(Default)]
struct Local {
    specific: Option<&'static Code>,
    created: Option<NaiveDate>,
    group: Option<&'static Code>,
    service_tasks: Vec<String>,
    social_services: Vec<String>,
    special_content: bool,
    spec: Option<String>,
    delay_until: Option<NaiveDate>,
    restriction_text: Option<String>,
    restriction_reasons: Vec<RestrictionReason>,
    override_reasons: Vec<OverrideReason>,
    annulled: bool,
    stored_at: Option<DateTime<FixedOffset>>,
    drawn_up_given: bool,
    correction: Option<Correction>,
    signatures: Vec<Signature>,
    attachments: Vec<Attachment>,
}

const CD: &str = "ClinicalDocument";

fn common(doc: Node<'_, '_>) -> Result<Common, ReadError> {
    let type_id = required(doc, CD, HL7, "typeId")?;
    if type_id.attribute("root") != Some("2.16.840.1.113883.1.3")
        || type_id.attribute("extension") != Some("POCD_HD000040")
    {
        return err(
            format!("{CD}/typeId"),
            "must be root 2.16.840.1.113883.1.3, extension POCD_HD000040 (CDA R2)",
        );
    }
    let set_id = required(doc, CD, HL7, "setId")?;
    let id = attr(set_id, &format!("{CD}/setId"), "root")?.to_string();
    let version_node = required(doc, CD, HL7, "versionNumber")?;
    let vpath = format!("{CD}/versionNumber");
    let version_text = value_attr(version_node, &vpath)?;
    let version = version_text.parse::<u32>().or_else(|_| {
        err(
            format!("{vpath}/@value"),
            format!("{version_text:?} is not a version number"),
        )
    })?;
    let title = child(doc, HL7, "title")
        .map(text_of)
        .filter(|t| !t.is_empty());
    let general = match child(doc, HL7, "code") {
        Some(c) if c.attribute("nullFlavor").is_none() => {
            Some(coded(c, &format!("{CD}/code"), &codes::GENERAL_TYPE)?)
        }
        _ => None,
    };
    let effective = match child(doc, HL7, "effectiveTime").and_then(|e| e.attribute("value")) {
        Some(v) => Some(ts_date(v, &format!("{CD}/effectiveTime/@value"))?),
        None => None,
    };
    let mut clients = Vec::new();
    for (i, rt) in children(doc, HL7, "recordTarget").enumerate() {
        let path = format!("{CD}/recordTarget[{i}]/patientRole/id");
        let id = child(rt, HL7, "patientRole")
            .and_then(|p| child(p, HL7, "id"))
            .map_or_else(|| err(&path, "is missing"), Ok)?;
        let root = attr(id, &path, "root")?;
        if root != "1.2.246.21" {
            return err(
                format!("{path}/@root"),
                format!(
                    "{root:?}: a client is identified by the personal identity code (1.2.246.21)"
                ),
            );
        }
        clients.push(attr(id, &path, "extension")?.to_string());
    }
    if clients.is_empty() {
        return err(
            format!("{CD}/recordTarget"),
            "is missing: a document names its clients",
        );
    }
    let author = child(doc, HL7, "author")
        .and_then(|a| child(a, HL7, "assignedAuthor"))
        .and_then(|a| {
            let name = child(a, HL7, "assignedPerson")
                .and_then(|p| child(p, HL7, "name"))
                .and_then(|n| name_of(n, HL7))?;
            let title = child(a, HL7, "code")
                .and_then(|c| c.attribute("displayName"))
                .map(str::to_string);
            Some(Author { name, title })
        });
    let cpath = format!("{CD}/custodian/assignedCustodian/representedCustodianOrganization");
    let org = required(doc, CD, HL7, "custodian")
        .and_then(|c| required(c, &format!("{CD}/custodian"), HL7, "assignedCustodian"))
        .and_then(|c| {
            required(
                c,
                &format!("{CD}/custodian/assignedCustodian"),
                HL7,
                "representedCustodianOrganization",
            )
        })?;
    let keeper = Organisation {
        oid: attr(
            required(org, &cpath, HL7, "id")?,
            &format!("{cpath}/id"),
            "root",
        )?
        .to_string(),
        name: child(org, HL7, "name").map(text_of).unwrap_or_default(),
    };
    let guardian_disclosure = match child(doc, HL7, "authorization")
        .and_then(|a| child(a, HL7, "consent"))
        .and_then(|c| child(c, HL7, "code"))
    {
        Some(code) => {
            let path = format!("{CD}/authorization/consent/code");
            let c = coded(code, &path, &codes::GUARDIAN_DISCLOSURE)?;
            let n: u8 = c.code.parse().unwrap_or(0);
            Some(GuardianDisclosure::try_from(n).or_else(|e| err(&path, e))?)
        }
        None => None,
    };
    let encounter =
        child(doc, HL7, "componentOf").and_then(|c| child(c, HL7, "encompassingEncounter"));
    let case = encounter
        .and_then(|e| child(e, HL7, "id"))
        .and_then(|i| i.attribute("root"))
        .map(str::to_string);
    let service_unit = encounter
        .into_iter()
        .flat_map(|e| children(e, HL7, "encounterParticipant"))
        .filter(|p| p.attribute("typeCode").is_none_or(|t| t == "ADM"))
        .filter_map(|p| child(p, HL7, "assignedEntity"))
        .filter_map(|a| child(a, HL7, "representedOrganization"))
        .filter_map(|o| child(o, HL7, "id"))
        .find_map(|i| i.attribute("root"))
        .map(str::to_string);
    Ok(Common {
        id,
        version,
        title,
        general,
        effective,
        clients,
        author,
        keeper,
        guardian_disclosure,
        case,
        service_unit,
    })
}

fn yes_no(node: Node<'_, '_>, path: &str) -> Result<bool, ReadError> {
    Ok(coded(node, path, &codes::YES_NO)?.code == "K")
}

fn local(doc: Node<'_, '_>) -> Result<Local, ReadError> {
    let base = format!("{CD}/ep2:localSocialHeader");
    let header =
        child(doc, HL7FI, "localSocialHeader").map_or_else(|| err(&base, "is missing"), Ok)?;
    let mut l = Local::default();
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for n in header.children().filter(|n| n.is_element()) {
        if n.tag_name().namespace() != Some(HL7FI) {
            continue;
        }
        let name = n.tag_name().name();
        let i = *seen.entry(name).and_modify(|i| *i += 1).or_insert(0);
        let path = format!("{base}/ep2:{name}[{i}]");
        match name {
            "specificDocumentType" => {
                l.specific = Some(coded_either(
                    n,
                    &path,
                    [&codes::SPECIFIC_TYPE, &codes::LOCAL_SPECIFIC_TYPE],
                )?);
            }
            "creationTime" => l.created = Some(ts_date(value_attr(n, &path)?, &path)?),
            "documentGroup" => l.group = Some(coded(n, &path, &codes::DOCUMENT_GROUP)?),
            "fileFormat" => {
                coded(n, &path, &codes::FILE_FORMAT)?;
            }
            "functionCode" => l
                .service_tasks
                .push(coded(n, &path, &codes::SERVICE_TASK)?.word.to_string()),
            "socialService" => l.social_services.push(
                coded_either(
                    n,
                    &path,
                    [&codes::SOCIAL_SERVICE, &codes::LOCAL_SOCIAL_SERVICE],
                )?
                .word
                .to_string(),
            ),
            "specialContent" => l.special_content = yes_no(n, &path)?,
            "contentSpecificationId" => l.spec = Some(text_of(n)),
            "delayedDisplayDate" => l.delay_until = Some(ts_date(value_attr(n, &path)?, &path)?),
            "authorizationRestrictionArgument" => {
                l.restriction_text = Some(text_of(n)).filter(|t| !t.is_empty());
            }
            "inaccessibleArgument" => {
                let c = coded(n, &path, &codes::RESTRICTION_REASON)?;
                l.restriction_reasons.push(
                    RestrictionReason::try_from(c.code.parse::<u8>().unwrap_or(0))
                        .or_else(|e| err(&path, e))?,
                );
            }
            "guardianOverrideArgument" => {
                let c = coded(n, &path, &codes::OVERRIDE_REASON)?;
                l.override_reasons.push(
                    OverrideReason::try_from(c.code.parse::<u8>().unwrap_or(0))
                        .or_else(|e| err(&path, e))?,
                );
            }
            "annulment" => l.annulled = yes_no(n, &path)?,
            "storageTime" => l.stored_at = Some(ts_instant(value_attr(n, &path)?, &path)?),
            "drawnUpGiven" => l.drawn_up_given = n.attribute("value") == Some("true"),
            "correction" => l.correction = Some(correction(n, &path)?),
            "signature" => l.signatures.push(signature(n, &path)?),
            "attachment" => l.attachments.push(attachment(n, &path)?),
            // Other national elements (recordStatus, registryType, …) are
            // not what the portal shows.
            _ => {}
        }
    }
    Ok(l)
}

fn correction(n: Node<'_, '_>, path: &str) -> Result<Correction, ReadError> {
    let text = |name: &str| -> Result<String, ReadError> {
        let t = child(n, HL7FI, name).map(text_of).unwrap_or_default();
        if t.is_empty() {
            err(format!("{path}/ep2:{name}"), "is missing")
        } else {
            Ok(t)
        }
    };
    let time = required(n, path, HL7FI, "time")?;
    Ok(Correction {
        corrector: text("corrector")?,
        title: child(n, HL7FI, "correctorTitle")
            .map(text_of)
            .unwrap_or_default(),
        date: ts_date(value_attr(time, &format!("{path}/ep2:time"))?, path)?,
        reason: text("reasonOfCorrection")?,
    })
}

fn signature(n: Node<'_, '_>, path: &str) -> Result<Signature, ReadError> {
    let name = child(n, HL7FI, "signer")
        .and_then(|s| child(s, HL7FI, "name"))
        .and_then(|nm| name_of(nm, HL7FI))
        .map_or_else(
            || err(format!("{path}/ep2:signer/ep2:name"), "is missing"),
            Ok,
        )?;
    let system = match child(n, HL7FI, "signatureType") {
        Some(t) => {
            coded(
                t,
                &format!("{path}/ep2:signatureType"),
                &codes::SIGNATURE_TYPE,
            )?
            .word
                == "system"
        }
        None => false,
    };
    let method = if system {
        crate::policy::codes::SYSTEM_SIGNATURE.to_string()
    } else {
        let m = required(n, path, HL7FI, "authenticationMethod")?;
        coded(
            m,
            &format!("{path}/ep2:authenticationMethod"),
            &codes::AUTHENTICATION_METHOD,
        )?
        .word
        .to_string()
    };
    let time = required(n, path, HL7FI, "time")?;
    let tpath = format!("{path}/ep2:time");
    Ok(Signature {
        name,
        role: child(n, HL7FI, "signerRole")
            .map(text_of)
            .filter(|r| !r.is_empty()),
        // R-SIGN-2: the element holds the professional's registration
        // number, or a private signer's personal identity code (L28954-28975),
        // which is never kept: only digits are a registration number.
        registration_number: child(n, HL7FI, "assignedAuthorSigner")
            .map(text_of)
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty() && r.len() <= 20 && r.bytes().all(|b| b.is_ascii_digit())),
        method,
        signed_at: ts_instant(value_attr(time, &tpath)?, &tpath)?,
    })
}

fn attachment(n: Node<'_, '_>, path: &str) -> Result<Attachment, ReadError> {
    let id_node = required(n, path, HL7FI, "id")?;
    let id = attr(id_node, &format!("{path}/ep2:id"), "root")?.to_string();
    let special_content = match child(n, HL7FI, "specialContent") {
        Some(s) => yes_no(s, &format!("{path}/ep2:specialContent"))?,
        None => false,
    };
    let delay_until = match child(n, HL7FI, "delayedDisplayDate") {
        Some(d) => {
            let p = format!("{path}/ep2:delayedDisplayDate");
            Some(ts_date(value_attr(d, &p)?, &p)?)
        }
        None => None,
    };
    let guardian_disclosure = match child(n, HL7FI, "guardianDisclosure") {
        Some(g) => {
            let p = format!("{path}/ep2:guardianDisclosure");
            let c = coded(g, &p, &codes::GUARDIAN_DISCLOSURE)?;
            Some(
                GuardianDisclosure::try_from(c.code.parse::<u8>().unwrap_or(0))
                    .or_else(|e| err(&p, e))?,
            )
        }
        None => None,
    };
    let text = n
        .children()
        .find(|c| c.is_element() && c.tag_name().name() == "text")
        .map_or_else(|| err(format!("{path}/text"), "is missing"), Ok)?;
    Ok(Attachment {
        id,
        title: child(n, HL7FI, "title").map(text_of).unwrap_or_default(),
        delay_until,
        special_content,
        guardian_disclosure,
        body: body_text(text, &format!("{path}/text"))?,
    })
}

/// A display body: XHTML (well-formed, in the XHTML namespace; the content
/// of its outer `div` or `body`) or PDF, base64.
fn body_text(text: Node<'_, '_>, path: &str) -> Result<Body, ReadError> {
    let media = attr(text, path, "mediaType")?;
    if text.attribute("representation") != Some("B64") {
        return err(format!("{path}/@representation"), "must be B64");
    }
    let raw = text_of(text);
    let bytes = decode_b64(&raw, path)?;
    match media {
        "application/xhtml+xml" => {
            let xhtml =
                String::from_utf8(bytes).or_else(|_| err(path, "the XHTML is not UTF-8"))?;
            Ok(Body {
                xhtml: Some(xhtml_content(&xhtml, path)?),
                pdf_base64: None,
            })
        }
        "application/pdf" => {
            if !bytes.starts_with(b"%PDF-") {
                return err(path, "is not a PDF file");
            }
            Ok(Body {
                xhtml: None,
                pdf_base64: Some(if raw.bytes().any(|b| b.is_ascii_whitespace()) {
                    raw.chars().filter(|c| !c.is_ascii_whitespace()).collect()
                } else {
                    raw
                }),
            })
        }
        other => err(
            format!("{path}/@mediaType"),
            format!("{other:?}: expected application/xhtml+xml or application/pdf"),
        ),
    }
}

fn xhtml_content(xhtml: &str, path: &str) -> Result<String, ReadError> {
    super::xhtml::content(xhtml)
        .map(str::to_string)
        .or_else(|m| err(path, m))
}

/// The display body and the structured content beside it.
fn body_and_json(doc: Node<'_, '_>) -> Result<(Body, Option<serde_json::Value>), ReadError> {
    let base = format!("{CD}/component/nonXMLBody");
    let nx = required(doc, CD, HL7, "component")
        .and_then(|c| required(c, &format!("{CD}/component"), HL7, "nonXMLBody"))?;
    let text = required(nx, &base, HL7, "text")?;
    let body = body_text(text, &format!("{base}/text"))?;
    let json = match child(nx, HL7FI, "json") {
        Some(j) => {
            let path = format!("{base}/ep2:json");
            let bytes = decode_b64(&text_of(j), &path)?;
            Some(
                serde_json::from_slice(&bytes)
                    .or_else(|e| err(&path, format!("is not JSON: {e}")))?,
            )
        }
        None => None,
    };
    Ok((body, json))
}

/// Reads structured content into `T`, naming the JSON path that does not fit.
fn fit<T: serde::de::DeserializeOwned>(
    value: serde_json::Value,
    what: &str,
) -> Result<T, ReadError> {
    serde_path_to_error::deserialize(value).or_else(|e| {
        err(
            format!("{CD}/component/nonXMLBody/ep2:json {}", e.path()),
            format!("does not fit the {what} schema: {}", e.into_inner()),
        )
    })
}

/// An identifier in the structured content: `{system, value}`, or text.
#[derive(Deserialize)]
#[serde(untagged)]
enum Ident {
    Text(String),
    Id { value: String },
}

impl Ident {
    fn value(&self) -> &str {
        match self {
            Self::Text(v) | Self::Id { value: v } => v,
        }
    }
}

#[derive(Deserialize)]
struct CodedJson {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    display: Option<String>,
}

#[derive(Deserialize)]
struct RelationshipJson {
    asiakkuusasiakirja: RelationshipContent,
}

#[derive(Deserialize)]
struct RelationshipContent {
    #[serde(default)]
    asiakas: Option<ClientJson>,
    sosiaalihuollon_asiakkuus: SocialClientship,
    #[serde(default)]
    lastensuojelun_asiakkuus: Option<ChildProtection>,
    #[serde(default)]
    palveluista_vastaava_tyontekija: Vec<WorkerJson>,
}

#[derive(Deserialize)]
struct ClientJson {
    #[serde(default)]
    henkilotunnus: Option<Ident>,
}

#[derive(Deserialize)]
struct SocialClientship {
    #[serde(default)]
    vanha_asiakkuus: Option<bool>,
    asiakkuuden_alkamispvm: NaiveDate,
    #[serde(default)]
    asiakkuuden_paattymispvm: Option<NaiveDate>,
}

#[derive(Deserialize)]
struct ChildProtection {
    #[serde(default)]
    lastensuojelun_asiakkuuden_alkamispvm: Option<NaiveDate>,
    #[serde(default)]
    lastensuojelun_asiakkuuden_paattymispvm: Option<NaiveDate>,
}

#[derive(Deserialize)]
struct WorkerJson {
    sukunimi: String,
    #[serde(default)]
    etunimet: Option<String>,
    #[serde(default)]
    tehtavanimike: Option<String>,
    #[serde(default)]
    yhteystiedot: Option<ContactJson>,
    #[serde(default)]
    palveluyksikko: Option<CodedJson>,
    #[serde(default)]
    vastuun_alkamispvm: Option<NaiveDate>,
}

#[derive(Deserialize)]
struct ContactJson {
    #[serde(default)]
    puhelinnumero: Option<String>,
    #[serde(default)]
    sahkopostiosoite: Option<String>,
}

#[derive(Deserialize)]
struct CaseJson {
    asia_asiakirja: CaseContent,
}

#[derive(Deserialize)]
struct CaseContent {
    asiakas: Vec<MemberJson>,
    asian_tiedot: CaseInfo,
}

#[derive(Deserialize)]
struct MemberJson {
    henkilotunnus: Ident,
    #[serde(default)]
    asiaan_liittymishetki: Option<String>,
    #[serde(default)]
    asiasta_poistumishetki: Option<String>,
}

#[derive(Deserialize)]
struct CaseInfo {
    asiatunnus: Ident,
    #[serde(default)]
    nimi: Option<CodedJson>,
    #[serde(default)]
    lisatieto_luokkaan_muu: Option<String>,
    avauspaiva: NaiveDate,
    #[serde(default)]
    paattymispaiva: Option<NaiveDate>,
    #[serde(default)]
    yhteinen_asia: Option<bool>,
    #[serde(default)]
    palvelutehtava: Option<CodedJson>,
}

#[derive(Deserialize)]
struct PlanJson {
    avain: Avain,
}

/// A moment of the structured content (`Hetki`): RFC 3339, or a date
/// (the start of the day in Finland).
fn moment(text: &str, path: &str) -> Result<DateTime<FixedOffset>, ReadError> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t);
    }
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(d) => start_of_day(d, path),
        Err(_) => err(
            path,
            format!("{text:?} is not a moment (RFC 3339 or YYYY-MM-DD)"),
        ),
    }
}

fn start_of_day(d: NaiveDate, path: &str) -> Result<DateTime<FixedOffset>, ReadError> {
    chrono_tz::Europe::Helsinki
        .from_local_datetime(&d.and_time(NaiveTime::MIN))
        .earliest()
        .map(|t| t.fixed_offset())
        .map_or_else(|| err(path, "no such moment in Finland"), Ok)
}

/// `1.2.246.537.6.1505.1.YYYY.M.D` → the schema version `YYYY-MM`.
fn schema_version(spec: Option<&str>) -> Result<SchemaVersion, ReadError> {
    let path = format!("{CD}/ep2:localSocialHeader/ep2:contentSpecificationId");
    let Some(spec) = spec else {
        return err(
            path,
            "is missing: the relationship's schema version decides its use (R-FRONT-6)",
        );
    };
    let tail = spec.strip_prefix("1.2.246.537.6.1505.1.");
    let parts: Vec<&str> = tail.map(|t| t.split('.').collect()).unwrap_or_default();
    let parsed = match parts.as_slice() {
        [y, m, ..] => {
            let m: u8 = m.parse().unwrap_or(0);
            SchemaVersion::try_from(format!("{y}-{m:02}")).ok()
        }
        _ => None,
    };
    parsed.map_or_else(
        || err(path, format!("{spec:?} is not a client-relationship specification (1.2.246.537.6.1505.1.YYYY.M.D)")),
        Ok,
    )
}

fn clinical_document(doc: Node<'_, '_>, service: Option<&str>) -> Result<Parsed, ReadError> {
    let c = common(doc)?;
    let l = local(doc)?;
    let gpath = format!("{CD}/ep2:localSocialHeader/ep2:documentGroup");
    let Some(group) = l.group else {
        return err(gpath, "is missing");
    };
    let kind = match group.word {
        "client_relationship" => Kind::ClientRelationship,
        "case" => Kind::Case,
        _ => Kind::ClientDocument,
    };
    // The message's service request agrees with the document (SP1: a
    // client-relationship document; SP17: a client document).
    match (service, kind) {
        // The case document's own service request is not known (cda.md).
        (Some("SP1"), Kind::ClientRelationship)
        | (Some("SP17"), Kind::ClientDocument | Kind::Case)
        | (None, _) => {}
        (Some(s), _) if s != "SP1" && s != "SP17" => {}
        (Some(s), _) => {
            return err(
                "RCMR_IN200002FI01/controlActProcess/reasonCode",
                format!(
                    "service request {s} does not archive a document of group {:?}",
                    group.fi
                ),
            )
        }
    }
    let (body, json) = body_and_json(doc)?;
    let status = if l.annulled {
        Status::Deleted
    } else {
        Status::Active
    };
    let mut archive = Archive::empty();
    if !c.keeper.name.is_empty() {
        archive.organisations.push(c.keeper.clone());
    }
    let jpath = format!("{CD}/component/nonXMLBody/ep2:json");
    match kind {
        Kind::ClientRelationship => {
            let Some(json) = json else {
                return err(jpath, "is missing: a client-relationship document carries its content as JSON (L27563–27566)");
            };
            let r: RelationshipJson = fit(json, "client-relationship (1.2.246.537.6.1505.1)")?;
            let r = r.asiakkuusasiakirja;
            let [client] = c.clients.as_slice() else {
                return err(
                    format!("{CD}/recordTarget"),
                    "a client-relationship document has one client",
                );
            };
            if let Some(own) = r.asiakas.as_ref().and_then(|a| a.henkilotunnus.as_ref()) {
                if own.value() != client {
                    return err(
                        format!("{jpath} asiakas.henkilotunnus"),
                        format!(
                            "{:?} is not the recordTarget's {client:?} (L25975)",
                            own.value()
                        ),
                    );
                }
            }
            let started = r.sosiaalihuollon_asiakkuus.asiakkuuden_alkamispvm;
            let (cp_started, cp_ended) = r.lastensuojelun_asiakkuus.map_or((None, None), |cp| {
                (
                    cp.lastensuojelun_asiakkuuden_alkamispvm,
                    cp.lastensuojelun_asiakkuuden_paattymispvm,
                )
            });
            archive.client_relationships.push(ClientRelationship {
                id: c.id,
                version: c.version,
                client: client.clone(),
                register_keeper: c.keeper.oid,
                schema_version: schema_version(l.spec.as_deref())?,
                started,
                ended: r.sosiaalihuollon_asiakkuus.asiakkuuden_paattymispvm,
                child_protection_started: cp_started,
                child_protection_ended: cp_ended,
                status,
                old: r.sosiaalihuollon_asiakkuus.vanha_asiakkuus.unwrap_or(false),
                special_content: l.special_content,
                delay_until: l.delay_until,
                guardian_disclosure: c.guardian_disclosure,
                restriction_reasons: l.restriction_reasons,
                restriction_text: l.restriction_text,
                responsible_workers: r
                    .palveluista_vastaava_tyontekija
                    .into_iter()
                    .map(|w| ResponsibleWorker {
                        name: match w.etunimet.as_deref().map(str::trim) {
                            Some(g) if !g.is_empty() => format!("{g} {}", w.sukunimi.trim()),
                            _ => w.sukunimi.trim().to_string(),
                        },
                        title: w.tehtavanimike,
                        phone: w
                            .yhteystiedot
                            .as_ref()
                            .and_then(|y| y.puhelinnumero.clone()),
                        email: w
                            .yhteystiedot
                            .as_ref()
                            .and_then(|y| y.sahkopostiosoite.clone()),
                        unit: w.palveluyksikko.and_then(|u| u.display),
                        // Not in the national schema: the relationship's start.
                        since: w.vastuun_alkamispvm.unwrap_or(started),
                    })
                    .collect(),
            });
        }
        Kind::Case => {
            let Some(json) = json else {
                return err(
                    jpath,
                    "is missing: a case document carries its content as JSON (L27563–27566)",
                );
            };
            let k: CaseJson = fit(json, "case (1.2.246.537.6.1505.2)")?;
            let k = k.asia_asiakirja;
            let info = k.asian_tiedot;
            let id = info.asiatunnus.value().to_string();
            if let Some(enc) = &c.case {
                if *enc != id {
                    return err(
                        format!("{CD}/componentOf/encompassingEncounter/id"),
                        format!("{enc:?} is not the case's asiatunnus {id:?}"),
                    );
                }
            }
            let mut clients = Vec::new();
            for (i, m) in k.asiakas.iter().enumerate() {
                let mpath = format!("{jpath} asia_asiakirja.asiakas[{i}]");
                let person = m.henkilotunnus.value().to_string();
                if !c.clients.contains(&person) {
                    return err(
                        format!("{mpath}.henkilotunnus"),
                        format!("{person:?} is not among the recordTargets (L25975)"),
                    );
                }
                let joined = match &m.asiaan_liittymishetki {
                    Some(t) => moment(t, &format!("{mpath}.asiaan_liittymishetki"))?,
                    None => start_of_day(info.avauspaiva, &mpath)?,
                };
                let removed = match &m.asiasta_poistumishetki {
                    Some(t) => Some(moment(t, &format!("{mpath}.asiasta_poistumishetki"))?),
                    None => None,
                };
                clients.push(CaseClient {
                    person,
                    joined,
                    removed,
                });
            }
            if let Some(missing) = c
                .clients
                .iter()
                .find(|p| !clients.iter().any(|m| &m.person == *p))
            {
                return err(
                    format!("{CD}/recordTarget"),
                    format!("{missing:?} is not a client in the case's content (L25975)"),
                );
            }
            let task_path = format!("{jpath} asia_asiakirja.asian_tiedot.palvelutehtava");
            let service_task = match info.palvelutehtava.and_then(|p| p.code) {
                Some(code) => codes::SERVICE_TASK
                    .by_code(&code)
                    .map(|t| t.word.to_string())
                    .map_or_else(
                        || err(&task_path, format!("unknown service task {code:?}")),
                        Ok,
                    )?,
                None => l
                    .service_tasks
                    .first()
                    .cloned()
                    .map_or_else(|| err(&task_path, "is missing"), Ok)?,
            };
            let name = info
                .lisatieto_luokkaan_muu
                .filter(|n| !n.trim().is_empty())
                .or_else(|| info.nimi.and_then(|n| n.display))
                .or(c.title)
                .unwrap_or_default();
            archive.cases.push(Case {
                id,
                version: c.version,
                register_keeper: c.keeper.oid,
                service_task,
                name,
                status,
                opened: info.avauspaiva,
                closed: info.paattymispaiva,
                clients,
                shared: info.yhteinen_asia,
                delay_until: l.delay_until,
                special_content: l.special_content,
                guardian_disclosure: c.guardian_disclosure,
                restriction_reasons: l.restriction_reasons,
                restriction_text: l.restriction_text,
            });
        }
        Kind::ClientDocument => {
            let spath = format!("{CD}/ep2:localSocialHeader/ep2:specificDocumentType");
            let Some(specific) = l.specific else {
                return err(spath, "is missing");
            };
            let Some(general) = c.general.and_then(|g| codes::general_of_word(g.word)) else {
                return err(
                    format!("{CD}/code"),
                    "is missing: the general document type",
                );
            };
            let group = codes::group_of(group.word)
                .map_or_else(|| err(&gpath, "is not a client-document group"), Ok)?;
            let Some(case) = c.case else {
                return err(
                    format!("{CD}/componentOf/encompassingEncounter/id"),
                    "is missing: the case",
                );
            };
            let Some(created) = l.created.or(c.effective) else {
                return err(
                    format!("{CD}/ep2:localSocialHeader/ep2:creationTime"),
                    "is missing",
                );
            };
            let drawn_up = c.effective.filter(|e| l.drawn_up_given || *e != created);
            // The storage time: ours, else the newest signature's.
            let stored_at = l
                .stored_at
                .or_else(|| l.signatures.iter().map(|s| s.signed_at).max())
                .map_or_else(
                    || {
                        err(
                            format!("{CD}/ep2:localSocialHeader/ep2:storageTime"),
                            "is missing (and nothing is signed)",
                        )
                    },
                    Ok,
                )?;
            let avain = match json {
                Some(j) if j.get("avain").is_some() => {
                    Some(fit::<PlanJson>(j, "client plan (AVAIN)")?.avain)
                }
                _ => None,
            };
            archive.documents.push(Document {
                id: c.id,
                version: c.version,
                status,
                case,
                clients: c.clients,
                group,
                general_type: general,
                specific_type: specific.word.to_string(),
                title: c.title.unwrap_or_else(|| specific.fi.to_string()),
                service_tasks: l.service_tasks,
                social_services: l.social_services,
                service_unit: c.service_unit,
                register_keeper: c.keeper.oid,
                created,
                drawn_up,
                stored_at,
                author: c.author,
                signatures: l.signatures,
                correction: l.correction,
                delay_until: l.delay_until,
                special_content: l.special_content,
                restriction_reasons: l.restriction_reasons,
                restriction_text: l.restriction_text,
                guardian_disclosure: c.guardian_disclosure,
                guardian_override_reasons: l.override_reasons,
                body,
                attachments: l.attachments,
                avain,
            });
        }
    }
    Ok(Parsed { kind, archive })
}
