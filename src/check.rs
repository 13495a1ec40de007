//! `site check`: every validation of a build without writing output, internal links and anchors
//! of the rendered pages included, and with `--external` the source URLs.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Duration;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::links;
use crate::pages;
use crate::plan::{self, PageKind};
use crate::render::Renderer;
use crate::site::load::{load, Loaded, Selection};
use crate::site::Site;

/// What `site check` found besides errors.
#[derive(Debug)]
pub struct CheckReport {
    pub pages: usize,
    pub links: usize,
    /// Source URLs asked, with `--external`.
    pub external: usize,
    pub warnings: Vec<Diagnostic>,
    pub notes: Vec<Diagnostic>,
}

/// Every validation of a build without writing anything: sources, templates, translations, and every
/// internal link and anchor of the rendered pages; with `external`, that source URLs answer.
pub fn check(
    root: &Path,
    selection: &Selection,
    external: bool,
) -> Result<CheckReport, Vec<Diagnostic>> {
    let Loaded {
        site,
        interface,
        highlighter,
        statics,
        mut warnings,
    } = load(root, selection)?;
    let renderer = Renderer::new(root, interface, highlighter)?;
    // HTML pages are rendered and their links read; feeds, cards, the sitemap and robots.txt are only
    // link targets.
    let (pages, others): (Vec<_>, Vec<_>) = plan::plan(&site)
        .into_iter()
        .partition(|p| p.kind.is_html());
    let rendered: Vec<(String, Result<crate::html::PageLinks, Diagnostic>)> = pages
        .par_iter()
        .map(|page| {
            let html = renderer
                .render(&site, page)
                .map(|b| crate::html::links(&String::from_utf8_lossy(&b)));
            (page.file_path(&site), html)
        })
        .collect();
    let mut problems = Vec::new();
    let mut by_path = HashMap::new();
    for (key, result) in rendered {
        match result {
            Ok(found) => {
                by_path.insert(key, found);
            }
            Err(d) => problems.push(d),
        }
    }
    problems.dedup_by(|a, b| a.message == b.message);
    let mut files = plan::other_outputs(&site, &statics);
    files.extend(others.iter().map(|p| p.file_path(&site)));
    // The texts' own links first, each at its line; then what the templates link, on every page.
    let ids: HashMap<String, HashSet<String>> = by_path
        .iter()
        .map(|(k, v)| (k.clone(), v.ids.clone()))
        .collect();
    let (text_checked, text_broken) = links::texts::check(&site, &files, &ids);
    problems.extend(crate::diagnostics::quote_sources(root, text_broken));
    let origin = site.config.absolute("");
    let written = written_links(&site);
    for (key, found) in by_path.iter_mut() {
        if let Some(from_texts) = written.get(key) {
            found.links.retain(|l| !from_texts.contains(l));
        }
    }
    let (checked, broken) = links::pages::check(&by_path, &files, &origin, site.config.base_path());
    let checked = checked + text_checked;
    for b in broken {
        let template = page_of(&site, &pages, &b.page)
            .and_then(|p| pages::template_name(p.kind))
            .unwrap_or("a template");
        problems.push(
            Diagnostic::error(
                &Path::new("templates").join(template),
                format!(
                    "the link `{}` on {} goes nowhere: {}",
                    b.link, b.page, b.reason
                ),
            )
            .help("fix the link in the template, or build the page it points at"),
        );
    }
    let mut notes = Vec::new();
    for text in &site.texts {
        let written: Vec<&str> = text
            .versions
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_some())
            .map(|(l, _)| site.config.languages[l].code.as_str())
            .collect();
        if written.len() < site.config.languages.len() {
            let post = site.version(text, 0);
            notes.push(
                Diagnostic::note(
                    &post.source.path,
                    format!("this text is only in {}", written.join(", ")),
                )
                .help(
                    "readers of the other languages see it with a note that it is not translated",
                ),
            );
        }
    }
    notes.extend(shared_slugs(&site));
    let mut asked = 0;
    if external {
        let (count, failures) = check_sources(&site);
        asked = count;
        problems.extend(failures);
    }
    warnings.extend(crate::diagnostics::quote_sources(
        root,
        crate::site::translation::warnings(&site),
    ));
    warnings.extend(renderer.card_warnings(&site));
    warnings.extend(renderer.i18n.fallback_warnings());
    warnings.extend(renderer.i18n.untranslated_warnings());
    warnings.extend(placeholder_form(root, &site.config.subscribe.action));
    let toml = std::fs::read_to_string(root.join("site.toml")).unwrap_or_default();
    if crate::send::naked::in_use(root, &toml) {
        warnings.extend(crate::send::naked::problem(&site.config, &toml, false));
        notes.extend(crate::send::outgoing::shortened_slugs(&site));
    }
    problems.extend(renderer.i18n.format_errors());
    warnings.extend(crate::workflow::schedule_problems(
        root,
        &site.publishing.schedule,
        &site.arc,
    ));
    if problems.is_empty() {
        Ok(CheckReport {
            pages: pages.len(),
            links: checked,
            external: asked,
            warnings,
            notes,
        })
    } else {
        problems.extend(warnings);
        Err(problems)
    }
}

/// An essay and a bulletin with one slug: their pages differ, but the commands that take a slug
/// must be told which (a note, not a warning: the site builds as it is).
fn shared_slugs(site: &Site) -> Vec<Diagnostic> {
    let mut notes = Vec::new();
    for (i, text) in site.texts.iter().enumerate() {
        let Some(other) = site.texts[..i].iter().find(|t| t.slug == text.slug) else {
            continue;
        };
        let path = |t| site.version(t, 0).source.path.display().to_string();
        notes.push(
            Diagnostic::note(
                &site.version(text, 0).source.path,
                format!(
                    "the slug `{}` names two texts: {} and {}",
                    text.slug,
                    path(other),
                    path(text)
                ),
            )
            .help(format!(
                "their pages differ, but `site email` and `site new --translate` need `{}/{slug}` or `{}/{slug}`; `site new` gives every new text a slug of its own",
                other.kind.folder(),
                text.kind.folder(),
                slug = text.slug
            )),
        );
    }
    notes
}

fn page_of<'a>(site: &Site, pages: &'a [plan::Page], key: &str) -> Option<&'a plan::Page> {
    pages.iter().find(|p| p.file_path(site) == key)
}

/// The links each page shows from a text's Markdown (its own page, and the home with the newest text),
/// as they appear there: `links::texts` checks those, at their lines.
fn written_links(site: &Site) -> HashMap<String, HashSet<String>> {
    let mut out: HashMap<String, HashSet<String>> = HashMap::new();
    for lang in 0..site.config.languages.len() {
        for (i, text) in site.texts.iter().enumerate() {
            let post = site.version(text, lang);
            let key = plan::Page {
                lang,
                kind: PageKind::Text(i),
            }
            .file_path(site);
            out.entry(key)
                .or_default()
                .extend(post.body.links.iter().map(|l| l.url.clone()));
        }
        if let Some(newest) = site.texts.last() {
            let post = site.version(newest, lang);
            let page = crate::plan::text_path(site, newest, lang);
            let home = plan::Page {
                lang,
                kind: PageKind::Home,
            }
            .file_path(site);
            out.entry(home).or_default().extend(
                post.body
                    .links
                    .iter()
                    .map(|l| crate::url::absolute(&l.url, &page)),
            );
        }
    }
    out
}

/// Asks every source URL once (HEAD, then GET where HEAD is refused); returns how many and the failures.
fn check_sources(site: &Site) -> (usize, Vec<Diagnostic>) {
    let mut urls: Vec<(&str, &Path)> = site
        .posts
        .iter()
        .flat_map(|p| {
            p.front
                .sources
                .iter()
                .map(move |s| (s.url.as_str(), p.source.path.as_path()))
        })
        .collect();
    urls.sort();
    urls.dedup_by(|a, b| a.0 == b.0);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(15)))
        .http_status_as_error(false)
        .build()
        .into();
    let failures = urls
        .par_iter()
        .filter_map(|(url, path)| {
            let status = agent
                .head(*url)
                .call()
                .ok()
                .map(|r| r.status().as_u16())
                .filter(|s| *s < 400)
                .or_else(|| agent.get(*url).call().ok().map(|r| r.status().as_u16()));
            match status {
                Some(s) if s < 400 => None,
                Some(s) => Some(Diagnostic::error(
                    path,
                    format!("the source {url} answers {s}"),
                )),
                None => Some(Diagnostic::error(
                    path,
                    format!("the source {url} does not answer"),
                )),
            }
            .map(|d| d.help("update the source's URL, or remove it if it is gone"))
        })
        .collect();
    (urls.len(), failures)
}

/// A warning when the subscription form still posts to the address `site init` wrote (a domain
/// kept for examples, or `YOUR_NAME`): a reader who subscribes would reach nothing. Only `check`
/// says it, so a new site builds without a warning; the publish workflow runs `check`.
fn placeholder_form(root: &Path, action: &str) -> Option<Diagnostic> {
    let host = url::Url::parse(action)
        .ok()?
        .host_str()?
        .to_ascii_lowercase();
    let example = ["example.org", "example.com", "example.net"]
        .iter()
        .any(|e| host == *e || host.ends_with(&format!(".{e}")));
    if !example && !action.contains("YOUR_NAME") {
        return None;
    }
    let text = std::fs::read_to_string(root.join("site.toml")).unwrap_or_default();
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with("action"))
        .map_or(0, |i| i + 1);
    Some(
        Diagnostic::warning(
            Path::new("site.toml"),
            format!("the subscription form posts to `{action}`, a placeholder: a reader who subscribes reaches nothing"),
        )
        .at_line_of(&text, line, 1)
        .help("write your email service's form address in [subscribe] action (Buttondown: \"https://buttondown.com/api/emails/embed-subscribe/YOUR_NAME\" with your name)"),
    )
}
