//! Markdown body → HTML: heading ids with self-links, highlighted code, and the `signal` and `frame` blocks.
//!
//! `blocks` finds the blocks before parsing, `walk` goes through the parser's events once, and
//! `elements` and `links` write what the site writes itself.

mod blocks;
mod depth;
mod elements;
mod links;
#[cfg(test)]
mod tests;
mod walk;

use std::collections::HashSet;
use std::path::Path;

use pulldown_cmark::{Options, Parser};

pub(crate) use self::blocks::{mark_blocks, MARKER};
use crate::content::assets::Asset;
use crate::diagnostics::Diagnostic;
use crate::highlight::Highlighter;

/// What a body is rendered for. The same Markdown reads differently on a page, in a feed reader and in an inbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// No HTML: words, heading ids and links only (a build's first pass; bodies are rendered when written).
    Outline,
    /// A page of the site: headings link to themselves.
    Page,
    /// A feed item: no self-links (they are page chrome).
    Feed,
    /// An email edition: no self-links, and the blocks as tables that inboxes lay out.
    Email,
    /// A chapter of an arc's book: no self-links, pictures loaded as the reader turns to them.
    Book,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// `None` for `Target::Outline`.
    pub html: Option<String>,
    pub words: usize,
    /// Images without alt text, for warnings.
    pub images_without_alt: usize,
    /// Ids of the headings, in order.
    pub ids: Vec<String>,
    /// Every link and image into the site the Markdown writes, with its line in the file.
    pub links: Vec<Link>,
}

/// A link or image destination as written, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub line: usize,
    pub column: usize,
    pub image: bool,
}

/// What rendering a body needs besides its text.
#[derive(Clone, Copy)]
pub struct Env<'a> {
    pub highlighter: &'a Highlighter,
    /// The site's path below its host ("" or "/repo"): a link written `/x` means the site's `/x`.
    pub base_path: &'a str,
    /// The site's address: links to it are kept in the outline, to be checked; links elsewhere are not.
    pub base_url: &'a str,
    /// The files of the text's folder.
    pub assets: &'a [Asset],
    /// Ids the templates use on every page (`templates::ids`): a heading gets another.
    pub reserved_ids: &'a HashSet<String>,
}

/// The Markdown the site writes in: CommonMark with tables, footnotes, strikethrough, smart
/// punctuation and heading attributes.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `body`, whose first line is line `first_line` of `path`, for `target`.
pub fn render(
    path: &Path,
    body: &str,
    first_line: usize,
    env: &Env,
    target: Target,
) -> Result<Rendered, Vec<Diagnostic>> {
    let (markdown, blocks, line_of) = mark_blocks(path, body, first_line)?;
    let mut walk = walk::Walk::new(
        path, body, first_line, env, target, &markdown, &blocks, &line_of,
    );
    for (event, range) in Parser::new_ext(&markdown, options()).into_offset_iter() {
        walk.event(event, range);
    }
    walk.finish()
}
