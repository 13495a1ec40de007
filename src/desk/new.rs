//! `site new`: a text's file for the next free slot of its kind, or the skeleton of a translation,
//! written from the templates in `templates/new/` in the text's language. Never replaces a file.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use super::names;
use crate::config::Config;
use crate::content::Kind;
use crate::diagnostics::{nearest, Diagnostic};
use crate::site::desk::{self as status, Slot};
use crate::site::load::Interface;
use crate::site::Site;
use crate::{arc, slug};

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

/// The flags that name `slot` to `site new`: its week alone in today's arc, with `--arc` in another.
pub fn slot_flags(site: &Site, slot: &Slot) -> String {
    let today = site.arc.season_of(site.arc.week_from(site.today())).number;
    if slot.arc == today {
        format!("--week {}", slot.arc_week)
    } else {
        format!("--arc {} --week {}", slot.arc, slot.arc_week)
    }
}

/// The slot a new text takes. With neither `arc` nor `week`: the next free one on or after today.
/// `week` is a week of arc `arc` (default: today's arc, or the next one during a break); `arc`
/// alone takes that arc's first free slot, past or not. Both are checked as typed.
pub fn slot_for(
    site: &Site,
    kind: Kind,
    arc: Option<i64>,
    week: Option<i64>,
) -> Result<Slot, Diagnostic> {
    let today = site.today();
    let calendar = &site.arc;
    let current = calendar.week_from(today);
    if arc.is_none() && week.is_none() {
        return status::next_free(site, kind, today, current).ok_or_else(|| {
            Diagnostic::error(
                Path::new("--now"),
                format!(
                    "{} has no free slot on or after {today}",
                    kind.with_article()
                ),
            )
            .help(format!(
                "texts are dated up to {}: give an arc and a week with `--arc N --week N`",
                arc::last_date()
            ))
        });
    }
    let last_arc = calendar.season_of(calendar.last_week(kind)).number;
    let season = match arc {
        None => calendar.season_of(current),
        Some(n) => match u32::try_from(n) {
            Ok(n) if (1..=last_arc).contains(&n) => calendar.season_of_number(n),
            _ => {
                return Err(Diagnostic::error(
                    Path::new("--arc"),
                    format!("there is no arc {n} a text can be dated in"),
                )
                .help(format!(
                    "give an arc from 1 to {last_arc}; today is in arc {}",
                    calendar.season_of(current).number
                )))
            }
        },
    };
    let Some(week) = week else {
        // The arc's first free slot, from its first week.
        return status::next_free(site, kind, NaiveDate::MIN, season.first)
            .filter(|slot| slot.arc == season.number)
            .ok_or_else(|| {
                Diagnostic::error(
                    Path::new("--arc"),
                    format!(
                        "arc {} has {} in every week",
                        season.number,
                        kind.with_article()
                    ),
                )
                .help(match status::next_free(site, kind, today, current) {
                    Some(free) => format!(
                        "the next free week from today is {} ({}): `site new {} {}`",
                        status::slot_name(&free),
                        free.date,
                        kind.name(),
                        slot_flags(site, &free)
                    ),
                    None => "every later week is taken too".to_string(),
                })
            });
    };
    // The weeks of this arc a text of this kind can be dated in (the last arc a date can hold may
    // end early).
    let last = season
        .weeks
        .min(calendar.last_week(kind).saturating_sub(season.first) + 1);
    let range = format!(
        "give a week from 1 to {last} of arc {} (its {} is on {})",
        season.number,
        kind.name(),
        calendar.slot_date(season.first + last - 1, kind),
    );
    let week = match u32::try_from(week) {
        Ok(w) if (1..=last).contains(&w) => season.first + w - 1,
        _ if week < 1 => {
            return Err(Diagnostic::error(
                Path::new("--week"),
                format!("there is no week {week}: weeks are counted from 1 in every arc"),
            )
            .help(range))
        }
        _ if last < season.weeks => {
            return Err(Diagnostic::error(
                Path::new("--week"),
                format!(
                    "week {week} of arc {} would be dated after {}, the last date a text's front matter can hold",
                    season.number,
                    arc::last_date()
                ),
            )
            .help(range))
        }
        _ => {
            let after = calendar.season(season.number + 1).map_or(String::new(), |next| {
                format!("; the next arc, {}, begins on {}", next.number, next.start)
            });
            return Err(Diagnostic::error(
                Path::new("--week"),
                format!("arc {} has {} weeks, not {week}", season.number, season.weeks),
            )
            .help(format!("{range}{after}")));
        }
    };
    let Some(i) = site.text_in_slot(week, kind) else {
        let (arc_number, arc_week) = calendar.local(week);
        return Ok(Slot {
            week,
            arc: arc_number,
            arc_week,
            kind,
            date: calendar.slot_date(week, kind),
        });
    };
    let text = &site.texts[i];
    let holder = site.version(text, 0);
    let taken = status::slot_name(&Slot {
        week,
        arc: season.number,
        arc_week: week - season.first + 1,
        kind,
        date: calendar.slot_date(week, kind),
    });
    let free = status::next_free(site, kind, NaiveDate::MIN, week);
    let mut help = match &free {
        Some(free) => format!(
            "the next free week for {} is {} ({}): `site new {} {}`",
            kind.with_article(),
            status::slot_name(free),
            free.date,
            kind.name(),
            slot_flags(site, free)
        ),
        None => format!("every later week has {} already", kind.with_article()),
    };
    if let Some(later) = status::next_free(site, kind, today, current) {
        if free.map(|f| f.week) != Some(later.week) {
            help.push_str(&format!(
                "; the next one from today is {} ({})",
                status::slot_name(&later),
                later.date
            ));
        }
    }
    Err(Diagnostic::error(
        &holder.source.path,
        format!(
            "{taken} already has {}: {} (“{}”)",
            kind.with_article(),
            holder.source.path.display(),
            holder.front.title
        ),
    )
    .help(help))
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
    let slot = slot_for(site, request.kind, request.arc, request.week).map_err(|d| vec![d])?;
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
