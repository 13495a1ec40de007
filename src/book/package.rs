//! The EPUB container: the `mimetype` entry first and stored, then the package document, the
//! navigation (EPUB 3 `nav` and, for older readers, NCX), the cover, the title page, the chapters,
//! the colophon, the stylesheets and the pictures, from the templates in `templates/book/`. Every
//! entry has the same fixed time and mode, in a fixed order, so one input makes one file.

use std::io::{Cursor, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::chapters::Contents;
use super::{MEDIA_TYPE, TEMPLATES};
use crate::diagnostics::Diagnostic;
use crate::highlight::Highlighter;
use crate::site::Site;
use crate::view::Tools;

/// Where a reading system finds the package document.
const CONTAINER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"#;

/// The book's pages made from a template each, in reading order after the cover.
const FRONT: [&str; 2] = ["title.xhtml", "contents.xhtml"];
const BACK: [&str; 1] = ["colophon.xhtml"];

pub fn write(
    tools: &Tools,
    site: &Site,
    contents: &Contents,
    cover: Option<Vec<u8>>,
) -> Result<Vec<u8>, Diagnostic> {
    let failed = |e: &dyn std::fmt::Display| {
        Diagnostic::error(
            Path::new("templates").join(TEMPLATES).as_path(),
            format!("cannot write the book: {e}"),
        )
    };
    let render = |name: &str, context: &tera::Context| {
        tools
            .templates
            .render(&format!("{TEMPLATES}/{name}"), context)
    };
    let mut context = tera::Context::new();
    context.insert("book", contents);
    context.insert("cover", &cover.is_some());
    context.insert("front", &FRONT);
    context.insert("back", &BACK);
    context.insert("lang", &site.config.languages[contents.lang_index].code);

    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let time = DateTime::default();
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let deflated = stored.compression_method(CompressionMethod::Deflated);
    let mut add = |name: &str, bytes: &[u8], options: SimpleFileOptions| {
        zip.start_file(name, options)
            .and_then(|()| zip.write_all(bytes).map_err(Into::into))
            .map_err(|e| failed(&e))
    };
    add("mimetype", MEDIA_TYPE.as_bytes(), stored)?;
    add("META-INF/container.xml", CONTAINER.as_bytes(), deflated)?;
    add(
        "OEBPS/content.opf",
        render("content.opf", &context)?.as_bytes(),
        deflated,
    )?;
    add(
        "OEBPS/nav.xhtml",
        render("nav.xhtml", &context)?.as_bytes(),
        deflated,
    )?;
    add(
        "OEBPS/toc.ncx",
        render("toc.ncx", &context)?.as_bytes(),
        deflated,
    )?;
    if let Some(png) = &cover {
        add(
            "OEBPS/cover.xhtml",
            render("cover.xhtml", &context)?.as_bytes(),
            deflated,
        )?;
        // A PNG is compressed already.
        add("OEBPS/images/cover.png", png, stored)?;
    }
    for page in FRONT {
        add(
            &format!("OEBPS/{page}"),
            render(page, &context)?.as_bytes(),
            deflated,
        )?;
    }
    for entry in &contents.entries {
        let Some(chapter) = &entry.chapter else {
            continue;
        };
        // A chapter's context is its entry and the book's names, not the whole book.
        let mut context = tera::Context::new();
        context.insert("entry", entry);
        context.insert("lang", &contents.lang);
        context.insert("book_title", &contents.title);
        context.insert("arc_name", &contents.arc_name);
        add(
            &format!("OEBPS/{}", chapter.file),
            render("chapter.xhtml", &context)?.as_bytes(),
            deflated,
        )?;
    }
    for page in BACK {
        add(
            &format!("OEBPS/{page}"),
            render(page, &context)?.as_bytes(),
            deflated,
        )?;
    }
    add(
        "OEBPS/css/book.css",
        render("book.css", &context)?.as_bytes(),
        deflated,
    )?;
    add(
        "OEBPS/css/syntax.css",
        Highlighter::site_stylesheet().as_bytes(),
        deflated,
    )?;
    for image in &contents.images {
        let bytes = std::fs::read(&image.source).map_err(|e| {
            Diagnostic::error(&image.source, format!("cannot read the picture: {e}"))
        })?;
        let options = if image.media_type == "image/svg+xml" {
            deflated
        } else {
            stored
        };
        add(&format!("OEBPS/{}", image.file), &bytes, options)?;
    }
    let cursor = zip.finish().map_err(|e| failed(&e))?;
    Ok(cursor.into_inner())
}
