//! The collected edition: a finished arc's book in each language, read back from the zip as a
//! reading system reads it (container, package document, navigation, chapters).

mod common;

use std::io::Read;
use std::path::Path;

use common::{attr, text, TestSite};

/// After the basic fixture's first arc (weeks of 2025-08-05 to 2025-08-29).
const AFTER_THE_ARC: &str = "2025-09-10T12:00";

const PT_BOOK: &str = "arco/1/caderno-arco-1.epub";
const EN_BOOK: &str = "en/arc/1/caderno-arc-1.epub";

/// The basic fixture with what a book must carry: a picture beside its text, a link to another
/// text of the arc, one to a later text, and a text written after the arc (the next one's).
fn fixture() -> TestSite {
    let site = TestSite::fixture("basic");
    let picture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/delivery/content/essays/figuras/diagrama.png");
    std::fs::create_dir_all(site.root().join("content/essays/segunda")).unwrap();
    std::fs::copy(
        &picture,
        site.root().join("content/essays/segunda/diagrama.png"),
    )
    .unwrap();
    site.write(
        "content/essays/segunda.pt-BR.md",
        "+++\ntitle = \"A segunda medida\"\ndate = 2025-08-19\nsummary = \"Uma figura & um elo.\"\nupdated = 2025-08-30\n+++\n\n\
         ![A bancada vista de cima](diagrama.png)\n\n\
         Releia [a primeira régua](/ensaios/primeira/#medidas) e o [boletim](/boletins/boletim-um/).\n\n\
         <p>HTML <b>solto<p>sem fechar</p>\n",
    );
    site.write(
        "content/essays/depois.pt-BR.md",
        "+++\ntitle = \"Depois do arco\"\ndate = 2025-09-02\nsummary = \"O segundo arco.\"\n+++\n\nOutro arco.\n",
    );
    site
}

struct Book {
    names: Vec<String>,
    files: std::collections::HashMap<String, Vec<u8>>,
    /// The first entry's compression, stored or not.
    first_stored: bool,
}

impl Book {
    fn read(path: &Path) -> Book {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut names = Vec::new();
        let mut files = std::collections::HashMap::new();
        let mut first_stored = false;
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).unwrap();
            if i == 0 {
                first_stored = entry.compression() == zip::CompressionMethod::Stored;
            }
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            let name = entry.name().unwrap().to_string();
            names.push(name.clone());
            files.insert(name, data);
        }
        Book {
            names,
            files,
            first_stored,
        }
    }

    fn text(&self, name: &str) -> String {
        String::from_utf8(
            self.files
                .get(name)
                .unwrap_or_else(|| panic!("{name} is not in the book: {:?}", self.names))
                .clone(),
        )
        .unwrap()
    }
}

/// `xml` parsed, its `<!DOCTYPE html>` allowed.
fn parse(xml: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(xml, options)
}

/// Every element of `xml` named `name` (in any namespace), with its text.
fn elements(xml: &str, name: &str) -> Vec<(String, std::collections::HashMap<String, String>)> {
    let doc = parse(xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    doc.descendants()
        .filter(|n| n.tag_name().name() == name)
        .map(|n| {
            let text: String = n
                .descendants()
                .filter(|d| d.is_text())
                .map(|d| d.text().unwrap_or_default())
                .collect();
            let attrs = n
                .attributes()
                .map(|a| (a.name().to_string(), a.value().to_string()))
                .collect();
            (text.trim().to_string(), attrs)
        })
        .collect()
}

#[test]
fn a_finished_arc_is_a_book_in_each_language() {
    let site = fixture();
    let path = "content/essays/segunda.pt-BR.md";
    let source = site.read_source(path);
    site.write(
        path,
        &format!("{source}\nE [o que veio depois](/ensaios/depois/).\n"),
    );
    site.build(&["--now", AFTER_THE_ARC]);
    let book = Book::read(&site.out().join(PT_BOOK));
    // The container: `mimetype` first and stored, then the package where container.xml says.
    assert_eq!(book.names[0], "mimetype");
    assert!(book.first_stored);
    assert_eq!(book.text("mimetype"), "application/epub+zip");
    let container = book.text("META-INF/container.xml");
    assert_eq!(
        elements(&container, "rootfile")[0].1["full-path"],
        "OEBPS/content.opf"
    );

    let opf = book.text("OEBPS/content.opf");
    let one = |name: &str| elements(&opf, name)[0].0.clone();
    assert_eq!(one("language"), "pt-BR");
    assert_eq!(one("title"), "Caderno — Arco 1");
    assert_eq!(one("creator"), "Ana");
    assert!(one("identifier").starts_with("urn:uuid:"), "{opf}");
    // dcterms:modified is the newest text's date, its update's here: not the clock.
    let modified: Vec<String> = elements(&opf, "meta")
        .into_iter()
        .filter(|(_, a)| a.get("property").is_some_and(|p| p == "dcterms:modified"))
        .map(|(t, _)| t)
        .collect();
    assert_eq!(modified, vec!["2025-08-30T00:00:00Z"]);
    // The reading order: cover, title page, contents, the arc's texts written in Portuguese in
    // week order (essay before bulletin), the colophon. No draft, nothing of the next arc.
    let ids: Vec<String> = elements(&opf, "itemref")
        .into_iter()
        .map(|(_, a)| a["idref"].clone())
        .collect();
    assert_eq!(
        ids,
        vec![
            "cover",
            "title",
            "contents",
            "t-primeira",
            "t-boletim-um",
            "t-segunda",
            "colophon"
        ]
    );
    // Every file of the manifest is in the book, and every file of the book in the manifest.
    let manifest: Vec<String> = elements(&opf, "item")
        .into_iter()
        .map(|(_, a)| format!("OEBPS/{}", a["href"]))
        .collect();
    for file in &manifest {
        assert!(book.files.contains_key(file), "{file} is missing");
    }
    for name in &book.names {
        assert!(
            ["mimetype", "META-INF/container.xml", "OEBPS/content.opf"].contains(&name.as_str())
                || manifest.contains(name),
            "{name} is not in the manifest"
        );
    }

    // The navigation, EPUB 3's and the NCX, in the same order.
    let nav = book.text("OEBPS/nav.xhtml");
    let toc: Vec<String> = elements(&nav, "a").into_iter().map(|(t, _)| t).collect();
    assert_eq!(toc[1], "Semana 1 · A primeira régua");
    assert_eq!(toc[3], "Semana 3 · A segunda medida");
    let ncx = book.text("OEBPS/toc.ncx");
    let points: Vec<String> = elements(&ncx, "content")
        .into_iter()
        .map(|(_, a)| a["src"].clone())
        .collect();
    assert_eq!(
        points,
        vec![
            "title.xhtml",
            "text/primeira.xhtml",
            "text/boletim-um.xhtml",
            "text/segunda.xhtml",
            "colophon.xhtml"
        ]
    );
    assert_eq!(elements(&ncx, "meta")[0].1["content"], one("identifier"));

    // The text written only in English stands in its week, a link to its page.
    let contents = book.text("OEBPS/contents.xhtml");
    let links: Vec<(String, String)> = elements(&contents, "a")
        .into_iter()
        .map(|(t, a)| (t, a["href"].clone()))
        .collect();
    assert_eq!(
        links[2],
        (
            "Only in English".to_string(),
            "https://caderno.example/en/essays/only-english/".to_string()
        )
    );
    assert!(contents.contains("Escrito apenas em inglês"), "{contents}");

    // A chapter: its kind and week, summary, body with code, table and footnote; well-formed.
    let first = book.text("OEBPS/text/primeira.xhtml");
    assert_eq!(elements(&first, "p")[0].0, "Ensaio de terça · Semana 1");
    assert!(!elements(&first, "pre").is_empty());
    assert!(
        elements(&first, "span")
            .iter()
            .any(|(_, a)| a.get("class").is_some()),
        "code is highlighted with classes"
    );
    // The bulletin's blocks and sources.
    let bulletin = book.text("OEBPS/text/boletim-um.xhtml");
    assert!(elements(&bulletin, "aside")
        .iter()
        .any(|(_, a)| a["class"] == "block-signal"));
    assert!(elements(&bulletin, "figure")
        .iter()
        .any(|(_, a)| a["class"] == "block-frame"));
    let sources: Vec<String> = elements(&bulletin, "a")
        .into_iter()
        .map(|(_, a)| a["href"].clone())
        .collect();
    assert!(sources.contains(&"https://madeira.example/guia".to_string()));

    // Links inside the arc point inside the book; the rest are absolute. The picture is carried.
    let second = book.text("OEBPS/text/segunda.xhtml");
    let hrefs: Vec<String> = elements(&second, "a")
        .into_iter()
        .map(|(_, a)| a["href"].clone())
        .collect();
    assert!(
        hrefs.contains(&"primeira.xhtml#medidas".to_string()),
        "{hrefs:?}"
    );
    assert!(hrefs.contains(&"boletim-um.xhtml".to_string()), "{hrefs:?}");
    assert!(
        hrefs.contains(&"https://caderno.example/ensaios/depois/".to_string()),
        "{hrefs:?}"
    );
    let img = &elements(&second, "img")[0].1;
    assert_eq!(img["alt"], "A bancada vista de cima");
    let carried = format!("OEBPS/text/{}", img["src"]);
    let carried = carried.replace("text/../", "");
    assert!(book.files.contains_key(&carried), "{carried}");
    assert!(
        img.contains_key("width") && img.contains_key("height"),
        "{img:?}"
    );

    // The cover is drawn at an e-reader's size.
    let cover = &book.files["OEBPS/images/cover.png"];
    assert_eq!(&cover[12..16], b"IHDR");
    let size = |at: usize| u32::from_be_bytes(cover[at..at + 4].try_into().unwrap());
    assert_eq!((size(16), size(20)), (1600, 2560));

    // The English book holds the English texts; its identifier is its own.
    let en = Book::read(&site.out().join(EN_BOOK));
    let en_opf = en.text("OEBPS/content.opf");
    assert_eq!(elements(&en_opf, "language")[0].0, "en");
    assert_ne!(elements(&en_opf, "identifier")[0].0, one("identifier"));
    let en_ids: Vec<String> = elements(&en_opf, "itemref")
        .into_iter()
        .map(|(_, a)| a["idref"].clone())
        .collect();
    assert_eq!(
        en_ids,
        vec![
            "cover",
            "title",
            "contents",
            "t-primeira",
            "t-only-english",
            "colophon"
        ]
    );

    // The arc's page links its book with its size.
    let arc = site.html("arco/1/index.html");
    assert_eq!(
        attr(&arc, ".arc-book-link", "href"),
        "/arco/1/caderno-arco-1.epub"
    );
    let kb = std::fs::metadata(site.out().join(PT_BOOK))
        .unwrap()
        .len()
        .div_ceil(1024);
    assert_eq!(
        text(&arc, ".arc-book-link"),
        format!("Baixar o livro (EPUB, {kb} KB)")
    );
}

#[test]
fn the_current_arc_has_no_book_and_a_rebuild_makes_the_same_bytes() {
    let site = fixture();
    // Inside the arc: no book, no link.
    site.build(&["--now", "2025-08-20T12:00"]);
    assert!(!site.exists(PT_BOOK));
    assert_eq!(
        common::count(&site.html("arco/1/index.html"), ".arc-book"),
        0
    );

    site.build(&["--now", AFTER_THE_ARC]);
    let first = std::fs::read(site.out().join(PT_BOOK)).unwrap();
    // From the cache, and made again without it: the same bytes.
    site.build(&["--now", AFTER_THE_ARC]);
    assert_eq!(std::fs::read(site.out().join(PT_BOOK)).unwrap(), first);
    std::fs::remove_dir_all(site.root().join(".cache")).unwrap();
    site.build(&["--now", AFTER_THE_ARC]);
    assert_eq!(std::fs::read(site.out().join(PT_BOOK)).unwrap(), first);
    // Another "now" after the arc changes nothing in it.
    site.build(&["--now", "2026-03-01T12:00"]);
    assert_eq!(std::fs::read(site.out().join(PT_BOOK)).unwrap(), first);

    // A text changed after its arc: the book changes, and so does its date.
    let path = "content/essays/primeira.pt-BR.md";
    let text = site.read_source(path);
    site.write(
        path,
        &text.replacen("tags =", "updated = 2025-10-01\ntags =", 1),
    );
    site.build(&["--now", AFTER_THE_ARC]);
    let book = Book::read(&site.out().join(PT_BOOK));
    assert!(book
        .text("OEBPS/content.opf")
        .contains("<meta property=\"dcterms:modified\">2025-10-01T00:00:00Z</meta>"));
}

#[test]
fn the_shipped_site_makes_the_first_arcs_books() {
    let site = TestSite::shipped();
    site.build(&["--now", "2026-12-07T12:00"]);
    for book in ["arco/1/durante-arco-1.epub", "en/arc/1/durante-arc-1.epub"] {
        let book = Book::read(&site.out().join(book));
        let opf = book.text("OEBPS/content.opf");
        let chapters = elements(&opf, "itemref").len() - 4;
        assert!(chapters >= 5, "{chapters} chapters");
        // Every chapter parses as XML.
        for name in book.names.iter().filter(|n| n.ends_with(".xhtml")) {
            parse(&book.text(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}
