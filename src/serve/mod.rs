//! `site serve`: the live preview. It keeps the pipeline warm in a `Workspace`, serves pages from
//! memory, re-renders what an edit touches and tells open pages to reload.

mod cache;
pub mod http;
mod reload;
mod search;
mod touched;
mod watch;
mod wire;
mod workspace;

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::thread;
use std::time::Instant;

use cache::Cache;
use reload::Hub;
use touched::Touched;
use workspace::Workspace;

use crate::diagnostics::Diagnostic;
use crate::links::texts;
use crate::plan::PageKind;
use crate::schedule::Now;
use crate::site::load::Selection;

pub struct Options {
    pub root: PathBuf,
    pub bind: String,
    pub port: u16,
    pub open: bool,
    /// Show drafts and scheduled texts, marked.
    pub drafts: bool,
    pub now: Now,
}

/// Shared by the HTTP threads and the rebuild thread.
pub struct State {
    root: PathBuf,
    selection: Selection,
    /// `None` while no page can be rendered (site.toml, the templates or the translations are broken):
    /// every request then gets an error page, and every change tries to open the site again.
    workspace: RwLock<Option<Workspace>>,
    /// Why there is no workspace.
    unopened: Mutex<Vec<Diagnostic>>,
    cache: Mutex<Cache>,
    hub: Hub,
    /// Broken links and images in the texts, as of the last change to them.
    links: Mutex<Vec<Diagnostic>>,
    /// The search index, built when asked for.
    search: search::SearchIndex,
}

impl State {
    /// The current problems as the terminal shows them (no colour), if any.
    fn problems_text(&self) -> Option<String> {
        let workspace = self.workspace.read().ok()?;
        let mut problems = match workspace.as_ref() {
            Some(workspace) => workspace.problems(),
            None => self.unopened.lock().ok()?.clone(),
        };
        problems.extend(self.links.lock().ok()?.iter().cloned());
        (!problems.is_empty()).then(|| problems_text(&problems, workspace.is_some()))
    }
}

/// The texts' broken links and images, checked as a build checks them: the pages they link into
/// with a #fragment are rendered (from the cache) to read their ids.
/// With `only` (an edit of those texts' bodies), only their links are checked again: `previous` keeps
/// the other texts' problems.
fn link_problems(
    workspace: &Workspace,
    cache: &mut Cache,
    root: &Path,
    only: texts::Only,
    previous: &[Diagnostic],
) -> Vec<Diagnostic> {
    let site = &workspace.site;
    let targets: Vec<String> = texts::fragment_targets(site, only).into_iter().collect();
    let pages: Vec<crate::plan::Page> = targets
        .iter()
        .filter_map(|key| match cache.get(key) {
            Some(cache::Entry::Page(page, _)) => Some(*page),
            _ => None,
        })
        .collect();
    cache.render_now(workspace, &pages);
    let ids = targets
        .into_iter()
        .filter_map(|key| match cache.get(&key) {
            Some(cache::Entry::Page(_, Some(bytes))) => {
                let ids = crate::html::links(&String::from_utf8_lossy(bytes)).ids;
                Some((key, ids))
            }
            _ => None,
        })
        .collect();
    let is_page = |key: &str| matches!(cache.get(key), Some(cache::Entry::Page(..)));
    let is_file = |key: &str| matches!(cache.get(key), Some(cache::Entry::File(..)));
    let (_, broken) = texts::check_in(site, only, &is_page, &is_file, &ids);
    let mut problems = crate::diagnostics::quote_sources(root, broken);
    if let Some(only) = only {
        // The touched texts' files: their old problems are replaced by the new ones.
        let files: std::collections::HashSet<&Path> = site
            .posts
            .iter()
            .filter(|p| texts::touches(only, p.source.kind, &p.source.slug))
            .map(|p| p.source.path.as_path())
            .collect();
        problems.extend(
            previous
                .iter()
                .filter(|d| !files.contains(d.file.as_path()))
                .cloned(),
        );
        problems.sort();
    }
    problems
}

/// The problems as the terminal and the overlay show them; `serving` says whether pages are served.
fn problems_text(problems: &[Diagnostic], serving: bool) -> String {
    let mut text: String = problems.iter().map(|d| d.render(false) + "\n").collect();
    let n = problems.len();
    let s = if n == 1 { "" } else { "s" };
    if serving {
        text.push_str(&format!(
            "{n} error{s} — the last good pages are still served"
        ));
    } else {
        text.push_str(&format!(
            "{n} error{s} — no page can be built until this is fixed; the preview reloads by itself then"
        ));
    }
    text
}

/// Runs until the process is stopped. Errors at start-up are returned; later ones are shown, not fatal.
pub fn run(options: Options) -> Result<(), Vec<Diagnostic>> {
    let root = options.root.canonicalize().map_err(|e| {
        vec![Diagnostic::error(
            &options.root,
            format!("cannot open the site folder: {e}"),
        )]
    })?;
    let (server, address) = bind(&options.bind, options.port)?;
    let url = format!("http://{address}/");
    // The preview is its own site: links, canonical URLs and a base path all point at this server.
    let selection = Selection {
        base_url: Some(url.clone()),
        drafts: options.drafts,
        now: options.now,
        keep_bodies: true,
    };
    // A broken site still starts: the pages that can be built are served, the problems shown.
    let (workspace, unopened) = match Workspace::open(&root, selection.clone()) {
        Ok(workspace) => (Some(workspace), Vec::new()),
        Err(problems) => (None, problems),
    };
    let (cache, links, title) = match &workspace {
        Some(workspace) => {
            let mut cache = Cache::fill(&workspace.site, &root, &workspace.renderer.mark);
            let links = link_problems(workspace, &mut cache, &root, None, &[]);
            (cache, links, workspace.site.config.title.clone())
        }
        None => (Cache::default(), Vec::new(), root_name(&root)),
    };
    let state = Arc::new(State {
        root: root.clone(),
        selection,
        workspace: RwLock::new(workspace),
        unopened: Mutex::new(unopened),
        cache: Mutex::new(cache),
        hub: Hub::new(),
        links: Mutex::new(links),
        search: search::SearchIndex::default(),
    });
    let (_watcher, batches) = watch::start(&root).map_err(|e| {
        vec![Diagnostic::error(
            &root,
            format!("cannot watch the site's files: {e}"),
        )]
    })?;
    let _ = writeln!(
        std::io::stdout(),
        "Serving {title} at {url} ({}); watching content/, templates/, static/, i18n/ and site.toml",
        if options.drafts { "drafts shown" } else { "drafts hidden" }
    );
    if let Some(text) = state.problems_text() {
        let _ = writeln!(std::io::stderr(), "{text}");
    }
    if options.open {
        let _ = std::process::Command::new("xdg-open").arg(&url).spawn();
    }
    let rebuilder = state.clone();
    thread::spawn(move || {
        for batch in batches {
            rebuild(&rebuilder, &batch);
        }
    });
    wire::accept_forever(&server, |stream| {
        let state = state.clone();
        // No thread to be had (the system's limit): the connection is closed, the server goes on.
        let _ = thread::Builder::new()
            .spawn(move || wire::serve_connection(stream, &|r| http::handle(&state, r)));
    });
    Ok(())
}

/// The site folder's name, for the first line when site.toml cannot be read.
fn root_name(root: &Path) -> String {
    root.file_name().map_or_else(
        || root.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The status page of every language, as linked: reloaded whenever any page is.
fn status_paths(site: &crate::site::Site) -> Vec<String> {
    (0..site.config.languages.len())
        .map(|lang| {
            crate::plan::Page {
                lang,
                kind: PageKind::Status,
            }
            .url_path(site)
        })
        .collect()
}

/// With no workspace, any change may be the fix: open the site again, and on success serve it.
fn reopen(state: &State, changed: &[PathBuf]) {
    let started = Instant::now();
    let opened = Workspace::open(&state.root, state.selection.clone());
    let names: Vec<String> = changed.iter().map(|p| p.display().to_string()).collect();
    let clock = chrono::Local::now().format("%H:%M:%S");
    let elapsed = started.elapsed().as_secs_f64() * 1000.0;
    match opened {
        Ok(workspace) => {
            let mut cache = Cache::fill(&workspace.site, &state.root, &workspace.renderer.mark);
            let links = link_problems(&workspace, &mut cache, &state.root, None, &[]);
            if let (Ok(mut slot), Ok(mut c), Ok(mut l), Ok(mut u)) = (
                state.workspace.write(),
                state.cache.lock(),
                state.links.lock(),
                state.unopened.lock(),
            ) {
                *slot = Some(workspace);
                *c = cache;
                *l = links;
                u.clear();
            }
            match state.problems_text() {
                Some(text) => {
                    let _ = writeln!(std::io::stderr(), "{clock} {} · {text}", names.join(", "));
                    state.hub.send("problem", &text);
                }
                None => {
                    state.hub.send("ok", "");
                }
            }
            state.hub.send("reload", "*");
            state.search.mark_stale();
            let _ = writeln!(
                std::io::stdout(),
                "{clock} {} · the site builds again: every page re-rendered on request · {elapsed:.1} ms",
                names.join(", ")
            );
        }
        Err(problems) => {
            let text = problems_text(&problems, false);
            if let Ok(mut u) = state.unopened.lock() {
                *u = problems;
            }
            let _ = writeln!(std::io::stderr(), "{clock} {} · {text}", names.join(", "));
            state.hub.send("problem", &text);
        }
    }
}

/// Binds the preview server; a busy port moves on to the next few and says so.
fn bind(host: &str, port: u16) -> Result<(std::net::TcpListener, SocketAddr), Vec<Diagnostic>> {
    let mut last_error = String::new();
    for candidate in port..port.saturating_add(10) {
        match wire::bind((host, candidate)) {
            Ok((server, address)) => {
                if candidate != port {
                    let _ = writeln!(
                        std::io::stdout(),
                        "Port {port} is busy; using {} instead.",
                        address.port()
                    );
                }
                return Ok((server, address));
            }
            Err(e) => last_error = e.to_string(),
        }
        if port == 0 {
            break;
        }
    }
    Err(vec![Diagnostic::error(
        Path::new(host),
        format!("cannot listen on {host}:{port} or the next ports: {last_error}"),
    )
    .help(
        "pass another port with --port, or stop the program that uses it",
    )])
}

/// Applies a batch of changes: updates the model, marks and re-renders what it touches, tells pages.
fn rebuild(state: &State, changed: &[PathBuf]) {
    if state.workspace.read().is_ok_and(|w| w.is_none()) {
        reopen(state, changed);
        return;
    }
    let started = Instant::now();
    let (had_problems, touched) = {
        let Ok(mut slot) = state.workspace.write() else {
            return;
        };
        let Some(workspace) = slot.as_mut() else {
            return;
        };
        let had = !workspace.errors.is_empty() || state.links.lock().is_ok_and(|l| !l.is_empty());
        (had, workspace.apply(changed))
    };
    // What search finds changes with the texts and the pages' templates (a flag: nothing is
    // indexed until a search page asks).
    if touched.all || touched.listings || !touched.texts.is_empty() || !touched.templates.is_empty()
    {
        state.search.mark_stale();
    }
    let Ok(slot) = state.workspace.read() else {
        return;
    };
    let Some(workspace) = slot.as_ref() else {
        return;
    };
    let mut problems = workspace.problems();
    let (rendered, stale, reload_paths, render_error) = {
        let Ok(mut cache) = state.cache.lock() else {
            return;
        };
        cache.update_static(&state.root, &touched.statics);
        if touched.assets || touched.listings || touched.all {
            cache.sync_assets(&workspace.site, &state.root);
        }
        let pages_touched = Touched {
            statics: Vec::new(),
            ..touched.clone()
        };
        let mut paths = Vec::new();
        let site = &workspace.site;
        let pages = pages_touched.pages(site);
        let invalidated = if pages_touched.is_empty() {
            0
        } else {
            cache.refresh(site, &pages_touched, pages.as_deref())
        };
        // The edited texts are rendered now, so their reload is instant and their errors show at once;
        // everything else that went stale renders when it is asked for.
        let texts: Vec<crate::plan::Page> = pages
            .iter()
            .flatten()
            .filter(|p| matches!(p.kind, PageKind::Text(_)))
            .copied()
            .collect();
        let (rendered, error) = cache.render_now(workspace, &texts);
        let stale = invalidated.saturating_sub(rendered);
        let content =
            touched.all || touched.listings || touched.assets || !touched.texts.is_empty();
        if let (true, Ok(mut links)) = (content, state.links.lock()) {
            // A body edit checks its own texts again; anything that changes what exists, every text.
            let whole = touched.all || touched.listings || touched.assets;
            let only = (!whole).then_some(&touched.texts);
            *links = link_problems(workspace, &mut cache, &state.root, only, &links);
        }
        if let Ok(links) = state.links.lock() {
            problems.extend(links.iter().cloned());
        }
        let other_statics = touched
            .statics
            .iter()
            .any(|p| p.extension().is_none_or(|e| e != "css"));
        match pages {
            None => paths.push("*".to_string()),
            Some(_) if other_statics => paths.push("*".to_string()),
            Some(pages) => paths.extend(pages.iter().map(|p| p.url_path(site))),
        }
        // The status page is rendered on request from the current site: it follows every change
        // to the texts, and to its own template.
        let status_template = touched.templates.contains(&PageKind::Status);
        if (content || status_template) && !paths.iter().any(|p| p == "*") {
            paths.extend(status_paths(site));
        }
        (rendered, stale, paths, error)
    };
    // Editors' temporary files show up in a batch; name only what the site is made of.
    let names: Vec<String> = changed
        .iter()
        .filter(|p| state.root.join(p).exists() || p.extension().is_some())
        .filter(|p| !p.starts_with("content") || p.extension().is_some_and(|e| e == "md"))
        .map(|p| p.display().to_string())
        .collect();
    let elapsed = started.elapsed().as_secs_f64() * 1000.0;
    let clock = chrono::Local::now().format("%H:%M:%S");
    // Problems and reloads are independent: another file's good edit still reloads its pages.
    let problem =
        render_error.or_else(|| (!problems.is_empty()).then(|| problems_text(&problems, true)));
    match &problem {
        Some(text) => {
            let _ = writeln!(std::io::stderr(), "{clock} {} · {text}", names.join(", "));
            state.hub.send("problem", text);
        }
        None if had_problems => {
            state.hub.send("ok", "");
        }
        None => {}
    }
    let css_only = !touched.statics.is_empty()
        && touched
            .statics
            .iter()
            .all(|p| p.extension().is_some_and(|e| e == "css"))
        && reload_paths.is_empty();
    if css_only {
        state.hub.send("css", "");
    } else if !reload_paths.is_empty() {
        state.hub.send("reload", &reload_paths.join("\n"));
    }
    // A closed terminal must not take the rebuild thread down: write, don't `println!`.
    let _ = writeln!(
        std::io::stdout(),
        "{clock} {} · {rendered} page{} re-rendered, {stale} on request · {elapsed:.1} ms",
        names.join(", "),
        if rendered == 1 { "" } else { "s" }
    );
}
