//! Translations that know when their original changed: the `[translation]` record written by
//! `site new --translate` and `site translated`, the states `outdated` and `untracked` in `site
//! status`, `--changes` with and without git history, `site check`'s warning, the page's note,
//! and the bad records and paths refused with nothing written.

mod common;

use std::path::Path;
use std::process::Command;

use common::{git, texts, TestSite};
use serde_json::Value;

const NOW: &str = "2025-09-01T12:00";
const ORIGINAL: &str = "content/essays/primeira.pt-BR.md";
const TRANSLATION: &str = "content/essays/primeira.en.md";

fn status(site: &TestSite) -> Value {
    let run = site.site(&["status", "--json", "--now", NOW]);
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", run.stdout, run.stderr))
}

/// The essay of week 1 (`primeira`) in the status JSON.
fn first_essay(site: &TestSite) -> Value {
    status(site)["weeks"][0]["essay"].clone()
}

fn edit(site: &TestSite, rel: &str, from: &str, to: &str) {
    let text = site.read_source(rel);
    assert!(text.contains(from), "{rel} does not hold {from:?}");
    site.write(rel, &text.replacen(from, to, 1));
}

fn commit_all(dir: &Path, message: &str) {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", message]);
}

/// The record's values as TOML reads them.
fn record(site: &TestSite, rel: &str) -> Option<toml::Table> {
    let text = site.read_source(rel);
    let front = text.split("+++").nth(1).unwrap();
    let table: toml::Table = front.parse().unwrap();
    table.get("translation").and_then(|t| t.as_table()).cloned()
}

#[test]
fn new_translate_writes_the_record_that_translated_would() {
    let site = TestSite::fixture("basic");
    let run = site.site(&[
        "new",
        "--translate",
        "content/bulletins/boletim-um.pt-BR.md",
        "--lang",
        "en",
        "--now",
        NOW,
    ]);
    assert!(run.ok, "{}", run.stderr);
    let path = "content/bulletins/boletim-um.en.md";
    let written = record(&site, path).expect("a [translation] table");
    assert_eq!(written["from"].as_str(), Some("pt-BR"));
    assert_eq!(written["hash"].as_str().unwrap().len(), 16);
    let blob = written["blob"].as_str().unwrap();
    let original =
        std::fs::read(site.root().join("content/bulletins/boletim-um.pt-BR.md")).unwrap();
    let mut object = format!("blob {}\0", original.len()).into_bytes();
    object.extend(&original);
    assert_eq!(
        blob,
        sha1_hex(&object),
        "git's blob id of the original's bytes"
    );
    // `site translated` would write the same: it leaves the file alone and says so.
    let before = site.read_source(path);
    let run = site.site(&["translated", path]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("already current: the file is unchanged"),
        "{}",
        run.stdout
    );
    assert_eq!(site.read_source(path), before);
    let desk = status(&site);
    let bulletin = &desk["weeks"][0]["bulletin"];
    assert_eq!(bulletin["original"], "pt-BR");
    assert_eq!(bulletin["languages"]["en"], "draft");
}

fn sha1_hex(bytes: &[u8]) -> String {
    let out = Command::new("git")
        .args(["hash-object", "-t", "blob", "--stdin", "--literally"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            let header_end = bytes.iter().position(|b| *b == 0).unwrap() + 1;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(&bytes[header_end..])?;
            child.wait_with_output()
        })
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn translated_adds_the_record_and_keeps_every_other_byte() {
    let site = TestSite::fixture("basic");
    // A translation written by hand, with CRLF line ends and no record: an untracked pair.
    let by_hand = "+++\r\ntitle = \"The first ruler\"\r\ndate = \"2025-08-05\"\r\nsummary = \"Why measuring first.\"  # kept\r\ntags = [\"measure\"]\r\n+++\r\n\r\nMeasure twice.\r\n";
    site.write(TRANSLATION, by_hand);
    let essay = first_essay(&site);
    assert_eq!(essay["languages"]["pt-BR"], "untracked");
    assert_eq!(essay["languages"]["en"], "untracked");
    assert!(essay["original"].is_null());
    let table = site.site(&["status", "--now", NOW]).stdout;
    // Both live: the table shows their publication beside the missing record.
    let row = table.lines().find(|l| l.contains("primeira")).unwrap();
    assert_eq!(row.matches("pub untr").count(), 2, "{table}");

    let run = site.site(&["translated", TRANSLATION]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stdout.contains(&format!(
            "Recorded {TRANSLATION} as the translation of {ORIGINAL} (pt-BR)"
        )),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Added its [translation] record"),
        "{}",
        run.stdout
    );
    let after = site.read_source(TRANSLATION);
    let record = record(&site, TRANSLATION).unwrap();
    let expected = by_hand.replacen(
        "tags = [\"measure\"]\r\n+++",
        &format!(
            "tags = [\"measure\"]\r\n\r\n[translation]\r\nfrom = \"pt-BR\"\r\nhash = \"{}\"\r\nblob = \"{}\"\r\n+++",
            record["hash"].as_str().unwrap(),
            record["blob"].as_str().unwrap()
        ),
        1,
    );
    assert_eq!(after, expected, "only the record was added");
    let essay = first_essay(&site);
    assert_eq!(essay["original"], "pt-BR");
    assert_eq!(essay["languages"]["pt-BR"], "published");
    assert_eq!(essay["languages"]["en"], "published");

    // Outdated, then recorded again: only the values change, in place.
    edit(&site, ORIGINAL, "Aqui vai", "Aqui segue");
    assert_eq!(first_essay(&site)["languages"]["en"], "outdated");
    let run = site.site(&["translated", TRANSLATION]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stdout.contains("Updated its [translation] record"),
        "{}",
        run.stdout
    );
    let again = site.read_source(TRANSLATION);
    assert_eq!(again.lines().count(), after.lines().count());
    let changed: Vec<(&str, &str)> = after
        .lines()
        .zip(again.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 2, "hash and blob: {changed:?}");
    assert!(changed
        .iter()
        .all(|(a, _)| a.starts_with("hash") || a.starts_with("blob")));
    assert_eq!(first_essay(&site)["languages"]["en"], "published");
}

#[test]
fn outdated_after_an_edit_of_the_original_only() {
    let site = TestSite::fixture("basic");
    assert_eq!(first_essay(&site)["languages"]["en"], "published");
    // The translation's own edits, and the original's publishing details, change nothing.
    edit(
        &site,
        TRANSLATION,
        "A short section.",
        "A short section, reworded.",
    );
    edit(
        &site,
        ORIGINAL,
        "tags = [\"medida\", \"oficina\"]",
        "tags = [\"medida\"]\ndraft = false\nupdated = 2025-08-20",
    );
    let essay = first_essay(&site);
    assert_eq!(essay["languages"]["en"], "published");
    assert_eq!(essay["original"], "pt-BR");
    assert_eq!(status(&site)["totals"]["states"]["en"]["outdated"], 0);
    // The original's words do.
    edit(&site, ORIGINAL, "Um segundo título", "Um segundo subtítulo");
    let desk = status(&site);
    let essay = &desk["weeks"][0]["essay"];
    assert_eq!(essay["languages"]["en"], "outdated");
    assert_eq!(essay["languages"]["pt-BR"], "published");
    assert_eq!(desk["totals"]["states"]["en"]["outdated"], 1);
    // Still counted as published, beside the English-only text.
    assert_eq!(desk["totals"]["states"]["en"]["published"], 2);
    let table = site.site(&["status", "--now", NOW]).stdout;
    let row = table.lines().find(|l| l.contains("primeira")).unwrap();
    assert!(row.contains("pub outd"), "{row}");
    // So does its title.
    edit(&site, ORIGINAL, "Um segundo subtítulo", "Um segundo título");
    assert_eq!(
        first_essay(&site)["languages"]["en"],
        "published",
        "back as recorded"
    );
    edit(&site, ORIGINAL, "A primeira régua", "A primeira trena");
    assert_eq!(first_essay(&site)["languages"]["en"], "outdated");
}

#[test]
fn check_warns_naming_both_files_and_succeeds() {
    let site = TestSite::fixture("basic");
    let clean = site.site(&["check", "--now", NOW]);
    assert!(clean.ok, "{}", clean.stderr);
    assert!(!clean.stderr.contains("outdated"), "{}", clean.stderr);
    edit(&site, ORIGINAL, "Aqui vai", "Aqui segue");
    let run = site.site(&["check", "--now", NOW]);
    assert!(run.ok, "a warning, exit 0: {}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "warning: this translation is outdated: {ORIGINAL} changed after it was translated"
        )),
        "{}",
        run.stderr
    );
    let line = site
        .read_source(TRANSLATION)
        .lines()
        .position(|l| l == "[translation]")
        .unwrap()
        + 1;
    assert!(
        run.stderr.contains(&format!("--> {TRANSLATION}:{line}:1")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&format!("site translated {TRANSLATION}")),
        "{}",
        run.stderr
    );
}

#[test]
fn the_page_says_so_in_its_language_until_recorded() {
    let site = TestSite::fixture("basic");
    // A Portuguese translation of the English-only text, recorded.
    site.write(
        "content/essays/only-english.pt-BR.md",
        "+++\ntitle = \"Só em inglês\"\ndate = 2025-08-12\nsummary = \"Um texto escrito em inglês.\"\n+++\n\nEste foi traduzido.\n",
    );
    for path in [TRANSLATION, "content/essays/only-english.pt-BR.md"] {
        assert!(site.site(&["translated", path]).ok);
    }
    site.build(&["--now", NOW]);
    let page_en = site.output_text("en/essays/primeira/index.html");
    let page_pt = site.output_text("ensaios/only-english/index.html");
    for (page, rel) in [
        (&page_en, "en/essays/primeira/index.html"),
        (&page_pt, "ensaios/only-english/index.html"),
    ] {
        assert!(
            texts(&site.html(rel), ".outdated-note").is_empty(),
            "{page}"
        );
    }
    edit(&site, ORIGINAL, "Aqui vai", "Aqui segue");
    edit(
        &site,
        "content/essays/only-english.en.md",
        "never translated",
        "never translated, once",
    );
    site.build(&["--now", NOW]);
    let sel = scraper::Selector::parse("article .outdated-note").unwrap();
    let doc = site.html("en/essays/primeira/index.html");
    let note = doc
        .select(&sel)
        .next()
        .expect("the note on the English page");
    assert_eq!(note.value().attr("lang"), Some("en"));
    let text: String = note.text().collect();
    assert_eq!(
        text.split_whitespace().collect::<Vec<_>>().join(" "),
        "The original, in Portuguese, was updated after this translation. Read the original"
    );
    let link = note
        .select(&scraper::Selector::parse("a").unwrap())
        .next()
        .unwrap();
    assert_eq!(link.value().attr("href"), Some("/ensaios/primeira/"));
    assert_eq!(link.value().attr("hreflang"), Some("pt-BR"));
    let doc = site.html("ensaios/only-english/index.html");
    let note = texts(&doc, "article .outdated-note");
    assert_eq!(
        note,
        vec!["O original, em inglês, foi atualizado depois desta tradução. Ler o original"]
    );
    let links: Vec<&str> = doc
        .select(&scraper::Selector::parse("article .outdated-note a").unwrap())
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(links, vec!["/en/essays/only-english/"]);
    // So does the email edition, with the original's whole address, in both of its parts.
    let (html, text) = email_edition(&site, "en");
    let doc = scraper::Html::parse_document(&html);
    let note = texts(&doc, "p.outdated");
    assert_eq!(
        note,
        vec!["The original, in Portuguese, was updated after this translation. Read the original"]
    );
    let href = doc
        .select(&scraper::Selector::parse("p.outdated a").unwrap())
        .filter_map(|a| a.value().attr("href"))
        .collect::<Vec<_>>();
    assert!(
        href.len() == 1 && href[0].starts_with("http") && href[0].ends_with("/ensaios/primeira/"),
        "{href:?}"
    );
    assert!(
        text.contains(&format!("Read the original: {}", href[0])),
        "{text}"
    );
    assert!(texts(
        &scraper::Html::parse_document(&email_edition(&site, "pt-BR").0),
        "p.outdated"
    )
    .is_empty());
    // The originals' own pages and the other language's copies carry no note.
    assert!(texts(&site.html("ensaios/primeira/index.html"), ".outdated-note").is_empty());
    assert!(texts(
        &site.html("en/essays/only-english/index.html"),
        ".outdated-note"
    )
    .is_empty());
    // Recorded as current again: the pages are what they were, byte for byte.
    for path in [TRANSLATION, "content/essays/only-english.pt-BR.md"] {
        assert!(site.site(&["translated", path]).ok);
    }
    site.build(&["--now", NOW]);
    assert_eq!(site.output_text("en/essays/primeira/index.html"), page_en);
    assert_eq!(site.output_text("ensaios/only-english/index.html"), page_pt);
    let (html, text) = email_edition(&site, "en");
    assert!(texts(&scraper::Html::parse_document(&html), "p.outdated").is_empty());
    assert!(!text.contains("Read the original"), "{text}");
}

/// The email edition of `primeira` in `lang`: (HTML, plain text).
fn email_edition(site: &TestSite, lang: &str) -> (String, String) {
    let run = site.site(&["email", "primeira", "--lang", lang, "--now", NOW]);
    assert!(run.ok, "site email failed:\n{}", run.stderr);
    let read = |ext: &str| {
        let path = run.stdout.lines().find(|p| p.ends_with(ext)).expect(ext);
        std::fs::read_to_string(site.root().join(path)).unwrap()
    };
    (read(".html"), read(".txt"))
}

/// The basic fixture in a git repository, the translation recorded, then the original edited and committed.
fn edited_in_git(site: &TestSite) {
    git(site.root(), &["init", "-q"]);
    commit_all(site.root(), "the site");
    edit(
        site,
        ORIGINAL,
        "Aqui vai ~~uma~~ a régua.",
        "Aqui vai a régua que uso.",
    );
    edit(
        site,
        ORIGINAL,
        "Um segundo título com o mesmo nome.",
        "Um segundo título com o mesmo nome.\n\nE um parágrafo novo.",
    );
    edit(site, ORIGINAL, "A primeira régua", "A régua primeira");
    commit_all(site.root(), "the original edited");
}

#[test]
fn changes_from_the_recorded_version_in_git() {
    let site = TestSite::fixture("basic");
    edited_in_git(&site);
    let run = site.site(&["status", "--changes", TRANSLATION]);
    assert!(run.ok, "{}", run.stderr);
    let out = run.stdout;
    assert!(
        out.contains(&format!("{TRANSLATION} translates {ORIGINAL} (pt-BR).")),
        "{out}"
    );
    assert!(
        out.contains("From the recorded version (blob 9a8b8210e2) to now"),
        "{out}"
    );
    assert!(
        out.contains("title\n  - A primeira régua\n  + A régua primeira\n"),
        "{out}"
    );
    let source = site.read_source(ORIGINAL);
    let lines: Vec<&str> = source.lines().collect();
    let changed = lines
        .iter()
        .position(|l| l.starts_with("Medir duas vezes"))
        .unwrap()
        + 1;
    let added = lines
        .iter()
        .position(|l| *l == "E um parágrafo novo.")
        .unwrap()
        + 1;
    assert!(
        out.contains(&format!("line {changed}: changed\n  Medir duas vezes")),
        "{out}"
    );
    assert!(
        out.contains("[-~~uma~~-]") && out.contains("{+régua que uso.+}"),
        "{out}"
    );
    assert!(
        out.contains(&format!("line {added}: added\n  + E um parágrafo novo.\n")),
        "{out}"
    );
    assert!(
        out.contains("In the body: 1 paragraph changed, 1 paragraph added, 0 paragraphs removed."),
        "{out}"
    );
    assert!(
        out.contains(&format!("site translated {TRANSLATION}")),
        "{out}"
    );
    // Recorded again: nothing to show.
    assert!(site.site(&["translated", TRANSLATION]).ok);
    let run = site.site(&["status", "--changes", TRANSLATION]);
    assert!(
        run.stdout.contains("nothing to bring over"),
        "{}",
        run.stdout
    );
}

#[test]
fn changes_found_by_content_when_the_recorded_file_was_never_committed() {
    let site = TestSite::fixture("basic");
    git(site.root(), &["init", "-q"]);
    commit_all(site.root(), "the site");
    // Recorded while the original was a draft, a version never committed; then published.
    edit(
        &site,
        ORIGINAL,
        "tags = [\"medida\", \"oficina\"]",
        "tags = [\"medida\", \"oficina\"]\ndraft = true",
    );
    assert!(site.site(&["translated", TRANSLATION]).ok);
    git(site.root(), &["checkout", "-q", "--", ORIGINAL]);
    assert_eq!(first_essay(&site)["languages"]["en"], "published");
    commit_all(site.root(), "recorded");
    edit(&site, ORIGINAL, "Aqui vai", "Aqui segue");
    let run = site.site(&["status", "--changes", TRANSLATION]);
    assert!(run.ok, "{}", run.stderr);
    // The newest commit holding a version that reads as recorded: the first.
    let head = git(site.root(), &["log", "-1", "--format=%H", "--", ORIGINAL])[..10].to_string();
    assert!(
        run.stdout.contains(&format!("(commit {})", head.trim())),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("[-vai-] {+segue+}"), "{}", run.stdout);
}

#[test]
fn changes_without_history_say_what_is_known() {
    // No repository at all.
    let site = TestSite::fixture("basic");
    edit(&site, ORIGINAL, "Aqui vai", "Aqui segue");
    let run = site.site(&["status", "--changes", TRANSLATION]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("cannot be read back: the site is not in a git repository"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("the file was last modified 2"),
        "{}",
        run.stdout
    );

    // A shallow clone, as CI checks out: the recorded version is in a commit it does not have.
    let full = TestSite::fixture("basic");
    edited_in_git(&full);
    let shallow = tempfile::tempdir().unwrap();
    let url = format!("file://{}", full.root().display());
    git(
        shallow.path(),
        &["clone", "-q", "--depth", "1", &url, "site"],
    );
    let root = shallow.path().join("site");
    let run = full.site_in(
        shallow.path(),
        &[
            "--root",
            root.to_str().unwrap(),
            "status",
            "--changes",
            TRANSLATION,
        ],
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(run.stdout.contains("The original changed after the translation was recorded, but the recorded version cannot be read back: this clone is shallow"), "{}", run.stdout);
    assert!(
        run.stdout.contains("git fetch --unshallow"),
        "{}",
        run.stdout
    );
    let date = git(&root, &["log", "-1", "--format=%cs %h the original edited"]);
    assert!(
        run.stdout
            .contains(&format!("its last commit is {}", date.trim())),
        "{}",
        run.stdout
    );
}

#[test]
fn bad_records_are_errors_at_their_line() {
    let cases = [
        (
            "from = \"pt-BR\"",
            "from = \"fr\"",
            "names `fr` as the original's language, which the site does not have",
        ),
        (
            "from = \"pt-BR\"",
            "from = \"en\"",
            "says this text was translated from en, its own language",
        ),
        (
            "hash = \"",
            "hash = \"xyz",
            "`hash` in [translation] is not 16 lowercase hexadecimal digits",
        ),
        (
            "from = \"pt-BR\"",
            "from = \"pt-BR\"\nby = \"Ana\"",
            "unknown field `by`",
        ),
    ];
    for (from, to, message) in cases {
        let site = TestSite::fixture("basic");
        edit(&site, TRANSLATION, from, to);
        let before = site.read_source(TRANSLATION);
        let last = to.lines().last().unwrap();
        let line = before.lines().position(|l| l.starts_with(last)).unwrap() + 1;
        for args in [vec!["build", "--now", NOW], vec!["translated", TRANSLATION]] {
            let run = site.site(&args);
            assert!(!run.ok, "{args:?} with {to}");
            assert!(
                run.stderr.contains(message),
                "{args:?} {to}: {}",
                run.stderr
            );
            assert!(
                run.stderr.contains(&format!("--> {TRANSLATION}:{line}:")),
                "{args:?} {to}: {}",
                run.stderr
            );
            assert_eq!(site.read_source(TRANSLATION), before, "nothing written");
        }
    }
}

#[test]
fn translated_refuses_what_is_no_translation() {
    let site = TestSite::fixture("basic");
    site.write("notes/primeira.en.md", "+++\ntitle = \"x\"\n+++\n");
    let cases = [
        (
            "content/essays/only-english.en.md",
            "this text is written only in en: it is no translation",
        ),
        (
            ORIGINAL,
            &format!("this is the original: {TRANSLATION} records it as its original") as &str,
        ),
        ("notes/primeira.en.md", "this is not a text of the site"),
        ("../primeira.en.md", "this is not a text of the site"),
    ];
    for (path, message) in cases {
        let files: Vec<String> = [
            ORIGINAL,
            TRANSLATION,
            "content/essays/only-english.en.md",
            "notes/primeira.en.md",
        ]
        .iter()
        .map(|f| site.read_source(f))
        .collect();
        let run = site.site(&["translated", path]);
        assert!(!run.ok, "{path}");
        assert!(run.stderr.contains(message), "{path}: {}", run.stderr);
        assert!(
            run.stderr.contains("--> "),
            "{path}: names a file: {}",
            run.stderr
        );
        let after: Vec<String> = [
            ORIGINAL,
            TRANSLATION,
            "content/essays/only-english.en.md",
            "notes/primeira.en.md",
        ]
        .iter()
        .map(|f| site.read_source(f))
        .collect();
        assert_eq!(files, after, "{path}: nothing written");
    }
}

#[test]
fn the_shipped_site_has_every_translation_recorded_and_current() {
    let site = TestSite::shipped();
    let run = site.site(&["status", "--json", "--now", "2026-01-13T10:00"]);
    let desk: Value = serde_json::from_str(&run.stdout).unwrap();
    let mut pairs = 0;
    for week in desk["weeks"].as_array().unwrap() {
        for kind in ["essay", "bulletin"] {
            let entry = &week[kind];
            if entry.is_null() {
                continue;
            }
            let written: Vec<&str> = entry["languages"]
                .as_object()
                .unwrap()
                .iter()
                .filter(|(_, s)| *s != "missing")
                .map(|(c, _)| c.as_str())
                .collect();
            assert!(entry["original"].is_string(), "{entry}");
            for state in entry["languages"].as_object().unwrap().values() {
                assert!(state != "outdated" && state != "untracked", "{entry}");
            }
            if written.len() > 1 {
                pairs += 1;
                assert_eq!(entry["original"], "pt-BR", "{entry}");
            } else {
                assert_eq!(entry["original"], written[0]);
            }
        }
    }
    assert_eq!(pairs, 6);
    for code in ["pt-BR", "en"] {
        assert_eq!(desk["totals"]["states"][code]["outdated"], 0);
        assert_eq!(desk["totals"]["states"][code]["untracked"], 0);
    }
}
