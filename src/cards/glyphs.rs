//! Drawing a card's tree, with its text from a cache of glyph masks. A card's glyphs repeat (the
//! site's name, the kicker's words, the title's letters at a few sizes), and filling each glyph's
//! outline again was half of drawing a card. Each glyph is rasterized once per size and quarter
//! pixel of position, and then blended like a stamp; the card's ground (a first rectangle over all
//! of it) is painted as bytes. Everything else, and any text that is not plain filled outlines
//! (strokes, gradients, decorations, variable or colour fonts, rotated or skewed glyphs,
//! `text-rendering: optimizeSpeed`), is drawn by resvg.

use std::collections::HashMap;
use std::sync::Arc;

use resvg::tiny_skia::{self, FillRule, Mask, PathBuilder, Pixmap, Transform};
use resvg::usvg::{self, fontdb, Node, Paint, TextRendering};
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::{FontRef, MetadataProvider};

/// Positions within a pixel a glyph is rasterized at, along each axis.
const STEPS: f32 = 4.0;

/// The largest text drawn from masks, in pixels a line: a mask is the glyph's whole box, while
/// resvg fills only what falls on the card.
const MAX_SIZE: f32 = 400.0;

/// The masks a thread keeps: past this, the cache starts again (a title at every size the box
/// allows, at every quarter pixel, would otherwise keep growing through an archive).
const MAX_BYTES: usize = 24 << 20;

/// A glyph's mask: coverage, `width` bytes a row, to be put with its top left corner at `left`,
/// `top` from the glyph's whole-pixel origin.
struct GlyphMask {
    left: i32,
    top: i32,
    width: u32,
    coverage: Vec<u8>,
}

/// What a mask is the rendering of: a font, a glyph, its scale and the quarter pixel it starts at.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Key {
    font: fontdb::ID,
    glyph: u32,
    scale: (u32, u32),
    step: (u8, u8),
}

/// One thread's glyph masks, for the fonts of one database.
#[derive(Default)]
pub struct Glyphs {
    fonts: Option<Arc<fontdb::Database>>,
    /// Whether each font's glyphs are plain outlines, which the masks can draw.
    plain: HashMap<fontdb::ID, bool>,
    masks: HashMap<Key, GlyphMask>,
    bytes: usize,
}

/// Draws `tree` on all of `pixmap` as resvg would on white (a card is opaque: what the template
/// leaves transparent shows white), with its plain text from `glyphs`; returns how many text
/// elements were drawn from masks.
pub fn draw(tree: &usvg::Tree, pixmap: &mut Pixmap, glyphs: &mut Glyphs) -> usize {
    const WHITE: [u8; 4] = [255; 4];
    let root = tree.root();
    let plain_root = root.transform().is_identity()
        && root.opacity() == usvg::Opacity::ONE
        && root.clip_path().is_none()
        && root.mask().is_none()
        && root.filters().is_empty();
    if !plain_root {
        paint(pixmap, WHITE);
        resvg::render(tree, Transform::identity(), &mut pixmap.as_mut());
        return 0;
    }
    // A first element that covers the card in one opaque colour is its ground: painted as bytes,
    // it spares filling every pixel twice (white, then the ground through resvg's pipeline).
    let mut children = root.children().iter().peekable();
    let ground = children
        .peek()
        .and_then(|node| ground(node, pixmap.width(), pixmap.height()));
    if ground.is_some() {
        children.next();
    }
    paint(pixmap, ground.unwrap_or(WHITE));
    glyphs.use_fonts(tree.fontdb());
    let mut from_masks = 0;
    for node in children {
        if let Node::Text(text) = node {
            if glyphs.can_draw(text) {
                glyphs.draw_text(text, pixmap);
                from_masks += 1;
                continue;
            }
        }
        // resvg draws a node relative to its bounding box; moved back, it lands where it belongs.
        if let Some(bbox) = node.abs_layer_bounding_box() {
            let back = Transform::from_translate(bbox.x(), bbox.y());
            resvg::render_node(node, back, &mut pixmap.as_mut());
        }
    }
    from_masks
}

impl Glyphs {
    /// Starts again when the tree's fonts are not those the masks were drawn from.
    fn use_fonts(&mut self, fonts: &Arc<fontdb::Database>) {
        if !self.fonts.as_ref().is_some_and(|f| Arc::ptr_eq(f, fonts)) {
            *self = Glyphs {
                fonts: Some(fonts.clone()),
                ..Glyphs::default()
            };
        }
    }

    fn can_draw(&mut self, text: &usvg::Text) -> bool {
        if text.rendering_mode() == TextRendering::OptimizeSpeed {
            return false;
        }
        let base = text.abs_transform();
        let scale = base.sx.abs().max(base.sy.abs());
        text.layouted().iter().all(|span| {
            let fill = span
                .fill
                .as_ref()
                .is_none_or(|f| matches!(f.paint(), Paint::Color(_)));
            fill && span.font_size.get() * scale <= MAX_SIZE
                && span.stroke.is_none()
                && span.underline.is_none()
                && span.overline.is_none()
                && span.line_through.is_none()
                && span.positioned_glyphs.iter().all(|g| {
                    let ts = base.pre_concat(g.outline_transform());
                    ts.kx == 0.0 && ts.ky == 0.0 && ts.is_finite() && self.is_plain(g.font)
                })
        })
    }

    /// Whether `font` is static (a span's variations do not apply to it) and draws with outlines
    /// only (no colour or bitmap glyphs).
    fn is_plain(&mut self, font: fontdb::ID) -> bool {
        let Some(fonts) = &self.fonts else {
            return false;
        };
        *self.plain.entry(font).or_insert_with(|| {
            fonts
                .with_face_data(font, |data, index| {
                    let Ok(face) = FontRef::from_index(data, index) else {
                        return false;
                    };
                    let tables = [b"COLR", b"SVG ", b"CBDT", b"sbix", b"EBDT"];
                    face.axes().is_empty()
                        && tables
                            .iter()
                            .all(|t| face.table_data(skrifa::Tag::new(t)).is_none())
                })
                .unwrap_or(false)
        })
    }

    fn draw_text(&mut self, text: &usvg::Text, pixmap: &mut Pixmap) {
        let base = text.abs_transform();
        for span in text.layouted() {
            let Some(fill) = span.fill.as_ref().filter(|_| span.visible) else {
                continue;
            };
            let Paint::Color(colour) = fill.paint() else {
                continue;
            };
            let colour = [colour.red, colour.green, colour.blue];
            let opacity = fill.opacity().get();
            for glyph in &span.positioned_glyphs {
                let ts = base.pre_concat(glyph.outline_transform());
                let (x, step_x) = split(ts.tx);
                let (y, step_y) = split(ts.ty);
                let key = Key {
                    font: glyph.font,
                    glyph: glyph.id.0,
                    scale: (ts.sx.to_bits(), ts.sy.to_bits()),
                    step: (step_x, step_y),
                };
                if !self.masks.contains_key(&key) {
                    let mask = self.rasterize(&key, ts);
                    if self.bytes > MAX_BYTES {
                        self.masks.clear();
                        self.bytes = 0;
                    }
                    self.bytes += mask.coverage.len();
                    self.masks.insert(key, mask);
                }
                blend(pixmap, &self.masks[&key], x, y, colour, opacity);
            }
        }
    }

    /// The mask of the glyph of `key`, whose outline `ts` places.
    fn rasterize(&self, key: &Key, ts: Transform) -> GlyphMask {
        let empty = GlyphMask {
            left: 0,
            top: 0,
            width: 0,
            coverage: Vec::new(),
        };
        let Some(path) = self.outline(key.font, key.glyph) else {
            return empty;
        };
        let placed = Transform::from_row(
            ts.sx,
            0.0,
            0.0,
            ts.sy,
            f32::from(key.step.0) / STEPS,
            f32::from(key.step.1) / STEPS,
        );
        let Some(bounds) = path.bounds().transform(placed) else {
            return empty;
        };
        let (left, top) = (bounds.left().floor(), bounds.top().floor());
        let width = (bounds.right().ceil() - left) as u32 + 1;
        let height = (bounds.bottom().ceil() - top) as u32 + 1;
        let Some(mut mask) = Mask::new(width, height) else {
            return empty;
        };
        let to_mask = placed.post_translate(-left, -top);
        mask.fill_path(&path, FillRule::Winding, true, to_mask);
        GlyphMask {
            left: left as i32,
            top: top as i32,
            width,
            coverage: mask.data().to_vec(),
        }
    }

    /// A glyph's outline in font units.
    fn outline(&self, font: fontdb::ID, glyph: u32) -> Option<tiny_skia::Path> {
        self.fonts.as_ref()?.with_face_data(font, |data, index| {
            let face = FontRef::from_index(data, index).ok()?;
            let outline = face.outline_glyphs().get(skrifa::GlyphId::new(glyph))?;
            let mut pen = Pen(PathBuilder::new());
            let settings = DrawSettings::unhinted(Size::unscaled(), LocationRef::default());
            outline.draw(settings, &mut pen).ok()?;
            pen.0.finish()
        })?
    }
}

/// The colour of `node` when it is a rectangle in one opaque colour over all of a `width` ×
/// `height` card (drawn by resvg, it would leave every pixel that colour).
fn ground(node: &Node, width: u32, height: u32) -> Option<[u8; 4]> {
    use tiny_skia::PathSegment::{Close, LineTo, MoveTo};
    let Node::Path(path) = node else {
        return None;
    };
    let fill = path.fill()?;
    let Paint::Color(colour) = fill.paint() else {
        return None;
    };
    let plain = path.is_visible()
        && path.stroke().is_none()
        && fill.opacity() == usvg::Opacity::ONE
        && path.abs_transform().is_identity();
    let outline = path.data();
    let b = outline.bounds();
    let covers = b.left() <= 0.0
        && b.top() <= 0.0
        && b.right() >= width as f32
        && b.bottom() >= height as f32;
    // The outline is its box: the four corners, joined by horizontal and vertical edges.
    let segments: Vec<_> = outline.segments().collect();
    let corners = match segments.as_slice() {
        [MoveTo(a), LineTo(b), LineTo(c), LineTo(d)]
        | [MoveTo(a), LineTo(b), LineTo(c), LineTo(d), Close] => [*a, *b, *c, *d],
        _ => return None,
    };
    let on_corner = |p: &tiny_skia::Point| {
        (p.x == b.left() || p.x == b.right()) && (p.y == b.top() || p.y == b.bottom())
    };
    let box_outline = corners.iter().all(on_corner)
        && (0..4).all(|i| (i + 1..4).all(|j| corners[i] != corners[j]))
        && (0..4).all(|i| {
            let (p, q) = (corners[i], corners[(i + 1) % 4]);
            (p.x == q.x) != (p.y == q.y)
        });
    (plain && covers && box_outline).then_some([colour.red, colour.green, colour.blue, 255])
}

/// Every pixel of `pixmap` in the opaque `colour` (premultiplied or not, the same bytes).
fn paint(pixmap: &mut Pixmap, colour: [u8; 4]) {
    let row = 4 * pixmap.width() as usize;
    let (first, rest) = pixmap.data_mut().split_at_mut(row);
    for px in first.chunks_exact_mut(4) {
        px.copy_from_slice(&colour);
    }
    for line in rest.chunks_exact_mut(row) {
        line.copy_from_slice(first);
    }
}

/// A coordinate as a whole pixel and the quarter of a pixel after it.
fn split(v: f32) -> (i32, u8) {
    let whole = v.floor();
    let step = ((v - whole) * STEPS).round();
    if step >= STEPS {
        (whole as i32 + 1, 0)
    } else {
        (whole as i32, step as u8)
    }
}

/// Puts `mask` on `pixmap` at `x`, `y` in `colour` (source-over, premultiplied), clipped.
fn blend(pixmap: &mut Pixmap, mask: &GlyphMask, x: i32, y: i32, colour: [u8; 3], opacity: f32) {
    if mask.width == 0 {
        return;
    }
    let (canvas_w, canvas_h) = (pixmap.width() as i32, pixmap.height() as i32);
    let opacity = (opacity.clamp(0.0, 1.0) * 255.0).round() as u32;
    let solid = [colour[0], colour[1], colour[2], 255];
    // The mask's columns that fall on the canvas.
    let (left, width) = (x + mask.left, mask.width as i32);
    let first = (-left).clamp(0, width) as usize;
    let end = (canvas_w - left).clamp(0, width) as usize;
    if first >= end {
        return;
    }
    let data = pixmap.data_mut();
    for (row, line) in mask.coverage.chunks_exact(mask.width as usize).enumerate() {
        let py = y + mask.top + row as i32;
        if py < 0 || py >= canvas_h {
            continue;
        }
        let start = 4 * (py * canvas_w + left + first as i32) as usize;
        let dst = &mut data[start..start + 4 * (end - first)];
        for (&c, px) in line[first..end].iter().zip(dst.chunks_exact_mut(4)) {
            if c == 0 {
                continue;
            }
            let a = div255(u32::from(c) * opacity);
            if a == 255 {
                px.copy_from_slice(&solid);
                continue;
            }
            for (d, s) in px.iter_mut().zip(solid) {
                // The source premultiplied (its alpha is `a`), over what is there.
                *d = (div255(u32::from(s) * a) + div255(u32::from(*d) * (255 - a))) as u8;
            }
        }
    }
}

/// `v / 255`, rounded, for `v` up to 255 × 255.
fn div255(v: u32) -> u32 {
    (v + 128 + ((v + 128) >> 8)) >> 8
}

struct Pen(PathBuilder);

impl OutlinePen for Pen {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.0.quad_to(cx0, cy0, x, y);
    }
    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        self.0.cubic_to(cx0, cy0, cx1, cy1, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(svg: &str) -> usvg::Tree {
        let mut fonts = fontdb::Database::new();
        for face in ["Caladea-Regular.ttf", "Caladea-Bold.ttf"] {
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/static/fonts/");
            fonts.load_font_data(std::fs::read(format!("{dir}{face}")).unwrap());
        }
        let options = usvg::Options {
            font_family: "Caladea".into(),
            fontdb: Arc::new(fonts),
            ..Default::default()
        };
        usvg::Tree::from_str(svg, &options).unwrap()
    }

    /// `svg` drawn by resvg alone, and by `draw` (with how many texts it drew from masks).
    fn both(svg: &str) -> (Pixmap, Pixmap, usize) {
        let tree = tree(svg);
        let size = tree.size().to_int_size();
        let mut by_resvg = Pixmap::new(size.width(), size.height()).unwrap();
        by_resvg.data_mut().fill(255);
        resvg::render(&tree, Transform::identity(), &mut by_resvg.as_mut());
        // `draw` paints every pixel, whatever the canvas held before.
        let mut by_masks = Pixmap::new(size.width(), size.height()).unwrap();
        by_masks.data_mut().fill(7);
        let mut glyphs = Glyphs::default();
        let n = draw(&tree, &mut by_masks, &mut glyphs);
        // A second time from the cache draws the same.
        let mut again = by_masks.clone();
        draw(&tree, &mut again, &mut glyphs);
        assert_eq!(again.data(), by_masks.data());
        (by_resvg, by_masks, n)
    }

    const CARD: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300">
      <rect width="600" height="300" fill="#f7f3ec"/>
      <rect width="600" height="16" fill="#9a3412"/>
      <text x="40" y="70" font-size="36" font-weight="700" letter-spacing="0.5" fill="#9a3412">Ensaio de terça · Semana 12</text>
      <text x="40" y="150.37" font-size="61" font-weight="700" fill="#1f1b16">Quão longe vai o rio?</text>
      <text x="560" y="270" text-anchor="end" font-size="30" fill="#4f463c" fill-opacity="0.8">durante.example</text>
    </svg>"##;

    #[test]
    fn text_from_masks_looks_as_resvg_draws_it() {
        let (by_resvg, by_masks, n) = both(CARD);
        assert_eq!(n, 3, "every text drawn from masks");
        // Glyphs start within an eighth of a pixel of where resvg puts them, so their edges differ
        // a little (0.33 on average, 55 at most, today); a glyph a pixel off differs by far more.
        let (mut total, mut most) = (0u64, 0u8);
        for (a, b) in by_resvg.data().iter().zip(by_masks.data()) {
            total += u64::from(a.abs_diff(*b));
            most = most.max(a.abs_diff(*b));
        }
        let mean = total as f64 / by_resvg.data().len() as f64;
        assert!(mean < 0.6, "mean difference {mean}");
        assert!(most <= 80, "a byte differs by {most}");
        // And the text is there: the title's ink covers about as many pixels either way.
        let ink = |p: &Pixmap| p.data().chunks(4).filter(|px| px[0] < 0x60).count();
        let (a, b) = (ink(&by_resvg), ink(&by_masks));
        assert!(a > 2000 && a.abs_diff(b) < a / 50, "{a} vs {b} dark pixels");
    }

    #[test]
    fn other_text_is_left_to_resvg_exactly() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120">
          <rect width="300" height="120" fill="#f7f3ec"/>
          <text x="10" y="50" font-size="40" fill="none" stroke="#1f1b16">Contorno</text>
          <text x="10" y="100" font-size="40" fill="#1f1b16" text-decoration="underline">Sublinhado</text>
          <text x="150" y="100" font-size="30" fill="#1f1b16" transform="rotate(10)">Girado</text>
          <g opacity="0.5"><text x="150" y="40" font-size="30" fill="#1f1b16">Grupo</text></g>
          <text x="-90000" y="90000" font-size="200000" fill="#1f1b16">Enorme</text>
        </svg>"##;
        let (by_resvg, by_masks, n) = both(svg);
        assert_eq!(n, 0);
        assert!(
            by_resvg.data() == by_masks.data(),
            "drawn by resvg, node by node"
        );
    }

    #[test]
    fn a_ground_is_painted_as_resvg_fills_it() {
        let card = |first: &str| {
            format!(
                r##"<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120">{first}
                <rect x="10" y="10" width="100" height="8" fill="#9a3412"/>
                <circle cx="200" cy="60" r="30" fill="#1f1b16" fill-opacity="0.5"/></svg>"##
            )
        };
        let grounds = [
            (r##"<rect width="300" height="120" fill="#f7f3ec"/>"##, true),
            (
                r##"<rect x="-5" y="-5" width="400" height="200" fill="#f7f3ec"/>"##,
                true,
            ),
            (
                r##"<path d="M300 120 H0 V0 H300 Z" fill="#f7f3ec"/>"##,
                true,
            ),
            (
                r##"<rect width="299" height="120" fill="#f7f3ec"/>"##,
                false,
            ),
            (
                r##"<rect width="300" height="120" fill="#f7f3ec" fill-opacity="0.9"/>"##,
                false,
            ),
            (
                r##"<rect width="300" height="120" fill="#f7f3ec" opacity="0.9"/>"##,
                false,
            ),
            (
                r##"<rect width="300" height="120" fill="#f7f3ec" stroke="#000"/>"##,
                false,
            ),
            (
                r##"<rect width="300" height="120" rx="20" fill="#f7f3ec"/>"##,
                false,
            ),
            (r##"<path d="M0 0 H300 V120 Z" fill="#f7f3ec"/>"##, false),
            (
                r##"<path d="M0 0 H300 H0 H300 Z M0 120 H300" fill="#f7f3ec"/>"##,
                false,
            ),
            (
                r##"<rect width="300" height="120" fill="#f7f3ec" transform="rotate(1)"/>"##,
                false,
            ),
            (
                r##"<rect width="300" height="120" fill="#f7f3ec" visibility="hidden"/>"##,
                false,
            ),
            (
                r##"<rect width="300" height="120" fill="url(#g)"/><linearGradient id="g"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#000"/></linearGradient>"##,
                false,
            ),
            ("", false),
        ];
        for (first, is_ground) in grounds {
            let svg = card(first);
            let tree = tree(&svg);
            let found = ground(&tree.root().children()[0], 300, 120);
            assert_eq!(found.is_some(), is_ground, "{first}");
            let (by_resvg, by_masks, _) = both(&svg);
            assert!(by_resvg.data() == by_masks.data(), "{first}");
        }
    }

    #[test]
    fn a_coordinate_splits_into_a_pixel_and_a_quarter() {
        assert_eq!(split(10.0), (10, 0));
        assert_eq!(split(10.3), (10, 1));
        assert_eq!(split(10.9), (11, 0));
        assert_eq!(split(-0.25), (-1, 3));
    }

    #[test]
    fn division_by_255_rounds() {
        for v in 0..=255 * 255 {
            assert_eq!(div255(v), (v as f64 / 255.0).round() as u32, "{v}");
        }
    }
}
