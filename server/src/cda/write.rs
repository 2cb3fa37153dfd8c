//! Writes the import format's records as CDA documents, the shape
//! `read` reads (`server/docs/cda.md`): the demo's CDA files and the
//! generator's. Every field the portal uses is written, in the national
//! element where one is known and in a marked `ep2:` element where not.

use std::fmt::Write as _;
use std::path::Path;

use base64::Engine as _;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde_json::{json, Value};

use super::{HL7, HL7FI};
use crate::archive::format::{
    Archive, Body, Case, ClientRelationship, Document, GuardianDisclosure, OverrideReason,
    RestrictionReason, Status,
};
use crate::codes::{self, System};

/// A record the CDA form cannot carry.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct WriteError(String);

fn fail<T>(message: impl Into<String>) -> Result<T, WriteError> {
    Err(WriteError(message.into()))
}

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// XML text and attribute escaping.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(ch),
        }
    }
    out
}

/// HL7 TS of a date: `YYYYMMDD`.
pub fn ts_date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// HL7 TS of an instant: `YYYYMMDDHHMMSS+HHMM`.
pub fn ts_instant(t: DateTime<FixedOffset>) -> String {
    t.format("%Y%m%d%H%M%S%z").to_string()
}

/// A coded element: `<name code=… codeSystem=… codeSystemName=… displayName=…/>`.
fn coded(out: &mut String, name: &str, system: &System, code: &str) -> Result<(), WriteError> {
    let Some(c) = system.by_code(code) else {
        return fail(format!("{name}: code {code:?} is not in {}", system.name));
    };
    let _ = writeln!(
        out,
        r#"<{name} code="{}" codeSystem="{}" codeSystemName="{}" displayName="{}"/>"#,
        esc(c.code),
        system.oid,
        esc(system.name),
        esc(c.fi)
    );
    Ok(())
}

/// A coded element from the JSON format's word.
fn coded_word(out: &mut String, name: &str, system: &System, word: &str) -> Result<(), WriteError> {
    let Some(c) = system.by_word(word) else {
        return fail(format!("{name}: {word:?} is not in {}", system.name));
    };
    coded(out, name, system, c.code)
}

/// Splits a full name at its last space: given names, family name.
fn split_name(name: &str) -> (&str, &str) {
    match name.trim().rsplit_once(' ') {
        Some((given, family)) => (given.trim(), family),
        None => ("", name.trim()),
    }
}

fn person_name(out: &mut String, prefix: &str, name: &str) {
    let (given, family) = split_name(name);
    let _ = write!(out, "<{prefix}name>");
    if !given.is_empty() {
        let _ = write!(out, "<{prefix}given>{}</{prefix}given>", esc(given));
    }
    let _ = writeln!(
        out,
        "<{prefix}family>{}</{prefix}family></{prefix}name>",
        esc(family)
    );
}

/// What the header of any of the three kinds holds.
struct Header<'a> {
    id: &'a str,
    version: u32,
    title: &'a str,
    /// The general type's code, or none (client relationship).
    general: Option<&'static str>,
    effective: String,
    clients: Vec<&'a str>,
    register_keeper: &'a str,
    case: Option<&'a str>,
    service_unit: Option<&'a str>,
    guardian_disclosure: Option<GuardianDisclosure>,
}

/// The restrictions a header carries (all three kinds).
struct Restrictions<'a> {
    status: Status,
    delay_until: Option<NaiveDate>,
    special_content: bool,
    reasons: &'a [RestrictionReason],
    text: Option<&'a str>,
    override_reasons: &'a [OverrideReason],
}

fn org_name<'a>(a: &'a Archive, oid: &str) -> &'a str {
    a.organisations
        .iter()
        .find(|o| o.oid == oid)
        .map(|o| o.name.as_str())
        .or_else(|| {
            a.service_units
                .iter()
                .find(|u| u.oid == oid)
                .map(|u| u.name.as_str())
        })
        .unwrap_or("")
}

fn full_name(a: &Archive, id: &str) -> String {
    a.people
        .iter()
        .find(|p| p.id == id)
        .map(|p| format!("{} {}", p.given_names, p.surname))
        .unwrap_or_default()
}

fn open(out: &mut String, a: &Archive, h: &Header<'_>) -> Result<(), WriteError> {
    let _ = writeln!(
        out,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<ClinicalDocument xmlns="{HL7}" xmlns:ep2="{HL7FI}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<realmCode code="FI"/>
<typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>
<id root="{id}"/>"#,
        id = esc(h.id)
    );
    match h.general {
        Some(code) => coded(out, "code", &codes::GENERAL_TYPE, code)?,
        None => out.push_str("<code nullFlavor=\"NA\"/>\n"),
    }
    let _ = writeln!(
        out,
        r#"<title>{}</title>
<effectiveTime value="{}"/>
<confidentialityCode code="6" codeSystem="1.2.246.777.5.99902.2006"/>
<languageCode code="fi"/>
<setId root="{}"/>
<versionNumber value="{}"/>"#,
        esc(h.title),
        h.effective,
        esc(h.id),
        h.version
    );
    for c in &h.clients {
        let _ = write!(
            out,
            r#"<recordTarget><patientRole><id root="1.2.246.21" extension="{}"/><patient>"#,
            esc(c)
        );
        person_name(out, "", &full_name(a, c));
        out.push_str("</patient></patientRole></recordTarget>\n");
    }
    Ok(())
}

fn author(out: &mut String, author: Option<(&str, Option<&str>)>) {
    out.push_str("<author><time nullFlavor=\"NA\"/><assignedAuthor>");
    match author {
        Some((name, title)) => {
            out.push_str("<id nullFlavor=\"NA\"/>");
            if let Some(t) = title {
                let _ = write!(out, r#"<code nullFlavor="OTH" displayName="{}"/>"#, esc(t));
            }
            out.push_str("<assignedPerson>");
            person_name(out, "", name);
            out.push_str("</assignedPerson>");
        }
        None => out.push_str("<id nullFlavor=\"NA\"/>"),
    }
    out.push_str("</assignedAuthor></author>\n");
}

fn custodian_and_context(out: &mut String, a: &Archive, h: &Header<'_>) -> Result<(), WriteError> {
    let _ = writeln!(
        out,
        r#"<custodian><assignedCustodian><representedCustodianOrganization><id root="{}"/><name>{}</name></representedCustodianOrganization></assignedCustodian></custodian>"#,
        esc(h.register_keeper),
        esc(org_name(a, h.register_keeper))
    );
    if let Some(code) = h.guardian_disclosure {
        out.push_str("<authorization><consent>");
        coded(
            out,
            "code",
            &codes::GUARDIAN_DISCLOSURE,
            &u8::from(code).to_string(),
        )?;
        out.push_str("<statusCode code=\"completed\"/></consent></authorization>\n");
    }
    if h.version > 1 {
        let _ = writeln!(
            out,
            r#"<relatedDocument typeCode="RPLC"><parentDocument><id root="{}"/><setId root="{}"/><versionNumber value="{}"/></parentDocument></relatedDocument>"#,
            esc(h.id),
            esc(h.id),
            h.version - 1
        );
    }
    out.push_str("<componentOf><encompassingEncounter>");
    match h.case {
        Some(case) => {
            let _ = write!(out, r#"<id root="{}"/>"#, esc(case));
        }
        None => out.push_str("<id nullFlavor=\"NA\"/>"),
    }
    out.push_str("<effectiveTime nullFlavor=\"NA\"/>");
    if let Some(unit) = h.service_unit {
        let _ = write!(
            out,
            r#"<encounterParticipant typeCode="ADM"><assignedEntity><id nullFlavor="NA"/><representedOrganization><id root="{}"/><name>{}</name></representedOrganization></assignedEntity></encounterParticipant>"#,
            esc(unit),
            esc(org_name(a, unit))
        );
    }
    out.push_str("</encompassingEncounter></componentOf>\n");
    Ok(())
}

fn restrictions(out: &mut String, r: &Restrictions<'_>) -> Result<(), WriteError> {
    coded(
        out,
        "ep2:specialContent",
        &codes::YES_NO,
        if r.special_content { "K" } else { "E" },
    )?;
    if let Some(d) = r.delay_until {
        let _ = writeln!(out, r#"<ep2:delayedDisplayDate value="{}"/>"#, ts_date(d));
    }
    if let Some(t) = r.text {
        let _ = writeln!(
            out,
            "<ep2:authorizationRestrictionArgument>{}</ep2:authorizationRestrictionArgument>",
            esc(t)
        );
    }
    for reason in r.reasons {
        coded(
            out,
            "ep2:inaccessibleArgument",
            &codes::RESTRICTION_REASON,
            &u8::from(*reason).to_string(),
        )?;
    }
    for reason in r.override_reasons {
        coded(
            out,
            "ep2:guardianOverrideArgument",
            &codes::OVERRIDE_REASON,
            &u8::from(*reason).to_string(),
        )?;
    }
    if r.status == Status::Deleted {
        coded(out, "ep2:annulment", &codes::YES_NO, "K")?;
    }
    Ok(())
}

/// The display body: `nonXMLBody/text` (XHTML or PDF/A, base64), and the
/// structured content beside it (`ep2:json`, base64).
fn body(out: &mut String, id: &str, b: &Body, json: Option<&Value>) -> Result<(), WriteError> {
    let _ = write!(out, r#"<component><nonXMLBody ID="OID{}">"#, esc(id));
    body_text(out, b)?;
    if let Some(j) = json {
        let _ = write!(out, "<ep2:json>{}</ep2:json>", B64.encode(j.to_string()));
    }
    out.push_str("</nonXMLBody></component>\n");
    Ok(())
}

fn body_text(out: &mut String, b: &Body) -> Result<(), WriteError> {
    match (&b.xhtml, &b.pdf_base64) {
        (Some(x), None) => {
            let wrapped = format!(r#"<div xmlns="http://www.w3.org/1999/xhtml">{x}</div>"#);
            let _ = write!(
                out,
                r#"<text mediaType="application/xhtml+xml" representation="B64">{}</text>"#,
                B64.encode(wrapped)
            );
        }
        (None, Some(p)) => {
            let _ = write!(
                out,
                r#"<text mediaType="application/pdf" representation="B64">{}</text>"#,
                esc(p)
            );
        }
        _ => return fail("a body has exactly one of xhtml and pdf_base64"),
    }
    Ok(())
}

fn header_end(out: &mut String) {
    out.push_str("</ep2:localSocialHeader>\n");
}

fn header_start(
    out: &mut String,
    specific: Option<(&System, &str)>,
    created: String,
    group: &str,
    file_format: &str,
) -> Result<(), WriteError> {
    out.push_str("<ep2:localSocialHeader>\n");
    if let Some((system, code)) = specific {
        coded(out, "ep2:specificDocumentType", system, code)?;
    }
    let _ = writeln!(out, r#"<ep2:creationTime value="{created}"/>"#);
    coded_word(out, "ep2:documentGroup", &codes::DOCUMENT_GROUP, group)?;
    coded_word(out, "ep2:fileFormat", &codes::FILE_FORMAT, file_format)?;
    Ok(())
}

fn file_format(b: &Body) -> &'static str {
    if b.pdf_base64.is_some() {
        "pdf"
    } else {
        "xhtml"
    }
}

fn function_code(out: &mut String, word: &str) -> Result<(), WriteError> {
    coded_word(out, "ep2:functionCode", &codes::SERVICE_TASK, word)
}

fn simple_body(lines: &[String]) -> Body {
    let items: String = lines.iter().map(|l| format!("<p>{}</p>", esc(l))).collect();
    Body {
        xhtml: Some(items),
        pdf_base64: None,
    }
}

/// `YYYY-MM` → the content specification the JSON follows
/// (`1.2.246.537.6.1505.1.YYYY.M.1`).
fn relationship_spec(schema: crate::archive::format::SchemaVersion) -> String {
    let text = String::from(schema);
    let (y, m) = text.split_once('-').unwrap_or((&text, "1"));
    let m = m.trim_start_matches('0');
    format!("1.2.246.537.6.1505.1.{y}.{m}.1")
}

fn names_json(a: &Archive, id: &str) -> (String, String) {
    a.people
        .iter()
        .find(|p| p.id == id)
        .map(|p| (p.surname.clone(), p.given_names.clone()))
        .unwrap_or_default()
}

/// A client-relationship document (group 1505.1).
pub fn relationship(a: &Archive, r: &ClientRelationship) -> Result<String, WriteError> {
    let mut out = String::new();
    let h = Header {
        id: &r.id,
        version: r.version,
        title: "Asiakkuusasiakirja",
        general: None,
        effective: ts_date(r.started),
        clients: vec![&r.client],
        register_keeper: &r.register_keeper,
        case: None,
        service_unit: None,
        guardian_disclosure: r.guardian_disclosure,
    };
    open(&mut out, a, &h)?;
    author(&mut out, None);
    custodian_and_context(&mut out, a, &h)?;
    header_start(
        &mut out,
        None,
        ts_date(r.started),
        "client_relationship",
        "xhtml",
    )?;
    let _ = writeln!(
        out,
        "<ep2:contentSpecificationId>{}</ep2:contentSpecificationId>",
        relationship_spec(r.schema_version)
    );
    restrictions(
        &mut out,
        &Restrictions {
            status: r.status,
            delay_until: r.delay_until,
            special_content: r.special_content,
            reasons: &r.restriction_reasons,
            text: r.restriction_text.as_deref(),
            override_reasons: &[],
        },
    )?;
    header_end(&mut out);
    let (surname, given) = names_json(a, &r.client);
    let workers: Vec<Value> = r
        .responsible_workers
        .iter()
        .map(|w| {
            let (given, family) = split_name(&w.name);
            json!({
                "sukunimi": family,
                "etunimet": given,
                "tehtavanimike": w.title,
                "yhteystiedot": {"puhelinnumero": w.phone, "sahkopostiosoite": w.email},
                "palveluyksikko": w.unit.as_ref().map(|u| json!({"display": u})),
                "vastuun_alkamispvm": w.since,
            })
        })
        .collect();
    let mut content = json!({
        "asiakas": {
            "sukunimi": surname, "etunimet": given,
            "henkilotunnus": {"system": "urn:oid:1.2.246.21", "value": r.client},
        },
        "sosiaalihuollon_asiakkuus": {
            "vanha_asiakkuus": r.old,
            "asiakkuuden_alkamispvm": r.started,
            "asiakkuuden_paattymispvm": r.ended,
        },
        "palveluista_vastaava_tyontekija": workers,
    });
    if r.child_protection_started.is_some() || r.child_protection_ended.is_some() {
        if let Some(map) = content.as_object_mut() {
            map.insert(
                "lastensuojelun_asiakkuus".into(),
                json!({
                "lastensuojelun_asiakkuuden_alkamispvm": r.child_protection_started,
                "lastensuojelun_asiakkuuden_paattymispvm": r.child_protection_ended,
                }),
            );
        }
    }
    let text = simple_body(&[format!("Asiakkuus alkanut {}", r.started)]);
    body(
        &mut out,
        &r.id,
        &text,
        Some(&json!({"asiakkuusasiakirja": content})),
    )?;
    out.push_str("</ClinicalDocument>\n");
    Ok(out)
}

/// A case document (group 1505.2).
pub fn case(a: &Archive, k: &Case) -> Result<String, WriteError> {
    let mut out = String::new();
    let mut clients: Vec<&str> = Vec::new();
    for m in &k.clients {
        if !clients.contains(&m.person.as_str()) {
            clients.push(&m.person);
        }
    }
    let h = Header {
        id: &k.id,
        version: k.version,
        title: &k.name,
        general: None,
        effective: ts_date(k.opened),
        clients,
        register_keeper: &k.register_keeper,
        case: Some(&k.id),
        service_unit: None,
        guardian_disclosure: k.guardian_disclosure,
    };
    open(&mut out, a, &h)?;
    author(&mut out, None);
    custodian_and_context(&mut out, a, &h)?;
    header_start(&mut out, None, ts_date(k.opened), "case", "xhtml")?;
    function_code(&mut out, &k.service_task)?;
    out.push_str(
        "<ep2:contentSpecificationId>1.2.246.537.6.1505.2.2022.6.28</ep2:contentSpecificationId>\n",
    );
    restrictions(
        &mut out,
        &Restrictions {
            status: k.status,
            delay_until: k.delay_until,
            special_content: k.special_content,
            reasons: &k.restriction_reasons,
            text: k.restriction_text.as_deref(),
            override_reasons: &[],
        },
    )?;
    header_end(&mut out);
    let Some(task) = codes::SERVICE_TASK.by_word(&k.service_task) else {
        return fail(format!("service task {:?} is not coded", k.service_task));
    };
    let members: Vec<Value> = k
        .clients
        .iter()
        .map(|m| {
            let (surname, given) = names_json(a, &m.person);
            json!({
                "sukunimi": surname, "etunimet": given,
                "henkilotunnus": {"system": "urn:oid:1.2.246.21", "value": m.person},
                "asiaan_liittymishetki": m.joined.to_rfc3339(),
                "asiasta_poistumishetki": m.removed.map(|t| t.to_rfc3339()),
            })
        })
        .collect();
    let mut info = json!({
        "asiatunnus": {"system": "urn:oid:1.2.246.537.6.1505.2", "value": k.id},
        "nimi": {"system": "urn:oid:1.2.246.537.6.1265", "code": "99", "display": "Muu"},
        "lisatieto_luokkaan_muu": k.name,
        "avauspaiva": k.opened,
        "paattymispaiva": k.closed,
        "palvelutehtava": {"system": format!("urn:oid:{}", codes::SERVICE_TASK.oid), "code": task.code, "display": task.fi},
    });
    if let Some(shared) = k.shared {
        if let Some(map) = info.as_object_mut() {
            map.insert("yhteinen_asia".into(), json!(shared));
        }
    }
    let text = simple_body(&[k.name.clone(), format!("Avattu {}", k.opened)]);
    body(
        &mut out,
        &k.id,
        &text,
        Some(&json!({"asia_asiakirja": {"asiakas": members, "asian_tiedot": info}})),
    )?;
    out.push_str("</ClinicalDocument>\n");
    Ok(out)
}

/// A client document (any other group).
pub fn document(a: &Archive, d: &Document) -> Result<String, WriteError> {
    if d.specific_type == crate::policy::codes::CLIENT_RELATIONSHIP {
        return fail(
            "a document of type client_relationship has no CDA form: the relationship is its own document",
        );
    }
    let Some((system, specific)) = codes::specific_type(&d.specific_type) else {
        return fail(format!("specific type {:?} is not coded", d.specific_type));
    };
    let Some(general) = codes::GENERAL_TYPE.by_word(codes::general_word(d.general_type)) else {
        return fail("general type is not coded");
    };
    let mut out = String::new();
    let h = Header {
        id: &d.id,
        version: d.version,
        title: &d.title,
        general: Some(general.code),
        effective: ts_date(d.drawn_up.unwrap_or(d.created)),
        clients: d.clients.iter().map(String::as_str).collect(),
        register_keeper: &d.register_keeper,
        case: Some(&d.case),
        service_unit: d.service_unit.as_deref(),
        guardian_disclosure: d.guardian_disclosure,
    };
    open(&mut out, a, &h)?;
    author(
        &mut out,
        d.author
            .as_ref()
            .map(|au| (au.name.as_str(), au.title.as_deref())),
    );
    custodian_and_context(&mut out, a, &h)?;
    header_start(
        &mut out,
        Some((system, specific.code)),
        ts_date(d.created),
        codes::group_word(d.group),
        file_format(&d.body),
    )?;
    for t in &d.service_tasks {
        function_code(&mut out, t)?;
    }
    for s in &d.social_services {
        let Some((system, c)) = codes::social_service(s) else {
            return fail(format!("social service {s:?} is not coded"));
        };
        coded(&mut out, "ep2:socialService", system, c.code)?;
    }
    restrictions(
        &mut out,
        &Restrictions {
            status: d.status,
            delay_until: d.delay_until,
            special_content: d.special_content,
            reasons: &d.restriction_reasons,
            text: d.restriction_text.as_deref(),
            override_reasons: &d.guardian_override_reasons,
        },
    )?;
    let _ = writeln!(
        out,
        r#"<ep2:storageTime value="{}"/>"#,
        ts_instant(d.stored_at)
    );
    if d.drawn_up.is_some_and(|x| x == d.created) {
        // The JSON format's explicit "drawn up the day it was created".
        out.push_str("<ep2:drawnUpGiven value=\"true\"/>\n");
    }
    if let Some(k) = &d.correction {
        let _ = writeln!(
            out,
            r#"<ep2:correction><ep2:corrector>{}</ep2:corrector><ep2:correctorTitle>{}</ep2:correctorTitle><ep2:time value="{}"/><ep2:reasonOfCorrection>{}</ep2:reasonOfCorrection></ep2:correction>"#,
            esc(&k.corrector),
            esc(&k.title),
            ts_date(k.date),
            esc(&k.reason)
        );
    }
    for s in &d.signatures {
        out.push_str("<ep2:signature>");
        if let Some(r) = &s.registration_number {
            let _ = write!(
                out,
                "<ep2:assignedAuthorSigner>{}</ep2:assignedAuthorSigner>",
                esc(r)
            );
        }
        out.push_str("<ep2:signer>");
        person_name(&mut out, "ep2:", &s.name);
        out.push_str("</ep2:signer>");
        if let Some(role) = &s.role {
            let _ = write!(out, "<ep2:signerRole>{}</ep2:signerRole>", esc(role));
        }
        if s.method == crate::policy::codes::SYSTEM_SIGNATURE {
            coded(&mut out, "ep2:signatureType", &codes::SIGNATURE_TYPE, "3")?;
        } else {
            coded(&mut out, "ep2:signatureType", &codes::SIGNATURE_TYPE, "1")?;
            coded_word(
                &mut out,
                "ep2:authenticationMethod",
                &codes::AUTHENTICATION_METHOD,
                &s.method,
            )?;
        }
        let _ = write!(out, r#"<ep2:time value="{}"/>"#, ts_instant(s.signed_at));
        out.push_str("</ep2:signature>\n");
    }
    for at in &d.attachments {
        let _ = write!(
            out,
            r#"<ep2:attachment><ep2:id root="{}"/><ep2:title>{}</ep2:title>"#,
            esc(&at.id),
            esc(&at.title)
        );
        coded(
            &mut out,
            "ep2:specialContent",
            &codes::YES_NO,
            if at.special_content { "K" } else { "E" },
        )?;
        if let Some(dl) = at.delay_until {
            let _ = write!(out, r#"<ep2:delayedDisplayDate value="{}"/>"#, ts_date(dl));
        }
        if let Some(code) = at.guardian_disclosure {
            coded(
                &mut out,
                "ep2:guardianDisclosure",
                &codes::GUARDIAN_DISCLOSURE,
                &u8::from(code).to_string(),
            )?;
        }
        body_text(&mut out, &at.body)?;
        out.push_str("</ep2:attachment>\n");
    }
    header_end(&mut out);
    let json = d.avain.as_ref().map(|av| json!({ "avain": av }));
    body(&mut out, &d.id, &d.body, json.as_ref())?;
    out.push_str("</ClinicalDocument>\n");
    Ok(out)
}

/// Wraps a CDA document in an `RCMR_IN200002FI01` archiving message, the
/// document as the MIME part of `clinicalDocument/text`.
pub fn archiving_message(cda: &str, id: &str, version: u32, relationship: bool) -> String {
    let boundary = "----=_portal_cda";
    let mime = format!(
        "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"{boundary}\"\r\n\r\n--{boundary}\r\nContent-Type: text/xml; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n--{boundary}--\r\n",
        B64.encode(cda)
    );
    let service = if relationship { "SP1" } else { "SP17" };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<RCMR_IN200002FI01 xmlns="{HL7}" ITSVersion="XML_1.0">
<id root="1.2.246.10.1000001.10.0" extension="{id}-{version}"/>
<interactionId root="2.16.840.1.113883.1.6" extension="RCMR_IN200002FI01"/>
<processingCode code="P"/><processingModeCode code="T"/><acceptAckCode code="ER"/>
<controlActProcess classCode="CACT" moodCode="EVN">
<reasonCode code="{service}" codeSystem="1.2.246.537.6.1503.201601"/>
<reasonCode code="1" codeSystem="1.2.246.537.6.1289.201901"/>
<subject typeCode="SUBJ"><clinicalDocument classCode="DOCCLIN" moodCode="EVN">
<id root="{id}"/><setId root="{id}"/><versionNumber value="{version}"/>
<text mediaType="multipart/related" representation="B64">{}</text>
</clinicalDocument></subject>
</controlActProcess>
</RCMR_IN200002FI01>
"#,
        B64.encode(mime),
        id = esc(id)
    )
}

/// The register file: what CDA does not carry (people and guardianships
/// from the population register; the organisations and service units with
/// their kind; the disclosure log).
pub fn register(a: &Archive) -> Archive {
    Archive {
        organisations: a.organisations.clone(),
        service_units: a.service_units.clone(),
        people: a.people.clone(),
        guardianships: a.guardianships.clone(),
        ..Archive::empty()
    }
}

/// The disclosure log as its own file, imported after the documents it names.
pub fn disclosures(a: &Archive) -> Archive {
    Archive {
        disclosures: a.disclosures.clone(),
        ..Archive::empty()
    }
}

fn file_stem(id: &str, version: u32) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{safe}-v{version}.xml")
}

/// Writes the archive as a directory: `register.json`, then one CDA file
/// per relationship, case and document version (every `wrap_every`th in
/// its archiving message; 0: none), then `disclosures.json`. Documents of
/// the JSON format's own client-relationship type are left out (they are
/// never shown, R-AUTO-10). Returns the number of CDA files.
pub fn write_dir(a: &Archive, dir: &Path, wrap_every: usize) -> Result<usize, WriteError> {
    let io = |e: std::io::Error| WriteError(format!("{}: {e}", dir.display()));
    for sub in ["relationships", "cases", "documents"] {
        std::fs::create_dir_all(dir.join(sub)).map_err(io)?;
    }
    let json = |v: &Archive| serde_json::to_string_pretty(v).map_err(|e| WriteError(e.to_string()));
    std::fs::write(dir.join("register.json"), json(&register(a))? + "\n").map_err(io)?;
    let mut n = 0usize;
    let mut put = |sub: &str, id: &str, version: u32, cda: String, relationship: bool| {
        n += 1;
        let text = if wrap_every > 0 && n.is_multiple_of(wrap_every) {
            archiving_message(&cda, id, version, relationship)
        } else {
            cda
        };
        std::fs::write(dir.join(sub).join(file_stem(id, version)), text)
    };
    for r in &a.client_relationships {
        put("relationships", &r.id, r.version, relationship(a, r)?, true).map_err(io)?;
    }
    for k in &a.cases {
        put("cases", &k.id, k.version, case(a, k)?, false).map_err(io)?;
    }
    for d in &a.documents {
        if d.specific_type == crate::policy::codes::CLIENT_RELATIONSHIP {
            continue;
        }
        put("documents", &d.id, d.version, document(a, d)?, false).map_err(io)?;
    }
    // The log of a document left out is left out with it.
    let mut log = disclosures(a);
    log.disclosures.retain(|x| {
        a.documents.iter().any(|d| {
            d.id == x.document && d.specific_type != crate::policy::codes::CLIENT_RELATIONSHIP
        })
    });
    if !log.disclosures.is_empty() {
        std::fs::write(dir.join("disclosures.json"), json(&log)? + "\n").map_err(io)?;
    }
    Ok(n)
}
