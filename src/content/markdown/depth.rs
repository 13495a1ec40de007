//! How deep a body nests: blockquotes, lists, emphasis, links and HTML elements written in the text,
//! one inside another. Past `MAX_DEPTH` the text is refused where it is read, so nothing after (the
//! page, the email's style inliner, the plain-text part, search records, cards) walks a deeper tree:
//! some of them recurse once per level, and 15,000 levels overflowed the stack.

use std::cell::Cell;
use std::rc::Rc;

use lol_html::{element, EndTagHandler, HtmlRewriter, Settings};
use pulldown_cmark::Event;

/// 64 levels: no real text comes near (a quote in a list in a quote is three), and with a page's
/// own elements around it the tree stays far below what HTML parsers keep (Firefox stops nesting
/// at 200) and what the email inliner's recursion can take.
pub(crate) const MAX_DEPTH: usize = 64;

/// HTML elements whose end tag may be left out: the parser closes them itself, so an unclosed one
/// is not a level (the tokenizer never sees their end).
const OPTIONAL_END: [&str; 15] = [
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup",
    "colgroup", "rt", "rp",
];

type Sink = fn(&[u8]);

/// The nesting of one body, followed event by event.
pub(super) struct Depth {
    /// Markdown containers open (`Start` without its `End` yet).
    markdown: usize,
    /// HTML elements the text wrote, open: counted by a tokenizer that reads every HTML event of
    /// the body as one stream, so a `<div>` in one event and its `</div>` in another pair up.
    html: Rc<Cell<usize>>,
    /// The most HTML elements open at once while the current event was read: one event may open
    /// thousands and close them all again.
    peak: Rc<Cell<usize>>,
    tokenizer: Option<HtmlRewriter<'static, Sink>>,
    /// Where the outermost level open now began (a byte offset of the Markdown).
    outermost: Option<usize>,
    /// Where the limit was first passed, and where the nesting that passed it began.
    pub too_deep: Option<(usize, usize)>,
}

impl Depth {
    pub fn new() -> Self {
        Depth {
            markdown: 0,
            html: Rc::new(Cell::new(0)),
            peak: Rc::new(Cell::new(0)),
            tokenizer: None,
            outermost: None,
            too_deep: None,
        }
    }

    /// Takes one event starting at `offset`.
    pub fn event(&mut self, event: &Event, offset: usize) {
        if self.too_deep.is_some() {
            return;
        }
        self.peak.set(self.html.get());
        match event {
            Event::Start(_) => self.markdown += 1,
            Event::End(_) => self.markdown = self.markdown.saturating_sub(1),
            // Read as it is matched; a tokenizer that gave up (its memory limit, on thousands of
            // open elements) leaves what it could not count taken as too deep, never as shallow.
            Event::Html(html) | Event::InlineHtml(html) if !self.read_html(html) => {
                self.too_deep = Some((offset, self.outermost.unwrap_or(offset)));
                self.tokenizer = None;
                return;
            }
            _ => {}
        }
        let depth = self.markdown + self.html.get();
        let deepest = self.markdown + self.peak.get().max(self.html.get());
        if self.outermost.is_none() && deepest > 0 {
            self.outermost = Some(offset);
        }
        if deepest > MAX_DEPTH {
            self.too_deep = Some((offset, self.outermost.unwrap_or(offset)));
            // Nothing more is counted: the rest of the body need not be tokenized.
            self.tokenizer = None;
        } else if depth == 0 {
            self.outermost = None;
        }
    }

    /// Counts the elements `html` opens and closes; `false` when the tokenizer could not read it.
    fn read_html(&mut self, html: &str) -> bool {
        let tokenizer = self.tokenizer.get_or_insert_with(|| {
            let open = Rc::clone(&self.html);
            let peak = Rc::clone(&self.peak);
            // Not strict: markup is taken as a browser would take it, never refused.
            let settings = Settings::new()
                .with_strict(false)
                .append_element_content_handler(element!("*", move |el| {
                    let name = el.tag_name();
                    if OPTIONAL_END.contains(&name.as_str()) {
                        return Ok(());
                    }
                    let Some(ends) = el.end_tag_handlers() else {
                        return Ok(()); // a void element: no level
                    };
                    open.set(open.get() + 1);
                    peak.set(peak.get().max(open.get()));
                    let close = Rc::clone(&open);
                    let end: EndTagHandler<'static> = Box::new(move |_| {
                        close.set(close.get().saturating_sub(1));
                        Ok(())
                    });
                    ends.push(end);
                    Ok(())
                }));
            let sink: Sink = |_| {};
            HtmlRewriter::new(settings, sink)
        });
        // Only a handler's error (none fails) or lol_html's memory limit stops it.
        tokenizer.write(html.as_bytes()).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    /// The deepest nesting of `body`, as (passed the limit at, began at) if it passed it.
    fn too_deep(body: &str) -> Option<(usize, usize)> {
        let mut depth = Depth::new();
        for (event, range) in Parser::new_ext(body, super::super::options()).into_offset_iter() {
            depth.event(&event, range.start);
        }
        depth.too_deep
    }

    #[test]
    fn quotes_lists_and_html_past_the_limit_are_found() {
        assert!(too_deep(&">".repeat(MAX_DEPTH)).is_none());
        assert!(too_deep(&format!("{} x", ">".repeat(MAX_DEPTH + 1))).is_some());
        let list: String = (0..MAX_DEPTH)
            .map(|i| format!("{}- x\n", "  ".repeat(i)))
            .collect();
        assert!(too_deep(&list).is_some());
        assert!(too_deep(&format!("{}x\n", "<div>".repeat(MAX_DEPTH + 1))).is_some());
        assert!(too_deep(&format!("a {}x\n", "<span>".repeat(MAX_DEPTH + 1))).is_some());
        // Thousands of open elements, past what the tokenizer keeps: too deep, not uncounted.
        let n = 7000;
        assert!(too_deep(&format!("{}x{}\n", "<div>".repeat(n), "</div>".repeat(n))).is_some());
    }

    #[test]
    fn closed_void_and_self_closing_html_is_no_deeper() {
        let many = "<span>a</span><br><img src=x.png><p>one<p>two<li>x\n\n".repeat(500);
        assert_eq!(too_deep(&many), None);
        let comment = format!("<!-- {} -->\n", "<div>".repeat(500));
        assert_eq!(too_deep(&comment), None);
    }

    #[test]
    fn the_line_where_the_nesting_began_is_kept() {
        let body = format!("Intro.\n\n{} deep\n", "> ".repeat(MAX_DEPTH + 1));
        let (_, began) = too_deep(&body).unwrap();
        assert_eq!(began, "Intro.\n\n".len());
    }
}
