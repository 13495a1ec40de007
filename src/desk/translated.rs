//! `site translated`: records that a translation matches its original as it is now, rewriting only
//! its `[translation]` record; and the versions of a text as read from disk, which `--changes` shares.

use std::path::{Path, PathBuf};

use super::names;
use crate::config::Config;
use crate::content::fingerprint::{blob_id, digest};
use crate::content::front_matter::{self, FrontMatter, Record};
use crate::content::load::{self, SourceRef};
use crate::diagnostics::Diagnostic;
use crate::site::translation::{follow, from_language};

/// One version of a text, read and parsed from its file.
pub struct Version {
    pub source: SourceRef,
    /// The file's bytes as they are on disk (for the blob id).
    pub bytes: Vec<u8>,
    pub front: FrontMatter,
    /// The digest of its translatable content.
    pub digest: String,
}

/// Reads and parses a version; its errors are the file's, at their lines.
pub fn read_version(root: &Path, source: SourceRef) -> Result<Version, Vec<Diagnostic>> {
    let bytes = std::fs::read(root.join(&source.path)).map_err(|e| {
        vec![Diagnostic::error(
            &source.path,
            format!("cannot read the file: {e}"),
        )]
    })?;
    let file = load::read_one(root, source).map_err(|d| vec![d])?;
    let path = &file.source.path;
    let split = front_matter::split(path, &file.text).map_err(|d| vec![d])?;
    let front = front_matter::parse(path, split.front, split.front_line)?;
    let digest = digest(&front, split.body);
    Ok(Version {
        source: file.source,
        bytes,
        front,
        digest,
    })
}

/// A translation as typed on the command line, with every other version of its text.
pub struct Pair {
    pub translation: Version,
    /// The language of the original, and every other version read.
    pub from: usize,
    pub others: Vec<Version>,
    /// The text of the translation's file (BOM removed), for errors at its lines.
    pub text: String,
}

impl Pair {
    pub fn original(&self) -> &Version {
        self.others
            .iter()
            .find(|v| v.source.lang == self.from)
            .expect("`from` is the language of one of `others` by construction")
    }
}

/// The translation at `typed`, and its original: the language `from` names (`--from`), else its
/// record's, else where the other versions' records lead, else the only other version. `command`
/// names the command in errors.
pub fn pair(
    root: &Path,
    config: &Config,
    typed: &str,
    from: Option<&str>,
    command: &str,
) -> Result<Pair, Vec<Diagnostic>> {
    if !names::is_path(typed) {
        return Err(vec![Diagnostic::error(
            Path::new(typed),
            "give the path of the translation's file",
        )
        .help(format!(
            "e.g. `site {command} content/essays/SLUG.{}.md`",
            config.languages.last().map_or("LANG", |l| l.code.as_str())
        ))]);
    }
    let source = names::text_file(root, Path::new(typed), config).map_err(|d| vec![d])?;
    let path = source.path.clone();
    let own = source.lang;
    let text = load::read_one(root, source.clone())
        .map_err(|d| vec![d])?
        .text;
    let translation = read_version(root, source)?;
    let mut others = Vec::new();
    let mut problems = Vec::new();
    for r in names::files_on_disk(root, config) {
        if r.kind == translation.source.kind && r.slug == translation.source.slug && r.lang != own {
            match read_version(root, r) {
                Ok(v) => others.push(v),
                Err(d) => problems.extend(d),
            }
        }
    }
    let code = |l: usize| config.languages[l].code.as_str();
    if others.is_empty() && problems.is_empty() {
        return Err(vec![Diagnostic::error(
            &path,
            format!(
                "this text is written only in {}: it is no translation",
                code(own)
            ),
        )
        .help(
            "a translation is a second file of the same text: `site new --translate` starts one",
        )]);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let recorded = match &translation.front.translation {
        Some(record) => {
            Some(from_language(&path, record, own, config, &text).map_err(|d| vec![d])?)
        }
        None => None,
    };
    // A version whose record names this one: then this is its original.
    if let Some(copy) = others.iter().find(|v| {
        v.front
            .translation
            .as_ref()
            .is_some_and(|r| r.from == code(own))
    }) {
        return Err(vec![Diagnostic::error(
            &path,
            format!(
                "this is the original: {} records it as its original",
                copy.source.path.display()
            ),
        )
        .help(format!(
            "run `site {command}` on the translation: `site {command} {}`",
            copy.source.path.display()
        ))]);
    }
    let written: Vec<&str> = others.iter().map(|v| code(v.source.lang)).collect();
    let from = match from {
        Some(asked) => match others.iter().find(|v| code(v.source.lang) == asked) {
            Some(v) => v.source.lang,
            None => {
                return Err(vec![Diagnostic::error(
                    Path::new("--from"),
                    format!("the text is not written in `{asked}`"),
                )
                .help(format!(
                    "name the original's language, one of {}",
                    written.join(", ")
                ))])
            }
        },
        None => match recorded.or_else(|| led_to(&others, config)) {
            Some(l) => l,
            None if others.len() == 1 => others[0].source.lang,
            None => {
                return Err(vec![Diagnostic::error(
                    &path,
                    "the text is written in several other languages: which is the original?",
                )
                .help(format!(
                    "add `--from CODE`, CODE one of {}",
                    written.join(", ")
                ))])
            }
        },
    };
    if !others.iter().any(|v| v.source.lang == from) {
        let line = translation
            .front
            .translation
            .as_ref()
            .map_or(0, |r| r.from_line);
        return Err(vec![Diagnostic::error(
            &path,
            format!(
                "[translation] names an original in {}, but the text is not written in it",
                code(from)
            ),
        )
        .at_line_of(&text, line, 1)
        .help(format!(
            "write the original's language, one of {}; or `--from CODE`",
            written.join(", ")
        ))]);
    }
    Ok(Pair {
        translation,
        from,
        others,
        text,
    })
}

/// Where the other versions' records lead: the one version none of them names as a translation.
fn led_to(others: &[Version], config: &Config) -> Option<usize> {
    let named = |v: &Version| -> Option<usize> {
        let r = v.front.translation.as_ref()?;
        config.language_index(&r.from)
    };
    let version = |l: usize| others.iter().find(|v| v.source.lang == l);
    let start = others.iter().find(|v| named(v).is_some())?.source.lang;
    follow(
        start,
        others.len(),
        |l| version(l).and_then(named),
        |l| version(l).is_some(),
    )
}

/// What `site translated` did.
pub struct Recorded {
    pub path: PathBuf,
    pub original: PathBuf,
    pub from: String,
    pub record: (String, String),
    /// The record before, when there was one.
    pub before: Option<Record>,
    /// False when the record was already what it would write: the file is untouched.
    pub written: bool,
}

/// Records that the translation at `typed` matches its original as it is now.
pub fn translated(
    root: &Path,
    config: &Config,
    typed: &str,
    from: Option<&str>,
) -> Result<Recorded, Vec<Diagnostic>> {
    let pair = pair(root, config, typed, from, "translated")?;
    let original = pair.original();
    let code = config.languages[pair.from].code.clone();
    let hash = original.digest.clone();
    let blob = blob_id(&original.bytes);
    let path = pair.translation.source.path.clone();
    let before = pair.translation.front.translation.clone();
    let unchanged = before.as_ref().is_some_and(|r| {
        r.from == code && r.hash == hash && r.blob.as_deref() == Some(blob.as_str())
    });
    if !unchanged {
        let file = String::from_utf8(pair.translation.bytes.clone())
            .map_err(|_| vec![Diagnostic::error(&path, "the file is not valid UTF-8")])?;
        let new = super::rewrite::rewrite(&file, &[("from", &code), ("hash", &hash), ("blob", &blob)])
            .map_err(|(line, message)| {
                vec![Diagnostic::error(&path, message)
                    .at_line_of(&pair.text, line, 1)
                    .help("write the record as a table of its own: a line `[translation]`, then `from`, `hash` and `blob`, one a line; nothing was written")]
            })?;
        std::fs::write(root.join(&path), new).map_err(|e| {
            vec![Diagnostic::error(
                &path,
                format!("cannot write the file: {e}"),
            )]
        })?;
    }
    Ok(Recorded {
        original: original.source.path.clone(),
        path,
        from: code,
        record: (hash, blob),
        before,
        written: !unchanged,
    })
}
