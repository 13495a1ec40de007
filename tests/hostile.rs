//! Hostile and broken input: each case gets a clear error naming the file (and line where there is
//! one), or correct output; never a panic. Markup in front matter comes out escaped everywhere.

mod common;

use common::{attr, attrs, count, text, texts, TestSite};

fn fm(title: &str, date: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = {date}\nsummary = \"S\"\n+++\n{body}")
}

/// Builds with `path` set to `contents` (bytes); returns the failure's messages.
fn fails_with(path: &str, contents: &[u8]) -> String {
    let site = TestSite::fixture("basic");
    let full = site.root().join(path);
    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
    std::fs::write(full, contents).unwrap();
    let run = site.site(&["build"]);
    assert!(!run.ok, "the build should fail:\n{}", run.stdout);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.stderr
}

fn builds_with(path: &str, contents: &[u8]) -> TestSite {
    let site = TestSite::fixture("basic");
    let full = site.root().join(path);
    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
    std::fs::write(full, contents).unwrap();
    site.build(&[]);
    site
}

#[test]
fn malformed_toml() {
    let err = fails_with(
        "content/essays/w3.md",
        b"+++\ntitle = \"unterminated\ndate = 2025-08-19\nsummary = \"S\"\n+++\n",
    );
    assert!(err.contains("--> content/essays/w3.md:2:"), "{err}");
}

#[test]
fn missing_closing_fence_front_matter_only_and_empty_file() {
    let err = fails_with(
        "content/essays/w3.md",
        b"+++\ntitle = \"T\"\ndate = 2025-08-19\nsummary = \"S\"\n\nBody without a fence.\n",
    );
    assert!(
        err.contains("content/essays/w3.md:1:1")
            && err.contains("the front matter is never closed"),
        "{err}"
    );
    let err = fails_with("content/essays/w3.md", b"");
    assert!(
        err.contains("--> content/essays/w3.md")
            && err.contains("does not start with front matter"),
        "{err}"
    );
    // Front matter and nothing else is a text with an empty body.
    let site = builds_with(
        "content/essays/w3.md",
        fm("Só cabeçalho", "2025-08-19", "").as_bytes(),
    );
    assert_eq!(
        text(&site.html("ensaios/w3/index.html"), "h1"),
        "Só cabeçalho"
    );
}

#[test]
fn invalid_utf8_names_the_line() {
    let mut bytes = fm("T", "2025-08-19", "\nline one\nline \u{e9}").into_bytes();
    bytes.extend_from_slice(b" \xff\xfe broken\n");
    let err = fails_with("content/essays/w3.md", &bytes);
    assert!(
        err.contains("--> content/essays/w3.md:8:1") && err.contains("not valid UTF-8"),
        "{err}"
    );
}

#[test]
fn bom_and_crlf_build_correctly() {
    let text_crlf = "\u{feff}+++\r\ntitle = \"Com BOM\"\r\ndate = 2025-08-19\r\nsummary = \"S\"\r\n+++\r\n\r\nPrimeiro parágrafo.\r\n\r\n::: signal Sinal\r\nDentro.\r\n:::\r\n";
    let site = builds_with("content/essays/w3.md", text_crlf.as_bytes());
    let page = site.html("ensaios/w3/index.html");
    assert_eq!(text(&page, "h1"), "Com BOM");
    assert_eq!(text(&page, ".post-body > p"), "Primeiro parágrafo.");
    assert_eq!(text(&page, ".block-signal p:not(.block-title)"), "Dentro.");
}

#[test]
fn a_ten_megabyte_post_builds() {
    let paragraph =
        "Uma frase comprida o bastante para ocupar espaço, repetida muitas vezes. ".repeat(20);
    let mut body = String::new();
    while body.len() < 10 * 1024 * 1024 {
        body.push_str(&paragraph);
        body.push_str("\n\n");
    }
    let site = builds_with(
        "content/essays/w3.md",
        fm("Grande", "2025-08-19", &body).as_bytes(),
    );
    let html = site.output_text("ensaios/w3/index.html");
    assert!(html.len() > 10 * 1024 * 1024);
    assert!(text(&site.html("ensaios/w3/index.html"), ".post-meta").contains("minutos de leitura"));
}

#[test]
fn nested_blocks_are_refused() {
    let body = "\n::: frame F\n### A\n- a\n::: signal S\nx\n:::\n:::\n";
    let err = fails_with(
        "content/essays/w3.md",
        fm("T", "2025-08-19", body).as_bytes(),
    );
    assert!(err.contains("--> content/essays/w3.md:10:1"), "{err}");
    assert!(
        err.contains("a `signal` block opens inside the `frame` block of line 7"),
        "{err}"
    );
    assert!(err.contains("blocks do not nest"), "{err}");
}

#[test]
fn duplicate_slug_in_one_language() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/essays/primeira.md",
        &fm("Outra", "2025-08-05", "\nx\n"),
    );
    let run = site.site(&["build"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("content/essays/primeira.md and content/essays/primeira.pt-BR.md are the same text in the same language")
        || run.stderr.contains("content/essays/primeira.pt-BR.md and content/essays/primeira.md are the same text in the same language"), "{}", run.stderr);
}

#[test]
fn missing_template() {
    let site = TestSite::fixture("basic");
    site.remove("templates/post.html");
    let run = site.site(&["build"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("--> templates/post.html")
            && run.stderr.contains("the template post.html is missing"),
        "{}",
        run.stderr
    );
}

#[test]
fn unreadable_file_is_named() {
    // A link to a file that is not there cannot be read (root reads through permissions, so a mode
    // change would not do).
    let site = TestSite::fixture("basic");
    std::os::unix::fs::symlink(
        site.root().join("nothing.md"),
        site.root().join("content/essays/gone.md"),
    )
    .unwrap();
    let run = site.site(&["build"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("content/essays/gone.md") && run.stderr.contains("cannot read"),
        "{}",
        run.stderr
    );
}

#[test]
fn symlinks_out_of_the_site_and_loops_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        fm("Segredo", "2025-08-19", "\nx\n"),
    )
    .unwrap();
    std::fs::write(outside.path().join("secret.css"), "body{}").unwrap();
    let site = TestSite::fixture("basic");
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        site.root().join("content/essays/secret.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.css"),
        site.root().join("static/secret.css"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        site.root().join("content"),
        site.root().join("content/bulletins/loop"),
    )
    .unwrap();
    let run = site.site(&["build"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("--> content/essays/secret.md")
            && run.stderr.contains("points outside the site"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> static/secret.css"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> content/bulletins/loop") && run.stderr.contains("loops back"),
        "{}",
        run.stderr
    );
    assert!(!site.out().exists());
    // A link that stays inside the site is fine.
    let site = TestSite::fixture("basic");
    std::fs::write(site.root().join("shared.css"), "p{}").unwrap();
    std::os::unix::fs::symlink(
        site.root().join("shared.css"),
        site.root().join("static/shared.css"),
    )
    .unwrap();
    site.build(&[]);
    assert_eq!(site.output_text("shared.css"), "p{}");
}

const NASTY: &str = r#"<b>&</b> "quoted" 'single' </script> "><img src=x onerror=alert(1)>"#;

#[test]
fn markup_in_front_matter_is_escaped_in_html_attributes_json_ld_and_feeds() {
    let site = TestSite::fixture("basic");
    let toml_string = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let post = format!(
        "+++\ntitle = {t}\ndate = 2025-08-19\nsummary = {t}\ntags = [{t}]\n\n[[sources]]\ntitle = {t}\nurl = \"https://example.org/?a=1&b=2\"\ndate = 2025-08-18\n+++\n\nBody.\n",
        t = toml_string(NASTY)
    );
    site.write("content/essays/w3.pt-BR.md", &post);
    site.build(&[]);
    for page in [
        "ensaios/w3/index.html",
        "en/essays/w3/index.html",
        "index.html",
        "arco/index.html",
    ] {
        let doc = site.html(page);
        assert_eq!(count(&doc, "img"), 0, "{page}: no element is injected");
        assert_eq!(count(&doc, "b"), 0, "{page}: no element is injected");
        assert!(!site.output_text(page).contains("<img src=x"), "{page}");
    }
    let doc = site.html("ensaios/w3/index.html");
    assert_eq!(
        text(&doc, "h1.post-title"),
        NASTY.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    assert_eq!(
        attr(&doc, "meta[property='og:title']", "content"),
        format!("{NASTY} — Caderno")
    );
    assert_eq!(attr(&doc, "meta[name=description]", "content"), NASTY);
    assert_eq!(
        text(&doc, ".tag"),
        NASTY.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    assert_eq!(
        attr(&doc, ".sources a", "href"),
        "https://example.org/?a=1&b=2"
    );
    let ld = scraper::Selector::parse("script[type='application/ld+json']").unwrap();
    let json: String = doc.select(&ld).next().unwrap().text().collect();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["headline"], NASTY);
    assert!(!json.contains("</script>"));
    for feed in ["feed.xml", "ensaios/feed.xml"] {
        let xml = site.output_text(feed);
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{feed}: {e}"));
        let item = doc.descendants().find(|n| n.has_tag_name("item")).unwrap();
        let title = item
            .children()
            .find(|n| n.has_tag_name("title"))
            .unwrap()
            .text()
            .unwrap();
        assert_eq!(title, NASTY);
        let category = item
            .children()
            .find(|n| n.has_tag_name("category"))
            .unwrap()
            .text()
            .unwrap();
        assert_eq!(category, NASTY);
    }
}

/// Every `.html` file of a built site, relative to its output folder.
fn html_pages(site: &TestSite) -> Vec<String> {
    common::files(&site.out())
        .into_iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .filter(|p| p.ends_with(".html"))
        .collect()
}

#[test]
fn html_escapes_markup_characters_and_leaves_slashes_as_written() {
    // The five characters that can end a text or an attribute are escaped; `/` is not (Tera's default
    // wrote every one as `&#x2F;`).
    let nasty_escaped =
        "&lt;b&gt;&amp;&lt;/b&gt; &quot;quoted&quot; &#x27;single&#x27; &lt;/script&gt; \
                         &quot;&gt;&lt;img src=x onerror=alert(1)&gt;";
    let site = TestSite::fixture("basic");
    let toml_string = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let post = format!(
        "+++\ntitle = {t}\ndate = 2025-08-19\nsummary = {t}\ntags = [{t}]\n\n[[sources]]\ntitle = {t}\nurl = \"https://example.org/a/?x=1&y='2'\"\ndate = 2025-08-18\n+++\n\nBody.\n",
        t = toml_string(NASTY)
    );
    site.write("content/essays/w3.pt-BR.md", &post);
    site.build(&[]);
    let raw = site.output_text("ensaios/w3/index.html");
    // In text: the title, the tag, the source's title (the raw HTML, as written).
    for expected in [
        format!(r#"<h1 class="post-title">{nasty_escaped}</h1>"#),
        // The tag links its page: `/marcadores/SLUG/`, the slug made of the tag's letters only.
        format!(r#"/">{nasty_escaped}</a></p>"#),
        format!(r#"2&#x27;">{nasty_escaped}</a>"#),
        format!("<title>{nasty_escaped} — Caderno</title>"),
    ] {
        assert!(raw.contains(&expected), "missing {expected}\nin\n{raw}");
    }
    // In attributes: the description, og:title, and the source's URL.
    assert!(
        raw.contains(&format!(
            r#"<meta name="description" content="{nasty_escaped}">"#
        )),
        "{raw}"
    );
    assert!(
        raw.contains(&format!(r#"content="{nasty_escaped} — Caderno""#)),
        "og:title"
    );
    assert!(
        raw.contains(r#"href="https://example.org/a/?x=1&amp;y=&#x27;2&#x27;""#),
        "the source URL's & and ' are escaped, its slashes are not"
    );
    let doc = site.html("ensaios/w3/index.html");
    assert_eq!(count(&doc, "img"), 0);
    assert_eq!(
        attr(&doc, ".sources a", "href"),
        "https://example.org/a/?x=1&y='2'"
    );
    // Links read as written, in the fixture (with the hostile text) and in the shipped site.
    assert!(
        raw.contains(r#"href="/en/essays/w3/""#),
        "the language switch"
    );
    let shipped = TestSite::shipped();
    shipped.build(&[]);
    for built in [&site, &shipped] {
        let pages = html_pages(built);
        assert!(pages.len() > 10, "{pages:?}");
        for page in pages {
            let html = built.output_text(&page);
            assert!(!html.contains("&#x2F;"), "{page} writes / as &#x2F;");
            assert!(!html.contains("&#47;"), "{page} writes / as &#47;");
        }
    }
    let home = shipped.output_text("index.html");
    assert!(
        home.contains(r#"href="/arco/""#),
        "the arc link reads as written"
    );
    assert!(home.contains(r#"href="/css/site.css""#));
}

/// What no page or feed may hold: C0 controls but tab, line feed and carriage return, DEL, C1, and
/// noncharacters.
fn unwritable(c: char) -> bool {
    let n = c as u32;
    (n < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7f..=0x9f).contains(&n)
        || (0xfdd0..=0xfdef).contains(&n)
        || n & 0xfffe == 0xfffe
}

/// Fails the build with `content/essays/w3.md` as `text`; returns the messages.
fn fails_on_w3(text: &str) -> String {
    let site = TestSite::fixture("basic");
    site.write("content/essays/w3.md", text);
    let run = site.site(&["build"]);
    assert!(!run.ok, "the build should fail:\n{}", run.stdout);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(!site.out().exists(), "nothing is written");
    run.stderr
}

#[test]
fn control_characters_are_errors_at_their_line_naming_the_character() {
    let text = |title: &str, summary: &str, body: &str| {
        format!("+++\ntitle = \"{title}\"\ndate = 2025-08-19\nsummary = \"{summary}\"\ntags = [\"a\"]\n\n[[sources]]\ntitle = \"Fonte\"\nurl = \"https://fonte.example/\"\ndate = 2025-08-18\n+++\n\n{body}\n")
    };
    for (file, location, name) in [
        (
            text("Sino\u{7}", "S", "Corpo."),
            "w3.md:2:14",
            "U+0007 (BELL)",
        ),
        (
            text("T", "Um \u{1b}[31m resumo", "Corpo."),
            "w3.md:4:15",
            "U+001B (ESCAPE)",
        ),
        (
            text("T", "S", "Linha um.\n\nUm\u{0} nulo."),
            "w3.md:15:3",
            "U+0000 (NULL)",
        ),
        (
            text("T", "S", "Um \u{7f} apagar."),
            "w3.md:13:4",
            "U+007F (DELETE)",
        ),
        (
            text("T", "S", "Aspas \u{93}assim\u{94}."),
            "w3.md:13:7",
            "U+0093,",
        ),
        (
            text("T", "S", "x").replace("tags = [\"a\"]", "tags = [\"a\u{1}\"]"),
            "w3.md:5:11",
            "U+0001 (START OF HEADING)",
        ),
        (
            text("T", "S", "x").replace("title = \"Fonte\"", "title = \"Fon\u{85}te\""),
            "w3.md:8:13",
            "U+0085,",
        ),
    ] {
        let err = fails_on_w3(&file);
        assert!(
            err.contains(&format!("--> content/essays/{location}")),
            "{location}: {err}"
        );
        assert!(
            err.contains(&format!("this line holds {name}")),
            "{name}: {err}"
        );
        assert!(err.contains("an invisible control character"), "{err}");
        assert!(err.contains("help: delete it"), "{err}");
    }
    // A Windows-1252 quote read as C1 gets a word on where it came from.
    let err = fails_on_w3(&text("T", "S", "Aspas \u{93}assim\u{94}."));
    assert!(
        err.contains("curly quote from a Windows-1252 file"),
        "{err}"
    );
    // Written as an escape in a TOML string, or as a character reference in the Markdown.
    let err = fails_on_w3(&text("Sino\\u0007", "S", "Corpo."));
    assert!(
        err.contains("--> content/essays/w3.md:2:9")
            && err.contains(
                "`title` holds U+0007 (BELL), an invisible control character, written as an escape"
            )
            && err.contains("remove the escape that writes it (`\\u0007`)"),
        "{err}"
    );
    let err = fails_on_w3(&text("T", "S", "Um sino: &#7; e [um link](/a&#27;b/)."));
    assert!(
        err.contains("--> content/essays/w3.md:13:10")
            && err.contains("a character reference here writes U+0007 (BELL)"),
        "{err}"
    );
    assert!(
        err.contains("--> content/essays/w3.md:13:17") && err.contains("U+001B (ESCAPE)"),
        "the link's URL too: {err}"
    );
}

#[test]
fn a_noncharacter_in_a_title_names_the_text_not_the_card_template() {
    for title in ["Fim\u{fffe}", "Fim\\uFFFF"] {
        let err = fails_on_w3(&fm(title, "2025-08-19", "\nCorpo.\n"));
        assert!(err.contains("--> content/essays/w3.md:2:"), "{err}");
        assert!(
            err.contains("U+FFFE, a noncharacter") || err.contains("U+FFFF, a noncharacter"),
            "{err}"
        );
        assert!(!err.contains("card.svg"), "{err}");
    }
}

#[test]
fn a_control_character_in_a_template_is_an_error_at_its_line() {
    let site = TestSite::fixture("basic");
    let footer = site.read_source("templates/partials/footer.html");
    site.write(
        "templates/partials/footer.html",
        &format!("\n{}\u{7}", footer.trim_end()),
    );
    let run = site.site(&["build"]);
    assert!(!run.ok);
    let last = footer.trim_end().lines().count() + 1;
    assert!(
        run.stderr
            .contains(&format!("--> templates/partials/footer.html:{last}:"))
            && run.stderr.contains("U+0007 (BELL)"),
        "{}",
        run.stderr
    );
}

#[test]
fn characters_no_page_can_hold_reach_no_output_by_any_other_road() {
    // site.toml can write them as escapes, and a translation can hold them: the HTML escaper, the
    // XML writer, the JSON-LD and the cards' escaper leave them out.
    let site = TestSite::fixture("basic");
    let config = site
        .read_source("site.toml")
        .replace("title = \"Caderno\"", "title = \"Cader\\u0007no\\u001B\"")
        .replace("author = \"Ana\"", "author = \"A\\uFFFEna\\u0085\"")
        .replace(
            "tagline = \"Um caderno de testes\"",
            "tagline = \"Um caderno\\u0001 de testes\\uFFFF\"",
        )
        .replace(
            "motto = \"Escrito à mão\"",
            "motto = \"Escrito\\u0007 à \\\"mão\\\" {\\u0085\"",
        );
    site.write("site.toml", &config);
    let ftl = site.read_source("i18n/pt-BR.ftl");
    let ftl = ftl.replacen("\nhome-newest = ", "\nhome-newest = \u{7}", 1);
    assert!(
        ftl.contains("home-newest = \u{7}"),
        "the fixture's translation has home-newest"
    );
    site.write("i18n/pt-BR.ftl", &ftl);
    let run = site.build(&[]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let mut checked = 0;
    for file in common::files(&site.out()) {
        let Ok(text) = std::fs::read_to_string(site.out().join(&file)) else {
            continue; // images and compressed search data
        };
        let bad: Vec<char> = text.chars().filter(|c| unwritable(*c)).collect();
        assert!(bad.is_empty(), "{} holds {bad:?}", file.display());
        checked += 1;
    }
    assert!(checked > 20, "{checked} text files");
    for feed in ["feed.xml", "en/feed.xml", "sitemap.xml"] {
        roxmltree::Document::parse(&site.output_text(feed))
            .unwrap_or_else(|e| panic!("{feed}: {e}"));
    }
    let home = site.html("index.html");
    assert_eq!(text(&home, ".hero-title"), "Um caderno de testes");
    // The site's words reach the page as text, whatever Fluent would read in them.
    assert_eq!(
        text(&home, ".hero-counts"),
        "2 semanas · 3 textos · Escrito à \"mão\" {"
    );
    assert!(
        site.exists("card.png"),
        "the home card is drawn from the tagline"
    );
}

#[test]
fn a_text_dated_far_ahead_adds_one_arc_page_and_a_warning() {
    let site = TestSite::fixture("basic");
    // 3999-01-05 is a Tuesday: a slip of the year, a hundred thousand weeks past the arc.
    site.write(
        "content/essays/longe.pt-BR.md",
        "+++\ntitle = \"Longe\"\ndate = 3999-01-05\nsummary = \"S\"\ndraft = true\n+++\n\nTexto.\n",
    );
    let now = "2025-08-14T12:00";
    let run = site.build(&["--drafts", "--now", now]);
    assert!(
        run.stderr.contains("--> content/essays/longe.pt-BR.md:3:1")
            && run.stderr.contains("3999-01-05 is more than a year after the arc's end, today and every text before it")
            && run.stderr.contains("is the year right?"),
        "{}",
        run.stderr
    );
    // Today's arc and the far text's arc have pages; none of the arcs between them.
    let arcs = attrs(&site.html("arco/index.html"), ".arcs-list a", "href");
    assert_eq!(arcs.len(), 2, "{arcs:?}");
    assert_eq!(arcs[1], "/arco/1/");
    let far = arcs[0].trim_start_matches('/').to_string() + "index.html";
    for page in [
        "arco/index.html",
        "index.html",
        "en/arc/index.html",
        far.as_str(),
    ] {
        let doc = site.html(page);
        assert_eq!(count(&doc, ".arc-table tbody tr"), 4, "{page}");
        let size = site.output_text(page).len();
        assert!(size < 100 * 1024, "{page} is {size} bytes");
    }
    assert!(texts(&site.html(&far), ".arc-published a").contains(&"Longe".to_string()));
    assert_eq!(
        count(&site.html(&far), "tr:first-child .arc-year"),
        1,
        "the far arc names its year"
    );
    // Out of the build (a draft), it is still worth the warning.
    let run = site.build(&[]);
    assert!(run.stderr.contains("longe.pt-BR.md:3:1"), "{}", run.stderr);
    // A writer back from a long break is not warned: texts dated before today never are.
    let back = TestSite::fixture("basic");
    back.write(
        "content/essays/de-volta.pt-BR.md",
        "+++\ntitle = \"De volta\"\ndate = 2028-03-07\nsummary = \"S\"\n+++\n\nTexto.\n",
    );
    let run = back.build(&["--now", "2028-03-08T10:00"]);
    assert!(!run.stderr.contains("year right"), "{}", run.stderr);
    // Nor is one writing a few weeks ahead.
    let ahead = TestSite::fixture("basic");
    ahead.write(
        "content/essays/adiante.pt-BR.md",
        "+++\ntitle = \"Adiante\"\ndate = 2025-09-30\nsummary = \"S\"\n+++\n\nTexto.\n",
    );
    let run = ahead.build(&["--now", "2025-08-20T10:00"]);
    assert!(!run.stderr.contains("year right"), "{}", run.stderr);
}

#[path = "hostile/output.rs"]
mod output;

#[path = "hostile/depth.rs"]
mod depth;

#[path = "hostile/desk.rs"]
mod desk;

#[path = "hostile/config.rs"]
mod config;
