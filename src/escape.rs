//! Escaping text for HTML and XML as the tool writes it (templates, feeds, the sitemap, attributes it
//! sets), and decoding the character references HTML holds. Characters no page may hold
//! (`chars::forbidden`) are left out, whatever reaches an escaper. (Markdown's own HTML is escaped
//! by its renderer, pulldown-cmark, the same way its output is.)

use std::io::{self, Write};

use crate::chars::forbidden;

/// Text for HTML (content or a quoted attribute): `&`, `<`, `>`, `"` and `'`, and nothing else.
/// (Tera's default also writes `/` as `&#x2F;`, which no HTML parser needs.)
pub fn html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c if forbidden(c) => {}
            _ => out.push(c),
        }
    }
    out
}

/// Text for XML (content or a quoted attribute), written as it is made: no copy of the text.
pub fn xml(out: &mut dyn Write, text: &str) -> io::Result<()> {
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let entity: &[u8] = match c {
            '&' => b"&amp;",
            '<' => b"&lt;",
            '>' => b"&gt;",
            '"' => b"&quot;",
            c if forbidden(c) => b"",
            _ => continue,
        };
        out.write_all(&text.as_bytes()[start..i])?;
        out.write_all(entity)?;
        start = i + c.len_utf8();
    }
    out.write_all(&text.as_bytes()[start..])
}

/// `<name>text</name>` and a newline: one XML element, its text escaped.
pub fn xml_element(out: &mut dyn Write, name: &str, text: &str) -> io::Result<()> {
    write!(out, "<{name}>")?;
    xml(out, text)?;
    writeln!(out, "</{name}>")
}

/// Decodes the character references templates and Markdown write into attributes: the five named
/// ones and numeric ones. Anything else stays as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest[1..]
            .find(';')
            .filter(|&n| n <= 10)
            .and_then(|semi| Some((entity(&rest[1..semi + 1])?, semi + 2)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character an entity's name (between `&` and `;`) stands for.
fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => name
            .strip_prefix("#x")
            .or_else(|| name.strip_prefix("#X"))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
            .and_then(char::from_u32),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_five_characters() {
        assert_eq!(
            html(r#"<a href="/x">'&'</a>"#),
            "&lt;a href=&quot;/x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;"
        );
    }

    #[test]
    fn xml_escapes_as_it_writes() {
        let mut out = Vec::new();
        xml(&mut out, "a < b & \"c\" > d").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a &lt; b &amp; &quot;c&quot; &gt; d"
        );
    }

    #[test]
    fn escape_leaves_forbidden_characters_out() {
        let mut out = Vec::new();
        xml(&mut out, "a\u{7}<b>\u{fffe}&é\u{1b}").unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "a&lt;b&gt;&amp;é");
        assert_eq!(html("o\u{0}k\u{ffff}"), "ok");
    }

    #[test]
    fn entities_decode() {
        assert_eq!(
            decode_entities("a&amp;b &#x2F;&#47; &lt;&gt;&quot;&apos; &nope; & x"),
            "a&b // <>\"' &nope; & x"
        );
        assert_eq!(decode_entities(&html("Ação & <b>")), "Ação & <b>");
    }
}
