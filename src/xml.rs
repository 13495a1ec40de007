//! Writing XML as it is made (feeds, the sitemap): escaping without building a copy of the text.

use std::io::{self, Write};

/// `<name>text</name>` and a newline.
pub fn element(out: &mut dyn Write, name: &str, text: &str) -> io::Result<()> {
    write!(out, "<{name}>")?;
    escape(out, text)?;
    writeln!(out, "</{name}>")
}

/// XML escaping for text and attribute values.
pub fn escape(out: &mut dyn Write, text: &str) -> io::Result<()> {
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            _ => continue,
        };
        out.write_all(&bytes[start..i])?;
        out.write_all(entity)?;
        start = i + 1;
    }
    out.write_all(&bytes[start..])
}
