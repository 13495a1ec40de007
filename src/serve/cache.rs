//! Serve's output, in memory: every page of the plan (rendered, or stale until asked for) and the
//! static files, by output path. Nothing is written to disk.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::touched::Touched;
use super::workspace::Workspace;
use crate::highlight::Highlighter;
use crate::mark::Mark;
use crate::plan::SYNTAX_CSS;
use crate::plan::{plan, Page};
use crate::site::Site;

pub type Bytes = Arc<Vec<u8>>;

pub enum Entry {
    /// A page; `None` until it is rendered (again).
    Page(Page, Option<Bytes>),
    File(Bytes),
}

#[derive(Default)]
pub struct Cache {
    entries: HashMap<String, Entry>,
    /// Output paths of the texts' files, replaced together whenever they may have changed.
    asset_keys: Vec<String>,
    /// Output paths of the search bundles, replaced together by each new index.
    search_keys: Vec<String>,
    /// Bumped by every refresh, so a page rendered from an older site is not stored.
    pub generation: u64,
}

impl Cache {
    /// Every page stale, every static file read.
    pub fn fill(site: &Site, root: &Path, mark: &Mark) -> Cache {
        let mut cache = Cache::default();
        cache.refresh(
            site,
            &Touched {
                all: true,
                ..Touched::default()
            },
            None,
        );
        let statics = read_static(root);
        let names: Vec<std::path::PathBuf> = statics.iter().map(|(k, _)| k.into()).collect();
        for (key, bytes) in statics {
            cache.entries.insert(key, Entry::File(bytes));
        }
        cache.sync_assets(site, root);
        let css = Highlighter::site_stylesheet().into_bytes();
        cache
            .entries
            .insert(SYNTAX_CSS.into(), Entry::File(Arc::new(css)));
        for (key, bytes) in mark.favicons(&names).unwrap_or_default() {
            cache
                .entries
                .insert(key.into(), Entry::File(Arc::new(bytes)));
        }
        cache
    }

    /// Makes the pages a change touches stale. When the set of texts may have changed (a listing
    /// change), the pages are planned again: pages that no longer exist go, new ones arrive stale.
    /// Returns how many pages went stale.
    /// `affected` is `touched.pages(site)`, which the caller needs too.
    pub fn refresh(&mut self, site: &Site, touched: &Touched, affected: Option<&[Page]>) -> usize {
        self.generation += 1;
        let affected: Option<HashSet<Page>> = affected.map(|p| p.iter().copied().collect());
        let is_affected = |page: &Page| affected.as_ref().is_none_or(|set| set.contains(page));
        if !touched.listings && !touched.all {
            // Same plan as before: only the touched entries change.
            let mut stale = 0;
            for page in affected.iter().flatten() {
                if let Some(Entry::Page(_, bytes)) = self.entries.get_mut(&page.file_path(site)) {
                    *bytes = None;
                    stale += 1;
                }
            }
            return stale;
        }
        let mut stale = 0;
        let mut entries: HashMap<String, Entry> = HashMap::with_capacity(self.entries.len());
        for page in plan(site) {
            let key = page.file_path(site);
            let kept = match self.entries.remove(&key) {
                Some(Entry::Page(_, bytes)) if !is_affected(&page) => bytes,
                _ => {
                    stale += 1;
                    None
                }
            };
            entries.insert(key, Entry::Page(page, kept));
        }
        for (key, entry) in self.entries.drain() {
            if let Entry::File(_) = entry {
                entries.entry(key).or_insert(entry);
            }
        }
        self.entries = entries;
        stale
    }

    /// The texts' files as the site now has them: each file read once, shared by its copies.
    pub fn sync_assets(&mut self, site: &Site, root: &Path) {
        for key in self.asset_keys.drain(..) {
            self.entries.remove(&key);
        }
        let mut read: HashMap<std::path::PathBuf, Bytes> = HashMap::new();
        for (key, source) in crate::plan::asset_outputs(site) {
            let bytes = match read.get(&source) {
                Some(b) => b.clone(),
                None => match std::fs::read(root.join(&source)) {
                    Ok(b) => {
                        let b = Arc::new(b);
                        read.insert(source, b.clone());
                        b
                    }
                    Err(_) => continue,
                },
            };
            self.entries.insert(key.clone(), Entry::File(bytes));
            self.asset_keys.push(key);
        }
    }

    /// The search bundles of a new index in place of the old ones.
    pub fn replace_search(&mut self, files: Vec<(String, Vec<u8>)>) {
        for key in self.search_keys.drain(..) {
            self.entries.remove(&key);
        }
        for (key, bytes) in files {
            self.entries
                .insert(key.clone(), Entry::File(Arc::new(bytes)));
            self.search_keys.push(key);
        }
    }

    /// Re-reads changed static files (paths relative to the root, under `static/`).
    pub fn update_static(&mut self, root: &Path, changed: &[std::path::PathBuf]) {
        for path in changed {
            let Ok(rel) = path.strip_prefix("static") else {
                continue;
            };
            let key = rel.to_string_lossy().replace('\\', "/");
            let full = root.join(path);
            let is_plain_file =
                std::fs::symlink_metadata(&full).is_ok_and(|m| m.file_type().is_file());
            match std::fs::read(&full) {
                Ok(bytes) if is_plain_file => {
                    self.entries.insert(key, Entry::File(Arc::new(bytes)));
                }
                _ => {
                    if matches!(self.entries.get(&key), Some(Entry::File(_))) {
                        self.entries.remove(&key);
                    }
                }
            }
        }
    }

    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.get(key)
    }

    pub fn store(&mut self, key: &str, generation: u64, bytes: Bytes) {
        if generation != self.generation {
            return;
        }
        if let Some(Entry::Page(_, slot)) = self.entries.get_mut(key) {
            *slot = Some(bytes);
        }
    }

    /// Renders `pages` now if they are stale; returns how many were rendered, and the first error.
    pub fn render_now(&mut self, workspace: &Workspace, pages: &[Page]) -> (usize, Option<String>) {
        let site = &workspace.site;
        let stale: Vec<(String, Page)> = pages
            .iter()
            .map(|page| (page.file_path(site), *page))
            .filter(|(key, _)| matches!(self.entries.get(key), Some(Entry::Page(_, None))))
            .collect();
        let rendered: Vec<(String, Result<Vec<u8>, String>)> = stale
            .par_iter()
            .map(|(key, page)| {
                let result = workspace
                    .renderer
                    .render(site, page)
                    .map_err(|d| d.render(false));
                (key.clone(), result)
            })
            .collect();
        let mut first_error = None;
        let count = rendered.len();
        for (key, result) in rendered {
            match result {
                Ok(bytes) => {
                    let generation = self.generation;
                    self.store(&key, generation, Arc::new(bytes));
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        (count, first_error)
    }
}

/// Static files, keyed by output path (links out of the site are left out, as the build refuses them).
fn read_static(root: &Path) -> Vec<(String, Bytes)> {
    let (files, _) = crate::files::under(root, Path::new("static"));
    files
        .iter()
        .filter_map(|rel| {
            let key = rel
                .strip_prefix("static")
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = std::fs::read(root.join(rel)).ok()?;
            Some((key, Arc::new(bytes)))
        })
        .collect()
}
