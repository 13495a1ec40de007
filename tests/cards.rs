//! The social card renderer over the shipped template and fonts: size, glyphs, wrapping, the
//! overlong-title warning, the cache, and the problems of a broken template.

use std::fs;
use std::path::{Path, PathBuf};

use fieldnotes::cards::{Card, CardCache, CardRenderer, CardWarning, HEIGHT, WIDTH};
use fieldnotes::diagnostics::Severity;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn renderer() -> CardRenderer {
    CardRenderer::new(root()).unwrap_or_else(|problems| panic!("{problems:#?}"))
}

fn card(title: &str) -> Card<'_> {
    Card {
        lang: "pt-BR",
        kicker: "Ensaio de terça · Semana 2",
        title,
        site_name: "Durante",
        footer: "durante.example",
    }
}

/// Width, height and RGB pixels of a PNG (a palette image is expanded).
fn decode(png: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().expect("a PNG header");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a sane size")];
    let info = reader.next_frame(&mut pixels).expect("a PNG frame");
    assert_eq!(
        info.color_type,
        png::ColorType::Rgb,
        "opaque: no alpha channel"
    );
    pixels.truncate(info.buffer_size());
    (info.width, info.height, pixels)
}

/// How many pixels between rows `top` and `bottom` are darker than the paper (the ink of text).
fn dark_pixels(png: &[u8], top: u32, bottom: u32) -> usize {
    let (width, _, pixels) = decode(png);
    pixels
        .chunks(3)
        .enumerate()
        .filter(|(i, _)| (top..bottom).contains(&((*i as u32) / width)))
        .filter(|(_, p)| u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2]) < 3 * 100)
        .count()
}

#[test]
fn the_card_is_an_opaque_1200_by_630_png() {
    let rendered = renderer()
        .render(&card("Consertar também é construir"), None)
        .unwrap();
    let (width, height, pixels) = decode(&rendered.png);
    assert_eq!((width, height), (WIDTH, HEIGHT));
    assert_eq!((width, height), (1200, 630));
    assert!(rendered.warnings.is_empty(), "{:?}", rendered.warnings);
    // The paper colour of the site's palette fills the corner below the accent band.
    let corner = &pixels[(40 * width as usize + 10) * 3..][..3];
    assert_eq!(corner, [0xf7, 0xf3, 0xec]);
}

#[test]
fn renderer_is_shared_between_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<CardRenderer>();
    shared::<CardCache>();
}

#[test]
fn portuguese_accents_are_drawn_not_boxed() {
    let r = renderer();
    let title = "Ação, coração e pôr-do-sol: é às três que ê e õ";
    let accented = r.render(&card(title), None).unwrap();
    assert!(accented.warnings.is_empty(), "{:?}", accented.warnings);
    let plain = r
        .render(
            &card("Acao, coracao e por-do-sol: e as tres que e e o"),
            None,
        )
        .unwrap();
    let empty = r.render(&card(""), None).unwrap();
    // The title band (between the kicker and the rule) has ink only when there is a title, and
    // more of it with the accents on.
    let (top, bottom) = (140, 500);
    assert_eq!(dark_pixels(&empty.png, top, bottom), 0);
    assert!(dark_pixels(&plain.png, top, bottom) > 10_000);
    assert!(dark_pixels(&accented.png, top, bottom) > dark_pixels(&plain.png, top, bottom));
    assert_eq!(
        r.fit_title(title).lines.concat().replace(' ', ""),
        title.replace(' ', "")
    );
}

#[test]
fn a_character_the_font_lacks_is_a_warning() {
    let rendered = renderer().render(&card("Notas 日本"), None).unwrap();
    assert_eq!(
        rendered.warnings,
        [CardWarning::MissingGlyphs(vec!['日', '本'])]
    );
    let d = rendered.warnings[0].to_diagnostic(Path::new("content/essays/x.md"));
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.message.contains("U+65E5"), "{}", d.message);
}

#[test]
fn a_short_title_is_one_line_at_the_largest_size() {
    let r = renderer();
    let short = r.fit_title("Nomes");
    let long = r.fit_title(
        "Semana 7: o ajudante aprendeu a citar as notas, as fontes e até as exceções à regra",
    );
    assert_eq!(short.lines, ["Nomes"]);
    assert!(!short.truncated);
    assert!((2..=3).contains(&long.lines.len()), "{:?}", long.lines);
    assert!(long.size <= short.size);
    assert!(!long.truncated);
}

#[test]
fn a_long_title_wraps_into_at_most_three_lines_and_shrinks() {
    let r = renderer();
    let largest = r.fit_title("Estimativa é previsão do tempo").size;
    let title = "Sobre a arte de não terminar nada: anotações, rascunhos e versões abandonadas pelo caminho";
    let fitted = r.fit_title(title);
    assert_eq!(fitted.lines.len(), 3, "{:?}", fitted.lines);
    assert!(fitted.size < largest, "{} < {largest}", fitted.size);
    assert!(!fitted.truncated);
    assert_eq!(fitted.lines.join(" "), title, "nothing is lost");
    let rendered = r.render(&card(title), None).unwrap();
    assert!(rendered.warnings.is_empty(), "{:?}", rendered.warnings);
}

#[test]
fn the_drawn_title_stays_inside_the_margins() {
    let title =
        "Semana 7: o ajudante aprendeu a citar as notas, as fontes e até as exceções à regra";
    let (width, _, pixels) = decode(&renderer().render(&card(title), None).unwrap().png);
    let ink_at = |x: usize, y: usize| {
        let p = &pixels[(y * width as usize + x) * 3..][..3];
        p.iter().map(|c| u32::from(*c)).sum::<u32>() < 3 * 100
    };
    let outside = (140..500).any(|y| (0..76).chain(1124..1200).any(|x| ink_at(x, y)));
    assert!(!outside, "the title is drawn in the 80-pixel margins");
    assert!(
        (140..500).any(|y| (1000..1124).any(|x| ink_at(x, y))),
        "a long line nears the edge"
    );
}

#[test]
fn an_overlong_title_is_cut_with_an_ellipsis_and_warns() {
    let r = renderer();
    let title = "Sobre a arte de não terminar nada: anotações, rascunhos, versões abandonadas, \
                 promessas de refatoração e a estranha satisfação de começar de novo toda \
                 segunda-feira de manhã, antes do café";
    let fitted = r.fit_title(title);
    assert!(fitted.truncated);
    assert_eq!(fitted.lines.len(), 3);
    assert!(fitted.lines[2].ends_with('…'), "{:?}", fitted.lines);
    let smallest = r.fit_title(&format!("{title} {title}")).size;
    assert_eq!(fitted.size, smallest, "cut only at the smallest size");

    let rendered = r.render(&card(title), None).unwrap();
    let [CardWarning::TitleTruncated { shown }] = &rendered.warnings[..] else {
        panic!("{:?}", rendered.warnings);
    };
    assert!(shown.ends_with('…') && title.starts_with(shown.trim_end_matches('…')));
    let d = rendered.warnings[0].to_diagnostic(Path::new("content/essays/arte.pt-BR.md"));
    assert_eq!(d.file, Path::new("content/essays/arte.pt-BR.md"));
    assert_eq!(d.severity, Severity::Warning);
}

#[test]
fn one_endless_word_is_cut_across_lines() {
    let fitted = renderer().fit_title(&"palavra".repeat(40));
    assert_eq!(fitted.lines.len(), 3);
    assert!(fitted.truncated);
}

#[test]
fn markup_in_the_strings_is_text() {
    let r = renderer();
    let hostile = Card {
        lang: "en",
        kicker: "<b>Kicker</b> & \"quotes\" 'too'",
        title: "</text><script>alert(1)</script> & ]]> <!-- x",
        site_name: "A & B",
        footer: "x\u{1}y\u{7f}",
    };
    let rendered = r.render(&hostile, None).unwrap();
    assert_eq!(decode(&rendered.png).0, WIDTH);
}

#[test]
fn the_cache_returns_the_same_card_without_drawing() {
    let dir = tempfile::tempdir().unwrap();
    let cache = CardCache::at(dir.path().join("cards"));
    let r = renderer();
    let c = card("Estimativa é previsão do tempo");

    let first = r.render(&c, Some(&cache)).unwrap();
    assert!(!first.cached);
    assert_eq!(r.draws(), 1);
    let second = r.render(&c, Some(&cache)).unwrap();
    assert!(second.cached);
    assert_eq!(second.png, first.png);
    assert_eq!(r.draws(), 1, "a hit is not drawn");

    // Another renderer (the next build) finds it too.
    let next = renderer();
    assert!(next.render(&c, Some(&cache)).unwrap().cached);
    assert_eq!(next.draws(), 0);
}

#[test]
fn any_changed_input_misses_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let cache = CardCache::at(dir.path().join("cards"));
    let r = renderer();
    let base = card("Estimativa é previsão do tempo");
    r.render(&base, Some(&cache)).unwrap();
    let variants = [
        Card { lang: "en", ..base },
        Card {
            kicker: "Ensaio de terça · Semana 3",
            ..base
        },
        Card {
            title: "Estimativa é previsão do tempo!",
            ..base
        },
        Card {
            site_name: "Outro",
            ..base
        },
        Card { footer: "", ..base },
    ];
    for v in &variants {
        assert_ne!(r.cache_key(v), r.cache_key(&base), "{v:?}");
        assert!(!r.render(v, Some(&cache)).unwrap().cached, "{v:?}");
    }
    assert_eq!(r.draws(), 1 + variants.len());
    // Whitespace that the card does not show does not make a new card.
    let spaced = Card {
        title: "  Estimativa é\n previsão do tempo ",
        ..base
    };
    assert_eq!(r.cache_key(&spaced), r.cache_key(&base));
}

#[test]
fn a_changed_template_or_font_misses_the_cache() {
    let site = copy_of_card_files();
    let base = card("Estimativa é previsão do tempo");
    let key = CardRenderer::new(site.path()).unwrap().cache_key(&base);

    let svg = site.path().join("templates/card.svg");
    let text = fs::read_to_string(&svg).unwrap();
    fs::write(&svg, text.replace("#f7f3ec", "#ffffff")).unwrap();
    let after_template = CardRenderer::new(site.path()).unwrap().cache_key(&base);
    assert_ne!(after_template, key);

    let font = site.path().join("static/fonts/Caladea-Regular.ttf");
    let mut bytes = fs::read(&font).unwrap();
    bytes.push(0);
    fs::write(&font, bytes).unwrap();
    assert_ne!(
        CardRenderer::new(site.path()).unwrap().cache_key(&base),
        after_template
    );
}

#[test]
fn a_damaged_cache_entry_is_drawn_again() {
    let dir = tempfile::tempdir().unwrap();
    let cache = CardCache::at(dir.path().join("cards"));
    let r = renderer();
    let c = card("Logs são cartas para o seu eu do futuro");
    let good = r.render(&c, Some(&cache)).unwrap().png;
    let hex = r.cache_key(&c).hex();
    let entry = cache
        .dir()
        .join(&hex[..2])
        .join(format!("{}.png", &hex[2..]));
    assert_eq!(fs::read(&entry).unwrap(), good);

    for damage in [&good[..good.len() / 2], b"not a png", b""] {
        fs::write(&entry, damage).unwrap();
        let again = r.render(&c, Some(&cache)).unwrap();
        assert!(!again.cached);
        assert_eq!(again.png, good);
        assert_eq!(fs::read(&entry).unwrap(), good, "the entry is repaired");
    }
    // An entry that cannot be read (a folder in its place) is a miss, and the card still renders.
    fs::remove_file(&entry).unwrap();
    fs::create_dir(&entry).unwrap();
    assert_eq!(r.render(&c, Some(&cache)).unwrap().png, good);
}

#[test]
fn parallel_rendering_matches_one_at_a_time() {
    let titles: Vec<String> = (1..=12)
        .map(|i| format!("Semana {i}: notas de campo nº {i}"))
        .collect();
    let cards: Vec<Card> = titles.iter().map(|t| card(t)).collect();
    let dir = tempfile::tempdir().unwrap();
    let cache = CardCache::at(dir.path().join("cards"));
    let r = renderer();
    let parallel = r.render_all(&cards, Some(&cache));
    assert_eq!(r.draws(), cards.len());
    for (c, result) in cards.iter().zip(&parallel) {
        assert_eq!(result.as_ref().unwrap().png, r.render(c, None).unwrap().png);
    }
    let again = r.render_all(&cards, Some(&cache));
    assert!(again.iter().all(|r| r.as_ref().unwrap().cached));
    assert_eq!(r.draws(), 2 * cards.len(), "only the uncached renders drew");
}

/// A site folder holding only what the card renderer reads.
fn copy_of_card_files() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for rel in ["templates/card.svg", "templates/card.toml"] {
        copy(&root().join(rel), &dir.path().join(rel));
    }
    for entry in fs::read_dir(root().join("static/fonts")).unwrap() {
        let path = entry.unwrap().path();
        copy(
            &path,
            &dir.path()
                .join("static/fonts")
                .join(path.file_name().unwrap()),
        );
    }
    dir
}

fn copy(from: &Path, to: &PathBuf) {
    fs::create_dir_all(to.parent().unwrap()).unwrap();
    fs::copy(from, to).unwrap();
}

fn problems(site: &Path) -> Vec<String> {
    match CardRenderer::new(site) {
        Ok(_) => Vec::new(),
        Err(ds) => ds
            .iter()
            .map(|d| format!("{}:{}: {}", d.file.display(), d.line, d.message))
            .collect(),
    }
}

#[test]
fn missing_files_are_all_reported() {
    let empty = tempfile::tempdir().unwrap();
    let found = problems(empty.path());
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(
        found[0].starts_with("templates/card.svg:0: cannot read"),
        "{found:#?}"
    );
    assert!(
        found[1].starts_with("templates/card.toml:0: cannot read"),
        "{found:#?}"
    );
    assert!(
        found[2].starts_with("static/fonts:0: cannot read"),
        "{found:#?}"
    );
}

#[test]
fn a_typo_in_the_title_box_names_its_line() {
    let site = copy_of_card_files();
    let path = site.path().join("templates/card.toml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("max_lines =", "max_line =")).unwrap();
    let ds = CardRenderer::new(site.path()).err().unwrap();
    assert_eq!(ds.len(), 1);
    assert_eq!(ds[0].file, Path::new("templates/card.toml"));
    assert!(
        ds[0].line > 1 && ds[0].message.contains("max_line"),
        "{:?}",
        ds[0]
    );
    assert_eq!(ds[0].help.as_deref(), Some("did you mean `max_lines`?"));

    fs::write(
        &path,
        text.replace("family = \"Caladea\"", "family = \"Comic\""),
    )
    .unwrap();
    let found = problems(site.path());
    assert_eq!(
        found,
        ["templates/card.toml:0: no font in static/fonts/ has the family `Comic`"]
    );
}

#[test]
fn a_broken_template_is_an_error_naming_it() {
    let site = copy_of_card_files();
    let svg = site.path().join("templates/card.svg");
    let text = fs::read_to_string(&svg).unwrap();

    fs::write(&svg, text.replace("{{ kicker }}", "{{ kicker ")).unwrap();
    assert!(problems(site.path())[0].starts_with("templates/card.svg:0:"));

    fs::write(
        &svg,
        text.replace("height=\"{{ height }}\"", "height=\"600\""),
    )
    .unwrap();
    let r = CardRenderer::new(site.path()).unwrap();
    let d = r.render(&card("x"), None).unwrap_err();
    assert_eq!(d.file, Path::new("templates/card.svg"));
    assert!(d.message.contains("1200×600"), "{}", d.message);

    fs::write(&svg, text.replace("</svg>", "")).unwrap();
    let r = CardRenderer::new(site.path()).unwrap();
    let d = r.render(&card("x"), None).unwrap_err();
    assert!(d.message.contains("valid SVG"), "{}", d.message);
}
