//! Any planned page rendered by the output that owns its kind: pages from templates, feeds, the
//! sitemap, social cards. Build, check and serve all render through one `Renderer`; it only
//! dispatches, and owns no format.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::book;
use crate::cards::{Card, CardCache, CardRenderer, Cover};
use crate::diagnostics::Diagnostic;
use crate::highlight::Highlighter;
use crate::i18n::I18n;
use crate::mark::Mark;
use crate::plan::{Page, PageKind};
use crate::site::load::Interface;
use crate::site::Site;
use crate::templates::{self, Templates};
use crate::view::{card_text, cover_text, Preview, Tools};
use crate::{feeds, pages, sitemap};

pub struct Renderer {
    pub templates: Templates,
    pub i18n: Arc<I18n>,
    pub highlighter: Arc<Highlighter>,
    /// Set when rendering for `site serve`: the pages link the status page.
    pub preview: Option<Preview>,
    /// The social card drawer and its cache, when the site has `templates/card.svg`.
    cards: Option<(CardRenderer, CardCache)>,
    /// Where bodies that are not kept in memory are read from again.
    root: PathBuf,
    /// The site's mark: the cards draw it, and a build writes the favicons `static/` lacks from it.
    pub mark: Arc<Mark>,
    /// The arcs' books made in this run, and the cache of made ones.
    books: book::Shelf,
}

impl crate::view::Books for Renderer {
    fn book_size(&self, site: &Site, lang: usize, arc: u32) -> Option<u64> {
        self.book(site, lang, arc).ok().map(|made| made.size)
    }
}

impl Renderer {
    /// The renderer of the site at `root`, over its compiled templates and translations.
    pub fn new(
        root: &Path,
        interface: Interface,
        highlighter: Arc<Highlighter>,
    ) -> Result<Renderer, Vec<Diagnostic>> {
        let Interface {
            i18n,
            templates,
            mark,
        } = interface;
        // A site draws social cards when it has their template.
        let cards = if root.join(templates::CARD).exists() {
            Some((
                CardRenderer::new(root)?.with_mark(&mark),
                CardCache::new(root),
            ))
        } else {
            None
        };
        let cover_inputs = cards.as_ref().map_or([0; 20], |(c, _)| c.inputs());
        Ok(Renderer {
            books: book::Shelf::new(root, &cover_inputs),
            templates,
            i18n,
            highlighter,
            preview: None,
            cards,
            root: root.to_path_buf(),
            mark,
        })
    }

    /// What the outputs render with.
    pub fn tools(&self) -> Tools<'_> {
        Tools {
            i18n: &self.i18n,
            templates: &self.templates,
            highlighter: &self.highlighter,
            root: &self.root,
            preview: self.preview,
            books: Some(self),
        }
    }

    /// Arc `arc`'s book in language `lang`, made or found on the shelf.
    pub fn book(&self, site: &Site, lang: usize, arc: u32) -> Result<book::Made, Diagnostic> {
        let cover = || {
            let Some((cards, _)) = &self.cards else {
                return Ok(None);
            };
            let text = cover_text(&self.i18n, site, lang, arc);
            let cover = Cover {
                lang: &text.lang,
                site_name: &text.site_name,
                arc_name: &text.arc_name,
                title: &text.title,
                dates: &text.dates,
                author: &text.author,
                footer: &text.footer,
            };
            // Not in the card cache: a cover is drawn only when its book is made, and made books
            // are kept whole on the shelf.
            cards.cover(&self.root, &cover, None)
        };
        self.books.get(&self.tools(), site, lang, arc, &cover)
    }

    /// Removes from the book cache what this run did not use; how many.
    pub fn prune_books(&self) -> usize {
        self.books.prune()
    }

    /// The social card `page` (a `PageKind::Card`) as a PNG, from the cache when it is there, and
    /// what it has to say about its text.
    pub fn card(&self, site: &Site, page: &Page) -> Result<(Vec<u8>, Vec<Diagnostic>), Diagnostic> {
        let Some((cards, cache)) = &self.cards else {
            return Err(Diagnostic::error(
                Path::new(templates::CARD),
                "this site draws no social cards",
            ));
        };
        let text = card_text(&self.i18n, site, page);
        let drawn = cards.render(&Card::from(&text), Some(cache))?;
        let file = match page.kind {
            PageKind::Card(Some(i)) => site.version(&site.texts[i], page.lang).source.path.clone(),
            _ => PathBuf::from("site.toml"),
        };
        let warnings = drawn
            .warnings
            .iter()
            .map(|w| w.to_diagnostic(&file))
            .collect();
        Ok((drawn.png, warnings))
    }

    /// The card cache's clock (`CardCache::now`), when the site draws cards and it can be read.
    pub fn card_clock(&self) -> Option<std::time::SystemTime> {
        self.cards.as_ref().and_then(|(_, cache)| cache.now().ok())
    }

    /// Removes from the card cache what this run did not use (`CardCache::prune`); how many.
    pub fn prune_cards(&self, started: std::time::SystemTime) -> std::io::Result<usize> {
        match &self.cards {
            Some((_, cache)) => cache.prune(started),
            None => Ok(0),
        }
    }

    /// Writes the social card `page` to the file `dest` (linked from the cache when it is there),
    /// and returns what it has to say about its text.
    pub fn card_to(
        &self,
        site: &Site,
        page: &Page,
        dest: &Path,
    ) -> Result<Vec<Diagnostic>, Diagnostic> {
        let Some((cards, cache)) = &self.cards else {
            return Err(Diagnostic::error(
                Path::new(templates::CARD),
                "this site draws no social cards",
            ));
        };
        let text = card_text(&self.i18n, site, page);
        let warnings = cards.render_to(&Card::from(&text), cache, dest)?;
        let file = match page.kind {
            PageKind::Card(Some(i)) => site.version(&site.texts[i], page.lang).source.path.clone(),
            _ => PathBuf::from("site.toml"),
        };
        Ok(warnings.iter().map(|w| w.to_diagnostic(&file)).collect())
    }

    pub fn has_cards(&self) -> bool {
        self.cards.is_some()
    }

    /// What the social card of every text says that its writer should hear about (a title too long,
    /// a character no font has), once per file.
    pub fn card_warnings(&self, site: &Site) -> Vec<Diagnostic> {
        let Some((cards, _)) = &self.cards else {
            return Vec::new();
        };
        use rayon::prelude::*;
        let mut out: Vec<Diagnostic> = (0..site.config.languages.len())
            .flat_map(|lang| (0..site.texts.len()).map(move |i| (lang, i)))
            .collect::<Vec<_>>()
            .par_iter()
            .flat_map_iter(|&(lang, i)| {
                let post = site.version(&site.texts[i], lang);
                let card = Page {
                    lang,
                    kind: PageKind::Card(Some(i)),
                };
                let text = card_text(&self.i18n, site, &card);
                cards
                    .warnings(&Card::from(&text))
                    .iter()
                    .map(|w| w.to_diagnostic(&post.source.path))
                    .collect::<Vec<_>>()
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Renders one page to bytes.
    pub fn render(&self, site: &Site, page: &Page) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::new();
        self.render_to(site, page, &mut out)?;
        Ok(out)
    }

    /// Renders one page into `out` (a file, as the build does, or memory).
    pub fn render_to(
        &self,
        site: &Site,
        page: &Page,
        out: &mut dyn Write,
    ) -> Result<(), Diagnostic> {
        if let PageKind::Feed(kind) = page.kind {
            return feeds::write(&self.tools(), site, page.lang, kind, out);
        }
        if let PageKind::Card(_) = page.kind {
            let (png, _) = self.card(site, page)?;
            return out.write_all(&png).map_err(|e| {
                Diagnostic::error(
                    Path::new(&page.file_path(site)),
                    format!("cannot write the card: {e}"),
                )
            });
        }
        if let PageKind::Book(arc) = page.kind {
            let cannot = |e: std::io::Error| {
                Diagnostic::error(
                    Path::new(&page.file_path(site)),
                    format!("cannot write the book: {e}"),
                )
            };
            let bytes = self.book(site, page.lang, arc)?.bytes().map_err(cannot)?;
            return out.write_all(&bytes).map_err(cannot);
        }
        if page.kind == PageKind::Sitemap {
            return sitemap::write(site, out).map_err(|e| {
                Diagnostic::error(
                    Path::new(&page.file_path(site)),
                    format!("cannot write the sitemap: {e}"),
                )
            });
        }
        pages::render_to(&self.tools(), site, page, out)
    }
}
