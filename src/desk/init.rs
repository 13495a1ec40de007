//! `site init`: a new site in a new or empty folder, written from the files embedded in the binary:
//! the templates, translations and static files Durante itself uses, the publish workflow, and
//! `skeleton/` (a commented site.toml, a .gitignore, one sample essay and one sample bulletin).

use std::path::{Path, PathBuf};

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::arc::Arc;
use crate::content::Kind;
use crate::diagnostics::Diagnostic;

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// Dates in the skeleton's files, filled in when the site is made: the arc starts the week before
/// this one, so the sample texts are live at once.
const ARC_START: &str = "@ARC_START@";
const ESSAY_DATE: &str = "@ESSAY_DATE@";
const BULLETIN_DATE: &str = "@BULLETIN_DATE@";

/// What `init` wrote.
#[derive(Debug)]
pub struct Initialized {
    /// Paths in the new site, sorted.
    pub files: Vec<String>,
    pub arc_start: NaiveDate,
}

/// The path a skeleton file takes in the new site (`gitignore` is kept without its dot in the
/// repository, where it would otherwise apply to the repository itself).
fn target(path: &str) -> String {
    match path {
        "gitignore" => ".gitignore".to_string(),
        other => other.to_string(),
    }
}

/// A file of the new site: its path there and its bytes.
pub type File = (String, Vec<u8>);

/// The embedded files as a new site holds them, dates filled in; and the arc's start.
pub fn files(today: NaiveDate) -> Result<(Vec<File>, NaiveDate), Diagnostic> {
    let arc = arc_for(today)?;
    let essay = arc.slot_date(1, Kind::Essay).to_string();
    let bulletin = arc.slot_date(1, Kind::Bulletin).to_string();
    let start = arc.start.to_string();
    let files = FILES
        .iter()
        .map(|(path, bytes)| {
            let path = target(path);
            let filled = if path == "site.toml" || path.starts_with("content/") {
                String::from_utf8_lossy(bytes)
                    .replace(ARC_START, &start)
                    .replace(ESSAY_DATE, &essay)
                    .replace(BULLETIN_DATE, &bulletin)
                    .into_bytes()
            } else {
                bytes.to_vec()
            };
            (path, filled)
        })
        .collect();
    Ok((files, arc.start))
}

/// The arc of a new site: its weekdays from the skeleton's site.toml, week 1 the week before `today`.
fn arc_for(today: NaiveDate) -> Result<Arc, Diagnostic> {
    let toml_text = FILES
        .iter()
        .find(|(p, _)| *p == "site.toml")
        .map(|(_, b)| String::from_utf8_lossy(b).replace(ARC_START, "2000-01-01"))
        .unwrap_or_default();
    let value: toml::Value = toml::from_str(&toml_text).map_err(|e| {
        Diagnostic::error(
            Path::new("skeleton/site.toml"),
            format!("the embedded site.toml does not parse: {e}"),
        )
    })?;
    let weekday = |key: &str| -> Result<Weekday, Diagnostic> {
        value
            .get("arc")
            .and_then(|a| a.get(key))
            .and_then(toml::Value::as_str)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| {
                Diagnostic::error(
                    Path::new("skeleton/site.toml"),
                    format!("the embedded site.toml has no weekday `{key}`"),
                )
            })
    };
    let essay_weekday = weekday("essay_weekday")?;
    let bulletin_weekday = weekday("bulletin_weekday")?;
    let back =
        (7 + today.weekday().num_days_from_monday() - essay_weekday.num_days_from_monday()) % 7;
    let start = today - Days::new(u64::from(back) + 7);
    Ok(Arc {
        start,
        weeks: 1,
        essay_weekday,
        bulletin_weekday,
    })
}

/// Writes a new site into `dir`, which must not exist or be empty; nothing is touched otherwise.
/// The files are written into a sibling folder first and moved into place when all are there.
pub fn init(dir: &Path, today: NaiveDate) -> Result<Initialized, Vec<Diagnostic>> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map(|mut entries| entries.next().is_none())
            .unwrap_or(false);
        if !dir.is_dir() || !empty {
            let what = if dir.is_dir() {
                "a folder that is not empty"
            } else {
                "a file"
            };
            return Err(vec![Diagnostic::error(
                dir,
                format!("{} is {what}", dir.display()),
            )
            .help(
                "`site init` writes a new site only into a new or empty folder; name another one",
            )]);
        }
    }
    let (files, arc_start) = files(today).map_err(|d| vec![d])?;
    let name = dir
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let staging = parent.join(format!(".{name}.init-{}", std::process::id()));
    let cannot = |what: &Path, e: std::io::Error| {
        vec![
            Diagnostic::error(what, format!("cannot write the new site: {e}"))
                .help("check that the parent folder exists and is writable"),
        ]
    };
    let write_all = || -> Result<(), Vec<Diagnostic>> {
        for (path, bytes) in &files {
            let full = staging.join(path);
            if let Some(folder) = full.parent() {
                std::fs::create_dir_all(folder).map_err(|e| cannot(folder, e))?;
            }
            std::fs::write(&full, bytes).map_err(|e| cannot(&full, e))?;
        }
        if dir.exists() {
            std::fs::remove_dir(dir).map_err(|e| cannot(dir, e))?;
        }
        std::fs::rename(&staging, dir).map_err(|e| cannot(dir, e))
    };
    if let Err(problems) = write_all() {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(problems);
    }
    Ok(Initialized {
        files: files.into_iter().map(|(p, _)| p).collect(),
        arc_start,
    })
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
            ("i18n", "i18n/"),
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
    fn the_sample_texts_fall_in_the_week_before_today() {
        let wednesday = NaiveDate::from_ymd_opt(2026, 3, 11).unwrap();
        let arc = arc_for(wednesday).unwrap();
        assert_eq!(arc.start, NaiveDate::from_ymd_opt(2026, 3, 3).unwrap());
        assert!(arc.slot_date(1, Kind::Bulletin) < wednesday);
        let tuesday = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
        assert_eq!(
            arc_for(tuesday).unwrap().start,
            NaiveDate::from_ymd_opt(2026, 3, 3).unwrap()
        );
    }
}
