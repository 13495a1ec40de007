//! RSS 2.0 feeds for readers and RSS-to-email services: the newest `feed_limit` texts of a language,
//! each in full with its sources and sign-off, every URL absolute. Written as they are made, item by item.

use std::io::{self, Write};

use chrono::NaiveDate;
use fluent_bundle::FluentArgs;

use crate::content::markdown::Target;
use crate::content::Kind;
use crate::diagnostics::Diagnostic;
use crate::escape::{html as escape_html, xml as escape, xml_element as element};
use crate::html::absolutize;
use crate::plan::{Page, PageKind};
use crate::schedule::Status;
use crate::site::Site;
use crate::templates::FEED_ITEM;
use crate::view::{self, Tools};

/// Writes the feed of language `lang`: the texts written in it, or those of one kind, newest first.
pub fn write(
    tools: &Tools,
    site: &Site,
    lang: usize,
    kind: Option<Kind>,
    out: &mut dyn Write,
) -> Result<(), Diagnostic> {
    let page = Page {
        lang,
        kind: PageKind::Feed(kind),
    };
    let io_error = |e: io::Error| {
        Diagnostic::error(
            std::path::Path::new(&page.file_path(site)),
            format!("cannot write the feed: {e}"),
        )
    };
    let config = &site.config;
    let i18n = tools.i18n;
    let language = &config.languages[lang];
    let key = match kind {
        None => "feed-title-all",
        Some(Kind::Essay) => "feed-title-essay",
        Some(Kind::Bulletin) => "feed-title-bulletin",
    };
    let mut args = FluentArgs::new();
    args.set("site", config.title.clone());
    let title = i18n
        .message(lang, key, Some(&args))
        .unwrap_or_else(|_| config.title.clone());
    let self_url = config.absolute(&page.url_path(site));
    let home = config.absolute(&config.language_root(lang));
    let limit = match config.feed_limit {
        0 => usize::MAX,
        n => n,
    };
    let texts = site
        .texts
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, t)| kind.is_none_or(|k| t.kind == k))
        .filter_map(|(i, t)| t.versions[lang].map(|p| (i, t, &site.posts[p])))
        // A preview (`--drafts`) shows drafts and scheduled texts as pages, never to feed readers.
        .filter(|(_, _, post)| post.status == Status::Published)
        .take(limit);
    head(
        out,
        &title,
        &home,
        &language.tagline,
        &language.code,
        &self_url,
    )
    .map_err(io_error)?;
    let mut texts = texts.peekable();
    if let Some((_, newest, _)) = texts.peek() {
        element(out, "lastBuildDate", &live(site, newest.date)).map_err(io_error)?;
    }
    element(out, "generator", "site").map_err(io_error)?;
    for (index, text, post) in texts {
        let link = config.absolute(&crate::plan::text_path(site, text, lang));
        // The item's content as the page shows it, made whole for a reader with no page around it.
        let context = view::text_context(tools, site, index, lang, Target::Feed)?;
        let content = tools.templates.render(FEED_ITEM, &context)?;
        let content = absolutize(&content, &link);
        let item = |out: &mut dyn Write| -> io::Result<()> {
            out.write_all(b"<item>\n")?;
            element(out, "title", &post.front.title)?;
            element(out, "link", &link)?;
            write!(out, "<guid isPermaLink=\"true\">")?;
            escape(out, &link)?;
            out.write_all(b"</guid>\n")?;
            element(out, "pubDate", &live(site, text.date))?;
            element(out, "dc:creator", &config.author)?;
            for tag in &post.front.tags {
                element(out, "category", tag)?;
            }
            // RSS readers show `description` as HTML: the summary is text, so it is escaped for
            // HTML first (and that HTML for XML), and `<b>` reaches the reader as written.
            element(out, "description", &escape_html(&post.front.summary))?;
            element(out, "content:encoded", &content)?;
            out.write_all(b"</item>\n")
        };
        item(out).map_err(io_error)?;
    }
    out.write_all(b"</channel>\n</rss>\n").map_err(io_error)
}

fn head(
    out: &mut dyn Write,
    title: &str,
    home: &str,
    tagline: &str,
    code: &str,
    self_url: &str,
) -> io::Result<()> {
    out.write_all(b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")?;
    out.write_all(b"<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n")?;
    element(out, "title", title)?;
    element(out, "link", home)?;
    element(out, "description", tagline)?;
    element(out, "language", code)?;
    write!(out, "<atom:link href=\"")?;
    escape(out, self_url)?;
    writeln!(out, "\" rel=\"self\" type=\"application/rss+xml\"/>")
}

/// When a text dated `date` went live, as RSS writes dates (RFC 822).
fn live(site: &Site, date: NaiveDate) -> String {
    site.publishing.schedule.goes_live(date).to_rfc2822()
}
