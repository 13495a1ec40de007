//! One pass over a body's Markdown events: counting words, noting links, checking what the text
//! names, and turning the site's own elements (code, headings, images, blocks) into HTML.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::blocks::{close_block_html, open_block_html, Block, MARKER};
use super::depth::{Depth, MAX_DEPTH};
use super::elements::{code_html, heading_html, image_html};
use super::links::{is_internal, missing_file, site_url};
use super::{Env, Link, Rendered, Target};
use crate::content::assets;
use crate::diagnostics::Diagnostic;

/// Words of a body that fit on a first screen under the page's title: an image after them loads lazily.
const WORDS_ON_FIRST_SCREEN: usize = 100;

/// An image being read: its URL, title and size, waiting for the end of its alt text.
type PendingImage = (String, String, Option<(u32, u32)>);

/// A heading being read: its level, the id written for it, and its inner events.
type PendingHeading<'m> = (HeadingLevel, Option<String>, Vec<Event<'m>>);

/// The state of one body's walk; `markdown` is the body with its blocks swapped for markers.
pub(super) struct Walk<'m, 'e> {
    path: &'e Path,
    /// The body as written, for quoting a line in a diagnostic.
    body: &'e str,
    first_line: usize,
    env: &'e Env<'e>,
    target: Target,
    markdown: &'m str,
    blocks: &'m [Option<Block>],
    /// Per line of `markdown`, its line in the file.
    line_of: &'m [usize],
    /// Byte offset of each line start of `markdown`, to turn an event's offset into a file line.
    starts: Vec<usize>,
    out: Rendered,
    events: Vec<Event<'m>>,
    ids: HashSet<String>,
    in_frame: bool,
    column_open: bool,
    code: Option<(String, String)>,
    heading: Option<PendingHeading<'m>>,
    image_depth: usize,
    image_alt: String,
    image: Option<PendingImage>,
    problems: Vec<Diagnostic>,
    /// How deep the body nests so far: past the limit it is refused, whatever the target.
    depth: Depth,
    /// Characters no page can hold, written as character references.
    references: Vec<Diagnostic>,
}

impl<'m, 'e> Walk<'m, 'e> {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        path: &'e Path,
        body: &'e str,
        first_line: usize,
        env: &'e Env<'e>,
        target: Target,
        markdown: &'m str,
        blocks: &'m [Option<Block>],
        line_of: &'m [usize],
    ) -> Self {
        let starts = std::iter::once(0)
            .chain(markdown.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Walk {
            path,
            body,
            first_line,
            env,
            target,
            markdown,
            blocks,
            line_of,
            starts,
            out: Rendered::default(),
            events: Vec::new(),
            // The templates' own ids are taken: a heading that would repeat one is suffixed as a
            // repeated heading is.
            ids: env.reserved_ids.clone(),
            in_frame: false,
            column_open: false,
            code: None,
            heading: None,
            image_depth: 0,
            image_alt: String::new(),
            image: None,
            problems: Vec::new(),
            depth: Depth::new(),
            references: Vec::new(),
        }
    }

    fn html(&self) -> bool {
        self.target != Target::Outline
    }

    fn email(&self) -> bool {
        self.target == Target::Email
    }

    /// The file line and column of a byte offset of `markdown`.
    fn position(&self, offset: usize) -> (usize, usize) {
        let index = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let column = self.markdown[self.starts[index]..offset].chars().count() + 1;
        let line = self.line_of.get(index).copied().unwrap_or(self.first_line);
        (line, column)
    }

    fn source_line(&self, line: usize) -> &'e str {
        self.body.lines().nth(line - self.first_line).unwrap_or("")
    }

    /// Takes one event with its range in `markdown`.
    pub fn event(&mut self, event: Event<'m>, range: Range<usize>) {
        self.depth.event(&event, range.start);
        if self.code.is_some() {
            self.in_code(event);
            return;
        }
        if let Event::Text(t) = &event {
            self.out.words += t.split_whitespace().count();
        }
        self.check_references(&event, range.start);
        if self.image_depth > 0 {
            self.in_image(event);
            return;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                if self.in_frame {
                    // In a frame, each heading starts a column.
                    if self.column_open {
                        self.events.push(Event::Html("</div>\n".into()));
                    }
                    self.events
                        .push(Event::Html("<div class=\"frame-column\">\n".into()));
                    self.column_open = true;
                }
                self.heading = Some((level, id.map(|i| i.to_string()), Vec::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, id, inner)) = self.heading.take() {
                    let self_link = self.target == Target::Page;
                    let (id, html) = heading_html(level, id, &inner, &mut self.ids, self_link);
                    self.out.ids.push(id);
                    self.events.push(Event::Html(html.into()));
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let (dest_url, _) = self.note_link(dest_url, range, false);
                let link = Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                };
                self.push(Event::Start(link));
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let (dest_url, size) = self.note_link(dest_url, range, true);
                self.image_depth = 1;
                self.image = Some((dest_url.to_string(), title.to_string(), size));
            }
            Event::Html(ref html) if html.starts_with(MARKER) => self.marker(html),
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
            other => self.push(other),
        }
    }

    /// Inside a code block: its text is gathered and highlighted at its end.
    fn in_code(&mut self, event: Event<'m>) {
        match event {
            Event::Text(t) => {
                if let Some((_, text)) = self.code.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                let (lang, text) = self.code.take().unwrap_or_default();
                if self.html() {
                    let html = code_html(self.env.highlighter, &lang, &text);
                    self.events.push(Event::Html(html.into()));
                }
            }
            _ => {}
        }
    }

    /// Inside an image: its text is the alt text, and nothing else is written.
    fn in_image(&mut self, event: Event<'m>) {
        match &event {
            Event::Text(t) | Event::Code(t) => self.image_alt.push_str(t),
            Event::Start(Tag::Image { .. }) => self.image_depth += 1,
            Event::End(TagEnd::Image) => self.image_depth -= 1,
            _ => {}
        }
        if self.image_depth > 0 {
            return;
        }
        if self.image_alt.trim().is_empty() {
            self.out.images_without_alt += 1;
        }
        if let Some((url, title, size)) = self.image.take() {
            // Below the first screen (past the opening words), an image on a page waits until it is
            // near; an inbox has no such thing (Gmail drops the attribute), nor has a feed item, which
            // RSS-to-email services turn into emails.
            let lazy = self.target == Target::Page && self.out.words > WORDS_ON_FIRST_SCREEN;
            let tag = image_html(&url, &self.image_alt, &title, size, lazy);
            self.push(Event::Html(tag.into()));
        }
        self.image_alt.clear();
    }

    /// The file holds no forbidden character (`chars::check` read it first), but an entity such as
    /// `&#7;` writes one.
    fn check_references(&mut self, event: &Event<'m>, offset: usize) {
        let decoded = match event {
            Event::Text(t) => Some(t.as_ref()),
            Event::Start(Tag::Link {
                dest_url, title, ..
            })
            | Event::Start(Tag::Image {
                dest_url, title, ..
            }) => [dest_url.as_ref(), title.as_ref()]
                .into_iter()
                .find(|s| s.chars().any(crate::chars::forbidden)),
            _ => None,
        };
        let Some(c) = decoded.and_then(|t| t.chars().find(|c| crate::chars::forbidden(*c))) else {
            return;
        };
        let (line, column) = self.position(offset);
        let message = format!(
            "a character reference here writes {}",
            crate::chars::describe(c)
        );
        self.references.push(
            Diagnostic::error(self.path, message)
                .at(line, column)
                .with_source(self.source_line(line))
                .help(format!(
                    "remove the reference (`&#{};` or `&#x{:X};`): no page or feed can carry it",
                    c as u32, c as u32
                )),
        );
    }

    /// A link or image as the page writes it (from the site's root, with the base path), noted in
    /// the outline when it leads into the site, and checked against the text's folder; with its size.
    fn note_link(
        &mut self,
        url: CowStr<'m>,
        range: Range<usize>,
        image: bool,
    ) -> (CowStr<'static>, Option<(u32, u32)>) {
        // Point at the URL itself where it is written inline, else at the link.
        let at = self.markdown[range.clone()]
            .find(url.as_ref())
            .map_or(range.start, |i| range.start + i);
        let url: CowStr<'static> = site_url(url, self.env.base_path).into_string().into();
        if !is_internal(&url, self.env.base_url) {
            return (url, None);
        }
        let (line, column) = self.position(at);
        self.out.links.push(Link {
            url: url.to_string(),
            line,
            column,
            image,
        });
        // A relative link that stays in the text's folder names one of its files, which must be there.
        let found = assets::lookup(self.env.assets, &url);
        if let Some(None) = found {
            let problem = missing_file(self.path, self.env.assets, &url, line, column)
                .with_source(self.source_line(line));
            self.problems.push(problem);
        }
        let size = found.flatten().and_then(|a| a.size);
        (url, size)
    }

    /// Where a block opens or closes.
    fn marker(&mut self, html: &str) {
        let index: usize = html[MARKER.len()..]
            .trim_end_matches(|c: char| !c.is_ascii_digit())
            .parse()
            .unwrap_or(usize::MAX);
        match self.blocks.get(index) {
            Some(Some(block)) => {
                self.in_frame = block.name == "frame";
                let html = open_block_html(block, self.email());
                self.events.push(Event::Html(html.into()));
            }
            _ => {
                if self.column_open {
                    self.events.push(Event::Html("</div>\n".into()));
                    self.column_open = false;
                }
                let html = close_block_html(self.in_frame, self.email());
                self.events.push(Event::Html(html.into()));
                self.in_frame = false;
            }
        }
    }

    /// The error for a body nested past the limit, at the line where the nesting began.
    fn too_deep(&self, passed: usize, began: usize) -> Diagnostic {
        let (line, column) = self.position(began);
        let (passed_line, _) = self.position(passed);
        let message = format!(
            "this nests more than {MAX_DEPTH} levels deep (quotes, lists, emphasis, links or HTML \
             elements one inside another)"
        );
        let mut problem = Diagnostic::error(self.path, message).at(line, column);
        let source = self.source_line(line);
        // A line of thousands of `>` is no use quoted in full.
        if source.chars().count() <= 200 {
            problem = problem.with_source(source);
        }
        problem.help(format!(
            "flatten it (level {} opens on line {passed_line}): a page, an inbox or a browser \
             cannot follow nesting that deep",
            MAX_DEPTH + 1
        ))
    }

    /// An event goes into the heading being read, if any, else into the body.
    fn push(&mut self, event: Event<'m>) {
        match &mut self.heading {
            Some((_, _, inner)) => inner.push(event),
            None => self.events.push(event),
        }
    }

    /// What the walk found: the rendered body, or every problem it met.
    pub fn finish(mut self) -> Result<Rendered, Vec<Diagnostic>> {
        if let Some((passed, began)) = self.depth.too_deep {
            let problem = self.too_deep(passed, began);
            self.problems.push(problem);
        }
        self.problems.append(&mut self.references);
        if !self.problems.is_empty() {
            return Err(self.problems);
        }
        let mut out = self.out;
        // Outlines of every text stay in memory for the whole run: keep only what they use.
        out.links.shrink_to_fit();
        out.ids.shrink_to_fit();
        if self.target != Target::Outline {
            let mut text = String::with_capacity(self.markdown.len() * 3 / 2);
            pulldown_cmark::html::push_html(&mut text, self.events.into_iter());
            text.shrink_to_fit();
            out.html = Some(text);
        }
        Ok(out)
    }
}
