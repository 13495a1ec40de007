//! The records against Pagefind's own reading of the same pages: the same words, weights and
//! positions (index chunks byte for byte), the same fragments but for their anchors, the same
//! metadata and page counts.

use std::collections::BTreeMap;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use super::read;
use crate::search::format::{self, Meta};

/// What Pagefind makes of some pages.
#[derive(Debug, PartialEq)]
struct Made {
    /// Per language: the metadata, each page named by its URL instead of its fragment's name.
    metas: BTreeMap<String, Meta>,
    /// By URL, without anchors.
    fragments: BTreeMap<String, serde_json::Value>,
    /// By name, unzipped.
    chunks: BTreeMap<String, Vec<u8>>,
    entry: serde_json::Value,
}

/// Pagefind's files for `pages` ((output path, HTML)), each page given as its HTML or, with
/// `records`, as the record read from it where there is one; and how many were records.
fn made(pages: &[(String, String)], records: bool) -> (Made, usize) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let mut read_count = 0;
    let files = runtime.block_on(async {
        let options = PagefindServiceConfig::builder().build();
        let mut index = PagefindIndex::new(Some(options)).unwrap();
        for (path, html) in pages {
            match read(path, html).filter(|_| records) {
                Some(r) => {
                    read_count += 1;
                    let meta = Some(r.meta);
                    index
                        .add_custom_record(r.url, r.digest, r.language, meta, None, None)
                        .await
                }
                None => {
                    index
                        .add_html_file(Some(path.clone()), None, html.clone())
                        .await
                }
            }
            .unwrap();
        }
        index.get_files().await.unwrap()
    });
    let mut made = Made {
        metas: BTreeMap::new(),
        fragments: BTreeMap::new(),
        chunks: BTreeMap::new(),
        entry: serde_json::Value::Null,
    };
    let mut urls = BTreeMap::new();
    let mut metas = Vec::new();
    for f in files {
        let name = f.filename.to_string_lossy().replace('\\', "/");
        if let Some(hash) = name
            .strip_prefix("fragment/")
            .and_then(|n| n.strip_suffix(".pf_fragment"))
        {
            let mut fragment: serde_json::Value =
                serde_json::from_slice(&format::unzip(&f.contents).unwrap()).unwrap();
            fragment.as_object_mut().unwrap().remove("anchors");
            let url = fragment["url"].as_str().unwrap().to_string();
            urls.insert(hash.to_string(), url.clone());
            made.fragments.insert(url, fragment);
        } else if name.starts_with("index/") {
            made.chunks
                .insert(name, format::unzip(&f.contents).unwrap());
        } else if name.ends_with(".pf_meta") {
            metas.push(format::read::<Meta>(&f.contents).unwrap());
        } else if name == "pagefind-entry.json" {
            made.entry = serde_json::from_slice(&f.contents).unwrap();
        }
    }
    // The metadata file's name and each language's hash in the entry follow the fragments'.
    for language in made.entry["languages"]
        .as_object_mut()
        .unwrap()
        .values_mut()
    {
        language.as_object_mut().unwrap().remove("hash");
    }
    for mut meta in metas {
        let mut lang = String::new();
        for page in &mut meta.pages {
            lang = page.hash.split('_').next().unwrap().to_string();
            page.hash = urls[&page.hash].clone();
        }
        made.metas.insert(lang, meta);
    }
    (made, read_count)
}

/// Pagefind's index of `pages` is the same read by it or as records, every page a record.
fn same_as_pagefind(pages: &[(String, String)]) {
    let (html, _) = made(pages, false);
    let (records, read_count) = made(pages, true);
    assert_eq!(read_count, pages.len(), "every page read as a record");
    assert!(!html.fragments.is_empty());
    for (url, fragment) in &html.fragments {
        assert_eq!(Some(fragment), records.fragments.get(url), "{url}");
    }
    assert_eq!(html, records);
}

fn page(lang: &str, head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n{head}\n\
         <link rel=\"stylesheet\" href=\"/css/site.css\">\n<script type=\"module\">\
         if (a < b && c) {{ document.title = '<p>no</p>'; }}</script>\n\
         <style>p > a {{ color: red }}</style>\n</head>\n<body>\n\
         <header><nav id=\"top\"><a href=\"/\">Durante</a> <h1>Not the title</h1></nav></header>\n\
         <main id=\"content\" tabindex=\"-1\">\n{body}\n\
         <nav class=\"pager\"><a href=\"/x/\">Anterior</a></nav>\n</main>\n\
         <footer><p>Rodapé <img src=\"/footer.png\" alt=\"rodapé\"></p></footer>\n</body>\n</html>\n"
    )
}

#[test]
fn pages_of_many_shapes_are_indexed_as_pagefind_reads_them() {
    let article = |kind: &str, title: &str, rest: &str| {
        format!(
            "<article class=\"post\" data-pagefind-body>\n<header>\n\
             <p class=\"post-kind\" lang=\"pt-BR\"><span data-pagefind-meta=\"kind\">{kind}</span></p>\n\
             <h1 class=\"post-title\">{title}</h1>\n<p class=\"post-meta\"><time datetime=\"2026-03-17\" \
             data-pagefind-meta=\"when\">Semana 1 · 17 de março</time></p>\n</header>\n{rest}\n</article>"
        )
    };
    let bodies = [
        article(
            "Ensaio de terça",
            "Dependências &amp; ação",
            "<p>Uma dependência a menos, e a ação — sem pressa&nbsp;nenhuma.</p>\n\
             <h2 id=\"o-caminho\"><a href=\"#o-caminho\">O caminho</a></h2>\n\
             <p>Pala<em>vra</em> partida e pala<span id=\"n1\">vra</span> com âncora.</p>\
             <p>Fim sem ponto</p><p>Fim com ponto.</p><p>Fim (entre parênteses)</p>\n\
             <ul>\n<li>um</li>\n<li>dois <code>naming_things()</code></li>\n</ul>\n\
             <pre class=\"code\"><code><span class=\"hl-source hl-rust\">fn</span> main() {}\n\
             let x = a &lt; b &amp;&amp; c;</code></pre>\n\
             <h3 id=\"tabela\">Tabela</h3><table><thead><tr><th>A</th><th>B</th></tr></thead>\
             <tbody><tr><td>1</td><td>dois</td></tr></tbody></table>\n\
             <blockquote><p>Citação<br>em duas linhas</p></blockquote>\
             <!-- um comentário <p>escondido</p> -->\n\
             <figure><img src=\"/ensaios/a/foto.jpg\" alt=\"Uma foto\" width=\"10\"><figcaption>Legenda</figcaption></figure>\n\
             <p>Rodapé<sup class=\"footnote-reference\" id=\"fr-1\"><a href=\"#fn-1\">1</a></sup> e x &lt; y.</p>\n\
             <div class=\"footnotes\" id=\"fn-1\"><p>A nota.</p></div>\n\
             <h4>Quarto</h4><h5>Quinto</h5><h6>Sexto</h6><section><p>Seção</p></section>\n\
             <p>Acentos: café, naïve, Ærø, \u{1F600} e 1,5&#37; e &#x27;aspas&#x27;</p>\r\n<p>linha\r\ncom CRLF</p>",
        ),
        article(
            "Boletim de sexta",
            "  Um título <em>com</em> ênfase  ",
            "<p>Sem imagem, com <a href=\"https://example.org/?a=1&amp;b=2\">link</a>.</p>",
        ),
        article("Ensaio de terça", "", "<h1>Segundo h1 vira título</h1><p>texto</p>"),
        format!(
            "<div><p>Antes do corpo, não indexado.</p></div>{}<p>Depois, também não.</p>",
            article("Boletim de sexta", "Com texto ao redor", "<p>dentro</p>")
        ),
    ];
    let mut pages = Vec::new();
    for (i, body) in bodies.iter().enumerate() {
        let head = format!("<title>Página {i} &amp; cia · Durante</title>");
        pages.push((
            format!("ensaios/p{i}/index.html"),
            page("pt-BR", &head, body),
        ));
        let english = body.replace("Ensaio de terça", "Tuesday essay");
        pages.push((
            format!("en/essays/p{i}/index.html"),
            page("en", &head, &english),
        ));
    }
    pages.push(("index.html".into(), page("pt-BR", "", &bodies[1])));
    pages.push((
        "ensaios/espaço e ?/index.html".into(),
        page("pt-BR", "", &bodies[1]),
    ));
    same_as_pagefind(&pages);
}

#[test]
fn the_shipped_sites_pages_are_records_indexed_as_pagefind_reads_them() {
    let pages = crate::search::tests::shipped_pages();
    assert!(pages.len() >= 20, "{} pages", pages.len());
    same_as_pagefind(&pages);
}

#[test]
fn pages_it_does_not_follow_are_left_to_pagefind() {
    let body = "<article data-pagefind-body><h1>Título</h1><p>texto</p></article>";
    // The paragraph swapped for each thing the reader does not follow.
    let paragraph = |p: &str| body.replace("<p>texto</p>", p);
    let declined = [
        paragraph("<svg><title>x</title></svg>"),
        paragraph("<p data-pagefind-ignore>texto</p>"),
        paragraph("<p data-pagefind-weight=\"3\">texto</p>"),
        paragraph("<p>texto"),
        paragraph("<p>texto</div>"),
        paragraph("<P>texto</P>"),
        paragraph("<textarea>a</textarea>"),
        paragraph("<div/>"),
        paragraph("<span id=\"a&amp;b\">x</span>"),
        body.replace("<h1>Título</h1>", "<h1>Tí<span id=\"t\">tulo</span></h1>"),
        paragraph("<p data-pagefind-meta=\"image[src]\">x</p>"),
        body.replace("data-pagefind-body", ""),
        format!("{body}{body}"),
        paragraph("<p>a<?php ?></p>"),
        paragraph("<!--> <p>x</p>"),
        body.replace(
            "<article data-pagefind-body>",
            "<article><img data-pagefind-body src=\"/a.png\">",
        ),
    ];
    let mut pages = Vec::new();
    for (i, b) in declined.iter().enumerate() {
        let html = page("pt-BR", "<title>t</title>", b);
        assert_eq!(read("x/index.html", &html), None, "{b}");
        pages.push((format!("x{i}/index.html"), html));
    }
    // They are still indexed, by Pagefind itself.
    assert_eq!(made(&pages, true).1, 0);
    assert_eq!(made(&pages, true).0, made(&pages, false).0);
}

#[test]
fn a_record_carries_the_url_language_title_and_fields() {
    // The first `h1` is the title, wherever it is (here the one in the header's `nav`).
    let html = page(
        "pt-BR",
        "<title>Aba</title>",
        "<article data-pagefind-body><p><span data-pagefind-meta=\"kind\">Ensaio  de\nterça</span></p>\
         <h1>O &amp; título</h1><p>Um texto.</p><img src=\"/a.png\" alt=\"A\"></article>",
    )
    .replace("<h1>Not the title</h1>", "");
    let record = read("ensaios/o-titulo/index.html", &html).unwrap();
    assert_eq!(record.url, "/ensaios/o-titulo/");
    assert_eq!(record.language, "pt-br");
    let meta: Vec<(&str, &str)> = record
        .meta
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        meta,
        [
            ("image", "/a.png"),
            ("image_alt", "A"),
            ("kind", "Ensaio de terça"),
            ("title", "O & título")
        ]
    );
    let words: Vec<&str> = record.digest.split_whitespace().collect();
    assert_eq!(
        words,
        [
            "Ensaio",
            "de",
            "terça.",
            "___PAGEFIND_AUTO_WEIGHT___7",
            "O",
            "&",
            "título.",
            "___END_PAGEFIND_WEIGHT___",
            "Um",
            "texto."
        ]
    );
}
