//! Search in the preview: the index is built on a thread of its own from the rendered pages, when a
//! search page or its index is first asked for after a change to the texts (a writer who never
//! searches never pays for it), and served from memory like every other file. Its parts come from
//! the site's search cache as a build's do, so an edit indexes one part again.

use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;

use super::State;
use crate::plan::{plan, Page, PageKind};
use std::collections::HashMap;

use crate::plan::bundle_dir;
use crate::search::{self, indexes, Indexed};
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
            if let Ok(files) = index(&state.root, &site, &renderer) {
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

/// The site's search bundles, from its pages rendered as the preview shows them: (output path,
/// bytes).
fn index(
    root: &std::path::Path,
    site: &Site,
    renderer: &crate::render::Renderer,
) -> Result<Vec<(String, Vec<u8>)>, crate::diagnostics::Diagnostic> {
    let pages: HashMap<String, Page> = plan(site)
        .into_iter()
        .filter(|p| indexes(site, p))
        .map(|p| (p.file_path(site), p))
        .collect();
    let mut indexed: Vec<Indexed> = pages
        .values()
        .filter_map(|page| {
            let bytes = renderer.render(site, page).ok()?;
            Some(Indexed::new(site, page, &bytes))
        })
        .collect();
    // The order a build indexes in: the plan's.
    indexed.sort_by_key(|p| pages.get(&p.path).map(|page| (page.kind, page.lang)));
    let html = |p: &Indexed| {
        let bytes = renderer.render(site, pages.get(&p.path)?).ok()?;
        String::from_utf8(bytes).ok()
    };
    let cache = root.join(".cache").join("search");
    let (files, _) = search::build(site, &cache, indexed, &html)?;
    Ok(files
        .into_iter()
        .filter_map(|(key, path)| std::fs::read(path).ok().map(|bytes| (key, bytes)))
        .collect())
}
