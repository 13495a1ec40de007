//! `site new`: a text's file for the next free slot of its kind, or the skeleton of a translation,
//! written from the templates in `templates/new/` in the text's language. Never replaces a file.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::names;
use crate::config::Config;
use crate::content::Kind;
use crate::diagnostics::{nearest, Diagnostic};
use crate::site::desk::Slot;
use crate::site::load::Interface;
use crate::site::Site;
use crate::slug;

/// The address `site serve` listens on by default; the preview URL printed is a page there.
pub const PREVIEW_ORIGIN: &str = "http://127.0.0.1:1111";

/// What a new text is to be.
pub struct Request {
    pub kind: Kind,
    pub title: Option<String>,
    pub slug: Option<String>,
    /// Index into the site's languages.
    pub lang: usize,
    /// As typed: the arc of `week` (default: today's).
    pub arc: Option<i64>,
    /// As typed, a week of the arc: anything outside its weeks is an error that gives the range.
    pub week: Option<i64>,
}

/// A file `site new` wrote.
#[derive(Debug)]
pub struct Created {
    /// Relative to the root.
    pub path: PathBuf,
    pub slot: Slot,
    /// The page's path in the preview, e.g. `/en/essays/slug/`.
    pub page: String,
}

/// The kind named on the command line (`essay` or `bulletin`).
pub fn kind_named(name: &str) -> Result<Kind, Diagnostic> {
    let names = Kind::ALL.map(Kind::name);
    Kind::ALL
        .into_iter()
        .find(|k| k.name() == name)
        .ok_or_else(|| {
            let help = match nearest(name, &names) {
                Some(best) => format!("did you mean `{best}`? The kinds are {}", names.join(", ")),
                None => format!("the kinds are {}", names.join(", ")),
            };
            Diagnostic::error(
                Path::new("site new"),
                format!("`{name}` is not a kind of text"),
            )
            .help(help)
        })
}

/// The index of the language `code`; the error lists the site's languages.
pub fn language_named(config: &Config, code: &str) -> Result<usize, Diagnostic> {
    config.language_index(code).ok_or_else(|| {
        let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
        let help = match nearest(code, &codes) {
            Some(best) => format!(
                "did you mean `{best}`? The site's languages are {}",
                codes.join(", ")
            ),
            None => format!("the site's languages are {}", codes.join(", ")),
        };
        Diagnostic::error(
            Path::new("site.toml"),
            format!("`{code}` is not one of the site's languages"),
        )
        .help(help)
    })
}

/// `--slug` as given, when it is one (see `slug`), at most [`slug::MAX_LEN`] long.
fn checked_slug(slug: &str) -> Result<String, Diagnostic> {
    let folded = slug::slug_within(slug, slug::MAX_LEN);
    let example = if folded.is_empty() {
        String::new()
    } else {
        format!(", e.g. `--slug {folded}`")
    };
    if slug.len() > slug::MAX_LEN {
        return Err(Diagnostic::error(
            Path::new("--slug"),
            format!("the slug is {} characters long", slug.len()),
        )
        .help(format!(
            "keep it to {} characters or fewer{example}",
            slug::MAX_LEN
        )));
    }
    if !slug::is_slug(slug) {
        return Err(Diagnostic::error(
            Path::new("--slug"),
            format!("`{slug}` is not a valid slug"),
        )
        .help(format!(
            "use lowercase letters, digits and hyphens{example}"
        )));
    }
    Ok(slug.to_string())
}

/// `--title` as given, unless it holds a character no page or feed may carry: a control character
/// (a line break among them) or a Unicode noncharacter.
fn checked_title(title: &str) -> Result<String, Diagnostic> {
    // A line break too: a title is one line.
    let bad = |c: char| c.is_control() || crate::chars::forbidden(c);
    match title.chars().find(|&c| bad(c)) {
        Some(c) => Err(Diagnostic::error(
            Path::new("--title"),
            format!(
                "the title holds the character U+{:04X}, which a page or feed cannot carry",
                c as u32
            ),
        )
        .help("type the title on one line, without control characters")),
        None => match title.chars().find(|&c| crate::chars::bidi_control(c)) {
            Some(c) => Err(Diagnostic::error(
                Path::new("--title"),
                format!("the title holds {}", crate::chars::describe_bidi(c)),
            )
            .help(
                "remove it: a title in Arabic or Hebrew is shown in its own direction without it",
            )),
            None => Ok(title.to_string()),
        },
    }
}

/// Whether the default language's files carry their suffix (`slug.pt-BR.md`) in this site: the
/// form most of its texts use; a site without texts uses the suffix.
fn default_has_suffix(site: &Site) -> bool {
    let (with, without) =
        site.posts
            .iter()
            .filter(|p| p.source.lang == 0)
            .fold((0, 0), |(with, without), p| {
                let stem = p
                    .source
                    .path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("");
                if stem.contains('.') {
                    (with + 1, without)
                } else {
                    (with, without + 1)
                }
            });
    with >= without
}

/// `content/KIND/SLUG.CODE.md`, or `SLUG.md` for the default language where the site names them so.
pub(super) fn file_for(site: &Site, kind: Kind, slug: &str, lang: usize) -> PathBuf {
    let code = &site.config.languages[lang].code;
    let name = if lang == 0 && !default_has_suffix(site) {
        format!("{slug}.md")
    } else {
        format!("{slug}.{code}.md")
    };
    Path::new("content").join(kind.folder()).join(name)
}

/// The texts' files with this slug in the kind's folder, broken ones included.
pub(super) fn files_with_slug(
    root: &Path,
    config: &Config,
    kind: Kind,
    slug: &str,
) -> Vec<PathBuf> {
    names::files_on_disk(root, config)
        .into_iter()
        .filter(|r| r.kind == kind && r.slug == slug)
        .map(|r| r.path)
        .collect()
}

/// The page of a text in the preview: the language's root on `site serve`'s address, no base path.
pub fn preview_path(config: &Config, kind: Kind, slug: &str, lang: usize) -> String {
    let language = &config.languages[lang];
    let prefix = language.prefix.trim_matches('/');
    let segment = match kind {
        Kind::Essay => &language.paths.essays,
        Kind::Bulletin => &language.paths.bulletins,
    };
    if prefix.is_empty() {
        format!("/{segment}/{slug}/")
    } else {
        format!("/{prefix}/{segment}/{slug}/")
    }
}

/// A TOML basic string for `text`.
pub(super) fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

#[derive(Serialize)]
pub(super) struct NewContext<'a> {
    pub(super) lang: &'a str,
    pub(super) kind: Kind,
    pub(super) slug: &'a str,
    /// The week in its arc, and the arc (0 while the site has one).
    pub(super) week: u32,
    pub(super) arc: u32,
    pub(super) date: String,
    /// The title as a TOML string, quotes included.
    pub(super) title: String,
    pub(super) title_text: &'a str,
}

/// Writes the file for a new text; returns what it wrote.
pub fn create(
    root: &Path,
    site: &Site,
    interface: &Interface,
    request: &Request,
) -> Result<Created, Vec<Diagnostic>> {
    let config = &site.config;
    let code = &config.languages[request.lang].code;
    let slot = super::slot::slot_for(site, request.kind, request.arc, request.week)
        .map_err(|d| vec![d])?;
    // The arc is named once the site has more than one, as on its pages.
    let named_arc = if slot.arc > 1 || site.has_many_arcs() {
        slot.arc
    } else {
        0
    };
    let title = match &request.title {
        Some(t) if !t.trim().is_empty() => checked_title(t.trim()).map_err(|d| vec![d])?,
        Some(_) => {
            return Err(vec![Diagnostic::error(
                Path::new("--title"),
                "the title is empty",
            )
            .help("write the title in quotes: `--title \"…\"`")])
        }
        None => interface
            .i18n
            .message(
                request.lang,
                &format!("new-title-{}", request.kind.name()),
                Some(&fluent_bundle::FluentArgs::from_iter([
                    ("week", fluent_bundle::FluentValue::from(slot.arc_week)),
                    ("arc", fluent_bundle::FluentValue::from(named_arc)),
                ])),
            )
            .map_err(|e| vec![Diagnostic::error(Path::new("i18n"), e.0)])?,
    };
    let slug = match &request.slug {
        Some(slug) => checked_slug(slug).map_err(|d| vec![d])?,
        // A title in a script that folds to no ASCII (Arabic, Hebrew, Greek…) names its file by
        // its date, which is its own in its kind.
        None if slug::slug(&title).is_empty() && title.chars().any(char::is_alphanumeric) => {
            slot.date.to_string()
        }
        None => slug::slug_within(&title, slug::MAX_LEN),
    };
    if slug.is_empty() {
        return Err(vec![Diagnostic::error(
            Path::new("--title"),
            format!("the title `{title}` makes no slug: it has no letters or digits"),
        )
        .help("give the slug yourself: `--slug SLUG`")]);
    }
    names::slug_free(root, site, request.kind, request.lang, &slug).map_err(|d| vec![d])?;
    let path = file_for(site, request.kind, &slug, request.lang);
    let template = format!("new/{}.md", request.kind.name());
    let context = NewContext {
        lang: code,
        kind: request.kind,
        slug: &slug,
        week: slot.arc_week,
        arc: named_arc,
        date: slot.date.to_string(),
        title: toml_string(&title),
        title_text: &title,
    };
    let text = render(interface, &template, &context)?;
    write_new(root, &path, &text)?;
    Ok(Created {
        page: preview_path(config, request.kind, &slug, request.lang),
        path,
        slot,
    })
}

pub(super) fn render(
    interface: &Interface,
    template: &str,
    context: &impl Serialize,
) -> Result<String, Vec<Diagnostic>> {
    if !interface.templates.has(template) {
        return Err(vec![Diagnostic::error(
            &Path::new("templates").join(template),
            format!("the template {template} is missing"),
        )
        .help(
            "`site new` writes a new text from it; `site init` writes the default one",
        )]);
    }
    let context = tera::Context::from_serialize(context).map_err(|e| {
        vec![Diagnostic::error(
            &Path::new("templates").join(template),
            format!("cannot build the template's context: {e}"),
        )]
    })?;
    // The template's leading comment leaves a line break: the file starts at its front matter.
    interface
        .templates
        .render(template, &context)
        .map(|text| text.trim_start().to_string())
        .map_err(|d| vec![d])
}

/// Creates `path` (from the root) with `text`; an existing file is an error, never replaced.
pub(super) fn write_new(root: &Path, path: &Path, text: &str) -> Result<(), Vec<Diagnostic>> {
    let full = root.join(path);
    let cannot = |e: std::io::Error| {
        vec![
            Diagnostic::error(path, format!("cannot write the new text: {e}"))
                .help("check that the folder is writable"),
        ]
    };
    if let Some(parent) = full.parent() {
        std::fs::create_dir_all(parent).map_err(cannot)?;
    }
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&full)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(vec![Diagnostic::error(path, "the file exists already")
                .help(
                    "`site new` never replaces a file: choose another slug with `--slug`",
                )])
        }
        Err(e) => return Err(cannot(e)),
    };
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .map_err(cannot)
}
