//! Markdown body → plain text, for the email edition's text part: headings underlined, lists kept,
//! paragraphs wrapped, links as numbered references listed at the end, the blocks set off.

use std::path::Path;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::content::markdown::{mark_blocks, options, MARKER};
use crate::diagnostics::Diagnostic;
use crate::wrap::wrap;

/// A body as plain text, and the URLs its references point to (`[1]` is `links[0]`).
pub struct Plain {
    pub text: String,
    pub links: Vec<String>,
}

/// Renders `body` (line `first_line` of `path`) as plain text; `absolute` makes a link's URL whole.
pub fn render(
    path: &Path,
    body: &str,
    first_line: usize,
    absolute: &dyn Fn(&str) -> String,
) -> Result<Plain, Vec<Diagnostic>> {
    let (markdown, blocks, _) = mark_blocks(path, body, first_line)?;
    let mut w = Writer::default();
    for event in Parser::new_ext(&markdown, options()) {
        match event {
            Event::Start(Tag::Paragraph) => w.start_block(),
            Event::End(TagEnd::Paragraph) => w.end_block(),
            Event::Start(Tag::Heading { level, .. }) => {
                w.start_block();
                w.heading = Some(level);
            }
            Event::End(TagEnd::Heading(_)) => w.end_heading(),
            Event::Start(Tag::BlockQuote(_)) => w.prefixes.push("> ".into()),
            Event::End(TagEnd::BlockQuote(_)) => {
                w.flush();
                w.prefixes.pop();
            }
            Event::Start(Tag::List(start)) => {
                w.flush();
                w.lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                w.flush();
                w.lists.pop();
                if w.lists.is_empty() {
                    w.blank();
                }
            }
            Event::Start(Tag::Item) => w.start_item(),
            Event::End(TagEnd::Item) => {
                w.flush();
                w.prefixes.pop();
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                w.start_block();
                w.code = Some(match kind {
                    CodeBlockKind::Fenced(_) | CodeBlockKind::Indented => String::new(),
                });
            }
            Event::End(TagEnd::CodeBlock) => w.end_code(),
            Event::Text(t) => match w.code.as_mut() {
                Some(code) => code.push_str(&t),
                None => w.inline.push_str(&t),
            },
            Event::Code(t) => w.inline.push_str(&t),
            Event::SoftBreak => w.inline.push(' '),
            Event::HardBreak => w.inline.push('\n'),
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                w.targets.push((absolute(&dest_url), w.inline.len()));
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => w.end_link(),
            Event::Start(Tag::TableRow) | Event::Start(Tag::TableHead) => w.cells.clear(),
            Event::End(TagEnd::TableCell) => {
                let cell = std::mem::take(&mut w.inline);
                w.cells.push(cell.trim().to_string());
            }
            Event::End(TagEnd::TableRow) | Event::End(TagEnd::TableHead) => {
                let row = w.cells.join(" | ");
                w.line(&row);
            }
            Event::End(TagEnd::Table) => w.blank(),
            Event::FootnoteReference(name) => w.inline.push_str(&format!("[^{name}]")),
            Event::Start(Tag::FootnoteDefinition(name)) => {
                w.start_block();
                w.inline.push_str(&format!("[^{name}]: "));
            }
            Event::Rule => {
                w.flush();
                w.line("* * *");
                w.blank();
            }
            Event::Html(html) | Event::InlineHtml(html) if html.starts_with(MARKER) => {
                let index: usize = html[MARKER.len()..]
                    .trim_end_matches(|c: char| !c.is_ascii_digit())
                    .parse()
                    .unwrap_or(usize::MAX);
                w.flush();
                match blocks.get(index) {
                    Some(Some(block)) => {
                        // A set piece reads as a boxed-off passage under its title.
                        w.prefixes.push("| ".into());
                        if !block.title.is_empty() {
                            let title = block.title.clone();
                            w.line(&title);
                            w.line("");
                        }
                    }
                    _ => {
                        w.trim_blank();
                        w.prefixes.pop();
                        w.blank();
                    }
                }
            }
            _ => {}
        }
    }
    w.flush();
    w.trim_blank();
    Ok(Plain {
        text: w.out,
        links: w.links,
    })
}

#[derive(Default)]
struct Writer {
    out: String,
    /// Inline text of the block being read.
    inline: String,
    /// Line prefixes: quotes, list indents, set pieces.
    prefixes: Vec<String>,
    /// Open lists: their next number, or `None` for bullets.
    lists: Vec<Option<u64>>,
    heading: Option<HeadingLevel>,
    code: Option<String>,
    /// Open links: their URL and where their text starts in `inline`.
    targets: Vec<(String, usize)>,
    links: Vec<String>,
    cells: Vec<String>,
    /// The first line of a list item gets its marker instead of the indent.
    marker: Option<String>,
}

impl Writer {
    fn prefix(&self) -> String {
        self.prefixes.concat()
    }

    fn line(&mut self, text: &str) {
        let prefix = self.prefix();
        if text.is_empty() {
            self.out.push_str(prefix.trim_end());
        } else {
            self.out.push_str(&prefix);
            self.out.push_str(text);
        }
        self.out.push('\n');
    }

    fn blank(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            let prefix = self.prefix();
            self.out.push_str(prefix.trim_end());
            self.out.push('\n');
        }
    }

    fn trim_blank(&mut self) {
        while self.out.ends_with("\n\n") || self.out.ends_with("| \n") || self.out.ends_with("|\n")
        {
            let trimmed = self.out.trim_end_matches('\n');
            let trimmed = trimmed.strip_suffix('|').unwrap_or(trimmed).trim_end();
            self.out.truncate(trimmed.len());
            self.out.push('\n');
            if !self.out.ends_with("\n\n") {
                break;
            }
        }
    }

    fn start_block(&mut self) {
        self.flush();
    }

    fn end_block(&mut self) {
        self.flush();
        if self.lists.is_empty() {
            self.blank();
        }
    }

    /// Writes the pending inline text, wrapped under the current prefixes.
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.inline);
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let prefix = self.prefix();
        let first = match self.marker.take() {
            Some(marker) => {
                let indent = self.prefixes.last().map_or(0, String::len);
                let outer = &prefix[..prefix.len() - indent];
                format!("{outer}{marker}")
            }
            None => prefix.clone(),
        };
        for (n, line) in text.split('\n').enumerate() {
            let lead = if n == 0 {
                first.as_str()
            } else {
                prefix.as_str()
            };
            wrap(&mut self.out, line, lead, &prefix);
        }
    }

    fn start_item(&mut self) {
        self.flush();
        let marker = match self.lists.last_mut() {
            Some(Some(n)) => {
                let m = format!("{n}. ");
                *n += 1;
                m
            }
            _ => "- ".to_string(),
        };
        self.prefixes.push(" ".repeat(marker.chars().count()));
        self.marker = Some(marker);
    }

    fn end_heading(&mut self) {
        let level = self.heading.take().unwrap_or(HeadingLevel::H2);
        let text = std::mem::take(&mut self.inline).trim().to_string();
        let rule = match level {
            HeadingLevel::H1 | HeadingLevel::H2 => '=',
            _ => '-',
        };
        self.blank();
        self.line(&text);
        let underline: String = std::iter::repeat_n(rule, text.chars().count()).collect();
        self.line(&underline);
        self.blank();
    }

    fn end_code(&mut self) {
        let code = self.code.take().unwrap_or_default();
        for line in code.trim_end_matches('\n').lines() {
            let indented = format!("    {line}");
            self.line(&indented);
        }
        self.blank();
    }

    /// `text [n]`: the link's number, shared by every link to the same URL. A bare URL stays as it is.
    fn end_link(&mut self) {
        let Some((url, start)) = self.targets.pop() else {
            return;
        };
        let text = self.inline[start.min(self.inline.len())..].trim();
        if text == url || url.strip_prefix("mailto:") == Some(text) {
            return;
        }
        let n = match self.links.iter().position(|l| *l == url) {
            Some(i) => i + 1,
            None => {
                self.links.push(url);
                self.links.len()
            }
        };
        self.inline.push_str(&format!(" [{n}]"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(body: &str) -> Plain {
        let absolute = |u: &str| {
            if u.starts_with("http") {
                u.to_string()
            } else {
                format!("https://s.example/p/{u}")
            }
        };
        render(Path::new("t.md"), body, 1, &absolute).unwrap()
    }

    #[test]
    fn headings_lists_links_and_blocks_read_as_text() {
        let p = plain(
            "Um [guia](https://g.example/) e uma [figura](fig.png), e o [guia](https://g.example/) de novo.\n\n## O que saiu\n\n- um item\n- dois, com texto longo o bastante para quebrar a linha depois de setenta e duas colunas\n  1. dentro\n\n::: signal O sinal\nUma frase.\n:::\n\n```\nfn x() {}\n```\n",
        );
        assert_eq!(
            p.text,
            "Um guia [1] e uma figura [2], e o guia [1] de novo.\n\nO que saiu\n==========\n\n- um item\n- dois, com texto longo o bastante para quebrar a linha depois de\n  setenta e duas colunas\n  1. dentro\n\n| O sinal\n|\n| Uma frase.\n\n    fn x() {}\n"
        );
        assert_eq!(
            p.links,
            vec!["https://g.example/", "https://s.example/p/fig.png"]
        );
    }
}
