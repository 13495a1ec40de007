//! The search index's cache (`.cache/search/`) and the card cache as a build uses them: a rebuild is
//! the cold build byte for byte, cached files are linked rather than copied, and a new text indexes
//! its own part of the index again.

mod common;

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::SystemTime;

use common::{assert_same_files, TestSite};

const NOW: &str = "2030-01-01T00:00";

/// The parts of a language's index in the cache, with when each was written.
fn parts(site: &TestSite, lang: &str) -> BTreeMap<String, SystemTime> {
    std::fs::read_dir(site.root().join(".cache/search").join(lang))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("part-"))
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, e.metadata().unwrap().modified().unwrap())
        })
        .collect()
}

fn page_count(site: &TestSite, bundle: &str, lang: &str) -> u64 {
    let entry: serde_json::Value =
        serde_json::from_str(&site.output_text(&format!("{bundle}/pagefind-entry.json"))).unwrap();
    entry["languages"][lang]["page_count"].as_u64().unwrap()
}

fn essay(title: &str, date: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndate = {date}\nsummary = \"Um resumo.\"\n+++\n\n\
         Um parágrafo sobre ferramentas de medição e a paciência da bancada.\n"
    )
}

#[test]
fn a_rebuild_from_the_cache_is_the_cold_build_byte_for_byte() {
    let site = TestSite::fixture("delivery");
    site.build(&["--now", NOW]);
    let cold = tempfile::tempdir().unwrap();
    let cold_out = cold.path().join("out");
    std::fs::rename(site.out(), &cold_out).unwrap();
    assert!(site.root().join(".cache/search").is_dir());

    site.build(&["--now", NOW]);
    let count = assert_same_files(&cold_out, &site.out());
    assert!(count > 40, "{count} files");

    // Cards and the index's files come from the cache as links: nothing read and written again.
    for rel in ["ensaios/amanha/card.png", "pagefind/pagefind.js"] {
        let links = std::fs::metadata(site.out().join(rel)).unwrap().nlink();
        assert!(links >= 2, "{rel} has {links} link(s)");
    }
    let fragments = site.out().join("pagefind/fragment");
    let fragment = std::fs::read_dir(&fragments)
        .unwrap()
        .flatten()
        .next()
        .unwrap();
    assert!(fragment.metadata().unwrap().nlink() >= 2);

    // And with the cache gone, the same again.
    std::fs::remove_dir_all(site.root().join(".cache")).unwrap();
    site.build(&["--now", NOW]);
    assert_same_files(&cold_out, &site.out());
}

#[test]
fn a_new_text_indexes_only_its_own_part_again() {
    let site = TestSite::fixture("delivery");
    // A year after the arc's start: the texts' second part (of 52 weeks).
    site.write(
        "content/essays/longe.pt-BR.md",
        &essay("Um ano depois", "2027-03-02"),
    );
    site.build(&["--now", NOW]);
    let before = parts(&site, "pt-BR");
    assert_eq!(before.len(), 2, "{before:?}");
    let indexed = page_count(&site, "pagefind", "pt-br");

    site.write(
        "content/essays/mais-longe.pt-BR.md",
        &essay("Uma dependência a menos", "2027-03-09"),
    );
    site.build(&["--now", NOW]);
    let after = parts(&site, "pt-BR");
    assert_eq!(after.len(), 2, "the replaced part is removed: {after:?}");
    let kept: Vec<_> = before
        .iter()
        .filter(|(name, written)| after.get(*name) == Some(written))
        .collect();
    assert_eq!(kept.len(), 1, "the first part is reused as it was");
    assert_eq!(page_count(&site, "pagefind", "pt-br"), indexed + 1);

    // The merged index holds a word only the new text has (stemmed and folded, as Pagefind stores it).
    let merged = site.out().join("pagefind");
    assert!(
        index_has_word(&merged, "depend"),
        "the stem of “dependência”"
    );
}

/// Whether some chunk of the bundle at `dir` holds `word` (the chunks are gzipped CBOR; the word is
/// stored as plain UTF-8 inside).
fn index_has_word(dir: &Path, word: &str) -> bool {
    use std::io::Read;
    std::fs::read_dir(dir.join("index"))
        .unwrap()
        .flatten()
        .any(|chunk| {
            let gz = std::fs::read(chunk.path()).unwrap();
            let mut raw = Vec::new();
            flate2::read::GzDecoder::new(&gz[..])
                .read_to_end(&mut raw)
                .unwrap();
            raw.windows(word.len()).any(|w| w == word.as_bytes())
        })
}
