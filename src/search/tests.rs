//! The merged index against the one Pagefind writes for the same pages at once.

use std::fs;
use std::path::Path;

use super::format::{self, Chunk, Meta, Word};
use super::part;

/// `count` pages of made-up Portuguese, accents included, long enough that every part has
/// several chunks.
fn pages(count: usize) -> Vec<(String, String)> {
    let stems = [
        "dependência",
        "ação",
        "caminho",
        "nome",
        "tempo",
        "ofício",
        "cidade",
        "memória",
    ];
    (0..count)
        .map(|i| {
            let words: Vec<String> = (0..2500)
                .map(|w| format!("{}{}", stems[(i * 7 + w) % stems.len()], (w * 13 + i) % 211))
                .collect();
            let html = format!(
                "<!doctype html><html lang=\"pt-BR\"><head><title>t</title></head><body>\
                 <article data-pagefind-body><h1>Página {i} da dependência</h1>\
                 <p data-pagefind-meta=\"kind\">Ensaio</p><p>{}</p></article></body></html>",
                words.join(" ")
            );
            (format!("textos/{i}/index.html"), html)
        })
        .collect()
}

fn meta_of(dir: &Path) -> Meta {
    let name = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.ends_with(".pf_meta"))
        .unwrap();
    format::read(&fs::read(dir.join(name)).unwrap()).unwrap()
}

/// Every word of an index with its pages numbered from the first.
fn words_of(dir: &Path, meta: &Meta) -> Vec<Word> {
    let mut all = Vec::new();
    for chunk in &meta.index_chunks {
        let path = dir.join("index").join(format!("{}.pf_index", chunk.hash));
        let chunk: Chunk = format::read(&fs::read(path).unwrap()).unwrap();
        all.extend(numbered(chunk));
    }
    all
}

/// A chunk's words with their pages numbered from the first (a chunk holds the differences).
pub(super) fn numbered(chunk: Chunk) -> Vec<Word> {
    let undelta = |pages: &mut Vec<format::WordPage>| {
        let mut page = 0;
        for p in pages {
            page += p.page;
            p.page = page;
        }
    };
    let mut words = chunk.words;
    for w in &mut words {
        undelta(&mut w.pages);
        w.variants.iter_mut().for_each(|v| undelta(&mut v.pages));
    }
    words
}

#[test]
fn parts_merged_are_the_index_of_all_pages_at_once() {
    merged_is_whole(pages(21));
}

#[test]
fn parts_with_other_metadata_fields_merge_as_one_index() {
    // The later pages name an author: the first part's fields are numbered otherwise than the
    // merged index's, so its pages are renumbered rather than copied.
    let mut all = pages(21);
    for (path, html) in all.iter_mut().skip(8) {
        let author = format!("<p data-pagefind-meta=\"autor\">Autora de {path}</p></article>");
        *html = html.replace("</article>", &author);
    }
    merged_is_whole(all);
}

/// Pagefind's own files for `pages` ((output path, HTML)), written into a new folder.
pub(super) fn pagefind_made(pages: &[(String, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let pages = pages
        .iter()
        .map(|(path, html)| part::Page::Html(path.clone(), html.clone()))
        .collect();
    let (own, _) = part::pagefind_files(pages).unwrap();
    for (rel, bytes) in own {
        let dest = dir.path().join(rel);
        fs::create_dir_all(dest.parent().unwrap()).unwrap();
        fs::write(dest, bytes).unwrap();
    }
    dir
}

/// Indexes `all` at once with Pagefind, and here in three parts, and checks that the parts
/// merged are Pagefind's index of all at once.
fn merged_is_whole(all: Vec<(String, String)>) {
    let cache = tempfile::tempdir().unwrap();
    let pagefind = pagefind_made(&all);
    let keys = ["a", "b", "c"];
    for (key, range) in keys.iter().zip([0..8, 8..9, 9..21]) {
        part::build(cache.path(), "pt-BR", key, all[range].to_vec()).unwrap();
    }
    let (files, used) = part::bundle(cache.path(), "pt-BR", &keys, "pagefind/").unwrap();
    assert_eq!(used.len(), 4, "three parts and the merged index");
    for key in keys {
        // Gzip's XFL byte: 4 at the fastest level (the parts made here), 2 at Pagefind's best.
        let dir = part::dir(cache.path(), "pt-BR", key).join("index");
        for chunk in fs::read_dir(dir).unwrap() {
            let bytes = fs::read(chunk.unwrap().path()).unwrap();
            assert_eq!(bytes[8], 4, "part {key} indexed here, not by Pagefind");
        }
    }

    let out = tempfile::tempdir().unwrap();
    for (rel, source) in &files {
        let dest = out.path().join(rel);
        fs::create_dir_all(dest.parent().unwrap()).unwrap();
        fs::copy(source, dest).unwrap();
    }
    let bundle = out.path().join("pagefind");
    let whole = pagefind.path();
    let (merged_meta, whole_meta) = (meta_of(&bundle), meta_of(whole));
    assert!(whole_meta.index_chunks.len() > 3, "several chunks");
    assert_eq!(merged_meta, whole_meta);
    assert_eq!(
        words_of(&bundle, &merged_meta),
        words_of(whole, &whole_meta)
    );
    let accented = words_of(&bundle, &merged_meta)
        .into_iter()
        .find(|w| w.word.starts_with("dependencia"))
        .expect("the word, accents folded");
    assert!(accented
        .variants
        .iter()
        .any(|v| v.form.starts_with("dependência")));

    // Every page's fragment, and the entry naming the merged metadata with every page.
    for page in &merged_meta.pages {
        let name = format!("fragment/{}.pf_fragment", page.hash);
        assert!(bundle.join(&name).is_file(), "{name}");
    }
    let entry: serde_json::Value =
        serde_json::from_slice(&fs::read(bundle.join("pagefind-entry.json")).unwrap()).unwrap();
    let lang = &entry["languages"]["pt-br"];
    assert_eq!(lang["page_count"], 21);
    assert!(bundle
        .join(format!(
            "pagefind.{}.pf_meta",
            lang["hash"].as_str().unwrap()
        ))
        .is_file());
    assert!(bundle.join("pagefind.js").is_file() && bundle.join("wasm.pt-br.pagefind").is_file());
}

#[test]
fn the_entry_names_the_pagefind_this_cache_is_keyed_by() {
    let made = pagefind_made(&pages(1));
    let text = fs::read_to_string(made.path().join("pagefind-entry.json")).unwrap();
    let entry: serde_json::Value = serde_json::from_str(&text).unwrap();
    let version = entry["version"].as_str().unwrap();
    assert!(
        super::FORMAT.ends_with(&format!("pagefind {version}")),
        "bump FORMAT for Pagefind {version}"
    );
}

/// The indexed pages of the shipped site (`site.toml`, `content/`…), built into a new folder:
/// (output path, HTML).
pub(super) fn shipped_pages() -> Vec<(String, String)> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for entry in ["site.toml", "content", "templates", "i18n", "static"] {
        for file in walkdir::WalkDir::new(repo.join(entry)) {
            let file = file.unwrap();
            let dest = dir.path().join(file.path().strip_prefix(repo).unwrap());
            if file.file_type().is_dir() {
                std::fs::create_dir_all(&dest).unwrap();
            } else {
                std::fs::copy(file.path(), &dest).unwrap();
            }
        }
    }
    let output = dir.path().join("public");
    crate::build::build(&crate::build::Options {
        root: dir.path().to_path_buf(),
        output: output.clone(),
        base_url: None,
        drafts: false,
        now: crate::schedule::Now::Local(
            chrono::NaiveDate::from_ymd_opt(2200, 1, 1)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap(),
        ),
    })
    .unwrap();
    let mut pages = Vec::new();
    for file in walkdir::WalkDir::new(&output).sort_by_file_name() {
        let file = file.unwrap();
        let html = std::fs::read_to_string(file.path()).unwrap_or_default();
        if file.path().extension().is_some_and(|e| e == "html")
            && html.contains("data-pagefind-body")
        {
            let path = file.path().strip_prefix(&output).unwrap();
            pages.push((path.to_string_lossy().replace('\\', "/"), html));
        }
    }
    pages
}
