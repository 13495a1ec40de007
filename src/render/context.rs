//! Typed template contexts: what each page kind shows, computed from the site model.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::pages::{Page, PageKind};
use super::Renderer;
use crate::absolute::absolutize;
use crate::config::SubscribeConfig;
use crate::content::front_matter::Source;
use crate::content::markdown::Target;
use crate::content::Kind;
use crate::diagnostics::Diagnostic;
use crate::schedule::Status;
use crate::site::{Post, Site, Text};

/// Words a reader reads in a minute, for the reading time.
const WORDS_PER_MINUTE: usize = 220;

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

#[derive(Serialize)]
struct PostView<'a> {
    kind: Kind,
    slug: &'a str,
    title: &'a str,
    summary: &'a str,
    html: Cow<'a, str>,
    /// Language the text is written in.
    lang: &'a str,
    /// Written in a language other than the page's.
    foreign: bool,
    url: String,
    date_iso: String,
    date_text: String,
    updated_iso: Option<String>,
    updated_text: Option<String>,
    week: u32,
    words: usize,
    reading_minutes: usize,
    tags: &'a [String],
    sources: Vec<SourceView<'a>>,
    /// "2–6 de fevereiro de 2026": the week the sources were verified in.
    sources_week: String,
    draft: bool,
    status: Status,
    /// When a scheduled text goes live, in words ("14 de outubro de 2026, 07:00").
    scheduled_text: Option<String>,
    /// schema.org Article metadata, as JSON safe to place inside `<script>`.
    json_ld: String,
}

#[derive(Serialize)]
struct SourceView<'a> {
    title: &'a str,
    url: &'a str,
    date_iso: Option<String>,
    date_text: Option<String>,
}

#[derive(Serialize)]
struct TextLink<'a> {
    kind: Kind,
    title: &'a str,
    url: String,
    week: u32,
    lang: &'a str,
    foreign: bool,
    date_text: String,
}

#[derive(Serialize)]
struct ArcView<'a> {
    weeks: u32,
    rows: Vec<ArcRow<'a>>,
}

#[derive(Serialize)]
struct ArcRow<'a> {
    week: u32,
    /// The year, on the first row and wherever a new year starts (the slots show day and month).
    year: Option<i32>,
    /// Essay, then bulletin.
    slots: [Slot<'a>; 2],
}

#[derive(Serialize)]
struct Slot<'a> {
    date_iso: String,
    date_text: String,
    text: Option<TextLink<'a>>,
}

#[derive(Serialize)]
struct Counters {
    weeks: usize,
    texts: usize,
    words: usize,
    /// Words rounded to thousands, for "about 108 thousand words".
    thousands: usize,
}

/// The template a page kind renders with.
pub fn template_name(kind: PageKind) -> &'static str {
    match kind {
        PageKind::Home => "home.html",
        PageKind::Text(_) => "post.html",
        PageKind::Arc => "arc.html",
        PageKind::Subscribe => "subscribe.html",
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
            // The newest text in full, away from its own page: its relative links are made to work here.
            let newest = site
                .texts
                .last()
                .map(|t| {
                    view.post(t, Target::Page).map(|mut post| {
                        post.html = Cow::Owned(absolutize(&post.html, &post.url));
                        post
                    })
                })
                .transpose()?;
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
        PageKind::Subscribe => {}
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

struct View<'a> {
    renderer: &'a Renderer,
    site: &'a Site,
    lang: usize,
}

impl<'a> View<'a> {
    fn code(&self, lang: usize) -> &'a str {
        &self.site.config.languages[lang].code
    }

    fn date(&self, date: NaiveDate) -> String {
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
                        href: config.absolute(&site.text_path(text, l)),
                    })
                    .collect();
                let switch = languages
                    .clone()
                    .filter(|&l| l != self.lang)
                    .map(|l| LanguageLink {
                        code: self.code(l).to_string(),
                        url: site.text_path(text, l),
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
                    config.absolute(&site.text_path(text, original)),
                )
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
            },
            canonical,
            path,
            alternates,
            languages: switch,
            status_url: self.renderer.preview.map(|_| at(PageKind::Status)),
        }
    }

    fn post(&self, text: &'a Text, target: Target) -> Result<PostView<'a>, Diagnostic> {
        let post: &'a Post = self.site.version(text, self.lang);
        let html = self.renderer.body(self.site, post, target)?;
        let front = &post.front;
        // The week the sources were verified: from the earliest source to the text's own date.
        let dates = front
            .sources
            .iter()
            .filter_map(|s| s.date)
            .chain(std::iter::once(text.date));
        let (first, last) =
            dates.fold((text.date, text.date), |(lo, hi), d| (lo.min(d), hi.max(d)));
        let scheduled_text = (post.status == Status::Scheduled).then(|| {
            let live = self.site.publishing.schedule.goes_live(text.date);
            self.renderer.i18n.date_time(
                self.lang,
                live.date_naive(),
                &live.format("%H:%M").to_string(),
            )
        });
        Ok(PostView {
            kind: text.kind,
            slug: &text.slug,
            title: &front.title,
            summary: &front.summary,
            html,
            lang: self.code(post.source.lang),
            foreign: post.source.lang != self.lang,
            url: self.site.text_path(text, self.lang),
            date_iso: text.date.to_string(),
            date_text: self.date(text.date),
            updated_iso: front.updated.map(|d| d.to_string()),
            updated_text: front.updated.map(|d| self.date(d)),
            week: text.week,
            words: post.body.words,
            reading_minutes: post.body.words.div_ceil(WORDS_PER_MINUTE).max(1),
            tags: &front.tags,
            sources: front.sources.iter().map(|s| self.source(s)).collect(),
            sources_week: self.renderer.i18n.date_range(self.lang, first, last),
            draft: front.draft,
            status: post.status,
            scheduled_text,
            json_ld: self.json_ld(text, post),
        })
    }

    fn json_ld(&self, text: &Text, post: &Post) -> String {
        let config = &self.site.config;
        let value = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": post.front.title,
            "description": post.front.summary,
            "datePublished": text.date.to_string(),
            "dateModified": post.front.updated.unwrap_or(text.date).to_string(),
            "inLanguage": self.code(post.source.lang),
            "author": { "@type": "Person", "name": config.author },
            "publisher": { "@type": "Organization", "name": config.title },
            "mainEntityOfPage": config.absolute(&self.site.text_path(text, post.source.lang)),
            "keywords": post.front.tags,
        });
        // `<`, `>` and `&` as escapes, so no text can close the script element.
        value
            .to_string()
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026")
    }

    fn source(&self, source: &'a Source) -> SourceView<'a> {
        SourceView {
            title: &source.title,
            url: &source.url,
            date_iso: source.date.map(|d| d.to_string()),
            date_text: source
                .date
                .map(|d| self.renderer.i18n.date_short(self.lang, d)),
        }
    }

    fn link(&self, text: &'a Text) -> TextLink<'a> {
        let post = self.site.version(text, self.lang);
        TextLink {
            kind: text.kind,
            title: &post.front.title,
            url: self.site.text_path(text, self.lang),
            week: text.week,
            lang: self.code(post.source.lang),
            foreign: post.source.lang != self.lang,
            date_text: self.date(text.date),
        }
    }

    fn arc(&self) -> ArcView<'a> {
        let site = self.site;
        let weeks = site.last_week();
        let slot = |week: u32, kind: Kind| {
            let date = site.arc.slot_date(week, kind);
            Slot {
                date_iso: date.to_string(),
                date_text: self.renderer.i18n.date_short(self.lang, date),
                text: site
                    .text_in_slot(week, kind)
                    .map(|i| self.link(&site.texts[i])),
            }
        };
        ArcView {
            weeks,
            rows: (1..=weeks)
                .map(|week| {
                    let year = site.arc.week_start(week).year();
                    let previous = (week > 1).then(|| site.arc.week_start(week - 1).year());
                    ArcRow {
                        week,
                        year: (previous != Some(year)).then_some(year),
                        slots: [slot(week, Kind::Essay), slot(week, Kind::Bulletin)],
                    }
                })
                .collect(),
        }
    }

    fn counters(&self) -> Counters {
        let site = self.site;
        let mut weeks: Vec<u32> = site.texts.iter().map(|t| t.week).collect();
        weeks.dedup();
        let words: usize = site
            .texts
            .iter()
            .map(|t| site.version(t, self.lang).body.words)
            .sum();
        Counters {
            weeks: weeks.len(),
            texts: site.texts.len(),
            words,
            thousands: (words + 500) / 1000,
        }
    }
}
