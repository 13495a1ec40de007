//! What the templates show of a text: the text in full, a link to it, its sources and tags.

use std::borrow::Cow;

use serde::Serialize;

use super::View;
use crate::content::front_matter::Source;
use crate::content::markdown::Target;
use crate::content::Kind;
use crate::diagnostics::Diagnostic;
use crate::schedule::Status;
use crate::site::translation::{standing, Standing};
use crate::site::{Post, Text};

/// Words a reader reads in a minute, for the reading time.
const WORDS_PER_MINUTE: usize = 220;

#[derive(Serialize)]
pub struct PostView<'a> {
    // (html and url are rewritten for the home, which shows the newest text away from its page)
    kind: Kind,
    slug: &'a str,
    title: &'a str,
    summary: &'a str,
    pub html: Cow<'a, str>,
    /// Language the text is written in.
    lang: &'a str,
    /// Written in a language other than the page's.
    foreign: bool,
    pub url: String,
    date_iso: String,
    date_text: String,
    updated_iso: Option<String>,
    updated_text: Option<String>,
    /// The week in its arc, and the arc (0 while the site has one).
    week: u32,
    arc: u32,
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
    /// The original, when this is a translation its original changed after: the page says so.
    outdated: Option<OriginalLink>,
    /// schema.org Article metadata, as JSON safe to place inside `<script>`.
    json_ld: String,
}

/// The original of an outdated translation: its page and its language.
#[derive(Serialize)]
pub struct OriginalLink {
    url: String,
    lang: String,
}

#[derive(Serialize)]
pub struct SourceView<'a> {
    title: &'a str,
    url: &'a str,
    date_iso: Option<String>,
    date_text: Option<String>,
}

#[derive(Serialize)]
pub struct TextLink<'a> {
    kind: Kind,
    title: &'a str,
    url: String,
    week: u32,
    arc: u32,
    lang: &'a str,
    foreign: bool,
    date_iso: String,
    date_text: String,
}

impl<'a> View<'a> {
    pub fn post(&self, text: &'a Text, target: Target) -> Result<PostView<'a>, Diagnostic> {
        let post: &'a Post = self.site.version(text, self.lang);
        let html = self.tools.body(self.site, post, target)?;
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
            self.tools.i18n.date_time(
                self.lang,
                live.date_naive(),
                &live.format("%H:%M").to_string(),
            )
        });
        let outdated = match standing(self.site, text, post.source.lang) {
            Some(Standing::Outdated { from }) if post.source.lang == self.lang => {
                Some(OriginalLink {
                    url: crate::plan::text_path(self.site, text, from),
                    lang: self.code(from).to_string(),
                })
            }
            _ => None,
        };
        let (arc, week) = self.site.week_name(text.week);
        Ok(PostView {
            outdated,
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
            week,
            arc,
            words: post.body.words,
            reading_minutes: post.body.words.div_ceil(WORDS_PER_MINUTE).max(1),
            tags: self.tag_links(post),
            sources: front.sources.iter().map(|s| self.source(s)).collect(),
            sources_week: self.tools.i18n.date_range(self.lang, first, last),
            draft: front.draft,
            status: post.status,
            scheduled_text,
            json_ld: self.json_ld(text, post),
        })
    }

    pub fn json_ld(&self, text: &Text, post: &Post) -> String {
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

    pub fn source(&self, source: &'a Source) -> SourceView<'a> {
        SourceView {
            title: &source.title,
            url: &source.url,
            date_iso: source.date.map(|d| d.to_string()),
            date_text: source
                .date
                .map(|d| self.tools.i18n.date_short(self.lang, d)),
        }
    }

    pub fn link(&self, text: &'a Text) -> TextLink<'a> {
        let post = self.site.version(text, self.lang);
        let (arc, week) = self.site.week_name(text.week);
        TextLink {
            kind: text.kind,
            title: &post.front.title,
            url: crate::plan::text_path(self.site, text, self.lang),
            week,
            arc,
            lang: self.code(post.source.lang),
            foreign: post.source.lang != self.lang,
            date_iso: text.date.to_string(),
            date_text: self.date(text.date),
        }
    }
}

/// A tag under a text: its page, in the language the text is written in.
#[derive(Serialize)]
pub struct TagLink<'a> {
    name: &'a str,
    url: Option<String>,
}

impl<'a> View<'a> {
    /// The newest text in full on the home, away from its own page: its relative links made to work there.
    pub fn post_away(&self, text: &'a Text) -> Result<PostView<'a>, Diagnostic> {
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
}
