//! A text's HTML as the XHTML a book holds: parsed as a browser parses it (html5ever), then written
//! out well-formed, with its links and pictures pointed where the book needs them. Whatever raw
//! HTML a text holds, the chapter is XML.

use scraper::node::Node;
use scraper::{ElementRef, Html};

use crate::escape;

/// What becomes of a link or a picture in the book.
pub trait Targets {
    /// The `href` a link written `href` takes in the book: a chapter, or an absolute address.
    fn link(&self, href: &str) -> String;
    /// The picture written `src` as a file of the book, when it is one the book carries.
    fn image(&self, src: &str) -> Option<String>;
}

/// Elements never written: what a reading system would not run or show.
const DROPPED: [&str; 8] = [
    "script", "style", "iframe", "object", "embed", "template", "noscript", "source",
];

/// Elements written self-closed.
const VOID: [&str; 13] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Attributes left out: the browser's loading hints, and picture sets a book carries no files for.
const DROPPED_ATTRIBUTES: [&str; 5] = ["loading", "decoding", "fetchpriority", "srcset", "sizes"];

/// `html` (a fragment: a text's body) as XHTML.
pub fn fragment(html: &str, targets: &dyn Targets) -> String {
    let doc = Html::parse_fragment(html);
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    for child in doc.root_element().children() {
        write_node(child, targets, &mut out);
    }
    out
}

fn write_node(node: ego_tree::NodeRef<'_, Node>, targets: &dyn Targets, out: &mut String) {
    match node.value() {
        Node::Text(text) => out.push_str(&escape::html(text)),
        Node::Element(_) => {
            if let Some(element) = ElementRef::wrap(node) {
                write_element(element, targets, out);
            }
        }
        // Comments, doctypes and processing instructions say nothing to a reader.
        _ => {}
    }
}

fn write_element(element: ElementRef<'_>, targets: &dyn Targets, out: &mut String) {
    let name = element.value().name();
    if DROPPED.contains(&name) || !is_xml_name(name) {
        return;
    }
    if name == "img" {
        let src = element.value().attr("src").unwrap_or_default();
        if let Some(file) = targets.image(src) {
            out.push_str("<img");
            write_attributes(element, targets, out, Some(&file));
            out.push_str("/>");
        } else {
            // A picture the book cannot carry (on another site) is a link to it, named by its alt.
            let alt = element.value().attr("alt").unwrap_or_default();
            let label = if alt.trim().is_empty() { src } else { alt };
            out.push_str("<a href=\"");
            out.push_str(&escape::html(&targets.link(src)));
            out.push_str("\">");
            out.push_str(&escape::html(label));
            out.push_str("</a>");
        }
        return;
    }
    out.push('<');
    out.push_str(name);
    write_attributes(element, targets, out, None);
    if VOID.contains(&name) {
        out.push_str("/>");
        return;
    }
    out.push('>');
    for child in element.children() {
        write_node(child, targets, out);
    }
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

fn write_attributes(
    element: ElementRef<'_>,
    targets: &dyn Targets,
    out: &mut String,
    src: Option<&str>,
) {
    for (name, value) in element.value().attrs() {
        if DROPPED_ATTRIBUTES.contains(&name) || name.starts_with("on") || !is_xml_name(name) {
            continue;
        }
        let value = match name {
            "href" if element.value().name() == "a" => targets.link(value),
            "src" => match src {
                Some(file) => file.to_string(),
                None => continue,
            },
            _ => value.to_string(),
        };
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        out.push_str(&escape::html(&value));
        out.push('"');
    }
}

/// Whether `name` is a name XML takes as an element's or an attribute's (ASCII, as HTML's are).
fn is_xml_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Plain;
    impl Targets for Plain {
        fn link(&self, href: &str) -> String {
            format!("L:{href}")
        }
        fn image(&self, src: &str) -> Option<String> {
            src.ends_with(".png").then(|| format!("images/{src}"))
        }
    }

    #[test]
    fn html_becomes_well_formed_xml() {
        let out = fragment(
            "<p>a &amp; b &nbsp;<br><img src=\"x.png\" alt=\"X\" loading=\"lazy\"><img src=\"https://e.example/y.jpg\" alt=\"Y\"></p><hr><p>open <em>unclosed<script>x()</script>",
            &Plain,
        );
        assert_eq!(
            out,
            "<p>a &amp; b \u{a0}<br/><img alt=\"X\" src=\"images/x.png\"/><a href=\"L:https://e.example/y.jpg\">Y</a></p><hr/><p>open <em>unclosed</em></p>"
        );
        roxmltree_like_check(&out);
    }

    #[test]
    fn links_are_pointed_by_the_book() {
        assert_eq!(
            fragment("<a href=\"../nomes/#x\" onclick=\"y\">n</a>", &Plain),
            "<a href=\"L:../nomes/#x\">n</a>"
        );
    }

    /// Every open tag is closed in order: the output nests as XML must.
    fn roxmltree_like_check(xml: &str) {
        let mut stack = Vec::new();
        let mut rest = xml;
        while let Some(i) = rest.find('<') {
            rest = &rest[i + 1..];
            let end = rest.find('>').unwrap();
            let tag = &rest[..end];
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop(), Some(name.to_string()));
            } else if !tag.ends_with('/') {
                stack.push(tag.split(' ').next().unwrap().to_string());
            }
            rest = &rest[end + 1..];
        }
        assert!(stack.is_empty(), "{stack:?}");
    }
}
