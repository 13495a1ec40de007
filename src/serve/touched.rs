//! What an edit touches: which pages of the preview a change makes stale.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::content::Kind;
use crate::pages;
use crate::plan::{Page, PageKind};
use crate::site::{Post, Site};

/// Which pages a change makes stale.
#[derive(Debug, Default, Clone)]
pub struct Touched {
    pub all: bool,
    /// Texts by (kind, slug) whose own pages change.
    pub texts: BTreeSet<(Kind, String)>,
    /// Pages that list texts: home, arc, feeds, sitemap.
    pub listings: bool,
    /// Pages that carry text bodies besides the text's own: feeds, and the home (the newest text in full).
    pub bodies: bool,
    /// Page kinds whose own template changed (a text page kind stands for all text pages).
    pub templates: Vec<PageKind>,
    /// Static files (output paths) that changed.
    pub statics: Vec<PathBuf>,
    /// Files in the texts' folders changed (or texts came and went): the cache re-reads them.
    pub assets: bool,
}

/// The page kind a top-level page template renders; `None` for base templates and partials.
pub(super) fn page_template_kind(name: &str) -> Option<PageKind> {
    pages::TEMPLATED
        .into_iter()
        .find(|k| pages::template_name(*k) == Some(name))
}

impl Touched {
    pub fn is_empty(&self) -> bool {
        !self.all
            && self.texts.is_empty()
            && !self.listings
            && !self.bodies
            && self.templates.is_empty()
            && self.statics.is_empty()
            && !self.assets
    }

    /// The pages the change touches in `site`; `None` when it touches every page.
    pub fn pages(&self, site: &Site) -> Option<Vec<Page>> {
        if self.all {
            return None;
        }
        let languages = 0..site.config.languages.len();
        let mut pages = Vec::new();
        let same_template = |kind: PageKind| {
            self.templates
                .iter()
                .any(|t| pages::template_name(*t) == pages::template_name(kind))
        };
        if !self.templates.is_empty() {
            pages.extend(
                crate::plan::plan(site)
                    .into_iter()
                    .filter(|p| same_template(p.kind)),
            );
        }
        // Scanning the texts against the few touched ones allocates nothing, even at 10,000 texts.
        for (i, text) in site.texts.iter().enumerate() {
            if self
                .texts
                .iter()
                .any(|(kind, slug)| *kind == text.kind && *slug == text.slug)
            {
                pages.extend(languages.clone().map(|lang| Page {
                    lang,
                    kind: PageKind::Text(i),
                }));
                if site.cards {
                    pages.extend(languages.clone().map(|lang| Page {
                        lang,
                        kind: PageKind::Card(Some(i)),
                    }));
                }
                // A finished arc's books hold the text, and its page gives their sizes.
                let arc = site.arc.local(text.week).0;
                for lang in languages.clone().filter(|&l| site.has_edition(l, arc)) {
                    pages.push(Page {
                        lang,
                        kind: PageKind::Book(arc),
                    });
                    pages.push(Page {
                        lang,
                        kind: PageKind::Season(arc),
                    });
                }
            }
        }
        let mut lists = Vec::new();
        if self.listings || self.bodies {
            lists.extend([PageKind::Home, PageKind::Feed(None)]);
            lists.extend(Kind::ALL.map(|k| PageKind::Feed(Some(k))));
        }
        if self.listings {
            lists.extend([PageKind::Arc, PageKind::Tags]);
        }
        if self.listings {
            lists.extend(site.arc_numbers().into_iter().map(PageKind::Season));
        }
        for lang in languages {
            pages.extend(lists.iter().map(|&kind| Page { lang, kind }));
            if self.listings {
                pages.extend((0..site.tags[lang].len()).map(|i| Page {
                    lang,
                    kind: PageKind::Tag(i),
                }));
                pages.extend(crate::plan::tag_pages(site, lang));
            }
        }
        if self.listings {
            pages.push(Page {
                lang: 0,
                kind: PageKind::Sitemap,
            });
        }
        Some(pages)
    }
}

/// Whether two versions of a text show the same in lists: title, date, summary, draft flag.
pub(super) fn listed_the_same(a: &Post, b: &Post) -> bool {
    a.front.title == b.front.title
        && a.front.date == b.front.date
        && a.front.summary == b.front.summary
        && a.front.tags == b.front.tags
        && a.status == b.status
}

/// Adds the neighbours of each changed text: their previous/next links name it.
pub(super) fn add_neighbours(
    site: &Site,
    changed: &BTreeSet<(Kind, String)>,
    into: &mut BTreeSet<(Kind, String)>,
) {
    for (i, text) in site.texts.iter().enumerate() {
        if !changed.contains(&(text.kind, text.slug.clone())) {
            continue;
        }
        for j in [i.wrapping_sub(1), i + 1] {
            if let Some(n) = site.texts.get(j) {
                into.insert((n.kind, n.slug.clone()));
            }
        }
    }
}
