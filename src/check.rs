//! `site check`: every validation of a build without writing output, internal links and anchors
//! of the rendered pages included, and with `--external` the source URLs.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Duration;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::links;
use crate::pipeline::{load, Loaded, Selection, SYNTAX_CSS};
use crate::render::{self, PageKind};
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
        renderer,
        statics,
        mut warnings,
        ..
    } = load(root, selection)?;
    // HTML pages are rendered and their links read; feeds, sitemap and robots.txt are only link targets.
    let (pages, others): (Vec<_>, Vec<_>) = render::plan(&site).into_iter().partition(|p| {
        !matches!(
            p.kind,
            PageKind::Feed(_) | PageKind::Sitemap | PageKind::Robots
        )
    });
    let rendered: Vec<(String, Result<links::PageLinks, Diagnostic>)> = pages
        .par_iter()
        .map(|page| {
            let html = renderer
                .render(&site, page)
                .map(|b| links::extract(&String::from_utf8_lossy(&b)));
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
    let mut files: HashSet<String> = statics
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    files.insert(SYNTAX_CSS.to_string());
    files.extend(others.iter().map(|p| p.file_path(&site)));
    let origin = site.config.absolute("");
    let (checked, broken) = links::check(&by_path, &files, &origin, site.config.base_path());
    let page_of: HashMap<String, render::Page> =
        pages.iter().map(|p| (p.file_path(&site), *p)).collect();
    for b in broken {
        problems.push(broken_link(root, &site, page_of.get(&b.page), &b));
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
    let mut asked = 0;
    if external {
        let (count, failures) = check_sources(&site);
        asked = count;
        problems.extend(failures);
    }
    warnings.extend(renderer.i18n.fallback_warnings());
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

/// A broken link, pinned to the Markdown line that makes it when a text makes it, else to the template.
fn broken_link(
    root: &Path,
    site: &Site,
    page: Option<&render::Page>,
    broken: &links::Broken,
) -> Diagnostic {
    let message = format!(
        "the link `{}` on {} goes nowhere: {}",
        broken.link, broken.page, broken.reason
    );
    // The text a page shows: its own, or the newest one, which the home shows in full.
    let shown = match page {
        Some(render::Page {
            lang,
            kind: PageKind::Text(i),
        }) => Some(site.version(&site.texts[*i], *lang)),
        Some(render::Page {
            lang,
            kind: PageKind::Home,
        }) => site.texts.last().map(|t| site.version(t, *lang)),
        _ => None,
    };
    if let Some(post) = shown {
        let text = std::fs::read_to_string(root.join(&post.source.path)).unwrap_or_default();
        let needle = broken
            .link
            .split('#')
            .next()
            .filter(|s| !s.is_empty())
            .unwrap_or(&broken.link);
        if let Some((n, line)) = text.lines().enumerate().find(|(_, l)| l.contains(needle)) {
            let column = line
                .find(needle)
                .map_or(1, |c| line[..c].chars().count() + 1);
            return Diagnostic::error(&post.source.path, message)
                .at(n + 1, column)
                .with_source(line)
                .help("link to a page the site builds, e.g. `/ensaios/SLUG/`, or to a heading id on it");
        }
    }
    let template = page.map_or("a template", |p| render::template_name(p.kind));
    Diagnostic::error(&Path::new("templates").join(template), message)
        .help("fix the link in the template, or build the page it points at")
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
