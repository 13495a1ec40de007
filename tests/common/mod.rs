//! Test helper: copies a fixture site into a temporary folder, runs the real `site` binary on it,
//! and reads the output as parsed HTML and XML.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct TestSite {
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub ok: bool,
    pub stdout: String,
    pub stderr: String,
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

impl TestSite {
    /// A fixture from `tests/fixtures/NAME` over the repository's templates, translations and
    /// static files (a fixture's own files take their place).
    pub fn fixture(name: &str) -> TestSite {
        let dir = tempfile::tempdir().unwrap();
        for shared in ["templates", "i18n", "static"] {
            copy_dir(&repo().join(shared), &dir.path().join(shared));
        }
        copy_dir(&repo().join("tests/fixtures").join(name), dir.path());
        TestSite { dir }
    }

    /// The shipped site itself (site.toml, content, templates, i18n, static).
    pub fn shipped() -> TestSite {
        let dir = tempfile::tempdir().unwrap();
        for part in ["content", "templates", "i18n", "static"] {
            copy_dir(&repo().join(part), &dir.path().join(part));
        }
        std::fs::copy(repo().join("site.toml"), dir.path().join("site.toml")).unwrap();
        TestSite { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Runs `site` with extra environment variables.
    pub fn site_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let output: Output = Command::new(env!("CARGO_BIN_EXE_site"))
            .arg("--root")
            .arg(self.root())
            .args(args)
            .env("NO_COLOR", "1")
            .envs(env.iter().copied())
            .output()
            .unwrap();
        Run {
            ok: output.status.success(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Runs `site ARGS` from the folder `cwd` (`--root` is left to the caller).
    pub fn site_in(&self, cwd: &Path, args: &[&str]) -> Run {
        run_in(cwd, args)
    }

    pub fn read_source(&self, rel: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(rel)).unwrap()
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.dir.path().join(rel)).unwrap();
    }

    pub fn site(&self, args: &[&str]) -> Run {
        self.site_with_env(args, &[])
    }

    /// `site build`; panics with the messages when it fails.
    pub fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let run = self.site(&all);
        assert!(run.ok, "build failed:\n{}", run.stderr);
        run
    }

    pub fn output_text(&self, rel: &str) -> String {
        let path = self.out().join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn html(&self, rel: &str) -> scraper::Html {
        scraper::Html::parse_document(&self.output_text(rel))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.out().join(rel).exists()
    }
}

/// Text of every element matching `selector`, whitespace collapsed.
/// `site ARGS` run in folder `cwd`, colours off.
pub fn run_in(cwd: &Path, args: &[&str]) -> Run {
    let output: Output = Command::new(env!("CARGO_BIN_EXE_site"))
        .current_dir(cwd)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    Run {
        ok: output.status.success(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

pub fn texts(doc: &scraper::Html, selector: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

pub fn text(doc: &scraper::Html, selector: &str) -> String {
    texts(doc, selector)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

/// Attribute `attr` of every element matching `selector`.
pub fn attrs(doc: &scraper::Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(String::from))
        .collect()
}

pub fn attr(doc: &scraper::Html, selector: &str, attr_name: &str) -> String {
    attrs(doc, selector, attr_name)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no {attr_name} on {selector}"))
}

pub fn count(doc: &scraper::Html, selector: &str) -> usize {
    doc.select(&scraper::Selector::parse(selector).unwrap())
        .count()
}

/// Two output folders hold the same files, byte for byte; returns how many.
pub fn assert_same_files(one: &Path, two: &Path) -> usize {
    let listing = files(one);
    assert_eq!(listing, files(two));
    for file in &listing {
        assert_eq!(
            std::fs::read(one.join(file)).unwrap(),
            std::fs::read(two.join(file)).unwrap(),
            "{}",
            file.display()
        );
    }
    listing.len()
}

/// Every file under `dir`, relative, sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    out.sort();
    out
}

/// An RSS feed read back: the channel's language and its items.
pub struct Feed {
    pub language: String,
    pub items: Vec<Item>,
}

pub struct Item {
    pub title: String,
    pub link: String,
    pub pub_date: String,
    pub description: String,
    /// `content:encoded`, the item's HTML.
    pub content: String,
}

impl TestSite {
    /// The feed at `rel` in the output, parsed as XML.
    pub fn feed(&self, rel: &str) -> Feed {
        let xml = self.output_text(rel);
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let channel = doc
            .descendants()
            .find(|n| n.has_tag_name("channel"))
            .unwrap_or_else(|| panic!("{rel} has no channel"));
        let child = |node: roxmltree::Node, name: &str| {
            node.children()
                .find(|n| n.tag_name().name() == name)
                .and_then(|n| n.text())
                .unwrap_or_default()
                .to_string()
        };
        Feed {
            language: child(channel, "language"),
            items: channel
                .children()
                .filter(|n| n.has_tag_name("item"))
                .map(|item| Item {
                    title: child(item, "title"),
                    link: child(item, "link"),
                    pub_date: child(item, "pubDate"),
                    description: child(item, "description"),
                    content: child(item, "encoded"),
                })
                .collect(),
        }
    }
}

/// Runs `git ARGS` in `dir` (which must not find the repository around it) and returns its output;
/// panics with git's message when it fails.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "protocol.file.allow=always",
        ])
        .args(args)
        .env("GIT_CEILING_DIRECTORIES", dir.parent().unwrap())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
