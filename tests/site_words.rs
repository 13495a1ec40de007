//! The words that belong to one site come from its `site.toml`; the interface's own are neutral:
//! they read right for any title, gender and weekdays.

mod common;

use common::{attr, count, text, TestSite};

/// The feed's channel title.
fn channel_title(site: &TestSite, rel: &str) -> String {
    let xml = site.output_text(rel);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    doc.descendants()
        .find(|n| n.has_tag_name("channel"))
        .and_then(|c| c.children().find(|n| n.has_tag_name("title")))
        .and_then(|n| n.text())
        .unwrap()
        .to_string()
}

#[test]
fn the_title_takes_an_article_only_when_site_toml_gives_its_gender() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    // The fixture says its title is masculine in Portuguese.
    assert_eq!(
        text(&site.html("assinar/index.html"), "h1"),
        "Assine o Caderno"
    );
    assert_eq!(
        text(&site.html("en/subscribe/index.html"), "h1"),
        "Subscribe to Caderno"
    );
    let config = site.read_source("site.toml");
    site.write(
        "site.toml",
        &config.replace(
            "title_gender = \"masculine\"",
            "title_gender = \"feminine\"",
        ),
    );
    site.build(&[]);
    assert_eq!(
        text(&site.html("assinar/index.html"), "h1"),
        "Assine a Caderno"
    );
    // Without a gender, the sentence needs no article, whatever the title.
    site.write(
        "site.toml",
        &config
            .replace("title_gender = \"masculine\"\n", "")
            .replace("title = \"Caderno\"", "title = \"Cartas da Maré\""),
    );
    site.build(&[]);
    let page = site.html("assinar/index.html");
    assert_eq!(text(&page, "h1"), "Assine: Cartas da Maré");
    assert_eq!(text(&page, "title"), "Assine: Cartas da Maré");
    assert_eq!(
        channel_title(&site, "feed.xml"),
        "Cartas da Maré — todos os textos"
    );
}

#[test]
fn a_wrong_gender_is_an_error_at_its_line() {
    let site = TestSite::fixture("basic");
    let config = site.read_source("site.toml");
    site.write(
        "site.toml",
        &config.replace("title_gender = \"masculine\"", "title_gender = \"neuter\""),
    );
    let run = site.site(&["build"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("neuter"), "{}", run.stderr);
    assert!(run.stderr.contains("--> site.toml:24"), "{}", run.stderr);
}

#[test]
fn without_its_own_words_a_site_reads_neutral() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    // English has no description, motto, footer or readers' name in the fixture.
    let en = site.html("en/index.html");
    let description =
        "An essay every Tuesday and a bulletin every Friday, on the web and by email.";
    assert_eq!(text(&en, ".hero-lede"), description);
    assert_eq!(attr(&en, "meta[name=description]", "content"), description);
    assert_eq!(text(&en, ".hero-counts"), "2 weeks · 3 texts");
    assert_eq!(
        text(&en, ".site-footer p"),
        "Caderno · Published every Tuesday and every Friday."
    );
    // And its own words, where it has them.
    let config = site.read_source("site.toml");
    site.write(
        "site.toml",
        &config.replace(
            "tagline = \"A test notebook\"\n",
            "tagline = \"A test notebook\"\ndescription = \"Notes on tides.\"\nfooter = \"Set by hand.\"\n",
        ),
    );
    site.build(&[]);
    let en = site.html("en/index.html");
    assert_eq!(text(&en, ".hero-lede"), "Notes on tides.");
    assert_eq!(
        attr(&en, "meta[name=description]", "content"),
        "Notes on tides."
    );
    assert_eq!(text(&en, ".site-footer p"), "Caderno · Set by hand.");
}

#[test]
fn the_kinds_are_named_after_the_sites_weekdays() {
    let site = TestSite::fixture("basic");
    std::fs::remove_dir_all(site.root().join("content")).unwrap();
    let config = site
        .read_source("site.toml")
        .replace("start = 2025-08-05", "start = 2025-08-02")
        .replace(
            "essay_weekday = \"tuesday\"",
            "essay_weekday = \"saturday\"",
        )
        .replace(
            "bulletin_weekday = \"friday\"",
            "bulletin_weekday = \"monday\"",
        );
    site.write("site.toml", &config);
    site.build(&["--now", "2025-08-20T12:00"]);
    let pt = site.html("index.html");
    assert_eq!(text(&pt, ".latest p"), "O primeiro texto chega no sábado.");
    assert_eq!(
        text(&pt, ".arc-lede"),
        "Uma linha por semana: o ensaio de sábado à esquerda, o boletim de segunda à direita. As semanas ainda por vir aparecem como “em breve”; as que passaram sem texto, como “sem texto”."
    );
    assert_eq!(
        text(&pt, ".hero-lede"),
        "Um ensaio todo sábado e um boletim toda segunda, na web e por e-mail."
    );
    assert_eq!(
        common::texts(&pt, ".arc-table thead th"),
        ["Semana", "Ensaio de sábado", "Boletim de segunda"]
    );
    let en = site.html("en/index.html");
    assert_eq!(
        common::texts(&en, ".arc-table thead th"),
        ["Week", "Saturday essay", "Monday bulletin"]
    );
    assert_eq!(
        channel_title(&site, "en/essays/feed.xml"),
        "Caderno — Saturday essays"
    );
    assert_eq!(
        text(&site.html("en/subscribe/index.html"), ".subscribe-lede"),
        "Two texts a week, straight to your inbox: the Saturday essay and the Monday bulletin. No ads; unsubscribe any time."
    );
}

#[test]
fn the_helpful_question_is_asked_only_with_a_contact_email() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    let page = site.html("ensaios/primeira/index.html");
    assert_eq!(count(&page, ".helpful"), 1);
    assert_eq!(count(&page, ".helpful-answers a"), 2);
    let config = site.read_source("site.toml");
    site.write(
        "site.toml",
        &config.replace("contact_email = \"ana@caderno.example\"\n", ""),
    );
    site.build(&[]);
    for page in [
        "ensaios/primeira/index.html",
        "en/essays/primeira/index.html",
    ] {
        let page = site.html(page);
        assert_eq!(count(&page, ".post-title"), 1);
        assert_eq!(
            count(&page, ".helpful"),
            0,
            "no question without a place for its answers"
        );
    }
}
