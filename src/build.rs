//! `site build`, the pipeline: load the site, plan its pages, render every one with its output in
//! parallel into a staging folder, index the texts for search, check the texts' links, and swap the
//! finished folder in. `check` and `serve` drive the same steps without writing.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Datelike;
use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::highlight::Highlighter;
use crate::links::texts;
use crate::output::{check_output, Staging};
use crate::plan::{self, PageKind};
use crate::render::Renderer;
use crate::schedule::Now;
use crate::search;
use crate::site::load::{load, Loaded, Selection};

#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub output: PathBuf,
    pub base_url: Option<String>,
    /// Include drafts and texts whose hour has not come (a preview, marked and `noindex`).
    pub drafts: bool,
    pub now: Now,
}

/// What a build made, for the summary line.
#[derive(Debug)]
pub struct Report {
    /// (language code, HTML pages).
    pub pages: Vec<(String, usize)>,
    pub feeds: usize,
    pub cards: usize,
    /// Pages in the search index.
    pub indexed: usize,
    pub static_files: usize,
    /// Texts left out because their hour has not come, and when the first of them goes live.
    pub scheduled: Scheduled,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
}

/// The texts a build left out until their hour (a text in two languages counts once).
#[derive(Debug, Default)]
pub struct Scheduled {
    pub texts: usize,
    /// When the first of them goes live, in the site's zone.
    pub next: Option<chrono::DateTime<chrono_tz::Tz>>,
    /// Whether that is in the year of the build's "now" there.
    pub this_year: bool,
}

impl Scheduled {
    fn of(site: &crate::site::Site) -> Scheduled {
        let held: HashSet<(crate::kind::Kind, &str, chrono::NaiveDate)> = site
            .held
            .iter()
            .filter(|h| h.status == crate::schedule::Status::Scheduled)
            .map(|h| (h.kind, h.slug.as_str(), h.date))
            .collect();
        let texts: HashSet<_> = held.iter().map(|(k, s, _)| (*k, *s)).collect();
        let zone = site.publishing.schedule.zone;
        let next = held
            .iter()
            .map(|(_, _, date)| *date)
            .min()
            .map(|d| site.publishing.schedule.goes_live(d));
        Scheduled {
            texts: texts.len(),
            this_year: next
                .is_none_or(|n| n.year() == site.publishing.now.with_timezone(&zone).year()),
            next,
        }
    }
}

/// What writing one page brought back besides the file.
enum Written {
    Page,
    /// A page whose element ids texts link to, and the page to index if it is indexed.
    Ids(String, HashSet<String>, Option<search::Indexed>),
    /// A page to index.
    Indexed(search::Indexed),
    /// A social card, and what it has to say about its text.
    Card(Vec<Diagnostic>),
}

/// A full build into `options.output`, swapped in only when every page rendered.
pub fn build(options: &Options) -> Result<Report, Vec<Diagnostic>> {
    let started = Instant::now();
    let root = &options.root;
    let output = check_output(root, &options.output)?;
    let Loaded {
        site,
        interface,
        highlighter,
        statics,
        mut warnings,
    } = load(
        root,
        &Selection {
            base_url: options.base_url.clone(),
            drafts: options.drafts,
            now: options.now,
            keep_bodies: false,
        },
    )?;
    let renderer = Renderer::new(root, interface, highlighter)?;
    let io_error = |what: &str, e: std::io::Error| {
        vec![Diagnostic::error(&output, format!("cannot {what}: {e}"))
            .help("check that the output folder's parent exists and is writable")]
    };
    let staging = Staging::begin(&output).map_err(|e| io_error("create the output folder", e))?;
    // When this build began, as the card cache's files are stamped: what is older and unused goes.
    let cards_since = renderer.card_clock();
    let pages = plan::plan(&site);
    // Pages the texts link into with a #fragment: their ids are read as they are written.
    let needs_ids = texts::fragment_targets(&site, None);
    let write_page = |page: &plan::Page| -> Result<Written, Diagnostic> {
        let path = page.file_path(&site);
        let cannot =
            |e: std::io::Error| Diagnostic::error(Path::new(&path), format!("cannot write: {e}"));
        if let PageKind::Card(_) = page.kind {
            // A cached card is linked from the cache, not read and written again.
            let dest = staging.prepare(&path).map_err(cannot)?;
            return Ok(Written::Card(renderer.card_to(&site, page, &dest)?));
        }
        if let PageKind::Book(arc) = page.kind {
            // A book is linked from the shelf's cache, as a card is.
            let dest = staging.prepare(&path).map_err(cannot)?;
            let made = renderer.book(&site, page.lang, arc)?;
            made.write_to(&dest).map_err(cannot)?;
            return Ok(Written::Page);
        }
        let mut file = staging.create(&path).map_err(cannot)?;
        let indexed = search::indexes(&site, page);
        if !needs_ids.contains(&path) && !indexed {
            // Each page goes to its file as it is rendered: nothing holds the whole output.
            renderer.render_to(&site, page, &mut file)?;
            file.flush().map_err(cannot)?;
            return Ok(Written::Page);
        }
        let bytes = renderer.render(&site, page)?;
        file.write_all(&bytes)
            .and_then(|()| file.flush())
            .map_err(cannot)?;
        // The search index is keyed by a hash of the page: its HTML is read again only when
        // its part of the index is not in the cache.
        let indexed = indexed.then(|| search::Indexed::new(&site, page, &bytes));
        if !needs_ids.contains(&path) {
            return Ok(Written::Indexed(indexed.expect("an indexed page")));
        }
        let ids = crate::html::links(&String::from_utf8_lossy(&bytes)).ids;
        Ok(Written::Ids(path, ids, indexed))
    };
    let written: Vec<_> = pages.par_iter().map(write_page).collect();
    let mut ids = HashMap::new();
    let mut failures = Vec::new();
    // In the plan's order: the index depends on the order pages come in, and two builds of the
    // same input must be identical.
    let mut indexed = Vec::new();
    for result in written {
        match result {
            Ok(Written::Ids(path, page_ids, page)) => {
                ids.insert(path, page_ids);
                indexed.extend(page);
            }
            Ok(Written::Indexed(page)) => indexed.push(page),
            Ok(Written::Card(card_warnings)) => warnings.extend(card_warnings),
            Ok(Written::Page) => {}
            Err(d) => failures.push(d),
        }
    }
    let indexed_count = indexed.len();
    let search_cache = root.join(".cache").join("search");
    let read_back = |p: &search::Indexed| std::fs::read_to_string(staging.dir().join(&p.path)).ok();
    let bundle = if indexed.is_empty() || !failures.is_empty() {
        Ok((Vec::new(), HashSet::new()))
    } else {
        search::build(&site, &search_cache, indexed, &read_back)
    };
    warnings.sort();
    warnings.dedup();
    let (bundle, search_used) = bundle.unwrap_or_else(|d| {
        failures.push(d);
        (Vec::new(), HashSet::new())
    });
    failures.sort();
    failures.dedup_by(|a, b| a.message == b.message);
    if !failures.is_empty() {
        return Err(failures);
    }
    // The index's files are linked from the cache (or copied where links cannot be made).
    bundle
        .par_chunks(256)
        .try_for_each(|chunk| staging.link_each(chunk))
        .map_err(|e| io_error("write the search index", e))?;
    staging
        .copy_files(&root.join("static"), &statics)
        .map_err(|e| io_error("copy static/", e))?;
    let assets: Vec<(String, PathBuf)> = plan::asset_outputs(&site)
        .into_iter()
        .map(|(rel, source)| (rel, root.join(source)))
        .collect();
    assets
        .par_chunks(64)
        .try_for_each(|chunk| staging.copy_each(chunk))
        .map_err(|e| io_error("copy the texts' files", e))?;
    let static_files = statics.len();
    let extra = [
        Some((plan::SYNTAX_CSS, Highlighter::site_stylesheet())),
        site.config
            .cname
            .as_ref()
            .map(|c| ("CNAME", format!("{c}\n"))),
    ];
    for (path, text) in extra.into_iter().flatten() {
        staging
            .write(path, text.as_bytes())
            .map_err(|e| io_error("write", e))?;
    }
    let favicons = renderer.mark.favicons(&statics).map_err(|e| {
        vec![Diagnostic::error(
            Path::new("site.toml"),
            format!("cannot draw the favicon: {e}"),
        )]
    })?;
    for (path, bytes) in &favicons {
        staging
            .write(path, bytes)
            .map_err(|e| io_error("write", e))?;
    }
    // A message that could not be formatted would show its reference in braces on the pages.
    let unformatted = renderer.i18n.format_errors();
    if !unformatted.is_empty() {
        return Err(unformatted);
    }
    // A broken link or image in a text fails the build before anything is replaced.
    let (_, broken) = texts::check(&site, &plan::other_outputs(&site, &statics), &ids);
    if !broken.is_empty() {
        return Err(crate::diagnostics::quote_sources(root, broken));
    }
    staging
        .commit()
        .map_err(|e| io_error("replace the output folder", e))?;
    // The caches keep what this build drew or read; the rest belonged to texts and designs that
    // are gone. Only a build of the site as published says what that is: one at another address or
    // with drafts would throw away the published site's cards and index parts. A cache only saves
    // time, so a prune that fails is no failure.
    let as_published = options.base_url.is_none() && !options.drafts;
    if let Some(since) = cards_since.filter(|_| as_published) {
        let _ = renderer.prune_cards(since);
    }
    if as_published {
        renderer.prune_books();
    }
    if as_published && !search_used.is_empty() {
        search::prune(&search_cache, &search_used);
    }
    warnings.extend(renderer.i18n.fallback_warnings());
    let languages = &site.config.languages;
    Ok(Report {
        pages: languages
            .iter()
            .enumerate()
            .map(|(l, lang)| {
                let html = pages
                    .iter()
                    .filter(|p| p.lang == l && p.kind.is_html() && p.kind != PageKind::NotFound)
                    .count();
                (lang.code.clone(), html)
            })
            .collect(),
        feeds: pages
            .iter()
            .filter(|p| matches!(p.kind, PageKind::Feed(_)))
            .count(),
        cards: pages
            .iter()
            .filter(|p| matches!(p.kind, PageKind::Card(_)))
            .count(),
        indexed: indexed_count,
        static_files,
        scheduled: Scheduled::of(&site),
        elapsed: started.elapsed(),
        warnings,
    })
}
