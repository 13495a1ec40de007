//! The site's mark: drawn from its title in its accent (or from a drawing of its own) for the
//! favicons the site does not provide and for every social card.

mod common;

use common::TestSite;

/// A fixture site without Durante's favicons, as `site init` makes one.
fn unmarked() -> TestSite {
    let site = TestSite::fixture("basic");
    site.remove("static/favicon.svg");
    site.remove("static/favicon.ico");
    site
}

/// The images of an ICO file: (width, height, PNG bytes).
fn icons(ico: &[u8]) -> Vec<(u32, u32, Vec<u8>)> {
    assert_eq!(&ico[..4], &[0, 0, 1, 0], "an icon file");
    let count = u16::from_le_bytes([ico[4], ico[5]]) as usize;
    (0..count)
        .map(|i| {
            let entry = &ico[6 + 16 * i..6 + 16 * (i + 1)];
            let len = u32::from_le_bytes(entry[8..12].try_into().unwrap()) as usize;
            let at = u32::from_le_bytes(entry[12..16].try_into().unwrap()) as usize;
            let png = ico[at..at + len].to_vec();
            let (w, h, _) = decode(&png);
            assert_eq!((u32::from(entry[0]), u32::from(entry[1])), (w, h));
            (w, h, png)
        })
        .collect()
}

/// A PNG's width, height and RGBA pixels.
fn decode(png: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::ALPHA);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

/// The colour of pixel (x, y) of an RGBA image `width` wide, as `#rrggbb`.
fn pixel(rgba: &[u8], width: u32, x: u32, y: u32) -> String {
    let i = ((y * width + x) * 4) as usize;
    format!("#{:02x}{:02x}{:02x}", rgba[i], rgba[i + 1], rgba[i + 2])
}

/// The favicon.svg of the build: its ground's colour and whether it draws a letter.
fn drawing(site: &TestSite) -> (String, usize) {
    let svg = site.output_text("favicon.svg");
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let fill = doc
        .descendants()
        .find(|n| n.has_tag_name("rect"))
        .and_then(|n| n.attribute("fill"))
        .unwrap()
        .to_string();
    let paths = doc.descendants().filter(|n| n.has_tag_name("path")).count();
    (fill, paths)
}

#[test]
fn a_site_without_favicons_gets_its_initial_in_its_accent() {
    let site = unmarked();
    site.build(&[]);
    assert_eq!(drawing(&site), ("#9a3412".to_string(), 1));
    let svg = site.output_text("favicon.svg");
    assert!(
        !svg.contains("<text"),
        "the letter is drawn as outlines: {svg}"
    );
    let icons = icons(&std::fs::read(site.out().join("favicon.ico")).unwrap());
    let sizes: Vec<u32> = icons.iter().map(|(w, _, _)| *w).collect();
    assert_eq!(sizes, [16, 32, 48]);
    // The icon is the drawing: the accent at the edge, the letter's light ink in the middle.
    let (w, _, rgba) = decode(&icons[2].2);
    assert_eq!(pixel(&rgba, w, 3, 24), "#9a3412");
    let ink = (0..w)
        .filter(|&x| pixel(&rgba, w, x, 24) == "#fffaf3")
        .count();
    assert!(ink > 2, "the letter crosses the middle row");
    // Every page links the favicon, and `site check` finds it.
    let home = site.html("index.html");
    assert_eq!(
        common::attr(&home, "link[rel=icon]", "href"),
        "/favicon.svg"
    );
    let check = site.site(&["check"]);
    assert!(check.ok, "{}", check.stderr);
}

#[test]
fn the_accent_colours_the_mark_and_the_cards() {
    let site = unmarked();
    let config = site.read_source("site.toml");
    site.write(
        "site.toml",
        &format!("{config}\n[mark]\naccent = \"#1D4ED8\"\nletter = \"k\"\n"),
    );
    site.build(&[]);
    assert_eq!(drawing(&site), ("#1d4ed8".to_string(), 1));
    let (w, h, rgba) = decode(&std::fs::read(site.out().join("card.png")).unwrap());
    assert_eq!((w, h), (1200, 630));
    // The bar on top, and the mark's ground beside the site's name (its left edge, halfway down).
    assert_eq!(pixel(&rgba, w, 600, 8), "#1d4ed8");
    assert_eq!(pixel(&rgba, w, 82, 554), "#1d4ed8");
    let unmarked_card = {
        let other = unmarked();
        other.build(&[]);
        std::fs::read(other.out().join("card.png")).unwrap()
    };
    assert_ne!(
        std::fs::read(site.out().join("card.png")).unwrap(),
        unmarked_card,
        "a new accent draws the cards again"
    );
}

#[test]
fn a_drawing_of_the_sites_own_is_its_mark() {
    let site = unmarked();
    let logo = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5" fill="#0a7d33"/></svg>"##;
    site.write("static/logo.svg", logo);
    let config = site.read_source("site.toml");
    site.write(
        "site.toml",
        &format!("{config}\n[mark]\nimage = \"static/logo.svg\"\n"),
    );
    site.build(&[]);
    assert_eq!(site.output_text("favicon.svg"), logo);
    let icons = icons(&std::fs::read(site.out().join("favicon.ico")).unwrap());
    let (w, _, rgba) = decode(&icons[1].2);
    assert_eq!(pixel(&rgba, w, 16, 16), "#0a7d33");
    let (w, _, rgba) = decode(&std::fs::read(site.out().join("card.png")).unwrap());
    assert_eq!(
        pixel(&rgba, w, 104, 554),
        "#0a7d33",
        "the card draws the logo"
    );
}

#[test]
fn favicons_in_static_are_the_sites_own() {
    // The fixture has the repository's static/, Durante's favicons in it.
    let site = TestSite::fixture("basic");
    site.build(&[]);
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in ["favicon.svg", "favicon.ico"] {
        assert_eq!(
            std::fs::read(site.out().join(name)).unwrap(),
            std::fs::read(repo.join("static").join(name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn a_mark_that_cannot_be_drawn_is_an_error_at_its_line() {
    let site = unmarked();
    let config = site.read_source("site.toml");
    site.write(
        "site.toml",
        &format!("{config}\n[mark]\naccent = \"blue\"\n"),
    );
    let run = site.site(&["build"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("error: `blue` is not a colour"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("accent = \"#9a3412\""),
        "{}",
        run.stderr
    );
    site.write(
        "site.toml",
        &format!("{config}\n[mark]\nimage = \"static/missing.svg\"\n"),
    );
    let run = site.site(&["build"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("--> static/missing.svg")
            && run.stderr.contains("cannot read the site's mark"),
        "{}",
        run.stderr
    );
    site.write(
        "site.toml",
        &format!("{config}\n[mark]\nimage = \"static/logo.png\"\n"),
    );
    let run = site.site(&["build"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("is not an SVG file"), "{}", run.stderr);
}
