//! Search in the preview: the index is built on a thread of its own from the rendered pages, again
//! after every change to the texts, and served from memory like every other file.

use std::sync::{Arc, Mutex};
use std::thread;

use super::State;
use crate::render::plan;
use crate::search::{indexes, Files, Indexer};
use crate::site::Site;

/// Whether an index is being built, and whether the texts changed since it started.
#[derive(Default)]
pub struct Indexing {
    running: bool,
    again: bool,
}

/// Builds the index anew, in the background; while one is being built, one more follows it.
pub fn refresh(state: &Arc<State>, indexing: &Arc<Mutex<Indexing>>) {
    {
        let Ok(mut flags) = indexing.lock() else {
            return;
        };
        if flags.running {
            flags.again = true;
            return;
        }
        flags.running = true;
    }
    let state = state.clone();
    let indexing = indexing.clone();
    thread::spawn(move || loop {
        let snapshot = state
            .workspace
            .read()
            .ok()
            .and_then(|w| w.as_ref().map(|w| (w.site.clone(), w.renderer.clone())));
        if let Some((site, renderer)) = snapshot {
            if site.config.search {
                if let Ok(files) = index(&site, &renderer) {
                    if let Ok(mut cache) = state.cache.lock() {
                        cache.replace_search(files);
                    }
                }
            }
        }
        let Ok(mut flags) = indexing.lock() else {
            return;
        };
        if flags.again {
            flags.again = false;
            continue;
        }
        flags.running = false;
        return;
    });
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
