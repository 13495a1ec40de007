//! Which version of a text is the original and whether each translation still matches it: the
//! `[translation]` records compared with the originals' digests.

use std::path::Path;

use super::{Post, Site, Text};
use crate::config::Config;
use crate::content::front_matter::Record;
use crate::diagnostics::Diagnostic;

/// Where one written version of a text stands with respect to its original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// The original (or the only version): nothing to compare with.
    Original,
    /// A translation that matches its original (language index) as it is now.
    Current { from: usize },
    /// A translation whose original changed after its record.
    Outdated { from: usize },
    /// A version with no record, beside others: which is the original is not known.
    Untracked,
    /// A translation whose original is not in this run (a draft a build leaves out, or a file gone).
    Unseen { from: usize },
}

/// A record's `from` must be another of the site's languages: checked once the text is read.
pub fn check_record(post: &Post, config: &Config, file_text: &str) -> Result<(), Diagnostic> {
    match &post.front.translation {
        Some(record) => from_language(
            &post.source.path,
            record,
            post.source.lang,
            config,
            file_text,
        )
        .map(|_| ()),
        None => Ok(()),
    }
}

/// The index of the language a record of the file at `path` (in language `own`) names, or an
/// error at its line when that is not another of the site's languages.
pub fn from_language(
    path: &Path,
    record: &Record,
    own: usize,
    config: &Config,
    file_text: &str,
) -> Result<usize, Diagnostic> {
    let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let problem = match codes.iter().position(|c| *c == record.from) {
        None => format!(
            "[translation] names `{}` as the original's language, which the site does not have",
            record.from
        ),
        Some(l) if l == own => format!(
            "[translation] says this text was translated from {}, its own language",
            codes[own]
        ),
        Some(l) => return Ok(l),
    };
    let others: Vec<&str> = (0..codes.len())
        .filter(|&l| l != own)
        .map(|l| codes[l])
        .collect();
    Err(Diagnostic::error(path, problem)
        .at_line_of(file_text, record.from_line, 1)
        .help(format!(
            "write the original's language, one of {}: `from = \"{}\"`",
            others.join(", "),
            others.first().unwrap_or(&codes[own])
        )))
}

/// The language of the text's original: its only version; or where the records lead (a
/// translation of a translation leads on to the first); `None` for versions without any record.
pub fn original(site: &Site, text: &Text) -> Option<usize> {
    let written: Vec<usize> = (0..text.versions.len())
        .filter(|&l| text.versions[l].is_some())
        .collect();
    if let [only] = written.as_slice() {
        return Some(*only);
    }
    let from = |l: usize| -> Option<usize> {
        let record = site.posts[text.versions[l]?].front.translation.as_ref()?;
        site.config.language_index(&record.from)
    };
    let start = written.iter().copied().find(|&l| from(l).is_some())?;
    follow(start, text.versions.len(), from, |l| {
        text.versions[l].is_some()
    })
}

/// From the version in language `start`, where the records lead (`from`: the language a version
/// names as its original): the first version that names none. `None` when a record leads to a
/// language not `written`, or round a circle (more than `languages` steps).
pub fn follow(
    start: usize,
    languages: usize,
    from: impl Fn(usize) -> Option<usize>,
    written: impl Fn(usize) -> bool,
) -> Option<usize> {
    let mut at = start;
    for _ in 0..=languages {
        match from(at) {
            Some(next) if written(next) => at = next,
            Some(_) => return None,
            None => return Some(at),
        }
    }
    None
}

/// Where version `lang` of `text` stands; `None` when the text is not written in `lang`.
pub fn standing(site: &Site, text: &Text, lang: usize) -> Option<Standing> {
    let post = &site.posts[text.versions[lang]?];
    let Some(record) = &post.front.translation else {
        let alone = text.versions.iter().flatten().count() == 1;
        return Some(if alone || original(site, text) == Some(lang) {
            Standing::Original
        } else {
            Standing::Untracked
        });
    };
    // A record naming no language of the site is refused when the text is read.
    let from = site.config.language_index(&record.from)?;
    Some(match text.versions[from] {
        None => Standing::Unseen { from },
        Some(p) if site.posts[p].digest == record.hash => Standing::Current { from },
        Some(_) => Standing::Outdated { from },
    })
}

/// `site check`'s warnings: each outdated translation, naming both files; and each record whose
/// original is neither in the run nor left out of it (held) — a file renamed or deleted.
pub fn warnings(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for text in &site.texts {
        for lang in 0..text.versions.len() {
            let Some(standing) = standing(site, text, lang) else {
                continue;
            };
            let post = site.version(text, lang);
            let line = post.front.translation.as_ref().map_or(0, |r| r.line);
            let path = &post.source.path;
            match standing {
                Standing::Outdated { from } => {
                    let original = &site.version(text, from).source.path;
                    out.push(
                        Diagnostic::warning(
                            path,
                            format!(
                                "this translation is outdated: {} changed after it was translated",
                                original.display()
                            ),
                        )
                        .at(line, 1)
                        .help(format!(
                            "`site status --changes {}` shows what changed; bring the translation up to date, then `site translated {}`",
                            path.display(),
                            path.display()
                        )),
                    );
                }
                Standing::Unseen { from } => {
                    let held = site
                        .held
                        .iter()
                        .any(|h| h.kind == text.kind && h.slug == text.slug);
                    if !held {
                        let code = &site.config.languages[from].code;
                        out.push(
                            Diagnostic::warning(
                                path,
                                format!("[translation] names an original in {code}, but the text is not written in {code}"),
                            )
                            .at(line, 1)
                            .help("restore the original, or remove the [translation] table if this text is the original now"),
                        );
                    }
                }
                _ => {}
            }
        }
    }
    out
}
