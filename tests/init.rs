//! `site init`: a new site from the embedded defaults builds without warnings and passes `site check`
//! at once; a folder that is not empty is refused and left as it was.

mod common;

use std::path::Path;
use std::process::Command;

fn site(args: &[&str], cwd: &Path) -> common::Run {
    let output = Command::new(env!("CARGO_BIN_EXE_site"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    common::Run {
        ok: output.status.success(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn a_new_site_builds_clean_and_passes_check() {
    let tmp = tempfile::tempdir().unwrap();
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
        run.stdout.contains("The arc starts on 2026-03-03"),
        "{}",
        run.stdout
    );
    let dir = tmp.path().join("caderno");
    for file in [
        "site.toml",
        ".gitignore",
        ".github/workflows/publish.yml",
        "i18n/pt-BR.ftl",
        "i18n/en.ftl",
        "static/css/site.css",
        "templates/new/essay.md",
        "templates/status.html",
    ] {
        assert!(dir.join(file).is_file(), "{file}");
    }
    // The shared files are the repository's own, byte for byte; but Durante's mark, its favicons.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for folder in ["templates", "i18n", "static"] {
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
    let toml = std::fs::read_to_string(dir.join("site.toml")).unwrap();
    assert!(toml.contains("start = 2026-03-03"), "{toml}");
    assert!(toml.contains("essay_weekday = \"tuesday\""));
    assert!(!toml.contains("Durante"), "a new site is not Durante");

    let root = dir.to_str().unwrap();
    let build = site(
        &["--root", root, "build", "--now", "2026-03-11T09:00"],
        tmp.path(),
    );
    assert!(build.ok, "{}", build.stderr);
    assert_eq!(build.stderr, "", "no warnings");
    assert!(
        build
            .stdout
            .starts_with("Built 11 pages in pt-BR, 7 pages in en, 6 feeds, 6 social cards, a search index of 2 pages"),
        "{}",
        build.stdout
    );
    assert!(dir
        .join("public/ensaios/por-que-escrever-toda-semana/index.html")
        .is_file());
    assert!(dir
        .join("public/boletins/primeira-semana/index.html")
        .is_file());
    let check = site(
        &["--root", root, "check", "--now", "2026-03-11T09:00"],
        tmp.path(),
    );
    assert!(check.ok, "{}", check.stderr);
    assert!(!check.stderr.contains("warning"), "{}", check.stderr);

    // The writer's next steps work there.
    let new = site(
        &[
            "--root",
            root,
            "new",
            "essay",
            "--title",
            "Segundo",
            "--now",
            "2026-03-11T09:00",
        ],
        tmp.path(),
    );
    assert!(new.ok, "{}", new.stderr);
    assert!(
        new.stdout
            .contains("Created content/essays/segundo.pt-BR.md (week 3, Tuesday 2026-03-17"),
        "{}",
        new.stdout
    );
    let status = site(
        &[
            "--root",
            root,
            "status",
            "--json",
            "--now",
            "2026-03-11T09:00",
        ],
        tmp.path(),
    );
    let desk: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    assert_eq!(desk["totals"]["texts"], 3);
    assert_eq!(desk["weeks"][0]["essay"]["languages"]["pt-BR"], "published");
    assert_eq!(desk["weeks"][2]["essay"]["languages"]["pt-BR"], "draft");
}

#[test]
fn a_folder_that_is_not_empty_is_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ocupado");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("notas.txt"), "minhas notas").unwrap();
    let run = site(&["init", "ocupado"], tmp.path());
    assert!(!run.ok);
    assert!(
        run.stderr.contains("ocupado is a folder that is not empty"),
        "{}",
        run.stderr
    );
    assert_eq!(
        common::files(&dir),
        vec![std::path::PathBuf::from("notas.txt")]
    );
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        1,
        "nothing written beside it"
    );
    // An empty folder is fine.
    std::fs::create_dir(tmp.path().join("vazio")).unwrap();
    assert!(site(&["init", "vazio"], tmp.path()).ok);
    assert!(tmp.path().join("vazio/site.toml").is_file());
}
