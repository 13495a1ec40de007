//! The in-memory model: posts grouped into texts (translations), ordered in the arc, with neighbours.
//! Built once per build and shared by reference with every page.

use std::collections::BTreeMap;
use std::sync::Arc as Shared;

use chrono::{Datelike, NaiveDate};

use crate::arc::Arc;
use crate::assets::Assets;
use crate::config::Config;
use crate::content::load::{SourceFile, SourceRef};
use crate::content::markdown::{self, Env, Rendered, Target};
use crate::content::{front_matter, front_matter::FrontMatter, Kind};
use crate::diagnostics::Diagnostic;
use crate::schedule::{Publishing, Status};

/// One file: a text in one language.
#[derive(Debug, Clone)]
pub struct Post {
    pub source: SourceRef,
    pub front: FrontMatter,
    /// The body's outline (words, ids, links); its HTML only when parsed for a page (`serve` keeps it,
    /// a build renders each body again when it writes it, so no run holds every body).
    pub body: Rendered,
    pub week: u32,
    pub status: Status,
}

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
    pub arc: Arc,
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

/// Reads one file's front matter and Markdown (rendered for `target`), and checks its date against the arc.
pub fn parse_post(
    file: &SourceFile,
    arc: &Arc,
    publishing: &Publishing,
    env: &Env,
    target: Target,
) -> Result<Post, Vec<Diagnostic>> {
    let path = &file.source.path;
    // A character no page can hold is reported where it is, before anything reads around it.
    let unwritable = crate::chars::check(path, &file.text);
    if !unwritable.is_empty() {
        return Err(unwritable);
    }
    let split = front_matter::split(path, &file.text).map_err(|d| vec![d])?;
    let front = front_matter::parse(path, split.front, split.front_line);
    let body = markdown::render(path, split.body, split.body_line, env, target);
    let (front, body) = match (front, body) {
        (Ok(f), Ok(b)) => (f, b),
        (f, b) => {
            let mut all = f.err().unwrap_or_default();
            all.extend(b.err().unwrap_or_default());
            return Err(all);
        }
    };
    let kind = file.source.kind;
    let date_error = |message: String, help: String| {
        vec![Diagnostic::error(path, message)
            .at_line_of(&file.text, front.date_line, 1)
            .help(help)]
    };
    let weekday = arc.weekday(kind);
    if front.date.weekday() != weekday {
        let nearest = arc.nearest_slot(front.date, kind);
        return Err(date_error(
            format!(
                "{} is a {}, but texts in content/{} fall on a {}",
                front.date,
                crate::arc::weekday_title(front.date.weekday()),
                kind.folder(),
                crate::arc::weekday_title(weekday)
            ),
            format!(
                "the nearest {} is {nearest}: write `date = {nearest}`",
                crate::arc::weekday_title(weekday)
            ),
        ));
    }
    let Some(week) = arc.week_of(front.date) else {
        return Err(date_error(
            format!("{} is before the arc starts ({})", front.date, arc.start),
            format!("date the text on or after {}", arc.start),
        ));
    };
    Ok(Post {
        source: file.source.clone(),
        status: publishing.status(front.date, front.draft),
        front,
        body,
        week,
    })
}

/// The body of a text rendered for `target`: read again from its file (a build keeps no bodies).
pub fn render_body(
    root: &std::path::Path,
    post: &Post,
    env: &Env,
    target: Target,
) -> Result<String, Vec<Diagnostic>> {
    let (body, first_line) = read_body(root, post)?;
    let body = markdown::render(&post.source.path, &body, first_line, env, target)?;
    Ok(body.html.unwrap_or_default())
}

/// A text's Markdown body, read again from its file, and the file line it starts on.
pub fn read_body(root: &std::path::Path, post: &Post) -> Result<(String, usize), Vec<Diagnostic>> {
    let file = crate::content::load::read_one(root, post.source.clone()).map_err(|d| vec![d])?;
    let split = front_matter::split(&post.source.path, &file.text).map_err(|d| vec![d])?;
    Ok((split.body.to_string(), split.body_line))
}

/// Warnings that do not stop a build.
pub fn warnings(post: &Post, text: &str) -> Vec<Diagnostic> {
    let path = &post.source.path;
    let mut out = Vec::new();
    let line_of = |needle: &str| {
        text.lines()
            .position(|l| l.trim_start().starts_with(needle))
            .map_or(1, |i| i + 1)
    };
    if post.front.summary.trim().is_empty() {
        out.push(
            Diagnostic::warning(path, "the summary is empty")
                .at_line_of(text, line_of("summary"), 1)
                .help(
                    "write one or two sentences: they show under the title, in cards and in feeds",
                ),
        );
    }
    for source in post.front.sources.iter().filter(|s| s.date.is_none()) {
        out.push(
            Diagnostic::warning(path, format!("the source `{}` has no date", source.title))
                .at_line_of(text, line_of("[[sources]]"), 1)
                .help("add `date = YYYY-MM-DD`, the day the source was published"),
        );
    }
    if post.body.images_without_alt > 0 {
        out.push(
            Diagnostic::warning(
                path,
                format!("{} image(s) without alt text", post.body.images_without_alt),
            )
            .help("describe each image: `![what it shows](file.png)`"),
        );
    }
    out
}

impl Site {
    /// Groups posts into texts and checks the arc: one text of a kind per week, translations on one date.
    pub fn assemble(
        config: Config,
        arc: Arc,
        publishing: Publishing,
        mut posts: Vec<Shared<Post>>,
        assets: Shared<Assets>,
    ) -> Result<Site, Vec<Diagnostic>> {
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
            cards: false,
            held: Vec::new(),
        })
    }

    /// The tag of language `lang` whose slug is `slug`.
    pub fn tag(&self, lang: usize, slug: &str) -> Option<&Tag> {
        self.tags[lang].iter().find(|t| t.slug == slug)
    }

    /// Assembles what can be: a post that collides with another (two texts of a kind in one week, a
    /// translation on another date, one language twice) is left out, and its problem returned.
    /// The preview and the writer's commands show the rest of the site while the problem stands.
    pub fn assemble_lenient(
        config: Config,
        arc: Arc,
        publishing: Publishing,
        mut posts: Vec<Shared<Post>>,
        assets: Shared<Assets>,
    ) -> (Site, Vec<Diagnostic>) {
        let mut left_out = Vec::new();
        loop {
            match Site::assemble(
                config.clone(),
                arc,
                publishing,
                posts.clone(),
                assets.clone(),
            ) {
                Ok(site) => return (site, left_out),
                Err(problems) => {
                    // Each problem names the later of the two files; without it the rest assembles.
                    let named: std::collections::HashSet<&std::path::Path> =
                        problems.iter().map(|d| d.file.as_path()).collect();
                    let before = posts.len();
                    posts.retain(|p| !named.contains(p.source.path.as_path()));
                    if posts.len() == before {
                        // A problem naming no post cannot be left out: show an empty site with it.
                        posts.clear();
                    }
                    left_out.extend(problems);
                }
            }
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

    /// Last week of the arc to show: the configured length, or later if texts go on.
    pub fn last_week(&self) -> u32 {
        self.texts.last().map_or(0, |t| t.week).max(self.arc.weeks)
    }
}
