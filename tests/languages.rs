//! A newsletter in any languages: `site init --languages`, the interface's words the tool ships
//! for each, and no word of another language in what a site in those languages publishes.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{files, text};

/// The plain messages (no placeable) of a shipped language, at least 8 characters long: words a
/// page in another language must not hold.
fn plain_messages(code: &str) -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/i18n/languages")
        .join(format!("{code}.ftl"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = BTreeSet::new();
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let Some((id, value)) = line.split_once(" = ") else {
            continue;
        };
        let continued = lines.get(i + 1).is_some_and(|l| l.starts_with(' '));
        if id.starts_with('#') || id.starts_with('-') || continued || value.contains('{') {
            continue;
        }
        if value.chars().count() >= 8 {
            out.insert(value.trim().to_string());
        }
    }
    out
}

const SHIPPED: [&str; 7] = ["pt-BR", "en", "es", "pt-PT", "fr", "de", "it"];

/// `site init notas --languages LANGUAGES` in `tmp`; the new site's folder.
fn init(tmp: &Path, languages: &str) -> std::path::PathBuf {
    let run = common::run_in(
        tmp,
        &[
            "init",
            "notas",
            "--languages",
            languages,
            "--now",
            "2026-12-07T12:00",
        ],
    );
    assert!(run.ok, "{}", run.stderr);
    tmp.join("notas")
}

/// Makes a site with `languages`, writes one essay in its home language, builds it and its email
/// edition, and returns the folder.
fn newsletter(tmp: &Path, languages: &str, extra: &[&str]) -> std::path::PathBuf {
    let mut args = vec![
        "init",
        "notas",
        "--languages",
        languages,
        "--now",
        "2026-12-07T12:00",
    ];
    args.extend_from_slice(extra);
    let run = common::run_in(tmp, &args);
    assert!(run.ok, "{}", run.stderr);
    let dir = tmp.join("notas");
    let root = dir.to_str().unwrap();
    let new = common::run_in(
        tmp,
        &[
            "--root",
            root,
            "new",
            "essay",
            "--title",
            "Primera nota",
            "--now",
            "2026-12-07T12:00",
        ],
    );
    assert!(new.ok, "{}", new.stderr);
    // Published: the draft mark off.
    let file = new.stdout.split_whitespace().nth(1).unwrap().to_string();
    let path = dir.join(&file);
    let body = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        body.replace("draft = true", "draft = false")
            .replace("summary = \"\"", "summary = \"Una nota.\""),
    )
    .unwrap();
    let now = "2026-12-19T12:00";
    let build = common::run_in(tmp, &["--root", root, "build", "--now", now]);
    assert!(build.ok, "{}", build.stderr);
    assert_eq!(build.stderr, "", "a new site builds without a warning");
    let check = common::run_in(tmp, &["--root", root, "check", "--now", now]);
    assert!(check.ok, "{}", check.stderr);
    // Only the form's placeholder address, which the writer replaces.
    assert_eq!(
        check.stderr.matches("warning:").count(),
        1,
        "{}",
        check.stderr
    );
    assert!(
        check
            .stderr
            .contains("warning: the subscription form posts to `https://example.org/subscribe`, a placeholder"),
        "{}",
        check.stderr
    );
    let slug = Path::new(&file)
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .split('.')
        .next()
        .unwrap()
        .to_string();
    let email = common::run_in(
        tmp,
        &[
            "--root",
            root,
            "email",
            &slug,
            "--output",
            "public-email",
            "--now",
            now,
        ],
    );
    assert!(email.ok, "{}", email.stderr);
    dir
}

/// Every word of the shipped languages other than `own` found in the site's pages, feeds and
/// email editions: (file, message).
fn foreign_words(dir: &Path, own: &[&str]) -> Vec<(String, String)> {
    let mine: BTreeSet<String> = own.iter().flat_map(|c| plain_messages(c)).collect();
    let others: BTreeSet<String> = SHIPPED
        .iter()
        .filter(|c| !own.contains(c))
        .flat_map(|c| plain_messages(c))
        .filter(|m| !mine.contains(m))
        .collect();
    let mut found = Vec::new();
    for folder in ["public", "public-email"] {
        for file in files(&dir.join(folder)) {
            let name = file.to_string_lossy().to_string();
            // The fonts' licence is no page.
            let page = name.ends_with(".html") || name.ends_with(".xml") || name.ends_with(".txt");
            if !page || name.starts_with("fonts/") {
                continue;
            }
            let text = std::fs::read_to_string(dir.join(folder).join(&file)).unwrap();
            let text = if name.ends_with(".html") {
                visible(&text)
            } else {
                text
            };
            for message in &others {
                if has_words(&text, &crate_escape(message)) || has_words(&text, message) {
                    found.push((format!("{folder}/{name}"), message.clone()));
                }
            }
        }
    }
    found
}

/// What a reader of an HTML page sees or hears of it: its text outside `<script>` and `<style>`,
/// and the attributes that are read out or shown (alt, title, aria-label, placeholder, the meta
/// descriptions), one per line.
fn visible(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let mut out = String::new();
    for node in doc.root_element().descendants() {
        if let Some(text) = node.value().as_text() {
            let hidden = node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "script" | "style"))
            });
            if !hidden {
                out.push_str(text);
                out.push('\n');
            }
        } else if let Some(element) = node.value().as_element() {
            for name in ["alt", "title", "aria-label", "placeholder", "content"] {
                if let Some(value) = element.attr(name) {
                    out.push_str(value);
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// Whether `text` holds `words` as whole words.
fn has_words(text: &str, words: &str) -> bool {
    text.match_indices(words).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + words.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// A message as a page escapes it.
fn crate_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
}

#[test]
fn a_spanish_site_with_a_german_edition_speaks_only_those() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = newsletter(
        tmp.path(),
        "es,de",
        &[
            "--title",
            "Cuaderno de campo",
            "--author",
            "Ana",
            "--timezone",
            "Europe/Madrid",
        ],
    );
    let toml = std::fs::read_to_string(dir.join("site.toml")).unwrap();
    assert!(toml.contains("title = \"Cuaderno de campo\""), "{toml}");
    assert!(toml.contains("author = \"Ana\""));
    assert!(toml.contains("timezone = \"Europe/Madrid\""));
    assert!(toml.contains("code = \"es\"\nprefix = \"\""));
    assert!(toml.contains("code = \"de\"\nprefix = \"de\""));
    for other in ["pt-BR", "\"en\"", "Caderno", "Seu nome", "Sao_Paulo"] {
        assert!(!toml.contains(other), "{other} in site.toml");
    }
    // No interface file of its own: the tool's words.
    assert!(!dir.join("i18n").exists());
    // The workflow's runs follow 07:00 in Madrid at both offsets.
    let workflow = std::fs::read_to_string(dir.join(".github/workflows/publish.yml")).unwrap();
    assert!(workflow.contains("- cron: \"15 5,6 * * *\""), "{workflow}");
    assert!(workflow.contains("07:00 in Europe/Madrid"));

    let found = foreign_words(&dir, &["es", "de"]);
    assert!(found.is_empty(), "{found:#?}");
    // Dates and words in each language.
    let home = scraper::Html::parse_document(
        &std::fs::read_to_string(dir.join("public/index.html")).unwrap(),
    );
    assert_eq!(
        home.root_element().value().attr("lang"),
        Some("es"),
        "the home's language"
    );
    let post = scraper::Html::parse_document(
        &std::fs::read_to_string(dir.join("public/ensayos/primera-nota/index.html")).unwrap(),
    );
    assert!(
        text(&post, ".post-meta").contains("15 de diciembre de 2026"),
        "{}",
        text(&post, ".post-meta")
    );
    let german = scraper::Html::parse_document(
        &std::fs::read_to_string(dir.join("public/de/essays/primera-nota/index.html")).unwrap(),
    );
    assert!(
        text(&german, ".post-meta").contains("15. Dezember 2026"),
        "{}",
        text(&german, ".post-meta")
    );
}

#[test]
fn a_french_site_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = newsletter(tmp.path(), "fr", &[]);
    let toml = std::fs::read_to_string(dir.join("site.toml")).unwrap();
    assert!(toml.contains("title = \"Carnet\""), "{toml}");
    let found = foreign_words(&dir, &["fr"]);
    assert!(found.is_empty(), "{found:#?}");
    let post = scraper::Html::parse_document(
        &std::fs::read_to_string(dir.join("public/essais/primera-nota/index.html")).unwrap(),
    );
    assert!(
        text(&post, ".post-meta").contains("15 décembre 2026"),
        "{}",
        text(&post, ".post-meta")
    );
}

#[test]
fn a_language_the_tool_does_not_ship_starts_in_english_to_translate() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = init(tmp.path(), "nl,en");
    let dutch = std::fs::read_to_string(dir.join("i18n/nl.ftl")).unwrap();
    assert!(
        dutch.contains("# (to translate)\nskip-link = Skip to content"),
        "{dutch}"
    );
    // English names the new language, to translate too.
    let english = std::fs::read_to_string(dir.join("i18n/en.ftl")).unwrap();
    assert!(english.contains("lang-nl = nl"), "{english}");
    let root = dir.to_str().unwrap();
    let check = common::run_in(
        tmp.path(),
        &["--root", root, "check", "--now", "2026-12-19T12:00"],
    );
    assert!(check.ok, "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains("interface messages of `nl` are still in English"),
        "{}",
        check.stderr
    );
}

#[test]
fn a_message_no_file_gives_is_one_error_per_file_naming_the_keys() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = init(tmp.path(), "es,de");
    // A template asks for a message no language has.
    let base = dir.join("templates/base.html");
    let html = std::fs::read_to_string(&base).unwrap();
    std::fs::write(
        &base,
        html.replacen(
            "</body>",
            "<p>{{ t(key=\"footer-extra\", lang=page.lang) }}</p></body>",
            1,
        ),
    )
    .unwrap();
    let check = common::run_in(
        tmp.path(),
        &[
            "--root",
            dir.to_str().unwrap(),
            "check",
            "--now",
            "2026-12-19T12:00",
        ],
    );
    assert!(!check.ok);
    assert_eq!(
        check.stderr.matches("error:").count(),
        2,
        "{}",
        check.stderr
    );
    assert!(check.stderr.contains(
        "error: the templates ask for 1 message this language has no words for: footer-extra\n --> i18n/es.ftl"
    ), "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains("help: add `footer-extra = …` to i18n/de.ftl"),
        "{}",
        check.stderr
    );
    assert!(
        !check.stderr.contains("fix the template"),
        "{}",
        check.stderr
    );
}

#[test]
fn every_shipped_language_has_the_words_the_templates_ask_for() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pattern = regex_lite(&std::fs::read_to_string(repo.join("templates/base.html")).unwrap());
    assert!(pattern.contains("skip-link"), "the scan finds keys");
    let mut used = BTreeSet::new();
    for file in files(&repo.join("templates")) {
        let text = std::fs::read_to_string(repo.join("templates").join(&file)).unwrap();
        used.extend(regex_lite(&text));
    }
    for code in SHIPPED {
        let text =
            std::fs::read_to_string(repo.join(format!("src/i18n/languages/{code}.ftl"))).unwrap();
        let keys: BTreeSet<String> = text
            .lines()
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.to_string()))
            .filter(|k| !k.starts_with(['#', ' ', '-']))
            .collect();
        let missing: Vec<&String> = used.iter().filter(|k| !keys.contains(*k)).collect();
        assert!(missing.is_empty(), "{code}: {missing:?}");
        for other in SHIPPED {
            assert!(
                keys.contains(&format!("lang-{other}")),
                "{code}: lang-{other}"
            );
        }
    }
}

/// The keys a template names as written: `t(key="…"`.
fn regex_lite(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for part in text.split("t(key=").skip(1) {
        let quote = part.chars().next().unwrap_or('"');
        if quote != '"' && quote != '\'' {
            continue;
        }
        if let Some(end) = part[1..].find(quote) {
            let key = &part[1..1 + end];
            // A key made from a value (`"kind-" ~ kind`) is only its prefix here.
            let whole = !key.is_empty() && !key.ends_with('-');
            if whole && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                out.insert(key.to_string());
            }
        }
    }
    out
}
