//! One language's index from its parts: the parts' pages one after the other, and their word
//! lists merged word by word, as Pagefind would have written them for all the pages at once. The
//! parts' chunks are read as the merge reaches them, so memory holds a chunk per part, not the
//! archive's words.

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use super::format::{self, Chunk, Meta, MetaChunk, MetaPage, Variant, Word, WordPage};

/// How many locations a chunk holds before the next starts (Pagefind's default).
const CHUNK_SIZE: usize = 20_000;

/// A part as Pagefind wrote it into its folder.
pub struct Part {
    pub dir: PathBuf,
    pub meta: Meta,
}

impl Part {
    /// Reads the metadata of the part in `dir`, named `meta_file`.
    pub fn open(dir: &Path, meta_file: &str) -> Result<Part, String> {
        let bytes = fs::read(dir.join(meta_file)).map_err(|e| format!("{meta_file}: {e}"))?;
        let meta = format::read(&bytes).map_err(|e| format!("{meta_file}: {e}"))?;
        Ok(Part {
            dir: dir.to_path_buf(),
            meta,
        })
    }
}

/// The merged index: its metadata file's name and bytes, its chunks, and where each page's
/// fragment comes from (output name, file in a part).
pub struct Merged {
    pub meta_name: String,
    pub meta: Vec<u8>,
    pub chunks: Vec<(String, Vec<u8>)>,
    pub fragments: Vec<(String, PathBuf)>,
    pub page_count: usize,
}

pub fn merge(lang: &str, parts: &[Part]) -> Result<Merged, String> {
    if parts
        .iter()
        .any(|p| !p.meta.filters.is_empty() || !p.meta.sorts.is_empty())
    {
        return Err(
            "the index is built in parts, which cannot hold Pagefind filters or sort keys \
             (data-pagefind-filter, data-pagefind-sort)"
                .into(),
        );
    }
    let version = parts
        .first()
        .map(|p| p.meta.version.clone())
        .unwrap_or_default();
    let fields: Vec<String> = parts
        .iter()
        .flat_map(|p| p.meta.meta_fields.iter().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    // Each part's metadata field ids, as ids of the merged list.
    let field_maps: Vec<Vec<i32>> = parts
        .iter()
        .map(|p| {
            p.meta
                .meta_fields
                .iter()
                .map(|f| fields.iter().position(|g| g == f).unwrap_or(0) as i32)
                .collect()
        })
        .collect();

    let mut pages = Vec::new();
    let mut fragments = Vec::new();
    let mut names: HashSet<String> = HashSet::new();
    let mut offsets = Vec::new();
    for part in parts {
        offsets.push(pages.len() as u64);
        for page in &part.meta.pages {
            let source = part
                .dir
                .join("fragment")
                .join(format!("{}.pf_fragment", page.hash));
            // Two parts may name different pages alike (Pagefind's names are short hashes).
            let mut name = page.hash.clone();
            let mut n = 1;
            while !names.insert(name.clone()) {
                n += 1;
                name = format!("{}-{n}", page.hash);
            }
            fragments.push((name.clone(), source));
            pages.push(MetaPage {
                hash: name,
                word_count: page.word_count,
                group_hash: page.group_hash.clone(),
            });
        }
    }

    let mut cursors: Vec<Cursor> = parts.iter().map(Cursor::new).collect();
    let mut writer = ChunkWriter::new(lang);
    loop {
        let mut smallest: Option<&str> = None;
        for c in &mut cursors {
            if let Some(w) = c.peek()? {
                if smallest.is_none_or(|s| w.word.as_str() < s) {
                    smallest = Some(&w.word);
                }
            }
        }
        // Borrow ends here: the word is copied before the cursors move on.
        let Some(word) = smallest.map(str::to_string) else {
            break;
        };
        let mut merged = Word {
            word: word.clone(),
            pages: Vec::new(),
            variants: Vec::new(),
        };
        for (i, c) in cursors.iter_mut().enumerate() {
            if c.peek()?.is_some_and(|w| w.word == word) {
                let w = c.take();
                let (offset, map) = (offsets[i], &field_maps[i]);
                merged.pages.extend(absolute(w.pages, offset, map));
                for v in w.variants {
                    let pages = absolute(v.pages, offset, map);
                    match merged.variants.iter_mut().find(|m| m.form == v.form) {
                        Some(m) => m.pages.extend(pages),
                        None => merged.variants.push(Variant {
                            form: v.form,
                            pages,
                        }),
                    }
                }
            }
        }
        writer.push(merged);
    }
    let (index_chunks, chunks) = writer.finish();
    let meta = Meta {
        version,
        pages,
        index_chunks,
        filters: Vec::new(),
        sorts: Vec::new(),
        meta_fields: fields,
    };
    let page_count = meta.pages.len();
    let (cbor, file) = format::write(&meta);
    Ok(Merged {
        meta_name: format::name(lang, &cbor, |_| false),
        meta: file,
        chunks,
        fragments,
        page_count,
    })
}

/// A part's words in order, one chunk in memory at a time.
struct Cursor<'a> {
    part: &'a Part,
    next_chunk: usize,
    words: std::vec::IntoIter<Word>,
    head: Option<Word>,
}

impl<'a> Cursor<'a> {
    fn new(part: &'a Part) -> Cursor<'a> {
        Cursor {
            part,
            next_chunk: 0,
            words: Vec::new().into_iter(),
            head: None,
        }
    }

    fn peek(&mut self) -> Result<Option<&Word>, String> {
        while self.head.is_none() {
            if let Some(w) = self.words.next() {
                self.head = Some(w);
                break;
            }
            let Some(chunk) = self.part.meta.index_chunks.get(self.next_chunk) else {
                return Ok(None);
            };
            self.next_chunk += 1;
            let path = self
                .part
                .dir
                .join("index")
                .join(format!("{}.pf_index", chunk.hash));
            let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let chunk: Chunk =
                format::read(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
            self.words = chunk.words.into_iter();
        }
        Ok(self.head.as_ref())
    }

    fn take(&mut self) -> Word {
        self.head.take().expect("peeked before")
    }
}

/// A part's delta-encoded page numbers as numbers of the merged index, with its metadata field
/// ids renumbered.
fn absolute(pages: Vec<WordPage>, offset: u64, fields: &[i32]) -> Vec<WordPage> {
    let mut page = 0;
    pages
        .into_iter()
        .map(|mut p| {
            page += p.page;
            p.page = page + offset;
            for loc in p.meta_locs.iter_mut().filter(|l| **l < 0) {
                let id = (-*loc - 1) as usize;
                *loc = -fields.get(id).copied().unwrap_or(id as i32) - 1;
            }
            p
        })
        .collect()
}

/// Words in order into chunks of about `CHUNK_SIZE` locations, as Pagefind cuts them.
struct ChunkWriter<'a> {
    lang: &'a str,
    words: Vec<Word>,
    size: usize,
    metas: Vec<MetaChunk>,
    files: Vec<(String, Vec<u8>)>,
}

impl<'a> ChunkWriter<'a> {
    fn new(lang: &'a str) -> ChunkWriter<'a> {
        ChunkWriter {
            lang,
            words: Vec::new(),
            size: 0,
            metas: Vec::new(),
            files: Vec::new(),
        }
    }

    fn push(&mut self, word: Word) {
        self.size += word
            .pages
            .iter()
            .chain(word.variants.iter().flat_map(|v| &v.pages))
            .map(|p| p.locs.len() + p.meta_locs.len() + 1)
            .sum::<usize>()
            + word.variants.len();
        self.words.push(word);
        if self.size >= CHUNK_SIZE {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.words.is_empty() {
            return;
        }
        let mut words = std::mem::take(&mut self.words);
        self.size = 0;
        let from = words[0].word.clone();
        let to = words[words.len() - 1].word.clone();
        for w in &mut words {
            delta(&mut w.pages);
            w.variants.iter_mut().for_each(|v| delta(&mut v.pages));
        }
        let (cbor, file) = format::write(&Chunk { words });
        let files = &self.files;
        let hash = format::name(self.lang, &cbor, |n| files.iter().any(|(f, _)| f == n));
        self.metas.push(MetaChunk {
            from,
            to,
            hash: hash.clone(),
        });
        self.files.push((hash, file));
    }

    /// The chunks' ranges, each cut to the shortest prefixes that still tell neighbours apart.
    fn finish(mut self) -> (Vec<MetaChunk>, Vec<(String, Vec<u8>)>) {
        self.flush();
        let metas = &mut self.metas;
        for i in 1..metas.len() {
            let (to, from) = prefixes(&metas[i - 1].to, &metas[i].from);
            if to >= metas[i - 1].from {
                metas[i - 1].to = to;
            }
            metas[i].from = from;
        }
        (self.metas, self.files)
    }
}

fn delta(pages: &mut [WordPage]) {
    let mut last = 0;
    for p in pages {
        let page = p.page;
        p.page -= last;
        last = page;
    }
}

/// `a` and `b` cut one character past the prefix they share.
fn prefixes(a: &str, b: &str) -> (String, String) {
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    (
        a.chars().take(common + 1).collect(),
        b.chars().take(common + 1).collect(),
    )
}
