//! A writer's own newsletter, end to end: `site init` in a fresh clone, the site's title, taglines
//! and descriptions set, a text written and published in each language, built and sent as an email
//! edition; no output carries Durante's words or its mark.

mod common;

use std::collections::BTreeSet;
use std::io::Read as _;
use std::path::Path;

use common::TestSite;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The words of `text`, lowercase.
fn words_of(text: &str) -> BTreeSet<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

/// The words of what every site shares: the interface's translations, the templates and the static
/// files (but Durante's favicons).
fn shared_words() -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    for folder in ["i18n", "templates", "static"] {
        for (file, text) in texts(&repo().join(folder)) {
            if !file.starts_with("favicon.") {
                words.extend(words_of(&text));
            }
        }
    }
    words
}

/// The phrases and words that are Durante's and no other site's, read from this repository's
/// `site.toml` (where its words live): every value that names or describes it, and every longer
/// word of its own sentences that the shared interface does not use too.
fn durante_words() -> (Vec<String>, BTreeSet<String>) {
    let config: toml::Table =
        toml::from_str(&std::fs::read_to_string(repo().join("site.toml")).unwrap()).unwrap();
    let host = |url: &str| {
        url.split_once("://")
            .map_or(url, |(_, r)| r)
            .split('/')
            .next()
            .unwrap()
            .to_string()
    };
    let mut phrases = vec![
        config["title"].as_str().unwrap().to_string(),
        config["author"].as_str().unwrap().to_string(),
        host(config["base_url"].as_str().unwrap()),
        config["contact_email"].as_str().unwrap().to_string(),
        config["subscribe"]["action"].as_str().unwrap().to_string(),
    ];
    let mut words = BTreeSet::new();
    for language in config["languages"].as_array().unwrap() {
        for key in ["tagline", "description", "motto", "footer", "readers_noun"] {
            let value = language[key].as_str().unwrap();
            phrases.push(value.to_string());
            words.extend(
                words_of(value)
                    .into_iter()
                    .filter(|w| w.chars().count() >= 6),
            );
        }
    }
    let shared = shared_words();
    words.retain(|w| !shared.contains(w));
    assert!(
        phrases.len() > 10 && words.len() > 10,
        "{phrases:?} {words:?}"
    );
    (phrases, words)
}

/// Durante's mark: its favicons' bytes and the drawing of its letter (the `d` of its path).
fn durante_mark() -> (Vec<Vec<u8>>, String) {
    let svg = std::fs::read_to_string(repo().join("static/favicon.svg")).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let path = doc
        .descendants()
        .find_map(|n| n.attribute("d"))
        .expect("Durante's favicon draws its D as a path")
        .to_string();
    let icons = ["static/favicon.svg", "static/favicon.ico"]
        .iter()
        .map(|f| std::fs::read(repo().join(f)).unwrap())
        .collect();
    (icons, path)
}

/// The text of every file under `dir`: as it is, or unzipped (the search index's parts); none for
/// pictures.
fn texts(dir: &Path) -> Vec<(String, String)> {
    common::files(dir)
        .into_iter()
        .filter_map(|rel| {
            let bytes = std::fs::read(dir.join(&rel)).unwrap();
            let bytes = match bytes.starts_with(&[0x1f, 0x8b]) {
                true => {
                    let mut out = Vec::new();
                    flate2::read::GzDecoder::new(bytes.as_slice())
                        .read_to_end(&mut out)
                        .unwrap();
                    out
                }
                false => bytes,
            };
            let text = String::from_utf8(bytes).ok()?;
            Some((rel.to_string_lossy().into_owned(), text))
        })
        .collect()
}

/// The RGBA pixels of the social card's badge (48×48 at (80, 530), as templates/card.svg places it).
fn badge(png: &[u8]) -> Vec<u8> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::ALPHA);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!((info.width, info.height), (1200, 630));
    let mut out = Vec::new();
    for y in 530..578 {
        let row = (y * 1200 + 80) * 4;
        out.extend_from_slice(&buf[row..row + 48 * 4]);
    }
    out
}

/// `site.toml` with `key = …` lines (the first `count` of them, in order) set to `values`.
fn set(toml: &str, key: &str, values: &[&str]) -> String {
    let mut values = values.iter();
    toml.lines()
        .map(|line| {
            let bare = line.trim_start_matches("# ");
            match bare.starts_with(&format!("{key} = ")) {
                true => match values.next() {
                    Some(v) => format!("{key} = \"{v}\""),
                    None => line.to_string(),
                },
                false => line.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const ESSAY_PT: &str = "+++
title = \"O que a maré ensina sobre esperar\"
date = 2026-03-17
summary = \"A maré não tem pressa, e o barco também não precisa ter.\"
tags = [\"mar\", \"paciência\"]
+++

Na vazante, o barco fica deitado na lama e parece perdido. Seis horas depois, flutua de novo.

## O relógio da água

Quem mora perto do porto aprende a ler a tábua de marés antes da previsão do tempo.
";

const ESSAY_EN: &str = "+++
title = \"What the tide teaches about waiting\"
date = 2026-03-17
summary = \"The tide is in no hurry, and the boat need not be either.\"
tags = [\"sea\", \"patience\"]
+++

At low water the boat lies in the mud and looks lost. Six hours later it floats again.

## The water's clock

Whoever lives near the harbour learns to read the tide table before the weather forecast.
";

#[test]
fn a_writers_own_site_carries_none_of_durantes_words_or_marks() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    // A fresh clone: `.git`, a README, a LICENSE.
    std::fs::create_dir_all(root.join(".git/refs/heads")).unwrap();
    std::fs::write(root.join(".git/HEAD"), "ref: refs/heads/master\n").unwrap();
    std::fs::write(root.join("README.md"), "# Cartas da Maré\n").unwrap();
    std::fs::write(root.join("LICENSE"), "MIT License\n").unwrap();
    let site = TestSite { dir: tmp };
    // A Wednesday: the arc starts on Tuesday 2026-03-17.
    let run = site.site_in(site.root(), &["init", ".", "--now", "2026-03-11T09:00"]);
    assert!(run.ok, "{}", run.stderr);

    let toml = site.read_source("site.toml");
    let toml = set(&toml, "title", &["Cartas da Maré"]);
    let toml = set(&toml, "author", &["Inês"]);
    let toml = set(&toml, "base_url", &["https://cartas.example/"]);
    let toml = set(
        &toml,
        "tagline",
        &[
            "Cartas sobre o mar e o que ele ensina",
            "Letters about the sea and what it teaches",
        ],
    );
    let toml = set(
        &toml,
        "description",
        &[
            "Uma carta por semana sobre marés, barcos e paciência.",
            "A letter a week about tides, boats and patience.",
        ],
    );
    site.write("site.toml", &toml);
    site.remove("content/essays/por-que-escrever-toda-semana.pt-BR.md");
    site.remove("content/bulletins/primeira-semana.pt-BR.md");
    site.write("content/essays/o-que-a-mare-ensina.pt-BR.md", ESSAY_PT);
    site.write("content/essays/o-que-a-mare-ensina.en.md", ESSAY_EN);

    let check = site.site(&["check", "--now", "2026-03-20T12:00"]);
    assert!(check.ok, "{}", check.stderr);
    let build = site.build(&["--now", "2026-03-20T12:00"]);
    assert!(build.ok, "{}", build.stderr);
    let email = site.site(&["email", "o-que-a-mare-ensina", "--now", "2026-03-20T12:00"]);
    assert!(email.ok, "{}", email.stderr);

    // The site is the writer's: its words are on its pages, in both languages.
    let home = site.html("index.html");
    assert_eq!(
        common::attr(&home, "meta[name=description]", "content"),
        "Uma carta por semana sobre marés, barcos e paciência."
    );
    let home_en = site.html("en/index.html");
    assert!(common::text(&home_en, "h1").contains("Letters about the sea"));
    assert!(site.exists("ensaios/o-que-a-mare-ensina/index.html"));
    assert!(site.exists("en/essays/o-que-a-mare-ensina/index.html"));

    let (phrases, words) = durante_words();
    let mut outputs = texts(&site.out());
    outputs.extend(
        texts(&site.root().join("email"))
            .into_iter()
            .map(|(f, t)| (format!("email/{f}"), t)),
    );
    assert!(outputs.iter().any(|(f, _)| f.starts_with("email/")));
    assert!(outputs.iter().any(|(f, _)| f.ends_with(".xml")));
    let mut found = Vec::new();
    for (file, text) in &outputs {
        let lower = text.to_lowercase();
        for phrase in &phrases {
            if lower.contains(&phrase.to_lowercase()) {
                found.push(format!("{file}: “{phrase}”"));
            }
        }
        let own: BTreeSet<String> = lower
            .split(|c: char| !c.is_alphabetic())
            .map(String::from)
            .collect();
        for word in words.intersection(&own) {
            found.push(format!("{file}: {word}"));
        }
    }
    assert!(found.is_empty(), "Durante's words: {found:#?}");

    let (icons, d) = durante_mark();
    let svg = site.output_text("favicon.svg");
    assert!(!svg.contains(&d), "the favicon draws Durante's D: {svg}");
    for file in common::files(&site.out()) {
        let bytes = std::fs::read(site.out().join(&file)).unwrap();
        assert!(!icons.contains(&bytes), "{} is Durante's", file.display());
    }
    // Every card's badge is the site's own: not Durante's D (its home card, drawn by the same
    // template, shows what the D looks like there).
    let durante = TestSite::shipped();
    assert!(durante.build(&["--now", "2026-12-01T12:00"]).ok);
    let d_badge = badge(&std::fs::read(durante.out().join("card.png")).unwrap());
    let cards: Vec<_> = common::files(&site.out())
        .into_iter()
        .filter(|f| f.ends_with("card.png"))
        .collect();
    assert_eq!(
        cards.len(),
        4,
        "the homes' and the essay's cards: {cards:?}"
    );
    for card in cards {
        let own = badge(&std::fs::read(site.out().join(&card)).unwrap());
        let differ = own
            .chunks(4)
            .zip(d_badge.chunks(4))
            .filter(|(a, b)| a.iter().zip(*b).any(|(x, y)| x.abs_diff(*y) > 48))
            .count();
        assert!(
            differ > 48 * 48 / 20,
            "{}: its badge is Durante's D ({differ} pixels differ)",
            card.display()
        );
    }
}
