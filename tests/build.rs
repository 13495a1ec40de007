//! `site build` on fixture sites: every page kind, in both languages, read back as parsed HTML and XML.

mod common;

use chrono::DateTime;
use common::{attr, attrs, count, files, text, texts, TestSite};

/// The basic fixture seen on a day of its first arc (arcs of four weeks from 2025-08-05), when week
/// 2's bulletin (a draft) and weeks 3 and 4 are still to come.
const IN_THE_FIRST_ARC: &str = "2025-08-14T12:00";

fn built() -> TestSite {
    let site = TestSite::fixture("basic");
    site.build(&["--now", IN_THE_FIRST_ARC]);
    site
}

#[test]
fn home_has_hero_counters_newest_text_and_arc_in_both_languages() {
    let site = built();
    let pt = site.html("index.html");
    assert_eq!(attr(&pt, "html", "lang"), "pt-BR");
    assert_eq!(attr(&pt, "a.skip-link", "href"), "#content");
    assert_eq!(count(&pt, "main#content"), 1);
    assert_eq!(
        text(&pt, ".hero-counts"),
        "2 semanas · 3 textos · Escrito à mão"
    );
    assert_eq!(
        text(&pt, ".hero-readers"),
        "Cerca de 3.800 leitoras leem isso toda semana."
    );
    assert_eq!(text(&pt, ".brand"), "Caderno");
    // The newest text (week 2's English-only essay) is shown in full, marked as English.
    assert_eq!(text(&pt, ".latest article .post-title"), "Only in English");
    assert_eq!(attr(&pt, ".latest article", "lang"), "en");
    assert_eq!(
        text(&pt, ".latest .only-in"),
        "Disponível apenas em inglês."
    );
    // Calls to action: subscribe, and the latest Tuesday essay.
    assert_eq!(
        attrs(&pt, ".hero-actions a", "href"),
        vec![
            "/assinar/".to_string(),
            "/ensaios/only-english/".to_string()
        ]
    );
    assert_eq!(count(&pt, ".arc-table tbody tr"), 4);
    assert_eq!(attr(&pt, "a[data-lang-switch]", "href"), "/en/");

    let en = site.html("en/index.html");
    assert_eq!(attr(&en, "html", "lang"), "en");
    assert_eq!(
        text(&en, ".hero-counts"),
        "2 weeks · 3 texts",
        "no motto in English: nothing after the counters"
    );
    assert_eq!(
        text(&en, ".hero-readers"),
        "About 3,800 readers read this every week.",
        "without readers_noun, the neutral noun"
    );
    assert_eq!(text(&en, "a.skip-link"), "Skip to content");
    assert_eq!(
        count(&en, ".latest .only-in"),
        0,
        "the English text is at home on the English site"
    );
    assert_eq!(texts(&en, ".nav a.nav-external"), vec!["EVERYTHING"]);
}

#[test]
fn post_page_has_meta_sources_signoff_neighbours_and_translation_switch() {
    let site = built();
    let essay = site.html("ensaios/primeira/index.html");
    assert_eq!(text(&essay, "h1.post-title"), "A primeira régua");
    assert_eq!(
        text(&essay, ".post-summary"),
        "Por que medir antes de cortar vale também para software."
    );
    assert_eq!(
        text(&essay, ".post-meta time"),
        "Semana 1 · 5 de agosto de 2025"
    );
    assert_eq!(attr(&essay, ".post-meta time", "datetime"), "2025-08-05");
    assert!(text(&essay, ".post-meta").contains("1 minuto de leitura"));
    assert_eq!(text(&essay, ".signoff"), "— Ana");
    assert_eq!(text(&essay, ".helpful-question"), "Esta página foi útil?");
    assert_eq!(attr(&essay, "a[rel=next]", "href"), "/boletins/boletim-um/");
    assert_eq!(
        count(&essay, "a[rel=prev]"),
        0,
        "the first text has no previous one"
    );
    assert_eq!(
        attr(&essay, "a[data-lang-switch]", "href"),
        "/en/essays/primeira/"
    );
    assert_eq!(
        attr(&essay, "link[rel=canonical]", "href"),
        "https://caderno.example/ensaios/primeira/"
    );
    assert_eq!(
        attrs(&essay, "link[rel=alternate][hreflang]", "hreflang"),
        vec!["pt-BR", "x-default", "en"]
    );
    assert_eq!(
        attr(&essay, "meta[property='og:type']", "content"),
        "article"
    );
    assert_eq!(
        attr(&essay, "meta[property='og:title']", "content"),
        "A primeira régua — Caderno"
    );
    assert_eq!(
        attr(&essay, "meta[name='twitter:description']", "content"),
        text(&essay, ".post-summary")
    );

    let english = site.html("en/essays/primeira/index.html");
    assert_eq!(text(&english, ".post-meta time"), "Week 1 · August 5, 2025");
    assert_eq!(text(&english, "h1.post-title"), "The first ruler");
    assert_eq!(
        attr(&english, "a[data-lang-switch]", "href"),
        "/ensaios/primeira/"
    );
    assert_eq!(
        text(&english, ".post-body p"),
        "Measure twice is old advice. Here is “the” ruler."
    );

    let bulletin = site.html("boletins/boletim-um/index.html");
    assert_eq!(
        text(&bulletin, ".sources"),
        "Fontes verificadas na semana de 4–8 de agosto de 2025: Guia de madeira (6 ago) · Manual da serra (4 ago)"
    );
    assert_eq!(
        attrs(&bulletin, ".sources a", "href"),
        vec![
            "https://madeira.example/guia",
            "https://serra.example/manual"
        ]
    );
    assert_eq!(attr(&bulletin, "a[rel=prev]", "href"), "/ensaios/primeira/");
    assert_eq!(
        attr(&bulletin, "a[rel=next]", "href"),
        "/ensaios/only-english/"
    );
    // A text only in Portuguese shows on the English site in Portuguese, marked and noted.
    let on_en = site.html("en/bulletins/boletim-um/index.html");
    assert_eq!(attr(&on_en, "article", "lang"), "pt-BR");
    assert_eq!(text(&on_en, ".only-in"), "Available only in Portuguese.");
    assert_eq!(
        text(&on_en, ".sources").split(':').next().unwrap(),
        "Sources verified the week of August 4–8, 2025"
    );
    assert_eq!(
        attr(&on_en, "link[rel=canonical]", "href"),
        "https://caderno.example/boletins/boletim-um/"
    );
}

#[test]
fn markdown_features_and_set_pieces_render() {
    let site = built();
    let essay = site.html("ensaios/primeira/index.html");
    assert_eq!(
        attrs(&essay, ".post-body h2", "id"),
        vec!["medidas", "medidas-1"]
    );
    assert_eq!(
        attr(&essay, ".post-body h2 a.heading-link", "href"),
        "#medidas"
    );
    assert_eq!(texts(&essay, ".post-body table td"), vec!["Tábua", "40 cm"]);
    assert_eq!(text(&essay, ".post-body del"), "uma");
    assert_eq!(count(&essay, ".post-body .footnote-definition"), 1);
    assert_eq!(attr(&essay, ".post-body pre.code", "data-lang"), "rust");
    assert!(
        count(&essay, ".post-body pre.code span[class^='hl-']") > 3,
        "code is highlighted with classes"
    );
    let css = site.output_text("css/syntax.css");
    assert!(css.contains(".hl-") && css.contains("prefers-color-scheme: dark"));

    let bulletin = site.html("boletins/boletim-um/index.html");
    assert_eq!(
        text(&bulletin, "aside.block-signal .block-title"),
        "O sinal da semana em uma frase"
    );
    assert_eq!(
        text(&bulletin, "aside.block-signal p:not(.block-title)"),
        "Uma bancada firme vale mais que dez ferramentas."
    );
    assert_eq!(
        text(&bulletin, "figure.block-frame figcaption"),
        "Antes e depois"
    );
    assert_eq!(count(&bulletin, "figure.block-frame .frame-column"), 2);
    assert_eq!(
        texts(&bulletin, ".frame-column h3"),
        vec!["Antes", "Depois"]
    );
    assert_eq!(count(&bulletin, ".frame-column:first-child li"), 2);
}

#[test]
fn arc_page_lists_weeks_with_upcoming_slots_and_no_broken_links() {
    let site = built();
    let arc = site.html("arco/index.html");
    assert_eq!(
        text(&arc, "h1.arc-title"),
        "O arco de 4 semanas · Um corpo de trabalho"
    );
    assert_eq!(
        texts(&arc, ".arc-table thead th"),
        vec!["Semana", "Ensaio de terça", "Boletim de sexta"]
    );
    assert_eq!(count(&arc, ".arc-table tbody tr"), 4);
    assert_eq!(count(&arc, "td.arc-published a"), 3);
    // Week 2's bulletin is a draft: upcoming, without a link.
    assert_eq!(count(&arc, "td.arc-upcoming"), 5);
    assert_eq!(count(&arc, "td.arc-upcoming a"), 0);
    assert_eq!(texts(&arc, "#w2 time"), vec!["12 ago", "15 ago"]);
    assert_eq!(
        texts(&arc, ".arc-table tbody th"),
        vec!["1 2025", "2", "3", "4"],
        "the year on the first row"
    );
    assert_eq!(attr(&arc, "#w2 td a", "lang"), "en");
    let en = site.html("en/arc/index.html");
    assert_eq!(text(&en, "h1.arc-title"), "The 4-week arc · A body of work");
    assert_eq!(texts(&en, "#w1 time"), vec!["Aug 5", "Aug 8"]);
    assert_eq!(texts(&en, "#w4 .upcoming"), vec!["upcoming", "upcoming"]);
}

#[test]
fn subscription_page_posts_to_the_configured_target() {
    let site = built();
    for (page, lang) in [
        ("assinar/index.html", "pt-BR"),
        ("en/subscribe/index.html", "en"),
    ] {
        let doc = site.html(page);
        assert_eq!(attr(&doc, "html", "lang"), lang);
        assert_eq!(
            attr(&doc, "form.subscribe-form", "action"),
            "https://forms.example/subscribe"
        );
        assert_eq!(attr(&doc, "form.subscribe-form", "method"), "post");
        assert_eq!(
            attr(&doc, "form input[type=email]", "name"),
            "email_address"
        );
        assert_eq!(count(&doc, "form .honeypot input"), 1);
        assert_eq!(count(&doc, ".feed-list a"), 3);
        assert_eq!(
            count(&doc, "script"),
            0,
            "the form works without JavaScript"
        );
    }
    let doc = site.html("en/subscribe/index.html");
    assert_eq!(
        attrs(&doc, ".feed-list a", "href"),
        vec![
            "/en/feed.xml",
            "/en/essays/feed.xml",
            "/en/bulletins/feed.xml"
        ]
    );
}

fn rss(site: &TestSite, path: &str) -> (String, Vec<(String, String, String, String)>) {
    let xml = site.output_text(path);
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{path}: {e}"));
    let rss = doc.root_element();
    assert_eq!(
        (rss.tag_name().name(), rss.attribute("version")),
        ("rss", Some("2.0"))
    );
    let channel = rss.children().find(|n| n.has_tag_name("channel")).unwrap();
    let child = |node: roxmltree::Node, name: &str| {
        node.children()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_string()
    };
    let atom = "http://www.w3.org/2005/Atom";
    let self_link = channel
        .children()
        .find(|n| n.has_tag_name((atom, "link")))
        .unwrap();
    assert_eq!(self_link.attribute("rel"), Some("self"));
    assert!(self_link.attribute("href").unwrap().ends_with(path));
    let items = channel
        .children()
        .filter(|n| n.has_tag_name("item"))
        .map(|item| {
            let date = child(item, "pubDate");
            assert!(
                DateTime::parse_from_rfc2822(&date).is_ok(),
                "{date} is RFC 822"
            );
            assert_eq!(child(item, "guid"), child(item, "link"));
            (
                child(item, "title"),
                child(item, "link"),
                date,
                child(item, "encoded"),
            )
        })
        .collect();
    (child(channel, "language"), items)
}

#[test]
fn feeds_per_language_and_per_kind_carry_full_content() {
    let site = built();
    let (lang, items) = rss(&site, "feed.xml");
    assert_eq!(lang, "pt-BR");
    let titles: Vec<&str> = items.iter().map(|i| i.0.as_str()).collect();
    assert_eq!(
        titles,
        vec!["Boletim um: a bancada", "A primeira régua"],
        "Portuguese texts, newest first"
    );
    assert_eq!(items[0].1, "https://caderno.example/boletins/boletim-um/");
    assert_eq!(items[0].2, "Fri, 8 Aug 2025 00:00:00 +0000");
    let content = scraper::Html::parse_fragment(&items[0].3);
    assert_eq!(
        count(&content, "aside.block-signal"),
        1,
        "content:encoded holds the full HTML"
    );

    let (lang, items) = rss(&site, "en/feed.xml");
    assert_eq!(lang, "en");
    assert_eq!(
        items.iter().map(|i| i.0.as_str()).collect::<Vec<_>>(),
        vec!["Only in English", "The first ruler"]
    );
    let (_, essays) = rss(&site, "ensaios/feed.xml");
    assert_eq!(essays.len(), 1);
    let (_, bulletins) = rss(&site, "en/bulletins/feed.xml");
    assert!(bulletins.is_empty());
    let title = roxmltree::Document::parse(&site.output_text("en/essays/feed.xml"))
        .unwrap()
        .descendants()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text().map(String::from));
    assert_eq!(title.as_deref(), Some("Caderno — Tuesday essays"));
}

#[test]
fn sitemap_robots_and_bilingual_404() {
    let site = built();
    let xml = site.output_text("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let urls: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("url"))
        .collect();
    let loc = |n: &roxmltree::Node| {
        n.children()
            .find(|c| c.has_tag_name("loc"))
            .unwrap()
            .text()
            .unwrap()
            .to_string()
    };
    let locs: Vec<String> = urls.iter().map(loc).collect();
    assert!(locs.contains(&"https://caderno.example/en/essays/primeira/".to_string()));
    assert!(
        !locs.contains(&"https://caderno.example/en/bulletins/boletim-um/".to_string()),
        "only canonical pages"
    );
    assert_eq!(
        locs.len(),
        8 + 2 + 4 + 3,
        "home, arc, arc 1, subscribe and the tags in two languages, four written versions, three tags"
    );
    let essay = urls
        .iter()
        .find(|n| loc(n) == "https://caderno.example/ensaios/primeira/")
        .unwrap();
    let alternates: Vec<(&str, &str)> = essay
        .children()
        .filter(|c| c.has_tag_name(("http://www.w3.org/1999/xhtml", "link")))
        .map(|c| {
            (
                c.attribute("hreflang").unwrap(),
                c.attribute("href").unwrap(),
            )
        })
        .collect();
    assert_eq!(
        alternates,
        vec![
            ("pt-BR", "https://caderno.example/ensaios/primeira/"),
            ("en", "https://caderno.example/en/essays/primeira/")
        ]
    );
    assert!(site
        .output_text("robots.txt")
        .contains("Sitemap: https://caderno.example/sitemap.xml"));
    let not_found = site.html("404.html");
    assert_eq!(
        texts(&not_found, ".not-found h1, .not-found h2"),
        vec!["Página não encontrada", "Page not found"]
    );
    assert_eq!(attrs(&not_found, ".not-found a", "href"), vec!["/", "/en/"]);
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = built();
    assert!(!site.exists("boletins/rascunho/index.html"));
    assert!(!site.output_text("feed.xml").contains("Rascunho"));
    site.build(&["--drafts"]);
    let draft = site.html("boletins/rascunho/index.html");
    assert_eq!(text(&draft, ".draft-label"), "Rascunho");
    assert_eq!(attr(&draft, "meta[name=robots]", "content"), "noindex");
}

#[test]
fn two_builds_are_byte_identical() {
    let site = TestSite::fixture("basic");
    site.build(&["--output", "one"]);
    site.build(&["--output", "two"]);
    let (one, two) = (site.root().join("one"), site.root().join("two"));
    assert!(common::assert_same_files(&one, &two) > 20);
}

#[test]
fn base_url_option_and_static_files() {
    let site = TestSite::fixture("basic");
    site.build(&["--base-url", "https://elsewhere.example/notes/"]);
    let home = site.html("index.html");
    assert_eq!(
        attr(&home, "link[rel=canonical]", "href"),
        "https://elsewhere.example/notes/"
    );
    assert_eq!(attr(&home, "a.brand", "href"), "/notes/");
    assert_eq!(
        attr(&home, "link[rel=stylesheet]", "href"),
        "/notes/css/site.css"
    );
    assert!(
        site.exists("css/site.css") && site.exists("favicon.svg") && site.exists("favicon.ico"),
        "static/ is copied as is"
    );
    assert!(
        site.exists("ensaios/primeira/index.html"),
        "files stay at the folder's root"
    );
}

#[test]
fn prints_what_it_made() {
    let site = TestSite::fixture("basic");
    let run = site.build(&["--now", IN_THE_FIRST_ARC]);
    assert!(
        run.stdout.contains(
            "11 pages in pt-BR, 10 pages in en, 6 feeds, 8 social cards, a search index of 4 pages"
        ),
        "{}",
        run.stdout
    );
    let help = site.site(&["--help"]);
    assert!(help.ok && help.stdout.contains("build"));
    let version = site.site(&["--version"]);
    assert!(version.ok && version.stdout.contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn the_shipped_site_builds_without_warnings() {
    let site = TestSite::shipped();
    let run = site.build(&[]);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let first = site.html("arco/1/index.html");
    assert!(
        count(&first, ".arc-table td.arc-published") >= 12,
        "at least six complete weeks"
    );
    assert_eq!(count(&first, ".arc-table tbody tr"), 27);
    assert_eq!(count(&site.html("index.html"), ".arc-table tbody tr"), 27);
    // The header links each place once, on every page.
    for page in files(&site.out())
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .filter(|p| p.ends_with(".html"))
    {
        let mut hrefs = attrs(&site.html(&page), "header.masthead a", "href");
        let all = hrefs.len();
        hrefs.sort();
        hrefs.dedup();
        assert_eq!(
            hrefs.len(),
            all,
            "{page}: a place linked twice in the header"
        );
    }
}

/// `(selector, body)` of every rule of a stylesheet whose rules do not nest beyond one `@media`.
fn css_rules(css: &str) -> Vec<(String, String)> {
    fieldnotes::highlight::without_comments(css)
        .split('}')
        .filter_map(|chunk| chunk.rsplit_once('{'))
        .map(|(head, body)| {
            // After an `@media … {`, the rule's own selector follows the block's brace.
            let selector = head.rsplit_once('{').map_or(head, |(_, s)| s);
            (selector.trim().to_string(), body.trim().to_string())
        })
        .collect()
}

fn declared(body: &str, property: &str) -> Option<String> {
    body.split(';')
        .filter_map(|d| d.split_once(':'))
        .find(|(p, _)| p.trim() == property)
        .map(|(_, v)| v.trim().to_string())
}

#[test]
fn code_blocks_show_the_background_their_colours_were_made_readable_on() {
    let site = TestSite::shipped();
    site.build(&[]);
    // css/syntax.css paints pre.code, light then dark, with the backgrounds its colours were checked
    // against (src/highlight.rs); the page's own --code-bg (inline code) is the same colour, and
    // nothing in site.css paints pre.code differently.
    let syntax = site.output_text("css/syntax.css");
    let painted: Vec<String> = css_rules(&syntax)
        .iter()
        .filter(|(selector, _)| selector == "pre.code")
        .filter_map(|(_, body)| declared(body, "background-color"))
        .collect();
    assert_eq!(
        painted.len(),
        2,
        "pre.code painted light and dark:\n{syntax}"
    );
    let page = site.output_text("css/site.css");
    let code_bg: Vec<String> = css_rules(&page)
        .iter()
        .filter_map(|(_, body)| declared(body, "--code-bg"))
        .collect();
    assert_eq!(
        code_bg, painted,
        "site.css --code-bg (light, dark) vs syntax.css pre.code"
    );
    for (selector, body) in css_rules(&page) {
        let paints_pre = selector
            .split(',')
            .any(|s| s.trim().ends_with("pre.code") || s.trim().ends_with("pre"));
        assert!(
            !(paints_pre && (body.contains("background") || declared(&body, "color").is_some())),
            "site.css paints pre.code itself: {selector} {{ {body} }}"
        );
    }
}
