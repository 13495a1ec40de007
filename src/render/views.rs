//! What the templates show of texts: a text in full, a link to one, the arc, the counters, the tags.

use std::borrow::Cow;

use chrono::Datelike;
use serde::Serialize;

use super::context::View;
use crate::content::front_matter::Source;
use crate::content::markdown::Target;
use crate::content::Kind;
use crate::diagnostics::Diagnostic;
use crate::schedule::Status;
use crate::site::{Post, Text};

/// Words a reader reads in a minute, for the reading time.
const WORDS_PER_MINUTE: usize = 220;

#[derive(Serialize)]
pub(super) struct PostView<'a> {
    // (html and url are rewritten for the home, which shows the newest text away from its page)
    kind: Kind,
    slug: &'a str,
    title: &'a str,
    summary: &'a str,
    pub(super) html: Cow<'a, str>,
    /// Language the text is written in.
    lang: &'a str,
    /// Written in a language other than the page's.
    foreign: bool,
    pub(super) url: String,
    date_iso: String,
    date_text: String,
    updated_iso: Option<String>,
    updated_text: Option<String>,
    week: u32,
    words: usize,
    reading_minutes: usize,
    tags: Vec<TagLink<'a>>,
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
pub(super) struct SourceView<'a> {
    title: &'a str,
    url: &'a str,
    date_iso: Option<String>,
    date_text: Option<String>,
}

#[derive(Serialize)]
pub(super) struct TextLink<'a> {
    kind: Kind,
    title: &'a str,
    url: String,
    week: u32,
    lang: &'a str,
    foreign: bool,
    date_iso: String,
    date_text: String,
}

#[derive(Serialize)]
pub(super) struct ArcView<'a> {
    weeks: u32,
    rows: Vec<ArcRow<'a>>,
}

#[derive(Serialize)]
pub(super) struct ArcRow<'a> {
    week: u32,
    /// The year, on the first row and wherever a new year starts (the slots show day and month).
    year: Option<i32>,
    /// Essay, then bulletin.
    slots: [Slot<'a>; 2],
}

#[derive(Serialize)]
pub(super) struct Slot<'a> {
    date_iso: String,
    date_text: String,
    text: Option<TextLink<'a>>,
}

#[derive(Serialize)]
pub(super) struct Counters {
    weeks: usize,
    texts: usize,
    words: usize,
    /// Words rounded to thousands, for "about 108 thousand words".
    thousands: usize,
}

impl<'a> View<'a> {
    pub(super) fn post(&self, text: &'a Text, target: Target) -> Result<PostView<'a>, Diagnostic> {
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
            url: crate::plan::text_path(self.site, text, self.lang),
            date_iso: text.date.to_string(),
            date_text: self.date(text.date),
            updated_iso: front.updated.map(|d| d.to_string()),
            updated_text: front.updated.map(|d| self.date(d)),
            week: text.week,
            words: post.body.words,
            reading_minutes: post.body.words.div_ceil(WORDS_PER_MINUTE).max(1),
            tags: self.tag_links(post),
            sources: front.sources.iter().map(|s| self.source(s)).collect(),
            sources_week: self.renderer.i18n.date_range(self.lang, first, last),
            draft: front.draft,
            status: post.status,
            scheduled_text,
            json_ld: self.json_ld(text, post),
        })
    }

    pub(super) fn json_ld(&self, text: &Text, post: &Post) -> String {
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
            "mainEntityOfPage": config.absolute(&crate::plan::text_path(self.site, text, post.source.lang)),
            "keywords": post.front.tags,
        });
        // `<`, `>` and `&` as escapes, so no text can close the script element; JSON writes C0
        // controls as escapes, and the rest of what no page may hold is left out.
        crate::chars::strip(&value.to_string())
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026")
    }

    pub(super) fn source(&self, source: &'a Source) -> SourceView<'a> {
        SourceView {
            title: &source.title,
            url: &source.url,
            date_iso: source.date.map(|d| d.to_string()),
            date_text: source
                .date
                .map(|d| self.renderer.i18n.date_short(self.lang, d)),
        }
    }

    pub(super) fn link(&self, text: &'a Text) -> TextLink<'a> {
        let post = self.site.version(text, self.lang);
        TextLink {
            kind: text.kind,
            title: &post.front.title,
            url: crate::plan::text_path(self.site, text, self.lang),
            week: text.week,
            lang: self.code(post.source.lang),
            foreign: post.source.lang != self.lang,
            date_iso: text.date.to_string(),
            date_text: self.date(text.date),
        }
    }

    pub(super) fn arc(&self) -> ArcView<'a> {
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
        // Every week of the arc; past its length, only the weeks that hold a text, so one text dated
        // far ahead (a draft in 3999) adds one row, not a hundred thousand empty ones.
        let mut later: Vec<u32> = site
            .texts
            .iter()
            .map(|t| t.week)
            .filter(|w| *w > site.arc.weeks)
            .collect();
        later.dedup();
        let mut previous = None;
        ArcView {
            weeks,
            rows: (1..=site.arc.weeks)
                .chain(later)
                .map(|week| {
                    let year = site.arc.week_start(week).year();
                    let first_of_year = previous != Some(year);
                    previous = Some(year);
                    ArcRow {
                        week,
                        year: first_of_year.then_some(year),
                        slots: [slot(week, Kind::Essay), slot(week, Kind::Bulletin)],
                    }
                })
                .collect(),
        }
    }

    pub(super) fn counters(&self) -> Counters {
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

/// A tag under a text: its page, in the language the text is written in.
#[derive(Serialize)]
pub(super) struct TagLink<'a> {
    name: &'a str,
    url: Option<String>,
}

/// A tag on the page listing every tag.
#[derive(Serialize)]
pub(super) struct TagEntry<'a> {
    name: &'a str,
    url: String,
    count: usize,
}

/// A tag's own page.
#[derive(Serialize)]
pub(super) struct TagView<'a> {
    name: &'a str,
    slug: &'a str,
    count: usize,
}

impl<'a> View<'a> {
    /// The newest text in full on the home, away from its own page: its relative links made to work there.
    pub(super) fn post_away(&self, text: &'a Text) -> Result<PostView<'a>, Diagnostic> {
        let mut post = self.post(text, Target::Page)?;
        post.html = Cow::Owned(crate::html::absolutize(&post.html, &post.url));
        Ok(post)
    }

    fn tag_links(&self, post: &'a Post) -> Vec<TagLink<'a>> {
        let lang = post.source.lang;
        post.front
            .tags
            .iter()
            .map(|name| {
                let slug = crate::slug::slug(name);
                let url = self.site.tags[lang]
                    .iter()
                    .position(|t| t.slug == slug)
                    .map(|i| {
                        crate::plan::Page {
                            lang,
                            kind: crate::plan::PageKind::Tag(i),
                        }
                        .url_path(self.site)
                    });
                TagLink { name, url }
            })
            .collect()
    }

    /// Every tag of the page's language, by name, with how many texts carry it.
    pub(super) fn tags(&self) -> Vec<TagEntry<'a>> {
        let mut tags: Vec<TagEntry> = self.site.tags[self.lang]
            .iter()
            .enumerate()
            .map(|(i, tag)| TagEntry {
                name: &tag.name,
                url: crate::plan::Page {
                    lang: self.lang,
                    kind: crate::plan::PageKind::Tag(i),
                }
                .url_path(self.site),
                count: tag.texts.len(),
            })
            .collect();
        tags.sort_by_key(|t| (crate::slug::slug(t.name), t.name));
        tags
    }

    /// Tag `i` of the page's language and its texts, newest first.
    pub(super) fn tag(&self, i: usize) -> (TagView<'a>, Vec<TextLink<'a>>) {
        let tag = &self.site.tags[self.lang][i];
        let texts = tag
            .texts
            .iter()
            .map(|&t| self.link(&self.site.texts[t]))
            .collect();
        (
            TagView {
                name: &tag.name,
                slug: &tag.slug,
                count: tag.texts.len(),
            },
            texts,
        )
    }
}
