//! One registry of every file a build writes, each with what makes it: pages, feeds, cards, the
//! search bundle, static files, the texts' own files, the generated stylesheet, the favicons and
//! `CNAME`. Two of them landing on the same file, or a file where another needs a folder, would
//! silently lose one: that is an error naming both, before anything is written.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::kind::Kind;
use crate::plan::{self, Page, PageKind};
use crate::site::Site;

/// What makes an output file: the file to name in an error, and words for it.
#[derive(Debug, Clone)]
struct Maker {
    file: PathBuf,
    what: String,
}

/// How a path is taken: as a file, or as a folder that holds outputs.
#[derive(Clone, Copy, PartialEq)]
enum Use {
    File,
    Folder,
}

#[derive(Default)]
struct Registry {
    taken: HashMap<String, (Use, Maker)>,
    problems: Vec<Diagnostic>,
}

impl Registry {
    /// Records `path` (relative to the output, `/`-separated) as made by `maker`; a folder path
    /// ends with `/`.
    fn claim(&mut self, path: &str, maker: Maker) {
        let (path, use_) = match path.strip_suffix('/') {
            Some(folder) => (folder, Use::Folder),
            None => (path, Use::File),
        };
        // Every folder above the path is taken as a folder by the same maker.
        let mut at = 0;
        while let Some(slash) = path[at..].find('/') {
            let folder = &path[..at + slash];
            self.take(folder, Use::Folder, &maker);
            at += slash + 1;
        }
        self.take(path, use_, &maker);
    }

    fn take(&mut self, path: &str, use_: Use, maker: &Maker) {
        match self.taken.get(path) {
            None => {
                self.taken.insert(path.to_string(), (use_, maker.clone()));
            }
            // Two outputs may share a folder; a file belongs to one of them.
            Some((Use::Folder, _)) if use_ == Use::Folder => {}
            Some((taken_as, first)) => {
                let message = match (taken_as, use_) {
                    (Use::File, Use::File) => format!(
                        "{} and {} would both be written to `{path}`",
                        first.what, maker.what
                    ),
                    (Use::File, Use::Folder) => format!(
                        "{} is written to `{path}`, where {} needs a folder",
                        first.what, maker.what
                    ),
                    _ => format!(
                        "{} would be written to `{path}`, a folder of {}",
                        maker.what, first.what
                    ),
                };
                let help = format!(
                    "one of them would replace the other in the output: rename one, or change the \
                     setting that places it (the other is made by {})",
                    first.file.display()
                );
                self.problems
                    .push(Diagnostic::error(&maker.file, message).help(help));
            }
        }
    }
}

/// Every output of a build of `site` with the static files `statics` (relative to `static/`),
/// checked for two that land on the same path.
pub fn check(site: &Site, statics: &[PathBuf]) -> Vec<Diagnostic> {
    let mut registry = Registry::default();
    let settings = Path::new("site.toml");
    for page in plan::plan(site) {
        let maker = page_maker(site, &page);
        registry.claim(&page.file_path(site), maker);
    }
    if site.config.search {
        for lang in 0..site.config.languages.len() {
            let code = &site.config.languages[lang].code;
            registry.claim(
                &plan::bundle_dir(site, lang),
                Maker {
                    file: settings.to_path_buf(),
                    what: format!("the search index of `{code}`"),
                },
            );
        }
    }
    for (rel, source) in plan::asset_outputs(site) {
        registry.claim(
            &rel,
            Maker {
                what: format!("the file {}", source.display()),
                file: source,
            },
        );
    }
    let in_static = |name: &str| statics.iter().any(|p| p == Path::new(name));
    let mut generated = vec![(plan::SYNTAX_CSS, "the stylesheet of the code's colours")];
    // A favicon in static/ takes the place of the one drawn from the mark, as documented.
    for name in [crate::mark::FAVICON_SVG, crate::mark::FAVICON_ICO] {
        if !in_static(name) {
            generated.push((name, "the favicon drawn from `[mark]`"));
        }
    }
    if site.config.cname.is_some() {
        generated.push(("CNAME", "the `cname` setting"));
    }
    for (rel, what) in generated {
        registry.claim(
            rel,
            Maker {
                file: settings.to_path_buf(),
                what: what.to_string(),
            },
        );
    }
    for rel in statics {
        let source = Path::new("static").join(rel);
        registry.claim(
            &rel.to_string_lossy().replace('\\', "/"),
            Maker {
                what: format!("the static file {}", source.display()),
                file: source,
            },
        );
    }
    registry.problems
}

/// What makes `page`, in words, and the file to name: the text's own for its page and card,
/// else `site.toml`, whose settings place every other page.
fn page_maker(site: &Site, page: &Page) -> Maker {
    let language = &site.config.languages[page.lang];
    let code = &language.code;
    let of_text = |i: usize, what: &str| {
        let text = &site.texts[i];
        let version =
            text.versions[page.lang].or_else(|| text.versions.iter().flatten().next().copied());
        let file = version.map_or_else(
            || PathBuf::from("site.toml"),
            |p| site.posts[p].source.path.clone(),
        );
        Maker {
            what: format!("{what} of `{}` in `{code}`", text.slug),
            file,
        }
    };
    let setting = |what: String| Maker {
        file: PathBuf::from("site.toml"),
        what,
    };
    match page.kind {
        PageKind::Text(i) => of_text(i, "the page"),
        PageKind::Card(Some(i)) => of_text(i, "the social card"),
        PageKind::Card(None) => setting(format!("the home's social card in `{code}`")),
        PageKind::Home => setting(format!("the home page of `{code}`")),
        PageKind::Arc => setting(format!("the arc page of `{code}` (`paths.arc`)")),
        PageKind::Season(n) => setting(format!("the page of arc {n} in `{code}` (`paths.arc`)")),
        PageKind::Subscribe => setting(format!(
            "the subscription page of `{code}` (`paths.subscribe`)"
        )),
        PageKind::Tags => setting(format!("the tag index of `{code}` (`paths.tags`)")),
        PageKind::Tag(t) => setting(format!(
            "the page of the tag `{}` in `{code}` (`paths.tags`)",
            site.tags[page.lang][t].name
        )),
        PageKind::Book(n) => setting(format!("the book of arc {n} in `{code}`")),
        PageKind::TagPage(t, n) => setting(format!(
            "page {n} of the tag `{}` in `{code}` (`paths.tags`)",
            site.tags[page.lang][t].name
        )),
        PageKind::Search => setting(format!("the search page of `{code}` (`paths.search`)")),
        PageKind::Feed(None) => setting(format!("the feed of `{code}` (`prefix`)")),
        PageKind::Feed(Some(Kind::Essay)) => {
            setting(format!("the essays' feed of `{code}` (`paths.essays`)"))
        }
        PageKind::Feed(Some(Kind::Bulletin)) => setting(format!(
            "the bulletins' feed of `{code}` (`paths.bulletins`)"
        )),
        PageKind::NotFound => setting("the page for addresses not found".into()),
        PageKind::Sitemap => setting("the sitemap".into()),
        PageKind::Robots => setting("robots.txt".into()),
        PageKind::Status => setting(format!("the status page of `{code}`")),
    }
}
