//! `site init`: a new site, written from the files embedded in the binary (the templates and
//! static files Durante itself uses, but its mark; and `skeleton/`: a commented site.toml for the
//! languages chosen, a .gitignore, the publish workflow, a sample essay and a sample bulletin in the
//! home language), into a new folder or one that already holds other files (a clone with its
//! README, LICENSE and `.git`). The interface's words are the tool's: no `i18n/` is written, but
//! for a language the tool does not ship.

use std::path::{Path, PathBuf};

use chrono::{Datelike, Days, NaiveDate};

use crate::arc::Calendar;
use crate::config::Config;
use crate::content::Kind;
use crate::diagnostics::Diagnostic;
use crate::schedule::Now;

use super::skeleton;

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// Values in the skeleton's files, filled in when the site is made: the arc's first day and the
/// sample texts' dates, and where the tool that made the site comes from (the workflow installs it).
const ARC_START: &str = "@ARC_START@";
const ESSAY_DATE: &str = "@ESSAY_DATE@";
const BULLETIN_DATE: &str = "@BULLETIN_DATE@";
const TOOL_GIT: &str = "@SITE_TOOL_GIT@";
const TOOL_REV: &str = "@SITE_TOOL_REV@";
const TOOL_PACKAGE: &str = "@SITE_TOOL_PACKAGE@";
const TOOL_VERSION: &str = "@SITE_TOOL_VERSION@";
/// What the writer chooses (`--title`, `--author`, `--timezone`, `--languages`).
const TITLE: &str = "@TITLE@";
const AUTHOR: &str = "@AUTHOR@";
const TIMEZONE: &str = "@TIMEZONE@";
const LANGUAGES: &str = "@LANGUAGES@";
const ARC_TITLE: &str = "@ARC_TITLE@";
const SECOND_ARC_TITLE: &str = "@SECOND_ARC_TITLE@";
const TAGS: &str = "@TAGS@";
const NAV_LABEL: &str = "@NAV_LABEL@";
/// The publish workflow's daily runs, from the zone and hour of [publish].
const CRON: &str = "@CRON@";
const CRON_WORDS: &str = "@CRON_WORDS@";

/// Where this build of the tool comes from, as `build.rs` recorded it (empty when unknown).
pub const SOURCE_GIT: &str = env!("SITE_TOOL_GIT");
pub const SOURCE_REV: &str = env!("SITE_TOOL_REV");

/// What `init` did.
#[derive(Debug)]
pub struct Initialized {
    /// Paths written in the site, sorted.
    pub files: Vec<String>,
    /// What the folder held before, left as it was (its top level, sorted).
    pub kept: Vec<String>,
    /// Lines added to a `.gitignore` the folder held already.
    pub ignored: Vec<String>,
    pub arc_start: NaiveDate,
}

/// The path a skeleton file takes in the new site (`gitignore` and `github/` are kept without their
/// dot in the repository, where they would otherwise apply to the repository itself).
fn target(path: &str) -> String {
    match path {
        "gitignore" => ".gitignore".to_string(),
        other => match other.strip_prefix("github/") {
            Some(rest) => format!(".github/{rest}"),
            None => other.to_string(),
        },
    }
}

/// A file of the new site: its path there and its bytes.
pub type File = (String, Vec<u8>);

/// What the writer chose for the new site: its languages (the first is the home one), and the
/// title, author and time zone, each defaulting to the skeleton's in the home language.
#[derive(Debug, Clone)]
pub struct Options {
    /// Comma-separated codes, as typed: `es,de`.
    pub languages: String,
    pub title: Option<String>,
    pub author: Option<String>,
    pub timezone: Option<String>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            languages: DEFAULT_LANGUAGES.to_string(),
            title: None,
            author: None,
            timezone: None,
        }
    }
}

/// The languages of a site made without `--languages`.
pub const DEFAULT_LANGUAGES: &str = "pt-BR,en";
/// The zone of a site made without `--timezone`.
pub const DEFAULT_TIMEZONE: &str = "America/Sao_Paulo";

fn embedded(path: &str) -> Option<&'static [u8]> {
    FILES.iter().find(|(p, _)| *p == path).map(|(_, b)| *b)
}

/// The embedded files as a new site holds them, values filled in; and the arc's start, the first
/// essay day on or after "now" in the site's time zone.
pub fn files(now: Now, options: &Options) -> Result<(Vec<File>, NaiveDate), Diagnostic> {
    let languages = skeleton::languages(&options.languages, &embedded)?;
    let home = &languages[0];
    let timezone = options.timezone.as_deref().unwrap_or(DEFAULT_TIMEZONE);
    if timezone.parse::<chrono_tz::Tz>().is_err() {
        return Err(Diagnostic::error(
            Path::new("--timezone"),
            format!("`{timezone}` is not a time zone"),
        )
        .help("give an IANA zone name, as `Europe/Madrid` or `America/New_York`"));
    }
    let quoted = |text: &str| toml::Value::String(text.to_string()).to_string();
    let settings = [
        (
            TITLE,
            quoted(options.title.as_deref().unwrap_or(&home.defaults.title)),
        ),
        (
            AUTHOR,
            quoted(options.author.as_deref().unwrap_or(&home.defaults.author)),
        ),
        (TIMEZONE, quoted(timezone)),
        (LANGUAGES, skeleton::tables(&languages)),
        (
            ARC_TITLE,
            skeleton::per_language(&languages, |d| &d.arc_title),
        ),
        (
            SECOND_ARC_TITLE,
            skeleton::per_language(&languages, |d| &d.second_arc_title),
        ),
        (
            TAGS,
            skeleton::per_language(&languages, |d| &d.readers_noun),
        ),
        (NAV_LABEL, skeleton::per_language(&languages, |_| "…")),
    ];
    let site_toml = settings.iter().fold(
        String::from_utf8_lossy(embedded("site.toml").unwrap_or_default()).into_owned(),
        |t, (k, v)| t.replace(k, v),
    );
    let (arc, schedule) = arc_for(now, &site_toml)?;
    let (words, cron) = crate::workflow::suggestion(&schedule, &arc);
    let filled = [
        (CRON_WORDS, words),
        // More than one line when the runs do not share their minute.
        (CRON, cron.replace("\" and \"", "\"\n    - cron: \"")),
        (ARC_START, arc.start.to_string()),
        (ESSAY_DATE, arc.slot_date(1, Kind::Essay).to_string()),
        (BULLETIN_DATE, arc.slot_date(1, Kind::Bulletin).to_string()),
        // Inside a quoted string of a workflow expression, where a quote is written twice.
        (TOOL_GIT, SOURCE_GIT.replace('\'', "''")),
        (TOOL_REV, SOURCE_REV.to_string()),
        (TOOL_PACKAGE, env!("CARGO_PKG_NAME").to_string()),
        (TOOL_VERSION, env!("CARGO_PKG_VERSION").to_string()),
    ];
    let fill = |text: &str| {
        filled
            .iter()
            .fold(text.to_string(), |t, (k, v)| t.replace(k, v))
    };
    let sample = |name: &str| {
        String::from_utf8_lossy(
            embedded(&format!("languages/{}/{name}.md", home.folder)).unwrap_or_default(),
        )
        .into_owned()
    };
    let mut files: Vec<File> = FILES
        .iter()
        .filter(|(path, _)| !path.starts_with("languages/") && *path != "site.toml")
        .map(|(path, bytes)| {
            let path = target(path);
            let bytes = match path.starts_with(".github/") {
                true => fill(&String::from_utf8_lossy(bytes)).into_bytes(),
                false => bytes.to_vec(),
            };
            (path, bytes)
        })
        .collect();
    files.push(("site.toml".into(), fill(&site_toml).into_bytes()));
    let code = &home.code;
    files.push((
        format!("content/essays/{}.{code}.md", home.defaults.essay_slug),
        fill(&sample("essay")).into_bytes(),
    ));
    files.push((
        format!(
            "content/bulletins/{}.{code}.md",
            home.defaults.bulletin_slug
        ),
        fill(&sample("bulletin")).into_bytes(),
    ));
    files.extend(
        skeleton::translations(&languages)
            .into_iter()
            .map(|(path, text)| (path, text.into_bytes())),
    );
    files.sort();
    Ok((files, arc.start))
}

/// The arc of a new site: its weekdays and zone from its site.toml, week 1 the week of the first
/// essay day on or after "now" there.
fn arc_for(now: Now, site_toml: &str) -> Result<(Calendar, crate::schedule::Schedule), Diagnostic> {
    let skeleton = Path::new("skeleton/site.toml");
    let text = site_toml.replace(ARC_START, "2000-01-04");
    let broken =
        |what: String| Diagnostic::error(skeleton, format!("the embedded site.toml {what}"));
    let config = Config::parse(skeleton, &text)
        .map_err(|d| broken(format!("does not load: {}", d[0].message)))?;
    let arc = config.arc().map_err(|(_, m, _)| broken(m))?;
    let schedule = config.schedule().map_err(|(_, m, _)| broken(m))?;
    let today = now.date_in(schedule.zone);
    let ahead =
        (7 + arc.essay_weekday.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
    let calendar = Calendar::new(
        today + Days::new(u64::from(ahead)),
        1,
        arc.essay_weekday,
        arc.bulletin_weekday,
    );
    Ok((calendar, schedule))
}

/// The lines of the skeleton's `.gitignore` that `existing` lacks.
fn missing_ignores(existing: &str, ours: &str) -> Vec<String> {
    let have: Vec<&str> = existing.lines().map(str::trim).collect();
    ours.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !have.contains(l))
        .map(String::from)
        .collect()
}

/// Writes a new site into `dir`: a new folder, or one whose files are left as they are. Refused,
/// with nothing written, when a file the site needs is there already (each is named); a
/// `.gitignore` that is there gets the lines it lacks.
pub fn init(dir: &Path, now: Now, options: &Options) -> Result<Initialized, Vec<Diagnostic>> {
    if dir.exists() && !dir.is_dir() {
        return Err(vec![Diagnostic::error(
            dir,
            format!("{} is a file", dir.display()),
        )
        .help(
            "`site init` writes a new site into a folder: name a new one, or an existing one",
        )]);
    }
    let (files, arc_start) = files(now, options).map_err(|d| vec![d])?;
    let kept = top_level(dir);
    let (gitignore, files): (Vec<File>, Vec<File>) =
        files.into_iter().partition(|(p, _)| p == ".gitignore");
    // As the writer sees it: `site.toml` for `site init .`, `caderno/site.toml` otherwise.
    let shown = |p: &str| match dir == Path::new(".") {
        true => PathBuf::from(p),
        false => dir.join(p),
    };
    if dir.join("site.toml").exists() {
        return Err(vec![Diagnostic::error(
            &shown("site.toml"),
            format!("{} holds a site already", dir.display()),
        )
        .help(
            "nothing was written: `site init` makes a new site; this one builds with `site build`",
        )]);
    }
    let linked = symlinks_on_the_way(dir, files.iter().chain(&gitignore).map(|(p, _)| p));
    if !linked.is_empty() {
        return Err(linked
            .iter()
            .map(|p| {
                Diagnostic::error(
                    &shown(p),
                    "this is a symbolic link: `site init` would write through it, outside the new site",
                )
                .help(format!(
                    "nothing was written: replace {p} by a folder or file of its own (or remove it), or make the site in another folder"
                ))
            })
            .collect());
    }
    let taken: Vec<Diagnostic> = files
        .iter()
        .filter(|(path, _)| shown(path).symlink_metadata().is_ok())
        .map(|(path, _)| {
            Diagnostic::error(
                &shown(path),
                "this file exists: `site init` would replace it",
            )
        })
        .collect();
    if !taken.is_empty() {
        let count = taken.len();
        return Err(taken
            .into_iter()
            .enumerate()
            .map(|(i, d)| match i + 1 == count {
                true => d.help(format!(
                    "nothing was written: move {} away (or delete {}), or make the site in another folder",
                    if count == 1 { "that file" } else { "these files" },
                    if count == 1 { "it" } else { "them" }
                )),
                false => d,
            })
            .collect());
    }
    let mut ignored = Vec::new();
    let mut writes = files;
    if let Some((_, ours)) = gitignore.into_iter().next() {
        let path = dir.join(".gitignore");
        match std::fs::read_to_string(&path) {
            Ok(existing) => {
                ignored = missing_ignores(&existing, &String::from_utf8_lossy(&ours));
                if !ignored.is_empty() {
                    let mut text = existing;
                    if !text.is_empty() && !text.ends_with('\n') {
                        text.push('\n');
                    }
                    text.push_str("# What `site` writes and keeps (build output, caches).\n");
                    text.push_str(&ignored.join("\n"));
                    text.push('\n');
                    writes.push((".gitignore".into(), text.into_bytes()));
                }
            }
            Err(_) => writes.push((".gitignore".into(), ours)),
        }
    }
    writes.sort();
    write_all(dir, &writes)?;
    let mut written: Vec<String> = writes.into_iter().map(|(p, _)| p).collect();
    if !ignored.is_empty() {
        written.retain(|p| p != ".gitignore");
    }
    Ok(Initialized {
        files: written,
        kept,
        ignored,
        arc_start,
    })
}

/// The symbolic links among the paths `init` would write in `dir` and the folders on their way
/// (`templates` for `templates/base.html`), each once, sorted. A file written there would land
/// wherever the link points, and a link renamed over would be lost.
fn symlinks_on_the_way<'a>(dir: &Path, paths: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut linked: Vec<String> = Vec::new();
    for path in paths {
        let mut on_the_way = PathBuf::new();
        for part in Path::new(path).components() {
            on_the_way.push(part);
            let is_link = dir
                .join(&on_the_way)
                .symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink());
            if is_link {
                let shown = on_the_way.to_string_lossy().replace('\\', "/");
                if !linked.contains(&shown) {
                    linked.push(shown);
                }
                break;
            }
        }
    }
    linked.sort();
    linked
}

/// The names in `dir`, sorted, a folder's with a slash (`.git/`); none when it does not exist.
fn top_level(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            match e.file_type().is_ok_and(|t| t.is_dir()) {
                true => format!("{name}/"),
                false => name,
            }
        })
        .collect();
    names.sort();
    names
}

/// Writes every file (each beside its place, then renamed into it); on a failure, removes what it
/// wrote and the folders it made, so the folder is as it was.
fn write_all(dir: &Path, files: &[File]) -> Result<(), Vec<Diagnostic>> {
    let mut made_dirs: Vec<PathBuf> = Vec::new();
    let mut made_files: Vec<PathBuf> = Vec::new();
    let mut replaced: Option<(PathBuf, Vec<u8>)> = None;
    let cannot = |what: &Path, e: std::io::Error| {
        vec![
            Diagnostic::error(what, format!("cannot write the new site: {e}"))
                .help("check that the folder is writable"),
        ]
    };
    let mut write = || -> Result<(), Vec<Diagnostic>> {
        for (path, bytes) in files {
            let full = dir.join(path);
            if let Some(folder) = full.parent() {
                let mut missing: Vec<PathBuf> = folder
                    .ancestors()
                    .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
                    .map(Path::to_path_buf)
                    .collect();
                std::fs::create_dir_all(folder).map_err(|e| cannot(folder, e))?;
                missing.reverse();
                made_dirs.extend(missing);
            }
            let temp = full.with_file_name(format!(".{}.site-init", std::process::id()));
            std::fs::write(&temp, bytes).map_err(|e| cannot(&full, e))?;
            if full.exists() {
                // Only a .gitignore is ever rewritten (lines added): keep what it held.
                replaced = std::fs::read(&full).ok().map(|b| (full.clone(), b));
            } else {
                made_files.push(full.clone());
            }
            std::fs::rename(&temp, &full).map_err(|e| {
                let _ = std::fs::remove_file(&temp);
                cannot(&full, e)
            })?;
        }
        Ok(())
    };
    let result = write();
    if result.is_err() {
        for file in &made_files {
            let _ = std::fs::remove_file(file);
        }
        if let Some((path, bytes)) = &replaced {
            let _ = std::fs::write(path, bytes);
        }
        for folder in made_dirs.iter().rev() {
            let _ = std::fs::remove_dir(folder);
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file of the folders a new site copies is embedded: a file added to templates/ cannot
    /// be left out of `site init`.
    #[test]
    fn embeds_every_file_of_the_shared_folders() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let embedded: std::collections::BTreeSet<String> =
            FILES.iter().map(|(p, _)| target(p)).collect();
        for (folder, into) in [
            ("templates", "templates/"),
            ("static", "static/"),
            ("skeleton", ""),
        ] {
            for entry in walkdir::WalkDir::new(repo.join(folder)) {
                let entry = entry.unwrap();
                let name = entry.file_name().to_string_lossy();
                if !entry.file_type().is_file() || name.starts_with('.') || name.ends_with('~') {
                    continue;
                }
                let rel = entry.path().strip_prefix(repo.join(folder)).unwrap();
                let want = target(&format!("{into}{}", rel.to_string_lossy()));
                if want.starts_with("static/favicon.") {
                    // Durante's mark: a new site draws its own.
                    assert!(!embedded.contains(&want), "{want} is embedded");
                    continue;
                }
                assert!(embedded.contains(&want), "{want} is not embedded");
                let bytes = std::fs::read(entry.path()).unwrap();
                let (_, have) = FILES.iter().find(|(p, _)| target(p) == want).unwrap();
                assert_eq!(
                    *have,
                    bytes.as_slice(),
                    "{want} is embedded as it was at an older build"
                );
            }
        }
        assert!(embedded.contains(".github/workflows/publish.yml"));
        assert!(embedded.contains(".gitignore"));
        assert!(embedded.contains("site.toml"));
    }

    #[test]
    fn the_arc_starts_on_the_next_essay_day() {
        let start = |now: Now| files(now, &Options::default()).unwrap().1;
        let at = |s: &str| start(Now::parse(s).unwrap());
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        // A Wednesday: the next Tuesday.
        assert_eq!(at("2026-03-11T09:00"), date(2026, 3, 17));
        // A Tuesday: that day.
        assert_eq!(at("2026-03-10T23:00"), date(2026, 3, 10));
        // Wednesday 01:00 in UTC is still Tuesday evening in São Paulo, the skeleton's zone.
        let utc = Now::At(
            chrono::DateTime::parse_from_rfc3339("2026-03-11T01:00:00Z")
                .unwrap()
                .to_utc(),
        );
        assert_eq!(start(utc), date(2026, 3, 10));
    }

    #[test]
    fn a_gitignore_gets_only_the_lines_it_lacks() {
        assert_eq!(
            missing_ignores(
                "target/\n/public/\n",
                "# ours\n/public/\n/email/\n\n/.cache/\n"
            ),
            ["/email/", "/.cache/"]
        );
    }
}
