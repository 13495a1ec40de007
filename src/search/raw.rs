//! A word chunk read as spans of its CBOR bytes: the merge copies each page's positions as they
//! are and rewrites only the page numbers that change, so no page is decoded into memory.

use std::ops::Range;

use minicbor::{Decoder, Encoder};

use super::format::WordPage;

type Error = minicbor::decode::Error;

/// A page list (a word's, or one of its variants'): where its pages are in the chunk.
pub struct Pages {
    pub count: u64,
    /// The pages' bytes (after the list's header).
    pub span: Range<usize>,
    /// The last page, counted from the part's first (the sum of the list's deltas).
    pub last: u64,
    /// Positions plus one per page: what a chunk is cut by.
    pub size: usize,
}

/// A word of a chunk: its spelling and page lists as spans of the chunk.
pub struct Word {
    pub word: Range<usize>,
    pub pages: Pages,
    pub variants: Vec<(Range<usize>, Pages)>,
}

/// The CBOR of a chunk after its signature: its words follow the returned position.
pub fn words_start(cbor: &[u8]) -> Result<(usize, u64), Error> {
    let mut d = Decoder::new(cbor);
    fixed(&mut d, 1)?;
    let count = definite(&mut d)?;
    Ok((d.position(), count))
}

/// The word at `pos` of `cbor`, and where the next starts.
pub fn word(cbor: &[u8], pos: usize) -> Result<(Word, usize), Error> {
    let mut d = Decoder::new(cbor);
    d.set_position(pos);
    fixed(&mut d, 3)?;
    let word = text(&mut d, cbor)?;
    let pages = page_list(&mut d)?;
    let n = definite(&mut d)?;
    let mut variants = Vec::new();
    for _ in 0..n {
        fixed(&mut d, 2)?;
        let form = text(&mut d, cbor)?;
        variants.push((form, page_list(&mut d)?));
    }
    Ok((
        Word {
            word,
            pages,
            variants,
        },
        d.position(),
    ))
}

/// Writes the pages `pages` of the chunk `cbor` onto `out`, their numbers `offset` higher, the
/// first one's delta taken from `prev` (the list's last page so far, updated). `fields` renumbers
/// metadata fields; `None` when they keep their numbers.
pub fn copy_pages(
    out: &mut Vec<u8>,
    cbor: &[u8],
    pages: &Pages,
    offset: u64,
    fields: Option<&[i32]>,
    prev: &mut u64,
) -> Result<(), Error> {
    if pages.count == 0 {
        return Ok(());
    }
    let mut d = Decoder::new(cbor);
    d.set_position(pages.span.start);
    let first_page = offset + pages_first(&mut d)?;
    let delta = first_page - *prev;
    *prev = offset + pages.last;
    let Some(fields) = fields else {
        // Only the first page's number changes: the rest of the list is copied as it is.
        put(out).array(3).and_then(|e| e.u64(delta)).ok();
        out.extend_from_slice(&cbor[d.position()..pages.span.end]);
        return Ok(());
    };
    d.set_position(pages.span.start);
    for i in 0..pages.count {
        let mut page: WordPage = d.decode()?;
        if i == 0 {
            page.page = delta;
        }
        for loc in page.meta_locs.iter_mut().filter(|l| **l < 0) {
            let id = (-*loc - 1) as usize;
            *loc = -fields.get(id).copied().unwrap_or(id as i32) - 1;
        }
        put(out).encode(&page).ok();
    }
    Ok(())
}

/// An encoder onto `out` (writing into memory cannot fail).
pub fn put(out: &mut Vec<u8>) -> Encoder<&mut Vec<u8>> {
    Encoder::new(out)
}

/// Reads a page's header and number, leaving the decoder at its positions.
fn pages_first(d: &mut Decoder) -> Result<u64, Error> {
    fixed(d, 3)?;
    d.u64()
}

fn page_list(d: &mut Decoder) -> Result<Pages, Error> {
    let count = definite(d)?;
    let start = d.position();
    let (mut last, mut size) = (0, 0);
    for _ in 0..count {
        last += pages_first(d)?;
        for _ in 0..2 {
            let n = definite(d)?;
            for _ in 0..n {
                d.skip()?;
            }
            size += n as usize;
        }
        size += 1;
    }
    Ok(Pages {
        count,
        span: start..d.position(),
        last,
        size,
    })
}

fn text(d: &mut Decoder, cbor: &[u8]) -> Result<Range<usize>, Error> {
    let s = d.str()?;
    let start = s.as_ptr() as usize - cbor.as_ptr() as usize;
    Ok(start..start + s.len())
}

fn definite(d: &mut Decoder) -> Result<u64, Error> {
    d.array()?
        .ok_or_else(|| Error::message("an array of unknown length"))
}

fn fixed(d: &mut Decoder, len: u64) -> Result<(), Error> {
    match definite(d)? {
        n if n == len => Ok(()),
        n => Err(Error::message(format!(
            "{n} fields where {len} were expected"
        ))),
    }
}
