//! The HTML the tool writes, token by token: text, start tags with their attributes, end tags,
//! comments and the doctype. Anything else (a bogus comment, an attribute written oddly, a
//! `/>` on an element that is not void) ends the reading, and Pagefind reads the page itself.

use super::{Reader, VOID};

/// An attribute of a start tag, its value as written.
pub(super) struct Attribute<'a> {
    pub name: String,
    pub value: &'a str,
}

/// Reads `html` into `reader`, token by token; `None` at anything outside the HTML the tool writes.
pub(super) fn tokens(html: &str, reader: &mut Reader) -> Option<()> {
    if html.contains('\0') {
        return None;
    }
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            return reader.text(rest);
        };
        if lt > 0 {
            reader.text(&rest[..lt])?;
        }
        rest = &rest[lt..];
        let next = rest.as_bytes().get(1).copied();
        match next {
            Some(b'!') => rest = skip_markup(rest, reader)?,
            Some(b'/') => {
                let close = rest.find('>')?;
                let name = &rest[2..close];
                if !is_tag_name(name) {
                    return None;
                }
                reader.end(name)?;
                rest = &rest[close + 1..];
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let (tag, attributes, after) = start_tag(rest)?;
                reader.start(&tag, &attributes)?;
                rest = after;
                if ["script", "style", "title"].contains(&tag.as_str()) {
                    // Their text runs to their end tag, tags and all.
                    let close = format!("</{tag}>");
                    let end = rest.find(&close)?;
                    let text = &rest[..end];
                    if (tag == "script" && text.contains("<!--"))
                        || text.contains(&format!("</{tag}"))
                    {
                        return None;
                    }
                    reader.text(text)?;
                    reader.end(&tag)?;
                    rest = &rest[end + close.len()..];
                }
            }
            // `<?…>` is a bogus comment; `<` before anything else is text.
            Some(b'?') => return None,
            _ => {
                reader.text("<")?;
                rest = &rest[1..];
            }
        }
    }
    Some(())
}

/// A comment or the doctype at the start of `rest`, skipped.
fn skip_markup<'a>(rest: &'a str, reader: &Reader) -> Option<&'a str> {
    if let Some(body) = rest.strip_prefix("<!--") {
        // `<!-->` and `<!--->` end at once; `--!>` ends one too.
        if body.starts_with('>') || body.starts_with("->") {
            return None;
        }
        let end = body.find("-->")?;
        if body[..end].contains("--!>") {
            return None;
        }
        return Some(&body[end + 3..]);
    }
    let doctype = rest.get(..9)?.eq_ignore_ascii_case("<!doctype");
    if doctype && !reader.html_seen {
        return Some(&rest[rest.find('>')? + 1..]);
    }
    None
}

fn is_tag_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The start tag at the start of `rest`: its name, attributes and what follows it.
fn start_tag(rest: &str) -> Option<(String, Vec<Attribute<'_>>, &str)> {
    let bytes = rest.as_bytes();
    let mut i = 1;
    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"/>".contains(&bytes[i]) {
        i += 1;
    }
    let tag = &rest[1..i];
    if !is_tag_name(tag) {
        return None;
    }
    let mut attributes = Vec::new();
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => break,
            // `/>` closes nothing in HTML but a void element.
            b'/' => {
                if bytes.get(i + 1) != Some(&b'>') || !VOID.contains(&tag) {
                    return None;
                }
                i += 1;
                break;
            }
            _ => {}
        }
        let name_start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"=/>".contains(&bytes[i]) {
            if b"\"'<".contains(&bytes[i]) {
                return None;
            }
            i += 1;
        }
        let name = rest[name_start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i)? {
                quote @ (b'"' | b'\'') => {
                    let len = rest[i + 1..].find(*quote as char)?;
                    value = &rest[i + 1..i + 1 + len];
                    i += len + 2;
                }
                _ => {
                    let start = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        if b"\"'<=`".contains(&bytes[i]) {
                            return None;
                        }
                        i += 1;
                    }
                    value = &rest[start..i];
                }
            }
        }
        attributes.push(Attribute { name, value });
    }
    Some((tag.to_string(), attributes, &rest[i + 1..]))
}
