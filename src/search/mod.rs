//! Search in every language, with Pagefind: each text is indexed from its page in the language it is
//! written in, into that language's own bundle (`/pagefind/`, `/en/pagefind/`: Pagefind stems and
//! folds accents per language). A language's texts are indexed in parts (a block of weeks each),
//! kept in `.cache/search/` under a hash of their pages and merged into one index, so a new text
//! indexes one part again and the archive is never in memory at once. The bundles are part of the
//! site, so searching asks no other host.

mod format;
mod index;
mod merge;
mod part;
mod raw;
mod record;
mod words;

use std::collections::HashSet;
use std::fs;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use siphasher::sip128::{Hasher128, SipHasher13};

use crate::diagnostics::Diagnostic;
use crate::plan::{Page, PageKind};
use crate::site::Site;

/// Weeks of texts per part: a year's, so that a new text indexes about a hundred pages again.
const PART_WEEKS: u32 = 52;

/// Bump when a change here makes different parts or bundles from the same pages.
const FORMAT: &str = "site-search 4 / pagefind 1.6.0";

/// Whether a page is indexed: a text on the page of the language it is written in (its copies in
/// other languages would be found under the wrong language).
pub fn indexes(site: &Site, page: &Page) -> bool {
    site.config.search
        && match page.kind {
            PageKind::Text(i) => site.texts[i].versions[page.lang].is_some(),
            _ => false,
        }
}

/// A page to index: its language, output path and a hash of its HTML.
#[derive(Debug, Clone)]
pub struct Indexed {
    pub lang: usize,
    /// The part it belongs to.
    pub part: u32,
    pub path: String,
    pub hash: u128,
}

impl Indexed {
    /// `page` (an indexed page) whose HTML is `html`.
    pub fn new(site: &Site, page: &Page, html: &[u8]) -> Indexed {
        let week = match page.kind {
            PageKind::Text(i) => site.texts[i].week,
            _ => 0,
        };
        Indexed {
            lang: page.lang,
            part: week / PART_WEEKS,
            path: page.file_path(site),
            hash: hash(&[html]),
        }
    }
}

/// The bundles' files: (output path, file in the cache).
pub type Files = Vec<(String, PathBuf)>;

/// The search bundles of `pages`, from the cache in `cache` (`.cache/search/`), where the parts no
/// build made before are indexed first: `html` gives a page's HTML. Every folder of the cache the
/// bundles use is in `used`.
pub fn build(
    site: &Site,
    cache: &Path,
    mut pages: Vec<Indexed>,
    html: &(dyn Fn(&Indexed) -> Option<String> + Sync),
) -> Result<(Files, HashSet<PathBuf>), Diagnostic> {
    let failed = |why: String| {
        Diagnostic::error(
            Path::new(crate::plan::SEARCH_BUNDLE),
            format!("cannot build the search index: {why}"),
        )
        .help("check that .cache/ can be written; deleting .cache/search/ is always safe")
    };
    // The plan's order within a part (indexes depend on the order pages come in).
    pages.sort_by_key(|p| (p.lang, p.part));
    let mut parts: Vec<(usize, u32, &[Indexed])> = Vec::new();
    for group in pages.chunk_by(|a, b| (a.lang, a.part) == (b.lang, b.part)) {
        parts.push((group[0].lang, group[0].part, group));
    }
    let code = |lang: usize| site.config.languages[lang].code.as_str();
    let keyed: Vec<(usize, String, &[Indexed])> = parts
        .iter()
        .map(|(lang, _, group)| {
            let mut fields: Vec<Vec<u8>> = vec![FORMAT.into(), code(*lang).into()];
            for p in *group {
                fields.push(p.path.clone().into_bytes());
                fields.push(p.hash.to_le_bytes().to_vec());
            }
            let refs: Vec<&[u8]> = fields.iter().map(Vec::as_slice).collect();
            (*lang, hex(hash(&refs)), *group)
        })
        .collect();
    // The parts no build made before, indexed two at a time (one per core).
    keyed
        .par_iter()
        .filter(|(lang, key, _)| !part::dir(cache, code(*lang), key).is_dir())
        .map(|(lang, key, group)| {
            let pages = group
                .iter()
                .filter_map(|p| html(p).map(|h| (p.path.clone(), h)))
                .collect();
            part::build(cache, code(*lang), key, pages)
        })
        .collect::<Result<Vec<()>, String>>()
        .map_err(failed)?;
    let languages: Vec<usize> = (0..site.config.languages.len())
        .filter(|l| keyed.iter().any(|(lang, _, _)| lang == l))
        .collect();
    let bundles = languages
        .par_iter()
        .map(|&lang| {
            let keys: Vec<&str> = keyed
                .iter()
                .filter(|(l, _, _)| *l == lang)
                .map(|(_, key, _)| key.as_str())
                .collect();
            part::bundle(
                cache,
                code(lang),
                &keys,
                &crate::plan::bundle_dir(site, lang),
            )
        })
        .collect::<Result<Vec<_>, String>>()
        .map_err(failed)?;
    let mut files = Vec::new();
    let mut used = HashSet::new();
    for (f, u) in bundles {
        files.extend(f);
        used.extend(u);
    }
    Ok((files, used))
}

/// Removes the parts and merged indexes of `cache` that no folder in `used` is (what earlier
/// builds left behind). Only what the cache names as its own is removed.
pub fn prune(cache: &Path, used: &HashSet<PathBuf>) {
    let Ok(languages) = fs::read_dir(cache) else {
        return;
    };
    for lang in languages.flatten() {
        let Ok(entries) = fs::read_dir(lang.path()) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let ours = name.starts_with("part-") || name.starts_with("merged-");
            if ours && !used.contains(&entry.path()) {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
    }
}

/// A 128-bit SipHash of `fields`, each length-prefixed.
fn hash(fields: &[&[u8]]) -> u128 {
    let mut h = SipHasher13::new();
    for f in fields {
        h.write_u64(f.len() as u64);
        h.write(f);
    }
    h.finish128().as_u128()
}

fn hex(h: u128) -> String {
    format!("{h:032x}")
}

#[cfg(test)]
mod tests;
