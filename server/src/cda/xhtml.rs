//! A display body's XHTML: checked to be well-formed XML whose root is in
//! the XHTML namespace, and its content taken (that of `body` under `html`,
//! else of the root). It is sanitised when a page shows it; here it is only
//! refused if it is not XML, without building a tree: a streaming reader
//! (quick-xml) and the checks it leaves to its caller.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::XHTML;

/// The content of the XHTML's outer element, or why it is not well-formed
/// XHTML (the message names what is wrong).
pub fn content(xhtml: &str) -> Result<&str, String> {
    if let Some(c) = not_xml_char(xhtml) {
        return Err(format!(
            "the XHTML is not well-formed: the character U+{:04X} is not allowed in XML",
            u32::from(c)
        ));
    }
    let mut reader = NsReader::from_str(xhtml);
    reader.config_mut().check_end_names = true;
    reader.config_mut().check_comments = true;
    let malformed = |e: &dyn std::fmt::Display| format!("the XHTML is not well-formed: {e}");
    let at = |p: u64| usize::try_from(p).unwrap_or(usize::MAX);
    // The open elements' depth; the root's and the content's span.
    let mut depth = 0usize;
    let mut roots = 0usize;
    let mut html = false;
    let mut span: Option<(usize, Option<usize>)> = None;
    // Depth of the element whose content is taken (1 the root, 2 `body`).
    let mut outer = 1usize;
    loop {
        let before = at(reader.buffer_position());
        let (ns, event) = reader.read_resolved_event().map_err(|e| malformed(&e))?;
        let in_xhtml = matches!(ns, ResolveResult::Bound(n) if n.as_ref() == XHTML.as_bytes());
        if let ResolveResult::Unknown(p) = &ns {
            return Err(malformed(&format!(
                "the prefix {:?} is not declared",
                String::from_utf8_lossy(p)
            )));
        }
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                attributes(&reader, e).map_err(|m| malformed(&m))?;
                name(e.name().as_ref()).map_err(|m| malformed(&m))?;
                if depth == 0 {
                    roots += 1;
                    if roots > 1 {
                        return Err(malformed(&"more than one root element"));
                    }
                    if !in_xhtml {
                        return Err(format!("the XHTML's root element is not in {XHTML}"));
                    }
                    html = e.local_name().as_ref() == b"html";
                }
                let takes = if depth == 0 {
                    true
                } else {
                    depth == 1
                        && html
                        && span.is_some_and(|(_, end)| end.is_none())
                        && outer == 1
                        && in_xhtml
                        && e.local_name().as_ref() == b"body"
                };
                if takes {
                    outer = depth + 1;
                    let start = at(reader.buffer_position());
                    span = Some((start, empty.then_some(start)));
                }
                if !empty {
                    depth += 1;
                }
            }
            Event::End(_) => {
                if depth == outer {
                    if let Some((start, None)) = span {
                        span = Some((start, Some(before)));
                    }
                }
                depth = depth.saturating_sub(1);
            }
            Event::Text(t) => {
                if depth == 0 {
                    if !t.iter().all(u8::is_ascii_whitespace) {
                        return Err(malformed(&"text outside the root element"));
                    }
                } else if memchr::memchr(b'&', &t).is_some() {
                    t.unescape().map_err(|e| malformed(&e))?;
                }
            }
            Event::CData(_) | Event::Comment(_) | Event::PI(_) | Event::Decl(_) => {
                if depth == 0 && matches!(event, Event::CData(_)) {
                    return Err(malformed(&"text outside the root element"));
                }
            }
            Event::DocType(_) => return Err(malformed(&"a document type declaration")),
            Event::Eof => break,
        }
    }
    if depth > 0 {
        return Err(malformed(&"an element is not closed"));
    }
    match span {
        Some((start, Some(end))) => Ok(xhtml.get(start..end).unwrap_or("")),
        _ => Err(malformed(&"no root element")),
    }
}

/// Attributes: no name twice, values with known references only and no
/// `<`, prefixes declared.
fn attributes(reader: &NsReader<&[u8]>, e: &BytesStart<'_>) -> Result<(), String> {
    for a in e.attributes().with_checks(true) {
        let a = a.map_err(|e| e.to_string())?;
        name(a.key.as_ref())?;
        if a.value.contains(&b'<') {
            return Err("an attribute value holds '<'".into());
        }
        if memchr::memchr(b'&', &a.value).is_some() {
            a.unescape_value().map_err(|e| e.to_string())?;
        }
        let (ns, _) = reader.resolve_attribute(a.key);
        if let ResolveResult::Unknown(p) = ns {
            return Err(format!(
                "the prefix {:?} is not declared",
                String::from_utf8_lossy(&p)
            ));
        }
    }
    Ok(())
}

/// An XML name (the ASCII part of the rule; other characters are letters
/// of some script and allowed).
fn name(n: &[u8]) -> Result<(), String> {
    let ok_first = |b: u8| b.is_ascii_alphabetic() || b == b'_' || b == b':' || b >= 0x80;
    let ok = |b: u8| ok_first(b) || b.is_ascii_digit() || b == b'-' || b == b'.';
    match n.split_first() {
        Some((first, rest)) if ok_first(*first) && rest.iter().all(|b| ok(*b)) => Ok(()),
        _ => Err(format!(
            "{:?} is not an XML name",
            String::from_utf8_lossy(n)
        )),
    }
}

/// The first character that is not XML 1.0's `Char`: a control character
/// other than tab and line ends, U+FFFE or U+FFFF (surrogates cannot occur
/// in a `str`). Bytes, not characters: a body is read at import speed.
fn not_xml_char(text: &str) -> Option<char> {
    let bytes = text.as_bytes();
    let control = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r');
    // Blocks without an early exit, so that the test is vectorised.
    if bytes
        .chunks(64)
        .any(|c| c.iter().fold(false, |bad, b| bad | control(*b)))
    {
        return text
            .chars()
            .find(|c| u32::from(*c) < 0x20 && !matches!(c, '\t' | '\n' | '\r'));
    }
    // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
    memchr::memmem::find_iter(bytes, b"\xEF\xBF").find_map(|i| {
        match bytes.get(i.saturating_add(2)) {
            Some(0xBE) => Some('\u{FFFE}'),
            Some(0xBF) => Some('\u{FFFF}'),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::content;

    const NS: &str = r#"xmlns="http://www.w3.org/1999/xhtml""#;

    #[test]
    fn the_content_of_the_root_or_of_body_is_taken() {
        assert_eq!(
            content(&format!("<div {NS}><p>a</p> b</div>")),
            Ok("<p>a</p> b")
        );
        assert_eq!(content(&format!("<div {NS}/>")), Ok(""));
        // Tabs, line ends, and letters near the forbidden ones are allowed.
        assert_eq!(
            content(&format!("<div {NS}>\t\r\n\u{FFFD}\u{FEFF}\u{10000}</div>")),
            Ok("\t\r\n\u{FFFD}\u{FEFF}\u{10000}")
        );
        assert_eq!(
            content(&format!(
                "<?xml version=\"1.0\"?>\n<html {NS}><head><title>t</title></head><body><p>x</p></body></html>\n"
            )),
            Ok("<p>x</p>")
        );
        assert_eq!(content(&format!("<html {NS}><body/></html>")), Ok(""));
        assert_eq!(
            content(
                "<x:div xmlns:x=\"http://www.w3.org/1999/xhtml\"><x:p>&amp;&#228;</x:p></x:div>"
            ),
            Ok("<x:p>&amp;&#228;</x:p>")
        );
        // A `body` deeper down is content, not the outer element.
        assert_eq!(
            content(&format!("<div {NS}><body>b</body></div>")),
            Ok("<body>b</body>")
        );
    }

    #[test]
    fn what_is_not_well_formed_is_refused() {
        for bad in [
            format!("<div {NS}><p>unclosed</div>"),
            format!("<div {NS}><p>unclosed</p>"),
            format!("<div {NS}>a&nbsp;b</div>"),
            format!("<div {NS}>a & b</div>"),
            format!("<div {NS}><p class=\"a\" class=\"b\">x</p></div>"),
            format!("<div {NS}><p title=\"&bogus;\">x</p></div>"),
            format!("<div {NS}><p title=\"a<b\">x</p></div>"),
            format!("<div {NS}><y:p>x</y:p></div>"),
            format!("<div {NS}><p y:a=\"1\">x</p></div>"),
            format!("<div {NS}>a\u{1}b</div>"),
            format!("<div {NS}>a\u{1F}b</div>"),
            format!("<div {NS}>a\u{FFFE}b</div>"),
            format!("<div {NS}>a\u{FFFF}b</div>"),
            format!("<div {NS}><1p>x</1p></div>"),
            format!("<div {NS}/><div {NS}/>"),
            format!("<div {NS}/>tail"),
            format!("<!DOCTYPE div [<!ENTITY e \"x\">]><div {NS}>&e;</div>"),
            format!("<div {NS}><!-- a -- b --></div>"),
            String::new(),
            "just text".to_string(),
        ] {
            let r = content(&bad);
            assert!(
                r.as_ref()
                    .is_err_and(|m| m.starts_with("the XHTML is not well-formed")),
                "{bad:?}: {r:?}"
            );
        }
        assert_eq!(
            content("<div><p>x</p></div>"),
            Err("the XHTML's root element is not in http://www.w3.org/1999/xhtml".into())
        );
    }
}
