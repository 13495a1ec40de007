//! The `signal` and `frame` blocks: `::: NAME TITLE` … `:::` lines found outside code and swapped for
//! markers before Markdown is parsed, then opened and closed as HTML where a marker stands.

use std::path::Path;

use pulldown_cmark_escape::escape_html;

use crate::diagnostics::Diagnostic;

/// Names of the fenced set pieces, `::: NAME TITLE` … `:::`.
const BLOCKS: [&str; 2] = ["signal", "frame"];
/// Marker left in the Markdown where a block opens or closes; an HTML comment ends any open paragraph or list.
pub(crate) const MARKER: &str = "<!--fieldnotes-block:";

#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub name: String,
    pub title: String,
}

/// Finds `::: NAME TITLE` / `:::` lines outside code fences and swaps them for markers.
/// Returns the rewritten Markdown, per marker the block it opens (`None` for a close), and per line of
/// the rewritten Markdown its line in the file.
#[allow(clippy::type_complexity)]
pub(crate) fn mark_blocks(
    path: &Path,
    body: &str,
    first_line: usize,
) -> Result<(String, Vec<Option<Block>>, Vec<usize>), Vec<Diagnostic>> {
    let mut out = String::with_capacity(body.len() + 64);
    let mut line_of = Vec::new();
    let mut blocks = Vec::new();
    let mut problems = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let mut open: Option<(usize, String)> = None;
    for (i, raw_line) in body.split_inclusive('\n').enumerate() {
        let line_no = first_line + i;
        let line = raw_line.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if indent <= 3 {
            if let Some(f) = code_fence(trimmed) {
                match fence {
                    None => fence = Some(f),
                    Some((c, n))
                        if f.0 == c
                            && f.1 >= n
                            && trimmed.trim_start_matches(c).trim().is_empty() =>
                    {
                        fence = None
                    }
                    Some(_) => {}
                }
            }
        }
        if fence.is_some() || indent > 3 || !trimmed.starts_with(":::") {
            out.push_str(raw_line);
            line_of.push(line_no);
            continue;
        }
        let rest = trimmed[3..].trim();
        let error = |message: String, help: String| {
            Diagnostic::error(path, message)
                .at(line_no, indent + 1)
                .with_source(line)
                .help(help)
        };
        if rest.is_empty() {
            if open.take().is_none() {
                problems.push(error(
                    "`:::` closes no block".into(),
                    "remove this line, or open a block above it with `::: signal TITLE` or `::: frame TITLE`".into(),
                ));
                out.push_str(raw_line);
                line_of.push(line_no);
                continue;
            }
            out.push_str(&format!("\n{MARKER}{}-->\n\n", blocks.len()));
            line_of.extend([line_no; 3]);
            blocks.push(None);
            continue;
        }
        let (name, title) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        if !BLOCKS.contains(&name) {
            problems.push(error(
                format!("unknown block `{name}`"),
                format!(
                    "the blocks are {}: write `::: signal TITLE` or `::: frame TITLE`",
                    BLOCKS.join(" and ")
                ),
            ));
            // Taken as opened, so its closing `:::` is not reported as a second problem.
            open.get_or_insert((line_no, name.to_string()));
            continue;
        }
        if let Some((opened_at, opened)) = &open {
            problems.push(error(
                format!("a `{name}` block opens inside the `{opened}` block of line {opened_at}"),
                format!("blocks do not nest: close the `{opened}` block with a line `:::` first"),
            ));
            continue;
        }
        open = Some((line_no, name.to_string()));
        out.push_str(&format!("\n{MARKER}{}-->\n\n", blocks.len()));
        line_of.extend([line_no; 3]);
        blocks.push(Some(Block {
            name: name.to_string(),
            title: title.trim().to_string(),
        }));
    }
    if let Some((line_no, name)) = open {
        let line = body.lines().nth(line_no - first_line).unwrap_or("");
        problems.push(
            Diagnostic::error(path, format!("the `{name}` block is never closed"))
                .at(line_no, 1)
                .with_source(line)
                .help("add a line `:::` where the block ends"),
        );
    }
    if problems.is_empty() {
        Ok((out, blocks, line_of))
    } else {
        Err(problems)
    }
}

/// A code fence opener/closer: the fence character and its length.
fn code_fence(line: &str) -> Option<(char, usize)> {
    let c = line.chars().next()?;
    if c != '`' && c != '~' {
        return None;
    }
    let n = line.chars().take_while(|x| *x == c).count();
    (n >= 3).then_some((c, n))
}

/// Where a block opens: an aside or a figure on a page, a table in an inbox.
pub(super) fn open_block_html(block: &Block, email: bool) -> String {
    let mut title = String::new();
    let _ = escape_html(&mut title, &block.title);
    let name = &block.name;
    if email {
        // Inboxes lay out tables, not asides and figures; the template's styles go inline.
        return format!(
            "<table role=\"presentation\" class=\"block-{name}\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"><tr><td class=\"block-{name}-cell\">\n<p class=\"block-title\">{title}</p>\n{}",
            if name == "frame" { "<div class=\"frame-columns\">\n" } else { "" }
        );
    }
    match name.as_str() {
        "frame" => format!(
            "<figure class=\"block-frame\">\n<figcaption class=\"block-title\">{title}</figcaption>\n<div class=\"frame-columns\">\n"
        ),
        _ => format!("<aside class=\"block-signal\">\n<p class=\"block-title\">{title}</p>\n"),
    }
}

/// Where a block closes.
pub(super) fn close_block_html(frame: bool, email: bool) -> &'static str {
    match (frame, email) {
        (true, true) => "</div>\n</td></tr></table>\n",
        (false, true) => "</td></tr></table>\n",
        (true, false) => "</div>\n</figure>\n",
        (false, false) => "</aside>\n",
    }
}
