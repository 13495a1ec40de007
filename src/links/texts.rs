//! The links and images written in the texts' Markdown, checked against the planned site: a broken
//! one is an error at its line in the text, reported once however many pages show the text.
//! `site build`, `site check` and `site serve` all check them this way.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::content::markdown::Link;
use crate::content::Kind;
use crate::diagnostics::Diagnostic;
use crate::links::pages as links;
use crate::plan::{plan, Page, PageKind};
use crate::schedule::Status;
use crate::site::{Held, Post, Site};
use crate::url::{self, Resolved};

/// Which texts to check: every one, or those (kind, slug) an edit touched.
pub type Only<'a> = Option<&'a BTreeSet<(Kind, String)>>;

/// Whether `only` names the text (kind, slug): a scan of the few touched texts that allocates nothing,
/// run for every text of the site on every edit in the preview.
pub fn touches(only: &BTreeSet<(Kind, String)>, kind: Kind, slug: &str) -> bool {
    only.iter().any(|(k, s)| *k == kind && s == slug)
}

/// Every Markdown link of every text page (of the texts in `only`): the page (output path), the text
/// shown on it, the link.
fn placed<'s>(
    site: &'s Site,
    only: Only<'s>,
) -> impl Iterator<Item = (String, &'s Post, &'s Link)> {
    (0..site.texts.len())
        .filter(move |&i| {
            let text = &site.texts[i];
            only.is_none_or(|o| touches(o, text.kind, &text.slug))
        })
        .flat_map(move |i| {
            (0..site.config.languages.len()).flat_map(move |lang| {
                let page = Page {
                    lang,
                    kind: PageKind::Text(i),
                }
                .file_path(site);
                let post = site.version(&site.texts[i], lang);
                post.body
                    .links
                    .iter()
                    .map(move |link| (page.clone(), post, link))
            })
        })
}

/// The pages (output paths) that texts link into with a `#fragment`: their element ids are needed.
pub fn fragment_targets(site: &Site, only: Only) -> HashSet<String> {
    let origin = site.config.absolute("");
    let base_path = site.config.base_path();
    placed(site, only)
        .filter(|(_, _, link)| link.url.contains('#'))
        .filter_map(
            |(page, _, link)| match url::resolve(&page, &link.url, &origin, base_path) {
                Resolved::Target(target, fragment) if !fragment.is_empty() => Some(target),
                _ => None,
            },
        )
        .flat_map(|t| {
            let index = format!("{}/index.html", t.trim_end_matches('/'));
            [t, index]
        })
        .collect()
}

/// Checks every text link against the site's pages and `files` (every other output path); `ids`
/// gives the element ids of a page that `fragment_targets` named. Returns how many links were
/// checked and one error per broken place in the sources.
pub fn check(
    site: &Site,
    files: &HashSet<String>,
    ids: &HashMap<String, HashSet<String>>,
) -> (usize, Vec<Diagnostic>) {
    let pages: HashSet<String> = plan(site).iter().map(|p| p.file_path(site)).collect();
    let is_page = |key: &str| pages.contains(key);
    let is_file = |key: &str| files.contains(key);
    check_in(site, None, &is_page, &is_file, ids)
}

/// `check` over the texts in `only`, with the site's pages and files known by two questions (the
/// preview asks its cache, without listing every page after every edit).
pub fn check_in(
    site: &Site,
    only: Only,
    is_page: &dyn Fn(&str) -> bool,
    is_file: &dyn Fn(&str) -> bool,
    ids: &HashMap<String, HashSet<String>>,
) -> (usize, Vec<Diagnostic>) {
    let origin = site.config.absolute("");
    let base_path = site.config.base_path();
    let held = held_folders(site);
    let mut checked = 0;
    // One error per place in the sources, the first page it breaks on named.
    let mut broken: BTreeMap<(std::path::PathBuf, usize, usize), Diagnostic> = BTreeMap::new();
    for (page, post, link) in placed(site, only) {
        let place = (post.source.path.clone(), link.line, link.column);
        let reason = match url::resolve(&page, &link.url, &origin, base_path) {
            Resolved::Elsewhere => continue,
            Resolved::Outside => Some("it points outside the site".to_string()),
            Resolved::Target(target, fragment) => {
                match links::existing(&target, is_page, is_file) {
                    None => Some(format!("no page or file `{target}` is built")),
                    Some(found) => (!fragment.is_empty()
                        && !ids.get(&found).is_some_and(|i| i.contains(&fragment)))
                    .then(|| format!("`{found}` has no element with id `{fragment}`")),
                }
            }
        };
        checked += 1;
        let Some(reason) = reason else {
            continue;
        };
        broken.entry(place).or_insert_with(|| {
            let what = if link.image { "image" } else { "link" };
            let target = match url::resolve(&page, &link.url, &origin, base_path) {
                Resolved::Target(target, _) => target,
                _ => String::new(),
            };
            let waiting = held
                .iter()
                .find(|(folder, _)| {
                    target.starts_with(folder.as_str()) || target == folder.trim_end_matches('/')
                });
            if let Some((_, text)) = waiting {
                return unpublished(site, post, link, &page, what, text);
            }
            Diagnostic::error(
                &post.source.path,
                format!("the {what} `{}` on {page} goes nowhere: {reason}", link.url),
            )
            .at(link.line, link.column)
            .help(if link.image {
                "put the image in the text's folder (content/KIND/SLUG/) or static/, or fix the path"
            } else {
                "link to a page the site builds, e.g. `/ensaios/SLUG/`, or to a heading id on it"
            })
        });
    }
    (checked, broken.into_values().collect())
}

/// The output folder of each page of the texts this run leaves out (`ensaios/amanha/`), in every
/// language, with the text.
fn held_folders(site: &Site) -> Vec<(String, &Held)> {
    let base = site.config.base_path().len();
    site.held
        .iter()
        .flat_map(|text| {
            (0..site.config.languages.len()).map(move |lang| {
                let path = crate::plan::path_of(site, text.kind, &text.slug, lang);
                (path[base..].trim_start_matches('/').to_string(), text)
            })
        })
        .collect()
}

/// A link into a text this run leaves out: which text, why, and when it goes live.
fn unpublished(
    site: &Site,
    post: &Post,
    link: &Link,
    page: &str,
    what: &str,
    text: &Held,
) -> Diagnostic {
    let schedule = &site.publishing.schedule;
    let live = schedule.goes_live(text.date);
    let (state, help) = match text.status {
        Status::Draft => (
            "a draft (`draft = true`), left out of the build".to_string(),
            "remove the link until the text is published (`draft = false`); `site build --drafts` previews both".to_string(),
        ),
        _ => (
            format!(
                "scheduled: it goes live on {} at {} ({})",
                live.date_naive(),
                live.format("%H:%M"),
                schedule.zone.name()
            ),
            format!(
                "publish this text at the same hour or later, or add the link once the target is live; `site build --now {}` builds the site as it will be then",
                live.format("%Y-%m-%dT%H:%M")
            ),
        ),
    };
    Diagnostic::error(
        &post.source.path,
        format!(
            "the {what} `{}` on {page} leads to {}, which is {state}",
            link.url,
            text.path.display()
        ),
    )
    .at(link.line, link.column)
    .help(help)
}
