//! One language's index from its parts: the parts' pages one after the other, and their word
//! lists merged word by word, as Pagefind would have written them for all the pages at once. The
//! parts' chunks are read as the merge reaches them, so memory holds a chunk per part, not the
//! archive's words.

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use super::format::{self, Meta, MetaChunk, MetaPage};
use super::raw;

/// Bump when the merge writes other bytes from the same parts (merged indexes are keyed by it;
/// the parts are not).
pub const VERSION: &str = "merge 3";

/// How many locations a chunk holds before the next starts (Pagefind's default).
pub const CHUNK_SIZE: usize = 20_000;

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
    // Each part's metadata field ids, as ids of the merged list; none for a part whose fields keep
    // their numbers (its pages are copied as they are).
    let renumber: Vec<Option<Vec<i32>>> = parts
        .iter()
        .map(|p| {
            let map: Vec<i32> = p
                .meta
                .meta_fields
                .iter()
                .map(|f| fields.iter().position(|g| g == f).unwrap_or(0) as i32)
                .collect();
            let same = map.iter().enumerate().all(|(i, f)| *f == i as i32);
            (!same).then_some(map)
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
        let mut smallest: Option<usize> = None;
        for i in 0..cursors.len() {
            if cursors[i].peek()? && smallest.is_none_or(|s| cursors[i].word() < cursors[s].word())
            {
                smallest = Some(i);
            }
        }
        let Some(smallest) = smallest else {
            break;
        };
        let word = cursors[smallest].word();
        let with: Vec<usize> = (0..cursors.len())
            .filter(|&i| cursors[i].head.is_some() && cursors[i].word() == word)
            .collect();
        let sources: Vec<Source> = with
            .iter()
            .map(|&i| Source {
                cursor: &cursors[i],
                offset: offsets[i],
                fields: renumber[i].as_deref(),
            })
            .collect();
        writer.push(word, &sources)?;
        for &i in &with {
            cursors[i].head = None;
        }
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
    let (cbor, file) = format::write(&meta, format::SERVED);
    Ok(Merged {
        meta_name: format::name(lang, &cbor, |_| false),
        meta: file,
        chunks,
        fragments,
        page_count,
    })
}

/// A part's words in order, one chunk in memory at a time, as spans of its bytes.
struct Cursor<'a> {
    part: &'a Part,
    next_chunk: usize,
    /// The chunk's CBOR, where the next word starts and how many are left.
    cbor: Vec<u8>,
    pos: usize,
    left: u64,
    head: Option<raw::Word>,
}

impl<'a> Cursor<'a> {
    fn new(part: &'a Part) -> Cursor<'a> {
        Cursor {
            part,
            next_chunk: 0,
            cbor: Vec::new(),
            pos: 0,
            left: 0,
            head: None,
        }
    }

    /// Reads the next word when there is none at the head; whether there is one now.
    fn peek(&mut self) -> Result<bool, String> {
        while self.head.is_none() {
            if self.left > 0 {
                let (word, next) = raw::word(&self.cbor, self.pos).map_err(|e| self.damaged(e))?;
                (self.head, self.pos, self.left) = (Some(word), next, self.left - 1);
                break;
            }
            let Some(chunk) = self.part.meta.index_chunks.get(self.next_chunk) else {
                return Ok(false);
            };
            self.next_chunk += 1;
            let path = self
                .part
                .dir
                .join("index")
                .join(format!("{}.pf_index", chunk.hash));
            let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            self.cbor = format::unzip(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
            (self.pos, self.left) = raw::words_start(&self.cbor).map_err(|e| self.damaged(e))?;
        }
        Ok(true)
    }

    /// The word at the head (after `peek` said there is one).
    fn word(&self) -> &str {
        self.text(&self.head.as_ref().expect("peeked before").word)
    }

    fn text(&self, span: &std::ops::Range<usize>) -> &str {
        // The span was read as a string, so it is UTF-8.
        std::str::from_utf8(&self.cbor[span.clone()]).unwrap_or_default()
    }

    fn damaged(&self, e: minicbor::decode::Error) -> String {
        format!("{}: a damaged chunk: {e}", self.part.dir.display())
    }
}

/// A part's entry of the word being merged: where its pages are and how they are renumbered.
struct Source<'c, 'a> {
    cursor: &'c Cursor<'a>,
    offset: u64,
    fields: Option<&'c [i32]>,
}

impl Source<'_, '_> {
    fn head(&self) -> &raw::Word {
        self.cursor.head.as_ref().expect("peeked before")
    }

    fn copy(&self, out: &mut Vec<u8>, pages: &raw::Pages, prev: &mut u64) -> Result<(), String> {
        raw::copy_pages(
            out,
            &self.cursor.cbor,
            pages,
            self.offset,
            self.fields,
            prev,
        )
        .map_err(|e| self.cursor.damaged(e))
    }
}

/// Words in order into chunks of about `CHUNK_SIZE` locations, as Pagefind cuts them, written
/// as CBOR as they come.
struct ChunkWriter<'a> {
    lang: &'a str,
    /// The chunk's words so far, encoded, and how many.
    body: Vec<u8>,
    count: u64,
    first: String,
    last: String,
    size: usize,
    metas: Vec<MetaChunk>,
    files: Vec<(String, Vec<u8>)>,
}

impl<'a> ChunkWriter<'a> {
    fn new(lang: &'a str) -> ChunkWriter<'a> {
        ChunkWriter {
            lang,
            body: Vec::new(),
            count: 0,
            first: String::new(),
            last: String::new(),
            size: 0,
            metas: Vec::new(),
            files: Vec::new(),
        }
    }

    /// Writes `word` with the pages of every part in `sources` (in the parts' order).
    fn push(&mut self, word: &str, sources: &[Source]) -> Result<(), String> {
        // A variant (the word as written with accents) is one list over all the parts.
        let mut forms: Vec<(&str, Vec<(&Source, &raw::Pages)>)> = Vec::new();
        for s in sources {
            for (form, pages) in &s.head().variants {
                let form = s.cursor.text(form);
                match forms.iter_mut().find(|(f, _)| *f == form) {
                    Some((_, lists)) => lists.push((s, pages)),
                    None => forms.push((form, vec![(s, pages)])),
                }
            }
        }
        let out = &mut self.body;
        let count: u64 = sources.iter().map(|s| s.head().pages.count).sum();
        raw::put(out)
            .array(3)
            .and_then(|e| e.str(word)?.array(count))
            .ok();
        let mut prev = 0;
        for s in sources {
            s.copy(out, &s.head().pages, &mut prev)?;
            self.size += s.head().pages.size;
        }
        raw::put(out).array(forms.len() as u64).ok();
        for (form, lists) in &forms {
            let count: u64 = lists.iter().map(|(_, p)| p.count).sum();
            raw::put(out)
                .array(2)
                .and_then(|e| e.str(form)?.array(count))
                .ok();
            let mut prev = 0;
            for (s, pages) in lists {
                s.copy(out, pages, &mut prev)?;
                self.size += pages.size;
            }
        }
        self.size += forms.len();
        if self.count == 0 {
            self.first = word.to_string();
        }
        self.count += 1;
        // The last word so far, in one buffer: only the chunk's last one is kept.
        self.last.clear();
        self.last.push_str(word);
        if self.size >= CHUNK_SIZE {
            self.flush();
        }
        Ok(())
    }

    fn flush(&mut self) {
        if self.count == 0 {
            return;
        }
        let mut cbor = Vec::with_capacity(self.body.len() + 16);
        raw::put(&mut cbor)
            .array(1)
            .and_then(|e| e.array(self.count))
            .ok();
        cbor.extend_from_slice(&self.body);
        self.body.clear();
        (self.count, self.size) = (0, 0);
        let file = format::zip(&cbor, format::SERVED);
        let files = &self.files;
        let hash = format::name(self.lang, &cbor, |n| files.iter().any(|(f, _)| f == n));
        self.metas.push(MetaChunk {
            from: std::mem::take(&mut self.first),
            to: std::mem::take(&mut self.last),
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

/// `a` and `b` cut one character past the prefix they share.
fn prefixes(a: &str, b: &str) -> (String, String) {
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    (
        a.chars().take(common + 1).collect(),
        b.chars().take(common + 1).collect(),
    )
}
