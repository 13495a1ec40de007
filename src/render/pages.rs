//! The plan of a build: every page of every language, with its output path.

use crate::content::Kind;
use crate::site::Site;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageKind {
    Home,
    /// Index into `Site::texts`.
    Text(usize),
    Arc,
    Subscribe,
    /// Every tag of the language, with its count.
    Tags,
    /// Index into `Site::tags[lang]`.
    Tag(usize),
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
                | PageKind::Subscribe
                | PageKind::Tags
                | PageKind::Tag(_)
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
            PageKind::Text(i) => site.text_path(&site.texts[i], self.lang),
            PageKind::Arc => site.page_path(self.lang, &language.paths.arc),
            PageKind::Subscribe => site.page_path(self.lang, &language.paths.subscribe),
            PageKind::Tags => site.page_path(self.lang, &language.paths.tags),
            PageKind::Tag(i) => format!(
                "{}{}/",
                site.page_path(self.lang, &language.paths.tags),
                site.tags[self.lang][i].slug
            ),
            PageKind::Search => site.page_path(self.lang, &language.paths.search),
            PageKind::Card(None) => format!("{root}card.png"),
            PageKind::Card(Some(i)) => {
                format!("{}card.png", site.text_path(&site.texts[i], self.lang))
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
            PageKind::Status => site.page_path(self.lang, crate::status::SEGMENT),
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
        pages.extend((0..site.texts.len()).map(|i| Page {
            lang,
            kind: PageKind::Text(i),
        }));
        pages.extend((0..site.tags[lang].len()).map(|i| Page {
            lang,
            kind: PageKind::Tag(i),
        }));
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
