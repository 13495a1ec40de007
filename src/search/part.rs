//! The search cache on disk: a language's parts in Pagefind's files (`part-KEY/`, made by
//! `index.rs` or by Pagefind), the files every bundle of the language shares (`common-*/`: Pagefind's
//! scripts and wasm), and merged indexes (`merged-KEY/`). Each folder is written beside its place
//! and renamed into it, so a reader never sees half of one.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use serde::{Deserialize, Serialize};

use super::hash;
use super::index;
use super::merge::{self, Part};
use super::record::{self, Record};
use super::words::WORD_SYMBOLS;

const ENTRY: &str = "pagefind-entry.json";
/// Where a merged index says which part each fragment comes from.
const FRAGMENTS: &str = "fragments.tsv";

static TEMP: AtomicU64 = AtomicU64::new(0);

pub fn dir(cache: &Path, lang: &str, key: &str) -> PathBuf {
    cache.join(lang).join(format!("part-{key}"))
}

/// The files every bundle of `lang` shares (Pagefind's scripts and wasm), per version of the format.
fn common(cache: &Path, lang: &str) -> PathBuf {
    let version = super::hex(hash(&[super::FORMAT.as_bytes()]));
    cache.join(lang).join(format!("common-{}", &version[..12]))
}

/// `pagefind-entry.json`: Pagefind's version and each language's metadata file.
#[derive(Serialize, Deserialize)]
struct Entry {
    version: String,
    languages: std::collections::BTreeMap<String, EntryLanguage>,
    include_characters: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct EntryLanguage {
    hash: String,
    wasm: Option<String>,
    page_count: usize,
}

/// Indexes `pages` ((output path, HTML)) into the part `key` of language `lang`: here when every
/// page reads as a record the tool's own index takes, with Pagefind otherwise.
pub fn build(
    cache: &Path,
    lang: &str,
    key: &str,
    pages: Vec<(String, String)>,
) -> Result<(), String> {
    let pages: Vec<Page> = pages
        .into_iter()
        .map(|(path, html)| match record::read(&path, &html) {
            Some(r) => Page::Record(r),
            None => Page::Html(path, html),
        })
        .collect();
    build_pages(cache, lang, key, pages)
}

/// Indexes `pages` into the part `key` of language `lang`, as `build`.
pub(super) fn build_pages(
    cache: &Path,
    lang: &str,
    key: &str,
    pages: Vec<Page>,
) -> Result<(), String> {
    let records: Option<Vec<&Record>> = pages
        .iter()
        .map(|p| match p {
            Page::Record(r) => Some(r),
            Page::Html(..) => None,
        })
        .collect();
    let common_dir = common(cache, lang);
    if let Some(part) = records.as_deref().and_then(index::part) {
        if !common_dir.is_dir() {
            // Pagefind's scripts and wasm for the language, from an index of a word in it.
            let word = Record {
                url: "/".into(),
                language: part.language.clone(),
                digest: "a".into(),
                meta: Default::default(),
            };
            let (_, shared) = pagefind_files(vec![Page::Record(word)])?;
            publish(&common_dir, &shared)?;
        }
        let wasm = common_dir
            .join(format!("wasm.{}.pagefind", part.language))
            .is_file();
        let entry = serde_json::to_vec(&entry_of(&part, wasm)).map_err(|e| e.to_string())?;
        let mut files = part.files;
        files.push((ENTRY.into(), entry));
        return publish(&dir(cache, lang, key), &files);
    }
    let (own, shared) = pagefind_files(pages)?;
    if !common_dir.is_dir() {
        publish(&common_dir, &shared)?;
    }
    publish(&dir(cache, lang, key), &own)
}

/// The entry Pagefind writes for `part` (`wasm`: whether the language has its own wasm): no
/// language when no page has words.
fn entry_of(part: &index::PartIndex, wasm: bool) -> Entry {
    let mut entry = Entry {
        version: index::VERSION.into(),
        languages: Default::default(),
        include_characters: WORD_SYMBOLS.iter().map(char::to_string).collect(),
    };
    if part.page_count > 0 {
        entry.languages.insert(
            part.language.clone(),
            EntryLanguage {
                hash: part.meta_hash.clone(),
                wasm: wasm.then(|| part.language.clone()),
                page_count: part.page_count,
            },
        );
    }
    entry
}

/// A page for Pagefind: read as a record, or its HTML (output path, HTML).
pub(super) enum Page {
    Record(Record),
    Html(String, String),
}

/// Pagefind's files for `pages`: the part's own (entry, metadata, words, fragments), and the
/// scripts and wasm every part shares.
pub(super) fn pagefind_files(pages: Vec<Page>) -> Result<(Written, Written), String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| e.to_string())?;
    let files = runtime.block_on(async move {
        let options = PagefindServiceConfig::builder().build();
        let mut index = PagefindIndex::new(Some(options)).map_err(|e| e.to_string())?;
        for page in pages {
            let added = match page {
                Page::Record(r) => {
                    let meta = Some(r.meta);
                    index
                        .add_custom_record(r.url, r.digest, r.language, meta, None, None)
                        .await
                }
                Page::Html(path, html) => index.add_html_file(Some(path), None, html).await,
            };
            added.map_err(|e| e.to_string())?;
        }
        index.get_files().await.map_err(|e| e.to_string())
    })?;
    let (mut own, mut shared) = (Vec::new(), Vec::new());
    for f in files {
        let name = f.filename.to_string_lossy().replace('\\', "/");
        let part_file = name == ENTRY
            || name.ends_with(".pf_meta")
            || ["index/", "fragment/", "filter/"]
                .iter()
                .any(|d| name.starts_with(d));
        if part_file {
            own.push((name, f.contents));
        } else if wanted(&name) {
            shared.push((name, f.contents));
        }
    }
    Ok((own, shared))
}

/// Files by path in a folder, with their bytes.
type Written = Vec<(String, Vec<u8>)>;

/// The files of language `lang`'s bundle at output folder `out` from its parts `keys` (in order):
/// (output path, file in the cache), and the cache folders they are in.
pub fn bundle(
    cache: &Path,
    lang: &str,
    keys: &[&str],
    out: &str,
) -> Result<(super::Files, Vec<PathBuf>), String> {
    let lang_dir = cache.join(lang);
    let mut fields: Vec<&[u8]> = vec![
        super::FORMAT.as_bytes(),
        merge::VERSION.as_bytes(),
        lang.as_bytes(),
    ];
    fields.extend(keys.iter().map(|k| k.as_bytes()));
    let merged = lang_dir.join(format!("merged-{}", super::hex(hash(&fields))));
    let parts: Vec<PathBuf> = keys.iter().map(|k| dir(cache, lang, k)).collect();
    if !merged.join(FRAGMENTS).is_file() {
        write_merged(&merged, &parts)?;
    }
    let mut files = Vec::new();
    let common_dir = common(cache, lang);
    for rel in files_under(&common_dir)? {
        files.push((format!("{out}{rel}"), common_dir.join(&rel)));
    }
    for rel in files_under(&merged)? {
        if rel != FRAGMENTS {
            files.push((format!("{out}{rel}"), merged.join(&rel)));
        }
    }
    let list = fs::read_to_string(merged.join(FRAGMENTS)).map_err(|e| e.to_string())?;
    for line in list.lines() {
        let mut cols = line.split('\t');
        let (Some(name), Some(part), Some(file)) = (cols.next(), cols.next(), cols.next()) else {
            return Err(format!("{} is damaged", merged.join(FRAGMENTS).display()));
        };
        files.push((
            format!("{out}fragment/{name}.pf_fragment"),
            lang_dir.join(part).join(file),
        ));
    }
    let mut used = parts;
    used.push(merged);
    Ok((files, used))
}

/// Merges the parts in `parts` (folders) into `merged`.
fn write_merged(merged: &Path, parts: &[PathBuf]) -> Result<(), String> {
    let mut opened = Vec::new();
    let mut language = None;
    for dir in parts {
        let text =
            fs::read_to_string(dir.join(ENTRY)).map_err(|e| format!("{}: {e}", dir.display()))?;
        let entry: Entry = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        let version = entry.version.clone();
        // A part whose pages have no words has no language.
        if let Some((code, lang)) = entry.languages.into_iter().next() {
            opened.push(Part::open(dir, &format!("pagefind.{}.pf_meta", lang.hash))?);
            language.get_or_insert((code, lang.wasm, version, entry.include_characters));
        }
    }
    let Some((code, wasm, version, include_characters)) = language else {
        return publish(merged, &[(FRAGMENTS.into(), Vec::new())]);
    };
    let index = merge::merge(&code, &opened)?;
    let mut files = vec![(format!("pagefind.{}.pf_meta", index.meta_name), index.meta)];
    for (name, bytes) in index.chunks {
        files.push((format!("index/{name}.pf_index"), bytes));
    }
    let mut entry = Entry {
        version,
        languages: Default::default(),
        include_characters,
    };
    entry.languages.insert(
        code,
        EntryLanguage {
            hash: index.meta_name,
            wasm,
            page_count: index.page_count,
        },
    );
    files.push((
        ENTRY.into(),
        serde_json::to_vec(&entry).map_err(|e| e.to_string())?,
    ));
    let mut list = String::new();
    for (name, source) in index.fragments {
        let part = source
            .parent()
            .and_then(Path::parent)
            .and_then(Path::file_name);
        let file = source.file_name();
        if let (Some(part), Some(file)) = (part, file) {
            let (part, file) = (part.to_string_lossy(), file.to_string_lossy());
            list.push_str(&format!("{name}\t{part}\tfragment/{file}\n"));
        }
    }
    files.push((FRAGMENTS.into(), list.into_bytes()));
    publish(merged, &files)
}

/// Writes `files` into a new folder beside `dir`, then renames it to `dir` (a folder another
/// process put there first is as good).
fn publish(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<(), String> {
    let parent = dir.parent().ok_or("the cache has no parent folder")?;
    let temp = parent.join(format!(
        ".{}.{}-{}.tmp",
        dir.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id(),
        TEMP.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| -> std::io::Result<()> {
        for (rel, bytes) in files {
            let path = temp.join(rel);
            fs::create_dir_all(path.parent().unwrap_or(&temp))?;
            fs::write(path, bytes)?;
        }
        fs::create_dir_all(&temp)?;
        fs::rename(&temp, dir)
    })();
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&temp);
        if !dir.is_dir() {
            return Err(format!("cannot write {}: {e}", dir.display()));
        }
    }
    Ok(())
}

/// Every file under `dir`, relative, sorted.
fn files_under(dir: &Path) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| e.to_string())?;
        if entry.file_type().is_file() {
            if let Ok(rel) = entry.path().strip_prefix(dir) {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    Ok(out)
}

/// The files the site's own search script uses: the engine, its worker, the wasm and the index.
/// Pagefind's ready-made interfaces and playground are left out.
fn wanted(name: &str) -> bool {
    !(name.starts_with("pagefind-ui")
        || name.starts_with("pagefind-component-ui")
        || name.starts_with("pagefind-modular-ui")
        || name.starts_with("pagefind-highlight")
        || name.starts_with("playground"))
}
