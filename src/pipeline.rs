//! The build pipeline: load → parse → assemble → render → write. `serve` drives the same steps.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::assets::Assets;
use crate::config::Config;
use crate::content::load;
use crate::content::markdown::{Env, Target};
use crate::diagnostics::Diagnostic;
use crate::highlight::Highlighter;
use crate::i18n::I18n;
use crate::output::Staging;
use crate::plan::{self, PageKind};
use crate::render::Renderer;
use crate::schedule::{Now, Publishing, Status};
use crate::site::{self, Site};
use crate::{search, text_links};

/// `css/syntax.css`: syntect's InspiredGitHub theme, and base16-mocha.dark for dark schemes, each
/// painting its own background on `pre.code` with every colour readable on it (WCAG AA).
pub fn syntax_stylesheet() -> String {
    Highlighter::stylesheet("InspiredGitHub", "base16-mocha.dark")
}

/// The code colours of the light scheme alone, which the email edition inlines.
pub fn light_syntax_stylesheet() -> String {
    Highlighter::theme_stylesheet("InspiredGitHub")
}

#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub output: PathBuf,
    pub base_url: Option<String>,
    /// Include drafts and texts whose hour has not come (a preview, marked and `noindex`).
    pub drafts: bool,
    pub now: Now,
}

/// What a run loads: which texts, seen from when, and whether it keeps their bodies.
#[derive(Debug, Clone)]
pub struct Selection {
    pub base_url: Option<String>,
    /// Drafts and scheduled texts too.
    pub drafts: bool,
    pub now: Now,
    /// Keep every page body in memory (`serve`); a build renders each body when it writes it.
    pub keep_bodies: bool,
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
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
}

/// A parsed text with its warnings, or its errors.
type Parsed = Result<(site::Post, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Everything rendering needs, loaded and checked.
pub struct Loaded {
    pub site: Site,
    pub renderer: Renderer,
    pub highlighter: Arc<Highlighter>,
    /// Files under `static/`, relative to it.
    pub statics: Vec<PathBuf>,
    pub warnings: Vec<Diagnostic>,
}

/// Reads the configuration, templates, translations and every text; reports all problems at once.
pub fn load(root: &Path, selection: &Selection) -> Result<Loaded, Vec<Diagnostic>> {
    let Parts {
        config,
        arc,
        publishing,
        renderer,
        highlighter,
        posts,
        held,
        assets,
        statics,
        mut problems,
        warnings,
    } = load_parts(root, selection)?;
    let renderer = match renderer {
        Ok(r) => Some(r),
        Err(d) => {
            problems.extend(d);
            None
        }
    };
    let site = Site::assemble(config, arc, publishing, posts, assets);
    match (site, renderer) {
        (Ok(mut site), Some(renderer)) if problems.is_empty() => {
            site.cards = renderer.has_cards();
            site.held = held;
            Ok(Loaded {
                site,
                renderer,
                highlighter,
                statics,
                warnings,
            })
        }
        (site, _) => {
            problems.extend(site.err().unwrap_or_default());
            Err(problems)
        }
    }
}

/// Everything a run reads, before the texts are assembled into a site: what could be read, and the
/// problems of what could not. `Err` only when the configuration itself is unusable.
pub struct Parts {
    pub config: Config,
    pub arc: crate::arc::Arc,
    pub publishing: Publishing,
    /// The templates and translations, or why they cannot be used.
    pub renderer: Result<Renderer, Vec<Diagnostic>>,
    pub highlighter: Arc<Highlighter>,
    /// The texts that parsed (drafts and scheduled ones only when the selection includes them).
    pub posts: Vec<Arc<site::Post>>,
    /// The drafts and scheduled texts the selection leaves out.
    pub held: Vec<site::Held>,
    pub assets: Arc<Assets>,
    pub statics: Vec<PathBuf>,
    /// Files that could not be read or parsed, each problem naming its file.
    pub problems: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

/// Reads everything `load` reads, keeping what could be read beside the problems of the rest:
/// the preview and the writer's commands work on a site with a broken file.
pub fn load_parts(root: &Path, selection: &Selection) -> Result<Parts, Vec<Diagnostic>> {
    let mut config = Config::load(&root.join("site.toml")).map_err(|mut d| {
        d.iter_mut()
            .for_each(|d| d.file = PathBuf::from("site.toml"));
        d
    })?;
    if let Some(url) = &selection.base_url {
        config.base_url = url.to_string();
    }
    let site_toml = |(key, message, help): (&str, String, String)| {
        vec![Diagnostic::error(Path::new("site.toml"), format!("{key}: {message}")).help(help)]
    };
    let arc = config.arc().map_err(site_toml)?;
    let schedule = config.schedule().map_err(site_toml)?;
    let publishing = Publishing {
        schedule,
        now: schedule.instant(selection.now),
    };
    let highlighter = Arc::new(Highlighter::default());
    let target = if selection.keep_bodies {
        Target::Page
    } else {
        Target::Outline
    };
    let load::Found {
        texts: refs,
        assets,
        mut problems,
    } = load::discover(root, &config);
    let orphans = orphan_folders(&refs, &assets);
    let assets = Arc::new(Assets::read(root, assets));
    let (statics, static_problems) = load::files_under(root, Path::new("static"));
    problems.extend(static_problems);
    let statics = statics
        .iter()
        .filter_map(|p| p.strip_prefix("static").ok().map(Path::to_path_buf))
        .collect();
    // Templates and translations load while the texts are read and parsed.
    let (renderer, parsed) = rayon::join(
        || {
            I18n::load(root, &config)
                .and_then(|i| Renderer::new(root, Arc::new(i), highlighter.clone()))
        },
        || -> Vec<Parsed> {
            refs.into_par_iter()
                .map(|source| {
                    let file = load::read_one(root, source).map_err(|d| vec![d])?;
                    let env = Env {
                        highlighter: &highlighter,
                        base_path: config.base_path(),
                        base_url: &config.base_url,
                        assets: assets.of(file.source.kind, &file.source.slug),
                    };
                    let post = site::parse_post(&file, &arc, &publishing, &env, target)?;
                    let warnings = site::warnings(&post, &file.text);
                    Ok((post, warnings))
                })
                .collect()
        },
    );
    let mut posts = Vec::new();
    let mut warnings = orphans;
    let mut dates = Vec::new();
    let mut held = Vec::new();
    for result in parsed {
        match result {
            Ok((post, w)) => {
                warnings.extend(w);
                dates.push((
                    post.front.date,
                    post.front.date_line,
                    post.source.path.clone(),
                ));
                if selection.drafts || post.status == Status::Published {
                    posts.push(Arc::new(post));
                } else {
                    held.push(site::Held {
                        kind: post.source.kind,
                        slug: post.source.slug.clone(),
                        path: post.source.path.clone(),
                        date: post.front.date,
                        status: post.status,
                    });
                }
            }
            Err(d) => problems.extend(d),
        }
    }
    let today = publishing
        .now
        .with_timezone(&publishing.schedule.zone)
        .date_naive();
    let far = crate::schedule::far_ahead(dates, &arc, today);
    warnings.extend(text_links::with_sources(root, far));
    Ok(Parts {
        config,
        arc,
        publishing,
        renderer,
        highlighter,
        posts,
        held,
        assets,
        statics,
        problems,
        warnings,
    })
}

/// Folders under `content/KIND/` named after no text: their files would never be published.
fn orphan_folders(texts: &[load::SourceRef], assets: &[load::AssetRef]) -> Vec<Diagnostic> {
    let mut folders: Vec<(crate::content::Kind, &str)> = assets
        .iter()
        .map(|(kind, slug, _, _)| (*kind, slug.as_str()))
        .filter(|(kind, slug)| !texts.iter().any(|t| t.kind == *kind && t.slug == *slug))
        .collect();
    folders.dedup();
    folders
        .into_iter()
        .map(|(kind, slug)| {
            let folder = Path::new("content").join(kind.folder()).join(slug);
            Diagnostic::warning(&folder, "this folder belongs to no text, so its files are not published")
                .help(format!(
                    "a text's files go in a folder named after its slug: content/{}/SLUG/ beside SLUG.md",
                    kind.folder()
                ))
        })
        .collect()
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
        renderer,
        statics,
        mut warnings,
        ..
    } = load(
        root,
        &Selection {
            base_url: options.base_url.clone(),
            drafts: options.drafts,
            now: options.now,
            keep_bodies: false,
        },
    )?;
    let io_error = |what: &str, e: std::io::Error| {
        vec![Diagnostic::error(&output, format!("cannot {what}: {e}"))
            .help("check that the output folder's parent exists and is writable")]
    };
    let staging = Staging::begin(&output).map_err(|e| io_error("create the output folder", e))?;
    // When this build began, as the card cache's files are stamped: what is older and unused goes.
    let cards_since = renderer.card_clock();
    let pages = plan::plan(&site);
    // Pages the texts link into with a #fragment: their ids are read as they are written.
    let needs_ids = text_links::fragment_targets(&site, None);
    let write_page = |page: &plan::Page| -> Result<Written, Diagnostic> {
        let path = page.file_path(&site);
        let cannot =
            |e: std::io::Error| Diagnostic::error(Path::new(&path), format!("cannot write: {e}"));
        if let PageKind::Card(_) = page.kind {
            // A cached card is linked from the cache, not read and written again.
            let dest = staging.prepare(&path).map_err(cannot)?;
            return Ok(Written::Card(renderer.card_to(&site, page, &dest)?));
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
        Some((plan::SYNTAX_CSS, syntax_stylesheet())),
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
    // A broken link or image in a text fails the build before anything is replaced.
    let (_, broken) = text_links::check(&site, &plan::other_outputs(&site, &statics), &ids);
    if !broken.is_empty() {
        return Err(text_links::with_sources(root, broken));
    }
    staging
        .commit()
        .map_err(|e| io_error("replace the output folder", e))?;
    // The card cache keeps what this build drew or read; the rest belonged to texts and designs
    // that are gone. It only saves time, so a prune that fails is no failure.
    if let Some(since) = cards_since {
        let _ = renderer.prune_cards(since);
    }
    if !search_used.is_empty() {
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
        elapsed: started.elapsed(),
        warnings,
    })
}

/// The output folder, absolute; refused when a build there could destroy the site's sources.
pub fn check_output(root: &Path, output: &Path) -> Result<PathBuf, Vec<Diagnostic>> {
    let root = root.canonicalize().map_err(|e| {
        vec![
            Diagnostic::error(root, format!("cannot open the site folder: {e}"))
                .help("pass an existing folder to --root"),
        ]
    })?;
    let joined = if output.is_absolute() {
        output.to_path_buf()
    } else {
        root.join(output)
    };
    let output = normalize(&joined);
    let protected = ["content", "templates", "static", "i18n"].map(|d| root.join(d));
    let refuse = output.parent().is_none()
        || root.starts_with(&output)
        || protected.iter().any(|p| output.starts_with(p));
    if refuse {
        return Err(vec![Diagnostic::error(
            &output,
            "refusing to build here: the output folder would replace the site's own files",
        )
        .help("choose a folder of its own, e.g. `--output public`")]);
    }
    Ok(output)
}

/// Removes `.` and `..` without touching the file system (the folder may not exist yet).
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
