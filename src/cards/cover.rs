//! The cover of an arc's book, drawn the way the social cards are: `templates/book/cover.svg`
//! (Tera) over the same fonts and mark, its title fitted to the box in `templates/book/cover.toml`.

use std::path::Path;

use resvg::{tiny_skia, usvg};
use serde::{Deserialize, Serialize};

use super::layout::{self, TitleBox};
use super::load::template_error;
use super::{clean, encode, glyphs, CacheKey, CardCache, CardRenderer, TitleContext};
use crate::diagnostics::Diagnostic;

pub const COVER: &str = "templates/book/cover.svg";
const COVER_BOX: &str = "templates/book/cover.toml";

/// A cover's size in pixels: the 1:1.6 of an e-reader's screen, as stores ask for.
pub const COVER_WIDTH: u32 = 1600;
pub const COVER_HEIGHT: u32 = 2560;

/// What a cover shows. Every string arrives ready to print.
#[derive(Debug, Clone, Copy)]
pub struct Cover<'a> {
    pub lang: &'a str,
    pub site_name: &'a str,
    /// The arc's name ("Arco 1"), and its title when it has one (else empty).
    pub arc_name: &'a str,
    pub title: &'a str,
    pub dates: &'a str,
    pub author: &'a str,
    pub footer: &'a str,
}

/// The cover's title box: the card's face, its own measures.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CoverBox {
    width: f32,
    max_lines: usize,
    max_size: f32,
    min_size: f32,
    line_height: f32,
}

#[derive(Serialize)]
struct CoverContext<'a> {
    width: u32,
    height: u32,
    lang: String,
    site_name: String,
    arc_name: String,
    dates: String,
    author: String,
    footer: String,
    title: TitleContext<'a>,
}

impl CardRenderer {
    /// The cover as a PNG, from `cache` when it holds the same one; `None` when the site has no
    /// cover template.
    pub fn cover(
        &self,
        root: &Path,
        cover: &Cover,
        cache: Option<&CardCache>,
    ) -> Result<Option<Vec<u8>>, Diagnostic> {
        let Ok(template) = std::fs::read_to_string(root.join(COVER)) else {
            return Ok(None);
        };
        let box_text = std::fs::read_to_string(root.join(COVER_BOX)).map_err(|e| {
            Diagnostic::error(
                Path::new(COVER_BOX),
                format!("cannot read the cover's title box: {e}"),
            )
            .help("restore it from the repository: the cover's title is fitted to it")
        })?;
        let measures: CoverBox = toml::from_str(&box_text)
            .map_err(|e| Diagnostic::from_toml(Path::new(COVER_BOX), &box_text, 0, &e))?;
        let title_box = TitleBox {
            family: self.title_box.family.clone(),
            weight: self.title_box.weight,
            width: measures.width,
            max_lines: measures.max_lines,
            max_size: measures.max_size,
            min_size: measures.min_size,
            line_height: measures.line_height,
        };
        if let Some(problem) = title_box.problem() {
            return Err(Diagnostic::error(Path::new(COVER_BOX), problem));
        }
        let shown = if cover.title.is_empty() {
            cover.arc_name
        } else {
            cover.title
        };
        let text = clean(shown);
        let fitted = layout::fit(&text, &title_box, &self.measure);
        let context = CoverContext {
            width: COVER_WIDTH,
            height: COVER_HEIGHT,
            lang: cover.lang.to_string(),
            site_name: clean(cover.site_name),
            arc_name: clean(cover.arc_name),
            dates: clean(cover.dates),
            author: clean(cover.author),
            footer: clean(cover.footer),
            title: TitleContext {
                text,
                lines: fitted.lines,
                size: fitted.size,
                line_height: fitted.size * title_box.line_height,
                family: &title_box.family,
                weight: title_box.weight,
                truncated: fitted.truncated,
            },
        };
        let json = serde_json::to_vec(&context).expect("a cover's context is strings and numbers");
        let mut hash = sha1_smol::Sha1::new();
        for part in [
            &self.inputs[..],
            template.as_bytes(),
            box_text.as_bytes(),
            &json,
        ] {
            hash.update(&(part.len() as u64).to_le_bytes());
            hash.update(part);
        }
        let key = CacheKey(hash.digest().bytes());
        if let Some(png) = cache.and_then(|c| c.get(&key, COVER_WIDTH, COVER_HEIGHT)) {
            return Ok(Some(png));
        }
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".svg"]);
        tera.set_escape_fn(crate::escape::html);
        tera.add_raw_template("cover.svg", &template)
            .map_err(|e| template_error(&e))?;
        let mut context =
            tera::Context::from_serialize(&context).map_err(|e| template_error(&e))?;
        context.insert("mark", &self.mark);
        context.insert("accent", &self.accent);
        let svg = tera
            .render("cover.svg", &context)
            .map_err(|e| template_error(&e))?;
        let tree = usvg::Tree::from_str(&svg, &self.options).map_err(|e| {
            Diagnostic::error(
                Path::new(COVER),
                format!("the cover template does not make a valid SVG: {e}"),
            )
        })?;
        let size = tree.size().to_int_size();
        if (size.width(), size.height()) != (COVER_WIDTH, COVER_HEIGHT) {
            return Err(Diagnostic::error(
                Path::new(COVER),
                format!(
                    "the cover is {}×{} pixels; a book's cover is {COVER_WIDTH}×{COVER_HEIGHT}",
                    size.width(),
                    size.height()
                ),
            ));
        }
        let mut pixmap = tiny_skia::Pixmap::new(COVER_WIDTH, COVER_HEIGHT)
            .expect("the cover's size is not zero");
        glyphs::draw(&tree, &mut pixmap, &mut glyphs::Glyphs::default());
        let png = encode::png(&pixmap).map_err(|e| {
            Diagnostic::error(
                Path::new(COVER),
                format!("cannot encode the cover as PNG: {e}"),
            )
        })?;
        if let Some(cache) = cache {
            let _ = cache.put(&key, &png);
        }
        Ok(Some(png))
    }

    /// A hash of what every cover and card is drawn with (fonts, template, mark).
    pub fn inputs(&self) -> [u8; 20] {
        self.inputs
    }
}
