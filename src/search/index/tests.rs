//! Parts indexed here against Pagefind's index of the same records: the same entry, the same
//! pages and fields, every word with the same pages, positions, weights and written forms, and
//! the same fragments.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use proptest::prelude::*;

use crate::search::format::{self, Chunk, Meta, Word};
use crate::search::part::{self, Page};
use crate::search::record::Record;

/// A part's files as compared: the entry without the metadata's name, the metadata without its
/// chunk ranges, every word with its pages numbered from the first, the fragments unzipped.
#[derive(Debug, PartialEq)]
struct Seen {
    entry: serde_json::Value,
    meta: Option<Meta>,
    words: Vec<Word>,
    fragments: BTreeMap<String, Vec<u8>>,
}

fn seen(files: &BTreeMap<String, Vec<u8>>) -> Seen {
    let mut entry: serde_json::Value =
        serde_json::from_slice(&files["pagefind-entry.json"]).unwrap();
    for language in entry["languages"].as_object_mut().unwrap().values_mut() {
        language.as_object_mut().unwrap().remove("hash");
    }
    let mut meta: Option<Meta> = files
        .iter()
        .find(|(name, _)| name.ends_with(".pf_meta"))
        .map(|(_, bytes)| format::read(bytes).unwrap());
    let mut words = Vec::new();
    if let Some(meta) = &mut meta {
        for chunk in std::mem::take(&mut meta.index_chunks) {
            let bytes = &files[&format!("index/{}.pf_index", chunk.hash)];
            let chunk: Chunk = format::read(bytes).unwrap();
            words.extend(crate::search::tests::numbered(chunk));
        }
    }
    let fragments = files
        .iter()
        .filter(|(name, _)| name.starts_with("fragment/"))
        .map(|(name, bytes)| (name.clone(), format::unzip(bytes).unwrap()))
        .collect();
    Seen {
        entry,
        meta,
        words,
        fragments,
    }
}

fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().replace('\\', "/"),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Indexes `records` as a part here and with Pagefind, and checks the two are the same.
fn same_as_pagefind(records: &[Record]) {
    let refs: Vec<&Record> = records.iter().collect();
    assert!(super::part(&refs).is_some(), "indexed here");
    let cache = tempfile::tempdir().unwrap();
    let pages = || records.iter().cloned().map(Page::Record).collect();
    part::build_pages(cache.path(), "xx", "k", pages()).unwrap();
    let ours = files_under(&part::dir(cache.path(), "xx", "k"));
    let (theirs, _) = part::pagefind_files(pages()).unwrap();
    let theirs: BTreeMap<String, Vec<u8>> = theirs.into_iter().collect();
    let (ours, theirs) = (seen(&ours), seen(&theirs));
    assert_eq!(ours.entry, theirs.entry);
    assert_eq!(ours.meta, theirs.meta);
    assert_eq!(ours.words.len(), theirs.words.len());
    for (a, b) in ours.words.iter().zip(&theirs.words) {
        assert_eq!(a, b);
    }
    assert_eq!(
        ours.fragments.keys().collect::<Vec<_>>(),
        theirs.fragments.keys().collect::<Vec<_>>()
    );
    assert_eq!(ours, theirs);
}

fn record(url: &str, language: &str, digest: &str, meta: &[(&str, &str)]) -> Record {
    Record {
        url: url.into(),
        language: language.into(),
        digest: digest.into(),
        meta: meta
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    }
}

/// Words that take each of Pagefind's paths: punctuation, compounds (hyphens, camel case, dots,
/// apostrophes), accents and ligatures, other scripts and cases, digits, emoji, katakana, word
/// symbols, zero-width spaces, and text that looks like its markers.
const TRICKY: &[&str] = &[
    "palavra,",
    "(Então",
    "“aspas”",
    "—",
    "e-mail",
    "CamelCase",
    "XMLHttpRequest",
    "U.S.A.",
    "sysconfig.is_python_build",
    "a.b.Cde",
    "v1.2.3",
    "café",
    "Ação!",
    "naïve",
    "2024",
    "1º",
    "3,14",
    "R$",
    "😀",
    "👍🏽",
    "#hashtag",
    "✓",
    "½",
    "İstanbul",
    "ΣΊΣΥΦΟΣ",
    "straße",
    "ﬁm",
    "カタカナテスト",
    "バンド",
    "ハンド",
    "日本語",
    "한국어",
    "e\u{301}",
    "_under_score",
    "‿",
    "a",
    ".",
    "...",
    "'",
    "l'été",
    "d’água",
    "don't",
    "x²",
    "Ⅻ",
    "١٢٣",
    "\u{200B}",
    "a\u{200B}b",
    "ℌ",
    "ÆRØ",
    "ǅemal",
    "Łódź",
    "__init__",
    "snake_case_word",
    "kebab-case-word",
    "ponto.final.",
    "1.000,50",
    "10%",
    "C++",
    "C#",
    "node.js",
    "e.g.",
    "aí",
    "pôr",
    "através",
    "ações",
    "questões",
    "___PAGEFIND_WEIGHT___x",
    "___PAGEFIND_ROOT___",
    "___END_PAGEFIND_WEIGHT___extra",
];

#[test]
fn tricky_words_are_indexed_as_pagefind_indexes_them() {
    let text = TRICKY.join(" ");
    for language in ["pt-br", "en", "de", "tr", "el", "ja", "xx"] {
        let records = vec![
            // No words: not in the index (and first, so the language's scripts come from
            // elsewhere).
            record("/c/", language, "— ... · \u{200B}", &[("title", "Vazio")]),
            record(
                "/a/",
                language,
                &text,
                &[("title", "Título: CamelCase café 😀")],
            ),
            record(
                "/b/",
                language,
                &format!(
                    "___PAGEFIND_AUTO_WEIGHT___7 {text} ___END_PAGEFIND_WEIGHT___ resto \
                     ___PAGEFIND_WEIGHT___0 zero ___END_PAGEFIND_WEIGHT___ \
                     ___PAGEFIND_WEIGHT___2.5 ___PAGEFIND_AUTO_WEIGHT___3 dentro \
                     ___END_PAGEFIND_WEIGHT___ ___END_PAGEFIND_WEIGHT___ \
                     ___PAGEFIND_WEIGHT___99 muito ___END_PAGEFIND_WEIGHT___ \
                     ___END_PAGEFIND_WEIGHT___ ___END_PAGEFIND_WEIGHT___ sem peso"
                ),
                &[
                    ("kind", "Ensaio de terça ___PAGEFIND_X___ fim"),
                    ("title", "Ações — questões"),
                    ("when", "Semana 1 · 17 de março"),
                ],
            ),
            record("/d/", language, "texto pouco", &[]),
        ];
        same_as_pagefind(&records);
    }
}

#[test]
fn the_shipped_sites_pages_are_indexed_as_pagefind_indexes_them() {
    let pages = crate::search::tests::shipped_pages();
    for lang in ["pt-br", "en"] {
        let records: Vec<Record> = pages
            .iter()
            .filter_map(|(path, html)| crate::search::record::read(path, html))
            .filter(|r| r.language == lang)
            .collect();
        assert!(records.len() >= 5, "{lang}: {} pages", records.len());
        same_as_pagefind(&records);
    }
}

#[test]
fn records_of_two_languages_or_one_url_twice_are_left_to_pagefind() {
    let a = record("/a/", "pt-br", "um texto", &[]);
    let b = record("/b/", "en", "a text", &[]);
    assert!(super::part(&[&a, &b]).is_none());
    assert!(super::part(&[&a, &a]).is_none());
    let unknown = record("/u/", "unknown", "um texto", &[]);
    assert!(super::part(&[&unknown]).is_none());
    let anchor = record("/n/", "pt-br", "um ___PAGEFIND_ANCHOR___h2:0:x texto", &[]);
    assert!(super::part(&[&anchor]).is_none());
}

/// A word of the generated texts: a tricky one, or letters, marks, digits and punctuation.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(TRICKY).prop_map(str::to_string),
        "[a-zA-Zçãéíóúâêôàü0-9'’.,:;!?()\\-_/&%#@*+=“”«»—–…·°ºª€$😀🎉🇧🇷\u{301}\u{200B}カナ日]{1,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_text_is_indexed_as_pagefind_indexes_it(
        texts in prop::collection::vec(prop::collection::vec(word(), 0..60), 1..5),
        titles in prop::collection::vec(prop::collection::vec(word(), 0..6), 5),
        language in prop::sample::select(&["pt-br", "en", "fr", "xx"][..]),
    ) {
        let records: Vec<Record> = texts
            .iter()
            .enumerate()
            .map(|(i, words)| {
                let title = titles[i].join(" ");
                record(&format!("/t{i}/"), language, &words.join(" "), &[("title", &title)])
            })
            .collect();
        same_as_pagefind(&records);
    }
}
