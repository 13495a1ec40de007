//! Where a build may write: `--output` is checked on the resolved path and only ever replaces an
//! earlier output or an empty folder; two outputs that would land on one file are an error.

use std::os::unix::fs::symlink;
use std::path::Path;

use crate::common::{text, TestSite};

/// Every file under `dir` with its bytes, to tell that nothing changed.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// `site build --output OUTPUT` is refused, names the place and changes nothing in the site.
fn refused(site: &TestSite, output: &str, why: &str) {
    let before = snapshot(site.root());
    let run = site.site(&["build", "--output", output]);
    assert!(
        !run.ok,
        "--output {output} should be refused:\n{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("refusing to write the output here") && run.stderr.contains(why),
        "--output {output}: {}",
        run.stderr
    );
    assert!(!run.stderr.contains("left as it was"), "{}", run.stderr);
    assert!(
        before == snapshot(site.root()),
        "--output {output} changed the site's files"
    );
}

#[test]
fn the_sites_own_files_and_folders_are_refused_as_output() {
    let site = TestSite::fixture("basic");
    std::fs::create_dir_all(site.root().join(".git/objects")).unwrap();
    site.write(".git/HEAD", "ref: refs/heads/main\n");
    site.write(".github/workflows/publish.yml", "on: push\n");
    site.write(".cache/cards/x", "x");
    for (output, why) in [
        (".", "replace the site itself"),
        ("..", "replace the site itself"),
        (".git", "the site's own files"),
        (".git/objects", "the site's own files"),
        (".github", "the site's own files"),
        (".cache", "the site's own files"),
        ("site.toml", "the site's own files"),
        ("content", "the site's own files"),
        ("content/essays", "the site's own files"),
        ("templates/new", "the site's own files"),
        ("i18n", "the site's own files"),
        ("static/css", "the site's own files"),
    ] {
        refused(&site, output, why);
    }
}

#[test]
fn symbolic_links_are_followed_before_the_output_is_checked() {
    let site = TestSite::fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    // A link to the site from elsewhere, and a link inside it to its own folder.
    symlink(site.root(), outside.path().join("lnk")).unwrap();
    symlink(site.root().join("content"), site.root().join("c")).unwrap();
    let through = outside.path().join("lnk/content");
    refused(&site, through.to_str().unwrap(), "the site's own files");
    refused(&site, "c/essays", "the site's own files");
    refused(&site, "c", "the site's own files");
    // `..` after a link climbs from where the link led, as the system does.
    refused(&site, "c/../templates", "the site's own files");
    let texts = site.root().join("content/essays");
    assert!(texts.join("primeira.pt-BR.md").is_file());
}

#[test]
fn files_devices_other_sites_and_foreign_folders_are_refused() {
    let site = TestSite::fixture("basic");
    site.write("notes.txt", "mine\n");
    refused(&site, "notes.txt", "this is a file, not a folder");
    refused(&site, "/dev/null", "this is a file, not a folder");
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join("site.toml"), "title = \"other\"\n").unwrap();
    refused(
        &site,
        other.path().to_str().unwrap(),
        "holds a site or a repository",
    );
    let repo = tempfile::tempdir().unwrap();
    std::fs::create_dir(repo.path().join(".git")).unwrap();
    refused(
        &site,
        repo.path().to_str().unwrap(),
        "holds a site or a repository",
    );
    site.write("drafts/ideas.md", "an idea\n");
    refused(&site, "drafts", "not the output of a build");
    assert_eq!(site.read_source("drafts/ideas.md"), "an idea\n");
    // A broken link is no place to build either.
    symlink(site.root().join("gone"), site.root().join("dangling")).unwrap();
    let run = site.site(&["build", "--output", "dangling"]);
    assert!(
        !run.ok && run.stderr.contains("cannot follow this path"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_empty_folder_or_an_earlier_output_is_replaced_through_a_link() {
    let site = TestSite::fixture("basic");
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("www");
    std::fs::create_dir(&target).unwrap();
    symlink(&target, site.root().join("public")).unwrap();
    let first = site.build(&[]);
    assert!(first.ok);
    assert!(
        target.join("index.html").is_file(),
        "built into the link's folder"
    );
    assert!(
        site.root().join("public").is_symlink(),
        "the link stays a link"
    );
    std::fs::write(target.join("stale.html"), "old").unwrap();
    site.build(&[]);
    assert!(
        !target.join("stale.html").exists(),
        "the earlier output was replaced whole"
    );
    assert!(target.join("sitemap.xml").is_file());
    // A failed build says so, and leaves the previous output.
    site.write("content/essays/broken.pt-BR.md", "+++\ntitle = \n");
    let run = site.site(&["build"]);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("the previous output was left as it was"),
        "{}",
        run.stderr
    );
    assert!(target.join("index.html").is_file());
    // Where there was none, a failed build says that nothing was written.
    let run = site.site(&["build", "--output", "fresh"]);
    assert!(
        !run.ok && run.stderr.contains("nothing was written"),
        "{}",
        run.stderr
    );
    assert!(!site.root().join("fresh").exists());
}

/// Builds after `change`; the build fails naming both makers of one file.
fn collides(change: impl Fn(&TestSite), path: &str, first: &str, second: &str) {
    let site = TestSite::fixture("basic");
    change(&site);
    let run = site.site(&["build"]);
    assert!(
        !run.ok,
        "a collision on {path} should fail the build:\n{}",
        run.stdout
    );
    let err = &run.stderr;
    assert!(
        err.contains(&format!("`{path}`")) && err.contains(first) && err.contains(second),
        "{path}: {err}"
    );
    assert!(!site.root().join("public").exists());
}

#[test]
fn two_outputs_on_one_file_are_an_error_naming_both() {
    collides(
        |s| s.write("content/essays/primeira/card.png", "png"),
        "ensaios/primeira/card.png",
        "the social card of `primeira` in `pt-BR`",
        "content/essays/primeira/card.png",
    );
    collides(
        |s| s.write("content/essays/primeira/index.html", "<p>mine</p>"),
        "ensaios/primeira/index.html",
        "the page of `primeira` in `pt-BR`",
        "content/essays/primeira/index.html",
    );
    for (file, maker) in [
        ("feed.xml", "the feed of `pt-BR`"),
        ("sitemap.xml", "the sitemap"),
        ("index.html", "the home page of `pt-BR`"),
        ("css/syntax.css", "the stylesheet of the code's colours"),
    ] {
        collides(
            |s| s.write(&format!("static/{file}"), "mine"),
            file,
            maker,
            &format!("static/{file}"),
        );
    }
    // The English root on the Portuguese essays: their feeds meet.
    collides(
        |s| {
            let toml = s.read_source("site.toml");
            s.write(
                "site.toml",
                &toml.replace("prefix = \"en\"", "prefix = \"ensaios\""),
            );
        },
        "ensaios/feed.xml",
        "the essays' feed of `pt-BR`",
        "the feed of `en`",
    );
    // Tags under the essays' path, and a tag named like a text.
    collides(
        |s| {
            let toml = s.read_source("site.toml");
            s.write(
                "site.toml",
                &toml.replacen("tags = \"marcadores\"", "tags = \"ensaios\"", 1),
            );
            let text = s.read_source("content/essays/primeira.pt-BR.md");
            s.write(
                "content/essays/primeira.pt-BR.md",
                &text.replace("tags = [\"medida\"", "tags = [\"primeira\""),
            );
        },
        "ensaios/primeira/index.html",
        "the page of `primeira` in `pt-BR`",
        "the page of the tag `primeira`",
    );
    // A static file where the pages need a folder.
    collides(
        |s| s.write("static/ensaios", "a file"),
        "ensaios",
        "the static file static/ensaios",
        "a folder of the essays' feed of `pt-BR`",
    );
}

#[test]
fn a_favicon_in_static_still_takes_the_drawn_ones_place() {
    let site = TestSite::fixture("basic");
    site.write(
        "static/favicon.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.build(&[]);
    assert_eq!(
        site.output_text("favicon.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
    );
    assert!(!text(&site.html("index.html"), "title").is_empty());
}

#[test]
fn site_check_reports_a_collision() {
    let site = TestSite::fixture("basic");
    site.write("static/feed.xml", "mine");
    let run = site.site(&["check"]);
    assert!(!run.ok, "{}", run.stdout);
    assert!(
        run.stderr.contains("`feed.xml`") && run.stderr.contains("static/feed.xml"),
        "{}",
        run.stderr
    );
}
