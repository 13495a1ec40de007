//! `sitemap.xml`: every page at its canonical address, with its translations as `hreflang`
//! alternates. Written as it is made: at archive sizes it lists tens of thousands of pages.
//! Only what is live: a preview's drafts and scheduled texts (`--drafts`) are `noindex` pages.

use std::io::{self, Write};

use crate::escape::{xml as escape, xml_element as element};
use crate::plan::{Page, PageKind};
use crate::site::Site;

pub fn write(site: &Site, out: &mut dyn Write) -> io::Result<()> {
    let config = &site.config;
    let languages = 0..config.languages.len();
    let code = |l: usize| config.languages[l].code.as_str();
    out.write_all(b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n")?;
    let live = |text: &crate::site::Text| languages.clone().any(|l| site.published_in(text, l));
    let newest = site
        .texts
        .iter()
        .rev()
        .find(|t| live(t))
        .map(|t| t.date.to_string());
    let arcs = site.arc_numbers().into_iter().map(PageKind::Season);
    for kind in [
        PageKind::Home,
        PageKind::Arc,
        PageKind::Subscribe,
        PageKind::Tags,
    ]
    .into_iter()
    .chain(arcs)
    {
        let alternates: Vec<(&str, String)> = languages
            .clone()
            .map(|l| {
                (
                    code(l),
                    config.absolute(&Page { lang: l, kind }.url_path(site)),
                )
            })
            .collect();
        for (_, loc) in &alternates {
            url(out, loc, newest.as_deref(), &alternates)?;
        }
    }
    for text in &site.texts {
        let written: Vec<(&str, String)> = languages
            .clone()
            .filter(|&l| site.published_in(text, l))
            .map(|l| {
                (
                    code(l),
                    config.absolute(&crate::plan::text_path(site, text, l)),
                )
            })
            .collect();
        // A text in one language has no alternates: its copies elsewhere point to it as canonical.
        let alternates = if written.len() < 2 {
            &[][..]
        } else {
            &written[..]
        };
        for (l, (_, loc)) in languages
            .clone()
            .filter(|&l| site.published_in(text, l))
            .zip(&written)
        {
            let post = site.version(text, l);
            let lastmod = post.front.updated.unwrap_or(text.date).to_string();
            url(out, loc, Some(&lastmod), alternates)?;
        }
    }
    // A tag's page in each language that has the tag (by slug) on a live text; those are each
    // other's alternates.
    let live_tag = |l: usize, tag: &crate::site::Tag| {
        tag.texts
            .iter()
            .find(|&&t| site.published_in(&site.texts[t], l))
            .map(|&t| site.texts[t].date.to_string())
    };
    for (lang, tags) in site.tags.iter().enumerate() {
        for (i, tag) in tags.iter().enumerate() {
            let Some(newest) = live_tag(lang, tag) else {
                continue;
            };
            let same: Vec<(&str, String)> = languages
                .clone()
                .filter_map(|l| {
                    let j = site.tags[l]
                        .iter()
                        .position(|t| t.slug == tag.slug && live_tag(l, t).is_some())?;
                    let page = Page {
                        lang: l,
                        kind: PageKind::Tag(j),
                    };
                    Some((code(l), config.absolute(&page.url_path(site))))
                })
                .collect();
            let loc = config.absolute(
                &Page {
                    lang,
                    kind: PageKind::Tag(i),
                }
                .url_path(site),
            );
            let alternates = if same.len() < 2 { &[][..] } else { &same[..] };
            url(out, &loc, Some(&newest), alternates)?;
        }
    }
    out.write_all(b"</urlset>\n")
}

fn url(
    out: &mut dyn Write,
    loc: &str,
    lastmod: Option<&str>,
    alternates: &[(&str, String)],
) -> io::Result<()> {
    out.write_all(b"  <url>\n    ")?;
    element(out, "loc", loc)?;
    if let Some(date) = lastmod {
        out.write_all(b"    ")?;
        element(out, "lastmod", date)?;
    }
    for (lang, href) in alternates {
        out.write_all(b"    <xhtml:link rel=\"alternate\" hreflang=\"")?;
        escape(out, lang)?;
        out.write_all(b"\" href=\"")?;
        escape(out, href)?;
        out.write_all(b"\"/>\n")?;
    }
    out.write_all(b"  </url>\n")
}
