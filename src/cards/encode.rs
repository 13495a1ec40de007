//! A drawn card to PNG bytes: an exact palette image when it has few colours (a flat design with
//! anti-aliased text has about a hundred), RGB otherwise.

use resvg::tiny_skia::Pixmap;

/// Encodes `pixmap`, which must be opaque (the drawing paints every pixel: the ground, or white).
///
/// A palette PNG of a card is about a quarter smaller than tiny-skia's RGBA `encode_png` and,
/// with the fast deflate the palette allows, about five times quicker to write.
pub(crate) fn png(pixmap: &Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    let (width, height) = (pixmap.width(), pixmap.height());
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_depth(png::BitDepth::Eight);
    let data = match palette(pixmap.data(), width as usize) {
        Some((palette, indices)) => {
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_palette(palette);
            // With its adaptive row filters: fdeflate relies on them (unfiltered, a card is ten
            // times larger; with `Up` alone, a quarter larger for a tenth less time).
            encoder.set_compression(png::Compression::Fast);
            indices
        }
        None => {
            encoder.set_filter(png::Filter::Adaptive);
            encoder.set_color(png::ColorType::Rgb);
            encoder.set_compression(png::Compression::Balanced);
            rgb(pixmap.data())
        }
    };
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&data)?;
    writer.finish()?;
    Ok(out)
}

/// The colours of opaque RGBA `pixels`, rows of `width` (at most 256 colours, in order of first
/// use) and each pixel's index into them; `None` when there are more.
fn palette(pixels: &[u8], width: usize) -> Option<(Vec<u8>, Vec<u8>)> {
    // Open addressing over the pixel as one u32: at most 256 colours in 1,024 slots, so a look-up
    // is a probe or two (a general hash map cost more than drawing the card).
    const SLOTS: usize = 1024;
    // Pixels compared a block at a time: most of a card is long runs of one colour (paper, ink).
    const BLOCK: usize = 16;
    let mut keys = [0u32; SLOTS];
    let mut values = [0u8; SLOTS];
    let mut used = [false; SLOTS];
    let mut palette = Vec::new();
    let mut count = 0usize;
    let mut indices = vec![0u8; pixels.len() / 4];
    let (mut last, mut last_index) = (None::<u32>, 0u8);
    // The last colour, as one word of two pixels, to compare a block with.
    let mut run = 0u64;
    let pixel = |p: &[u8]| u32::from_le_bytes([p[0], p[1], p[2], p[3]]);
    let row_bytes = 4 * width.max(1);
    for (y, row) in pixels.chunks(row_bytes).enumerate() {
        let at = y * width;
        // A row like the one above (the margins, the space between lines) has its indices.
        if y > 0 && row == &pixels[row_bytes * (y - 1)..row_bytes * y] {
            indices.copy_within(at - width..at, at);
            continue;
        }
        let out_row = &mut indices[at..at + row.len() / 4];
        for (block, out) in row.chunks(4 * BLOCK).zip(out_row.chunks_mut(BLOCK)) {
            if last.is_some() && same(block, run) {
                out.fill(last_index);
                continue;
            }
            for (p, index) in block.chunks_exact(4).zip(out.iter_mut()) {
                let colour = pixel(p);
                if last != Some(colour) {
                    let mut slot = (colour.wrapping_mul(0x9e37_79b1) >> 22) as usize % SLOTS;
                    last_index = loop {
                        if !used[slot] {
                            let i = u8::try_from(count).ok()?;
                            used[slot] = true;
                            keys[slot] = colour;
                            values[slot] = i;
                            count += 1;
                            palette.extend_from_slice(&p[..3]);
                            break i;
                        }
                        if keys[slot] == colour {
                            break values[slot];
                        }
                        slot = (slot + 1) % SLOTS;
                    };
                    last = Some(colour);
                    run = u64::from(colour) | u64::from(colour) << 32;
                }
                *index = last_index;
            }
        }
    }
    Some((palette, indices))
}

/// Whether every pixel of `block` is the colour repeated in `run` (two pixels to a word: a
/// comparison the compiler keeps in registers, where a slice comparison was a call to memcmp).
fn same(block: &[u8], run: u64) -> bool {
    let words = block.chunks_exact(8);
    let tail = words.remainder();
    let pair = run.to_le_bytes();
    words.fold(true, |all, w| {
        all & (u64::from_le_bytes(w.try_into().unwrap_or_default()) == run)
    }) && tail.chunks_exact(4).all(|p| p == &pair[..4])
}

fn rgb(pixels: &[u8]) -> Vec<u8> {
    pixels
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use resvg::tiny_skia::{Color, Paint, Rect, Transform};

    fn decode(bytes: &[u8]) -> (png::ColorType, Vec<u8>) {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut pixels).unwrap();
        (
            reader.info().color_type,
            pixels[..info.buffer_size()].to_vec(),
        )
    }

    #[test]
    fn few_colours_make_an_exact_palette_image() {
        let mut pixmap = Pixmap::new(40, 20).unwrap();
        pixmap.fill(Color::from_rgba8(0xf7, 0xf3, 0xec, 255));
        let mut paint = Paint::default();
        paint.set_color_rgba8(0x9a, 0x34, 0x12, 255);
        let rect = Rect::from_xywh(5.0, 5.0, 10.5, 7.5).unwrap();
        pixmap.fill_rect(rect, &paint, Transform::identity(), None);
        let (colour_type, pixels) = decode(&png(&pixmap).unwrap());
        assert_eq!(colour_type, png::ColorType::Indexed);
        assert_eq!(pixels, rgb(pixmap.data()), "lossless");
    }

    #[test]
    fn many_colours_make_an_rgb_image() {
        let mut pixmap = Pixmap::new(30, 30).unwrap();
        for (i, p) in pixmap.data_mut().chunks_exact_mut(4).enumerate() {
            p.copy_from_slice(&[(i % 256) as u8, (i / 256) as u8, 7, 255]);
        }
        let (colour_type, pixels) = decode(&png(&pixmap).unwrap());
        assert_eq!(colour_type, png::ColorType::Rgb);
        assert_eq!(pixels, rgb(pixmap.data()));
    }
}
