//! Splitting a text into TOML front matter and body, and reading the front matter with line numbers.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use crate::chars::{bidi_control, describe, describe_bidi, forbidden};
use crate::config::date_of;
use crate::diagnostics::{line_col, Diagnostic};

const FENCE: &str = "+++";

/// The front matter of one text, checked.
#[derive(Debug, Clone)]
pub struct FrontMatter {
    pub title: String,
    pub date: NaiveDate,
    /// Line of `date = …` in the file, for weekday and week errors.
    pub date_line: usize,
    pub summary: String,
    pub tags: Vec<String>,
    /// The file line of each tag, for warnings about one.
    pub tag_lines: Vec<usize>,
    pub draft: bool,
    pub updated: Option<NaiveDate>,
    pub sources: Vec<Source>,
    /// `[translation]`: what this text was translated from, when it is a translation.
    pub translation: Option<Record>,
}

/// A translation's record of its original: the original's language, the digest of the original's
/// translatable content it matches (`content::fingerprint`), and the git blob id of the
/// original's file at that moment, to show the old text later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub from: String,
    pub hash: String,
    pub blob: Option<String>,
    /// File lines of the `[translation]` header and of `from = …`, for errors.
    pub line: usize,
    pub from_line: usize,
}

/// How long `hash` is: 64 bits of a SHA-1, in hex (a change detector, not a seal).
pub const HASH_LEN: usize = 16;
/// How long a git blob id is (SHA-1, hex).
pub const BLOB_LEN: usize = 40;

#[derive(Debug, Clone, serde::Serialize)]
pub struct Source {
    pub title: String,
    pub url: String,
    pub date: Option<NaiveDate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Spanned<String>,
    date: Spanned<toml::Value>,
    summary: Spanned<String>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    updated: Option<Spanned<toml::Value>>,
    #[serde(default)]
    sources: Vec<RawSource>,
    #[serde(default)]
    translation: Option<Spanned<RawRecord>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRecord {
    from: Spanned<String>,
    hash: Spanned<String>,
    #[serde(default)]
    blob: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    title: Spanned<String>,
    url: Spanned<String>,
    #[serde(default)]
    date: Option<Spanned<toml::Value>>,
}

/// A text cut in two; line numbers are 1-based lines of the whole file.
pub struct Split<'a> {
    pub front: &'a str,
    pub front_line: usize,
    pub body: &'a str,
    pub body_line: usize,
}

pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != FENCE {
        let d = Diagnostic::error(path, "the text does not start with front matter")
            .help("begin the file with a line `+++`, the TOML front matter (title, date, summary), and another `+++`");
        return Err(if text.is_empty() {
            d
        } else {
            d.at_line_of(text, 1, 1)
        });
    }
    let front_start = first.len();
    let mut offset = front_start;
    for (i, line) in lines.enumerate() {
        if line.trim_end() == FENCE {
            let body_start = offset + line.len();
            return Ok(Split {
                front: &text[front_start..offset],
                front_line: 2,
                body: &text[body_start..],
                body_line: i + 3,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(path, "the front matter is never closed")
        .at_line_of(text, 1, 1)
        .help("add a line `+++` after the last front matter key"))
}

/// Parses and checks front matter; `first_line` is the file line of its first line.
pub fn parse(path: &Path, front: &str, first_line: usize) -> Result<FrontMatter, Vec<Diagnostic>> {
    let raw: RawFrontMatter = toml::from_str(front).map_err(|e| {
        let mut d = Diagnostic::from_toml(path, front, first_line - 1, &e);
        if d.line == 0 {
            // A missing key has no span: point at the opening fence.
            d = d.at(first_line - 1, 1).with_source(FENCE);
        }
        vec![d]
    })?;
    let mut problems = Vec::new();
    // A string may write what the file cannot hold as an escape (`"\u0007"`).
    let strings = [("title", &raw.title), ("summary", &raw.summary)]
        .into_iter()
        .chain(raw.tags.iter().map(|t| ("tags", t)))
        .chain(
            raw.sources
                .iter()
                .flat_map(|s| [("title", &s.title), ("url", &s.url)]),
        );
    for (key, value) in strings {
        // A title or tag shown the other way round from how it is written.
        let turned = matches!(key, "title" | "tags")
            .then(|| value.get_ref().chars().find(|c| bidi_control(*c)))
            .flatten();
        if let Some(c) = turned {
            let (line, column) = line_col(front, value.span().start);
            problems.push(
                Diagnostic::error(path, format!("`{key}` holds {}", describe_bidi(c)))
                    .at(line + first_line - 1, column)
                    .with_source(&front.lines().nth(line - 1).unwrap_or("").replace(bidi_control, "�"))
                    .help("remove it: a title in Arabic or Hebrew is shown in its own direction without it"),
            );
        }
        if let Some(c) = value.get_ref().chars().find(|c| forbidden(*c)) {
            let (line, column) = line_col(front, value.span().start);
            problems.push(
                Diagnostic::error(
                    path,
                    format!("`{key}` holds {}, written as an escape", describe(c)),
                )
                .at(line + first_line - 1, column)
                .with_source(front.lines().nth(line - 1).unwrap_or(""))
                .help(format!(
                    "remove the escape that writes it ({}): no page or feed can carry it",
                    toml_escape(c)
                )),
            );
        }
    }
    let mut date_at = |value: &Spanned<toml::Value>, key: &str| -> Option<(NaiveDate, usize)> {
        let (line, column) = line_col(front, value.span().start);
        let line_in_file = line + first_line - 1;
        let parsed = match value.get_ref() {
            toml::Value::Datetime(d) => date_of(d),
            toml::Value::String(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
            _ => None,
        };
        if parsed.is_none() {
            problems.push(
                Diagnostic::error(path, format!("`{key}` is not a date"))
                    .at(line_in_file, column)
                    .with_source(front.lines().nth(line - 1).unwrap_or(""))
                    .help(format!("write `{key} = 2026-02-06` (year-month-day)")),
            );
        }
        parsed.map(|d| (d, line_in_file))
    };
    let date = date_at(&raw.date, "date");
    let updated = raw.updated.as_ref().and_then(|u| date_at(u, "updated"));
    let sources = raw
        .sources
        .into_iter()
        .map(|s| Source {
            date: s
                .date
                .as_ref()
                .and_then(|d| date_at(d, "date"))
                .map(|d| d.0),
            title: s.title.into_inner(),
            url: s.url.into_inner(),
        })
        .collect();
    let translation = raw
        .translation
        .map(|r| record(path, front, first_line, r, &mut problems));
    if raw.title.get_ref().trim().is_empty() {
        problems.push(
            Diagnostic::error(path, "the title is empty")
                .at(first_line, 1)
                .help("write the title: `title = \"…\"`"),
        );
    }
    match date {
        Some((date, date_line)) if problems.is_empty() => Ok(FrontMatter {
            title: raw.title.into_inner(),
            date,
            date_line,
            summary: raw.summary.into_inner(),
            tag_lines: raw
                .tags
                .iter()
                .map(|t| line_col(front, t.span().start).0 + first_line - 1)
                .collect(),
            tags: raw.tags.into_iter().map(Spanned::into_inner).collect(),
            draft: raw.draft,
            updated: updated.map(|u| u.0),
            sources,
            translation: translation.flatten(),
        }),
        _ => Err(problems),
    }
}

/// Checks the shape of a `[translation]` record: `hash` and `blob` as `site translated` writes them.
/// (Whether `from` is one of the site's languages is the site's to say: front matter knows none.)
fn record(
    path: &Path,
    front: &str,
    first_line: usize,
    raw: Spanned<RawRecord>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Record> {
    let header = line_col(front, raw.span().start).0 + first_line - 1;
    let raw = raw.into_inner();
    let at = |value: &Spanned<String>| {
        let (line, column) = line_col(front, value.span().start);
        (
            line + first_line - 1,
            column,
            front.lines().nth(line - 1).unwrap_or(""),
        )
    };
    let help = "run `site translated` on this file: it writes the record as it should be";
    let mut ok = true;
    let hex = |s: &str, len: usize| {
        s.len() == len
            && s.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    let mut fields = vec![("hash", &raw.hash, HASH_LEN)];
    fields.extend(raw.blob.as_ref().map(|b| ("blob", b, BLOB_LEN)));
    for (key, value, len) in fields {
        if !hex(value.get_ref(), len) {
            let (line, column, source) = at(value);
            problems.push(
                Diagnostic::error(
                    path,
                    format!("`{key}` in [translation] is not {len} lowercase hexadecimal digits"),
                )
                .at(line, column)
                .with_source(source)
                .help(help),
            );
            ok = false;
        }
    }
    if raw.from.get_ref().trim().is_empty() {
        let (line, column, source) = at(&raw.from);
        problems.push(
            Diagnostic::error(path, "`from` in [translation] names no language")
                .at(line, column)
                .with_source(source)
                .help("write the code of the original's language, e.g. `from = \"pt-BR\"`"),
        );
        ok = false;
    }
    ok.then(|| Record {
        from_line: at(&raw.from).0,
        from: raw.from.into_inner(),
        hash: raw.hash.into_inner(),
        blob: raw.blob.map(Spanned::into_inner),
        line: header,
    })
}

/// How a TOML string writes `c` as an escape: `\u0007`, `\b`, `\U0001FFFE`.
fn toml_escape(c: char) -> String {
    match c {
        '\u{8}' => "`\\b`".into(),
        '\u{c}' => "`\\f`".into(),
        '\u{1b}' => "`\\e` or `\\u001B`".into(),
        c if (c as u32) > 0xffff => format!("`\\U{:08X}`", c as u32),
        c => format!("`\\u{:04X}`", c as u32),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fm(text: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
        let path = Path::new("t.md");
        let s = split(path, text).map_err(|d| vec![d])?;
        parse(path, s.front, s.front_line)
    }

    #[test]
    fn reads_bare_and_quoted_dates() {
        let a = fm("+++\ntitle = \"A\"\ndate = 2026-02-06\nsummary = \"s\"\n+++\nbody").unwrap();
        let b = fm("+++\ntitle = \"A\"\ndate = \"2026-02-06\"\nsummary = \"s\"\n+++\n").unwrap();
        assert_eq!(a.date, b.date);
        assert_eq!(a.date_line, 3);
    }

    #[test]
    fn unknown_key_names_line_and_suggests() {
        let e = fm("+++\ntittle = \"A\"\ndate = 2026-02-06\nsummary = \"s\"\n+++\n").unwrap_err();
        assert_eq!(e[0].line, 2);
        assert_eq!(e[0].help.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn crlf_and_unclosed() {
        assert!(
            fm("+++\r\ntitle = \"A\"\r\ndate = 2026-02-06\r\nsummary = \"s\"\r\n+++\r\nx").is_ok()
        );
        let e = fm("+++\ntitle = \"A\"\n").unwrap_err();
        assert!(e[0].message.contains("never closed"));
    }
}
