//! One slug rule: a text's file, its page and a tag written with the same words land on the same
//! URL segment, and the shipped site's addresses stay what they were.

mod common;

use std::path::Path;

use common::TestSite;

const NOW: &str = "2026-12-01T12:00";

/// Every file a build wrote, relative to the output folder, but the search index's (named by hashes
/// of what they hold).
fn published_files(out: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(out)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(out).unwrap();
            rel.to_string_lossy().replace('\\', "/")
        })
        .filter(|rel| !rel.split('/').any(|part| part == "pagefind"))
        .collect();
    files.sort();
    files
}

#[test]
fn a_title_and_a_tag_with_the_same_words_land_on_the_same_segment() {
    let site = TestSite::fixture("basic");
    let title = "Ðiário Þing ǎção";
    let run = site.site(&[
        "new",
        "essay",
        "--title",
        title,
        "--now",
        "2025-08-06T12:00",
    ]);
    assert!(run.ok, "{}", run.stderr);
    let created = std::fs::read_dir(site.root().join("content/essays"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            text.contains(title)
        })
        .expect("site new wrote the text");
    let slug = created
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.split('.').next())
        .unwrap()
        .to_string();
    assert_eq!(slug, "diario-thing-acao");

    // Make it a published text tagged with its own title.
    let text = std::fs::read_to_string(&created).unwrap();
    let text = text
        .replace("tags = []", &format!("tags = [\"{title}\"]"))
        .replace("draft = true\n", "")
        .replace("summary = \"\"", "summary = \"Um teste de letras.\"");
    std::fs::write(&created, text).unwrap();
    let run = site.build(&["--now", "2025-09-01T12:00"]);
    assert!(run.ok, "{}", run.stderr);

    let page = format!("ensaios/{slug}/index.html");
    assert!(site.exists(&page), "the text's page is at {page}");
    let tag_page = format!("marcadores/{slug}/index.html");
    assert!(site.exists(&tag_page), "the tag's page is at {tag_page}");
    // The tag is shown as written, and the text's page links to its tag's page.
    let doc = site.html(&tag_page);
    assert!(common::text(&doc, "h1").contains(title));
    let links = common::attrs(&site.html(&page), "a", "href");
    assert!(
        links
            .iter()
            .any(|h| h.ends_with(&format!("/marcadores/{slug}/"))),
        "{links:?}"
    );
}

#[test]
fn tags_written_with_accents_are_shown_so_and_their_addresses_are_folded() {
    let site = TestSite::shipped();
    let run = site.build(&["--now", NOW]);
    assert!(run.ok, "{}", run.stderr);
    let doc = site.html("marcadores/index.html");
    let names = common::texts(&doc, "main a");
    let hrefs = common::attrs(&doc, "main a", "href");
    for (word, segment) in [
        ("manutenção", "manutencao"),
        ("documentação", "documentacao"),
        ("dependências", "dependencias"),
    ] {
        let at = names
            .iter()
            .position(|n| n.contains(word))
            .unwrap_or_else(|| panic!("the tag index names `{word}`: {names:?}"));
        assert!(
            hrefs[at].ends_with(&format!("/marcadores/{segment}/")),
            "`{word}` links to {}",
            hrefs[at]
        );
    }
}

/// The shipped site's published addresses (every file a build writes), as of a fixed day. A change here breaks every link a
/// reader saved: when it is meant (a new text dated before that day), rewrite the list with
/// `UPDATE_URLS=1 cargo test --release --test urls`.
#[test]
fn the_shipped_sites_addresses_do_not_change() {
    let site = TestSite::shipped();
    let run = site.build(&["--now", NOW]);
    assert!(run.ok, "{}", run.stderr);
    let published = published_files(&site.out());
    let expected_file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/shipped-urls.txt");
    if std::env::var_os("UPDATE_URLS").is_some() {
        std::fs::write(&expected_file, published.join("\n") + "\n").unwrap();
    }
    let expected: Vec<String> = std::fs::read_to_string(&expected_file)
        .expect("tests/shipped-urls.txt lists the shipped addresses")
        .lines()
        .map(str::to_string)
        .collect();
    let gone: Vec<&String> = expected.iter().filter(|u| !published.contains(u)).collect();
    let new: Vec<&String> = published.iter().filter(|u| !expected.contains(u)).collect();
    assert!(
        gone.is_empty() && new.is_empty(),
        "addresses gone: {gone:?}\naddresses new: {new:?}"
    );
    assert!(expected.len() > 100, "the list holds the whole site");
}
