//! The site's mark: one drawing for the favicon and the social cards. By default the title's initial
//! in the site's accent, drawn with the fonts of `static/fonts/` and written as outlines, so the
//! favicon needs no font; or a drawing of the writer's own (`[mark] image`, else `static/favicon.svg`).

use std::path::{Path, PathBuf};

use base64::Engine as _;
use resvg::tiny_skia::{self, PathBuilder, PathSegment, Transform};
use resvg::usvg::{self, fontdb};

use crate::config::Config;
use crate::diagnostics::Diagnostic;

/// The favicons every page links, and where each comes from when `static/` lacks it.
pub const FAVICON_SVG: &str = "favicon.svg";
pub const FAVICON_ICO: &str = "favicon.ico";
/// The sizes in a generated `favicon.ico`: tabs, taskbars and shortcuts.
const ICO_SIZES: [u32; 3] = [16, 32, 48];
/// The drawing's box, and the letter's colour on the accent (the stylesheet's `--accent-ink`).
const SIZE: f32 = 64.0;
const INK: &str = "#fffaf3";

/// The mark, as an SVG document.
#[derive(Debug, Clone)]
pub struct Mark {
    /// The mark's colour (`[mark] accent`), also the cards' accent.
    pub accent: String,
    svg: String,
}

impl Default for Mark {
    /// A plain square in the default accent.
    fn default() -> Mark {
        Mark::letter(crate::config::DEFAULT_ACCENT, None)
    }
}

impl Mark {
    /// The mark of the site at `root`, and what the writer should hear about it. An error (an
    /// `image` that cannot be read or drawn) comes with a plain mark to go on with.
    pub fn load(root: &Path, config: &Config) -> (Mark, Vec<Diagnostic>) {
        let accent = config
            .mark
            .accent()
            .unwrap_or_else(|_| crate::config::DEFAULT_ACCENT.to_string());
        let image = match &config.mark.image {
            Some(image) => Some(PathBuf::from(image)),
            None => Some(Path::new("static").join(FAVICON_SVG)).filter(|p| root.join(p).is_file()),
        };
        if let Some(rel) = image {
            return match read_image(root, &rel) {
                Ok(svg) => (Mark { accent, svg }, Vec::new()),
                Err(d) => (Mark::letter(&accent, None), vec![d]),
            };
        }
        let letter = match &config.mark.letter {
            Some(letter) => letter.trim().chars().next(),
            None => config
                .title
                .chars()
                .find(|c| c.is_alphanumeric())
                .and_then(|c| c.to_uppercase().next()),
        };
        let outline = letter.and_then(|c| outline(root, c));
        let mut warnings = Vec::new();
        if let (Some(c), None) = (letter, &outline) {
            warnings.push(
                Diagnostic::warning(
                    Path::new("site.toml"),
                    format!("no font in static/fonts/ draws `{c}`, the mark's letter: the mark is drawn without it"),
                )
                .help("set `[mark] letter` to another character, or `[mark] image` to a drawing of your own"),
            );
        }
        (Mark::letter(&accent, outline.as_deref()), warnings)
    }

    /// A rounded square in `accent` with `outline` (SVG path data in the 64-pixel box) on it.
    fn letter(accent: &str, outline: Option<&str>) -> Mark {
        let path = outline.map_or(String::new(), |d| {
            format!(r#"<path d="{d}" fill="{INK}"/>"#)
        });
        Mark {
            accent: accent.to_string(),
            svg: format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64"><rect width="64" height="64" rx="14" fill="{accent}"/>{path}</svg>"#
            ),
        }
    }

    /// The drawing as an SVG document (`favicon.svg`).
    pub fn svg(&self) -> &str {
        &self.svg
    }

    /// The drawing as a `data:` URL, for an `<image>` in another drawing (the cards).
    pub fn data_url(&self) -> String {
        format!(
            "data:image/svg+xml;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(&self.svg)
        )
    }

    /// The drawing as a `favicon.ico`: PNG images of each size in one icon file.
    pub fn ico(&self) -> Result<Vec<u8>, String> {
        let tree = usvg::Tree::from_str(&self.svg, &usvg::Options::default())
            .map_err(|e| e.to_string())?;
        let size = tree.size();
        let pngs = ICO_SIZES
            .iter()
            .map(|&n| {
                let mut pixmap = tiny_skia::Pixmap::new(n, n).ok_or("an empty icon")?;
                let scale = n as f32 / size.width().max(size.height());
                let (dx, dy) = (
                    (n as f32 - size.width() * scale) / 2.0,
                    (n as f32 - size.height() * scale) / 2.0,
                );
                let at = Transform::from_scale(scale, scale).post_translate(dx, dy);
                resvg::render(&tree, at, &mut pixmap.as_mut());
                pixmap
                    .encode_png()
                    .map(|png| (n, png))
                    .map_err(|e| e.to_string())
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(ico(&pngs))
    }

    /// The favicons the build writes: those `static/` does not hold (`statics` is its listing, relative
    /// to it). A favicon of the writer's own is copied as it is.
    pub fn favicons(&self, statics: &[PathBuf]) -> Result<Vec<(&'static str, Vec<u8>)>, String> {
        let has = |name: &str| statics.iter().any(|p| p == Path::new(name));
        let mut out = Vec::new();
        if !has(FAVICON_SVG) {
            out.push((FAVICON_SVG, self.svg.clone().into_bytes()));
        }
        if !has(FAVICON_ICO) {
            out.push((FAVICON_ICO, self.ico()?));
        }
        Ok(out)
    }
}

/// The writer's own drawing at `rel`, checked to be an SVG the cards can draw.
fn read_image(root: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let error = |message: String| {
        Diagnostic::error(rel, message)
            .help("`[mark] image` in site.toml names an SVG file from the site's root, e.g. `static/mark.svg`")
    };
    // A path that stays in the site as written may still leave it through a symbolic link.
    let outside = match (root.join(rel).canonicalize(), root.canonicalize()) {
        (Ok(file), Ok(site)) => !file.starts_with(site),
        _ => false,
    };
    if outside {
        return Err(at_image_line(
            root,
            format!(
                "`{}` leads outside the site through a symbolic link",
                rel.display()
            ),
        ));
    }
    let text = std::fs::read_to_string(root.join(rel))
        .map_err(|e| error(format!("cannot read the site's mark: {e}")))?;
    usvg::Tree::from_str(&text, &usvg::Options::default())
        .map_err(|e| error(format!("the site's mark is not an SVG drawing: {e}")))?;
    Ok(text)
}

/// An error at `[mark] image`'s line of site.toml.
fn at_image_line(root: &Path, message: String) -> Diagnostic {
    let text = std::fs::read_to_string(root.join("site.toml")).unwrap_or_default();
    let line = text.lines().position(|l| {
        l.trim_start()
            .strip_prefix("image")
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    });
    let d = Diagnostic::error(Path::new("site.toml"), message)
        .help("copy the drawing into the site instead of linking to it, e.g. as `static/mark.svg`");
    match line {
        Some(i) => d.at_line_of(&text, i + 1, 1),
        None => d,
    }
}

/// `c` drawn with the fonts of `static/fonts/` (the cards' family and weight when card.toml names
/// them), as path data centred in the 64-pixel box; `None` when no font draws it.
fn outline(root: &Path, c: char) -> Option<String> {
    let mut db = fontdb::Database::new();
    let fonts = std::fs::read_dir(root.join("static/fonts")).ok()?;
    let mut files: Vec<PathBuf> = fonts.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    for file in files {
        let ext = file.extension().and_then(|x| x.to_str()).unwrap_or("");
        if ext.eq_ignore_ascii_case("ttf") || ext.eq_ignore_ascii_case("otf") {
            if let Ok(data) = std::fs::read(&file) {
                db.load_font_data(data);
            }
        }
    }
    let family = std::fs::read_to_string(root.join("templates/card.toml"))
        .ok()
        .and_then(|t| toml::from_str::<toml::Table>(&t).ok())
        .and_then(|t| t.get("family")?.as_str().map(String::from))
        .or_else(|| db.faces().next()?.families.first().map(|(n, _)| n.clone()))?;
    db.set_serif_family(family.clone());
    let xml = |text: &str| {
        let mut out = Vec::new();
        let _ = crate::escape::xml(&mut out, text);
        String::from_utf8_lossy(&out).into_owned()
    };
    let svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><text x="50" y="150" font-family="{}" font-weight="700" font-size="100">{}</text></svg>"#,
        xml(&family),
        xml(&c.to_string())
    );
    let options = usvg::Options {
        fontdb: std::sync::Arc::new(db),
        ..Default::default()
    };
    let tree = usvg::Tree::from_str(&svg, &options).ok()?;
    let mut builder = PathBuilder::new();
    collect(tree.root(), &mut builder);
    let glyph = builder.finish()?;
    let bounds = glyph.bounds();
    // The letter fills at most 58% of the box's height and 70% of its width, centred.
    let scale = (SIZE * 0.58 / bounds.height()).min(SIZE * 0.70 / bounds.width());
    let at = Transform::from_translate(-bounds.left(), -bounds.top())
        .post_scale(scale, scale)
        .post_translate(
            (SIZE - bounds.width() * scale) / 2.0,
            (SIZE - bounds.height() * scale) / 2.0,
        );
    Some(path_data(&glyph.transform(at)?))
}

/// Every path under `group`, in the drawing's coordinates, into `builder`.
fn collect(group: &usvg::Group, builder: &mut PathBuilder) {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => collect(g, builder),
            usvg::Node::Text(text) => collect(text.flattened(), builder),
            usvg::Node::Path(path) => {
                if let Some(data) = path.data().clone().transform(path.abs_transform()) {
                    builder.push_path(&data);
                }
            }
            usvg::Node::Image(_) => {}
        }
    }
}

/// A path as SVG path data, numbers to two decimals.
fn path_data(path: &tiny_skia::Path) -> String {
    let n = |v: f32| {
        let text = format!("{v:.2}");
        let text = text.trim_end_matches('0').trim_end_matches('.');
        if text == "-0" {
            "0".to_string()
        } else {
            text.to_string()
        }
    };
    let mut out = String::new();
    for segment in path.segments() {
        let part = match segment {
            PathSegment::MoveTo(p) => format!("M{} {}", n(p.x), n(p.y)),
            PathSegment::LineTo(p) => format!("L{} {}", n(p.x), n(p.y)),
            PathSegment::QuadTo(a, p) => format!("Q{} {} {} {}", n(a.x), n(a.y), n(p.x), n(p.y)),
            PathSegment::CubicTo(a, b, p) => format!(
                "C{} {} {} {} {} {}",
                n(a.x),
                n(a.y),
                n(b.x),
                n(b.y),
                n(p.x),
                n(p.y)
            ),
            PathSegment::Close => "Z".to_string(),
        };
        out.push_str(&part);
    }
    out
}

/// An ICO file holding `images`, each (size, PNG bytes): PNG entries, as every browser since 2007 reads.
fn ico(images: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&[0, 0, 1, 0]);
    out.extend_from_slice(&(images.len() as u16).to_le_bytes());
    let mut offset = 6 + 16 * images.len() as u32;
    for (size, png) in images {
        let side = if *size >= 256 { 0 } else { *size as u8 };
        out.extend_from_slice(&[side, side, 0, 0]);
        out.extend_from_slice(&1u16.to_le_bytes());
        out.extend_from_slice(&32u16.to_le_bytes());
        out.extend_from_slice(&(png.len() as u32).to_le_bytes());
        out.extend_from_slice(&offset.to_le_bytes());
        offset += png.len() as u32;
    }
    for (_, png) in images {
        out.extend_from_slice(png);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_icon_file_lists_its_images() {
        let ico = ico(&[(16, vec![1, 2, 3]), (32, vec![4, 5])]);
        assert_eq!(&ico[..6], &[0, 0, 1, 0, 2, 0]);
        assert_eq!(ico[6], 16);
        assert_eq!(u32::from_le_bytes(ico[14..18].try_into().unwrap()), 3);
        assert_eq!(u32::from_le_bytes(ico[18..22].try_into().unwrap()), 38);
        assert_eq!(&ico[38..], &[1, 2, 3, 4, 5]);
    }
}
