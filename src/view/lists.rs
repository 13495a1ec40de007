//! What the templates show of lists of texts: the arc week by week, the counters, the tags.

use chrono::Datelike;
use serde::Serialize;

use super::text::TextLink;
use super::View;
use crate::content::Kind;

/// One arc as its page and the home show it: its name, dates and counters, and its weeks.
#[derive(Serialize)]
pub struct ArcView<'a> {
    number: u32,
    /// Its title in the page's language, when site.toml gives one.
    title: Option<String>,
    /// The site has more than one arc: the arc is named by its number too.
    many: bool,
    /// Its length in weeks.
    weeks: u32,
    start_iso: String,
    start_text: String,
    /// The day of its last bulletin or essay, whichever is later.
    end_iso: String,
    end_text: String,
    url: String,
    pub counters: Counters,
    rows: Vec<ArcRow<'a>>,
    /// The arc's book in the page's language, once the arc has ended.
    book: Option<BookLink>,
}

/// A link to an arc's book (EPUB) and its size in words ("412 KB").
#[derive(Serialize)]
pub struct BookLink {
    url: String,
    file_name: String,
    size_text: Option<String>,
}

/// An arc in the list of every arc.
#[derive(Serialize)]
pub struct ArcEntry {
    number: u32,
    title: Option<String>,
    weeks: u32,
    start_text: String,
    end_text: String,
    url: String,
    texts: usize,
    /// Its words, written as the language writes numbers.
    words: String,
    /// Today's arc.
    current: bool,
}

/// The arc to come, during a break between two.
#[derive(Serialize)]
pub struct NextArc {
    number: u32,
    title: Option<String>,
    start_iso: String,
    start_text: String,
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

/// A tag's own page: one of its pages when it has more texts than a page lists.
#[derive(Serialize)]
pub struct TagView<'a> {
    name: &'a str,
    slug: &'a str,
    count: usize,
    /// This page's number and how many there are.
    page: u32,
    pages: u32,
    /// The pages of newer and of older texts.
    newer: Option<String>,
    older: Option<String>,
}

impl<'a> View<'a> {
    /// Arc `number`: its weeks, each with its essay and bulletin slots.
    pub fn arc(&self, number: u32) -> ArcView<'a> {
        let site = self.site;
        let season = site.arc.season_of_number(number);
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
        let mut previous = None;
        let rows = (season.first..=season.last())
            .map(|week| {
                let year = site.arc.week_start(week).year();
                let first_of_year = previous != Some(year);
                previous = Some(year);
                ArcRow {
                    week: week - season.first + 1,
                    year: first_of_year.then_some(year),
                    slots: [slot(week, Kind::Essay), slot(week, Kind::Bulletin)],
                }
            })
            .collect();
        let end = self.last_day(&season);
        ArcView {
            number,
            title: self.arc_title(&season),
            many: site.has_many_arcs(),
            weeks: season.weeks,
            start_iso: season.start.to_string(),
            start_text: self.date(season.start),
            end_iso: end.to_string(),
            end_text: self.date(end),
            url: self.arc_url(number),
            counters: self.counters_of(self.texts_of(&season)),
            rows,
            book: self.book_link(number),
        }
    }

    /// The link to arc `number`'s book in this language, when the site makes one.
    fn book_link(&self, number: u32) -> Option<BookLink> {
        let site = self.site;
        if !site.has_edition(self.lang, number) {
            return None;
        }
        let page = crate::plan::Page {
            lang: self.lang,
            kind: crate::plan::PageKind::Book(number),
        };
        let size_text = self
            .tools
            .books
            .and_then(|books| books.book_size(site, self.lang, number))
            .map(|bytes| {
                format!(
                    "{} KB",
                    self.tools.i18n.number(self.lang, bytes.div_ceil(1024))
                )
            });
        Some(BookLink {
            url: page.url_path(site),
            file_name: crate::plan::book_file_name(site, self.lang, number),
            size_text,
        })
    }

    /// Every arc that has a page, oldest first.
    pub fn arcs(&self) -> Vec<ArcEntry> {
        let site = self.site;
        let current = site.current_arc();
        site.arc_numbers()
            .into_iter()
            .map(|number| {
                let season = site.arc.season_of_number(number);
                let counters = self.counters_of(self.texts_of(&season));
                ArcEntry {
                    number,
                    title: self.arc_title(&season),
                    weeks: season.weeks,
                    start_text: self.date(season.start),
                    end_text: self.date(self.last_day(&season)),
                    url: self.arc_url(number),
                    texts: counters.texts,
                    words: self.tools.i18n.number(self.lang, counters.words as u64),
                    current: number == current,
                }
            })
            .collect()
    }

    /// The arc to come while today falls in a break.
    pub fn next_arc(&self) -> Option<NextArc> {
        let season = self.site.next_arc()?;
        Some(NextArc {
            number: season.number,
            title: self.arc_title(&season),
            start_iso: season.start.to_string(),
            start_text: self.date(season.start),
        })
    }

    fn arc_title(&self, season: &crate::arc::Season) -> Option<String> {
        let code = &self.site.config.languages[self.lang].code;
        season.title.as_ref().and_then(|t| t.get(code).cloned())
    }

    fn arc_url(&self, number: u32) -> String {
        crate::plan::Page {
            lang: self.lang,
            kind: crate::plan::PageKind::Season(number),
        }
        .url_path(self.site)
    }

    /// The last slot's day of an arc.
    fn last_day(&self, season: &crate::arc::Season) -> chrono::NaiveDate {
        Kind::ALL
            .map(|k| self.site.arc.slot_date(season.last(), k))
            .into_iter()
            .max()
            .unwrap_or(season.start)
    }

    /// The texts of an arc: a run of `Site::texts`, which are in calendar order.
    fn texts_of(&self, season: &crate::arc::Season) -> impl Iterator<Item = &'a crate::site::Text> {
        let texts = &self.site.texts;
        let from = texts.partition_point(|t| t.week < season.first);
        let to = texts.partition_point(|t| t.week <= season.last());
        texts[from..to].iter()
    }

    /// The counters of the whole archive.
    pub fn counters(&self) -> Counters {
        self.counters_of(self.site.texts.iter())
    }

    /// Weeks with a text, texts and words of `texts` (oldest first).
    fn counters_of(&self, texts: impl Iterator<Item = &'a crate::site::Text>) -> Counters {
        let (mut weeks, mut count, mut words) = (0, 0, 0);
        let mut last_week = None;
        for text in texts {
            if last_week != Some(text.week) {
                weeks += 1;
                last_week = Some(text.week);
            }
            count += 1;
            words += self.site.version(text, self.lang).body.words;
        }
        Counters {
            weeks,
            texts: count,
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
    /// Page `n` of tag `i`: its texts, newest first, a page's worth.
    pub fn tag(&self, i: usize, n: u32) -> (TagView<'a>, Vec<TextLink<'a>>) {
        use crate::plan::{Page, PageKind, TAG_PAGE_TEXTS};
        let tag = &self.site.tags[self.lang][i];
        let pages = crate::plan::tag_page_count(tag.texts.len());
        let skip = (n as usize - 1).saturating_mul(TAG_PAGE_TEXTS);
        let texts = tag
            .texts
            .iter()
            .skip(skip)
            .take(TAG_PAGE_TEXTS)
            .map(|&t| self.link(&self.site.texts[t]))
            .collect();
        let url = |n: u32| {
            let kind = match n {
                1 => PageKind::Tag(i),
                n => PageKind::TagPage(i, n),
            };
            Page {
                lang: self.lang,
                kind,
            }
            .url_path(self.site)
        };
        (
            TagView {
                name: &tag.name,
                slug: &tag.slug,
                count: tag.texts.len(),
                page: n,
                pages,
                newer: (n > 1).then(|| url(n - 1)),
                older: (n < pages).then(|| url(n + 1)),
            },
            texts,
        )
    }
}
