//! The plan of the site, derived from the model: every page of every language and every other
//! output file, with its address. The one place that answers "what is the URL of X".

use std::collections::HashSet;
use std::path::PathBuf;

use crate::kind::Kind;
use crate::site::{Site, Text};

/// Where the writer's status page lives in the preview, under each language's root. Never built.
pub const STATUS_SEGMENT: &str = "_status";

/// The folder of a language's search bundle, below the language's root.
pub const SEARCH_BUNDLE: &str = "pagefind";

/// The size of every social card, in pixels: what pages declare and the cards output draws.
pub const CARD_WIDTH: u32 = 1200;
pub const CARD_HEIGHT: u32 = 630;

/// The generated stylesheet of the code colours, an output of every build and preview.
pub const SYNTAX_CSS: &str = "css/syntax.css";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageKind {
    Home,
    /// Index into `Site::texts`.
    Text(usize),
    /// Today's arc, with every arc listed.
    Arc,
    /// Arc `n`'s own page (1-based), under the arc page's path.
    Season(u32),
    Subscribe,
    /// Every tag of the language, with its count.
    Tags,
    /// Index into `Site::tags[lang]`: its first page, its newest texts.
    Tag(usize),
    /// Page `n` (2 and on) of a tag with more texts than a page lists.
    TagPage(usize, u32),
    /// The book (EPUB) of finished arc `n`, beside its page.
    Book(u32),
    Search,
    /// The social card of a text (index into `Site::texts`), or of the home (`None`).
    Card(Option<usize>),
    /// All texts, or one kind.
    Feed(Option<Kind>),
    NotFound,
    Sitemap,
    Robots,
    /// The writer's status page: only in the preview (`site serve`), never planned or built.
    Status,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Page {
    /// UI language (index into `Config::languages`).
    pub lang: usize,
    pub kind: PageKind,
}

impl PageKind {
    /// An HTML page a reader opens (not a feed, the sitemap, robots.txt or a card).
    pub fn is_html(self) -> bool {
        matches!(
            self,
            PageKind::Home
                | PageKind::Text(_)
                | PageKind::Arc
                | PageKind::Season(_)
                | PageKind::Subscribe
                | PageKind::Tags
                | PageKind::Tag(_)
                | PageKind::TagPage(..)
                | PageKind::Search
                | PageKind::NotFound
        )
    }
}

impl Page {
    /// Site path of the page, as linked: `/en/arc/`, `/feed.xml`.
    pub fn url_path(&self, site: &Site) -> String {
        let language = &site.config.languages[self.lang];
        let root = site.config.language_root(self.lang);
        let base = site.config.base_path();
        match self.kind {
            PageKind::Home => root,
            PageKind::Text(i) => text_path(site, &site.texts[i], self.lang),
            PageKind::Arc => page_path(site, self.lang, &language.paths.arc),
            PageKind::Season(n) => {
                format!("{}{n}/", page_path(site, self.lang, &language.paths.arc))
            }
            PageKind::Book(n) => format!(
                "{}{n}/{}",
                page_path(site, self.lang, &language.paths.arc),
                book_file_name(site, self.lang, n)
            ),
            PageKind::Subscribe => page_path(site, self.lang, &language.paths.subscribe),
            PageKind::Tags => page_path(site, self.lang, &language.paths.tags),
            PageKind::Tag(i) => format!(
                "{}{}/",
                page_path(site, self.lang, &language.paths.tags),
                site.tags[self.lang][i].slug
            ),
            PageKind::TagPage(i, n) => format!(
                "{}{}/{n}/",
                page_path(site, self.lang, &language.paths.tags),
                site.tags[self.lang][i].slug
            ),
            PageKind::Search => page_path(site, self.lang, &language.paths.search),
            PageKind::Card(None) => format!("{root}card.png"),
            PageKind::Card(Some(i)) => {
                format!("{}card.png", text_path(site, &site.texts[i], self.lang))
            }
            PageKind::Feed(None) => format!("{root}feed.xml"),
            PageKind::Feed(Some(Kind::Essay)) => {
                format!("{root}{}/feed.xml", language.paths.essays)
            }
            PageKind::Feed(Some(Kind::Bulletin)) => {
                format!("{root}{}/feed.xml", language.paths.bulletins)
            }
            PageKind::NotFound => format!("{base}/404.html"),
            PageKind::Sitemap => format!("{base}/sitemap.xml"),
            PageKind::Robots => format!("{base}/robots.txt"),
            PageKind::Status => page_path(site, self.lang, STATUS_SEGMENT),
        }
    }

    /// File the page is written to, relative to the output folder.
    pub fn file_path(&self, site: &Site) -> String {
        let url = self.url_path(site);
        let rel = url[site.config.base_path().len()..].trim_start_matches('/');
        if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.to_string()
        }
    }
}

/// Every page of the site, in a stable order.
pub fn plan(site: &Site) -> Vec<Page> {
    let mut pages = vec![
        Page {
            lang: 0,
            kind: PageKind::NotFound,
        },
        Page {
            lang: 0,
            kind: PageKind::Sitemap,
        },
        Page {
            lang: 0,
            kind: PageKind::Robots,
        },
    ];
    for lang in 0..site.config.languages.len() {
        for kind in [
            PageKind::Home,
            PageKind::Arc,
            PageKind::Subscribe,
            PageKind::Tags,
            PageKind::Feed(None),
            PageKind::Feed(Some(Kind::Essay)),
            PageKind::Feed(Some(Kind::Bulletin)),
        ] {
            pages.push(Page { lang, kind });
        }
        if site.config.search {
            pages.push(Page {
                lang,
                kind: PageKind::Search,
            });
        }
        pages.extend(site.arc_numbers().into_iter().map(|n| Page {
            lang,
            kind: PageKind::Season(n),
        }));
        pages.extend(
            site.editions()
                .into_iter()
                .filter(|&(l, _)| l == lang)
                .map(|(_, n)| Page {
                    lang,
                    kind: PageKind::Book(n),
                }),
        );
        pages.extend((0..site.texts.len()).map(|i| Page {
            lang,
            kind: PageKind::Text(i),
        }));
        pages.extend((0..site.tags[lang].len()).map(|i| Page {
            lang,
            kind: PageKind::Tag(i),
        }));
        pages.extend(tag_pages(site, lang));
        if site.cards {
            pages.push(Page {
                lang,
                kind: PageKind::Card(None),
            });
            pages.extend((0..site.texts.len()).map(|i| Page {
                lang,
                kind: PageKind::Card(Some(i)),
            }));
        }
    }
    pages
}

/// How many texts a tag's page lists: a tag that runs through the archive is split in pages.
pub const TAG_PAGE_TEXTS: usize = 50;

/// The pages of a tag: at least one.
pub fn tag_page_count(texts: usize) -> u32 {
    u32::try_from(texts.div_ceil(TAG_PAGE_TEXTS).max(1)).unwrap_or(u32::MAX)
}

/// Every tag's pages after its first, in language `lang`.
pub fn tag_pages(site: &Site, lang: usize) -> impl Iterator<Item = Page> + '_ {
    site.tags[lang]
        .iter()
        .enumerate()
        .flat_map(move |(i, tag)| {
            (2..=tag_page_count(tag.texts.len())).map(move |n| Page {
                lang,
                kind: PageKind::TagPage(i, n),
            })
        })
}

/// Site path of a text on language `lang`'s site, e.g. `/en/essays/slug/`.
pub fn text_path(site: &Site, text: &Text, lang: usize) -> String {
    path_of(site, text.kind, &text.slug, lang)
}

/// Site path of the text of `kind` and `slug` on language `lang`'s site, built or not.
pub fn path_of(site: &Site, kind: Kind, slug: &str, lang: usize) -> String {
    let language = &site.config.languages[lang];
    let segment = match kind {
        Kind::Essay => &language.paths.essays,
        Kind::Bulletin => &language.paths.bulletins,
    };
    format!("{}{segment}/{slug}/", site.config.language_root(lang))
}

/// The file name of arc `arc`'s book in language `lang`: the site's name and the arc's path
/// (`durante-arco-1.epub`, `durante-arc-1.epub`).
pub fn book_file_name(site: &Site, lang: usize, arc: u32) -> String {
    let name = crate::slug::slug(&site.config.title);
    let arc_path = crate::slug::slug(&site.config.languages[lang].paths.arc);
    match (name.is_empty(), arc_path.is_empty()) {
        (false, false) => format!("{name}-{arc_path}-{arc}.epub"),
        (false, true) => format!("{name}-{arc}.epub"),
        (true, _) => format!(
            "{}-{arc}.epub",
            if arc_path.is_empty() {
                "book"
            } else {
                &arc_path
            }
        ),
    }
}

/// Site path of a page of language `lang` at `segment`: `/arco/`, `/en/arc/`.
fn page_path(site: &Site, lang: usize, segment: &str) -> String {
    format!("{}{segment}/", site.config.language_root(lang))
}

/// The card a page shows: a text's own, else its language's home card.
pub fn card_of(page: &Page) -> Page {
    let kind = match page.kind {
        PageKind::Text(i) | PageKind::Card(Some(i)) => PageKind::Card(Some(i)),
        _ => PageKind::Card(None),
    };
    Page {
        lang: page.lang,
        kind,
    }
}

/// The output folder of language `lang`'s search bundle: `pagefind/` or `en/pagefind/`.
pub fn bundle_dir(site: &Site, lang: usize) -> String {
    let root = site.config.language_root(lang);
    let rel = root[site.config.base_path().len()..].trim_start_matches('/');
    format!("{rel}{SEARCH_BUNDLE}/")
}

/// Every published file of the texts' folders: (output path, source path from the root). A text's
/// files go beside its page in every language, so a relative link works in each of them.
pub fn asset_outputs(site: &Site) -> Vec<(String, PathBuf)> {
    let base = site.config.base_path().len();
    let mut out = Vec::new();
    for text in &site.texts {
        let files = site.assets.of(text.kind, &text.slug);
        if files.is_empty() {
            continue;
        }
        for lang in 0..site.config.languages.len() {
            let folder = text_path(site, text, lang);
            let folder = folder[base..].trim_start_matches('/');
            out.extend(
                files
                    .iter()
                    .map(|a| (format!("{folder}{}", a.rel), a.source.clone())),
            );
        }
    }
    out
}

/// Every output path that is not a page: static files (`statics`, relative to `static/`), the
/// generated stylesheet, the favicons, `CNAME`, the texts' files.
pub fn other_outputs(site: &Site, statics: &[PathBuf]) -> HashSet<String> {
    let mut files: HashSet<String> = statics
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    files.insert(SYNTAX_CSS.to_string());
    // From static/, or drawn from the site's mark.
    files.insert(crate::mark::FAVICON_SVG.to_string());
    files.insert(crate::mark::FAVICON_ICO.to_string());
    if site.config.cname.is_some() {
        files.insert("CNAME".to_string());
    }
    files.extend(asset_outputs(site).into_iter().map(|(key, _)| key));
    files
}
