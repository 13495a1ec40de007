//! Reading and rewriting HTML the tool made, with a real HTML tokenizer (`lol_html`): comments,
//! `<script>` and `<style>` bodies and quoted `>` are what a browser takes them for. Attribute values
//! are handed out decoded and taken back unescaped, so entity handling lives here and in `escape`.

use std::cell::RefCell;
use std::collections::HashSet;

use lol_html::html_content::Element;
use lol_html::{element, rewrite_str, RewriteStrSettings};

use crate::escape;

/// One element being read or rewritten: its attributes, decoded.
pub struct Tag<'a, 'b, 'c> {
    element: &'a mut Element<'b, 'c>,
}

impl Tag<'_, '_, '_> {
    /// The element's name, lowercase.
    pub fn name(&self) -> String {
        self.element.tag_name()
    }

    /// An attribute's value with its character references decoded.
    pub fn get(&self, name: &str) -> Option<String> {
        self.element
            .get_attribute(name)
            .map(|v| escape::decode_entities(&v))
    }

    pub fn has(&self, name: &str) -> bool {
        self.element.has_attribute(name)
    }

    /// Sets an attribute to `value` (plain text: it is escaped here).
    pub fn set(&mut self, name: &str, value: &str) {
        // Names come from this tool's code, never from a text: a bad one is a bug worth seeing.
        self.element
            .set_attribute(name, &escape::html(value))
            .expect("attribute names passed to Tag::set are valid");
    }

    pub fn remove(&mut self, name: &str) {
        self.element.remove_attribute(name);
    }
}

/// Runs `edit` over every element `selector` (a CSS selector) matches, and returns the HTML with
/// its changes. HTML this tool made always tokenizes; should it not, it is returned unchanged.
pub fn rewrite(html: &str, selector: &str, mut edit: impl FnMut(&mut Tag)) -> String {
    // Not strict: markup a browser would parse some way is parsed that way, never refused.
    let settings = RewriteStrSettings::new()
        .with_strict(false)
        .append_element_content_handler(element!(selector, |el| {
            edit(&mut Tag { element: el });
            Ok(())
        }));
    rewrite_str(html, settings).unwrap_or_else(|_| html.to_string())
}

/// Reads every element `selector` matches, in document order.
pub fn scan(html: &str, selector: &str, mut read: impl FnMut(&Tag)) {
    rewrite(html, selector, |tag| read(tag));
}

/// What one rendered page holds: its element ids, and the links it makes (decoded `href`/`src`).
#[derive(Debug, Default, Clone)]
pub struct PageLinks {
    pub ids: HashSet<String>,
    pub links: Vec<String>,
}

/// The ids and links of a page: every `id`, and every `href` and `src` (a `<link>` without one,
/// which names nothing, is passed over).
pub fn links(html: &str) -> PageLinks {
    let out = RefCell::new(PageLinks::default());
    scan(html, "[id], [href], [src]", |tag| {
        let mut out = out.borrow_mut();
        if let Some(id) = tag.get("id") {
            out.ids.insert(id);
        }
        for attr in ["href", "src"] {
            match tag.get(attr) {
                Some(v) if v.is_empty() && tag.name() == "link" => {}
                Some(v) => out.links.push(v),
                None => {}
            }
        }
    });
    out.into_inner()
}

/// Every `href`, `src`, `poster` and `srcset` of `html` made absolute against `page_url`, the
/// address of the page it belongs to: a feed item or an email has no page to resolve `#notes`,
/// `diagrama.png` or `/img/x.png` against.
pub fn absolutize(html: &str, page_url: &str) -> String {
    rewrite(html, "[href], [src], [poster], [srcset]", |tag| {
        for attr in ["href", "src", "poster"] {
            if let Some(url) = tag.get(attr) {
                tag.set(attr, &crate::url::absolute(&url, page_url));
            }
        }
        if let Some(set) = tag.get("srcset") {
            tag.set("srcset", &absolute_srcset(&set, page_url));
        }
    })
}

/// `srcset="a.png 1x, b.png 2x"`: each candidate's URL made absolute.
fn absolute_srcset(value: &str, page_url: &str) -> String {
    value
        .split(',')
        .map(|candidate| {
            let candidate = candidate.trim();
            match candidate.split_once(char::is_whitespace) {
                Some((url, descriptor)) => format!(
                    "{} {}",
                    crate::url::absolute(url, page_url),
                    descriptor.trim()
                ),
                None => crate::url::absolute(candidate, page_url),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://user.github.io/repo/ensaios/nomes/";

    #[test]
    fn ids_and_links_come_from_tags_only() {
        let page = links(
            r#"<!-- <a href="/no/"> --><h2 id="a&amp;b"><a class="x" href="&#x2F;en&#x2F;#top">T</a></h2>
            <script>var s = "<a href='/js/'>";</script><img src=/i.png alt=''><p>1 < 2</p><link rel="x" href="">"#,
        );
        assert_eq!(page.ids, HashSet::from(["a&b".to_string()]));
        assert_eq!(page.links, vec!["/en/#top", "/i.png"]);
    }

    #[test]
    fn every_kind_of_url_becomes_absolute() {
        let html = r##"<h2 id="a"><a href="#a">A</a></h2><img src="diagrama.png" alt="d"><a href="/repo/img/x.png">x</a><a href="../outro/">o</a><a href="https://example.org/?a=1&amp;b=2">e</a><a href="mailto:a@b.c">m</a><a href="{{ unsubscribe_url }}">u</a><a href="*|UNSUB|*">v</a><img srcset="p.png 1x, /repo/q.png 2x" src="//cdn.example/p.png" alt=""><!-- <a href="z"> -->"##;
        let out = absolutize(html, PAGE);
        assert_eq!(
            links(&out).links,
            vec![
                "https://user.github.io/repo/ensaios/nomes/#a",
                "https://user.github.io/repo/ensaios/nomes/diagrama.png",
                "https://user.github.io/repo/img/x.png",
                "https://user.github.io/repo/ensaios/outro/",
                "https://example.org/?a=1&b=2",
                "mailto:a@b.c",
                "{{ unsubscribe_url }}",
                "*|UNSUB|*",
                "https://cdn.example/p.png",
            ]
        );
        assert!(
            out.contains(r#"href="https://example.org/?a=1&amp;b=2""#),
            "{out}"
        );
        assert!(out.contains(r#"srcset="https://user.github.io/repo/ensaios/nomes/p.png 1x, https://user.github.io/repo/q.png 2x""#));
        assert!(
            out.contains(r#"<!-- <a href="z"> -->"#),
            "comments are left alone"
        );
    }

    #[test]
    fn text_outside_tags_is_untouched() {
        let html = "<p>a &lt;b href=\"x\"&gt; c</p><pre><code>src=\"y\"</code></pre>";
        assert_eq!(absolutize(html, PAGE), html);
    }

    #[test]
    fn rewriting_sets_and_removes_attributes() {
        let out = rewrite(
            r#"<p><img src="a.png" alt="a" loading="lazy"><img width="40" src="b.png" alt="b"></p>"#,
            "img",
            |img| {
                img.remove("loading");
                if !img.has("width") {
                    img.set("width", "552");
                }
            },
        );
        assert_eq!(
            out,
            r#"<p><img src="a.png" alt="a" width="552"><img width="40" src="b.png" alt="b"></p>"#
        );
    }
}
