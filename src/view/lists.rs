//! What the templates show of lists of texts: the arc week by week, the counters, the tags.

use chrono::Datelike;
use serde::Serialize;

use super::text::TextLink;
use super::View;
use crate::content::Kind;

#[derive(Serialize)]
pub struct ArcView<'a> {
    weeks: u32,
    rows: Vec<ArcRow<'a>>,
}

#[derive(Serialize)]
pub struct ArcRow<'a> {
    week: u32,
    /// The year, on the first row and wherever a new year starts (the slots show day and month).
    year: Option<i32>,
    /// Essay, then bulletin.
    slots: [Slot<'a>; 2],
}

#[derive(Serialize)]
pub struct Slot<'a> {
    date_iso: String,
    date_text: String,
    text: Option<TextLink<'a>>,
    /// Its day is gone: an empty slot is one that was not written, not one to come.
    past: bool,
}

#[derive(Serialize)]
pub struct Counters {
    weeks: usize,
    texts: usize,
    words: usize,
    /// Words rounded to thousands, for "about 108 thousand words".
    thousands: usize,
}

/// A tag on the page listing every tag.
#[derive(Serialize)]
pub struct TagEntry<'a> {
    name: &'a str,
    url: String,
    count: usize,
}

/// A tag's own page.
#[derive(Serialize)]
pub struct TagView<'a> {
    name: &'a str,
    slug: &'a str,
    count: usize,
}

impl<'a> View<'a> {
    pub fn arc(&self) -> ArcView<'a> {
        let site = self.site;
        let weeks = site.last_week();
        let today = site.today();
        let slot = |week: u32, kind: Kind| {
            let date = site.arc.slot_date(week, kind);
            Slot {
                past: date < today,
                date_iso: date.to_string(),
                date_text: self.tools.i18n.date_short(self.lang, date),
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

    pub fn counters(&self) -> Counters {
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

    /// Every tag of the page's language, by name, with how many texts carry it.
    pub fn tags(&self) -> Vec<TagEntry<'a>> {
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
    pub fn tag(&self, i: usize) -> (TagView<'a>, Vec<TextLink<'a>>) {
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
