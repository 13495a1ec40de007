//! `site new`: files for the next free slot in the site's languages, translations' skeletons, and
//! errors that name the file in the way and never replace one.

mod common;

use common::TestSite;

const NOW: &str = "2025-08-13T12:00"; // a Wednesday in week 2 of the basic fixture

fn new(site: &TestSite, args: &[&str]) -> common::Run {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--now", NOW]);
    site.site(&all)
}

#[test]
fn an_essay_in_the_next_free_slot_builds_as_a_draft() {
    let site = TestSite::fixture("basic");
    let run = new(
        &site,
        &["essay", "--title", "Ação à vista: o preço é justo?"],
    );
    assert!(run.ok, "{}", run.stderr);
    let path = "content/essays/acao-a-vista-o-preco-e-justo.pt-BR.md";
    assert!(
        run.stdout.contains(&format!(
            "Created {path} (week 3, Tuesday 2025-08-19, a draft)"
        )),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("http://127.0.0.1:1111/ensaios/acao-a-vista-o-preco-e-justo/"),
        "{}",
        run.stdout
    );
    let text = site.read_source(path);
    assert!(
        text.starts_with("+++\ntitle = \"Ação à vista: o preço é justo?\"\ndate = 2025-08-19\n"),
        "{text}"
    );
    assert!(text.contains("\ndraft = true\n"), "{text}");
    assert!(
        text.contains("# [[sources]]"),
        "an example of sources: {text}"
    );
    assert!(
        text.contains("## A ideia em uma linha"),
        "the essay's skeleton, in Portuguese: {text}"
    );
    // Left out of a build, shown with --drafts.
    site.build(&[]);
    assert!(!site.exists("ensaios/acao-a-vista-o-preco-e-justo/index.html"));
    site.build(&["--drafts"]);
    let page = site.html("ensaios/acao-a-vista-o-preco-e-justo/index.html");
    assert_eq!(
        common::text(&page, "h1.post-title"),
        "Ação à vista: o preço é justo?"
    );
    assert_eq!(common::text(&page, ".draft-label"), "Rascunho");
    // The next essay takes the next week.
    let run = new(&site, &["essay", "--slug", "outra"]);
    assert!(
        run.stdout.contains("(week 4, Tuesday 2025-08-26"),
        "{}",
        run.stdout
    );
    assert!(site
        .read_source("content/essays/outra.pt-BR.md")
        .contains("title = \"Ensaio da semana 4\""));
}

#[test]
fn a_bulletin_in_english_has_the_kinds_skeleton() {
    let site = TestSite::fixture("basic");
    let run = new(
        &site,
        &["bulletin", "--lang", "en", "--title", "Week three"],
    );
    assert!(run.ok, "{}", run.stderr);
    // Week 2's bulletin slot holds a draft: drafts take their slot too.
    assert!(
        run.stdout
            .contains("Created content/bulletins/week-three.en.md (week 3, Friday 2025-08-22"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("http://127.0.0.1:1111/en/bulletins/week-three/"),
        "{}",
        run.stdout
    );
    let text = site.read_source("content/bulletins/week-three.en.md");
    for line in [
        "::: signal The week's signal in one sentence",
        "## What shipped",
        "## What broke",
    ] {
        assert!(text.contains(line), "{line} in {text}");
    }
    site.build(&["--drafts"]);
    let page = site.html("en/bulletins/week-three/index.html");
    assert_eq!(common::count(&page, ".block-signal"), 1);
}

#[test]
fn the_default_language_follows_the_sites_naming() {
    let site = TestSite::fixture("basic");
    for name in ["boletim-um", "rascunho"] {
        let from = site
            .root()
            .join(format!("content/bulletins/{name}.pt-BR.md"));
        std::fs::rename(
            &from,
            site.root().join(format!("content/bulletins/{name}.md")),
        )
        .unwrap();
    }
    let from = site.root().join("content/essays/primeira.pt-BR.md");
    std::fs::rename(&from, site.root().join("content/essays/primeira.md")).unwrap();
    let run = new(&site, &["essay", "--title", "Sem sufixo"]);
    assert!(
        run.stdout.contains("Created content/essays/sem-sufixo.md"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_occupied_week_names_the_file_and_the_next_free_one() {
    let site = TestSite::fixture("basic");
    let run = new(&site, &["bulletin", "--week", "1", "--title", "Outro"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains(
            "error: week 1 already has a bulletin: content/bulletins/boletim-um.pt-BR.md"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("the next free week for a bulletin is 3"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("`site new bulletin --week 3`"),
        "{}",
        run.stderr
    );
    assert!(!site
        .root()
        .join("content/bulletins/outro.pt-BR.md")
        .exists());
}

#[test]
fn a_taken_slug_or_file_is_never_replaced() {
    let site = TestSite::fixture("basic");
    let before = site.read_source("content/essays/primeira.pt-BR.md");
    let run = new(&site, &["essay", "--title", "Primeira"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("the slug `primeira` is taken by content/essays/primeira.en.md and content/essays/primeira.pt-BR.md"), "{}", run.stderr);
    assert_eq!(site.read_source("content/essays/primeira.pt-BR.md"), before);
    let run = new(
        &site,
        &[
            "--translate",
            "content/essays/primeira.pt-BR.md",
            "--lang",
            "en",
        ],
    );
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("already written in en: content/essays/primeira.en.md"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_kinds_and_languages_list_the_valid_ones() {
    let site = TestSite::fixture("basic");
    let run = new(&site, &["essays"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("`essays` is not a kind of text"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("did you mean `essay`? The kinds are essay, bulletin"),
        "{}",
        run.stderr
    );
    let run = new(&site, &["essay", "--lang", "fr"]);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("`fr` is not one of the site's languages"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("The site's languages are pt-BR, en"),
        "{}",
        run.stderr
    );
    let run = new(&site, &["essay", "--slug", "Com Espaço"]);
    assert!(
        run.stderr.contains("e.g. `--slug com-espaco`"),
        "{}",
        run.stderr
    );
    assert_eq!(
        common::files(&site.root().join("content")).len(),
        5,
        "nothing written"
    );
}

#[test]
fn a_translation_keeps_slug_date_sources_and_headings() {
    let site = TestSite::fixture("basic");
    // The one language the text lacks is taken without --lang.
    let run = new(&site, &["--translate", "content/essays/primeira.en.md"]);
    assert!(!run.ok, "both languages exist already");
    let run = new(
        &site,
        &["--translate", "content/bulletins/boletim-um.pt-BR.md"],
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Created content/bulletins/boletim-um.en.md (week 1, Friday 2025-08-08"),
        "{}",
        run.stdout
    );
    let original = site.read_source("content/bulletins/boletim-um.pt-BR.md");
    let text = site.read_source("content/bulletins/boletim-um.en.md");
    assert!(
        text.contains("date = 2025-08-08\n") && text.contains("\ndraft = true\n"),
        "{text}"
    );
    assert!(
        text.contains("title = \"Guia de madeira\"")
            && text.contains("url = \"https://madeira.example/guia\""),
        "{text}"
    );
    assert!(
        text.contains("<!-- Translation of content/bulletins/boletim-um.pt-BR.md (Portuguese): “Boletim um: a bancada”."),
        "{text}"
    );
    let headings: Vec<&str> = original
        .lines()
        .filter(|l| l.starts_with('#') || l.starts_with(":::"))
        .collect();
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with('#') && !l.starts_with("# ") || l.starts_with(":::"))
        .collect();
    assert_eq!(kept, headings);
    site.build(&["--drafts"]);
    let page = site.html("en/bulletins/boletim-um/index.html");
    assert_eq!(common::text(&page, ".draft-label"), "Draft");
}
