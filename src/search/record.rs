//! A page read the way Pagefind reads it, into the record its API also takes
//! (`add_custom_record`): Pagefind then indexes the words without parsing the page's HTML again,
//! which was a fifth of its time. The reading follows Pagefind 1.6's own (`fossick/parser.rs`):
//! the text of the element marked `data-pagefind-body`, each block element ended with a full stop
//! where its text has none, headings weighted by level, `data-pagefind-meta` fields, the first
//! `h1` as the title, the first image after it as the image.
//!
//! It reads the HTML the tool makes, and nothing else: a page with any other `data-pagefind-`
//! attribute, inline SVG or MathML, an element left open or closed out of turn, a raw-text element
//! but `script`, `style` and `title`, upper-case tags, a `&` where an attribute is read… is `None`,
//! and Pagefind parses it itself. A record has no anchors (the sub-results under a page, which
//! the search page does not show); words, weights, positions, excerpts and metadata are the same,
//! which `tests` checks against Pagefind's own reading of the same pages.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use regex::Regex;

use scan::{tokens, Attribute};

/// A page as Pagefind's `add_custom_record` takes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub url: String,
    pub language: String,
    /// The words in order, with Pagefind's weight markers; entities decoded.
    pub digest: String,
    pub meta: BTreeMap<String, String>,
}

/// Elements whose end gets a space, and a full stop after a word (Pagefind's sentence elements).
const SENTENCE: &[&str] = &[
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "td", "div", "ul", "li", "article", "section",
];
/// Elements whose text is not indexed (Pagefind's removed selectors); their metadata still counts.
const REMOVED: &[&str] = &[
    "head", "style", "script", "noscript", "label", "form", "svg", "footer", "nav", "iframe",
    "template",
];
/// Elements with no end tag.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "hr", "img", "input", "keygen",
    "link", "meta", "param", "source", "track", "wbr",
];
/// Elements whose content a browser does not read as tags (or reads as another language) and
/// that the tool does not write: a page with one is left to Pagefind.
const DECLINED: &[&str] = &[
    "svg",
    "math",
    "template",
    "textarea",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "frameset",
];

/// Where Pagefind percent-encodes a page's path into its URL.
const URL_ENCODED: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

// Pagefind's own patterns, so that a value is tidied as it tidies it.
static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("[\\w'\"\\)\\$\\*]").expect("a valid pattern"));
static EDGE_SPACE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("^[\n\r\\s]+|[\n\r\\s]+$").expect("a valid pattern"));
static NEWLINES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("(\n|\r\n)+").expect("a valid pattern"));
static SPACES: LazyLock<Regex> = LazyLock::new(|| Regex::new("\\s{2,}").expect("a valid pattern"));

/// The record of the page at output path `path` (`en/essays/x/index.html`) whose HTML is `html`,
/// or `None` when the page has something this reading does not follow exactly.
pub fn read(path: &str, html: &str) -> Option<Record> {
    let mut reader = Reader::default();
    tokens(html, &mut reader)?;
    reader.finish(path)
}

#[derive(Clone, Copy, PartialEq)]
enum Status {
    Indexing,
    /// Not indexed (inside a removed element).
    Ignored,
    Body,
    /// A body was inside: what else it holds is not indexed.
    ParentOfBody,
}

struct Node {
    tag: String,
    text: String,
    status: Status,
    /// The metadata fields its text is.
    meta: Vec<String>,
}

/// Pagefind's reading of the elements, one token at a time.
struct Reader {
    /// The open elements; the first stands for the document.
    open: Vec<Node>,
    meta: BTreeMap<String, String>,
    language: Option<String>,
    html_seen: bool,
    html_closed: bool,
    bodies: usize,
}

impl Default for Reader {
    fn default() -> Self {
        Reader {
            open: vec![Node {
                tag: String::new(),
                text: String::new(),
                status: Status::Indexing,
                meta: Vec::new(),
            }],
            meta: BTreeMap::new(),
            language: None,
            html_seen: false,
            html_closed: false,
            bodies: 0,
        }
    }
}

impl Reader {
    fn inside_html(&self) -> bool {
        self.html_seen && !self.html_closed
    }

    fn text(&mut self, text: &str) -> Option<()> {
        if !self.inside_html() {
            return text.trim().is_empty().then_some(());
        }
        self.open.last_mut()?.text.push_str(text);
        Some(())
    }

    fn start(&mut self, tag: &str, attributes: &[Attribute]) -> Option<()> {
        if DECLINED.contains(&tag) || self.html_closed || (tag != "html") != self.html_seen {
            return None;
        }
        let (mut body, mut meta, mut id, mut lang, mut src, mut alt) =
            (false, None, None, None, None, None);
        for a in attributes {
            let slot = match a.name.as_str() {
                "data-pagefind-body" => {
                    body = true;
                    continue;
                }
                "data-pagefind-meta" => &mut meta,
                "id" => &mut id,
                "lang" => &mut lang,
                "src" => &mut src,
                "alt" => &mut alt,
                other if other.starts_with("data-pagefind-") => return None,
                _ => continue,
            };
            // A value read twice, or one whose entities Pagefind may decode twice.
            if slot.is_some() || a.value.contains('&') {
                return None;
            }
            *slot = Some(a.value);
        }
        let meta = match meta {
            Some(fields) => fields
                .split(',')
                .map(|f| {
                    let f = f.trim();
                    let plain = !f.is_empty() && !f.contains([':', '[', ']']);
                    plain.then(|| f.to_string())
                })
                .collect::<Option<Vec<String>>>()?,
            None => Vec::new(),
        };
        if tag == "html" {
            self.html_seen = true;
            self.language = lang.map(str::to_lowercase);
        }
        if body {
            self.bodies += 1;
            if self.bodies > 1 || REMOVED.contains(&tag) {
                return None;
            }
        }
        let status = if body { Status::Body } else { Status::Indexing };
        if id.is_some() {
            // Pagefind marks an anchor here with a word of its own, which splits the text like a
            // space and is no word of the index; in a title or a metadata field it would be.
            let parent = self.open.last()?.status;
            if parent != Status::ParentOfBody || status == Status::Body {
                let within = |n: &Node| n.tag == "h1" || !n.meta.is_empty();
                if self.open.iter().any(within) {
                    return None;
                }
                self.open.last_mut()?.text.push(' ');
            }
        }
        if tag == "br" {
            self.open.last_mut()?.text.push(' ');
        }
        let node = Node {
            tag: tag.to_string(),
            text: String::new(),
            status: if REMOVED.contains(&tag) {
                Status::Ignored
            } else {
                status
            },
            meta,
        };
        if !VOID.contains(&tag) {
            self.open.push(node);
            return Some(());
        }
        // A void element: its metadata fields would be its (empty) text, so they are none.
        let titled = self.meta.contains_key("auto_title") || self.meta.contains_key("title");
        if tag == "img" && !self.meta.contains_key("auto_image") && titled {
            if let Some(src) = src {
                self.meta.insert("auto_image".into(), normalize(src));
                if let Some(alt) = alt {
                    self.meta.insert("auto_image_alt".into(), normalize(alt));
                }
            }
        }
        Some(())
    }

    fn end(&mut self, tag: &str) -> Option<()> {
        if self.open.len() < 2 || self.open.last()?.tag != tag || VOID.contains(&tag) {
            return None;
        }
        let mut node = self.open.pop()?;
        if tag == "html" {
            self.html_closed = true;
        }
        if !node.text.is_empty() {
            for field in &node.meta {
                self.meta.insert(field.clone(), normalize(&node.text));
            }
        }
        if tag == "h1" && !self.meta.contains_key("auto_title") && !node.text.trim().is_empty() {
            self.meta.insert("auto_title".into(), normalize(&node.text));
        }
        if tag == "title" && !self.meta.contains_key("auto_page_title") {
            self.meta
                .insert("auto_page_title".into(), normalize(&node.text));
        }
        if node.status == Status::Ignored {
            return Some(());
        }
        if SENTENCE.contains(&tag) {
            node.text.insert(0, ' ');
            let last = node.text.chars().last().map(String::from);
            if last.is_some_and(|c| SENTENCE_END.is_match(&c)) {
                node.text.push('.');
            }
            node.text.push(' ');
        }
        if let Some(level) = tag
            .strip_prefix('h')
            .and_then(|n| n.parse::<u8>().ok())
            .filter(|n| (1..=6).contains(n))
        {
            node.text = format!(
                " ___PAGEFIND_AUTO_WEIGHT___{} {} ___END_PAGEFIND_WEIGHT___ ",
                8 - level,
                node.text
            );
        }
        let parent = self.open.last_mut()?;
        let inner_body = matches!(node.status, Status::Body | Status::ParentOfBody);
        if parent.status == Status::ParentOfBody && !inner_body {
            return Some(());
        }
        if inner_body {
            if parent.status != Status::ParentOfBody {
                parent.text.clear();
            }
            parent.status = Status::ParentOfBody;
        }
        parent.text.push_str(&node.text);
        Some(())
    }

    fn finish(mut self, path: &str) -> Option<Record> {
        if !self.html_closed || self.open.len() != 1 || self.bodies != 1 {
            return None;
        }
        let mut meta = self.meta;
        if let Some(image) = meta.remove("auto_image") {
            let alt = meta.remove("auto_image_alt").unwrap_or_default();
            if !meta.contains_key("image") {
                meta.insert("image".into(), image);
                meta.insert("image_alt".into(), alt);
            }
        }
        for automatic in ["auto_title", "auto_page_title"] {
            if let Some(title) = meta.remove(automatic) {
                meta.entry("title".into()).or_insert(title);
            }
        }
        let root = self.open.pop()?;
        // The body's text reached the document (Pagefind's "custom body"); else Pagefind may
        // leave the page out, which a record cannot say.
        if root.status != Status::ParentOfBody {
            return None;
        }
        let page = path
            .strip_suffix("index.html")
            .filter(|p| p.is_empty() || p.ends_with('/'));
        Some(Record {
            url: format!(
                "/{}",
                utf8_percent_encode(page.unwrap_or(path), URL_ENCODED)
            ),
            language: self
                .language
                .take()
                .filter(|l| !l.is_empty())
                .unwrap_or_else(|| "unknown".into()),
            digest: html_escape::decode_html_entities(&root.text).into_owned(),
            meta,
        })
    }
}

/// Pagefind's tidying of a text: entities decoded, the ends trimmed, line breaks and runs of
/// spaces made one space.
fn normalize(text: &str) -> String {
    let text = html_escape::decode_html_entities(text);
    let text = EDGE_SPACE.replace_all(&text, "");
    let text = NEWLINES.replace_all(&text, " ");
    SPACES.replace_all(&text, " ").into_owned()
}

mod scan;

#[cfg(test)]
mod tests;
