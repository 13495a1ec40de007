//! Search in every language, with Pagefind: each text is indexed from its page in the language it is
//! written in, into that language's own bundle (`/pagefind/`, `/en/pagefind/`: Pagefind stems and
//! folds accents per language, and the languages are indexed side by side). The bundles are part of
//! the site, so searching asks no other host.

use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::thread::JoinHandle;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::diagnostics::Diagnostic;
use crate::render::{Page, PageKind};
use crate::site::Site;

/// The folder of a language's search bundle, below the language's root.
pub const BUNDLE: &str = "pagefind";

/// Whether a page is indexed: a text on the page of the language it is written in (its copies in
/// other languages would be found under the wrong language).
pub fn indexes(site: &Site, page: &Page) -> bool {
    site.config.search
        && match page.kind {
            PageKind::Text(i) => site.texts[i].versions[page.lang].is_some(),
            _ => false,
        }
}

/// The output folder of language `lang`'s bundle: `pagefind/` or `en/pagefind/`.
pub fn bundle_dir(site: &Site, lang: usize) -> String {
    let root = site.config.language_root(lang);
    let rel = root[site.config.base_path().len()..].trim_start_matches('/');
    format!("{rel}{BUNDLE}/")
}

/// One indexer per language, each on a thread of its own, fed pages as they are read; `finish`
/// gives every bundle's files.
pub struct Indexer {
    languages: Vec<Language>,
}

/// A bundle's files: (output path, bytes).
pub type Files = Vec<(String, Vec<u8>)>;

struct Language {
    pages: Option<SyncSender<(String, String)>>,
    worker: JoinHandle<Result<Files, String>>,
}

impl Indexer {
    pub fn start(site: &Site) -> Indexer {
        let languages = (0..site.config.languages.len())
            .map(|lang| {
                // A few pages in flight: the reader never waits long, and memory stays flat.
                let (pages, inbox) = sync_channel::<(String, String)>(16);
                let dir = bundle_dir(site, lang);
                let worker = std::thread::spawn(move || index(inbox, &dir));
                Language {
                    pages: Some(pages),
                    worker,
                }
            })
            .collect();
        Indexer { languages }
    }

    /// Indexes the page of language `lang` at output path `path`.
    pub fn add(&self, lang: usize, path: String, html: String) {
        if let Some(pages) = self.languages.get(lang).and_then(|l| l.pages.as_ref()) {
            // A closed channel means the worker failed; `finish` reports why.
            let _ = pages.send((path, html));
        }
    }

    /// The bundles' files: (output path, bytes).
    pub fn finish(self) -> Result<Files, Diagnostic> {
        let failed = |why: String| {
            Diagnostic::error(
                std::path::Path::new(BUNDLE),
                format!("cannot build the search index: {why}"),
            )
            .help("this is a bug in site or Pagefind: please report it with the text that triggers it")
        };
        let mut files = Vec::new();
        let workers: Vec<_> = self
            .languages
            .into_iter()
            .map(|mut l| {
                l.pages.take();
                l.worker
            })
            .collect();
        for worker in workers {
            let bundle = worker
                .join()
                .map_err(|_| failed("the indexer stopped".into()))?
                .map_err(failed)?;
            files.extend(bundle);
        }
        Ok(files)
    }
}

fn index(inbox: Receiver<(String, String)>, dir: &str) -> Result<Files, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let options = PagefindServiceConfig::builder().build();
        let mut index = PagefindIndex::new(Some(options)).map_err(|e| e.to_string())?;
        let mut any = false;
        for (path, html) in inbox {
            any = true;
            index
                .add_html_file(Some(path), None, html)
                .await
                .map_err(|e| e.to_string())?;
        }
        if !any {
            return Ok(Vec::new());
        }
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        Ok(files
            .into_iter()
            .filter_map(|f| {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                wanted(&name).then(|| (format!("{dir}{name}"), f.contents))
            })
            .collect())
    })
}

/// The files the site's own search script uses: the engine, its worker, the wasm and the index.
/// Pagefind's ready-made interfaces and playground are left out.
fn wanted(name: &str) -> bool {
    !(name.starts_with("pagefind-ui")
        || name.starts_with("pagefind-component-ui")
        || name.starts_with("pagefind-modular-ui")
        || name.starts_with("pagefind-highlight")
        || name.starts_with("playground"))
}
