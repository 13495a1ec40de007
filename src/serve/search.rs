//! Search in the preview: the index is built on a thread of its own from the rendered pages, when a
//! search page or its index is first asked for after a change to the texts (a writer who never
//! searches never pays for it), and served from memory like every other file.

use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;

use super::State;
use crate::render::{plan, Page, PageKind};
use crate::search::{bundle_dir, indexes, Files, Indexer};
use crate::site::Site;

/// How long a request for the index waits for it to be built.
const PATIENCE: Duration = Duration::from_secs(120);

#[derive(Default)]
pub struct SearchIndex {
    flags: Mutex<Flags>,
    done: Condvar,
}

struct Flags {
    /// The texts changed since the index was built (true until the first one is).
    stale: bool,
    running: bool,
    /// The texts changed while an index was being built: it is built again.
    again: bool,
}

impl Default for Flags {
    fn default() -> Self {
        Flags {
            stale: true,
            running: false,
            again: false,
        }
    }
}

impl SearchIndex {
    /// The texts changed: the index is out of date.
    pub fn mark_stale(&self) {
        if let Ok(mut flags) = self.flags.lock() {
            if flags.running {
                flags.again = true;
            } else {
                flags.stale = true;
            }
        }
    }
}

/// Whether `key` (an output path) is a search page or part of a search bundle, and which.
pub enum Wants {
    Nothing,
    Page,
    Bundle,
}

pub fn wants(site: &Site, key: &str) -> Wants {
    if !site.config.search {
        return Wants::Nothing;
    }
    for lang in 0..site.config.languages.len() {
        if key.starts_with(&bundle_dir(site, lang)) {
            return Wants::Bundle;
        }
        let page = Page {
            lang,
            kind: PageKind::Search,
        };
        if key == page.file_path(site) {
            return Wants::Page;
        }
    }
    Wants::Nothing
}

/// Starts building the index if it is out of date and no build is running.
pub fn ensure(state: &Arc<State>) {
    let search = &state.search;
    {
        let Ok(mut flags) = search.flags.lock() else {
            return;
        };
        if flags.running || !flags.stale {
            return;
        }
        flags.running = true;
        flags.stale = false;
    }
    let state = state.clone();
    thread::spawn(move || loop {
        let snapshot = state
            .workspace
            .read()
            .ok()
            .and_then(|w| w.as_ref().map(|w| (w.site.clone(), w.renderer.clone())));
        if let Some((site, renderer)) = snapshot {
            if let Ok(files) = index(&site, &renderer) {
                if let Ok(mut cache) = state.cache.lock() {
                    cache.replace_search(files);
                }
            }
        }
        let search = &state.search;
        let Ok(mut flags) = search.flags.lock() else {
            return;
        };
        if flags.again {
            flags.again = false;
            continue;
        }
        flags.running = false;
        search.done.notify_all();
        return;
    });
}

/// Waits until no index is being built (a request for the index answers from a whole one).
pub fn wait(state: &State) {
    let search = &state.search;
    let Ok(flags) = search.flags.lock() else {
        return;
    };
    let _ = search
        .done
        .wait_timeout_while(flags, PATIENCE, |f| f.running);
}

/// The site's search bundles, from its pages rendered as the preview shows them.
fn index(
    site: &Site,
    renderer: &crate::render::Renderer,
) -> Result<Files, crate::diagnostics::Diagnostic> {
    let indexer = Indexer::start(site);
    let mut pages: Vec<_> = plan(site)
        .into_iter()
        .filter(|p| indexes(site, p))
        .collect();
    pages.sort_by_key(|p| (p.kind, p.lang));
    for page in pages {
        if let Ok(bytes) = renderer.render(site, &page) {
            let html = String::from_utf8_lossy(&bytes).into_owned();
            indexer.add(page.lang, page.file_path(site), html);
        }
    }
    indexer.finish()
}
