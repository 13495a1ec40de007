//! The files kept beside a text: `content/essays/SLUG/` holds the images and attachments of the text
//! `SLUG`, published with its page in every language, and the size of each image, so pages can
//! reserve its space before it loads.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::content::Kind;

/// One file of a text's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Its path inside the folder, with `/` (`diagrama.png`, `fotos/bancada.jpg`).
    pub rel: String,
    /// Its path from the site's root.
    pub source: PathBuf,
    /// Width and height in CSS pixels, for PNG, JPEG, GIF, WebP and SVG.
    pub size: Option<(u32, u32)>,
}

/// Every text's files, by (kind, slug).
#[derive(Debug, Clone, Default)]
pub struct Assets {
    by_text: BTreeMap<(Kind, String), Vec<Asset>>,
}

impl Assets {
    /// Reads the size of each image among `files` (kind, slug, path inside the folder, path from the root).
    pub fn read(root: &Path, files: Vec<(Kind, String, String, PathBuf)>) -> Assets {
        let mut by_text: BTreeMap<(Kind, String), Vec<Asset>> = BTreeMap::new();
        for (kind, slug, rel, source) in files {
            let size = dimensions(&root.join(&source));
            by_text
                .entry((kind, slug))
                .or_default()
                .push(Asset { rel, source, size });
        }
        Assets { by_text }
    }

    pub fn of(&self, kind: Kind, slug: &str) -> &[Asset] {
        self.by_text
            .get(&(kind, slug.to_string()))
            .map_or(&[], Vec::as_slice)
    }

    /// Every text that has files: (kind, slug) and its files.
    pub fn iter(&self) -> impl Iterator<Item = (&(Kind, String), &Vec<Asset>)> {
        self.by_text.iter()
    }

    /// Puts a text's files in place of what was known of them (serve, after a change in its folder).
    pub fn replace(&mut self, kind: Kind, slug: &str, files: Vec<Asset>) {
        if files.is_empty() {
            self.by_text.remove(&(kind, slug.to_string()));
        } else {
            self.by_text.insert((kind, slug.to_string()), files);
        }
    }
}

/// Finds `url`, as a text links it, among its files: a relative path that stays in its folder.
/// `Some(None)` when it names a file of the folder that is not there; `None` when it points elsewhere.
pub fn lookup<'a>(files: &'a [Asset], url: &str) -> Option<Option<&'a Asset>> {
    let rel = crate::url::folder_path(url)?;
    Some(files.iter().find(|a| a.rel == rel))
}

/// The size of an image file: PNG, JPEG, GIF and WebP from their headers, SVG from its root element.
pub fn dimensions(path: &Path) -> Option<(u32, u32)> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    if ext == "svg" {
        let text = std::fs::read_to_string(path).ok()?;
        return svg_size(&text);
    }
    if !matches!(ext.as_str(), "png" | "jpg" | "jpeg" | "gif" | "webp") {
        return None;
    }
    let size = imagesize::size(path).ok()?;
    Some((
        u32::try_from(size.width).ok()?,
        u32::try_from(size.height).ok()?,
    ))
}

/// `width` and `height` of the `<svg>` element in pixels, else its `viewBox`.
fn svg_size(text: &str) -> Option<(u32, u32)> {
    let mut attributes: Option<[Option<String>; 3]> = None;
    crate::html::scan(text, "svg", |svg| {
        attributes.get_or_insert_with(|| ["width", "height", "viewbox"].map(|a| svg.get(a)));
    });
    let [width, height, view_box] = attributes?;
    let pixels = |v: &str| -> Option<u32> {
        let number = v.strip_suffix("px").unwrap_or(v);
        let n: f64 = number.trim().parse().ok()?;
        (n > 0.0).then(|| n.round() as u32)
    };
    if let (Some(w), Some(h)) = (
        width.as_deref().and_then(pixels),
        height.as_deref().and_then(pixels),
    ) {
        return Some((w, h));
    }
    let view: Vec<f64> = view_box?
        .split([' ', ','])
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    match view.as_slice() {
        [_, _, w, h] if *w > 0.0 && *h > 0.0 => Some((w.round() as u32, h.round() as u32)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_sizes_from_attributes_or_view_box() {
        assert_eq!(
            svg_size(r#"<?xml?><svg xmlns="x" width="120" height="80px">"#),
            Some((120, 80))
        );
        assert_eq!(
            svg_size(r#"<svg viewBox="0 0 300.4 150">"#),
            Some((300, 150))
        );
        assert_eq!(
            svg_size(r#"<svg width="100%" viewBox="0,0,40,20">"#),
            Some((40, 20))
        );
        assert_eq!(svg_size("<svg>"), None);
    }

    #[test]
    fn raster_sizes_from_their_headers() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            path
        };
        // GIF: the logical screen after the signature, little-endian.
        let gif = write("a.gif", b"GIF89a\x40\x01\xf0\x00\x00\x00\x00;");
        assert_eq!(dimensions(&gif), Some((320, 240)));
        // JPEG: the frame header (SOF0) gives height, then width.
        let jpeg = write(
            "a.JPG",
            &[
                0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0x2C, 0x02, 0x58, 0x03, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xD9,
            ],
        );
        assert_eq!(dimensions(&jpeg), Some((600, 300)));
        // WebP (VP8X): the canvas size minus one, 24 bits each.
        let mut webp = b"RIFF\x1e\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x00\x00\x00\x00".to_vec();
        webp.extend([0x7F, 0x02, 0x00, 0xDF, 0x01, 0x00]);
        assert_eq!(dimensions(&write("a.webp", &webp)), Some((640, 480)));
        let svg = write(
            "a.svg",
            br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 90 30"></svg>"#,
        );
        assert_eq!(dimensions(&svg), Some((90, 30)));
        assert_eq!(dimensions(&write("notas.pdf", b"%PDF")), None);
        assert_eq!(dimensions(&write("quebrada.png", b"not a png")), None);
    }
}
