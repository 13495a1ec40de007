//! The in-memory model: posts grouped into texts (translations), ordered in the arc, with neighbours.
//! Built once per build and shared by reference with every page.

use std::collections::BTreeMap;
use std::sync::Arc as Shared;

use chrono::NaiveDate;

use crate::arc::Calendar;
use crate::config::Config;
use crate::content::assets::Assets;
use crate::content::Kind;
use crate::diagnostics::Diagnostic;
use crate::schedule::{Publishing, Status};

pub mod desk;
mod editions;
pub mod load;
mod post;
pub mod translation;

pub use post::{parse_post, read_body, render_body, warnings, Post};

/// One text of the arc, in every language it was written in.
#[derive(Debug, Clone)]
pub struct Text {
    pub kind: Kind,
    pub slug: String,
    pub week: u32,
    pub date: NaiveDate,
    /// Index into `Site::posts` per language index.
    pub versions: Vec<Option<usize>>,
}

#[derive(Clone)]
pub struct Site {
    pub config: Config,
    pub arc: Calendar,
    /// The schedule and "now": which texts are live.
    pub publishing: Publishing,
    /// The files in the texts' folders, published beside their pages.
    pub assets: Shared<Assets>,
    /// Shared with serve's cache, so re-assembling after an edit copies no text.
    pub posts: Vec<Shared<Post>>,
    /// Oldest first.
    pub texts: Vec<Text>,
    /// (week, kind) → index into `texts`.
    slots: BTreeMap<(u32, Kind), usize>,
    /// Per language, the tags of the texts written in it, by slug.
    pub tags: Vec<Vec<Tag>>,
    /// Draw a social card for every page (the site has `templates/card.svg`).
    pub cards: bool,
    /// Texts left out of this run (drafts, texts whose hour has not come): a link to one is told apart.
    pub held: Vec<Held>,
}

/// What a site is assembled from: the settings, the texts that parsed, and what the loader found
/// besides them.
#[derive(Clone)]
pub struct Parts {
    pub config: Config,
    pub arc: Calendar,
    pub publishing: Publishing,
    pub posts: Vec<Shared<Post>>,
    /// The drafts and scheduled texts this run leaves out.
    pub held: Vec<Held>,
    pub assets: Shared<Assets>,
    /// The site has `templates/card.svg`: every page gets a social card.
    pub cards: bool,
}

/// A file left out of a run because it is a draft or scheduled for later.
#[derive(Debug, Clone)]
pub struct Held {
    pub kind: Kind,
    pub slug: String,
    pub path: std::path::PathBuf,
    pub date: NaiveDate,
    pub status: Status,
}

/// A tag in one language: the writer's word, and the texts written in that language that carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub slug: String,
    /// As the newest text that carries it writes it.
    pub name: String,
    /// Indices into `Site::texts`, newest first.
    pub texts: Vec<usize>,
}

/// The tags of the texts written in `lang`, sorted by slug; each lists its texts newest first.
fn tags_of(texts: &[Text], posts: &[Shared<Post>], lang: usize) -> Vec<Tag> {
    let mut by_slug: BTreeMap<String, Tag> = BTreeMap::new();
    for (i, text) in texts.iter().enumerate().rev() {
        let Some(p) = text.versions[lang] else {
            continue;
        };
        for name in &posts[p].front.tags {
            let slug = crate::slug::slug(name);
            if slug.is_empty() {
                continue;
            }
            let tag = by_slug.entry(slug.clone()).or_insert_with(|| Tag {
                slug,
                name: name.clone(),
                texts: Vec::new(),
            });
            if tag.texts.last() != Some(&i) {
                tag.texts.push(i);
            }
        }
    }
    by_slug.into_values().collect()
}

impl Site {
    /// Groups posts into texts and checks the arc: one text of a kind per week, translations on one date.
    pub fn assemble(parts: Parts) -> Result<Site, Vec<Diagnostic>> {
        let Parts {
            config,
            arc,
            publishing,
            mut posts,
            held,
            assets,
            cards,
        } = parts;
        posts.sort_by(|a, b| a.source.cmp(&b.source));
        let languages = config.languages.len();
        let mut problems = Vec::new();
        let mut by_slug: BTreeMap<(Kind, &str), Text> = BTreeMap::new();
        for (i, post) in posts.iter().enumerate() {
            let text = by_slug
                .entry((post.source.kind, post.source.slug.as_str()))
                .or_insert_with(|| Text {
                    kind: post.source.kind,
                    slug: post.source.slug.clone(),
                    week: post.week,
                    date: post.front.date,
                    versions: vec![None; languages],
                });
            if let Some(other) = text.versions[post.source.lang] {
                problems.push(
                    Diagnostic::error(
                        &post.source.path,
                        format!(
                            "{} and {} are the same text in the same language",
                            posts[other].source.path.display(),
                            post.source.path.display()
                        ),
                    )
                    .help("keep one of them, or give one a different slug"),
                );
                continue;
            }
            if text.date != post.front.date {
                let first = text.versions.iter().flatten().next().map(|&p| &posts[p]);
                problems.push(
                    Diagnostic::error(
                        &post.source.path,
                        format!(
                            "this translation is dated {}, but {} is dated {}",
                            post.front.date,
                            first.map_or_else(String::new, |p| p.source.path.display().to_string()),
                            text.date
                        ),
                    )
                    .at(post.front.date_line, 1)
                    .help("translations of one text share its date"),
                );
                continue;
            }
            text.versions[post.source.lang] = Some(i);
        }
        let mut texts: Vec<Text> = by_slug.into_values().collect();
        texts.sort_by(|a, b| (a.date, a.kind, &a.slug).cmp(&(b.date, b.kind, &b.slug)));
        let mut slots = BTreeMap::new();
        for (i, text) in texts.iter().enumerate() {
            if let Some(&other) = slots.get(&(text.week, text.kind)) {
                let first = |t: &Text| t.versions.iter().flatten().next().map(|&p| &posts[p]);
                let (Some(a), Some(b)) = (first(&texts[other]), first(text)) else {
                    continue;
                };
                problems.push(
                    Diagnostic::error(
                        &b.source.path,
                        format!(
                            "week {} already has a {} text: {} and {} collide",
                            text.week,
                            text.kind.name(),
                            a.source.path.display(),
                            b.source.path.display()
                        ),
                    )
                    .at(b.front.date_line, 1)
                    .help("move one of them to another week, or make one a draft"),
                );
                continue;
            }
            slots.insert((text.week, text.kind), i);
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let tags = (0..languages)
            .map(|lang| tags_of(&texts, &posts, lang))
            .collect();
        Ok(Site {
            config,
            arc,
            publishing,
            assets,
            posts,
            texts,
            slots,
            tags,
            cards,
            held,
        })
    }

    /// The tag of language `lang` whose slug is `slug`.
    pub fn tag(&self, lang: usize, slug: &str) -> Option<&Tag> {
        self.tags[lang].iter().find(|t| t.slug == slug)
    }

    /// Assembles what can be: a post that collides with another (two texts of a kind in one week, a
    /// translation on another date, one language twice) is left out, and its problem returned.
    /// The preview and the writer's commands show the rest of the site while the problem stands.
    pub fn assemble_lenient(mut parts: Parts) -> (Site, Vec<Diagnostic>) {
        let mut left_out = Vec::new();
        loop {
            match Site::assemble(parts.clone()) {
                Ok(site) => return (site, left_out),
                Err(problems) => {
                    // Each problem names the later of the two files; without it the rest assembles.
                    let named: std::collections::HashSet<&std::path::Path> =
                        problems.iter().map(|d| d.file.as_path()).collect();
                    let before = parts.posts.len();
                    parts
                        .posts
                        .retain(|p| !named.contains(p.source.path.as_path()));
                    if parts.posts.len() == before {
                        // A problem naming no post cannot be left out: show an empty site with it.
                        parts.posts.clear();
                    }
                    left_out.extend(problems);
                }
            }
        }
    }

    /// What this site was assembled from, with `posts` in place of its own: to assemble it again
    /// after an edit.
    pub fn parts_with(&self, posts: Vec<Shared<Post>>) -> Parts {
        Parts {
            config: self.config.clone(),
            arc: self.arc.clone(),
            publishing: self.publishing,
            posts,
            held: self.held.clone(),
            assets: self.assets.clone(),
            cards: self.cards,
        }
    }

    /// Puts a new version of a post in place of the one from the same file (its listing unchanged).
    pub fn replace_post(&mut self, post: Shared<Post>) {
        if let Ok(i) = self.posts.binary_search_by(|p| p.source.cmp(&post.source)) {
            self.posts[i] = post;
        }
    }

    /// The version of a text to show on language `lang`'s site: its own, else the default language's, else any.
    pub fn version(&self, text: &Text, lang: usize) -> &Post {
        let index = text.versions[lang]
            .or(text.versions[0])
            .or_else(|| text.versions.iter().flatten().next().copied())
            .expect("a text has at least one version by construction");
        &self.posts[index]
    }

    /// Whether the text is written and live in language `lang` (not a draft, its hour come).
    pub fn published_in(&self, text: &Text, lang: usize) -> bool {
        text.versions[lang].is_some_and(|p| self.posts[p].status == Status::Published)
    }

    pub fn text_in_slot(&self, week: u32, kind: Kind) -> Option<usize> {
        self.slots.get(&(week, kind)).copied()
    }

    /// The day "now" falls on in the site's zone.
    pub fn today(&self) -> chrono::NaiveDate {
        self.publishing
            .now
            .with_timezone(&self.publishing.schedule.zone)
            .date_naive()
    }

    /// Whether the site has more than one arc: a text lies past the first, or the first has ended.
    /// Until then a week is named alone ("Semana 3"), after that with its arc ("Arco 2 · Semana 3").
    pub fn has_many_arcs(&self) -> bool {
        let last_text = self.texts.last().map_or(1, |t| self.arc.local(t.week).0);
        last_text > 1 || self.today() >= self.arc.season_of(1).end()
    }

    /// A calendar week as readers see it: (its arc, its week in that arc); the arc is 0 while the
    /// site has one arc, for the interface's words to leave it out.
    pub fn week_name(&self, week: u32) -> (u32, u32) {
        let (arc, local) = self.arc.local(week);
        (if self.has_many_arcs() { arc } else { 0 }, local)
    }

    /// The arc a reader is in today: the one holding today, the one just finished during a break,
    /// the first before it starts.
    pub fn current_arc(&self) -> u32 {
        match self.arc.place(self.today()) {
            crate::arc::Place::Week(week) => self.arc.season_of(week).number,
            crate::arc::Place::Break(ended, _) => ended,
            crate::arc::Place::Before => 1,
        }
    }

    /// The next arc when today falls in a break between two.
    pub fn next_arc(&self) -> Option<crate::arc::Season> {
        match self.arc.place(self.today()) {
            crate::arc::Place::Break(_, next) => self.arc.season(next),
            _ => None,
        }
    }

    /// The arcs that have a page: every one up to today's, and any later one holding a text (a
    /// preview's scheduled texts, or one dated far ahead), in order.
    pub fn arc_numbers(&self) -> Vec<u32> {
        let current = self.current_arc();
        let mut numbers: Vec<u32> = (1..=current).collect();
        // Texts are in calendar order: only those past today's arc's last week are looked at.
        let last = self.arc.season_of_number(current).last();
        let from = self.texts.partition_point(|t| t.week <= last);
        let mut later: Vec<u32> = self.texts[from..]
            .iter()
            .map(|t| self.arc.local(t.week).0)
            .collect();
        later.dedup();
        numbers.extend(later);
        numbers
    }
}
