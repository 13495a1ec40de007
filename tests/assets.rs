//! Files kept beside a text (`content/essays/SLUG/`): published with its page in every language, images
//! sized, a missing one an error at its line; and broken links in a text fail the build, once each.

mod common;

use common::{attrs, TestSite};

const PNG_4X3: &str = "content/essays/figuras/diagrama.png";

#[test]
fn an_image_beside_a_text_is_published_with_its_page_in_every_language() {
    let site = TestSite::fixture("delivery");
    site.build(&[]);
    let source = std::fs::read(site.root().join(PNG_4X3)).unwrap();
    for copy in [
        "ensaios/figuras/diagrama.png",
        "en/essays/figuras/diagrama.png",
    ] {
        assert_eq!(
            std::fs::read(site.out().join(copy)).unwrap(),
            source,
            "{copy}"
        );
    }
    for page in ["ensaios/figuras/index.html", "en/essays/figuras/index.html"] {
        let doc = site.html(page);
        let img = doc
            .select(&scraper::Selector::parse(".post-body img[src='diagrama.png']").unwrap())
            .next()
            .unwrap_or_else(|| panic!("no image on {page}"));
        assert_eq!(img.value().attr("width"), Some("4"), "{page}");
        assert_eq!(img.value().attr("height"), Some("3"), "{page}");
        assert_eq!(
            img.value().attr("loading"),
            None,
            "the first image is on the first screen"
        );
    }
    // A text scheduled for later keeps its files to itself.
    site.write("content/essays/amanha/rascunho.png", "not yet");
    site.build(&["--now", "2026-01-12T12:00"]);
    assert!(!site.exists("ensaios/amanha/rascunho.png"));
    site.build(&["--now", "2026-01-13T07:00"]);
    assert!(
        site.exists("ensaios/amanha/rascunho.png") && site.exists("en/essays/amanha/rascunho.png")
    );
}

#[test]
fn the_home_shows_the_newest_text_with_its_images_found() {
    let site = TestSite::fixture("delivery");
    // Only the essay is live: the home shows it in full, away from its own folder.
    site.write(
        "content/essays/figuras.pt-BR.md",
        &site.read_source("content/essays/figuras.pt-BR.md").replace(
            "[o boletim da semana](../../boletins/bancada-nova/)",
            "o boletim",
        ),
    );
    site.build(&["--now", "2026-01-08T08:00"]);
    let home = site.html("index.html");
    let srcs = attrs(&home, ".latest img", "src");
    assert!(
        srcs.contains(&"/bancada/ensaios/figuras/diagrama.png".to_string()),
        "{srcs:?}"
    );
    let links = attrs(&home, ".latest .post-body a", "href");
    assert!(
        links.contains(&"/bancada/ensaios/figuras/#a-pasta".to_string()),
        "{links:?}"
    );
}

#[test]
fn a_missing_file_is_an_error_at_its_line_and_the_old_output_stays() {
    let site = TestSite::fixture("delivery");
    site.build(&[]);
    let before = site.output_text("ensaios/figuras/index.html");
    site.remove(PNG_4X3);
    let run = site.site(&["build"]);
    assert!(!run.ok);
    // Line 15 of the essay: the image (the raw <img> further down is HTML, and site check follows it).
    assert!(
        run.stderr
            .contains("--> content/essays/figuras.pt-BR.md:15:27"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("`diagrama.png` is not in the text's folder content/essays/figuras/"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> content/essays/figuras.en.md:20:"),
        "the translation names its own line: {}",
        run.stderr
    );
    assert_eq!(site.output_text("ensaios/figuras/index.html"), before);
}

#[test]
fn a_broken_link_fails_the_build_once_at_its_line() {
    let site = TestSite::fixture("delivery");
    site.write(
        "content/bulletins/bancada-nova.pt-BR.md",
        &site
            .read_source("content/bulletins/bancada-nova.pt-BR.md")
            .replace("A gaveta da esquerda.", "A gaveta da [esquerda](/boletins/gaveta/) e a [direita](../../ensaios/figuras/#nao-ha)."),
    );
    let run = site.site(&["build"]);
    assert!(!run.ok, "{}", run.stdout);
    // Shown on its page in both languages (the English copy of a Portuguese text) and on both homes:
    // still one error per place.
    assert!(run.stderr.contains("2 errors"), "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("bancada-nova.pt-BR.md:29:").count(),
        2,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "the link `/bancada/boletins/gaveta/` on boletins/bancada-nova/index.html goes nowhere"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("has no element with id `nao-ha`"),
        "{}",
        run.stderr
    );
    assert!(!site.out().exists(), "nothing was published");
    let check = site.site(&["check"]);
    assert!(!check.ok);
    assert!(
        check.stderr.contains("2 errors"),
        "check says the same: {}",
        check.stderr
    );
}

#[test]
fn a_folder_of_no_text_is_a_warning() {
    let site = TestSite::fixture("delivery");
    site.write("content/essays/perdida/foto.png", "x");
    let run = site.build(&[]);
    assert!(
        run.stderr.contains("content/essays/perdida") && run.stderr.contains("belongs to no text"),
        "{}",
        run.stderr
    );
    assert!(!site.exists("ensaios/perdida/foto.png"));
}
