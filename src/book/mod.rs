//! The collected edition: every finished arc as an EPUB 3 book in each language it was written in,
//! made from the same model as the pages and from templates in `templates/book/`. What goes in a
//! book and in what order is decided here; `chapters` turns texts into XHTML, `package` writes the
//! container, `shelf` keeps made books between builds.

mod chapters;
mod package;
mod shelf;
mod xhtml;

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::kind::Kind;
use crate::site::Site;
use crate::view::Tools;

pub use shelf::{Made, Shelf};

pub use crate::plan::book_file_name as file_name;

/// Where the book's templates are, under `templates/`.
pub const TEMPLATES: &str = "book";

/// The media type of an EPUB, for the server and the link.
pub const MEDIA_TYPE: &str = "application/epub+zip";

/// Everything a book is made from besides its templates: what its cache key hashes.
#[derive(Serialize)]
struct Ingredients<'a> {
    lang: &'a str,
    arc: u32,
    base_url: &'a str,
    texts: Vec<TextIngredients<'a>>,
}

#[derive(Serialize)]
struct TextIngredients<'a> {
    kind: Kind,
    slug: &'a str,
    week: u32,
    date: chrono::NaiveDate,
    /// (language, digest of its content, date of its update, its files' hash) of every live version.
    versions: Vec<(&'a str, &'a str, Option<chrono::NaiveDate>, String)>,
}

/// The book of `lang` and arc `arc`, made (or found in the shelf's cache).
pub fn make(
    tools: &Tools,
    site: &Site,
    lang: usize,
    arc: u32,
    cover: Option<Vec<u8>>,
) -> Result<Vec<u8>, Diagnostic> {
    let contents = chapters::contents(tools, site, lang, arc)?;
    package::write(tools, site, &contents, cover)
}

/// What `shelf` keys a book by: every input, hashed (the texts' words, dates and files, the
/// site's address, the language and the arc).
fn ingredients(root: &std::path::Path, site: &Site, lang: usize, arc: u32) -> Vec<u8> {
    let season = site.arc.season_of_number(arc);
    let config = &site.config;
    let texts = site
        .arc_texts(&season)
        .into_iter()
        .map(|i| {
            let text = &site.texts[i];
            let versions = (0..config.languages.len())
                .filter(|&l| site.written_in(i, l))
                .filter_map(|l| text.versions[l].map(|p| (l, &site.posts[p])))
                .map(|(l, post)| {
                    let files = site.assets.of(text.kind, &text.slug);
                    let mut hash = sha1_smol::Sha1::new();
                    for file in files {
                        hash.update(file.rel.as_bytes());
                        hash.update(&std::fs::read(root.join(&file.source)).unwrap_or_default());
                    }
                    (
                        config.languages[l].code.as_str(),
                        post.digest.as_str(),
                        post.front.updated,
                        hash.digest().to_string(),
                    )
                })
                .collect();
            TextIngredients {
                kind: text.kind,
                slug: &text.slug,
                week: text.week,
                date: text.date,
                versions,
            }
        })
        .collect();
    serde_json::to_vec(&Ingredients {
        lang: &config.languages[lang].code,
        arc,
        base_url: &config.base_url,
        texts,
    })
    .expect("a book's ingredients are strings and numbers")
}
