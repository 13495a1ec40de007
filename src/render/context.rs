//! Typed template contexts: what each page kind shows, computed from the site model.

use chrono::NaiveDate;
use serde::Serialize;

use super::Renderer;
use crate::config::SubscribeConfig;
use crate::content::markdown::Target;
use crate::content::Kind;
use crate::diagnostics::Diagnostic;
use crate::plan::{Page, PageKind};
use crate::site::Site;

#[derive(Serialize)]
struct Common<'a> {
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
struct Alternate {
    lang: String,
    href: String,
}

#[derive(Serialize)]
struct LanguageLink {
    code: String,
    url: String,
    /// The target is the same text written in that language (not only the UI in it).
    translated: bool,
}

/// The template a page kind renders with.
pub fn template_name(kind: PageKind) -> &'static str {
    match kind {
        PageKind::Home => "home.html",
        PageKind::Text(_) => "post.html",
        PageKind::Arc => "arc.html",
        PageKind::Subscribe => "subscribe.html",
        PageKind::Tags => "tags.html",
        PageKind::Tag(_) => "tag.html",
        PageKind::Search => "search.html",
        PageKind::Card(_) => "card.svg",
        PageKind::Feed(_) => "feeds (written by feeds.rs)",
        PageKind::NotFound => "404.html",
        PageKind::Sitemap => "sitemap (written by sitemap.rs)",
        PageKind::Robots => "robots.txt",
        PageKind::Status => "status.html",
    }
}

/// The template and context of one page.
pub fn build(
    renderer: &Renderer,
    site: &Site,
    page: &Page,
) -> Result<(&'static str, tera::Context), Diagnostic> {
    let view = View {
        renderer,
        site,
        lang: page.lang,
    };
    let mut ctx = tera::Context::new();
    ctx.insert("page", &view.common(page));
    match page.kind {
        PageKind::Home => {
            ctx.insert("counters", &view.counters());
            let newest = site.texts.last().map(|t| view.post_away(t)).transpose()?;
            ctx.insert("newest", &newest);
            let latest_essay = site
                .texts
                .iter()
                .rev()
                .find(|t| t.kind == Kind::Essay)
                .map(|t| view.link(t));
            ctx.insert("latest_essay", &latest_essay);
            ctx.insert("arc", &view.arc());
        }
        PageKind::Text(i) => {
            let text = &site.texts[i];
            ctx.insert("post", &view.post(text, Target::Page)?);
            ctx.insert(
                "previous",
                &i.checked_sub(1).map(|p| view.link(&site.texts[p])),
            );
            ctx.insert("next", &site.texts.get(i + 1).map(|t| view.link(t)));
        }
        PageKind::Arc => {
            ctx.insert("arc", &view.arc());
            ctx.insert("counters", &view.counters());
        }
        PageKind::Subscribe | PageKind::Search => {}
        PageKind::Tags => ctx.insert("tags", &view.tags()),
        PageKind::Tag(i) => {
            let (tag, texts) = view.tag(i);
            ctx.insert("tag", &tag);
            ctx.insert("texts", &texts);
        }
        PageKind::Card(_) => {
            unreachable!("cards are drawn by cards::CardRenderer, not a page template")
        }
        PageKind::Feed(_) => unreachable!("feeds are written by feeds::write, not a template"),
        PageKind::NotFound => {
            let homes: Vec<Alternate> = (0..site.config.languages.len())
                .map(|l| Alternate {
                    lang: site.config.languages[l].code.clone(),
                    href: site.config.language_root(l),
                })
                .collect();
            ctx.insert("all_languages", &homes);
        }
        PageKind::Sitemap => unreachable!("the sitemap is written by sitemap::write"),
        PageKind::Status => {
            let drafts = renderer.preview.is_none_or(|p| p.drafts);
            ctx.insert(
                "desk",
                &crate::status::page_view(site, &renderer.i18n, page.lang, drafts),
            );
        }
        PageKind::Robots => {
            ctx.insert(
                "sitemap_url",
                &site.config.absolute(
                    &Page {
                        lang: 0,
                        kind: PageKind::Sitemap,
                    }
                    .url_path(site),
                ),
            );
        }
    }
    Ok((template_name(page.kind), ctx))
}

/// `page` and `post` for text `index` on language `lang`'s site, its body rendered for `target`:
/// the context of a feed item and of an email edition.
pub fn text_context(
    renderer: &Renderer,
    site: &Site,
    index: usize,
    lang: usize,
    target: Target,
) -> Result<tera::Context, Diagnostic> {
    let view = View {
        renderer,
        site,
        lang,
    };
    let page = Page {
        lang,
        kind: PageKind::Text(index),
    };
    let mut ctx = tera::Context::new();
    ctx.insert("page", &view.common(&page));
    ctx.insert("post", &view.post(&site.texts[index], target)?);
    Ok(ctx)
}

pub(super) struct View<'a> {
    pub(super) renderer: &'a Renderer,
    pub(super) site: &'a Site,
    pub(super) lang: usize,
}

impl<'a> View<'a> {
    pub(super) fn code(&self, lang: usize) -> &'a str {
        &self.site.config.languages[lang].code
    }

    pub(super) fn date(&self, date: NaiveDate) -> String {
        self.renderer.i18n.date_long(self.lang, date)
    }

    fn common(&self, page: &Page) -> Common<'a> {
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
                let alternates = written
                    .iter()
                    .map(|&l| Alternate {
                        lang: self.code(l).to_string(),
                        href: config.absolute(&crate::plan::text_path(site, text, l)),
                    })
                    .collect();
                let switch = languages
                    .clone()
                    .filter(|&l| l != self.lang)
                    .map(|l| LanguageLink {
                        code: self.code(l).to_string(),
                        url: crate::plan::text_path(site, text, l),
                        translated: text.versions[l].is_some(),
                    })
                    .collect();
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
            PageKind::Tag(i) => {
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
                let alternates: Vec<Alternate> = languages
                    .clone()
                    .filter_map(|l| {
                        same(l).map(|url| Alternate {
                            lang: self.code(l).to_string(),
                            href: config.absolute(&url),
                        })
                    })
                    .collect();
                let alternates = if alternates.len() > 1 {
                    alternates
                } else {
                    Vec::new()
                };
                let switch = languages
                    .clone()
                    .filter(|&l| l != self.lang)
                    .map(|l| {
                        let tag = same(l);
                        LanguageLink {
                            code: self.code(l).to_string(),
                            translated: tag.is_some(),
                            url: tag.unwrap_or_else(|| {
                                Page {
                                    lang: l,
                                    kind: PageKind::Tags,
                                }
                                .url_path(site)
                            }),
                        }
                    })
                    .collect();
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
                let alternates = languages
                    .clone()
                    .map(|l| Alternate {
                        lang: self.code(l).to_string(),
                        href: config.absolute(&same(l)),
                    })
                    .collect();
                let switch = languages
                    .clone()
                    .filter(|&l| l != self.lang)
                    .map(|l| LanguageLink {
                        code: self.code(l).to_string(),
                        url: same(l),
                        translated: true,
                    })
                    .collect();
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
                readers: config
                    .readers
                    .map(|n| self.renderer.i18n.number(self.lang, n)),
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
                let text = super::cards::strings(self.renderer, site, &card);
                CardMeta {
                    url: config.absolute(&card.url_path(site)),
                    alt: text.alt(),
                    width: crate::cards::WIDTH,
                    height: crate::cards::HEIGHT,
                }
            }),
            status_url: self.renderer.preview.map(|_| at(PageKind::Status)),
        }
    }
}
