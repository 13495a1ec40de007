//! The site's HTML pages (and robots.txt): each planned page kind rendered by its Tera template
//! over the view of the site in the page's language.

mod status;

use std::io::Write;
use std::path::Path;

use crate::content::markdown::Target;
use crate::content::Kind;
use crate::diagnostics::Diagnostic;
use crate::plan::{Page, PageKind};
use crate::site::Site;
use crate::view::{self, Tools};

/// Every page kind made from a template, with a text or tag index where the kind takes one: what
/// a change to a template can touch.
pub const TEMPLATED: [PageKind; 11] = [
    PageKind::Home,
    PageKind::Text(0),
    PageKind::Arc,
    PageKind::Season(1),
    PageKind::Subscribe,
    PageKind::Tags,
    PageKind::Tag(0),
    PageKind::Search,
    PageKind::NotFound,
    PageKind::Robots,
    PageKind::Status,
];

/// The template a page kind renders with; `None` for what other outputs draw or write (cards,
/// feeds, the sitemap).
pub fn template_name(kind: PageKind) -> Option<&'static str> {
    Some(match kind {
        PageKind::Home => "home.html",
        PageKind::Text(_) => "post.html",
        PageKind::Arc | PageKind::Season(_) => "arc.html",
        PageKind::Subscribe => "subscribe.html",
        PageKind::Tags => "tags.html",
        PageKind::Tag(_) | PageKind::TagPage(..) => "tag.html",
        PageKind::Search => "search.html",
        PageKind::NotFound => "404.html",
        PageKind::Robots => "robots.txt",
        PageKind::Status => "status.html",
        PageKind::Card(_) | PageKind::Feed(_) | PageKind::Sitemap | PageKind::Book(_) => {
            return None
        }
    })
}

/// Renders `page` into `out` (a file, as the build writes, or memory).
pub fn render_to(
    tools: &Tools,
    site: &Site,
    page: &Page,
    out: &mut dyn Write,
) -> Result<(), Diagnostic> {
    let (template, context) = context(tools, site, page)?;
    tools.templates.render_to(template, &context, out)
}

/// The template and context of one page.
pub fn context(
    tools: &Tools,
    site: &Site,
    page: &Page,
) -> Result<(&'static str, tera::Context), Diagnostic> {
    let Some(template) = template_name(page.kind) else {
        return Err(Diagnostic::error(
            Path::new(&page.file_path(site)),
            "this page is not made from a template",
        ));
    };
    let view = tools.view(site, page.lang);
    let mut ctx = tera::Context::new();
    ctx.insert("page", &view.common(page));
    match page.kind {
        PageKind::Home => {
            ctx.insert("counters", &view.counters());
            let newest = site.texts.last().map(|t| view.post_away(t)).transpose()?;
            ctx.insert("newest", &newest);
            let latest_essay = site
                .texts
                .iter()
                .rev()
                .find(|t| t.kind == Kind::Essay)
                .map(|t| view.link(t));
            ctx.insert("latest_essay", &latest_essay);
            ctx.insert("arc", &view.arc(site.current_arc()));
            ctx.insert("next_arc", &view.next_arc());
        }
        PageKind::Text(i) => {
            let text = &site.texts[i];
            ctx.insert("post", &view.post(text, Target::Page)?);
            ctx.insert(
                "previous",
                &i.checked_sub(1).map(|p| view.link(&site.texts[p])),
            );
            ctx.insert("next", &site.texts.get(i + 1).map(|t| view.link(t)));
        }
        PageKind::Arc | PageKind::Season(_) => {
            let number = match page.kind {
                PageKind::Season(n) => n,
                _ => site.current_arc(),
            };
            let arc = view.arc(number);
            ctx.insert("counters", &arc.counters);
            ctx.insert("arc", &arc);
            ctx.insert("arcs", &view.arcs());
            ctx.insert("next_arc", &view.next_arc());
        }
        PageKind::Subscribe | PageKind::Search => {}
        PageKind::Tags => ctx.insert("tags", &view.tags()),
        PageKind::Tag(i) | PageKind::TagPage(i, _) => {
            let n = match page.kind {
                PageKind::TagPage(_, n) => n,
                _ => 1,
            };
            let (tag, texts) = view.tag(i, n);
            ctx.insert("tag", &tag);
            ctx.insert("texts", &texts);
        }
        PageKind::NotFound => {
            let homes: Vec<view::Alternate> = (0..site.config.languages.len())
                .map(|l| view::Alternate {
                    lang: site.config.languages[l].code.clone(),
                    href: site.config.language_root(l),
                })
                .collect();
            ctx.insert("all_languages", &homes);
        }
        // Drawn or written by their own outputs: refused above.
        PageKind::Card(_) | PageKind::Feed(_) | PageKind::Sitemap | PageKind::Book(_) => {}
        PageKind::Status => {
            let drafts = tools.preview.is_none_or(|p| p.drafts);
            ctx.insert(
                "desk",
                &status::page_view(site, tools.i18n, page.lang, drafts),
            );
        }
        PageKind::Robots => {
            ctx.insert(
                "sitemap_url",
                &site.config.absolute(
                    &Page {
                        lang: 0,
                        kind: PageKind::Sitemap,
                    }
                    .url_path(site),
                ),
            );
        }
    }
    Ok((template, ctx))
}
