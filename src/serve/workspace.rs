//! The preview's model, kept warm between edits: parsed texts by file, the renderer, the site,
//! and for each change what it touches.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::content::assets::Assets;
use crate::content::markdown::{Env, Target};
use crate::content::{load, Kind};
use crate::diagnostics::Diagnostic;
use crate::highlight::Highlighter;
use crate::plan::{Page, PageKind};
use crate::render::Renderer;
use crate::schedule::Status;
use crate::site::load::{self as loader, Interface, Selection};
use crate::site::{self, Post, Site};
use crate::templates::{self, Templates};
use crate::view::Preview;

use super::touched::{add_neighbours, listed_the_same, page_template_kind, Touched};

pub struct Workspace {
    root: PathBuf,
    selection: Selection,
    pub site: Arc<Site>,
    pub renderer: Arc<Renderer>,
    highlighter: Arc<Highlighter>,
    /// The last good parse of every text, by path relative to the root.
    posts: BTreeMap<PathBuf, Arc<Post>>,
    /// Current problems by what they belong to (a file, "templates", "site"); empty when all is well.
    pub errors: BTreeMap<PathBuf, Vec<Diagnostic>>,
    /// Files under `static/` when the site was read, relative to it: outputs that texts may collide with.
    statics: Vec<PathBuf>,
}

impl Workspace {
    /// Reads the site with every text that can be read: a broken text is left out, with its problem
    /// kept in `errors` until it is fixed. `Err` only when no page can be rendered: `site.toml`, the
    /// templates or the translations are broken (the preview then answers an error page).
    pub fn open(root: &Path, selection: Selection) -> Result<Workspace, Vec<Diagnostic>> {
        let sources = loader::read(root, &selection)?;
        let interface = match sources.interface {
            Ok(interface) => interface,
            Err(mut problems) => {
                problems.extend(sources.problems);
                return Err(problems);
            }
        };
        let mut renderer = Renderer::new(root, interface, sources.highlighter.clone())?;
        renderer.preview = Some(Preview {
            drafts: selection.drafts,
        });
        let posts = sources
            .parts
            .posts
            .iter()
            .map(|p| (p.source.path.clone(), p.clone()))
            .collect();
        let mut errors: BTreeMap<PathBuf, Vec<Diagnostic>> = BTreeMap::new();
        for problem in sources.problems {
            errors
                .entry(problem.file.clone())
                .or_default()
                .push(problem);
        }
        let (site, left_out) = Site::assemble_lenient(sources.parts);
        if !left_out.is_empty() {
            errors.insert("arc".into(), left_out);
        }
        let mut workspace = Workspace {
            root: root.to_path_buf(),
            selection,
            site: Arc::new(site),
            renderer: Arc::new(renderer),
            highlighter: sources.highlighter,
            posts,
            errors,
            statics: sources.statics,
        };
        workspace.check_outputs();
        Ok(workspace)
    }

    /// Applies changed paths (relative to the root); returns what they touch. On an error the last good
    /// state stays in place and the problem is kept in `errors` until fixed.
    pub fn apply(&mut self, changed: &[PathBuf]) -> Touched {
        let mut touched = Touched::default();
        let under =
            |p: &Path, dir: &str| p.components().next().is_some_and(|c| c.as_os_str() == dir);
        if changed
            .iter()
            .any(|p| under(p, "i18n") || p == Path::new("site.toml"))
        {
            return self.reload_everything();
        }
        let templates_changed = changed.iter().any(|p| under(p, "templates"));
        if templates_changed && self.root.join(templates::CARD).exists() != self.site.cards {
            // card.svg came or went: the plan changes, every page's meta with it.
            return self.reload_everything();
        }
        if templates_changed {
            let i18n = self.renderer.i18n.clone();
            let renderer = Templates::load(&self.root, i18n.clone())
                .and_then(|t| {
                    let interface = Interface {
                        i18n,
                        templates: t,
                        mark: self.renderer.mark.clone(),
                    };
                    Renderer::new(&self.root, interface, self.highlighter.clone())
                })
                .and_then(|r| try_templates(&r, &self.site).map(|()| r));
            match renderer {
                Ok(renderer)
                    if renderer.templates.reserved_ids()
                        != self.renderer.templates.reserved_ids() =>
                {
                    // An id came or went: the texts' heading ids change with it.
                    return self.reload_everything();
                }
                Ok(mut renderer) => {
                    renderer.preview = self.renderer.preview;
                    self.renderer = Arc::new(renderer);
                    self.errors.remove(Path::new("templates"));
                    // A page template touches its own pages; anything else (base, partials) may be in all.
                    let names: Vec<String> = changed
                        .iter()
                        .filter_map(|p| p.strip_prefix("templates").ok())
                        .map(|p| p.to_string_lossy().replace('\\', "/"))
                        .collect();
                    let kinds: Option<Vec<PageKind>> =
                        names.iter().map(|n| page_template_kind(n)).collect();
                    match kinds {
                        Some(kinds) => touched.templates = kinds,
                        None => touched.all = true,
                    }
                }
                Err(d) => {
                    self.errors.insert("templates".into(), d);
                }
            }
        }
        touched.statics = changed
            .iter()
            .filter(|p| under(p, "static"))
            .cloned()
            .collect();
        for path in &touched.statics {
            self.errors.remove(path);
        }
        let mut content = self.expand(changed.iter().filter(|p| under(p, "content")));
        // A changed file in a text's folder: read the folder again, and the text, whose images
        // take their sizes from it and whose links must find its files.
        for (kind, slug) in text_folders(&self.root, &self.site, changed) {
            let folder = Path::new("content").join(kind.folder()).join(&slug);
            let (files, _) = crate::files::under(&self.root, &folder);
            let found: Vec<load::AssetRef> =
                files.iter().filter_map(|p| load::asset_ref(p)).collect();
            let read = Assets::read(&self.root, found);
            let mut assets = Assets::clone(&self.site.assets);
            assets.replace(kind, &slug, read.of(kind, &slug).to_vec());
            let mut site = Site::clone(&self.site);
            site.assets = Arc::new(assets);
            self.site = Arc::new(site);
            touched.assets = true;
            touched.texts.insert((kind, slug.clone()));
            let texts = self.posts.keys().chain(self.errors.keys());
            content.extend(
                texts
                    .filter(|p| {
                        load::source_ref(p, &self.site.config)
                            .is_some_and(|r| r.is_ok_and(|r| r.kind == kind && r.slug == slug))
                    })
                    .cloned()
                    .collect::<Vec<_>>(),
            );
        }
        if !content.is_empty() {
            let content: Vec<&PathBuf> = content.iter().collect();
            self.apply_content(&content, &mut touched);
        }
        touched
    }

    /// A folder that appeared, moved or went away stands for the texts known under it and the files in it.
    fn expand<'a>(&self, paths: impl Iterator<Item = &'a PathBuf>) -> BTreeSet<PathBuf> {
        let mut out = BTreeSet::new();
        for path in paths {
            if path.extension().is_some_and(|e| e == "md") {
                out.insert(path.clone());
                continue;
            }
            out.extend(self.posts.keys().filter(|k| inside(k, path)).cloned());
            let files = walkdir::WalkDir::new(self.root.join(path))
                .into_iter()
                .filter_map(Result::ok);
            for entry in files.filter(|e| e.file_type().is_file()) {
                if let Ok(rel) = entry.path().strip_prefix(&self.root) {
                    out.insert(rel.to_path_buf());
                }
            }
        }
        out
    }

    fn reload_everything(&mut self) -> Touched {
        match Workspace::open(&self.root, self.selection.clone()) {
            Ok(fresh) => {
                *self = fresh;
                Touched {
                    all: true,
                    ..Touched::default()
                }
            }
            Err(problems) => {
                self.errors.insert("site".into(), problems);
                Touched::default()
            }
        }
    }

    fn apply_content(&mut self, paths: &[&PathBuf], touched: &mut Touched) {
        let mut replaced = Vec::new();
        for &path in paths {
            let before = self.posts.get(path).cloned();
            let after = match self.parse(path) {
                Ok(after) => {
                    self.errors.remove(path);
                    after
                }
                Err(problems) => {
                    self.errors.insert(path.clone(), problems);
                    continue;
                }
            };
            for post in before.iter().chain(after.iter()) {
                touched
                    .texts
                    .insert((post.source.kind, post.source.slug.clone()));
            }
            match (&before, &after) {
                (None, None) => {}
                (Some(b), Some(a)) if listed_the_same(b, a) => touched.bodies = true,
                _ => touched.listings = true,
            }
            match after {
                Some(post) => replaced.push((path.clone(), post)),
                None => {
                    self.posts.remove(path);
                }
            }
        }
        if touched.texts.is_empty() {
            return;
        }
        if !touched.listings {
            // Same texts in the same order: swap the new bodies in, no re-assembly.
            let mut site = Site::clone(&self.site);
            for (path, post) in replaced {
                site.replace_post(post.clone());
                self.posts.insert(path, post);
            }
            self.site = Arc::new(site);
            return;
        }
        for (path, post) in replaced {
            self.posts.insert(path, post);
        }
        let old_site = self.site.clone();
        let included = self.posts.values().cloned().collect();
        // What collides is left out (and shown as a problem); the rest of the site follows the edit.
        let (site, left_out) = Site::assemble_lenient(old_site.parts_with(included));
        if left_out.is_empty() {
            self.errors.remove(Path::new("arc"));
        } else {
            self.errors.insert("arc".into(), left_out);
        }
        // Neighbours show the changed texts' titles: in the old order and the new.
        let changed = touched.texts.clone();
        add_neighbours(&old_site, &changed, &mut touched.texts);
        add_neighbours(&site, &changed, &mut touched.texts);
        self.site = Arc::new(site);
        self.check_outputs();
    }

    /// Outputs that would land on one file (a text's page on a tag's, a static file on a page),
    /// shown as a problem as the build would refuse them. Run when the list of texts changes.
    fn check_outputs(&mut self) {
        let collisions = crate::registry::check(&self.site, &self.statics);
        let key = PathBuf::from("outputs");
        match collisions.is_empty() {
            true => self.errors.remove(&key),
            false => self.errors.insert(key, collisions),
        };
    }

    /// A text's new state: `Ok(None)` when the file is gone (or is a draft that is not shown).
    fn parse(&self, path: &Path) -> Result<Option<Arc<Post>>, Vec<Diagnostic>> {
        let config = &self.site.config;
        // A file that is gone is gone, even one whose name was wrong.
        if !self.root.join(path).is_file() {
            return Ok(None);
        }
        let source = match load::source_ref(path, config) {
            None => return Ok(None),
            Some(Err(d)) => return Err(vec![d]),
            Some(Ok(source)) => source,
        };
        let file = load::read_one(&self.root, source).map_err(|d| vec![d])?;
        let post = site::parse_post(
            &file,
            &self.site.arc,
            &self.site.publishing,
            &Env {
                highlighter: &self.highlighter,
                base_path: self.site.config.base_path(),
                base_url: &self.site.config.base_url,
                assets: self.site.assets.of(file.source.kind, &file.source.slug),
                reserved_ids: self.renderer.templates.reserved_ids(),
            },
            Target::Page,
        )?;
        site::translation::check_record(&post, config, &file.text).map_err(|d| vec![d])?;
        if post.status != Status::Published && !self.selection.drafts {
            return Ok(None);
        }
        Ok(Some(Arc::new(post)))
    }

    /// Every current problem, in the order the terminal shows them.
    pub fn problems(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self.errors.values().flatten().cloned().collect();
        // Found as pages are rendered, on request: shown from then on, like the build's errors.
        all.extend(self.renderer.i18n.format_errors());
        all.sort();
        all
    }
}

/// Whether `path` is `folder` or inside it. Compares bytes: every save scans all the texts' paths
/// (an editor's swap file is not a text), and `Path::starts_with`, component by component, cost two
/// milliseconds of each reload at 10,000 texts.
fn inside(path: &Path, folder: &Path) -> bool {
    let (path, folder) = (
        path.as_os_str().as_encoded_bytes(),
        folder.as_os_str().as_encoded_bytes(),
    );
    let folder = folder.strip_suffix(b"/").unwrap_or(folder);
    path.starts_with(folder)
        && path
            .get(folder.len())
            .is_none_or(|&b| std::path::is_separator(b as char))
}

/// The texts whose folders hold changed paths: `content/KIND/SLUG/…`, or the folder itself (one that
/// is there, or was known). Editors' temporary files beside the texts are neither.
fn text_folders(root: &Path, site: &Site, changed: &[PathBuf]) -> BTreeSet<(Kind, String)> {
    let mut out = BTreeSet::new();
    for path in changed {
        let parts: Vec<&str> = path.iter().filter_map(|c| c.to_str()).collect();
        if parts.len() < 3 || parts[0] != "content" {
            continue;
        }
        let Some(kind) = Kind::ALL.into_iter().find(|k| parts[1] == k.folder()) else {
            continue;
        };
        let name = parts[2];
        if name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        let folder =
            parts.len() >= 4 || root.join(path).is_dir() || !site.assets.of(kind, name).is_empty();
        if folder {
            out.insert((kind, name.to_string()));
        }
    }
    out
}

/// Renders one page of every kind in every language with new templates, so an error in them is
/// reported at once and the old templates stay in use, instead of pages failing when opened.
fn try_templates(renderer: &Renderer, site: &Site) -> Result<(), Vec<Diagnostic>> {
    let mut kinds = vec![PageKind::Home, PageKind::Arc, PageKind::Subscribe];
    kinds.extend(
        [0, site.texts.len().saturating_sub(1)]
            .iter()
            .filter(|&&i| i < site.texts.len())
            .map(|&i| PageKind::Text(i)),
    );
    let mut pages: Vec<Page> = (0..site.config.languages.len())
        .flat_map(|lang| kinds.iter().map(move |&kind| Page { lang, kind }))
        .collect();
    pages.extend(
        [PageKind::NotFound, PageKind::Sitemap, PageKind::Robots]
            .map(|kind| Page { lang: 0, kind }),
    );
    let mut problems: Vec<Diagnostic> = pages
        .iter()
        .filter_map(|p| renderer.render(site, p).err())
        .collect();
    problems.dedup_by(|a, b| a.message == b.message);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::inside;
    use std::path::Path;

    #[test]
    fn inside_a_folder_means_below_it_not_beside_it() {
        let folder = Path::new("content/essays");
        assert!(inside(Path::new("content/essays/nomes.pt-BR.md"), folder));
        assert!(inside(Path::new("content/essays"), folder));
        assert!(inside(
            Path::new("content/essays/nomes/foto.png"),
            Path::new("content/essays/")
        ));
        assert!(!inside(Path::new("content/essays-antigos/x.md"), folder));
        assert!(!inside(Path::new("content/ess"), folder));
        assert!(!inside(Path::new("content/bulletins/x.md"), folder));
    }
}
