//! What the templates are given, computed from the model and the plan: the context every page
//! shares (`page`), and the views of texts, lists and cards that pages, feeds and the email edition
//! all show. Made with the `Tools` of a run.

mod card;
mod lists;
mod text;

pub use card::{card_text, cover_text, CardText, CoverText};
pub use text::PostView;

use std::borrow::Cow;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::SubscribeConfig;
use crate::content::markdown::{Env, Target};
use crate::content::Kind;
use crate::diagnostics::Diagnostic;
use crate::highlight::Highlighter;
use crate::i18n::I18n;
use crate::plan::{Page, PageKind};
use crate::site::load::Interface;
use crate::site::{Post, Site};
use crate::templates::Templates;

#[derive(Serialize)]
pub struct Common<'a> {
    lang: &'a str,
    site: SiteView<'a>,
    urls: Urls,
    /// Absolute URL of this page, or of the original when this page shows a text from another language.
    canonical: String,
    path: String,
    /// `hreflang` alternates: the same page in each language it exists in.
    alternates: Vec<Alternate>,
    /// The language switch: this page in each other language.
    languages: Vec<LanguageLink>,
    card: Option<CardMeta>,
    /// The status page, in the preview only (`site serve`); a build has none.
    status_url: Option<String>,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    author: &'a str,
    contact_email: Option<&'a str>,
    tagline: &'a str,
    base_url: &'a str,
    readers: Option<String>,
    subscribe: &'a SubscribeConfig,
    /// The tag the subscription form gives this language's readers.
    subscribe_tag: Option<String>,
    nav: Vec<NavView<'a>>,
    default_lang: &'a str,
    /// Path prefix for static assets: "" or "/repo".
    base_path: &'a str,
}

#[derive(Serialize)]
struct NavView<'a> {
    label: &'a str,
    url: String,
}

#[derive(Serialize)]
struct Urls {
    home: String,
    arc: String,
    subscribe: String,
    feed: String,
    essays_feed: String,
    bulletins_feed: String,
    tags: String,
    /// `None` when the site has no search.
    search: Option<String>,
    /// The search engine's bundle (Pagefind), from the site's root.
    search_bundle: String,
}

/// The page's social card, as OpenGraph and Twitter describe it.
#[derive(Serialize)]
struct CardMeta {
    url: String,
    alt: String,
    width: u32,
    height: u32,
}

#[derive(Serialize)]
pub struct Alternate {
    pub lang: String,
    pub href: String,
}

#[derive(Serialize)]
struct LanguageLink {
    code: String,
    url: String,
    /// The target is the same text written in that language (not only the UI in it).
    translated: bool,
}

/// What every output renders with besides the model: the interface text, the templates, the
/// highlighter, where bodies not kept in memory are read again, and whether this is the preview.
#[derive(Clone, Copy)]
pub struct Tools<'a> {
    pub i18n: &'a I18n,
    pub templates: &'a Templates,
    pub highlighter: &'a Highlighter,
    pub root: &'a Path,
    /// Set when rendering for `site serve`: the pages link the status page.
    pub preview: Option<Preview>,
    /// Where an arc's page learns its book's size; `None` where no page links a book.
    pub books: Option<&'a dyn Books>,
}

/// The made books, as the arc pages see them.
pub trait Books: Sync {
    /// The size in bytes of arc `arc`'s book in language `lang`, when it could be made.
    fn book_size(&self, site: &Site, lang: usize, arc: u32) -> Option<u64>;
}

/// How the preview shows the site.
#[derive(Debug, Clone, Copy)]
pub struct Preview {
    /// Drafts and scheduled texts are shown.
    pub drafts: bool,
}

impl<'a> Tools<'a> {
    /// The tools of a run that loaded `interface`, outside the preview.
    pub fn new(
        interface: &'a Interface,
        highlighter: &'a Highlighter,
        root: &'a Path,
    ) -> Tools<'a> {
        Tools {
            i18n: &interface.i18n,
            templates: &interface.templates,
            highlighter,
            root,
            preview: None,
            books: None,
        }
    }

    /// A text's body as HTML for `target`: the kept page body, or rendered again from its file.
    pub fn body<'p>(
        &self,
        site: &Site,
        post: &'p Post,
        target: Target,
    ) -> Result<Cow<'p, str>, Diagnostic> {
        if let (Target::Page, Some(html)) = (target, &post.body.html) {
            return Ok(Cow::Borrowed(html));
        }
        let env = Env {
            highlighter: self.highlighter,
            base_path: site.config.base_path(),
            base_url: &site.config.base_url,
            assets: site.assets.of(post.source.kind, &post.source.slug),
            reserved_ids: self.templates.reserved_ids(),
        };
        crate::site::render_body(self.root, post, &env, target)
            .map(Cow::Owned)
            .map_err(|d| {
                d.into_iter().min().unwrap_or_else(|| {
                    Diagnostic::error(&post.source.path, "cannot render the text")
                })
            })
    }

    /// A text's Markdown body, read again from its file, and the line it starts on there.
    pub fn body_source(&self, post: &Post) -> Result<(String, usize), Diagnostic> {
        crate::site::read_body(self.root, post).map_err(|d| {
            d.into_iter()
                .min()
                .unwrap_or_else(|| Diagnostic::error(&post.source.path, "cannot read the text"))
        })
    }

    /// The whole file of a text, read again.
    pub fn source(&self, post: &Post) -> Result<String, Diagnostic> {
        crate::content::load::read_one(self.root, post.source.clone()).map(|f| f.text)
    }

    /// The view of `site` in language `lang`.
    pub fn view(&self, site: &'a Site, lang: usize) -> View<'a> {
        View {
            tools: *self,
            site,
            lang,
        }
    }
}

/// `page` and `post` for text `index` on language `lang`'s site, its body rendered for `target`:
/// the context of a feed item and of an email edition.
pub fn text_context(
    tools: &Tools,
    site: &Site,
    index: usize,
    lang: usize,
    target: Target,
) -> Result<tera::Context, Diagnostic> {
    let view = tools.view(site, lang);
    let page = Page {
        lang,
        kind: PageKind::Text(index),
    };
    let mut ctx = tera::Context::new();
    ctx.insert("page", &view.common(&page));
    ctx.insert("post", &view.post(&site.texts[index], target)?);
    Ok(ctx)
}

/// The site seen from the pages of one language.
pub struct View<'a> {
    pub tools: Tools<'a>,
    pub site: &'a Site,
    pub lang: usize,
}

impl<'a> View<'a> {
    fn code(&self, lang: usize) -> &'a str {
        &self.site.config.languages[lang].code
    }

    fn date(&self, date: NaiveDate) -> String {
        self.tools.i18n.date_long(self.lang, date)
    }

    /// The page in each of `languages`, as `hreflang` alternates at absolute addresses.
    fn alternates(
        &self,
        languages: impl Iterator<Item = usize>,
        url: impl Fn(usize) -> String,
    ) -> Vec<Alternate> {
        languages
            .map(|l| Alternate {
                lang: self.code(l).to_string(),
                href: self.site.config.absolute(&url(l)),
            })
            .collect()
    }

    /// The language switch: every other language with the page's address there, and whether that
    /// is the same page translated (else a stand-in).
    fn switch(&self, url: impl Fn(usize) -> (String, bool)) -> Vec<LanguageLink> {
        (0..self.site.config.languages.len())
            .filter(|&l| l != self.lang)
            .map(|l| {
                let (url, translated) = url(l);
                LanguageLink {
                    code: self.code(l).to_string(),
                    url,
                    translated,
                }
            })
            .collect()
    }

    /// What every page shows: the site, its links, this page's addresses and card.
    pub fn common(&self, page: &Page) -> Common<'a> {
        let site = self.site;
        let config = &site.config;
        let language = &config.languages[self.lang];
        let path = page.url_path(site);
        let languages = 0..config.languages.len();
        let (alternates, switch, canonical) = match page.kind {
            PageKind::Text(i) => {
                let text = &site.texts[i];
                let written: Vec<usize> = languages
                    .clone()
                    .filter(|&l| text.versions[l].is_some())
                    .collect();
                let url = |l: usize| crate::plan::text_path(site, text, l);
                let alternates = self.alternates(written.iter().copied(), url);
                let switch = self.switch(|l| (url(l), text.versions[l].is_some()));
                let original = if text.versions[self.lang].is_some() {
                    self.lang
                } else {
                    site.version(text, self.lang).source.lang
                };
                (
                    alternates,
                    switch,
                    config.absolute(&crate::plan::text_path(site, text, original)),
                )
            }
            PageKind::Tag(i) | PageKind::TagPage(i, _) => {
                // The same tag (by slug) in another language, where one carries it.
                let slug = &site.tags[self.lang][i].slug;
                let same = |l: usize| {
                    site.tags[l].iter().position(|t| &t.slug == slug).map(|j| {
                        Page {
                            lang: l,
                            kind: PageKind::Tag(j),
                        }
                        .url_path(site)
                    })
                };
                let carried: Vec<usize> = languages.filter(|&l| same(l).is_some()).collect();
                // A tag of one language only has no alternates; nor has a later page, whose texts
                // differ from the other language's page of that number.
                let first_page = matches!(page.kind, PageKind::Tag(_));
                let alternates = if carried.len() > 1 && first_page {
                    self.alternates(carried.into_iter(), |l| same(l).unwrap_or_default())
                } else {
                    Vec::new()
                };
                let switch = self.switch(|l| match same(l) {
                    Some(url) => (url, true),
                    // No text of that language carries the tag: its tag index stands in.
                    None => {
                        let tags = Page {
                            lang: l,
                            kind: PageKind::Tags,
                        };
                        (tags.url_path(site), false)
                    }
                });
                (alternates, switch, config.absolute(&path))
            }
            _ => {
                let same = |l: usize| {
                    Page {
                        lang: l,
                        kind: page.kind,
                    }
                    .url_path(site)
                };
                let alternates = self.alternates(languages, same);
                let switch = self.switch(|l| (same(l), true));
                (alternates, switch, config.absolute(&path))
            }
        };
        let at = |kind: PageKind| {
            Page {
                lang: self.lang,
                kind,
            }
            .url_path(site)
        };
        Common {
            lang: &language.code,
            site: SiteView {
                title: &config.title,
                author: &config.author,
                contact_email: config.contact_email.as_deref(),
                tagline: &language.tagline,
                base_url: &config.base_url,
                readers: config.readers.map(|n| self.tools.i18n.number(self.lang, n)),
                subscribe: &config.subscribe,
                subscribe_tag: config.subscribe.tag.of(&language.code),
                nav: config
                    .nav
                    .iter()
                    .filter_map(|n| {
                        let url = n.url.get(&language.code)?;
                        let url = match url.starts_with('/') {
                            true => format!("{}{url}", config.base_path()),
                            false => url.to_string(),
                        };
                        Some(NavView {
                            label: n.label.get(&language.code)?,
                            url,
                        })
                    })
                    .collect(),
                default_lang: &config.default_language().code,
                base_path: config.base_path(),
            },
            urls: Urls {
                home: at(PageKind::Home),
                arc: at(PageKind::Arc),
                subscribe: at(PageKind::Subscribe),
                feed: at(PageKind::Feed(None)),
                essays_feed: at(PageKind::Feed(Some(Kind::Essay))),
                bulletins_feed: at(PageKind::Feed(Some(Kind::Bulletin))),
                tags: at(PageKind::Tags),
                search: config.search.then(|| at(PageKind::Search)),
                search_bundle: format!(
                    "{}/{}",
                    config.base_path(),
                    crate::plan::bundle_dir(site, self.lang)
                ),
            },
            canonical,
            path,
            alternates,
            languages: switch,
            card: site.cards.then(|| {
                let card = crate::plan::card_of(page);
                let text = card_text(self.tools.i18n, site, &card);
                CardMeta {
                    url: config.absolute(&card.url_path(site)),
                    alt: text.alt(),
                    width: crate::plan::CARD_WIDTH,
                    height: crate::plan::CARD_HEIGHT,
                }
            }),
            status_url: self.tools.preview.map(|_| at(PageKind::Status)),
        }
    }
}
