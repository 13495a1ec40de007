//! `site init`: a new site from the embedded defaults, in a new folder or beside the files of a
//! fresh clone (its `.git`, README and LICENSE left as they were), builds and passes `site check`;
//! a file the site needs that is there already is named, and nothing is written.

mod common;

use std::path::{Path, PathBuf};

fn site(args: &[&str], cwd: &Path) -> common::Run {
    common::run_in(cwd, args)
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    common::files(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

/// A folder as GitHub's "create repository" and `git clone` leave it: `.git`, a README, a LICENSE.
fn clone(dir: &Path) {
    std::fs::create_dir_all(dir.join(".git/refs/heads")).unwrap();
    std::fs::write(dir.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    std::fs::write(dir.join("README.md"), "# Cartas da Maré\n").unwrap();
    std::fs::write(dir.join("LICENSE"), "MIT License\n").unwrap();
}

#[test]
fn a_new_site_builds_clean_and_passes_check() {
    let tmp = tempfile::tempdir().unwrap();
    // A Wednesday: the arc starts on the next Tuesday.
    let run = site(
        &["init", "caderno", "--now", "2026-03-11T09:00"],
        tmp.path(),
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stdout.contains("Created a new site in caderno/"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("The arc starts on Tuesday 2026-03-17"),
        "{}",
        run.stdout
    );
    let dir = tmp.path().join("caderno");
    for file in [
        "site.toml",
        ".gitignore",
        ".github/workflows/publish.yml",
        "static/css/site.css",
        "templates/new/essay.md",
        "templates/status.html",
    ] {
        assert!(dir.join(file).is_file(), "{file}");
    }
    // The shared files are the repository's own, byte for byte; but Durante's mark, its favicons.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The interface's words are the tool's: a site of shipped languages has no i18n/ of its own.
    assert!(!dir.join("i18n").exists());
    for folder in ["templates", "static"] {
        let shared: Vec<_> = common::files(&repo.join(folder))
            .into_iter()
            .filter(|f| !(folder == "static" && f.to_string_lossy().starts_with("favicon.")))
            .collect();
        assert_eq!(shared, common::files(&dir.join(folder)), "{folder}");
        for file in shared {
            assert_eq!(
                std::fs::read(repo.join(folder).join(&file)).unwrap(),
                std::fs::read(dir.join(folder).join(&file)).unwrap(),
                "{folder}/{}",
                file.display()
            );
        }
    }
    // The counts the command printed are the files it wrote.
    let templates = common::files(&dir.join("templates")).len();
    assert!(
        run.stdout
            .contains(&format!("  templates/     {templates} templates\n")),
        "{}",
        run.stdout
    );
    let toml = std::fs::read_to_string(dir.join("site.toml")).unwrap();
    assert!(toml.contains("start = 2026-03-17"), "{toml}");
    assert!(toml.contains("essay_weekday = \"tuesday\""));
    assert!(!toml.contains("Durante"), "a new site is not Durante");
    let ignore = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
    for line in ["/public/", "/email/", "/.cache/"] {
        assert!(ignore.lines().any(|l| l == line), "{line} in {ignore}");
    }

    let root = dir.to_str().unwrap();
    // The Friday of week 1: both samples are live.
    let now = "2026-03-20T12:00";
    let build = site(&["--root", root, "build", "--now", now], tmp.path());
    assert!(build.ok, "{}", build.stderr);
    assert_eq!(build.stderr, "", "no warnings");
    assert!(
        build
            .stdout
            .starts_with("Built 12 pages in pt-BR, 8 pages in en, 6 feeds, 6 social cards, a search index of 2 pages"),
        "{}",
        build.stdout
    );
    assert!(dir
        .join("public/ensaios/por-que-escrever-toda-semana/index.html")
        .is_file());
    assert!(dir
        .join("public/boletins/primeira-semana/index.html")
        .is_file());
    let home = scraper::Html::parse_document(
        &std::fs::read_to_string(dir.join("public/index.html")).unwrap(),
    );
    // The samples are week 1: no empty week comes before them.
    assert_eq!(common::text(&home, ".arc-table tbody tr th"), "1 2026");
    assert_eq!(
        common::attrs(&home, ".arc-table tbody tr:first-child td a", "href"),
        [
            "/ensaios/por-que-escrever-toda-semana/",
            "/boletins/primeira-semana/"
        ]
    );
    let check = site(&["--root", root, "check", "--now", now], tmp.path());
    assert!(check.ok, "{}", check.stderr);
    // Only the subscription form's placeholder address, which the writer must replace.
    assert_eq!(
        check.stderr.matches("warning:").count(),
        1,
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.contains("the subscription form posts to"),
        "{}",
        check.stderr
    );

    // The writer's next steps work there.
    let new = site(
        &[
            "--root", root, "new", "essay", "--title", "Segundo", "--now", now,
        ],
        tmp.path(),
    );
    assert!(new.ok, "{}", new.stderr);
    assert!(
        new.stdout
            .contains("Created content/essays/segundo.pt-BR.md (week 2, Tuesday 2026-03-24"),
        "{}",
        new.stdout
    );
    let status = site(
        &["--root", root, "status", "--json", "--now", now],
        tmp.path(),
    );
    let desk: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    assert_eq!(desk["totals"]["texts"], 3);
    assert_eq!(desk["weeks"][0]["essay"]["languages"]["pt-BR"], "published");
    assert_eq!(desk["weeks"][1]["essay"]["languages"]["pt-BR"], "draft");
}

#[test]
fn on_the_essay_day_the_arc_starts_that_day() {
    let tmp = tempfile::tempdir().unwrap();
    let run = site(&["init", "hoje", "--now", "2026-03-17T06:00"], tmp.path());
    assert!(run.ok, "{}", run.stderr);
    let toml = std::fs::read_to_string(tmp.path().join("hoje/site.toml")).unwrap();
    assert!(toml.contains("start = 2026-03-17"), "{toml}");
    let essay = std::fs::read_to_string(
        tmp.path()
            .join("hoje/content/essays/por-que-escrever-toda-semana.pt-BR.md"),
    )
    .unwrap();
    assert!(essay.contains("date = 2026-03-17"), "{essay}");
    // An hour before the publishing hour the essay is scheduled; at it, live.
    let root = tmp.path().join("hoje");
    let root = root.to_str().unwrap();
    let early = site(
        &["--root", root, "build", "--now", "2026-03-17T06:00"],
        tmp.path(),
    );
    assert!(early.ok, "{}", early.stderr);
    assert!(!tmp
        .path()
        .join("hoje/public/ensaios/por-que-escrever-toda-semana")
        .exists());
    let live = site(
        &["--root", root, "build", "--now", "2026-03-17T07:00"],
        tmp.path(),
    );
    assert!(live.ok, "{}", live.stderr);
    assert!(tmp
        .path()
        .join("hoje/public/ensaios/por-que-escrever-toda-semana/index.html")
        .is_file());
}

#[test]
fn a_fresh_clone_keeps_its_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cartas");
    clone(&dir);
    let before = snapshot(&dir);
    let run = site(&["init", ".", "--now", "2026-03-11T09:00"], &dir);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stdout.contains("Created a new site in ./"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Left as they were: .git/, LICENSE, README.md"),
        "{}",
        run.stdout
    );
    let after = snapshot(&dir);
    for (file, bytes) in &before {
        let now = after.iter().find(|(f, _)| f == file).map(|(_, b)| b);
        assert_eq!(now, Some(bytes), "{} is untouched", file.display());
    }
    assert!(dir.join("site.toml").is_file());
    let build = site(&["build", "--now", "2026-03-20T12:00"], &dir);
    assert!(build.ok, "{}", build.stderr);
}

#[test]
fn files_the_site_needs_are_named_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ocupado");
    clone(&dir);
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    std::fs::write(dir.join("templates/home.html"), "minha home").unwrap();
    std::fs::create_dir_all(dir.join(".github/workflows")).unwrap();
    std::fs::write(dir.join(".github/workflows/publish.yml"), "name: mine").unwrap();
    let before = snapshot(&dir);
    let run = site(&["init", "ocupado"], tmp.path());
    assert!(!run.ok);
    for file in ["templates/home.html", ".github/workflows/publish.yml"] {
        assert!(
            run.stderr.contains(&format!(
                "error: this file exists: `site init` would replace it\n --> ocupado/{file}\n"
            )),
            "{file}: {}",
            run.stderr
        );
    }
    assert_eq!(run.stderr.matches("error: ").count(), 2, "{}", run.stderr);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert_eq!(snapshot(&dir), before, "the folder is as it was");
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        1,
        "nothing written beside it"
    );
    // A folder that holds a site already is one error.
    std::fs::write(dir.join("site.toml"), "title = \"x\"").unwrap();
    let run = site(&["init", "ocupado"], tmp.path());
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("error: ocupado holds a site already\n --> ocupado/site.toml"),
        "{}",
        run.stderr
    );
    // A file is not a folder.
    let run = site(&["init", "ocupado/LICENSE"], tmp.path());
    assert!(!run.ok);
    assert!(run.stderr.contains("is a file"), "{}", run.stderr);
}

#[test]
fn an_existing_gitignore_gets_the_lines_it_lacks() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cartas");
    clone(&dir);
    std::fs::write(dir.join(".gitignore"), "/public/\n*.swp").unwrap();
    let run = site(&["init", "cartas"], tmp.path());
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Added to the existing .gitignore: /email/ /.public.building-* /.cache/"),
        "{}",
        run.stdout
    );
    let ignore = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
    assert!(ignore.starts_with("/public/\n*.swp\n"), "{ignore}");
    assert_eq!(ignore.matches("/public/").count(), 1, "{ignore}");
    assert!(ignore.ends_with("/.cache/\n"), "{ignore}");
}

#[test]
fn the_workflow_installs_the_tool_that_made_the_site() {
    let tmp = tempfile::tempdir().unwrap();
    let run = site(&["init", "caderno"], tmp.path());
    assert!(run.ok, "{}", run.stderr);
    let workflow =
        std::fs::read_to_string(tmp.path().join("caderno/.github/workflows/publish.yml")).unwrap();
    let rev = env!("SITE_TOOL_REV");
    let git = env!("SITE_TOOL_GIT");
    assert!(
        workflow.contains(&format!(
            "SITE_TOOL_REV: ${{{{ vars.SITE_TOOL_REV || '{rev}' }}}}"
        )),
        "{workflow}"
    );
    assert!(
        workflow.contains(&format!(
            "SITE_TOOL_GIT: ${{{{ vars.SITE_TOOL_GIT || '{git}' }}}}"
        )),
        "{workflow}"
    );
    assert!(workflow.contains(&format!(
        "SITE_TOOL_VERSION: \"{}\"",
        env!("CARGO_PKG_VERSION")
    )));
    assert!(!workflow.contains("@SITE_"), "every value is filled in");
    assert!(workflow
        .contains("cargo install --locked --git \"$SITE_TOOL_GIT\" --rev \"$SITE_TOOL_REV\""));
    // The installed tool is kept, keyed by its version: a run that finds it compiles nothing.
    assert!(workflow.contains("key: site-tool-${{ runner.os }}-${{ env.SITE_TOOL_PACKAGE }}-${{ env.SITE_TOOL_VERSION }}-${{ env.SITE_TOOL_REV }}"));
    assert!(workflow.contains("if: steps.tool.outputs.cache-hit != 'true'"));
    // Any default branch, not only `main`.
    assert!(!workflow.contains("branches:"), "{workflow}");
    assert!(workflow.contains("github.event.repository.default_branch"));
    match (git, rev) {
        ("", _) | (_, "") => assert!(run.stderr.contains("does not know where it comes from")),
        _ => assert!(run
            .stdout
            .contains(&format!("from {git} at {}", &rev[..12]))),
    }
}

#[cfg(unix)]
#[test]
fn symbolic_links_on_the_way_are_refused_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("notes.txt"), "mine\n").unwrap();
    let dir = tmp.path().join("cartas");
    clone(&dir);
    std::os::unix::fs::symlink(&outside, dir.join("templates")).unwrap();
    std::os::unix::fs::symlink(outside.join("notes.txt"), dir.join(".gitignore")).unwrap();
    let before = (snapshot(&dir), snapshot(&outside));
    let run = site(&["init", "cartas"], tmp.path());
    assert!(!run.ok, "{}", run.stdout);
    for link in [".gitignore", "templates"] {
        assert!(
            run.stderr.contains(&format!(
                "error: this is a symbolic link: `site init` would write through it, outside the new site\n --> cartas/{link}\n"
            )),
            "{link}: {}",
            run.stderr
        );
    }
    assert_eq!(run.stderr.matches("error: ").count(), 2, "{}", run.stderr);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert_eq!((snapshot(&dir), snapshot(&outside)), before);
    assert!(dir
        .join(".gitignore")
        .symlink_metadata()
        .unwrap()
        .file_type()
        .is_symlink());
}
