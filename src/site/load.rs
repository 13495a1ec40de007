//! Loading a site: `site.toml`, the translations and templates, and every text, read and parsed in
//! parallel, then assembled. One loader for every command: strict (build, check, email, send: any
//! problem stops the run) or lenient (serve and the desk: what can be read is kept, beside the
//! problems of the rest).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::{Held, Parts, Post, Site};
use crate::config::Config;
use crate::content::assets::Assets;
use crate::content::load;
use crate::content::markdown::{Env, Target};
use crate::diagnostics::{self, Diagnostic};
use crate::highlight::Highlighter;
use crate::i18n::I18n;
use crate::mark::Mark;
use crate::schedule::{Now, Publishing, Status};
use crate::templates::{self, Templates};

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

impl Selection {
    /// What the writer's commands see: every text, drafts and scheduled ones included.
    pub fn desk(now: Now) -> Selection {
        Selection {
            base_url: None,
            drafts: true,
            now,
            keep_bodies: false,
        }
    }
}

/// The interface a site renders with: its translations, and its templates bound to them.
pub struct Interface {
    pub i18n: Arc<I18n>,
    pub templates: Templates,
    /// The site's mark, for the favicons and the cards.
    pub mark: Arc<Mark>,
}

/// Everything a run reads: what could be read, and the problems of what could not.
pub struct Sources {
    /// What the site is assembled from.
    pub parts: Parts,
    /// The translations and templates, or why they cannot be used.
    pub interface: Result<Interface, Vec<Diagnostic>>,
    pub highlighter: Arc<Highlighter>,
    /// Files under `static/`, relative to it.
    pub statics: Vec<PathBuf>,
    /// Files that could not be read or parsed, each problem naming its file.
    pub problems: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

/// A site loaded whole: every file read, parsed and assembled without a problem.
pub struct Loaded {
    pub site: Site,
    pub interface: Interface,
    pub highlighter: Arc<Highlighter>,
    pub statics: Vec<PathBuf>,
    pub warnings: Vec<Diagnostic>,
}

/// A site loaded as far as it could be: the texts that collide or do not parse are left out.
pub struct Lenient {
    pub site: Site,
    pub interface: Result<Interface, Vec<Diagnostic>>,
    pub highlighter: Arc<Highlighter>,
    pub statics: Vec<PathBuf>,
    /// Files that could not be read or parsed, and texts left out because they collide.
    pub problems: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

/// Loads the site at `root`; every problem of every file is reported at once.
pub fn load(root: &Path, selection: &Selection) -> Result<Loaded, Vec<Diagnostic>> {
    let Sources {
        parts,
        interface,
        highlighter,
        statics,
        mut problems,
        warnings,
    } = read(root, selection)?;
    let interface = interface.map_err(|d| problems.extend(d)).ok();
    let site = Site::assemble(parts).inspect(|site| {
        problems.extend(crate::registry::check(site, &statics));
    });
    match (site, interface) {
        (Ok(site), Some(interface)) if problems.is_empty() => Ok(Loaded {
            site,
            interface,
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

/// Loads what can be loaded of the site at `root`; `Err` only when `site.toml` is unusable.
pub fn load_lenient(root: &Path, selection: &Selection) -> Result<Lenient, Vec<Diagnostic>> {
    let sources = read(root, selection)?;
    let mut problems = sources.problems;
    let (site, left_out) = Site::assemble_lenient(sources.parts);
    problems.extend(left_out);
    problems.extend(crate::registry::check(&site, &sources.statics));
    Ok(Lenient {
        site,
        interface: sources.interface,
        highlighter: sources.highlighter,
        statics: sources.statics,
        problems,
        warnings: sources.warnings,
    })
}

/// Reads the configuration, the interface and every text, keeping what could be read beside the
/// problems of the rest. `Err` only when the configuration itself is unusable.
pub fn read(root: &Path, selection: &Selection) -> Result<Sources, Vec<Diagnostic>> {
    let mut config = Config::of_site(root)?;
    if let Some(url) = &selection.base_url {
        config.set_base_url(url).map_err(|refusal| {
            vec![Diagnostic::error(Path::new("--base-url"), refusal.message).help(refusal.help)]
        })?;
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
    let (mark, mark_problems) = Mark::load(root, &config);
    let mark = Arc::new(mark);
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
    let (statics, static_problems) = crate::files::under(root, Path::new("static"));
    problems.extend(static_problems);
    let statics = statics
        .iter()
        .filter_map(|p| p.strip_prefix("static").ok().map(Path::to_path_buf))
        .collect();
    // Headings of texts keep clear of the templates' ids; read before the templates load, since
    // they load while the texts are parsed.
    let reserved_ids = crate::templates::ids::reserved(root);
    // Templates and translations load while the texts are read and parsed.
    let (interface, parsed) = rayon::join(
        || {
            let i18n = Arc::new(I18n::load(root, &config)?);
            let templates = Templates::load(root, i18n.clone())?;
            Ok(Interface {
                i18n,
                templates,
                mark: mark.clone(),
            })
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
                        reserved_ids: &reserved_ids,
                    };
                    let post = super::parse_post(&file, &arc, &publishing, &env, target)?;
                    super::translation::check_record(&post, &config, &file.text)
                        .map_err(|d| vec![d])?;
                    let warnings = super::warnings(&post, &file.text);
                    Ok((post, warnings))
                })
                .collect()
        },
    );
    let mut posts = Vec::new();
    let mut warnings = orphans;
    for d in mark_problems {
        match d.is_error() {
            true => problems.push(d),
            false => warnings.push(d),
        }
    }
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
                    held.push(Held {
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
    let too_late = crate::schedule::past_last_year(&dates, &publishing.schedule);
    problems.extend(diagnostics::quote_sources(root, too_late));
    let far = crate::schedule::far_ahead(dates, &arc, today);
    warnings.extend(diagnostics::quote_sources(root, far));
    Ok(Sources {
        parts: Parts {
            config,
            arc,
            publishing,
            posts,
            held,
            assets,
            // A site draws social cards when it has their template.
            cards: root.join(templates::CARD).exists(),
        },
        interface,
        highlighter,
        statics,
        problems,
        warnings,
    })
}

/// A parsed text with its warnings, or its errors.
type Parsed = Result<(Post, Vec<Diagnostic>), Vec<Diagnostic>>;

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
