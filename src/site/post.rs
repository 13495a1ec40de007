//! One file of the site read: a text in one language, its front matter and body parsed, its date
//! checked against the arc, and what its writer should hear about it.

use chrono::Datelike;

use crate::arc::{Calendar, Place};
use crate::content::load::{SourceFile, SourceRef};
use crate::content::markdown::{self, Env, Rendered, Target};
use crate::content::{front_matter, front_matter::FrontMatter};
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
    /// The digest of its translatable content (`content::fingerprint`): what a translation records.
    pub digest: String,
}

/// Reads one file's front matter and Markdown (rendered for `target`), and checks its date against the arc.
pub fn parse_post(
    file: &SourceFile,
    arc: &Calendar,
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
    let digest = crate::content::fingerprint::digest(&front, split.body);
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
    let week = match arc.place(front.date) {
        Place::Week(week) => week,
        Place::Before => {
            return Err(date_error(
                format!("{} is before the arc starts ({})", front.date, arc.start),
                format!("date the text on or after {}", arc.start),
            ))
        }
        Place::Break(ended, next) => {
            let (ended, next) = (arc.season_of_number(ended), arc.season_of_number(next));
            let last = arc.slot_date(ended.last(), kind);
            let first = arc.slot_date(next.first, kind);
            return Err(date_error(
                format!(
                    "{} falls between arc {} (which ends on {}) and arc {} (which starts on {})",
                    front.date,
                    ended.number,
                    ended.end().pred_opt().unwrap_or(ended.end()),
                    next.number,
                    next.start
                ),
                format!(
                    "no text is published between two arcs: date it {last} (arc {}'s last week) or {first} (arc {}'s first), or change `[[arcs]]` in site.toml",
                    ended.number, next.number
                ),
            ));
        }
    };
    Ok(Post {
        source: file.source.clone(),
        status: publishing.status(front.date, front.draft),
        front,
        body,
        week,
        digest,
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
    // A tag whose slug is empty has no page and no link: it would vanish without a word.
    for (tag, line) in post.front.tags.iter().zip(&post.front.tag_lines) {
        if crate::slug::slug(tag).is_empty() {
            let what = match tag.trim().is_empty() {
                true => "a tag is empty".to_string(),
                false => {
                    format!("the tag `{tag}` has no letter or digit a tag's address can be made of")
                }
            };
            out.push(
                Diagnostic::warning(path, format!("{what}: it is left out (no tag page, no link)"))
                    .at_line_of(text, *line, 1)
                    .help("write the tag with letters or digits (e.g. `tags = [\"festa\"]`), or remove it"),
            );
        }
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
