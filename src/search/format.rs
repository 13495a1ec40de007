//! Pagefind's index files as data: the metadata (`pagefind.*.pf_meta`) and the word chunks
//! (`index/*.pf_index`), each a gzipped CBOR record after a `pagefind_dcd` signature. The fields
//! and their numbers are those Pagefind writes, so a merged index reads as one Pagefind built.

use std::io::{Read, Write};

use flate2::{read::GzDecoder, write::GzEncoder, Compression};
use minicbor::{Decode, Encode};

/// What Pagefind's files start with once unzipped.
pub const SIGNATURE: &[u8] = b"pagefind_dcd";

/// Gzip levels (zlib-rs), by what a file is for. Measured on a 270-week build's files: the
/// merged word chunks take a third of level 9's time at level 3 and are 2 % larger (level 2 is
/// slower than 3 there, and larger; at 2,700 weeks it is a fifth quicker, 1.4 % larger);
/// fragments take half of level 9's time at level 6 and are 0.9 % larger; a part's words, read
/// only by the merge, take half of level 2's time at level 1 for a quarter more bytes in the cache.
pub const SERVED: u32 = 3;
pub const FRAGMENT: u32 = 6;
pub const CACHED: u32 = 1;

#[derive(Encode, Decode, Debug, Clone, PartialEq)]
pub struct Meta {
    #[n(0)]
    pub version: String,
    #[n(1)]
    pub pages: Vec<MetaPage>,
    #[n(2)]
    pub index_chunks: Vec<MetaChunk>,
    #[n(3)]
    pub filters: Vec<MetaFilter>,
    #[n(4)]
    pub sorts: Vec<MetaSort>,
    #[n(5)]
    pub meta_fields: Vec<String>,
}

#[derive(Encode, Decode, Debug, Clone, PartialEq)]
pub struct MetaPage {
    /// The name of the page's fragment file.
    #[n(0)]
    pub hash: String,
    #[n(1)]
    pub word_count: u32,
    #[n(2)]
    pub group_hash: String,
}

/// The chunk holding the words that sort between `from` and `to`.
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
pub struct MetaChunk {
    #[n(0)]
    pub from: String,
    #[n(1)]
    pub to: String,
    #[n(2)]
    pub hash: String,
}

#[derive(Encode, Decode, Debug, Clone, PartialEq)]
pub struct MetaFilter {
    #[n(0)]
    pub filter: String,
    #[n(1)]
    pub hash: String,
}

#[derive(Encode, Decode, Debug, Clone, PartialEq)]
pub struct MetaSort {
    #[n(0)]
    pub sort: String,
    #[n(1)]
    pub pages: Vec<u64>,
}

#[derive(Encode, Decode, Debug, Clone, PartialEq)]
pub struct Chunk {
    #[n(0)]
    pub words: Vec<Word>,
}

/// A word and every page it is on (page numbers delta-encoded in a chunk file).
#[derive(Encode, Decode, Debug, Clone, PartialEq)]
pub struct Word {
    #[n(0)]
    pub word: String,
    #[n(1)]
    pub pages: Vec<WordPage>,
    /// The word as written with diacritics, where that differs.
    #[n(2)]
    pub variants: Vec<Variant>,
}

#[derive(Encode, Decode, Debug, Clone, PartialEq)]
pub struct Variant {
    #[n(0)]
    pub form: String,
    #[n(1)]
    pub pages: Vec<WordPage>,
}

#[derive(Encode, Decode, Debug, Clone, PartialEq)]
pub struct WordPage {
    #[n(0)]
    pub page: u64,
    /// Positions in the page, with weight changes inline (left as Pagefind wrote them).
    #[n(1)]
    pub locs: Vec<i32>,
    /// Positions in the page's metadata: negative numbers switch field (-(id + 1)).
    #[n(2)]
    pub meta_locs: Vec<i32>,
}

/// A file's record: unzipped, signature checked, decoded.
pub fn read<T: for<'b> Decode<'b, ()>>(gz: &[u8]) -> Result<T, String> {
    minicbor::decode(&unzip(gz)?).map_err(|e| format!("cannot decode: {e}"))
}

/// A file's CBOR: unzipped, after its signature.
pub fn unzip(gz: &[u8]) -> Result<Vec<u8>, String> {
    let mut raw = Vec::with_capacity(gz.len() * 2);
    GzDecoder::new(gz)
        .read_to_end(&mut raw)
        .map_err(|e| format!("cannot unzip: {e}"))?;
    if !raw.starts_with(SIGNATURE) {
        return Err("not a Pagefind file (no signature)".into());
    }
    raw.drain(..SIGNATURE.len());
    Ok(raw)
}

/// A record as Pagefind stores it: CBOR after the signature, gzipped at `level`. Returns (CBOR,
/// file bytes).
pub fn write<T: Encode<()>>(value: &T, level: u32) -> (Vec<u8>, Vec<u8>) {
    let cbor = minicbor::to_vec(value).expect("encoding into memory cannot fail");
    let file = zip(&cbor, level);
    (cbor, file)
}

/// `data` as a file: after the signature, gzipped at `level`. Pagefind compresses at its best
/// level; its reader takes any.
pub fn zip(data: &[u8], level: u32) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::with_capacity(data.len() / 2), Compression::new(level));
    gz.write_all(SIGNATURE)
        .and_then(|()| gz.write_all(data))
        .expect("writing into memory cannot fail");
    gz.finish().expect("writing into memory cannot fail")
}

/// A file name as Pagefind makes them: the language, then the first hex digits of a SHA-1 of the
/// content (more of them when `taken` says a shorter name is used). Pagefind writes each byte's
/// digits unpadded, and so does this, so that the same index gets the same names.
pub fn name(lang: &str, content: &[u8], taken: impl Fn(&str) -> bool) -> String {
    let hex = digest(content);
    (7..hex.len())
        .map(|n| format!("{lang}_{}", &hex[..n]))
        .find(|name| !taken(name))
        .unwrap_or_else(|| format!("{lang}_{hex}"))
}

/// The hex digits of a SHA-1 of `content`, each byte's unpadded, as Pagefind writes them.
pub fn digest(content: &[u8]) -> String {
    let bytes = sha1_smol::Sha1::from(content).digest().bytes();
    bytes.iter().map(|b| format!("{b:x}")).collect()
}
