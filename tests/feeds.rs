//! Feeds as feed readers and RSS-to-email services take them: every URL absolute, no page chrome,
//! the newest `feed_limit` texts, each whole (body, sources, sign-off).

mod common;

use chrono::DateTime;
use common::{attrs, count, TestSite};

const BASE: &str = "https://oficina.example/bancada/";

/// Every `href`, `src` and each `srcset` candidate of an HTML fragment.
fn urls(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_fragment(html);
    let mut out = attrs(&doc, "[href]", "href");
    out.extend(attrs(&doc, "[src]", "src"));
    for set in attrs(&doc, "[srcset]", "srcset") {
        out.extend(
            set.split(',')
                .map(|c| c.split_whitespace().next().unwrap_or("").to_string()),
        );
    }
    out
}

#[test]
fn every_url_in_an_item_is_absolute_against_its_page() {
    let site = TestSite::fixture("delivery");
    site.build(&[]);
    let feed = site.feed("feed.xml");
    let essay = feed
        .items
        .iter()
        .find(|i| i.title == "Figuras ao lado do texto")
        .expect("the essay is in the feed");
    let page = format!("{BASE}ensaios/figuras/");
    assert_eq!(essay.link, page);
    let found = urls(&essay.content);
    for expected in [
        format!("{page}#a-pasta"),
        format!("{page}diagrama.png"),
        format!("{BASE}img/selo.png"),
        format!("{BASE}boletins/bancada-nova/"),
        format!("{BASE}arco/"),
        "https://imagens.example/guia?a=1&b=2".to_string(),
    ] {
        assert!(
            found.contains(&expected),
            "{expected} missing from {found:#?}"
        );
    }
    for url in &found {
        assert!(url.starts_with("https://"), "{url} is not absolute");
    }
    // The raw <img srcset> written in the Markdown is resolved candidate by candidate.
    let doc = scraper::Html::parse_fragment(&essay.content);
    assert_eq!(
        attrs(&doc, "img[srcset]", "srcset"),
        vec![format!("{page}diagrama.png 1x, {BASE}img/selo.png 2x")]
    );
    // Heading self-links are page chrome: the feed has the heading, not the link.
    assert_eq!(count(&doc, "h2#a-pasta"), 1);
    assert_eq!(count(&doc, "a.heading-link"), 0);
    let page_doc = site.html("ensaios/figuras/index.html");
    assert_eq!(count(&page_doc, "h2#a-pasta a.heading-link"), 1);
    // The page itself links root-relative Markdown links below the base path.
    assert!(attrs(&page_doc, ".post-body a", "href").contains(&"/bancada/arco/".to_string()));

    for rel in [
        "feed.xml",
        "ensaios/feed.xml",
        "boletins/feed.xml",
        "en/feed.xml",
        "en/essays/feed.xml",
        "en/bulletins/feed.xml",
    ] {
        for item in site.feed(rel).items {
            for url in urls(&item.content)
                .into_iter()
                .chain(urls(&item.description))
            {
                assert!(
                    url.starts_with("https://") || url.starts_with("mailto:"),
                    "{rel}: {url} in {} is relative",
                    item.title
                );
            }
        }
    }
}

#[test]
fn an_item_is_whole_signal_frame_sources_and_sign_off() {
    let site = TestSite::fixture("delivery");
    site.build(&[]);
    let feed = site.feed("boletins/feed.xml");
    assert_eq!(feed.language, "pt-BR");
    let item = &feed.items[0];
    assert_eq!(item.title, "Semana 1: a bancada nova");
    assert_eq!(
        item.description,
        "A bancada chegou, a gaveta emperrou e a luminária ficou torta."
    );
    let doc = scraper::Html::parse_fragment(&item.content);
    assert_eq!(count(&doc, "aside.block-signal"), 1);
    assert_eq!(count(&doc, "figure.block-frame .frame-column"), 2);
    assert_eq!(common::text(&doc, ".signoff"), "— Rita");
    assert_eq!(
        attrs(&doc, ".sources a", "href"),
        vec![
            "https://bancada.example/manual",
            "https://luz.example/notas"
        ]
    );
    // Dated at the hour it went live: 07:00 in São Paulo.
    let date = DateTime::parse_from_rfc2822(&item.pub_date).unwrap();
    assert_eq!(date.to_rfc3339(), "2026-01-09T07:00:00-03:00");
}

/// A site with `n` weekly essays in Portuguese and the given `feed_limit` line.
fn many(n: u32, limit: Option<&str>) -> TestSite {
    let site = TestSite::fixture("basic");
    for path in common::files(&site.root().join("content")) {
        std::fs::remove_file(site.root().join("content").join(path)).unwrap();
    }
    let start = chrono::NaiveDate::from_ymd_opt(2025, 8, 5).unwrap();
    for week in 0..n {
        let date = start + chrono::Days::new(7 * u64::from(week));
        site.write(
            &format!("content/essays/ensaio-{week:02}.pt-BR.md"),
            &format!("+++\ntitle = \"Ensaio {week}\"\ndate = {date}\nsummary = \"Resumo {week}.\"\n+++\n\nTexto {week}.\n"),
        );
    }
    if let Some(line) = limit {
        let config = site.read_source("site.toml").replacen(
            "readers = 3800\n",
            &format!("readers = 3800\n{line}\n"),
            1,
        );
        site.write("site.toml", &config);
    }
    site.build(&[]);
    site
}

#[test]
fn feeds_carry_the_newest_feed_limit_texts() {
    let titles = |site: &TestSite, rel: &str| -> Vec<String> {
        site.feed(rel).items.into_iter().map(|i| i.title).collect()
    };
    let default = many(25, None);
    let items = titles(&default, "feed.xml");
    assert_eq!(items.len(), 20, "20 by default");
    assert_eq!(items[0], "Ensaio 24", "newest first");
    assert_eq!(items[19], "Ensaio 5");
    assert_eq!(titles(&default, "ensaios/feed.xml").len(), 20);
    // The pages of older texts are still built.
    assert!(default.exists("ensaios/ensaio-00/index.html"));

    let three = many(6, Some("feed_limit = 3"));
    assert_eq!(
        titles(&three, "feed.xml"),
        vec!["Ensaio 5", "Ensaio 4", "Ensaio 3"]
    );
    let all = many(25, Some("feed_limit = 0"));
    assert_eq!(titles(&all, "feed.xml").len(), 25, "0 means every text");
}

#[test]
fn a_summary_reaches_feed_readers_as_text() {
    // What a feed reader does: take `description`'s text, read it as HTML, show that HTML's text.
    let summary = r#"Use <b>x</b> & <img src=x onerror=alert(1)> here <!-- the rest "survives" -->, even </description>."#;
    let site = TestSite::fixture("delivery");
    let text = site
        .read_source("content/bulletins/bancada-nova.pt-BR.md")
        .replace(
            "summary = \"A bancada chegou, a gaveta emperrou e a luminária ficou torta.\"",
            &format!("summary = '{summary}'"),
        );
    site.write("content/bulletins/bancada-nova.pt-BR.md", &text);
    site.build(&[]);
    for rel in ["feed.xml", "boletins/feed.xml"] {
        let item = site
            .feed(rel)
            .items
            .into_iter()
            .find(|i| i.title == "Semana 1: a bancada nova")
            .unwrap_or_else(|| panic!("{rel} has the bulletin"));
        let html = scraper::Html::parse_fragment(&item.description);
        for element in ["b", "img"] {
            assert_eq!(
                count(&html, element),
                0,
                "{rel}: <{element}> in {}",
                item.description
            );
        }
        let shown: String = html.root_element().text().collect();
        assert_eq!(shown, summary, "{rel}");
    }
    // The page shows it as text too.
    let page = site.html("boletins/bancada-nova/index.html");
    assert_eq!(
        common::text(&page, ".post-summary"),
        summary.split_whitespace().collect::<Vec<_>>().join(" ")
    );
}
