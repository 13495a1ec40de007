//! Found and shared: a social card for every page, tag pages in each language, and search.

mod common;

use std::collections::BTreeSet;

use common::{attr, attrs, count, text, texts, TestSite};

fn png_size(bytes: &[u8]) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let reader = decoder.read_info().expect("a PNG");
    let info = reader.info();
    (info.width, info.height)
}

/// The output path an absolute URL of the fixture site names.
fn local(url: &str) -> String {
    let rel = url
        .strip_prefix("https://oficina.example/bancada/")
        .unwrap_or_else(|| panic!("{url} is not on the site"));
    rel.to_string()
}

#[test]
fn every_text_page_has_its_own_card_and_the_homes_the_sites() {
    let site = TestSite::fixture("delivery");
    site.build(&["--now", "2026-01-20T08:00"]);
    let pages = [
        "ensaios/figuras/index.html",
        "en/essays/figuras/index.html",
        "boletins/bancada-nova/index.html",
        "en/bulletins/bancada-nova/index.html",
        "ensaios/amanha/index.html",
        "en/essays/amanha/index.html",
        "index.html",
        "en/index.html",
    ];
    let mut cards = BTreeSet::new();
    for page in pages {
        let doc = site.html(page);
        let url = attr(&doc, "meta[property='og:image']", "content");
        assert!(url.ends_with("/card.png"), "{page}: {url}");
        assert_eq!(
            attr(&doc, "meta[name='twitter:card']", "content"),
            "summary_large_image"
        );
        assert_eq!(attr(&doc, "meta[name='twitter:image']", "content"), url);
        assert_eq!(
            attr(&doc, "meta[property='og:image:width']", "content"),
            "1200"
        );
        assert_eq!(
            attr(&doc, "meta[property='og:image:height']", "content"),
            "630"
        );
        assert!(!attr(&doc, "meta[property='og:image:alt']", "content").is_empty());
        let bytes = std::fs::read(site.out().join(local(&url))).unwrap();
        assert_eq!(png_size(&bytes), (1200, 630), "{page}");
        cards.insert(bytes);
    }
    assert_eq!(cards.len(), pages.len(), "each page its own card");
    let essay = site.html("ensaios/figuras/index.html");
    assert_eq!(
        attr(&essay, "meta[property='og:image:alt']", "content"),
        "Ensaio de terça · Semana 1 — Figuras ao lado do texto — Bancada"
    );
    let en = site.html("en/bulletins/bancada-nova/index.html");
    assert!(
        attr(&en, "meta[property='og:image:alt']", "content")
            .starts_with("Friday bulletin · Week 1 — Semana 1: a bancada nova"),
        "the kicker in the page's language, the title as the text is written"
    );
    // The arc and the subscription page show their language's home card.
    let arc = site.html("en/arc/index.html");
    assert_eq!(
        attr(&arc, "meta[property='og:image']", "content"),
        "https://oficina.example/bancada/en/card.png"
    );
}

/// Every card in the cache (`.cache/cards/XX/REST.png`) with when it was stored.
fn cached_cards(site: &TestSite) -> BTreeSet<(String, std::time::SystemTime)> {
    let dir = site.root().join(".cache/cards");
    common::files(&dir)
        .into_iter()
        .map(|p| {
            let modified = std::fs::metadata(dir.join(&p)).unwrap().modified().unwrap();
            (p.to_string_lossy().into_owned(), modified)
        })
        .collect()
}

#[test]
fn a_rebuild_draws_no_card_again_and_a_new_title_replaces_its_cards() {
    let site = TestSite::fixture("delivery");
    site.build(&[]);
    let first = cached_cards(&site);
    let built = common::files(&site.out())
        .iter()
        .filter(|p| p.ends_with("card.png"))
        .count();
    assert!(first.len() >= 8, "{first:?}");
    assert_eq!(first.len(), built, "one entry per card the build used");
    // Entries from an earlier day: a rebuild that links them into the output has used them.
    let yesterday = std::time::SystemTime::now() - std::time::Duration::from_secs(86_400);
    for entry in walkdir::WalkDir::new(site.root().join(".cache/cards")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let file = std::fs::File::options()
                .write(true)
                .open(entry.path())
                .unwrap();
            file.set_modified(yesterday).unwrap();
        }
    }
    let first = cached_cards(&site);
    site.build(&[]);
    assert_eq!(cached_cards(&site), first, "nothing drawn or stored again");
    let essay = "content/essays/amanha.pt-BR.md";
    site.write(
        essay,
        &site
            .read_source(essay)
            .replace("Um ensaio que sai na terça", "Um ensaio novo"),
    );
    site.build(&[]);
    // Two cards of the text change (its page in each language): drawn anew, and the old two pruned;
    // the rest are reused as they were.
    let second = cached_cards(&site);
    assert_eq!(second.len(), first.len());
    assert_eq!(second.difference(&first).count(), 2);
    assert!(
        !site.root().join("public/.cache").exists(),
        "the cache stays out of the output"
    );
}

#[test]
fn the_card_cache_keeps_only_what_the_last_build_used() {
    let site = TestSite::fixture("delivery");
    site.build(&[]);
    let all = cached_cards(&site);
    let dir = site.root().join(".cache/cards");
    // Left by a text since deleted, by a killed build, and (newer than any build: its clock is
    // ahead) stored by a preview while the next build runs.
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
    let (gone, temp, fresh) = (
        dir.join("ab/cdef0123456789abcdef0123456789abcdef.png"),
        dir.join("ab/.abcdef.1-2.tmp"),
        dir.join("cd/ef0123456789abcdef0123456789abcdef01.png"),
    );
    for (path, modified) in [(&gone, an_hour_ago), (&temp, an_hour_ago), (&fresh, later)] {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, b"png").unwrap();
        let file = std::fs::File::options().write(true).open(path).unwrap();
        file.set_modified(modified).unwrap();
    }
    // The essay goes: its two cards with it.
    site.remove("content/essays/amanha.pt-BR.md");
    site.build(&[]);
    let kept = cached_cards(&site);
    let names: BTreeSet<String> = kept.iter().map(|(n, _)| n.clone()).collect();
    assert!(!gone.exists() && !temp.exists(), "{names:?}");
    assert!(fresh.exists(), "another run's card stays");
    assert_eq!(kept.len(), all.len() - 2 + 1, "{names:?}");
    assert!(kept
        .iter()
        .all(|k| all.contains(k) || k.0.starts_with("cd/")));
    // A failed build prunes nothing.
    site.write("content/essays/quebrado.pt-BR.md", "sem front matter");
    assert!(!site.site(&["build"]).ok);
    assert_eq!(cached_cards(&site), kept);
}

#[test]
fn a_build_at_another_address_or_with_drafts_prunes_nothing() {
    let site = TestSite::fixture("delivery");
    site.build(&[]);
    let published = cached_cards(&site);
    // Cards name the site's address: another one draws other cards, beside the published ones.
    let elsewhere = site.root().join("elsewhere");
    let run = site.site(&[
        "build",
        "--base-url",
        "http://127.0.0.1:8080/",
        "--output",
        elsewhere.to_str().unwrap(),
    ]);
    assert!(run.ok, "{}", run.stderr);
    let both = cached_cards(&site);
    assert!(published.is_subset(&both), "the published cards stay");
    assert!(both.len() > published.len(), "{both:?}");
    let run = site.site(&["build", "--drafts", "--output", elsewhere.to_str().unwrap()]);
    assert!(run.ok, "{}", run.stderr);
    assert!(published.is_subset(&cached_cards(&site)));
    // The next build of the site as published prunes what only the others used.
    site.build(&[]);
    assert_eq!(cached_cards(&site), published);
}

#[test]
fn a_title_too_long_for_its_card_is_a_warning_naming_the_file() {
    let site = TestSite::fixture("delivery");
    let long = "Uma lista interminável de razões pelas quais a bancada, a luminária, a gaveta emperrada e todas as ferramentas da oficina precisam de um lugar certo e de um nome que não envelheça";
    let essay = "content/essays/amanha.pt-BR.md";
    site.write(
        essay,
        &site
            .read_source(essay)
            .replace("Um ensaio que sai na terça", long),
    );
    let run = site.build(&[]);
    assert!(
        run.stderr
            .contains("warning: the title is too long for its social card")
            && run.stderr.contains("content/essays/amanha.pt-BR.md"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("too long for its social card").count(),
        1,
        "once per file"
    );
}

#[test]
fn tags_lead_to_tag_pages_in_the_texts_language() {
    let site = TestSite::fixture("delivery");
    site.build(&["--now", "2026-01-20T08:00"]);
    let essay = site.html("ensaios/figuras/index.html");
    assert_eq!(
        attrs(&essay, ".tags a.tag", "href"),
        vec![
            "/bancada/marcadores/imagens/",
            "/bancada/marcadores/organizacao/"
        ]
    );
    assert_eq!(texts(&essay, ".tags a.tag"), vec!["imagens", "organização"]);
    let tag = site.html("marcadores/imagens/index.html");
    assert_eq!(text(&tag, "h1"), "Marcador: imagens");
    assert_eq!(
        texts(&tag, ".text-entry .text-entry-title"),
        vec!["Figuras ao lado do texto"]
    );
    assert_eq!(
        text(&tag, ".text-entry .text-entry-meta"),
        "Ensaio de terça · Semana 1 · 6 de janeiro de 2026"
    );
    // The same tag in English has its own page, and each names the other as its translation.
    let en = site.html("en/tags/images/index.html");
    assert_eq!(text(&en, "h1"), "Tag: images");
    assert!(
        !site.exists("en/tags/imagens/index.html"),
        "a tag lives in its texts' language"
    );
    assert_eq!(
        attrs(&tag, "link[rel=alternate][hreflang]", "hreflang"),
        Vec::<String>::new(),
        "imagens and images are different words: no alternates"
    );
    // The index of every tag, with counts; the English copy of a Portuguese text links Portuguese tags.
    let index = site.html("marcadores/index.html");
    assert_eq!(
        texts(&index, ".tag-cloud a"),
        vec!["boletim 1 texto", "imagens 1 texto", "organização 1 texto"]
    );
    let copy = site.html("en/bulletins/bancada-nova/index.html");
    assert_eq!(
        attrs(&copy, ".tags a.tag", "href"),
        vec!["/bancada/marcadores/boletim/"]
    );
    let sitemap = site.output_text("sitemap.xml");
    for loc in [
        "marcadores/",
        "marcadores/imagens/",
        "en/tags/",
        "en/tags/images/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://oficina.example/bancada/{loc}</loc>")),
            "{loc} in the sitemap"
        );
    }
}

#[test]
fn a_tag_in_both_languages_names_its_translation() {
    let site = TestSite::fixture("delivery");
    let en = "content/essays/figuras.en.md";
    site.write(
        en,
        &site.read_source(en).replace(
            "tags = [\"images\"]",
            "tags = [\"images\", \"Organização\"]",
        ),
    );
    site.build(&[]);
    let pt = site.html("marcadores/organizacao/index.html");
    let alternates = attrs(&pt, "link[rel=alternate][hreflang]", "href");
    assert!(
        alternates.contains(&"https://oficina.example/bancada/en/tags/organizacao/".to_string()),
        "{alternates:?}"
    );
    assert_eq!(
        attr(&pt, "a[data-lang-switch]", "href"),
        "/bancada/en/tags/organizacao/"
    );
    let only_pt = site.html("marcadores/imagens/index.html");
    assert_eq!(
        attr(&only_pt, "a[data-lang-switch]", "href"),
        "/bancada/en/tags/",
        "no such tag in English: the switch leads to the English tags"
    );
}

#[test]
fn search_is_a_page_in_each_language_with_its_own_index() {
    let site = TestSite::fixture("delivery");
    site.build(&["--now", "2026-01-20T08:00"]);
    let page = site.html("busca/index.html");
    assert_eq!(attr(&page, "form.search-form", "role"), "search");
    assert_eq!(
        attr(&page, "label[for=search-input]", "for"),
        "search-input"
    );
    assert_eq!(attr(&page, "input#search-input", "type"), "search");
    assert_eq!(
        attr(&page, "form.search-form", "action"),
        "/bancada/arco/",
        "without JavaScript the box leads to the arc"
    );
    assert_eq!(attr(&page, ".search-status", "aria-live"), "polite");
    assert_eq!(
        attr(&page, "form.search-form", "data-bundle"),
        "/bancada/pagefind/"
    );
    assert_eq!(
        attr(
            &site.html("en/search/index.html"),
            "form.search-form",
            "data-bundle"
        ),
        "/bancada/en/pagefind/"
    );
    // The header links the search page in every page's language.
    assert!(
        attrs(&site.html("ensaios/figuras/index.html"), ".nav a", "href")
            .contains(&"/bancada/busca/".to_string())
    );
    for (bundle, language) in [("pagefind", "pt-br"), ("en/pagefind", "en")] {
        let entry: serde_json::Value =
            serde_json::from_str(&site.output_text(&format!("{bundle}/pagefind-entry.json")))
                .unwrap();
        let languages: Vec<&String> = entry["languages"].as_object().unwrap().keys().collect();
        assert_eq!(languages, vec![language], "{bundle}");
        assert!(site.exists(&format!("{bundle}/pagefind.js")));
        assert!(
            !site.exists(&format!("{bundle}/pagefind-ui.js")),
            "only what the page uses"
        );
    }
    // Pages: 3 Portuguese texts, 1 English (the copies of the Portuguese texts are not indexed).
    let pt: serde_json::Value =
        serde_json::from_str(&site.output_text("pagefind/pagefind-entry.json")).unwrap();
    assert_eq!(pt["languages"]["pt-br"]["page_count"], 3);
    let en: serde_json::Value =
        serde_json::from_str(&site.output_text("en/pagefind/pagefind-entry.json")).unwrap();
    assert_eq!(en["languages"]["en"]["page_count"], 1);
    let copy = site.html("en/bulletins/bancada-nova/index.html");
    assert_eq!(count(&copy, "[data-pagefind-body]"), 0);
    assert_eq!(
        count(
            &site.html("ensaios/figuras/index.html"),
            "[data-pagefind-body]"
        ),
        1
    );
}

#[test]
fn a_site_may_do_without_search() {
    let site = TestSite::fixture("delivery");
    let config = format!("search = false\n{}", site.read_source("site.toml"));
    site.write("site.toml", &config);
    site.build(&[]);
    assert!(!site.exists("busca/index.html") && !site.exists("pagefind/pagefind.js"));
    let links = attrs(&site.html("index.html"), ".nav a", "href");
    assert!(!links.iter().any(|l| l.contains("busca")), "{links:?}");
}
