//! RSS 2.0 feeds, written as they are made: a feed carries every text in full, and at archive
//! sizes that is hundreds of megabytes, so it never passes through a template context.

use std::io::{self, Write};

use chrono::NaiveDate;
use fluent_bundle::FluentArgs;

use crate::content::Kind;
use crate::i18n::I18n;
use crate::render::{Page, PageKind};
use crate::site::Site;

/// Writes the feed of language `lang`: all texts written in it, or those of one kind, newest first.
pub fn write(
    site: &Site,
    i18n: &I18n,
    lang: usize,
    kind: Option<Kind>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let config = &site.config;
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
    let self_url = config.absolute(
        &Page {
            lang,
            kind: PageKind::Feed(kind),
        }
        .url_path(site),
    );
    let home = config.absolute(&config.language_root(lang));
    let texts = site
        .texts
        .iter()
        .rev()
        .filter(|t| kind.is_none_or(|k| t.kind == k))
        .filter_map(|t| t.versions[lang].map(|p| (t, &site.posts[p])));

    out.write_all(b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")?;
    out.write_all(b"<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n")?;
    element(out, "title", &title)?;
    element(out, "link", &home)?;
    element(out, "description", &language.tagline)?;
    element(out, "language", &language.code)?;
    write!(out, "<atom:link href=\"")?;
    escape(out, &self_url)?;
    writeln!(out, "\" rel=\"self\" type=\"application/rss+xml\"/>")?;
    let mut texts = texts.peekable();
    if let Some((newest, _)) = texts.peek() {
        element(out, "lastBuildDate", &rfc822(newest.date))?;
    }
    element(out, "generator", "site")?;
    for (text, post) in texts {
        let link = config.absolute(&site.text_path(text, lang));
        out.write_all(b"<item>\n")?;
        element(out, "title", &post.front.title)?;
        element(out, "link", &link)?;
        write!(out, "<guid isPermaLink=\"true\">")?;
        escape(out, &link)?;
        out.write_all(b"</guid>\n")?;
        element(out, "pubDate", &rfc822(text.date))?;
        element(out, "dc:creator", &config.author)?;
        for tag in &post.front.tags {
            element(out, "category", tag)?;
        }
        element(out, "description", &post.front.summary)?;
        element(out, "content:encoded", &post.body.html)?;
        out.write_all(b"</item>\n")?;
    }
    out.write_all(b"</channel>\n</rss>\n")
}

fn element(out: &mut dyn Write, name: &str, text: &str) -> io::Result<()> {
    write!(out, "<{name}>")?;
    escape(out, text)?;
    writeln!(out, "</{name}>")
}

/// XML escaping for text and attribute values, without building a copy of the text.
fn escape(out: &mut dyn Write, text: &str) -> io::Result<()> {
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            _ => continue,
        };
        out.write_all(&bytes[start..i])?;
        out.write_all(entity)?;
        start = i + 1;
    }
    out.write_all(&bytes[start..])
}

/// RFC 822 date, as RSS wants it.
pub fn rfc822(date: NaiveDate) -> String {
    date.and_hms_opt(0, 0, 0)
        .map(|d| d.and_utc().to_rfc2822())
        .unwrap_or_default()
}
