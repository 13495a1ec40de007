//! A translation's `[translation]` record written into its front matter, every other byte of the file kept.
//!
//! The front matter is read by `toml_edit`'s parser, whose spans say exactly which bytes hold each
//! value of the record: those bytes are replaced, and a missing key is written where the record's
//! form wants it. Editing bytes at the parser's spans, rather than printing the edited document
//! back, keeps every other byte (`toml_edit`'s printer ends each line with `\n`, which would change
//! every line of a CRLF file). The result is read back and compared before it is written.

use std::ops::Range;

use toml_edit::{Document, Item, Table, Value};

/// `file` with its `translation` record holding `values`, each a string: a value already there
/// replaced in place, a missing one added after the record's last key, or a `[translation]` table
/// added at the end of the front matter when there is no record. The record may be a table
/// (`[translation]`, however its header is quoted), an inline table or dotted keys. Every other
/// byte stays as it was. `Err((line, message))` when the file cannot be edited safely.
pub fn rewrite(file: &str, values: &[(&str, &str)]) -> Result<String, (usize, String)> {
    let bom = if file.starts_with('\u{feff}') {
        "\u{feff}".len()
    } else {
        0
    };
    let front = front_matter(file, bom)?;
    let eol = if file[bom..front.start].ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let text = &file[front.clone()];
    let doc = Document::parse(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        (
            line_of(file, front.start + at),
            format!("the front matter does not read as TOML: {}", e.message()),
        )
    })?;
    let edits = match doc.as_table().get("translation") {
        None => Ok(vec![new_table(text, values, eol)]),
        Some(Item::Table(t)) => in_table(text, t, values, eol),
        Some(Item::Value(Value::InlineTable(t))) => {
            let old: Vec<Old> = t.iter().map(|(k, v)| (k, v.as_str(), v.span())).collect();
            let last = old
                .iter()
                .filter_map(|(_, _, s)| s.as_ref().map(|s| s.end))
                .max();
            let whole = t.span().unwrap_or(0..0);
            replace_and_add(&old, values, |missing| {
                // After the last value, inside the braces: `{ from = "…", hash = "…", blob = "…" }`.
                let at = last.unwrap_or(whole.start + 1);
                let sep = if last.is_some() { ", " } else { " " };
                let added: Vec<String> = missing
                    .iter()
                    .map(|(k, v)| format!("{k} = {}", quote(v)))
                    .collect();
                Some((at..at, format!("{sep}{}", added.join(", "))))
            })
        }
        Some(item) => Err((
            item.span().map_or(0, |s| s.start),
            "`translation` is not a table: `site translated` cannot write its record into it"
                .to_string(),
        )),
    }
    .map_err(|(at, message): (usize, String)| (line_of(file, front.start + at), message))?;
    let mut new_front = text.to_string();
    let mut edits = edits;
    edits.sort_by_key(|(r, _)| r.start);
    for (range, with) in edits.into_iter().rev() {
        new_front.replace_range(range, &with);
    }
    check(text, &new_front, values)
        .map_err(|message| (record_line(file, front.start, &doc), message))?;
    Ok(format!(
        "{}{new_front}{}",
        &file[..front.start],
        &file[front.end..]
    ))
}

/// The bytes of the front matter in `file` (after the BOM, `bom` bytes): between the first line
/// `+++` and the next, as `content::front_matter::split` reads it.
fn front_matter(file: &str, bom: usize) -> Result<Range<usize>, (usize, String)> {
    let mut offset = bom;
    let mut lines = file[bom..].split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "+++" {
        return Err((1, "the text does not start with front matter".into()));
    }
    offset += first.len();
    let start = offset;
    for line in lines {
        if line.trim_end() == "+++" {
            return Ok(start..offset);
        }
        offset += line.len();
    }
    Err((1, "the front matter is never closed".into()))
}

/// A record written as a table: `[translation]` (values at their spans, missing keys on lines of
/// their own after the table's last key) or dotted keys (`translation.blob = …` after the last one).
fn in_table(
    text: &str,
    t: &Table,
    values: &[(&str, &str)],
    eol: &str,
) -> Result<Vec<Edit>, (usize, String)> {
    let mut old = Vec::new();
    for (k, item) in t.iter() {
        match item {
            Item::Value(v) => old.push((k, v.as_str(), v.span())),
            _ => {
                return Err((
                    item.span().map_or(0, |s| s.start),
                    format!("`translation.{k}` is not a value: `site translated` cannot write the record around it"),
                ))
            }
        }
    }
    let last = old
        .iter()
        .filter_map(|(_, _, s)| s.as_ref().map(|s| s.end))
        .max();
    let header_end = t.span().map(|s| s.end);
    let dotted = t.is_dotted();
    replace_and_add(&old, values, |missing| {
        // The line after the last key's value (or after the header), so comments and blank lines
        // after the record stay where they are.
        let at = end_of_line(text, last.or(header_end)?);
        let prefix = if dotted { "translation." } else { "" };
        let lines: String = missing
            .iter()
            .map(|(k, v)| format!("{prefix}{k} = {}{eol}", quote(v)))
            .collect();
        // A front matter whose last line has no line end (the fence follows on the same line is
        // impossible, but the file may end there) gets one first.
        let lead = if at > 0 && !text[..at].ends_with('\n') {
            eol
        } else {
            ""
        };
        Some((at..at, format!("{lead}{lines}")))
    })
}

/// Bytes of the front matter to replace, and what with.
type Edit = (Range<usize>, String);

/// A key of the record as written: its name, its value when it is a string, and the value's bytes.
type Old<'a> = (&'a str, Option<&'a str>, Option<Range<usize>>);

/// The edits that put `values` into a record whose keys are `old` (with their values' spans):
/// each value there replaced, and the missing ones written by `add`.
fn replace_and_add(
    old: &[Old],
    values: &[(&str, &str)],
    add: impl FnOnce(&[(&str, &str)]) -> Option<Edit>,
) -> Result<Vec<Edit>, (usize, String)> {
    let mut edits = Vec::new();
    let mut missing = Vec::new();
    for &(key, value) in values {
        match old.iter().find(|(k, _, _)| *k == key) {
            // The same value, however it is quoted, is left as written.
            Some((_, Some(now), _)) if *now == value => {}
            Some((_, _, Some(span))) => edits.push((span.clone(), quote(value))),
            Some((_, _, None)) => {
                return Err((
                    0,
                    format!("cannot find where `{key}` is written in the record"),
                ))
            }
            None => missing.push((key, value)),
        }
    }
    if !missing.is_empty() {
        edits.push(add(&missing).ok_or((0, "cannot find where the record ends".to_string()))?);
    }
    Ok(edits)
}

/// A record added as a table of its own at the end of the front matter, after a blank line.
fn new_table(text: &str, values: &[(&str, &str)], eol: &str) -> Edit {
    let mut out = String::new();
    if !text.is_empty() && !text.ends_with('\n') {
        out.push_str(eol);
    }
    let last_line = text
        .trim_end_matches(['\r', '\n'])
        .rsplit('\n')
        .next()
        .unwrap_or("");
    if !text.trim().is_empty() && !last_line.trim().is_empty() {
        out.push_str(eol);
    }
    out.push_str(&format!("[translation]{eol}"));
    for (k, v) in values {
        out.push_str(&format!("{k} = {}{eol}", quote(v)));
    }
    (text.len()..text.len(), out)
}

/// The edited front matter read back: the record holds `values`, and everything else reads as it
/// did. A safety net: an edit that would change anything else is refused, not written.
fn check(before: &str, after: &str, values: &[(&str, &str)]) -> Result<(), String> {
    let refuse = || {
        "`site translated` could not write the record without changing the rest of the front matter"
            .to_string()
    };
    let mut old: toml::Table = before.parse().map_err(|_| refuse())?;
    let mut new: toml::Table = after.parse().map_err(|_| refuse())?;
    let record = new.remove("translation").ok_or_else(refuse)?;
    let record = record.as_table().ok_or_else(refuse)?;
    let old_record = old.remove("translation");
    for (k, v) in values {
        if record.get(*k).and_then(|v| v.as_str()) != Some(*v) {
            return Err(refuse());
        }
    }
    // The record's other keys, if any, are kept too.
    if let Some(toml::Value::Table(o)) = &old_record {
        if o.iter()
            .any(|(k, v)| !values.iter().any(|(n, _)| n == k) && record.get(k) != Some(v))
        {
            return Err(refuse());
        }
    }
    if old != new {
        return Err(refuse());
    }
    Ok(())
}

/// A string as a TOML basic string.
fn quote(value: &str) -> String {
    toml::Value::String(value.to_string()).to_string()
}

/// The offset just past the line end at or after `at`.
fn end_of_line(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

/// The 1-based line of byte `at` in `file`.
fn line_of(file: &str, at: usize) -> usize {
    file.as_bytes()[..at.min(file.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The line where the record starts, for errors about it (the front matter's first line without one).
fn record_line(file: &str, front: usize, doc: &Document<&str>) -> usize {
    let at = doc
        .as_table()
        .get_key_value("translation")
        .and_then(|(k, _)| k.span())
        .map_or(0, |s| s.start);
    line_of(file, front + at)
}

#[cfg(test)]
mod tests {
    use super::rewrite;

    const V: &[(&str, &str)] = &[
        ("from", "pt-BR"),
        ("hash", "0123456789abcdef"),
        ("blob", "b"),
    ];

    #[test]
    fn adds_a_record_at_the_end_of_the_front_matter() {
        let file = "+++\ntitle = \"A\"\n\n[[sources]]\ntitle = \"S\"\nurl = \"u\"\n+++\n\nBody.\n";
        assert_eq!(
            rewrite(file, V).unwrap(),
            "+++\ntitle = \"A\"\n\n[[sources]]\ntitle = \"S\"\nurl = \"u\"\n\n[translation]\nfrom = \"pt-BR\"\nhash = \"0123456789abcdef\"\nblob = \"b\"\n+++\n\nBody.\n"
        );
    }

    #[test]
    fn rewrites_the_values_in_place_keeping_the_rest() {
        let file = "+++\r\ntitle = \"A\"\r\n[translation]\r\n# kept\r\nfrom = \"en\"\r\n  hash = \"x\"\r\n\r\n[[sources]]\r\ntitle = \"S\"\r\n+++\r\nBody.";
        assert_eq!(
            rewrite(file, V).unwrap(),
            "+++\r\ntitle = \"A\"\r\n[translation]\r\n# kept\r\nfrom = \"pt-BR\"\r\n  hash = \"0123456789abcdef\"\r\nblob = \"b\"\r\n\r\n[[sources]]\r\ntitle = \"S\"\r\n+++\r\nBody."
        );
    }

    #[test]
    fn a_quoted_header_is_the_same_table() {
        let file = "+++\ntitle = \"A\"\n\n[ \"translation\" ]  # the record\nfrom = 'en'   # by hand\nhash = \"x\"\n\n# after\n+++\nBody.\n";
        assert_eq!(
            rewrite(file, V).unwrap(),
            "+++\ntitle = \"A\"\n\n[ \"translation\" ]  # the record\nfrom = \"pt-BR\"   # by hand\nhash = \"0123456789abcdef\"\nblob = \"b\"\n\n# after\n+++\nBody.\n"
        );
    }

    #[test]
    fn a_header_inside_a_multi_line_string_is_text() {
        let file = "+++\ntitle = \"A\"\nsummary = \"\"\"\nOne.\n[translation]\nfrom = \"en\"\n\"\"\"\n+++\nBody.\n";
        let out = rewrite(file, V).unwrap();
        assert_eq!(
            out,
            "+++\ntitle = \"A\"\nsummary = \"\"\"\nOne.\n[translation]\nfrom = \"en\"\n\"\"\"\n\n[translation]\nfrom = \"pt-BR\"\nhash = \"0123456789abcdef\"\nblob = \"b\"\n+++\nBody.\n"
        );
    }

    #[test]
    fn inline_tables_and_dotted_keys_are_edited_in_their_own_form() {
        let file =
            "+++\ntitle = \"A\"\ntranslation = { from = \"en\", hash = \"x\" }  # kept\n+++\n";
        assert_eq!(
            rewrite(file, V).unwrap(),
            "+++\ntitle = \"A\"\ntranslation = { from = \"pt-BR\", hash = \"0123456789abcdef\", blob = \"b\" }  # kept\n+++\n"
        );
        let file = "+++\ntranslation.from = \"en\"\ntitle = \"A\"\ntranslation.hash = \"x\" # h\n\n[[sources]]\n+++\n";
        assert_eq!(
            rewrite(file, V).unwrap(),
            "+++\ntranslation.from = \"pt-BR\"\ntitle = \"A\"\ntranslation.hash = \"0123456789abcdef\" # h\ntranslation.blob = \"b\"\n\n[[sources]]\n+++\n"
        );
    }

    #[test]
    fn what_is_no_table_is_refused_at_its_line() {
        let file = "+++\ntitle = \"A\"\ntranslation = \"en\"\n+++\n";
        assert_eq!(rewrite(file, V).unwrap_err().0, 3);
    }
}
