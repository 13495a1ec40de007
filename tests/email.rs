//! `site email`: the edition of a text as inboxes take it (tables, inline styles, absolute URLs,
//! sized images, a plain-text part), for every shipped text, and its errors.

mod common;

use common::{attr, attrs, count, text, texts, TestSite};

/// Runs `site email ARGS` and returns the HTML and text editions it printed, by path.
fn email(site: &TestSite, args: &[&str]) -> Vec<(String, String)> {
    let mut all = vec!["email"];
    all.extend_from_slice(args);
    let run = site.site(&all);
    assert!(run.ok, "site email failed:\n{}", run.stderr);
    run.stdout
        .lines()
        .map(|path| {
            let body = std::fs::read_to_string(site.root().join(path))
                .unwrap_or_else(|e| panic!("{path}: {e}"));
            (path.to_string(), body)
        })
        .collect()
}

/// What every HTML edition must be, whatever the text: the checks an inbox would make.
fn assert_inbox_safe(path: &str, html: &str) {
    assert!(html.len() <= 102 * 1024, "{path} is {} bytes", html.len());
    let doc = scraper::Html::parse_document(html);
    for forbidden in ["script", "link[rel=stylesheet]", "iframe", "form"] {
        assert_eq!(count(&doc, forbidden), 0, "{path} has {forbidden}");
    }
    // One <style> block is kept, the dark scheme's, every rule of it beating the inline styles.
    assert_eq!(
        attr(&doc, "meta[name=color-scheme]", "content"),
        "light dark",
        "{path}"
    );
    for (selector, declarations) in dark_rules(path, &doc) {
        for (property, value) in declarations {
            assert!(
                value.ends_with("!important"),
                "{path}: {selector} {{ {property}: {value} }}"
            );
        }
    }
    for style in attrs(&doc, "[style]", "style") {
        for dropped in ["position", "var(", "display: flex", "display: grid", "--"] {
            assert!(
                !style.contains(dropped),
                "{path}: `{dropped}` in style=\"{style}\""
            );
        }
    }
    let mut urls = attrs(&doc, "[href]", "href");
    urls.extend(attrs(&doc, "[src]", "src"));
    assert!(!urls.is_empty());
    for url in urls {
        assert!(
            url.starts_with("https://") || url.starts_with("mailto:") || url.starts_with("{{"),
            "{path}: `{url}` is not absolute"
        );
    }
    for img in doc.select(&scraper::Selector::parse("img").unwrap()) {
        let width = img.value().attr("width").unwrap_or_default();
        assert!(
            width.parse::<u32>().is_ok_and(|w| w <= 552),
            "{path}: img width {width:?}"
        );
        assert!(img.value().attr("alt").is_some(), "{path}: img without alt");
    }
    // One column of tables, 600 px at most, styles inline.
    assert_eq!(attr(&doc, "table.column", "width"), "600");
    assert!(attr(&doc, "table.column", "style").contains("max-width: 600px"));
    assert!(attr(&doc, "h1", "style").contains("font-size"));
}

/// A rule of a stylesheet: its selector, and its declarations as (property, value).
type Rule = (String, Vec<(String, String)>);

/// The rules of plain CSS (no nesting), comments dropped.
fn rules(css: &str) -> Vec<Rule> {
    fieldnotes::highlight::without_comments(css)
        .split('}')
        .filter_map(|chunk| chunk.split_once('{'))
        .map(|(selector, body)| (selector.trim().to_string(), declarations(body)))
        .collect()
}

/// `a: b; c: d` as [(a, b), (c, d)].
fn declarations(style: &str) -> Vec<(String, String)> {
    style
        .split(';')
        .filter_map(|d| d.split_once(':'))
        .map(|(p, v)| (p.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// The rules of the edition's one `<style>` block, which holds the dark scheme: `color-scheme` on
/// the root, then `@media (prefers-color-scheme: dark)` and nothing else.
fn dark_rules(path: &str, doc: &scraper::Html) -> Vec<Rule> {
    let kept = texts(doc, "style");
    assert_eq!(kept.len(), 1, "{path}: {kept:?}");
    let (root, media) = kept[0]
        .split_once("@media (prefers-color-scheme: dark) {")
        .unwrap_or_else(|| panic!("{path}: no dark scheme in {}", kept[0]));
    assert_eq!(root.trim(), ":root { color-scheme: light dark; }", "{path}");
    let media = media
        .trim()
        .strip_suffix('}')
        .expect("the media block closes");
    assert!(!media.contains("@media"), "{path}: {media}");
    rules(media)
}

/// The declarations of the dark rules whose selector list names `selector`.
fn dark(rules: &[Rule], selector: &str) -> Vec<(String, String)> {
    rules
        .iter()
        .filter(|(s, _)| s.split(',').any(|one| one.trim() == selector))
        .flat_map(|(_, d)| d.iter().cloned())
        .map(|(p, v)| (p, v.trim_end_matches("!important").trim().to_string()))
        .collect()
}

/// The contrast of two `#rrggbb` colours (WCAG 2).
fn contrast(a: &str, b: &str) -> f64 {
    let rgb = |hex: &str| {
        let hex = hex.trim_start_matches('#');
        assert_eq!(hex.len(), 6, "not a #rrggbb colour: {hex}");
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap();
        fieldnotes::highlight::luminance(byte(0), byte(2), byte(4))
    };
    fieldnotes::highlight::contrast_ratio(rgb(a), rgb(b))
}

/// A text with inline code, a Python block with a line far wider than the column, and a diff (whose
/// added and removed lines the page's theme paints).
const CODE: &str = "+++\ntitle = \"Código\"\ndate = 2026-01-20\nsummary = \"Blocos de código.\"\n+++\n\nRode `cargo fmt` antes.\n\n```python\ndef f(x: int) -> str:\n    \"\"\"Doc.\"\"\"\n    return str(x)  # uma_linha_muito_longa_sem_espacos_que_nao_cabe_na_coluna_de_seiscentos_pixels_de_jeito_nenhum\n```\n\n```diff\n--- a\n+++ b\n-antes\n+depois\n```\n";

#[test]
fn code_blocks_are_one_block_with_readable_colours_light_and_dark() {
    let site = TestSite::fixture("delivery");
    site.write("content/essays/codigo.pt-BR.md", CODE);
    let editions = email(&site, &["codigo", "--now", "2026-01-21T00:00"]);
    let (path, html) = &editions[0];
    assert_inbox_safe(path, html);
    let doc = scraper::Html::parse_document(html);
    assert_eq!(count(&doc, "pre"), 2);
    let style =
        |el: scraper::ElementRef| declarations(el.value().attr("style").unwrap_or_default());
    let get = |decls: &[(String, String)], property: &str| {
        decls
            .iter()
            .find(|(p, _)| p == property)
            .map(|(_, v)| v.clone())
    };
    for pre in doc.select(&scraper::Selector::parse("pre").unwrap()) {
        // One background for the block, its lines wrapped inside it.
        let block = style(pre);
        let bg = get(&block, "background-color").expect("the block has a background");
        assert_eq!(get(&block, "white-space").as_deref(), Some("pre-wrap"));
        assert!(get(&block, "word-break").is_some(), "{block:?}");
        // Nothing inside it paints one of its own: each line would be a stripe.
        let mut tokens = 0;
        for inner in pre
            .descendants()
            .skip(1)
            .filter_map(scraper::ElementRef::wrap)
        {
            let decls = style(inner);
            assert!(
                !decls.iter().any(|(p, _)| p.starts_with("background")),
                "{path}: <{}> inside a pre: {decls:?}",
                inner.value().name()
            );
            if let Some(color) = get(&decls, "color") {
                tokens += 1;
                let ratio = contrast(&color, &bg);
                assert!(ratio >= 4.5, "{path}: {color} on {bg}: {ratio:.2}:1");
            }
        }
        assert!(tokens >= 3, "the tokens keep their colours");
    }
    // Inline code keeps its tint.
    let inline = style(
        doc.select(&scraper::Selector::parse("p code").unwrap())
            .next()
            .unwrap(),
    );
    assert_eq!(get(&inline, "background-color").as_deref(), Some("#f3eee5"));
    assert!(attr(&doc, "html", "style").contains("color-scheme: light dark"));

    // The dark scheme: the page, text, links, code, the signal block and borders.
    let rules = dark_rules(path, &doc);
    let value = |selector: &str, property: &str| {
        get(&dark(&rules, selector), property)
            .unwrap_or_else(|| panic!("{path}: no dark `{property}` for {selector}"))
    };
    let page = value("body", "background-color");
    let column = value(".column", "background-color");
    let ink = value(".content", "color");
    assert!(contrast(&ink, &column) >= 4.5 && contrast(&page, "#000000") < 2.0);
    assert!(contrast(&value("a", "color"), &column) >= 4.5);
    for selector in [".column", "pre", "blockquote", ".footer"] {
        value(selector, "border-color");
    }
    let signal = value("table.block-signal", "background-color");
    assert!(contrast(&ink, &signal) >= 4.5);
    value("table.block-signal", "border-left-color");
    let inline_bg = value("code", "background-color");
    assert!(contrast(&value("code", "color"), &inline_bg) >= 4.5);
    assert_eq!(value("pre code", "background-color"), "transparent");
    // Every token colour of the dark theme is readable on the dark block.
    let block = value("pre.code", "background-color");
    let colours: Vec<(String, String)> = rules
        .iter()
        .filter(|(s, _)| s.contains(".hl-"))
        .filter_map(|(s, d)| {
            Some((
                s.clone(),
                get(&dark(&[(s.clone(), d.clone())], s), "color")?,
            ))
        })
        .collect();
    assert!(colours.len() > 20, "{colours:?}");
    for (selector, colour) in colours {
        let ratio = contrast(&colour, &block);
        assert!(
            ratio >= 4.5,
            "{selector}: {colour} on {block}: {ratio:.2}:1"
        );
    }
}

#[test]
fn an_edition_per_language_with_everything_a_reader_needs() {
    let site = TestSite::fixture("delivery");
    let files = email(&site, &["figuras"]);
    let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "email/figuras.pt-BR.html",
            "email/figuras.pt-BR.txt",
            "email/figuras.en.html",
            "email/figuras.en.txt"
        ]
    );
    let (path, html) = &files[0];
    assert_inbox_safe(path, html);
    let doc = scraper::Html::parse_document(html);
    assert_eq!(attr(&doc, "html", "lang"), "pt-BR");
    // The fixture's first arc has ended: a week is named with its arc.
    assert_eq!(text(&doc, ".kind"), "Ensaio de terça · Arco 1 · Semana 1");
    assert_eq!(text(&doc, "h1"), "Figuras ao lado do texto");
    assert_eq!(
        text(&doc, ".summary"),
        "Onde guardar as imagens de um ensaio, e por que perto dele."
    );
    let page = "https://oficina.example/bancada/ensaios/figuras/";
    assert_eq!(
        attrs(&doc, ".web a", "href"),
        vec![page, "https://oficina.example/bancada/en/essays/figuras/"]
    );
    assert_eq!(texts(&doc, ".web a"), vec!["Ler na web", "Ler em inglês"]);
    // The body: images beside the text, absolute and sized; no heading self-links.
    assert_eq!(
        attrs(&doc, ".content img", "src")[0],
        format!("{page}diagrama.png")
    );
    assert_eq!(count(&doc, "a.heading-link"), 0);
    // Code keeps its colours, inlined.
    let colored = attrs(&doc, "pre code span", "style");
    assert!(
        colored.iter().filter(|s| s.contains("color")).count() >= 3,
        "{colored:?}"
    );
    assert_eq!(text(&doc, ".signoff"), "— Rita");
    assert_eq!(
        attrs(&doc, ".sources a", "href"),
        vec!["https://imagens.example/guia?a=1&b=2"]
    );
    let footer = attrs(&doc, ".footer a", "href");
    assert_eq!(
        footer.last().map(String::as_str),
        Some("{{ unsubscribe_url }}")
    );

    let (_, txt) = &files[1];
    assert!(
        txt.contains("Figuras ao lado do texto\n========================\n"),
        "{txt}"
    );
    assert!(txt.contains(&format!("Ler na web: {page}")), "{txt}");
    assert!(
        txt.contains("A pasta\n=======\n"),
        "headings underlined:\n{txt}"
    );
    assert!(txt.contains("[1] "), "links numbered:\n{txt}");
    assert!(
        txt.contains(&format!("] {page}diagrama.png")),
        "references absolute:\n{txt}"
    );
    assert!(
        txt.contains("- Guia de imagens (5 jan): https://imagens.example/guia?a=1&b=2"),
        "{txt}"
    );
    assert!(
        txt.contains("Cancelar a assinatura: {{ unsubscribe_url }}"),
        "{txt}"
    );

    let (path, html) = &files[2];
    assert_inbox_safe(path, html);
    let doc = scraper::Html::parse_document(html);
    assert_eq!(text(&doc, ".kind"), "Tuesday essay · Arc 1 · Week 1");
    assert_eq!(
        texts(&doc, ".web a"),
        vec!["Read it on the web", "Read in Portuguese"]
    );
}

#[test]
fn blocks_become_tables_and_the_frame_stacks_on_a_phone() {
    let site = TestSite::fixture("delivery");
    let files = email(&site, &["bancada-nova"]);
    assert_eq!(files.len(), 2, "written in Portuguese only");
    let (path, html) = &files[0];
    assert_inbox_safe(path, html);
    let doc = scraper::Html::parse_document(html);
    assert_eq!(count(&doc, ".web a"), 1, "no translation to link");
    assert_eq!(
        text(&doc, "table.block-signal .block-title"),
        "O sinal da semana em uma frase"
    );
    assert!(attr(&doc, "table.block-signal", "style").contains("background-color"));
    // Side by side where there is room, one under the other on a phone: inline blocks, no media query.
    let columns = attrs(&doc, "table.block-frame .frame-column", "style");
    assert_eq!(columns.len(), 2);
    for style in columns {
        assert!(
            style.contains("display: inline-block") && style.contains("max-width"),
            "{style}"
        );
    }
    let txt = &files[1].1;
    assert!(txt.contains("| O sinal da semana em uma frase\n"), "{txt}");
    assert!(
        txt.contains("- A bancada, montada em uma tarde.\n"),
        "{txt}"
    );
}

#[test]
fn drafts_and_scheduled_texts_have_editions_before_they_go_live() {
    let site = TestSite::fixture("delivery");
    let files = email(
        &site,
        &["amanha", "--now", "2026-01-10T09:00", "--output", "saida"],
    );
    assert_eq!(files[0].0, "saida/amanha.pt-BR.html");
    assert_inbox_safe(&files[0].0, &files[0].1);
    site.write(
        "content/bulletins/rascunho.pt-BR.md",
        "+++\ntitle = \"Ainda em obras\"\ndate = 2026-01-16\nsummary = \"Rascunho.\"\ndraft = true\n+++\n\nQuase.\n",
    );
    let files = email(&site, &["rascunho"]);
    assert!(files[1].1.contains("Ainda em obras"));
}

#[test]
fn unknown_slugs_and_languages_say_what_there_is() {
    let site = TestSite::fixture("delivery");
    let run = site.site(&["email", "figura"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("no text has the slug `figura`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("closest slugs are `figuras`"),
        "{}",
        run.stderr
    );
    // The start of a long slug, or a word of it, finds it before any slug a few letters away.
    site.write(
        "content/essays/o-que-a-mare-ensina-sobre-prazos.pt-BR.md",
        "+++\ntitle = \"O que a maré ensina sobre prazos\"\ndate = 2026-01-20\nsummary = \"S\"\n+++\n\nTexto.\n",
    );
    site.write(
        "content/essays/o-que-amar.pt-BR.md",
        "+++\ntitle = \"O que amar\"\ndate = 2026-01-27\nsummary = \"S\"\n+++\n\nTexto.\n",
    );
    for typed in ["o-que-a-mare", "ensina-sobre"] {
        let run = site.site(&["email", typed]);
        assert!(!run.ok);
        assert!(
            run.stderr
                .contains("closest slugs are `o-que-a-mare-ensina-sobre-prazos`, "),
            "{typed}: {}",
            run.stderr
        );
    }
    let run = site.site(&["email", "bancada-nova", "--lang", "en"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("not written in `en`"), "{}", run.stderr);
    assert!(run.stderr.contains("written in `pt-BR`"), "{}", run.stderr);
    let run = site.site(&["email", "figuras", "--lang", "fr"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("use one of `pt-BR`, `en`"),
        "{}",
        run.stderr
    );
    let run = site.site(&["email", "figuras", "--output", "content"]);
    assert!(!run.ok, "never writes into the site's sources");
    assert!(!site.root().join("email").exists());
}

#[test]
fn without_an_email_table_the_defaults_are_named() {
    let site = TestSite::fixture("delivery");
    let config = site
        .read_source("site.toml")
        .replace("[email]\nunsubscribe_url = \"{{ unsubscribe_url }}\"\n", "");
    site.write("site.toml", &config);
    let run = site.site(&["email", "figuras", "--lang", "en"]);
    assert!(run.ok, "{}", run.stderr);
    assert!(run.stderr.contains("no [email] table"), "{}", run.stderr);
    let html = site.read_source("email/figuras.en.html");
    let doc = scraper::Html::parse_document(&html);
    assert_eq!(
        attrs(&doc, ".footer a", "href").last().map(String::as_str),
        Some("https://oficina.example/bancada/en/subscribe/")
    );
}

#[test]
fn an_edition_gmail_would_clip_is_a_warning_naming_the_text() {
    let site = TestSite::fixture("delivery");
    let paragraph =
        "Uma frase longa que se repete para encher a edição até passar do limite. ".repeat(40);
    let body: String = (0..60)
        .map(|i| format!("## Parte {i}\n\n{paragraph}\n\n"))
        .collect();
    site.write(
        "content/bulletins/enorme.pt-BR.md",
        &format!(
            "+++\ntitle = \"Enorme\"\ndate = 2026-01-16\nsummary = \"Grande.\"\n+++\n\n{body}"
        ),
    );
    let run = site.site(&["email", "enorme"]);
    assert!(run.ok, "a warning, not an error: {}", run.stderr);
    assert!(
        run.stderr.contains("content/bulletins/enorme.pt-BR.md")
            && run
                .stderr
                .contains("Gmail clips messages larger than 102 KB"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_shipped_text_has_a_clean_edition() {
    let site = TestSite::shipped();
    let mut slugs: Vec<String> = common::files(&site.root().join("content"))
        .iter()
        .filter_map(|p| p.file_name()?.to_str()?.split('.').next().map(String::from))
        .collect();
    slugs.sort();
    slugs.dedup();
    assert!(slugs.len() >= 14);
    let mut largest = 0;
    for slug in &slugs {
        let run = site.site(&["email", slug]);
        assert!(run.ok, "{slug}: {}", run.stderr);
        assert!(!run.stderr.contains("warning"), "{slug}: {}", run.stderr);
        for path in run.stdout.lines() {
            let body = std::fs::read_to_string(site.root().join(path)).unwrap();
            if path.ends_with(".html") {
                assert_inbox_safe(path, &body);
                largest = largest.max(body.len());
            } else {
                assert!(body.lines().count() > 10, "{path} is empty");
            }
        }
    }
    eprintln!("largest edition: {largest} bytes");
}

#[test]
fn a_slug_two_texts_share_is_named_with_its_kind() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/bulletins/primeira.pt-BR.md",
        "+++\ntitle = \"Primeira, o boletim\"\ndate = 2025-08-22\nsummary = \"Outro texto.\"\n+++\n\nCorpo.\n",
    );
    let run = site.site(&["email", "primeira"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains(
            "`primeira` names 2 texts: the essay content/essays/primeira.pt-BR.md and the bulletin content/bulletins/primeira.pt-BR.md"
        ),
        "{}",
        run.stderr
    );
    // Every way the error offers works, as printed.
    let offered: Vec<&str> = run
        .stderr
        .split('`')
        .filter(|part| part.starts_with("site email "))
        .collect();
    assert_eq!(
        offered,
        [
            "site email essays/primeira",
            "site email bulletins/primeira"
        ]
    );
    let mut made = Vec::new();
    for command in offered {
        let words: Vec<&str> = command.split_whitespace().skip(2).collect();
        made.extend(email(&site, &words).into_iter().map(|(path, _)| path));
    }
    assert_eq!(
        made,
        [
            "email/primeira.essay.pt-BR.html",
            "email/primeira.essay.pt-BR.txt",
            "email/primeira.essay.en.html",
            "email/primeira.essay.en.txt",
            "email/primeira.bulletin.pt-BR.html",
            "email/primeira.bulletin.pt-BR.txt",
        ],
        "one edition never replaces the other's"
    );
    let titles: Vec<String> = made
        .iter()
        .filter(|p| p.ends_with(".pt-BR.html"))
        .map(|p| text(&scraper::Html::parse_document(&site.read_source(p)), "h1"))
        .collect();
    assert_eq!(titles, ["A primeira régua", "Primeira, o boletim"]);
    // The file's path, and a page's address, name one text too.
    for name in [
        "content/bulletins/primeira.pt-BR.md",
        "./content/bulletins/../bulletins/primeira.pt-BR.md",
        "/boletins/primeira/",
        "bulletin/primeira",
    ] {
        let paths = email(&site, &[name, "--lang", "pt-BR"]);
        assert_eq!(paths[0].0, "email/primeira.bulletin.pt-BR.html", "{name}");
    }
    let paths = email(&site, &["/en/essays/primeira/", "--lang", "en"]);
    assert_eq!(paths[0].0, "email/primeira.essay.en.html");
    let run = site.site(&["email", "poemas/primeira"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("by `essays/SLUG` or `bulletins/SLUG`"),
        "{}",
        run.stderr
    );
    // `site check` notes the shared slug; the site builds as it is.
    let run = site.site(&["check"]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("note: the slug `primeira` names two texts"),
        "{}",
        run.stderr
    );
}

#[test]
fn no_image_in_an_edition_or_a_feed_item_loads_lazily() {
    let site = TestSite::fixture("delivery");
    let words = "palavra ".repeat(150);
    site.write(
        "content/essays/longa.pt-BR.md",
        &format!("+++\ntitle = \"Longa\"\ndate = 2026-01-20\nsummary = \"S\"\n+++\n\n{words}\n\n![Uma figura lá embaixo](figura.png)\n\n<img src=\"figura.png\" alt=\"Escrita à mão\" loading=\"lazy\">\n"),
    );
    std::fs::create_dir_all(site.root().join("content/essays/longa")).unwrap();
    std::fs::copy(
        site.root().join("content/essays/figuras/diagrama.png"),
        site.root().join("content/essays/longa/figura.png"),
    )
    .unwrap();
    site.build(&["--now", "2026-01-21T00:00"]);
    let page = site.html("ensaios/longa/index.html");
    assert_eq!(
        attrs(&page, ".post-body img", "loading"),
        vec!["lazy", "lazy"],
        "on the page, below the first screen"
    );
    // Nor in a feed item: RSS-to-email services make emails of them.
    let feed = site.feed("feed.xml");
    let item = feed.items.iter().find(|i| i.title == "Longa").unwrap();
    let content = scraper::Html::parse_fragment(&item.content);
    assert_eq!(count(&content, "img"), 2);
    assert_eq!(
        count(&content, "img[loading=lazy]"),
        1,
        "only the one the writer typed"
    );
    let editions = email(&site, &["longa", "--now", "2026-01-21T00:00"]);
    let (path, html) = editions.iter().find(|(p, _)| p.ends_with(".html")).unwrap();
    assert_inbox_safe(path, html);
    let doc = scraper::Html::parse_document(html);
    assert_eq!(count(&doc, "img"), 2);
    assert_eq!(count(&doc, "img[loading]"), 0, "{html}");
    assert_eq!(
        attrs(&doc, "img", "alt"),
        vec!["Uma figura lá embaixo", "Escrita à mão"]
    );
}

/// A PNG of `width` × `height` pixels, all one colour.
fn png_of(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    let mut writer = encoder.write_header().unwrap();
    writer
        .write_image_data(&vec![120; (width * height * 3) as usize])
        .unwrap();
    writer.finish().unwrap();
    out
}

#[test]
fn a_wide_image_is_scaled_to_the_column_and_the_summary_is_the_preheader() {
    let site = TestSite::fixture("delivery");
    site.write(
        "content/essays/larga.pt-BR.md",
        "+++\ntitle = \"Larga\"\ndate = 2026-01-20\nsummary = \"Uma foto mais larga que a coluna.\"\n+++\n\nTexto.\n\n![A baía](baia.png)\n\n![Um selo](selo.png)\n",
    );
    std::fs::create_dir_all(site.root().join("content/essays/larga")).unwrap();
    std::fs::write(
        site.root().join("content/essays/larga/baia.png"),
        png_of(800, 600),
    )
    .unwrap();
    std::fs::write(
        site.root().join("content/essays/larga/selo.png"),
        png_of(40, 30),
    )
    .unwrap();
    let editions = email(&site, &["larga", "--now", "2026-01-21T00:00"]);
    let (path, html) = editions.iter().find(|(p, _)| p.ends_with(".html")).unwrap();
    assert_inbox_safe(path, html);
    let doc = scraper::Html::parse_document(html);
    // 800×600 inside a 552-px content width: 552×414, the same ratio; a small one as it is.
    assert_eq!(attrs(&doc, "img", "width"), vec!["552", "40"]);
    assert_eq!(attrs(&doc, "img", "height"), vec!["414", "30"]);
    // The preheader: the body's first element, the summary, hidden from the message itself by its
    // size (Outlook for Windows by mso-hide).
    let first = doc
        .select(&scraper::Selector::parse("body > *").unwrap())
        .next()
        .unwrap();
    assert_eq!(first.value().attr("class"), Some("preheader"));
    assert_eq!(
        first.text().collect::<String>().trim(),
        "Uma foto mais larga que a coluna."
    );
    let style = first
        .value()
        .attr("style")
        .unwrap_or_default()
        .replace(' ', "");
    for rule in [
        "mso-hide:all",
        "max-height:0",
        "overflow:hidden",
        "font-size:1px",
    ] {
        assert!(style.contains(rule), "{rule}: {style}");
    }
    // Not by properties an inbox ignores (caniemail: Gmail's mobile webmail).
    for rule in ["display:none", "opacity:"] {
        assert!(!style.contains(rule), "{rule}: {style}");
    }
}

/// The template tags Django (Buttondown's templates) would read in `text`: every `{{ … }}`,
/// `{% … %}` and `{# … #}` outside `{% verbatim %}` … `{% endverbatim %}`.
fn live_tags(text: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut rest = text;
    while let Some(start) = ["{{", "{%", "{#"].iter().filter_map(|o| rest.find(o)).min() {
        let close = match &rest[start..start + 2] {
            "{{" => "}}",
            "{%" => "%}",
            _ => "#}",
        };
        let Some(end) = rest[start..].find(close).map(|e| start + e + 2) else {
            break;
        };
        let tag = &rest[start..end];
        if tag.split_whitespace().collect::<Vec<_>>() == ["{%", "verbatim", "%}"] {
            let Some(after) = rest[end..].find("{% endverbatim %}") else {
                tags.push("(an unclosed verbatim)".into());
                break;
            };
            rest = &rest[end + after + "{% endverbatim %}".len()..];
            continue;
        }
        tags.push(tag.to_string());
        rest = &rest[end..];
    }
    tags
}

/// A text about templates: merge tags in its title, prose, code and a source.
const TEMPLATED: &str = "+++\ntitle = \"Olá, {{ subscriber.name }}\"\ndate = 2026-01-20\nsummary = \"Como escrever {% if premium %} sem susto.\"\n\n[[sources]]\ntitle = \"Guia {# comentário #}\"\nurl = \"https://guia.example/{{id}}/\"\ndate = 2026-01-19\n+++\n\nUm exemplo em prosa: {{ subscriber.email }}.\n\n```django\n{% if subscriber.premium %}\n  Olá, {{ subscriber.name }}!\n{% endif %}\n```\n";

#[test]
fn merge_tags_in_a_text_reach_the_reader_as_written_and_the_unsubscribe_link_stays_live() {
    let site = TestSite::fixture("delivery");
    site.write("content/essays/modelos.pt-BR.md", TEMPLATED);
    let editions = email(&site, &["modelos", "--now", "2026-01-21T00:00"]);
    assert_eq!(editions.len(), 2);
    for (path, body) in &editions {
        // Buttondown fills in the unsubscribe link and nothing else.
        assert_eq!(
            live_tags(body),
            vec!["{{ unsubscribe_url }}"],
            "{path}:\n{body}"
        );
    }
    let (path, html) = editions.iter().find(|(p, _)| p.ends_with(".html")).unwrap();
    assert_inbox_safe(path, html);
    // What the reader sees once the service has dropped the verbatim tags.
    let sent = html
        .replace("{% verbatim %}", "")
        .replace("{% endverbatim %}", "");
    let doc = scraper::Html::parse_document(&sent);
    assert_eq!(text(&doc, "h1"), "Olá, {{ subscriber.name }}");
    assert_eq!(
        text(&doc, ".summary"),
        "Como escrever {% if premium %} sem susto."
    );
    assert!(
        text(&doc, "pre").contains("Olá, {{ subscriber.name }}!"),
        "{sent}"
    );
    assert!(texts(&doc, ".content p")
        .iter()
        .any(|p| p.contains("{{ subscriber.email }}")));
    assert_eq!(text(&doc, ".sources a"), "Guia {# comentário #}");
    // A URL keeps its address with its braces percent-encoded.
    assert_eq!(
        attrs(&doc, ".sources a", "href"),
        vec!["https://guia.example/%7B%7Bid}}/"]
    );
    let (_, plain) = editions.iter().find(|(p, _)| p.ends_with(".txt")).unwrap();
    assert!(
        plain.contains("{% verbatim %}Olá, {{ subscriber.name }}{% endverbatim %}\n"),
        "{plain}"
    );
    // The site's pages are not emails: they show the text as it is, with no verbatim tags.
    site.build(&["--now", "2026-01-21T00:00"]);
    let page = site.output_text("ensaios/modelos/index.html");
    assert!(!page.contains("verbatim"));
}

#[test]
fn merge_tags_without_a_way_to_keep_them_are_warned_at_their_line() {
    let site = TestSite::fixture("delivery");
    site.write("content/essays/modelos.pt-BR.md", TEMPLATED);
    let config = site.read_source("site.toml").replace(
        "unsubscribe_url = \"{{ unsubscribe_url }}\"\n",
        "unsubscribe_url = \"{{ unsubscribe_url }}\"\nverbatim = []\n",
    );
    site.write("site.toml", &config);
    let run = site.site(&["email", "modelos", "--now", "2026-01-21T00:00"]);
    assert!(run.ok, "warnings, not errors: {}", run.stderr);
    for (line, column) in [
        (2, 15),
        (4, 26),
        (7, 15),
        (8, 29),
        (12, 22),
        (15, 1),
        (16, 8),
        (17, 1),
    ] {
        assert!(
            run.stderr.contains(&format!(
                "--> content/essays/modelos.pt-BR.md:{line}:{column}"
            )),
            "line {line}: {}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .contains("opens a merge tag for the sending service"),
        "{}",
        run.stderr
    );
    // A text that holds the closing verbatim tag would end the protection early: it is named.
    let site = TestSite::fixture("delivery");
    site.write(
        "content/essays/modelos.pt-BR.md",
        "+++\ntitle = \"Verbatim\"\ndate = 2026-01-20\nsummary = \"S\"\n+++\n\nEm Django, `{% endverbatim %}` fecha a região.\n",
    );
    let run = site.site(&["email", "modelos", "--now", "2026-01-21T00:00"]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("--> content/essays/modelos.pt-BR.md:7:13")
            && run.stderr.contains("{% verbatim text %}"),
        "{}",
        run.stderr
    );
    // A pair that is not a pair is an error in site.toml.
    let config = site.read_source("site.toml").replace(
        "unsubscribe_url = \"{{ unsubscribe_url }}\"\n",
        "unsubscribe_url = \"{{ unsubscribe_url }}\"\nverbatim = [\"{% verbatim %}\"]\n",
    );
    site.write("site.toml", &config);
    let run = site.site(&["email", "modelos"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("--> site.toml:23:1")
            && run.stderr.contains("`verbatim` is a pair of tags"),
        "{}",
        run.stderr
    );
}
