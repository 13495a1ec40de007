//! `[mark]`: the site's mark, drawn in the favicon and on the social cards: the title's initial in
//! `accent`, another `letter`, or a drawing of the writer's own (`image`).

use serde::Deserialize;

/// The accent of a site that sets none: the stylesheet's own (`--accent` in static/css/site.css).
pub const DEFAULT_ACCENT: &str = "#9a3412";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkConfig {
    /// The mark's ground and the cards' accent: `#rrggbb`.
    #[serde(default)]
    pub accent: Option<String>,
    /// The character the mark shows; default: the title's first letter or digit.
    #[serde(default)]
    pub letter: Option<String>,
    /// An SVG file of the writer's own, from the site's root, drawn instead of the letter.
    #[serde(default)]
    pub image: Option<String>,
}

impl MarkConfig {
    /// The accent, checked: `#rgb` or `#rrggbb`, written back as `#rrggbb`.
    pub fn accent(&self) -> Result<String, String> {
        let Some(accent) = &self.accent else {
            return Ok(DEFAULT_ACCENT.to_string());
        };
        let hex = accent.trim().strip_prefix('#').unwrap_or("");
        let digits = hex.chars().all(|c| c.is_ascii_hexdigit());
        match hex.len() {
            6 if digits => Ok(format!("#{}", hex.to_ascii_lowercase())),
            3 if digits => Ok(hex
                .chars()
                .fold(String::from("#"), |mut out, c| {
                    out.push(c);
                    out.push(c);
                    out
                })
                .to_ascii_lowercase()),
            _ => Err(format!("`{accent}` is not a colour")),
        }
    }
}

/// What is wrong with `[mark]`: (key, message, help).
pub(super) fn check(mark: &MarkConfig) -> Vec<(&'static str, String, String)> {
    let mut problems = Vec::new();
    if let Err(message) = mark.accent() {
        problems.push((
            "accent",
            message,
            format!(
                "write a colour as `#` and six hex digits, e.g. `accent = \"{DEFAULT_ACCENT}\"`"
            ),
        ));
    }
    if let Some(letter) = &mark.letter {
        if letter.trim().chars().count() != 1 {
            problems.push((
                "letter",
                format!("`letter = \"{letter}\"` is not one character"),
                "the mark shows one character, e.g. `letter = \"C\"`".to_string(),
            ));
        }
    }
    if let Some(image) = &mark.image {
        // Like every file the tool reads, the drawing is the site's own: published as
        // favicon.svg, it must not be a way to publish any file the writer's account can read.
        let path = std::path::Path::new(image);
        let climbs = path
            .components()
            .any(|c| matches!(c, std::path::Component::ParentDir));
        if path.has_root() || climbs {
            problems.push((
                "image",
                format!("`{image}` is outside the site"),
                "copy the drawing into the site and name it from the site's root, e.g. `image = \"static/mark.svg\"`".to_string(),
            ));
        }
        let lower = image.to_ascii_lowercase();
        if !lower.ends_with(".svg") {
            problems.push((
                "image",
                format!("`{image}` is not an SVG file"),
                "the mark is drawn at every size, from a 16-pixel favicon up: give an SVG drawing, e.g. `image = \"static/mark.svg\"`".to_string(),
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_are_hex_colours() {
        let with = |a: &str| MarkConfig {
            accent: Some(a.into()),
            ..MarkConfig::default()
        };
        assert_eq!(MarkConfig::default().accent().unwrap(), DEFAULT_ACCENT);
        assert_eq!(with("#1D4ED8").accent().unwrap(), "#1d4ed8");
        assert_eq!(with("#0af").accent().unwrap(), "#00aaff");
        assert!(with("blue").accent().is_err());
        assert!(with("#12345g").accent().is_err());
    }
}
