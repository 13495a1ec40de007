//! How a writer names a text on the command line: its slug (`nomes`), its kind and slug
//! (`essays/nomes`, `essay/nomes`, or a page's address such as `/en/essays/nomes/`), or the path of
//! one of its files as typed (from the site's root, from the current folder, or absolute).

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::load::{self, SourceRef};
use crate::content::Kind;
use crate::diagnostics::{edit_distance, Diagnostic};
use crate::files::normalize;
use crate::site::Site;

/// Whether `name` is a file's path rather than a slug or an address.
pub fn is_path(name: &str) -> bool {
    name.ends_with(".md")
}

/// A text's file as typed, as a path from the site's root. The path is normalised lexically (`./`,
/// `a/../`), then read from the site's root or, when no file is there, from the current folder; an
/// absolute path must lead into the site. It must name a text of the site (`content/KIND/NAME.md`),
/// and a symbolic link to a file outside the site is refused before the file is read.
pub fn text_file(root: &Path, typed: &Path, config: &Config) -> Result<SourceRef, Diagnostic> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let root_abs = normalize(&cwd.join(root));
    let root_real = root.canonicalize().ok();
    let candidates = if typed.is_absolute() {
        vec![normalize(typed)]
    } else {
        vec![
            normalize(&root_abs.join(typed)),
            normalize(&cwd.join(typed)),
        ]
    };
    let inside: Vec<PathBuf> = candidates
        .iter()
        .filter_map(|c| {
            c.strip_prefix(&root_abs)
                .ok()
                .or_else(|| root_real.as_ref().and_then(|r| c.strip_prefix(r).ok()))
                .map(Path::to_path_buf)
        })
        .collect();
    let not_a_text = || {
        Diagnostic::error(typed, "this is not a text of the site").help(format!(
            "give the path of a text, e.g. `content/essays/SLUG.{}.md`, from the site's root ({}) or from the current folder",
            config.languages.first().map_or("LANG", |l| l.code.as_str()),
            root.display()
        ))
    };
    // The first reading that names a file; else the first inside the site, to say what is wrong.
    let Some(rel) = inside
        .iter()
        .find(|r| root.join(r).symlink_metadata().is_ok())
        .or(inside.first())
    else {
        return Err(not_a_text());
    };
    let source = match load::source_ref(rel, config) {
        Some(Ok(source)) => source,
        Some(Err(d)) => return Err(d),
        None => return Err(not_a_text()),
    };
    let full = root.join(rel);
    if full.symlink_metadata().is_err() {
        return Err(
            Diagnostic::error(rel, "there is no such file").help(format!(
                "the site's texts are under content/{}/ and content/{}/",
                Kind::Essay.folder(),
                Kind::Bulletin.folder()
            )),
        );
    }
    let within = full
        .canonicalize()
        .ok()
        .zip(root_real)
        .is_some_and(|(target, site)| target.starts_with(site));
    if !within {
        return Err(
            Diagnostic::error(rel, "this symbolic link points outside the site")
                .help("copy the file into the repository instead of linking to it"),
        );
    }
    Ok(source)
}

/// The text `name` names (see the module's comment); `command` starts the commands the errors
/// suggest (`site email`).
pub fn find(site: &Site, root: &Path, name: &str, command: &str) -> Result<usize, Diagnostic> {
    if is_path(name) {
        let source = text_file(root, Path::new(name), &site.config)?;
        return site
            .texts
            .iter()
            .position(|t| t.kind == source.kind && t.slug == source.slug)
            .ok_or_else(|| {
                Diagnostic::error(&source.path, "this text is not among the site's texts")
                    .help("run `site check` to see what keeps it out")
            });
    }
    let (kind, slug) = kind_and_slug(&site.config, name)?;
    let matches: Vec<usize> = (0..site.texts.len())
        .filter(|&i| site.texts[i].slug == slug && kind.is_none_or(|k| site.texts[i].kind == k))
        .collect();
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => Err(unknown(site, kind, slug)),
        several => {
            let file = |i: usize| site.version(&site.texts[i], 0).source.path.clone();
            let described: Vec<String> = several
                .iter()
                .map(|&i| format!("the {} {}", site.texts[i].kind.name(), file(i).display()))
                .collect();
            let ways: Vec<String> = several
                .iter()
                .map(|&i| {
                    let text = &site.texts[i];
                    format!(
                        "`{command} {}/{slug}` (the {})",
                        text.kind.folder(),
                        text.kind.name()
                    )
                })
                .collect();
            Err(Diagnostic::error(
                &file(several[0]),
                format!(
                    "`{slug}` names {} texts: {}",
                    several.len(),
                    described.join(" and ")
                ),
            )
            .help(format!("name one of them: {}", ways.join(" or "))))
        }
    }
}

/// The kind (when `name` has a folder: `FOLDER/SLUG`, also with a leading language prefix and
/// slashes, as in a page's address) and the slug.
fn kind_and_slug<'a>(
    config: &Config,
    name: &'a str,
) -> Result<(Option<Kind>, &'a str), Diagnostic> {
    let mut parts: Vec<&str> = name.split('/').filter(|p| !p.is_empty()).collect();
    if parts.len() == 3
        && config.languages.iter().any(|l| {
            !l.prefix.trim_matches('/').is_empty() && l.prefix.trim_matches('/') == parts[0]
        })
    {
        parts.remove(0);
    }
    match parts.as_slice() {
        [slug] => Ok((None, slug)),
        [folder, slug] => {
            let kind = Kind::ALL.into_iter().find(|&k| {
                *folder == k.folder()
                    || *folder == k.name()
                    || config.languages.iter().any(|l| {
                        *folder
                            == match k {
                                Kind::Essay => l.paths.essays.as_str(),
                                Kind::Bulletin => l.paths.bulletins.as_str(),
                            }
                    })
            });
            kind.map(|k| (Some(k), *slug))
                .ok_or_else(|| not_a_name(config, name))
        }
        _ => Err(not_a_name(config, name)),
    }
}

fn not_a_name(config: &Config, name: &str) -> Diagnostic {
    let folders: Vec<String> = Kind::ALL
        .iter()
        .map(|k| format!("`{}/SLUG`", k.folder()))
        .collect();
    Diagnostic::error(Path::new("content"), format!("`{name}` names no text")).help(format!(
        "name a text by its slug, by {}, or by its file, e.g. `content/{}/SLUG.{}.md`",
        folders.join(" or "),
        Kind::Essay.folder(),
        config.languages.first().map_or("LANG", |l| l.code.as_str())
    ))
}

/// How far `slug` is from what was typed: a slug it begins first, then one that holds it, then by
/// edit distance (a writer types the start of a long slug, or a word of it).
fn closeness(typed: &str, slug: &str) -> (u8, usize) {
    let rank = match (slug.starts_with(typed), slug.contains(typed)) {
        (true, _) => 0,
        (false, true) => 1,
        _ => 2,
    };
    (rank, edit_distance(typed, slug))
}

/// No text (of `kind`, when given) has `slug`: the closest slugs.
fn unknown(site: &Site, kind: Option<Kind>, slug: &str) -> Diagnostic {
    let mut slugs: Vec<&str> = site
        .texts
        .iter()
        .filter(|t| kind.is_none_or(|k| t.kind == k))
        .map(|t| t.slug.as_str())
        .collect();
    slugs.sort_by_key(|s| (closeness(slug, s), *s));
    slugs.dedup();
    let closest: Vec<String> = slugs.iter().take(3).map(|s| format!("`{s}`")).collect();
    let help = if closest.is_empty() {
        "the site has no such texts yet: write one under content/".to_string()
    } else {
        format!("the closest slugs are {}", closest.join(", "))
    };
    let what = kind.map_or("text", Kind::name);
    Diagnostic::error(
        Path::new("content"),
        format!("no {what} has the slug `{slug}`"),
    )
    .help(help)
}

/// Every text's file under `content/`, broken ones included (only the name is read): what a new
/// text's slug must not repeat.
pub fn files_on_disk(root: &Path, config: &Config) -> Vec<SourceRef> {
    Kind::ALL
        .into_iter()
        .flat_map(|kind| crate::files::under(root, &Path::new("content").join(kind.folder())).0)
        .filter_map(|p| load::source_ref(&p, config).and_then(Result::ok))
        .collect()
}

/// One slug, one text: `slug` must not name a text of any kind already. The error lists the files
/// and says what works instead: translating the text into `lang` (when it is of `kind` and not
/// written in `lang` yet), editing it, or a free slug.
pub fn slug_free(
    root: &Path,
    site: &Site,
    kind: Kind,
    lang: usize,
    slug: &str,
) -> Result<(), Diagnostic> {
    let config = &site.config;
    let on_disk = files_on_disk(root, config);
    let taken: Vec<&SourceRef> = on_disk.iter().filter(|r| r.slug == slug).collect();
    let Some(first) = taken.first() else {
        return Ok(());
    };
    let other = free_slug(slug, &on_disk);
    let code = &config.languages[lang].code;
    let same_kind: Vec<&&SourceRef> = taken.iter().filter(|r| r.kind == kind).collect();
    let shown = |r: &SourceRef| r.path.to_string_lossy().replace('\\', "/");
    let help = match (same_kind.first(), same_kind.iter().find(|r| r.lang == lang)) {
        (None, _) => format!(
            "one slug names one text, so that `site email {slug}` knows which: choose another slug for the {} with `--slug {other}`",
            kind.name()
        ),
        (Some(_), Some(written)) => format!(
            "the {} is written in {code} already: edit {}, or choose another slug with `--slug {other}`",
            kind.name(),
            shown(written)
        ),
        (Some(any), None) => {
            let original = same_kind.iter().find(|r| r.lang == 0).unwrap_or(any);
            let translate = format!("`site new --translate {} --lang {code}`", shown(original));
            if site.posts.iter().any(|p| p.source.path == original.path) {
                format!("to translate it into {code}: {translate}; for a text of its own, choose another slug with `--slug {other}`")
            } else {
                format!("{} has errors (`site check` lists them): fix them, then translate it with {translate}; or choose another slug with `--slug {other}`", shown(original))
            }
        }
    };
    let files: Vec<String> = taken.iter().map(|r| shown(r)).collect();
    Err(Diagnostic::error(
        &first.path,
        format!("the slug `{slug}` is taken by {}", files.join(" and ")),
    )
    .help(help))
}

/// `slug-2`, `slug-3`… (counting on from a number the slug ends with) the first no text uses,
/// within the longest slug `site new` takes.
fn free_slug(slug: &str, on_disk: &[SourceRef]) -> String {
    let slug = match slug.rsplit_once('-') {
        Some((base, n)) if !base.is_empty() && n.parse::<usize>().is_ok() => base,
        _ => slug,
    };
    (2..)
        .map(|n: usize| {
            let suffix = format!("-{n}");
            let room = crate::slug::MAX_LEN.saturating_sub(suffix.len());
            let base = slug.get(..room.min(slug.len())).unwrap_or(slug);
            format!("{}{suffix}", base.trim_end_matches('-'))
        })
        .find(|candidate| on_disk.iter().all(|r| &r.slug != candidate))
        .unwrap_or_else(|| format!("{slug}-2"))
}
