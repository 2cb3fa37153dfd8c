//! What kind of document a file holds, from the start of its header, without
//! reading the body: `server import` orders its files by it (relationship
//! and case documents before the client documents that refer to them) and
//! reads the bodies while earlier files are being stored. The reader decides;
//! a file whose scan and reading disagree is refused.

use super::{Kind, HL7FI};
use crate::codes;

/// Bytes of a file the scan looks at: the document group comes early in
/// the local header, long before the body.
pub const SCAN_BYTES: u64 = 64 * 1024;

/// The kind named by the first `documentGroup` in `urn:hl7finland`, if the
/// start of the file shows it (`None`: read the whole file to know).
pub fn kind(head: &[u8]) -> Option<Kind> {
    // A cut may fall inside a character: scan the valid part.
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(head.get(..e.valid_up_to())?).ok()?,
    };
    // Namespace declarations of the open elements, innermost last.
    let mut scopes: Vec<Vec<(&str, &str)>> = Vec::new();
    let mut element: Option<(&str, &str)> = None;
    let mut attrs: Vec<(&str, &str, &str)> = Vec::new();
    for token in xmlparser::Tokenizer::from(text) {
        match token.ok()? {
            xmlparser::Token::DtdStart { .. } | xmlparser::Token::EmptyDtd { .. } => return None,
            xmlparser::Token::ElementStart { prefix, local, .. } => {
                element = Some((prefix.as_str(), local.as_str()));
                attrs.clear();
            }
            xmlparser::Token::Attribute {
                prefix,
                local,
                value,
                ..
            } => attrs.push((prefix.as_str(), local.as_str(), value.as_str())),
            xmlparser::Token::ElementEnd { end, .. } => match end {
                xmlparser::ElementEnd::Open | xmlparser::ElementEnd::Empty => {
                    let Some((prefix, local)) = element.take() else {
                        continue;
                    };
                    let declared: Vec<(&str, &str)> = attrs
                        .iter()
                        .filter_map(|(p, l, v)| match (*p, *l) {
                            ("xmlns", name) => Some((name, *v)),
                            ("", "xmlns") => Some(("", *v)),
                            _ => None,
                        })
                        .collect();
                    scopes.push(declared);
                    let uri = scopes
                        .iter()
                        .rev()
                        .flat_map(|s| s.iter())
                        .find(|(p, _)| *p == prefix)
                        .map(|(_, u)| *u);
                    if uri == Some(HL7FI) && local == "documentGroup" {
                        let code = attrs
                            .iter()
                            .find(|(p, l, _)| p.is_empty() && *l == "code")?
                            .2;
                        return Some(match codes::DOCUMENT_GROUP.by_code(code)?.word {
                            "client_relationship" => Kind::ClientRelationship,
                            "case" => Kind::Case,
                            _ => Kind::ClientDocument,
                        });
                    }
                    if matches!(end, xmlparser::ElementEnd::Empty) {
                        scopes.pop();
                    }
                }
                xmlparser::ElementEnd::Close(..) => {
                    scopes.pop();
                }
            },
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_group_is_found_under_any_prefix_and_nowhere_else() {
        let doc = |decl: &str, el: &str| {
            format!(
                r#"<ClinicalDocument xmlns="urn:hl7-org:v3" {decl}><x:h xmlns:x="urn:other"/><{el} code="2" codeSystem="1.2.246.537.6.1505.201601"/></ClinicalDocument>"#
            )
        };
        assert_eq!(
            kind(doc(r#"xmlns:ep2="urn:hl7finland""#, "ep2:documentGroup").as_bytes()),
            Some(Kind::Case)
        );
        assert_eq!(
            kind(doc(r#"xmlns:fi="urn:hl7finland""#, "fi:documentGroup").as_bytes()),
            Some(Kind::Case)
        );
        // Another namespace, a comment, or a DTD: not known from the scan.
        assert_eq!(
            kind(doc(r#"xmlns:ep2="urn:example""#, "ep2:documentGroup").as_bytes()),
            None
        );
        assert_eq!(
            kind(b"<a><!-- <ep2:documentGroup xmlns:ep2=\"urn:hl7finland\" code=\"1\"/> --></a>"),
            None
        );
        assert_eq!(kind(b"<!DOCTYPE a []><a/>"), None);
        let doc5 = doc(r#"xmlns:ep2="urn:hl7finland""#, "ep2:documentGroup")
            .replace("code=\"2\"", "code=\"5\"");
        assert_eq!(kind(doc5.as_bytes()), Some(Kind::ClientDocument));
    }
}
