//! The build pipeline: load → parse → assemble → render → write. `serve` drives the same steps.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::load;
use crate::diagnostics::Diagnostic;
use crate::highlight::Highlighter;
use crate::i18n::I18n;
use crate::output::Staging;
use crate::render::{self, PageKind, Renderer};
use crate::site::{self, Site};

/// The generated stylesheet of the highlight classes, an output of every build and preview.
pub const SYNTAX_CSS: &str = "css/syntax.css";

/// `css/syntax.css`: syntect's InspiredGitHub theme, and base16-mocha.dark for dark schemes, each
/// painting its own background on `pre.code` with every colour readable on it (WCAG AA).
pub fn syntax_stylesheet() -> String {
    Highlighter::stylesheet("InspiredGitHub", "base16-mocha.dark")
}

#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub output: PathBuf,
    pub base_url: Option<String>,
    pub drafts: bool,
}

/// What a build made, for the summary line.
#[derive(Debug)]
pub struct Report {
    /// (language code, HTML pages).
    pub pages: Vec<(String, usize)>,
    pub feeds: usize,
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
    pub highlighter: Highlighter,
    /// Files under `static/`, relative to it.
    pub statics: Vec<PathBuf>,
    pub warnings: Vec<Diagnostic>,
}

/// Reads the configuration, templates, translations and every text; reports all problems at once.
pub fn load(root: &Path, base_url: Option<&str>, drafts: bool) -> Result<Loaded, Vec<Diagnostic>> {
    let mut config = Config::load(&root.join("site.toml")).map_err(|mut d| {
        d.iter_mut()
            .for_each(|d| d.file = PathBuf::from("site.toml"));
        d
    })?;
    if let Some(url) = base_url {
        config.base_url = url.to_string();
    }
    let arc = config.arc().map_err(|(key, message, help)| {
        vec![Diagnostic::error(Path::new("site.toml"), format!("{key}: {message}")).help(help)]
    })?;
    let highlighter = Highlighter::default();
    let (refs, mut problems) = load::discover(root, &config);
    let (statics, static_problems) = load::files_under(root, Path::new("static"));
    problems.extend(static_problems);
    let statics = statics
        .iter()
        .filter_map(|p| p.strip_prefix("static").ok().map(Path::to_path_buf))
        .collect();
    // Templates and translations load while the texts are read and parsed.
    let (renderer, parsed) = rayon::join(
        || I18n::load(root, &config).and_then(|i| Renderer::new(root, Arc::new(i))),
        || -> Vec<Parsed> {
            refs.into_par_iter()
                .map(|source| {
                    let file = load::read_one(root, source).map_err(|d| vec![d])?;
                    let post = site::parse_post(&file, &arc, &highlighter)?;
                    let warnings = site::warnings(&post, &file.text);
                    Ok((post, warnings))
                })
                .collect()
        },
    );
    let mut posts = Vec::new();
    let mut warnings = Vec::new();
    for result in parsed {
        match result {
            Ok((post, w)) => {
                warnings.extend(w);
                if drafts || !post.front.draft {
                    posts.push(Arc::new(post));
                }
            }
            Err(d) => problems.extend(d),
        }
    }
    let renderer = match renderer {
        Ok(r) => Some(r),
        Err(d) => {
            problems.extend(d);
            None
        }
    };
    let site = Site::assemble(config, arc, posts);
    match (site, renderer) {
        (Ok(site), Some(renderer)) if problems.is_empty() => Ok(Loaded {
            site,
            renderer,
            highlighter,
            statics,
            warnings,
        }),
        (site, _) => {
            problems.extend(site.err().unwrap_or_default());
            Err(problems)
        }
    }
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
    } = load(root, options.base_url.as_deref(), options.drafts)?;
    let io_error = |what: &str, e: std::io::Error| {
        vec![Diagnostic::error(&output, format!("cannot {what}: {e}"))
            .help("check that the output folder's parent exists and is writable")]
    };
    let staging = Staging::begin(&output).map_err(|e| io_error("create the output folder", e))?;
    let pages = render::plan(&site);
    let mut failures: Vec<Diagnostic> = pages
        .par_iter()
        .filter_map(|page| {
            // Each page goes to its file as it is rendered: nothing holds the whole output.
            let path = page.file_path(&site);
            let written = staging
                .create(&path)
                .map_err(|e| Diagnostic::error(Path::new(&path), format!("cannot write: {e}")));
            let result = written.and_then(|mut file| {
                renderer.render_to(&site, page, &mut file)?;
                file.flush()
                    .map_err(|e| Diagnostic::error(Path::new(&path), format!("cannot write: {e}")))
            });
            result.err()
        })
        .collect();
    failures.sort();
    failures.dedup_by(|a, b| a.message == b.message);
    if !failures.is_empty() {
        return Err(failures);
    }
    staging
        .copy_files(&root.join("static"), &statics)
        .map_err(|e| io_error("copy static/", e))?;
    let static_files = statics.len();
    let extra = [
        Some((SYNTAX_CSS, syntax_stylesheet())),
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
    staging
        .commit()
        .map_err(|e| io_error("replace the output folder", e))?;
    warnings.extend(renderer.i18n.fallback_warnings());
    let languages = &site.config.languages;
    Ok(Report {
        pages: languages
            .iter()
            .enumerate()
            .map(|(l, lang)| {
                let html = pages
                    .iter()
                    .filter(|p| {
                        p.lang == l
                            && matches!(
                                p.kind,
                                PageKind::Home
                                    | PageKind::Text(_)
                                    | PageKind::Arc
                                    | PageKind::Subscribe
                            )
                    })
                    .count();
                (lang.code.clone(), html)
            })
            .collect(),
        feeds: pages
            .iter()
            .filter(|p| matches!(p.kind, PageKind::Feed(_)))
            .count(),
        static_files,
        elapsed: started.elapsed(),
        warnings,
    })
}

/// The output folder, absolute; refused when a build there could destroy the site's sources.
fn check_output(root: &Path, output: &Path) -> Result<PathBuf, Vec<Diagnostic>> {
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
fn normalize(path: &Path) -> PathBuf {
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
