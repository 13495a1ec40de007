//! The HTML of the elements the site writes itself rather than leaving to pulldown-cmark: images
//! with their size, highlighted code, and headings with ids and self-links.

use std::collections::HashSet;

use pulldown_cmark::{Event, HeadingLevel, Tag};
use pulldown_cmark_escape::{escape_href, escape_html};

use crate::highlight::Highlighter;

/// `<img>` with its size, so the page keeps its place while it loads.
pub(super) fn image_html(
    url: &str,
    alt: &str,
    title: &str,
    size: Option<(u32, u32)>,
    lazy: bool,
) -> String {
    let mut tag = String::from("<img src=\"");
    let _ = escape_href(&mut tag, url);
    tag.push_str("\" alt=\"");
    let _ = escape_html(&mut tag, alt);
    tag.push('"');
    if !title.is_empty() {
        tag.push_str(" title=\"");
        let _ = escape_html(&mut tag, title);
        tag.push('"');
    }
    if let Some((width, height)) = size {
        tag.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
    }
    if lazy {
        tag.push_str(" loading=\"lazy\"");
    }
    tag.push('>');
    tag
}

/// A code block, highlighted.
pub(super) fn code_html(highlighter: &Highlighter, lang: &str, text: &str) -> String {
    let mut lang_attr = String::new();
    let _ = escape_html(&mut lang_attr, lang);
    let body = highlighter.highlight(text, lang);
    if lang.is_empty() {
        format!("<pre class=\"code\"><code>{body}</code></pre>\n")
    } else {
        format!("<pre class=\"code\" data-lang=\"{lang_attr}\"><code class=\"language-{lang_attr}\">{body}</code></pre>\n")
    }
}

/// `<hN id>`, whose text links to itself on a page unless it already holds a link; returns the id too.
pub(super) fn heading_html(
    level: HeadingLevel,
    id: Option<String>,
    inner: &[Event],
    ids: &mut HashSet<String>,
    self_link: bool,
) -> (String, String) {
    let text: String = inner
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let base = id.unwrap_or_else(|| crate::slug::anchor(&text));
    let base = if base.is_empty() {
        "section".to_string()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 1;
    while !ids.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    let mut inner_html = String::new();
    pulldown_cmark::html::push_html(&mut inner_html, inner.iter().cloned());
    let mut id_attr = String::new();
    let _ = escape_html(&mut id_attr, &id);
    let has_link = inner
        .iter()
        .any(|e| matches!(e, Event::Start(Tag::Link { .. })));
    let html = if has_link || !self_link {
        format!("<{level} id=\"{id_attr}\">{inner_html}</{level}>\n")
    } else {
        let mut href = String::new();
        let _ = escape_href(&mut href, &id);
        format!("<{level} id=\"{id_attr}\"><a class=\"heading-link\" href=\"#{href}\">{inner_html}</a></{level}>\n")
    };
    (id, html)
}
