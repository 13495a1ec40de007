//! Hostile and broken input: each case gets a clear error naming the file (and line where there is
//! one), or correct output; never a panic. Markup in front matter comes out escaped everywhere.

mod common;

use common::{attr, count, text, TestSite};

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
