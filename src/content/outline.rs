//! The structure of a text, for the skeleton of its translation: its headings and its set pieces'
//! opening and closing lines, as written, in order.

use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag};

use super::markdown::{mark_blocks, options, MARKER};
use crate::diagnostics::Diagnostic;

/// The headings (`## Title {#id}`) and block lines (`::: signal Title`, `:::`) of `body`, whose
/// first line is line `first_line` of `path`.
pub fn structure(
    path: &Path,
    body: &str,
    first_line: usize,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    let (markdown, blocks, _) = mark_blocks(path, body, first_line)?;
    let mut lines = Vec::new();
    for (event, range) in Parser::new_ext(&markdown, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                lines.push(markdown[range].trim_end().to_string());
            }
            Event::Html(html) if html.starts_with(MARKER) => {
                let index: Option<usize> = html[MARKER.len()..]
                    .trim_end_matches(|c: char| !c.is_ascii_digit())
                    .parse()
                    .ok();
                match index.and_then(|i| blocks.get(i)) {
                    Some(Some(block)) => lines.push(
                        format!("::: {} {}", block.name, block.title)
                            .trim_end()
                            .to_string(),
                    ),
                    _ => lines.push(":::".to_string()),
                }
            }
            _ => {}
        }
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_headings_and_blocks_in_order() {
        let body = "Intro.\n\n## Um {#um}\n\nTexto.\n\n::: signal O sinal\nFrase.\n:::\n\n```md\n## not a heading\n```\n\n::: frame Dois\n### A\n- a\n### B\n- b\n:::\n";
        let lines = structure(Path::new("t.md"), body, 1).unwrap();
        assert_eq!(
            lines,
            [
                "## Um {#um}",
                "::: signal O sinal",
                ":::",
                "::: frame Dois",
                "### A",
                "### B",
                ":::"
            ]
        );
    }
}
