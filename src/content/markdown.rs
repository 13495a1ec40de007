//! Markdown body → HTML: heading ids with self-links, highlighted code, and the `signal` and `frame` blocks.

use std::collections::HashSet;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

use crate::content::assets::{self, Asset};
use crate::diagnostics::Diagnostic;
use crate::highlight::Highlighter;

/// Names of the fenced set pieces, `::: NAME TITLE` … `:::`.
const BLOCKS: [&str; 2] = ["signal", "frame"];
/// Marker left in the Markdown where a block opens or closes; an HTML comment ends any open paragraph or list.
pub(crate) const MARKER: &str = "<!--fieldnotes-block:";

/// What a body is rendered for. The same Markdown reads differently on a page, in a feed reader and in an inbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// No HTML: words, heading ids and links only (a build's first pass; bodies are rendered when written).
    Outline,
    /// A page of the site: headings link to themselves.
    Page,
    /// A feed item: no self-links (they are page chrome).
    Feed,
    /// An email edition: no self-links, and the blocks as tables that inboxes lay out.
    Email,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// `None` for `Target::Outline`.
    pub html: Option<String>,
    pub words: usize,
    /// Images without alt text, for warnings.
    pub images_without_alt: usize,
    /// Ids of the headings, in order.
    pub ids: Vec<String>,
    /// Every link and image into the site the Markdown writes, with its line in the file.
    pub links: Vec<Link>,
}

/// A link or image destination as written, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub line: usize,
    pub column: usize,
    pub image: bool,
}

/// An image being read: its URL, title and size, waiting for the end of its alt text.
type PendingImage = (String, String, Option<(u32, u32)>);

/// What rendering a body needs besides its text.
#[derive(Clone, Copy)]
pub struct Env<'a> {
    pub highlighter: &'a Highlighter,
    /// The site's path below its host ("" or "/repo"): a link written `/x` means the site's `/x`.
    pub base_path: &'a str,
    /// The site's address: links to it are kept in the outline, to be checked; links elsewhere are not.
    pub base_url: &'a str,
    /// The files of the text's folder.
    pub assets: &'a [Asset],
}

#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub name: String,
    pub title: String,
}

/// The Markdown the site writes in: CommonMark with tables, footnotes, strikethrough, smart
/// punctuation and heading attributes.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `body`, whose first line is line `first_line` of `path`, for `target`.
pub fn render(
    path: &Path,
    body: &str,
    first_line: usize,
    env: &Env,
    target: Target,
) -> Result<Rendered, Vec<Diagnostic>> {
    let (markdown, blocks, line_of) = mark_blocks(path, body, first_line)?;
    let html = target != Target::Outline;
    let email = target == Target::Email;
    let mut out = Rendered::default();
    let mut events: Vec<Event> = Vec::new();
    let mut ids = HashSet::new();
    let mut in_frame = false;
    let mut column_open = false;
    let mut code: Option<(String, String)> = None;
    let mut heading: Option<(HeadingLevel, Option<String>, Vec<Event>)> = None;
    let mut image_depth = 0usize;
    let mut image_alt = String::new();
    // The image being read: its URL, title and size; its alt text is read until it ends.
    let mut image: Option<PendingImage> = None;

    // Byte offset of each line start of `markdown`, to turn an event's offset into a file line.
    let starts: Vec<usize> = std::iter::once(0)
        .chain(markdown.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let position = |offset: usize| {
        let index = starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let column = markdown[starts[index]..offset].chars().count() + 1;
        (line_of.get(index).copied().unwrap_or(first_line), column)
    };
    let mut problems = Vec::new();
    // Characters no page can hold, written as character references.
    let mut references = Vec::new();
    // A relative link that stays in the text's folder names one of its files, which must be there.
    let mut check_file = |url: &str, offset: usize| -> Option<(u32, u32)> {
        let found = assets::lookup(env.assets, url)?;
        if found.is_none() {
            let (line, column) = position(offset);
            let source = body.lines().nth(line - first_line).unwrap_or("");
            problems.push(missing_file(path, env.assets, url, line, column).with_source(source));
        }
        found.and_then(|a| a.size)
    };
    // A link or image as the page writes it (from the site's root, with the base path), noted in the
    // outline when it leads into the site, and checked against the text's folder; with its size.
    let mut note_link = |url: CowStr<'_>,
                         range: std::ops::Range<usize>,
                         image: bool,
                         links: &mut Vec<Link>|
     -> (CowStr<'static>, Option<(u32, u32)>) {
        // Point at the URL itself where it is written inline, else at the link.
        let at = markdown[range.clone()]
            .find(url.as_ref())
            .map_or(range.start, |i| range.start + i);
        let url: CowStr<'static> = site_url(url, env.base_path).into_string().into();
        if !is_internal(&url, env.base_url) {
            return (url, None);
        }
        let (line, column) = position(at);
        links.push(Link {
            url: url.to_string(),
            line,
            column,
            image,
        });
        let size = check_file(&url, at);
        (url, size)
    };

    for (event, range) in Parser::new_ext(&markdown, options()).into_offset_iter() {
        if let Some((_, text)) = code.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, text) = code.take().unwrap_or_default();
                    if html {
                        events.push(Event::Html(code_html(env.highlighter, &lang, &text).into()));
                    }
                }
                _ => {}
            }
            continue;
        }
        if let Event::Text(t) = &event {
            out.words += t.split_whitespace().count();
        }
        // The file holds none (`chars::check` read it first), but an entity such as `&#7;` writes one.
        let decoded = match &event {
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
        if let Some(c) = decoded.and_then(|t| t.chars().find(|c| crate::chars::forbidden(*c))) {
            let (line, column) = position(range.start);
            let source = body.lines().nth(line - first_line).unwrap_or("");
            references.push(
                Diagnostic::error(
                    path,
                    format!(
                        "a character reference here writes {}",
                        crate::chars::describe(c)
                    ),
                )
                .at(line, column)
                .with_source(source)
                .help(format!(
                    "remove the reference (`&#{};` or `&#x{:X};`): no page or feed can carry it",
                    c as u32, c as u32
                )),
            );
        }
        if image_depth > 0 {
            // Inside an image: its text is the alt text, and nothing else is written.
            match &event {
                Event::Text(t) | Event::Code(t) => image_alt.push_str(t),
                Event::Start(Tag::Image { .. }) => image_depth += 1,
                Event::End(TagEnd::Image) => image_depth -= 1,
                _ => {}
            }
            if image_depth > 0 {
                continue;
            }
            if image_alt.trim().is_empty() {
                out.images_without_alt += 1;
            }
            if let Some((url, title, size)) = image.take() {
                // Below the first screen (past the opening words), an image waits until it is near;
                // an inbox has no such thing (Gmail drops the attribute), so an edition has none.
                let lazy = !email && out.words > WORDS_ON_FIRST_SCREEN;
                let tag = image_html(&url, &image_alt, &title, size, lazy);
                push(&mut heading, &mut events, Event::Html(tag.into()));
            }
            image_alt.clear();
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                if in_frame {
                    // In a frame, each heading starts a column.
                    if column_open {
                        events.push(Event::Html("</div>\n".into()));
                    }
                    events.push(Event::Html("<div class=\"frame-column\">\n".into()));
                    column_open = true;
                }
                heading = Some((level, id.map(|i| i.to_string()), Vec::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, id, inner)) = heading.take() {
                    let (id, html) =
                        heading_html(level, id, &inner, &mut ids, target == Target::Page);
                    out.ids.push(id);
                    events.push(Event::Html(html.into()));
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let (dest_url, _) = note_link(dest_url, range.clone(), false, &mut out.links);
                let link = Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                };
                push(&mut heading, &mut events, Event::Start(link));
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let (dest_url, size) = note_link(dest_url, range.clone(), true, &mut out.links);
                image_depth = 1;
                image = Some((dest_url.to_string(), title.to_string(), size));
            }
            Event::Html(ref html) if html.starts_with(MARKER) => {
                let index: usize = html[MARKER.len()..]
                    .trim_end_matches(|c: char| !c.is_ascii_digit())
                    .parse()
                    .unwrap_or(usize::MAX);
                match blocks.get(index) {
                    Some(Some(block)) => {
                        in_frame = block.name == "frame";
                        events.push(Event::Html(open_block_html(block, email).into()));
                    }
                    _ => {
                        if column_open {
                            events.push(Event::Html("</div>\n".into()));
                            column_open = false;
                        }
                        events.push(Event::Html(close_block_html(in_frame, email).into()));
                        in_frame = false;
                    }
                }
            }
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
            other => push(&mut heading, &mut events, other),
        }
    }
    problems.append(&mut references);
    if !problems.is_empty() {
        return Err(problems);
    }
    // Outlines of every text stay in memory for the whole run: keep only what they use.
    out.links.shrink_to_fit();
    out.ids.shrink_to_fit();
    if html {
        let mut text = String::with_capacity(markdown.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut text, events.into_iter());
        text.shrink_to_fit();
        out.html = Some(text);
    }
    Ok(out)
}

/// Words of a body that fit on a first screen under the page's title: an image after them loads lazily.
const WORDS_ON_FIRST_SCREEN: usize = 100;

/// `<img>` with its size, so the page keeps its place while it loads.
fn image_html(url: &str, alt: &str, title: &str, size: Option<(u32, u32)>, lazy: bool) -> String {
    let mut tag = String::from("<img src=\"");
    let _ = escape_href(&mut tag, url);
    tag.push_str("\" alt=\"");
    let _ = escape_html(&mut tag, alt);
    tag.push('"');
    if !title.is_empty() {
        tag.push_str(" title=\"");
        let _ = escape_html(&mut tag, title);
        tag.push('"');
    }
    if let Some((width, height)) = size {
        tag.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
    }
    if lazy {
        tag.push_str(" loading=\"lazy\"");
    }
    tag.push('>');
    tag
}

/// A link or image naming a file the text's folder does not hold.
fn missing_file(path: &Path, files: &[Asset], url: &str, line: usize, column: usize) -> Diagnostic {
    let slug = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.split('.').next())
        .unwrap_or("");
    let folder = path.with_file_name(slug);
    let wanted = crate::url::folder_path(url).unwrap_or_default();
    let names: Vec<&str> = files.iter().map(|a| a.rel.as_str()).collect();
    let help = match crate::diagnostics::nearest(&wanted, &names) {
        Some(name) => format!("did you mean `{name}`?"),
        None => format!(
            "put the file in {}/, beside the text, or fix the name",
            folder.display()
        ),
    };
    Diagnostic::error(
        path,
        format!("`{url}` is not in the text's folder {}/", folder.display()),
    )
    .at(line, column)
    .help(help)
}

/// A link written from the site's root (`/arco/`) gets the site's base path; others stay as written.
fn site_url<'a>(url: CowStr<'a>, base_path: &str) -> CowStr<'a> {
    if base_path.is_empty() || !url.starts_with('/') || url.starts_with("//") {
        return url;
    }
    format!("{base_path}{url}").into()
}

/// A link into the site: relative, from its root, or to its own address (not `https://elsewhere`, `mailto:`).
fn is_internal(url: &str, base_url: &str) -> bool {
    !crate::url::is_elsewhere(url) || (!base_url.is_empty() && url.starts_with(base_url))
}

fn push<'a>(
    heading: &mut Option<(HeadingLevel, Option<String>, Vec<Event<'a>>)>,
    events: &mut Vec<Event<'a>>,
    event: Event<'a>,
) {
    match heading {
        Some((_, _, inner)) => inner.push(event),
        None => events.push(event),
    }
}

/// Finds `::: NAME TITLE` / `:::` lines outside code fences and swaps them for markers.
/// Returns the rewritten Markdown, per marker the block it opens (`None` for a close), and per line of
/// the rewritten Markdown its line in the file.
#[allow(clippy::type_complexity)]
pub(crate) fn mark_blocks(
    path: &Path,
    body: &str,
    first_line: usize,
) -> Result<(String, Vec<Option<Block>>, Vec<usize>), Vec<Diagnostic>> {
    let mut out = String::with_capacity(body.len() + 64);
    let mut line_of = Vec::new();
    let mut blocks = Vec::new();
    let mut problems = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let mut open: Option<(usize, String)> = None;
    for (i, raw_line) in body.split_inclusive('\n').enumerate() {
        let line_no = first_line + i;
        let line = raw_line.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if indent <= 3 {
            if let Some(f) = code_fence(trimmed) {
                match fence {
                    None => fence = Some(f),
                    Some((c, n))
                        if f.0 == c
                            && f.1 >= n
                            && trimmed.trim_start_matches(c).trim().is_empty() =>
                    {
                        fence = None
                    }
                    Some(_) => {}
                }
            }
        }
        if fence.is_some() || indent > 3 || !trimmed.starts_with(":::") {
            out.push_str(raw_line);
            line_of.push(line_no);
            continue;
        }
        let rest = trimmed[3..].trim();
        let error = |message: String, help: String| {
            Diagnostic::error(path, message)
                .at(line_no, indent + 1)
                .with_source(line)
                .help(help)
        };
        if rest.is_empty() {
            if open.take().is_none() {
                problems.push(error(
                    "`:::` closes no block".into(),
                    "remove this line, or open a block above it with `::: signal TITLE` or `::: frame TITLE`".into(),
                ));
                out.push_str(raw_line);
                line_of.push(line_no);
                continue;
            }
            out.push_str(&format!("\n{MARKER}{}-->\n\n", blocks.len()));
            line_of.extend([line_no; 3]);
            blocks.push(None);
            continue;
        }
        let (name, title) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        if !BLOCKS.contains(&name) {
            problems.push(error(
                format!("unknown block `{name}`"),
                format!(
                    "the blocks are {}: write `::: signal TITLE` or `::: frame TITLE`",
                    BLOCKS.join(" and ")
                ),
            ));
            // Taken as opened, so its closing `:::` is not reported as a second problem.
            open.get_or_insert((line_no, name.to_string()));
            continue;
        }
        if let Some((opened_at, opened)) = &open {
            problems.push(error(
                format!("a `{name}` block opens inside the `{opened}` block of line {opened_at}"),
                format!("blocks do not nest: close the `{opened}` block with a line `:::` first"),
            ));
            continue;
        }
        open = Some((line_no, name.to_string()));
        out.push_str(&format!("\n{MARKER}{}-->\n\n", blocks.len()));
        line_of.extend([line_no; 3]);
        blocks.push(Some(Block {
            name: name.to_string(),
            title: title.trim().to_string(),
        }));
    }
    if let Some((line_no, name)) = open {
        let line = body.lines().nth(line_no - first_line).unwrap_or("");
        problems.push(
            Diagnostic::error(path, format!("the `{name}` block is never closed"))
                .at(line_no, 1)
                .with_source(line)
                .help("add a line `:::` where the block ends"),
        );
    }
    if problems.is_empty() {
        Ok((out, blocks, line_of))
    } else {
        Err(problems)
    }
}

/// A code fence opener/closer: the fence character and its length.
fn code_fence(line: &str) -> Option<(char, usize)> {
    let c = line.chars().next()?;
    if c != '`' && c != '~' {
        return None;
    }
    let n = line.chars().take_while(|x| *x == c).count();
    (n >= 3).then_some((c, n))
}

fn open_block_html(block: &Block, email: bool) -> String {
    let mut title = String::new();
    let _ = escape_html(&mut title, &block.title);
    let name = &block.name;
    if email {
        // Inboxes lay out tables, not asides and figures; the template's styles go inline.
        return format!(
            "<table role=\"presentation\" class=\"block-{name}\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"><tr><td class=\"block-{name}-cell\">\n<p class=\"block-title\">{title}</p>\n{}",
            if name == "frame" { "<div class=\"frame-columns\">\n" } else { "" }
        );
    }
    match name.as_str() {
        "frame" => format!(
            "<figure class=\"block-frame\">\n<figcaption class=\"block-title\">{title}</figcaption>\n<div class=\"frame-columns\">\n"
        ),
        _ => format!("<aside class=\"block-signal\">\n<p class=\"block-title\">{title}</p>\n"),
    }
}

fn close_block_html(frame: bool, email: bool) -> &'static str {
    match (frame, email) {
        (true, true) => "</div>\n</td></tr></table>\n",
        (false, true) => "</td></tr></table>\n",
        (true, false) => "</div>\n</figure>\n",
        (false, false) => "</aside>\n",
    }
}

fn code_html(highlighter: &Highlighter, lang: &str, text: &str) -> String {
    let mut lang_attr = String::new();
    let _ = escape_html(&mut lang_attr, lang);
    let body = highlighter.highlight(text, lang);
    if lang.is_empty() {
        format!("<pre class=\"code\"><code>{body}</code></pre>\n")
    } else {
        format!("<pre class=\"code\" data-lang=\"{lang_attr}\"><code class=\"language-{lang_attr}\">{body}</code></pre>\n")
    }
}

/// `<hN id>`, whose text links to itself on a page unless it already holds a link; returns the id too.
fn heading_html(
    level: HeadingLevel,
    id: Option<String>,
    inner: &[Event],
    ids: &mut HashSet<String>,
    self_link: bool,
) -> (String, String) {
    let text: String = inner
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let base = id.unwrap_or_else(|| crate::slug::anchor(&text));
    let base = if base.is_empty() {
        "section".to_string()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 1;
    while !ids.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    let mut inner_html = String::new();
    pulldown_cmark::html::push_html(&mut inner_html, inner.iter().cloned());
    let mut id_attr = String::new();
    let _ = escape_html(&mut id_attr, &id);
    let has_link = inner
        .iter()
        .any(|e| matches!(e, Event::Start(Tag::Link { .. })));
    let html = if has_link || !self_link {
        format!("<{level} id=\"{id_attr}\">{inner_html}</{level}>\n")
    } else {
        let mut href = String::new();
        let _ = escape_href(&mut href, &id);
        format!("<{level} id=\"{id_attr}\"><a class=\"heading-link\" href=\"#{href}\">{inner_html}</a></{level}>\n")
    };
    (id, html)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered_for(body: &str, target: Target) -> Result<Rendered, Vec<Diagnostic>> {
        let highlighter = Highlighter::default();
        let files = [Asset {
            rel: "fig.png".into(),
            source: "content/essays/t/fig.png".into(),
            size: Some((40, 30)),
        }];
        let env = Env {
            highlighter: &highlighter,
            base_path: "/repo",
            base_url: "https://s.example/repo/",
            assets: &files,
        };
        render(Path::new("t.md"), body, 1, &env, target)
    }

    fn rendered(body: &str) -> Result<Rendered, Vec<Diagnostic>> {
        rendered_for(body, Target::Page)
    }

    /// The page HTML of `body`, as `Rendered` with `html` filled in.
    fn html(body: &str) -> Result<Page, Vec<Diagnostic>> {
        rendered(body).map(|r| Page {
            html: r.html.unwrap_or_default(),
        })
    }

    #[derive(Debug)]
    struct Page {
        html: String,
    }

    #[test]
    fn blocks_wrap_their_content() {
        let r = html("Intro\n::: signal Em uma frase\nO *sinal*.\n:::\nDepois").unwrap();
        assert!(
            r.html.contains(
                "<aside class=\"block-signal\">\n<p class=\"block-title\">Em uma frase</p>"
            ),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<p>O <em>sinal</em>.</p>\n</aside>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn frame_headings_start_columns() {
        let r = html("::: frame Dois lados\n### A\n- um\n### B\n- dois\n:::\n").unwrap();
        assert_eq!(
            r.html.matches("<div class=\"frame-column\">").count(),
            2,
            "{}",
            r.html
        );
    }

    #[test]
    fn block_errors_name_the_line() {
        let e = html("a\n\n::: quote X\n").unwrap_err();
        assert_eq!(
            (e[0].line, e[0].message.as_str()),
            (3, "unknown block `quote`")
        );
        let e = html("a\n::: signal X\nb\n").unwrap_err();
        assert_eq!(e[0].line, 2);
        assert!(e[0].message.contains("never closed"));
    }

    #[test]
    fn markers_inside_code_are_text() {
        let r = html("```\n::: signal X\n```\n").unwrap();
        assert!(r.html.contains("::: signal X"));
    }

    #[test]
    fn headings_get_unique_self_links() {
        let r = html("## Olá mundo\n\n## Olá mundo\n").unwrap();
        assert!(
            r.html.contains(
                "<h2 id=\"olá-mundo\"><a class=\"heading-link\" href=\"#ol%C3%A1-mundo\">"
            ),
            "{}",
            r.html
        );
        assert!(r.html.contains("id=\"olá-mundo-1\""));
    }

    #[test]
    fn links_are_collected_at_their_file_lines() {
        let body = "Um [link](#a).\n\n::: signal S\nVeja ![fig](fig.png \"t\")\n:::\n\n## A\n\n- [raiz](/arco/) [fora](https://x.example/) [casa](https://s.example/repo/en/)\n";
        let r = rendered_for(body, Target::Outline).unwrap();
        assert!(r.html.is_none(), "an outline renders no HTML");
        assert_eq!(r.words, 9);
        assert_eq!(r.ids, vec!["a"]);
        let found: Vec<(&str, usize, usize, bool)> = r
            .links
            .iter()
            .map(|l| (l.url.as_str(), l.line, l.column, l.image))
            .collect();
        assert_eq!(
            found,
            vec![
                ("#a", 1, 11, false),
                ("fig.png", 4, 13, true),
                ("/repo/arco/", 9, 10, false),
                ("https://s.example/repo/en/", 9, 52, false)
            ]
        );
    }

    #[test]
    fn feeds_and_email_have_no_self_links_and_email_blocks_are_tables() {
        let body = "## Título\n\n::: frame F\n### A\n- a\n### B\n- b\n:::\n::: signal S\nx\n:::\n";
        let feed = rendered_for(body, Target::Feed).unwrap().html.unwrap();
        assert!(feed.contains("<h2 id=\"título\">Título</h2>"), "{feed}");
        let email = rendered_for(body, Target::Email).unwrap().html.unwrap();
        assert!(
            !email.contains("heading-link")
                && !email.contains("<aside")
                && !email.contains("<figure")
        );
        assert_eq!(
            email.matches("<table role=\"presentation\"").count(),
            2,
            "{email}"
        );
        assert_eq!(email.matches("</table>").count(), 2, "{email}");
        assert_eq!(
            email.matches("class=\"frame-column\"").count(),
            2,
            "{email}"
        );
    }

    #[test]
    fn images_beside_the_text_get_their_size_and_missing_files_their_line() {
        let words = "palavra ".repeat(120);
        let r = rendered(&format!(
            "![Uma figura](fig.png)\n\n{words}\n\n![De novo *aqui*](./fig.png \"t\")\n"
        ))
        .unwrap();
        let html = r.html.unwrap();
        assert!(
            html.contains(r#"<img src="fig.png" alt="Uma figura" width="40" height="30">"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<img src="./fig.png" alt="De novo aqui" title="t" width="40" height="30" loading="lazy">"#),
            "below the first screen: {html}"
        );
        let e =
            rendered("Texto.\n\nVeja ![a figura](fog.png) e [o anexo](notas.pdf).\n").unwrap_err();
        assert_eq!(e.len(), 2);
        assert_eq!((e[0].line, e[0].column), (3, 18));
        assert_eq!(e[0].message, "`fog.png` is not in the text's folder t/");
        assert_eq!(e[0].help.as_deref(), Some("did you mean `fig.png`?"));
        assert_eq!(
            e[0].source_line.as_deref(),
            Some("Veja ![a figura](fog.png) e [o anexo](notas.pdf).")
        );
        assert_eq!(e[1].column, 39);
    }
}
