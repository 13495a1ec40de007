//! A part's index made here from its records, as Pagefind 1.6 makes one for the same records:
//! the same pages in the same order, the same words with the same pages, positions, weights and
//! written forms, the same fragments. Pagefind gzips each part's word chunks at its best level,
//! which the merge then unzips again (a tenth of a cold build); here they are gzipped at the
//! fastest level (their ranges in the metadata are not cut short as Pagefind's are: only the
//! merge reads them), and fragments at a middle level (half the time, 0.9 % larger).
//! `index/tests.rs` indexes pages of many shapes both ways and compares.

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};

use rustc_hash::FxHashMap;

use super::format::{self, Chunk, Meta, MetaChunk, MetaPage, Variant, Word, WordPage};
use super::merge::CHUNK_SIZE;
use super::record::Record;
use super::words::{self, Located, MetaLocated, PageWords};

/// The Pagefind version these files are written as (its metadata and entry name it).
pub const VERSION: &str = "1.6.0";

/// A position's weight that is left implicit (1 × 24 + 1).
const PLAIN_WEIGHT: u8 = 25;

/// A part's index: its files (metadata, words, fragments), the name of its metadata file, its
/// language and how many pages it holds (none: no files, no language in the entry).
pub struct PartIndex {
    pub files: Vec<(String, Vec<u8>)>,
    pub meta_hash: String,
    pub language: String,
    pub page_count: usize,
}

/// A fragment as Pagefind serializes it (the fields in its order).
#[derive(Serialize)]
struct Fragment<'a> {
    url: &'a str,
    content: &'a str,
    word_count: usize,
    filters: BTreeMap<String, Vec<String>>,
    meta: &'a BTreeMap<String, String>,
    anchors: [(); 0],
}

/// The index of `records`, or `None` when they are not all of one known language with distinct
/// URLs, or one holds what only Pagefind follows.
pub fn part(records: &[&Record]) -> Option<PartIndex> {
    let language = records.first()?.language.clone();
    let mut urls = HashSet::new();
    if language == "unknown"
        || records
            .iter()
            .any(|r| r.language != language || !urls.insert(r.url.as_str()))
    {
        return None;
    }
    let mut pages: Vec<(&str, PageWords)> = Vec::new();
    let mut reader = words::Reader::new(&language);
    for r in records {
        let page = reader.read(r)?;
        // A page without words is not in the index.
        if !page.words.is_empty() {
            pages.push((&r.url, page));
        }
    }
    let fields: Vec<String> = pages
        .iter()
        .flat_map(|(_, p)| p.meta.keys().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut all: FxHashMap<String, Word> = FxHashMap::default();
    let mut files = Vec::new();
    let mut names = HashSet::new();
    let mut meta_pages = Vec::new();
    for (number, (url, page)) in pages.into_iter().enumerate() {
        let fragment = Fragment {
            url,
            content: &page.content,
            word_count: page.word_count,
            filters: BTreeMap::new(),
            meta: &page.meta,
            anchors: [],
        };
        let json = serde_json::to_string(&fragment).ok()?;
        let name = format::name(&language, json.as_bytes(), |n| names.contains(n));
        names.insert(name.clone());
        files.push((
            format!("fragment/{name}.pf_fragment"),
            format::zip(json.as_bytes(), format::FRAGMENT),
        ));
        meta_pages.push(MetaPage {
            hash: name,
            word_count: page.word_count as u32,
            group_hash: String::new(),
        });
        // The page's field numbers, as numbers of the part's fields.
        let ids: Vec<u16> = page
            .meta
            .keys()
            .map(|k| fields.iter().position(|f| f == k).unwrap_or(0) as u16)
            .collect();
        for (text, word) in page_words(page, number as u64, &ids) {
            add(&mut all, text, word);
        }
    }
    let page_count = meta_pages.len();
    let mut sorted: Vec<Word> = all.into_values().collect();
    sorted.sort_by(|a, b| a.word.cmp(&b.word));
    for w in &mut sorted {
        delta(&mut w.pages);
        for v in &mut w.variants {
            delta(&mut v.pages);
        }
    }
    let index_chunks = chunks(&language, sorted, &mut files)?;
    let meta = Meta {
        version: VERSION.into(),
        pages: meta_pages,
        index_chunks,
        filters: Vec::new(),
        sorts: Vec::new(),
        meta_fields: fields,
    };
    if page_count == 0 {
        // Pagefind writes no metadata for a language without pages.
        files.clear();
        return Some(PartIndex {
            files,
            meta_hash: String::new(),
            language,
            page_count,
        });
    }
    let (cbor, file) = format::write(&meta, format::CACHED);
    // Pagefind cuts this name's digits by the length of the language code.
    let digest = format::digest(&cbor);
    let meta_hash = format!(
        "{language}_{}",
        &digest[..(language.len() + 8).min(digest.len())]
    );
    files.push((format!("pagefind.{meta_hash}.pf_meta"), file));
    Some(PartIndex {
        files,
        meta_hash,
        language,
        page_count,
    })
}

/// Adds a page's `word` (spelled `text`) to the words of the pages before it: its pages after
/// theirs, and each written form's pages after the same form's.
fn add(all: &mut FxHashMap<String, Word>, text: String, word: Word) {
    let Some(existing) = all.get_mut(&text) else {
        all.insert(text, word);
        return;
    };
    existing.pages.extend(word.pages);
    for v in word.variants {
        match existing.variants.iter_mut().find(|e| e.form == v.form) {
            Some(e) => e.pages.extend(v.pages),
            None => existing.variants.push(v),
        }
    }
}

/// `words` (in order, page numbers as deltas) as chunk files added to `files`, cut as Pagefind
/// cuts them so that the merge holds a chunk of each part, not all its words; their ranges.
fn chunks(
    language: &str,
    words: Vec<Word>,
    files: &mut Vec<(String, Vec<u8>)>,
) -> Option<Vec<MetaChunk>> {
    let mut ranges: Vec<MetaChunk> = Vec::new();
    let mut chunk = Vec::new();
    let mut size = 0;
    let mut rest = words.into_iter().peekable();
    while let Some(word) = rest.next() {
        size += word
            .pages
            .iter()
            .chain(word.variants.iter().flat_map(|v| &v.pages))
            .map(|p| p.locs.len() + p.meta_locs.len() + 1)
            .sum::<usize>()
            + word.variants.len();
        chunk.push(word);
        if size >= CHUNK_SIZE || rest.peek().is_none() {
            let from = chunk.first().map(|w| w.word.clone()).unwrap_or_default();
            let to = chunk.last().map(|w| w.word.clone()).unwrap_or_default();
            let words = std::mem::take(&mut chunk);
            let cbor = minicbor::to_vec(Chunk { words }).ok()?;
            let hash = format::name(language, &cbor, |n| ranges.iter().any(|c| c.hash == n));
            files.push((
                format!("index/{hash}.pf_index"),
                format::zip(&cbor, format::CACHED),
            ));
            ranges.push(MetaChunk { from, to, hash });
            size = 0;
        }
    }
    Some(ranges)
}

/// A page's words for the index (`number` is the page's, `ids` its fields' numbers in the part):
/// the places of each word as written plainly, and per written form (accents) in form order.
fn page_words(page: PageWords, number: u64, ids: &[u16]) -> FxHashMap<String, Word> {
    let mut out: FxHashMap<String, Word> = FxHashMap::default();
    let new_word = |text: &String| Word {
        word: text.clone(),
        pages: Vec::new(),
        variants: Vec::new(),
    };
    for (text, places) in page.words {
        let (plain, forms) = by_form(places, |p| p.original.take());
        let word = out.entry(text).or_insert_with_key(new_word);
        if !plain.is_empty() {
            word.pages.push(packed(plain, number));
        }
        for (form, places) in forms {
            let page = packed(places, number);
            match word.variants.iter_mut().find(|v| v.form == form) {
                Some(v) => v.pages.push(page),
                None => word.variants.push(Variant {
                    form,
                    pages: vec![page],
                }),
            }
        }
    }
    for (text, mut places) in page.meta_words {
        for p in &mut places {
            p.field = ids[p.field as usize];
        }
        let (plain, forms) = by_form(places, |p| p.original.take());
        let word = out.entry(text).or_insert_with_key(new_word);
        if !plain.is_empty() {
            set_meta(&mut word.pages, number, meta_packed(plain));
        }
        for (form, places) in forms {
            let locs = meta_packed(places);
            match word.variants.iter_mut().find(|v| v.form == form) {
                Some(v) => set_meta(&mut v.pages, number, locs),
                None => word.variants.push(Variant {
                    form,
                    pages: vec![WordPage {
                        page: number,
                        locs: Vec::new(),
                        meta_locs: locs,
                    }],
                }),
            }
        }
    }
    out
}

/// `places` split into those written as indexed and those written otherwise, by form.
fn by_form<T>(
    places: Vec<T>,
    mut original: impl FnMut(&mut T) -> Option<String>,
) -> (Vec<T>, BTreeMap<String, Vec<T>>) {
    let mut plain = Vec::new();
    let mut forms: BTreeMap<String, Vec<T>> = BTreeMap::new();
    for mut p in places {
        match original(&mut p) {
            Some(form) => forms.entry(form).or_default().push(p),
            None => plain.push(p),
        }
    }
    (plain, forms)
}

/// Gives page `number` of `pages` the metadata locations `locs`, adding the page if needed.
fn set_meta(pages: &mut Vec<WordPage>, number: u64, locs: Vec<i32>) {
    match pages.iter_mut().find(|p| p.page == number) {
        Some(p) => p.meta_locs = locs,
        None => pages.push(WordPage {
            page: number,
            locs: Vec::new(),
            meta_locs: locs,
        }),
    }
}

/// A page's locations as Pagefind packs them: the plain weight first, then by weight, each group
/// by position; positions as deltas, a change of weight as `-(weight + 1)` and an absolute
/// position.
fn packed(mut places: Vec<Located>, number: u64) -> WordPage {
    let rank = |w: u8| if w == PLAIN_WEIGHT { 0 } else { w };
    places.sort_by_key(|p| (rank(p.weight), p.position));
    let mut locs = Vec::with_capacity(places.len());
    let (mut weight, mut last) = (PLAIN_WEIGHT, 0);
    for p in places {
        if p.weight != weight {
            locs.push(-(p.weight as i32) - 1);
            locs.push(p.position as i32);
            weight = p.weight;
        } else {
            locs.push((p.position - last) as i32);
        }
        last = p.position;
    }
    WordPage {
        page: number,
        locs,
        meta_locs: Vec::new(),
    }
}

/// Metadata locations: by field, each field's start as `-(field + 1)`, then positions as deltas
/// from the field's start.
fn meta_packed(mut places: Vec<MetaLocated>) -> Vec<i32> {
    places.sort_by_key(|p| (p.field, p.position));
    let mut out = Vec::with_capacity(places.len() + 8);
    let (mut field, mut last) = (None, 0);
    for p in places {
        if field != Some(p.field) {
            out.push(-(p.field as i32) - 1);
            field = Some(p.field);
            last = 0;
        }
        out.push((p.position - last) as i32);
        last = p.position;
    }
    out
}

/// Page numbers in order as deltas.
fn delta(pages: &mut [WordPage]) {
    pages.sort_by_key(|p| p.page);
    let mut last = 0;
    for p in pages {
        (p.page, last) = (p.page - last, p.page);
    }
}

#[cfg(test)]
mod tests;
