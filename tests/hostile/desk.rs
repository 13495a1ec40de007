//! The writer's desk under hostile input: `site translated` on front matter a line editor would
//! misread, `--changes` on a large rewrite, `site new` and `site init` on hostile names and paths,
//! and tags and dates no page can hold.

use super::*;
use crate::common::git;

const ORIGINAL: &str = "content/essays/primeira.pt-BR.md";
const TRANSLATION: &str = "content/essays/primeira.en.md";

/// The translation's front matter as TOML reads it.
fn front(site: &TestSite) -> toml::Table {
    let text = site.read_source(TRANSLATION);
    let mut parts = text.splitn(3, "+++\n");
    parts.next();
    parts.next().unwrap().parse().unwrap()
}

/// Runs `site translated` on `by_hand` as the translation; the file after, and the run's output.
fn translated(by_hand: &str) -> (TestSite, String, String) {
    let site = TestSite::fixture("basic");
    site.write(TRANSLATION, by_hand);
    let run = site.site(&["translated", TRANSLATION]);
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let after = site.read_source(TRANSLATION);
    (site, after, run.stdout)
}

#[test]
fn translated_edits_a_quoted_header_as_the_same_table() {
    let by_hand = "+++\ntitle = \"The first ruler\"  # the title\ndate = \"2025-08-05\"\nsummary = \"Why measuring first.\"\n\n# Recorded by hand.\n[ \"translation\" ]   # quoted\nfrom   =   'pt-BR'\nhash = \"0000000000000000\"   # stale\n\n# the end\n+++\n\nMeasure twice.\n";
    let (site, after, _) = translated(by_hand);
    let table = front(&site);
    let record = table["translation"].as_table().unwrap();
    assert_eq!(record["from"].as_str(), Some("pt-BR"));
    let hash = record["hash"].as_str().unwrap();
    let blob = record["blob"].as_str().unwrap();
    assert_ne!(hash, "0000000000000000");
    assert_eq!(
        after,
        by_hand.replace(
            "hash = \"0000000000000000\"   # stale\n",
            &format!("hash = \"{hash}\"   # stale\nblob = \"{blob}\"\n")
        ),
        "only the values changed, every comment and space kept"
    );
    // The site builds: no second [translation] table.
    let run = site.site(&["check"]);
    assert!(run.ok, "{}", run.stderr);
}

#[test]
fn translated_leaves_a_header_inside_a_multi_line_summary_alone() {
    let summary =
        "summary = \"\"\"\nWhy measuring first.\n[translation]\nfrom = \"pt-BR\"\n\"\"\"\n";
    let by_hand = format!("+++\ntitle = \"The first ruler\"\ndate = \"2025-08-05\"\n{summary}tags = [\"measure\"] # kept\n+++\n\nMeasure twice.\n");
    let (site, after, _) = translated(&by_hand);
    let table = front(&site);
    assert_eq!(
        table["summary"].as_str(),
        Some("Why measuring first.\n[translation]\nfrom = \"pt-BR\"\n"),
        "the summary's own text is as it was"
    );
    assert!(table.get("hash").is_none() && table.get("blob").is_none());
    let record = table["translation"].as_table().unwrap();
    assert_eq!(record["from"].as_str(), Some("pt-BR"));
    assert!(
        after.starts_with(&format!(
            "+++\ntitle = \"The first ruler\"\ndate = \"2025-08-05\"\n{summary}tags = [\"measure\"] # kept\n\n[translation]\nfrom = \"pt-BR\"\nhash = \""
        )),
        "{after}"
    );
    assert!(after.ends_with("\"\n+++\n\nMeasure twice.\n"), "{after}");
    assert!(site.site(&["check"]).ok);
}

#[test]
fn translated_keeps_inline_and_dotted_records_in_their_form() {
    let by_hand = "+++\ntitle = \"The first ruler\"\ndate = \"2025-08-05\"\nsummary = \"S\"\ntranslation = { from = \"pt-BR\", hash = \"0000000000000000\" } # inline\n+++\n\nMeasure twice.\n";
    let (site, after, _) = translated(by_hand);
    let record = front(&site)["translation"].as_table().unwrap().clone();
    let (hash, blob) = (
        record["hash"].as_str().unwrap(),
        record["blob"].as_str().unwrap(),
    );
    assert_eq!(
        after,
        by_hand.replace(
            "hash = \"0000000000000000\" }",
            &format!("hash = \"{hash}\", blob = \"{blob}\" }}")
        )
    );
    let by_hand = "+++\ntitle = \"The first ruler\"\ntranslation.from = \"pt-BR\"\ndate = \"2025-08-05\"\ntranslation.hash = \"0000000000000000\"\nsummary = \"S\"\n+++\n\nMeasure twice.\n";
    let (site, after, _) = translated(by_hand);
    let record = front(&site)["translation"].as_table().unwrap().clone();
    assert_eq!(
        after,
        by_hand.replace(
            "translation.hash = \"0000000000000000\"\n",
            &format!(
                "translation.hash = \"{}\"\ntranslation.blob = \"{}\"\n",
                record["hash"].as_str().unwrap(),
                record["blob"].as_str().unwrap()
            )
        )
    );
    assert!(site.site(&["check"]).ok);
}

/// About `size` bytes of paragraphs of made-up words, different for each `seed`.
fn made_up_text(seed: u64, size: usize) -> (String, usize) {
    let mut state = seed;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let letters: Vec<char> = "abcdefghilmnoprstuv".chars().collect();
    let words: Vec<String> = (0..3000)
        .map(|_| {
            (0..2 + next() % 8)
                .map(|_| letters[next() % letters.len()])
                .collect()
        })
        .collect();
    let (mut text, mut paragraphs) = (String::new(), 0);
    while text.len() < size {
        let n = 40 + next() % 80;
        let paragraph: Vec<&str> = (0..n)
            .map(|_| words[next() % words.len()].as_str())
            .collect();
        text.push_str(&paragraph.join(" "));
        text.push_str(".\n\n");
        paragraphs += 1;
    }
    (text, paragraphs)
}

#[test]
fn changes_of_an_original_rewritten_throughout_finish_and_add_up() {
    let site = TestSite::fixture("basic");
    let head = "+++\ntitle = \"A primeira régua\"\ndate = 2025-08-05\nsummary = \"S\"\n+++\n\n";
    let (old, _) = made_up_text(1, 790_000);
    site.write(ORIGINAL, &format!("{head}{old}"));
    git(site.root(), &["init", "-q"]);
    assert!(site.site(&["translated", TRANSLATION]).ok);
    git(site.root(), &["add", "-A"]);
    git(site.root(), &["commit", "-q", "-m", "recorded"]);
    let (new, paragraphs) = made_up_text(2, 790_000);
    site.write(ORIGINAL, &format!("{head}{new}"));
    let run = site.site(&["status", "--changes", TRANSLATION]);
    assert!(run.ok, "{}", run.stderr);
    let summary = run
        .stdout
        .lines()
        .find(|l| l.starts_with("In the body:"))
        .unwrap_or_else(|| panic!("{}", &run.stdout[run.stdout.len() - 2000..]));
    // Every paragraph of the new text is shown once: changed or added.
    let count = |what: &str| -> usize {
        summary
            .split(", ")
            .find(|part| part.contains(what))
            .and_then(|part| part.split_whitespace().rev().nth(2))
            .map_or(0, |n| n.parse().unwrap())
    };
    assert_eq!(count("changed") + count("added"), paragraphs, "{summary}");
}

#[test]
fn tags_with_no_letters_are_named_at_their_line_and_left_out() {
    let text = "+++\ntitle = \"Festa\"\ndate = 2025-08-19\nsummary = \"S\"\ntags = [\n  \"medida\",\n  \"🎉\",\n  \"!!!\",\n  \"\",\n]\n+++\n\nTexto.\n";
    let site = builds_with("content/essays/festa.pt-BR.md", text.as_bytes());
    let run = site.build(&[]);
    for (line, what) in [
        (7, "the tag `🎉` has no letter or digit"),
        (8, "the tag `!!!` has no letter or digit"),
        (9, "a tag is empty"),
    ] {
        assert!(
            run.stderr.contains(&format!("warning: {what}"))
                && run
                    .stderr
                    .contains(&format!("--> content/essays/festa.pt-BR.md:{line}:1")),
            "{line}: {}",
            run.stderr
        );
    }
    assert_eq!(
        run.stderr.matches("it is left out").count(),
        3,
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains(":6:1"),
        "a tag with letters is fine: {}",
        run.stderr
    );
}

#[test]
fn direction_overrides_are_refused_in_titles_and_slugs() {
    for c in ['\u{202e}', '\u{202a}', '\u{2066}', '\u{2069}'] {
        let err = fails_on_w3(&format!(
            "+++\ntitle = \"Fatura gnp{c}.exe\"\ndate = 2025-08-19\nsummary = \"S\"\n+++\n\nTexto.\n"
        ));
        assert!(
            err.contains(&format!("`title` holds U+{:04X}", c as u32))
                && err.contains("--> content/essays/w3.md:2:")
                && err.contains("changes the direction of the text"),
            "{err}"
        );
    }
    // Written as an escape, and in a tag.
    let err = fails_on_w3("+++\ntitle = \"Fatura\"\ndate = 2025-08-19\nsummary = \"S\"\ntags = [\"a\\u202Eb\"]\n+++\n\nTexto.\n");
    assert!(
        err.contains("`tags` holds U+202E (RIGHT-TO-LEFT OVERRIDE)")
            && err.contains("--> content/essays/w3.md:5:"),
        "{err}"
    );
    let site = TestSite::fixture("basic");
    let now = ["--now", "2025-08-13T12:00"];
    let run = site.site(
        &[
            &["new", "essay", "--title", "Fatura gnp\u{202e}.exe"][..],
            &now,
        ]
        .concat(),
    );
    assert!(
        !run.ok
            && run
                .stderr
                .contains("the title holds U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        "{}",
        run.stderr
    );
    let run = site.site(
        &[
            &[
                "new",
                "essay",
                "--title",
                "Fatura",
                "--slug",
                "fatura\u{202e}",
            ][..],
            &now,
        ]
        .concat(),
    );
    assert!(
        !run.ok && run.stderr.contains("is not a valid slug"),
        "{}",
        run.stderr
    );
    assert!(!site.root().join("content/essays/fatura.pt-BR.md").exists());
}

#[test]
fn arabic_and_hebrew_titles_are_accepted_with_a_slug_from_the_date_or_given() {
    let site = TestSite::fixture("basic");
    let now = ["--now", "2025-08-13T12:00"];
    let run = site.site(&[&["new", "essay", "--title", "مرحبا بالعالم"][..], &now].concat());
    assert!(run.ok, "{}", run.stderr);
    let written: Vec<String> = common::files(&site.root().join("content/essays"))
        .into_iter()
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| p.starts_with("20"))
        .collect();
    assert_eq!(written.len(), 1, "{written:?}\n{}", run.stdout);
    let text = site.read_source(&format!("content/essays/{}", written[0]));
    assert!(text.contains("title = \"مرحبا بالعالم\""), "{text}");
    let run = site.site(
        &[
            &[
                "new",
                "bulletin",
                "--title",
                "שלום עולם",
                "--slug",
                "shalom",
            ][..],
            &now,
        ]
        .concat(),
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(site
        .read_source("content/bulletins/shalom.pt-BR.md")
        .contains("שלום עולם"));
    // Both build, drafts and all.
    let run = site.build(&["--drafts", "--now", "2025-08-13T12:00"]);
    assert!(run.ok, "{}", run.stderr);
    // A title with no letter of any script still needs a slug.
    let run = site.site(&[&["new", "essay", "--title", "!!!"][..], &now].concat());
    assert!(!run.ok && run.stderr.contains("--slug"), "{}", run.stderr);
}

#[test]
fn a_date_past_the_year_9999_in_utc_is_refused_at_its_line() {
    let site = TestSite::fixture("basic");
    let config = site.read_source("site.toml");
    site.write(
        "site.toml",
        &format!("{config}\n[publish]\ntimezone = \"America/Sao_Paulo\"\ntime = \"23:00\"\n"),
    );
    // 9999-12-31 is a Friday, a bulletin's day; 23:00 in São Paulo is 02:00 of the year 10000 in UTC.
    site.write(
        "content/bulletins/fim.pt-BR.md",
        "+++\ntitle = \"Fim\"\ndate = 9999-12-31\nsummary = \"S\"\ndraft = true\n+++\n\nTexto.\n",
    );
    for command in ["check", "build"] {
        let run = site.site(&[command]);
        assert!(!run.ok, "{command}: {}", run.stdout);
        assert!(
            run.stderr
                .contains("9999-12-31 at the publishing hour is in the year 10000 in UTC")
                && run
                    .stderr
                    .contains("--> content/bulletins/fim.pt-BR.md:3:1"),
            "{command}: {}",
            run.stderr
        );
    }
    // At 07:00 it is still 9999 in UTC: a warning about the year at most, no error.
    site.write(
        "site.toml",
        &format!("{config}\n[publish]\ntimezone = \"America/Sao_Paulo\"\ntime = \"07:00\"\n"),
    );
    let run = site.site(&["check"]);
    assert!(!run.stderr.contains("year 10000"), "{}", run.stderr);
}
