//! Social cards: a 1200×630 PNG per page, drawn from `templates/card.svg` (Tera) with the fonts
//! in `static/fonts/`, rasterised in-process by resvg (the text from glyph masks, `glyphs`) and
//! kept in a cache between builds.

mod cache;
mod cover;
mod encode;
mod glyphs;
mod layout;
mod load;

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use rayon::prelude::*;
use resvg::{tiny_skia, usvg};
use serde::Serialize;
use skrifa::MetadataProvider;
use tera::Tera;

use crate::diagnostics::Diagnostic;
use crate::mark::Mark;
pub use cache::{CacheKey, CardCache};
pub use cover::{Cover, COVER_HEIGHT, COVER_WIDTH};
use layout::Measure;
pub use layout::{Fitted, TitleBox};
use load::template_error;

/// A card's size in pixels (the size OpenGraph and Twitter previews expect).
pub use crate::plan::{CARD_HEIGHT as HEIGHT, CARD_WIDTH as WIDTH};

/// Bump when a change in this module draws different pictures from the same inputs, so that cached
/// cards are drawn again.
const RENDERER_VERSION: u32 = 2;

use crate::templates::CARD as TEMPLATE;

thread_local! {
    /// The pixmap this thread draws its cards on.
    static CANVAS: std::cell::RefCell<Option<tiny_skia::Pixmap>> = const { std::cell::RefCell::new(None) };
    /// The glyphs this thread has drawn, to stamp again.
    static GLYPHS: std::cell::RefCell<glyphs::Glyphs> = std::cell::RefCell::default();
}

/// What one card shows. Every string arrives ready to print: the caller localizes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Card<'a> {
    /// BCP 47 code of the page's language (`xml:lang` of the drawing).
    pub lang: &'a str,
    /// The line above the title, e.g. "Ensaio de terça · Semana 2"; empty on the homes.
    pub kicker: &'a str,
    pub title: &'a str,
    pub site_name: &'a str,
    /// A short line opposite the site's name (e.g. the site's host); may be empty.
    pub footer: &'a str,
}

impl<'a> From<&'a crate::view::CardText> for Card<'a> {
    fn from(text: &'a crate::view::CardText) -> Card<'a> {
        Card {
            lang: &text.lang,
            kicker: &text.kicker,
            title: &text.title,
            site_name: &text.site_name,
            footer: &text.footer,
        }
    }
}

/// A card that fits, or that could be drawn only with a problem the caller should report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardWarning {
    /// The title did not fit even at the smallest size; `shown` is what the card says instead.
    TitleTruncated { shown: String },
    /// Characters the card's font has no glyph for (they would be drawn as boxes).
    MissingGlyphs(Vec<char>),
}

impl CardWarning {
    /// A warning about the text in `file`.
    pub fn to_diagnostic(&self, file: &Path) -> Diagnostic {
        match self {
            CardWarning::TitleTruncated { shown } => Diagnostic::warning(
                file,
                format!("the title is too long for its social card, which shows “{shown}”"),
            )
            .help("shorten the title, or widen the title box in templates/card.toml"),
            CardWarning::MissingGlyphs(chars) => {
                let list: Vec<String> = chars
                    .iter()
                    .map(|c| format!("`{c}` (U+{:04X})", *c as u32))
                    .collect();
                Diagnostic::warning(
                    file,
                    format!(
                        "the social card's font has no glyph for {}",
                        list.join(", ")
                    ),
                )
                .help("use other characters, or add a font that has them to static/fonts/")
            }
        }
    }
}

/// A card drawn or read from the cache, with what the caller should report about it.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub png: Vec<u8>,
    pub warnings: Vec<CardWarning>,
    /// Read from the cache rather than drawn.
    pub cached: bool,
}

/// The template, title box and fonts, loaded once and shared by every thread that draws cards.
pub struct CardRenderer {
    tera: Tera,
    options: usvg::Options<'static>,
    title_box: TitleBox,
    measure: Measure,
    /// A hash of everything a card depends on besides its own strings.
    inputs: [u8; 20],
    /// A hash of the template, title box and fonts (`inputs` adds the mark's).
    loaded_inputs: [u8; 20],
    draws: AtomicUsize,
    /// The site's mark (a `data:` URL) and accent, the same on every card: the template receives
    /// them as `mark` and `accent`, and `inputs` holds their hash.
    mark: String,
    accent: String,
}

/// What `templates/card.svg` receives.
#[derive(Serialize)]
struct Context<'a> {
    width: u32,
    height: u32,
    lang: String,
    kicker: String,
    site_name: String,
    footer: String,
    title: TitleContext<'a>,
}

#[derive(Serialize)]
struct TitleContext<'a> {
    /// The whole title, as one line (for the drawing's `<title>`).
    text: String,
    lines: Vec<String>,
    /// Font size and distance between baselines, in pixels.
    size: f32,
    line_height: f32,
    family: &'a str,
    weight: u16,
    truncated: bool,
}

impl CardRenderer {
    /// Loads `templates/card.svg`, `templates/card.toml` and the fonts in `static/fonts/` of the
    /// site at `root`; reports every problem with them. The cards show a plain mark until
    /// `with_mark` gives the site's.
    pub fn new(root: &Path) -> Result<CardRenderer, Vec<Diagnostic>> {
        let loaded = load::load(root)?;
        let options = usvg::Options {
            font_family: loaded.title_box.family.clone(),
            resources_dir: Some(root.join("templates")),
            fontdb: Arc::new(loaded.fontdb),
            ..Default::default()
        };
        Ok(CardRenderer {
            tera: loaded.tera,
            options,
            title_box: loaded.title_box,
            measure: loaded.measure,
            inputs: loaded.inputs,
            loaded_inputs: loaded.inputs,
            draws: AtomicUsize::new(0),
            mark: String::new(),
            accent: String::new(),
        }
        .with_mark(&Mark::default()))
    }

    /// The same renderer, drawing `mark` and its accent on every card.
    pub fn with_mark(mut self, mark: &Mark) -> CardRenderer {
        self.mark = mark.data_url();
        self.accent = mark.accent.clone();
        let mut inputs = sha1_smol::Sha1::new();
        inputs.update(&self.loaded_inputs);
        inputs.update(self.accent.as_bytes());
        inputs.update(self.mark.as_bytes());
        self.inputs = inputs.digest().bytes();
        self
    }

    /// The card as a PNG, from `cache` when it holds the same card, drawn (and stored) otherwise.
    pub fn render(&self, card: &Card, cache: Option<&CardCache>) -> Result<Rendered, Diagnostic> {
        let context = self.context(card);
        let warnings = self.problems(&context);
        let key = self.key(&context);
        if let Some(png) = cache.and_then(|c| c.get(&key, WIDTH, HEIGHT)) {
            return Ok(Rendered {
                png,
                warnings,
                cached: true,
            });
        }
        let png = self.draw(&context)?;
        if let Some(cache) = cache {
            // The cache only saves time: a card that cannot be stored is drawn again next time.
            let _ = cache.put(&key, &png);
        }
        Ok(Rendered {
            png,
            warnings,
            cached: false,
        })
    }

    /// Puts the card as a PNG file at `dest` (which must not exist): linked from `cache` when it
    /// holds the same card (nothing is read or copied), drawn, stored and written otherwise.
    pub fn render_to(
        &self,
        card: &Card,
        cache: &CardCache,
        dest: &Path,
    ) -> Result<Vec<CardWarning>, Diagnostic> {
        let context = self.context(card);
        let warnings = self.problems(&context);
        let key = self.key(&context);
        if cache.link(&key, dest) {
            return Ok(warnings);
        }
        let png = self.draw(&context)?;
        // Stored, the card is linked like a cached one (written once, not twice); the cache only
        // saves time, so a card that cannot be stored is written to `dest` and drawn again next time.
        if let Ok(stored) = cache.put(&key, &png) {
            if std::fs::hard_link(stored, dest).is_ok() {
                return Ok(warnings);
            }
        }
        std::fs::write(dest, &png)
            .map_err(|e| Diagnostic::error(dest, format!("cannot write the social card: {e}")))?;
        Ok(warnings)
    }

    /// What `render` would report about `card`, without drawing it.
    pub fn warnings(&self, card: &Card) -> Vec<CardWarning> {
        self.problems(&self.context(card))
    }

    fn problems(&self, context: &Context) -> Vec<CardWarning> {
        let mut warnings = Vec::new();
        if context.title.truncated {
            warnings.push(CardWarning::TitleTruncated {
                shown: context.title.lines.join(" "),
            });
        }
        let all = [
            &context.kicker,
            &context.title.text,
            &context.site_name,
            &context.footer,
        ];
        let missing: Vec<char> = self
            .measure
            .missing(&all.map(String::as_str).join(" "))
            .into_iter()
            .filter(|c| !self.any_font_has(*c))
            .collect();
        if !missing.is_empty() {
            warnings.push(CardWarning::MissingGlyphs(missing));
        }
        warnings
    }

    /// Renders `cards` on rayon's pool; the results are in the order of `cards`.
    pub fn render_all(
        &self,
        cards: &[Card],
        cache: Option<&CardCache>,
    ) -> Vec<Result<Rendered, Diagnostic>> {
        cards
            .par_iter()
            .map(|card| self.render(card, cache))
            .collect()
    }

    /// How `title` is wrapped and sized on the card.
    pub fn fit_title(&self, title: &str) -> Fitted {
        layout::fit(&clean(title), &self.title_box, &self.measure)
    }

    /// How many cards this renderer has drawn (cache hits are not drawn).
    pub fn draws(&self) -> usize {
        self.draws.load(Ordering::Relaxed)
    }

    /// The cache key of `card`, as `render` computes it.
    pub fn cache_key(&self, card: &Card) -> CacheKey {
        self.key(&self.context(card))
    }

    /// Everything the template receives for `card`, with its title fitted.
    fn context(&self, card: &Card) -> Context<'_> {
        let text = clean(card.title);
        let fitted = self.fit_title(&text);
        Context {
            width: WIDTH,
            height: HEIGHT,
            lang: card.lang.to_string(),
            kicker: clean(card.kicker),
            site_name: clean(card.site_name),
            footer: clean(card.footer),
            title: TitleContext {
                text,
                lines: fitted.lines,
                size: fitted.size,
                line_height: fitted.size * self.title_box.line_height,
                family: &self.title_box.family,
                weight: self.title_box.weight,
                truncated: fitted.truncated,
            },
        }
    }

    /// Whether any font in `static/fonts/` has `c` (usvg falls back to it when the title's face
    /// lacks it).
    fn any_font_has(&self, c: char) -> bool {
        let db = &self.options.fontdb;
        db.faces().any(|face| {
            db.with_face_data(face.id, |data, index| {
                skrifa::FontRef::from_index(data, index)
                    .is_ok_and(|font| font.charmap().map(c).is_some())
            })
            .unwrap_or(false)
        })
    }

    fn key(&self, context: &Context) -> CacheKey {
        let json = serde_json::to_vec(context).expect("a card's context is strings and numbers");
        let mut hash = sha1_smol::Sha1::new();
        hash.update(&self.inputs);
        hash.update(&json);
        CacheKey(hash.digest().bytes())
    }

    fn draw(&self, context: &Context) -> Result<Vec<u8>, Diagnostic> {
        self.draws.fetch_add(1, Ordering::Relaxed);
        let mut context = tera::Context::from_serialize(context).map_err(|e| template_error(&e))?;
        context.insert("mark", &self.mark);
        context.insert("accent", &self.accent);
        let svg = self
            .tera
            .render("card.svg", &context)
            .map_err(|e| template_error(&e))?;
        let tree = usvg::Tree::from_str(&svg, &self.options).map_err(|e| {
            Diagnostic::error(
                Path::new(TEMPLATE),
                format!("the card template does not make a valid SVG: {e}"),
            )
        })?;
        let size = tree.size().to_int_size();
        if (size.width(), size.height()) != (WIDTH, HEIGHT) {
            return Err(Diagnostic::error(
                Path::new(TEMPLATE),
                format!(
                    "the card is {}×{} pixels; a social card is {WIDTH}×{HEIGHT}",
                    size.width(),
                    size.height()
                ),
            )
            .help(format!(
                "set width=\"{WIDTH}\" height=\"{HEIGHT}\" on the <svg> element"
            )));
        }
        // Each thread draws on one canvas, card after card, instead of a fresh 3 MB pixmap each.
        let png = CANVAS.with_borrow_mut(|canvas| {
            let pixmap = canvas.get_or_insert_with(|| {
                tiny_skia::Pixmap::new(WIDTH, HEIGHT).expect("the card's size is not zero")
            });
            GLYPHS.with_borrow_mut(|glyphs| glyphs::draw(&tree, pixmap, glyphs));
            encode::png(pixmap)
        });
        png.map_err(|e| {
            Diagnostic::error(
                Path::new(TEMPLATE),
                format!("cannot encode the card as PNG: {e}"),
            )
        })
    }
}

/// One line of text: runs of whitespace become one space, and so do control characters (which XML
/// does not allow).
fn clean(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
