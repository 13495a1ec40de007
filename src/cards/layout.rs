//! Fitting a card's title into its box: shaped advance widths, balanced wrapping, shrinking, and
//! an ellipsis when even the smallest size is not enough.

use harfrust::{FontRef, ShapeOptions, ShaperData, UnicodeBuffer};
use serde::Deserialize;
use skrifa::raw::TableProvider;
use skrifa::MetadataProvider;

/// The title's box on the card, read from `templates/card.toml` so that a designer changes it
/// beside the template that draws it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleBox {
    /// The font family and weight the template sets on the title (one of `static/fonts/`).
    pub family: String,
    pub weight: u16,
    /// Widest line, in pixels.
    pub width: f32,
    pub max_lines: usize,
    /// Font sizes in pixels: the title starts at `max_size` and shrinks, a pixel at a time, down
    /// to `min_size`.
    pub max_size: f32,
    pub min_size: f32,
    /// Distance between baselines, as a multiple of the font size.
    pub line_height: f32,
}

impl TitleBox {
    /// What is wrong with the numbers, if anything.
    pub(crate) fn problem(&self) -> Option<String> {
        let positive = [self.width, self.min_size, self.line_height]
            .iter()
            .all(|v| v.is_finite() && *v > 0.0);
        if !positive || !self.max_size.is_finite() {
            Some(
                "`width`, `min_size`, `max_size` and `line_height` must be positive numbers".into(),
            )
        } else if self.min_size > self.max_size {
            Some("`min_size` must not be larger than `max_size`".into())
        } else if self.max_lines == 0 {
            Some("`max_lines` must be at least 1".into())
        } else {
            None
        }
    }
}

/// The title as the template draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    pub lines: Vec<String>,
    /// Font size in pixels.
    pub size: f32,
    /// Whether words had to be cut and an ellipsis added.
    pub truncated: bool,
}

const ELLIPSIS: &str = "…";

/// One font face, shaped with the same shaper usvg uses, so that measured widths are the drawn ones.
pub(crate) struct Measure {
    data: Vec<u8>,
    index: u32,
    units_per_em: f32,
    shaper_data: ShaperData,
}

impl Measure {
    pub(crate) fn new(data: Vec<u8>, index: u32) -> Result<Measure, String> {
        let font = FontRef::from_index(&data, index).map_err(|e| e.to_string())?;
        let units_per_em = f32::from(
            font.head()
                .map_err(|e| e.to_string())?
                .units_per_em()
                .max(1),
        );
        let shaper_data = ShaperData::new(&font);
        Ok(Measure {
            data,
            index,
            units_per_em,
            shaper_data,
        })
    }

    fn font(&self) -> FontRef<'_> {
        // The same bytes and index parsed in `new`, so parsing cannot fail here.
        FontRef::from_index(&self.data, self.index)
            .expect("font parsed when the card renderer was built")
    }

    /// The advance width of `text` in ems.
    pub(crate) fn width(&self, text: &str) -> f32 {
        let font = self.font();
        let shaper = self.shaper_data.shaper(&font).build();
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let glyphs = shaper.shape(buffer, ShapeOptions::new());
        let units: i64 = glyphs
            .glyph_positions()
            .iter()
            .map(|p| i64::from(p.x_advance))
            .sum();
        units as f32 / self.units_per_em
    }

    /// The characters of `text` this face has no glyph for (each once, in order of appearance).
    pub(crate) fn missing(&self, text: &str) -> Vec<char> {
        let charmap = self.font().charmap();
        let mut missing = Vec::new();
        for c in text.chars() {
            if !c.is_whitespace() && charmap.map(c).is_none() && !missing.contains(&c) {
                missing.push(c);
            }
        }
        missing
    }
}

/// A piece of the title that is never split across lines, except a word too long for any line.
#[derive(Debug, Clone)]
struct Token {
    text: String,
    /// Width in ems.
    width: f32,
    /// Whether a space separates it from the token before (false for the pieces of a cut word).
    space_before: bool,
}

/// Wraps and sizes `title` to fit `b`.
pub(crate) fn fit(title: &str, b: &TitleBox, measure: &Measure) -> Fitted {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        return Fitted {
            lines: Vec::new(),
            size: b.max_size,
            truncated: false,
        };
    }
    let space = measure.width(" ");
    let tokens: Vec<Token> = title
        .split(' ')
        .map(|w| Token {
            text: w.to_string(),
            width: measure.width(w),
            space_before: true,
        })
        .collect();

    let mut size = b.max_size;
    loop {
        let max = b.width / size;
        if tokens.iter().all(|t| t.width <= max) {
            let lines = wrap(&tokens, space, max);
            if lines.len() <= b.max_lines {
                let lines = balance(&tokens, space, max, lines.len());
                return Fitted {
                    lines: join(&tokens, &lines),
                    size,
                    truncated: false,
                };
            }
        }
        if size <= b.min_size {
            break;
        }
        size = (size - 1.0).max(b.min_size);
    }

    // Too long at the smallest size: cut words that are wider than a line, keep the lines that
    // fit and end the last one with an ellipsis.
    let max = b.width / size;
    let tokens: Vec<Token> = tokens
        .into_iter()
        .flat_map(|t| cut(t, max, measure))
        .collect();
    let lines = wrap(&tokens, space, max);
    if lines.len() <= b.max_lines {
        return Fitted {
            lines: join(&tokens, &lines),
            size,
            truncated: false,
        };
    }
    let mut shown = join(&tokens, &lines[..b.max_lines]);
    let last = shown.pop().unwrap_or_default();
    shown.push(with_ellipsis(&last, max, measure));
    Fitted {
        lines: shown,
        size,
        truncated: true,
    }
}

/// Greedy line breaking: the token ranges of each line, none wider than `max` (unless one token is).
fn wrap(tokens: &[Token], space: f32, max: f32) -> Vec<std::ops::Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut width = 0.0;
    for (i, t) in tokens.iter().enumerate() {
        let gap = if t.space_before { space } else { 0.0 };
        if i > start && width + gap + t.width > max {
            lines.push(start..i);
            start = i;
            width = t.width;
        } else if i == start {
            width = t.width;
        } else {
            width += gap + t.width;
        }
    }
    if start < tokens.len() {
        lines.push(start..tokens.len());
    }
    lines
}

/// The narrowest wrapping that still takes `count` lines, so that a two-line title is not one
/// full line and a lonely word (like CSS `text-wrap: balance` on the site's headings).
fn balance(tokens: &[Token], space: f32, max: f32, count: usize) -> Vec<std::ops::Range<usize>> {
    if count <= 1 {
        return wrap(tokens, space, max);
    }
    let (mut low, mut high) = (0.0_f32, max);
    for _ in 0..24 {
        let mid = (low + high) / 2.0;
        if wrap(tokens, space, mid).len() <= count {
            high = mid;
        } else {
            low = mid;
        }
    }
    wrap(tokens, space, high)
}

fn join(tokens: &[Token], lines: &[std::ops::Range<usize>]) -> Vec<String> {
    lines
        .iter()
        .map(|range| {
            let mut line = String::new();
            for (i, t) in tokens[range.clone()].iter().enumerate() {
                if i > 0 && t.space_before {
                    line.push(' ');
                }
                line.push_str(&t.text);
            }
            line
        })
        .collect()
}

/// Splits a word wider than `max` ems into pieces that fit, at character boundaries.
fn cut(token: Token, max: f32, measure: &Measure) -> Vec<Token> {
    if token.width <= max {
        return vec![token];
    }
    let mut pieces = Vec::new();
    let mut rest = token.text.as_str();
    let mut space_before = token.space_before;
    while !rest.is_empty() {
        let mut end = rest.len();
        while measure.width(&rest[..end]) > max {
            match rest[..end].char_indices().next_back() {
                Some((i, _)) if i > 0 => end = i,
                _ => break, // a single character wider than the line: it goes on a line of its own
            }
        }
        pieces.push(Token {
            text: rest[..end].to_string(),
            width: measure.width(&rest[..end]),
            space_before,
        });
        space_before = false;
        rest = &rest[end..];
    }
    pieces
}

/// `line` shortened until it fits in `max` ems with an ellipsis at its end; whole words go first,
/// then characters, and punctuation left dangling before the ellipsis is dropped.
fn with_ellipsis(line: &str, max: f32, measure: &Measure) -> String {
    let mut text = line.to_string();
    loop {
        let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || ",;:–—-".contains(c));
        let candidate = format!("{trimmed}{ELLIPSIS}");
        if trimmed.is_empty() || measure.width(&candidate) <= max {
            return candidate;
        }
        text = match trimmed.rfind(' ') {
            Some(i) => trimmed[..i].to_string(),
            None => {
                let mut chars = trimmed.chars();
                chars.next_back();
                chars.as_str().to_string()
            }
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The site's own title font, as the renderer loads it.
    fn measure() -> Measure {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        match super::super::CardRenderer::new(root) {
            Ok(renderer) => renderer.measure,
            Err(problems) => panic!("{problems:?}"),
        }
    }

    fn tokens(words: &[(&str, f32)]) -> Vec<Token> {
        words
            .iter()
            .map(|(text, width)| Token {
                text: text.to_string(),
                width: *width,
                space_before: true,
            })
            .collect()
    }

    #[test]
    fn greedy_wrap_keeps_lines_within_the_width() {
        let t = tokens(&[("a", 3.0), ("b", 3.0), ("c", 3.0), ("d", 3.0)]);
        assert_eq!(join(&t, &wrap(&t, 1.0, 7.0)), ["a b", "c d"]);
        assert_eq!(join(&t, &wrap(&t, 1.0, 100.0)), ["a b c d"]);
    }

    #[test]
    fn balance_evens_out_the_lines() {
        let t = tokens(&[("a", 3.0), ("b", 3.0), ("c", 3.0), ("d", 3.0), ("e", 3.0)]);
        // Greedy at 15 ems puts four words on the first line and one on the second.
        assert_eq!(wrap(&t, 1.0, 15.0).len(), 2);
        assert_eq!(join(&t, &balance(&t, 1.0, 15.0, 2)), ["a b c", "d e"]);
    }

    #[test]
    fn measured_words_add_up_to_the_shaped_line() {
        let m = measure();
        let line = "Semana 7: o ajudante aprendeu a citar as notas";
        let summed: f32 = line.split(' ').map(|w| m.width(w)).sum::<f32>()
            + m.width(" ") * (line.split(' ').count() - 1) as f32;
        let whole = m.width(line);
        assert!((summed - whole).abs() / whole < 0.01, "{summed} vs {whole}");
    }

    #[test]
    fn fitted_lines_stay_inside_the_box() {
        let m = measure();
        let b = TitleBox {
            family: String::new(),
            weight: 700,
            width: 1040.0,
            max_lines: 3,
            max_size: 84.0,
            min_size: 54.0,
            line_height: 1.12,
        };
        let words = "Week 4: the search index learns to read accents, cedillas and tildes";
        for n in 1..=words.split(' ').count() {
            let title: Vec<&str> = words.split(' ').take(n).collect();
            let fitted = fit(&title.join(" "), &b, &m);
            assert!(fitted.lines.len() <= 3);
            for line in &fitted.lines {
                assert!(m.width(line) * fitted.size <= b.width + 0.5, "{line}");
            }
        }
    }

    #[test]
    fn a_word_wider_than_a_line_is_cut() {
        let m = measure();
        let word = "a".repeat(200);
        let pieces = cut(
            Token {
                width: m.width(&word),
                text: word.clone(),
                space_before: true,
            },
            10.0,
            &m,
        );
        assert!(pieces.len() > 1);
        assert!(pieces.iter().all(|p| p.width <= 10.0));
        assert_eq!(
            pieces.iter().map(|p| p.text.as_str()).collect::<String>(),
            word
        );
    }

    #[test]
    fn the_ellipsis_replaces_whole_words_and_dangling_punctuation() {
        let m = measure();
        let line = "um, dois, três, quatro";
        let max = m.width("um, dois, três…");
        assert_eq!(with_ellipsis(line, max, &m), "um, dois, três…");
    }

    #[test]
    fn the_site_font_covers_portuguese() {
        let m = measure();
        let text = "ÀÁÂÃÇÉÊÍÓÔÕÚÜàáâãçéêíóôõúü ªº « » “ ” ‘ ’ — – … · € ";
        assert_eq!(m.missing(text), Vec::<char>::new());
        assert_eq!(m.missing("日本"), vec!['日', '本']);
    }
}
