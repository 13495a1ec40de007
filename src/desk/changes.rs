//! `site status --changes`: what changed in a translation's original since its record, read from
//! the version git keeps; or, when git cannot give it back, what is known.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::translated::{pair, Version};
use crate::config::Config;
use crate::content::fingerprint::digest;
use crate::content::front_matter::{self, FrontMatter};
use crate::diagnostics::Diagnostic;
use crate::diff::{self, Paragraph};

/// How many of the original's commits are searched for the recorded version, newest first.
const HISTORY: usize = 200;

/// A translation and where its original stands.
pub struct Changes {
    pub translation: PathBuf,
    pub original: PathBuf,
    /// The original's language code.
    pub from: String,
    pub found: Found,
}

pub enum Found {
    /// The original is as recorded.
    Current,
    /// The recorded version, read back, beside the original now.
    Diff(Box<Versions>),
    /// The original changed, and its recorded version cannot be read back.
    Unknown(Known),
}

/// The original as recorded and as it is now.
pub struct Versions {
    /// Where it came from: the blob id, or the commit that holds it.
    pub recovered: String,
    pub old: FrontMatter,
    pub old_body: String,
    pub new: FrontMatter,
    pub new_body: String,
    /// The line the original's body starts on now.
    pub body_line: usize,
}

/// What is known without the recorded version.
pub struct Known {
    /// Why git cannot give it back.
    pub why: String,
    /// What git says of the original's last commit: date, short id and subject.
    pub last_commit: Option<String>,
    /// Whether the original has changes not committed yet.
    pub uncommitted: bool,
    /// The original file's modification time (UTC, to the minute).
    pub modified: Option<String>,
}

/// A field the translator translates, as recorded and as it is now.
pub struct Field<'a> {
    pub name: &'static str,
    pub old: &'a str,
    pub new: &'a str,
}

impl Versions {
    /// The title and summary, when they changed, and each source added or removed (`+`/`-` in old/new).
    pub fn fields(&self) -> Vec<Field<'_>> {
        let mut out = Vec::new();
        for (name, old, new) in [
            ("title", &self.old.title, &self.new.title),
            ("summary", &self.old.summary, &self.new.summary),
        ] {
            if old != new {
                out.push(Field { name, old, new });
            }
        }
        let key = |s: &crate::content::front_matter::Source| (s.title.clone(), s.url.clone());
        for s in &self.old.sources {
            if !self.new.sources.iter().any(|n| key(n) == key(s)) {
                out.push(Field {
                    name: "source",
                    old: &s.title,
                    new: "",
                });
            }
        }
        for s in &self.new.sources {
            if !self.old.sources.iter().any(|o| key(o) == key(s)) {
                out.push(Field {
                    name: "source",
                    old: "",
                    new: &s.title,
                });
            }
        }
        out
    }

    /// The body, paragraph by paragraph; lines are the original's file lines now (`Removed`: the old file's body lines).
    pub fn body(&self) -> Vec<Paragraph<'_>> {
        diff::paragraphs(&self.old_body, &self.new_body)
    }
}

/// What changed in the original of the translation at `typed` since its record.
pub fn changes(root: &Path, config: &Config, typed: &str) -> Result<Changes, Vec<Diagnostic>> {
    let pair = pair(root, config, typed, None, "status --changes")?;
    let path = pair.translation.source.path.clone();
    let Some(record) = pair.translation.front.translation.clone() else {
        return Err(vec![Diagnostic::error(&path, "this translation has no record of the version it was made from")
            .help(format!("once it matches its original, `site translated {}` records it; from then on `--changes` shows what changes", path.display()))]);
    };
    let original = pair.original();
    let from = config.languages[pair.from].code.clone();
    let done = |found| Changes {
        translation: path.clone(),
        original: original.source.path.clone(),
        from: from.clone(),
        found,
    };
    if original.digest == record.hash {
        return Ok(done(Found::Current));
    }
    let now = body_of(original)?;
    let git = Git { root };
    let recovered = record
        .blob
        .as_deref()
        .and_then(|blob| {
            git.bytes(blob)
                .map(|b| (b, format!("blob {}", short(blob))))
        })
        .or_else(|| git.version_with(&original.source.path, &record.hash));
    let Some((bytes, from_where)) = recovered else {
        return Ok(done(Found::Unknown(git.known(&original.source.path))));
    };
    let text = String::from_utf8_lossy(&bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let old_path = original.source.path.as_path();
    let split = front_matter::split(old_path, text).map_err(|d| {
        vec![d.message(format!(
            "the recorded version ({from_where}) does not read as a text"
        ))]
    })?;
    let old = front_matter::parse(old_path, split.front, split.front_line).map_err(|_| {
        vec![Diagnostic::error(
            old_path,
            format!("the recorded version ({from_where}) has front matter this tool cannot read"),
        )]
    })?;
    Ok(done(Found::Diff(Box::new(Versions {
        recovered: from_where,
        old,
        old_body: split.body.to_string(),
        new: original.front.clone(),
        new_body: now.0,
        body_line: now.1,
    }))))
}

/// The body of a version read from disk, and its first line.
fn body_of(v: &Version) -> Result<(String, usize), Vec<Diagnostic>> {
    let text = String::from_utf8_lossy(&v.bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let split = front_matter::split(&v.source.path, text).map_err(|d| vec![d])?;
    Ok((split.body.to_string(), split.body_line))
}

fn short(id: &str) -> &str {
    &id[..id.len().min(10)]
}

/// The site's git repository, asked through the `git` command (whatever it is, or absent).
struct Git<'a> {
    root: &'a Path,
}

impl Git<'_> {
    fn run(&self, args: &[&str]) -> Option<Vec<u8>> {
        let out = Command::new("git")
            .arg("-C")
            .arg(self.root)
            .args(args)
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .output()
            .ok()?;
        out.status.success().then_some(out.stdout)
    }

    fn line(&self, args: &[&str]) -> Option<String> {
        self.run(args)
            .map(|o| String::from_utf8_lossy(&o).trim().to_string())
            .filter(|s| !s.is_empty())
    }

    /// An object's bytes, when the repository holds it.
    fn bytes(&self, blob: &str) -> Option<Vec<u8>> {
        self.run(&["cat-file", "blob", blob])
    }

    /// The newest committed version of `path` whose translatable content has `hash`: the record's
    /// own version when it was never committed as such (its `draft` flag, say, changed first).
    fn version_with(&self, path: &Path, hash: &str) -> Option<(Vec<u8>, String)> {
        let path = path.to_string_lossy().replace('\\', "/");
        let commits = self.line(&[
            "log",
            "--format=%H",
            &format!("--max-count={HISTORY}"),
            "--",
            &path,
        ])?;
        commits.lines().find_map(|commit| {
            let bytes = self.run(&["cat-file", "blob", &format!("{commit}:./{path}")])?;
            let text = String::from_utf8_lossy(&bytes);
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let split = front_matter::split(Path::new(&path), text).ok()?;
            let front =
                front_matter::parse(Path::new(&path), split.front, split.front_line).ok()?;
            (digest(&front, split.body) == hash)
                .then(|| (bytes, format!("commit {}", short(commit))))
        })
    }

    /// What can be said of the original when its recorded version is not in the repository.
    fn known(&self, path: &Path) -> Known {
        let rel = path.to_string_lossy().replace('\\', "/");
        let modified = std::fs::metadata(self.root.join(path))
            .and_then(|m| m.modified())
            .ok()
            .map(|t| {
                chrono::DateTime::<chrono::Utc>::from(t)
                    .format("%Y-%m-%d %H:%M UTC")
                    .to_string()
            });
        let why = if self
            .line(&["rev-parse", "--is-inside-work-tree"])
            .as_deref()
            != Some("true")
        {
            "the site is not in a git repository (or git is not installed)".to_string()
        } else if self
            .line(&["rev-parse", "--is-shallow-repository"])
            .as_deref()
            == Some("true")
        {
            "this clone is shallow, as CI's checkouts are: `git fetch --unshallow` brings back the history".to_string()
        } else {
            "the repository holds no version of it that matches the record (it was recorded from a version never committed)".to_string()
        };
        Known {
            why,
            last_commit: self.line(&["log", "-1", "--format=%cs %h %s", "--", &rel]),
            uncommitted: self.line(&["status", "--porcelain", "--", &rel]).is_some(),
            modified,
        }
    }
}
