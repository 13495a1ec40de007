//! The structure of a text, for the skeleton of its translation: its headings, its set pieces'
//! opening and closing lines, its pictures and its code blocks, as written, in order.

use std::path::Path;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};

use super::markdown::{mark_blocks, options, MARKER};
use crate::diagnostics::Diagnostic;

/// The headings (`## Title {#id}`), block lines (`::: signal Title`, `:::`), pictures
/// (`![alt](file.png)`, their alt text to translate) and code blocks (whole: code reads the same in
/// every language) of `body`, whose first line is line `first_line` of `path`. The prose between
/// them is left out: it is what the translator writes.
pub fn structure(
    path: &Path,
    body: &str,
    first_line: usize,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    let (markdown, blocks, _) = mark_blocks(path, body, first_line)?;
    let mut lines = Vec::new();
    for (event, range) in Parser::new_ext(&markdown, options()).into_offset_iter() {
        match event {
            Event::Start(
                Tag::Heading { .. } | Tag::Image { .. } | Tag::CodeBlock(CodeBlockKind::Fenced(_)),
            ) => {
                lines.push(markdown[range].trim_end().to_string());
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => {
                // Its range starts after the indent that makes it code: from the line's start.
                let start = markdown[..range.start].rfind('\n').map_or(0, |i| i + 1);
                lines.push(markdown[start..range.end].trim_end().to_string());
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
    fn keeps_pictures_and_code_blocks_whole_and_drops_prose() {
        let body = "Antes ![uma baía](baia.png \"t\") depois.\n\n```toml\n[arc]\nweeks = 27\n```\n\n    recuado\n\nFim.\n";
        let lines = structure(Path::new("t.md"), body, 1).unwrap();
        assert_eq!(
            lines,
            [
                "![uma baía](baia.png \"t\")",
                "```toml\n[arc]\nweeks = 27\n```",
                "    recuado"
            ]
        );
    }

    #[test]
    fn keeps_headings_and_blocks_in_order() {
        let body = "Intro.\n\n## Um {#um}\n\nTexto.\n\n::: signal O sinal\nFrase.\n:::\n\n::: frame Dois\n### A\n- a\n### B\n- b\n:::\n";
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
